//! `coverage`: spec rule id → number of vectors of the suite.

use crate::{
    Options,
    output::{out, outln},
};
use ovm_conformance::{Coverage, discover};

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
