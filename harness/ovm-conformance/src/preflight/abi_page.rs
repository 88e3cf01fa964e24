//! The page `harness/ABI.md`, generated from the surface and the vector kinds' needs.

use ovm_chain::surface::surfaces;

/// The page `harness/ABI.md`: the exact surface the harness calls, per contract, what each
/// vector kind needs of it, and the deployment rules (kept equal to this by a test).
pub fn abi_markdown() -> String {
    let mut out = String::from(
        "# The ABI surface the harness uses\n\n\
         Generated from `ovm_chain::surface::surfaces()` and `ovm_conformance::preflight::needs` \
         (`OVM_WRITE_ABI=1 cargo test -p ovm-conformance --lib abi_page` rewrites it; the test \
         fails while it is stale). `ovm-conformance --contracts MANIFEST preflight` checks a \
         set of contracts against it, and calls each view the spec says never reverts once with \
         harmless inputs (an empty property, a game that does not exist, empty inputs).\n\n\
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
}
