//! Spec §7 "Which Unknowns carry a pin": what the decider knows of each Unknown (not True, not
//! False, both = undefined, neither = missing data), combined Kleene-wise, and the pin placed
//! exactly when the claim is known not True, on a valid challenge known not False — in the
//! mixed cases (children lacking data beside children of undefined truth) of every connective.

use ovm_core::{Address, Builder, Bytes, Property, abi, placeholder::placeholder};
use ovm_decider::{
    Challenge, Decider, Outcome, ReferenceDecider, UnknownReason, World, is_valid_challenge,
    onchain::{not_of, or_challenge, there_exists_challenge},
};

const DECIDER: ReferenceDecider = ReferenceDecider::new();

fn setup() -> (Builder, World) {
    let mut world = World::with_test_addresses();
    world
        .witnesses
        .insert("k", b1(1), b1(0xa))
        .insert("k", b1(1), b1(0xb));
    (Builder::new(world.registry.clone()), world)
}

fn b1(v: u8) -> Bytes {
    Bytes::copy_from_slice(&[v])
}

fn cc(world: &World) -> Address {
    world.registry.storages().next().unwrap()
}

/// Missing data, known neither way: `ForAll(malformed hint; x; x = x)` (the fixed values are
/// True, the hint's values unknown).
fn lacking(b: &Builder) -> Property {
    b.for_all(
        "not a hint",
        "x",
        b.equal(placeholder("x"), placeholder("x")),
    )
}

/// Undefined: `IsStored` on a block not yet submitted.
fn undefined(b: &Builder, world: &World, value: u8) -> Property {
    b.is_stored(cc(world), abi::encode_uint(9), b1(value))
}

/// Decides `p`, checks the §7 pin contract, and returns the outcome.
fn decide(world: &World, p: &Property) -> Outcome {
    let out = DECIDER.decide(p, world);
    if let Outcome::Unknown { why, pin } = &out {
        if *why == UnknownReason::UndefinedChallenge {
            assert!(pin.is_some(), "undefined connective without pin: {out:?}");
        }
        if let Some(pin) = pin {
            assert!(
                why.known_not_true(),
                "pinned but not known not True: {out:?}"
            );
            assert!(is_valid_challenge(
                &world.registry,
                p,
                &pin.inputs,
                &pin.property
            ));
            let pinned = DECIDER.decide(&pin.property, world);
            assert!(
                pinned.is_unknown() && pinned.known_not_false(),
                "pin not known not False: {pinned:?}"
            );
        }
    }
    out
}

fn unknown(out: &Outcome) -> (&UnknownReason, Option<&Challenge>) {
    match out {
        Outcome::Unknown { why, pin } => (why, pin.as_ref()),
        other => panic!("not Unknown: {other:?}"),
    }
}

#[test]
fn the_building_blocks() {
    let (b, world) = setup();
    let l = decide(&world, &lacking(&b));
    assert!(matches!(
        l,
        Outcome::Unknown {
            why: UnknownReason::MalformedHint(_),
            pin: None
        }
    ));
    assert!(!l.known_not_true() && !l.known_not_false());
    let u = decide(&world, &undefined(&b, &world, 1));
    assert!(u.is_undefined() && u.known_not_true() && u.known_not_false());
    assert!(Outcome::TRUE_BY_PERIOD.known_not_false());
    assert!(!Outcome::TRUE_BY_PERIOD.known_not_true());
    assert!(Outcome::FALSE_UNCHALLENGEABLE.known_not_true());
}

/// The example: True by §3 (the ForAll is True), so it must not be pinned.
#[test]
fn or_of_lacking_and_undefined_is_not_pinned() {
    let (b, world) = setup();
    let p = b.or([lacking(&b), undefined(&b, &world, 1)]);
    let out = decide(&world, &p);
    let (why, pin) = unknown(&out);
    assert_eq!(pin, None);
    assert!(
        matches!(why, UnknownReason::NotFalse(inner) if matches!(**inner, UnknownReason::MalformedHint(_)))
    );
    assert!(out.known_not_false() && !out.known_not_true() && !out.is_undefined());
    // Two undefined branches (and a False one): undefined, pinned with the one challenge.
    let p = b.or([
        undefined(&b, &world, 1),
        b.equal(b1(1), b1(2)),
        undefined(&b, &world, 2),
    ]);
    let out = decide(&world, &p);
    assert!(out.is_undefined());
    assert_eq!(
        out.pin(),
        Some(&Challenge::new(
            vec![],
            or_challenge(&world.registry, &p.inputs)
        ))
    );
}

#[test]
fn and_of_lacking_and_undefined_is_pinned_at_the_undefined_child() {
    let (b, world) = setup();
    let p = b.and([lacking(&b), undefined(&b, &world, 1)]);
    let out = decide(&world, &p);
    let (why, pin) = unknown(&out);
    assert!(matches!(why, UnknownReason::NotTrue(_)), "{why:?}");
    assert_eq!(
        pin,
        Some(&Challenge::new(
            vec![abi::encode_uint(1)],
            not_of(&world.registry, p.inputs[1].clone())
        ))
    );
    // An undefined child wins over an earlier child that is only known not True.
    let not_true = b.not(b.or([lacking(&b), undefined(&b, &world, 1)]));
    let p = b.and([not_true.clone(), lacking(&b), undefined(&b, &world, 2)]);
    let out = decide(&world, &p);
    assert_eq!(out.pin().unwrap().inputs, vec![abi::encode_uint(2)]);
    // Without an undefined child, the lowest child known not True.
    let p = b.and([lacking(&b), not_true.clone()]);
    let out = decide(&world, &p);
    assert!(matches!(unknown(&out).0, UnknownReason::NotTrue(_)));
    assert_eq!(
        out.pin(),
        Some(&Challenge::new(
            vec![abi::encode_uint(1)],
            not_of(&world.registry, not_true.encode())
        ))
    );
    // Only lacking children: no pin.
    let out = decide(&world, &b.and([lacking(&b), lacking(&b)]));
    assert_eq!(unknown(&out).1, None);
    assert!(!out.known_not_true() && !out.known_not_false());
}

#[test]
fn not_swaps_what_is_known() {
    let (b, world) = setup();
    let not_false = b.or([lacking(&b), undefined(&b, &world, 1)]);
    // Not of a claim known not False is known not True, pinned with that claim.
    let p = b.not(&not_false);
    let out = decide(&world, &p);
    assert!(matches!(unknown(&out).0, UnknownReason::NotTrue(_)));
    assert_eq!(out.pin(), Some(&Challenge::new(vec![], not_false)));
    // Not of a claim known not True is known not False: never pinned.
    let not_true = b.and([lacking(&b), undefined(&b, &world, 1)]);
    let out = decide(&world, &b.not(&not_true));
    assert!(matches!(unknown(&out).0, UnknownReason::NotFalse(_)));
    assert_eq!(out.pin(), None);
    // Not of missing data: missing data, no pin.
    let out = decide(&world, &b.not(lacking(&b)));
    assert!(matches!(
        out,
        Outcome::Unknown {
            why: UnknownReason::MalformedHint(_),
            pin: None
        }
    ));
    // Double negation keeps the knowledge (and the pin, one level down).
    let nn = decide(&world, &b.not(b.not(&not_true)));
    assert!(nn.known_not_true() && !nn.known_not_false());
    assert_eq!(nn.pin().unwrap().property, b.not(&not_true));
}

/// `ForAll(k,KEY,0x01; x; (x ≠ 0x0a ∨ L) ∧ (x = 0x0a ∨ IsStored(unwritten)))`: the instance
/// `0x0a` lacks data, `0x0b` and the fixed values are undefined.
#[test]
fn for_all_with_lacking_and_undefined_instances() {
    let (b, world) = setup();
    let x = || placeholder("x");
    let body = b.and([
        b.or([b.not(b.equal(x(), b1(0xa))).encode(), lacking(&b).encode()]),
        b.or([
            b.equal(x(), b1(0xa)).encode(),
            b.is_stored(cc(&world), abi::encode_uint(9), x()).encode(),
        ]),
    ]);
    let p = b.for_all("k,KEY,0x01", "x", &body);
    let out = decide(&world, &p);
    assert!(matches!(unknown(&out).0, UnknownReason::NotTrue(_)));
    assert_eq!(out.pin().unwrap().inputs, vec![b1(0xb)]);
    // A malformed hint: the fixed values still give a pin (0x is the first undefined one).
    let body = b.or([
        b.not(b.equal(x(), Bytes::new())).encode(),
        b.is_stored(cc(&world), abi::encode_uint(9), x()).encode(),
    ]);
    let p = b.for_all("not a hint", "x", &body);
    let out = decide(&world, &p);
    assert!(
        matches!(unknown(&out).0, UnknownReason::NotTrue(inner) if matches!(**inner, UnknownReason::MalformedHint(_)))
    );
    assert_eq!(out.pin().unwrap().inputs, vec![Bytes::new()]);
    // Only a lacking instance and True ones: no pin.
    let body = b.or([b.not(b.equal(x(), b1(0xa))).encode(), lacking(&b).encode()]);
    let out = decide(&world, &b.for_all("k,KEY,0x01", "x", &body));
    assert_eq!(unknown(&out).1, None);
    assert!(!out.known_not_true());
}

/// `ThereExists(k,KEY,0x01; x; (x = 0x0a ∧ L) ∨ (x = 0x0b ∧ IsStored(unwritten)))`: known not
/// False (the instance `0x0b` is undefined) but maybe True (`0x0a` lacks data): no pin.
#[test]
fn there_exists_with_lacking_and_undefined_instances() {
    let (b, world) = setup();
    let x = || placeholder("x");
    let stored = || b.is_stored(cc(&world), abi::encode_uint(9), x()).encode();
    let body = b.or([
        b.and([b.equal(x(), b1(0xa)).encode(), lacking(&b).encode()]),
        b.and([b.equal(x(), b1(0xb)).encode(), stored()]),
    ]);
    let p = b.there_exists("k,KEY,0x01", "x", &body);
    let out = decide(&world, &p);
    assert!(matches!(unknown(&out).0, UnknownReason::NotFalse(_)));
    assert_eq!(out.pin(), None);
    // Undefined instances only (the others False): pinned with its ForAll challenge.
    let body = b.and([b.equal(x(), b1(0xb)).encode(), stored()]);
    let p = b.there_exists("k,KEY,0x01", "x", &body);
    let out = decide(&world, &p);
    assert!(out.is_undefined());
    assert_eq!(
        out.pin(),
        Some(&Challenge::new(
            vec![],
            there_exists_challenge(&world.registry, &p.inputs[0], &p.inputs[1], &p.inputs[2])
        ))
    );
    // A malformed hint beside undefined fixed values: the hint's values may make it True.
    let p = b.there_exists("not a hint", "x", stored());
    let out = decide(&world, &p);
    assert!(matches!(unknown(&out).0, UnknownReason::NotFalse(_)));
    assert_eq!(out.pin(), None);
}
