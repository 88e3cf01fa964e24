//! Loading vector files with errors that name the file, line, column and field, and writing
//! them canonically.
//!
//! Loading parses the text twice, both times straight from the text so that every error has a
//! position: a cheap first pass reads `format` and `kind`, the second deserializes the kind's
//! fields, which may come in any order around `format`, `_info` and `kind`, through
//! [`serde_path_to_error`] (no buffering, so paths and positions reach every nested field).

use crate::vector::{
    AtomicVector, ChallengeVector, EncodingVector, FORMAT, GameVector, Info, Kind, UacVector,
    Vector, VectorFile, WitnessVector,
};
use serde::{
    Deserialize, Deserializer,
    de::{self, DeserializeSeed, MapAccess, Visitor},
};
use std::{fmt, path::Path};

/// Why a vector file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum VectorError {
    /// The file could not be read.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// The file.
        file: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The text is not valid JSON, or does not fit the format.
    #[error("{file}:{line}:{column}: {}{message}", path_prefix(path))]
    Parse {
        /// The file.
        file: String,
        /// 1-based line of the error (0 if unknown).
        line: usize,
        /// 1-based column of the error (0 if unknown).
        column: usize,
        /// The field path (`steps[2].challenge.property.And[0]`), empty at the top level.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// `format` is not a version this crate reads.
    #[error("{file}: unsupported format {found} (this crate reads format {FORMAT})")]
    UnsupportedFormat {
        /// The file.
        file: String,
        /// The `format` value found, as JSON.
        found: String,
    },
    /// The file nests deeper than [`crate::MAX_JSON_DEPTH`] levels of JSON (it is not parsed).
    #[error(
        "{file}:{line}:{column}: {}nested deeper than {limit} levels of JSON (the format's cap)",
        path_prefix(path)
    )]
    TooDeep {
        /// The file.
        file: String,
        /// 1-based line of the bracket past the cap.
        line: usize,
        /// 1-based column of that bracket.
        column: usize,
        /// The field path of the value that goes past the cap.
        path: String,
        /// The cap, [`crate::MAX_JSON_DEPTH`].
        limit: usize,
    },
    /// The file parses but breaks a rule the types cannot express.
    #[error("{file}: {path}: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// The field path.
        path: String,
        /// What is wrong.
        message: String,
    },
}

fn path_prefix(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}: ")
    }
}

impl VectorError {
    /// The field path of the error, if it has one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Self::Parse { path, .. } | Self::TooDeep { path, .. } | Self::Invalid { path, .. } => {
                Some(path)
            }
            Self::Io { .. } | Self::UnsupportedFormat { .. } => None,
        }
    }

    /// The 1-based line of the error, if known.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Parse { line, .. } | Self::TooDeep { line, .. } if *line > 0 => Some(*line),
            _ => None,
        }
    }

    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            Self::Io { file, .. }
            | Self::Parse { file, .. }
            | Self::UnsupportedFormat { file, .. }
            | Self::TooDeep { file, .. }
            | Self::Invalid { file, .. } => file,
        }
    }
}

/// Loads and validates one vector file.
pub fn load(path: impl AsRef<Path>) -> Result<VectorFile, VectorError> {
    let path = path.as_ref();
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| VectorError::Io {
        file: file.clone(),
        source,
    })?;
    from_json(&text, &file)
}

/// The `kind` a vector text names, if it is a JSON object with a known `kind` (for reports on
/// files that do not load as a whole).
pub fn peek_kind(text: &str) -> Option<Kind> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    value.get("kind")?.as_str().and_then(Kind::from_name)
}

/// The stack the parser runs on: enough for [`crate::MAX_JSON_DEPTH`] levels of the typed,
/// path-tracking deserializers in an unoptimised build, whatever thread loads the file.
const PARSE_STACK: usize = 64 * 1024 * 1024;

/// Parses and validates one vector from `text`; `file` names it in errors. A text nested
/// deeper than [`crate::MAX_JSON_DEPTH`] is refused before parsing ([`VectorError::TooDeep`]);
/// up to that cap it parses, on a stack of its own.
pub fn from_json(text: &str, file: &str) -> Result<VectorFile, VectorError> {
    if let Some(deep) = crate::depth::too_deep(text) {
        return Err(VectorError::TooDeep {
            file: file.to_owned(),
            line: deep.line,
            column: deep.column,
            path: deep.path,
            limit: crate::MAX_JSON_DEPTH,
        });
    }
    stacker::grow(PARSE_STACK, || parse(text, file))
}

/// [`from_json`] once the depth is known to be within the cap.
fn parse(text: &str, file: &str) -> Result<VectorFile, VectorError> {
    let parse_error = |err: serde_json::Error, path: String| {
        let message = err.to_string();
        let suffix = format!(" at line {} column {}", err.line(), err.column());
        VectorError::Parse {
            file: file.to_owned(),
            line: err.line(),
            column: err.column(),
            path,
            message: readable(message.strip_suffix(&suffix).unwrap_or(&message)),
        }
    };

    // Pass 1: syntax, and the `format` and `kind` fields.
    let mut peeker = serde_json::Deserializer::from_str(text);
    peeker.disable_recursion_limit();
    let peek = serde_json::Value::deserialize(&mut peeker)
        .map_err(|err| parse_error(err, String::new()))?;
    let Some(peek) = peek.as_object() else {
        return Err(VectorError::Parse {
            file: file.to_owned(),
            line: 1,
            column: 1,
            path: String::new(),
            message: "a vector file is a JSON object".to_owned(),
        });
    };
    if let Some(found) = peek.get("format")
        && found.as_u64() != Some(u64::from(FORMAT))
    {
        return Err(VectorError::UnsupportedFormat {
            file: file.to_owned(),
            found: found.to_string(),
        });
    }
    let kind = peek
        .get("kind")
        .and_then(serde_json::Value::as_str)
        .and_then(Kind::from_name);

    // Pass 2: everything, with paths.
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer.disable_recursion_limit();
    let mut track = serde_path_to_error::Track::new();
    let result = FileSeed { kind }.deserialize(serde_path_to_error::Deserializer::new(
        &mut deserializer,
        &mut track,
    ));
    let vector = match result {
        Ok(vector) => vector,
        Err(err) => {
            let path = track.path().to_string();
            let path = if path == "." { String::new() } else { path };
            return Err(parse_error(err, path));
        }
    };
    deserializer
        .end()
        .map_err(|err| parse_error(err, String::new()))?;
    vector.validate().map_err(|invalid| VectorError::Invalid {
        file: file.to_owned(),
        path: invalid.path,
        message: invalid.message,
    })?;
    Ok(vector)
}

/// A serde message in the format's terms: serde_json reads an integer above 2^64 − 1 as a
/// float, which the message would call "floating point".
fn readable(message: &str) -> String {
    match message.strip_prefix("invalid type: floating point `") {
        Some(rest) if rest.ends_with("`, expected u64") => format!(
            "{} is not a whole number from 0 to 2^64 − 1 (18446744073709551615)",
            rest.trim_end_matches("`, expected u64")
        ),
        _ => message.to_owned(),
    }
}

/// The canonical text of a vector: `serde_json` pretty printing (2-space indent), fields in
/// declaration order, map keys sorted, string inputs as written, and a trailing newline.
/// Loading a canonical file and writing it back gives the same bytes.
pub fn to_pretty_json(vector: &VectorFile) -> String {
    let mut text = serde_json::to_string_pretty(vector).expect("vectors always serialize");
    text.push('\n');
    text
}

/// Deserializes a whole file whose `kind` was read in advance (`None`: missing or unknown,
/// reported at the `kind` field).
struct FileSeed {
    kind: Option<Kind>,
}

impl<'de> DeserializeSeed<'de> for FileSeed {
    type Value = VectorFile;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<VectorFile, D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// The `format`, `_info` and `kind` fields, collected while the kind's fields are read.
#[derive(Default)]
struct Header {
    format: Option<u32>,
    info: Option<Info>,
    kind: Option<Kind>,
}

/// A map access that takes `format`, `_info` and `kind` out of the top-level object and
/// passes every other entry to the kind's own deserializer.
struct KindFields<'h, A> {
    map: A,
    header: &'h mut Header,
}

/// A top-level key: a header field, or one of the kind's own (already given to its seed).
enum TopKey<T> {
    Header(&'static str),
    Field(T),
}

/// Reads a top-level key inside the tracked `next_key_seed`, so that an unknown field is
/// reported at its own path; the kind's seed is used only for non-header keys.
struct TopKeySeed<'s, K> {
    seed: &'s mut Option<K>,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for TopKeySeed<'_, K> {
    type Value = TopKey<K::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let key = String::deserialize(deserializer)?;
        Ok(match key.as_str() {
            "format" => TopKey::Header("format"),
            "_info" => TopKey::Header("_info"),
            "kind" => TopKey::Header("kind"),
            _ => {
                let seed = self.seed.take().expect("the kind's key seed is used once");
                TopKey::Field(
                    seed.deserialize(de::value::StringDeserializer::<D::Error>::new(key))?,
                )
            }
        })
    }
}

impl<'de, A: MapAccess<'de>> KindFields<'_, A> {
    /// Consumes a header field's value.
    fn header_field(&mut self, key: &str) -> Result<(), A::Error> {
        match key {
            "format" => {
                let format: u64 = self.map.next_value()?;
                if format != u64::from(FORMAT) {
                    return Err(de::Error::custom(format!(
                        "unsupported format {format} (this crate reads format {FORMAT})"
                    )));
                }
                set_once(&mut self.header.format, FORMAT, "format")
            }
            "_info" => {
                let info = self.map.next_value()?;
                set_once(&mut self.header.info, info, "_info")
            }
            _ => {
                let kind = self.map.next_value()?;
                set_once(&mut self.header.kind, kind, "kind")
            }
        }
    }
}

fn set_once<T, E: de::Error>(slot: &mut Option<T>, value: T, field: &'static str) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(field));
    }
    *slot = Some(value);
    Ok(())
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for KindFields<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let mut seed = Some(seed);
        loop {
            match self.map.next_key_seed(TopKeySeed { seed: &mut seed })? {
                None => return Ok(None),
                Some(TopKey::Field(key)) => return Ok(Some(key)),
                Some(TopKey::Header(key)) => self.header_field(key)?,
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

impl<'de> Visitor<'de> for FileSeed {
    type Value = VectorFile;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a vector file: {\"format\": 1, \"_info\": {…}, \"kind\": \"…\", …}")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<VectorFile, A::Error> {
        let mut header = Header::default();
        let mut fields = KindFields {
            map,
            header: &mut header,
        };
        let vector = match self.kind {
            None => {
                // Read everything so that a bad `kind` is reported where it is.
                while fields
                    .next_key_seed(std::marker::PhantomData::<de::IgnoredAny>)?
                    .is_some()
                {
                    fields.next_value::<de::IgnoredAny>()?;
                }
                None
            }
            Some(kind) => {
                let map = de::value::MapAccessDeserializer::new(&mut fields);
                Some(match kind {
                    Kind::Encoding => Vector::Encoding(EncodingVector::deserialize(map)?),
                    Kind::Atomic => Vector::Atomic(AtomicVector::deserialize(map)?),
                    Kind::Challenge => Vector::Challenge(ChallengeVector::deserialize(map)?),
                    Kind::Witness => Vector::Witness(WitnessVector::deserialize(map)?),
                    Kind::Uac => Vector::Uac(UacVector::deserialize(map)?),
                    Kind::Game => Vector::Game(GameVector::deserialize(map)?),
                })
            }
        };
        let format = header
            .format
            .ok_or_else(|| de::Error::missing_field("format"))?;
        let info = header
            .info
            .ok_or_else(|| de::Error::missing_field("_info"))?;
        let kind = header
            .kind
            .ok_or_else(|| de::Error::missing_field("kind"))?;
        let vector = vector.ok_or_else(|| de::Error::custom("unreadable kind"))?;
        if vector.kind() != kind {
            return Err(de::Error::custom(format!(
                "`kind` is {kind:?} but the fields were read as {:?}",
                vector.kind()
            )));
        }
        Ok(VectorFile {
            format,
            info,
            vector,
        })
    }
}

impl<'de> Deserialize<'de> for VectorFile {
    /// Deserializes from any serde source (buffering it first to find `kind`) and validates.
    /// Prefer [`load`] / [`from_json`], which also report lines and field paths.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let kind = value
            .get("kind")
            .and_then(serde_json::Value::as_str)
            .and_then(Kind::from_name);
        let vector = FileSeed { kind }
            .deserialize(value)
            .map_err(de::Error::custom)?;
        vector.validate().map_err(de::Error::custom)?;
        Ok(vector)
    }
}
