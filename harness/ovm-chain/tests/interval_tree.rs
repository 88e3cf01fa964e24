//! Spec §5.1 through `VerifyInclusion`, with trees and proofs from `ovm_core::interval_tree`:
//! single leaf, odd levels, every leaf of several tree sizes, range edges, stray path bits,
//! sibling order, non-canonical proofs.

mod common;

use alloy_primitives::{B256, Bytes, U256};
use common::*;
use ovm_chain::Chain;
use ovm_core::{
    Builder, InclusionProof, IntervalTree, Property, TreeNode,
    abi::{self, Range},
};
use rstest::rstest;

fn leaves(n: usize) -> Vec<(Vec<u8>, U256)> {
    (0..n)
        .map(|i| {
            (
                format!("leaf {i}").into_bytes(),
                U256::from(10 * i as u64 + 3),
            )
        })
        .collect()
}

fn inclusion(
    b: &Builder,
    leaf: &[u8],
    range: Range,
    proof: &InclusionProof,
    root: B256,
) -> Property {
    b.verify_inclusion(
        Bytes::copy_from_slice(leaf),
        range.encode(),
        proof.encode(),
        abi::encode_b256(root),
    )
}

fn on_chain(chain: &mut Chain, p: &Property) -> bool {
    chain.decide(p).unwrap()
}

/// The implicit end of leaf `i` in a tree of `leaves`: the next leaf's start, or 2^256-1.
fn implicit_end(leaves: &[(Vec<u8>, U256)], i: usize) -> U256 {
    leaves.get(i + 1).map_or(U256::MAX, |l| l.1)
}

#[rstest]
fn every_leaf_verifies_with_its_whole_interval(#[values(1, 2, 3, 4, 5, 7, 8, 9, 16, 17)] n: usize) {
    let (mut chain, _, b) = setup();
    let leaves = leaves(n);
    let tree = IntervalTree::new(leaves.iter().map(|(l, s)| (l.as_slice(), *s))).unwrap();
    for (i, (leaf, start)) in leaves.iter().enumerate() {
        let proof = tree.proof(i).unwrap();
        let end = implicit_end(&leaves, i);
        let whole = Range::new(*start, end);
        let p = inclusion(&b, leaf, whole, &proof, tree.root());
        assert!(on_chain(&mut chain, &p), "n={n} leaf {i}");
        assert!(proof.verifies(leaf, &whole, tree.root()));
        // Beyond the implicit end (when there is a next leaf) or before the leaf start: false.
        if end != U256::MAX {
            let beyond = Range::new(*start, end + U256::ONE);
            assert!(
                !on_chain(
                    &mut chain,
                    &inclusion(&b, leaf, beyond, &proof, tree.root())
                ),
                "n={n} leaf {i} beyond end"
            );
        }
        if *start > U256::ZERO {
            let before = Range::new(*start - U256::ONE, end);
            assert!(
                !on_chain(
                    &mut chain,
                    &inclusion(&b, leaf, before, &proof, tree.root())
                ),
                "n={n} leaf {i} before start"
            );
        }
        // Another leaf's bytes with this proof: false.
        let other = b"not a leaf";
        assert!(!on_chain(
            &mut chain,
            &inclusion(&b, other, whole, &proof, tree.root())
        ));
    }
}

#[test]
fn single_leaf_root_is_its_hash_and_extends_to_max() {
    let (mut chain, _, b) = setup();
    let tree = IntervalTree::new([(b"only".as_slice(), U256::from(5))]).unwrap();
    assert_eq!(tree.root(), TreeNode::leaf(b"only", U256::from(5)).hash);
    let proof = tree.proof(0).unwrap();
    assert!(proof.siblings.is_empty());
    let p = inclusion(
        &b,
        b"only",
        Range::new(U256::from(5), U256::MAX),
        &proof,
        tree.root(),
    );
    assert!(on_chain(&mut chain, &p));
    let p = inclusion(&b, b"only", Range::from_u64(6, 7), &proof, tree.root());
    assert!(on_chain(&mut chain, &p));
    let p = inclusion(&b, b"only", Range::from_u64(4, 7), &proof, tree.root());
    assert!(!on_chain(&mut chain, &p));
}

#[test]
fn odd_last_node_is_promoted() {
    // Three leaves: level 1 = [parent(l0, l1), l2]; l2's proof has one sibling (the parent).
    let leaves = leaves(3);
    let tree = IntervalTree::new(leaves.iter().map(|(l, s)| (l.as_slice(), *s))).unwrap();
    let proof = tree.proof(2).unwrap();
    assert_eq!(proof.siblings.len(), 1);
    assert_eq!(proof.path, U256::ONE);
    let l0 = TreeNode::leaf(&leaves[0].0, leaves[0].1);
    let l1 = TreeNode::leaf(&leaves[1].0, leaves[1].1);
    let l2 = TreeNode::leaf(&leaves[2].0, leaves[2].1);
    assert_eq!(
        tree.root(),
        TreeNode::parent(&TreeNode::parent(&l0, &l1), &l2).hash
    );
    let (mut chain, _, b) = setup();
    let p = inclusion(
        &b,
        &leaves[2].0,
        Range::new(leaves[2].1, U256::MAX),
        &proof,
        tree.root(),
    );
    assert!(on_chain(&mut chain, &p));
}

/// A property of the 5-leaf tree's leaf 1, with the proof changed by `tamper`.
fn tampered(b: &Builder, tamper: impl Fn(&mut InclusionProof)) -> Property {
    let leaves = leaves(5);
    let tree = IntervalTree::new(leaves.iter().map(|(l, s)| (l.as_slice(), *s))).unwrap();
    let mut proof = tree.proof(1).unwrap();
    tamper(&mut proof);
    inclusion(
        b,
        &leaves[1].0,
        Range::new(leaves[1].1, leaves[2].1),
        &proof,
        tree.root(),
    )
}

#[rstest]
#[case::untouched(true, |_: &mut InclusionProof| {})]
#[case::stray_path_bit(false, |p: &mut InclusionProof| p.path.set_bit(p.siblings.len(), true))]
#[case::stray_high_path_bit(false, |p: &mut InclusionProof| p.path.set_bit(255, true))]
#[case::flipped_side(false, |p: &mut InclusionProof| p.path ^= U256::from(2))]
#[case::wrong_leaf_start(false, |p: &mut InclusionProof| p.leaf_start += U256::ONE)]
#[case::left_sibling_start_not_below(false, |p: &mut InclusionProof| p.siblings[0].start = p.leaf_start)]
#[case::right_sibling_start_not_above(false, |p: &mut InclusionProof| p.siblings[1].start = U256::ZERO)]
#[case::sibling_hash(false, |p: &mut InclusionProof| p.siblings[0].hash = B256::repeat_byte(1))]
#[case::dropped_sibling(false, |p: &mut InclusionProof| { p.siblings.pop(); })]
#[case::extra_sibling(false, |p: &mut InclusionProof| p.siblings.push(TreeNode { hash: B256::ZERO, start: U256::MAX }))]
fn tampered_proofs(#[case] expected: bool, #[case] tamper: fn(&mut InclusionProof)) {
    let (mut chain, _, b) = setup();
    let p = tampered(&b, tamper);
    assert_eq!(on_chain(&mut chain, &p), expected);
}

/// Leaf 1 of the 5-leaf tree with one input replaced.
fn with_input(b: &Builder, index: usize, value: Bytes) -> Property {
    let mut p = tampered(b, |_| {});
    p.inputs[index] = value;
    p
}

#[rstest]
#[case::range_empty(1, Range::from_u64(13, 13).encode())]
#[case::range_inverted(1, Range::from_u64(20, 13).encode())]
#[case::range_63_bytes(1, Bytes::copy_from_slice(&Range::from_u64(13, 23).encode()[..63]))]
#[case::root_31_bytes(3, Bytes::from(vec![0u8; 31]))]
#[case::root_wrong(3, abi::encode_b256(B256::repeat_byte(9)))]
#[case::proof_empty(2, Bytes::new())]
#[case::proof_garbage(2, Bytes::from(vec![0xffu8; 96]))]
fn malformed_inputs(#[case] index: usize, #[case] value: Bytes) {
    let (mut chain, _, b) = setup();
    assert!(on_chain(&mut chain, &tampered(&b, |_| {})));
    assert!(!on_chain(&mut chain, &with_input(&b, index, value)));
}

#[test]
fn non_canonical_proof_encodings_are_false() {
    let (mut chain, _, b) = setup();
    let good = tampered(&b, |_| {});
    let proof = good.inputs[2].to_vec();
    // Trailing word.
    let mut t = proof.clone();
    t.extend([0u8; 32]);
    assert!(!on_chain(&mut chain, &with_input(&b, 2, t.into())));
    // Head offset not 0x20.
    let mut t = proof.clone();
    t[31] = 0x40;
    assert!(!on_chain(&mut chain, &with_input(&b, 2, t.into())));
    // Siblings offset not 0x60.
    let mut t = proof.clone();
    t[32 * 3 + 31] = 0x80;
    assert!(!on_chain(&mut chain, &with_input(&b, 2, t.into())));
    // Truncated.
    assert!(!on_chain(
        &mut chain,
        &with_input(&b, 2, proof[..proof.len() - 32].to_vec().into())
    ));
}

#[test]
fn wrong_input_count_is_false() {
    let (mut chain, d, b) = setup();
    let good = tampered(&b, |_| {});
    let p = b.at(d.verify_inclusion, good.inputs[..3].to_vec());
    assert!(!on_chain(&mut chain, &p));
    let mut five = good.inputs.clone();
    five.push(Bytes::new());
    assert!(!on_chain(&mut chain, &b.at(d.verify_inclusion, five)));
}

#[test]
fn truth_drives_decide_true_and_false() {
    let (mut chain, _, b) = setup();
    let good = tampered(&b, |_| {});
    let bad = tampered(&b, |p| p.path.set_bit(200, true));
    claim(&mut chain, &good);
    claim(&mut chain, &bad);
    assert_eq!(
        chain.decide_true(ALICE, &good).unwrap().events,
        vec![atomic_decided(&good, true)]
    );
    assert_eq!(
        chain.decide_false(ALICE, &bad).unwrap().events,
        vec![atomic_decided(&bad, false)]
    );
}

#[rstest]
#[case::left_equal_start(true, 5, 5)]
#[case::left_above_start(true, 6, 5)]
#[case::left_below_start_ok(true, 4, 5)]
#[case::right_equal_start(false, 5, 5)]
#[case::right_below_start(false, 4, 5)]
#[case::right_above_start_ok(false, 6, 5)]
fn order_checks_hold_even_when_the_root_matches(
    #[case] left: bool,
    #[case] sibling_start: u64,
    #[case] leaf_start: u64,
) {
    // A one-sibling proof whose root is computed honestly from the (possibly mis-ordered) pair,
    // so only the start-order rule can reject it.
    let (mut chain, _, b) = setup();
    let leaf = b"leaf";
    let node = TreeNode::leaf(leaf, U256::from(leaf_start));
    let sibling = TreeNode {
        hash: B256::repeat_byte(0x11),
        start: U256::from(sibling_start),
    };
    let (root, path) = if left {
        (TreeNode::parent(&sibling, &node).hash, U256::ONE)
    } else {
        (TreeNode::parent(&node, &sibling).hash, U256::ZERO)
    };
    let proof = InclusionProof {
        leaf_start: U256::from(leaf_start),
        path,
        siblings: vec![sibling],
    };
    let ordered = if left {
        sibling_start < leaf_start
    } else {
        sibling_start > leaf_start
    };
    let end = if left {
        U256::MAX
    } else {
        U256::from(sibling_start.max(leaf_start + 1))
    };
    let range = Range::new(U256::from(leaf_start), end);
    assert_eq!(
        on_chain(&mut chain, &inclusion(&b, leaf, range, &proof, root)),
        ordered
    );
    assert_eq!(proof.verifies(leaf, &range, root), ordered);
}

#[rstest]
#[case::at_most_256_siblings(256, true)]
#[case::more_than_256_siblings(257, false)]
fn sibling_count_limit(#[case] count: u64, #[case] expected: bool) {
    // Right siblings only (path = 0), starts increasing above the leaf start: a well-ordered
    // fold whose root is computed honestly, so only the 256-sibling limit can reject it.
    let (mut chain, _, b) = setup();
    let leaf = b"leaf";
    let mut node = TreeNode::leaf(leaf, U256::ZERO);
    let siblings: Vec<TreeNode> = (1..=count)
        .map(|i| TreeNode {
            hash: B256::with_last_byte(i as u8),
            start: U256::from(i),
        })
        .collect();
    for s in &siblings {
        node = TreeNode::parent(&node, s);
    }
    let proof = InclusionProof {
        leaf_start: U256::ZERO,
        path: U256::ZERO,
        siblings,
    };
    let range = Range::from_u64(0, 1);
    assert_eq!(
        proof.verifies(leaf, &range, node.hash),
        expected,
        "ovm_core"
    );
    assert_eq!(
        on_chain(&mut chain, &inclusion(&b, leaf, range, &proof, node.hash)),
        expected,
        "on-chain"
    );
}
