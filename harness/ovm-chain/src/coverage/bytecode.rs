//! Instruction boundaries of EVM bytecode: a source map has one entry per instruction, while
//! the EVM reports program counters (byte offsets), and `PUSH1`…`PUSH32` carry 1…32 bytes of
//! data that are not instructions.

/// The `JUMPI` opcode (conditional jump: the branches of [`crate::coverage`]).
pub const JUMPI: u8 = 0x57;

/// The instructions of one bytecode: each one's program counter and opcode, and the way back
/// from a program counter to its instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instructions {
    /// `(pc, opcode)` of each instruction, in order.
    pub starts: Vec<(usize, u8)>,
    /// For each byte of the code, the index of the instruction starting there (`None` for
    /// `PUSH` data).
    index: Vec<Option<u32>>,
}

impl Instructions {
    /// Splits `code` into instructions (a `PUSH` cut off by the end of the code is one
    /// instruction).
    pub fn of(code: &[u8]) -> Self {
        let mut starts = Vec::new();
        let mut index = vec![None; code.len()];
        let mut pc = 0;
        while let Some(&opcode) = code.get(pc) {
            index[pc] = u32::try_from(starts.len()).ok();
            starts.push((pc, opcode));
            pc += 1 + push_data_len(opcode);
        }
        Self { starts, index }
    }

    /// The index of the instruction starting at `pc` (`None` inside `PUSH` data or past the
    /// end).
    pub fn index_of(&self, pc: usize) -> Option<usize> {
        self.index.get(pc).copied().flatten().map(|i| i as usize)
    }
}

/// The number of data bytes following `opcode` (1…32 for `PUSH1`…`PUSH32`, else 0).
fn push_data_len(opcode: u8) -> usize {
    match opcode {
        0x60..=0x7f => usize::from(opcode - 0x5f),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_data_is_not_an_instruction() {
        // PUSH1 0x80, PUSH0, PUSH2 0x57 0x57, JUMPI, PUSH32 (cut off after 2 bytes)
        let code = [0x60, 0x80, 0x5f, 0x61, 0x57, 0x57, 0x57, 0x7f, 0x01, 0x02];
        let ins = Instructions::of(&code);
        assert_eq!(
            ins.starts,
            vec![(0, 0x60), (2, 0x5f), (3, 0x61), (6, JUMPI), (7, 0x7f)]
        );
        let indices: Vec<_> = (0..=code.len()).map(|pc| ins.index_of(pc)).collect();
        assert_eq!(
            indices,
            vec![
                Some(0),
                None,
                Some(1),
                Some(2),
                None,
                None,
                Some(3),
                Some(4),
                None,
                None,
                None
            ]
        );
    }
}
