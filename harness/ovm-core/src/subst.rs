//! Variable binding (spec §2): ONE `subst`, and the `${name}` hint template expansion.

use crate::{ConnectiveKind, PredicateKind, Property, Registry, placeholder::is_placeholder_named};
use alloy_primitives::{Bytes, hex};

/// `subst(x, name, v)`: binds the variable `name` to `v` in `x`.
///
/// 1. the placeholder named `name` becomes `v` (never rewritten further);
/// 2. raw bytes stay as they are;
/// 3. in a property: Not/And/Or substitute every input; a 3-input quantifier expands `${name}`
///    in its hint and, unless it binds `name` itself (shadowing), substitutes its body (a
///    quantifier with another number of inputs is unchanged); any other predicate replaces each
///    input that is the placeholder named `name`. The result is re-encoded canonically.
pub fn subst(x: &[u8], name: &[u8], v: &[u8], registry: &Registry) -> Bytes {
    if is_placeholder_named(x, name) {
        return Bytes::copy_from_slice(v);
    }
    let Some(mut property) = Property::decode_canonical(x) else {
        return Bytes::copy_from_slice(x);
    };
    match registry.kind(property.predicate) {
        Some(PredicateKind::Connective(
            ConnectiveKind::Not | ConnectiveKind::And | ConnectiveKind::Or,
        )) => {
            for input in &mut property.inputs {
                *input = subst(input, name, v, registry);
            }
        }
        Some(PredicateKind::Connective(_)) => {
            if property.inputs.len() == 3 {
                property.inputs[0] = expand_template(&property.inputs[0], name, v);
                if property.inputs[1].as_ref() != name {
                    property.inputs[2] = subst(&property.inputs[2], name, v, registry);
                }
            }
        }
        _ => {
            for input in &mut property.inputs {
                if is_placeholder_named(input, name) {
                    *input = Bytes::copy_from_slice(v);
                }
            }
        }
    }
    property.encode()
}

/// Replaces every `${name}` in `hint` by `0x` + lowercase hex of `v`: on raw bytes, left to
/// right, non-overlapping, resuming after each match, never rescanning the replacement.
pub fn expand_template(hint: &[u8], name: &[u8], v: &[u8]) -> Bytes {
    let mut pattern = Vec::with_capacity(name.len() + 3);
    pattern.extend_from_slice(b"${");
    pattern.extend_from_slice(name);
    pattern.push(b'}');
    let replacement = hex::encode_prefixed(v);
    let mut out = Vec::with_capacity(hint.len());
    let mut rest = hint;
    while !rest.is_empty() {
        if rest.starts_with(&pattern) {
            out.extend_from_slice(replacement.as_bytes());
            rest = &rest[pattern.len()..];
        } else {
            out.push(rest[0]);
            rest = &rest[1..];
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Builder, placeholder::placeholder};
    use alloy_primitives::bytes;

    fn builder() -> Builder {
        Builder::new(Registry::with_test_addresses())
    }

    #[test]
    fn templates_are_expanded_left_to_right_without_rescanning() {
        assert_eq!(
            expand_template(b"a,${x},${x}", b"x", &[0xab]),
            Bytes::from_static(b"a,0xab,0xab")
        );
        assert_eq!(
            expand_template(b"${${x}}", b"x", &[0x01]),
            Bytes::from_static(b"${0x01}")
        );
        assert_eq!(
            expand_template(b"${y}", b"x", &[0x01]),
            Bytes::from_static(b"${y}")
        );
        assert_eq!(
            expand_template(b"${x}", b"x", &[]),
            Bytes::from_static(b"0x")
        );
    }

    #[test]
    fn subst_reaches_through_every_connective() {
        let b = builder();
        let x = placeholder("x");
        let leaf = |v: &Bytes| b.equal(v.clone(), bytes!("01"));
        let open = b.or([
            b.not(leaf(&x)),
            b.and([leaf(&x)]),
            b.there_exists("k,KEY,${x}", "y", b.for_all("n,KEY,${x}", "z", leaf(&x))),
        ]);
        let v = bytes!("77");
        let closed = b.or([
            b.not(leaf(&v)),
            b.and([leaf(&v)]),
            b.there_exists("k,KEY,0x77", "y", b.for_all("n,KEY,0x77", "z", leaf(&v))),
        ]);
        assert_eq!(
            subst(&open.encode(), b"x", &v, b.registry()),
            closed.encode()
        );
    }

    #[test]
    fn shadowing_stops_body_substitution_but_not_the_hint() {
        let b = builder();
        let x = placeholder("x");
        let inner = b.for_all("h,${x}", "x", b.equal(x.clone(), x.clone()));
        let out = subst(&inner.encode(), b"x", &[0x05], b.registry());
        let expected = b.for_all("h,0x05", "x", b.equal(x.clone(), x));
        assert_eq!(out, expected.encode());
    }

    #[test]
    fn raw_and_bound_values_are_left_alone() {
        let b = builder();
        assert_eq!(
            subst(b"Vx", b"x", b"Vy", b.registry()),
            Bytes::from_static(b"Vy")
        );
        assert_eq!(
            subst(b"Vxy", b"x", b"1", b.registry()),
            Bytes::from_static(b"Vxy")
        );
        // An atomic's property-valued input is not rewritten.
        let nested = b.equal(
            b.equal(placeholder("x"), Bytes::new()).encode(),
            placeholder("x"),
        );
        let out =
            Property::decode_canonical(&subst(&nested.encode(), b"x", b"!", b.registry())).unwrap();
        assert_eq!(out.inputs[0], nested.inputs[0]);
        assert_eq!(out.inputs[1], Bytes::from_static(b"!"));
    }
}
