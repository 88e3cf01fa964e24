//! `atomic`: `ovm_decider::atomic::evaluate` (and the decider under test) against the
//! contract's `decide`, with `decideTrue` / `decideFalse` on a fork where the property is
//! claimed, so that "undefined" is observable on-chain: undefined ⇔ `decide` is false and both
//! entry points revert (§5, §9 A). With `gas`, one more `decide` sent with that gas limit is
//! held to IsStored's §5.2 gas guard as the Rust half predicts it ([`predict_guard`]).

use super::KindRun;
use crate::{
    RunError,
    ctx::{ChainReading, Ctx, chain_truth},
    probe::truth_name,
    report::{Divergence, DivergenceClass, NodeView},
};
use crate::{
    ctx::CHALLENGER,
    gas::{GuardPrediction, predict_guard},
};
use ovm_chain::{account, bindings::IAtomicPredicate};
use ovm_core::Property;
use ovm_decider::{Decider, Outcome, Truth, atomic};
use ovm_vectors::AtomicVector;

/// The decider's truth of a vector truth.
pub(crate) fn from_vector(truth: ovm_vectors::Truth) -> Truth {
    match truth {
        ovm_vectors::Truth::True => Truth::True,
        ovm_vectors::Truth::False => Truth::False,
        ovm_vectors::Truth::Undefined => Truth::Undefined,
    }
}

/// The vector truth of a decider truth.
pub(crate) fn to_vector(truth: Truth) -> ovm_vectors::Truth {
    match truth {
        Truth::True => ovm_vectors::Truth::True,
        Truth::False => ovm_vectors::Truth::False,
        Truth::Undefined => ovm_vectors::Truth::Undefined,
    }
}

pub(crate) fn run<D: Decider + ?Sized>(
    ctx: &mut Ctx<'_, D>,
    v: &AtomicVector,
) -> Result<KindRun<AtomicVector>, RunError> {
    let inputs = ctx.resolver.inputs(&v.inputs, "inputs")?;
    let kind = v.predicate.0;
    let p = Property::new(ctx.registry.atomic_address(kind), inputs.clone());
    let reference = atomic::evaluate(kind, &inputs, &ctx.world);
    let outcome = ctx.decider.decide(&p, &ctx.world);
    let chain = chain_truth(&mut ctx.chain, &p)?;
    let gas_limited = match v.gas {
        Some(gas) => gas_guard(ctx, &p, reference, gas)?,
        None => None,
    };
    let chain_shown = chain.show(&ctx.namer);
    let what = format!("{} on {} input(s)", kind.name(), inputs.len());
    let node = Some(NodeView {
        path: "predicate".to_owned(),
        property: ctx.namer.describe_property(&p),
        decider: ctx.namer.show_outcome(&outcome),
        chain: chain_shown.clone(),
        // The vector's divergences name the atomic themselves.
        cause: None,
    });
    let expected = v.expect.map(from_vector);
    let with_sides = |d: Divergence| {
        let d = match expected {
            Some(e) => d.side("expected", truth_name(e)),
            None => d,
        };
        d.on(kind.name())
            .side("decider", ctx.namer.show_outcome(&outcome))
            .side("atomic::evaluate", truth_name(reference))
            .side("chain", &chain_shown)
            .at(node.clone())
    };
    let mut divergences = Vec::new();
    // An atomic's outcome (§7): True with the witness `[]`, False without a challenge, or
    // Unknown (undefined) without a pin.
    let shape_ok = match &outcome {
        Outcome::True { witness } => witness.as_deref() == Some(&[][..]),
        Outcome::False { challenge } => challenge.is_none(),
        Outcome::Unknown { why, pin } => pin.is_none() && why.is_undefined(),
    };
    if !shape_ok {
        divergences.push(with_sides(Divergence::new(
            DivergenceClass::OutcomeShape,
            format!("{what}: the decider's outcome is not an atomic's (§7: True with witness [], False without challenge, Unknown without pin)"),
        )));
    }
    if let Err(revert) = &chain.decide {
        divergences.push(with_sides(Divergence::new(
            super::revert_class(revert),
            format!("{what}: decide(inputs) must never revert"),
        )));
    }
    match chain.read(ctx.errors) {
        ChainReading::Contradictory => divergences.push(with_sides(Divergence::new(
            DivergenceClass::OutcomeFlip,
            format!("{what}: decide, decideTrue and decideFalse contradict each other"),
        ))),
        ChainReading::Truth(t) | ChainReading::OtherError(t, _) if t != reference => divergences
            .push(with_sides(Divergence::new(
                DivergenceClass::OutcomeFlip,
                format!(
                    "{what}: chain {} vs reference {}",
                    truth_name(t),
                    truth_name(reference)
                ),
            ))),
        ChainReading::OtherError(_, entry) => divergences.push(
            with_sides(Divergence::new(
                DivergenceClass::WrongError,
                format!("{what}: {entry} reverts with another error than the spec's"),
            ))
            .on(format!("{}.{entry}", kind.name())),
        ),
        ChainReading::Truth(_) => {}
    }
    if outcome.truth() != reference {
        divergences.push(with_sides(Divergence::new(
            DivergenceClass::OutcomeFlip,
            format!(
                "{what}: decider {} vs reference {}",
                truth_name(outcome.truth()),
                truth_name(reference)
            ),
        )));
    }
    if divergences.is_empty()
        && let Some(e) = expected
        && e != reference
    {
        divergences.push(with_sides(Divergence::from_expect(
            DivergenceClass::OutcomeFlip,
            format!("{what}: expected {}", truth_name(e)),
        )));
    }
    divergences.extend(gas_limited.map(with_sides));
    let mut filled = v.clone();
    filled.expect = Some(to_vector(reference));
    Ok(KindRun::new(divergences, Ok(filled)))
}

/// The vector's `gas` (§5.2's gas guard): `decide(inputs)` sent with that transaction gas
/// limit must revert where the Rust half predicts the guard is reached with too little gas,
/// and answer as with ample gas where it predicts enough ([`predict_guard`]).
fn gas_guard<D: Decider + ?Sized>(
    ctx: &mut Ctx<'_, D>,
    p: &Property,
    reference: Truth,
    gas: u64,
) -> Result<Option<Divergence>, RunError> {
    // A limit in the implementation-dependent band is refused when the vector is loaded.
    let Some(prediction) = predict_guard(ctx.registry, &p.inputs, gas) else {
        return Ok(None);
    };
    let call = IAtomicPredicate::decideCall {
        inputs: p.inputs.clone(),
    };
    let got = ctx
        .chain
        .call_with_gas(account(CHALLENGER), p.predicate, &call, gas)?
        .result;
    let what = |expected: &str| format!("decide(inputs) with a gas limit of {gas}: {expected}");
    let divergence = match (prediction, &got) {
        (GuardPrediction::Reverts, Ok(answer)) => Some(
            Divergence::new(
                DivergenceClass::OutcomeFlip,
                what("below the guard it must revert (§5.2)"),
            )
            .side("model", "reverts (the guard)")
            .side("chain (gas-limited)", answer.to_string()),
        ),
        (GuardPrediction::Answers, Err(revert)) => Some(
            Divergence::new(
                super::revert_class(revert),
                what("well above the guard it must answer"),
            )
            .side("model", (reference == Truth::True).to_string())
            .side("chain (gas-limited)", format!("reverted {revert}")),
        ),
        (GuardPrediction::Answers, Ok(answer)) if *answer != (reference == Truth::True) => Some(
            Divergence::new(
                DivergenceClass::OutcomeFlip,
                what("well above the guard it must answer as with ample gas"),
            )
            .side("model", (reference == Truth::True).to_string())
            .side("chain (gas-limited)", answer.to_string()),
        ),
        _ => None,
    };
    Ok(divergence)
}
