//! `atomic`: `ovm_decider::atomic::evaluate` (and the decider under test) against the
//! contract's `decide`, with `decideTrue` / `decideFalse` on a fork where the property is
//! claimed, so that "undefined" is observable on-chain: undefined ⇔ `decide` is false and both
//! entry points revert (§5, §9 A).

use super::KindRun;
use crate::{
    RunError,
    ctx::{ChainReading, Ctx, chain_truth},
    probe::truth_name,
    report::{Divergence, DivergenceClass, NodeView},
};
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
    let mut filled = v.clone();
    filled.expect = Some(to_vector(reference));
    Ok(KindRun::new(divergences, Ok(filled)))
}
