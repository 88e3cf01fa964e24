//! The honest agent of spec §8.
//!
//! It mirrors the chain from the deployment's events (every game's property, challenges in
//! on-chain order, decisions, and `RootSubmitted` into its decider [`World`]'s storage) and,
//! each time it is asked to [`act`](HonestAgent::act), plays every undecided game it knows
//! until nothing more can be done in that block:
//!
//! - **False** (challenge `(ci, Q)`): `challenge(P, ci, Q)` unless `Q` is already a challenge
//!   of `P`; `Q` is then a game of its own, judged True and driven to True (witness, atomic
//!   `decideTrue`, `Not.decideTrue`, `And.decideTrue`, else defended until
//!   `decideClaimToTrue`); once any challenge of `P` is decided True, `decideClaimToFalse`.
//!   An atomic judged False is settled with `decideFalse`.
//! - **True**: `decideClaimWithWitness` with the decider's witness, atomic `decideTrue`,
//!   `Not.decideTrue(q)` once `q` is decided False (an atomic `q` without a game is claimed
//!   for that), `And.decideTrue` once every child is decided True; otherwise every challenge
//!   `Q` (judged False, and refuted as its own game) is removed once decided False, and
//!   `decideClaimToTrue` is sent when the period is over and no challenge remains.
//! - **Unknown** with a pin: `challenge(P, pin)`; the pin is a game of its own, pinned in turn.
//!   Without a pin: nothing.
//!
//! Every transaction is checked against the agent's mirror first (game state, period,
//! [`is_valid_challenge`], [`decide_with_witness`]), so it only sends what it expects to
//! succeed; a transaction that fails anyway is recorded and not repeated until the world
//! changes or a period has passed.

use std::collections::{BTreeMap, BTreeSet};

use ovm_chain::{Chain, Deployment, OvmEvent};
use ovm_core::{
    Address, B256, ConnectiveKind, Decision, MAX_CLAIM_DEPTH, PredicateKind, Property, depth,
};
use ovm_decider::{
    Decider, Outcome, Truth, WitnessStore, World, decide_with_witness, is_valid_challenge,
    onchain::is_claimable_challenge,
};

use crate::{
    Judgment,
    action::{Action, Actor, Executed, execute},
};

/// At most this many passes over the games per block (each pass that sends nothing ends it).
pub const MAX_PASSES: usize = 64;

/// Pins are followed at most this far when checking whether a pin chain is complete.
pub const MAX_PIN_CHAIN: usize = 128;

/// What the agent knows about one game, from the events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownGame {
    /// The claimed property.
    pub property: Property,
    /// Chain block of its creation (`createdBlock`).
    pub created_block: u64,
    /// Ids of its pending challenges, in on-chain order (swap-and-pop on removal).
    pub challenges: Vec<B256>,
    /// Every challenge ever added, in the order first added.
    pub ever_challenged: Vec<B256>,
    /// The decision.
    pub decision: Decision,
    /// Chain block of the decision.
    pub decided_block: Option<u64>,
    /// The decider's judgment when the decision event was seen.
    pub judgment_at_decision: Option<Judgment>,
    /// Chain block since which the decider's truth value for it has not changed (its
    /// creation, or the last block a storage change flipped it), while undecided.
    pub judged_since: u64,
    last_truth: Option<Truth>,
}

/// The honest agent: a [`Decider`], its [`World`] kept in sync with the chain, and the games.
pub struct HonestAgent<'d> {
    decider: &'d dyn Decider,
    deployment: Deployment,
    world: World,
    sender: Address,
    start_block: u64,
    games: BTreeMap<B256, KnownGame>,
    order: Vec<B256>,
    epoch: u64,
    cache: BTreeMap<B256, (u64, Outcome)>,
    failed: BTreeMap<Action, (u64, u64)>,
    notes: Vec<String>,
}

impl std::fmt::Debug for HonestAgent<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HonestAgent")
            .field("sender", &self.sender)
            .field("games", &self.games.len())
            .field("epoch", &self.epoch)
            .finish_non_exhaustive()
    }
}

impl<'d> HonestAgent<'d> {
    /// An agent sending from `sender`, deciding with `decider` in a world of `deployment`'s
    /// registry, the witness store `witnesses` and (initially empty) storage, which it fills
    /// from the `RootSubmitted` events it observes. Block numbers in its records are counted
    /// from `start_block` (the chain block of play's block 0).
    pub fn new(
        decider: &'d dyn Decider,
        deployment: Deployment,
        witnesses: WitnessStore,
        sender: Address,
        start_block: u64,
    ) -> Self {
        let mut world = World::new(deployment.registry());
        world.witnesses = witnesses;
        Self {
            decider,
            deployment,
            world,
            sender,
            start_block,
            games: BTreeMap::new(),
            order: Vec::new(),
            epoch: 0,
            cache: BTreeMap::new(),
            failed: BTreeMap::new(),
            notes: Vec::new(),
        }
    }

    /// The agent's sender.
    pub fn sender(&self) -> Address {
        self.sender
    }

    /// The decider world, as mirrored from the chain.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// Every game seen, by id.
    pub fn games(&self) -> &BTreeMap<B256, KnownGame> {
        &self.games
    }

    /// Ids of every game seen, in the order their `NewPropertyClaimed` was observed.
    pub fn order(&self) -> &[B256] {
        &self.order
    }

    /// Anomalies the agent noticed (a mirrored `submitRoot` it could not apply, a decision of a
    /// game it never saw claimed, …), in order.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The decider's outcome for `property` in the current world (cached until the storage
    /// changes).
    pub fn outcome(&mut self, property: &Property) -> Outcome {
        let id = property.id();
        if let Some((epoch, outcome)) = self.cache.get(&id)
            && *epoch == self.epoch
        {
            return outcome.clone();
        }
        let outcome = self.decider.decide(property, &self.world);
        self.cache.insert(id, (self.epoch, outcome.clone()));
        outcome
    }

    /// The decider's [`Judgment`] of `property` now, pin chain included.
    pub fn judgment(&mut self, property: &Property) -> Judgment {
        let outcome = self.outcome(property);
        let complete = outcome.is_unknown() && self.pin_chain_complete(property);
        Judgment::of(&outcome, complete)
    }

    /// Whether following pins from `property` ends at an atomic of undefined truth, or loops.
    pub fn pin_chain_complete(&mut self, property: &Property) -> bool {
        let mut seen = BTreeSet::new();
        let mut current = property.clone();
        for _ in 0..MAX_PIN_CHAIN {
            if !seen.insert(current.id()) {
                return true;
            }
            match self.outcome(&current) {
                Outcome::Unknown { pin: Some(pin), .. } => current = pin.property,
                Outcome::Unknown { pin: None, why } => {
                    return why.is_undefined()
                        && self.world.registry.atomic(current.predicate).is_some();
                }
                Outcome::True { .. } | Outcome::False { .. } => return false,
            }
        }
        false
    }

    /// Mirrors `events` (the deployment's, in emission order) that happened in chain block
    /// `block`.
    pub fn observe(&mut self, block: u64, events: &[OvmEvent]) {
        for event in events {
            self.observe_one(block, event);
        }
    }

    fn observe_one(&mut self, block: u64, event: &OvmEvent) {
        match event {
            OvmEvent::NewPropertyClaimed {
                game_id,
                property,
                created_block,
            } => {
                if self.games.contains_key(game_id) {
                    self.notes
                        .push(format!("game {game_id} claimed twice (block {block})"));
                    return;
                }
                let created_block = u64::try_from(*created_block).unwrap_or(u64::MAX);
                let truth = self.outcome(property).truth();
                self.games.insert(
                    *game_id,
                    KnownGame {
                        property: property.clone(),
                        created_block,
                        challenges: Vec::new(),
                        ever_challenged: Vec::new(),
                        decision: Decision::Undecided,
                        decided_block: None,
                        judgment_at_decision: None,
                        judged_since: created_block,
                        last_truth: Some(truth),
                    },
                );
                self.order.push(*game_id);
            }
            OvmEvent::ClaimChallenged {
                game_id,
                challenge_game_id,
            } => match self.games.get_mut(game_id) {
                Some(game) => {
                    game.challenges.push(*challenge_game_id);
                    if !game.ever_challenged.contains(challenge_game_id) {
                        game.ever_challenged.push(*challenge_game_id);
                    }
                }
                None => self
                    .notes
                    .push(format!("challenge of unknown game {game_id}")),
            },
            OvmEvent::ChallengeRemoved {
                game_id,
                challenge_game_id,
            } => {
                let removed = self.games.get_mut(game_id).and_then(|game| {
                    let index = game
                        .challenges
                        .iter()
                        .position(|c| c == challenge_game_id)?;
                    Some(game.challenges.swap_remove(index))
                });
                if removed.is_none() {
                    self.notes
                        .push(format!("removal of unknown challenge of {game_id}"));
                }
            }
            OvmEvent::ClaimDecided { game_id, decision }
            | OvmEvent::AtomicPropositionDecided { game_id, decision } => {
                let Some(property) = self.games.get(game_id).map(|g| g.property.clone()) else {
                    self.notes
                        .push(format!("decision of unknown game {game_id}"));
                    return;
                };
                let judgment = self.judgment(&property);
                if let Some(game) = self.games.get_mut(game_id) {
                    if game.decision != Decision::Undecided {
                        self.notes.push(format!("game {game_id} decided twice"));
                        return;
                    }
                    game.decision = Decision::from_bool(*decision);
                    game.decided_block = Some(block);
                    game.judgment_at_decision = Some(judgment);
                }
            }
            OvmEvent::RootSubmitted { block_number, root } => {
                let applied = self.world.storage.submit_root(
                    self.deployment.commitment,
                    *block_number,
                    *root,
                );
                if let Err(e) = applied {
                    self.notes
                        .push(format!("mirroring submitRoot({block_number}) failed: {e}"));
                }
                self.epoch += 1;
                self.refresh_truths(block);
            }
            OvmEvent::Unknown(_) => {}
        }
    }

    /// Re-judges every undecided game, noting the block at which its truth value changed.
    fn refresh_truths(&mut self, block: u64) {
        let undecided: Vec<(B256, Property)> = self
            .order
            .iter()
            .filter_map(|id| {
                let game = self.games.get(id)?;
                (game.decision == Decision::Undecided).then(|| (*id, game.property.clone()))
            })
            .collect();
        for (id, property) in undecided {
            let truth = self.outcome(&property).truth();
            if let Some(game) = self.games.get_mut(&id)
                && game.last_truth != Some(truth)
            {
                game.last_truth = Some(truth);
                game.judged_since = block;
            }
        }
    }

    /// Plays every undecided game it knows, in the chain's current block, until nothing more
    /// can be done; returns the transactions it sent (their events already observed).
    pub fn act(&mut self, chain: &mut Chain) -> Vec<Executed> {
        let block = chain.block_number();
        self.refresh_truths(block);
        let mut sent = Vec::new();
        for _ in 0..MAX_PASSES {
            let mut progressed = false;
            for id in self.order.clone() {
                for action in self.plan(id, block) {
                    if self.recently_failed(&action, block) {
                        continue;
                    }
                    let executed = execute(
                        chain,
                        &self.deployment,
                        self.start_block,
                        Actor::Agent,
                        self.sender,
                        &action,
                    );
                    if executed.entry.ok {
                        progressed = true;
                        self.observe(block, &executed.events);
                    } else {
                        self.failed.insert(action, (self.epoch, block));
                    }
                    sent.push(executed);
                }
            }
            if !progressed {
                break;
            }
        }
        sent
    }

    /// The first chain block after `block` at which the passing of time alone changes what the
    /// agent may do — an undecided game's dispute period ends, or a failed transaction may be
    /// retried — if any. Until then, a block in which nobody sends anything is followed by
    /// another such block, so a player may skip straight to it.
    pub fn next_wakeup(&self, block: u64) -> Option<u64> {
        let period = self.deployment.period;
        let period_ends = self
            .games
            .values()
            .filter(|g| g.decision == Decision::Undecided)
            .map(|g| g.created_block.saturating_add(period));
        let retries = self
            .failed
            .values()
            .filter(|(epoch, _)| *epoch == self.epoch)
            .map(|(_, at)| at.saturating_add(period));
        period_ends.chain(retries).filter(|&b| b > block).min()
    }

    /// Whether `action` failed in the current storage epoch less than a period ago (a failed
    /// transaction is retried once the world changed or a period passed, not before).
    fn recently_failed(&self, action: &Action, block: u64) -> bool {
        self.failed.get(action).is_some_and(|(epoch, at)| {
            *epoch == self.epoch && block.saturating_sub(*at) < self.deployment.period
        })
    }

    fn game(&self, id: &B256) -> Option<&KnownGame> {
        self.games.get(id)
    }

    fn decision_of(&self, id: &B256) -> Option<Decision> {
        self.game(id).map(|g| g.decision)
    }

    fn within_period(&self, game: &KnownGame, block: u64) -> bool {
        block.saturating_sub(game.created_block) < self.deployment.period
    }

    /// Whether `challenge(P, inputs, Q)` would succeed now, by the mirror.
    fn can_challenge(
        &self,
        game: &KnownGame,
        block: u64,
        inputs: &[ovm_core::Bytes],
        q: &Property,
    ) -> bool {
        let registry = &self.world.registry;
        let qid = q.id();
        game.decision == Decision::Undecided
            && self.within_period(game, block)
            && registry.connective(game.property.predicate).is_some()
            && is_valid_challenge(registry, &game.property, inputs, q)
            && is_claimable_challenge(registry, q)
            && !game.challenges.contains(&qid)
            && (self.game(&qid).is_some() || registry.kind(q.predicate).is_some())
    }

    /// The moves for game `id` now (empty when there is nothing to do).
    fn plan(&mut self, id: B256, block: u64) -> Vec<Action> {
        let Some(game) = self.game(&id).cloned() else {
            return Vec::new();
        };
        if game.decision != Decision::Undecided {
            return Vec::new();
        }
        let property = game.property.clone();
        let outcome = self.outcome(&property);
        match self.world.registry.kind(property.predicate) {
            None => Vec::new(),
            Some(PredicateKind::Atomic(_)) => match outcome.truth() {
                Truth::True => vec![Action::DecideTrue(property)],
                Truth::False => vec![Action::DecideFalse(property)],
                Truth::Undefined => Vec::new(),
            },
            Some(PredicateKind::Connective(kind)) => match outcome {
                Outcome::True { witness } => self.plan_true(&game, kind, block, witness),
                Outcome::False { challenge } => {
                    if let Some(q) = self.challenge_decided(&game, Decision::True) {
                        return vec![Action::DecideClaimToFalse {
                            property,
                            challenge: q,
                        }];
                    }
                    match challenge {
                        Some(c)
                            if self.decision_of(&c.property.id()) != Some(Decision::False)
                                && self.can_challenge(&game, block, &c.inputs, &c.property) =>
                        {
                            vec![Action::Challenge {
                                property,
                                inputs: c.inputs,
                                challenge: c.property,
                            }]
                        }
                        _ => Vec::new(),
                    }
                }
                Outcome::Unknown { pin: Some(pin), .. }
                    if self.can_challenge(&game, block, &pin.inputs, &pin.property) =>
                {
                    vec![Action::Challenge {
                        property,
                        inputs: pin.inputs,
                        challenge: pin.property,
                    }]
                }
                Outcome::Unknown { .. } => Vec::new(),
            },
        }
    }

    /// The first pending challenge of `game` decided `decision`, as a property.
    fn challenge_decided(&self, game: &KnownGame, decision: Decision) -> Option<Property> {
        game.challenges.iter().find_map(|c| {
            let challenge = self.game(c)?;
            (challenge.decision == decision).then(|| challenge.property.clone())
        })
    }

    fn plan_true(
        &mut self,
        game: &KnownGame,
        kind: ConnectiveKind,
        block: u64,
        witness: Option<Vec<ovm_core::Bytes>>,
    ) -> Vec<Action> {
        let property = &game.property;
        if let Some(witness) = witness
            && decide_with_witness(&self.world, property, &witness)
        {
            return vec![Action::DecideClaimWithWitness {
                property: property.clone(),
                witness,
            }];
        }
        let children: Option<Vec<Property>> = property
            .inputs
            .iter()
            .map(|input| Property::decode_canonical(input))
            .collect();
        match (kind, children) {
            (ConnectiveKind::Not, Some(children)) if children.len() == 1 => {
                let inner = &children[0];
                match self.decision_of(&inner.id()) {
                    Some(Decision::False) => return vec![Action::NotDecideTrue(inner.clone())],
                    None if self.worth_claiming(inner) => {
                        return vec![Action::Claim(inner.clone())];
                    }
                    _ => {}
                }
            }
            (ConnectiveKind::And, Some(children))
                if children
                    .iter()
                    .all(|c| self.decision_of(&c.id()) == Some(Decision::True)) =>
            {
                return vec![Action::AndDecideTrue(children)];
            }
            _ => {}
        }
        let removals: Vec<Action> = game
            .challenges
            .iter()
            .filter_map(|c| {
                let challenge = self.game(c)?;
                (challenge.decision == Decision::False).then(|| Action::RemoveChallenge {
                    property: property.clone(),
                    challenge: challenge.property.clone(),
                })
            })
            .collect();
        if !removals.is_empty() {
            return removals;
        }
        if game.challenges.is_empty() && !self.within_period(game, block) {
            return vec![Action::DecideClaimToTrue(property.id())];
        }
        Vec::new()
    }

    /// Whether to claim `inner` (no game yet) so that `Not(inner)` can be decided by
    /// `Not.decideTrue`: only a claimable atomic the decider judges False, which the next pass
    /// settles with `decideFalse` at once.
    fn worth_claiming(&mut self, inner: &Property) -> bool {
        let registry = &self.world.registry;
        registry.atomic(inner.predicate).is_some()
            && depth(&inner.encode(), registry) <= MAX_CLAIM_DEPTH
            && self.outcome(inner).is_false()
    }

    /// Chain block → play block (counted from play's block 0).
    pub fn relative(&self, block: u64) -> u64 {
        block.saturating_sub(self.start_block)
    }

    /// Whether every undecided game the decider judges True or False is decided (nothing is
    /// left for the agent but Unknowns).
    pub fn all_defined_decided(&mut self) -> bool {
        let undecided: Vec<Property> = self
            .games
            .values()
            .filter(|g| g.decision == Decision::Undecided)
            .map(|g| g.property.clone())
            .collect();
        undecided
            .iter()
            .all(|p| self.outcome(p).truth() == Truth::Undefined)
    }

    /// The games reachable from `root` through challenges ever added (`root` included, if
    /// known), in discovery order.
    pub fn subtree(&self, root: B256) -> Vec<B256> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            let Some(game) = self.game(&id) else { continue };
            if !seen.insert(id) {
                continue;
            }
            out.push(id);
            stack.extend(game.ever_challenged.iter().rev().copied());
        }
        out
    }
}
