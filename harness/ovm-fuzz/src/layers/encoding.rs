//! Layer E: `enc`/`id`, "is a property", the placeholder test, `subst`, depth and
//! admissibility as `encoding` vectors of the conformance engine, Rust vs the contracts' views
//! (`UAC.getPropertyId/isProperty/isPlaceholder/depthOf`, `ForAll.subst/isAdmissible`), on
//! generated properties (open ones, with free placeholders) and byte-level adversarial inputs.

use super::{Cx, Form, FuzzLayer, judged};
use crate::{
    env::Env,
    found::{Found, Layer},
    generate::{
        EncodingMutation, Interp, NAMES, Shape, Var, VarTy, adversarial_bytes, encoding_mutation,
        mutate_encoding, shape,
    },
    world::{Material, WorldParams, world_params},
};
use ovm_core::{Bytes, Property, Registry, U256, abi, placeholder::placeholder};
use ovm_vectors::{Check, EncodingVector, Info, Input, Vector, VectorFile};
use proptest::prelude::*;

/// A generated E case.
#[derive(Clone, Debug)]
pub struct ECase {
    /// The world the property's material comes from.
    pub world: WorldParams,
    /// The property's shape.
    pub shape: Shape,
    /// How many variables are left free (0..=3).
    pub free: u8,
    /// 0: `enc(P)` (mutated); 1: adversarial bytes; 2: a placeholder.
    pub x_kind: u8,
    /// The mutation of `enc(P)`.
    pub mutation: EncodingMutation,
    /// Adversarial bytes for `x`.
    pub raw_x: Bytes,
    /// The variable name: one of [`NAMES`], or adversarial (empty, 19 bytes, `V…`).
    pub name: u8,
    /// 0: raw; 1: `enc` of a closed property; 2: a placeholder; 3: a word.
    pub v_kind: u8,
    /// Adversarial bytes for `v`.
    pub raw_v: Bytes,
}

fn free_vars(n: u8) -> Vec<Var> {
    [
        Var {
            name: b"x".to_vec(),
            ty: VarTy::Num { lo: 0, hi: 3 },
        },
        Var {
            name: b"y".to_vec(),
            ty: VarTy::AVal,
        },
        Var {
            name: b"z".to_vec(),
            ty: VarTy::Root { block: 0 },
        },
    ]
    .into_iter()
    .take(n as usize)
    .collect()
}

impl ECase {
    /// The encoding vector of this case: its checks on concrete bytes.
    pub fn vector(&self, env: &Env, form: Form) -> VectorFile {
        let registry = env.registry();
        let mat = Material::build(
            &self.world,
            env.deployment().commitment,
            self.shape.reads_signatures(),
        );
        let interp = Interp {
            mat: &mat,
            b: env.builder(),
        };
        let property = interp.open(&self.shape, &free_vars(self.free));
        let enc = property.encode();
        let name: Bytes = match self.name {
            0..=4 => Bytes::copy_from_slice(NAMES[self.name as usize]),
            5 => Bytes::new(),
            6 => Bytes::from(vec![b'n'; 19]),
            _ => Bytes::from_static(b"Vx"),
        };
        let x = match self.x_kind {
            0 => mutate_encoding(&enc, self.mutation),
            1 => self.raw_x.clone(),
            _ => placeholder(&name),
        };
        let v = match self.v_kind {
            0 => self.raw_v.clone(),
            1 => interp.closed(&self.shape).encode(),
            2 => placeholder(b"y"),
            _ => abi::encode_u256(U256::from(self.raw_v.len())),
        };
        checks(&x, &name, &v, self.free % 2 == 1, form, registry)
    }
}

/// The encoding vector of the checks on `x` (as bytes; with `name` := `v` substituted, and
/// admissible in a ThereExists body when `exists`): is-property, placeholder (of `x` and
/// `v`), depth, subst, admissibility, and the id when `x` is a property.
pub fn checks(
    x: &[u8],
    name: &[u8],
    v: &[u8],
    exists: bool,
    form: Form,
    registry: &Registry,
) -> VectorFile {
    let input = |b: &[u8]| form.input(b, registry);
    let mut checks = vec![
        Check::IsProperty {
            bytes: input(x),
            expect: None,
        },
        Check::Placeholder {
            bytes: input(x),
            expect: None,
        },
        Check::Placeholder {
            bytes: input(v),
            expect: None,
        },
        Check::Depth {
            bytes: input(x),
            expect: None,
        },
        Check::Subst {
            x: input(x),
            name: Input::hex(name),
            value: input(v),
            expect: None,
        },
        Check::Admissible {
            exists,
            body: input(x),
            name: Input::hex(name),
            value: input(v),
            expect: None,
        },
    ];
    if let Some(p) = Property::decode_canonical(x) {
        checks.push(Check::Id {
            property: form.expr(&p, registry),
            expect: None,
        });
    }
    VectorFile::new(Info::new(""), EncodingVector { checks })
}

/// Layer E.
#[derive(Debug)]
pub struct Encoding;

/// Runs the case's checks through the conformance engine's `encoding` kind: a summary (which
/// inputs are properties), or the first divergence.
pub fn run(cx: Cx<'_>, case: &ECase) -> Result<String, Found> {
    let filled = judged(cx, &case.vector(cx.env, Form::Run))?;
    let Vector::Encoding(v) = &filled.vector else {
        return Ok("agree".into());
    };
    let summary: Vec<&str> = v
        .checks
        .iter()
        .filter_map(|c| match c {
            Check::IsProperty {
                expect: Some(is), ..
            } => Some(if *is { "prop" } else { "raw" }),
            _ => None,
        })
        .collect();
    Ok(format!("agree {}", summary.join(",")))
}

impl FuzzLayer for Encoding {
    type Case = ECase;
    const LAYER: Layer = Layer::E;

    fn strategy(_env: &Env, depth: u32) -> BoxedStrategy<ECase> {
        (
            world_params(),
            shape(depth),
            0u8..=3,
            prop_oneof![6 => Just(0u8), 3 => Just(1u8), 1 => Just(2u8)],
            encoding_mutation(),
            adversarial_bytes(),
            0u8..8,
            0u8..4,
            adversarial_bytes(),
        )
            .prop_map(
                |(world, shape, free, x_kind, mutation, raw_x, name, v_kind, raw_v)| ECase {
                    world,
                    shape,
                    free,
                    x_kind,
                    mutation,
                    raw_x,
                    name,
                    v_kind,
                    raw_v,
                },
            )
            .boxed()
    }

    fn check(cx: Cx<'_>, case: &ECase) -> Result<String, Found> {
        run(cx, case)
    }

    fn to_vector(cx: Cx<'_>, case: &ECase, _found: &Found) -> Option<VectorFile> {
        Some(case.vector(cx.env, Form::Written))
    }
}
