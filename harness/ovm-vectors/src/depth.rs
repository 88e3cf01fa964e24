//! The nesting cap of a vector file, measured without recursion before anything parses it.
//!
//! serde_json's own recursion limit (128 levels) would refuse a property nested about 60 deep
//! (each `{"Not": [ … ]}` takes two levels), well short of what the spec's depth bound (35)
//! and its cut-off need around them. The loader therefore switches that limit off, parses on a
//! stack of its own, and refuses beforehand, here, a file nested deeper than
//! [`MAX_JSON_DEPTH`], naming the field where the cap is crossed.

/// How many levels of JSON nesting a vector file may use: 512, so a property written as an
/// expression may nest 256 deep (two levels per connective: its object and its argument
/// array), well past the spec's depth bound of 35. Deeper files are refused with
/// [`crate::VectorError::TooDeep`].
pub const MAX_JSON_DEPTH: usize = 512;

/// Where a text first goes deeper than [`MAX_JSON_DEPTH`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TooDeep {
    /// 1-based line of the opening bracket past the cap.
    pub line: usize,
    /// 1-based column of that bracket.
    pub column: usize,
    /// The field path of the value that opens there (`checks[0].depth.bytes.Not[0]…`).
    pub path: String,
}

/// One open container: an object with the key being read, or an array with its index.
enum Level {
    Object(Option<String>),
    Array(usize),
}

/// The first place `text` nests deeper than [`MAX_JSON_DEPTH`], if any. Not a validator: on
/// malformed JSON it answers something harmless and the parser reports the real error.
pub(crate) fn too_deep(text: &str) -> Option<TooDeep> {
    let mut levels: Vec<Level> = Vec::new();
    let (mut line, mut column) = (1, 0);
    let mut chars = text.chars();
    // Inside an object: whether the next string is a key.
    let mut want_key = false;
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
            column = 0;
            continue;
        }
        column += 1;
        match c {
            '{' | '[' => {
                if levels.len() == MAX_JSON_DEPTH {
                    return Some(TooDeep {
                        line,
                        column,
                        path: path_of(&levels),
                    });
                }
                levels.push(if c == '{' {
                    Level::Object(None)
                } else {
                    Level::Array(0)
                });
                want_key = c == '{';
            }
            '}' | ']' => {
                levels.pop();
                want_key = false;
            }
            ',' => match levels.last_mut() {
                Some(Level::Array(index)) => *index += 1,
                Some(Level::Object(_)) => want_key = true,
                None => {}
            },
            '"' => {
                let mut key = String::new();
                let mut escaped = false;
                for c in chars.by_ref() {
                    column += 1;
                    match (escaped, c) {
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => {
                            escaped = false;
                            key.push(c);
                        }
                    }
                }
                if want_key && let Some(Level::Object(slot)) = levels.last_mut() {
                    *slot = Some(key);
                    want_key = false;
                }
            }
            _ => {}
        }
    }
    None
}

/// The path of the value being read at the innermost level, in `serde_path_to_error`'s form.
fn path_of(levels: &[Level]) -> String {
    let mut path = String::new();
    for level in levels {
        match level {
            Level::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Level::Object(None) => {}
            Level::Array(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nots(n: usize) -> String {
        format!(
            "{{\"checks\": [{}\"x\"{}]}}",
            "{\"Not\": [".repeat(n),
            "]}".repeat(n)
        )
    }

    #[test]
    fn the_cap_is_crossed_at_a_named_field() {
        // Two levels per Not, two around them: 255 Nots fit, 256 do not.
        assert_eq!(too_deep(&nots(255)), None);
        let deep = too_deep(&nots(256)).expect("past the cap");
        assert!(
            deep.path.starts_with("checks[0].Not[0].Not[0]"),
            "{}",
            deep.path
        );
        assert_eq!(deep.path.matches("Not").count(), 255);
        assert_eq!(deep.line, 1);
    }

    #[test]
    fn brackets_and_quotes_inside_strings_do_not_count() {
        let text = format!("{{\"a\\\"b\": \"{}\"}}", "[{".repeat(MAX_JSON_DEPTH));
        assert_eq!(too_deep(&text), None);
    }

    #[test]
    fn keys_follow_commas_and_indices_count() {
        let text = format!(
            "{{\"a\": 1, \"b\": [0, 1, {}]}}",
            "[".repeat(MAX_JSON_DEPTH)
        );
        let deep = too_deep(&text).expect("past the cap");
        assert!(deep.path.starts_with("b[2][0][0]"), "{}", deep.path);
    }
}
