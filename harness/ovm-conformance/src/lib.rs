#![doc = include_str!("../README.md")]

pub mod contract_coverage;
pub mod contracts;
pub mod coverage;
pub(crate) mod ctx;
pub mod discover;
pub mod errors;
pub mod gas;
pub(crate) mod kinds;
pub mod manifest;
pub mod matrix;
pub mod mirrors;
pub mod oracle;
pub mod preflight;
pub mod probe;
pub mod problems;
pub mod refusal;
pub mod render;
pub mod report;
pub mod rules;
pub mod runner;
pub mod suite;
pub mod views;

pub use contracts::{Contracts, ManifestError};
pub use coverage::Coverage;
pub use mirrors::{Mirrors, ReferenceMirrors};
pub use preflight::Preflight;
pub use refusal::{FillError, Refusal};
pub use report::{
    Divergence, DivergenceClass, NodeCause, NodeView, Side, Stats, Status, Summary, VectorReport,
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
    /// The UAC model refuses the vector's dispute period.
    #[error("period: {0}")]
    Period(#[source] ovm_model::UacError),
    /// The storage model refuses one of the world's roots.
    #[error("{path}: {error}")]
    StorageRoot {
        /// The field (`world.roots[i]`).
        path: String,
        /// Why the decider's storage mirror refuses it.
        #[source]
        error: ovm_decider::StorageError,
    },
    /// The commitment model refuses one of the world's roots.
    #[error("world.roots: {0}")]
    CommitmentRoot(#[source] ovm_model::CommitmentError),
    /// The contracts do not deploy.
    #[error("deploying {contracts}: {error}")]
    Deploy {
        /// Which contracts ([`Contracts::describe`]).
        contracts: String,
        /// The chain's error.
        #[source]
        error: ovm_chain::ChainError,
    },
    /// A deployment for another period put the contracts at other addresses.
    #[error("the deployment for period {0} has unexpected addresses")]
    UnexpectedAddresses(u64),
    /// Another thread panicked while deploying, so the deployment cache cannot be trusted.
    #[error("a thread panicked while deploying")]
    DeployPoisoned,
    /// The game vector's dispute could not be played.
    #[error("playing the game: {0}")]
    Play(#[from] ovm_agent::PlayError),
}
