//! Cases per second per layer, and the share of time spent inside the EVM (through
//! `ovm-chain`) vs the harness (generation, the Rust half, comparison):
//! `cargo run -p ovm-fuzz --example fuzz_throughput [CASES]`.

use ovm_fuzz::{
    Env, Layer, Runner,
    campaign::{Budget, Campaign, Options},
    regress::WriteMode,
};
use std::time::Instant;

fn main() {
    let cases = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let env = Env::new();
    println!("layer  cases  wall_s  cases/s  evm_calls  evm_share");
    for layer in Layer::ALL {
        let before = env.stats();
        let started = Instant::now();
        let campaign = Campaign {
            seed: 1,
            budget: Budget::Cases(cases),
            layers: vec![layer],
            options: Options {
                write: WriteMode::Never,
                shrink: false,
                ..Options::default()
            },
        };
        let report = campaign.run(&env, &Runner::new(), &mut |_| {});
        let wall = started.elapsed().as_secs_f64();
        let after = env.stats();
        let evm = (after.time - before.time).as_secs_f64();
        println!(
            "{layer:<5}  {cases:>5}  {wall:>6.2}  {:>7.1}  {:>9}  {:>8.0}%{}",
            cases as f64 / wall,
            after.calls - before.calls,
            100.0 * evm / wall,
            if report.bugs.is_empty() {
                ""
            } else {
                "  (divergences!)"
            }
        );
    }
}
