//! `kind: "game"`: a whole dispute game, the scripted adversary and the expected decider
//! [`Outcome`].

use super::{Call, DecisionName, World};
use crate::input::{Expr, Input};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `kind: "game"`: the honest agent defends or refutes `claim` against a scripted adversary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GameVector {
    /// The world (its store is the decider's witness store; its roots are submitted first).
    pub world: World,
    /// The dispute period (≥ 2 for §9 G).
    pub period: u64,
    /// The claim, made at block offset 0 after the adversary's block-0 actions.
    pub claim: Expr,
    /// The adversary's actions, by block offset (non-decreasing), in order within a block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adversary: Vec<AdversaryAction>,
    /// The expected verdicts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<GameExpectation>,
}

/// One scripted adversary transaction (its failure is not an error of the vector).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdversaryAction {
    /// The block offset it runs in (before the honest agent's transactions of that block).
    pub at_block: u64,
    /// The call.
    pub action: Call,
}

/// What a game vector expects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GameExpectation {
    /// The decider's outcome for the claim in the initial world.
    pub decider: Outcome,
    /// The claim's final on-chain decision.
    pub decision: DecisionName,
    /// Blocks from the claim's creation to its decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocks: Option<u64>,
    /// Total gas of the honest agent's transactions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gas: Option<u64>,
}

/// A decider outcome (spec §7) as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Outcome {
    /// True, with the witness if witness-decidable (`null` when settled only by the period).
    True {
        /// The witness, or `null`.
        witness: Option<Vec<Input>>,
    },
    /// False, with the §4 challenge (`null` for an atomic, raw bytes or an unregistered
    /// predicate).
    False {
        /// The challenge, or `null`.
        challenge: Option<ChallengeExpr>,
    },
    /// Unknown, with the pin (a valid challenge whose truth is also undefined) or `null`.
    Unknown {
        /// The pin, or `null`.
        pin: Option<ChallengeExpr>,
    },
}

/// A challenge as data: `challengeInputs` and the challenge property.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChallengeExpr {
    /// `challengeInputs`.
    pub inputs: Vec<Input>,
    /// The challenge property.
    pub property: Expr,
}
