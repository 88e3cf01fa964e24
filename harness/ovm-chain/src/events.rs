//! Decoding the contracts' logs into `ovm_core::Event` ([`OvmEvent`], the one event type both halves
//! produce): UAC events (spec §6) and `CommitmentContract.RootSubmitted`.

use alloy_primitives::{Address, B256, Log};
use alloy_sol_types::SolEventInterface;
pub use ovm_core::Event as OvmEvent;

use crate::bindings::{CommitmentContract, UniversalAdjudicationContract};

/// Decodes `log` into an [`OvmEvent`] (its emitter is not checked: see [`decode_from`]).
pub fn decode(log: &Log) -> OvmEvent {
    use UniversalAdjudicationContract::UniversalAdjudicationContractEvents as U;
    let topics = log.data.topics();
    let data = &log.data.data;
    if let Ok(event) = U::decode_raw_log(topics, data) {
        return match event {
            U::NewPropertyClaimed(e) => OvmEvent::NewPropertyClaimed {
                game_id: e.gameId,
                property: e.property.into(),
                created_block: e.createdBlock,
            },
            U::ClaimChallenged(e) => OvmEvent::ClaimChallenged {
                game_id: e.gameId,
                challenge_game_id: e.challengeGameId,
            },
            U::ChallengeRemoved(e) => OvmEvent::ChallengeRemoved {
                game_id: e.gameId,
                challenge_game_id: e.challengeGameId,
            },
            U::ClaimDecided(e) => OvmEvent::ClaimDecided {
                game_id: e.gameId,
                decision: e.decision,
            },
            U::AtomicPropositionDecided(e) => OvmEvent::AtomicPropositionDecided {
                game_id: e.gameId,
                decision: e.decision,
            },
        };
    }
    if let Ok(CommitmentContract::CommitmentContractEvents::RootSubmitted(e)) =
        CommitmentContract::CommitmentContractEvents::decode_raw_log(topics, data)
    {
        return OvmEvent::RootSubmitted {
            block_number: e.blockNumber,
            root: e.root,
        };
    }
    OvmEvent::Unknown(log.clone())
}

/// Decodes `log` only if `emitter` emitted it, else [`OvmEvent::Unknown`].
pub fn decode_from(log: &Log, emitter: Address) -> OvmEvent {
    if log.address == emitter {
        decode(log)
    } else {
        OvmEvent::Unknown(log.clone())
    }
}

/// Every event declared by the bound contracts: `(topic0, signature)`; the tests check that
/// [`decode`] knows each of them.
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
