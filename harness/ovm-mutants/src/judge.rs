//! The judge: the conformance suite alone, as an implementer gets it — every vector on both
//! halves, then the seeded fuzz layers — run by the `ovm-conformance` binary of the tree.
//! Plugged-in contracts (`--contracts`) are never checked against the bundle hash, so a
//! Solidity mutant is judged by its behaviour only.

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

use serde_json::Value;

use crate::{
    error::GateError,
    mutant::Verdict,
    process::{Finished, run_with_limit},
};

/// How the suite is run for every mutant.
pub struct Judge {
    /// The `ovm-conformance` binary.
    pub binary: PathBuf,
    /// The workspace root it runs in (its `vectors/`).
    pub root: PathBuf,
    /// Cases per fuzz layer after the vectors.
    pub fuzz_cases: u64,
    /// A run longer than this is a timeout.
    pub limit: Duration,
}

impl Judge {
    /// Runs the suite (against `contracts`, a manifest, when given) and reads its verdict,
    /// with the time it took.
    pub fn judge(&self, contracts: Option<&Path>) -> Result<(Verdict, Duration), GateError> {
        let mut command = Command::new(&self.binary);
        command.current_dir(&self.root);
        if let Some(manifest) = contracts {
            command.arg("--contracts").arg(manifest);
        }
        command.args([
            "run",
            "--json",
            "--fail-fast",
            "--fuzz-cases",
            &self.fuzz_cases.to_string(),
        ]);
        let start = Instant::now();
        let finished = run_with_limit(&mut command, self.limit)?;
        let took = start.elapsed();
        Ok((
            match finished {
                Finished::TimedOut => Verdict::Timeout,
                Finished::Exited { code, stdout } => read_verdict(code, &stdout),
            },
            took,
        ))
    }
}

/// The verdict of one suite run from its exit code and `--json` lines: exit 0 survives;
/// anything else (a failing vector or fuzz bug, a setup error, a crash) kills.
pub fn read_verdict(code: Option<i32>, stdout: &str) -> Verdict {
    if code == Some(0) {
        return Verdict::Survived;
    }
    let lines: Vec<Value> = stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let failing: Vec<&Value> = lines
        .iter()
        .filter(|l| {
            l.get("status")
                .and_then(Value::as_str)
                .is_some_and(|s| !matches!(s, "pass" | "skipped"))
        })
        .collect();
    let bugs: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.pointer("/fuzz/bugs")?.as_array())
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let by = match (failing.first(), bugs.first()) {
        (Some(vector), _) => describe_vector(vector),
        (None, Some(signature)) => format!("fuzz {signature}"),
        (None, None) => match code {
            Some(code) => format!("exit code {code}"),
            None => "crashed (killed by a signal)".to_owned(),
        },
    };
    Verdict::Killed {
        by,
        vectors: failing.len(),
        fuzz: bugs.len(),
    }
}

/// `name: class what` of the first divergence (or the status and reason).
fn describe_vector(line: &Value) -> String {
    let text = |value: &Value, key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let first = match line.pointer("/divergences/0") {
        Some(divergence) => format!("{} {}", text(divergence, "class"), text(divergence, "what")),
        None => {
            let reason = text(line, "reason");
            format!(
                "{} {}",
                text(line, "status"),
                reason.lines().next().unwrap_or("")
            )
        }
    };
    format!("{}: {}", text(line, "name"), first.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_zero_survives_and_the_first_failure_names_the_kill() {
        assert_eq!(read_verdict(Some(0), ""), Verdict::Survived);
        let stdout = concat!(
            "{\"vector\":\"v/a.json\",\"name\":\"a\",\"status\":\"pass\"}\n",
            "{\"vector\":\"v/b.json\",\"name\":\"b\",\"status\":\"fail\",",
            "\"divergences\":[{\"class\":\"outcome_flip\",\"what\":\"Equal.decide\"}]}\n",
            "{\"fuzz\":{\"bugs\":[\"witness_rejected/And/y\"]}}\n"
        );
        assert_eq!(
            read_verdict(Some(1), stdout),
            Verdict::Killed {
                by: "b: outcome_flip Equal.decide".into(),
                vectors: 1,
                fuzz: 1
            }
        );
        let fuzz_only = "{\"fuzz\":{\"bugs\":[\"s\"]}}\n";
        assert!(
            matches!(read_verdict(Some(1), fuzz_only), Verdict::Killed { by, .. } if by == "fuzz s")
        );
        assert!(matches!(
            read_verdict(None, "garbage"),
            Verdict::Killed { vectors: 0, .. }
        ));
    }
}
