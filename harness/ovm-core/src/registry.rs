//! The deployment's registry (spec §6): which addresses are connectives, atomics and storage.

use alloy_primitives::Address;
use std::collections::{BTreeMap, BTreeSet};

/// The five logical connectives (spec §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConnectiveKind {
    /// `Not(p)`.
    Not,
    /// `And(p0..pn)`.
    And,
    /// `Or(p0..pn)`.
    Or,
    /// `ForAll(hint, name, body)`.
    ForAll,
    /// `ThereExists(hint, name, body)`.
    ThereExists,
}

impl ConnectiveKind {
    /// All connectives, in deployment order.
    pub const ALL: [Self; 5] = [
        Self::Not,
        Self::And,
        Self::Or,
        Self::ForAll,
        Self::ThereExists,
    ];

    /// Whether this is a quantifier (`ForAll` or `ThereExists`).
    pub fn is_quantifier(self) -> bool {
        matches!(self, Self::ForAll | Self::ThereExists)
    }

    /// The name used in vectors and traces.
    pub fn name(self) -> &'static str {
        match self {
            Self::Not => "Not",
            Self::And => "And",
            Self::Or => "Or",
            Self::ForAll => "ForAll",
            Self::ThereExists => "ThereExists",
        }
    }
}

/// The nine atomic predicates (spec §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AtomicKind {
    /// `Equal(a, b)`.
    Equal,
    /// `IsLessThan(a, b)`.
    IsLessThan,
    /// `IsValidSignature(message, signature, signer, "secp256k1")`.
    IsValidSignature,
    /// `IsHashPreimage(hash, preimage)`.
    IsHashPreimage,
    /// `IsContained(sub, outer)`.
    IsContained,
    /// `HasIntersection(a, b)`.
    HasIntersection,
    /// `IsSameAmount(a, b)`.
    IsSameAmount,
    /// `IsStored(storage, key, value)`.
    IsStored,
    /// `VerifyInclusion(leaf, range, proof, root)`.
    VerifyInclusion,
}

impl AtomicKind {
    /// All atomics, in deployment order.
    pub const ALL: [Self; 9] = [
        Self::Equal,
        Self::IsLessThan,
        Self::IsValidSignature,
        Self::IsHashPreimage,
        Self::IsContained,
        Self::HasIntersection,
        Self::IsSameAmount,
        Self::IsStored,
        Self::VerifyInclusion,
    ];

    /// The name used in vectors and traces.
    pub fn name(self) -> &'static str {
        match self {
            Self::Equal => "Equal",
            Self::IsLessThan => "IsLessThan",
            Self::IsValidSignature => "IsValidSignature",
            Self::IsHashPreimage => "IsHashPreimage",
            Self::IsContained => "IsContained",
            Self::HasIntersection => "HasIntersection",
            Self::IsSameAmount => "IsSameAmount",
            Self::IsStored => "IsStored",
            Self::VerifyInclusion => "VerifyInclusion",
        }
    }
}

/// What a registered address is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PredicateKind {
    /// A logical connective.
    Connective(ConnectiveKind),
    /// An atomic predicate.
    Atomic(AtomicKind),
}

impl PredicateKind {
    /// The name used in vectors and traces.
    pub fn name(self) -> &'static str {
        match self {
            Self::Connective(kind) => kind.name(),
            Self::Atomic(kind) => kind.name(),
        }
    }

    /// Every predicate kind: connectives first, then atomics, in deployment order.
    pub fn all() -> impl Iterator<Item = Self> {
        ConnectiveKind::ALL
            .into_iter()
            .map(Self::Connective)
            .chain(AtomicKind::ALL.into_iter().map(Self::Atomic))
    }

    /// The kind named `name` (as returned by [`PredicateKind::name`]).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::all().find(|kind| kind.name() == name)
    }
}

/// The deployment's one-shot registry: addresses of connectives, atomics and storage contracts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registry {
    predicates: BTreeMap<Address, PredicateKind>,
    addresses: BTreeMap<&'static str, Address>,
    storages: BTreeSet<Address>,
}

impl Registry {
    /// A registry from one address per connective (in [`ConnectiveKind::ALL`] order), one per
    /// atomic (in [`AtomicKind::ALL`] order) and the storage contracts.
    pub fn new(
        connectives: [Address; 5],
        atomics: [Address; 9],
        storages: impl IntoIterator<Item = Address>,
    ) -> Self {
        let kinds = ConnectiveKind::ALL
            .into_iter()
            .map(PredicateKind::Connective)
            .zip(connectives)
            .chain(
                AtomicKind::ALL
                    .into_iter()
                    .map(PredicateKind::Atomic)
                    .zip(atomics),
            );
        let mut predicates = BTreeMap::new();
        let mut addresses = BTreeMap::new();
        for (kind, address) in kinds {
            predicates.insert(address, kind);
            addresses.insert(kind.name(), address);
        }
        Self {
            predicates,
            addresses,
            storages: storages.into_iter().collect(),
        }
    }

    /// A registry with small, recognisable addresses (`0x…1000 + i`), for off-chain tests.
    pub fn with_test_addresses() -> Self {
        let at = |i: u16| {
            let mut raw = [0u8; 20];
            raw[18..].copy_from_slice(&(0x1000 + i).to_be_bytes());
            Address::from(raw)
        };
        Self::new(
            std::array::from_fn(|i| at(i as u16)),
            std::array::from_fn(|i| at(0x10 + i as u16)),
            [at(0x100)],
        )
    }

    /// What `address` is, if registered.
    pub fn kind(&self, address: Address) -> Option<PredicateKind> {
        self.predicates.get(&address).copied()
    }

    /// The connective at `address`, if it is one.
    pub fn connective(&self, address: Address) -> Option<ConnectiveKind> {
        match self.kind(address)? {
            PredicateKind::Connective(kind) => Some(kind),
            PredicateKind::Atomic(_) => None,
        }
    }

    /// The atomic at `address`, if it is one.
    pub fn atomic(&self, address: Address) -> Option<AtomicKind> {
        match self.kind(address)? {
            PredicateKind::Atomic(kind) => Some(kind),
            PredicateKind::Connective(_) => None,
        }
    }

    /// The address of a predicate kind.
    pub fn address_of(&self, kind: PredicateKind) -> Address {
        self.addresses[kind.name()]
    }

    /// The address of a connective.
    pub fn connective_address(&self, kind: ConnectiveKind) -> Address {
        self.address_of(PredicateKind::Connective(kind))
    }

    /// The address of an atomic.
    pub fn atomic_address(&self, kind: AtomicKind) -> Address {
        self.address_of(PredicateKind::Atomic(kind))
    }

    /// Whether `address` is a registered storage contract.
    pub fn is_storage(&self, address: Address) -> bool {
        self.storages.contains(&address)
    }

    /// The registered storage contracts, ascending.
    pub fn storages(&self) -> impl Iterator<Item = Address> + '_ {
        self.storages.iter().copied()
    }
}
