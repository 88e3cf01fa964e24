//! Instruction boundaries of EVM bytecode: a source map has one entry per instruction, while
//! the EVM reports program counters (byte offsets), and `PUSH1`…`PUSH32` carry 1…32 bytes of
//! data that are not instructions. Counting is by program counter ([`super::Hits`]), so only
//! the way from an instruction's index to its program counter is needed.

/// The `JUMPI` opcode (conditional jump: the branches of [`crate::coverage`]).
pub const JUMPI: u8 = 0x57;

/// `(pc, opcode)` of each instruction of `code`, in order: entry `i` is the instruction that
/// source-map entry `i` describes. A `PUSH` cut off by the end of the code is one instruction.
pub fn instructions(code: &[u8]) -> Vec<(usize, u8)> {
    let mut starts = Vec::new();
    let mut pc = 0;
    while let Some(&opcode) = code.get(pc) {
        starts.push((pc, opcode));
        pc += 1 + push_data_len(opcode);
    }
    starts
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
        // PUSH1 0x80, PUSH0, PUSH2 0x57 0x57 (data that looks like JUMPI), JUMPI,
        // PUSH32 cut off after 2 bytes.
        let code = [0x60, 0x80, 0x5f, 0x61, 0x57, 0x57, 0x57, 0x7f, 0x01, 0x02];
        assert_eq!(
            instructions(&code),
            vec![(0, 0x60), (2, 0x5f), (3, 0x61), (6, JUMPI), (7, 0x7f)]
        );
        assert_eq!(instructions(&[]), vec![]);
    }
}
