//! Typed inputs (spec §1): the canonical ABI words and tuples that predicates read.
//!
//! Every `decode_*` is strict — exact length, canonical words — and returns `None` for anything
//! else, so an input that breaks its type's rule makes the predicate false.

use alloy_primitives::{Address, B256, Bytes, U256};
use alloy_sol_types::SolValue;

/// `abi.encode(address)`: 32 bytes, 12 zero high bytes.
pub fn encode_address(address: Address) -> Bytes {
    address.abi_encode().into()
}

/// The address of a canonical `abi.encode(address)` word.
pub fn decode_address(word: &[u8]) -> Option<Address> {
    (word.len() == 32 && word[..12].iter().all(|&b| b == 0))
        .then(|| Address::from_slice(&word[12..]))
}

/// `abi.encode(uint256)`.
pub fn encode_u256(value: U256) -> Bytes {
    value.abi_encode().into()
}

/// `abi.encode(uint256(value))` for a small integer.
pub fn encode_uint(value: u64) -> Bytes {
    encode_u256(U256::from(value))
}

/// The integer of an exactly-32-byte word.
pub fn decode_u256(word: &[u8]) -> Option<U256> {
    (word.len() == 32).then(|| U256::from_be_slice(word))
}

/// `abi.encode(bytes32)`.
pub fn encode_b256(value: B256) -> Bytes {
    value.abi_encode().into()
}

/// The hash of an exactly-32-byte word.
pub fn decode_b256(word: &[u8]) -> Option<B256> {
    (word.len() == 32).then(|| B256::from_slice(word))
}

/// A half-open range `[start, end)` of coin ids (spec §1); valid iff `start < end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Range {
    /// First id in the range.
    pub start: U256,
    /// First id after the range.
    pub end: U256,
}

impl Range {
    /// The range `[start, end)`.
    pub fn new(start: U256, end: U256) -> Self {
        Self { start, end }
    }

    /// The range `[start, end)` of small integers.
    pub fn from_u64(start: u64, end: u64) -> Self {
        Self::new(U256::from(start), U256::from(end))
    }

    /// Whether `start < end`.
    pub fn is_valid(&self) -> bool {
        self.start < self.end
    }

    /// `abi.encode(uint256 start, uint256 end)` (64 bytes).
    pub fn encode(&self) -> Bytes {
        (self.start, self.end).abi_encode().into()
    }

    /// The range of exactly 64 bytes; validity is not checked here.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        (bytes.len() == 64).then(|| Self {
            start: U256::from_be_slice(&bytes[..32]),
            end: U256::from_be_slice(&bytes[32..]),
        })
    }

    /// The range of exactly 64 bytes, if valid.
    pub fn decode_valid(bytes: &[u8]) -> Option<Self> {
        Self::decode(bytes).filter(Self::is_valid)
    }

    /// `self.start < other.end && other.start < self.end` (spec §5 HasIntersection).
    pub fn intersects(&self, other: &Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// `outer.start ≤ self.start && self.end ≤ outer.end` (spec §5 IsContained).
    pub fn is_within(&self, outer: &Self) -> bool {
        outer.start <= self.start && self.end <= outer.end
    }

    /// `end − start` (callers check validity first).
    pub fn amount(&self) -> U256 {
        self.end.wrapping_sub(self.start)
    }
}

/// `abi.encode(bytes[])`, the shape of an And child's witness (spec §4).
pub fn encode_bytes_array(items: &[Bytes]) -> Bytes {
    items.to_vec().abi_encode().into()
}

/// The items of a canonical `abi.encode(bytes[])`.
pub fn decode_bytes_array(bytes: &[u8]) -> Option<Vec<Bytes>> {
    if bytes.len() < 64 || !bytes.len().is_multiple_of(32) {
        return None;
    }
    let items = Vec::<Bytes>::abi_decode(bytes).ok()?;
    (encode_bytes_array(&items).as_ref() == bytes).then_some(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::bytes;

    #[test]
    fn address_words_are_strict() {
        let a = Address::repeat_byte(0xab);
        let word = encode_address(a);
        assert_eq!(word.len(), 32);
        assert_eq!(decode_address(&word), Some(a));
        let mut dirty = word.to_vec();
        dirty[0] = 1;
        assert_eq!(decode_address(&dirty), None);
        assert_eq!(decode_address(&word[1..]), None);
    }

    #[test]
    fn ranges() {
        let r = Range::from_u64(3, 9);
        assert_eq!(Range::decode_valid(&r.encode()), Some(r));
        assert_eq!(Range::decode_valid(&Range::from_u64(9, 9).encode()), None);
        assert!(r.intersects(&Range::from_u64(8, 20)));
        assert!(!r.intersects(&Range::from_u64(9, 20)));
        assert!(Range::from_u64(4, 5).is_within(&r));
    }

    #[test]
    fn bytes_arrays_round_trip_and_reject_trailing_data() {
        let items = vec![bytes!("01"), Bytes::new(), bytes!("deadbeef")];
        let enc = encode_bytes_array(&items);
        assert_eq!(decode_bytes_array(&enc), Some(items));
        let mut trailing = enc.to_vec();
        trailing.extend([0u8; 32]);
        assert_eq!(decode_bytes_array(&trailing), None);
    }
}
