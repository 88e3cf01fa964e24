//! The honest agent's gas per `game` vector on the contracts under test ([`HonestGas`]), and
//! the committed [`Baseline`] it is held to ([`committed_baseline`],
//! `harness/ovm-conformance/gas-baseline.json`, within its stated tolerance; outside
//! `vectors/`, where every JSON file is a vector). The baseline is rewritten only when asked (`ovm-conformance gas
//! --write-baseline FILE`, or `OVM_WRITE_GAS=1 cargo test -p ovm-conformance --test gas`).

use crate::{RunError, Runner, discover};
use ovm_decider::Decider;
use serde::{Deserialize, Serialize};
use std::{
    collections::BTreeMap,
    fmt,
    path::{Path, PathBuf},
};

/// The tolerance a freshly written baseline states, in percent of each vector's figure.
pub const DEFAULT_TOLERANCE_PERCENT: u64 = 2;

/// The family of the top-level `vectors/game/*.json` files.
pub const TOP_LEVEL_FAMILY: &str = "game";

/// The committed baseline of the bundled contracts: `harness/ovm-conformance/gas-baseline.json`.
pub fn committed_baseline() -> PathBuf {
    discover::workspace_root().join("harness/ovm-conformance/gas-baseline.json")
}

/// Why the honest-path gas could not be measured or the baseline read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// The game vectors cannot be listed.
    #[error("{}: cannot list the game vectors: {source}", path.display())]
    List {
        /// The folder.
        path: PathBuf,
        /// The file system's error.
        #[source]
        source: std::io::Error,
    },
    /// A game vector cannot be run.
    #[error("{vector}: {source}")]
    Run {
        /// The vector (`game/cycles/….json`).
        vector: String,
        /// Why.
        #[source]
        source: Box<RunError>,
    },
    /// A game vector is skipped (`_info.skip`): it has no honest path to measure.
    #[error("{0}: skipped vectors have no honest path to measure")]
    Skipped(String),
    /// The baseline file cannot be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The file system's error.
        #[source]
        source: std::io::Error,
    },
    /// The baseline file is not a baseline.
    #[error("{}: not a gas baseline: {source}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// The JSON error (line and column).
        #[source]
        source: serde_json::Error,
    },
}

/// The honest agent's gas per game vector, keyed by the path under the suite folder with `/`
/// separators (`game/cycles/self-loop.json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct HonestGas {
    /// Gas per vector.
    pub vectors: BTreeMap<String, u64>,
}

/// One game family's honest-path gas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FamilyGas {
    /// Vectors in the family.
    pub vectors: usize,
    /// Their gas, summed.
    pub sum: u64,
    /// The median vector's gas (the lower middle one for an even count).
    pub median: u64,
}

impl HonestGas {
    /// Per family: the folder under `vectors/game/` (`cycles`, `hints`, …), or
    /// [`TOP_LEVEL_FAMILY`] for the files directly in it.
    pub fn families(&self) -> BTreeMap<String, FamilyGas> {
        let mut figures: BTreeMap<String, Vec<u64>> = BTreeMap::new();
        for (vector, gas) in &self.vectors {
            figures.entry(family_of(vector)).or_default().push(*gas);
        }
        figures
            .into_iter()
            .map(|(family, mut gas)| {
                gas.sort_unstable();
                let median = gas[(gas.len() - 1) / 2];
                let figure = FamilyGas {
                    vectors: gas.len(),
                    sum: gas.iter().sum(),
                    median,
                };
                (family, figure)
            })
            .collect()
    }
}

/// The family of a vector key (`game/cycles/x.json` → `cycles`, `game/x.json` → `game`).
pub fn family_of(vector: &str) -> String {
    let parts: Vec<&str> = vector.split('/').collect();
    match parts.as_slice() {
        [_, family, _, ..] => (*family).to_owned(),
        _ => TOP_LEVEL_FAMILY.to_owned(),
    }
}

/// Runs every `game` vector under `suite/game` with `runner` and records the honest agent's
/// gas (the vector's verdict is `run`'s business, not this one's).
pub fn measure_honest_gas<D: Decider>(
    runner: &Runner<D>,
    suite: &Path,
) -> Result<HonestGas, BaselineError> {
    let dir = suite.join("game");
    let files = discover::vector_files(&dir).map_err(|source| BaselineError::List {
        path: dir.clone(),
        source,
    })?;
    let mut measured = HonestGas::default();
    for file in files {
        let vector = key_of(suite, &file);
        let loaded = ovm_vectors::load(&file).map_err(|e| BaselineError::Run {
            vector: vector.clone(),
            source: Box::new(e.into()),
        })?;
        if loaded.info.skip.is_some() {
            return Err(BaselineError::Skipped(vector));
        }
        let execution = runner
            .execute(&loaded)
            .map_err(|source| BaselineError::Run {
                vector: vector.clone(),
                source: Box::new(source),
            })?;
        measured.vectors.insert(vector, execution.stats.agent_gas);
    }
    Ok(measured)
}

fn key_of(suite: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(suite).unwrap_or(file);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The committed honest-path gas figures and the tolerance they are held to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// How far (in percent of the baseline figure, either way) a measured figure may be.
    pub tolerance_percent: u64,
    /// Gas per vector (sorted keys).
    pub vectors: BTreeMap<String, u64>,
}

/// How a measurement leaves its baseline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GasRegression {
    /// The vector's gas is outside the tolerance.
    Outside {
        /// The vector.
        vector: String,
        /// The baseline figure.
        baseline: u64,
        /// The measured figure.
        measured: u64,
        /// The tolerance, in percent.
        tolerance_percent: u64,
    },
    /// The baseline lists a vector that no longer exists.
    Gone {
        /// The vector.
        vector: String,
    },
    /// A game vector the baseline does not list.
    Unlisted {
        /// The vector.
        vector: String,
        /// Its measured figure.
        measured: u64,
    },
}

impl fmt::Display for GasRegression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Outside {
                vector,
                baseline,
                measured,
                tolerance_percent,
            } => write!(
                f,
                "{vector}: honest-path gas {measured}, baseline {baseline} (±{tolerance_percent} %)"
            ),
            Self::Gone { vector } => write!(f, "{vector}: in the baseline, but no such vector"),
            Self::Unlisted { vector, measured } => write!(
                f,
                "{vector}: honest-path gas {measured}, not in the baseline"
            ),
        }
    }
}

impl Baseline {
    /// A baseline of `measured` with [`DEFAULT_TOLERANCE_PERCENT`].
    pub fn of(measured: &HonestGas) -> Self {
        Self {
            tolerance_percent: DEFAULT_TOLERANCE_PERCENT,
            vectors: measured.vectors.clone(),
        }
    }

    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Self, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Io {
            path: path.to_owned(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|source| BaselineError::Parse {
            path: path.to_owned(),
            source,
        })
    }

    /// The file's text: pretty JSON, sorted keys, a final newline (byte-stable).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Writes the file (only when its text changes).
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let text = self.to_json();
        if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
            return Ok(());
        }
        std::fs::write(path, text).map_err(|source| BaselineError::Io {
            path: path.to_owned(),
            source,
        })
    }

    /// Every way `measured` leaves this baseline, by vector.
    pub fn compare(&self, measured: &HonestGas) -> Vec<GasRegression> {
        let mut found = Vec::new();
        for (vector, &baseline) in &self.vectors {
            match measured.vectors.get(vector) {
                None => found.push(GasRegression::Gone {
                    vector: vector.clone(),
                }),
                Some(&gas) if !self.within(baseline, gas) => found.push(GasRegression::Outside {
                    vector: vector.clone(),
                    baseline,
                    measured: gas,
                    tolerance_percent: self.tolerance_percent,
                }),
                Some(_) => {}
            }
        }
        for (vector, &gas) in &measured.vectors {
            if !self.vectors.contains_key(vector) {
                found.push(GasRegression::Unlisted {
                    vector: vector.clone(),
                    measured: gas,
                });
            }
        }
        found
    }

    fn within(&self, baseline: u64, measured: u64) -> bool {
        u128::from(baseline.abs_diff(measured)) * 100
            <= u128::from(baseline) * u128::from(self.tolerance_percent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gas(entries: &[(&str, u64)]) -> HonestGas {
        HonestGas {
            vectors: entries.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
        }
    }

    #[test]
    fn families_sum_and_median() {
        let measured = gas(&[
            ("game/a.json", 10),
            ("game/cycles/x.json", 3),
            ("game/cycles/y.json", 1),
            ("game/cycles/z.json", 2),
        ]);
        let families = measured.families();
        assert_eq!(families["game"].sum, 10);
        assert_eq!(families["cycles"].sum, 6);
        assert_eq!(families["cycles"].median, 2);
    }

    #[test]
    fn compare_names_vector_baseline_and_figure() {
        let baseline = Baseline::of(&gas(&[("game/a.json", 1000), ("game/gone.json", 5)]));
        let measured = gas(&[("game/a.json", 1021), ("game/new.json", 7)]);
        let found: Vec<String> = baseline
            .compare(&measured)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "game/a.json: honest-path gas 1021, baseline 1000 (±2 %)",
                "game/gone.json: in the baseline, but no such vector",
                "game/new.json: honest-path gas 7, not in the baseline",
            ]
        );
        assert!(
            baseline
                .compare(&gas(&[("game/a.json", 1020), ("game/gone.json", 5)]))
                .is_empty()
        );
    }
}
