//! The chain half's environment: one deployment per dispute period, snapshotted once and
//! forked per case, with the time spent inside the EVM measured for benches.

use crate::world::WorldSpec;
use ovm_chain::{Chain, ChainError, CreationCodes, Deployment, Snapshot};
use ovm_core::{Builder, Registry};
use std::{
    cell::{Cell, RefCell},
    collections::BTreeMap,
    time::{Duration, Instant},
};

/// Time and calls spent in the chain half (the EVM, through `ovm-chain`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EvmStats {
    /// Calls and transactions executed.
    pub calls: u64,
    /// Wall time spent inside them.
    pub time: Duration,
}

/// Deployments (one per period, created on demand) to fork cases from.
pub struct Env {
    codes: CreationCodes,
    bases: RefCell<BTreeMap<u64, Snapshot>>,
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

/// The default dispute period (spec §6).
pub const DEFAULT_PERIOD: u64 = 7;

impl Env {
    /// The bundled contracts.
    pub fn new() -> Result<Self, ChainError> {
        Self::with_codes(CreationCodes::bundled())
    }

    /// The contracts `judge` runs against (so that every layer sees the same contracts).
    pub fn of(judge: &dyn ovm_conformance::Judge) -> Result<Self, ChainError> {
        Self::with_codes(judge.contracts().codes().clone())
    }

    /// Any implementation of the spec's ABI (e.g. deliberately wrong variant contracts).
    pub fn with_codes(codes: CreationCodes) -> Result<Self, ChainError> {
        let mut chain = Chain::new();
        let deployment = chain.deploy_codes(ovm_chain::DEPLOYER, DEFAULT_PERIOD, &codes)?;
        let registry = deployment.registry();
        let mut bases = BTreeMap::new();
        bases.insert(DEFAULT_PERIOD, chain.snapshot());
        Ok(Self {
            codes,
            bases: RefCell::new(bases),
            deployment,
            registry: registry.clone(),
            builder: Builder::new(registry),
            stats: Cell::new(EvmStats::default()),
        })
    }

    /// The deployment (its addresses are the same for every period).
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

    /// The state right after deploying the OVM with `period` (deployed on first use).
    pub fn base(&self, period: u64) -> Result<Snapshot, String> {
        let mut bases = self.bases.borrow_mut();
        if let Some(base) = bases.get(&period) {
            return Ok(base.clone());
        }
        let mut chain = Chain::new();
        chain
            .deploy_codes(ovm_chain::DEPLOYER, period, &self.codes)
            .map_err(|e| e.to_string())?;
        let snapshot = chain.snapshot();
        bases.insert(period, snapshot.clone());
        Ok(snapshot)
    }

    /// A fresh chain with the OVM deployed with `period` and the world's roots submitted.
    pub fn chain(&self, period: u64, world: &WorldSpec) -> Result<Chain, String> {
        let cached = self.bases.borrow().get(&period).map(Chain::from_snapshot);
        let mut chain = match cached {
            Some(chain) => chain,
            None => Chain::from_snapshot(&self.base(period)?),
        };
        self.timed(|| world.submit_roots(&mut chain))?;
        Ok(chain)
    }

    /// Runs `f` (a chain call) and adds its time to [`Env::stats`].
    pub fn timed<T>(&self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        let mut stats = self.stats.get();
        stats.calls += 1;
        stats.time += start.elapsed();
        self.stats.set(stats);
        out
    }

    /// Adds EVM time measured elsewhere (by the conformance engine's chain) to [`Env::stats`].
    pub fn add_evm_time(&self, time: Duration) {
        let mut stats = self.stats.get();
        stats.calls += 1;
        stats.time += time;
        self.stats.set(stats);
    }

    /// Time spent in the chain half so far.
    pub fn stats(&self) -> EvmStats {
        self.stats.get()
    }
}
