//! The executor: an in-process EVM (revm, Prague rules) over an in-memory `CacheDB`, with no
//! network and no wall clock. Blocks are explicit (`mine`/`advance`), every committed
//! transaction is logged with its gas, and the whole state can be snapshotted and restored.

use alloy_primitives::{Address, Bytes, U256, address};
use alloy_sol_types::SolCall;
use revm::{
    Context, DatabaseRef, ExecuteCommitEvm, ExecuteEvm, InspectCommitEvm, InspectEvm, MainBuilder,
    MainContext,
    context::ContextSetters,
    context::{
        BlockEnv, TxEnv,
        result::{ExecutionResult, HaltReason, Output},
    },
    database::{CacheDB, EmptyDB},
    handler::{Handler, MainnetContext, MainnetEvm},
    inspector::InspectorHandler,
    primitives::{TxKind, hardfork::SpecId},
};
use std::sync::Arc;

use crate::{
    coverage::{Hits, Recorder},
    deployment::Deployment,
    errors::{ChainError, Revert},
    outcome::{TxOutcome, TxRecord},
    overhear::{CallListener, Heard, Listening, Wanted},
};

/// The state database: accounts, code and storage, all in memory. `Clone` is a deep copy.
pub type Db = CacheDB<EmptyDB>;

type Evm = MainnetEvm<MainnetContext<Db>, Recorder>;

/// The hard fork the chain runs (the contracts are compiled for `evmVersion: prague`).
pub const SPEC: SpecId = SpecId::PRAGUE;

/// Gas limit of a transaction unless one is given.
pub const DEFAULT_GAS_LIMIT: u64 = 30_000_000;

/// Whether a failed transaction that used `gas_used` of `gas_limit` ran out of gas: at least
/// 31/32 of the limit is gone. A nested call that runs out of gas takes 63/64 of what its
/// caller had, and the caller's revert (usually without data) is then only the messenger.
fn exhausts(gas_used: u64, gas_limit: u64) -> bool {
    gas_used >= gas_limit - gas_limit / 32
}

/// The block number a new chain starts at.
pub const GENESIS_BLOCK: u64 = 1;

/// Seconds per block: timestamps are `number * BLOCK_TIME`, never the wall clock.
pub const BLOCK_TIME: u64 = 12;

/// The EOA that deploys and wires the OVM contracts (and so is the Plasma operator).
pub const DEPLOYER: Address = address!("0xd000000000000000000000000000000000000001");

/// The sender used by [`Chain::view`].
pub const VIEWER: Address = address!("0xe000000000000000000000000000000000000001");

/// A deterministic EOA for tests and agents: `0xa0…` followed by the big-endian `index`.
pub fn account(index: u64) -> Address {
    let mut raw = [0u8; 20];
    raw[0] = 0xa0;
    raw[12..].copy_from_slice(&index.to_be_bytes());
    Address::from(raw)
}

/// A saved chain state (accounts, storage, block, deployment), cheap to restore or fork from.
/// A snapshot of a chain that records coverage carries its [`Hits`], so that chains forked
/// from it record into them too.
#[derive(Clone, Debug)]
pub struct Snapshot {
    db: Db,
    block: BlockEnv,
    deployment: Option<Deployment>,
    coverage: Option<Arc<Hits>>,
}

impl Snapshot {
    /// The block number at the time of the snapshot.
    pub fn block_number(&self) -> u64 {
        u64::try_from(self.block.number).unwrap_or(u64::MAX)
    }

    /// The OVM deployment the snapshot holds, if any.
    pub fn deployment(&self) -> Option<&Deployment> {
        self.deployment.as_ref()
    }
}

/// An in-process chain. See the module docs.
pub struct Chain {
    evm: Evm,
    pub(crate) deployment: Option<Deployment>,
    tx_log: Vec<TxRecord>,
    evm_time: std::time::Duration,
    /// The sub-call [`Chain::overhear`] listens for, while it runs.
    listener: Option<CallListener>,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Chain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chain")
            .field("block", &self.block_number())
            .field("deployment", &self.deployment)
            .field("txs", &self.tx_log.len())
            .finish()
    }
}

fn block_env(number: u64) -> BlockEnv {
    BlockEnv {
        number: U256::from(number),
        timestamp: U256::from(number.saturating_mul(BLOCK_TIME)),
        ..BlockEnv::default()
    }
}

fn build_evm(db: Db, block: BlockEnv, coverage: Option<Arc<Hits>>) -> Evm {
    Context::mainnet()
        .with_db(db)
        .with_block(block)
        .modify_cfg_chained(|cfg| {
            cfg.set_spec_and_mainnet_gas_params(SPEC);
            // Vectors impersonate contracts (e.g. `setPredicateDecision` sent by a predicate's
            // address, spec §6), so senders with code are allowed (EIP-3607 off).
            cfg.disable_eip3607 = true;
        })
        .build_mainnet_with_inspector(Recorder::new(coverage))
}

impl Chain {
    /// An empty chain at block [`GENESIS_BLOCK`].
    pub fn new() -> Self {
        Self {
            evm: build_evm(Db::default(), block_env(GENESIS_BLOCK), None),
            deployment: None,
            tx_log: Vec::new(),
            evm_time: std::time::Duration::ZERO,
            listener: None,
        }
    }

    /// A new chain in the state of `snapshot` (with an empty transaction log), recording
    /// coverage into the snapshot's [`Hits`] if it has some.
    pub fn from_snapshot(snapshot: &Snapshot) -> Self {
        Self {
            evm: build_evm(
                snapshot.db.clone(),
                snapshot.block.clone(),
                snapshot.coverage.clone(),
            ),
            deployment: snapshot.deployment,
            tx_log: Vec::new(),
            evm_time: std::time::Duration::ZERO,
            listener: None,
        }
    }

    /// Saves the current state.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            db: self.db().clone(),
            block: self.evm.ctx.block.clone(),
            deployment: self.deployment,
            coverage: self.coverage().cloned(),
        }
    }

    /// From now on, counts in `hits` every instruction this chain and the chains forked from
    /// it (through [`Chain::snapshot`] / [`Chain::fork`]) run in the contracts `hits` records
    /// (see [`crate::coverage`]). A recording chain runs revm's inspecting interpreter, which
    /// is slower.
    pub fn record_coverage(&mut self, hits: Arc<Hits>) {
        self.evm.inspector = Recorder::new(Some(hits));
    }

    /// Where this chain records coverage, if it does.
    pub fn coverage(&self) -> Option<&Arc<Hits>> {
        self.evm.inspector.hits()
    }

    /// Goes back to `snapshot` (the transaction log and the coverage recording are kept).
    pub fn restore(&mut self, snapshot: &Snapshot) {
        self.evm.ctx.journaled_state.database = snapshot.db.clone();
        self.evm.ctx.block = snapshot.block.clone();
        self.deployment = snapshot.deployment;
    }

    /// An independent copy of this chain (same state, empty transaction log).
    pub fn fork(&self) -> Self {
        Self::from_snapshot(&self.snapshot())
    }

    /// The state database.
    pub fn db(&self) -> &Db {
        &self.evm.ctx.journaled_state.database
    }

    /// The OVM deployment on this chain, if [`Chain::deploy`] ran.
    pub fn deployment(&self) -> Option<&Deployment> {
        self.deployment.as_ref()
    }

    /// Makes `deployment` this chain's deployment, for contracts deployed and wired by hand
    /// (e.g. with extra storage contracts); the game helpers then use its addresses.
    pub fn adopt_deployment(&mut self, deployment: Deployment) {
        self.deployment = Some(deployment);
    }

    /// The OVM deployment, or [`ChainError::NotDeployed`].
    pub fn ovm(&self) -> Result<Deployment, ChainError> {
        self.deployment.ok_or(ChainError::NotDeployed)
    }

    // ------------------------------------------------------------------ blocks

    /// The current block number (`block.number` of the next transaction).
    pub fn block_number(&self) -> u64 {
        u64::try_from(self.evm.ctx.block.number).unwrap_or(u64::MAX)
    }

    /// Moves to the next block.
    pub fn mine(&mut self) {
        self.advance(1);
    }

    /// Moves `n` blocks forward (saturating).
    pub fn advance(&mut self, n: u64) {
        let next = self.block_number().saturating_add(n);
        self.evm.ctx.block = block_env(next);
    }

    // ------------------------------------------------------------------ accounts

    /// The nonce of `address` (0 for an unknown account).
    pub fn nonce(&self, address: Address) -> u64 {
        self.db()
            .basic_ref(address)
            .ok()
            .flatten()
            .map_or(0, |info| info.nonce)
    }

    /// The runtime code at `address` (empty for an EOA or unknown account).
    pub fn code(&self, address: Address) -> Bytes {
        let Some(info) = self.db().basic_ref(address).ok().flatten() else {
            return Bytes::new();
        };
        match info.code {
            Some(code) => code.original_bytes(),
            None => self
                .db()
                .code_by_hash_ref(info.code_hash)
                .map(|c| c.original_bytes())
                .unwrap_or_default(),
        }
    }

    /// Every committed transaction so far, in order, with its gas.
    pub fn tx_log(&self) -> &[TxRecord] {
        &self.tx_log
    }

    /// Wall time spent inside the EVM by this chain's calls and transactions (for throughput
    /// reports only: never part of an outcome).
    pub fn evm_time(&self) -> std::time::Duration {
        self.evm_time
    }

    /// Total gas of the committed transactions so far.
    pub fn total_gas_used(&self) -> u64 {
        self.tx_log.iter().map(|t| t.gas_used).sum()
    }

    // ------------------------------------------------------------------ raw execution

    /// Executes a transaction from `from` (its current nonce) and commits it if `commit`.
    /// `to = None` creates a contract from `data`.
    pub fn execute(
        &mut self,
        from: Address,
        to: Option<Address>,
        data: Bytes,
        gas_limit: u64,
        commit: bool,
    ) -> Result<TxOutcome<Output>, ChainError> {
        let selector = match (&to, data.get(..4)) {
            (Some(_), Some(s)) => [s[0], s[1], s[2], s[3]],
            _ => [0; 4],
        };
        let tx = TxEnv::builder()
            .caller(from)
            .nonce(self.nonce(from))
            .gas_limit(gas_limit)
            .gas_price(0)
            .kind(to.map_or(TxKind::Create, TxKind::Call))
            .data(data)
            .chain_id(Some(self.evm.ctx.cfg.chain_id))
            .build_fill();
        let started = std::time::Instant::now();
        let inspect = self.coverage().is_some();
        let result = match (commit, &mut self.listener) {
            (true, None) if inspect => self.evm.inspect_tx_commit(tx),
            (false, None) if inspect => self.evm.inspect_tx(tx).map(|r| r.result),
            (true, None) => self.evm.transact_commit(tx),
            (false, None) => self.evm.transact(tx).map(|r| r.result),
            (commit, Some(listener)) => {
                // `transact_one` / `transact_commit` (or their inspecting twins) with the
                // listening handler.
                self.evm.ctx.set_tx(tx);
                let mut handler = Listening::new(listener);
                let result = if inspect {
                    handler.inspect_run(&mut self.evm)
                } else {
                    handler.run(&mut self.evm)
                };
                if commit && result.is_ok() {
                    self.evm.commit_inner();
                } else {
                    self.evm.finalize();
                }
                result
            }
        };
        self.evm_time += started.elapsed();
        let result = result.map_err(|e| ChainError::Evm(e.to_string()))?;
        let gas_used = result.tx_gas_used();
        let mut unknown_events = Vec::new();
        let outcome = match result {
            ExecutionResult::Success { logs, output, .. } => {
                let mut events = Vec::with_capacity(logs.len());
                for log in &logs {
                    match crate::events::decode(log) {
                        crate::OvmEvent::Unknown(_) => {
                            unknown_events.push((log.address, log.topics().first().copied()));
                        }
                        event => events.push(event),
                    }
                }
                TxOutcome {
                    gas_used,
                    logs,
                    events,
                    result: Ok(output),
                }
            }
            ExecutionResult::Revert { output, .. } => {
                let revert = Revert::decode(&output);
                TxOutcome {
                    gas_used,
                    logs: Vec::new(),
                    events: Vec::new(),
                    result: Err(if exhausts(gas_used, gas_limit) {
                        Revert::ResourceLimit {
                            detail: format!(
                                "reverted ({revert}) after {gas_used} of {gas_limit} gas"
                            ),
                        }
                    } else {
                        revert
                    }),
                }
            }
            ExecutionResult::Halt { reason, .. } => TxOutcome {
                gas_used,
                logs: Vec::new(),
                events: Vec::new(),
                result: Err(match reason {
                    HaltReason::OutOfGas(_)
                    | HaltReason::StackOverflow
                    | HaltReason::CallTooDeep => Revert::ResourceLimit {
                        detail: format!("halted {reason:?} after {gas_used} of {gas_limit} gas"),
                    },
                    _ => Revert::Halted {
                        reason: format!("{reason:?}"),
                    },
                }),
            },
        };
        if commit {
            self.tx_log.push(TxRecord {
                block: self.block_number(),
                from,
                to,
                selector,
                gas_used,
                success: outcome.is_ok(),
                unknown_events,
            });
        }
        Ok(outcome)
    }

    /// Runs `f` on this chain while listening for the sub-call `wanted`: the result of `f`,
    /// and what the first such call returned or reverted (`None` if no transaction of `f`
    /// made it, or it halted).
    pub fn overhear<T>(
        &mut self,
        wanted: Wanted,
        f: impl FnOnce(&mut Self) -> T,
    ) -> (T, Option<Heard>) {
        self.listener = Some(CallListener::new(wanted));
        let out = f(self);
        let heard = self.listener.take().and_then(CallListener::heard);
        (out, heard)
    }

    /// Sends (commits) a call with raw calldata; returns the raw return data.
    pub fn send_raw(
        &mut self,
        from: Address,
        to: Address,
        data: Bytes,
        gas_limit: u64,
    ) -> Result<TxOutcome<Bytes>, ChainError> {
        Ok(self
            .execute(from, Some(to), data, gas_limit, true)?
            .map(Output::into_data))
    }

    /// Places `code` as the runtime bytecode of `address` (no constructor runs; the account's
    /// balance and nonce are kept), e.g. a contract outside the registry that a vector needs.
    pub fn place_code(&mut self, address: Address, code: Bytes) {
        let db = &mut self.evm.ctx.journaled_state.database;
        let info = db.basic_ref(address).ok().flatten().unwrap_or_default();
        db.insert_account_info(
            address,
            info.with_code(revm::bytecode::Bytecode::new_raw(code)),
        );
    }

    /// Deploys `initcode` (creation bytecode followed by the ABI-encoded constructor
    /// arguments) from `from`; the result is the new contract's address.
    pub fn deploy_contract(
        &mut self,
        from: Address,
        initcode: Bytes,
    ) -> Result<TxOutcome<Address>, ChainError> {
        let expected = from.create(self.nonce(from));
        let outcome = self.execute(from, None, initcode, DEFAULT_GAS_LIMIT, true)?;
        Ok(outcome.map(|output| match output {
            Output::Create(_, Some(address)) => address,
            _ => expected,
        }))
    }

    // ------------------------------------------------------------------ typed calls

    /// Sends (commits) the typed call `call` from `from` to `to`.
    pub fn send<C: SolCall>(
        &mut self,
        from: Address,
        to: Address,
        call: &C,
    ) -> Result<TxOutcome<C::Return>, ChainError> {
        self.send_with_gas(from, to, call, DEFAULT_GAS_LIMIT)
    }

    /// [`Chain::send`] with an explicit gas limit.
    pub fn send_with_gas<C: SolCall>(
        &mut self,
        from: Address,
        to: Address,
        call: &C,
        gas_limit: u64,
    ) -> Result<TxOutcome<C::Return>, ChainError> {
        self.typed(from, to, call, gas_limit, true)
    }

    /// Runs the typed call `call` from `from` to `to` without committing anything.
    pub fn call<C: SolCall>(
        &mut self,
        from: Address,
        to: Address,
        call: &C,
    ) -> Result<TxOutcome<C::Return>, ChainError> {
        self.call_with_gas(from, to, call, DEFAULT_GAS_LIMIT)
    }

    /// [`Chain::call`] with an explicit gas limit.
    pub fn call_with_gas<C: SolCall>(
        &mut self,
        from: Address,
        to: Address,
        call: &C,
        gas_limit: u64,
    ) -> Result<TxOutcome<C::Return>, ChainError> {
        self.typed(from, to, call, gas_limit, false)
    }

    /// Runs the typed call `call`, committing iff `commit`, and decodes its return value.
    fn typed<C: SolCall>(
        &mut self,
        from: Address,
        to: Address,
        call: &C,
        gas_limit: u64,
        commit: bool,
    ) -> Result<TxOutcome<C::Return>, ChainError> {
        let outcome = self
            .execute(from, Some(to), call.abi_encode().into(), gas_limit, commit)?
            .map(Output::into_data);
        decode_outcome::<C>(outcome)
    }

    /// A view call from [`VIEWER`]: the return value, or [`ChainError::Reverted`].
    pub fn view<C: SolCall>(&mut self, to: Address, call: &C) -> Result<C::Return, ChainError> {
        self.call(VIEWER, to, call)?.into_result(C::SIGNATURE)
    }
}

fn decode_outcome<C: SolCall>(
    outcome: TxOutcome<Bytes>,
) -> Result<TxOutcome<C::Return>, ChainError> {
    let TxOutcome {
        gas_used,
        logs,
        events,
        result,
    } = outcome;
    let result = match result {
        Ok(data) => Ok(
            C::abi_decode_returns(&data).map_err(|e| ChainError::Decode {
                function: C::SIGNATURE,
                reason: e.to_string(),
            })?,
        ),
        Err(revert) => Err(revert),
    };
    Ok(TxOutcome {
        gas_used,
        logs,
        events,
        result,
    })
}
