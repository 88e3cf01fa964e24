//! Property generators: well-typed, domain-guarded property trees over all five connectives
//! and nine atomics ([`Shape`] + [`Interp::build`]), and byte-level adversarial inputs
//! ([`adversarial_bytes`]).
//!
//! A [`Shape`] is world-independent (small selectors that shrink towards the simplest choice);
//! [`Interp::build`] interprets it against a [`Material`]: quantifier hints match the world (`KEY`,
//! `NUMBER`, `STORED`, `RANGE`, nested `KEY` hints templated on an outer variable), bodies
//! are guarded (`ForAll(h, x, Or(Not(C(x)), P(x)))`, `ThereExists(h, x, And(C(x), P(x)))`) with
//! a guard `C` that holds exactly on the hint's candidates, variables are used deep inside
//! nested connectives and nested quantifiers, and names are reused (shadowing).

use crate::world::{
    A_BUCKET, A_KEY, B_BUCKET, Material, NO_CODE, PROOFS_BUCKET, RANGES_BUCKET, ROGUE, SIGS_BUCKET,
    SigVariant, cycle_quantifier, signature_variant,
};
use ovm_core::{
    AtomicKind, Builder, Bytes, PredicateKind, Property, abi, abi::Range, keccak256,
    placeholder::placeholder, signing::Signer,
};
use proptest::prelude::*;

/// Selectors of one atomic leaf.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AtomSel {
    /// Which atomic (for a closed leaf), modulo 9.
    pub kind: u8,
    /// Whether (and which) bound variable the leaf uses: 0 = closed.
    pub var: u8,
    /// Variant selectors.
    pub a: u8,
    /// Variant selectors.
    pub b: u8,
    /// Variant selectors.
    pub c: u8,
    /// 0 = well-formed; 1 = one input dropped; 2 = one input added. When `c` is even, 1 and 2
    /// instead replace the predicate by an account outside the registry: 1 by
    /// [`NO_CODE`](crate::world::NO_CODE), 2 by [`ROGUE`](crate::world::ROGUE), which answers
    /// true to every call (a property on either is False, §3, and no connective may call it, §4).
    pub malform: u8,
}

/// Selectors of one quantifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuantSel {
    /// `ThereExists` (else `ForAll`).
    pub exists: bool,
    /// Which domain (NUMBER, first-level KEY, nested KEY, STORED, proofs, signatures, RANGE,
    /// a cycle, a malformed hint).
    pub domain: u8,
    /// A parameter of the domain (NUMBER bounds, the STORED block, the message).
    pub param: u8,
    /// Which variable name (`x`, `y`, `z`, `w`, an 18-byte name), possibly shadowing.
    pub name: u8,
    /// 0 = unguarded body (the claim may rely on values outside its candidates).
    pub guard: u8,
}

/// A world-independent property shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// An atomic leaf.
    Atom(AtomSel),
    /// `Not(p)`.
    Not(Box<Shape>),
    /// `And(p0..pn)`.
    And(Vec<Shape>),
    /// `Or(p0..pn)`.
    Or(Vec<Shape>),
    /// `ForAll` / `ThereExists` over a domain of the world.
    Quant(QuantSel, Box<Shape>),
}

/// The [`QuantSel::domain`] of a quantifier over a message's signatures.
const SIGNATURE_DOMAIN: u8 = 5;
/// The [`QuantSel::domain`] of a quantifier over range-keyed values (a `RANGE` hint).
const RANGE_DOMAIN: u8 = 6;
/// The [`QuantSel::domain`] of a self-referential quantifier ([`cycle_quantifier`]; a
/// malformed hint's in a world without [`Material::with_cycles`]).
const CYCLE_DOMAIN: u8 = 7;

impl Shape {
    /// Whether interpreting the shape reads the world's signatures (a quantifier over a
    /// message's signatures), so its [`Material`] must be built with them.
    pub fn reads_signatures(&self) -> bool {
        match self {
            Self::Atom(_) => false,
            Self::Not(inner) => inner.reads_signatures(),
            Self::And(children) | Self::Or(children) => children.iter().any(Self::reads_signatures),
            Self::Quant(sel, body) => sel.domain == SIGNATURE_DOMAIN || body.reads_signatures(),
        }
    }
}

/// The strategy of an atomic leaf's selectors.
pub fn atom_sel() -> impl Strategy<Value = AtomSel> {
    (
        0u8..9,
        0u8..4,
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        prop_oneof![8 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
    )
        .prop_map(|(kind, var, a, b, c, malform)| AtomSel {
            kind,
            var,
            a,
            b,
            c,
            malform,
        })
}

/// The strategy of a quantifier's selectors (one in ten is unguarded).
pub fn quant_sel() -> impl Strategy<Value = QuantSel> {
    (
        any::<bool>(),
        0u8..9,
        any::<u8>(),
        0u8..5,
        prop_oneof![9 => Just(1u8), 1 => Just(0u8)],
    )
        .prop_map(|(exists, domain, param, name, guard)| QuantSel {
            exists,
            domain,
            param,
            name,
            guard,
        })
}

/// Shapes up to `depth` nested connectives (at most `size` nodes in total, about).
pub fn shape(depth: u32) -> impl Strategy<Value = Shape> {
    atom_sel()
        .prop_map(Shape::Atom)
        .prop_recursive(depth, 24, 3, |inner| {
            prop_oneof![
                2 => inner.clone().prop_map(|s| Shape::Not(Box::new(s))),
                2 => prop::collection::vec(inner.clone(), 0..=3).prop_map(Shape::And),
                2 => prop::collection::vec(inner.clone(), 0..=3).prop_map(Shape::Or),
                4 => (quant_sel(), inner).prop_map(|(q, s)| Shape::Quant(q, Box::new(s))),
            ]
        })
}

/// The type of a bound variable: which domain it ranges over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VarTy {
    /// `abi(uint k)` for `lo ≤ k < hi` (a `NUMBER` hint).
    Num {
        /// Inclusive lower bound.
        lo: u64,
        /// Exclusive upper bound.
        hi: u64,
    },
    /// A first-level value (`a,KEY,0x6b`).
    AVal,
    /// A range-keyed value whose key intersects `[lo, hi)` (`ranges,RANGE,<abi(Range)>`).
    RangeVal {
        /// The window's start.
        lo: u64,
        /// The window's end.
        hi: u64,
    },
    /// A second-level value keyed by the first-level variable `parent` (`b,KEY,${parent}`).
    BVal {
        /// The parent variable's name.
        parent: Vec<u8>,
    },
    /// The root word of a block (`<CC>,STORED,<abi(block)>`).
    Root {
        /// The Plasma block.
        block: u64,
    },
    /// A proof keyed by the root variable `root` (`proofs,KEY,${root}`).
    Proof {
        /// The root variable's name.
        root: Vec<u8>,
    },
    /// A signature of message `msg` (`sigs,KEY,<msg>`).
    Sig {
        /// Index into [`Material::messages`].
        msg: usize,
    },
    /// A malformed hint's variable (no candidates; the quantifier is Unknown unless the fixed
    /// values settle it).
    Junk,
}

/// A bound variable in scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    /// Its raw name.
    pub name: Vec<u8>,
    /// Its domain.
    pub ty: VarTy,
}

/// The variable names quantifiers use; the last is the longest usable (18 bytes).
pub const NAMES: [&[u8]; 5] = [b"x", b"y", b"z", b"w", b"abcdefghijklmnopqr"];

fn hex(bytes: &[u8]) -> String {
    ovm_core::hex::encode_prefixed(bytes)
}

fn pick<T: Clone>(items: &[T], sel: u8) -> Option<T> {
    (!items.is_empty()).then(|| items[sel as usize % items.len()].clone())
}

/// The innermost binding of every name in scope (shadowed bindings are invisible).
fn visible(scope: &[Var]) -> Vec<Var> {
    let mut out: Vec<Var> = Vec::new();
    for var in scope.iter().rev() {
        if !out.iter().any(|v| v.name == var.name) {
            out.push(var.clone());
        }
    }
    out
}

/// Interprets shapes against a world.
pub struct Interp<'a> {
    /// The world material.
    pub mat: &'a Material,
    /// Builds properties with the deployment's addresses.
    pub b: &'a Builder,
}

impl Interp<'_> {
    /// The closed property of `shape` (no variable in scope).
    pub fn closed(&self, shape: &Shape) -> Property {
        match shape {
            // A claim on an unregistered account cannot be claimed: the leaves outside the
            // registry are only ever children (what a connective must not call, §4).
            Shape::Atom(sel) if unregistered(sel) => {
                let registered = AtomSel {
                    c: sel.c | 1,
                    ..*sel
                };
                self.build(&Shape::Atom(registered), &mut Vec::new())
            }
            _ => self.build(shape, &mut Vec::new()),
        }
    }

    /// The property of `shape` with the free variables `free` in scope (placeholders left
    /// unbound), for `subst` parity.
    pub fn open(&self, shape: &Shape, free: &[Var]) -> Property {
        self.build(shape, &mut free.to_vec())
    }

    /// Interprets `shape` with `scope` (outermost first).
    pub fn build(&self, shape: &Shape, scope: &mut Vec<Var>) -> Property {
        let b = self.b;
        match shape {
            Shape::Atom(sel) => self.atom(sel, scope),
            Shape::Not(inner) => b.not(self.build(inner, scope)),
            Shape::And(children) => b.and(
                children
                    .iter()
                    .map(|c| self.build(c, scope).encode())
                    .collect::<Vec<_>>(),
            ),
            Shape::Or(children) => b.or(children
                .iter()
                .map(|c| self.build(c, scope).encode())
                .collect::<Vec<_>>()),
            Shape::Quant(sel, body) => self.quantifier(sel, body, scope),
        }
    }

    fn quantifier(&self, sel: &QuantSel, body: &Shape, scope: &mut Vec<Var>) -> Property {
        let mat = self.mat;
        if sel.domain == CYCLE_DOMAIN && mat.cycles {
            return cycle_quantifier(self.b, sel.exists);
        }
        let vis = visible(scope);
        let parent_of = |pred: fn(&VarTy) -> bool| vis.iter().find(|v| pred(&v.ty)).cloned();
        let (ty, hint) = match sel.domain {
            0 => {
                let lo = u64::from(sel.param % 4);
                let hi = lo + u64::from((sel.param / 4) % 4);
                (VarTy::Num { lo, hi }, number_hint(lo, hi))
            }
            1 => (VarTy::AVal, format!("{A_BUCKET},KEY,{}", hex(A_KEY))),
            2 => match parent_of(|t| *t == VarTy::AVal) {
                Some(p) => (
                    VarTy::BVal {
                        parent: p.name.clone(),
                    },
                    format!("{B_BUCKET},KEY,${{{}}}", String::from_utf8_lossy(&p.name)),
                ),
                None => (VarTy::AVal, format!("{A_BUCKET},KEY,{}", hex(A_KEY))),
            },
            3 | 4 => {
                let root_parent = (sel.domain == 4)
                    .then(|| parent_of(|t| matches!(t, VarTy::Root { .. })))
                    .flatten();
                match root_parent {
                    Some(r) => (
                        VarTy::Proof {
                            root: r.name.clone(),
                        },
                        format!(
                            "{PROOFS_BUCKET},KEY,${{{}}}",
                            String::from_utf8_lossy(&r.name)
                        ),
                    ),
                    None => {
                        // Mostly written blocks (trees first), sometimes a gap.
                        let mut blocks: Vec<u64> = mat.trees.iter().map(|t| t.block).collect();
                        blocks.extend(&mat.written);
                        if sel.param % 5 == 4 {
                            blocks = mat.unwritten.clone();
                        }
                        let block = pick(&blocks, sel.param / 5).unwrap_or(0);
                        (
                            VarTy::Root { block },
                            format!(
                                "{},STORED,{}",
                                hex(mat.commitment.as_slice()),
                                hex(&abi::encode_uint(block))
                            ),
                        )
                    }
                }
            }
            SIGNATURE_DOMAIN => {
                debug_assert!(
                    mat.messages.is_empty() || !mat.sigs.is_empty(),
                    "a shape over signatures interpreted in a world built without them"
                );
                let msg = sel.param as usize % mat.messages.len().max(1);
                let m = mat.messages.get(msg).cloned().unwrap_or_default();
                (VarTy::Sig { msg }, format!("{SIGS_BUCKET},KEY,{}", hex(&m)))
            }
            RANGE_DOMAIN => {
                let lo = u64::from(sel.param % 6);
                let hi = lo + 1 + u64::from((sel.param / 6) % 5);
                let window = Range::from_u64(lo, hi);
                (
                    VarTy::RangeVal { lo, hi },
                    format!("{RANGES_BUCKET},RANGE,{}", hex(&window.encode())),
                )
            }
            _ => (
                VarTy::Junk,
                match sel.param % 4 {
                    0 => "a,KEY".to_owned(),
                    1 => "a,KEY,${unbound}".to_owned(),
                    2 => "a,BOGUS,0x".to_owned(),
                    _ => "a,NUMBER,0x00-0x01".to_owned(),
                },
            ),
        };
        // The name: may shadow an outer variable, but never the parent a hint refers to.
        let avoid: Option<&[u8]> = match &ty {
            VarTy::BVal { parent } => Some(parent),
            VarTy::Proof { root } => Some(root),
            _ => None,
        };
        let mut index = sel.name as usize % NAMES.len();
        if avoid == Some(NAMES[index]) {
            index = (index + 1) % NAMES.len();
        }
        let name = NAMES[index].to_vec();
        let var = Var {
            name: name.clone(),
            ty,
        };
        scope.push(var.clone());
        let inner = self.build(body, scope);
        let guard = (sel.guard != 0).then(|| self.guard(&var, scope));
        scope.pop();
        let b = self.b;
        let body = match guard {
            Some(guard) if sel.exists => b.and([guard.encode(), inner.encode()]),
            Some(guard) => b.or([b.not(guard).encode(), inner.encode()]),
            None => inner,
        };
        if sel.exists {
            b.there_exists(hint, name, body)
        } else {
            b.for_all(hint, name, body)
        }
    }

    /// `C(x)`: true exactly on the candidates of `var`'s hint.
    fn guard(&self, var: &Var, _scope: &[Var]) -> Property {
        let b = self.b;
        let mat = self.mat;
        let x = || placeholder(&var.name);
        let one_of = |values: Vec<Bytes>| {
            b.or(values
                .into_iter()
                .map(|v| b.equal(x(), v).encode())
                .collect::<Vec<_>>())
        };
        let pairs = |parent: &[u8], entries: &[(Bytes, Bytes)]| {
            b.or(entries
                .iter()
                .map(|(k, v)| {
                    b.and([
                        b.equal(placeholder(parent), k.clone()).encode(),
                        b.equal(x(), v.clone()).encode(),
                    ])
                    .encode()
                })
                .collect::<Vec<_>>())
        };
        match &var.ty {
            VarTy::Num { lo, hi } => b.and([
                b.not(b.is_less_than(x(), abi::encode_uint(*lo))).encode(),
                b.is_less_than(x(), abi::encode_uint(*hi)).encode(),
            ]),
            VarTy::AVal => one_of(mat.a_values.clone()),
            VarTy::RangeVal { lo, hi } => one_of(mat.range_candidates(&Range::from_u64(*lo, *hi))),
            VarTy::BVal { parent } => pairs(parent, &mat.b_entries),
            VarTy::Root { block } => b.is_stored(mat.commitment, abi::encode_uint(*block), x()),
            VarTy::Proof { root } => pairs(root, &mat.proof_entries),
            VarTy::Sig { msg } => one_of(
                mat.sigs
                    .iter()
                    .filter(|(m, _)| m == msg)
                    .map(|(_, s)| s.clone())
                    .collect(),
            ),
            VarTy::Junk => b.equal(x(), x()),
        }
    }

    fn atom(&self, sel: &AtomSel, scope: &[Var]) -> Property {
        let vis = visible(scope);
        let property = match (sel.var, pick(&vis, sel.a)) {
            (1..=3, Some(var)) => self.var_atom(sel, &var, &vis),
            _ => self.closed_atom(sel),
        };
        malform(property, sel)
    }

    fn var_atom(&self, sel: &AtomSel, var: &Var, vis: &[Var]) -> Property {
        let b = self.b;
        let mat = self.mat;
        let x = placeholder(&var.name);
        let other = vis
            .iter()
            .find(|v| v.name != var.name)
            .map(|v| placeholder(&v.name));
        let small = abi::encode_uint(u64::from(sel.c % 6));
        match &var.ty {
            VarTy::Num { .. } => match sel.b % 5 {
                0 => b.is_less_than(x, small),
                1 => b.is_less_than(small, x),
                2 => b.equal(x, small),
                3 => {
                    let block = pick(&mat.written, sel.c).unwrap_or(0);
                    b.is_stored(mat.commitment, x, mat.root_word(block).unwrap_or_default())
                }
                _ => b.is_less_than(x, other.unwrap_or(small)),
            },
            VarTy::AVal | VarTy::RangeVal { .. } | VarTy::BVal { .. } | VarTy::Junk => {
                match sel.b % 4 {
                    0 => b.equal(x, pick(&mat.value_pool(), sel.c).unwrap_or_default()),
                    1 => b.equal(x, other.unwrap_or_default()),
                    2 => {
                        let v = pick(&mat.value_pool(), sel.c).unwrap_or_default();
                        b.is_hash_preimage(abi::encode_b256(keccak256(&v)), x)
                    }
                    _ => b.is_less_than(x, small),
                }
            }
            VarTy::Root { .. } => match sel.b % 3 {
                0 => {
                    let block = pick(&mat.written, sel.c).unwrap_or(0);
                    b.is_stored(mat.commitment, abi::encode_uint(block), x)
                }
                1 => b.equal(
                    x,
                    mat.root_word(pick(&mat.written, sel.c).unwrap_or(0))
                        .unwrap_or_default(),
                ),
                _ => {
                    let (leaf, range, proof) = self.leaf(sel.c);
                    b.verify_inclusion(leaf, range, proof, x)
                }
            },
            VarTy::Proof { root } => {
                let (leaf, range, _) = self.leaf(sel.c);
                let root_input = if sel.b % 4 == 3 {
                    mat.root_word(pick(&mat.written, sel.c).unwrap_or(0))
                        .unwrap_or_default()
                } else {
                    placeholder(root)
                };
                b.verify_inclusion(leaf, range, x, root_input)
            }
            VarTy::Sig { msg } => {
                let m = mat.messages.get(*msg).cloned().unwrap_or_default();
                let seed = pick(&mat.seeds, sel.c).unwrap_or(1);
                b.is_valid_signature(m, x, Signer::from_seed(seed).address_word())
            }
        }
    }

    /// A leaf of some tree, its range and valid proof (or an empty stand-in without trees).
    fn leaf(&self, sel: u8) -> (Bytes, Bytes, Bytes) {
        let leaves: Vec<_> = self.mat.trees.iter().flat_map(|t| &t.leaves).collect();
        match pick(&leaves, sel) {
            Some(leaf) => (leaf.leaf.clone(), leaf.range.encode(), leaf.proof.clone()),
            None => (
                Bytes::from_static(b"leaf"),
                Range::from_u64(0, 1).encode(),
                Bytes::new(),
            ),
        }
    }

    fn closed_atom(&self, sel: &AtomSel) -> Property {
        let b = self.b;
        let mat = self.mat;
        let kind = AtomicKind::ALL[sel.kind as usize % 9];
        let (a, bb, c) = (sel.a, sel.b, sel.c);
        match kind {
            AtomicKind::Equal => {
                let pool = mat.value_pool();
                let x = pick(&pool, a).unwrap_or_default();
                let y = if bb % 2 == 0 {
                    x.clone()
                } else {
                    pick(&pool, c).unwrap_or_default()
                };
                b.equal(x, y)
            }
            AtomicKind::IsLessThan => {
                let word = |n: u8| {
                    if n % 11 == 10 {
                        Bytes::from(vec![n; 31])
                    } else {
                        abi::encode_uint(u64::from(n % 5))
                    }
                };
                b.is_less_than(word(a), word(bb))
            }
            AtomicKind::IsValidSignature => {
                let m = pick(&mat.messages, a).unwrap_or_default();
                let seed = pick(&mat.seeds, c).unwrap_or(1);
                let other = pick(&mat.seeds, c.wrapping_add(1)).unwrap_or(seed + 1);
                let variant = SigVariant::ALL[bb as usize % SigVariant::ALL.len()];
                let sig = signature_variant(variant, seed, other, &m);
                let signer_word = match c % 8 {
                    6 => abi::encode_address(Default::default()),
                    7 => {
                        let mut w = Signer::from_seed(seed).address_word().to_vec();
                        w[0] = 1;
                        w.into()
                    }
                    _ => Signer::from_seed(seed).address_word(),
                };
                let tag: &[u8] = if a % 16 == 15 {
                    b"secp256k2"
                } else {
                    b"secp256k1"
                };
                b.predicate(
                    PredicateKind::Atomic(AtomicKind::IsValidSignature),
                    [m, sig, signer_word, Bytes::copy_from_slice(tag)],
                )
            }
            AtomicKind::IsHashPreimage => {
                let pool = mat.value_pool();
                let pre = pick(&pool, a).unwrap_or_default();
                let hash = match bb % 4 {
                    0 | 1 => abi::encode_b256(keccak256(&pre)),
                    2 => abi::encode_b256(keccak256(pick(&pool, c).unwrap_or_default())),
                    _ => Bytes::copy_from_slice(&keccak256(&pre)[..31]),
                };
                b.is_hash_preimage(hash, pre)
            }
            AtomicKind::IsContained | AtomicKind::HasIntersection | AtomicKind::IsSameAmount => {
                let range = |s: u8, w: u8| {
                    if w % 13 == 12 {
                        Bytes::from(vec![0u8; 63])
                    } else {
                        let start = u64::from(s % 6);
                        // width 0 (invalid) now and then
                        Range::from_u64(start, start + u64::from(w % 4)).encode()
                    }
                };
                let x = range(a, bb);
                let y = range(c, a ^ bb);
                b.predicate(PredicateKind::Atomic(kind), [x, y])
            }
            AtomicKind::IsStored => {
                let written = pick(&mat.written, a);
                let unwritten = pick(&mat.unwritten, a);
                let block = if bb % 3 == 2 { unwritten } else { written }.unwrap_or(0);
                let key = if c % 9 == 8 {
                    Bytes::from(vec![0u8; 31])
                } else {
                    abi::encode_uint(block)
                };
                let value = match c % 3 {
                    0 | 1 => mat.root_word(block).unwrap_or_else(|| abi::encode_uint(1)),
                    _ => mat
                        .root_word(pick(&mat.written, c).unwrap_or(0))
                        .unwrap_or_default(),
                };
                let storage = match bb % 7 {
                    5 => abi::encode_address(b.registry().atomic_address(AtomicKind::Equal)),
                    6 => {
                        let mut w = abi::encode_address(mat.commitment).to_vec();
                        w[0] = 1;
                        w.into()
                    }
                    _ => abi::encode_address(mat.commitment),
                };
                b.predicate(PredicateKind::Atomic(kind), [storage, key, value])
            }
            AtomicKind::VerifyInclusion => {
                let leaves: Vec<_> = mat
                    .trees
                    .iter()
                    .flat_map(|t| t.leaves.iter().map(move |l| (t, l)))
                    .collect();
                let Some((tree, leaf)) = pick(&leaves, a) else {
                    return b.verify_inclusion(
                        Bytes::from_static(b"leaf"),
                        Range::from_u64(0, 1).encode(),
                        Bytes::new(),
                        abi::encode_b256(keccak256(b"leaf")),
                    );
                };
                let root = abi::encode_b256(tree.root);
                let r = leaf.range;
                let one = ovm_core::U256::from(1u8);
                match bb % 7 {
                    0 => {
                        b.verify_inclusion(leaf.leaf.clone(), r.encode(), leaf.proof.clone(), root)
                    }
                    1 => b.verify_inclusion(
                        leaf.leaf.clone(),
                        Range::new(r.start, r.start + one).encode(),
                        leaf.proof.clone(),
                        root,
                    ),
                    2 => b.verify_inclusion(
                        leaf.leaf.clone(),
                        Range::new(r.start, r.end + one).encode(),
                        leaf.proof.clone(),
                        root,
                    ),
                    3 => b.verify_inclusion(
                        leaf.leaf.clone(),
                        r.encode(),
                        leaf.tampered.clone(),
                        root,
                    ),
                    4 => b.verify_inclusion(
                        Bytes::from(vec![c; 2]),
                        r.encode(),
                        leaf.proof.clone(),
                        root,
                    ),
                    5 => {
                        let mut proof = leaf.proof.to_vec();
                        proof.extend([0u8; 32]);
                        b.verify_inclusion(leaf.leaf.clone(), r.encode(), proof, root)
                    }
                    _ => b.verify_inclusion(
                        leaf.leaf.clone(),
                        r.encode(),
                        leaf.proof.clone(),
                        abi::encode_b256(keccak256(&root)),
                    ),
                }
            }
        }
    }
}

/// `NUMBER` hint for `lo ≤ k < hi`.
pub fn number_hint(lo: u64, hi: u64) -> String {
    format!(
        "range,NUMBER,{}-{}",
        hex(&abi::encode_uint(lo)),
        hex(&abi::encode_uint(hi))
    )
}

/// Whether the leaf of `sel` is moved to an account outside the registry.
fn unregistered(sel: &AtomSel) -> bool {
    matches!(sel.malform, 1 | 2) && sel.c.is_multiple_of(2)
}

/// Drops (1) or adds (2) an input — wrong input counts are False — or moves the leaf to an
/// unregistered account (see [`AtomSel::malform`]).
fn malform(mut property: Property, sel: &AtomSel) -> Property {
    match sel.malform {
        1 if unregistered(sel) => property.predicate = NO_CODE,
        2 if unregistered(sel) => property.predicate = ROGUE,
        1 => {
            property.inputs.pop();
        }
        2 => property.inputs.push(Bytes::from_static(b"extra")),
        _ => {}
    }
    property
}

/// Mutations of a canonical property encoding that make it raw bytes (or not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingMutation {
    /// Unchanged.
    None,
    /// 32 zero bytes appended.
    Trailing,
    /// The last word dropped.
    Truncated,
    /// A high byte of the address word set.
    DirtyAddress,
    /// The head word changed to `0x40`.
    BadHead,
    /// A padding byte of the last word set.
    DirtyPadding,
    /// The inputs-offset word bumped.
    BadOffset,
    /// One byte flipped at a position.
    Flip(u16),
}

/// Applies `mutation` to `enc`.
pub fn mutate_encoding(enc: &[u8], mutation: EncodingMutation) -> Bytes {
    let mut out = enc.to_vec();
    let n = out.len();
    match mutation {
        EncodingMutation::None => {}
        EncodingMutation::Trailing => out.extend([0u8; 32]),
        EncodingMutation::Truncated => out.truncate(n.saturating_sub(32)),
        EncodingMutation::DirtyAddress if n > 32 => out[32] = 1,
        EncodingMutation::BadHead if n > 31 => out[31] = 0x40,
        EncodingMutation::DirtyPadding if n > 0 => out[n - 1] |= 1,
        EncodingMutation::BadOffset if n > 95 => out[95] = out[95].wrapping_add(0x20),
        EncodingMutation::Flip(at) if n > 0 => out[at as usize % n] ^= 0x01,
        _ => {}
    }
    out.into()
}

/// The strategy of encoding mutations.
pub fn encoding_mutation() -> impl Strategy<Value = EncodingMutation> {
    prop_oneof![
        4 => Just(EncodingMutation::None),
        1 => Just(EncodingMutation::Trailing),
        1 => Just(EncodingMutation::Truncated),
        1 => Just(EncodingMutation::DirtyAddress),
        1 => Just(EncodingMutation::BadHead),
        1 => Just(EncodingMutation::DirtyPadding),
        1 => Just(EncodingMutation::BadOffset),
        2 => any::<u16>().prop_map(EncodingMutation::Flip),
    ]
}

/// Byte-level adversarial inputs that are not (necessarily) properties: placeholders at the
/// 19/20-byte edge, raw data starting with `V`, short and odd-length strings, `V` ‖ a word.
pub fn adversarial_bytes() -> impl Strategy<Value = Bytes> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..40).prop_map(Bytes::from),
        (0usize..=21, any::<u8>()).prop_map(|(len, fill)| {
            let mut v = vec![b'a'.wrapping_add(fill % 26); len];
            if let Some(first) = v.first_mut() {
                *first = b'V';
            }
            Bytes::from(v)
        }),
        prop::collection::vec(any::<u8>(), 0..70).prop_map(|mut v| {
            v.insert(0, b'V');
            Bytes::from(v)
        }),
        Just(Bytes::new()),
    ]
}
