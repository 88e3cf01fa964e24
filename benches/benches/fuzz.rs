//! Fuzz cases/s per layer (criterion), then the ratio of harness time to the raw revm time of
//! the same cases: `cargo bench -p ovm-benches --bench fuzz`. Two ratios: the whole case
//! (generation included) over the EVM's time, and the conformance engine's run of the case's
//! vector (both halves and the comparison; generation out of the timed path) over the EVM's
//! time within it. `cargo run --release -p ovm-fuzz --example profile_layer LAYER` runs one
//! layer's cases for a profiler and prints the second.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ovm_fuzz::{
    Env, Layer, Runner,
    campaign::{Options, driver},
    layers::Cx,
    regress::WriteMode,
};
use std::time::Instant;

/// Nesting of generated properties, as in the default campaign.
const DEPTH: u32 = 4;

fn quiet() -> Options {
    Options {
        write: WriteMode::Never,
        shrink: false,
        ..Options::default()
    }
}

fn cases_per_layer(c: &mut Criterion) {
    let env = Env::new();
    let runner = Runner::new();
    let cx = Cx {
        env: &env,
        judge: &runner,
    };
    let options = quiet();
    let mut group = c.benchmark_group("fuzz");
    group.throughput(Throughput::Elements(1));
    for layer in Layer::ALL {
        let mut cases = driver(layer, &env, 1, DEPTH);
        group.bench_function(layer.name(), |bench| {
            bench.iter(|| cases.run_case(cx, &options, 1));
        });
    }
    group.finish();

    println!("\nlayer  cases  case_s  engine_s  evm_s  case/evm  engine/evm");
    for layer in Layer::ALL {
        let mut cases = driver(layer, &env, 2, DEPTH);
        let before = env.stats();
        let started = Instant::now();
        for _ in 0..200 {
            cases.run_case(cx, &options, 2);
        }
        let wall = started.elapsed().as_secs_f64();
        let after = env.stats();
        let evm = (after.time - before.time).as_secs_f64().max(1e-9);
        let engine = (after.engine - before.engine).as_secs_f64();
        println!(
            "{:<5}  {:>5}  {wall:>6.3}  {engine:>8.3}  {evm:>5.3}  {:>8.2}  {:>10.2}",
            layer.name(),
            200,
            wall / evm,
            engine / evm
        );
    }
}

criterion_group!(benches, cases_per_layer);
criterion_main!(benches);
