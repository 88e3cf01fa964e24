//! A model of `CommitmentContract` (spec §5.2): the Plasma operator's block roots.

use crate::{CommitmentError, Event};
use ovm_core::{Address, B256, Bytes, U256};
use std::collections::BTreeMap;

/// The operator's block roots, and the `Storage.retrieve` view that IsStored reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitmentModel {
    operator: Address,
    last: Option<U256>,
    roots: BTreeMap<U256, B256>,
}

impl CommitmentModel {
    /// A contract deployed by `operator` (its deployer), with no roots.
    pub fn new(operator: Address) -> Self {
        Self {
            operator,
            last: None,
            roots: BTreeMap::new(),
        }
    }

    /// The operator, the only address allowed to submit roots.
    pub fn operator(&self) -> Address {
        self.operator
    }

    /// The block number of the last submission, if any.
    pub fn last_block_number(&self) -> Option<U256> {
        self.last
    }

    /// The root of `block_number`, if it was submitted.
    pub fn root(&self, block_number: U256) -> Option<B256> {
        self.roots.get(&block_number).copied()
    }

    /// `submitRoot(blockNumber, root)` sent by `caller`. Checks, in order: `NotOperator(caller)`,
    /// `ZeroRoot()`, `BlockNumberNotIncreasing(last, given)` (the first submission may use any
    /// block number, 0 included). Changes nothing on error.
    pub fn submit_root(
        &mut self,
        caller: Address,
        block_number: U256,
        root: B256,
    ) -> Result<Vec<Event>, CommitmentError> {
        if caller != self.operator {
            return Err(CommitmentError::NotOperator(caller));
        }
        if root.is_zero() {
            return Err(CommitmentError::ZeroRoot);
        }
        if let Some(last) = self.last
            && block_number <= last
        {
            return Err(CommitmentError::BlockNumberNotIncreasing(
                last,
                block_number,
            ));
        }
        self.last = Some(block_number);
        self.roots.insert(block_number, root);
        Ok(vec![Event::RootSubmitted { block_number, root }])
    }

    /// `retrieve(key)`: `None` when the call reverts (the key is not exactly 32 bytes), else
    /// `abi.encode(root)` for a submitted block and empty bytes otherwise.
    pub fn retrieve(&self, key: &[u8]) -> Option<Bytes> {
        if key.len() != 32 {
            return None;
        }
        Some(match self.root(U256::from_be_slice(key)) {
            Some(root) => Bytes::copy_from_slice(root.as_slice()),
            None => Bytes::new(),
        })
    }
}
