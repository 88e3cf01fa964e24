//! Proof that the fuzzer bites: deliberately wrong variants of the Rust half, injected as
//! test-only wrappers (nothing ships in the product). Each must be caught within the default
//! budget (the campaign stops at the first failure), and its regression vector, written to a
//! scratch directory, must replay as itself: the same signature under `replay` with the
//! mutant, a pass without it.

use ovm_core::{
    AtomicKind, Bytes, ConnectiveKind, PredicateKind, Property, Registry, U256, abi,
    placeholder::is_placeholder_named,
};
use ovm_decider::{Challenge, Decider, Outcome, ReferenceDecider, World, onchain};
use ovm_fuzz::{Mirrors, Runner, found::Layer};

mod support;

/// A decider that rewrites the reference decider's outcome of the top-level property.
struct Rewrite<F: Fn(&Property, &World, Outcome) -> Outcome> {
    inner: ReferenceDecider,
    f: F,
}

impl<F: Fn(&Property, &World, Outcome) -> Outcome> Decider for Rewrite<F> {
    fn decide(&self, property: &Property, world: &World) -> Outcome {
        (self.f)(property, world, self.inner.decide(property, world))
    }
}

type SubstFn = fn(&[u8], &[u8], &[u8], &Registry) -> Bytes;
type ValidChallengeFn = fn(&Registry, &Property, &[Bytes], &Property) -> bool;
type WitnessFn = fn(&World, &Property, &[Bytes]) -> bool;

/// Mutant Rust functions (the others are the product's).
#[derive(Clone, Copy, Default)]
struct MutantMirrors {
    is_placeholder: Option<fn(&[u8]) -> bool>,
    subst: Option<SubstFn>,
    depth: Option<fn(&[u8], &Registry) -> u32>,
    is_valid_challenge: Option<ValidChallengeFn>,
    decide_with_witness: Option<WitnessFn>,
}

/// A mutant decider and/or mutant Rust functions, run through the conformance engine.
struct Mutant {
    name: &'static str,
    decider: Box<dyn Decider>,
    mirrors: MutantMirrors,
}

impl Mutant {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            decider: Box::new(ReferenceDecider::new()),
            mirrors: MutantMirrors::default(),
        }
    }

    fn decider(mut self, f: impl Fn(&Property, &World, Outcome) -> Outcome + 'static) -> Self {
        self.decider = Box::new(Rewrite {
            inner: ReferenceDecider::new(),
            f,
        });
        self
    }

    /// The conformance engine with this mutant as its Rust half (bundled contracts).
    fn runner(self) -> Runner<Box<dyn Decider>> {
        Runner::with_decider(self.decider).with_mirrors(self.mirrors)
    }
}

impl Mirrors for MutantMirrors {
    fn is_placeholder(&self, x: &[u8]) -> bool {
        self.is_placeholder
            .map_or_else(|| ovm_core::placeholder::is_placeholder(x), |f| f(x))
    }
    fn subst(&self, x: &[u8], name: &[u8], v: &[u8], registry: &Registry) -> Bytes {
        self.subst.map_or_else(
            || ovm_core::subst(x, name, v, registry),
            |f| f(x, name, v, registry),
        )
    }
    fn depth(&self, x: &[u8], registry: &Registry) -> u32 {
        self.depth
            .map_or_else(|| ovm_core::depth(x, registry), |f| f(x, registry))
    }
    fn is_valid_challenge(
        &self,
        registry: &Registry,
        p: &Property,
        ci: &[Bytes],
        q: &Property,
    ) -> bool {
        self.is_valid_challenge.map_or_else(
            || onchain::is_valid_challenge(registry, p, ci, q),
            |f| f(registry, p, ci, q),
        )
    }
    fn decide_with_witness(&self, world: &World, p: &Property, w: &[Bytes]) -> bool {
        self.decide_with_witness.map_or_else(
            || onchain::decide_with_witness(world, p, w),
            |f| f(world, p, w),
        )
    }
}

fn atomic_kind(world: &World, p: &Property) -> Option<AtomicKind> {
    world.registry.atomic(p.predicate)
}

fn truth(value: bool) -> Outcome {
    if value {
        Outcome::True {
            witness: Some(Vec::new()),
        }
    } else {
        Outcome::FALSE_UNCHALLENGEABLE
    }
}

/// Runs the default budget of every layer but G (round-robin), stopping at the first bug,
/// and checks that its regression vector replays as itself; returns the layer and case index
/// that caught the mutant.
fn caught(mutant: Mutant) -> (Layer, u64) {
    let name = mutant.name;
    let layers = vec![Layer::E, Layer::A, Layer::W, Layer::C, Layer::S];
    let finding = support::caught_and_replayed(name, &mutant.runner(), layers, false);
    (finding.layer, finding.case)
}

fn two_words(p: &Property) -> Option<(U256, U256)> {
    match &p.inputs[..] {
        [a, b] => Some((abi::decode_u256(a)?, abi::decode_u256(b)?)),
        _ => None,
    }
}

#[test]
fn is_less_than_uses_le() {
    caught(Mutant::new("IsLessThan uses <=").decider(|p, w, out| {
        if atomic_kind(w, p) == Some(AtomicKind::IsLessThan)
            && let Some((a, b)) = two_words(p)
        {
            return truth(a <= b);
        }
        out
    }));
}

#[test]
fn and_challenge_index_off_by_one() {
    caught(Mutant::new("And challenge index + 1").decider(|p, w, out| {
        match (&out, w.registry.connective(p.predicate)) {
            (Outcome::False { challenge: Some(c) }, Some(ConnectiveKind::And)) => {
                let i = abi::decode_u256(&c.inputs[0]).unwrap_or_default();
                Outcome::False {
                    challenge: Some(Challenge::new(
                        vec![abi::encode_u256(i + U256::from(1))],
                        c.property.clone(),
                    )),
                }
            }
            _ => out,
        }
    }));
}

fn subst_skipping_or(x: &[u8], name: &[u8], v: &[u8], registry: &Registry) -> Bytes {
    if is_placeholder_named(x, name) {
        return Bytes::copy_from_slice(v);
    }
    let Some(mut p) = Property::decode_canonical(x) else {
        return Bytes::copy_from_slice(x);
    };
    match registry.kind(p.predicate) {
        Some(PredicateKind::Connective(ConnectiveKind::Or)) => {}
        Some(PredicateKind::Connective(ConnectiveKind::Not | ConnectiveKind::And)) => {
            for input in &mut p.inputs {
                *input = subst_skipping_or(input, name, v, registry);
            }
        }
        Some(PredicateKind::Connective(_)) => {
            if p.inputs.len() == 3 {
                p.inputs[0] = ovm_core::expand_template(&p.inputs[0], name, v);
                if p.inputs[1].as_ref() != name {
                    p.inputs[2] = subst_skipping_or(&p.inputs[2], name, v, registry);
                }
            }
        }
        _ => {
            for input in &mut p.inputs {
                if is_placeholder_named(input, name) {
                    *input = Bytes::copy_from_slice(v);
                }
            }
        }
    }
    p.encode()
}

#[test]
fn subst_skips_or() {
    let mut m = Mutant::new("subst skips Or");
    m.mirrors.subst = Some(subst_skipping_or);
    caught(m);
}

#[test]
fn placeholder_of_20_bytes() {
    let mut m = Mutant::new("placeholder length 20");
    m.mirrors.is_placeholder = Some(|x| (1..=20).contains(&x.len()) && x[0] == b'V');
    caught(m);
}

#[test]
fn there_exists_accepts_any_hint() {
    let mut m = Mutant::new("ThereExists any hint");
    m.mirrors.is_valid_challenge = Some(|registry, p, ci, q| {
        if registry.connective(p.predicate) == Some(ConnectiveKind::ThereExists)
            && p.inputs.len() == 3
            && ci.is_empty()
            && q.inputs.len() == 3
        {
            let mut same = q.clone();
            same.inputs[0] = p.inputs[0].clone();
            return onchain::is_valid_challenge(registry, p, ci, &same);
        }
        onchain::is_valid_challenge(registry, p, ci, q)
    });
    caught(m);
}

#[test]
fn signature_accepts_v_0_1() {
    caught(
        Mutant::new("IsValidSignature accepts v 0/1").decider(|p, w, out| {
            if atomic_kind(w, p) == Some(AtomicKind::IsValidSignature)
                && let [m, sig, signer, tag] = &p.inputs[..]
                && sig.len() == 65
                && sig[64] < 2
            {
                let mut fixed = sig.to_vec();
                fixed[64] += 27;
                return truth(
                    tag.as_ref() == b"secp256k1"
                        && ovm_core::signing::is_valid_signature(m, &fixed, signer),
                );
            }
            out
        }),
    );
}

#[test]
fn and_witness_not_wrapped() {
    caught(
        Mutant::new("And witness not bytes[]-wrapped").decider(|p, w, out| {
            match (&out, w.registry.connective(p.predicate)) {
                (
                    Outcome::True {
                        witness: Some(items),
                    },
                    Some(ConnectiveKind::And),
                ) if !items.is_empty() => Outcome::True {
                    witness: Some(
                        items
                            .iter()
                            .flat_map(|i| abi::decode_bytes_array(i).unwrap_or_default())
                            .collect(),
                    ),
                },
                _ => out,
            }
        }),
    );
}

#[test]
fn is_contained_arguments_reversed() {
    caught(Mutant::new("IsContained reversed").decider(|p, w, out| {
        if atomic_kind(w, p) == Some(AtomicKind::IsContained) && p.inputs.len() == 2 {
            let swapped = Property::new(p.predicate, [p.inputs[1].clone(), p.inputs[0].clone()]);
            return ReferenceDecider::new().decide(&swapped, w);
        }
        out
    }));
}

#[test]
fn unwritten_is_stored_is_false() {
    caught(
        Mutant::new("IsStored unwritten = False").decider(|p, w, out| {
            if atomic_kind(w, p) == Some(AtomicKind::IsStored) && out.is_unknown() {
                return Outcome::FALSE_UNCHALLENGEABLE;
            }
            out
        }),
    );
}

#[test]
fn or_accepts_extra_conjunct() {
    let mut m = Mutant::new("Or tolerates extra conjuncts");
    m.mirrors.is_valid_challenge = Some(|registry, p, ci, q| {
        if registry.connective(p.predicate) == Some(ConnectiveKind::Or)
            && ci.is_empty()
            && q.inputs.len() > p.inputs.len()
        {
            let mut trimmed = q.clone();
            trimmed.inputs.truncate(p.inputs.len());
            return onchain::is_valid_challenge(registry, p, ci, &trimmed);
        }
        onchain::is_valid_challenge(registry, p, ci, q)
    });
    caught(m);
}

#[test]
fn and_witness_dropped() {
    caught(Mutant::new("And witness dropped").decider(|p, w, out| {
        match (&out, w.registry.connective(p.predicate)) {
            (Outcome::True { witness: Some(_) }, Some(ConnectiveKind::And)) => {
                Outcome::TRUE_BY_PERIOD
            }
            _ => out,
        }
    }));
}

#[test]
fn for_all_challenge_with_first_value() {
    caught(
        Mutant::new("ForAll challenges at value 0x").decider(|p, w, out| {
            match (&out, w.registry.connective(p.predicate), &p.inputs[..]) {
                (
                    Outcome::False { challenge: Some(_) },
                    Some(ConnectiveKind::ForAll),
                    [_, name, body],
                ) => {
                    let t = Bytes::new();
                    let q = onchain::for_all_challenge(&w.registry, name, body, &t);
                    Outcome::False {
                        challenge: Some(Challenge::new(vec![t], q)),
                    }
                }
                _ => out,
            }
        }),
    );
}

#[test]
fn depth_of_quantifier_off_by_one() {
    let mut m = Mutant::new("depth of ForAll + 1");
    m.mirrors.depth = Some(|x, registry| {
        let d = ovm_core::depth(x, registry);
        match Property::decode_canonical(x) {
            Some(p) if registry.connective(p.predicate) == Some(ConnectiveKind::ForAll) => {
                (d + 1).min(35)
            }
            _ => d,
        }
    });
    caught(m);
}

#[test]
fn or_witness_index_unchecked() {
    let mut m = Mutant::new("Or witness index mod n");
    m.mirrors.decide_with_witness = Some(|world, p, w| {
        if world.registry.connective(p.predicate) == Some(ConnectiveKind::Or)
            && !p.inputs.is_empty()
            && let Some(first) = w.first()
            && let Some(i) = abi::decode_u256(first)
        {
            let n = U256::from(p.inputs.len());
            let mut fixed = w.to_vec();
            fixed[0] = abi::encode_u256(i % n);
            return onchain::decide_with_witness(world, p, &fixed);
        }
        onchain::decide_with_witness(world, p, w)
    });
    caught(m);
}

#[test]
fn has_intersection_inclusive() {
    caught(Mutant::new("HasIntersection uses <=").decider(|p, w, out| {
        if atomic_kind(w, p) == Some(AtomicKind::HasIntersection)
            && let [a, b] = &p.inputs[..]
            && let (Some(a), Some(b)) = (abi::Range::decode_valid(a), abi::Range::decode_valid(b))
        {
            return truth(a.start <= b.end && b.start <= a.end);
        }
        out
    }));
}

/// A mutant's failure found by `layer` is shrunk, written as a vector, and replays as itself.
fn written_and_replayed(mutant: Mutant, layer: Layer) {
    let name = mutant.name;
    let finding = support::caught_and_replayed(name, &mutant.runner(), vec![layer], true);
    assert_eq!(finding.layer, layer);
}

#[test]
fn roundtrip_encoding_vector() {
    let mut m = Mutant::new("placeholder length 20");
    m.mirrors.is_placeholder = Some(|x| (1..=20).contains(&x.len()) && x[0] == b'V');
    written_and_replayed(m, Layer::E);
}

#[test]
fn roundtrip_atomic_vector() {
    written_and_replayed(
        Mutant::new("IsContained reversed").decider(|p, w, out| {
            if atomic_kind(w, p) == Some(AtomicKind::IsContained) && p.inputs.len() == 2 {
                let swapped =
                    Property::new(p.predicate, [p.inputs[1].clone(), p.inputs[0].clone()]);
                return ReferenceDecider::new().decide(&swapped, w);
            }
            out
        }),
        Layer::A,
    );
}

#[test]
fn roundtrip_challenge_vector() {
    let mut m = Mutant::new("Or tolerates extra conjuncts");
    m.mirrors.is_valid_challenge = Some(|registry, p, ci, q| {
        if registry.connective(p.predicate) == Some(ConnectiveKind::Or)
            && ci.is_empty()
            && q.inputs.len() > p.inputs.len()
        {
            let mut trimmed = q.clone();
            trimmed.inputs.truncate(p.inputs.len());
            return onchain::is_valid_challenge(registry, p, ci, &trimmed);
        }
        onchain::is_valid_challenge(registry, p, ci, q)
    });
    written_and_replayed(m, Layer::C);
}

#[test]
fn roundtrip_witness_vector() {
    let mut m = Mutant::new("Or witness index mod n");
    m.mirrors.decide_with_witness = Some(|world, p, w| {
        if world.registry.connective(p.predicate) == Some(ConnectiveKind::Or)
            && !p.inputs.is_empty()
            && let Some(first) = w.first()
            && let Some(i) = abi::decode_u256(first)
        {
            let mut fixed = w.to_vec();
            fixed[0] = abi::encode_u256(i % U256::from(p.inputs.len()));
            return onchain::decide_with_witness(world, p, &fixed);
        }
        onchain::decide_with_witness(world, p, w)
    });
    written_and_replayed(m, Layer::W);
}

fn less_or_equal(p: &Property, w: &World, out: Outcome) -> Outcome {
    if atomic_kind(w, p) == Some(AtomicKind::IsLessThan)
        && let Some((a, b)) = two_words(p)
    {
        return truth(a <= b);
    }
    out
}

#[test]
fn roundtrip_uac_vector() {
    written_and_replayed(
        Mutant::new("IsLessThan uses <=").decider(less_or_equal),
        Layer::S,
    );
}

#[test]
fn roundtrip_game_vector() {
    written_and_replayed(
        Mutant::new("IsLessThan uses <=").decider(less_or_equal),
        Layer::G,
    );
}
