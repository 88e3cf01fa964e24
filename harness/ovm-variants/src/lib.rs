#![doc = include_str!("../README.md")]

use ovm_chain::{CreationCodes, deployment::DEPLOYMENT_ORDER};
use ovm_core::{Bytes, keccak256};
use serde_json::{Value, json};
use std::{
    collections::BTreeMap,
    io::Write as _,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

/// Why a variant could not be built.
#[derive(Debug, thiserror::Error)]
pub enum VariantError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A patch list is not the JSON expected.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A patch's text does not occur exactly once in its file.
    #[error("patch of {file}: {from:?} occurs {count} times (must be exactly once)")]
    Patch {
        /// The patched file.
        file: String,
        /// The text to replace.
        from: String,
        /// How often it occurs.
        count: usize,
    },
    /// The compiler did not run, reported errors, or its output lacks what was asked for.
    #[error("solc: {0}")]
    Compiler(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> VariantError + '_ {
    move |source| VariantError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The project's `contracts/` folder.
pub fn contracts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../contracts")
}

/// One text replacement in one source file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct Patch {
    /// The file, relative to `contracts/` (e.g. `src/UniversalAdjudicationContract.sol`).
    pub file: String,
    /// The text replaced (must occur exactly once).
    pub from: String,
    /// Its replacement.
    pub to: String,
    /// What the patch does, for the reader.
    #[serde(default)]
    pub why: String,
}

/// Reads a patch list (`[{"file", "from", "to", "why"}]`).
pub fn read_patches(path: &Path) -> Result<Vec<Patch>, VariantError> {
    let text = std::fs::read_to_string(path).map_err(io(path))?;
    serde_json::from_str(&text).map_err(|e| VariantError::Format {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// Solidity sources by path relative to `contracts/`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources(BTreeMap<String, String>);

impl Sources {
    /// The bundled contracts' sources (`contracts/src/**.sol`).
    pub fn bundled() -> Result<Self, VariantError> {
        let root = contracts_dir();
        let mut out = BTreeMap::new();
        collect(&root.join("src"), &root, &mut out)?;
        Ok(Self(out))
    }

    /// Replaces `from` (which must occur exactly once) by `to` in `file`.
    pub fn patch(&mut self, file: &str, from: &str, to: &str) -> Result<(), VariantError> {
        let text = self.0.get_mut(file);
        let count = text.as_ref().map_or(0, |t| t.matches(from).count());
        match text {
            Some(text) if count == 1 => {
                *text = text.replacen(from, to, 1);
                Ok(())
            }
            _ => Err(VariantError::Patch {
                file: file.to_owned(),
                from: from.to_owned(),
                count,
            }),
        }
    }

    /// Applies every patch of `patches`, in order.
    pub fn patched(mut self, patches: &[Patch]) -> Result<Self, VariantError> {
        for p in patches {
            self.patch(&p.file, &p.from, &p.to)?;
        }
        Ok(self)
    }

    /// Adds (or replaces) the file `file`.
    pub fn add(&mut self, file: &str, text: &str) {
        self.0.insert(file.to_owned(), text.to_owned());
    }

    /// Compiles the sources with the project's solc settings, once per distinct input: the
    /// output is cached in `cache_dir` by the input's hash.
    pub fn compile(&self, cache_dir: &Path) -> Result<Compiled, VariantError> {
        let sources: serde_json::Map<String, Value> = self
            .0
            .iter()
            .map(|(k, v)| (k.clone(), json!({ "content": v })))
            .collect();
        let input = json!({
            "language": "Solidity",
            "sources": sources,
            "settings": {
                "optimizer": {"enabled": false},
                "evmVersion": "prague",
                "metadata": {"bytecodeHash": "none"},
                "outputSelection": {"*": {"*": ["evm.bytecode.object", "evm.bytecode.linkReferences"]}},
            },
        })
        .to_string();
        let cache = cache_dir.join(format!("{}.json", keccak256(input.as_bytes())));
        let output = match std::fs::read_to_string(&cache) {
            Ok(text) => text,
            Err(_) => {
                let text = run_solc(&input)?;
                std::fs::create_dir_all(cache_dir).map_err(io(cache_dir))?;
                std::fs::write(&cache, &text).map_err(io(&cache))?;
                text
            }
        };
        let json: Value = serde_json::from_str(&output)
            .map_err(|e| VariantError::Compiler(format!("output is not JSON: {e}")))?;
        let fatal: Vec<String> = json["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["severity"] == "error")
            .map(|e| e["formattedMessage"].as_str().unwrap_or("?").to_owned())
            .collect();
        if !fatal.is_empty() {
            let _ = std::fs::remove_file(&cache);
            return Err(VariantError::Compiler(fatal.join("\n")));
        }
        Ok(Compiled(json))
    }
}

fn collect(
    dir: &Path,
    root: &Path,
    out: &mut BTreeMap<String, String>,
) -> Result<(), VariantError> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let path = entry.map_err(io(dir))?.path();
        if path.is_dir() {
            collect(&path, root, out)?;
        } else if path.extension().is_some_and(|e| e == "sol") {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            out.insert(name, std::fs::read_to_string(&path).map_err(io(&path))?);
        }
    }
    Ok(())
}

/// Runs `$SOLC` (or `contracts/bin/solc`) on a standard-JSON input.
fn run_solc(input: &str) -> Result<String, VariantError> {
    let solc =
        std::env::var_os("SOLC").map_or_else(|| contracts_dir().join("bin/solc"), PathBuf::from);
    let spawn_error = |e: std::io::Error| {
        VariantError::Compiler(format!(
            "cannot run {} ({e}; npm ci --prefix contracts)",
            solc.display()
        ))
    };
    let mut child = Command::new(&solc)
        .arg("--standard-json")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(spawn_error)?;
    child
        .stdin
        .take()
        .ok_or_else(|| VariantError::Compiler("no stdin".into()))?
        .write_all(input.as_bytes())
        .map_err(spawn_error)?;
    let out = child.wait_with_output().map_err(spawn_error)?;
    String::from_utf8(out.stdout).map_err(|e| VariantError::Compiler(e.to_string()))
}

/// The creation codes of the bundled contracts with `patches` (`file`, `from`, `to`; each
/// `from` must occur exactly once) applied, compiled once per distinct input and cached in
/// `cache_dir`. What a test that plants a bug in the contracts needs.
pub fn patched_codes(
    patches: &[(&str, &str, &str)],
    cache_dir: &Path,
) -> Result<CreationCodes, VariantError> {
    let mut sources = Sources::bundled()?;
    for (file, from, to) in patches {
        sources.patch(file, from, to)?;
    }
    sources.compile(cache_dir)?.codes()
}

/// A compiler's standard-JSON output.
#[derive(Clone, Debug)]
pub struct Compiled(Value);

impl Compiled {
    /// Each compiled contract: (source file, contract name, its output).
    fn contracts(&self) -> impl Iterator<Item = (&str, &str, &Value)> {
        self.0["contracts"]
            .as_object()
            .into_iter()
            .flatten()
            .flat_map(|(file, unit)| {
                unit.as_object()
                    .into_iter()
                    .flatten()
                    .map(move |(name, c)| (file.as_str(), name.as_str(), c))
            })
    }

    /// The sixteen creation codes (every one must be linked: no library references).
    pub fn codes(&self) -> Result<CreationCodes, VariantError> {
        let mut named = Vec::new();
        for (_, name, contract) in self.contracts() {
            if DEPLOYMENT_ORDER.contains(&name) {
                let hex = contract["evm"]["bytecode"]["object"].as_str().unwrap_or("");
                let code: Bytes = format!("0x{hex}")
                    .parse()
                    .map_err(|e| VariantError::Compiler(format!("{name}: bytecode: {e}")))?;
                named.push((name.to_owned(), code));
            }
        }
        CreationCodes::from_named(named).map_err(|e| VariantError::Compiler(e.to_string()))
    }

    /// Writes `dir/<Name>.json` for each contract named in `names` (solc shape:
    /// `evm.bytecode.object` and `evm.bytecode.linkReferences`); returns the files written.
    pub fn write_artifacts(
        &self,
        dir: &Path,
        names: &[&str],
    ) -> Result<Vec<PathBuf>, VariantError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let mut written = Vec::new();
        for name in names {
            let (_, _, contract) = self
                .contracts()
                .find(|(_, n, _)| n == name)
                .ok_or_else(|| VariantError::Compiler(format!("no contract named {name}")))?;
            let path = dir.join(format!("{name}.json"));
            let artifact = json!({ "evm": { "bytecode": contract["evm"]["bytecode"].clone() } });
            std::fs::write(&path, format!("{artifact:#}\n")).map_err(io(&path))?;
            written.push(path);
        }
        Ok(written)
    }
}
