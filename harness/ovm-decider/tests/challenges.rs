//! Every row of the §4 table: the challenge built is exactly the expected property, the
//! mirror of `isValidChallenge` accepts it and nothing else, and every witness the decider
//! produces has the §7 shape and is accepted by the mirror of `decideWithWitness`.

use ovm_core::{Builder, Bytes, Property, abi, placeholder::placeholder, subst};
use ovm_decider::{
    Challenge, Decider, Outcome, ReferenceDecider, World, decide_with_witness, is_valid_challenge,
};
use rstest::rstest;

const DECIDER: ReferenceDecider = ReferenceDecider::new();

fn setup() -> (Builder, World) {
    let mut world = World::with_test_addresses();
    world
        .witnesses
        .insert("b", Bytes::from_static(&[1]), Bytes::from_static(&[7]))
        .insert("b", Bytes::from_static(&[1]), Bytes::from_static(&[8]));
    (Builder::new(world.registry.clone()), world)
}

fn bytes(v: &[u8]) -> Bytes {
    Bytes::copy_from_slice(v)
}

fn t(b: &Builder) -> Property {
    b.equal(bytes(&[1]), bytes(&[1]))
}

fn f(b: &Builder) -> Property {
    b.equal(bytes(&[1]), bytes(&[2]))
}

fn challenge_of(world: &World, p: &Property) -> Challenge {
    let out = DECIDER.decide(p, world);
    let c = out
        .challenge()
        .unwrap_or_else(|| panic!("{p:?} should be False with a challenge, got {out:?}"))
        .clone();
    assert!(is_valid_challenge(
        &world.registry,
        p,
        &c.inputs,
        &c.property
    ));
    assert!(
        DECIDER.decide(&c.property, world).is_true(),
        "challenge must be True"
    );
    c
}

#[test]
fn not_row() {
    let (b, world) = setup();
    let p = b.not(t(&b));
    let c = challenge_of(&world, &p);
    assert_eq!(c, Challenge::new(vec![], t(&b)));
    assert_eq!(c.property.encode(), p.inputs[0]);
    // challengeInputs are ignored by Not.
    assert!(is_valid_challenge(
        &world.registry,
        &p,
        &[bytes(b"any")],
        &t(&b)
    ));
    assert!(!is_valid_challenge(&world.registry, &p, &[], &f(&b)));
}

#[test]
fn and_row() {
    let (b, world) = setup();
    let p = b.and([t(&b), f(&b), f(&b)]);
    let c = challenge_of(&world, &p);
    assert_eq!(c.inputs, vec![abi::encode_uint(1)]);
    assert_eq!(c.property.encode(), b.not(f(&b)).encode());
    let reg = &world.registry;
    let not_f = b.not(f(&b));
    assert!(is_valid_challenge(reg, &p, &[abi::encode_uint(2)], &not_f));
    // Index 0 is valid on-chain too (its challenge is simply not True).
    assert!(is_valid_challenge(
        reg,
        &p,
        &[abi::encode_uint(0)],
        &b.not(t(&b))
    ));
    assert!(!is_valid_challenge(reg, &p, &[abi::encode_uint(3)], &not_f));
    assert!(!is_valid_challenge(reg, &p, &[abi::encode_uint(0)], &not_f));
    assert!(
        !is_valid_challenge(reg, &p, &[bytes(&[1])], &not_f),
        "c must be 32 bytes"
    );
    assert!(!is_valid_challenge(reg, &p, &[], &not_f));
    assert!(!is_valid_challenge(
        reg,
        &p,
        &[abi::encode_uint(1), abi::encode_uint(1)],
        &not_f
    ));
    let two_inputs = b.at(not_f.predicate, [f(&b).encode(), f(&b).encode()]);
    assert!(!is_valid_challenge(
        reg,
        &p,
        &[abi::encode_uint(1)],
        &two_inputs
    ));
    let wrong_predicate = b.or([f(&b)]);
    assert!(!is_valid_challenge(
        reg,
        &p,
        &[abi::encode_uint(1)],
        &wrong_predicate
    ));
}

#[test]
fn or_row() {
    let (b, world) = setup();
    let p = b.or([f(&b).encode(), bytes(b"raw")]);
    let c = challenge_of(&world, &p);
    let expected = b.and([b.not(f(&b)), b.not(bytes(b"raw"))]);
    assert_eq!(c, Challenge::new(vec![], expected.clone()));
    let reg = &world.registry;
    assert!(!is_valid_challenge(
        reg,
        &p,
        &[abi::encode_uint(0)],
        &expected
    ));
    let extra = b.and([b.not(f(&b)), b.not(bytes(b"raw")), t(&b)]);
    assert!(
        !is_valid_challenge(reg, &p, &[], &extra),
        "no extra conjuncts"
    );
    let folded = b.and([b.not(f(&b)), b.not(bytes(b"raw"))]);
    assert!(is_valid_challenge(reg, &p, &[], &folded));
    // No ¬¬ folding: Or(Not(q)) is challenged by And(Not(Not(q))), never And(q).
    let q = t(&b);
    let p2 = b.or([b.not(&q)]);
    assert_eq!(
        challenge_of(&world, &p2).property,
        b.and([b.not(b.not(&q))])
    );
    assert!(!is_valid_challenge(reg, &p2, &[], &b.and([&q])));
}

#[test]
fn for_all_row() {
    let (b, world) = setup();
    let body = b.not(b.equal(placeholder("x"), bytes(&[8])));
    let p = b.for_all("b,KEY,0x01", "x", &body);
    let c = challenge_of(&world, &p);
    assert_eq!(c.inputs, vec![bytes(&[8])]);
    let expected = b.not(subst(&body.encode(), b"x", &[8], &world.registry));
    assert_eq!(c.property, expected);
    assert_eq!(c.property, b.not(b.not(b.equal(bytes(&[8]), bytes(&[8])))));
    let reg = &world.registry;
    // Any admissible value is a valid challenge on-chain, candidate or not.
    let outside = b.not(b.not(b.equal(bytes(&[9]), bytes(&[8]))));
    assert!(is_valid_challenge(reg, &p, &[bytes(&[9])], &outside));
    assert!(!is_valid_challenge(reg, &p, &[bytes(&[9])], &expected));
    assert!(!is_valid_challenge(reg, &p, &[], &expected));
    // A placeholder is inadmissible.
    let captured = b.not(b.not(b.equal(placeholder("y"), bytes(&[8]))));
    assert!(!is_valid_challenge(reg, &p, &[placeholder("y")], &captured));
}

#[test]
fn there_exists_row() {
    let (b, world) = setup();
    let body = b.equal(placeholder("x"), bytes(&[9]));
    let p = b.there_exists("b,KEY,0x01", "x", &body);
    let c = challenge_of(&world, &p);
    let expected = b.for_all("b,KEY,0x01", "x", b.not(&body));
    assert_eq!(c, Challenge::new(vec![], expected.clone()));
    let reg = &world.registry;
    assert!(!is_valid_challenge(reg, &p, &[bytes(&[9])], &expected));
    let other_hint = b.for_all("b,KEY,0x02", "x", b.not(&body));
    assert!(
        !is_valid_challenge(reg, &p, &[], &other_hint),
        "same hint required"
    );
    // Bare placeholder bodies: the challenge negates the placeholder itself.
    let p = b.there_exists("b,KEY,0x09", "x", placeholder("x"));
    assert_eq!(
        ovm_decider::onchain::there_exists_challenge(reg, &p.inputs[0], b"x", &placeholder("x")),
        b.for_all("b,KEY,0x09", "x", b.not(placeholder("x")))
    );
}

#[test]
fn nothing_else_is_valid() {
    let (b, world) = setup();
    let reg = &world.registry;
    assert!(
        !is_valid_challenge(reg, &t(&b), &[], &f(&b)),
        "atomics have no challenges"
    );
    let unregistered = b.at(ovm_core::Address::repeat_byte(0xee), [t(&b).encode()]);
    assert!(!is_valid_challenge(reg, &unregistered, &[], &t(&b)));
    let short_forall = b.at(
        reg.connective_address(ovm_core::ConnectiveKind::ForAll),
        [bytes(b"h"), bytes(b"x")],
    );
    assert!(!is_valid_challenge(
        reg,
        &short_forall,
        &[Bytes::new()],
        &b.not(Bytes::new())
    ));
    let not_two = b.at(
        reg.connective_address(ovm_core::ConnectiveKind::Not),
        [t(&b).encode(), t(&b).encode()],
    );
    assert!(!is_valid_challenge(reg, &not_two, &[], &t(&b)));
}

// ---- witnesses ----

fn witness_of(world: &World, p: &Property) -> Vec<Bytes> {
    let out = DECIDER.decide(p, world);
    let w = out
        .witness()
        .unwrap_or_else(|| panic!("{p:?} should be witness-decidable, got {out:?}"))
        .to_vec();
    assert!(decide_with_witness(world, p, &w), "witness rejected");
    w
}

#[test]
fn atomic_witness_is_empty() {
    let (b, world) = setup();
    assert_eq!(witness_of(&world, &t(&b)), Vec::<Bytes>::new());
    assert!(!decide_with_witness(&world, &f(&b), &[]));
}

#[test]
fn or_witness_is_index_then_branch() {
    let (b, world) = setup();
    let p = b.or([
        f(&b),
        b.there_exists("b,KEY,0x01", "x", b.equal(placeholder("x"), bytes(&[8]))),
        t(&b),
    ]);
    assert_eq!(
        witness_of(&world, &p),
        vec![abi::encode_uint(1), bytes(&[8])]
    );
    assert!(!decide_with_witness(&world, &p, &[abi::encode_uint(0)]));
    assert!(!decide_with_witness(&world, &p, &[abi::encode_uint(3)]));
    assert!(!decide_with_witness(&world, &p, &[]));
    assert!(decide_with_witness(&world, &p, &[abi::encode_uint(2)]));
}

#[test]
fn or_prefers_the_lowest_witness_decidable_branch() {
    let (b, world) = setup();
    let by_period = b.not(f(&b)); // True, not witness-decidable
    let p = b.or([by_period.clone(), t(&b)]);
    assert_eq!(witness_of(&world, &p), vec![abi::encode_uint(1)]);
    let only_period = b.or([f(&b), by_period]);
    assert_eq!(
        DECIDER.decide(&only_period, &world),
        Outcome::True { witness: None }
    );
}

#[test]
fn there_exists_witness_is_value_then_body() {
    let (b, world) = setup();
    let p = b.there_exists(
        "b,KEY,0x01",
        "x",
        b.or([
            b.equal(placeholder("x"), bytes(&[9])),
            b.equal(placeholder("x"), bytes(&[8])),
        ]),
    );
    assert_eq!(
        witness_of(&world, &p),
        vec![bytes(&[8]), abi::encode_uint(1)]
    );
    assert!(!decide_with_witness(
        &world,
        &p,
        &[bytes(&[7]), abi::encode_uint(1)]
    ));
    assert!(!decide_with_witness(
        &world,
        &p,
        &[placeholder("x"), abi::encode_uint(1)]
    ));
    // Values outside the candidates are fine on-chain.
    assert!(decide_with_witness(
        &world,
        &p,
        &[bytes(&[9]), abi::encode_uint(0)]
    ));
}

#[test]
fn and_witness_is_one_bytes_array_per_child() {
    let (b, world) = setup();
    let te = b.there_exists("b,KEY,0x01", "x", b.equal(placeholder("x"), bytes(&[7])));
    let p = b.and([t(&b), te.clone()]);
    let w = witness_of(&world, &p);
    assert_eq!(
        w,
        vec![
            abi::encode_bytes_array(&[]),
            abi::encode_bytes_array(&[bytes(&[7])])
        ]
    );
    assert!(!decide_with_witness(&world, &p, &w[..1]));
    let mut trailing = w[1].to_vec();
    trailing.extend([0u8; 32]);
    assert!(!decide_with_witness(
        &world,
        &p,
        &[w[0].clone(), trailing.into()]
    ));
    // A child settled only by the period makes the And not witness-decidable.
    let p = b.and([t(&b), b.not(f(&b))]);
    assert_eq!(DECIDER.decide(&p, &world), Outcome::True { witness: None });
}

#[test]
fn not_not_witness_is_the_inner_witness() {
    let (b, world) = setup();
    let te = b.there_exists("b,KEY,0x01", "x", b.equal(placeholder("x"), bytes(&[7])));
    let p = b.not(b.not(&te));
    assert_eq!(witness_of(&world, &p), vec![bytes(&[7])]);
    let p4 = b.not(b.not(&p));
    assert_eq!(witness_of(&world, &p4), vec![bytes(&[7])]);
    // Not(Not(q)) with q True only by the period is not witness-decidable.
    let q = b.not(f(&b));
    assert_eq!(
        DECIDER.decide(&b.not(b.not(&q)), &world),
        Outcome::True { witness: None }
    );
    // A single Not is never witness-decidable.
    assert_eq!(
        DECIDER.decide(&b.not(f(&b)), &world),
        Outcome::True { witness: None }
    );
    assert!(!decide_with_witness(&world, &b.not(f(&b)), &[]));
}

#[rstest]
#[case::unguarded("b,KEY,0x01")]
#[case::unusable("nonsense")]
fn for_all_is_never_witness_decidable(#[case] hint: &str) {
    let (b, world) = setup();
    let p = b.for_all(hint, "x", b.not(b.equal(placeholder("x"), bytes(&[5]))));
    assert!(!decide_with_witness(&world, &p, &[]));
    assert!(!decide_with_witness(&world, &p, &[bytes(&[1])]));
}
