//! Spec §5: every atomic's truth table, malformed inputs included, through `decide`,
//! `decideWithWitness`, `decideTrue`/`decideFalse` and `decideClaimWithWitness`; IsStored's
//! three values and its gas guard.

mod common;

use alloy_primitives::{Address, B256, Bytes, U256, keccak256};
use common::*;
use ovm_chain::{Chain, Deployment, Revert, bindings::IsStoredPredicate};
use ovm_core::{
    Builder, Property,
    abi::{self, Range},
    signing::{MAX_LOW_S, Signer},
};
use rstest::rstest;

/// Three-valued truth of an atomic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Truth {
    True,
    False,
    Undefined,
}
use Truth::*;

/// The Plasma block whose root is submitted before every case.
const SUBMITTED_BLOCK: u64 = 5;

fn root() -> B256 {
    keccak256(b"block 5 root")
}

/// Asserts `p`'s truth through every entry point, each on a fork of `chain`.
fn assert_truth(chain: &Chain, p: &Property, truth: Truth) {
    let is_true = truth == True;
    let mut c = chain.fork();
    assert_eq!(c.decide(p).unwrap(), is_true, "decide");
    assert_eq!(
        c.decide_with_witness(p, &[]).unwrap(),
        is_true,
        "decideWithWitness([])"
    );
    assert_eq!(
        c.decide_with_witness(p, &[raw(b"junk"), uint(1)]).unwrap(),
        is_true,
        "decideWithWitness(junk)"
    );
    claim(&mut c, p);

    let mut t = c.fork();
    let out = t.decide_true(BOB, p).unwrap();
    if is_true {
        assert_eq!(out.result, Ok(()), "decideTrue");
        assert_eq!(out.events, vec![atomic_decided(p, true)]);
    } else {
        assert_eq!(out.result, Err(Revert::NotTrue), "decideTrue");
    }

    let mut f = c.fork();
    let out = f.decide_false(BOB, p).unwrap();
    if truth == False {
        assert_eq!(out.result, Ok(()), "decideFalse");
        assert_eq!(out.events, vec![atomic_decided(p, false)]);
    } else {
        assert_eq!(out.result, Err(Revert::NotFalse), "decideFalse");
    }

    let mut w = c.fork();
    let out = w.decide_claim_with_witness(BOB, p, &[]).unwrap();
    if is_true {
        assert_eq!(out.events, vec![decided(p, true)]);
    } else {
        assert_eq!(out.result, Err(Revert::WitnessRejected { game_id: p.id() }));
    }
}

fn chain_with_root() -> (Chain, Deployment, Builder) {
    let (mut chain, d, b) = setup();
    let out = chain
        .submit_root(d.deployer, U256::from(SUBMITTED_BLOCK), root())
        .unwrap();
    assert!(out.is_ok());
    (chain, d, b)
}

fn range(start: u64, end: u64) -> Bytes {
    Range::from_u64(start, end).encode()
}

fn word_with_high(address: Address, high: u8) -> Bytes {
    let mut w = abi::encode_address(address).to_vec();
    w[0] = high;
    w.into()
}

fn signer() -> Signer {
    Signer::from_seed(42)
}

fn sig_with(mut f: impl FnMut(&mut Vec<u8>)) -> Bytes {
    let mut s = signer().sign(b"spend coin 7").to_vec();
    f(&mut s);
    s.into()
}

const SECP256K1_N: U256 = U256::from_be_bytes(alloy_primitives::hex!(
    "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"
));

#[rstest]
// Equal
#[case::equal_same(with_d(|b, _| (b.equal(raw(b"abc"), raw(b"abc")), True)))]
#[case::equal_empty(with_d(|b, _| (b.equal(raw(b""), raw(b"")), True)))]
#[case::equal_different(with_d(|b, _| (b.equal(raw(b"abc"), raw(b"abd")), False)))]
#[case::equal_prefix(with_d(|b, _| (b.equal(raw(b"ab"), raw(b"abc")), False)))]
#[case::equal_trailing_zero(with_d(|b, _| (b.equal(raw(b"ab"), raw(b"ab\0")), False)))]
#[case::equal_long(with_d(|b, _| (b.equal(raw(&[7; 100]), raw(&[7; 100])), True)))]
#[case::equal_one_input(with_d(|b, d| (b.at(d.equal, [raw(b"a")]), False)))]
#[case::equal_three_inputs(with_d(|b, d| (b.at(d.equal, [raw(b"a"), raw(b"a"), raw(b"a")]), False)))]
#[case::equal_no_inputs(with_d(|b, d| (b.at(d.equal, Vec::<Bytes>::new()), False)))]
// IsLessThan
#[case::less_1_2(with_d(|b, _| (b.is_less_than(uint(1), uint(2)), True)))]
#[case::less_2_1(with_d(|b, _| (b.is_less_than(uint(2), uint(1)), False)))]
#[case::less_equal(with_d(|b, _| (b.is_less_than(uint(3), uint(3)), False)))]
#[case::less_zero_zero(with_d(|b, _| (b.is_less_than(uint(0), uint(0)), False)))]
#[case::less_max(with_d(|b, _| (b.is_less_than(abi::encode_u256(U256::MAX - U256::ONE), abi::encode_u256(U256::MAX)), True)))]
#[case::less_31_bytes(with_d(|b, _| (b.is_less_than(raw(&[0; 31]), uint(2)), False)))]
#[case::less_33_bytes(with_d(|b, _| (b.is_less_than(uint(1), raw(&[1; 33])), False)))]
#[case::less_empty(with_d(|b, _| (b.is_less_than(raw(b""), uint(2)), False)))]
#[case::less_three_inputs(with_d(|b, d| (b.at(d.is_less_than, [uint(1), uint(2), uint(3)]), False)))]
// IsValidSignature
#[case::sig_valid(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), sig_with(|_| ()), signer().address_word()), True)))]
#[case::sig_wrong_message(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 8"), sig_with(|_| ()), signer().address_word()), False)))]
#[case::sig_wrong_signer(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), sig_with(|_| ()), Signer::from_seed(43).address_word()), False)))]
#[case::sig_v_0_or_1(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), sig_with(|s| s[64] -= 27), signer().address_word()), False)))]
#[case::sig_v_29(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), sig_with(|s| s[64] = 29), signer().address_word()), False)))]
#[case::sig_flipped_v(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), sig_with(|s| s[64] = 55 - s[64]), signer().address_word()), False)))]
#[case::sig_high_s(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), sig_with(|s| {
    let low = U256::from_be_slice(&s[32..64]);
    s[32..64].copy_from_slice(&(SECP256K1_N - low).to_be_bytes::<32>());
    s[64] = 55 - s[64];
}), signer().address_word()), False)))]
#[case::sig_64_bytes(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), sig_with(|s| { s.pop(); }), signer().address_word()), False)))]
#[case::sig_66_bytes(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), sig_with(|s| s.push(0)), signer().address_word()), False)))]
#[case::sig_signer_zero_garbage(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), raw(&[[0u8; 64].as_slice(), &[27]].concat()), abi::encode_address(Address::ZERO)), False)))]
#[case::sig_signer_zero_real_sig(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), sig_with(|_| ()), abi::encode_address(Address::ZERO)), False)))]
#[case::sig_signer_dirty_word(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), sig_with(|_| ()), word_with_high(signer().address(), 1)), False)))]
#[case::sig_signer_20_bytes(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), sig_with(|_| ()), raw(signer().address().as_slice())), False)))]
#[case::sig_eip191_prefixed(with_d(|b, _| (b.is_valid_signature(raw(b"spend coin 7"), raw(&signer().sign(b"\x19Ethereum Signed Message:\n12spend coin 7")), signer().address_word()), False)))]
#[case::sig_tag_uppercase(with_d(|b, d| (b.at(d.is_valid_signature, [raw(b"spend coin 7"), sig_with(|_| ()), signer().address_word(), raw(b"SECP256K1")]), False)))]
#[case::sig_tag_nul(with_d(|b, d| (b.at(d.is_valid_signature, [raw(b"spend coin 7"), sig_with(|_| ()), signer().address_word(), raw(b"secp256k1\0")]), False)))]
#[case::sig_three_inputs(with_d(|b, d| (b.at(d.is_valid_signature, [raw(b"spend coin 7"), sig_with(|_| ()), signer().address_word()]), False)))]
#[case::sig_empty_message(with_d(|b, _| (b.is_valid_signature(raw(b""), raw(&signer().sign(b"")), signer().address_word()), True)))]
#[case::sig_s_at_limit_is_checked_not_rejected(with_d(|b, _| {
    // s == MAX_LOW_S passes the s check; the recovered address then decides (random here).
    let mut s = signer().sign(b"m").to_vec();
    s[32..64].copy_from_slice(&MAX_LOW_S.to_be_bytes::<32>());
    (b.is_valid_signature(raw(b"m"), raw(&s), signer().address_word()), False)
}))]
// IsHashPreimage
#[case::preimage_ok(with_d(|b, _| (b.is_hash_preimage(abi::encode_b256(keccak256(b"secret")), raw(b"secret")), True)))]
#[case::preimage_empty(with_d(|b, _| (b.is_hash_preimage(abi::encode_b256(keccak256(b"")), raw(b"")), True)))]
#[case::preimage_wrong(with_d(|b, _| (b.is_hash_preimage(abi::encode_b256(keccak256(b"secret")), raw(b"secreT")), False)))]
#[case::preimage_hash_31(with_d(|b, _| (b.is_hash_preimage(raw(&keccak256(b"secret")[..31]), raw(b"secret")), False)))]
#[case::preimage_hash_33(with_d(|b, _| (b.is_hash_preimage(raw(&[keccak256(b"secret").as_slice(), &[0]].concat()), raw(b"secret")), False)))]
#[case::preimage_one_input(with_d(|b, d| (b.at(d.is_hash_preimage, [abi::encode_b256(keccak256(b"secret"))]), False)))]
// IsContained(sub, outer)
#[case::contained_inside(with_d(|b, _| (b.is_contained(range(3, 5), range(0, 10)), True)))]
#[case::contained_equal(with_d(|b, _| (b.is_contained(range(0, 10), range(0, 10)), True)))]
#[case::contained_touching_start(with_d(|b, _| (b.is_contained(range(0, 1), range(0, 10)), True)))]
#[case::contained_reversed_args(with_d(|b, _| (b.is_contained(range(0, 10), range(3, 5)), False)))]
#[case::contained_overhang_end(with_d(|b, _| (b.is_contained(range(5, 11), range(0, 10)), False)))]
#[case::contained_overhang_start(with_d(|b, _| (b.is_contained(range(2, 5), range(3, 10)), False)))]
#[case::contained_empty_sub(with_d(|b, _| (b.is_contained(range(4, 4), range(0, 10)), False)))]
#[case::contained_inverted_outer(with_d(|b, _| (b.is_contained(range(4, 5), range(10, 0)), False)))]
#[case::contained_63_bytes(with_d(|b, _| (b.is_contained(raw(&range(3, 5)[..63]), range(0, 10)), False)))]
#[case::contained_65_bytes(with_d(|b, _| (b.is_contained(raw(&[range(3, 5).as_ref(), &[0]].concat()), range(0, 10)), False)))]
#[case::contained_three_inputs(with_d(|b, d| (b.at(d.is_contained, [range(3, 5), range(0, 10), range(0, 10)]), False)))]
// HasIntersection
#[case::intersect_overlap(with_d(|b, _| (b.has_intersection(range(0, 5), range(4, 9)), True)))]
#[case::intersect_contained(with_d(|b, _| (b.has_intersection(range(0, 10), range(4, 5)), True)))]
#[case::intersect_touching(with_d(|b, _| (b.has_intersection(range(0, 5), range(5, 9)), False)))]
#[case::intersect_touching_reversed(with_d(|b, _| (b.has_intersection(range(5, 9), range(0, 5)), False)))]
#[case::intersect_disjoint(with_d(|b, _| (b.has_intersection(range(0, 2), range(7, 9)), False)))]
#[case::intersect_invalid_a(with_d(|b, _| (b.has_intersection(range(5, 5), range(0, 9)), False)))]
#[case::intersect_invalid_b(with_d(|b, _| (b.has_intersection(range(0, 9), range(6, 3)), False)))]
#[case::intersect_32_bytes(with_d(|b, _| (b.has_intersection(uint(3), range(0, 9)), False)))]
#[case::intersect_one_input(with_d(|b, d| (b.at(d.has_intersection, [range(0, 9)]), False)))]
// IsSameAmount
#[case::same_amount(with_d(|b, _| (b.is_same_amount(range(0, 5), range(10, 15)), True)))]
#[case::same_amount_extremes(with_d(|b, _| (b.is_same_amount(Range::new(U256::MAX - U256::ONE, U256::MAX).encode(), range(0, 1)), True)))]
#[case::different_amount(with_d(|b, _| (b.is_same_amount(range(0, 5), range(10, 16)), False)))]
#[case::same_amount_invalid(with_d(|b, _| (b.is_same_amount(range(5, 0), range(5, 0)), False)))]
#[case::same_amount_empty_ranges(with_d(|b, _| (b.is_same_amount(range(5, 5), range(6, 6)), False)))]
#[case::same_amount_three_inputs(with_d(|b, d| (b.at(d.is_same_amount, [range(0, 5), range(10, 15), range(0, 5)]), False)))]
// IsStored
#[case::stored_match(with_d(|b, d| (b.is_stored(d.commitment, uint(SUBMITTED_BLOCK), abi::encode_b256(root())), True)))]
#[case::stored_mismatch(with_d(|b, d| (b.is_stored(d.commitment, uint(SUBMITTED_BLOCK), abi::encode_b256(B256::repeat_byte(1))), False)))]
#[case::stored_value_trailing(with_d(|b, d| (b.is_stored(d.commitment, uint(SUBMITTED_BLOCK), raw(&[root().as_slice(), &[0]].concat())), False)))]
#[case::stored_value_raw_root_prefix(with_d(|b, d| (b.is_stored(d.commitment, uint(SUBMITTED_BLOCK), raw(&root()[..31])), False)))]
#[case::stored_unwritten(with_d(|b, d| (b.is_stored(d.commitment, uint(SUBMITTED_BLOCK + 1), abi::encode_b256(root())), Undefined)))]
#[case::stored_unwritten_empty_value(with_d(|b, d| (b.is_stored(d.commitment, uint(0), raw(b"")), Undefined)))]
#[case::stored_key_31_bytes(with_d(|b, d| (b.is_stored(d.commitment, raw(&uint(SUBMITTED_BLOCK)[1..]), abi::encode_b256(root())), False)))]
#[case::stored_key_33_bytes(with_d(|b, d| (b.is_stored(d.commitment, raw(&[uint(SUBMITTED_BLOCK).as_ref(), &[0]].concat()), abi::encode_b256(root())), False)))]
#[case::stored_not_storage_uac(with_d(|b, d| (b.is_stored(d.uac, uint(SUBMITTED_BLOCK), abi::encode_b256(root())), False)))]
#[case::stored_not_storage_eoa(with_d(|b, _| (b.is_stored(ALICE, uint(SUBMITTED_BLOCK), abi::encode_b256(root())), False)))]
#[case::stored_not_storage_self(with_d(|b, d| (b.is_stored(d.is_stored, uint(SUBMITTED_BLOCK), abi::encode_b256(root())), False)))]
#[case::stored_dirty_address_word(with_d(|b, d| (b.at(d.is_stored, [word_with_high(d.commitment, 0xff), uint(SUBMITTED_BLOCK), abi::encode_b256(root())]), False)))]
#[case::stored_two_inputs(with_d(|b, d| (b.at(d.is_stored, [abi::encode_address(d.commitment), uint(SUBMITTED_BLOCK)]), False)))]
#[case::stored_four_inputs(with_d(|b, d| (b.at(d.is_stored, [abi::encode_address(d.commitment), uint(SUBMITTED_BLOCK), abi::encode_b256(root()), raw(b"")]), False)))]
fn atomic_truth_table(#[case] case: impl Fn(&Builder, &Deployment) -> (Property, Truth)) {
    let (chain, d, b) = chain_with_root();
    let (p, truth) = case(&b, &d);
    assert_truth(&chain, &p, truth);
}

#[test]
fn is_stored_becomes_defined_when_the_root_is_submitted() {
    let (mut chain, d, b) = chain_with_root();
    let key = uint(9);
    let p = b.is_stored(d.commitment, key.clone(), abi::encode_b256(root()));
    assert_truth(&chain, &p, Undefined);
    chain
        .submit_root(d.deployer, U256::from(9), root())
        .unwrap()
        .result
        .unwrap();
    assert_truth(&chain, &p, True);
    let other = b.is_stored(d.commitment, key, abi::encode_b256(B256::repeat_byte(3)));
    assert_truth(&chain, &other, False);
}

/// Gas limits for which the UAC or IsStored gets less than the guard needs.
#[rstest]
#[case(60_000)]
#[case(90_000)]
#[case(110_000)]
#[case(130_000)]
fn is_stored_starved_of_gas_reverts_instead_of_reading_false(#[case] gas: u64) {
    let (mut chain, d, b) = chain_with_root();
    let p = b.is_stored(
        d.commitment,
        uint(SUBMITTED_BLOCK),
        abi::encode_b256(root()),
    );
    let call = IsStoredPredicate::decideCall {
        inputs: p.inputs.clone(),
    };
    let out = chain.call_with_gas(ALICE, d.is_stored, &call, gas).unwrap();
    assert!(
        matches!(
            out.result,
            Err(Revert::Empty) | Err(Revert::ResourceLimit { .. })
        ),
        "gas {gas}: {:?}",
        out.result
    );
    // A starved decideFalse can never decide a True IsStored False.
    claim(&mut chain, &p);
    let call = IsStoredPredicate::decideFalseCall {
        inputs: p.inputs.clone(),
    };
    let out = chain.send_with_gas(ALICE, d.is_stored, &call, gas).unwrap();
    assert!(out.result.is_err(), "gas {gas}: {:?}", out.result.map(drop));
    assert_eq!(
        chain.get_game(p.id()).unwrap().decision,
        ovm_core::Decision::Undecided
    );
}

#[test]
fn is_stored_gas_guard_is_exactly_the_revert_without_data() {
    let (mut chain, d, b) = chain_with_root();
    let p = b.is_stored(
        d.commitment,
        uint(SUBMITTED_BLOCK),
        abi::encode_b256(root()),
    );
    let call = IsStoredPredicate::decideCall {
        inputs: p.inputs.clone(),
    };
    // Find the gas limits where the guard (not an out-of-gas halt) fires, then enough gas.
    let mut saw_guard = false;
    let mut first_ok = None;
    for gas in (40_000..400_000).step_by(2_000) {
        match chain
            .call_with_gas(ALICE, d.is_stored, &call, gas)
            .unwrap()
            .result
        {
            Err(Revert::Empty) => saw_guard = true,
            Err(Revert::ResourceLimit { .. }) => {}
            Ok(v) => {
                assert!(v, "gas {gas}: a True IsStored read false");
                first_ok.get_or_insert(gas);
            }
            Err(other) => panic!("gas {gas}: unexpected {other:?}"),
        }
    }
    assert!(saw_guard, "the gas guard never fired");
    assert!(first_ok.is_some(), "never enough gas");
}

#[test]
fn is_stored_through_the_uac_with_low_gas_is_not_witness_rejected() {
    let (mut chain, d, b) = chain_with_root();
    let p = b.is_stored(
        d.commitment,
        uint(SUBMITTED_BLOCK),
        abi::encode_b256(root()),
    );
    claim(&mut chain, &p);
    let call = ovm_chain::bindings::UniversalAdjudicationContract::decideClaimWithWitnessCall {
        property: (&p).into(),
        witness: vec![],
    };
    for gas in (60_000..200_000).step_by(5_000) {
        let out = chain.call_with_gas(ALICE, d.uac, &call, gas).unwrap();
        assert!(
            !matches!(out.result, Err(Revert::WitnessRejected { .. })),
            "gas {gas}: starvation turned a True IsStored into WitnessRejected"
        );
    }
}
