//! The outcome records of a run and what they add up to: the per-side kill rate against the
//! bar, the survivors with the rules they break, and listed equivalents the suite killed.

use std::{fmt::Write as _, time::Duration};

use serde::Serialize;

use crate::{
    mutant::{Mutant, Side, Verdict},
    rules::rules_of,
};

/// What the gate found out about one sampled mutant.
#[derive(Serialize)]
pub struct Record {
    /// The half it changes.
    pub side: Side,
    /// Its name (file, line, change).
    pub name: String,
    /// Its key in the equivalent list.
    pub key: String,
    /// The file it changes.
    pub file: String,
    /// The verdict.
    #[serde(flatten)]
    pub verdict: Verdict,
    /// The reason from the equivalent list, if it is listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equivalent: Option<String>,
    /// The changed lines.
    pub diff: String,
    /// Time to build and judge it (not in the JSON records, which stay byte-stable).
    #[serde(skip)]
    pub took: Duration,
}

impl Record {
    /// A record of `mutant`.
    pub fn new(
        mutant: &Mutant,
        verdict: Verdict,
        equivalent: Option<String>,
        took: Duration,
    ) -> Self {
        Self {
            side: mutant.side,
            name: mutant.name.clone(),
            key: mutant.key.clone(),
            file: mutant.file.clone(),
            verdict,
            equivalent,
            diff: mutant.diff.clone(),
            took,
        }
    }

    /// Counted in the kill rate: viable, not the same code, not listed equivalent.
    fn counts(&self) -> bool {
        self.verdict.is_viable() && self.verdict != Verdict::SameCode && self.equivalent.is_none()
    }

    /// A listed equivalent the suite killed: the list is wrong about it.
    fn is_stale_equivalent(&self) -> bool {
        self.equivalent.is_some() && self.verdict.is_caught()
    }

    /// One progress line.
    pub fn line(&self) -> String {
        let what = match &self.verdict {
            Verdict::Killed { by, .. } => format!("killed     by {by}"),
            Verdict::Timeout => "timeout".to_owned(),
            Verdict::Survived if self.equivalent.is_some() => "equivalent".to_owned(),
            Verdict::Survived => "SURVIVED".to_owned(),
            Verdict::Unviable { why } => format!("unviable   {why}"),
            Verdict::SameCode => "same code".to_owned(),
        };
        format!(
            "{:<10} {}\n           {what}  ({:.1} s)",
            self.side.name(),
            self.name,
            self.took.as_secs_f64()
        )
    }
}

/// The tally of one side.
#[derive(Default, Serialize)]
pub struct Tally {
    /// Mutants tried.
    pub tried: usize,
    /// That did not build or compile.
    pub unviable: usize,
    /// Whose build equals the unmutated one.
    pub same_code: usize,
    /// Listed in the equivalent list (and not killed).
    pub equivalent: usize,
    /// Counted in the rate.
    pub judged: usize,
    /// Killed or timed out, among `judged`.
    pub caught: usize,
    /// Time spent on viable mutants, for the mean.
    #[serde(skip)]
    pub time: Duration,
}

impl Tally {
    /// The tally of `side` in `records`.
    pub fn of(records: &[Record], side: Side) -> Self {
        let mut tally = Self::default();
        for record in records.iter().filter(|r| r.side == side) {
            tally.tried += 1;
            match &record.verdict {
                Verdict::Unviable { .. } => tally.unviable += 1,
                Verdict::SameCode => tally.same_code += 1,
                _ if record.equivalent.is_some() && !record.verdict.is_caught() => {
                    tally.equivalent += 1
                }
                _ => {}
            }
            if record.verdict.is_viable() {
                tally.time += record.took;
            }
            if record.counts() {
                tally.judged += 1;
                tally.caught += usize::from(record.verdict.is_caught());
            }
        }
        tally
    }

    /// Caught / judged, in percent (100 when nothing was judged).
    pub fn rate(&self) -> f64 {
        if self.judged == 0 {
            100.0
        } else {
            100.0 * self.caught as f64 / self.judged as f64
        }
    }

    /// Mean seconds per viable mutant (build and judge).
    pub fn mean_seconds(&self) -> f64 {
        let viable = self.tried - self.unviable;
        if viable == 0 {
            0.0
        } else {
            self.time.as_secs_f64() / viable as f64
        }
    }
}

/// Whether the run holds the bar: every side with judged mutants at or above `bar` percent,
/// and no listed equivalent killed.
pub fn holds(records: &[Record], bar: f64) -> bool {
    [Side::Rust, Side::Solidity]
        .into_iter()
        .all(|side| Tally::of(records, side).rate() >= bar)
        && !records.iter().any(Record::is_stale_equivalent)
}

/// The Markdown report: the command, the tallies, every survivor with its rules, stale
/// equivalents, then every record.
pub fn markdown(records: &[Record], command: &str, bar: f64) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Mutation gate\n\n`{command}`\n");
    let _ = writeln!(
        out,
        "| side | tried | unviable | same code | equivalent | judged | caught | rate | s/mutant |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
    for side in [Side::Rust, Side::Solidity] {
        let t = Tally::of(records, side);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {:.1} % | {:.1} |",
            side.name(),
            t.tried,
            t.unviable,
            t.same_code,
            t.equivalent,
            t.judged,
            t.caught,
            t.rate(),
            t.mean_seconds()
        );
    }
    let verdict = if holds(records, bar) {
        "holds"
    } else {
        "FAILS"
    };
    let _ = writeln!(out, "\nBar: {bar} % caught on each side — {verdict}.\n");
    let _ = writeln!(out, "Not sampled (the suite never judges by them):\n");
    for (file, why) in crate::rust::NOT_SAMPLED {
        let _ = writeln!(out, "- `{file}`: {why}");
    }
    let _ = writeln!(out);
    let survivors: Vec<&Record> = records
        .iter()
        .filter(|r| r.counts() && !r.verdict.is_caught())
        .collect();
    let _ = writeln!(out, "## Survivors ({})\n", survivors.len());
    for r in &survivors {
        let _ = writeln!(
            out,
            "- `{}` — rules {}\n\n```diff\n{}```\n",
            r.name,
            rules_of(&r.file),
            r.diff
        );
    }
    let stale: Vec<&Record> = records.iter().filter(|r| r.is_stale_equivalent()).collect();
    if !stale.is_empty() {
        let _ = writeln!(
            out,
            "## Listed as equivalent but killed ({}) — remove them from the list\n",
            stale.len()
        );
        for r in stale {
            let _ = writeln!(out, "- `{}`", r.key);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## All sampled mutants\n");
    for r in records {
        let _ = writeln!(out, "- {}", r.line().replace('\n', " —"));
    }
    out
}
