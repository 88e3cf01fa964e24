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

/// Every vector file under `dir` (recursively; `*.json` except `schema.json`), sorted.
pub fn vector_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if is_vector_file(&path) {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    files.sort();
    Ok(files)
}

/// Whether `path` names a vector file (`*.json`, not `schema.json`).
pub fn is_vector_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json")
        && path.file_name().is_some_and(|n| n != "schema.json")
}

/// The files `paths` name: files as given, folders expanded with [`vector_files`]; the whole
/// suite when `paths` is empty. Sorted and without repeats.
pub fn expand(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    if paths.is_empty() {
        return vector_files(&suite_dir());
    }
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            out.extend(vector_files(path)?);
        } else if path.exists() {
            out.push(path.clone());
        } else {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{}: no such file or folder", path.display()),
            ));
        }
    }
    out.sort();
    out.dedup();
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
}
