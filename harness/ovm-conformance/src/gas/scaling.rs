//! The gas-scaling probe: how the UAC's challenge operations grow with the number of open
//! challenges on one game (spec §10: the 2020 contracts "scanned challenges (griefable)").
//!
//! Against the contracts under test, for each N of [`SCALING_SIZES`]: claim
//! `ForAll("", "x", Equal(Vx, Vx))` (its size does not depend on N) and add the N distinct
//! valid challenges `Not(Equal(t, t))`, `t` = 1..N as 32-byte words, measuring the N-th
//! `challenge`; refute each (`challenge(Not(E), [], E)`, `decideClaimWithWitness(E, [])`,
//! `decideClaimToFalse(Not(E), E)`) and measure `removeChallenge` of the last added with N
//! open (a scan from the front walks all N); remove the others, let the period pass and
//! measure `decideClaimToTrue`. Growth is the marginal gas per extra challenge between 8 and 64
//! (the first challenge also pays for the list's first storage slots); above
//! [`GRIEF_THRESHOLD`] it is [`DivergenceClass::Griefable`].

use super::GRIEF_THRESHOLD;
use crate::{Contracts, Divergence, DivergenceClass};
use ovm_chain::{Chain, ChainError, DEPLOYER, TxOutcome, account};
use ovm_core::{Builder, Bytes, Registry, abi};
use serde::Serialize;
use std::fmt::Write as _;

/// The numbers of open challenges probed.
pub const SCALING_SIZES: [u64; 3] = [1, 8, 64];

/// The dispute period of the probe's deployment.
const PERIOD: u64 = 2;

/// A measured UAC operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Op {
    /// `challenge`, adding the N-th challenge.
    Challenge,
    /// `removeChallenge` of the last added, with N open.
    RemoveChallenge,
    /// `decideClaimToTrue`, after N challenges were added and removed.
    DecideClaimToTrue,
}

impl Op {
    /// Every operation, in table order.
    pub const ALL: [Self; 3] = [
        Self::Challenge,
        Self::RemoveChallenge,
        Self::DecideClaimToTrue,
    ];

    /// The UAC function's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Challenge => "challenge",
            Self::RemoveChallenge => "removeChallenge",
            Self::DecideClaimToTrue => "decideClaimToTrue",
        }
    }
}

/// Why the probe could not measure.
#[derive(Debug, thiserror::Error)]
pub enum ScalingError {
    /// The contracts do not deploy, or the driver failed.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// A transaction of the scripted game failed.
    #[error("the scaling probe's {function} with {n} challenge(s) reverted: {revert}")]
    Reverted {
        /// The UAC function.
        function: &'static str,
        /// The N being probed.
        n: u64,
        /// Why it failed.
        revert: ovm_chain::Revert,
    },
}

/// One operation's gas at each N of [`SCALING_SIZES`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScalingRow {
    /// The operation.
    pub op: Op,
    /// Its gas (transaction gas used) at each N, in [`SCALING_SIZES`] order.
    pub gas: Vec<u64>,
    /// Gas added per extra open challenge between the last two sizes (negative: it shrinks).
    pub marginal: i64,
}

/// The probe's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scaling {
    /// The sizes probed ([`SCALING_SIZES`]).
    pub sizes: Vec<u64>,
    /// The most gas per extra challenge an operation may add ([`GRIEF_THRESHOLD`]).
    pub threshold: u64,
    /// One row per operation, in [`Op::ALL`] order.
    pub rows: Vec<ScalingRow>,
}

impl Scaling {
    /// The rows whose marginal gas exceeds the threshold, as `griefable` divergences.
    pub fn griefable(&self) -> Vec<Divergence> {
        self.rows
            .iter()
            .filter(|row| row.marginal > i64::try_from(self.threshold).unwrap_or(i64::MAX))
            .map(|row| {
                let figures = self
                    .sizes
                    .iter()
                    .zip(&row.gas)
                    .map(|(n, gas)| format!("{n}: {gas}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                Divergence::new(
                    DivergenceClass::Griefable,
                    format!(
                        "gas of {} grows by {} per open challenge (threshold {})",
                        row.op.name(),
                        row.marginal,
                        self.threshold
                    ),
                )
                .on(format!("UAC.{}", row.op.name()))
                .side("gas by open challenges", figures)
                .side("threshold", format!("{} gas per challenge", self.threshold))
            })
            .collect()
    }

    /// A plain-text table: one line per operation with its gas at each size and the marginal.
    pub fn table(&self) -> String {
        let mut text = format!("{:<18}", "operation");
        for n in &self.sizes {
            let _ = write!(text, " {:>10}", format!("N={n}"));
        }
        let _ = writeln!(text, " {:>12}", "per extra");
        for row in &self.rows {
            let _ = write!(text, "{:<18}", row.op.name());
            for gas in &row.gas {
                let _ = write!(text, " {gas:>10}");
            }
            let _ = writeln!(text, " {:>12}", row.marginal);
        }
        text
    }
}

/// Measures [`Op::ALL`] at each of [`SCALING_SIZES`] against `contracts`.
pub fn probe_scaling(contracts: &Contracts) -> Result<Scaling, ScalingError> {
    let mut chain = Chain::new();
    let d = chain.deploy_plan(DEPLOYER, PERIOD, contracts.plan())?;
    let deployed = chain.snapshot();
    let mut per_size = Vec::new();
    for n in SCALING_SIZES {
        chain.restore(&deployed);
        per_size.push(measure(&mut chain, &d.registry(), n)?);
    }
    let rows = Op::ALL
        .iter()
        .enumerate()
        .map(|(i, &op)| {
            let gas: Vec<u64> = per_size.iter().map(|g| g[i]).collect();
            ScalingRow {
                op,
                marginal: marginal(&gas),
                gas,
            }
        })
        .collect();
    Ok(Scaling {
        sizes: SCALING_SIZES.to_vec(),
        threshold: GRIEF_THRESHOLD,
        rows,
    })
}

/// Gas per extra challenge between the last two sizes.
fn marginal(gas: &[u64]) -> i64 {
    let [.., (a, ga), (b, gb)] = SCALING_SIZES
        .iter()
        .zip(gas)
        .map(|(n, g)| (i128::from(*n), i128::from(*g)))
        .collect::<Vec<_>>()[..]
    else {
        return 0;
    };
    i64::try_from((gb - ga) / (b - a)).unwrap_or(i64::MAX)
}

/// The gas of [`Op::ALL`] with `n` challenges on a fresh deployment.
fn measure(chain: &mut Chain, registry: &Registry, n: u64) -> Result<[u64; 3], ScalingError> {
    let b = Builder::new(registry.clone());
    let from = account(1);
    let body = b.equal(Bytes::from_static(b"Vx"), Bytes::from_static(b"Vx"));
    let claim = b.for_all("", "x", &body);
    let check = |function, tx: TxOutcome<()>| match tx.result {
        Ok(()) => Ok(tx.gas_used),
        Err(revert) => Err(ScalingError::Reverted {
            function,
            n,
            revert,
        }),
    };
    check("claimProperty", chain.claim_property(from, &claim)?)?;
    let mut challenges = Vec::new();
    let mut challenge_gas = 0;
    for i in 1..=n {
        // `subst(Equal(Vx, Vx), x, t)` = `Equal(t, t)`; ForAll's isValidChallenge checks it.
        let t = abi::encode_uint(i);
        let e = b.equal(t.clone(), t.clone());
        let q = b.not(&e);
        challenge_gas = check("challenge", chain.challenge(from, &claim, &[t], &q)?)?;
        challenges.push((q, e));
    }
    for (q, e) in &challenges {
        check("challenge", chain.challenge(from, q, &[], e)?)?;
        check(
            "decideClaimWithWitness",
            chain.decide_claim_with_witness(from, e, &[])?,
        )?;
        check(
            "decideClaimToFalse",
            chain.decide_claim_to_false(from, q, e)?,
        )?;
    }
    let mut remove_gas = 0;
    for (i, (q, _)) in challenges.iter().enumerate().rev() {
        let gas = check("removeChallenge", chain.remove_challenge(from, &claim, q)?)?;
        if i + 1 == challenges.len() {
            remove_gas = gas;
        }
    }
    chain.advance(PERIOD);
    let decide_gas = check(
        "decideClaimToTrue",
        chain.decide_claim_to_true(from, claim.id())?,
    )?;
    Ok([challenge_gas, remove_gas, decide_gas])
}
