//! A plugged-in decider running the whole conformance suite, against the bundled contracts and
//! against the same contracts loaded from a manifest of compiled artifacts.
//!
//! ```sh
//! cargo run -p ovm-conformance --example plugged_in             # run the suite twice
//! cargo run -p ovm-conformance --example plugged_in -- DIR      # also keep DIR/manifest.json
//! ```
//!
//! Any type implementing `ovm_decider::Decider` works; here one that decides atomics itself
//! (with the public atomics) and delegates connectives to the reference decider, counting its
//! calls. A real engine would implement everything; the runner compares it with the contracts
//! vector by vector and prints a divergence screen for each difference.

use ovm_conformance::{Contracts, Runner, Summary, contracts::write_bundled_manifest, discover};
use ovm_core::{PredicateKind, Property};
use ovm_decider::{Decider, Outcome, ReferenceDecider, Truth, World, atomic};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Decides atomics itself; connectives by the reference decider.
#[derive(Default)]
struct AtomicsFirst {
    reference: ReferenceDecider,
    calls: AtomicUsize,
}

impl Decider for AtomicsFirst {
    fn decide(&self, property: &Property, world: &World) -> Outcome {
        self.calls.fetch_add(1, Ordering::Relaxed);
        match world.registry.kind(property.predicate) {
            Some(PredicateKind::Atomic(kind)) => {
                match atomic::evaluate(kind, &property.inputs, world) {
                    Truth::True => Outcome::True {
                        witness: Some(Vec::new()),
                    },
                    Truth::False => Outcome::FALSE_UNCHALLENGEABLE,
                    Truth::Undefined => self.reference.decide(property, world),
                }
            }
            _ => self.reference.decide(property, world),
        }
    }
}

fn run_suite<D: Decider>(runner: &Runner<D>, label: &str) -> Summary {
    let mut summary = Summary::default();
    for file in discover::vector_files(&discover::suite_dir()).unwrap_or_default() {
        let report = runner.run_path(&file);
        if !report.conforms() {
            print!("{}", report.screen());
        }
        summary.add(&report);
    }
    println!("{label}: {summary}");
    summary
}

fn main() -> std::process::ExitCode {
    let runner = Runner::with_decider(AtomicsFirst::default());
    let bundled = run_suite(&runner, "AtomicsFirst vs bundled contracts");
    println!(
        "  ({} decide calls)",
        runner.decider().calls.load(Ordering::Relaxed)
    );

    // The same contracts, plugged in through a manifest of foundry-style artifacts.
    let keep = std::env::args().nth(1).map(std::path::PathBuf::from);
    let dir = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("ovm-plugged-{}", std::process::id()))
    });
    let plugged = match write_bundled_manifest(&dir).and_then(Contracts::from_manifest) {
        Ok(contracts) => {
            println!("{}", contracts.describe());
            let runner = Runner::with_decider(AtomicsFirst::default()).with_contracts(contracts);
            run_suite(&runner, "AtomicsFirst vs plugged-in contracts")
        }
        Err(err) => {
            eprintln!("{err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    if bundled.conforms() && plugged.conforms() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
