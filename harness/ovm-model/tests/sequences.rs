//! Random call sequences: the model never panics, failed calls change nothing, decisions never
//! change, challenge lists stay duplicate-free, and `isDecidable` agrees with
//! `decideClaimToTrue`.

mod common;

use common::*;
use ovm_core::{Decision, Property};
use ovm_model::{ScriptedOracle, UacModel, UacResult};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug)]
enum Call {
    Advance(u64),
    Claim(usize),
    Challenge(usize, usize),
    Remove(usize, usize),
    ToTrue(usize),
    ToFalse(usize, usize),
    Witness(usize),
    Set(usize, usize, bool),
    AtomicTrue(usize),
    AtomicFalse(usize),
    NotTrue(usize),
    AndTrue(Vec<usize>),
}

fn call() -> impl Strategy<Value = Call> {
    let i = 0usize..10;
    prop_oneof![
        (0u64..4).prop_map(Call::Advance),
        i.clone().prop_map(Call::Claim),
        (i.clone(), i.clone()).prop_map(|(a, b)| Call::Challenge(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Call::Remove(a, b)),
        i.clone().prop_map(Call::ToTrue),
        (i.clone(), i.clone()).prop_map(|(a, b)| Call::ToFalse(a, b)),
        i.clone().prop_map(Call::Witness),
        (i.clone(), i.clone(), any::<bool>()).prop_map(|(a, b, d)| Call::Set(a, b, d)),
        i.clone().prop_map(Call::AtomicTrue),
        i.clone().prop_map(Call::AtomicFalse),
        i.clone().prop_map(Call::NotTrue),
        proptest::collection::vec(i, 0..3).prop_map(Call::AndTrue),
    ]
}

/// A small universe: atoms, Nots of atoms, And of atoms, an unregistered property and a deep one.
fn universe(fx: &Fx) -> Vec<Property> {
    vec![
        fx.atom(1),
        fx.atom(2),
        fx.atom(3),
        fx.not_atom(1),
        fx.not_atom(2),
        fx.and_atoms(&[1, 2]),
        fx.b.not(fx.not_atom(1)),
        Property::new(STRANGER, []),
        fx.of_depth(34),
        fx.of_depth(35),
    ]
}

fn oracle(u: &[Property]) -> ScriptedOracle {
    let mut o = ScriptedOracle::new();
    // Every pair is a valid challenge with ci = [], so sequences reach deep states.
    for p in u {
        for q in u {
            o.accept_challenge(p, [], q);
        }
        if p.id().0[0] % 2 == 0 {
            o.accept_witness(p, []);
        }
    }
    o.set_truth(&u[0], Some(true));
    o.set_truth(&u[1], Some(false));
    o
}

fn run(uac: &mut UacModel, o: &ScriptedOracle, u: &[Property], call: &Call) -> UacResult {
    match call {
        Call::Advance(n) => {
            uac.advance(*n);
            Ok(vec![])
        }
        Call::Claim(p) => uac.claim_property(&u[*p]),
        Call::Challenge(p, q) => uac.challenge(o, &u[*p], &[], &u[*q]),
        Call::Remove(p, q) => uac.remove_challenge(&u[*p], &u[*q]),
        Call::ToTrue(p) => uac.decide_claim_to_true(u[*p].id()),
        Call::ToFalse(p, q) => uac.decide_claim_to_false(&u[*p], &u[*q]),
        Call::Witness(p) => uac.decide_claim_with_witness(o, &u[*p], &[]),
        Call::Set(c, p, d) => uac.set_predicate_decision(u[*c].predicate, &u[*p], *d),
        Call::AtomicTrue(p) => uac.atomic_decide_true(o, &u[*p]),
        Call::AtomicFalse(p) => uac.atomic_decide_false(o, &u[*p]),
        Call::NotTrue(p) => uac.not_decide_true(&u[*p]),
        Call::AndTrue(ps) => {
            let children: Vec<Property> = ps.iter().map(|&i| u[i].clone()).collect();
            uac.and_decide_true(&children)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_sequences_keep_the_invariants(
        period in 1u64..4,
        calls in proptest::collection::vec(call(), 0..50),
    ) {
        let fx = Fx::new(period);
        let u = universe(&fx);
        let o = oracle(&u);
        let mut uac = fx.uac.clone();
        let mut decisions: BTreeMap<_, Decision> = BTreeMap::new();
        for call in &calls {
            let ids: Vec<_> = uac.games().map(|(id, _)| id).collect();
            for id in ids {
                let mut probe = uac.clone();
                prop_assert_eq!(uac.is_decidable(id), probe.decide_claim_to_true(id).is_ok());
            }
            let before = uac.clone();
            let result = run(&mut uac, &o, &u, call);
            if result.is_err() {
                prop_assert_eq!(&uac, &before);
            }
            for (id, game) in uac.games() {
                prop_assert_eq!(game.property_hash, id);
                let unique: BTreeSet<_> = game.challenges.iter().collect();
                prop_assert_eq!(unique.len(), game.challenges.len());
                for c in &game.challenges {
                    prop_assert!(uac.game_exists(*c));
                }
                if let Some(old) = decisions.get(&id) {
                    prop_assert_eq!(*old, game.decision);
                }
                if game.decision != Decision::Undecided {
                    decisions.insert(id, game.decision);
                }
            }
        }
    }
}
