//! The contract-aware adversary's derivations: every one is a challenge §4 rejects, the
//! mutations real implementations get wrong are among them, the bundled contracts accept none,
//! and an accepted one played as a game decides a True claim False.

mod common;

use common::*;
use ovm_agent::{
    GameSetup, deployed_snapshot,
    derive::{accepted_by, attack, derived_challenges},
    play_in,
};
use ovm_chain::Chain;
use ovm_core::{Bytes, Decision, Property, abi, keccak256, placeholder::placeholder};
use ovm_decider::{Decider, World, is_valid_challenge};

fn raw(bytes: &[u8]) -> Bytes {
    Bytes::copy_from_slice(bytes)
}

fn number_hint(end: u64) -> Bytes {
    Bytes::from(format!("range,NUMBER,0x{:064x}-0x{end:064x}", 0).into_bytes())
}

/// A claim of every connective, with bodies that nest the other connectives.
fn claims() -> Vec<Property> {
    let b = builder();
    let x = placeholder("x");
    let lt = b.is_less_than(x.clone(), abi::encode_uint(5));
    let eq = b.equal(raw(b"a"), raw(b"a"));
    let or = b.or([lt.encode(), b.not(&eq).encode()]);
    vec![
        b.not(b.not(&eq)),
        b.and([eq.encode(), b.not(b.not(&eq)).encode()]),
        or.clone(),
        b.for_all(number_hint(3), raw(b"x"), b.and([lt.encode(), or.encode()])),
        b.there_exists(number_hint(3), raw(b"x"), b.not(&lt)),
    ]
}

#[test]
fn every_derivation_is_a_challenge_section_4_rejects() {
    let registry = registry();
    let world = World::new(registry.clone());
    for claim in claims() {
        let derived = derived_challenges(&registry, &world, &claim);
        assert!(!derived.is_empty(), "no derivation for {claim:?}");
        for d in &derived {
            assert!(
                !is_valid_challenge(&registry, &claim, &d.inputs, &d.challenge),
                "{}: a valid challenge",
                d.mutation
            );
        }
        let unique: std::collections::BTreeSet<_> = derived
            .iter()
            .map(|d| (d.inputs.clone(), d.challenge.encode()))
            .collect();
        assert_eq!(unique.len(), derived.len(), "repeats for {claim:?}");
    }
}

#[test]
fn the_mutations_real_implementations_get_wrong_are_derived() {
    let registry = registry();
    let world = World::new(registry.clone());
    let mutations: Vec<String> = claims()
        .iter()
        .flat_map(|c| derived_challenges(&registry, &world, c))
        .map(|d| d.mutation)
        .collect();
    for expected in [
        "Not challenge with ¬¬ folded",
        "And challenge at the next index",
        "And challenge with a one-byte index",
        "Or challenge with an extra conjunct",
        "Or challenge missing its last conjunct",
        "Or challenge with ¬¬ folded",
        "ForAll body unsubstituted",
        "ForAll body substituted except under Or",
        "ForAll challenge at a placeholder value",
        "ForAll challenge not negated",
        "ThereExists challenge with an empty hint",
        "ThereExists challenge with an empty NUMBER hint",
        "ThereExists challenge with its body not negated",
        "ThereExists challenge with ¬¬ folded",
    ] {
        assert!(
            mutations.iter().any(|m| m == expected),
            "{expected} is missing from {mutations:?}"
        );
    }
}

#[test]
fn the_bundled_contracts_accept_no_derivation() {
    let registry = registry();
    let world = World::new(registry.clone());
    let mut chain = Chain::from_snapshot(&deployed_snapshot(PERIOD).expect("deploys"));
    for claim in claims() {
        let derived = derived_challenges(&registry, &world, &claim);
        assert_eq!(accepted_by(&mut chain, &claim, derived), vec![]);
    }
}

/// The attack is a whole game on the contracts' terms: against the bundled ForAll, which
/// rejects an unsubstituted body, the challenge fails and the True claim ends True.
#[test]
fn an_attack_the_contracts_reject_leaves_the_claim_true() {
    let b = builder();
    let x = placeholder("x");
    // n < 5 or keccak(n) != keccak("Vx"): True for every admissible value, False unsubstituted.
    let body = b.or([
        b.is_less_than(x.clone(), abi::encode_uint(5)).encode(),
        b.not(b.is_hash_preimage(keccak256(&x), x.clone())).encode(),
    ]);
    let claim = b.for_all(number_hint(3), raw(b"x"), body);
    let registry = registry();
    let world = World::new(registry.clone());
    assert!(DECIDER.decide(&claim, &world).is_true());
    let derived = derived_challenges(&registry, &world, &claim);
    let unsubstituted = derived
        .iter()
        .find(|d| d.mutation == "ForAll body unsubstituted")
        .expect("derived");
    let setup =
        GameSetup::new(PERIOD, claim.clone()).adversary(attack(PERIOD, &claim, unsubstituted));
    let mut chain = Chain::from_snapshot(&deployed_snapshot(PERIOD).expect("deploys"));
    let record = play_in(&mut chain, &setup, &DECIDER).expect("plays");
    let sent = record
        .txs
        .iter()
        .find(|t| t.function == "challenge")
        .expect("sent");
    assert_eq!(sent.error.as_deref(), Some("InvalidChallenge"));
    assert_eq!(record.root_decision, Decision::True);
}
