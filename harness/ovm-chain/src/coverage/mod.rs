//! Contract coverage: which instructions and branches of the bundled contracts' runtime code a
//! run executes, mapped to Solidity source lines with solc's source maps (kept with the
//! committed artifacts, so no compiler is needed).
//!
//! - A [`Hits`] holds atomic counters per contract and program counter; a chain records into
//!   one with [`Chain::record_coverage`](crate::Chain::record_coverage) (its [`Recorder`]
//!   inspector then runs on every instruction; forks of the chain record into the same
//!   [`Hits`]). Only call frames whose code address is a recorded contract's are counted:
//!   creation code, other accounts' code and precompiles are not.
//! - A [`Program`] maps one contract's runtime code to its sources; a [`Report`] joins the
//!   programs with the counters, and [`lcov`] renders it.
//!
//! Definitions:
//!
//! - An instruction is **mapped** when its source-map entry names a file of
//!   [`artifacts::SOURCES`](crate::artifacts::SOURCES) (not `-1`, not a compiler-generated
//!   Yul source); it maps to the line where its source range starts.
//! - A line is **instrumented** when a mapped instruction of the contract maps to it (as in
//!   lcov), and **hit** when one of those instructions ran. A line's count is the largest count
//!   of its instructions.
//! - A **branch point** is a mapped `JUMPI`; it has two **branch outcomes**, *jump* (the
//!   condition was non-zero) and *fall* (it was zero, execution went on with the next
//!   instruction); an outcome is **reached** when it happened at least once. In lcov each
//!   branch point is one block: `BRDA:line,block,0,jumps` and `BRDA:line,block,1,falls`.
//!
//! Library and base-contract code counts for every contract it is compiled into: each
//! deployed contract has its own copy.

mod bytecode;
mod hits;
mod inspector;
pub mod lcov;
mod novelty;
mod program;
mod report;
pub mod sourcemap;

pub use bytecode::{JUMPI, instructions};
pub use hits::Hits;
pub use inspector::Recorder;
pub use novelty::Novelty;
pub use program::{Line, Mapped, Program, SNIPPET_LEN};
pub use report::{Branch, ContractReport, Outcome, Report};

/// Why a contract's coverage cannot be mapped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CoverageError {
    /// The contract is not one of the bundled build.
    #[error("no bundled contract named {0}")]
    UnknownContract(&'static str),
    /// Its source map does not parse.
    #[error("{contract}: {error}")]
    SourceMap {
        /// The contract.
        contract: &'static str,
        /// The parse error.
        error: sourcemap::SourceMapError,
    },
    /// A source range lies outside its file.
    #[error("{contract}: the source range of pc {pc} is outside {path}")]
    OutOfRange {
        /// The contract.
        contract: &'static str,
        /// The instruction's program counter.
        pc: usize,
        /// The source file.
        path: &'static str,
    },
}
