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
    /// A transaction gas limit for one more `decide(inputs)` call, IsStored only (spec §5.2's
    /// gas guard): at most [`GAS_GUARD_REVERTS_AT_MOST`] the call must revert wherever the
    /// guard is reached, at least [`GAS_GUARD_ANSWERS_AT_LEAST`] it must answer as with ample
    /// gas. A limit in between is implementation-dependent and refused at load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gas: Option<u64>,
    /// The expected truth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Truth>,
}

/// The largest `gas` limit of an atomic vector that certainly leaves less than IsStored's guard
/// (`100000 * 64 / 63 + 5000` = 106,587) at the check: the intrinsic 21,000 plus the guard.
pub const GAS_GUARD_REVERTS_AT_MOST: u64 = 21_000 + 100_000 * 64 / 63 + 5_000;

/// The smallest `gas` limit of an atomic vector that certainly leaves more than the guard at
/// the check (far above any implementation's cost of getting there).
pub const GAS_GUARD_ANSWERS_AT_LEAST: u64 = 1_000_000;

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
