//! Decider throughput: decisions per second for a single atomic, a depth-4 mixed tree, a
//! ForAll over 1,000 candidates and the Plasma exit (each also by the plain evaluator, for the
//! fast/plain ratio), the nested keccak claim of issue 12 (about 3.7 million distinct
//! sub-decisions, decided True), a decide that reaches the spec's work bound (2^24 distinct
//! sub-decisions, then Unknown), and `id` per second.
//!
//! `cargo bench -p ovm-benches --bench decider` (a quick, criterion-free equivalent:
//! `cargo run --release -p ovm-decider --example decider_throughput`).

#[path = "../../harness/ovm-decider/examples/workloads/mod.rs"]
mod workloads;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ovm_core::Builder;
use ovm_decider::{
    Decider, ReferenceDecider,
    plasma::{Variant, scenario},
};
use std::hint::black_box;
use workloads::{for_all_1000, mixed_tree, nested_keccak, single_atomic, square, world};

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
    let nested = nested_keccak(&b, 4096);
    assert!(decider.decide(&nested, &world).is_true());
    group.bench_function("nested_forall_4096x180_keccak", |bench| {
        bench.iter(|| decider.decide(black_box(&nested), black_box(&world)))
    });
    // The spec's work bound reached: 2^24 distinct sub-decisions, then Unknown.
    let bound = square(&b);
    group.bench_function("work_bound_2e24_sub_decisions", |bench| {
        bench.iter(|| {
            let outcome = decider.decide(black_box(&bound), black_box(&world));
            assert!(matches!(
                outcome,
                ovm_decider::Outcome::Unknown {
                    why: ovm_decider::UnknownReason::BudgetExhausted,
                    ..
                }
            ));
        })
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
