//! `run` and `check`: run vectors on both halves (and, for `run` of the whole suite, a short
//! fuzz campaign), print one line (or JSON line) per vector, the preflight of plugged-in
//! contracts, the distinct problems of vectors and fuzz cases together, and the summary;
//! optionally append a Markdown summary, and report throughput on stderr.

use crate::{
    BoxedDecider, CliError, Options, SharedRunner, files,
    fuzz::{self, FuzzArgs},
    output::{out, outln},
    parallel::on_every_file,
    progress::progress,
};
use ovm_conformance::{
    Runner, Status, Summary, VectorReport,
    preflight::unknown_events_text,
    problems::{self, Example, Problems},
    report::markdown,
};
use ovm_fuzz::{Found, Report, campaign::Finding};
use std::{
    collections::BTreeMap,
    path::PathBuf,
    time::{Duration, Instant},
};

/// How many of the slowest vectors the throughput report names.
const SLOWEST_SHOWN: usize = 3;

/// What `run_all` does with each vector.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `run`: run and compare.
    Run,
    /// `check`: run, compare, and verify that `fill` would not change the file.
    Check,
}

/// Runs (or checks, per `mode`) the vectors `paths` select, then the campaign `fuzz` if
/// given (not after a failing vector when it stops at the first failure); `Ok(true)` when all
/// conform.
pub(crate) fn run_all(
    runner: &SharedRunner,
    options: &Options,
    paths: &[PathBuf],
    mode: Mode,
    fuzz: Option<&FuzzArgs>,
) -> Result<bool, CliError> {
    let files = files(paths)?;
    let setup = Instant::now();
    let deployments = runner.deploy_for(&files)?;
    eprintln!(
        "deployed {deployments} chain snapshot(s) in {:.2}s",
        setup.elapsed().as_secs_f64()
    );
    let bar = progress(files.len());
    let wall = Instant::now();
    let results = on_every_file(
        runner,
        options,
        &files,
        &bar,
        move |runner, path| match mode {
            Mode::Run => runner.run_path(path),
            Mode::Check => runner.check_path(path),
        },
        |report, _| report,
    );
    let wall = wall.elapsed();
    bar.finish_and_clear();
    let mut summary = Summary::default();
    for (report, _) in &results {
        summary.add(report);
        if options.summary {
            continue;
        }
        if options.json {
            outln!("{}", report.json_line());
        } else if report.status.conforms() || report.status == Status::Unsupported {
            // An unsupported vector is one line: its cause is listed once in the summary.
            outln!("{}", report.line());
        } else {
            out!("{}", report.screen());
        }
    }
    let reports: Vec<VectorReport> = results.iter().map(|(report, _)| report.clone()).collect();
    let campaign = fuzz
        .filter(|args| !args.fail_fast || summary.conforms())
        .map(|args| {
            (
                args,
                fuzz::run_campaign(runner.as_ref(), args, !args.fail_fast),
            )
        });
    let mut found = Problems::default();
    for report in &reports {
        found.add_vector(report);
    }
    if let Some((args, report)) = &campaign {
        if !options.summary && !options.json {
            fuzz::print_findings(report, args, false);
        }
        add_fuzz_problems(&mut found, runner, args.seed, report);
    }
    let problems = found.sorted();
    let preflight = runner.preflight();
    let unknown_events = runner.unknown_events();
    if options.json {
        if let Some(preflight) = preflight {
            outln!("{}", serde_json::json!({ "preflight": preflight }));
        }
        if !unknown_events.is_empty() {
            outln!(
                "{}",
                serde_json::json!({ "unknown_events": unknown_events })
            );
        }
        if !problems.is_empty() {
            outln!("{}", serde_json::json!({ "problems": problems }));
        }
        outln!("{}", summary.json_line());
        // The campaign's report stays the last line, as `fuzz --json` prints it.
        if let Some((args, report)) = &campaign {
            fuzz::print_findings(report, args, true);
        }
    } else {
        if let Some(preflight) = preflight {
            let text = if options.summary {
                preflight.brief()
            } else {
                preflight.text()
            };
            out!("{text}");
        }
        out!("{}", unknown_events_text(&unknown_events));
        if problems.is_empty() {
            outln!("{summary}");
        } else {
            // Each cause of unsupported vectors is one of the problems already.
            out!("{}", problems::text(&problems));
            outln!("{}", summary.counts());
        }
        if let Some((args, report)) = &campaign {
            fuzz::print_summary(report, args);
        }
    }
    if let Some(path) = &options.markdown {
        let text = markdown(
            &format!("OVM conformance ({})", runner.contracts().describe()),
            &summary,
            &reports,
        );
        append(path, &text)?;
    }
    eprint!("{}", throughput(&results, wall, runner));
    let fuzz_conforms = campaign.is_none_or(|(_, report)| report.bugs.is_empty());
    Ok(summary.conforms() && fuzz_conforms)
}

/// Adds the bugs the campaign of `seed` found to `found`, each under its layer's §9 rule,
/// with its regression vector's replay command or the command that finds it again.
fn add_fuzz_problems(found: &mut Problems, runner: &SharedRunner, seed: u64, report: &Report) {
    for finding in &report.bugs {
        let Finding { layer, case, .. } = finding;
        let example = Example {
            vector: format!("fuzz {layer} case {case}"),
            replay: finding.replay.clone().unwrap_or_else(|| {
                runner.command_line(&format!(
                    "fuzz --seed {seed} --layers {layer} --cases {}",
                    case + 1
                ))
            }),
        };
        let rules = [format!("§9.{layer}")];
        match &finding.found {
            Found::Divergence(d) => found.add_fuzz(d, finding.hits, &rules, &example),
            other => found.add_unrunnable_fuzz(&other.signature(), finding.hits, &rules, &example),
        }
    }
}

/// Appends `text` to the file at `path` (created if missing).
pub(crate) fn append(path: &std::path::Path, text: &str) -> Result<(), CliError> {
    use std::io::Write as _;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|source| CliError::Markdown {
            path: path.to_path_buf(),
            source,
        })
}

/// The throughput report on stderr: vectors per second overall and per kind, on-chain games
/// per second, and the slowest vectors.
fn throughput(
    results: &[(VectorReport, Duration)],
    wall: Duration,
    runner: &Runner<BoxedDecider>,
) -> String {
    let mut per_kind: BTreeMap<&str, (u64, Duration)> = BTreeMap::new();
    let mut games = 0;
    let mut game_time = Duration::ZERO;
    for (report, elapsed) in results {
        if report.status == Status::Skipped {
            continue;
        }
        let kind = report.kind.map_or("unreadable", |k| k.name());
        let entry = per_kind.entry(kind).or_default();
        entry.0 += 1;
        entry.1 += *elapsed;
        if report.stats.games > 0 {
            games += report.stats.games;
            game_time += *elapsed;
        }
    }
    let rate = |n: u64, d: Duration| {
        if n == 0 || d.is_zero() {
            "—".to_owned()
        } else {
            format!("{:.1}", n as f64 / d.as_secs_f64())
        }
    };
    let total: u64 = per_kind.values().map(|(n, _)| n).sum();
    let mut by_time: Vec<_> = results.iter().collect();
    by_time.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
    let slowest: Vec<String> = by_time
        .iter()
        .take(SLOWEST_SHOWN)
        .map(|(report, time)| format!("{} {:.2}s", report.name, time.as_secs_f64()))
        .collect();
    let mut out = format!(
        "{total} vectors in {:.2}s wall ({} vectors/s) against {}\n",
        wall.as_secs_f64(),
        rate(total, wall),
        runner.contracts().describe()
    );
    if !slowest.is_empty() {
        out.push_str(&format!("  slowest    {}\n", slowest.join(", ")));
    }
    for (kind, (n, time)) in &per_kind {
        out.push_str(&format!(
            "  {kind:<10} {n:>5} vectors in {:>7.3}s thread time: {:>8} vectors/s\n",
            time.as_secs_f64(),
            rate(*n, *time)
        ));
    }
    out.push_str(&format!(
        "  games      {games:>5} on-chain games in {:>7.3}s thread time: {:>8} games/s\n",
        game_time.as_secs_f64(),
        rate(games, game_time)
    ));
    out
}
