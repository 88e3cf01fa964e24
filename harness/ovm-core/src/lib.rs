#![doc = include_str!("../README.md")]

pub mod abi;
pub mod action;
pub mod build;
pub mod depth;
pub mod event;
pub mod interval_tree;
mod memo;
pub mod placeholder;
pub mod property;
pub mod registry;
pub mod signing;
pub mod subst;

pub use action::Action;
pub use alloy_primitives::{Address, B256, Bytes, U256, hex, keccak256};
pub use build::Builder;
pub use depth::{MAX_CHALLENGE_DEPTH, MAX_CLAIM_DEPTH, depth};
pub use event::Event;
pub use interval_tree::{InclusionProof, IntervalTree, TreeNode};
pub use property::{ChallengeGame, Decision, Property};
pub use registry::{AtomicKind, ConnectiveKind, PredicateKind, Registry};
pub use subst::{expand_template, subst, subst_view};
