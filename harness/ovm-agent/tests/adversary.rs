//! The honest agent against scripted adversaries: invalid and valid-looking challenges at
//! fixed blocks, a False claim the adversary defends, moves before the game starts, and
//! garbage of every kind.

mod common;

use common::*;
use ovm_agent::{Action, Actor, Adversary, GameSetup, Judgment, Violation, agent_account};
use ovm_core::{Address, B256, Bytes, Decision, Property, abi, keccak256};
use ovm_decider::WitnessStore;

fn raw(bytes: &[u8]) -> Bytes {
    Bytes::copy_from_slice(bytes)
}

fn challenge(p: &Property, inputs: Vec<Bytes>, q: &Property) -> Action {
    Action::Challenge {
        property: p.clone(),
        inputs,
        challenge: q.clone(),
    }
}

fn errors_of(record: &ovm_agent::GameRecord, actor: Actor) -> Vec<&str> {
    record
        .txs
        .iter()
        .filter(|t| t.actor == actor)
        .filter_map(|t| t.error.as_deref())
        .collect()
}

#[test]
fn true_claim_survives_invalid_and_valid_looking_challenges() {
    let b = builder();
    let t0 = b.equal(raw(b"a"), raw(b"a"));
    let f0 = b.equal(raw(b"a"), raw(b"b"));
    let f1 = b.equal(raw(b"c"), raw(b"d"));
    let t1 = b.equal(raw(b"c"), raw(b"c"));
    let or = b.or([&f1, &t1]);
    let p = b.and([t0.encode(), b.not(&f0).encode(), or.encode()]);
    let not_t0 = b.not(&t0);
    let not_not_f0 = b.not(b.not(&f0));
    let not_or = b.not(&or);
    let unregistered = b.at(Address::repeat_byte(0x42), [raw(b"x")]);
    let adversary = Adversary::new()
        // Before the claim exists.
        .then(0, challenge(&p, vec![abi::encode_uint(0)], &not_t0))
        // A valid challenge: refuted in the same block.
        .then(1, challenge(&p, vec![abi::encode_uint(0)], &not_t0))
        // Invalid moves.
        .then(1, challenge(&p, vec![abi::encode_uint(5)], &not_t0))
        .then(1, challenge(&p, vec![], &not_t0))
        .then(1, challenge(&p, vec![abi::encode_uint(0)], &b.not(&f0)))
        .then(1, challenge(&p, vec![raw(b"\x00")], &not_t0))
        .then(1, challenge(&p, vec![abi::encode_uint(0)], &unregistered))
        .then(1, challenge(&t0, vec![], &f0))
        .then(1, Action::Claim(unregistered.clone()))
        .then(1, Action::DecideClaimToTrue(p.id()))
        .then(1, Action::DecideClaimToTrue(B256::repeat_byte(7)))
        .then(
            1,
            Action::DecideClaimToFalse {
                property: p.clone(),
                challenge: not_t0.clone(),
            },
        )
        .then(
            1,
            Action::SetPredicateDecision {
                property: p.clone(),
                decision: false,
            },
        )
        .then(
            1,
            Action::DecideClaimWithWitness {
                property: p.clone(),
                witness: vec![raw(b"garbage")],
            },
        )
        .then(1, Action::DecideFalse(t0.clone()))
        .then(1, Action::NotDecideTrue(f0.clone()))
        .then(1, Action::AndDecideTrue(vec![t0.clone()]))
        .then(
            1,
            Action::SubmitRoot {
                block: ovm_core::U256::from(9),
                root: B256::repeat_byte(1),
            },
        )
        // Valid-looking challenges at the last block of the period, then a premature
        // decideClaimToFalse with one of them.
        .then(2, challenge(&p, vec![abi::encode_uint(1)], &not_not_f0))
        .then(2, challenge(&p, vec![abi::encode_uint(2)], &not_or))
        .then(
            2,
            Action::DecideClaimToFalse {
                property: p.clone(),
                challenge: not_not_f0.clone(),
            },
        )
        .then(
            2,
            Action::RemoveChallenge {
                property: p.clone(),
                challenge: not_or.clone(),
            },
        )
        // After the period: too late to challenge, even with a removed challenge.
        .then(3, challenge(&p, vec![abi::encode_uint(0)], &not_t0))
        .then(7, Action::DecideClaimToTrue(p.id()));
    let setup = GameSetup::new(PERIOD, p.clone()).adversary(adversary);
    let record = play_checked(&setup);
    assert_eq!(record.root_decision, Decision::True, "{}", summary(&record));
    let root = record.root_game().expect("root");
    // Every child ends decided True (the refutations decide them), so `And.decideTrue`
    // settles P in the block of the last challenge.
    assert_eq!(root.decided_block, Some(PERIOD - 1), "{}", summary(&record));
    assert_eq!(
        root.challenges,
        vec![not_t0.id(), not_not_f0.id(), not_or.id()]
    );
    for q in [&not_t0, &not_not_f0, &not_or] {
        assert_eq!(
            record.game(q.id()).map(|g| g.decision),
            Some(Decision::False)
        );
    }
    assert_eq!(
        errors_of(&record, Actor::Adversary),
        [
            "GameNotFound",
            "InvalidChallenge",
            "InvalidChallenge",
            "InvalidChallenge",
            "InvalidChallenge",
            "InvalidChallenge",
            "GameNotFound",
            "UnknownPredicate",
            "DisputePeriodNotOver",
            "GameNotFound",
            "ChallengeNotDecidedTrue",
            "CallerNotPredicate",
            "WitnessRejected",
            "NotFalse",
            "InnerNotFalse",
            "ChildNotTrue",
            "NotOperator",
            "ChallengeNotDecidedTrue",
            "ChallengeNotDecidedFalse",
            "GameAlreadyDecided",
            "GameAlreadyDecided",
        ],
        "{}",
        summary(&record)
    );
    assert!(
        record.failed_txs().all(|t| t.actor == Actor::Adversary),
        "the agent sends nothing that fails: {}",
        summary(&record)
    );
}

#[test]
fn deep_defence_under_last_moment_challenges() {
    // P = Not(g), g = ThereExists over a bucket whose only candidate is not the preimage:
    // P is True, and g's refutation (a ForAll) needs the period. The adversary challenges at
    // the last block of each period.
    let b = builder();
    let h = abi::encode_b256(keccak256(b"the secret"));
    let mut witnesses = WitnessStore::new();
    witnesses.insert("pre", raw(b"k"), raw(b"a wrong preimage"));
    let hint = "pre,KEY,0x6b";
    let g = b.there_exists(
        hint,
        "x",
        b.is_hash_preimage(h.clone(), ovm_core::placeholder::placeholder("x")),
    );
    let p = b.not(&g);
    let forall = b.for_all(
        hint,
        "x",
        b.not(b.is_hash_preimage(h.clone(), ovm_core::placeholder::placeholder("x"))),
    );
    let nn = |v: &[u8]| b.not(b.not(b.is_hash_preimage(h.clone(), raw(v))));
    let adversary = Adversary::new()
        .then(PERIOD - 1, challenge(&p, vec![], &g))
        .then(
            2 * PERIOD - 2,
            challenge(
                &forall,
                vec![raw(b"a wrong preimage")],
                &nn(b"a wrong preimage"),
            ),
        )
        .then(
            2 * PERIOD - 2,
            challenge(&forall, vec![raw(b"outside")], &nn(b"outside")),
        )
        .then(2 * PERIOD - 2, Action::DecideClaimToTrue(p.id()))
        .then(2 * PERIOD - 2, challenge(&p, vec![], &g));
    let setup = GameSetup::new(PERIOD, p.clone())
        .adversary(adversary)
        .witnesses(witnesses);
    let record = play_checked(&setup);
    assert_eq!(record.root_decision, Decision::True, "{}", summary(&record));
    let root = record.root_game().expect("root");
    assert!(root.d >= 4, "{}", summary(&record));
    let f = record
        .game(forall.id())
        .expect("the agent refuted g with the ForAll");
    assert_eq!(f.decision, Decision::True);
    assert_eq!(f.decided_block, Some(2 * PERIOD - 1));
    assert_eq!(root.decided_block, Some(2 * PERIOD - 1));
    assert_eq!(
        record.game(g.id()).map(|g| g.decision),
        Some(Decision::False)
    );
    assert_eq!(
        errors_of(&record, Actor::Adversary),
        ["ChallengesRemain", "DisputePeriodOver"]
    );
    assert!(record.failed_txs().all(|t| t.actor == Actor::Adversary));
}

#[test]
fn false_claim_defended_by_the_adversary() {
    let b = builder();
    let f = b.equal(raw(b"x"), raw(b"y"));
    let t = b.equal(raw(b"z"), raw(b"z"));
    let p = b.or([f.encode(), b.not(&t).encode()]);
    let q1 = b.and([b.not(&f).encode(), b.not(b.not(&t)).encode()]);
    let adversary_defends = Adversary::new()
        .then(
            1,
            challenge(&q1, vec![abi::encode_uint(1)], &b.not(b.not(b.not(&t)))),
        )
        .then(1, Action::DecideClaimToTrue(p.id()))
        .then(
            1,
            Action::RemoveChallenge {
                property: p.clone(),
                challenge: q1.clone(),
            },
        )
        .then(
            2,
            challenge(&q1, vec![abi::encode_uint(0)], &b.not(b.not(&f))),
        )
        .then(PERIOD, Action::DecideClaimToTrue(p.id()));
    let setup = GameSetup::new(PERIOD, p.clone())
        .claimed_by(ovm_agent::adversary_account(), 0)
        .adversary(adversary_defends);
    let record = play_checked(&setup);
    assert_eq!(
        record.root_decision,
        Decision::False,
        "{}",
        summary(&record)
    );
    let root = record.root_game().expect("root");
    assert_eq!(root.challenges, vec![q1.id()]);
    assert_eq!(root.judgment, Judgment::False { challenge: true });
    // Q1 = And(Not(f), Not(Not(t))) is decided by And.decideTrue once both children are
    // True, as soon as the adversary's challenges made the agent decide them.
    let q1_game = record.game(q1.id()).expect("Q1");
    assert_eq!(q1_game.decision, Decision::True);
    assert!(root.decided_block.is_some_and(|blk| blk <= PERIOD));
    assert!(record.failed_txs().all(|t| t.actor != Actor::Agent));
}

#[test]
fn claims_made_by_the_adversary_before_the_game_starts() {
    let b = builder();
    let f = b.equal(raw(b"p"), raw(b"q"));
    let p = b.or([&f]);
    let q1 = b.and([b.not(&f)]);
    let adversary = Adversary::new()
        .then(0, Action::Claim(p.clone()))
        .then(0, Action::Claim(q1.clone()))
        .then(
            1,
            challenge(&q1, vec![abi::encode_uint(0)], &b.not(b.not(&f))),
        );
    let setup = GameSetup::new(PERIOD, p.clone())
        .claimed_by(ovm_agent::claimer_account(), 2)
        .adversary(adversary);
    let record = play_checked(&setup);
    assert_eq!(
        record.root_decision,
        Decision::False,
        "{}",
        summary(&record)
    );
    let root = record.root_game().expect("root");
    assert_eq!(root.created_block, 0, "the adversary's claim made the game");
    assert_eq!(root.challenges, vec![q1.id()]);
    assert_eq!(errors_of(&record, Actor::Claimer), ["GameAlreadyExists"]);
    assert_eq!(record.game(q1.id()).map(|g| g.created_block), Some(0));
    assert!(record.failed_txs().all(|t| t.actor != Actor::Agent));

    // A True claim pre-claimed and already decided when the claimer arrives.
    let t = b.not(&f);
    let adversary = Adversary::new().then(0, Action::Claim(t.clone()));
    let setup = GameSetup::new(PERIOD, t.clone())
        .claimed_by(agent_account(), PERIOD + 2)
        .adversary(adversary);
    let record = play_checked(&setup);
    assert_eq!(record.root_decision, Decision::True);
    assert_eq!(record.blocks_used, PERIOD + 3);
    assert_eq!(errors_of(&record, Actor::Claimer), ["GameAlreadyExists"]);
}

#[test]
fn check_g_reports_tampered_records() {
    let b = builder();
    let p = b.not(b.equal(raw(b"1"), raw(b"2")));
    let record = play_checked(&GameSetup::new(PERIOD, p.clone()));
    assert_eq!(record.root_decision, Decision::True);
    let mut wrong = record.clone();
    wrong.games[0].decision = Decision::False;
    let mut late = record.clone();
    late.games[0].decided_block = Some(100);
    let mut open = record.clone();
    open.games[0].decision = Decision::Undecided;
    open.games[0].decided_block = None;
    open.blocks_used = 50;
    let found: Vec<Violation> = [wrong, late, open]
        .iter()
        .flat_map(|r| r.check_g())
        .collect();
    assert!(matches!(
        found[..],
        [
            Violation::WrongDecision { .. },
            Violation::Late { deadline: 6, .. },
            Violation::NotDecided { deadline: 6, .. }
        ]
    ));
    for v in &found {
        assert!(!v.to_string().contains('\n'));
        assert!(!v.is_known_limitation());
    }
    // The same wrong decision, but the verdict only held from the last block of the window
    // (a root submitted too late): spec §10's limitation, reported as such.
    let mut too_late = record.clone();
    too_late.games[0].decision = Decision::False;
    too_late.games[0].judged_since_block = too_late.games[0].created_block + PERIOD - 1;
    let found = too_late.check_g();
    assert!(
        matches!(found[..], [Violation::StorageWrittenTooLate { .. }]),
        "{found:?}"
    );
    assert!(found[0].is_known_limitation() && !found[0].is_unguarded());
}

#[test]
fn a_failing_transaction_is_recorded_and_not_repeated_at_once() {
    // An agent fed a claim that never happened (a stale or lying event source) sends
    // `decideTrue` for it, which fails with GameNotFound; it records that and carries on.
    let snapshot = ovm_agent::deployed_snapshot(PERIOD).expect("deploys");
    let mut chain = ovm_chain::Chain::from_snapshot(&snapshot);
    let deployment = chain.ovm().expect("deployed");
    let b = builder();
    let t = b.equal(raw(b"e"), raw(b"e"));
    let start = chain.block_number();
    let mut agent = ovm_agent::HonestAgent::new(
        &DECIDER,
        deployment,
        WitnessStore::new(),
        agent_account(),
        start,
    );
    agent.observe(
        start,
        &[ovm_chain::OvmEvent::NewPropertyClaimed {
            game_id: t.id(),
            property: t.clone(),
            created_block: ovm_core::U256::from(start),
        }],
    );
    let sent = agent.act(&mut chain);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].entry.error.as_deref(), Some("GameNotFound"));
    chain.mine();
    assert!(
        agent.act(&mut chain).is_empty(),
        "not retried within the period"
    );
    chain.advance(PERIOD);
    let retried = agent.act(&mut chain);
    assert_eq!(retried.len(), 1, "retried a period later");
    assert!(!retried[0].entry.ok);
}

#[test]
fn an_unguarded_claim_is_its_own_violation_class() {
    // ThereExists over {a, b} of `x == c` is False for the decider (the store is taken as
    // complete), but the value c, outside the candidates, refutes the ForAll the agent
    // challenges it with: an unguarded claim (§7), not a decider bug.
    let b = builder();
    let mut witnesses = WitnessStore::new();
    witnesses.insert("s", raw(b"k"), raw(b"a"));
    witnesses.insert("s", raw(b"k"), raw(b"b"));
    let x = ovm_core::placeholder::placeholder("x");
    let te = b.there_exists("s,KEY,0x6b", "x", b.equal(x.clone(), raw(b"c")));
    let forall = b.for_all("s,KEY,0x6b", "x", b.not(b.equal(x, raw(b"c"))));
    let outside = b.not(b.not(b.equal(raw(b"c"), raw(b"c"))));
    let adversary = Adversary::new().then(1, challenge(&forall, vec![raw(b"c")], &outside));
    let setup = GameSetup::new(PERIOD, te.clone())
        .adversary(adversary)
        .witnesses(witnesses)
        .max_blocks(20);
    let record = ovm_agent::play(&setup, &DECIDER).expect("plays");
    assert_eq!(
        record.root_decision,
        Decision::Undecided,
        "{}",
        summary(&record)
    );
    let violations = record.check_g();
    assert_eq!(
        violations,
        vec![
            Violation::UnguardedClaim {
                game: forall.id(),
                challenge: outside.id(),
            },
            Violation::AffectedByUnguarded {
                game: te.id(),
                unguarded: forall.id(),
            },
            Violation::AffectedByUnguarded {
                game: forall.id(),
                unguarded: forall.id(),
            },
        ],
        "{}",
        summary(&record)
    );
    assert!(violations.iter().all(Violation::is_unguarded));
}

/// The witness form of an unguarded claim (§7): a ThereExists the decider judges False (no
/// candidate satisfies the body) is proven True by a witness outside the candidates, which
/// both halves accept. That is the claim's fault, not the decider's.
#[test]
fn a_witness_outside_the_candidates_is_an_unguarded_claim() {
    let b = builder();
    let mut witnesses = WitnessStore::new();
    witnesses.insert("s", raw(b"k"), raw(b"a"));
    let x = ovm_core::placeholder::placeholder("x");
    let te = b.there_exists("s,KEY,0x6b", "x", b.equal(x, raw(b"c")));
    let adversary = Adversary::new().then(
        1,
        Action::DecideClaimWithWitness {
            property: te.clone(),
            witness: vec![raw(b"c")],
        },
    );
    let setup = GameSetup::new(PERIOD, te.clone())
        .adversary(adversary)
        .witnesses(witnesses);
    let record = ovm_agent::play(&setup, &DECIDER).expect("plays");
    assert_eq!(record.root_decision, Decision::True, "{}", summary(&record));
    assert!(record.root_game().is_some_and(|g| g.proven_by_witness));
    let violations = record.check_g();
    assert_eq!(
        violations.first(),
        Some(&Violation::UnguardedWitness { game: te.id() }),
        "{}",
        summary(&record)
    );
    assert!(
        violations.iter().all(Violation::is_unguarded),
        "{violations:?}"
    );

    // A witness the Rust mirror rejects proves nothing: judged False, decided True stays a
    // wrong decision (here impossible on the bundled contracts, so check the record's rule
    // directly by dropping the proof).
    let mut unproven = record.clone();
    for game in &mut unproven.games {
        game.proven_by_witness = false;
    }
    assert!(
        unproven
            .check_g()
            .iter()
            .any(|v| matches!(v, Violation::WrongDecision { .. })),
        "{:?}",
        unproven.check_g()
    );
}

/// Idle blocks are skipped, so absurd periods and move blocks play in bounded time with the
/// same outcome as block-by-block play.
#[test]
fn absurd_periods_and_move_blocks_play_in_bounded_time() {
    let b = builder();
    let p = b.not(b.equal(raw(b"a"), raw(b"b")));
    // A move at the last block a u64 can name: played there, after the game was decided.
    let adversary = Adversary::new().then(u64::MAX - 1, Action::DecideClaimToTrue(p.id()));
    let setup = GameSetup::new(PERIOD, p.clone()).adversary(adversary);
    let record = ovm_agent::play(&setup, &DECIDER).unwrap();
    assert_eq!(record.root_decision, Decision::True, "{}", summary(&record));
    assert_eq!(errors_of(&record, Actor::Adversary), ["GameAlreadyDecided"]);

    // A period of 2^64 − 1 blocks: a True claim is never decidable by the period; play stops
    // at its block limit instead of walking there.
    let q = b.or([&b.equal(raw(b"a"), raw(b"b"))]);
    let setup = GameSetup::new(u64::MAX, q);
    let record = ovm_agent::play(&setup, &DECIDER).unwrap();
    assert!(record.hit_max_blocks, "{}", summary(&record));
    assert_eq!(record.blocks_used, setup.default_max_blocks());
}
