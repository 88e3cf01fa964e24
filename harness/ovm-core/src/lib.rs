//! Core types and encodings of the Optimistic Virtual Machine (OVM), as the project's
//! normative spec (`shared/spec/OVM.md` §1–§2, §5.1) defines them.
//!
//! Everything here is shared by the decider, the chain driver, the vectors and the fuzzer, and
//! none of it depends on an EVM:
//!
//! - [`Property`]: `enc`, `id` and the canonical "is a property" test ([`Property::decode_canonical`]),
//! - [`placeholder`]: the placeholder test and constructor,
//! - [`Registry`]: which addresses are connectives, atomics and storage contracts,
//! - [`depth()`] and [`subst()`], ONE function each, exactly as on-chain,
//! - [`abi`]: the typed-input codecs (address, integer, hash, range, witness arrays),
//! - [`build`]: short, readable builders (`b.and([b.not(b.equal(a, c)), …])`),
//! - [`interval_tree`]: the Plasma Merkle interval tree (build, prove, verify),
//! - [`signing`]: secp256k1 keys, raw-hash signatures and the §5 recovery rules.

pub mod abi;
pub mod build;
pub mod depth;
pub mod interval_tree;
pub mod placeholder;
pub mod property;
pub mod registry;
pub mod signing;
pub mod subst;

pub use alloy_primitives::{Address, B256, Bytes, U256, keccak256};
pub use build::Builder;
pub use depth::{MAX_CHALLENGE_DEPTH, MAX_CLAIM_DEPTH, depth};
pub use interval_tree::{InclusionProof, IntervalTree, TreeNode};
pub use property::{ChallengeGame, Decision, Property};
pub use registry::{AtomicKind, ConnectiveKind, PredicateKind, Registry};
pub use subst::{expand_template, subst};
