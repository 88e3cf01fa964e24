#![doc = include_str!("../README.md")]

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
