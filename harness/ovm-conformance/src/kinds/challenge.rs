//! `challenge`: the claim is claimed, then challenged inside its period (the vector's
//! challenge and each of its `also` challenges, from the same state). The UAC model (asking the
//! runner's mirrors) and the mirror of `isValidChallenge` against `UAC.challenge` and the
//! connective's `isValidChallenge`; plus §9 C: the decider's own challenge (or pin) for the
//! claim must be valid on both halves and accepted on-chain, a False connective's challenge must
//! be True, a pin must be known not False (§7), and a claim the decider judges True must not have an accepted challenge the decider
//! judges True.

use super::{
    KindRun, ResolvedCall, ResolvedError, call_class, call_expect, claim_on_both, compare_agrees,
    outside_domain, view_class,
};
use crate::{
    RunError,
    ctx::{CHALLENGER, Ctx, is_valid_challenge_call, overheard, show_view},
    oracle::MirrorOracle,
    refusal::FillError,
    report::{Divergence, DivergenceClass, NodeCause, NodeView},
    views::{CallView, EventView, Namer, chain_call, event_view, model_error_view},
};
use ovm_chain::account;
use ovm_core::{Bytes, Property};
use ovm_decider::{Decider, Outcome};
use ovm_model::{UacModel, UacResult};
use ovm_vectors::{CallResult, ChallengeExpect, ChallengeVector, DEFAULT_PERIOD};

/// The call and event views of a model result.
pub(crate) fn model_views(result: &UacResult) -> (CallView, Vec<EventView>) {
    match result {
        Ok(events) => (CallView::Ok, events.iter().map(event_view).collect()),
        Err(e) => (CallView::Err(model_error_view(e)), Vec::new()),
    }
}

/// Compares one call on both halves; pushes a divergence when they differ.
pub(crate) fn compare_call<D: ?Sized>(
    ctx: &Ctx<'_, D>,
    what: &dyn Fn() -> String,
    subject: &str,
    model: &UacResult,
    chain: &ovm_chain::TxOutcome<()>,
    rejected: DivergenceClass,
    divergences: &mut Vec<Divergence>,
) -> (CallView, Vec<EventView>) {
    let (m_call, m_events) = model_views(model);
    let c_call = chain_call(&chain.result);
    let c_events: Vec<EventView> = chain.events.iter().map(event_view).collect();
    let namer = &ctx.namer;
    if !ctx.errors.agree(&m_call, &c_call) {
        divergences.push(
            Divergence::new(call_class(m_call.is_ok(), &c_call, rejected), what())
                .on(subject)
                .side("model", namer.show_call(&m_call))
                .side("chain", namer.show_call(&c_call)),
        );
    } else if m_events != c_events {
        divergences.push(
            Divergence::new(
                DivergenceClass::EventMismatch,
                format!("{}: events", what()),
            )
            .on(subject)
            .side("model", namer.show_events(&m_events))
            .side("chain", namer.show_events(&c_events)),
        );
    }
    (c_call, c_events)
}

/// `challenge(claim, [ci…], Q)` for reports.
pub(crate) fn show_challenge(namer: &Namer, p: &Property, ci: &[Bytes], q: &Property) -> String {
    let ci: Vec<String> = ci.iter().map(|i| namer.show_bytes(i)).collect();
    format!(
        "UAC.challenge({}, [{}], {})",
        namer.show_property(p),
        ci.join(", "),
        namer.show_property(q)
    )
}

/// The predicate's name (`unregistered` otherwise), the subject of the claim's divergences.
fn label(registry: &ovm_core::Registry, p: &Property) -> &'static str {
    registry
        .kind(p.predicate)
        .map_or("unregistered", |k| k.name())
}

/// `challenge(claim, ci, q)` on both halves (the claim just claimed), the connective's
/// `isValidChallenge` against its mirror, the expectation, and §9 C's soundness for a claim
/// the decider judges True; divergences pushed. The chain's verdict, and the expectation that
/// writes it (for fill).
#[allow(clippy::too_many_arguments)]
fn try_challenge<D: Decider + ?Sized>(
    ctx: &mut Ctx<'_, D>,
    model: &mut UacModel,
    p: &Property,
    claim_true: bool,
    ci: &[Bytes],
    q: &Property,
    expect: Option<&ChallengeExpect>,
    path: &str,
    divergences: &mut Vec<Divergence>,
) -> Result<(CallView, Result<ChallengeExpect, FillError>), RunError> {
    let registry = ctx.registry;
    let name = label(registry, p);
    let what = |namer: &Namer| show_challenge(namer, p, ci, q);
    let oracle = MirrorOracle {
        world: &ctx.world,
        mirrors: ctx.mirrors,
        decider: ctx.decider,
    };
    model.set_block_number(ctx.chain.block_number());
    let m_challenge = model.challenge(&oracle, p, ci, q);
    let ask = registry
        .connective(p.predicate)
        .is_some()
        .then(|| is_valid_challenge_call(p, ci, q));
    let (c_challenge, answer) = overheard(&mut ctx.chain, p.predicate, ask.as_ref(), |chain| {
        chain.challenge(account(CHALLENGER), p, ci, q)
    })?;
    let call = compare_agrees(
        ctx,
        &|| what(&ctx.namer),
        &format!("UAC.challenge({name})"),
        &m_challenge,
        &c_challenge,
        DivergenceClass::ChallengeRejectedOnChain,
        divergences,
    );

    if let Some(chain) = answer {
        let rust = ctx.mirrors.is_valid_challenge(registry, p, ci, q);
        if chain != Ok(rust) {
            let class = view_class(&chain, DivergenceClass::ChallengeRejectedOnChain);
            let shown = show_view(&ctx.namer, &chain);
            divergences.push(
                Divergence::new(
                    class,
                    format!("{name}.isValidChallenge(claim.inputs, ci, challenge)"),
                )
                .on(format!("{name}.isValidChallenge"))
                .side("decider mirror", rust.to_string())
                .side("chain", &shown)
                .at(Some(NodeView {
                    path: "claim".to_owned(),
                    property: ctx.namer.describe_property(p),
                    decider: format!("is_valid_challenge = {rust}"),
                    chain: format!("isValidChallenge = {shown}"),
                    cause: Some(NodeCause {
                        class,
                        subject: format!("{name}.isValidChallenge"),
                    }),
                })),
            );
        }
    }

    let expected = match expect {
        None => None,
        Some(ChallengeExpect::Accepted(_)) => Some(ResolvedCall::Ok),
        Some(ChallengeExpect::Error(e)) => Some(ResolvedCall::Err(ResolvedError::new(
            &ctx.resolver,
            e,
            &format!("{path}.error"),
        )?)),
    };
    let expect_holds = expected
        .as_ref()
        .is_none_or(|e| ctx.errors.expected(e, &call.chain));
    if call.agree
        && !expect_holds
        && let Some(e) = &expected
    {
        divergences.push(
            Divergence::from_expect(
                call_class(
                    matches!(e, ResolvedCall::Ok),
                    &call.chain,
                    DivergenceClass::ChallengeRejectedOnChain,
                ),
                what(&ctx.namer),
            )
            .on(format!("UAC.challenge({name})"))
            .side("expected", e.show(&ctx.namer))
            .side("model", ctx.namer.show_call(&call.model))
            .side("chain", ctx.namer.show_call(&call.chain)),
        );
    }

    // §9 C: a True claim has no accepted challenge that is True too.
    if claim_true && call.chain.is_ok() {
        let q_outcome = ctx.decider.decide(q, &ctx.world);
        if q_outcome.is_true() {
            let node = ctx.probe(q, "challenge")?;
            // A True challenge with a value outside the hint's candidates breaks §7's
            // optimistic assumption: an unguarded claim, not a decider bug.
            let class = if matches!(ci, [t] if outside_domain(&ctx.world, p, t)) {
                DivergenceClass::UnguardedClaim
            } else {
                DivergenceClass::OutcomeFlip
            };
            divergences.push(
                Divergence::new(
                    class,
                    format!(
                        "a True claim has an accepted challenge that is True too (§9 C): {}",
                        what(&ctx.namer)
                    ),
                )
                .on(format!("{name} sound challenge"))
                .side("decider on claim", "True")
                .side("decider on challenge", ctx.namer.show_outcome(&q_outcome))
                .side("chain", "ok")
                .at(node.first_divergent().cloned()),
            );
        }
    }

    let filled = match expect {
        Some(e) if expect_holds => Ok(e.clone()),
        _ => call_expect(&ctx.namer, call.to_write()).map(|result| match result {
            CallResult::Ok => ChallengeExpect::Accepted(Default::default()),
            CallResult::Error(e) => ChallengeExpect::Error(e),
        }),
    };
    Ok((call.chain, filled))
}

/// §9 C on the claim (claimed, at `after_claim`): the decider's own challenge (or pin) is
/// valid by the mirror and accepted on-chain, and a False connective's challenge exists and is
/// True. `tried` holds the chain's verdicts on the vector's tries (from the same state), so a
/// challenge already tried is not sent again.
fn own_challenge<D: Decider + ?Sized>(
    ctx: &mut Ctx<'_, D>,
    p: &Property,
    outcome: &Outcome,
    after_claim: &ovm_chain::Snapshot,
    tried: &[(&[Bytes], &Property, CallView)],
    divergences: &mut Vec<Divergence>,
) -> Result<(), RunError> {
    let registry = ctx.registry;
    let name = label(registry, p);
    if matches!(outcome, Outcome::False { challenge: None })
        && registry.connective(p.predicate).is_some()
    {
        divergences.push(
            Divergence::new(
                DivergenceClass::OutcomeShape,
                "a False connective without a challenge (§7)",
            )
            .on(format!("{name} own challenge"))
            .side("decider", ctx.namer.show_outcome(outcome)),
        );
    }
    let Some(own) = outcome.challenge().or(outcome.pin()).cloned() else {
        return Ok(());
    };
    let kind = if outcome.is_false() {
        "challenge"
    } else {
        "pin"
    };
    let shown = |namer: &Namer| show_challenge(namer, p, &own.inputs, &own.property);
    let verdict = match tried
        .iter()
        .find(|(ci, q, _)| *ci == own.inputs.as_slice() && **q == own.property)
    {
        Some((_, _, view)) => view.clone(),
        None => {
            ctx.chain.restore(after_claim);
            let result = ctx
                .chain
                .challenge(account(CHALLENGER), p, &own.inputs, &own.property)?;
            chain_call(&result.result)
        }
    };
    let by_mirror = ctx
        .mirrors
        .is_valid_challenge(registry, p, &own.inputs, &own.property);
    if !verdict.is_ok() || !by_mirror {
        let node = ctx.probe(p, "claim")?;
        divergences.push(
            Divergence::new(
                DivergenceClass::ChallengeRejectedOnChain,
                format!(
                    "the decider's own {kind} for the claim: {}",
                    shown(&ctx.namer)
                ),
            )
            .on(format!("{name} own {kind}"))
            .side("decider", ctx.namer.show_outcome(outcome))
            .side("decider mirror", by_mirror.to_string())
            .side("chain", ctx.namer.show_call(&verdict))
            .at(node.first_divergent().cloned()),
        );
    } else {
        // §9 C: a False claim's challenge is True. §7: a pin is a valid challenge known not
        // False (else pinning it could keep a True claim from being decided True).
        let q_outcome = ctx.decider.decide(&own.property, &ctx.world);
        let broken = if outcome.is_false() {
            (!q_outcome.is_true()).then_some((
                DivergenceClass::OutcomeFlip,
                "the decider's challenge of a False claim is not True (§9 C)",
            ))
        } else {
            (!q_outcome.known_not_false()).then_some((
                DivergenceClass::OutcomeShape,
                "the decider's pin is not known not False (§7)",
            ))
        };
        if let Some((class, what)) = broken {
            let node = ctx.probe(&own.property, "challenge")?;
            divergences.push(
                Divergence::new(class, format!("{what}: {}", shown(&ctx.namer)))
                    .on(format!("{name} own {kind}"))
                    .side("decider on claim", ctx.namer.show_outcome(outcome))
                    .side(
                        format!("decider on {kind}"),
                        ctx.namer.show_outcome(&q_outcome),
                    )
                    .at(node.first_divergent().cloned()),
            );
        }
    }
    Ok(())
}

pub(crate) fn run<D: Decider + ?Sized>(
    ctx: &mut Ctx<'_, D>,
    v: &ChallengeVector,
) -> Result<KindRun<ChallengeVector>, RunError> {
    let period = v.period.unwrap_or(DEFAULT_PERIOD);
    let p = ctx.resolver.property(&v.claim, "claim")?;
    let mut tries = vec![(
        ctx.resolver
            .inputs(&v.challenge_inputs, "challenge_inputs")?,
        ctx.resolver.property(&v.challenge, "challenge")?,
        v.expect.as_ref(),
        "expect".to_owned(),
    )];
    for (i, t) in v.also.iter().enumerate() {
        let path = format!("also[{i}]");
        tries.push((
            ctx.resolver
                .inputs(&t.challenge_inputs, &format!("{path}.challenge_inputs"))?,
            ctx.resolver
                .property(&t.challenge, &format!("{path}.challenge"))?,
            t.expect.as_ref(),
            format!("{path}.expect"),
        ));
    }
    ctx.namer.property("claim", &p);
    ctx.namer.property("challenge", &tries[0].1);
    let mut model = UacModel::new(ctx.registry.clone(), period).map_err(RunError::Period)?;
    let mut divergences = Vec::new();
    let (claim_view, after_claim) = claim_on_both(ctx, &mut model, &p, &mut divergences)?;
    let claimed_model = model;
    let outcome = ctx.decider.decide(&p, &ctx.world);
    let claim_true = claim_view.is_ok() && outcome.is_true();

    let mut filled = v.clone();
    let mut fill_error = None;
    let mut tried = Vec::with_capacity(tries.len());
    for (i, (ci, q, expect, path)) in tries.iter().enumerate() {
        ctx.chain.restore(&after_claim);
        let mut model = claimed_model.clone();
        let (view, verdict) = try_challenge(
            ctx,
            &mut model,
            &p,
            claim_true,
            ci,
            q,
            *expect,
            path,
            &mut divergences,
        )?;
        tried.push((ci.as_slice(), q, view));
        match verdict {
            Ok(e) if i == 0 => filled.expect = Some(e),
            Ok(e) => filled.also[i - 1].expect = Some(e),
            Err(message) => {
                fill_error.get_or_insert(message);
            }
        }
    }
    if claim_view.is_ok() {
        own_challenge(ctx, &p, &outcome, &after_claim, &tried, &mut divergences)?;
    }
    Ok(KindRun::new(
        divergences,
        fill_error.map_or(Ok(filled), Err),
    ))
}
