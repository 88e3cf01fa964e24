//! Manifests with their own deployment plans: constructor arguments, wiring calls and the
//! errors that name the field (`ovm_conformance::manifest`).

use ovm_chain::{Chain, DEPLOYER, Deployment};
use ovm_conformance::{Contracts, Runner, Status, contracts::write_bundled_manifest, discover};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ovm-manifest-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The bundled manifest in `dir`, edited by `edit`.
fn manifest(dir: &Path, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let path = write_bundled_manifest(dir).unwrap();
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut value);
    std::fs::write(&path, value.to_string()).unwrap();
    path
}

/// The spec's deployment written out as an explicit plan: every constructor stated and
/// `initialize` sent as a wiring call by its signature.
fn spelled_out(m: &mut Value) {
    for (name, slot) in m["contracts"].as_object_mut().unwrap() {
        let constructor = match name.as_str() {
            "UniversalAdjudicationContract" => json!({"types": "(uint256)", "args": ["$period"]}),
            "CommitmentContract" => json!({"types": "()"}),
            _ => json!({"types": "(address)", "args": ["@UniversalAdjudicationContract"]}),
        };
        *slot = json!({"artifact": slot.clone(), "constructor": constructor});
    }
    m["wiring"] = json!([{
        "to": "UniversalAdjudicationContract",
        "call": "initialize(address,address,address,address,address,address[],address[])",
        "args": ["@NotPredicate", "@AndPredicate", "@OrPredicate", "@ForAllSuchThatQuantifier",
                 "@ThereExistsSuchThatQuantifier", "$atomics", "$storages"],
    }]);
}

#[test]
fn an_explicit_plan_deploys_what_the_spec_deploys() {
    let dir = scratch("explicit");
    let path = manifest(&dir, spelled_out);
    let contracts = Contracts::from_manifest(&path).unwrap();
    assert!(!contracts.plan().is_spec());
    assert_ne!(contracts.codes_hash(), Contracts::bundled().codes_hash());

    let mut chain = Chain::new();
    let d = chain.deploy_plan(DEPLOYER, 9, contracts.plan()).unwrap();
    assert_eq!(d, Deployment::predicted(DEPLOYER, 0, 9));
    let runner = Runner::new().with_contracts(contracts);
    for rel in ["uac/claim-and-decide.json", "game/forall-defended.json"] {
        let report = runner.run_path(&discover::suite_dir().join(rel));
        assert_eq!(report.status, Status::Pass, "{}", report.screen());
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// An edit of a manifest.
type Edit = fn(&mut Value);

#[test]
fn plan_errors_name_the_field() {
    let dir = scratch("errors");
    let cases: [(Edit, &str); 7] = [
        (
            |m| m["contracts"]["NotPredicate"] = json!({"artifact": "NotPredicate.json", "constructor": {"types": "(uint256)", "args": ["@Nope"]}}),
            "NotPredicate constructor: argument 1: no contract or library named \"Nope\"",
        ),
        (
            |m| m["contracts"]["NotPredicate"] = json!({"artifact": "NotPredicate.json", "constructor": {"types": "(address,address)", "args": ["$deployer"]}}),
            "takes 2 argument(s), 1 given",
        ),
        (
            |m| m["contracts"]["NotPredicate"] = json!({"artifact": "NotPredicate.json", "wat": 1}),
            "contracts.NotPredicate.wat: unknown field",
        ),
        (
            |m| m["wiring"] = json!([{"to": "UniversalAdjudicationContract", "call": "f(address[5])", "args": ["$atomics"]}]),
            "wiring step 1: argument 1: 9 addresses given for a address[5]",
        ),
        (
            |m| {
                m["wiring"] = json!([{"to": "UniversalAdjudicationContract", "call": "f(uint8)", "args": ["x"]}])
            },
            "\"x\" is not a uint8",
        ),
        (
            |m| m["wiring"] = json!(["init"]),
            "wiring[0]: expected \"initialize\"",
        ),
        (|m| m["extra"] = json!(1), "extra: unknown field"),
    ];
    for (edit, expected) in cases {
        let path = manifest(&dir, edit);
        let error = Contracts::from_manifest(&path).unwrap_err().to_string();
        assert!(error.contains(expected), "{error} (expected {expected:?})");
        assert!(error.contains("manifest.json"), "{error}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_wiring_call_that_reverts_fails_the_deployment_naming_it() {
    let dir = scratch("revert");
    let path = manifest(&dir, |m| m["wiring"] = json!(["initialize", "initialize"]));
    let contracts = Contracts::from_manifest(&path).unwrap();
    let error = Chain::new()
        .deploy_plan(DEPLOYER, 5, contracts.plan())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("initialize") && error.contains("reverted"),
        "{error}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
