//! What the decider answers (spec §7): [`Outcome`], [`Challenge`], [`UnknownReason`], and the
//! three-valued [`Truth`] of atomics.

use ovm_core::{Address, Bytes, Property};

/// A challenge `(challengeInputs, Q)` as `UAC.challenge(P, ci, Q)` takes it (spec §4).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Challenge {
    /// The challenge inputs: `[abi(i)]` for And, `[t]` for ForAll, `[]` for Not, Or and
    /// ThereExists.
    pub inputs: Vec<Bytes>,
    /// The challenge property `Q` (substituted, canonical).
    pub property: Property,
}

impl Challenge {
    /// A challenge with these inputs and property.
    pub fn new(inputs: Vec<Bytes>, property: Property) -> Self {
        Self { inputs, property }
    }
}

/// The decider's answer for one property (spec §7).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Outcome {
    /// The property is True. `witness` is `Some` exactly when it is witness-decidable (then
    /// `decideClaimWithWitness(P, witness)` succeeds); `None` when only the dispute period
    /// settles it.
    True {
        /// The witness for `decideWithWitness`, if the property is witness-decidable.
        witness: Option<Vec<Bytes>>,
    },
    /// The property is False. `challenge` is `None` for atomics, raw bytes and unregistered
    /// predicates (nothing can challenge them); otherwise it is the §4 challenge, itself True.
    False {
        /// The winning challenge, if the property is a connective.
        challenge: Option<Challenge>,
    },
    /// The truth is undefined by the rules, or the world lacks what is needed to decide it.
    Unknown {
        /// Why the decider cannot answer.
        why: UnknownReason,
        /// Present exactly when the claim is known not True: a valid challenge known not
        /// False (undefined, or itself pinned in turn), to pin the claim with (§7, §8).
        pin: Option<Challenge>,
    },
}

impl Outcome {
    /// `True` with no witness.
    pub const TRUE_BY_PERIOD: Self = Self::True { witness: None };

    /// `False` with no challenge (atomics, raw bytes, unregistered predicates).
    pub const FALSE_UNCHALLENGEABLE: Self = Self::False { challenge: None };

    /// Whether the outcome is `True`.
    pub fn is_true(&self) -> bool {
        matches!(self, Self::True { .. })
    }

    /// Whether the outcome is `False`.
    pub fn is_false(&self) -> bool {
        matches!(self, Self::False { .. })
    }

    /// Whether the outcome is `Unknown`.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Self::Unknown { .. })
    }

    /// The truth value, forgetting witnesses, challenges and reasons.
    pub fn truth(&self) -> Truth {
        match self {
            Self::True { .. } => Truth::True,
            Self::False { .. } => Truth::False,
            Self::Unknown { .. } => Truth::Undefined,
        }
    }

    /// The witness of a witness-decidable `True`.
    pub fn witness(&self) -> Option<&[Bytes]> {
        match self {
            Self::True {
                witness: Some(witness),
            } => Some(witness),
            _ => None,
        }
    }

    /// The challenge of a `False` connective.
    pub fn challenge(&self) -> Option<&Challenge> {
        match self {
            Self::False {
                challenge: Some(challenge),
            } => Some(challenge),
            _ => None,
        }
    }

    /// The pin of an `Unknown`.
    pub fn pin(&self) -> Option<&Challenge> {
        match self {
            Self::Unknown { pin: Some(pin), .. } => Some(pin),
            _ => None,
        }
    }

    /// Whether this is an `Unknown` whose truth is undefined by the rules (not missing data).
    pub fn is_undefined(&self) -> bool {
        matches!(self, Self::Unknown { why, .. } if why.is_undefined())
    }

    /// Whether the decider knows the property is not True (§7): `False`, or an `Unknown`
    /// known not True (undefined, or [`UnknownReason::NotTrue`]).
    pub fn known_not_true(&self) -> bool {
        match self {
            Self::True { .. } => false,
            Self::False { .. } => true,
            Self::Unknown { why, .. } => why.known_not_true(),
        }
    }

    /// Whether the decider knows the property is not False (§7): `True`, or an `Unknown`
    /// known not False (undefined, or [`UnknownReason::NotFalse`]).
    pub fn known_not_false(&self) -> bool {
        match self {
            Self::True { .. } => true,
            Self::False { .. } => false,
            Self::Unknown { why, .. } => why.known_not_false(),
        }
    }
}

/// Why an outcome is `Unknown`: either the truth is *undefined by the rules* (see
/// [`UnknownReason::is_undefined`]) or the world *lacks data* the decider needs.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum UnknownReason {
    /// Undefined: `IsStored` (or a `STORED` hint) reads a key that is not written yet.
    #[error("storage {storage} has nothing written under key {key}")]
    NotWritten {
        /// The storage contract.
        storage: Address,
        /// The key read.
        key: Bytes,
    },
    /// Undefined: the property is already under evaluation (its truth would depend on itself).
    #[error("cycle: the property is already under evaluation")]
    Cycle,
    /// Undefined: the connective's truth is undefined by the rules (known neither True nor
    /// False); the outcome's `pin` is a valid challenge of undefined truth.
    #[error("a challenge's truth is undefined")]
    UndefinedChallenge,
    /// Known not True, but the world lacks what is needed to tell False from undefined (the
    /// inner reason). The outcome carries a pin when a valid challenge is known not False.
    #[error("not True, and {0}")]
    NotTrue(Box<UnknownReason>),
    /// Known not False, but the world lacks what is needed to tell True from undefined (the
    /// inner reason). Never pinned: a pin must not keep a True claim from being decided True.
    #[error("not False, and {0}")]
    NotFalse(Box<UnknownReason>),
    /// Missing data: the hint is not `bucket,KIND,param` as §7 defines it.
    #[error("malformed hint: {0}")]
    MalformedHint(String),
    /// Missing data: the hint still contains `${name}` (no enclosing quantifier bound it).
    #[error("unbound template variable `{0}` in hint")]
    UnboundName(String),
    /// Missing data: the hint has more than [`crate::MAX_CANDIDATES`] candidates.
    #[error("too many candidates ({0} > {max})", max = crate::MAX_CANDIDATES)]
    TooManyCandidates(u128),
    /// Missing data: the property is deeper than a challenge may be (its depth, cut off at 35).
    #[error("depth {0} exceeds the challenge depth limit")]
    TooDeep(u32),
    /// Missing data: the work bound ran out (more distinct sub-decisions than the budget,
    /// by default the spec's 2^24).
    #[error("evaluation budget exhausted")]
    BudgetExhausted,
}

impl UnknownReason {
    /// Whether the truth is undefined by the rules (unwritten storage, a cycle, an undefined
    /// challenge), as opposed to data the world lacks.
    pub fn is_undefined(&self) -> bool {
        matches!(
            self,
            Self::NotWritten { .. } | Self::Cycle | Self::UndefinedChallenge
        )
    }

    /// Whether the truth is known not True (undefined, or [`Self::NotTrue`]).
    pub fn known_not_true(&self) -> bool {
        self.is_undefined() || matches!(self, Self::NotTrue(_))
    }

    /// Whether the truth is known not False (undefined, or [`Self::NotFalse`]).
    pub fn known_not_false(&self) -> bool {
        self.is_undefined() || matches!(self, Self::NotFalse(_))
    }

    /// Whether the cause is a hint the decider cannot list candidates of (malformed, unbound or
    /// over the cap): truth (§3) then turns on values the decider has no list of, so a value
    /// found elsewhere may still settle it.
    pub fn lacks_candidates(&self) -> bool {
        matches!(
            self.cause(),
            Self::MalformedHint(_) | Self::UnboundName(_) | Self::TooManyCandidates(_)
        )
    }

    /// The reason without its [`Self::NotTrue`] / [`Self::NotFalse`] wrapper: what is
    /// undefined, or which data is missing.
    pub fn cause(&self) -> &Self {
        match self {
            Self::NotTrue(inner) | Self::NotFalse(inner) => inner.cause(),
            other => other,
        }
    }
}

/// A three-valued truth: the value of an atomic (only `IsStored` can be `Undefined`), or an
/// outcome without its details.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Truth {
    /// True.
    True,
    /// False.
    False,
    /// Undefined (or unknown, for an outcome).
    Undefined,
}

impl Truth {
    /// `True` for `true`, `False` for `false`.
    pub fn from_bool(value: bool) -> Self {
        if value { Self::True } else { Self::False }
    }
}

impl std::ops::Not for Truth {
    type Output = Self;

    /// Kleene negation.
    fn not(self) -> Self {
        match self {
            Self::True => Self::False,
            Self::False => Self::True,
            Self::Undefined => Self::Undefined,
        }
    }
}
