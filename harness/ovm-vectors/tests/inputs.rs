//! Every input form resolves to exactly the bytes the grammar promises.

use ovm_core::{
    Address, Builder, Bytes, Property, Registry, U256, abi, keccak256,
    placeholder::placeholder,
    signing::{self, Signer},
};
use ovm_vectors::{Expr, Input, Resolver, World};
use rstest::rstest;

const UAC: Address = Address::repeat_byte(0xaa);
const BOB: Address = Address::repeat_byte(0xb0);

fn registry() -> Registry {
    Registry::with_test_addresses()
}

fn world() -> World {
    serde_json::from_value(serde_json::json!({
        "signers": { "alice": 1 },
        "accounts": { "bob": format!("0x{}", hex::encode(BOB)) },
    }))
    .unwrap()
}

fn resolve_in(registry: &Registry, json: serde_json::Value) -> Bytes {
    let world = world();
    let resolver = Resolver::new(registry, [("UAC", UAC)], Some(&world))
        .unwrap()
        .with_block_base(100);
    let input: Input = serde_json::from_value(json).unwrap();
    resolver.input(&input, "input").unwrap()
}

fn resolve(json: serde_json::Value) -> Bytes {
    resolve_in(&registry(), json)
}

fn word(value: u64) -> Bytes {
    abi::encode_uint(value)
}

#[rstest]
#[case::empty_hex("0x", Bytes::new())]
#[case::hex_either_case("0x0aFF", Bytes::from(vec![0x0a, 0xff]))]
#[case::placeholder("V:x", placeholder("x"))]
#[case::bare_placeholder("V:", Bytes::from_static(b"V"))]
#[case::text_keeps_colons("text:a:b", Bytes::from_static(b"a:b"))]
#[case::empty_text("text:", Bytes::new())]
#[case::uint("uint:5", word(5))]
#[case::uint_hex("uint:0x10", word(16))]
#[case::uint_max(
    "uint:115792089237316195423570985008687907853269984665640564039457584007913129639935",
    Bytes::from(vec![0xff; 32])
)]
#[case::range("range:3-9", abi::Range::from_u64(3, 9).encode())]
#[case::range_hex("range:0x10-0x20", abi::Range::from_u64(16, 32).encode())]
#[case::invalid_range_is_still_encoded("range:9-3", abi::Range::from_u64(9, 3).encode())]
#[case::bool_true("bool:true", word(1))]
#[case::bool_false("bool:false", word(0))]
#[case::block_offset("block:2", word(102))]
#[case::keccak("keccak:text:abc", Bytes::copy_from_slice(keccak256(b"abc").as_slice()))]
#[case::keccak_of_empty("keccak:0x", Bytes::copy_from_slice(keccak256([]).as_slice()))]
#[case::keccak_nested(
    "keccak:keccak:0x01",
    Bytes::copy_from_slice(keccak256(keccak256([1u8])).as_slice())
)]
#[case::addr_literal(
    "addr:0x00000000000000000000000000000000000000Ab",
    abi::encode_address(Address::with_last_byte(0xab))
)]
#[case::addr_contract("addr:UAC", abi::encode_address(UAC))]
#[case::addr_account("addr:bob", abi::encode_address(BOB))]
#[case::addr_signer("addr:alice", Signer::from_seed(1).address_word())]
fn string_inputs(#[case] text: &str, #[case] expected: Bytes) {
    assert_eq!(resolve(serde_json::json!(text)), expected, "{text}");
}

#[test]
fn addr_of_a_predicate_is_the_registry_address_word() {
    let registry = registry();
    for kind in ovm_core::PredicateKind::all() {
        assert_eq!(
            resolve_in(
                &registry,
                serde_json::json!(format!("addr:{}", kind.name()))
            ),
            abi::encode_address(registry.address_of(kind))
        );
    }
    let word = resolve(serde_json::json!("addr:Equal"));
    assert_eq!(word.len(), 32);
    assert_eq!(
        abi::decode_address(&word),
        Some(registry.atomic_address(ovm_core::AtomicKind::Equal))
    );
}

#[test]
fn signatures_verify_with_ovm_core() {
    let alice = Signer::from_seed(1);
    let sig = resolve(serde_json::json!("sig:alice:text:m"));
    assert_eq!(sig.len(), 65);
    assert_eq!(sig.as_ref(), alice.sign(b"m").as_slice());
    assert_eq!(signing::recover(b"m", &sig), Some(alice.address()));
    assert!(signing::is_valid_signature(
        b"m",
        &sig,
        &alice.address_word()
    ));
    let object = resolve(serde_json::json!({"sig": {"signer": "alice", "message": "text:m"}}));
    assert_eq!(object, sig);
    // The message may itself be any string input.
    let over_hash = resolve(serde_json::json!("sig:alice:keccak:text:m"));
    assert_eq!(
        signing::recover(keccak256(b"m").as_slice(), &over_hash),
        Some(alice.address())
    );
}

#[test]
fn functions() {
    let registry = registry();
    let b = Builder::new(registry.clone());
    let and0 = b.and(Vec::<Bytes>::new());
    assert_eq!(
        resolve(serde_json::json!({"keccak": {"And": []}})).as_ref(),
        keccak256(and0.encode()).as_slice()
    );
    assert_eq!(
        resolve(serde_json::json!({"id": {"And": []}})).as_ref(),
        and0.id().as_slice()
    );
    assert_eq!(
        resolve(serde_json::json!({"concat": ["0x01", "text:b", {"concat": []}]})),
        Bytes::from_static(&[0x01, b'b'])
    );
    assert_eq!(
        resolve(serde_json::json!({"bytes_array": ["0x01", "0x"]})),
        abi::encode_bytes_array(&[Bytes::from_static(&[1]), Bytes::new()])
    );
    assert_eq!(
        resolve(serde_json::json!({"bytes_array": []})),
        abi::encode_bytes_array(&[])
    );
}

#[test]
fn expressions_encode_as_the_builder_does() {
    let registry = registry();
    let b = Builder::new(registry.clone());
    let one = Bytes::from_static(&[1]);
    let two = Bytes::from_static(&[2]);
    let expected = b.and([
        b.not(b.equal(one.clone(), two.clone())).encode(),
        b.for_all(
            "range,NUMBER,0x00-0x01",
            "n",
            b.is_less_than(placeholder("n"), abi::encode_uint(3)),
        )
        .encode(),
    ]);
    let json = serde_json::json!({"And": [
        {"Not": [{"Equal": ["0x01", "0x02"]}]},
        {"ForAll": ["text:range,NUMBER,0x00-0x01", "text:n", {"IsLessThan": ["V:n", "uint:3"]}]}
    ]});
    assert_eq!(resolve(json.clone()), expected.encode());
    let expr: Expr = serde_json::from_value(json).unwrap();
    let resolver = Resolver::new(&registry, [("UAC", UAC)], None).unwrap();
    assert_eq!(resolver.property(&expr, "claim").unwrap(), expected);
}

#[test]
fn property_form_takes_any_address() {
    let golden = serde_json::json!({"Property": {
        "predicate": "0x0000000000000000000000000000000000000001",
        "inputs": ["0x01"]
    }});
    let expr: Expr = serde_json::from_value(golden).unwrap();
    let registry = registry();
    let resolver = Resolver::new(&registry, [("UAC", UAC)], Some(&world())).unwrap();
    let p = resolver.property(&expr, "claim").unwrap();
    assert_eq!(
        format!("{}", p.id()),
        "0x85203420c48004fda08c19cda699434e6e52367924a0cef50df775e65f4e803b"
    );
    // Names work too: a predicate with the wrong arity, a contract, an account.
    for (name, address) in [
        (
            "Equal",
            registry.atomic_address(ovm_core::AtomicKind::Equal),
        ),
        ("UAC", UAC),
        ("bob", BOB),
    ] {
        let expr: Expr = serde_json::from_value(serde_json::json!({"Property": {
            "predicate": name, "inputs": ["0x01", "0x02", "0x03"]
        }}))
        .unwrap();
        let p = resolver.property(&expr, "claim").unwrap();
        assert_eq!(p.predicate, address);
        assert_eq!(p.inputs.len(), 3);
    }
}

#[test]
fn game_ids_and_words() {
    let registry = registry();
    let resolver = Resolver::new(&registry, [("UAC", UAC)], None).unwrap();
    let b = Builder::new(registry.clone());
    let and0 = b.and(Vec::<Bytes>::new());
    let expr: Input = serde_json::from_value(serde_json::json!({"And": []})).unwrap();
    assert_eq!(resolver.game_id(&expr, "id").unwrap(), and0.id());
    let hex = Input::hex(and0.id());
    assert_eq!(resolver.game_id(&hex, "id").unwrap(), and0.id());
    let short = Input::parse("0x01").unwrap();
    let err = resolver.word(&short, "steps[0].id").unwrap_err();
    assert_eq!(err.to_string(), "steps[0].id: expected 32 bytes, found 1");
}

#[test]
fn readable_form_of_bytes_is_lossless() {
    let registry = registry();
    let b = Builder::new(registry.clone());
    let stranger = Property::new(Address::with_last_byte(9), [placeholder("x")]);
    let claim = b.or([
        b.not(b.equal(placeholder("v"), Bytes::from_static(b"\x00\xff")))
            .encode(),
        stranger.encode(),
        Bytes::from_static(b"raw"),
    ]);
    let readable = Expr::from_property(&claim, &registry);
    let text = serde_json::to_string(&readable).unwrap();
    assert!(text.contains("\"Or\"") && text.contains("\"V:v\"") && text.contains("\"Property\""));
    let resolver = Resolver::new(&registry, [("UAC", UAC)], None).unwrap();
    let parsed: Expr = serde_json::from_str(&text).unwrap();
    assert_eq!(resolver.property(&parsed, "claim").unwrap(), claim);
    assert_eq!(
        resolver
            .input(&Input::from_bytes(&claim.encode(), &registry), "x")
            .unwrap(),
        claim.encode()
    );
}

#[rstest]
#[case::registered(false)]
#[case::unregistered_levels(true)]
fn deep_properties_are_written_readable_as_far_as_json_loads(#[case] stranger: bool) {
    let registry = registry();
    let b = Builder::new(registry.clone());
    let leaf = b.equal(Bytes::from_static(b"\x01"), Bytes::from_static(b"\x01"));
    let claim = (0..200).fold(leaf, |inner, i| {
        if stranger && i % 2 == 0 {
            Property::new(Address::with_last_byte(9), [inner.encode()])
        } else {
            b.not(inner)
        }
    });
    let text = serde_json::to_string(&Expr::from_property(&claim, &registry)).unwrap();
    let nesting = text
        .chars()
        .scan(0i32, |depth, c| {
            *depth += match c {
                '{' | '[' => 1,
                '}' | ']' => -1,
                _ => 0,
            };
            Some(*depth)
        })
        .max()
        .unwrap();
    assert!(
        (90..=ovm_vectors::MAX_EXPR_JSON_DEPTH as i32).contains(&nesting),
        "nesting {nesting}"
    );
    // It loads (serde_json's limit is 128) and resolves to the same bytes.
    let parsed: Expr = serde_json::from_str(&text).unwrap();
    let resolver = Resolver::new(&registry, [("UAC", UAC)], None).unwrap();
    assert_eq!(resolver.property(&parsed, "claim").unwrap(), claim);
}

#[test]
fn string_inputs_are_written_back_as_written() {
    for text in ["uint:0x10", "0x0aFF", "range:0x1-20", "V:ab", "text:§"] {
        let input = Input::parse(text).unwrap();
        assert_eq!(
            serde_json::to_string(&input).unwrap(),
            serde_json::to_string(text).unwrap()
        );
    }
    let base = Input::parse("uint:5").unwrap();
    assert_eq!(
        U256::from(5),
        match base {
            Input::String(s) => match s.atom() {
                ovm_vectors::Atom::Uint(n) => *n,
                _ => unreachable!(),
            },
            _ => unreachable!(),
        }
    );
}
