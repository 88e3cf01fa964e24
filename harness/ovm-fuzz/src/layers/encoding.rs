//! Layer E: `enc`/`id`, "is a property", the placeholder test, `subst`, depth and
//! admissibility, Rust vs the contracts' views (`UAC.getPropertyId/isProperty/isPlaceholder/
//! depthOf`, `ForAll.subst/isAdmissible`), on generated properties (open ones, with free
//! placeholders) and byte-level adversarial inputs.

use super::{Cx, FuzzLayer, view};
use crate::{
    divergence::{Divergence, Layer},
    env::Env,
    generate::{
        EncodingMutation, Interp, NAMES, Shape, Var, VarTy, adversarial_bytes, encoding_mutation,
        mutate_encoding, shape,
    },
    world::{Material, WorldParams, world_params},
};
use ovm_chain::bindings::{
    ForAllSuchThatQuantifier as ForAll, UniversalAdjudicationContract as Uac,
};
use ovm_core::{Bytes, Property, U256, abi, placeholder::placeholder};
use ovm_vectors::{Check, EncodingVector, Info, Input, VectorFile};
use proptest::prelude::*;

/// One encoding check, on concrete bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ECheck {
    /// `id(P)` vs `UAC.getPropertyId(P)`.
    Id(Property),
    /// "is a property" vs `UAC.isProperty`.
    IsProperty(Bytes),
    /// The placeholder test vs `UAC.isPlaceholder`.
    Placeholder(Bytes),
    /// `min(depth, 35)` vs `UAC.depthOf`.
    Depth(Bytes),
    /// `subst(x, name, v)` vs `ForAll.subst`.
    Subst {
        /// Substituted into.
        x: Bytes,
        /// The variable's raw name.
        name: Bytes,
        /// The bound value.
        v: Bytes,
    },
    /// Admissibility vs `ForAll.isAdmissible(body, name, t, nots)`.
    Admissible {
        /// `ThereExists` witness (`nots = 2`) rather than a ForAll challenge (`nots = 1`).
        exists: bool,
        /// The body.
        body: Bytes,
        /// The variable's raw name.
        name: Bytes,
        /// The bound value.
        t: Bytes,
    },
}

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
    /// The concrete checks of this case.
    pub fn checks(&self, env: &Env) -> Vec<ECheck> {
        let mat = Material::build(&self.world, env.deployment().commitment);
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
        let mut checks = vec![
            ECheck::IsProperty(x.clone()),
            ECheck::Placeholder(x.clone()),
            ECheck::Placeholder(v.clone()),
            ECheck::Depth(x.clone()),
            ECheck::Subst {
                x: x.clone(),
                name: name.clone(),
                v: v.clone(),
            },
            ECheck::Admissible {
                exists: self.free % 2 == 1,
                body: x.clone(),
                name,
                t: v,
            },
        ];
        if let Some(p) = Property::decode_canonical(&x) {
            checks.push(ECheck::Id(p));
        }
        checks
    }
}

/// Layer E.
#[derive(Debug)]
pub struct Encoding;

/// Runs the checks; the first disagreement is the divergence.
pub fn run_checks(cx: Cx<'_>, checks: &[ECheck]) -> Result<String, Divergence> {
    let env = cx.env;
    let registry = env.registry();
    let d = *env.deployment();
    let mut chain = env
        .chain(7, &Default::default())
        .map_err(|e| super::driver(Layer::E, "chain", e))?;
    let s = cx.subject;
    let mut summary = Vec::new();
    let differ = |check: &str, rust: String, contract: String, on: &[u8]| {
        Divergence::bug(
            Layer::E,
            "encoding",
            check,
            format!(
                "on 0x{}: Rust {rust}, contracts {contract}",
                ovm_core::Bytes::copy_from_slice(on)
                    .to_string()
                    .trim_start_matches("0x")
            ),
        )
    };
    for check in checks {
        match check {
            ECheck::Id(p) => {
                let ours = s.id(p);
                let theirs = view(
                    cx,
                    Layer::E,
                    &mut chain,
                    d.uac,
                    &Uac::getPropertyIdCall { property: p.into() },
                )?;
                if ours != theirs {
                    return Err(differ(
                        "id",
                        ours.to_string(),
                        theirs.to_string(),
                        &p.encode(),
                    ));
                }
            }
            ECheck::IsProperty(x) => {
                let ours = s.is_property(x);
                let theirs = view(
                    cx,
                    Layer::E,
                    &mut chain,
                    d.uac,
                    &Uac::isPropertyCall { x: x.clone() },
                )?;
                if ours != theirs {
                    return Err(differ(
                        "is_property",
                        ours.to_string(),
                        theirs.to_string(),
                        x,
                    ));
                }
                summary.push(if ours { "prop" } else { "raw" });
            }
            ECheck::Placeholder(x) => {
                let ours = s.is_placeholder(x);
                let theirs = view(
                    cx,
                    Layer::E,
                    &mut chain,
                    d.uac,
                    &Uac::isPlaceholderCall { x: x.clone() },
                )?;
                if ours != theirs {
                    return Err(differ(
                        "placeholder",
                        ours.to_string(),
                        theirs.to_string(),
                        x,
                    ));
                }
            }
            ECheck::Depth(x) => {
                let ours = s.depth(x, registry);
                let theirs = view(
                    cx,
                    Layer::E,
                    &mut chain,
                    d.uac,
                    &Uac::depthOfCall { x: x.clone() },
                )?;
                if U256::from(ours) != theirs {
                    return Err(differ("depth", ours.to_string(), theirs.to_string(), x));
                }
            }
            ECheck::Subst { x, name, v } => {
                let ours = s.subst(x, name, v, registry);
                let call = ForAll::substCall {
                    x: x.clone(),
                    name: name.clone(),
                    v: v.clone(),
                };
                let theirs = view(cx, Layer::E, &mut chain, d.for_all, &call)?;
                if ours != theirs {
                    return Err(differ(
                        "subst",
                        format!("{ours} (name {name}, v {v})"),
                        theirs.to_string(),
                        x,
                    ));
                }
            }
            ECheck::Admissible {
                exists,
                body,
                name,
                t,
            } => {
                let ours = s.is_admissible(registry, *exists, name, body, t);
                let call = ForAll::isAdmissibleCall {
                    body: body.clone(),
                    name: name.clone(),
                    t: t.clone(),
                    nots: U256::from(if *exists { 2u8 } else { 1 }),
                };
                let theirs = view(cx, Layer::E, &mut chain, d.for_all, &call)?;
                if ours != theirs {
                    return Err(differ(
                        "admissible",
                        format!("{ours} (name {name}, t {t}, exists {exists})"),
                        theirs.to_string(),
                        body,
                    ));
                }
            }
        }
    }
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

    fn check(cx: Cx<'_>, case: &ECase) -> Result<String, Divergence> {
        run_checks(cx, &case.checks(cx.env))
    }

    fn to_vector(cx: Cx<'_>, case: &ECase, _divergence: &Divergence) -> Option<VectorFile> {
        Some(checks_vector(cx.env, &case.checks(cx.env)))
    }
}

/// The encoding vector of `checks` (admissibility is not in the vector format and is left out).
pub fn checks_vector(env: &Env, checks: &[ECheck]) -> VectorFile {
    let registry = env.registry();
    let input = |b: &[u8]| Input::from_bytes(b, registry);
    let checks = checks
        .iter()
        .filter_map(|c| {
            Some(match c {
                ECheck::Id(p) => Check::Id {
                    property: ovm_vectors::Expr::from_property(p, registry),
                    expect: None,
                },
                ECheck::IsProperty(x) => Check::IsProperty {
                    bytes: input(x),
                    expect: None,
                },
                ECheck::Placeholder(x) => Check::Placeholder {
                    bytes: input(x),
                    expect: None,
                },
                ECheck::Depth(x) => Check::Depth {
                    bytes: input(x),
                    expect: None,
                },
                ECheck::Subst { x, name, v } => Check::Subst {
                    x: input(x),
                    name: Input::hex(name),
                    value: input(v),
                    expect: None,
                },
                ECheck::Admissible { .. } => return None,
            })
        })
        .collect();
    VectorFile::new(Info::new(""), EncodingVector { checks })
}

/// The checks of an encoding vector.
pub fn checks_of_vector(
    vector: &EncodingVector,
    resolver: &ovm_vectors::Resolver<'_>,
) -> Result<Vec<ECheck>, String> {
    let e = |e: ovm_vectors::ResolveError| e.to_string();
    vector
        .checks
        .iter()
        .enumerate()
        .map(|(i, check)| {
            let path = format!("checks[{i}]");
            Ok(match check {
                Check::Id { property, .. } => {
                    ECheck::Id(resolver.property(property, &path).map_err(e)?)
                }
                Check::IsProperty { bytes, .. } => {
                    ECheck::IsProperty(resolver.input(bytes, &path).map_err(e)?)
                }
                Check::Placeholder { bytes, .. } => {
                    ECheck::Placeholder(resolver.input(bytes, &path).map_err(e)?)
                }
                Check::Depth { bytes, .. } => {
                    ECheck::Depth(resolver.input(bytes, &path).map_err(e)?)
                }
                Check::Subst { x, name, value, .. } => ECheck::Subst {
                    x: resolver.input(x, &path).map_err(e)?,
                    name: resolver.input(name, &path).map_err(e)?,
                    v: resolver.input(value, &path).map_err(e)?,
                },
            })
        })
        .collect()
}
