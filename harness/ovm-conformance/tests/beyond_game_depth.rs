//! Both halves at the edges (SPEC-DECISIONS "Beyond game depth"): `decideWithWitness` of a
//! Not, And or Or deeper than any game (depth > 34) is `false`, and the `ForAll.subst` view
//! answers empty bytes for an `x` deeper than 34. Before the rule the contracts reverted here
//! (`subst` overflowed the EVM stack at about 42 levels; `(Not Not)^200` ran out of gas over
//! 200 nested calls) while the Rust mirror answered.

use ovm_chain::{Chain, bindings::ForAllSuchThatQuantifier};
use ovm_conformance::{Mirrors, ReferenceMirrors};
use ovm_core::{Builder, Bytes, Property, abi, depth};
use ovm_decider::World;
use rstest::rstest;

/// `Not^n` around `inner`.
fn nots(b: &Builder, inner: impl Into<Bytes>, n: usize) -> Property {
    let mut p = b.not(inner.into());
    for _ in 1..n {
        p = b.not(&p);
    }
    p
}

/// `Equal(0x01, 0x01)`, True.
fn one_is_one(b: &Builder) -> Property {
    b.equal(Bytes::from_static(&[1]), Bytes::from_static(&[1]))
}

/// `abi.encode(bytes[])` of `items`.
fn bytes_array(items: &[Bytes]) -> Bytes {
    abi::encode_bytes_array(items)
}

/// (property, witness, its depth, decideWithWitness on both halves)
type Case = (Property, Vec<Bytes>, u32, bool);

#[rstest]
#[case::and_at_game_depth(|b: &Builder| {
    (b.and([nots(b, one_is_one(b), 32)]), vec![bytes_array(&[])], 34, true)
})]
#[case::not_peeling_past_game_depth(|b: &Builder| {
    (nots(b, one_is_one(b), 34), vec![], 35, false)
})]
#[case::and_past_game_depth(|b: &Builder| {
    (b.and([nots(b, one_is_one(b), 34)]), vec![bytes_array(&[])], 35, false)
})]
#[case::or_past_game_depth(|b: &Builder| {
    (b.or([nots(b, one_is_one(b), 34)]), vec![abi::encode_uint(0)], 35, false)
})]
#[case::not_not_200_times(|b: &Builder| {
    (nots(b, one_is_one(b), 400), vec![], 35, false)
})]
fn decide_with_witness_is_false_beyond_game_depth(#[case] case: impl Fn(&Builder) -> Case) {
    let mut chain = Chain::deployed(7).expect("deployed");
    let registry = chain.deployment().expect("deployed").registry();
    let b = Builder::new(registry.clone());
    let (p, w, expected_depth, expected) = case(&b);
    assert_eq!(depth(&p.encode(), &registry), expected_depth);
    let world = World::new(registry);
    assert_eq!(
        ReferenceMirrors.decide_with_witness(&world, &p, &w),
        expected
    );
    assert_eq!(chain.decide_with_witness(&p, &w).unwrap(), expected);
}

#[rstest]
#[case::at_game_depth(34, true)]
#[case::past_game_depth(35, false)]
#[case::far_past_it(400, false)]
fn subst_view_answers_only_within_game_depth(#[case] levels: usize, #[case] substituted: bool) {
    let mut chain = Chain::deployed(7).expect("deployed");
    let d = *chain.deployment().expect("deployed");
    let registry = d.registry();
    let b = Builder::new(registry.clone());
    let x = nots(&b, Bytes::from_static(b"Vx"), levels).encode();
    let (name, v) = (Bytes::from_static(b"x"), abi::encode_uint(1));
    let rust = ReferenceMirrors.subst(&x, &name, &v, &registry);
    let expected = if substituted {
        ovm_core::subst(&x, &name, &v, &registry)
    } else {
        Bytes::new()
    };
    assert_eq!(rust, expected);
    assert_ne!(substituted, rust.is_empty());
    let call = ForAllSuchThatQuantifier::substCall { x, name, v };
    assert_eq!(chain.view(d.for_all, &call).unwrap(), expected);
}
