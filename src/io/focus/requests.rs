//! The team's own request counts, which a bill does not hold: a CSV with the columns `month`
//! (`YYYY-MM`) and `requests`, and optionally `value` (the month's value, in currency) and
//! `design` (the design the count is for; without it, a count is for every design).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::model::Month;

/// The largest requests file read: 8 MiB.
pub const MAX_REQUESTS_BYTES: u64 = 8 * 1024 * 1024;

/// One month's count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// Requests served in the month.
    pub requests: u64,
    /// The value they made, if given.
    pub value: Option<Decimal>,
}

/// Counts by design (`None`: for every design) and month.
pub type Requests = BTreeMap<(Option<String>, Month), Count>;

/// Why a requests file was refused: the file, and the line and column where there is one.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", path.display(), line.map(|l| format!(", line {l}")).unwrap_or_default())]
pub struct RequestsError {
    /// The file.
    pub path: PathBuf,
    /// The line (the header is line 1).
    pub line: Option<u64>,
    /// What is wrong.
    pub message: String,
}

/// Reads a requests file. A month written twice for the same design is refused.
pub fn read_requests(path: &Path) -> Result<Requests, RequestsError> {
    let fail = |line: Option<u64>, message: String| RequestsError {
        path: path.to_owned(),
        line,
        message,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| fail(None, format!("cannot read it: {e}")))?
        .len();
    if size > MAX_REQUESTS_BYTES {
        return Err(fail(
            None,
            format!("is {size} bytes; a requests file is limited to 8 MiB"),
        ));
    }
    let text = std::fs::read(path).map_err(|e| fail(None, format!("cannot read it: {e}")))?;
    let text =
        String::from_utf8(text).map_err(|e| fail(None, format!("is not UTF-8 text: {e}")))?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| fail(Some(1), e.to_string()))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(month_at), Some(requests_at)) = (column("month"), column("requests")) else {
        return Err(fail(
            Some(1),
            "needs the columns month and requests (and may have value and design)".to_owned(),
        ));
    };
    let (value_at, design_at) = (column("value"), column("design"));
    let mut out = Requests::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| fail(e.position().map(csv::Position::line), e.to_string()))?;
        let line = record.position().map(csv::Position::line);
        let cell = |at: usize| record.get(at).unwrap_or_default();
        let bad = |name: &str, message: String| fail(line, format!("column {name}: {message}"));
        let month: Month = cell(month_at).parse().map_err(|_| {
            bad(
                "month",
                format!("{:?} is not a month written YYYY-MM", cell(month_at)),
            )
        })?;
        let requests: u64 = cell(requests_at).parse().map_err(|_| {
            bad(
                "requests",
                format!("{:?} is not a whole number of requests", cell(requests_at)),
            )
        })?;
        let value = match value_at.map(cell).filter(|v| !v.is_empty()) {
            Some(v) => Some(super::parse::decimal(v).map_err(|m| bad("value", m))?),
            None => None,
        };
        let design = design_at
            .map(cell)
            .filter(|d| !d.is_empty())
            .map(str::to_owned);
        let key = (design, month);
        if out.contains_key(&key) {
            let whose = key
                .0
                .as_ref()
                .map(|d| format!(" for {d:?}"))
                .unwrap_or_default();
            return Err(fail(
                line,
                format!("{month} is written twice{whose}: keep one"),
            ));
        }
        out.insert(key, Count { requests, value });
    }
    Ok(out)
}
