//! The off-chain OVM engine (the *decider*) of the OVM conformance harness, as the project's
//! normative spec (`shared/spec/OVM.md` §3, §5, §7) defines it.
//!
//! - [`Decider`] (object-safe) and [`ReferenceDecider`]: `decide(P, world) → Outcome`, with
//!   [`ReferenceDecider::decide_traced`] for a [`Trace`] of the sub-decisions;
//! - [`Outcome`]: `True { witness }`, `False { challenge }`, `Unknown { why, pin }`;
//! - [`World`]: the [`ovm_core::Registry`], a [`WitnessStore`] and a [`StorageMirror`];
//! - [`atomic`]: the nine atomics, one pure function each ([`atomic::evaluate`]);
//! - [`onchain`]: the mirror of the connectives' `isValidChallenge` / `decideWithWitness`;
//! - [`hint`]: the hint grammar `bucket,KIND,param` and the candidates it yields;
//! - [`plasma`]: builders of the Plasma exit family and its worlds.
//!
//! It depends on `ovm-core` only (no EVM).
//!
//! ```
//! use ovm_core::{Builder, Bytes, placeholder::placeholder};
//! use ovm_decider::{Decider, Outcome, ReferenceDecider, World, decide_with_witness};
//!
//! let mut world = World::with_test_addresses();
//! world.witnesses.insert("k", Bytes::from_static(b"key"), Bytes::from_static(b"v"));
//! let b = Builder::new(world.registry.clone());
//! let claim = b.there_exists("k,KEY,0x6b6579", "x", b.equal(placeholder("x"), Bytes::from_static(b"v")));
//! let outcome = ReferenceDecider::new().decide(&claim, &world);
//! assert_eq!(outcome, Outcome::True { witness: Some(vec![Bytes::from_static(b"v")]) });
//! assert!(decide_with_witness(&world, &claim, outcome.witness().unwrap()));
//! ```

pub mod atomic;
pub mod decider;
mod fast;
pub mod hint;
mod knowledge;
pub mod onchain;
pub mod outcome;
pub mod plasma;
pub mod trace;
mod tree;
pub mod world;

pub use decider::{DEFAULT_BUDGET, Decider, ReferenceDecider};
pub use hint::MAX_CANDIDATES;
pub use onchain::{decide_with_witness, is_valid_challenge};
pub use outcome::{Challenge, Outcome, Truth, UnknownReason};
pub use trace::{Trace, TraceNode};
pub use world::{Retrieved, StorageError, StorageMirror, WitnessStore, World};
