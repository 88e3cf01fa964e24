//! What the UAC asks the predicate contracts, abstracted as an oracle.

use ovm_core::{B256, Bytes, Property};
use std::collections::{BTreeMap, BTreeSet};

/// The answers of the predicate contracts that the UAC (and the predicates' entry points) rely on.
///
/// The model only asks a question the Solidity would ask: `is_valid_challenge` only for a
/// registered connective, `decide_with_witness` only for a registered predicate, and
/// `atomic_truth` only for a registered atomic. Implementations must not panic.
pub trait PredicateOracle {
    /// `P.predicate.isValidChallenge(P.inputs, challenge_inputs, challenge)`.
    fn is_valid_challenge(
        &self,
        property: &Property,
        challenge_inputs: &[Bytes],
        challenge: &Property,
    ) -> bool;

    /// `P.predicate.decideWithWitness(P.inputs, witness)`.
    fn decide_with_witness(&self, property: &Property, witness: &[Bytes]) -> bool;

    /// The three-valued truth of an atomic property: `Some(true)` / `Some(false)`, or `None`
    /// when it is undefined (IsStored on a key not yet written), in which case neither
    /// `decideTrue` nor `decideFalse` succeeds.
    fn atomic_truth(&self, property: &Property) -> Option<bool>;
}

impl<T: PredicateOracle + ?Sized> PredicateOracle for &T {
    fn is_valid_challenge(
        &self,
        property: &Property,
        challenge_inputs: &[Bytes],
        challenge: &Property,
    ) -> bool {
        (**self).is_valid_challenge(property, challenge_inputs, challenge)
    }

    fn decide_with_witness(&self, property: &Property, witness: &[Bytes]) -> bool {
        (**self).decide_with_witness(property, witness)
    }

    fn atomic_truth(&self, property: &Property) -> Option<bool> {
        (**self).atomic_truth(property)
    }
}

/// A table-driven oracle for tests: everything not listed is rejected / undefined.
///
/// Entries are keyed by game ids, so `accept_challenge(p, ci, q)` accepts exactly the
/// challenge `q` with inputs `ci` against the claim `p`. The three tables are independent: an
/// atomic's truth does not make its witness `[]` accepted (script both if a test needs both).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScriptedOracle {
    challenges: BTreeSet<(B256, Vec<Bytes>, B256)>,
    witnesses: BTreeSet<(B256, Vec<Bytes>)>,
    truths: BTreeMap<B256, bool>,
}

impl ScriptedOracle {
    /// An oracle that rejects every challenge and witness and knows no atomic truth.
    pub fn new() -> Self {
        Self::default()
    }

    /// Accepts the challenge `challenge` with inputs `challenge_inputs` against `property`.
    pub fn accept_challenge(
        &mut self,
        property: &Property,
        challenge_inputs: impl IntoIterator<Item = Bytes>,
        challenge: &Property,
    ) -> &mut Self {
        self.challenges.insert((
            property.id(),
            challenge_inputs.into_iter().collect(),
            challenge.id(),
        ));
        self
    }

    /// Accepts `witness` for `property`.
    pub fn accept_witness(
        &mut self,
        property: &Property,
        witness: impl IntoIterator<Item = Bytes>,
    ) -> &mut Self {
        self.witnesses
            .insert((property.id(), witness.into_iter().collect()));
        self
    }

    /// Sets the truth of the atomic `property` (`None` makes it undefined again).
    pub fn set_truth(&mut self, property: &Property, truth: Option<bool>) -> &mut Self {
        match truth {
            Some(value) => self.truths.insert(property.id(), value),
            None => self.truths.remove(&property.id()),
        };
        self
    }
}

impl PredicateOracle for ScriptedOracle {
    fn is_valid_challenge(
        &self,
        property: &Property,
        challenge_inputs: &[Bytes],
        challenge: &Property,
    ) -> bool {
        self.challenges
            .contains(&(property.id(), challenge_inputs.to_vec(), challenge.id()))
    }

    fn decide_with_witness(&self, property: &Property, witness: &[Bytes]) -> bool {
        self.witnesses.contains(&(property.id(), witness.to_vec()))
    }

    fn atomic_truth(&self, property: &Property) -> Option<bool> {
        self.truths.get(&property.id()).copied()
    }
}
