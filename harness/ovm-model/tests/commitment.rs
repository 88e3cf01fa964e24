//! `CommitmentContract` (spec §5.2): `submitRoot` checks in order and `retrieve`.

use ovm_core::{Address, B256, Bytes, U256, abi};
use ovm_model::{CommitmentError, CommitmentModel, Event};
use rstest::rstest;

const OPERATOR: Address = Address::repeat_byte(0x0a);
const OTHER: Address = Address::repeat_byte(0x0b);

fn root(n: u8) -> B256 {
    B256::repeat_byte(n)
}

fn submitted(block: u64, r: B256) -> Vec<Event> {
    vec![Event::RootSubmitted {
        block_number: U256::from(block),
        root: r,
    }]
}

#[rstest]
#[case(0)]
#[case(1)]
#[case(1000)]
fn first_submission_may_use_any_block_number(#[case] block: u64) {
    let mut c = CommitmentModel::new(OPERATOR);
    assert_eq!(c.last_block_number(), None);
    assert_eq!(
        c.submit_root(OPERATOR, U256::from(block), root(1)),
        Ok(submitted(block, root(1)))
    );
    assert_eq!(c.last_block_number(), Some(U256::from(block)));
    assert_eq!(c.root(U256::from(block)), Some(root(1)));
}

#[test]
fn first_submission_at_the_maximum() {
    let mut c = CommitmentModel::new(OPERATOR);
    c.submit_root(OPERATOR, U256::MAX, root(1))
        .expect("any number");
    assert_eq!(
        c.submit_root(OPERATOR, U256::MAX, root(2)),
        Err(CommitmentError::BlockNumberNotIncreasing(
            U256::MAX,
            U256::MAX
        ))
    );
}

#[rstest]
#[case::not_operator(OTHER, 9, 1, CommitmentError::NotOperator(OTHER))]
#[case::not_operator_before_zero_root(OTHER, 9, 0, CommitmentError::NotOperator(OTHER))]
#[case::not_operator_before_order(OTHER, 1, 1, CommitmentError::NotOperator(OTHER))]
#[case::zero_root(OPERATOR, 9, 0, CommitmentError::ZeroRoot)]
#[case::zero_root_before_order(OPERATOR, 1, 0, CommitmentError::ZeroRoot)]
#[case::equal(
    OPERATOR,
    5,
    1,
    CommitmentError::BlockNumberNotIncreasing(U256::from(5), U256::from(5))
)]
#[case::smaller(
    OPERATOR,
    2,
    1,
    CommitmentError::BlockNumberNotIncreasing(U256::from(5), U256::from(2))
)]
#[case::zero(
    OPERATOR,
    0,
    1,
    CommitmentError::BlockNumberNotIncreasing(U256::from(5), U256::ZERO)
)]
fn submit_root_errors_in_order(
    #[case] caller: Address,
    #[case] block: u64,
    #[case] root_byte: u8,
    #[case] error: CommitmentError,
) {
    let mut c = CommitmentModel::new(OPERATOR);
    c.submit_root(OPERATOR, U256::from(5), root(7))
        .expect("first");
    let before = c.clone();
    assert_eq!(
        c.submit_root(caller, U256::from(block), root(root_byte)),
        Err(error)
    );
    assert_eq!(c, before);
}

#[test]
fn increasing_submissions_with_gaps() {
    let mut c = CommitmentModel::new(OPERATOR);
    for (i, block) in [0u64, 1, 5, 6, 100].into_iter().enumerate() {
        let r = root(i as u8 + 1);
        assert_eq!(
            c.submit_root(OPERATOR, U256::from(block), r),
            Ok(submitted(block, r))
        );
    }
    assert_eq!(c.root(U256::from(3)), None);
    assert_eq!(c.root(U256::from(100)), Some(root(5)));
    assert_eq!(c.operator(), OPERATOR);
}

#[test]
fn retrieve_reads_roots() {
    let mut c = CommitmentModel::new(OPERATOR);
    c.submit_root(OPERATOR, U256::from(3), root(9))
        .expect("first");
    assert_eq!(
        c.retrieve(&abi::encode_uint(3)),
        Some(abi::encode_b256(root(9)))
    );
    assert_eq!(c.retrieve(&abi::encode_uint(4)), Some(Bytes::new()));
    assert_eq!(c.retrieve(&[]), None);
    assert_eq!(c.retrieve(&[0u8; 31]), None);
    assert_eq!(c.retrieve(&[0u8; 33]), None);
}

#[test]
fn error_names_and_revert_data() {
    let cases = [
        (
            CommitmentError::NotOperator(OTHER),
            "NotOperator",
            "NotOperator(address)",
            36,
        ),
        (CommitmentError::ZeroRoot, "ZeroRoot", "ZeroRoot()", 4),
        (
            CommitmentError::BlockNumberNotIncreasing(U256::from(5), U256::from(2)),
            "BlockNumberNotIncreasing",
            "BlockNumberNotIncreasing(uint256,uint256)",
            68,
        ),
    ];
    for (error, name, signature, len) in cases {
        assert_eq!(error.name(), name);
        assert_eq!(error.signature(), signature);
        assert_eq!(error.revert_data().len(), len);
        assert_eq!(&error.revert_data()[..4], &error.selector());
        assert!(error.to_string().starts_with(name));
    }
    assert_eq!(
        CommitmentError::BlockNumberNotIncreasing(U256::from(5), U256::from(2)).to_string(),
        "BlockNumberNotIncreasing(5, 2)"
    );
}
