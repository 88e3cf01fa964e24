//! The whole OVM conformance suite against this repository's contracts, one test per vector,
//! plus this repository's own vectors (`tests/vectors/`):
//!
//! ```sh
//! cargo test --test conformance                               # every vector
//! cargo nextest run --partition count:1/2                     # half of them (CI shards)
//! cargo nextest run --profile ci                              # JUnit XML in target/nextest/ci/junit.xml
//! OVM_SUMMARY_MD=summary.md cargo test --test conformance     # + a Markdown summary
//! ```
//!
//! `ovm-contracts.json` names each of the sixteen contracts' artifact (a Foundry
//! `out/<File>.sol/<Name>.json`, a Hardhat artifact or solc standard JSON; paths relative to the
//! manifest). Here the artifacts stand in for a real build: they are the harness's own
//! committed ones.

use ovm_conformance::{Suite, test_main};

fn main() -> std::process::ExitCode {
    let here = env!("CARGO_MANIFEST_DIR");
    test_main(
        Suite::new()
            .contracts_manifest(format!("{here}/ovm-contracts.json"))
            .vectors_dir(format!("{here}/tests/vectors")),
    )
}
