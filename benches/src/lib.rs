//! Benchmarks only: `benches/decider.rs` and `benches/chain.rs` (`cargo bench -p ovm-benches`).
