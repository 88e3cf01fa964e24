//! Copies the contracts this crate was just built from into `contracts/artifacts/`, the
//! committed copy that lets the harness build without Node or solc.
//!
//! ```sh
//! npm ci --prefix contracts && cargo run -p ovm-chain --bin refresh-artifacts
//! ```
//!
//! Building this binary runs the build script, which compiles `contracts/src` whenever the
//! committed artifacts do not match it; this binary then replaces the committed files with
//! that build (each file written to a temporary name and renamed, so an interruption never
//! leaves a torn artifact) and removes artifacts of contracts that no longer exist.

use ovm_chain::artifacts::{BUILD_ARTIFACTS_DIR, CONTRACTS_DIR, INPUTS_HASH, STALE};
use std::{
    collections::BTreeSet,
    fs, io,
    path::{Path, PathBuf},
    process::ExitCode,
};

fn main() -> ExitCode {
    let target = Path::new(CONTRACTS_DIR).join("artifacts");
    match refresh(Path::new(BUILD_ARTIFACTS_DIR), &target) {
        Ok(changed) if STALE.is_none() && changed == 0 => {
            println!("{} is up to date (inputs {INPUTS_HASH})", target.display());
            ExitCode::SUCCESS
        }
        Ok(changed) => {
            println!(
                "{}: {changed} file(s) written or removed (inputs {INPUTS_HASH}); commit them",
                target.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: refreshing {}: {err}", target.display());
            ExitCode::FAILURE
        }
    }
}

/// Makes `target`'s `*.json` files equal to `source`'s; returns how many changed.
fn refresh(source: &Path, target: &Path) -> io::Result<usize> {
    fs::create_dir_all(target)?;
    let wanted = json_files(source)?;
    let mut changed = 0;
    for name in &wanted {
        let text = fs::read(source.join(name))?;
        let path = target.join(name);
        if fs::read(&path).ok().as_deref() == Some(&text[..]) {
            continue;
        }
        let temp = target.join(format!(".{name}.tmp"));
        fs::write(&temp, &text)?;
        fs::rename(&temp, &path)?;
        changed += 1;
    }
    for name in json_files(target)?.difference(&wanted) {
        fs::remove_file(target.join(name))?;
        changed += 1;
    }
    Ok(changed)
}

fn json_files(dir: &Path) -> io::Result<BTreeSet<String>> {
    let mut names = BTreeSet::new();
    for entry in fs::read_dir(dir)? {
        let path: PathBuf = entry?.path();
        if path.extension().is_some_and(|e| e == "json")
            && let Some(name) = path.file_name().and_then(|n| n.to_str())
        {
            names.insert(name.to_owned());
        }
    }
    Ok(names)
}
