//! Gas as a conformance property: the honest agent's gas per game vector stays within the
//! committed baseline's tolerance (`OVM_WRITE_GAS=1 cargo test -p ovm-conformance --test gas`
//! rewrites it), the bundled UAC is not griefable while a planted challenge-scanning mutant
//! is, and patching IsStored's gas guard out makes the §5.2 gas-guard vector fail.

use ovm_chain::CreationCodes;
use ovm_conformance::{
    Contracts, DivergenceClass, Runner, discover,
    gas::{self, Baseline, Op},
};

/// `contracts/src` with `patches` applied, compiled (cached under the target directory).
fn compile_variant(patches: &[(&str, &str, &str)]) -> CreationCodes {
    let cache = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract-variants");
    ovm_variants::patched_codes(patches, &cache).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn honest_path_gas_matches_the_baseline() {
    let measured = gas::measure_honest_gas(&Runner::new(), &discover::suite_dir())
        .unwrap_or_else(|e| panic!("{e}"));
    let path = gas::committed_baseline();
    if std::env::var_os("OVM_WRITE_GAS").is_some() {
        Baseline::of(&measured)
            .write(&path)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let baseline = Baseline::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let regressions = baseline.compare(&measured);
    assert!(
        regressions.is_empty(),
        "honest-path gas left {} (rewrite it with OVM_WRITE_GAS=1 cargo test -p \
         ovm-conformance --test gas, if intended):\n{}",
        path.display(),
        regressions
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn baseline_file_is_byte_stable() {
    let path = gas::committed_baseline();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let baseline = Baseline::read(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        baseline.to_json(),
        text,
        "{} is not in canonical form",
        path.display()
    );
}

#[test]
fn bundled_contracts_are_not_griefable() {
    let scaling = gas::probe_scaling(&Contracts::bundled()).unwrap_or_else(|e| panic!("{e}"));
    let griefable = scaling.griefable();
    assert!(griefable.is_empty(), "{griefable:?}\n{}", scaling.table());
}

#[test]
fn a_challenge_list_scan_is_griefable() {
    // §10: the 2020 UAC scanned the challenge list; here the duplicate check does.
    let codes = compile_variant(&[(
        "src/UniversalAdjudicationContract.sol",
        "if (_challengeSlot[gameId][challengeId] != 0) revert DuplicateChallenge(gameId, challengeId);",
        "for (uint256 i = 0; i < game.challenges.length; ++i) {\n            \
         if (game.challenges[i] == challengeId) revert DuplicateChallenge(gameId, challengeId);\n        }",
    )]);
    let scaling =
        gas::probe_scaling(&Contracts::plugged(codes, None)).unwrap_or_else(|e| panic!("{e}"));
    let griefable = scaling.griefable();
    assert_eq!(griefable.len(), 1, "{}", scaling.table());
    assert_eq!(griefable[0].class, DivergenceClass::Griefable);
    assert_eq!(
        griefable[0].subject,
        format!("UAC.{}", Op::Challenge.name())
    );
}

#[test]
fn the_gas_guard_vector_catches_a_missing_guard() {
    let codes = compile_variant(&[(
        "src/predicates/IsStoredPredicate.sol",
        "if (gasleft() < RETRIEVE_GAS * 64 / 63 + 5000) revert();",
        "",
    )]);
    let runner = Runner::new().with_contracts(Contracts::plugged(codes, None));
    let dir = discover::suite_dir().join("atomic/is-stored");
    let below = runner.run_path(&dir.join("gas-guard-below.json"));
    assert!(!below.conforms(), "{}", below.screen());
    assert!(
        below
            .divergences
            .iter()
            .any(|d| d.what.contains("must revert")),
        "{}",
        below.screen()
    );
    let above = runner.run_path(&dir.join("gas-guard-above.json"));
    assert!(above.conforms(), "{}", above.screen());
}
