//! The vector a layer runs (hex inputs, one-level properties) and the one it writes as a
//! regression (readable forms) are the same case: the engine sends the same bytes to the chain
//! (same transactions, same gas) and finds the same divergences, for every layer that has both.

use ovm_fuzz::{
    Env, Runner,
    layers::{Cx, Form, FuzzLayer, atomic, challenge, encoding, witness},
};
use ovm_vectors::{VectorFile, to_pretty_json};
use proptest::{
    strategy::{Strategy, ValueTree},
    test_runner::{Config, RngAlgorithm, TestRng, TestRunner},
};

/// Cases sampled per layer.
const CASES: usize = 24;

fn sample<L: FuzzLayer>(env: &Env) -> Vec<L::Case> {
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = L::strategy(env, 3);
    (0..CASES)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

/// What a run of `file` showed that depends on its bytes: transactions and gas, and the
/// divergences' signatures.
fn fingerprint(runner: &Runner, file: &VectorFile) -> (u64, u64, Vec<String>) {
    let execution = runner.execute(file).expect("the vector runs");
    let signatures = execution
        .divergences
        .iter()
        .map(|d| d.signature())
        .collect();
    (execution.stats.txs, execution.stats.gas, signatures)
}

/// Asserts that both forms of a case run alike; whether their texts differ.
fn same_case(runner: &Runner, forms: impl Fn(Form) -> VectorFile) -> bool {
    let run = forms(Form::Run);
    let written = forms(Form::Written);
    assert_eq!(
        fingerprint(runner, &run),
        fingerprint(runner, &written),
        "the run form and the written form differ for {}",
        to_pretty_json(&written)
    );
    to_pretty_json(&run) != to_pretty_json(&written)
}

#[test]
fn every_layer_runs_the_case_it_writes() {
    let env = Env::new();
    let runner = Runner::new();
    let cx = Cx {
        env: &env,
        judge: &runner,
    };
    let mut differing = 0;
    for case in sample::<encoding::Encoding>(&env) {
        differing += usize::from(same_case(&runner, |form| case.vector(&env, form)));
    }
    for case in sample::<atomic::Atomic>(&env) {
        let concrete = case.concrete(&env);
        differing += usize::from(same_case(&runner, |form| {
            atomic::vector(&env, &concrete, form)
        }));
    }
    for case in sample::<witness::Witness>(&env) {
        let concrete = case.concrete(&env);
        let world = concrete
            .world
            .decider_world(env.registry(), env.deployment().commitment);
        let outcome = cx.judge.decider().decide(&concrete.claim, &world);
        differing += usize::from(same_case(&runner, |form| {
            witness::vector(&env, &concrete, &outcome, form)
        }));
    }
    for case in sample::<challenge::Challenge>(&env) {
        let concrete = case.concrete(&env);
        let world = concrete
            .world
            .decider_world(env.registry(), env.deployment().commitment);
        let outcome = cx.judge.decider().decide(&concrete.claim, &world);
        differing += usize::from(same_case(&runner, |form| {
            challenge::vector(&env, &concrete, &world, &outcome, form)
        }));
    }
    // Most cases hold properties, which the two forms write differently.
    assert!(
        differing > CASES * 2,
        "only {differing} cases differ in text"
    );
}
