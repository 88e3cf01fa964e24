//! The types of one vector file (format 1).
//!
//! Every kind's `expect` is optional: absent means "only require that the two halves agree",
//! the form fuzz regressions take. Block numbers are *offsets*: block 0 is the block in which a
//! vector's first step (or, for `game`, the claim) runs; the runner adds its chain's base.

use crate::{
    input::{AddrRef, Expr, Input},
    names::{AtomicName, CONTRACT_NAMES, ErrorName, EventName, RuleId},
    primitives::{Hash32, HexAddress, Name},
};
use ovm_core::{Decision, PredicateKind};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::{borrow::Cow, collections::BTreeMap, fmt};

/// The only format version this crate reads and writes.
pub const FORMAT: u32 = 1;

/// One vector file: `{"format": 1, "_info": …, "kind": "…", …kind fields}`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "OVM conformance vector (format 1)")]
pub struct VectorFile {
    /// The format version; always 1.
    #[schemars(extend("const" = 1))]
    pub format: u32,
    /// What the vector is about.
    #[serde(rename = "_info")]
    pub info: Info,
    /// The kind and its fields.
    #[serde(flatten)]
    pub vector: Vector,
}

impl VectorFile {
    /// A format-1 file.
    pub fn new(info: Info, vector: impl Into<Vector>) -> Self {
        Self {
            format: FORMAT,
            info,
            vector: vector.into(),
        }
    }

    /// The vector's world, if its kind has one and it is given.
    pub fn world(&self) -> Option<&World> {
        match &self.vector {
            Vector::Encoding(_) => None,
            Vector::Atomic(v) => v.world.as_ref(),
            Vector::Challenge(v) => v.world.as_ref(),
            Vector::Witness(v) => v.world.as_ref(),
            Vector::Uac(v) => v.world.as_ref(),
            Vector::Game(v) => Some(&v.world),
        }
    }

    /// The kind.
    pub fn kind(&self) -> Kind {
        self.vector.kind()
    }

    /// Whether the vector has an `expect` (a vector without one only requires that the two
    /// halves agree).
    pub fn has_expect(&self) -> bool {
        match &self.vector {
            Vector::Encoding(v) => v.checks.iter().any(Check::has_expect),
            Vector::Atomic(v) => v.expect.is_some(),
            Vector::Challenge(v) => v.expect.is_some() || v.also.iter().any(|t| t.expect.is_some()),
            Vector::Witness(v) => v.expect.is_some() || v.also.iter().any(|t| t.expect.is_some()),
            Vector::Uac(v) => v.expect.is_some(),
            Vector::Game(v) => v.expect.is_some(),
        }
    }
}

/// `_info`: metadata, never semantics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Info {
    /// One or two sentences: what the vector checks and why.
    pub description: String,
    /// The spec rules it covers (`§4.and`, `§6.challenge`, `§5.IsStored`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleId>,
    /// `0x` + keccak256 of the bundled contracts' runtime bytecode the expectations were
    /// filled against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filled_against: Option<Hash32>,
    /// Why the runner skips this vector (a skip is metadata, never hidden in code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip: Option<String>,
}

impl Info {
    /// Info with a description and nothing else.
    pub fn new(description: impl Into<String>) -> Self {
        Self {
            description: description.into(),
            rules: Vec::new(),
            filled_against: None,
            skip: None,
        }
    }
}

/// The kinds of vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// [`EncodingVector`].
    Encoding,
    /// [`AtomicVector`].
    Atomic,
    /// [`ChallengeVector`].
    Challenge,
    /// [`WitnessVector`].
    Witness,
    /// [`UacVector`].
    Uac,
    /// [`GameVector`].
    Game,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Self; 6] = [
        Self::Encoding,
        Self::Atomic,
        Self::Challenge,
        Self::Witness,
        Self::Uac,
        Self::Game,
    ];

    /// The `kind` string.
    pub fn name(self) -> &'static str {
        match self {
            Self::Encoding => "encoding",
            Self::Atomic => "atomic",
            Self::Challenge => "challenge",
            Self::Witness => "witness",
            Self::Uac => "uac",
            Self::Game => "game",
        }
    }

    /// The kind named `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A vector's kind and its fields (`kind` is the tag).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Vector {
    /// Encoding checks (§1, §2): `id`, "is a property", placeholder, `subst`, depth.
    Encoding(EncodingVector),
    /// One atomic predicate on inputs (§5).
    Atomic(AtomicVector),
    /// One challenge against one claim (§4, §6 `challenge`).
    Challenge(ChallengeVector),
    /// One witness for one claim (§4 `decideWithWitness`, §6 `decideClaimWithWitness`).
    Witness(WitnessVector),
    /// A call sequence against the UAC (§6).
    Uac(UacVector),
    /// A whole dispute game: honest agent against a scripted adversary (§7–§9).
    Game(GameVector),
}

impl Vector {
    /// The kind.
    pub fn kind(&self) -> Kind {
        match self {
            Self::Encoding(_) => Kind::Encoding,
            Self::Atomic(_) => Kind::Atomic,
            Self::Challenge(_) => Kind::Challenge,
            Self::Witness(_) => Kind::Witness,
            Self::Uac(_) => Kind::Uac,
            Self::Game(_) => Kind::Game,
        }
    }
}

macro_rules! into_vector {
    ($($ty:ident => $variant:ident),*) => {$(
        impl From<$ty> for Vector {
            fn from(vector: $ty) -> Self {
                Self::$variant(vector)
            }
        }
    )*};
}

into_vector!(
    EncodingVector => Encoding,
    AtomicVector => Atomic,
    ChallengeVector => Challenge,
    WitnessVector => Witness,
    UacVector => Uac,
    GameVector => Game
);

// ------------------------------------------------------------------ world

/// The off-chain world a vector runs in (plain data the runner translates).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct World {
    /// Named signers: `name → seed`, the key of `ovm_core::signing::Signer::from_seed(seed)`.
    /// A signer's name is also an account (its address).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub signers: BTreeMap<Name, u64>,
    /// Named accounts without keys: `name → 0x + 40 hex`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub accounts: BTreeMap<Name, HexAddress>,
    /// The witness store: `bucket → entries`, each bucket in insertion order (spec §7 hints).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub store: BTreeMap<String, Vec<StoreEntry>>,
    /// `CommitmentContract` roots submitted by the operator before the vector runs, in order
    /// (Plasma block numbers, strictly increasing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roots: Vec<RootEntry>,
}

/// One witness-store entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StoreEntry {
    /// The key (`abi(Range)` for buckets read by `RANGE` hints).
    pub key: Input,
    /// The value.
    pub value: Input,
}

/// One submitted `CommitmentContract` root.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RootEntry {
    /// The Plasma block number (`submitRoot`'s `blockNumber`).
    pub block: u64,
    /// The root (32 bytes, non-zero).
    pub root: Input,
}

// ------------------------------------------------------------------ encoding

/// `kind: "encoding"`: checks of `enc`/`id`, the property test, placeholders, `subst` and depth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EncodingVector {
    /// The checks, each run on both halves.
    pub checks: Vec<Check>,
}

/// One encoding check: an object with one key, the check's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// `id(P)` (and `enc(P)`, whose hash it is).
    Id {
        /// The property.
        property: Expr,
        /// The expected id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<Hash32>,
    },
    /// "`bytes` is a property" (the canonical-encoding test, §1).
    IsProperty {
        /// The bytes (any input; a property expression is its `enc`).
        bytes: Input,
        /// The expected answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<bool>,
    },
    /// "`bytes` is a placeholder" (§2).
    Placeholder {
        /// The bytes.
        bytes: Input,
        /// The expected answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<bool>,
    },
    /// `subst(x, name, value)` (§2).
    Subst {
        /// The input substituted into.
        x: Input,
        /// The variable's raw name (without `V`), e.g. `text:n`.
        name: Input,
        /// The bound value.
        value: Input,
        /// The expected result.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<Input>,
    },
    /// `min(depth(bytes), 35)` (§1).
    Depth {
        /// The bytes (any input; a property expression is its `enc`).
        bytes: Input,
        /// The expected depth.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<u32>,
    },
    /// Whether `value` may be bound to `name` in `body` (§2): as a `ForAll` challenge value
    /// (`exists: false`, one `Not` around the instance) or a `ThereExists` witness value
    /// (`exists: true`, two). Compared with `ForAll.isAdmissible`.
    Admissible {
        /// `true` for a `ThereExists` witness value, `false` for a `ForAll` challenge value.
        exists: bool,
        /// The quantifier's body.
        body: Input,
        /// The variable's raw name.
        name: Input,
        /// The bound value.
        value: Input,
        /// The expected answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expect: Option<bool>,
    },
}

impl Check {
    /// Whether the check has an expectation.
    pub fn has_expect(&self) -> bool {
        match self {
            Self::Id { expect, .. } => expect.is_some(),
            Self::IsProperty { expect, .. }
            | Self::Placeholder { expect, .. }
            | Self::Admissible { expect, .. } => expect.is_some(),
            Self::Subst { expect, .. } => expect.is_some(),
            Self::Depth { expect, .. } => expect.is_some(),
        }
    }
}

// ------------------------------------------------------------------ atomic

/// `kind: "atomic"`: one atomic predicate on inputs (`decide`, and `decideTrue`/`decideFalse`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AtomicVector {
    /// The world (`IsStored` reads its roots; `sig:`/`addr:` read its signers and accounts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world: Option<World>,
    /// The atomic predicate.
    pub predicate: AtomicName,
    /// Its inputs (any number; a wrong count is False).
    pub inputs: Vec<Input>,
    /// The expected truth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Truth>,
}

/// Three-valued truth (spec §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    /// True: `decide` is true and `decideTrue` succeeds.
    True,
    /// False: `decide` is false and `decideFalse` succeeds.
    False,
    /// Undefined (only `IsStored` on a key not yet written): `decide` is false and neither
    /// `decideTrue` nor `decideFalse` succeeds.
    Undefined,
}

// ------------------------------------------------------------------ challenge

/// `kind: "challenge"`: the claim is claimed, then challenged once inside its period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChallengeVector {
    /// The world.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world: Option<World>,
    /// The dispute period (default 7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<u64>,
    /// The claim `P`.
    pub claim: Expr,
    /// `challengeInputs`.
    pub challenge_inputs: Vec<Input>,
    /// The challenge `Q`.
    pub challenge: Expr,
    /// The expected outcome of `challenge(P, challenge_inputs, Q)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<ChallengeExpect>,
    /// Further challenges of the same claim, each tried from the state right after the claim
    /// exactly as the first one (e.g. every valid challenge of a True claim, or near misses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<ChallengeTry>,
}

/// One more challenge of a [`ChallengeVector`]'s claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChallengeTry {
    /// `challengeInputs`.
    pub challenge_inputs: Vec<Input>,
    /// The challenge `Q`.
    pub challenge: Expr,
    /// The expected outcome of `challenge(P, challenge_inputs, Q)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<ChallengeExpect>,
}

/// The period a vector without one uses (spec §6's default).
pub const DEFAULT_PERIOD: u64 = 7;

/// The expected outcome of a challenge: `{"accepted": true}` or `{"error": {…}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ChallengeExpect {
    /// `isValidChallenge` is true and `challenge` succeeds.
    Accepted(AcceptedTrue),
    /// `challenge` reverts with this error (and, for `InvalidChallenge`, `isValidChallenge`
    /// is false).
    Error(ErrorExpect),
}

/// The literal `true` (the value of `{"accepted": true}`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AcceptedTrue;

impl Serialize for AcceptedTrue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(true)
    }
}

impl<'de> Deserialize<'de> for AcceptedTrue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if bool::deserialize(deserializer)? {
            Ok(Self)
        } else {
            Err(de::Error::custom(
                "`accepted` is always true; write a rejection as {\"error\": {\"name\": …, \"args\": […]}}",
            ))
        }
    }
}

impl JsonSchema for AcceptedTrue {
    fn schema_name() -> Cow<'static, str> {
        "AcceptedTrue".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": true })
    }
}

/// An expected custom error: its name and, optionally, its arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorExpect {
    /// The custom error's name (spec §6).
    pub name: ErrorName,
    /// Its arguments, each the ABI word of one argument (`{"id": P}` or `0x…` for a `bytes32`
    /// game id, `addr:…` for an address, `uint:N` for a number). Absent: only the name is
    /// compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<Input>>,
}

impl ErrorExpect {
    /// The error `name` with arguments.
    pub fn new(name: ErrorName, args: impl IntoIterator<Item = Input>) -> Self {
        Self {
            name,
            args: Some(args.into_iter().collect()),
        }
    }
}

// ------------------------------------------------------------------ witness

/// `kind: "witness"`: the claim is claimed, then decided with a witness.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WitnessVector {
    /// The world.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world: Option<World>,
    /// The claim.
    pub claim: Expr,
    /// The witness `bytes[]`.
    pub witness: Vec<Input>,
    /// Whether `decideWithWitness` is true (and `decideClaimWithWitness` succeeds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<WitnessExpect>,
    /// Further witnesses for the same claim, each tried from the state right after the claim
    /// exactly as the first one (e.g. near misses of the decider's witness).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<WitnessTry>,
}

/// One more witness of a [`WitnessVector`]'s claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WitnessTry {
    /// The witness `bytes[]`.
    pub witness: Vec<Input>,
    /// Whether `decideWithWitness` is true (and `decideClaimWithWitness` succeeds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<WitnessExpect>,
}

/// The expected verdict on a witness.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WitnessExpect {
    /// `decideWithWitness` is true; `decideClaimWithWitness` decides the claim True.
    Accepted,
    /// `decideWithWitness` is false; `decideClaimWithWitness` reverts `WitnessRejected`.
    Rejected,
}

// ------------------------------------------------------------------ uac

/// `kind: "uac"`: a call sequence against a fresh deployment, compared call by call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UacVector {
    /// The world (named signers and accounts for `from`; roots submitted before the steps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world: Option<World>,
    /// The dispute period of the deployment.
    pub period: u64,
    /// The steps; the first runs at block offset 0.
    pub steps: Vec<Step>,
    /// The expected results, final game states and events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<UacExpect>,
}

impl UacVector {
    /// The call steps (advances left out), in order: `expect.results[i]` is the result of the
    /// `i`-th of these.
    pub fn calls(&self) -> impl Iterator<Item = &Call> {
        self.steps.iter().filter_map(|step| match step {
            Step::Call(call) => Some(call),
            Step::Advance(_) => None,
        })
    }
}

/// What a `uac` vector expects; each part that is absent is not compared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UacExpect {
    /// One result per call step (advances have none), in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Vec<CallResult>>,
    /// Final states of these games (other games are not compared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub games: Option<Vec<GameExpect>>,
    /// Every event emitted by the steps (UAC and CommitmentContract), in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<EventExpect>>,
}

/// The result of one call: `"ok"` or `{"error": {…}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum CallResult {
    /// The call succeeded.
    Ok,
    /// The call reverted with this custom error.
    Error(ErrorExpect),
}

/// The expected final state of one game.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GameExpect {
    /// The game's property.
    pub property: Expr,
    /// Its decision.
    pub decision: DecisionName,
    /// Its pending challenges in on-chain order: each a property expression (its id) or a
    /// 32-byte id.
    pub challenges: Vec<Input>,
    /// The block offset in which it was created.
    pub created_block: u64,
}

/// A game decision by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionName {
    /// Decided True.
    True,
    /// Decided False.
    False,
    /// Not decided.
    Undecided,
}

impl From<DecisionName> for Decision {
    fn from(name: DecisionName) -> Self {
        match name {
            DecisionName::True => Self::True,
            DecisionName::False => Self::False,
            DecisionName::Undecided => Self::Undecided,
        }
    }
}

impl From<Decision> for DecisionName {
    fn from(decision: Decision) -> Self {
        match decision {
            Decision::True => Self::True,
            Decision::False => Self::False,
            Decision::Undecided => Self::Undecided,
        }
    }
}

/// One expected event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventExpect {
    /// The event's name.
    pub name: EventName,
    /// Its arguments, each as `abi.encode(arg)`: the word of a static argument (`{"id": P}`,
    /// `bool:true`, `block:N` for a block offset), `enc(P)` (a property expression) for a
    /// `Property`. Absent: only the name is compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<Input>>,
}

/// One step of a `uac` vector: `{"advance": n}` (move `n` blocks on) or a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Moves `n` blocks forward; later calls run in the new block.
    Advance(u64),
    /// One transaction.
    Call(Call),
}

/// One transaction: an object with one key, the method, whose value holds the arguments and
/// an optional `from` (default: `deployer`).
///
/// `from` names the sender: a world signer or account, a contract or predicate name (the
/// runner impersonates it), `deployer` (also the `CommitmentContract` operator), or a literal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub enum Call {
    /// `UAC.claimProperty(property)`.
    #[serde(rename = "claimProperty")]
    ClaimProperty {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// `P`.
        property: Expr,
    },
    /// `UAC.challenge(property, challenge_inputs, challenge)`.
    #[serde(rename = "challenge")]
    Challenge {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// `P`.
        property: Expr,
        /// `challengeInputs`.
        challenge_inputs: Vec<Input>,
        /// `Q`.
        challenge: Expr,
    },
    /// `UAC.removeChallenge(property, challenge)`.
    #[serde(rename = "removeChallenge")]
    RemoveChallenge {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// `P`.
        property: Expr,
        /// `Q`.
        challenge: Expr,
    },
    /// `UAC.decideClaimToTrue(id)`.
    #[serde(rename = "decideClaimToTrue")]
    DecideClaimToTrue {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// The game id: `{"id": P}` or 32 bytes.
        id: Input,
    },
    /// `UAC.decideClaimToFalse(property, challenge)`.
    #[serde(rename = "decideClaimToFalse")]
    DecideClaimToFalse {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// `P`.
        property: Expr,
        /// `Q`.
        challenge: Expr,
    },
    /// `UAC.decideClaimWithWitness(property, witness)`.
    #[serde(rename = "decideClaimWithWitness")]
    DecideClaimWithWitness {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// `P`.
        property: Expr,
        /// The witness.
        witness: Vec<Input>,
    },
    /// `UAC.setPredicateDecision(property, decision)`, called directly.
    #[serde(rename = "setPredicateDecision")]
    SetPredicateDecision {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// `P`.
        property: Expr,
        /// `d`.
        decision: bool,
    },
    /// `<atomic>.decideTrue(inputs)`.
    #[serde(rename = "decideTrue")]
    DecideTrue {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// The atomic called.
        predicate: AtomicName,
        /// Its inputs.
        inputs: Vec<Input>,
    },
    /// `<atomic>.decideFalse(inputs)`.
    #[serde(rename = "decideFalse")]
    DecideFalse {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// The atomic called.
        predicate: AtomicName,
        /// Its inputs.
        inputs: Vec<Input>,
    },
    /// `Not.decideTrue(inner)`.
    #[serde(rename = "Not.decideTrue")]
    NotDecideTrue {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// The inner property `q` of `Not(q)`.
        inner: Expr,
    },
    /// `And.decideTrue(children)`.
    #[serde(rename = "And.decideTrue")]
    AndDecideTrue {
        /// The sender.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// The children `p0..pn` of `And(p0..pn)`.
        children: Vec<Expr>,
    },
    /// `CommitmentContract.submitRoot(block_number, root)`.
    #[serde(rename = "submitRoot")]
    SubmitRoot {
        /// The sender (default `deployer`, the operator).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<AddrRef>,
        /// The Plasma block number.
        block_number: u64,
        /// The root (32 bytes).
        root: Input,
    },
}

impl Call {
    /// The method key (`claimProperty`, `Not.decideTrue`, …).
    pub fn method(&self) -> &'static str {
        match self {
            Self::ClaimProperty { .. } => "claimProperty",
            Self::Challenge { .. } => "challenge",
            Self::RemoveChallenge { .. } => "removeChallenge",
            Self::DecideClaimToTrue { .. } => "decideClaimToTrue",
            Self::DecideClaimToFalse { .. } => "decideClaimToFalse",
            Self::DecideClaimWithWitness { .. } => "decideClaimWithWitness",
            Self::SetPredicateDecision { .. } => "setPredicateDecision",
            Self::DecideTrue { .. } => "decideTrue",
            Self::DecideFalse { .. } => "decideFalse",
            Self::NotDecideTrue { .. } => "Not.decideTrue",
            Self::AndDecideTrue { .. } => "And.decideTrue",
            Self::SubmitRoot { .. } => "submitRoot",
        }
    }

    /// The sender, if given (the runner defaults to `deployer`).
    pub fn from(&self) -> Option<&AddrRef> {
        match self {
            Self::ClaimProperty { from, .. }
            | Self::Challenge { from, .. }
            | Self::RemoveChallenge { from, .. }
            | Self::DecideClaimToTrue { from, .. }
            | Self::DecideClaimToFalse { from, .. }
            | Self::DecideClaimWithWitness { from, .. }
            | Self::SetPredicateDecision { from, .. }
            | Self::DecideTrue { from, .. }
            | Self::DecideFalse { from, .. }
            | Self::NotDecideTrue { from, .. }
            | Self::AndDecideTrue { from, .. }
            | Self::SubmitRoot { from, .. } => from.as_ref(),
        }
    }
}

/// The sender of a call without `from`.
pub const DEFAULT_SENDER: &str = "deployer";

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Advance(blocks) => {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("advance", blocks)?;
                map.end()
            }
            Self::Call(call) => call.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Step {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(StepVisitor)
    }
}

struct StepVisitor;

impl<'de> de::Visitor<'de> for StepVisitor {
    type Value = Step;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a step: {\"advance\": n} or {\"<method>\": {…arguments}}")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Step, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::custom(
                "an empty object is not a step: write {\"advance\": n} or {\"<method>\": {…}}",
            ));
        };
        let step = if key == "advance" {
            Step::Advance(map.next_value()?)
        } else {
            Step::Call(Call::deserialize(OneEntryEnum {
                key: &key,
                map: &mut map,
            })?)
        };
        if let Some(extra) = map.next_key::<String>()? {
            return Err(de::Error::custom(format!(
                "a step has exactly one key, found {extra:?} after {key:?}"
            )));
        }
        Ok(step)
    }
}

/// Deserializes an externally tagged enum from a map entry whose key was already read.
struct OneEntryEnum<'k, 'm, A> {
    key: &'k str,
    map: &'m mut A,
}

impl<'de, A: de::MapAccess<'de>> de::Deserializer<'de> for OneEntryEnum<'_, '_, A> {
    type Error = A::Error;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, A: de::MapAccess<'de>> de::EnumAccess<'de> for OneEntryEnum<'_, '_, A> {
    type Error = A::Error;
    type Variant = Self;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self), A::Error> {
        let value = seed.deserialize(de::value::StrDeserializer::<A::Error>::new(self.key))?;
        Ok((value, self))
    }
}

impl<'de, A: de::MapAccess<'de>> de::VariantAccess<'de> for OneEntryEnum<'_, '_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.map.next_value::<de::IgnoredAny>().map(|_| ())
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn tuple_variant<V: de::Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(SeqSeed(visitor))
    }

    fn struct_variant<V: de::Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(MapSeed(visitor))
    }
}

struct SeqSeed<V>(V);

impl<'de, V: de::Visitor<'de>> de::DeserializeSeed<'de> for SeqSeed<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        deserializer.deserialize_seq(self.0)
    }
}

struct MapSeed<V>(V);

impl<'de, V: de::Visitor<'de>> de::DeserializeSeed<'de> for MapSeed<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        deserializer.deserialize_map(self.0)
    }
}

impl JsonSchema for Step {
    fn schema_name() -> Cow<'static, str> {
        "Step".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let call = generator.subschema_for::<Call>();
        json_schema!({
            "description": "One step: `{\"advance\": n}` moves n blocks on (later calls run in the new block); any other step is one call.",
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "advance": { "type": "integer", "minimum": 0, "description": "Blocks to move forward." },
                    },
                    "required": ["advance"],
                    "additionalProperties": false,
                },
                call,
            ],
        })
    }
}

// ------------------------------------------------------------------ game

/// `kind: "game"`: the honest agent defends or refutes `claim` against a scripted adversary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GameVector {
    /// The world (its store is the decider's witness store; its roots are submitted first).
    pub world: World,
    /// The dispute period (≥ 2 for §9 G).
    pub period: u64,
    /// The claim, made at block offset 0 after the adversary's block-0 actions.
    pub claim: Expr,
    /// The adversary's actions, by block offset (non-decreasing), in order within a block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adversary: Vec<AdversaryAction>,
    /// The expected verdicts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<GameExpectation>,
}

/// One scripted adversary transaction (its failure is not an error of the vector).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdversaryAction {
    /// The block offset it runs in (before the honest agent's transactions of that block).
    pub at_block: u64,
    /// The call.
    pub action: Call,
}

/// What a game vector expects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GameExpectation {
    /// The decider's outcome for the claim in the initial world.
    pub decider: Outcome,
    /// The claim's final on-chain decision.
    pub decision: DecisionName,
    /// Blocks from the claim's creation to its decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocks: Option<u64>,
    /// Total gas of the honest agent's transactions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gas: Option<u64>,
}

/// A decider outcome (spec §7) as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Outcome {
    /// True, with the witness if witness-decidable (`null` when settled only by the period).
    True {
        /// The witness, or `null`.
        witness: Option<Vec<Input>>,
    },
    /// False, with the §4 challenge (`null` for an atomic, raw bytes or an unregistered
    /// predicate).
    False {
        /// The challenge, or `null`.
        challenge: Option<ChallengeExpr>,
    },
    /// Unknown, with the pin (a valid challenge whose truth is also undefined) or `null`.
    Unknown {
        /// The pin, or `null`.
        pin: Option<ChallengeExpr>,
    },
}

/// A challenge as data: `challengeInputs` and the challenge property.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChallengeExpr {
    /// `challengeInputs`.
    pub inputs: Vec<Input>,
    /// The challenge property.
    pub property: Expr,
}

// ------------------------------------------------------------------ validation

/// A rule a parsed vector breaks that its types cannot express.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct Invalid {
    /// Where (`expect.results`, `world.signers.UAC`, …).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> Invalid {
    Invalid {
        path: path.into(),
        message: message.into(),
    }
}

fn check_args(
    path: &str,
    args: Option<&Vec<Input>>,
    arity: usize,
    what: &str,
) -> Result<(), Invalid> {
    match args {
        Some(args) if args.len() != arity => Err(invalid(
            format!("{path}.args"),
            format!("{what} takes {arity} argument(s), found {}", args.len()),
        )),
        _ => Ok(()),
    }
}

fn check_error(path: &str, error: &ErrorExpect) -> Result<(), Invalid> {
    check_args(
        path,
        error.args.as_ref(),
        error.name.arity(),
        error.name.as_str(),
    )
}

fn check_period(path: &str, period: u64) -> Result<(), Invalid> {
    if period == 0 {
        return Err(invalid(path, "the dispute period is at least 1 block"));
    }
    Ok(())
}

impl World {
    /// Checks names (signers and accounts disjoint, none a predicate or contract name) and that
    /// root blocks strictly increase.
    pub fn validate(&self, path: &str) -> Result<(), Invalid> {
        let reserved = |name: &Name| {
            PredicateKind::from_name(name.as_str()).is_some()
                || CONTRACT_NAMES.contains(&name.as_str())
        };
        for (field, names) in [
            ("signers", self.signers.keys().collect::<Vec<_>>()),
            ("accounts", self.accounts.keys().collect()),
        ] {
            for name in names {
                if reserved(name) {
                    return Err(invalid(
                        format!("{path}.{field}.{name}"),
                        format!("{name:?} is a predicate or contract name"),
                    ));
                }
            }
        }
        if let Some(name) = self.accounts.keys().find(|n| self.signers.contains_key(*n)) {
            return Err(invalid(
                format!("{path}.accounts.{name}"),
                format!("{name:?} is also a signer"),
            ));
        }
        for (i, pair) in self.roots.windows(2).enumerate() {
            if pair[1].block <= pair[0].block {
                return Err(invalid(
                    format!("{path}.roots[{}].block", i + 1),
                    format!(
                        "root blocks strictly increase ({} after {})",
                        pair[1].block, pair[0].block
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl VectorFile {
    /// Checks what the types cannot: format 1, world names and roots, error and event arities,
    /// one result per call step, periods ≥ 1, adversary blocks in order.
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.format != FORMAT {
            return Err(invalid(
                "format",
                format!("unsupported format {}", self.format),
            ));
        }
        if let Some(world) = self.world() {
            world.validate("world")?;
        }
        match &self.vector {
            Vector::Encoding(_) | Vector::Atomic(_) | Vector::Witness(_) => Ok(()),
            Vector::Challenge(v) => {
                if let Some(period) = v.period {
                    check_period("period", period)?;
                }
                let expects = std::iter::once(("expect.error".to_owned(), &v.expect)).chain(
                    v.also
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (format!("also[{i}].expect.error"), &t.expect)),
                );
                for (path, expect) in expects {
                    if let Some(ChallengeExpect::Error(error)) = expect {
                        check_error(&path, error)?;
                    }
                }
                Ok(())
            }
            Vector::Uac(v) => {
                check_period("period", v.period)?;
                let Some(expect) = &v.expect else {
                    return Ok(());
                };
                if let Some(results) = &expect.results {
                    let calls = v.calls().count();
                    if results.len() != calls {
                        return Err(invalid(
                            "expect.results",
                            format!(
                                "expected {calls} result(s), one per call step (advances have none), found {}",
                                results.len()
                            ),
                        ));
                    }
                    for (i, result) in results.iter().enumerate() {
                        if let CallResult::Error(error) = result {
                            check_error(&format!("expect.results[{i}].error"), error)?;
                        }
                    }
                }
                for (i, event) in expect.events.iter().flatten().enumerate() {
                    check_args(
                        &format!("expect.events[{i}]"),
                        event.args.as_ref(),
                        event.name.arity(),
                        event.name.as_str(),
                    )?;
                }
                Ok(())
            }
            Vector::Game(v) => {
                check_period("period", v.period)?;
                for (i, pair) in v.adversary.windows(2).enumerate() {
                    if pair[1].at_block < pair[0].at_block {
                        return Err(invalid(
                            format!("adversary[{}].at_block", i + 1),
                            "adversary actions are listed by block (non-decreasing at_block)",
                        ));
                    }
                }
                Ok(())
            }
        }
    }
}
