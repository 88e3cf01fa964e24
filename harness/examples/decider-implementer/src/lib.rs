//! An OVM engine as an implementer would ship it: a type implementing
//! [`ovm_decider::Decider`]. This one wraps the reference decider with the work bound a wallet
//! would choose and counts its decisions; a real engine puts its own evaluation here.
//!
//! Its conformance check is one file, `tests/conformance.rs`: `cargo test` (or
//! `cargo nextest run`) runs every vector of the harness version in `Cargo.toml` on this engine.

use ovm_core::Property;
use ovm_decider::{Decider, Outcome, ReferenceDecider, World};
use std::sync::atomic::{AtomicU64, Ordering};

/// The engine under test.
#[derive(Debug)]
pub struct WalletEngine {
    inner: ReferenceDecider,
    decisions: AtomicU64,
}

impl WalletEngine {
    /// An engine with the reference decider's default work bound.
    pub fn new() -> Self {
        Self {
            inner: ReferenceDecider::new(),
            decisions: AtomicU64::new(0),
        }
    }

    /// How many properties it has decided.
    pub fn decisions(&self) -> u64 {
        self.decisions.load(Ordering::Relaxed)
    }
}

impl Default for WalletEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl Decider for WalletEngine {
    fn decide(&self, property: &Property, world: &World) -> Outcome {
        self.decisions.fetch_add(1, Ordering::Relaxed);
        self.inner.decide(property, world)
    }
}
