//! Readable builders for properties over a [`Registry`]'s addresses.
//!
//! ```
//! use ovm_core::{Builder, Registry, abi, placeholder::placeholder};
//! let b = Builder::new(Registry::with_test_addresses());
//! let claim = b.for_all(
//!     "range,NUMBER,0x00-0x01",
//!     "n",
//!     b.or([b.not(b.is_less_than(placeholder("n"), abi::encode_uint(3))), b.equal(placeholder("n"), placeholder("n"))]),
//! );
//! assert_eq!(ovm_core::depth(&claim.encode(), b.registry()), 4);
//! ```

use crate::{Address, AtomicKind, Bytes, ConnectiveKind, PredicateKind, Property, Registry, abi};

/// The raw ASCII tag that `IsValidSignature`'s last input must be.
pub const SECP256K1_TAG: &[u8] = b"secp256k1";

/// Builds properties whose predicates are a registry's addresses.
#[derive(Clone, Debug)]
pub struct Builder {
    registry: Registry,
}

impl Builder {
    /// A builder over `registry`.
    pub fn new(registry: Registry) -> Self {
        Self { registry }
    }

    /// The registry whose addresses the builder uses.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// `kind(inputs…)`.
    pub fn predicate(
        &self,
        kind: PredicateKind,
        inputs: impl IntoIterator<Item = impl Into<Bytes>>,
    ) -> Property {
        self.at(self.registry.address_of(kind), inputs)
    }

    /// A property of an arbitrary (possibly unregistered) address.
    pub fn at(
        &self,
        address: Address,
        inputs: impl IntoIterator<Item = impl Into<Bytes>>,
    ) -> Property {
        Property::new(address, inputs.into_iter().map(Into::into))
    }

    fn connective(
        &self,
        kind: ConnectiveKind,
        inputs: impl IntoIterator<Item = impl Into<Bytes>>,
    ) -> Property {
        self.predicate(PredicateKind::Connective(kind), inputs)
    }

    fn atomic(
        &self,
        kind: AtomicKind,
        inputs: impl IntoIterator<Item = impl Into<Bytes>>,
    ) -> Property {
        self.predicate(PredicateKind::Atomic(kind), inputs)
    }

    /// `Not(p)`.
    pub fn not(&self, p: impl Into<Bytes>) -> Property {
        self.connective(ConnectiveKind::Not, [p])
    }

    /// `And(p0, …, pn)`.
    pub fn and(&self, ps: impl IntoIterator<Item = impl Into<Bytes>>) -> Property {
        self.connective(ConnectiveKind::And, ps)
    }

    /// `Or(p0, …, pn)`.
    pub fn or(&self, ps: impl IntoIterator<Item = impl Into<Bytes>>) -> Property {
        self.connective(ConnectiveKind::Or, ps)
    }

    /// `ForAll(hint, name, body)`; `body` is a property or the bare placeholder.
    pub fn for_all(
        &self,
        hint: impl AsRef<[u8]>,
        name: impl AsRef<[u8]>,
        body: impl Into<Bytes>,
    ) -> Property {
        self.connective(ConnectiveKind::ForAll, quantifier_inputs(hint, name, body))
    }

    /// `ThereExists(hint, name, body)`.
    pub fn there_exists(
        &self,
        hint: impl AsRef<[u8]>,
        name: impl AsRef<[u8]>,
        body: impl Into<Bytes>,
    ) -> Property {
        self.connective(
            ConnectiveKind::ThereExists,
            quantifier_inputs(hint, name, body),
        )
    }

    /// `Equal(a, b)`.
    pub fn equal(&self, a: impl Into<Bytes>, b: impl Into<Bytes>) -> Property {
        self.atomic(AtomicKind::Equal, [a.into(), b.into()])
    }

    /// `IsLessThan(a, b)`.
    pub fn is_less_than(&self, a: impl Into<Bytes>, b: impl Into<Bytes>) -> Property {
        self.atomic(AtomicKind::IsLessThan, [a.into(), b.into()])
    }

    /// `IsValidSignature(message, signature, abi(signer), "secp256k1")`; `signer` is the raw
    /// input (usually [`abi::encode_address`], or a placeholder).
    pub fn is_valid_signature(
        &self,
        message: impl Into<Bytes>,
        signature: impl Into<Bytes>,
        signer: impl Into<Bytes>,
    ) -> Property {
        self.atomic(
            AtomicKind::IsValidSignature,
            [
                message.into(),
                signature.into(),
                signer.into(),
                Bytes::from_static(SECP256K1_TAG),
            ],
        )
    }

    /// `IsHashPreimage(abi(hash), preimage)`.
    pub fn is_hash_preimage(&self, hash: impl Into<Bytes>, preimage: impl Into<Bytes>) -> Property {
        self.atomic(AtomicKind::IsHashPreimage, [hash.into(), preimage.into()])
    }

    /// `IsContained(abi(sub), abi(outer))`.
    pub fn is_contained(&self, sub: impl Into<Bytes>, outer: impl Into<Bytes>) -> Property {
        self.atomic(AtomicKind::IsContained, [sub.into(), outer.into()])
    }

    /// `HasIntersection(abi(a), abi(b))`.
    pub fn has_intersection(&self, a: impl Into<Bytes>, b: impl Into<Bytes>) -> Property {
        self.atomic(AtomicKind::HasIntersection, [a.into(), b.into()])
    }

    /// `IsSameAmount(abi(a), abi(b))`.
    pub fn is_same_amount(&self, a: impl Into<Bytes>, b: impl Into<Bytes>) -> Property {
        self.atomic(AtomicKind::IsSameAmount, [a.into(), b.into()])
    }

    /// `IsStored(abi(storage), key, value)`.
    pub fn is_stored(
        &self,
        storage: Address,
        key: impl Into<Bytes>,
        value: impl Into<Bytes>,
    ) -> Property {
        self.atomic(
            AtomicKind::IsStored,
            [abi::encode_address(storage), key.into(), value.into()],
        )
    }

    /// `VerifyInclusion(leaf, abi(range), abi(proof), abi(root))`.
    pub fn verify_inclusion(
        &self,
        leaf: impl Into<Bytes>,
        range: impl Into<Bytes>,
        proof: impl Into<Bytes>,
        root: impl Into<Bytes>,
    ) -> Property {
        self.atomic(
            AtomicKind::VerifyInclusion,
            [leaf.into(), range.into(), proof.into(), root.into()],
        )
    }
}

fn quantifier_inputs(
    hint: impl AsRef<[u8]>,
    name: impl AsRef<[u8]>,
    body: impl Into<Bytes>,
) -> [Bytes; 3] {
    [
        Bytes::copy_from_slice(hint.as_ref()),
        Bytes::copy_from_slice(name.as_ref()),
        body.into(),
    ]
}
