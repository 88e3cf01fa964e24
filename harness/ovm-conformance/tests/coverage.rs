//! Rule coverage of the suite: every rule id a vector names is a spec rule (`src/rules.rs`),
//! and every spec rule has at least one vector — except the rules listed in the temporary
//! allow-list `coverage-gaps.txt`, which may only shrink (a listed rule that now has a vector
//! fails too, so its line gets deleted).

use ovm_conformance::{
    Coverage,
    coverage::{GAPS_FILE, allowed_gaps},
    discover, rules,
};

fn suite() -> Coverage {
    let files = discover::vector_files(&discover::suite_dir()).expect("vectors/ is readable");
    Coverage::of(&files)
}

#[test]
fn every_rule_id_named_by_a_vector_is_a_spec_rule() {
    let coverage = suite();
    assert!(
        coverage.unknown.is_empty(),
        "rule ids that src/rules.rs does not list (typo, or a rule to add there): {:?}",
        coverage.unknown
    );
}

#[test]
fn every_rule_has_a_vector_unless_allow_listed() {
    let coverage = suite();
    let allowed = allowed_gaps().expect("coverage-gaps.txt is readable");
    let missing: Vec<&str> = coverage
        .gaps()
        .into_iter()
        .filter(|id| !allowed.iter().any(|a| a == id))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without any vector (add a vector naming them in _info.rules): {missing:?}\n{}",
        coverage.table()
    );
}

#[test]
fn the_allow_list_names_only_current_gaps() {
    let coverage = suite();
    let allowed = allowed_gaps().expect("coverage-gaps.txt is readable");
    for id in &allowed {
        assert!(
            rules::is_known(id),
            "{GAPS_FILE}: {id:?} is not a spec rule"
        );
        assert_eq!(
            coverage.count(id),
            0,
            "{GAPS_FILE}: {id} has a vector now; delete its line"
        );
    }
    let mut sorted = allowed.clone();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        allowed.len(),
        "{GAPS_FILE} lists a rule twice"
    );
}

#[test]
fn the_table_lists_every_rule() {
    let table = suite().table();
    for rule in rules::RULES {
        assert!(table.contains(rule.id), "{} missing from\n{table}", rule.id);
    }
}
