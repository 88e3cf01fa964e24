//! `ovm-conformance preflight`: the ABI checklist of the contracts under test
//! ([`ovm_conformance::Preflight`]) — text, or one JSON line with `--json`.

use crate::output::{out, outln};
use ovm_conformance::{Contracts, Preflight};

/// Prints the preflight of `contracts`; true when nothing the harness uses is missing.
pub fn preflight(contracts: &Contracts, json: bool) -> bool {
    let preflight = Preflight::run(contracts);
    if json {
        outln!(
            "{}",
            serde_json::json!({ "preflight": preflight, "complete": preflight.is_complete() })
        );
    } else {
        out!("{}", preflight.text());
    }
    preflight.is_complete()
}
