//! Resolving the readable language to bytes: [`Resolver`] turns [`Input`]s and [`Expr`]s into
//! `ovm_core` values against one deployment.

use crate::{
    input::{AddrRef, Atom, Expr, Input},
    names::{AtomicName, CONTRACT_NAMES},
    vector::{Call, VectorFile, World},
};
use ovm_core::{
    Action, Address, B256, Bytes, PredicateKind, Property, Registry, U256, abi, keccak256,
    placeholder, signing::Signer,
};
use std::collections::BTreeMap;

/// Why an input could not be resolved, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct ResolveError {
    /// The field path, e.g. `claim.And[1].Not[0]`.
    pub path: String,
    /// What went wrong.
    pub kind: ResolveErrorKind,
}

/// What went wrong while resolving.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResolveErrorKind {
    /// `addr:NAME` (or a `from`, or a `Property` predicate) names nothing known.
    #[error(
        "unknown name {0:?} (not a predicate, a contract of the deployment, or a signer or account of the world)"
    )]
    UnknownName(String),
    /// `sig:NAME:…` names no signer of the world.
    #[error("unknown signer {0:?} (world.signers has {1})")]
    UnknownSigner(String, String),
    /// A value that must have a fixed length does not.
    #[error("expected {expected} bytes, found {found}")]
    WrongLength {
        /// The required length.
        expected: usize,
        /// The resolved length.
        found: usize,
    },
    /// Two definitions of one name.
    #[error("name {0:?} is defined twice ({1})")]
    DuplicateName(String, &'static str),
    /// A call that is not an [`Action`] (`initialize`, the wiring, which only a `uac` step
    /// sends) where an action is needed (a game's adversary).
    #[error("{0} is a wiring call of a uac step, not a game action")]
    NotAnAction(&'static str),
    /// A block offset past `u64::MAX` once the base is added.
    #[error("block offset {0} overflows with base {1}")]
    BlockOverflow(u64, u64),
}

/// Resolves inputs and expressions of one vector against one deployment.
///
/// Names resolve, in this order of tables (a name may be in only one): predicate names through
/// the registry, the deployment's contract table (`UAC`, `CommitmentContract`, `deployer`, …),
/// the world's signers (their addresses), the world's accounts.
#[derive(Clone, Debug)]
pub struct Resolver<'r> {
    registry: &'r Registry,
    contracts: BTreeMap<String, Address>,
    signers: BTreeMap<String, Signer>,
    accounts: BTreeMap<String, Address>,
    block_base: u64,
}

/// Where in the vector a value is, written out only when an error names it (resolving runs
/// on every call of every vector; formatting each field's path there would cost more than
/// the resolving).
#[derive(Clone, Copy)]
enum At<'a> {
    /// The path the caller gave.
    Root(&'a str),
    /// `parent.field`.
    Field(&'a At<'a>, &'a str),
    /// `parent[index]`.
    Index(&'a At<'a>, usize),
}

impl<'a> At<'a> {
    fn field(&'a self, name: &'a str) -> Self {
        Self::Field(self, name)
    }

    fn index(&'a self, index: usize) -> Self {
        Self::Index(self, index)
    }
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Root(path) => f.write_str(path),
            Self::Field(parent, name) => write!(f, "{parent}.{name}"),
            Self::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

fn error(at: &At<'_>, kind: ResolveErrorKind) -> ResolveError {
    ResolveError {
        path: at.to_string(),
        kind,
    }
}

impl<'r> Resolver<'r> {
    /// A resolver over `registry`, the deployment's other contracts (`name → address`,
    /// conventionally [`CONTRACT_NAMES`]) and, if given, a vector's world.
    pub fn new(
        registry: &'r Registry,
        contracts: impl IntoIterator<Item = (impl Into<String>, Address)>,
        world: Option<&World>,
    ) -> Result<Self, ResolveError> {
        let mut resolver = Self {
            registry,
            contracts: BTreeMap::new(),
            signers: BTreeMap::new(),
            accounts: BTreeMap::new(),
            block_base: 0,
        };
        for (name, address) in contracts {
            let name = name.into();
            if PredicateKind::from_name(&name).is_some() {
                return Err(error(
                    &At::Root("contracts"),
                    ResolveErrorKind::DuplicateName(name, "a predicate and a contract"),
                ));
            }
            if resolver.contracts.insert(name.clone(), address).is_some() {
                return Err(error(
                    &At::Root("contracts"),
                    ResolveErrorKind::DuplicateName(name, "two contracts"),
                ));
            }
        }
        if let Some(world) = world {
            for (name, seed) in &world.signers {
                resolver.check_fresh(name.as_str(), &format!("world.signers.{name}"))?;
                resolver
                    .signers
                    .insert(name.to_string(), Signer::from_seed(*seed));
            }
            for (name, address) in &world.accounts {
                resolver.check_fresh(name.as_str(), &format!("world.accounts.{name}"))?;
                resolver.accounts.insert(name.to_string(), address.0);
            }
        }
        Ok(resolver)
    }

    /// A resolver for `vector` (its world, if any) with the conventional contract table.
    pub fn for_vector(
        registry: &'r Registry,
        contracts: impl IntoIterator<Item = (impl Into<String>, Address)>,
        vector: &VectorFile,
    ) -> Result<Self, ResolveError> {
        Self::new(registry, contracts, vector.world())
    }

    fn check_fresh(&self, name: &str, path: &str) -> Result<(), ResolveError> {
        let clash = if PredicateKind::from_name(name).is_some() {
            Some("a predicate and a world name")
        } else if self.contracts.contains_key(name) || CONTRACT_NAMES.contains(&name) {
            Some("a contract and a world name")
        } else if self.signers.contains_key(name) || self.accounts.contains_key(name) {
            Some("two world names")
        } else {
            None
        };
        match clash {
            Some(what) => Err(error(
                &At::Root(path),
                ResolveErrorKind::DuplicateName(name.to_owned(), what),
            )),
            None => Ok(()),
        }
    }

    /// The absolute block number of block offset 0, for `block:N` (default 0).
    pub fn with_block_base(mut self, base: u64) -> Self {
        self.block_base = base;
        self
    }

    /// The registry.
    pub fn registry(&self) -> &Registry {
        self.registry
    }

    /// The world's signer `name`.
    pub fn signer(&self, name: &str) -> Option<&Signer> {
        self.signers.get(name)
    }

    /// The world's signers by name.
    pub fn signers(&self) -> impl Iterator<Item = (&str, &Signer)> {
        self.signers
            .iter()
            .map(|(name, signer)| (name.as_str(), signer))
    }

    /// The address a name stands for, if any (see the type's docs for the order).
    pub fn lookup(&self, name: &str) -> Option<Address> {
        if let Some(kind) = PredicateKind::from_name(name) {
            return Some(self.registry.address_of(kind));
        }
        self.contracts
            .get(name)
            .copied()
            .or_else(|| self.signers.get(name).map(Signer::address))
            .or_else(|| self.accounts.get(name).copied())
    }

    /// Resolves an address reference; `path` names it in errors.
    pub fn address(&self, reference: &AddrRef, path: &str) -> Result<Address, ResolveError> {
        self.address_at(reference, &At::Root(path))
    }

    fn address_at(&self, reference: &AddrRef, at: &At<'_>) -> Result<Address, ResolveError> {
        match reference {
            AddrRef::Literal(address) => Ok(*address),
            AddrRef::Name(name) => self
                .lookup(name.as_str())
                .ok_or_else(|| error(at, ResolveErrorKind::UnknownName(name.to_string()))),
        }
    }

    /// The address of an atomic predicate.
    pub fn atomic(&self, name: AtomicName) -> Address {
        self.registry.atomic_address(name.0)
    }

    /// The sender of a call: `from`, or `deployer` when absent.
    pub fn sender(&self, from: Option<&AddrRef>, path: &str) -> Result<Address, ResolveError> {
        self.sender_at(from, &At::Root(path))
    }

    fn sender_at(&self, from: Option<&AddrRef>, at: &At<'_>) -> Result<Address, ResolveError> {
        match from {
            Some(reference) => self.address_at(reference, at),
            None => self.lookup(crate::vector::DEFAULT_SENDER).ok_or_else(|| {
                error(
                    at,
                    ResolveErrorKind::UnknownName(crate::vector::DEFAULT_SENDER.to_owned()),
                )
            }),
        }
    }

    /// Resolves a property expression to a [`Property`]; `path` names it in errors (inputs are
    /// `path.<Key>[i]`).
    pub fn property(&self, expr: &Expr, path: &str) -> Result<Property, ResolveError> {
        self.property_at(expr, &At::Root(path))
    }

    fn property_at(&self, expr: &Expr, at: &At<'_>) -> Result<Property, ResolveError> {
        let (predicate, inputs) = match expr {
            Expr::Predicate { kind, .. } => (
                self.registry.address_of(*kind),
                self.inputs_at(expr.inputs(), &at.field(kind.name()))?,
            ),
            Expr::At { predicate, .. } => {
                let property = at.field("Property");
                (
                    self.address_at(predicate, &property.field("predicate"))?,
                    self.inputs_at(expr.inputs(), &property.field("inputs"))?,
                )
            }
        };
        Ok(Property::new(predicate, inputs))
    }

    /// Resolves a list of inputs; element `i` is `path[i]` in errors.
    pub fn inputs(&self, inputs: &[Input], path: &str) -> Result<Vec<Bytes>, ResolveError> {
        self.inputs_at(inputs, &At::Root(path))
    }

    fn inputs_at(&self, inputs: &[Input], at: &At<'_>) -> Result<Vec<Bytes>, ResolveError> {
        inputs
            .iter()
            .enumerate()
            .map(|(i, input)| self.input_at(input, &at.index(i)))
            .collect()
    }

    /// Resolves one input to its bytes; `path` names it in errors.
    pub fn input(&self, input: &Input, path: &str) -> Result<Bytes, ResolveError> {
        self.input_at(input, &At::Root(path))
    }

    fn input_at(&self, input: &Input, at: &At<'_>) -> Result<Bytes, ResolveError> {
        match input {
            Input::String(text) => self.atom(text.atom(), at),
            Input::Property(expr) => Ok(self.property_at(expr, at)?.encode()),
            Input::Keccak(inner) => {
                let bytes = self.input_at(inner, &at.field("keccak"))?;
                Ok(Bytes::copy_from_slice(keccak256(bytes).as_slice()))
            }
            Input::Sig { signer, message } => {
                let sig = at.field("sig");
                let message = self.input_at(message, &sig.field("message"))?;
                self.sign(signer.as_str(), &message, &sig.field("signer"))
            }
            Input::Id(expr) => {
                let id = self.property_at(expr, &at.field("id"))?.id();
                Ok(Bytes::copy_from_slice(id.as_slice()))
            }
            Input::Concat(items) => {
                let parts = self.inputs_at(items, &at.field("concat"))?;
                Ok(parts.concat().into())
            }
            Input::BytesArray(items) => {
                let parts = self.inputs_at(items, &at.field("bytes_array"))?;
                Ok(abi::encode_bytes_array(&parts))
            }
        }
    }

    fn sign(&self, signer: &str, message: &[u8], at: &At<'_>) -> Result<Bytes, ResolveError> {
        let key = self.signers.get(signer).ok_or_else(|| {
            let known: Vec<&str> = self.signers.keys().map(String::as_str).collect();
            let known = if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            };
            error(
                at,
                ResolveErrorKind::UnknownSigner(signer.to_owned(), known),
            )
        })?;
        Ok(Bytes::copy_from_slice(&key.sign(message)))
    }

    fn atom(&self, atom: &Atom, at: &At<'_>) -> Result<Bytes, ResolveError> {
        Ok(match atom {
            Atom::Hex(bytes) => bytes.clone(),
            Atom::Placeholder(name) => placeholder::placeholder(name.as_bytes()),
            Atom::Text(text) => Bytes::copy_from_slice(text.as_bytes()),
            Atom::Uint(value) => abi::encode_u256(*value),
            Atom::Addr(reference) => abi::encode_address(self.address_at(reference, at)?),
            Atom::Range { start, end } => abi::Range::new(*start, *end).encode(),
            Atom::Bool(value) => abi::encode_uint(u64::from(*value)),
            Atom::Block(offset) => {
                let block = self.block_base.checked_add(*offset).ok_or_else(|| {
                    error(
                        at,
                        ResolveErrorKind::BlockOverflow(*offset, self.block_base),
                    )
                })?;
                abi::encode_u256(U256::from(block))
            }
            Atom::Keccak(inner) => {
                let bytes = self.atom(inner, at)?;
                Bytes::copy_from_slice(keccak256(bytes).as_slice())
            }
            Atom::Sig { signer, message } => {
                let message = self.atom(message, at)?;
                self.sign(signer.as_str(), &message, at)?
            }
        })
    }

    /// Resolves an input that must be exactly 32 bytes (a root, an id, an ABI word).
    pub fn word(&self, input: &Input, path: &str) -> Result<B256, ResolveError> {
        self.word_at(input, &At::Root(path))
    }

    fn word_at(&self, input: &Input, at: &At<'_>) -> Result<B256, ResolveError> {
        let bytes = self.input_at(input, at)?;
        if bytes.len() != 32 {
            return Err(error(
                at,
                ResolveErrorKind::WrongLength {
                    expected: 32,
                    found: bytes.len(),
                },
            ));
        }
        Ok(B256::from_slice(&bytes))
    }

    /// Resolves a game reference: a property expression stands for its id, anything else must
    /// be the 32-byte id itself.
    pub fn game_id(&self, input: &Input, path: &str) -> Result<B256, ResolveError> {
        self.game_id_at(input, &At::Root(path))
    }

    fn game_id_at(&self, input: &Input, at: &At<'_>) -> Result<B256, ResolveError> {
        match input {
            Input::Property(expr) => Ok(self.property_at(expr, at)?.id()),
            other => self.word_at(other, at),
        }
    }

    /// A call of a vector as the sender and the [`Action`] it sends (the vector format's one
    /// reader of transactions; `Call::from_action` writes them).
    pub fn action(&self, call: &Call, path: &str) -> Result<(Address, Action), ResolveError> {
        let r = self;
        let at = At::Root(path);
        let from = r.sender_at(call.from(), &at.field("from"))?;
        let p = |e, field: &str| r.property_at(e, &at.field(field));
        let action = match call {
            Call::ClaimProperty { property, .. } => Action::Claim(p(property, "property")?),
            Call::Challenge {
                property,
                challenge_inputs,
                challenge,
                ..
            } => Action::Challenge {
                property: p(property, "property")?,
                inputs: r.inputs_at(challenge_inputs, &at.field("challenge_inputs"))?,
                challenge: p(challenge, "challenge")?,
            },
            Call::RemoveChallenge {
                property,
                challenge,
                ..
            } => Action::RemoveChallenge {
                property: p(property, "property")?,
                challenge: p(challenge, "challenge")?,
            },
            Call::DecideClaimToTrue { id, .. } => {
                Action::DecideClaimToTrue(r.game_id_at(id, &at.field("id"))?)
            }
            Call::DecideClaimToFalse {
                property,
                challenge,
                ..
            } => Action::DecideClaimToFalse {
                property: p(property, "property")?,
                challenge: p(challenge, "challenge")?,
            },
            Call::DecideClaimWithWitness {
                property, witness, ..
            } => Action::DecideClaimWithWitness {
                property: p(property, "property")?,
                witness: r.inputs_at(witness, &at.field("witness"))?,
            },
            Call::SetPredicateDecision {
                property, decision, ..
            } => Action::SetPredicateDecision {
                property: p(property, "property")?,
                decision: *decision,
            },
            Call::DecideTrue {
                predicate, inputs, ..
            } => Action::DecideTrue(Property::new(
                r.atomic(*predicate),
                r.inputs_at(inputs, &at.field("inputs"))?,
            )),
            Call::DecideFalse {
                predicate, inputs, ..
            } => Action::DecideFalse(Property::new(
                r.atomic(*predicate),
                r.inputs_at(inputs, &at.field("inputs"))?,
            )),
            Call::NotDecideTrue { inner, .. } => Action::NotDecideTrue(p(inner, "inner")?),
            Call::AndDecideTrue { children, .. } => {
                let field = at.field("children");
                let mut ps = Vec::with_capacity(children.len());
                for (i, c) in children.iter().enumerate() {
                    ps.push(r.property_at(c, &field.index(i))?);
                }
                Action::AndDecideTrue(ps)
            }
            Call::SubmitRoot {
                block_number, root, ..
            } => Action::SubmitRoot {
                block: U256::from(*block_number),
                root: r.word_at(root, &at.field("root"))?,
            },
            Call::Initialize { .. } => {
                return Err(error(&at, ResolveErrorKind::NotAnAction(call.method())));
            }
        };
        Ok((from, action))
    }
}
