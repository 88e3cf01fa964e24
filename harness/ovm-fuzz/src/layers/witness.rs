//! Layer W: generated claims as `witness` vectors of the conformance engine, with the
//! decider's witness, its near misses and junk witnesses: every decider witness is accepted by
//! `decideWithWitness` and `decideClaimWithWitness` and is §7's; `None` is given exactly when
//! the property is not witness-decidable; every witness gets the same verdict from the Rust
//! mirror and the contracts.

use super::{Cx, Form, FuzzLayer, judged, predicate_name};
use crate::{
    env::Env,
    found::{Found, Layer},
    generate::{Interp, Shape, shape},
    world::{Material, WorldParams, WorldSpec, world_params},
};
use ovm_core::{Bytes, Property, abi};
use ovm_decider::Outcome;
use ovm_vectors::{Info, Input, VectorFile, WitnessTry, WitnessVector};
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

/// Runs one claim through the conformance engine's `witness` kind with every witness of the
/// case (the decider's, its near misses, the junk ones): a summary, or the first divergence.
pub fn run(cx: Cx<'_>, case: &WConcrete) -> Result<String, Found> {
    let registry = cx.env.registry();
    let name = predicate_name(registry, &case.claim);
    let world = case
        .world
        .decider_world(registry, cx.env.deployment().commitment);
    let outcome = cx.judge.decider().decide(&case.claim, &world);
    judged(cx, &vector(cx.env, case, &outcome, Form::Run))?;
    let summary = match &outcome {
        Outcome::True {
            witness: Some(_), ..
        } => "true+witness",
        Outcome::True { witness: None } => "true",
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
        let mat = Material::build(
            &self.world,
            env.deployment().commitment,
            self.shape.reads_signatures(),
        );
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

    fn check(cx: Cx<'_>, case: &WCase) -> Result<String, Found> {
        run(cx, &case.concrete(cx.env))
    }

    fn to_vector(cx: Cx<'_>, case: &WCase, _found: &Found) -> Option<VectorFile> {
        let concrete = case.concrete(cx.env);
        let world = concrete
            .world
            .decider_world(cx.env.registry(), cx.env.deployment().commitment);
        let outcome = cx.judge.decider().decide(&concrete.claim, &world);
        Some(vector(cx.env, &concrete, &outcome, Form::Written))
    }
}

/// The witness vector of a case: the decider's witness (if any) first, then its near misses
/// and the case's junk witnesses, without repeats.
pub fn vector(env: &Env, case: &WConcrete, outcome: &Outcome, form: Form) -> VectorFile {
    let registry = env.registry();
    let own = outcome.witness().map(<[Bytes]>::to_vec);
    let mut witnesses: Vec<Vec<Bytes>> = Vec::new();
    let near = own
        .as_deref()
        .map(|w| near_witnesses(w, &[0, 1, 2]))
        .unwrap_or_default();
    for w in own.into_iter().chain(near).chain(case.witnesses.clone()) {
        if !witnesses.contains(&w) {
            witnesses.push(w);
        }
    }
    let inputs =
        |w: &[Bytes]| -> Vec<Input> { w.iter().map(|x| form.input(x, registry)).collect() };
    let mut tries = witnesses.iter();
    let first = tries.next().map(|w| inputs(w)).unwrap_or_default();
    VectorFile::new(
        Info::new(""),
        WitnessVector {
            world: Some(case.world.to_vector()),
            claim: form.expr(&case.claim, registry),
            witness: first,
            expect: None,
            also: tries
                .map(|w| WitnessTry {
                    witness: inputs(w),
                    expect: None,
                })
                .collect(),
        },
    )
}
