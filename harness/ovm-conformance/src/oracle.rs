//! The [`PredicateOracle`] the UAC model asks: the runner's [`Mirrors`] of the predicate
//! contracts (`is_valid_challenge`, `decide_with_witness`) and the decider under test for the
//! truth of atomics, over a world.

use crate::mirrors::Mirrors;
use ovm_core::{Bytes, Property};
use ovm_decider::{Decider, Truth, World};
use ovm_model::PredicateOracle;

/// Answers the model's questions with `mirrors` and `decider` in `world`.
#[derive(Clone, Copy)]
pub struct MirrorOracle<'w, D: ?Sized> {
    /// The world (registry, witness store, storage mirror).
    pub world: &'w World,
    /// The Rust functions under test.
    pub mirrors: &'w dyn Mirrors,
    /// The decider under test (the truth of an atomic is its outcome's truth).
    pub decider: &'w D,
}

impl<D: Decider + ?Sized> PredicateOracle for MirrorOracle<'_, D> {
    fn is_valid_challenge(
        &self,
        property: &Property,
        challenge_inputs: &[Bytes],
        challenge: &Property,
    ) -> bool {
        self.mirrors
            .is_valid_challenge(&self.world.registry, property, challenge_inputs, challenge)
    }

    fn decide_with_witness(&self, property: &Property, witness: &[Bytes]) -> bool {
        self.mirrors
            .decide_with_witness(self.world, property, witness)
    }

    fn atomic_truth(&self, property: &Property) -> Option<bool> {
        self.world.registry.atomic(property.predicate)?;
        match self.decider.decide(property, self.world).truth() {
            Truth::True => Some(true),
            Truth::False => Some(false),
            Truth::Undefined => None,
        }
    }
}
