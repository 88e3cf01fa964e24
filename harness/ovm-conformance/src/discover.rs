//! Finding vector files and naming them: every `*.json` under a folder except `schema.json`,
//! sorted by path; a file's test name is its path below the suite folder without `.json`,
//! with `::` between folders (`challenge::and-false-child`).

use std::path::{Path, PathBuf};

/// The workspace root (where `Cargo.toml`, `vectors/` and `contracts/` are).
pub fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// The suite: `<workspace>/vectors`.
pub fn suite_dir() -> PathBuf {
    workspace_root().join("vectors")
}

/// What a walk of a vector folder found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// The vector files, sorted.
    pub files: Vec<PathBuf>,
    /// Entries left out, with why: symlinked folders (a link can loop) and `*.json` names that
    /// are not regular files (a FIFO would block a reader forever).
    pub skipped: Vec<(PathBuf, &'static str)>,
}

/// Walks `dir` recursively for vector files (`*.json` except `schema.json`). Symlinks to files
/// are followed; symlinked folders and non-regular files are skipped and listed.
pub fn scan(dir: &Path) -> std::io::Result<Scan> {
    fn walk(dir: &Path, out: &mut Scan) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                walk(&path, out)?;
            } else if kind.is_symlink() && path.is_dir() {
                out.skipped
                    .push((path, "a symlinked folder (not followed: links can loop)"));
            } else if is_vector_file(&path) {
                if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                    out.files.push(path);
                } else {
                    out.skipped.push((path, "not a regular file"));
                }
            }
        }
        Ok(())
    }
    let mut found = Scan::default();
    walk(dir, &mut found)?;
    found.files.sort();
    found.skipped.sort();
    Ok(found)
}

/// Every vector file under `dir` ([`scan`]'s files), sorted.
pub fn vector_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    scan(dir).map(|found| found.files)
}

/// Whether `path` names a vector file (`*.json`, not `schema.json`).
pub fn is_vector_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json")
        && path.file_name().is_some_and(|n| n != "schema.json")
}

/// Why [`expand`] found no vectors to run.
#[derive(Debug, thiserror::Error)]
pub enum SelectionError {
    /// A path given does not exist.
    #[error("{}: no such file or folder", .0.display())]
    Missing(PathBuf),
    /// The paths hold no vector file.
    #[error("no vectors under {}", shown(.0))]
    Empty(Vec<PathBuf>),
    /// A folder could not be read.
    #[error("{}: {source}", path.display())]
    Unreadable {
        /// The folder given.
        path: PathBuf,
        /// The file system's error.
        #[source]
        source: std::io::Error,
    },
}

fn shown(paths: &[PathBuf]) -> String {
    let shown: Vec<_> = paths.iter().map(|p| p.display().to_string()).collect();
    shown.join(", ")
}

/// The files `paths` name: files as given, folders expanded with [`scan`]; the whole suite
/// when `paths` is empty. Sorted and without repeats; what a folder walk skipped is listed.
/// A path that does not exist, or a selection without any vector, is an error.
pub fn expand(paths: &[PathBuf]) -> Result<Scan, SelectionError> {
    let default = [suite_dir()];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut out = Scan::default();
    for path in paths {
        if path.is_dir() {
            let found = scan(path).map_err(|source| SelectionError::Unreadable {
                path: path.clone(),
                source,
            })?;
            out.files.extend(found.files);
            out.skipped.extend(found.skipped);
        } else if path.exists() {
            out.files.push(path.clone());
        } else {
            return Err(SelectionError::Missing(path.clone()));
        }
    }
    out.files.sort();
    out.files.dedup();
    if out.files.is_empty() {
        return Err(SelectionError::Empty(paths.to_vec()));
    }
    Ok(out)
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// How a file is shown in reports: relative to the workspace root when inside it (so reports
/// do not depend on where the workspace is checked out), else as given.
pub fn display_path(path: &Path) -> String {
    let abs = absolute(path);
    match abs.strip_prefix(workspace_root()) {
        Ok(rel) => rel.display().to_string(),
        Err(_) => path.display().to_string(),
    }
}

/// The test name of a vector file: its path below the suite folder (or, outside it, its
/// shown path) without `.json`, folders joined by `::`.
pub fn test_name(path: &Path) -> String {
    let abs = absolute(path);
    let rel = match abs.strip_prefix(suite_dir()) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => PathBuf::from(display_path(path).trim_start_matches('/')),
    };
    let rel = rel.with_extension("");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("::")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths() {
        let file = suite_dir().join("challenge/and-false-child.json");
        assert_eq!(test_name(&file), "challenge::and-false-child");
        assert_eq!(
            display_path(&file),
            "vectors/challenge/and-false-child.json"
        );
        let files = vector_files(&suite_dir()).unwrap();
        assert!(files.iter().all(|f| is_vector_file(f)));
        assert!(!files.iter().any(|f| f.ends_with("schema.json")));
        let mut sorted = files.clone();
        sorted.sort();
        assert_eq!(files, sorted);
    }

    #[cfg(unix)]
    #[test]
    fn loops_fifos_and_empty_selections() {
        let dir = std::env::temp_dir().join(format!("ovm-discover-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/a.json"), "{}").unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
        let fifo = dir.join("pipe.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let found = scan(&dir).unwrap();
        assert_eq!(found.files, [dir.join("sub/a.json")]);
        assert!(found.skipped.iter().any(|(p, _)| p.ends_with("loop")));
        if made.is_ok_and(|s| s.success()) {
            assert!(found.skipped.iter().any(|(p, _)| p == &fifo), "{found:?}");
        }
        std::fs::create_dir_all(dir.join("empty")).unwrap();
        let err = expand(&[dir.join("empty")]).unwrap_err();
        assert!(matches!(err, SelectionError::Empty(_)), "{err}");
        assert!(err.to_string().starts_with("no vectors under"), "{err}");
        let err = expand(&[dir.join("missing")]).unwrap_err();
        assert!(matches!(err, SelectionError::Missing(_)), "{err}");
        assert!(err.to_string().contains("no such file"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
