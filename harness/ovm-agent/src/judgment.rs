//! The decider's judgment of a game, in the compact, serialisable form a record keeps.

use ovm_decider::{Outcome, Truth};

/// What the decider said about a game's property (at the time it was decided, or at the end).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Judgment {
    /// True; `witness` when it is witness-decidable.
    True {
        /// Whether the decider gave a witness.
        witness: bool,
    },
    /// False; `challenge` when it is a connective (with the §4 challenge).
    False {
        /// Whether the decider gave a challenge.
        challenge: bool,
    },
    /// Unknown.
    Unknown {
        /// The decider's reason (its `Display`).
        reason: String,
        /// Whether the truth is undefined by the rules (not missing data).
        undefined: bool,
        /// Whether the outcome carries a pin.
        pinned: bool,
        /// Whether the whole pin chain is available: following pins ends at an atomic of
        /// undefined truth or loops, so no game of the chain can be decided by default.
        pin_chain_complete: bool,
    },
}

impl Judgment {
    /// The judgment of `outcome`; `pin_chain_complete` is only used for `Unknown`.
    pub fn of(outcome: &Outcome, pin_chain_complete: bool) -> Self {
        match outcome {
            Outcome::True { witness } => Self::True {
                witness: witness.is_some(),
            },
            Outcome::False { challenge } => Self::False {
                challenge: challenge.is_some(),
            },
            Outcome::Unknown { why, pin } => Self::Unknown {
                reason: why.to_string(),
                undefined: why.is_undefined(),
                pinned: pin.is_some(),
                pin_chain_complete,
            },
        }
    }

    /// The three-valued truth.
    pub fn truth(&self) -> Truth {
        match self {
            Self::True { .. } => Truth::True,
            Self::False { .. } => Truth::False,
            Self::Unknown { .. } => Truth::Undefined,
        }
    }

    /// Whether this is an `Unknown` of undefined truth whose whole pin chain is available.
    pub fn is_fully_pinned_undefined(&self) -> bool {
        matches!(
            self,
            Self::Unknown {
                undefined: true,
                pin_chain_complete: true,
                ..
            }
        )
    }
}
