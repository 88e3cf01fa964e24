//! `game`: the honest agent (`ovm_agent::play_on`, deciding with the decider under test) against
//! the vector's scripted adversary. Compared: the decider's outcome for the claim in the
//! initial world with `expect.decider`, the claim's final on-chain decision with
//! `expect.decision`, invariant G (`GameRecord::check_g`), and the optional `blocks` (exact)
//! and `gas` (a budget for the honest agent's transactions). Every honest transaction must stay
//! under [`HONEST_TX_GAS_CAP`].

use super::{KindRun, contract_aware};
use crate::{
    RunError,
    ctx::Ctx,
    gas::HONEST_TX_GAS_CAP,
    refusal::FillError,
    report::{Divergence, DivergenceClass, Stats},
};
use ovm_agent::{Actor, Adversary, GameSetup, TxEntry, Violation, play_in};
use ovm_chain::Snapshot;
use ovm_core::{Decision, Property};
use ovm_decider::{Challenge, Decider, Outcome, StorageMirror, WitnessStore, World};
use ovm_vectors::{
    ChallengeExpr, DecisionName, GameExpectation, GameVector, Input, Outcome as OutcomeData,
    Resolver,
};

/// The agent action of a vector call, and its sender.
fn resolve_challenge(
    r: &Resolver<'_>,
    c: &ChallengeExpr,
    path: &str,
) -> Result<Challenge, RunError> {
    Ok(Challenge::new(
        r.inputs(&c.inputs, &format!("{path}.inputs"))?,
        r.property(&c.property, &format!("{path}.property"))?,
    ))
}

/// Whether the decider's outcome is the expected one (for Unknown only the pin is written).
fn outcome_matches(
    r: &Resolver<'_>,
    expected: &OutcomeData,
    got: &Outcome,
) -> Result<bool, RunError> {
    let path = "expect.decider";
    Ok(match (expected, got) {
        (OutcomeData::True { witness: e }, Outcome::True { witness: g }) => match (e, g) {
            (None, None) => true,
            (Some(e), Some(g)) => r.inputs(e, &format!("{path}.true.witness"))? == *g,
            _ => false,
        },
        (OutcomeData::False { challenge: e }, Outcome::False { challenge: g }) => match (e, g) {
            (None, None) => true,
            (Some(e), Some(g)) => {
                resolve_challenge(r, e, &format!("{path}.false.challenge"))? == *g
            }
            _ => false,
        },
        (OutcomeData::Unknown { pin: e }, Outcome::Unknown { pin: g, .. }) => match (e, g) {
            (None, None) => true,
            (Some(e), Some(g)) => resolve_challenge(r, e, &format!("{path}.unknown.pin"))? == *g,
            _ => false,
        },
        _ => false,
    })
}

fn outcome_data(ctx: &Ctx<'_, impl Decider + ?Sized>, outcome: &Outcome) -> OutcomeData {
    let inputs = |items: &[ovm_core::Bytes]| -> Vec<Input> {
        items.iter().map(|i| ctx.namer.readable_input(i)).collect()
    };
    let challenge = |c: &Challenge| ChallengeExpr {
        inputs: inputs(&c.inputs),
        property: ctx.namer.expr(&c.property),
    };
    match outcome {
        Outcome::True { witness } => OutcomeData::True {
            witness: witness.as_deref().map(inputs),
        },
        Outcome::False { challenge: c } => OutcomeData::False {
            challenge: c.as_ref().map(challenge),
        },
        Outcome::Unknown { pin, .. } => OutcomeData::Unknown {
            pin: pin.as_ref().map(challenge),
        },
    }
}

fn violation_class(v: &Violation) -> DivergenceClass {
    if v.is_unguarded() {
        return DivergenceClass::UnguardedClaim;
    }
    match v {
        Violation::Late { .. } | Violation::NotDecided { .. } => DivergenceClass::BlocksMismatch,
        Violation::MirrorMismatch { .. } => DivergenceClass::StateMismatch,
        _ => DivergenceClass::OutcomeFlip,
    }
}

/// The one place an honest transaction's own gas is judged: each of the agent's transactions
/// above [`HONEST_TX_GAS_CAP`] (a quarter of the block gas limit: a defence that could not be
/// relied upon to fit in a block) is a divergence.
fn over_cap(txs: &[TxEntry]) -> Vec<Divergence> {
    txs.iter()
        .filter(|t| t.actor == Actor::Agent && t.gas > HONEST_TX_GAS_CAP)
        .map(|t| {
            Divergence::new(
                DivergenceClass::GasOverBudget,
                format!(
                    "gas of the honest agent's {} at block {} (cap: a quarter of the block gas limit)",
                    t.function, t.block
                ),
            )
            .on(format!("UAC.{}", t.function))
            .side("cap", HONEST_TX_GAS_CAP.to_string())
            .side("chain", t.gas.to_string())
        })
        .collect()
}

/// The decider under test, the claim's outcome in the vector's world already asked: `decide`
/// is a function of the property and the world (spec §7), so the honest agent's look at the
/// claim in that same world, in the game and in each attack game, is not decided again.
struct KnownClaim<'a> {
    decider: &'a dyn Decider,
    claim: &'a Property,
    /// The vector's world: its witness store and storage mirror.
    witnesses: &'a WitnessStore,
    storage: StorageMirror,
    outcome: &'a Outcome,
}

impl Decider for KnownClaim<'_> {
    fn decide(&self, property: &Property, world: &World) -> Outcome {
        let known = property == self.claim
            && world.witnesses == *self.witnesses
            && world.storage == self.storage;
        if known {
            return self.outcome.clone();
        }
        self.decider.decide(property, world)
    }
}

/// Plays the game on a fork of `snapshot` (the runner's deployment of the contracts under
/// test, before the world's roots) and returns what it adds to the vector's counters.
pub(crate) fn run<D: Decider>(
    ctx: &mut Ctx<'_, D>,
    v: &GameVector,
    snapshot: &Snapshot,
) -> Result<(KindRun<GameVector>, Stats), RunError> {
    let claim = ctx.resolver.property(&v.claim, "claim")?;
    ctx.namer.property("claim", &claim);
    let mut adversary = Adversary::new();
    for (i, a) in v.adversary.iter().enumerate() {
        let (from, act) = ctx
            .resolver
            .action(&a.action, &format!("adversary[{i}].action"))?;
        adversary = adversary.at(a.at_block, from, act);
    }
    let setup = GameSetup::new(v.period, claim.clone())
        .adversary(adversary)
        .roots(ctx.roots.clone())
        .witnesses(ctx.world.witnesses.clone());
    let outcome = ctx.decider.decide(&claim, &ctx.world);
    let decider = KnownClaim {
        decider: ctx.decider,
        claim: &setup.claim,
        witnesses: &setup.witnesses,
        storage: ctx.world.storage.clone(),
        outcome: &outcome,
    };
    let mut game_chain = ctx.fork(snapshot);
    let record = play_in(&mut game_chain, &setup, &decider)?;
    // What the report shows, formatted only for a divergence.
    let shown = |ctx: &Ctx<'_, D>| ctx.namer.show_outcome(&outcome);
    let decision = record.root_decision;
    let root = record.root_game();
    let blocks = root.and_then(|g| g.decided_block.map(|b| b.saturating_sub(g.created_block)));
    let agent_gas: u64 = record
        .txs
        .iter()
        .filter(|t| t.actor == Actor::Agent)
        .map(|t| t.gas)
        .sum();
    let chain_shown = || {
        format!(
            "claim decided {decision:?}{} after {} block(s) of play; {} transaction(s), agent gas {agent_gas}",
            blocks.map_or_else(String::new, |b| format!(" {b} block(s) after its creation")),
            record.blocks_used,
            record.txs.len(),
        )
    };
    let mut divergences = Vec::new();
    // Spec §10's documented limitation (storage written too late) is reported by the game's
    // final decision, not as a G divergence.
    let (limitations, violations): (Vec<Violation>, Vec<Violation>) = record
        .check_g()
        .into_iter()
        .partition(Violation::is_known_limitation);
    if !violations.is_empty() {
        let node = ctx.probe(&claim, "claim")?;
        for violation in &violations {
            let game = violation.game();
            let entry = record.game(game);
            let predicate = entry.map_or("?", |e| e.predicate.as_str());
            let mut d = Divergence::new(
                violation_class(violation),
                format!("invariant G: {violation}"),
            )
            .on(format!("{} {predicate}", violation.name()))
            .side("decider", shown(ctx))
            .side("chain", chain_shown());
            if let Some(entry) = entry {
                d = d.side(
                    "game",
                    format!(
                        "{} game created at block {}, judged {:?}, decided {:?} at {:?}, challenge depth {}",
                        entry.predicate,
                        entry.created_block,
                        entry.judgment,
                        entry.decision,
                        entry.decided_block,
                        entry.d
                    ),
                );
            }
            divergences.push(d.at(node.first_divergent().cloned()));
        }
    }
    divergences.extend(over_cap(&record.txs));
    let mut attack_evm_time = std::time::Duration::ZERO;
    let mut attack_won = false;
    if matches!(outcome, Outcome::True { .. }) {
        let attacks = contract_aware::attacks(
            ctx,
            &decider,
            v,
            snapshot,
            &mut game_chain,
            &claim,
            &outcome,
        )?;
        attack_evm_time = attacks.evm_time;
        attack_won = !attacks.lost.is_empty();
        divergences.extend(attacks.lost);
    }
    let halves_agree = violations.is_empty() && !attack_won;
    let mut expect = v.expect.clone().unwrap_or(GameExpectation {
        decider: outcome_data(ctx, &outcome),
        decision: DecisionName::from(decision),
        blocks: None,
        gas: None,
    });
    if let Some(e) = &v.expect {
        if !outcome_matches(&ctx.resolver, &e.decider, &outcome)? {
            divergences.push(
                Divergence::from_expect(
                    DivergenceClass::OutcomeFlip,
                    "the decider's outcome for the claim",
                )
                .side(
                    "expected",
                    serde_json::to_string(&e.decider).unwrap_or_default(),
                )
                .side("decider", shown(ctx)),
            );
            expect.decider = outcome_data(ctx, &outcome);
        }
        if Decision::from(e.decision) != decision {
            let d = if halves_agree {
                Divergence::from_expect(DivergenceClass::OutcomeFlip, "the claim's final decision")
            } else {
                Divergence::new(DivergenceClass::OutcomeFlip, "the claim's final decision")
            };
            divergences.push(
                d.side("expected", format!("{:?}", Decision::from(e.decision)))
                    .side("decider", shown(ctx))
                    .side("chain", chain_shown()),
            );
            expect.decision = DecisionName::from(decision);
        }
        if let Some(expected) = e.blocks
            && blocks != Some(expected)
        {
            divergences.push(
                Divergence::from_expect(
                    DivergenceClass::BlocksMismatch,
                    "blocks from the claim's creation to its decision",
                )
                .side("expected", expected.to_string())
                .side(
                    "chain",
                    blocks.map_or_else(|| "not decided".to_owned(), |b| b.to_string()),
                ),
            );
            expect.blocks = blocks;
        }
        if let Some(budget) = e.gas
            && agent_gas > budget
        {
            divergences.push(
                Divergence::from_expect(
                    DivergenceClass::GasOverBudget,
                    "gas of the honest agent's transactions",
                )
                .side("budget", budget.to_string())
                .side("chain", agent_gas.to_string()),
            );
        }
    }
    let summary = format!("decided {:?}", expect.decision);
    let filled = if ctx.fill {
        let mut filled = v.clone();
        filled.expect = Some(expect);
        Ok(filled)
    } else {
        Err(FillError::NotAsked)
    };
    let stats = Stats {
        txs: record.txs.len() as u64,
        gas: record.total_gas,
        agent_gas,
        games: record.games.len() as u64,
    };
    let run = KindRun {
        limitations: limitations.iter().map(ToString::to_string).collect(),
        evm_time: game_chain.evm_time() + attack_evm_time,
        other_txs: game_chain.tx_log().to_vec(),
        summary,
        ..KindRun::new(divergences, filled)
    };
    Ok((
        KindRun {
            log: if !ctx.transcript {
                Vec::new()
            } else {
                record
                    .txs
                    .iter()
                    .map(|t| {
                        let result = match (&t.error, &t.detail) {
                            (None, _) => "ok".to_owned(),
                            (Some(_), Some(detail)) => format!("reverted {detail}"),
                            (Some(name), None) => format!("reverted {name}"),
                        };
                        format!(
                            "block {:>3}  {:<9} {:<22} {}  gas {}",
                            t.block,
                            format!("{:?}", t.actor),
                            t.function,
                            result,
                            t.gas
                        )
                    })
                    .collect()
            },
            ..run
        },
        stats,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx(actor: Actor, gas: u64) -> TxEntry {
        TxEntry {
            block: 3,
            actor,
            sender: ovm_chain::account(1),
            function: "challenge",
            game: None,
            ok: true,
            error: None,
            detail: None,
            gas,
        }
    }

    #[test]
    fn only_honest_transactions_above_the_cap_diverge() {
        let txs = [
            tx(Actor::Agent, HONEST_TX_GAS_CAP),
            tx(Actor::Adversary, HONEST_TX_GAS_CAP + 1),
            tx(Actor::Agent, HONEST_TX_GAS_CAP + 1),
        ];
        let found = over_cap(&txs);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].class, DivergenceClass::GasOverBudget);
        assert_eq!(found[0].subject, "UAC.challenge");
        assert_eq!(found[0].sides[1].value, (HONEST_TX_GAS_CAP + 1).to_string());
    }
}
