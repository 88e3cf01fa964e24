//! Deploying and wiring the OVM: the UAC, the five connectives, the nine atomics and the
//! `CommitmentContract`, in that order from one deployer EOA, then the one-shot `initialize`.

use alloy_primitives::{Address, Bytes};
use ovm_core::{AtomicKind, ConnectiveKind, PredicateKind, Registry};

use crate::{
    bindings::{self as b, UniversalAdjudicationContract as Uac},
    chain::{Chain, DEPLOYER},
    errors::ChainError,
    plan::DeploymentPlan,
};

/// Addresses of one OVM deployment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Deployment {
    /// The EOA that deployed and wired everything (the Plasma operator).
    pub deployer: Address,
    /// The dispute period in blocks.
    pub period: u64,
    /// `UniversalAdjudicationContract`.
    pub uac: Address,
    /// `NotPredicate`.
    pub not: Address,
    /// `AndPredicate`.
    pub and: Address,
    /// `OrPredicate`.
    pub or: Address,
    /// `ForAllSuchThatQuantifier`.
    pub for_all: Address,
    /// `ThereExistsSuchThatQuantifier`.
    pub there_exists: Address,
    /// `EqualPredicate`.
    pub equal: Address,
    /// `IsLessThanPredicate`.
    pub is_less_than: Address,
    /// `IsValidSignaturePredicate`.
    pub is_valid_signature: Address,
    /// `IsHashPreimagePredicate`.
    pub is_hash_preimage: Address,
    /// `IsContainedPredicate`.
    pub is_contained: Address,
    /// `HasIntersectionPredicate`.
    pub has_intersection: Address,
    /// `IsSameAmountPredicate`.
    pub is_same_amount: Address,
    /// `IsStoredPredicate`.
    pub is_stored: Address,
    /// `VerifyInclusionPredicate`.
    pub verify_inclusion: Address,
    /// `CommitmentContract` (the one storage contract).
    pub commitment: Address,
}

/// The names of the contracts [`Chain::deploy`] deploys, in deployment order.
pub const DEPLOYMENT_ORDER: [&str; 16] = [
    "UniversalAdjudicationContract",
    "NotPredicate",
    "AndPredicate",
    "OrPredicate",
    "ForAllSuchThatQuantifier",
    "ThereExistsSuchThatQuantifier",
    "EqualPredicate",
    "IsLessThanPredicate",
    "IsValidSignaturePredicate",
    "IsHashPreimagePredicate",
    "IsContainedPredicate",
    "HasIntersectionPredicate",
    "IsSameAmountPredicate",
    "IsStoredPredicate",
    "VerifyInclusionPredicate",
    "CommitmentContract",
];

impl Deployment {
    /// The addresses a deployment by `deployer` starting at nonce `nonce` gets
    /// (`deployer.create(nonce + i)` in [`DEPLOYMENT_ORDER`]).
    pub fn predicted(deployer: Address, nonce: u64, period: u64) -> Self {
        let at = |i: u64| deployer.create(nonce + i);
        Self {
            deployer,
            period,
            uac: at(0),
            not: at(1),
            and: at(2),
            or: at(3),
            for_all: at(4),
            there_exists: at(5),
            equal: at(6),
            is_less_than: at(7),
            is_valid_signature: at(8),
            is_hash_preimage: at(9),
            is_contained: at(10),
            has_intersection: at(11),
            is_same_amount: at(12),
            is_stored: at(13),
            verify_inclusion: at(14),
            commitment: at(15),
        }
    }

    /// The connectives in [`ConnectiveKind::ALL`] order (Not, And, Or, ForAll, ThereExists).
    pub fn connectives(&self) -> [Address; 5] {
        [self.not, self.and, self.or, self.for_all, self.there_exists]
    }

    /// The atomics in [`AtomicKind::ALL`] order.
    pub fn atomics(&self) -> [Address; 9] {
        [
            self.equal,
            self.is_less_than,
            self.is_valid_signature,
            self.is_hash_preimage,
            self.is_contained,
            self.has_intersection,
            self.is_same_amount,
            self.is_stored,
            self.verify_inclusion,
        ]
    }

    /// The storage contracts.
    pub fn storages(&self) -> [Address; 1] {
        [self.commitment]
    }

    /// Every deployed address, in [`DEPLOYMENT_ORDER`].
    pub fn all(&self) -> [(&'static str, Address); 16] {
        let mut out = [("", Address::ZERO); 16];
        let addresses = [self.uac]
            .into_iter()
            .chain(self.connectives())
            .chain(self.atomics())
            .chain(self.storages());
        for (slot, (name, address)) in out
            .iter_mut()
            .zip(DEPLOYMENT_ORDER.into_iter().zip(addresses))
        {
            *slot = (name, address);
        }
        out
    }

    /// The address of a connective.
    pub fn connective(&self, kind: ConnectiveKind) -> Address {
        let index = ConnectiveKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        self.connectives()[index]
    }

    /// The address of an atomic.
    pub fn atomic(&self, kind: AtomicKind) -> Address {
        let index = AtomicKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        self.atomics()[index]
    }

    /// The address of any predicate.
    pub fn predicate(&self, kind: PredicateKind) -> Address {
        match kind {
            PredicateKind::Connective(kind) => self.connective(kind),
            PredicateKind::Atomic(kind) => self.atomic(kind),
        }
    }

    /// The registry `ovm_core` (the decider, builders, `subst`, `depth`) works with.
    pub fn registry(&self) -> Registry {
        Registry::new(self.connectives(), self.atomics(), self.storages())
    }

    /// The calldata of the one-shot `initialize` call wiring this deployment.
    pub fn initialize_call(&self) -> Uac::initializeCall {
        Uac::initializeCall {
            notPredicate: self.not,
            andPredicate: self.and,
            orPredicate: self.or,
            forAllPredicate: self.for_all,
            thereExistsPredicate: self.there_exists,
            atomicPredicates: self.atomics().to_vec(),
            storageContracts: self.storages().to_vec(),
        }
    }
}

impl From<&Deployment> for Registry {
    fn from(d: &Deployment) -> Self {
        d.registry()
    }
}

impl From<Deployment> for Registry {
    fn from(d: Deployment) -> Self {
        d.registry()
    }
}

/// The creation bytecode (constructor arguments excluded) of each of the sixteen contracts,
/// in [`DEPLOYMENT_ORDER`]: the bundled build ([`CreationCodes::bundled`]) or any other
/// implementation of the spec's ABI ([`Chain::deploy_codes`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreationCodes(pub [Bytes; 16]);

impl CreationCodes {
    /// The contracts `build.rs` compiled from `contracts/src`.
    pub fn bundled() -> Self {
        Self([
            Uac::BYTECODE.clone(),
            b::NotPredicate::BYTECODE.clone(),
            b::AndPredicate::BYTECODE.clone(),
            b::OrPredicate::BYTECODE.clone(),
            b::ForAllSuchThatQuantifier::BYTECODE.clone(),
            b::ThereExistsSuchThatQuantifier::BYTECODE.clone(),
            b::EqualPredicate::BYTECODE.clone(),
            b::IsLessThanPredicate::BYTECODE.clone(),
            b::IsValidSignaturePredicate::BYTECODE.clone(),
            b::IsHashPreimagePredicate::BYTECODE.clone(),
            b::IsContainedPredicate::BYTECODE.clone(),
            b::HasIntersectionPredicate::BYTECODE.clone(),
            b::IsSameAmountPredicate::BYTECODE.clone(),
            b::IsStoredPredicate::BYTECODE.clone(),
            b::VerifyInclusionPredicate::BYTECODE.clone(),
            b::CommitmentContract::BYTECODE.clone(),
        ])
    }

    /// The creation code of the contract `name` (one of [`DEPLOYMENT_ORDER`]).
    pub fn get(&self, name: &str) -> Option<&Bytes> {
        DEPLOYMENT_ORDER
            .iter()
            .position(|n| *n == name)
            .map(|i| &self.0[i])
    }

    /// The codes keyed by contract name: every name of [`DEPLOYMENT_ORDER`] must be present
    /// exactly once ([`ChainError::InvalidDeployment`] names the first missing or unknown one).
    pub fn from_named(
        named: impl IntoIterator<Item = (impl AsRef<str>, Bytes)>,
    ) -> Result<Self, ChainError> {
        let mut slots: [Option<Bytes>; 16] = Default::default();
        for (name, code) in named {
            let name = name.as_ref();
            let Some(i) = DEPLOYMENT_ORDER.iter().position(|n| *n == name) else {
                return Err(ChainError::InvalidDeployment(format!(
                    "unknown contract {name:?} (expected one of {})",
                    DEPLOYMENT_ORDER.join(", ")
                )));
            };
            if slots[i].replace(code).is_some() {
                return Err(ChainError::InvalidDeployment(format!(
                    "contract {name:?} given twice"
                )));
            }
        }
        let mut codes: [Bytes; 16] = Default::default();
        for (i, (slot, code)) in slots.into_iter().zip(codes.iter_mut()).enumerate() {
            *code = slot.ok_or_else(|| {
                ChainError::InvalidDeployment(format!(
                    "no creation code for {}",
                    DEPLOYMENT_ORDER[i]
                ))
            })?;
        }
        Ok(Self(codes))
    }
}

impl Chain {
    /// A new chain with the OVM deployed by [`DEPLOYER`] with dispute period `period`.
    pub fn deployed(period: u64) -> Result<Self, ChainError> {
        let mut chain = Self::new();
        chain.deploy(period)?;
        Ok(chain)
    }

    /// Deploys and wires the OVM from [`DEPLOYER`]; see [`Chain::deploy_from`].
    pub fn deploy(&mut self, period: u64) -> Result<Deployment, ChainError> {
        self.deploy_from(DEPLOYER, period)
    }

    /// Deploys the sixteen bundled contracts from `deployer` in [`DEPLOYMENT_ORDER`] and calls
    /// `initialize` (5 connectives, 9 atomics, the `CommitmentContract`). The deployment
    /// becomes this chain's [`Chain::deployment`].
    pub fn deploy_from(
        &mut self,
        deployer: Address,
        period: u64,
    ) -> Result<Deployment, ChainError> {
        self.deploy_codes(deployer, period, &CreationCodes::bundled())
    }

    /// Deploys the sixteen contracts of `codes` (any implementation of the spec's ABI, e.g.
    /// another team's compiled artifacts) from `deployer`, with the spec's wiring: the UAC with
    /// `constructor(uint256 period)`, each predicate with `constructor(address uac)`,
    /// `CommitmentContract()` without arguments, then the one-shot `initialize`. The
    /// deployment becomes this chain's [`Chain::deployment`].
    pub fn deploy_codes(
        &mut self,
        deployer: Address,
        period: u64,
        codes: &CreationCodes,
    ) -> Result<Deployment, ChainError> {
        self.deploy_plan(deployer, period, &DeploymentPlan::spec(codes.clone()))
    }
}
