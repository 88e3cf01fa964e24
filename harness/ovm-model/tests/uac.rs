//! Every row of spec §6: positive, and with each requirement violated on its own.

mod common;

use common::*;
use ovm_core::{B256, ChallengeGame, Decision, Property, Registry, U256};
use ovm_model::{ScriptedOracle, UacError, UacModel};
use rstest::rstest;

// ------------------------------------------------------------------ constructor

#[rstest]
#[case(0, Some(UacError::InvalidPeriod))]
#[case(1, None)]
#[case(7, None)]
#[case(u64::MAX, None)]
fn constructor_rejects_period_zero(#[case] period: u64, #[case] error: Option<UacError>) {
    let result = UacModel::new(Registry::with_test_addresses(), period);
    assert_eq!(result.as_ref().err(), error.as_ref());
    if let Ok(uac) = result {
        assert_eq!(uac.period(), period);
        assert_eq!(uac.block_number(), 0);
        assert_eq!(uac.game_count(), 0);
    }
}

// ------------------------------------------------------------------ wiring

#[rstest]
#[case::stranger(
    ovm_core::Address::repeat_byte(9),
    UacError::NotDeployer(ovm_core::Address::repeat_byte(9))
)]
#[case::deployer(ovm_core::Address::repeat_byte(1), UacError::AlreadyInitialized)]
fn initialize_again_fails_not_deployer_first(
    #[case] from: ovm_core::Address,
    #[case] error: UacError,
) {
    let uac = UacModel::new(Registry::with_test_addresses(), 7).unwrap();
    let before = uac.clone();
    assert_eq!(
        uac.initialize(ovm_core::Address::repeat_byte(1), from),
        Err(error)
    );
    assert_eq!(uac, before);
}

// ------------------------------------------------------------------ claimProperty

#[rstest]
#[case::atomic(0)]
#[case::block_5(5)]
fn claim_creates_a_game(#[case] block: u64) {
    let mut fx = Fx::new(7);
    fx.uac.set_block_number(block);
    let p = fx.not_atom(1);
    assert_eq!(fx.claim(&p), vec![claimed(&p, block)]);
    assert_eq!(
        fx.uac.get_game(p.id()),
        ChallengeGame {
            property_hash: p.id(),
            challenges: vec![],
            decision: Decision::Undecided,
            created_block: block,
        }
    );
    assert_eq!(fx.uac.get_game_predicate(p.id()), p.predicate);
    assert!(fx.uac.game_exists(p.id()));
    assert!(!fx.uac.is_decided(&p));
}

#[test]
fn claim_requires_a_registered_predicate() {
    let mut fx = Fx::new(7);
    let p = Property::new(STRANGER, [fx.not_atom(1).encode()]);
    fx.expect_err(UacError::UnknownPredicate(STRANGER), |u, _| {
        u.claim_property(&p)
    });
    // Storage contracts are registered, but not as predicates.
    let storage = fx.b.registry().storages().next().expect("one storage");
    let s = Property::new(storage, []);
    fx.expect_err(UacError::UnknownPredicate(storage), |u, _| {
        u.claim_property(&s)
    });
}

#[test]
fn claim_rejects_an_existing_game() {
    let mut fx = Fx::new(7);
    let p = fx.atom(1);
    fx.claim(&p);
    fx.uac.advance(3);
    fx.expect_err(UacError::GameAlreadyExists(p.id()), |u, _| {
        u.claim_property(&p)
    });
    // Also once decided.
    fx.decide_atomic(&p, false);
    fx.expect_err(UacError::GameAlreadyExists(p.id()), |u, _| {
        u.claim_property(&p)
    });
}

#[rstest]
#[case(1, None)]
#[case(31, None)]
#[case(32, None)]
#[case(33, Some(33))]
#[case(34, Some(34))]
#[case(35, Some(35))]
#[case(36, Some(35))]
#[case(60, Some(35))]
fn claim_depth_limit_is_32(#[case] depth: u32, #[case] too_deep: Option<u64>) {
    let mut fx = Fx::new(7);
    let p = fx.of_depth(depth);
    assert_eq!(fx.uac.get_depth(&p), depth.min(35));
    match too_deep {
        None => assert_eq!(fx.claim(&p), vec![claimed(&p, 0)]),
        Some(d) => fx.expect_err(UacError::TooDeep(U256::from(d)), |u, _| {
            u.claim_property(&p)
        }),
    }
}

#[test]
fn claim_checks_depth_before_existence() {
    // A depth-33 game can exist (auto-claimed as a challenge); claiming it says TooDeep.
    let mut fx = Fx::new(7);
    let deep = fx.of_depth(33);
    let p = fx.b.not(&deep);
    assert_eq!(fx.uac.get_depth(&p), 34);
    let shallow_claim = fx.not_atom(1);
    fx.claim(&shallow_claim);
    fx.challenge_ok(&shallow_claim, &deep);
    assert!(fx.uac.game_exists(deep.id()));
    fx.expect_err(UacError::TooDeep(U256::from(33)), |u, _| {
        u.claim_property(&deep)
    });
}

// ------------------------------------------------------------------ challenge

#[test]
fn challenge_auto_claims_the_challenge_first() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.atom(1);
    fx.claim(&p);
    fx.uac.advance(2);
    assert_eq!(
        fx.challenge_ok(&p, &q),
        vec![claimed(&q, 2), challenged(&p, &q)]
    );
    assert_eq!(fx.uac.get_game(p.id()).challenges, ids(&[&q]));
    assert_eq!(
        fx.uac.get_game(q.id()),
        ChallengeGame {
            property_hash: q.id(),
            challenges: vec![],
            decision: Decision::Undecided,
            created_block: 2,
        }
    );
    assert_eq!(fx.uac.get_game_predicate(q.id()), q.predicate);
}

#[rstest]
#[case::undecided(None)]
#[case::decided_true(Some(true))]
#[case::decided_false(Some(false))]
fn challenge_does_not_reclaim_an_existing_game(#[case] state: Option<bool>) {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.atom(1);
    fx.claim(&q);
    if let Some(value) = state {
        fx.decide_atomic(&q, value);
    }
    let q_before = fx.uac.get_game(q.id());
    fx.uac.advance(1);
    fx.claim(&p);
    assert_eq!(fx.challenge_ok(&p, &q), vec![challenged(&p, &q)]);
    assert_eq!(fx.uac.get_game(q.id()), q_before);
}

#[test]
fn challenge_requires_the_game() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.atom(1);
    fx.accept(&p, &[], &q);
    fx.expect_err(UacError::GameNotFound(p.id()), |u, o| {
        u.challenge(o, &p, &[], &q)
    });
}

#[rstest]
#[case(true)]
#[case(false)]
fn challenge_requires_undecided(#[case] decision: bool) {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.atom(1);
    fx.claim(&p);
    fx.uac
        .set_predicate_decision(p.predicate, &p, decision)
        .expect("Not may decide its own property");
    fx.accept(&p, &[], &q);
    fx.expect_err(UacError::GameAlreadyDecided(p.id()), |u, o| {
        u.challenge(o, &p, &[], &q)
    });
    // GameAlreadyDecided comes before DisputePeriodOver.
    fx.uac.advance(100);
    fx.expect_err(UacError::GameAlreadyDecided(p.id()), |u, o| {
        u.challenge(o, &p, &[], &q)
    });
}

#[rstest]
#[case::period_1_same_block(1, 10, 0, true)]
#[case::period_1_next_block(1, 10, 1, false)]
#[case::period_7_last_block(7, 3, 6, true)]
#[case::period_7_first_block_after(7, 3, 7, false)]
#[case::period_7_long_after(7, 3, 1000, false)]
#[case::period_2_at_zero(2, 0, 1, true)]
#[case::period_2_at_zero_over(2, 0, 2, false)]
fn challenge_period_edges(
    #[case] period: u64,
    #[case] created: u64,
    #[case] elapsed: u64,
    #[case] inside: bool,
) {
    let mut fx = Fx::new(period);
    let p = fx.not_atom(1);
    let q = fx.atom(1);
    fx.uac.set_block_number(created);
    fx.claim(&p);
    fx.uac.advance(elapsed);
    fx.accept(&p, &[], &q);
    if inside {
        assert_eq!(
            fx.challenge(&p, &q),
            Ok(vec![claimed(&q, created + elapsed), challenged(&p, &q)])
        );
    } else {
        fx.expect_err(UacError::DisputePeriodOver(p.id()), |u, o| {
            u.challenge(o, &p, &[], &q)
        });
    }
}

#[test]
fn challenge_requires_a_connective() {
    let mut fx = Fx::new(7);
    let p = fx.atom(1);
    let q = fx.atom(2);
    fx.claim(&p);
    fx.accept(&p, &[], &q);
    fx.expect_err(UacError::NotAConnective(p.predicate), |u, o| {
        u.challenge(o, &p, &[], &q)
    });
    // DisputePeriodOver comes before NotAConnective.
    fx.uac.advance(7);
    fx.expect_err(UacError::DisputePeriodOver(p.id()), |u, o| {
        u.challenge(o, &p, &[], &q)
    });
}

#[test]
fn challenge_requires_a_valid_challenge() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.atom(2);
    fx.claim(&p);
    // The oracle accepts (p, [], q) only: other inputs or another challenge are invalid.
    fx.accept(&p, &[], &q);
    let other = fx.atom(3);
    fx.expect_err(UacError::InvalidChallenge(p.id(), other.id()), |u, o| {
        u.challenge(o, &p, &[], &other)
    });
    fx.expect_err(UacError::InvalidChallenge(p.id(), q.id()), |u, o| {
        u.challenge(o, &p, &[index(0)], &q)
    });
    // InvalidChallenge comes before the auto-claim checks.
    let unregistered = Property::new(STRANGER, []);
    fx.expect_err(
        UacError::InvalidChallenge(p.id(), unregistered.id()),
        |u, o| u.challenge(o, &p, &[], &unregistered),
    );
}

#[test]
fn challenge_rejects_a_duplicate() {
    let mut fx = Fx::new(7);
    let p = fx.and_atoms(&[1, 2]);
    let q = fx.b.not(fx.atom(1));
    fx.claim(&p);
    fx.accept(&p, &[index(0)], &q);
    // The same challenge id with other challenge inputs is a duplicate too.
    fx.accept(&p, &[index(5)], &q);
    fx.uac
        .challenge(&fx.oracle, &p, &[index(0)], &q)
        .expect("first challenge");
    fx.expect_err(UacError::DuplicateChallenge(p.id(), q.id()), |u, o| {
        u.challenge(o, &p, &[index(0)], &q)
    });
    fx.expect_err(UacError::DuplicateChallenge(p.id(), q.id()), |u, o| {
        u.challenge(o, &p, &[index(5)], &q)
    });
    // InvalidChallenge comes before DuplicateChallenge.
    let rejecting = ScriptedOracle::new();
    fx.expect_err(UacError::InvalidChallenge(p.id(), q.id()), |u, _| {
        u.challenge(&rejecting, &p, &[index(0)], &q)
    });
}

#[test]
fn challenge_auto_claim_requires_a_registered_predicate() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = Property::new(STRANGER, [fx.atom(1).encode()]);
    fx.claim(&p);
    fx.accept(&p, &[], &q);
    fx.expect_err(UacError::UnknownPredicate(STRANGER), |u, o| {
        u.challenge(o, &p, &[], &q)
    });
}

#[rstest]
#[case(1, None)]
#[case(32, None)]
#[case(33, None)]
#[case(34, None)]
#[case(35, Some(35))]
#[case(50, Some(35))]
fn challenge_depth_limit_is_34(#[case] depth: u32, #[case] too_deep: Option<u64>) {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.of_depth(depth);
    fx.claim(&p);
    fx.accept(&p, &[], &q);
    match too_deep {
        None => assert_eq!(
            fx.challenge(&p, &q),
            Ok(vec![claimed(&q, 0), challenged(&p, &q)])
        ),
        Some(d) => fx.expect_err(UacError::TooDeep(U256::from(d)), |u, o| {
            u.challenge(o, &p, &[], &q)
        }),
    }
}

#[test]
fn challenge_depth_counts_only_for_new_games() {
    // A game that exists is not re-claimed, so its depth is not checked again.
    let mut fx = Fx::new(7);
    let deep = fx.of_depth(34);
    let p1 = fx.not_atom(1);
    let p2 = fx.not_atom(2);
    fx.claim(&p1);
    fx.claim(&p2);
    fx.challenge_ok(&p1, &deep);
    assert_eq!(fx.challenge_ok(&p2, &deep), vec![challenged(&p2, &deep)]);
}

#[test]
fn challenges_keep_insertion_order() {
    let mut fx = Fx::new(7);
    let p = fx.and_atoms(&[1, 2, 3]);
    fx.claim(&p);
    let qs: Vec<Property> = (0..3).map(|i| fx.b.not(fx.atom(i + 1))).collect();
    for (i, q) in qs.iter().enumerate() {
        fx.accept(&p, &[index(i as u64)], q);
        assert_eq!(
            fx.uac.challenge(&fx.oracle, &p, &[index(i as u64)], q),
            Ok(vec![claimed(q, 0), challenged(&p, q)])
        );
    }
    assert_eq!(
        fx.uac.get_game(p.id()).challenges,
        ids(&[&qs[0], &qs[1], &qs[2]])
    );
}

// ------------------------------------------------------------------ removeChallenge

/// A claim with atomic challenges `atom(1..=n)`, in that order.
fn claim_with_challenges(fx: &mut Fx, n: u8) -> (Property, Vec<Property>) {
    let p = fx.and_atoms(&[9]);
    fx.claim(&p);
    let qs: Vec<Property> = (1..=n).map(|i| fx.atom(i)).collect();
    for q in &qs {
        fx.challenge_ok(&p, q);
    }
    (p, qs)
}

#[rstest]
#[case::first_of_four(0, &[3, 1, 2])]
#[case::second_of_four(1, &[0, 3, 2])]
#[case::third_of_four(2, &[0, 1, 3])]
#[case::last_of_four(3, &[0, 1, 2])]
fn remove_challenge_swaps_and_pops(#[case] victim: usize, #[case] order: &[usize]) {
    let mut fx = Fx::new(7);
    let (p, qs) = claim_with_challenges(&mut fx, 4);
    fx.decide_atomic(&qs[victim], false);
    assert_eq!(
        fx.uac.remove_challenge(&p, &qs[victim]),
        Ok(vec![removed(&p, &qs[victim])])
    );
    let expected: Vec<B256> = order.iter().map(|&i| qs[i].id()).collect();
    assert_eq!(fx.uac.get_game(p.id()).challenges, expected);
}

#[test]
fn remove_challenge_sequences_keep_slots_consistent() {
    let mut fx = Fx::new(7);
    let (p, qs) = claim_with_challenges(&mut fx, 5);
    for q in &qs {
        fx.decide_atomic(q, false);
    }
    // [0,1,2,3,4] -rm 1-> [0,4,2,3] -rm 0-> [3,4,2] -rm 4-> [3,2] -rm 2-> [3] -rm 3-> []
    let steps: [(usize, &[usize]); 5] = [
        (1, &[0, 4, 2, 3]),
        (0, &[3, 4, 2]),
        (4, &[3, 2]),
        (2, &[3]),
        (3, &[]),
    ];
    for (victim, order) in steps {
        assert_eq!(
            fx.uac.remove_challenge(&p, &qs[victim]),
            Ok(vec![removed(&p, &qs[victim])])
        );
        let expected: Vec<B256> = order.iter().map(|&i| qs[i].id()).collect();
        assert_eq!(fx.uac.get_game(p.id()).challenges, expected);
        fx.expect_err(
            UacError::ChallengeNotFound(p.id(), qs[victim].id()),
            |u, _| u.remove_challenge(&p, &qs[victim]),
        );
    }
}

#[test]
fn remove_challenge_requires_the_game() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.atom(1);
    fx.claim(&q);
    fx.decide_atomic(&q, false);
    fx.expect_err(UacError::GameNotFound(p.id()), |u, _| {
        u.remove_challenge(&p, &q)
    });
}

#[test]
fn remove_challenge_requires_undecided() {
    let mut fx = Fx::new(7);
    let (p, qs) = claim_with_challenges(&mut fx, 1);
    fx.decide_atomic(&qs[0], false);
    fx.decide_by_witness(&p);
    fx.expect_err(UacError::GameAlreadyDecided(p.id()), |u, _| {
        u.remove_challenge(&p, &qs[0])
    });
}

#[test]
fn remove_challenge_requires_membership() {
    let mut fx = Fx::new(7);
    let (p, _) = claim_with_challenges(&mut fx, 1);
    let other = fx.atom(7);
    fx.claim(&other);
    fx.decide_atomic(&other, false);
    fx.expect_err(UacError::ChallengeNotFound(p.id(), other.id()), |u, _| {
        u.remove_challenge(&p, &other)
    });
    // Membership is checked before the challenge's decision (here: no game at all).
    let ghost = fx.atom(8);
    fx.expect_err(UacError::ChallengeNotFound(p.id(), ghost.id()), |u, _| {
        u.remove_challenge(&p, &ghost)
    });
}

#[rstest]
#[case::undecided(None)]
#[case::decided_true(Some(true))]
fn remove_challenge_requires_the_challenge_false(#[case] state: Option<bool>) {
    let mut fx = Fx::new(7);
    let (p, qs) = claim_with_challenges(&mut fx, 1);
    if let Some(value) = state {
        fx.decide_atomic(&qs[0], value);
    }
    fx.expect_err(UacError::ChallengeNotDecidedFalse(qs[0].id()), |u, _| {
        u.remove_challenge(&p, &qs[0])
    });
}

#[test]
fn remove_challenge_works_after_the_period() {
    let mut fx = Fx::new(3);
    let (p, qs) = claim_with_challenges(&mut fx, 1);
    fx.uac.advance(50);
    fx.decide_atomic(&qs[0], false);
    assert_eq!(
        fx.uac.remove_challenge(&p, &qs[0]),
        Ok(vec![removed(&p, &qs[0])])
    );
    assert!(fx.uac.is_decidable(p.id()));
}

#[rstest]
#[case::inside(6, true)]
#[case::at_period(7, false)]
fn removed_challenge_can_be_readded_only_inside_the_period(#[case] at: u64, #[case] inside: bool) {
    let mut fx = Fx::new(7);
    let (p, qs) = claim_with_challenges(&mut fx, 2);
    fx.decide_atomic(&qs[0], false);
    fx.uac.remove_challenge(&p, &qs[0]).expect("removed");
    fx.uac.set_block_number(at);
    if inside {
        // The game of the challenge exists (decided False): only ClaimChallenged.
        assert_eq!(fx.challenge(&p, &qs[0]), Ok(vec![challenged(&p, &qs[0])]));
        assert_eq!(fx.uac.get_game(p.id()).challenges, ids(&[&qs[1], &qs[0]]));
        // And it can be removed again.
        assert_eq!(
            fx.uac.remove_challenge(&p, &qs[0]),
            Ok(vec![removed(&p, &qs[0])])
        );
        assert_eq!(fx.uac.get_game(p.id()).challenges, ids(&[&qs[1]]));
    } else {
        fx.expect_err(UacError::DisputePeriodOver(p.id()), |u, o| {
            u.challenge(o, &p, &[], &qs[0])
        });
    }
}

// ------------------------------------------------------------------ decideClaimToTrue

#[rstest]
#[case::period_1(1, 4)]
#[case::period_7(7, 0)]
#[case::period_7_late(7, 100)]
fn decide_to_true_after_the_period(#[case] period: u64, #[case] created: u64) {
    let mut fx = Fx::new(period);
    let p = fx.not_atom(1);
    fx.uac.set_block_number(created);
    fx.claim(&p);
    fx.uac.advance(period - 1);
    assert!(!fx.uac.is_decidable(p.id()));
    fx.expect_err(UacError::DisputePeriodNotOver(p.id()), |u, _| {
        u.decide_claim_to_true(p.id())
    });
    fx.uac.advance(1);
    assert!(fx.uac.is_decidable(p.id()));
    assert_eq!(
        fx.uac.decide_claim_to_true(p.id()),
        Ok(vec![decided(&p, true)])
    );
    assert_eq!(fx.uac.get_game(p.id()).decision, Decision::True);
    assert!(fx.uac.is_decided(&p));
    assert!(!fx.uac.is_decidable(p.id()));
}

#[test]
fn decide_to_true_requires_the_game() {
    let mut fx = Fx::new(7);
    let id = fx.not_atom(1).id();
    fx.expect_err(UacError::GameNotFound(id), |u, _| {
        u.decide_claim_to_true(id)
    });
    fx.expect_err(UacError::GameNotFound(B256::ZERO), |u, _| {
        u.decide_claim_to_true(B256::ZERO)
    });
    assert!(!fx.uac.is_decidable(id));
    assert!(!fx.uac.is_decidable(B256::ZERO));
}

#[test]
fn decide_to_true_requires_undecided() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    fx.claim(&p);
    fx.uac.advance(7);
    fx.uac.decide_claim_to_true(p.id()).expect("decided");
    fx.expect_err(UacError::GameAlreadyDecided(p.id()), |u, _| {
        u.decide_claim_to_true(p.id())
    });
}

#[test]
fn decide_to_true_requires_a_connective() {
    let mut fx = Fx::new(7);
    let p = fx.atom(1);
    fx.claim(&p);
    // NotAConnective comes before DisputePeriodNotOver ...
    fx.expect_err(UacError::NotAConnective(p.predicate), |u, _| {
        u.decide_claim_to_true(p.id())
    });
    // ... and holds after the period too.
    fx.uac.advance(7);
    fx.expect_err(UacError::NotAConnective(p.predicate), |u, _| {
        u.decide_claim_to_true(p.id())
    });
    assert!(!fx.uac.is_decidable(p.id()));
}

#[test]
fn decide_to_true_requires_no_challenges() {
    let mut fx = Fx::new(7);
    let (p, qs) = claim_with_challenges(&mut fx, 2);
    // DisputePeriodNotOver comes before ChallengesRemain.
    fx.expect_err(UacError::DisputePeriodNotOver(p.id()), |u, _| {
        u.decide_claim_to_true(p.id())
    });
    fx.uac.advance(7);
    fx.expect_err(UacError::ChallengesRemain(p.id()), |u, _| {
        u.decide_claim_to_true(p.id())
    });
    assert!(!fx.uac.is_decidable(p.id()));
    fx.decide_atomic(&qs[0], false);
    fx.uac.remove_challenge(&p, &qs[0]).expect("removed");
    fx.expect_err(UacError::ChallengesRemain(p.id()), |u, _| {
        u.decide_claim_to_true(p.id())
    });
    fx.decide_atomic(&qs[1], false);
    fx.uac.remove_challenge(&p, &qs[1]).expect("removed");
    assert!(fx.uac.is_decidable(p.id()));
    assert_eq!(
        fx.uac.decide_claim_to_true(p.id()),
        Ok(vec![decided(&p, true)])
    );
}

// ------------------------------------------------------------------ decideClaimToFalse

#[rstest]
#[case::inside_period(1)]
#[case::after_period(100)]
fn decide_to_false_by_a_true_challenge(#[case] at: u64) {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.atom(1);
    fx.claim(&p);
    fx.challenge_ok(&p, &q);
    fx.uac.set_block_number(at);
    fx.decide_atomic(&q, true);
    assert_eq!(
        fx.uac.decide_claim_to_false(&p, &q),
        Ok(vec![decided(&p, false)])
    );
    let game = fx.uac.get_game(p.id());
    assert_eq!(game.decision, Decision::False);
    // The challenge stays listed.
    assert_eq!(game.challenges, ids(&[&q]));
    assert!(!fx.uac.is_decided(&p));
}

#[test]
fn decide_to_false_requires_the_game() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.atom(1);
    fx.claim(&q);
    fx.decide_atomic(&q, true);
    fx.expect_err(UacError::GameNotFound(p.id()), |u, _| {
        u.decide_claim_to_false(&p, &q)
    });
}

#[test]
fn decide_to_false_requires_undecided() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.atom(1);
    fx.claim(&p);
    fx.challenge_ok(&p, &q);
    fx.decide_by_witness(&p);
    fx.decide_atomic(&q, true);
    fx.expect_err(UacError::GameAlreadyDecided(p.id()), |u, _| {
        u.decide_claim_to_false(&p, &q)
    });
}

#[test]
fn decide_to_false_requires_membership() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.atom(1);
    fx.claim(&p);
    // q True but never used as a challenge of p.
    fx.claim(&q);
    fx.decide_atomic(&q, true);
    fx.expect_err(UacError::ChallengeNotFound(p.id(), q.id()), |u, _| {
        u.decide_claim_to_false(&p, &q)
    });
}

#[rstest]
#[case::undecided(None)]
#[case::decided_false(Some(false))]
fn decide_to_false_requires_the_challenge_true(#[case] state: Option<bool>) {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.atom(1);
    fx.claim(&p);
    fx.challenge_ok(&p, &q);
    if let Some(value) = state {
        fx.decide_atomic(&q, value);
    }
    fx.expect_err(UacError::ChallengeNotDecidedTrue(q.id()), |u, _| {
        u.decide_claim_to_false(&p, &q)
    });
}

// ------------------------------------------------------------------ decideClaimWithWitness

#[rstest]
#[case::no_challenges(0, 0)]
#[case::pending_challenges(2, 0)]
#[case::after_period(2, 30)]
fn decide_with_witness(#[case] challenges: u8, #[case] later: u64) {
    let mut fx = Fx::new(7);
    let (p, _) = claim_with_challenges(&mut fx, challenges);
    fx.uac.advance(later);
    let w = vec![index(4), index(2)];
    fx.oracle.accept_witness(&p, w.clone());
    assert_eq!(
        fx.uac.decide_claim_with_witness(&fx.oracle, &p, &w),
        Ok(vec![decided(&p, true)])
    );
    assert!(fx.uac.is_decided(&p));
    assert_eq!(
        fx.uac.get_game(p.id()).challenges.len(),
        usize::from(challenges)
    );
}

#[test]
fn decide_with_witness_for_an_atomic() {
    let mut fx = Fx::new(7);
    let p = fx.atom(1);
    fx.claim(&p);
    fx.oracle.accept_witness(&p, []);
    assert_eq!(
        fx.uac.decide_claim_with_witness(&fx.oracle, &p, &[]),
        Ok(vec![decided(&p, true)])
    );
}

#[test]
fn decide_with_witness_requires_the_game() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    fx.oracle.accept_witness(&p, []);
    fx.expect_err(UacError::GameNotFound(p.id()), |u, o| {
        u.decide_claim_with_witness(o, &p, &[])
    });
    // A property of an unregistered predicate never has a game: GameNotFound comes first.
    let stranger = Property::new(STRANGER, []);
    fx.oracle.accept_witness(&stranger, []);
    fx.expect_err(UacError::GameNotFound(stranger.id()), |u, o| {
        u.decide_claim_with_witness(o, &stranger, &[])
    });
}

#[rstest]
#[case(true)]
#[case(false)]
fn decide_with_witness_requires_undecided(#[case] decision: bool) {
    let mut fx = Fx::new(7);
    let p = fx.atom(1);
    fx.claim(&p);
    fx.decide_atomic(&p, decision);
    fx.oracle.accept_witness(&p, []);
    fx.expect_err(UacError::GameAlreadyDecided(p.id()), |u, o| {
        u.decide_claim_with_witness(o, &p, &[])
    });
}

#[test]
fn decide_with_witness_requires_an_accepted_witness() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    fx.claim(&p);
    fx.oracle.accept_witness(&p, [index(1)]);
    fx.expect_err(UacError::WitnessRejected(p.id()), |u, o| {
        u.decide_claim_with_witness(o, &p, &[])
    });
    fx.expect_err(UacError::WitnessRejected(p.id()), |u, o| {
        u.decide_claim_with_witness(o, &p, &[index(2)])
    });
}

// ------------------------------------------------------------------ setPredicateDecision

#[rstest]
#[case::atomic_true(true, true)]
#[case::atomic_false(true, false)]
#[case::connective_true(false, true)]
#[case::connective_false(false, false)]
fn set_predicate_decision_by_the_predicate(#[case] atomic: bool, #[case] decision: bool) {
    let mut fx = Fx::new(7);
    let p = if atomic { fx.atom(1) } else { fx.not_atom(1) };
    fx.claim(&p);
    assert_eq!(
        fx.uac.set_predicate_decision(p.predicate, &p, decision),
        Ok(vec![atomic_decided(&p, decision)])
    );
    assert_eq!(
        fx.uac.get_game(p.id()).decision,
        Decision::from_bool(decision)
    );
    assert_eq!(fx.uac.is_decided(&p), decision);
}

#[test]
fn set_predicate_decision_requires_the_caller_to_be_the_predicate() {
    let mut fx = Fx::new(7);
    let p = fx.atom(1);
    fx.claim(&p);
    let not = fx.not_atom(1).predicate;
    for caller in [STRANGER, not, ovm_core::Address::ZERO] {
        fx.expect_err(UacError::CallerNotPredicate(caller), |u, _| {
            u.set_predicate_decision(caller, &p, true)
        });
    }
    // The caller is the property's predicate but not registered: CallerNotPredicate, even
    // before GameNotFound.
    let stranger = Property::new(STRANGER, []);
    fx.expect_err(UacError::CallerNotPredicate(STRANGER), |u, _| {
        u.set_predicate_decision(STRANGER, &stranger, false)
    });
    // A storage contract is not a predicate.
    let storage = fx.b.registry().storages().next().expect("one storage");
    let s = Property::new(storage, []);
    fx.expect_err(UacError::CallerNotPredicate(storage), |u, _| {
        u.set_predicate_decision(storage, &s, true)
    });
}

#[test]
fn set_predicate_decision_requires_the_game() {
    let mut fx = Fx::new(7);
    let p = fx.atom(1);
    fx.expect_err(UacError::GameNotFound(p.id()), |u, _| {
        u.set_predicate_decision(p.predicate, &p, true)
    });
}

#[test]
fn set_predicate_decision_requires_undecided() {
    let mut fx = Fx::new(7);
    let p = fx.atom(1);
    fx.claim(&p);
    fx.uac
        .set_predicate_decision(p.predicate, &p, false)
        .expect("decided");
    for d in [true, false] {
        fx.expect_err(UacError::GameAlreadyDecided(p.id()), |u, _| {
            u.set_predicate_decision(p.predicate, &p, d)
        });
    }
}

// ------------------------------------------------------------------ finality

#[derive(Clone, Copy, Debug)]
enum Op {
    Claim,
    Challenge,
    Remove,
    ToTrue,
    ToFalse,
    Witness,
    SetTrue,
    SetFalse,
}

#[rstest]
fn decisions_never_change(
    #[values(true, false)] decision: bool,
    #[values(
        Op::Claim,
        Op::Challenge,
        Op::Remove,
        Op::ToTrue,
        Op::ToFalse,
        Op::Witness,
        Op::SetTrue,
        Op::SetFalse
    )]
    op: Op,
) {
    let mut fx = Fx::new(7);
    let p = fx.and_atoms(&[1]);
    let q_true = fx.atom(1);
    let q_false = fx.atom(2);
    let q_new = fx.atom(3);
    fx.claim(&p);
    fx.challenge_ok(&p, &q_true);
    fx.challenge_ok(&p, &q_false);
    fx.decide_atomic(&q_true, true);
    fx.decide_atomic(&q_false, false);
    if decision {
        fx.decide_by_witness(&p);
    } else {
        fx.uac.decide_claim_to_false(&p, &q_true).expect("False");
    }
    fx.accept(&p, &[], &q_new);
    fx.uac.advance(7);
    let id = p.id();
    let expected = match op {
        Op::Claim => UacError::GameAlreadyExists(id),
        _ => UacError::GameAlreadyDecided(id),
    };
    let pred = p.predicate;
    fx.expect_err(expected, |u, o| match op {
        Op::Claim => u.claim_property(&p),
        Op::Challenge => u.challenge(o, &p, &[], &q_new),
        Op::Remove => u.remove_challenge(&p, &q_false),
        Op::ToTrue => u.decide_claim_to_true(id),
        Op::ToFalse => u.decide_claim_to_false(&p, &q_true),
        Op::Witness => u.decide_claim_with_witness(o, &p, &[]),
        Op::SetTrue => u.set_predicate_decision(pred, &p, true),
        Op::SetFalse => u.set_predicate_decision(pred, &p, false),
    });
    assert_eq!(fx.uac.get_game(id).decision, Decision::from_bool(decision));
}

// ------------------------------------------------------------------ views

#[test]
fn views_of_a_missing_game_are_zero() {
    let fx = Fx::new(7);
    let p = fx.not_atom(1);
    assert_eq!(fx.uac.get_game(p.id()), ChallengeGame::default());
    assert!(!fx.uac.get_game(p.id()).exists());
    assert_eq!(fx.uac.get_game_predicate(p.id()), ovm_core::Address::ZERO);
    assert_eq!(fx.uac.get_game_decision(p.id()), Decision::Undecided);
    assert!(!fx.uac.is_decided(&p));
    assert!(!fx.uac.is_decidable(p.id()));
    assert_eq!(fx.uac.get_property_id(&p), p.id());
}

#[test]
fn property_id_matches_the_golden_ids() {
    let fx = Fx::new(7);
    let p1 = Property::new(ovm_core::Address::with_last_byte(1), [vec![1u8].into()]);
    assert_eq!(
        fx.uac.get_property_id(&p1),
        "0x85203420c48004fda08c19cda699434e6e52367924a0cef50df775e65f4e803b"
            .parse::<B256>()
            .expect("hex")
    );
}

#[test]
fn games_lists_every_game() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    let q = fx.atom(1);
    fx.claim(&p);
    fx.challenge_ok(&p, &q);
    let mut listed: Vec<B256> = fx.uac.games().map(|(id, _)| id).collect();
    let mut expected = ids(&[&p, &q]);
    listed.sort();
    expected.sort();
    assert_eq!(listed, expected);
    assert_eq!(fx.uac.game_count(), 2);
}

#[rstest]
#[case(0, 0, 0)]
#[case(5, 3, 8)]
#[case(u64::MAX - 1, 5, u64::MAX)]
fn block_number_moves_by_advance(#[case] start: u64, #[case] by: u64, #[case] end: u64) {
    let mut fx = Fx::new(7);
    fx.uac.set_block_number(start);
    fx.uac.advance(by);
    assert_eq!(fx.uac.block_number(), end);
}

#[test]
fn a_block_number_before_creation_counts_as_inside_the_period() {
    let mut fx = Fx::new(7);
    let p = fx.not_atom(1);
    fx.uac.set_block_number(10);
    fx.claim(&p);
    fx.uac.set_block_number(2);
    assert!(!fx.uac.is_decidable(p.id()));
    let q = fx.atom(1);
    assert_eq!(
        fx.challenge_ok(&p, &q),
        vec![claimed(&q, 2), challenged(&p, &q)]
    );
}

#[test]
fn large_block_numbers_do_not_overflow() {
    let mut fx = Fx::new(u64::MAX);
    let p = fx.not_atom(1);
    fx.uac.set_block_number(u64::MAX);
    fx.claim(&p);
    assert!(!fx.uac.is_decidable(p.id()));
    let mut fx = Fx::new(u64::MAX);
    fx.claim(&p);
    fx.uac.set_block_number(u64::MAX - 1);
    assert!(!fx.uac.is_decidable(p.id()));
    fx.uac.set_block_number(u64::MAX);
    assert!(fx.uac.is_decidable(p.id()));
}
