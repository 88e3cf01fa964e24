//! The UAC's events (spec §6); none of their fields is indexed.

use ovm_core::{B256, Property};

/// An event emitted by a successful UAC call, in emission order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum UacEvent {
    /// `NewPropertyClaimed(bytes32 gameId, Property property, uint256 createdBlock)`.
    NewPropertyClaimed {
        /// `id(property)`.
        game_id: B256,
        /// The claimed property, as passed to the call.
        property: Property,
        /// The block in which the game was created.
        created_block: u64,
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
        /// The game the challenge was removed from.
        game_id: B256,
        /// The removed challenge's game.
        challenge_game_id: B256,
    },
    /// `ClaimDecided(bytes32 gameId, bool decision)`.
    ClaimDecided {
        /// The decided game.
        game_id: B256,
        /// The decision (`true` = True).
        decision: bool,
    },
    /// `AtomicPropositionDecided(bytes32 gameId, bool decision)`.
    AtomicPropositionDecided {
        /// The decided game.
        game_id: B256,
        /// The decision (`true` = True).
        decision: bool,
    },
}

impl UacEvent {
    /// The Solidity event name, e.g. `"ClaimDecided"`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::NewPropertyClaimed { .. } => "NewPropertyClaimed",
            Self::ClaimChallenged { .. } => "ClaimChallenged",
            Self::ChallengeRemoved { .. } => "ChallengeRemoved",
            Self::ClaimDecided { .. } => "ClaimDecided",
            Self::AtomicPropositionDecided { .. } => "AtomicPropositionDecided",
        }
    }

    /// The game the event is about (its first field).
    pub fn game_id(&self) -> B256 {
        match self {
            Self::NewPropertyClaimed { game_id, .. }
            | Self::ClaimChallenged { game_id, .. }
            | Self::ChallengeRemoved { game_id, .. }
            | Self::ClaimDecided { game_id, .. }
            | Self::AtomicPropositionDecided { game_id, .. } => *game_id,
        }
    }
}

/// An event of `CommitmentContract` (not in the spec; the Solidity emits it on every
/// successful `submitRoot`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CommitmentEvent {
    /// `RootSubmitted(uint256 blockNumber, bytes32 root)`.
    RootSubmitted {
        /// The submitted block number.
        block_number: ovm_core::U256,
        /// Its root.
        root: B256,
    },
}
