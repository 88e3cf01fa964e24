//! The scratch workspace the gate mutates: a copy of the checkout's tracked files, with a
//! target folder of its own that outlives the run (so only what a mutant touches rebuilds).
//! The checkout itself is only read.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use crate::{
    error::{GateError, io},
    process::{first_error_lines, output_of},
};

/// The cargo profile the judge is built with (root `Cargo.toml`): optimised, incremental, no LTO.
pub const PROFILE: &str = "mutants";

/// The scratch copy of the workspace.
pub struct Tree {
    /// The copied sources.
    pub root: PathBuf,
    /// Its target folder (kept across runs).
    target: PathBuf,
}

impl Tree {
    /// Copies the files `git ls-files` lists in `checkout` (as they are in the working tree)
    /// into `work/tree`, replacing an earlier copy.
    pub fn copy(checkout: &Path, work: &Path) -> Result<Self, GateError> {
        let root = work.join("tree");
        if root.exists() {
            std::fs::remove_dir_all(&root).map_err(io(&root))?;
        }
        std::fs::create_dir_all(&root).map_err(io(&root))?;
        let listed = output_of(
            Command::new("git")
                .arg("-C")
                .arg(checkout)
                .args(["ls-files", "-z"]),
            "git",
        )?;
        for file in listed.split(|&b| b == 0).filter(|f| !f.is_empty()) {
            let file = Path::new(std::str::from_utf8(file).map_err(|_| GateError::Format {
                path: checkout.to_owned(),
                detail: "a tracked file name is not UTF-8".into(),
            })?);
            copy_file(&checkout.join(file), &root.join(file))?;
        }
        Ok(Self {
            root,
            target: work.join("target"),
        })
    }

    /// Builds the `ovm-conformance` binary of the tree as it is now. `Err(first errors)` when
    /// it does not compile.
    pub fn build_judge(&self) -> Result<Result<PathBuf, String>, GateError> {
        let output = Command::new("cargo")
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target)
            .args([
                "build",
                "--locked",
                "--quiet",
                "--profile",
                PROFILE,
                "-p",
                "ovm-cli",
            ])
            .output()
            .map_err(|source| GateError::Spawn {
                command: "cargo".into(),
                source,
                hint: "install Rust",
            })?;
        Ok(if output.status.success() {
            Ok(self.target.join(PROFILE).join("ovm-conformance"))
        } else {
            Err(first_error_lines(&String::from_utf8_lossy(&output.stderr)))
        })
    }

    /// The path of `file` (relative to the workspace root) in the tree.
    pub fn path(&self, file: &str) -> PathBuf {
        self.root.join(file)
    }

    /// Writes `contents` over `file`; the returned guard puts the original back when dropped.
    pub fn mutate<'a>(&'a self, file: &str, contents: &str) -> Result<Restore<'a>, GateError> {
        let path = self.path(file);
        let original = std::fs::read(&path).map_err(io(&path))?;
        std::fs::write(&path, contents).map_err(io(&path))?;
        Ok(Restore {
            path,
            original,
            _tree: self,
        })
    }
}

/// Puts a mutated file back as it was.
pub struct Restore<'a> {
    path: PathBuf,
    original: Vec<u8>,
    _tree: &'a Tree,
}

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        if let Err(error) = std::fs::write(&self.path, &self.original) {
            eprintln!(
                "warning: could not restore {}: {error}",
                self.path.display()
            );
        }
    }
}

/// Copies `from` to `to` (creating folders). The copy gets a fresh modification time: the
/// tree's target folder may hold a build of an earlier run's last mutant, and only a newer
/// source makes cargo rebuild it. A tracked file deleted in the working tree is skipped.
fn copy_file(from: &Path, to: &Path) -> Result<(), GateError> {
    if std::fs::symlink_metadata(from).is_err() {
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    std::fs::copy(from, to).map_err(io(from))?;
    Ok(())
}
