//! One workload for a profiler: `valgrind --tool=callgrind target/release/examples/profile
//! [forall|atomic|plasma|nested|nested-full|bound]` (instruction counts per function).

mod workloads;

use ovm_core::Builder;
use ovm_decider::{
    Decider, ReferenceDecider, World,
    plasma::{Variant, scenario},
};
use std::hint::black_box;
use workloads::{for_all_1000, nested_keccak, single_atomic, square};

fn main() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "forall".into());
    let world = World::with_test_addresses();
    let b = Builder::new(world.registry.clone());
    let decider = ReferenceDecider::new();
    let honest = scenario(Variant::Honest);
    let (property, world, rounds) = match which.as_str() {
        "atomic" => (single_atomic(&b), &world, 20_000),
        "plasma" => (honest.property.clone(), &honest.world, 200),
        "nested" => (nested_keccak(&b, 256), &world, 1),
        "nested-full" => (nested_keccak(&b, 4096), &world, 1),
        // More than 2^24 distinct sub-decisions: runs into the work bound.
        "bound" => (square(&b), &world, 1),
        _ => (for_all_1000(&b), &world, 20),
    };
    let start = std::time::Instant::now();
    let mut outcome = None;
    for _ in 0..rounds {
        outcome = Some(black_box(decider.decide(black_box(&property), world)));
    }
    if rounds == 1 {
        println!(
            "{which}: {:?} in {:.3} s",
            outcome.unwrap(),
            start.elapsed().as_secs_f64()
        );
    }
}
