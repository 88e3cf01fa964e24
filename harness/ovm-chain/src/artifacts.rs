//! The contracts the crate runs: the solc version, every contract's source and bytecode
//! hashes, and the [`bundle_hash`] that names this exact set of contracts in vector provenance.
//!
//! They are the committed artifacts in `contracts/artifacts/` (so depending on the crate needs
//! neither Node nor solc), unless those do not match `contracts/src`: then the build script
//! compiled the sources and [`STALE`] says why (`tests/artifacts.rs` fails until
//! `cargo run -p ovm-chain --bin refresh-artifacts` commits the fresh build). The JSON artifacts
//! themselves (`$OUT_DIR/artifacts/<Name>.json`) are read at compile time by
//! [`crate::bindings`].

use alloy_primitives::{B256, keccak256};

/// One compiled contract of `contracts/src`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContractInfo {
    /// Contract name (unique across the sources).
    pub name: &'static str,
    /// Source file, relative to the contracts folder (e.g. `src/predicates/NotPredicate.sol`).
    pub source: &'static str,
    /// keccak256 of the creation bytecode (constructor arguments excluded).
    pub creation_code_hash: B256,
    /// keccak256 of the runtime bytecode as solc emitted it (immutables zeroed).
    pub runtime_code_hash: B256,
    /// Length of the runtime bytecode in bytes (EIP-170 limit: 24576).
    pub runtime_code_len: usize,
    /// solc's compressed source map of the runtime bytecode (`s:l:f:j:m;…`, one entry per
    /// instruction; `f` is a [`SourceInfo::id`]), see [`crate::coverage`].
    pub runtime_source_map: &'static str,
}

/// One Solidity source file of the build, embedded (what the source maps point into).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceInfo {
    /// solc's id of the file (the `f` field of a source map).
    pub id: u64,
    /// Relative to the contracts folder (`src/lib/PropertyCodec.sol`).
    pub path: &'static str,
    /// The file's text as compiled.
    pub text: &'static str,
}

mod generated {
    use super::{ContractInfo, SourceInfo};
    include!(concat!(env!("OUT_DIR"), "/manifest.rs"));
}

pub use generated::{
    CONTRACTS, CONTRACTS_DIR, INPUTS_HASH, SOLC_VERSION, SOURCE_ROOT, SOURCES, STALE,
};

/// The folder the build wrote the artifacts it used into (`<Name>.json` and `build.json`),
/// the same layout as `contracts/artifacts/`.
pub const BUILD_ARTIFACTS_DIR: &str = concat!(env!("OUT_DIR"), "/artifacts");

/// The contract named `name`, if the build produced it.
pub fn contract(name: &str) -> Option<&'static ContractInfo> {
    CONTRACTS.iter().find(|c| c.name == name)
}

/// One hash over every compiled contract: `keccak256` of the concatenation, in name order, of
/// `keccak256(name) ‖ runtime_code_hash`, followed by `keccak256(SOLC_VERSION)`.
///
/// Two builds with the same hash run the same code; vectors record it as their provenance.
pub fn bundle_hash() -> B256 {
    static HASH: std::sync::OnceLock<B256> = std::sync::OnceLock::new();
    *HASH.get_or_init(|| {
        let mut buf = Vec::with_capacity(CONTRACTS.len() * 64 + 32);
        for c in CONTRACTS {
            buf.extend_from_slice(keccak256(c.name.as_bytes()).as_slice());
            buf.extend_from_slice(c.runtime_code_hash.as_slice());
        }
        buf.extend_from_slice(keccak256(SOLC_VERSION.as_bytes()).as_slice());
        keccak256(&buf)
    })
}
