//! Layer C: challenge soundness. A False claim's decider challenge is accepted on-chain
//! (`claimProperty` then `UAC.challenge` succeed, `isValidChallenge` agrees) and is True; for
//! a True claim every valid challenge — every And index, every ForAll domain value AND values
//! outside the hint's candidates — is not True (a True one outside the candidates is an
//! *unguarded claim*); near-miss challenges get the same verdict from the Rust mirror and the
//! contract's `isValidChallenge`.

use super::{
    Cx, FuzzLayer, driver, is_claimable, near_misses, predicate_name, valid_challenges, view,
};
use crate::{
    divergence::{Divergence, Layer},
    env::{DEFAULT_PERIOD, Env},
    generate::{Interp, Shape, shape},
    world::{Material, WorldParams, WorldSpec, world_params},
};
use ovm_chain::bindings::AndPredicate;
use ovm_core::{Bytes, Property, abi};
use ovm_decider::Outcome;
use ovm_vectors::{ChallengeVector, Expr, Info, Input, VectorFile};
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

impl CCase {
    /// The concrete case.
    pub fn concrete(&self, env: &Env) -> CConcrete {
        let mat = Material::build(&self.world, env.deployment().commitment);
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
                _ => mat
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

/// Runs both halves on one claim.
pub fn run(cx: Cx<'_>, case: &CConcrete) -> Result<String, Divergence> {
    let env = cx.env;
    let registry = env.registry();
    let claim = &case.claim;
    let name = predicate_name(registry, claim);
    let world = case.world.decider_world(registry);
    let decider = cx.subject.decider();
    let outcome = decider.decide(claim, &world);
    let mut chain = env
        .chain(case.period, &case.world)
        .map_err(|e| driver(Layer::C, "chain", e))?;
    let is_connective = registry.connective(claim.predicate).is_some();
    let contract_valid = |chain: &mut ovm_chain::Chain, ci: &[Bytes], q: &Property| {
        if !is_connective {
            return Ok(false);
        }
        view(
            cx,
            Layer::C,
            chain,
            claim.predicate,
            &AndPredicate::isValidChallengeCall {
                inputs: claim.inputs.clone(),
                challengeInputs: ci.to_vec(),
                challenge: q.into(),
            },
        )
    };
    for (ci, q) in &case.near {
        let ours = cx.subject.is_valid_challenge(registry, claim, ci, q);
        let theirs = contract_valid(&mut chain, ci, q)?;
        if ours != theirs {
            return Err(Divergence::bug(
                Layer::C,
                "is-valid-challenge",
                name,
                format!(
                    "challenge inputs {ci:?}, challenge {}: Rust mirror {ours}, contract {theirs}",
                    predicate_name(registry, q)
                ),
            ));
        }
    }
    let summary = match &outcome {
        Outcome::False {
            challenge: Some(ch),
        } => {
            let q = &ch.property;
            if !cx
                .subject
                .is_valid_challenge(registry, claim, &ch.inputs, q)
            {
                return Err(Divergence::bug(
                    Layer::C,
                    "challenge-invalid-in-mirror",
                    name,
                    format!("the decider's challenge {ch:?} is not valid by the Rust mirror"),
                ));
            }
            if !contract_valid(&mut chain, &ch.inputs, q)? {
                return Err(Divergence::bug(
                    Layer::C,
                    "challenge-rejected",
                    name,
                    format!("isValidChallenge rejects the decider's challenge {ch:?}"),
                ));
            }
            if is_claimable(registry, claim) {
                let result = env
                    .timed(|| -> Result<_, ovm_chain::ChainError> {
                        let claimed = chain.claim_property(ovm_chain::account(1), claim)?;
                        if claimed.result.is_err() {
                            return Ok(claimed.result.map(drop));
                        }
                        Ok(chain
                            .challenge(ovm_chain::account(2), claim, &ch.inputs, q)?
                            .result)
                    })
                    .map_err(|e| driver(Layer::C, "challenge", e))?;
                if let Err(revert) = result {
                    return Err(Divergence::bug(
                        Layer::C,
                        "challenge-reverted",
                        name,
                        format!("claimProperty + challenge reverted {revert}"),
                    ));
                }
            }
            let truth = decider.decide(q, &world);
            if !truth.is_true() {
                return Err(Divergence::bug(
                    Layer::C,
                    "challenge-not-true",
                    name,
                    format!(
                        "the decider's challenge {q:?} is {:?}, not True",
                        truth.truth()
                    ),
                ));
            }
            "false, challenge accepted"
        }
        Outcome::False { challenge: None } => {
            if is_connective {
                return Err(Divergence::bug(
                    Layer::C,
                    "challenge-missing",
                    name,
                    "a False connective without a challenge".to_owned(),
                ));
            }
            "false"
        }
        Outcome::True { .. } => {
            for ch in valid_challenges(&world, claim, &case.outside) {
                let ours = cx
                    .subject
                    .is_valid_challenge(registry, claim, &ch.inputs, &ch.property);
                let theirs = contract_valid(&mut chain, &ch.inputs, &ch.property)?;
                if ours != theirs || !ours {
                    return Err(Divergence::bug(
                        Layer::C,
                        "valid-challenge-rejected",
                        name,
                        format!(
                            "the §4 challenge {:?} with inputs {:?}: Rust mirror {ours}, contract {theirs}",
                            predicate_name(registry, &ch.property),
                            ch.inputs
                        ),
                    ));
                }
                if decider.decide(&ch.property, &world).is_true() {
                    let detail = format!(
                        "True claim, but its challenge with inputs {:?} is True too",
                        ch.inputs
                    );
                    return Err(if ch.outside {
                        Divergence::unguarded(Layer::C, name, detail)
                    } else {
                        Divergence::bug(Layer::C, "unsound-true", name, detail)
                    });
                }
            }
            "true, every challenge refuted"
        }
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

    fn check(cx: Cx<'_>, case: &CCase) -> Result<String, Divergence> {
        run(cx, &case.concrete(cx.env))
    }

    fn to_vector(cx: Cx<'_>, case: &CCase, divergence: &Divergence) -> Option<VectorFile> {
        let concrete = case.concrete(cx.env);
        let registry = cx.env.registry();
        let world = concrete.world.decider_world(registry);
        let outcome = cx.subject.decider().decide(&concrete.claim, &world);
        // The challenge in question.
        let challenge = match divergence.class.as_str() {
            "is-valid-challenge" => concrete
                .near
                .iter()
                .find(|(ci, q)| {
                    cx.subject
                        .is_valid_challenge(registry, &concrete.claim, ci, q)
                        != ovm_decider::is_valid_challenge(registry, &concrete.claim, ci, q)
                })
                .or(concrete.near.first())
                .cloned(),
            _ => outcome
                .challenge()
                .map(|c| (c.inputs.clone(), c.property.clone()))
                .or_else(|| {
                    valid_challenges(&world, &concrete.claim, &concrete.outside)
                        .into_iter()
                        .find(|ch| cx.subject.decider().decide(&ch.property, &world).is_true())
                        .or_else(|| {
                            valid_challenges(&world, &concrete.claim, &concrete.outside)
                                .into_iter()
                                .next()
                        })
                        .map(|ch| (ch.inputs, ch.property))
                }),
        }
        .unwrap_or_else(|| (Vec::new(), concrete.claim.clone()));
        Some(vector(cx.env, &concrete, &challenge))
    }
}

/// A challenge vector.
pub fn vector(env: &Env, case: &CConcrete, challenge: &(Vec<Bytes>, Property)) -> VectorFile {
    let registry = env.registry();
    VectorFile::new(
        Info::new(""),
        ChallengeVector {
            world: case.world.to_vector(),
            period: (case.period != DEFAULT_PERIOD).then_some(case.period),
            claim: Expr::from_property(&case.claim, registry),
            challenge_inputs: challenge
                .0
                .iter()
                .map(|i| Input::from_bytes(i, registry))
                .collect(),
            challenge: Expr::from_property(&challenge.1, registry),
            expect: None,
        },
    )
}
