//! Provides the contracts' bytecode and ABIs to the crate, in `$OUT_DIR`:
//!
//! - `artifacts/<Contract>.json`: `{abi, bytecode: {object}, deployedBytecode: {object}}`, the
//!   shape `alloy_sol_types::sol!(Name, "…/Name.json")` reads (typed calls, events, errors and
//!   bytecode);
//! - `build.json`: the record of what they were built from (see [`committed`]);
//! - `manifest.rs`: the solc version, every contract's source file and code hashes, and where
//!   the bytecode came from, included by `src/artifacts.rs`.
//!
//! The artifacts normally come as they are from the committed copy in `contracts/artifacts/`,
//! so a crate that depends on the harness builds with neither Node nor solc. Only when that copy
//! does not match the sources (its recorded inputs hash differs from the hash of `contracts/src`,
//! the solc pin and the settings, see [`inputs`]) are the sources compiled ([`compile`]), which
//! needs solc-js (`npm ci --prefix contracts`) or `$SOLC`; the crate's test
//! `tests/artifacts.rs` then fails until `cargo run -p ovm-chain --bin refresh-artifacts`
//! commits the fresh build. Cargo re-runs this script only when a `.sol` file, the committed
//! artifacts, the solc wrapper, the npm files or `$SOLC` change.

mod committed;
mod compile;
mod inputs;
mod outputs;

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

/// The command that refreshes `contracts/artifacts/` (printed in every staleness message).
const REFRESH: &str = "npm ci --prefix contracts && cargo run -p ovm-chain --bin refresh-artifacts";

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
    println!("cargo:rerun-if-changed=build");

    // <workspace>/harness/ovm-chain → <workspace>/contracts, unless overridden.
    let contracts = match std::env::var_os("OVM_CONTRACTS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => manifest_dir.join("../../contracts"),
    };
    let contracts = contracts
        .canonicalize()
        .map_err(|e| format!("contracts folder {} not found: {e}", contracts.display()))?;
    for watched in [
        "src",
        "artifacts",
        "bin/solc",
        "package.json",
        "package-lock.json",
    ] {
        println!(
            "cargo:rerun-if-changed={}",
            contracts.join(watched).display()
        );
    }

    let inputs = inputs::Inputs::scan(&contracts)?;
    for file in &inputs.files {
        println!(
            "cargo:rerun-if-changed={}",
            contracts.join(&file.path).display()
        );
    }
    let committed_dir = contracts.join("artifacts");
    let bundle = match committed::read(&committed_dir) {
        Ok(bundle) if bundle.record.inputs == inputs.hash => bundle,
        found => {
            let why = match found {
                Ok(bundle) => format!(
                    "{} records inputs {} but contracts/src, the solc pin and the settings hash \
                     to {}",
                    committed_dir.join(committed::RECORD).display(),
                    bundle.record.inputs,
                    inputs.hash
                ),
                Err(err) => err,
            };
            compile_instead(&contracts, &out_dir, &inputs, &why)?
        }
    };
    let workspace = manifest_dir
        .join("../..")
        .canonicalize()
        .map_err(|e| format!("workspace root not found: {e}"))?;
    outputs::write(&out_dir, &contracts, &workspace, &bundle)
}

/// Compiles the sources because the committed artifacts cannot be used (`why`), or explains
/// what is needed to do so.
fn compile_instead(
    contracts: &Path,
    out_dir: &Path,
    inputs: &inputs::Inputs,
    why: &str,
) -> Result<committed::Bundle, String> {
    let Some(solc) = compile::compiler(contracts)? else {
        return Err(format!(
            "the committed contract artifacts cannot be used: {why}.\nCompiling the sources \
             needs solc-js or a native solc, and neither is available. Refresh the artifacts \
             with `{REFRESH}` (or set SOLC to a native solc binary)."
        ));
    };
    println!(
        "cargo:warning=contracts/artifacts is stale ({why}); compiled contracts/src instead. \
         Refresh it with `{REFRESH}`."
    );
    let mut bundle = compile::compile(contracts, out_dir, solc, inputs)?;
    bundle.stale = Some(why.to_owned());
    Ok(bundle)
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set (run through cargo)"))
}
