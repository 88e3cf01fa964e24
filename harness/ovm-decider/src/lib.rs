#![doc = include_str!("../README.md")]

pub mod atomic;
pub mod decider;
mod fast;
pub mod hint;
mod key_table;
mod knowledge;
pub mod onchain;
pub mod outcome;
mod plain;
pub mod plasma;
pub mod trace;
mod tree;
pub mod world;

pub use decider::{DEFAULT_BUDGET, Decider, ReferenceDecider};
pub use hint::MAX_CANDIDATES;
pub use onchain::{decide_with_witness, is_valid_challenge};
pub use outcome::{Challenge, Outcome, Truth, UnknownReason};
pub use trace::{MAX_TRACE_NODES, Trace, TraceNode};
pub use world::{Retrieved, StorageError, StorageMirror, WitnessStore, World};
