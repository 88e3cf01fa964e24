//! The [`PredicateOracle`] the UAC model asks: the decider crate's mirror of the predicate
//! contracts (`onchain::is_valid_challenge`, `onchain::decide_with_witness`,
//! `atomic::evaluate`) over a world.

use ovm_core::{Bytes, Property};
use ovm_decider::{Truth, World, atomic, onchain};
use ovm_model::PredicateOracle;

/// Answers the model's questions with the decider crate's on-chain mirrors in `world`.
#[derive(Clone, Copy, Debug)]
pub struct MirrorOracle<'w> {
    /// The world (registry, witness store, storage mirror).
    pub world: &'w World,
}

impl PredicateOracle for MirrorOracle<'_> {
    fn is_valid_challenge(
        &self,
        property: &Property,
        challenge_inputs: &[Bytes],
        challenge: &Property,
    ) -> bool {
        onchain::is_valid_challenge(&self.world.registry, property, challenge_inputs, challenge)
    }

    fn decide_with_witness(&self, property: &Property, witness: &[Bytes]) -> bool {
        onchain::decide_with_witness(self.world, property, witness)
    }

    fn atomic_truth(&self, property: &Property) -> Option<bool> {
        let kind = self.world.registry.atomic(property.predicate)?;
        match atomic::evaluate(kind, &property.inputs, self.world) {
            Truth::True => Some(true),
            Truth::False => Some(false),
            Truth::Undefined => None,
        }
    }
}
