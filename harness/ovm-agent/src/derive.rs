//! The contract-aware adversary's moves: challenges derived from a claim's spec-correct ones
//! (§4's table) by the mutations real implementations get wrong — an unsubstituted or partly
//! substituted body, another hint, extra or missing conjuncts, `¬¬` folded, an inadmissible
//! value, a wrong or non-canonical index. Only those §4 rejects are kept; which of them the
//! contracts under test *accept* is for the caller to ask the chain ([`accepted_by`]), and an
//! accepted one is played as a whole game ([`attack`]).

use ovm_chain::Chain;
use ovm_core::{
    Action, Bytes, ConnectiveKind, Property, Registry, U256, abi, placeholder::placeholder, subst,
};
use ovm_decider::{
    World, hint, is_valid_challenge,
    onchain::{not_of, or_challenge, there_exists_challenge},
};

use crate::Adversary;

/// How many candidate values of a quantifier's hint the derivations try.
const VALUES_TRIED: usize = 2;

/// One derived challenge: what was changed, and the challenge (§4 rejects it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derived {
    /// The mutation, e.g. `"ForAll body unsubstituted"`.
    pub mutation: String,
    /// The challenge's inputs (`[index]` for And, `[t]` for ForAll, none otherwise).
    pub inputs: Vec<Bytes>,
    /// The challenge property.
    pub challenge: Property,
}

/// The derived challenges of `claim` that §4 rejects, in a fixed order, without repeats.
/// Empty unless `claim` is a connective's property. `world` gives a quantifier's candidate
/// values (a hint it cannot expand contributes none).
pub fn derived_challenges(registry: &Registry, world: &World, claim: &Property) -> Vec<Derived> {
    let Some(kind) = registry.connective(claim.predicate) else {
        return Vec::new();
    };
    let mut out = Derivations {
        registry,
        claim,
        found: Vec::new(),
    };
    let inputs = &claim.inputs;
    match kind {
        ConnectiveKind::Not => {
            if let Some(inner) = inputs.first() {
                out.fold_not(&[], inner, "Not challenge with ¬¬ folded");
            }
        }
        ConnectiveKind::And => {
            for (i, child) in inputs.iter().enumerate() {
                let index = |n: usize| abi::encode_u256(U256::from(n));
                let not_child = not_of(registry, child.clone());
                out.push(
                    "And challenge at the next index",
                    vec![index(i + 1)],
                    not_child.clone(),
                );
                out.push(
                    "And challenge with a one-byte index",
                    vec![Bytes::from(vec![u8::try_from(i).unwrap_or(u8::MAX)])],
                    not_child,
                );
                out.fold_not(&[index(i)], child, "And challenge with ¬¬ folded");
            }
        }
        ConnectiveKind::Or => {
            let mut extra = inputs.clone();
            extra.extend(inputs.last().cloned());
            out.push(
                "Or challenge with an extra conjunct",
                vec![],
                or_challenge(registry, &extra),
            );
            if let Some((_, rest)) = inputs.split_last() {
                out.push(
                    "Or challenge missing its last conjunct",
                    vec![],
                    or_challenge(registry, rest),
                );
            }
            let mut reversed = inputs.clone();
            reversed.reverse();
            out.push(
                "Or challenge with its conjuncts reversed",
                vec![],
                or_challenge(registry, &reversed),
            );
            let folded = inputs
                .iter()
                .map(|p| fold(registry, p).unwrap_or_else(|| not_of(registry, p.clone()).encode()));
            out.push(
                "Or challenge with ¬¬ folded",
                vec![],
                Property::new(registry.connective_address(ConnectiveKind::And), folded),
            );
        }
        ConnectiveKind::ForAll => {
            if let [hint, name, body] = &inputs[..] {
                for t in hint::candidates(hint, world)
                    .unwrap_or_default()
                    .into_iter()
                    .take(VALUES_TRIED)
                {
                    out.for_all(name, body, &t);
                }
                let placeholder = placeholder(name);
                out.push(
                    "ForAll challenge at a placeholder value",
                    vec![placeholder.clone()],
                    not_of(registry, subst(body, name, &placeholder, registry)),
                );
            }
        }
        ConnectiveKind::ThereExists => {
            if let [hint, name, body] = &inputs[..] {
                let for_all = registry.connective_address(ConnectiveKind::ForAll);
                for (other, mutation) in [
                    (Bytes::new(), "ThereExists challenge with an empty hint"),
                    (
                        empty_number_hint(),
                        "ThereExists challenge with an empty NUMBER hint",
                    ),
                ] {
                    if other != *hint {
                        out.push(
                            mutation,
                            vec![],
                            there_exists_challenge(registry, &other, name, body),
                        );
                    }
                }
                out.push(
                    "ThereExists challenge with its body not negated",
                    vec![],
                    Property::new(for_all, [hint.clone(), name.clone(), body.clone()]),
                );
                if let Some(folded) = fold(registry, body) {
                    out.push(
                        "ThereExists challenge with ¬¬ folded",
                        vec![],
                        Property::new(for_all, [hint.clone(), name.clone(), folded]),
                    );
                }
            }
        }
    }
    out.found
}

/// Those of `derived` that `claim`'s connective on `chain` accepts (`isValidChallenge`); a
/// call that reverts counts as a rejection.
pub fn accepted_by(chain: &mut Chain, claim: &Property, derived: Vec<Derived>) -> Vec<Derived> {
    derived
        .into_iter()
        .filter(|d| {
            chain
                .is_valid_challenge(claim, &d.inputs, &d.challenge)
                .unwrap_or(false)
        })
        .collect()
}

/// The adversary playing `derived` against `claim` (claimed in block 0) in a game of `period`:
/// the challenge in block 1, then, once its own period is over, `decideClaimToTrue` of the
/// challenge and `decideClaimToFalse` of the claim by it.
pub fn attack(period: u64, claim: &Property, derived: &Derived) -> Adversary {
    let decided = 1 + period;
    Adversary::new()
        .then(
            1,
            Action::Challenge {
                property: claim.clone(),
                inputs: derived.inputs.clone(),
                challenge: derived.challenge.clone(),
            },
        )
        .then(decided, Action::DecideClaimToTrue(derived.challenge.id()))
        .then(
            decided,
            Action::DecideClaimToFalse {
                property: claim.clone(),
                challenge: derived.challenge.clone(),
            },
        )
}

/// The derivations found so far for one claim.
struct Derivations<'a> {
    registry: &'a Registry,
    claim: &'a Property,
    found: Vec<Derived>,
}

impl Derivations<'_> {
    /// Keeps the challenge if §4 rejects it and it is new.
    fn push(&mut self, mutation: &str, inputs: Vec<Bytes>, challenge: Property) {
        if is_valid_challenge(self.registry, self.claim, &inputs, &challenge)
            || self
                .found
                .iter()
                .any(|d| d.inputs == inputs && d.challenge == challenge)
        {
            return;
        }
        self.found.push(Derived {
            mutation: mutation.to_owned(),
            inputs,
            challenge,
        });
    }

    /// `Not(inner)` with `¬¬` folded: `q` for `inner = Not(q)` (a property `q`).
    fn fold_not(&mut self, inputs: &[Bytes], inner: &Bytes, mutation: &str) {
        if let Some(q) = fold(self.registry, inner).and_then(|q| Property::decode_canonical(&q)) {
            self.push(mutation, inputs.to_vec(), q);
        }
    }

    /// ForAll's challenge at `t` with the body unsubstituted, substituted except under each
    /// connective kind in turn, and not negated.
    fn for_all(&mut self, name: &Bytes, body: &Bytes, t: &Bytes) {
        let registry = self.registry;
        let inputs = vec![t.clone()];
        self.push(
            "ForAll body unsubstituted",
            inputs.clone(),
            not_of(registry, body.clone()),
        );
        for kind in ConnectiveKind::ALL {
            let partial = subst_skipping(registry, body, name, t, kind);
            self.push(
                &format!("ForAll body substituted except under {kind:?}"),
                inputs.clone(),
                not_of(registry, partial),
            );
        }
        if let Some(instance) = Property::decode_canonical(&subst(body, name, t, registry)) {
            self.push("ForAll challenge not negated", inputs, instance);
        }
    }
}

/// A `NUMBER` hint with no candidates (`0-0`): a domain of the fixed values only (§7).
fn empty_number_hint() -> Bytes {
    let zero = "0".repeat(64);
    Bytes::from(format!("range,NUMBER,0x{zero}-0x{zero}").into_bytes())
}

/// `q` if `p` encodes `Not(q)`.
fn fold(registry: &Registry, p: &[u8]) -> Option<Bytes> {
    let p = Property::decode_canonical(p)?;
    (registry.connective(p.predicate) == Some(ConnectiveKind::Not) && p.inputs.len() == 1)
        .then(|| p.inputs[0].clone())
}

/// `subst(x, name, v)` that leaves every subtree of connective `skip` as it is — how an
/// implementation whose substitution forgets one connective binds a variable. Recurses only
/// through connectives, as deep as `x` (a claim's body: at most the spec's depth).
fn subst_skipping(
    registry: &Registry,
    x: &[u8],
    name: &[u8],
    v: &[u8],
    skip: ConnectiveKind,
) -> Bytes {
    let Some(p) = Property::decode_canonical(x) else {
        return subst(x, name, v, registry);
    };
    let Some(kind) = registry.connective(p.predicate) else {
        return subst(x, name, v, registry);
    };
    if kind == skip {
        return Bytes::copy_from_slice(x);
    }
    let inputs: Vec<Bytes> = match (kind, &p.inputs[..]) {
        (ConnectiveKind::ForAll | ConnectiveKind::ThereExists, [hint, bound, body]) => {
            // The hint's `${name}` expansion and shadowing, as the one subst does them.
            let bare = Property::new(p.predicate, [hint.clone(), bound.clone(), Bytes::new()]);
            let expanded = Property::decode_canonical(&subst(&bare.encode(), name, v, registry))
                .map_or_else(|| hint.clone(), |q| q.inputs[0].clone());
            let body = if bound[..] == *name {
                body.clone()
            } else {
                subst_skipping(registry, body, name, v, skip)
            };
            vec![expanded, bound.clone(), body]
        }
        (ConnectiveKind::ForAll | ConnectiveKind::ThereExists, _) => {
            return Bytes::copy_from_slice(x);
        }
        _ => p
            .inputs
            .iter()
            .map(|i| subst_skipping(registry, i, name, v, skip))
            .collect(),
    };
    Property::new(p.predicate, inputs).encode()
}
