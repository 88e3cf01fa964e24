//! The types of one vector file (format 1).
//!
//! Every kind's `expect` is optional: absent means "only require that the two halves agree",
//! the form fuzz regressions take. Block numbers are *offsets*: block 0 is the block in which a
//! vector's first step (or, for `game`, the claim) runs; the runner adds its chain's base.
//!
//! One module per concern, every item re-exported here (and from the crate root):
//!
//! - `file`: the envelope, [`VectorFile`], its [`Info`] and the [`FORMAT`] version;
//! - `kind`: the [`Kind`] tag and the [`Vector`] enum of each kind's fields;
//! - `world`: the off-chain [`World`] (signers, accounts, witness store, roots);
//! - `encoding`, `atomic`, `challenge`, `witness`, `uac`, `game`: each kind's fields and
//!   expectations;
//! - `call` and `step`: the transactions of a `uac` vector or a game's adversary;
//! - `validate`: the rules the types cannot express ([`Invalid`]).

mod atomic;
mod call;
mod challenge;
mod encoding;
mod file;
mod game;
mod kind;
mod step;
mod uac;
mod validate;
mod view;
mod witness;
mod world;

pub use atomic::{AtomicVector, GAS_GUARD_ANSWERS_AT_LEAST, GAS_GUARD_REVERTS_AT_MOST, Truth};
pub use call::{Call, DEFAULT_SENDER};
pub use challenge::{
    AcceptedTrue, ChallengeExpect, ChallengeTry, ChallengeVector, DEFAULT_PERIOD, ErrorExpect,
};
pub use encoding::{Check, EncodingVector};
pub use file::{FORMAT, Info, VectorFile};
pub use game::{AdversaryAction, ChallengeExpr, GameExpectation, GameVector, Outcome};
pub use kind::{Kind, Vector};
pub use step::Step;
pub use uac::{CallResult, DecisionName, EventExpect, GameExpect, UacExpect, UacVector};
pub use validate::Invalid;
pub use view::View;
pub use witness::{WitnessExpect, WitnessTry, WitnessVector};
pub use world::{RootEntry, StoreEntry, World};
