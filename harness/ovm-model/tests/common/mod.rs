//! Shared fixtures for the model's tests.
#![allow(dead_code)]

use ovm_core::{Address, B256, Builder, Bytes, Property, Registry, abi};
use ovm_model::{Event, ScriptedOracle, UacError, UacModel, UacResult};

/// An address no registry entry uses.
pub const STRANGER: Address = Address::repeat_byte(0x99);

/// A model, its builder and a scripted oracle.
pub struct Fx {
    pub b: Builder,
    pub uac: UacModel,
    pub oracle: ScriptedOracle,
}

impl Fx {
    /// A fresh deployment with the test registry and `period`.
    pub fn new(period: u64) -> Self {
        let b = Builder::new(Registry::with_test_addresses());
        let uac = UacModel::new(b.registry().clone(), period).expect("period >= 1");
        Self {
            b,
            uac,
            oracle: ScriptedOracle::new(),
        }
    }

    /// The atomic `Equal([n], [n])` (depth 1).
    pub fn atom(&self, n: u8) -> Property {
        self.b.equal(vec![n], vec![n])
    }

    /// `Not(atom(n))`, whose one valid challenge is `atom(n)` with `ci = []`.
    pub fn not_atom(&self, n: u8) -> Property {
        self.b.not(self.atom(n))
    }

    /// `And(atom(n) for n in ns)`.
    pub fn and_atoms(&self, ns: &[u8]) -> Property {
        self.b.and(ns.iter().map(|&n| self.atom(n)))
    }

    /// A property of depth `d ≥ 1`: `Not^(d-1)(atom(0))`.
    pub fn of_depth(&self, d: u32) -> Property {
        let mut p = self.atom(0);
        for _ in 1..d {
            p = self.b.not(&p);
        }
        p
    }

    /// The address of the test registry's `Equal`.
    pub fn equal_address(&self) -> Address {
        self.atom(0).predicate
    }

    /// Claims `p`, which must succeed.
    pub fn claim(&mut self, p: &Property) -> Vec<Event> {
        self.uac.claim_property(p).expect("claim succeeds")
    }

    /// Scripts the oracle to accept `q` with `ci` against `p`.
    pub fn accept(&mut self, p: &Property, ci: &[Bytes], q: &Property) {
        self.oracle.accept_challenge(p, ci.iter().cloned(), q);
    }

    /// Accepts and plays the challenge (`ci = []`), which must succeed.
    pub fn challenge_ok(&mut self, p: &Property, q: &Property) -> Vec<Event> {
        self.accept(p, &[], q);
        self.uac
            .challenge(&self.oracle, p, &[], q)
            .expect("challenge succeeds")
    }

    /// `challenge(p, [], q)` with the fixture's oracle.
    pub fn challenge(&mut self, p: &Property, q: &Property) -> UacResult {
        self.uac.challenge(&self.oracle, p, &[], q)
    }

    /// Decides the atomic `q` (claiming it first if needed) to `value` by its entry point.
    pub fn decide_atomic(&mut self, q: &Property, value: bool) {
        if !self.uac.game_exists(q.id()) {
            self.claim(q);
        }
        self.oracle.set_truth(q, Some(value));
        let result = if value {
            self.uac.atomic_decide_true(&self.oracle, q)
        } else {
            self.uac.atomic_decide_false(&self.oracle, q)
        };
        result.expect("atomic decision succeeds");
    }

    /// Decides `p` True by a scripted witness.
    pub fn decide_by_witness(&mut self, p: &Property) {
        self.oracle.accept_witness(p, []);
        self.uac
            .decide_claim_with_witness(&self.oracle, p, &[])
            .expect("witness accepted");
    }

    /// Runs `call` and asserts it fails with exactly `expected` and changes nothing.
    pub fn expect_err(
        &mut self,
        expected: UacError,
        call: impl FnOnce(&mut UacModel, &ScriptedOracle) -> UacResult,
    ) {
        let before = self.uac.clone();
        let result = call(&mut self.uac, &self.oracle);
        assert_eq!(result, Err(expected));
        assert_eq!(self.uac, before, "a failed call changed the model");
    }
}

/// `abi.encode(uint256(i))`, an And challenge index.
pub fn index(i: u64) -> Bytes {
    abi::encode_uint(i)
}

/// `NewPropertyClaimed(id(p), p, block)`.
pub fn claimed(p: &Property, block: u64) -> Event {
    Event::NewPropertyClaimed {
        game_id: p.id(),
        property: p.clone(),
        created_block: ovm_core::U256::from(block),
    }
}

/// `ClaimChallenged(id(p), id(q))`.
pub fn challenged(p: &Property, q: &Property) -> Event {
    Event::ClaimChallenged {
        game_id: p.id(),
        challenge_game_id: q.id(),
    }
}

/// `ChallengeRemoved(id(p), id(q))`.
pub fn removed(p: &Property, q: &Property) -> Event {
    Event::ChallengeRemoved {
        game_id: p.id(),
        challenge_game_id: q.id(),
    }
}

/// `ClaimDecided(id(p), d)`.
pub fn decided(p: &Property, decision: bool) -> Event {
    Event::ClaimDecided {
        game_id: p.id(),
        decision,
    }
}

/// `AtomicPropositionDecided(id(p), d)`.
pub fn atomic_decided(p: &Property, decision: bool) -> Event {
    Event::AtomicPropositionDecided {
        game_id: p.id(),
        decision,
    }
}

/// Ids of `ps`, in order.
pub fn ids(ps: &[&Property]) -> Vec<B256> {
    ps.iter().map(|p| p.id()).collect()
}
