//! Why a transaction failed ([`Revert`]: every custom error of the contracts, decoded with its
//! arguments, plus Solidity's built-in reverts and halts), and why the driver itself failed
//! ([`ChainError`]).

use alloy_primitives::{Address, B256, Bytes, U256};
use alloy_sol_types::{SolError, SolInterface};

use crate::bindings::{
    AndPredicate, CommitmentContract, IAtomicPredicate, NotPredicate, UniversalAdjudicationContract,
};

/// A failed transaction or call: the decoded revert reason, or the halt that stopped it.
///
/// Custom-error variants are named and shaped exactly as spec §6 declares them.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Revert {
    /// `UnknownPredicate(address predicate)`.
    #[error("UnknownPredicate({predicate})")]
    UnknownPredicate {
        /// The unregistered predicate.
        predicate: Address,
    },
    /// `TooDeep(uint256 depth)`.
    #[error("TooDeep({depth})")]
    TooDeep {
        /// The (capped) depth found.
        depth: U256,
    },
    /// `GameAlreadyExists(bytes32 gameId)`.
    #[error("GameAlreadyExists({game_id})")]
    GameAlreadyExists {
        /// The game id.
        game_id: B256,
    },
    /// `GameNotFound(bytes32 gameId)`.
    #[error("GameNotFound({game_id})")]
    GameNotFound {
        /// The game id.
        game_id: B256,
    },
    /// `GameAlreadyDecided(bytes32 gameId)`.
    #[error("GameAlreadyDecided({game_id})")]
    GameAlreadyDecided {
        /// The game id.
        game_id: B256,
    },
    /// `DisputePeriodOver(bytes32 gameId)`.
    #[error("DisputePeriodOver({game_id})")]
    DisputePeriodOver {
        /// The game id.
        game_id: B256,
    },
    /// `DisputePeriodNotOver(bytes32 gameId)`.
    #[error("DisputePeriodNotOver({game_id})")]
    DisputePeriodNotOver {
        /// The game id.
        game_id: B256,
    },
    /// `NotAConnective(address predicate)`.
    #[error("NotAConnective({predicate})")]
    NotAConnective {
        /// The game's predicate.
        predicate: Address,
    },
    /// `InvalidChallenge(bytes32 gameId, bytes32 challengeGameId)`.
    #[error("InvalidChallenge({game_id}, {challenge_game_id})")]
    InvalidChallenge {
        /// The challenged game.
        game_id: B256,
        /// The id of the rejected challenge.
        challenge_game_id: B256,
    },
    /// `DuplicateChallenge(bytes32 gameId, bytes32 challengeGameId)`.
    #[error("DuplicateChallenge({game_id}, {challenge_game_id})")]
    DuplicateChallenge {
        /// The challenged game.
        game_id: B256,
        /// The id of the challenge already present.
        challenge_game_id: B256,
    },
    /// `ChallengeNotFound(bytes32 gameId, bytes32 challengeGameId)`.
    #[error("ChallengeNotFound({game_id}, {challenge_game_id})")]
    ChallengeNotFound {
        /// The challenged game.
        game_id: B256,
        /// The id that is not among its challenges.
        challenge_game_id: B256,
    },
    /// `ChallengeNotDecidedTrue(bytes32 challengeGameId)`.
    #[error("ChallengeNotDecidedTrue({challenge_game_id})")]
    ChallengeNotDecidedTrue {
        /// The challenge's game id.
        challenge_game_id: B256,
    },
    /// `ChallengeNotDecidedFalse(bytes32 challengeGameId)`.
    #[error("ChallengeNotDecidedFalse({challenge_game_id})")]
    ChallengeNotDecidedFalse {
        /// The challenge's game id.
        challenge_game_id: B256,
    },
    /// `ChallengesRemain(bytes32 gameId)`.
    #[error("ChallengesRemain({game_id})")]
    ChallengesRemain {
        /// The game id.
        game_id: B256,
    },
    /// `WitnessRejected(bytes32 gameId)`.
    #[error("WitnessRejected({game_id})")]
    WitnessRejected {
        /// The game id.
        game_id: B256,
    },
    /// `CallerNotPredicate(address caller)`.
    #[error("CallerNotPredicate({caller})")]
    CallerNotPredicate {
        /// `msg.sender` of `setPredicateDecision`.
        caller: Address,
    },
    /// `InvalidPeriod()` (UAC constructor).
    #[error("InvalidPeriod()")]
    InvalidPeriod,
    /// `NotDeployer(address caller)` (UAC wiring).
    #[error("NotDeployer({caller})")]
    NotDeployer {
        /// `msg.sender` of `initialize`.
        caller: Address,
    },
    /// `AlreadyInitialized()` (UAC wiring).
    #[error("AlreadyInitialized()")]
    AlreadyInitialized,
    /// `NotTrue()` (atomic `decideTrue`).
    #[error("NotTrue()")]
    NotTrue,
    /// `NotFalse()` (atomic `decideFalse`).
    #[error("NotFalse()")]
    NotFalse,
    /// `InnerNotFalse(bytes32 innerGameId)` (`Not.decideTrue`).
    #[error("InnerNotFalse({inner_game_id})")]
    InnerNotFalse {
        /// The inner property's game id.
        inner_game_id: B256,
    },
    /// `ChildNotTrue(uint256 index)` (`And.decideTrue`).
    #[error("ChildNotTrue({index})")]
    ChildNotTrue {
        /// The first child not decided True.
        index: U256,
    },
    /// `NotOperator(address caller)` (`CommitmentContract.submitRoot`).
    #[error("NotOperator({caller})")]
    NotOperator {
        /// `msg.sender`.
        caller: Address,
    },
    /// `ZeroRoot()` (`CommitmentContract.submitRoot`).
    #[error("ZeroRoot()")]
    ZeroRoot,
    /// `BlockNumberNotIncreasing(uint256 last, uint256 given)` (`CommitmentContract.submitRoot`).
    #[error("BlockNumberNotIncreasing({last}, {given})")]
    BlockNumberNotIncreasing {
        /// The last block number submitted.
        last: U256,
        /// The rejected block number.
        given: U256,
    },
    /// Solidity `Panic(uint256 code)` (arithmetic, array bounds, …).
    #[error("Panic({code:#x})")]
    Panic {
        /// The panic code.
        code: U256,
    },
    /// Solidity `Error(string)` (`require(cond, "…")` / `revert("…")`).
    #[error("Error({0:?})")]
    Message(String),
    /// `revert()` without data (e.g. IsStored's gas guard, `retrieve` of a bad key).
    #[error("revert without data")]
    Empty,
    /// Revert data that matches no known error.
    #[error("unknown revert data {0}")]
    Unknown(Bytes),
    /// The EVM halted exceptionally for a reason other than a resource limit (invalid opcode,
    /// invalid jump, …): no revert data at all.
    #[error("halted: {reason}")]
    Halted {
        /// revm's halt reason, formatted.
        reason: String,
    },
    /// The transaction met a resource limit of the EVM rather than a rule of a contract: it
    /// halted out of gas, on a full stack or at the call-depth limit, or it reverted after
    /// using at least 31/32 of its gas limit (a nested call ran out of gas and its caller
    /// passed the failure on).
    #[error("resource limit: {detail}")]
    ResourceLimit {
        /// What happened: the halt reason or the revert, and the gas used of the limit.
        detail: String,
    },
}

impl Revert {
    /// The [`Self::name`] of [`Self::ResourceLimit`].
    pub const RESOURCE_LIMIT: &'static str = "ResourceLimit";

    /// Decodes revert data: every contract's custom errors, `Panic`, `Error(string)`, empty data.
    pub fn decode(data: &[u8]) -> Self {
        if data.is_empty() {
            return Self::Empty;
        }
        if let Ok(e) =
            UniversalAdjudicationContract::UniversalAdjudicationContractErrors::abi_decode(data)
        {
            return e.into();
        }
        if let Ok(e) = IAtomicPredicate::IAtomicPredicateErrors::abi_decode(data) {
            use IAtomicPredicate::IAtomicPredicateErrors as A;
            return match e {
                A::NotTrue(_) => Self::NotTrue,
                A::NotFalse(_) => Self::NotFalse,
            };
        }
        if let Ok(NotPredicate::NotPredicateErrors::InnerNotFalse(e)) =
            NotPredicate::NotPredicateErrors::abi_decode(data)
        {
            return Self::InnerNotFalse {
                inner_game_id: e.innerGameId,
            };
        }
        if let Ok(AndPredicate::AndPredicateErrors::ChildNotTrue(e)) =
            AndPredicate::AndPredicateErrors::abi_decode(data)
        {
            return Self::ChildNotTrue { index: e.index };
        }
        if let Ok(e) = CommitmentContract::CommitmentContractErrors::abi_decode(data) {
            use CommitmentContract::CommitmentContractErrors as C;
            return match e {
                C::NotOperator(e) => Self::NotOperator { caller: e.caller },
                C::ZeroRoot(_) => Self::ZeroRoot,
                C::BlockNumberNotIncreasing(e) => Self::BlockNumberNotIncreasing {
                    last: e.last,
                    given: e.given,
                },
            };
        }
        if let Ok(p) = alloy_sol_types::Panic::abi_decode(data) {
            return Self::Panic { code: p.code };
        }
        if let Ok(r) = alloy_sol_types::Revert::abi_decode(data) {
            return Self::Message(r.reason);
        }
        Self::Unknown(Bytes::copy_from_slice(data))
    }

    /// The Solidity name of the error (`"GameNotFound"`, `"Panic"`, …), for reports.
    pub fn name(&self) -> &'static str {
        match self {
            Self::UnknownPredicate { .. } => "UnknownPredicate",
            Self::TooDeep { .. } => "TooDeep",
            Self::GameAlreadyExists { .. } => "GameAlreadyExists",
            Self::GameNotFound { .. } => "GameNotFound",
            Self::GameAlreadyDecided { .. } => "GameAlreadyDecided",
            Self::DisputePeriodOver { .. } => "DisputePeriodOver",
            Self::DisputePeriodNotOver { .. } => "DisputePeriodNotOver",
            Self::NotAConnective { .. } => "NotAConnective",
            Self::InvalidChallenge { .. } => "InvalidChallenge",
            Self::DuplicateChallenge { .. } => "DuplicateChallenge",
            Self::ChallengeNotFound { .. } => "ChallengeNotFound",
            Self::ChallengeNotDecidedTrue { .. } => "ChallengeNotDecidedTrue",
            Self::ChallengeNotDecidedFalse { .. } => "ChallengeNotDecidedFalse",
            Self::ChallengesRemain { .. } => "ChallengesRemain",
            Self::WitnessRejected { .. } => "WitnessRejected",
            Self::CallerNotPredicate { .. } => "CallerNotPredicate",
            Self::InvalidPeriod => "InvalidPeriod",
            Self::NotDeployer { .. } => "NotDeployer",
            Self::AlreadyInitialized => "AlreadyInitialized",
            Self::NotTrue => "NotTrue",
            Self::NotFalse => "NotFalse",
            Self::InnerNotFalse { .. } => "InnerNotFalse",
            Self::ChildNotTrue { .. } => "ChildNotTrue",
            Self::NotOperator { .. } => "NotOperator",
            Self::ZeroRoot => "ZeroRoot",
            Self::BlockNumberNotIncreasing { .. } => "BlockNumberNotIncreasing",
            Self::Panic { .. } => "Panic",
            Self::Message(_) => "Error",
            Self::Empty => "Empty",
            Self::Unknown(_) => "Unknown",
            Self::Halted { .. } => "Halted",
            Self::ResourceLimit { .. } => Self::RESOURCE_LIMIT,
        }
    }
}

impl From<UniversalAdjudicationContract::UniversalAdjudicationContractErrors> for Revert {
    fn from(e: UniversalAdjudicationContract::UniversalAdjudicationContractErrors) -> Self {
        use UniversalAdjudicationContract::UniversalAdjudicationContractErrors as U;
        match e {
            U::UnknownPredicate(e) => Self::UnknownPredicate {
                predicate: e.predicate,
            },
            U::TooDeep(e) => Self::TooDeep { depth: e.depth },
            U::GameAlreadyExists(e) => Self::GameAlreadyExists { game_id: e.gameId },
            U::GameNotFound(e) => Self::GameNotFound { game_id: e.gameId },
            U::GameAlreadyDecided(e) => Self::GameAlreadyDecided { game_id: e.gameId },
            U::DisputePeriodOver(e) => Self::DisputePeriodOver { game_id: e.gameId },
            U::DisputePeriodNotOver(e) => Self::DisputePeriodNotOver { game_id: e.gameId },
            U::NotAConnective(e) => Self::NotAConnective {
                predicate: e.predicate,
            },
            U::InvalidChallenge(e) => Self::InvalidChallenge {
                game_id: e.gameId,
                challenge_game_id: e.challengeGameId,
            },
            U::DuplicateChallenge(e) => Self::DuplicateChallenge {
                game_id: e.gameId,
                challenge_game_id: e.challengeGameId,
            },
            U::ChallengeNotFound(e) => Self::ChallengeNotFound {
                game_id: e.gameId,
                challenge_game_id: e.challengeGameId,
            },
            U::ChallengeNotDecidedTrue(e) => Self::ChallengeNotDecidedTrue {
                challenge_game_id: e.challengeGameId,
            },
            U::ChallengeNotDecidedFalse(e) => Self::ChallengeNotDecidedFalse {
                challenge_game_id: e.challengeGameId,
            },
            U::ChallengesRemain(e) => Self::ChallengesRemain { game_id: e.gameId },
            U::WitnessRejected(e) => Self::WitnessRejected { game_id: e.gameId },
            U::CallerNotPredicate(e) => Self::CallerNotPredicate { caller: e.caller },
            U::InvalidPeriod(_) => Self::InvalidPeriod,
            U::NotDeployer(e) => Self::NotDeployer { caller: e.caller },
            U::AlreadyInitialized(_) => Self::AlreadyInitialized,
        }
    }
}

/// A failure of the driver (not of a contract call, which is a [`Revert`] in a `TxOutcome`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    /// revm rejected the transaction before executing it (bad nonce, gas limit, …).
    #[error("transaction rejected by the EVM: {0}")]
    Evm(String),
    /// A successful call returned data that does not decode as the function's return type.
    #[error("cannot decode the return data of {function}: {reason}")]
    Decode {
        /// The Solidity signature of the function.
        function: &'static str,
        /// The decoder's message.
        reason: String,
    },
    /// A view call or a deployment step that must succeed reverted.
    #[error("{context} reverted: {revert}")]
    Reverted {
        /// What was being done.
        context: String,
        /// Why it failed.
        revert: Revert,
    },
    /// A game-level helper was used on a chain without an OVM deployment.
    #[error("no OVM deployment on this chain (call Chain::deploy first)")]
    NotDeployed,
    /// The deployment plan cannot be carried out (a bad constructor argument or wiring step,
    /// a contract landing elsewhere). A dispute period of 0 is not refused here: the UAC
    /// constructor judges it (`InvalidPeriod()`, reported as [`ChainError::Reverted`]).
    #[error("invalid deployment: {0}")]
    InvalidDeployment(String),
}

/// Every custom error declared by any of the bound contracts: `(selector, signature)`. The
/// crate's tests check that [`Revert::decode`] maps each of them to a named variant, so an
/// error added to the contracts cannot go unnoticed.
pub fn declared_errors() -> Vec<([u8; 4], &'static str)> {
    let mut out = Vec::new();
    macro_rules! collect {
        ($($module:ident :: $enum:ident),* $(,)?) => {$(
            out.extend(
                crate::bindings::$module::$enum::SELECTORS
                    .iter()
                    .copied()
                    .zip(crate::bindings::$module::$enum::SIGNATURES.iter().copied()),
            );
        )*};
    }
    collect!(
        UniversalAdjudicationContract::UniversalAdjudicationContractErrors,
        IAtomicPredicate::IAtomicPredicateErrors,
        NotPredicate::NotPredicateErrors,
        AndPredicate::AndPredicateErrors,
        EqualPredicate::EqualPredicateErrors,
        IsLessThanPredicate::IsLessThanPredicateErrors,
        IsValidSignaturePredicate::IsValidSignaturePredicateErrors,
        IsHashPreimagePredicate::IsHashPreimagePredicateErrors,
        IsContainedPredicate::IsContainedPredicateErrors,
        HasIntersectionPredicate::HasIntersectionPredicateErrors,
        IsSameAmountPredicate::IsSameAmountPredicateErrors,
        IsStoredPredicate::IsStoredPredicateErrors,
        VerifyInclusionPredicate::VerifyInclusionPredicateErrors,
        CommitmentContract::CommitmentContractErrors,
    );
    out.sort_unstable();
    out.dedup();
    out
}
