//! Why `fill` cannot write a vector: [`FillError`] when the expectations the halves computed
//! have no written form, [`Refusal`] for every reason `fill` leaves a file as it is.

use crate::RunError;
use ovm_vectors::VectorError;

/// Why the expectations the halves computed cannot be written in the vector format.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FillError {
    /// The chain reverted with an error no expectation can name (`Panic`, a halt, revert
    /// data of no known error); the field is the error as shown.
    #[error("cannot write the error {0} as an expectation")]
    UnnamedError(String),
    /// The chain emitted an event no expectation can name.
    #[error("cannot write the event {name} as an expectation: {reason}")]
    UnnamedEvent {
        /// The event's name as decoded.
        name: String,
        /// Why the format refuses it.
        reason: String,
    },
    /// A witness try the chain neither accepted nor rejected with `WitnessRejected`: a
    /// witness vector's `expect` has no third value.
    #[error("the chain answers {0}: neither accepted nor WitnessRejected")]
    WitnessNeitherAcceptedNorRejected(String),
    /// The run compared the halves only ([`crate::Runner::compare`]): nothing was filled.
    #[error("not asked for: the run compared the halves only")]
    NotAsked,
}

/// Why `fill` left a file as it is.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The vector could not be loaded or run; the report says why.
    #[error("{0}")]
    NotRun(String),
    /// Expectations are written from the bundled contracts only.
    #[error("fill writes expectations of the bundled contracts only (no --contracts)")]
    PluggedInContracts,
    /// The two halves disagree; the report shows how.
    #[error("the two halves disagree; fix the divergence first")]
    HalvesDisagree,
    /// What the halves computed has no written form.
    #[error(transparent)]
    Unwritable(#[from] FillError),
    /// The filled vector, run again, diverges (a runner bug); the first divergence.
    #[error("the filled vector does not pass (a runner bug): {0}")]
    FilledFails(String),
    /// The filled vector, run again, cannot be run.
    #[error("the filled vector does not run: {0}")]
    FilledDoesNotRun(#[source] RunError),
    /// The filled text would not load (e.g. past the parser's nesting limit).
    #[error("the filled text would not load, so the file is left as it is: {0}")]
    WouldNotLoad(#[source] VectorError),
    /// Writing the file failed.
    #[error("cannot write: {0}")]
    Write(#[source] std::io::Error),
    /// The job running the file panicked or timed out (front ends with a pool).
    #[error("{0}")]
    Unfinished(String),
}
