//! Scripted games on a deployed [`Chain`], shared by the benches and the tests: each step must
//! succeed, and a failing step is returned as [`ChainError::Reverted`] naming the step.

use alloy_primitives::{Address, Bytes};
use ovm_core::{Builder, Property};

use crate::{chain::Chain, errors::ChainError, outcome::TxOutcome};

/// What a scenario did: how many transactions it sent and the gas they used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScenarioReport {
    /// Transactions sent (all succeeded).
    pub txs: u64,
    /// Total gas of those transactions.
    pub gas: u64,
}

impl ScenarioReport {
    fn record(&mut self, step: &str, outcome: TxOutcome<()>) -> Result<(), ChainError> {
        self.txs += 1;
        self.gas += outcome.gas_used;
        outcome.into_result(step)
    }
}

/// The properties of [`honest_refutation_depth3`], built over `b`'s registry (`tag`
/// distinguishes instances): `f` a False atom, `p = Or(f)`, `q1 = And(Not(f))`,
/// `q2 = Not(Not(f))`, `q3 = Not(f)`.
pub fn depth3_properties(b: &Builder, tag: &[u8]) -> [Property; 5] {
    let f = b.equal(
        Bytes::copy_from_slice(tag),
        Bytes::from_static(b"not the tag"),
    );
    let q3 = b.not(&f);
    let q2 = b.not(&q3);
    let q1 = b.and([&q3]);
    let p = b.or([&f]);
    [f, p, q1, q2, q3]
}

/// A False claim refuted through a challenge chain of depth 3, the adversary defending it:
///
/// 1. adversary claims `P = Or(f)` (`f` False);
/// 2. honest challenges `P` with `Q1 = And(Not(f))` (auto-claimed);
/// 3. adversary challenges `Q1` with `Q2 = Not(Not(f))` (index 0);
/// 4. honest challenges `Q2` with `Q3 = Not(f)`;
/// 5. honest claims `f`, decides it False, and decides `Q3` True by `Not.decideTrue(f)`;
/// 6. honest decides `Q2` False by `Q3`, removes `Q2` from `Q1`;
/// 7. after the period, honest decides `Q1` True and then `P` False.
///
/// Eleven transactions; the chain ends one period later than it started.
pub fn honest_refutation_depth3(
    chain: &mut Chain,
    adversary: Address,
    honest: Address,
    tag: &[u8],
) -> Result<ScenarioReport, ChainError> {
    let d = chain.ovm()?;
    let b = Builder::new(d.registry());
    let [f, p, q1, q2, q3] = depth3_properties(&b, tag);
    let mut r = ScenarioReport::default();
    r.record("claim P", chain.claim_property(adversary, &p)?)?;
    r.record(
        "challenge P with Q1",
        chain.challenge(honest, &p, &[], &q1)?,
    )?;
    r.record(
        "challenge Q1 with Q2",
        chain.challenge(adversary, &q1, &[ovm_core::abi::encode_uint(0)], &q2)?,
    )?;
    r.record(
        "challenge Q2 with Q3",
        chain.challenge(honest, &q2, &[], &q3)?,
    )?;
    r.record("claim f", chain.claim_property(honest, &f)?)?;
    r.record("decide f False", chain.decide_false(honest, &f)?)?;
    r.record("decide Q3 True", chain.not_decide_true(honest, &f)?)?;
    r.record(
        "decide Q2 False",
        chain.decide_claim_to_false(honest, &q2, &q3)?,
    )?;
    r.record(
        "remove Q2 from Q1",
        chain.remove_challenge(honest, &q1, &q2)?,
    )?;
    chain.advance(d.period);
    r.record(
        "decide Q1 True",
        chain.decide_claim_to_true(honest, q1.id())?,
    )?;
    r.record(
        "decide P False",
        chain.decide_claim_to_false(honest, &p, &q1)?,
    )?;
    Ok(r)
}
