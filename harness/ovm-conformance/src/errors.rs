//! How the engine compares errors: the one rule for "the halves fail alike".
//!
//! - [`ErrorMode::Strict`] (default): the spec's custom errors, name and arguments exactly.
//! - [`ErrorMode::Outcome`]: success or failure only — an implementation with other errors
//!   (revert strings, its own custom errors) is judged on its verdicts.
//! - [`ErrorMode::Map`]: a JSON file mapping each spec error name to the implementation's revert
//!   strings and/or 4-byte selectors, `{"InvalidChallenge": ["invalid challenge",
//!   "0x1a2b3c4d"]}`: a chain error that is one of those is that spec error (its arguments
//!   are not compared); any other error is compared strictly.
//!
//! A call where both halves succeed, or one succeeds and one fails, is judged the same in every
//! mode: only *which* error differs is relaxed, never whether the call failed.

use crate::{
    kinds::ResolvedCall,
    views::{Arg, CallView, ErrorView},
};
use std::{collections::BTreeMap, path::Path};

/// How errors are compared (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ErrorMode {
    /// The spec's custom errors, exactly.
    #[default]
    Strict,
    /// Success or failure only.
    Outcome,
    /// Spec error names mapped to the implementation's errors.
    Map(ErrorMap),
}

/// One form an implementation's error takes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Alias {
    /// `Error(string)` with this message (`""`: a revert without data).
    Message(String),
    /// Revert data starting with this selector.
    Selector([u8; 4]),
}

/// Spec error names → the implementation's forms of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorMap {
    aliases: BTreeMap<String, Vec<Alias>>,
}

/// Why an error mode cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ErrorModeError {
    /// The map file cannot be read.
    #[error("{path}: cannot read the error map: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The map is not `{"SpecName": ["message" | "0x12345678", …], …}`.
    #[error("{path}: {reason}")]
    Malformed {
        /// The file.
        path: String,
        /// What is wrong, naming the field.
        reason: String,
    },
}

impl ErrorMode {
    /// `strict`, `outcome`, or the path of an error map.
    pub fn parse(text: &str) -> Result<Self, ErrorModeError> {
        match text {
            "strict" => Ok(Self::Strict),
            "outcome" => Ok(Self::Outcome),
            path => ErrorMap::from_file(Path::new(path)).map(Self::Map),
        }
    }

    /// Whether the model's and the chain's views of one call agree.
    pub fn agree(&self, model: &CallView, chain: &CallView) -> bool {
        match (self, model, chain) {
            (_, CallView::Ok, CallView::Ok) => true,
            (_, CallView::Ok, CallView::Err(_)) | (_, CallView::Err(_), CallView::Ok) => false,
            (Self::Strict, m, c) => m == c,
            (Self::Outcome, _, _) => true,
            (Self::Map(map), CallView::Err(m), CallView::Err(c)) => match map.spec_name(c) {
                Some(name) => name == m.name,
                None => m == c,
            },
        }
    }

    /// Whether the chain's view of a call is the vector's expected result.
    pub(crate) fn expected(&self, expected: &ResolvedCall, chain: &CallView) -> bool {
        match (self, expected, chain) {
            (_, ResolvedCall::Ok, CallView::Ok) => true,
            (_, ResolvedCall::Ok, CallView::Err(_)) | (_, ResolvedCall::Err(_), CallView::Ok) => {
                false
            }
            (Self::Strict, e, c) => e.matches(c),
            (Self::Outcome, _, _) => true,
            (Self::Map(map), ResolvedCall::Err(e), CallView::Err(c)) => match map.spec_name(c) {
                Some(name) => name == e.name,
                None => e.matches(c),
            },
        }
    }
}

impl ErrorMap {
    /// Reads a map file (see the module docs).
    pub fn from_file(path: &Path) -> Result<Self, ErrorModeError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ErrorModeError::Read {
            path: shown.clone(),
            source,
        })?;
        Self::from_json(&text).map_err(|reason| ErrorModeError::Malformed {
            path: shown,
            reason,
        })
    }

    /// Parses a map.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let object = value
            .as_object()
            .ok_or("an error map is an object: spec error name → list of forms")?;
        let mut aliases = BTreeMap::new();
        for (name, forms) in object {
            if ovm_vectors::ErrorName::parse(name).is_err() {
                return Err(format!("{name}: not one of the spec's error names"));
            }
            let forms = forms
                .as_array()
                .ok_or(format!("{name}: a list of revert strings or 0x selectors"))?;
            let mut parsed = Vec::with_capacity(forms.len());
            for (i, form) in forms.iter().enumerate() {
                let text = form.as_str().ok_or(format!(
                    "{name}[{i}]: a string (a message or a 0x selector)"
                ))?;
                parsed.push(match text.strip_prefix("0x") {
                    Some(hex) if hex.len() == 8 => {
                        let bytes = ovm_core::hex::decode(hex)
                            .map_err(|_| format!("{name}[{i}]: {text:?} is not 4 hex bytes"))?;
                        Alias::Selector(bytes.try_into().unwrap_or_default())
                    }
                    _ => Alias::Message(text.to_owned()),
                });
            }
            aliases.insert(name.clone(), parsed);
        }
        Ok(Self { aliases })
    }

    /// The spec error `chain` is a form of, if the map names it.
    fn spec_name(&self, chain: &ErrorView) -> Option<&str> {
        let raw = match chain.args.first() {
            Some(Arg::Raw(bytes)) => bytes.as_ref(),
            _ => &[][..],
        };
        let is = |alias: &Alias| match alias {
            Alias::Message(text) if text.is_empty() => chain.name == "Empty",
            Alias::Message(text) => chain.name == "Error" && raw == text.as_bytes(),
            Alias::Selector(selector) => chain.name == "Unknown" && raw.starts_with(selector),
        };
        self.aliases
            .iter()
            .find(|(_, forms)| forms.iter().any(is))
            .map(|(name, _)| name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovm_core::Bytes;

    fn err(name: &str, args: Vec<Arg>) -> CallView {
        CallView::Err(ErrorView {
            name: name.to_owned(),
            args,
        })
    }

    #[test]
    fn modes_relax_which_error_never_whether_it_failed() {
        let spec = err(
            "InvalidChallenge",
            vec![Arg::Raw(Bytes::from_static(&[1; 32]))],
        );
        let string = err(
            "Error",
            vec![Arg::Raw(Bytes::from_static(b"bad challenge"))],
        );
        let custom = err(
            "Unknown",
            vec![Arg::Raw(Bytes::from_static(&[0xde, 0xad, 0xbe, 0xef, 7]))],
        );
        let map = ErrorMode::Map(
            ErrorMap::from_json(r#"{"InvalidChallenge": ["bad challenge", "0xdeadbeef"]}"#)
                .unwrap(),
        );
        for mode in [ErrorMode::Strict, ErrorMode::Outcome, map.clone()] {
            assert!(mode.agree(&CallView::Ok, &CallView::Ok));
            assert!(!mode.agree(&CallView::Ok, &string), "{mode:?}");
            assert!(!mode.agree(&spec, &CallView::Ok), "{mode:?}");
            assert!(mode.agree(&spec, &spec));
        }
        assert!(!ErrorMode::Strict.agree(&spec, &string));
        assert!(ErrorMode::Outcome.agree(&spec, &string));
        assert!(map.agree(&spec, &string) && map.agree(&spec, &custom));
        let other = err("DuplicateChallenge", Vec::new());
        assert!(
            !map.agree(&other, &string),
            "the map names InvalidChallenge only"
        );
    }

    #[test]
    fn a_bad_map_names_the_field() {
        for (text, field) in [
            ("[]", "object"),
            (r#"{"Nope": []}"#, "Nope"),
            (r#"{"InvalidChallenge": "x"}"#, "InvalidChallenge"),
            (r#"{"InvalidChallenge": [1]}"#, "InvalidChallenge[0]"),
            (
                r#"{"InvalidChallenge": ["0xzzzzzzzz"]}"#,
                "InvalidChallenge[0]",
            ),
        ] {
            let reason = ErrorMap::from_json(text).unwrap_err();
            assert!(reason.contains(field), "{text}: {reason}");
        }
        assert!(matches!(
            ErrorMode::parse("/no/such/map.json"),
            Err(ErrorModeError::Read { .. })
        ));
    }
}
