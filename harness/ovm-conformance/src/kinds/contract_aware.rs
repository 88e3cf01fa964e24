//! The contract-aware adversary of `game` vectors. For a claim the decider judges True, the
//! challenges derived from its spec-correct ones ([`ovm_agent::derive`]) that the contracts
//! under test accept, though §4 rejects them, are each played as a whole game against the
//! honest agent: challenged in block 1, decided True once unchallenged, and used to decide the
//! claim False. A claim that ends False is a lost game. Against contracts that accept only
//! §4's challenges nothing is played: the derivations cost one `isValidChallenge` call each.

use crate::{
    RunError,
    ctx::Ctx,
    report::{Divergence, DivergenceClass, NodeCause, NodeView},
};
use ovm_agent::{
    GameSetup,
    derive::{Derived, accepted_by, attack, derived_challenges},
    play_in,
};
use ovm_chain::{Chain, Snapshot};
use ovm_core::{Decision, Property};
use ovm_decider::{Decider, Outcome};
use ovm_vectors::GameVector;
use std::time::Duration;

/// At most this many accepted derivations are played per claim (the first ones, in
/// [`derived_challenges`]'s order).
const ATTACKS_PLAYED: usize = 3;

/// What the contract-aware phase found: the lost games, and the EVM time it spent.
pub(crate) struct Attacks {
    /// One [`DivergenceClass::LostGame`] per attack the claim lost.
    pub lost: Vec<Divergence>,
    /// EVM time of the attack games (not of the `isValidChallenge` calls).
    pub evm_time: Duration,
}

/// Plays the accepted derivations of `claim`'s challenges (see the module docs) with the
/// honest agent deciding by `decider`; `outcome` is the decider's for the claim. `played` is the chain of the vector's own game:
/// `isValidChallenge` reads only the deployment's wiring, which play does not change, so the
/// derivations are asked there (their EVM time is that chain's).
pub(crate) fn attacks<D: Decider>(
    ctx: &Ctx<'_, D>,
    decider: &dyn Decider,
    v: &GameVector,
    snapshot: &Snapshot,
    played: &mut Chain,
    claim: &Property,
    outcome: &Outcome,
) -> Result<Attacks, RunError> {
    let derived = derived_challenges(ctx.registry, &ctx.world, claim);
    let accepted = accepted_by(played, claim, derived);
    let mut out = Attacks {
        lost: Vec::new(),
        evm_time: std::time::Duration::ZERO,
    };
    for derived in accepted.iter().take(ATTACKS_PLAYED) {
        let setup = GameSetup::new(v.period, claim.clone())
            .adversary(attack(v.period, claim, derived))
            .roots(ctx.roots.clone())
            .witnesses(ctx.world.witnesses.clone());
        let mut chain = ctx.fork(snapshot);
        let record = play_in(&mut chain, &setup, decider)?;
        out.evm_time += chain.evm_time();
        if record.root_decision == Decision::False {
            out.lost
                .push(lost_game(ctx, claim, derived, outcome, &record));
        }
    }
    Ok(out)
}

/// The report of a lost attack: the mutation, the challenge as a `game` vector's adversary
/// move, and the decision.
fn lost_game<D: ?Sized>(
    ctx: &Ctx<'_, D>,
    claim: &Property,
    derived: &Derived,
    outcome: &Outcome,
    record: &ovm_agent::GameRecord,
) -> Divergence {
    let inputs: Vec<_> = derived
        .inputs
        .iter()
        .map(|i| ctx.namer.readable_input(i))
        .collect();
    let attack = serde_json::json!({
        "at_block": 1,
        "action": {"challenge": {
            "property": ctx.namer.expr(claim),
            "challenge_inputs": inputs,
            "challenge": ctx.namer.expr(&derived.challenge),
        }},
    });
    let decided = record
        .root_game()
        .and_then(|g| g.decided_block)
        .map_or_else(String::new, |b| format!(" at block {b}"));
    Divergence::new(
        DivergenceClass::LostGame,
        format!(
            "the contracts accept a challenge §4 rejects ({}), and with it the claim the \
             decider judges True is decided False",
            derived.mutation
        ),
    )
    .on(derived.mutation.clone())
    .side("decider", ctx.namer.show_outcome(outcome))
    .side("attack", format!("adversary move {attack}"))
    .side("chain", format!("claim decided False{decided}"))
    .at(Some(accepting_node(ctx, claim, derived)))
}

/// The claim's node, where the cause is: its connective's `isValidChallenge` accepts what §4
/// rejects. Grouped by that cause, a lost game joins the challenge vectors that show the same
/// acceptance directly.
fn accepting_node<D: ?Sized>(ctx: &Ctx<'_, D>, claim: &Property, derived: &Derived) -> NodeView {
    let connective = ctx
        .registry
        .connective(claim.predicate)
        .map_or_else(|| "?".to_owned(), |k| format!("{k:?}"));
    NodeView {
        path: "claim".to_owned(),
        property: ctx.namer.show_property(claim),
        decider: format!("§4 rejects the challenge ({})", derived.mutation),
        chain: "isValidChallenge = true".to_owned(),
        cause: Some(NodeCause {
            class: DivergenceClass::OutcomeFlip,
            subject: format!("{connective}.isValidChallenge"),
        }),
    }
}
