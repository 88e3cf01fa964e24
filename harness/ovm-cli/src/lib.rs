#![doc = include_str!("../README.md")]

mod coverage;
mod error;
mod fill;
mod fuzz;
mod gas;
mod output;
mod parallel;
mod preflight;
mod progress;
mod replay;
mod report;
mod run;

pub use fuzz::{FuzzAction, FuzzArgs, FuzzCommand};
pub use report::{Implementation, ReportArgs};

use clap::{Args, Parser, Subcommand};
use error::CliError;
use output::outln;
use ovm_conformance::{Contracts, Runner, discover, errors::ErrorMode};
use ovm_decider::{Decider, ReferenceDecider};
use run::Mode;
use std::{
    ffi::OsString,
    path::{Path, PathBuf},
    process::ExitCode,
    sync::Arc,
};

/// The runner, shared with the worker threads.
type SharedRunner = Arc<Runner<BoxedDecider>>;

/// The default `--timeout`: far above any vector of the suite (the slowest takes about 2 s in
/// a debug build), short enough that one runaway vector cannot stall a CI job.
pub const DEFAULT_TIMEOUT_SECS: u64 = 120;

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
    /// How errors are compared: `strict` (the spec's custom errors, exactly), `outcome`
    /// (success or failure only), or a JSON map FILE from spec error names to the
    /// implementation's revert strings or `0x` selectors.
    #[arg(
        long,
        global = true,
        value_name = "strict|outcome|FILE",
        default_value = "strict"
    )]
    pub errors: String,
    /// `run` / `check`: print only the distinct problems (divergences grouped by signature,
    /// most severe first, with examples and replay commands) and the summary line.
    #[arg(long, global = true)]
    pub summary: bool,
    /// The decider under test: `reference` (default), `budget:N` (the reference decider with a
    /// step budget of N), or a name the binary's factory knows.
    #[arg(long, global = true, value_name = "NAME", default_value = "reference")]
    pub decider: String,
    /// Plugged-in contracts: a JSON manifest naming each of the 16 contracts' artifact file.
    #[arg(long, global = true, value_name = "MANIFEST")]
    pub contracts: Option<PathBuf>,
    /// `run` / `check` / `report`: also append a Markdown summary of the vectors (for `report`,
    /// its report.md) to FILE (e.g. a CI job summary: `--markdown "$GITHUB_STEP_SUMMARY"`).
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
        /// Stop at the first failure: no fuzz campaign after a failing vector, and the
        /// campaign stops at its first bug without shrinking it (vectors still all run).
        #[arg(long)]
        fail_fast: bool,
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
    /// Coverage: `coverage` (or `coverage rules`) prints spec rule id → number of vectors;
    /// `coverage contracts [PATHS] [--lcov FILE]` the lines and branches of the bundled
    /// contracts the vectors reach.
    Coverage(CoverageCommand),
    /// Deploy the contracts under test (`--contracts`, default the bundled ones) and check each
    /// offers the functions and events the harness uses and that its never-reverting views
    /// answer harmless calls: one checklist of what is missing or reverts.
    Preflight,
    /// Run a seeded differential fuzz campaign of the reference subject against the contracts
    /// (`fuzz merge FILES…`: merge the JSON reports of its shards).
    Fuzz(FuzzCommand),
    /// Contract manifests (the `--contracts` format).
    #[command(subcommand)]
    Manifest(ManifestCommand),
    /// Write the per-rule conformance report of the reference and the other implementations
    /// (`--contracts`, `--decider`, each `--impl`) side by side into `--out DIR`: report.json,
    /// report.md and report.html.
    Report(ReportArgs),
    /// Gas as a conformance property: the honest agent's gas per game family (sum and median
    /// per vector), and the gas of `challenge`, `removeChallenge` and `decideClaimToTrue` at
    /// 1, 8 and 64 open challenges; fails on a `griefable` operation or, with `--baseline`,
    /// on a vector outside the baseline's tolerance.
    Gas {
        /// Compare with this baseline (e.g. vectors/gas-baseline.json).
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Write the measured figures as the baseline FILE (sorted keys, byte-stable).
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
    },
}

/// `coverage [rules | contracts …]`.
#[derive(Debug, Args)]
pub struct CoverageCommand {
    /// What to measure (default: `rules`).
    #[command(subcommand)]
    pub of: Option<CoverageOf>,
}

/// The subcommands of `coverage`. (Contract coverage is a subcommand, not a `--contracts`
/// flag: the global `--contracts MANIFEST` names plugged-in contracts.)
#[derive(Debug, Subcommand)]
pub enum CoverageOf {
    /// Spec rule id → number of vectors (what `coverage` alone prints).
    Rules,
    /// Run vectors (default: all of vectors/) on the bundled contracts under the coverage
    /// recorder and print, per contract, the source lines and branch outcomes (JUMPI jump /
    /// fall through) reached. Writes nothing unless given --lcov.
    Contracts {
        /// Vector files or folders.
        paths: Vec<PathBuf>,
        /// Also write an lcov tracefile to FILE (source paths relative to the repository,
        /// `contracts/src/…`; for genhtml or an editor).
        #[arg(long, value_name = "FILE")]
        lcov: Option<PathBuf>,
    },
}

/// `manifest …`.
#[derive(Debug, Subcommand)]
pub enum ManifestCommand {
    /// Write the bundled contracts as a manifest into DIR: `DIR/<Name>.json` (creation code)
    /// for each of the sixteen and `DIR/manifest.json` naming them — a template for your own.
    Export {
        /// The folder to write (created if missing).
        dir: PathBuf,
    },
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
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// Builds the runner `cli.options` describe and dispatches `cli.command`: `Ok(true)` when
/// everything conforms, `Err` for a usage or setup error.
fn execute(cli: Cli, factory: DeciderFactory) -> Result<bool, CliError> {
    let options = &cli.options;
    if let Command::Coverage(CoverageCommand { of }) = &cli.command {
        return match of {
            None | Some(CoverageOf::Rules) => Ok(coverage::coverage(options)),
            Some(CoverageOf::Contracts { paths, lcov }) => {
                coverage::contracts(options, &files(paths)?, lcov.as_deref())
            }
        };
    }
    if let Command::Fuzz(FuzzCommand {
        action: Some(FuzzAction::Merge { files }),
        ..
    }) = &cli.command
    {
        return fuzz::merge(files);
    }
    if let Command::Report(args) = &cli.command {
        return report::report(options, args, factory);
    }
    let mut runner = build_runner(
        &options.decider,
        options.contracts.as_deref(),
        &options.errors,
        factory,
    )?;
    if let Command::Fuzz(FuzzCommand { args, .. }) = &cli.command
        && (args.feedback || args.coverage)
    {
        let hits = ovm_conformance::contract_coverage::bundled_hits();
        runner = runner.with_contract_coverage(Arc::new(hits));
    }
    let runner = Arc::new(runner);
    match &cli.command {
        Command::Run {
            paths,
            fuzz_cases,
            fail_fast,
        } => {
            let fuzz = (paths.is_empty() && *fuzz_cases > 0)
                .then(|| FuzzArgs::short(*fuzz_cases, *fail_fast));
            run::run_all(&runner, options, paths, Mode::Run, fuzz.as_ref())
        }
        Command::Fuzz(command) => fuzz::campaign(runner.as_ref(), &command.args, options.json),
        Command::Check { paths } => run::run_all(&runner, options, paths, Mode::Check, None),
        Command::Fill { paths } => fill::fill(&runner, options, paths),
        Command::Replay { file } => {
            files(std::slice::from_ref(file))?;
            Ok(replay::replay(&runner, options, file))
        }
        Command::Coverage(_) => Ok(coverage::coverage(options)),
        Command::Preflight => Ok(preflight::preflight(runner.contracts(), options.json)),
        Command::Manifest(ManifestCommand::Export { dir }) => {
            let manifest = ovm_conformance::contracts::write_bundled_manifest(dir)?;
            outln!("wrote {}", manifest.display());
            Ok(true)
        }
        Command::Report(args) => report::report(options, args, factory),
        Command::Gas {
            baseline,
            write_baseline,
        } => gas::gas(
            &runner,
            options,
            baseline.as_deref(),
            write_baseline.as_deref(),
        ),
    }
}

/// The runner of the decider named `decider` (a built-in or one `factory` knows) against the
/// contracts of the manifest `contracts` (the bundled ones when `None`), comparing errors by
/// `errors` (the `--errors` text); its replay commands repeat the flags that are not defaults.
fn build_runner(
    decider: &str,
    contracts: Option<&Path>,
    errors: &str,
    factory: DeciderFactory,
) -> Result<Runner<BoxedDecider>, CliError> {
    let engine = builtin_decider(decider)
        .or_else(|| factory(decider))
        .ok_or_else(|| CliError::UnknownDecider(decider.to_owned()))?;
    let mut flags = Vec::new();
    if decider != "reference" {
        flags.push(format!("--decider {decider}"));
    }
    let mode = ErrorMode::parse(errors)?;
    if mode != ErrorMode::Strict {
        flags.push(format!("--errors {errors}"));
    }
    let mut runner = Runner::with_decider(engine).with_errors(mode);
    if let Some(manifest) = contracts {
        runner = runner.with_contracts(Contracts::from_manifest(manifest)?);
    }
    Ok(runner.with_replay_flags(flags))
}

/// The vector files `paths` select (warnings on stderr for what a folder walk skipped); no
/// file, a missing path or an empty selection is an error (exit 2).
fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let found = discover::expand(paths)?;
    for (path, why) in &found.skipped {
        eprintln!("warning: skipped {}: {why}", path.display());
    }
    Ok(found.files)
}
