//! Layer A: every atomic on generated (well-typed and malformed) inputs, as `atomic` vectors
//! of the conformance engine: the decider's outcome vs the contract's `decide` and whether
//! `decideTrue` / `decideFalse` succeed after a claim (three-valued: an unwritten `IsStored`
//! is undefined, and then neither succeeds).

use super::{Cx, Form, FuzzLayer, judged};
use crate::{
    env::Env,
    found::{Found, Layer},
    generate::{AtomSel, Interp, atom_sel},
    world::{Material, WorldParams, WorldSpec, world_params},
};
use ovm_core::{AtomicKind, Property};
use ovm_vectors::{AtomicName, AtomicVector, Info, Truth, Vector, VectorFile};
use proptest::prelude::*;

/// A generated A case.
#[derive(Clone, Debug)]
pub struct ACase {
    /// The world.
    pub world: WorldParams,
    /// The atomic's selectors (always a closed leaf).
    pub atom: AtomSel,
}

/// A concrete A case: a world and one atomic property (any inputs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AConcrete {
    /// The world.
    pub world: WorldSpec,
    /// The atomic property.
    pub property: Property,
}

impl ACase {
    /// The concrete case.
    pub fn concrete(&self, env: &Env) -> AConcrete {
        let mat = Material::build(&self.world, env.deployment().commitment, false);
        let interp = Interp {
            mat: &mat,
            b: env.builder(),
        };
        let mut sel = self.atom;
        sel.var = 0;
        AConcrete {
            world: mat.world.clone(),
            property: interp.closed(&crate::generate::Shape::Atom(sel)),
        }
    }
}

/// Runs one atomic property through the conformance engine's `atomic` kind (the decider and
/// `atomic::evaluate` against the contract's `decide` / `decideTrue` / `decideFalse`, and the
/// outcome's shape): a summary, or the first divergence.
pub fn run(cx: Cx<'_>, case: &AConcrete) -> Result<String, Found> {
    let Some(kind) = cx.env.registry().atomic(case.property.predicate) else {
        return Ok("not an atomic".into());
    };
    let filled = judged(cx, &vector(cx.env, case, Form::Run))?;
    let truth = match &filled.vector {
        Vector::Atomic(AtomicVector {
            expect: Some(truth),
            ..
        }) => match truth {
            Truth::True => "true",
            Truth::False => "false",
            Truth::Undefined => "undefined",
        },
        _ => "?",
    };
    Ok(format!("{} {truth}", kind.name()))
}

/// Layer A.
#[derive(Debug)]
pub struct Atomic;

impl FuzzLayer for Atomic {
    type Case = ACase;
    const LAYER: Layer = Layer::A;

    fn strategy(_env: &Env, _depth: u32) -> BoxedStrategy<ACase> {
        (world_params(), atom_sel())
            .prop_map(|(world, atom)| ACase { world, atom })
            .boxed()
    }

    fn check(cx: Cx<'_>, case: &ACase) -> Result<String, Found> {
        run(cx, &case.concrete(cx.env))
    }

    fn to_vector(cx: Cx<'_>, case: &ACase, _found: &Found) -> Option<VectorFile> {
        Some(vector(cx.env, &case.concrete(cx.env), Form::Written))
    }
}

/// The atomic vector of a concrete case.
pub fn vector(env: &Env, case: &AConcrete, form: Form) -> VectorFile {
    let registry = env.registry();
    let kind = registry
        .atomic(case.property.predicate)
        .unwrap_or(AtomicKind::Equal);
    VectorFile::new(
        Info::new(""),
        AtomicVector {
            world: Some(case.world.to_vector()),
            predicate: AtomicName(kind),
            inputs: case
                .property
                .inputs
                .iter()
                .map(|i| form.input(i, registry))
                .collect(),
            gas: None,
            expect: None,
        },
    )
}
