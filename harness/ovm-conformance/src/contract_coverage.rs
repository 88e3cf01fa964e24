//! Contract coverage by the corpus: the vectors run on the bundled contracts with the
//! coverage recorder attached ([`Runner::with_contract_coverage`]), mapped to source lines and
//! branches ([`ovm_chain::coverage`]), and the gate that keeps every branch outcome reached
//! or listed with a reason in [`EXCEPTIONS_FILE`].
//!
//! The gate (`tests/contract_coverage.rs`) fails when a branch outcome the corpus does not
//! reach is not listed, and when a listed one is reached or no longer exists, so the list can
//! only shrink (like the rule allow-list of [`crate::coverage`]).

use crate::{Runner, Status};
use ovm_chain::{
    DEPLOYER, Deployment,
    coverage::{Branch, CoverageError, Hits, Outcome, Report},
};
use serde::{Deserialize, Serialize};
use std::{
    collections::BTreeSet,
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
};

/// The committed list of branch outcomes the corpus does not reach, each with why.
pub const EXCEPTIONS_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/contract-coverage-exceptions.json"
);

/// What names one branch outcome, stable across edits elsewhere in the sources: the contract,
/// the source file, the line and first line of the `JUMPI`'s source range, its index among
/// the contract's branch points with the same line and snippet, and the outcome.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BranchKey {
    /// The deployed contract (`UniversalAdjudicationContract`).
    pub contract: String,
    /// The source file, relative to the workspace (`contracts/src/lib/PropertyCodec.sol`).
    pub file: String,
    /// The line where the `JUMPI`'s source range starts.
    pub line: u32,
    /// The first line of that range ([`ovm_chain::coverage::Mapped::snippet`]).
    pub snippet: String,
    /// Its index among the contract's branch points with the same line and snippet.
    pub nth: usize,
    /// `jump` or `fall`.
    pub outcome: String,
}

impl BranchKey {
    /// The key of `outcome` of `branch` in `contract`.
    pub fn of(contract: &str, branch: &Branch, outcome: Outcome) -> Self {
        Self {
            contract: contract.to_owned(),
            file: Report::path(branch.at.source),
            line: branch.at.line,
            snippet: branch.snippet.clone(),
            nth: branch.nth,
            outcome: outcome.as_str().to_owned(),
        }
    }
}

impl std::fmt::Display for BranchKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}:{} #{} {} `{}`",
            self.contract, self.file, self.line, self.nth, self.outcome, self.snippet
        )
    }
}

/// One listed branch outcome and why the corpus does not reach it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exception {
    /// Which branch outcome.
    #[serde(flatten)]
    pub key: BranchKey,
    /// Why it is not reached (e.g. `compiler-generated: …`, `defensive: …`).
    pub reason: String,
}

/// The file [`EXCEPTIONS_FILE`]: `{ "exceptions": [ … ] }`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exceptions {
    /// The listed outcomes, sorted by key.
    pub exceptions: Vec<Exception>,
}

/// Why the corpus's contract coverage could not be measured or the exceptions read.
#[derive(Debug, thiserror::Error)]
pub enum ContractCoverageError {
    /// The recorded code does not map to the sources.
    #[error(transparent)]
    Map(#[from] CoverageError),
    /// A worker thread panicked while running vectors (the counts are incomplete).
    #[error("a thread panicked while running the vectors")]
    WorkerPanicked,
    /// The exceptions file cannot be read.
    #[error("{path}: {error}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        error: std::io::Error,
    },
    /// The exceptions file is not what [`Exceptions`] describes.
    #[error("{path}: {error}")]
    Parse {
        /// The file.
        path: String,
        /// Why.
        error: serde_json::Error,
    },
}

/// The corpus's contract coverage.
#[derive(Debug)]
pub struct Measured {
    /// Lines and branches per contract.
    pub report: Report,
    /// Vector files run.
    pub vectors: usize,
    /// The vectors that do not conform (their coverage still counts), with their status.
    pub not_passing: Vec<(String, Status)>,
}

/// Empty counters for the bundled contracts at the addresses every runner deploys them to
/// (the same for every dispute period).
pub fn bundled_hits() -> Hits {
    Hits::bundled(&Deployment::predicted(
        DEPLOYER,
        0,
        ovm_vectors::DEFAULT_PERIOD,
    ))
}

/// Runs `files` (on `jobs` threads, at least one) on both halves with the reference decider
/// and the bundled contracts, recording the contracts' coverage.
pub fn measure(files: &[PathBuf], jobs: usize) -> Result<Measured, ContractCoverageError> {
    let hits = Arc::new(bundled_hits());
    let runner = Runner::new().with_contract_coverage(Arc::clone(&hits));
    let next = AtomicUsize::new(0);
    let mut not_passing: Vec<(String, Status)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut failed = Vec::new();
                    while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let report = runner.run_path(file);
                        if !report.status.conforms() {
                            failed.push((report.path, report.status));
                        }
                    }
                    failed
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().map_err(|_| ContractCoverageError::WorkerPanicked))
            .collect::<Result<Vec<_>, _>>()
    })?
    .into_iter()
    .flatten()
    .collect();
    not_passing.sort();
    Ok(Measured {
        report: Report::of(&hits)?,
        vectors: files.len(),
        not_passing,
    })
}

/// Every branch outcome of `report` the run did not reach, sorted.
pub fn unreached(report: &Report) -> BTreeSet<BranchKey> {
    report
        .contracts
        .iter()
        .flat_map(|c| {
            c.branches.iter().flat_map(move |b| {
                Outcome::BOTH
                    .into_iter()
                    .filter(|&o| b.count(o) == 0)
                    .map(move |o| BranchKey::of(c.name, b, o))
            })
        })
        .collect()
}

/// Every branch outcome of `report`, reached or not.
pub fn all_outcomes(report: &Report) -> BTreeSet<BranchKey> {
    report
        .contracts
        .iter()
        .flat_map(|c| {
            c.branches
                .iter()
                .flat_map(move |b| Outcome::BOTH.map(|o| BranchKey::of(c.name, b, o)))
        })
        .collect()
}

/// Reads [`EXCEPTIONS_FILE`].
pub fn exceptions() -> Result<Exceptions, ContractCoverageError> {
    let text =
        std::fs::read_to_string(EXCEPTIONS_FILE).map_err(|error| ContractCoverageError::Read {
            path: EXCEPTIONS_FILE.into(),
            error,
        })?;
    serde_json::from_str(&text).map_err(|error| ContractCoverageError::Parse {
        path: EXCEPTIONS_FILE.into(),
        error,
    })
}

/// What the gate finds wrong with `listed` against `report` (empty: the gate passes).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct GateFindings {
    /// Unreached outcomes that are not listed.
    pub unlisted: Vec<BranchKey>,
    /// Listed outcomes that the corpus reaches now (delete them).
    pub reached: Vec<BranchKey>,
    /// Listed outcomes that no longer exist (the sources changed; re-key or delete them).
    pub unknown: Vec<BranchKey>,
    /// Entries listed twice or without a reason, or an unsorted list.
    pub malformed: Vec<String>,
}

impl GateFindings {
    /// Whether the gate passes.
    pub fn passes(&self) -> bool {
        self.unlisted.is_empty()
            && self.reached.is_empty()
            && self.unknown.is_empty()
            && self.malformed.is_empty()
    }
}

/// The gate: every unreached branch outcome of `report` is listed in `listed`, and every
/// listed one is unreached.
pub fn gate(report: &Report, listed: &Exceptions) -> GateFindings {
    let unreached = unreached(report);
    let all = all_outcomes(report);
    let mut findings = GateFindings::default();
    let mut keys = BTreeSet::new();
    if listed.exceptions.windows(2).any(|w| w[0].key > w[1].key) {
        findings.malformed.push(
            "entries are not sorted by key (contract, file, line, snippet, nth, outcome)".into(),
        );
    }
    for e in &listed.exceptions {
        if !keys.insert(&e.key) {
            findings.malformed.push(format!("listed twice: {}", e.key));
        }
        if e.reason.trim().is_empty() {
            findings.malformed.push(format!("no reason: {}", e.key));
        }
        if !all.contains(&e.key) {
            findings.unknown.push(e.key.clone());
        } else if !unreached.contains(&e.key) {
            findings.reached.push(e.key.clone());
        }
    }
    findings.unlisted = unreached
        .into_iter()
        .filter(|k| !keys.contains(k))
        .collect();
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovm_chain::coverage::{ContractReport, Line};

    /// A contract with two branch points: one that both jumped and fell through, one that only
    /// fell through.
    fn report() -> Report {
        let branch = |line, pc, executed, jumped| Branch {
            at: Line { source: 0, line },
            snippet: "if (x)".into(),
            nth: 0,
            pc,
            executed,
            jumped,
        };
        Report {
            contracts: vec![ContractReport {
                name: "C",
                lines: Default::default(),
                branches: vec![branch(3, 10, 2, 1), branch(7, 20, 5, 0)],
            }],
        }
    }

    fn key(line: u32, outcome: Outcome) -> BranchKey {
        BranchKey {
            contract: "C".into(),
            file: Report::path(0),
            line,
            snippet: "if (x)".into(),
            nth: 0,
            outcome: outcome.as_str().into(),
        }
    }

    fn listing(keys: &[(BranchKey, &str)]) -> Exceptions {
        Exceptions {
            exceptions: keys
                .iter()
                .map(|(key, reason)| Exception {
                    key: key.clone(),
                    reason: (*reason).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_gate_passes_when_exactly_the_unreached_outcomes_are_listed() {
        let report = report();
        assert_eq!(
            unreached(&report).into_iter().collect::<Vec<_>>(),
            vec![key(7, Outcome::Jump)]
        );
        assert_eq!(all_outcomes(&report).len(), 4);
        let listed = listing(&[(key(7, Outcome::Jump), "defensive: x is never zero")]);
        assert!(gate(&report, &listed).passes());
    }

    #[test]
    fn the_gate_fails_on_unlisted_reached_unknown_and_malformed_entries() {
        let report = report();
        let findings = gate(&report, &Exceptions::default());
        assert_eq!(findings.unlisted, vec![key(7, Outcome::Jump)]);

        let listed = listing(&[
            (key(3, Outcome::Fall), "reached now"),
            (key(7, Outcome::Jump), "ok"),
            (key(9, Outcome::Jump), "gone"),
        ]);
        let findings = gate(&report, &listed);
        assert_eq!(findings.reached, vec![key(3, Outcome::Fall)]);
        assert_eq!(findings.unknown, vec![key(9, Outcome::Jump)]);
        assert!(findings.unlisted.is_empty() && findings.malformed.is_empty());

        let listed = listing(&[(key(7, Outcome::Jump), " "), (key(7, Outcome::Jump), "x")]);
        assert_eq!(gate(&report, &listed).malformed.len(), 2);
        let listed = listing(&[(key(7, Outcome::Jump), "x"), (key(3, Outcome::Fall), "x")]);
        assert!(gate(&report, &listed).malformed[0].contains("not sorted"));
    }
}
