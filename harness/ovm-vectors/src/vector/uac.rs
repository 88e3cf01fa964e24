//! `kind: "uac"`: a call sequence against a fresh deployment and what it expects (call
//! results, final game states, events).

use super::{Call, ErrorExpect, Step, World};
use crate::{
    input::{Expr, Input},
    names::EventName,
};
use ovm_core::Decision;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `kind: "uac"`: a call sequence against a fresh deployment, compared call by call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UacVector {
    /// The world (named signers and accounts for `from`; roots submitted before the steps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world: Option<World>,
    /// The dispute period of the deployment. 0 tests the deployment itself (the UAC
    /// constructor's `InvalidPeriod()`): such a vector has no steps, and `expect.deployment`
    /// says how the deployment ends.
    pub period: u64,
    /// The steps; the first runs at block offset 0.
    pub steps: Vec<Step>,
    /// The expected results, final game states and events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<UacExpect>,
}

impl UacVector {
    /// The call steps (advances and views left out), in order: `expect.results[i]` is the result of the
    /// `i`-th of these.
    pub fn calls(&self) -> impl Iterator<Item = &Call> {
        self.steps.iter().filter_map(|step| match step {
            Step::Call(call) => Some(call),
            Step::Advance(_) | Step::View(_) => None,
        })
    }
}

/// What a `uac` vector expects; each part that is absent is not compared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UacExpect {
    /// How the deployment ends (only in a vector of period 0): `"ok"` or the constructor's
    /// error (`{"error": {"name": "InvalidPeriod"}}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment: Option<CallResult>,
    /// One result per call step (advances have none), in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Vec<CallResult>>,
    /// Final states of these games (other games are not compared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub games: Option<Vec<GameExpect>>,
    /// Every event emitted by the steps (UAC and CommitmentContract), in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<EventExpect>>,
}

/// The result of one call: `"ok"` or `{"error": {…}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum CallResult {
    /// The call succeeded.
    Ok,
    /// The call reverted with this custom error.
    Error(ErrorExpect),
}

/// The expected final state of one game.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GameExpect {
    /// The game's property.
    pub property: Expr,
    /// Its decision.
    pub decision: DecisionName,
    /// Its pending challenges in on-chain order: each a property expression (its id) or a
    /// 32-byte id.
    pub challenges: Vec<Input>,
    /// The block offset in which it was created.
    pub created_block: u64,
}

/// A game decision by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionName {
    /// Decided True.
    True,
    /// Decided False.
    False,
    /// Not decided.
    Undecided,
}

impl From<DecisionName> for Decision {
    fn from(name: DecisionName) -> Self {
        match name {
            DecisionName::True => Self::True,
            DecisionName::False => Self::False,
            DecisionName::Undecided => Self::Undecided,
        }
    }
}

impl From<Decision> for DecisionName {
    fn from(decision: Decision) -> Self {
        match decision {
            Decision::True => Self::True,
            Decision::False => Self::False,
            Decision::Undecided => Self::Undecided,
        }
    }
}

/// One expected event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventExpect {
    /// The event's name.
    pub name: EventName,
    /// Its arguments, each as `abi.encode(arg)`: the word of a static argument (`{"id": P}`,
    /// `bool:true`, `block:N` for a block offset), `enc(P)` (a property expression) for a
    /// `Property`. Absent: only the name is compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<Input>>,
}
