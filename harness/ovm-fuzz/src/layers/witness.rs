//! Layer W: every decider witness is accepted by `decideWithWitness` and
//! `decideClaimWithWitness`; `None` is given exactly when the property is not
//! witness-decidable (checked against an independent reconstruction of §7's witness, which
//! must itself be accepted on-chain); near-miss witnesses get the same verdict from the Rust
//! mirror and the contracts.

use super::{Cx, FuzzLayer, domain, driver, is_claimable, predicate_name, view};
use crate::{
    divergence::{Divergence, Layer},
    env::{DEFAULT_PERIOD, Env},
    generate::{Interp, Shape, shape},
    subject::Subject,
    world::{Material, WorldParams, WorldSpec, world_params},
};
use ovm_chain::bindings::NotPredicate;
use ovm_core::{Bytes, ConnectiveKind, PredicateKind, Property, abi};
use ovm_decider::{Outcome, World, onchain};
use ovm_vectors::{Expr, Info, Input, VectorFile, WitnessVector};
use proptest::prelude::*;

/// A generated W case.
#[derive(Clone, Debug)]
pub struct WCase {
    /// The world.
    pub world: WorldParams,
    /// The claim's shape.
    pub shape: Shape,
    /// Selectors of near-miss witnesses.
    pub near: Vec<u8>,
}

/// A concrete W case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WConcrete {
    /// The world.
    pub world: WorldSpec,
    /// The claim.
    pub claim: Property,
    /// Extra witnesses whose verdicts the halves must agree on.
    pub witnesses: Vec<Vec<Bytes>>,
}

/// §7's witness of `p` if it is True and witness-decidable, rebuilt from the subject's
/// decisions of its parts (`None` otherwise).
pub fn expected_witness(
    subject: &dyn Subject,
    world: &World,
    p: &Property,
    fuel: &mut u32,
) -> Option<Vec<Bytes>> {
    if *fuel == 0 {
        return None;
    }
    *fuel -= 1;
    let registry = &world.registry;
    let truth = |q: &Property| subject.decider().decide(q, world).is_true();
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
                expected_witness(subject, world, &q, fuel)
            }
            (ConnectiveKind::And, children) => {
                let mut out = Vec::new();
                for child in children {
                    let child = Property::decode_canonical(child)?;
                    if !truth(&child) {
                        return None;
                    }
                    out.push(abi::encode_bytes_array(&expected_witness(
                        subject, world, &child, fuel,
                    )?));
                }
                Some(out)
            }
            (ConnectiveKind::Or, children) => {
                for (i, child) in children.iter().enumerate() {
                    let Some(child) = Property::decode_canonical(child) else {
                        continue;
                    };
                    if truth(&child)
                        && let Some(mut w) = expected_witness(subject, world, &child, fuel)
                    {
                        w.insert(0, abi::encode_uint(i as u64));
                        return Some(w);
                    }
                }
                None
            }
            (ConnectiveKind::ThereExists, [hint, name, body]) => {
                for t in domain(world, hint) {
                    let Some(instance) = onchain::admissible_instance(
                        registry,
                        ConnectiveKind::ThereExists,
                        name,
                        body,
                        &t,
                    ) else {
                        continue;
                    };
                    let Some(instance) = Property::decode_canonical(&instance) else {
                        continue;
                    };
                    if truth(&instance)
                        && let Some(mut w) = expected_witness(subject, world, &instance, fuel)
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

fn near_witnesses(w: &[Bytes], sels: &[u8]) -> Vec<Vec<Bytes>> {
    sels.iter()
        .map(|s| {
            let mut m = w.to_vec();
            match s % 6 {
                0 => {
                    m.pop();
                }
                1 => m.push(Bytes::from_static(b"junk")),
                2 => {
                    if let Some(first) = m.first_mut() {
                        *first = abi::encode_uint(u64::from(*s));
                    } else {
                        m.push(abi::encode_uint(0));
                    }
                }
                3 => {
                    if let Some(first) = m.first_mut() {
                        let mut v = first.to_vec();
                        v.push(0);
                        *first = v.into();
                    }
                }
                4 => m = vec![abi::encode_bytes_array(&m)],
                _ => m.reverse(),
            }
            m
        })
        .collect()
}

/// Runs both halves on one claim.
pub fn run(cx: Cx<'_>, case: &WConcrete) -> Result<String, Divergence> {
    let env = cx.env;
    let registry = env.registry();
    let claim = &case.claim;
    let name = predicate_name(registry, claim);
    let world = case.world.decider_world(registry);
    let outcome = cx.subject.decider().decide(claim, &world);
    let mut chain = env
        .chain(DEFAULT_PERIOD, &case.world)
        .map_err(|e| driver(Layer::W, "chain", e))?;
    let contract_accepts = |chain: &mut ovm_chain::Chain, w: &[Bytes]| {
        if registry.kind(claim.predicate).is_none() {
            return Ok(false);
        }
        view(
            cx,
            Layer::W,
            chain,
            claim.predicate,
            &NotPredicate::decideWithWitnessCall {
                inputs: claim.inputs.clone(),
                witness: w.to_vec(),
            },
        )
    };
    // Near-miss witnesses: the mirror and the contract agree.
    let mut extra = case.witnesses.clone();
    if let Some(w) = outcome.witness() {
        extra.extend(near_witnesses(w, &[0, 1, 2]));
    }
    for w in &extra {
        let ours = cx.subject.decide_with_witness(&world, claim, w);
        let theirs = contract_accepts(&mut chain, w)?;
        if ours != theirs {
            return Err(Divergence::bug(
                Layer::W,
                "witness-mirror",
                name,
                format!("on witness {w:?}: Rust mirror {ours}, contract {theirs}"),
            ));
        }
    }
    let mut fuel = 400;
    let expected = if outcome.is_true() {
        expected_witness(cx.subject, &world, claim, &mut fuel)
    } else {
        None
    };
    let summary = match &outcome {
        Outcome::True {
            witness: Some(w), ..
        } => {
            if !contract_accepts(&mut chain, w)? {
                return Err(Divergence::bug(
                    Layer::W,
                    "witness-rejected",
                    name,
                    format!("decideWithWitness rejects the decider's witness {w:?}"),
                ));
            }
            if !cx.subject.decide_with_witness(&world, claim, w) {
                return Err(Divergence::bug(
                    Layer::W,
                    "witness-rejected-by-mirror",
                    name,
                    format!("the Rust mirror rejects the decider's witness {w:?}"),
                ));
            }
            if is_claimable(registry, claim) {
                let out = env
                    .timed(|| -> Result<_, ovm_chain::ChainError> {
                        let claimed = chain.claim_property(ovm_chain::account(1), claim)?;
                        if claimed.result.is_err() {
                            return Ok(claimed.result.map(drop));
                        }
                        Ok(chain
                            .decide_claim_with_witness(ovm_chain::account(2), claim, w)?
                            .result)
                    })
                    .map_err(|e| driver(Layer::W, "decideClaimWithWitness", e))?;
                if let Err(revert) = out {
                    return Err(Divergence::bug(
                        Layer::W,
                        "witness-claim-rejected",
                        name,
                        format!("claim + decideClaimWithWitness reverted {revert}"),
                    ));
                }
            }
            if expected.as_deref() != Some(&w[..]) {
                return Err(Divergence::bug(
                    Layer::W,
                    "witness-choice",
                    name,
                    format!("decider witness {w:?}, §7 witness {expected:?}"),
                ));
            }
            "true+witness"
        }
        Outcome::True { witness: None } => {
            if let Some(w) = expected
                && contract_accepts(&mut chain, &w)?
            {
                return Err(Divergence::bug(
                    Layer::W,
                    "witness-missing",
                    name,
                    format!("the decider gave no witness, but {w:?} is accepted on-chain"),
                ));
            }
            "true"
        }
        Outcome::False { .. } => "false",
        Outcome::Unknown { .. } => "unknown",
    };
    Ok(format!("{name} {summary}"))
}

/// Layer W.
#[derive(Debug)]
pub struct Witness;

impl WCase {
    /// The concrete case.
    pub fn concrete(&self, env: &Env) -> WConcrete {
        let mat = Material::build(&self.world, env.deployment().commitment);
        let interp = Interp {
            mat: &mat,
            b: env.builder(),
        };
        let claim = interp.closed(&self.shape);
        let junk: Vec<Vec<Bytes>> = self
            .near
            .iter()
            .map(|s| match s % 4 {
                0 => Vec::new(),
                1 => vec![abi::encode_uint(u64::from(*s % 3))],
                2 => vec![abi::encode_bytes_array(&[])],
                _ => vec![Bytes::new(), Bytes::new()],
            })
            .collect();
        WConcrete {
            world: mat.world.clone(),
            claim,
            witnesses: junk,
        }
    }
}

impl FuzzLayer for Witness {
    type Case = WCase;
    const LAYER: Layer = Layer::W;

    fn strategy(_env: &Env, depth: u32) -> BoxedStrategy<WCase> {
        (
            world_params(),
            shape(depth),
            prop::collection::vec(any::<u8>(), 0..=2),
        )
            .prop_map(|(world, shape, near)| WCase { world, shape, near })
            .boxed()
    }

    fn check(cx: Cx<'_>, case: &WCase) -> Result<String, Divergence> {
        run(cx, &case.concrete(cx.env))
    }

    fn to_vector(cx: Cx<'_>, case: &WCase, divergence: &Divergence) -> Option<VectorFile> {
        let concrete = case.concrete(cx.env);
        let registry = cx.env.registry();
        let world = concrete.world.decider_world(registry);
        let outcome = cx.subject.decider().decide(&concrete.claim, &world);
        // The witness in question: the decider's, else the reconstructed one, else the first
        // near miss.
        let witness = outcome
            .witness()
            .map(<[Bytes]>::to_vec)
            .or_else(|| {
                (divergence.class == "witness-missing")
                    .then(|| expected_witness(cx.subject, &world, &concrete.claim, &mut 400))
                    .flatten()
            })
            .or_else(|| concrete.witnesses.first().cloned())
            .unwrap_or_default();
        Some(vector(cx.env, &concrete.world, &concrete.claim, &witness))
    }
}

/// A witness vector.
pub fn vector(env: &Env, world: &WorldSpec, claim: &Property, witness: &[Bytes]) -> VectorFile {
    let registry = env.registry();
    VectorFile::new(
        Info::new(""),
        WitnessVector {
            world: world.to_vector(),
            claim: Expr::from_property(claim, registry),
            witness: witness
                .iter()
                .map(|w| Input::from_bytes(w, registry))
                .collect(),
            expect: None,
        },
    )
}
