//! What running one vector produced: a [`VectorReport`] with its [`Status`] and
//! [`Divergence`]s, printable as one screen ([`VectorReport::screen`]) or one JSON line
//! ([`VectorReport::json_line`], byte-stable: no timings, no absolute paths).

use ovm_vectors::Kind;
use serde::Serialize;
use std::fmt::{self, Write as _};

/// The verdict on one vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Both halves agree with each other and with every expectation.
    Pass,
    /// At least one divergence.
    Fail,
    /// The vector conforms, but its `_info.filled_against` names other bundled contracts than
    /// the ones that ran: its expectations must be re-filled (`ovm-conformance fill`).
    Stale,
    /// `_info.skip`: not run.
    Skipped,
    /// The vector could not be run: malformed file, unresolvable name, driver failure.
    Error,
    /// The vector did not finish within the run's time limit (`--timeout`).
    Timeout,
    /// Not run: it needs a function or event the contracts under test lack (the preflight
    /// found it missing; the reason names it). Not a divergence, and not conforming.
    Unsupported,
}

impl Status {
    /// Whether this status counts as conforming (pass or skipped).
    pub fn conforms(self) -> bool {
        matches!(self, Self::Pass | Self::Skipped)
    }

    /// The lowercase name (`pass`, `fail`, …).
    pub fn name(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Fail => "fail",
            Self::Stale => "stale",
            Self::Skipped => "skipped",
            Self::Error => "error",
            Self::Timeout => "timeout",
            Self::Unsupported => "unsupported",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What kind of disagreement a [`Divergence`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DivergenceClass {
    /// A truth value, decision or accept/reject verdict differs.
    OutcomeFlip,
    /// A game the honest agent plays ends decided against the decider's judgment of its claim
    /// because the contracts accept a move §4 rejects (the contract-aware adversary's attack).
    LostGame,
    /// A challenge one side (or the expectation) accepts is rejected by `UAC.challenge`.
    ChallengeRejectedOnChain,
    /// A witness one side (or the expectation) accepts is rejected on-chain.
    WitnessRejected,
    /// The decider gives no witness for a property the chain decides with one (§9 W).
    MissedWitness,
    /// A view that must never revert (§4, §5) reverted where the other side answers.
    RevertVsFalse,
    /// Both sides fail, with different errors (name or arguments).
    WrongError,
    /// The honest agent used more gas than the vector's budget, or one of its transactions
    /// more than [`crate::gas::HONEST_TX_GAS_CAP`] (a quarter of the block gas limit).
    GasOverBudget,
    /// `enc`/`id`, the property test, placeholders, `subst` or depth differ (§9 E).
    EncodingMismatch,
    /// The events of a call differ (names, arguments or order).
    EventMismatch,
    /// A game's state differs: its final state (decision, challenges and their order, creation
    /// block), or its views (`isDecided`, `isDecidable`) after a call.
    StateMismatch,
    /// A game took a different number of blocks than expected, or longer than §9 G allows.
    BlocksMismatch,
    /// The decider's outcome has a form §7 does not allow for its property (e.g. an atomic
    /// with a challenge, a witness other than `[]`, or a pin).
    OutcomeShape,
    /// An *unguarded claim* (§7): a value outside the hint's candidates refutes a claim the
    /// decider judges True — a property of the claim, not a decider bug.
    UnguardedClaim,
    /// The chain met a resource limit of the EVM (out of gas, also in a nested call, a full
    /// stack, the call-depth limit) where the other side answers: a cost, not a rule, differs.
    ResourceLimit,
    /// A UAC operation's gas grows with the number of open challenges by more than
    /// [`crate::gas::GRIEF_THRESHOLD`] per challenge ([`crate::gas::scaling`]): whoever
    /// challenges can price the defence out (spec §10, "scanned challenges").
    Griefable,
}

impl DivergenceClass {
    /// The stable identifier signatures and JSON use (`outcome_flip`).
    pub fn id(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The human name used on the divergence screen.
    pub fn title(self) -> &'static str {
        match self {
            Self::OutcomeFlip => "outcome flip",
            Self::LostGame => "lost game",
            Self::ChallengeRejectedOnChain => "challenge rejected on-chain",
            Self::WitnessRejected => "witness rejected",
            Self::MissedWitness => "missed witness",
            Self::RevertVsFalse => "revert vs false",
            Self::WrongError => "wrong error",
            Self::GasOverBudget => "gas over budget",
            Self::EncodingMismatch => "encoding mismatch",
            Self::EventMismatch => "event mismatch",
            Self::StateMismatch => "game state mismatch",
            Self::BlocksMismatch => "blocks mismatch",
            Self::OutcomeShape => "outcome shape",
            Self::UnguardedClaim => "unguarded claim",
            Self::ResourceLimit => "resource limit",
            Self::Griefable => "griefable",
        }
    }
}

impl fmt::Display for DivergenceClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// One side's view of the thing compared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    /// Who: `expected`, `decider`, `model`, `ovm-core`, `chain`, …
    pub side: String,
    /// What it says.
    pub value: String,
}

/// The first node of the property tree where the two halves disagree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeView {
    /// Where in the property (`claim`, `claim.And[1]`, `claim.challenge.Not[0]`, …).
    pub path: String,
    /// The node's predicate and a summary of its inputs.
    pub property: String,
    /// The decider's outcome there.
    pub decider: String,
    /// What the contracts answer there.
    pub chain: String,
    /// What disagrees there, as a class and the function answering (`None` where the halves
    /// agree): what a divergence located at this node is grouped by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<NodeCause>,
}

/// What disagrees at a node: the class of the disagreement and the function whose answer
/// differs (`IsContained`, `Or.isValidChallenge`, `IsStored.decideTrue`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeCause {
    /// The class.
    pub class: DivergenceClass,
    /// The function whose answer differs.
    pub subject: String,
}

impl NodeCause {
    /// `class/subject`, the form problem signatures use (`outcome_flip/IsContained`).
    pub fn signature(&self) -> String {
        format!("{}/{}", self.class.id(), self.subject)
    }
}

/// One disagreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Divergence {
    /// Its class.
    pub class: DivergenceClass,
    /// What was compared (a check, a call, a step).
    pub what: String,
    /// Whether it is only a disagreement with the vector's expectation (both halves agree
    /// with each other). `fill` refuses vectors whose halves disagree.
    pub against_expect: bool,
    /// The function or predicate compared (`IsLessThan`, `subst`, `And.isValidChallenge`,
    /// `UAC.challenge`, …): with the class and the sides' shapes, the [`Divergence::signature`].
    #[serde(skip_serializing_if = "String::is_empty")]
    pub subject: String,
    /// Each side's view, in display order.
    pub sides: Vec<Side>,
    /// The first divergent node of the property tree, when the divergence concerns a property.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<NodeView>,
    /// The earlier step this one follows from (`steps[2].challenge`): after the halves
    /// disagreed on a call their states differ, so a later difference is a consequence, not
    /// a problem of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

impl Divergence {
    /// A divergence between the halves.
    pub fn new(class: DivergenceClass, what: impl Into<String>) -> Self {
        Self {
            class,
            what: what.into(),
            against_expect: false,
            subject: String::new(),
            sides: Vec::new(),
            node: None,
            after: None,
        }
    }

    /// A divergence from the expectation only (the halves agree).
    pub fn from_expect(class: DivergenceClass, what: impl Into<String>) -> Self {
        Self {
            against_expect: true,
            ..Self::new(class, what)
        }
    }

    /// Names the function or predicate compared.
    pub fn on(mut self, subject: impl Into<String>) -> Self {
        self.subject = subject.into();
        self
    }

    /// The stable identity of this kind of disagreement, independent of the values involved:
    /// `class/subject/side=shape,…` (e.g. `outcome_flip/IsLessThan/decider=true,chain=false`),
    /// where a side's shape is `ok`, `revert`, `true`, `false`, `undefined`, `unknown` or
    /// `value`. The fuzzer de-duplicates by it; `replay` of a regression shows the same one.
    pub fn signature(&self) -> String {
        let sides: Vec<String> = self
            .sides
            .iter()
            .map(|s| format!("{}={}", s.side, shape_of(&s.value)))
            .collect();
        format!("{}/{}/{}", self.class.id(), self.subject, sides.join(","))
    }

    /// Adds a side.
    pub fn side(mut self, side: impl Into<String>, value: impl Into<String>) -> Self {
        self.sides.push(Side {
            side: side.into(),
            value: value.into(),
        });
        self
    }

    /// Attaches the first divergent node.
    pub fn at(mut self, node: Option<NodeView>) -> Self {
        self.node = node;
        self
    }
}

/// The coarse shape of a side's value for [`Divergence::signature`].
fn shape_of(value: &str) -> &'static str {
    let first = value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    match first {
        "reverted" => "revert",
        "ok" => "ok",
        "true" => "true",
        "false" => "false",
        "undefined" => "undefined",
        "unknown" | "Unknown" => "unknown",
        "True" => "true",
        "False" => "false",
        _ => "value",
    }
}

/// Counters of one vector's run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Committed transactions (root submissions, claims, calls, agent moves).
    pub txs: u64,
    /// Their gas.
    pub gas: u64,
    /// The gas of the honest agent's transactions (`game` vectors; 0 otherwise).
    pub agent_gas: u64,
    /// Games created on-chain.
    pub games: u64,
}

/// The result of running one vector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VectorReport {
    /// The file, as shown (relative to the workspace root when inside it).
    pub path: String,
    /// The test name (`challenge::and-false-child`).
    pub name: String,
    /// The kind, if the file could be read.
    pub kind: Option<Kind>,
    /// `_info.description`, if the file could be read.
    pub description: String,
    /// The verdict.
    pub status: Status,
    /// Why: the skip reason, the error, the stale hash (empty for pass and fail).
    pub reason: String,
    /// Every disagreement found, in the order found.
    pub divergences: Vec<Divergence>,
    /// Counters.
    pub stats: Stats,
    /// The command that replays just this vector.
    pub replay: String,
    /// `_info.rules`, if the file could be read.
    pub rules: Vec<String>,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    vector: &'a str,
    name: &'a str,
    kind: Option<&'static str>,
    status: Status,
    #[serde(skip_serializing_if = "str::is_empty")]
    reason: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    divergences: &'a [Divergence],
    txs: u64,
    gas: u64,
    games: u64,
}

impl VectorReport {
    /// Whether the vector conforms (pass or skipped).
    pub fn conforms(&self) -> bool {
        self.status.conforms()
    }

    /// One JSON object on one line (no trailing newline), byte-identical from run to run.
    pub fn json_line(&self) -> String {
        let line = JsonLine {
            vector: &self.path,
            name: &self.name,
            kind: self.kind.map(Kind::name),
            status: self.status,
            reason: &self.reason,
            divergences: &self.divergences,
            txs: self.stats.txs,
            gas: self.stats.gas,
            games: self.stats.games,
        };
        serde_json::to_string(&line).unwrap_or_else(|err| format!("{{\"error\":\"{err}\"}}"))
    }

    /// One line: `PASS  challenge::and-false-child`.
    pub fn line(&self) -> String {
        let mut out = format!("{:<7} {}", self.status.name().to_uppercase(), self.name);
        if !self.reason.is_empty() && self.status != Status::Fail {
            let _ = write!(out, "  ({})", first_line(&self.reason));
        }
        out
    }

    /// The divergence screen: the vector, each divergence with its class, both sides' views
    /// and the first divergent node, and the command that replays just this vector.
    pub fn screen(&self) -> String {
        let rule = "═".repeat(78);
        let mut out = String::new();
        let _ = writeln!(out, "{rule}");
        let _ = writeln!(
            out,
            "{}  {}  ({})",
            self.status.name().to_uppercase(),
            self.path,
            self.kind.map_or("unknown kind", Kind::name)
        );
        let _ = writeln!(out, "vector    {}", self.name);
        if !self.description.is_empty() {
            let _ = writeln!(out, "          {}", self.description);
        }
        if !self.reason.is_empty() {
            for (i, line) in self.reason.lines().enumerate() {
                let label = if i == 0 { "reason" } else { "" };
                let _ = writeln!(out, "{label:<10}{line}");
            }
        }
        for (i, d) in self.divergences.iter().enumerate() {
            let _ = writeln!(out, "{}", "─".repeat(78));
            let origin = if d.against_expect {
                "both halves agree; the expectation differs"
            } else {
                "the halves disagree"
            };
            let _ = writeln!(out, "#{:<8} {}  ({origin})", i + 1, d.class.title());
            if let Some(step) = &d.after {
                let _ = writeln!(out, "after     {step} (a consequence of that divergence)");
            }
            let _ = writeln!(out, "what      {}", d.what);
            let _ = writeln!(out, "signature {}", d.signature());
            let width = d.sides.iter().map(|s| s.side.len()).max().unwrap_or(0);
            for side in &d.sides {
                write_block(&mut out, &format!("  {:<width$}", side.side), &side.value);
            }
            if let Some(node) = &d.node {
                let _ = writeln!(out, "first divergent node  {}", node.path);
                let _ = writeln!(out, "  property  {}", node.property);
                write_block(&mut out, "  decider ", &node.decider);
                write_block(&mut out, "  chain   ", &node.chain);
            }
        }
        let _ = writeln!(out, "{}", "─".repeat(78));
        let _ = writeln!(out, "replay    {}", self.replay);
        out
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

fn write_block(out: &mut String, label: &str, value: &str) {
    let pad = " ".repeat(label.chars().count());
    for (i, line) in value.lines().enumerate() {
        let _ = writeln!(out, "{}  {line}", if i == 0 { label } else { &pad });
    }
    if value.is_empty() {
        let _ = writeln!(out, "{label}  —");
    }
}

impl fmt::Display for VectorReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.screen())
    }
}

/// Counts of a run, per status and per kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Vectors run (all statuses).
    pub total: u64,
    /// Passed.
    pub pass: u64,
    /// Failed.
    pub fail: u64,
    /// Stale.
    pub stale: u64,
    /// Skipped.
    pub skipped: u64,
    /// Could not run.
    pub error: u64,
    /// Did not finish within the time limit.
    pub timeout: u64,
    /// Not run for a missing function or event.
    pub unsupported: u64,
    /// Each cause of `unsupported` once (`AndPredicate.decideTrue(…) missing`), with the
    /// number of vectors it stopped.
    pub unsupported_causes: std::collections::BTreeMap<String, u64>,
    /// Committed transactions.
    pub txs: u64,
    /// Their gas.
    pub gas: u64,
    /// Games created.
    pub games: u64,
    /// Vectors per kind, by kind name (sorted).
    pub by_kind: std::collections::BTreeMap<String, u64>,
}

impl Summary {
    /// Adds one report.
    pub fn add(&mut self, report: &VectorReport) {
        self.total += 1;
        match report.status {
            Status::Pass => self.pass += 1,
            Status::Fail => self.fail += 1,
            Status::Stale => self.stale += 1,
            Status::Skipped => self.skipped += 1,
            Status::Error => self.error += 1,
            Status::Timeout => self.timeout += 1,
            Status::Unsupported => {
                self.unsupported += 1;
                *self
                    .unsupported_causes
                    .entry(report.reason.clone())
                    .or_default() += 1;
            }
        }
        self.txs += report.stats.txs;
        self.gas += report.stats.gas;
        self.games += report.stats.games;
        let kind = report.kind.map_or("unreadable", Kind::name);
        *self.by_kind.entry(kind.to_owned()).or_default() += 1;
    }

    /// Whether everything conforms.
    pub fn conforms(&self) -> bool {
        self.fail == 0
            && self.stale == 0
            && self.error == 0
            && self.timeout == 0
            && self.unsupported == 0
    }

    /// `{"summary": {…}}` on one line, byte-stable.
    pub fn json_line(&self) -> String {
        #[derive(Serialize)]
        struct Line<'a> {
            summary: &'a Summary,
            conforms: bool,
        }
        serde_json::to_string(&Line {
            summary: self,
            conforms: self.conforms(),
        })
        .unwrap_or_default()
    }
}

impl Summary {
    /// The counts, one line (the `Display` form without the causes of unsupported vectors,
    /// for a report that lists those causes already, as the grouped problems do).
    pub fn counts(&self) -> String {
        let mut out = format!(
            "{} vectors: {} passed, {} failed, {} stale, {} skipped, {} errors",
            self.total, self.pass, self.fail, self.stale, self.skipped, self.error
        );
        if self.timeout > 0 {
            out.push_str(&format!(", {} timed out", self.timeout));
        }
        if self.unsupported > 0 {
            out.push_str(&format!(", {} unsupported", self.unsupported));
        }
        out
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.counts())?;
        if self.unsupported > 0 {
            for (cause, vectors) in &self.unsupported_causes {
                write!(f, "\n  unsupported: {cause} ({vectors} vector(s))")?;
            }
        }
        Ok(())
    }
}

/// A Markdown summary of a run (for a CI job summary): the verdict, a table per kind, and the
/// vectors that do not conform (at most [`MARKDOWN_MAX_ROWS`], each with its first divergence
/// or reason and its replay command).
pub fn markdown(title: &str, summary: &Summary, reports: &[VectorReport]) -> String {
    let mut out = String::new();
    let verdict = if summary.conforms() {
        "✅ conforms"
    } else {
        "❌ does not conform"
    };
    let _ = writeln!(out, "## {title}\n\n**{verdict}** — {summary}\n");
    let mut kinds: std::collections::BTreeMap<&str, [u64; 3]> = Default::default();
    for report in reports {
        let row = kinds
            .entry(report.kind.map_or("unreadable", Kind::name))
            .or_default();
        row[0] += 1;
        row[usize::from(!report.conforms()) + 1] += 1;
    }
    let _ = writeln!(
        out,
        "| kind | vectors | conform | do not |\n|---|---:|---:|---:|"
    );
    for (kind, [n, ok, bad]) in &kinds {
        let _ = writeln!(out, "| {kind} | {n} | {ok} | {bad} |");
    }
    let failing: Vec<_> = reports.iter().filter(|r| !r.conforms()).collect();
    if !failing.is_empty() {
        let _ = writeln!(
            out,
            "\n| vector | status | first problem | replay |\n|---|---|---|---|"
        );
        for report in failing.iter().take(MARKDOWN_MAX_ROWS) {
            let problem = report.divergences.first().map_or_else(
                || first_line(&report.reason).to_owned(),
                |d| format!("{}: {}", d.class.title(), d.what),
            );
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | `{}` |",
                report.name,
                report.status.name(),
                problem.replace('|', "\\|"),
                report.replay.replace('|', "\\|")
            );
        }
        if failing.len() > MARKDOWN_MAX_ROWS {
            let _ = writeln!(out, "\n… and {} more.", failing.len() - MARKDOWN_MAX_ROWS);
        }
    }
    out.push('\n');
    out
}

/// The most non-conforming vectors [`markdown`] lists.
pub const MARKDOWN_MAX_ROWS: usize = 50;
