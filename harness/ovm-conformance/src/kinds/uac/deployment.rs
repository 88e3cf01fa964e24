//! A `uac` vector of period 0: the deployment itself is the one call compared. The model's
//! constructor (`UacModel::new`) and the chain's deployment of the contracts under test must
//! end alike — for the spec, both with `InvalidPeriod()` — and as `expect.deployment` says.

use super::super::{KindRun, ResolvedCall, call_class, call_expect};
use crate::{
    RunError,
    ctx::Ctx,
    report::{Divergence, DivergenceClass},
    views::{CallView, chain_call, model_error_view},
};
use ovm_chain::Revert;
use ovm_model::UacModel;
use ovm_vectors::{UacExpect, UacVector};

/// Compares the model's constructor for `v.period` with `chain`, how the deployment of the
/// contracts under test with that period ended on a fresh chain.
pub(crate) fn run<D: ?Sized>(
    ctx: &Ctx<'_, D>,
    v: &UacVector,
    chain: &Result<(), Revert>,
) -> Result<KindRun<UacVector>, RunError> {
    let what = format!("deployment with period {}", v.period);
    let model = match UacModel::new(ctx.registry.clone(), v.period) {
        Ok(_) => CallView::Ok,
        Err(error) => CallView::Err(model_error_view(&error)),
    };
    let chain = chain_call(chain);
    let mut divergences = Vec::new();
    let agree = ctx.errors.agree(&model, &chain);
    if !agree {
        divergences.push(
            Divergence::new(
                call_class(model.is_ok(), &chain, DivergenceClass::OutcomeFlip),
                what.clone(),
            )
            .on("constructor")
            .side("model", ctx.namer.show_call(&model))
            .side("chain", ctx.namer.show_call(&chain)),
        );
    }
    let expect = v.expect.clone().unwrap_or_default();
    let holds = match &expect.deployment {
        None => true,
        Some(expected) => {
            let expected = ResolvedCall::new(&ctx.resolver, expected, "expect.deployment")?;
            let holds = ctx.errors.expected(&expected, &chain);
            if !holds && agree {
                divergences.push(
                    Divergence::from_expect(
                        call_class(
                            matches!(expected, ResolvedCall::Ok),
                            &chain,
                            DivergenceClass::OutcomeFlip,
                        ),
                        what,
                    )
                    .on("constructor")
                    .side("expected", expected.show(&ctx.namer))
                    .side("model", ctx.namer.show_call(&model))
                    .side("chain", ctx.namer.show_call(&chain)),
                );
            }
            holds
        }
    };
    // As for calls: the model's result where the halves agree (the spec's form), else the chain's.
    let written = if agree { &model } else { &chain };
    let filled = match &expect.deployment {
        Some(existing) if holds => Ok(existing.clone()),
        _ => call_expect(&ctx.namer, written),
    }
    .map(|deployment| UacVector {
        expect: Some(UacExpect {
            deployment: Some(deployment),
            ..UacExpect::default()
        }),
        ..v.clone()
    });
    Ok(KindRun::new(divergences, filled))
}
