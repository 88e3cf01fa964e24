//! Spec §2 `subst`, observed on-chain through `ForAll.isValidChallenge`: the one valid challenge
//! of `ForAll(h, x, body)` with value `t` is `Not(subst(body, x, t))`. Each case states the
//! substituted body by hand; both the contract and `ovm_core::subst` must produce it.

mod common;

use alloy_primitives::Bytes;
use common::*;
use ovm_chain::Deployment;
use ovm_core::{Builder, Property, subst};
use rstest::rstest;

/// (body, t, subst(body, "x", t) written out by hand)
type Case = (Bytes, Bytes, Bytes);

fn p(x: Property) -> Bytes {
    x.encode()
}

#[rstest]
// Atomics: only inputs that are the placeholder named x are replaced.
#[case::atomic_both(with_d(|b, _| (p(b.equal(var("x"), var("x"))), raw(b"t"), p(b.equal(raw(b"t"), raw(b"t"))))))]
#[case::atomic_other_name(with_d(|b, _| (p(b.equal(var("x"), var("y"))), raw(b"t"), p(b.equal(raw(b"t"), var("y"))))))]
#[case::atomic_prefix_name_untouched(with_d(|b, _| (p(b.equal(var("xx"), var("x"))), raw(b"t"), p(b.equal(var("xx"), raw(b"t"))))))]
#[case::atomic_v_alone_is_empty_name(with_d(|b, _| (p(b.equal(raw(b"V"), var("x"))), raw(b"t"), p(b.equal(raw(b"V"), raw(b"t"))))))]
#[case::atomic_19_byte_placeholder(with_d(|b, _| { let n = "abcdefghijklmnopqr"; (p(b.equal(var(n), raw(b"c"))), raw(b"t"), p(b.equal(var(n), raw(b"c")))) }))]
#[case::atomic_property_input_not_entered(with_d(|b, _| { let inner = p(b.equal(var("x"), raw(b"c"))); (p(b.equal(inner.clone(), var("x"))), raw(b"t"), p(b.equal(inner, raw(b"t")))) }))]
#[case::atomic_value_is_property(with_d(|b, _| { let t = p(true_atom(b, 1)); (p(b.equal(var("x"), raw(b"c"))), t.clone(), p(b.equal(t, raw(b"c")))) }))]
#[case::atomic_value_with_placeholder_not_rewritten(with_d(|b, _| { let t = p(b.equal(var("x"), var("x"))); (p(b.equal(var("x"), raw(b"c"))), t.clone(), p(b.equal(t, raw(b"c")))) }))]
#[case::is_stored_inputs(with_d(|b, d| (p(b.is_stored(d.commitment, var("x"), var("x"))), ovm_core::abi::encode_uint(5), p(b.is_stored(d.commitment, ovm_core::abi::encode_uint(5), ovm_core::abi::encode_uint(5))))))]
// Not / And / Or: every input.
#[case::not(with_d(|b, _| (p(b.not(b.equal(var("x"), raw(b"c")))), raw(b"t"), p(b.not(b.equal(raw(b"t"), raw(b"c")))))))]
#[case::not_of_bare_placeholder(with_d(|b, _| { let t = p(true_atom(b, 1)); (p(b.not(var("x"))), t.clone(), p(b.not(t))) }))]
#[case::and(with_d(|b, _| (p(b.and([b.equal(var("x"), raw(b"a")), b.is_less_than(var("x"), raw(b"b"))])), raw(b"t"), p(b.and([b.equal(raw(b"t"), raw(b"a")), b.is_less_than(raw(b"t"), raw(b"b"))])))))]
#[case::and_placeholder_conjunct(with_d(|b, _| (p(b.and([var("x"), var("y")])), raw(b"t"), p(b.and([raw(b"t"), var("y")])))))]
#[case::or(with_d(|b, _| (p(b.or([b.not(b.equal(var("x"), raw(b"a"))), b.equal(var("x"), var("x"))])), raw(b"t"), p(b.or([b.not(b.equal(raw(b"t"), raw(b"a"))), b.equal(raw(b"t"), raw(b"t"))])))))]
#[case::deep_nesting(with_d(|b, _| (p(b.not(b.and([b.or([b.not(b.equal(var("x"), raw(b"a")))])]))), raw(b"t"), p(b.not(b.and([b.or([b.not(b.equal(raw(b"t"), raw(b"a")))])]))))))]
#[case::raw_input_untouched(with_d(|b, _| (p(b.and([raw(b"raw V bytes"), Bytes::from(b.equal(var("x"), raw(b"a")))])), raw(b"t"), p(b.and([raw(b"raw V bytes"), Bytes::from(b.equal(raw(b"t"), raw(b"a")))])))))]
#[case::non_canonical_child_untouched(with_d(|b, d| {
    let mut e = b.equal(var("x"), raw(b"a")).encode().to_vec();
    e.extend([0u8; 32]);
    let e: Bytes = e.into();
    (p(b.at(d.and, [e.clone()])), raw(b"t"), p(b.at(d.and, [e])))
}))]
#[case::unregistered_child_is_other_predicate(with_d(|b, _| {
    let u = b.at(alloy_primitives::Address::with_last_byte(1), [var("x"), raw(b"c")]);
    let s = b.at(alloy_primitives::Address::with_last_byte(1), [raw(b"t"), raw(b"c")]);
    (p(b.not(u)), raw(b"t"), p(b.not(s)))
}))]
// Nested quantifiers: hint expanded, body substituted unless shadowed.
#[case::nested_for_all(with_d(|b, _| (p(b.for_all("k,KEY,${x}", "y", b.equal(var("x"), var("y")))), raw(b"\x01\xab"), p(b.for_all("k,KEY,0x01ab", "y", b.equal(raw(b"\x01\xab"), var("y")))))))]
#[case::nested_there_exists(with_d(|b, _| (p(b.there_exists("${x}", "y", b.equal(var("x"), var("y")))), raw(b"t"), p(b.there_exists("0x74", "y", b.equal(raw(b"t"), var("y")))))))]
#[case::shadowed_for_all_body_kept_hint_expanded(with_d(|b, _| (p(b.for_all("${x}", "x", b.equal(var("x"), raw(b"c")))), raw(b"t"), p(b.for_all("0x74", "x", b.equal(var("x"), raw(b"c")))))))]
#[case::shadowed_there_exists(with_d(|b, _| (p(b.there_exists("h", "x", var("x"))), raw(b"t"), p(b.there_exists("h", "x", var("x"))))))]
#[case::nested_bare_placeholder_body(with_d(|b, _| { let t = p(true_atom(b, 1)); (p(b.for_all("h", "y", var("x"))), t.clone(), p(b.for_all("h", "y", t))) }))]
#[case::nested_wrong_arity_untouched(with_d(|b, d| (p(b.not(b.at(d.for_all, [raw(b"${x}"), raw(b"y")]))), raw(b"t"), p(b.not(b.at(d.for_all, [raw(b"${x}"), raw(b"y")]))))))]
#[case::nested_four_inputs_untouched(with_d(|b, d| { let q = b.at(d.there_exists, [raw(b"${x}"), raw(b"y"), var("x"), raw(b"")]); (p(b.not(q.clone())), raw(b"t"), p(b.not(q))) }))]
// Hint templates.
#[case::hint_repeated(with_d(|b, _| (p(b.for_all("${x}${x}", "y", true_atom(b, 1))), raw(b"\xff"), p(b.for_all("0xff0xff", "y", true_atom(b, 1))))))]
#[case::hint_dollar_dollar(with_d(|b, _| (p(b.for_all("$${x}}", "y", true_atom(b, 1))), raw(b"\x00"), p(b.for_all("$0x00}", "y", true_atom(b, 1))))))]
#[case::hint_other_names(with_d(|b, _| (p(b.for_all("${xx}${y}${x", "y", true_atom(b, 1))), raw(b"t"), p(b.for_all("${xx}${y}${x", "y", true_atom(b, 1))))))]
#[case::hint_empty_value(with_d(|b, _| (p(b.for_all("a${x}b", "y", true_atom(b, 1))), raw(b""), p(b.for_all("a0xb", "y", true_atom(b, 1))))))]
#[case::hint_no_rescan(with_d(|b, _| (p(b.for_all("${x}", "y", true_atom(b, 1))), raw(b"${x}"), p(b.for_all("0x247b787d", "y", true_atom(b, 1))))))]
#[case::hint_lowercase_hex(with_d(|b, _| (p(b.for_all("${x}", "y", true_atom(b, 1))), raw(&[0xAB, 0xCD, 0xEF]), p(b.for_all("0xabcdef", "y", true_atom(b, 1))))))]
#[case::hint_non_utf8_bytes(with_d(|b, _| (p(b.for_all([0xffu8, b'$', b'{', b'x', b'}'], "y", true_atom(b, 1))), raw(b"\x01"), p(b.for_all([0xffu8, b'0', b'x', b'0', b'1'], "y", true_atom(b, 1))))))]
#[case::hint_in_shadowing_nested_there_exists(with_d(|b, _| (p(b.and([b.there_exists("${x}", "x", var("x"))])), raw(b"t"), p(b.and([b.there_exists("0x74", "x", var("x"))])))))]
// Binding a whole property as the value.
#[case::body_is_bare_placeholder(with_d(|_, d| { let t = p(ovm_core::Builder::new(d.registry()).or([raw(b"r")])); (var("x"), t.clone(), t) }))]
fn subst_via_for_all(#[case] case: impl Fn(&Builder, &Deployment) -> Case) {
    let (mut chain, d, b) = setup();
    let (body, t, expected) = case(&b, &d);
    assert_eq!(
        subst(&body, b"x", &t, b.registry()),
        expected,
        "ovm_core::subst"
    );
    let claim = b.for_all("outer hint", "x", body.clone());
    let q = b.not(expected.clone());
    assert!(
        chain
            .is_valid_challenge(&claim, std::slice::from_ref(&t), &q)
            .unwrap(),
        "on-chain subst differs"
    );
    if expected != body {
        assert!(
            !chain
                .is_valid_challenge(&claim, std::slice::from_ref(&t), &b.not(body.clone()))
                .unwrap(),
            "unsubstituted body accepted"
        );
    }
    // The UAC accepts it too and claims the substituted challenge.
    self::claim_and_challenge(&mut chain, &claim, &t, &q);
}

fn claim_and_challenge(chain: &mut ovm_chain::Chain, claim_p: &Property, t: &Bytes, q: &Property) {
    claim(chain, claim_p);
    let out = chain
        .challenge(BOB, claim_p, std::slice::from_ref(t), q)
        .unwrap();
    assert!(
        out.is_ok() || matches!(out.result, Err(ovm_chain::Revert::UnknownPredicate { .. })),
        "{:?}",
        out.result
    );
}

#[rstest]
#[case::there_exists_hint_kept(with_d(|b, _| b.there_exists("k,KEY,${x}", "x", b.equal(var("x"), raw(b"c")))))]
#[case::there_exists_nested(with_d(|b, _| b.there_exists("h", "x", b.for_all("${x}", "y", b.equal(var("x"), var("y"))))))]
fn there_exists_challenge_is_unsubstituted(
    #[case] make: impl Fn(&Builder, &Deployment) -> Property,
) {
    // ThereExists's challenge is ForAll(h, x, Not(b)) with b untouched (no subst at all).
    let (mut chain, d, b) = setup();
    let claim_p = make(&b, &d);
    let body = claim_p.inputs[2].clone();
    let q = b.for_all(&claim_p.inputs[0], &claim_p.inputs[1], b.not(body));
    assert!(chain.is_valid_challenge(&claim_p, &[], &q).unwrap());
}

#[test]
fn for_all_and_there_exists_witness_use_the_same_subst() {
    // ThereExists's witness path binds with the same subst as ForAll's challenge.
    let (mut chain, _, b) = setup();
    let body = b.and([
        b.equal(var("x"), raw(b"c")),
        b.for_all("${x}", "y", true_atom(&b, 1)),
    ]);
    let exists = b.there_exists("h", "x", &body);
    // subst(body, x, c) = And(Equal(c, c), ForAll("0x63", y, true)) — the ForAll is witness-never,
    // so the witness is rejected; the body with a witness-decidable conjunct is accepted.
    assert!(
        !chain
            .decide_with_witness(
                &exists,
                &[
                    raw(b"c"),
                    ovm_core::abi::encode_bytes_array(&[]),
                    ovm_core::abi::encode_bytes_array(&[])
                ]
            )
            .unwrap()
    );
    let body = b.and([
        b.equal(var("x"), raw(b"c")),
        b.not(b.not(b.equal(var("x"), var("x")))),
    ]);
    let exists = b.there_exists("h", "x", &body);
    let w = [
        raw(b"c"),
        ovm_core::abi::encode_bytes_array(&[]),
        ovm_core::abi::encode_bytes_array(&[]),
    ];
    assert!(chain.decide_with_witness(&exists, &w).unwrap());
}
