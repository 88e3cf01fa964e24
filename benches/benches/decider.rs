//! Decider throughput: decisions per second for a single atomic, a depth-4 mixed tree, a
//! ForAll over 1,000 candidates and the Plasma exit (each also by the plain evaluator, for the
//! fast/plain ratio), the nested keccak claim of issue 12 (about 3.7 million distinct
//! sub-decisions, decided True), and `id` per second.
//!
//! `cargo bench -p ovm-benches --bench decider` (a quick, criterion-free equivalent:
//! `cargo run --release -p ovm-decider --example decider_throughput`).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ovm_core::{Builder, Bytes, Property, abi, placeholder::placeholder};
use ovm_decider::{
    Decider, ReferenceDecider, World,
    plasma::{Variant, hex, scenario},
};
use std::hint::black_box;

fn world() -> World {
    let mut world = World::with_test_addresses();
    world
        .witnesses
        .insert("k", Bytes::from_static(&[1]), abi::encode_uint(7))
        .insert("k", Bytes::from_static(&[1]), abi::encode_uint(9));
    world
}

fn single_atomic(b: &Builder) -> Property {
    b.is_less_than(abi::encode_uint(1), abi::encode_uint(2))
}

/// `And(Or(Not(Equal), IsLessThan), ThereExists(k, x, Not(Equal(Vx, 9)))…)`: depth 4.
fn mixed_tree(b: &Builder) -> Property {
    b.and([
        b.or([
            b.not(b.equal(Bytes::from_static(b"a"), Bytes::from_static(b"b"))),
            b.is_less_than(abi::encode_uint(3), abi::encode_uint(2)),
        ]),
        b.there_exists(
            "k,KEY,0x01",
            "x",
            b.not(b.equal(placeholder("x"), abi::encode_uint(9))),
        ),
        b.not(b.not(b.equal(Bytes::new(), Bytes::new()))),
    ])
}

/// `ForAll n in [0, 1000): n < 1000 → n < 2000` (True; every candidate evaluated).
fn for_all_1000(b: &Builder) -> Property {
    b.for_all(
        format!(
            "n,NUMBER,{}-{}",
            hex(&abi::encode_uint(0)),
            hex(&abi::encode_uint(1000))
        ),
        "n",
        b.or([
            b.not(b.is_less_than(placeholder("n"), abi::encode_uint(1000))),
            b.is_less_than(placeholder("n"), abi::encode_uint(2000)),
        ]),
    )
}

/// `ForAll(a ∈ NUMBER 0..4096: a ≥ 4096 ∨ ForAll(b ∈ NUMBER 0..180: b ≥ 180 ∨ keccak(b) ≠ a))`.
fn nested_keccak(b: &Builder) -> Property {
    let range = |n: u64| {
        format!(
            "n,NUMBER,{}-{}",
            hex(&abi::encode_uint(0)),
            hex(&abi::encode_uint(n))
        )
    };
    b.for_all(
        range(4096),
        "a",
        b.or([
            b.not(b.is_less_than(placeholder("a"), abi::encode_uint(4096)))
                .encode(),
            b.for_all(
                range(180),
                "b",
                b.or([
                    b.not(b.is_less_than(placeholder("b"), abi::encode_uint(180))),
                    b.not(b.is_hash_preimage(placeholder("a"), placeholder("b"))),
                ]),
            )
            .encode(),
        ]),
    )
}

fn decisions(c: &mut Criterion) {
    let world = world();
    let b = Builder::new(world.registry.clone());
    let decider = ReferenceDecider::new();
    let mut group = c.benchmark_group("decider");
    group.throughput(Throughput::Elements(1));
    let cases = [
        ("single_atomic", single_atomic(&b)),
        ("depth4_mixed_tree", mixed_tree(&b)),
        ("forall_1000_candidates", for_all_1000(&b)),
    ];
    assert_eq!(ovm_core::depth(&cases[1].1.encode(), &world.registry), 4);
    for (name, property) in &cases {
        group.bench_function(*name, |bench| {
            bench.iter(|| decider.decide(black_box(property), black_box(&world)))
        });
    }
    let honest = scenario(Variant::Honest);
    group.bench_function("plasma_exit_honest", |bench| {
        bench.iter(|| decider.decide(black_box(&honest.property), black_box(&honest.world)))
    });
    for (name, property) in &cases[..] {
        group.bench_function(format!("plain_{name}"), |bench| {
            bench.iter(|| decider.decide_plain(black_box(property), black_box(&world)))
        });
    }
    group.bench_function("plain_plasma_exit_honest", |bench| {
        bench.iter(|| decider.decide_plain(black_box(&honest.property), black_box(&honest.world)))
    });
    group.finish();

    let mut group = c.benchmark_group("decider_large");
    group.sample_size(10);
    let nested = nested_keccak(&b);
    assert!(decider.decide(&nested, &world).is_true());
    group.bench_function("nested_forall_4096x180_keccak", |bench| {
        bench.iter(|| decider.decide(black_box(&nested), black_box(&world)))
    });
    group.finish();

    let mut group = c.benchmark_group("property");
    group.throughput(Throughput::Elements(1));
    let exit = honest.property.clone();
    group.bench_function("id_plasma_exit", |bench| {
        bench.iter(|| black_box(&exit).id())
    });
    group.finish();
}

criterion_group!(benches, decisions);
criterion_main!(benches);
