//! `ovm-conformance fuzz`: a seeded differential campaign ([`ovm_fuzz::Campaign`]) of the
//! reference subject against the contracts, with a progress bar, cases/s per layer, unique
//! divergences and the seed. Also the short campaign `run` adds to the whole suite.

use crate::output::{out, outln};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use ovm_fuzz::{
    Budget, Campaign, Env, Judge, Layer, Options, Report, campaign::DEFAULT_SEED,
    regress::WriteMode,
};
use std::{io::IsTerminal, path::PathBuf, time::Duration};

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

/// Runs the campaign against `judge` (the command's decider and contracts); prints the findings (or, with `json`, the case records and a
/// summary line) on stdout and the throughput on stderr. True when no bug was found (unguarded
/// claims and the documented §10 limitation are reported, not failed).
pub fn campaign(judge: &dyn Judge, args: &FuzzArgs, json: bool) -> bool {
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
            shrink: !args.fail_fast,
            stop_at_first: args.fail_fast,
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
    if json {
        out!("{}", report.records_jsonl());
        outln!("{}", summary_json(args.seed, &report));
    } else {
        for finding in report
            .bugs
            .iter()
            .chain(&report.unguarded)
            .chain(&report.limitations)
        {
            outln!("{}", finding.message(args.seed));
        }
        outln!("{}", summary_line(args.seed, &report));
    }
    eprint!("{}", throughput(&report));
    report.bugs.is_empty()
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

fn summary_line(seed: u64, report: &Report) -> String {
    format!(
        "fuzz seed {seed:#x}: {} cases, {} bug(s), {} unguarded claim(s), {} limitation(s)",
        total_cases(report),
        report.bugs.len(),
        report.unguarded.len(),
        report.limitations.len()
    )
}

fn summary_json(seed: u64, report: &Report) -> serde_json::Value {
    let signatures = |findings: &[ovm_fuzz::campaign::Finding]| -> Vec<String> {
        findings.iter().map(|f| f.signature()).collect()
    };
    serde_json::json!({
        "fuzz": {
            "seed": seed,
            "cases": report.cases.iter().map(|(l, n)| (l.name().to_owned(), *n)).collect::<std::collections::BTreeMap<_, _>>(),
            "bugs": signatures(&report.bugs),
            "unguarded": signatures(&report.unguarded),
            "limitations": signatures(&report.limitations),
            "conforms": report.bugs.is_empty(),
        }
    })
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
