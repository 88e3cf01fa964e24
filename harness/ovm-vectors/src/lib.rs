#![doc = include_str!("../README.md")]

pub mod depth;
pub mod input;
pub mod load;
pub mod names;
pub mod primitives;
pub mod resolve;
pub mod vector;

pub use depth::MAX_JSON_DEPTH;
pub use input::{AddrRef, Atom, Expr, Input, MAX_EXPR_JSON_DEPTH, StringInput};
pub use load::{VectorError, from_json, load, peek_kind, to_pretty_json};
pub use names::{AtomicName, ErrorName, EventName, RuleId};
pub use primitives::{Hash32, HexAddress, Name};
pub use resolve::{ResolveError, ResolveErrorKind, Resolver};
pub use vector::*;

/// The JSON Schema (draft 2020-12) of a vector file, generated from the types.
pub fn schema() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<VectorFile>()
}

/// The text of `vectors/schema.json`: [`schema`] with every object's keys sorted (so the text
/// does not depend on whether `serde_json` preserves insertion order in this build),
/// pretty-printed with a trailing newline.
pub fn schema_json() -> String {
    let mut text =
        serde_json::to_string_pretty(&sorted(schema().to_value())).expect("schemas serialize");
    text.push('\n');
    text
}

fn sorted(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<_> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(sorted).collect())
        }
        other => other,
    }
}

/// Where `vectors/schema.json` lives, relative to this crate.
pub const SCHEMA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../vectors/schema.json");
