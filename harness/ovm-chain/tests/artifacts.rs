//! The committed artifacts (`contracts/artifacts/`) are what the sources compile to, so a crate
//! depending on the harness runs exactly the contracts of `contracts/src` without compiling them.

use ovm_chain::artifacts::{BUILD_ARTIFACTS_DIR, CONTRACTS, CONTRACTS_DIR, INPUTS_HASH, STALE};
use std::path::Path;

#[test]
fn committed_artifacts_match_the_sources() {
    if let Some(why) = STALE {
        panic!(
            "contracts/artifacts is stale: {why}.\nThe tests ran against a fresh compile of \
             contracts/src. Refresh the committed artifacts with\n\n    npm ci --prefix contracts \
             && cargo run -p ovm-chain --bin refresh-artifacts\n\nand commit contracts/artifacts."
        );
    }
    // The build used the committed files as they are: they are byte-identical to its outputs.
    let committed = Path::new(CONTRACTS_DIR).join("artifacts");
    for name in CONTRACTS
        .iter()
        .map(|c| format!("{}.json", c.name))
        .chain(["build.json".to_owned()])
    {
        let built = std::fs::read(Path::new(BUILD_ARTIFACTS_DIR).join(&name)).unwrap();
        let kept = std::fs::read(committed.join(&name))
            .unwrap_or_else(|e| panic!("{}: {e}", committed.join(&name).display()));
        assert!(built == kept, "{name} differs from the committed copy");
    }
    let record = std::fs::read_to_string(committed.join("build.json")).unwrap();
    assert!(record.contains(INPUTS_HASH), "{record}");
}
