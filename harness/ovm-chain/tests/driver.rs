//! The driver itself: blocks, snapshots and forks, the gas log, raw and typed calls.

mod common;

use alloy_primitives::{Address, B256, Bytes, U256};
use common::*;
use ovm_chain::{
    Chain, ChainError, Revert,
    bindings::{IAtomicPredicate, UniversalAdjudicationContract as Uac},
    chain::{DEFAULT_GAS_LIMIT, GENESIS_BLOCK},
};
use ovm_core::Decision;

#[test]
fn blocks_are_explicit() {
    let mut chain = Chain::new();
    assert_eq!(chain.block_number(), GENESIS_BLOCK);
    chain.mine();
    assert_eq!(chain.block_number(), GENESIS_BLOCK + 1);
    chain.advance(10);
    assert_eq!(chain.block_number(), GENESIS_BLOCK + 11);
    chain.advance(u64::MAX);
    assert_eq!(chain.block_number(), u64::MAX);
}

#[test]
fn snapshot_and_restore_replay_a_game_from_a_fork_point() {
    let (mut chain, _, b) = setup();
    let a = true_atom(&b, 1);
    let p = b.not(&a);
    claim(&mut chain, &p);
    let fork_point = chain.snapshot();
    assert_eq!(fork_point.block_number(), GENESIS_BLOCK);

    // Branch 1: challenged and refuted.
    challenge_ok(&mut chain, &p, &[], &a);
    chain.decide_true(ALICE, &a).unwrap().result.unwrap();
    chain
        .decide_claim_to_false(ALICE, &p, &a)
        .unwrap()
        .result
        .unwrap();
    assert_eq!(chain.get_game(p.id()).unwrap().decision, Decision::False);

    // Back to the fork point: branch 2, decided by the period.
    chain.restore(&fork_point);
    assert_eq!(
        chain.get_game(p.id()).unwrap().decision,
        Decision::Undecided
    );
    assert_eq!(chain.get_game(a.id()).unwrap().property_hash, B256::ZERO);
    chain.advance(7);
    chain
        .decide_claim_to_true(ALICE, p.id())
        .unwrap()
        .result
        .unwrap();
    assert_eq!(chain.get_game(p.id()).unwrap().decision, Decision::True);

    // An independent fork of the fork point is untouched by either branch.
    let mut fork = Chain::from_snapshot(&fork_point);
    assert_eq!(fork.block_number(), GENESIS_BLOCK);
    assert_eq!(fork.get_game(p.id()).unwrap().decision, Decision::Undecided);
    assert!(fork.tx_log().is_empty());
}

#[test]
fn forks_are_independent() {
    let (mut chain, _, b) = setup();
    let mut other = chain.fork();
    claim(&mut chain, &true_atom(&b, 1));
    assert_eq!(
        other.get_game(true_atom(&b, 1).id()).unwrap().property_hash,
        B256::ZERO
    );
    claim(&mut other, &true_atom(&b, 2));
    assert_eq!(
        chain.get_game(true_atom(&b, 2).id()).unwrap().property_hash,
        B256::ZERO
    );
}

#[test]
fn gas_is_recorded_per_committed_transaction() {
    let (mut chain, d, b) = setup();
    let p = true_atom(&b, 1);
    let claim_out = chain.claim_property(ALICE, &p).unwrap();
    let failed = chain.claim_property(BOB, &p).unwrap();
    chain.mine();
    let view_before = chain.tx_log().len();
    chain.get_game(p.id()).unwrap();
    chain
        .call(
            ALICE,
            d.uac,
            &Uac::claimPropertyCall {
                property: (&true_atom(&b, 9)).into(),
            },
        )
        .unwrap();
    assert_eq!(chain.tx_log().len(), view_before, "calls are not logged");
    let log = chain.tx_log();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].gas_used, claim_out.gas_used);
    assert!(log[0].success && !log[1].success);
    assert_eq!((log[0].from, log[1].from), (ALICE, BOB));
    assert_eq!(log[0].to, Some(d.uac));
    assert_eq!(
        log[0].selector,
        <Uac::claimPropertyCall as alloy_sol_types::SolCall>::SELECTOR
    );
    assert_eq!(log[0].block, GENESIS_BLOCK);
    assert!(claim_out.gas_used > 21_000 && failed.gas_used > 21_000);
    assert_eq!(chain.total_gas_used(), claim_out.gas_used + failed.gas_used);
}

#[test]
fn a_call_commits_nothing() {
    let (mut chain, d, b) = setup();
    let p = true_atom(&b, 1);
    let out = chain
        .call(
            ALICE,
            d.uac,
            &Uac::claimPropertyCall {
                property: (&p).into(),
            },
        )
        .unwrap();
    assert!(out.is_ok());
    assert_eq!(out.events, vec![claimed(&p, GENESIS_BLOCK)]);
    assert_eq!(chain.get_game(p.id()).unwrap().property_hash, B256::ZERO);
    assert_eq!(chain.nonce(ALICE), 0);
    claim(&mut chain, &p);
    assert_eq!(chain.nonce(ALICE), 1);
}

#[test]
fn raw_calls_and_bad_input_do_not_panic() {
    let (mut chain, d, _) = setup();
    // Garbage calldata: the contract reverts (no fallback), nothing panics.
    let out = chain
        .send_raw(
            ALICE,
            d.uac,
            Bytes::from_static(&[1, 2, 3]),
            DEFAULT_GAS_LIMIT,
        )
        .unwrap();
    assert!(matches!(out.result, Err(Revert::Empty)));
    // A call to an EOA succeeds with empty output; decoding a typed return then fails cleanly.
    let err = chain
        .view(ALICE, &IAtomicPredicate::decideCall { inputs: vec![] })
        .unwrap_err();
    assert!(matches!(err, ChainError::Decode { .. }), "{err:?}");
    // Below the intrinsic gas: rejected by the EVM, reported as an error.
    let err = chain
        .send_raw(ALICE, d.uac, Bytes::new(), 1_000)
        .unwrap_err();
    assert!(matches!(err, ChainError::Evm(_)), "{err:?}");
    // Out of gas: a halt, not a revert.
    let out = chain
        .send_raw(
            ALICE,
            d.uac,
            Bytes::from(
                Uac::claimPropertyCall {
                    property: (&true_atom(&ovm_core::Builder::new(d.registry()), 1)).into(),
                }
                .abi_encode_bytes(),
            ),
            30_000,
        )
        .unwrap();
    assert!(
        matches!(out.result, Err(Revert::ResourceLimit { .. })),
        "{:?}",
        out.result
    );
    let _ = (Address::ZERO, U256::ZERO);
}

trait EncodeBytes {
    fn abi_encode_bytes(&self) -> Vec<u8>;
}
impl<C: alloy_sol_types::SolCall> EncodeBytes for C {
    fn abi_encode_bytes(&self) -> Vec<u8> {
        self.abi_encode()
    }
}

#[test]
fn any_sender_can_be_used_without_funding() {
    let (mut chain, _, b) = setup();
    for i in 100..105 {
        let out = chain
            .claim_property(ovm_chain::account(i), &true_atom(&b, i as u8))
            .unwrap();
        assert!(out.is_ok());
        assert_eq!(chain.nonce(ovm_chain::account(i)), 1);
    }
}
