//! Contract-side deliberately wrong variants: patched copies of `contracts/src`, compiled with
//! the project's solc (`$SOLC` or `contracts/bin/solc`, optimizer off, prague, no metadata
//! hash) once per variant and cached under the target directory, deployed through
//! `ovm_chain::Chain::deploy_codes`. The reference Rust half must diverge from each.

use ovm_chain::{CreationCodes, deployment::DEPLOYMENT_ORDER};
use ovm_conformance::Contracts;
use ovm_core::{Bytes, keccak256};
use ovm_fuzz::{
    Runner,
    campaign::{Budget, Campaign, DEFAULT_SEED, Options},
    env::Env,
    found::Layer,
};

mod support;
use std::{
    collections::BTreeMap,
    io::Write,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

fn contracts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../contracts")
}

fn sources(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("contracts/src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "sol") {
            let name = path
                .strip_prefix(root)
                .expect("under the root")
                .to_string_lossy()
                .into_owned();
            out.insert(name, std::fs::read_to_string(&path).expect("source"));
        }
    }
}

/// Compiles `contracts/src` with `patches` (`file`, `from`, `to`; `from` must occur exactly
/// once) applied; cached by the patched sources' hash.
fn compile_variant(patches: &[(&str, &str, &str)]) -> CreationCodes {
    let root = contracts_dir();
    let mut files = BTreeMap::new();
    sources(&root.join("src"), &root, &mut files);
    for (file, from, to) in patches {
        let text = files.get_mut(*file).unwrap_or_else(|| panic!("no {file}"));
        assert_eq!(text.matches(from).count(), 1, "patch {from:?} in {file}");
        *text = text.replacen(from, to, 1);
    }
    let input = serde_json::json!({
        "language": "Solidity",
        "sources": files.iter().map(|(k, v)| (k.clone(), serde_json::json!({"content": v}))).collect::<serde_json::Map<_, _>>(),
        "settings": {
            "optimizer": {"enabled": false},
            "evmVersion": "prague",
            "metadata": {"bytecodeHash": "none"},
            "outputSelection": {"*": {"*": ["evm.bytecode.object"]}},
        },
    })
    .to_string();
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("contract-variants")
        .join(format!("{}.json", keccak256(input.as_bytes())));
    let output = match std::fs::read_to_string(&cache) {
        Ok(text) => text,
        Err(_) => {
            let solc =
                std::env::var_os("SOLC").map_or_else(|| root.join("bin/solc"), PathBuf::from);
            let mut child = Command::new(solc)
                .arg("--standard-json")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .expect("solc runs (npm ci --prefix contracts)");
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(input.as_bytes())
                .expect("input written");
            let out = child.wait_with_output().expect("solc finishes");
            let text = String::from_utf8(out.stdout).expect("utf-8");
            std::fs::create_dir_all(cache.parent().expect("parent")).expect("cache dir");
            std::fs::write(&cache, &text).expect("cache written");
            text
        }
    };
    let json: serde_json::Value = serde_json::from_str(&output).expect("solc output is JSON");
    if let Some(errors) = json["errors"].as_array() {
        let fatal: Vec<_> = errors.iter().filter(|e| e["severity"] == "error").collect();
        assert!(fatal.is_empty(), "{fatal:?}");
    }
    let mut named = Vec::new();
    for unit in json["contracts"].as_object().expect("contracts").values() {
        for (name, contract) in unit.as_object().expect("unit") {
            if DEPLOYMENT_ORDER.contains(&name.as_str()) {
                let hex = contract["evm"]["bytecode"]["object"]
                    .as_str()
                    .expect("bytecode");
                let code: Bytes = format!("0x{hex}").parse().expect("hex bytecode");
                named.push((name.clone(), code));
            }
        }
    }
    CreationCodes::from_named(named).expect("all sixteen contracts")
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
