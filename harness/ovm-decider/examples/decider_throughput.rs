//! A quick, criterion-free equivalent of `benches/benches/decider.rs`: decisions per second
//! for a single atomic, a depth-4 mixed tree, a ForAll over 1,000 candidates and the Plasma
//! exit, and `id` per second.
//!
//! `cargo run --release -p ovm-decider --example decider_throughput`.

mod workloads;

use ovm_core::Builder;
use ovm_decider::{
    Decider, ReferenceDecider,
    plasma::{Variant, scenario},
};
use std::{hint::black_box, time::Instant};
use workloads::{for_all_1000, mixed_tree, nested_keccak, single_atomic, world};

fn rate(name: &str, mut f: impl FnMut()) {
    // Warm up, then time for about half a second.
    f();
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed().as_millis() < 500 {
        f();
        n += 1;
    }
    let per_second = n as f64 / start.elapsed().as_secs_f64();
    println!("{name:<28} {per_second:>12.0} /s");
}

fn main() {
    let world = world();
    let b = Builder::new(world.registry.clone());
    let decider = ReferenceDecider::new();
    let atomic = single_atomic(&b);
    let mixed = mixed_tree(&b);
    assert_eq!(ovm_core::depth(&mixed.encode(), &world.registry), 4);
    let for_all = for_all_1000(&b);
    assert!(decider.decide(&for_all, &world).is_true());
    let honest = scenario(Variant::Honest);
    rate("single atomic", || {
        black_box(decider.decide(black_box(&atomic), &world));
    });
    rate("depth-4 mixed tree", || {
        black_box(decider.decide(black_box(&mixed), &world));
    });
    rate("ForAll over 1000 candidates", || {
        black_box(decider.decide(black_box(&for_all), &world));
    });
    rate("Plasma exit (honest)", || {
        black_box(decider.decide(black_box(&honest.property), &honest.world));
    });
    rate("id (Plasma exit)", || {
        black_box(black_box(&honest.property).id());
    });
    // The plain evaluator (encodings; the one behind traces), for the ratio.
    rate("plain: ForAll over 1000", || {
        black_box(decider.decide_plain(black_box(&for_all), &world));
    });
    rate("plain: Plasma exit (honest)", || {
        black_box(decider.decide_plain(black_box(&honest.property), &honest.world));
    });
    let nested = nested_keccak(&b, 4096);
    let start = Instant::now();
    let outcome = decider.decide(&nested, &world);
    println!(
        "{:<28} {:>12.3} s ({outcome:?})",
        "nested 4096 x 180 keccak",
        start.elapsed().as_secs_f64()
    );
}
