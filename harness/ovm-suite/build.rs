//! Embeds every vector file of `<workspace>/vectors` (or `$OVM_VECTORS_DIR`): writes
//! `$OUT_DIR/bundled.rs`, one `include_str!` per `*.json` file except `schema.json`, sorted by
//! path. `include_str!` makes rustc track each file's contents; the folder itself is watched, so
//! adding or removing a vector rebuilds the crate too. Only regular files and real folders are
//! read (symlinks are not followed), so a link loop or a FIFO cannot hang the build.

use std::{
    fmt::Write as _,
    fs,
    path::{Path, PathBuf},
    process::ExitCode,
};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let manifest_dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    println!("cargo:rerun-if-env-changed=OVM_VECTORS_DIR");
    let dir = match std::env::var_os("OVM_VECTORS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => manifest_dir.join("../../vectors"),
    };
    let dir = dir
        .canonicalize()
        .map_err(|e| format!("vectors folder {} not found: {e}", dir.display()))?;
    println!("cargo:rerun-if-changed={}", dir.display());

    let mut files = Vec::new();
    walk(&dir, &mut files)?;
    let mut entries = files
        .iter()
        .map(|file| {
            let relative = file
                .strip_prefix(&dir)
                .map_err(|e| e.to_string())?
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            Ok((relative, file.display().to_string()))
        })
        .collect::<Result<Vec<_>, String>>()?;
    // Sorted as strings (the order `vectors()` promises), not by path components.
    entries.sort();
    let mut out = String::from("&[\n");
    for (relative, file) in &entries {
        let _ = writeln!(
            out,
            "    BundledVector {{ path: {relative:?}, json: include_str!({file:?}) }},"
        );
    }
    out.push_str("]\n");
    let path = out_dir.join("bundled.rs");
    fs::write(&path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file()
            && path.extension().is_some_and(|e| e == "json")
            && path.file_name().is_some_and(|n| n != "schema.json")
        {
            out.push(path);
        }
    }
    Ok(())
}
