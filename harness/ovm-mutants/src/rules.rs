//! Which spec rules (`../shared/spec/OVM.md`, ids as in `ovm_conformance::rules`) a mutated
//! file implements: the survivor report names them, so a survivor points at what it breaks.

/// `(path suffix, rule ids)`, most specific first.
const RULES: &[(&str, &str)] = &[
    ("ovm-core/src/abi.rs", "§1.typed_inputs §5"),
    ("ovm-core/src/action.rs", "§6"),
    ("ovm-core/src/build.rs", "§1.enc"),
    ("ovm-core/src/depth.rs", "§1.depth"),
    ("ovm-core/src/event.rs", "§6"),
    (
        "ovm-core/src/interval_tree.rs",
        "§5.1.tree §5.VerifyInclusion",
    ),
    ("ovm-core/src/placeholder.rs", "§2.placeholder"),
    ("ovm-core/src/property.rs", "§1.enc §1.id §1.is_property"),
    ("ovm-core/src/registry.rs", "§3.unregistered §4.registered"),
    ("ovm-core/src/signing.rs", "§5.IsValidSignature"),
    ("ovm-core/src/subst.rs", "§2.subst §2.admissible"),
    ("ovm-decider/src/atomic.rs", "§5"),
    ("ovm-decider/src/hint.rs", "§7.hints"),
    ("ovm-decider/src/knowledge.rs", "§7.unknown §8.pin"),
    ("ovm-decider/src/onchain.rs", "§7.witness §7.challenge §4"),
    (
        "ovm-decider/src/plasma.rs",
        "§5.2.IsStored §5.VerifyInclusion",
    ),
    ("ovm-decider/src/", "§3.truth §7.decide"),
    ("src/UniversalAdjudicationContract.sol", "§6"),
    ("src/CommitmentContract.sol", "§5.2"),
    ("src/lib/OvmLogic.sol", "§1.depth §2.subst §2.admissible"),
    (
        "src/lib/PropertyCodec.sol",
        "§1.enc §1.id §1.is_property §1.typed_inputs",
    ),
    ("predicates/NotPredicate.sol", "§4.not"),
    ("predicates/AndPredicate.sol", "§4.and"),
    ("predicates/OrPredicate.sol", "§4.or"),
    ("predicates/ForAllSuchThatQuantifier.sol", "§4.forall"),
    (
        "predicates/ThereExistsSuchThatQuantifier.sol",
        "§4.thereexists",
    ),
    (
        "predicates/ConnectiveBase.sol",
        "§4.registered §3.unregistered",
    ),
    ("predicates/AtomicPredicate.sol", "§4.decideTrue §5"),
    (
        "predicates/IsStoredPredicate.sol",
        "§5.IsStored §5.2.IsStored",
    ),
];

/// The rules `file` implements (`§5.Equal` for `…/EqualPredicate.sol`), or `§` (the whole
/// spec) for a file the table does not know.
pub fn rules_of(file: &str) -> String {
    if let Some((_, rules)) = RULES
        .iter()
        .find(|(suffix, _)| file.ends_with(suffix) || file.contains(suffix))
    {
        return (*rules).to_owned();
    }
    let atomic = file
        .rsplit('/')
        .next()
        .and_then(|name| name.strip_suffix("Predicate.sol"))
        .filter(|name| !name.is_empty());
    atomic.map_or_else(|| "§".to_owned(), |name| format!("§5.{name}"))
}

#[cfg(test)]
mod tests {
    use super::rules_of;

    #[test]
    fn files_map_to_their_rules() {
        assert_eq!(
            rules_of("harness/ovm-core/src/subst.rs"),
            "§2.subst §2.admissible"
        );
        assert_eq!(
            rules_of("harness/ovm-decider/src/tree.rs"),
            "§3.truth §7.decide"
        );
        assert_eq!(
            rules_of("contracts/src/predicates/EqualPredicate.sol"),
            "§5.Equal"
        );
        assert_eq!(
            rules_of("contracts/src/predicates/AndPredicate.sol"),
            "§4.and"
        );
        assert_eq!(rules_of("contracts/src/lib/Types.sol"), "§");
    }
}
