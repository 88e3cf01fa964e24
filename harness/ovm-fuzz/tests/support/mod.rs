//! What every planted mutant must show, shared by the Rust-side and the contract-side mutant
//! tests: the fuzzer finds it, its regression vector holds the diverging input, and the vector
//! replays as itself.

use ovm_decider::Decider;
use ovm_fuzz::{
    Runner,
    campaign::{Budget, Campaign, DEFAULT_SEED, Finding, Options},
    env::Env,
    found::{Found, Layer},
    regress::WriteMode,
};
use std::path::PathBuf;

/// A scratch directory for one mutant's regression vector (removed when dropped).
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the default budget of `layers` (round-robin) against `mutant` (a runner whose decider,
/// mirrors or contracts are wrong), stopping at the first bug (shrunk if `shrink`), writing
/// its regression vector into a scratch directory; then asserts that the vector replays as itself:
/// `replay` (the runner's `replay_path`) with the mutant fails on it with the signature the
/// fuzzer printed, and the reference (bundled contracts, reference decider) passes it.
/// Returns the finding.
pub fn caught_and_replayed<D: Decider>(
    name: &str,
    mutant: &Runner<D>,
    layers: Vec<Layer>,
    shrink: bool,
) -> Finding {
    let env = Env::new();
    let scratch = Scratch(std::env::temp_dir().join(format!(
        "ovm-mutant-{}-{}",
        std::process::id(),
        name.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    )));
    let cases = layers.iter().map(|l| l.default_cases()).max().unwrap_or(0);
    let campaign = Campaign {
        seed: DEFAULT_SEED,
        budget: Budget::Cases(cases),
        layers,
        options: Options {
            write: WriteMode::Dir(scratch.0.clone()),
            shrink,
            ..Options::probe()
        },
    };
    let report = campaign.run(&env, mutant, &mut |_| {});
    let finding = report.bugs.first().cloned().unwrap_or_else(|| {
        panic!(
            "mutant {name} survived the default budget ({:?} cases)",
            report.cases
        )
    });
    let layer = finding.layer;
    assert!(
        finding.case < layer.default_cases(),
        "caught beyond the layer's default budget"
    );
    let printed = finding.signature();
    eprintln!(
        "mutant {name:<34} caught by {layer} at case {:>4}: {printed}",
        finding.case
    );
    let path = finding
        .vector
        .clone()
        .expect("a regression vector is written");
    assert!(path.starts_with(&scratch.0));
    let file = ovm_vectors::load(&path).expect("the regression vector loads");
    assert!(!file.has_expect(), "regressions carry no expect");
    assert_eq!(file.kind(), layer.vector_kind());
    let (replayed, _transcript) = mutant.replay_path(&path);
    let signatures: Vec<String> = replayed
        .divergences
        .iter()
        .map(|d| format!("{layer}/{}", d.signature()))
        .collect();
    assert!(
        signatures.contains(&printed),
        "`replay` with mutant {name} shows the fuzzer's signature {printed}: {signatures:?}\n{}",
        replayed.screen()
    );
    let node = |d: &ovm_conformance::Divergence| d.node.as_ref().map(|n| n.path.clone());
    let printed_node = match &finding.found {
        Found::Divergence(found) => node(found),
        other => panic!("mutant {name}: the fuzzer found no divergence but {other}"),
    };
    let replayed_node = replayed
        .divergences
        .iter()
        .find(|d| format!("{layer}/{}", d.signature()) == printed)
        .and_then(node);
    assert_eq!(
        printed_node, replayed_node,
        "`replay` shows the fuzzer's first divergent node"
    );
    let reference = Runner::new().run_path(&path);
    assert!(
        reference.conforms(),
        "without mutant {name} the vector passes:\n{}",
        reference.screen()
    );
    finding
}
