//! ABI preflight: before anything runs, which of the functions and events the engine uses each
//! contract under test offers. The contracts are deployed by their plan (by default the spec's:
//! the UAC's `constructor(uint256 period)`, each predicate's `constructor(address uac)`, the
//! one-shot `initialize`); each deployed contract's runtime code is then scanned for the selectors and
//! event topics of its surface (`ovm_chain::surface`). One checklist answers "what does the
//! harness call, and what does my implementation lack?" before any vector fails for it.

use crate::contracts::Contracts;
use ovm_chain::{
    Chain, DEPLOYER, Deployment, TxRecord,
    plan::Wiring,
    surface::{Constants, surfaces},
};
use ovm_core::{Address, AtomicKind, B256, ConnectiveKind, PredicateKind};
use ovm_vectors::{Call, Check, Expr, Step, Vector};
use serde::Serialize;
use std::{collections::BTreeMap, sync::Mutex};

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
    /// Events of its surface it can emit.
    pub events: usize,
    /// The signatures of those it cannot.
    pub missing_events: Vec<&'static str>,
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
            .map(|(mut surface, (_, address))| {
                surface.functions.retain(|f| used(f.signature));
                let code = chain.code(address);
                let constants = Constants::of(&code);
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
                ContractCheck {
                    contract: surface.contract,
                    address,
                    deployed: !code.is_empty(),
                    functions: surface.functions.len() - missing_functions.len(),
                    missing_functions,
                    events: surface.events.len() - missing_events.len(),
                    missing_events,
                }
            })
            .collect();
        Self {
            contracts: contracts.describe(),
            deployment_error,
            checks,
        }
    }

    /// Whether the deployment succeeded and every contract offers its whole surface.
    pub fn is_complete(&self) -> bool {
        self.deployment_error.is_none()
            && self.checks.iter().all(|c| {
                c.deployed && c.missing_functions.is_empty() && c.missing_events.is_empty()
            })
    }

    /// The first of `needs` the contracts lack, as `Contract.signature`.
    pub fn lacking(&self, needs: &[Need]) -> Option<String> {
        needs.iter().find_map(|(contract, function)| {
            let check = self.checks.get(*contract)?;
            check
                .missing_functions
                .iter()
                .find(|signature| signature.split('(').next() == Some(*function))
                .map(|signature| format!("{}.{signature}", check.contract))
        })
    }

    /// The checklist, one line per contract and one per missing item.
    pub fn text(&self) -> String {
        let mut out = format!("preflight of {}\n", self.contracts);
        for c in &self.checks {
            let total_f = c.functions + c.missing_functions.len();
            let total_e = c.events + c.missing_events.len();
            let mark = if !c.deployed {
                "not deployed"
            } else if c.missing_functions.is_empty() && c.missing_events.is_empty() {
                "ok"
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
            out.push('\n');
            for f in &c.missing_functions {
                out.push_str(&format!("      missing function {f}\n"));
            }
            for e in &c.missing_events {
                out.push_str(&format!("      missing event    {e}\n"));
            }
        }
        match &self.deployment_error {
            Some(error) => out.push_str(&format!("  deployment failed: {error}\n")),
            None => out.push_str("  deployment: ok (constructors and wiring)\n"),
        }
        out.push_str(if self.is_complete() {
            "preflight: every function and event the harness uses is present\n"
        } else {
            "preflight: the contracts lack part of what the harness uses (above)\n"
        });
        out
    }
}

/// The page `harness/ABI.md`: the exact surface the harness calls, per contract, what each
/// vector kind needs of it, and the deployment rules (kept equal to this by a test).
pub fn abi_markdown() -> String {
    let mut out = String::from(
        "# The ABI surface the harness uses\n\n\
         Generated from `ovm_chain::surface::surfaces()` and `ovm_conformance::preflight::needs` \
         (`OVM_WRITE_ABI=1 cargo test -p ovm-conformance --lib abi_page` rewrites it; the test \
         fails while it is stale). `ovm-conformance --contracts MANIFEST preflight` checks a \
         set of contracts against it.\n\n\
         ## Deployment\n\n\
         By default, from one deployer, in this order (addresses `deployer.create(nonce + i)`): \
         the UAC with `constructor(uint256 disputePeriod)`, each connective and atomic with \
         `constructor(address uac)`, `CommitmentContract()` (its deployer is the operator), then \
         one `UAC.initialize(...)` call naming the connectives, the atomics and the storage \
         contracts (spec §6, one-shot).\n\n\
         A manifest (`ovm_conformance::manifest`) may change all of it but the order and the \
         addresses: a slot may be `\"bundled\"` (the bundled contract), give its own \
         `constructor` (types and arguments such as `$period`, `@UniversalAdjudicationContract`, \
         `$atomics`), name `libraries` (deployed first from their own EOA, linked at their \
         `linkReferences` or `__$…$__` placeholders), and replace `initialize` by a list of \
         `wiring` calls. `initialize` is then optional: only the vectors that call it need it. \
         `ovm-conformance manifest export DIR` writes the bundled set as a starting point.\n\n\
         ## What each vector kind needs\n\n\
         A vector that needs a function the contracts lack is reported `unsupported` (not run); \
         everything else runs.\n\n\
         | kind | functions |\n|---|---|\n\
         | encoding | per check: `UAC.getPropertyId`, `isProperty`, `isPlaceholder`, `depthOf`; `ForAll.subst`, `ForAll.isAdmissible` |\n\
         | atomic | `UAC.claimProperty`; the atomic's `decide`, `decideTrue`, `decideFalse` |\n\
         | challenge | `UAC.claimProperty`, `UAC.challenge`; the claim's connective `isValidChallenge` |\n\
         | witness | `UAC.claimProperty`, `UAC.decideClaimWithWitness`; the claim's predicate `decideWithWitness` |\n\
         | uac | `UAC.getGame`, and each step's function (views, calls, atomic and connective entry points, `submitRoot`) |\n\
         | game | `UAC.claimProperty`, `challenge`, `removeChallenge`, `decideClaimToTrue`, `decideClaimToFalse`, `decideClaimWithWitness`, `getGame` |\n\n\
         ## Functions and events, per contract\n",
    );
    for surface in surfaces() {
        out.push_str(&format!(
            "\n### {}\n\n| | signature | selector / topic |\n|---|---|---|\n",
            surface.contract
        ));
        for f in &surface.functions {
            out.push_str(&format!(
                "| function | `{}` | `0x{}` |\n",
                f.signature,
                ovm_core::hex::encode(f.selector)
            ));
        }
        for e in &surface.events {
            out.push_str(&format!(
                "| event | `{}` | `0x{}` |\n",
                e.signature,
                ovm_core::hex::encode(e.topic)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abi_page_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../ABI.md");
        let page = abi_markdown();
        if std::env::var_os("OVM_WRITE_ABI").is_some() {
            std::fs::write(path, &page).unwrap();
        }
        assert!(
            std::fs::read_to_string(path).unwrap_or_default() == page,
            "harness/ABI.md is stale: OVM_WRITE_ABI=1 cargo test -p ovm-conformance --lib abi_page"
        );
    }

    #[test]
    fn the_bundled_contracts_pass_the_preflight() {
        let preflight = Preflight::run(&Contracts::bundled());
        assert!(preflight.is_complete(), "{}", preflight.text());
        assert_eq!(preflight.checks.len(), 16);
        assert_eq!(preflight.checks[0].functions, 17);
    }
}

/// Events outside the spec's the contracts under test emitted while vectors ran (an
/// implementation's own extras, which are not compared), counted by emitter and first topic.
/// Counts are sums over transactions, so the list is the same whatever order vectors ran in.
#[derive(Debug, Default)]
pub struct UnknownEvents {
    seen: Mutex<BTreeMap<(Address, Option<B256>), u64>>,
}

/// One event outside the spec, as [`UnknownEvents::list`] shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnknownEvent {
    /// The emitting contract's role (`UniversalAdjudicationContract`), or `other` for an
    /// address outside the deployment (a library, a contract the implementation created).
    pub contract: &'static str,
    /// The emitter.
    pub address: Address,
    /// The event's first topic (its signature hash; `None` for a log without topics).
    pub topic0: Option<B256>,
    /// How many logs of it were emitted.
    pub logs: u64,
}

impl UnknownEvents {
    /// Adds the events outside the spec of the transactions `txs`.
    pub fn record(&self, txs: &[TxRecord]) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        for key in txs.iter().flat_map(|tx| &tx.unknown_events) {
            *seen.entry(*key).or_default() += 1;
        }
    }

    /// Everything recorded, by emitter and topic.
    pub fn list(&self) -> Vec<UnknownEvent> {
        let roles = Deployment::predicted(DEPLOYER, 0, ovm_vectors::DEFAULT_PERIOD).all();
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.iter()
            .map(|(&(address, topic0), &logs)| UnknownEvent {
                contract: roles
                    .iter()
                    .find(|(_, a)| *a == address)
                    .map_or("other", |(name, _)| name),
                address,
                topic0,
                logs,
            })
            .collect()
    }
}

/// The events outside the spec, one line each under a heading (empty when there are none).
pub fn unknown_events_text(events: &[UnknownEvent]) -> String {
    if events.is_empty() {
        return String::new();
    }
    let mut out = String::from("events outside the spec emitted during the run (not compared):\n");
    for e in events {
        let topic = e
            .topic0
            .map_or_else(|| "no topics".to_owned(), |t| format!("topic0 {t}"));
        out.push_str(&format!(
            "  {:<31} {topic} ({} log(s))\n",
            if e.contract == "other" {
                e.address.to_string()
            } else {
                e.contract.to_owned()
            },
            e.logs
        ));
    }
    out
}
