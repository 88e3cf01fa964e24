//! Layer A: every atomic on generated (well-typed and malformed) inputs: the decider's outcome
//! vs the contract's `decide` and whether `decideTrue` / `decideFalse` succeed after a claim
//! (three-valued: an unwritten `IsStored` is undefined, and then neither succeeds).

use super::{Cx, FuzzLayer, driver, predicate_name, view};
use crate::{
    divergence::{Divergence, Layer},
    env::{DEFAULT_PERIOD, Env},
    generate::{AtomSel, Interp, atom_sel},
    world::{Material, WorldParams, WorldSpec, world_params},
};
use ovm_chain::bindings::EqualPredicate;
use ovm_core::{AtomicKind, Property};
use ovm_decider::{Outcome, Truth};
use ovm_vectors::{AtomicName, AtomicVector, Info, Input, VectorFile};
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
        let mat = Material::build(&self.world, env.deployment().commitment);
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

fn truth_name(t: Truth) -> &'static str {
    match t {
        Truth::True => "true",
        Truth::False => "false",
        Truth::Undefined => "undefined",
    }
}

/// Runs both halves on one atomic property.
pub fn run(cx: Cx<'_>, case: &AConcrete) -> Result<String, Divergence> {
    let env = cx.env;
    let registry = env.registry();
    let p = &case.property;
    let name = predicate_name(registry, p);
    let Some(_kind) = registry.atomic(p.predicate) else {
        return Ok("not an atomic".into());
    };
    let world = case.world.decider_world(registry);
    let outcome = cx.subject.decider().decide(p, &world);
    let ours = outcome.truth();
    // The outcome's shape for an atomic (§7): witness `[]`, no challenge, no pin.
    let shape_ok = match &outcome {
        Outcome::True { witness } => witness.as_deref() == Some(&[][..]),
        Outcome::False { challenge } => challenge.is_none(),
        Outcome::Unknown { why, pin } => pin.is_none() && why.is_undefined(),
    };
    if !shape_ok {
        return Err(Divergence::bug(
            Layer::A,
            "outcome-shape",
            name,
            format!("the decider's outcome {outcome:?} is not an atomic's"),
        ));
    }
    let mut chain = env
        .chain(DEFAULT_PERIOD, &case.world)
        .map_err(|e| driver(Layer::A, "chain", e))?;
    let decide = view(
        cx,
        Layer::A,
        &mut chain,
        p.predicate,
        &EqualPredicate::decideCall {
            inputs: p.inputs.clone(),
        },
    )?;
    let claimed = env
        .timed(|| chain.claim_property(ovm_chain::account(1), p))
        .map_err(|e| driver(Layer::A, "claimProperty", e))?;
    if let Err(revert) = claimed.result {
        return Err(Divergence::bug(
            Layer::A,
            "claim-rejected",
            name,
            format!("claimProperty of an atomic reverted: {revert}"),
        ));
    }
    let attempt = |chain: &mut ovm_chain::Chain, value: bool| {
        let inputs = p.inputs.clone();
        env.timed(|| {
            if value {
                chain
                    .call(
                        ovm_chain::account(1),
                        p.predicate,
                        &EqualPredicate::decideTrueCall { inputs },
                    )
                    .map(|out| out.result.is_ok())
            } else {
                chain
                    .call(
                        ovm_chain::account(1),
                        p.predicate,
                        &EqualPredicate::decideFalseCall { inputs },
                    )
                    .map(|out| out.result.is_ok())
            }
        })
    };
    let dt = attempt(&mut chain, true).map_err(|e| driver(Layer::A, "decideTrue", e))?;
    let df = attempt(&mut chain, false).map_err(|e| driver(Layer::A, "decideFalse", e))?;
    let theirs = match (decide, dt, df) {
        (true, true, false) => Truth::True,
        (false, false, true) => Truth::False,
        (false, false, false) => Truth::Undefined,
        other => {
            return Err(Divergence::bug(
                Layer::A,
                "contract-inconsistent",
                name,
                format!("decide/decideTrue ok/decideFalse ok = {other:?}"),
            ));
        }
    };
    if ours != theirs {
        return Err(Divergence::bug(
            Layer::A,
            "atomic-truth",
            name,
            format!(
                "decider {} vs contract {} on inputs {:?}",
                truth_name(ours),
                truth_name(theirs),
                p.inputs
            ),
        ));
    }
    Ok(format!("{name} {}", truth_name(ours)))
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

    fn check(cx: Cx<'_>, case: &ACase) -> Result<String, Divergence> {
        run(cx, &case.concrete(cx.env))
    }

    fn to_vector(cx: Cx<'_>, case: &ACase, _divergence: &Divergence) -> Option<VectorFile> {
        Some(vector(cx.env, &case.concrete(cx.env)))
    }
}

/// The atomic vector of a concrete case.
pub fn vector(env: &Env, case: &AConcrete) -> VectorFile {
    let registry = env.registry();
    let kind = registry
        .atomic(case.property.predicate)
        .unwrap_or(AtomicKind::Equal);
    VectorFile::new(
        Info::new(""),
        AtomicVector {
            world: case.world.to_vector(),
            predicate: AtomicName(kind),
            inputs: case
                .property
                .inputs
                .iter()
                .map(|i| Input::from_bytes(i, registry))
                .collect(),
            expect: None,
        },
    )
}
