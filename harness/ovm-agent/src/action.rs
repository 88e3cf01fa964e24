//! Every transaction a player can send ([`Action`]): the UAC's, the predicates' and
//! `CommitmentContract`'s entry points, valid or not, and what sending one produced
//! ([`TxEntry`], with the decoded events of the deployment's contracts).

use ovm_chain::{Chain, Deployment, OvmEvent, game::Tx};
pub use ovm_core::Action;
use ovm_core::{Address, B256};

/// Who sent a transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Actor {
    /// The harness itself (initial roots).
    Setup,
    /// The adversary's schedule.
    Adversary,
    /// The root claim's `claimProperty`.
    Claimer,
    /// The honest agent.
    Agent,
}

/// One sent transaction, as recorded in a [`crate::GameRecord`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TxEntry {
    /// The block it ran in, counted from the first block of play (0).
    pub block: u64,
    /// Who sent it.
    pub actor: Actor,
    /// Its sender.
    pub sender: Address,
    /// The function ([`Action::function`]).
    pub function: &'static str,
    /// The game it is about, if the action names one.
    pub game: Option<B256>,
    /// Whether it succeeded.
    pub ok: bool,
    /// The error name (`"GameNotFound"`, …, or `"ChainError"` when the driver rejected it).
    pub error: Option<String>,
    /// The error with its arguments.
    pub detail: Option<String>,
    /// Gas used.
    pub gas: u64,
}

/// What sending an [`Action`] produced: its record and the events of the deployment's
/// contracts (UAC events emitted by the UAC, `RootSubmitted` by `CommitmentContract`), in order.
#[derive(Clone, Debug)]
pub struct Executed {
    /// The record of the transaction.
    pub entry: TxEntry,
    /// The decoded events (empty if it failed).
    pub events: Vec<OvmEvent>,
}

/// Sends `action` from `from` on `chain` and records it; never fails (a revert or a driver
/// error is recorded in the [`TxEntry`]). `start_block` is the chain block of play's block 0.
pub fn execute(
    chain: &mut Chain,
    deployment: &Deployment,
    start_block: u64,
    actor: Actor,
    from: Address,
    action: &Action,
) -> Executed {
    let block = chain.block_number().saturating_sub(start_block);
    let mut entry = TxEntry {
        block,
        actor,
        sender: from,
        function: action.function(),
        game: action.game_id(),
        ok: false,
        error: None,
        detail: None,
        gas: 0,
    };
    match chain.send_action(from, action) {
        Ok(tx) => {
            entry.gas = tx.gas_used;
            match &tx.result {
                Ok(()) => {
                    entry.ok = true;
                    let events = deployment_events(&tx, deployment);
                    return Executed { entry, events };
                }
                Err(revert) => {
                    entry.error = Some(revert.name().to_owned());
                    entry.detail = Some(revert.to_string());
                }
            }
        }
        Err(error) => {
            entry.error = Some("ChainError".to_owned());
            entry.detail = Some(error.to_string());
        }
    }
    Executed {
        entry,
        events: Vec::new(),
    }
}

fn deployment_events(tx: &Tx, deployment: &Deployment) -> Vec<OvmEvent> {
    tx.logs
        .iter()
        .filter_map(|log| {
            let event = if log.address == deployment.uac {
                ovm_chain::events::decode_from(log, deployment.uac)
            } else if log.address == deployment.commitment {
                ovm_chain::events::decode_from(log, deployment.commitment)
            } else {
                return None;
            };
            let expected_emitter = match event {
                OvmEvent::RootSubmitted { .. } => deployment.commitment,
                OvmEvent::Unknown(_) => return None,
                _ => deployment.uac,
            };
            (log.address == expected_emitter).then_some(event)
        })
        .collect()
}
