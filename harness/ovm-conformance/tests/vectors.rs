//! Every vector file under `vectors/` (except `schema.json`) is its own test, named by its path
//! (`challenge::and-false-child`), so `cargo test -p ovm-conformance --test vectors -- NAME`
//! runs just that one. Adding a file needs no Rust change. A malformed file fails as its own
//! test (file, line and field in the message) and never stops the others; a vector with
//! `_info.skip` is reported ignored with its reason. The chain is deployed once per process
//! (per dispute period) and forked per vector.

use libtest_mimic::{Arguments, Completion, Failed, Trial};
use ovm_conformance::{Runner, Status, discover};
use std::{process::ExitCode, sync::OnceLock};

static RUNNER: OnceLock<Runner> = OnceLock::new();

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let files = match discover::vector_files(&discover::suite_dir()) {
        Ok(files) => files,
        Err(err) => {
            eprintln!("cannot list {}: {err}", discover::suite_dir().display());
            return ExitCode::FAILURE;
        }
    };
    let trials = files
        .into_iter()
        .map(|path| {
            Trial::ignorable_test(discover::test_name(&path), move || {
                let report = RUNNER.get_or_init(Runner::new).run_path(&path);
                match report.status {
                    Status::Pass => Ok(Completion::Completed),
                    Status::Skipped => Ok(Completion::ignored_with(report.reason)),
                    Status::Fail | Status::Stale | Status::Error => {
                        Err(Failed::from(report.screen()))
                    }
                }
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit_code()
}
