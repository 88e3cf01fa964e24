//! The `ovm-conformance` binary end to end: exit codes, byte-stable `--json`, coverage.

use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ovm-conformance"))
}

/// Asserts that the command behind `out` exited with `code`, showing its stdout and stderr
/// when it did not.
fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn run_json_is_byte_identical_and_conforms() {
    let a = bin().args(["run", "--json"]).output().unwrap();
    let b = bin()
        .args(["--json", "run", "--jobs", "1"])
        .output()
        .unwrap();
    assert_exit(&a, 0);
    assert_eq!(a.stdout, b.stdout, "stdout differs between runs");
    let text = String::from_utf8(a.stdout).unwrap();
    let summary = text
        .lines()
        .find(|l| l.starts_with("{\"summary\":"))
        .expect("a summary line");
    assert!(summary.contains("\"conforms\":true"), "{summary}");
    // Without PATHS, a short fuzz campaign follows the suite.
    let last = text.lines().last().unwrap();
    assert!(last.starts_with("{\"fuzz\":"), "{last}");
    assert!(last.contains("\"conforms\":true"), "{last}");
    let stderr = String::from_utf8_lossy(&a.stderr);
    assert!(
        stderr.contains("vectors/s") && stderr.contains("cases/s"),
        "{stderr}"
    );
}

/// `fuzz --feedback`: the same seed gives the same records, byte for byte, and what the
/// feedback kept; a shard is refused (it cannot see what the other shards reached).
#[test]
fn feedback_campaigns_are_deterministic_and_whole() {
    let args = [
        "fuzz",
        "--json",
        "--seed",
        "7",
        "--cases",
        "8",
        "--layers",
        "E,A",
        "--feedback",
    ];
    let a = bin().args(args).output().unwrap();
    let b = bin().args(args).output().unwrap();
    assert_exit(&a, 0);
    assert_eq!(a.stdout, b.stdout, "records differ between runs");
    let notes = |out: &Output| {
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.starts_with("feedback: kept"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(notes(&a).len(), 1, "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(notes(&a), notes(&b));
    assert!(notes(&a)[0].contains("contract branch outcomes reached"));

    let sharded = bin()
        .args(["fuzz", "--feedback", "--shard", "1/2", "--cases", "2"])
        .output()
        .unwrap();
    assert_exit(&sharded, 2);
    assert!(
        String::from_utf8_lossy(&sharded.stderr).contains("--feedback steers a whole campaign"),
        "{}",
        String::from_utf8_lossy(&sharded.stderr)
    );
}

#[test]
fn fuzz_records_are_byte_identical_for_a_seed() {
    let args = [
        "fuzz", "--json", "--seed", "7", "--cases", "5", "--layers", "E,A,S",
    ];
    let a = bin()
        .args(args)
        .env("OVM_FUZZ_NO_WRITE", "1")
        .output()
        .unwrap();
    let b = bin()
        .args(args)
        .env("OVM_FUZZ_NO_WRITE", "1")
        .output()
        .unwrap();
    assert_exit(&a, 0);
    assert_eq!(a.stdout, b.stdout, "records differ between runs");
    let text = String::from_utf8(a.stdout).unwrap();
    assert_eq!(
        text.lines().count(),
        16,
        "15 case records and a summary:\n{text}"
    );
    let other = bin()
        .args([
            "fuzz", "--json", "--seed", "8", "--cases", "5", "--layers", "E,A,S",
        ])
        .env("OVM_FUZZ_NO_WRITE", "1")
        .output()
        .unwrap();
    assert_ne!(
        text.as_bytes(),
        other.stdout,
        "another seed gives other cases"
    );
    let bad = bin().args(["fuzz", "--layers", "Q"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_failing_vector_exits_1_and_bad_usage_exits_2() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("flipped.json");
    let text = std::fs::read_to_string(
        ovm_conformance::discover::suite_dir().join("atomic/equal-text-and-hex.json"),
    )
    .unwrap()
    .replace("\"expect\": \"true\"", "\"expect\": \"false\"");
    std::fs::write(&path, text).unwrap();
    let out = bin().arg("run").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("outcome flip"), "{stdout}");
    assert!(stdout.contains("replay"), "{stdout}");
    let check = bin().arg("check").arg(&path).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        bin().arg("nonsense").output().unwrap().status.code(),
        Some(2)
    );
    assert_eq!(
        bin()
            .args(["run", "--decider", "nope"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// `run` on a vector whose `_info.rules` names a well-formed id the spec does not have: the
/// vector is an error naming its file and the id (the run does not pass), in text and JSON.
#[test]
fn run_reports_an_unknown_rule_id_as_an_error_of_the_vector() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-rule-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("unknown-rule.json");
    let text = std::fs::read_to_string(
        ovm_conformance::discover::suite_dir().join("atomic/equal-text-and-hex.json"),
    )
    .unwrap()
    .replace("\"§5.Equal\"", "\"§5.Equal\", \"§5.Nope\"");
    assert!(text.contains("§5.Nope"), "the rule id was not added");
    std::fs::write(&path, text).unwrap();
    let out = bin().arg("run").arg(&path).output().unwrap();
    assert_exit(&out, 1);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.contains("unknown-rule.json"))
        .unwrap_or_else(|| panic!("no line names the file: {stdout}"));
    assert!(line.starts_with("ERROR"), "{stdout}");
    assert!(stdout.contains("unknown rule id(s) §5.Nope"), "{stdout}");
    let json = bin().args(["run", "--json"]).arg(&path).output().unwrap();
    assert_exit(&json, 1);
    let report = String::from_utf8_lossy(&json.stdout);
    let vector = report
        .lines()
        .find(|l| l.contains("unknown-rule.json"))
        .unwrap_or_else(|| panic!("no JSON line names the file: {report}"));
    assert!(vector.contains("\"status\":\"error\""), "{vector}");
    assert!(vector.contains("§5.Nope"), "{vector}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn coverage_prints_every_rule() {
    let out = bin().arg("coverage").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for rule in ovm_conformance::rules::RULES {
        assert!(stdout.contains(rule.id), "{}", rule.id);
    }
}

#[test]
fn coverage_contracts_prints_a_table_and_writes_the_same_lcov_twice() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-lcov-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |name: &str| {
        let file = dir.join(name);
        let out = bin()
            .args(["coverage", "contracts", "vectors/atomic", "--lcov"])
            .arg(&file)
            .current_dir(ovm_conformance::discover::workspace_root())
            .output()
            .unwrap();
        assert_exit(&out, 0);
        (
            String::from_utf8(out.stdout).unwrap(),
            std::fs::read_to_string(file).unwrap(),
        )
    };
    let (table, lcov) = run("a.info");
    assert_eq!(run("b.info"), (table.clone(), lcov.clone()));
    assert!(
        table.lines().any(|l| l.starts_with("EqualPredicate")
            && l.contains("lines")
            && l.contains("branches")),
        "{table}"
    );
    assert!(lcov.contains("SF:contracts/src/predicates/EqualPredicate.sol\n"));
    assert!(lcov.contains("\nBRDA:") && lcov.ends_with("end_of_record\n"));
    std::fs::remove_dir_all(dir).unwrap();
    // Plugged-in contracts have no source maps here.
    let refused = bin()
        .args(["--contracts", "m.json", "coverage", "contracts"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn replay_prints_the_transcript() {
    let out = bin()
        .args(["replay", "vectors/uac/claim-and-decide.json"])
        .current_dir(ovm_conformance::discover::workspace_root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("── transcript"), "{stdout}");
    assert!(stdout.contains("CallerNotPredicate(alice)"), "{stdout}");
}

#[test]
fn markdown_summary_is_appended_on_request() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-md-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("summary.md");
    std::fs::write(&file, "# earlier\n").unwrap();
    let suite = concat!(env!("CARGO_MANIFEST_DIR"), "/../../vectors/atomic");
    let out = bin()
        .args(["run", "--markdown"])
        .arg(&file)
        .arg(suite)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = std::fs::read_to_string(&file).unwrap();
    assert!(md.starts_with("# earlier\n## OVM conformance"), "{md}");
    assert!(
        md.contains("✅ conforms") && md.contains("| atomic |"),
        "{md}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The stdout of the command `args` against the contracts of `manifest`, which must exit 1
/// (something does not conform).
fn failing_against(manifest: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let out = bin()
        .arg("--contracts")
        .arg(manifest)
        .args(args)
        .output()
        .unwrap();
    assert_exit(&out, 1);
    out.stdout
}

/// A manifest in `dir` of the bundled contracts with And's slot running Or's code: plugged-in
/// contracts that fail vectors and fuzz cases.
fn and_runs_or_manifest(dir: &std::path::Path) -> std::path::PathBuf {
    let manifest = ovm_conformance::contracts::write_bundled_manifest(dir).unwrap();
    let text = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace("\"AndPredicate.json\"", "\"OrPredicate.json\"");
    std::fs::write(&manifest, text).unwrap();
    manifest
}

/// `--fail-fast`: the fuzz campaign stops at its first bug (one finding, where the full
/// campaign collects several), and `run` skips the campaign once a vector failed.
#[test]
fn fail_fast_stops_at_the_first_failure() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-fail-fast-{}", std::process::id()));
    let manifest = and_runs_or_manifest(&dir);
    let json = |args: &[&str]| String::from_utf8(failing_against(&manifest, args)).unwrap();
    let count = |stdout: &str, pointer: &str| -> usize {
        stdout
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|l| l.pointer(pointer).is_some())
            .count()
    };
    let fuzz = ["--json", "fuzz", "--cases", "60", "--layers", "C"];
    let all = json(&fuzz);
    let first = json(&[&fuzz[..], &["--fail-fast"]].concat());
    let (all_cases, first_cases) = (count(&all, "/case"), count(&first, "/case"));
    assert_eq!(all_cases, 60);
    assert!(
        first_cases < all_cases,
        "{first_cases} cases with --fail-fast"
    );
    assert!(first.contains("\"conforms\":false"), "{first}");
    let run = json(&["--json", "run", "--fail-fast", "--fuzz-cases", "5"]);
    assert!(run.contains("\"conforms\":false"), "{run}");
    assert!(
        !run.contains("\"fuzz\""),
        "the campaign ran after a failing vector: {run}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Plugged-in contracts with And's slot running Or's code: the fuzzer finds divergences, and
/// writes them nowhere unless asked (`--write-regressions DIR`); the checkout is left alone.
#[test]
fn findings_against_plugged_in_contracts_are_written_only_when_asked() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-plug-{}", std::process::id()));
    let manifest = and_runs_or_manifest(&dir);
    let regressions = concat!(env!("CARGO_MANIFEST_DIR"), "/../../vectors/regressions");
    let listing = || {
        let mut names: Vec<_> = std::fs::read_dir(regressions)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let before = listing();
    let fuzz = |extra: &[&std::ffi::OsStr]| {
        bin()
            .arg("--contracts")
            .arg(&manifest)
            .args(["fuzz", "--cases", "30", "--layers", "C"])
            .args(extra)
            .env_remove("OVM_FUZZ_NO_WRITE")
            .output()
            .unwrap()
    };
    let out = fuzz(&[]);
    assert_exit(&out, 1);
    assert_eq!(listing(), before, "fuzz wrote into vectors/regressions");

    let found = dir.join("found");
    let out = fuzz(&["--write-regressions".as_ref(), found.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let written = std::fs::read_dir(&found).unwrap().count();
    assert!(written >= 1, "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(listing(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn behaves_like_a_unix_tool() {
    // A closed stdout ends the run quietly: no panic, exit 0.
    let mut child = bin()
        .args(["run", "--fuzz-cases", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    // A missing path is a usage error everywhere; so is a selection without vectors.
    let dir = std::env::temp_dir().join(format!("ovm-cli-unix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for command in ["run", "check", "fill", "replay"] {
        let out = bin()
            .arg(command)
            .arg(dir.join("missing.json"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}");
    }
    let out = bin().arg("run").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no vectors under"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `fill` writes through a temporary file and a rename, and refuses text that would not load.
#[test]
fn fill_leaves_whole_files() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-fill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("equal.json");
    let original = std::fs::read_to_string(
        ovm_conformance::discover::suite_dir().join("atomic/equal-text-and-hex.json"),
    )
    .unwrap();
    std::fs::write(&path, original.replace(",\n  \"expect\": \"true\"", "")).unwrap();
    let out = bin().arg("fill").arg(&path).output().unwrap();
    assert_exit(&out, 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// One runaway vector (16 M sub-decisions) times out; the others of its folder still report.
#[test]
fn a_runaway_vector_times_out_and_the_run_goes_on() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-timeout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let range = |v: &str| format!("text:{v},NUMBER,0x{}-0x{:064x}", "0".repeat(64), 4096);
    let slow = serde_json::json!({
        "format": 1,
        "_info": {"description": "16 M sub-decisions"},
        "kind": "game",
        "world": {},
        "period": 2,
        "claim": {"ForAll": [range("a"), "text:a", {"ForAll": [range("b"), "text:b", {"Or": [
            {"IsLessThan": ["V:a", "uint:4096"]},
            {"IsLessThan": ["V:b", "uint:1"]}
        ]}]}]}
    });
    std::fs::write(dir.join("slow.json"), format!("{slow:#}")).unwrap();
    std::fs::copy(
        ovm_conformance::discover::suite_dir().join("atomic/equal-text-and-hex.json"),
        dir.join("quick.json"),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let out = bin()
        .args(["--json", "run", "--timeout", "1"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = |name: &str| {
        stdout
            .lines()
            .find(|l| l.contains(&format!("{name}.json")))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(line("slow").contains("\"status\":\"timeout\""), "{stdout}");
    assert!(line("quick").contains("\"status\":\"pass\""), "{stdout}");
    assert!(stdout.contains("\"timeout\":1"), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("slowest"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A loadable vector whose filled expectation repeats its deep claim (Not⁶¹, inside
/// `expect.error.args`, four JSON levels deeper) is written with the claim's deep part as hex,
/// so the filled file loads and passes (it used to nest past the parser's limit).
#[test]
fn fill_writes_deep_expectations_that_load() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut claim = serde_json::json!({"Equal": ["0x01", "0x02"]});
    for _ in 0..61 {
        claim = serde_json::json!({ "Not": [claim] });
    }
    let vector = serde_json::json!({
        "format": 1,
        "_info": {"description": "a deep claim, an invalid challenge"},
        "kind": "challenge",
        "claim": claim,
        "challenge_inputs": [],
        "challenge": {"Equal": ["0x01", "0x01"]}
    });
    let path = dir.join("deep.json");
    std::fs::write(&path, format!("{vector:#}")).unwrap();
    let out = bin().arg("fill").arg(&path).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let filled = std::fs::read_to_string(&path).unwrap();
    assert!(filled.contains("\"expect\""), "{filled}");
    let run = bin().arg("run").arg(&path).output().unwrap();
    assert_exit(&run, 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Killing `fill` at arbitrary moments never leaves a torn vector file: each file is, at
/// every moment, either its old text or its complete new text.
#[cfg(unix)]
#[test]
fn interrupted_fills_leave_no_torn_file() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-kill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let suite = ovm_conformance::discover::suite_dir().join("atomic");
    let originals: Vec<(std::path::PathBuf, String)> =
        ovm_conformance::discover::vector_files(&suite)
            .unwrap()
            .into_iter()
            .take(30)
            .map(|file| {
                let text = std::fs::read_to_string(&file).unwrap();
                let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
                json.as_object_mut().unwrap().remove("expect");
                let name = file.file_name().unwrap().to_owned();
                let path = dir.join(&name);
                (path, format!("{json:#}\n"))
            })
            .collect();
    let mut interrupted_midway = 0;
    for round in 0..50u64 {
        for (path, stripped) in &originals {
            std::fs::write(path, stripped).unwrap();
        }
        let mut child = bin()
            .arg("fill")
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20 + (round * 37) % 400));
        let _ = child.kill();
        let _ = child.wait();
        let mut filled = 0;
        for (path, stripped) in &originals {
            let now = std::fs::read_to_string(path).unwrap();
            if now != *stripped {
                filled += 1;
                assert!(
                    ovm_vectors::from_json(&now, "v.json").is_ok(),
                    "round {round}: {} is torn:\n{now}",
                    path.display()
                );
            }
        }
        if 0 < filled && filled < originals.len() {
            interrupted_midway += 1;
        }
    }
    // The kills landed while files were being written, not only before or after.
    assert!(interrupted_midway > 0, "no round was interrupted midway");
    eprintln!("{interrupted_midway} of 50 fills were killed midway");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `manifest export DIR` writes the bundled contracts as a manifest that `--contracts` runs.
#[test]
fn an_exported_manifest_runs_as_plugged_in_contracts() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-export-{}", std::process::id()));
    let out = bin()
        .args(["manifest", "export"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest = dir.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let named: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(named["contracts"].as_object().map(|c| c.len()), Some(16));
    let vectors = concat!(env!("CARGO_MANIFEST_DIR"), "/../../vectors/atomic");
    let out = bin()
        .arg("--contracts")
        .arg(&manifest)
        .args(["run", vectors])
        .output()
        .unwrap();
    assert_exit(&out, 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `fuzz --shard i/n` then `fuzz merge` gives the unsharded report byte for byte, findings
/// (de-duplicated, hits summed) included; merging an incomplete set is a usage error.
#[test]
fn merged_shards_are_the_unsharded_campaign() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-shards-{}", std::process::id()));
    let manifest = and_runs_or_manifest(&dir);
    let campaign = [
        "--json", "fuzz", "--seed", "3", "--cases", "24", "--layers", "C,E",
    ];
    let fuzz = |extra: &[&str]| failing_against(&manifest, &[&campaign[..], extra].concat());
    let whole = fuzz(&[]);
    let mut files = Vec::new();
    for shard in ["2/3", "3/3", "1/3"] {
        let file = dir.join(format!("shard-{}.json", &shard[..1]));
        std::fs::write(&file, fuzz(&["--shard", shard])).unwrap();
        files.push(file);
    }
    let merged = bin().args(["fuzz", "merge"]).args(&files).output().unwrap();
    assert_eq!(merged.status.code(), Some(1), "a shard found bugs");
    assert_eq!(
        String::from_utf8_lossy(&merged.stdout),
        String::from_utf8_lossy(&whole)
    );
    let summary: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&whole).lines().last().unwrap()).unwrap();
    let findings = summary
        .pointer("/fuzz/findings")
        .unwrap()
        .as_array()
        .unwrap();
    assert!(!findings.is_empty(), "{summary}");
    let incomplete = bin()
        .args(["fuzz", "merge"])
        .args(&files[..2])
        .output()
        .unwrap();
    assert_eq!(incomplete.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&incomplete.stderr).contains("1/3 … 3/3"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `preflight` passes the bundled contracts and names what plugged-in ones lack: And's slot
/// running Or's code has no `decideTrue`.
#[test]
fn preflight_names_the_missing_functions() {
    let bundled = bin().args(["preflight"]).output().unwrap();
    assert_eq!(bundled.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&bundled.stdout).contains("every function and event"));
    let dir = std::env::temp_dir().join(format!("ovm-cli-preflight-{}", std::process::id()));
    let manifest = and_runs_or_manifest(&dir);
    let out = failing_against(&manifest, &["--json", "preflight"]);
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let and = &report["preflight"]["checks"][2];
    assert_eq!(and["contract"], "AndPredicate");
    assert_eq!(
        and["missing_functions"],
        serde_json::json!(["decideTrue((address,bytes[])[])"]),
        "{report}"
    );
    assert_eq!(report["complete"], false);

    // The vectors that need And.decideTrue are one status, their cause counted once.
    let folder = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../vectors/uac/decide-true-entry"
    );
    let run = String::from_utf8(failing_against(&manifest, &["run", folder])).unwrap();
    let unsupported: Vec<&str> = run
        .lines()
        .filter(|l| l.starts_with("UNSUPPORTED"))
        .collect();
    assert!(unsupported.len() >= 5, "{run}");
    assert!(
        unsupported
            .iter()
            .all(|l| l.contains("AndPredicate.decideTrue")),
        "{run}"
    );
    // The cause is one problem, counted once (not repeated under the summary).
    let cause = format!(
        "[missing_function] unsupported/AndPredicate.decideTrue((address,bytes[])[]) missing — {} vector(s)",
        unsupported.len()
    );
    assert_eq!(run.matches(&cause).count(), 1, "{run}");
    assert!(
        !run.contains("FAIL  "),
        "the Not entries still run and pass: {run}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The `report` of the reference and the And-runs-Or contracts over `vectors` into `out`
/// (`extra` arguments appended); it exits 1, the plugged-in column does not conform.
fn report_against(
    manifest: &std::path::Path,
    out: &std::path::Path,
    extra: &[&str],
    vectors: &str,
) {
    let run = bin()
        .args(["report", "--out"])
        .arg(out)
        .arg("--impl")
        .arg(format!("contracts={}", manifest.display()))
        .args(extra)
        .arg(vectors)
        .output()
        .unwrap();
    assert_exit(&run, 1);
}

/// `report --out DIR` writes report.json (byte-identical run to run, every rule a row, one
/// column per implementation), report.md and report.html there; an unusable DIR is a usage
/// error naming it.
#[test]
fn report_writes_a_byte_stable_matrix_of_the_implementations() {
    let dir = std::env::temp_dir().join(format!("ovm-cli-report-{}", std::process::id()));
    let manifest = and_runs_or_manifest(&dir.join("aor"));
    let vectors = concat!(env!("CARGO_MANIFEST_DIR"), "/../../vectors/challenge");
    let fuzz = ["--fuzz-cases", "2"];
    report_against(&manifest, &dir.join("a"), &fuzz, vectors);
    report_against(&manifest, &dir.join("b"), &fuzz, vectors);
    let read = |run: &str, name: &str| std::fs::read_to_string(dir.join(run).join(name)).unwrap();
    for name in ["report.json", "report.md", "report.html"] {
        assert_eq!(
            read("a", name),
            read("b", name),
            "{name} differs between runs"
        );
    }
    let text = read("a", "report.json");
    let root = ovm_conformance::discover::workspace_root();
    assert!(
        !text.contains(&root.display().to_string()),
        "an absolute path"
    );
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let columns = json["columns"].as_array().unwrap();
    let labels: Vec<&str> = columns
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["reference", &format!("contracts={}", manifest.display())]
    );
    assert_eq!(columns[0]["conforms"], true);
    assert_eq!(columns[1]["conforms"], false);
    assert_eq!(
        columns[0]["fuzz"]["layers"].as_array().map(Vec::len),
        Some(6)
    );
    let rows = json["rows"].as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["rule"].as_str().unwrap()).collect();
    let listed: Vec<&str> = ovm_conformance::rules::RULES.iter().map(|r| r.id).collect();
    assert_eq!(ids, listed, "one row per rule, covered or not");
    let and = &rows[listed.iter().position(|id| *id == "§4.and").unwrap()]["cells"];
    assert_eq!(and[0]["verdict"], "conforms");
    assert_eq!(and[1]["verdict"], "fails");
    assert!(and[1]["statuses"]["fail"].as_u64().unwrap() > 0, "{and}");
    assert!(!and[1]["problems"].as_array().unwrap().is_empty(), "{and}");
    let untested = &rows[listed.iter().position(|id| *id == "§9.G").unwrap()]["cells"];
    assert_eq!(
        untested[0]["total"], 0,
        "no game vector under vectors/challenge"
    );
    let md = read("a", "report.md");
    assert!(md.starts_with("## OVM conformance report"), "{md}");
    assert!(md.contains("| `§4.and` |") && md.contains("❌"), "{md}");

    let file = dir.join("a").join("report.json");
    let unusable = file.join("sub");
    let out = bin()
        .args(["report", "--out"])
        .arg(&unusable)
        .arg(vectors)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&unusable.display().to_string()), "{stderr}");
    let out = bin()
        .args(["report", "--impl", "decider=nope", "--out"])
        .arg(dir.join("c"))
        .arg(vectors)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown decider \"nope\""), "{stderr}");
    assert!(
        !stderr.contains("report: running"),
        "ran before the bad --impl: {stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The PNG's width and height, from its IHDR header.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && &png[12..16] == b"IHDR");
    let word = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    (word(16), word(20))
}

/// report.html in real headless Chromium: it renders (a screenshot of the requested size and
/// not blank), and its DOM has one row per rule and one column per implementation.
#[test]
fn report_html_renders_in_chromium() {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let Some(chromium) = std::env::split_paths(&path)
        .chain([std::path::PathBuf::from("/usr/bin")])
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
    else {
        eprintln!("skipped: no chromium (apt-get install chromium)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("ovm-cli-chromium-{}", std::process::id()));
    let manifest = and_runs_or_manifest(&dir.join("aor"));
    let vectors = concat!(env!("CARGO_MANIFEST_DIR"), "/../../vectors/challenge/and");
    report_against(&manifest, &dir.join("out"), &[], vectors);
    let page = format!("file://{}", dir.join("out/report.html").display());
    let browse = |extra: &[&std::ffi::OsStr]| {
        let out = Command::new(&chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu"])
            .arg(format!("--user-data-dir={}", dir.join("profile").display()))
            .args(extra)
            .arg(&page)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let shot = dir.join("shot.png");
    browse(&[
        format!("--screenshot={}", shot.display()).as_ref(),
        "--window-size=1280,2000".as_ref(),
    ]);
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(png_size(&png), (1280, 2000));
    assert!(png.len() > 50_000, "a blank page? {} bytes", png.len());
    let dom = String::from_utf8(browse(&["--dump-dom".as_ref()])).unwrap();
    let rules = ovm_conformance::rules::RULES.len();
    assert_eq!(dom.matches("<tr data-rule=\"").count(), rules, "{dom}");
    assert_eq!(dom.matches("<th data-impl=\"").count(), 2, "{dom}");
    assert_eq!(dom.matches("<td data-impl=\"").count(), 2 * rules);
    assert!(dom.contains("class=\"v-fails\""), "a failing cell");
    eprintln!(
        "chromium: {rules} rule rows, 2 implementation columns, screenshot 1280×2000, {} bytes",
        png.len()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `gas`: byte-stable `--json`, within the committed baseline, not griefable; a baseline that
/// misses the vectors fails naming one (exit 1), and `--write-baseline` writes the committed
/// one's bytes.
#[test]
fn gas_is_byte_stable_and_held_to_the_baseline() {
    let baseline = "harness/ovm-conformance/gas-baseline.json";
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let a = bin()
        .current_dir(root)
        .args(["--json", "gas", "--baseline", baseline])
        .output()
        .unwrap();
    let b = bin()
        .current_dir(root)
        .args(["gas", "--json"])
        .output()
        .unwrap();
    assert_exit(&a, 0);
    assert_eq!(a.stdout, b.stdout, "stdout differs between runs");
    let text = String::from_utf8(a.stdout).unwrap();
    assert!(text.starts_with("{\"honest_gas\":{"), "{text}");
    assert!(text.contains("{\"scaling\":{"), "{text}");
    let dir = std::env::temp_dir().join(format!("ovm-gas-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.json");
    std::fs::write(&empty, "{\"tolerance_percent\": 2, \"vectors\": {}}").unwrap();
    let out = bin()
        .current_dir(root)
        .args(["gas", "--baseline"])
        .arg(&empty)
        .output()
        .unwrap();
    assert_exit(&out, 1);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("REGRESSION  game/forall-defended.json: honest-path gas"),
        "{shown}"
    );
    let written = dir.join("written.json");
    let out = bin()
        .current_dir(root)
        .args(["gas", "--write-baseline"])
        .arg(&written)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    assert_eq!(
        std::fs::read(&written).unwrap(),
        std::fs::read(format!("{root}/{baseline}")).unwrap()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
