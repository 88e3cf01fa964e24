//! Quantifiers over each hint kind (spec §7), empty domains, templates, the fixed values, the
//! candidate cap and the optimistic assumption.

use ovm_core::{
    Address, B256, Builder, Bytes, Property, U256, abi, abi::Range, placeholder::placeholder,
};
use ovm_decider::{
    Challenge, Decider, MAX_CANDIDATES, Outcome, ReferenceDecider, UnknownReason, World, hint,
    is_valid_challenge,
};
use rstest::rstest;

const DECIDER: ReferenceDecider = ReferenceDecider::new();

fn b1(v: u8) -> Bytes {
    Bytes::copy_from_slice(&[v])
}

fn setup() -> (Builder, World) {
    let world = World::with_test_addresses();
    (Builder::new(world.registry.clone()), world)
}

fn cc(world: &World) -> Address {
    world.registry.storages().next().unwrap()
}

fn hex(bytes: &[u8]) -> String {
    ovm_decider::plasma::hex(bytes)
}

fn number_hint(from: u64, to: u64) -> String {
    format!(
        "n,NUMBER,{}-{}",
        hex(&abi::encode_uint(from)),
        hex(&abi::encode_uint(to))
    )
}

/// `x ≠ v` as a ForAll body: its first counterexample is `v`.
fn differs(b: &Builder, v: &Bytes) -> Property {
    b.not(b.equal(placeholder("x"), v.clone()))
}

#[test]
fn key_values_in_insertion_order() {
    let (b, mut world) = setup();
    world
        .witnesses
        .insert("k", b1(1), b1(9))
        .insert("k", b1(2), b1(5))
        .insert("k", b1(1), b1(7));
    assert_eq!(
        hint::candidates(b"k,KEY,0x01", &world),
        Ok(vec![b1(9), b1(7)])
    );
    assert_eq!(hint::candidates(b"k,KEY,0x03", &world), Ok(vec![]));
    assert_eq!(hint::candidates(b"nobucket,KEY,0x01", &world), Ok(vec![]));
    // ForAll picks the first counterexample in domain order.
    let p = b.for_all(
        "k,KEY,0x01",
        "x",
        b.and([differs(&b, &b1(7)), differs(&b, &b1(9))]),
    );
    assert_eq!(
        DECIDER.decide(&p, &world).challenge().unwrap().inputs,
        vec![b1(9)]
    );
    // ThereExists picks the first witness.
    let te = b.there_exists(
        "k,KEY,0x01",
        "x",
        b.or([
            b.equal(placeholder("x"), b1(7)),
            b.equal(placeholder("x"), b1(9)),
        ]),
    );
    assert_eq!(
        DECIDER.decide(&te, &world).witness().unwrap(),
        &[b1(9), abi::encode_uint(1)]
    );
}

#[test]
fn range_values_by_start_then_insertion() {
    let (b, mut world) = setup();
    world
        .witnesses
        .insert_range("r", Range::from_u64(20, 30), b1(3))
        .insert_range("r", Range::from_u64(0, 10), b1(1))
        .insert_range("r", Range::from_u64(50, 60), b1(9))
        .insert_range("r", Range::from_u64(0, 5), b1(2))
        .insert("r", Range::from_u64(7, 7).encode(), b1(8))
        .insert("r", b1(0), b1(8));
    let q = hex(&Range::from_u64(4, 25).encode());
    let hint = format!("r,RANGE,{q}");
    assert_eq!(
        hint::candidates(hint.as_bytes(), &world),
        Ok(vec![b1(1), b1(2), b1(3)])
    );
    // A parameter that is not a valid range intersects nothing.
    let empty = format!("r,RANGE,{}", hex(&Range::from_u64(9, 9).encode()));
    assert_eq!(hint::candidates(empty.as_bytes(), &world), Ok(vec![]));
    assert_eq!(hint::candidates(b"r,RANGE,0x01", &world), Ok(vec![]));
    let p = b.for_all(hint, "x", differs(&b, &b1(2)));
    assert_eq!(
        DECIDER.decide(&p, &world).challenge().unwrap().inputs,
        vec![b1(2)]
    );
}

#[test]
fn number_ascending_and_empty() {
    let (b, world) = setup();
    let words: Vec<Bytes> = (3..6).map(abi::encode_uint).collect();
    assert_eq!(
        hint::candidates(number_hint(3, 6).as_bytes(), &world),
        Ok(words)
    );
    assert_eq!(
        hint::candidates(number_hint(6, 6).as_bytes(), &world),
        Ok(vec![])
    );
    assert_eq!(
        hint::candidates(number_hint(7, 6).as_bytes(), &world),
        Ok(vec![])
    );
    // ForAll b in [3, 6): b < 5 fails first at 5 (IsLessThan guards the fixed values).
    let body = b.or([
        b.not(b.is_less_than(placeholder("x"), abi::encode_uint(100))),
        b.is_less_than(placeholder("x"), abi::encode_uint(5)),
    ]);
    let p = b.for_all(number_hint(3, 6), "x", &body);
    assert_eq!(
        DECIDER.decide(&p, &world).challenge().unwrap().inputs,
        vec![abi::encode_uint(5)]
    );
    let p = b.for_all(number_hint(0, 5), "x", &body);
    assert_eq!(DECIDER.decide(&p, &world), Outcome::True { witness: None });
    // An empty domain: the guarded ForAll is True, the guarded ThereExists False.
    let p = b.for_all(number_hint(9, 3), "x", &body);
    assert_eq!(DECIDER.decide(&p, &world), Outcome::True { witness: None });
    let te = b.there_exists(
        number_hint(9, 3),
        "x",
        b.is_less_than(placeholder("x"), abi::encode_uint(5)),
    );
    assert!(DECIDER.decide(&te, &world).challenge().is_some());
}

#[test]
fn number_cap() {
    let (b, world) = setup();
    let max = MAX_CANDIDATES as u64;
    assert_eq!(
        hint::candidates(number_hint(1, 1 + max).as_bytes(), &world).map(|c| c.len()),
        Ok(MAX_CANDIDATES)
    );
    assert_eq!(
        hint::candidates(number_hint(1, 2 + max).as_bytes(), &world),
        Err(UnknownReason::TooManyCandidates(max as u128 + 1))
    );
    let p = b.for_all(
        number_hint(0, 1 + max),
        "x",
        b.is_less_than(placeholder("x"), abi::encode_uint(max + 10)),
    );
    // The fixed values already refute it (0x is not a 32-byte word).
    assert_eq!(
        DECIDER.decide(&p, &world).challenge().unwrap().inputs,
        vec![Bytes::new()]
    );
    let guarded = b.for_all(
        number_hint(0, 1 + max),
        "x",
        b.or([
            b.not(b.is_less_than(placeholder("x"), abi::encode_uint(u64::MAX))),
            b.equal(placeholder("x"), placeholder("x")),
        ]),
    );
    assert_eq!(
        DECIDER.decide(&guarded, &world),
        Outcome::Unknown {
            why: UnknownReason::TooManyCandidates(max as u128 + 1),
            pin: None
        }
    );
}

#[test]
fn too_many_key_candidates() {
    let (b, mut world) = setup();
    for i in 0..=MAX_CANDIDATES as u64 {
        world.witnesses.insert("k", b1(1), abi::encode_uint(i));
    }
    assert!(matches!(
        hint::candidates(b"k,KEY,0x01", &world),
        Err(UnknownReason::TooManyCandidates(_))
    ));
    // The fixed values are still tried.
    let te = b.there_exists("k,KEY,0x01", "x", b.equal(placeholder("x"), Bytes::new()));
    assert_eq!(
        DECIDER.decide(&te, &world),
        Outcome::True {
            witness: Some(vec![Bytes::new()])
        }
    );
    let te = b.there_exists("k,KEY,0x01", "x", b.equal(placeholder("x"), b1(1)));
    assert!(matches!(
        DECIDER.decide(&te, &world),
        Outcome::Unknown {
            why: UnknownReason::TooManyCandidates(_),
            pin: None
        }
    ));
}

#[test]
fn stored_hints() {
    let (b, mut world) = setup();
    let cc = cc(&world);
    world
        .storage
        .submit_root(cc, U256::from(2), B256::repeat_byte(0xcd))
        .unwrap();
    let root_word = abi::encode_b256(B256::repeat_byte(0xcd));
    let key = hex(&abi::encode_uint(2));
    let short = hex(cc.as_slice());
    let long = hex(&abi::encode_address(cc));
    for bucket in [&short, &long] {
        let hint = format!("{bucket},STORED,{key}");
        assert_eq!(
            hint::candidates(hint.as_bytes(), &world),
            Ok(vec![root_word.clone()])
        );
    }
    // Unregistered storage, malformed key: nothing.
    let other = hex(Address::repeat_byte(7).as_slice());
    assert_eq!(
        hint::candidates(format!("{other},STORED,{key}").as_bytes(), &world),
        Ok(vec![])
    );
    assert_eq!(
        hint::candidates(format!("{short},STORED,0x02").as_bytes(), &world),
        Ok(vec![])
    );
    // Unwritten: Unknown (undefined).
    let unwritten = format!("{short},STORED,{}", hex(&abi::encode_uint(3)));
    assert_eq!(
        hint::candidates(unwritten.as_bytes(), &world),
        Err(UnknownReason::NotWritten {
            storage: cc,
            key: abi::encode_uint(3)
        })
    );
    // A dirty 64-hex address or a `0X` prefix is malformed.
    let mut dirty = abi::encode_address(cc).to_vec();
    dirty[0] = 1;
    assert!(matches!(
        hint::candidates(format!("{},STORED,{key}", hex(&dirty)).as_bytes(), &world),
        Err(UnknownReason::MalformedHint(_))
    ));
    assert!(matches!(
        hint::candidates(
            format!("{},STORED,{key}", short.replace("0x", "0X")).as_bytes(),
            &world
        ),
        Err(UnknownReason::MalformedHint(_))
    ));
    // A quantifier over an unwritten key: Unknown without a pin (the chain ends), unless the
    // fixed values settle it; its negation pins the chain's last link.
    let te = b.there_exists(
        unwritten.clone(),
        "r",
        b.is_less_than(abi::encode_uint(0), placeholder("r")),
    );
    let out = DECIDER.decide(&te, &world);
    let pin = out
        .pin()
        .expect("ThereExists pins its ForAll challenge")
        .clone();
    assert_eq!(
        pin,
        Challenge::new(
            vec![],
            b.for_all(unwritten.clone(), "r", b.not(te.inputs[2].clone()))
        )
    );
    assert_eq!(
        DECIDER.decide(&pin.property, &world),
        Outcome::Unknown {
            why: UnknownReason::NotWritten {
                storage: cc,
                key: abi::encode_uint(3)
            },
            pin: None
        }
    );
    let settled = b.there_exists(unwritten, "r", b.equal(placeholder("r"), Bytes::new()));
    assert!(DECIDER.decide(&settled, &world).is_true());
}

#[rstest]
#[case::two_fields("k,KEY")]
#[case::four_fields("k,KEY,0x01,0x02")]
#[case::unknown_kind("k,KEYS,0x01")]
#[case::uppercase_hex("k,KEY,0xAB")]
#[case::odd_hex("k,KEY,0xabc")]
#[case::no_prefix("k,KEY,ab")]
#[case::short_number("n,NUMBER,0x01-0x02")]
#[case::number_no_dash(concat!("n,NUMBER,0x", "0000000000000000000000000000000000000000000000000000000000000001"))]
#[case::empty("")]
fn malformed_hints_are_missing_data(#[case] hint: &str) {
    let (b, world) = setup();
    assert!(matches!(
        hint::candidates(hint.as_bytes(), &world),
        Err(UnknownReason::MalformedHint(_))
    ));
    // Guarded: the fixed values do not settle it, so Unknown, no pin.
    let p = b.for_all(hint, "x", b.equal(placeholder("x"), placeholder("x")));
    let out = DECIDER.decide(&p, &world);
    assert!(
        matches!(
            out,
            Outcome::Unknown {
                why: UnknownReason::MalformedHint(_),
                pin: None
            }
        ),
        "{out:?}"
    );
    // Settled by a fixed value.
    let te = b.there_exists(hint, "x", b.equal(placeholder("x"), Bytes::new()));
    assert!(DECIDER.decide(&te, &world).is_true());
    let fa = b.for_all(hint, "x", b.not(b.equal(placeholder("x"), Bytes::new())));
    assert_eq!(
        DECIDER.decide(&fa, &world).challenge().unwrap().inputs,
        vec![Bytes::new()]
    );
}

#[test]
fn bad_utf8_is_missing_data() {
    let (b, world) = setup();
    let p = b.for_all(
        [0xffu8, b',', b'K'],
        "x",
        b.equal(placeholder("x"), placeholder("x")),
    );
    assert!(matches!(
        DECIDER.decide(&p, &world),
        Outcome::Unknown {
            why: UnknownReason::MalformedHint(_),
            pin: None
        }
    ));
}

#[test]
fn templates() {
    let (b, mut world) = setup();
    world
        .witnesses
        .insert("outer", b1(0), b1(1))
        .insert("outer", b1(0), b1(2));
    world.witnesses.insert("inner", b1(1), b1(0x11));
    world.witnesses.insert("inner", b1(2), b1(0x22));
    // Unbound: Unknown (missing data).
    let inner = b.there_exists(
        "inner,KEY,${x}",
        "y",
        b.and([
            b.not(b.equal(placeholder("y"), Bytes::new())),
            b.not(b.equal(placeholder("y"), placeholder("y"))),
        ]),
    );
    assert!(matches!(
        DECIDER.decide(&inner, &world),
        Outcome::Unknown { why: UnknownReason::UnboundName(name), pin: None } if name == "x"
    ));
    // Bound by an outer quantifier: each x sees its own inner candidates.
    let pair = b.there_exists(
        "inner,KEY,${x}",
        "y",
        b.or([
            b.and([
                b.equal(placeholder("x"), b1(1)),
                b.equal(placeholder("y"), b1(0x11)),
            ]),
            b.and([
                b.equal(placeholder("x"), b1(2)),
                b.equal(placeholder("y"), b1(0x22)),
            ]),
        ]),
    );
    let all = b.for_all(
        "outer,KEY,0x00",
        "x",
        b.or([
            b.equal(placeholder("x"), Bytes::new()),
            b.equal(placeholder("x"), b.and(Vec::<Bytes>::new()).encode()),
            pair,
        ]),
    );
    assert_eq!(
        DECIDER.decide(&all, &world),
        Outcome::True { witness: None }
    );
    world.witnesses.insert("outer", b1(0), b1(3));
    let out = DECIDER.decide(&all, &world);
    assert_eq!(out.challenge().unwrap().inputs, vec![b1(3)]);
    assert!(is_valid_challenge(
        &world.registry,
        &all,
        &out.challenge().unwrap().inputs,
        &out.challenge().unwrap().property
    ));
}

#[test]
fn domain_skips_repeats_and_keeps_fixed_values_last() {
    let (b, mut world) = setup();
    world
        .witnesses
        .insert("k", b1(1), b1(5))
        .insert("k", b1(1), Bytes::new())
        .insert("k", b1(1), b1(5))
        .insert("k", b1(1), placeholder("z"));
    let p = b.for_all(
        "k,KEY,0x01",
        "x",
        b.equal(placeholder("x"), placeholder("x")),
    );
    let (out, trace) = DECIDER.decide_traced(&p, &world);
    assert_eq!(out, Outcome::True { witness: None });
    // 5, 0x, enc(And()): the repeat and the placeholder are skipped.
    assert_eq!(trace.root.children.len(), 3, "{trace}");
    assert!(
        trace.root.children[0]
            .binding
            .as_deref()
            .unwrap()
            .ends_with("0x05")
    );
}

#[test]
fn optimism_values_outside_the_candidates() {
    let (b, mut world) = setup();
    world
        .witnesses
        .insert("k", b1(1), abi::encode_uint(1))
        .insert("k", b1(1), abi::encode_uint(2));
    // Unguarded in truth (70 is a counterexample), but the store is taken as complete.
    let body = b.or([
        b.not(b.is_less_than(placeholder("x"), abi::encode_uint(100))),
        b.is_less_than(placeholder("x"), abi::encode_uint(50)),
    ]);
    let p = b.for_all("k,KEY,0x01", "x", &body);
    assert_eq!(DECIDER.decide(&p, &world), Outcome::True { witness: None });
    // On-chain, the outside value is a valid challenge, and it is True: an unguarded claim.
    let seventy = abi::encode_uint(70);
    let challenge =
        ovm_decider::onchain::for_all_challenge(&world.registry, b"x", &body.encode(), &seventy);
    assert!(is_valid_challenge(
        &world.registry,
        &p,
        &[seventy],
        &challenge
    ));
    assert!(DECIDER.decide(&challenge, &world).is_true());
}
