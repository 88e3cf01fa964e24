//! The `Property` struct, its encoding `enc(P) = abi.encode(P)`, its id and the canonical test.
//!
//! The codec is written out by hand (one pass, one allocation) because everything in the
//! harness encodes and decodes properties all the time; the tests hold it to alloy's ABI codec.

use crate::memo::{Memo, remembered};
use alloy_primitives::{Address, B256, Bytes, keccak256};

/// One ABI word.
const WORD: usize = 32;

/// The largest properties (by total input bytes) whose ids [`Property::id`] remembers, 1 MiB:
/// the memo holds at most 4,096 of them per thread and 16 MiB of inputs in all, so a large
/// claim a dispute asks about again and again is hashed once.
pub const REMEMBERED_ID_BYTES: usize = 1 << 20;

/// `n` rounded up to a whole number of words.
fn padded(n: usize) -> Option<usize> {
    n.checked_next_multiple_of(WORD)
}

/// The predicate and the byte range of each input of `bytes` iff they are a property (the
/// canonical layout [`Property::encode`] writes, checked word by word); `None` for raw bytes.
/// [`Property::decode_canonical`] copies the ranges out; `subst` works on them in place.
pub(crate) fn layout(bytes: &[u8]) -> Option<(Address, Vec<std::ops::Range<usize>>)> {
    if bytes.len() < 4 * WORD || !bytes.len().is_multiple_of(WORD) {
        return None;
    }
    if small_word(bytes, 0)? != WORD || bytes[WORD..WORD + 12].iter().any(|&b| b != 0) {
        return None;
    }
    let predicate = Address::from_slice(&bytes[WORD + 12..2 * WORD]);
    if small_word(bytes, 2 * WORD)? != 2 * WORD {
        return None;
    }
    let count = small_word(bytes, 3 * WORD)?;
    // The offsets are relative to the word after the array's length.
    let base = 4 * WORD;
    let mut offset = count.checked_mul(WORD)?;
    if offset > bytes.len() - base {
        return None;
    }
    let mut inputs = Vec::with_capacity(count);
    for i in 0..count {
        if small_word(bytes, base + i * WORD)? != offset {
            return None;
        }
        let start = base.checked_add(offset)?;
        let len = small_word(bytes, start)?;
        let data = start + WORD;
        let end = data.checked_add(padded(len)?)?;
        let word_bytes = bytes.get(data..end)?;
        if word_bytes[len..].iter().any(|&b| b != 0) {
            return None;
        }
        inputs.push(data..data + len);
        offset = end - base;
    }
    (base + offset == bytes.len()).then_some((predicate, inputs))
}

/// The ABI word at byte `at` of `bytes` as a length or offset: `None` unless it is in bounds
/// and fits in a `u64`-sized `usize`.
fn small_word(bytes: &[u8], at: usize) -> Option<usize> {
    let word = bytes.get(at..at.checked_add(WORD)?)?;
    if word[..24].iter().any(|&b| b != 0) {
        return None;
    }
    usize::try_from(u64::from_be_bytes(word[24..].try_into().ok()?)).ok()
}

/// Appends `n` as one ABI word.
fn push_word(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&[0; 24]);
    out.extend_from_slice(&(n as u64).to_be_bytes());
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

    /// `enc(P) = abi.encode(P)`: one dynamic tuple `(address, bytes[])` — the tuple's offset,
    /// the address, the array's offset, its length, one offset per input, then each input as
    /// its length and its bytes padded with zeros to whole words.
    pub fn encode(&self) -> Bytes {
        let body: usize = self
            .inputs
            .iter()
            .map(|i| WORD + i.len().next_multiple_of(WORD))
            .sum();
        let mut out = Vec::with_capacity(4 * WORD + WORD * self.inputs.len() + body);
        push_word(&mut out, WORD);
        out.extend_from_slice(&[0; 12]);
        out.extend_from_slice(self.predicate.as_slice());
        push_word(&mut out, 2 * WORD);
        push_word(&mut out, self.inputs.len());
        let mut offset = WORD * self.inputs.len();
        for input in &self.inputs {
            push_word(&mut out, offset);
            offset += WORD + input.len().next_multiple_of(WORD);
        }
        for input in &self.inputs {
            push_word(&mut out, input.len());
            out.extend_from_slice(input);
            out.resize(out.len().next_multiple_of(WORD), 0);
        }
        out.into()
    }

    /// `id(P) = keccak256(enc(P))`, the game id.
    ///
    /// Remembered per thread for properties of at most [`REMEMBERED_ID_BYTES`] input bytes:
    /// a dispute asks for the same ids again and again, and hashing a property to look it up
    /// is cheaper than encoding and keccak-hashing it.
    pub fn id(&self) -> B256 {
        thread_local! {
            static IDS: Memo<Property, B256> = Memo::default();
        }
        let size: usize = self.inputs.iter().map(|i| i.len()).sum();
        if size > REMEMBERED_ID_BYTES {
            return keccak256(self.encode());
        }
        remembered(&IDS, self, size, || keccak256(self.encode()))
    }

    /// Decodes `bytes` iff they are a property: `abi.encode(abi.decode(x, (Property))) == x`.
    ///
    /// Never panics; anything non-canonical (bad offsets, dirty padding or address bits,
    /// trailing bytes) is `None`, i.e. raw bytes. Checks the layout [`Property::encode`] writes
    /// word by word, without re-encoding.
    pub fn decode_canonical(bytes: &[u8]) -> Option<Self> {
        let (predicate, inputs) = layout(bytes)?;
        Some(Self {
            predicate,
            inputs: inputs
                .into_iter()
                .map(|range| Bytes::copy_from_slice(&bytes[range]))
                .collect(),
        })
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
    use alloy_sol_types::SolValue;
    use proptest::prelude::*;

    alloy_sol_types::sol! {
        /// Solidity `Property`: alloy's ABI codec is the oracle of the hand-written one.
        struct SolProperty { address predicateAddress; bytes[] inputs; }
    }

    /// `abi.encode(P)` by alloy.
    fn alloy_encode(p: &Property) -> Vec<u8> {
        SolProperty {
            predicateAddress: p.predicate,
            inputs: p.inputs.clone(),
        }
        .abi_encode()
    }

    /// `abi.encode(abi.decode(x)) == x` by alloy.
    fn alloy_decode_canonical(bytes: &[u8]) -> Option<Property> {
        let decoded = SolProperty::abi_decode(bytes).ok()?;
        let p = Property::new(decoded.predicateAddress, decoded.inputs);
        (alloy_encode(&p) == bytes).then_some(p)
    }

    fn any_property() -> impl Strategy<Value = Property> {
        (
            any::<[u8; 20]>(),
            prop::collection::vec(prop::collection::vec(any::<u8>(), 0..70), 0..5),
        )
            .prop_map(|(a, inputs)| {
                Property::new(Address::from(a), inputs.into_iter().map(Bytes::from))
            })
    }

    proptest! {
        #[test]
        fn the_codec_is_alloys(p in any_property(), at in any::<usize>(), byte in any::<u8>(), cut in any::<usize>()) {
            let enc = p.encode();
            let by_alloy = alloy_encode(&p);
            prop_assert_eq!(enc.as_ref(), by_alloy.as_slice());
            prop_assert_eq!(Property::decode_canonical(&enc), Some(p));
            // Every one-byte change and every cut is judged as alloy judges it.
            let mut changed = enc.to_vec();
            let i = at % changed.len();
            changed[i] = byte;
            prop_assert_eq!(Property::decode_canonical(&changed), alloy_decode_canonical(&changed));
            let cut = &enc[..cut % (enc.len() + 1)];
            prop_assert_eq!(Property::decode_canonical(cut), alloy_decode_canonical(cut));
            let mut longer = enc.to_vec();
            longer.extend_from_slice(&[0; 32]);
            prop_assert_eq!(Property::decode_canonical(&longer), None);
        }

        #[test]
        fn arbitrary_layouts_are_judged_as_alloy_judges_them(
            head in prop::collection::vec(layout_word(), 4),
            keep_head in any::<bool>(),
            body in prop::collection::vec(layout_word(), 0..10),
        ) {
            // Mostly a well-formed head (tuple offset, address, array offset, count), so that
            // the body's offsets and lengths are what is judged.
            let head = if keep_head {
                vec![Word::Small(32), Word::Small(1), Word::Small(64), head[3].clone()]
            } else {
                head
            };
            let bytes: Vec<u8> = head.iter().chain(&body).flat_map(Word::bytes).collect();
            prop_assert_eq!(Property::decode_canonical(&bytes), alloy_decode_canonical(&bytes));
        }
    }

    /// A word for the layout fuzz: a small number (plausible offsets, lengths and counts) or
    /// any bytes.
    #[derive(Clone, Debug)]
    enum Word {
        Small(u64),
        Raw([u8; 32]),
    }

    fn layout_word() -> impl Strategy<Value = Word> {
        prop_oneof![
            (0u64..12).prop_map(|n| Word::Small(32 * n)),
            (0u64..70).prop_map(Word::Small),
            any::<[u8; 32]>().prop_map(Word::Raw),
        ]
    }

    impl Word {
        fn bytes(&self) -> [u8; 32] {
            match self {
                Self::Small(n) => {
                    let mut w = [0; 32];
                    w[24..].copy_from_slice(&n.to_be_bytes());
                    w
                }
                Self::Raw(w) => *w,
            }
        }
    }
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
