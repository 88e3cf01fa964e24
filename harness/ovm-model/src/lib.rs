#![doc = include_str!("../README.md")]

pub mod commitment;
pub mod error;
pub mod oracle;
pub mod uac;

pub use commitment::CommitmentModel;
pub use error::{CommitmentError, UacError};
pub use oracle::{PredicateOracle, ScriptedOracle};
pub use ovm_core::Event;
pub use uac::{UacModel, UacResult};
