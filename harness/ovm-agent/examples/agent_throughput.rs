//! Games per second: plays the Plasma exit worlds (and a challenged True claim) `ROUNDS`
//! times each against the honest agent and the reference decider, on forks of one deployment.
//!
//! `cargo run --release -p ovm-agent --example agent_throughput [rounds]`

use std::time::Instant;

use ovm_agent::{Action, Adversary, GameSetup, deployed_snapshot, play};
use ovm_core::{Builder, Bytes, U256, abi};
use ovm_decider::{
    ReferenceDecider,
    plasma::{EXIT_BLOCK, Variant, scenario_in},
};

const PERIOD: u64 = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let t0 = Instant::now();
    let snapshot = deployed_snapshot(PERIOD)?;
    let deploy = t0.elapsed();
    let registry = snapshot
        .deployment()
        .ok_or("snapshot without deployment")?
        .registry();
    let mut setups = Vec::new();
    for variant in [
        Variant::Honest,
        Variant::Spent,
        Variant::NotIncluded,
        Variant::TamperedProof,
        Variant::MissingRoot { missing: 1 },
        Variant::ZeroSignerGarbage,
    ] {
        let s = scenario_in(registry.clone(), variant);
        let cc = s.exit.commitment;
        let roots: Vec<_> = (0..=EXIT_BLOCK)
            .filter_map(|b| {
                let b = U256::from(b);
                s.world.storage.root(cc, b).map(|r| (b, r))
            })
            .collect();
        let mut setup = GameSetup::new(PERIOD, s.property.clone())
            .roots(roots)
            .witnesses(s.world.witnesses.clone());
        if matches!(variant, Variant::MissingRoot { .. }) {
            setup = setup.max_blocks(4 * PERIOD);
        }
        setups.push(setup);
    }
    let b = Builder::new(registry);
    let f = b.equal(Bytes::from_static(b"a"), Bytes::from_static(b"b"));
    let p = b.and([b.not(&f)]);
    setups.push(
        GameSetup::new(PERIOD, p.clone()).adversary(Adversary::new().then(
            PERIOD - 1,
            Action::Challenge {
                property: p,
                inputs: vec![abi::encode_uint(0)],
                challenge: b.not(b.not(&f)),
            },
        )),
    );
    let decider = ReferenceDecider::new();
    let (mut games, mut blocks, mut txs, mut violations) = (0usize, 0u64, 0usize, 0usize);
    let t1 = Instant::now();
    for _ in 0..rounds {
        for setup in &setups {
            let record = play(setup, &decider)?;
            games += 1;
            blocks += record.blocks_used;
            txs += record.txs.len();
            violations += record.check_g().len();
        }
    }
    let elapsed = t1.elapsed();
    println!(
        "deploy {deploy:.2?}; {games} games ({blocks} blocks, {txs} txs) in {elapsed:.2?}: \
         {:.1} games/s, {:.0} txs/s; G violations: {violations}",
        games as f64 / elapsed.as_secs_f64(),
        txs as f64 / elapsed.as_secs_f64(),
    );
    Ok(())
}
