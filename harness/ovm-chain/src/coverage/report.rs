//! A coverage [`Report`]: the [`Program`] of every recorded contract joined with its
//! [`Hits`]: lines with their counts, and branch points with their outcomes.

use std::{collections::BTreeMap, fmt::Write as _};

use super::{CoverageError, Hits, Line, Program};
use crate::artifacts;

/// One outcome of a branch point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// The `JUMPI` jumped (its condition was non-zero).
    Jump,
    /// It fell through to the next instruction.
    Fall,
}

impl Outcome {
    /// Both, in lcov branch order (0: jump, 1: fall).
    pub const BOTH: [Outcome; 2] = [Outcome::Jump, Outcome::Fall];

    /// How often it happened at a branch point that ran `executed` times and jumped `jumped`.
    pub fn count(self, executed: u64, jumped: u64) -> u64 {
        match self {
            Outcome::Jump => jumped,
            Outcome::Fall => executed.saturating_sub(jumped),
        }
    }

    /// `jump` or `fall`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Jump => "jump",
            Outcome::Fall => "fall",
        }
    }
}

/// One branch point (a mapped `JUMPI`) of a contract and its counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Branch {
    /// Where its source range starts.
    pub at: Line,
    /// The first line of its source range ([`super::Mapped::snippet`]).
    pub snippet: String,
    /// Its index among the contract's branch points with the same line and snippet (in code
    /// order): with the contract, file, line and snippet it names the branch point.
    pub nth: usize,
    /// Its program counter.
    pub pc: usize,
    /// How often it ran.
    pub executed: u64,
    /// How often it jumped.
    pub jumped: u64,
}

impl Branch {
    /// How often `outcome` happened.
    pub fn count(&self, outcome: Outcome) -> u64 {
        outcome.count(self.executed, self.jumped)
    }
}

/// One contract's coverage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractReport {
    /// The contract.
    pub name: &'static str,
    /// Every instrumented line with its count (the largest count of its instructions).
    pub lines: BTreeMap<Line, u64>,
    /// Its branch points, in code order.
    pub branches: Vec<Branch>,
}

impl ContractReport {
    /// Lines hit.
    pub fn lines_hit(&self) -> usize {
        self.lines.values().filter(|&&n| n > 0).count()
    }

    /// Branch outcomes (two per branch point).
    pub fn outcomes(&self) -> usize {
        2 * self.branches.len()
    }

    /// Branch outcomes reached.
    pub fn outcomes_reached(&self) -> usize {
        self.branches
            .iter()
            .flat_map(|b| Outcome::BOTH.map(|o| b.count(o)))
            .filter(|&n| n > 0)
            .count()
    }
}

/// The coverage of every recorded contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// One per contract, in the order of the [`Hits`].
    pub contracts: Vec<ContractReport>,
}

impl Report {
    /// Maps `hits` to the sources.
    pub fn of(hits: &Hits) -> Result<Self, CoverageError> {
        let contracts = hits
            .names()
            .map(|name| {
                let program = Program::bundled(name)?;
                let mut lines = BTreeMap::new();
                for m in &program.mapped {
                    let count = lines.entry(m.at).or_insert(0);
                    *count = (*count).max(hits.at(name, m.pc).0);
                }
                let mut seen: BTreeMap<(Line, &str), usize> = BTreeMap::new();
                let branches = program
                    .branches()
                    .map(|m| {
                        let nth = seen.entry((m.at, m.snippet.as_str())).or_insert(0);
                        let (executed, jumped) = hits.at(name, m.pc);
                        let branch = Branch {
                            at: m.at,
                            snippet: m.snippet.clone(),
                            nth: *nth,
                            pc: m.pc,
                            executed,
                            jumped,
                        };
                        *nth += 1;
                        branch
                    })
                    .collect();
                Ok(ContractReport {
                    name,
                    lines,
                    branches,
                })
            })
            .collect::<Result<_, CoverageError>>()?;
        Ok(Self { contracts })
    }

    /// One line per contract: `Name  lines hit/total (p%)  branches reached/total (p%)`, and
    /// a total line.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let width = self
            .contracts
            .iter()
            .map(|c| c.name.len())
            .max()
            .unwrap_or(0);
        let mut row = |name: &str, lines: (usize, usize), branches: (usize, usize)| {
            let _ = writeln!(
                out,
                "{name:<width$}  lines {:>5}/{:<5} ({})  branches {:>4}/{:<4} ({})",
                lines.0,
                lines.1,
                percent(lines),
                branches.0,
                branches.1,
                percent(branches),
            );
        };
        let (mut lines, mut branches) = ((0, 0), (0, 0));
        for c in &self.contracts {
            let l = (c.lines_hit(), c.lines.len());
            let b = (c.outcomes_reached(), c.outcomes());
            row(c.name, l, b);
            lines = (lines.0 + l.0, lines.1 + l.1);
            branches = (branches.0 + b.0, branches.1 + b.1);
        }
        row("total", lines, branches);
        out
    }

    /// The path of source `source` (an index of [`artifacts::SOURCES`]), relative to the
    /// workspace root (`contracts/src/…`).
    pub fn path(source: usize) -> String {
        artifacts::SOURCES
            .get(source)
            .map_or_else(String::new, |s| {
                format!("{}/{}", artifacts::SOURCE_ROOT, s.path)
            })
    }
}

/// `hit/total` as a percentage with one decimal (`-` for 0/0).
fn percent((hit, total): (usize, usize)) -> String {
    if total == 0 {
        return "    -".into();
    }
    format!("{:5.1}%", hit as f64 * 100.0 / total as f64)
}
