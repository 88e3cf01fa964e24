//! Layer S: random call sequences as `uac` vectors of the conformance engine — claims,
//! challenges (valid and near-miss), removals, every decision path, `setPredicateDecision` from
//! arbitrary callers, the predicates' entry points, `submitRoot` and block advances — where
//! `UacModel` (with `CommitmentModel`) and the deployed UAC are compared call by call: success
//! vs error name and arguments (by revert data), events in order, and every game's final
//! state.

use super::{Cx, FuzzLayer, compared, near_misses, valid_challenges};
use crate::{
    env::Env,
    found::{Found, Layer},
    generate::{Interp, Shape, shape},
    world::{Material, WorldParams, WorldSpec, world_params},
};
use ovm_chain::{DEPLOYER, account};
use ovm_conformance::Judge;
use ovm_core::{Action, Address, B256, Bytes, ConnectiveKind, Property, Registry, abi, keccak256};
use ovm_decider::World;
use ovm_vectors::{Call, Info, Step, UacVector, VectorFile};
use proptest::prelude::*;

/// Selectors of one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepSel {
    /// Which call (or an advance).
    pub op: u8,
    /// Which property of the universe.
    pub target: u8,
    /// Which of its challenges.
    pub pick: u8,
    /// Which caller.
    pub caller: u8,
    /// A further argument (decision, blocks, root block).
    pub arg: u8,
}

/// A generated S case.
#[derive(Clone, Debug)]
pub struct SCase {
    /// The world.
    pub world: WorldParams,
    /// Shapes of the claims the universe starts from.
    pub pool: Vec<Shape>,
    /// The dispute period.
    pub period: u64,
    /// The steps.
    pub steps: Vec<StepSel>,
}

/// One concrete step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SStep {
    /// Move `n` blocks on.
    Advance(u64),
    /// One transaction from `from`.
    Call {
        /// The sender.
        from: Address,
        /// The transaction.
        call: Action,
    },
}

/// A concrete S case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SConcrete {
    /// The world.
    pub world: WorldSpec,
    /// The dispute period.
    pub period: u64,
    /// The steps.
    pub steps: Vec<SStep>,
    /// The properties the steps were drawn from (a game id among theirs is written readably).
    pub known: Vec<Property>,
}

/// Grows `universe` breadth first with up to three valid challenges of each member, until it
/// holds `cap` properties or nothing new comes.
pub(crate) fn grow_universe(world: &World, universe: &mut Vec<Property>, cap: usize) {
    let mut i = 0;
    while i < universe.len() && universe.len() < cap {
        for ch in valid_challenges(world, &universe[i].clone(), &[])
            .into_iter()
            .take(3)
        {
            if !universe.contains(&ch.property) && universe.len() < cap {
                universe.push(ch.property);
            }
        }
        i += 1;
    }
}

/// The challenge of `p` that `pick` selects: one of its valid challenges, or one of its near
/// misses when `pick % near == near - 1` or it has no valid one (`near` ≥ 1).
pub(crate) fn pick_challenge(
    world: &World,
    p: &Property,
    pick: u8,
    near: u8,
) -> Option<(Vec<Bytes>, Property)> {
    let mut all: Vec<(Vec<Bytes>, Property)> = valid_challenges(world, p, &[])
        .into_iter()
        .map(|c| (c.inputs, c.property))
        .collect();
    if pick % near == near - 1 || all.is_empty() {
        all = near_misses(&world.registry, p, &[pick / near]);
    }
    all.get(pick as usize % all.len().max(1)).cloned()
}

impl SCase {
    /// The concrete case.
    pub fn concrete(&self, env: &Env, judge: &dyn Judge) -> SConcrete {
        let registry = env.registry();
        let mat = Material::build(
            &self.world,
            env.deployment().commitment,
            self.pool.iter().any(Shape::reads_signatures),
        )
        .with_cycles(env.builder());
        let interp = Interp {
            mat: &mat,
            b: env.builder(),
        };
        let world = mat.world.decider_world(registry, mat.commitment);
        let mut universe: Vec<Property> = Vec::new();
        for s in &self.pool {
            let p = interp.closed(s);
            if !universe.contains(&p) {
                universe.push(p);
            }
        }
        grow_universe(&world, &mut universe, 16);
        if universe.is_empty() {
            universe.push(env.builder().and(Vec::<Bytes>::new()));
        }
        let last_root = mat.written.last().copied();
        let mut steps = Vec::new();
        for sel in &self.steps {
            let p = universe[sel.target as usize % universe.len()].clone();
            let challenges = || pick_challenge(&world, &p, sel.pick, 5);
            // Predicates cannot be impersonated yet: revm rejects senders with code (EIP-3607)
            // unless ovm-chain disables the check.
            let callers = [account(1), account(2), DEPLOYER];
            let from = callers[sel.caller as usize % 3];
            let call = match sel.op % 16 {
                0 | 1 => Action::Claim(p.clone()),
                2..=4 => match challenges() {
                    Some((ci, q)) => Action::Challenge {
                        property: p.clone(),
                        inputs: ci,
                        challenge: q,
                    },
                    None => Action::Claim(p.clone()),
                },
                5 => match challenges() {
                    Some((_, q)) => Action::RemoveChallenge {
                        property: p.clone(),
                        challenge: q,
                    },
                    None => Action::DecideClaimToTrue(p.id()),
                },
                6 => Action::DecideClaimToTrue(p.id()),
                7 => match challenges() {
                    Some((_, q)) => Action::DecideClaimToFalse {
                        property: p.clone(),
                        challenge: q,
                    },
                    None => Action::DecideClaimToTrue(p.id()),
                },
                8 => {
                    let outcome = judge.decider().decide(&p, &world);
                    let w = outcome
                        .witness()
                        .map(<[Bytes]>::to_vec)
                        .unwrap_or_else(|| vec![abi::encode_uint(u64::from(sel.arg % 2))]);
                    Action::DecideClaimWithWitness {
                        property: p.clone(),
                        witness: w,
                    }
                }
                9 => {
                    let from = callers[sel.caller as usize % callers.len()];
                    steps.push(SStep::Call {
                        from,
                        call: Action::SetPredicateDecision {
                            property: p.clone(),
                            decision: sel.arg % 2 == 0,
                        },
                    });
                    continue;
                }
                10 => {
                    let atomic = universe
                        .iter()
                        .cycle()
                        .skip(sel.target as usize % universe.len())
                        .take(universe.len())
                        .find(|q| registry.atomic(q.predicate).is_some())
                        .cloned();
                    match atomic {
                        Some(q) if sel.arg % 2 == 0 => Action::DecideTrue(q),
                        Some(q) => Action::DecideFalse(q),
                        None => Action::Claim(p.clone()),
                    }
                }
                11 => not_decide_true(registry, &p),
                12 => and_decide_true(registry, &p),
                13 => {
                    let block = match sel.arg % 4 {
                        0 => last_root.unwrap_or(0),
                        _ => last_root.map_or(0, |b| b + u64::from(sel.arg % 4)),
                    };
                    let root = if sel.arg % 9 == 8 {
                        B256::ZERO
                    } else {
                        keccak256([sel.arg, sel.pick])
                    };
                    let from = if sel.caller % 5 == 4 {
                        account(1)
                    } else {
                        DEPLOYER
                    };
                    steps.push(SStep::Call {
                        from,
                        call: Action::SubmitRoot {
                            block: ovm_core::U256::from(block),
                            root,
                        },
                    });
                    continue;
                }
                _ => {
                    steps.push(SStep::Advance(1 + u64::from(sel.arg) % (self.period + 1)));
                    continue;
                }
            };
            steps.push(SStep::Call { from, call });
        }
        SConcrete {
            world: mat.world.clone(),
            period: self.period,
            steps,
            known: universe,
        }
    }
}

/// Runs the sequence through the conformance engine's `uac` kind (the UAC model against the
/// UAC, call by call, and every game's final state): a summary, or the first divergence.
pub fn run(cx: Cx<'_>, case: &SConcrete) -> Result<String, Found> {
    Ok(compared(cx, &vector(cx.env, case))?.summary)
}

/// Layer S.
#[derive(Debug)]
pub struct Sequence;

fn step_sel() -> impl Strategy<Value = StepSel> {
    (0u8..16, any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()).prop_map(
        |(op, target, pick, caller, arg)| StepSel {
            op,
            target,
            pick,
            caller,
            arg,
        },
    )
}

impl FuzzLayer for Sequence {
    type Case = SCase;
    const LAYER: Layer = Layer::S;

    fn strategy(_env: &Env, depth: u32) -> BoxedStrategy<SCase> {
        (
            world_params(),
            prop::collection::vec(shape(depth.min(3)), 1..=3),
            1u64..=4,
            prop::collection::vec(step_sel(), 4..=16),
        )
            .prop_map(|(world, pool, period, steps)| SCase {
                world,
                pool,
                period,
                steps,
            })
            .boxed()
    }

    fn check(cx: Cx<'_>, case: &SCase) -> Result<String, Found> {
        run(cx, &case.concrete(cx.env, cx.judge))
    }

    fn to_vector(cx: Cx<'_>, case: &SCase, _found: &Found) -> Option<VectorFile> {
        Some(vector(cx.env, &case.concrete(cx.env, cx.judge)))
    }
}

/// The uac vector of a concrete case.
pub fn vector(env: &Env, case: &SConcrete) -> VectorFile {
    let steps = case
        .steps
        .iter()
        .filter_map(|step| match step {
            SStep::Advance(n) => Some(Step::Advance(*n)),
            SStep::Call { from, call } => {
                Call::from_action(*from, DEPLOYER, call, env.registry(), &case.known)
                    .map(Step::Call)
            }
        })
        .collect();
    VectorFile::new(
        Info::new(""),
        UacVector {
            world: Some(case.world.to_vector()),
            period: case.period,
            steps,
            expect: None,
        },
    )
}

/// `Not.decideTrue` of `p`'s inner property if `p` is a `Not` of a property, else of `p`
/// itself (a call the contract must refuse).
pub(crate) fn not_decide_true(registry: &Registry, p: &Property) -> Action {
    let inner = (registry.connective(p.predicate) == Some(ConnectiveKind::Not))
        .then(|| p.inputs.first().and_then(|i| Property::decode_canonical(i)))
        .flatten()
        .unwrap_or_else(|| p.clone());
    Action::NotDecideTrue(inner)
}

/// `And.decideTrue` of `p`'s children if `p` is an `And` of properties, else of `[p]`.
pub(crate) fn and_decide_true(registry: &Registry, p: &Property) -> Action {
    let children = (registry.connective(p.predicate) == Some(ConnectiveKind::And))
        .then(|| {
            p.inputs
                .iter()
                .map(|i| Property::decode_canonical(i))
                .collect::<Option<Vec<_>>>()
        })
        .flatten()
        .unwrap_or_else(|| vec![p.clone()]);
    Action::AndDecideTrue(children)
}
