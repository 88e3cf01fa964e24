//! The names a vector may expect: custom errors and events (spec §6), atomic predicate names,
//! reserved address names and rule ids.

use ovm_core::AtomicKind;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::{borrow::Cow, fmt};

/// Every custom error of the deployment with its number of arguments (spec §6, plus the
/// wiring errors of `harness/SPEC-DECISIONS.md`).
pub const ERRORS: &[(&str, usize)] = &[
    ("UnknownPredicate", 1),
    ("TooDeep", 1),
    ("GameAlreadyExists", 1),
    ("GameNotFound", 1),
    ("GameAlreadyDecided", 1),
    ("DisputePeriodOver", 1),
    ("DisputePeriodNotOver", 1),
    ("NotAConnective", 1),
    ("InvalidChallenge", 2),
    ("DuplicateChallenge", 2),
    ("ChallengeNotFound", 2),
    ("ChallengeNotDecidedTrue", 1),
    ("ChallengeNotDecidedFalse", 1),
    ("ChallengesRemain", 1),
    ("WitnessRejected", 1),
    ("CallerNotPredicate", 1),
    ("NotTrue", 0),
    ("NotFalse", 0),
    ("InnerNotFalse", 1),
    ("ChildNotTrue", 1),
    ("InvalidPeriod", 0),
    ("NotDeployer", 1),
    ("AlreadyInitialized", 0),
    ("NotOperator", 1),
    ("ZeroRoot", 0),
    ("BlockNumberNotIncreasing", 2),
];

/// Every event of the deployment with its number of arguments (spec §6; `RootSubmitted` is
/// the `CommitmentContract` event of `harness/SPEC-DECISIONS.md`).
pub const EVENTS: &[(&str, usize)] = &[
    ("NewPropertyClaimed", 3),
    ("ClaimChallenged", 2),
    ("ChallengeRemoved", 2),
    ("ClaimDecided", 2),
    ("AtomicPropositionDecided", 2),
    ("RootSubmitted", 2),
];

/// Address names the deployment defines; world signers and accounts may not use them (nor a
/// predicate name).
pub const CONTRACT_NAMES: [&str; 3] = ["UAC", "CommitmentContract", "deployer"];

/// The arity of the custom error `name`, if it is one.
pub fn error_arity(name: &str) -> Option<usize> {
    ERRORS.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
}

/// The arity of the event `name`, if it is one.
pub fn event_arity(name: &str) -> Option<usize> {
    EVENTS.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
}

macro_rules! checked_name {
    ($(#[$doc:meta])* $ty:ident, $table:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $ty(String);

        impl $ty {
            /// The name, checked against the table.
            pub fn parse(name: &str) -> Result<Self, String> {
                if $table.iter().any(|(n, _)| *n == name) {
                    Ok(Self(name.to_owned()))
                } else {
                    Err(format!(
                        concat!("unknown ", $what, " {:?} (expected one of {})"),
                        name,
                        $table.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                    ))
                }
            }

            /// The name.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Its number of arguments.
            pub fn arity(&self) -> usize {
                $table.iter().find(|(n, _)| *n == self.0).map_or(0, |(_, a)| *a)
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let name = String::deserialize(deserializer)?;
                Self::parse(&name).map_err(de::Error::custom)
            }
        }

        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                stringify!($ty).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                let names: Vec<&str> = $table.iter().map(|(n, _)| *n).collect();
                json_schema!({
                    "description": concat!("The name of a ", $what, " (spec §6)."),
                    "type": "string",
                    "enum": names,
                })
            }
        }
    };
}

checked_name!(
    /// The name of a custom error (one of [`ERRORS`]).
    ErrorName,
    ERRORS,
    "custom error"
);

checked_name!(
    /// The name of an event (one of [`EVENTS`]).
    EventName,
    EVENTS,
    "event"
);

/// An atomic predicate by name (`Equal`, …, `VerifyInclusion`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AtomicName(pub AtomicKind);

impl AtomicName {
    /// The atomic named `name`.
    pub fn parse(name: &str) -> Result<Self, String> {
        AtomicKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name)
            .map(Self)
            .ok_or_else(|| {
                format!(
                    "unknown atomic predicate {name:?} (expected one of {})",
                    AtomicKind::ALL.map(AtomicKind::name).join(", ")
                )
            })
    }
}

impl fmt::Display for AtomicName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}

impl Serialize for AtomicName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.name())
    }
}

impl<'de> Deserialize<'de> for AtomicName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Self::parse(&name).map_err(de::Error::custom)
    }
}

impl JsonSchema for AtomicName {
    fn schema_name() -> Cow<'static, str> {
        "AtomicName".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An atomic predicate (spec §5), by name.",
            "type": "string",
            "enum": AtomicKind::ALL.map(AtomicKind::name),
        })
    }
}

/// A spec rule id `§<section>.<name>`, e.g. `§4.and`, `§6.challenge`, `§5.IsStored`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(String);

impl RuleId {
    /// Checks the shape `§<digits>.<name>` (`name`: letters, digits, `_`, `-`, `.`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let valid = text.strip_prefix('§').is_some_and(|rest| {
            let (section, name) = rest.split_once('.').unwrap_or((rest, ""));
            !section.is_empty()
                && section.bytes().all(|b| b.is_ascii_digit())
                && !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
        });
        if valid {
            Ok(Self(text.to_owned()))
        } else {
            Err(format!(
                "bad rule id {text:?}: write `§<section>.<name>`, e.g. `§4.and` or `§5.IsStored`"
            ))
        }
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(de::Error::custom)
    }
}

impl JsonSchema for RuleId {
    fn schema_name() -> Cow<'static, str> {
        "RuleId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A spec rule id `§<section>.<name>` (e.g. `§4.and`, `§6.challenge`, `§5.IsStored`).",
            "type": "string",
            "pattern": "^§[0-9]+\\.[A-Za-z0-9_.-]+$",
        })
    }
}
