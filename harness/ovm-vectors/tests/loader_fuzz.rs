//! No input can kill, hang or corrupt the harness: property-based robustness tests of the vector
//! loader ([`from_json`]), the string-input grammar ([`Input::parse`], [`Atom::parse`]), the
//! JSON input and expression readers ([`Input`], [`Expr`]) and the [`Resolver`].
//!
//! Every case feeds one generated text and checks that the code under test returns (no panic, no
//! stack overflow, no case slower than [`CASE_LIMIT`]) with either a value or a typed error:
//!
//! - a loader error is never [`VectorError::Io`], its [`VectorError::file`] is the file name
//!   passed in and its `Display` starts with `<file>:`; a `Parse` error's line is a line of the
//!   text and its column at most one past that line's end, an `UnsupportedFormat` quotes valid
//!   JSON, an `Invalid` has a path and a message;
//! - a vector that loads is not corrupted: its canonical text ([`to_pretty_json`]) loads back to
//!   the same vector and is a fixed point, a resolver can be built for its world, and every
//!   input, expression and call in it resolves or fails with a [`ResolveError`] whose path
//!   starts with the path it was asked for;
//! - a string input parses the same way through every entry point (`Input::parse`,
//!   `Atom::parse`, `FromStr`, serde), writes back to the exact text it was read from, and
//!   resolves or fails with a path.
//!
//! The shapes: (a) random JSON trees whose object keys are mostly the format's own field names,
//! and vector-shaped objects (`format`, `_info`, `kind` and the kind's fields with plausible
//! values); (b) the files under `vectors/` (up to [`MAX_CORPUS_FILE`] bytes each) with random
//! edits: keys deleted or renamed, values replaced, grafted from elsewhere in the file or wrapped,
//! numbers made huge, negative or fractional, JSON nested 100–300 deep, `keccak:` and `sig:`
//! chains hundreds deep, duplicate keys, and the text truncated, cut or spliced at a random
//! byte; (c) strings of the string-input grammar, from well-formed to token soup; and JSON
//! inputs and property expressions (functions, `Property`, predicates, nested).
//!
//! CI runs a fixed number of cases per property (see `*_CASES` below: 10 240 in all, about 10 s
//! of CPU in a debug build, so well under 20 s on two cores) from a fixed seed, so runs are
//! deterministic. proptest's own environment variables override both, for longer or different
//! campaigns:
//!
//! ```text
//! PROPTEST_CASES=200000 cargo test -p ovm-vectors --test loader_fuzz
//! PROPTEST_CASES=200000 PROPTEST_RNG_SEED=7 cargo test --release -p ovm-vectors --test loader_fuzz
//! ```
//!
//! `PROPTEST_CASES` applies to every property of the file (name one to run it alone). Failures
//! are not persisted to disk (the seed reproduces them); proptest prints the shrunk input, whose
//! last element is the exact text that failed. A stack overflow kills the process before
//! proptest can report: rerun the property with `PROPTEST_VERBOSE=2 … -- --test-threads=1
//! --nocapture`, which prints every input before it runs.

use ovm_core::{Address, Registry};
use ovm_vectors::{
    Atom, Call, ChallengeExpect, Check, Expr, Input, Outcome, ResolveError, Resolver, Step,
    StringInput, Vector, VectorError, VectorFile, World, from_json,
    names::{CONTRACT_NAMES, ERRORS, EVENTS},
    peek_kind, to_pretty_json,
};
use proptest::{
    prelude::*,
    sample::select,
    strategy::Union,
    test_runner::{Config, RngSeed},
};
use serde_json::{Map, Value, json};
use std::{
    collections::BTreeSet,
    path::Path,
    sync::LazyLock,
    time::{Duration, Instant},
};

// ------------------------------------------------------------------ configuration

/// The file name every generated text is loaded under; every loader error must name it.
const FILE: &str = "fuzz/generated-case.json";

/// The seed of CI runs (`PROPTEST_RNG_SEED` overrides it).
const SEED: u64 = 0x0e5e_c0de_f022;

/// The longest one case may take before it counts as a hang or a blow-up. Cases take
/// milliseconds in a debug build; the margin absorbs a loaded CI machine.
const CASE_LIMIT: Duration = Duration::from_secs(2);

/// Vector files longer than this (about a tenth of them, mostly long `uac` vectors) are left out
/// of the mutation corpus, so that one case stays in the low milliseconds in a debug build.
const MAX_CORPUS_FILE: usize = 6 * 1024;

/// Default cases of [`random_json_trees_load_or_fail_cleanly`].
const TREE_CASES: u32 = 1024;
/// Default cases of [`vector_shaped_objects_load_or_fail_cleanly`].
const SHAPED_CASES: u32 = 1024;
/// Default cases of [`mutated_vector_files_load_or_fail_cleanly`].
const MUTANT_CASES: u32 = 2048;
/// Default cases of [`arbitrary_text_loads_or_fails_cleanly`].
const TEXT_CASES: u32 = 1024;
/// Default cases of [`string_inputs_parse_and_resolve_or_fail_cleanly`].
const STRING_CASES: u32 = 4096;
/// Default cases of [`json_inputs_and_expressions_parse_and_resolve_or_fail_cleanly`].
const INPUT_CASES: u32 = 1024;

/// The configuration of a property with `cases` cases by default: a fixed seed and no failure
/// files. The `proptest!` macro applies the `PROPTEST_*` environment variables on top, so
/// `PROPTEST_CASES` and `PROPTEST_RNG_SEED` still win.
fn config(cases: u32) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(SEED),
        failure_persistence: None,
        max_shrink_time: 60_000,
        ..Config::default()
    }
}

// ------------------------------------------------------------------ corpus

/// One file under `vectors/`: its path (relative), text and parsed JSON.
struct CorpusFile {
    name: String,
    text: String,
    value: Value,
}

/// The real vectors, and the keys and strings they use.
struct Corpus {
    files: Vec<CorpusFile>,
    keys: Vec<String>,
    strings: Vec<String>,
}

/// Field names of the format that the example vectors may not all use.
const FORMAT_KEYS: &[&str] = &[
    "format",
    "_info",
    "kind",
    "description",
    "rules",
    "filled_against",
    "skip",
    "found_against",
    "world",
    "signers",
    "accounts",
    "store",
    "roots",
    "key",
    "value",
    "block",
    "root",
    "checks",
    "id",
    "is_property",
    "placeholder",
    "subst",
    "depth",
    "admissible",
    "property",
    "expect",
    "bytes",
    "x",
    "name",
    "exists",
    "body",
    "predicate",
    "inputs",
    "period",
    "claim",
    "challenge_inputs",
    "challenge",
    "also",
    "accepted",
    "error",
    "args",
    "witness",
    "steps",
    "advance",
    "results",
    "ok",
    "games",
    "events",
    "decision",
    "challenges",
    "created_block",
    "adversary",
    "at_block",
    "action",
    "decider",
    "blocks",
    "gas",
    "true",
    "false",
    "unknown",
    "pin",
    "from",
    "inner",
    "children",
    "block_number",
    "keccak",
    "sig",
    "signer",
    "message",
    "concat",
    "bytes_array",
    "Property",
];

/// The `kind`s and the fields each reads. A field written `name:variant` is the field `name`
/// with the values of that variant (`expect:uac` is a `uac` vector's `expect`).
const KIND_FIELDS: &[(&str, &[&str])] = &[
    ("encoding", &["checks"]),
    ("atomic", &["world", "predicate", "inputs", "expect:atomic"]),
    (
        "challenge",
        &[
            "world",
            "period",
            "claim",
            "challenge_inputs",
            "challenge",
            "expect:challenge",
            "also:challenge",
        ],
    ),
    (
        "witness",
        &[
            "world",
            "claim",
            "witness",
            "expect:witness",
            "also:witness",
        ],
    ),
    ("uac", &["world", "period", "steps", "expect:uac"]),
    (
        "game",
        &["world", "period", "claim", "adversary", "expect:game"],
    ),
];

/// The fields of one entry of `also` in a `challenge` vector.
const CHALLENGE_TRY: &[&str] = &["challenge_inputs", "challenge", "expect:challenge"];
/// The fields of one entry of `also` in a `witness` vector.
const WITNESS_TRY: &[&str] = &["witness", "expect:witness"];
/// The fields of a `uac` vector's `expect`.
const UAC_EXPECT: &[&str] = &["results", "games", "events"];
/// The fields of one entry of a `uac` vector's `expect.games`.
const GAME_EXPECT: &[&str] = &["property", "decision", "challenges", "created_block"];
/// The fields of a `game` vector's `expect`.
const GAME_EXPECTATION: &[&str] = &["decider", "decision", "blocks", "gas"];

/// The methods of a call and the arguments each takes (besides the optional `from`).
const METHODS: &[(&str, &[&str])] = &[
    ("claimProperty", &["property"]),
    ("challenge", &["property", "challenge_inputs", "challenge"]),
    ("removeChallenge", &["property", "challenge"]),
    ("decideClaimToTrue", &["id"]),
    ("decideClaimToFalse", &["property", "challenge"]),
    ("decideClaimWithWitness", &["property", "witness"]),
    ("setPredicateDecision", &["property", "decision"]),
    ("decideTrue", &["predicate", "inputs"]),
    ("decideFalse", &["predicate", "inputs"]),
    ("Not.decideTrue", &["inner"]),
    ("And.decideTrue", &["children"]),
    ("submitRoot", &["block_number", "root"]),
];

/// The encoding checks and their fields.
const CHECKS: &[(&str, &[&str])] = &[
    ("id", &["property", "expect:hash"]),
    ("is_property", &["bytes", "expect:bool"]),
    ("placeholder", &["bytes", "expect:bool"]),
    ("subst", &["x", "name", "value", "expect:input"]),
    ("depth", &["bytes", "expect:depth"]),
    (
        "admissible",
        &["exists", "body", "name", "value", "expect:bool"],
    ),
];

/// Names the generated worlds and inputs use: the fixture world's, reserved ones, and invalid
/// ones.
const NAMES: &[&str] = &[
    "alice",
    "bob",
    "carol",
    "mallory",
    "nobody",
    "UAC",
    "deployer",
    "CommitmentContract",
    "Equal",
    "Not",
    "_",
    "a-b",
    "9lives",
    "",
    "has space",
    "colon:name",
];

/// Pieces of the string-input grammar, glued at random into token soup.
const TOKENS: &[&str] = &[
    "keccak:", "sig:", "uint:", "addr:", "range:", "bool:", "block:", "text:", "V:", "0x", ":",
    "-", "alice", "bob", "UAC", "Equal", "true", "false", "ff", "0", "1", "00", "g", "é", " ",
    "\u{0}", "\n",
];

/// The vectors' directory, read once.
static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let root = Path::new(ovm_vectors::SCHEMA_PATH)
        .parent()
        .expect("the schema lives in vectors/");
    let mut paths = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("vectors/ is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json")
                && path.file_name().is_some_and(|n| n != "schema.json")
            {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut keys: BTreeSet<String> = FORMAT_KEYS.iter().map(|k| (*k).to_owned()).collect();
    keys.extend(ovm_core::PredicateKind::all().map(|k| k.name().to_owned()));
    keys.extend(METHODS.iter().map(|(m, _)| (*m).to_owned()));
    let mut strings = BTreeSet::new();
    let mut files = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("vector files are UTF-8");
        let value: Value = serde_json::from_str(&text).expect("vector files are JSON");
        harvest(&value, &mut keys, &mut strings);
        if text.len() <= MAX_CORPUS_FILE {
            files.push(CorpusFile {
                name: path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .display()
                    .to_string(),
                text,
                value,
            });
        }
    }
    assert!(files.len() >= 100, "only {} vector files", files.len());
    strings.extend(ERRORS.iter().chain(EVENTS).map(|(n, _)| (*n).to_owned()));
    Corpus {
        files,
        keys: keys.into_iter().collect(),
        strings: strings.into_iter().collect(),
    }
});

/// Collects the object keys and the (short) strings of `value`.
fn harvest(value: &Value, keys: &mut BTreeSet<String>, strings: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                keys.insert(key.clone());
                harvest(item, keys, strings);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| harvest(item, keys, strings)),
        Value::String(text) if text.len() <= 200 => {
            strings.insert(text.clone());
        }
        _ => {}
    }
}

/// The deployment every resolver uses.
static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::with_test_addresses);

/// The contract table of the deployment (as the runner passes it).
fn contracts() -> [(&'static str, Address); 3] {
    [
        (CONTRACT_NAMES[0], Address::repeat_byte(0xaa)),
        (
            CONTRACT_NAMES[1],
            REGISTRY.storages().next().expect("a storage contract"),
        ),
        (CONTRACT_NAMES[2], Address::repeat_byte(0xde)),
    ]
}

/// The world of the input tests: two signers and an account.
static WORLD: LazyLock<World> = LazyLock::new(|| {
    serde_json::from_value(json!({
        "signers": { "alice": 1, "bob": 2 },
        "accounts": { "carol": format!("0x{}", "c0".repeat(20)) },
    }))
    .expect("the fixture world is valid")
});

// ------------------------------------------------------------------ the checks

/// Loads `text` and checks the outcome (see the module docs).
fn check_load(text: &str) -> Result<(), TestCaseError> {
    let started = Instant::now();
    let _ = peek_kind(text);
    match from_json(text, FILE) {
        Ok(vector) => check_loaded(&vector)?,
        Err(err) => check_error(&err, text)?,
    }
    check_time(started)
}

/// Fails a case that took longer than [`CASE_LIMIT`].
fn check_time(started: Instant) -> Result<(), TestCaseError> {
    let took = started.elapsed();
    prop_assert!(
        took < CASE_LIMIT,
        "one case took {took:?} (limit {CASE_LIMIT:?}): a hang or a blow-up"
    );
    Ok(())
}

/// A loader error names the file passed in and points into the text.
fn check_error(err: &VectorError, text: &str) -> Result<(), TestCaseError> {
    let shown = err.to_string();
    prop_assert_eq!(err.file(), FILE, "{}", shown);
    prop_assert!(
        shown.starts_with(&format!("{FILE}:")),
        "the error does not start with the file name: {shown}"
    );
    match err {
        VectorError::Io { .. } => prop_assert!(false, "from_json read a file: {shown}"),
        VectorError::Parse { line, column, .. } | VectorError::TooDeep { line, column, .. } => {
            if let VectorError::Parse { message, .. } = err {
                prop_assert!(!message.is_empty(), "no message: {shown}");
            }
            let lines: Vec<&str> = text.split('\n').collect();
            prop_assert!(
                (1..=lines.len()).contains(line),
                "line {line} is not a line of the {}-line text: {shown}",
                lines.len()
            );
            let width = lines[line - 1].len();
            prop_assert!(
                *column <= width + 1,
                "column {column} is past the end of line {line} ({width} bytes): {shown}"
            );
        }
        VectorError::UnsupportedFormat { found, .. } => {
            // As deep as the file allows (past serde_json's default limit of 128).
            let mut quoted = serde_json::Deserializer::from_str(found);
            quoted.disable_recursion_limit();
            prop_assert!(
                serde::Deserialize::deserialize(&mut quoted)
                    .map(|_: Value| ())
                    .is_ok(),
                "the format found is not quoted as JSON: {shown}"
            );
        }
        VectorError::Invalid { path, message, .. } => {
            prop_assert!(!path.is_empty(), "no path: {shown}");
            prop_assert!(!message.is_empty(), "no message: {shown}");
        }
    }
    Ok(())
}

/// A loaded vector writes back to text that loads to the same vector, and resolves.
fn check_loaded(vector: &VectorFile) -> Result<(), TestCaseError> {
    let canonical = to_pretty_json(vector);
    match from_json(&canonical, FILE) {
        Ok(again) => {
            prop_assert_eq!(&again, vector, "the canonical text reads back differently");
            prop_assert_eq!(
                to_pretty_json(&again),
                canonical,
                "the canonical text is not a fixed point"
            );
        }
        Err(err) => prop_assert!(
            false,
            "a loaded vector's canonical text does not load: {err}\n{canonical}"
        ),
    }
    let resolver = match Resolver::for_vector(&REGISTRY, contracts(), vector) {
        Ok(resolver) => resolver,
        Err(err) => {
            return Err(TestCaseError::fail(format!(
                "a loaded vector's world has no resolver: {err}"
            )));
        }
    };
    let mut walk = Walk {
        resolver: &resolver,
        problems: Vec::new(),
    };
    walk.vector(vector);
    prop_assert!(
        walk.problems.is_empty(),
        "resolution errors at the wrong path: {:?}",
        walk.problems
    );
    Ok(())
}

/// Resolves every input, expression and call of a vector, collecting errors reported at a path
/// other than the one asked for.
struct Walk<'a, 'r> {
    resolver: &'a Resolver<'r>,
    problems: Vec<String>,
}

impl Walk<'_, '_> {
    /// Records `result` if it is an error outside `path`.
    fn check<T>(&mut self, result: Result<T, ResolveError>, path: &str) {
        if let Err(err) = result
            && !err.path.starts_with(path)
        {
            self.problems.push(format!(
                "asked for {path:?}, error at {:?}: {err}",
                err.path
            ));
        }
    }

    fn input(&mut self, input: &Input, path: &str) {
        let result = self.resolver.input(input, path);
        self.check(result, path);
    }

    fn inputs(&mut self, inputs: &[Input], path: &str) {
        let result = self.resolver.inputs(inputs, path);
        self.check(result, path);
    }

    fn expr(&mut self, expr: &Expr, path: &str) {
        let result = self.resolver.property(expr, path);
        self.check(result, path);
    }

    fn call(&mut self, call: &Call, path: &str) {
        let result = self.resolver.action(call, path);
        self.check(result, path);
    }

    fn world(&mut self, world: &World) {
        for (address, entries) in &world.store {
            for (i, entry) in entries.iter().enumerate() {
                let path = format!("world.store.{address}[{i}]");
                self.input(&entry.key, &format!("{path}.key"));
                self.input(&entry.value, &format!("{path}.value"));
            }
        }
        for (i, root) in world.roots.iter().enumerate() {
            let path = format!("world.roots[{i}].root");
            let result = self.resolver.word(&root.root, &path);
            self.check(result, &path);
        }
    }

    fn error_args(&mut self, expect: Option<&ChallengeExpect>, path: &str) {
        if let Some(ChallengeExpect::Error(error)) = expect {
            self.inputs(error.args.as_deref().unwrap_or(&[]), path);
        }
    }

    fn vector(&mut self, vector: &VectorFile) {
        if let Some(world) = vector.world() {
            self.world(world);
        }
        match &vector.vector {
            Vector::Encoding(v) => {
                for (i, check) in v.checks.iter().enumerate() {
                    let p = format!("checks[{i}]");
                    match check {
                        Check::Id { property, .. } => self.expr(property, &p),
                        Check::IsProperty { bytes, .. }
                        | Check::Placeholder { bytes, .. }
                        | Check::Depth { bytes, .. } => self.input(bytes, &p),
                        Check::Admissible {
                            body, name, value, ..
                        } => {
                            self.input(body, &p);
                            self.input(name, &p);
                            self.input(value, &p);
                        }
                        Check::Subst {
                            x,
                            name,
                            value,
                            expect,
                        } => {
                            self.input(x, &p);
                            self.input(name, &p);
                            self.input(value, &p);
                            if let Some(expect) = expect {
                                self.input(expect, &p);
                            }
                        }
                    }
                }
            }
            Vector::Atomic(v) => self.inputs(&v.inputs, "inputs"),
            Vector::Challenge(v) => {
                self.expr(&v.claim, "claim");
                self.inputs(&v.challenge_inputs, "challenge_inputs");
                self.expr(&v.challenge, "challenge");
                self.error_args(v.expect.as_ref(), "expect.error.args");
                for (i, also) in v.also.iter().enumerate() {
                    self.inputs(
                        &also.challenge_inputs,
                        &format!("also[{i}].challenge_inputs"),
                    );
                    self.expr(&also.challenge, &format!("also[{i}].challenge"));
                    self.error_args(also.expect.as_ref(), &format!("also[{i}].expect"));
                }
            }
            Vector::Witness(v) => {
                self.expr(&v.claim, "claim");
                self.inputs(&v.witness, "witness");
                for (i, also) in v.also.iter().enumerate() {
                    self.inputs(&also.witness, &format!("also[{i}].witness"));
                }
            }
            Vector::Uac(v) => {
                for (i, step) in v.steps.iter().enumerate() {
                    if let Step::Call(call) = step {
                        self.call(call, &format!("steps[{i}]"));
                    }
                }
                let Some(expect) = &v.expect else { return };
                for (i, event) in expect.events.iter().flatten().enumerate() {
                    let args = event.args.as_deref().unwrap_or(&[]);
                    self.inputs(args, &format!("expect.events[{i}].args"));
                }
                for (i, game) in expect.games.iter().flatten().enumerate() {
                    let p = format!("expect.games[{i}]");
                    self.expr(&game.property, &format!("{p}.property"));
                    self.inputs(&game.challenges, &format!("{p}.challenges"));
                }
            }
            Vector::Game(v) => {
                self.expr(&v.claim, "claim");
                for (i, action) in v.adversary.iter().enumerate() {
                    self.call(&action.action, &format!("adversary[{i}].action"));
                }
                let Some(expect) = &v.expect else { return };
                let challenge = match &expect.decider {
                    Outcome::True { witness } => {
                        let witness = witness.as_deref().unwrap_or(&[]);
                        self.inputs(witness, "expect.decider.true.witness");
                        None
                    }
                    Outcome::False { challenge } => challenge.as_ref(),
                    Outcome::Unknown { pin } => pin.as_ref(),
                };
                if let Some(challenge) = challenge {
                    self.inputs(&challenge.inputs, "expect.decider.inputs");
                    self.expr(&challenge.property, "expect.decider.property");
                }
            }
        }
    }
}

/// A string input parses the same through every entry point, writes back as written, and
/// resolves or fails at its path.
fn check_string_input(text: &str, block_base: u64) -> Result<(), TestCaseError> {
    let started = Instant::now();
    let parsed = Input::parse(text);
    prop_assert_eq!(
        Atom::parse(text).is_ok(),
        parsed.is_ok(),
        "Atom::parse and Input::parse disagree"
    );
    prop_assert_eq!(
        StringInput::parse(text).is_ok(),
        parsed.is_ok(),
        "StringInput::parse and Input::parse disagree"
    );
    prop_assert_eq!(
        &text.parse::<Input>(),
        &parsed,
        "FromStr and parse disagree"
    );
    let from_serde = serde_json::from_value::<Input>(Value::String(text.to_owned()));
    prop_assert_eq!(
        from_serde.as_ref().ok(),
        parsed.as_ref().ok(),
        "serde and parse disagree"
    );
    if let Ok(input) = &parsed {
        prop_assert_eq!(
            serde_json::to_value(input).ok(),
            Some(Value::String(text.to_owned())),
            "a string input does not write back as written"
        );
        check_resolves(input, block_base)?;
    }
    check_time(started)
}

/// An input resolves against the fixture world, or fails at its path.
fn check_resolves(input: &Input, block_base: u64) -> Result<(), TestCaseError> {
    let resolver = Resolver::new(&REGISTRY, contracts(), Some(&WORLD))
        .expect("the fixture world resolves")
        .with_block_base(block_base);
    if let Err(err) = resolver.input(input, "input") {
        prop_assert!(
            err.path.starts_with("input"),
            "error outside the input's path: {err}"
        );
    }
    if let Err(err) = resolver.word(input, "word") {
        prop_assert!(
            err.path.starts_with("word"),
            "error outside the path: {err}"
        );
    }
    Ok(())
}

/// A JSON text reads as an input and as an expression, or fails; what reads writes back to JSON
/// that reads the same, and resolves or fails at its path.
fn check_json_input(text: &str) -> Result<(), TestCaseError> {
    let started = Instant::now();
    if let Ok(input) = serde_json::from_str::<Input>(text) {
        let written = serde_json::to_string(&input).expect("inputs serialize");
        let again = serde_json::from_str::<Input>(&written);
        prop_assert_eq!(again.as_ref().ok(), Some(&input), "{}", written);
        check_resolves(&input, 0)?;
    }
    if let Ok(expr) = serde_json::from_str::<Expr>(text) {
        let written = serde_json::to_string(&expr).expect("expressions serialize");
        let again = serde_json::from_str::<Expr>(&written);
        prop_assert_eq!(again.as_ref().ok(), Some(&expr), "{}", written);
        let resolver = Resolver::new(&REGISTRY, contracts(), Some(&WORLD))
            .expect("the fixture world resolves");
        if let Err(err) = resolver.property(&expr, "claim") {
            prop_assert!(err.path.starts_with("claim"), "error outside: {err}");
        }
    }
    check_time(started)
}

// ------------------------------------------------------------------ strategies: values

/// Strings matching `pattern`, compiled once (a `&str` strategy parses its regex for every
/// value it generates).
fn re(pattern: &str) -> BoxedStrategy<String> {
    proptest::string::string_regex(pattern)
        .expect("a valid regex")
        .boxed()
}

/// Decimal digits.
const DIGITS: &str = "0123456789";
/// Hex digits of either case.
const HEX: &str = "0123456789abcdefABCDEF";
/// The characters a name may start with.
const NAME_START: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
/// The characters a name may continue with (and a digit start, which is invalid).
const NAME_REST: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_0123456789-";

/// `prefix` and `len` characters of the ASCII `alphabet`: much cheaper to generate than the
/// equivalent regex in a debug build (the length shrinks, the characters do not).
fn chars(
    prefix: &'static str,
    alphabet: &'static str,
    len: std::ops::RangeInclusive<usize>,
) -> BoxedStrategy<String> {
    (len, any::<u64>())
        .prop_map(move |(n, seed)| {
            let alphabet = alphabet.as_bytes();
            let mut state = seed | 1;
            let mut text = prefix.to_owned();
            for _ in 0..n {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(char::from(
                    alphabet[(state % alphabet.len() as u64) as usize],
                ));
            }
            text
        })
        .boxed()
}

/// `0x` and the hex of up to `max` random bytes.
fn hex_bytes(max: usize) -> BoxedStrategy<String> {
    prop::collection::vec(any::<u8>(), 0..=max)
        .prop_map(|bytes| format!("0x{}", hex::encode(bytes)))
        .boxed()
}

/// A JSON number: small, boundary, negative, fractional or any.
fn json_number() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => (0u64..10).prop_map(Value::from),
        1 => select(vec![u64::MAX, u64::from(u32::MAX), 1 << 53]).prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from),
        1 => select(vec![-1.0, 0.5, 1.0, 1e300, -0.0]).prop_map(Value::from),
    ]
    .boxed()
}

/// A name of the world, reserved or invalid.
fn name() -> BoxedStrategy<String> {
    prop_oneof![
        4 => select(NAMES).prop_map(str::to_owned),
        1 => chars("", NAME_REST, 1..=7),
        1 => chars("", NAME_START, 65..=66),
    ]
    .boxed()
}

/// An address reference: a name or a (possibly malformed) literal.
fn addr_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => name(),
        1 => chars("0x", HEX, 40..=40),
        1 => chars("0x", HEX, 0..=42),
        1 => Just(format!("0x{}", "c0".repeat(20))),
    ]
    .boxed()
}

/// A string that may be a string input: each form, well-formed or a little off, nested
/// `keccak:` / `sig:` forms, long prefix chains, strings of the vectors, token soup and any
/// text.
fn string_input() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        hex_bytes(8),
        chars("0x", "0123456789abcdefABCDEFgG ", 0..=9),
        re("V:\\PC{0,6}"),
        re("text:\\PC{0,8}"),
        chars("uint:", DIGITS, 0..=80),
        chars("uint:0x", HEX, 0..=66),
        addr_text().prop_map(|a| format!("addr:{a}")),
        re("range:(0x)?[0-9]{0,4}-?-?(0x)?[0-9a-f]{0,4}"),
        re("bool:(true|false|TRUE|1|)"),
        chars("block:", DIGITS, 0..=21),
        re("(keccak|sig|V|text|uint|addr|range|bool|block|0x|x)?:?"),
        select(CORPUS.strings.clone()),
        re("\\PC{0,12}"),
        prop::collection::vec(select(TOKENS), 0..10).prop_map(|t| t.concat()),
    ];
    let signer = name();
    let nested = leaf.prop_recursive(4, 16, 1, move |inner| {
        prop_oneof![
            inner.clone().prop_map(|s| format!("keccak:{s}")),
            (signer.clone(), inner).prop_map(|(n, s)| format!("sig:{n}:{s}")),
        ]
    });
    let chain = (
        select(vec![
            "keccak:",
            "sig:alice:",
            "keccak:sig:bob:",
            "sig:nobody:",
        ]),
        50usize..=400,
        nested.clone(),
    )
        .prop_map(|(prefix, n, tail)| format!("{}{tail}", prefix.repeat(n)));
    prop_oneof![8 => nested, 1 => chain].boxed()
}

/// A well-formed string input (it parses; it may still name an unknown signer or account).
fn valid_string_input() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        hex_bytes(8),
        re("V:[a-z]{0,4}"),
        re("text:[ -~]{0,8}"),
        re("uint:([0-9]{1,3}|0x[0-9a-f]{1,8})"),
        re("addr:(alice|bob|carol|UAC|deployer|CommitmentContract|Equal|IsStored)"),
        re("range:[0-9]{1,2}-[0-9]{1,2}"),
        re("bool:(true|false)"),
        re("block:[0-9]{1,2}"),
    ];
    let signer = re("(alice|bob|carol)");
    leaf.prop_recursive(2, 4, 1, move |inner| {
        prop_oneof![
            inner.clone().prop_map(|s| format!("keccak:{s}")),
            (signer.clone(), inner).prop_map(|(n, s)| format!("sig:{n}:{s}")),
        ]
    })
    .boxed()
}

/// An object with one entry.
fn single(key: impl Into<String>, value: Value) -> Value {
    let mut map = Map::new();
    map.insert(key.into(), value);
    Value::Object(map)
}

/// The name of a predicate, mostly a registered one.
fn predicate_name() -> BoxedStrategy<String> {
    let names: Vec<String> = ovm_core::PredicateKind::all()
        .map(|k| k.name().to_owned())
        .collect();
    prop_oneof![16 => select(names), 1 => re("[A-Z][a-z]{0,6}"), 1 => re("[a-z]{1,6}")].boxed()
}

/// An input as JSON: string inputs, predicate and `Property` expressions and the functions,
/// nested, sometimes with an extra key or a wrong-typed part.
fn input_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        40 => valid_string_input().prop_map(Value::String),
        3 => string_input().prop_map(Value::String),
        1 => json_number(),
        1 => Just(Value::Null),
        1 => Just(json!({})),
    ];
    let (predicate, addr, signer, key) = (predicate_name(), addr_text(), name(), json_key());
    leaf.prop_recursive(4, 24, 3, move |inner| {
        let inputs = prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array);
        prop_oneof![
            8 => (predicate.clone(), inputs.clone()).prop_map(|(p, i)| single(p, i)),
            2 => (addr.clone(), inputs.clone())
                .prop_map(|(p, i)| single("Property", json!({"predicate": p, "inputs": i}))),
            2 => inner.clone().prop_map(|i| single("keccak", i)),
            2 => (signer.clone(), inner.clone())
                .prop_map(|(n, m)| single("sig", json!({"signer": n, "message": m}))),
            2 => (predicate.clone(), inputs.clone())
                .prop_map(|(p, i)| single("id", single(p, i))),
            2 => inputs.clone().prop_map(|i| single("concat", i)),
            2 => inputs.clone().prop_map(|i| single("bytes_array", i)),
            1 => inputs,
            1 => (inner.clone(), key.clone(), inner).prop_map(|(mut a, k, b)| {
                if let Value::Object(map) = &mut a {
                    map.insert(k, b);
                }
                a
            }),
        ]
    })
    .boxed()
}

/// A property expression as JSON (a predicate or `Property` object).
fn expr_json() -> BoxedStrategy<Value> {
    let inputs = prop::collection::vec(input_json(), 0..4).prop_map(Value::Array);
    prop_oneof![
        6 => (predicate_name(), inputs.clone()).prop_map(|(p, i)| single(p, i)),
        1 => (addr_text(), inputs)
            .prop_map(|(p, i)| single("Property", json!({"predicate": p, "inputs": i}))),
        1 => input_json(),
    ]
    .boxed()
}

/// An object key: mostly a field name of the format, sometimes any string.
fn json_key() -> BoxedStrategy<String> {
    prop_oneof![
        8 => select(CORPUS.keys.clone()),
        1 => re("[a-z_.]{0,8}"),
        1 => re("\\PC{0,6}"),
    ]
    .boxed()
}

/// A JSON scalar, with strings from the vectors and the input grammar.
fn json_leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::from),
        3 => json_number(),
        4 => string_input().prop_map(Value::String),
    ]
    .boxed()
}

/// A random JSON tree whose keys are mostly the format's.
fn json_value() -> BoxedStrategy<Value> {
    let key = json_key();
    json_leaf()
        .prop_recursive(5, 48, 5, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec((key.clone(), inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
        .boxed()
}

/// A random JSON tree, or random fields under a valid header (so that loading gets past
/// `format`, `_info` and `kind`).
fn random_tree() -> BoxedStrategy<Value> {
    let kinds: Vec<&str> = KIND_FIELDS.iter().map(|(kind, _)| *kind).collect();
    prop_oneof![
        json_value(),
        (
            prop::collection::vec((json_key(), json_value()), 0..6),
            select(kinds),
        )
            .prop_map(|(entries, kind)| {
                let mut map: Map<String, Value> = entries.into_iter().collect();
                map.insert("format".to_owned(), json!(1));
                map.insert("_info".to_owned(), json!({"description": "d"}));
                map.insert("kind".to_owned(), json!(kind));
                Value::Object(map)
            }),
    ]
    .boxed()
}

/// A plausible value for the field `field` of a vector (or, now and then, any JSON).
fn field_value(field: &str) -> BoxedStrategy<Value> {
    let plausible = match field {
        "world" => world_json(),
        "period" | "block" | "block_number" | "at_block" | "created_block" | "advance"
        | "blocks" | "gas" => {
            prop_oneof![4 => (0u64..12).prop_map(Value::from), 1 => json_number()].boxed()
        }
        "claim" | "challenge" | "property" | "inner" => expr_json(),
        "inputs" | "challenge_inputs" | "witness" | "challenges" | "args" => {
            prop::collection::vec(input_json(), 0..4)
                .prop_map(Value::Array)
                .boxed()
        }
        "children" => prop::collection::vec(expr_json(), 0..3)
            .prop_map(Value::Array)
            .boxed(),
        "id" | "root" | "bytes" | "x" | "name" | "value" | "body" | "key" => input_json(),
        "from" | "signer" => name().prop_map(Value::String).boxed(),
        "predicate" => prop_oneof![
            8 => select(ovm_core::AtomicKind::ALL.map(|k| k.name()).to_vec()).prop_map(Value::from),
            1 => predicate_name().prop_map(Value::String),
        ]
        .boxed(),
        "decision" | "exists" => prop_oneof![
            any::<bool>().prop_map(Value::from),
            select(vec!["true", "false", "undecided"]).prop_map(Value::from),
        ]
        .boxed(),
        "steps" => prop::collection::vec(step_json(), 0..4)
            .prop_map(Value::Array)
            .boxed(),
        "adversary" => prop::collection::vec(
            ((0u64..10), call_json()).prop_map(|(b, a)| json!({"at_block": b, "action": a})),
            0..3,
        )
        .prop_map(Value::Array)
        .boxed(),
        "checks" => prop::collection::vec(check_json(), 0..4)
            .prop_map(Value::Array)
            .boxed(),
        "expect:hash" => prop_oneof![
            4 => any::<[u8; 32]>().prop_map(|h| Value::String(format!("0x{}", hex::encode(h)))),
            1 => chars("0x", HEX, 0..=66).prop_map(Value::String),
        ]
        .boxed(),
        "expect:bool" => any::<bool>().prop_map(Value::from).boxed(),
        "expect:input" => input_json(),
        "expect:depth" => (0u32..10).prop_map(Value::from).boxed(),
        "expect:atomic" => select(vec!["true", "false", "undefined"])
            .prop_map(Value::from)
            .boxed(),
        "expect:challenge" => prop_oneof![Just(json!({"accepted": true})), error_json()].boxed(),
        "expect:witness" => select(vec!["accepted", "rejected"])
            .prop_map(Value::from)
            .boxed(),
        "expect:uac" => fields_json(UAC_EXPECT),
        "expect:game" => fields_json(GAME_EXPECTATION),
        "also:challenge" => prop::collection::vec(fields_json(CHALLENGE_TRY), 0..3)
            .prop_map(Value::Array)
            .boxed(),
        "also:witness" => prop::collection::vec(fields_json(WITNESS_TRY), 0..3)
            .prop_map(Value::Array)
            .boxed(),
        "results" => prop::collection::vec(prop_oneof![Just(json!("ok")), error_json()], 0..4)
            .prop_map(Value::Array)
            .boxed(),
        "games" => prop::collection::vec(fields_json(GAME_EXPECT), 0..2)
            .prop_map(Value::Array)
            .boxed(),
        "events" => prop::collection::vec(
            (
                select(EVENTS.iter().map(|(n, _)| *n).collect::<Vec<_>>()),
                prop::option::of(prop::collection::vec(input_json(), 0..3)),
            )
                .prop_map(|(name, args)| match args {
                    Some(args) => json!({"name": name, "args": args}),
                    None => json!({"name": name}),
                }),
            0..3,
        )
        .prop_map(Value::Array)
        .boxed(),
        "decider" => prop_oneof![
            prop::option::of(prop::collection::vec(input_json(), 0..3))
                .prop_map(|w| json!({"true": {"witness": w}})),
            prop::option::of(challenge_expr_json())
                .prop_map(|c| json!({"false": {"challenge": c}})),
            prop::option::of(challenge_expr_json()).prop_map(|p| json!({"unknown": {"pin": p}})),
        ]
        .boxed(),
        _ => json_value(),
    };
    prop_oneof![10 => plausible, 1 => json_value()].boxed()
}

/// An object with some of `fields` (each with a plausible value) and sometimes an extra key.
fn fields_json(fields: &'static [&'static str]) -> BoxedStrategy<Value> {
    let entries: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
        .iter()
        .map(|field| {
            let key = field.split(':').next().unwrap_or(field).to_owned();
            prop::option::weighted(0.9, field_value(field).prop_map(move |v| (key.clone(), v)))
                .boxed()
        })
        .collect();
    (
        entries,
        prop::option::weighted(0.1, (json_key(), json_value())),
    )
        .prop_map(|(entries, extra)| {
            Value::Object(entries.into_iter().flatten().chain(extra).collect())
        })
        .boxed()
}

/// A world: signers, accounts, store and roots, each maybe.
fn world_json() -> BoxedStrategy<Value> {
    let signers = prop::collection::btree_map(name(), (0u64..6).prop_map(Value::from), 0..3)
        .prop_map(|m| Value::Object(m.into_iter().collect()));
    let accounts = prop::collection::btree_map(name(), addr_text().prop_map(Value::from), 0..2)
        .prop_map(|m| Value::Object(m.into_iter().collect()));
    let entry = (input_json(), input_json()).prop_map(|(k, v)| json!({"key": k, "value": v}));
    let store = prop::collection::btree_map(
        addr_text(),
        prop::collection::vec(entry, 0..3).prop_map(Value::Array),
        0..2,
    )
    .prop_map(|m| Value::Object(m.into_iter().collect()));
    let root = ((0u64..8), input_json()).prop_map(|(b, r)| json!({"block": b, "root": r}));
    let roots = prop::collection::vec(root, 0..3).prop_map(Value::Array);
    (
        prop::option::of(signers),
        prop::option::of(accounts),
        prop::option::weighted(0.3, store),
        prop::option::weighted(0.3, roots),
    )
        .prop_map(|(s, a, st, r)| {
            let parts = [("signers", s), ("accounts", a), ("store", st), ("roots", r)];
            Value::Object(
                parts
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
                    .collect(),
            )
        })
        .boxed()
}

/// A call: `{"<method>": {arguments}}`, sometimes with a `from`.
fn call_json() -> BoxedStrategy<Value> {
    let methods: Vec<BoxedStrategy<Value>> = METHODS
        .iter()
        .map(|(method, fields)| {
            (fields_json(fields), prop::option::weighted(0.3, name()))
                .prop_map(move |(mut args, from)| {
                    if let (Value::Object(map), Some(from)) = (&mut args, from) {
                        map.insert("from".to_owned(), Value::String(from));
                    }
                    single(*method, args)
                })
                .boxed()
        })
        .collect();
    Union::new(methods).boxed()
}

/// A step of a `uac` vector: a call or `{"advance": n}`.
fn step_json() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => call_json(),
        1 => field_value("advance").prop_map(|n| single("advance", n)),
    ]
    .boxed()
}

/// An encoding check: `{"<check>": {fields}}`.
fn check_json() -> BoxedStrategy<Value> {
    let checks: Vec<BoxedStrategy<Value>> = CHECKS
        .iter()
        .map(|(check, fields)| {
            fields_json(fields)
                .prop_map(move |f| single(*check, f))
                .boxed()
        })
        .collect();
    Union::new(checks).boxed()
}

/// An expected custom error: a known name and maybe arguments (of any arity).
fn error_json() -> BoxedStrategy<Value> {
    (
        select(ERRORS.iter().map(|(n, a)| (*n, *a)).collect::<Vec<_>>()),
        prop::option::of(prop::collection::vec(input_json(), 0..3)),
        any::<bool>(),
    )
        .prop_map(|((name, arity), args, right_arity)| {
            let args = args.map(|mut args| {
                if right_arity {
                    args.resize(arity, json!("0x"));
                }
                args
            });
            match args {
                Some(args) => json!({"error": {"name": name, "args": args}}),
                None => json!({"error": {"name": name}}),
            }
        })
        .boxed()
}

/// A game's expected challenge or pin: inputs and a property.
fn challenge_expr_json() -> BoxedStrategy<Value> {
    (prop::collection::vec(input_json(), 0..3), expr_json())
        .prop_map(|(inputs, property)| json!({"inputs": inputs, "property": property}))
        .boxed()
}

/// A vector-shaped object: `format` (mostly 1), `_info` (mostly valid), `kind` (mostly known)
/// and plausible values for some of that kind's fields, in random order.
fn vector_shaped() -> BoxedStrategy<Value> {
    let kinds: Vec<BoxedStrategy<Value>> = KIND_FIELDS
        .iter()
        .map(|(kind, fields)| {
            (
                prop_oneof![8 => Just(json!(kind)), 1 => json_leaf()],
                fields_json(fields),
            )
                .prop_map(|(kind, mut fields)| {
                    if let Value::Object(map) = &mut fields {
                        map.insert("kind".to_owned(), kind);
                    }
                    fields
                })
                .boxed()
        })
        .collect();
    let info = prop_oneof![
        6 => re("\\PC{0,12}").prop_map(|d| json!({"description": d})),
        1 => Just(json!({"description": "d", "rules": ["§4.and"], "skip": "why"})),
        1 => json_value(),
    ];
    (
        Union::new(kinds),
        prop::option::weighted(0.95, prop_oneof![8 => Just(json!(1)), 1 => json_number()]),
        prop::option::weighted(0.95, info),
    )
        .prop_map(|(mut vector, format, info)| {
            if let Value::Object(map) = &mut vector {
                if let Some(format) = format {
                    map.insert("format".to_owned(), format);
                }
                if let Some(info) = info {
                    map.insert("_info".to_owned(), info);
                }
            }
            vector
        })
        .boxed()
}

// ------------------------------------------------------------------ strategies: mutants

/// The placeholder a raw-text splice leaves in the tree until the tree is printed.
fn splice_marker(i: usize) -> String {
    format!("@@raw-splice-{i}@@")
}

/// One edit of a vector's JSON tree; `node` picks a node in pre-order (modulo the node count).
#[derive(Clone, Debug)]
enum Edit {
    /// Removes an entry (`child` modulo the length) of an object or array node.
    Delete { node: usize, child: usize },
    /// Renames an entry of an object node.
    Rename {
        node: usize,
        child: usize,
        key: String,
    },
    /// Replaces a node with a value.
    Replace { node: usize, with: Value },
    /// Replaces a node with a copy of another node.
    Graft { node: usize, from: usize },
    /// Wraps a node in an array.
    WrapArray { node: usize },
    /// Wraps a node in a one-key object.
    WrapObject { node: usize, key: String },
    /// Replaces a node with raw JSON text (huge numbers, deep nesting, long chains).
    Raw { node: usize, text: String },
    /// Repeats the first entry of an object node (a duplicate key).
    DuplicateKey { node: usize },
}

/// An edit of the printed text (offsets are bytes, moved back to a character boundary).
#[derive(Clone, Debug)]
enum TextEdit {
    /// Cuts the text at `at` (modulo the length + 1).
    Truncate { at: usize },
    /// Inserts `text` at `at`.
    Insert { at: usize, text: String },
    /// Removes `len` bytes at `at`.
    Remove { at: usize, len: usize },
}

/// The number of nodes of a tree.
fn node_count(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(node_count).sum(),
        Value::Object(map) => map.values().map(node_count).sum(),
        _ => 0,
    }
}

/// Node `n` of a tree in pre-order, counting down `n`.
fn nth_node<'v>(value: &'v mut Value, n: &mut usize) -> Option<&'v mut Value> {
    if *n == 0 {
        return Some(value);
    }
    *n -= 1;
    match value {
        Value::Array(items) => items.iter_mut().find_map(|item| nth_node(item, n)),
        Value::Object(map) => map.values_mut().find_map(|item| nth_node(item, n)),
        _ => None,
    }
}

/// Node `index` (modulo the node count) of a tree.
fn node(value: &mut Value, index: usize) -> &mut Value {
    let mut n = index % node_count(value);
    nth_node(value, &mut n).expect("the index is below the node count")
}

impl Edit {
    /// Applies the edit; raw splices are pushed to `raws` and marked in the tree.
    fn apply(&self, root: &mut Value, raws: &mut Vec<String>) {
        match self {
            Self::Delete { node: at, child } => match node(root, *at) {
                Value::Object(map) if !map.is_empty() => {
                    let key = map.keys().nth(child % map.len()).cloned();
                    key.map(|key| map.remove(&key));
                }
                Value::Array(items) if !items.is_empty() => {
                    items.remove(child % items.len());
                }
                other => *other = Value::Null,
            },
            Self::Rename {
                node: at,
                child,
                key,
            } => {
                if let Value::Object(map) = node(root, *at)
                    && !map.is_empty()
                {
                    let old = map.keys().nth(child % map.len()).cloned();
                    if let Some(value) = old.and_then(|old| map.remove(&old)) {
                        map.insert(key.clone(), value);
                    }
                }
            }
            Self::Replace { node: at, with } => *node(root, *at) = with.clone(),
            Self::Graft { node: at, from } => {
                let copy = node(root, *from).clone();
                *node(root, *at) = copy;
            }
            Self::WrapArray { node: at } => {
                let target = node(root, *at);
                *target = Value::Array(vec![target.take()]);
            }
            Self::WrapObject { node: at, key } => {
                let target = node(root, *at);
                *target = single(key.clone(), target.take());
            }
            Self::Raw { node: at, text } => {
                *node(root, *at) = Value::String(splice_marker(raws.len()));
                raws.push(text.clone());
            }
            Self::DuplicateKey { node: at } => {
                let target = node(root, *at);
                if let Value::Object(map) = target
                    && let Some((key, value)) = map.iter().next()
                {
                    let all = serde_json::to_string(map).expect("JSON prints");
                    let first = format!(
                        "{{{}:{},",
                        serde_json::to_string(key).expect("JSON prints"),
                        serde_json::to_string(value).expect("JSON prints")
                    );
                    let text = format!("{first}{}", &all[1..]);
                    *target = Value::String(splice_marker(raws.len()));
                    raws.push(text);
                }
            }
        }
    }
}

/// Moves a byte offset back to a character boundary of `text`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl TextEdit {
    fn apply(&self, text: &mut String) {
        match self {
            Self::Truncate { at } => text.truncate(boundary(text, *at)),
            Self::Insert { at, text: piece } => text.insert_str(boundary(text, *at), piece),
            Self::Remove { at, len } => {
                let start = boundary(text, *at);
                let end = boundary(text, start + len).max(start);
                text.replace_range(start..end, "");
            }
        }
    }
}

/// Raw JSON text to splice into a tree: numbers no `Value` holds, nesting past serde_json's
/// limit of 128, long expression chains around that limit, and prefix chains far past
/// [`ovm_vectors::input::MAX_STRING_NESTING`].
fn raw_text() -> BoxedStrategy<String> {
    prop_oneof![
        2 => select(vec![
            "18446744073709551616",
            "-1",
            "-0",
            "1.0",
            "0.5",
            "1e2",
            "1E+400",
            "-1e-400",
            "340282366920938463463374607431768211456",
            "-9223372036854775809",
            "00",
            "01",
            "NaN",
            "Infinity",
        ])
        .prop_map(str::to_owned),
        1 => (
            select(vec!["", "-"]),
            chars("", DIGITS, 20..=90),
            prop::option::of(chars(".", DIGITS, 1..=5)),
            prop::option::of(chars("e", DIGITS, 1..=4)),
        )
            .prop_map(|(sign, digits, fraction, exponent)| {
                let (fraction, exponent) = (fraction.unwrap_or_default(), exponent.unwrap_or_default());
                format!("{sign}{digits}{fraction}{exponent}")
            }),
        1 => (100usize..=300).prop_map(|n| format!("{}{}", "[".repeat(n), "]".repeat(n))),
        1 => (100usize..=300).prop_map(|n| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n))),
        2 => (30usize..=70, select(vec!["Not", "And", "Or"])).prop_map(|(n, p)| {
            format!("{}\"0x\"{}", format!("{{\"{p}\":[").repeat(n), "]}".repeat(n))
        }),
        1 => (30usize..=70, select(vec!["keccak", "id"])).prop_map(|(n, f)| {
            let open = if f == "id" { "{\"id\":{\"Not\":[" } else { "{\"keccak\":" };
            let close = if f == "id" { "]}}" } else { "}" };
            format!("{}\"0x\"{}", open.repeat(n), close.repeat(n))
        }),
        2 => (select(vec!["keccak:", "sig:alice:", "keccak:sig:bob:"]), 50usize..=600)
            .prop_map(|(p, n)| format!("\"{}0x\"", p.repeat(n))),
        1 => (1usize..=2000).prop_map(|n| format!("\"0x{}\"", "ab".repeat(n))),
    ]
    .boxed()
}

/// One edit of a tree.
fn edit() -> BoxedStrategy<Edit> {
    let at = any::<usize>();
    prop_oneof![
        3 => (at, at).prop_map(|(node, child)| Edit::Delete { node, child }),
        1 => (at, at, json_key()).prop_map(|(node, child, key)| Edit::Rename { node, child, key }),
        3 => (at, prop_oneof![json_value(), input_json()])
            .prop_map(|(node, with)| Edit::Replace { node, with }),
        1 => (at, at).prop_map(|(node, from)| Edit::Graft { node, from }),
        1 => at.prop_map(|node| Edit::WrapArray { node }),
        1 => (at, json_key()).prop_map(|(node, key)| Edit::WrapObject { node, key }),
        2 => (at, raw_text()).prop_map(|(node, text)| Edit::Raw { node, text }),
        1 => at.prop_map(|node| Edit::DuplicateKey { node }),
    ]
    .boxed()
}

/// One edit of the text.
fn text_edit() -> BoxedStrategy<TextEdit> {
    let at = any::<usize>();
    let piece = prop_oneof![
        select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "0",
            "-",
            "1e999",
            "null",
            "\u{feff}",
            "\u{0}",
            "\n",
            " ",
            "\"format\":1,",
            "\"kind\":\"uac\",",
            "/*",
            "é",
            "\u{10ffff}",
        ])
        .prop_map(str::to_owned),
        re("\\PC{0,4}"),
    ];
    prop_oneof![
        2 => at.prop_map(|at| TextEdit::Truncate { at }),
        2 => (at, piece).prop_map(|(at, text)| TextEdit::Insert { at, text }),
        1 => (at, 1usize..16).prop_map(|(at, len)| TextEdit::Remove { at, len }),
    ]
    .boxed()
}

/// A real vector file with up to three tree edits and maybe one text edit: the file's name,
/// the edits, and the resulting text (the last element, printed when a case fails).
fn mutant() -> BoxedStrategy<(String, Vec<Edit>, Option<TextEdit>, String)> {
    (
        0..CORPUS.files.len(),
        prop::collection::vec(edit(), 0..=3),
        prop::option::weighted(0.3, text_edit()),
    )
        .prop_map(|(file, edits, text_edit)| {
            let source = &CORPUS.files[file];
            let mut text = if edits.is_empty() {
                source.text.clone()
            } else {
                let mut value = source.value.clone();
                let mut raws = Vec::new();
                for edit in &edits {
                    edit.apply(&mut value, &mut raws);
                }
                let mut text = serde_json::to_string_pretty(&value).expect("JSON prints");
                for (i, raw) in raws.iter().enumerate() {
                    text = text.replace(&format!("\"{}\"", splice_marker(i)), raw);
                }
                text
            };
            if let Some(edit) = &text_edit {
                edit.apply(&mut text);
            }
            (source.name.clone(), edits, text_edit, text)
        })
        .boxed()
}

// ------------------------------------------------------------------ the properties

proptest! {
    #![proptest_config(config(TREE_CASES))]

    /// (a) Random JSON trees (keys mostly the format's), compact or pretty.
    #[test]
    fn random_json_trees_load_or_fail_cleanly(value in random_tree(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&value)
        } else {
            serde_json::to_string(&value)
        };
        check_load(&text.expect("JSON prints"))?;
    }
}

proptest! {
    #![proptest_config(config(SHAPED_CASES))]

    /// (a) Vector-shaped objects: a known kind's fields with plausible, often valid, values.
    #[test]
    fn vector_shaped_objects_load_or_fail_cleanly(value in vector_shaped()) {
        check_load(&serde_json::to_string_pretty(&value).expect("JSON prints"))?;
    }
}

proptest! {
    #![proptest_config(config(MUTANT_CASES))]

    /// (b) The files under `vectors/`, edited.
    #[test]
    fn mutated_vector_files_load_or_fail_cleanly(mutant in mutant()) {
        check_load(&mutant.3)?;
    }
}

proptest! {
    #![proptest_config(config(TEXT_CASES))]

    /// Any text at all: the loader is total on `&str`.
    #[test]
    fn arbitrary_text_loads_or_fails_cleanly(
        text in prop_oneof![
            re("\\PC{0,64}"),
            prop::collection::vec(any::<u8>(), 0..64)
                .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
            prop::collection::vec(select(vec!["{", "}", "[", "]", ",", ":", "\"format\"", "1",
                "\"kind\"", "\"uac\"", "\"_info\"", "{\"description\":\"d\"}", "\"steps\"",
                "null", " ", "\n"]), 0..40)
                .prop_map(|t| t.concat()),
        ]
    ) {
        check_load(&text)?;
    }
}

proptest! {
    #![proptest_config(config(STRING_CASES))]

    /// (c) Strings of the string-input grammar, parsed and resolved (with any block base).
    #[test]
    fn string_inputs_parse_and_resolve_or_fail_cleanly(
        text in string_input(),
        block_base in prop_oneof![Just(0u64), any::<u64>(), Just(u64::MAX)],
    ) {
        check_string_input(&text, block_base)?;
    }
}

proptest! {
    #![proptest_config(config(INPUT_CASES))]

    /// (c) JSON inputs and property expressions, read and resolved.
    #[test]
    fn json_inputs_and_expressions_parse_and_resolve_or_fail_cleanly(
        value in prop_oneof![input_json(), expr_json()],
        raw in prop::option::weighted(0.2, raw_text()),
    ) {
        let mut text = serde_json::to_string(&value).expect("JSON prints");
        if let Some(raw) = raw {
            text = format!("{{\"concat\":[{text},{raw}]}}");
        }
        check_json_input(&text)?;
    }
}
