//! A view step of a `uac` vector: one of §6's views of the UAC, read between the calls on
//! both halves, compared with each other and, where written, with `expect` (`fill` writes it).

use crate::input::{AddrRef, Expr, Input};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One view, keyed by its name: `{"isDecided": {"property": P}}`,
/// `{"isDecidable": {"id": G}}`, `{"getGamePredicate": {"id": G}}` (a game id is
/// `{"id": P}` or 32 bytes), each with an optional `expect`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub enum View {
    /// `UAC.isDecided(property)`: whether `property`'s game is decided True.
    #[serde(rename = "isDecided")]
    IsDecided {
        /// `P`.
        property: Expr,
        /// The expected answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<bool>,
    },
    /// `UAC.isDecidable(id)`: whether `decideClaimToTrue(id)` would succeed now.
    #[serde(rename = "isDecidable")]
    IsDecidable {
        /// The game id.
        id: Input,
        /// The expected answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<bool>,
    },
    /// `UAC.getGamePredicate(id)`: the predicate of the game's property (the zero address
    /// when there is no game).
    #[serde(rename = "getGamePredicate")]
    GetGamePredicate {
        /// The game id.
        id: Input,
        /// The expected predicate: a predicate's name or an address.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<AddrRef>,
    },
}

impl View {
    /// The view's names, the keys of view steps.
    pub const NAMES: [&'static str; 3] = ["isDecided", "isDecidable", "getGamePredicate"];

    /// The view's name (`isDecided`, …).
    pub fn name(&self) -> &'static str {
        match self {
            Self::IsDecided { .. } => "isDecided",
            Self::IsDecidable { .. } => "isDecidable",
            Self::GetGamePredicate { .. } => "getGamePredicate",
        }
    }
}
