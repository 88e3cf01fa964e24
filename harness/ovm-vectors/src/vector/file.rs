//! The envelope of a vector file: the format version, [`VectorFile`] and its `_info`.

use super::{Check, Kind, Vector, World};
use crate::names::RuleId;
use crate::primitives::Hash32;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The only format version this crate reads and writes.
pub const FORMAT: u32 = 1;

/// One vector file: `{"format": 1, "_info": …, "kind": "…", …kind fields}`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "OVM conformance vector (format 1)")]
pub struct VectorFile {
    /// The format version; always 1.
    #[schemars(extend("const" = 1))]
    pub format: u32,
    /// What the vector is about.
    #[serde(rename = "_info")]
    pub info: Info,
    /// The kind and its fields.
    #[serde(flatten)]
    pub vector: Vector,
}

impl VectorFile {
    /// A format-1 file.
    pub fn new(info: Info, vector: impl Into<Vector>) -> Self {
        Self {
            format: FORMAT,
            info,
            vector: vector.into(),
        }
    }

    /// The vector's world, if its kind has one and it is given.
    pub fn world(&self) -> Option<&World> {
        match &self.vector {
            Vector::Encoding(_) => None,
            Vector::Atomic(v) => v.world.as_ref(),
            Vector::Challenge(v) => v.world.as_ref(),
            Vector::Witness(v) => v.world.as_ref(),
            Vector::Uac(v) => v.world.as_ref(),
            Vector::Game(v) => Some(&v.world),
        }
    }

    /// The kind.
    pub fn kind(&self) -> Kind {
        self.vector.kind()
    }

    /// Whether the vector has an `expect` (a vector without one only requires that the two
    /// halves agree).
    pub fn has_expect(&self) -> bool {
        match &self.vector {
            Vector::Encoding(v) => v.checks.iter().any(Check::has_expect),
            Vector::Atomic(v) => v.expect.is_some(),
            Vector::Challenge(v) => v.expect.is_some() || v.also.iter().any(|t| t.expect.is_some()),
            Vector::Witness(v) => v.expect.is_some() || v.also.iter().any(|t| t.expect.is_some()),
            Vector::Uac(v) => v.expect.is_some(),
            Vector::Game(v) => v.expect.is_some(),
        }
    }
}

/// `_info`: metadata, never semantics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Info {
    /// One or two sentences: what the vector checks and why.
    pub description: String,
    /// The spec rules it covers (`§4.and`, `§6.challenge`, `§5.IsStored`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleId>,
    /// `0x` + keccak256 of the bundled contracts' runtime bytecode the expectations were
    /// filled against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filled_against: Option<Hash32>,
    /// Why the runner skips this vector (a skip is metadata, never hidden in code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip: Option<String>,
    /// The contracts a fuzz regression was found against, as the runner names them: `bundled
    /// 0x…` (the bundle hash) or `manifest PATH 0x…` (keccak256 of the sixteen creation codes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found_against: Option<String>,
}

impl Info {
    /// Info with a description and nothing else.
    pub fn new(description: impl Into<String>) -> Self {
        Self {
            description: description.into(),
            rules: Vec::new(),
            filled_against: None,
            skip: None,
            found_against: None,
        }
    }
}
