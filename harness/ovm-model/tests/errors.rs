//! Error names, signatures, Display, revert data and its decoding.

use ovm_core::{Address, B256, U256, keccak256};
use ovm_model::{Event, UacError};
use rstest::rstest;

const A: Address = Address::repeat_byte(0x11);
const H: B256 = B256::repeat_byte(0x22);
const K: B256 = B256::repeat_byte(0x33);

#[rstest]
#[case(UacError::UnknownPredicate(A), "UnknownPredicate(address)")]
#[case(UacError::TooDeep(U256::from(33)), "TooDeep(uint256)")]
#[case(UacError::GameAlreadyExists(H), "GameAlreadyExists(bytes32)")]
#[case(UacError::GameNotFound(H), "GameNotFound(bytes32)")]
#[case(UacError::GameAlreadyDecided(H), "GameAlreadyDecided(bytes32)")]
#[case(UacError::DisputePeriodOver(H), "DisputePeriodOver(bytes32)")]
#[case(UacError::DisputePeriodNotOver(H), "DisputePeriodNotOver(bytes32)")]
#[case(UacError::NotAConnective(A), "NotAConnective(address)")]
#[case(UacError::InvalidChallenge(H, K), "InvalidChallenge(bytes32,bytes32)")]
#[case(
    UacError::DuplicateChallenge(H, K),
    "DuplicateChallenge(bytes32,bytes32)"
)]
#[case(
    UacError::ChallengeNotFound(H, K),
    "ChallengeNotFound(bytes32,bytes32)"
)]
#[case(
    UacError::ChallengeNotDecidedTrue(K),
    "ChallengeNotDecidedTrue(bytes32)"
)]
#[case(
    UacError::ChallengeNotDecidedFalse(K),
    "ChallengeNotDecidedFalse(bytes32)"
)]
#[case(UacError::ChallengesRemain(H), "ChallengesRemain(bytes32)")]
#[case(UacError::WitnessRejected(H), "WitnessRejected(bytes32)")]
#[case(UacError::CallerNotPredicate(A), "CallerNotPredicate(address)")]
#[case(UacError::NotTrue, "NotTrue()")]
#[case(UacError::NotFalse, "NotFalse()")]
#[case(UacError::InnerNotFalse(H), "InnerNotFalse(bytes32)")]
#[case(UacError::ChildNotTrue(U256::from(2)), "ChildNotTrue(uint256)")]
#[case(UacError::InvalidPeriod, "InvalidPeriod()")]
#[case(UacError::NotDeployer(A), "NotDeployer(address)")]
#[case(UacError::AlreadyInitialized, "AlreadyInitialized()")]
#[case(UacError::NotAnAtomic(A), "NotAnAtomic(address)")]
fn every_error_round_trips(#[case] error: UacError, #[case] signature: &str) {
    assert_eq!(error.signature(), signature);
    assert!(signature.starts_with(error.name()));
    assert_eq!(signature.as_bytes()[error.name().len()], b'(');
    assert_eq!(error.selector(), keccak256(signature)[..4]);
    let data = error.revert_data();
    let args = signature.matches(',').count() + usize::from(!signature.ends_with("()"));
    assert_eq!(data.len(), 4 + 32 * args);
    assert_eq!(UacError::decode_revert(&data), Some(error.clone()));
    let shown = error.to_string();
    assert!(shown.starts_with(&format!("{}(", error.name())), "{shown}");
    // Trailing bytes, a missing word or a truncated selector decode to nothing.
    let mut longer = data.to_vec();
    longer.extend([0u8; 32]);
    assert_eq!(UacError::decode_revert(&longer), None);
    assert_eq!(UacError::decode_revert(&data[..3]), None);
    if args > 0 {
        assert_eq!(UacError::decode_revert(&data[..data.len() - 32]), None);
    }
}

#[test]
fn display_shows_full_arguments() {
    assert_eq!(UacError::TooDeep(U256::from(35)).to_string(), "TooDeep(35)");
    assert_eq!(
        UacError::ChildNotTrue(U256::from(1)).to_string(),
        "ChildNotTrue(1)"
    );
    assert_eq!(
        UacError::InvalidChallenge(H, K).to_string(),
        format!(
            "InvalidChallenge(0x{}, 0x{})",
            "22".repeat(32),
            "33".repeat(32)
        )
    );
    assert_eq!(UacError::NotTrue.to_string(), "NotTrue()");
    assert_eq!(
        UacError::CallerNotPredicate(A).to_string(),
        format!("CallerNotPredicate({A})")
    );
}

#[test]
fn revert_data_layout() {
    let data = UacError::ChallengeNotFound(H, K).revert_data();
    assert_eq!(&data[4..36], H.as_slice());
    assert_eq!(&data[36..68], K.as_slice());
    let data = UacError::UnknownPredicate(A).revert_data();
    assert_eq!(&data[4..16], &[0u8; 12]);
    assert_eq!(&data[16..36], A.as_slice());
    let data = UacError::TooDeep(U256::from(34)).revert_data();
    assert_eq!(data[35], 34);
}

#[test]
fn decode_revert_rejects_garbage() {
    assert_eq!(UacError::decode_revert(&[]), None);
    assert_eq!(UacError::decode_revert(&[0, 1, 2, 3]), None);
    // A dirty address word is not canonical.
    let mut data = UacError::NotAConnective(A).revert_data().to_vec();
    data[4] = 1;
    assert_eq!(UacError::decode_revert(&data), None);
    // Error(string) is not a custom error of the UAC.
    let mut data = keccak256("Error(string)")[..4].to_vec();
    data.extend([0u8; 64]);
    assert_eq!(UacError::decode_revert(&data), None);
}

#[test]
fn event_names() {
    let events = [
        (
            Event::ClaimChallenged {
                game_id: H,
                challenge_game_id: K,
            },
            "ClaimChallenged",
        ),
        (
            Event::ChallengeRemoved {
                game_id: H,
                challenge_game_id: K,
            },
            "ChallengeRemoved",
        ),
        (
            Event::ClaimDecided {
                game_id: H,
                decision: true,
            },
            "ClaimDecided",
        ),
        (
            Event::AtomicPropositionDecided {
                game_id: H,
                decision: false,
            },
            "AtomicPropositionDecided",
        ),
    ];
    for (event, name) in events {
        assert_eq!(event.name(), name);
        assert_eq!(event.game_id(), Some(H));
    }
}
