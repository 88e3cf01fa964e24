//! Loads every vector under `vectors/` (or the files given) and rewrites it in canonical form
//! (`to_pretty_json`): `cargo run -p ovm-vectors --example canonicalize [FILES…]`.
//! Prints the files that changed; exits non-zero on the first file that does not load.

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "json")
            && path.file_name().is_some_and(|n| n != "schema.json")
        {
            out.push(path);
        }
    }
}

fn main() {
    let mut files: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if files.is_empty() {
        let root = Path::new(ovm_vectors::SCHEMA_PATH)
            .parent()
            .expect("the schema lives in vectors/");
        collect(root, &mut files);
    }
    for file in files {
        let vector = match ovm_vectors::load(&file) {
            Ok(vector) => vector,
            Err(err) => {
                eprintln!("{err}");
                std::process::exit(1);
            }
        };
        let text = ovm_vectors::to_pretty_json(&vector);
        let old = std::fs::read_to_string(&file).expect("the file was just read");
        if old != text {
            std::fs::write(&file, text)
                .unwrap_or_else(|err| panic!("cannot write {}: {err}", file.display()));
            println!("rewrote {}", file.display());
        }
    }
}
