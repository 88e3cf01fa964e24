#![doc = include_str!("../README.md")]

pub mod action;
pub mod agent;
pub mod derive;
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

/// Why [`play()`] could not run a game at all (a failing transaction is never an error).
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
