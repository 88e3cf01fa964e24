//! The lcov tracefile of a [`Report`] (what genhtml and editors read): one record per source
//! file with an instrumented line, in path order, paths relative to the workspace root.
//!
//! ```text
//! TN:
//! SF:contracts/src/predicates/NotPredicate.sol
//! DA:<line>,<count>
//! BRDA:<line>,<block>,<0 jump | 1 fall>,<count or - when the JUMPI never ran>
//! LF:<lines> LH:<lines hit> BRF:<outcomes> BRH:<outcomes reached>
//! end_of_record
//! ```
//!
//! A line's count is the sum over the contracts of its count in each; every branch point of
//! every contract is its own block, numbered per file in (line, contract, pc) order. No `FN`
//! records (function ranges would need the AST). The same report gives the same bytes.

use std::{collections::BTreeMap, fmt::Write as _};

use super::{Branch, Outcome, Report};

/// Renders `report` as an lcov tracefile.
pub fn render(report: &Report) -> String {
    let mut lines: BTreeMap<usize, BTreeMap<u32, u64>> = BTreeMap::new();
    let mut branches: BTreeMap<usize, Vec<(u32, usize, &Branch)>> = BTreeMap::new();
    for (index, contract) in report.contracts.iter().enumerate() {
        for (at, count) in &contract.lines {
            *lines
                .entry(at.source)
                .or_default()
                .entry(at.line)
                .or_insert(0) += count;
        }
        for b in &contract.branches {
            branches
                .entry(b.at.source)
                .or_default()
                .push((b.at.line, index, b));
        }
    }
    let mut out = String::new();
    for (source, file_lines) in &lines {
        let _ = writeln!(out, "TN:\nSF:{}", Report::path(*source));
        for (line, count) in file_lines {
            let _ = writeln!(out, "DA:{line},{count}");
        }
        let mut file_branches = branches.remove(source).unwrap_or_default();
        file_branches.sort_by_key(|&(line, contract, b)| (line, contract, b.pc));
        let (mut found, mut hit) = (0, 0);
        for (block, (line, _, b)) in file_branches.iter().enumerate() {
            for (number, outcome) in Outcome::BOTH.into_iter().enumerate() {
                let count = b.count(outcome);
                found += 1;
                if count > 0 {
                    hit += 1;
                }
                if b.executed == 0 {
                    let _ = writeln!(out, "BRDA:{line},{block},{number},-");
                } else {
                    let _ = writeln!(out, "BRDA:{line},{block},{number},{count}");
                }
            }
        }
        let lines_hit = file_lines.values().filter(|&&n| n > 0).count();
        let _ = writeln!(
            out,
            "LF:{}\nLH:{lines_hit}\nBRF:{found}\nBRH:{hit}\nend_of_record",
            file_lines.len()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::{ContractReport, Line};

    fn branch(line: u32, pc: usize, executed: u64, jumped: u64) -> Branch {
        Branch {
            at: Line { source: 0, line },
            snippet: "if (x)".into(),
            nth: 0,
            pc,
            executed,
            jumped,
        }
    }

    #[test]
    fn renders_lines_and_branches_per_file() {
        let at = |line| Line { source: 0, line };
        let a = ContractReport {
            name: "A",
            lines: [(at(3), 2), (at(5), 0)].into_iter().collect(),
            branches: vec![branch(5, 40, 0, 0), branch(3, 10, 2, 1)],
        };
        let b = ContractReport {
            name: "B",
            lines: [(at(3), 1)].into_iter().collect(),
            branches: vec![branch(3, 7, 4, 4)],
        };
        let text = render(&Report {
            contracts: vec![a, b],
        });
        let path = Report::path(0);
        assert_eq!(
            text,
            format!(
                "TN:\nSF:{path}\nDA:3,3\nDA:5,0\n\
                 BRDA:3,0,0,1\nBRDA:3,0,1,1\nBRDA:3,1,0,4\nBRDA:3,1,1,0\n\
                 BRDA:5,2,0,-\nBRDA:5,2,1,-\n\
                 LF:2\nLH:1\nBRF:6\nBRH:3\nend_of_record\n"
            )
        );
        assert!(path.starts_with("contracts/src/"), "{path}");
    }
}
