//! Chain driver throughput (release revm, Prague): transactions per second for a claim, a
//! challenge (with its auto-claim), a decision by witness, a decision after the period and a
//! depth-3 honest refutation (11 transactions), each on a fork of one deployment; plus gas/s,
//! printed after criterion's figures.
//!
//! `cargo bench -p ovm-benches --bench chain`

use std::{
    hint::black_box,
    time::{Duration, Instant},
};

use alloy_primitives::Bytes;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use ovm_chain::{Chain, Snapshot, account, scenarios};
use ovm_core::{Builder, Property};

/// One benchmark: prepares a fork (untimed), then runs transactions on it; returns the gas used.
struct Case {
    name: &'static str,
    txs: u64,
    prepare: fn(&Snapshot) -> (Chain, Vec<Property>),
    run: fn(&mut Chain, &[Property]) -> u64,
}

fn builder(chain: &Chain) -> Builder {
    Builder::new(chain.deployment().expect("deployed").registry())
}

fn atom(b: &Builder, tag: u8) -> Property {
    b.equal(Bytes::from(vec![tag]), Bytes::from(vec![tag]))
}

fn gas_of(out: ovm_chain::TxOutcome<()>) -> u64 {
    assert!(out.is_ok(), "{:?}", out.result);
    out.gas_used
}

const CASES: &[Case] = &[
    Case {
        name: "claim",
        txs: 1,
        prepare: |s| {
            let chain = Chain::from_snapshot(s);
            let b = builder(&chain);
            (chain, vec![b.not(atom(&b, 1))])
        },
        run: |c, p| gas_of(c.claim_property(account(1), &p[0]).unwrap()),
    },
    Case {
        name: "challenge",
        txs: 1,
        prepare: |s| {
            let mut chain = Chain::from_snapshot(s);
            let b = builder(&chain);
            let a = atom(&b, 1);
            let p = b.not(&a);
            assert!(chain.claim_property(account(1), &p).unwrap().is_ok());
            (chain, vec![p, a])
        },
        run: |c, p| gas_of(c.challenge(account(2), &p[0], &[], &p[1]).unwrap()),
    },
    Case {
        name: "decide_by_witness",
        txs: 1,
        prepare: |s| {
            let mut chain = Chain::from_snapshot(s);
            let b = builder(&chain);
            let p = b.and([b.not(b.not(atom(&b, 1))), atom(&b, 2)]);
            assert!(chain.claim_property(account(1), &p).unwrap().is_ok());
            (chain, vec![p])
        },
        run: |c, p| {
            let w = ovm_core::abi::encode_bytes_array(&[]);
            gas_of(
                c.decide_claim_with_witness(account(2), &p[0], &[w.clone(), w])
                    .unwrap(),
            )
        },
    },
    Case {
        name: "decide_after_period",
        txs: 1,
        prepare: |s| {
            let mut chain = Chain::from_snapshot(s);
            let b = builder(&chain);
            let p = b.not(b.equal(Bytes::from_static(b"a"), Bytes::from_static(b"b")));
            assert!(chain.claim_property(account(1), &p).unwrap().is_ok());
            chain.advance(7);
            (chain, vec![p])
        },
        run: |c, p| gas_of(c.decide_claim_to_true(account(2), p[0].id()).unwrap()),
    },
    Case {
        name: "depth3_honest_refutation",
        txs: 11,
        prepare: |s| (Chain::from_snapshot(s), Vec::new()),
        run: |c, _| {
            scenarios::honest_refutation_depth3(c, account(1), account(2), b"bench")
                .unwrap()
                .gas
        },
    },
];

fn chain_benches(c: &mut Criterion) {
    let base = Chain::deployed(7).expect("deployment").snapshot();
    let mut group = c.benchmark_group("chain");
    for case in CASES {
        group.throughput(Throughput::Elements(case.txs));
        group.bench_function(case.name, |bench| {
            bench.iter_batched(
                || (case.prepare)(&base),
                |(mut chain, props)| {
                    let gas = black_box((case.run)(&mut chain, &props));
                    (chain, gas) // dropped outside the timing
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();

    // gas/s and tx/s from a plain timed loop (criterion reports elements/s only).
    println!(
        "\n{:<28} {:>10} {:>12} {:>14}",
        "case", "gas/iter", "tx/s", "Mgas/s"
    );
    for case in CASES {
        let (mut total, mut gas, mut iterations) = (Duration::ZERO, 0u64, 0u64);
        while total < Duration::from_millis(500) {
            let (mut chain, props) = (case.prepare)(&base);
            let start = Instant::now();
            gas += black_box((case.run)(&mut chain, &props));
            total += start.elapsed();
            iterations += 1;
        }
        let secs = total.as_secs_f64();
        println!(
            "{:<28} {:>10} {:>12.0} {:>14.1}",
            case.name,
            gas / iterations,
            (iterations * case.txs) as f64 / secs,
            gas as f64 / secs / 1e6,
        );
    }
}

criterion_group!(benches, chain_benches);
criterion_main!(benches);
