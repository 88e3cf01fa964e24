//! Playing one game: [`GameSetup`], the [`Adversary`] schedule, [`play`] and the cached
//! deployment it forks from ([`deployed_snapshot`]).

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::{Arc, Mutex, OnceLock},
};

use ovm_chain::{Chain, DEPLOYER, Snapshot, account};
use ovm_core::{Address, B256, Decision, Property, U256};
use ovm_decider::{Decider, WitnessStore, decide_with_witness};

use crate::{
    GameEntry, GameRecord, HonestAgent, JudgedAt, PlayError,
    action::{Action, Actor, Executed, TxEntry, execute},
};

/// The honest agent's sender in [`play`]: `account(0)`.
pub fn agent_account() -> Address {
    account(0)
}

/// The default claimer: `account(1)`.
pub fn claimer_account() -> Address {
    account(1)
}

/// The default adversary sender: `account(2)`.
pub fn adversary_account() -> Address {
    account(2)
}

/// The Plasma operator (`CommitmentContract`'s deployer, the only one allowed to
/// `submitRoot`).
pub fn operator_account() -> Address {
    DEPLOYER
}

/// One scheduled adversary move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    /// The block of play (from 0) it is sent in, before the claim and the agent.
    pub at_block: u64,
    /// Its sender.
    pub from: Address,
    /// The transaction.
    pub action: Action,
}

/// The adversary: a schedule of moves, valid or not; moves of the same block run in list
/// order. Reverts are recorded, not errors.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adversary {
    /// The moves.
    pub moves: Vec<Move>,
}

impl Adversary {
    /// No moves.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `action` from `from` at block `at_block`.
    pub fn at(mut self, at_block: u64, from: Address, action: Action) -> Self {
        self.moves.push(Move {
            at_block,
            from,
            action,
        });
        self
    }

    /// Adds `action` from [`adversary_account`] at block `at_block`.
    pub fn then(self, at_block: u64, action: Action) -> Self {
        self.at(at_block, adversary_account(), action)
    }

    /// The last block with a move, if any.
    pub fn last_block(&self) -> Option<u64> {
        self.moves.iter().map(|m| m.at_block).max()
    }
}

/// Everything a game needs.
#[derive(Clone, Debug)]
pub struct GameSetup {
    /// The dispute period (invariant G needs ≥ 2).
    pub period: u64,
    /// The root claim.
    pub claim: Property,
    /// Who claims it.
    pub claimer: Address,
    /// The block of play it is claimed in (adversary moves of that block run first).
    pub claim_block: u64,
    /// The adversary's schedule.
    pub adversary: Adversary,
    /// Roots the operator submits in block 0, before anything else: `(Plasma block, root)`.
    pub initial_roots: Vec<(U256, B256)>,
    /// The decider's witness store.
    pub witnesses: WitnessStore,
    /// Stop after this many blocks; `None`: [`GameSetup::default_max_blocks`].
    pub max_blocks: Option<u64>,
}

impl GameSetup {
    /// `claim` by [`claimer_account`] at block 0, no adversary, no roots, no witnesses.
    pub fn new(period: u64, claim: Property) -> Self {
        Self {
            period,
            claim,
            claimer: claimer_account(),
            claim_block: 0,
            adversary: Adversary::new(),
            initial_roots: Vec::new(),
            witnesses: WitnessStore::new(),
            max_blocks: None,
        }
    }

    /// With this adversary.
    pub fn adversary(mut self, adversary: Adversary) -> Self {
        self.adversary = adversary;
        self
    }

    /// Claimed by `claimer` at block `block`.
    pub fn claimed_by(mut self, claimer: Address, block: u64) -> Self {
        self.claimer = claimer;
        self.claim_block = block;
        self
    }

    /// With these initial roots.
    pub fn roots(mut self, roots: impl IntoIterator<Item = (U256, B256)>) -> Self {
        self.initial_roots = roots.into_iter().collect();
        self
    }

    /// With this witness store.
    pub fn witnesses(mut self, witnesses: WitnessStore) -> Self {
        self.witnesses = witnesses;
        self
    }

    /// Stopping after `max_blocks` blocks.
    pub fn max_blocks(mut self, max_blocks: u64) -> Self {
        self.max_blocks = Some(max_blocks);
        self
    }

    /// The last block with something scheduled (the claim or an adversary move).
    pub fn last_scheduled_block(&self) -> u64 {
        self.adversary
            .last_block()
            .unwrap_or(0)
            .max(self.claim_block)
    }

    /// `period × (34 + 2) + last scheduled block + 1`: enough for a challenge chain of the
    /// maximal depth after the last move.
    pub fn default_max_blocks(&self) -> u64 {
        self.period
            .saturating_mul(36)
            .saturating_add(self.last_scheduled_block())
            .saturating_add(1)
    }
}

type SnapshotCache = Mutex<BTreeMap<u64, Arc<Snapshot>>>;

/// The OVM deployed with dispute period `period`, deployed once per process and period and
/// shared; fork a game from it with [`Chain::from_snapshot`].
pub fn deployed_snapshot(period: u64) -> Result<Arc<Snapshot>, PlayError> {
    static CACHE: OnceLock<SnapshotCache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(BTreeMap::new()));
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(snapshot) = cache.get(&period) {
        return Ok(Arc::clone(snapshot));
    }
    let chain = Chain::deployed(period).map_err(PlayError::Deploy)?;
    let snapshot = Arc::new(chain.snapshot());
    cache.insert(period, Arc::clone(&snapshot));
    Ok(snapshot)
}

/// Plays `setup` against the honest agent deciding with `decider`.
///
/// Forks the cached deployment of `setup.period`, has the operator submit the initial roots,
/// then runs blocks 0, 1, …: in each, first the adversary's moves scheduled for it, then the
/// claim (in its block), then the honest agent, then the block is mined. Play stops after a
/// block in which nothing more is scheduled, the root claim and every game under it are
/// decided and every game the decider judges True or False is decided — or after
/// `max_blocks` blocks. Deterministic.
///
/// # Errors
///
/// [`PlayError::Deploy`] if the OVM cannot be deployed with this period (e.g. 0).
pub fn play(setup: &GameSetup, decider: &dyn Decider) -> Result<GameRecord, PlayError> {
    play_on(&*deployed_snapshot(setup.period)?, setup, decider)
}

/// [`play`] on a fork of `snapshot`, an OVM deployment of any contracts implementing the
/// spec's ABI (e.g. plugged-in ones, see `Chain::deploy_codes`).
///
/// # Errors
///
/// [`PlayError::Deploy`] if the snapshot holds no deployment, [`PlayError::PeriodMismatch`]
/// if its dispute period is not `setup.period`.
pub fn play_on(
    snapshot: &Snapshot,
    setup: &GameSetup,
    decider: &dyn Decider,
) -> Result<GameRecord, PlayError> {
    play_in(&mut Chain::from_snapshot(snapshot), setup, decider)
}

/// [`play`] on `chain` itself (an OVM deployment, as for [`play_on`]), which is left in its
/// final state, e.g. to read what the game cost ([`Chain::evm_time`]).
///
/// # Errors
///
/// As [`play_on`].
pub fn play_in(
    chain: &mut Chain,
    setup: &GameSetup,
    decider: &dyn Decider,
) -> Result<GameRecord, PlayError> {
    let deployment = chain.ovm().map_err(PlayError::Deploy)?;
    if deployment.period != setup.period {
        return Err(PlayError::PeriodMismatch {
            deployed: deployment.period,
            requested: setup.period,
        });
    }
    let start = chain.block_number();
    let mut agent = HonestAgent::new(
        decider,
        deployment,
        setup.witnesses.clone(),
        agent_account(),
        start,
    );
    let root = setup.claim.id();
    let max_blocks = setup
        .max_blocks
        .unwrap_or_else(|| setup.default_max_blocks());
    let last_scheduled = setup.last_scheduled_block();
    let mut schedule: BTreeMap<u64, Vec<&Move>> = BTreeMap::new();
    for m in &setup.adversary.moves {
        schedule.entry(m.at_block).or_default().push(m);
    }
    let mut txs: Vec<TxEntry> = Vec::new();
    fn record_tx(
        txs: &mut Vec<TxEntry>,
        agent: &mut HonestAgent<'_>,
        chain: &Chain,
        executed: Executed,
    ) {
        agent.observe(chain.block_number(), &executed.events);
        txs.push(executed.entry);
    }
    let mut proven: BTreeSet<B256> = BTreeSet::new();
    let mut blocks_used = 0;
    let mut hit_max_blocks = true;
    let mut t = 0;
    while t < max_blocks {
        blocks_used = t + 1;
        let sent_before = txs.len();
        if t == 0 {
            for (block, root) in &setup.initial_roots {
                let action = Action::SubmitRoot {
                    block: *block,
                    root: *root,
                };
                let executed = execute(
                    chain,
                    &deployment,
                    start,
                    Actor::Setup,
                    operator_account(),
                    &action,
                );
                record_tx(&mut txs, &mut agent, chain, executed);
            }
        }
        for m in schedule.get(&t).into_iter().flatten() {
            let executed = execute(
                chain,
                &deployment,
                start,
                Actor::Adversary,
                m.from,
                &m.action,
            );
            if let Action::DecideClaimWithWitness { property, witness } = &m.action
                && executed.entry.ok
                && decide_with_witness(agent.world(), property, witness)
            {
                proven.insert(property.id());
            }
            record_tx(&mut txs, &mut agent, chain, executed);
        }
        if t == setup.claim_block {
            let executed = execute(
                chain,
                &deployment,
                start,
                Actor::Claimer,
                setup.claimer,
                &Action::Claim(setup.claim.clone()),
            );
            record_tx(&mut txs, &mut agent, chain, executed);
        }
        for executed in agent.act(chain) {
            // The agent already observed its own events.
            txs.push(executed.entry);
        }
        if t >= last_scheduled && settled(&mut agent, root) {
            hit_max_blocks = false;
            break;
        }
        // Blocks in which nothing can happen are skipped (absurd periods and move blocks run
        // in bounded time): after a block without transactions, the next block that matters
        // is the next scheduled one or the agent's next wake-up.
        let next = if txs.len() == sent_before {
            let scheduled = schedule.range(t + 1..).next().map(|(&b, _)| b);
            let claim = (setup.claim_block > t).then_some(setup.claim_block);
            let wakeup = agent
                .next_wakeup(chain.block_number())
                .map(|b| agent.relative(b));
            [scheduled, claim, wakeup]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(max_blocks)
                .clamp(t + 1, max_blocks)
        } else {
            t + 1
        };
        chain.advance(next - t);
        t = next;
    }
    if hit_max_blocks {
        blocks_used = max_blocks;
    }
    let ending = Ending {
        txs,
        blocks_used,
        hit_max_blocks,
        proven,
    };
    Ok(build_record(setup, &mut agent, chain, root, ending))
}

/// Whether the root claim (if it exists) and every game under it are decided, and so is
/// every game judged True or False.
fn settled(agent: &mut HonestAgent<'_>, root: B256) -> bool {
    let subtree_decided = agent.subtree(root).iter().all(|id| {
        agent
            .games()
            .get(id)
            .is_some_and(|g| g.decision != Decision::Undecided)
    });
    subtree_decided && agent.all_defined_decided()
}

/// How play ended, for [`build_record`].
struct Ending {
    txs: Vec<TxEntry>,
    blocks_used: u64,
    hit_max_blocks: bool,
    proven: BTreeSet<B256>,
}

fn build_record(
    setup: &GameSetup,
    agent: &mut HonestAgent<'_>,
    chain: &mut Chain,
    root: B256,
    ending: Ending,
) -> GameRecord {
    let Ending {
        txs,
        blocks_used,
        hit_max_blocks,
        proven,
    } = ending;
    let under_root: BTreeSet<B256> = agent.subtree(root).into_iter().collect();
    let d = challenge_depths(agent);
    let mut games = Vec::new();
    for id in agent.order().to_vec() {
        let Some(known) = agent.games().get(&id).cloned() else {
            continue;
        };
        let (judgment, judged_at) = match known.judgment_at_decision.clone() {
            Some(judgment) => (judgment, JudgedAt::Decision),
            None => (agent.judgment(&known.property), JudgedAt::End),
        };
        let on_chain = chain.get_game(id).ok();
        let mirror_matches = on_chain.as_ref().is_some_and(|g| {
            g.decision == known.decision
                && g.challenges == known.challenges
                && g.created_block == known.created_block
        });
        let decision = on_chain.map_or(known.decision, |g| g.decision);
        games.push(GameEntry {
            id,
            predicate: agent
                .world()
                .registry
                .kind(known.property.predicate)
                .map_or("unregistered", |k| k.name())
                .to_owned(),
            created_block: agent.relative(known.created_block),
            judged_since_block: agent.relative(known.judged_since),
            judgment,
            judged_at,
            decision,
            decided_block: known.decided_block.map(|b| agent.relative(b)),
            d: d.get(&id).copied().unwrap_or(0),
            challenges: known.ever_challenged.clone(),
            under_root: under_root.contains(&id),
            mirror_matches,
            proven_by_witness: proven.contains(&id),
        });
    }
    let root_game = chain.get_game(root).ok().filter(|g| g.exists());
    GameRecord {
        period: setup.period,
        root,
        root_exists: root_game.is_some(),
        root_decision: root_game.map_or(Decision::Undecided, |g| g.decision),
        games,
        blocks_used,
        hit_max_blocks,
        total_gas: txs.iter().map(|t| t.gas).sum(),
        txs,
        agent_notes: agent.notes().to_vec(),
    }
}

/// The longest challenge chain under each game (edges: every challenge ever added); a
/// challenge leading back into the chain being explored counts as a leaf.
fn challenge_depths(agent: &HonestAgent<'_>) -> BTreeMap<B256, u64> {
    fn longest(
        id: B256,
        agent: &HonestAgent<'_>,
        on_path: &mut BTreeSet<B256>,
        memo: &mut BTreeMap<B256, u64>,
    ) -> u64 {
        if let Some(d) = memo.get(&id) {
            return *d;
        }
        let Some(game) = agent.games().get(&id) else {
            return 0;
        };
        if !on_path.insert(id) {
            return 0;
        }
        let mut best = 0;
        let mut cyclic = false;
        for child in &game.ever_challenged {
            if on_path.contains(child) {
                cyclic = true;
                best = best.max(1);
                continue;
            }
            best = best.max(1 + longest(*child, agent, on_path, memo));
        }
        on_path.remove(&id);
        if !cyclic {
            memo.insert(id, best);
        }
        best
    }
    let mut memo = BTreeMap::new();
    let mut out = BTreeMap::new();
    for id in agent.order() {
        let mut on_path = BTreeSet::new();
        out.insert(*id, longest(*id, agent, &mut on_path, &mut memo));
    }
    out
}
