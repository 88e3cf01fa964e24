//! Deployment and wiring (one-shot `initialize`: NotDeployer, AlreadyInitialized; UAC
//! constructor: InvalidPeriod), the registry views, golden ids of spec §1, and the coverage of
//! every declared error and event by the decoders.

mod common;

use std::collections::BTreeSet;

use alloy_primitives::{Address, B256, Bytes, U256, b256};
use common::*;
use ovm_chain::{
    Chain, DEPLOYER, Deployment, OvmEvent, Revert,
    artifacts::{self, CONTRACTS},
    bindings::{CommitmentContract, NotPredicate, UniversalAdjudicationContract as Uac},
    deployment::DEPLOYMENT_ORDER,
    errors::declared_errors,
    events::declared_events,
};
use ovm_core::{AtomicKind, ConnectiveKind, PredicateKind, Property, Registry};
use rstest::rstest;

#[test]
fn deployment_addresses_are_deployer_creates_in_order() {
    let (chain, d, _) = setup();
    assert_eq!(d, Deployment::predicted(DEPLOYER, 0, 7));
    for (i, (name, address)) in d.all().into_iter().enumerate() {
        assert_eq!(name, DEPLOYMENT_ORDER[i]);
        assert_eq!(address, DEPLOYER.create(i as u64), "{name}");
        assert!(!chain.code(address).is_empty(), "{name} has code");
        let info = artifacts::contract(name).expect("artifact");
        assert!(info.runtime_code_len <= 24_576, "{name} exceeds EIP-170");
        assert_eq!(
            chain.code(address).len(),
            info.runtime_code_len,
            "{name} runtime size"
        );
    }
    // 16 creations + initialize.
    assert_eq!(chain.nonce(DEPLOYER), 17);
}

#[test]
fn registry_views_match_the_deployment() {
    let (mut chain, d, _) = setup();
    assert_eq!(
        chain.view(d.uac, &Uac::disputePeriodCall {}).unwrap(),
        U256::from(7)
    );
    assert_eq!(chain.view(d.uac, &Uac::deployerCall {}).unwrap(), DEPLOYER);
    assert!(chain.view(d.uac, &Uac::initializedCall {}).unwrap());
    let c = chain.view(d.uac, &Uac::connectivesCall {}).unwrap();
    assert_eq!(
        [
            c.notPredicate,
            c.andPredicate,
            c.orPredicate,
            c.forAllPredicate,
            c.thereExistsPredicate
        ],
        d.connectives()
    );
    for a in d.connectives() {
        assert!(chain.view(d.uac, &Uac::isConnectiveCall(a)).unwrap());
        assert!(!chain.view(d.uac, &Uac::isAtomicCall(a)).unwrap());
        assert!(!chain.view(d.uac, &Uac::isStorageCall(a)).unwrap());
    }
    for a in d.atomics() {
        assert!(!chain.view(d.uac, &Uac::isConnectiveCall(a)).unwrap());
        assert!(chain.view(d.uac, &Uac::isAtomicCall(a)).unwrap());
    }
    assert!(
        chain
            .view(d.uac, &Uac::isStorageCall(d.commitment))
            .unwrap()
    );
    for a in [d.uac, d.commitment, DEPLOYER, Address::ZERO] {
        assert!(!chain.view(d.uac, &Uac::isConnectiveCall(a)).unwrap());
        assert!(!chain.view(d.uac, &Uac::isAtomicCall(a)).unwrap());
    }
    assert_eq!(
        chain
            .view(d.commitment, &CommitmentContract::operatorCall {})
            .unwrap(),
        DEPLOYER
    );
    // `uac()` is ConnectiveBase's getter, declared by no interface: NotPredicate's binding of it
    // stands for all five connectives.
    for a in d.connectives() {
        assert_eq!(chain.view(a, &NotPredicate::uacCall {}).unwrap(), d.uac);
    }
}

#[test]
fn registry_conversion() {
    let (_, d, _) = setup();
    let r: Registry = d.into();
    for (kind, address) in ConnectiveKind::ALL.into_iter().zip(d.connectives()) {
        assert_eq!(r.connective(address), Some(kind));
        assert_eq!(d.connective(kind), address);
        assert_eq!(r.connective_address(kind), address);
    }
    for (kind, address) in AtomicKind::ALL.into_iter().zip(d.atomics()) {
        assert_eq!(r.atomic(address), Some(kind));
        assert_eq!(d.atomic(kind), address);
        assert_eq!(d.predicate(PredicateKind::Atomic(kind)), address);
    }
    assert!(r.is_storage(d.commitment));
    assert_eq!(r.kind(d.uac), None);
}

#[test]
fn initialize_is_one_shot_and_deployer_only() {
    let (mut chain, d, _) = setup();
    let call = d.initialize_call();
    // NotDeployer is checked first, even though the UAC is already initialized.
    let out = chain.send(ALICE, d.uac, &call).unwrap();
    assert_eq!(
        out.result.map(drop),
        Err(Revert::NotDeployer { caller: ALICE })
    );
    let out = chain.send(DEPLOYER, d.uac, &call).unwrap();
    assert_eq!(out.result.map(drop), Err(Revert::AlreadyInitialized));
    // Rewiring to other addresses is equally impossible.
    let mut other = call.clone();
    other.notPredicate = ALICE;
    let out = chain.send(DEPLOYER, d.uac, &other).unwrap();
    assert_eq!(out.result.map(drop), Err(Revert::AlreadyInitialized));
}

#[test]
fn initialize_on_a_fresh_uac() {
    let mut chain = Chain::new();
    let initcode: Bytes = [Uac::BYTECODE.as_ref(), &ovm_core::abi::encode_uint(3)]
        .concat()
        .into();
    let uac = chain
        .deploy_contract(DEPLOYER, initcode)
        .unwrap()
        .result
        .unwrap();
    assert!(!chain.view(uac, &Uac::initializedCall {}).unwrap());
    let c = chain.view(uac, &Uac::connectivesCall {}).unwrap();
    assert_eq!(c.notPredicate, Address::ZERO);
    let mut d = Deployment::predicted(DEPLOYER, 0, 3);
    d.uac = uac;
    let call = d.initialize_call();
    let out = chain.send(BOB, uac, &call).unwrap();
    assert_eq!(
        out.result.map(drop),
        Err(Revert::NotDeployer { caller: BOB })
    );
    assert!(chain.send(DEPLOYER, uac, &call).unwrap().is_ok());
    let out = chain.send(DEPLOYER, uac, &call).unwrap();
    assert_eq!(out.result.map(drop), Err(Revert::AlreadyInitialized));
}

#[rstest]
#[case::zero(0, Some(Revert::InvalidPeriod))]
#[case::one(1, None)]
#[case::default(7, None)]
#[case::huge(u64::MAX, None)]
fn uac_constructor_period(#[case] period: u64, #[case] expected: Option<Revert>) {
    let mut chain = Chain::new();
    let initcode: Bytes = [Uac::BYTECODE.as_ref(), &ovm_core::abi::encode_uint(period)]
        .concat()
        .into();
    let out = chain.deploy_contract(DEPLOYER, initcode).unwrap();
    match expected {
        Some(revert) => assert_eq!(out.result, Err(revert)),
        None => {
            let uac = out.result.unwrap();
            assert_eq!(
                chain.view(uac, &Uac::disputePeriodCall {}).unwrap(),
                U256::from(period)
            );
        }
    }
    // The whole deployment with period 0 fails at the UAC constructor, with its own error.
    match Chain::deployed(0).unwrap_err() {
        ovm_chain::ChainError::Reverted { context, revert } => {
            assert_eq!(context, "deploying UniversalAdjudicationContract");
            assert_eq!(revert, Revert::InvalidPeriod);
        }
        other => panic!("expected the UAC constructor's revert, got {other}"),
    }
}

#[test]
fn game_helpers_need_a_deployment() {
    let mut chain = Chain::new();
    let p = Property::new(Address::with_last_byte(1), []);
    assert_eq!(
        chain.claim_property(ALICE, &p).unwrap_err(),
        ovm_chain::ChainError::NotDeployed
    );
    assert_eq!(
        chain.get_game(B256::ZERO).unwrap_err(),
        ovm_chain::ChainError::NotDeployed
    );
}

// ---------------------------------------------------------------------- golden ids (spec §1)

fn golden_p1() -> Property {
    Property::new(Address::with_last_byte(1), [Bytes::from_static(&[1])])
}

#[rstest]
#[case::p1(golden_p1(), b256!("0x85203420c48004fda08c19cda699434e6e52367924a0cef50df775e65f4e803b"), 224)]
#[case::no_inputs(Property::new(Address::with_last_byte(1), []), b256!("0xd9e7bce431ca8487c7edf313cae7c11573f9e7adf1fb4c1814a3824c6bbcbce9"), 128)]
#[case::not_p1(Property::new(Address::with_last_byte(2), [golden_p1().encode()]), b256!("0x198a32d4aefe4bc9b9b556ae8ed942df89474c6201558e2bb6b853dfae325962"), 416)]
fn golden_ids(#[case] p: Property, #[case] id: B256, #[case] len: usize) {
    let (mut chain, _, _) = setup();
    assert_eq!(p.encode().len(), len);
    assert_eq!(p.id(), id);
    assert_eq!(chain.get_property_id(&p).unwrap(), id);
}

#[test]
fn events_carry_the_property_id() {
    let (mut chain, _, b) = setup();
    let p = true_atom(&b, 1);
    let out = chain.claim_property(ALICE, &p).unwrap();
    assert_eq!(chain.get_property_id(&p).unwrap(), p.id());
    assert_eq!(out.events[0].game_id(), Some(p.id()));
}

// ---------------------------------------------------------------------- decoder coverage

fn args_of(signature: &str) -> usize {
    let inner = &signature[signature.find('(').unwrap() + 1..signature.len() - 1];
    if inner.is_empty() {
        0
    } else {
        inner.split(',').count()
    }
}

#[test]
fn every_declared_error_decodes_to_a_named_variant() {
    let declared = declared_errors();
    let names: BTreeSet<&str> = declared
        .iter()
        .map(|(_, sig)| &sig[..sig.find('(').unwrap()])
        .collect();
    let spec = [
        "UnknownPredicate",
        "TooDeep",
        "GameAlreadyExists",
        "GameNotFound",
        "GameAlreadyDecided",
        "DisputePeriodOver",
        "DisputePeriodNotOver",
        "NotAConnective",
        "InvalidChallenge",
        "DuplicateChallenge",
        "ChallengeNotFound",
        "ChallengeNotDecidedTrue",
        "ChallengeNotDecidedFalse",
        "ChallengesRemain",
        "WitnessRejected",
        "CallerNotPredicate",
        "NotTrue",
        "NotFalse",
        "InnerNotFalse",
        "ChildNotTrue",
        "InvalidPeriod",
        "NotDeployer",
        "AlreadyInitialized",
        "NotOperator",
        "ZeroRoot",
        "BlockNumberNotIncreasing",
    ];
    assert_eq!(
        names,
        spec.into_iter().collect::<BTreeSet<_>>(),
        "the contracts declare exactly the spec's errors"
    );
    for (selector, signature) in declared {
        // Every argument of these errors is a static word: zeros decode.
        let mut data = selector.to_vec();
        data.extend(vec![0u8; 32 * args_of(signature)]);
        let decoded = Revert::decode(&data);
        assert_eq!(
            decoded.name(),
            &signature[..signature.find('(').unwrap()],
            "{signature}"
        );
    }
}

#[test]
fn spec_error_signatures() {
    let signatures: BTreeSet<&str> = declared_errors().into_iter().map(|(_, s)| s).collect();
    for s in [
        "UnknownPredicate(address)",
        "TooDeep(uint256)",
        "GameAlreadyExists(bytes32)",
        "GameNotFound(bytes32)",
        "GameAlreadyDecided(bytes32)",
        "DisputePeriodOver(bytes32)",
        "DisputePeriodNotOver(bytes32)",
        "NotAConnective(address)",
        "InvalidChallenge(bytes32,bytes32)",
        "DuplicateChallenge(bytes32,bytes32)",
        "ChallengeNotFound(bytes32,bytes32)",
        "ChallengeNotDecidedTrue(bytes32)",
        "ChallengeNotDecidedFalse(bytes32)",
        "ChallengesRemain(bytes32)",
        "WitnessRejected(bytes32)",
        "CallerNotPredicate(address)",
        "NotTrue()",
        "NotFalse()",
        "InnerNotFalse(bytes32)",
        "ChildNotTrue(uint256)",
        "InvalidPeriod()",
        "NotDeployer(address)",
        "AlreadyInitialized()",
        "NotOperator(address)",
        "ZeroRoot()",
        "BlockNumberNotIncreasing(uint256,uint256)",
    ] {
        assert!(signatures.contains(s), "{s} missing");
    }
}

#[test]
fn builtin_reverts_decode() {
    use alloy_sol_types::SolError;
    assert_eq!(Revert::decode(&[]), Revert::Empty);
    let panic = alloy_sol_types::Panic {
        code: U256::from(0x11),
    }
    .abi_encode();
    assert_eq!(
        Revert::decode(&panic),
        Revert::Panic {
            code: U256::from(0x11)
        }
    );
    let msg = alloy_sol_types::Revert {
        reason: "nope".into(),
    }
    .abi_encode();
    assert_eq!(Revert::decode(&msg), Revert::Message("nope".into()));
    assert_eq!(
        Revert::decode(&[1, 2, 3]),
        Revert::Unknown(Bytes::from_static(&[1, 2, 3]))
    );
}

#[test]
fn every_declared_event_is_emitted_and_decoded() {
    let (mut chain, d, b) = setup();
    let mut seen = BTreeSet::new();
    let mut record = |events: &[OvmEvent], logs: &[alloy_primitives::Log]| {
        for (e, l) in events.iter().zip(logs) {
            assert!(!matches!(e, OvmEvent::Unknown(_)), "undecoded {l:?}");
            seen.insert(l.topics()[0]);
        }
    };
    let a = true_atom(&b, 1);
    let p = b.and([a.clone()]);
    let q = b.not(&a);
    let out = chain.claim_property(ALICE, &p).unwrap();
    record(&out.events, &out.logs);
    let out = chain.challenge(ALICE, &p, &[uint(0)], &q).unwrap();
    record(&out.events, &out.logs);
    let out = chain.challenge(ALICE, &q, &[], &a).unwrap();
    record(&out.events, &out.logs);
    let out = chain.decide_true(ALICE, &a).unwrap();
    record(&out.events, &out.logs);
    let out = chain.decide_claim_to_false(ALICE, &q, &a).unwrap();
    record(&out.events, &out.logs);
    let out = chain.remove_challenge(ALICE, &p, &q).unwrap();
    record(&out.events, &out.logs);
    let out = chain
        .submit_root(d.deployer, U256::from(1), B256::repeat_byte(1))
        .unwrap();
    assert_eq!(
        out.events,
        vec![OvmEvent::RootSubmitted {
            block_number: U256::from(1),
            root: B256::repeat_byte(1)
        }]
    );
    record(&out.events, &out.logs);
    let declared: BTreeSet<B256> = declared_events().into_iter().map(|(t, _)| t).collect();
    assert_eq!(seen, declared);
    assert_eq!(declared_events().len(), 6);
}

// ---------------------------------------------------------------------- artifacts

#[test]
fn artifacts_cover_the_deployment_and_hash_stably() {
    for name in DEPLOYMENT_ORDER {
        let info = artifacts::contract(name).unwrap_or_else(|| panic!("{name} not compiled"));
        assert!(info.runtime_code_len > 0);
        assert_ne!(info.runtime_code_hash, B256::ZERO);
    }
    assert!(
        CONTRACTS.windows(2).all(|w| w[0].name < w[1].name),
        "sorted by name"
    );
    assert_eq!(ovm_chain::bundle_hash(), ovm_chain::bundle_hash());
    assert!(artifacts::SOLC_VERSION.starts_with("0.8."));
}
