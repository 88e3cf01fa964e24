//! The Rust half under test ([`Subject`]): the decider and every Rust function a layer compares
//! with the contracts. [`Reference`] is the product; tests wrap it to inject deliberate bugs
//! (mutants) without shipping them.

use ovm_core::{B256, Bytes, ConnectiveKind, Property, Registry, placeholder};
use ovm_decider::{Decider, ReferenceDecider, World, onchain};

/// The Rust half of the comparison. Every method defaults to the product's implementation, so
/// a test-only mutant overrides exactly the one it breaks.
pub trait Subject {
    /// A short name for reports (`"reference"`, a mutant's name).
    fn name(&self) -> &str {
        "reference"
    }

    /// The decider (spec §7).
    fn decider(&self) -> &dyn Decider;

    /// `abi.encode(abi.decode(x)) == x` (spec §1).
    fn is_property(&self, x: &[u8]) -> bool {
        Property::is_property(x)
    }

    /// `id(P)` (spec §1).
    fn id(&self, property: &Property) -> B256 {
        property.id()
    }

    /// The placeholder test (spec §2).
    fn is_placeholder(&self, x: &[u8]) -> bool {
        placeholder::is_placeholder(x)
    }

    /// `subst(x, name, v)` (spec §2).
    fn subst(&self, x: &[u8], name: &[u8], v: &[u8], registry: &Registry) -> Bytes {
        ovm_core::subst(x, name, v, registry)
    }

    /// `min(depth(x), 35)` (spec §1).
    fn depth(&self, x: &[u8], registry: &Registry) -> u32 {
        ovm_core::depth(x, registry)
    }

    /// Admissibility of `t` (spec §2) for `ForAll` (`nots = 1`) or a `ThereExists` witness
    /// (`nots = 2`).
    fn is_admissible(
        &self,
        registry: &Registry,
        exists: bool,
        name: &[u8],
        body: &[u8],
        t: &[u8],
    ) -> bool {
        let kind = if exists {
            ConnectiveKind::ThereExists
        } else {
            ConnectiveKind::ForAll
        };
        onchain::is_admissible(registry, kind, name, body, t)
    }

    /// The connective's `isValidChallenge` mirror (spec §4).
    fn is_valid_challenge(
        &self,
        registry: &Registry,
        property: &Property,
        challenge_inputs: &[Bytes],
        challenge: &Property,
    ) -> bool {
        onchain::is_valid_challenge(registry, property, challenge_inputs, challenge)
    }

    /// The predicate's `decideWithWitness` mirror (spec §4).
    fn decide_with_witness(&self, world: &World, property: &Property, witness: &[Bytes]) -> bool {
        onchain::decide_with_witness(world, property, witness)
    }
}

/// The product: [`ReferenceDecider`] and the `ovm_core` / `ovm_decider::onchain` functions.
#[derive(Clone, Copy, Debug, Default)]
pub struct Reference {
    decider: ReferenceDecider,
}

impl Reference {
    /// The reference subject with the default decider budget.
    pub const fn new() -> Self {
        Self {
            decider: ReferenceDecider::new(),
        }
    }
}

impl Subject for Reference {
    fn decider(&self) -> &dyn Decider {
        &self.decider
    }
}

impl<S: Subject + ?Sized> Subject for &S {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn decider(&self) -> &dyn Decider {
        (**self).decider()
    }
    fn is_property(&self, x: &[u8]) -> bool {
        (**self).is_property(x)
    }
    fn id(&self, property: &Property) -> B256 {
        (**self).id(property)
    }
    fn is_placeholder(&self, x: &[u8]) -> bool {
        (**self).is_placeholder(x)
    }
    fn subst(&self, x: &[u8], name: &[u8], v: &[u8], registry: &Registry) -> Bytes {
        (**self).subst(x, name, v, registry)
    }
    fn depth(&self, x: &[u8], registry: &Registry) -> u32 {
        (**self).depth(x, registry)
    }
    fn is_admissible(
        &self,
        registry: &Registry,
        exists: bool,
        name: &[u8],
        body: &[u8],
        t: &[u8],
    ) -> bool {
        (**self).is_admissible(registry, exists, name, body, t)
    }
    fn is_valid_challenge(
        &self,
        registry: &Registry,
        property: &Property,
        challenge_inputs: &[Bytes],
        challenge: &Property,
    ) -> bool {
        (**self).is_valid_challenge(registry, property, challenge_inputs, challenge)
    }
    fn decide_with_witness(&self, world: &World, property: &Property, witness: &[Bytes]) -> bool {
        (**self).decide_with_witness(world, property, witness)
    }
}
