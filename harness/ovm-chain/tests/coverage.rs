//! Coverage recording (`Chain::record_coverage`): what a recording chain and its forks run is
//! counted per contract and mapped to source lines and branch outcomes; a chain that does not
//! record counts nothing and behaves the same.

mod common;

use common::*;
use ovm_chain::coverage::{Hits, Outcome, Report, lcov};
use std::sync::Arc;

fn line_of(report: &Report, contract: &str, needle: &str) -> u64 {
    let c = report
        .contracts
        .iter()
        .find(|c| c.name == contract)
        .unwrap();
    let (source, line) = ovm_chain::artifacts::SOURCES
        .iter()
        .enumerate()
        .find_map(|(i, s)| {
            s.text
                .lines()
                .position(|l| l.contains(needle))
                .map(|n| (i, n as u32 + 1))
        })
        .unwrap();
    c.lines
        .iter()
        .find(|(at, _)| at.source == source && at.line == line)
        .map_or_else(|| panic!("{needle:?} is not instrumented"), |(_, n)| *n)
}

#[test]
fn a_recording_chain_and_its_forks_count_into_the_same_hits() {
    let (mut chain, d, b) = setup();
    let hits = Arc::new(Hits::bundled(&d));
    chain.record_coverage(Arc::clone(&hits));
    let p = b.not(false_atom(&b, 1));
    let recorded = chain.claim_property(ALICE, &p).unwrap();
    let mut fork = chain.fork();
    assert!(fork.coverage().is_some());
    fork.claim_property(ALICE, &b.not(false_atom(&b, 2)))
        .unwrap()
        .result
        .unwrap();

    let report = Report::of(&hits).unwrap();
    assert_eq!(
        line_of(
            &report,
            "UniversalAdjudicationContract",
            "function claimProperty("
        ),
        2
    );
    // Nothing of the predicates ran.
    let not = report
        .contracts
        .iter()
        .find(|c| c.name == "NotPredicate")
        .unwrap();
    assert_eq!(not.lines_hit(), 0);
    assert!(
        not.branches
            .iter()
            .all(|b| b.count(Outcome::Jump) == 0 && b.count(Outcome::Fall) == 0)
    );

    // The same transaction without recording: same outcome, nothing counted.
    let (mut plain, _, _) = setup();
    let quiet = Arc::new(Hits::bundled(&d));
    assert!(plain.coverage().is_none());
    assert_eq!(plain.claim_property(ALICE, &p).unwrap(), recorded);
    assert_eq!(Report::of(&quiet).unwrap().contracts[0].lines_hit(), 0);
}

#[test]
fn the_report_and_its_lcov_are_the_same_for_the_same_run() {
    let run = || {
        let (mut chain, d, b) = setup();
        let hits = Arc::new(Hits::bundled(&d));
        chain.record_coverage(Arc::clone(&hits));
        let p = b.and([true_atom(&b, 1), false_atom(&b, 2)]);
        claim(&mut chain, &p);
        let _ = chain.decide(&p);
        lcov::render(&Report::of(&hits).unwrap())
    };
    let text = run();
    assert_eq!(text, run());
    assert!(text.contains("SF:contracts/src/UniversalAdjudicationContract.sol\n"));
    assert!(text.contains("SF:contracts/src/predicates/AndPredicate.sol\n"));
}

/// `Novelty` sees exactly the branch outcomes reached since its last look: a first claim
/// reaches some, the same claim again none, a different path (a challenge) more.
#[test]
fn novelty_counts_only_outcomes_not_reached_before() {
    let (mut chain, d, b) = setup();
    let hits = Arc::new(Hits::bundled(&d));
    chain.record_coverage(Arc::clone(&hits));
    let mut novelty = ovm_chain::coverage::Novelty::new(Arc::clone(&hits)).unwrap();
    assert_eq!(novelty.reached(), 0);
    let all = novelty.outcomes();
    assert_eq!(all, {
        let report = Report::of(&hits).unwrap();
        report.contracts.iter().map(|c| c.outcomes()).sum::<usize>()
    });

    let mut fork = chain.fork();
    fork.claim_property(ALICE, &b.not(false_atom(&b, 1)))
        .unwrap()
        .result
        .unwrap();
    let first = novelty.newly_reached();
    assert!(first > 0);
    let mut again = chain.fork();
    again
        .claim_property(ALICE, &b.not(false_atom(&b, 1)))
        .unwrap()
        .result
        .unwrap();
    assert_eq!(
        novelty.newly_reached(),
        0,
        "the same path reaches nothing new"
    );
    assert_eq!(novelty.reached(), first);
    let reached: usize = Report::of(&hits)
        .unwrap()
        .contracts
        .iter()
        .map(|c| c.outcomes_reached())
        .sum();
    assert_eq!(novelty.reached(), reached);
}
