//! Layer S: `UacModel` (with `CommitmentModel`) vs the deployed UAC under random call
//! sequences — claims, challenges (valid and near-miss), removals, every decision path,
//! `setPredicateDecision` from arbitrary callers, the predicates' entry points, `submitRoot`
//! and block advances — compared call by call: success vs error name and arguments (by revert
//! data), events in order, and the touched games' state (all games at the end).

use super::{Cx, FuzzLayer, driver, near_misses, valid_challenges};
use crate::{
    divergence::{Divergence, Layer},
    env::Env,
    generate::{Interp, Shape, shape},
    subject::Subject,
    world::{Material, WorldParams, WorldSpec, world_params},
};
use ovm_chain::{Chain, DEPLOYER, OvmEvent, Revert, account};
use ovm_core::{Address, B256, Bytes, ConnectiveKind, Property, U256, abi, keccak256};
use ovm_decider::{Truth, World};
use ovm_model::{CommitmentEvent, CommitmentModel, PredicateOracle, UacEvent, UacModel};
use ovm_vectors::{AddrRef, AtomicName, Call, Expr, Info, Input, Step, UacVector, VectorFile};
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

/// One concrete call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SCall {
    /// `claimProperty(P)`.
    Claim(Property),
    /// `challenge(P, ci, Q)`.
    Challenge(Property, Vec<Bytes>, Property),
    /// `removeChallenge(P, Q)`.
    Remove(Property, Property),
    /// `decideClaimToTrue(id)` (with the property when known, for readable vectors).
    DecideToTrue(B256, Option<Property>),
    /// `decideClaimToFalse(P, Q)`.
    DecideToFalse(Property, Property),
    /// `decideClaimWithWitness(P, w)`.
    Witness(Property, Vec<Bytes>),
    /// `setPredicateDecision(P, d)`.
    SetDecision(Property, bool),
    /// The atomic's `decideTrue(P.inputs)`.
    AtomicTrue(Property),
    /// The atomic's `decideFalse(P.inputs)`.
    AtomicFalse(Property),
    /// `Not.decideTrue(inner)`.
    NotDecideTrue(Property),
    /// `And.decideTrue(children)`.
    AndDecideTrue(Vec<Property>),
    /// `CommitmentContract.submitRoot(block, root)`.
    SubmitRoot(u64, B256),
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
        /// The call.
        call: SCall,
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
    pub fn concrete(&self, env: &Env, subject: &dyn Subject) -> SConcrete {
        let registry = env.registry();
        let mat = Material::build(&self.world, env.deployment().commitment);
        let interp = Interp {
            mat: &mat,
            b: env.builder(),
        };
        let world = mat.world.decider_world(registry);
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
                0 | 1 => SCall::Claim(p.clone()),
                2..=4 => match challenges() {
                    Some((ci, q)) => SCall::Challenge(p.clone(), ci, q),
                    None => SCall::Claim(p.clone()),
                },
                5 => match challenges() {
                    Some((_, q)) => SCall::Remove(p.clone(), q),
                    None => SCall::DecideToTrue(p.id(), Some(p.clone())),
                },
                6 => SCall::DecideToTrue(p.id(), Some(p.clone())),
                7 => match challenges() {
                    Some((_, q)) => SCall::DecideToFalse(p.clone(), q),
                    None => SCall::DecideToTrue(p.id(), Some(p.clone())),
                },
                8 => {
                    let outcome = subject.decider().decide(&p, &world);
                    let w = outcome
                        .witness()
                        .map(<[Bytes]>::to_vec)
                        .unwrap_or_else(|| vec![abi::encode_uint(u64::from(sel.arg % 2))]);
                    SCall::Witness(p.clone(), w)
                }
                9 => {
                    let from = callers[sel.caller as usize % callers.len()];
                    steps.push(SStep::Call {
                        from,
                        call: SCall::SetDecision(p.clone(), sel.arg % 2 == 0),
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
                        Some(q) if sel.arg % 2 == 0 => SCall::AtomicTrue(q),
                        Some(q) => SCall::AtomicFalse(q),
                        None => SCall::Claim(p.clone()),
                    }
                }
                11 => {
                    let inner = (registry.connective(p.predicate) == Some(ConnectiveKind::Not))
                        .then(|| p.inputs.first().and_then(|i| Property::decode_canonical(i)))
                        .flatten()
                        .unwrap_or_else(|| p.clone());
                    SCall::NotDecideTrue(inner)
                }
                12 => {
                    let children = (registry.connective(p.predicate) == Some(ConnectiveKind::And))
                        .then(|| {
                            p.inputs
                                .iter()
                                .map(|i| Property::decode_canonical(i))
                                .collect::<Option<Vec<_>>>()
                        })
                        .flatten()
                        .unwrap_or_else(|| vec![p.clone()]);
                    SCall::AndDecideTrue(children)
                }
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
                        call: SCall::SubmitRoot(block, root),
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
        }
    }
}

/// The Rust half's answers to the UAC's questions.
struct Oracle<'a> {
    subject: &'a dyn Subject,
    world: &'a World,
}

impl PredicateOracle for Oracle<'_> {
    fn is_valid_challenge(&self, property: &Property, ci: &[Bytes], q: &Property) -> bool {
        self.subject
            .is_valid_challenge(&self.world.registry, property, ci, q)
    }

    fn decide_with_witness(&self, property: &Property, witness: &[Bytes]) -> bool {
        self.subject
            .decide_with_witness(self.world, property, witness)
    }

    fn atomic_truth(&self, property: &Property) -> Option<bool> {
        match self.subject.decider().decide(property, self.world).truth() {
            Truth::True => Some(true),
            Truth::False => Some(false),
            Truth::Undefined => None,
        }
    }
}

fn uac_event(e: &UacEvent) -> OvmEvent {
    match e.clone() {
        UacEvent::NewPropertyClaimed {
            game_id,
            property,
            created_block,
        } => OvmEvent::NewPropertyClaimed {
            game_id,
            property,
            created_block: U256::from(created_block),
        },
        UacEvent::ClaimChallenged {
            game_id,
            challenge_game_id,
        } => OvmEvent::ClaimChallenged {
            game_id,
            challenge_game_id,
        },
        UacEvent::ChallengeRemoved {
            game_id,
            challenge_game_id,
        } => OvmEvent::ChallengeRemoved {
            game_id,
            challenge_game_id,
        },
        UacEvent::ClaimDecided { game_id, decision } => {
            OvmEvent::ClaimDecided { game_id, decision }
        }
        UacEvent::AtomicPropositionDecided { game_id, decision } => {
            OvmEvent::AtomicPropositionDecided { game_id, decision }
        }
    }
}

type Observed = Result<Vec<OvmEvent>, Revert>;

fn call_name(call: &SCall) -> &'static str {
    match call {
        SCall::Claim(_) => "claimProperty",
        SCall::Challenge(..) => "challenge",
        SCall::Remove(..) => "removeChallenge",
        SCall::DecideToTrue(..) => "decideClaimToTrue",
        SCall::DecideToFalse(..) => "decideClaimToFalse",
        SCall::Witness(..) => "decideClaimWithWitness",
        SCall::SetDecision(..) => "setPredicateDecision",
        SCall::AtomicTrue(_) => "decideTrue",
        SCall::AtomicFalse(_) => "decideFalse",
        SCall::NotDecideTrue(_) => "Not.decideTrue",
        SCall::AndDecideTrue(_) => "And.decideTrue",
        SCall::SubmitRoot(..) => "submitRoot",
    }
}

fn on_chain(chain: &mut Chain, from: Address, call: &SCall) -> Result<Observed, String> {
    let out = match call {
        SCall::Claim(p) => chain.claim_property(from, p),
        SCall::Challenge(p, ci, q) => chain.challenge(from, p, ci, q),
        SCall::Remove(p, q) => chain.remove_challenge(from, p, q),
        SCall::DecideToTrue(id, _) => chain.decide_claim_to_true(from, *id),
        SCall::DecideToFalse(p, q) => chain.decide_claim_to_false(from, p, q),
        SCall::Witness(p, w) => chain.decide_claim_with_witness(from, p, w),
        SCall::SetDecision(p, d) => chain.set_predicate_decision(from, p, *d),
        SCall::AtomicTrue(p) => chain.decide_true(from, p),
        SCall::AtomicFalse(p) => chain.decide_false(from, p),
        SCall::NotDecideTrue(inner) => chain.not_decide_true(from, inner),
        SCall::AndDecideTrue(children) => chain.and_decide_true(from, children),
        SCall::SubmitRoot(block, root) => chain.submit_root(from, U256::from(*block), *root),
    }
    .map_err(|e| e.to_string())?;
    Ok(out.result.map(|()| out.events))
}

/// The games a call touches (compared after it).
fn touched(call: &SCall) -> Vec<B256> {
    match call {
        SCall::Claim(p)
        | SCall::SetDecision(p, _)
        | SCall::AtomicTrue(p)
        | SCall::AtomicFalse(p) => {
            vec![p.id()]
        }
        SCall::Challenge(p, _, q) | SCall::Remove(p, q) | SCall::DecideToFalse(p, q) => {
            vec![p.id(), q.id()]
        }
        SCall::DecideToTrue(id, _) => vec![*id],
        SCall::Witness(p, _) => vec![p.id()],
        SCall::NotDecideTrue(inner) => vec![inner.id()],
        SCall::AndDecideTrue(children) => children.iter().map(Property::id).collect(),
        SCall::SubmitRoot(..) => Vec::new(),
    }
}

/// Runs the sequence on both halves.
pub fn run(cx: Cx<'_>, case: &SConcrete) -> Result<String, Divergence> {
    let env = cx.env;
    let registry = env.registry();
    let d = *env.deployment();
    let mut chain = env
        .chain(case.period, &case.world)
        .map_err(|e| driver(Layer::S, "chain", e))?;
    let mut model =
        UacModel::new(registry.clone(), case.period).map_err(|e| driver(Layer::S, "model", e))?;
    model.set_block_number(chain.block_number());
    let mut commitment = CommitmentModel::new(DEPLOYER);
    for (block, root) in &case.world.roots {
        let _ = commitment.submit_root(DEPLOYER, U256::from(*block), *root);
    }
    let mut world = case.world.decider_world(registry);
    let mut ok = 0usize;
    let mut calls = 0usize;
    let mut seen: Vec<B256> = Vec::new();
    for (index, step) in case.steps.iter().enumerate() {
        let (from, call) = match step {
            SStep::Advance(n) => {
                chain.advance(*n);
                model.advance(*n);
                continue;
            }
            SStep::Call { from, call } => (*from, call),
        };
        calls += 1;
        let name = call_name(call);
        let theirs = env
            .timed(|| on_chain(&mut chain, from, call))
            .map_err(|e| driver(Layer::S, name, e))?;
        let oracle = Oracle {
            subject: cx.subject,
            world: &world,
        };
        let ours: Observed = match call {
            SCall::SubmitRoot(block, root) => {
                match commitment.submit_root(from, U256::from(*block), *root) {
                    Ok(events) => {
                        let _ = world
                            .storage
                            .submit_root(d.commitment, U256::from(*block), *root);
                        Ok(events
                            .into_iter()
                            .map(|CommitmentEvent::RootSubmitted { block_number, root }| {
                                OvmEvent::RootSubmitted { block_number, root }
                            })
                            .collect())
                    }
                    Err(e) => Err(Revert::decode(&e.revert_data())),
                }
            }
            _ => {
                let result = match call {
                    SCall::Claim(p) => model.claim_property(p),
                    SCall::Challenge(p, ci, q) => model.challenge(&oracle, p, ci, q),
                    SCall::Remove(p, q) => model.remove_challenge(p, q),
                    SCall::DecideToTrue(id, _) => model.decide_claim_to_true(*id),
                    SCall::DecideToFalse(p, q) => model.decide_claim_to_false(p, q),
                    SCall::Witness(p, w) => model.decide_claim_with_witness(&oracle, p, w),
                    SCall::SetDecision(p, dd) => model.set_predicate_decision(from, p, *dd),
                    SCall::AtomicTrue(p) => model.atomic_decide_true(&oracle, p),
                    SCall::AtomicFalse(p) => model.atomic_decide_false(&oracle, p),
                    SCall::NotDecideTrue(inner) => model.not_decide_true(inner),
                    SCall::AndDecideTrue(children) => model.and_decide_true(children),
                    SCall::SubmitRoot(..) => Ok(Vec::new()),
                };
                result
                    .map(|events| events.iter().map(uac_event).collect())
                    .map_err(|e| Revert::decode(&e.revert_data()))
            }
        };
        if ours != theirs {
            return Err(Divergence::bug(
                Layer::S,
                "call-result",
                name,
                format!("step {index}: model {ours:?}, UAC {theirs:?}"),
            ));
        }
        if theirs.is_ok() {
            ok += 1;
        }
        for id in touched(call) {
            if !seen.contains(&id) {
                seen.push(id);
            }
            compare_game(cx, &mut chain, &model, id, index, name)?;
        }
    }
    for id in &seen {
        compare_game(cx, &mut chain, &model, *id, case.steps.len(), "final")?;
    }
    Ok(format!("{calls} calls, {ok} succeeded"))
}

fn compare_game(
    cx: Cx<'_>,
    chain: &mut Chain,
    model: &UacModel,
    id: B256,
    index: usize,
    name: &str,
) -> Result<(), Divergence> {
    let theirs = cx
        .env
        .timed(|| chain.get_game(id))
        .map_err(|e| driver(Layer::S, "getGame", e))?;
    let ours = model.get_game(id);
    if ours != theirs {
        return Err(Divergence::bug(
            Layer::S,
            "game-state",
            name,
            format!("after step {index}, game {id}: model {ours:?}, UAC {theirs:?}"),
        ));
    }
    Ok(())
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

    fn check(cx: Cx<'_>, case: &SCase) -> Result<String, Divergence> {
        run(cx, &case.concrete(cx.env, cx.subject))
    }

    fn to_vector(cx: Cx<'_>, case: &SCase, _divergence: &Divergence) -> Option<VectorFile> {
        Some(vector(cx.env, &case.concrete(cx.env, cx.subject)))
    }
}

fn from_ref(env: &Env, from: Address) -> AddrRef {
    if from == DEPLOYER {
        return AddrRef::Name(ovm_vectors::Name::parse("deployer").expect("valid name"));
    }
    match env.registry().kind(from) {
        Some(kind) => AddrRef::predicate(kind),
        None => AddrRef::Literal(from),
    }
}

/// The vector form of one call from `from`.
pub fn call_to_vector(env: &Env, from: Address, call: &SCall) -> Call {
    let registry = env.registry();
    let expr = |p: &Property| Expr::from_property(p, registry);
    let inputs = |v: &[Bytes]| v.iter().map(|i| Input::from_bytes(i, registry)).collect();
    let from = Some(from_ref(env, from));
    match call {
        SCall::Claim(p) => Call::ClaimProperty {
            from,
            property: expr(p),
        },
        SCall::Challenge(p, ci, q) => Call::Challenge {
            from,
            property: expr(p),
            challenge_inputs: inputs(ci),
            challenge: expr(q),
        },
        SCall::Remove(p, q) => Call::RemoveChallenge {
            from,
            property: expr(p),
            challenge: expr(q),
        },
        SCall::DecideToTrue(id, p) => Call::DecideClaimToTrue {
            from,
            id: match p {
                Some(p) => Input::Id(Box::new(expr(p))),
                None => Input::hex(id),
            },
        },
        SCall::DecideToFalse(p, q) => Call::DecideClaimToFalse {
            from,
            property: expr(p),
            challenge: expr(q),
        },
        SCall::Witness(p, w) => Call::DecideClaimWithWitness {
            from,
            property: expr(p),
            witness: inputs(w),
        },
        SCall::SetDecision(p, dd) => Call::SetPredicateDecision {
            from,
            property: expr(p),
            decision: *dd,
        },
        SCall::AtomicTrue(p) | SCall::AtomicFalse(p) => {
            let predicate = AtomicName(
                registry
                    .atomic(p.predicate)
                    .unwrap_or(ovm_core::AtomicKind::Equal),
            );
            if matches!(call, SCall::AtomicTrue(_)) {
                Call::DecideTrue {
                    from,
                    predicate,
                    inputs: inputs(&p.inputs),
                }
            } else {
                Call::DecideFalse {
                    from,
                    predicate,
                    inputs: inputs(&p.inputs),
                }
            }
        }
        SCall::NotDecideTrue(inner) => Call::NotDecideTrue {
            from,
            inner: expr(inner),
        },
        SCall::AndDecideTrue(children) => Call::AndDecideTrue {
            from,
            children: children.iter().map(expr).collect(),
        },
        SCall::SubmitRoot(block, root) => Call::SubmitRoot {
            from,
            block_number: *block,
            root: Input::hex(root),
        },
    }
}

/// The uac vector of a concrete case.
pub fn vector(env: &Env, case: &SConcrete) -> VectorFile {
    let steps = case
        .steps
        .iter()
        .map(|step| match step {
            SStep::Advance(n) => Step::Advance(*n),
            SStep::Call { from, call } => Step::Call(call_to_vector(env, *from, call)),
        })
        .collect();
    VectorFile::new(
        Info::new(""),
        UacVector {
            world: case.world.to_vector(),
            period: case.period,
            steps,
            expect: None,
        },
    )
}

/// One call of a vector: its sender and the concrete call.
pub fn call_from_vector(
    call: &Call,
    resolver: &ovm_vectors::Resolver<'_>,
    path: &str,
) -> Result<(Address, SCall), String> {
    let e = |e: ovm_vectors::ResolveError| e.to_string();
    let from = resolver.sender(call.from(), path).map_err(e)?;
    let p = |x: &Expr| resolver.property(x, path).map_err(e);
    let ins = |x: &[Input]| resolver.inputs(x, path).map_err(e);
    let atomic = |name: &AtomicName, inputs: &[Input]| -> Result<Property, String> {
        Ok(Property::new(resolver.atomic(*name), ins(inputs)?))
    };
    let call = match call {
        Call::ClaimProperty { property, .. } => SCall::Claim(p(property)?),
        Call::Challenge {
            property,
            challenge_inputs,
            challenge,
            ..
        } => SCall::Challenge(p(property)?, ins(challenge_inputs)?, p(challenge)?),
        Call::RemoveChallenge {
            property,
            challenge,
            ..
        } => SCall::Remove(p(property)?, p(challenge)?),
        Call::DecideClaimToTrue { id, .. } => {
            SCall::DecideToTrue(resolver.game_id(id, path).map_err(e)?, None)
        }
        Call::DecideClaimToFalse {
            property,
            challenge,
            ..
        } => SCall::DecideToFalse(p(property)?, p(challenge)?),
        Call::DecideClaimWithWitness {
            property, witness, ..
        } => SCall::Witness(p(property)?, ins(witness)?),
        Call::SetPredicateDecision {
            property, decision, ..
        } => SCall::SetDecision(p(property)?, *decision),
        Call::DecideTrue {
            predicate, inputs, ..
        } => SCall::AtomicTrue(atomic(predicate, inputs)?),
        Call::DecideFalse {
            predicate, inputs, ..
        } => SCall::AtomicFalse(atomic(predicate, inputs)?),
        Call::NotDecideTrue { inner, .. } => SCall::NotDecideTrue(p(inner)?),
        Call::AndDecideTrue { children, .. } => {
            SCall::AndDecideTrue(children.iter().map(p).collect::<Result<_, _>>()?)
        }
        Call::SubmitRoot {
            block_number, root, ..
        } => SCall::SubmitRoot(*block_number, resolver.word(root, path).map_err(e)?),
    };
    Ok((from, call))
}

/// The concrete case of a uac vector.
pub fn from_vector(
    vector: &UacVector,
    resolver: &ovm_vectors::Resolver<'_>,
) -> Result<SConcrete, String> {
    let world = WorldSpec::from_vector(vector.world.as_ref(), resolver)?;
    let mut steps = Vec::new();
    for (i, step) in vector.steps.iter().enumerate() {
        match step {
            Step::Advance(n) => steps.push(SStep::Advance(*n)),
            Step::Call(call) => {
                let (from, call) = call_from_vector(call, resolver, &format!("steps[{i}]"))?;
                steps.push(SStep::Call { from, call });
            }
        }
    }
    Ok(SConcrete {
        world,
        period: vector.period,
        steps,
    })
}
