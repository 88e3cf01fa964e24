//! Spec §6: `claimProperty` and `challenge`, every requirement positive and violated on its own,
//! in the order the spec checks them; auto-claim events; depth limits; duplicates, re-adds.

mod common;

use alloy_primitives::{Address, B256, Bytes, U256};
use common::*;
use ovm_chain::{Chain, Deployment, OvmEvent, Revert};
use ovm_core::{Builder, Decision, Property, depth};
use rstest::rstest;

#[rstest]
#[case::true_atomic(with_d(|b, _| (true_atom(b, 1), None)))]
#[case::false_atomic(with_d(|b, _| (false_atom(b, 1), None)))]
#[case::not_raw(with_d(|b, _| (b.not(raw(b"raw")), None)))]
#[case::empty_and(with_d(|b, _| (b.and(Vec::<Bytes>::new()), None)))]
#[case::empty_or(with_d(|b, _| (b.or(Vec::<Bytes>::new()), None)))]
#[case::for_all(with_d(|b, _| (b.for_all("h", "x", b.equal(var("x"), var("x"))), None)))]
#[case::there_exists(with_d(|b, _| (b.there_exists("h", "x", var("x")), None)))]
#[case::quantifier_wrong_arity(with_d(|b, d| (b.at(d.for_all, [raw(b"h"), raw(b"x")]), None)))]
#[case::every_atomic_kind(with_d(|b, d| (b.at(d.verify_inclusion, Vec::<Bytes>::new()), None)))]
#[case::is_stored_atomic(with_d(|b, d| (b.at(d.is_stored, [raw(b"anything")]), None)))]
#[case::unknown_test_address(with_d(|b, _| (unregistered(b, 1), Some(Revert::UnknownPredicate { predicate: Address::with_last_byte(1) }))))]
#[case::unknown_zero_address(with_d(|b, _| (b.at(Address::ZERO, [raw(b"x")]), Some(Revert::UnknownPredicate { predicate: Address::ZERO }))))]
#[case::unknown_storage_contract(with_d(|b, d| (b.at(d.commitment, [raw(b"x")]), Some(Revert::UnknownPredicate { predicate: d.commitment }))))]
#[case::unknown_uac_itself(with_d(|b, d| (b.at(d.uac, Vec::<Bytes>::new()), Some(Revert::UnknownPredicate { predicate: d.uac }))))]
#[case::unknown_eoa(with_d(|b, _| (b.at(ALICE, Vec::<Bytes>::new()), Some(Revert::UnknownPredicate { predicate: ALICE }))))]
#[case::depth_32(with_d(|b, _| (nots(b, &true_atom(b, 1), 31), None)))]
#[case::depth_33(with_d(|b, _| (nots(b, &true_atom(b, 1), 32), Some(Revert::TooDeep { depth: U256::from(33) }))))]
#[case::depth_34(with_d(|b, _| (nots(b, &true_atom(b, 1), 33), Some(Revert::TooDeep { depth: U256::from(34) }))))]
#[case::depth_35(with_d(|b, _| (nots(b, &true_atom(b, 1), 34), Some(Revert::TooDeep { depth: U256::from(35) }))))]
#[case::depth_200_capped_without_exhausting_gas(with_d(|b, _| (nots(b, &true_atom(b, 1), 199), Some(Revert::TooDeep { depth: U256::from(35) }))))]
#[case::depth_50_capped(with_d(|b, _| (nots(b, &true_atom(b, 1), 49), Some(Revert::TooDeep { depth: U256::from(35) }))))]
#[case::depth_32_raw_leaf(with_d(|b, _| (nots(b, &b.not(raw(b"r")), 31), None)))]
#[case::depth_33_via_quantifier(with_d(|b, _| (b.for_all("h", "x", nots(b, &true_atom(b, 1), 31)), Some(Revert::TooDeep { depth: U256::from(33) }))))]
#[case::depth_32_placeholder_body(with_d(|b, _| (nots(b, &b.for_all("h", "x", var("x")), 30), None)))]
#[case::depth_33_placeholder_body(with_d(|b, _| (nots(b, &b.for_all("h", "x", var("x")), 31), Some(Revert::TooDeep { depth: U256::from(33) }))))]
#[case::depth_unregistered_inner_counts_1(with_d(|b, _| (nots(b, &unregistered(b, 9), 31), None)))]
#[case::depth_and_takes_max(with_d(|b, _| (b.and([true_atom(b, 1), nots(b, &true_atom(b, 2), 31)]), Some(Revert::TooDeep { depth: U256::from(33) }))))]
fn claim_property(#[case] case: impl Fn(&Builder, &Deployment) -> (Property, Option<Revert>)) {
    let (mut chain, d, b) = setup();
    let (p, expected) = case(&b, &d);
    let block = chain.block_number();
    let out = chain.claim_property(ALICE, &p).unwrap();
    match expected {
        None => {
            assert_eq!(out.result, Ok(()));
            assert_eq!(out.events, vec![claimed(&p, block)]);
            let game = chain.get_game(p.id()).unwrap();
            assert_eq!(game.property_hash, p.id());
            assert_eq!(game.created_block, block);
            assert_eq!(game.decision, Decision::Undecided);
            assert!(game.challenges.is_empty());
            assert_eq!(chain.get_game_predicate(p.id()).unwrap(), p.predicate);
        }
        Some(revert) => {
            assert_eq!(out.result, Err(revert));
            assert!(out.events.is_empty());
            assert_eq!(chain.get_game(p.id()).unwrap().property_hash, B256::ZERO);
            assert_eq!(chain.get_game_predicate(p.id()).unwrap(), Address::ZERO);
        }
    }
}

#[test]
fn claim_twice_is_game_already_exists_even_after_decision() {
    let (mut chain, _, b) = setup();
    let p = true_atom(&b, 1);
    claim(&mut chain, &p);
    let again = chain.claim_property(BOB, &p).unwrap();
    assert_eq!(
        again.result,
        Err(Revert::GameAlreadyExists { game_id: p.id() })
    );
    chain.decide_true(BOB, &p).unwrap().result.unwrap();
    chain.advance(100);
    let again = chain.claim_property(BOB, &p).unwrap();
    assert_eq!(
        again.result,
        Err(Revert::GameAlreadyExists { game_id: p.id() })
    );
}

#[test]
fn claim_records_the_current_block() {
    let (mut chain, _, b) = setup();
    chain.advance(41);
    let p = true_atom(&b, 7);
    let out = chain.claim_property(ALICE, &p).unwrap();
    assert_eq!(out.events, vec![claimed(&p, 42)]);
    assert_eq!(chain.get_game(p.id()).unwrap().created_block, 42);
}

#[rstest]
#[case::atomic(with_b(|b| true_atom(b, 1)))]
#[case::not_raw(with_b(|b| b.not(raw(b"raw"))))]
#[case::unregistered(with_b(|b| unregistered(b, 3)))]
#[case::raw_child_of_and(with_b(|b| b.and([raw(b"r"), Bytes::from(true_atom(b, 1))])))]
#[case::for_all_placeholder(with_b(|b| b.for_all("h", "x", var("x"))))]
#[case::for_all_two_inputs(with_b(|b| b.at(b.registry().connective_address(ovm_core::ConnectiveKind::ForAll), [raw(b"h"), raw(b"x")])))]
#[case::there_exists_nested(with_b(|b| b.there_exists("h", "x", b.or([b.not(var("x")), b.and([true_atom(b, 2)])]))))]
#[case::deep_capped(with_b(|b| nots(b, &true_atom(b, 1), 40)))]
fn on_chain_depth_matches_ovm_core(#[case] make: impl Fn(&Builder) -> Property) {
    let (mut chain, _, b) = setup();
    let p = make(&b);
    let expected = depth(&p.encode(), b.registry());
    assert_eq!(chain.get_depth(&p).unwrap(), U256::from(expected));
}

// ---------------------------------------------------------------------- challenge

/// `Not(a)` with `a` a True atom: the claim, its one valid challenge.
fn not_game(b: &Builder) -> (Property, Property) {
    let a = true_atom(b, 1);
    (b.not(&a), a)
}

#[test]
fn challenge_claims_a_new_challenge_then_appends_it() {
    let (mut chain, _, b) = setup();
    let (p, q) = not_game(&b);
    claim(&mut chain, &p);
    chain.mine();
    let events = challenge_ok(&mut chain, &p, &[], &q);
    assert_eq!(events, vec![claimed(&q, 2), challenged(&p, &q)]);
    assert_eq!(chain.get_game(p.id()).unwrap().challenges, vec![q.id()]);
    assert_eq!(chain.get_game(q.id()).unwrap().created_block, 2);
}

#[test]
fn challenge_with_an_existing_game_only_appends() {
    let (mut chain, _, b) = setup();
    let (p, q) = not_game(&b);
    claim(&mut chain, &q);
    claim(&mut chain, &p);
    assert_eq!(
        challenge_ok(&mut chain, &p, &[], &q),
        vec![challenged(&p, &q)]
    );
}

#[test]
fn challenge_with_a_decided_game_only_appends() {
    let (mut chain, _, b) = setup();
    let (p, q) = not_game(&b);
    claim(&mut chain, &q);
    chain.decide_true(ALICE, &q).unwrap().result.unwrap();
    claim(&mut chain, &p);
    assert_eq!(
        challenge_ok(&mut chain, &p, &[], &q),
        vec![challenged(&p, &q)]
    );
    assert_eq!(chain.get_game(q.id()).unwrap().decision, Decision::True);
}

#[test]
fn challenge_game_not_found() {
    let (mut chain, _, b) = setup();
    let (p, q) = not_game(&b);
    let out = chain.challenge(BOB, &p, &[], &q).unwrap();
    assert_eq!(out.result, Err(Revert::GameNotFound { game_id: p.id() }));
    // GameNotFound comes first even for a property of an unregistered predicate.
    let u = unregistered(&b, 1);
    let out = chain.challenge(BOB, &u, &[], &q).unwrap();
    assert_eq!(out.result, Err(Revert::GameNotFound { game_id: u.id() }));
}

#[test]
fn challenge_game_already_decided_before_period_check() {
    let (mut chain, _, b) = setup();
    let a = true_atom(&b, 1);
    let p = b.not(b.not(&a));
    let q = b.not(&a);
    claim(&mut chain, &p);
    chain
        .decide_claim_with_witness(ALICE, &p, &[])
        .unwrap()
        .result
        .unwrap();
    let out = chain.challenge(BOB, &p, &[], &q).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::GameAlreadyDecided { game_id: p.id() })
    );
    chain.advance(7);
    let out = chain.challenge(BOB, &p, &[], &q).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::GameAlreadyDecided { game_id: p.id() })
    );
}

#[rstest]
#[case::last_block_inside(6, true)]
#[case::first_block_outside(7, false)]
#[case::long_after(1000, false)]
#[case::same_block(0, true)]
fn challenge_period_edges(#[case] after: u64, #[case] inside: bool) {
    let (mut chain, _, b) = setup();
    let (p, q) = not_game(&b);
    claim(&mut chain, &p);
    chain.advance(after);
    let out = chain.challenge(BOB, &p, &[], &q).unwrap();
    if inside {
        assert_eq!(out.result, Ok(()));
    } else {
        assert_eq!(
            out.result,
            Err(Revert::DisputePeriodOver { game_id: p.id() })
        );
    }
}

#[rstest]
#[case::same_block(0, true)]
#[case::next_block(1, false)]
fn challenge_period_one(#[case] after: u64, #[case] inside: bool) {
    let (mut chain, _, b) = setup_from(&PERIOD_1);
    let (p, q) = not_game(&b);
    claim(&mut chain, &p);
    chain.advance(after);
    let out = chain.challenge(BOB, &p, &[], &q).unwrap();
    let expected = if inside {
        Ok(())
    } else {
        Err(Revert::DisputePeriodOver { game_id: p.id() })
    };
    assert_eq!(out.result, expected);
}

#[test]
fn challenge_period_over_before_not_a_connective() {
    let (mut chain, d, b) = setup();
    let p = true_atom(&b, 1);
    claim(&mut chain, &p);
    let out = chain.challenge(BOB, &p, &[], &false_atom(&b, 1)).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::NotAConnective { predicate: d.equal })
    );
    chain.advance(7);
    let out = chain.challenge(BOB, &p, &[], &false_atom(&b, 1)).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::DisputePeriodOver { game_id: p.id() })
    );
}

#[rstest]
#[case::wrong_property(with_b(|b| true_atom(b, 2)))]
#[case::not_of_challenge(with_b(|b| b.not(b.not(true_atom(b, 1)))))]
#[case::wrong_predicate_same_inputs(with_b(|b| b.is_less_than(vec![1u8], vec![1u8])))]
fn challenge_invalid(#[case] make: impl Fn(&Builder) -> Property) {
    let (mut chain, _, b) = setup();
    let (p, _) = not_game(&b);
    claim(&mut chain, &p);
    let q = make(&b);
    let out = chain.challenge(BOB, &p, &[], &q).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::InvalidChallenge {
            game_id: p.id(),
            challenge_game_id: q.id()
        })
    );
    assert!(chain.get_game(p.id()).unwrap().challenges.is_empty());
    assert_eq!(
        chain.get_game(q.id()).unwrap().property_hash,
        B256::ZERO,
        "an invalid challenge is not claimed"
    );
}

#[test]
fn challenge_duplicate() {
    let (mut chain, _, b) = setup();
    let (p, q) = not_game(&b);
    claim(&mut chain, &p);
    challenge_ok(&mut chain, &p, &[], &q);
    let out = chain.challenge(BOB, &p, &[raw(b"ignored")], &q).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::DuplicateChallenge {
            game_id: p.id(),
            challenge_game_id: q.id()
        })
    );
    assert_eq!(chain.get_game(p.id()).unwrap().challenges, vec![q.id()]);
}

#[test]
fn challenge_auto_claim_of_an_unregistered_predicate() {
    let (mut chain, _, b) = setup();
    let u = unregistered(&b, 5);
    let p = b.not(&u);
    claim(&mut chain, &p);
    assert!(chain.is_valid_challenge(&p, &[], &u).unwrap());
    let out = chain.challenge(BOB, &p, &[], &u).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::UnknownPredicate {
            predicate: u.predicate
        })
    );
    assert!(chain.get_game(p.id()).unwrap().challenges.is_empty());
}

#[test]
fn challenge_auto_claim_reaches_depth_34() {
    let (mut chain, _, b) = setup();
    let p = b.for_all("h", "x", var("x"));
    claim(&mut chain, &p);
    // t of depth 33: Not(t) has depth 34, the deepest challenge allowed.
    let t = nots(&b, &true_atom(&b, 1), 32);
    let q = b.not(&t);
    assert_eq!(depth(&q.encode(), b.registry()), 34);
    let events = challenge_ok(&mut chain, &p, &[t.encode()], &q);
    assert_eq!(events, vec![claimed(&q, 1), challenged(&p, &q)]);
    // The depth-34 game exists, yet claiming it directly is TooDeep (checked before existence).
    let out = chain.claim_property(ALICE, &q).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::TooDeep {
            depth: U256::from(34)
        })
    );
    // t of depth 34 would make a depth-35 challenge: inadmissible, so not a valid challenge.
    let t = nots(&b, &true_atom(&b, 1), 33);
    let q = b.not(&t);
    let out = chain.challenge(BOB, &p, &[t.encode()], &q).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::InvalidChallenge {
            game_id: p.id(),
            challenge_game_id: q.id()
        })
    );
}

#[test]
fn challenge_depth_33_from_an_or_of_depth_32() {
    let (mut chain, _, b) = setup();
    let deep = nots(&b, &true_atom(&b, 1), 30); // depth 31
    let p = b.or([deep.clone()]); // depth 32
    claim(&mut chain, &p);
    let q = b.and([b.not(&deep)]); // depth 33
    assert_eq!(depth(&q.encode(), b.registry()), 33);
    assert_eq!(
        challenge_ok(&mut chain, &p, &[], &q),
        vec![claimed(&q, 1), challenged(&p, &q)]
    );
}

/// Makes `Not(a)` (a True) decided False: challenge it with `a`, decide `a` True, decide.
pub fn decide_not_false(chain: &mut Chain, not_a: &Property, a: &Property) {
    challenge_ok(chain, not_a, &[], a);
    chain.decide_true(ALICE, a).unwrap().result.unwrap();
    chain
        .decide_claim_to_false(ALICE, not_a, a)
        .unwrap()
        .result
        .unwrap();
}

#[test]
fn removed_challenge_may_be_re_added_inside_the_period_only() {
    let (mut chain, _, b) = setup();
    let a = true_atom(&b, 1);
    let p = b.and([a.clone()]);
    let q = b.not(&a);
    claim(&mut chain, &p);
    challenge_ok(&mut chain, &p, &[uint(0)], &q);
    decide_not_false(&mut chain, &q, &a);
    let out = chain.remove_challenge(ALICE, &p, &q).unwrap();
    assert_eq!(
        out.events,
        vec![OvmEvent::ChallengeRemoved {
            game_id: p.id(),
            challenge_game_id: q.id()
        }]
    );
    // Re-added (inside the period): the game exists already, so only ClaimChallenged.
    chain.advance(6);
    assert_eq!(
        challenge_ok(&mut chain, &p, &[uint(0)], &q),
        vec![challenged(&p, &q)]
    );
    chain
        .remove_challenge(ALICE, &p, &q)
        .unwrap()
        .result
        .unwrap();
    chain.mine();
    let out = chain.challenge(BOB, &p, &[uint(0)], &q).unwrap();
    assert_eq!(
        out.result,
        Err(Revert::DisputePeriodOver { game_id: p.id() })
    );
}

#[test]
fn challenge_of_every_and_index_in_order() {
    let (mut chain, _, b) = setup();
    let kids: Vec<Property> = (0..4).map(|i| true_atom(&b, i)).collect();
    let p = b.and(kids.iter());
    claim(&mut chain, &p);
    let qs: Vec<Property> = kids.iter().map(|k| b.not(k)).collect();
    for (i, q) in qs.iter().enumerate().rev() {
        challenge_ok(&mut chain, &p, &[uint(i as u64)], q);
    }
    let ids: Vec<B256> = qs.iter().rev().map(Property::id).collect();
    assert_eq!(chain.get_game(p.id()).unwrap().challenges, ids);
}

#[test]
fn anyone_may_claim_and_challenge() {
    let (mut chain, _, b) = setup();
    let (p, q) = not_game(&b);
    let out = chain.claim_property(ovm_chain::account(77), &p).unwrap();
    assert!(out.is_ok());
    let out = chain.challenge(ovm_chain::DEPLOYER, &p, &[], &q).unwrap();
    assert!(out.is_ok());
}
