//! The off-chain [`World`] a vector runs in: signers, accounts, the witness store, roots and
//! code placed at accounts.

use crate::{
    input::Input,
    primitives::{HexAddress, Name},
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The off-chain world a vector runs in (plain data the runner translates).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct World {
    /// Named signers: `name → seed`, the key of `ovm_core::signing::Signer::from_seed(seed)`.
    /// A signer's name is also an account (its address).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub signers: BTreeMap<Name, u64>,
    /// Named accounts without keys: `name → 0x + 40 hex`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub accounts: BTreeMap<Name, HexAddress>,
    /// The witness store: `bucket → entries`, each bucket in insertion order (spec §7 hints).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub store: BTreeMap<String, Vec<StoreEntry>>,
    /// `CommitmentContract` roots submitted by the operator before the vector runs, in order
    /// (Plasma block numbers, strictly increasing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roots: Vec<RootEntry>,
    /// Runtime bytecode placed at world accounts before the vector runs (`account → code`),
    /// e.g. a contract outside the registry that answers `true` to every call, so that "a
    /// connective only ever calls registered predicates" (§4) is observable. The accounts
    /// stay unregistered: to both halves a property there is an unregistered one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub code: BTreeMap<Name, Input>,
}

/// One witness-store entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StoreEntry {
    /// The key (`abi(Range)` for buckets read by `RANGE` hints).
    pub key: Input,
    /// The value.
    pub value: Input,
}

/// One submitted `CommitmentContract` root.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RootEntry {
    /// The Plasma block number (`submitRoot`'s `blockNumber`).
    pub block: u64,
    /// The root (32 bytes, non-zero).
    pub root: Input,
}
