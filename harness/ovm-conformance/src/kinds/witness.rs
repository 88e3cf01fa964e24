//! `witness`: the claim is claimed, then decided with the vector's witness. The UAC model and
//! `onchain::decide_with_witness` against `UAC.decideClaimWithWitness` and the predicate's
//! `decideWithWitness`; plus §9 W: the decider's own witness (`Some`) must be accepted, and a
//! claim the chain decides with a witness must get one from the decider.

use super::{KindRun, call_class, claim_on_both, compare_agrees, view_class};
use crate::{
    RunError,
    ctx::{CHALLENGER, Ctx, chain_decide_with_witness, show_view},
    oracle::MirrorOracle,
    report::{Divergence, DivergenceClass, NodeView},
    views::{CallView, chain_call},
};
use ovm_chain::account;
use ovm_core::{Bytes, ConnectiveKind, PredicateKind, Property, U256, abi, subst};
use ovm_decider::{Decider, Outcome, onchain};
use ovm_model::UacModel;
use ovm_vectors::{DEFAULT_PERIOD, WitnessExpect, WitnessVector};

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
    let rust = onchain::decide_with_witness(&ctx.world, p, w);
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
                && let Some(q) = Property::decode_canonical(&subst(body, name, t, registry))
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
    }))
}

pub(crate) fn run<D: Decider + ?Sized>(
    ctx: &mut Ctx<'_, D>,
    v: &WitnessVector,
) -> Result<KindRun<WitnessVector>, RunError> {
    let p = ctx.resolver.property(&v.claim, "claim")?;
    let w = ctx.resolver.inputs(&v.witness, "witness")?;
    ctx.namer.property("claim", &p);
    let registry = ctx.registry;
    let mut model = UacModel::new(registry.clone(), DEFAULT_PERIOD)
        .map_err(|e| RunError::Setup(e.to_string()))?;
    let mut divergences = Vec::new();

    let (claim_view, after_claim) = claim_on_both(ctx, &mut model, &p, &mut divergences)?;

    let what = format!(
        "UAC.decideClaimWithWitness(claim, [{}])",
        w.iter()
            .map(|x| ctx.namer.show_bytes(x))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let oracle = MirrorOracle { world: &ctx.world };
    let m = model.decide_claim_with_witness(&oracle, &p, &w);
    let c = ctx
        .chain
        .decide_claim_with_witness(account(CHALLENGER), &p, &w)?;
    let (chain_view, call_agrees) = compare_agrees(
        &ctx.namer,
        &what,
        &m,
        &c,
        DivergenceClass::WitnessRejected,
        &mut divergences,
    );

    if registry.kind(p.predicate).is_some() {
        let rust = onchain::decide_with_witness(&ctx.world, &p, &w);
        let chain = chain_decide_with_witness(&mut ctx.chain, &p, &w)?;
        if chain != Ok(rust) {
            let class = view_class(&chain, DivergenceClass::WitnessRejected);
            let mut left = crate::probe::MAX_PROBED_NODES;
            let node = witness_walk(ctx, &p, &w, "claim".to_owned(), &mut left)?;
            let label = registry.kind(p.predicate).map_or("?", |k| k.name());
            divergences.push(
                Divergence::new(
                    class,
                    format!("{label}.decideWithWitness(claim.inputs, witness)"),
                )
                .side("decider mirror", rust.to_string())
                .side("chain", show_view(&ctx.namer, &chain))
                .at(node),
            );
        }
    }

    let rejected = |call: &CallView| call.error().is_some_and(|e| e.name == "WitnessRejected");
    let expect_holds = match v.expect {
        None => true,
        Some(WitnessExpect::Accepted) => chain_view.is_ok(),
        Some(WitnessExpect::Rejected) => rejected(&chain_view),
    };
    if call_agrees
        && !expect_holds
        && let Some(e) = v.expect
    {
        let accepted = e == WitnessExpect::Accepted;
        divergences.push(
            Divergence::from_expect(
                call_class(accepted, &chain_view, DivergenceClass::WitnessRejected),
                &what,
            )
            .side(
                "expected",
                if accepted {
                    "ok"
                } else {
                    "reverted WitnessRejected(id(claim))"
                },
            )
            .side("model", ctx.namer.show_call(&chain_view))
            .side("chain", ctx.namer.show_call(&chain_view)),
        );
    }

    // §9 W on the claim itself.
    if claim_view.is_ok() {
        let outcome = ctx.decider.decide(&p, &ctx.world);
        if let Some(own) = outcome.witness().map(<[Bytes]>::to_vec) {
            let saved = ctx.chain.snapshot();
            ctx.chain.restore(&after_claim);
            let result = ctx
                .chain
                .decide_claim_with_witness(account(CHALLENGER), &p, &own)?;
            if let Err(revert) = &result.result {
                let mut left = crate::probe::MAX_PROBED_NODES;
                let node = witness_walk(ctx, &p, &own, "claim".to_owned(), &mut left)?;
                divergences.push(
                    Divergence::new(
                        DivergenceClass::WitnessRejected,
                        "the decider's own witness for the claim (§9 W)",
                    )
                    .side("decider", ctx.namer.show_outcome(&outcome))
                    .side(
                        "chain",
                        ctx.namer.show_call(&chain_call::<()>(&Err(revert.clone()))),
                    )
                    .at(node),
                );
            }
            ctx.chain.restore(&saved);
        }
        if chain_view.is_ok() && outcome.witness().is_none() {
            let class = if matches!(outcome, Outcome::True { .. }) {
                DivergenceClass::MissedWitness
            } else {
                DivergenceClass::OutcomeFlip
            };
            let node = ctx.probe(&p, "claim")?;
            divergences.push(
                Divergence::new(
                    class,
                    "the chain decides the claim with a witness; the decider gives none (§9 W)",
                )
                .side("decider", ctx.namer.show_outcome(&outcome))
                .side("chain", format!("{what}: ok"))
                .at(node.first_divergent().cloned()),
            );
        }
    }

    let filled = if expect_holds && v.expect.is_some() {
        Ok(v.clone())
    } else if chain_view.is_ok() {
        Ok(WitnessVector {
            expect: Some(WitnessExpect::Accepted),
            ..v.clone()
        })
    } else if rejected(&chain_view) {
        Ok(WitnessVector {
            expect: Some(WitnessExpect::Rejected),
            ..v.clone()
        })
    } else {
        Err(format!(
            "the chain answers {}: neither accepted nor WitnessRejected",
            ctx.namer.show_call(&chain_view)
        ))
    };
    Ok(KindRun {
        divergences,
        filled,
        games: 0,
        log: Vec::new(),
    })
}
