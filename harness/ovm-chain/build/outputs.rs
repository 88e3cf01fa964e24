//! Writes a [`Bundle`] into `$OUT_DIR`: `artifacts/<Contract>.json` and `build.json` (what the
//! crate's bindings read, and what `refresh-artifacts` copies into `contracts/artifacts/`), and
//! `manifest.rs` (included by `src/artifacts.rs`).

use crate::committed::{Bundle, RECORD};
use alloy_primitives::keccak256;
use std::{fmt::Write as _, fs, path::Path};

/// Writes every output of `bundle`; `workspace` is the root the source paths are shown
/// relative to (`contracts/src/…`).
pub fn write(
    out_dir: &Path,
    contracts: &Path,
    workspace: &Path,
    bundle: &Bundle,
) -> Result<(), String> {
    let artifacts = out_dir.join("artifacts");
    let _ = fs::remove_dir_all(&artifacts);
    fs::create_dir_all(&artifacts)
        .map_err(|e| format!("cannot create {}: {e}", artifacts.display()))?;
    for (name, compiled) in &bundle.contracts {
        write_file(
            &artifacts.join(format!("{name}.json")),
            &compiled.artifact_json(),
        )?;
    }
    write_file(&artifacts.join(RECORD), &bundle.record_json())?;
    write_file(
        &out_dir.join("manifest.rs"),
        &manifest(contracts, workspace, bundle),
    )
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn manifest(contracts: &Path, workspace: &Path, bundle: &Bundle) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line("/// solc version that built the artifacts.".into());
    line(format!(
        "pub const SOLC_VERSION: &str = {:?};",
        bundle.record.solc
    ));
    line("/// Contracts folder the artifacts were built from.".into());
    line(format!(
        "pub const CONTRACTS_DIR: &str = {:?};",
        contracts.display().to_string()
    ));
    line("/// The inputs hash of the sources the artifacts were compiled from.".into());
    line(format!(
        "pub const INPUTS_HASH: &str = {:?};",
        bundle.record.inputs
    ));
    line(
        "/// Why the committed artifacts were not used (the sources were compiled instead), if so."
            .into(),
    );
    line(format!(
        "pub const STALE: Option<&str> = {:?};",
        bundle.stale
    ));
    line("/// Every compiled contract, sorted by name.".into());
    line("pub const CONTRACTS: &[ContractInfo] = &[".into());
    for (name, c) in &bundle.contracts {
        line(format!(
            "    ContractInfo {{ name: {name:?}, source: {:?}, creation_code_hash: {}, \
             runtime_code_hash: {}, runtime_code_len: {}, runtime_source_map: {:?} }},",
            c.source,
            bytes32(keccak256(&c.creation).as_slice()),
            bytes32(keccak256(&c.runtime).as_slice()),
            c.runtime.len(),
            c.runtime_source_map,
        ));
    }
    line("];".into());
    line(
        "/// The contracts folder relative to the workspace root (absolute when outside it)."
            .into(),
    );
    let shown = contracts.strip_prefix(workspace).unwrap_or(contracts);
    line(format!(
        "pub const SOURCE_ROOT: &str = {:?};",
        shown.to_string_lossy().replace('\\', "/")
    ));
    line("/// Every source file of the build with its solc id, sorted by path.".into());
    line("pub const SOURCES: &[SourceInfo] = &[".into());
    for (path, id) in &bundle.record.sources {
        line(format!(
            "    SourceInfo {{ id: {id}, path: {path:?}, text: include_str!({:?}) }},",
            contracts.join(path).display().to_string()
        ));
    }
    line("];".into());
    out
}

fn bytes32(bytes: &[u8]) -> String {
    let mut out = String::from("alloy_primitives::B256::new([");
    for (i, b) in bytes.iter().enumerate() {
        let _ = write!(out, "{}{b}", if i == 0 { "" } else { ", " });
    }
    out.push_str("])");
    out
}
