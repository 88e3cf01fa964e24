//! The readable property language: inputs ([`Input`]) and property expressions ([`Expr`]).
//!
//! The grammar is documented in the crate README and in the schema; in short:
//!
//! - a **string** input is one of `0x…` (hex bytes), `V:name` (a placeholder), `text:…`
//!   (UTF-8), `uint:N` (`abi(uint256)`), `addr:X` (`abi(address)`), `range:A-B` (`abi(Range)`),
//!   `bool:true|false` (`abi(bool)`), `block:N` (`abi(uint256)` of a block offset),
//!   `keccak:<string input>` (32 bytes) and `sig:SIGNER:<string input>` (65 bytes);
//! - an **object** input has exactly one key: a predicate name (`{"And": [...]}`, a property
//!   expression encoded as `enc(P)`), `Property` (any address and inputs), or a function:
//!   `keccak`, `sig`, `id`, `concat`, `bytes_array`.
//!
//! Parsing checks the syntax (hex digits, numbers, names, predicate names); names of signers and
//! accounts are checked by the [`Resolver`](crate::Resolver), which knows the world.

use crate::primitives::{HexAddress, NAME_PATTERN, Name};
use ovm_core::{Address, Bytes, PredicateKind, Property, Registry, U256, placeholder};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{self, MapAccess, Visitor},
    ser::SerializeMap,
};
use std::{borrow::Cow, fmt, str::FromStr};

/// The object keys of the functions an object input may use.
pub const FUNCTIONS: [&str; 5] = ["keccak", "sig", "id", "concat", "bytes_array"];

/// The object key of the raw property form `{"Property": {"predicate": …, "inputs": […]}}`.
pub const PROPERTY_KEY: &str = "Property";

/// A reference to an address: a name, or a literal `0x` + 40 hex digits.
///
/// Names are resolved by the [`Resolver`](crate::Resolver): predicate names (`Equal`, `Not`, …)
/// through the registry, contract names (`UAC`, `CommitmentContract`, `deployer`) through the
/// deployment table, and the vector's signers and accounts through its world.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AddrRef {
    /// A named predicate, contract, signer or account.
    Name(Name),
    /// A literal address.
    Literal(Address),
}

impl AddrRef {
    /// Parses a name or a `0x` + 40-hex literal.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.starts_with("0x") {
            Ok(Self::Literal(text.parse::<HexAddress>()?.0))
        } else {
            Ok(Self::Name(Name::parse(text)?))
        }
    }

    /// The reference to a predicate kind by its name.
    pub fn predicate(kind: PredicateKind) -> Self {
        Self::Name(Name::parse(kind.name()).expect("predicate names are valid names"))
    }

    /// `address` by its predicate's name in `registry`, else as a literal.
    pub fn of_address(address: Address, registry: &Registry) -> Self {
        match registry.kind(address) {
            Some(kind) => Self::predicate(kind),
            None => Self::Literal(address),
        }
    }
}

impl fmt::Display for AddrRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Name(name) => f.write_str(name.as_str()),
            Self::Literal(address) => write!(f, "{}", HexAddress(*address)),
        }
    }
}

impl FromStr for AddrRef {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Self::parse(text)
    }
}

impl Serialize for AddrRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AddrRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(de::Error::custom)
    }
}

impl JsonSchema for AddrRef {
    fn schema_name() -> Cow<'static, str> {
        "AddrRef".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An address: a predicate name (`Equal`, `Not`, …), a contract name (`UAC`, `CommitmentContract`, `deployer`), a signer or account name of the world, or a literal `0x` followed by 40 hex digits.",
            "type": "string",
            "pattern": format!("^(0x[0-9a-fA-F]{{40}}|{})$", &NAME_PATTERN[1..NAME_PATTERN.len() - 1]),
        })
    }
}

/// The parsed meaning of a string input (see [`StringInput`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Atom {
    /// `0x…`: the bytes themselves (`0x` alone is the empty string).
    Hex(Bytes),
    /// `V:name`: the placeholder `'V' ‖ name` (UTF-8 bytes of `name`, which may be empty).
    Placeholder(String),
    /// `text:…`: the UTF-8 bytes after the prefix.
    Text(String),
    /// `uint:N`: `abi.encode(uint256 N)`, `N` decimal or `0x`-hex.
    Uint(U256),
    /// `addr:X`: `abi.encode(address X)`.
    Addr(AddrRef),
    /// `range:A-B`: `abi.encode(uint256 A, uint256 B)` (not required to be valid).
    Range {
        /// `A`.
        start: U256,
        /// `B`.
        end: U256,
    },
    /// `bool:true` / `bool:false`: `abi.encode(bool)`.
    Bool(bool),
    /// `block:N`: `abi.encode(uint256)` of the absolute block number of block offset `N`.
    Block(u64),
    /// `keccak:<string input>`: `abi.encode(bytes32 keccak256(inner))`.
    Keccak(Box<Atom>),
    /// `sig:SIGNER:<string input>`: the 65-byte signature `r ‖ s ‖ v` by the world's signer
    /// `SIGNER` over `keccak256(inner)` (no EIP-191 prefix, low `s`, `v ∈ {27, 28}`).
    Sig {
        /// The signer's name in the world.
        signer: Name,
        /// The signed message.
        message: Box<Atom>,
    },
}

/// Parses a number: decimal digits, or `0x` + 1..=64 hex digits.
pub(crate) fn parse_number(text: &str) -> Result<U256, String> {
    if let Some(digits) = text.strip_prefix("0x") {
        if digits.is_empty() || digits.len() > 64 || !digits.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(format!(
                "bad number {text:?}: `0x` must be followed by 1 to 64 hex digits"
            ));
        }
        U256::from_str_radix(digits, 16).map_err(|err| format!("bad number {text:?}: {err}"))
    } else {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "bad number {text:?}: write decimal digits or `0x` + hex digits"
            ));
        }
        U256::from_str_radix(text, 10)
            .map_err(|_| format!("bad number {text:?}: does not fit in 256 bits"))
    }
}

/// Decodes `0x` + an even number of hex digits.
pub(crate) fn parse_hex(text: &str) -> Result<Bytes, String> {
    let digits = text
        .strip_prefix("0x")
        .ok_or_else(|| format!("hex bytes start with `0x`, found {text:?}"))?;
    if digits.len() % 2 == 1 {
        return Err(format!(
            "odd number of hex digits ({}) in {text:?}: write whole bytes",
            digits.len()
        ));
    }
    hex::decode(digits)
        .map(Bytes::from)
        .map_err(|err| format!("bad hex in {text:?}: {err}"))
}

/// How many levels of JSON nesting a written property expression may use. A file may nest up
/// to [`crate::MAX_JSON_DEPTH`] levels, but readers other than this crate (serde_json's
/// defaults among them) stop at 128, and a vector puts a few levels around its properties (up
/// to ten around an expectation's error arguments), so writers put a sub-property that would
/// go deeper as hex: the same bytes, and the file loads anywhere.
pub const MAX_EXPR_JSON_DEPTH: usize = 96;

/// How deeply `keccak:` and `sig:` forms may nest inside one string input. Parsing, resolving,
/// writing and dropping a string input recurse once per level, so a file of one long prefix
/// chain must be refused, not overflow the stack.
pub const MAX_STRING_NESTING: usize = 64;

impl Atom {
    /// Parses one string input (at most [`MAX_STRING_NESTING`] nested `keccak:` / `sig:` forms).
    pub fn parse(text: &str) -> Result<Self, String> {
        Self::parse_nested(text, 0)
    }

    fn parse_nested(text: &str, depth: usize) -> Result<Self, String> {
        if depth > MAX_STRING_NESTING {
            return Err(format!(
                "string input nested deeper than {MAX_STRING_NESTING} `keccak:` / `sig:` forms"
            ));
        }
        if text.starts_with("0x") {
            return parse_hex(text).map(Self::Hex);
        }
        let Some((prefix, rest)) = text.split_once(':') else {
            return Err(unknown_form(text));
        };
        match prefix {
            "V" => Ok(Self::Placeholder(rest.to_owned())),
            "text" => Ok(Self::Text(rest.to_owned())),
            "uint" => parse_number(rest).map(Self::Uint),
            "addr" => AddrRef::parse(rest).map(Self::Addr),
            "range" => {
                let (start, end) = rest.split_once('-').ok_or_else(|| {
                    format!("bad range {text:?}: write `range:A-B` (decimal or 0x-hex bounds)")
                })?;
                Ok(Self::Range {
                    start: parse_number(start)?,
                    end: parse_number(end)?,
                })
            }
            "bool" => match rest {
                "true" => Ok(Self::Bool(true)),
                "false" => Ok(Self::Bool(false)),
                _ => Err(format!(
                    "bad bool {text:?}: write `bool:true` or `bool:false`"
                )),
            },
            "block" => {
                if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!(
                        "bad block offset {text:?}: write `block:N` with decimal N"
                    ));
                }
                rest.parse::<u64>()
                    .map(Self::Block)
                    .map_err(|_| format!("bad block offset {text:?}: does not fit in 64 bits"))
            }
            "keccak" => {
                if rest.is_empty() {
                    return Err(
                        "`keccak:` needs an inner input (the hash of empty bytes is `keccak:0x`)"
                            .to_owned(),
                    );
                }
                Ok(Self::Keccak(Box::new(Self::parse_nested(rest, depth + 1)?)))
            }
            "sig" => {
                let (signer, message) = rest
                    .split_once(':')
                    .ok_or_else(|| format!("bad signature {text:?}: write `sig:SIGNER:<input>`"))?;
                if message.is_empty() {
                    return Err(format!(
                        "bad signature {text:?}: the message after `sig:{signer}:` is missing (empty bytes are `0x`)"
                    ));
                }
                Ok(Self::Sig {
                    signer: Name::parse(signer)?,
                    message: Box::new(Self::parse_nested(message, depth + 1)?),
                })
            }
            _ => Err(unknown_form(text)),
        }
    }
}

fn unknown_form(text: &str) -> String {
    format!(
        "unknown input form {text:?}: a string input is `0x…`, `V:name`, `text:…`, `uint:N`, `addr:NAME`, `range:A-B`, `bool:…`, `block:N`, `keccak:<input>` or `sig:SIGNER:<input>`"
    )
}

/// A string input: its text as written (kept, so files are rewritten byte for byte) and its
/// parsed [`Atom`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringInput {
    text: String,
    atom: Box<Atom>,
}

impl StringInput {
    /// Parses `text` (see [`Atom::parse`]).
    pub fn parse(text: &str) -> Result<Self, String> {
        Ok(Self {
            atom: Box::new(Atom::parse(text)?),
            text: text.to_owned(),
        })
    }

    /// The text as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parsed meaning.
    pub fn atom(&self) -> &Atom {
        &self.atom
    }
}

/// One input of a property (or any byte-string argument of a vector).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A string input (`0x…`, `V:…`, `text:…`, `uint:…`, …).
    String(StringInput),
    /// A property expression, encoded as `enc(P)`.
    Property(Expr),
    /// `{"keccak": <input>}`: `abi.encode(bytes32 keccak256(input))`.
    Keccak(Box<Input>),
    /// `{"sig": {"signer": NAME, "message": <input>}}`: the 65-byte signature by `signer`.
    Sig {
        /// The signer's name in the world.
        signer: Name,
        /// The signed message.
        message: Box<Input>,
    },
    /// `{"id": <property expression>}`: `abi.encode(bytes32 id(P))`.
    Id(Box<Expr>),
    /// `{"concat": [<input>…]}`: the inputs' bytes, concatenated.
    Concat(Vec<Input>),
    /// `{"bytes_array": [<input>…]}`: `abi.encode(bytes[])` of the inputs (an And child's
    /// witness, spec §4).
    BytesArray(Vec<Input>),
}

impl Input {
    /// Parses a string input; see [`Atom::parse`].
    pub fn parse(text: &str) -> Result<Self, String> {
        StringInput::parse(text).map(Self::String)
    }

    /// The hex input `0x…` of `bytes`.
    pub fn hex(bytes: impl AsRef<[u8]>) -> Self {
        let bytes = bytes.as_ref();
        Self::String(StringInput {
            // alloy's encoder: the same text as the `hex` crate's, many times faster.
            text: ovm_core::hex::encode_prefixed(bytes),
            atom: Box::new(Atom::Hex(Bytes::copy_from_slice(bytes))),
        })
    }

    /// The readable form of `bytes`: a property expression if they are a property (recursively),
    /// `V:name` for a placeholder with a UTF-8 name, hex otherwise. Resolving the result against
    /// `registry` gives back exactly `bytes`.
    ///
    /// At most [`MAX_EXPR_JSON_DEPTH`] levels of JSON are used; a sub-property that would go
    /// deeper is written as hex.
    pub fn from_bytes(bytes: &[u8], registry: &Registry) -> Self {
        Self::from_bytes_within(bytes, registry, MAX_EXPR_JSON_DEPTH)
    }

    /// [`Input::from_bytes`] within `budget` levels of JSON nesting: a property whose
    /// expression does not fit is written as hex (the same bytes).
    pub fn from_bytes_within(bytes: &[u8], registry: &Registry, budget: usize) -> Self {
        if let Some(property) = Property::decode_canonical(bytes) {
            let levels = Expr::json_levels(registry, &property);
            return match budget.checked_sub(levels) {
                Some(left) => Self::Property(Expr::from_property_within(&property, registry, left)),
                None => Self::hex(bytes),
            };
        }
        if let Some(name) = placeholder::placeholder_name(bytes)
            && let Ok(name) = std::str::from_utf8(name)
        {
            return Self::String(StringInput {
                text: format!("V:{name}"),
                atom: Box::new(Atom::Placeholder(name.to_owned())),
            });
        }
        Self::hex(bytes)
    }
}

impl From<Expr> for Input {
    fn from(expr: Expr) -> Self {
        Self::Property(expr)
    }
}

impl FromStr for Input {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Self::parse(text)
    }
}

/// A property expression: `{"<Predicate>": [inputs…]}` or
/// `{"Property": {"predicate": <AddrRef>, "inputs": [inputs…]}}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A registered predicate by its name, e.g. `{"Equal": ["0x01", "0x01"]}`.
    Predicate {
        /// Which predicate (its address comes from the registry).
        kind: PredicateKind,
        /// The inputs.
        inputs: Vec<Input>,
    },
    /// Any address: `{"Property": {"predicate": "0x…01", "inputs": […]}}`, for unregistered
    /// predicates, contracts used as predicates, or any arity.
    At {
        /// The predicate address.
        predicate: AddrRef,
        /// The inputs.
        inputs: Vec<Input>,
    },
}

impl Expr {
    /// `kind(inputs…)`.
    pub fn new(kind: PredicateKind, inputs: impl IntoIterator<Item = Input>) -> Self {
        Self::Predicate {
            kind,
            inputs: inputs.into_iter().collect(),
        }
    }

    /// The predicate named `name` applied to `inputs` (`None` for an unknown name).
    pub fn named(name: &str, inputs: impl IntoIterator<Item = Input>) -> Option<Self> {
        PredicateKind::from_name(name).map(|kind| Self::new(kind, inputs))
    }

    /// The readable form of `property`: registered predicates by name, others as a literal
    /// address; inputs via [`Input::from_bytes`]. Lossless against `registry`.
    ///
    /// The expression uses at most [`MAX_EXPR_JSON_DEPTH`] levels of JSON; a sub-property that
    /// would go deeper is written as hex.
    pub fn from_property(property: &Property, registry: &Registry) -> Self {
        let left = MAX_EXPR_JSON_DEPTH.saturating_sub(Self::json_levels(registry, property));
        Self::from_property_within(property, registry, left)
    }

    /// [`Expr::from_property`] with `budget` levels of JSON nesting for the inputs.
    fn from_property_within(property: &Property, registry: &Registry, budget: usize) -> Self {
        let inputs = property
            .inputs
            .iter()
            .map(|input| Input::from_bytes_within(input, registry, budget))
            .collect();
        Self::with_inputs(property, registry, inputs)
    }

    /// The levels of JSON nesting the expression of `property` puts around its inputs:
    /// `{"Not": [...]}` two, `{"Property": {"inputs": [...]}}` three.
    pub fn json_levels(registry: &Registry, property: &Property) -> usize {
        if registry.kind(property.predicate).is_some() {
            2
        } else {
            3
        }
    }

    /// `property` one level deep: its predicate by name, its inputs as hex. It resolves to the
    /// same bytes as [`Expr::from_property`] at a fraction of the cost, for vectors a program
    /// builds to run rather than to show.
    pub fn shallow(property: &Property, registry: &Registry) -> Self {
        let inputs = property.inputs.iter().map(Input::hex).collect();
        Self::with_inputs(property, registry, inputs)
    }

    fn with_inputs(property: &Property, registry: &Registry, inputs: Vec<Input>) -> Self {
        match registry.kind(property.predicate) {
            Some(kind) => Self::Predicate { kind, inputs },
            None => Self::At {
                predicate: AddrRef::Literal(property.predicate),
                inputs,
            },
        }
    }

    /// The inputs.
    pub fn inputs(&self) -> &[Input] {
        match self {
            Self::Predicate { inputs, .. } | Self::At { inputs, .. } => inputs,
        }
    }

    /// The object key this expression is written under (`"And"`, `"Property"`, …).
    pub fn key(&self) -> &'static str {
        match self {
            Self::Predicate { kind, .. } => kind.name(),
            Self::At { .. } => PROPERTY_KEY,
        }
    }
}

// ------------------------------------------------------------------ serde

#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "PropertyAt")]
/// The body of the `Property` form: any predicate address and any inputs.
struct AtBody {
    /// The predicate: a predicate name, a contract or world name, or a `0x` + 40-hex address.
    predicate: AddrRef,
    /// The inputs (any number).
    inputs: Vec<Input>,
}

#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "SigBody")]
/// The body of the `sig` function.
struct SigBody {
    /// The signer's name in the world (`world.signers`).
    signer: Name,
    /// The message; the signature is over `keccak256(message)`.
    message: Input,
}

fn serialize_expr<M: SerializeMap>(expr: &Expr, map: &mut M) -> Result<(), M::Error> {
    match expr {
        Expr::Predicate { kind, inputs } => map.serialize_entry(kind.name(), inputs),
        Expr::At { predicate, inputs } => {
            #[derive(Serialize)]
            struct Body<'a> {
                predicate: &'a AddrRef,
                inputs: &'a [Input],
            }
            map.serialize_entry(PROPERTY_KEY, &Body { predicate, inputs })
        }
    }
}

impl Serialize for Expr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        serialize_expr(self, &mut map)?;
        map.end()
    }
}

impl Serialize for Input {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Self::String(text) = self {
            return serializer.serialize_str(text.text());
        }
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Self::String(_) => unreachable!("handled above"),
            Self::Property(expr) => serialize_expr(expr, &mut map)?,
            Self::Keccak(inner) => map.serialize_entry("keccak", inner)?,
            Self::Sig { signer, message } => {
                #[derive(Serialize)]
                struct Body<'a> {
                    signer: &'a Name,
                    message: &'a Input,
                }
                map.serialize_entry("sig", &Body { signer, message })?
            }
            Self::Id(expr) => map.serialize_entry("id", expr)?,
            Self::Concat(items) => map.serialize_entry("concat", items)?,
            Self::BytesArray(items) => map.serialize_entry("bytes_array", items)?,
        }
        map.end()
    }
}

/// Reads the value of a property-expression key; `key` has been read already.
fn expr_value<'de, A: MapAccess<'de>>(key: &str, map: &mut A) -> Result<Expr, A::Error> {
    if key == PROPERTY_KEY {
        let body: AtBody = map.next_value()?;
        return Ok(Expr::At {
            predicate: body.predicate,
            inputs: body.inputs,
        });
    }
    match PredicateKind::from_name(key) {
        Some(kind) => Ok(Expr::Predicate {
            kind,
            inputs: map.next_value()?,
        }),
        None => Err(de::Error::custom(format!("unknown predicate {key:?}"))),
    }
}

/// Fails unless the expression object has no key after `key`.
fn single_key<'de, A: MapAccess<'de>>(key: &str, map: &mut A) -> Result<(), A::Error> {
    match map.next_key::<String>()? {
        None => Ok(()),
        Some(extra) => Err(de::Error::custom(format!(
            "an expression object has exactly one key, found {extra:?} after {key:?}"
        ))),
    }
}

struct ExprVisitor;

impl<'de> Visitor<'de> for ExprVisitor {
    type Value = Expr;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property expression: an object with one key, a predicate name or `Property`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Expr, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::custom(
                "an empty object is not a property expression: write {\"<Predicate>\": [inputs…]}",
            ));
        };
        let expr = expr_value(&key, &mut map)?;
        single_key(&key, &mut map)?;
        Ok(expr)
    }
}

impl<'de> Deserialize<'de> for Expr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ExprVisitor)
    }
}

struct InputVisitor;

impl<'de> Visitor<'de> for InputVisitor {
    type Value = Input;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "an input: a string (`0x…`, `V:name`, `text:…`, `uint:N`, …) or an object with one key (a predicate name, `Property`, or a function)",
        )
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Input, E> {
        Input::parse(text).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Input, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::custom(
                "an empty object is not an input: write a property expression or a function",
            ));
        };
        let input = match key.as_str() {
            "keccak" => Input::Keccak(Box::new(map.next_value()?)),
            "sig" => {
                let body: SigBody = map.next_value()?;
                Input::Sig {
                    signer: body.signer,
                    message: Box::new(body.message),
                }
            }
            "id" => Input::Id(Box::new(map.next_value()?)),
            "concat" => Input::Concat(map.next_value()?),
            "bytes_array" => Input::BytesArray(map.next_value()?),
            other if other.starts_with(|c: char| c.is_ascii_lowercase()) => {
                return Err(de::Error::custom(format!(
                    "unknown function {other:?} (functions are {})",
                    FUNCTIONS.join(", ")
                )));
            }
            other => Input::Property(expr_value(other, &mut map)?),
        };
        single_key(&key, &mut map)?;
        Ok(input)
    }
}

impl<'de> Deserialize<'de> for Input {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(InputVisitor)
    }
}

// ------------------------------------------------------------------ schema

/// The regular expression every string input matches.
pub const STRING_INPUT_PATTERN: &str = concat!(
    r"^(0x([0-9a-fA-F]{2})*",
    r"|V:[\s\S]*",
    r"|text:[\s\S]*",
    r"|uint:(0x[0-9a-fA-F]{1,64}|[0-9]+)",
    r"|addr:(0x[0-9a-fA-F]{40}|[A-Za-z_][A-Za-z0-9_-]{0,63})",
    r"|range:(0x[0-9a-fA-F]{1,64}|[0-9]+)-(0x[0-9a-fA-F]{1,64}|[0-9]+)",
    r"|bool:(true|false)",
    r"|block:[0-9]+",
    r"|keccak:[\s\S]+",
    r"|sig:[A-Za-z_][A-Za-z0-9_-]{0,63}:[\s\S]+",
    r")$"
);

const STRING_INPUT_DOC: &str = "A string input. `0x…`: the bytes (an even number of hex digits; `0x` is empty). \
`V:name`: the placeholder 'V' ‖ UTF-8(name). `text:…`: the UTF-8 bytes after `text:`. \
`uint:N`: abi.encode(uint256 N), N decimal or 0x-hex. `addr:X`: abi.encode(address) of a predicate name, \
a contract name (UAC, CommitmentContract, deployer), a world signer or account, or a 0x + 40-hex literal. \
`range:A-B`: abi.encode(uint256 A, uint256 B) (not required to be valid). `bool:true|false`: abi.encode(bool). \
`block:N`: abi.encode(uint256) of the absolute number of block offset N. `keccak:<string input>`: \
keccak256 of the inner input (32 bytes). `sig:SIGNER:<string input>`: the 65-byte signature r‖s‖v by the \
world's signer over keccak256(inner), no EIP-191 prefix, low s, v in {27, 28}.";

impl JsonSchema for Expr {
    fn schema_name() -> Cow<'static, str> {
        "Expr".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let input = generator.subschema_for::<Input>();
        let at = generator.subschema_for::<AtBody>();
        let mut properties = serde_json::Map::new();
        for kind in PredicateKind::all() {
            properties.insert(
                kind.name().to_owned(),
                serde_json::json!({
                    "description": format!("{}(inputs…), encoded as enc(P) with the registry's {} address.", kind.name(), kind.name()),
                    "type": "array",
                    "items": input,
                }),
            );
        }
        properties.insert(PROPERTY_KEY.to_owned(), at.to_value());
        json_schema!({
            "description": "A property expression: an object with exactly one key, a predicate name (whose value is the array of inputs) or `Property` (any address, any inputs).",
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "properties": properties,
            "additionalProperties": false,
        })
    }
}

impl JsonSchema for Input {
    fn schema_name() -> Cow<'static, str> {
        "Input".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let input = generator.subschema_for::<Input>();
        let expr = generator.subschema_for::<Expr>();
        let sig = generator.subschema_for::<SigBody>();
        json_schema!({
            "description": "An input (raw bytes once resolved): a string input, a property expression (enc(P)), or a function object.",
            "anyOf": [
                {
                    "description": STRING_INPUT_DOC,
                    "type": "string",
                    "pattern": STRING_INPUT_PATTERN,
                },
                expr,
                {
                    "description": "A function: an object with exactly one key. `keccak`: keccak256 of an input (32 bytes). `sig`: a signature by a world signer. `id`: id(P) of a property expression (32 bytes). `concat`: the inputs' bytes concatenated. `bytes_array`: abi.encode(bytes[]) of the inputs (an And child's witness).",
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 1,
                    "properties": {
                        "keccak": input,
                        "sig": sig,
                        "id": expr,
                        "concat": { "type": "array", "items": input },
                        "bytes_array": { "type": "array", "items": input },
                    },
                    "additionalProperties": false,
                },
            ],
        })
    }
}
