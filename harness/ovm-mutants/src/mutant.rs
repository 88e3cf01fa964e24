//! One mutant, from either generator, and what the gate found out about it.

use serde::Serialize;

/// Which half of the OVM a mutant changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// A Rust mutant of `ovm-core` or `ovm-decider` (cargo-mutants).
    Rust,
    /// A Solidity mutant of `contracts/src` (universalmutator).
    Solidity,
}

impl Side {
    /// The name used in the report and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Side::Rust => "rust",
            Side::Solidity => "solidity",
        }
    }
}

/// A change to one source file of the scratch tree.
#[derive(Clone, Debug)]
pub struct Mutant {
    /// Which half it changes.
    pub side: Side,
    /// Its name: file, line and change, as the report prints it.
    pub name: String,
    /// The stable key the equivalent list uses: the file and the change, without line numbers
    /// (a line number moves with every edit above it).
    pub key: String,
    /// The file it changes, relative to the workspace root.
    pub file: String,
    /// The whole file with the mutation applied.
    pub mutated: String,
    /// A short unified-style description of the change (`-` old line, `+` new line).
    pub diff: String,
}

/// What judging a mutant came to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The conformance suite failed on it: `by` names the first failing vector or fuzz
    /// signature, `vectors` and `fuzz` how many of each failed.
    Killed {
        /// The first failure, as the suite printed it.
        by: String,
        /// Failing vectors.
        vectors: usize,
        /// Distinct fuzz bug signatures.
        fuzz: usize,
    },
    /// The suite ran longer than the gate's limit (counted as killed: a hang is caught).
    Timeout,
    /// The suite passed: the mutant survived.
    Survived,
    /// It does not build (Rust) or compile (Solidity): not a viable mutant.
    Unviable {
        /// The compiler's first error.
        why: String,
    },
    /// Its build is byte-for-byte the unmutated one (Solidity: the same bytecode), so no
    /// behaviour changed; not judged.
    SameCode,
}

impl Verdict {
    /// Viable mutants are the ones the kill rate is about.
    pub fn is_viable(&self) -> bool {
        !matches!(self, Verdict::Unviable { .. })
    }

    /// Killed or timed out.
    pub fn is_caught(&self) -> bool {
        matches!(self, Verdict::Killed { .. } | Verdict::Timeout)
    }
}

/// Reduces a line to its content for the equivalence key: trimmed, inner whitespace runs
/// collapsed.
pub fn normalize(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The region `mutated` changes in `original`: `(first line, 1-based; old lines; new lines)`,
/// found by trimming the common prefix and suffix of lines. `None` when they are equal.
pub fn changed_region(original: &str, mutated: &str) -> Option<(usize, Vec<String>, Vec<String>)> {
    let old: Vec<&str> = original.lines().collect();
    let new: Vec<&str> = mutated.lines().collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let owned = |lines: &[&str]| lines.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>();
    let old_lines = owned(&old[prefix..old.len() - suffix]);
    let new_lines = owned(&new[prefix..new.len() - suffix]);
    (!old_lines.is_empty() || !new_lines.is_empty()).then_some((prefix + 1, old_lines, new_lines))
}

/// `-`/`+` lines of a changed region, for the report.
pub fn region_diff(old: &[String], new: &[String]) -> String {
    let minus = old.iter().map(|l| format!("-{l}\n"));
    let plus = new.iter().map(|l| format!("+{l}\n"));
    minus.chain(plus).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_region_is_what_differs_between_common_ends() {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            changed_region("a\nb\nc\n", "a\nB\nc\n"),
            Some((2, s(&["b"]), s(&["B"])))
        );
        assert_eq!(
            changed_region("a\nc\n", "a\nbreak;\nc\n"),
            Some((2, s(&[]), s(&["break;"])))
        );
        assert_eq!(
            changed_region("a\nb\n", "a\n"),
            Some((2, s(&["b"]), s(&[])))
        );
        assert_eq!(
            changed_region("a\na\n", "a\n"),
            Some((2, s(&["a"]), s(&[])))
        );
        assert_eq!(changed_region("a\n", "a\n"), None);
    }

    #[test]
    fn normalize_collapses_whitespace() {
        assert_eq!(normalize("  if (a  ==\tb) {"), "if (a == b) {");
    }
}
