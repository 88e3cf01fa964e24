//! What can stop the gate before it has a verdict.

use std::path::PathBuf;

/// A set-up failure: a tool missing, the unmutated tree not passing, an unreadable list.
#[derive(Debug, thiserror::Error)]
pub enum GateError {
    /// A command the gate needs could not be started.
    #[error("cannot run `{command}`: {source} ({hint})")]
    Spawn {
        /// The program.
        command: String,
        /// Why it did not start.
        source: std::io::Error,
        /// How to get it.
        hint: &'static str,
    },
    /// A command the gate needs ran and failed.
    #[error("`{command}` failed: {detail}")]
    Command {
        /// The command line.
        command: String,
        /// Its first error lines.
        detail: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A file the gate reads is not what it expects.
    #[error("{}: {detail}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong, naming the field.
        detail: String,
    },
    /// The unmutated tree does not pass the conformance suite, so no mutant can be judged.
    #[error("the unmutated tree fails the conformance suite ({0}); fix that first")]
    Baseline(String),
}

/// `Io` for `path`.
pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> GateError {
    let path = path.into();
    move |source| GateError::Io { path, source }
}
