//! The Universal Adjudication Contract model (spec §6) and the predicates' entry points that
//! call `setPredicateDecision` (§4 `Not.decideTrue` / `And.decideTrue`, §5 atomic
//! `decideTrue` / `decideFalse`).

use crate::{Event, PredicateOracle, UacError};
use ovm_core::{
    Action, Address, B256, Bytes, ChallengeGame, ConnectiveKind, Decision, MAX_CHALLENGE_DEPTH,
    MAX_CLAIM_DEPTH, Property, Registry, U256, depth,
};
use std::collections::BTreeMap;

/// The result of a mutating call: its events in order, or the error it reverts with (and then
/// nothing changed).
pub type UacResult = Result<Vec<Event>, UacError>;

/// One game with the bookkeeping the Solidity keeps beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct GameEntry {
    /// The public game state (`getGame`).
    game: ChallengeGame,
    /// The claimed property's predicate (`getGamePredicate`).
    predicate: Address,
    /// Challenge id → 1 + its index in `game.challenges` (the membership set).
    slots: BTreeMap<B256, usize>,
}

/// An executable model of the UAC: it matches the Solidity call by call (success or error with
/// its arguments, game state including challenge order, events in order).
///
/// Every mutating method is atomic: on `Err` the model is unchanged. Block numbers are `u64`
/// and only move when the caller says so ([`UacModel::set_block_number`], [`UacModel::advance`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UacModel {
    registry: Registry,
    period: u64,
    block_number: u64,
    games: BTreeMap<B256, GameEntry>,
}

impl UacModel {
    /// The UAC constructor: a dispute period of `period` blocks (`InvalidPeriod()` if 0) over
    /// the deployment's `registry`, at block 0 with no games.
    pub fn new(registry: Registry, period: u64) -> Result<Self, UacError> {
        if period == 0 {
            return Err(UacError::InvalidPeriod);
        }
        Ok(Self {
            registry,
            period,
            block_number: 0,
            games: BTreeMap::new(),
        })
    }

    /// The deployment's registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The dispute period in blocks (`disputePeriod`).
    pub fn period(&self) -> u64 {
        self.period
    }

    /// The current block number (`block.number` of the next call).
    pub fn block_number(&self) -> u64 {
        self.block_number
    }

    /// Sets the current block number. A real chain never goes back; if the model is moved back
    /// before a game's creation block, that game counts as inside its period (saturating).
    pub fn set_block_number(&mut self, block_number: u64) {
        self.block_number = block_number;
    }

    /// Advances the current block number by `blocks` (saturating).
    pub fn advance(&mut self, blocks: u64) {
        self.block_number = self.block_number.saturating_add(blocks);
    }

    // ------------------------------------------------------------------ wiring

    /// `initialize(...)` sent by `from` to a UAC deployed by `deployer`. The model stands for a
    /// deployment whose one-shot wiring is done (§6), so the call always fails, checked in
    /// this order: `NotDeployer(from)` unless `from` is the deployer, then
    /// `AlreadyInitialized()`. Nothing changes.
    pub fn initialize(&self, deployer: Address, from: Address) -> UacResult {
        if from != deployer {
            return Err(UacError::NotDeployer(from));
        }
        Err(UacError::AlreadyInitialized)
    }

    // ------------------------------------------------------------------ game functions

    /// Applies `action` sent by `from`: the model's one dispatcher of [`Action`]. `None` for
    /// `submitRoot`, which is `CommitmentModel`'s.
    pub fn apply(
        &mut self,
        oracle: &dyn PredicateOracle,
        from: Address,
        action: &Action,
    ) -> Option<UacResult> {
        Some(match action {
            Action::Claim(p) => self.claim_property(p),
            Action::Challenge {
                property,
                inputs,
                challenge,
            } => self.challenge(oracle, property, inputs, challenge),
            Action::RemoveChallenge {
                property,
                challenge,
            } => self.remove_challenge(property, challenge),
            Action::DecideClaimToTrue(id) => self.decide_claim_to_true(*id),
            Action::DecideClaimToFalse {
                property,
                challenge,
            } => self.decide_claim_to_false(property, challenge),
            Action::DecideClaimWithWitness { property, witness } => {
                self.decide_claim_with_witness(oracle, property, witness)
            }
            Action::SetPredicateDecision { property, decision } => {
                self.set_predicate_decision(from, property, *decision)
            }
            Action::DecideTrue(p) => self.atomic_decide_true(oracle, p),
            Action::DecideFalse(p) => self.atomic_decide_false(oracle, p),
            Action::NotDecideTrue(inner) => self.not_decide_true(inner),
            Action::AndDecideTrue(children) => self.and_decide_true(children),
            Action::SubmitRoot { .. } => return None,
        })
    }

    /// `claimProperty(P)`: requires, in order, a registered predicate (`UnknownPredicate`),
    /// depth ≤ 32 (`TooDeep`), no game yet (`GameAlreadyExists`); creates the game at the
    /// current block (`NewPropertyClaimed`).
    pub fn claim_property(&mut self, property: &Property) -> UacResult {
        let game_id = property.id();
        self.require_registered(property.predicate)?;
        self.require_depth(property, MAX_CLAIM_DEPTH)?;
        if self.game_exists(game_id) {
            return Err(UacError::GameAlreadyExists(game_id));
        }
        Ok(vec![self.create_game(game_id, property)])
    }

    /// `challenge(P, ci, Q)`: requires, in order, `P`'s game exists (`GameNotFound`), is
    /// Undecided (`GameAlreadyDecided`), is inside its period (`DisputePeriodOver`), `P`'s
    /// predicate is a connective (`NotAConnective`), the oracle accepts the challenge
    /// (`InvalidChallenge`), `id(Q)` is not already a challenge of `P` (`DuplicateChallenge`);
    /// then, if `Q` has no game, claims it with depth ≤ 34 (`UnknownPredicate` / `TooDeep`,
    /// `NewPropertyClaimed`), and appends `id(Q)` (`ClaimChallenged`).
    pub fn challenge(
        &mut self,
        oracle: &dyn PredicateOracle,
        property: &Property,
        challenge_inputs: &[Bytes],
        challenge: &Property,
    ) -> UacResult {
        let game_id = property.id();
        let entry = self.undecided_game(game_id)?;
        if self.elapsed(entry.game.created_block) >= self.period {
            return Err(UacError::DisputePeriodOver(game_id));
        }
        let predicate = property.predicate;
        if self.registry.connective(predicate).is_none() {
            return Err(UacError::NotAConnective(predicate));
        }
        let challenge_id = challenge.id();
        if !oracle.is_valid_challenge(property, challenge_inputs, challenge) {
            return Err(UacError::InvalidChallenge(game_id, challenge_id));
        }
        if entry.slots.contains_key(&challenge_id) {
            return Err(UacError::DuplicateChallenge(game_id, challenge_id));
        }
        let claim_challenge = !self.game_exists(challenge_id);
        if claim_challenge {
            self.require_registered(challenge.predicate)?;
            self.require_depth(challenge, MAX_CHALLENGE_DEPTH)?;
        }
        // All checks passed: mutate.
        let mut events = Vec::with_capacity(2);
        if claim_challenge {
            events.push(self.create_game(challenge_id, challenge));
        }
        if let Some(entry) = self.games.get_mut(&game_id) {
            entry.game.challenges.push(challenge_id);
            entry
                .slots
                .insert(challenge_id, entry.game.challenges.len());
        }
        events.push(Event::ClaimChallenged {
            game_id,
            challenge_game_id: challenge_id,
        });
        Ok(events)
    }

    /// `removeChallenge(P, Q)`: requires `P`'s game exists (`GameNotFound`), is Undecided
    /// (`GameAlreadyDecided`), `id(Q)` is among its challenges (`ChallengeNotFound`) and `Q` is
    /// decided False (`ChallengeNotDecidedFalse`); removes it by swap-and-pop (the last
    /// challenge moves into its slot) (`ChallengeRemoved`).
    pub fn remove_challenge(&mut self, property: &Property, challenge: &Property) -> UacResult {
        let game_id = property.id();
        let entry = self.undecided_game(game_id)?;
        let challenge_id = challenge.id();
        let Some(&slot) = entry.slots.get(&challenge_id) else {
            return Err(UacError::ChallengeNotFound(game_id, challenge_id));
        };
        if self.get_game_decision(challenge_id) != Decision::False {
            return Err(UacError::ChallengeNotDecidedFalse(challenge_id));
        }
        if let Some(entry) = self.games.get_mut(&game_id) {
            let challenges = &mut entry.game.challenges;
            let last = challenges.len();
            if slot != last
                && let Some(&moved) = challenges.last()
                && let Some(target) = slot.checked_sub(1).and_then(|i| challenges.get_mut(i))
            {
                *target = moved;
                entry.slots.insert(moved, slot);
            }
            challenges.pop();
            entry.slots.remove(&challenge_id);
        }
        Ok(vec![Event::ChallengeRemoved {
            game_id,
            challenge_game_id: challenge_id,
        }])
    }

    /// `decideClaimToTrue(id)`: requires, in order, the game exists (`GameNotFound`), is
    /// Undecided (`GameAlreadyDecided`), its predicate is a connective (`NotAConnective` with
    /// the game's predicate), its period is over (`DisputePeriodNotOver`) and no challenge is
    /// left (`ChallengesRemain`); decides it True (`ClaimDecided`).
    pub fn decide_claim_to_true(&mut self, game_id: B256) -> UacResult {
        self.check_decide_to_true(game_id)?;
        Ok(vec![self.decide(game_id, true)])
    }

    /// `decideClaimToFalse(P, Q)`: requires `P`'s game exists (`GameNotFound`), is Undecided
    /// (`GameAlreadyDecided`), `id(Q)` is among its challenges (`ChallengeNotFound`) and `Q` is
    /// decided True (`ChallengeNotDecidedTrue`); decides `P` False (`ClaimDecided`).
    pub fn decide_claim_to_false(
        &mut self,
        property: &Property,
        challenge: &Property,
    ) -> UacResult {
        let game_id = property.id();
        let entry = self.undecided_game(game_id)?;
        let challenge_id = challenge.id();
        if !entry.slots.contains_key(&challenge_id) {
            return Err(UacError::ChallengeNotFound(game_id, challenge_id));
        }
        if self.get_game_decision(challenge_id) != Decision::True {
            return Err(UacError::ChallengeNotDecidedTrue(challenge_id));
        }
        Ok(vec![self.decide(game_id, false)])
    }

    /// `decideClaimWithWitness(P, w)`: requires, in order, `P`'s game exists (`GameNotFound`),
    /// is Undecided (`GameAlreadyDecided`), its predicate is registered (`UnknownPredicate`)
    /// and accepts the witness (`WitnessRejected`); pending challenges do not block it. Decides
    /// `P` True (`ClaimDecided`).
    pub fn decide_claim_with_witness(
        &mut self,
        oracle: &dyn PredicateOracle,
        property: &Property,
        witness: &[Bytes],
    ) -> UacResult {
        let game_id = property.id();
        self.undecided_game(game_id)?;
        self.require_registered(property.predicate)?;
        if !oracle.decide_with_witness(property, witness) {
            return Err(UacError::WitnessRejected(game_id));
        }
        Ok(vec![self.decide(game_id, true)])
    }

    /// `setPredicateDecision(P, d)` sent by `caller`: requires `caller == P.predicate` and
    /// `caller` a registered connective or atomic (`CallerNotPredicate(caller)`), then `P`'s
    /// game exists (`GameNotFound`) and is Undecided (`GameAlreadyDecided`); decides it `d`
    /// (`AtomicPropositionDecided`).
    pub fn set_predicate_decision(
        &mut self,
        caller: Address,
        property: &Property,
        decision: bool,
    ) -> UacResult {
        if caller != property.predicate || !self.is_predicate(caller) {
            return Err(UacError::CallerNotPredicate(caller));
        }
        let game_id = property.id();
        self.undecided_game(game_id)?;
        if let Some(entry) = self.games.get_mut(&game_id) {
            entry.game.decision = Decision::from_bool(decision);
        }
        Ok(vec![Event::AtomicPropositionDecided { game_id, decision }])
    }

    // ------------------------------------------------------------------ predicate entry points

    /// `Not.decideTrue(inner)`: requires `inner`'s game decided False
    /// (`InnerNotFalse(id(inner))`, also when it does not exist), then
    /// `setPredicateDecision(Not([enc(inner)]), true)` sent by the Not contract.
    pub fn not_decide_true(&mut self, inner: &Property) -> UacResult {
        let inner_id = inner.id();
        if self.get_game_decision(inner_id) != Decision::False {
            return Err(UacError::InnerNotFalse(inner_id));
        }
        let not = self.registry.connective_address(ConnectiveKind::Not);
        let property = Property::new(not, [inner.encode()]);
        self.set_predicate_decision(not, &property, true)
    }

    /// `And.decideTrue(children)`: requires every child's game decided True (`ChildNotTrue(i)`
    /// for the first that is not), then `setPredicateDecision(And([enc(c_0), …]), true)` sent
    /// by the And contract.
    pub fn and_decide_true(&mut self, children: &[Property]) -> UacResult {
        let mut inputs = Vec::with_capacity(children.len());
        for (index, child) in children.iter().enumerate() {
            let encoded = child.encode();
            if self.get_game_decision(child.id()) != Decision::True {
                return Err(UacError::ChildNotTrue(U256::from(index)));
            }
            inputs.push(encoded);
        }
        let and = self.registry.connective_address(ConnectiveKind::And);
        let property = Property::new(and, inputs);
        self.set_predicate_decision(and, &property, true)
    }

    /// The atomic `P.predicate.decideTrue(P.inputs)`: requires `P`'s truth to be True
    /// (`NotTrue()`; an undefined truth fails too), then `setPredicateDecision(P, true)` sent
    /// by the atomic. `NotAnAtomic` (model only) if `P.predicate` is not a registered atomic.
    pub fn atomic_decide_true(
        &mut self,
        oracle: &dyn PredicateOracle,
        property: &Property,
    ) -> UacResult {
        self.atomic_decide(oracle, property, true)
    }

    /// The atomic `P.predicate.decideFalse(P.inputs)`: requires `P`'s truth to be False
    /// (`NotFalse()`; an undefined truth fails too), then `setPredicateDecision(P, false)` sent
    /// by the atomic. `NotAnAtomic` (model only) if `P.predicate` is not a registered atomic.
    pub fn atomic_decide_false(
        &mut self,
        oracle: &dyn PredicateOracle,
        property: &Property,
    ) -> UacResult {
        self.atomic_decide(oracle, property, false)
    }

    fn atomic_decide(
        &mut self,
        oracle: &dyn PredicateOracle,
        property: &Property,
        decision: bool,
    ) -> UacResult {
        if self.registry.atomic(property.predicate).is_none() {
            return Err(UacError::NotAnAtomic(property.predicate));
        }
        if oracle.atomic_truth(property) != Some(decision) {
            return Err(if decision {
                UacError::NotTrue
            } else {
                UacError::NotFalse
            });
        }
        self.set_predicate_decision(property.predicate, property, decision)
    }

    // ------------------------------------------------------------------ views

    /// `isDecided(P)`: whether `P`'s game is decided True.
    pub fn is_decided(&self, property: &Property) -> bool {
        self.get_game_decision(property.id()) == Decision::True
    }

    /// `isDecidable(id)`: whether `decideClaimToTrue(id)` would succeed now.
    pub fn is_decidable(&self, game_id: B256) -> bool {
        self.check_decide_to_true(game_id).is_ok()
    }

    /// `getGame(id)`: the game, all zero (default) if it does not exist.
    pub fn get_game(&self, game_id: B256) -> ChallengeGame {
        self.games
            .get(&game_id)
            .map(|entry| entry.game.clone())
            .unwrap_or_default()
    }

    /// `getGameDecision(id)` (not in the spec): the decision, Undecided if there is no game.
    pub fn get_game_decision(&self, game_id: B256) -> Decision {
        self.games
            .get(&game_id)
            .map_or(Decision::Undecided, |entry| entry.game.decision)
    }

    /// `gameExists(id)` (not in the spec): whether the game exists.
    pub fn game_exists(&self, game_id: B256) -> bool {
        self.games.contains_key(&game_id)
    }

    /// `getPropertyId(P)` = `id(P)`.
    pub fn get_property_id(&self, property: &Property) -> B256 {
        property.id()
    }

    /// `getGamePredicate(id)`: the claimed property's predicate, zero if there is no game.
    pub fn get_game_predicate(&self, game_id: B256) -> Address {
        self.games
            .get(&game_id)
            .map_or(Address::ZERO, |entry| entry.predicate)
    }

    /// `isPredicate(a)` (not in the spec): whether `a` is a registered connective or atomic.
    pub fn is_predicate(&self, address: Address) -> bool {
        self.registry.kind(address).is_some()
    }

    /// `getDepth(P)` (not in the spec): `min(depth(P), 35)` in this deployment.
    pub fn get_depth(&self, property: &Property) -> u32 {
        depth(&property.encode(), &self.registry)
    }

    /// Every existing game with its id, ascending by id.
    pub fn games(&self) -> impl Iterator<Item = (B256, &ChallengeGame)> + '_ {
        self.games.iter().map(|(id, entry)| (*id, &entry.game))
    }

    /// The number of existing games.
    pub fn game_count(&self) -> usize {
        self.games.len()
    }

    // ------------------------------------------------------------------ internals

    fn require_registered(&self, predicate: Address) -> Result<(), UacError> {
        if self.is_predicate(predicate) {
            Ok(())
        } else {
            Err(UacError::UnknownPredicate(predicate))
        }
    }

    fn require_depth(&self, property: &Property, max_depth: u32) -> Result<(), UacError> {
        let d = self.get_depth(property);
        if d > max_depth {
            Err(UacError::TooDeep(U256::from(d)))
        } else {
            Ok(())
        }
    }

    /// `block.number − createdBlock` (saturating, see [`UacModel::set_block_number`]).
    fn elapsed(&self, created_block: u64) -> u64 {
        self.block_number.saturating_sub(created_block)
    }

    /// The game, which must exist (`GameNotFound`) and be Undecided (`GameAlreadyDecided`).
    fn undecided_game(&self, game_id: B256) -> Result<&GameEntry, UacError> {
        let entry = self
            .games
            .get(&game_id)
            .ok_or(UacError::GameNotFound(game_id))?;
        if entry.game.decision != Decision::Undecided {
            return Err(UacError::GameAlreadyDecided(game_id));
        }
        Ok(entry)
    }

    fn check_decide_to_true(&self, game_id: B256) -> Result<(), UacError> {
        let entry = self.undecided_game(game_id)?;
        if self.registry.connective(entry.predicate).is_none() {
            return Err(UacError::NotAConnective(entry.predicate));
        }
        if self.elapsed(entry.game.created_block) < self.period {
            return Err(UacError::DisputePeriodNotOver(game_id));
        }
        if !entry.game.challenges.is_empty() {
            return Err(UacError::ChallengesRemain(game_id));
        }
        Ok(())
    }

    fn create_game(&mut self, game_id: B256, property: &Property) -> Event {
        let created_block = self.block_number;
        self.games.insert(
            game_id,
            GameEntry {
                game: ChallengeGame {
                    property_hash: game_id,
                    challenges: Vec::new(),
                    decision: Decision::Undecided,
                    created_block,
                },
                predicate: property.predicate,
                slots: BTreeMap::new(),
            },
        );
        Event::NewPropertyClaimed {
            game_id,
            property: property.clone(),
            created_block: U256::from(created_block),
        }
    }

    fn decide(&mut self, game_id: B256, decision: bool) -> Event {
        if let Some(entry) = self.games.get_mut(&game_id) {
            entry.game.decision = Decision::from_bool(decision);
        }
        Event::ClaimDecided { game_id, decision }
    }
}
