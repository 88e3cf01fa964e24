//! The renderings of a [`Matrix`]: [`json`] (byte-stable: no timings, no absolute paths the
//! harness made, deterministic order), [`markdown`] (a CI job summary) and [`html`] (one
//! self-contained static page: inline CSS, no external resources, no script).
//!
//! They only lay out what the matrix holds; the texts of a cell and of a fuzz layer are shared
//! here so every rendering says the same.

mod html;
mod markdown;

pub use html::html;
pub use markdown::markdown;

use crate::{
    matrix::{Cell, FuzzLayer, Matrix},
    report::Status,
};

/// The report's title.
const TITLE: &str = "OVM conformance report";

/// The matrix as pretty-printed JSON with a final newline, byte-identical for the same results.
pub fn json(matrix: &Matrix) -> String {
    let mut text = serde_json::to_string_pretty(matrix)
        .unwrap_or_else(|err| format!("{{\"error\":\"{err}\"}}"));
    text.push('\n');
    text
}

/// `passed/total`, or `—` when no vector covers the rule.
fn score(cell: &Cell) -> String {
    if cell.total == 0 {
        "—".to_owned()
    } else {
        format!("{}/{}", cell.passed(), cell.total)
    }
}

/// The statuses other than pass, e.g. `2 fail, 1 unsupported` (empty when all passed).
fn breakdown(cell: &Cell) -> String {
    cell.statuses
        .iter()
        .filter(|(status, _)| **status != Status::Pass)
        .map(|(status, n)| format!("{n} {status}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `20 cases, no bug` / `20 cases, 2 bugs` (unguarded claims and limitations appended).
fn fuzz_text(layer: &FuzzLayer) -> String {
    let mut text = match layer.bugs.len() {
        0 => format!("{} cases, no bug", layer.cases),
        1 => format!("{} cases, 1 bug", layer.cases),
        n => format!("{} cases, {n} bugs", layer.cases),
    };
    if !layer.unguarded.is_empty() {
        text.push_str(&format!(", {} unguarded", layer.unguarded.len()));
    }
    if !layer.limitations.is_empty() {
        text.push_str(&format!(", {} limitation(s)", layer.limitations.len()));
    }
    text
}

/// A column's fuzz campaign in a few words (`not run`, or cases and bugs over every layer).
fn fuzz_total(matrix: &Matrix, column: usize) -> String {
    let Some(fuzz) = matrix.columns.get(column).and_then(|c| c.fuzz.as_ref()) else {
        return "not run".to_owned();
    };
    let cases: u64 = fuzz.layers.iter().map(|l| l.cases).sum();
    let bugs: usize = fuzz.layers.iter().map(|l| l.bugs.len()).sum();
    format!("{cases} cases, {bugs} bug(s) (seed {:#x})", fuzz.seed)
}

/// An ASCII fragment id for `rule` (`§5.2.IsStored` → `5-2-IsStored`).
fn slug(rule: &str) -> String {
    rule.chars()
        .filter(|c| *c != '§')
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// The severity's snake-case name (`verdict`, `missing_function`, …).
fn severity_name(problem: &crate::problems::Problem) -> String {
    serde_json::to_value(problem.severity)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        matrix::{Fuzz, Results},
        report::{Divergence, DivergenceClass, Stats, VectorReport},
        rules::RULES,
    };

    /// Two columns over one failing and one passing challenge vector, the second fuzzed.
    pub(super) fn sample() -> Matrix {
        let report = |name: &str, status: Status| VectorReport {
            path: format!("vectors/challenge/{name}.json"),
            name: format!("challenge::{name}"),
            kind: Some(ovm_vectors::Kind::Challenge),
            description: String::new(),
            status,
            reason: String::new(),
            divergences: if status == Status::Fail {
                vec![
                    Divergence::new(DivergenceClass::ChallengeRejectedOnChain, "c")
                        .on("And.isValidChallenge<x>")
                        .side("chain", "false | reverted"),
                ]
            } else {
                Vec::new()
            },
            stats: Stats::default(),
            replay: format!("cargo run -q -p ovm-cli -- replay vectors/challenge/{name}.json"),
            rules: vec!["§4.and".to_owned()],
        };
        Matrix::new(&[
            Results {
                label: "reference".into(),
                reports: vec![report("a", Status::Pass), report("b", Status::Pass)],
                fuzz: None,
            },
            Results {
                label: "contracts=m.json".into(),
                reports: vec![report("a", Status::Fail), report("b", Status::Pass)],
                fuzz: Some(Fuzz {
                    seed: 7,
                    layers: vec![FuzzLayer {
                        layer: "C".into(),
                        rule: "§9.C".into(),
                        cases: 4,
                        bugs: vec!["C/challenge_rejected_on_chain/And/".into()],
                        unguarded: Vec::new(),
                        limitations: Vec::new(),
                    }],
                }),
            },
        ])
    }

    /// The row of `§4.and`.
    fn and_row() -> usize {
        RULES.iter().position(|r| r.id == "§4.and").unwrap()
    }

    #[test]
    fn slugs_are_ascii_and_distinct() {
        let slugs: std::collections::BTreeSet<String> = RULES.iter().map(|r| slug(r.id)).collect();
        assert_eq!(slugs.len(), RULES.len());
        assert!(slugs.iter().all(|s| s.is_ascii()));
        assert_eq!(slug("§5.2.IsStored"), "5-2-IsStored");
    }

    #[test]
    fn json_is_the_model() {
        let matrix = sample();
        let text = json(&matrix);
        assert!(text.ends_with("}\n"));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["rows"].as_array().map(Vec::len), Some(RULES.len()));
        assert_eq!(value["columns"][0]["fuzz"], serde_json::Value::Null);
        let and = &value["rows"][and_row()];
        assert_eq!(and["rule"], "§4.and");
        assert_eq!(and["cells"][1]["statuses"]["fail"], 1);
        assert_eq!(json(&sample()), text);
    }

    #[test]
    fn cell_texts() {
        let matrix = sample();
        let and = &matrix.rows[and_row()].cells;
        assert_eq!(
            (score(&and[0]), breakdown(&and[0])),
            ("2/2".into(), "".into())
        );
        assert_eq!(
            (score(&and[1]), breakdown(&and[1])),
            ("1/2".into(), "1 fail".into())
        );
        assert_eq!(score(&matrix.rows[0].cells[0]), "—");
        assert_eq!(fuzz_total(&matrix, 0), "not run");
        assert_eq!(fuzz_total(&matrix, 1), "4 cases, 1 bug(s) (seed 0x7)");
    }
}
