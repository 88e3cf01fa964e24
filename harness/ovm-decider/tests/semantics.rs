//! Spec §1 golden ids, the §3 consequences, placeholders, shadowing, cycles and deep inputs.

use ovm_core::{
    Address, Builder, Bytes, MAX_CHALLENGE_DEPTH, Property, Registry, abi, depth,
    placeholder::placeholder, subst,
};
use ovm_decider::{
    Challenge, Decider, Outcome, ReferenceDecider, UnknownReason, World, decide_with_witness,
    is_valid_challenge, onchain::not_of,
};
use rstest::rstest;

const DECIDER: ReferenceDecider = ReferenceDecider::new();

fn setup() -> (Builder, World) {
    let world = World::with_test_addresses();
    (Builder::new(world.registry.clone()), world)
}

fn one() -> Bytes {
    Bytes::from_static(&[1])
}

fn two() -> Bytes {
    Bytes::from_static(&[2])
}

fn and_empty(b: &Builder) -> Property {
    b.and(Vec::<Bytes>::new())
}

/// Asserts the §7 contracts every outcome must honour: a challenge is valid and True, a witness
/// is accepted, a pin is valid and known not False.
fn check_outcome(world: &World, p: &Property, outcome: &Outcome) {
    let reg = &world.registry;
    if let Some(c) = outcome.challenge() {
        assert!(
            is_valid_challenge(reg, p, &c.inputs, &c.property),
            "invalid challenge {c:?}"
        );
        assert!(
            DECIDER.decide(&c.property, world).is_true(),
            "challenge not True"
        );
    }
    if let Some(w) = outcome.witness() {
        assert!(decide_with_witness(world, p, w), "witness rejected");
    }
    if let Some(pin) = outcome.pin() {
        assert!(
            is_valid_challenge(reg, p, &pin.inputs, &pin.property),
            "invalid pin"
        );
        let pinned = DECIDER.decide(&pin.property, world);
        assert!(
            pinned.is_unknown() && pinned.known_not_false(),
            "pin not known not False"
        );
        assert!(outcome.known_not_true(), "pinned but not known not True");
    }
}

fn decide(world: &World, p: &Property) -> Outcome {
    let outcome = DECIDER.decide(p, world);
    check_outcome(world, p, &outcome);
    outcome
}

#[test]
fn golden_ids() {
    let at = |i: u8| Address::with_last_byte(i);
    let p1 = Property::new(at(1), [one()]);
    assert_eq!(p1.encode().len(), 224);
    assert_eq!(
        p1.id().to_string(),
        "0x85203420c48004fda08c19cda699434e6e52367924a0cef50df775e65f4e803b"
    );
    let empty = Property::new(at(1), []);
    assert_eq!(empty.encode().len(), 128);
    assert_eq!(
        empty.id().to_string(),
        "0xd9e7bce431ca8487c7edf313cae7c11573f9e7adf1fb4c1814a3824c6bbcbce9"
    );
    let not_p1 = Property::new(at(2), [p1.encode()]);
    assert_eq!(not_p1.encode().len(), 416);
    assert_eq!(
        not_p1.id().to_string(),
        "0x198a32d4aefe4bc9b9b556ae8ed942df89474c6201558e2bb6b853dfae325962"
    );
}

#[test]
fn raw_and_unregistered_are_false_without_challenge() {
    let (b, world) = setup();
    assert_eq!(
        DECIDER.decide_bytes(b"raw", &world),
        Outcome::False { challenge: None }
    );
    let unregistered = b.at(Address::repeat_byte(0xee), [b.equal(one(), one()).encode()]);
    assert_eq!(
        decide(&world, &unregistered),
        Outcome::False { challenge: None }
    );
    // Not(unregistered) is True; Not(Not(unregistered)) False with challenge Not(unregistered).
    assert_eq!(
        decide(&world, &b.not(&unregistered)),
        Outcome::True { witness: None }
    );
    let nn = b.not(b.not(&unregistered));
    assert_eq!(
        decide(&world, &nn),
        Outcome::False {
            challenge: Some(Challenge::new(vec![], b.not(&unregistered)))
        }
    );
}

#[test]
fn not_raw_is_true() {
    let (b, world) = setup();
    for raw in [Bytes::new(), Bytes::from_static(b"raw"), placeholder("x")] {
        assert_eq!(decide(&world, &b.not(raw)), Outcome::True { witness: None });
    }
}

#[test]
fn empty_and_or() {
    let (b, world) = setup();
    assert_eq!(
        decide(&world, &and_empty(&b)),
        Outcome::True {
            witness: Some(vec![])
        }
    );
    assert_eq!(
        decide(&world, &b.or(Vec::<Bytes>::new())),
        Outcome::False {
            challenge: Some(Challenge::new(vec![], and_empty(&b)))
        }
    );
}

#[rstest]
#[case::not_none(0, 0)]
#[case::not_two(0, 2)]
#[case::forall_two(3, 2)]
#[case::forall_four(3, 4)]
#[case::exists_none(4, 0)]
#[case::exists_two(4, 2)]
fn wrong_input_count_is_true(#[case] connective: usize, #[case] count: usize) {
    let (b, world) = setup();
    let kind = ovm_core::ConnectiveKind::ALL[connective];
    let falsehood = b.equal(one(), two()).encode();
    let p = b.at(
        world.registry.connective_address(kind),
        vec![falsehood; count],
    );
    assert_eq!(decide(&world, &p), Outcome::True { witness: None });
    assert!(!decide_with_witness(&world, &p, &[]));
}

#[test]
fn unguarded_placeholder_bodies() {
    let (b, world) = setup();
    let fa = b.for_all("b,KEY,0x01", "x", placeholder("x"));
    assert_eq!(
        decide(&world, &fa),
        Outcome::False {
            challenge: Some(Challenge::new(vec![Bytes::new()], b.not(Bytes::new())))
        }
    );
    let te = b.there_exists("b,KEY,0x01", "x", placeholder("x"));
    assert_eq!(
        decide(&world, &te),
        Outcome::True {
            witness: Some(vec![and_empty(&b).encode()])
        }
    );
}

#[rstest]
#[case::usable_hint("b,KEY,0x01")]
#[case::garbage_hint("garbage")]
#[case::unbound_hint("b,KEY,${y}")]
#[case::too_many(
    "b,NUMBER,0x0000000000000000000000000000000000000000000000000000000000000000-0xff00000000000000000000000000000000000000000000000000000000000000"
)]
fn body_without_its_variable_is_decided_as_its_body(#[case] hint: &str) {
    let (b, world) = setup();
    let truth = b.equal(one(), one());
    let falsehood = b.equal(one(), two());
    assert_eq!(
        decide(&world, &b.for_all(hint, "x", &truth)),
        Outcome::True { witness: None }
    );
    assert_eq!(
        decide(&world, &b.for_all(hint, "x", &falsehood)),
        Outcome::False {
            challenge: Some(Challenge::new(vec![Bytes::new()], b.not(&falsehood)))
        }
    );
    assert_eq!(
        decide(&world, &b.there_exists(hint, "x", &truth)),
        Outcome::True {
            witness: Some(vec![Bytes::new()])
        }
    );
    let te_false = b.there_exists(hint, "x", &falsehood);
    assert_eq!(
        decide(&world, &te_false),
        Outcome::False {
            challenge: Some(Challenge::new(
                vec![],
                b.for_all(hint, "x", b.not(&falsehood))
            ))
        }
    );
    // A body that mentions another variable only is still invariant.
    let other = b.equal(placeholder("y"), placeholder("y"));
    assert_eq!(
        decide(&world, &b.for_all(hint, "x", &other)),
        Outcome::True { witness: None }
    );
}

#[test]
fn invariant_body_challenges_with_the_first_hint_candidate() {
    let (b, mut world) = setup();
    world.witnesses.insert("b", one(), two());
    let falsehood = b.equal(one(), two());
    let out = decide(&world, &b.for_all("b,KEY,0x01", "x", &falsehood));
    assert_eq!(out.challenge().unwrap().inputs, vec![two()]);
}

#[test]
fn placeholder_edges_19_vs_20_bytes() {
    let (b, mut world) = setup();
    let v19 = placeholder([b'a'; 18]);
    let v20 = placeholder([b'a'; 19]);
    assert_eq!((v19.len(), v20.len()), (19, 20));
    world.witnesses.insert("b", one(), v19.clone());
    world.witnesses.insert("b", two(), v20.clone());
    // The 19-byte value is a placeholder: inadmissible, skipped.
    let te19 = b.there_exists("b,KEY,0x01", "x", b.equal(placeholder("x"), v19.clone()));
    assert!(decide(&world, &te19).is_false());
    assert!(!decide_with_witness(&world, &te19, &[v19]));
    // The 20-byte one is raw data that happens to start with 'V'.
    let te20 = b.there_exists("b,KEY,0x02", "x", b.equal(placeholder("x"), v20.clone()));
    assert_eq!(
        decide(&world, &te20),
        Outcome::True {
            witness: Some(vec![v20])
        }
    );
}

#[test]
fn raw_data_starting_with_v() {
    let (b, mut world) = setup();
    // "Vx" as a *value* is a placeholder (inadmissible); "Vx" as an *input* stays raw.
    world
        .witnesses
        .insert("b", one(), Bytes::from_static(b"Vx"));
    world.witnesses.insert("b", one(), Bytes::from_static(b"V"));
    let te = b.there_exists(
        "b,KEY,0x01",
        "y",
        b.or([
            b.equal(placeholder("y"), Bytes::from_static(b"Vx")),
            b.equal(placeholder("y"), Bytes::new()),
        ]),
    );
    // "Vx" and "V" are skipped; 0x makes the second branch True.
    assert_eq!(
        decide(&world, &te),
        Outcome::True {
            witness: Some(vec![Bytes::new(), abi::encode_uint(1)])
        }
    );
    // An IsLessThan over 'V'-prefixed 32-byte words is an ordinary comparison.
    let mut word = [0u8; 32];
    word[0] = b'V';
    let lt = b.is_less_than(abi::encode_uint(1), Bytes::copy_from_slice(&word));
    assert!(decide(&world, &lt).is_true());
}

#[test]
fn shadowing() {
    let (b, mut world) = setup();
    world.witnesses.insert("outer", one(), one());
    world
        .witnesses
        .insert("inner", one(), Bytes::from_static(&[0xaa]));
    let inner = b.there_exists(
        "inner,KEY,${x}",
        "x",
        b.equal(placeholder("x"), Bytes::from_static(&[0xaa])),
    );
    // subst expands the inner hint but leaves the shadowed body alone.
    let bound = subst(&inner.encode(), b"x", &one(), &world.registry);
    let expected = b.there_exists(
        "inner,KEY,0x01",
        "x",
        b.equal(placeholder("x"), Bytes::from_static(&[0xaa])),
    );
    assert_eq!(bound, expected.encode());
    let outer = b.there_exists("outer,KEY,0x01", "x", &inner);
    assert_eq!(
        decide(&world, &outer),
        Outcome::True {
            witness: Some(vec![one(), Bytes::from_static(&[0xaa])])
        }
    );
}

/// `ThereExists(h, x, And(Not(Equal(Vx, enc(And()))), Vx))`: only a stored property can make the
/// body True, and the fixed values cannot.
fn guarded_exists(b: &Builder, hint: &str) -> Property {
    b.there_exists(
        hint,
        "x",
        b.and([
            b.not(b.equal(placeholder("x"), and_empty(b).encode()))
                .encode(),
            placeholder("x"),
        ]),
    )
}

#[test]
fn self_cycle_is_unknown_and_pinned() {
    let (b, mut world) = setup();
    let p = guarded_exists(&b, "c,KEY,0x01");
    world.witnesses.insert("c", one(), p.encode());
    let out = decide(&world, &p);
    assert!(out.is_undefined(), "{out:?}");
    assert_eq!(
        out.pin().unwrap().property,
        ovm_decider::onchain::there_exists_challenge(
            &world.registry,
            &p.inputs[0],
            &p.inputs[1],
            &p.inputs[2],
        )
    );
    // The same cycle inside a quantifier over a ForAll (through Not(Not)).
    let fa = b.for_all(
        "c,KEY,0x02",
        "x",
        b.or([
            b.equal(placeholder("x"), Bytes::new()).encode(),
            b.equal(placeholder("x"), and_empty(&b).encode()).encode(),
            placeholder("x"),
        ]),
    );
    world
        .witnesses
        .insert("c", two(), b.not(b.not(&fa)).encode());
    let out = decide(&world, &fa);
    assert!(out.is_unknown(), "{out:?}");
}

#[test]
fn mutual_cycle_is_unknown() {
    let (b, mut world) = setup();
    let p = guarded_exists(&b, "c,KEY,0x01");
    let q = guarded_exists(&b, "c,KEY,0x02");
    world.witnesses.insert("c", one(), q.encode());
    world.witnesses.insert("c", two(), p.encode());
    assert!(decide(&world, &p).is_undefined());
    assert!(decide(&world, &q).is_undefined());
}

#[test]
fn a_cycle_is_local() {
    let (b, mut world) = setup();
    let p = guarded_exists(&b, "c,KEY,0x01");
    let truth = b.equal(one(), one());
    world.witnesses.insert("c", one(), p.encode());
    world.witnesses.insert("c", one(), truth.encode());
    // True through the second candidate (not witness-decidable: its guard is a Not).
    assert_eq!(decide(&world, &p), Outcome::True { witness: None });
    // Or with a cyclic branch and a True one is True; And with a cyclic one and a False one
    // is False.
    let q = guarded_exists(&b, "c,KEY,0x02");
    world.witnesses.insert("c", two(), q.encode());
    let or = b.or([q.clone(), truth.clone()]);
    assert_eq!(
        decide(&world, &or),
        Outcome::True {
            witness: Some(vec![abi::encode_uint(1)])
        }
    );
    let and = b.and([q.clone(), b.equal(one(), two())]);
    assert_eq!(
        decide(&world, &and).challenge().unwrap().inputs,
        vec![abi::encode_uint(1)]
    );
    let undecided = b.and([q.clone(), truth]);
    assert_eq!(
        decide(&world, &undecided).pin().unwrap().inputs,
        vec![abi::encode_uint(0)]
    );
}

fn nested_nots(b: &Builder, levels: usize) -> Property {
    let mut p = b.equal(one(), one());
    for _ in 0..levels {
        p = b.not(&p);
    }
    p
}

#[test]
fn depth_cut_off() {
    let (b, world) = setup();
    let at_limit = nested_nots(&b, MAX_CHALLENGE_DEPTH as usize - 1);
    assert_eq!(
        depth(&at_limit.encode(), &world.registry),
        MAX_CHALLENGE_DEPTH
    );
    assert!(!decide(&world, &at_limit).is_unknown());
    let too_deep = nested_nots(&b, MAX_CHALLENGE_DEPTH as usize);
    assert_eq!(
        decide(&world, &too_deep),
        Outcome::Unknown {
            why: UnknownReason::TooDeep(35),
            pin: None
        }
    );
}

#[test]
fn huge_nesting_does_not_overflow() {
    let (b, world) = setup();
    let deep = nested_nots(&b, 1000);
    assert!(decide(&world, &deep).is_unknown());
    assert!(!decide_with_witness(&world, &deep, &[]));
    // Deep nesting below a non-connective is just an input (depth 1).
    let wrapped = b.equal(deep.encode(), deep.encode());
    assert!(decide(&world, &wrapped).is_true());
    // A wide And.
    let wide = b.and(vec![b.equal(one(), one()).encode(); 5000]);
    assert!(decide(&world, &wide).is_true());
    let mut children = vec![b.equal(one(), one()).encode(); 5000];
    children[4321] = Bytes::from_static(b"raw");
    let wide_false = b.and(children);
    assert_eq!(
        decide(&world, &wide_false).challenge().unwrap(),
        &Challenge::new(
            vec![abi::encode_uint(4321)],
            not_of(&world.registry, Bytes::from_static(b"raw"))
        )
    );
}

fn nested_nots_over(b: &Builder, base: Property, levels: usize) -> Property {
    (0..levels).fold(base, |p, _| b.not(&p))
}

#[test]
fn an_or_or_exists_at_the_depth_limit_has_no_valid_challenge() {
    let (b, world) = setup();
    let reg = &world.registry;
    // A False child of depth 33: 32 Nots over a falsehood.
    let falsehood = nested_nots_over(&b, b.equal(one(), two()), 32);
    assert_eq!(depth(&falsehood.encode(), reg), 33);
    assert!(decide(&world, &falsehood).is_false());
    // depth(Or(f)) = 34 makes its challenge And(Not(f)) 35 deep: no valid challenge, True.
    let or = b.or([&falsehood]);
    assert_eq!(depth(&or.encode(), reg), 34);
    assert_eq!(decide(&world, &or), Outcome::True { witness: None });
    let shallower = b.or([nested_nots_over(&b, b.equal(one(), two()), 30)]);
    assert!(decide(&world, &shallower).is_false());
    // Same for ThereExists: its challenge ForAll(h, x, Not(b)) is one deeper.
    let te = b.there_exists(
        "b,KEY,0x01",
        "x",
        b.and([placeholder("x"), falsehood.encode()]),
    );
    assert_eq!(depth(&te.encode(), reg), 35);
    let inner = nested_nots_over(&b, b.equal(one(), two()), 31);
    let te = b.there_exists("b,KEY,0x01", "x", b.and([placeholder("x"), inner.encode()]));
    assert_eq!(depth(&te.encode(), reg), 34);
    assert_eq!(decide(&world, &te), Outcome::True { witness: None });
}

#[test]
fn budget_bounds_the_work() {
    let (b, world) = setup();
    let range = "n,NUMBER,0x0000000000000000000000000000000000000000000000000000000000000000-0x0000000000000000000000000000000000000000000000000000000000001000";
    let body = b.or([
        b.equal(placeholder("x"), placeholder("y")),
        b.not(b.equal(placeholder("x"), placeholder("y"))),
    ]);
    let p = b.for_all(range, "x", b.for_all(range, "y", body));
    let out = ReferenceDecider::with_budget(20_000).decide(&p, &world);
    assert_eq!(
        out,
        Outcome::Unknown {
            why: UnknownReason::BudgetExhausted,
            pin: None
        }
    );
    // The spec's bound, 2^24, counting each distinct property once: And(c, c, …, c) needs two.
    assert_eq!(ovm_decider::DEFAULT_BUDGET, 1 << 24);
    assert_eq!(DECIDER.budget(), 1 << 24);
    let wide = b.and(vec![b.equal(one(), one()).encode(); 1000]);
    assert!(
        ReferenceDecider::with_budget(2)
            .decide(&wide, &world)
            .is_true()
    );
    // An atomic claim is one evaluation: a bound of one decides it, a bound of zero does not.
    let atomic = b.equal(one(), one());
    assert!(
        ReferenceDecider::with_budget(1)
            .decide(&atomic, &world)
            .is_true()
    );
    assert_eq!(
        ReferenceDecider::with_budget(0).decide(&atomic, &world),
        Outcome::Unknown {
            why: UnknownReason::BudgetExhausted,
            pin: None
        }
    );
    assert_eq!(
        ReferenceDecider::with_budget(1).decide(&wide, &world),
        Outcome::Unknown {
            why: UnknownReason::BudgetExhausted,
            pin: None
        }
    );
}

#[test]
fn plug_in_registry_addresses() {
    // Nothing is tied to the test addresses.
    let at = |i: u8| Address::repeat_byte(i);
    let registry = Registry::new(
        std::array::from_fn(|i| at(0x10 + i as u8)),
        std::array::from_fn(|i| at(0x40 + i as u8)),
        [at(0x99)],
    );
    let world = World::new(registry.clone());
    let b = Builder::new(registry);
    assert!(decide(&world, &b.not(b.equal(one(), two()))).is_true());
}
