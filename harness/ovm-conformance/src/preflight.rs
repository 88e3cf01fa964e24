//! ABI preflight: before anything runs, which of the functions and events the engine uses each
//! contract under test offers. The contracts are deployed with the spec's wiring (the UAC's
//! `constructor(uint256 period)`, each predicate's `constructor(address uac)`, the one-shot
//! `initialize`); each deployed contract's runtime code is then scanned for the selectors and
//! event topics of its surface (`ovm_chain::surface`). One checklist answers "what does the
//! harness call, and what does my implementation lack?" before any vector fails for it.

use crate::contracts::Contracts;
use ovm_chain::{
    Chain, DEPLOYER, Deployment,
    surface::{Constants, surfaces},
};
use ovm_core::Address;
use serde::Serialize;

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
            .deploy_codes(DEPLOYER, period, contracts.codes())
            .err()
            .map(|e| e.to_string());
        let checks = surfaces()
            .into_iter()
            .zip(predicted.all())
            .map(|(surface, (_, address))| {
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
            None => out.push_str("  deployment: ok (constructors and initialize)\n"),
        }
        out.push_str(if self.is_complete() {
            "preflight: every function and event the harness uses is present\n"
        } else {
            "preflight: the contracts lack part of what the harness uses (above)\n"
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
        assert_eq!(preflight.checks.len(), 16);
        assert_eq!(preflight.checks[0].functions, 17);
    }
}
