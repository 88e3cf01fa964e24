//! Spec §5.2 `CommitmentContract`: operator-only, non-zero roots, strictly increasing block
//! numbers (errors checked in the order NotOperator, ZeroRoot, BlockNumberNotIncreasing),
//! `retrieve` encoding, `RootSubmitted` events.

mod common;

use alloy_primitives::{B256, U256};
use common::*;
use ovm_chain::{ChainError, OvmEvent, Revert, bindings::CommitmentContract};
use ovm_core::abi;
use rstest::rstest;

fn root(n: u8) -> B256 {
    B256::repeat_byte(n)
}

#[test]
fn errors_in_order() {
    let (mut chain, d, _) = setup();
    chain
        .submit_root(d.deployer, U256::from(10), root(1))
        .unwrap()
        .result
        .unwrap();
    // Everything wrong at once: NotOperator first.
    let out = chain.submit_root(ALICE, U256::from(3), B256::ZERO).unwrap();
    assert_eq!(out.result, Err(Revert::NotOperator { caller: ALICE }));
    // Operator, zero root and non-increasing block: ZeroRoot next.
    let out = chain
        .submit_root(d.deployer, U256::from(3), B256::ZERO)
        .unwrap();
    assert_eq!(out.result, Err(Revert::ZeroRoot));
    // Then BlockNumberNotIncreasing(last, given).
    let out = chain
        .submit_root(d.deployer, U256::from(3), root(2))
        .unwrap();
    assert_eq!(
        out.result,
        Err(Revert::BlockNumberNotIncreasing {
            last: U256::from(10),
            given: U256::from(3)
        })
    );
    let out = chain
        .submit_root(d.deployer, U256::from(10), root(2))
        .unwrap();
    assert_eq!(
        out.result,
        Err(Revert::BlockNumberNotIncreasing {
            last: U256::from(10),
            given: U256::from(10)
        })
    );
    let out = chain
        .submit_root(d.deployer, U256::from(11), root(2))
        .unwrap();
    assert_eq!(
        out.events,
        vec![OvmEvent::RootSubmitted {
            block_number: U256::from(11),
            root: root(2)
        }]
    );
}

#[rstest]
#[case::zero_first(0)]
#[case::any_first(12345)]
#[case::max_first(u64::MAX)]
fn first_submission_may_be_any_number(#[case] first: u64) {
    let (mut chain, d, _) = setup();
    let out = chain
        .submit_root(d.deployer, U256::from(first), root(1))
        .unwrap();
    assert_eq!(
        out.events,
        vec![OvmEvent::RootSubmitted {
            block_number: U256::from(first),
            root: root(1)
        }]
    );
    let out = chain
        .submit_root(d.deployer, U256::from(first), root(2))
        .unwrap();
    assert_eq!(
        out.result,
        Err(Revert::BlockNumberNotIncreasing {
            last: U256::from(first),
            given: U256::from(first)
        })
    );
    assert_eq!(
        chain.retrieve(&abi::encode_uint(first)).unwrap(),
        abi::encode_b256(root(1))
    );
}

#[test]
fn zero_root_on_first_submission() {
    let (mut chain, d, _) = setup();
    assert_eq!(
        chain
            .submit_root(d.deployer, U256::ZERO, B256::ZERO)
            .unwrap()
            .result,
        Err(Revert::ZeroRoot)
    );
    // Not recorded: block 0 is still available.
    assert!(
        chain
            .submit_root(d.deployer, U256::ZERO, root(1))
            .unwrap()
            .is_ok()
    );
}

#[test]
fn gaps_are_allowed_and_unwritten_blocks_read_empty() {
    let (mut chain, d, _) = setup();
    chain
        .submit_root(d.deployer, U256::from(2), root(2))
        .unwrap()
        .result
        .unwrap();
    chain
        .submit_root(d.deployer, U256::from(9), root(9))
        .unwrap()
        .result
        .unwrap();
    assert_eq!(
        chain.retrieve(&abi::encode_uint(2)).unwrap(),
        abi::encode_b256(root(2))
    );
    assert_eq!(
        chain.retrieve(&abi::encode_uint(9)).unwrap(),
        abi::encode_b256(root(9))
    );
    for unwritten in [0, 1, 3, 8, 10] {
        assert!(
            chain
                .retrieve(&abi::encode_uint(unwritten))
                .unwrap()
                .is_empty(),
            "block {unwritten}"
        );
    }
    // The skipped block can never be filled in.
    let out = chain
        .submit_root(d.deployer, U256::from(5), root(5))
        .unwrap();
    assert_eq!(
        out.result,
        Err(Revert::BlockNumberNotIncreasing {
            last: U256::from(9),
            given: U256::from(5)
        })
    );
}

#[rstest]
#[case::empty(0)]
#[case::short(31)]
#[case::long(33)]
#[case::two_words(64)]
fn retrieve_rejects_keys_that_are_not_32_bytes(#[case] len: usize) {
    let (mut chain, d, _) = setup();
    chain
        .submit_root(d.deployer, U256::ZERO, root(1))
        .unwrap()
        .result
        .unwrap();
    let err = chain.retrieve(&vec![0u8; len]).unwrap_err();
    assert!(
        matches!(
            err,
            ChainError::Reverted {
                revert: Revert::Empty,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn state_views() {
    let (mut chain, d, _) = setup();
    assert!(
        !chain
            .view(d.commitment, &CommitmentContract::hasSubmittedCall {})
            .unwrap()
    );
    chain
        .submit_root(d.deployer, U256::from(4), root(4))
        .unwrap()
        .result
        .unwrap();
    assert!(
        chain
            .view(d.commitment, &CommitmentContract::hasSubmittedCall {})
            .unwrap()
    );
    assert_eq!(
        chain
            .view(d.commitment, &CommitmentContract::lastBlockNumberCall {})
            .unwrap(),
        U256::from(4)
    );
    assert_eq!(
        chain
            .view(d.commitment, &CommitmentContract::rootsCall(U256::from(4)))
            .unwrap(),
        root(4)
    );
}
