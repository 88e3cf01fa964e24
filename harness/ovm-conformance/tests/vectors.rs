//! Every vector file under `vectors/` (except `schema.json`) is its own test, named by its path
//! (`challenge::and-false-child`), so `cargo test -p ovm-conformance --test vectors -- NAME`
//! runs just that one. Adding a file needs no Rust change. A malformed file fails as its own
//! test (file, line and field in the message) and never stops the others; a vector with
//! `_info.skip` is an ignored test (`-- --ignored` runs it). The chain is deployed once per
//! process (per dispute period) and forked per vector.
//!
//! This is the same entry point an implementer's own test target uses
//! ([`ovm_conformance::test_main`]), reading the folder from disk instead of the embedded copy
//! so that vectors written during this `cargo test` (fuzz regressions) run at once.

use ovm_conformance::{Suite, discover, test_main};

fn main() -> std::process::ExitCode {
    test_main(
        Suite::new()
            .without_bundled_vectors()
            .vectors_dir(discover::suite_dir())
            .replay_target("vectors -p ovm-conformance"),
    )
}
