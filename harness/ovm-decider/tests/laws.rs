//! Property-based laws of the decider over random properties in a small world:
//! `Not(Not(p)) ≡ p`, And order (with the challenge index remapped), De Morgan,
//! `ThereExists(h, x, b) ≡ ¬ForAll(h, x, Not(b))`, the enc/decode round trip, and the §7
//! contract of every outcome (challenges valid and True, witnesses accepted, pins valid and
//! known not False).

use ovm_core::{
    Address, B256, Builder, Bytes, Property, Registry, U256, abi, placeholder::placeholder,
};
use ovm_decider::{
    Decider, Outcome, ReferenceDecider, Truth, UnknownReason, World, decide_with_witness,
    is_valid_challenge, onchain::not_of, plasma::hex,
};
use proptest::prelude::*;
use std::sync::LazyLock;

const DECIDER: ReferenceDecider = ReferenceDecider::new();

static BUILDER: LazyLock<Builder> = LazyLock::new(|| Builder::new(Registry::with_test_addresses()));

static WORLD: LazyLock<World> = LazyLock::new(|| {
    let mut world = World::with_test_addresses();
    let cc = world.registry.storages().next().unwrap();
    world
        .storage
        .submit_root(cc, U256::ZERO, B256::repeat_byte(0xab))
        .unwrap();
    world
        .witnesses
        .insert("v", b(&[1]), b(&[1]))
        .insert("v", b(&[1]), b(&[2]))
        .insert("v", b(&[1]), abi::encode_uint(1))
        .insert("v", b(&[2]), abi::encode_uint(0))
        .insert("v", b(&[2]), placeholder("x"))
        .insert("v", abi::encode_uint(1), b(&[2]))
        .insert("v", b(&[2]), b(&[2]));
    world
});

fn b(v: &[u8]) -> Bytes {
    Bytes::copy_from_slice(v)
}

fn cc() -> Address {
    WORLD.registry.storages().next().unwrap()
}

fn value() -> impl Strategy<Value = Bytes> {
    prop_oneof![
        Just(b(&[1])),
        Just(b(&[2])),
        Just(placeholder("x")),
        Just(placeholder("y")),
        Just(abi::encode_uint(0)),
        Just(abi::encode_uint(1)),
        Just(Bytes::new()),
    ]
}

fn leaf() -> impl Strategy<Value = Bytes> {
    let bl = &*BUILDER;
    prop_oneof![
        (value(), value()).prop_map(move |(x, y)| bl.equal(x, y).encode()),
        (value(), value()).prop_map(move |(x, y)| bl.is_less_than(x, y).encode()),
        (
            prop_oneof![
                Just(abi::encode_uint(0)),
                Just(abi::encode_uint(1)),
                Just(placeholder("x"))
            ],
            prop_oneof![
                Just(abi::encode_b256(B256::repeat_byte(0xab))),
                Just(Bytes::new()),
                Just(placeholder("y"))
            ],
        )
            .prop_map(move |(key, val)| bl.is_stored(cc(), key, val).encode()),
        Just(b(b"junk")),
        Just(placeholder("x")),
        Just(Property::new(Address::repeat_byte(0xee), [b(&[1])]).encode()),
    ]
}

fn hint() -> impl Strategy<Value = String> {
    let stored = |block: u64| {
        format!(
            "{},STORED,{}",
            hex(cc().as_slice()),
            hex(&abi::encode_uint(block))
        )
    };
    prop_oneof![
        Just("v,KEY,0x01".to_owned()),
        Just("v,KEY,0x02".to_owned()),
        Just(format!(
            "n,NUMBER,{}-{}",
            hex(&abi::encode_uint(0)),
            hex(&abi::encode_uint(3))
        )),
        Just("bad".to_owned()),
        Just("v,KEY,${x}".to_owned()),
        Just(stored(0)),
        Just(stored(1)),
    ]
}

fn name() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("x"), Just("y")]
}

/// Encoded random properties (and the odd raw input), depth ≤ 6.
fn tree() -> impl Strategy<Value = Bytes> {
    let bl = &*BUILDER;
    leaf().prop_recursive(4, 24, 3, move |inner| {
        prop_oneof![
            inner.clone().prop_map(move |c| bl.not(c).encode()),
            prop::collection::vec(inner.clone(), 0..3).prop_map(move |cs| bl.and(cs).encode()),
            prop::collection::vec(inner.clone(), 0..3).prop_map(move |cs| bl.or(cs).encode()),
            (hint(), name(), inner.clone()).prop_map(move |(h, n, c)| bl.for_all(h, n, c).encode()),
            (hint(), name(), inner).prop_map(move |(h, n, c)| bl.there_exists(h, n, c).encode()),
        ]
    })
}

fn property() -> impl Strategy<Value = Property> {
    tree().prop_filter_map("a property", |bytes| Property::decode_canonical(&bytes))
}

fn truth(p: &Property) -> Truth {
    DECIDER.decide(p, &WORLD).truth()
}

fn truth_of_bytes(x: &Bytes) -> Truth {
    DECIDER.decide_bytes(x, &WORLD).truth()
}

fn check_contract(p: &Property, outcome: &Outcome) -> Result<(), TestCaseError> {
    let reg = &WORLD.registry;
    if let Some(c) = outcome.challenge() {
        prop_assert!(
            is_valid_challenge(reg, p, &c.inputs, &c.property),
            "invalid challenge"
        );
        prop_assert!(
            DECIDER.decide(&c.property, &WORLD).is_true(),
            "challenge not True"
        );
    }
    if let Some(w) = outcome.witness() {
        prop_assert!(decide_with_witness(&WORLD, p, w), "witness rejected");
    }
    if let Outcome::Unknown { why, pin } = outcome {
        // §7: a pin only on a claim known not True, on a valid challenge known not False; an
        // undefined connective is always pinned, a claim known not False never.
        if *why == UnknownReason::UndefinedChallenge {
            prop_assert!(pin.is_some(), "undefined connective without a pin");
        }
        if let Some(pin) = pin {
            prop_assert!(why.known_not_true(), "pinned but not known not True");
            prop_assert!(
                is_valid_challenge(reg, p, &pin.inputs, &pin.property),
                "invalid pin"
            );
            let pinned = DECIDER.decide(&pin.property, &WORLD);
            prop_assert!(
                pinned.is_unknown() && pinned.known_not_false(),
                "pin not known not False"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn outcomes_honour_the_contract(p in property()) {
        let (outcome, trace) = DECIDER.decide_traced(&p, &WORLD);
        prop_assert_eq!(&outcome, &DECIDER.decide(&p, &WORLD));
        prop_assert!(trace.root.size() >= 1);
        check_contract(&p, &outcome)?;
        if let Some(c) = outcome.challenge() {
            check_contract(&c.property, &DECIDER.decide(&c.property, &WORLD))?;
        }
    }

    #[test]
    fn double_negation(p in property()) {
        let bl = &*BUILDER;
        let nn = bl.not(bl.not(&p));
        let (inner, outer) = (DECIDER.decide(&p, &WORLD), DECIDER.decide(&nn, &WORLD));
        prop_assert_eq!(inner.truth(), outer.truth());
        prop_assert_eq!(inner.witness(), outer.witness());
        prop_assert_eq!(inner.known_not_true(), outer.known_not_true());
        prop_assert_eq!(inner.known_not_false(), outer.known_not_false());
        // Not swaps what is known.
        let not = DECIDER.decide(&bl.not(&p), &WORLD);
        prop_assert_eq!(not.known_not_true(), inner.known_not_false());
        prop_assert_eq!(not.known_not_false(), inner.known_not_true());
        if outer.is_false() {
            prop_assert_eq!(&outer.challenge().unwrap().property, &bl.not(&p));
        }
    }

    #[test]
    fn and_order_with_remapped_index(children in prop::collection::vec(tree(), 0..4).prop_shuffle(), seed in any::<u64>()) {
        let bl = &*BUILDER;
        let n = children.len();
        // A deterministic permutation from the seed.
        let mut order: Vec<usize> = (0..n).collect();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (s >> 33) as usize % (i + 1));
        }
        let original = bl.and(children.clone());
        let permuted = bl.and(order.iter().map(|&i| children[i].clone()));
        let (a, p) = (DECIDER.decide(&original, &WORLD), DECIDER.decide(&permuted, &WORLD));
        prop_assert_eq!(a.truth(), p.truth());
        prop_assert_eq!(a.witness().is_some(), p.witness().is_some());
        if let Some(c) = p.challenge() {
            let j = abi::decode_u256(&c.inputs[0]).unwrap().to::<usize>();
            let i = order[j];
            prop_assert_eq!(&c.property, &not_of(&WORLD.registry, children[i].clone()));
            // Every earlier child of the permuted And is not refuted.
            for &k in &order[..j] {
                prop_assert!(truth_of_bytes(&children[k]) != Truth::False);
            }
        }
    }

    #[test]
    fn de_morgan(children in prop::collection::vec(tree(), 0..4)) {
        let bl = &*BUILDER;
        let not_and = bl.not(bl.and(children.clone()));
        let or_nots = bl.or(children.iter().map(|c| bl.not(c.clone())));
        prop_assert_eq!(truth(&not_and), truth(&or_nots));
        let not_or = bl.not(bl.or(children.clone()));
        let and_nots = bl.and(children.iter().map(|c| bl.not(c.clone())));
        prop_assert_eq!(truth(&not_or), truth(&and_nots));
    }

    #[test]
    fn exists_is_not_forall_not(h in hint(), n in name(), body in tree()) {
        let bl = &*BUILDER;
        let te = bl.there_exists(&h, n, body.clone());
        let fa = bl.for_all(&h, n, bl.not(body));
        prop_assert_eq!(truth(&te), !truth(&fa));
    }

    #[test]
    fn encoding_round_trips(
        address in any::<[u8; 20]>(),
        inputs in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..70), 0..5),
    ) {
        let p = Property::new(Address::from(address), inputs.into_iter().map(Bytes::from));
        let enc = p.encode();
        prop_assert_eq!(Property::decode_canonical(&enc), Some(p.clone()));
        let mut trailing = enc.to_vec();
        trailing.extend([0u8; 32]);
        prop_assert!(Property::decode_canonical(&trailing).is_none());
        // Raw top-level bytes are False without a challenge.
        prop_assert_eq!(DECIDER.decide_bytes(&trailing, &WORLD), Outcome::False { challenge: None });
    }
}

/// The generator is not vacuous: it reaches every kind of outcome.
#[test]
fn generator_reaches_every_outcome() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = property();
    let mut counts = [0usize; 6];
    for _ in 0..600 {
        let p = strategy.new_tree(&mut runner).unwrap().current();
        let outcome = DECIDER.decide(&p, &WORLD);
        let slot = match &outcome {
            Outcome::True { witness: Some(_) } => 0,
            Outcome::True { witness: None } => 1,
            Outcome::False { challenge: Some(_) } => 2,
            Outcome::False { challenge: None } => 3,
            Outcome::Unknown { pin: Some(_), .. } => 4,
            Outcome::Unknown { pin: None, .. } => 5,
        };
        counts[slot] += 1;
    }
    eprintln!("outcome counts {counts:?}");
    assert!(counts.iter().all(|&c| c > 0), "{counts:?}");
}
