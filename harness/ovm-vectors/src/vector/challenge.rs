//! `kind: "challenge"`: one challenge against one claim, and the expected custom error
//! ([`ErrorExpect`]) that other kinds share.

use super::World;
use crate::{
    input::{Expr, Input},
    names::ErrorName,
};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::borrow::Cow;

/// `kind: "challenge"`: the claim is claimed, then challenged once inside its period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChallengeVector {
    /// The world.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world: Option<World>,
    /// The dispute period (default 7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<u64>,
    /// The claim `P`.
    pub claim: Expr,
    /// `challengeInputs`.
    pub challenge_inputs: Vec<Input>,
    /// The challenge `Q`.
    pub challenge: Expr,
    /// The expected outcome of `challenge(P, challenge_inputs, Q)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<ChallengeExpect>,
    /// Further challenges of the same claim, each tried from the state right after the claim
    /// exactly as the first one (e.g. every valid challenge of a True claim, or near misses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<ChallengeTry>,
}

/// One more challenge of a [`ChallengeVector`]'s claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChallengeTry {
    /// `challengeInputs`.
    pub challenge_inputs: Vec<Input>,
    /// The challenge `Q`.
    pub challenge: Expr,
    /// The expected outcome of `challenge(P, challenge_inputs, Q)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<ChallengeExpect>,
}

/// The period a vector without one uses (spec §6's default).
pub const DEFAULT_PERIOD: u64 = 7;

/// The expected outcome of a challenge: `{"accepted": true}` or `{"error": {…}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ChallengeExpect {
    /// `isValidChallenge` is true and `challenge` succeeds.
    Accepted(AcceptedTrue),
    /// `challenge` reverts with this error (and, for `InvalidChallenge`, `isValidChallenge`
    /// is false).
    Error(ErrorExpect),
}

/// The literal `true` (the value of `{"accepted": true}`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AcceptedTrue;

impl Serialize for AcceptedTrue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(true)
    }
}

impl<'de> Deserialize<'de> for AcceptedTrue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if bool::deserialize(deserializer)? {
            Ok(Self)
        } else {
            Err(de::Error::custom(
                "`accepted` is always true; write a rejection as {\"error\": {\"name\": …, \"args\": […]}}",
            ))
        }
    }
}

impl JsonSchema for AcceptedTrue {
    fn schema_name() -> Cow<'static, str> {
        "AcceptedTrue".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": true })
    }
}

/// An expected custom error: its name and, optionally, its arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorExpect {
    /// The custom error's name (spec §6).
    pub name: ErrorName,
    /// Its arguments, each the ABI word of one argument (`{"id": P}` or `0x…` for a `bytes32`
    /// game id, `addr:…` for an address, `uint:N` for a number). Absent: only the name is
    /// compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<Input>>,
}

impl ErrorExpect {
    /// The error `name` with arguments.
    pub fn new(name: ErrorName, args: impl IntoIterator<Item = Input>) -> Self {
        Self {
            name,
            args: Some(args.into_iter().collect()),
        }
    }
}
