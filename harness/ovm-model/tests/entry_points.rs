//! The predicates' entry points that call `setPredicateDecision`: §4 `Not.decideTrue`,
//! `And.decideTrue`, §5 atomic `decideTrue` / `decideFalse`; and whole games played with them.

mod common;

use common::*;
use ovm_core::{Decision, Property, U256};
use ovm_model::UacError;
use rstest::rstest;

// ------------------------------------------------------------------ atomic decideTrue / decideFalse

#[rstest]
#[case::true_decide_true(Some(true), true, None)]
#[case::true_decide_false(Some(true), false, Some(UacError::NotFalse))]
#[case::false_decide_true(Some(false), true, Some(UacError::NotTrue))]
#[case::false_decide_false(Some(false), false, None)]
#[case::undefined_decide_true(None, true, Some(UacError::NotTrue))]
#[case::undefined_decide_false(None, false, Some(UacError::NotFalse))]
fn atomic_entry_points(
    #[case] truth: Option<bool>,
    #[case] decide: bool,
    #[case] error: Option<UacError>,
) {
    let mut fx = Fx::new(7);
    let p = fx.atom(1);
    fx.claim(&p);
    fx.oracle.set_truth(&p, truth);
    match error {
        None => {
            let result = if decide {
                fx.uac.atomic_decide_true(&fx.oracle, &p)
            } else {
                fx.uac.atomic_decide_false(&fx.oracle, &p)
            };
            assert_eq!(result, Ok(vec![atomic_decided(&p, decide)]));
            assert_eq!(
                fx.uac.get_game(p.id()).decision,
                Decision::from_bool(decide)
            );
        }
        Some(e) => fx.expect_err(e, |u, o| {
            if decide {
                u.atomic_decide_true(o, &p)
            } else {
                u.atomic_decide_false(o, &p)
            }
        }),
    }
}

#[test]
fn atomic_entry_point_requires_the_game_after_the_truth() {
    let mut fx = Fx::new(7);
    let p = fx.atom(1);
    // Truth is checked first ...
    fx.expect_err(UacError::NotTrue, |u, o| u.atomic_decide_true(o, &p));
    // ... then setPredicateDecision's GameNotFound.
    fx.oracle.set_truth(&p, Some(true));
    fx.expect_err(UacError::GameNotFound(p.id()), |u, o| {
        u.atomic_decide_true(o, &p)
    });
}

#[test]
fn atomic_entry_point_requires_undecided() {
    let mut fx = Fx::new(7);
    let p = fx.atom(1);
    fx.decide_atomic(&p, true);
    fx.expect_err(UacError::GameAlreadyDecided(p.id()), |u, o| {
        u.atomic_decide_true(o, &p)
    });
    // A truth that changed later (IsStored cannot, but a scripted oracle can) changes nothing.
    fx.oracle.set_truth(&p, Some(false));
    fx.expect_err(UacError::GameAlreadyDecided(p.id()), |u, o| {
        u.atomic_decide_false(o, &p)
    });
}

#[test]
fn atomic_entry_point_on_a_non_atomic_is_out_of_the_model() {
    let mut fx = Fx::new(7);
    let not = fx.not_atom(1);
    fx.claim(&not);
    fx.oracle.set_truth(&not, Some(true));
    fx.expect_err(UacError::NotAnAtomic(not.predicate), |u, o| {
        u.atomic_decide_true(o, &not)
    });
    let stranger = Property::new(STRANGER, []);
    fx.expect_err(UacError::NotAnAtomic(STRANGER), |u, o| {
        u.atomic_decide_false(o, &stranger)
    });
}

// ------------------------------------------------------------------ Not.decideTrue

#[test]
fn not_decide_true_when_inner_is_false() {
    let mut fx = Fx::new(7);
    let inner = fx.atom(1);
    let not = fx.b.not(&inner);
    assert_eq!(not, fx.not_atom(1));
    fx.claim(&not);
    fx.decide_atomic(&inner, false);
    assert_eq!(
        fx.uac.not_decide_true(&inner),
        Ok(vec![atomic_decided(&not, true)])
    );
    assert!(fx.uac.is_decided(&not));
}

#[rstest]
#[case::missing(None)]
#[case::undecided(Some(None))]
#[case::decided_true(Some(Some(true)))]
fn not_decide_true_requires_inner_false(#[case] inner_state: Option<Option<bool>>) {
    let mut fx = Fx::new(7);
    let inner = fx.atom(1);
    let not = fx.b.not(&inner);
    fx.claim(&not);
    if let Some(state) = inner_state {
        fx.claim(&inner);
        if let Some(value) = state {
            fx.decide_atomic(&inner, value);
        }
    }
    fx.expect_err(UacError::InnerNotFalse(inner.id()), |u, _| {
        u.not_decide_true(&inner)
    });
}

#[test]
fn not_decide_true_requires_the_not_game() {
    let mut fx = Fx::new(7);
    let inner = fx.atom(1);
    let not = fx.b.not(&inner);
    fx.decide_atomic(&inner, false);
    fx.expect_err(UacError::GameNotFound(not.id()), |u, _| {
        u.not_decide_true(&inner)
    });
    fx.claim(&not);
    fx.uac.not_decide_true(&inner).expect("decided");
    fx.expect_err(UacError::GameAlreadyDecided(not.id()), |u, _| {
        u.not_decide_true(&inner)
    });
}

// ------------------------------------------------------------------ And.decideTrue

#[test]
fn and_decide_true_when_every_child_is_true() {
    let mut fx = Fx::new(7);
    let children = [fx.atom(1), fx.atom(2), fx.not_atom(3)];
    let and = fx.b.and(children.iter());
    fx.claim(&and);
    fx.decide_atomic(&children[0], true);
    fx.decide_atomic(&children[1], true);
    fx.claim(&children[2]);
    fx.decide_by_witness(&children[2]);
    assert_eq!(
        fx.uac.and_decide_true(&children),
        Ok(vec![atomic_decided(&and, true)])
    );
    assert!(fx.uac.is_decided(&and));
}

#[test]
fn and_decide_true_of_no_children() {
    let mut fx = Fx::new(7);
    let and = fx.b.and(Vec::<Property>::new().iter());
    fx.claim(&and);
    assert_eq!(
        fx.uac.and_decide_true(&[]),
        Ok(vec![atomic_decided(&and, true)])
    );
}

#[rstest]
#[case::first_missing(&[None, Some(true), Some(true)], 0)]
#[case::middle_undecided(&[Some(true), Some(false), None], 1)]
#[case::last_false(&[Some(true), Some(true), Some(false)], 2)]
#[case::first_failure_wins(&[Some(true), Some(false), Some(false)], 1)]
fn and_decide_true_requires_every_child_true(
    #[case] states: &[Option<bool>],
    #[case] failing: u64,
) {
    let mut fx = Fx::new(7);
    let children: Vec<Property> = (0..states.len() as u8).map(|i| fx.atom(i)).collect();
    let and = fx.b.and(children.iter());
    fx.claim(&and);
    for (child, state) in children.iter().zip(states) {
        match state {
            None => {}
            Some(value) => fx.decide_atomic(child, *value),
        }
    }
    fx.expect_err(UacError::ChildNotTrue(U256::from(failing)), |u, _| {
        u.and_decide_true(&children)
    });
}

#[test]
fn and_decide_true_requires_the_and_game() {
    let mut fx = Fx::new(7);
    let children = [fx.atom(1)];
    let and = fx.b.and(children.iter());
    fx.decide_atomic(&children[0], true);
    fx.expect_err(UacError::GameNotFound(and.id()), |u, _| {
        u.and_decide_true(&children)
    });
    fx.claim(&and);
    fx.uac.and_decide_true(&children).expect("decided");
    fx.expect_err(UacError::GameAlreadyDecided(and.id()), |u, _| {
        u.and_decide_true(&children)
    });
}

// ------------------------------------------------------------------ whole games

#[test]
fn a_false_not_claim_is_refuted() {
    // Not(a) with a True: challenge with a, decide a True, decide the claim False.
    let mut fx = Fx::new(3);
    let a = fx.atom(1);
    let claim = fx.b.not(&a);
    fx.claim(&claim);
    fx.uac.advance(1);
    assert_eq!(
        fx.challenge_ok(&claim, &a),
        vec![claimed(&a, 1), challenged(&claim, &a)]
    );
    fx.oracle.set_truth(&a, Some(true));
    assert_eq!(
        fx.uac.atomic_decide_true(&fx.oracle, &a),
        Ok(vec![atomic_decided(&a, true)])
    );
    assert!(!fx.uac.is_decidable(claim.id()));
    fx.uac.advance(5);
    fx.expect_err(UacError::ChallengesRemain(claim.id()), |u, _| {
        u.decide_claim_to_true(claim.id())
    });
    assert_eq!(
        fx.uac.decide_claim_to_false(&claim, &a),
        Ok(vec![decided(&claim, false)])
    );
}

#[test]
fn a_true_and_claim_is_defended() {
    // And(a0, a1), both True. The adversary challenges with Not(a0); the defender answers with
    // a0, decides it True, refutes Not(a0), removes the challenge and decides the claim True.
    let mut fx = Fx::new(2);
    let a0 = fx.atom(1);
    let a1 = fx.atom(2);
    let claim = fx.b.and([&a0, &a1]);
    let not_a0 = fx.b.not(&a0);
    fx.claim(&claim);
    fx.accept(&claim, &[index(0)], &not_a0);
    assert_eq!(
        fx.uac.challenge(&fx.oracle, &claim, &[index(0)], &not_a0),
        Ok(vec![claimed(&not_a0, 0), challenged(&claim, &not_a0)])
    );
    fx.uac.advance(1);
    assert_eq!(
        fx.challenge_ok(&not_a0, &a0),
        vec![claimed(&a0, 1), challenged(&not_a0, &a0)]
    );
    fx.decide_atomic(&a0, true);
    assert_eq!(
        fx.uac.decide_claim_to_false(&not_a0, &a0),
        Ok(vec![decided(&not_a0, false)])
    );
    assert_eq!(
        fx.uac.remove_challenge(&claim, &not_a0),
        Ok(vec![removed(&claim, &not_a0)])
    );
    fx.expect_err(UacError::DisputePeriodNotOver(claim.id()), |u, _| {
        u.decide_claim_to_true(claim.id())
    });
    fx.uac.advance(1);
    assert!(fx.uac.is_decidable(claim.id()));
    assert_eq!(
        fx.uac.decide_claim_to_true(claim.id()),
        Ok(vec![decided(&claim, true)])
    );
}
