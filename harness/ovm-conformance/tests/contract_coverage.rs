//! The contract coverage gate: every branch outcome (a `JUMPI`'s jump or fall-through, see
//! `ovm_chain::coverage`) of the bundled contracts is reached by the vector corpus, or listed
//! with its reason in `contract-coverage-exceptions.json`, which may only shrink (a listed
//! outcome that is now reached, or that no longer exists, fails too).

use ovm_conformance::{
    contract_coverage::{self, EXCEPTIONS_FILE, Exception, Exceptions},
    discover,
};

#[test]
fn every_branch_is_reached_or_listed_with_a_reason() {
    let started = std::time::Instant::now();
    let files = discover::vector_files(&discover::suite_dir()).expect("vectors/ is readable");
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let measured = contract_coverage::measure(&files, jobs).expect("the contracts map");
    let listed = contract_coverage::exceptions().expect("the exceptions file reads");
    let findings = contract_coverage::gate(&measured.report, &listed);
    eprintln!(
        "{}{} vectors under the coverage recorder in {:.1?}",
        measured.report.table(),
        measured.vectors,
        started.elapsed()
    );
    assert!(
        measured.not_passing.is_empty(),
        "vectors that do not conform: {:?}",
        measured.not_passing
    );
    if !findings.unlisted.is_empty() {
        let missing = Exceptions {
            exceptions: findings
                .unlisted
                .iter()
                .map(|key| Exception {
                    key: key.clone(),
                    reason: String::new(),
                })
                .collect(),
        };
        if let Ok(path) = std::env::var("OVM_COVERAGE_UNLISTED") {
            let _ = std::fs::write(path, serde_json::to_string_pretty(&missing).unwrap());
        }
    }
    assert!(
        findings.passes(),
        "{EXCEPTIONS_FILE} is out of date:\n\
         - {} unreached branch outcome(s) not listed (reach them with a vector, or list them with \
         a reason; OVM_COVERAGE_UNLISTED=FILE writes them as entries):\n{}\n\
         - {} listed outcome(s) now reached (delete them):\n{}\n\
         - {} listed outcome(s) that no longer exist (re-key or delete them):\n{}\n\
         - malformed entries: {:?}",
        findings.unlisted.len(),
        lines(&findings.unlisted),
        findings.reached.len(),
        lines(&findings.reached),
        findings.unknown.len(),
        lines(&findings.unknown),
        findings.malformed,
    );
}

fn lines(keys: &[contract_coverage::BranchKey]) -> String {
    keys.iter().map(|k| format!("    {k}\n")).collect()
}
