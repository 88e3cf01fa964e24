//! `ovm-conformance fuzz`: a seeded differential campaign ([`ovm_fuzz::Campaign`]) of the
//! reference subject against the contracts, with a progress bar, cases/s per layer, unique
//! divergences and the seed. Also the short campaign `run` adds to the whole suite, and
//! `fuzz merge`, which joins the JSON reports of shards (`fuzz --shard i/n --json`).

use crate::{
    error::CliError,
    output::{out, outln},
};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use ovm_conformance::contract_coverage::ContractCoverageError;
use ovm_fuzz::{
    Budget, Campaign, Env, Judge, Layer, Options, Report, Shard,
    campaign::{DEFAULT_SEED, FeedbackReport},
    regress::WriteMode,
    shard,
};
use std::{io::IsTerminal, path::PathBuf, time::Duration};

/// `fuzz [OPTIONS]` runs a campaign; `fuzz merge FILES…` merges shard reports.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct FuzzCommand {
    /// `merge`.
    #[command(subcommand)]
    pub action: Option<FuzzAction>,
    /// The campaign (without a subcommand).
    #[command(flatten)]
    pub args: FuzzArgs,
}

/// The subcommands of `fuzz`.
#[derive(Debug, Subcommand)]
pub enum FuzzAction {
    /// Merge the JSON reports of shards 1/n … n/n of one campaign (`fuzz --shard i/n --json`)
    /// into the JSON report of the whole campaign: the same bytes an unsharded `fuzz --json`
    /// with the same seed and cases prints. Exit 1 if a shard found a bug.
    Merge {
        /// The shards' reports, in any order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// How long and where a campaign runs.
#[derive(Debug, Args)]
pub struct FuzzArgs {
    /// The campaign's seed (the same seed and case count give the same cases and records).
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Cases per layer.
    #[arg(long, conflicts_with = "duration", default_value_t = 200)]
    pub cases: u64,
    /// Run round-robin over the layers for this long instead (`90s`, `10m`, `2h`, or seconds).
    #[arg(long, value_parser = parse_duration)]
    pub duration: Option<Duration>,
    /// The layers to run, comma-separated (E, A, W, C, S, G).
    #[arg(long, value_delimiter = ',', value_parser = parse_layer, default_value = "E,A,W,C,S,G")]
    pub layers: Vec<Layer>,
    /// Write each finding, shrunk, as a regression vector into DIR (default: write nothing).
    #[arg(long, value_name = "DIR")]
    pub write_regressions: Option<PathBuf>,
    /// Stop at the first bug, without shrinking it: a pass/fail answer as fast as possible
    /// (CI gates, the mutation gate). The same seed still gives the same cases.
    #[arg(long)]
    pub fail_fast: bool,
    /// Check only shard I of N: the cases whose index (within their layer) is I−1 modulo N.
    /// Every shard draws the whole campaign's cases, so `fuzz merge` of the N `--json`
    /// reports is the unsharded report.
    #[arg(long, value_name = "I/N", default_value_t = Shard::WHOLE)]
    pub shard: Shard,
    /// Coverage as feedback: keep, per layer, the cases that reach a new branch outcome of the
    /// bundled contracts or a new outcome shape, and let every other case mutate a kept one.
    /// Deterministic (same seed, same cases); not with --shard.
    #[arg(long)]
    pub feedback: bool,
    /// Record the bundled contracts' coverage during the campaign and print, per contract, the
    /// source lines and branch outcomes it reached.
    #[arg(long)]
    pub coverage: bool,
}

impl FuzzArgs {
    /// `cases` per layer of every layer, with the default seed (the short budget of `run`).
    pub fn short(cases: u64, fail_fast: bool) -> Self {
        Self {
            seed: DEFAULT_SEED,
            cases,
            duration: None,
            layers: Layer::ALL.to_vec(),
            write_regressions: None,
            fail_fast,
            shard: Shard::WHOLE,
            feedback: false,
            coverage: false,
        }
    }
}

fn parse_layer(name: &str) -> Result<Layer, String> {
    Layer::from_name(name.trim())
        .ok_or_else(|| format!("unknown layer {name:?} (E, A, W, C, S, G)"))
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = text
        .find(|c: char| !c.is_ascii_digit())
        .map_or((text, ""), |at| text.split_at(at));
    let value: u64 = number
        .parse()
        .map_err(|_| format!("not a duration: {text:?} (e.g. 90s, 10m, 2h)"))?;
    let seconds = match unit {
        "" | "s" => value,
        "m" => value.saturating_mul(60),
        "h" => value.saturating_mul(3600),
        _ => return Err(format!("unknown unit {unit:?} in {text:?} (s, m, h)")),
    };
    Ok(Duration::from_secs(seconds))
}

/// Runs the campaign against `judge` (the command's decider and contracts); prints the findings
/// (or, with `json`, the case records and a summary line) on stdout and the throughput on
/// stderr, then what the feedback kept and the contracts' coverage if asked (on stderr with
/// `json`). `Ok(true)` when no bug was found (unguarded claims and the documented §10
/// limitation are reported, not failed).
pub fn campaign(judge: &dyn Judge, args: &FuzzArgs, json: bool) -> Result<bool, CliError> {
    if args.feedback && !args.shard.is_whole() {
        return Err(CliError::FeedbackNeedsWholeCampaign);
    }
    let hits = judge.contract_coverage().cloned();
    if args.coverage && hits.is_none() {
        return Err(CliError::CoverageNeedsBundled("fuzz --coverage"));
    }
    let report = run_campaign(judge, args, !args.fail_fast);
    print_findings(&report, args, json);
    if !json {
        print_summary(&report, args);
    }
    let mut notes = report
        .feedback
        .as_ref()
        .map(feedback_line)
        .unwrap_or_default();
    if let Some(hits) = hits.filter(|_| args.coverage) {
        let report = ovm_chain::coverage::Report::of(&hits).map_err(ContractCoverageError::Map)?;
        notes.push_str(&report.table());
    }
    if json {
        eprint!("{notes}");
    } else {
        out!("{notes}");
    }
    Ok(report.bugs.is_empty())
}

/// What the feedback kept per layer and the branch outcomes reached, one line.
fn feedback_line(feedback: &FeedbackReport) -> String {
    let kept: Vec<String> = feedback
        .corpus
        .iter()
        .map(|(layer, n)| format!("{} {n}", layer.name()))
        .collect();
    let branches = feedback.branches.map_or_else(
        || "outcome shapes only (contract coverage is recorded for the bundled contracts)".into(),
        |(reached, all)| format!("{reached}/{all} contract branch outcomes reached"),
    );
    format!("feedback: kept {} case(s); {branches}\n", kept.join(", "))
}

/// Prints what `report` found: its JSON report (`json`), else one message per finding; the
/// throughput goes to stderr.
pub(crate) fn print_findings(report: &Report, args: &FuzzArgs, json: bool) {
    if json {
        out!(
            "{}",
            shard::report_json(report, args.seed, &args.layers, args.shard)
        );
    } else {
        for finding in report
            .bugs
            .iter()
            .chain(&report.unguarded)
            .chain(&report.limitations)
        {
            outln!("{}", finding.message(args.seed));
        }
    }
    eprint!("{}", throughput(report));
}

/// Prints the campaign's one summary line.
pub(crate) fn print_summary(report: &Report, args: &FuzzArgs) {
    outln!("{}", summary_line(args, report));
}

/// Runs the campaign `args` describe against `judge`, with a progress bar on a terminal, and
/// returns its report (nothing printed); `shrink`: shrink each bug before recording it.
pub(crate) fn run_campaign(judge: &dyn Judge, args: &FuzzArgs, shrink: bool) -> Report {
    let campaign = Campaign {
        seed: args.seed,
        budget: args
            .duration
            .map_or(Budget::Cases(args.cases), Budget::Duration),
        layers: args.layers.clone(),
        options: Options {
            write: args
                .write_regressions
                .clone()
                .map_or(WriteMode::Never, WriteMode::Dir),
            shrink,
            stop_at_first: args.fail_fast,
            shard: args.shard,
            feedback: args.feedback,
            ..Options::default()
        },
    };
    let bar = bar();
    let report = campaign.run(&Env::new(), judge, &mut |p| {
        bar.set_position(p.cases);
        bar.set_message(format!(
            "{} unique divergence(s), {:.0} cases/s",
            p.unique,
            p.cases as f64 / p.elapsed.as_secs_f64().max(1e-9)
        ));
    });
    bar.finish_and_clear();
    report
}

fn bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::no_length();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] fuzz {pos} cases, {msg}")
    {
        bar.set_style(style);
    }
    bar
}

fn total_cases(report: &Report) -> u64 {
    report.cases.iter().map(|(_, n)| n).sum()
}

fn summary_line(args: &FuzzArgs, report: &Report) -> String {
    let shard = if args.shard.is_whole() {
        String::new()
    } else {
        format!(" (shard {})", args.shard)
    };
    format!(
        "fuzz seed {:#x}{shard}: {} cases, {} bug(s), {} unguarded claim(s), {} limitation(s)",
        args.seed,
        total_cases(report),
        report.bugs.len(),
        report.unguarded.len(),
        report.limitations.len()
    )
}

fn throughput(report: &Report) -> String {
    let mut out = String::new();
    for ((layer, cases), (_, time)) in report.cases.iter().zip(&report.time) {
        let rate = if time.is_zero() {
            0.0
        } else {
            *cases as f64 / time.as_secs_f64()
        };
        out.push_str(&format!(
            "  fuzz {:<2} {cases:>6} cases in {:>8.3}s: {rate:>8.1} cases/s\n",
            layer.name(),
            time.as_secs_f64()
        ));
    }
    out
}

/// `fuzz merge FILES…`: prints the merged JSON report (stdout) and a summary line (stderr).
/// `Ok(true)` when no shard found a bug.
pub fn merge(files: &[PathBuf]) -> Result<bool, CliError> {
    let mut reports = Vec::with_capacity(files.len());
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|source| CliError::Read {
            path: file.clone(),
            source,
        })?;
        reports.push((file.display().to_string(), text));
    }
    let merged = shard::merge(&reports)?;
    out!("{}", merged.json);
    eprintln!(
        "fuzz merge: {} shard report(s), {} cases, {} unique finding(s){}",
        files.len(),
        merged.cases,
        merged.findings,
        if merged.conforms { "" } else { ", bugs found" }
    );
    Ok(merged.conforms)
}
