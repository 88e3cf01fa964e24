//! Common shapes both halves are reduced to before comparing: a call's result
//! ([`CallView`]: ok, or an error name with typed arguments) and an event ([`EventView`]), plus
//! the [`Namer`] that prints and writes their values readably (`id(claim)`, `addr:alice`).

use ovm_chain::Revert;
use ovm_core::Event;
use ovm_core::{Address, B256, Bytes, Property, Registry, U256, abi};
use ovm_model::{CommitmentError, UacError};
use ovm_vectors::{Expr, Input, MAX_EXPR_JSON_DEPTH};
use std::{cell::OnceCell, fmt};

/// One argument of an error or event, typed as its ABI declares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// `address`.
    Address(Address),
    /// `bytes32` (a game id or a root).
    Word(B256),
    /// `uint256`.
    Uint(U256),
    /// `bool`.
    Bool(bool),
    /// `Property` (its `enc`).
    Property(Property),
    /// Anything else, as raw bytes (unknown revert data, halt reasons).
    Raw(Bytes),
}

impl Arg {
    /// `abi.encode(arg)`: the 32-byte word of a static argument, `enc(P)` for a property.
    pub fn abi(&self) -> Bytes {
        match self {
            Self::Address(a) => abi::encode_address(*a),
            Self::Word(w) => abi::encode_b256(*w),
            Self::Uint(u) => abi::encode_u256(*u),
            Self::Bool(b) => abi::encode_uint(u64::from(*b)),
            Self::Property(p) => p.encode(),
            Self::Raw(bytes) => bytes.clone(),
        }
    }
}

/// A named error with its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorView {
    /// The Solidity error name (`InvalidChallenge`, `Panic`, `Halted`, …).
    pub name: String,
    /// Its arguments.
    pub args: Vec<Arg>,
}

impl ErrorView {
    /// Whether this is an EVM resource limit ([`Revert::ResourceLimit`]), not an error of a rule.
    pub fn is_resource_limit(&self) -> bool {
        self.name == Revert::RESOURCE_LIMIT
    }
}

/// The result of one call, reduced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallView {
    /// Success.
    Ok,
    /// Failure with this error.
    Err(ErrorView),
}

impl CallView {
    /// Whether the call succeeded.
    pub fn is_ok(&self) -> bool {
        matches!(self, Self::Ok)
    }

    /// The error, if the call failed.
    pub fn error(&self) -> Option<&ErrorView> {
        match self {
            Self::Ok => None,
            Self::Err(e) => Some(e),
        }
    }
}

/// The error view of an on-chain revert.
pub fn revert_view(revert: &Revert) -> ErrorView {
    use Arg::{Address as A, Uint as U, Word as W};
    let args = match revert {
        Revert::UnknownPredicate { predicate } | Revert::NotAConnective { predicate } => {
            vec![A(*predicate)]
        }
        Revert::TooDeep { depth } => vec![U(*depth)],
        Revert::GameAlreadyExists { game_id }
        | Revert::GameNotFound { game_id }
        | Revert::GameAlreadyDecided { game_id }
        | Revert::DisputePeriodOver { game_id }
        | Revert::DisputePeriodNotOver { game_id }
        | Revert::ChallengesRemain { game_id }
        | Revert::WitnessRejected { game_id } => vec![W(*game_id)],
        Revert::InvalidChallenge {
            game_id,
            challenge_game_id,
        }
        | Revert::DuplicateChallenge {
            game_id,
            challenge_game_id,
        }
        | Revert::ChallengeNotFound {
            game_id,
            challenge_game_id,
        } => vec![W(*game_id), W(*challenge_game_id)],
        Revert::ChallengeNotDecidedTrue { challenge_game_id }
        | Revert::ChallengeNotDecidedFalse { challenge_game_id } => vec![W(*challenge_game_id)],
        Revert::CallerNotPredicate { caller }
        | Revert::NotDeployer { caller }
        | Revert::NotOperator { caller } => vec![A(*caller)],
        Revert::InnerNotFalse { inner_game_id } => vec![W(*inner_game_id)],
        Revert::ChildNotTrue { index } => vec![U(*index)],
        Revert::BlockNumberNotIncreasing { last, given } => vec![U(*last), U(*given)],
        Revert::Panic { code } => vec![U(*code)],
        Revert::Message(message) => vec![Arg::Raw(Bytes::copy_from_slice(message.as_bytes()))],
        Revert::Unknown(data) => vec![Arg::Raw(data.clone())],
        Revert::Halted { reason: text } | Revert::ResourceLimit { detail: text } => {
            vec![Arg::Raw(Bytes::copy_from_slice(text.as_bytes()))]
        }
        Revert::InvalidPeriod
        | Revert::AlreadyInitialized
        | Revert::NotTrue
        | Revert::NotFalse
        | Revert::ZeroRoot
        | Revert::Empty => Vec::new(),
    };
    ErrorView {
        name: revert.name().to_owned(),
        args,
    }
}

/// The call view of an on-chain result.
pub fn chain_call<T>(result: &Result<T, Revert>) -> CallView {
    match result {
        Ok(_) => CallView::Ok,
        Err(revert) => CallView::Err(revert_view(revert)),
    }
}

/// The error view of a model error: its exact revert data, decoded as the chain decodes it
/// (so both sides go through the same decoder). The model-only `NotAnAtomic` keeps its name.
pub fn model_error_view(error: &UacError) -> ErrorView {
    match error {
        UacError::NotAnAtomic(address) => ErrorView {
            name: "NotAnAtomic".to_owned(),
            args: vec![Arg::Address(*address)],
        },
        other => revert_view(&Revert::decode(&other.revert_data())),
    }
}

/// The error view of a `CommitmentContract` model error.
pub fn commitment_error_view(error: &CommitmentError) -> ErrorView {
    revert_view(&Revert::decode(&error.revert_data()))
}

/// A decoded event, reduced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventView {
    /// The event name.
    pub name: String,
    /// Its arguments.
    pub args: Vec<Arg>,
}

/// The view of an event, emitted on-chain or by the model (one type, `ovm_core::Event`).
pub fn event_view(event: &Event) -> EventView {
    let args = match event {
        Event::NewPropertyClaimed {
            game_id,
            property,
            created_block,
        } => vec![
            Arg::Word(*game_id),
            Arg::Property(property.clone()),
            Arg::Uint(*created_block),
        ],
        Event::ClaimChallenged {
            game_id,
            challenge_game_id,
        } => vec![Arg::Word(*game_id), Arg::Word(*challenge_game_id)],
        Event::ChallengeRemoved {
            game_id,
            challenge_game_id,
        } => vec![Arg::Word(*game_id), Arg::Word(*challenge_game_id)],
        Event::ClaimDecided { game_id, decision } => {
            vec![Arg::Word(*game_id), Arg::Bool(*decision)]
        }
        Event::AtomicPropositionDecided { game_id, decision } => {
            vec![Arg::Word(*game_id), Arg::Bool(*decision)]
        }
        Event::RootSubmitted { block_number, root } => {
            vec![Arg::Uint(*block_number), Arg::Word(*root)]
        }
        Event::Unknown(log) => vec![Arg::Raw(log.data.data.clone())],
    };
    EventView {
        name: event.name().to_owned(),
        args,
    }
}

/// How many levels of sub-properties a report shows; deeper ones appear as `enc(Predicate)`.
pub const DESCRIBED_LEVELS: usize = 32;

/// Prints and writes values readably: known properties by name (`id(claim)`), known addresses
/// by name (`alice`, `UAC`, `Equal`), block numbers as offsets.
#[derive(Clone, Debug, Default)]
pub struct Namer {
    /// Named properties (`None`: named by their description, computed when printed) with their
    /// ids, computed the first time a word is looked up (most runs print none).
    properties: Vec<(Option<String>, Property, OnceCell<B256>)>,
    addresses: Vec<(String, Address)>,
    registry: Option<Registry>,
    block_base: u64,
}

impl Namer {
    /// A namer over a registry (predicate addresses print as their names) with block offsets
    /// counted from `block_base`.
    pub fn new(registry: &Registry, block_base: u64) -> Self {
        Self {
            registry: Some(registry.clone()),
            block_base,
            ..Self::default()
        }
    }

    /// Names a property (its id prints as `id(name)`); the first name given wins.
    pub fn property(&mut self, name: impl Into<String>, property: &Property) {
        if !self.knows(property) {
            self.properties
                .push((Some(name.into()), property.clone(), OnceCell::new()));
        }
    }

    /// Names a property by its readable description (computed when printed), unless it
    /// already has a name.
    pub fn describe_and_name(&mut self, property: &Property) {
        if !self.knows(property) {
            self.properties
                .push((None, property.clone(), OnceCell::new()));
        }
    }

    /// The named property whose id is `id`.
    fn named_with_id(&self, id: B256) -> Option<&(Option<String>, Property, OnceCell<B256>)> {
        self.properties
            .iter()
            .find(|(_, p, known)| *known.get_or_init(|| p.id()) == id)
    }

    /// Whether `property` is named already (equal properties have equal ids, so no id is
    /// computed).
    fn knows(&self, property: &Property) -> bool {
        self.properties
            .iter()
            .any(|(_, known, _)| known == property)
    }

    /// Names an address; the first name given wins.
    pub fn address(&mut self, name: impl Into<String>, address: Address) {
        if !self.addresses.iter().any(|(_, a)| *a == address) {
            self.addresses.push((name.into(), address));
        }
    }

    fn property_name(&self, id: B256) -> Option<String> {
        let (name, p, _) = self.named_with_id(id)?;
        Some(name.clone().unwrap_or_else(|| self.describe_property(p)))
    }

    fn address_name(&self, address: Address) -> Option<String> {
        if let Some((name, _)) = self.addresses.iter().find(|(_, a)| *a == address) {
            return Some(name.clone());
        }
        let registry = self.registry.as_ref()?;
        registry.kind(address).map(|k| k.name().to_owned())
    }

    /// A short readable form of one argument.
    pub fn show_arg(&self, arg: &Arg) -> String {
        match arg {
            Arg::Address(a) => self.address_name(*a).unwrap_or_else(|| a.to_string()),
            Arg::Word(w) => match self.property_name(*w) {
                Some(name) => format!("id({name})"),
                None => w.to_string(),
            },
            Arg::Uint(u) => u.to_string(),
            Arg::Bool(b) => b.to_string(),
            Arg::Property(p) => self.show_property(p),
            Arg::Raw(bytes) => match std::str::from_utf8(bytes) {
                Ok(text) if !text.is_empty() => format!("{text:?}"),
                _ => bytes.to_string(),
            },
        }
    }

    /// A readable property: its name if known, else its predicate and summarized inputs.
    pub fn show_property(&self, p: &Property) -> String {
        self.show_within(p, DESCRIBED_LEVELS)
    }

    /// [`Namer::show_property`], sub-properties shown `levels` deep.
    fn show_within(&self, p: &Property, levels: usize) -> String {
        self.property_name(p.id())
            .unwrap_or_else(|| self.describe_within(p, levels))
    }

    /// The predicate and summarized inputs of a property, ignoring its name (sub-properties
    /// more than [`DESCRIBED_LEVELS`] deep only by their predicate).
    pub fn describe_property(&self, p: &Property) -> String {
        self.describe_within(p, DESCRIBED_LEVELS)
    }

    /// [`Namer::describe_property`], sub-properties shown `levels` deep.
    fn describe_within(&self, p: &Property, levels: usize) -> String {
        let label = self
            .address_name(p.predicate)
            .unwrap_or_else(|| p.predicate.to_string());
        let fallback;
        let registry = match &self.registry {
            Some(registry) => registry,
            None => {
                fallback = Registry::with_test_addresses();
                &fallback
            }
        };
        let inputs: Vec<String> = p
            .inputs
            .iter()
            .map(|input| match Property::decode_canonical(input) {
                Some(child) if levels > 0 => self.show_within(&child, levels - 1),
                None if input.len() == 32 => self.show_bytes(input),
                _ => ovm_decider::trace::summarize_input(registry, input),
            })
            .collect();
        format!("{label}({})", inputs.join(", "))
    }

    /// A readable form of raw bytes from an expectation: a known id, a known address word, a
    /// property, or hex.
    pub fn show_bytes(&self, bytes: &[u8]) -> String {
        if bytes.len() == 32 {
            let word = B256::from_slice(bytes);
            if let Some(name) = self.property_name(word) {
                return format!("id({name})");
            }
            if let Some(address) = abi::decode_address(bytes)
                && let Some(name) = self.address_name(address)
            {
                return name;
            }
            if bytes[..24].iter().all(|&b| b == 0) {
                return format!("uint:{}", U256::from_be_slice(bytes));
            }
            return word.to_string();
        }
        match Property::decode_canonical(bytes) {
            Some(p) => self.show_property(&p),
            None => Bytes::copy_from_slice(bytes).to_string(),
        }
    }

    /// `Name(arg, …)` of an expected error or event with raw (resolved) arguments; `None`
    /// arguments print as `…` (only the name is compared).
    pub fn show_expected(&self, name: &str, args: Option<&[Bytes]>) -> String {
        match args {
            None => format!("{name}(…)"),
            Some(args) => {
                let args: Vec<String> = args.iter().map(|a| self.show_bytes(a)).collect();
                format!("{name}({})", args.join(", "))
            }
        }
    }

    /// A readable decider outcome: `True, witness [..]`, `False, challenge [ci] Q`, …
    pub fn show_outcome(&self, outcome: &ovm_decider::Outcome) -> String {
        use ovm_decider::Outcome;
        let list = |items: &[Bytes]| {
            items
                .iter()
                .map(|i| self.show_bytes(i))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let challenge = |c: &ovm_decider::Challenge| {
            format!("[{}] {}", list(&c.inputs), self.show_property(&c.property))
        };
        match outcome {
            Outcome::True { witness: Some(w) } => format!("True, witness [{}]", list(w)),
            Outcome::True { witness: None } => {
                "True (by the dispute period, no witness)".to_owned()
            }
            Outcome::False { challenge: None } => "False (no challenge)".to_owned(),
            Outcome::False { challenge: Some(c) } => format!("False, challenge {}", challenge(c)),
            Outcome::Unknown { why, pin: None } => format!("Unknown ({why}), no pin"),
            Outcome::Unknown { why, pin: Some(c) } => {
                format!("Unknown ({why}), pin {}", challenge(c))
            }
        }
    }

    /// `Name(arg, …)`.
    pub fn show_error(&self, error: &ErrorView) -> String {
        let args: Vec<String> = error.args.iter().map(|a| self.show_arg(a)).collect();
        format!("{}({})", error.name, args.join(", "))
    }

    /// `ok` or `reverted Name(arg, …)`.
    pub fn show_call(&self, call: &CallView) -> String {
        match call {
            CallView::Ok => "ok".to_owned(),
            CallView::Err(e) => format!("reverted {}", self.show_error(e)),
        }
    }

    /// `Name(arg, …)` of an event.
    pub fn show_event(&self, event: &EventView) -> String {
        let args: Vec<String> = event.args.iter().map(|a| self.show_arg(a)).collect();
        format!("{}({})", event.name, args.join(", "))
    }

    /// A list of events, one per line (`(none)` when empty).
    pub fn show_events(&self, events: &[EventView]) -> String {
        if events.is_empty() {
            return "(none)".to_owned();
        }
        events
            .iter()
            .enumerate()
            .map(|(i, e)| format!("[{i}] {}", self.show_event(e)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The vector input that writes `arg` readably; `block` says a `uint256` is a block
    /// number (written `block:N` as an offset).
    pub fn input(&self, arg: &Arg, block: bool) -> Input {
        let parse = |text: String| Input::parse(&text).unwrap_or_else(|_| Input::hex(arg.abi()));
        match arg {
            Arg::Address(a) => match self.addresses.iter().find(|(_, x)| x == a) {
                Some((name, _)) if ovm_vectors::Name::parse(name).is_ok() => {
                    parse(format!("addr:{name}"))
                }
                _ => match self.registry.as_ref().and_then(|r| r.kind(*a)) {
                    Some(kind) => parse(format!("addr:{}", kind.name())),
                    None => parse(format!("addr:{a:#x}")),
                },
            },
            Arg::Word(w) => match self.named_with_id(*w) {
                Some((_, p, _)) => Input::Id(Box::new(self.expr(p))),
                None => Input::hex(w),
            },
            Arg::Uint(u) if block => match u64::try_from(*u) {
                Ok(n) if n >= self.block_base => parse(format!("block:{}", n - self.block_base)),
                _ => parse(format!("uint:{u}")),
            },
            Arg::Uint(u) => parse(format!("uint:{u}")),
            Arg::Bool(b) => parse(format!("bool:{b}")),
            Arg::Property(p) => Input::Property(self.expr(p)),
            Arg::Raw(bytes) => Input::hex(bytes),
        }
    }

    /// The readable expression of a property: registered predicates by name, inputs by
    /// [`Namer::readable_input`]. Resolving it gives back exactly `p`.
    ///
    /// At most [`MAX_EXPR_JSON_DEPTH`] levels of JSON are used; a sub-property that would go
    /// deeper is written as hex.
    pub fn expr(&self, p: &Property) -> Expr {
        self.expr_within(p, MAX_EXPR_JSON_DEPTH.saturating_sub(self.json_levels(p)))
    }

    /// The levels of JSON nesting `p`'s expression puts around its inputs (see
    /// [`Expr::json_levels`]).
    fn json_levels(&self, p: &Property) -> usize {
        match &self.registry {
            Some(registry) => Expr::json_levels(registry, p),
            None => 3,
        }
    }

    /// [`Namer::expr`] with `budget` levels of JSON nesting for the inputs.
    fn expr_within(&self, p: &Property, budget: usize) -> Expr {
        let inputs = p
            .inputs
            .iter()
            .map(|i| self.readable_within(i, budget))
            .collect();
        match self.registry.as_ref().and_then(|r| r.kind(p.predicate)) {
            Some(kind) => Expr::Predicate { kind, inputs },
            None => Expr::At {
                predicate: ovm_vectors::AddrRef::Literal(p.predicate),
                inputs,
            },
        }
    }

    /// The readable input of raw bytes: a property expression, `V:name`, `uint:N` for a
    /// 32-byte word with at least 24 leading zero bytes, `text:…` for printable ASCII, else
    /// hex. Resolving it gives back exactly `bytes`.
    pub fn readable_input(&self, bytes: &[u8]) -> Input {
        self.readable_within(bytes, MAX_EXPR_JSON_DEPTH)
    }

    /// [`Namer::readable_input`] within `budget` levels of JSON nesting: a property whose
    /// expression does not fit is written as hex.
    fn readable_within(&self, bytes: &[u8], budget: usize) -> Input {
        if let Some(p) = Property::decode_canonical(bytes) {
            return match budget.checked_sub(self.json_levels(&p)) {
                Some(left) => Input::Property(self.expr_within(&p, left)),
                None => Input::hex(bytes),
            };
        }
        let text = if ovm_core::placeholder::is_placeholder(bytes) {
            std::str::from_utf8(&bytes[1..])
                .ok()
                .filter(|name| name.bytes().all(|c| c.is_ascii_graphic()))
                .map(|name| format!("V:{name}"))
        } else if bytes.len() == 32 && bytes[..24].iter().all(|&b| b == 0) {
            Some(format!("uint:{}", U256::from_be_slice(bytes)))
        } else if !bytes.is_empty() && bytes.iter().all(|&c| (0x20..0x7f).contains(&c)) {
            std::str::from_utf8(bytes).ok().map(|t| format!("text:{t}"))
        } else {
            None
        };
        text.and_then(|t| Input::parse(&t).ok())
            .unwrap_or_else(|| Input::hex(bytes))
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Namer::default().show_arg(self))
    }
}
