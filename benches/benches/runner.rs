//! Conformance vectors/s per kind (each vector on both halves, deployment excluded) and full
//! on-chain games/s: `cargo bench -p ovm-benches --bench runner`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ovm_conformance::{Runner, discover};
use std::{collections::BTreeMap, path::PathBuf};

fn vectors_per_kind(c: &mut Criterion) {
    let files = discover::vector_files(&discover::suite_dir()).expect("the suite is readable");
    let runner = Runner::new();
    runner.deploy_for(&files).expect("the OVM deploys");
    let mut kinds: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for file in files {
        let kind = runner
            .run_path(&file)
            .kind
            .map_or("unreadable", |k| k.name());
        kinds.entry(kind.to_owned()).or_default().push(file);
    }
    let mut group = c.benchmark_group("vectors");
    group.sample_size(10);
    for (kind, files) in &kinds {
        group.throughput(Throughput::Elements(files.len() as u64));
        group.bench_function(kind.as_str(), |bench| {
            bench.iter(|| {
                files
                    .iter()
                    .filter(|f| runner.run_path(f).status.conforms())
                    .count()
            });
        });
    }
    group.finish();
    let games: u64 = kinds.get("game").map_or(0, |files| {
        files.iter().map(|f| runner.run_path(f).stats.games).sum()
    });
    println!("game vectors play {games} on-chain games per pass of the `game` group above");
}

criterion_group!(benches, vectors_per_kind);
criterion_main!(benches);
