//! One bundled contract's runtime code mapped to its Solidity sources: each instruction's
//! source file and line (from the solc source map of [`artifacts::ContractInfo`] and the
//! embedded [`artifacts::SOURCES`]), and its branches.

use super::{
    CoverageError,
    bytecode::{JUMPI, instructions},
    sourcemap,
};
use crate::artifacts::{self, SourceInfo};

/// A place in the sources: a file of [`artifacts::SOURCES`] and a 1-based line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Line {
    /// The file's index in [`artifacts::SOURCES`].
    pub source: usize,
    /// The line of the source range's first byte.
    pub line: u32,
}

/// One instruction of the runtime code that maps to a contract source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapped {
    /// Its program counter.
    pub pc: usize,
    /// Its opcode.
    pub opcode: u8,
    /// Where its source range starts.
    pub at: Line,
    /// The first line of its source range, whitespace collapsed, at most [`SNIPPET_LEN`]
    /// characters (what names a branch in the coverage exceptions).
    pub snippet: String,
}

/// The longest [`Mapped::snippet`], in characters.
pub const SNIPPET_LEN: usize = 60;

/// A contract's runtime code, mapped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    /// The contract's name.
    pub name: &'static str,
    /// The instructions that map to a contract source file, in code order. Instructions with
    /// source `-1` or in a compiler-generated source (an id not in [`artifacts::SOURCES`]) and
    /// bytes past the source map (the CBOR metadata tail) are left out.
    pub mapped: Vec<Mapped>,
}

impl Program {
    /// The bundled contract `name`, mapped.
    pub fn bundled(name: &'static str) -> Result<Self, CoverageError> {
        let info = artifacts::contract(name).ok_or(CoverageError::UnknownContract(name))?;
        let code =
            crate::bindings::runtime_code(name).ok_or(CoverageError::UnknownContract(name))?;
        let entries = sourcemap::parse(info.runtime_source_map).map_err(|error| {
            CoverageError::SourceMap {
                contract: name,
                error,
            }
        })?;
        let mut mapped = Vec::new();
        for (&(pc, opcode), entry) in instructions(code).iter().zip(&entries) {
            let (Some(file), true) = (entry.file, entry.start >= 0 && entry.length >= 0) else {
                continue;
            };
            let Some(source) = artifacts::SOURCES
                .iter()
                .position(|s| s.id == u64::from(file))
            else {
                continue;
            };
            let (line, snippet) = locate(&artifacts::SOURCES[source], entry.start, entry.length)
                .ok_or(CoverageError::OutOfRange {
                    contract: name,
                    pc,
                    path: artifacts::SOURCES[source].path,
                })?;
            mapped.push(Mapped {
                pc,
                opcode,
                at: Line { source, line },
                snippet,
            });
        }
        Ok(Self { name, mapped })
    }

    /// The branch points: the mapped `JUMPI`s.
    pub fn branches(&self) -> impl Iterator<Item = &Mapped> {
        self.mapped.iter().filter(|m| m.opcode == JUMPI)
    }
}

/// The line of byte `start` of `source` and the snippet of `start..start + length`; `None`
/// when the range is not inside the text.
fn locate(source: &SourceInfo, start: i64, length: i64) -> Option<(u32, String)> {
    let text = source.text.as_bytes();
    let start = usize::try_from(start).ok()?;
    let end = start.checked_add(usize::try_from(length).ok()?)?;
    let range = text.get(start..end)?;
    let newlines = text[..start].iter().filter(|&&b| b == b'\n').count();
    let line = u32::try_from(newlines + 1).ok()?;
    let first = range.split(|&b| b == b'\n').next().unwrap_or_default();
    let snippet: String = String::from_utf8_lossy(first)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(SNIPPET_LEN)
        .collect();
    Some((line, snippet))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_finds_the_line_and_first_line_of_the_range() {
        let source = SourceInfo {
            id: 0,
            path: "src/X.sol",
            text: "contract X {\n    function f() {\n        if (a   &&\n b) {}\n}\n",
        };
        let start = source.text.find("if").unwrap() as i64;
        assert_eq!(locate(&source, start, 20), Some((3, "if (a &&".to_owned())));
        assert_eq!(locate(&source, 0, 8), Some((1, "contract".to_owned())));
        assert_eq!(locate(&source, 60, 10), None);
    }

    #[test]
    fn every_bundled_contract_maps() {
        for (name, _) in crate::Deployment::predicted(crate::DEPLOYER, 0, 1).all() {
            let program = Program::bundled(name).unwrap();
            assert!(program.branches().count() > 0, "{name}");
            assert!(program.mapped.iter().all(|m| m.at.line > 0));
        }
    }
}
