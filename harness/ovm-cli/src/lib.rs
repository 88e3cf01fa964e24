//! The `ovm-conformance` command line over [`ovm_conformance::Runner`].
//!
//! ```text
//! ovm-conformance [--json] [--markdown FILE] [--decider NAME] [--contracts MANIFEST] [--jobs N]
//!                 [--timeout SECS] <COMMAND>
//!   run [PATHS]…     run vectors (default: the whole suite under vectors/) on both halves
//!   check [PATHS]…   run, and verify that `fill` would not change the files (writes nothing)
//!   fill [PATHS]…    compute the expectations from the reference implementations and write them
//!   replay FILE      run one vector with its full transcript (traces, probe)
//!   coverage         spec rule id → number of vectors
//!   fuzz             a seeded differential campaign (--seed S, --cases N | --duration D)
//! ```
//!
//! Exit code 0 only when everything conforms, 1 when something does not, 2 for usage or setup
//! errors. `--json` prints one JSON line per vector and a summary line on stdout,
//! byte-identical from run to run; timings and throughput go to stderr only.
//!
//! Another engine plugs into the command by building its own binary around [`run`] with a
//! [`DeciderFactory`] that knows its name (see `harness/ovm-conformance/README.md`).

mod fuzz;
mod output;
mod parallel;

pub use fuzz::FuzzArgs;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use output::{out, outln};
use ovm_conformance::{
    Contracts, Coverage, FillOutcome, FillReport, Runner, Status, Summary, VectorReport, discover,
    report::markdown,
};
use ovm_decider::{Decider, ReferenceDecider};
use parallel::{Finished, Job};
use std::{
    collections::BTreeMap,
    ffi::OsString,
    io::IsTerminal,
    path::{Path, PathBuf},
    process::ExitCode,
    sync::Arc,
    time::{Duration, Instant},
};

/// The runner, shared with the worker threads.
type SharedRunner = Arc<Runner<BoxedDecider>>;

/// The default `--timeout`: far above any vector of the suite (the slowest takes about 2 s in
/// a debug build), short enough that one runaway vector cannot stall a CI job.
pub const DEFAULT_TIMEOUT_SECS: u64 = 120;

/// How many of the slowest vectors the throughput report names.
const SLOWEST_SHOWN: usize = 3;

/// A decider the command can run, boxed so that engines are chosen at run time.
pub type BoxedDecider = Box<dyn Decider + Send + Sync>;

/// Resolves a `--decider NAME` the built-ins do not know (`None`: unknown name).
pub type DeciderFactory = fn(&str) -> Option<BoxedDecider>;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "ovm-conformance",
    version,
    about = "Runs OVM conformance vectors on both halves (Rust decider, Solidity contracts on revm) and compares them."
)]
pub struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub options: Options,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command.
#[derive(Debug, Args)]
pub struct Options {
    /// One JSON line per vector outcome plus a summary line on stdout (byte-stable).
    #[arg(long, global = true)]
    pub json: bool,
    /// The decider under test: `reference` (default), `budget:N` (the reference decider with a
    /// step budget of N), or a name the binary's factory knows.
    #[arg(long, global = true, value_name = "NAME", default_value = "reference")]
    pub decider: String,
    /// Plugged-in contracts: a JSON manifest naming each of the 16 contracts' artifact file.
    #[arg(long, global = true, value_name = "MANIFEST")]
    pub contracts: Option<PathBuf>,
    /// `run` / `check`: also append a Markdown summary of the vectors to FILE (e.g. a CI job
    /// summary: `--markdown "$GITHUB_STEP_SUMMARY"`).
    #[arg(long, global = true, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
    /// Give up a vector that takes longer than SECS seconds (reported `timeout`; the run goes
    /// on). 0: no limit.
    #[arg(long, global = true, value_name = "SECS", default_value_t = DEFAULT_TIMEOUT_SECS)]
    pub timeout: u64,
    /// Vectors run in parallel (default: the number of CPUs).
    #[arg(long, global = true, value_name = "N")]
    pub jobs: Option<usize>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run vectors on both halves and compare (default: the whole suite under vectors/).
    Run {
        /// Vector files or folders.
        paths: Vec<PathBuf>,
        /// Cases per fuzz layer run after the whole suite (only without PATHS; 0: none).
        #[arg(long, default_value_t = 20)]
        fuzz_cases: u64,
    },
    /// Run vectors and verify that `fill` would not change them (writes nothing).
    Check {
        /// Vector files or folders.
        paths: Vec<PathBuf>,
    },
    /// Compute the expectations from the reference implementations and write them (refuses
    /// when the two halves disagree).
    Fill {
        /// Vector files or folders.
        paths: Vec<PathBuf>,
    },
    /// Run one vector with full trace output.
    Replay {
        /// The vector file.
        file: PathBuf,
    },
    /// Print spec rule id → number of vectors.
    Coverage,
    /// Run a seeded differential fuzz campaign of the reference subject against the contracts.
    Fuzz(FuzzArgs),
}

/// The built-in deciders: `reference`, `budget:N`.
pub fn builtin_decider(name: &str) -> Option<BoxedDecider> {
    if name == "reference" {
        return Some(Box::new(ReferenceDecider::new()));
    }
    let budget = name.strip_prefix("budget:")?.parse().ok()?;
    Some(Box::new(ReferenceDecider::with_budget(budget)))
}

/// `ovm-conformance` with the built-in deciders only.
pub fn main() -> ExitCode {
    run(std::env::args_os(), |_| None)
}

/// Parses `args` and runs the command; `factory` resolves `--decider` names beyond the
/// built-ins. Returns the process exit code (0: everything conforms).
pub fn run(args: impl IntoIterator<Item = OsString>, factory: DeciderFactory) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    match execute(cli, factory) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn execute(cli: Cli, factory: DeciderFactory) -> Result<bool, String> {
    let options = &cli.options;
    if let Command::Coverage = cli.command {
        return Ok(coverage(options));
    }
    let decider = builtin_decider(&options.decider)
        .or_else(|| factory(&options.decider))
        .ok_or_else(|| {
            format!(
                "unknown decider {:?} (built-in: `reference`, `budget:N`)",
                options.decider
            )
        })?;
    let mut flags = Vec::new();
    if options.decider != "reference" {
        flags.push(format!("--decider {}", options.decider));
    }
    let mut runner = Runner::with_decider(decider);
    if let Some(manifest) = &options.contracts {
        let contracts = Contracts::from_manifest(manifest).map_err(|e| e.to_string())?;
        runner = runner.with_contracts(contracts);
    }
    let runner = Arc::new(runner.with_replay_flags(flags));
    match &cli.command {
        Command::Run { paths, fuzz_cases } => {
            let conforms = run_all(&runner, options, paths, Mode::Run)?;
            if !paths.is_empty() || *fuzz_cases == 0 {
                return Ok(conforms);
            }
            let env = fuzz_env(&runner)?;
            let args = FuzzArgs::short(*fuzz_cases);
            Ok(fuzz::campaign(&env, runner.as_ref(), &args, options.json) && conforms)
        }
        Command::Fuzz(args) => {
            let env = fuzz_env(&runner)?;
            Ok(fuzz::campaign(&env, runner.as_ref(), args, options.json))
        }
        Command::Check { paths } => run_all(&runner, options, paths, Mode::Check),
        Command::Fill { paths } => fill(&runner, options, paths),
        Command::Replay { file } => {
            files(std::slice::from_ref(file))?;
            Ok(replay(&runner, options, file))
        }
        Command::Coverage => Ok(coverage(options)),
    }
}

/// The fuzzer's deployment: the runner's contracts (bundled or plugged in).
fn fuzz_env(runner: &Runner<BoxedDecider>) -> Result<ovm_fuzz::Env, String> {
    ovm_fuzz::Env::of(runner).map_err(|e| format!("deploying the fuzzer's chain: {e}"))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Run,
    Check,
}

fn progress(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} {msg}")
    {
        bar.set_style(style);
    }
    bar
}

/// Runs `work` on every file on the thread pool (`--jobs`, `--timeout`); results in file order
/// with each file's wall time. A file whose job did not finish gets `gave_up(report, reason)`.
fn on_every_file<R: Send + 'static>(
    runner: &SharedRunner,
    options: &Options,
    files: &[PathBuf],
    bar: &ProgressBar,
    work: impl Fn(&Runner<BoxedDecider>, &Path) -> R + Send + Sync + 'static,
    gave_up: impl Fn(VectorReport, String) -> R,
) -> Vec<(R, Duration)> {
    let job: Job<PathBuf, R> = {
        let runner = Arc::clone(runner);
        Arc::new(move |path: &PathBuf| work(&runner, path))
    };
    let finished = parallel::run(files.to_vec(), jobs(options), time_limit(options), bar, job);
    files
        .iter()
        .zip(finished)
        .map(|(path, (finished, time))| match finished {
            Finished::Done(result) => (result, time),
            other => {
                let (status, reason) = unfinished(&other, options);
                let report = runner.unfinished_report(path, status, reason.clone());
                (gave_up(report, reason), time)
            }
        })
        .collect()
}

/// The per-vector time limit of `options`.
fn time_limit(options: &Options) -> Option<Duration> {
    (options.timeout > 0).then(|| Duration::from_secs(options.timeout))
}

/// What a vector that did not finish reports, and why.
fn unfinished<R>(finished: &Finished<R>, options: &Options) -> (Status, String) {
    match finished {
        Finished::Panicked(message) => (Status::Error, format!("the runner panicked: {message}")),
        _ => (
            Status::Timeout,
            format!("did not finish within {} s (--timeout)", options.timeout),
        ),
    }
}

fn jobs(options: &Options) -> usize {
    options.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    })
}

/// Appends `text` to the file at `path` (created if missing).
fn append(path: &std::path::Path, text: &str) -> Result<(), String> {
    use std::io::Write as _;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|e| format!("{}: cannot write the Markdown summary: {e}", path.display()))
}

/// The vector files `paths` select (warnings on stderr for what a folder walk skipped); no
/// file, a missing path or an empty selection is an error (exit 2).
fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let found = discover::expand(paths).map_err(|e| e.to_string())?;
    for (path, why) in &found.skipped {
        eprintln!("warning: skipped {}: {why}", path.display());
    }
    Ok(found.files)
}

fn run_all(
    runner: &SharedRunner,
    options: &Options,
    paths: &[PathBuf],
    mode: Mode,
) -> Result<bool, String> {
    let files = files(paths)?;
    let setup = Instant::now();
    let deployments = runner.deploy_for(&files).map_err(|e| e.to_string())?;
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
        if options.json {
            outln!("{}", report.json_line());
        } else if report.status.conforms() {
            outln!("{}", report.line());
        } else {
            out!("{}", report.screen());
        }
    }
    if options.json {
        outln!("{}", summary.json_line());
    } else {
        outln!("{summary}");
    }
    if let Some(path) = &options.markdown {
        let reports: Vec<_> = results.iter().map(|(report, _)| report.clone()).collect();
        let text = markdown(
            &format!("OVM conformance ({})", runner.contracts().describe()),
            &summary,
            &reports,
        );
        append(path, &text)?;
    }
    eprint!("{}", throughput(&results, wall, runner));
    Ok(summary.conforms())
}

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

fn fill(runner: &SharedRunner, options: &Options, paths: &[PathBuf]) -> Result<bool, String> {
    if options.decider != "reference" {
        return Err(
            "fill computes expectations with the reference decider only (drop --decider)".into(),
        );
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
            outcome: FillOutcome::Refused(reason),
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
                ("refused", why.clone())
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

fn replay(runner: &Runner<BoxedDecider>, options: &Options, file: &std::path::Path) -> bool {
    let (report, transcript) = runner.replay_path(file);
    if options.json {
        outln!("{}", report.json_line());
    } else {
        out!("{}", report.screen());
        out!("{transcript}");
    }
    report.conforms()
}

fn coverage(options: &Options) -> bool {
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
