//! An executable Rust model of the Universal Adjudication Contract (spec `shared/spec/OVM.md`
//! §6), the predicates' entry points that call it (§4 `Not.decideTrue` / `And.decideTrue`, §5
//! atomic `decideTrue` / `decideFalse`) and `CommitmentContract` (§5.2).
//!
//! The model matches the Solidity call by call — success or failure, error name and arguments,
//! game state including challenge order after swap-and-pop removals, and events in order — so a
//! differential test can run random call sequences against both. It has no EVM dependency: what
//! the UAC asks the predicate contracts is answered by a [`PredicateOracle`].
//!
//! ```
//! use ovm_core::{Builder, Registry};
//! use ovm_model::{ScriptedOracle, UacEvent, UacModel};
//!
//! let b = Builder::new(Registry::with_test_addresses());
//! let mut uac = UacModel::new(b.registry().clone(), 7).unwrap();
//! let claim = b.not(b.equal(vec![1u8], vec![2u8]));
//! let events = uac.claim_property(&claim).unwrap();
//! assert!(matches!(events[..], [UacEvent::NewPropertyClaimed { created_block: 0, .. }]));
//! uac.advance(7);
//! assert!(uac.is_decidable(claim.id()));
//! uac.decide_claim_to_true(claim.id()).unwrap();
//! assert!(uac.is_decided(&claim));
//! # let _ = ScriptedOracle::new();
//! ```

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
