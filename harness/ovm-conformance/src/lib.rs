//! The OVM conformance runner: every test vector (`vectors/**/*.json`, format of
//! `ovm-vectors`) runs on BOTH halves — the Rust side (a [`Decider`](ovm_decider::Decider),
//! the decider crate's on-chain mirrors, the `ovm-model` UAC model, `ovm-core`) and the
//! Solidity contracts on revm (`ovm-chain`) — and their outcomes are compared with each other
//! and with the vector's expectations.
//!
//! - [`Runner`]: `run_path`, `check_path`, `fill_path`, `replay_path`, generic over the decider
//!   and taking any [`Contracts`] (the bundled build or a manifest of compiled artifacts);
//! - [`VectorReport`] / [`Divergence`]: the verdict, the divergence class, both sides' views,
//!   the first divergent node of the property tree, and the replay command; one screen
//!   ([`VectorReport::screen`]) or one byte-stable JSON line ([`VectorReport::json_line`]);
//! - [`Suite`] / [`test_main`]: the suite as an implementer's own `cargo test` (one test per
//!   vector, the embedded vectors of `ovm-suite` plus any folders);
//! - [`discover`]: vector files and their test names (`challenge::and-false-child`);
//! - [`rules`]: the spec's rule ids, in one place; [`coverage`]: vectors per rule;
//! - [`probe`]: locating a divergence node by node.
//!
//! ```no_run
//! use ovm_conformance::{Runner, discover};
//!
//! let runner = Runner::new(); // reference decider, bundled contracts
//! for file in discover::vector_files(&discover::suite_dir())? {
//!     let report = runner.run_path(&file);
//!     if !report.conforms() {
//!         print!("{}", report.screen());
//!     }
//! }
//! # Ok::<(), std::io::Error>(())
//! ```

pub mod contracts;
pub mod coverage;
pub(crate) mod ctx;
pub mod discover;
pub(crate) mod kinds;
pub mod mirrors;
pub mod oracle;
pub mod probe;
pub mod report;
pub mod rules;
pub mod runner;
pub mod suite;
pub mod views;

pub use contracts::{Contracts, ManifestError};
pub use coverage::Coverage;
pub use mirrors::{Mirrors, ReferenceMirrors};
pub use report::{
    Divergence, DivergenceClass, NodeView, Side, Stats, Status, Summary, VectorReport,
};
pub use runner::{Execution, FillOutcome, FillReport, Judge, REPLAY_PREFIX, Runner, period_of};
pub use suite::{Suite, SuiteError, test_main};

/// Why a vector could not be run at all (as opposed to a [`Divergence`]).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The file is malformed (file, line, column and field in the message).
    #[error(transparent)]
    Load(#[from] ovm_vectors::VectorError),
    /// A name or value in the vector does not resolve against the deployment and world.
    #[error("{0}")]
    Resolve(#[from] ovm_vectors::ResolveError),
    /// The chain driver failed (not a contract revert: those are compared).
    #[error("chain driver: {0}")]
    Chain(#[from] ovm_chain::ChainError),
    /// The vector's setup cannot be made (bad period, roots the contract refuses, …) or a
    /// kind cannot be run.
    #[error("{0}")]
    Setup(String),
}
