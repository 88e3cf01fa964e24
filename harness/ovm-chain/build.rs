//! Compiles `contracts/src` with foundry-compilers (solc = `$SOLC`, else the solc-js wrapper
//! `contracts/bin/solc`) and writes, into `$OUT_DIR`:
//!
//! - `artifacts/<Contract>.json`: `{abi, bytecode: {object}, deployedBytecode: {object}}`, the
//!   shape `alloy_sol_types::sol!(Name, "…/Name.json")` reads (typed calls, events, errors and
//!   bytecode);
//! - `manifest.rs`: the solc version, every contract's source file and the keccak of its
//!   creation and runtime bytecode, included by `src/artifacts.rs`.
//!
//! The build is ephemeral (no foundry cache, fresh output folder): the cache can keep artifacts
//! of an older solc and silently feed stale bytecode to the bindings. Cargo re-runs this script
//! only when a `.sol` file, the solc wrapper, the npm lock file or `$SOLC` changes, so an
//! unchanged second build never starts the compiler.

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    fs,
    path::{Path, PathBuf},
    process::ExitCode,
};

use alloy_primitives::keccak256;
use foundry_compilers::{
    ProjectBuilder, ProjectPathsConfig,
    artifacts::{
        BytecodeHash, EvmVersion, Optimizer, Settings, SettingsMetadata,
        output_selection::OutputSelection,
    },
    compilers::solc::{Solc, SolcCompiler, SolcLanguage, SolcSettings},
};

/// One compiled contract, as written to the artifacts folder.
struct Compiled {
    source: String,
    abi: serde_json::Value,
    creation: Vec<u8>,
    runtime: Vec<u8>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(env("OUT_DIR")?);
    println!("cargo:rerun-if-env-changed=SOLC");
    println!("cargo:rerun-if-env-changed=OVM_CONTRACTS_DIR");
    println!("cargo:rerun-if-changed=build.rs");

    // <workspace>/harness/ovm-chain → <workspace>/contracts, unless overridden.
    let contracts = match std::env::var_os("OVM_CONTRACTS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => manifest_dir.join("../../contracts"),
    };
    let contracts = contracts
        .canonicalize()
        .map_err(|e| format!("contracts folder {} not found: {e}", contracts.display()))?;
    let sources = contracts.join("src");
    let wrapper = contracts.join("bin/solc");

    println!("cargo:rerun-if-changed={}", sources.display());
    println!("cargo:rerun-if-changed={}", wrapper.display());
    println!(
        "cargo:rerun-if-changed={}",
        contracts.join("package-lock.json").display()
    );
    let mut sol_files = Vec::new();
    collect_sol_files(&sources, &mut sol_files)?;
    sol_files.sort();
    for file in &sol_files {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    if sol_files.is_empty() {
        return Err(format!("no .sol files under {}", sources.display()));
    }

    let solc_path = match std::env::var_os("SOLC") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => {
            if !contracts.join("node_modules").is_dir() {
                return Err(format!(
                    "solc-js is not installed ({} is missing): run `npm ci --prefix contracts` \
                     in the workspace root, or set SOLC to a native solc binary",
                    contracts.join("node_modules").display()
                ));
            }
            wrapper
        }
    };
    let solc = Solc::new(&solc_path)
        .map_err(|e| format!("cannot run solc at {}: {e}", solc_path.display()))?;
    let solc_version = solc.version.to_string();

    let compiled = compile(&contracts, &sources, &out_dir, solc)?;
    write_outputs(&out_dir, &contracts, &solc_version, &compiled)
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set (run through cargo)"))
}

fn collect_sol_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            collect_sol_files(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "sol") {
            out.push(path);
        }
    }
    Ok(())
}

fn settings() -> SolcSettings {
    let mut settings = Settings {
        optimizer: Optimizer {
            enabled: Some(false),
            runs: None,
            details: None,
        },
        evm_version: Some(EvmVersion::Prague),
        metadata: Some(SettingsMetadata::from(BytecodeHash::None)),
        ..Default::default()
    };
    settings.output_selection = OutputSelection::common_output_selection(
        ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"].map(String::from),
    );
    SolcSettings {
        settings,
        ..Default::default()
    }
}

fn compile(
    contracts: &Path,
    sources: &Path,
    out_dir: &Path,
    solc: Solc,
) -> Result<BTreeMap<String, Compiled>, String> {
    let scratch = out_dir.join("solc-scratch");
    let _ = fs::remove_dir_all(&scratch);
    let paths = ProjectPathsConfig::builder()
        .root(contracts)
        .sources(sources)
        .artifacts(scratch.join("out"))
        .cache(scratch.join("cache/solidity-files-cache.json"))
        .build_infos(scratch.join("build-info"))
        .no_libs()
        .build::<SolcLanguage>()
        .map_err(|e| format!("bad contracts layout: {e}"))?;
    let project = ProjectBuilder::<SolcCompiler>::default()
        .paths(paths)
        .settings(settings())
        .ephemeral()
        .no_artifacts()
        .offline()
        .build(SolcCompiler::Specific(solc))
        .map_err(|e| format!("cannot set up the solc project: {e}"))?;
    let output = project.compile().map_err(|e| format!("solc failed: {e}"))?;
    if output.has_compiler_errors() {
        // solc's own diagnostics, with file:line and the offending source excerpt.
        return Err(format!("Solidity compilation failed:\n{output}"));
    }
    if output.has_compiler_warnings() {
        for line in output.to_string().lines().filter(|l| !l.trim().is_empty()) {
            println!("cargo:warning=solc: {line}");
        }
    }

    let mut compiled = BTreeMap::new();
    for (file, name, contract) in output.output().contracts_with_files_iter() {
        let abi = contract
            .abi
            .as_ref()
            .map(serde_json::to_value)
            .transpose()
            .map_err(|e| format!("ABI of {name}: {e}"))?
            .unwrap_or(serde_json::Value::Array(Vec::new()));
        let evm = contract.evm.as_ref();
        let creation = evm
            .and_then(|evm| evm.bytecode.as_ref())
            .map(|b| {
                b.object
                    .as_bytes()
                    .map(|bytes| bytes.to_vec())
                    .ok_or_else(|| format!("{name} has unlinked library references"))
            })
            .transpose()?
            .unwrap_or_default();
        let runtime = evm
            .and_then(|evm| evm.deployed_bytecode.as_ref())
            .and_then(|d| d.bytecode.as_ref())
            .map(|b| {
                b.object
                    .as_bytes()
                    .map(|bytes| bytes.to_vec())
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        let source = file
            .strip_prefix(contracts)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        let entry = Compiled {
            source: source.clone(),
            abi,
            creation,
            runtime,
        };
        if let Some(previous) = compiled.insert(name.clone(), entry) {
            return Err(format!(
                "contract name {name} is defined twice ({} and {source}); names must be unique",
                previous.source
            ));
        }
    }
    let _ = fs::remove_dir_all(&scratch);
    Ok(compiled)
}

fn write_outputs(
    out_dir: &Path,
    contracts: &Path,
    solc_version: &str,
    compiled: &BTreeMap<String, Compiled>,
) -> Result<(), String> {
    let artifacts = out_dir.join("artifacts");
    let _ = fs::remove_dir_all(&artifacts);
    fs::create_dir_all(&artifacts)
        .map_err(|e| format!("cannot create {}: {e}", artifacts.display()))?;
    let mut manifest = String::new();
    writeln!(manifest, "/// solc version that built the artifacts.").unwrap();
    writeln!(manifest, "pub const SOLC_VERSION: &str = {solc_version:?};").unwrap();
    writeln!(
        manifest,
        "/// Contracts folder the artifacts were built from."
    )
    .unwrap();
    writeln!(
        manifest,
        "pub const CONTRACTS_DIR: &str = {:?};",
        contracts.display().to_string()
    )
    .unwrap();
    writeln!(manifest, "/// Every compiled contract, sorted by name.").unwrap();
    writeln!(manifest, "pub const CONTRACTS: &[ContractInfo] = &[").unwrap();
    for (name, c) in compiled {
        let json = serde_json::json!({
            "abi": c.abi,
            "bytecode": { "object": format!("0x{}", hex(&c.creation)) },
            "deployedBytecode": { "object": format!("0x{}", hex(&c.runtime)) },
        });
        let path = artifacts.join(format!("{name}.json"));
        let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        writeln!(
            manifest,
            "    ContractInfo {{ name: {name:?}, source: {:?}, creation_code_hash: {}, \
             runtime_code_hash: {}, runtime_code_len: {} }},",
            c.source,
            bytes32(keccak256(&c.creation).as_slice()),
            bytes32(keccak256(&c.runtime).as_slice()),
            c.runtime.len(),
        )
        .unwrap();
    }
    writeln!(manifest, "];").unwrap();
    let path = out_dir.join("manifest.rs");
    fs::write(&path, manifest).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn bytes32(bytes: &[u8]) -> String {
    format!(
        "alloy_primitives::B256::new([{}])",
        bytes
            .iter()
            .map(|b| format!("{b}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}
