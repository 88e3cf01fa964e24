//! The custom errors of the UAC and its predicates (spec §6), with their exact ABI arguments.
//!
//! Every error has a stable [`UacError::name`] (the Solidity error name), its Solidity
//! [`UacError::signature`], and its [`UacError::revert_data`] (selector ‖ ABI-encoded
//! arguments, exactly what the contract reverts with); [`UacError::decode_revert`] is the
//! inverse, so a differential test can compare an on-chain revert with the model's error.

use ovm_core::{Address, B256, Bytes, U256, keccak256};

/// An error of a UAC call (or of a predicate entry point that calls the UAC).
///
/// The variants are exactly the spec's custom errors with their arguments, plus one model-only
/// variant, [`UacError::NotAnAtomic`], for an atomic entry point called on an address that is
/// not a registered atomic (no such function exists there on-chain).
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum UacError {
    /// `UnknownPredicate(address predicate)`: the predicate is neither a registered connective
    /// nor a registered atomic.
    #[error("UnknownPredicate({0})")]
    UnknownPredicate(Address),
    /// `TooDeep(uint256 depth)`: the property's depth (cut off at 35) exceeds the limit.
    #[error("TooDeep({0})")]
    TooDeep(U256),
    /// `GameAlreadyExists(bytes32 gameId)`.
    #[error("GameAlreadyExists({0:?})")]
    GameAlreadyExists(B256),
    /// `GameNotFound(bytes32 gameId)`.
    #[error("GameNotFound({0:?})")]
    GameNotFound(B256),
    /// `GameAlreadyDecided(bytes32 gameId)`.
    #[error("GameAlreadyDecided({0:?})")]
    GameAlreadyDecided(B256),
    /// `DisputePeriodOver(bytes32 gameId)`: a challenge after the dispute period.
    #[error("DisputePeriodOver({0:?})")]
    DisputePeriodOver(B256),
    /// `DisputePeriodNotOver(bytes32 gameId)`: `decideClaimToTrue` inside the dispute period.
    #[error("DisputePeriodNotOver({0:?})")]
    DisputePeriodNotOver(B256),
    /// `NotAConnective(address predicate)`.
    #[error("NotAConnective({0})")]
    NotAConnective(Address),
    /// `InvalidChallenge(bytes32 gameId, bytes32 challengeGameId)`.
    #[error("InvalidChallenge({0:?}, {1:?})")]
    InvalidChallenge(B256, B256),
    /// `DuplicateChallenge(bytes32 gameId, bytes32 challengeGameId)`.
    #[error("DuplicateChallenge({0:?}, {1:?})")]
    DuplicateChallenge(B256, B256),
    /// `ChallengeNotFound(bytes32 gameId, bytes32 challengeGameId)`.
    #[error("ChallengeNotFound({0:?}, {1:?})")]
    ChallengeNotFound(B256, B256),
    /// `ChallengeNotDecidedTrue(bytes32 challengeGameId)`.
    #[error("ChallengeNotDecidedTrue({0:?})")]
    ChallengeNotDecidedTrue(B256),
    /// `ChallengeNotDecidedFalse(bytes32 challengeGameId)`.
    #[error("ChallengeNotDecidedFalse({0:?})")]
    ChallengeNotDecidedFalse(B256),
    /// `ChallengesRemain(bytes32 gameId)`.
    #[error("ChallengesRemain({0:?})")]
    ChallengesRemain(B256),
    /// `WitnessRejected(bytes32 gameId)`.
    #[error("WitnessRejected({0:?})")]
    WitnessRejected(B256),
    /// `CallerNotPredicate(address caller)`: `setPredicateDecision` from an address other than
    /// the property's predicate, or from an unregistered one.
    #[error("CallerNotPredicate({0})")]
    CallerNotPredicate(Address),
    /// `NotTrue()`: an atomic's `decideTrue` on inputs that are not True.
    #[error("NotTrue()")]
    NotTrue,
    /// `NotFalse()`: an atomic's `decideFalse` on inputs that are not False.
    #[error("NotFalse()")]
    NotFalse,
    /// `InnerNotFalse(bytes32 innerGameId)`: `Not.decideTrue(inner)` with `inner` not decided False.
    #[error("InnerNotFalse({0:?})")]
    InnerNotFalse(B256),
    /// `ChildNotTrue(uint256 index)`: `And.decideTrue(children)` with the first child not decided True.
    #[error("ChildNotTrue({0})")]
    ChildNotTrue(U256),
    /// `InvalidPeriod()`: the UAC constructor with a dispute period of 0.
    #[error("InvalidPeriod()")]
    InvalidPeriod,
    /// `NotDeployer(address caller)`: the one-shot `initialize` wiring from another address
    /// than the deployer.
    #[error("NotDeployer({0})")]
    NotDeployer(Address),
    /// `AlreadyInitialized()`: `initialize` by the deployer once the wiring is done.
    #[error("AlreadyInitialized()")]
    AlreadyInitialized,
    /// Model only: an atomic entry point (`decideTrue(bytes[])` / `decideFalse(bytes[])`) was
    /// called for a property whose predicate is not a registered atomic. On-chain that function
    /// does not exist at that address; differential tests should not generate such calls.
    #[error("NotAnAtomic({0})")]
    NotAnAtomic(Address),
}

/// One static ABI argument of an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Arg {
    Address(Address),
    Bytes32(B256),
    Uint(U256),
}

impl Arg {
    fn word(self) -> [u8; 32] {
        match self {
            Self::Address(a) => {
                let mut w = [0u8; 32];
                w[12..].copy_from_slice(a.as_slice());
                w
            }
            Self::Bytes32(h) => h.0,
            Self::Uint(u) => u.to_be_bytes::<32>(),
        }
    }
}

/// The ABI argument kinds of an error's signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Address,
    Bytes32,
    Uint,
}

impl Kind {
    fn sol(self) -> &'static str {
        match self {
            Self::Address => "address",
            Self::Bytes32 => "bytes32",
            Self::Uint => "uint256",
        }
    }

    fn decode(self, word: &[u8]) -> Option<Arg> {
        if word.len() != 32 {
            return None;
        }
        Some(match self {
            Self::Address => {
                if word[..12].iter().any(|&b| b != 0) {
                    return None;
                }
                Arg::Address(Address::from_slice(&word[12..]))
            }
            Self::Bytes32 => Arg::Bytes32(B256::from_slice(word)),
            Self::Uint => Arg::Uint(U256::from_be_slice(word)),
        })
    }
}

/// Every error name with its argument kinds, in declaration order.
const TABLE: &[(&str, &[Kind])] = &[
    ("UnknownPredicate", &[Kind::Address]),
    ("TooDeep", &[Kind::Uint]),
    ("GameAlreadyExists", &[Kind::Bytes32]),
    ("GameNotFound", &[Kind::Bytes32]),
    ("GameAlreadyDecided", &[Kind::Bytes32]),
    ("DisputePeriodOver", &[Kind::Bytes32]),
    ("DisputePeriodNotOver", &[Kind::Bytes32]),
    ("NotAConnective", &[Kind::Address]),
    ("InvalidChallenge", &[Kind::Bytes32, Kind::Bytes32]),
    ("DuplicateChallenge", &[Kind::Bytes32, Kind::Bytes32]),
    ("ChallengeNotFound", &[Kind::Bytes32, Kind::Bytes32]),
    ("ChallengeNotDecidedTrue", &[Kind::Bytes32]),
    ("ChallengeNotDecidedFalse", &[Kind::Bytes32]),
    ("ChallengesRemain", &[Kind::Bytes32]),
    ("WitnessRejected", &[Kind::Bytes32]),
    ("CallerNotPredicate", &[Kind::Address]),
    ("NotTrue", &[]),
    ("NotFalse", &[]),
    ("InnerNotFalse", &[Kind::Bytes32]),
    ("ChildNotTrue", &[Kind::Uint]),
    ("InvalidPeriod", &[]),
    ("NotDeployer", &[Kind::Address]),
    ("AlreadyInitialized", &[]),
    ("NotAnAtomic", &[Kind::Address]),
];

fn signature_of(name: &str, kinds: &[Kind]) -> String {
    let args: Vec<&str> = kinds.iter().map(|k| k.sol()).collect();
    format!("{name}({})", args.join(","))
}

fn selector_of(signature: &str) -> [u8; 4] {
    let hash = keccak256(signature.as_bytes());
    [hash[0], hash[1], hash[2], hash[3]]
}

impl UacError {
    /// The Solidity error name, e.g. `"GameNotFound"`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::UnknownPredicate(_) => "UnknownPredicate",
            Self::TooDeep(_) => "TooDeep",
            Self::GameAlreadyExists(_) => "GameAlreadyExists",
            Self::GameNotFound(_) => "GameNotFound",
            Self::GameAlreadyDecided(_) => "GameAlreadyDecided",
            Self::DisputePeriodOver(_) => "DisputePeriodOver",
            Self::DisputePeriodNotOver(_) => "DisputePeriodNotOver",
            Self::NotAConnective(_) => "NotAConnective",
            Self::InvalidChallenge(..) => "InvalidChallenge",
            Self::DuplicateChallenge(..) => "DuplicateChallenge",
            Self::ChallengeNotFound(..) => "ChallengeNotFound",
            Self::ChallengeNotDecidedTrue(_) => "ChallengeNotDecidedTrue",
            Self::ChallengeNotDecidedFalse(_) => "ChallengeNotDecidedFalse",
            Self::ChallengesRemain(_) => "ChallengesRemain",
            Self::WitnessRejected(_) => "WitnessRejected",
            Self::CallerNotPredicate(_) => "CallerNotPredicate",
            Self::NotTrue => "NotTrue",
            Self::NotFalse => "NotFalse",
            Self::InnerNotFalse(_) => "InnerNotFalse",
            Self::ChildNotTrue(_) => "ChildNotTrue",
            Self::InvalidPeriod => "InvalidPeriod",
            Self::NotDeployer(_) => "NotDeployer",
            Self::AlreadyInitialized => "AlreadyInitialized",
            Self::NotAnAtomic(_) => "NotAnAtomic",
        }
    }

    fn args(&self) -> Vec<Arg> {
        match *self {
            Self::UnknownPredicate(a)
            | Self::NotAConnective(a)
            | Self::CallerNotPredicate(a)
            | Self::NotDeployer(a)
            | Self::NotAnAtomic(a) => vec![Arg::Address(a)],
            Self::TooDeep(u) | Self::ChildNotTrue(u) => vec![Arg::Uint(u)],
            Self::GameAlreadyExists(h)
            | Self::GameNotFound(h)
            | Self::GameAlreadyDecided(h)
            | Self::DisputePeriodOver(h)
            | Self::DisputePeriodNotOver(h)
            | Self::ChallengeNotDecidedTrue(h)
            | Self::ChallengeNotDecidedFalse(h)
            | Self::ChallengesRemain(h)
            | Self::WitnessRejected(h)
            | Self::InnerNotFalse(h) => vec![Arg::Bytes32(h)],
            Self::InvalidChallenge(g, c)
            | Self::DuplicateChallenge(g, c)
            | Self::ChallengeNotFound(g, c) => vec![Arg::Bytes32(g), Arg::Bytes32(c)],
            Self::NotTrue | Self::NotFalse | Self::InvalidPeriod | Self::AlreadyInitialized => {
                Vec::new()
            }
        }
    }

    fn kinds(&self) -> &'static [Kind] {
        let name = self.name();
        TABLE
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&[], |(_, kinds)| kinds)
    }

    /// The Solidity signature, e.g. `"InvalidChallenge(bytes32,bytes32)"`.
    pub fn signature(&self) -> String {
        signature_of(self.name(), self.kinds())
    }

    /// The 4-byte selector: the first bytes of `keccak256(signature)`.
    pub fn selector(&self) -> [u8; 4] {
        selector_of(&self.signature())
    }

    /// The revert data: selector ‖ the ABI-encoded (all static) arguments.
    pub fn revert_data(&self) -> Bytes {
        let mut out = self.selector().to_vec();
        for arg in self.args() {
            out.extend_from_slice(&arg.word());
        }
        out.into()
    }

    /// The error whose [`UacError::revert_data`] is exactly `data`, if any (never panics;
    /// non-canonical words, wrong lengths and unknown selectors give `None`).
    pub fn decode_revert(data: &[u8]) -> Option<Self> {
        if data.len() < 4 || !(data.len() - 4).is_multiple_of(32) {
            return None;
        }
        let (selector, body) = data.split_at(4);
        let (name, kinds) = TABLE
            .iter()
            .find(|(name, kinds)| selector_of(&signature_of(name, kinds)) == selector)?;
        if body.len() != 32 * kinds.len() {
            return None;
        }
        let args: Vec<Arg> = kinds
            .iter()
            .zip(body.chunks_exact(32))
            .map(|(kind, word)| kind.decode(word))
            .collect::<Option<_>>()?;
        Self::from_parts(name, &args)
    }

    fn from_parts(name: &str, args: &[Arg]) -> Option<Self> {
        use Arg::{Address as A, Bytes32 as H, Uint as U};
        Some(match (name, args) {
            ("UnknownPredicate", [A(a)]) => Self::UnknownPredicate(*a),
            ("TooDeep", [U(u)]) => Self::TooDeep(*u),
            ("GameAlreadyExists", [H(h)]) => Self::GameAlreadyExists(*h),
            ("GameNotFound", [H(h)]) => Self::GameNotFound(*h),
            ("GameAlreadyDecided", [H(h)]) => Self::GameAlreadyDecided(*h),
            ("DisputePeriodOver", [H(h)]) => Self::DisputePeriodOver(*h),
            ("DisputePeriodNotOver", [H(h)]) => Self::DisputePeriodNotOver(*h),
            ("NotAConnective", [A(a)]) => Self::NotAConnective(*a),
            ("InvalidChallenge", [H(g), H(c)]) => Self::InvalidChallenge(*g, *c),
            ("DuplicateChallenge", [H(g), H(c)]) => Self::DuplicateChallenge(*g, *c),
            ("ChallengeNotFound", [H(g), H(c)]) => Self::ChallengeNotFound(*g, *c),
            ("ChallengeNotDecidedTrue", [H(h)]) => Self::ChallengeNotDecidedTrue(*h),
            ("ChallengeNotDecidedFalse", [H(h)]) => Self::ChallengeNotDecidedFalse(*h),
            ("ChallengesRemain", [H(h)]) => Self::ChallengesRemain(*h),
            ("WitnessRejected", [H(h)]) => Self::WitnessRejected(*h),
            ("CallerNotPredicate", [A(a)]) => Self::CallerNotPredicate(*a),
            ("NotTrue", []) => Self::NotTrue,
            ("NotFalse", []) => Self::NotFalse,
            ("InnerNotFalse", [H(h)]) => Self::InnerNotFalse(*h),
            ("ChildNotTrue", [U(u)]) => Self::ChildNotTrue(*u),
            ("InvalidPeriod", []) => Self::InvalidPeriod,
            ("NotDeployer", [A(a)]) => Self::NotDeployer(*a),
            ("AlreadyInitialized", []) => Self::AlreadyInitialized,
            ("NotAnAtomic", [A(a)]) => Self::NotAnAtomic(*a),
            _ => return None,
        })
    }
}

/// An error of `CommitmentContract.submitRoot` (spec §5.2), checked in this order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum CommitmentError {
    /// `NotOperator(address caller)`: only the deployer (operator) may submit roots.
    #[error("NotOperator({0})")]
    NotOperator(Address),
    /// `ZeroRoot()`: the root must be non-zero.
    #[error("ZeroRoot()")]
    ZeroRoot,
    /// `BlockNumberNotIncreasing(uint256 last, uint256 given)`: the block number must be
    /// strictly greater than the last one submitted.
    #[error("BlockNumberNotIncreasing({0}, {1})")]
    BlockNumberNotIncreasing(U256, U256),
}

impl CommitmentError {
    /// The Solidity error name, e.g. `"ZeroRoot"`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::NotOperator(_) => "NotOperator",
            Self::ZeroRoot => "ZeroRoot",
            Self::BlockNumberNotIncreasing(..) => "BlockNumberNotIncreasing",
        }
    }

    fn parts(&self) -> (&'static [Kind], Vec<Arg>) {
        match *self {
            Self::NotOperator(a) => (&[Kind::Address], vec![Arg::Address(a)]),
            Self::ZeroRoot => (&[], Vec::new()),
            Self::BlockNumberNotIncreasing(last, given) => (
                &[Kind::Uint, Kind::Uint],
                vec![Arg::Uint(last), Arg::Uint(given)],
            ),
        }
    }

    /// The Solidity signature, e.g. `"BlockNumberNotIncreasing(uint256,uint256)"`.
    pub fn signature(&self) -> String {
        signature_of(self.name(), self.parts().0)
    }

    /// The 4-byte selector.
    pub fn selector(&self) -> [u8; 4] {
        selector_of(&self.signature())
    }

    /// The revert data: selector ‖ the ABI-encoded arguments.
    pub fn revert_data(&self) -> Bytes {
        let mut out = self.selector().to_vec();
        for arg in self.parts().1 {
            out.extend_from_slice(&arg.word());
        }
        out.into()
    }
}
