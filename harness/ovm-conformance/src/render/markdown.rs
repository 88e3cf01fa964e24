//! The Markdown rendering (a CI job summary, e.g. `$GITHUB_STEP_SUMMARY`): the implementations'
//! totals, the rule × implementation table, and each implementation's problems by rule.

use super::{TITLE, breakdown, fuzz_text, fuzz_total, score, severity_name};
use crate::matrix::{Cell, Matrix, Verdict};
use std::fmt::Write as _;

/// The matrix as Markdown.
pub fn markdown(matrix: &Matrix) -> String {
    let mut out = format!("## {TITLE}\n\n");
    totals(&mut out, matrix);
    rules(&mut out, matrix);
    problems(&mut out, matrix);
    out
}

/// The emoji of a verdict.
fn mark(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Untested => "⬜",
        Verdict::Conforms => "✅",
        Verdict::Incomplete => "⚠️",
        Verdict::Fails => "❌",
    }
}

/// Text made safe for a table cell.
fn cell_safe(text: &str) -> String {
    text.replace('|', "\\|")
}

/// One row per implementation: vectors, how many conform, distinct problems, fuzz, verdict.
fn totals(out: &mut String, matrix: &Matrix) {
    out.push_str("| implementation | vectors | passed | distinct problems | fuzz | verdict |\n");
    out.push_str("|---|---:|---:|---:|---|---|\n");
    for (i, column) in matrix.columns.iter().enumerate() {
        let verdict = if column.conforms {
            "✅ conforms"
        } else {
            "❌ does not conform"
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {verdict} |",
            cell_safe(&column.label),
            column.summary.total,
            column.summary.pass,
            column.problems.len(),
            fuzz_total(matrix, i)
        );
    }
    out.push('\n');
}

/// The text of one cell: mark, score, the other statuses, the fuzz layer of the rule.
fn cell_text(matrix: &Matrix, column: usize, rule: &str, cell: &Cell) -> String {
    let mut text = format!("{} {}", mark(cell.verdict), score(cell));
    let other = breakdown(cell);
    if !other.is_empty() {
        let _ = write!(text, " ({other})");
    }
    if let Some(layer) = matrix.fuzz_of(column, rule) {
        let _ = write!(text, "<br>fuzz: {}", fuzz_text(layer));
    }
    text
}

/// The rule × implementation table.
fn rules(out: &mut String, matrix: &Matrix) {
    out.push_str("### Rules\n\n| rule | about |");
    for column in &matrix.columns {
        let _ = write!(out, " `{}` |", cell_safe(&column.label));
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---|".repeat(matrix.columns.len()));
    out.push('\n');
    for row in &matrix.rows {
        let _ = write!(out, "| `{}` | {} |", row.rule, cell_safe(row.title));
        for (i, cell) in row.cells.iter().enumerate() {
            let _ = write!(out, " {} |", cell_text(matrix, i, row.rule, cell));
        }
        out.push('\n');
    }
    out.push('\n');
}

/// Each implementation's problems, grouped by rule (rules without problems left out), and its
/// fuzz bugs.
fn problems(out: &mut String, matrix: &Matrix) {
    out.push_str("### Problems by rule\n");
    for (i, column) in matrix.columns.iter().enumerate() {
        let _ = writeln!(out, "\n#### `{}`\n", column.label);
        let mut any = false;
        for (row, cell) in matrix.cells_with_problems(i) {
            any = true;
            let _ = writeln!(
                out,
                "- **`{}`** — {} of {} vector(s) do not pass",
                row.rule,
                cell.total - cell.passed(),
                cell.total
            );
            for (n, problem) in cell.problems.iter().enumerate() {
                let example = problem.examples.first().map_or_else(String::new, |e| {
                    format!(", e.g. `{}` (`{}`)", e.vector, e.replay)
                });
                let _ = writeln!(
                    out,
                    "  {}. [{}] `{}` — {} vector(s){example}",
                    n + 1,
                    severity_name(problem),
                    problem.signature,
                    problem.vectors
                );
            }
        }
        let bugs: Vec<&str> = column
            .fuzz
            .iter()
            .flat_map(|f| &f.layers)
            .flat_map(|l| &l.bugs)
            .map(String::as_str)
            .collect();
        for bug in &bugs {
            let _ = writeln!(out, "- fuzz bug `{bug}`");
        }
        if !any && bugs.is_empty() {
            out.push_str("No problems.\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RULES;

    #[test]
    fn one_table_row_per_rule_and_the_problems_of_the_failing_column() {
        let text = markdown(&super::super::tests::sample());
        let rows = text.lines().filter(|l| l.starts_with("| `§")).count();
        assert_eq!(rows, RULES.len());
        assert!(text.contains("| `§4.and` |"), "{text}");
        assert!(text.contains("✅ 2/2 | ❌ 1/2 (1 fail) |"), "{text}");
        assert!(text.contains("fuzz: 4 cases, 1 bug"), "{text}");
        assert!(text.contains("#### `reference`\n\nNo problems."), "{text}");
        assert!(
            text.contains("- **`§4.and`** — 1 of 2 vector(s) do not pass"),
            "{text}"
        );
        assert!(text.contains("- fuzz bug `C/challenge_rejected_on_chain/And/`"));
    }
}
