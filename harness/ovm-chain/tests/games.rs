//! Whole games: the depth-3 honest refutation, and the §3 consequences played on-chain
//! (`Not(raw)` True, `And()` True, `Or()` False, a wrong-arity connective True,
//! `ForAll(h, x, 'V'‖x)` False, `ThereExists(h, x, 'V'‖x)` True).

mod common;

use alloy_primitives::Bytes;
use common::*;
use ovm_chain::{OvmEvent, scenarios};
use ovm_core::{Decision, abi};

#[test]
fn depth3_honest_refutation() {
    let (mut chain, _, b) = setup();
    let start = chain.block_number();
    let report = scenarios::honest_refutation_depth3(&mut chain, ALICE, BOB, b"game 1").unwrap();
    assert_eq!(report.txs, 11);
    assert_eq!(report.gas, chain.total_gas_used());
    let [f, p, q1, q2, q3] = scenarios::depth3_properties(&b, b"game 1");
    assert_eq!(chain.get_game(p.id()).unwrap().decision, Decision::False);
    assert_eq!(chain.get_game(q1.id()).unwrap().decision, Decision::True);
    assert_eq!(chain.get_game(q2.id()).unwrap().decision, Decision::False);
    assert_eq!(chain.get_game(q3.id()).unwrap().decision, Decision::True);
    assert_eq!(chain.get_game(f.id()).unwrap().decision, Decision::False);
    assert_eq!(chain.block_number(), start + 7);
    // A second instance on the same chain is independent.
    let again = scenarios::honest_refutation_depth3(&mut chain, ALICE, BOB, b"game 2").unwrap();
    assert_eq!(again.txs, 11);
}

#[test]
fn unchallengeable_claims_are_decided_true_by_the_period() {
    let (mut chain, d, b) = setup();
    let claims = [
        b.not(raw(b"raw bytes")),
        b.and(Vec::<Bytes>::new()),
        b.at(d.not, Vec::<Bytes>::new()),
        b.at(d.not, [raw(b""), raw(b"")]),
        b.at(d.for_all, [raw(b"h"), raw(b"x")]),
        b.at(d.there_exists, [raw(b"h")]),
    ];
    for p in &claims {
        claim(&mut chain, p);
    }
    chain.advance(7);
    for p in &claims {
        let out = chain.decide_claim_to_true(ALICE, p.id()).unwrap();
        assert_eq!(out.events, vec![decided(p, true)], "{p:?}");
    }
}

#[test]
fn empty_or_is_refuted_by_empty_and() {
    let (mut chain, _, b) = setup();
    let p = b.or(Vec::<Bytes>::new());
    let q = b.and(Vec::<Bytes>::new());
    claim(&mut chain, &p);
    challenge_ok(&mut chain, &p, &[], &q);
    chain
        .decide_claim_with_witness(BOB, &q, &[])
        .unwrap()
        .result
        .unwrap();
    let out = chain.decide_claim_to_false(BOB, &p, &q).unwrap();
    assert_eq!(out.events, vec![decided(&p, false)]);
}

#[test]
fn for_all_of_the_bare_placeholder_is_false() {
    let (mut chain, _, b) = setup();
    let p = b.for_all("h", "x", var("x"));
    claim(&mut chain, &p);
    // t = 0x (empty bytes): the challenge Not(0x) is Not(raw), True by the period.
    let q = b.not(raw(b""));
    challenge_ok(&mut chain, &p, &[raw(b"")], &q);
    chain.advance(7);
    chain
        .decide_claim_to_true(BOB, q.id())
        .unwrap()
        .result
        .unwrap();
    let out = chain.decide_claim_to_false(BOB, &p, &q).unwrap();
    assert_eq!(out.events, vec![decided(&p, false)]);
}

#[test]
fn there_exists_of_the_bare_placeholder_is_true() {
    let (mut chain, _, b) = setup();
    let p = b.there_exists("h", "x", var("x"));
    claim(&mut chain, &p);
    let witness = [b.and(Vec::<Bytes>::new()).encode()];
    let out = chain
        .decide_claim_with_witness(ALICE, &p, &witness)
        .unwrap();
    assert_eq!(out.events, vec![decided(&p, true)]);
}

#[test]
fn a_defended_claim_survives_a_false_challenge() {
    // And(a) with a True: the adversary's challenge Not(a) is refuted by a, removed, and the
    // claim is decided True after the period.
    let (mut chain, _, b) = setup();
    let a = true_atom(&b, 1);
    let p = b.and([&a]);
    let q = b.not(&a);
    claim(&mut chain, &p);
    challenge_ok(&mut chain, &p, &[abi::encode_uint(0)], &q);
    challenge_ok(&mut chain, &q, &[], &a);
    chain.decide_true(BOB, &a).unwrap().result.unwrap();
    chain
        .decide_claim_to_false(BOB, &q, &a)
        .unwrap()
        .result
        .unwrap();
    let out = chain.remove_challenge(BOB, &p, &q).unwrap();
    assert_eq!(
        out.events,
        vec![OvmEvent::ChallengeRemoved {
            game_id: p.id(),
            challenge_game_id: q.id()
        }]
    );
    chain.advance(7);
    chain
        .decide_claim_to_true(BOB, p.id())
        .unwrap()
        .result
        .unwrap();
    assert!(chain.is_decided(&p).unwrap());
}
