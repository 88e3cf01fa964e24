//! `Suite` as an implementer's test target sees it: one trial per vector, failures with the
//! divergence screen, skips as ignored tests, a Markdown summary, and set-up errors before any
//! test runs.

use ovm_conformance::{
    Suite, SuiteError, discover,
    suite::{Arguments, run},
};
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ovm-suite-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_vector(from: &str, to: &Path, edit: impl Fn(String) -> String) {
    let text = std::fs::read_to_string(discover::suite_dir().join(from)).unwrap();
    std::fs::write(to, edit(text)).unwrap();
}

fn quiet() -> Arguments {
    Arguments {
        quiet: true,
        test_threads: Some(1),
        ..Arguments::default()
    }
}

#[test]
fn a_folder_of_vectors_runs_as_one_trial_each_with_a_summary() {
    let dir = scratch("mixed");
    let good = "atomic/equal-text-and-hex.json";
    copy_vector(good, &dir.join("good.json"), |t| t);
    copy_vector(good, &dir.join("flipped.json"), |t| {
        t.replace("\"expect\": \"true\"", "\"expect\": \"false\"")
    });
    copy_vector(good, &dir.join("skipped.json"), |t| {
        t.replace(
            "\"rules\"",
            "\"skip\": \"waiting for a fix\",\n    \"rules\"",
        )
    });
    std::fs::write(dir.join("broken.json"), "{ \"format\": 1, ").unwrap();
    let summary = dir.join("summary.md");

    let suite = Suite::new()
        .without_bundled_vectors()
        .vectors_dir(&dir)
        .markdown_summary(&summary);
    let names: Vec<_> = suite.cases().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["broken", "flipped", "good", "skipped"]);

    let conclusion = run(suite, &quiet()).unwrap();
    assert_eq!(
        (
            conclusion.num_passed,
            conclusion.num_failed,
            conclusion.num_ignored
        ),
        (1, 2, 1)
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("does not conform"), "{md}");
    assert!(md.contains("`flipped`") && md.contains("`broken`"), "{md}");
    assert!(md.contains("outcome flip"), "{md}");
    assert!(!md.contains("`good`"), "{md}");

    // `--ignored` runs the skipped vector (it conforms) and nothing else.
    let ignored = Arguments {
        ignored: true,
        ..quiet()
    };
    let suite = Suite::new().without_bundled_vectors().vectors_dir(&dir);
    let conclusion = run(suite, &ignored).unwrap();
    assert_eq!((conclusion.num_passed, conclusion.num_failed), (1, 0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn filters_select_embedded_vectors_by_name() {
    let args = Arguments {
        filter: Some("atomic::equal::".into()),
        ..quiet()
    };
    let conclusion = run(Suite::new(), &args).unwrap();
    assert!(conclusion.num_passed >= 2, "{conclusion:?}");
    assert_eq!(conclusion.num_failed, 0);
    assert!(conclusion.num_filtered_out > 300);
}

#[test]
fn set_up_errors_come_before_any_test() {
    let dir = scratch("manifest");
    let manifest = dir.join("m.json");
    std::fs::write(&manifest, r#"{"contracts": {}}"#).unwrap();
    let err = run(Suite::new().contracts_manifest(&manifest), &quiet()).unwrap_err();
    assert!(matches!(err, SuiteError::Manifest(_)), "{err}");
    assert!(err.to_string().contains("m.json"), "{err}");
    let err = run(Suite::new().vectors_dir(dir.join("missing")), &quiet()).unwrap_err();
    assert!(err.to_string().contains("missing"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
