//! One transaction of a `uac` step or a game adversary: the [`Call`] enum, keyed by method.

use crate::{
    input::{AddrRef, Expr, Input},
    names::AtomicName,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One transaction: an object with one key, the method, whose value holds the arguments and
/// an optional `from` (default: `deployer`).
///
/// `from` names the sender: a world signer or account, a contract or predicate name (the
/// runner impersonates it), `deployer` (also the `CommitmentContract` operator), or a literal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub enum Call {
    /// `UAC.claimProperty(property)`.
    #[serde(rename = "claimProperty")]
    ClaimProperty {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// `P`.
        property: Expr,
    },
    /// `UAC.challenge(property, challenge_inputs, challenge)`.
    #[serde(rename = "challenge")]
    Challenge {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// `P`.
        property: Expr,
        /// `challengeInputs`.
        challenge_inputs: Vec<Input>,
        /// `Q`.
        challenge: Expr,
    },
    /// `UAC.removeChallenge(property, challenge)`.
    #[serde(rename = "removeChallenge")]
    RemoveChallenge {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// `P`.
        property: Expr,
        /// `Q`.
        challenge: Expr,
    },
    /// `UAC.decideClaimToTrue(id)`.
    #[serde(rename = "decideClaimToTrue")]
    DecideClaimToTrue {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// The game id: `{"id": P}` or 32 bytes.
        id: Input,
    },
    /// `UAC.decideClaimToFalse(property, challenge)`.
    #[serde(rename = "decideClaimToFalse")]
    DecideClaimToFalse {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// `P`.
        property: Expr,
        /// `Q`.
        challenge: Expr,
    },
    /// `UAC.decideClaimWithWitness(property, witness)`.
    #[serde(rename = "decideClaimWithWitness")]
    DecideClaimWithWitness {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// `P`.
        property: Expr,
        /// The witness.
        witness: Vec<Input>,
    },
    /// `UAC.setPredicateDecision(property, decision)`, called directly.
    #[serde(rename = "setPredicateDecision")]
    SetPredicateDecision {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// `P`.
        property: Expr,
        /// `d`.
        decision: bool,
    },
    /// `<atomic>.decideTrue(inputs)`.
    #[serde(rename = "decideTrue")]
    DecideTrue {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// The atomic called.
        predicate: AtomicName,
        /// Its inputs.
        inputs: Vec<Input>,
    },
    /// `<atomic>.decideFalse(inputs)`.
    #[serde(rename = "decideFalse")]
    DecideFalse {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// The atomic called.
        predicate: AtomicName,
        /// Its inputs.
        inputs: Vec<Input>,
    },
    /// `Not.decideTrue(inner)`.
    #[serde(rename = "Not.decideTrue")]
    NotDecideTrue {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// The inner property `q` of `Not(q)`.
        inner: Expr,
    },
    /// `And.decideTrue(children)`.
    #[serde(rename = "And.decideTrue")]
    AndDecideTrue {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// The children `p0..pn` of `And(p0..pn)`.
        children: Vec<Expr>,
    },
    /// `CommitmentContract.submitRoot(block_number, root)`.
    #[serde(rename = "submitRoot")]
    SubmitRoot {
        /// The sender (default `deployer`, the operator).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// The Plasma block number.
        block_number: u64,
        /// The root (32 bytes).
        root: Input,
    },
}

impl Call {
    /// The method key (`claimProperty`, `Not.decideTrue`, …).
    pub fn method(&self) -> &'static str {
        match self {
            Self::ClaimProperty { .. } => "claimProperty",
            Self::Challenge { .. } => "challenge",
            Self::RemoveChallenge { .. } => "removeChallenge",
            Self::DecideClaimToTrue { .. } => "decideClaimToTrue",
            Self::DecideClaimToFalse { .. } => "decideClaimToFalse",
            Self::DecideClaimWithWitness { .. } => "decideClaimWithWitness",
            Self::SetPredicateDecision { .. } => "setPredicateDecision",
            Self::DecideTrue { .. } => "decideTrue",
            Self::DecideFalse { .. } => "decideFalse",
            Self::NotDecideTrue { .. } => "Not.decideTrue",
            Self::AndDecideTrue { .. } => "And.decideTrue",
            Self::SubmitRoot { .. } => "submitRoot",
        }
    }

    /// The sender, if given (the runner defaults to `deployer`).
    pub fn from(&self) -> Option<&AddrRef> {
        match self {
            Self::ClaimProperty { from, .. }
            | Self::Challenge { from, .. }
            | Self::RemoveChallenge { from, .. }
            | Self::DecideClaimToTrue { from, .. }
            | Self::DecideClaimToFalse { from, .. }
            | Self::DecideClaimWithWitness { from, .. }
            | Self::SetPredicateDecision { from, .. }
            | Self::DecideTrue { from, .. }
            | Self::DecideFalse { from, .. }
            | Self::NotDecideTrue { from, .. }
            | Self::AndDecideTrue { from, .. }
            | Self::SubmitRoot { from, .. } => from.as_ref(),
        }
    }
}

/// The sender of a call without `from`.
pub const DEFAULT_SENDER: &str = "deployer";
