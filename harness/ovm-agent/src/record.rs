//! What a played game leaves behind ([`GameRecord`]) and invariant G (spec §9) over it
//! ([`GameRecord::check_g`], [`Violation`]).
//!
//! All block numbers are counted from the first block of play (0).

use std::collections::{BTreeMap, BTreeSet};

use ovm_core::{B256, Decision};
use ovm_decider::Truth;

use crate::{Judgment, action::TxEntry};

/// When the recorded judgment of a game was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum JudgedAt {
    /// When its decision event was observed.
    Decision,
    /// At the end of play (the game is undecided).
    End,
}

/// One game seen during play.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct GameEntry {
    /// `id(P)`.
    pub id: B256,
    /// The predicate's name (`"And"`, `"IsStored"`, …).
    pub predicate: String,
    /// The block of its creation.
    pub created_block: u64,
    /// The block since which the decider's truth value has not changed before the decision
    /// (its creation unless a storage change flipped it; see [`GameRecord::check_g`]).
    pub judged_since_block: u64,
    /// The decider's judgment at the time the game was decided, or at the end.
    pub judgment: Judgment,
    /// When `judgment` was taken.
    pub judged_at: JudgedAt,
    /// The on-chain decision at the end (`getGame`).
    pub decision: Decision,
    /// The block of the decision.
    pub decided_block: Option<u64>,
    /// The longest challenge chain played under it (0: never challenged).
    pub d: u64,
    /// Every challenge ever added to it, in the order first added.
    pub challenges: Vec<B256>,
    /// Whether it is the root claim or reachable from it through challenges.
    pub under_root: bool,
    /// Whether the agent's event mirror of the game (decision, pending challenges) matches
    /// `getGame` at the end.
    pub mirror_matches: bool,
    /// Whether someone decided it True with `decideClaimWithWitness` and a witness that the
    /// Rust mirror (`ovm_decider::decide_with_witness`) accepts too: a proof of its truth.
    pub proven_by_witness: bool,
}

/// The record of one [`crate::play()`]: deterministic and serde-serialisable.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct GameRecord {
    /// The dispute period.
    pub period: u64,
    /// The root claim's id.
    pub root: B256,
    /// Whether the root claim's game exists at the end.
    pub root_exists: bool,
    /// The root claim's final on-chain decision.
    pub root_decision: Decision,
    /// Every game seen, in the order first claimed.
    pub games: Vec<GameEntry>,
    /// Blocks played (the last block of play is `blocks_used - 1`).
    pub blocks_used: u64,
    /// Whether play stopped at `max_blocks` rather than because everything was settled.
    pub hit_max_blocks: bool,
    /// Total gas of every transaction.
    pub total_gas: u64,
    /// Every transaction, in order.
    pub txs: Vec<TxEntry>,
    /// Anomalies the honest agent noticed.
    pub agent_notes: Vec<String>,
}

/// A breach of invariant G.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, thiserror::Error)]
pub enum Violation {
    /// A game judged True/False ended decided the other way.
    #[error("game {game} judged {judged:?} was decided {decided:?} at block {block}")]
    WrongDecision {
        /// The game.
        game: B256,
        /// The decider's judgment.
        judged: Truth,
        /// The on-chain decision.
        decided: Decision,
        /// The block of the decision.
        block: u64,
    },
    /// A game judged True/False was decided after its deadline.
    #[error(
        "game {game} judged {judged:?} was decided at block {block}, after its deadline {deadline}"
    )]
    Late {
        /// The game.
        game: B256,
        /// The decider's judgment.
        judged: Truth,
        /// The block of the decision.
        block: u64,
        /// `max(created, judged_since) + period × (d + 2)`.
        deadline: u64,
    },
    /// A game judged True/False was still undecided when play ended after its deadline.
    #[error("game {game} judged {judged:?} is undecided past its deadline {deadline}")]
    NotDecided {
        /// The game.
        game: B256,
        /// The decider's judgment.
        judged: Truth,
        /// `max(created, judged_since) + period × (d + 2)`.
        deadline: u64,
    },
    /// A game of undefined truth whose whole pin chain was available got decided.
    #[error(
        "game {game} of undefined truth (complete pin chain) was decided {decided:?} at block {block}"
    )]
    DecidedWhileUndefined {
        /// The game.
        game: B256,
        /// The on-chain decision.
        decided: Decision,
        /// The block of the decision.
        block: u64,
    },
    /// The agent's event mirror disagrees with `getGame` (a chain or event bug).
    #[error("game {game}: the events do not reproduce getGame")]
    MirrorMismatch {
        /// The game.
        game: B256,
    },
    /// An *unguarded claim* (§7), not a decider bug: the decider judged the game True while
    /// one of its challenges (a value outside the hint's candidates) is True too.
    #[error("unguarded claim {game}: judged True, but its challenge {challenge} is True")]
    UnguardedClaim {
        /// The game judged True.
        game: B256,
        /// Its challenge judged True.
        challenge: B256,
    },
    /// Spec §10's known limitation, not a bug: the game's truth became defined (a root was
    /// submitted) only when its challenge window had closed, so it could not be settled the
    /// decider's way (reported instead of `WrongDecision` / `Late` / `NotDecided`).
    #[error(
        "game {game}: its truth became defined at block {defined_at}, when its window (closing at block {window_closes}) had no time left (spec §10)"
    )]
    StorageWrittenTooLate {
        /// The game.
        game: B256,
        /// The block from which the decider's verdict holds.
        defined_at: u64,
        /// `created + period`, the first block outside the challenge window.
        window_closes: u64,
    },
    /// The witness form of an *unguarded claim* (§7): the decider judged the game False, yet
    /// it was decided True by a witness both halves accept — a value outside the hint's
    /// candidates proved it (True by §3), so the store the decider relied on was incomplete.
    #[error(
        "unguarded claim {game}: judged False, but a witness both halves accept proved it True"
    )]
    UnguardedWitness {
        /// The game judged False and proven True.
        game: B256,
    },
    /// A game whose G check failed only because an unguarded claim under it cannot be settled
    /// the decider's way (reported instead of `WrongDecision` / `Late` / `NotDecided`).
    #[error("game {game} is not settled because of the unguarded claim {unguarded} under it")]
    AffectedByUnguarded {
        /// The game.
        game: B256,
        /// The unguarded claim in its challenge tree.
        unguarded: B256,
    },
}

impl Violation {
    /// Whether it belongs to the *unguarded claim* class (§7), distinct from a decider or
    /// chain bug.
    pub fn is_unguarded(&self) -> bool {
        matches!(
            self,
            Self::UnguardedClaim { .. }
                | Self::UnguardedWitness { .. }
                | Self::AffectedByUnguarded { .. }
        )
    }

    /// The variant's name (`"NotDecided"`, …): stable, for divergence signatures.
    pub fn name(&self) -> &'static str {
        match self {
            Self::WrongDecision { .. } => "WrongDecision",
            Self::Late { .. } => "Late",
            Self::NotDecided { .. } => "NotDecided",
            Self::DecidedWhileUndefined { .. } => "DecidedWhileUndefined",
            Self::MirrorMismatch { .. } => "MirrorMismatch",
            Self::UnguardedClaim { .. } => "UnguardedClaim",
            Self::StorageWrittenTooLate { .. } => "StorageWrittenTooLate",
            Self::UnguardedWitness { .. } => "UnguardedWitness",
            Self::AffectedByUnguarded { .. } => "AffectedByUnguarded",
        }
    }

    /// Whether it is spec §10's documented limitation (storage written too late), reported
    /// rather than failed.
    pub fn is_known_limitation(&self) -> bool {
        matches!(self, Self::StorageWrittenTooLate { .. })
    }

    /// The game it is about.
    pub fn game(&self) -> B256 {
        match self {
            Self::WrongDecision { game, .. }
            | Self::Late { game, .. }
            | Self::NotDecided { game, .. }
            | Self::DecidedWhileUndefined { game, .. }
            | Self::MirrorMismatch { game }
            | Self::StorageWrittenTooLate { game, .. }
            | Self::UnguardedClaim { game, .. }
            | Self::UnguardedWitness { game }
            | Self::AffectedByUnguarded { game, .. } => *game,
        }
    }
}

impl GameEntry {
    /// The G deadline: `max(created, judged_since) + period × (d + 2)`.
    pub fn deadline(&self, period: u64) -> u64 {
        self.created_block
            .max(self.judged_since_block)
            .saturating_add(period.saturating_mul(self.d.saturating_add(2)))
    }
}

impl GameRecord {
    /// Invariant G (spec §9): every game the decider judged True or False (when it was
    /// decided, or at the end) ended decided the same way on-chain, by its
    /// [`deadline`](GameEntry::deadline); an undecided one is a violation only once play has
    /// passed its deadline. A game judged Unknown is a violation only if it is of undefined
    /// truth, its whole pin chain was available, and it got decided anyway (see
    /// [`GameRecord::unknown_decided`] for the count of the others). The events must also
    /// reproduce `getGame` for every game.
    ///
    /// The deadline counts from the game's creation as §9 says, or from the block the
    /// decider's truth value last changed (a `submitRoot` turning an Unknown into True or
    /// False), whichever is later: the agent cannot act on a truth before it is defined.
    ///
    /// A game judged True with a challenge judged True is an
    /// [`UnguardedClaim`](Violation::UnguardedClaim) (§7's optimistic assumption failed), and
    /// the timing/decision failures of the games above it are reported as
    /// [`AffectedByUnguarded`](Violation::AffectedByUnguarded).
    pub fn check_g(&self) -> Vec<Violation> {
        let last_block = self.blocks_used.saturating_sub(1);
        let unguarded = self.unguarded_claims();
        let mut out: Vec<Violation> = unguarded
            .iter()
            .map(|(game, challenge)| match challenge {
                Some(challenge) => Violation::UnguardedClaim {
                    game: *game,
                    challenge: *challenge,
                },
                None => Violation::UnguardedWitness { game: *game },
            })
            .collect();
        for game in &self.games {
            if !game.mirror_matches {
                out.push(Violation::MirrorMismatch { game: game.id });
            }
            let before = out.len();
            self.check_game(game, last_block, &mut out);
            if out.len() == before {
                continue;
            }
            let window_closes = game.created_block.saturating_add(self.period);
            if let Some(u) = self.unguarded_under(game.id, &unguarded) {
                out.truncate(before);
                out.push(Violation::AffectedByUnguarded {
                    game: game.id,
                    unguarded: u,
                });
            } else if game.judged_since_block > game.created_block
                && game.judged_since_block.saturating_add(1) >= window_closes
            {
                out.truncate(before);
                out.push(Violation::StorageWrittenTooLate {
                    game: game.id,
                    defined_at: game.judged_since_block,
                    window_closes,
                });
            }
        }
        out
    }

    /// The unguarded claims, by game: judged True with a challenge judged True (`Some` of the
    /// challenge), or judged False and proven True by a witness (`None`).
    fn unguarded_claims(&self) -> BTreeMap<B256, Option<B256>> {
        let truth: BTreeMap<B256, Truth> = self
            .games
            .iter()
            .map(|g| (g.id, g.judgment.truth()))
            .collect();
        self.games
            .iter()
            .filter_map(|g| match g.judgment.truth() {
                Truth::True => g
                    .challenges
                    .iter()
                    .find(|c| truth.get(*c) == Some(&Truth::True))
                    .map(|c| (g.id, Some(*c))),
                Truth::False if g.proven_by_witness && g.decision == Decision::True => {
                    Some((g.id, None))
                }
                _ => None,
            })
            .collect()
    }

    /// An unguarded claim in the challenge tree of `root` (itself included), if any.
    fn unguarded_under(
        &self,
        root: B256,
        unguarded: &BTreeMap<B256, Option<B256>>,
    ) -> Option<B256> {
        let children: BTreeMap<B256, &[B256]> = self
            .games
            .iter()
            .map(|g| (g.id, g.challenges.as_slice()))
            .collect();
        let mut seen = BTreeSet::new();
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            if unguarded.contains_key(&id) {
                return Some(id);
            }
            stack.extend(children.get(&id).copied().unwrap_or_default());
        }
        None
    }

    fn check_game(&self, game: &GameEntry, last_block: u64, out: &mut Vec<Violation>) {
        let judged = game.judgment.truth();
        let deadline = game.deadline(self.period);
        let expected = match judged {
            Truth::True => Decision::True,
            Truth::False => Decision::False,
            Truth::Undefined => {
                if game.decision != Decision::Undecided && game.judgment.is_fully_pinned_undefined()
                {
                    out.push(Violation::DecidedWhileUndefined {
                        game: game.id,
                        decided: game.decision,
                        block: game.decided_block.unwrap_or(last_block),
                    });
                }
                return;
            }
        };
        match (game.decision, game.decided_block) {
            (Decision::Undecided, _) if last_block >= deadline => {
                out.push(Violation::NotDecided {
                    game: game.id,
                    judged,
                    deadline,
                });
            }
            (Decision::Undecided, _) => {}
            (decided, block) if decided != expected => {
                out.push(Violation::WrongDecision {
                    game: game.id,
                    judged,
                    decided,
                    block: block.unwrap_or(last_block),
                });
            }
            (_, Some(block)) if block > deadline => out.push(Violation::Late {
                game: game.id,
                judged,
                block,
                deadline,
            }),
            _ => {}
        }
    }

    /// How many games were judged Unknown (at decision or at the end).
    pub fn unknown_total(&self) -> usize {
        self.games
            .iter()
            .filter(|g| g.judgment.truth() == Truth::Undefined)
            .count()
    }

    /// How many games judged Unknown ended decided (reported, not failed, by G).
    pub fn unknown_decided(&self) -> usize {
        self.games
            .iter()
            .filter(|g| g.judgment.truth() == Truth::Undefined && g.decision != Decision::Undecided)
            .count()
    }

    /// The entry of game `id`.
    pub fn game(&self, id: B256) -> Option<&GameEntry> {
        self.games.iter().find(|g| g.id == id)
    }

    /// The root claim's entry.
    pub fn root_game(&self) -> Option<&GameEntry> {
        self.game(self.root)
    }

    /// The transactions that failed.
    pub fn failed_txs(&self) -> impl Iterator<Item = &TxEntry> {
        self.txs.iter().filter(|t| !t.ok)
    }
}
