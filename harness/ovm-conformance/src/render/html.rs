//! The HTML rendering: one self-contained static page (inline CSS, no external resource, no
//! script) with the results matrix — one row per spec rule (`<tr data-rule="…">`), one column
//! per implementation (`<th data-impl="…">`), each cell coloured by its verdict and linked to
//! the list of its problems further down.

use super::{TITLE, breakdown, fuzz_text, fuzz_total, score, severity_name, slug};
use crate::matrix::{Cell, Column, Matrix, Verdict};
use std::fmt::Write as _;

/// The page's style sheet.
const STYLE: &str = "\
body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em;color:#1b1b1b}
h1{font-size:1.6em;margin:0 0 .3em}
code{font:12px ui-monospace,'SFMono-Regular',Menlo,monospace}
table.matrix{border-collapse:collapse;margin:1em 0}
.matrix th,.matrix td{border:1px solid #c9c9c9;padding:.25em .5em;vertical-align:top}
.matrix thead th{position:sticky;top:0;background:#f4f4f4;text-align:center}
.matrix th[scope=row]{text-align:left;white-space:nowrap;background:#fafafa}
.matrix td.about{color:#555;max-width:28em}
.matrix td[data-impl]{text-align:center;min-width:9em;white-space:nowrap}
.matrix small,.legend small{display:block;color:#333;font-weight:normal}
.v-conforms{background:#c8e6c9}
.v-incomplete{background:#ffe0b2}
.v-fails{background:#ffcdd2}
.v-untested{background:#eeeeee;color:#777}
.matrix thead th.v-conforms{background:#c8e6c9}
.matrix thead th.v-fails{background:#ffcdd2}
.fuzz-bug{color:#b71c1c;font-weight:bold}
.legend span{display:inline-block;padding:.1em .6em;margin-right:.4em;border:1px solid #c9c9c9}
.problems{margin:.6em 0 1em 1em}
.problems h4{margin:.2em 0}
.problems li{margin:.2em 0}
.sev{display:inline-block;min-width:8em;font-weight:bold}
";

/// The matrix as one HTML page.
pub fn html(matrix: &Matrix) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{TITLE}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<h1>{TITLE}</h1>"
    );
    let _ = writeln!(
        out,
        "<p>{} spec rules × {} implementation(s). A cell shows the vectors covering the rule \
         that passed, of all that cover it; a cell with problems links to their list below.</p>",
        matrix.rows.len(),
        matrix.columns.len()
    );
    out.push_str(
        "<p class=\"legend\"><span class=\"v-conforms\">conforms</span>\
         <span class=\"v-incomplete\">incomplete: unsupported or stale</span>\
         <span class=\"v-fails\">fails: failed, error or timeout</span>\
         <span class=\"v-untested\">no vector</span></p>\n",
    );
    table(&mut out, matrix);
    problems(&mut out, matrix);
    out.push_str("</body>\n</html>\n");
    out
}

/// `text` with `&`, `<`, `>`, `"` and `'` escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The CSS class of a verdict.
fn class(verdict: Verdict) -> String {
    format!("v-{}", verdict.name())
}

/// The fragment id of column `column`'s problems of `rule`.
fn anchor(column: usize, rule: &str) -> String {
    format!("c{column}-{}", slug(rule))
}

/// The results matrix.
fn table(out: &mut String, matrix: &Matrix) {
    out.push_str("<table class=\"matrix\">\n<thead><tr><th>rule</th><th>about</th>");
    for (i, column) in matrix.columns.iter().enumerate() {
        header(out, matrix, i, column);
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &matrix.rows {
        let _ = write!(
            out,
            "<tr data-rule=\"{}\" id=\"rule-{}\"><th scope=\"row\"><code>{}</code></th>\
             <td class=\"about\">{}</td>",
            escape(row.rule),
            slug(row.rule),
            escape(row.rule),
            escape(row.title)
        );
        for (i, (column, cell)) in matrix.columns.iter().zip(&row.cells).enumerate() {
            data_cell(out, matrix, i, column, row.rule, cell);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A column's header: its label, how many vectors passed, and its fuzz campaign.
fn header(out: &mut String, matrix: &Matrix, i: usize, column: &Column) {
    let verdict = if column.conforms {
        Verdict::Conforms
    } else {
        Verdict::Fails
    };
    let _ = write!(
        out,
        "<th data-impl=\"{}\" class=\"{}\"><a href=\"#col-{i}\">{}</a>\
         <small>{}/{} passed · {} problem(s)</small><small>fuzz: {}</small></th>",
        escape(&column.label),
        class(verdict),
        escape(&column.label),
        column.summary.pass,
        column.summary.total,
        column.problems.len(),
        escape(&fuzz_total(matrix, i))
    );
}

/// One cell: the score (linked to its problems when it has some), the other statuses, and the
/// fuzz layer checking the rule.
fn data_cell(
    out: &mut String,
    matrix: &Matrix,
    i: usize,
    column: &Column,
    rule: &str,
    cell: &Cell,
) {
    let _ = write!(
        out,
        "<td data-impl=\"{}\" class=\"{}\">",
        escape(&column.label),
        class(cell.verdict)
    );
    if cell.problems.is_empty() {
        out.push_str(&score(cell));
    } else {
        let _ = write!(out, "<a href=\"#{}\">{}</a>", anchor(i, rule), score(cell));
    }
    let other = breakdown(cell);
    if !other.is_empty() {
        let _ = write!(out, "<small>{}</small>", escape(&other));
    }
    if let Some(layer) = matrix.fuzz_of(i, rule) {
        let bug = if layer.bugs.is_empty() {
            ""
        } else {
            " class=\"fuzz-bug\""
        };
        let _ = write!(
            out,
            "<small{bug}>fuzz: {}</small>",
            escape(&fuzz_text(layer))
        );
    }
    out.push_str("</td>");
}

/// Each implementation's problems by rule, and its fuzz bugs.
fn problems(out: &mut String, matrix: &Matrix) {
    out.push_str("<h2 id=\"problems\">Problems by rule</h2>\n");
    for (i, column) in matrix.columns.iter().enumerate() {
        let _ = writeln!(
            out,
            "<section id=\"col-{i}\">\n<h3>{}</h3>",
            escape(&column.label)
        );
        let mut any = false;
        for (row, cell) in matrix.cells_with_problems(i) {
            any = true;
            let _ = writeln!(
                out,
                "<div class=\"problems\" id=\"{}\">\n<h4><a href=\"#rule-{}\"><code>{}</code></a> \
                 — {} of {} vector(s) do not pass</h4>\n<ol>",
                anchor(i, row.rule),
                slug(row.rule),
                escape(row.rule),
                cell.total - cell.passed(),
                cell.total
            );
            for problem in &cell.problems {
                let _ = write!(
                    out,
                    "<li><span class=\"sev\">{}</span> <code>{}</code> — {} vector(s)<ul>",
                    escape(&severity_name(problem)),
                    escape(&problem.signature),
                    problem.vectors
                );
                for example in &problem.examples {
                    let _ = write!(
                        out,
                        "<li><code>{}</code>: <code>{}</code></li>",
                        escape(&example.vector),
                        escape(&example.replay)
                    );
                }
                out.push_str("</ul></li>\n");
            }
            out.push_str("</ol>\n</div>\n");
        }
        let bugs: Vec<(&str, &str)> = column
            .fuzz
            .iter()
            .flat_map(|f| &f.layers)
            .flat_map(|l| l.bugs.iter().map(|b| (l.rule.as_str(), b.as_str())))
            .collect();
        if !bugs.is_empty() {
            any = true;
            out.push_str("<div class=\"problems\">\n<h4>fuzz bugs</h4>\n<ul>");
            for (rule, bug) in bugs {
                let _ = write!(
                    out,
                    "<li><a href=\"#rule-{}\"><code>{}</code></a> <code>{}</code></li>",
                    slug(rule),
                    escape(rule),
                    escape(bug)
                );
            }
            out.push_str("</ul>\n</div>\n");
        }
        if !any {
            out.push_str("<p>No problems.</p>\n");
        }
        out.push_str("</section>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RULES;

    #[test]
    fn one_row_per_rule_one_column_per_implementation_and_linked_problems() {
        let page = html(&super::super::tests::sample());
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert_eq!(page.matches("<tr data-rule=").count(), RULES.len());
        assert_eq!(page.matches("<th data-impl=").count(), 2);
        assert_eq!(page.matches("<td data-impl=").count(), 2 * RULES.len());
        assert!(page.contains("<a href=\"#c1-4-and\">1/2</a><small>1 fail</small>"));
        assert!(page.contains("<div class=\"problems\" id=\"c1-4-and\">"));
        assert!(page.contains("And.isValidChallenge&lt;x&gt;"), "escaped");
        assert!(
            !page.contains("<script") && !page.contains("http"),
            "self-contained"
        );
    }
}
