//! What a recording run executed: per contract and per program counter, how often the
//! instruction there ran and, for a `JUMPI`, how often it jumped. Counters are atomic, so one
//! [`Hits`] is shared by every chain (and thread) of a run; totals do not depend on the order
//! in which the runs happened.

use alloy_primitives::Address;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{artifacts, deployment::Deployment};

/// The counters of one contract.
#[derive(Debug)]
struct Counters {
    name: &'static str,
    address: Address,
    /// Executions per program counter.
    executed: Box<[AtomicU64]>,
    /// Jumps taken per program counter (meaningful at `JUMPI`s only).
    jumped: Box<[AtomicU64]>,
}

/// The counters of the contracts a run records, each known by its address.
#[derive(Debug)]
pub struct Hits {
    contracts: Vec<Counters>,
}

fn zeros(len: usize) -> Box<[AtomicU64]> {
    (0..len).map(|_| AtomicU64::new(0)).collect()
}

impl Hits {
    /// Counters for the bundled contracts of `deployment` (by address; code lengths from
    /// [`artifacts::CONTRACTS`]), in [`crate::deployment::DEPLOYMENT_ORDER`].
    pub fn bundled(deployment: &Deployment) -> Self {
        let contracts = deployment
            .all()
            .into_iter()
            .map(|(name, address)| {
                let len = artifacts::contract(name).map_or(0, |c| c.runtime_code_len);
                Counters {
                    name,
                    address,
                    executed: zeros(len),
                    jumped: zeros(len),
                }
            })
            .collect();
        Self { contracts }
    }

    /// The slot of the contract at `address`, if it is recorded.
    pub(crate) fn slot(&self, address: Address) -> Option<usize> {
        self.contracts.iter().position(|c| c.address == address)
    }

    /// Counts one execution of the instruction at `pc` of the contract in `slot` (and a jump,
    /// if `jumped`). Program counters beyond the contract's code are ignored.
    pub(crate) fn record(&self, slot: usize, pc: usize, jumped: bool) {
        let Some(counters) = self.contracts.get(slot) else {
            return;
        };
        if let Some(n) = counters.executed.get(pc) {
            n.fetch_add(1, Ordering::Relaxed);
        }
        if jumped && let Some(n) = counters.jumped.get(pc) {
            n.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The recorded contracts' names, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.contracts.iter().map(|c| c.name)
    }

    /// How often the instruction at `pc` of contract `name` ran, and how often it jumped.
    pub fn at(&self, name: &str, pc: usize) -> (u64, u64) {
        let Some(c) = self.contracts.iter().find(|c| c.name == name) else {
            return (0, 0);
        };
        let load =
            |counters: &[AtomicU64]| counters.get(pc).map_or(0, |n| n.load(Ordering::Relaxed));
        (load(&c.executed), load(&c.jumped))
    }
}
