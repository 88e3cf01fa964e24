//! A quick, criterion-free equivalent of `benches/benches/decider.rs`: decisions per second
//! for a single atomic, a depth-4 mixed tree, a ForAll over 1,000 candidates and the Plasma
//! exit, and `id` per second.
//!
//! `cargo run --release -p ovm-decider --example decider_throughput`.

use ovm_core::{Builder, Bytes, Property, abi, placeholder::placeholder};
use ovm_decider::{
    Decider, ReferenceDecider, World,
    plasma::{Variant, hex, scenario},
};
use std::{hint::black_box, time::Instant};

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
    let mut world = World::with_test_addresses();
    world
        .witnesses
        .insert("k", Bytes::from_static(&[1]), abi::encode_uint(7))
        .insert("k", Bytes::from_static(&[1]), abi::encode_uint(9));
    let b = Builder::new(world.registry.clone());
    let decider = ReferenceDecider::new();
    let atomic = b.is_less_than(abi::encode_uint(1), abi::encode_uint(2));
    let mixed = b.and([
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
    ]);
    assert_eq!(ovm_core::depth(&mixed.encode(), &world.registry), 4);
    let for_all: Property = b.for_all(
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
    );
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
    let nested = nested_keccak(&b);
    let start = Instant::now();
    let outcome = decider.decide(&nested, &world);
    println!(
        "{:<28} {:>12.3} s ({outcome:?})",
        "nested 4096 x 180 keccak",
        start.elapsed().as_secs_f64()
    );
}

/// `ForAll(a ∈ NUMBER 0..4096: a ≥ 4096 ∨ ForAll(b ∈ NUMBER 0..180: b ≥ 180 ∨ keccak(b) ≠ a))`
/// (issue 12): True, about 3.7 million distinct sub-decisions.
pub fn nested_keccak(b: &Builder) -> Property {
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
