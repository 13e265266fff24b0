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

// One match over the next byte reads better as a lexer than helpers spread apart.
#[allow(clippy::too_many_lines)]
/// Splits RON text into tokens, skipping white space and comments; `None` on anything it does
/// not understand (the parser then reports it).
pub(super) fn tokenize(text: &str) -> Option<Vec<Token>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
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
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                if i > bytes.len() {
                    return None;
                }
                tokens.push(Token {
                    kind: Kind::Str,
                    start,
                    end: i,
                });
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
                // Raw string: r"…", r#"…"#.
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
                let rest = &bytes[i..];
                let at = rest.windows(close.len()).position(|w| w == close)?;
                i += at + close.len();
                tokens.push(Token {
                    kind: Kind::Str,
                    start,
                    end: i,
                });
            }
            b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'\'' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                tokens.push(Token {
                    kind: Kind::Str,
                    start,
                    end: i.min(bytes.len()),
                });
            }
            b'(' | b')' | b'[' | b']' | b'{' | b'}' | b':' | b',' | b'#' | b'!' => {
                i += 1;
                tokens.push(Token {
                    kind: Kind::Punct(c),
                    start,
                    end: i,
                });
            }
            b'0'..=b'9' | b'-' | b'+' | b'.' => {
                i += 1;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || matches!(bytes[i], b'.' | b'_')
                        || (matches!(bytes[i], b'-' | b'+') && matches!(bytes[i - 1], b'e' | b'E')))
                {
                    i += 1;
                }
                tokens.push(Token {
                    kind: Kind::Number,
                    start,
                    end: i,
                });
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                tokens.push(Token {
                    kind: Kind::Ident,
                    start,
                    end: i,
                });
            }
            _ => return None,
        }
    }
    Some(tokens)
}
