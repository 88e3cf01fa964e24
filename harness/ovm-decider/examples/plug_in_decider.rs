//! How an implementer plugs another engine into the harness: implement [`Decider`] (it is
//! object-safe, so engines live side by side as `Box<dyn Decider>`), either by wrapping the
//! reference decider or from scratch, then compare outcomes and locate divergences in traces.
//!
//! Run with `cargo run -p ovm-decider --example plug_in_decider`.

use ovm_core::{PredicateKind, Property};
use ovm_decider::{
    Decider, Outcome, ReferenceDecider, Truth, World, atomic,
    plasma::{Variant, scenario},
};
use std::cell::Cell;

/// A wrapper: counts the calls, delegates to any inner engine.
struct Counting<D> {
    inner: D,
    calls: Cell<usize>,
}

impl<D: Decider> Decider for Counting<D> {
    fn decide(&self, property: &Property, world: &World) -> Outcome {
        self.calls.set(self.calls.get() + 1);
        self.inner.decide(property, world)
    }
}

/// From scratch: decides atomics itself with the public atomics, and delegates connectives.
/// (A real engine would implement the connectives too; the harness compares it with the
/// reference decider node by node.)
struct AtomicsFirst {
    fallback: ReferenceDecider,
}

impl Decider for AtomicsFirst {
    fn decide(&self, property: &Property, world: &World) -> Outcome {
        match world.registry.kind(property.predicate) {
            Some(PredicateKind::Atomic(kind)) => {
                match atomic::evaluate(kind, &property.inputs, world) {
                    Truth::True => Outcome::True {
                        witness: Some(Vec::new()),
                    },
                    Truth::False => Outcome::False { challenge: None },
                    // Only IsStored is three-valued; let the reference decider say why.
                    Truth::Undefined => self.fallback.decide(property, world),
                }
            }
            _ => self.fallback.decide(property, world),
        }
    }
}

fn main() {
    let counting = Counting {
        inner: ReferenceDecider::new(),
        calls: Cell::new(0),
    };
    let engines: Vec<(&str, Box<dyn Decider + '_>)> = vec![
        ("reference", Box::new(ReferenceDecider::new())),
        ("counting", Box::new(&counting)),
        (
            "atomics-first",
            Box::new(AtomicsFirst {
                fallback: ReferenceDecider::new(),
            }),
        ),
    ];
    for variant in Variant::ALL {
        let s = scenario(variant);
        let outcomes: Vec<Outcome> = engines
            .iter()
            .map(|(_, engine)| engine.decide(&s.property, &s.world))
            .collect();
        let agree = outcomes.iter().all(|o| *o == outcomes[0]);
        println!(
            "{variant:?}: {:?}, engines agree: {agree}",
            outcomes[0].truth()
        );
    }
    println!(
        "the counting wrapper was called {} times",
        counting.calls.get()
    );

    // Locating a divergence: compare traces node by node.
    let honest = scenario(Variant::Honest);
    let spent = scenario(Variant::Spent);
    let decider = ReferenceDecider::new();
    let (_, a) = decider.decide_traced(&honest.property, &honest.world);
    let (_, b) = decider.decide_traced(&spent.property, &spent.world);
    if let Some(path) = a.root.first_difference(&b.root) {
        let mut node = &b.root;
        for &i in &path {
            node = &node.children[i];
        }
        println!("honest and spent first differ at {path:?}:\n{node}");
    }
}
