//! Spec §4: each connective's `isValidChallenge` — the one valid challenge and its near misses —
//! and every `decideWithWitness` shape, accepted and rejected.

mod common;

use alloy_primitives::{Address, Bytes, U256};
use common::*;
use ovm_chain::Deployment;
use ovm_core::{Builder, Property, abi, subst};
use rstest::rstest;

/// A property's encoding with one byte changed at `at` (non-canonical, so raw bytes).
fn dirty(p: &Property, at: usize, byte: u8) -> Bytes {
    let mut e = p.encode().to_vec();
    e[at] = byte;
    e.into()
}

/// A property's encoding with 32 zero bytes appended (trailing data: raw bytes).
fn trailing(p: &Property) -> Bytes {
    let mut e = p.encode().to_vec();
    e.extend([0u8; 32]);
    e.into()
}

/// (claim, challengeInputs, challenge, valid?)
type Challenge = (Property, Vec<Bytes>, Property, bool);

#[rstest]
// ---- Not(p): Q with enc(Q) == p; challengeInputs ignored.
#[case::not_valid(with_d(|b, _| { let a = true_atom(b, 1); (b.not(&a), vec![], a, true) }))]
#[case::not_inputs_ignored(with_d(|b, _| { let a = true_atom(b, 1); (b.not(&a), vec![uint(0), raw(b"x")], a, true) }))]
#[case::not_valid_with_connective_inner(with_d(|b, _| { let a = b.or([true_atom(b, 1)]); (b.not(&a), vec![], a, true) }))]
#[case::not_unregistered_inner_is_valid(with_d(|b, _| { let u = unregistered(b, 1); (b.not(&u), vec![], u, true) }))]
#[case::not_wrong_property(with_d(|b, _| (b.not(true_atom(b, 1)), vec![], true_atom(b, 2), false)))]
#[case::not_wrong_address(with_d(|b, d| { let a = true_atom(b, 1); (b.not(&a), vec![], b.at(d.is_less_than, a.inputs.clone()), false) }))]
#[case::not_raw_inner(with_d(|b, _| (b.not(raw(b"raw")), vec![], true_atom(b, 1), false)))]
#[case::not_non_canonical_inner(with_d(|b, _| { let a = true_atom(b, 1); (b.at(b.registry().connective_address(ovm_core::ConnectiveKind::Not), [dirty(&a, 40, 1)]), vec![], a, false) }))]
#[case::not_dirty_padding_inner(with_d(|b, _| { let a = true_atom(b, 1); let n = a.encode().len(); (b.at(b.registry().connective_address(ovm_core::ConnectiveKind::Not), [dirty(&a, n - 1, 1)]), vec![], a, false) }))]
#[case::not_trailing_inner(with_d(|b, _| { let a = true_atom(b, 1); (b.at(b.registry().connective_address(ovm_core::ConnectiveKind::Not), [trailing(&a)]), vec![], a, false) }))]
#[case::not_two_inputs(with_d(|b, _| { let a = true_atom(b, 1); (b.at(b.registry().connective_address(ovm_core::ConnectiveKind::Not), [a.encode(), a.encode()]), vec![], a, false) }))]
#[case::not_zero_inputs(with_d(|b, _| (b.at(b.registry().connective_address(ovm_core::ConnectiveKind::Not), Vec::<Bytes>::new()), vec![], true_atom(b, 1), false)))]
// ---- And(p0..pn): ci = [c], Q = Not(p_c).
#[case::and_valid_0(with_d(|b, _| { let (x, y) = (true_atom(b, 1), true_atom(b, 2)); (b.and([&x, &y]), vec![uint(0)], b.not(&x), true) }))]
#[case::and_valid_1(with_d(|b, _| { let (x, y) = (true_atom(b, 1), true_atom(b, 2)); (b.and([&x, &y]), vec![uint(1)], b.not(&y), true) }))]
#[case::and_raw_child_valid(with_d(|b, _| (b.and([raw(b"r")]), vec![uint(0)], b.not(raw(b"r")), true)))]
#[case::and_wrong_index(with_d(|b, _| { let (x, y) = (true_atom(b, 1), true_atom(b, 2)); (b.and([&x, &y]), vec![uint(1)], b.not(&x), false) }))]
#[case::and_index_out_of_range(with_d(|b, _| { let x = true_atom(b, 1); (b.and([&x]), vec![uint(1)], b.not(&x), false) }))]
#[case::and_index_huge(with_d(|b, _| { let x = true_atom(b, 1); (b.and([&x]), vec![abi::encode_u256(U256::MAX)], b.not(&x), false) }))]
#[case::and_index_high_bits(with_d(|b, _| { let x = true_atom(b, 1); (b.and([&x]), vec![abi::encode_u256(U256::from(1) << 255)], b.not(&x), false) }))]
#[case::and_c_31_bytes(with_d(|b, _| { let x = true_atom(b, 1); (b.and([&x]), vec![raw(&[0; 31])], b.not(&x), false) }))]
#[case::and_c_33_bytes(with_d(|b, _| { let x = true_atom(b, 1); (b.and([&x]), vec![raw(&[0; 33])], b.not(&x), false) }))]
#[case::and_c_empty(with_d(|b, _| { let x = true_atom(b, 1); (b.and([&x]), vec![raw(b"")], b.not(&x), false) }))]
#[case::and_no_ci(with_d(|b, _| { let x = true_atom(b, 1); (b.and([&x]), vec![], b.not(&x), false) }))]
#[case::and_extra_ci(with_d(|b, _| { let x = true_atom(b, 1); (b.and([&x]), vec![uint(0), uint(0)], b.not(&x), false) }))]
#[case::and_empty_has_no_challenge(with_d(|b, _| (b.and(Vec::<Bytes>::new()), vec![uint(0)], b.not(raw(b"")), false)))]
#[case::and_challenge_not_a_not(with_d(|b, d| { let x = true_atom(b, 1); (b.and([&x]), vec![uint(0)], b.at(d.or, [x.encode()]), false) }))]
#[case::and_challenge_child_itself(with_d(|b, _| { let x = true_atom(b, 1); (b.and([&x]), vec![uint(0)], x.clone(), false) }))]
#[case::and_challenge_not_two_inputs(with_d(|b, d| { let x = true_atom(b, 1); (b.and([&x]), vec![uint(0)], b.at(d.not, [x.encode(), x.encode()]), false) }))]
#[case::and_challenge_not_non_canonical(with_d(|b, d| { let x = true_atom(b, 1); (b.and([&x]), vec![uint(0)], b.at(d.not, [trailing(&x)]), false) }))]
// ---- Or(p0..pn): ci = [], Q = And(Not(p0), …, Not(pn)) exactly.
#[case::or_valid(with_d(|b, _| { let (x, y) = (true_atom(b, 1), false_atom(b, 2)); (b.or([&x, &y]), vec![], b.and([b.not(&x), b.not(&y)]), true) }))]
#[case::or_empty_valid(with_d(|b, _| (b.or(Vec::<Bytes>::new()), vec![], b.and(Vec::<Bytes>::new()), true)))]
#[case::or_raw_child_valid(with_d(|b, _| (b.or([raw(b"r")]), vec![], b.and([b.not(raw(b"r"))]), true)))]
#[case::or_ci_not_empty(with_d(|b, _| { let x = true_atom(b, 1); (b.or([&x]), vec![uint(0)], b.and([b.not(&x)]), false) }))]
#[case::or_extra_conjunct(with_d(|b, _| { let x = true_atom(b, 1); (b.or([&x]), vec![], b.and([b.not(&x), b.not(&x)]), false) }))]
#[case::or_extra_true_conjunct(with_d(|b, _| { let x = true_atom(b, 1); (b.or([&x]), vec![], b.and([b.not(&x), true_atom(b, 9)]), false) }))]
#[case::or_missing_conjunct(with_d(|b, _| { let (x, y) = (true_atom(b, 1), true_atom(b, 2)); (b.or([&x, &y]), vec![], b.and([b.not(&x)]), false) }))]
#[case::or_swapped_conjuncts(with_d(|b, _| { let (x, y) = (true_atom(b, 1), true_atom(b, 2)); (b.or([&x, &y]), vec![], b.and([b.not(&y), b.not(&x)]), false) }))]
#[case::or_no_double_negation_folding(with_d(|b, _| { let x = true_atom(b, 1); (b.or([b.not(&x)]), vec![], b.and([&x]), false) }))]
#[case::or_double_negation_is_the_valid_one(with_d(|b, _| { let x = true_atom(b, 1); (b.or([b.not(&x)]), vec![], b.and([b.not(b.not(&x))]), true) }))]
#[case::or_wrong_connective(with_d(|b, d| { let x = true_atom(b, 1); (b.or([&x]), vec![], b.at(d.or, [b.not(&x).encode()]), false) }))]
#[case::or_conjunct_wrong_not_address(with_d(|b, d| { let x = true_atom(b, 1); (b.or([&x]), vec![], b.and([b.at(d.and, [x.encode()])]), false) }))]
#[case::or_conjunct_non_canonical(with_d(|b, d| { let x = true_atom(b, 1); (b.or([&x]), vec![], b.at(d.and, [trailing(&b.not(&x))]), false) }))]
// ---- ForAll(h, x, b): ci = [t], Q = Not(subst(b, x, t)).
#[case::forall_valid(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.for_all("h", "x", &body), vec![raw(b"t")], b.not(b.equal(raw(b"t"), raw(b"c"))), true) }))]
#[case::forall_unsubstituted_body(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.for_all("h", "x", &body), vec![raw(b"t")], b.not(&body), false) }))]
#[case::forall_substituted_without_not(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.for_all("h", "x", &body), vec![raw(b"t")], b.equal(raw(b"t"), raw(b"c")), false) }))]
#[case::forall_other_value(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.for_all("h", "x", &body), vec![raw(b"u")], b.not(b.equal(raw(b"t"), raw(b"c"))), false) }))]
#[case::forall_no_ci(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.for_all("h", "x", &body), vec![], b.not(&body), false) }))]
#[case::forall_two_ci(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.for_all("h", "x", &body), vec![raw(b"t"), raw(b"t")], b.not(b.equal(raw(b"t"), raw(b"c"))), false) }))]
#[case::forall_t_placeholder(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.for_all("h", "x", &body), vec![var("y")], b.not(b.equal(var("y"), raw(b"c"))), false) }))]
#[case::forall_t_own_placeholder(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.for_all("h", "x", &body), vec![var("x")], b.not(&body), false) }))]
#[case::forall_t_20_bytes_starting_with_v(with_d(|b, _| { let t = raw(&[b"V".as_slice(), &[7u8; 19]].concat()); let body = b.equal(var("x"), raw(b"c")); (b.for_all("h", "x", &body), vec![t.clone()], b.not(b.equal(t, raw(b"c"))), true) }))]
#[case::forall_t_empty(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.for_all("h", "x", &body), vec![raw(b"")], b.not(b.equal(raw(b""), raw(b"c"))), true) }))]
#[case::forall_placeholder_body(with_d(|b, _| { let t = true_atom(b, 1); (b.for_all("h", "x", var("x")), vec![t.encode()], b.not(&t), true) }))]
#[case::forall_placeholder_body_raw_t(with_d(|b, _| (b.for_all("h", "x", var("x")), vec![raw(b"raw")], b.not(raw(b"raw")), true)))]
#[case::forall_wrong_arity(with_d(|b, d| (b.at(d.for_all, [raw(b"h"), raw(b"x")]), vec![raw(b"t")], b.not(raw(b"t")), false)))]
#[case::forall_challenge_wrong_not(with_d(|b, d| { let body = b.equal(var("x"), raw(b"c")); (b.for_all("h", "x", &body), vec![raw(b"t")], b.at(d.and, [b.equal(raw(b"t"), raw(b"c")).encode()]), false) }))]
// ---- ThereExists(h, x, b): ci = [], Q = ForAll(h, x, enc(Not(b))), same hint.
#[case::exists_valid(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.there_exists("h", "x", &body), vec![], b.for_all("h", "x", b.not(&body)), true) }))]
#[case::exists_placeholder_body_valid(with_d(|b, _| (b.there_exists("h", "x", var("x")), vec![], b.for_all("h", "x", b.not(var("x"))), true)))]
#[case::exists_wrong_hint(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.there_exists("h", "x", &body), vec![], b.for_all("h2", "x", b.not(&body)), false) }))]
#[case::exists_empty_hint_mismatch(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.there_exists("h", "x", &body), vec![], b.for_all("", "x", b.not(&body)), false) }))]
#[case::exists_wrong_name(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.there_exists("h", "x", &body), vec![], b.for_all("h", "y", b.not(&body)), false) }))]
#[case::exists_body_without_not(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.there_exists("h", "x", &body), vec![], b.for_all("h", "x", &body), false) }))]
#[case::exists_ci_not_empty(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.there_exists("h", "x", &body), vec![raw(b"t")], b.for_all("h", "x", b.not(&body)), false) }))]
#[case::exists_challenge_is_there_exists(with_d(|b, _| { let body = b.equal(var("x"), raw(b"c")); (b.there_exists("h", "x", &body), vec![], b.there_exists("h", "x", b.not(&body)), false) }))]
#[case::exists_challenge_extra_input(with_d(|b, d| { let body = b.equal(var("x"), raw(b"c")); (b.there_exists("h", "x", &body), vec![], b.at(d.for_all, [raw(b"h"), raw(b"x"), b.not(&body).encode(), raw(b"")]), false) }))]
#[case::exists_challenge_non_canonical_body(with_d(|b, d| { let body = b.equal(var("x"), raw(b"c")); (b.there_exists("h", "x", &body), vec![], b.at(d.for_all, [raw(b"h"), raw(b"x"), trailing(&b.not(&body))]), false) }))]
#[case::exists_wrong_arity(with_d(|b, d| (b.at(d.there_exists, [raw(b"h"), raw(b"x")]), vec![], b.for_all("h", "x", b.not(raw(b""))), false)))]
fn is_valid_challenge(#[case] case: impl Fn(&Builder, &Deployment) -> Challenge) {
    let (mut chain, d, b) = setup();
    let (p, ci, q, valid) = case(&b, &d);
    assert_eq!(
        chain.is_valid_challenge(&p, &ci, &q).unwrap(),
        valid,
        "claim {p:?}\nchallenge {q:?}"
    );
    // The UAC agrees: accepted (and claimed) or InvalidChallenge.
    claim(&mut chain, &p);
    let out = chain.challenge(BOB, &p, &ci, &q).unwrap();
    if valid {
        assert!(
            out.is_ok() || matches!(out.result, Err(ovm_chain::Revert::UnknownPredicate { .. })),
            "{:?}",
            out.result
        );
    } else {
        assert_eq!(
            out.result,
            Err(ovm_chain::Revert::InvalidChallenge {
                game_id: p.id(),
                challenge_game_id: q.id()
            })
        );
    }
}

#[test]
fn for_all_rejects_inadmissible_depth_but_accepts_34() {
    let (mut chain, _, b) = setup();
    let p = b.for_all("h", "x", b.not(var("x"))); // challenge Not(Not(t))
    let ok = nots(&b, &true_atom(&b, 1), 31); // depth 32 → Not(Not(t)) depth 34
    assert!(
        chain
            .is_valid_challenge(&p, &[ok.encode()], &b.not(b.not(&ok)))
            .unwrap()
    );
    let deep = nots(&b, &true_atom(&b, 1), 32); // depth 33 → 35
    assert!(
        !chain
            .is_valid_challenge(&p, &[deep.encode()], &b.not(b.not(&deep)))
            .unwrap()
    );
}

#[test]
fn for_all_valid_challenge_equals_ovm_core_subst() {
    let (mut chain, _, b) = setup();
    let body = b.and([
        b.equal(var("x"), raw(b"a")),
        b.not(b.is_less_than(var("x"), uint(3))),
    ]);
    let p = b.for_all("hint ${x}", "x", &body);
    let t = uint(2);
    let q = b.not(subst(&body.encode(), b"x", &t, b.registry()));
    assert!(chain.is_valid_challenge(&p, &[t], &q).unwrap());
}

// ---------------------------------------------------------------------- decideWithWitness

/// (property, witness, accepted?)
type Witnessed = (Property, Vec<Bytes>, bool);

fn w_arr(items: &[Bytes]) -> Bytes {
    abi::encode_bytes_array(items)
}

#[rstest]
// Not
#[case::not_not_true(with_d(|b, _| (b.not(b.not(true_atom(b, 1))), vec![], true)))]
#[case::not_not_false(with_d(|b, _| (b.not(b.not(false_atom(b, 1))), vec![], false)))]
#[case::not_atom_never(with_d(|b, _| (b.not(false_atom(b, 1)), vec![], false)))]
#[case::not_raw(with_d(|b, _| (b.not(raw(b"raw")), vec![], false)))]
#[case::not_not_raw(with_d(|b, _| (b.not(b.not(raw(b"raw"))), vec![], false)))]
#[case::not_not_unregistered(with_d(|b, _| (b.not(b.not(unregistered(b, 1))), vec![], false)))]
#[case::not_not_two_inputs(with_d(|b, d| (b.not(b.at(d.not, [true_atom(b, 1).encode(), true_atom(b, 1).encode()])), vec![], false)))]
#[case::not_two_inputs(with_d(|b, d| (b.at(d.not, [b.not(true_atom(b, 1)).encode(), raw(b"")]), vec![], false)))]
#[case::not_not_non_canonical_inner(with_d(|b, d| (b.not(b.at(d.not, [trailing(&true_atom(b, 1))])), vec![], false)))]
#[case::not_not_passes_witness(with_d(|b, _| (b.not(b.not(b.or([false_atom(b, 1), true_atom(b, 2)]))), vec![uint(1)], true)))]
#[case::not_not_passes_bad_witness(with_d(|b, _| (b.not(b.not(b.or([false_atom(b, 1), true_atom(b, 2)]))), vec![uint(0)], false)))]
// And
#[case::and_all_true(with_d(|b, _| (b.and([true_atom(b, 1), true_atom(b, 2)]), vec![w_arr(&[]), w_arr(&[])], true)))]
#[case::and_empty(with_d(|b, _| (b.and(Vec::<Bytes>::new()), vec![], true)))]
#[case::and_empty_extra_witness(with_d(|b, _| (b.and(Vec::<Bytes>::new()), vec![w_arr(&[])], false)))]
#[case::and_one_false(with_d(|b, _| (b.and([true_atom(b, 1), false_atom(b, 2)]), vec![w_arr(&[]), w_arr(&[])], false)))]
#[case::and_short_witness(with_d(|b, _| (b.and([true_atom(b, 1), true_atom(b, 2)]), vec![w_arr(&[])], false)))]
#[case::and_long_witness(with_d(|b, _| (b.and([true_atom(b, 1)]), vec![w_arr(&[]), w_arr(&[])], false)))]
#[case::and_witness_not_encoded(with_d(|b, _| (b.and([true_atom(b, 1)]), vec![raw(b"")], false)))]
#[case::and_witness_trailing(with_d(|b, _| (b.and([true_atom(b, 1)]), vec![raw(&[w_arr(&[]).as_ref(), &[0u8; 32]].concat())], false)))]
#[case::and_witness_bad_offset(with_d(|b, _| { let mut w = w_arr(&[]).to_vec(); w[31] = 0x40; (b.and([true_atom(b, 1)]), vec![raw(&w)], false) }))]
#[case::and_raw_child(with_d(|b, _| (b.and([raw(b"raw")]), vec![w_arr(&[])], false)))]
#[case::and_unregistered_child(with_d(|b, _| (b.and([unregistered(b, 1)]), vec![w_arr(&[])], false)))]
#[case::and_nested_witnesses(with_d(|b, _| (b.and([b.or([false_atom(b, 1), true_atom(b, 2)]), true_atom(b, 3)]), vec![w_arr(&[uint(1)]), w_arr(&[])], true)))]
#[case::and_nested_bad_witness(with_d(|b, _| (b.and([b.or([false_atom(b, 1), true_atom(b, 2)])]), vec![w_arr(&[uint(0)])], false)))]
// Or
#[case::or_first(with_d(|b, _| (b.or([true_atom(b, 1), false_atom(b, 2)]), vec![uint(0)], true)))]
#[case::or_points_to_false(with_d(|b, _| (b.or([true_atom(b, 1), false_atom(b, 2)]), vec![uint(1)], false)))]
#[case::or_out_of_range(with_d(|b, _| (b.or([true_atom(b, 1)]), vec![uint(1)], false)))]
#[case::or_no_witness(with_d(|b, _| (b.or([true_atom(b, 1)]), vec![], false)))]
#[case::or_index_31_bytes(with_d(|b, _| (b.or([true_atom(b, 1)]), vec![raw(&[0; 31])], false)))]
#[case::or_index_33_bytes(with_d(|b, _| (b.or([true_atom(b, 1)]), vec![raw(&[0; 33])], false)))]
#[case::or_empty(with_d(|b, _| (b.or(Vec::<Bytes>::new()), vec![uint(0)], false)))]
#[case::or_raw_branch(with_d(|b, _| (b.or([raw(b"raw")]), vec![uint(0)], false)))]
#[case::or_tail_passed(with_d(|b, _| (b.or([b.or([false_atom(b, 1), true_atom(b, 2)])]), vec![uint(0), uint(1)], true)))]
#[case::or_tail_wrong(with_d(|b, _| (b.or([b.or([false_atom(b, 1), true_atom(b, 2)])]), vec![uint(0), uint(0)], false)))]
#[case::or_atom_ignores_tail(with_d(|b, _| (b.or([true_atom(b, 1)]), vec![uint(0), raw(b"junk")], true)))]
// ForAll: never
#[case::forall_never(with_d(|b, _| (b.for_all("h", "x", true_atom(b, 1)), vec![], false)))]
#[case::forall_never_with_witness(with_d(|b, _| (b.for_all("h", "x", true_atom(b, 1)), vec![raw(b"t"), uint(0)], false)))]
// ThereExists
#[case::exists_witness(with_d(|b, _| (b.there_exists("h", "x", b.equal(var("x"), raw(b"c"))), vec![raw(b"c")], true)))]
#[case::exists_wrong_witness(with_d(|b, _| (b.there_exists("h", "x", b.equal(var("x"), raw(b"c"))), vec![raw(b"d")], false)))]
#[case::exists_no_witness(with_d(|b, _| (b.there_exists("h", "x", b.equal(var("x"), raw(b"c"))), vec![], false)))]
#[case::exists_placeholder_witness(with_d(|b, _| (b.there_exists("h", "x", b.equal(var("x"), var("x"))), vec![var("y")], false)))]
#[case::exists_placeholder_body(with_d(|b, _| (b.there_exists("h", "x", var("x")), vec![true_atom(b, 1).encode()], true)))]
#[case::exists_placeholder_body_false(with_d(|b, _| (b.there_exists("h", "x", var("x")), vec![false_atom(b, 1).encode()], false)))]
#[case::exists_placeholder_body_raw(with_d(|b, _| (b.there_exists("h", "x", var("x")), vec![raw(b"raw")], false)))]
#[case::exists_placeholder_body_unregistered(with_d(|b, _| (b.there_exists("h", "x", var("x")), vec![unregistered(b, 1).encode()], false)))]
#[case::exists_tail_passed(with_d(|b, _| (b.there_exists("h", "x", b.or([false_atom(b, 1), b.equal(var("x"), raw(b"c"))])), vec![raw(b"c"), uint(1)], true)))]
#[case::exists_tail_wrong(with_d(|b, _| (b.there_exists("h", "x", b.or([false_atom(b, 1), b.equal(var("x"), raw(b"c"))])), vec![raw(b"c"), uint(0)], false)))]
#[case::exists_admissible_depth_32(with_d(|b, _| { let t = nots(b, &b.and([true_atom(b, 1)]), 30); (b.there_exists("h", "x", var("x")), vec![t.encode(), w_arr(&[])], true) }))]
#[case::exists_inadmissible_depth_33(with_d(|b, _| { let t = nots(b, &b.and([b.and([true_atom(b, 1)])]), 30); (b.there_exists("h", "x", var("x")), vec![t.encode(), w_arr(&[w_arr(&[])])], false) }))]
#[case::exists_wrong_arity(with_d(|b, d| (b.at(d.there_exists, [raw(b"h"), raw(b"x")]), vec![raw(b"c")], false)))]
// Atomics: the witness is ignored
#[case::atom_true_any_witness(with_d(|b, _| (true_atom(b, 1), vec![raw(b"whatever")], true)))]
#[case::atom_false_any_witness(with_d(|b, _| (false_atom(b, 1), vec![uint(1)], false)))]
fn decide_with_witness(#[case] case: impl Fn(&Builder, &Deployment) -> Witnessed) {
    let (mut chain, _, b) = setup();
    let (p, w, accepted) = case(&b, &d_unused());
    let _ = &b;
    assert_eq!(
        chain.decide_with_witness(&p, &w).unwrap(),
        accepted,
        "{p:?} with {w:?}"
    );
    claim(&mut chain, &p);
    let out = chain.decide_claim_with_witness(ALICE, &p, &w).unwrap();
    if accepted {
        assert_eq!(out.events, vec![decided(&p, true)]);
    } else {
        assert_eq!(
            out.result,
            Err(ovm_chain::Revert::WitnessRejected { game_id: p.id() })
        );
    }
}

fn d_unused() -> Deployment {
    *ovm_chain::Chain::from_snapshot(&PERIOD_7)
        .deployment()
        .expect("deployed")
}

#[test]
fn connectives_before_initialize_accept_nothing_that_needs_the_registry() {
    // A fresh UAC + Not/And that were never wired: decideWithWitness is false, never reverts.
    let mut chain = ovm_chain::Chain::new();
    let d = Deployment::predicted(ovm_chain::DEPLOYER, 0, 7);
    let uac = chain
        .deploy_contract(
            ovm_chain::DEPLOYER,
            [
                ovm_chain::bindings::UniversalAdjudicationContract::BYTECODE.as_ref(),
                &abi::encode_uint(7),
            ]
            .concat()
            .into(),
        )
        .unwrap()
        .result
        .unwrap();
    assert_eq!(uac, d.uac);
    let not = chain
        .deploy_contract(
            ovm_chain::DEPLOYER,
            [
                ovm_chain::bindings::NotPredicate::BYTECODE.as_ref(),
                &abi::encode_address(uac),
            ]
            .concat()
            .into(),
        )
        .unwrap()
        .result
        .unwrap();
    let b = Builder::new(d.registry());
    let inner = b.at(not, [b.at(not, [raw(b"")]).encode()]);
    let p = b.at(not, [inner.encode()]);
    assert!(!chain.decide_with_witness(&p, &[]).unwrap());
    let _ = Address::ZERO;
}

#[test]
fn depth_33_witness_control() {
    // The inadmissible ThereExists witness above fails only by depth: the value itself is
    // witness-True.
    let (mut chain, _, b) = setup();
    let t = nots(&b, &b.and([b.and([true_atom(&b, 1)])]), 30);
    assert_eq!(ovm_core::depth(&t.encode(), b.registry()), 33);
    assert!(
        chain
            .decide_with_witness(&t, &[w_arr(&[w_arr(&[])])])
            .unwrap()
    );
}
