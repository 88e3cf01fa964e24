#![doc = include_str!("../README.md")]

pub mod commitment;
pub mod error;
pub mod event;
pub mod oracle;
pub mod uac;

pub use commitment::CommitmentModel;
pub use error::{CommitmentError, UacError};
pub use event::{CommitmentEvent, UacEvent};
pub use oracle::{PredicateOracle, ScriptedOracle};
pub use uac::{UacModel, UacResult};
