//! Which branch outcomes a run reached that it had not reached before: the signal of a
//! coverage-guided fuzzer. A [`Novelty`] lists every outcome of every mapped branch point of
//! the recorded contracts that is not reached yet; [`Novelty::newly_reached`] looks at the
//! [`Hits`] again and moves out those that now are. Counters only grow, so "reached since the
//! last look" is exactly what the runs in between did.

use super::{CoverageError, Hits, Outcome, Program};
use std::sync::Arc;

/// The branch outcomes of a [`Hits`] not reached yet.
#[derive(Debug)]
pub struct Novelty {
    hits: Arc<Hits>,
    /// Contract, program counter, outcome.
    unreached: Vec<(&'static str, usize, Outcome)>,
    /// Outcomes in all.
    outcomes: usize,
}

impl Novelty {
    /// Every branch outcome of the contracts `hits` records, less those already reached.
    pub fn new(hits: Arc<Hits>) -> Result<Self, CoverageError> {
        let mut unreached = Vec::new();
        for name in hits.names() {
            let program = Program::bundled(name)?;
            for branch in program.branches() {
                unreached.extend(Outcome::BOTH.map(|o| (name, branch.pc, o)));
            }
        }
        let outcomes = unreached.len();
        let mut novelty = Self {
            hits,
            unreached,
            outcomes,
        };
        novelty.newly_reached();
        Ok(novelty)
    }

    /// How many outcomes were reached since the last look (or since [`Novelty::new`]).
    pub fn newly_reached(&mut self) -> usize {
        let before = self.unreached.len();
        let hits = &self.hits;
        self.unreached.retain(|&(name, pc, outcome)| {
            let (executed, jumped) = hits.at(name, pc);
            outcome.count(executed, jumped) == 0
        });
        before - self.unreached.len()
    }

    /// Outcomes reached so far, of [`Novelty::outcomes`].
    pub fn reached(&self) -> usize {
        self.outcomes - self.unreached.len()
    }

    /// Branch outcomes in all (two per mapped branch point).
    pub fn outcomes(&self) -> usize {
        self.outcomes
    }
}
