//! Game-level helpers on [`Chain`]: the UAC's transactions and views, the predicates'
//! `decideTrue`/`decideFalse`/`isValidChallenge`/`decideWithWitness`/`decide`, and the
//! `CommitmentContract`, all in `ovm_core` types. Each transaction names its sender.
//!
//! They need [`Chain::deploy`] first ([`ChainError::NotDeployed`] otherwise). Anything not
//! covered here is reachable with [`Chain::send`] / [`Chain::call`] and [`crate::bindings`].

use alloy_primitives::{Address, B256, Bytes, U256};
use ovm_core::{Action, ChallengeGame, Property};

use crate::{
    bindings::{
        AndPredicate, CommitmentContract, IAtomicPredicate, IConnective, IPredicate, IStorage,
        NotPredicate, UniversalAdjudicationContract as Uac,
    },
    chain::Chain,
    errors::ChainError,
    outcome::TxOutcome,
};

/// A transaction without a return value.
pub type Tx = TxOutcome<()>;

impl Chain {
    fn uac(&self) -> Result<Address, ChainError> {
        Ok(self.ovm()?.uac)
    }

    // ------------------------------------------------------------------ UAC transactions

    /// `claimProperty(p)`.
    pub fn claim_property(&mut self, from: Address, p: &Property) -> Result<Tx, ChainError> {
        let uac = self.uac()?;
        Ok(self
            .send(from, uac, &Uac::claimPropertyCall { property: p.into() })?
            .map(drop))
    }

    /// `challenge(p, challengeInputs, q)`.
    pub fn challenge(
        &mut self,
        from: Address,
        p: &Property,
        challenge_inputs: &[Bytes],
        q: &Property,
    ) -> Result<Tx, ChainError> {
        let uac = self.uac()?;
        let call = Uac::challengeCall {
            property: p.into(),
            challengeInputs: challenge_inputs.to_vec(),
            challengeProperty: q.into(),
        };
        Ok(self.send(from, uac, &call)?.map(drop))
    }

    /// `removeChallenge(p, q)`.
    pub fn remove_challenge(
        &mut self,
        from: Address,
        p: &Property,
        q: &Property,
    ) -> Result<Tx, ChainError> {
        let uac = self.uac()?;
        let call = Uac::removeChallengeCall {
            property: p.into(),
            challengeProperty: q.into(),
        };
        Ok(self.send(from, uac, &call)?.map(drop))
    }

    /// `decideClaimToTrue(gameId)`.
    pub fn decide_claim_to_true(&mut self, from: Address, game_id: B256) -> Result<Tx, ChainError> {
        let uac = self.uac()?;
        Ok(self
            .send(from, uac, &Uac::decideClaimToTrueCall { gameId: game_id })?
            .map(drop))
    }

    /// `decideClaimToFalse(p, q)`.
    pub fn decide_claim_to_false(
        &mut self,
        from: Address,
        p: &Property,
        q: &Property,
    ) -> Result<Tx, ChainError> {
        let uac = self.uac()?;
        let call = Uac::decideClaimToFalseCall {
            property: p.into(),
            challengeProperty: q.into(),
        };
        Ok(self.send(from, uac, &call)?.map(drop))
    }

    /// `decideClaimWithWitness(p, witness)`.
    pub fn decide_claim_with_witness(
        &mut self,
        from: Address,
        p: &Property,
        witness: &[Bytes],
    ) -> Result<Tx, ChainError> {
        let uac = self.uac()?;
        let call = Uac::decideClaimWithWitnessCall {
            property: p.into(),
            witness: witness.to_vec(),
        };
        Ok(self.send(from, uac, &call)?.map(drop))
    }

    /// `setPredicateDecision(p, decision)` sent by `from` (only a registered predicate may).
    pub fn set_predicate_decision(
        &mut self,
        from: Address,
        p: &Property,
        decision: bool,
    ) -> Result<Tx, ChainError> {
        let uac = self.uac()?;
        let call = Uac::setPredicateDecisionCall {
            property: p.into(),
            decision,
        };
        Ok(self.send(from, uac, &call)?.map(drop))
    }

    /// Sends `action` from `from`: the chain's one dispatcher of [`Action`].
    pub fn send_action(&mut self, from: Address, action: &Action) -> Result<Tx, ChainError> {
        match action {
            Action::Claim(p) => self.claim_property(from, p),
            Action::Challenge {
                property,
                inputs,
                challenge,
            } => self.challenge(from, property, inputs, challenge),
            Action::RemoveChallenge {
                property,
                challenge,
            } => self.remove_challenge(from, property, challenge),
            Action::DecideClaimToTrue(id) => self.decide_claim_to_true(from, *id),
            Action::DecideClaimToFalse {
                property,
                challenge,
            } => self.decide_claim_to_false(from, property, challenge),
            Action::DecideClaimWithWitness { property, witness } => {
                self.decide_claim_with_witness(from, property, witness)
            }
            Action::SetPredicateDecision { property, decision } => {
                self.set_predicate_decision(from, property, *decision)
            }
            Action::DecideTrue(p) => self.decide_true(from, p),
            Action::DecideFalse(p) => self.decide_false(from, p),
            Action::NotDecideTrue(inner) => self.not_decide_true(from, inner),
            Action::AndDecideTrue(children) => self.and_decide_true(from, children),
            Action::SubmitRoot { block, root } => self.submit_root(from, *block, *root),
        }
    }

    // ------------------------------------------------------------------ predicate transactions

    /// `decideTrue(p.inputs)` on the atomic `p.predicate`.
    pub fn decide_true(&mut self, from: Address, p: &Property) -> Result<Tx, ChainError> {
        let call = IAtomicPredicate::decideTrueCall {
            inputs: p.inputs.clone(),
        };
        Ok(self.send(from, p.predicate, &call)?.map(drop))
    }

    /// `decideFalse(p.inputs)` on the atomic `p.predicate`.
    pub fn decide_false(&mut self, from: Address, p: &Property) -> Result<Tx, ChainError> {
        let call = IAtomicPredicate::decideFalseCall {
            inputs: p.inputs.clone(),
        };
        Ok(self.send(from, p.predicate, &call)?.map(drop))
    }

    /// `NotPredicate.decideTrue(inner)`: decides `Not(inner)` True once `inner` is False.
    pub fn not_decide_true(&mut self, from: Address, inner: &Property) -> Result<Tx, ChainError> {
        let not = self.ovm()?.not;
        Ok(self
            .send(
                from,
                not,
                &NotPredicate::decideTrueCall {
                    inner: inner.into(),
                },
            )?
            .map(drop))
    }

    /// `AndPredicate.decideTrue(children)`: decides `And(children)` True once all are True.
    pub fn and_decide_true(
        &mut self,
        from: Address,
        children: &[Property],
    ) -> Result<Tx, ChainError> {
        let and = self.ovm()?.and;
        let call = AndPredicate::decideTrueCall {
            children: children.iter().map(Into::into).collect(),
        };
        Ok(self.send(from, and, &call)?.map(drop))
    }

    /// `CommitmentContract.submitRoot(blockNumber, root)`.
    pub fn submit_root(
        &mut self,
        from: Address,
        block_number: U256,
        root: B256,
    ) -> Result<Tx, ChainError> {
        let commitment = self.ovm()?.commitment;
        let call = CommitmentContract::submitRootCall {
            blockNumber: block_number,
            root,
        };
        Ok(self.send(from, commitment, &call)?.map(drop))
    }

    // ------------------------------------------------------------------ views

    /// `getGame(gameId)` (all zero if the game does not exist).
    pub fn get_game(&mut self, game_id: B256) -> Result<ChallengeGame, ChainError> {
        let uac = self.uac()?;
        Ok(self
            .view(uac, &Uac::getGameCall { gameId: game_id })?
            .into())
    }

    /// `isDecided(p)`: whether `p`'s game is decided True.
    pub fn is_decided(&mut self, p: &Property) -> Result<bool, ChainError> {
        let uac = self.uac()?;
        self.view(uac, &Uac::isDecidedCall { property: p.into() })
    }

    /// `isDecidable(gameId)`: whether `decideClaimToTrue(gameId)` would succeed now.
    pub fn is_decidable(&mut self, game_id: B256) -> Result<bool, ChainError> {
        let uac = self.uac()?;
        self.view(uac, &Uac::isDecidableCall { gameId: game_id })
    }

    /// `getPropertyId(p)`, computed on-chain.
    pub fn get_property_id(&mut self, p: &Property) -> Result<B256, ChainError> {
        let uac = self.uac()?;
        self.view(uac, &Uac::getPropertyIdCall { property: p.into() })
    }

    /// `getGamePredicate(gameId)` (zero if the game does not exist).
    pub fn get_game_predicate(&mut self, game_id: B256) -> Result<Address, ChainError> {
        let uac = self.uac()?;
        self.view(uac, &Uac::getGamePredicateCall { gameId: game_id })
    }

    /// `getDepth(p)`: `min(depth(p), 35)` in this deployment (not in the spec's ABI).
    pub fn get_depth(&mut self, p: &Property) -> Result<U256, ChainError> {
        let uac = self.uac()?;
        self.view(uac, &Uac::getDepthCall { property: p.into() })
    }

    /// `isValidChallenge(p.inputs, challengeInputs, q)` on `p`'s predicate (a connective).
    pub fn is_valid_challenge(
        &mut self,
        p: &Property,
        challenge_inputs: &[Bytes],
        q: &Property,
    ) -> Result<bool, ChainError> {
        let call = IConnective::isValidChallengeCall {
            inputs: p.inputs.clone(),
            challengeInputs: challenge_inputs.to_vec(),
            challenge: q.into(),
        };
        self.view(p.predicate, &call)
    }

    /// `decideWithWitness(p.inputs, witness)` on `p`'s predicate (any predicate).
    pub fn decide_with_witness(
        &mut self,
        p: &Property,
        witness: &[Bytes],
    ) -> Result<bool, ChainError> {
        let call = IPredicate::decideWithWitnessCall {
            inputs: p.inputs.clone(),
            witness: witness.to_vec(),
        };
        self.view(p.predicate, &call)
    }

    /// `decide(p.inputs)` on `p`'s predicate (an atomic).
    pub fn decide(&mut self, p: &Property) -> Result<bool, ChainError> {
        self.view(
            p.predicate,
            &IAtomicPredicate::decideCall {
                inputs: p.inputs.clone(),
            },
        )
    }

    /// `retrieve(key)` (`IStorage`, spec §5.2) on the deployment's `CommitmentContract`.
    pub fn retrieve(&mut self, key: &[u8]) -> Result<Bytes, ChainError> {
        let commitment = self.ovm()?.commitment;
        self.view(
            commitment,
            &IStorage::retrieveCall {
                key: Bytes::copy_from_slice(key),
            },
        )
    }
}
