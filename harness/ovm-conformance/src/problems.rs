//! A run's distinct problems: the divergences of every vector and every fuzz finding grouped
//! by cause (the same disagreement in many vectors and cases is one problem; one that follows
//! from an earlier step's is not counted), plus one problem per cause of an `unsupported`
//! status and per kind of error, each with how many vectors and fuzz cases show it, the spec
//! rules they name and up to three examples with their replay commands — most severe first:
//! verdicts, then events, gas and resource limits, then error identity, then missing
//! functions, then vectors or cases that could not run.

use crate::report::{Divergence, DivergenceClass, Status, VectorReport};
use serde::Serialize;
use std::collections::BTreeSet;

/// Examples kept per problem.
const EXAMPLES: usize = 3;

/// How bad a problem is (lower is worse).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A truth value, verdict, state or encoding differs.
    Verdict,
    /// Events, gas or a resource limit differ.
    Effect,
    /// Both halves fail, with other errors.
    ErrorIdentity,
    /// The contracts lack a function a vector needs.
    MissingFunction,
    /// The vector or case could not be run (or timed out).
    Unrunnable,
}

impl Severity {
    /// The severity of a divergence of `class`.
    pub fn of(class: DivergenceClass) -> Self {
        match class {
            DivergenceClass::WrongError => Self::ErrorIdentity,
            DivergenceClass::EventMismatch
            | DivergenceClass::GasOverBudget
            | DivergenceClass::Griefable
            | DivergenceClass::ResourceLimit => Self::Effect,
            _ => Self::Verdict,
        }
    }

    /// The identifier text and JSON use (`error_identity`).
    pub fn id(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// One example of a problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The vector's test name, or the fuzz case (`fuzz S case 2`).
    pub vector: String,
    /// The command that replays it.
    pub replay: String,
}

/// One distinct problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// How bad it is.
    pub severity: Severity,
    /// Its identity: a divergence's cause, `unsupported/<cause>` or `<status>/<reason>`.
    pub signature: String,
    /// Vectors that show it.
    pub vectors: u64,
    /// Fuzz cases that show it.
    #[serde(skip_serializing_if = "is_zero")]
    pub fuzz_cases: u64,
    /// The spec rules those vectors and cases name.
    pub rules: BTreeSet<String>,
    /// Up to three of them.
    pub examples: Vec<Example>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Where a problem was seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// In one vector.
    Vector,
    /// In this many fuzz cases (of one finding).
    FuzzCases(u64),
}

/// Collects the distinct problems of a run: [`Problems::add_vector`] for each vector report,
/// [`Problems::add_fuzz`] for each fuzz finding, then [`Problems::sorted`].
#[derive(Clone, Debug, Default)]
pub struct Problems {
    found: Vec<Problem>,
}

impl Problems {
    /// Adds what `report` shows: its divergences' causes (each once), its `unsupported`
    /// cause, or why it could not run.
    pub fn add_vector(&mut self, report: &VectorReport) {
        let mut seen = BTreeSet::new();
        let identities: Vec<(Severity, String)> = match report.status {
            // A divergence after the halves' states parted is a consequence, not a problem.
            Status::Fail => report
                .divergences
                .iter()
                .filter(|d| d.after.is_none())
                .map(|d| (Severity::of(d.class), cause(d)))
                .collect(),
            Status::Unsupported => vec![(
                Severity::MissingFunction,
                format!("unsupported/{}", report.reason),
            )],
            Status::Error | Status::Timeout => vec![(
                Severity::Unrunnable,
                format!(
                    "{}/{}",
                    report.status,
                    report.reason.lines().next().unwrap_or_default()
                ),
            )],
            Status::Pass | Status::Stale | Status::Skipped => Vec::new(),
        };
        let example = Example {
            vector: report.name.clone(),
            replay: report.replay.clone(),
        };
        for (severity, signature) in identities {
            if seen.insert(signature.clone()) {
                self.add(severity, signature, Seen::Vector, &report.rules, &example);
            }
        }
    }

    /// Adds a fuzz finding: its divergence (grouped by the same cause as a vector's), seen in
    /// `cases` cases, under the layer's `rules`.
    pub fn add_fuzz(
        &mut self,
        divergence: &Divergence,
        cases: u64,
        rules: &[String],
        example: &Example,
    ) {
        let severity = Severity::of(divergence.class);
        self.add(
            severity,
            cause(divergence),
            Seen::FuzzCases(cases),
            rules,
            example,
        );
    }

    /// Adds a fuzz case the engine could not run (`why`: its signature).
    pub fn add_unrunnable_fuzz(
        &mut self,
        why: &str,
        cases: u64,
        rules: &[String],
        example: &Example,
    ) {
        self.add(
            Severity::Unrunnable,
            why.to_owned(),
            Seen::FuzzCases(cases),
            rules,
            example,
        );
    }

    fn add(
        &mut self,
        severity: Severity,
        signature: String,
        seen: Seen,
        rules: &[String],
        example: &Example,
    ) {
        let problem = match self.found.iter_mut().position(|p| p.signature == signature) {
            Some(at) => &mut self.found[at],
            None => {
                self.found.push(Problem {
                    severity,
                    signature,
                    vectors: 0,
                    fuzz_cases: 0,
                    rules: BTreeSet::new(),
                    examples: Vec::new(),
                });
                self.found.last_mut().expect("just pushed")
            }
        };
        match seen {
            Seen::Vector => problem.vectors += 1,
            Seen::FuzzCases(n) => problem.fuzz_cases += n,
        }
        problem.rules.extend(rules.iter().cloned());
        if problem.examples.len() < EXAMPLES {
            problem.examples.push(example.clone());
        }
    }

    /// The problems, most severe first, then by how many vectors and cases show them, then
    /// by signature.
    pub fn sorted(mut self) -> Vec<Problem> {
        self.found.sort_by(|a, b| {
            let key = |p: &Problem| (p.severity, std::cmp::Reverse((p.vectors, p.fuzz_cases)));
            key(a)
                .cmp(&key(b))
                .then_with(|| a.signature.cmp(&b.signature))
        });
        self.found
    }
}

/// The distinct problems of `reports` ([`Problems`] of vectors only).
pub fn problems<'a>(reports: impl IntoIterator<Item = &'a VectorReport>) -> Vec<Problem> {
    let mut found = Problems::default();
    for report in reports {
        found.add_vector(report);
    }
    found.sorted()
}

/// Entry points that decide their property through `UAC.setPredicateDecision`.
const DECIDE_THROUGH_UAC: [&str; 5] = [
    "decideTrue",
    "decideFalse",
    "Not.decideTrue",
    "And.decideTrue",
    "setPredicateDecision",
];

/// What a divergence is grouped by: its signature, except for verdicts whose cause is one
/// contract function reached through several entry points —
/// - `UAC.challenge(X)` rejected by the spec with `InvalidChallenge` (and X's own
///   `isValidChallenge` answer) → `X.isValidChallenge`;
/// - an entry point that decides through `UAC.setPredicateDecision`, where the spec reverts
///   with error E → `UAC.setPredicateDecision/E`;
/// - an atomic's truth (whatever the expected value) → the atomic;
/// - a divergence the probe located at a node that disagrees on a verdict (a game lost, a
///   witness rejected because of a node below) → that node's cause (`outcome_flip/IsContained`,
///   `challenge_rejected_on_chain/And.isValidChallenge`).
fn cause(d: &Divergence) -> String {
    let class = d.class.id();
    if Severity::of(d.class) != Severity::Verdict {
        return d.signature();
    }
    if let Some(node) = d.node.as_ref().and_then(|n| n.cause.as_ref())
        && Severity::of(node.class) == Severity::Verdict
    {
        return node.signature();
    }
    let model_error = d
        .sides
        .iter()
        .find(|s| s.side == "model")
        .and_then(|s| s.value.strip_prefix("reverted "))
        .map(|e| e.split('(').next().unwrap_or(e));
    let challenged = d
        .subject
        .strip_prefix("UAC.challenge(")
        .and_then(|rest| rest.strip_suffix(')'));
    match (challenged, model_error) {
        (Some(connective), Some("InvalidChallenge")) => {
            return format!("{class}/{connective}.isValidChallenge");
        }
        (None, Some(error)) if DECIDE_THROUGH_UAC.contains(&d.subject.as_str()) => {
            return format!("{class}/UAC.setPredicateDecision/{error}");
        }
        _ => {}
    }
    if d.subject.ends_with(".isValidChallenge")
        || d.sides.iter().any(|s| s.side == "atomic::evaluate")
    {
        return format!("{class}/{}", d.subject);
    }
    d.signature()
}

/// The problems as text: `N distinct problem(s)`, then one block each.
pub fn text(problems: &[Problem]) -> String {
    let mut out = format!("{} distinct problem(s)\n", problems.len());
    for (i, p) in problems.iter().enumerate() {
        let rules: Vec<&str> = p.rules.iter().map(String::as_str).collect();
        let mut seen = Vec::new();
        if p.vectors > 0 {
            seen.push(format!("{} vector(s)", p.vectors));
        }
        if p.fuzz_cases > 0 {
            seen.push(format!("{} fuzz case(s)", p.fuzz_cases));
        }
        out.push_str(&format!(
            "{:>3}. [{}] {} — {}{}\n",
            i + 1,
            p.severity.id(),
            p.signature,
            seen.join(", "),
            if rules.is_empty() {
                String::new()
            } else {
                format!(", rules {}", rules.join(" "))
            }
        ));
        for e in &p.examples {
            out.push_str(&format!("       {}: {}\n", e.vector, e.replay));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Divergence, Stats};

    fn report(name: &str, status: Status, divergences: Vec<Divergence>) -> VectorReport {
        VectorReport {
            path: format!("{name}.json"),
            name: name.to_owned(),
            kind: None,
            description: String::new(),
            status,
            reason: "Equal.decide(bytes[]) missing".to_owned(),
            divergences,
            stats: Stats::default(),
            replay: format!("replay {name}"),
            rules: vec!["§5.Equal".to_owned()],
        }
    }

    #[test]
    fn divergences_group_by_signature_most_severe_first() {
        let flip = || Divergence::new(DivergenceClass::OutcomeFlip, "a").on("Equal");
        let wrong = Divergence::new(DivergenceClass::WrongError, "b").on("challenge");
        let reports = [
            report("a", Status::Fail, vec![wrong.clone(), flip(), flip()]),
            report("b", Status::Fail, vec![flip()]),
            report("c", Status::Unsupported, Vec::new()),
            report("d", Status::Pass, Vec::new()),
        ];
        let found = problems(&reports);
        let summary: Vec<(Severity, u64)> = found.iter().map(|p| (p.severity, p.vectors)).collect();
        assert_eq!(
            summary,
            [
                (Severity::Verdict, 2),
                (Severity::ErrorIdentity, 1),
                (Severity::MissingFunction, 1)
            ]
        );
        assert_eq!(found[0].examples.len(), 2);
        assert!(text(&found).starts_with("3 distinct problem(s)\n"));
    }

    #[test]
    fn one_cause_reached_through_several_entry_points_is_one_problem() {
        let flip = |subject: &str, model: &str| {
            Divergence::new(DivergenceClass::OutcomeFlip, "x")
                .on(subject)
                .side("model", model)
                .side("chain", "ok")
        };
        let reports = [
            report(
                "a",
                Status::Fail,
                vec![flip("Not.decideTrue", "reverted GameAlreadyDecided(id(p))")],
            ),
            report(
                "b",
                Status::Fail,
                vec![flip("decideTrue", "reverted GameAlreadyDecided(id(q))")],
            ),
            report(
                "c",
                Status::Fail,
                vec![flip("decideTrue", "reverted GameNotFound(id(q))")],
            ),
            report(
                "d",
                Status::Fail,
                vec![
                    flip(
                        "UAC.challenge(Or)",
                        "reverted InvalidChallenge(id(c), id(d))",
                    ),
                    Divergence::new(DivergenceClass::OutcomeFlip, "y")
                        .on("Or.isValidChallenge")
                        .side("decider mirror", "false")
                        .side("chain", "true"),
                ],
            ),
            report(
                "e",
                Status::Fail,
                vec![flip("claimProperty", "reverted GameAlreadyExists(id(p))")],
            ),
        ];
        let found: Vec<(String, u64)> = problems(&reports)
            .into_iter()
            .map(|p| (p.signature, p.vectors))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "outcome_flip/UAC.setPredicateDecision/GameAlreadyDecided".to_owned(),
                    2
                ),
                ("outcome_flip/Or.isValidChallenge".to_owned(), 1),
                (
                    "outcome_flip/UAC.setPredicateDecision/GameNotFound".to_owned(),
                    1
                ),
                (
                    "outcome_flip/claimProperty/model=revert,chain=ok".to_owned(),
                    1
                ),
            ]
        );
    }

    #[test]
    fn a_game_lost_at_a_node_joins_that_nodes_problem_with_its_fuzz_cases() {
        use crate::report::{NodeCause, NodeView};
        let atomic = Divergence::new(DivergenceClass::OutcomeFlip, "a")
            .on("IsContained")
            .side("atomic::evaluate", "True")
            .side("chain", "decide = false");
        let at = |class| {
            Some(NodeView {
                path: "claim.Not[0]".to_owned(),
                property: "IsContained(…)".to_owned(),
                decider: "True".to_owned(),
                chain: "decide = false".to_owned(),
                cause: Some(NodeCause {
                    class,
                    subject: "IsContained".to_owned(),
                }),
            })
        };
        let lost = Divergence::new(DivergenceClass::BlocksMismatch, "g")
            .on("NotDecided Not")
            .at(at(DivergenceClass::OutcomeFlip));
        let mut found = Problems::default();
        found.add_vector(&report("a", Status::Fail, vec![atomic]));
        let example = Example {
            vector: "fuzz G case 9".to_owned(),
            replay: "fuzz --layers G".to_owned(),
        };
        found.add_fuzz(&lost, 2, &["§9.G".to_owned()], &example);
        // A node that differs only in an error does not explain a lost game.
        let named = Divergence::new(DivergenceClass::BlocksMismatch, "g")
            .on("NotDecided Not")
            .at(at(DivergenceClass::WrongError));
        found.add_fuzz(&named, 1, &["§9.G".to_owned()], &example);
        let found = found.sorted();
        let summary: Vec<(&str, u64, u64)> = found
            .iter()
            .map(|p| (p.signature.as_str(), p.vectors, p.fuzz_cases))
            .collect();
        assert_eq!(
            summary,
            [
                ("outcome_flip/IsContained", 1, 2),
                ("blocks_mismatch/NotDecided Not/", 0, 1)
            ]
        );
        assert!(found[0].rules.contains("§9.G"), "{:?}", found[0].rules);
        assert_eq!(found[0].examples[1], example);
        assert!(
            text(&found).contains("— 1 vector(s), 2 fuzz case(s), rules"),
            "{}",
            text(&found)
        );
    }
}
