//! A run's distinct problems: the divergences of every vector grouped by signature (the same
//! disagreement in many vectors is one problem; one that follows from an earlier step's is
//! not counted), plus one problem per cause of an
//! `unsupported` status and per kind of error, each with how many vectors show it, the spec
//! rules those vectors name and up to three examples with their replay commands — most severe
//! first: verdicts, then events, gas and resource limits, then error identity, then missing
//! functions, then vectors that could not run.

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
    /// The vector could not be run (or timed out).
    Unrunnable,
}

impl Severity {
    fn of(class: DivergenceClass) -> Self {
        match class {
            DivergenceClass::WrongError => Self::ErrorIdentity,
            DivergenceClass::EventMismatch
            | DivergenceClass::GasOverBudget
            | DivergenceClass::ResourceLimit => Self::Effect,
            _ => Self::Verdict,
        }
    }
}

/// One example of a problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The vector's test name.
    pub vector: String,
    /// The command that replays it.
    pub replay: String,
}

/// One distinct problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// How bad it is.
    pub severity: Severity,
    /// Its identity: a divergence signature, `unsupported/<cause>` or `<status>/<reason>`.
    pub signature: String,
    /// Vectors that show it.
    pub vectors: u64,
    /// The spec rules those vectors name.
    pub rules: BTreeSet<String>,
    /// Up to three of them.
    pub examples: Vec<Example>,
}

/// The distinct problems of `reports`, most severe first, then by how many vectors show
/// them, then by signature.
pub fn problems<'a>(reports: impl IntoIterator<Item = &'a VectorReport>) -> Vec<Problem> {
    let mut found: Vec<Problem> = Vec::new();
    for report in reports {
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
        for (severity, signature) in identities {
            if !seen.insert(signature.clone()) {
                continue;
            }
            let problem = match found.iter_mut().find(|p| p.signature == signature) {
                Some(problem) => problem,
                None => {
                    found.push(Problem {
                        severity,
                        signature,
                        vectors: 0,
                        rules: BTreeSet::new(),
                        examples: Vec::new(),
                    });
                    found.last_mut().expect("just pushed")
                }
            };
            problem.vectors += 1;
            problem.rules.extend(report.rules.iter().cloned());
            if problem.examples.len() < EXAMPLES {
                problem.examples.push(Example {
                    vector: report.name.clone(),
                    replay: report.replay.clone(),
                });
            }
        }
    }
    found.sort_by(|a, b| {
        (a.severity, std::cmp::Reverse(a.vectors), &a.signature).cmp(&(
            b.severity,
            std::cmp::Reverse(b.vectors),
            &b.signature,
        ))
    });
    found
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
/// - an atomic's truth (whatever the expected value) → the atomic.
fn cause(d: &Divergence) -> String {
    let class = d.signature();
    let class = class.split('/').next().unwrap_or_default();
    if Severity::of(d.class) != Severity::Verdict {
        return d.signature();
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
        out.push_str(&format!(
            "{:>3}. [{}] {} — {} vector(s){}\n",
            i + 1,
            serde_json::to_value(p.severity)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            p.signature,
            p.vectors,
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
}
