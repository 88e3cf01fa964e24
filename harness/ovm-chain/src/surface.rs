//! The ABI surface the conformance engine uses of each of the sixteen contracts — the
//! functions it calls and the events it decodes, with the spec's signatures — and a scan of a
//! contract's runtime code for it. A function is *dispatched* when its selector is a pushed
//! constant of the code (how Solidity and Vyper dispatchers compare selectors) and an event is
//! *emittable* when its topic is; a contract compiled from source that lacks either cannot
//! serve the calls that need it.

use crate::{
    bindings::{
        AndPredicate, CommitmentContract, ForAllSuchThatQuantifier, IAtomicPredicate, IConnective,
        IPredicate, IStorage, NotPredicate, UniversalAdjudicationContract as Uac,
    },
    deployment::DEPLOYMENT_ORDER,
};
use alloy_sol_types::{SolCall, SolEvent};
use std::collections::HashSet;

/// One function the engine calls: its signature and selector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Function {
    /// `claimProperty((address,bytes[]))`.
    pub signature: &'static str,
    /// The first four bytes of its keccak.
    pub selector: [u8; 4],
}

/// One event the engine decodes: its signature and topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// `ClaimDecided(bytes32,bool)`.
    pub signature: &'static str,
    /// Its keccak, the log's first topic.
    pub topic: [u8; 32],
}

fn function<C: SolCall>() -> Function {
    Function {
        signature: C::SIGNATURE,
        selector: C::SELECTOR,
    }
}

fn event<E: SolEvent>() -> Event {
    Event {
        signature: E::SIGNATURE,
        topic: E::SIGNATURE_HASH.0,
    }
}

/// What the engine uses of one contract of the deployment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Surface {
    /// The contract's name in [`DEPLOYMENT_ORDER`].
    pub contract: &'static str,
    /// The functions the engine calls on it.
    pub functions: Vec<Function>,
    /// The events the engine decodes from it.
    pub events: Vec<Event>,
}

/// The surface of each contract, in [`DEPLOYMENT_ORDER`].
pub fn surfaces() -> Vec<Surface> {
    let connective = || {
        vec![
            function::<IPredicate::decideWithWitnessCall>(),
            function::<IConnective::isValidChallengeCall>(),
        ]
    };
    DEPLOYMENT_ORDER
        .iter()
        .enumerate()
        .map(|(i, contract)| {
            let (functions, events) = match i {
                0 => (
                    vec![
                        function::<Uac::initializeCall>(),
                        function::<Uac::claimPropertyCall>(),
                        function::<Uac::challengeCall>(),
                        function::<Uac::removeChallengeCall>(),
                        function::<Uac::decideClaimToTrueCall>(),
                        function::<Uac::decideClaimToFalseCall>(),
                        function::<Uac::decideClaimWithWitnessCall>(),
                        function::<Uac::setPredicateDecisionCall>(),
                        function::<Uac::isDecidedCall>(),
                        function::<Uac::isDecidableCall>(),
                        function::<Uac::getGameCall>(),
                        function::<Uac::getPropertyIdCall>(),
                        function::<Uac::getGamePredicateCall>(),
                        function::<Uac::isPropertyCall>(),
                        function::<Uac::isPlaceholderCall>(),
                        function::<Uac::depthOfCall>(),
                        function::<Uac::getDepthCall>(),
                    ],
                    vec![
                        event::<Uac::NewPropertyClaimed>(),
                        event::<Uac::ClaimChallenged>(),
                        event::<Uac::ChallengeRemoved>(),
                        event::<Uac::ClaimDecided>(),
                        event::<Uac::AtomicPropositionDecided>(),
                    ],
                ),
                1 => {
                    let mut f = connective();
                    f.push(function::<NotPredicate::decideTrueCall>());
                    (f, Vec::new())
                }
                2 => {
                    let mut f = connective();
                    f.push(function::<AndPredicate::decideTrueCall>());
                    (f, Vec::new())
                }
                4 => {
                    let mut f = connective();
                    f.push(function::<ForAllSuchThatQuantifier::substCall>());
                    f.push(function::<ForAllSuchThatQuantifier::isAdmissibleCall>());
                    (f, Vec::new())
                }
                3 | 5 => (connective(), Vec::new()),
                15 => (
                    vec![
                        function::<CommitmentContract::submitRootCall>(),
                        function::<IStorage::retrieveCall>(),
                    ],
                    vec![event::<CommitmentContract::RootSubmitted>()],
                ),
                _ => (
                    vec![
                        function::<IAtomicPredicate::decideCall>(),
                        function::<IAtomicPredicate::decideTrueCall>(),
                        function::<IAtomicPredicate::decideFalseCall>(),
                        function::<IPredicate::decideWithWitnessCall>(),
                    ],
                    Vec::new(),
                ),
            };
            Surface {
                contract,
                functions,
                events,
            }
        })
        .collect()
}

/// The pushed constants of runtime code, as 4-byte and 32-byte words (push data is skipped
/// as code, and a push cut short by the end of the code is ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Constants {
    /// Every operand of `PUSH1`…`PUSH4`, left-padded to 4 bytes.
    pub words4: HashSet<[u8; 4]>,
    /// Every push operand, left-padded to 32 bytes.
    pub words32: HashSet<[u8; 32]>,
}

impl Constants {
    /// Scans `code`.
    pub fn of(code: &[u8]) -> Self {
        const PUSH1: u8 = 0x60;
        const PUSH32: u8 = 0x7f;
        let mut constants = Self::default();
        let mut at = 0;
        while at < code.len() {
            let op = code[at];
            at += 1;
            if !(PUSH1..=PUSH32).contains(&op) {
                continue;
            }
            let len = usize::from(op - PUSH1 + 1);
            let Some(data) = code.get(at..at + len) else {
                break;
            };
            // A constant with leading zero bytes is pushed shorter (a selector `0x00ab…` by
            // PUSH3): every push is kept left-padded.
            if len <= 4 {
                let mut word = [0; 4];
                word[4 - len..].copy_from_slice(data);
                constants.words4.insert(word);
            }
            let mut word = [0; 32];
            word[32 - len..].copy_from_slice(data);
            constants.words32.insert(word);
            at += len;
        }
        constants
    }

    /// Whether `function`'s selector is dispatched on.
    pub fn dispatches(&self, function: &Function) -> bool {
        self.words4.contains(&function.selector)
    }

    /// Whether `event`'s topic can be emitted.
    pub fn emits(&self, event: &Event) -> bool {
        self.words32.contains(&event.topic)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_contracts_have_their_whole_surface() {
        let mut chain = crate::Chain::new();
        let d = chain
            .deploy_codes(crate::DEPLOYER, 7, &crate::CreationCodes::bundled())
            .unwrap();
        for (surface, (name, address)) in surfaces().iter().zip(d.all()) {
            assert_eq!(surface.contract, name);
            let constants = Constants::of(&chain.code(address));
            assert!(!constants.words4.is_empty(), "{name} has code");
            for f in &surface.functions {
                assert!(
                    constants.dispatches(f),
                    "{}.{}",
                    surface.contract,
                    f.signature
                );
            }
            for e in &surface.events {
                assert!(constants.emits(e), "{}.{}", surface.contract, e.signature);
            }
        }
    }

    #[test]
    fn push_data_is_not_code_and_a_cut_push_is_ignored() {
        // PUSH5 0x63aabbccdd 00 | PUSH4 11223344 | PUSH4 (cut)
        let code = [
            0x64, 0x63, 0xaa, 0xbb, 0xcc, 0xdd, 0x63, 0x11, 0x22, 0x33, 0x44, 0x63, 0x01,
        ];
        let constants = Constants::of(&code);
        assert!(constants.words4.contains(&[0x11, 0x22, 0x33, 0x44]));
        assert!(
            !constants.words4.contains(&[0xaa, 0xbb, 0xcc, 0xdd]),
            "the PUSH4 inside PUSH5's data is data"
        );
        assert!(
            !constants.words4.contains(&[0, 0, 0, 1]),
            "a cut push is no constant"
        );
        // PUSH3 00abcd… : a selector with a leading zero byte.
        let short = Constants::of(&[0x62, 0xab, 0xcd, 0xef]);
        assert!(short.words4.contains(&[0, 0xab, 0xcd, 0xef]));
    }
}
