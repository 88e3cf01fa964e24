//! The Plasma exit worlds of `ovm_decider::plasma`, played end to end against the honest agent.

mod common;

use common::*;
use ovm_agent::{Actor, Judgment};
use ovm_core::{Decision, abi};
use ovm_decider::plasma::Variant;
use rstest::rstest;

#[rstest]
#[case::honest(Variant::Honest)]
#[case::zero_signer_garbage(Variant::ZeroSignerGarbage)]
fn true_exits_are_decided_true_after_the_period(#[case] variant: Variant) {
    let (_, setup) = plasma(variant);
    let record = play_checked(&setup);
    let root = record.root_game().expect("root game");
    assert_eq!(record.root_decision, Decision::True, "{}", summary(&record));
    assert_eq!(root.judgment, Judgment::True { witness: false });
    assert_eq!(
        root.decided_block,
        Some(PERIOD),
        "decided as soon as the period is over"
    );
    assert!(!record.hit_max_blocks);
}

#[test]
fn spent_exit_is_refuted_by_not_not_own_at_index_1() {
    let (s, setup) = plasma(Variant::Spent);
    let b = &s.builder;
    let record = play_checked(&setup);
    let root = record.root_game().expect("root game");
    assert_eq!(
        record.root_decision,
        Decision::False,
        "{}",
        summary(&record)
    );
    let q = b.not(b.not(s.exit.own(b)));
    assert_eq!(root.challenges, vec![q.id()]);
    // Not(Not(Own)) is witness-decidable: the exit falls in its first block.
    assert_eq!(root.decided_block, Some(0));
    let q_game = record.game(q.id()).expect("challenge game");
    assert_eq!(q_game.decision, Decision::True);
    assert_eq!(q_game.judgment, Judgment::True { witness: true });
    let _ = abi::encode_uint(1);
}

#[rstest]
#[case::not_included(Variant::NotIncluded)]
#[case::tampered_proof(Variant::TamperedProof)]
fn unincluded_exits_are_refuted_at_index_0(#[case] variant: Variant) {
    let (s, setup) = plasma(variant);
    let b = &s.builder;
    let record = play_checked(&setup);
    let root = record.root_game().expect("root game");
    assert_eq!(
        record.root_decision,
        Decision::False,
        "{}",
        summary(&record)
    );
    let q = b.not(s.exit.incl(b));
    assert_eq!(root.challenges, vec![q.id()]);
    assert_eq!(
        record.game(q.id()).map(|g| g.decision),
        Some(Decision::True)
    );
    assert_eq!(root.decided_block, Some(PERIOD));
}

#[test]
fn history_gap_stays_undecided_with_a_complete_pin_chain() {
    let (_, setup) = plasma(Variant::MissingRoot { missing: 1 });
    let setup = setup.max_blocks(4 * PERIOD + 2);
    let record = play_checked(&setup);
    assert!(record.hit_max_blocks);
    assert_eq!(
        record.root_decision,
        Decision::Undecided,
        "{}",
        summary(&record)
    );
    let root = record.root_game().expect("root game");
    assert!(
        root.judgment.is_fully_pinned_undefined(),
        "{:?}",
        root.judgment
    );
    assert!(root.d >= 3, "a pin chain was played: {}", summary(&record));
    assert_eq!(record.unknown_decided(), 0, "{}", summary(&record));
    assert!(
        record
            .games
            .iter()
            .all(|g| g.decision == Decision::Undecided)
    );
    assert!(record.txs.iter().all(|t| t.ok), "{}", summary(&record));
    assert!(record.txs.iter().any(|t| t.actor == Actor::Agent));
}
