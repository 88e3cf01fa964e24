//! The whole OVM conformance suite on this crate's engine, one test per vector:
//!
//! ```sh
//! cargo test --test conformance                          # every vector
//! cargo test --test conformance -- game:: --list         # the game vectors' names
//! cargo nextest run --profile ci                         # JUnit XML in target/nextest/ci/junit.xml
//! ```

use decider_implementer::WalletEngine;
use ovm_conformance::{Suite, test_main};

fn main() -> std::process::ExitCode {
    test_main(Suite::new().decider(WalletEngine::new()))
}
