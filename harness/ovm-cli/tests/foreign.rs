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
    let patches = read_patches(&fixture.join("patches.json")).unwrap_or_else(|e| panic!("{e}"));
    let mut sources = Sources::bundled()
        .and_then(|s| s.patched(&patches))
        .unwrap_or_else(|e| panic!("{e}"));
    let library = std::fs::read_to_string(fixture.join("ForeignIds.sol")).unwrap();
    sources.add("src/lib/ForeignIds.sol", &library);
    let compiled = sources
        .compile(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract-variants"))
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!("ovm-foreign-{}", std::process::id()));
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

#[test]
fn the_summary_names_only_what_really_differs() {
    let before = git_status();
    let (code, strict) = conformance(&["run", "--fuzz-cases", "0", "--summary"]);
    assert_eq!(code, 1, "{strict}");
    assert!(strict.lines().count() <= 60, "{strict}");
    assert!(
        strict.contains("preflight of plugged-in contracts"),
        "{strict}"
    );
    assert!(
        strict.contains("deployment: ok (constructors and wiring)"),
        "{strict}"
    );
    // The extra event is not a difference; the revert strings are (error identity), each
    // cause once; the missing view makes its one vector unsupported.
    assert!(strict.contains("3 distinct problem(s)"), "{strict}");
    for problem in [
        "[error_identity] wrong_error/claimProperty/",
        "[error_identity] wrong_error/decideClaimToTrue/",
        "[missing_function] unsupported/UniversalAdjudicationContract.getGamePredicate(bytes32) missing",
    ] {
        assert_eq!(strict.matches(problem).count(), 1, "{problem}: {strict}");
    }
    assert!(!strict.contains("event_mismatch"), "{strict}");

    let (code, outcome) = conformance(&[
        "--errors",
        "outcome",
        "run",
        "--fuzz-cases",
        "0",
        "--summary",
    ]);
    assert!(outcome.contains("1 distinct problem(s)"), "{outcome}");
    assert!(!outcome.contains("error_identity"), "{outcome}");
    assert!(outcome.contains(" 0 failed,"), "{outcome}");
    assert!(outcome.contains("1 unsupported"), "{outcome}");
    assert_eq!(code, 1, "unsupported vectors do not conform: {outcome}");
    assert_eq!(git_status(), before, "the run wrote into the checkout");
}
