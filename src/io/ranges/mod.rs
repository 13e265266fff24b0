//! `Range(low, high)` in scenario files.
//!
//! Before the file is parsed, a light walk over its tokens finds every `Range(…)`, notes the path
//! of the field it stands for (`designs[1].serving.price_per_hour`, as validation spells paths)
//! and puts the point estimate in its place, so the typed parser and every exact figure see a
//! plain number. Saving walks the written text the same way and puts each range back where the
//! field still holds its point estimate; a field changed since (typed in the planner) is written
//! as the point it now is. A file without ranges is never touched.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::exact::parse_decimal_literal;
use crate::model::uncertain::Range;

mod tokens;

use tokens::{Kind, Token, tokenize};

/// Nesting deeper than this is left to the parser (which refuses it).
const MAX_DEPTH: usize = 64;

/// What a walk finds: every number or string at a path, and every `Range(…)`.
#[derive(Debug, Default)]
struct Found {
    /// (path, byte span) of each plain number or string.
    leaves: Vec<(String, usize, usize)>,
    /// (path, byte span of the whole `Range(…)`, low text, high text).
    ranges: Vec<(String, usize, usize, String, String)>,
    /// (path, name) of each variant written with its fields (`HostedApi(…)`; not `Some`).
    variants: Vec<(String, String)>,
    /// (path, byte offset) of a `Range(…)` written inside a `Range(…)`; the walk stops there.
    nested: Option<(String, usize)>,
}

struct Walker<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    found: Found,
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

impl Walker<'_> {
    fn peek(&self, ahead: usize) -> Option<Token> {
        self.tokens.get(self.pos + ahead).copied()
    }

    fn is(&self, ahead: usize, c: u8) -> bool {
        self.peek(ahead).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.peek(0)?;
        self.pos += 1;
        Some(token)
    }

    fn expect(&mut self, c: u8) -> Option<Token> {
        let token = self.next()?;
        (token.kind == Kind::Punct(c)).then_some(token)
    }

    fn text_of(&self, token: Token) -> &str {
        &self.text[token.start..token.end]
    }

    /// `#![enable(…)]` attributes at the top of a file.
    fn attributes(&mut self) -> Option<()> {
        while self.is(0, b'#') {
            let mut depth = 0usize;
            loop {
                let token = self.next()?;
                match token.kind {
                    Kind::Punct(b'[') => depth += 1,
                    Kind::Punct(b']') => {
                        // A `]` before any `[`: not an attribute the walk can follow.
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
        Some(())
    }

    fn value(&mut self, path: &str, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        let token = self.next()?;
        match token.kind {
            Kind::Number | Kind::Str => {
                self.found
                    .leaves
                    .push((path.to_owned(), token.start, token.end));
                Some(())
            }
            Kind::Ident if self.is(0, b'(') => {
                if self.text_of(token) == "Range" {
                    self.range(path, token)
                } else {
                    let name = self.text_of(token);
                    if name != "Some" {
                        self.found.variants.push((path.to_owned(), name.to_owned()));
                    }
                    self.next()?;
                    self.inside_parens(path, depth)
                }
            }
            Kind::Ident => {
                // A bare variant (`NotServed`, `Gpu`, `None`) is where its field is written.
                self.found
                    .leaves
                    .push((path.to_owned(), token.start, token.end));
                Some(())
            }
            Kind::Punct(b'(') => self.inside_parens(path, depth),
            Kind::Punct(b'[') => {
                let mut i = 0;
                while !self.is(0, b']') {
                    self.value(&format!("{path}[{i}]"), depth + 1)?;
                    i += 1;
                    if self.is(0, b',') {
                        self.next()?;
                    }
                }
                self.expect(b']').map(|_| ())
            }
            Kind::Punct(b'{') => {
                while !self.is(0, b'}') {
                    let key = self.next()?;
                    let key_text = match key.kind {
                        Kind::Str => self.text_of(key).to_owned(),
                        _ => format!("{:?}", self.text_of(key)),
                    };
                    self.expect(b':')?;
                    self.value(&format!("{path}[{key_text}]"), depth + 1)?;
                    if self.is(0, b',') {
                        self.next()?;
                    }
                }
                self.expect(b'}').map(|_| ())
            }
            Kind::Punct(_) => None,
        }
    }

    /// After `Name(` or `(`: named fields (`field: value, …`) or positional values. A single
    /// positional value (`Some(3)`, `RequestsPerSecond(10)`) stands for the field itself.
    fn inside_parens(&mut self, path: &str, depth: usize) -> Option<()> {
        let named = self.peek(0).is_some_and(|t| t.kind == Kind::Ident) && self.is(1, b':');
        let mut i = 0;
        while !self.is(0, b')') {
            if named {
                let field = self.next()?;
                let name = self.text_of(field).to_owned();
                self.expect(b':')?;
                self.value(&join(path, &name), depth + 1)?;
            } else {
                let element = if i == 0 {
                    path.to_owned()
                } else {
                    format!("{path}.{i}")
                };
                self.value(&element, depth + 1)?;
            }
            i += 1;
            if self.is(0, b',') {
                self.next()?;
            }
        }
        self.expect(b')').map(|_| ())
    }

    /// Stops the walk at a `Range(…)` inside a range's ends, noting where: ranges do not nest,
    /// and the parser alone would only say the values are nested too deeply.
    fn refuse_nested(&mut self, path: &str, end: Token) -> Option<()> {
        if end.kind == Kind::Ident && self.text_of(end) == "Range" && self.is(0, b'(') {
            self.found.nested = Some((path.to_owned(), end.start));
            return None;
        }
        Some(())
    }

    /// `Range(low, high)` (after its name).
    fn range(&mut self, path: &str, name: Token) -> Option<()> {
        self.expect(b'(')?;
        let low = self.next()?;
        self.refuse_nested(path, low)?;
        self.expect(b',')?;
        let high = self.next()?;
        self.refuse_nested(path, high)?;
        if self.is(0, b',') {
            self.next()?;
        }
        let close = self.expect(b')')?;
        // Any single token is taken as written; what is not a number is reported as such.
        let single = |t: Token| !matches!(t.kind, Kind::Punct(_));
        if !(single(low) && single(high)) {
            return None;
        }
        let (low, high) = (self.text_of(low).to_owned(), self.text_of(high).to_owned());
        self.found
            .ranges
            .push((path.to_owned(), name.start, close.end, low, high));
        Some(())
    }
}

/// Walks a whole file; `None` when it is not RON this walk follows (the parser then says why).
fn walk(text: &str) -> Option<Found> {
    walk_noting_nested(text).0
}

/// Walks a whole file, as [`walk`], and says where a range nested in a range stopped it.
fn walk_noting_nested(text: &str) -> (Option<Found>, Option<(String, usize)>) {
    let Some(tokens) = tokenize(text) else {
        return (None, None);
    };
    let mut walker = Walker {
        text,
        tokens,
        pos: 0,
        found: Found::default(),
    };
    let finished = walker.attributes().and_then(|()| walker.value("", 0));
    let nested = walker.found.nested.take();
    (finished.map(|()| walker.found), nested)
}

/// A `Range(…)` that cannot be used, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeProblem {
    /// The field's path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// The 1-based line and column (in characters) of byte offset `at`. A line ends at LF, CRLF or
/// a lone CR, as editors show them: a file saved with classic Mac line ends is not one line.
pub(crate) fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut line_start = 0;
    for (i, &byte) in bytes[..at].iter().enumerate() {
        let lone_cr = byte == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        if byte == b'\n' || lone_cr {
            line += 1;
            line_start = i + 1;
        }
    }
    (line, text[line_start..at].chars().count() + 1)
}

/// Where [`extract`] replaced a `Range(…)`: its byte span in the file and the length of the
/// point estimate written in its place, to map a position in the parsed text back to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Replaced {
    /// Byte offset of `Range` in the file.
    pub start: usize,
    /// Byte offset just after its `)` in the file.
    pub end: usize,
    /// Length in bytes of the point estimate in the parsed text.
    pub written_len: usize,
}

/// The byte offset in the file of byte offset `at` in the text [`extract`] made from it (a
/// position inside a point estimate maps to the start of its `Range`).
pub(crate) fn offset_in_file(at: usize, replaced: &[Replaced]) -> usize {
    // The same place in both texts: the end of the last replacement passed.
    let (mut in_file, mut in_parsed) = (0, 0);
    for r in replaced {
        let start_in_parsed = in_parsed + (r.start - in_file);
        if at < start_in_parsed {
            break;
        }
        if at < start_in_parsed + r.written_len {
            return r.start;
        }
        in_file = r.end;
        in_parsed = start_in_parsed + r.written_len;
    }
    in_file + (at - in_parsed)
}

/// The text with every `Range(low, high)` replaced by its point estimate, and the ranges by path.
pub fn extract(text: &str) -> Result<(String, BTreeMap<String, Range>), RangeProblem> {
    extract_mapped(text).map(|(out, ranges, _)| (out, ranges))
}

/// What [`extract`] gives, and where each range was replaced.
pub(crate) type Extracted = (String, BTreeMap<String, Range>, Vec<Replaced>);

/// [`extract`], with where each range was replaced (for positions of later errors).
pub(crate) fn extract_mapped(text: &str) -> Result<Extracted, RangeProblem> {
    if !text.contains("Range") {
        return Ok((text.to_owned(), BTreeMap::new(), Vec::new()));
    }
    let (found, nested) = walk_noting_nested(text);
    if let Some((path, at)) = nested {
        let (line, column) = line_column(text, at);
        return Err(RangeProblem {
            path,
            line,
            column,
            message: "ranges do not nest: write Range(low, high) with two numbers".to_owned(),
        });
    }
    let Some(found) = found else {
        return Ok((text.to_owned(), BTreeMap::new(), Vec::new()));
    };
    let mut replaced = Vec::with_capacity(found.ranges.len());
    let mut out = String::with_capacity(text.len());
    let mut ranges = BTreeMap::new();
    let mut copied = 0;
    for (path, start, end, low, high) in found.ranges {
        let problem = |message: String| {
            let (line, column) = line_column(text, start);
            RangeProblem {
                path: path.clone(),
                line,
                column,
                message,
            }
        };
        let low = parse_decimal_literal(&low).map_err(|e| problem(format!("low end: {e}")))?;
        let high = parse_decimal_literal(&high).map_err(|e| problem(format!("high end: {e}")))?;
        let range = Range { low, high };
        let field = path.rsplit('.').next().unwrap_or(&path);
        let whole_setting = matches!(
            field,
            "format" | "min_instances" | "max_instances" | "months" | "devices" | "instances"
        ) || path == "volume.min"
            || path == "volume.max";
        if whole_setting {
            return Err(problem(
                "this setting is a whole number and cannot be a range".to_owned(),
            ));
        }
        let point = range
            .point(&path)
            .map_err(|e| problem(e.to_string()))?
            .to_string();
        out.push_str(&text[copied..start]);
        out.push_str(&point);
        replaced.push(Replaced {
            start,
            end,
            written_len: point.len(),
        });
        copied = end;
        ranges.insert(path, range);
    }
    out.push_str(&text[copied..]);
    Ok((out, ranges, replaced))
}

/// The 1-based line where the field at `path` is written in scenario text: the field itself,
/// else the first value written inside it, else the nearest enclosing field that is written.
/// `None` when the text is not RON this walk follows.
pub fn line_of(text: &str, path: &str) -> Option<usize> {
    let found = walk(text)?;
    let mut path = path;
    while !path.is_empty() {
        let inside = |leaf: &str| {
            leaf == path
                || leaf
                    .strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        };
        if let Some((_, start, _)) = found.leaves.iter().find(|(leaf, ..)| inside(leaf)) {
            return Some(line_column(text, *start).0);
        }
        // Up one step: drop the last `.field` or `[index]` (a quoted key may hold either).
        let cut = if path.ends_with(']') {
            path.rfind('[')
        } else {
            path.rfind(['.', '['])
        };
        path = &path[..cut?];
    }
    None
}

/// Everything written in scenario text, by field path, in file order: each number, string and
/// bare variant as written and each `Range(low, high)`; then, apart, the name of each variant
/// written with its fields (`HostedApi` at the serving's own path). `None` when the text is not
/// RON this walk follows.
pub fn written(text: &str) -> Option<Written> {
    let found = walk(text)?;
    let mut all: Vec<(usize, String, String)> = found
        .leaves
        .into_iter()
        .map(|(path, start, end)| (start, path, text[start..end].to_owned()))
        .chain(
            found
                .ranges
                .into_iter()
                .map(|(path, start, _, low, high)| (start, path, format!("Range({low}, {high})"))),
        )
        .collect();
    all.sort_by_key(|(start, ..)| *start);
    Some(Written {
        values: all
            .into_iter()
            .map(|(_, path, value)| (path, value))
            .collect(),
        variants: found.variants,
    })
}

/// What [`written`] finds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Written {
    /// (path, text as written) of each value.
    pub values: Vec<(String, String)>,
    /// (path, variant name) of each variant written with fields.
    pub variants: Vec<(String, String)>,
}

/// Puts each range back into saved text where its field still holds the range's point estimate.
pub fn reinsert(text: &str, ranges: &BTreeMap<String, Range>) -> String {
    if ranges.is_empty() {
        return text.to_owned();
    }
    let Some(found) = walk(text) else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (path, start, end) in found.leaves {
        let Some(range) = ranges.get(&path) else {
            continue;
        };
        let written = parse_decimal_literal(&text[start..end]).ok();
        if written.is_some() && written == range.point(&path).ok() {
            out.push_str(&text[copied..start]);
            let _ = write!(out, "Range({}, {})", range.low, range.high);
            copied = end;
        }
    }
    out.push_str(&text[copied..]);
    out
}
