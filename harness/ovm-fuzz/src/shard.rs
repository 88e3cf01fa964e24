//! Sharded campaigns and their JSON report.
//!
//! `fuzz --shard i/n` runs, of every layer, the cases whose index is `i − 1` modulo `n`. A
//! shard still *draws* the other cases (generation only, no check), so every shard sees
//! exactly the cases of the whole campaign with the same seed. [`report_json`] is the JSON
//! report of a campaign or shard (`fuzz --json`): one line per case record, then one summary
//! line. [`merge`] joins the reports of shards `1/n … n/n` into the report of the whole
//! campaign, byte for byte the one an unsharded run of the same seed and cases prints:
//! records in layer then case order, case counts summed, findings de-duplicated by signature
//! (the first hit kept, in the order the whole campaign meets them, hits summed).
//!
//! A shard that stops at its first bug (`--fail-fast`) stops alone, so merged fail-fast
//! shards are not an unsharded fail-fast run; budgets by duration shard too, but only
//! budgets by cases give a merge equal to a single run.

use crate::{
    campaign::{Finding, Report},
    found::{CaseRecord, Layer, Severity},
};
use serde::{Deserialize, Serialize};
use std::{collections::BTreeMap, fmt, str::FromStr};

/// Which part of a campaign's cases a process runs: case `k` of every layer belongs to
/// shard `k mod count + 1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shard {
    index: u64,
    count: u64,
}

/// Why a shard cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    /// Not of the form `i/n`.
    #[error("not a shard: {0:?} (write i/n, e.g. 2/4)")]
    Syntax(String),
    /// `i` outside `1..=n`, or `n` zero.
    #[error("no shard {index} of {count} (shards are numbered 1 to n, n ≥ 1)")]
    OutOfRange {
        /// The shard's number.
        index: u64,
        /// The number of shards.
        count: u64,
    },
}

impl Shard {
    /// The whole campaign (`1/1`).
    pub const WHOLE: Self = Self { index: 1, count: 1 };

    /// Shard `index` of `count` (numbered from 1).
    pub fn new(index: u64, count: u64) -> Result<Self, ShardError> {
        if count == 0 || index == 0 || index > count {
            return Err(ShardError::OutOfRange { index, count });
        }
        Ok(Self { index, count })
    }

    /// The shard's number, from 1.
    pub fn index(self) -> u64 {
        self.index
    }

    /// The number of shards.
    pub fn count(self) -> u64 {
        self.count
    }

    /// Whether case `case` (an index within its layer) is this shard's.
    pub fn owns(self, case: u64) -> bool {
        case % self.count == self.index - 1
    }

    /// Whether this is the whole campaign.
    pub fn is_whole(self) -> bool {
        self.count == 1
    }
}

impl Default for Shard {
    fn default() -> Self {
        Self::WHOLE
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(text: &str) -> Result<Self, ShardError> {
        let syntax = || ShardError::Syntax(text.to_owned());
        let (index, count) = text.trim().split_once('/').ok_or_else(syntax)?;
        let number = |s: &str| s.trim().parse::<u64>().map_err(|_| syntax());
        Self::new(number(index)?, number(count)?)
    }
}

/// The summary line of a JSON report (`{"fuzz": {…}}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct SummaryLine {
    fuzz: Summary,
}

/// What a campaign or shard found, in its report's last line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    seed: u64,
    /// The layers, in the order the campaign runs them.
    layers: Vec<Layer>,
    /// `i/n`; absent for a whole campaign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shard: Option<String>,
    /// Cases checked per layer.
    cases: BTreeMap<Layer, u64>,
    bugs: Vec<String>,
    unguarded: Vec<String>,
    limitations: Vec<String>,
    /// Every unique finding, bugs first, each list in the order the campaign met them.
    findings: Vec<FindingLine>,
    conforms: bool,
}

/// One unique finding in a JSON report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingLine {
    severity: Severity,
    signature: String,
    layer: Layer,
    /// The case (within its layer) that first hit it.
    case: u64,
    hits: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vector: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    replay: Option<String>,
}

impl FindingLine {
    fn new(severity: Severity, finding: &Finding) -> Self {
        Self {
            severity,
            signature: finding.signature(),
            layer: finding.layer,
            case: finding.case,
            hits: finding.hits,
            vector: finding.vector.as_ref().map(|p| p.display().to_string()),
            replay: finding.replay.clone(),
        }
    }
}

/// The JSON report of `report`, the campaign seeded with `seed` over `layers` (or its shard
/// `shard`): one line per case record, then the summary line.
pub fn report_json(report: &Report, seed: u64, layers: &[Layer], shard: Shard) -> String {
    let mut findings = Vec::new();
    for (severity, list) in [
        (Severity::Bug, &report.bugs),
        (Severity::Unguarded, &report.unguarded),
        (Severity::Limitation, &report.limitations),
    ] {
        findings.extend(list.iter().map(|f| FindingLine::new(severity, f)));
    }
    let summary = Summary {
        seed,
        layers: layers.to_vec(),
        shard: (!shard.is_whole()).then(|| shard.to_string()),
        cases: report.cases.iter().copied().collect(),
        bugs: Vec::new(),
        unguarded: Vec::new(),
        limitations: Vec::new(),
        findings,
        conforms: report.bugs.is_empty(),
    };
    write(&report.records, summary)
}

/// The report text: the records, then the summary with its signature lists derived from its
/// findings.
fn write(records: &[CaseRecord], mut summary: Summary) -> String {
    let signatures = |findings: &[FindingLine], severity: Severity| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.severity == severity)
            .map(|f| f.signature.clone())
            .collect()
    };
    summary.bugs = signatures(&summary.findings, Severity::Bug);
    summary.unguarded = signatures(&summary.findings, Severity::Unguarded);
    summary.limitations = signatures(&summary.findings, Severity::Limitation);
    let mut out = jsonl(records);
    out.push_str(&serde_json::to_string(&SummaryLine { fuzz: summary }).unwrap_or_default());
    out.push('\n');
    out
}

/// `records` as JSON lines.
pub(crate) fn jsonl(records: &[CaseRecord]) -> String {
    let mut out = String::new();
    for record in records {
        out.push_str(&serde_json::to_string(record).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Why shard reports cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// A line of a report is not what `fuzz --json` writes.
    #[error("{file}:{line}: {reason}")]
    Line {
        /// The report (as named on the command line).
        file: String,
        /// The line, from 1.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// A report has no summary line.
    #[error("{0}: no summary line (the last line of `fuzz --json`)")]
    NoSummary(String),
    /// A report is not a shard of the same campaign as the first.
    #[error("{file}: {what} differs from {first}'s")]
    OtherCampaign {
        /// The report.
        file: String,
        /// The first report.
        first: String,
        /// What differs (seed, layers, number of shards).
        what: &'static str,
    },
    /// The reports are not shards `1/n … n/n`, each once.
    #[error(
        "the reports are shards {found}; a merge needs each of 1/{count} … {count}/{count} once"
    )]
    Incomplete {
        /// The shards given, in the order given.
        found: String,
        /// The number of shards.
        count: u64,
    },
    /// Two reports record the same case.
    #[error("{file}: case {case} of layer {layer} is also in another report")]
    DuplicateCase {
        /// The report.
        file: String,
        /// The layer.
        layer: Layer,
        /// The case.
        case: u64,
    },
    /// No report given.
    #[error("nothing to merge: name the JSON reports of the shards")]
    Empty,
}

/// The report of one shard, parsed.
struct ShardReport {
    file: String,
    shard: Shard,
    records: Vec<(usize, CaseRecord)>,
    summary: Summary,
}

fn parse(file: &str, text: &str) -> Result<ShardReport, MergeError> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let ((summary_at, summary_text), record_lines) = lines
        .split_last()
        .ok_or_else(|| MergeError::NoSummary(file.to_owned()))?;
    let bad = |line: usize, reason: String| MergeError::Line {
        file: file.to_owned(),
        line,
        reason,
    };
    let summary: SummaryLine = serde_json::from_str(summary_text)
        .map_err(|e| bad(*summary_at, format!("not a fuzz summary line: {e}")))?;
    let shard = match &summary.fuzz.shard {
        None => Shard::WHOLE,
        Some(text) => text
            .parse()
            .map_err(|e: ShardError| bad(*summary_at, format!("fuzz.shard: {e}")))?,
    };
    let mut records = Vec::with_capacity(record_lines.len());
    for (at, line) in record_lines {
        let record: CaseRecord =
            serde_json::from_str(line).map_err(|e| bad(*at, format!("not a case record: {e}")))?;
        if !shard.owns(record.case) {
            return Err(bad(
                *at,
                format!("case {} is not shard {shard}'s", record.case),
            ));
        }
        records.push((*at, record));
    }
    Ok(ShardReport {
        file: file.to_owned(),
        shard,
        records,
        summary: summary.fuzz,
    })
}

/// The merged report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The JSON report of the whole campaign.
    pub json: String,
    /// Whether no shard found a bug.
    pub conforms: bool,
    /// Cases in all.
    pub cases: u64,
    /// Unique findings (bugs, unguarded claims, limitations).
    pub findings: usize,
}

/// Merges the JSON reports `(name, text)` of shards `1/n … n/n` of one campaign into the
/// report of the whole campaign (see the module docs).
pub fn merge(reports: &[(String, String)]) -> Result<Merged, MergeError> {
    let parsed = reports
        .iter()
        .map(|(file, text)| parse(file, text))
        .collect::<Result<Vec<_>, _>>()?;
    let first = parsed.first().ok_or(MergeError::Empty)?;
    let count = first.shard.count();
    for report in &parsed {
        let differs = |what| MergeError::OtherCampaign {
            file: report.file.clone(),
            first: first.file.clone(),
            what,
        };
        if report.summary.seed != first.summary.seed {
            return Err(differs("the seed"));
        }
        if report.summary.layers != first.summary.layers {
            return Err(differs("the layers"));
        }
        if report.shard.count() != count {
            return Err(differs("the number of shards"));
        }
    }
    let mut indices: Vec<u64> = parsed.iter().map(|r| r.shard.index()).collect();
    indices.sort_unstable();
    if indices != (1..=count).collect::<Vec<_>>() {
        return Err(MergeError::Incomplete {
            found: parsed
                .iter()
                .map(|r| r.shard.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            count,
        });
    }
    let layers = first.summary.layers.clone();
    let position = |layer: Layer| layers.iter().position(|l| *l == layer);

    let mut records: Vec<(&str, usize, &CaseRecord)> = Vec::new();
    for report in &parsed {
        for (at, record) in &report.records {
            if position(record.layer).is_none() {
                return Err(MergeError::Line {
                    file: report.file.clone(),
                    line: *at,
                    reason: format!("layer {} is not one of the campaign's", record.layer),
                });
            }
            records.push((&report.file, *at, record));
        }
    }
    records.sort_by_key(|(_, _, r)| (position(r.layer), r.case));
    for pair in records.windows(2) {
        let (a, b) = (pair[0].2, pair[1].2);
        if (a.layer, a.case) == (b.layer, b.case) {
            return Err(MergeError::DuplicateCase {
                file: pair[1].0.to_owned(),
                layer: b.layer,
                case: b.case,
            });
        }
    }

    let mut cases: BTreeMap<Layer, u64> = BTreeMap::new();
    let mut findings: Vec<FindingLine> = Vec::new();
    for report in &parsed {
        for (layer, n) in &report.summary.cases {
            *cases.entry(*layer).or_default() += n;
        }
        for finding in &report.summary.findings {
            match findings
                .iter_mut()
                .find(|f| f.severity == finding.severity && f.signature == finding.signature)
            {
                Some(kept) => {
                    let hits = kept.hits + finding.hits;
                    if (finding.case, position(finding.layer)) < (kept.case, position(kept.layer)) {
                        *kept = finding.clone();
                    }
                    kept.hits = hits;
                }
                None => findings.push(finding.clone()),
            }
        }
    }
    // The whole campaign runs the layers round-robin, case by case, and lists bugs, then
    // unguarded claims, then limitations, each in the order met.
    let rank = |s: Severity| match s {
        Severity::Bug => 0,
        Severity::Unguarded => 1,
        Severity::Limitation => 2,
    };
    findings.sort_by_key(|f| (rank(f.severity), f.case, position(f.layer)));
    let conforms = !findings.iter().any(|f| f.severity == Severity::Bug);
    let summary = Summary {
        seed: first.summary.seed,
        layers,
        shard: None,
        cases: cases.clone(),
        bugs: Vec::new(),
        unguarded: Vec::new(),
        limitations: Vec::new(),
        findings,
        conforms,
    };
    let unique = summary.findings.len();
    let records: Vec<CaseRecord> = records.into_iter().map(|(_, _, r)| r.clone()).collect();
    Ok(Merged {
        json: write(&records, summary),
        conforms,
        cases: cases.values().sum(),
        findings: unique,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_partition_the_cases() {
        let shard: Shard = "2/4".parse().unwrap();
        assert_eq!((shard.index(), shard.count()), (2, 4));
        assert_eq!(shard.to_string(), "2/4");
        let owned: Vec<u64> = (0..10).filter(|c| shard.owns(*c)).collect();
        assert_eq!(owned, [1, 5, 9]);
        assert!(Shard::WHOLE.owns(7) && Shard::WHOLE.is_whole());
        for bad in ["", "2", "a/4", "2/x", "0/4", "5/4", "1/0", "-1/2"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad:?}");
        }
    }

    fn report(file: &str, text: &str) -> (String, String) {
        (file.to_owned(), text.to_owned())
    }

    #[test]
    fn malformed_reports_are_typed_errors_naming_file_and_line() {
        assert_eq!(merge(&[]), Err(MergeError::Empty));
        assert_eq!(
            merge(&[report("a.json", "")]),
            Err(MergeError::NoSummary("a.json".into()))
        );
        let Err(MergeError::Line { file, line, .. }) = merge(&[report("a.json", "{}\n")]) else {
            panic!("a summary without fields is refused");
        };
        assert_eq!((file.as_str(), line), ("a.json", 1));
        let summary = r#"{"fuzz":{"seed":1,"layers":["E"],"shard":"1/2","cases":{"E":1},"bugs":[],"unguarded":[],"limitations":[],"findings":[],"conforms":true}}"#;
        let other = summary.replace("\"1/2\"", "\"2/2\"");
        let record = r#"{"layer":"E","case":1,"hash":"0x","outcome":"ok"}"#;
        let Err(MergeError::Line { line, reason, .. }) =
            merge(&[report("a.json", &format!("{record}\n{summary}\n"))])
        else {
            panic!("a case of another shard is refused");
        };
        assert_eq!(line, 1, "{reason}");
        assert!(matches!(
            merge(&[report("a.json", summary)]),
            Err(MergeError::Incomplete { count: 2, .. })
        ));
        assert!(matches!(
            merge(&[
                report("a.json", summary),
                report("b.json", &other.replace("\"seed\":1", "\"seed\":2"))
            ]),
            Err(MergeError::OtherCampaign {
                what: "the seed",
                ..
            })
        ));
        assert!(merge(&[report("a.json", summary), report("b.json", &other)]).is_ok());
    }
}
