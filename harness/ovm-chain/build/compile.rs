//! Compiling `contracts/src` with foundry-compilers 0.21 and solc = `$SOLC` if set, else the
//! solc-js wrapper `contracts/bin/solc` (which needs `npm ci --prefix contracts`).
//!
//! The build is ephemeral (no foundry cache, a fresh folder in `$OUT_DIR`): the cache can keep
//! artifacts of an older solc and silently feed stale bytecode to the bindings.

use crate::{
    committed::{Bundle, Compiled, Record},
    inputs::Inputs,
};
use foundry_compilers::{
    ProjectBuilder, ProjectPathsConfig,
    artifacts::{
        BytecodeHash, EvmVersion, Optimizer, Settings, SettingsMetadata,
        output_selection::OutputSelection,
    },
    compilers::solc::{Solc, SolcCompiler, SolcLanguage, SolcSettings},
};
use std::{collections::BTreeMap, fs, path::Path};

/// The compiler settings [`settings`] builds, as hashed into the inputs and recorded with the
/// artifacts. Change both together.
pub const SETTINGS: &str = "optimizer off; evmVersion prague; metadata.bytecodeHash none; \
                            outputs abi, evm.bytecode.object, evm.deployedBytecode.object, \
                            evm.deployedBytecode.sourceMap";

/// The compiler to use: `$SOLC`, else the solc-js wrapper when solc-js is installed, else none.
pub fn compiler(contracts: &Path) -> Result<Option<Solc>, String> {
    let path = match std::env::var_os("SOLC") {
        Some(path) if !path.is_empty() => path.into(),
        _ if contracts.join("node_modules/solc").is_dir() => contracts.join("bin/solc"),
        _ => return Ok(None),
    };
    Solc::new(&path)
        .map(Some)
        .map_err(|e| format!("cannot run solc at {}: {e}", path.display()))
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
        [
            "abi",
            "evm.bytecode.object",
            "evm.deployedBytecode.object",
            "evm.deployedBytecode.sourceMap",
        ]
        .map(String::from),
    );
    SolcSettings {
        settings,
        ..Default::default()
    }
}

/// Compiles the sources `inputs` describes into a [`Bundle`].
pub fn compile(
    contracts: &Path,
    out_dir: &Path,
    solc: Solc,
    inputs: &Inputs,
) -> Result<Bundle, String> {
    let solc_version = solc.version.to_string();
    if !solc_version.starts_with(&inputs.solc_pin) {
        println!(
            "cargo:warning=solc {solc_version} is not the pinned {} (contracts/package.json): \
             its bytecode will not match the committed artifacts",
            inputs.solc_pin
        );
    }
    let scratch = out_dir.join("solc-scratch");
    let _ = fs::remove_dir_all(&scratch);
    let paths = ProjectPathsConfig::builder()
        .root(contracts)
        .sources(contracts.join("src"))
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
        let deployed = evm
            .and_then(|evm| evm.deployed_bytecode.as_ref())
            .and_then(|d| d.bytecode.as_ref());
        let runtime = deployed
            .and_then(|b| b.object.as_bytes().map(|bytes| bytes.to_vec()))
            .unwrap_or_default();
        let runtime_source_map = deployed
            .and_then(|b| b.source_map.clone())
            .unwrap_or_default();
        let source = relative(contracts, file);
        let entry = Compiled {
            source: source.clone(),
            abi,
            creation,
            runtime,
            runtime_source_map,
        };
        if let Some(previous) = compiled.insert(name.clone(), entry) {
            return Err(format!(
                "contract name {name} is defined twice ({} and {source}); names must be unique",
                previous.source
            ));
        }
    }
    let sources = output
        .output()
        .sources
        .sources()
        .map(|(file, source)| (relative(contracts, file), u64::from(source.id)))
        .collect();
    let _ = fs::remove_dir_all(&scratch);
    Ok(Bundle {
        record: Record {
            solc: solc_version,
            settings: SETTINGS.to_owned(),
            inputs: inputs.hash.clone(),
            sources,
        },
        contracts: compiled,
        stale: None,
    })
}

/// `file` relative to the contracts folder, `/`-separated (`src/predicates/NotPredicate.sol`).
fn relative(contracts: &Path, file: &Path) -> String {
    file.strip_prefix(contracts)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/")
}
