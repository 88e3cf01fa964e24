//! solc's compressed source maps: one entry per instruction, `s:l:f:j:m` separated by `;`,
//! where an empty or missing field repeats the previous entry's value (an empty entry repeats
//! all of it). `s` and `l` are the byte offset and length of the source range, `f` the source
//! file's id (`-1`: no source, e.g. compiler-inserted code), `j` whether the instruction is a
//! jump into (`i`) or out of (`o`) a function or a regular one (`-`), `m` the modifier depth.

/// One instruction's source range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Byte offset of the range in the source file (`-1`: none).
    pub start: i64,
    /// Length of the range in bytes (`-1`: none).
    pub length: i64,
    /// The source file's id (`f`); `None` for `-1` (no source file).
    pub file: Option<u32>,
    /// What kind of jump the instruction is.
    pub jump: Jump,
    /// The modifier depth (`m`).
    pub modifier_depth: u32,
}

/// The `j` field of an [`Entry`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jump {
    /// `i`: a jump into a function.
    In,
    /// `o`: a jump out of a function.
    Out,
    /// `-`: a regular jump, or no jump at all.
    Regular,
}

/// Why a source map does not parse: the entry (0-based) and field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("source map entry {entry}, field `{field}`: {problem}")]
pub struct SourceMapError {
    /// The entry's index.
    pub entry: usize,
    /// The field's letter (`s`, `l`, `f`, `j`, `m`).
    pub field: char,
    /// What is wrong with it.
    pub problem: String,
}

/// Parses a compressed source map (an empty text has no entries).
pub fn parse(text: &str) -> Result<Vec<Entry>, SourceMapError> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let mut entries: Vec<Entry> = Vec::new();
    for (index, raw) in text.split(';').enumerate() {
        let mut fields = raw.split(':');
        let previous = entries.last().copied();
        let mut field = |letter: char| -> Result<Option<&str>, SourceMapError> {
            match fields.next() {
                Some(value) if !value.is_empty() => Ok(Some(value)),
                _ if previous.is_some() => Ok(None),
                _ => Err(SourceMapError {
                    entry: index,
                    field: letter,
                    problem: "empty in the first entry (nothing to repeat)".into(),
                }),
            }
        };
        let error = |letter: char, value: &str| SourceMapError {
            entry: index,
            field: letter,
            problem: format!("bad value {value:?}"),
        };
        let number =
            |letter: char, value: &str| value.parse::<u32>().map_err(|_| error(letter, value));
        let offset = |letter: char, value: &str| match value {
            "-1" => Ok(-1),
            _ => number(letter, value).map(i64::from),
        };
        let start = field('s')?.map(|v| offset('s', v)).transpose()?;
        let length = field('l')?.map(|v| offset('l', v)).transpose()?;
        let file = field('f')?
            .map(|v| match v {
                "-1" => Ok(None),
                _ => number('f', v).map(Some),
            })
            .transpose()?;
        let jump = field('j')?
            .map(|v| match v {
                "i" => Ok(Jump::In),
                "o" => Ok(Jump::Out),
                "-" => Ok(Jump::Regular),
                _ => Err(error('j', v)),
            })
            .transpose()?;
        // `m` is absent from maps of old compilers: it then counts as 0.
        let modifier_depth = match fields.next() {
            Some(value) if !value.is_empty() => Some(number('m', value)?),
            _ => None,
        };
        if let Some(extra) = fields.next() {
            return Err(error('m', extra));
        }
        let base = previous.unwrap_or(Entry {
            start: 0,
            length: 0,
            file: None,
            jump: Jump::Regular,
            modifier_depth: 0,
        });
        entries.push(Entry {
            start: start.unwrap_or(base.start),
            length: length.unwrap_or(base.length),
            file: file.unwrap_or(base.file),
            jump: jump.unwrap_or(base.jump),
            modifier_depth: modifier_depth.unwrap_or(base.modifier_depth),
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(start: i64, length: i64, file: Option<u32>, jump: Jump, m: u32) -> Entry {
        Entry {
            start,
            length,
            file,
            jump,
            modifier_depth: m,
        }
    }

    #[test]
    fn empty_fields_and_entries_repeat_the_previous_entry() {
        let parsed = parse("371:1720:18:-:0;;;611:269;;:::i;1:2:-1;::3:o:1;-1:-1:-1").unwrap();
        assert_eq!(
            parsed,
            vec![
                entry(371, 1720, Some(18), Jump::Regular, 0),
                entry(371, 1720, Some(18), Jump::Regular, 0),
                entry(371, 1720, Some(18), Jump::Regular, 0),
                entry(611, 269, Some(18), Jump::Regular, 0),
                entry(611, 269, Some(18), Jump::Regular, 0),
                entry(611, 269, Some(18), Jump::In, 0),
                entry(1, 2, None, Jump::In, 0),
                entry(1, 2, Some(3), Jump::Out, 1),
                entry(-1, -1, None, Jump::Out, 1),
            ]
        );
    }

    #[test]
    fn missing_trailing_fields_repeat_too() {
        let parsed = parse("5:6:7:i:2;8").unwrap();
        assert_eq!(parsed[1], entry(8, 6, Some(7), Jump::In, 2));
        assert_eq!(parse("").unwrap(), Vec::new());
    }

    #[test]
    fn bad_input_is_an_error_naming_entry_and_field() {
        let err = parse("1:2:3:-:0;x").unwrap_err();
        assert_eq!((err.entry, err.field), (1, 's'));
        assert_eq!(parse(";").unwrap_err().field, 's');
        assert_eq!(parse("1:2:3:q").unwrap_err().field, 'j');
        assert_eq!(parse("1:2:3:-:0:9").unwrap_err().field, 'm');
        assert_eq!(parse("1:2:-2").unwrap_err().field, 'f');
        assert_eq!(parse("-2:2:1").unwrap_err().field, 's');
    }
}
