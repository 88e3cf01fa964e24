//! The kinds of vector: the [`Kind`] tag and the [`Vector`] enum of each kind's fields.

use super::{AtomicVector, ChallengeVector, EncodingVector, GameVector, UacVector, WitnessVector};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The kinds of vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// [`EncodingVector`].
    Encoding,
    /// [`AtomicVector`].
    Atomic,
    /// [`ChallengeVector`].
    Challenge,
    /// [`WitnessVector`].
    Witness,
    /// [`UacVector`].
    Uac,
    /// [`GameVector`].
    Game,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Self; 6] = [
        Self::Encoding,
        Self::Atomic,
        Self::Challenge,
        Self::Witness,
        Self::Uac,
        Self::Game,
    ];

    /// The `kind` string.
    pub fn name(self) -> &'static str {
        match self {
            Self::Encoding => "encoding",
            Self::Atomic => "atomic",
            Self::Challenge => "challenge",
            Self::Witness => "witness",
            Self::Uac => "uac",
            Self::Game => "game",
        }
    }

    /// The kind named `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A vector's kind and its fields (`kind` is the tag).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Vector {
    /// Encoding checks (§1, §2): `id`, "is a property", placeholder, `subst`, depth.
    Encoding(EncodingVector),
    /// One atomic predicate on inputs (§5).
    Atomic(AtomicVector),
    /// One challenge against one claim (§4, §6 `challenge`).
    Challenge(ChallengeVector),
    /// One witness for one claim (§4 `decideWithWitness`, §6 `decideClaimWithWitness`).
    Witness(WitnessVector),
    /// A call sequence against the UAC (§6).
    Uac(UacVector),
    /// A whole dispute game: honest agent against a scripted adversary (§7–§9).
    Game(GameVector),
}

impl Vector {
    /// The kind.
    pub fn kind(&self) -> Kind {
        match self {
            Self::Encoding(_) => Kind::Encoding,
            Self::Atomic(_) => Kind::Atomic,
            Self::Challenge(_) => Kind::Challenge,
            Self::Witness(_) => Kind::Witness,
            Self::Uac(_) => Kind::Uac,
            Self::Game(_) => Kind::Game,
        }
    }
}

macro_rules! into_vector {
    ($($ty:ident => $variant:ident),*) => {$(
        impl From<$ty> for Vector {
            fn from(vector: $ty) -> Self {
                Self::$variant(vector)
            }
        }
    )*};
}

into_vector!(
    EncodingVector => Encoding,
    AtomicVector => Atomic,
    ChallengeVector => Challenge,
    WitnessVector => Witness,
    UacVector => Uac,
    GameVector => Game
);
