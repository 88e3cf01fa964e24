//! Layer C: challenge soundness, as `challenge` vectors of the conformance engine. A False
//! claim's decider challenge is accepted on-chain (`claimProperty` then `UAC.challenge`
//! succeed, `isValidChallenge` agrees) and is True; for a True claim every valid challenge —
//! every And index, every ForAll domain value AND values outside the hint's candidates — is not
//! True (a True one outside the candidates is an *unguarded claim*); near-miss challenges get
//! the same verdict from the Rust mirror and the contract's `isValidChallenge`.

use super::{Cx, Form, FuzzLayer, judged, near_misses, predicate_name, valid_challenges};
use crate::{
    env::Env,
    found::{Found, Layer},
    generate::{Interp, Shape, shape},
    world::{Material, WorldParams, WorldSpec, world_params},
};
use ovm_core::{Bytes, Property, abi};
use ovm_decider::Outcome;
use ovm_vectors::{ChallengeTry, ChallengeVector, DEFAULT_PERIOD, Info, Input, VectorFile};
use proptest::prelude::*;

/// A generated C case.
#[derive(Clone, Debug)]
pub struct CCase {
    /// The world.
    pub world: WorldParams,
    /// The claim's shape.
    pub shape: Shape,
    /// Selectors of values outside the candidates.
    pub outside: Vec<u8>,
    /// Selectors of near-miss challenges.
    pub near: Vec<u8>,
}

/// A concrete C case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CConcrete {
    /// The world.
    pub world: WorldSpec,
    /// The dispute period.
    pub period: u64,
    /// The claim.
    pub claim: Property,
    /// Values outside the hint's candidates to challenge a True ForAll with.
    pub outside: Vec<Bytes>,
    /// Challenges on which the halves' `isValidChallenge` must agree.
    pub near: Vec<(Vec<Bytes>, Property)>,
}

/// The `outside` selector (modulo 5) of a signature of the world.
const OUTSIDE_SIGNATURE: u8 = 4;

impl CCase {
    /// The concrete case.
    pub fn concrete(&self, env: &Env) -> CConcrete {
        let signatures = self.shape.reads_signatures()
            || self.outside.iter().any(|s| s % 5 == OUTSIDE_SIGNATURE);
        let mat = Material::build(&self.world, env.deployment().commitment, signatures);
        let interp = Interp {
            mat: &mat,
            b: env.builder(),
        };
        let claim = interp.closed(&self.shape);
        let pool = mat.value_pool();
        let outside = self
            .outside
            .iter()
            .map(|s| match s % 5 {
                0 => pool[*s as usize % pool.len()].clone(),
                1 => abi::encode_uint(u64::from(*s)),
                2 => env.builder().equal(Bytes::new(), Bytes::new()).encode(),
                3 => Bytes::from(vec![*s; 1 + (*s as usize % 40)]),
                _ /* OUTSIDE_SIGNATURE */ => mat
                    .sigs
                    .get(*s as usize % mat.sigs.len().max(1))
                    .map(|(_, sig)| sig.clone())
                    .unwrap_or_default(),
            })
            .collect();
        let near = near_misses(env.registry(), &claim, &self.near);
        CConcrete {
            world: mat.world.clone(),
            period: DEFAULT_PERIOD,
            claim,
            outside,
            near,
        }
    }
}

/// Runs one claim through the conformance engine's `challenge` kind with every challenge of
/// the case: a summary, or the first divergence.
pub fn run(cx: Cx<'_>, case: &CConcrete) -> Result<String, Found> {
    let registry = cx.env.registry();
    let name = predicate_name(registry, &case.claim);
    let world = case
        .world
        .decider_world(registry, cx.env.deployment().commitment);
    let outcome = cx.judge.decider().decide(&case.claim, &world);
    judged(cx, &vector(cx.env, case, &world, &outcome, Form::Run))?;
    let summary = match &outcome {
        Outcome::False { challenge: Some(_) } => "false, challenge accepted",
        Outcome::False { challenge: None } => "false",
        Outcome::True { .. } => "true, every challenge refuted",
        Outcome::Unknown { .. } => "unknown",
    };
    Ok(format!("{name} {summary}"))
}

/// Layer C.
#[derive(Debug)]
pub struct Challenge;

impl FuzzLayer for Challenge {
    type Case = CCase;
    const LAYER: Layer = Layer::C;

    fn strategy(_env: &Env, depth: u32) -> BoxedStrategy<CCase> {
        (
            world_params(),
            shape(depth),
            prop::collection::vec(any::<u8>(), 0..=3),
            prop::collection::vec(any::<u8>(), 0..=3),
        )
            .prop_map(|(world, shape, outside, near)| CCase {
                world,
                shape,
                outside,
                near,
            })
            .boxed()
    }

    fn check(cx: Cx<'_>, case: &CCase) -> Result<String, Found> {
        run(cx, &case.concrete(cx.env))
    }

    fn to_vector(cx: Cx<'_>, case: &CCase, _found: &Found) -> Option<VectorFile> {
        let concrete = case.concrete(cx.env);
        let world = concrete
            .world
            .decider_world(cx.env.registry(), cx.env.deployment().commitment);
        let outcome = cx.judge.decider().decide(&concrete.claim, &world);
        Some(vector(cx.env, &concrete, &world, &outcome, Form::Written))
    }
}

/// The challenges a case tries, without repeats: the decider's challenge or pin; for a True
/// claim every valid challenge of the §4 table (values outside the candidates included); the
/// near misses. The claim itself stands in when there is none.
fn challenges(
    world: &ovm_decider::World,
    case: &CConcrete,
    outcome: &Outcome,
) -> Vec<(Vec<Bytes>, Property)> {
    let own = outcome
        .challenge()
        .or(outcome.pin())
        .map(|c| (c.inputs.clone(), c.property.clone()));
    let table = if outcome.is_true() {
        valid_challenges(world, &case.claim, &case.outside)
            .into_iter()
            .map(|ch| (ch.inputs, ch.property))
            .collect()
    } else {
        Vec::new()
    };
    let mut out: Vec<(Vec<Bytes>, Property)> = Vec::new();
    for c in own.into_iter().chain(table).chain(case.near.clone()) {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    if out.is_empty() {
        out.push((Vec::new(), case.claim.clone()));
    }
    out
}

/// The challenge vector of a case (decided as `outcome` in `world`, its decider world): the
/// decider's challenge or pin first, then (for a True claim) every valid challenge of the §4
/// table and the near misses, as `also` tries.
pub fn vector(
    env: &Env,
    case: &CConcrete,
    world: &ovm_decider::World,
    outcome: &Outcome,
    form: Form,
) -> VectorFile {
    let registry = env.registry();
    let inputs =
        |ci: &[Bytes]| -> Vec<Input> { ci.iter().map(|i| form.input(i, registry)).collect() };
    let tries = challenges(world, case, outcome);
    let (first_ci, first_q) = &tries[0];
    VectorFile::new(
        Info::new(""),
        ChallengeVector {
            world: Some(case.world.to_vector()),
            period: (case.period != DEFAULT_PERIOD).then_some(case.period),
            claim: form.expr(&case.claim, registry),
            challenge_inputs: inputs(first_ci),
            challenge: form.expr(first_q, registry),
            expect: None,
            also: tries[1..]
                .iter()
                .map(|(ci, q)| ChallengeTry {
                    challenge_inputs: inputs(ci),
                    challenge: form.expr(q, registry),
                    expect: None,
                })
                .collect(),
        },
    )
}
