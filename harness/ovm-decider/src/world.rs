//! The world a decision is made in (spec §7): the deployment's [`Registry`], the
//! [`WitnessStore`] hints read, and the [`StorageMirror`] `IsStored` reads.

use ovm_core::{Address, B256, Bytes, Registry, U256, abi};
use std::collections::{BTreeMap, HashMap};

/// Everything a decision depends on.
#[derive(Clone, Debug)]
pub struct World {
    /// Which addresses are connectives, atomics and storage contracts.
    pub registry: Registry,
    /// The off-chain data hints draw candidates from.
    pub witnesses: WitnessStore,
    /// The mirror of the registered storage contracts' state.
    pub storage: StorageMirror,
}

impl World {
    /// An empty world over `registry`.
    pub fn new(registry: Registry) -> Self {
        Self {
            registry,
            witnesses: WitnessStore::default(),
            storage: StorageMirror::default(),
        }
    }

    /// An empty world over [`Registry::with_test_addresses`].
    pub fn with_test_addresses() -> Self {
        Self::new(Registry::with_test_addresses())
    }

    /// What `storage.retrieve(key)` returns on-chain, for a *registered* storage contract;
    /// `Failed` for an address that is not one.
    pub fn retrieve(&self, storage: Address, key: &[u8]) -> Retrieved {
        if self.registry.is_storage(storage) {
            self.storage.retrieve(storage, key)
        } else {
            Retrieved::Failed
        }
    }
}

/// Named buckets of `(key, value)` entries, each bucket in insertion order.
///
/// Bucket names are UTF-8 (the first field of a hint). Buckets read by `RANGE` hints hold
/// entries keyed by `abi(Range)` ([`abi::Range::encode`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WitnessStore {
    buckets: HashMap<String, Vec<(Bytes, Bytes)>>,
}

impl WitnessStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `value` under `key` in `bucket`.
    pub fn insert(
        &mut self,
        bucket: impl Into<String>,
        key: impl Into<Bytes>,
        value: impl Into<Bytes>,
    ) -> &mut Self {
        self.buckets
            .entry(bucket.into())
            .or_default()
            .push((key.into(), value.into()));
        self
    }

    /// Appends `value` under the range key `abi(range)` in `bucket`.
    pub fn insert_range(
        &mut self,
        bucket: impl Into<String>,
        range: abi::Range,
        value: impl Into<Bytes>,
    ) -> &mut Self {
        self.insert(bucket, range.encode(), value)
    }

    /// The entries of `bucket`, in insertion order (empty for an unknown bucket).
    pub fn entries(&self, bucket: &str) -> &[(Bytes, Bytes)] {
        self.buckets.get(bucket).map_or(&[], Vec::as_slice)
    }

    /// The values stored in `bucket` under exactly `key`, in insertion order.
    pub fn values<'a>(&'a self, bucket: &str, key: &'a [u8]) -> impl Iterator<Item = &'a Bytes> {
        self.entries(bucket)
            .iter()
            .filter(move |(k, _)| k.as_ref() == key)
            .map(|(_, v)| v)
    }
}

/// What `Storage.retrieve(key)` yields (spec §5.2), already unwrapped from its
/// `abi.encode(bytes)` return shape.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Retrieved {
    /// The call fails (the key is not exactly 32 bytes, or the address is no storage).
    Failed,
    /// Nothing written under the key yet (`bytes("")`).
    Empty,
    /// The stored bytes `r` (for `CommitmentContract`, `abi.encode(bytes32 root)`).
    Value(Bytes),
}

/// Why a `submitRoot` is refused (the `CommitmentContract` rules, §5.2).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// `root` must not be zero.
    #[error("the root must not be zero")]
    ZeroRoot,
    /// Block numbers must strictly increase.
    #[error("block number {given} is not greater than the last one submitted ({last})")]
    BlockNumberNotIncreasing {
        /// The last block submitted.
        last: U256,
        /// The block given.
        given: U256,
    },
}

/// The mirror of every storage contract's state: here `CommitmentContract`s, block number to
/// root.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StorageMirror {
    roots: BTreeMap<Address, BTreeMap<U256, B256>>,
}

impl StorageMirror {
    /// An empty mirror.
    pub fn new() -> Self {
        Self::default()
    }

    /// `submitRoot(block, root)` on `contract`, with the contract's rules: `root ≠ 0` and
    /// `block` strictly greater than the last block submitted (the first may be any number).
    pub fn submit_root(
        &mut self,
        contract: Address,
        block: U256,
        root: B256,
    ) -> Result<(), StorageError> {
        if root.is_zero() {
            return Err(StorageError::ZeroRoot);
        }
        let roots = self.roots.entry(contract).or_default();
        if let Some((&last, _)) = roots.last_key_value()
            && block <= last
        {
            return Err(StorageError::BlockNumberNotIncreasing { last, given: block });
        }
        roots.insert(block, root);
        Ok(())
    }

    /// The root submitted for `block` on `contract`, if any.
    pub fn root(&self, contract: Address, block: U256) -> Option<B256> {
        self.roots.get(&contract)?.get(&block).copied()
    }

    /// `contract.retrieve(key)`: fails unless `key` is exactly 32 bytes; `abi.encode(root)` for
    /// a submitted block `uint256(key)`; empty otherwise. (Whether `contract` is a registered
    /// storage contract is the caller's business; see [`World::retrieve`].)
    pub fn retrieve(&self, contract: Address, key: &[u8]) -> Retrieved {
        let Some(block) = abi::decode_u256(key) else {
            return Retrieved::Failed;
        };
        match self.root(contract, block) {
            Some(root) => Retrieved::Value(abi::encode_b256(root)),
            None => Retrieved::Empty,
        }
    }
}
