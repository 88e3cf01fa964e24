//! IsStored's gas guard (spec §5.2) as the Rust half predicts it: `IsStored` first requires
//! `gasleft() >= 100000 * 64 / 63 + 5000` ([`GUARD_GAS`]), then gives `retrieve` exactly
//! 100,000 gas. A transaction calling `decide` with a gas limit of at most
//! [`REVERTS_AT_MOST`] certainly reaches the check with less than the guard and reverts; one
//! with at least [`ANSWERS_AT_LEAST`] answers as with ample gas. Limits in between depend on
//! the implementation's own costs and are refused when a vector is loaded
//! (`ovm_vectors::VectorError`).

use ovm_core::{Registry, abi};

/// The guard: the least `gasleft()` at the check that lets `retrieve` be called
/// (`100000 * 64 / 63 + 5000` = 106,587).
pub const GUARD_GAS: u64 = 100_000 * 64 / 63 + 5_000;

/// A transaction gas limit at or below which `IsStored.decide` reverts wherever the guard is
/// reached: the intrinsic 21,000 plus [`GUARD_GAS`] (ovm-vectors' `GAS_GUARD_REVERTS_AT_MOST`).
pub const REVERTS_AT_MOST: u64 = ovm_vectors::GAS_GUARD_REVERTS_AT_MOST;

/// A transaction gas limit at or above which `IsStored.decide` answers normally
/// (ovm-vectors' `GAS_GUARD_ANSWERS_AT_LEAST`).
pub const ANSWERS_AT_LEAST: u64 = ovm_vectors::GAS_GUARD_ANSWERS_AT_LEAST;

/// What `decide(inputs)` does with a given transaction gas limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuardPrediction {
    /// The guard is reached with too little gas: the call reverts.
    Reverts,
    /// The call answers as it does with ample gas.
    Answers,
}

/// The prediction for IsStored's `decide(inputs)` sent with `gas_limit`, `None` when the
/// limit is in the implementation-dependent band. The guard is reached only when there are
/// three inputs and the first is a registered storage contract's address (otherwise `decide`
/// is False before it).
pub fn predict_guard(
    registry: &Registry,
    inputs: &[ovm_core::Bytes],
    gas_limit: u64,
) -> Option<GuardPrediction> {
    let reaches_guard = inputs.len() == 3
        && abi::decode_address(&inputs[0]).is_some_and(|s| registry.is_storage(s));
    if gas_limit >= ANSWERS_AT_LEAST || !reaches_guard {
        Some(GuardPrediction::Answers)
    } else if gas_limit <= REVERTS_AT_MOST {
        Some(GuardPrediction::Reverts)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovm_core::Address;

    #[test]
    fn the_guard_applies_only_where_it_is_reached() {
        let registry = Registry::with_test_addresses();
        let storage = registry.storages().next().unwrap_or(Address::ZERO);
        let reached = [
            abi::encode_address(storage),
            abi::encode_uint(1),
            Default::default(),
        ];
        let not_storage = [
            abi::encode_address(Address::repeat_byte(0xc0)),
            abi::encode_uint(1),
            Default::default(),
        ];
        assert_eq!(GUARD_GAS, 106_587);
        assert_eq!(
            predict_guard(&registry, &reached, REVERTS_AT_MOST),
            Some(GuardPrediction::Reverts)
        );
        assert_eq!(
            predict_guard(&registry, &reached, ANSWERS_AT_LEAST),
            Some(GuardPrediction::Answers)
        );
        assert_eq!(predict_guard(&registry, &reached, 500_000), None);
        assert_eq!(
            predict_guard(&registry, &not_storage, 60_000),
            Some(GuardPrediction::Answers)
        );
        assert_eq!(
            predict_guard(&registry, &reached[..2], 60_000),
            Some(GuardPrediction::Answers)
        );
    }
}
