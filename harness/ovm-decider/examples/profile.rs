//! One workload for a profiler: `valgrind --tool=callgrind target/release/examples/profile
//! [forall|atomic|plasma|nested|nested-full|bound]` (instruction counts per function).

use ovm_core::{Builder, Bytes, Property, abi, placeholder::placeholder};
use ovm_decider::{
    Decider, ReferenceDecider, World,
    plasma::{Variant, hex, scenario},
};
use std::hint::black_box;

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

/// The nested keccak claim of issue 12 with `outer` values of `a`.
fn nested(b: &Builder, outer: u64) -> Property {
    let range = |n: u64| {
        format!(
            "n,NUMBER,{}-{}",
            hex(&abi::encode_uint(0)),
            hex(&abi::encode_uint(n))
        )
    };
    b.for_all(
        range(outer),
        "a",
        b.or([
            b.not(b.is_less_than(placeholder("a"), abi::encode_uint(outer)))
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

/// `ForAll(x ∈ 0..4096: ForAll(y ∈ 0..4096: x = y ∨ x ≠ y))`: about 2^26 distinct
/// sub-decisions, so the default bound (2^24) stops it.
fn square(b: &Builder) -> Property {
    let range = format!(
        "n,NUMBER,{}-{}",
        hex(&abi::encode_uint(0)),
        hex(&abi::encode_uint(4096))
    );
    b.for_all(
        range.clone(),
        "x",
        b.for_all(
            range,
            "y",
            b.or([
                b.equal(placeholder("x"), placeholder("y")),
                b.not(b.equal(placeholder("x"), placeholder("y"))),
            ]),
        ),
    )
}

fn main() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "forall".into());
    let world = World::with_test_addresses();
    let b = Builder::new(world.registry.clone());
    let decider = ReferenceDecider::new();
    let honest = scenario(Variant::Honest);
    let (property, world, rounds) = match which.as_str() {
        "atomic" => (
            b.is_less_than(abi::encode_uint(1), abi::encode_uint(2)),
            &world,
            20_000,
        ),
        "plasma" => (honest.property.clone(), &honest.world, 200),
        "nested" => (nested(&b, 256), &world, 1),
        "nested-full" => (nested(&b, 4096), &world, 1),
        // More than 2^24 distinct sub-decisions: runs into the work bound.
        "bound" => (square(&b), &world, 1),
        _ => (for_all_1000(&b), &world, 20),
    };
    let _ = Bytes::new();
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
