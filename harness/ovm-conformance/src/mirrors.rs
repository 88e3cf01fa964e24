//! The Rust half's functions besides the decider: the encoding functions of `ovm-core` and the
//! decider crate's mirrors of the contracts' views ([`Mirrors`]). The runner and the fuzzer
//! compare these with the contracts; [`ReferenceMirrors`] is the product, and a test (or
//! another implementation) overrides exactly the functions it replaces.

use ovm_core::{B256, Bytes, ConnectiveKind, Property, Registry, placeholder};
use ovm_decider::{World, onchain};

/// The Rust functions the conformance kinds compare with the contracts' views. Every method
/// defaults to the product's implementation.
pub trait Mirrors: Send + Sync {
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

    /// The `ForAll.subst` view: `subst(x, name, v)` (spec §2) within game depth, empty bytes
    /// beyond it ([`ovm_core::subst_view`]).
    fn subst(&self, x: &[u8], name: &[u8], v: &[u8], registry: &Registry) -> Bytes {
        ovm_core::subst_view(x, name, v, registry)
    }

    /// `min(depth(x), 35)` (spec §1).
    fn depth(&self, x: &[u8], registry: &Registry) -> u32 {
        ovm_core::depth(x, registry)
    }

    /// Admissibility of `t` (spec §2) for `ForAll` or a `ThereExists` witness.
    fn is_admissible(
        &self,
        registry: &Registry,
        kind: ConnectiveKind,
        name: &[u8],
        body: &[u8],
        t: &[u8],
    ) -> bool {
        onchain::is_admissible(registry, kind, name, body, t)
    }

    /// The connective's `isValidChallenge` (spec §4).
    fn is_valid_challenge(
        &self,
        registry: &Registry,
        property: &Property,
        challenge_inputs: &[Bytes],
        challenge: &Property,
    ) -> bool {
        onchain::is_valid_challenge(registry, property, challenge_inputs, challenge)
    }

    /// The predicate's `decideWithWitness` (spec §4).
    fn decide_with_witness(&self, world: &World, property: &Property, witness: &[Bytes]) -> bool {
        onchain::decide_with_witness(world, property, witness)
    }
}

/// The product: `ovm_core`'s functions and `ovm_decider::onchain`'s mirrors.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReferenceMirrors;

impl Mirrors for ReferenceMirrors {}
