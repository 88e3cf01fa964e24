//! The conformance suite as an implementer's own `cargo test`: one call in a `harness = false`
//! test target gives one test per vector, run on the implementer's decider and contracts.
//!
//! ```no_run
//! // tests/conformance.rs, with `[[test]] name = "conformance"  harness = false` in Cargo.toml
//! use ovm_conformance::{Suite, test_main};
//! # use ovm_decider::ReferenceDecider as MyDecider;
//!
//! fn main() -> std::process::ExitCode {
//!     test_main(Suite::new().decider(MyDecider::new()))
//! }
//! ```
//!
//! The vectors are the harness version's own, embedded in the `ovm-suite` crate (so nothing is
//! located at run time; see its README for why), plus any folders added with
//! [`Suite::vectors_dir`]. Each is a [libtest-mimic](libtest_mimic) trial named by its path
//! (`challenge::and-false-child`), so filters, `--exact`, `--list`, `--ignored` (vectors with
//! `_info.skip`) and cargo-nextest (`--partition count:1/4` included) work as for any test. A
//! failing vector fails with the runner's divergence screen; `OVM_TRANSCRIPT=1` adds the full
//! transcript (trace, probe, every call). With `OVM_SUMMARY_MD=FILE` a plain `cargo test` run
//! appends a Markdown summary to `FILE` (e.g. `$GITHUB_STEP_SUMMARY`).

use crate::{
    Contracts, ManifestError, Runner, Status, Summary, VectorReport, discover, report::markdown,
};
pub use libtest_mimic::{Arguments, Conclusion};
use libtest_mimic::{Completion, Failed, Trial};
use ovm_decider::{Decider, ReferenceDecider};
use ovm_vectors::{VectorFile, from_json, load, peek_kind};
use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::ExitCode,
    sync::{Arc, Mutex},
};

/// Environment variable: append a Markdown summary of the run to this file.
pub const SUMMARY_ENV: &str = "OVM_SUMMARY_MD";
/// Environment variable: add the full transcript to each failing vector's message.
pub const TRANSCRIPT_ENV: &str = "OVM_TRANSCRIPT";

/// Why a suite cannot be set up (reported by [`test_main`] before any test runs).
#[derive(Debug, thiserror::Error)]
pub enum SuiteError {
    /// The contracts' manifest or an artifact it names is unusable.
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    /// A vector folder cannot be listed.
    #[error("{path}: cannot list vectors: {source}")]
    Folder {
        /// The folder.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Two vectors would have the same test name.
    #[error("two vectors are named `{name}`: {first} and {second}")]
    DuplicateName {
        /// The test name.
        name: String,
        /// The first file.
        first: String,
        /// The second file.
        second: String,
    },
}

/// Where one vector's text comes from.
#[derive(Clone, Debug)]
enum Source {
    /// Embedded in `ovm-suite`.
    Bundled(&'static ovm_suite::BundledVector),
    /// A file on disk.
    File(PathBuf),
}

/// One vector of the suite, named.
#[derive(Clone, Debug)]
pub struct Case {
    /// The test name (`challenge::and-false-child`).
    pub name: String,
    /// The file as reports show it (`vectors/challenge/and-false-child.json`).
    pub shown_path: String,
    source: Source,
}

impl Case {
    /// Loads the vector (file, line and field in the error).
    pub fn load(&self) -> Result<VectorFile, ovm_vectors::VectorError> {
        match &self.source {
            Source::Bundled(v) => from_json(v.json, &self.shown_path),
            Source::File(path) => load(path),
        }
    }

    /// The vector's text, if it can be read.
    fn text(&self) -> Option<std::borrow::Cow<'static, str>> {
        match &self.source {
            Source::Bundled(v) => Some(v.json.into()),
            Source::File(path) => std::fs::read_to_string(path).ok().map(Into::into),
        }
    }

    /// Whether the vector has `_info.skip` (read cheaply: only files mentioning `"skip"` are
    /// parsed; an unreadable file is not skipped, it fails as its own test).
    fn is_skipped(&self) -> bool {
        self.text().is_some_and(|text| text.contains("\"skip\""))
            && self.load().is_ok_and(|file| file.info.skip.is_some())
    }
}

/// The suite to run: a decider, contracts and vectors. See the [module docs](self).
pub struct Suite<D = ReferenceDecider> {
    decider: D,
    contracts: Result<Contracts, ManifestError>,
    bundled: bool,
    dirs: Vec<PathBuf>,
    replay_target: Option<String>,
    summary: Option<PathBuf>,
}

impl Default for Suite {
    fn default() -> Self {
        Self::new()
    }
}

impl Suite {
    /// The bundled vectors, the reference decider and the bundled contracts.
    pub fn new() -> Self {
        Self {
            decider: ReferenceDecider::new(),
            contracts: Ok(Contracts::bundled()),
            bundled: true,
            dirs: Vec::new(),
            replay_target: None,
            summary: std::env::var_os(SUMMARY_ENV)
                .filter(|p| !p.is_empty() && std::env::var_os("NEXTEST").is_none())
                .map(PathBuf::from),
        }
    }
}

impl<D: Decider> Suite<D> {
    /// The same suite run on `decider`.
    pub fn decider<E: Decider>(self, decider: E) -> Suite<E> {
        Suite {
            decider,
            contracts: self.contracts,
            bundled: self.bundled,
            dirs: self.dirs,
            replay_target: self.replay_target,
            summary: self.summary,
        }
    }

    /// The same suite run against `contracts`.
    pub fn contracts(mut self, contracts: Contracts) -> Self {
        self.contracts = Ok(contracts);
        self
    }

    /// The same suite run against the contracts a manifest names (format:
    /// [`crate::contracts`]); a bad manifest is reported by [`test_main`] before any test runs.
    pub fn contracts_manifest(mut self, manifest: impl AsRef<Path>) -> Self {
        self.contracts = Contracts::from_manifest(manifest);
        self
    }

    /// Adds every vector under `dir` (named by its path below `dir`).
    pub fn vectors_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dirs.push(dir.into());
        self
    }

    /// Leaves out the embedded vectors (run only the folders added).
    pub fn without_bundled_vectors(mut self) -> Self {
        self.bundled = false;
        self
    }

    /// Names the test target in the replay line of failure screens
    /// (`cargo test --test TARGET -- NAME --exact`); by default it is read from the running
    /// test binary's name.
    pub fn replay_target(mut self, target: impl Into<String>) -> Self {
        self.replay_target = Some(target.into());
        self
    }

    /// Appends a Markdown summary of each run to `path` (by default `$OVM_SUMMARY_MD`, except
    /// under cargo-nextest, where every test runs in its own process and the JUnit report is
    /// the summary).
    pub fn markdown_summary(mut self, path: impl Into<PathBuf>) -> Self {
        self.summary = Some(path.into());
        self
    }

    /// Every vector of the suite, sorted by test name.
    pub fn cases(&self) -> Result<Vec<Case>, SuiteError> {
        let mut cases: BTreeMap<String, Case> = BTreeMap::new();
        let bundled = self.bundled.then(ovm_suite::vectors).unwrap_or_default();
        let mut all: Vec<Case> = bundled
            .iter()
            .map(|v| Case {
                name: name_of(Path::new(v.path)),
                shown_path: v.shown_path(),
                source: Source::Bundled(v),
            })
            .collect();
        for dir in &self.dirs {
            let files = discover::vector_files(dir).map_err(|source| SuiteError::Folder {
                path: dir.display().to_string(),
                source,
            })?;
            all.extend(files.into_iter().map(|path| Case {
                name: name_of(path.strip_prefix(dir).unwrap_or(&path)),
                shown_path: discover::display_path(&path),
                source: Source::File(path),
            }));
        }
        for case in all {
            if let Some(first) = cases.get(&case.name) {
                return Err(SuiteError::DuplicateName {
                    name: case.name,
                    first: first.shown_path.clone(),
                    second: case.shown_path,
                });
            }
            cases.insert(case.name.clone(), case);
        }
        Ok(cases.into_values().collect())
    }
}

/// A path below a vector folder as a test name: components joined by `::`, without `.json`.
fn name_of(relative: &Path) -> String {
    relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("::")
}

/// The test target running now: the test binary's name without cargo's `-<hash>` suffix.
fn current_target() -> String {
    let stem = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_default();
    match stem.rsplit_once('-') {
        Some((name, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
            name.to_owned()
        }
        _ => stem,
    }
}

/// Runs `suite` as a libtest-style test binary (arguments from the command line) and returns
/// its exit code: one test per vector, failing with the divergence screen; 2 when the suite
/// cannot be set up (a bad manifest, an unreadable folder, two vectors with one name).
pub fn test_main<D: Decider + Send + Sync + 'static>(suite: Suite<D>) -> ExitCode {
    match run(suite, &Arguments::from_args()) {
        Ok(conclusion) => conclusion.exit_code(),
        Err(err) => {
            eprintln!("error: the conformance suite cannot be set up: {err}");
            ExitCode::from(2)
        }
    }
}

/// Runs `suite` with libtest arguments `args` (what [`test_main`] does with the command line's).
pub fn run<D: Decider + Send + Sync + 'static>(
    suite: Suite<D>,
    args: &Arguments,
) -> Result<Conclusion, SuiteError> {
    let summary = suite.summary.clone();
    let (trials, reports) = trials(suite)?;
    let conclusion = libtest_mimic::run(args, trials);
    if let Some(path) = summary {
        write_summary(&path, &reports);
    }
    Ok(conclusion)
}

type Reports = Arc<Mutex<Vec<VectorReport>>>;

fn trials<D: Decider + Send + Sync + 'static>(
    suite: Suite<D>,
) -> Result<(Vec<Trial>, Reports), SuiteError> {
    let cases = suite.cases()?;
    let target = suite.replay_target.clone().unwrap_or_else(current_target);
    let runner = Arc::new(Runner::with_decider(suite.decider).with_contracts(suite.contracts?));
    let reports: Reports = Arc::default();
    let trials = cases
        .into_iter()
        .map(|case| {
            let skipped = case.is_skipped();
            let runner = Arc::clone(&runner);
            let reports = Arc::clone(&reports);
            let replay = format!(
                "cargo test --test {target} -- {} --exact  (OVM_TRANSCRIPT=1 for the full transcript)",
                case.name
            );
            Trial::ignorable_test(case.name.clone(), move || {
                let report = run_case(&runner, &case, replay);
                let verdict = verdict(&runner, &case, &report);
                if let Ok(mut all) = reports.lock() {
                    all.push(report);
                }
                verdict
            })
            .with_ignored_flag(skipped)
        })
        .collect();
    Ok((trials, reports))
}

/// Runs one case; a skipped vector only runs when libtest asked for ignored tests, so its skip
/// is lifted here.
fn run_case<D: Decider>(runner: &Runner<D>, case: &Case, replay: String) -> VectorReport {
    let shown = Path::new(&case.shown_path);
    let mut report = match case.load() {
        Ok(mut file) => {
            file.info.skip = None;
            runner.run_file(&file, shown)
        }
        Err(err) => VectorReport {
            path: case.shown_path.clone(),
            name: String::new(),
            kind: case.text().as_deref().and_then(peek_kind),
            description: String::new(),
            status: Status::Error,
            reason: err.to_string(),
            divergences: Vec::new(),
            stats: Default::default(),
            replay: String::new(),
            rules: Vec::new(),
        },
    };
    report.name.clone_from(&case.name);
    report.replay = replay;
    report
}

fn verdict<D: Decider>(
    runner: &Runner<D>,
    case: &Case,
    report: &VectorReport,
) -> Result<Completion, Failed> {
    if report.conforms() {
        return Ok(Completion::Completed);
    }
    let mut message = report.screen();
    if std::env::var_os(TRANSCRIPT_ENV).is_some_and(|v| v != "0")
        && let Ok(file) = case.load()
    {
        message.push_str(
            &runner
                .transcript(&file)
                .unwrap_or_else(|err| format!("(transcript unavailable: {err})\n")),
        );
    }
    Err(Failed::from(message))
}

/// Appends the Markdown summary of the vectors that ran to `path`.
fn write_summary(path: &Path, reports: &Reports) {
    let Ok(mut reports) = reports.lock() else {
        return;
    };
    reports.sort_by(|a, b| a.name.cmp(&b.name));
    let mut summary = Summary::default();
    for report in reports.iter() {
        summary.add(report);
    }
    let title = format!("OVM conformance: {}", current_target());
    let text = markdown(&title, &summary, &reports);
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    if let Err(err) = written {
        eprintln!(
            "warning: cannot write the summary to {}: {err}",
            path.display()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_duplicates() {
        assert_eq!(
            name_of(Path::new("challenge/and-false-child.json")),
            "challenge::and-false-child"
        );
        let suite = Suite::new();
        let cases = suite.cases().unwrap();
        assert_eq!(cases.len(), ovm_suite::vectors().len());
        assert!(cases.iter().any(|c| c.name == "challenge::and-false-child"));
        // The workspace's own folder repeats every bundled name.
        let err = Suite::new()
            .vectors_dir(discover::suite_dir())
            .cases()
            .unwrap_err();
        assert!(matches!(err, SuiteError::DuplicateName { .. }), "{err}");
        let only_disk = Suite::new()
            .without_bundled_vectors()
            .vectors_dir(discover::suite_dir())
            .cases()
            .unwrap();
        assert_eq!(only_disk.len(), cases.len());
    }
}
