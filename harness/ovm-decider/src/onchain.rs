//! The off-chain mirror of the connectives' on-chain checks (spec §4): `isValidChallenge`
//! and `decideWithWitness`, exactly as the table defines them, plus the challenge builders and
//! the admissibility test (§2) the decider shares with them.
//!
//! These mirror the *predicate contracts*; the UAC's own rule that a challenge property be at
//! most [`MAX_CHALLENGE_DEPTH`] deep (it is claimed on the fly) is not part of
//! [`is_valid_challenge`] — see [`is_claimable_challenge`].

use crate::{Truth, World, atomic};
use ovm_core::{
    Bytes, ConnectiveKind, MAX_CHALLENGE_DEPTH, PredicateKind, Property, Registry, U256, abi,
    depth, placeholder::is_placeholder, subst,
};

/// `Not(p)`: the Not connective over the raw input `p`.
pub fn not_of(registry: &Registry, p: impl Into<Bytes>) -> Property {
    Property::new(registry.connective_address(ConnectiveKind::Not), [p.into()])
}

/// Or's one challenge: `And(Not(p0), …, Not(pn))`.
pub fn or_challenge(registry: &Registry, children: &[Bytes]) -> Property {
    Property::new(
        registry.connective_address(ConnectiveKind::And),
        children
            .iter()
            .map(|p| not_of(registry, p.clone()).encode()),
    )
}

/// ForAll's challenge for the bound value `t`: `Not(subst(b, x, t))`.
pub fn for_all_challenge(registry: &Registry, name: &[u8], body: &[u8], t: &[u8]) -> Property {
    not_of(registry, subst(body, name, t, registry))
}

/// ThereExists's one challenge: `ForAll(h, x, enc(Not(b)))`, same hint.
pub fn there_exists_challenge(
    registry: &Registry,
    hint: &[u8],
    name: &[u8],
    body: &[u8],
) -> Property {
    Property::new(
        registry.connective_address(ConnectiveKind::ForAll),
        [
            Bytes::copy_from_slice(hint),
            Bytes::copy_from_slice(name),
            not_of(registry, Bytes::copy_from_slice(body)).encode(),
        ],
    )
}

/// The instance `subst(b, x, t)` if `t` is admissible (§2) for quantifier `kind`: not a
/// placeholder, and `depth(Not(instance)) ≤ 34` for ForAll, `depth(Not(Not(instance))) ≤ 34`
/// for a ThereExists witness. `None` when inadmissible.
pub fn admissible_instance(
    registry: &Registry,
    kind: ConnectiveKind,
    name: &[u8],
    body: &[u8],
    t: &[u8],
) -> Option<Bytes> {
    if is_placeholder(t) {
        return None;
    }
    // depth(Not(q)) = 1 + depth(q): count the Nots instead of encoding them.
    let nots = match kind {
        ConnectiveKind::ThereExists => 2,
        _ => 1,
    };
    // depth(subst(b, x, t)) ≥ depth(b) − 1 (only a quantifier body `V‖x`, depth 1, can become
    // raw bytes, depth 0), so a body this deep is inadmissible whatever `t` is. Checking it
    // first, as the contracts do, bounds the substitution's work by the depth limit.
    if depth(body, registry) + nots > MAX_CHALLENGE_DEPTH + 1 {
        return None;
    }
    let instance = subst(body, name, t, registry);
    (depth(&instance, registry) + nots <= MAX_CHALLENGE_DEPTH).then_some(instance)
}

/// Whether `t` is admissible (§2) for quantifier `kind` over `(name, body)`.
pub fn is_admissible(
    registry: &Registry,
    kind: ConnectiveKind,
    name: &[u8],
    body: &[u8],
    t: &[u8],
) -> bool {
    admissible_instance(registry, kind, name, body, t).is_some()
}

/// Whether the UAC can claim `challenge` on the fly: depth ≤ [`MAX_CHALLENGE_DEPTH`]. A
/// challenge is valid in the game iff [`is_valid_challenge`] and this hold.
pub fn is_claimable_challenge(registry: &Registry, challenge: &Property) -> bool {
    depth(&challenge.encode(), registry) <= MAX_CHALLENGE_DEPTH
}

/// The connective's `isValidChallenge(property.inputs, challenge_inputs, challenge)` (§4
/// table); `false` for a property whose predicate is not a registered connective.
pub fn is_valid_challenge(
    registry: &Registry,
    property: &Property,
    challenge_inputs: &[Bytes],
    challenge: &Property,
) -> bool {
    let Some(kind) = registry.connective(property.predicate) else {
        return false;
    };
    let inputs = &property.inputs;
    match kind {
        ConnectiveKind::Not => inputs.len() == 1 && challenge.encode() == inputs[0],
        ConnectiveKind::And => {
            let [c] = challenge_inputs else { return false };
            let Some(index) = abi::decode_u256(c) else {
                return false;
            };
            index < U256::from(inputs.len())
                && challenge.predicate == registry.connective_address(ConnectiveKind::Not)
                && challenge.inputs.len() == 1
                && challenge.inputs[0] == inputs[index.to::<usize>()]
        }
        ConnectiveKind::Or => {
            challenge_inputs.is_empty() && *challenge == or_challenge(registry, inputs)
        }
        ConnectiveKind::ForAll => {
            let ([_, name, body], [t]) = (&inputs[..], challenge_inputs) else {
                return false;
            };
            admissible_instance(registry, ConnectiveKind::ForAll, name, body, t)
                .is_some_and(|instance| *challenge == not_of(registry, instance))
        }
        ConnectiveKind::ThereExists => {
            let [hint, name, body] = &inputs[..] else {
                return false;
            };
            challenge_inputs.is_empty()
                && *challenge == there_exists_challenge(registry, hint, name, body)
        }
    }
}

/// `decideClaimWithWitness`'s check: `property`'s predicate `decideWithWitness(inputs,
/// witness)` (§4 table; atomics: `decide`, an unwritten `IsStored` is `false`). `false` for
/// unregistered predicates and anything malformed.
///
/// A Not, And or Or deeper than any game can hold (depth > 34) is `false`, as on-chain
/// (`OvmLogic.beyondGameDepth`; SPEC-DECISIONS "Beyond game depth"): checked once here, since
/// every property a check descends to is shallower than the one it came from, so the
/// recursion is at most 34 calls deep.
pub fn decide_with_witness(world: &World, property: &Property, witness: &[Bytes]) -> bool {
    let junction = matches!(
        world.registry.connective(property.predicate),
        Some(ConnectiveKind::Not | ConnectiveKind::And | ConnectiveKind::Or)
    );
    !(junction && depth(&property.encode(), &world.registry) > MAX_CHALLENGE_DEPTH)
        && witness_check(world, property, witness)
}

fn witness_check(world: &World, property: &Property, witness: &[Bytes]) -> bool {
    let registry = &world.registry;
    let child = |bytes: &[u8], witness: &[Bytes]| {
        Property::decode_canonical(bytes).is_some_and(|q| witness_check(world, &q, witness))
    };
    let inputs = &property.inputs;
    match registry.kind(property.predicate) {
        None => false,
        Some(PredicateKind::Atomic(kind)) => atomic::evaluate(kind, inputs, world) == Truth::True,
        Some(PredicateKind::Connective(kind)) => match kind {
            ConnectiveKind::Not => {
                let [p] = &inputs[..] else { return false };
                let Some(inner) = Property::decode_canonical(p) else {
                    return false;
                };
                registry.connective(inner.predicate) == Some(ConnectiveKind::Not)
                    && inner.inputs.len() == 1
                    && child(&inner.inputs[0], witness)
            }
            ConnectiveKind::And => {
                witness.len() == inputs.len()
                    && inputs.iter().zip(witness).all(|(p, w)| {
                        abi::decode_bytes_array(w).is_some_and(|items| child(p, &items))
                    })
            }
            ConnectiveKind::Or => {
                let Some((first, rest)) = witness.split_first() else {
                    return false;
                };
                let Some(index) = abi::decode_u256(first) else {
                    return false;
                };
                index < U256::from(inputs.len()) && child(&inputs[index.to::<usize>()], rest)
            }
            ConnectiveKind::ForAll => false,
            ConnectiveKind::ThereExists => {
                let ([_, name, body], Some((t, rest))) = (&inputs[..], witness.split_first())
                else {
                    return false;
                };
                admissible_instance(registry, ConnectiveKind::ThereExists, name, body, t)
                    .is_some_and(|instance| child(&instance, rest))
            }
        },
    }
}
