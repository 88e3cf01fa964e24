//! The committed list of equivalent mutants (`harness/ovm-mutants/equivalent.json`): mutants
//! whose change no conforming behaviour can observe, each with a one-line reason. A listed
//! mutant is still judged; one the suite kills is not equivalent, and the gate says so.

use std::{collections::BTreeMap, path::Path};

use serde::Deserialize;

use crate::error::{GateError, io};

/// One entry: the mutant's key (see `Mutant::key`) and why it cannot be observed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    mutant: String,
    reason: String,
}

/// The list, by key.
pub struct Equivalents(BTreeMap<String, String>);

impl Equivalents {
    /// Reads `path`; every entry needs a non-empty reason and a key of its own.
    pub fn load(path: &Path) -> Result<Self, GateError> {
        let text = std::fs::read_to_string(path).map_err(io(path))?;
        let entries: Vec<Entry> = serde_json::from_str(&text).map_err(|e| GateError::Format {
            path: path.to_owned(),
            detail: e.to_string(),
        })?;
        let mut map = BTreeMap::new();
        for (i, entry) in entries.into_iter().enumerate() {
            if entry.reason.trim().is_empty() {
                return Err(GateError::Format {
                    path: path.to_owned(),
                    detail: format!("[{i}].reason is empty"),
                });
            }
            if map.insert(entry.mutant.clone(), entry.reason).is_some() {
                return Err(GateError::Format {
                    path: path.to_owned(),
                    detail: format!("[{i}].mutant is listed twice: {}", entry.mutant),
                });
            }
        }
        Ok(Self(map))
    }

    /// Why the mutant with `key` is equivalent, if it is listed.
    pub fn reason(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }
}
