//! Contract-side deliberately wrong variants: patched copies of `contracts/src`, compiled with
//! the project's solc by `ovm-variants` once per variant and cached under the target directory,
//! deployed through
//! `ovm_chain::Chain::deploy_codes`. The reference Rust half must diverge from each.

use ovm_chain::CreationCodes;
use ovm_conformance::Contracts;
use ovm_fuzz::{
    Runner,
    campaign::{Budget, Campaign, DEFAULT_SEED, Options},
    env::Env,
    found::Layer,
};
use ovm_variants::Sources;

mod support;

/// Compiles `contracts/src` with `patches` (`file`, `from`, `to`; `from` must occur exactly
/// once) applied; cached under the target directory by the patched sources' hash.
fn compile_variant(patches: &[(&str, &str, &str)]) -> CreationCodes {
    let mut sources = Sources::bundled().unwrap_or_else(|e| panic!("{e}"));
    for (file, from, to) in patches {
        sources
            .patch(file, from, to)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let cache = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract-variants");
    sources
        .compile(&cache)
        .and_then(|compiled| compiled.codes())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The variant `patches` of the contracts must be caught by `layers`, and its regression
/// vector must replay as itself against the variant and pass against the bundled contracts.
fn caught(name: &str, patches: &[(&str, &str, &str)], layers: Vec<Layer>) {
    let runner = Runner::new().with_contracts(Contracts::plugged(compile_variant(patches), None));
    support::caught_and_replayed(name, &runner, layers, false);
}

#[test]
fn unpatched_sources_agree() {
    let codes = compile_variant(&[]);
    // This compile is independent of ovm-chain's build (which uses the committed artifacts
    // while their inputs hash matches): the committed bytecode is what the sources compile to.
    assert!(
        codes == CreationCodes::bundled(),
        "contracts/artifacts differs from a fresh compile of contracts/src: refresh it with \
         `cargo run -p ovm-chain --bin refresh-artifacts`"
    );
    let runner = Runner::new().with_contracts(Contracts::plugged(codes, None));
    let env = Env::new();
    let campaign = Campaign {
        seed: DEFAULT_SEED,
        budget: Budget::Cases(40),
        layers: vec![Layer::E, Layer::A, Layer::S],
        options: Options::probe(),
    };
    let report = campaign.run(&env, &runner, &mut |_| {});
    assert!(
        report.bugs.is_empty(),
        "{}",
        report.bugs[0].message(DEFAULT_SEED)
    );
}

#[test]
fn uac_period_check_off_by_one() {
    caught(
        "UAC challenge period off by one",
        &[(
            "src/UniversalAdjudicationContract.sol",
            "if (block.number - game.createdBlock >= disputePeriod) revert DisputePeriodOver(gameId);",
            "if (block.number - game.createdBlock > disputePeriod) revert DisputePeriodOver(gameId);",
        )],
        vec![Layer::S],
    );
}

#[test]
fn uac_lets_a_decision_flip() {
    caught(
        "UAC setPredicateDecision overwrites",
        &[(
            "src/UniversalAdjudicationContract.sol",
            "ChallengeGame storage game = _undecidedGame(gameId);\n        game.decision = decision ? Decision.True : Decision.False;",
            "ChallengeGame storage game = _games[gameId];\n        game.decision = decision ? Decision.True : Decision.False;",
        )],
        vec![Layer::S],
    );
}

#[test]
fn is_less_than_uses_le_on_chain() {
    caught(
        "IsLessThan uses <= (contract)",
        &[("src/predicates/IsLessThanPredicate.sol", "a < b", "a <= b")],
        vec![Layer::A],
    );
}

#[test]
fn uac_is_decidable_ignores_challenges() {
    caught(
        "UAC isDecidable ignores open challenges",
        &[(
            "src/UniversalAdjudicationContract.sol",
            "\n            && game.challenges.length == 0;",
            ";",
        )],
        vec![Layer::S],
    );
}

/// A connective that calls any address: every world holds `rogue`, an account outside the
/// registry answering true to every call, and some generated leaves are on it (§4).
#[test]
fn connective_calls_unregistered_predicates() {
    caught(
        "connectives call unregistered predicates",
        &[(
            "src/predicates/ConnectiveBase.sol",
            "if (!uac.isPredicate(predicate)) return false;\n",
            "",
        )],
        vec![Layer::W],
    );
}
