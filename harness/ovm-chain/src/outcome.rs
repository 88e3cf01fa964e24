//! What one transaction or call produced ([`TxOutcome`]) and the per-transaction gas log
//! ([`TxRecord`]).

use alloy_primitives::{Address, B256, Bytes, Log};

use crate::{errors::Revert, events::OvmEvent};

/// The result of one transaction (committed) or call (not committed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxOutcome<T = Bytes> {
    /// Gas used by the transaction, intrinsic gas included, refunds deducted.
    pub gas_used: u64,
    /// Raw logs in emission order (empty when the transaction failed).
    pub logs: Vec<Log>,
    /// The spec's events among `logs`, decoded, in emission order. Logs that are not one of
    /// the spec's events (an implementation's own extras) are left out: conformance compares
    /// the spec's events only (`harness/SPEC-DECISIONS.md`).
    pub events: Vec<OvmEvent>,
    /// The decoded return value, or why the transaction failed.
    pub result: Result<T, Revert>,
}

impl<T> TxOutcome<T> {
    /// Whether the transaction succeeded.
    pub fn is_ok(&self) -> bool {
        self.result.is_ok()
    }

    /// The revert reason, if the transaction failed.
    pub fn revert(&self) -> Option<&Revert> {
        self.result.as_ref().err()
    }

    /// Maps the return value, keeping gas and logs.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> TxOutcome<U> {
        TxOutcome {
            gas_used: self.gas_used,
            logs: self.logs,
            events: self.events,
            result: self.result.map(f),
        }
    }

    /// The return value, or the revert as a [`crate::ChainError::Reverted`] with `context`.
    pub fn into_result(self, context: impl Into<String>) -> Result<T, crate::ChainError> {
        self.result.map_err(|revert| crate::ChainError::Reverted {
            context: context.into(),
            revert,
        })
    }
}

/// One committed transaction, as recorded in [`crate::Chain::tx_log`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxRecord {
    /// Block number the transaction ran in.
    pub block: u64,
    /// Sender.
    pub from: Address,
    /// Callee (`None` for a contract creation).
    pub to: Option<Address>,
    /// First four bytes of the calldata (zero for creations and short calldata).
    pub selector: [u8; 4],
    /// Gas used.
    pub gas_used: u64,
    /// Whether it succeeded.
    pub success: bool,
    /// Its logs that are not one of the spec's events (not compared): the emitter and the
    /// first topic (`None` for a log without topics).
    pub unknown_events: Vec<(Address, Option<B256>)>,
}
