//! `coverage`: spec rule id → number of vectors of the suite; `coverage contracts`: the lines
//! and branches of the bundled contracts the vectors reach.

use crate::{
    Options,
    error::CliError,
    output::{out, outln},
};
use ovm_conformance::{Coverage, contract_coverage, discover};
use std::path::{Path, PathBuf};

/// Prints the suite's rule coverage; `true` when no vector names an unknown rule or is
/// unreadable.
pub(crate) fn coverage(options: &Options) -> bool {
    let files = match discover::vector_files(&discover::suite_dir()) {
        Ok(files) => files,
        Err(err) => {
            eprintln!("error: {err}");
            return false;
        }
    };
    let coverage = Coverage::of(&files);
    if options.json {
        for (id, n) in &coverage.counts {
            outln!("{}", serde_json::json!({ "rule": id, "vectors": n }));
        }
        outln!(
            "{}",
            serde_json::json!({
                "coverage_summary": {
                    "rules": coverage.counts.len(),
                    "covered": coverage.counts.len() - coverage.gaps().len(),
                    "gaps": coverage.gaps(),
                    "unknown": coverage.unknown,
                    "vectors": coverage.vectors,
                }
            })
        );
    } else {
        out!("{}", coverage.table());
    }
    coverage.unknown.is_empty() && coverage.unreadable.is_empty()
}

/// Runs `files` on the bundled contracts under the coverage recorder and prints the table per
/// contract (or one JSON line per contract and a summary); writes the lcov tracefile to
/// `lcov` if given. `true` when every vector conforms.
pub(crate) fn contracts(
    options: &Options,
    files: &[PathBuf],
    lcov: Option<&Path>,
) -> Result<bool, CliError> {
    if options.contracts.is_some() {
        return Err(CliError::CoverageNeedsBundled("coverage contracts"));
    }
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let measured = contract_coverage::measure(files, jobs)?;
    let report = &measured.report;
    if options.json {
        for c in &report.contracts {
            outln!(
                "{}",
                serde_json::json!({
                    "contract": c.name,
                    "lines": c.lines.len(),
                    "lines_hit": c.lines_hit(),
                    "branches": c.outcomes(),
                    "branches_reached": c.outcomes_reached(),
                })
            );
        }
        outln!(
            "{}",
            serde_json::json!({
                "contract_coverage_summary": {
                    "vectors": measured.vectors,
                    "not_passing": measured.not_passing.len(),
                }
            })
        );
    } else {
        out!("{}", report.table());
        outln!(
            "{} vector(s); branches are JUMPI outcomes (jump / fall through)",
            measured.vectors
        );
    }
    for (path, status) in &measured.not_passing {
        eprintln!("warning: {path}: {} (its coverage counts)", status.name());
    }
    if let Some(path) = lcov {
        std::fs::write(path, ovm_chain::coverage::lcov::render(report)).map_err(|source| {
            CliError::Lcov {
                path: path.to_owned(),
                source,
            }
        })?;
    }
    Ok(measured.not_passing.is_empty())
}
