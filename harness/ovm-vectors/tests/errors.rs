//! Malformed vectors fail with typed errors naming the file, line, column and field path.

use ovm_core::{Address, Registry};
use ovm_vectors::{ResolveErrorKind, Resolver, Vector, VectorError, from_json};

/// A small valid `challenge` vector to break in various ways.
const CHALLENGE: &str = r#"{
  "format": 1,
  "_info": {
    "description": "d"
  },
  "kind": "challenge",
  "claim": {
    "And": [
      {
        "Equal": [
          "0x01",
          "0x01"
        ]
      },
      {
        "Not": [
          {
            "Equal": [
              "0x01",
              "0x02"
            ]
          }
        ]
      }
    ]
  },
  "challenge_inputs": [
    "uint:1"
  ],
  "challenge": {
    "Not": [
      {
        "Not": [
          {
            "Equal": [
              "0x01",
              "0x02"
            ]
          }
        ]
      }
    ]
  }
}
"#;

fn parse_err(text: &str) -> (usize, usize, String, String) {
    match from_json(text, "v.json") {
        Err(VectorError::Parse {
            file,
            line,
            column,
            path,
            message,
        }) => {
            assert_eq!(file, "v.json");
            (line, column, path, message)
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle in text")]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn the_base_vector_is_valid() {
    from_json(CHALLENGE, "v.json").unwrap();
}

#[test]
fn unknown_predicate_names_the_expression_path_and_line() {
    let text = CHALLENGE.replacen("\"Not\"", "\"Nott\"", 1);
    let (line, column, path, message) = parse_err(&text);
    assert_eq!(path, "claim.And[1]", "{message}");
    assert_eq!(message, "unknown predicate \"Nott\"");
    assert_eq!(line, line_of(&text, "\"Nott\""));
    assert!(column > 0);

    // One level deeper, inside the Not's input.
    let text = CHALLENGE.replacen(
        "\"Equal\": [\n              \"0x01\",\n              \"0x02\"",
        "\"Equl\": [\n              \"0x01\",\n              \"0x02\"",
        1,
    );
    let (line, _, path, message) = parse_err(&text);
    assert_eq!(path, "claim.And[1].Not[0]");
    assert_eq!(message, "unknown predicate \"Equl\"");
    assert_eq!(line, line_of(&text, "\"Equl\""));
    let shown = from_json(&text, "v.json").unwrap_err().to_string();
    assert!(
        shown.starts_with(&format!("v.json:{line}:"))
            && shown.contains(": claim.And[1].Not[0]: unknown predicate \"Equl\""),
        "{shown}"
    );
}

#[test]
fn bad_and_odd_hex() {
    let text = CHALLENGE.replacen("\"0x02\"", "\"0xzz\"", 1);
    let (line, _, path, message) = parse_err(&text);
    assert_eq!(path, "claim.And[1].Not[0].Equal[1]");
    assert!(message.starts_with("bad hex in \"0xzz\""), "{message}");
    assert_eq!(line, line_of(&text, "0xzz"));

    let text = CHALLENGE.replacen("\"uint:1\"", "\"0xabc\"", 1);
    let (_, _, path, message) = parse_err(&text);
    assert_eq!(path, "challenge_inputs[0]");
    assert!(
        message.starts_with("odd number of hex digits (3) in \"0xabc\""),
        "{message}"
    );
}

#[test]
fn malformed_string_inputs() {
    for (bad, expected) in [
        ("abc", "unknown input form \"abc\""),
        ("uint:-1", "bad number \"-1\""),
        ("uint:0x", "bad number \"0x\""),
        (
            "uint:1157920892373161954235709850086879078532699846656405640394575840079131296399360",
            "does not fit in 256 bits",
        ),
        ("range:5", "bad range"),
        ("addr:0x1234", "exactly 40 hex digits"),
        ("addr:9lives", "invalid name \"9lives\""),
        ("sig:alice", "bad signature"),
        ("sig:alice:", "the message after `sig:alice:` is missing"),
        ("keccak:", "needs an inner input"),
        ("bool:yes", "bad bool"),
        ("block:-1", "bad block offset"),
    ] {
        let text = CHALLENGE.replacen("\"uint:1\"", &serde_json::to_string(bad).unwrap(), 1);
        let (_, _, path, message) = parse_err(&text);
        assert_eq!(path, "challenge_inputs[0]", "{bad}");
        assert!(message.contains(expected), "{bad}: {message}");
    }
}

#[test]
fn object_inputs_have_one_known_key() {
    let text = CHALLENGE.replacen("\"uint:1\"", r#"{"keccak": "0x01", "id": {"And": []}}"#, 1);
    let (_, _, path, message) = parse_err(&text);
    assert_eq!(path, "challenge_inputs[0]");
    assert_eq!(
        message,
        "an expression object has exactly one key, found \"id\" after \"keccak\""
    );

    let text = CHALLENGE.replacen("\"uint:1\"", r#"{"hash": "0x01"}"#, 1);
    let (_, _, _, message) = parse_err(&text);
    assert!(
        message.starts_with("unknown function \"hash\""),
        "{message}"
    );

    let text = CHALLENGE.replacen("\"uint:1\"", "{}", 1);
    let (_, _, _, message) = parse_err(&text);
    assert!(
        message.starts_with("an empty object is not an input"),
        "{message}"
    );

    let text = CHALLENGE.replacen("\"uint:1\"", "5", 1);
    let (_, _, path, message) = parse_err(&text);
    assert_eq!(path, "challenge_inputs[0]");
    assert!(
        message.starts_with("invalid type: integer `5`, expected an input"),
        "{message}"
    );

    let text = CHALLENGE.replacen("\"uint:1\"", r#"{"sig": {"signer": "alice"}}"#, 1);
    let (_, _, path, message) = parse_err(&text);
    assert_eq!(path, "challenge_inputs[0].sig");
    assert_eq!(message, "missing field `message`");
}

#[test]
fn unknown_signer_and_name_are_resolve_errors_with_paths() {
    let text = CHALLENGE.replacen("\"uint:1\"", "\"sig:carol:text:m\"", 1);
    let file = from_json(&text, "v.json").unwrap();
    let registry = Registry::with_test_addresses();
    let resolver = Resolver::for_vector(&registry, [("UAC", Address::ZERO)], &file).unwrap();
    let Vector::Challenge(challenge) = &file.vector else {
        unreachable!()
    };
    let err = resolver
        .inputs(&challenge.challenge_inputs, "challenge_inputs")
        .unwrap_err();
    assert_eq!(err.path, "challenge_inputs[0]");
    assert_eq!(
        err.kind,
        ResolveErrorKind::UnknownSigner("carol".into(), "none".into())
    );
    assert_eq!(
        err.to_string(),
        "challenge_inputs[0]: unknown signer \"carol\" (world.signers has none)"
    );

    let text = CHALLENGE.replacen(
        "\"0x02\"",
        "{\"sig\": {\"signer\": \"carol\", \"message\": \"0x\"}}",
        1,
    );
    let file = from_json(&text, "v.json").unwrap();
    let Vector::Challenge(challenge) = &file.vector else {
        unreachable!()
    };
    let err = resolver.property(&challenge.claim, "claim").unwrap_err();
    assert_eq!(err.path, "claim.And[1].Not[0].Equal[1].sig.signer");

    let text = CHALLENGE.replacen("\"0x02\"", "\"addr:carol\"", 1);
    let file = from_json(&text, "v.json").unwrap();
    let Vector::Challenge(challenge) = &file.vector else {
        unreachable!()
    };
    let err = resolver.property(&challenge.claim, "claim").unwrap_err();
    assert_eq!(err.path, "claim.And[1].Not[0].Equal[1]");
    assert_eq!(err.kind, ResolveErrorKind::UnknownName("carol".into()));
}

#[test]
fn world_names_may_not_shadow_deployment_names() {
    let text = CHALLENGE.replacen(
        "\"kind\": \"challenge\",",
        "\"kind\": \"challenge\", \"world\": {\"signers\": {\"Equal\": 1}},",
        1,
    );
    match from_json(&text, "v.json") {
        Err(VectorError::Invalid { path, message, .. }) => {
            assert_eq!(path, "world.signers.Equal");
            assert!(message.contains("predicate or contract name"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let text = CHALLENGE.replacen(
        "\"kind\": \"challenge\",",
        "\"kind\": \"challenge\", \"world\": {\"signers\": {\"a\": 1}, \"accounts\": {\"a\": \"0x0000000000000000000000000000000000000001\"}},",
        1,
    );
    let err = from_json(&text, "v.json").unwrap_err();
    assert_eq!(err.path(), Some("world.accounts.a"));
    // A contract table entry that a world name shadows is refused by the resolver too.
    let text = CHALLENGE.replacen(
        "\"kind\": \"challenge\",",
        "\"kind\": \"challenge\", \"world\": {\"signers\": {\"Operator\": 1}},",
        1,
    );
    let file = from_json(&text, "v.json").unwrap();
    let registry = Registry::with_test_addresses();
    let err = Resolver::for_vector(&registry, [("Operator", Address::ZERO)], &file).unwrap_err();
    assert_eq!(err.path, "world.signers.Operator");
}

#[test]
fn unknown_kind_field_and_format() {
    let text = CHALLENGE.replacen("\"challenge\",", "\"challenges\",", 1);
    let (line, _, path, message) = parse_err(&text);
    assert_eq!(path, "kind");
    assert!(
        message.starts_with("unknown variant `challenges`, expected one of `encoding`"),
        "{message}"
    );
    assert_eq!(line, line_of(&text, "\"challenges\""));

    let text = CHALLENGE.replacen("\"challenge_inputs\"", "\"challenge_input\"", 1);
    let (line, _, path, message) = parse_err(&text);
    assert_eq!(path, "challenge_input");
    assert!(message.starts_with("unknown field `challenge_input`, expected one of `world`, `period`, `claim`, `challenge_inputs`"), "{message}");
    assert_eq!(line, line_of(&text, "\"challenge_input\""));

    let text = CHALLENGE.replacen(
        "\"description\": \"d\"",
        "\"description\": \"d\", \"author\": \"x\"",
        1,
    );
    let (_, _, path, message) = parse_err(&text);
    assert_eq!(path, "_info.author");
    assert!(message.starts_with("unknown field `author`"), "{message}");

    let text = CHALLENGE.replacen("\"format\": 1", "\"format\": 2", 1);
    match from_json(&text, "v.json") {
        Err(err @ VectorError::UnsupportedFormat { .. }) => {
            assert_eq!(
                err.to_string(),
                "v.json: unsupported format 2 (this crate reads format 1)"
            );
        }
        other => panic!("{other:?}"),
    }
    let text = CHALLENGE.replacen("\"format\": 1", "\"format\": \"1\"", 1);
    assert!(
        matches!(from_json(&text, "v.json"), Err(VectorError::UnsupportedFormat { found, .. }) if found == "\"1\"")
    );

    let text = CHALLENGE.replacen("\"format\": 1,", "", 1);
    let (_, _, _, message) = parse_err(&text);
    assert_eq!(message, "missing field `format`");
    let text = CHALLENGE.replacen("\"kind\": \"challenge\",", "", 1);
    let (_, _, _, message) = parse_err(&text);
    assert_eq!(message, "missing field `kind`");
    let text = CHALLENGE.replacen(
        "\"claim\"",
        "\"_info\": {\"description\": \"again\"}, \"claim\"",
        1,
    );
    let (_, _, _, message) = parse_err(&text);
    assert_eq!(message, "duplicate field `_info`");
}

#[test]
fn truncated_and_non_object_json() {
    let text = &CHALLENGE[..CHALLENGE.find("\"challenge_inputs\"").unwrap()];
    let (line, _, path, message) = parse_err(text);
    assert_eq!(path, "");
    assert!(message.starts_with("EOF while parsing"), "{message}");
    assert_eq!(line, text.lines().count());
    let shown = from_json(text, "dir/v.json").unwrap_err().to_string();
    assert!(shown.starts_with(&format!("dir/v.json:{line}:")), "{shown}");

    for not_an_object in ["[1, 2]", "[2]", "5", "\"kind\""] {
        let (line, _, _, message) = parse_err(not_an_object);
        assert_eq!(message, "a vector file is a JSON object");
        assert_eq!(line, 1);
    }
    let (line, _, _, message) = parse_err(&format!("{CHALLENGE}\n{{}}"));
    assert!(message.starts_with("trailing characters"), "{message}");
    assert_eq!(line, CHALLENGE.lines().count() + 2);
}

#[test]
fn load_names_the_file() {
    let err = ovm_vectors::load("/nonexistent/vector.json").unwrap_err();
    assert!(matches!(err, VectorError::Io { .. }));
    assert!(
        err.to_string()
            .starts_with("/nonexistent/vector.json: cannot read"),
        "{err}"
    );
}

#[test]
fn expectation_shapes_are_checked() {
    let with_expect = |expect: &str| {
        CHALLENGE.replacen(
            "\"challenge_inputs\"",
            &format!("\"expect\": {expect}, \"challenge_inputs\""),
            1,
        )
    };
    let (_, _, path, message) = parse_err(&with_expect(r#"{"error": {"name": "GameNotFund"}}"#));
    assert_eq!(path, "expect.error.name");
    assert!(
        message.starts_with("unknown custom error \"GameNotFund\""),
        "{message}"
    );

    let (_, _, _, message) = parse_err(&with_expect(r#"{"accepted": false}"#));
    assert!(
        message.starts_with("`accepted` is always true"),
        "{message}"
    );

    match from_json(
        &with_expect(r#"{"error": {"name": "InvalidChallenge", "args": ["uint:1"]}}"#),
        "v.json",
    ) {
        Err(VectorError::Invalid { path, message, .. }) => {
            assert_eq!(path, "expect.error.args");
            assert_eq!(message, "InvalidChallenge takes 2 argument(s), found 1");
        }
        other => panic!("{other:?}"),
    }
    from_json(
        &with_expect(r#"{"error": {"name": "InvalidChallenge"}}"#),
        "v.json",
    )
    .unwrap();
}

const UAC: &str = r#"{"format": 1, "_info": {"description": "d"}, "kind": "uac", "period": 2,
  "steps": [
    {"claimProperty": {"property": {"And": []}}},
    {"advance": 2},
    {"challenge": {"property": {"And": []}, "challenge_inputs": ["uint:x"], "challenge": {"Not": []}}}
  ]}"#;

#[test]
fn uac_steps_report_their_paths() {
    let (line, _, path, message) = parse_err(UAC);
    assert_eq!(path, "steps[2].challenge.challenge_inputs[0]");
    assert!(message.starts_with("bad number \"x\""), "{message}");
    assert_eq!(line, 5);

    let text = UAC.replacen("\"claimProperty\"", "\"claim\"", 1);
    let (_, _, path, message) = parse_err(&text);
    assert_eq!(path, "steps[0]");
    assert!(
        message.starts_with("unknown variant `claim`, expected one of `claimProperty`"),
        "{message}"
    );

    let text = UAC.replacen(
        "{\"advance\": 2}",
        "{\"advance\": 2, \"from\": \"alice\"}",
        1,
    );
    let (_, _, path, message) = parse_err(&text);
    assert_eq!(path, "steps[1]");
    assert_eq!(
        message,
        "a step has exactly one key, found \"from\" after \"advance\""
    );

    let text = UAC.replacen(
        "\"property\": {\"And\": []}}}",
        "\"property\": {\"And\": []}, \"form\": \"alice\"}}",
        1,
    );
    let (_, _, path, message) = parse_err(&text);
    assert_eq!(path, "steps[0].claimProperty.form");
    assert!(message.starts_with("unknown field `form`"), "{message}");

    let fixed = UAC.replacen("uint:x", "uint:1", 1);
    let end = fixed.rfind("]}").unwrap();
    let text = format!(
        "{}], \"expect\": {{\"results\": [\"ok\"]}}}}",
        &fixed[..end]
    );
    match from_json(&text, "v.json") {
        Err(VectorError::Invalid { path, message, .. }) => {
            assert_eq!(path, "expect.results");
            assert!(
                message.starts_with("expected 2 result(s), one per call step"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn never_panics_on_truncations_and_byte_flips() {
    let files: Vec<String> = [CHALLENGE, UAC].iter().map(|s| s.to_string()).collect();
    for text in files {
        for cut in 0..text.len() {
            if text.is_char_boundary(cut) {
                let _ = from_json(&text[..cut], "v.json");
            }
        }
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            for replacement in [
                b'"', b'{', b'}', b'[', b']', b',', b':', b'0', b'x', b'V', b' ',
            ] {
                let mut mutated = bytes.to_vec();
                mutated[i] = replacement;
                if let Ok(mutated) = String::from_utf8(mutated)
                    && let Ok(file) = from_json(&mutated, "v.json")
                {
                    // Whatever loads also writes and reloads to the same value.
                    let again = from_json(&ovm_vectors::to_pretty_json(&file), "v.json").unwrap();
                    assert_eq!(again, file);
                }
            }
        }
    }
}

/// A string input nested by prefix (`keccak:` × 5,000) is a typed error, not a stack overflow;
/// the deepest nesting allowed still parses.
#[test]
fn string_inputs_nest_boundedly() {
    let deep = format!("{}0x01", "keccak:".repeat(5_000));
    let text = CHALLENGE.replacen("\"uint:1\"", &format!("\"{deep}\""), 1);
    let (_, _, path, message) = parse_err(&text);
    assert_eq!(path, "challenge_inputs[0]");
    assert!(message.contains("nested deeper than 64"), "{message}");
    let signed = format!("{}0x01", "sig:alice:".repeat(65));
    let text = CHALLENGE.replacen("\"uint:1\"", &format!("\"{signed}\""), 1);
    assert!(parse_err(&text).3.contains("nested deeper"));

    let limit = ovm_vectors::input::MAX_STRING_NESTING;
    let ok = format!("{}0x01", "keccak:".repeat(limit));
    let text = CHALLENGE.replacen("\"uint:1\"", &format!("\"{ok}\""), 1);
    assert!(from_json(&text, "v.json").is_ok());
}

/// An integer above 2^64 − 1 (which serde_json reads as a float) is named as out of range, not
/// as "floating point".
#[test]
fn numbers_beyond_u64_are_out_of_range() {
    for (period, shown) in [
        ("1180591620717411303424", "1.1805916207174113e+21"),
        ("1.5", "1.5"),
    ] {
        let text = UAC.replacen("\"period\": 2", &format!("\"period\": {period}"), 1);
        let (_, _, path, message) = parse_err(&text);
        assert_eq!(path, "period");
        assert_eq!(
            message,
            format!("{shown} is not a whole number from 0 to 2^64 − 1 (18446744073709551615)")
        );
    }
}

/// Code goes only to world accounts: anywhere else it is an error naming the field.
#[test]
fn code_is_placed_only_at_accounts() {
    let text = r#"{"format": 1, "_info": {"description": "d"}, "kind": "witness",
        "world": {"signers": {"alice": 1}, "code": {"alice": "0x00"}},
        "claim": {"Equal": ["0x01", "0x01"]}, "witness": []}"#;
    match from_json(text, "v.json") {
        Err(VectorError::Invalid { path, message, .. }) => {
            assert_eq!(path, "world.code.alice");
            assert!(message.contains("not an account"), "{message}");
        }
        other => panic!("expected an invalid world, got {other:?}"),
    }
}

/// An `encoding` vector checking the depth of `Not^n(Equal(0x01, 0x01))`, written as nested
/// expressions (two levels of JSON per `Not`).
fn deep_encoding_vector(n: usize) -> String {
    format!(
        r#"{{"format": 1, "_info": {{"description": "d"}}, "kind": "encoding",
"checks": [{{"depth": {{"bytes": {}{{"Equal": ["0x01", "0x01"]}}{}}}}}]}}"#,
        "{\"Not\": [".repeat(n),
        "]}".repeat(n)
    )
}

/// A property nested far deeper than serde_json's own limit (128 levels) loads, up to the
/// format's cap; one level of property past the cap is a typed error naming the file, the
/// line and the field, not a stack overflow — also on a test thread's small stack.
#[test]
fn deep_properties_load_up_to_the_cap_and_no_further() {
    // Levels: the file, `checks`, a check, `depth`: 4, then two per Not, then Equal's object.
    let fits = (ovm_vectors::MAX_JSON_DEPTH - 5) / 2;
    let loaded = from_json(&deep_encoding_vector(fits), "deep.json").expect("within the cap");
    assert!(matches!(loaded.vector, Vector::Encoding(_)));
    assert!(
        fits >= 250,
        "the cap is at least the spec's depth bound and a margin"
    );

    match from_json(&deep_encoding_vector(fits + 1), "too-deep.json") {
        Err(err @ VectorError::TooDeep { .. }) => {
            assert_eq!(err.file(), "too-deep.json");
            assert_eq!(err.line(), Some(2));
            let path = err.path().expect("a field path");
            assert!(
                path.starts_with("checks[0].depth.bytes.Not[0].Not[0]"),
                "{path}"
            );
            assert_eq!(path.matches("Not").count(), fits + 1, "{path}");
            assert!(err.to_string().contains("nested deeper than 512"), "{err}");
        }
        other => panic!("expected TooDeep, got {other:?}"),
    }
    // Far past the cap: still the typed error.
    assert!(matches!(
        from_json(&deep_encoding_vector(100_000), "v.json"),
        Err(VectorError::TooDeep { .. })
    ));
}

/// Period 0 is for a `uac` vector about its deployment alone: no steps; only it may expect
/// the deployment's result; the other kinds still need a period ≥ 1.
#[test]
fn period_0_is_a_deployment_vector_only() {
    let uac = |period: u64, steps: &str| {
        format!(
            r#"{{"format": 1, "_info": {{"description": "d"}}, "kind": "uac", "period": {period},
"steps": [{steps}], "expect": {{"deployment": {{"error": {{"name": "InvalidPeriod"}}}}}}}}"#
        )
    };
    assert!(from_json(&uac(0, ""), "v.json").is_ok());
    let invalid_at = |text: &str| match from_json(text, "v.json") {
        Err(VectorError::Invalid { path, .. }) => path,
        other => panic!("expected Invalid, got {other:?}"),
    };
    assert_eq!(invalid_at(&uac(0, r#"{"advance": 1}"#)), "steps");
    assert_eq!(invalid_at(&uac(7, "")), "expect.deployment");
    let challenge = CHALLENGE.replacen(
        "\"kind\": \"challenge\",",
        "\"kind\": \"challenge\", \"period\": 0,",
        1,
    );
    assert_eq!(invalid_at(&challenge), "period");
}

/// An IsStored `atomic` vector with a `gas` limit (spec §5.2's gas guard).
fn gas_guard_vector(predicate: &str, gas: u64) -> String {
    format!(
        r#"{{"format": 1, "_info": {{"description": "d"}}, "kind": "atomic",
  "predicate": "{predicate}", "inputs": ["addr:CommitmentContract", "uint:1", "0x"], "gas": {gas}}}"#
    )
}

#[test]
fn gas_limits_outside_the_certain_band_are_refused() {
    for gas in [60_000, 127_587, 1_000_000, 30_000_000] {
        assert!(
            from_json(&gas_guard_vector("IsStored", gas), "g.json").is_ok(),
            "{gas}"
        );
    }
    for gas in [127_588, 500_000, 999_999] {
        let err = from_json(&gas_guard_vector("IsStored", gas), "g.json").unwrap_err();
        assert_eq!(err.file(), "g.json");
        assert_eq!(err.path(), Some("gas"), "{err}");
        assert!(err.to_string().contains("implementation"), "{err}");
    }
    let err = from_json(&gas_guard_vector("Equal", 60_000), "g.json").unwrap_err();
    assert_eq!(err.path(), Some("gas"), "{err}");
}
