//! `fill`: compute the expectations from the reference implementations and write them,
//! refusing a vector whose two halves disagree.

use crate::{
    CliError, Options, SharedRunner, files,
    output::{out, outln},
    parallel::on_every_file,
    progress::progress,
};
use ovm_conformance::{FillOutcome, FillReport, Refusal};
use std::{collections::BTreeMap, path::PathBuf};

/// Fills the vectors `paths` select; `Ok(true)` when none was refused.
pub(crate) fn fill(
    runner: &SharedRunner,
    options: &Options,
    paths: &[PathBuf],
) -> Result<bool, CliError> {
    if options.decider != "reference" {
        return Err(CliError::FillNeedsReference);
    }
    let files = files(paths)?;
    let bar = progress(files.len());
    let results = on_every_file(
        runner,
        options,
        &files,
        &bar,
        |runner, path| runner.fill_path(path),
        |report, reason| FillReport {
            outcome: FillOutcome::Refused(Refusal::Unfinished(reason)),
            report,
        },
    );
    bar.finish_and_clear();
    let mut ok = true;
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    for (fill, _) in &results {
        let (word, reason) = match &fill.outcome {
            FillOutcome::Written => ("written", String::new()),
            FillOutcome::Unchanged => ("unchanged", String::new()),
            FillOutcome::Skipped(why) => ("skipped", why.clone()),
            FillOutcome::Refused(why) => {
                ok = false;
                ("refused", why.to_string())
            }
        };
        *counts.entry(word).or_default() += 1;
        if options.json {
            let line = serde_json::json!({
                "vector": fill.report.path,
                "name": fill.report.name,
                "fill": word,
                "reason": reason,
            });
            outln!("{line}");
        } else {
            outln!(
                "{:<9} {}{}",
                word.to_uppercase(),
                fill.report.path,
                if reason.is_empty() {
                    String::new()
                } else {
                    format!(": {}", reason.lines().next().unwrap_or(""))
                }
            );
            if matches!(fill.outcome, FillOutcome::Refused(_))
                && !fill.report.divergences.is_empty()
            {
                out!("{}", fill.report.screen());
            }
        }
    }
    if options.json {
        outln!(
            "{}",
            serde_json::json!({ "fill_summary": counts, "ok": ok })
        );
    } else {
        let parts: Vec<String> = counts.iter().map(|(k, v)| format!("{v} {k}")).collect();
        outln!("fill: {}", parts.join(", "));
    }
    Ok(ok)
}
