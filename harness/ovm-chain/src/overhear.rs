//! Overhearing one sub-call of a transaction: the UAC asks the claim's predicate
//! (`decideWithWitness`, `isValidChallenge`) inside `decideClaimWithWitness` and `challenge`;
//! a [`Chain::overhear`](crate::Chain::overhear)ed transaction records what the predicate
//! answered the UAC, so a caller that wants that answer too need not ask it a second time.

use alloy_primitives::{Address, Bytes};
use revm::{
    Inspector,
    context::ContextTr,
    interpreter::{CallInputs, CallOutcome, interpreter::EthInterpreter},
};

use crate::errors::Revert;

/// One sub-call to listen for: the callee and the exact calldata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wanted {
    /// The address called.
    pub to: Address,
    /// The calldata, selector included.
    pub calldata: Bytes,
}

/// What the overheard sub-call returned: its return data, or its revert decoded.
pub type Heard = Result<Bytes, Revert>;

/// The inspector behind [`Chain::overhear`](crate::Chain::overhear): it records the outcome
/// of the first sub-call matching [`Wanted`] that returned or reverted (a halt, such as
/// running out of gas, is not an answer and is not recorded).
#[derive(Debug, Default)]
pub struct CallListener {
    wanted: Option<Wanted>,
    /// The frame depth of the matching call being executed, while it runs.
    open_at: Option<usize>,
    depth: usize,
    heard: Option<Heard>,
}

impl CallListener {
    /// Listens for `wanted` in the next transaction (forgetting anything heard before).
    pub(crate) fn listen(&mut self, wanted: Wanted) {
        *self = Self {
            wanted: Some(wanted),
            ..Self::default()
        };
    }

    /// Whether a sub-call is being listened for (transactions then run inspected).
    pub(crate) fn is_listening(&self) -> bool {
        self.wanted.is_some()
    }

    /// Stops listening; returns what was heard.
    pub(crate) fn finish(&mut self) -> Option<Heard> {
        std::mem::take(self).heard
    }
}

impl<CTX: ContextTr> Inspector<CTX, EthInterpreter> for CallListener {
    fn call(&mut self, context: &mut CTX, inputs: &mut CallInputs) -> Option<CallOutcome> {
        self.depth += 1;
        if self.open_at.is_none()
            && self.heard.is_none()
            && let Some(wanted) = &self.wanted
            && inputs.target_address == wanted.to
            && inputs.input.len() == wanted.calldata.len()
            && inputs.input.bytes(context) == wanted.calldata
        {
            self.open_at = Some(self.depth);
        }
        None
    }

    fn call_end(&mut self, _context: &mut CTX, _inputs: &CallInputs, outcome: &mut CallOutcome) {
        if self.open_at == Some(self.depth) {
            self.open_at = None;
            let result = &outcome.result;
            if result.is_ok() {
                self.heard = Some(Ok(result.output.clone()));
            } else if result.is_revert() {
                self.heard = Some(Err(Revert::decode(&result.output)));
            }
        }
        self.depth = self.depth.saturating_sub(1);
    }
}
