//! Gas as a conformance property: the honest agent's gas per game vector against a committed
//! baseline ([`baseline`]), the growth of the UAC's challenge operations with the number of
//! open challenges ([`scaling`], divergence class `griefable`), and IsStored's §5.2 gas guard
//! as the Rust half predicts it ([`guard`]).

pub mod baseline;
pub mod guard;
pub mod scaling;

pub use baseline::{
    Baseline, BaselineError, FamilyGas, GasRegression, HonestGas, committed_baseline,
    measure_honest_gas,
};
pub use guard::{GUARD_GAS, GuardPrediction, predict_guard};
pub use scaling::{Op, SCALING_SIZES, Scaling, ScalingError, ScalingRow, probe_scaling};

/// The block gas limit the caps are a fraction of (Ethereum mainnet's 30,000,000).
pub const BLOCK_GAS_LIMIT: u64 = 30_000_000;

/// The most gas one honest agent transaction may use: a quarter of [`BLOCK_GAS_LIMIT`]. Above
/// it a defence could not be relied upon to be included in time; the `game` kind reports it
/// as [`crate::DivergenceClass::GasOverBudget`].
pub const HONEST_TX_GAS_CAP: u64 = BLOCK_GAS_LIMIT / 4;

/// The most gas a UAC operation may add per extra open challenge (measured between 8 and 64
/// open challenges) before it is [`crate::DivergenceClass::Griefable`]. The bundled contracts
/// add none; scanning the challenge list adds at least a cold storage read (2,100 gas) each.
pub const GRIEF_THRESHOLD: u64 = 500;
