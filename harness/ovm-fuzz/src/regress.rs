//! Regression vectors: writing a shrunk failure (one file per divergence signature, created on
//! demand, never overwritten) where asked. A regression is an ordinary vector: the
//! conformance runner (`tests/vectors.rs`, `ovm-conformance replay FILE`) runs it like any
//! other.

use crate::{
    found::{Found, Layer},
    layers::regression_info,
};
use ovm_vectors::{VectorFile, to_pretty_json};
use std::path::{Path, PathBuf};

/// Set to any value to disable writing regression vectors (mutant tests, exploratory runs).
pub const NO_WRITE_ENV: &str = "OVM_FUZZ_NO_WRITE";

/// Overrides the directory regression vectors are written to.
pub const DIR_ENV: &str = "OVM_FUZZ_REGRESSIONS_DIR";

/// The repository's regression directory, `vectors/regressions/`.
pub fn default_dir() -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // harness/ovm-fuzz → the workspace root.
    let root = crate_dir.ancestors().nth(2).unwrap_or(crate_dir);
    root.join("vectors").join("regressions")
}

/// Where (and whether) regression vectors are written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteMode {
    /// Never write.
    Never,
    /// Write into this directory (created on demand).
    Dir(PathBuf),
}

impl WriteMode {
    /// The project's own `cargo test` campaign (`tests/layers.rs`, against the bundled
    /// contracts): [`WriteMode::Never`] if [`NO_WRITE_ENV`] is set, else [`DIR_ENV`] or
    /// [`default_dir`]. Nothing else writes into the repository unless asked: campaigns default
    /// to [`WriteMode::Never`] and the CLI writes only with `--write-regressions DIR`.
    pub fn from_env() -> Self {
        if std::env::var_os(NO_WRITE_ENV).is_some() {
            return Self::Never;
        }
        Self::Dir(std::env::var_os(DIR_ENV).map_or_else(default_dir, PathBuf::from))
    }
}

/// The file name of what `layer` found: `<layer>-<class>-<subject>.json`, lowercase.
pub fn file_name(layer: Layer, found: &Found) -> String {
    let raw = format!("{layer}-{}-{}", found.class(), found.subject());
    let mut name: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while name.contains("--") {
        name = name.replace("--", "-");
    }
    format!("{}.json", name.trim_matches('-'))
}

/// Writes `vector` for what `layer` found, against the contracts `found_against` (their
/// `Contracts::identity`), if writing is on and no file of that signature exists yet; the
/// path of the signature's file.
pub fn write(
    mode: &WriteMode,
    layer: Layer,
    found: &Found,
    vector: Option<VectorFile>,
    seed_note: &str,
    found_against: &str,
) -> Option<PathBuf> {
    let WriteMode::Dir(dir) = mode else {
        return None;
    };
    let mut vector = vector?;
    let path = dir.join(file_name(layer, found));
    if path.exists() {
        return Some(path);
    }
    vector.info = regression_info(layer, found, seed_note);
    vector.info.found_against = Some(found_against.to_owned());
    if vector.validate().is_err() {
        return None;
    }
    std::fs::create_dir_all(dir).ok()?;
    std::fs::write(&path, to_pretty_json(&vector)).ok()?;
    Some(path)
}
