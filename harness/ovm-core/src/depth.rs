//! The depth measure (spec §1), computed with a cut-off so that no input can exhaust the stack.

use crate::{
    ConnectiveKind, PredicateKind, Registry, placeholder::is_placeholder, property::layout,
};

/// Depth values are reported as `min(depth, DEPTH_CUTOFF)`.
pub const DEPTH_CUTOFF: u32 = 35;

/// `claimProperty` rejects a deeper property.
pub const MAX_CLAIM_DEPTH: u32 = 32;

/// A challenge property (auto-claimed by `challenge`) may reach this depth.
pub const MAX_CHALLENGE_DEPTH: u32 = 34;

/// `min(depth(x), 35)`: raw bytes 0; an atomic, an unregistered property or a quantifier
/// without exactly three inputs 1; Not/And/Or `1 + max(0, depth of each input)`; a 3-input
/// quantifier `1 + (1 if its body is a placeholder, else depth(body))`.
pub fn depth(x: &[u8], registry: &Registry) -> u32 {
    measure(x, registry, DEPTH_CUTOFF)
}

/// `min(depth(x), limit)`; recursion stops as soon as the limit is reached.
fn measure(x: &[u8], registry: &Registry, limit: u32) -> u32 {
    if limit == 0 {
        return 0;
    }
    // The inputs are measured where they lie in `x`, never copied out.
    let Some((predicate, inputs)) = layout(x) else {
        return 0;
    };
    let below = limit - 1;
    let children = match registry.kind(predicate) {
        Some(PredicateKind::Connective(
            ConnectiveKind::Not | ConnectiveKind::And | ConnectiveKind::Or,
        )) => {
            let mut deepest = 0;
            for input in inputs {
                deepest = deepest.max(measure(&x[input], registry, below));
                if deepest == below {
                    break;
                }
            }
            deepest
        }
        Some(PredicateKind::Connective(_)) if inputs.len() == 3 => {
            let body = &x[inputs[2].clone()];
            if is_placeholder(body) {
                1.min(below)
            } else {
                measure(body, registry, below)
            }
        }
        _ => 0,
    };
    1 + children
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Builder, Property, placeholder::placeholder};
    use alloy_primitives::Bytes;

    #[test]
    fn depth_rules() {
        let b = Builder::new(Registry::with_test_addresses());
        let reg = b.registry();
        let eq = b.equal(Bytes::new(), Bytes::new());
        assert_eq!(depth(b"raw", reg), 0);
        assert_eq!(depth(&eq.encode(), reg), 1);
        assert_eq!(depth(&b.not(&eq).encode(), reg), 2);
        assert_eq!(depth(&b.and(Vec::<Bytes>::new()).encode(), reg), 1);
        assert_eq!(depth(&b.and([Bytes::from_static(b"raw")]).encode(), reg), 1);
        assert_eq!(
            depth(&b.for_all("h", "x", placeholder("x")).encode(), reg),
            2
        );
        assert_eq!(depth(&b.for_all("h", "x", &eq).encode(), reg), 2);
        let unregistered = Property::new(Default::default(), [b.not(&eq).encode()]);
        assert_eq!(depth(&unregistered.encode(), reg), 1);
    }

    #[test]
    fn depth_is_cut_off() {
        let b = Builder::new(Registry::with_test_addresses());
        let mut p = b.equal(Bytes::new(), Bytes::new());
        for expected in 2..=40u32 {
            p = b.not(&p);
            assert_eq!(depth(&p.encode(), b.registry()), expected.min(DEPTH_CUTOFF));
        }
    }
}
