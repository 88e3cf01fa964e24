//! One transaction of a `uac` step or a game adversary: the [`Call`] enum, keyed by method.

use crate::{
    input::{AddrRef, Expr, Input},
    names::AtomicName,
};
use ovm_core::{Action, Address, Bytes, Property, Registry};
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
    /// `UAC.initialize(...)` with the deployment's own wiring (its connectives, atomics and
    /// storage contracts), sent again after the deployment wired itself: `NotDeployer(from)`
    /// unless from `deployer`, then `AlreadyInitialized()` (§6). A `uac` step only.
    #[serde(rename = "initialize")]
    Initialize {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
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
            Self::Initialize { .. } => "initialize",
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
            | Self::SubmitRoot { from, .. }
            | Self::Initialize { from } => from.as_ref(),
        }
    }
}

/// The sender of a call without `from`.
pub const DEFAULT_SENDER: &str = "deployer";

/// A sender as a vector names it: a predicate by its name, any other address literally.
impl Call {
    /// The vector form of `action` sent by `from` — the inverse of `Resolver::action`, the
    /// format's one writer of transactions. Properties are written as expressions and a game
    /// id as `{"id": P}` when one of `known` has that id; `from` equal to `deployer` is left
    /// out (the default sender). `None` for what a vector cannot say: an atomic entry point
    /// on a predicate that is not an atomic, or a root for a block past `u64`.
    pub fn from_action(
        from: Address,
        deployer: Address,
        action: &Action,
        registry: &Registry,
        known: &[Property],
    ) -> Option<Self> {
        let expr = |p: &Property| Expr::from_property(p, registry);
        let inputs = |v: &[Bytes]| v.iter().map(|i| Input::from_bytes(i, registry)).collect();
        let from = (from != deployer).then(|| AddrRef::of_address(from, registry));
        Some(match action {
            Action::Claim(p) => Self::ClaimProperty {
                from,
                property: expr(p),
            },
            Action::Challenge {
                property,
                inputs: ci,
                challenge,
            } => Self::Challenge {
                from,
                property: expr(property),
                challenge_inputs: inputs(ci),
                challenge: expr(challenge),
            },
            Action::RemoveChallenge {
                property,
                challenge,
            } => Self::RemoveChallenge {
                from,
                property: expr(property),
                challenge: expr(challenge),
            },
            Action::DecideClaimToTrue(id) => Self::DecideClaimToTrue {
                from,
                id: match known.iter().find(|p| p.id() == *id) {
                    Some(p) => Input::Id(Box::new(expr(p))),
                    None => Input::hex(id),
                },
            },
            Action::DecideClaimToFalse {
                property,
                challenge,
            } => Self::DecideClaimToFalse {
                from,
                property: expr(property),
                challenge: expr(challenge),
            },
            Action::DecideClaimWithWitness { property, witness } => Self::DecideClaimWithWitness {
                from,
                property: expr(property),
                witness: inputs(witness),
            },
            Action::SetPredicateDecision { property, decision } => Self::SetPredicateDecision {
                from,
                property: expr(property),
                decision: *decision,
            },
            Action::DecideTrue(p) => Self::DecideTrue {
                from,
                predicate: AtomicName(registry.atomic(p.predicate)?),
                inputs: inputs(&p.inputs),
            },
            Action::DecideFalse(p) => Self::DecideFalse {
                from,
                predicate: AtomicName(registry.atomic(p.predicate)?),
                inputs: inputs(&p.inputs),
            },
            Action::NotDecideTrue(inner) => Self::NotDecideTrue {
                from,
                inner: expr(inner),
            },
            Action::AndDecideTrue(children) => Self::AndDecideTrue {
                from,
                children: children.iter().map(expr).collect(),
            },
            Action::SubmitRoot { block, root } => Self::SubmitRoot {
                from,
                block_number: u64::try_from(*block).ok()?,
                root: Input::hex(root),
            },
        })
    }
}
