//! Layer G: full games, as `game` vectors of the conformance engine. The honest agent
//! (`ovm-agent`, deciding with the decider under test) plays a generated claim against an
//! adversary that claims, challenges (validly and not), removes, decides and submits roots at
//! random blocks, before and during the game, with a period ≥ 2; invariant G
//! (`GameRecord::check_g`) must hold. Unguarded claims are their own class, and spec §10's
//! documented limitation is reported, not failed.

use crate::{
    campaign::Driver,
    env::Env,
    found::{Found, Layer},
    generate::{Interp, Shape, shape},
    layers::{
        Cx, FuzzLayer, compared, predicate_name,
        sequence::{and_decide_true, grow_universe, not_decide_true, pick_challenge},
    },
    world::{Material, WorldParams, WorldSpec, world_params},
};
use ovm_agent::{adversary_account, operator_account};
use ovm_chain::DEPLOYER;
use ovm_core::{Action, Property, abi, keccak256};
use ovm_vectors::{AdversaryAction, Call, Expr, GameVector, Info, VectorFile};
use proptest::prelude::*;

/// Selectors of one adversary move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoveSel {
    /// The block of play.
    pub at: u8,
    /// Which move.
    pub op: u8,
    /// Which game of the universe.
    pub target: u8,
    /// Which challenge / value.
    pub pick: u8,
}

/// A generated G case.
#[derive(Clone, Debug)]
pub struct GCase {
    /// The world.
    pub world: WorldParams,
    /// The claim's shape.
    pub shape: Shape,
    /// The dispute period (2..=3).
    pub period: u64,
    /// The adversary's moves.
    pub moves: Vec<MoveSel>,
}

/// A concrete G case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GConcrete {
    /// The world (roots submitted in block 0, store given to the agent).
    pub world: WorldSpec,
    /// The dispute period.
    pub period: u64,
    /// The claim (made in block 0 after the adversary's block-0 moves).
    pub claim: Property,
    /// `(block, sender, call)`, non-decreasing blocks.
    pub moves: Vec<(u64, ovm_core::Address, Action)>,
    /// The properties the moves were drawn from (a game id among theirs is written readably).
    pub known: Vec<Property>,
}

impl GCase {
    /// The concrete case.
    pub fn concrete(&self, env: &Env) -> GConcrete {
        let registry = env.registry();
        let mat = Material::build(
            &self.world,
            env.deployment().commitment,
            self.shape.reads_signatures(),
        )
        .with_cycles(env.builder());
        let interp = Interp {
            mat: &mat,
            b: env.builder(),
        };
        let world = mat.world.decider_world(registry, mat.commitment);
        let claim = interp.closed(&self.shape);
        let mut universe = vec![claim.clone()];
        grow_universe(&world, &mut universe, 12);
        let last_root = mat.written.last().copied().unwrap_or(0);
        let mut moves: Vec<(u64, ovm_core::Address, Action)> = self
            .moves
            .iter()
            .map(|m| {
                let p = universe[m.target as usize % universe.len()].clone();
                let challenge = || pick_challenge(&world, &p, m.pick, 4);
                let at = u64::from(m.at) % (self.period * 4 + 1);
                let from = adversary_account();
                let call = match m.op % 13 {
                    0 | 1 => Action::Claim(p.clone()),
                    2 | 3 => match challenge() {
                        Some((ci, q)) => Action::Challenge {
                            property: p.clone(),
                            inputs: ci,
                            challenge: q,
                        },
                        None => Action::Claim(p.clone()),
                    },
                    4 => Action::DecideClaimToTrue(p.id()),
                    5 => match challenge() {
                        Some((_, q)) => Action::DecideClaimToFalse {
                            property: p.clone(),
                            challenge: q,
                        },
                        None => Action::DecideClaimToTrue(p.id()),
                    },
                    6 => match challenge() {
                        Some((_, q)) => Action::RemoveChallenge {
                            property: p.clone(),
                            challenge: q,
                        },
                        None => Action::Claim(p.clone()),
                    },
                    7 => Action::DecideClaimWithWitness {
                        property: p.clone(),
                        witness: vec![abi::encode_uint(u64::from(m.pick % 2))],
                    },
                    8 if registry.atomic(p.predicate).is_some() => {
                        if m.pick % 2 == 0 {
                            Action::DecideTrue(p.clone())
                        } else {
                            Action::DecideFalse(p.clone())
                        }
                    }
                    9 => Action::SetPredicateDecision {
                        property: p.clone(),
                        decision: m.pick % 2 == 0,
                    },
                    10 => not_decide_true(registry, &p),
                    11 => and_decide_true(registry, &p),
                    _ => {
                        // submitRoot by the operator: the next blocks (gaps get filled too).
                        let block = match mat.unwritten.get(m.pick as usize % 4) {
                            Some(b) if *b > last_root => *b,
                            _ => last_root + 1 + u64::from(m.pick % 2),
                        };
                        return (
                            at,
                            operator_account(),
                            Action::SubmitRoot {
                                block: ovm_core::U256::from(block),
                                root: keccak256([m.pick, m.at, 0x5a]),
                            },
                        );
                    }
                };
                (at, from, call)
            })
            .collect();
        moves.sort_by_key(|(at, _, _)| *at);
        GConcrete {
            world: mat.world.clone(),
            period: self.period,
            claim,
            moves,
            known: universe,
        }
    }
}

/// Plays one game through the conformance engine's `game` kind (the honest agent against the
/// case's adversary, invariant G): a summary, or the first divergence; a case of spec §10's
/// documented limitation is reported as one.
pub fn run(cx: Cx<'_>, case: &GConcrete) -> Result<String, Found> {
    let name = predicate_name(cx.env.registry(), &case.claim);
    let run = compared(cx, &vector(cx.env, case))?;
    if let Some(limitation) = run.limitations.into_iter().next() {
        return Err(Found::Limitation {
            subject: name,
            detail: limitation,
        });
    }
    Ok(format!("{name} {}", run.summary))
}

/// The game vector of a case.
pub fn vector(env: &Env, case: &GConcrete) -> VectorFile {
    VectorFile::new(
        Info::new(""),
        GameVector {
            world: case.world.to_vector(),
            period: case.period,
            claim: Expr::from_property(&case.claim, env.registry()),
            adversary: case
                .moves
                .iter()
                .filter_map(|(at, from, action)| {
                    Some(AdversaryAction {
                        at_block: *at,
                        action: Call::from_action(
                            *from,
                            DEPLOYER,
                            action,
                            env.registry(),
                            &case.known,
                        )?,
                    })
                })
                .collect(),
            expect: None,
        },
    )
}

/// Layer G.
#[derive(Debug)]
pub struct Game;

fn move_sel() -> impl Strategy<Value = MoveSel> {
    (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(at, op, target, pick)| {
        MoveSel {
            at,
            op,
            target,
            pick,
        }
    })
}

impl FuzzLayer for Game {
    type Case = GCase;
    const LAYER: Layer = Layer::G;

    fn strategy(_env: &Env, depth: u32) -> BoxedStrategy<GCase> {
        (
            world_params(),
            shape(depth.min(3)),
            2u64..=3,
            prop::collection::vec(move_sel(), 0..=5),
        )
            .prop_map(|(world, shape, period, moves)| GCase {
                world,
                shape,
                period,
                moves,
            })
            .boxed()
    }

    fn check(cx: Cx<'_>, case: &GCase) -> Result<String, Found> {
        run(cx, &case.concrete(cx.env))
    }

    fn to_vector(cx: Cx<'_>, case: &GCase, _found: &Found) -> Option<VectorFile> {
        Some(vector(cx.env, &case.concrete(cx.env)))
    }
}

/// The G driver.
pub fn driver(env: &Env, seed: u64, depth: u32) -> Box<dyn Driver> {
    crate::campaign::layer_driver::<Game>(env, seed, depth)
}
