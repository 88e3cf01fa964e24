//! Decoded property trees for the fast evaluator: a property is decoded once, quantifier
//! instances are built by substituting into the decoded body (sharing every unchanged
//! subtree), and encodings are produced only where a challenge, a pin or the output needs
//! them.
//!
//! Only the inputs the decider evaluates are decoded — every input of Not, And and Or, and the
//! body of a 3-input quantifier (the positions that count for depth, §1); an input there is a
//! [`Input::Node`] exactly when its bytes are a property. Everything else stays raw bytes, so
//! two trees are equal exactly when the properties' encodings are.

use ovm_core::{
    Address, Bytes, ConnectiveKind, PredicateKind, Property, Registry,
    depth::DEPTH_CUTOFF,
    placeholder::{is_placeholder, is_placeholder_named},
};
use std::cell::{Cell, OnceCell};
use std::hash::{BuildHasher, Hasher};

use std::rc::Rc;

/// An input: raw bytes, or a decoded property (only at the decoded positions).
#[derive(Clone, Debug)]
pub(crate) enum Input {
    Raw(Bytes),
    Node(Rc<Node>),
}

/// A node's inputs, inline up to [`INLINE_INPUTS`] (no allocation of their own for the usual
/// arities).
#[derive(Clone, Debug)]
pub(crate) enum Inputs {
    Inline {
        len: u8,
        items: [Input; INLINE_INPUTS],
    },
    Heap(Vec<Input>),
}

/// How many inputs a node holds inline.
pub(crate) const INLINE_INPUTS: usize = 3;

const EMPTY: Input = Input::Raw(Bytes::new());

impl Inputs {
    /// One input.
    pub(crate) fn one(input: Input) -> Self {
        Self::Inline {
            len: 1,
            items: [input, EMPTY, EMPTY],
        }
    }
}

impl std::ops::Deref for Inputs {
    type Target = [Input];

    fn deref(&self) -> &[Input] {
        match self {
            Self::Inline { len, items } => &items[..usize::from(*len)],
            Self::Heap(items) => items,
        }
    }
}

impl std::ops::DerefMut for Inputs {
    fn deref_mut(&mut self) -> &mut [Input] {
        match self {
            Self::Inline { len, items } => &mut items[..usize::from(*len)],
            Self::Heap(items) => items,
        }
    }
}

impl FromIterator<Input> for Inputs {
    fn from_iter<I: IntoIterator<Item = Input>>(iter: I) -> Self {
        let mut iter = iter.into_iter();
        let mut items = [EMPTY, EMPTY, EMPTY];
        let mut len = 0;
        for slot in &mut items {
            match iter.next() {
                Some(input) => {
                    *slot = input;
                    len += 1;
                }
                None => {
                    return Self::Inline {
                        len: len as u8,
                        items,
                    };
                }
            }
        }
        match iter.next() {
            None => Self::Inline {
                len: len as u8,
                items,
            },
            Some(next) => {
                let mut all: Vec<Input> = items.into_iter().collect();
                all.push(next);
                all.extend(iter);
                Self::Heap(all)
            }
        }
    }
}

impl From<Vec<Input>> for Inputs {
    fn from(items: Vec<Input>) -> Self {
        if items.len() <= INLINE_INPUTS {
            items.into_iter().collect()
        } else {
            Self::Heap(items)
        }
    }
}

/// A decoded property.
#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) predicate: Address,
    pub(crate) kind: Option<PredicateKind>,
    pub(crate) inputs: Inputs,
    /// `min(depth, 35)` (§1).
    pub(crate) depth: u32,
    key: Cell<Option<u128>>,
    enc: OnceCell<Bytes>,
}

/// The property is deeper than a decoded tree may be (its depth is then at least 36).
#[derive(Clone, Copy, Debug)]
pub(crate) struct TooDeep;

/// How many levels a tree may have: deeper properties are never admissible nor claimable.
const MAX_LEVELS: u32 = 35;

const _: () = assert!(DEPTH_CUTOFF == MAX_LEVELS);

/// Which inputs of a `kind` property with `n` inputs are decoded.
fn decoded(kind: Option<PredicateKind>, n: usize, i: usize) -> bool {
    match kind {
        Some(PredicateKind::Connective(
            ConnectiveKind::Not | ConnectiveKind::And | ConnectiveKind::Or,
        )) => true,
        Some(PredicateKind::Connective(_)) => n == 3 && i == 2,
        _ => false,
    }
}

pub(crate) fn input_depth(input: &Input) -> u32 {
    match input {
        Input::Raw(_) => 0,
        Input::Node(node) => node.depth,
    }
}

impl Node {
    /// A node over already-built inputs (decoded positions must hold a `Node` exactly when the
    /// bytes are a property).
    pub(crate) fn new(
        predicate: Address,
        kind: Option<PredicateKind>,
        inputs: impl Into<Inputs>,
    ) -> Self {
        let inputs = inputs.into();
        let below = match kind {
            Some(PredicateKind::Connective(
                ConnectiveKind::Not | ConnectiveKind::And | ConnectiveKind::Or,
            )) => inputs.iter().map(input_depth).max().unwrap_or(0),
            Some(PredicateKind::Connective(_)) if inputs.len() == 3 => match &inputs[2] {
                Input::Raw(body) => u32::from(is_placeholder(body)),
                Input::Node(body) => body.depth,
            },
            _ => 0,
        };
        Self {
            predicate,
            kind,
            inputs,
            depth: (1 + below).min(MAX_LEVELS),
            key: Cell::new(None),
            enc: OnceCell::new(),
        }
    }

    /// The tree of `property` (whose inputs are decoded where evaluated).
    pub(crate) fn from_property(
        property: &Property,
        registry: &Registry,
    ) -> Result<Rc<Self>, TooDeep> {
        build(
            property.predicate,
            property.inputs.clone(),
            registry,
            MAX_LEVELS,
        )
    }

    /// The canonical encoding (computed once).
    pub(crate) fn encoding(&self) -> &Bytes {
        self.enc.get_or_init(|| {
            let inputs: Vec<&[u8]> = self.inputs.iter().map(|i| i.bytes_ref()).collect();
            encode(self.predicate, &inputs)
        })
    }

    /// The property.
    pub(crate) fn to_property(&self) -> Property {
        Property {
            predicate: self.predicate,
            inputs: self.inputs.iter().map(Input::to_bytes).collect(),
        }
    }

    /// The raw input `i` (only for positions that are not decoded).
    pub(crate) fn raw(&self, i: usize) -> &Bytes {
        match &self.inputs[i] {
            Input::Raw(bytes) => bytes,
            Input::Node(node) => node.encoding(),
        }
    }

    /// A 128-bit structural key (equal trees, equal keys), computed once.
    pub(crate) fn key(&self, keyer: &Keyer) -> u128 {
        if let Some(key) = self.key.get() {
            return key;
        }
        let key = keyer.node_key(self);
        self.key.set(Some(key));
        key
    }
}

impl AsRef<[u8]> for Input {
    fn as_ref(&self) -> &[u8] {
        self.bytes_ref()
    }
}

impl Input {
    /// The input's bytes (encoding a node).
    fn bytes_ref(&self) -> &[u8] {
        match self {
            Self::Raw(bytes) => bytes,
            Self::Node(node) => node.encoding(),
        }
    }

    /// The input's bytes.
    pub(crate) fn to_bytes(&self) -> Bytes {
        match self {
            Self::Raw(bytes) => bytes.clone(),
            Self::Node(node) => node.encoding().clone(),
        }
    }

    /// Whether this is the placeholder named `name`.
    fn is_placeholder_named(&self, name: &[u8]) -> bool {
        matches!(self, Self::Raw(bytes) if is_placeholder_named(bytes, name))
    }
}

/// Builds the node of `predicate(inputs)`, decoding the decoded positions; `levels` is how many
/// levels (this one included) the tree may still have.
fn build(
    predicate: Address,
    inputs: Vec<Bytes>,
    registry: &Registry,
    levels: u32,
) -> Result<Rc<Node>, TooDeep> {
    if levels == 0 {
        return Err(TooDeep);
    }
    let kind = registry.kind(predicate);
    let n = inputs.len();
    let built = inputs
        .into_iter()
        .enumerate()
        .map(|(i, input)| {
            if decoded(kind, n, i) {
                decode_input(input, registry, levels - 1)
            } else {
                Ok(Input::Raw(input))
            }
        })
        .collect::<Result<Inputs, TooDeep>>()?;
    Ok(Rc::new(Node::new(predicate, kind, built)))
}

/// Bytes at a decoded position: a node if they are a property, else raw.
pub(crate) fn decode_input(
    bytes: Bytes,
    registry: &Registry,
    levels: u32,
) -> Result<Input, TooDeep> {
    match parse(&bytes) {
        Some((predicate, inputs)) => {
            let node = build(predicate, inputs, registry, levels)?;
            // The encoding is the bytes themselves.
            let _ = node.enc.set(bytes);
            Ok(Input::Node(node))
        }
        None => Ok(Input::Raw(bytes)),
    }
}

fn word_is(word: &[u8], value: usize) -> bool {
    word_usize(word) == Some(value)
}

fn word_usize(word: &[u8]) -> Option<usize> {
    if word[..24].iter().any(|&b| b != 0) {
        return None;
    }
    usize::try_from(u64::from_be_bytes(word[24..32].try_into().unwrap())).ok()
}

/// The canonical-encoding test of §1 without re-encoding: `Some((predicate, inputs))` iff
/// `bytes == abi.encode(Property(predicate, inputs))` (the inputs are slices of `bytes`).
pub(crate) fn parse(bytes: &Bytes) -> Option<(Address, Vec<Bytes>)> {
    let len = bytes.len();
    if len < 128 || !len.is_multiple_of(32) {
        return None;
    }
    if !word_is(&bytes[0..32], 0x20) || bytes[32..44].iter().any(|&b| b != 0) {
        return None;
    }
    if !word_is(&bytes[64..96], 0x40) {
        return None;
    }
    let n = word_usize(&bytes[96..128])?;
    // Each element needs an offset word and a length word.
    if n > (len - 128) / 64 {
        return None;
    }
    let base = 128;
    let mut expected = 32 * n;
    let mut inputs = Vec::with_capacity(n);
    for i in 0..n {
        let at = base + 32 * i;
        if !word_is(&bytes[at..at + 32], expected) {
            return None;
        }
        let start = base + expected;
        if start + 32 > len {
            return None;
        }
        let item_len = word_usize(&bytes[start..start + 32])?;
        let padded = item_len.checked_add(31)? / 32 * 32;
        let end = start.checked_add(32)?.checked_add(padded)?;
        if end > len {
            return None;
        }
        let data = start + 32;
        if bytes[data + item_len..end].iter().any(|&b| b != 0) {
            return None;
        }
        inputs.push(bytes.slice(data..data + item_len));
        expected += 32 + padded;
    }
    if base + expected != len {
        return None;
    }
    Some((Address::from_slice(&bytes[44..64]), inputs))
}

fn push_word(out: &mut Vec<u8>, value: usize) {
    out.extend_from_slice(&[0u8; 24]);
    out.extend_from_slice(&(value as u64).to_be_bytes());
}

/// `abi.encode(Property(predicate, inputs))`.
pub(crate) fn encode(predicate: Address, inputs: &[&[u8]]) -> Bytes {
    let padded = |n: usize| n.div_ceil(32) * 32;
    let total = 128 + inputs.iter().map(|i| 64 + padded(i.len())).sum::<usize>();
    let mut out = Vec::with_capacity(total);
    push_word(&mut out, 0x20);
    out.extend_from_slice(&[0u8; 12]);
    out.extend_from_slice(predicate.as_slice());
    push_word(&mut out, 0x40);
    push_word(&mut out, inputs.len());
    let mut offset = 32 * inputs.len();
    for input in inputs {
        push_word(&mut out, offset);
        offset += 32 + padded(input.len());
    }
    for input in inputs {
        push_word(&mut out, input.len());
        out.extend_from_slice(input);
        out.resize(out.len() + padded(input.len()) - input.len(), 0);
    }
    debug_assert_eq!(out.len(), total);
    out.into()
}

/// A bound value: its bytes, and its tree where it lands at a decoded position (computed once).
pub(crate) struct Value {
    pub(crate) bytes: Bytes,
    decoded: OnceCell<Result<Input, TooDeep>>,
}

impl Value {
    pub(crate) fn new(bytes: Bytes) -> Self {
        Self {
            bytes,
            decoded: OnceCell::new(),
        }
    }

    /// The value at a decoded position.
    fn at_decoded(&self, registry: &Registry) -> Result<Input, TooDeep> {
        self.decoded
            .get_or_init(|| decode_input(self.bytes.clone(), registry, MAX_LEVELS))
            .clone()
    }
}

/// Whether `${name}` occurs in `hint`.
fn has_template(hint: &[u8], name: &[u8]) -> bool {
    let pattern_len = name.len() + 3;
    hint.len() >= pattern_len
        && hint.windows(pattern_len).any(|w| {
            w.starts_with(b"${") && w[pattern_len - 1] == b'}' && &w[2..pattern_len - 1] == name
        })
}

/// Whether `subst(x, name, v)` changes `x` (for any `v`): the body mentions its variable.
pub(crate) fn mentions(input: &Input, name: &[u8]) -> bool {
    match input {
        Input::Raw(bytes) => is_placeholder_named(bytes, name),
        Input::Node(node) => node_mentions(node, name),
    }
}

fn node_mentions(node: &Node, name: &[u8]) -> bool {
    match node.kind {
        Some(PredicateKind::Connective(
            ConnectiveKind::Not | ConnectiveKind::And | ConnectiveKind::Or,
        )) => node.inputs.iter().any(|i| mentions(i, name)),
        Some(PredicateKind::Connective(_)) => {
            node.inputs.len() == 3
                && (has_template(node.raw(0), name)
                    || (node.raw(1).as_ref() != name && mentions(&node.inputs[2], name)))
        }
        _ => node.inputs.iter().any(|i| i.is_placeholder_named(name)),
    }
}

/// `subst(x, name, v)` (§2) for `x` at a decoded position; `Err` when the result is deeper
/// than a tree may be (then no instance with it is admissible).
pub(crate) fn subst(
    input: &Input,
    name: &[u8],
    v: &Value,
    registry: &Registry,
) -> Result<Input, TooDeep> {
    match input {
        Input::Raw(bytes) if is_placeholder_named(bytes, name) => v.at_decoded(registry),
        Input::Raw(_) => Ok(input.clone()),
        Input::Node(node) => Ok(match subst_node(node, name, v, registry)? {
            Some(node) => Input::Node(node),
            None => input.clone(),
        }),
    }
}

/// `subst` into a node; `None` when nothing changes.
fn subst_node(
    node: &Node,
    name: &[u8],
    v: &Value,
    registry: &Registry,
) -> Result<Option<Rc<Node>>, TooDeep> {
    let mut inputs: Option<Inputs> = None;
    let set = |inputs: &mut Option<Inputs>, i: usize, new: Input| {
        inputs.get_or_insert_with(|| node.inputs.clone())[i] = new;
    };
    match node.kind {
        Some(PredicateKind::Connective(
            ConnectiveKind::Not | ConnectiveKind::And | ConnectiveKind::Or,
        )) => {
            for (i, input) in node.inputs.iter().enumerate() {
                match input {
                    Input::Raw(bytes) if is_placeholder_named(bytes, name) => {
                        set(&mut inputs, i, v.at_decoded(registry)?);
                    }
                    Input::Raw(_) => {}
                    Input::Node(child) => {
                        if let Some(new) = subst_node(child, name, v, registry)? {
                            set(&mut inputs, i, Input::Node(new));
                        }
                    }
                }
            }
        }
        Some(PredicateKind::Connective(_)) => {
            if node.inputs.len() == 3 {
                let hint = node.raw(0);
                if has_template(hint, name) {
                    let expanded = ovm_core::expand_template(hint, name, &v.bytes);
                    set(&mut inputs, 0, Input::Raw(expanded));
                }
                if node.raw(1).as_ref() != name {
                    match &node.inputs[2] {
                        Input::Raw(bytes) if is_placeholder_named(bytes, name) => {
                            set(&mut inputs, 2, v.at_decoded(registry)?);
                        }
                        Input::Raw(_) => {}
                        Input::Node(body) => {
                            if let Some(new) = subst_node(body, name, v, registry)? {
                                set(&mut inputs, 2, Input::Node(new));
                            }
                        }
                    }
                }
            }
        }
        _ => {
            for (i, input) in node.inputs.iter().enumerate() {
                if input.is_placeholder_named(name) {
                    set(&mut inputs, i, Input::Raw(v.bytes.clone()));
                }
            }
        }
    }
    let Some(inputs) = inputs else {
        return Ok(None);
    };
    let new = Node::new(node.predicate, node.kind, inputs);
    if new.depth >= MAX_LEVELS {
        return Err(TooDeep);
    }
    Ok(Some(Rc::new(new)))
}

/// Structural keys: the tree's key material (predicate, arity, each input as raw bytes or its
/// child's key) hashed by two folded-multiply lanes, each under its own per-call random seed
/// (128 bits: 2^24 distinct properties collide with probability about 2^-80; the seeds are
/// never revealed, so an input cannot aim at a collision).
pub(crate) struct Keyer {
    /// Drawn on first use (a claim that is one atomic needs no key).
    seeds: OnceCell<[u64; 2]>,
    buffer: std::cell::RefCell<Vec<u8>>,
    /// Digests of long raw inputs by allocation (each entry holds its bytes, so the allocation
    /// stays immutable and is never reused while listed): a long input shared by many
    /// instances (a large constant in a quantifier body) is hashed once, not once per
    /// instance. At most [`LONG_DIGESTS`] entries; then it starts afresh.
    long_digests: std::cell::RefCell<std::collections::HashMap<(usize, usize), (Bytes, u128)>>,
}

/// Raw inputs at least this long enter a node's key as their digest.
const LONG_RAW: usize = 256;

/// How many long-input digests a [`Keyer`] remembers.
const LONG_DIGESTS: usize = 4096;

fn fold(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

const P0: u64 = 0xa076_1d64_78bd_642f;
const P1: u64 = 0xe703_7ed1_a0b4_28db;
const P2: u64 = 0x8ebc_6af0_9c88_c6e3;

/// A folded-multiply (wyhash-style) hash of `bytes` under `seed`.
fn fold_hash(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(P0);
    let mut chunks = bytes.chunks_exact(16);
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap());
    for c in &mut chunks {
        h = fold(word(&c[..8]) ^ P1 ^ h, word(&c[8..]) ^ seed ^ P2);
    }
    let rest = chunks.remainder();
    let mut tail = [0u8; 16];
    tail[..rest.len()].copy_from_slice(rest);
    h = fold(word(&tail[..8]) ^ P1 ^ h, word(&tail[8..]) ^ seed ^ P2);
    fold(h ^ P0, seed ^ P1)
}

impl Keyer {
    pub(crate) fn new() -> Self {
        Self {
            seeds: OnceCell::new(),
            buffer: std::cell::RefCell::new(Vec::new()),
            long_digests: std::cell::RefCell::default(),
        }
    }

    fn seeds(&self) -> [u64; 2] {
        *self.seeds.get_or_init(|| {
            let random = std::hash::RandomState::new();
            [
                random.hash_one(0x006f_766d_u64),
                random.hash_one(0x6b65_7973_u64),
            ]
        })
    }

    fn digest(&self, bytes: &[u8]) -> u128 {
        let [a, b] = self.seeds();
        (u128::from(fold_hash(a, bytes)) << 64) | u128::from(fold_hash(b, bytes))
    }

    /// The digest of a long raw input, remembered by its allocation.
    fn long_digest(&self, bytes: &Bytes) -> u128 {
        let at = (bytes.as_ptr() as usize, bytes.len());
        let mut digests = self.long_digests.borrow_mut();
        if let Some((_, digest)) = digests.get(&at) {
            return *digest;
        }
        if digests.len() >= LONG_DIGESTS {
            digests.clear();
        }
        let digest = self.digest(bytes);
        digests.insert(at, (bytes.clone(), digest));
        digest
    }

    fn node_key(&self, node: &Node) -> u128 {
        // Children first (they may recurse), then one pass over the key material.
        for input in node.inputs.iter() {
            if let Input::Node(child) = input {
                child.key(self);
            }
        }
        let mut buffer = self.buffer.borrow_mut();
        buffer.clear();
        buffer.extend_from_slice(node.predicate.as_slice());
        buffer.extend_from_slice(&(node.inputs.len() as u64).to_le_bytes());
        for input in node.inputs.iter() {
            match input {
                Input::Raw(bytes) if bytes.len() >= LONG_RAW => {
                    buffer.push(2);
                    buffer.extend_from_slice(&self.long_digest(bytes).to_le_bytes());
                }
                Input::Raw(bytes) => {
                    buffer.push(0);
                    buffer.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
                    buffer.extend_from_slice(bytes);
                }
                Input::Node(child) => {
                    buffer.push(1);
                    buffer.extend_from_slice(&child.key(self).to_le_bytes());
                }
            }
        }
        self.digest(&buffer)
    }
}

/// A hasher for keys that are already random (`u128` structural keys).
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u128(&mut self, key: u128) {
        self.0 = (key as u64) ^ ((key >> 64) as u64);
    }
}

/// `BuildHasher` of [`KeyHasher`].
pub(crate) type KeyState = std::hash::BuildHasherDefault<KeyHasher>;

/// A fast hasher for byte strings (a quantifier's domain, deduplicated): the folded-multiply
/// hash under a fixed seed. Its worst case is bounded by the 4096-candidate cap.
#[derive(Default)]
pub(crate) struct FoldHasher(u64);

impl Hasher for FoldHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = fold_hash(self.0 ^ P2, bytes);
    }
}

/// `BuildHasher` of [`FoldHasher`].
pub(crate) type FoldState = std::hash::BuildHasherDefault<FoldHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_encode_agree_with_core() {
        let b = ovm_core::Builder::new(Registry::with_test_addresses());
        let p = b.and([
            b.not(b.equal(Bytes::from_static(b"a"), Bytes::new()))
                .encode(),
            Bytes::from_static(&[1; 33]),
        ]);
        let enc = p.encode();
        let (predicate, inputs) = parse(&enc).unwrap();
        assert_eq!(Property::new(predicate, inputs.clone()), p);
        let refs: Vec<&[u8]> = inputs.iter().map(|i| i.as_ref()).collect();
        assert_eq!(encode(predicate, &refs), enc);
    }

    /// Long raw inputs enter keys by digest: equal contents in different allocations give
    /// equal keys, a one-byte change a different key, also once the digest memory restarts.
    #[test]
    fn long_raw_inputs_key_by_content() {
        let b = ovm_core::Builder::new(Registry::with_test_addresses());
        let keyer = Keyer::new();
        let key = |long: Vec<u8>| {
            let p = b.equal(Bytes::from_static(b"a"), Bytes::from(long));
            Node::from_property(&p, b.registry()).unwrap().key(&keyer)
        };
        let long = vec![7u8; LONG_RAW + 1];
        let mut changed = long.clone();
        changed[LONG_RAW] = 8;
        let first = key(long.clone());
        assert_eq!(key(long.clone()), first);
        assert_ne!(key(changed.clone()), first);
        for i in 0..LONG_DIGESTS {
            key([&long[..], &i.to_le_bytes()].concat());
        }
        assert_eq!(key(long), first);
        assert_ne!(key(changed), first);
    }

    proptest::proptest! {
        /// `parse` is exactly the canonical test of §1, and `encode` is `enc`.
        #[test]
        fn parse_is_the_canonical_test(
            address in proptest::prelude::any::<[u8; 20]>(),
            inputs in proptest::collection::vec(proptest::collection::vec(0u8..3, 0..70), 0..4),
            flip in proptest::option::of((0usize..600, 0u8..=255)),
            cut in 0usize..64,
        ) {
            let p = Property::new(Address::from(address), inputs.into_iter().map(Bytes::from));
            let mut bytes = p.encode().to_vec();
            if let Some((at, value)) = flip {
                let at = at % bytes.len();
                bytes[at] = value;
            }
            if cut % 8 == 1 {
                bytes.truncate(bytes.len().saturating_sub(cut));
            } else if cut % 8 == 2 {
                bytes.extend(std::iter::repeat_n(0, cut));
            }
            let bytes = Bytes::from(bytes);
            let ours = parse(&bytes).map(|(a, i)| Property::new(a, i));
            proptest::prop_assert_eq!(&ours, &Property::decode_canonical(&bytes));
            if let Some(q) = ours {
                let refs: Vec<&[u8]> = q.inputs.iter().map(|i| i.as_ref()).collect();
                proptest::prop_assert_eq!(encode(q.predicate, &refs), q.encode());
            }
        }
    }
}
