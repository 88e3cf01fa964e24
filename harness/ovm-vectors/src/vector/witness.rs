//! `kind: "witness"`: the claim is claimed, then decided with a witness.

use super::World;
use crate::input::{Expr, Input};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `kind: "witness"`: the claim is claimed, then decided with a witness.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WitnessVector {
    /// The world.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world: Option<World>,
    /// The claim.
    pub claim: Expr,
    /// The witness `bytes[]`.
    pub witness: Vec<Input>,
    /// Whether `decideWithWitness` is true (and `decideClaimWithWitness` succeeds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<WitnessExpect>,
    /// Further witnesses for the same claim, each tried from the state right after the claim
    /// exactly as the first one (e.g. near misses of the decider's witness).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<WitnessTry>,
}

/// One more witness of a [`WitnessVector`]'s claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WitnessTry {
    /// The witness `bytes[]`.
    pub witness: Vec<Input>,
    /// Whether `decideWithWitness` is true (and `decideClaimWithWitness` succeeds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<WitnessExpect>,
}

/// The expected verdict on a witness.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WitnessExpect {
    /// `decideWithWitness` is true; `decideClaimWithWitness` decides the claim True.
    Accepted,
    /// `decideWithWitness` is false; `decideClaimWithWitness` reverts `WitnessRejected`.
    Rejected,
}
