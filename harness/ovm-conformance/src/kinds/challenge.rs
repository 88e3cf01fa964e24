//! `challenge`: the claim is claimed, then challenged once inside its period. The UAC model
//! (asking the decider crate's `onchain` mirrors) and `onchain::is_valid_challenge` against
//! `UAC.challenge` and the connective's `isValidChallenge`; plus §9 C: the decider's own
//! challenge (or pin) for the claim must be accepted on-chain, and a claim the decider judges
//! True must not have an accepted challenge the decider judges True.

use super::{
    KindRun, ResolvedCall, ResolvedError, call_class, call_expect, claim_on_both, compare_agrees,
    view_class,
};
use crate::{
    RunError,
    ctx::{CHALLENGER, Ctx, chain_is_valid_challenge, show_view},
    oracle::MirrorOracle,
    report::{Divergence, DivergenceClass, NodeView},
    views::{CallView, EventView, Namer, chain_call, chain_event, model_error_view, model_event},
};
use ovm_chain::account;
use ovm_core::{Bytes, ConnectiveKind, Property};
use ovm_decider::{Decider, World, hint, onchain};
use ovm_model::{UacModel, UacResult};
use ovm_vectors::{CallResult, ChallengeExpect, ChallengeVector, DEFAULT_PERIOD};

/// The call and event views of a model result.
pub(crate) fn model_views(result: &UacResult) -> (CallView, Vec<EventView>) {
    match result {
        Ok(events) => (CallView::Ok, events.iter().map(model_event).collect()),
        Err(e) => (CallView::Err(model_error_view(e)), Vec::new()),
    }
}

/// Compares one call on both halves; pushes a divergence when they differ.
pub(crate) fn compare_call(
    namer: &Namer,
    what: &str,
    model: &UacResult,
    chain: &ovm_chain::TxOutcome<()>,
    rejected: DivergenceClass,
    divergences: &mut Vec<Divergence>,
) -> (CallView, Vec<EventView>) {
    let (m_call, m_events) = model_views(model);
    let c_call = chain_call(&chain.result);
    let c_events: Vec<EventView> = chain.events.iter().map(chain_event).collect();
    if m_call != c_call {
        divergences.push(
            Divergence::new(call_class(m_call.is_ok(), &c_call, rejected), what)
                .side("model", namer.show_call(&m_call))
                .side("chain", namer.show_call(&c_call)),
        );
    } else if m_events != c_events {
        divergences.push(
            Divergence::new(DivergenceClass::EventMismatch, format!("{what}: events"))
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

/// Whether `challenge_inputs` challenge the `ForAll` claim with a value outside its domain
/// (the hint's candidates, then `0x` and `enc(And())`, spec §7).
fn outside_candidates(world: &World, claim: &Property, challenge_inputs: &[Bytes]) -> bool {
    let registry = &world.registry;
    let ([hint, _, _], [t]) = (&claim.inputs[..], challenge_inputs) else {
        return false;
    };
    if registry.connective(claim.predicate) != Some(ConnectiveKind::ForAll) {
        return false;
    }
    let empty_and = Property::new(registry.connective_address(ConnectiveKind::And), []).encode();
    let in_hint = hint::candidates(hint, world).is_ok_and(|candidates| candidates.contains(t));
    !(in_hint || t.is_empty() || *t == empty_and)
}

pub(crate) fn run<D: Decider + ?Sized>(
    ctx: &mut Ctx<'_, D>,
    v: &ChallengeVector,
) -> Result<KindRun<ChallengeVector>, RunError> {
    let period = v.period.unwrap_or(DEFAULT_PERIOD);
    let p = ctx.resolver.property(&v.claim, "claim")?;
    let ci = ctx
        .resolver
        .inputs(&v.challenge_inputs, "challenge_inputs")?;
    let q = ctx.resolver.property(&v.challenge, "challenge")?;
    ctx.namer.property("claim", &p);
    ctx.namer.property("challenge", &q);
    let registry = ctx.registry;
    let mut model = UacModel::new(registry.clone(), period)
        .map_err(|e| RunError::Setup(format!("period: {e}")))?;
    let mut divergences = Vec::new();

    let (claim_view, after_claim) = claim_on_both(ctx, &mut model, &p, &mut divergences)?;

    let what = show_challenge(&ctx.namer, &p, &ci, &q);
    let oracle = MirrorOracle { world: &ctx.world };
    model.set_block_number(ctx.chain.block_number());
    let m_challenge = model.challenge(&oracle, &p, &ci, &q);
    let c_challenge = ctx.chain.challenge(account(CHALLENGER), &p, &ci, &q)?;
    let (chain_view, call_agrees) = compare_agrees(
        &ctx.namer,
        &what,
        &m_challenge,
        &c_challenge,
        DivergenceClass::ChallengeRejectedOnChain,
        &mut divergences,
    );

    if registry.connective(p.predicate).is_some() {
        let rust = onchain::is_valid_challenge(registry, &p, &ci, &q);
        let chain = chain_is_valid_challenge(&mut ctx.chain, &p, &ci, &q)?;
        if chain != Ok(rust) {
            let class = view_class(&chain, DivergenceClass::ChallengeRejectedOnChain);
            let shown = show_view(&ctx.namer, &chain);
            let label = registry.kind(p.predicate).map_or("?", |k| k.name());
            divergences.push(
                Divergence::new(
                    class,
                    format!("{label}.isValidChallenge(claim.inputs, ci, challenge)"),
                )
                .side("decider mirror", rust.to_string())
                .side("chain", &shown)
                .at(Some(NodeView {
                    path: "claim".to_owned(),
                    property: ctx.namer.describe_property(&p),
                    decider: format!("onchain::is_valid_challenge = {rust}"),
                    chain: format!("isValidChallenge = {shown}"),
                })),
            );
        }
    }

    let expected = match &v.expect {
        None => None,
        Some(ChallengeExpect::Accepted(_)) => Some(ResolvedCall::Ok),
        Some(ChallengeExpect::Error(e)) => Some(ResolvedCall::Err(ResolvedError::new(
            &ctx.resolver,
            e,
            "expect.error",
        )?)),
    };
    let expect_holds = expected.as_ref().is_none_or(|e| e.matches(&chain_view));
    if call_agrees
        && !expect_holds
        && let Some(e) = &expected
    {
        divergences.push(
            Divergence::from_expect(
                call_class(
                    matches!(e, ResolvedCall::Ok),
                    &chain_view,
                    DivergenceClass::ChallengeRejectedOnChain,
                ),
                &what,
            )
            .side("expected", e.show(&ctx.namer))
            .side("model", ctx.namer.show_call(&chain_view))
            .side("chain", ctx.namer.show_call(&chain_view)),
        );
    }

    // §9 C on the claim itself.
    if claim_view.is_ok() {
        let outcome = ctx.decider.decide(&p, &ctx.world);
        if let Some(own) = outcome.challenge().or(outcome.pin()).cloned() {
            let saved = ctx.chain.snapshot();
            ctx.chain.restore(&after_claim);
            let result =
                ctx.chain
                    .challenge(account(CHALLENGER), &p, &own.inputs, &own.property)?;
            if let Err(revert) = &result.result {
                let node = ctx.probe(&p, "claim")?;
                divergences.push(
                    Divergence::new(
                        DivergenceClass::ChallengeRejectedOnChain,
                        format!(
                            "the decider's own {} for the claim: {}",
                            if outcome.is_false() {
                                "challenge"
                            } else {
                                "pin"
                            },
                            show_challenge(&ctx.namer, &p, &own.inputs, &own.property)
                        ),
                    )
                    .side("decider", ctx.namer.show_outcome(&outcome))
                    .side(
                        "chain",
                        ctx.namer.show_call(&chain_call::<()>(&Err(revert.clone()))),
                    )
                    .at(node.first_divergent().cloned()),
                );
            }
            ctx.chain.restore(&saved);
        }
        if outcome.is_true() && chain_view.is_ok() {
            let q_outcome = ctx.decider.decide(&q, &ctx.world);
            if q_outcome.is_true() {
                let node = ctx.probe(&q, "challenge")?;
                // A True challenge with a value outside the hint's candidates breaks §7's
                // optimistic assumption: an unguarded claim, not a decider bug.
                let class = if outside_candidates(&ctx.world, &p, &ci) {
                    DivergenceClass::UnguardedClaim
                } else {
                    DivergenceClass::OutcomeFlip
                };
                divergences.push(
                    Divergence::new(
                        class,
                        "a True claim has an accepted challenge that is True too (§9 C)",
                    )
                    .side("decider on claim", ctx.namer.show_outcome(&outcome))
                    .side("decider on challenge", ctx.namer.show_outcome(&q_outcome))
                    .side("chain", format!("{what}: ok"))
                    .at(node.first_divergent().cloned()),
                );
            }
        }
    }

    let filled = if expect_holds && v.expect.is_some() {
        Ok(v.clone())
    } else {
        call_expect(&ctx.namer, &chain_view).map(|result| {
            let expect = match result {
                CallResult::Ok => ChallengeExpect::Accepted(Default::default()),
                CallResult::Error(e) => ChallengeExpect::Error(e),
            };
            ChallengeVector {
                expect: Some(expect),
                ..v.clone()
            }
        })
    };
    Ok(KindRun {
        divergences,
        filled,
        games: 0,
        log: Vec::new(),
    })
}
