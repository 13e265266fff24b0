//! One design's figures for a month, and how a row adds its amounts to them.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::measure::{TokenKind, token_kind};
use super::{Row, parse};
use crate::model::Month;

/// The months a charge period falls in, each with its part of the period, and the whole
/// period (reduced to lowest terms).
pub(super) type Split = (Vec<(Month, i128)>, i128);

/// One design's figures for one month. Token counts are exact decimals: a row split between
/// months gives each a share.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MonthFigures {
    /// Σ `EffectiveCost`.
    pub cost: Decimal,
    /// Σ `ListCost`.
    pub list_cost: Decimal,
    /// Input tokens, cache reads and writes included.
    pub input_tokens: Decimal,
    /// Input tokens read from the cache.
    pub cache_read_tokens: Decimal,
    /// Input tokens written to the cache.
    pub cache_write_tokens: Decimal,
    /// Output tokens.
    pub output_tokens: Decimal,
    /// Tokens whose direction neither `SkuPriceDetails` nor `SkuMeter` tells.
    pub other_tokens: Decimal,
    /// Σ `EffectiveCost` of the token rows.
    pub token_cost: Decimal,
    /// Σ `ListCost` of the token rows.
    pub token_list_cost: Decimal,
    /// The list prices of the token rows, by kind: input, cache read, cache write, output.
    pub list_prices: [ListPrice; 4],
    /// Rows (or parts of a row split between months) counted in the month.
    pub rows: u64,
}

impl MonthFigures {
    /// The list price of a kind of tokens: input, cache read, cache write or output.
    pub fn list_price(&self, kind: TokenKind) -> &ListPrice {
        &self.list_prices[price_slot(kind).unwrap_or(0)]
    }

    /// The two months' figures together.
    #[must_use]
    pub fn plus(mut self, other: &MonthFigures) -> MonthFigures {
        self.cost += other.cost;
        self.list_cost += other.list_cost;
        self.input_tokens += other.input_tokens;
        self.cache_read_tokens += other.cache_read_tokens;
        self.cache_write_tokens += other.cache_write_tokens;
        self.output_tokens += other.output_tokens;
        self.other_tokens += other.other_tokens;
        self.token_cost += other.token_cost;
        self.token_list_cost += other.token_list_cost;
        for (mine, theirs) in self.list_prices.iter_mut().zip(&other.list_prices) {
            mine.add(theirs.weighted, theirs.tokens);
        }
        self.rows += other.rows;
        self
    }
}

/// A list price per 1M tokens, averaged over the tokens it was charged on: Σ (price × tokens)
/// and Σ tokens of the rows whose `ListUnitPrice` and `PricingUnit` are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListPrice {
    /// Σ list price per 1M tokens × tokens.
    pub weighted: Decimal,
    /// Σ tokens priced.
    pub tokens: Decimal,
}

impl ListPrice {
    /// The average list price per 1M tokens, when some tokens were priced.
    pub fn per_mtok(&self) -> Option<Decimal> {
        (!self.tokens.is_zero())
            .then(|| self.weighted.checked_div(self.tokens))
            .flatten()
    }

    /// Adds priced tokens; a sum beyond the exact range is left as it was.
    fn add(&mut self, weighted: Decimal, tokens: Decimal) {
        if let (Some(w), Some(t)) = (
            self.weighted.checked_add(weighted),
            self.tokens.checked_add(tokens),
        ) {
            self.weighted = w;
            self.tokens = t;
        }
    }
}

/// Where a kind of tokens keeps its list price (`None`: tokens of no direction).
fn price_slot(kind: TokenKind) -> Option<usize> {
    match kind {
        TokenKind::Input => Some(0),
        TokenKind::CacheRead => Some(1),
        TokenKind::CacheWrite => Some(2),
        TokenKind::Output => Some(3),
        TokenKind::Other => None,
    }
}

/// A row's list price per 1M tokens: `ListUnitPrice` ÷ the tokens in its `PricingUnit` × 1M.
fn row_price_per_mtok(row: &Row<'_>) -> Option<Decimal> {
    let per_unit = parse::tokens_per_unit(row.pricing_unit)?;
    row.list_unit_price?
        .checked_mul(Decimal::from(1_000_000))?
        .checked_div(per_unit)
}

/// The decimal places a share of a row split between months is rounded to (half to even): far
/// below any currency's smallest unit, and few enough that adding the shares up is exact.
pub const SPLIT_PLACES: u32 = 12;

/// `amount × part ÷ whole` to [`SPLIT_PLACES`] places (the product first, so a sixth of 6 is 1).
pub(super) fn part_of(amount: Decimal, part: i128, whole: i128) -> Decimal {
    let part = Decimal::from_i128_with_scale(part, 0);
    let whole = Decimal::from_i128_with_scale(whole, 0);
    amount
        .checked_mul(part)
        .and_then(|product| product.checked_div(whole))
        .unwrap_or_else(|| amount * (part / whole))
        .round_dp(SPLIT_PLACES)
}

/// Adds a row's amounts to its months, each month its share; the last month gets what remains, so
/// that every amount's parts add up to it exactly.
pub(super) fn add_row(
    months: &mut BTreeMap<Month, MonthFigures>,
    row: &Row<'_>,
    (parts, whole): &Split,
) {
    let kind = token_kind(row);
    let price = kind
        .and_then(price_slot)
        .and_then(|slot| Some((slot, row_price_per_mtok(row)?)));
    let quantity = row.consumed_quantity.unwrap_or_default();
    let list = row.list_cost.unwrap_or_default();
    let mut left = [row.effective_cost, list, quantity];
    for (i, (month, part)) in parts.iter().enumerate() {
        let amounts = if i + 1 == parts.len() {
            left
        } else {
            let share = [row.effective_cost, list, quantity].map(|a| part_of(a, *part, *whole));
            for (l, p) in left.iter_mut().zip(share) {
                *l -= p;
            }
            share
        };
        let [cost, list_cost, tokens] = amounts;
        let f = months.entry(*month).or_default();
        f.rows += 1;
        f.cost += cost;
        f.list_cost += list_cost;
        let Some(kind) = kind else { continue };
        f.token_cost += cost;
        f.token_list_cost += list_cost;
        if let Some((slot, price)) = price
            && let Some(weighted) = price.checked_mul(tokens)
        {
            f.list_prices[slot].add(weighted, tokens);
        }
        match kind {
            TokenKind::Input => f.input_tokens += tokens,
            TokenKind::CacheRead => {
                f.input_tokens += tokens;
                f.cache_read_tokens += tokens;
            }
            TokenKind::CacheWrite => {
                f.input_tokens += tokens;
                f.cache_write_tokens += tokens;
            }
            TokenKind::Output => f.output_tokens += tokens,
            TokenKind::Other => f.other_tokens += tokens,
        }
    }
}
