//! Shared fixtures: one deployment per period, forked per test case.

#![allow(dead_code)]

use std::sync::LazyLock;

use alloy_primitives::{Address, B256, Bytes, U256};
use ovm_chain::{Chain, Deployment, OvmEvent, Revert, Snapshot, account};
use ovm_core::{Builder, Property, abi, placeholder::placeholder};

pub static PERIOD_7: LazyLock<Snapshot> = LazyLock::new(|| deployed(7));
pub static PERIOD_1: LazyLock<Snapshot> = LazyLock::new(|| deployed(1));
pub static PERIOD_3: LazyLock<Snapshot> = LazyLock::new(|| deployed(3));

pub const ALICE: Address = Address::new([
    0xa0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
]);
pub const BOB: Address = Address::new([
    0xa0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
]);

fn deployed(period: u64) -> Snapshot {
    Chain::deployed(period)
        .expect("deployment succeeds")
        .snapshot()
}

/// A fresh chain (period 7) with its deployment and a builder over its registry.
pub fn setup() -> (Chain, Deployment, Builder) {
    setup_from(&PERIOD_7)
}

/// A fresh chain forked from `snapshot`.
pub fn setup_from(snapshot: &Snapshot) -> (Chain, Deployment, Builder) {
    assert_eq!(ALICE, account(1));
    assert_eq!(BOB, account(2));
    let chain = Chain::from_snapshot(snapshot);
    let d = *chain.deployment().expect("deployed");
    let b = Builder::new(d.registry());
    (chain, d, b)
}

/// `abi.encode(uint256(n))`.
pub fn uint(n: u64) -> Bytes {
    abi::encode_uint(n)
}

/// Raw bytes.
pub fn raw(bytes: &[u8]) -> Bytes {
    Bytes::copy_from_slice(bytes)
}

/// The placeholder `'V' ‖ name`.
pub fn var(name: &str) -> Bytes {
    placeholder(name)
}

/// `Equal(a, a)` — a True atomic, distinct per `tag`.
pub fn true_atom(b: &Builder, tag: u8) -> Property {
    b.equal(vec![tag], vec![tag])
}

/// `Equal(a, b)` with `a != b` — a False atomic, distinct per `tag`.
pub fn false_atom(b: &Builder, tag: u8) -> Property {
    b.equal(vec![tag], vec![tag, 0xff])
}

/// Claims `p` and asserts success.
pub fn claim(chain: &mut Chain, p: &Property) {
    let out = chain.claim_property(ALICE, p).expect("tx runs");
    assert_eq!(out.result, Ok(()), "claim of {p:?}");
}

/// Challenges and asserts success.
pub fn challenge_ok(chain: &mut Chain, p: &Property, ci: &[Bytes], q: &Property) -> Vec<OvmEvent> {
    let out = chain.challenge(BOB, p, ci, q).expect("tx runs");
    assert_eq!(out.result, Ok(()), "challenge of {p:?} by {q:?}");
    out.events
}

/// The revert of a transaction outcome's result (panics on success).
pub fn reverted<T: std::fmt::Debug>(result: Result<T, Revert>) -> Revert {
    result.expect_err("expected a revert")
}

/// `NewPropertyClaimed` for `p` created at `block`.
pub fn claimed(p: &Property, block: u64) -> OvmEvent {
    OvmEvent::NewPropertyClaimed {
        game_id: p.id(),
        property: p.clone(),
        created_block: U256::from(block),
    }
}

/// `ClaimChallenged(p, q)`.
pub fn challenged(p: &Property, q: &Property) -> OvmEvent {
    OvmEvent::ClaimChallenged {
        game_id: p.id(),
        challenge_game_id: q.id(),
    }
}

/// `ClaimDecided(p, d)`.
pub fn decided(p: &Property, decision: bool) -> OvmEvent {
    OvmEvent::ClaimDecided {
        game_id: p.id(),
        decision,
    }
}

/// `AtomicPropositionDecided(p, d)`.
pub fn atomic_decided(p: &Property, decision: bool) -> OvmEvent {
    OvmEvent::AtomicPropositionDecided {
        game_id: p.id(),
        decision,
    }
}

/// A property of an unregistered address.
pub fn unregistered(b: &Builder, tag: u8) -> Property {
    b.at(Address::with_last_byte(0x01), [Bytes::from(vec![tag])])
}

/// A chain of `n` Nots around `inner` (depth n + depth(inner)).
pub fn nots(b: &Builder, inner: &Property, n: usize) -> Property {
    let mut p = inner.clone();
    for _ in 0..n {
        p = b.not(&p);
    }
    p
}

/// Zero id.
pub const ZERO_ID: B256 = B256::ZERO;

/// Pins a case closure's signature (rstest binds case expressions before the call).
pub fn with_d<T, F: Fn(&Builder, &Deployment) -> T>(f: F) -> F {
    f
}

/// Pins a case closure's signature.
pub fn with_b<T, F: Fn(&Builder) -> T>(f: F) -> F {
    f
}
