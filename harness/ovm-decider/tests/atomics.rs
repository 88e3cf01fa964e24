//! The nine atomics (spec §5), malformed inputs included, and IsStored's three values.

use ovm_core::{
    Address, AtomicKind, B256, Bytes, IntervalTree, U256, abi, abi::Range, keccak256,
    signing::Signer,
};
use ovm_decider::{Decider, Outcome, ReferenceDecider, Truth, UnknownReason, World, atomic};
use rstest::rstest;

fn world() -> World {
    let mut world = World::with_test_addresses();
    let cc = world.registry.storages().next().unwrap();
    world
        .storage
        .submit_root(cc, U256::from(5), B256::repeat_byte(0xab))
        .unwrap();
    world
}

fn eval(kind: AtomicKind, inputs: &[Bytes]) -> Truth {
    atomic::evaluate(kind, inputs, &world())
}

fn b(v: &[u8]) -> Bytes {
    Bytes::copy_from_slice(v)
}

fn word(v: u64) -> Bytes {
    abi::encode_uint(v)
}

fn range(s: u64, e: u64) -> Bytes {
    Range::from_u64(s, e).encode()
}

#[rstest]
#[case::equal(AtomicKind::Equal, vec![b(b"a"), b(b"a")], true)]
#[case::equal_empty(AtomicKind::Equal, vec![b(b""), b(b"")], true)]
#[case::unequal(AtomicKind::Equal, vec![b(b"a"), b(b"b")], false)]
#[case::equal_three(AtomicKind::Equal, vec![b(b"a"), b(b"a"), b(b"a")], false)]
#[case::lt(AtomicKind::IsLessThan, vec![word(1), word(2)], true)]
#[case::lt_equal(AtomicKind::IsLessThan, vec![word(2), word(2)], false)]
#[case::lt_short(AtomicKind::IsLessThan, vec![b(&[1]), word(2)], false)]
#[case::lt_long(AtomicKind::IsLessThan, vec![word(1), b(&[0; 33])], false)]
#[case::preimage(AtomicKind::IsHashPreimage, vec![abi::encode_b256(keccak256(b"x")), b(b"x")], true)]
#[case::preimage_wrong(AtomicKind::IsHashPreimage, vec![abi::encode_b256(keccak256(b"x")), b(b"y")], false)]
#[case::preimage_short_hash(AtomicKind::IsHashPreimage, vec![b(&keccak256(b"x")[..31]), b(b"x")], false)]
#[case::contained(AtomicKind::IsContained, vec![range(2, 4), range(0, 4)], true)]
#[case::contained_reversed(AtomicKind::IsContained, vec![range(0, 4), range(2, 4)], false)]
#[case::contained_invalid(AtomicKind::IsContained, vec![range(3, 3), range(0, 4)], false)]
#[case::contained_short(AtomicKind::IsContained, vec![b(&range(2, 4)[..63]), range(0, 4)], false)]
#[case::intersect(AtomicKind::HasIntersection, vec![range(0, 4), range(3, 9)], true)]
#[case::touch(AtomicKind::HasIntersection, vec![range(0, 4), range(4, 9)], false)]
#[case::intersect_invalid(AtomicKind::HasIntersection, vec![range(5, 1), range(0, 9)], false)]
#[case::same(AtomicKind::IsSameAmount, vec![range(0, 4), range(10, 14)], true)]
#[case::not_same(AtomicKind::IsSameAmount, vec![range(0, 4), range(10, 15)], false)]
#[case::same_invalid(AtomicKind::IsSameAmount, vec![range(4, 4), range(10, 10)], false)]
#[case::stored_one(AtomicKind::IsStored, vec![word(0)], false)]
fn atomic_table(#[case] kind: AtomicKind, #[case] inputs: Vec<Bytes>, #[case] expected: bool) {
    assert_eq!(eval(kind, &inputs), Truth::from_bool(expected));
}

#[test]
fn wrong_input_counts_are_false() {
    for kind in AtomicKind::ALL {
        for count in [0usize, 1, 5] {
            if (kind, count) == (AtomicKind::IsStored, 5) {
                continue;
            }
            assert_eq!(
                eval(kind, &vec![word(1); count]),
                Truth::False,
                "{kind:?} {count}"
            );
        }
    }
}

#[test]
fn signatures() {
    let signer = Signer::from_seed(3);
    let sig = b(&signer.sign(b"msg"));
    let tag = b(b"secp256k1");
    let ok = vec![b(b"msg"), sig.clone(), signer.address_word(), tag.clone()];
    assert_eq!(eval(AtomicKind::IsValidSignature, &ok), Truth::True);
    let mut wrong_tag = ok.clone();
    wrong_tag[3] = b(b"secp256k1\0");
    assert_eq!(eval(AtomicKind::IsValidSignature, &wrong_tag), Truth::False);
    let mut upper = ok.clone();
    upper[3] = b(b"SECP256K1");
    assert_eq!(eval(AtomicKind::IsValidSignature, &upper), Truth::False);
    let mut other_msg = ok.clone();
    other_msg[0] = b(b"msh");
    assert_eq!(eval(AtomicKind::IsValidSignature, &other_msg), Truth::False);
    let mut v_raw = sig.to_vec();
    v_raw[64] -= 27;
    let mut bad_v = ok.clone();
    bad_v[1] = v_raw.into();
    assert_eq!(eval(AtomicKind::IsValidSignature, &bad_v), Truth::False);
    // Zero signer with garbage: the 2020 bug.
    let mut garbage = [0x11u8; 65];
    garbage[64] = 27;
    let zero = vec![
        b(b"msg"),
        b(&garbage),
        abi::encode_address(Address::ZERO),
        tag.clone(),
    ];
    assert_eq!(eval(AtomicKind::IsValidSignature, &zero), Truth::False);
    let mut dirty = signer.address_word().to_vec();
    dirty[0] = 1;
    let mut dirty_signer = ok.clone();
    dirty_signer[2] = dirty.into();
    assert_eq!(
        eval(AtomicKind::IsValidSignature, &dirty_signer),
        Truth::False
    );
    assert_eq!(eval(AtomicKind::IsValidSignature, &ok[..3]), Truth::False);
}

#[test]
fn inclusion() {
    let tree = IntervalTree::new([
        (b"a", U256::from(0)),
        (b"b", U256::from(10)),
        (b"c", U256::from(20)),
    ])
    .unwrap();
    let proof = tree.proof(1).unwrap();
    let root = abi::encode_b256(tree.root());
    let ok = vec![b(b"b"), range(10, 20), proof.encode(), root.clone()];
    assert_eq!(eval(AtomicKind::VerifyInclusion, &ok), Truth::True);
    let mut beyond = ok.clone();
    beyond[1] = range(10, 21);
    assert_eq!(eval(AtomicKind::VerifyInclusion, &beyond), Truth::False);
    let mut invalid_range = ok.clone();
    invalid_range[1] = range(12, 12);
    assert_eq!(
        eval(AtomicKind::VerifyInclusion, &invalid_range),
        Truth::False
    );
    let mut trailing = proof.encode().to_vec();
    trailing.extend([0u8; 32]);
    let mut non_canonical = ok.clone();
    non_canonical[2] = trailing.into();
    assert_eq!(
        eval(AtomicKind::VerifyInclusion, &non_canonical),
        Truth::False
    );
    let mut wrong_root = ok.clone();
    wrong_root[3] = abi::encode_b256(B256::repeat_byte(1));
    assert_eq!(eval(AtomicKind::VerifyInclusion, &wrong_root), Truth::False);
    let mut short_root = ok.clone();
    short_root[3] = b(&root[..31]);
    assert_eq!(eval(AtomicKind::VerifyInclusion, &short_root), Truth::False);
    let mut other_leaf = ok;
    other_leaf[0] = b(b"a");
    assert_eq!(eval(AtomicKind::VerifyInclusion, &other_leaf), Truth::False);
}

#[test]
fn is_stored_is_three_valued() {
    let world = world();
    let cc = world.registry.storages().next().unwrap();
    let cc_word = abi::encode_address(cc);
    let root = abi::encode_b256(B256::repeat_byte(0xab));
    let is = |inputs: Vec<Bytes>| atomic::evaluate(AtomicKind::IsStored, &inputs, &world);
    assert_eq!(
        is(vec![cc_word.clone(), word(5), root.clone()]),
        Truth::True
    );
    assert_eq!(is(vec![cc_word.clone(), word(5), word(0)]), Truth::False);
    // Written, compared with the unwrapped abi.encode(root), not abi.encode(bytes).
    assert_eq!(
        is(vec![
            cc_word.clone(),
            word(5),
            [word(32), word(32), root.clone()].concat().into()
        ]),
        Truth::False
    );
    assert_eq!(
        is(vec![cc_word.clone(), word(6), root.clone()]),
        Truth::Undefined
    );
    assert_eq!(
        is(vec![cc_word.clone(), word(4), root.clone()]),
        Truth::Undefined
    );
    // The key must be exactly 32 bytes: the call fails.
    assert_eq!(
        is(vec![cc_word.clone(), b(&[5]), root.clone()]),
        Truth::False
    );
    assert_eq!(
        is(vec![cc_word.clone(), b(&[0; 33]), root.clone()]),
        Truth::False
    );
    // Not a registered storage, or not a canonical address word.
    let other = abi::encode_address(Address::repeat_byte(7));
    assert_eq!(is(vec![other, word(5), root.clone()]), Truth::False);
    let mut dirty = cc_word.to_vec();
    dirty[0] = 1;
    assert_eq!(is(vec![dirty.into(), word(5), root.clone()]), Truth::False);
    assert_eq!(
        is(vec![b(cc.as_slice()), word(5), root.clone()]),
        Truth::False
    );
    // Through the decider: Unknown (undefined), no pin; decide_with_witness is false.
    let bld = ovm_core::Builder::new(world.registry.clone());
    let p = bld.is_stored(cc, word(6), root);
    assert_eq!(
        ReferenceDecider::new().decide(&p, &world),
        Outcome::Unknown {
            why: UnknownReason::NotWritten {
                storage: cc,
                key: word(6)
            },
            pin: None
        }
    );
    assert!(!ovm_decider::decide_with_witness(&world, &p, &[]));
    // Not(IsStored unwritten) pins its one challenge.
    let not = bld.not(&p);
    assert_eq!(
        ReferenceDecider::new()
            .decide(&not, &world)
            .pin()
            .unwrap()
            .property,
        p
    );
}

#[test]
fn storage_mirror_rules() {
    let mut world = world();
    let cc = world.registry.storages().next().unwrap();
    assert_eq!(
        world
            .storage
            .submit_root(cc, U256::from(5), B256::repeat_byte(1)),
        Err(ovm_decider::StorageError::BlockNumberNotIncreasing {
            last: U256::from(5),
            given: U256::from(5)
        })
    );
    assert_eq!(
        world.storage.submit_root(cc, U256::from(6), B256::ZERO),
        Err(ovm_decider::StorageError::ZeroRoot)
    );
    assert_eq!(
        world.storage.retrieve(cc, &word(5)),
        ovm_decider::Retrieved::Value(abi::encode_b256(B256::repeat_byte(0xab)))
    );
    assert_eq!(
        world.storage.retrieve(cc, &word(6)),
        ovm_decider::Retrieved::Empty
    );
    assert_eq!(
        world.storage.retrieve(cc, &[5]),
        ovm_decider::Retrieved::Failed
    );
    assert_eq!(
        world.retrieve(Address::repeat_byte(3), &word(5)),
        ovm_decider::Retrieved::Failed
    );
}
