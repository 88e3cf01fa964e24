//! Layer G: full games. The honest agent (`ovm-agent`, deciding with the subject's decider)
//! plays a generated claim against an adversary that claims, challenges (validly and not),
//! removes, decides and submits roots at random blocks, before and during the game, with a
//! period ≥ 2; invariant G (`GameRecord::check_g`) must hold. Unknown claims are reported in
//! the record (how many, how many ended decided); unguarded claims are their own class.

use crate::{
    campaign::Driver,
    divergence::{Divergence, Layer},
    env::Env,
    generate::{Interp, Shape, shape},
    layers::{
        Cx, FuzzLayer, predicate_name,
        sequence::{SCall, call_from_vector, call_to_vector, grow_universe, pick_challenge},
    },
    world::{Material, WorldParams, WorldSpec, world_params},
};
use ovm_agent::{Action, Adversary, GameSetup, adversary_account, operator_account, play_on};
use ovm_core::{Property, U256, abi, keccak256};
use ovm_decider::WitnessStore;
use ovm_vectors::{AdversaryAction, Expr, GameVector, Info, VectorFile};
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
    pub moves: Vec<(u64, ovm_core::Address, SCall)>,
}

fn to_action(call: &SCall) -> Action {
    match call.clone() {
        SCall::Claim(p) => Action::Claim(p),
        SCall::Challenge(property, inputs, challenge) => Action::Challenge {
            property,
            inputs,
            challenge,
        },
        SCall::Remove(property, challenge) => Action::RemoveChallenge {
            property,
            challenge,
        },
        SCall::DecideToTrue(id, _) => Action::DecideClaimToTrue(id),
        SCall::DecideToFalse(property, challenge) => Action::DecideClaimToFalse {
            property,
            challenge,
        },
        SCall::Witness(property, witness) => Action::DecideClaimWithWitness { property, witness },
        SCall::SetDecision(property, decision) => {
            Action::SetPredicateDecision { property, decision }
        }
        SCall::AtomicTrue(p) => Action::DecideTrue(p),
        SCall::AtomicFalse(p) => Action::DecideFalse(p),
        SCall::NotDecideTrue(p) => Action::NotDecideTrue(p),
        SCall::AndDecideTrue(ps) => Action::AndDecideTrue(ps),
        SCall::SubmitRoot(block, root) => Action::SubmitRoot {
            block: U256::from(block),
            root,
        },
    }
}

impl GCase {
    /// The concrete case.
    pub fn concrete(&self, env: &Env) -> GConcrete {
        let registry = env.registry();
        let mat = Material::build(&self.world, env.deployment().commitment);
        let interp = Interp {
            mat: &mat,
            b: env.builder(),
        };
        let world = mat.world.decider_world(registry);
        let claim = interp.closed(&self.shape);
        let mut universe = vec![claim.clone()];
        grow_universe(&world, &mut universe, 12);
        let last_root = mat.written.last().copied().unwrap_or(0);
        let mut moves: Vec<(u64, ovm_core::Address, SCall)> = self
            .moves
            .iter()
            .map(|m| {
                let p = universe[m.target as usize % universe.len()].clone();
                let challenge = || pick_challenge(&world, &p, m.pick, 4);
                let at = u64::from(m.at) % (self.period * 4 + 1);
                let from = adversary_account();
                let call = match m.op % 10 {
                    0 | 1 => SCall::Claim(p.clone()),
                    2 | 3 => match challenge() {
                        Some((ci, q)) => SCall::Challenge(p.clone(), ci, q),
                        None => SCall::Claim(p.clone()),
                    },
                    4 => SCall::DecideToTrue(p.id(), Some(p.clone())),
                    5 => match challenge() {
                        Some((_, q)) => SCall::DecideToFalse(p.clone(), q),
                        None => SCall::DecideToTrue(p.id(), Some(p.clone())),
                    },
                    6 => match challenge() {
                        Some((_, q)) => SCall::Remove(p.clone(), q),
                        None => SCall::Claim(p.clone()),
                    },
                    7 => SCall::Witness(p.clone(), vec![abi::encode_uint(u64::from(m.pick % 2))]),
                    8 if registry.atomic(p.predicate).is_some() => {
                        if m.pick % 2 == 0 {
                            SCall::AtomicTrue(p.clone())
                        } else {
                            SCall::AtomicFalse(p.clone())
                        }
                    }
                    _ => {
                        // submitRoot by the operator: the next blocks (gaps get filled too).
                        let block = match mat.unwritten.get(m.pick as usize % 4) {
                            Some(b) if *b > last_root => *b,
                            _ => last_root + 1 + u64::from(m.pick % 2),
                        };
                        return (
                            at,
                            operator_account(),
                            SCall::SubmitRoot(block, keccak256([m.pick, m.at, 0x5a])),
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
        }
    }
}

/// Plays one game and checks invariant G.
pub fn run(cx: Cx<'_>, case: &GConcrete) -> Result<String, Divergence> {
    let registry = cx.env.registry();
    let name = predicate_name(registry, &case.claim);
    let mut witnesses = WitnessStore::new();
    for (bucket, key, value) in &case.world.store {
        witnesses.insert(bucket.clone(), key.clone(), value.clone());
    }
    let mut adversary = Adversary::new();
    for (at, from, call) in &case.moves {
        adversary = adversary.at(*at, *from, to_action(call));
    }
    let setup = GameSetup::new(case.period, case.claim.clone())
        .adversary(adversary)
        .roots(case.world.roots.iter().map(|(b, r)| (U256::from(*b), *r)))
        .witnesses(witnesses);
    let base = cx
        .env
        .base(case.period)
        .map_err(|e| crate::layers::driver(Layer::G, "deploy", e))?;
    let record = cx
        .env
        .timed(|| play_on(&base, &setup, cx.subject.decider()))
        .map_err(|e| crate::layers::driver(Layer::G, "play", e))?;
    let violations = record.check_g();
    if let Some(v) = violations
        .iter()
        .find(|v| !v.is_unguarded() && !v.is_known_limitation())
    {
        let kind = format!("{v:?}");
        let class = kind
            .split([' ', '{', '('])
            .next()
            .unwrap_or("violation")
            .to_owned();
        return Err(Divergence::bug(
            Layer::G,
            class,
            name,
            format!("{v} ({} violation(s) in all)", violations.len()),
        ));
    }
    if let Some(v) = violations.iter().find(|v| v.is_unguarded()) {
        return Err(Divergence::unguarded(Layer::G, name, v.to_string()));
    }
    if let Some(v) = violations.first() {
        return Err(Divergence::limitation(Layer::G, name, v.to_string()));
    }
    Ok(format!(
        "{name} decided {:?} in {} blocks, {} games, unknown {} (decided {})",
        record.root_decision,
        record.blocks_used,
        record.games.len(),
        record.unknown_total(),
        record.unknown_decided()
    ))
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

    fn check(cx: Cx<'_>, case: &GCase) -> Result<String, Divergence> {
        run(cx, &case.concrete(cx.env))
    }

    fn to_vector(cx: Cx<'_>, case: &GCase, _divergence: &Divergence) -> Option<VectorFile> {
        let case = case.concrete(cx.env);
        let env = cx.env;
        Some(VectorFile::new(
            Info::new(""),
            GameVector {
                world: case.world.to_vector().unwrap_or_default(),
                period: case.period,
                claim: Expr::from_property(&case.claim, env.registry()),
                adversary: case
                    .moves
                    .iter()
                    .map(|(at, from, call)| AdversaryAction {
                        at_block: *at,
                        action: call_to_vector(env, *from, call),
                    })
                    .collect(),
                expect: None,
            },
        ))
    }
}

/// The G driver.
pub fn driver(env: &Env, seed: u64, depth: u32) -> Box<dyn Driver> {
    crate::campaign::layer_driver::<Game>(env, seed, depth)
}

/// Replays a game vector.
pub fn replay(
    cx: Cx<'_>,
    v: &GameVector,
    r: &ovm_vectors::Resolver<'_>,
) -> Result<String, Divergence> {
    let bad = |e: String| Divergence::bug(Layer::G, "bad-vector", "replay", e);
    let world = WorldSpec::from_vector(Some(&v.world), r).map_err(bad)?;
    let claim = r
        .property(&v.claim, "claim")
        .map_err(|e| bad(e.to_string()))?;
    let mut moves = Vec::new();
    for (i, m) in v.adversary.iter().enumerate() {
        let (from, call) =
            call_from_vector(&m.action, r, &format!("adversary[{i}]")).map_err(bad)?;
        moves.push((m.at_block, from, call));
    }
    run(
        cx,
        &GConcrete {
            world,
            period: v.period,
            claim,
            moves,
        },
    )
}
