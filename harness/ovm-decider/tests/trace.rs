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

/// A claim of over 110,000 sub-decisions is traced up to the cap: the trace holds at most
/// `MAX_TRACE_NODES` nodes, counts the rest, keeps the bindings of what it records, and the
/// outcome is still `decide`'s.
#[test]
fn traces_stop_recording_at_the_node_cap() {
    use ovm_core::abi;
    use ovm_decider::{MAX_TRACE_NODES, plasma::hex};
    let world = World::with_test_addresses();
    let b = Builder::new(world.registry.clone());
    let range = |v: &str, n: u64| {
        format!(
            "{v},NUMBER,{}-{}",
            hex(&abi::encode_uint(0)),
            hex(&abi::encode_uint(n))
        )
    };
    // ForAll a < 200: ForAll b < 200: ¬(a = 200 ∧ b = a) (True; every instance distinct).
    let p = b.for_all(
        range("a", 200),
        "a",
        b.for_all(
            range("b", 200),
            "b",
            b.not(b.and([
                b.equal(placeholder("a"), abi::encode_uint(200)),
                b.equal(placeholder("b"), placeholder("a")),
            ])),
        ),
    );
    let decider = ReferenceDecider::new();
    let (outcome, trace) = decider.decide_traced(&p, &world);
    assert_eq!(outcome, decider.decide(&p, &world));
    assert!(outcome.is_true(), "{outcome:?}");
    assert!(
        trace.root.size() <= MAX_TRACE_NODES,
        "{}",
        trace.root.size()
    );
    assert!(trace.untraced > 20_000, "{}", trace.untraced);
    let total = trace.root.size() as u64 + trace.untraced;
    assert!(total > 110_000, "{total}");
    let first = trace.root.children[0]
        .binding
        .as_deref()
        .unwrap_or_default();
    assert!(first.starts_with("a = 0x0000"), "{first}");
    assert!(trace.to_string().ends_with(&format!(
        "… {} more sub-decision(s) not traced (a trace keeps at most {MAX_TRACE_NODES})\n",
        trace.untraced
    )));
}
