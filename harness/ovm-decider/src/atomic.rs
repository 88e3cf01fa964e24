//! The nine atomic predicates (spec §5), one pure function each.
//!
//! Every function takes the raw inputs and never panics: a wrong input count or an input that
//! breaks its type's rule is `false`. Only [`is_stored`] depends on the world and is
//! three-valued.

use crate::{Retrieved, Truth, World};
use ovm_core::{AtomicKind, InclusionProof, abi, build::SECP256K1_TAG, keccak256, signing};

/// The truth of atomic `kind` on `inputs` in `world` (`decide`, with `Undefined` where §5.2
/// says so). `decideWithWitness` is `evaluate(..) == Truth::True` whatever the witness.
pub fn evaluate(kind: AtomicKind, inputs: &[impl AsRef<[u8]>], world: &World) -> Truth {
    // No allocation for the usual arities (at most four inputs).
    const INLINE: usize = 8;
    if inputs.len() <= INLINE {
        let mut refs: [&[u8]; INLINE] = [&[]; INLINE];
        for (slot, input) in refs.iter_mut().zip(inputs) {
            *slot = input.as_ref();
        }
        evaluate_refs(kind, &refs[..inputs.len()], world)
    } else {
        let refs: Vec<&[u8]> = inputs.iter().map(AsRef::as_ref).collect();
        evaluate_refs(kind, &refs, world)
    }
}

fn evaluate_refs(kind: AtomicKind, inputs: &[&[u8]], world: &World) -> Truth {
    let bool_truth = |value: bool| Truth::from_bool(value);
    match kind {
        AtomicKind::Equal => bool_truth(equal(inputs)),
        AtomicKind::IsLessThan => bool_truth(is_less_than(inputs)),
        AtomicKind::IsValidSignature => bool_truth(is_valid_signature(inputs)),
        AtomicKind::IsHashPreimage => bool_truth(is_hash_preimage(inputs)),
        AtomicKind::IsContained => bool_truth(is_contained(inputs)),
        AtomicKind::HasIntersection => bool_truth(has_intersection(inputs)),
        AtomicKind::IsSameAmount => bool_truth(is_same_amount(inputs)),
        AtomicKind::IsStored => is_stored(inputs, world),
        AtomicKind::VerifyInclusion => bool_truth(verify_inclusion(inputs)),
    }
}

/// `Equal(a, b)`: `a == b` byte for byte.
pub fn equal(inputs: &[&[u8]]) -> bool {
    matches!(inputs, [a, b] if a == b)
}

/// `IsLessThan(a, b)`: both exactly 32 bytes and `uint256(a) < uint256(b)`.
pub fn is_less_than(inputs: &[&[u8]]) -> bool {
    let [a, b] = inputs else { return false };
    match (abi::decode_u256(a), abi::decode_u256(b)) {
        (Some(a), Some(b)) => a < b,
        _ => false,
    }
}

/// `IsValidSignature(message, signature, abi(signer), "secp256k1")`: the tag is exactly the raw
/// ASCII `secp256k1`, and [`signing::is_valid_signature`] holds (65 bytes, `v ∈ {27, 28}`, low
/// `s`, canonical non-zero signer, raw-hash `ecrecover`).
pub fn is_valid_signature(inputs: &[&[u8]]) -> bool {
    let [message, signature, signer, tag] = inputs else {
        return false;
    };
    *tag == SECP256K1_TAG && signing::is_valid_signature(message, signature, signer)
}

/// `IsHashPreimage(abi(bytes32 h), preimage)`: `h` exactly 32 bytes and
/// `keccak256(preimage) == h`.
pub fn is_hash_preimage(inputs: &[&[u8]]) -> bool {
    let [hash, preimage] = inputs else {
        return false;
    };
    abi::decode_b256(hash).is_some_and(|hash| keccak256(preimage) == hash)
}

fn two_valid_ranges(inputs: &[&[u8]]) -> Option<(abi::Range, abi::Range)> {
    let [a, b] = inputs else { return None };
    Some((abi::Range::decode_valid(a)?, abi::Range::decode_valid(b)?))
}

/// `IsContained(abi(sub), abi(outer))`: both valid ranges, `outer.start ≤ sub.start` and
/// `sub.end ≤ outer.end`.
pub fn is_contained(inputs: &[&[u8]]) -> bool {
    two_valid_ranges(inputs).is_some_and(|(sub, outer)| sub.is_within(&outer))
}

/// `HasIntersection(abi(a), abi(b))`: both valid and `a.start < b.end && b.start < a.end`.
pub fn has_intersection(inputs: &[&[u8]]) -> bool {
    two_valid_ranges(inputs).is_some_and(|(a, b)| a.intersects(&b))
}

/// `IsSameAmount(abi(a), abi(b))`: both valid and `a.end − a.start == b.end − b.start`.
pub fn is_same_amount(inputs: &[&[u8]]) -> bool {
    two_valid_ranges(inputs).is_some_and(|(a, b)| a.amount() == b.amount())
}

/// `IsStored(abi(address s), key, value)` (§5.2): `s` not a canonical address word of a
/// registered storage contract → False; `retrieve(key)` fails → False; nothing written →
/// `Undefined`; the stored `r` → `r == value`.
pub fn is_stored(inputs: &[&[u8]], world: &World) -> Truth {
    let [storage, key, value] = inputs else {
        return Truth::False;
    };
    let Some(storage) = abi::decode_address(storage) else {
        return Truth::False;
    };
    match world.retrieve(storage, key) {
        Retrieved::Failed => Truth::False,
        Retrieved::Empty => Truth::Undefined,
        Retrieved::Value(stored) => Truth::from_bool(stored.as_ref() == *value),
    }
}

/// `VerifyInclusion(leaf, abi(Range range), abi(proof), abi(bytes32 root))`: the range valid,
/// the proof canonical, the root exactly 32 bytes, and [`InclusionProof::verifies`].
pub fn verify_inclusion(inputs: &[&[u8]]) -> bool {
    let [leaf, range, proof, root] = inputs else {
        return false;
    };
    let (Some(range), Some(proof), Some(root)) = (
        abi::Range::decode_valid(range),
        InclusionProof::decode_canonical(proof),
        abi::decode_b256(root),
    ) else {
        return false;
    };
    proof.verifies(leaf, &range, root)
}
