//! `uac`: the steps run on the chain and on the UAC model (with the decider crate's mirrors as
//! its oracle) call by call: success vs error name and arguments, events in order, the views
//! (§6) of the games each call is about, and the final state of every game, challenge order
//! included (§9 S). A vector of period 0 compares the deployment instead ([`deployment`]).

use super::{
    KindRun, ResolvedCall, call_class, call_expect, events_expect, events_match,
    show_expected_events,
};
use crate::{
    RunError,
    ctx::{Ctx, created_games},
    kinds::challenge::model_views,
    oracle::MirrorOracle,
    refusal::FillError,
    report::{Divergence, DivergenceClass},
    views::{Arg, CallView, EventView, chain_call, commitment_error_view, event_view},
};
use ovm_core::{Action, B256, ChallengeGame, Decision, Property};
use ovm_model::{CommitmentModel, UacModel};
use ovm_vectors::{Call, DecisionName, GameExpect, Step, UacExpect, UacVector};

pub(crate) mod deployment;
mod views;
use views::{compare_decidable, compare_views, view_step};

/// The properties whose games `action` is about: the claim, and the challenge it names.
fn touched(action: &Action) -> Vec<&Property> {
    match action {
        Action::Claim(p)
        | Action::DecideClaimWithWitness { property: p, .. }
        | Action::SetPredicateDecision { property: p, .. }
        | Action::DecideTrue(p)
        | Action::DecideFalse(p) => vec![p],
        Action::Challenge {
            property,
            challenge,
            ..
        }
        | Action::RemoveChallenge {
            property,
            challenge,
        }
        | Action::DecideClaimToFalse {
            property,
            challenge,
        } => vec![property, challenge],
        Action::NotDecideTrue(_)
        | Action::AndDecideTrue(_)
        | Action::DecideClaimToTrue(_)
        | Action::SubmitRoot { .. } => Vec::new(),
    }
}

/// Names the properties `action` is about (and the `Not` that `Not.decideTrue` decides), so
/// that reports print their ids readably.
fn name_properties(
    namer: &mut crate::views::Namer,
    registry: &ovm_core::Registry,
    action: &Action,
) {
    for p in touched(action) {
        namer.describe_and_name(p);
    }
    match action {
        Action::NotDecideTrue(inner) => {
            namer.describe_and_name(inner);
            namer.describe_and_name(&ovm_decider::onchain::not_of(registry, inner.encode()));
        }
        Action::AndDecideTrue(children) => {
            for child in children {
                namer.describe_and_name(child);
            }
        }
        _ => {}
    }
}

/// The function `action` calls, as reports name it (`claimProperty`, `IsLessThan.decideTrue`).
fn function_name(registry: &ovm_core::Registry, action: &Action) -> String {
    match action {
        Action::DecideTrue(p) | Action::DecideFalse(p) => {
            let predicate = registry
                .kind(p.predicate)
                .map_or("unregistered", |k| k.name());
            format!("{predicate}.{}", action.function())
        }
        _ => action.function().to_owned(),
    }
}

/// The class of "the model succeeds, the chain reverts" for `action`.
fn rejected_class(action: &Action) -> DivergenceClass {
    match action {
        Action::Challenge { .. } => DivergenceClass::ChallengeRejectedOnChain,
        Action::DecideClaimWithWitness { .. } => DivergenceClass::WitnessRejected,
        _ => DivergenceClass::OutcomeFlip,
    }
}

fn show_game(namer: &crate::views::Namer, game: &ChallengeGame, base: u64) -> String {
    if !game.exists() {
        return "no game".to_owned();
    }
    let challenges: Vec<String> = game
        .challenges
        .iter()
        .map(|c| namer.show_arg(&Arg::Word(*c)))
        .collect();
    format!(
        "decision {:?}, challenges [{}], created at block offset {}",
        game.decision,
        challenges.join(", "),
        game.created_block as i128 - base as i128
    )
}

pub(crate) fn run<D: ovm_decider::Decider + ?Sized>(
    ctx: &mut Ctx<'_, D>,
    v: &UacVector,
) -> Result<KindRun<UacVector>, RunError> {
    let registry = ctx.registry;
    let mut model = UacModel::new(registry.clone(), v.period).map_err(RunError::Period)?;
    let mut commitment = CommitmentModel::new(ctx.d.deployer);
    for (block, root) in ctx.roots.clone() {
        commitment
            .submit_root(ctx.d.deployer, block, root)
            .map_err(RunError::CommitmentRoot)?;
    }
    let expect = v.expect.clone().unwrap_or_default();
    let mut divergences = Vec::new();
    // The result `fill` writes for each call: the model's where the halves agree under the
    // error mode (so an error the implementation spells otherwise is written in the spec's
    // form), else the chain's.
    let mut results_to_write: Vec<CallView> = Vec::new();
    let mut event_views: Vec<EventView> = Vec::new();
    let mut created: Vec<(B256, Property)> = Vec::new();
    let mut results_hold = Vec::new();
    let mut log = Vec::new();
    let mut steps_filled = Vec::with_capacity(v.steps.len());
    // Where the halves' states first parted (one call succeeded on one side only): the
    // divergence's index and the step.
    let mut first_break: Option<(usize, String)> = None;

    for (si, step) in v.steps.iter().enumerate() {
        if ctx.fill {
            steps_filled.push(step.clone());
        }
        let call = match step {
            Step::Advance(n) => {
                ctx.chain.advance(*n);
                if ctx.transcript {
                    log.push(format!("steps[{si}]: advance {n} block(s)"));
                }
                // Time changes what is decidable: every game's isDecidable, in the new block.
                model.set_block_number(ctx.chain.block_number());
                let ids: Vec<B256> = model.games().map(|(id, _)| id).collect();
                let path = format!("steps[{si}].advance");
                compare_decidable(ctx, &model, ids, &path, &mut divergences)?;
                continue;
            }
            Step::View(view) => {
                model.set_block_number(ctx.chain.block_number());
                let path = format!("steps[{si}].{}", view.name());
                let filled = view_step(ctx, &model, view, &path, &mut divergences)?;
                if ctx.transcript {
                    log.push(format!("{path}: {filled:?}"));
                }
                if ctx.fill {
                    steps_filled[si] = Step::View(filled);
                }
                continue;
            }
            Step::Call(call) => call,
        };
        let path = format!("steps[{si}].{}", call.method());
        model.set_block_number(ctx.chain.block_number());
        // The wiring call is no game action: the model knows it fails (the deployment is
        // wired), the chain sends the deployment's own `initialize` again.
        let (from, action, model_view, outcome) = if let Call::Initialize { from } = call {
            let from = ctx
                .resolver
                .sender(from.as_ref(), &format!("{path}.from"))?;
            let model_view = model_views(&model.initialize(ctx.d.deployer, from));
            let outcome = ctx
                .chain
                .send(from, ctx.d.uac, &ctx.d.initialize_call())?
                .map(drop);
            (from, None, model_view, outcome)
        } else {
            let (from, action) = ctx.resolver.action(call, &path)?;
            name_properties(&mut ctx.namer, registry, &action);
            let oracle = MirrorOracle {
                world: &ctx.world,
                mirrors: ctx.mirrors,
                decider: ctx.decider,
            };
            let model_view = match model.apply(&oracle, from, &action) {
                Some(result) => model_views(&result),
                None => match &action {
                    Action::SubmitRoot { block, root } => {
                        match commitment.submit_root(from, *block, *root) {
                            Ok(events) => (CallView::Ok, events.iter().map(event_view).collect()),
                            Err(e) => (CallView::Err(commitment_error_view(&e)), Vec::new()),
                        }
                    }
                    _ => (CallView::Ok, Vec::new()),
                },
            };
            let outcome = ctx.chain.send_action(from, &action)?;
            if let Action::SubmitRoot { block, root } = &action
                && outcome.is_ok()
            {
                let _ = ctx
                    .world
                    .storage
                    .submit_root(ctx.d.commitment, *block, *root);
            }
            (from, Some(action), model_view, outcome)
        };
        let rejected = action
            .as_ref()
            .map_or(DivergenceClass::OutcomeFlip, rejected_class);
        let function = action
            .as_ref()
            .map_or_else(|| call.method().to_owned(), |a| function_name(registry, a));
        let what = |namer: &crate::views::Namer| {
            format!(
                "{path} ({function} from {})",
                namer.show_arg(&Arg::Address(from))
            )
        };
        let (m_call, m_events) = model_view;
        let c_call = chain_call(&outcome.result);
        let c_events: Vec<EventView> = outcome.events.iter().map(event_view).collect();
        created.extend(created_games(&outcome.events));
        let call_index = results_to_write.len();
        let halves_agree = ctx.errors.agree(&m_call, &c_call);
        // Both halves reverting leaves both states as they were: an error-identity difference
        // is recorded, and the calls after it are still compared as calls on equal states.
        if !halves_agree && m_call.is_ok() != c_call.is_ok() && first_break.is_none() {
            first_break = Some((divergences.len(), path.clone()));
        }
        if !halves_agree {
            divergences.push(
                Divergence::new(
                    call_class(m_call.is_ok(), &c_call, rejected),
                    what(&ctx.namer),
                )
                .on(call.method())
                .side("model", ctx.namer.show_call(&m_call))
                .side("chain", ctx.namer.show_call(&c_call)),
            );
        } else if m_events != c_events {
            divergences.push(
                Divergence::new(
                    DivergenceClass::EventMismatch,
                    format!("{}: events", what(&ctx.namer)),
                )
                .on(call.method())
                .side("model", ctx.namer.show_events(&m_events))
                .side("chain", ctx.namer.show_events(&c_events)),
            );
        }
        let holds = match expect.results.as_ref().and_then(|r| r.get(call_index)) {
            None => true,
            Some(expected) => {
                let expected = ResolvedCall::new(
                    &ctx.resolver,
                    expected,
                    &format!("expect.results[{call_index}]"),
                )?;
                let holds = ctx.errors.expected(&expected, &c_call);
                if !holds && halves_agree {
                    divergences.push(
                        Divergence::from_expect(
                            call_class(matches!(expected, ResolvedCall::Ok), &c_call, rejected),
                            what(&ctx.namer),
                        )
                        .on(call.method())
                        .side("expected", expected.show(&ctx.namer))
                        .side("model", ctx.namer.show_call(&m_call))
                        .side("chain", ctx.namer.show_call(&c_call)),
                    );
                }
                holds
            }
        };
        if ctx.transcript {
            log.push(format!(
                "{}: chain {}, model {}{}",
                what(&ctx.namer),
                ctx.namer.show_call(&c_call),
                ctx.namer.show_call(&m_call),
                if c_events.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; events {}",
                        c_events
                            .iter()
                            .map(|e| ctx.namer.show_event(e))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ));
        }
        results_hold.push(holds);
        results_to_write.push(if halves_agree { m_call } else { c_call });
        event_views.extend(c_events);
        if let Some(action) = &action {
            compare_views(ctx, &model, action, &path, &mut divergences)?;
        }
    }

    // Final games: every game the model knows, and every game the chain created.
    let base = ctx.base;
    let mut ids: Vec<B256> = model.games().map(|(id, _)| id).collect();
    for (id, _) in &created {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    let mut final_games = std::collections::BTreeMap::new();
    for id in &ids {
        let on_chain = ctx.chain.get_game(*id)?;
        final_games.insert(*id, on_chain.clone());
        let in_model = model.get_game(*id);
        if on_chain != in_model {
            divergences.push(
                Divergence::new(
                    DivergenceClass::StateMismatch,
                    format!(
                        "final state of game {}",
                        ctx.namer.show_arg(&Arg::Word(*id))
                    ),
                )
                .on("getGame")
                .side("model", show_game(&ctx.namer, &in_model, base))
                .side("chain", show_game(&ctx.namer, &on_chain, base)),
            );
        }
    }

    let events_hold = match &expect.events {
        None => true,
        Some(expected) => {
            let holds = events_match(&ctx.resolver, expected, &event_views, "expect.events")?;
            if !holds {
                divergences.push(
                    Divergence::from_expect(
                        DivergenceClass::EventMismatch,
                        "every event of the steps, in order",
                    )
                    .side(
                        "expected",
                        show_expected_events(&ctx.resolver, &ctx.namer, expected),
                    )
                    .side("chain", ctx.namer.show_events(&event_views)),
                );
            }
            holds
        }
    };

    let mut games_filled = Vec::new();
    let mut games_hold = true;
    for (i, g) in expect.games.iter().flatten().enumerate() {
        let path = format!("expect.games[{i}]");
        let p = ctx
            .resolver
            .property(&g.property, &format!("{path}.property"))?;
        let mut challenges = Vec::with_capacity(g.challenges.len());
        for (j, c) in g.challenges.iter().enumerate() {
            challenges.push(
                ctx.resolver
                    .game_id(c, &format!("{path}.challenges[{j}]"))?,
            );
        }
        let expected = ChallengeGame {
            property_hash: p.id(),
            challenges,
            decision: Decision::from(g.decision),
            created_block: base.saturating_add(g.created_block),
        };
        let on_chain = ctx.chain.get_game(p.id())?;
        let holds = if g.decision == DecisionName::Undecided && !on_chain.exists() {
            false
        } else {
            on_chain == expected
        };
        if !holds {
            games_hold = false;
            divergences.push(
                Divergence::from_expect(
                    DivergenceClass::StateMismatch,
                    format!("final state of game {}", ctx.namer.show_property(&p)),
                )
                .side("expected", show_game(&ctx.namer, &expected, base))
                .side("chain", show_game(&ctx.namer, &on_chain, base)),
            );
            games_filled.push(game_expect(&ctx.namer, g.property.clone(), &on_chain, base));
        } else {
            games_filled.push(g.clone());
        }
    }

    if let Some((index, step)) = &first_break {
        for later in divergences.iter_mut().skip(index + 1) {
            later.after = Some(step.clone());
        }
    }

    let succeeded = results_to_write.iter().filter(|r| r.is_ok()).count();
    let summary = format!("{} calls, {succeeded} succeeded", results_to_write.len());
    let filled = (|| -> Result<UacVector, FillError> {
        if !ctx.fill {
            return Err(FillError::NotAsked);
        }
        let mut results = Vec::with_capacity(results_to_write.len());
        for (i, got) in results_to_write.iter().enumerate() {
            match expect.results.as_ref().and_then(|r| r.get(i)) {
                Some(existing) if results_hold[i] => results.push(existing.clone()),
                _ => results.push(call_expect(&ctx.namer, got)?),
            }
        }
        let events = match &expect.events {
            Some(existing) if events_hold => existing.clone(),
            _ => events_expect(&ctx.namer, &event_views)?,
        };
        let games = match &expect.games {
            Some(_) if games_hold => expect.games.clone().unwrap_or_default(),
            Some(_) => games_filled,
            None => {
                let mut all = Vec::with_capacity(created.len());
                for (id, p) in &created {
                    // Every created game's final state was read above.
                    if let Some(game) = final_games.get(id) {
                        all.push(game_expect(&ctx.namer, ctx.namer.expr(p), game, base));
                    }
                }
                all
            }
        };
        Ok(UacVector {
            world: v.world.clone(),
            period: v.period,
            steps: steps_filled,
            expect: Some(UacExpect {
                deployment: None,
                results: Some(results),
                games: Some(games),
                events: Some(events),
            }),
        })
    })();
    Ok(KindRun {
        games: created.len() as u64,
        log,
        summary,
        ..KindRun::new(divergences, filled)
    })
}

fn game_expect(
    namer: &crate::views::Namer,
    property: ovm_vectors::Expr,
    game: &ChallengeGame,
    base: u64,
) -> GameExpect {
    GameExpect {
        property,
        decision: DecisionName::from(game.decision),
        challenges: game
            .challenges
            .iter()
            .map(|c| namer.input(&Arg::Word(*c), false))
            .collect(),
        created_block: game.created_block.saturating_sub(base),
    }
}
