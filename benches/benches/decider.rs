//! Decider throughput: decisions per second for a single atomic, a depth-4 mixed tree, a
//! ForAll over 1,000 candidates and the Plasma exit, and `id` per second.
//!
//! `cargo bench -p ovm-benches --bench decider` (a quick, criterion-free equivalent:
//! `cargo run --release -p ovm-decider --example throughput`).

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
