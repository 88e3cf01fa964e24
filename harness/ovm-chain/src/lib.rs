//! The OVM contracts on an in-process EVM: the conformance harness's "chain" half.
//!
//! - [`artifacts`]: what `build.rs` compiled from `contracts/src` (solc-js or `$SOLC`), with
//!   code hashes and the [`artifacts::bundle_hash`] used for vector provenance;
//! - [`bindings`]: `sol!`-generated typed calls, events, errors and bytecode per contract;
//! - [`Chain`] ([`chain`]): revm 43 over an in-memory `CacheDB`, explicit blocks, `send`
//!   (commit) and `call` (no commit) of any typed call from any sender, per-transaction gas,
//!   [`Snapshot`]s to fork a game cheaply;
//! - [`Deployment`] ([`deployment`]): deploys and wires the sixteen contracts, converts to
//!   [`ovm_core::Registry`];
//! - [`game`]: the UAC / predicate / `CommitmentContract` functions in `ovm_core` types;
//! - [`OvmEvent`] and [`Revert`]: every event and custom error, decoded with its arguments;
//! - [`scenarios`]: scripted games (e.g. a depth-3 honest refutation) for benches and tests.
//!
//! ```no_run
//! use ovm_chain::{Chain, OvmEvent, chain::account};
//! use ovm_core::Builder;
//!
//! let mut chain = Chain::deployed(7)?;
//! let b = Builder::new(chain.ovm()?.registry());
//! let p = b.equal(vec![1u8], vec![1u8]);
//! let out = chain.claim_property(account(1), &p)?;
//! assert!(matches!(out.events[0], OvmEvent::NewPropertyClaimed { .. }));
//! # Ok::<(), ovm_chain::ChainError>(())
//! ```

pub mod artifacts;
pub mod bindings;
pub mod chain;
pub mod deployment;
pub mod errors;
pub mod events;
pub mod game;
pub mod outcome;
pub mod scenarios;

pub use artifacts::bundle_hash;
pub use chain::{Chain, DEPLOYER, Snapshot, account};
pub use deployment::{CreationCodes, Deployment};
pub use errors::{ChainError, Revert};
pub use events::OvmEvent;
pub use outcome::{TxOutcome, TxRecord};
