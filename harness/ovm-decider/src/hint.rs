//! Quantifier hints (spec §7): `bucket,KIND,param`, and the candidates they yield.
//!
//! The hint is taken exactly as it stands in the (already substituted) property: `${name}`
//! templates are expanded only by `subst` when an enclosing quantifier binds `name`; one still
//! present here is unbound, and the hint is unusable.

use crate::{Retrieved, UnknownReason, World};
use ovm_core::{Address, Bytes, U256, abi};

/// A hint yielding more candidates than this makes its quantifier `Unknown`.
pub const MAX_CANDIDATES: usize = 4096;

/// A parsed hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// The first field (for `STORED`, the storage contract's address as written).
    pub bucket: String,
    /// The kind and its parameter.
    pub kind: HintKind,
}

/// The four hint kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HintKind {
    /// `KEY`: the values stored in the bucket under exactly this key, in insertion order.
    Key(Bytes),
    /// `RANGE`: the values whose range key intersects this (raw) parameter.
    Range(Bytes),
    /// `NUMBER`: `abi(uint256 k)` for `from ≤ k < to`, ascending.
    Number {
        /// First number (inclusive).
        from: U256,
        /// Last number (exclusive).
        to: U256,
    },
    /// `STORED`: the value the storage contract holds under `key`.
    Stored {
        /// The storage contract named by the bucket.
        storage: Address,
        /// The key to retrieve.
        key: Bytes,
    },
}

fn malformed(why: impl Into<String>) -> UnknownReason {
    UnknownReason::MalformedHint(why.into())
}

/// Parses `0x` + lowercase, even-length hex.
pub fn parse_hex(field: &str) -> Option<Bytes> {
    let digits = field.strip_prefix("0x")?;
    if !digits.len().is_multiple_of(2)
        || !digits
            .bytes()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
    {
        return None;
    }
    let value = |c: u8| {
        if c.is_ascii_digit() {
            c - b'0'
        } else {
            c - b'a' + 10
        }
    };
    Some(
        digits
            .as_bytes()
            .chunks_exact(2)
            .map(|pair| (value(pair[0]) << 4) | value(pair[1]))
            .collect::<Vec<u8>>()
            .into(),
    )
}

/// The first `${name}` left in `hint`, if any (`${` followed later by `}`).
pub fn unbound_name(hint: &[u8]) -> Option<String> {
    let start = hint.windows(2).position(|w| w == b"${")?;
    let rest = &hint[start + 2..];
    let end = rest.iter().position(|&c| c == b'}')?;
    Some(String::from_utf8_lossy(&rest[..end]).into_owned())
}

fn parse_word(field: &str) -> Option<U256> {
    let bytes = parse_hex(field)?;
    (bytes.len() == 32).then(|| U256::from_be_slice(&bytes))
}

fn parse_storage(bucket: &str) -> Option<Address> {
    let bytes = parse_hex(bucket)?;
    match bytes.len() {
        20 => Some(Address::from_slice(&bytes)),
        32 => abi::decode_address(&bytes),
        _ => None,
    }
}

/// Parses a hint; `Err` is the `Unknown` reason for an unusable one (bad UTF-8, an unbound
/// `${name}`, not exactly three fields, an unknown KIND, a malformed parameter).
pub fn parse(hint: &[u8]) -> Result<Hint, UnknownReason> {
    let text = std::str::from_utf8(hint).map_err(|_| malformed("not UTF-8"))?;
    if let Some(name) = unbound_name(hint) {
        return Err(UnknownReason::UnboundName(name));
    }
    let fields: Vec<&str> = text.split(',').collect();
    let [bucket, kind, param] = fields[..] else {
        return Err(malformed(format!(
            "{} comma-separated fields, not 3",
            fields.len()
        )));
    };
    let bad_param = || malformed(format!("bad {kind} parameter `{param}`"));
    let kind = match kind {
        "KEY" => HintKind::Key(parse_hex(param).ok_or_else(bad_param)?),
        "RANGE" => HintKind::Range(parse_hex(param).ok_or_else(bad_param)?),
        "NUMBER" => {
            let (from, to) = param.split_once('-').ok_or_else(bad_param)?;
            HintKind::Number {
                from: parse_word(from).ok_or_else(bad_param)?,
                to: parse_word(to).ok_or_else(bad_param)?,
            }
        }
        "STORED" => HintKind::Stored {
            storage: parse_storage(bucket)
                .ok_or_else(|| malformed(format!("bad STORED address `{bucket}`")))?,
            key: parse_hex(param).ok_or_else(bad_param)?,
        },
        other => return Err(malformed(format!("unknown KIND `{other}`"))),
    };
    Ok(Hint {
        bucket: bucket.to_owned(),
        kind,
    })
}

fn too_many(count: usize) -> UnknownReason {
    UnknownReason::TooManyCandidates(count as u128)
}

/// A quantifier's domain as §7 enumerates it: the hint's candidates (none when the hint is
/// unusable), then `0x` and `enc(And())`, without repeats (admissibility not yet applied).
pub fn domain(hint: &[u8], world: &World) -> Vec<Bytes> {
    let empty_and = ovm_core::Property::new(
        world
            .registry
            .connective_address(ovm_core::ConnectiveKind::And),
        Vec::<Bytes>::new(),
    )
    .encode();
    let mut seen = std::collections::HashSet::new();
    candidates(hint, world)
        .unwrap_or_default()
        .into_iter()
        .chain([Bytes::new(), empty_and])
        .filter(|t| seen.insert(t.clone()))
        .collect()
}

/// The candidates `hint` yields in `world`, in hint order (repeats and inadmissible values are
/// the quantifier's business). `Err` when the hint is unusable, yields more than
/// [`MAX_CANDIDATES`] values, or reads unwritten storage.
pub fn candidates(hint: &[u8], world: &World) -> Result<Vec<Bytes>, UnknownReason> {
    let hint = parse(hint)?;
    let values: Vec<Bytes> = match hint.kind {
        HintKind::Key(key) => world
            .witnesses
            .values(&hint.bucket, &key)
            .take(MAX_CANDIDATES + 1)
            .cloned()
            .collect(),
        HintKind::Range(param) => {
            let Some(wanted) = abi::Range::decode_valid(&param) else {
                return Ok(Vec::new());
            };
            let mut hits: Vec<(U256, &Bytes)> = world
                .witnesses
                .entries(&hint.bucket)
                .iter()
                .filter_map(|(key, value)| {
                    let range = abi::Range::decode_valid(key)?;
                    range.intersects(&wanted).then_some((range.start, value))
                })
                .collect();
            if hits.len() > MAX_CANDIDATES {
                return Err(too_many(hits.len()));
            }
            // Stable: equal starts keep insertion order.
            hits.sort_by_key(|(start, _)| *start);
            hits.into_iter().map(|(_, value)| value.clone()).collect()
        }
        HintKind::Number { from, to } => {
            if from >= to {
                return Ok(Vec::new());
            }
            let count = to - from;
            if count > U256::from(MAX_CANDIDATES) {
                return Err(UnknownReason::TooManyCandidates(
                    u128::try_from(count).unwrap_or(u128::MAX),
                ));
            }
            let count = count.to::<usize>();
            // One buffer, sliced: one allocation for all the words.
            let mut buffer = Vec::with_capacity(32 * count);
            for k in 0..count {
                buffer.extend_from_slice(&(from + U256::from(k)).to_be_bytes::<32>());
            }
            let buffer = Bytes::from(buffer);
            (0..count)
                .map(|k| buffer.slice(32 * k..32 * (k + 1)))
                .collect()
        }
        HintKind::Stored { storage, key } => match world.retrieve(storage, &key) {
            Retrieved::Failed => Vec::new(),
            Retrieved::Empty => return Err(UnknownReason::NotWritten { storage, key }),
            Retrieved::Value(value) => vec![value],
        },
    };
    if values.len() > MAX_CANDIDATES {
        return Err(too_many(values.len()));
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_strict() {
        assert_eq!(parse_hex("0x"), Some(Bytes::new()));
        assert_eq!(parse_hex("0x0aff"), Some(Bytes::from_static(&[0x0a, 0xff])));
        assert_eq!(parse_hex("0x0AFF"), None);
        assert_eq!(parse_hex("0x0"), None);
        assert_eq!(parse_hex("ff"), None);
    }

    #[test]
    fn unbound_names_are_found() {
        assert_eq!(unbound_name(b"b,KEY,${x}"), Some("x".into()));
        assert_eq!(unbound_name(b"b,KEY,0x${"), None);
        assert!(matches!(
            parse(b"b,KEY,${x}"),
            Err(UnknownReason::UnboundName(_))
        ));
        assert!(matches!(
            parse(b"b,KEY"),
            Err(UnknownReason::MalformedHint(_))
        ));
        assert!(matches!(
            parse(b"b,FOO,0x"),
            Err(UnknownReason::MalformedHint(_))
        ));
        assert!(matches!(
            parse(&[0xff, b',']),
            Err(UnknownReason::MalformedHint(_))
        ));
    }
}
