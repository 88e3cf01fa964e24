//! Placeholders (spec §2): an input of 1..=19 bytes whose first byte is `'V'`.

use alloy_primitives::Bytes;

/// The first byte of every placeholder.
pub const PLACEHOLDER_PREFIX: u8 = b'V';

/// The longest placeholder, prefix included; 20+ bytes are never placeholders.
pub const MAX_PLACEHOLDER_LEN: usize = 19;

/// The longest usable variable name.
pub const MAX_NAME_LEN: usize = MAX_PLACEHOLDER_LEN - 1;

/// Whether `input` is a placeholder.
pub fn is_placeholder(input: &[u8]) -> bool {
    (1..=MAX_PLACEHOLDER_LEN).contains(&input.len()) && input[0] == PLACEHOLDER_PREFIX
}

/// The name of the placeholder `input` (the bytes after `'V'`), or `None` for other inputs.
pub fn placeholder_name(input: &[u8]) -> Option<&[u8]> {
    is_placeholder(input).then(|| &input[1..])
}

/// Whether `input` is the placeholder named `name`.
pub fn is_placeholder_named(input: &[u8], name: &[u8]) -> bool {
    placeholder_name(input) == Some(name)
}

/// The placeholder `'V' ‖ name`. Names longer than [`MAX_NAME_LEN`] give bytes that are not a
/// placeholder (they stay raw data), exactly as on-chain.
pub fn placeholder(name: impl AsRef<[u8]>) -> Bytes {
    let name = name.as_ref();
    let mut out = Vec::with_capacity(name.len() + 1);
    out.push(PLACEHOLDER_PREFIX);
    out.extend_from_slice(name);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_edges() {
        assert!(is_placeholder(b"V"));
        assert!(is_placeholder(&placeholder([b'a'; 18])));
        assert!(!is_placeholder(&placeholder([b'a'; 19])));
        assert!(!is_placeholder(b""));
        assert!(!is_placeholder(b"x"));
        assert_eq!(placeholder_name(b"Vab"), Some(&b"ab"[..]));
        assert!(is_placeholder_named(b"V", b""));
        assert!(!is_placeholder_named(b"Vab", b"a"));
    }
}
