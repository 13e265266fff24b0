//! Cost-and-usage bills in the FOCUS format: reading them and measuring, for each design
//! with a `billing` mapping, what its rows cost and how many tokens they carry, month by month.
//!
//! A FOCUS export is CSV (often gzipped), one row per charge. Columns are found by their header
//! names in any order, extra columns are ignored, and of the columns read here only
//! [`REQUIRED`] must be present. Every amount is read exactly from its text into a decimal; a
//! cell that cannot be read is refused with the file, the line and the column named. Reading
//! streams the rows, within [`Limits`] on the decompressed size and on one row's length, so a
//! hostile file (a gzip bomb, a quote never closed) costs bounded time and memory.
//!
//! [`measure()`] gives the monthly figures: see [`measure::Measured`].

pub mod figures;
pub mod found;
pub mod measure;
pub mod parse;
mod read;
pub mod requests;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

pub use figures::{ListPrice, MonthFigures};
pub use found::{ModelFound, TagFound};
pub use measure::{DesignMonths, LeftOut, Measured, Measuring, RowCounts, TokenKind, measure};
pub use parse::{Instant, PriceDetails};
pub use read::rows;

/// The columns a file must have to be read as a FOCUS bill.
pub const REQUIRED: [&str; 5] = [
    "ChargePeriodStart",
    "ChargePeriodEnd",
    "ChargeCategory",
    "BillingCurrency",
    "EffectiveCost",
];

/// The optional columns read when present.
pub const OPTIONAL: [&str; 12] = [
    "ListCost",
    "ListUnitPrice",
    "ConsumedQuantity",
    "ConsumedUnit",
    "PricingUnit",
    "ServiceName",
    "SkuId",
    "SkuMeter",
    "SkuPriceDetails",
    "SubAccountId",
    "ResourceId",
    "Tags",
];

/// Bounds on what one file may cost to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes of CSV text read from one file, after decompression.
    pub max_bytes: u64,
    /// The longest row (and so the longest field), in bytes.
    pub max_row_bytes: u64,
}

impl Default for Limits {
    /// 4 GiB of CSV per file (about eight million rows), 1 MiB per row.
    fn default() -> Self {
        Limits {
            max_bytes: 4 * 1024 * 1024 * 1024,
            max_row_bytes: 1024 * 1024,
        }
    }
}

/// Why a bill could not be read or measured. Each names the file, and the line (the header is
/// line 1) and column where there is one.
#[derive(Debug, thiserror::Error)]
pub enum FocusError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is empty.
    #[error("{path} is empty: a FOCUS bill starts with a header row")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The header lacks columns this needs.
    #[error("{path} is not a FOCUS bill: it has no {} column{}", missing.join(", "),
        if missing.len() == 1 { "" } else { "s" })]
    NotFocus {
        /// The file.
        path: PathBuf,
        /// The required columns not found.
        missing: Vec<&'static str>,
    },
    /// The decompressed text is beyond [`Limits::max_bytes`].
    #[error(
        "{path} holds more than {limit} bytes of CSV text, the limit for one bill: split the export"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A row is beyond [`Limits::max_row_bytes`].
    #[error("{path}, line {line}: a row is longer than {limit} bytes (a quote never closed?)")]
    RowTooLong {
        /// The file.
        path: PathBuf,
        /// The line the row starts on.
        line: u64,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The gzip stream is damaged or cut short.
    #[error("{path}: the gzip stream cannot be read ({message}): is the file complete?")]
    Gzip {
        /// The file.
        path: PathBuf,
        /// What the decoder said.
        message: String,
    },
    /// The CSV itself is malformed.
    #[error("{path}, line {line}: {message}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// The line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A cell cannot be read.
    #[error("{path}, line {line}, column {column}: {message}")]
    Cell {
        /// The file.
        path: PathBuf,
        /// The line.
        line: u64,
        /// The column's header name.
        column: String,
        /// What is wrong, with the value.
        message: String,
    },
    /// A row is billed in another currency than the scenario's.
    #[error(
        "{path}, line {line}: the bill is in {bill} and the scenario in {scenario}; the planner does not \
         convert currencies: export the bill in {scenario}, or set the scenario's currency to {bill}"
    )]
    Currency {
        /// The file.
        path: PathBuf,
        /// The line.
        line: u64,
        /// The row's `BillingCurrency`.
        bill: String,
        /// The scenario's currency.
        scenario: String,
    },
    /// Reading was stopped by the user.
    #[error("{path}: reading was stopped")]
    Cancelled {
        /// The file.
        path: PathBuf,
    },
    /// A row is claimed by two designs.
    #[error(
        "{path}, line {line}: the row matches the billing of both {first:?} and {second:?}; a charge \
         belongs to one design: make their billing mappings exclusive"
    )]
    TwoDesigns {
        /// The file.
        path: PathBuf,
        /// The line.
        line: u64,
        /// The first design's name.
        first: String,
        /// The second design's name.
        second: String,
    },
}

/// What a row is, by `ChargeCategory`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// `Usage`.
    Usage,
    /// `Purchase` (left out: its cost is amortised into usage rows' `EffectiveCost`).
    Purchase,
    /// `Tax` (left out).
    Tax,
    /// `Credit` (counted: credits are real, usually negative).
    Credit,
    /// `Adjustment` (counted).
    Adjustment,
}

/// One row of a bill, with the columns read here; text borrowed from the CSV record. An absent
/// optional column reads as an empty text or `None`.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// `ChargePeriodStart`.
    pub start: Instant,
    /// `ChargePeriodEnd` (exclusive).
    pub end: Instant,
    /// `ChargeCategory`.
    pub category: Category,
    /// `BillingCurrency`.
    pub currency: &'a str,
    /// `EffectiveCost`.
    pub effective_cost: Decimal,
    /// `ListCost`.
    pub list_cost: Option<Decimal>,
    /// `ListUnitPrice`.
    pub list_unit_price: Option<Decimal>,
    /// `ConsumedQuantity`.
    pub consumed_quantity: Option<Decimal>,
    /// `ConsumedUnit`.
    pub consumed_unit: &'a str,
    /// `PricingUnit`.
    pub pricing_unit: &'a str,
    /// `ServiceName`.
    pub service: &'a str,
    /// `SkuId`.
    pub sku_id: &'a str,
    /// `SkuMeter`.
    pub sku_meter: &'a str,
    /// `SkuPriceDetails`, the keys read here.
    pub details: PriceDetails,
    /// `SubAccountId`.
    pub sub_account: &'a str,
    /// `ResourceId`.
    pub resource_id: &'a str,
    /// `Tags`.
    pub tags: BTreeMap<String, String>,
}

/// Where each column read is in a file's rows.
struct Columns {
    required: [usize; REQUIRED.len()],
    optional: [Option<usize>; OPTIONAL.len()],
    headers: Vec<String>,
}

impl Columns {
    /// The columns, from the header row; refused when a required one is missing.
    fn find(path: &Path, header: &csv::ByteRecord) -> Result<Columns, FocusError> {
        let headers: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let h = String::from_utf8_lossy(h);
                let h = if i == 0 {
                    h.trim_start_matches('\u{feff}')
                } else {
                    &h
                };
                h.trim().to_owned()
            })
            .collect();
        let position = |name: &str| headers.iter().position(|h| h == name);
        let missing: Vec<&'static str> = REQUIRED
            .iter()
            .copied()
            .filter(|name| position(name).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(FocusError::NotFocus {
                path: path.to_owned(),
                missing,
            });
        }
        Ok(Columns {
            required: REQUIRED.map(|name| position(name).unwrap_or(0)),
            optional: OPTIONAL.map(position),
            headers,
        })
    }

    /// One row's cells, read.
    fn row<'a>(
        &self,
        path: &Path,
        line: u64,
        record: &'a csv::ByteRecord,
    ) -> Result<Row<'a>, FocusError> {
        let cell_error = |index: usize, message: String| FocusError::Cell {
            path: path.to_owned(),
            line,
            column: self.headers.get(index).cloned().unwrap_or_default(),
            message,
        };
        let text = |index: Option<usize>| -> Result<&'a str, FocusError> {
            let Some(index) = index else { return Ok("") };
            let mut bytes = record.get(index).unwrap_or_default();
            if index + 1 == record.len() {
                bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            }
            std::str::from_utf8(bytes).map_err(|e| {
                cell_error(
                    index,
                    format!(
                        "is not UTF-8 text (byte {} is not valid)",
                        e.valid_up_to() + 1
                    ),
                )
            })
        };
        let parsed = |index: Option<usize>, f: &dyn Fn(&str) -> Result<Decimal, String>| {
            let t = text(index)?;
            if t.trim().is_empty() {
                return Ok(None);
            }
            f(t).map(Some)
                .map_err(|m| cell_error(index.unwrap_or(0), m))
        };
        let required = |k: usize| text(Some(self.required[k]));
        let optional = |k: usize| text(self.optional[k]);
        let time = |k: usize| {
            let index = self.required[k];
            parse::timestamp(text(Some(index))?).map_err(|m| cell_error(index, m))
        };
        let category = category(required(2)?).map_err(|m| cell_error(self.required[2], m))?;
        let effective_cost = parsed(Some(self.required[4]), &parse::decimal)?.ok_or_else(|| {
            cell_error(
                self.required[4],
                "is empty; every row has a cost".to_owned(),
            )
        })?;
        let details = parse::price_details(optional(8)?)
            .map_err(|m| cell_error(self.optional[8].unwrap_or(0), m))?;
        let tags = parse::tags(optional(11)?)
            .map_err(|m| cell_error(self.optional[11].unwrap_or(0), m))?;
        Ok(Row {
            start: time(0)?,
            end: time(1)?,
            category,
            currency: required(3)?.trim(),
            effective_cost,
            list_cost: parsed(self.optional[0], &parse::decimal)?,
            list_unit_price: parsed(self.optional[1], &parse::decimal)?,
            consumed_quantity: parsed(self.optional[2], &parse::decimal)?,
            consumed_unit: optional(3)?.trim(),
            pricing_unit: optional(4)?.trim(),
            service: optional(5)?,
            sku_id: optional(6)?,
            sku_meter: optional(7)?.trim(),
            details,
            sub_account: optional(9)?,
            resource_id: optional(10)?,
            tags,
        })
    }
}

fn category(text: &str) -> Result<Category, String> {
    Ok(match text.trim().to_ascii_lowercase().as_str() {
        "usage" => Category::Usage,
        "purchase" => Category::Purchase,
        "tax" => Category::Tax,
        "credit" => Category::Credit,
        "adjustment" => Category::Adjustment,
        _ => {
            return Err(format!(
                "{:?} is not a FOCUS charge category (Usage, Purchase, Tax, Credit or Adjustment)",
                text.chars().take(40).collect::<String>()
            ));
        }
    })
}
