//! Coverage: spec rule id → number of vectors naming it in `_info.rules`.
//!
//! The coverage test (`tests/coverage.rs`) fails when a vector names an id that
//! [`crate::rules::RULES`] does not list, or when a rule has no vector and is not listed in the
//! allow-list [`GAPS_FILE`] (`coverage-gaps.txt`), or when the allow-list names a rule that now
//! has a vector (so the list can only shrink). The allow-list is temporary: the corpus
//! engineer empties it.

use crate::rules::RULES;
use std::{collections::BTreeMap, fmt::Write as _, path::PathBuf};

/// The allow-list of rules currently without a vector: one rule id per line, `#` comments.
pub const GAPS_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/coverage-gaps.txt");

/// The §9 invariant every vector of `kind` checks (counted for it whether or not its
/// `_info.rules` names it): encoding → `§9.E`, atomic → `§9.A`, challenge → `§9.C`,
/// witness → `§9.W`, uac → `§9.S`, game → `§9.G`.
pub fn invariant_of(kind: ovm_vectors::Kind) -> &'static str {
    use ovm_vectors::Kind;
    match kind {
        Kind::Encoding => "§9.E",
        Kind::Atomic => "§9.A",
        Kind::Challenge => "§9.C",
        Kind::Witness => "§9.W",
        Kind::Uac => "§9.S",
        Kind::Game => "§9.G",
    }
}

/// Vectors per rule over a set of files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Every rule of [`RULES`], in spec order, with its number of vectors.
    pub counts: Vec<(&'static str, usize)>,
    /// `(file, id)` for each rule id a vector names that [`RULES`] does not list.
    pub unknown: Vec<(String, String)>,
    /// Files that could not be loaded (they count for no rule), with the error.
    pub unreadable: Vec<(String, String)>,
    /// Vectors counted.
    pub vectors: usize,
}

impl Coverage {
    /// Counts the rules of `files`: each vector's `_info.rules` and the §9 invariant of its
    /// kind ([`invariant_of`]); skipped vectors count (a skip is temporary).
    pub fn of(files: &[PathBuf]) -> Self {
        let mut counts: BTreeMap<&'static str, usize> = RULES.iter().map(|r| (r.id, 0)).collect();
        let mut coverage = Self::default();
        for file in files {
            let shown = crate::discover::display_path(file);
            match ovm_vectors::load(file) {
                Ok(vector) => {
                    coverage.vectors += 1;
                    let mut seen = std::collections::BTreeSet::new();
                    let implied = invariant_of(vector.kind());
                    seen.insert(implied);
                    if let Some(n) = counts.get_mut(implied) {
                        *n += 1;
                    }
                    for rule in &vector.info.rules {
                        if !seen.insert(rule.as_str()) {
                            continue;
                        }
                        match counts.get_mut(rule.as_str()) {
                            Some(n) => *n += 1,
                            None => coverage
                                .unknown
                                .push((shown.clone(), rule.as_str().to_owned())),
                        }
                    }
                }
                Err(err) => coverage.unreadable.push((shown, err.to_string())),
            }
        }
        coverage.counts = RULES.iter().map(|r| (r.id, counts[r.id])).collect();
        coverage
    }

    /// The rules without a vector, in spec order.
    pub fn gaps(&self) -> Vec<&'static str> {
        self.counts
            .iter()
            .filter(|(_, n)| *n == 0)
            .map(|(id, _)| *id)
            .collect()
    }

    /// The number of vectors naming `id`.
    pub fn count(&self, id: &str) -> usize {
        self.counts
            .iter()
            .find(|(r, _)| *r == id)
            .map_or(0, |(_, n)| *n)
    }

    /// The table: one line per rule, `id  count  title`, gaps marked, then totals.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{:<26} {:>7}  rule", "rule id", "vectors");
        for (rule, (_, n)) in RULES.iter().zip(&self.counts) {
            let mark = if *n == 0 { "  ← no vector" } else { "" };
            let _ = writeln!(out, "{:<26} {:>7}  {}{mark}", rule.id, n, rule.title);
        }
        let covered = self.counts.iter().filter(|(_, n)| *n > 0).count();
        let _ = writeln!(
            out,
            "{covered} of {} rules covered by {} vectors",
            self.counts.len(),
            self.vectors
        );
        for (file, id) in &self.unknown {
            let _ = writeln!(out, "unknown rule id {id:?} in {file}");
        }
        for (file, err) in &self.unreadable {
            let _ = writeln!(out, "unreadable: {file}: {err}");
        }
        out
    }
}

/// The allow-listed gaps of [`GAPS_FILE`] (ids, in file order).
pub fn allowed_gaps() -> std::io::Result<Vec<String>> {
    let text = std::fs::read_to_string(GAPS_FILE)?;
    Ok(parse_gaps(&text))
}

/// The ids of an allow-list text: one per line, `#` starts a comment, blank lines ignored.
pub fn parse_gaps(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}
