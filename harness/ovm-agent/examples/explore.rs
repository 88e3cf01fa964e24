//! A small deterministic exploration: random well-formed claims (atoms, Not/And/Or, KEY
//! quantifiers), random adversary moves drawn from every valid challenge of the claim's
//! challenge tree (domain values only) plus random decide/remove/claim attempts at random
//! blocks, played against the honest agent. Reports G violations, transactions of the agent
//! that failed (its mirror disagreeing with the chain) and event-mirror mismatches.
//!
//! `cargo run --release -p ovm-agent --example explore [games] [seed]`

use ovm_agent::{Action, Actor, Adversary, GameSetup, deployed_snapshot, play};
use ovm_core::{
    Builder, Bytes, ConnectiveKind, Property, Registry, abi, keccak256, placeholder::placeholder,
};
use ovm_decider::{
    ReferenceDecider, WitnessStore,
    onchain::{for_all_challenge, not_of, or_challenge, there_exists_challenge},
};

const PERIOD: u64 = 2;
const HINT: &str = "s,KEY,0x6b";

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn raw(b: &[u8]) -> Bytes {
    Bytes::copy_from_slice(b)
}

fn values() -> Vec<Bytes> {
    vec![raw(b"a"), raw(b"b"), raw(b"c")]
}

fn atom(b: &Builder, rng: &mut Rng, bound: bool) -> Property {
    let vals = values();
    let pick = |rng: &mut Rng| {
        if bound && rng.below(2) == 0 {
            placeholder("x")
        } else {
            vals[rng.below(vals.len() as u64) as usize].clone()
        }
    };
    match rng.below(3) {
        0 => {
            let (x, y) = (pick(rng), pick(rng));
            b.equal(x, y)
        }
        1 => b.is_less_than(
            abi::encode_uint(rng.below(3)),
            abi::encode_uint(rng.below(3)),
        ),
        _ => {
            let x = pick(rng);
            b.is_hash_preimage(abi::encode_b256(keccak256(b"a")), x)
        }
    }
}

fn property(b: &Builder, rng: &mut Rng, depth: u32, bound: bool) -> Property {
    if depth == 0 || rng.below(4) == 0 {
        return atom(b, rng, bound);
    }
    match rng.below(5) {
        0 => b.not(property(b, rng, depth - 1, bound)),
        1 => {
            let n = 1 + rng.below(2);
            b.and((0..n).map(|_| property(b, rng, depth - 1, bound).encode()))
        }
        2 => {
            let n = 1 + rng.below(2);
            b.or((0..n).map(|_| property(b, rng, depth - 1, bound).encode()))
        }
        3 if !bound => b.for_all(HINT, "x", property(b, rng, depth - 1, true)),
        _ if !bound => b.there_exists(HINT, "x", property(b, rng, depth - 1, true)),
        _ => b.not(property(b, rng, depth - 1, bound)),
    }
}

/// Every valid challenge `(ci, Q)` of `p` (ForAll: the domain values only).
fn challenges(r: &Registry, p: &Property) -> Vec<(Vec<Bytes>, Property)> {
    let Some(kind) = r.connective(p.predicate) else {
        return Vec::new();
    };
    let ins = &p.inputs;
    match kind {
        ConnectiveKind::Not => ins
            .first()
            .and_then(|x| Property::decode_canonical(x))
            .map(|q| vec![(vec![], q)])
            .unwrap_or_default(),
        ConnectiveKind::And => (0..ins.len())
            .map(|i| (vec![abi::encode_uint(i as u64)], not_of(r, ins[i].clone())))
            .collect(),
        ConnectiveKind::Or => vec![(vec![], or_challenge(r, ins))],
        ConnectiveKind::ForAll if ins.len() == 3 => {
            let mut domain = values();
            domain.push(Bytes::new());
            domain.push(Builder::new(r.clone()).and(Vec::<Bytes>::new()).encode());
            domain
                .into_iter()
                .map(|t| {
                    let q = for_all_challenge(r, &ins[1], &ins[2], &t);
                    (vec![t], q)
                })
                .collect()
        }
        ConnectiveKind::ThereExists if ins.len() == 3 => {
            vec![(vec![], there_exists_challenge(r, &ins[0], &ins[1], &ins[2]))]
        }
        _ => Vec::new(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let games: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let registry = deployed_snapshot(PERIOD)?
        .deployment()
        .ok_or("no deployment")?
        .registry();
    let b = Builder::new(registry.clone());
    let mut witnesses = WitnessStore::new();
    witnesses.insert("s", raw(b"k"), raw(b"a"));
    witnesses.insert("s", raw(b"k"), raw(b"b"));
    let decider = ReferenceDecider::new();
    let (mut violations, mut agent_failures, mut unknown_decided, mut decided) = (0, 0, 0, 0);
    let (mut adversary_ok, mut max_d, mut games_seen, mut deep) = (0, 0, 0, 0);
    let mut unguarded = 0;
    let started = std::time::Instant::now();
    for game in 0..games {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (game + 1));
        let claim = property(&b, &mut rng, 4, false);
        // The challenge tree, three levels deep.
        let mut pool = vec![claim.clone()];
        let mut triples = Vec::new();
        let mut frontier = vec![claim.clone()];
        for _ in 0..3 {
            let mut next = Vec::new();
            for p in &frontier {
                for (ci, q) in challenges(&registry, p) {
                    triples.push((p.clone(), ci, q.clone()));
                    pool.push(q.clone());
                    next.push(q);
                }
            }
            frontier = next;
        }
        let horizon = 4 * PERIOD;
        let mut adversary = Adversary::new();
        for _ in 0..rng.below(12) {
            let at = rng.below(horizon);
            let action = match rng.below(6) {
                0 | 1 if !triples.is_empty() => {
                    let (p, ci, q) = triples[rng.below(triples.len() as u64) as usize].clone();
                    Action::Challenge {
                        property: p,
                        inputs: ci,
                        challenge: q,
                    }
                }
                2 => Action::DecideClaimToTrue(pool[rng.below(pool.len() as u64) as usize].id()),
                3 if !triples.is_empty() => {
                    let (p, _, q) = triples[rng.below(triples.len() as u64) as usize].clone();
                    if rng.below(2) == 0 {
                        Action::DecideClaimToFalse {
                            property: p,
                            challenge: q,
                        }
                    } else {
                        Action::RemoveChallenge {
                            property: p,
                            challenge: q,
                        }
                    }
                }
                4 => Action::Claim(pool[rng.below(pool.len() as u64) as usize].clone()),
                _ => {
                    let p = pool[rng.below(pool.len() as u64) as usize].clone();
                    if rng.below(2) == 0 {
                        Action::DecideTrue(p)
                    } else {
                        Action::DecideFalse(p)
                    }
                }
            };
            adversary = adversary.then(at, action);
        }
        let setup = GameSetup::new(PERIOD, claim.clone())
            .claimed_by(ovm_agent::claimer_account(), rng.below(3))
            .adversary(adversary)
            .witnesses(witnesses.clone());
        let record = play(&setup, &decider)?;
        if std::env::var("EXPLORE_GAME").ok() == Some(game.to_string()) {
            for g in &record.games {
                println!(
                    "{} {} created {} judged {:?} → {:?} at {:?}, d={}, challenges {:?}",
                    g.id,
                    g.predicate,
                    g.created_block,
                    g.judgment,
                    g.decision,
                    g.decided_block,
                    g.d,
                    g.challenges
                );
            }
            for t in &record.txs {
                println!(
                    "  [{}] {:?} {} {:?} {:?}",
                    t.block, t.actor, t.function, t.game, t.detail
                );
            }
            for m in &setup.adversary.moves {
                println!("  move at {}: {:?}", m.at_block, m.action);
            }
        }
        let (unguarded_class, v): (Vec<_>, Vec<_>) =
            record.check_g().into_iter().partition(|v| v.is_unguarded());
        unguarded += usize::from(!unguarded_class.is_empty());
        let failed: Vec<_> = record
            .failed_txs()
            .filter(|t| t.actor == Actor::Agent)
            .collect();
        unknown_decided += record.unknown_decided();
        adversary_ok += record
            .txs
            .iter()
            .filter(|t| t.actor == Actor::Adversary && t.ok)
            .count();
        let d = record.root_game().map_or(0, |g| g.d);
        max_d = max_d.max(d);
        deep += usize::from(d >= 2);
        games_seen += record.games.len();
        decided += usize::from(record.root_decision != ovm_core::Decision::Undecided);
        if !v.is_empty() || !failed.is_empty() || !record.agent_notes.is_empty() {
            violations += v.len();
            agent_failures += failed.len();
            if violations + agent_failures <= 20 {
                println!("game {game}: claim {claim:?}");
                for x in &v {
                    println!("  G: {x}");
                }
                for t in &failed {
                    println!("  agent tx failed: {} {:?}", t.function, t.detail);
                }
                for n in &record.agent_notes {
                    println!("  note: {n}");
                }
            }
        }
    }
    println!(
        "{games} games in {:.2?}: {decided} roots decided, {violations} G violations, \
         {agent_failures} failed agent txs, {unguarded} games with unguarded claims, \
         {unknown_decided} Unknown games decided; \
         {games_seen} sub-games, {adversary_ok} successful adversary txs, {deep} roots with d ≥ 2, \
         max d {max_d}",
        started.elapsed()
    );
    Ok(())
}
