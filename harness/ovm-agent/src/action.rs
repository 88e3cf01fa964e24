//! Every transaction a player can send ([`Action`]): the UAC's, the predicates' and
//! `CommitmentContract`'s entry points, valid or not, and what sending one produced
//! ([`TxEntry`], with the decoded events of the deployment's contracts).

use ovm_chain::{Chain, Deployment, OvmEvent, game::Tx};
use ovm_core::{Address, B256, Bytes, Property, U256};

/// One transaction of the game: any UAC / predicate / `CommitmentContract` call, with
/// arbitrary arguments (so also invalid moves).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// `UAC.claimProperty(P)`.
    Claim(Property),
    /// `UAC.challenge(P, inputs, Q)`.
    Challenge {
        /// The challenged claim `P`.
        property: Property,
        /// The challenge inputs `ci`.
        inputs: Vec<Bytes>,
        /// The challenge property `Q`.
        challenge: Property,
    },
    /// `UAC.removeChallenge(P, Q)`.
    RemoveChallenge {
        /// The challenged claim `P`.
        property: Property,
        /// The challenge to remove.
        challenge: Property,
    },
    /// `UAC.decideClaimToTrue(gameId)`.
    DecideClaimToTrue(B256),
    /// `UAC.decideClaimToFalse(P, Q)`.
    DecideClaimToFalse {
        /// The claim `P`.
        property: Property,
        /// The challenge `Q` (must be decided True).
        challenge: Property,
    },
    /// `UAC.decideClaimWithWitness(P, witness)`.
    DecideClaimWithWitness {
        /// The claim `P`.
        property: Property,
        /// The witness (arbitrary).
        witness: Vec<Bytes>,
    },
    /// `UAC.setPredicateDecision(P, decision)` (sent by an EOA it always fails).
    SetPredicateDecision {
        /// The property.
        property: Property,
        /// The decision to set.
        decision: bool,
    },
    /// Atomic `decideTrue(P.inputs)` on `P.predicate`.
    DecideTrue(Property),
    /// Atomic `decideFalse(P.inputs)` on `P.predicate`.
    DecideFalse(Property),
    /// `NotPredicate.decideTrue(inner)`: decides `Not(inner)` True once `inner` is False.
    NotDecideTrue(Property),
    /// `AndPredicate.decideTrue(children)`: decides `And(children)` True once all are True.
    AndDecideTrue(Vec<Property>),
    /// `CommitmentContract.submitRoot(block, root)`.
    SubmitRoot {
        /// The Plasma block number.
        block: U256,
        /// Its root.
        root: B256,
    },
}

impl Action {
    /// The Solidity function name (`"claimProperty"`, `"Not.decideTrue"`, …), for records.
    pub fn function(&self) -> &'static str {
        match self {
            Self::Claim(_) => "claimProperty",
            Self::Challenge { .. } => "challenge",
            Self::RemoveChallenge { .. } => "removeChallenge",
            Self::DecideClaimToTrue(_) => "decideClaimToTrue",
            Self::DecideClaimToFalse { .. } => "decideClaimToFalse",
            Self::DecideClaimWithWitness { .. } => "decideClaimWithWitness",
            Self::SetPredicateDecision { .. } => "setPredicateDecision",
            Self::DecideTrue(_) => "decideTrue",
            Self::DecideFalse(_) => "decideFalse",
            Self::NotDecideTrue(_) => "Not.decideTrue",
            Self::AndDecideTrue(_) => "And.decideTrue",
            Self::SubmitRoot { .. } => "submitRoot",
        }
    }

    /// The game id the action is about, if any (`id(P)`; for `Not.decideTrue(inner)` and
    /// `And.decideTrue(children)` the id of the connective property they decide is not
    /// computed here, so `None`).
    pub fn game_id(&self) -> Option<B256> {
        match self {
            Self::Claim(p)
            | Self::Challenge { property: p, .. }
            | Self::RemoveChallenge { property: p, .. }
            | Self::DecideClaimToFalse { property: p, .. }
            | Self::DecideClaimWithWitness { property: p, .. }
            | Self::SetPredicateDecision { property: p, .. }
            | Self::DecideTrue(p)
            | Self::DecideFalse(p) => Some(p.id()),
            Self::DecideClaimToTrue(id) => Some(*id),
            Self::NotDecideTrue(_) | Self::AndDecideTrue(_) | Self::SubmitRoot { .. } => None,
        }
    }
}

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
    match send(chain, from, action) {
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
                OvmEvent::decode_from(log, deployment.uac)
            } else if log.address == deployment.commitment {
                OvmEvent::decode_from(log, deployment.commitment)
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

fn send(chain: &mut Chain, from: Address, action: &Action) -> Result<Tx, ovm_chain::ChainError> {
    match action {
        Action::Claim(p) => chain.claim_property(from, p),
        Action::Challenge {
            property,
            inputs,
            challenge,
        } => chain.challenge(from, property, inputs, challenge),
        Action::RemoveChallenge {
            property,
            challenge,
        } => chain.remove_challenge(from, property, challenge),
        Action::DecideClaimToTrue(id) => chain.decide_claim_to_true(from, *id),
        Action::DecideClaimToFalse {
            property,
            challenge,
        } => chain.decide_claim_to_false(from, property, challenge),
        Action::DecideClaimWithWitness { property, witness } => {
            chain.decide_claim_with_witness(from, property, witness)
        }
        Action::SetPredicateDecision { property, decision } => {
            chain.set_predicate_decision(from, property, *decision)
        }
        Action::DecideTrue(p) => chain.decide_true(from, p),
        Action::DecideFalse(p) => chain.decide_false(from, p),
        Action::NotDecideTrue(inner) => chain.not_decide_true(from, inner),
        Action::AndDecideTrue(children) => chain.and_decide_true(from, children),
        Action::SubmitRoot { block, root } => chain.submit_root(from, *block, *root),
    }
}
