//! What every libFuzzer target of the harness runs: the input is one case (`ovm_fuzz::input`:
//! a case of a fuzz layer's generators, or a structure-aware encoding or atomic input), which
//! the conformance engine judges on both halves. A bug is a crash whose message is the
//! engine's divergence and the case's vector; with
//! `OVM_FUZZ_FINDINGS=DIR` the vector is also written into DIR, ready for
//! `ovm-conformance replay`. `OVM_CONTRACTS=MANIFEST` judges plugged-in contracts (the
//! `--contracts` manifest format) instead of the bundled ones.

use ovm_conformance::{Contracts, Runner};
use ovm_fuzz::{
    Env, Layer,
    input::{self, Drawn},
    layers::Cx,
    regress,
};

/// Nesting of generated properties, as in the default campaign.
const DEPTH: u32 = 4;

/// The engine a target judges with, built once per process.
struct Judge {
    env: Env,
    runner: Runner,
}

impl Judge {
    fn new() -> Self {
        let runner = match std::env::var_os("OVM_CONTRACTS") {
            None => Runner::new(),
            Some(manifest) => match Contracts::from_manifest(&manifest) {
                Ok(contracts) => Runner::new().with_contracts(contracts),
                Err(error) => panic!("OVM_CONTRACTS: {error}"),
            },
        };
        Self {
            env: Env::new(),
            runner,
        }
    }
}

/// Judges the case of `layer`'s generators that `data` seeds; panics on a bug (libFuzzer's
/// crash).
pub fn check(layer: Layer, data: &[u8]) {
    check_with(|cx| input::check(layer, cx, data, DEPTH));
}

/// Judges a case with `run`; panics on a bug (libFuzzer's crash).
pub fn check_with(run: impl FnOnce(Cx<'_>) -> Result<(), Box<Drawn>>) {
    thread_local! {
        static JUDGE: Judge = Judge::new();
    }
    JUDGE.with(|judge| {
        let cx = Cx {
            env: &judge.env,
            judge: &judge.runner,
        };
        let Err(drawn) = run(cx) else {
            return;
        };
        let layer = drawn.layer;
        let written = std::env::var_os("OVM_FUZZ_FINDINGS").and_then(|dir| {
            regress::write(
                &regress::WriteMode::Dir(dir.into()),
                layer,
                &drawn.found,
                drawn.vector.clone(),
                "a libFuzzer input",
                &judge.runner.contracts().identity(),
            )
        });
        let vector = drawn
            .vector
            .as_ref()
            .map_or_else(|| "(none)".to_owned(), ovm_vectors::to_pretty_json);
        panic!(
            "layer {layer} divergence {}: {}\n  case: {}\n  vector written: {}\n  vector:\n{vector}",
            drawn.found.signature(),
            drawn.found.detail(),
            drawn.case,
            written.map_or_else(
                || "no (set OVM_FUZZ_FINDINGS=DIR)".to_owned(),
                |p| p.display().to_string()
            ),
        );
    });
}
