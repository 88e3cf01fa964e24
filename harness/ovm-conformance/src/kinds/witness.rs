//! `witness`: the claim is claimed, then decided with the vector's witness (and each of its
//! `also` witnesses, from the same state). The UAC model and the mirror of
//! `decideWithWitness` against `UAC.decideClaimWithWitness` and the predicate's
//! `decideWithWitness`; plus §9 W: the decider's own witness (`Some`) must be accepted on both
//! halves and be the one §7 prescribes, and a claim the chain decides with a witness must get
//! one from the decider.

use super::{
    KindRun, ResolvedCall, ResolvedError, call_class, claim_on_both, compare_agrees,
    outside_domain, view_class,
};
use crate::{
    RunError,
    ctx::{
        CHALLENGER, Ctx, chain_decide_with_witness, decide_with_witness_call, overheard, show_view,
    },
    oracle::MirrorOracle,
    refusal::FillError,
    report::{Divergence, DivergenceClass, NodeCause, NodeView},
    views::{CallView, Namer, chain_call},
};
use ovm_chain::account;
use ovm_core::{Bytes, ConnectiveKind, PredicateKind, Property, U256, abi};
use ovm_decider::{Decider, Outcome, World, hint, onchain};
use ovm_model::UacModel;
use ovm_vectors::{DEFAULT_PERIOD, WitnessExpect, WitnessVector};

/// How many sub-decisions the reconstruction of §7's witness may take.
const WITNESS_FUEL: u32 = 400;

/// Walks the witness's decomposition (§4 table) and returns the deepest node of the first
/// path where `onchain::decide_with_witness` and the contract's `decideWithWitness` differ.
fn witness_walk<D: ?Sized>(
    ctx: &mut Ctx<'_, D>,
    p: &Property,
    w: &[Bytes],
    path: String,
    left: &mut usize,
) -> Result<Option<NodeView>, RunError> {
    *left = left.saturating_sub(1);
    let rust = ctx.mirrors.decide_with_witness(&ctx.world, p, w);
    let chain = chain_decide_with_witness(&mut ctx.chain, p, w)?;
    let mut children: Vec<(Property, Vec<Bytes>, String)> = Vec::new();
    let registry = ctx.registry;
    match registry.kind(p.predicate) {
        Some(PredicateKind::Connective(ConnectiveKind::Not)) => {
            if let [inner] = &p.inputs[..]
                && let Some(inner) = Property::decode_canonical(inner)
                && let [q] = &inner.inputs[..]
                && let Some(q) = Property::decode_canonical(q)
            {
                children.push((q, w.to_vec(), format!("{path}.Not[0].Not[0]")));
            }
        }
        Some(PredicateKind::Connective(ConnectiveKind::And)) => {
            for (i, (child, wi)) in p.inputs.iter().zip(w).enumerate() {
                if let (Some(child), Some(items)) = (
                    Property::decode_canonical(child),
                    abi::decode_bytes_array(wi),
                ) {
                    children.push((child, items, format!("{path}.And[{i}]")));
                }
            }
        }
        Some(PredicateKind::Connective(ConnectiveKind::Or)) => {
            if let Some((first, rest)) = w.split_first()
                && let Some(i) = abi::decode_u256(first)
                && i < U256::from(p.inputs.len())
                && let Some(child) = Property::decode_canonical(&p.inputs[i.to::<usize>()])
            {
                children.push((child, rest.to_vec(), format!("{path}.Or[{i}]")));
            }
        }
        Some(PredicateKind::Connective(ConnectiveKind::ThereExists)) => {
            if let ([_, name, body], Some((t, rest))) = (&p.inputs[..], w.split_first())
                && let Some(q) =
                    Property::decode_canonical(&ctx.mirrors.subst(body, name, t, registry))
            {
                children.push((q, rest.to_vec(), format!("{path}.ThereExists[{t}]")));
            }
        }
        _ => {}
    }
    for (child, cw, child_path) in children {
        if *left == 0 {
            break;
        }
        if let Some(found) = witness_walk(ctx, &child, &cw, child_path, left)? {
            return Ok(Some(found));
        }
    }
    Ok((chain != Ok(rust)).then(|| NodeView {
        path,
        property: ctx.namer.describe_property(p),
        decider: format!("onchain::decide_with_witness = {rust}"),
        chain: format!("decideWithWitness = {}", show_view(&ctx.namer, &chain)),
        cause: Some(NodeCause {
            class: view_class(&chain, DivergenceClass::WitnessRejected),
            subject: format!(
                "{}.decideWithWitness",
                registry
                    .kind(p.predicate)
                    .map_or("unregistered", |k| k.name())
            ),
        }),
    }))
}

/// §7's witness of `p` if it is True and witness-decidable, rebuilt from `decider`'s own
/// decisions of its parts (`None` otherwise, or when `fuel` runs out).
fn section7_witness<D: Decider + ?Sized>(
    decider: &D,
    world: &World,
    p: &Property,
    fuel: &mut u32,
) -> Option<Vec<Bytes>> {
    if *fuel == 0 {
        return None;
    }
    *fuel -= 1;
    let registry = &world.registry;
    let truth = |q: &Property| decider.decide(q, world).is_true();
    match registry.kind(p.predicate)? {
        PredicateKind::Atomic(_) => truth(p).then(Vec::new),
        PredicateKind::Connective(kind) => match (kind, &p.inputs[..]) {
            (ConnectiveKind::Not, [inner]) => {
                let inner = Property::decode_canonical(inner)?;
                if registry.connective(inner.predicate) != Some(ConnectiveKind::Not) {
                    return None;
                }
                let [q] = &inner.inputs[..] else { return None };
                let q = Property::decode_canonical(q)?;
                if !truth(&q) {
                    return None;
                }
                section7_witness(decider, world, &q, fuel)
            }
            (ConnectiveKind::And, children) => {
                let mut out = Vec::new();
                for child in children {
                    let child = Property::decode_canonical(child)?;
                    if !truth(&child) {
                        return None;
                    }
                    let w = section7_witness(decider, world, &child, fuel)?;
                    out.push(abi::encode_bytes_array(&w));
                }
                Some(out)
            }
            (ConnectiveKind::Or, children) => {
                for (i, child) in children.iter().enumerate() {
                    let Some(child) = Property::decode_canonical(child) else {
                        continue;
                    };
                    if truth(&child)
                        && let Some(mut w) = section7_witness(decider, world, &child, fuel)
                    {
                        w.insert(0, abi::encode_uint(i as u64));
                        return Some(w);
                    }
                }
                None
            }
            (ConnectiveKind::ThereExists, [hint, name, body]) => {
                for t in hint::domain(hint, world) {
                    let Some(instance) = onchain::admissible_instance(
                        registry,
                        ConnectiveKind::ThereExists,
                        name,
                        body,
                        &t,
                    )
                    .and_then(|i| Property::decode_canonical(&i)) else {
                        continue;
                    };
                    if truth(&instance)
                        && let Some(mut w) = section7_witness(decider, world, &instance, fuel)
                    {
                        w.insert(0, t);
                        return Some(w);
                    }
                }
                None
            }
            _ => None,
        },
    }
}

/// The predicate's name (`unregistered` otherwise), the subject of the claim's divergences.
fn label(ctx: &Ctx<'_, impl ?Sized>, p: &Property) -> &'static str {
    ctx.registry
        .kind(p.predicate)
        .map_or("unregistered", |k| k.name())
}

/// What one witness try showed: the chain's verdict, and the expectation that writes it (for
/// fill).
struct Tried {
    verdict: CallView,
    expect: Result<WitnessExpect, FillError>,
}

/// `decideClaimWithWitness(claim, w)` on both halves (the claim just claimed) and the
/// predicate's `decideWithWitness` against its mirror; divergences pushed.
fn try_witness<D: Decider + ?Sized>(
    ctx: &mut Ctx<'_, D>,
    model: &mut UacModel,
    p: &Property,
    w: &[Bytes],
    expect: Option<WitnessExpect>,
    divergences: &mut Vec<Divergence>,
) -> Result<Tried, RunError> {
    let registry = ctx.registry;
    let name = label(ctx, p);
    let what = |namer: &Namer| {
        format!(
            "UAC.decideClaimWithWitness(claim, [{}])",
            w.iter()
                .map(|x| namer.show_bytes(x))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let oracle = MirrorOracle {
        world: &ctx.world,
        mirrors: ctx.mirrors,
        decider: ctx.decider,
    };
    let m = model.decide_claim_with_witness(&oracle, p, w);
    let ask = registry
        .kind(p.predicate)
        .is_some()
        .then(|| decide_with_witness_call(p, w));
    let (c, answer) = overheard(&mut ctx.chain, p.predicate, ask.as_ref(), |chain| {
        chain.decide_claim_with_witness(account(CHALLENGER), p, w)
    })?;
    let call = compare_agrees(
        ctx,
        &|| what(&ctx.namer),
        &format!("UAC.decideClaimWithWitness({name})"),
        &m,
        &c,
        DivergenceClass::WitnessRejected,
        divergences,
    );

    if let Some(chain) = answer {
        let rust = ctx.mirrors.decide_with_witness(&ctx.world, p, w);
        if chain != Ok(rust) {
            let class = view_class(&chain, DivergenceClass::WitnessRejected);
            let mut left = crate::probe::MAX_PROBED_NODES;
            let node = witness_walk(ctx, p, w, "claim".to_owned(), &mut left)?;
            divergences.push(
                Divergence::new(
                    class,
                    format!("{name}.decideWithWitness(claim.inputs, witness)"),
                )
                .on(format!("{name}.decideWithWitness"))
                .side("decider mirror", rust.to_string())
                .side("chain", show_view(&ctx.namer, &chain))
                .at(node),
            );
        }
    }

    let expect_holds = match expect {
        None => true,
        Some(WitnessExpect::Accepted) => call.chain.is_ok(),
        Some(WitnessExpect::Rejected) => ctx.errors.expected(
            &ResolvedCall::Err(ResolvedError {
                name: "WitnessRejected".to_owned(),
                args: None,
            }),
            &call.chain,
        ),
    };
    if call.agree
        && !expect_holds
        && let Some(e) = expect
    {
        let accepted = e == WitnessExpect::Accepted;
        divergences.push(
            Divergence::from_expect(
                call_class(accepted, &call.chain, DivergenceClass::WitnessRejected),
                what(&ctx.namer),
            )
            .on(format!("UAC.decideClaimWithWitness({name})"))
            .side(
                "expected",
                if accepted {
                    "ok"
                } else {
                    "reverted WitnessRejected(id(claim))"
                },
            )
            .side("model", ctx.namer.show_call(&call.model))
            .side("chain", ctx.namer.show_call(&call.chain)),
        );
    }
    let written = call.to_write();
    let expect = match expect {
        Some(e) if expect_holds => Ok(e),
        _ if written.is_ok() => Ok(WitnessExpect::Accepted),
        _ if written.error().is_some_and(|e| e.name == "WitnessRejected") => {
            Ok(WitnessExpect::Rejected)
        }
        _ => Err(FillError::WitnessNeitherAcceptedNorRejected(
            ctx.namer.show_call(written),
        )),
    };
    Ok(Tried {
        verdict: call.chain,
        expect,
    })
}

/// The chain's verdict on `decideClaimWithWitness(p, w)` from `after_claim`: the vector's
/// try of `w` when there is one (`tried`, from the same state), else a new transaction.
fn chain_verdict<D: Decider + ?Sized>(
    ctx: &mut Ctx<'_, D>,
    p: &Property,
    w: &[Bytes],
    after_claim: &ovm_chain::Snapshot,
    tried: &[(&[Bytes], CallView)],
) -> Result<CallView, RunError> {
    if let Some((_, view)) = tried.iter().find(|(t, _)| *t == w) {
        return Ok(view.clone());
    }
    ctx.chain.restore(after_claim);
    let result = ctx
        .chain
        .decide_claim_with_witness(account(CHALLENGER), p, w)?;
    Ok(chain_call(&result.result))
}

/// §9 W on the claim (claimed, at `after_claim`): the decider's own witness is accepted by
/// the mirror and on-chain and is §7's; a claim the chain decides with a witness gets one.
/// `tried` holds the chain's verdicts on the vector's witnesses.
fn own_witness<D: Decider + ?Sized>(
    ctx: &mut Ctx<'_, D>,
    p: &Property,
    after_claim: &ovm_chain::Snapshot,
    tried: &[(&[Bytes], CallView)],
    divergences: &mut Vec<Divergence>,
) -> Result<(), RunError> {
    let name = label(ctx, p);
    let outcome = ctx.decider.decide(p, &ctx.world);
    if let Some(own) = outcome.witness().map(<[Bytes]>::to_vec) {
        let verdict = chain_verdict(ctx, p, &own, after_claim, tried)?;
        let by_mirror = ctx.mirrors.decide_with_witness(&ctx.world, p, &own);
        if !verdict.is_ok() || !by_mirror {
            let mut left = crate::probe::MAX_PROBED_NODES;
            let node = witness_walk(ctx, p, &own, "claim".to_owned(), &mut left)?;
            divergences.push(
                Divergence::new(
                    DivergenceClass::WitnessRejected,
                    "the decider's own witness for the claim (§9 W)",
                )
                .on(format!("{name} own witness"))
                .side("decider", ctx.namer.show_outcome(&outcome))
                .side("decider mirror", by_mirror.to_string())
                .side("chain", ctx.namer.show_call(&verdict))
                .at(node),
            );
        } else {
            let mut fuel = WITNESS_FUEL;
            let prescribed = section7_witness(ctx.decider, &ctx.world, p, &mut fuel);
            if fuel > 0 && prescribed.as_deref() != Some(&own[..]) {
                let show = |w: &[Bytes]| {
                    w.iter()
                        .map(|x| ctx.namer.show_bytes(x))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                divergences.push(
                    Divergence::new(
                        DivergenceClass::OutcomeShape,
                        "the decider's witness is not the one §7 prescribes (first true child, \
                         first candidate, rebuilt from the decider's own decisions)",
                    )
                    .on(format!("{name} §7 witness"))
                    .side("decider", format!("witness [{}]", show(&own)))
                    .side(
                        "§7",
                        prescribed.map_or_else(
                            || "none (not witness-decidable)".to_owned(),
                            |w| format!("witness [{}]", show(&w)),
                        ),
                    ),
                );
            }
        }
    }
    // No witness for a True claim: §7's witness, if the chain accepts it, was missed.
    let mut accepted_on_chain = tried.iter().any(|(_, view)| view.is_ok());
    if outcome.witness().is_none() && outcome.is_true() && !accepted_on_chain {
        let mut fuel = WITNESS_FUEL;
        if let Some(w) = section7_witness(ctx.decider, &ctx.world, p, &mut fuel) {
            accepted_on_chain = chain_verdict(ctx, p, &w, after_claim, tried)?.is_ok();
        }
    }
    if accepted_on_chain && outcome.witness().is_none() {
        // Unknown for want of a hint's candidates, or an accepted value outside them: the
        // witness form of an unguarded claim (§7), not a decider bug.
        let accepted_outside = tried
            .iter()
            .filter(|(_, view)| view.is_ok())
            .any(|(w, _)| w.first().is_some_and(|t| outside_domain(&ctx.world, p, t)));
        let (class, what) = match &outcome {
            Outcome::True { .. } => (
                DivergenceClass::MissedWitness,
                "the chain decides the claim with a witness; the decider gives none (§9 W)",
            ),
            Outcome::False { .. } if accepted_outside => (
                DivergenceClass::UnguardedClaim,
                "the chain decides the claim with a witness whose value is outside the hint's \
                 candidates (an unguarded claim, §7)",
            ),
            Outcome::Unknown { why, .. } if why.lacks_candidates() => (
                DivergenceClass::UnguardedClaim,
                "the chain decides the claim with a witness whose value no usable hint lists \
                 (an unguarded claim, §7)",
            ),
            _ => (
                DivergenceClass::OutcomeFlip,
                "the chain decides the claim with a witness; the decider gives none (§9 W)",
            ),
        };
        let node = ctx.probe(p, "claim")?;
        divergences.push(
            Divergence::new(class, what)
                .on(format!("{name} missed witness"))
                .side("decider", ctx.namer.show_outcome(&outcome))
                .side("chain", "ok")
                .at(node.first_divergent().cloned()),
        );
    }
    Ok(())
}

pub(crate) fn run<D: Decider + ?Sized>(
    ctx: &mut Ctx<'_, D>,
    v: &WitnessVector,
) -> Result<KindRun<WitnessVector>, RunError> {
    let p = ctx.resolver.property(&v.claim, "claim")?;
    let mut tries = vec![(ctx.resolver.inputs(&v.witness, "witness")?, v.expect)];
    for (i, t) in v.also.iter().enumerate() {
        let path = format!("also[{i}].witness");
        tries.push((ctx.resolver.inputs(&t.witness, &path)?, t.expect));
    }
    ctx.namer.property("claim", &p);
    let claimed_model =
        UacModel::new(ctx.registry.clone(), DEFAULT_PERIOD).map_err(RunError::Period)?;
    let mut model = claimed_model.clone();
    let mut divergences = Vec::new();
    let (claim_view, after_claim) = claim_on_both(ctx, &mut model, &p, &mut divergences)?;
    let claimed_model = model;

    let mut filled = v.clone();
    let mut fill_error = None;
    let mut verdicts = Vec::with_capacity(tries.len());
    for (i, (w, expect)) in tries.iter().enumerate() {
        ctx.chain.restore(&after_claim);
        let mut model = claimed_model.clone();
        let tried = try_witness(ctx, &mut model, &p, w, *expect, &mut divergences)?;
        verdicts.push((w.as_slice(), tried.verdict));
        match tried.expect {
            Ok(e) if i == 0 => filled.expect = Some(e),
            Ok(e) => filled.also[i - 1].expect = Some(e),
            Err(message) => {
                fill_error.get_or_insert(message);
            }
        }
    }
    if claim_view.is_ok() {
        own_witness(ctx, &p, &after_claim, &verdicts, &mut divergences)?;
    }
    Ok(KindRun::new(
        divergences,
        fill_error.map_or(Ok(filled), Err),
    ))
}
