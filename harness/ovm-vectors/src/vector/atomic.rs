//! `kind: "atomic"`: one atomic predicate on inputs, and the three-valued [`Truth`].

use super::World;
use crate::{input::Input, names::AtomicName};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `kind: "atomic"`: one atomic predicate on inputs (`decide`, and `decideTrue`/`decideFalse`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AtomicVector {
    /// The world (`IsStored` reads its roots; `sig:`/`addr:` read its signers and accounts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world: Option<World>,
    /// The atomic predicate.
    pub predicate: AtomicName,
    /// Its inputs (any number; a wrong count is False).
    pub inputs: Vec<Input>,
    /// The expected truth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Truth>,
}

/// Three-valued truth (spec §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    /// True: `decide` is true and `decideTrue` succeeds.
    True,
    /// False: `decide` is false and `decideFalse` succeeds.
    False,
    /// Undefined (only `IsStored` on a key not yet written): `decide` is false and neither
    /// `decideTrue` nor `decideFalse` succeeds.
    Undefined,
}
