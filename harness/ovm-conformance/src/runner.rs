//! The [`Runner`]: runs vectors on both halves with any [`Decider`] and any contracts, and
//! fills or checks their expectations.

use crate::{
    RunError,
    contracts::Contracts,
    ctx::Ctx,
    discover::{display_path, test_name},
    errors::ErrorMode,
    kinds::{self, KindRun},
    mirrors::{Mirrors, ReferenceMirrors},
    preflight::{Preflight, UnknownEvent, UnknownEvents},
    refusal::{FillError, Refusal},
    report::{Divergence, Stats, Status, VectorReport},
};
use ovm_chain::{
    Chain, ChainError, DEPLOYER, Deployment, Revert, Snapshot, bundle_hash, coverage::Hits,
};
use ovm_core::{Property, Registry};
use ovm_decider::{Decider, ReferenceDecider};
use ovm_vectors::{
    DEFAULT_PERIOD, Hash32, Vector, VectorFile, from_json, load, peek_kind, to_pretty_json,
};
use std::{
    collections::BTreeMap,
    path::Path,
    sync::{Arc, Mutex, OnceLock},
};

/// The command prefix that replays one vector (run from the workspace root).
pub const REPLAY_PREFIX: &str = "cargo run -q -p ovm-cli --";

/// What running one vector computed, before it is judged.
#[derive(Clone, Debug)]
pub struct Execution {
    /// Every divergence found.
    pub divergences: Vec<Divergence>,
    /// The vector with its expectations filled from the halves (and `filled_against` set to
    /// [`bundle_hash`]), or why they cannot be written.
    pub filled: Result<VectorFile, FillError>,
    /// Counters.
    pub stats: Stats,
    /// A transcript line per call or transaction (uac steps, game transactions).
    pub log: Vec<String>,
    /// Cases of spec §10's documented limitation seen (reported, never failed).
    pub limitations: Vec<String>,
    /// What the run did, in one line (uac: calls and how many succeeded; game: the claim's
    /// final decision; empty for the other kinds).
    pub summary: String,
    /// Wall time spent inside the EVM (for throughput reports; never part of an outcome).
    pub evm_time: std::time::Duration,
}

impl Execution {
    /// Whether the two halves agree with each other (they may still disagree with the
    /// vector's expectations).
    pub fn halves_agree(&self) -> bool {
        self.divergences.iter().all(|d| d.against_expect)
    }
}

/// What `fill` did to one file.
#[derive(Debug)]
pub enum FillOutcome {
    /// The file was rewritten.
    Written,
    /// The file already says what fill computes.
    Unchanged,
    /// Not filled: the halves disagree (the report shows how), or the result cannot be written.
    Refused(Refusal),
    /// Not filled: `_info.skip`.
    Skipped(String),
}

/// One file's fill.
#[derive(Debug)]
pub struct FillReport {
    /// What was done.
    pub outcome: FillOutcome,
    /// The run it is based on.
    pub report: VectorReport,
}

/// Runs vectors on both halves: the decider `D` (any [`Decider`]) with the decider crate's
/// mirrors and the UAC model on the Rust side, the [`Contracts`] on revm on the other.
///
/// Deploys once per dispute period (a snapshot shared by every vector of that period, also
/// across threads) and forks per vector.
pub struct Runner<D = ReferenceDecider> {
    decider: D,
    mirrors: Box<dyn Mirrors>,
    contracts: Contracts,
    registry: Registry,
    snapshots: Mutex<BTreeMap<u64, Arc<Snapshot>>>,
    /// The preflight of plugged-in contracts, run on first use.
    preflight: OnceLock<Preflight>,
    /// How errors are compared.
    errors: ErrorMode,
    replay_flags: Vec<String>,
    /// Where the bundled contracts' coverage is recorded, if it is.
    coverage: Option<Arc<Hits>>,
    /// The events outside the spec the contracts emitted so far.
    unknown_events: UnknownEvents,
}

impl Default for Runner {
    fn default() -> Self {
        Self::new()
    }
}

impl Runner {
    /// The reference decider against the bundled contracts.
    pub fn new() -> Self {
        Self::with_decider(ReferenceDecider::new())
    }
}

impl<D> std::fmt::Debug for Runner<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runner")
            .field("contracts", &self.contracts.describe())
            .finish_non_exhaustive()
    }
}

/// The dispute period a vector's deployment uses.
pub fn period_of(file: &VectorFile) -> u64 {
    match &file.vector {
        Vector::Challenge(v) => v.period.unwrap_or(DEFAULT_PERIOD),
        Vector::Uac(v) => v.period,
        Vector::Game(v) => v.period,
        Vector::Encoding(_) | Vector::Atomic(_) | Vector::Witness(_) => DEFAULT_PERIOD,
    }
}

fn lift<V: Into<Vector>>(run: KindRun<V>) -> KindRun<Vector> {
    KindRun {
        filled: run.filled.map(Into::into),
        divergences: run.divergences,
        games: run.games,
        log: run.log,
        limitations: run.limitations,
        summary: run.summary,
        evm_time: run.evm_time,
        other_txs: run.other_txs,
    }
}

impl<D: Decider> Runner<D> {
    /// `decider` against the bundled contracts.
    pub fn with_decider(decider: D) -> Self {
        Self {
            decider,
            mirrors: Box::new(ReferenceMirrors),
            contracts: Contracts::bundled(),
            registry: Deployment::predicted(DEPLOYER, 0, DEFAULT_PERIOD).registry(),
            snapshots: Mutex::new(BTreeMap::new()),
            preflight: OnceLock::new(),
            errors: ErrorMode::Strict,
            replay_flags: Vec::new(),
            coverage: None,
            unknown_events: UnknownEvents::default(),
        }
    }

    /// The same runner against other contracts.
    pub fn with_contracts(mut self, contracts: Contracts) -> Self {
        self.contracts = contracts;
        self.snapshots = Mutex::new(BTreeMap::new());
        self.preflight = OnceLock::new();
        self.unknown_events = UnknownEvents::default();
        self
    }

    /// The same runner recording the contracts' coverage into `hits` (the deployment's wiring
    /// and every chain of every vector, games included; see [`ovm_chain::coverage`]). Only the
    /// bundled contracts are recorded: with plugged-in contracts nothing is.
    pub fn with_contract_coverage(mut self, hits: Arc<Hits>) -> Self {
        self.coverage = Some(hits);
        self.snapshots = Mutex::new(BTreeMap::new());
        self
    }

    /// Where the contracts' coverage is recorded: the [`Hits`] of
    /// [`Runner::with_contract_coverage`] when the contracts are the bundled ones, else `None`.
    pub fn contract_coverage(&self) -> Option<&Arc<Hits>> {
        self.coverage
            .as_ref()
            .filter(|_| self.contracts.is_bundled())
    }

    /// The same runner comparing errors by `errors` (default [`ErrorMode::Strict`]).
    pub fn with_errors(mut self, errors: ErrorMode) -> Self {
        self.errors = errors;
        self
    }

    /// The same runner with other Rust functions compared with the contracts' views (the
    /// encoding functions and the decider crate's mirrors, [`ReferenceMirrors`] by default).
    pub fn with_mirrors(mut self, mirrors: impl Mirrors + 'static) -> Self {
        self.mirrors = Box::new(mirrors);
        self
    }

    /// Extra command-line flags the replay command must repeat (e.g. `--decider NAME`; the
    /// contracts' `--contracts MANIFEST` is added by itself).
    pub fn with_replay_flags(mut self, flags: impl IntoIterator<Item = String>) -> Self {
        self.replay_flags = flags.into_iter().collect();
        self
    }

    /// The decider under test.
    pub fn decider(&self) -> &D {
        &self.decider
    }

    /// The contracts under test.
    pub fn contracts(&self) -> &Contracts {
        &self.contracts
    }

    /// The deployment's registry (the same for every period).
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The deployed chain for dispute period `period` (deployed on first use).
    pub fn snapshot(&self, period: u64) -> Result<Arc<Snapshot>, RunError> {
        let mut snapshots = self
            .snapshots
            .lock()
            .map_err(|_| RunError::DeployPoisoned)?;
        if let Some(snapshot) = snapshots.get(&period) {
            return Ok(Arc::clone(snapshot));
        }
        let mut chain = Chain::new();
        if let Some(hits) = self.contract_coverage() {
            chain.record_coverage(Arc::clone(hits));
        }
        let d = chain
            .deploy_plan(DEPLOYER, period, self.contracts.plan())
            .map_err(|error| RunError::Deploy {
                contracts: self.contracts.describe(),
                error,
            })?;
        if d.registry() != self.registry {
            return Err(RunError::UnexpectedAddresses(period));
        }
        let snapshot = Arc::new(chain.snapshot());
        snapshots.insert(period, Arc::clone(&snapshot));
        Ok(snapshot)
    }

    /// Deploys, ahead of running, every dispute period the readable vectors among `files`
    /// use (so that per-vector timings exclude deployment); returns the number of periods.
    pub fn deploy_for(&self, files: &[std::path::PathBuf]) -> Result<usize, RunError> {
        let mut periods = std::collections::BTreeSet::new();
        for file in files.iter().filter_map(|f| load(f).ok()) {
            let period = period_of(&file);
            if period == 0 {
                continue;
            }
            if periods.insert(period) {
                self.snapshot(period)?;
            }
        }
        Ok(periods.len())
    }

    /// The command that replays `path` with this runner's settings.
    pub fn replay_command(&self, path: &Path) -> String {
        self.command_line(&format!("replay {}", display_path(path)))
    }

    /// The CLI command `args` (`fuzz --seed 1 --layers S --cases 3`) with this runner's
    /// settings: the contracts' manifest and the other flags that are not defaults.
    pub fn command_line(&self, args: &str) -> String {
        let mut command = format!("{REPLAY_PREFIX} {args}");
        if let Some(manifest) = self.contracts.manifest() {
            command.push_str(&format!(" --contracts {}", manifest.display()));
        }
        for flag in &self.replay_flags {
            command.push(' ');
            command.push_str(flag);
        }
        command
    }

    /// The context `file` runs in: a fork of the deployment for its period. A `uac` vector of
    /// period 0 is about its own deployment ([`Runner::deployment_result`]); its context (names,
    /// resolver, error comparison) is that of period 1, at the same addresses.
    fn fresh(&self, file: &VectorFile) -> Result<Ctx<'_, D>, RunError> {
        let snapshot = self.snapshot(period_of(file).max(1))?;
        Ctx::new(
            Chain::from_snapshot(&snapshot),
            &self.registry,
            &self.decider,
            self.mirrors.as_ref(),
            &self.errors,
            file,
        )
    }

    /// How deploying the contracts under test with `period` ends on a fresh chain: `Ok`, or
    /// the revert of the constructor or wiring step that failed. Any other failure (a plan
    /// that cannot be carried out) is the run's error.
    fn deployment_result(&self, period: u64) -> Result<Result<(), Revert>, RunError> {
        match Chain::new().deploy_plan(DEPLOYER, period, self.contracts.plan()) {
            Ok(_) => Ok(Ok(())),
            Err(ChainError::Reverted { revert, .. }) => Ok(Err(revert)),
            Err(error) => Err(RunError::Deploy {
                contracts: self.contracts.describe(),
                error,
            }),
        }
    }

    /// Runs `file` on both halves and compares, without judging it (no transcript).
    pub fn execute(&self, file: &VectorFile) -> Result<Execution, RunError> {
        self.execute_with(file, false, true)
    }

    /// [`Runner::execute`] without writing the filled vector (`Execution::filled` is
    /// [`FillError::NotAsked`]): the halves' comparison only, as a fuzz case needs it.
    pub fn compare(&self, file: &VectorFile) -> Result<Execution, RunError> {
        self.execute_with(file, false, false)
    }

    fn execute_with(
        &self,
        file: &VectorFile,
        transcript: bool,
        fill: bool,
    ) -> Result<Execution, RunError> {
        let mut ctx = self.fresh(file)?;
        ctx.transcript = transcript;
        ctx.fill = fill;
        let mut extra = Stats::default();
        let run = match &file.vector {
            Vector::Encoding(v) => lift(kinds::encoding::run(&mut ctx, v)?),
            Vector::Atomic(v) => lift(kinds::atomic::run(&mut ctx, v)?),
            Vector::Challenge(v) => lift(kinds::challenge::run(&mut ctx, v)?),
            Vector::Witness(v) => lift(kinds::witness::run(&mut ctx, v)?),
            Vector::Uac(v) if v.period == 0 => lift(kinds::uac::deployment::run(
                &ctx,
                v,
                &self.deployment_result(v.period)?,
            )?),
            Vector::Uac(v) => lift(kinds::uac::run(&mut ctx, v)?),
            Vector::Game(v) => {
                let snapshot = self.snapshot(period_of(file))?;
                let (run, stats) = kinds::game::run(&mut ctx, v, &snapshot)?;
                extra = stats;
                lift(run)
            }
        };
        self.unknown_events.record(ctx.chain.tx_log());
        self.unknown_events.record(&run.other_txs);
        let evm_time = ctx.chain.evm_time() + run.evm_time;
        let (txs, gas) = ctx.tx_stats();
        let (txs, gas, games) = (txs + extra.txs, gas + extra.gas, run.games + extra.games);
        let filled = run.filled.map(|vector| {
            let mut info = file.info.clone();
            info.filled_against = Some(Hash32(bundle_hash()));
            VectorFile {
                format: file.format,
                info,
                vector,
            }
        });
        Ok(Execution {
            divergences: run.divergences,
            filled,
            stats: Stats {
                txs,
                gas,
                agent_gas: extra.agent_gas,
                games,
            },
            log: run.log,
            limitations: run.limitations,
            summary: run.summary,
            evm_time,
        })
    }

    fn blank_report(&self, path: &Path, file: Option<&VectorFile>) -> VectorReport {
        VectorReport {
            path: display_path(path),
            name: test_name(path),
            kind: file.map(VectorFile::kind),
            description: file.map_or_else(String::new, |f| f.info.description.clone()),
            status: Status::Pass,
            reason: String::new(),
            divergences: Vec::new(),
            stats: Stats::default(),
            replay: self.replay_command(path),
            rules: file.map_or_else(Vec::new, |f| {
                f.info.rules.iter().map(|r| r.as_str().to_owned()).collect()
            }),
        }
    }

    /// The report of a vector at `path` that did not finish (`status` [`Status::Timeout`], or
    /// [`Status::Error`] when the run itself failed), with why.
    pub fn unfinished_report(&self, path: &Path, status: Status, reason: String) -> VectorReport {
        VectorReport {
            status,
            reason,
            ..self.blank_report(path, load(path).ok().as_ref())
        }
    }

    /// Loads and runs the vector at `path`. Never panics on bad input: a malformed file is a
    /// report with [`Status::Error`] naming file, line and field.
    pub fn run_path(&self, path: &Path) -> VectorReport {
        match load(path) {
            Ok(file) => self.run_file(&file, path),
            Err(err) => VectorReport {
                status: Status::Error,
                reason: err.to_string(),
                kind: std::fs::read_to_string(path)
                    .ok()
                    .and_then(|text| peek_kind(&text)),
                ..self.blank_report(path, None)
            },
        }
    }

    /// Runs a loaded vector (`path` names it in the report).
    pub fn run_file(&self, file: &VectorFile, path: &Path) -> VectorReport {
        self.judge(file, path).0
    }

    fn judge(&self, file: &VectorFile, path: &Path) -> (VectorReport, Option<Execution>) {
        let mut report = self.blank_report(path, Some(file));
        let unknown: Vec<_> = file
            .info
            .rules
            .iter()
            .map(|rule| rule.as_str())
            .filter(|id| !crate::rules::is_known(id))
            .collect();
        if !unknown.is_empty() {
            report.status = Status::Error;
            report.reason = format!(
                "_info.rules: unknown rule id(s) {} (the spec's ids are listed in \
                 harness/ovm-conformance/src/rules.rs)",
                unknown.join(", ")
            );
            return (report, None);
        }
        if let Some(reason) = &file.info.skip {
            report.status = Status::Skipped;
            report.reason.clone_from(reason);
            return (report, None);
        }
        if let Some(lacking) = self.lacking(&file.vector) {
            report.status = Status::Unsupported;
            report.reason = format!("{lacking} missing");
            return (report, None);
        }
        let execution = match self.execute(file) {
            Ok(execution) => execution,
            Err(err) => {
                report.status = Status::Error;
                report.reason = err.to_string();
                return (report, None);
            }
        };
        report.stats = execution.stats;
        report.divergences.clone_from(&execution.divergences);
        let stale = self.stale_reason(file);
        report.status = if !report.divergences.is_empty() {
            Status::Fail
        } else if stale.is_some() {
            Status::Stale
        } else {
            Status::Pass
        };
        if let Some(reason) = stale {
            report.reason = reason;
        }
        (report, Some(execution))
    }

    /// The ABI preflight of plugged-in contracts (run once; `None` for the bundled ones).
    pub fn preflight(&self) -> Option<&Preflight> {
        (!self.contracts.is_bundled()).then(|| {
            self.preflight
                .get_or_init(|| Preflight::run(&self.contracts))
        })
    }

    /// The events outside the spec the contracts emitted in the vectors run so far (not
    /// compared; see `harness/SPEC-DECISIONS.md`), by contract and first topic.
    pub fn unknown_events(&self) -> Vec<UnknownEvent> {
        self.unknown_events.list()
    }

    /// The first function `vector` needs that the contracts under test lack (from the
    /// preflight; never for the bundled contracts).
    fn lacking(&self, vector: &Vector) -> Option<String> {
        self.preflight()?.lacking(&crate::preflight::needs(vector))
    }

    /// Why `file` is stale against these contracts, if it is: its `filled_against` is not the
    /// bundle hash of the bundled contracts that ran (never for plugged-in contracts).
    pub fn stale_reason(&self, file: &VectorFile) -> Option<String> {
        let filled = file.info.filled_against?;
        let current = bundle_hash();
        (self.contracts.is_bundled() && filled.0 != current).then(|| {
            format!(
                "stale: filled against contracts {filled}, the bundled contracts are {current}; re-fill with `ovm-conformance fill`"
            )
        })
    }

    /// `check`: runs the vector and verifies that `fill` would not change the file (every
    /// expectation present and right, `filled_against` current), without writing.
    pub fn check_path(&self, path: &Path) -> VectorReport {
        let file = match load(path) {
            Ok(file) => file,
            Err(_) => return self.run_path(path),
        };
        let (mut report, execution) = self.judge(&file, path);
        let Some(execution) = execution else {
            return report;
        };
        if report.status != Status::Pass {
            return report;
        }
        match execution.filled {
            Err(message) => {
                report.status = Status::Fail;
                report.reason = format!("fill could not write the expectations: {message}");
            }
            Ok(mut filled) => {
                if !self.contracts.is_bundled() {
                    filled.info.filled_against = file.info.filled_against;
                }
                let text = std::fs::read_to_string(path).unwrap_or_default();
                let wanted = to_pretty_json(&filled);
                if text != wanted {
                    report.status = Status::Fail;
                    report.reason = format!(
                        "`fill` would change this file:\n{}",
                        first_difference(&text, &wanted)
                    );
                }
            }
        }
        report
    }

    /// `fill`: computes the vector's expectations from the reference implementations and
    /// writes them with [`to_pretty_json`] (byte-stable), setting `filled_against` to
    /// [`bundle_hash`]. Refuses when the two halves disagree, and against plugged-in contracts.
    pub fn fill_path(&self, path: &Path) -> FillReport {
        let file = match load(path) {
            Ok(file) => file,
            Err(_) => {
                let report = self.run_path(path);
                return FillReport {
                    outcome: FillOutcome::Refused(Refusal::NotRun(report.reason.clone())),
                    report,
                };
            }
        };
        let (report, execution) = self.judge(&file, path);
        let refuse = |why: Refusal, report: VectorReport| FillReport {
            outcome: FillOutcome::Refused(why),
            report,
        };
        if !self.contracts.is_bundled() {
            return refuse(Refusal::PluggedInContracts, report);
        }
        if report.status == Status::Skipped {
            return FillReport {
                outcome: FillOutcome::Skipped(report.reason.clone()),
                report,
            };
        }
        let Some(execution) = execution else {
            return refuse(Refusal::NotRun(report.reason.clone()), report);
        };
        if !execution.halves_agree() {
            return refuse(Refusal::HalvesDisagree, report);
        }
        let filled = match execution.filled {
            Ok(filled) => filled,
            Err(error) => return refuse(error.into(), report),
        };
        match self.execute(&filled) {
            Ok(again) if again.divergences.is_empty() => {}
            Ok(again) => {
                let first = again
                    .divergences
                    .first()
                    .map_or_else(String::new, |d| d.what.clone());
                return refuse(Refusal::FilledFails(first), report);
            }
            Err(err) => return refuse(Refusal::FilledDoesNotRun(err), report),
        }
        let text = to_pretty_json(&filled);
        let current = std::fs::read_to_string(path).unwrap_or_default();
        if text == current {
            return FillReport {
                outcome: FillOutcome::Unchanged,
                report,
            };
        }
        // What is written must load again (e.g. stay within the parser's nesting limit).
        if let Err(err) = from_json(&text, &display_path(path)) {
            return refuse(Refusal::WouldNotLoad(err), report);
        }
        match write_atomically(path, &text) {
            Ok(()) => FillReport {
                outcome: FillOutcome::Written,
                report,
            },
            Err(err) => refuse(Refusal::Write(err), report),
        }
    }

    /// `replay`: runs one vector and returns its report and a full transcript: the reference
    /// decider's trace of the vector's property, the decider under test's outcome, and the
    /// probe of the property tree against the contracts.
    pub fn replay_path(&self, path: &Path) -> (VectorReport, String) {
        let report = self.run_path(path);
        let Ok(file) = load(path) else {
            return (report, String::new());
        };
        let transcript = self
            .transcript(&file)
            .unwrap_or_else(|err| format!("(transcript unavailable: {err})\n"));
        (report, transcript)
    }

    /// The full transcript of one vector: every call or transaction, the reference decider's
    /// trace of its properties, the decider under test's outcome and the probe against the
    /// contracts.
    pub fn transcript(&self, file: &VectorFile) -> Result<String, RunError> {
        let mut out = String::new();
        let log = self.execute_with(file, true, false)?.log;
        if !log.is_empty() {
            out.push_str("── transcript\n");
            for line in &log {
                out.push_str(line);
                out.push('\n');
            }
        }
        let mut ctx = self.fresh(file)?;
        let mut properties: Vec<(String, Property)> = Vec::new();
        match &file.vector {
            Vector::Atomic(v) => {
                let inputs = ctx.resolver.inputs(&v.inputs, "inputs")?;
                properties.push((
                    "predicate".into(),
                    Property::new(ctx.registry.atomic_address(v.predicate.0), inputs),
                ));
            }
            Vector::Challenge(v) => {
                properties.push(("claim".into(), ctx.resolver.property(&v.claim, "claim")?));
                properties.push((
                    "challenge".into(),
                    ctx.resolver.property(&v.challenge, "challenge")?,
                ));
            }
            Vector::Witness(v) => {
                properties.push(("claim".into(), ctx.resolver.property(&v.claim, "claim")?));
            }
            Vector::Game(v) => {
                properties.push(("claim".into(), ctx.resolver.property(&v.claim, "claim")?));
            }
            Vector::Uac(_) | Vector::Encoding(_) => {}
        }
        let reference = ReferenceDecider::new();
        for (name, p) in &properties {
            ctx.namer.property(name.clone(), p);
        }
        for (name, p) in &properties {
            let (outcome, trace) = reference.decide_traced(p, &ctx.world);
            out.push_str(&format!("── reference decider trace of {name}\n{trace}"));
            out.push_str(&format!(
                "reference outcome: {}\n",
                ctx.namer.show_outcome(&outcome)
            ));
            let tested = ctx.decider.decide(p, &ctx.world);
            out.push_str(&format!(
                "decider under test: {}\n",
                ctx.namer.show_outcome(&tested)
            ));
            let node = ctx.probe(p, name)?;
            out.push_str(&format!(
                "── probe of {name} against the contracts (✗ = disagree)\n{}",
                node.render()
            ));
        }
        Ok(out)
    }
}

/// The conformance engine as its front ends drive it (the vector runner, the fuzzer): one
/// object-safe view of a [`Runner`], whatever its decider type.
pub trait Judge {
    /// Runs `file` on both halves and compares ([`Runner::execute`]).
    fn execute(&self, file: &VectorFile) -> Result<Execution, RunError>;
    /// Runs `file` on both halves and compares, filling nothing ([`Runner::compare`]); by
    /// default [`Judge::execute`] (the filled vector is then built and ignored).
    fn compare(&self, file: &VectorFile) -> Result<Execution, RunError> {
        self.execute(file)
    }
    /// The decider under test.
    fn decider(&self) -> &dyn Decider;
    /// The Rust functions compared with the contracts' views.
    fn mirrors(&self) -> &dyn Mirrors;
    /// The contracts under test.
    fn contracts(&self) -> &Contracts;
    /// The command that replays the vector at `path` with these settings.
    fn replay_command(&self, path: &Path) -> String;
    /// Where the contracts' coverage is recorded, if it is ([`Runner::contract_coverage`]).
    fn contract_coverage(&self) -> Option<&Arc<Hits>>;
}

impl<D: Decider> Judge for Runner<D> {
    fn execute(&self, file: &VectorFile) -> Result<Execution, RunError> {
        Runner::execute(self, file)
    }

    fn compare(&self, file: &VectorFile) -> Result<Execution, RunError> {
        Runner::compare(self, file)
    }

    fn decider(&self) -> &dyn Decider {
        &self.decider
    }

    fn mirrors(&self) -> &dyn Mirrors {
        self.mirrors.as_ref()
    }

    fn contracts(&self) -> &Contracts {
        &self.contracts
    }

    fn replay_command(&self, path: &Path) -> String {
        Runner::replay_command(self, path)
    }

    fn contract_coverage(&self) -> Option<&Arc<Hits>> {
        Runner::contract_coverage(self)
    }
}

/// Replaces the file at `path` by `text` so that an interruption leaves either the old or the
/// new file, never a torn one: the text goes to a temporary file in the same folder, which is
/// synced and then renamed over `path`.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.fill-{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut file| {
        file.write_all(text.as_bytes())?;
        file.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(err) => {
            let _ = std::fs::remove_file(&temp);
            Err(err)
        }
    }
}

/// The first line where two texts differ, as `line N: - old / + new`.
fn first_difference(old: &str, new: &str) -> String {
    let mut old_lines = old.lines();
    let mut new_lines = new.lines();
    let mut n = 1;
    loop {
        match (old_lines.next(), new_lines.next()) {
            (Some(a), Some(b)) if a == b => n += 1,
            (None, None) => return "(only the trailing newline differs)".into(),
            (a, b) => {
                return format!(
                    "line {n}:\n- {}\n+ {}",
                    a.unwrap_or("(end of file)"),
                    b.unwrap_or("(end of file)")
                );
            }
        }
    }
}
