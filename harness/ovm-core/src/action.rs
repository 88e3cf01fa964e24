//! The OVM's transactions as one type ([`Action`]): every entry point of the UAC, the
//! predicates and `CommitmentContract`, with arbitrary arguments. The chain (`ovm-chain`), the
//! UAC model (`ovm-model`) and the vector format (`ovm-vectors`) each have exactly one
//! dispatcher or reader for it.

use crate::{B256, Bytes, Property, U256};

/// One transaction: any UAC / predicate / `CommitmentContract` call, with arbitrary
/// arguments (so also invalid moves).
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
