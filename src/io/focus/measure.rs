//! The monthly figures of each design's rows in one or more bills.
//!
//! - A row is a design's when it matches the design's `billing` (all the parts given hold).
//!   A row matched by two designs is refused, naming both and the row's line: a charge
//!   counted twice would make both designs look dearer, and which one it belongs to is the
//!   user's call, made by narrowing a mapping.
//! - Rows of category `Purchase` (commitments bought: `EffectiveCost` already spreads them over
//!   the usage they cover) and `Tax` are left out and counted; `Usage`, `Credit` and
//!   `Adjustment` rows count, credits with their negative cost.
//! - A row belongs to the calendar month (UTC) of its `ChargePeriodStart`; one whose charge
//!   period spans months is split between them in proportion to the time in each (to
//!   [`SPLIT_PLACES`](super::figures::SPLIT_PLACES) decimal places), the last month taking
//!   what remains so the parts add up to the row exactly.
//! - Tokens are the `ConsumedQuantity` of rows whose `ConsumedUnit` is `Tokens`, by direction and
//!   cache action: `SkuPriceDetails`' `TokenDirection` and `TokenCacheAction` when given, else
//!   the `SkuMeter` ("Input Tokens", "Output Tokens", "Cache Read Input Tokens", "Cache Write
//!   Input Tokens"). A month's input tokens include its cache reads and writes.
//! - Every row must be in the scenario's currency: the planner has no exchange rates, so a bill
//!   in another is refused, naming both.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::figures::{Split, add_row};
use super::found::{Found, ModelFound, TagFound};
use super::parse::{self, Instant};
use super::{Category, FocusError, Limits, MonthFigures, Row};
use crate::model::{Billing, Month, Scenario};

/// The most months one row's charge period may span (ten years).
pub const MAX_SPAN_MONTHS: i32 = 120;

/// How often [`Measuring::add_file_watched`] reports, in lines.
pub const WATCH_EVERY: u64 = 16_384;

/// What bills hold for a scenario's designs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Measured {
    /// The currency of every row (the scenario's).
    pub currency: String,
    /// How many rows were read, matched, unmatched and left out.
    pub rows: RowCounts,
    /// The cost of the rows counted that no design claims.
    pub unmatched_cost: Decimal,
    /// The models and services the bills hold, with their cost (rows counted, matched or not),
    /// in order of model then service.
    pub models_found: Vec<ModelFound>,
    /// The tags the bills' counted rows carry, with their cost, in order of key then value.
    pub tags_found: Vec<TagFound>,
    /// Rows and tags past [`MAX_FOUND`](super::found::MAX_FOUND) distinct entries, counted in
    /// every figure but not listed in `models_found` or `tags_found`.
    pub found_not_listed: u64,
    /// One per design with a `billing` mapping, in the scenario's order.
    pub designs: Vec<DesignMonths>,
}

/// Row counts: `read` = `matched` + `unmatched` + `left_out.purchase` + `left_out.tax`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowCounts {
    /// Every row of every file (the headers and blank lines aside).
    pub read: u64,
    /// Rows counted and claimed by a design.
    pub matched: u64,
    /// Rows counted that no design claims.
    pub unmatched: u64,
    /// Rows left out, by category.
    pub left_out: LeftOut,
}

/// Rows left out of every figure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// `Purchase` rows.
    pub purchase: u64,
    /// `Tax` rows.
    pub tax: u64,
}

/// A design's measured months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignMonths {
    /// The design's index in the scenario.
    pub index: usize,
    /// The design's name.
    pub name: String,
    /// Its figures by month (months with none of its rows are absent).
    pub months: BTreeMap<Month, MonthFigures>,
}

/// Which tokens a row counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Input tokens neither read from nor written to a cache.
    Input,
    /// Input tokens read from a cache.
    CacheRead,
    /// Input tokens written to a cache.
    CacheWrite,
    /// Output tokens.
    Output,
    /// Tokens of a direction not told.
    Other,
}

/// The kind of a row's tokens, or `None` when its `ConsumedUnit` is not `Tokens`.
pub fn token_kind(row: &Row<'_>) -> Option<TokenKind> {
    if !row.consumed_unit.eq_ignore_ascii_case("tokens") {
        return None;
    }
    let is = |value: Option<&String>, word: &str| {
        value.is_some_and(|v| v.trim().eq_ignore_ascii_case(word))
    };
    let details = &row.details;
    if is(details.token_direction.as_ref(), "output") {
        return Some(TokenKind::Output);
    }
    if is(details.token_direction.as_ref(), "input") {
        let action = details.token_cache_action.as_ref();
        return Some(if is(action, "read") {
            TokenKind::CacheRead
        } else if is(action, "write") {
            TokenKind::CacheWrite
        } else {
            TokenKind::Input
        });
    }
    let meter = row.sku_meter.to_ascii_lowercase();
    Some(
        match meter
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str()
        {
            "input tokens" => TokenKind::Input,
            "output tokens" => TokenKind::Output,
            "cache read input tokens" => TokenKind::CacheRead,
            "cache write input tokens" => TokenKind::CacheWrite,
            _ => TokenKind::Other,
        },
    )
}

/// True when every part of `billing` holds for the row.
pub fn matches(billing: &Billing, row: &Row<'_>) -> bool {
    billing
        .model
        .as_ref()
        .is_none_or(|m| row.details.model_id.as_ref() == Some(m))
        && billing.service.as_ref().is_none_or(|s| row.service == s)
        && billing
            .sku_prefix
            .as_ref()
            .is_none_or(|p| row.sku_id.starts_with(p.as_str()))
        && billing
            .sub_account
            .as_ref()
            .is_none_or(|a| row.sub_account == a)
        && billing.tags.iter().all(|(k, v)| row.tags.get(k) == Some(v))
}

/// Reads the bills and measures them for the scenario's designs. Nothing is measured unless
/// every file reads: the first refusal is returned.
pub fn measure(
    scenario: &Scenario,
    bills: &[PathBuf],
    limits: Limits,
) -> Result<Measured, FocusError> {
    let mut measuring = Measuring::new(scenario);
    for path in bills {
        measuring.add_file(path, limits)?;
    }
    Ok(measuring.finish())
}

/// Bills being measured, file by file (so a caller can report progress between files).
#[derive(Debug)]
pub struct Measuring<'s> {
    scenario: &'s Scenario,
    measured: Measured,
    found: Found,
}

impl<'s> Measuring<'s> {
    /// Nothing measured yet, for the scenario's designs with a `billing` mapping.
    pub fn new(scenario: &'s Scenario) -> Self {
        let designs = scenario
            .designs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.billing.is_some())
            .map(|(index, d)| DesignMonths {
                index,
                name: d.name.clone(),
                months: BTreeMap::new(),
            })
            .collect();
        Measuring {
            scenario,
            measured: Measured {
                currency: scenario.currency.clone(),
                designs,
                ..Measured::default()
            },
            found: Found::default(),
        }
    }

    /// Reads one file's rows into the figures.
    pub fn add_file(&mut self, path: &Path, limits: Limits) -> Result<(), FocusError> {
        super::rows(path, limits, &mut |row, line| self.add(path, line, row))
    }

    /// Reads one file's rows, telling `watch` the line reached every [`WATCH_EVERY`] lines; when
    /// it answers false, reading stops with [`FocusError::Cancelled`].
    pub fn add_file_watched(
        &mut self,
        path: &Path,
        limits: Limits,
        watch: &mut dyn FnMut(u64) -> bool,
    ) -> Result<(), FocusError> {
        super::rows(path, limits, &mut |row, line| {
            if line % WATCH_EVERY == 0 && !watch(line) {
                return Err(FocusError::Cancelled {
                    path: path.to_owned(),
                });
            }
            self.add(path, line, row)
        })
    }

    /// The figures.
    pub fn finish(mut self) -> Measured {
        self.measured.found_not_listed = self.found.not_listed;
        (self.measured.models_found, self.measured.tags_found) = self.found.finish();
        self.measured
    }

    /// One row.
    fn add(&mut self, path: &Path, line: u64, row: &Row<'_>) -> Result<(), FocusError> {
        let counts = &mut self.measured.rows;
        counts.read += 1;
        if !row.currency.eq_ignore_ascii_case(&self.scenario.currency) {
            return Err(FocusError::Currency {
                path: path.to_owned(),
                line,
                bill: row.currency.chars().take(20).collect(),
                scenario: self.scenario.currency.clone(),
            });
        }
        match row.category {
            Category::Purchase => {
                counts.left_out.purchase += 1;
                return Ok(());
            }
            Category::Tax => {
                counts.left_out.tax += 1;
                return Ok(());
            }
            Category::Usage | Category::Credit | Category::Adjustment => {}
        }
        self.found.add(row, parse::month_of(row.start));
        let mut claimed: Option<usize> = None;
        for (slot, design) in self.measured.designs.iter().enumerate() {
            let billing = self.scenario.designs[design.index].billing.as_ref();
            if billing.is_some_and(|b| matches(b, row)) {
                if let Some(first) = claimed {
                    return Err(FocusError::TwoDesigns {
                        path: path.to_owned(),
                        line,
                        first: self.measured.designs[first].name.clone(),
                        second: design.name.clone(),
                    });
                }
                claimed = Some(slot);
            }
        }
        let Some(slot) = claimed else {
            self.measured.rows.unmatched += 1;
            self.measured.unmatched_cost += row.effective_cost;
            return Ok(());
        };
        self.measured.rows.matched += 1;
        let parts = split(row.start, row.end).map_err(|(column, message)| FocusError::Cell {
            path: path.to_owned(),
            line,
            column: column.to_owned(),
            message,
        })?;
        let months = &mut self.measured.designs[slot].months;
        add_row(months, row, &parts);
        Ok(())
    }
}

/// The months a charge period falls in, each with its part of the period (see [`Split`]); a
/// period that is empty or reversed is all in its start's month.
fn split(start: Instant, end: Instant) -> Result<Split, (&'static str, String)> {
    let first = parse::month_of(start).ok_or((
        "ChargePeriodStart",
        "is outside the years 1900–9999".to_owned(),
    ))?;
    if end <= start {
        return Ok((vec![(first, 1)], 1));
    }
    let last = parse::month_of(end - 1).ok_or((
        "ChargePeriodEnd",
        "is outside the years 1900–9999".to_owned(),
    ))?;
    let span = first.months_until(last);
    if span >= MAX_SPAN_MONTHS {
        return Err((
            "ChargePeriodEnd",
            format!(
                "makes a charge period of {} months; the limit is {MAX_SPAN_MONTHS}",
                span + 1
            ),
        ));
    }
    let mut parts = Vec::new();
    for offset in 0..=span {
        let Some(month) = first.plus(offset) else {
            break;
        };
        let from = parse::month_start(month).max(start);
        let to = month.plus(1).map_or(end, parse::month_start).min(end);
        parts.push((month, to - from));
    }
    let whole = parts.iter().fold(end - start, |g, (_, part)| gcd(g, *part));
    let parts = parts
        .into_iter()
        .map(|(m, part)| (m, part / whole))
        .collect();
    Ok((parts, (end - start) / whole))
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs().max(1)
    } else {
        gcd(b, a % b)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::io::focus::PriceDetails;
    use crate::io::focus::figures::part_of;

    fn row<'a>(
        unit: &'a str,
        meter: &'a str,
        direction: Option<&str>,
        action: Option<&str>,
    ) -> Row<'a> {
        Row {
            start: 0,
            end: 0,
            category: Category::Usage,
            currency: "USD",
            effective_cost: Decimal::ONE,
            list_cost: None,
            list_unit_price: None,
            consumed_quantity: None,
            consumed_unit: unit,
            pricing_unit: "",
            service: "Acme AI",
            sku_id: "acme-chat-1-input",
            sku_meter: meter,
            details: PriceDetails {
                model_id: Some("acme-chat-1".to_owned()),
                model_family: None,
                token_direction: direction.map(str::to_owned),
                token_cache_action: action.map(str::to_owned),
            },
            sub_account: "acct-ai",
            resource_id: "",
            tags: BTreeMap::from([("feature".to_owned(), "support".to_owned())]),
        }
    }

    #[test]
    fn focus_token_kinds_from_the_details_then_the_meter() {
        let kind =
            |unit, meter, direction, action| token_kind(&row(unit, meter, direction, action));
        assert_eq!(kind("Hours", "Input Tokens", None, None), None);
        assert_eq!(
            kind("Tokens", "Output Tokens", Some("Input"), Some("Read")),
            Some(TokenKind::CacheRead)
        );
        assert_eq!(
            kind("tokens", "", Some("input"), Some("WRITE")),
            Some(TokenKind::CacheWrite)
        );
        assert_eq!(
            kind("Tokens", "", Some("Input"), Some("Uncached")),
            Some(TokenKind::Input)
        );
        assert_eq!(
            kind("Tokens", "", Some("Output"), None),
            Some(TokenKind::Output)
        );
        assert_eq!(
            kind("Tokens", "Cache Read Input Tokens", None, None),
            Some(TokenKind::CacheRead)
        );
        assert_eq!(
            kind("Tokens", "cache  write input tokens", None, None),
            Some(TokenKind::CacheWrite)
        );
        assert_eq!(
            kind("Tokens", "Output Tokens", None, None),
            Some(TokenKind::Output)
        );
        assert_eq!(
            kind("Tokens", "Input Tokens", None, None),
            Some(TokenKind::Input)
        );
        assert_eq!(
            kind("Tokens", "Image Tokens", None, None),
            Some(TokenKind::Other)
        );
    }

    #[test]
    fn focus_every_given_part_must_hold() {
        let r = row("Tokens", "", None, None);
        let tag = |k: &str, v: &str| BTreeMap::from([(k.to_owned(), v.to_owned())]);
        assert!(matches(&Billing::default(), &r));
        let all = Billing {
            model: Some("acme-chat-1".to_owned()),
            service: Some("Acme AI".to_owned()),
            sku_prefix: Some("acme-chat".to_owned()),
            sub_account: Some("acct-ai".to_owned()),
            tags: tag("feature", "support"),
        };
        assert!(matches(&all, &r));
        let wrong = [
            Billing {
                model: Some("acme-chat".to_owned()),
                ..all.clone()
            },
            Billing {
                service: Some("acme ai".to_owned()),
                ..all.clone()
            },
            Billing {
                sku_prefix: Some("chat".to_owned()),
                ..all.clone()
            },
            Billing {
                sub_account: Some("acct".to_owned()),
                ..all.clone()
            },
            Billing {
                tags: tag("feature", "search"),
                ..all.clone()
            },
            Billing {
                tags: tag("team", "support"),
                ..all.clone()
            },
        ];
        for billing in wrong {
            assert!(!matches(&billing, &r), "{billing:?}");
        }
    }

    #[test]
    fn focus_a_period_over_months_splits_by_time() {
        let at = |s: &str| parse::timestamp(s).unwrap();
        let (parts, whole) = split(at("2026-10-31T18:00:00Z"), at("2026-11-01T12:00:00Z")).unwrap();
        assert_eq!(parts.iter().map(|(_, p)| p).sum::<i128>(), whole);
        assert_eq!(
            part_of(Decimal::from(6), parts[0].1, whole),
            Decimal::from(2)
        );
        let (parts, _) = split(at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z")).unwrap();
        assert_eq!(parts.len(), 1, "the end is exclusive");
        let (parts, _) = split(at("2026-11-05T00:00:00Z"), at("2026-11-01T00:00:00Z")).unwrap();
        assert_eq!(parts.len(), 1, "a reversed period is its start's month");
        assert!(split(at("2026-01-01"), at("2036-01-02")).is_err());
    }
}
