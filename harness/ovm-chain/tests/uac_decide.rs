//! Spec §6: `removeChallenge`, `decideClaimToTrue`, `decideClaimToFalse`,
//! `decideClaimWithWitness`, `setPredicateDecision`, `Not.decideTrue`, `And.decideTrue`;
//! finality; period edges; swap-and-pop order; `isDecidable` / `isDecided`.

mod common;

use alloy_primitives::{Address, B256, Bytes, U256};
use common::*;
use ovm_chain::{Chain, OvmEvent, Revert};
use ovm_core::{Builder, Decision, Property, abi};
use rstest::rstest;

/// Makes `Not(a)` (a True) decided False: challenge it with `a`, decide `a` True, decide.
fn decide_not_false(chain: &mut Chain, not_a: &Property, a: &Property) {
    challenge_ok(chain, not_a, &[], a);
    chain.decide_true(ALICE, a).unwrap().result.unwrap();
    chain
        .decide_claim_to_false(ALICE, not_a, a)
        .unwrap()
        .result
        .unwrap();
}

fn removed(p: &Property, q: &Property) -> OvmEvent {
    OvmEvent::ChallengeRemoved {
        game_id: p.id(),
        challenge_game_id: q.id(),
    }
}

/// `And(a0..an)` of True atoms claimed, with every `Not(a_i)` challenge added in order.
fn and_with_challenges(
    chain: &mut Chain,
    b: &Builder,
    n: u8,
) -> (Property, Vec<Property>, Vec<Property>) {
    let kids: Vec<Property> = (0..n).map(|i| true_atom(b, i)).collect();
    let p = b.and(kids.iter());
    claim(chain, &p);
    let qs: Vec<Property> = kids.iter().map(|k| b.not(k)).collect();
    for (i, q) in qs.iter().enumerate() {
        challenge_ok(chain, &p, &[uint(i as u64)], q);
    }
    (p, kids, qs)
}

// ---------------------------------------------------------------------- removeChallenge

#[test]
fn remove_challenge_game_not_found() {
    let (mut chain, _, b) = setup();
    let a = true_atom(&b, 1);
    let p = b.and([a.clone()]);
    let out = chain.remove_challenge(ALICE, &p, &b.not(&a)).unwrap();
    assert_eq!(out.result, Err(Revert::GameNotFound { game_id: p.id() }));
}

#[test]
fn remove_challenge_game_already_decided() {
    let (mut chain, _, b) = setup();
    let (p, kids, qs) = and_with_challenges(&mut chain, &b, 1);
    decide_not_false(&mut chain, &qs[0], &kids[0]);
    chain.advance(7);
    chain
        .remove_challenge(ALICE, &p, &qs[0])
        .unwrap()
        .result
        .unwrap();
    chain
        .decide_claim_to_true(ALICE, p.id())
        .unwrap()
        .result
        .unwrap();
    let out = chain.remove_challenge(ALICE, &p, &qs[0]).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::GameAlreadyDecided { game_id: p.id() })
    );
}

#[test]
fn remove_challenge_not_found_before_decision_check() {
    let (mut chain, _, b) = setup();
    let (p, kids, _) = and_with_challenges(&mut chain, &b, 1);
    // A False game that is not among P's challenges: ChallengeNotFound, not a decision error.
    let other = b.not(true_atom(&b, 9));
    claim(&mut chain, &other);
    decide_not_false(&mut chain, &other, &true_atom(&b, 9));
    let out = chain.remove_challenge(ALICE, &p, &other).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::ChallengeNotFound {
            game_id: p.id(),
            challenge_game_id: other.id()
        })
    );
    let out = chain.remove_challenge(ALICE, &p, &kids[0]).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::ChallengeNotFound {
            game_id: p.id(),
            challenge_game_id: kids[0].id()
        })
    );
}

#[test]
fn remove_challenge_requires_decided_false() {
    let (mut chain, _, b) = setup();
    let (p, kids, qs) = and_with_challenges(&mut chain, &b, 2);
    // Undecided.
    let out = chain.remove_challenge(ALICE, &p, &qs[0]).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::ChallengeNotDecidedFalse {
            challenge_game_id: qs[0].id()
        })
    );
    // Decided True (Not(a1) with a1 ... make a1's Not True: its inner is a True atom, so use
    // the witness path on a property that is witness-decidable instead).
    let t = b.not(b.not(&kids[1]));
    let p2 = b.and([b.not(&kids[1]).encode()]);
    claim(&mut chain, &p2);
    challenge_ok(&mut chain, &p2, &[uint(0)], &t);
    chain
        .decide_claim_with_witness(ALICE, &t, &[])
        .unwrap()
        .result
        .unwrap();
    let out = chain.remove_challenge(ALICE, &p2, &t).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::ChallengeNotDecidedFalse {
            challenge_game_id: t.id()
        })
    );
    // Decided False: removed.
    decide_not_false(&mut chain, &qs[0], &kids[0]);
    let out = chain.remove_challenge(BOB, &p, &qs[0]).unwrap();
    assert_eq!(out.result, Ok(()));
    assert_eq!(out.events, vec![removed(&p, &qs[0])]);
}

#[test]
fn remove_challenge_is_allowed_after_the_period() {
    let (mut chain, _, b) = setup();
    let (p, kids, qs) = and_with_challenges(&mut chain, &b, 1);
    decide_not_false(&mut chain, &qs[0], &kids[0]);
    chain.advance(50);
    assert_eq!(
        chain.remove_challenge(ALICE, &p, &qs[0]).unwrap().result,
        Ok(())
    );
}

#[rstest]
#[case::remove_first(&[0], &[3, 1, 2])]
#[case::remove_middle(&[1], &[0, 3, 2])]
#[case::remove_last(&[3], &[0, 1, 2])]
#[case::remove_first_then_first(&[0, 3], &[2, 1])]
#[case::remove_all_from_front(&[0, 3, 2, 1], &[])]
#[case::remove_all_from_back(&[3, 2, 1, 0], &[])]
#[case::remove_1_then_2(&[1, 2], &[0, 3])]
fn remove_challenge_swap_and_pop(#[case] removals: &[usize], #[case] left: &[usize]) {
    let (mut chain, _, b) = setup();
    let (p, kids, qs) = and_with_challenges(&mut chain, &b, 4);
    for &i in removals {
        decide_not_false(&mut chain, &qs[i], &kids[i]);
        let out = chain.remove_challenge(ALICE, &p, &qs[i]).unwrap();
        assert_eq!(out.events, vec![removed(&p, &qs[i])]);
    }
    let expected: Vec<B256> = left.iter().map(|&i| qs[i].id()).collect();
    assert_eq!(chain.get_game(p.id()).unwrap().challenges, expected);
    // Removing again: not found.
    for &i in removals {
        let out = chain.remove_challenge(ALICE, &p, &qs[i]).unwrap();
        assert_eq!(
            out.result,
            Err(Revert::ChallengeNotFound {
                game_id: p.id(),
                challenge_game_id: qs[i].id()
            })
        );
    }
    // The remaining ones can still be removed, by id, wherever they moved.
    for &i in left {
        decide_not_false(&mut chain, &qs[i], &kids[i]);
        chain
            .remove_challenge(ALICE, &p, &qs[i])
            .unwrap()
            .result
            .unwrap();
    }
    assert!(chain.get_game(p.id()).unwrap().challenges.is_empty());
}

// ---------------------------------------------------------------------- decideClaimToTrue

#[test]
fn decide_to_true_game_not_found() {
    let (mut chain, _, _) = setup();
    let id = B256::repeat_byte(7);
    let out = chain.decide_claim_to_true(ALICE, id).unwrap();
    assert_eq!(out.result, Err(Revert::GameNotFound { game_id: id }));
    let out = chain.decide_claim_to_true(ALICE, B256::ZERO).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::GameNotFound {
            game_id: B256::ZERO
        })
    );
}

#[test]
fn decide_to_true_not_a_connective_before_period_check() {
    let (mut chain, d, b) = setup();
    let a = true_atom(&b, 1);
    claim(&mut chain, &a);
    let out = chain.decide_claim_to_true(ALICE, a.id()).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::NotAConnective { predicate: d.equal })
    );
    chain.advance(100);
    let out = chain.decide_claim_to_true(ALICE, a.id()).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::NotAConnective { predicate: d.equal })
    );
    assert!(!chain.is_decidable(a.id()).unwrap());
}

#[rstest]
#[case::same_block(7, 0, false)]
#[case::period_minus_one(7, 6, false)]
#[case::period(7, 7, true)]
#[case::long_after(7, 500, true)]
#[case::period_1_same_block(1, 0, false)]
#[case::period_1_next_block(1, 1, true)]
#[case::period_3_minus_one(3, 2, false)]
#[case::period_3(3, 3, true)]
fn decide_to_true_period_edges(#[case] period: u64, #[case] after: u64, #[case] ok: bool) {
    let snapshot = match period {
        1 => &*PERIOD_1,
        3 => &*PERIOD_3,
        _ => &*PERIOD_7,
    };
    let (mut chain, _, b) = setup_from(snapshot);
    chain.advance(10);
    let p = b.not(false_atom(&b, 1));
    claim(&mut chain, &p);
    chain.advance(after);
    assert_eq!(chain.is_decidable(p.id()).unwrap(), ok);
    let out = chain.decide_claim_to_true(BOB, p.id()).unwrap();
    if ok {
        assert_eq!(out.result, Ok(()));
        assert_eq!(out.events, vec![decided(&p, true)]);
        assert!(chain.is_decided(&p).unwrap());
        assert_eq!(chain.get_game(p.id()).unwrap().decision, Decision::True);
    } else {
        assert_eq!(
            out.result,
            Err(Revert::DisputePeriodNotOver { game_id: p.id() })
        );
        assert!(!chain.is_decided(&p).unwrap());
    }
    assert!(!chain.is_decidable(p.id()).unwrap());
}

#[test]
fn decide_to_true_challenges_remain_after_period_not_before() {
    let (mut chain, _, b) = setup();
    let a = true_atom(&b, 1);
    let p = b.not(&a);
    claim(&mut chain, &p);
    challenge_ok(&mut chain, &p, &[], &a);
    let out = chain.decide_claim_to_true(ALICE, p.id()).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::DisputePeriodNotOver { game_id: p.id() })
    );
    chain.advance(7);
    let out = chain.decide_claim_to_true(ALICE, p.id()).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::ChallengesRemain { game_id: p.id() })
    );
    assert!(!chain.is_decidable(p.id()).unwrap());
}

#[test]
fn decide_to_true_after_every_challenge_is_removed() {
    let (mut chain, _, b) = setup();
    let (p, kids, qs) = and_with_challenges(&mut chain, &b, 2);
    for i in 0..2 {
        decide_not_false(&mut chain, &qs[i], &kids[i]);
        chain
            .remove_challenge(ALICE, &p, &qs[i])
            .unwrap()
            .result
            .unwrap();
    }
    chain.advance(7);
    assert!(chain.is_decidable(p.id()).unwrap());
    let out = chain.decide_claim_to_true(ALICE, p.id()).unwrap();
    assert_eq!(out.events, vec![decided(&p, true)]);
}

#[test]
fn decide_to_true_game_already_decided() {
    let (mut chain, _, b) = setup();
    let p = b.not(false_atom(&b, 1));
    claim(&mut chain, &p);
    chain.advance(7);
    chain
        .decide_claim_to_true(ALICE, p.id())
        .unwrap()
        .result
        .unwrap();
    let out = chain.decide_claim_to_true(ALICE, p.id()).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::GameAlreadyDecided { game_id: p.id() })
    );
}

// ---------------------------------------------------------------------- decideClaimToFalse

#[test]
fn decide_to_false_rows() {
    let (mut chain, _, b) = setup();
    let a = true_atom(&b, 1);
    let p = b.not(&a);
    // GameNotFound.
    let out = chain.decide_claim_to_false(ALICE, &p, &a).unwrap();
    assert_eq!(out.result, Err(Revert::GameNotFound { game_id: p.id() }));
    claim(&mut chain, &p);
    // ChallengeNotFound, even though the would-be challenge is decided True.
    claim(&mut chain, &a);
    chain.decide_true(ALICE, &a).unwrap().result.unwrap();
    let out = chain.decide_claim_to_false(ALICE, &p, &a).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::ChallengeNotFound {
            game_id: p.id(),
            challenge_game_id: a.id()
        })
    );
    // Among the challenges and True: decided False, even after the period.
    challenge_ok(&mut chain, &p, &[], &a);
    chain.advance(30);
    let out = chain.decide_claim_to_false(BOB, &p, &a).unwrap();
    assert_eq!(out.result, Ok(()));
    assert_eq!(out.events, vec![decided(&p, false)]);
    assert_eq!(chain.get_game(p.id()).unwrap().decision, Decision::False);
    assert!(!chain.is_decided(&p).unwrap());
    // GameAlreadyDecided.
    let out = chain.decide_claim_to_false(BOB, &p, &a).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::GameAlreadyDecided { game_id: p.id() })
    );
}

#[test]
fn decide_to_false_requires_challenge_decided_true() {
    let (mut chain, _, b) = setup();
    let a = false_atom(&b, 1);
    let p = b.not(&a);
    claim(&mut chain, &p);
    challenge_ok(&mut chain, &p, &[], &a);
    let out = chain.decide_claim_to_false(ALICE, &p, &a).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::ChallengeNotDecidedTrue {
            challenge_game_id: a.id()
        })
    );
    chain.decide_false(ALICE, &a).unwrap().result.unwrap();
    let out = chain.decide_claim_to_false(ALICE, &p, &a).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::ChallengeNotDecidedTrue {
            challenge_game_id: a.id()
        })
    );
    // ... and the False challenge can be removed instead.
    chain
        .remove_challenge(ALICE, &p, &a)
        .unwrap()
        .result
        .unwrap();
    let out = chain.decide_claim_to_false(ALICE, &p, &a).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::ChallengeNotFound {
            game_id: p.id(),
            challenge_game_id: a.id()
        })
    );
}

// ---------------------------------------------------------------------- decideClaimWithWitness

#[test]
fn decide_with_witness_rows() {
    let (mut chain, _, b) = setup();
    let a = true_atom(&b, 1);
    let p = b.not(b.not(&a));
    let out = chain.decide_claim_with_witness(ALICE, &p, &[]).unwrap();
    assert_eq!(out.result, Err(Revert::GameNotFound { game_id: p.id() }));
    claim(&mut chain, &p);
    // A pending challenge does not block the witness.
    challenge_ok(&mut chain, &p, &[], &b.not(&a));
    let out = chain
        .decide_claim_with_witness(BOB, &p, &[raw(b"extra witness is ignored by atomics")])
        .unwrap();
    assert_eq!(out.result, Ok(()));
    assert_eq!(out.events, vec![decided(&p, true)]);
    assert!(chain.is_decided(&p).unwrap());
    let out = chain.decide_claim_with_witness(BOB, &p, &[]).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::GameAlreadyDecided { game_id: p.id() })
    );
}

#[rstest]
#[case::not_of_false_atom(with_b(|b| (b.not(false_atom(b, 1)), vec![])))]
#[case::not_not_false_atom(with_b(|b| (b.not(b.not(false_atom(b, 1))), vec![])))]
#[case::false_atom(with_b(|b| (false_atom(b, 1), vec![])))]
#[case::for_all_never(with_b(|b| (b.for_all("h", "x", true_atom(b, 1)), vec![uint(0)])))]
#[case::and_wrong_witness_count(with_b(|b| (b.and([true_atom(b, 1)]), vec![])))]
#[case::or_empty_witness(with_b(|b| (b.or([true_atom(b, 1)]), vec![])))]
fn decide_with_witness_rejected(#[case] case: impl Fn(&Builder) -> (Property, Vec<Bytes>)) {
    let (mut chain, _, b) = setup();
    let (p, w) = case(&b);
    claim(&mut chain, &p);
    let out = chain.decide_claim_with_witness(ALICE, &p, &w).unwrap();
    assert_eq!(out.result, Err(Revert::WitnessRejected { game_id: p.id() }));
    assert_eq!(
        chain.get_game(p.id()).unwrap().decision,
        Decision::Undecided
    );
}

#[rstest]
#[case::true_atom(with_b(|b| (true_atom(b, 1), vec![])))]
#[case::and_of_atoms(with_b(|b| (b.and([true_atom(b, 1), true_atom(b, 2)]), vec![abi::encode_bytes_array(&[]), abi::encode_bytes_array(&[])])))]
#[case::or_second(with_b(|b| (b.or([false_atom(b, 1), true_atom(b, 2)]), vec![uint(1)])))]
#[case::there_exists(with_b(|b| (b.there_exists("h", "x", b.equal(var("x"), vec![5u8])), vec![raw(&[5])])))]
#[case::empty_and(with_b(|b| (b.and(Vec::<Bytes>::new()), vec![])))]
fn decide_with_witness_accepted(#[case] case: impl Fn(&Builder) -> (Property, Vec<Bytes>)) {
    let (mut chain, _, b) = setup();
    let (p, w) = case(&b);
    claim(&mut chain, &p);
    chain.advance(100); // no period check either
    let out = chain.decide_claim_with_witness(ALICE, &p, &w).unwrap();
    assert_eq!(out.result, Ok(()));
    assert_eq!(out.events, vec![decided(&p, true)]);
}

// ---------------------------------------------------------------------- setPredicateDecision

#[test]
fn set_predicate_decision_caller_checks() {
    let (mut chain, d, b) = setup();
    let a = true_atom(&b, 1);
    claim(&mut chain, &a);
    let out = chain.set_predicate_decision(ALICE, &a, true).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::CallerNotPredicate { caller: ALICE })
    );
    // msg.sender == predicateAddress, but not registered.
    let own = b.at(ALICE, [raw(b"x")]);
    let out = chain.set_predicate_decision(ALICE, &own, true).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::CallerNotPredicate { caller: ALICE })
    );
    // A registered contract address as the EOA sender still differs from msg.sender check:
    // the deployer is no predicate either.
    let out = chain.set_predicate_decision(d.deployer, &a, false).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::CallerNotPredicate { caller: d.deployer })
    );
    assert_eq!(
        chain.get_game(a.id()).unwrap().decision,
        Decision::Undecided
    );
}

#[test]
fn atomic_decide_true_and_false_paths() {
    let (mut chain, _, b) = setup();
    let t = true_atom(&b, 1);
    let f = false_atom(&b, 1);
    // No game: the UAC's GameNotFound bubbles up through the predicate.
    assert_eq!(
        chain.decide_true(ALICE, &t).unwrap().result,
        Err(Revert::GameNotFound { game_id: t.id() })
    );
    assert_eq!(
        chain.decide_false(ALICE, &f).unwrap().result,
        Err(Revert::GameNotFound { game_id: f.id() })
    );
    claim(&mut chain, &t);
    claim(&mut chain, &f);
    assert_eq!(
        chain.decide_false(ALICE, &t).unwrap().result,
        Err(Revert::NotFalse)
    );
    assert_eq!(
        chain.decide_true(ALICE, &f).unwrap().result,
        Err(Revert::NotTrue)
    );
    let out = chain.decide_true(BOB, &t).unwrap();
    assert_eq!(out.events, vec![atomic_decided(&t, true)]);
    let out = chain.decide_false(BOB, &f).unwrap();
    assert_eq!(out.events, vec![atomic_decided(&f, false)]);
    assert_eq!(chain.get_game(t.id()).unwrap().decision, Decision::True);
    assert_eq!(chain.get_game(f.id()).unwrap().decision, Decision::False);
    assert_eq!(
        chain.decide_true(ALICE, &t).unwrap().result,
        Err(Revert::GameAlreadyDecided { game_id: t.id() })
    );
    assert_eq!(
        chain.decide_false(ALICE, &f).unwrap().result,
        Err(Revert::GameAlreadyDecided { game_id: f.id() })
    );
}

#[test]
fn atomic_decide_emits_from_the_uac() {
    let (mut chain, d, b) = setup();
    let t = true_atom(&b, 1);
    claim(&mut chain, &t);
    let out = chain.decide_true(BOB, &t).unwrap();
    assert_eq!(out.logs.len(), 1);
    assert_eq!(out.logs[0].address, d.uac);
    assert_eq!(
        ovm_chain::events::decode_from(&out.logs[0], d.uac),
        atomic_decided(&t, true)
    );
}

#[test]
fn not_decide_true_rows() {
    let (mut chain, _, b) = setup();
    let inner = false_atom(&b, 1);
    let p = b.not(&inner);
    // Inner has no game.
    let out = chain.not_decide_true(ALICE, &inner).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::InnerNotFalse {
            inner_game_id: inner.id()
        })
    );
    claim(&mut chain, &inner);
    let out = chain.not_decide_true(ALICE, &inner).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::InnerNotFalse {
            inner_game_id: inner.id()
        })
    );
    chain.decide_false(ALICE, &inner).unwrap().result.unwrap();
    // Inner False but Not(inner) not claimed.
    let out = chain.not_decide_true(ALICE, &inner).unwrap();
    assert_eq!(out.result, Err(Revert::GameNotFound { game_id: p.id() }));
    claim(&mut chain, &p);
    let out = chain.not_decide_true(ALICE, &inner).unwrap();
    assert_eq!(out.result, Ok(()));
    assert_eq!(out.events, vec![atomic_decided(&p, true)]);
    assert_eq!(
        chain.not_decide_true(ALICE, &inner).unwrap().result,
        Err(Revert::GameAlreadyDecided { game_id: p.id() })
    );
    // Inner decided True: InnerNotFalse.
    let t = true_atom(&b, 2);
    claim(&mut chain, &t);
    chain.decide_true(ALICE, &t).unwrap().result.unwrap();
    claim(&mut chain, &b.not(&t));
    let out = chain.not_decide_true(ALICE, &t).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::InnerNotFalse {
            inner_game_id: t.id()
        })
    );
}

#[test]
fn and_decide_true_rows() {
    let (mut chain, _, b) = setup();
    let kids: Vec<Property> = (0..3).map(|i| true_atom(&b, i)).collect();
    let p = b.and(kids.iter());
    claim(&mut chain, &p);
    let out = chain.and_decide_true(ALICE, &kids).unwrap();
    assert_eq!(out.result, Err(Revert::ChildNotTrue { index: U256::ZERO }));
    for k in &kids {
        claim(&mut chain, k);
    }
    chain.decide_true(ALICE, &kids[0]).unwrap().result.unwrap();
    chain.decide_true(ALICE, &kids[2]).unwrap().result.unwrap();
    let out = chain.and_decide_true(ALICE, &kids).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::ChildNotTrue {
            index: U256::from(1)
        })
    );
    chain.decide_true(ALICE, &kids[1]).unwrap().result.unwrap();
    // Order matters: a permutation is another property without a game.
    let swapped = vec![kids[1].clone(), kids[0].clone(), kids[2].clone()];
    let out = chain.and_decide_true(ALICE, &swapped).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::GameNotFound {
            game_id: b.and(swapped.iter()).id()
        })
    );
    let out = chain.and_decide_true(ALICE, &kids).unwrap();
    assert_eq!(out.events, vec![atomic_decided(&p, true)]);
    // And() of no children.
    let empty = b.and(Vec::<Bytes>::new());
    claim(&mut chain, &empty);
    assert_eq!(
        chain.and_decide_true(ALICE, &[]).unwrap().events,
        vec![atomic_decided(&empty, true)]
    );
}

#[test]
fn and_decide_true_child_decided_false() {
    let (mut chain, _, b) = setup();
    let kids = vec![false_atom(&b, 1)];
    claim(&mut chain, &b.and(kids.iter()));
    claim(&mut chain, &kids[0]);
    chain.decide_false(ALICE, &kids[0]).unwrap().result.unwrap();
    let out = chain.and_decide_true(ALICE, &kids).unwrap();
    assert_eq!(out.result, Err(Revert::ChildNotTrue { index: U256::ZERO }));
}

// ---------------------------------------------------------------------- finality

/// Every state-changing entry point on a decided game fails, and the decision stays.
fn assert_final(chain: &mut Chain, b: &Builder, p: &Property, q: &Property, decision: Decision) {
    let id = p.id();
    let before = chain.get_game(id).unwrap();
    assert_eq!(before.decision, decision);
    let already = Err(Revert::GameAlreadyDecided { game_id: id });
    assert_eq!(
        chain.claim_property(ALICE, p).unwrap().result,
        Err(Revert::GameAlreadyExists { game_id: id })
    );
    assert_eq!(chain.challenge(ALICE, p, &[], q).unwrap().result, already);
    assert_eq!(chain.remove_challenge(ALICE, p, q).unwrap().result, already);
    assert_eq!(
        chain.decide_claim_to_true(ALICE, id).unwrap().result,
        already
    );
    assert_eq!(
        chain.decide_claim_to_false(ALICE, p, q).unwrap().result,
        already
    );
    assert_eq!(
        chain
            .decide_claim_with_witness(ALICE, p, &[])
            .unwrap()
            .result,
        already
    );
    if let Some(inner) = p.inputs.first().and_then(|x| Property::decode_canonical(x))
        && p.predicate
            == b.registry()
                .connective_address(ovm_core::ConnectiveKind::Not)
    {
        let r = chain.not_decide_true(ALICE, &inner).unwrap().result;
        assert!(
            r == already
                || r == Err(Revert::InnerNotFalse {
                    inner_game_id: inner.id()
                }),
            "{r:?}"
        );
    }
    chain.advance(100);
    assert_eq!(
        chain.decide_claim_to_true(ALICE, id).unwrap().result,
        already
    );
    assert_eq!(chain.get_game(id).unwrap(), before);
}

#[test]
fn finality_after_decide_to_true() {
    let (mut chain, _, b) = setup();
    let inner = false_atom(&b, 1);
    let p = b.not(&inner);
    claim(&mut chain, &p);
    chain.advance(7);
    chain
        .decide_claim_to_true(ALICE, p.id())
        .unwrap()
        .result
        .unwrap();
    // Even the inner becoming False later (Not.decideTrue) cannot decide it again.
    claim(&mut chain, &inner);
    chain.decide_false(ALICE, &inner).unwrap().result.unwrap();
    assert_final(&mut chain, &b, &p, &inner, Decision::True);
}

#[test]
fn finality_after_decide_to_false() {
    let (mut chain, _, b) = setup();
    let a = true_atom(&b, 1);
    let p = b.not(&a);
    claim(&mut chain, &p);
    decide_not_false(&mut chain, &p, &a);
    assert_final(&mut chain, &b, &p, &a, Decision::False);
}

#[test]
fn finality_after_witness() {
    let (mut chain, _, b) = setup();
    let a = true_atom(&b, 1);
    let p = b.not(b.not(&a));
    claim(&mut chain, &p);
    chain
        .decide_claim_with_witness(ALICE, &p, &[])
        .unwrap()
        .result
        .unwrap();
    assert_final(&mut chain, &b, &p, &b.not(&a), Decision::True);
}

#[test]
fn finality_of_atomic_decisions() {
    let (mut chain, _, b) = setup();
    let t = true_atom(&b, 1);
    claim(&mut chain, &t);
    chain.decide_true(ALICE, &t).unwrap().result.unwrap();
    assert_eq!(
        chain.decide_false(ALICE, &t).unwrap().result,
        Err(Revert::NotFalse)
    );
    assert_eq!(
        chain.decide_true(ALICE, &t).unwrap().result,
        Err(Revert::GameAlreadyDecided { game_id: t.id() })
    );
    assert_final(&mut chain, &b, &t, &false_atom(&b, 1), Decision::True);
}

#[test]
fn finality_of_not_decide_true() {
    let (mut chain, _, b) = setup();
    let inner = false_atom(&b, 3);
    let p = b.not(&inner);
    claim(&mut chain, &p);
    challenge_ok(&mut chain, &p, &[], &inner);
    chain.decide_false(ALICE, &inner).unwrap().result.unwrap();
    chain
        .not_decide_true(ALICE, &inner)
        .unwrap()
        .result
        .unwrap();
    assert_final(&mut chain, &b, &p, &inner, Decision::True);
}

// ---------------------------------------------------------------------- views

#[test]
fn views_of_a_missing_game_are_zero() {
    let (mut chain, _, b) = setup();
    let p = true_atom(&b, 1);
    assert_eq!(
        chain.get_game(p.id()).unwrap(),
        ovm_core::ChallengeGame::default()
    );
    assert_eq!(chain.get_game_predicate(p.id()).unwrap(), Address::ZERO);
    assert!(!chain.is_decided(&p).unwrap());
    assert!(!chain.is_decidable(p.id()).unwrap());
}

#[test]
fn is_decidable_tracks_decide_to_true() {
    let (mut chain, _, b) = setup();
    let (p, kids, qs) = and_with_challenges(&mut chain, &b, 1);
    assert!(!chain.is_decidable(p.id()).unwrap());
    decide_not_false(&mut chain, &qs[0], &kids[0]);
    chain.advance(7);
    assert!(!chain.is_decidable(p.id()).unwrap(), "a challenge remains");
    chain
        .remove_challenge(ALICE, &p, &qs[0])
        .unwrap()
        .result
        .unwrap();
    assert!(chain.is_decidable(p.id()).unwrap());
    chain
        .decide_claim_to_true(ALICE, p.id())
        .unwrap()
        .result
        .unwrap();
    assert!(!chain.is_decidable(p.id()).unwrap());
}
