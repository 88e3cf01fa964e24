//! What the generators build with: the deployment's addresses (the same for every dispute
//! period and every implementation, see `Deployment::predicted`), its registry and a property
//! builder; plus [`EvmStats`], the time the conformance engine spent inside the EVM.

use ovm_chain::{DEPLOYER, Deployment};
use ovm_core::{Builder, Registry};
use std::{cell::Cell, time::Duration};

/// Time and runs spent in the chain half (the EVM, through `ovm-chain`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EvmStats {
    /// Vectors run through the conformance engine.
    pub calls: u64,
    /// Wall time spent inside the EVM while running them.
    pub time: Duration,
    /// Wall time the conformance engine spent running them (the EVM's time included; the
    /// generation of the cases and their vectors not).
    pub engine: Duration,
}

/// The addresses, registry and builder the generators use, and the EVM time so far.
pub struct Env {
    deployment: Deployment,
    registry: Registry,
    builder: Builder,
    stats: Cell<EvmStats>,
}

impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Env")
            .field("deployment", &self.deployment)
            .finish_non_exhaustive()
    }
}

impl Default for Env {
    fn default() -> Self {
        Self::new()
    }
}

impl Env {
    /// The environment of the harness's deployment (every implementation is deployed at the
    /// same addresses; the engine refuses one that is not).
    pub fn new() -> Self {
        let deployment = Deployment::predicted(DEPLOYER, 0, ovm_vectors::DEFAULT_PERIOD);
        let registry = deployment.registry();
        Self {
            deployment,
            builder: Builder::new(registry.clone()),
            registry,
            stats: Cell::new(EvmStats::default()),
        }
    }

    /// The deployment's addresses.
    pub fn deployment(&self) -> &Deployment {
        &self.deployment
    }

    /// The registry of the deployment.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// A builder over the registry.
    pub fn builder(&self) -> &Builder {
        &self.builder
    }

    /// Adds one engine run to [`Env::stats`]: its wall time and the EVM's share of it.
    pub fn add_run(&self, engine: Duration, evm: Duration) {
        let mut stats = self.stats.get();
        stats.calls += 1;
        stats.time += evm;
        stats.engine += engine;
        self.stats.set(stats);
    }

    /// Time spent in the chain half so far.
    pub fn stats(&self) -> EvmStats {
        self.stats.get()
    }
}
