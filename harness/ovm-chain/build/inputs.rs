//! What a build of the contracts depends on, and the one hash that names it: every `.sol` file
//! under `contracts/src` (path and bytes), the solc version pinned in `contracts/package.json`,
//! and the compiler settings ([`compile::SETTINGS`](crate::compile::SETTINGS)).

use crate::compile::SETTINGS;
use alloy_primitives::keccak256;
use std::{
    fs,
    path::{Path, PathBuf},
};

/// Version tag of the hashed layout below; bump it when the layout changes.
const LAYOUT: &str = "ovm-contracts-inputs/1";

/// One source file.
pub struct Source {
    /// Relative to the contracts folder, `/`-separated (`src/predicates/NotPredicate.sol`).
    pub path: String,
    /// Its bytes.
    pub text: Vec<u8>,
}

/// Everything a build depends on.
pub struct Inputs {
    /// The sources, sorted by path.
    pub files: Vec<Source>,
    /// The solc version `contracts/package.json` pins (`0.8.30`).
    pub solc_pin: String,
    /// `keccak256` over [`LAYOUT`], the pin, [`SETTINGS`] and every file, as `0x` + hex.
    pub hash: String,
}

impl Inputs {
    /// Reads the sources and the pin of `contracts`.
    pub fn scan(contracts: &Path) -> Result<Self, String> {
        let mut paths = Vec::new();
        collect_sol_files(&contracts.join("src"), &mut paths)?;
        if paths.is_empty() {
            return Err(format!(
                "no .sol files under {}",
                contracts.join("src").display()
            ));
        }
        let mut files = paths
            .into_iter()
            .map(|path| {
                let text =
                    fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let relative = path.strip_prefix(contracts).unwrap_or(&path);
                let parts: Vec<_> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                Ok(Source {
                    path: parts.join("/"),
                    text,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let solc_pin = solc_pin(&contracts.join("package.json"))?;

        let mut buf = Vec::new();
        for line in [LAYOUT, &solc_pin, SETTINGS] {
            buf.extend_from_slice(line.as_bytes());
            buf.push(b'\n');
        }
        for file in &files {
            buf.extend_from_slice(format!("{} {}\n", file.path, file.text.len()).as_bytes());
            buf.extend_from_slice(&file.text);
        }
        let hash = format!("{}", keccak256(&buf));
        Ok(Self {
            files,
            solc_pin,
            hash,
        })
    }
}

fn solc_pin(package_json: &Path) -> Result<String, String> {
    let text = fs::read_to_string(package_json)
        .map_err(|e| format!("cannot read {}: {e}", package_json.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not JSON: {e}", package_json.display()))?;
    json.pointer("/dependencies/solc")
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .ok_or_else(|| {
            format!(
                "{}: no dependencies.solc (the pinned solc-js version)",
                package_json.display()
            )
        })
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
