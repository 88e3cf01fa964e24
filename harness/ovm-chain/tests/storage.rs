//! Spec §5.2 with storage contracts other than `CommitmentContract`: a deployment wired with
//! extra storage contracts made of raw EVM bytecode that return chosen data, revert, or burn
//! all their gas. `IsStored` must read a failed call or non-canonical `abi.encode(bytes)`
//! returndata as False, an empty `bytes` as undefined, and compare non-empty bytes exactly.

mod common;

use alloy_primitives::{Address, Bytes, U256};
use common::*;
use ovm_chain::{Chain, DEPLOYER, Deployment, Revert, bindings as b, deployment::DEPLOYMENT_ORDER};
use ovm_core::{Builder, abi};
use rstest::rstest;

/// Runtime code returning `data` for any call.
fn returning(data: &[u8]) -> Vec<u8> {
    let mut code = Vec::new();
    for (i, chunk) in data.chunks(32).enumerate() {
        let mut word = [0u8; 32];
        word[..chunk.len()].copy_from_slice(chunk);
        code.push(0x7f); // PUSH32
        code.extend_from_slice(&word);
        code.push(0x61); // PUSH2 offset
        code.extend_from_slice(&((i * 32) as u16).to_be_bytes());
        code.push(0x52); // MSTORE
    }
    code.push(0x61); // PUSH2 len
    code.extend_from_slice(&(data.len() as u16).to_be_bytes());
    code.extend_from_slice(&[0x60, 0x00, 0xf3]); // PUSH1 0 RETURN
    code
}

/// Initcode that deploys `runtime` as is.
fn initcode(runtime: &[u8]) -> Bytes {
    let len = runtime.len() as u16;
    let mut code = vec![0x61]; // PUSH2 len
    code.extend_from_slice(&len.to_be_bytes());
    code.extend_from_slice(&[0x80, 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3]); // DUP1 PUSH1 12 PUSH1 0 CODECOPY PUSH1 0 RETURN
    assert_eq!(code.len(), 12);
    code.extend_from_slice(runtime);
    code.into()
}

/// The storage behaviours under test.
fn behaviours() -> Vec<(&'static str, Vec<u8>)> {
    let canonical = |v: &[u8]| alloy_sol_types::SolValue::abi_encode(&Bytes::copy_from_slice(v));
    let mut bad_offset = canonical(b"abc");
    bad_offset[31] = 0x40;
    let mut dirty_padding = canonical(b"abc");
    let last = dirty_padding.len() - 1;
    dirty_padding[last] = 1;
    let mut trailing = canonical(b"abc");
    trailing.extend([0u8; 32]);
    vec![
        ("abc", returning(&canonical(b"abc"))),
        ("empty", returning(&canonical(b""))),
        ("bad_offset", returning(&bad_offset)),
        ("dirty_padding", returning(&dirty_padding)),
        ("trailing", returning(&trailing)),
        ("short", returning(&[0u8; 31])),
        ("nothing", returning(&[])),
        ("reverts", vec![0x60, 0x00, 0x60, 0x00, 0xfd]),
        ("burns_gas", vec![0x5b, 0x60, 0x00, 0x56]),
    ]
}

/// A full deployment (as [`Chain::deploy`]) whose registry also holds the raw storages.
fn deployment_with_raw_storages() -> (Chain, Deployment, Vec<(&'static str, Address)>) {
    let mut chain = Chain::new();
    let d = Deployment::predicted(DEPLOYER, 0, 7);
    let args = |name: &str| match name {
        "UniversalAdjudicationContract" => abi::encode_uint(7).to_vec(),
        "CommitmentContract" => Vec::new(),
        _ => abi::encode_address(d.uac).to_vec(),
    };
    let bytecodes: [&Bytes; 16] = [
        &b::UniversalAdjudicationContract::BYTECODE,
        &b::NotPredicate::BYTECODE,
        &b::AndPredicate::BYTECODE,
        &b::OrPredicate::BYTECODE,
        &b::ForAllSuchThatQuantifier::BYTECODE,
        &b::ThereExistsSuchThatQuantifier::BYTECODE,
        &b::EqualPredicate::BYTECODE,
        &b::IsLessThanPredicate::BYTECODE,
        &b::IsValidSignaturePredicate::BYTECODE,
        &b::IsHashPreimagePredicate::BYTECODE,
        &b::IsContainedPredicate::BYTECODE,
        &b::HasIntersectionPredicate::BYTECODE,
        &b::IsSameAmountPredicate::BYTECODE,
        &b::IsStoredPredicate::BYTECODE,
        &b::VerifyInclusionPredicate::BYTECODE,
        &b::CommitmentContract::BYTECODE,
    ];
    for ((name, expected), code) in d.all().into_iter().zip(bytecodes) {
        assert_eq!(
            name,
            DEPLOYMENT_ORDER[DEPLOYMENT_ORDER.iter().position(|n| *n == name).unwrap()]
        );
        let initcode: Bytes = [code.as_ref(), &args(name)].concat().into();
        assert_eq!(
            chain.deploy_contract(DEPLOYER, initcode).unwrap().result,
            Ok(expected),
            "{name}"
        );
    }
    let raw: Vec<(&str, Address)> = behaviours()
        .into_iter()
        .map(|(name, runtime)| {
            (
                name,
                chain
                    .deploy_contract(ALICE, initcode(&runtime))
                    .unwrap()
                    .result
                    .unwrap(),
            )
        })
        .collect();
    let mut call = d.initialize_call();
    call.storageContracts.extend(raw.iter().map(|(_, a)| *a));
    assert!(chain.send(DEPLOYER, d.uac, &call).unwrap().is_ok());
    chain.adopt_deployment(d);
    (chain, d, raw)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Truth {
    True,
    False,
    Undefined,
}

#[rstest]
#[case::canonical_match("abc", b"abc".as_slice(), Truth::True)]
#[case::canonical_mismatch("abc", b"abd".as_slice(), Truth::False)]
#[case::canonical_prefix("abc", b"ab".as_slice(), Truth::False)]
#[case::empty_is_undefined("empty", b"".as_slice(), Truth::Undefined)]
#[case::empty_is_undefined_any_value("empty", b"x".as_slice(), Truth::Undefined)]
#[case::bad_offset("bad_offset", b"abc".as_slice(), Truth::False)]
#[case::dirty_padding("dirty_padding", b"abc".as_slice(), Truth::False)]
#[case::trailing_bytes("trailing", b"abc".as_slice(), Truth::False)]
#[case::short_returndata("short", b"".as_slice(), Truth::False)]
#[case::no_returndata("nothing", b"".as_slice(), Truth::False)]
#[case::reverting_storage("reverts", b"".as_slice(), Truth::False)]
#[case::gas_burning_storage("burns_gas", b"".as_slice(), Truth::False)]
fn raw_storage_returndata(#[case] storage: &str, #[case] value: &[u8], #[case] truth: Truth) {
    let (mut chain, d, raw) = deployment_with_raw_storages();
    let s = raw.iter().find(|(n, _)| *n == storage).unwrap().1;
    let builder = Builder::new(d.registry());
    let p = builder.is_stored(s, uint(1), Bytes::copy_from_slice(value));
    assert_eq!(chain.decide(&p).unwrap(), truth == Truth::True);
    claim(&mut chain, &p);
    let t = chain.fork().decide_true(BOB, &p).unwrap().result;
    let f = chain.fork().decide_false(BOB, &p).unwrap().result;
    match truth {
        Truth::True => assert_eq!((t, f), (Ok(()), Err(Revert::NotFalse))),
        Truth::False => assert_eq!((t, f), (Err(Revert::NotTrue), Ok(()))),
        Truth::Undefined => assert_eq!((t, f), (Err(Revert::NotTrue), Err(Revert::NotFalse))),
    }
    let _ = U256::ZERO;
}

// ---------------------------------------------------------------------- unregistered predicates

/// An unregistered contract that answers `true` (abi-encoded) to any call: connectives must
/// never ask it (spec §4: they only call registered predicates).
#[test]
fn connectives_never_call_an_unregistered_yes_sayer() {
    let (mut chain, d, _) = setup();
    let mut yes_word = vec![0u8; 32];
    yes_word[31] = 1;
    let yes = chain
        .deploy_contract(ALICE, initcode(&returning(&yes_word)))
        .unwrap()
        .result
        .unwrap();
    let builder = Builder::new(d.registry());
    let q = builder.at(yes, [raw(b"anything")]);
    // It really says yes when asked directly.
    assert!(chain.decide_with_witness(&q, &[]).unwrap());
    let w = abi::encode_bytes_array(&[]);
    let cases = [
        (builder.not(builder.not(&q)), vec![]),
        (builder.and([&q]), vec![w.clone()]),
        (builder.or([&q]), vec![uint(0)]),
        (builder.there_exists("h", "x", var("x")), vec![q.encode()]),
        (
            builder.there_exists("h", "x", builder.at(yes, [var("x")])),
            vec![raw(b"t")],
        ),
    ];
    for (p, witness) in cases {
        assert!(!chain.decide_with_witness(&p, &witness).unwrap(), "{p:?}");
        claim(&mut chain, &p);
        let out = chain.decide_claim_with_witness(BOB, &p, &witness).unwrap();
        assert_eq!(out.result, Err(Revert::WitnessRejected { game_id: p.id() }));
    }
    // Nor can it be claimed or decide anything itself.
    assert_eq!(
        chain.claim_property(ALICE, &q).unwrap().result,
        Err(Revert::UnknownPredicate { predicate: yes })
    );
}
