//! The decider workloads the benches and examples measure, written once: the throughput
//! example and `profile` include this module, and `benches/benches/decider.rs` includes it by
//! path. Each includer uses the workloads it measures.
#![allow(dead_code)]

use ovm_core::{Builder, Bytes, Property, abi, placeholder::placeholder};
use ovm_decider::{World, plasma::hex};

/// The test-address world with two values under KEY bucket `k` (for the mixed tree's
/// ThereExists).
pub fn world() -> World {
    let mut world = World::with_test_addresses();
    world
        .witnesses
        .insert("k", Bytes::from_static(&[1]), abi::encode_uint(7))
        .insert("k", Bytes::from_static(&[1]), abi::encode_uint(9));
    world
}

/// `IsLessThan(1, 2)`.
pub fn single_atomic(b: &Builder) -> Property {
    b.is_less_than(abi::encode_uint(1), abi::encode_uint(2))
}

/// `And(Or(Not(Equal), IsLessThan), ThereExists(k, x, Not(Equal(Vx, 9)))…)`: depth 4.
pub fn mixed_tree(b: &Builder) -> Property {
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

/// The NUMBER hint `name ∈ [0, n)`.
fn numbers(name: &str, n: u64) -> String {
    format!(
        "{name},NUMBER,{}-{}",
        hex(&abi::encode_uint(0)),
        hex(&abi::encode_uint(n))
    )
}

/// `ForAll n in [0, 1000): n < 1000 → n < 2000` (True; every candidate evaluated).
pub fn for_all_1000(b: &Builder) -> Property {
    b.for_all(
        numbers("n", 1000),
        "n",
        b.or([
            b.not(b.is_less_than(placeholder("n"), abi::encode_uint(1000))),
            b.is_less_than(placeholder("n"), abi::encode_uint(2000)),
        ]),
    )
}

/// `ForAll(a ∈ NUMBER 0..outer: a ≥ outer ∨ ForAll(b ∈ NUMBER 0..180: b ≥ 180 ∨ keccak(b) ≠ a))`,
/// the nested keccak claim of issue 12 (True; with `outer` = 4096 about 3.7 million distinct
/// sub-decisions).
pub fn nested_keccak(b: &Builder, outer: u64) -> Property {
    b.for_all(
        numbers("n", outer),
        "a",
        b.or([
            b.not(b.is_less_than(placeholder("a"), abi::encode_uint(outer)))
                .encode(),
            b.for_all(
                numbers("n", 180),
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
/// sub-decisions, so the default work bound (2^24) stops it.
pub fn square(b: &Builder) -> Property {
    b.for_all(
        numbers("n", 4096),
        "x",
        b.for_all(
            numbers("n", 4096),
            "y",
            b.or([
                b.equal(placeholder("x"), placeholder("y")),
                b.not(b.equal(placeholder("x"), placeholder("y"))),
            ]),
        ),
    )
}
