//! One fuzz layer's cases in a loop, for a profiler, as the fuzz bench times them:
//! `perf record -g target/release/examples/profile_layer [E|A|W|C|S|G] [CASES]`. Prints the
//! harness time / EVM time of the cases (the bench's ratio).

use ovm_fuzz::{
    Env, Layer, Runner,
    campaign::{Options, driver},
    layers::Cx,
    regress::WriteMode,
};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "G".into());
    let Some(layer) = Layer::ALL.into_iter().find(|l| l.name() == name) else {
        eprintln!("unknown layer {name:?}: one of E, A, W, C, S, G");
        std::process::exit(2);
    };
    let cases: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let env = Env::new();
    let runner = Runner::new();
    let cx = Cx {
        env: &env,
        judge: &runner,
    };
    let options = Options {
        write: WriteMode::Never,
        shrink: false,
        ..Options::default()
    };
    let mut driven = driver(layer, &env, 2, 4);
    let before = env.stats();
    let started = Instant::now();
    for _ in 0..cases {
        driven.run_case(cx, &options, 2);
    }
    let wall = started.elapsed().as_secs_f64();
    let after = env.stats();
    let evm = (after.time - before.time).as_secs_f64();
    let engine = (after.engine - before.engine).as_secs_f64();
    println!(
        "{name}: {cases} cases in {wall:.3} s; engine {engine:.3} s, EVM {evm:.3} s, engine/EVM {:.2}",
        engine / evm.max(1e-9)
    );
}
