//! Coverage as feedback: per layer, the cases that reached something new — a branch outcome of
//! the bundled contracts no earlier case reached ([`ovm_chain::coverage::Novelty`]), or an
//! outcome shape (the case's record: what both halves said) no earlier case of the layer had —
//! are kept as a corpus, and every other case is a mutation of a kept one instead of a fresh
//! draw.
//!
//! A kept case is its *recipe*: the state of the RNG its tree was drawn from, and the moves
//! applied to that tree since. Replaying the recipe gives the same case, so the corpus stores
//! no cases and a mutation is deterministic: a mutant is its parent's recipe with one to four
//! more moves (proptest's `simplify`, each maybe undone half-way by `complicate`: a smaller
//! collection, a value nearer its origin, a simpler alternative), drawn from the corpus's own
//! RNG. Same seed, same cases, byte for byte.
//!
//! Why not byte-level mutation of the choice sequence (proptest's `Recorder` / `PassThrough`
//! RNGs, as libFuzzer mutates the bytes behind `arbitrary`): the generators use
//! `sample::Index` / `Selector`, which derive RNGs; a `PassThrough` RNG halves its bytes at
//! every derivation and then reads zeros, on which rejection sampling of uniform ranges never
//! ends, so an edited sequence can hang generation.

use proptest::{
    prelude::Rng,
    strategy::{BoxedStrategy, Strategy, ValueTree},
    test_runner::{Config, RngAlgorithm, TestRng, TestRunner},
};

/// One move on a value tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Move {
    /// `ValueTree::simplify`.
    Simplify,
    /// `ValueTree::complicate`.
    Complicate,
}

/// How to make a case again: draw a tree from `rng`, then apply `moves`.
#[derive(Clone, Debug)]
pub struct Recipe {
    rng: TestRng,
    moves: Vec<Move>,
}

/// A runner whose RNG is `rng`, for one draw.
fn runner(rng: TestRng) -> TestRunner {
    let config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, rng)
}

impl Recipe {
    /// Draws a fresh case with `strategy` from `source`'s RNG, with its recipe.
    pub fn draw<T: std::fmt::Debug>(
        strategy: &BoxedStrategy<T>,
        source: &mut TestRunner,
    ) -> (Self, Result<Box<dyn ValueTree<Value = T>>, String>) {
        let recipe = Self {
            rng: source.rng().clone(),
            moves: Vec::new(),
        };
        let tree = strategy.new_tree(source).map_err(|r| r.to_string());
        (recipe, tree)
    }

    /// Makes the case again with `strategy` (moves a tree refuses are skipped, as they were
    /// when the recipe was made).
    pub fn tree<T: std::fmt::Debug>(
        &self,
        strategy: &BoxedStrategy<T>,
    ) -> Result<Box<dyn ValueTree<Value = T>>, String> {
        let mut tree = strategy
            .new_tree(&mut runner(self.rng.clone()))
            .map_err(|r| r.to_string())?;
        for m in &self.moves {
            match m {
                Move::Simplify => tree.simplify(),
                Move::Complicate => tree.complicate(),
            };
        }
        Ok(tree)
    }
}

/// The kept cases of one layer, and the choice of which to mutate next.
#[derive(Debug)]
pub struct Corpus {
    kept: Vec<Recipe>,
    /// The next kept case to mutate (round-robin, oldest first).
    next: usize,
    rng: TestRng,
}

impl Corpus {
    /// An empty corpus whose mutations are drawn from an RNG seeded with `seed`.
    pub fn new(seed: [u8; 32]) -> Self {
        Self {
            kept: Vec::new(),
            next: 0,
            rng: TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
        }
    }

    /// Keeps `recipe`.
    pub fn keep(&mut self, recipe: Recipe) {
        self.kept.push(recipe);
    }

    /// Cases kept.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// Whether nothing is kept yet.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// A mutant of the next kept case (none while the corpus is empty).
    pub fn mutant(&mut self) -> Option<Recipe> {
        if self.kept.is_empty() {
            return None;
        }
        let mut child = self.kept[self.next % self.kept.len()].clone();
        self.next += 1;
        for _ in 0..=self.rng.next_u32() % 4 {
            child.moves.push(Move::Simplify);
            if self.rng.next_u32().is_multiple_of(2) {
                child.moves.push(Move::Complicate);
            }
        }
        Some(child)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::{collection::vec, prelude::any};

    fn strategy() -> BoxedStrategy<(Vec<u32>, u8, bool)> {
        (vec(any::<u32>(), 1..20), any::<u8>(), any::<bool>()).boxed()
    }

    fn source(seed: u8) -> TestRunner {
        runner(TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]))
    }

    #[test]
    fn a_recipe_makes_the_drawn_case_again() {
        for seed in 0..16 {
            let (recipe, drawn) = Recipe::draw(&strategy(), &mut source(seed));
            let drawn = drawn.unwrap().current();
            assert_eq!(recipe.tree(&strategy()).unwrap().current(), drawn);
        }
    }

    #[test]
    fn mutants_are_deterministic_and_mostly_differ_from_their_parent() {
        let (parent, drawn) = Recipe::draw(&strategy(), &mut source(3));
        let original = drawn.unwrap().current();
        let mutants = |seed| {
            let mut corpus = Corpus::new(seed);
            assert!(corpus.mutant().is_none(), "an empty corpus has no mutant");
            corpus.keep(parent.clone());
            (0..16)
                .map(|_| {
                    corpus
                        .mutant()
                        .unwrap()
                        .tree(&strategy())
                        .unwrap()
                        .current()
                })
                .collect::<Vec<_>>()
        };
        let first = mutants([1; 32]);
        assert_eq!(first, mutants([1; 32]));
        let changed = first.iter().filter(|m| **m != original).count();
        assert!(changed >= 4, "{changed} of 16 differ: {first:?}");
    }
}
