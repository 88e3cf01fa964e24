//! The [`Decider`] trait and the [`ReferenceDecider`]: three-valued game semantics (spec §3)
//! with the deterministic choices of §7.
//!
//! The reference decider evaluates each connective by the Kleene rule its dispute game induces
//! (Not: `¬q`; And: `∧`; Or: `∨`; ForAll: `∧` over the domain; ThereExists: `∨` over the
//! domain), and builds the §4 challenge, the witness or the pin from the deciding children. It
//! keeps the stack of properties under evaluation (re-entering one is `Unknown(Cycle)` for that
//! branch only), caches the results of cycle-free sub-decisions, rejects properties deeper than
//! [`MAX_CHALLENGE_DEPTH`] up front and bounds its work by the spec's work bound
//! ([`DEFAULT_BUDGET`] distinct sub-decisions), so no input can make it recurse unboundedly or
//! run forever. `decide` runs on decoded trees (the private `fast` module); the plain
//! evaluator (the private `plain` module), on encodings, writes traces and is the
//! differential tests' reference.

use crate::{
    Outcome, World,
    trace::{Trace, TraceBuilder},
};
use ovm_core::Property;

/// A decision procedure for OVM properties. Object-safe, so that other engines can be plugged
/// into the harness as `Box<dyn Decider>`.
pub trait Decider {
    /// The outcome of `property` in `world` (spec §7).
    fn decide(&self, property: &Property, world: &World) -> Outcome;
}

impl<D: Decider + ?Sized> Decider for &D {
    fn decide(&self, property: &Property, world: &World) -> Outcome {
        (**self).decide(property, world)
    }
}

impl<D: Decider + ?Sized> Decider for Box<D> {
    fn decide(&self, property: &Property, world: &World) -> Outcome {
        (**self).decide(property, world)
    }
}

impl<D: Decider + ?Sized> Decider for std::sync::Arc<D> {
    fn decide(&self, property: &Property, world: &World) -> Outcome {
        (**self).decide(property, world)
    }
}

/// The spec's work bound (§7 "Work bound"): a conforming decider decides every claim whose
/// evaluation needs at most this many property evaluations per `decide` call, each distinct
/// property counted once. The default [`ReferenceDecider::budget`].
pub const DEFAULT_BUDGET: u64 = 1 << 24;

/// Re-evaluations of a property already counted (only results that met a cycle are not
/// cached) are not charged to the budget, but all evaluations together are capped at this
/// multiple of it, so that no input makes a call run unboundedly.
pub const REEVALUATION_FACTOR: u64 = 16;

/// The project's reference decider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReferenceDecider {
    budget: u64,
}

impl Default for ReferenceDecider {
    fn default() -> Self {
        Self::new()
    }
}

impl Decider for ReferenceDecider {
    fn decide(&self, property: &Property, world: &World) -> Outcome {
        crate::fast::decide(
            property,
            world,
            self.budget,
            self.budget.saturating_mul(REEVALUATION_FACTOR),
        )
    }
}

impl ReferenceDecider {
    /// A decider with the [`DEFAULT_BUDGET`].
    pub const fn new() -> Self {
        Self {
            budget: DEFAULT_BUDGET,
        }
    }

    /// A decider evaluating at most `budget` distinct sub-decisions per call (and at most
    /// [`REEVALUATION_FACTOR`] times that in all); past that, the remaining branches are
    /// `Unknown(BudgetExhausted)` (Kleene still settles what it can). For tests and the CLI's
    /// `budget:N`; the default is the spec's bound, [`DEFAULT_BUDGET`].
    pub const fn with_budget(budget: u64) -> Self {
        Self { budget }
    }

    /// The step budget.
    pub const fn budget(&self) -> u64 {
        self.budget
    }

    /// [`Decider::decide`] by the plain evaluator (on encodings, the one that writes traces):
    /// the same `Outcome` byte for byte, only slower. For differential tests.
    #[doc(hidden)]
    pub fn decide_plain(&self, property: &Property, world: &World) -> Outcome {
        crate::plain::run(property, world, self.budget, false).0
    }

    /// [`Decider::decide`], with the tree of sub-decisions (by the plain evaluator, whose
    /// outcome is the fast one's byte for byte).
    pub fn decide_traced(&self, property: &Property, world: &World) -> (Outcome, Trace) {
        let (outcome, trace) = crate::plain::run(property, world, self.budget, true);
        (
            outcome,
            trace.unwrap_or_else(|| TraceBuilder::default().finish()),
        )
    }

    /// The outcome of arbitrary bytes where a property is expected: raw bytes are `False`
    /// (no challenge), a canonical encoding is decided as its property.
    pub fn decide_bytes(&self, bytes: &[u8], world: &World) -> Outcome {
        match Property::decode_canonical(bytes) {
            Some(property) => self.decide(&property, world),
            None => Outcome::FALSE_UNCHALLENGEABLE,
        }
    }
}
