//! `kind: "encoding"`: checks of `enc`/`id`, the property test, placeholders, `subst` and depth.

use crate::{
    input::{Expr, Input},
    primitives::Hash32,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `kind: "encoding"`: checks of `enc`/`id`, the property test, placeholders, `subst` and depth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EncodingVector {
    /// The checks, each run on both halves.
    pub checks: Vec<Check>,
}

/// One encoding check: an object with one key, the check's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// `id(P)` (and `enc(P)`, whose hash it is).
    Id {
        /// The property.
        property: Expr,
        /// The expected id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<Hash32>,
    },
    /// "`bytes` is a property" (the canonical-encoding test, §1).
    IsProperty {
        /// The bytes (any input; a property expression is its `enc`).
        bytes: Input,
        /// The expected answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<bool>,
    },
    /// "`bytes` is a placeholder" (§2).
    Placeholder {
        /// The bytes.
        bytes: Input,
        /// The expected answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<bool>,
    },
    /// `subst(x, name, value)` (§2).
    Subst {
        /// The input substituted into.
        x: Input,
        /// The variable's raw name (without `V`), e.g. `text:n`.
        name: Input,
        /// The bound value.
        value: Input,
        /// The expected result.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<Input>,
    },
    /// `min(depth(bytes), 35)` (§1).
    Depth {
        /// The bytes (any input; a property expression is its `enc`).
        bytes: Input,
        /// The expected depth.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<u32>,
    },
    /// Whether `value` may be bound to `name` in `body` (§2): as a `ForAll` challenge value
    /// (`exists: false`, one `Not` around the instance) or a `ThereExists` witness value
    /// (`exists: true`, two). Compared with `ForAll.isAdmissible`.
    Admissible {
        /// `true` for a `ThereExists` witness value, `false` for a `ForAll` challenge value.
        exists: bool,
        /// The quantifier's body.
        body: Input,
        /// The variable's raw name.
        name: Input,
        /// The bound value.
        value: Input,
        /// The expected answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<bool>,
    },
}

impl Check {
    /// Whether the check has an expectation.
    pub fn has_expect(&self) -> bool {
        match self {
            Self::Id { expect, .. } => expect.is_some(),
            Self::IsProperty { expect, .. }
            | Self::Placeholder { expect, .. }
            | Self::Admissible { expect, .. } => expect.is_some(),
            Self::Subst { expect, .. } => expect.is_some(),
            Self::Depth { expect, .. } => expect.is_some(),
        }
    }
}
