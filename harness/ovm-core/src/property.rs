//! The `Property` struct, its encoding `enc(P) = abi.encode(P)`, its id and the canonical test.

use alloy_primitives::{Address, B256, Bytes, keccak256};
use alloy_sol_types::SolValue;

mod sol {
    alloy_sol_types::sol! {
        /// Solidity `Property`, used only for its ABI encoding.
        struct SolProperty { address predicateAddress; bytes[] inputs; }
    }
}

/// A claim: a predicate contract applied to inputs (spec §1).
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Property {
    /// The predicate contract's address.
    pub predicate: Address,
    /// The predicate's inputs, each raw bytes or `enc` of a sub-property.
    pub inputs: Vec<Bytes>,
}

impl Property {
    /// A property of `predicate` over `inputs`.
    pub fn new(predicate: Address, inputs: impl IntoIterator<Item = Bytes>) -> Self {
        Self {
            predicate,
            inputs: inputs.into_iter().collect(),
        }
    }

    /// `enc(P) = abi.encode(P)`: one dynamic tuple `(address, bytes[])`.
    pub fn encode(&self) -> Bytes {
        sol::SolProperty {
            predicateAddress: self.predicate,
            inputs: self.inputs.clone(),
        }
        .abi_encode()
        .into()
    }

    /// `id(P) = keccak256(enc(P))`, the game id.
    pub fn id(&self) -> B256 {
        keccak256(self.encode())
    }

    /// Decodes `bytes` iff they are a property: `abi.encode(abi.decode(x, (Property))) == x`.
    ///
    /// Never panics; anything non-canonical (bad offsets, dirty padding or address bits,
    /// trailing bytes) is `None`, i.e. raw bytes.
    pub fn decode_canonical(bytes: &[u8]) -> Option<Self> {
        // Cheap structural pre-checks keep the decoder away from absurd lengths.
        if bytes.len() < 128 || !bytes.len().is_multiple_of(32) {
            return None;
        }
        let decoded = sol::SolProperty::abi_decode(bytes).ok()?;
        let property = Self {
            predicate: decoded.predicateAddress,
            inputs: decoded.inputs,
        };
        (property.encode().as_ref() == bytes).then_some(property)
    }

    /// Whether `bytes` are a property (the canonical-encoding test of spec §1).
    pub fn is_property(bytes: &[u8]) -> bool {
        Self::decode_canonical(bytes).is_some()
    }
}

impl From<Property> for Bytes {
    fn from(property: Property) -> Self {
        property.encode()
    }
}

impl From<&Property> for Bytes {
    fn from(property: &Property) -> Self {
        property.encode()
    }
}

/// The decision of a game (ABI values 0, 1, 2).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Decision {
    /// Not decided yet.
    #[default]
    Undecided,
    /// Decided True.
    True,
    /// Decided False.
    False,
}

impl Decision {
    /// The ABI value (`0`, `1`, `2`).
    pub fn as_u8(self) -> u8 {
        match self {
            Self::Undecided => 0,
            Self::True => 1,
            Self::False => 2,
        }
    }

    /// The decision with ABI value `value`, if any.
    pub fn from_u8(value: u8) -> Option<Self> {
        match value {
            0 => Some(Self::Undecided),
            1 => Some(Self::True),
            2 => Some(Self::False),
            _ => None,
        }
    }

    /// `Decision::True` for `true`, `Decision::False` for `false`.
    pub fn from_bool(value: bool) -> Self {
        if value { Self::True } else { Self::False }
    }
}

/// The on-chain state of one dispute game (spec §1).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChallengeGame {
    /// `id(P)`; zero iff the game does not exist.
    pub property_hash: B256,
    /// Ids of the pending challenges, in on-chain order.
    pub challenges: Vec<B256>,
    /// The decision.
    pub decision: Decision,
    /// The block in which the game was created.
    pub created_block: u64,
}

impl ChallengeGame {
    /// Whether the game exists (its `propertyHash` is non-zero).
    pub fn exists(&self) -> bool {
        !self.property_hash.is_zero()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{address, b256, bytes};

    const TEST_PREDICATE: Address = address!("0x0000000000000000000000000000000000000001");
    const NOT: Address = address!("0x0000000000000000000000000000000000000002");

    #[test]
    fn golden_ids_match_the_spec() {
        let p1 = Property::new(TEST_PREDICATE, [bytes!("01")]);
        assert_eq!(p1.encode().len(), 224);
        assert_eq!(
            p1.id(),
            b256!("0x85203420c48004fda08c19cda699434e6e52367924a0cef50df775e65f4e803b")
        );
        let empty = Property::new(TEST_PREDICATE, []);
        assert_eq!(empty.encode().len(), 128);
        assert_eq!(
            empty.id(),
            b256!("0xd9e7bce431ca8487c7edf313cae7c11573f9e7adf1fb4c1814a3824c6bbcbce9")
        );
        let not_p1 = Property::new(NOT, [p1.encode()]);
        assert_eq!(not_p1.encode().len(), 416);
        assert_eq!(
            not_p1.id(),
            b256!("0x198a32d4aefe4bc9b9b556ae8ed942df89474c6201558e2bb6b853dfae325962")
        );
    }

    #[test]
    fn encoding_starts_with_the_tuple_head() {
        let p1 = Property::new(TEST_PREDICATE, [bytes!("01")]);
        let enc = p1.encode();
        assert_eq!(enc[31], 0x20);
        assert_eq!(Property::decode_canonical(&enc), Some(p1));
    }

    #[test]
    fn non_canonical_encodings_are_raw() {
        let enc = Property::new(TEST_PREDICATE, [bytes!("01")])
            .encode()
            .to_vec();
        let mut trailing = enc.clone();
        trailing.extend([0u8; 32]);
        assert!(!Property::is_property(&trailing));
        let mut dirty_address = enc.clone();
        dirty_address[32] = 1;
        assert!(!Property::is_property(&dirty_address));
        let mut dirty_padding = enc.clone();
        dirty_padding[223] = 1;
        assert!(!Property::is_property(&dirty_padding));
        let mut bad_head = enc.clone();
        bad_head[31] = 0x40;
        assert!(!Property::is_property(&bad_head));
        assert!(!Property::is_property(&enc[..enc.len() - 32]));
        assert!(!Property::is_property(&[]));
    }
}
