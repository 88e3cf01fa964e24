//! Every file under `vectors/` (except `schema.json`) loads, is in canonical form, resolves
//! against a deployment, and — where ovm-core alone can tell — says what the spec says.

use ovm_core::{
    Address, Property, Registry, abi, depth, placeholder::is_placeholder, signing, subst_view,
};
use ovm_vectors::{Check, Resolver, Truth, Vector, VectorFile, load, to_pretty_json};
use std::path::{Path, PathBuf};

fn vector_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("vectors/ is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json")
                && path.file_name().is_some_and(|n| n != "schema.json")
            {
                out.push(path);
            }
        }
    }
    let root = Path::new(ovm_vectors::SCHEMA_PATH).parent().unwrap();
    let mut files = Vec::new();
    walk(root, &mut files);
    files.sort();
    files
}

fn contracts() -> [(&'static str, Address); 3] {
    [
        ("UAC", Address::repeat_byte(0xaa)),
        (
            "CommitmentContract",
            Registry::with_test_addresses().storages().next().unwrap(),
        ),
        ("deployer", Address::repeat_byte(0xde)),
    ]
}

#[test]
fn every_vector_loads_and_is_canonical() {
    let files = vector_files();
    assert!(
        files.len() >= 6,
        "expected the example vectors, found {files:?}"
    );
    let mut kinds = std::collections::BTreeSet::new();
    for file in &files {
        let vector = load(file).unwrap_or_else(|err| panic!("{err}"));
        kinds.insert(vector.kind().name());
        let text = std::fs::read_to_string(file).unwrap();
        assert_eq!(
            to_pretty_json(&vector),
            text,
            "{} is not in canonical form: run `cargo run -p ovm-vectors --example canonicalize`",
            file.display()
        );
    }
    assert_eq!(
        kinds.len(),
        6,
        "one example per kind at least, found {kinds:?}"
    );
}

/// Resolves every input of a vector, so that names and signers in the examples exist.
fn resolve_all(
    vector: &VectorFile,
    resolver: &Resolver<'_>,
) -> Result<(), ovm_vectors::ResolveError> {
    // Round-tripping through JSON would be indirect; walk the kinds instead.
    match &vector.vector {
        Vector::Encoding(v) => {
            for (i, check) in v.checks.iter().enumerate() {
                let p = format!("checks[{i}]");
                match check {
                    Check::Id { property, .. } => drop(resolver.property(property, &p)?),
                    Check::IsProperty { bytes, .. }
                    | Check::Placeholder { bytes, .. }
                    | Check::Depth { bytes, .. } => drop(resolver.input(bytes, &p)?),
                    Check::Admissible {
                        body, name, value, ..
                    } => {
                        resolver.input(body, &p)?;
                        resolver.input(name, &p)?;
                        resolver.input(value, &p)?;
                    }
                    Check::Subst {
                        x,
                        name,
                        value,
                        expect,
                    } => {
                        resolver.input(x, &p)?;
                        resolver.input(name, &p)?;
                        resolver.input(value, &p)?;
                        if let Some(expect) = expect {
                            resolver.input(expect, &p)?;
                        }
                    }
                }
            }
        }
        Vector::Atomic(v) => drop(resolver.inputs(&v.inputs, "inputs")?),
        Vector::Challenge(v) => {
            resolver.property(&v.claim, "claim")?;
            resolver.inputs(&v.challenge_inputs, "challenge_inputs")?;
            resolver.property(&v.challenge, "challenge")?;
        }
        Vector::Witness(v) => {
            resolver.property(&v.claim, "claim")?;
            resolver.inputs(&v.witness, "witness")?;
        }
        Vector::Uac(v) => {
            for (i, call) in v.calls().enumerate() {
                resolver.sender(call.from(), &format!("steps[{i}].from"))?;
            }
            if let Some(expect) = &v.expect {
                for (i, event) in expect.events.iter().flatten().enumerate() {
                    resolver.inputs(
                        event.args.as_deref().unwrap_or(&[]),
                        &format!("expect.events[{i}].args"),
                    )?;
                }
                for (i, game) in expect.games.iter().flatten().enumerate() {
                    resolver.property(&game.property, &format!("expect.games[{i}].property"))?;
                }
            }
        }
        Vector::Game(v) => {
            resolver.property(&v.claim, "claim")?;
            for (i, action) in v.adversary.iter().enumerate() {
                resolver.sender(action.action.from(), &format!("adversary[{i}].action.from"))?;
            }
        }
    }
    Ok(())
}

#[test]
fn every_vector_resolves_against_the_test_registry() {
    let registry = Registry::with_test_addresses();
    for file in vector_files() {
        let vector = load(&file).unwrap();
        let resolver = Resolver::for_vector(&registry, contracts(), &vector)
            .unwrap_or_else(|err| panic!("{}: {err}", file.display()));
        resolve_all(&vector, &resolver).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
    }
}

/// The encoding checks, evaluated with ovm-core (the Rust half of §9 E).
#[test]
fn encoding_examples_hold_in_ovm_core() {
    let registry = Registry::with_test_addresses();
    let mut checked = 0;
    for file in vector_files() {
        let vector = load(&file).unwrap();
        let Vector::Encoding(encoding) = &vector.vector else {
            continue;
        };
        let resolver = Resolver::new(&registry, contracts(), None).unwrap();
        for (i, check) in encoding.checks.iter().enumerate() {
            let at = format!("{}: checks[{i}]", file.display());
            match check {
                Check::Id { property, expect } => {
                    let p = resolver.property(property, "property").unwrap();
                    if let Some(expect) = expect {
                        assert_eq!(p.id(), expect.0, "{at}");
                    }
                }
                Check::IsProperty { bytes, expect } => {
                    let b = resolver.input(bytes, "bytes").unwrap();
                    assert_eq!(Some(Property::is_property(&b)), *expect, "{at}");
                }
                Check::Placeholder { bytes, expect } => {
                    let b = resolver.input(bytes, "bytes").unwrap();
                    assert_eq!(Some(is_placeholder(&b)), *expect, "{at}");
                }
                Check::Subst {
                    x,
                    name,
                    value,
                    expect,
                } => {
                    let out = subst_view(
                        &resolver.input(x, "x").unwrap(),
                        &resolver.input(name, "name").unwrap(),
                        &resolver.input(value, "value").unwrap(),
                        &registry,
                    );
                    if let Some(expect) = expect {
                        assert_eq!(out, resolver.input(expect, "expect").unwrap(), "{at}");
                    }
                }
                Check::Depth { bytes, expect } => {
                    let b = resolver.input(bytes, "bytes").unwrap();
                    assert_eq!(Some(depth(&b, &registry)), *expect, "{at}");
                }
                // Admissibility is the decider crate's mirror, compared by the runner.
                Check::Admissible { .. } => continue,
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} encoding checks");
}

/// The atomic examples ovm-core can evaluate on its own (Equal, IsLessThan, IsValidSignature).
#[test]
fn simple_atomic_examples_hold_in_ovm_core() {
    let registry = Registry::with_test_addresses();
    for file in vector_files() {
        let vector = load(&file).unwrap();
        let Vector::Atomic(atomic) = &vector.vector else {
            continue;
        };
        let resolver = Resolver::for_vector(&registry, contracts(), &vector).unwrap();
        let inputs = resolver.inputs(&atomic.inputs, "inputs").unwrap();
        let truth = match (atomic.predicate.0.name(), &inputs[..]) {
            ("Equal", [a, b]) => a == b,
            ("IsLessThan", [a, b]) => matches!(
                (abi::decode_u256(a), abi::decode_u256(b)),
                (Some(a), Some(b)) if a < b
            ),
            ("IsValidSignature", [m, s, signer, tag]) => {
                tag.as_ref() == b"secp256k1" && signing::is_valid_signature(m, s, signer)
            }
            _ => continue,
        };
        let expected = if truth { Truth::True } else { Truth::False };
        assert_eq!(atomic.expect, Some(expected), "{}", file.display());
    }
}
