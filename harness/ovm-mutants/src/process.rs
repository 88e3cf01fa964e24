//! Running the tools the gate drives, with a time limit where a mutant could hang.

use std::{
    io::Read,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use crate::error::GateError;

/// Runs `command` and returns its stdout; a non-zero exit is an error naming `name`.
pub fn output_of(command: &mut Command, name: &str) -> Result<Vec<u8>, GateError> {
    let output = command.output().map_err(|source| GateError::Spawn {
        command: name.to_owned(),
        source,
        hint: "is it installed and on PATH?",
    })?;
    if !output.status.success() {
        return Err(GateError::Command {
            command: format!("{command:?}"),
            detail: first_error_lines(&String::from_utf8_lossy(&output.stderr)),
        });
    }
    Ok(output.stdout)
}

/// What a command run under a time limit came to.
pub enum Finished {
    /// It exited with `code` (`None`: killed by a signal) and printed `stdout`.
    Exited {
        /// The exit code.
        code: Option<i32>,
        /// Everything it printed on stdout.
        stdout: String,
    },
    /// It was still running at the limit and was killed.
    TimedOut,
}

/// Runs `command` (stderr discarded) for at most `limit`.
pub fn run_with_limit(command: &mut Command, limit: Duration) -> Result<Finished, GateError> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|source| GateError::Spawn {
            command: format!("{command:?}"),
            source,
            hint: "was the judge built?",
        })?;
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|source| GateError::Spawn {
            command: format!("{command:?}"),
            source,
            hint: "wait failed",
        })? {
            let stdout = reader.join().unwrap_or_default();
            return Ok(Finished::Exited {
                code: status.code(),
                stdout,
            });
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(Finished::TimedOut);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The first lines of a compiler's output that say `error`, or its first lines.
pub fn first_error_lines(stderr: &str) -> String {
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("error"))
        .take(2)
        .collect();
    let lines = if errors.is_empty() {
        stderr.lines().take(2).collect()
    } else {
        errors
    };
    lines.join(" | ")
}
