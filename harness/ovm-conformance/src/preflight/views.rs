//! The dynamic half of the preflight: after deployment, each view the spec says never reverts
//! is called once with inputs that are harmless on any deployment (an empty property, a game
//! that does not exist, empty inputs and witnesses), and must answer. An implementation whose
//! views revert on malformed input (`require` or `abi.decode` where the spec asks for `false`)
//! is told so here, before its vectors fail one by one for it.

use alloy_sol_types::SolCall;
use ovm_chain::{
    Chain, ChainError,
    bindings::{
        ForAllSuchThatQuantifier as ForAll, IAtomicPredicate, IConnective, IPredicate, IStorage,
        UniversalAdjudicationContract as Uac,
    },
    chain::VIEWER,
};
use ovm_core::{Address, B256, Bytes, U256};

/// One never-reverting view that failed its harmless call.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RevertingView {
    /// The view's signature.
    pub signature: &'static str,
    /// What it did instead of answering (its revert, or undecodable return data).
    pub failure: String,
}

/// What the harmless calls of one contract found.
#[derive(Debug, Default)]
pub struct ViewProbe {
    /// Views that answered.
    pub answered: usize,
    /// Views that did not.
    pub reverting: Vec<RevertingView>,
}

/// The harmless calls to one contract, and what they found.
struct Prober<'a> {
    chain: &'a mut Chain,
    to: Address,
    /// The signatures the contract does not dispatch on (reported as missing, not called).
    missing: &'a [&'a str],
    found: ViewProbe,
}

impl Prober<'_> {
    /// Calls `call` and records whether it answered, unless the contract lacks it.
    fn call<C: SolCall>(&mut self, call: C) {
        if self.missing.contains(&C::SIGNATURE) {
            return;
        }
        let failure = match self.chain.call(VIEWER, self.to, &call) {
            Ok(outcome) => match outcome.result {
                Ok(_) => {
                    self.found.answered += 1;
                    return;
                }
                Err(revert) => format!("reverted: {revert}"),
            },
            Err(ChainError::Decode { reason, .. }) => {
                format!("return data does not decode: {reason}")
            }
            Err(other) => other.to_string(),
        };
        self.found.reverting.push(RevertingView {
            signature: C::SIGNATURE,
            failure,
        });
    }
}

/// Calls the never-reverting views of the contract at `index` of the deployment order, at
/// `to`, with harmless inputs; `missing` are the signatures the contract does not dispatch on.
pub fn probe_views(chain: &mut Chain, index: usize, to: Address, missing: &[&str]) -> ViewProbe {
    let mut p = Prober {
        chain,
        to,
        missing,
        found: ViewProbe::default(),
    };
    let no_game = B256::ZERO;
    let no_witness = || IPredicate::decideWithWitnessCall {
        inputs: Vec::new(),
        witness: Vec::new(),
    };
    match index {
        0 => {
            let empty = || Uac::Property {
                predicateAddress: Address::ZERO,
                inputs: Vec::new(),
            };
            p.call(Uac::isDecidedCall { property: empty() });
            p.call(Uac::isDecidableCall { gameId: no_game });
            p.call(Uac::getGameCall { gameId: no_game });
            p.call(Uac::getPropertyIdCall { property: empty() });
            p.call(Uac::getGamePredicateCall { gameId: no_game });
            p.call(Uac::getDepthCall { property: empty() });
            p.call(Uac::depthOfCall { x: Bytes::new() });
            p.call(Uac::isPropertyCall { x: Bytes::new() });
            p.call(Uac::isPlaceholderCall { x: Bytes::new() });
        }
        1..=5 => {
            p.call(IConnective::isValidChallengeCall {
                inputs: Vec::new(),
                challengeInputs: Vec::new(),
                challenge: IConnective::Property {
                    predicateAddress: Address::ZERO,
                    inputs: Vec::new(),
                },
            });
            p.call(no_witness());
            if index == 4 {
                let name = Bytes::from_static(b"x");
                p.call(ForAll::substCall {
                    x: Bytes::new(),
                    name: name.clone(),
                    v: Bytes::new(),
                });
                p.call(ForAll::isAdmissibleCall {
                    body: Bytes::new(),
                    name,
                    t: Bytes::new(),
                    nots: U256::ZERO,
                });
            }
        }
        15 => p.call(IStorage::retrieveCall {
            key: Bytes::from(vec![0; 32]),
        }),
        _ => {
            p.call(IAtomicPredicate::decideCall { inputs: Vec::new() });
            p.call(no_witness());
        }
    }
    p.found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contracts::Contracts;
    use ovm_chain::{DEPLOYER, Deployment, surface::surfaces};

    /// The bundled deployment, and the address of the contract at `index`.
    fn bundled(index: usize) -> (Chain, Address) {
        let period = ovm_vectors::DEFAULT_PERIOD;
        let mut chain = Chain::new();
        let predicted = Deployment::predicted(DEPLOYER, chain.nonce(DEPLOYER), period);
        chain
            .deploy_plan(DEPLOYER, period, Contracts::bundled().plan())
            .unwrap();
        (chain, predicted.all()[index].1)
    }

    /// Runtime code that pushes every selector of the surface of contract `index` (so a scan
    /// finds them dispatched) and then reverts, whatever it is called with.
    fn reverting_code(index: usize) -> Bytes {
        let mut code = Vec::new();
        for f in &surfaces()[index].functions {
            code.push(0x63); // PUSH4
            code.extend(f.selector);
            code.push(0x50); // POP
        }
        code.extend([0x5f, 0x5f, 0xfd]); // PUSH0 PUSH0 REVERT
        code.into()
    }

    #[test]
    fn every_view_of_every_bundled_contract_answers() {
        for index in 0..surfaces().len() {
            let (mut chain, address) = bundled(index);
            let probe = probe_views(&mut chain, index, address, &[]);
            assert!(probe.reverting.is_empty(), "{index}: {:?}", probe.reverting);
            assert!(probe.answered >= 1, "{index}");
        }
    }

    #[test]
    fn a_view_that_reverts_is_named_and_a_missing_one_is_not_called() {
        const EQUAL: usize = 6;
        let (mut chain, address) = bundled(EQUAL);
        chain.place_code(address, reverting_code(EQUAL));
        let probe = probe_views(&mut chain, EQUAL, address, &[]);
        assert_eq!(probe.answered, 0);
        let names: Vec<_> = probe.reverting.iter().map(|v| v.signature).collect();
        assert_eq!(
            names,
            ["decide(bytes[])", "decideWithWitness(bytes[],bytes[])"]
        );
        assert!(probe.reverting[0].failure.starts_with("reverted"));

        let probe = probe_views(&mut chain, EQUAL, address, &["decide(bytes[])"]);
        assert_eq!(probe.reverting.len(), 1);
        assert_eq!(
            probe.reverting[0].signature,
            "decideWithWitness(bytes[],bytes[])"
        );
    }

    #[test]
    fn an_answer_that_does_not_decode_is_named() {
        const UAC: usize = 0;
        let (mut chain, address) = bundled(UAC);
        // STOP: every call succeeds with empty return data, which no view's return decodes from.
        chain.place_code(address, Bytes::from_static(&[0x00]));
        let probe = probe_views(&mut chain, UAC, address, &[]);
        assert_eq!(probe.answered, 0);
        assert_eq!(probe.reverting.len(), 9);
        assert!(
            probe
                .reverting
                .iter()
                .all(|v| v.failure.starts_with("return data does not decode")),
            "{:?}",
            probe.reverting
        );
    }
}
