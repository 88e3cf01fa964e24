//! The Plasma exit example, in all its worlds.

use ovm_core::{Bytes, abi};
use ovm_decider::{
    Decider, Outcome, ReferenceDecider, UnknownReason, decide_with_witness, is_valid_challenge,
    onchain::not_of,
    plasma::{Expected, Variant, scenario},
};
use rstest::rstest;

const DECIDER: ReferenceDecider = ReferenceDecider::new();

#[rstest]
#[case::honest(Variant::Honest)]
#[case::spent(Variant::Spent)]
#[case::not_included(Variant::NotIncluded)]
#[case::tampered_proof(Variant::TamperedProof)]
#[case::missing_root_0(Variant::MissingRoot { missing: 0 })]
#[case::missing_root_1(Variant::MissingRoot { missing: 1 })]
#[case::missing_root_2(Variant::MissingRoot { missing: 2 })]
#[case::zero_signer_garbage(Variant::ZeroSignerGarbage)]
#[case::non_canonical_incl(Variant::NonCanonicalChild { index: 0 })]
#[case::non_canonical_not_own(Variant::NonCanonicalChild { index: 1 })]
#[case::non_canonical_hist(Variant::NonCanonicalChild { index: 2 })]
fn exit_outcomes(#[case] variant: Variant) {
    let s = scenario(variant);
    let (outcome, trace) = DECIDER.decide_traced(&s.property, &s.world);
    assert_eq!(
        outcome,
        DECIDER.decide(&s.property, &s.world),
        "traced == untraced"
    );
    let reg = &s.world.registry;
    match s.expected {
        Expected::TrueByPeriod => {
            assert_eq!(outcome, Outcome::True { witness: None }, "{trace}")
        }
        Expected::FalseAt(i) => {
            let c = outcome.challenge().unwrap_or_else(|| panic!("{trace}"));
            assert_eq!(c.inputs, vec![abi::encode_uint(i as u64)]);
            assert_eq!(c.property, not_of(reg, s.property.inputs[i].clone()));
            assert!(is_valid_challenge(reg, &s.property, &c.inputs, &c.property));
            assert!(DECIDER.decide(&c.property, &s.world).is_true());
        }
        Expected::UnknownPinnedAt(i) => {
            let pin = outcome.pin().unwrap_or_else(|| panic!("{trace}"));
            assert_eq!(pin.inputs, vec![abi::encode_uint(i as u64)]);
            assert!(is_valid_challenge(
                reg,
                &s.property,
                &pin.inputs,
                &pin.property
            ));
            assert!(DECIDER.decide(&pin.property, &s.world).is_undefined());
        }
    }
}

#[test]
fn spent_challenge_is_not_not_own() {
    let s = scenario(Variant::Spent);
    let b = &s.builder;
    let c = DECIDER.decide(&s.property, &s.world);
    let expected = b.not(b.not(s.exit.own(b)));
    assert_eq!(c.challenge().unwrap().property, expected);
    // Own itself is True with the owner's signature as witness (the garbage one comes first
    // in the store and is skipped).
    let own = DECIDER.decide(&s.exit.own(b), &s.world);
    let w = own.witness().expect("Own is witness-decidable");
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].len(), 65);
    assert!(decide_with_witness(&s.world, &s.exit.own(b), w));
    // And so is Not(Not(Own)), with the same witness.
    let nn = DECIDER.decide(&expected, &s.world);
    assert_eq!(nn.witness(), Some(w));
    assert!(decide_with_witness(&s.world, &expected, w));
}

#[test]
fn honest_children() {
    let s = scenario(Variant::Honest);
    let b = &s.builder;
    let incl = s.exit.incl(b);
    let out = DECIDER.decide(&incl, &s.world);
    let w = out.witness().expect("Incl is witness-decidable");
    assert_eq!(w.len(), 3, "[root, abi(bytes[] []), abi(bytes[] [proof])]");
    assert_eq!(w[1], abi::encode_bytes_array(&[]));
    assert!(decide_with_witness(&s.world, &incl, w));
    assert!(DECIDER.decide(&s.exit.own(b), &s.world).is_false());
    assert_eq!(
        DECIDER.decide(&s.exit.hist(b), &s.world),
        Outcome::True { witness: None }
    );
}

#[test]
fn missing_root_pin_chain_ends_at_is_stored() {
    let s = scenario(Variant::MissingRoot { missing: 1 });
    let mut current = s.property.clone();
    let mut chain = Vec::new();
    for _ in 0..40 {
        let out = DECIDER.decide(&current, &s.world);
        assert!(out.is_undefined(), "{out:?}");
        match out.pin() {
            Some(pin) => {
                assert!(is_valid_challenge(
                    &s.world.registry,
                    &current,
                    &pin.inputs,
                    &pin.property
                ));
                chain.push(pin.clone());
                current = pin.property.clone();
            }
            None => {
                assert!(matches!(
                    out,
                    Outcome::Unknown {
                        why: UnknownReason::NotWritten { .. },
                        ..
                    }
                ));
                break;
            }
        }
    }
    assert!(chain.len() >= 5, "{chain:?}");
    let last = &chain.last().unwrap().property;
    assert_eq!(
        s.world.registry.atomic(last.predicate),
        Some(ovm_core::AtomicKind::IsStored)
    );
    // Hist's pin binds b = 1.
    let hist = DECIDER.decide(&s.exit.hist(&s.builder), &s.world);
    assert_eq!(hist.pin().unwrap().inputs, vec![abi::encode_uint(1)]);
}

#[test]
fn non_canonical_child_is_raw() {
    let s = scenario(Variant::NonCanonicalChild { index: 1 });
    let raw: &Bytes = &s.property.inputs[1];
    assert!(!ovm_core::Property::is_property(raw));
    assert!(DECIDER.decide_bytes(raw, &s.world).is_false());
}
