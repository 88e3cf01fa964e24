//! One step of a `uac` vector, [`Step`]: `{"advance": n}`, a view or a call, with its hand-written
//! serde and schema (a step is an object with exactly one key).

use super::{Call, View};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::{borrow::Cow, fmt};

/// One step of a `uac` vector: `{"advance": n}` (move `n` blocks on), a view of §6 read on
/// both halves, or a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Moves `n` blocks forward; later calls run in the new block.
    Advance(u64),
    /// One view, read (not a transaction).
    View(View),
    /// One transaction.
    Call(Call),
}

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Advance(blocks) => {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("advance", blocks)?;
                map.end()
            }
            Self::View(view) => view.serialize(serializer),
            Self::Call(call) => call.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Step {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(StepVisitor)
    }
}

struct StepVisitor;

impl<'de> de::Visitor<'de> for StepVisitor {
    type Value = Step;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a step: {\"advance\": n}, {\"<view>\": {…}} or {\"<method>\": {…arguments}}")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Step, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::custom(
                "an empty object is not a step: write {\"advance\": n} or {\"<method>\": {…}}",
            ));
        };
        let step = if key == "advance" {
            Step::Advance(map.next_value()?)
        } else if View::NAMES.contains(&key.as_str()) {
            Step::View(View::deserialize(OneEntryEnum {
                key: &key,
                map: &mut map,
            })?)
        } else {
            Step::Call(Call::deserialize(OneEntryEnum {
                key: &key,
                map: &mut map,
            })?)
        };
        if let Some(extra) = map.next_key::<String>()? {
            return Err(de::Error::custom(format!(
                "a step has exactly one key, found {extra:?} after {key:?}"
            )));
        }
        Ok(step)
    }
}

/// Deserializes an externally tagged enum from a map entry whose key was already read.
struct OneEntryEnum<'k, 'm, A> {
    key: &'k str,
    map: &'m mut A,
}

impl<'de, A: de::MapAccess<'de>> de::Deserializer<'de> for OneEntryEnum<'_, '_, A> {
    type Error = A::Error;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, A: de::MapAccess<'de>> de::EnumAccess<'de> for OneEntryEnum<'_, '_, A> {
    type Error = A::Error;
    type Variant = Self;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self), A::Error> {
        let value = seed.deserialize(de::value::StrDeserializer::<A::Error>::new(self.key))?;
        Ok((value, self))
    }
}

impl<'de, A: de::MapAccess<'de>> de::VariantAccess<'de> for OneEntryEnum<'_, '_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.map.next_value::<de::IgnoredAny>().map(|_| ())
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn tuple_variant<V: de::Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(SeqSeed(visitor))
    }

    fn struct_variant<V: de::Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(MapSeed(visitor))
    }
}

struct SeqSeed<V>(V);

impl<'de, V: de::Visitor<'de>> de::DeserializeSeed<'de> for SeqSeed<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        deserializer.deserialize_seq(self.0)
    }
}

struct MapSeed<V>(V);

impl<'de, V: de::Visitor<'de>> de::DeserializeSeed<'de> for MapSeed<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        deserializer.deserialize_map(self.0)
    }
}

impl JsonSchema for Step {
    fn schema_name() -> Cow<'static, str> {
        "Step".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let call = generator.subschema_for::<Call>();
        let view = generator.subschema_for::<View>();
        json_schema!({
            "description": "One step: `{\"advance\": n}` moves n blocks on (later calls run in the new block); `isDecided`, `isDecidable` and `getGamePredicate` read a view on both halves; any other step is one call.",
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "advance": { "type": "integer", "minimum": 0, "description": "Blocks to move forward." },
                    },
                    "required": ["advance"],
                    "additionalProperties": false,
                },
                view,
                call,
            ],
        })
    }
}
