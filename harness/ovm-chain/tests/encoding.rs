//! Spec §1 "is a property": the contracts' validating decoder against `ovm_core`'s, on
//! canonical encodings and on systematic mutations of them (every single-byte change of a
//! small encoding, truncations, extensions, offset and length words), observed through
//! `getDepth(Not(x))` (2 iff `x` is an atomic's canonical encoding, 1 iff raw bytes).

mod common;

use alloy_primitives::{Address, Bytes, U256};
use common::*;
use ovm_chain::Chain;
use ovm_core::{Builder, Property, depth};

fn on_chain_is_property(chain: &mut Chain, b: &Builder, x: &Bytes) -> bool {
    let d = chain.get_depth(&b.not(x.clone())).unwrap();
    assert!(d == U256::from(1) || d == U256::from(2), "depth {d}");
    d == U256::from(2)
}

fn samples(b: &Builder) -> Vec<Property> {
    vec![
        b.equal(raw(b""), raw(b"")),
        b.equal(raw(b"a"), raw(&[7u8; 32])),
        b.at(Address::with_last_byte(1), Vec::<Bytes>::new()),
        b.at(Address::with_last_byte(1), [raw(&[0xff; 33])]),
        b.is_less_than(uint(1), uint(2)),
    ]
}

#[test]
fn canonical_encodings_are_properties() {
    let (mut chain, _, b) = setup();
    for p in samples(&b) {
        assert!(on_chain_is_property(&mut chain, &b, &p.encode()), "{p:?}");
    }
}

#[test]
fn every_single_byte_change_agrees() {
    let (mut chain, _, b) = setup();
    for p in samples(&b).into_iter().take(3) {
        let enc = p.encode().to_vec();
        for i in 0..enc.len() {
            for delta in [1u8, 0x80] {
                let mut m = enc.clone();
                m[i] = m[i].wrapping_add(delta);
                let m: Bytes = m.into();
                let expected = Property::is_property(&m);
                assert_eq!(
                    on_chain_is_property(&mut chain, &b, &m),
                    expected,
                    "{p:?} byte {i} +{delta}"
                );
                assert_eq!(
                    depth(&b.not(m.clone()).encode(), b.registry()),
                    1 + u32::from(expected)
                );
            }
        }
    }
}

#[test]
fn truncations_and_extensions_agree() {
    let (mut chain, _, b) = setup();
    for p in samples(&b) {
        let enc = p.encode().to_vec();
        for cut in [1, 31, 32, 33, 64] {
            if cut < enc.len() {
                let m: Bytes = enc[..enc.len() - cut].to_vec().into();
                assert_eq!(
                    on_chain_is_property(&mut chain, &b, &m),
                    Property::is_property(&m),
                    "{p:?} cut {cut}"
                );
            }
        }
        for extra in [1usize, 31, 32, 64] {
            let mut m = enc.clone();
            m.extend(vec![0u8; extra]);
            let m: Bytes = m.into();
            assert!(
                !on_chain_is_property(&mut chain, &b, &m),
                "{p:?} + {extra} zero bytes"
            );
            assert!(!Property::is_property(&m));
        }
    }
}

#[test]
fn word_level_mutations_agree() {
    // Set each 32-byte word of the encoding to a few interesting values.
    let (mut chain, _, b) = setup();
    let values = [
        U256::ZERO,
        U256::from(0x20),
        U256::from(0x40),
        U256::from(0x60),
        U256::from(1),
        U256::MAX,
        U256::from(1) << 160,
    ];
    for p in samples(&b) {
        let enc = p.encode().to_vec();
        for w in 0..enc.len() / 32 {
            for v in values {
                let mut m = enc.clone();
                m[w * 32..w * 32 + 32].copy_from_slice(&v.to_be_bytes::<32>());
                let m: Bytes = m.into();
                assert_eq!(
                    on_chain_is_property(&mut chain, &b, &m),
                    Property::is_property(&m),
                    "{p:?} word {w} = {v:#x}"
                );
            }
        }
    }
}

#[test]
fn short_and_empty_inputs_are_raw() {
    let (mut chain, _, b) = setup();
    for len in [0usize, 1, 31, 32, 63, 64, 96, 127] {
        let m: Bytes = vec![0u8; len].into();
        assert!(
            !on_chain_is_property(&mut chain, &b, &m),
            "{len} zero bytes"
        );
    }
    // 128 bytes: (0x20, addr 0, 0x40, 0) is the canonical Property(0, []).
    let mut m = vec![0u8; 128];
    m[31] = 0x20;
    m[95] = 0x40;
    let m: Bytes = m.into();
    assert!(Property::is_property(&m));
    assert!(on_chain_is_property(&mut chain, &b, &m));
}
