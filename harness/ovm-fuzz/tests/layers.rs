//! The default fixed-seed budget, one test per layer (so a failure names the layer). A failure
//! is shrunk and written to `vectors/regressions/`; the message names the file and the replay
//! command (`OVM_FUZZ_NO_WRITE=1` writes nothing). `PROPTEST_CASES` overrides the per-layer
//! case count.

use ovm_fuzz::{Runner, campaign::Campaign, env::Env, found::Layer, regress::WriteMode};

fn run(layer: Layer) {
    let env = Env::new();
    let mut campaign = Campaign::default_for(layer);
    // The project's own campaign against the bundled contracts keeps its findings as vectors.
    campaign.options.write = WriteMode::from_env();
    let report = campaign.run(&env, &Runner::new(), &mut |_| {});
    let cases: u64 = report.cases.iter().map(|(_, n)| n).sum();
    eprintln!(
        "layer {layer}: {cases} cases in {:?} ({} unguarded claim(s) reported)",
        report
            .time
            .iter()
            .map(|(_, t)| *t)
            .sum::<std::time::Duration>(),
        report.unguarded.len()
    );
    for finding in &report.unguarded {
        eprintln!("unguarded claim: {}", finding.message(campaign.seed));
    }
    if !report.bugs.is_empty() {
        let all: Vec<String> = report
            .bugs
            .iter()
            .map(|f| f.message(campaign.seed))
            .collect();
        panic!("{}", all.join("\n\n"));
    }
}

#[test]
fn layer_e_encoding() {
    run(Layer::E);
}

#[test]
fn layer_a_atomics() {
    run(Layer::A);
}

#[test]
fn layer_w_witnesses() {
    run(Layer::W);
}

#[test]
fn layer_c_challenges() {
    run(Layer::C);
}

#[test]
fn layer_s_uac_model() {
    run(Layer::S);
}

#[test]
fn layer_g_games() {
    run(Layer::G);
}
