//! The contracts manifest: which artifact implements each of the sixteen contracts, and how
//! they are deployed and wired. Paths are relative to the manifest.
//!
//! ```json
//! {
//!   "contracts": {
//!     "UniversalAdjudicationContract": {
//!       "artifact": "out/Adjudicator.json",
//!       "constructor": { "types": "(uint256,address)", "args": ["$period", "$deployer"] }
//!     },
//!     "NotPredicate": "out/NotPredicate.json",
//!     "AndPredicate": "bundled",
//!     "…": "one entry per name of ovm_chain::deployment::DEPLOYMENT_ORDER"
//!   },
//!   "libraries": { "src/lib/Codec.sol:Codec": "out/Codec.json" },
//!   "wiring": [
//!     { "to": "UniversalAdjudicationContract",
//!       "call": "setConnectives(address[5])", "args": ["$connectives"] },
//!     "initialize"
//!   ]
//! }
//! ```
//!
//! - A slot is an artifact path, `"bundled"` (the bundled contract of that name, so an
//!   implementation of some of the contracts plugs in beside the bundled rest), or an object
//!   with `artifact` and an optional `constructor` (the parameter types as one tuple, and one
//!   argument per parameter). Without `constructor` a contract gets the spec's: the UAC
//!   `constructor(uint256 period)`, each predicate `constructor(address uac)`, the storage
//!   contract none.
//! - An artifact is a solc / foundry / hardhat JSON file holding the *creation* bytecode as
//!   `bytecode.object` (foundry), `bytecode` (a hex string, hardhat) or `evm.bytecode.object`
//!   (solc standard JSON); `0x` is optional.
//! - `libraries` (optional) maps a library's fully qualified name (`path:Name`, as solc's
//!   `linkReferences` and `__$…$__` placeholders name it) to its artifact. Libraries are
//!   deployed first, in the order of their names, from `ovm_chain::plan::LIBRARY_DEPLOYER`
//!   (so the sixteen contracts keep the spec's addresses), and linked into every artifact —
//!   at its `linkReferences` offsets, and wherever the placeholder of a listed library occurs.
//!   A reference to an unlisted library is an error naming it.
//! - `wiring` (optional, default `["initialize"]`): the calls the deployer sends after the
//!   sixteen creations, in order. `"initialize"` is the spec's one-shot `UAC.initialize`; any
//!   other step names the contract called (`to`), the function (`call`, `name(types)`) and
//!   its arguments.
//! - An argument is a literal coerced to its parameter's type (`"42"`, `42`, `"0x…"`, `true`),
//!   a list (`[…]`, for arrays and tuples), `"@Name"` (the address of a contract or library),
//!   or a variable: `$period`, `$deployer`, `$connectives` (the five connectives, in the spec's
//!   order Not, And, Or, ForAll, ThereExists), `$atomics` (the nine atomics, in
//!   `DEPLOYMENT_ORDER`), `$storages` (the storage contract).
//!
//! Every error names the manifest or artifact file and the field.

use crate::contracts::{BUNDLED_SLOT, ManifestError, bundled_code, read_json};
use ovm_chain::{
    CreationCodes, DeploymentPlan,
    deployment::DEPLOYMENT_ORDER,
    plan::{Arg, Constructor, Library, Wiring},
};
use ovm_core::{Address, Bytes, hex, keccak256};
use serde_json::{Map, Value};
use std::path::Path;

/// Reads the manifest at `path` into a deployment plan, checked against an example
/// deployment so that argument errors surface before anything runs.
pub fn read_plan(path: &Path) -> Result<DeploymentPlan, ManifestError> {
    let shown = path.display().to_string();
    let manifest = read_json(path)?;
    let format = |message: String| ManifestError::Format {
        path: shown.clone(),
        message,
    };
    let Some(entries) = manifest.get("contracts").and_then(Value::as_object) else {
        return Err(format(
            "expected an object {\"contracts\": {\"<ContractName>\": \"<artifact path>\", …}}"
                .into(),
        ));
    };
    if let Some(key) = manifest
        .as_object()
        .and_then(|m| m.keys().find(|k| !TOP_LEVEL.contains(&k.as_str())))
    {
        return Err(format(format!(
            "{key}: unknown field (expected {})",
            TOP_LEVEL.join(", ")
        )));
    }
    let base = path.parent().unwrap_or_else(|| Path::new("."));
    let library_files = match manifest.get("libraries") {
        None => Map::new(),
        Some(Value::Object(map)) => map.clone(),
        Some(_) => {
            return Err(format(
                "libraries: expected an object {\"path:Name\": \"<artifact path>\", …}".into(),
            ));
        }
    };
    let links: Vec<(String, Address)> = library_files
        .keys()
        .enumerate()
        .map(|(i, name)| (name.clone(), DeploymentPlan::library_address(i)))
        .collect();
    let mut libraries = Vec::with_capacity(library_files.len());
    for (name, file) in &library_files {
        let file = file
            .as_str()
            .ok_or_else(|| format(format!("libraries.{name}: expected the artifact's path")))?;
        libraries.push(Library {
            name: name.clone(),
            code: artifact_code(&base.join(file), &links)?,
        });
    }
    let mut named = Vec::with_capacity(entries.len());
    let mut constructors: Vec<(String, Constructor)> = Vec::new();
    for (name, slot) in entries {
        let field = format!("contracts.{name}");
        let (file, constructor) = match slot {
            Value::String(file) => (file.as_str(), None),
            Value::Object(slot) => {
                if let Some(key) = slot.keys().find(|k| !SLOT.contains(&k.as_str())) {
                    return Err(format(format!(
                        "{field}.{key}: unknown field (expected {})",
                        SLOT.join(", ")
                    )));
                }
                let file = slot
                    .get("artifact")
                    .and_then(Value::as_str)
                    .ok_or_else(|| {
                        format(format!("{field}.artifact: expected the artifact's path"))
                    })?;
                let constructor = slot
                    .get("constructor")
                    .map(|c| constructor_of(c, &format!("{field}.constructor")))
                    .transpose()
                    .map_err(format)?;
                (file, constructor)
            }
            _ => {
                return Err(format(format!(
                    "{field}: expected the artifact's path, \"bundled\" or {{\"artifact\": …}}"
                )));
            }
        };
        let code = if file == BUNDLED_SLOT {
            bundled_code(name).ok_or_else(|| {
                format(format!(
                    "{field}: \"bundled\", but no bundled contract has that name (one of {})",
                    DEPLOYMENT_ORDER.join(", ")
                ))
            })?
        } else {
            artifact_code(&base.join(file), &links)?
        };
        named.push((name.clone(), code));
        if let Some(c) = constructor {
            constructors.push((name.clone(), c));
        }
    }
    let contracts_error = |message: String| ManifestError::Contracts {
        path: shown.clone(),
        message,
    };
    let codes = CreationCodes::from_named(named).map_err(|e| contracts_error(e.to_string()))?;
    let mut plan = DeploymentPlan::spec(codes);
    plan.libraries = libraries;
    for (name, c) in constructors {
        if let Some(i) = DEPLOYMENT_ORDER.iter().position(|n| *n == name) {
            plan.constructors[i] = Some(c);
        }
    }
    if let Some(wiring) = manifest.get("wiring") {
        plan.wiring = wiring_of(wiring).map_err(format)?;
    }
    plan.validate()
        .map_err(|e| contracts_error(e.to_string()))?;
    Ok(plan)
}

/// The fields a manifest may have.
const TOP_LEVEL: [&str; 3] = ["contracts", "libraries", "wiring"];
/// The fields an object slot may have.
const SLOT: [&str; 2] = ["artifact", "constructor"];

/// A `constructor` object: `{"types": "(…)", "args": […]}`.
fn constructor_of(value: &Value, field: &str) -> Result<Constructor, String> {
    let types = value.get("types").and_then(Value::as_str).ok_or_else(|| {
        format!("{field}.types: expected the parameter types, e.g. \"(uint256,address)\"")
    })?;
    Ok(Constructor {
        types: types.to_owned(),
        args: args_of(value.get("args"), &format!("{field}.args"))?,
    })
}

/// The `wiring` list.
fn wiring_of(value: &Value) -> Result<Vec<Wiring>, String> {
    let steps = value.as_array().ok_or(
        "wiring: expected a list of steps (\"initialize\" or {\"to\", \"call\", \"args\"})",
    )?;
    steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let field = format!("wiring[{i}]");
            match step {
                Value::String(s) if s == "initialize" => Ok(Wiring::Initialize),
                Value::Object(call) => {
                    let text = |key: &str| {
                        call.get(key)
                            .and_then(Value::as_str)
                            .map(str::to_owned)
                            .ok_or_else(|| format!("{field}.{key}: expected a string"))
                    };
                    Ok(Wiring::Call {
                        to: text("to")?,
                        signature: text("call")?,
                        args: args_of(call.get("args"), &format!("{field}.args"))?,
                    })
                }
                _ => Err(format!(
                    "{field}: expected \"initialize\" or {{\"to\": …, \"call\": …, \"args\": […]}}"
                )),
            }
        })
        .collect()
}

/// An `args` list (absent: none).
fn args_of(value: Option<&Value>, field: &str) -> Result<Vec<Arg>, String> {
    match value {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| arg_of(item, &format!("{field}[{i}]")))
            .collect(),
        Some(_) => Err(format!("{field}: expected a list")),
    }
}

/// One argument (see the module docs).
fn arg_of(value: &Value, field: &str) -> Result<Arg, String> {
    Ok(match value {
        Value::String(s) => match s.as_str() {
            "$period" => Arg::Period,
            "$deployer" => Arg::Deployer,
            "$connectives" => Arg::Connectives,
            "$atomics" => Arg::Atomics,
            "$storages" => Arg::Storages,
            other if other.starts_with('$') => {
                return Err(format!(
                    "{field}: unknown variable {other:?} (one of $period, $deployer, $connectives, $atomics, $storages)"
                ));
            }
            other => match other.strip_prefix('@') {
                Some(name) => Arg::Contract(name.to_owned()),
                None => Arg::Literal(other.to_owned()),
            },
        },
        Value::Number(n) => Arg::Literal(n.to_string()),
        Value::Bool(b) => Arg::Literal(b.to_string()),
        Value::Array(items) => Arg::List(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| arg_of(item, &format!("{field}[{i}]")))
                .collect::<Result<_, _>>()?,
        ),
        _ => {
            return Err(format!(
                "{field}: expected a string, number, boolean or list"
            ));
        }
    })
}

/// The creation code of one artifact file, with the `links` (library name → address)
/// applied at its `linkReferences` and placeholders.
fn artifact_code(path: &Path, links: &[(String, Address)]) -> Result<Bytes, ManifestError> {
    let shown = path.display().to_string();
    let error = |message: String| ManifestError::Format {
        path: shown.clone(),
        message,
    };
    let json = read_json(path)?;
    let (pointer, hex_text) = [
        ("/bytecode/object", "/bytecode/linkReferences"),
        ("/bytecode", "/linkReferences"),
        ("/evm/bytecode/object", "/evm/bytecode/linkReferences"),
    ]
    .into_iter()
    .find_map(|(code, refs)| Some((refs, json.pointer(code)?.as_str()?)))
    .ok_or_else(|| {
        error(
            "no creation bytecode (looked for bytecode.object, bytecode, evm.bytecode.object)"
                .into(),
        )
    })?;
    let mut digits = hex_text.strip_prefix("0x").unwrap_or(hex_text).to_owned();
    if let Some(refs) = json.pointer(pointer) {
        link_at_offsets(&mut digits, refs, links).map_err(error)?;
    }
    link_placeholders(&mut digits, links);
    parse_code(&digits).map_err(error)
}

/// Writes the library addresses at solc's `linkReferences` (`{file: {Name: [{start,
/// length}]}}`, byte offsets into the code).
fn link_at_offsets(
    digits: &mut String,
    refs: &Value,
    links: &[(String, Address)],
) -> Result<(), String> {
    let Some(files) = refs.as_object() else {
        return Err("linkReferences: expected an object".into());
    };
    for (file, names) in files {
        for (name, places) in names.as_object().into_iter().flatten() {
            let qualified = format!("{file}:{name}");
            let Some((_, address)) = links.iter().find(|(n, _)| *n == qualified) else {
                return Err(format!(
                    "links library {qualified}, which the manifest's \"libraries\" does not name"
                ));
            };
            for place in places.as_array().into_iter().flatten() {
                let start = place
                    .get("start")
                    .and_then(Value::as_u64)
                    .unwrap_or(u64::MAX);
                let at = usize::try_from(start)
                    .unwrap_or(usize::MAX)
                    .saturating_mul(2);
                if at.saturating_add(40) > digits.len() || !digits.is_char_boundary(at) {
                    return Err(format!(
                        "linkReferences.{file}.{name}: offset {start} is outside the code"
                    ));
                }
                digits.replace_range(at..at + 40, &hex::encode(address));
            }
        }
    }
    Ok(())
}

/// Replaces solc's placeholder `__$<34 hex digits of keccak(name)>$__` of every library.
fn link_placeholders(digits: &mut String, links: &[(String, Address)]) {
    for (name, address) in links {
        let hash = hex::encode(keccak256(name.as_bytes()));
        let placeholder = format!("__${}$__", &hash[..34]);
        *digits = digits.replace(&placeholder, &hex::encode(address));
    }
}

/// Hex digits (no `0x`) as bytes, refusing unlinked references and empty code.
fn parse_code(digits: &str) -> Result<Bytes, String> {
    if let Some(at) = digits.find("__") {
        let reference: String = digits[at..].chars().take(40).collect();
        return Err(format!(
            "the bytecode has an unlinked library reference `{reference}`: name the library in the manifest's \"libraries\""
        ));
    }
    if digits.is_empty() {
        return Err("the bytecode is empty (an interface or abstract contract?)".into());
    }
    hex::decode(digits)
        .map(Bytes::from)
        .map_err(|e| format!("the bytecode is not hex: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_parsing() {
        assert_eq!(parse_code("6001").unwrap().as_ref(), &[0x60, 0x01]);
        assert!(parse_code("").is_err());
        assert!(parse_code("600").is_err());
        assert!(parse_code("60__$abc$__").unwrap_err().contains("__$abc$__"));
        assert!(parse_code("zz").is_err());
    }

    #[test]
    fn placeholders_and_offsets_link() {
        let name = "src/L.sol:L".to_owned();
        let address = Address::repeat_byte(0xab);
        let links = [(name.clone(), address)];
        let hash = hex::encode(keccak256(name.as_bytes()));
        let mut digits = format!("73__${}$__60", &hash[..34]);
        link_placeholders(&mut digits, &links);
        assert_eq!(digits, format!("73{}60", "ab".repeat(20)));

        let mut digits = format!("73{}60", "00".repeat(20));
        let refs = serde_json::json!({"src/L.sol": {"L": [{"start": 1, "length": 20}]}});
        link_at_offsets(&mut digits, &refs, &links).unwrap();
        assert_eq!(digits, format!("73{}60", "ab".repeat(20)));
        let far = serde_json::json!({"src/L.sol": {"L": [{"start": 9, "length": 20}]}});
        assert!(
            link_at_offsets(&mut digits, &far, &links)
                .unwrap_err()
                .contains("outside")
        );
        let other = serde_json::json!({"src/M.sol": {"M": [{"start": 1, "length": 20}]}});
        assert!(
            link_at_offsets(&mut digits, &other, &links)
                .unwrap_err()
                .contains("src/M.sol:M")
        );
    }

    #[test]
    fn arguments_parse() {
        let arg = |v: Value| arg_of(&v, "x");
        assert_eq!(arg("$period".into()).unwrap(), Arg::Period);
        assert_eq!(
            arg("@NotPredicate".into()).unwrap(),
            Arg::Contract("NotPredicate".into())
        );
        assert_eq!(arg(7.into()).unwrap(), Arg::Literal("7".into()));
        assert_eq!(
            arg(serde_json::json!(["$atomics", true])).unwrap(),
            Arg::List(vec![Arg::Atomics, Arg::Literal("true".into())])
        );
        assert!(arg("$nope".into()).unwrap_err().contains("$nope"));
        assert!(arg(Value::Null).is_err());
        let wiring = wiring_of(&serde_json::json!(["initialize", {"to": "X", "call": "f()"}]));
        assert_eq!(wiring.unwrap().len(), 2);
        assert!(
            wiring_of(&serde_json::json!([{"to": "X"}]))
                .unwrap_err()
                .contains("wiring[0].call")
        );
    }
}
