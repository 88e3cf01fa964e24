//! Variable binding (spec §2): ONE `subst`, and the `${name}` hint template expansion.

use crate::{
    ConnectiveKind, PredicateKind, Property, Registry, placeholder::is_placeholder_named,
    property::layout,
};
use alloy_primitives::{Address, Bytes, hex};

/// The `ForAll.subst` view: [`subst`] for `x` within game depth (depth ≤ 34, the only `x` a
/// game substitutes), empty bytes beyond it, where the contract stops (its `subst` recurses on
/// the EVM's stack; SPEC-DECISIONS "Beyond game depth"). Empty bytes are never the substitution
/// of a property.
pub fn subst_view(x: &[u8], name: &[u8], v: &[u8], registry: &Registry) -> Bytes {
    if crate::depth(x, registry) > crate::MAX_CHALLENGE_DEPTH {
        return Bytes::new();
    }
    subst(x, name, v, registry)
}

/// `subst(x, name, v)`: binds the variable `name` to `v` in `x`.
///
/// 1. the placeholder named `name` becomes `v` (never rewritten further);
/// 2. raw bytes stay as they are;
/// 3. in a property: Not/And/Or substitute every input; a 3-input quantifier expands `${name}`
///    in its hint and, unless it binds `name` itself (shadowing), substitutes its body (a
///    quantifier with another number of inputs is unchanged); any other predicate replaces each
///    input that is the placeholder named `name`. The result is re-encoded canonically.
///
/// Iterative, and working on the input's bytes in place: a property nested thousands of levels
/// deep costs heap for one open level per nesting, never the call stack or a decoded copy per
/// level.
pub fn subst(x: &[u8], name: &[u8], v: &[u8], registry: &Registry) -> Bytes {
    let binding = Binding { name, v, registry };
    // The properties being rebuilt, outermost first; each waits for its pending inputs.
    let mut open: Vec<Rebuild<'_>> = Vec::new();
    let mut todo = x;
    loop {
        let mut finished = match binding.start(todo) {
            Start::Finished(bytes) => bytes,
            Start::Open(rebuild, first) => {
                open.push(rebuild);
                todo = first;
                continue;
            }
        };
        // Hand the finished input to its parent, closing every parent it completes.
        loop {
            let Some(mut parent) = open.pop() else {
                return finished;
            };
            parent.done.push(finished);
            if let Some(next) = parent.pending.next() {
                open.push(parent);
                todo = next;
                break;
            }
            finished = parent.finish();
        }
    }
}

/// The variable `name` bound to `v`, under the deployment's registry.
struct Binding<'b> {
    name: &'b [u8],
    v: &'b [u8],
    registry: &'b Registry,
}

/// A property whose substituted encoding waits for some of its inputs.
struct Rebuild<'x> {
    predicate: Address,
    /// The inputs substituted so far, in order.
    done: Vec<Bytes>,
    /// The inputs still to substitute (they follow `done`).
    pending: std::vec::IntoIter<&'x [u8]>,
}

impl Rebuild<'_> {
    /// The canonical encoding once every input is done.
    fn finish(self) -> Bytes {
        Property {
            predicate: self.predicate,
            inputs: self.done,
        }
        .encode()
    }
}

/// What one level of `subst` gives: the result, or a property to rebuild and the first of its
/// inputs to substitute.
enum Start<'x> {
    Finished(Bytes),
    Open(Rebuild<'x>, &'x [u8]),
}

impl Binding<'_> {
    /// One level of §2's `subst` on `x`.
    fn start<'x>(&self, x: &'x [u8]) -> Start<'x> {
        let (name, v) = (self.name, self.v);
        if is_placeholder_named(x, name) {
            return Start::Finished(Bytes::copy_from_slice(v));
        }
        let Some((predicate, ranges)) = layout(x) else {
            return Start::Finished(Bytes::copy_from_slice(x));
        };
        let inputs: Vec<&'x [u8]> = ranges.into_iter().map(|r| &x[r]).collect();
        let (done, pending): (Vec<Bytes>, Vec<&'x [u8]>) = match self.registry.kind(predicate) {
            Some(PredicateKind::Connective(
                ConnectiveKind::Not | ConnectiveKind::And | ConnectiveKind::Or,
            )) => (Vec::with_capacity(inputs.len()), inputs),
            Some(PredicateKind::Connective(_)) => match inputs[..] {
                [hint, bound, body] => {
                    let hint = expand_template(hint, name, v);
                    let bound_copy = Bytes::copy_from_slice(bound);
                    if bound == name {
                        // Shadowed: the body keeps its own `name`.
                        (
                            vec![hint, bound_copy, Bytes::copy_from_slice(body)],
                            Vec::new(),
                        )
                    } else {
                        (vec![hint, bound_copy], vec![body])
                    }
                }
                _ => return Start::Finished(Bytes::copy_from_slice(x)),
            },
            _ => (
                inputs
                    .iter()
                    .map(|input| {
                        Bytes::copy_from_slice(if is_placeholder_named(input, name) {
                            v
                        } else {
                            input
                        })
                    })
                    .collect(),
                Vec::new(),
            ),
        };
        let mut pending = pending.into_iter();
        let rebuild = |pending| Rebuild {
            predicate,
            done,
            pending,
        };
        match pending.next() {
            Some(first) => Start::Open(rebuild(pending), first),
            None => Start::Finished(rebuild(pending).finish()),
        }
    }
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

    #[test]
    fn deep_chains_are_substituted_without_the_call_stack() {
        const LEVELS: usize = 1500;
        let b = builder();
        let chain = |leaf: Bytes| {
            (0..LEVELS).fold(b.equal(leaf, bytes!("01")).encode(), |inner, _| {
                b.not(inner).encode()
            })
        };
        let (open, closed) = (chain(placeholder("x")), chain(bytes!("77")));
        let registry = b.registry().clone();
        // 128 KiB of stack: far too little for one frame per level.
        let out = std::thread::Builder::new()
            .stack_size(128 * 1024)
            .spawn(move || subst(&open, b"x", &bytes!("77"), &registry))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(out, closed);
    }
}
