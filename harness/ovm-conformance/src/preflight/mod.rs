//! ABI preflight: before anything runs, which of the functions and events the engine uses each
//! contract under test offers. The contracts are deployed by their plan (by default the spec's:
//! the UAC's `constructor(uint256 period)`, each predicate's `constructor(address uac)`, the
//! one-shot `initialize`); each deployed contract's runtime code is then scanned for the selectors and
//! event topics of its surface (`ovm_chain::surface`), and each view the spec says never
//! reverts is called once with harmless inputs (`views`). One checklist answers "what does the
//! harness call, and what does my implementation lack or break?" before any vector fails for it.

mod abi_page;
mod unknown_events;
mod views;

pub use abi_page::abi_markdown;
pub use unknown_events::{UnknownEvent, UnknownEvents, unknown_events_text};
pub use views::RevertingView;

use crate::contracts::Contracts;
use ovm_chain::{
    Chain, DEPLOYER, Deployment,
    plan::Wiring,
    surface::{Constants, surfaces},
};
use ovm_core::{Address, AtomicKind, ConnectiveKind, PredicateKind};
use ovm_vectors::{Call, Check, Expr, Step, Vector};
use serde::Serialize;

/// A function a vector needs: the contract's index in the deployment order and the
/// function's name.
pub type Need = (usize, &'static str);

/// The UAC's index in the deployment order.
const UAC: usize = 0;
/// `CommitmentContract`'s.
const COMMITMENT: usize = 15;

/// The index of `kind`'s contract in the deployment order.
fn contract_of(kind: PredicateKind) -> usize {
    match kind {
        PredicateKind::Connective(c) => {
            1 + ConnectiveKind::ALL
                .iter()
                .position(|k| *k == c)
                .unwrap_or(0)
        }
        PredicateKind::Atomic(a) => 6 + AtomicKind::ALL.iter().position(|k| *k == a).unwrap_or(0),
    }
}

/// The index of connective `kind`'s contract.
fn connective(kind: ConnectiveKind) -> usize {
    contract_of(PredicateKind::Connective(kind))
}

/// The contract of a claim written by its predicate's name (none for a literal address).
fn claimed(expr: &Expr) -> Option<usize> {
    match expr {
        Expr::Predicate { kind, .. } => Some(contract_of(*kind)),
        Expr::At { .. } => None,
    }
}

/// The functions running `vector` calls directly or through the UAC (the deployment's own
/// `initialize` aside): what a vector cannot be judged without.
pub fn needs(vector: &Vector) -> Vec<Need> {
    let mut needs = Vec::new();
    match vector {
        Vector::Encoding(v) => {
            for check in &v.checks {
                needs.push(match check {
                    Check::Id { .. } => (UAC, "getPropertyId"),
                    Check::IsProperty { .. } => (UAC, "isProperty"),
                    Check::Placeholder { .. } => (UAC, "isPlaceholder"),
                    Check::Depth { .. } => (UAC, "depthOf"),
                    Check::Subst { .. } => (connective(ConnectiveKind::ForAll), "subst"),
                    Check::Admissible { .. } => {
                        (connective(ConnectiveKind::ForAll), "isAdmissible")
                    }
                });
            }
        }
        Vector::Atomic(v) => {
            let atomic = contract_of(PredicateKind::Atomic(v.predicate.0));
            needs.extend([
                (UAC, "claimProperty"),
                (atomic, "decide"),
                (atomic, "decideTrue"),
                (atomic, "decideFalse"),
            ]);
        }
        Vector::Challenge(v) => {
            needs.extend([(UAC, "claimProperty"), (UAC, "challenge")]);
            needs.extend(claimed(&v.claim).map(|c| (c, "isValidChallenge")));
        }
        Vector::Witness(v) => {
            needs.extend([(UAC, "claimProperty"), (UAC, "decideClaimWithWitness")]);
            needs.extend(claimed(&v.claim).map(|c| (c, "decideWithWitness")));
        }
        Vector::Uac(v) => {
            needs.push((UAC, "getGame"));
            for step in &v.steps {
                match step {
                    Step::Advance(_) => {}
                    Step::View(view) => needs.push((UAC, view.name())),
                    Step::Call(call) => needs.push(call_need(call)),
                }
            }
        }
        Vector::Game(_) => needs.extend(
            [
                "claimProperty",
                "challenge",
                "removeChallenge",
                "decideClaimToTrue",
                "decideClaimToFalse",
                "decideClaimWithWitness",
                "getGame",
            ]
            .map(|f| (UAC, f)),
        ),
    }
    needs
}

/// The function `call` sends.
fn call_need(call: &Call) -> Need {
    match call {
        Call::DecideTrue { predicate, .. } => (
            contract_of(PredicateKind::Atomic(predicate.0)),
            "decideTrue",
        ),
        Call::DecideFalse { predicate, .. } => (
            contract_of(PredicateKind::Atomic(predicate.0)),
            "decideFalse",
        ),
        Call::NotDecideTrue { .. } => (connective(ConnectiveKind::Not), "decideTrue"),
        Call::AndDecideTrue { .. } => (connective(ConnectiveKind::And), "decideTrue"),
        Call::SubmitRoot { .. } => (COMMITMENT, "submitRoot"),
        other => (UAC, other.method()),
    }
}

/// What one contract under test offers of its surface.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContractCheck {
    /// The contract's role (its name in the bundled deployment).
    pub contract: &'static str,
    /// Where the deployment put it.
    pub address: Address,
    /// Whether it has runtime code (false when the deployment stopped before it).
    pub deployed: bool,
    /// Functions of its surface it dispatches on.
    pub functions: usize,
    /// The signatures of those it does not.
    pub missing_functions: Vec<&'static str>,
    /// Optional functions (`initialize` where the plan's wiring replaces it) it does not
    /// dispatch on: not a problem of the contracts, but the vectors that call them are
    /// unsupported ([`Preflight::lacking`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_optional: Vec<&'static str>,
    /// Events of its surface it can emit.
    pub events: usize,
    /// The signatures of those it cannot.
    pub missing_events: Vec<&'static str>,
    /// Views of its surface the spec says never revert that answered a harmless call.
    pub views: usize,
    /// Those that reverted on it (or answered undecodably).
    pub reverting_views: Vec<RevertingView>,
}

impl ContractCheck {
    /// Whether the contract is deployed, offers its whole surface and its views answer.
    pub fn is_complete(&self) -> bool {
        self.deployed
            && self.missing_functions.is_empty()
            && self.missing_events.is_empty()
            && self.reverting_views.is_empty()
    }
}

/// The preflight of a set of contracts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Preflight {
    /// What the contracts are (`Contracts::describe`).
    pub contracts: String,
    /// Why the deployment failed, if it did.
    pub deployment_error: Option<String>,
    /// One check per contract, in deployment order.
    pub checks: Vec<ContractCheck>,
}

impl Preflight {
    /// Deploys `contracts` with the vectors' default dispute period and checks each.
    pub fn run(contracts: &Contracts) -> Self {
        let period = ovm_vectors::DEFAULT_PERIOD;
        let mut chain = Chain::new();
        let predicted = Deployment::predicted(DEPLOYER, chain.nonce(DEPLOYER), period);
        let deployment_error = chain
            .deploy_plan(DEPLOYER, period, contracts.plan())
            .err()
            .map(|e| e.to_string());
        // `initialize` is part of the surface only where the plan's wiring sends it.
        let sends_initialize = contracts.plan().wiring.contains(&Wiring::Initialize);
        let used = |signature: &str| sends_initialize || !signature.starts_with("initialize(");
        let checks = surfaces()
            .into_iter()
            .zip(predicted.all())
            .enumerate()
            .map(|(index, (mut surface, (_, address)))| {
                let code = chain.code(address);
                let constants = Constants::of(&code);
                let missing_optional: Vec<&'static str> = surface
                    .functions
                    .iter()
                    .filter(|f| !used(f.signature) && !constants.dispatches(f))
                    .map(|f| f.signature)
                    .collect();
                surface.functions.retain(|f| used(f.signature));
                let missing_functions: Vec<&'static str> = surface
                    .functions
                    .iter()
                    .filter(|f| !constants.dispatches(f))
                    .map(|f| f.signature)
                    .collect();
                let missing_events: Vec<&'static str> = surface
                    .events
                    .iter()
                    .filter(|e| !constants.emits(e))
                    .map(|e| e.signature)
                    .collect();
                let views = if code.is_empty() {
                    views::ViewProbe::default()
                } else {
                    views::probe_views(&mut chain, index, address, &missing_functions)
                };
                ContractCheck {
                    contract: surface.contract,
                    address,
                    deployed: !code.is_empty(),
                    functions: surface.functions.len() - missing_functions.len(),
                    missing_functions,
                    missing_optional,
                    events: surface.events.len() - missing_events.len(),
                    missing_events,
                    views: views.answered,
                    reverting_views: views.reverting,
                }
            })
            .collect();
        Self {
            contracts: contracts.describe(),
            deployment_error,
            checks,
        }
    }

    /// Whether the deployment succeeded and every contract offers its whole surface, its
    /// never-reverting views answering.
    pub fn is_complete(&self) -> bool {
        self.deployment_error.is_none() && self.checks.iter().all(ContractCheck::is_complete)
    }

    /// The first of `needs` the contracts lack, as `Contract.signature`.
    pub fn lacking(&self, needs: &[Need]) -> Option<String> {
        needs.iter().find_map(|(contract, function)| {
            let check = self.checks.get(*contract)?;
            check
                .missing_functions
                .iter()
                .chain(&check.missing_optional)
                .find(|signature| signature.split('(').next() == Some(*function))
                .map(|signature| format!("{}.{signature}", check.contract))
        })
    }

    /// The checklist, one line per contract and one per missing item.
    pub fn text(&self) -> String {
        self.render(false)
    }

    /// [`Preflight::text`] with the contracts that pass every check folded into one line (the
    /// `run --summary` form): what is left is what needs attention.
    pub fn brief(&self) -> String {
        self.render(true)
    }

    fn render(&self, fold_complete: bool) -> String {
        let mut out = format!("preflight of {}\n", self.contracts);
        let folded = |c: &ContractCheck| fold_complete && c.deployed && c.is_complete();
        for c in self.checks.iter().filter(|c| !folded(c)) {
            let total_f = c.functions + c.missing_functions.len();
            let total_e = c.events + c.missing_events.len();
            let mark = if !c.deployed {
                "not deployed"
            } else if c.is_complete() {
                "ok"
            } else if c.missing_functions.is_empty() && c.missing_events.is_empty() {
                "REVERTS"
            } else {
                "MISSING"
            };
            out.push_str(&format!(
                "  {:<31} {:<13} functions {}/{total_f}",
                c.contract, mark, c.functions
            ));
            if total_e > 0 {
                out.push_str(&format!(", events {}/{total_e}", c.events));
            }
            let total_v = c.views + c.reverting_views.len();
            if total_v > 0 {
                out.push_str(&format!(", views {}/{total_v} answer", c.views));
            }
            out.push('\n');
            for f in &c.missing_functions {
                out.push_str(&format!("      missing function {f}\n"));
            }
            for e in &c.missing_events {
                out.push_str(&format!("      missing event    {e}\n"));
            }
            for v in &c.reverting_views {
                out.push_str(&format!(
                    "      reverts          {} on harmless inputs ({})\n",
                    v.signature, v.failure
                ));
            }
        }
        let ok = self.checks.iter().filter(|c| folded(c)).count();
        if ok > 0 {
            out.push_str(&format!(
                "  {ok} other contract(s) ok: every function, event and view checked\n"
            ));
        }
        match &self.deployment_error {
            Some(error) => out.push_str(&format!("  deployment failed: {error}\n")),
            None => out.push_str("  deployment: ok (constructors and wiring)\n"),
        }
        out.push_str(if self.is_complete() {
            "preflight: every function and event the harness uses is present, every view answers\n"
        } else {
            "preflight: the contracts lack or break part of what the harness uses (above)\n"
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_contracts_pass_the_preflight() {
        let preflight = Preflight::run(&Contracts::bundled());
        assert!(preflight.is_complete(), "{}", preflight.text());
        assert!(
            preflight
                .brief()
                .contains("16 other contract(s) ok: every function, event and view checked"),
            "{}",
            preflight.brief()
        );
        assert_eq!(preflight.checks.len(), 16);
        assert_eq!(preflight.checks[0].functions, 17);
    }
}
