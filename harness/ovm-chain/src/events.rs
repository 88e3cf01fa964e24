//! The contracts' events (spec §6, plus `CommitmentContract.RootSubmitted`), decoded from logs.

use alloy_primitives::{Address, B256, Log, U256};
use alloy_sol_types::SolEventInterface;
use ovm_core::Property;

use crate::bindings::{CommitmentContract, UniversalAdjudicationContract};

/// One decoded log. Fields are named after the Solidity parameters (snake case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OvmEvent {
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

impl OvmEvent {
    /// Decodes `log` (its emitter is not checked: see [`OvmEvent::decode_from`]).
    pub fn decode(log: &Log) -> Self {
        use UniversalAdjudicationContract::UniversalAdjudicationContractEvents as U;
        let topics = log.data.topics();
        let data = &log.data.data;
        if let Ok(event) = U::decode_raw_log(topics, data) {
            return match event {
                U::NewPropertyClaimed(e) => Self::NewPropertyClaimed {
                    game_id: e.gameId,
                    property: e.property.into(),
                    created_block: e.createdBlock,
                },
                U::ClaimChallenged(e) => Self::ClaimChallenged {
                    game_id: e.gameId,
                    challenge_game_id: e.challengeGameId,
                },
                U::ChallengeRemoved(e) => Self::ChallengeRemoved {
                    game_id: e.gameId,
                    challenge_game_id: e.challengeGameId,
                },
                U::ClaimDecided(e) => Self::ClaimDecided {
                    game_id: e.gameId,
                    decision: e.decision,
                },
                U::AtomicPropositionDecided(e) => Self::AtomicPropositionDecided {
                    game_id: e.gameId,
                    decision: e.decision,
                },
            };
        }
        if let Ok(CommitmentContract::CommitmentContractEvents::RootSubmitted(e)) =
            CommitmentContract::CommitmentContractEvents::decode_raw_log(topics, data)
        {
            return Self::RootSubmitted {
                block_number: e.blockNumber,
                root: e.root,
            };
        }
        Self::Unknown(log.clone())
    }

    /// Decodes `log` only if `emitter` emitted it, else [`OvmEvent::Unknown`].
    pub fn decode_from(log: &Log, emitter: Address) -> Self {
        if log.address == emitter {
            Self::decode(log)
        } else {
            Self::Unknown(log.clone())
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

/// Every event declared by the bound contracts: `(topic0, signature)`; the tests check that
/// [`OvmEvent::decode`] knows each of them.
pub fn declared_events() -> Vec<(B256, &'static str)> {
    use CommitmentContract::CommitmentContractEvents as C;
    use UniversalAdjudicationContract::UniversalAdjudicationContractEvents as U;
    let mut out: Vec<(B256, &'static str)> = U::SELECTORS
        .iter()
        .map(|s| B256::from(*s))
        .zip(U::SIGNATURES.iter().copied())
        .chain(
            C::SELECTORS
                .iter()
                .map(|s| B256::from(*s))
                .zip(C::SIGNATURES.iter().copied()),
        )
        .collect();
    out.sort_unstable();
    out
}
