//! The runner on vectors written for the purpose: it must find divergences (not only pass),
//! never stop on a malformed file, report skips and stale provenance, fill byte-stably and
//! refuse to fill when the halves disagree.

use ovm_conformance::{
    Contracts, DivergenceClass, FillOutcome, Runner, Status, contracts::write_bundled_manifest,
    discover,
};
use ovm_core::{PredicateKind, Property};
use ovm_decider::{Decider, Outcome, ReferenceDecider, World};
use std::{
    path::{Path, PathBuf},
    sync::LazyLock,
};

static RUNNER: LazyLock<Runner> = LazyLock::new(Runner::new);

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ovm-conformance-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn suite_file(rel: &str) -> PathBuf {
    discover::suite_dir().join(rel)
}

/// A copy of a suite vector with `edit` applied to its JSON.
fn edited(rel: &str, dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(suite_file(rel)).unwrap()).unwrap();
    edit(&mut json);
    let path = dir.join(rel.replace('/', "-"));
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    path
}

/// The committed vectors are the corpus's source of truth (there is no generator to rerun):
/// every one conforms and is complete, i.e. `fill` would not change a byte of it.
#[test]
fn the_suite_passes_check() {
    for file in discover::vector_files(&discover::suite_dir()).unwrap() {
        let report = RUNNER.check_path(&file);
        assert!(report.conforms(), "{}\n{}", report.screen(), report.reason);
    }
}

#[test]
fn a_wrong_expectation_is_an_outcome_flip_against_the_expectation() {
    let dir = scratch("flip");
    let path = edited("challenge/and-false-child.json", &dir, |v| {
        v["expect"] = serde_json::json!({"error": {"name": "InvalidChallenge"}});
    });
    let report = RUNNER.run_path(&path);
    assert_eq!(report.status, Status::Fail, "{}", report.screen());
    let d = &report.divergences[0];
    assert_eq!(d.class, DivergenceClass::OutcomeFlip);
    assert!(d.against_expect);
    let screen = report.screen();
    for needle in [
        "outcome flip",
        "expected",
        "chain",
        "replay",
        "and-false-child",
    ] {
        assert!(screen.contains(needle), "{needle} missing in\n{screen}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// An And of 3,000 atomics is claimable by the spec, but claiming it runs out of (memory) gas
/// on-chain: a resource limit, its own class, not an outcome flip or a wrong error.
#[test]
fn running_out_of_gas_is_a_resource_limit() {
    let dir = scratch("resource-limit");
    let children = vec![serde_json::json!({"Equal": ["0x01", "0x01"]}); 3000];
    let witness = vec![serde_json::json!({"bytes_array": []}); 3000];
    let vector = serde_json::json!({
        "format": 1,
        "_info": {"description": "And of 3,000 atomics"},
        "kind": "witness",
        "claim": {"And": children},
        "witness": witness,
        "expect": "accepted"
    });
    let path = dir.join("and-3000.json");
    std::fs::write(&path, vector.to_string()).unwrap();
    let report = RUNNER.run_path(&path);
    assert_eq!(report.status, Status::Fail, "{}", report.screen());
    let first = &report.divergences[0];
    assert_eq!(
        first.class,
        DivergenceClass::ResourceLimit,
        "{}",
        report.screen()
    );
    assert!(
        first
            .signature()
            .starts_with("resource_limit/UAC.claimProperty/"),
        "{}",
        first.signature()
    );
    assert!(report.screen().contains("OutOfGas"), "{}", report.screen());
    std::fs::remove_dir_all(dir).unwrap();
}

/// A value proves a ThereExists on both halves that the decider does not answer True: the
/// witness form of an unguarded claim (§7), not an outcome flip — whether its hint is
/// malformed (the decider: Unknown) or lists other values only (the decider: False).
#[rstest::rstest]
#[case::unusable_hint("text:a,KEY", serde_json::json!(null))]
#[case::value_outside_the_candidates("text:a,KEY,0x6b", serde_json::json!({"a": [{"key": "0x6b", "value": "0x02"}]}))]
fn a_witness_outside_the_domain_is_an_unguarded_claim(
    #[case] hint: &str,
    #[case] store: serde_json::Value,
) {
    let dir = scratch(&format!("unguarded-witness-{}", hint.len()));
    let mut vector = serde_json::json!({
        "format": 1,
        "_info": {"description": "ThereExists proven by 0x07, a value its hint does not list"},
        "kind": "witness",
        "claim": {"ThereExists": [hint, "text:x", {"Equal": ["V:x", "0x07"]}]},
        "witness": ["0x07"],
        "expect": "accepted"
    });
    if !store.is_null() {
        vector["world"] = serde_json::json!({ "store": store });
    }
    let path = dir.join("unguarded-witness.json");
    std::fs::write(&path, vector.to_string()).unwrap();
    let report = RUNNER.run_path(&path);
    let classes: Vec<_> = report.divergences.iter().map(|d| d.class).collect();
    assert_eq!(
        classes,
        [DivergenceClass::UnguardedClaim],
        "{}",
        report.screen()
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_wrong_error_argument_is_a_wrong_error() {
    let dir = scratch("wrong-error");
    let path = edited("uac/claim-and-decide.json", &dir, |v| {
        v["expect"]["results"][3]["error"]["args"] = serde_json::json!(["addr:deployer"]);
    });
    let report = RUNNER.run_path(&path);
    assert_eq!(report.status, Status::Fail);
    assert_eq!(report.divergences[0].class, DivergenceClass::WrongError);
    assert!(
        report.screen().contains("CallerNotPredicate(alice)"),
        "{}",
        report.screen()
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn malformed_files_report_file_line_and_field() {
    let dir = scratch("malformed");
    let path = dir.join("bad.json");
    let text = std::fs::read_to_string(suite_file("witness/or-second-branch.json")).unwrap();
    // The line of the first predicate name, wherever the corpus file puts it.
    let line = 1 + text
        .lines()
        .position(|l| l.contains("\"Equal\""))
        .expect("the vector names Equal");
    std::fs::write(&path, text.replacen("\"Equal\"", "\"Equl\"", 1)).unwrap();
    let report = RUNNER.run_path(&path);
    assert_eq!(report.status, Status::Error);
    let at = format!("bad.json:{line}:");
    assert!(report.reason.contains(&at), "{}", report.reason);
    assert!(report.reason.contains("claim.Or[0]"), "{}", report.reason);
    // The kind parsed, so the screen names it even though the file does not load.
    assert_eq!(report.kind, Some(ovm_vectors::Kind::Witness));
    assert!(report.screen().contains("(witness)"), "{}", report.screen());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn skipped_and_stale_vectors() {
    let dir = scratch("skip-stale");
    let skipped = edited("witness/or-second-branch.json", &dir, |v| {
        v["_info"]["skip"] = "not today".into();
    });
    let report = RUNNER.run_path(&skipped);
    assert_eq!(
        (report.status, report.reason.as_str()),
        (Status::Skipped, "not today")
    );

    let stale = edited("witness/or-second-branch.json", &dir, |v| {
        v["_info"]["filled_against"] = format!("0x{}", "11".repeat(32)).into();
    });
    let report = RUNNER.run_path(&stale);
    assert_eq!(report.status, Status::Stale, "{}", report.screen());
    // Against plugged-in contracts the hash is not compared.
    let manifest = write_bundled_manifest(&dir.join("artifacts")).unwrap();
    let plugged = Runner::new().with_contracts(Contracts::from_manifest(&manifest).unwrap());
    assert_eq!(plugged.run_path(&stale).status, Status::Pass);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn fill_writes_byte_stable_expectations_and_check_agrees() {
    let dir = scratch("fill");
    let path = edited("uac/claim-and-decide.json", &dir, |v| {
        v.as_object_mut().unwrap().remove("expect");
    });
    assert_eq!(RUNNER.check_path(&path).status, Status::Fail);
    assert!(matches!(
        RUNNER.fill_path(&path).outcome,
        FillOutcome::Written
    ));
    let once = std::fs::read_to_string(&path).unwrap();
    assert!(
        once.contains(&ovm_chain::bundle_hash().to_string()),
        "{once}"
    );
    assert!(matches!(
        RUNNER.fill_path(&path).outcome,
        FillOutcome::Unchanged
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), once);
    let report = RUNNER.check_path(&path);
    assert_eq!(report.status, Status::Pass, "{}", report.screen());
    // The filled expectations are the hand-written ones.
    let original: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(suite_file("uac/claim-and-decide.json")).unwrap(),
    )
    .unwrap();
    let filled: serde_json::Value = serde_json::from_str(&once).unwrap();
    assert_eq!(original["expect"], filled["expect"]);
    std::fs::remove_dir_all(dir).unwrap();
}

/// A decider that flips every atomic: the halves disagree.
struct Liar;

impl Decider for Liar {
    fn decide(&self, property: &Property, world: &World) -> Outcome {
        let honest = ReferenceDecider::new().decide(property, world);
        match world.registry.kind(property.predicate) {
            Some(PredicateKind::Atomic(_)) if honest.is_true() => Outcome::FALSE_UNCHALLENGEABLE,
            Some(PredicateKind::Atomic(_)) => Outcome::True {
                witness: Some(Vec::new()),
            },
            _ => honest,
        }
    }
}

#[test]
fn a_plugged_in_decider_is_compared_and_fill_refuses_disagreeing_halves() {
    let runner = Runner::with_decider(Liar);
    let report = runner.run_path(&suite_file("atomic/equal-text-and-hex.json"));
    assert_eq!(report.status, Status::Fail);
    assert!(report.divergences.iter().all(|d| !d.against_expect));
    assert!(report.divergences[0].node.is_some(), "{}", report.screen());

    let dir = scratch("refuse");
    let path = edited("atomic/equal-text-and-hex.json", &dir, |_| {});
    let before = std::fs::read_to_string(&path).unwrap();
    assert!(matches!(
        runner.fill_path(&path).outcome,
        FillOutcome::Refused(_)
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn json_lines_are_byte_stable() {
    for rel in ["uac/claim-and-decide.json", "game/forall-defended.json"] {
        let a = RUNNER.run_path(&suite_file(rel)).json_line();
        let b = Runner::new().run_path(&suite_file(rel)).json_line();
        assert_eq!(a, b);
        assert!(!a.contains('\n'));
    }
}

#[test]
fn broken_contracts_are_caught_at_the_first_divergent_node() {
    let dir = scratch("broken-contracts");
    let manifest = write_bundled_manifest(&dir).unwrap();
    // Plug Or's code in where And belongs.
    let text = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace("\"AndPredicate.json\"", "\"OrPredicate.json\"");
    std::fs::write(&manifest, text).unwrap();
    let runner = Runner::new().with_contracts(Contracts::from_manifest(&manifest).unwrap());
    let report = runner.run_path(&suite_file("challenge/and-false-child.json"));
    assert_eq!(report.status, Status::Fail);
    assert_eq!(
        report.divergences[0].class,
        DivergenceClass::ChallengeRejectedOnChain
    );
    let node = report
        .divergences
        .iter()
        .find_map(|d| d.node.as_ref())
        .expect("a divergent node");
    assert_eq!(node.path, "claim");
    assert!(report.replay.contains("--contracts"), "{}", report.replay);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_unknown_rule_id_is_an_error_of_the_vector() {
    let dir = scratch("unknown-rule");
    let path = edited("atomic/equal-text-and-hex.json", &dir, |json| {
        json["_info"]["rules"] = serde_json::json!(["§5.Equal", "§5.Nope"]);
    });
    let report = RUNNER.run_path(&path);
    assert_eq!(report.status, Status::Error, "{}", report.screen());
    assert!(report.reason.contains("§5.Nope"), "{}", report.reason);
    assert!(!report.reason.contains("§5.Equal"), "{}", report.reason);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A vector of period 0 compares the deployment: the spec's `InvalidPeriod()` passes, a
/// deployment expected to succeed (or to fail otherwise) fails against the chain.
#[test]
fn a_period_0_vector_expects_the_deployment_to_fail_with_invalid_period() {
    let rel = "uac/deployment/invalid-period.json";
    let report = RUNNER.run_path(&suite_file(rel));
    assert_eq!(report.status, Status::Pass, "{}", report.screen());
    let dir = scratch("invalid-period");
    for wrong in [
        serde_json::json!("ok"),
        serde_json::json!({"error": {"name": "AlreadyInitialized"}}),
    ] {
        let path = edited(rel, &dir, |json| json["expect"]["deployment"] = wrong);
        let report = RUNNER.run_path(&path);
        assert_eq!(report.status, Status::Fail, "{}", report.screen());
        assert!(
            report.screen().contains("InvalidPeriod"),
            "{}",
            report.screen()
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The wiring step is compared like any call: expecting `initialize` again to succeed fails
/// against both halves' `AlreadyInitialized()`.
#[test]
fn initialize_again_is_compared_like_any_call() {
    let rel = "uac/wiring/initialize-again.json";
    assert_eq!(RUNNER.run_path(&suite_file(rel)).status, Status::Pass);
    let dir = scratch("initialize-again");
    let path = edited(rel, &dir, |json| {
        json["expect"]["results"][0] = serde_json::json!("ok");
    });
    let report = RUNNER.run_path(&path);
    assert_eq!(report.status, Status::Fail, "{}", report.screen());
    assert!(
        report.screen().contains("AlreadyInitialized"),
        "{}",
        report.screen()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
