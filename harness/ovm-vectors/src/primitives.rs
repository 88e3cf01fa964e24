//! Small validated scalars of the format: names, 32-byte hashes and literal addresses.

use ovm_core::{Address, B256};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::{borrow::Cow, fmt, str::FromStr};

/// The pattern every [`Name`] matches.
pub const NAME_PATTERN: &str = "^[A-Za-z_][A-Za-z0-9_-]{0,63}$";

/// A name of a signer, account, contract or predicate: `[A-Za-z_][A-Za-z0-9_-]*`, at most 64
/// characters. Names never contain `:`, so `sig:NAME:…` is unambiguous, and never start with a
/// digit, so `addr:NAME` never looks like a number or a `0x` literal.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(String);

impl Name {
    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Checks `text` against [`NAME_PATTERN`].
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut chars = text.chars();
        let valid_first = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
        let valid_rest = chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if valid_first && valid_rest && text.len() <= 64 {
            Ok(Self(text.to_owned()))
        } else {
            Err(format!(
                "invalid name {text:?}: a name is a letter or `_` followed by up to 63 letters, digits, `_` or `-`"
            ))
        }
    }
}

impl FromStr for Name {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Self::parse(text)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(de::Error::custom)
    }
}

impl JsonSchema for Name {
    fn schema_name() -> Cow<'static, str> {
        "Name".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A signer, account, contract or predicate name: a letter or `_`, then up to 63 letters, digits, `_` or `-`.",
            "type": "string",
            "pattern": NAME_PATTERN,
        })
    }
}

/// Decodes `0x` + exactly `2 * N` hex digits (either case).
pub(crate) fn parse_fixed_hex<const N: usize>(text: &str, what: &str) -> Result<[u8; N], String> {
    let Some(digits) = text.strip_prefix("0x") else {
        return Err(format!(
            "{what} must be `0x` followed by {} hex digits, found {text:?}",
            2 * N
        ));
    };
    if digits.len() != 2 * N {
        return Err(format!(
            "{what} must have exactly {} hex digits, found {} in {text:?}",
            2 * N,
            digits.len()
        ));
    }
    let mut out = [0u8; N];
    hex::decode_to_slice(digits, &mut out).map_err(|err| format!("bad hex in {text:?}: {err}"))?;
    Ok(out)
}

/// A 32-byte value written `0x` + 64 hex digits (a hash, an id); written back lowercase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hash32(pub B256);

impl FromStr for Hash32 {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        parse_fixed_hex::<32>(text, "a 32-byte hash").map(|raw| Self(B256::from(raw)))
    }
}

impl fmt::Display for Hash32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&ovm_core::hex::encode_prefixed(self.0))
    }
}

impl Serialize for Hash32 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hash32 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

impl JsonSchema for Hash32 {
    fn schema_name() -> Cow<'static, str> {
        "Hash32".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "32 bytes: `0x` followed by 64 hex digits (written lowercase).",
            "type": "string",
            "pattern": "^0x[0-9a-fA-F]{64}$",
        })
    }
}

/// A literal 20-byte address written `0x` + 40 hex digits (no checksum check); written back
/// lowercase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HexAddress(pub Address);

impl FromStr for HexAddress {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        parse_fixed_hex::<20>(text, "an address").map(|raw| Self(Address::from(raw)))
    }
}

impl fmt::Display for HexAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&ovm_core::hex::encode_prefixed(self.0))
    }
}

impl Serialize for HexAddress {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for HexAddress {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

impl JsonSchema for HexAddress {
    fn schema_name() -> Cow<'static, str> {
        "HexAddress".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A literal address: `0x` followed by 40 hex digits (no checksum; written lowercase).",
            "type": "string",
            "pattern": "^0x[0-9a-fA-F]{40}$",
        })
    }
}
