//! A foreign implementation plugged in through a manifest, without an adapter: the bundled
//! contracts re-skinned as independently written code differs (`tests/fixtures/foreign`:
//! constructor wiring instead of `initialize`, a linked library, revert strings, a missing
//! view, an extra event). The harness deploys it from the manifest alone and answers with
//! what really differs.

use ovm_chain::deployment::DEPLOYMENT_ORDER;
use ovm_variants::{Sources, read_patches};
use std::{
    path::{Path, PathBuf},
    process::Command,
    sync::LazyLock,
};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/foreign")
}

/// The compiled fixture and its manifest, in a scratch folder (built once per test binary).
static MANIFEST: LazyLock<PathBuf> = LazyLock::new(|| {
    let fixture = fixture_dir();
    let mut patches = read_patches(&fixture.join("patches.json")).unwrap_or_else(|e| panic!("{e}"));
    patches.extend(read_patches(&fixture.join("bugs.json")).unwrap_or_else(|e| panic!("{e}")));
    let mut sources = Sources::bundled()
        .and_then(|s| s.patched(&patches))
        .unwrap_or_else(|e| panic!("{e}"));
    let library = std::fs::read_to_string(fixture.join("ForeignIds.sol")).unwrap();
    sources.add("src/lib/ForeignIds.sol", &library);
    let compiled = sources
        .compile(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract-variants"))
        .unwrap_or_else(|e| panic!("{e}"));
    // Under the target directory, not the system's temporary one: nothing is left elsewhere.
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("foreign-{}", std::process::id()));
    let mut names = DEPLOYMENT_ORDER.to_vec();
    names.push("ForeignIds");
    compiled
        .write_artifacts(&dir.join("out"), &names)
        .unwrap_or_else(|e| panic!("{e}"));
    let manifest = dir.join("manifest.json");
    std::fs::copy(fixture.join("manifest.json"), &manifest).unwrap();
    manifest
});

fn conformance(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ovm-conformance"))
        .arg("--contracts")
        .arg(&*MANIFEST)
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("the binary runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn the_manifest_alone_deploys_a_constructor_wired_linked_implementation() {
    let (code, text) = conformance(&["preflight"]);
    assert!(text.contains("deployment: ok"), "{text}");
    // `initialize` is not part of the surface: the manifest's wiring replaces it.
    assert!(
        text.contains("missing function getGamePredicate(bytes32)"),
        "{text}"
    );
    assert_eq!(text.matches("missing function").count(), 1, "{text}");
    // The dynamic half: a view the spec says never reverts is called with harmless inputs.
    assert!(
        text.contains("reverts          isDecided((address,bytes[])) on harmless inputs"),
        "{text}"
    );
    assert_eq!(text.matches("reverts          ").count(), 1, "{text}");
    assert_eq!(code, 1, "an incomplete surface exits 1: {text}");
}

/// `git status --porcelain` of the checkout (`None` outside a git checkout).
fn git_status() -> Option<String> {
    let out = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The problem lines of a `--summary` output (`  N. [severity] signature — …`), sorted (the
/// order among equally severe problems follows how many vectors and cases show them).
fn problem_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let (number, rest) = line.trim_start().split_once(". [")?;
            number.parse::<usize>().ok()?;
            Some(format!("[{}", rest.split(" — ").next()?))
        })
        .collect();
    lines.sort();
    lines
}

/// One problem per planted bug (`bugs.json`), each once: a bug reached through several
/// entry points or vectors is still one line.
const PLANTED: [&str; 5] = [
    "[verdict] outcome_flip/UAC.setPredicateDecision/GameAlreadyDecided",
    "[verdict] outcome_flip/IsContained",
    "[verdict] outcome_flip/IsValidSignature",
    "[verdict] outcome_flip/Or.isValidChallenge",
    "[verdict] outcome_flip/ThereExists.isValidChallenge",
];

/// The re-skin that is a real difference whatever the error mode: `isDecided` reverting for a
/// game that does not exist, where the spec answers false.
const RESKIN_VERDICT: &str = "[verdict] revert_vs_false/isDecided/model=false,chain=revert";

/// The re-skin that is a real difference in strict mode only: revert strings (error identity),
/// the constructor's for period 0 among them. The extra event is not a difference.
const RESKIN_STRICT: [&str; 3] = [
    "[error_identity] wrong_error/claimProperty/model=revert,chain=revert",
    "[error_identity] wrong_error/constructor/model=revert,chain=revert",
    "[error_identity] wrong_error/decideClaimToTrue/model=revert,chain=revert",
];
/// What the vectors that call it cannot be judged without: the missing view, and
/// `initialize`, which the fixture does not have (its constructor wires it; the manifest's
/// wiring replaces `initialize`, so it is optional, not a preflight problem).
const MISSING: [&str; 2] = [
    "[missing_function] unsupported/UniversalAdjudicationContract.getGamePredicate(bytes32) missing",
    "[missing_function] unsupported/UniversalAdjudicationContract.initialize(address,address,address,address,address,address[],address[]) missing",
];

/// The default `run` (the suite, then the short fuzz campaign): a bug the fuzzer finds too is
/// the vectors' problem, counted with its fuzz cases, not a line of its own.
#[test]
fn the_summary_names_each_planted_bug_once_and_nothing_else() {
    let before = git_status();
    let (code, strict) = conformance(&["run", "--summary"]);
    assert_eq!(code, 1, "{strict}");
    // One screen: 11 problems with their examples, the preflight and the totals.
    assert!(strict.lines().count() <= 60, "{strict}");
    assert!(
        strict.contains("preflight of plugged-in contracts"),
        "{strict}"
    );
    assert!(
        strict.contains("deployment: ok (constructors and wiring)"),
        "{strict}"
    );
    let mut expected: Vec<String> = PLANTED
        .iter()
        .chain(&RESKIN_STRICT)
        .chain(&MISSING)
        .chain([&RESKIN_VERDICT])
        .map(|s| s.to_string())
        .collect();
    expected.sort();
    assert_eq!(problem_lines(&strict), expected, "{strict}");

    assert!(
        strict.contains("fuzz case(s)") && strict.contains("fuzz seed"),
        "the fuzz campaign ran and its findings joined the problems: {strict}"
    );
    // The extra event is named by its topic0 and its emitter, not compared.
    let claim_filed = ovm_core::keccak256(b"ClaimFiled(bytes32,address)");
    assert!(
        strict.contains("events outside the spec emitted during the run (not compared):")
            && strict.lines().any(|l| {
                l.contains("UniversalAdjudicationContract")
                    && l.contains(&format!("topic0 {claim_filed}"))
            }),
        "{strict}"
    );
    let (code, outcome) = conformance(&["--errors", "outcome", "run", "--summary"]);
    assert_eq!(code, 1, "{outcome}");
    let mut expected: Vec<String> = PLANTED
        .iter()
        .chain(&MISSING)
        .chain([&RESKIN_VERDICT])
        .map(|s| s.to_string())
        .collect();
    expected.sort();
    assert_eq!(problem_lines(&outcome), expected, "{outcome}");
    assert_eq!(git_status(), before, "the run wrote into the checkout");
}
