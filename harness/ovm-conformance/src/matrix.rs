//! The per-rule conformance matrix: one row per spec rule ([`crate::rules::RULES`], every one,
//! covered or not), one column per implementation, each cell the statuses of the vectors that
//! cover the rule and their distinct problems.
//!
//! Pure: it only counts and groups what the runner decided. A vector covers a rule when its
//! `_info.rules` names it or the rule is the §9 invariant its kind checks (as
//! [`crate::coverage`] counts); its status is the runner's [`Status`], and a cell's problems are
//! [`crate::problems::problems`] of the cell's vectors. The renderings (JSON, Markdown, HTML)
//! are in [`crate::render`].

use crate::{
    coverage::invariant_of,
    problems::{Problem, problems},
    report::{Status, Summary, VectorReport},
    rules::RULES,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// One implementation's results, as the runner (and optionally the fuzzer) produced them.
#[derive(Clone, Debug)]
pub struct Results {
    /// The column's label (`reference`, `contracts=m.json`, …).
    pub label: String,
    /// The report of every vector run, in run order.
    pub reports: Vec<VectorReport>,
    /// The fuzz campaign's results, if one ran.
    pub fuzz: Option<Fuzz>,
}

/// A fuzz campaign's results for one implementation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fuzz {
    /// The campaign's seed.
    pub seed: u64,
    /// Each layer's results, in campaign order.
    pub layers: Vec<FuzzLayer>,
}

/// One fuzz layer's results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FuzzLayer {
    /// The layer's name (`E`, `A`, `W`, `C`, `S`, `G`).
    pub layer: String,
    /// The §9 invariant it checks (`§9.E`, …).
    pub rule: String,
    /// Cases checked.
    pub cases: u64,
    /// The signatures of its unique bugs.
    pub bugs: Vec<String>,
    /// The signatures of its unique unguarded claims (reported, not failed).
    pub unguarded: Vec<String>,
    /// The signatures of its cases of the documented §10 limitation (reported, not failed).
    pub limitations: Vec<String>,
}

/// How a cell reads at a glance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No vector covers the rule.
    Untested,
    /// Every vector covering the rule conforms (passes or is skipped).
    Conforms,
    /// None fails, but some are unsupported (a missing function) or stale.
    Incomplete,
    /// Some fail, could not run or timed out.
    Fails,
}

impl Verdict {
    /// The verdict of a cell with these status counts.
    fn of(statuses: &BTreeMap<Status, u64>) -> Self {
        let fails = |s: &Status| matches!(s, Status::Fail | Status::Error | Status::Timeout);
        if statuses.is_empty() {
            Self::Untested
        } else if statuses.keys().all(|s| s.conforms()) {
            Self::Conforms
        } else if statuses.keys().any(fails) {
            Self::Fails
        } else {
            Self::Incomplete
        }
    }

    /// The lowercase name (`untested`, `conforms`, `incomplete`, `fails`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Untested => "untested",
            Self::Conforms => "conforms",
            Self::Incomplete => "incomplete",
            Self::Fails => "fails",
        }
    }
}

/// One implementation's vectors covering one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Vectors covering the rule.
    pub total: u64,
    /// How many of them ended with each status (only the statuses that occur).
    pub statuses: BTreeMap<Status, u64>,
    /// The cell at a glance.
    pub verdict: Verdict,
    /// The distinct problems of these vectors, most severe first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
}

impl Cell {
    /// The cell of the reports covering `rule`.
    fn of<'a>(rule: &str, reports: impl IntoIterator<Item = &'a VectorReport>) -> Self {
        let covering: Vec<&VectorReport> = reports
            .into_iter()
            .filter(|report| covers(report, rule))
            .collect();
        let mut statuses = BTreeMap::new();
        for report in &covering {
            *statuses.entry(report.status).or_default() += 1;
        }
        Self {
            total: covering.len() as u64,
            verdict: Verdict::of(&statuses),
            statuses,
            problems: problems(covering),
        }
    }

    /// How many vectors passed.
    pub fn passed(&self) -> u64 {
        self.count(Status::Pass)
    }

    /// How many vectors ended with `status`.
    pub fn count(&self, status: Status) -> u64 {
        self.statuses.get(&status).copied().unwrap_or(0)
    }
}

/// Whether `report`'s vector covers `rule`: its `_info.rules` names it, or it is the §9
/// invariant of its kind.
fn covers(report: &VectorReport, rule: &str) -> bool {
    report.rules.iter().any(|r| r == rule) || report.kind.is_some_and(|k| invariant_of(k) == rule)
}

/// One spec rule across the implementations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The rule id (`§4.and`).
    pub rule: &'static str,
    /// What it is about.
    pub title: &'static str,
    /// One cell per column, in column order.
    pub cells: Vec<Cell>,
}

/// One implementation's totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Column {
    /// Its label.
    pub label: String,
    /// Whether it conforms: every vector conforms and the fuzzer (if run) found no bug.
    pub conforms: bool,
    /// Its counts over every vector run.
    pub summary: Summary,
    /// Every distinct problem of its vectors, most severe first.
    pub problems: Vec<Problem>,
    /// The fuzz campaign's results (`null`: not run).
    pub fuzz: Option<Fuzz>,
}

/// The per-rule matrix of several implementations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Matrix {
    /// The implementations, in the order given.
    pub columns: Vec<Column>,
    /// Every rule of [`RULES`], in spec order.
    pub rows: Vec<Row>,
}

impl Matrix {
    /// The rows where column `column` has problems, each with that column's cell.
    pub fn cells_with_problems(&self, column: usize) -> impl Iterator<Item = (&Row, &Cell)> {
        self.rows
            .iter()
            .filter_map(move |row| row.cells.get(column).map(|cell| (row, cell)))
            .filter(|(_, cell)| !cell.problems.is_empty())
    }

    /// The matrix of `results` (one column each, in order).
    pub fn new(results: &[Results]) -> Self {
        let rows = RULES
            .iter()
            .map(|rule| Row {
                rule: rule.id,
                title: rule.title,
                cells: results
                    .iter()
                    .map(|r| Cell::of(rule.id, &r.reports))
                    .collect(),
            })
            .collect();
        let columns = results
            .iter()
            .map(|r| {
                let mut summary = Summary::default();
                for report in &r.reports {
                    summary.add(report);
                }
                let fuzz_bugs = r
                    .fuzz
                    .as_ref()
                    .is_some_and(|f| f.layers.iter().any(|l| !l.bugs.is_empty()));
                Column {
                    label: r.label.clone(),
                    conforms: summary.conforms() && !fuzz_bugs,
                    summary,
                    problems: problems(&r.reports),
                    fuzz: r.fuzz.clone(),
                }
            })
            .collect();
        Self { columns, rows }
    }

    /// Whether every implementation conforms.
    pub fn conforms(&self) -> bool {
        self.columns.iter().all(|c| c.conforms)
    }

    /// Whether any implementation ran a fuzz campaign.
    pub fn fuzzed(&self) -> bool {
        self.columns.iter().any(|c| c.fuzz.is_some())
    }

    /// The fuzz layer of column `column` that checks `rule`, if its campaign ran one.
    pub fn fuzz_of(&self, column: usize, rule: &str) -> Option<&FuzzLayer> {
        self.columns
            .get(column)?
            .fuzz
            .as_ref()?
            .layers
            .iter()
            .find(|l| l.rule == rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Divergence, DivergenceClass, Stats};
    use ovm_vectors::Kind;

    fn report(name: &str, kind: Kind, rules: &[&str], status: Status) -> VectorReport {
        let divergences = if status == Status::Fail {
            vec![Divergence::new(DivergenceClass::ChallengeRejectedOnChain, "c").on("And")]
        } else {
            Vec::new()
        };
        VectorReport {
            path: format!("{name}.json"),
            name: name.to_owned(),
            kind: Some(kind),
            description: String::new(),
            status,
            reason: if status == Status::Unsupported {
                "AndPredicate.decideTrue missing".to_owned()
            } else {
                String::new()
            },
            divergences,
            stats: Stats::default(),
            replay: format!("replay {name}"),
            rules: rules.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    fn two_columns() -> Matrix {
        let reference = vec![
            report("and-a", Kind::Challenge, &["§4.and"], Status::Pass),
            report(
                "and-b",
                Kind::Challenge,
                &["§4.and", "§6.challenge"],
                Status::Pass,
            ),
            report("or-a", Kind::Witness, &["§4.or"], Status::Pass),
            report("entry", Kind::Uac, &["§4.decideTrue"], Status::Pass),
        ];
        let plugged = vec![
            report("and-a", Kind::Challenge, &["§4.and"], Status::Fail),
            report(
                "and-b",
                Kind::Challenge,
                &["§4.and", "§6.challenge"],
                Status::Pass,
            ),
            report("or-a", Kind::Witness, &["§4.or"], Status::Pass),
            report("entry", Kind::Uac, &["§4.decideTrue"], Status::Unsupported),
        ];
        Matrix::new(&[
            Results {
                label: "reference".into(),
                reports: reference,
                fuzz: None,
            },
            Results {
                label: "plugged".into(),
                reports: plugged,
                fuzz: Some(Fuzz {
                    seed: 1,
                    layers: vec![FuzzLayer {
                        layer: "C".into(),
                        rule: "§9.C".into(),
                        cases: 5,
                        bugs: vec!["C/challenge_rejected_on_chain/And/".into()],
                        unguarded: Vec::new(),
                        limitations: Vec::new(),
                    }],
                }),
            },
        ])
    }

    fn row<'m>(matrix: &'m Matrix, rule: &str) -> &'m Row {
        matrix.rows.iter().find(|r| r.rule == rule).unwrap()
    }

    #[test]
    fn every_rule_is_a_row_with_a_cell_per_column() {
        let matrix = two_columns();
        let ids: Vec<&str> = matrix.rows.iter().map(|r| r.rule).collect();
        let listed: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(ids, listed);
        assert!(matrix.rows.iter().all(|r| r.cells.len() == 2));
    }

    #[test]
    fn cells_count_the_statuses_of_the_vectors_covering_the_rule() {
        let matrix = two_columns();
        let and = row(&matrix, "§4.and");
        assert_eq!((and.cells[0].total, and.cells[0].passed()), (2, 2));
        assert_eq!(and.cells[0].verdict, Verdict::Conforms);
        assert_eq!((and.cells[1].total, and.cells[1].passed()), (2, 1));
        assert_eq!(and.cells[1].count(Status::Fail), 1);
        assert_eq!(and.cells[1].verdict, Verdict::Fails);
        // The kind's §9 invariant counts every vector of the kind, as coverage does.
        let c = row(&matrix, "§9.C");
        assert_eq!((c.cells[1].total, c.cells[1].passed()), (2, 1));
        let entry = row(&matrix, "§4.decideTrue");
        assert_eq!(entry.cells[1].count(Status::Unsupported), 1);
        assert_eq!(entry.cells[1].verdict, Verdict::Incomplete);
    }

    #[test]
    fn a_rule_without_vectors_is_an_untested_row() {
        let matrix = two_columns();
        let tree = row(&matrix, "§5.1.tree");
        for cell in &tree.cells {
            assert_eq!((cell.total, cell.verdict), (0, Verdict::Untested));
            assert!(cell.statuses.is_empty() && cell.problems.is_empty());
        }
    }

    #[test]
    fn problems_are_attached_to_the_rules_their_vectors_cover() {
        let matrix = two_columns();
        let signature = "challenge_rejected_on_chain/And/";
        let has = |rule: &str| {
            row(&matrix, rule).cells[1]
                .problems
                .iter()
                .any(|p| p.signature == signature)
        };
        assert!(has("§4.and") && has("§9.C"));
        assert!(!has("§6.challenge") && !has("§4.or") && !has("§4.decideTrue"));
        let entry = &row(&matrix, "§4.decideTrue").cells[1].problems;
        assert_eq!(entry.len(), 1);
        assert!(entry[0].signature.starts_with("unsupported/"));
        assert!(row(&matrix, "§4.and").cells[0].problems.is_empty());
        assert_eq!(matrix.columns[1].problems.len(), 2);
    }

    #[test]
    fn columns_conform_only_without_failures_and_fuzz_bugs() {
        let matrix = two_columns();
        assert!(matrix.columns[0].conforms);
        assert!(!matrix.columns[1].conforms && !matrix.conforms());
        assert!(matrix.fuzzed());
        assert_eq!(matrix.fuzz_of(1, "§9.C").map(|l| l.cases), Some(5));
        assert!(matrix.fuzz_of(0, "§9.C").is_none() && matrix.fuzz_of(1, "§9.E").is_none());
    }
}
