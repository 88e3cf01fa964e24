//! `submitRoot` by the operator during the game: in time it turns an Unknown exit into a
//! True one; too late, the exit's incomplete pin chain lets the adversary decide it by default
//! (the documented limitation, reported by G, not failed).

mod common;

use common::*;
use ovm_agent::{Action, Adversary, Judgment, operator_account};
use ovm_core::{Decision, U256};
use ovm_decider::plasma::{EXIT_BLOCK, Variant};

/// The exit whose own block `B` has no root yet, and the root `B` gets.
fn exit_before_its_root() -> (ovm_decider::plasma::Scenario, ovm_agent::GameSetup, Action) {
    let (s, setup) = plasma(Variant::MissingRoot {
        missing: EXIT_BLOCK,
    });
    let (honest, _) = plasma(Variant::Honest);
    let root = honest
        .world
        .storage
        .root(honest.exit.commitment, U256::from(EXIT_BLOCK))
        .expect("the honest world has B's root");
    let submit = Action::SubmitRoot {
        block: U256::from(EXIT_BLOCK),
        root,
    };
    (s, setup, submit)
}

#[test]
fn submit_root_in_time_turns_an_unknown_exit_true() {
    let (s, setup, submit) = exit_before_its_root();
    let b = &s.builder;
    let setup = setup.adversary(Adversary::new().at(1, operator_account(), submit));
    let record = play_checked(&setup);
    assert_eq!(record.root_decision, Decision::True, "{}", summary(&record));
    let root = record.root_game().expect("root");
    assert_eq!(root.judgment, Judgment::True { witness: false });
    assert_eq!(root.judged_since_block, 1, "Unknown until the root arrived");
    // Pinned at block 0 through Not(Incl) and Incl (whose pin, a ForAll over B's unwritten
    // roots, has no pin of its own), then refuted pin by pin once B's root is there.
    let not_incl = b.not(s.exit.incl(b));
    assert_eq!(root.challenges, vec![not_incl.id()]);
    let incl = record.game(s.exit.incl(b).id()).expect("Incl was pinned");
    assert_eq!(incl.created_block, 0);
    assert_eq!(incl.decision, Decision::True);
    assert_eq!(incl.decided_block, Some(1), "by its witness");
    assert_eq!(
        record.game(not_incl.id()).map(|g| g.decision),
        Some(Decision::False)
    );
    assert_eq!(root.decided_block, Some(PERIOD));
    assert_eq!(record.unknown_total(), 0, "{}", summary(&record));
}

#[test]
fn submit_root_too_late_is_the_documented_limitation() {
    let (s, setup, submit) = exit_before_its_root();
    let b = &s.builder;
    let incl = s.exit.incl(b);
    let forall = ovm_decider::onchain::there_exists_challenge(
        b.registry(),
        &incl.inputs[0],
        &incl.inputs[1],
        &incl.inputs[2],
    );
    let not_incl = b.not(&incl);
    // The bottom of the pin chain (a ForAll without a pin) is decided by default once its
    // period is over, and the adversary climbs back up.
    let adversary = Adversary::new()
        .then(PERIOD, Action::DecideClaimToTrue(forall.id()))
        .then(
            PERIOD,
            Action::DecideClaimToFalse {
                property: incl.clone(),
                challenge: forall.clone(),
            },
        )
        .then(PERIOD, Action::NotDecideTrue(incl.clone()))
        .then(
            PERIOD,
            Action::DecideClaimToFalse {
                property: s.property.clone(),
                challenge: not_incl.clone(),
            },
        )
        .at(PERIOD + 1, operator_account(), submit);
    let setup = setup.adversary(adversary);
    let record = play_checked(&setup);
    assert_eq!(
        record.root_decision,
        Decision::False,
        "{}",
        summary(&record)
    );
    let root = record.root_game().expect("root");
    assert!(
        matches!(
            root.judgment,
            Judgment::Unknown {
                undefined: true,
                pinned: true,
                pin_chain_complete: false,
                ..
            }
        ),
        "{:?}",
        root.judgment
    );
    assert_eq!(record.unknown_decided(), 4, "{}", summary(&record));
    assert!(record.txs.iter().all(|t| t.ok), "{}", summary(&record));
}
