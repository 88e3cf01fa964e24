//! Contract-side deliberately wrong variants: patched copies of `contracts/src`, compiled with
//! the project's solc by `ovm-variants` once per variant and cached under the target directory,
//! deployed through
//! `ovm_chain::Chain::deploy_codes`. The reference Rust half must diverge from each.

use ovm_chain::CreationCodes;
use ovm_conformance::{Contracts, DivergenceClass, Status, VectorReport, discover};
use ovm_fuzz::{
    Runner,
    campaign::{Budget, Campaign, DEFAULT_SEED, Options},
    env::Env,
    found::Layer,
};

mod support;

/// `contracts/src` with `patches` applied, compiled (cached under the target directory).
fn compile_variant(patches: &[(&str, &str, &str)]) -> CreationCodes {
    let cache = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract-variants");
    ovm_variants::patched_codes(patches, &cache).unwrap_or_else(|e| panic!("{e}"))
}

/// The variant `patches` of the contracts must be caught by `layers`, and its regression
/// vector must replay as itself against the variant and pass against the bundled contracts.
fn caught(name: &str, patches: &[(&str, &str, &str)], layers: Vec<Layer>) {
    let runner = Runner::new().with_contracts(Contracts::plugged(compile_variant(patches), None));
    support::caught_and_replayed(name, &runner, layers, false);
}

#[test]
fn unpatched_sources_agree() {
    let codes = compile_variant(&[]);
    // This compile is independent of ovm-chain's build (which uses the committed artifacts
    // while their inputs hash matches): the committed bytecode is what the sources compile to.
    assert!(
        codes == CreationCodes::bundled(),
        "contracts/artifacts differs from a fresh compile of contracts/src: refresh it with \
         `cargo run -p ovm-chain --bin refresh-artifacts`"
    );
    let runner = Runner::new().with_contracts(Contracts::plugged(codes, None));
    let env = Env::new();
    let campaign = Campaign {
        seed: DEFAULT_SEED,
        budget: Budget::Cases(40),
        layers: vec![Layer::E, Layer::A, Layer::S],
        options: Options::probe(),
    };
    let report = campaign.run(&env, &runner, &mut |_| {});
    assert!(
        report.bugs.is_empty(),
        "{}",
        report.bugs[0].message(DEFAULT_SEED)
    );
}

#[test]
fn uac_period_check_off_by_one() {
    caught(
        "UAC challenge period off by one",
        &[(
            "src/UniversalAdjudicationContract.sol",
            "if (block.number - game.createdBlock >= disputePeriod) revert DisputePeriodOver(gameId);",
            "if (block.number - game.createdBlock > disputePeriod) revert DisputePeriodOver(gameId);",
        )],
        vec![Layer::S],
    );
}

/// §10's "setPredicateDecision overwrites": a decided game's decision can be set again.
const SET_DECISION_OVERWRITES: (&str, &str, &str) = (
    "src/UniversalAdjudicationContract.sol",
    "ChallengeGame storage game = _undecidedGame(gameId);\n        game.decision = decision ? Decision.True : Decision.False;",
    "ChallengeGame storage game = _games[gameId];\n        game.decision = decision ? Decision.True : Decision.False;",
);

#[test]
fn uac_lets_a_decision_flip() {
    caught(
        "UAC setPredicateDecision overwrites",
        &[SET_DECISION_OVERWRITES],
        vec![Layer::S],
    );
}

#[test]
fn is_less_than_uses_le_on_chain() {
    caught(
        "IsLessThan uses <= (contract)",
        &[("src/predicates/IsLessThanPredicate.sol", "a < b", "a <= b")],
        vec![Layer::A],
    );
}

#[test]
fn uac_is_decidable_ignores_challenges() {
    caught(
        "UAC isDecidable ignores open challenges",
        &[(
            "src/UniversalAdjudicationContract.sol",
            "\n            && game.challenges.length == 0;",
            ";",
        )],
        vec![Layer::S],
    );
}

/// A connective that calls any address: every world holds `rogue`, an account outside the
/// registry answering true to every call, and some generated leaves are on it (§4).
#[test]
fn connective_calls_unregistered_predicates() {
    caught(
        "connectives call unregistered predicates",
        &[(
            "src/predicates/ConnectiveBase.sol",
            "if (!uac.isPredicate(predicate)) return false;\n",
            "",
        )],
        vec![Layer::W],
    );
}

// ---------------------------------------------------------------------------------------
// Spec §10: every bug class of the 2020 public contracts, planted in a copy of the bundled
// contracts, with the committed vectors that catch it (each must fail against the variant; the
// suite test `the_suite_passes_check` holds them to the bundled contracts). Scanned challenges
// (griefable gas) are caught by the gas-scaling probe instead (`ovm-conformance/tests/gas.rs`,
// `a_challenge_list_scan_is_griefable`). Both
// quantifiers substitute through the one `OvmLogic.subst`, so the two subst classes are planted
// there, by the connective the substitution skips; ThereExists's is seen through its witnesses.

/// The variant `patches` (one §10 bug class) must fail every vector of `caught_by` (paths
/// under `vectors/`); returns their reports.
fn section_10(
    class: &str,
    patches: &[(&str, &str, &str)],
    caught_by: &[&str],
) -> Vec<VectorReport> {
    assert!(
        !caught_by.is_empty(),
        "{class}: name the vectors that catch it"
    );
    let runner = ovm_conformance::Runner::new()
        .with_contracts(Contracts::plugged(compile_variant(patches), None));
    caught_by
        .iter()
        .map(|rel| {
            let report = runner.run_path(&discover::suite_dir().join(rel));
            assert_eq!(
                report.status,
                Status::Fail,
                "§10 class `{class}`: the planted bug was not caught by vectors/{rel}\n{}\n{}",
                report.screen(),
                report.reason
            );
            report
        })
        .collect()
}

const UAC: &str = "src/UniversalAdjudicationContract.sol";

/// The last report (a `game/contract-aware` vector) is a game the contract-aware adversary won.
fn lost(reports: &[VectorReport]) {
    let report = reports.last().expect("a catching vector");
    assert!(
        report
            .divergences
            .iter()
            .any(|d| d.class == DivergenceClass::LostGame),
        "expected a lost game\n{}",
        report.screen()
    );
}

#[test]
fn s10_decide_claim_to_false_flips_a_true_game() {
    section_10(
        "decideClaimToFalse on a True game",
        &[(
            UAC,
            "ChallengeGame storage game = _undecidedGame(gameId);\n        bytes32 challengeId = PropertyCodec.id(challengeProperty);\n        if (_challengeSlot[gameId][challengeId] == 0)",
            "ChallengeGame storage game = _games[gameId];\n        bytes32 challengeId = PropertyCodec.id(challengeProperty);\n        if (_challengeSlot[gameId][challengeId] == 0)",
        )],
        &[
            "uac/final/true-by-witness-refuted-by-pending-challenge.json",
            "uac/final/true-game-refuted-later.json",
        ],
    );
}

#[test]
fn s10_set_predicate_decision_overwrites() {
    section_10(
        "setPredicateDecision overwrites",
        &[SET_DECISION_OVERWRITES],
        &[
            "uac/final/set-decision-twice.json",
            "uac/set-decision/already-decided.json",
        ],
    );
}

#[test]
fn s10_challenge_on_a_decided_game() {
    section_10(
        "challenges accepted on decided games",
        &[(
            UAC,
            "ChallengeGame storage game = _undecidedGame(gameId);\n        if (block.number",
            "ChallengeGame storage game = _games[gameId];\n        if (game.propertyHash == bytes32(0)) revert GameNotFound(gameId);\n        if (block.number",
        )],
        &[
            "uac/challenge/already-decided.json",
            "uac/final/true-game-refuted-later.json",
        ],
    );
}

#[test]
fn s10_challenge_on_a_missing_game() {
    section_10(
        "challenges accepted on missing games",
        &[(
            UAC,
            "ChallengeGame storage game = _undecidedGame(gameId);\n        if (block.number",
            "ChallengeGame storage game = _games[gameId];\n        if (game.decision != Decision.Undecided) revert GameAlreadyDecided(gameId);\n        if (block.number",
        )],
        &["uac/challenge/game-not-found.json"],
    );
}

#[test]
fn s10_challenge_after_the_period() {
    section_10(
        "challenges accepted after the period",
        &[(
            UAC,
            "if (block.number - game.createdBlock >= disputePeriod) revert DisputePeriodOver(gameId);\n",
            "",
        )],
        &[
            "uac/challenge/period-over.json",
            "uac/final/removed-challenge-readded-after-period.json",
        ],
    );
}

#[test]
fn s10_challenge_never_claimed() {
    section_10(
        "the challenge is never claimed",
        &[(
            UAC,
            "if (!_exists(challengeId)) {\n            _requireRegistered(challengeProperty.predicateAddress);\n            _requireDepth(encodedChallenge, OvmLogic.MAX_CHALLENGE_DEPTH);\n            _createGame(challengeId, challengeProperty);\n        }\n",
            "",
        )],
        &[
            "uac/challenge/depth-34-auto-claim.json",
            "challenge/and/index-zero.json",
        ],
    );
}

#[test]
fn s10_no_predicate_registry() {
    section_10(
        "no predicate registry",
        &[
            (
                UAC,
                "_requireRegistered(property.predicateAddress);\n        _requireDepth(encoded, OvmLogic.MAX_CLAIM_DEPTH);",
                "_requireDepth(encoded, OvmLogic.MAX_CLAIM_DEPTH);",
            ),
            (
                UAC,
                "if (!isConnective[predicate]) revert NotAConnective(predicate);\n        if (block.number - game.createdBlock < disputePeriod)",
                "if (block.number - game.createdBlock < disputePeriod)",
            ),
        ],
        &[
            "uac/claim-property/unknown-predicate.json",
            "uac/decide-true/not-a-connective.json",
        ],
    );
}

#[test]
fn s10_period_check_underflows_early() {
    section_10(
        "the period check underflows before block `period`",
        &[(
            UAC,
            "if (block.number - game.createdBlock < disputePeriod) revert DisputePeriodNotOver(gameId);",
            "unchecked {\n            if (block.number - disputePeriod < game.createdBlock) revert DisputePeriodNotOver(gameId);\n        }",
        )],
        &[
            "uac/decide-true/order-period-before-challenges.json",
            "uac/claim-and-decide.json",
        ],
    );
}

#[test]
fn s10_witness_needs_no_challenges() {
    section_10(
        "decideClaimWithWitness requires no challenges",
        &[(
            UAC,
            "_requireRegistered(predicate);\n        if (!IPredicate(predicate).decideWithWitness",
            "_requireRegistered(predicate);\n        if (game.challenges.length != 0) revert ChallengesRemain(gameId);\n        if (!IPredicate(predicate).decideWithWitness",
        )],
        &[
            "uac/witness/pending-challenge.json",
            "game/preimage/exists-adversary-challenge-first.json",
        ],
    );
}

#[test]
fn s10_atomic_never_decided_false() {
    section_10(
        "an atomic cannot be decided False",
        &[(
            "src/predicates/AtomicPredicate.sol",
            "if (_truth(inputs) != Truth.False) revert NotFalse();",
            "if (_truth(inputs) != Truth.False || inputs.length >= 0) revert NotFalse();",
        )],
        &["uac/atomic-entry/decide-true-false.json"],
    );
}

#[test]
fn s10_not_decide_true_checks_only_not_true() {
    section_10(
        "Not.decideTrue checks only that the inner claim is not decided True",
        &[(
            "src/predicates/NotPredicate.sol",
            "if (uac.getGameDecision(innerId) != Decision.False)",
            "if (uac.getGameDecision(innerId) == Decision.True)",
        )],
        &[
            "uac/decide-true-entry/not-inner-undecided.json",
            "uac/decide-true-entry/not-inner-missing.json",
        ],
    );
}

#[test]
fn s10_subst_skips_or_and_there_exists() {
    lost(&section_10(
        "ForAll's subst skips Or and ThereExists",
        &[(
            "src/lib/OvmLogic.sol",
            "if (k == Kind.Junction) inputs = _substAll(base, n, name, v, c);",
            "if (predicate == c.orPredicate || predicate == c.thereExistsPredicate) return PropertyCodec.copySlice(p, len);\n        if (k == Kind.Junction) inputs = _substAll(base, n, name, v, c);",
        )],
        &[
            "challenge/forall/nested-subst.json",
            "encoding/subst/quantifiers.json",
            "game/contract-aware/forall-or-body-unsubstituted.json",
        ],
    ));
}

#[test]
fn s10_subst_skips_for_all() {
    section_10(
        "ThereExists's subst skips ForAll",
        &[(
            "src/lib/OvmLogic.sol",
            "if (k == Kind.Junction) inputs = _substAll(base, n, name, v, c);",
            "if (predicate == c.forAllPredicate) return PropertyCodec.copySlice(p, len);\n        if (k == Kind.Junction) inputs = _substAll(base, n, name, v, c);",
        )],
        &[
            "witness/thereexists/subst-into-forall-inadmissible.json",
            "encoding/subst/quantifiers.json",
        ],
    );
}

#[test]
fn s10_there_exists_accepts_any_hint() {
    lost(&section_10(
        "ThereExists accepts a challenge with any hint",
        &[(
            "src/predicates/ThereExistsSuchThatQuantifier.sol",
            "expected[0] = inputs[0];",
            "expected[0] = challenge.inputs.length == 3 ? challenge.inputs[0] : inputs[0];",
        )],
        &[
            "challenge/thereexists/other-hint.json",
            "game/contract-aware/thereexists-any-hint.json",
        ],
    ));
}

#[test]
fn s10_or_tolerates_extra_conjuncts() {
    section_10(
        "Or tolerates extra conjuncts",
        &[(
            "src/predicates/OrPredicate.sol",
            "challenge.inputs.length != inputs.length",
            "challenge.inputs.length < inputs.length",
        )],
        &["challenge/or/extra-conjunct.json"],
    );
}

#[test]
fn s10_is_contained_arguments_reversed() {
    section_10(
        "IsContained has its arguments reversed",
        &[(
            "src/predicates/IsContainedPredicate.sol",
            "decodeRange(inputs[0]);\n        (bool okOuter, Range memory outer) = PropertyCodec.decodeRange(inputs[1]);",
            "decodeRange(inputs[1]);\n        (bool okOuter, Range memory outer) = PropertyCodec.decodeRange(inputs[0]);",
        )],
        &[
            "atomic/is-contained/reversed-arguments.json",
            "atomic/is-contained/inside.json",
        ],
    );
}

#[test]
fn s10_signature_accepts_signer_zero() {
    section_10(
        "IsValidSignature accepts signer 0 with a garbage signature",
        &[(
            "src/predicates/IsValidSignaturePredicate.sol",
            "if (!isAddress || signer == address(0)) return Truth.False;",
            "if (!isAddress) return Truth.False;",
        )],
        &["atomic/is-valid-signature/zero-signer-garbage.json"],
    );
}

#[test]
fn s10_signature_normalises_v() {
    section_10(
        "IsValidSignature does not check v",
        &[(
            "src/predicates/IsValidSignaturePredicate.sol",
            "if (v != 27 && v != 28) return Truth.False;",
            "if (v < 27) v += 27;",
        )],
        &["atomic/is-valid-signature/v-minus-27.json"],
    );
}

#[test]
fn s10_signature_accepts_high_s() {
    section_10(
        "IsValidSignature does not check s",
        &[(
            "src/predicates/IsValidSignaturePredicate.sol",
            "if (s > MAX_S) return Truth.False;\n",
            "",
        )],
        &["atomic/is-valid-signature/high-s.json"],
    );
}

#[test]
fn s10_is_stored_reads_unwritten_as_zero_root() {
    section_10(
        "IsStored reads an unsubmitted block as a zero root",
        &[(
            "src/predicates/IsStoredPredicate.sol",
            "if (rl == 0) return Truth.Undefined;",
            "if (rl == 0) return _of(keccak256(inputs[2]) == keccak256(abi.encode(bytes32(0))));",
        )],
        &[
            "atomic/is-stored-unwritten-block.json",
            "uac/atomic-entry/is-stored-undefined.json",
        ],
    );
}

/// Not a §10 class: an Or that checks only the conjuncts the challenge has. The spec-correct
/// challenge is still accepted, so only the contract-aware adversary's move shows it.
#[test]
fn or_accepts_a_missing_conjunct() {
    lost(&section_10(
        "Or accepts a challenge missing conjuncts",
        &[
            (
                "src/predicates/OrPredicate.sol",
                "challenge.inputs.length != inputs.length",
                "challenge.inputs.length > inputs.length",
            ),
            (
                "src/predicates/OrPredicate.sol",
                "for (uint256 i = 0; i < inputs.length; ++i) {",
                "for (uint256 i = 0; i < challenge.inputs.length; ++i) {",
            ),
        ],
        &["game/contract-aware/or-missing-conjunct.json"],
    ));
}

/// Layer S's engine keeps comparing after an error-identity difference: both halves reverting
/// leaves both states as they were, so a planted verdict bug later in the same sequence is a
/// problem of its own, not a consequence of the first difference.
#[test]
fn an_error_identity_difference_does_not_hide_a_later_bug() {
    let codes = compile_variant(&[
        (
            "src/UniversalAdjudicationContract.sol",
            "if (game.propertyHash == bytes32(0)) revert GameNotFound(gameId);",
            "if (game.propertyHash == bytes32(0)) revert ChallengeNotFound(gameId, gameId);",
        ),
        SET_DECISION_OVERWRITES,
    ]);
    let runner = ovm_conformance::Runner::new().with_contracts(Contracts::plugged(codes, None));
    let report = runner
        .run_path(&discover::suite_dir().join("uac/set-decision/twice-after-game-not-found.json"));
    let standing = |class: DivergenceClass| {
        report
            .divergences
            .iter()
            .any(|d| d.class == class && d.after.is_none())
    };
    assert!(
        standing(DivergenceClass::WrongError) && standing(DivergenceClass::OutcomeFlip),
        "{}",
        report.screen()
    );
}
