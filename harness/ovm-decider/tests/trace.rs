//! Traces: the tree mirrors the evaluation, prints indented, and locates divergences.

use ovm_core::{Builder, Bytes, placeholder::placeholder};
use ovm_decider::{Decider, ReferenceDecider, World};

#[test]
fn trace_tree_and_divergence() {
    let mut world = World::with_test_addresses();
    world
        .witnesses
        .insert("k", Bytes::from_static(&[1]), Bytes::from_static(&[7]));
    let b = Builder::new(world.registry.clone());
    let p = b.and([
        b.equal(Bytes::from_static(&[1]), Bytes::from_static(&[1])),
        b.there_exists(
            "k,KEY,0x01",
            "x",
            b.equal(placeholder("x"), Bytes::from_static(&[7])),
        ),
    ]);
    let decider = ReferenceDecider::new();
    let (outcome, trace) = decider.decide_traced(&p, &world);
    assert_eq!(outcome, decider.decide(&p, &world));
    assert_eq!(trace.root.label, "And");
    assert_eq!(trace.root.children.len(), 2);
    assert_eq!(
        trace.root.children[1].children[0].binding.as_deref(),
        Some("x = 0x07")
    );
    let text = trace.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("And("));
    assert!(lines[2].starts_with("  ThereExists("));
    assert!(lines[3].starts_with("    [x = 0x07] Equal("));
    assert_eq!(trace.root.first_difference(&trace.root), None);

    // Another world: the candidate changes, so the first divergence is the instance node.
    let mut other = world.clone();
    other.witnesses = Default::default();
    other
        .witnesses
        .insert("k", Bytes::from_static(&[1]), Bytes::from_static(&[8]));
    let (_, trace2) = decider.decide_traced(&p, &other);
    assert_eq!(trace.root.first_difference(&trace2.root), Some(vec![1, 0]));
}
