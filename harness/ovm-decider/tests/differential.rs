//! Differential test of the fast evaluator (decoded trees, `ReferenceDecider::decide`) against
//! the plain one (encodings, `decide_plain`, which also writes traces): the same `Outcome`,
//! byte for byte, on random trees in a world with stored properties (cycles, depth edges), with
//! the default bound and with tiny budgets (the budget-exhausted paths), and the trace of
//! `decide_traced` belongs to that same outcome.

use ovm_core::{
    Address, B256, Builder, Bytes, Property, Registry, U256, abi, placeholder::placeholder,
};
use ovm_decider::{Decider, ReferenceDecider, World, plasma::hex};
use proptest::prelude::*;
use std::sync::LazyLock;

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
    // Stored properties, some quantifying over their own bucket (cycles) or too deep.
    let bl = &*BUILDER;
    let guarded = |hint: &str| {
        bl.there_exists(
            hint,
            "x",
            bl.and([
                bl.not(bl.equal(placeholder("x"), bl.and(Vec::<Bytes>::new()).encode()))
                    .encode(),
                placeholder("x"),
            ]),
        )
    };
    let deep = (0..40).fold(bl.equal(b(&[1]), b(&[1])), |p, _| bl.not(&p));
    let near = (0..32).fold(bl.equal(b(&[1]), b(&[2])), |p, _| bl.not(&p));
    world
        .witnesses
        .insert("v", b(&[3]), guarded("v,KEY,0x03").encode())
        .insert("v", b(&[3]), bl.not(bl.not(guarded("v,KEY,0x04"))).encode())
        .insert("v", b(&[4]), guarded("v,KEY,0x03").encode())
        .insert("v", b(&[4]), bl.equal(b(&[1]), b(&[1])).encode())
        .insert("v", b(&[4]), deep.encode())
        .insert("v", b(&[4]), near.encode())
        .insert(
            "v",
            b(&[3]),
            bl.for_all("v,KEY,0x03", "y", placeholder("y")).encode(),
        );
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
        // Missing data, known neither way.
        Just(
            bl.for_all("bad", "z", bl.equal(placeholder("z"), placeholder("z")))
                .encode()
        ),
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
        Just("v,KEY,0x03".to_owned()),
        Just("v,KEY,0x04".to_owned()),
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

fn same(decider: ReferenceDecider, p: &Property) -> Result<(), TestCaseError> {
    let fast = decider.decide(p, &WORLD);
    let plain = decider.decide_plain(p, &WORLD);
    prop_assert_eq!(&fast, &plain);
    let (traced, trace) = decider.decide_traced(p, &WORLD);
    prop_assert_eq!(&traced, &plain);
    prop_assert_eq!(
        &trace.root.outcome,
        &ovm_decider::trace::summarize_outcome(&WORLD.registry, &fast)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn fast_equals_plain(p in property(), budget in 0u64..40) {
        same(ReferenceDecider::new(), &p)?;
        same(ReferenceDecider::with_budget(budget), &p)?;
    }

    #[test]
    fn fast_equals_plain_on_bytes(x in tree()) {
        let d = ReferenceDecider::new();
        prop_assert_eq!(d.decide_bytes(&x, &WORLD), match Property::decode_canonical(&x) {
            Some(p) => d.decide_plain(&p, &WORLD),
            None => ovm_decider::Outcome::FALSE_UNCHALLENGEABLE,
        });
    }
}

/// The Plasma exit family, every variant.
#[test]
fn plasma_scenarios_agree() {
    use ovm_decider::plasma::{Variant, scenario};
    for variant in Variant::ALL {
        let s = scenario(variant);
        let d = ReferenceDecider::new();
        assert_eq!(
            d.decide(&s.property, &s.world),
            d.decide_plain(&s.property, &s.world)
        );
    }
}

/// The generator is not vacuous: it reaches the bound, undefined truth and both one-sided
/// knowledges (the stored claims quantify over their own bucket: cycles).
#[test]
fn generator_reaches_the_edges() {
    use ovm_decider::{Outcome, UnknownReason};
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = property();
    let mut counts = [0usize; 5];
    for _ in 0..1500 {
        let p = strategy.new_tree(&mut runner).unwrap().current();
        let small = ReferenceDecider::with_budget(5).decide(&p, &WORLD);
        if matches!(
            small,
            Outcome::Unknown {
                why: UnknownReason::BudgetExhausted,
                ..
            }
        ) {
            counts[0] += 1;
        }
        if let Outcome::Unknown { why, .. } = ReferenceDecider::new().decide(&p, &WORLD) {
            counts[match why {
                why if why.is_undefined() => 1,
                UnknownReason::NotTrue(_) => 2,
                UnknownReason::NotFalse(_) => 3,
                _ => 4,
            }] += 1;
        }
    }
    eprintln!("edge counts {counts:?}");
    // Every stored property (cycles through their own bucket included) agrees too.
    for (_, value) in WORLD.witnesses.entries("v") {
        if let Some(p) = Property::decode_canonical(value) {
            let d = ReferenceDecider::new();
            assert_eq!(d.decide(&p, &WORLD), d.decide_plain(&p, &WORLD));
        }
    }
    assert!(counts.iter().all(|&c| c > 0), "{counts:?}");
}
