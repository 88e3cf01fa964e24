//! The honest agent and the dispute-game player of the OVM conformance harness (spec
//! `shared/spec/OVM.md` §8, invariant G of §9).
//!
//! - [`HonestAgent`]: plays every game it sees as §8 says, driven by a `&dyn Decider` and a
//!   decider [`ovm_decider::World`] it keeps in sync with the chain's events;
//! - [`Action`]: every UAC / predicate / `CommitmentContract` transaction, valid or not;
//!   [`Adversary`]: a schedule of them;
//! - [`play`]: one game on a fork of a once-per-process deployment ([`deployed_snapshot`]),
//!   returning a deterministic, serialisable [`GameRecord`];
//! - [`GameRecord::check_g`]: invariant G, as a list of typed [`Violation`]s.
//!
//! ```no_run
//! use ovm_agent::{GameSetup, play, deployed_snapshot};
//! use ovm_core::Builder;
//! use ovm_decider::ReferenceDecider;
//!
//! let registry = deployed_snapshot(3)?.deployment().expect("deployed").registry();
//! let b = Builder::new(registry);
//! let claim = b.not(b.equal(vec![1u8], vec![2u8]));
//! let record = play(&GameSetup::new(3, claim), &ReferenceDecider::new())?;
//! assert_eq!(record.root_decision, ovm_core::Decision::True);
//! assert!(record.check_g().is_empty());
//! # Ok::<(), ovm_agent::PlayError>(())
//! ```

pub mod action;
pub mod agent;
pub mod judgment;
pub mod play;
pub mod record;

pub use action::{Action, Actor, Executed, TxEntry, execute};
pub use agent::{HonestAgent, KnownGame};
pub use judgment::Judgment;
pub use play::{
    Adversary, GameSetup, Move, adversary_account, agent_account, claimer_account,
    deployed_snapshot, operator_account, play, play_in, play_on,
};
pub use record::{GameEntry, GameRecord, JudgedAt, Violation};

/// Why [`play`] could not run a game at all (a failing transaction is never an error).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlayError {
    /// The OVM could not be deployed (or the fork has no deployment).
    #[error("cannot deploy the OVM: {0}")]
    Deploy(ovm_chain::ChainError),
    /// The snapshot's deployment has another dispute period than the setup asks for.
    #[error("the deployment's dispute period is {deployed}, the game asks for {requested}")]
    PeriodMismatch {
        /// The deployed period.
        deployed: u64,
        /// The setup's period.
        requested: u64,
    },
}
