//! Deploying and wiring the OVM: the UAC, the five connectives, the nine atomics and the
//! `CommitmentContract`, in that order from one deployer EOA, then the one-shot `initialize`.

use alloy_primitives::{Address, Bytes};
use alloy_sol_types::{SolCall, SolConstructor};
use ovm_core::{AtomicKind, ConnectiveKind, PredicateKind, Registry};

use crate::{
    bindings::{self as b, UniversalAdjudicationContract as Uac},
    chain::{Chain, DEFAULT_GAS_LIMIT, DEPLOYER},
    errors::ChainError,
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

fn initcode(bytecode: &Bytes, args: Vec<u8>) -> Bytes {
    let mut code = bytecode.to_vec();
    code.extend_from_slice(&args);
    code.into()
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

    /// Deploys the sixteen contracts from `deployer` in [`DEPLOYMENT_ORDER`] and calls
    /// `initialize` (5 connectives, 9 atomics, the `CommitmentContract`). The deployment
    /// becomes this chain's [`Chain::deployment`].
    pub fn deploy_from(
        &mut self,
        deployer: Address,
        period: u64,
    ) -> Result<Deployment, ChainError> {
        if period == 0 {
            return Err(ChainError::InvalidDeployment(
                "the dispute period must be at least 1".into(),
            ));
        }
        let d = Deployment::predicted(deployer, self.nonce(deployer), period);
        let uac_args = Uac::constructorCall {
            disputePeriod_: alloy_primitives::U256::from(period),
        };
        self.deploy_checked(
            deployer,
            "UniversalAdjudicationContract",
            &Uac::BYTECODE,
            uac_args.abi_encode(),
            d.uac,
        )?;
        let predicate_args =
            |uac: Address| b::NotPredicate::constructorCall { uac_: uac }.abi_encode();
        let predicates: [(&str, &Bytes, Address); 14] = [
            ("NotPredicate", &b::NotPredicate::BYTECODE, d.not),
            ("AndPredicate", &b::AndPredicate::BYTECODE, d.and),
            ("OrPredicate", &b::OrPredicate::BYTECODE, d.or),
            (
                "ForAllSuchThatQuantifier",
                &b::ForAllSuchThatQuantifier::BYTECODE,
                d.for_all,
            ),
            (
                "ThereExistsSuchThatQuantifier",
                &b::ThereExistsSuchThatQuantifier::BYTECODE,
                d.there_exists,
            ),
            ("EqualPredicate", &b::EqualPredicate::BYTECODE, d.equal),
            (
                "IsLessThanPredicate",
                &b::IsLessThanPredicate::BYTECODE,
                d.is_less_than,
            ),
            (
                "IsValidSignaturePredicate",
                &b::IsValidSignaturePredicate::BYTECODE,
                d.is_valid_signature,
            ),
            (
                "IsHashPreimagePredicate",
                &b::IsHashPreimagePredicate::BYTECODE,
                d.is_hash_preimage,
            ),
            (
                "IsContainedPredicate",
                &b::IsContainedPredicate::BYTECODE,
                d.is_contained,
            ),
            (
                "HasIntersectionPredicate",
                &b::HasIntersectionPredicate::BYTECODE,
                d.has_intersection,
            ),
            (
                "IsSameAmountPredicate",
                &b::IsSameAmountPredicate::BYTECODE,
                d.is_same_amount,
            ),
            (
                "IsStoredPredicate",
                &b::IsStoredPredicate::BYTECODE,
                d.is_stored,
            ),
            (
                "VerifyInclusionPredicate",
                &b::VerifyInclusionPredicate::BYTECODE,
                d.verify_inclusion,
            ),
        ];
        for (name, bytecode, address) in predicates {
            self.deploy_checked(deployer, name, bytecode, predicate_args(d.uac), address)?;
        }
        self.deploy_checked(
            deployer,
            "CommitmentContract",
            &b::CommitmentContract::BYTECODE,
            Vec::new(),
            d.commitment,
        )?;
        self.send_with_gas(deployer, d.uac, &d.initialize_call(), DEFAULT_GAS_LIMIT)?
            .into_result(Uac::initializeCall::SIGNATURE)?;
        self.deployment = Some(d);
        Ok(d)
    }

    fn deploy_checked(
        &mut self,
        deployer: Address,
        name: &str,
        bytecode: &Bytes,
        args: Vec<u8>,
        expected: Address,
    ) -> Result<(), ChainError> {
        let address = self
            .deploy_contract(deployer, initcode(bytecode, args))?
            .into_result(format!("deploying {name}"))?;
        if address != expected || self.code(address).is_empty() {
            return Err(ChainError::InvalidDeployment(format!(
                "{name} landed at {address}, expected {expected} with code"
            )));
        }
        Ok(())
    }
}
