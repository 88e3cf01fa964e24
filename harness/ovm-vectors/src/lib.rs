//! The OVM conformance test-vector **format**: the JSON fixture schema, the readable property
//! language, loading with precise errors, canonical writing, and the [`Resolver`] that turns a
//! vector's expressions into `ovm_core` values. Not the runner.
//!
//! A vector file is `{"format": 1, "_info": {…}, "kind": "…", …kind fields}`; the kinds are
//! `encoding`, `atomic`, `challenge`, `witness`, `uac` and `game` ([`Vector`]). Properties are
//! written as expressions (`{"And": [{"Not": [{"Equal": ["0x01", "0x02"]}]}]}`) and inputs as
//! short strings (`uint:5`, `addr:alice`, `sig:alice:text:m`, …); see [`input`] and the
//! crate's `README.md` for the grammar. `vectors/schema.json` is generated from these types
//! ([`schema_json`]).
//!
//! ```
//! use ovm_core::Registry;
//! use ovm_vectors::{Resolver, Vector, from_json};
//!
//! let text = r#"{
//!   "format": 1,
//!   "_info": { "description": "Equal on identical bytes is True", "rules": ["§5.Equal"] },
//!   "kind": "atomic",
//!   "predicate": "Equal",
//!   "inputs": ["0x01", "text:\u0001"],
//!   "expect": "true"
//! }"#;
//! let file = from_json(text, "example.json").unwrap();
//! let Vector::Atomic(atomic) = &file.vector else { unreachable!() };
//! let registry = Registry::with_test_addresses();
//! let resolver = Resolver::new(&registry, [("UAC", Default::default())], file.world()).unwrap();
//! let inputs = resolver.inputs(&atomic.inputs, "inputs").unwrap();
//! assert_eq!(inputs[0], inputs[1]);
//! ```

pub mod input;
pub mod load;
pub mod names;
pub mod primitives;
pub mod resolve;
pub mod vector;

pub use input::{AddrRef, Atom, Expr, Input, StringInput};
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
