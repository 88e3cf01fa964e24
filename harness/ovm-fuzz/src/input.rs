//! Cases from raw bytes, for coverage-guided fuzzers (the cargo-fuzz targets under
//! `harness/fuzz`), judged by the conformance engine exactly as a campaign's cases:
//!
//! - [`check`]: one case of a layer's own generators. The input's keccak seeds the layer's
//!   ChaCha stream (proptest's pass-through stream does not work here: every nested strategy
//!   forks it in half, so it runs dry within a few levels, and an all-zero stream makes rand's
//!   uniform sampling reject forever). Coverage feedback keeps the inputs whose cases reach
//!   new code; a mutated input is a new case, not a nearby one.
//! - [`check_encoding`] and [`check_atomic`]: structure-aware (`arbitrary`) inputs whose
//!   mutations stay local: a property tree of any shape and depth, with placeholders, raw
//!   inputs and an optional byte-level edit of its encoding, for the decoder, id, placeholder,
//!   `subst`, depth and admissibility checks; and raw inputs of an atomic predicate.

use crate::{
    found::{Found, Layer},
    layers::{
        Cx, Form, FuzzLayer, atomic::Atomic, challenge::Challenge, encoding, encoding::Encoding,
        judged, narrow, sequence::Sequence, witness::Witness,
    },
};
use arbitrary::Arbitrary;
use ovm_core::{
    AtomicKind, Bytes, ConnectiveKind, Property, Registry, abi, keccak256, placeholder::placeholder,
};
use ovm_vectors::{AtomicName, AtomicVector, Info, Input, VectorFile};
use proptest::{
    strategy::{Strategy, ValueTree},
    test_runner::{Config, RngAlgorithm, TestRng, TestRunner},
};

/// What a case found: a bug, with the vector that shows it (narrowed to the one try that
/// diverges), when one can be written.
#[derive(Clone, Debug)]
pub struct Drawn {
    /// The layer.
    pub layer: Layer,
    /// The finding.
    pub found: Found,
    /// The case (debug form).
    pub case: String,
    /// The regression vector.
    pub vector: Option<VectorFile>,
}

/// Judges the case of `layer`'s generators that `data` seeds: `Ok` when the halves agree (or
/// the case is an unguarded claim or §10's limitation, which are reported, never failed),
/// else the bug.
pub fn check(layer: Layer, cx: Cx<'_>, data: &[u8], depth: u32) -> Result<(), Box<Drawn>> {
    match layer {
        Layer::E => drawn::<Encoding>(cx, data, depth),
        Layer::A => drawn::<Atomic>(cx, data, depth),
        Layer::W => drawn::<Witness>(cx, data, depth),
        Layer::C => drawn::<Challenge>(cx, data, depth),
        Layer::S => drawn::<Sequence>(cx, data, depth),
        Layer::G => drawn::<crate::game::Game>(cx, data, depth),
    }
}

fn drawn<L: FuzzLayer>(cx: Cx<'_>, data: &[u8], depth: u32) -> Result<(), Box<Drawn>> {
    let config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, keccak256(data).as_slice());
    let mut runner = TestRunner::new_with_rng(config, rng);
    let Ok(tree) = L::strategy(cx.env, depth).new_tree(&mut runner) else {
        return Ok(());
    };
    let case = tree.current();
    match L::check(cx, &case) {
        Err(found) if found.is_bug() => {
            let vector = L::to_vector(cx, &case, &found).map(|file| narrow(cx, file, &found));
            Err(Box::new(Drawn {
                layer: L::LAYER,
                found,
                case: format!("{case:?}"),
                vector,
            }))
        }
        _ => Ok(()),
    }
}

/// A property tree of any shape, as a structure-aware fuzzer builds it: its bytes are
/// [`Tree::bytes`].
#[derive(Arbitrary, Clone, Debug)]
pub enum Tree {
    /// An atomic predicate (`kind` modulo the nine) with raw inputs.
    Atomic {
        /// Which atomic.
        kind: u8,
        /// Its inputs.
        inputs: Vec<Vec<u8>>,
    },
    /// `Not`, `And` or `Or` (`kind` modulo three) over the children's bytes.
    Junction {
        /// Which connective.
        kind: u8,
        /// Its inputs.
        children: Vec<Tree>,
    },
    /// `ForAll` or `ThereExists` with a hint, a variable name and a body.
    Quantifier {
        /// ThereExists rather than ForAll.
        exists: bool,
        /// The hint (text).
        hint: String,
        /// The variable's name.
        variable: Vec<u8>,
        /// The body.
        body: Box<Tree>,
    },
    /// The placeholder of a name.
    Placeholder(Vec<u8>),
    /// A number as one ABI word.
    Word(u64),
    /// Raw bytes.
    Raw(Vec<u8>),
}

impl Tree {
    /// The bytes of the tree: a property's encoding, a placeholder, a word or raw bytes.
    pub fn bytes(&self, registry: &Registry) -> Bytes {
        let property = |predicate, inputs: Vec<Bytes>| Property { predicate, inputs }.encode();
        match self {
            Self::Atomic { kind, inputs } => property(
                registry.atomic_address(AtomicKind::ALL[*kind as usize % AtomicKind::ALL.len()]),
                inputs.iter().map(|i| Bytes::copy_from_slice(i)).collect(),
            ),
            Self::Junction { kind, children } => {
                let kind = [ConnectiveKind::Not, ConnectiveKind::And, ConnectiveKind::Or]
                    [*kind as usize % 3];
                property(
                    registry.connective_address(kind),
                    children.iter().map(|c| c.bytes(registry)).collect(),
                )
            }
            Self::Quantifier {
                exists,
                hint,
                variable,
                body,
            } => {
                let kind = if *exists {
                    ConnectiveKind::ThereExists
                } else {
                    ConnectiveKind::ForAll
                };
                property(
                    registry.connective_address(kind),
                    vec![
                        Bytes::copy_from_slice(hint.as_bytes()),
                        Bytes::copy_from_slice(variable),
                        body.bytes(registry),
                    ],
                )
            }
            Self::Placeholder(name) => placeholder(name),
            Self::Word(n) => abi::encode_uint(*n),
            Self::Raw(bytes) => Bytes::copy_from_slice(bytes),
        }
    }
}

/// A byte-level edit of an encoding (offsets wrap around its length).
#[derive(Arbitrary, Clone, Debug)]
pub enum Edit {
    /// None.
    Keep,
    /// XOR one byte.
    Flip {
        /// Where.
        at: u16,
        /// With what.
        xor: u8,
    },
    /// Cut the bytes at `at`.
    Truncate(u16),
    /// Append bytes.
    Append(Vec<u8>),
}

impl Edit {
    fn apply(&self, bytes: Bytes) -> Bytes {
        let mut bytes = bytes.to_vec();
        match self {
            Self::Keep => {}
            Self::Flip { at, xor } if !bytes.is_empty() => {
                let at = *at as usize % bytes.len();
                bytes[at] ^= xor;
            }
            Self::Flip { .. } => {}
            Self::Truncate(at) => bytes.truncate(*at as usize % (bytes.len() + 1)),
            Self::Append(tail) => bytes.extend_from_slice(tail),
        }
        bytes.into()
    }
}

/// A structure-aware input of the encoding checks: `x` (edited) and `subst(x, name, value)`.
#[derive(Arbitrary, Clone, Debug)]
pub struct EncodingInput {
    /// The bytes checked.
    pub x: Tree,
    /// An edit of `x`'s bytes.
    pub edit: Edit,
    /// The substituted name.
    pub name: Vec<u8>,
    /// The substituted value.
    pub value: Tree,
    /// Admissibility in a ThereExists body (else ForAll).
    pub exists: bool,
}

/// Judges the encoding checks of `input` on both halves (see the module docs).
pub fn check_encoding(cx: Cx<'_>, input: &EncodingInput) -> Result<(), Box<Drawn>> {
    let registry = cx.env.registry();
    let x = input.edit.apply(input.x.bytes(registry));
    let value = input.value.bytes(registry);
    let file = encoding::checks(&x, &input.name, &value, input.exists, Form::Run, registry);
    judge(cx, Layer::E, file, input)
}

/// A structure-aware input of an atomic predicate: its raw inputs.
#[derive(Arbitrary, Clone, Debug)]
pub struct AtomicInput {
    /// Which atomic (modulo the nine).
    pub kind: u8,
    /// Its inputs.
    pub inputs: Vec<Vec<u8>>,
}

/// Judges `decide`, `decideTrue` and `decideFalse` of `input` on both halves.
pub fn check_atomic(cx: Cx<'_>, input: &AtomicInput) -> Result<(), Box<Drawn>> {
    let kind = AtomicKind::ALL[input.kind as usize % AtomicKind::ALL.len()];
    let file = VectorFile::new(
        Info::new(""),
        AtomicVector {
            world: None,
            predicate: AtomicName(kind),
            inputs: input.inputs.iter().map(Input::hex).collect(),
            gas: None,
            expect: None,
        },
    );
    judge(cx, Layer::A, file, input)
}

/// Runs `file` through the engine: the bug it shows, if any.
fn judge(
    cx: Cx<'_>,
    layer: Layer,
    file: VectorFile,
    case: &impl std::fmt::Debug,
) -> Result<(), Box<Drawn>> {
    match judged(cx, &file) {
        Err(found) if found.is_bug() => Err(Box::new(Drawn {
            layer,
            vector: Some(narrow(cx, file, &found)),
            found,
            case: format!("{case:?}"),
        })),
        _ => Ok(()),
    }
}
