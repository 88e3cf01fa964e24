//! The artifacts of one build and its record, as committed in `contracts/artifacts/`:
//! `<Contract>.json` per contract (the shape `sol!` reads) and [`RECORD`]:
//!
//! ```json
//! { "format": 2, "solc": "0.8.30+commit…", "settings": "…", "inputs": "0x…",
//!   "contracts": { "AndPredicate": "src/predicates/AndPredicate.sol", … },
//!   "sources": { "src/CommitmentContract.sol": 0, … } }
//! ```
//!
//! `sources` gives solc's id of each source file, the `f` field of the source maps
//! (`deployedBytecode.sourceMap` of each artifact); ids of compiler-generated sources are not
//! listed.
//!
//! `inputs` is [`Inputs::hash`](crate::inputs::Inputs::hash) of the sources the artifacts were
//! compiled from; the build uses them only while it still equals the hash of the sources.

use std::{collections::BTreeMap, fs, path::Path};

/// The record's file name.
pub const RECORD: &str = "build.json";

/// The record's format version.
const FORMAT: u64 = 2;

/// One compiled contract.
pub struct Compiled {
    /// Its source file, relative to the contracts folder.
    pub source: String,
    /// Its ABI as solc emitted it.
    pub abi: serde_json::Value,
    /// Creation bytecode.
    pub creation: Vec<u8>,
    /// Runtime bytecode as solc emitted it.
    pub runtime: Vec<u8>,
    /// solc's compressed source map of the runtime bytecode (`s:l:f:j:m;…`).
    pub runtime_source_map: String,
}

/// What a build was made from.
pub struct Record {
    /// The solc version that compiled it.
    pub solc: String,
    /// The settings description ([`crate::compile::SETTINGS`]).
    pub settings: String,
    /// The inputs hash.
    pub inputs: String,
    /// solc's id of each source file, by path relative to the contracts folder.
    pub sources: BTreeMap<String, u64>,
}

/// A whole build: its record and every contract, by name.
pub struct Bundle {
    /// What it was made from.
    pub record: Record,
    /// Every contract, by name.
    pub contracts: BTreeMap<String, Compiled>,
    /// Why the committed artifacts were not used, when this bundle was compiled instead.
    pub stale: Option<String>,
}

impl Bundle {
    /// The record as JSON text (what [`read`] parses).
    pub fn record_json(&self) -> String {
        let contracts: serde_json::Map<_, _> = self
            .contracts
            .iter()
            .map(|(name, c)| (name.clone(), c.source.clone().into()))
            .collect();
        let json = serde_json::json!({
            "format": FORMAT,
            "solc": self.record.solc,
            "settings": self.record.settings,
            "inputs": self.record.inputs,
            "contracts": contracts,
            "sources": self.record.sources,
        });
        format!("{json:#}\n")
    }
}

impl Compiled {
    /// The artifact as JSON text (what [`read`] parses).
    pub fn artifact_json(&self) -> String {
        let json = serde_json::json!({
            "abi": self.abi,
            "bytecode": { "object": format!("0x{}", hex(&self.creation)) },
            "deployedBytecode": {
                "object": format!("0x{}", hex(&self.runtime)),
                "sourceMap": self.runtime_source_map,
            },
        });
        format!("{json:#}\n")
    }
}

/// Reads the committed build in `dir`; an error says what is missing or malformed.
pub fn read(dir: &Path) -> Result<Bundle, String> {
    let record_path = dir.join(RECORD);
    let record = read_json(&record_path)?;
    let field = |name: &str| {
        record
            .get(name)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .ok_or_else(|| format!("{}: no string field `{name}`", record_path.display()))
    };
    if record.get("format").and_then(|v| v.as_u64()) != Some(FORMAT) {
        return Err(format!(
            "{}: `format` is not {FORMAT}",
            record_path.display()
        ));
    }
    let sources = record
        .get("sources")
        .and_then(|v| v.as_object())
        .ok_or_else(|| format!("{}: no object field `sources`", record_path.display()))?
        .iter()
        .map(|(path, id)| {
            id.as_u64()
                .map(|id| (path.clone(), id))
                .ok_or_else(|| format!("{}: sources.{path} is not an id", record_path.display()))
        })
        .collect::<Result<_, _>>()?;
    let head = Record {
        solc: field("solc")?,
        settings: field("settings")?,
        inputs: field("inputs")?,
        sources,
    };
    let Some(names) = record.get("contracts").and_then(|v| v.as_object()) else {
        return Err(format!(
            "{}: no object field `contracts`",
            record_path.display()
        ));
    };
    let mut contracts = BTreeMap::new();
    for (name, source) in names {
        let path = dir.join(format!("{name}.json"));
        let artifact = read_json(&path)?;
        let code = |pointer: &str| {
            artifact
                .pointer(pointer)
                .and_then(|v| v.as_str())
                .ok_or_else(|| format!("{}: no string at {pointer}", path.display()))
                .and_then(|text| parse_hex(text).map_err(|e| format!("{}: {e}", path.display())))
        };
        let compiled = Compiled {
            source: source.as_str().unwrap_or_default().to_owned(),
            abi: artifact
                .get("abi")
                .cloned()
                .ok_or_else(|| format!("{}: no `abi`", path.display()))?,
            creation: code("/bytecode/object")?,
            runtime: code("/deployedBytecode/object")?,
            runtime_source_map: artifact
                .pointer("/deployedBytecode/sourceMap")
                .and_then(|v| v.as_str())
                .ok_or_else(|| {
                    format!(
                        "{}: no string at /deployedBytecode/sourceMap",
                        path.display()
                    )
                })?
                .to_owned(),
        };
        contracts.insert(name.clone(), compiled);
    }
    Ok(Bundle {
        record: head,
        contracts,
        stale: None,
    })
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))
}

fn parse_hex(text: &str) -> Result<Vec<u8>, String> {
    let digits = text.strip_prefix("0x").unwrap_or(text).as_bytes();
    if !digits.len().is_multiple_of(2) {
        return Err("odd number of hex digits".into());
    }
    digits
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
                .ok_or_else(|| format!("bad hex digits {:?}", String::from_utf8_lossy(pair)))
        })
        .collect()
}

/// Lowercase hex without `0x`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
