//! §6's views in `uac` vectors: after every call, `isDecidable` and `isDecided` of the games
//! the call is about (and after every advance, `isDecidable` of every game), and the view
//! steps a vector writes, each read on both halves and compared with each other and with the
//! step's `expect`.

use super::touched;
use crate::{
    RunError,
    ctx::{Ctx, ViewResult, show_view, view_result},
    kinds::revert_class,
    report::{Divergence, DivergenceClass},
    views::{Arg, Namer},
};
use ovm_core::{Action, Address, B256};
use ovm_model::UacModel;
use ovm_vectors::{AddrRef, View};

/// §6's views of the games the call at `path` (`action`) is about, after it, on both halves:
/// `isDecidable(id)` and, where the property is at hand, `isDecided(P)`.
pub(super) fn compare_views<D: ?Sized>(
    ctx: &mut Ctx<'_, D>,
    model: &UacModel,
    action: &Action,
    path: &str,
    divergences: &mut Vec<Divergence>,
) -> Result<(), RunError> {
    let properties = touched(action);
    let mut ids: Vec<B256> = properties.iter().map(|p| p.id()).collect();
    if let Action::DecideClaimToTrue(id) = action {
        ids.push(*id);
    }
    compare_decidable(ctx, model, ids, path, divergences)?;
    for p in properties {
        let chain = view_result(ctx.chain.is_decided(p))?;
        let model = model.is_decided(p);
        if chain != Ok(model) {
            let property = ctx.namer.show_property(p);
            divergences.push(view_divergence(
                &ctx.namer,
                format!("{path}: isDecided({property}) after the call"),
                "isDecided",
                model,
                &chain,
            ));
        }
    }
    Ok(())
}

/// `isDecidable(id)` of each of `ids` on both halves, after the step at `path`.
pub(super) fn compare_decidable<D: ?Sized>(
    ctx: &mut Ctx<'_, D>,
    model: &UacModel,
    ids: Vec<B256>,
    path: &str,
    divergences: &mut Vec<Divergence>,
) -> Result<(), RunError> {
    for id in ids {
        let chain = view_result(ctx.chain.is_decidable(id))?;
        let model = model.is_decidable(id);
        if chain != Ok(model) {
            let game = ctx.namer.show_arg(&Arg::Word(id));
            divergences.push(view_divergence(
                &ctx.namer,
                format!("{path}: isDecidable({game}) after the call"),
                "isDecidable",
                model,
                &chain,
            ));
        }
    }
    Ok(())
}

/// The halves answer the view `view(argument)` differently after the step at `path`.
fn view_divergence<T: std::fmt::Display>(
    namer: &Namer,
    what: String,
    view: &str,
    model: T,
    chain: &ViewResult<T>,
) -> Divergence {
    let class = match chain {
        Err(revert) => revert_class(revert),
        Ok(_) => DivergenceClass::StateMismatch,
    };
    Divergence::new(class, what)
        .on(view)
        .side("model", model.to_string())
        .side("chain", show_view(namer, chain))
}

/// The view step `view` at `path`: read on both halves, compared with each other and with its
/// `expect`; returns the step with `expect` as `fill` writes it (the chain's answer, or the
/// one written when it holds).
pub(super) fn view_step<D: ?Sized>(
    ctx: &mut Ctx<'_, D>,
    model: &UacModel,
    view: &View,
    path: &str,
    divergences: &mut Vec<Divergence>,
) -> Result<View, RunError> {
    let read = |argument: String| Read {
        what: format!("{path}: {}({argument})", view.name()),
        view: view.name(),
    };
    Ok(match view {
        View::IsDecided { property, expect } => {
            let p = ctx
                .resolver
                .property(property, &format!("{path}.property"))?;
            let answers = Answers {
                model: model.is_decided(&p),
                chain: view_result(ctx.chain.is_decided(&p))?,
                expect: *expect,
            };
            let read = read(ctx.namer.show_property(&p));
            View::IsDecided {
                property: property.clone(),
                expect: read.compare(&ctx.namer, answers, divergences).or(*expect),
            }
        }
        View::IsDecidable { id, expect } => {
            let game = ctx.resolver.game_id(id, &format!("{path}.id"))?;
            let answers = Answers {
                model: model.is_decidable(game),
                chain: view_result(ctx.chain.is_decidable(game))?,
                expect: *expect,
            };
            let read = read(ctx.namer.show_arg(&Arg::Word(game)));
            View::IsDecidable {
                id: id.clone(),
                expect: read.compare(&ctx.namer, answers, divergences).or(*expect),
            }
        }
        View::GetGamePredicate { id, expect } => {
            let game = ctx.resolver.game_id(id, &format!("{path}.id"))?;
            let expected = match expect {
                Some(reference) => {
                    Some(ctx.resolver.address(reference, &format!("{path}.expect"))?)
                }
                None => None,
            };
            let chain = view_result(ctx.chain.get_game_predicate(game))?;
            let namer = &ctx.namer;
            let shown = |a: Address| ShownAddress(namer.show_arg(&Arg::Address(a)), a);
            let answers = Answers {
                model: shown(model.get_game_predicate(game)),
                chain: chain.map(shown),
                expect: expected.map(shown),
            };
            let read = read(namer.show_arg(&Arg::Word(game)));
            View::GetGamePredicate {
                id: id.clone(),
                expect: match read.compare(namer, answers, divergences) {
                    Some(ShownAddress(_, a)) => Some(AddrRef::of_address(a, ctx.registry)),
                    None => expect.clone(),
                },
            }
        }
    })
}

/// An address with its readable form (compared by the address).
#[derive(Clone, Debug)]
struct ShownAddress(String, Address);

impl PartialEq for ShownAddress {
    fn eq(&self, other: &Self) -> bool {
        self.1 == other.1
    }
}

impl std::fmt::Display for ShownAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A view read by a step: what it is, as reports say it, and the view's name.
struct Read {
    what: String,
    view: &'static str,
}

/// A view's answers: the model's, the chain's and the one the vector expects.
struct Answers<T> {
    model: T,
    chain: ViewResult<T>,
    expect: Option<T>,
}

impl Read {
    /// Compares `answers`; returns the chain's answer when it is the one to write (it differs
    /// from `expect`, or none is written).
    fn compare<T: Clone + PartialEq + std::fmt::Display>(
        self,
        namer: &Namer,
        answers: Answers<T>,
        divergences: &mut Vec<Divergence>,
    ) -> Option<T> {
        let Answers {
            model,
            chain,
            expect,
        } = answers;
        if chain.as_ref().ok() != Some(&model) {
            divergences.push(view_divergence(namer, self.what, self.view, model, &chain));
            return None;
        }
        match expect {
            Some(expected) if expected != model => {
                divergences.push(
                    Divergence::from_expect(DivergenceClass::StateMismatch, self.what)
                        .on(self.view)
                        .side("expected", expected.to_string())
                        .side("model", model.to_string())
                        .side("chain", model.to_string()),
                );
                Some(model)
            }
            Some(_) => None,
            None => Some(model),
        }
    }
}
