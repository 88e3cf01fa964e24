//! The spec's rule ids (`§section.name`), in ONE place.
//!
//! Vectors name the rules they cover in `_info.rules`; [`crate::coverage`] counts vectors per
//! rule, and the coverage test fails when a vector names an id that is not listed here or when a
//! rule has no vector (unless the allow-list `coverage-gaps.txt` names it). The ids follow the
//! shape `ovm_vectors::RuleId` validates: `§<section digits>.<name>`, where the name may itself
//! contain dots (`§5.2.IsStored`).

/// One rule of the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    /// The id, e.g. `§4.and`.
    pub id: &'static str,
    /// What the rule is about, in a few words.
    pub title: &'static str,
}

const fn rule(id: &'static str, title: &'static str) -> Rule {
    Rule { id, title }
}

/// Every rule id, in spec order.
pub const RULES: &[Rule] = &[
    // §1 Property and its encoding
    rule("§1.enc", "enc(P) = abi.encode(P), one dynamic tuple"),
    rule("§1.id", "id(P) = keccak256(enc(P)), the game id"),
    rule(
        "§1.is_property",
        "the canonical-encoding test: property vs raw bytes",
    ),
    rule(
        "§1.typed_inputs",
        "typed inputs: address, integer, hash, range, sub-property",
    ),
    rule("§1.depth", "depth with the cut-off min(depth, 35)"),
    // §2 Placeholders, hints and substitution
    rule(
        "§2.placeholder",
        "placeholders: 1..19 bytes starting with 'V'",
    ),
    rule(
        "§2.subst",
        "subst(x, name, v): one function on each side, hint expansion, shadowing",
    ),
    rule(
        "§2.admissible",
        "admissible bound values (no placeholder, challenge depth <= 34)",
    ),
    // §3 Truth
    rule("§3.truth", "three-valued game semantics, least fixed point"),
    rule(
        "§3.unregistered",
        "raw bytes and unregistered predicates are False",
    ),
    // §4 Logical connectives
    rule("§4.not", "Not: its one challenge, decideWithWitness"),
    rule("§4.and", "And: challenge Not(p_c), witness per child"),
    rule(
        "§4.or",
        "Or: challenge And(Not(p0)..Not(pn)) exactly, witness",
    ),
    rule(
        "§4.forall",
        "ForAll: challenge Not(subst(b, x, t)), t admissible",
    ),
    rule(
        "§4.thereexists",
        "ThereExists: challenge ForAll(h, x, Not(b)), witness [t] ++ w",
    ),
    rule(
        "§4.decideTrue",
        "Not.decideTrue and And.decideTrue entry points",
    ),
    rule(
        "§4.registered",
        "connectives only ever call registered predicates",
    ),
    // §5 Atomic predicates
    rule("§5.Equal", "Equal(a, b): byte equality"),
    rule("§5.IsLessThan", "IsLessThan(a, b) on 32-byte words"),
    rule(
        "§5.IsValidSignature",
        "IsValidSignature: v, low s, non-zero signer, raw-hash ecrecover",
    ),
    rule("§5.IsHashPreimage", "IsHashPreimage(h, preimage)"),
    rule("§5.IsContained", "IsContained(sub, outer) on valid ranges"),
    rule(
        "§5.HasIntersection",
        "HasIntersection(a, b) on valid ranges",
    ),
    rule("§5.IsSameAmount", "IsSameAmount(a, b) on valid ranges"),
    rule("§5.IsStored", "IsStored(s, key, value)"),
    rule(
        "§5.VerifyInclusion",
        "VerifyInclusion(leaf, range, proof, root)",
    ),
    rule(
        "§5.1.tree",
        "the Merkle interval tree: leaves, folding, implicit end",
    ),
    rule(
        "§5.2",
        "storage contracts: CommitmentContract submitRoot / retrieve",
    ),
    rule(
        "§5.2.IsStored",
        "IsStored three-valued: unwritten keys are undefined",
    ),
    rule(
        "§5.2.gas_guard",
        "IsStored's gas guard: reverts below the guard, answers well above it",
    ),
    // §6 The Universal Adjudication Contract
    rule(
        "§6.period",
        "the constructor's dispute period is >= 1 (InvalidPeriod)",
    ),
    rule(
        "§6.claimProperty",
        "claimProperty: registry, depth <= 32, no game",
    ),
    rule(
        "§6.challenge",
        "challenge: checks in order, auto-claim, duplicate detection",
    ),
    rule(
        "§6.removeChallenge",
        "removeChallenge: challenge decided False, swap-and-pop",
    ),
    rule(
        "§6.decideClaimToTrue",
        "decideClaimToTrue: connective, period over, no challenges",
    ),
    rule(
        "§6.decideClaimToFalse",
        "decideClaimToFalse: a challenge decided True",
    ),
    rule(
        "§6.decideClaimWithWitness",
        "decideClaimWithWitness: the predicate accepts the witness",
    ),
    rule(
        "§6.setPredicateDecision",
        "setPredicateDecision: only the predicate itself",
    ),
    rule(
        "§6.wiring",
        "one-shot initialize: NotDeployer(caller), then AlreadyInitialized",
    ),
    rule(
        "§6.views",
        "isDecided, isDecidable, getGame, getPropertyId, getGamePredicate",
    ),
    // §7 The decider
    rule(
        "§7.decide",
        "decide(P, world) -> Outcome, deterministic choices",
    ),
    rule("§7.witness", "witness-decidability and the witness chosen"),
    rule("§7.challenge", "the challenge chosen for a False claim"),
    rule("§7.unknown", "Unknown and its pin"),
    rule(
        "§7.hints",
        "hints: KEY, RANGE, NUMBER, STORED, the fixed values",
    ),
    // §8 Playing the game
    rule("§8.honest", "the honest agent refutes and defends"),
    rule("§8.pin", "pinning claims of undefined truth"),
    // §9 The conformance invariants
    rule("§9.E", "invariant E: encodings agree byte for byte"),
    rule(
        "§9.A",
        "invariant A: atomics agree, malformed inputs included",
    ),
    rule("§9.C", "invariant C: challenges accepted on-chain and True"),
    rule(
        "§9.W",
        "invariant W: witnesses accepted, None exactly when due",
    ),
    rule(
        "§9.S",
        "invariant S: the UAC matches the model call by call",
    ),
    rule(
        "§9.G",
        "invariant G: honest agent games end decided correctly",
    ),
];

/// The rule with this id, if the spec has it.
pub fn rule_by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.id == id)
}

/// Whether `id` is one of [`RULES`].
pub fn is_known(id: &str) -> bool {
    rule_by_id(id).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_valid_rule_ids() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "{} listed twice", rule.id);
            assert!(
                ovm_vectors::RuleId::parse(rule.id).is_ok(),
                "{} is not a valid RuleId",
                rule.id
            );
        }
    }

    #[test]
    fn the_briefs_ids_are_listed() {
        for id in [
            "§4.not",
            "§4.and",
            "§4.or",
            "§4.forall",
            "§4.thereexists",
            "§5.Equal",
            "§5.VerifyInclusion",
            "§5.1.tree",
            "§5.2.IsStored",
            "§6.claimProperty",
            "§6.challenge",
            "§6.removeChallenge",
            "§6.decideClaimToTrue",
            "§6.decideClaimToFalse",
            "§6.decideClaimWithWitness",
            "§6.setPredicateDecision",
            "§6.views",
            "§6.wiring",
            "§6.period",
        ] {
            assert!(is_known(id), "{id}");
        }
    }
}
