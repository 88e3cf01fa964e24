//! The layers: one module per §9 invariant, each with its generated case, its check (both
//! halves, compared) and its regression vector.

pub mod atomic;
pub mod challenge;
pub mod encoding;
pub mod sequence;
pub mod witness;

use crate::{
    env::Env,
    found::{Found, Layer, Stage},
};
use ovm_conformance::{Execution, Judge};
use ovm_core::{Bytes, ConnectiveKind, Property, Registry, abi, depth};
use ovm_decider::{World, hint, onchain};
use ovm_vectors::{ChallengeVector, Expr, Input, Vector, VectorFile, WitnessVector};
use proptest::strategy::BoxedStrategy;
use std::{collections::HashSet, time::Instant};

/// What a layer check runs with: the generators' environment and the conformance engine (the
/// decider, the Rust mirrors and the contracts under test).
#[derive(Clone, Copy)]
pub struct Cx<'a> {
    /// The environment (registry, builder, deployments of the layers not yet on the engine).
    pub env: &'a Env,
    /// The conformance engine.
    pub judge: &'a dyn Judge,
}

/// Runs `file` through the conformance engine: the vector with its expectations filled when
/// the halves agree, else the first divergence between them.
pub(crate) fn judged(cx: Cx<'_>, file: &VectorFile) -> Result<VectorFile, Found> {
    agreed(cx, file, true)?
        .filled
        .map_err(|e| Found::unrunnable(Stage::Fill, e))
}

/// Runs `file` through the conformance engine without filling it ([`Judge::compare`]): the
/// run when the halves agree (its summary and limitations), else the first divergence.
pub(crate) fn compared(cx: Cx<'_>, file: &VectorFile) -> Result<Execution, Found> {
    agreed(cx, file, false)
}

/// `file` run (filled if `fill`; timed into [`Env::stats`]), or the first divergence
/// between the halves.
fn agreed(cx: Cx<'_>, file: &VectorFile, fill: bool) -> Result<Execution, Found> {
    let started = Instant::now();
    let run = if fill {
        cx.judge.execute(file)
    } else {
        cx.judge.compare(file)
    };
    let mut execution = run.map_err(|e| Found::unrunnable(Stage::Engine, e))?;
    cx.env.add_run(started.elapsed(), execution.evm_time);
    match execution.divergences.iter().position(|d| !d.against_expect) {
        Some(first) => Err(Found::divergence(execution.divergences.swap_remove(first))),
        None => Ok(execution),
    }
}

/// `file` reduced to the one challenge or witness that diverges: the first of its tries whose
/// vector alone shows `found`'s signature (so that a regression holds exactly the input
/// that diverged); `file` itself when it has one try or none reproduces alone.
pub(crate) fn narrow(cx: Cx<'_>, file: VectorFile, found: &Found) -> VectorFile {
    let singles: Vec<Vector> = match &file.vector {
        Vector::Challenge(v) if !v.also.is_empty() => std::iter::once(ChallengeVector {
            also: Vec::new(),
            ..v.clone()
        })
        .chain(v.also.iter().map(|t| ChallengeVector {
            challenge_inputs: t.challenge_inputs.clone(),
            challenge: t.challenge.clone(),
            expect: t.expect.clone(),
            also: Vec::new(),
            ..v.clone()
        }))
        .map(Vector::Challenge)
        .collect(),
        Vector::Witness(v) if !v.also.is_empty() => std::iter::once(WitnessVector {
            also: Vec::new(),
            ..v.clone()
        })
        .chain(v.also.iter().map(|t| WitnessVector {
            witness: t.witness.clone(),
            expect: t.expect,
            also: Vec::new(),
            ..v.clone()
        }))
        .map(Vector::Witness)
        .collect(),
        _ => return file,
    };
    let signature = found.signature();
    singles
        .into_iter()
        .map(|vector| VectorFile {
            vector,
            ..file.clone()
        })
        .find(|single| judged(cx, single).is_err_and(|d| d.signature() == signature))
        .unwrap_or(file)
}

/// How a layer writes the inputs of a vector it builds. Both forms resolve to the same bytes,
/// so a finding replays as itself in either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// For the run: hex inputs and one-level properties (nothing for the resolver to parse).
    Run,
    /// For a written regression: readable properties, placeholders and text.
    Written,
}

impl Form {
    /// `bytes` as an input in this form.
    pub fn input(self, bytes: &[u8], registry: &Registry) -> Input {
        match self {
            Self::Run => Input::hex(bytes),
            Self::Written => Input::from_bytes(bytes, registry),
        }
    }

    /// `property` as an expression in this form.
    pub fn expr(self, property: &Property, registry: &Registry) -> Expr {
        match self {
            Self::Run => Expr::shallow(property, registry),
            Self::Written => Expr::from_property(property, registry),
        }
    }
}

/// One layer: its case, how to generate it, check it and write it as a vector.
pub trait FuzzLayer {
    /// The generated case (shrinkable).
    type Case: Clone + std::fmt::Debug;
    /// Which layer.
    const LAYER: Layer;
    /// The case strategy; `depth` bounds nested connectives.
    fn strategy(env: &Env, depth: u32) -> BoxedStrategy<Self::Case>;
    /// Runs both halves on `case`: a short deterministic summary, or what it found.
    fn check(cx: Cx<'_>, case: &Self::Case) -> Result<String, Found>;
    /// The regression vector of a failing case (no `expect`: the halves must agree).
    fn to_vector(cx: Cx<'_>, case: &Self::Case, found: &Found) -> Option<VectorFile>;
}

/// The name of `property`'s predicate in `registry` (`"unregistered"` otherwise).
pub fn predicate_name(registry: &Registry, property: &Property) -> String {
    registry
        .kind(property.predicate)
        .map_or("unregistered", |k| k.name())
        .to_owned()
}

/// One valid challenge of a claim, and whether its bound value lies outside the hint's
/// candidates (ForAll only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidChallenge {
    /// `challengeInputs`.
    pub inputs: Vec<Bytes>,
    /// The challenge property.
    pub property: Property,
    /// The ForAll value is not one of the domain's values.
    pub outside: bool,
}

/// Every valid challenge of `claim` (§4 table) the UAC can claim (depth ≤ 34): every And
/// index, every admissible ForAll domain value and every value of `extra` (values outside the
/// candidates, to test well-guardedness).
pub fn valid_challenges(world: &World, claim: &Property, extra: &[Bytes]) -> Vec<ValidChallenge> {
    let registry = &world.registry;
    let mut out = Vec::new();
    let mut push = |inputs: Vec<Bytes>, property: Property, outside: bool| {
        if onchain::is_claimable_challenge(registry, &property) {
            out.push(ValidChallenge {
                inputs,
                property,
                outside,
            });
        }
    };
    let inputs = &claim.inputs;
    match (registry.connective(claim.predicate), &inputs[..]) {
        (Some(ConnectiveKind::Not), [p]) => {
            if let Some(q) = Property::decode_canonical(p) {
                push(Vec::new(), q, false);
            }
        }
        (Some(ConnectiveKind::And), children) => {
            for (i, p) in children.iter().enumerate() {
                push(
                    vec![abi::encode_uint(i as u64)],
                    onchain::not_of(registry, p.clone()),
                    false,
                );
            }
        }
        (Some(ConnectiveKind::Or), children) => {
            push(Vec::new(), onchain::or_challenge(registry, children), false);
        }
        (Some(ConnectiveKind::ForAll), [hint, name, body]) => {
            let values = hint::domain(hint, world);
            let mut seen: HashSet<Bytes> = HashSet::new();
            for (t, outside) in values
                .iter()
                .map(|t| (t, false))
                .chain(extra.iter().map(|t| (t, true)))
            {
                if !seen.insert(t.clone()) {
                    continue;
                }
                if let Some(instance) =
                    onchain::admissible_instance(registry, ConnectiveKind::ForAll, name, body, t)
                {
                    push(
                        vec![t.clone()],
                        onchain::not_of(registry, instance),
                        outside,
                    );
                }
            }
        }
        (Some(ConnectiveKind::ThereExists), [hint, name, body]) => {
            push(
                Vec::new(),
                onchain::there_exists_challenge(registry, hint, name, body),
                false,
            );
        }
        _ => {}
    }
    out
}

/// Near-miss challenges of `claim`: small deviations from the §4 table (an index out of range
/// or off by one, a non-canonical index word, extra or missing conjuncts, `¬¬` folding, an
/// unsubstituted body, a different hint or name, …), chosen by `sels`.
pub fn near_misses(
    registry: &Registry,
    claim: &Property,
    sels: &[u8],
) -> Vec<(Vec<Bytes>, Property)> {
    let not = |p: Bytes| onchain::not_of(registry, p);
    let inputs = &claim.inputs;
    let junk = Bytes::from_static(b"junk");
    let mut candidates: Vec<(Vec<Bytes>, Property)> = Vec::new();
    match (registry.connective(claim.predicate), &inputs[..]) {
        (Some(ConnectiveKind::Not), [p]) => {
            if let Some(q) = Property::decode_canonical(p) {
                candidates.push((vec![junk.clone()], q.clone()));
                let mut extra = q.clone();
                extra.inputs.push(junk.clone());
                candidates.push((Vec::new(), extra));
            }
            candidates.push((Vec::new(), claim.clone()));
            candidates.push((Vec::new(), not(p.clone())));
        }
        (Some(ConnectiveKind::And), children) => {
            let n = children.len();
            let first = children.first().cloned().unwrap_or_default();
            candidates.push((vec![abi::encode_uint(n as u64)], not(first.clone())));
            if n > 1 {
                candidates.push((vec![abi::encode_uint(0)], not(children[1].clone())));
                candidates.push((vec![abi::encode_uint(1)], not(children[0].clone())));
            }
            candidates.push((vec![Bytes::from(vec![0u8; 31])], not(first.clone())));
            candidates.push((Vec::new(), not(first.clone())));
            candidates.push((
                vec![abi::encode_uint(0), abi::encode_uint(0)],
                not(first.clone()),
            ));
            let mut two = not(first.clone());
            two.inputs.push(first.clone());
            candidates.push((vec![abi::encode_uint(0)], two));
            if let Some(inner) = Property::decode_canonical(&first) {
                candidates.push((vec![abi::encode_uint(0)], inner));
            }
        }
        (Some(ConnectiveKind::Or), children) => {
            let exact = onchain::or_challenge(registry, children);
            let mut extra = exact.clone();
            extra.inputs.push(not(junk.clone()).encode());
            candidates.push((Vec::new(), extra));
            if !children.is_empty() {
                let mut missing = exact.clone();
                missing.inputs.pop();
                candidates.push((Vec::new(), missing));
            }
            // ¬¬ folding of a child that is itself a Not.
            let mut folded = exact.clone();
            for (slot, child) in folded.inputs.iter_mut().zip(children) {
                if let Some(c) = Property::decode_canonical(child)
                    && registry.connective(c.predicate) == Some(ConnectiveKind::Not)
                    && c.inputs.len() == 1
                {
                    *slot = c.inputs[0].clone();
                }
            }
            candidates.push((Vec::new(), folded));
            candidates.push((vec![junk.clone()], exact));
        }
        (Some(ConnectiveKind::ForAll), [hint, name, body]) => {
            let t = abi::encode_uint(0);
            candidates.push((vec![t.clone()], not(body.clone())));
            let ph = ovm_core::placeholder::placeholder(name);
            candidates.push((
                vec![ph.clone()],
                not(ovm_core::subst(body, name, &ph, registry)),
            ));
            candidates.push((
                vec![abi::encode_uint(1)],
                not(ovm_core::subst(body, name, &t, registry)),
            ));
            candidates.push((Vec::new(), not(ovm_core::subst(body, name, &t, registry))));
            candidates.push((
                vec![t.clone(), t.clone()],
                not(ovm_core::subst(body, name, &t, registry)),
            ));
            let _ = hint;
        }
        (Some(ConnectiveKind::ThereExists), [hint, name, body]) => {
            let forall = registry.connective_address(ConnectiveKind::ForAll);
            let mut other_hint = hint.to_vec();
            other_hint.extend_from_slice(b",");
            candidates.push((
                Vec::new(),
                Property::new(
                    forall,
                    [other_hint.into(), name.clone(), not(body.clone()).encode()],
                ),
            ));
            let mut other_name = name.to_vec();
            other_name.push(b'q');
            candidates.push((
                Vec::new(),
                Property::new(
                    forall,
                    [hint.clone(), other_name.into(), not(body.clone()).encode()],
                ),
            ));
            candidates.push((
                Vec::new(),
                Property::new(forall, [hint.clone(), name.clone(), body.clone()]),
            ));
            candidates.push((
                vec![junk.clone()],
                onchain::there_exists_challenge(registry, hint, name, body),
            ));
        }
        _ => {
            candidates.push((Vec::new(), not(claim.encode())));
        }
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<(Vec<Bytes>, Property)> = Vec::new();
    for &s in sels {
        let c = candidates[s as usize % candidates.len()].clone();
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Whether the UAC accepts `claim` (`claimProperty`'s registry and depth rules).
pub fn is_claimable(registry: &Registry, claim: &Property) -> bool {
    registry.kind(claim.predicate).is_some()
        && depth(&claim.encode(), registry) <= ovm_core::MAX_CLAIM_DEPTH
}

/// `text` cut to at most `max` bytes (at a character boundary), with `…` when cut.
pub(crate) fn truncated(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// The standard `_info` of a regression vector.
pub fn regression_info(layer: Layer, found: &Found, seed_note: &str) -> ovm_vectors::Info {
    let mut info = ovm_vectors::Info::new(format!(
        "Fuzz regression, layer {layer} ({seed_note}), signature {layer}/{}: {}",
        found.signature(),
        truncated(&found.detail(), 400)
    ));
    if let Ok(rule) = ovm_vectors::RuleId::parse(&format!("§9.{layer}")) {
        info.rules.push(rule);
    }
    info
}
