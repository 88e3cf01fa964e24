//! The contracts' events (spec §6, plus `CommitmentContract.RootSubmitted`) as one type
//! ([`Event`]) both halves produce: `ovm-chain` decodes logs into it and `ovm-model` emits it,
//! so the halves compare with `==`.

use crate::{B256, Property, U256};
use alloy_primitives::Log;

/// One event of the deployment's contracts. Fields are named after the Solidity parameters
/// (snake case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// `NewPropertyClaimed(bytes32 gameId, Property property, uint256 createdBlock)`.
    NewPropertyClaimed {
        /// `id(property)`.
        game_id: B256,
        /// The claimed property.
        property: Property,
        /// `block.number` of the claim.
        created_block: U256,
    },
    /// `ClaimChallenged(bytes32 gameId, bytes32 challengeGameId)`.
    ClaimChallenged {
        /// The challenged game.
        game_id: B256,
        /// The challenge's game.
        challenge_game_id: B256,
    },
    /// `ChallengeRemoved(bytes32 gameId, bytes32 challengeGameId)`.
    ChallengeRemoved {
        /// The challenged game.
        game_id: B256,
        /// The removed challenge's game.
        challenge_game_id: B256,
    },
    /// `ClaimDecided(bytes32 gameId, bool decision)`.
    ClaimDecided {
        /// The decided game.
        game_id: B256,
        /// The decision.
        decision: bool,
    },
    /// `AtomicPropositionDecided(bytes32 gameId, bool decision)`.
    AtomicPropositionDecided {
        /// The decided game.
        game_id: B256,
        /// The decision.
        decision: bool,
    },
    /// `RootSubmitted(uint256 blockNumber, bytes32 root)` (`CommitmentContract`).
    RootSubmitted {
        /// The Plasma block number.
        block_number: U256,
        /// Its root.
        root: B256,
    },
    /// A log none of the known events matches.
    Unknown(Log),
}

impl Event {
    /// The Solidity event name, e.g. `"ClaimDecided"` (`"Unknown"` for an unknown log).
    pub fn name(&self) -> &'static str {
        match self {
            Self::NewPropertyClaimed { .. } => "NewPropertyClaimed",
            Self::ClaimChallenged { .. } => "ClaimChallenged",
            Self::ChallengeRemoved { .. } => "ChallengeRemoved",
            Self::ClaimDecided { .. } => "ClaimDecided",
            Self::AtomicPropositionDecided { .. } => "AtomicPropositionDecided",
            Self::RootSubmitted { .. } => "RootSubmitted",
            Self::Unknown(_) => "Unknown",
        }
    }

    /// The game id the event is about, if any.
    pub fn game_id(&self) -> Option<B256> {
        match self {
            Self::NewPropertyClaimed { game_id, .. }
            | Self::ClaimChallenged { game_id, .. }
            | Self::ChallengeRemoved { game_id, .. }
            | Self::ClaimDecided { game_id, .. }
            | Self::AtomicPropositionDecided { game_id, .. } => Some(*game_id),
            Self::RootSubmitted { .. } | Self::Unknown(_) => None,
        }
    }
}
