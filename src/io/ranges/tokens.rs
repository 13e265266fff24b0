//! The tokens of RON text, as the walk over a scenario file for `Range(…)` needs them: names,
//! numbers, strings and punctuation with their byte spans, white space and comments skipped.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Ident,
    Number,
    Str,
    Punct(u8),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// Splits RON text into tokens, skipping white space and comments; `None` on anything it does
/// not understand (the parser then reports it).
pub(super) fn tokenize(text: &str) -> Option<Vec<Token>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let (kind, end) = match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' => (None, i + 1),
            b'/' if bytes.get(i + 1) == Some(&b'/') => (None, line_end(bytes, i)),
            b'/' if bytes.get(i + 1) == Some(&b'*') => (None, block_comment_end(bytes, i)?),
            b'"' => {
                let end = quoted_end(bytes, i, b'"');
                if end > bytes.len() {
                    return None;
                }
                (Some(Kind::Str), end)
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
                (Some(Kind::Str), raw_string_end(bytes, i)?)
            }
            b'\'' => (
                Some(Kind::Str),
                quoted_end(bytes, i, b'\'').min(bytes.len()),
            ),
            c @ (b'(' | b')' | b'[' | b']' | b'{' | b'}' | b':' | b',' | b'#' | b'!') => {
                (Some(Kind::Punct(c)), i + 1)
            }
            b'0'..=b'9' | b'-' | b'+' | b'.' => (Some(Kind::Number), number_end(bytes, i)),
            c if c.is_ascii_alphabetic() || c == b'_' => (Some(Kind::Ident), ident_end(bytes, i)),
            _ => return None,
        };
        if let Some(kind) = kind {
            tokens.push(Token { kind, start, end });
        }
        i = end;
    }
    Some(tokens)
}

/// Where a `//` comment starting at `i` ends: at the line feed (or the end).
fn line_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i] != b'\n' {
        i += 1;
    }
    i
}

/// Just past a (nested) `/* … */` comment starting at `i`; `None` when it is not closed.
fn block_comment_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        if i + 1 >= bytes.len() {
            return None;
        }
        if bytes[i] == b'/' && bytes[i + 1] == b'*' {
            depth += 1;
            i += 2;
        } else if bytes[i] == b'*' && bytes[i + 1] == b'/' {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return Some(i);
            }
        } else {
            i += 1;
        }
    }
}

/// Just past the `quote` closing a string or character opened at `i`, escapes skipped; past the
/// end of `bytes` when it is not closed.
fn quoted_end(bytes: &[u8], mut i: usize, quote: u8) -> usize {
    i += 1;
    while i < bytes.len() && bytes[i] != quote {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    i + 1
}

/// Just past a raw string `r"…"` or `r#"…"#` starting at `i`; `None` when it is not closed.
fn raw_string_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut hashes = 0;
    i += 1;
    while bytes.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    if bytes.get(i) != Some(&b'"') {
        return None;
    }
    i += 1;
    let close: Vec<u8> = std::iter::once(b'"')
        .chain(std::iter::repeat_n(b'#', hashes))
        .collect();
    let at = bytes[i..].windows(close.len()).position(|w| w == close)?;
    Some(i + at + close.len())
}

/// Just past a number starting at `i` (sign, digits, point, exponent, suffix).
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < bytes.len()
        && (bytes[i].is_ascii_alphanumeric()
            || matches!(bytes[i], b'.' | b'_')
            || (matches!(bytes[i], b'-' | b'+') && matches!(bytes[i - 1], b'e' | b'E')))
    {
        i += 1;
    }
    i
}

/// Just past a name starting at `i`.
fn ident_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
        i += 1;
    }
    i
}
