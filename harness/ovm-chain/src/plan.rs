//! How a set of contracts is deployed and wired when it does not follow the spec's deployment
//! exactly: per-contract constructor arguments, libraries deployed (and linked) first, and a
//! list of post-deploy wiring calls in place of (or beside) the one-shot `initialize`.
//!
//! A [`DeploymentPlan`] keeps the sixteen contracts at the addresses the spec's deployment
//! gives them (`DEPLOYER.create(nonce + i)` in [`DEPLOYMENT_ORDER`]): libraries come from
//! their own EOA ([`LIBRARY_DEPLOYER`]), and wiring calls are sent after the sixteen creations.
//! Arguments are written as [`Arg`]s, ABI-encoded at deployment time against the types a
//! signature names (`alloy-dyn-abi`), so a plan can name addresses before they exist.

use alloy_dyn_abi::{DynSolType, DynSolValue};
use alloy_primitives::{Address, Bytes, U256, address, keccak256};
use alloy_sol_types::{SolCall, SolConstructor};

use crate::{
    Chain, ChainError,
    bindings::UniversalAdjudicationContract as Uac,
    chain::DEFAULT_GAS_LIMIT,
    deployment::{CreationCodes, DEPLOYMENT_ORDER, Deployment},
};

/// The EOA that deploys a plan's libraries (so that the sixteen contracts keep their
/// addresses): library `i` lands at `LIBRARY_DEPLOYER.create(i)` on a new chain.
pub const LIBRARY_DEPLOYER: Address = address!("0x11b0000000000000000000000000000000000001");

/// One argument of a constructor or a wiring call, resolved when the plan is deployed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// A literal, coerced to the parameter's type (`"42"`, `"0x…"`, `"true"`).
    Literal(String),
    /// The address of a contract of the deployment ([`DEPLOYMENT_ORDER`]) or of a library.
    Contract(String),
    /// The dispute period (a `uint`).
    Period,
    /// The deployer of the sixteen contracts (an `address`).
    Deployer,
    /// The five connectives' addresses, in the spec's order (an `address[]` or `address[5]`).
    Connectives,
    /// The nine atomics' addresses, in the spec's order (an `address[]` or `address[9]`).
    Atomics,
    /// The storage contracts' addresses (an `address[]`).
    Storages,
    /// The elements of an array or the fields of a tuple.
    List(Vec<Arg>),
}

/// Constructor arguments: the parameter types as one tuple (`"(uint256,address)"`) and their
/// values. Appended to the creation code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Constructor {
    /// The parameter types, e.g. `(uint256,address)`.
    pub types: String,
    /// One argument per parameter.
    pub args: Vec<Arg>,
}

/// One post-deploy wiring step, sent from the deployer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wiring {
    /// The spec's one-shot `UAC.initialize(...)` (§6).
    Initialize,
    /// A call to one of the contracts: `signature` is `name(types)`.
    Call {
        /// The contract called (a name of [`DEPLOYMENT_ORDER`] or a library).
        to: String,
        /// The function, e.g. `setAtomics(address[])`.
        signature: String,
        /// One argument per parameter.
        args: Vec<Arg>,
    },
}

/// A library deployed before the sixteen contracts, whose address their code links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Library {
    /// Its name (for links, the fully qualified `path:Name`).
    pub name: String,
    /// Its creation code.
    pub code: Bytes,
}

/// Everything needed to deploy and wire a set of contracts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeploymentPlan {
    /// The sixteen creation codes, libraries already linked.
    pub codes: CreationCodes,
    /// Per contract (in [`DEPLOYMENT_ORDER`]): its constructor arguments, or `None` for the
    /// spec's (`uint256 period` for the UAC, `address uac` for predicates, none for storage).
    pub constructors: [Option<Constructor>; 16],
    /// Libraries, deployed in this order from [`LIBRARY_DEPLOYER`] before everything else.
    pub libraries: Vec<Library>,
    /// The wiring steps after the sixteen creations, in order (the spec's: `[Initialize]`).
    pub wiring: Vec<Wiring>,
}

impl DeploymentPlan {
    /// The spec's deployment of `codes`: its constructors and `initialize`, no libraries.
    pub fn spec(codes: CreationCodes) -> Self {
        Self {
            codes,
            constructors: Default::default(),
            libraries: Vec::new(),
            wiring: vec![Wiring::Initialize],
        }
    }

    /// Whether this is the spec's deployment of its codes.
    pub fn is_spec(&self) -> bool {
        *self == Self::spec(self.codes.clone())
    }

    /// The address library `index` of a plan gets on a new chain.
    pub fn library_address(index: usize) -> Address {
        LIBRARY_DEPLOYER.create(index as u64)
    }

    /// Checks every constructor and wiring call against an example deployment (types parse,
    /// arguments match them, named contracts exist), so that a plan's errors surface before
    /// anything is deployed. The error names the contract or wiring step.
    pub fn validate(&self) -> Result<(), ChainError> {
        let d = Deployment::predicted(crate::DEPLOYER, 0, 1);
        let env = Env { d: &d, plan: self };
        for (name, constructor) in DEPLOYMENT_ORDER.iter().zip(&self.constructors) {
            if let Some(c) = constructor {
                env.constructor_args(c)
                    .map_err(|e| invalid(format!("{name} constructor: {e}")))?;
            }
        }
        for (i, step) in self.wiring.iter().enumerate() {
            env.wiring_call(step)
                .map_err(|e| invalid(format!("wiring step {}: {e}", i + 1)))?;
        }
        Ok(())
    }
}

fn invalid(message: String) -> ChainError {
    ChainError::InvalidDeployment(message)
}

/// What arguments resolve against.
struct Env<'a> {
    d: &'a Deployment,
    plan: &'a DeploymentPlan,
}

impl Env<'_> {
    /// The address of a contract or library named `name`.
    fn address(&self, name: &str) -> Result<Address, String> {
        if let Some((_, address)) = self.d.all().into_iter().find(|(n, _)| *n == name) {
            return Ok(address);
        }
        self.plan
            .libraries
            .iter()
            .position(|l| l.name == name)
            .map(DeploymentPlan::library_address)
            .ok_or_else(|| {
                format!(
                    "no contract or library named {name:?} (one of {})",
                    DEPLOYMENT_ORDER.join(", ")
                )
            })
    }

    /// The encoded constructor arguments of `c`.
    fn constructor_args(&self, c: &Constructor) -> Result<Vec<u8>, String> {
        self.encode_params(&c.types, &c.args)
    }

    /// The target and calldata of one wiring step.
    fn wiring_call(&self, step: &Wiring) -> Result<(Address, Bytes), String> {
        match step {
            Wiring::Initialize => Ok((self.d.uac, self.d.initialize_call().abi_encode().into())),
            Wiring::Call {
                to,
                signature,
                args,
            } => {
                let to = self.address(to)?;
                let (name, types) = signature
                    .split_once('(')
                    .map(|(name, rest)| (name.trim(), format!("({rest}")))
                    .filter(|(name, _)| !name.is_empty())
                    .ok_or_else(|| format!("{signature:?} is not a signature `name(types)`"))?;
                let canonical = DynSolType::Tuple(param_types(&types)?).sol_type_name();
                let selector = &keccak256(format!("{name}{canonical}"))[..4];
                let mut data = selector.to_vec();
                data.extend(self.encode_params(&types, args)?);
                Ok((to, data.into()))
            }
        }
    }

    /// `args` ABI-encoded as the parameters `types` (a tuple type).
    fn encode_params(&self, types: &str, args: &[Arg]) -> Result<Vec<u8>, String> {
        let fields = param_types(types)?;
        if fields.len() != args.len() {
            return Err(format!(
                "{types} takes {} argument(s), {} given",
                fields.len(),
                args.len()
            ));
        }
        let values = fields
            .iter()
            .zip(args)
            .enumerate()
            .map(|(i, (ty, arg))| {
                self.value(ty, arg)
                    .map_err(|e| format!("argument {}: {e}", i + 1))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(DynSolValue::Tuple(values).abi_encode_params())
    }

    /// `arg` as a value of type `ty`.
    fn value(&self, ty: &DynSolType, arg: &Arg) -> Result<DynSolValue, String> {
        let addresses = |list: &[Address]| -> Result<DynSolValue, String> {
            let values = list.iter().map(|a| DynSolValue::Address(*a)).collect();
            match ty {
                DynSolType::Array(inner) if **inner == DynSolType::Address => {
                    Ok(DynSolValue::Array(values))
                }
                DynSolType::FixedArray(inner, n)
                    if **inner == DynSolType::Address && *n == list.len() =>
                {
                    Ok(DynSolValue::FixedArray(values))
                }
                _ => Err(format!(
                    "{} addresses given for a {}",
                    list.len(),
                    ty.sol_type_name()
                )),
            }
        };
        let address = |a: Address| match ty {
            DynSolType::Address => Ok(DynSolValue::Address(a)),
            _ => Err(format!("an address given for a {}", ty.sol_type_name())),
        };
        match arg {
            Arg::Literal(text) => ty
                .coerce_str(text)
                .map_err(|e| format!("{text:?} is not a {}: {e}", ty.sol_type_name())),
            Arg::Contract(name) => address(self.address(name)?),
            Arg::Deployer => address(self.d.deployer),
            Arg::Period => match ty {
                DynSolType::Uint(bits) => Ok(DynSolValue::Uint(U256::from(self.d.period), *bits)),
                _ => Err(format!("the period given for a {}", ty.sol_type_name())),
            },
            Arg::Connectives => addresses(&self.d.connectives()),
            Arg::Atomics => addresses(&self.d.atomics()),
            Arg::Storages => addresses(&self.d.storages()),
            Arg::List(items) => {
                let elements = |inner: &DynSolType| {
                    items
                        .iter()
                        .map(|item| self.value(inner, item))
                        .collect::<Result<Vec<_>, _>>()
                };
                match ty {
                    DynSolType::Array(inner) => Ok(DynSolValue::Array(elements(inner)?)),
                    DynSolType::FixedArray(inner, n) if *n == items.len() => {
                        Ok(DynSolValue::FixedArray(elements(inner)?))
                    }
                    DynSolType::Tuple(fields) if fields.len() == items.len() => fields
                        .iter()
                        .zip(items)
                        .map(|(ty, item)| self.value(ty, item))
                        .collect::<Result<Vec<_>, _>>()
                        .map(DynSolValue::Tuple),
                    _ => Err(format!(
                        "a list of {} given for a {}",
                        items.len(),
                        ty.sol_type_name()
                    )),
                }
            }
        }
    }
}

/// The parameter types of `types`, a tuple type (`(uint256,address)`; `()` for none).
fn param_types(types: &str) -> Result<Vec<DynSolType>, String> {
    match DynSolType::parse(types.trim()) {
        Ok(DynSolType::Tuple(fields)) => Ok(fields),
        Ok(other) => Err(format!(
            "expected the parameter types as a tuple `({})`",
            other.sol_type_name()
        )),
        Err(e) => Err(format!("{types:?} is not a list of Solidity types: {e}")),
    }
}

fn initcode(bytecode: &Bytes, args: Vec<u8>) -> Bytes {
    let mut code = bytecode.to_vec();
    code.extend_from_slice(&args);
    code.into()
}

impl Chain {
    /// Deploys `plan` from `deployer`: its libraries from [`LIBRARY_DEPLOYER`] (each at its
    /// predicted address), the sixteen contracts in [`DEPLOYMENT_ORDER`] with their
    /// constructors (the spec's where the plan gives none), then its wiring steps from
    /// `deployer`. The deployment becomes this chain's [`Chain::deployment`]. Any `period` is
    /// passed to the constructors; a contract that refuses it fails the deployment
    /// ([`ChainError::Reverted`], e.g. the spec UAC's `InvalidPeriod()` for 0).
    pub fn deploy_plan(
        &mut self,
        deployer: Address,
        period: u64,
        plan: &DeploymentPlan,
    ) -> Result<Deployment, ChainError> {
        for (i, library) in plan.libraries.iter().enumerate() {
            let expected = DeploymentPlan::library_address(i);
            self.deploy_checked(
                LIBRARY_DEPLOYER,
                &format!("library {}", library.name),
                initcode(&library.code, Vec::new()),
                expected,
            )?;
        }
        let d = Deployment::predicted(deployer, self.nonce(deployer), period);
        let env = Env { d: &d, plan };
        let spec_uac_args = Uac::constructorCall {
            disputePeriod_: U256::from(period),
        }
        .abi_encode();
        // Every predicate's spec constructor is `constructor(address uac)`.
        let spec_predicate_args = alloy_sol_types::SolValue::abi_encode(&d.uac);
        for (i, (((name, address), code), constructor)) in d
            .all()
            .into_iter()
            .zip(&plan.codes.0)
            .zip(&plan.constructors)
            .enumerate()
        {
            let args = match (constructor, i) {
                (Some(c), _) => env
                    .constructor_args(c)
                    .map_err(|e| invalid(format!("{name} constructor: {e}")))?,
                (None, 0) => spec_uac_args.clone(),
                (None, 15) => Vec::new(),
                (None, _) => spec_predicate_args.clone(),
            };
            self.deploy_checked(deployer, name, initcode(code, args), address)?;
        }
        for (i, step) in plan.wiring.iter().enumerate() {
            let context = match step {
                Wiring::Initialize => Uac::initializeCall::SIGNATURE.to_owned(),
                Wiring::Call { to, signature, .. } => {
                    format!("wiring step {}: {to}.{signature}", i + 1)
                }
            };
            let (to, data) = env
                .wiring_call(step)
                .map_err(|e| invalid(format!("{context}: {e}")))?;
            self.send_raw(deployer, to, data, DEFAULT_GAS_LIMIT)?
                .into_result(context)?;
        }
        self.deployment = Some(d);
        Ok(d)
    }

    fn deploy_checked(
        &mut self,
        from: Address,
        name: &str,
        initcode: Bytes,
        expected: Address,
    ) -> Result<(), ChainError> {
        let address = self
            .deploy_contract(from, initcode)?
            .into_result(format!("deploying {name}"))?;
        if address != expected || self.code(address).is_empty() {
            return Err(invalid(format!(
                "{name} landed at {address}, expected {expected} with code"
            )));
        }
        Ok(())
    }
}
