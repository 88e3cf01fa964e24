//! One module per vector kind. Each runs the vector on both halves, returns the divergences
//! found and the vector with its expectations filled from what the halves computed (existing
//! expectations that hold are kept as written, so `fill` changes only what is wrong or missing).

use crate::{
    RunError,
    ctx::{CLAIMER, Ctx, ViewResult},
    refusal::FillError,
    report::{Divergence, DivergenceClass},
    views::{CallView, ErrorView, EventView, Namer},
};
use ovm_chain::{Snapshot, TxOutcome, account};
use ovm_core::{Bytes, ConnectiveKind, Property};
use ovm_decider::{World, hint};
use ovm_model::{UacModel, UacResult};
use ovm_vectors::{CallResult, ErrorExpect, ErrorName, EventExpect, EventName, Resolver};

/// Whether `t`, the value of a challenge to (ForAll) or a witness for (ThereExists) the
/// quantifier `claim`, lies outside its domain — the hint's candidates, then `0x` and
/// `enc(And())` (spec §7). Such a value deciding the game against the decider breaks §7's
/// optimistic assumption: an unguarded claim, not a decider bug. False for other claims.
pub(crate) fn outside_domain(world: &World, claim: &Property, t: &Bytes) -> bool {
    let registry = &world.registry;
    let [hint, _, _] = &claim.inputs[..] else {
        return false;
    };
    if !matches!(
        registry.connective(claim.predicate),
        Some(ConnectiveKind::ForAll | ConnectiveKind::ThereExists)
    ) {
        return false;
    }
    let empty_and = Property::new(registry.connective_address(ConnectiveKind::And), []).encode();
    let in_hint = hint::candidates(hint, world).is_ok_and(|candidates| candidates.contains(t));
    !(in_hint || t.is_empty() || *t == empty_and)
}

pub(crate) mod atomic;
pub(crate) mod challenge;
pub(crate) mod contract_aware;
pub(crate) mod encoding;
pub(crate) mod game;
pub(crate) mod uac;
pub(crate) mod witness;

/// What running one vector of a kind gave.
pub(crate) struct KindRun<V> {
    /// Every divergence found.
    pub divergences: Vec<Divergence>,
    /// The vector with its expectations filled, or why they cannot be written.
    pub filled: Result<V, FillError>,
    /// Games created on-chain.
    pub games: u64,
    /// A transcript line per call or transaction, for `replay`.
    pub log: Vec<String>,
    /// Cases of spec §10's documented limitation seen (reported, never failed).
    pub limitations: Vec<String>,
    /// What the run did, in one line (uac: calls and how many succeeded; game: the claim's
    /// final decision; empty for the other kinds).
    pub summary: String,
    /// Time inside the EVM on chains other than the context's (the game's own chain).
    pub evm_time: std::time::Duration,
    /// Transactions on chains other than the context's (the game's own chain), for their
    /// events outside the spec.
    pub other_txs: Vec<ovm_chain::TxRecord>,
}

impl<V> KindRun<V> {
    /// A run that found `divergences` and filled the vector as `filled` (no games, no
    /// transcript, no limitation).
    pub fn new(divergences: Vec<Divergence>, filled: Result<V, FillError>) -> Self {
        Self {
            divergences,
            filled,
            games: 0,
            log: Vec::new(),
            limitations: Vec::new(),
            summary: String::new(),
            evm_time: std::time::Duration::ZERO,
            other_txs: Vec::new(),
        }
    }
}

/// An expected error, resolved.
pub(crate) struct ResolvedError {
    pub name: String,
    pub args: Option<Vec<Bytes>>,
}

impl ResolvedError {
    pub fn new(resolver: &Resolver<'_>, e: &ErrorExpect, path: &str) -> Result<Self, RunError> {
        let args = match &e.args {
            Some(args) => Some(resolver.inputs(args, &format!("{path}.args"))?),
            None => None,
        };
        Ok(Self {
            name: e.name.as_str().to_owned(),
            args,
        })
    }

    pub fn matches(&self, got: &ErrorView) -> bool {
        self.name == got.name
            && self.args.as_ref().is_none_or(|args| {
                args.len() == got.args.len()
                    && args.iter().zip(&got.args).all(|(a, g)| *a == g.abi())
            })
    }

    pub fn show(&self, namer: &Namer) -> String {
        format!(
            "reverted {}",
            namer.show_expected(&self.name, self.args.as_deref())
        )
    }
}

/// An expected call result, resolved.
pub(crate) enum ResolvedCall {
    Ok,
    Err(ResolvedError),
}

impl ResolvedCall {
    pub fn new(resolver: &Resolver<'_>, r: &CallResult, path: &str) -> Result<Self, RunError> {
        Ok(match r {
            CallResult::Ok => Self::Ok,
            CallResult::Error(e) => {
                Self::Err(ResolvedError::new(resolver, e, &format!("{path}.error"))?)
            }
        })
    }

    pub fn matches(&self, got: &CallView) -> bool {
        match (self, got) {
            (Self::Ok, CallView::Ok) => true,
            (Self::Err(e), CallView::Err(g)) => e.matches(g),
            _ => false,
        }
    }

    pub fn show(&self, namer: &Namer) -> String {
        match self {
            Self::Ok => "ok".to_owned(),
            Self::Err(e) => e.show(namer),
        }
    }
}

/// The class of a disagreement between two call results, `reference` being the side that is
/// taken as right (the model, or the expectation); `rejected` is the class of "the reference
/// succeeds, the chain reverts".
pub(crate) fn call_class(
    reference_ok: bool,
    chain: &CallView,
    rejected: DivergenceClass,
) -> DivergenceClass {
    if chain.error().is_some_and(ErrorView::is_resource_limit) {
        return DivergenceClass::ResourceLimit;
    }
    match (reference_ok, chain.is_ok()) {
        (true, false) => rejected,
        (false, true) => DivergenceClass::OutcomeFlip,
        _ => DivergenceClass::WrongError,
    }
}

/// The prologue of the kinds that claim, then act on the claim: `claimProperty(p)` on both
/// halves at the chain's block number, compared (an outcome flip where they differ). Returns
/// the chain's view of the claim call and a snapshot of the chain right after it.
pub(crate) fn claim_on_both<D: ?Sized>(
    ctx: &mut Ctx<'_, D>,
    model: &mut UacModel,
    p: &Property,
    divergences: &mut Vec<Divergence>,
) -> Result<(CallView, Snapshot), RunError> {
    model.set_block_number(ctx.chain.block_number());
    let m_claim = model.claim_property(p);
    let c_claim = ctx.chain.claim_property(account(CLAIMER), p)?;
    let (claim_view, _) = challenge::compare_call(
        ctx,
        &|| "UAC.claimProperty(claim)".to_owned(),
        "UAC.claimProperty",
        &m_claim,
        &c_claim,
        DivergenceClass::OutcomeFlip,
        divergences,
    );
    Ok((claim_view, ctx.chain.snapshot()))
}

/// Both halves' views of one call made on the claim, and whether they agree under the error
/// mode ([`compare_agrees`]).
pub(crate) struct ComparedCall {
    /// The model's view.
    pub model: CallView,
    /// The chain's view.
    pub chain: CallView,
    /// Whether the halves agree on it (no divergence was pushed).
    pub agree: bool,
}

impl ComparedCall {
    /// The view `fill` writes: the model's where the halves agree (an error the
    /// implementation spells otherwise is written in the spec's form), else the chain's.
    pub fn to_write(&self) -> &CallView {
        if self.agree { &self.model } else { &self.chain }
    }
}

/// [`challenge::compare_call`] for the call made on the claim: both views of it and whether
/// the halves agree on it.
pub(crate) fn compare_agrees<D: ?Sized>(
    ctx: &Ctx<'_, D>,
    what: &dyn Fn() -> String,
    subject: &str,
    model: &UacResult,
    chain: &TxOutcome<()>,
    rejected: DivergenceClass,
    divergences: &mut Vec<Divergence>,
) -> ComparedCall {
    let before = divergences.len();
    let (chain_view, _) =
        challenge::compare_call(ctx, what, subject, model, chain, rejected, divergences);
    ComparedCall {
        model: challenge::model_views(model).0,
        chain: chain_view,
        agree: divergences.len() == before,
    }
}

/// The class of an on-chain view's answer that differs from the decider's mirror (which
/// answers `true` or `false`): a revert, `false` where the mirror says `true` (`rejected`),
/// or `true` where it says `false`.
pub(crate) fn view_class(chain: &ViewResult<bool>, rejected: DivergenceClass) -> DivergenceClass {
    match chain {
        Err(revert) => revert_class(revert),
        Ok(false) => rejected,
        Ok(true) => DivergenceClass::OutcomeFlip,
    }
}

/// The class of a view that must never revert (§4, §5) but did: a resource limit, or a revert.
pub(crate) fn revert_class(revert: &ovm_chain::Revert) -> DivergenceClass {
    match revert {
        ovm_chain::Revert::ResourceLimit { .. } => DivergenceClass::ResourceLimit,
        _ => DivergenceClass::RevertVsFalse,
    }
}

/// The expectation that writes `error` (for fill); `None` for an error no vector can name
/// (`Panic`, `Halted`, unknown revert data).
pub(crate) fn error_expect(namer: &Namer, error: &ErrorView) -> Option<ErrorExpect> {
    let name = ErrorName::parse(&error.name).ok()?;
    Some(ErrorExpect::new(
        name,
        error.args.iter().map(|a| namer.input(a, false)),
    ))
}

/// The expectation that writes `call` (for fill).
pub(crate) fn call_expect(namer: &Namer, call: &CallView) -> Result<CallResult, FillError> {
    match call {
        CallView::Ok => Ok(CallResult::Ok),
        CallView::Err(e) => error_expect(namer, e)
            .map(CallResult::Error)
            .ok_or_else(|| FillError::UnnamedError(namer.show_error(e))),
    }
}

/// Whether an expected event list matches.
pub(crate) fn events_match(
    resolver: &Resolver<'_>,
    expected: &[EventExpect],
    got: &[EventView],
    path: &str,
) -> Result<bool, RunError> {
    if expected.len() != got.len() {
        return Ok(false);
    }
    for (i, (e, g)) in expected.iter().zip(got).enumerate() {
        if e.name.as_str() != g.name {
            return Ok(false);
        }
        if let Some(args) = &e.args {
            let args = resolver.inputs(args, &format!("{path}[{i}].args"))?;
            if args.len() != g.args.len() || args.iter().zip(&g.args).any(|(a, b)| *a != b.abi()) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// Shows an expected event list.
pub(crate) fn show_expected_events(
    resolver: &Resolver<'_>,
    namer: &Namer,
    expected: &[EventExpect],
) -> String {
    if expected.is_empty() {
        return "(none)".to_owned();
    }
    expected
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let args = e
                .args
                .as_ref()
                .and_then(|args| resolver.inputs(args, "").ok());
            format!(
                "[{i}] {}",
                namer.show_expected(e.name.as_str(), args.as_deref())
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The expectations that write `events` (for fill).
pub(crate) fn events_expect(
    namer: &Namer,
    events: &[EventView],
) -> Result<Vec<EventExpect>, FillError> {
    events
        .iter()
        .map(|e| {
            let name = EventName::parse(&e.name).map_err(|reason| FillError::UnnamedEvent {
                name: e.name.clone(),
                reason,
            })?;
            let args = e
                .args
                .iter()
                .enumerate()
                .map(|(i, a)| namer.input(a, e.name == "NewPropertyClaimed" && i == 2))
                .collect();
            Ok(EventExpect {
                name,
                args: Some(args),
            })
        })
        .collect()
}
