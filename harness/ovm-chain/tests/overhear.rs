//! `Chain::overhear`: the answer a predicate gave the UAC inside a transaction.

mod common;

use alloy_sol_types::SolCall;
use common::*;
use ovm_chain::{
    bindings::{IConnective, IPredicate},
    overhear::Wanted,
};
use ovm_core::{Builder, Property, abi};

fn asks_witness(p: &Property, w: &[alloy_primitives::Bytes]) -> Wanted {
    Wanted {
        to: p.predicate,
        calldata: IPredicate::decideWithWitnessCall {
            inputs: p.inputs.clone(),
            witness: w.to_vec(),
        }
        .abi_encode()
        .into(),
    }
}

fn or_of(b: &Builder) -> Property {
    b.or([false_atom(b, 1), true_atom(b, 2)])
}

#[test]
fn the_predicates_answer_inside_decide_claim_with_witness_is_heard() {
    let (mut chain, _, b) = setup();
    let p = or_of(&b);
    claim(&mut chain, &p);
    for (index, accepted) in [(1, true), (0, false)] {
        let saved = chain.snapshot();
        let w = [uint(index)];
        let (out, heard) = chain.overhear(asks_witness(&p, &w), |chain| {
            chain.decide_claim_with_witness(ALICE, &p, &w)
        });
        assert_eq!(out.unwrap().result.is_ok(), accepted);
        assert_eq!(
            heard,
            Some(Ok(abi::encode_uint(u64::from(accepted)))),
            "index {index}"
        );
        chain.restore(&saved);
    }
}

#[test]
fn a_question_never_asked_is_not_heard_and_listening_stops() {
    let (mut chain, _, b) = setup();
    let p = or_of(&b);
    // Not claimed: the UAC refuses before asking the predicate.
    let w = [uint(1)];
    let (out, heard) = chain.overhear(asks_witness(&p, &w), |chain| {
        chain.decide_claim_with_witness(ALICE, &p, &w)
    });
    assert!(out.unwrap().result.is_err());
    assert_eq!(heard, None);
    // Other calldata to the same predicate is not the question.
    claim(&mut chain, &p);
    let (_, heard) = chain.overhear(asks_witness(&p, &[uint(0)]), |chain| {
        chain.decide_claim_with_witness(ALICE, &p, &w)
    });
    assert_eq!(heard, None);
    // After `overhear`, nothing listens: a later transaction is not recorded anywhere.
    let (_, heard) = chain.overhear(asks_witness(&p, &w), |_| ());
    assert_eq!(heard, None);
}

#[test]
fn the_connectives_answer_inside_challenge_is_heard_and_equals_its_view() {
    let (mut chain, _, b) = setup();
    let a = true_atom(&b, 1);
    let p = b.and([a.clone()]);
    claim(&mut chain, &p);
    for (index, valid) in [(0, true), (5, false)] {
        let saved = chain.snapshot();
        let q = b.not(&a);
        let ci = [uint(index)];
        let ask = IConnective::isValidChallengeCall {
            inputs: p.inputs.clone(),
            challengeInputs: ci.to_vec(),
            challenge: (&q).into(),
        };
        let wanted = Wanted {
            to: p.predicate,
            calldata: ask.abi_encode().into(),
        };
        let (out, heard) = chain.overhear(wanted, |chain| chain.challenge(ALICE, &p, &ci, &q));
        assert_eq!(out.unwrap().result.is_ok(), valid);
        let view = chain.view(p.predicate, &ask).unwrap();
        assert_eq!(view, valid);
        assert_eq!(
            heard,
            Some(Ok(abi::encode_uint(u64::from(valid)))),
            "index {index}"
        );
        chain.restore(&saved);
    }
}
