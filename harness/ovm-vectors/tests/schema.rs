//! `vectors/schema.json` is generated from the types and must be kept up to date.

#[test]
fn committed_schema_is_up_to_date() {
    let committed = std::fs::read_to_string(ovm_vectors::SCHEMA_PATH).unwrap_or_default();
    let generated = ovm_vectors::schema_json();
    assert!(
        committed == generated,
        "vectors/schema.json is out of date with the ovm-vectors types: \
         run `cargo run -p ovm-vectors --example write_schema` and commit the result"
    );
}

#[test]
fn schema_is_draft_2020_12_and_names_every_kind() {
    let schema: serde_json::Value = serde_json::from_str(&ovm_vectors::schema_json()).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let kinds: Vec<&str> = schema["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|variant| variant["properties"]["kind"]["const"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["encoding", "atomic", "challenge", "witness", "uac", "game"]
    );
    assert_eq!(schema["unevaluatedProperties"], false);
    for def in ["Input", "Expr", "World", "Step", "Call", "Outcome"] {
        assert!(
            schema["$defs"][def].is_object(),
            "schema has no $defs/{def}"
        );
    }
}
