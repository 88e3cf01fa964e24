//! The revm inspector that feeds [`Hits`]: on every instruction of a call frame whose code
//! belongs to a recorded contract, it counts the instruction (and, for a `JUMPI` with a
//! non-zero condition, the jump). Creation code (constructors) is not recorded: only the
//! contracts' runtime code is mapped.

use std::sync::Arc;

use alloy_primitives::Address;
use revm::{
    Inspector,
    interpreter::{Interpreter, interpreter::EthInterpreter, interpreter_types::Jumps},
};

use super::{bytecode::JUMPI, hits::Hits};

/// The chain's inspector: records into [`Hits`] when it has some, else does nothing (and a
/// chain without hits does not run it at all).
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    hits: Option<Arc<Hits>>,
    /// The last code address looked up and its slot (consecutive steps are mostly in the
    /// same frame).
    last: Option<(Address, Option<usize>)>,
}

impl Recorder {
    /// A recorder counting into `hits`.
    pub fn new(hits: Option<Arc<Hits>>) -> Self {
        Self { hits, last: None }
    }

    /// Where it records, if it does.
    pub fn hits(&self) -> Option<&Arc<Hits>> {
        self.hits.as_ref()
    }
}

impl<CTX> Inspector<CTX, EthInterpreter> for Recorder {
    fn step(&mut self, interp: &mut Interpreter<EthInterpreter>, _context: &mut CTX) {
        let Some(hits) = &self.hits else {
            return;
        };
        // Creation frames have no code address.
        let Some(address) = interp.input.bytecode_address else {
            return;
        };
        let slot = match self.last {
            Some((last, slot)) if last == address => slot,
            _ => {
                let slot = hits.slot(address);
                self.last = Some((address, slot));
                slot
            }
        };
        let Some(slot) = slot else {
            return;
        };
        let jumped = interp.bytecode.opcode() == JUMPI && {
            // JUMPI pops the destination, then the condition.
            let stack = interp.stack.data();
            let condition = stack.len().checked_sub(2).and_then(|i| stack.get(i));
            condition.is_some_and(|c| !c.is_zero())
        };
        hits.record(slot, interp.bytecode.pc(), jumped);
    }
}
