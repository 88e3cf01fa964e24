//! Shared fixtures: one deployment per test binary (period [`PERIOD`]), forked per game.

#![allow(dead_code)]

use ovm_agent::{GameRecord, GameSetup, deployed_snapshot, play};
use ovm_core::{Builder, Registry, U256};
use ovm_decider::{
    ReferenceDecider,
    plasma::{EXIT_BLOCK, Scenario, Variant, scenario_in},
};

/// The dispute period of every game in the tests.
pub const PERIOD: u64 = 3;

/// The decider every game uses.
pub const DECIDER: ReferenceDecider = ReferenceDecider::new();

/// The registry of the (cached) deployment.
pub fn registry() -> Registry {
    deployed_snapshot(PERIOD)
        .expect("deploys")
        .deployment()
        .expect("has a deployment")
        .registry()
}

/// A builder over the deployment's registry.
pub fn builder() -> Builder {
    Builder::new(registry())
}

/// The Plasma scenario `variant` over the deployment, and a game claiming its exit with the
/// scenario's roots and witnesses.
pub fn plasma(variant: Variant) -> (Scenario, GameSetup) {
    let s = scenario_in(registry(), variant);
    let cc = s.exit.commitment;
    let roots: Vec<_> = (0..=EXIT_BLOCK)
        .filter_map(|b| {
            s.world
                .storage
                .root(cc, U256::from(b))
                .map(|r| (U256::from(b), r))
        })
        .collect();
    let setup = GameSetup::new(PERIOD, s.property.clone())
        .roots(roots)
        .witnesses(s.world.witnesses.clone());
    (s, setup)
}

/// Plays `setup` with the reference decider, checks G and determinism (two runs serialise
/// to the same JSON), and returns the record.
pub fn play_checked(setup: &GameSetup) -> GameRecord {
    let record = play(setup, &DECIDER).expect("plays");
    let again = play(setup, &DECIDER).expect("plays");
    assert_eq!(
        serde_json::to_string(&record).expect("serialises"),
        serde_json::to_string(&again).expect("serialises"),
        "play is deterministic"
    );
    if std::env::var_os("OVM_AGENT_TRACE").is_some() {
        eprintln!("{}", summary(&record));
    }
    let violations = record.check_g();
    assert!(
        violations.is_empty(),
        "G violated:\n{}\n{}",
        violations
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        summary(&record)
    );
    assert!(record.agent_notes.is_empty(), "{:?}", record.agent_notes);
    record
}

/// A readable summary of a record (games and transactions), for failure messages.
pub fn summary(record: &GameRecord) -> String {
    let mut out = String::new();
    for g in &record.games {
        out.push_str(&format!(
            "game {} {} created {} judged {:?} since {} → {:?} at {:?}, d={} under_root={}\n",
            &g.id.to_string()[..10],
            g.predicate,
            g.created_block,
            g.judgment,
            g.judged_since_block,
            g.decision,
            g.decided_block,
            g.d,
            g.under_root
        ));
    }
    for t in &record.txs {
        out.push_str(&format!(
            "  [{}] {:?} {} {:?} {}\n",
            t.block,
            t.actor,
            t.function,
            t.game.map(|g| g.to_string()[..10].to_owned()),
            t.error.as_deref().unwrap_or("ok")
        ));
    }
    out.push_str(&format!(
        "blocks {} gas {} root {:?}\n",
        record.blocks_used, record.total_gas, record.root_decision
    ));
    out
}
