#![doc = include_str!("../README.md")]

pub mod artifacts;
pub mod bindings;
pub mod chain;
pub mod coverage;
pub mod deployment;
pub mod errors;
pub mod events;
pub mod game;
pub mod outcome;
pub mod overhear;
pub mod plan;
pub mod scenarios;
pub mod surface;

pub use artifacts::bundle_hash;
pub use chain::{Chain, DEPLOYER, Snapshot, account};
pub use deployment::{CreationCodes, Deployment};
pub use errors::{ChainError, Revert};
pub use events::OvmEvent;
pub use outcome::{TxOutcome, TxRecord};
pub use plan::DeploymentPlan;
