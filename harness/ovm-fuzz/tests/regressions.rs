//! Every regression vector the fuzzer ever wrote (`vectors/regressions/`) replays: the two
//! halves must agree on it, forever.

use ovm_fuzz::{env::Env, regress, subject::Reference};

#[test]
fn regressions_replay() {
    let files = regress::vector_files(&regress::default_dir());
    if files.is_empty() {
        return;
    }
    let env = Env::new().expect("the OVM deploys");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            regress::replay_file(&env, &Reference::new(), path)
                .err()
                .map(|d| format!("{}: {d}", path.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
