//! Uncertain inputs: any number in a scenario file may be written `Range(low, high)`, read as a
//! 90 % interval. The scenario keeps a point estimate in the field (what the table and every
//! exact figure use) and the range beside it, by the field's path.
//!
//! - A positive quantity (a price, a token count, a value) is lognormal: its median, the point
//!   estimate, is the geometric mean √(low × high).
//! - A rate in 0–1 (a share, a success, utilisation or escalation rate) is logit-normal: the
//!   point estimate is the inverse logit of the midpoint of logit(low) and logit(high).
//! - `Range(x, x)` is exactly the point `x`.

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, MathematicalOps};

/// A 90 % interval for an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// The 5th percentile.
    pub low: Decimal,
    /// The 95th percentile.
    pub high: Decimal,
}

/// How an uncertain input is distributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spread {
    /// Lognormal: a positive quantity.
    Lognormal,
    /// Logit-normal: a rate strictly between 0 and 1.
    LogitNormal,
}

/// A number typed into a field, or a 90 % range typed as `low..high` or `Range(low, high)`, in
/// the field's units (`scale` of them make one stored unit: 100 for a percentage shown as a
/// share): the value to show (the range's median, in the field's units) and the range in stored
/// units. A message, never a panic, for anything else.
pub fn parse_typed(
    text: &str,
    field: &str,
    scale: Decimal,
) -> Result<(Decimal, Option<Range>), String> {
    use crate::model::exact::parse_decimal_text;
    let text = text.trim();
    let pair = text
        .strip_prefix("Range(")
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|inner| inner.split_once(','))
        .or_else(|| text.split_once(".."));
    let Some((low, high)) = pair else {
        return parse_decimal_text(text).map(|v| (v, None));
    };
    let stored = |typed: &str| -> Result<Decimal, String> {
        parse_decimal_text(typed.trim())?
            .checked_div(scale)
            .map(|d| d.normalize())
            .ok_or_else(|| format!("{} is too large for this field", typed.trim()))
    };
    let range = Range {
        low: stored(low)?,
        high: stored(high)?,
    };
    let median = range.point(field).map_err(|e| e.to_string())?;
    let shown = median
        .checked_mul(scale)
        .ok_or_else(|| format!("{text} is too large for this field"))?;
    Ok((shown.normalize(), Some(range)))
}

/// The last path segment of a field, e.g. `price_per_hour` of
/// `designs[1].serving.primary.price_per_hour`, or `success_by_use_case` of a per-use-case rate.
fn field_name(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.split('[').next().unwrap_or(last)
}

/// The distribution of the input at `path`.
pub fn spread_of(path: &str) -> Spread {
    match field_name(path) {
        "share"
        | "success_rate"
        | "success_by_use_case"
        | "target_utilization"
        | "escalation_rate"
        | "cached_input_share"
        | "cache_write_share"
        | "batch_share" => Spread::LogitNormal,
        _ => Spread::Lognormal,
    }
}

/// Why a range cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    /// Low above high.
    #[error("Range(low, high) needs low ≤ high, got Range({low}, {high})")]
    Order {
        /// The low end.
        low: Decimal,
        /// The high end.
        high: Decimal,
    },
    /// A lognormal range that does not start above 0.
    #[error(
        "a range of a positive quantity is lognormal and must start above 0, got Range({low}, {high})"
    )]
    NotPositive {
        /// The low end.
        low: Decimal,
        /// The high end.
        high: Decimal,
    },
    /// A rate range outside (0, 1).
    #[error(
        "a range of a rate is logit-normal and must lie strictly between 0 and 1, got Range({low}, {high})"
    )]
    NotARate {
        /// The low end.
        low: Decimal,
        /// The high end.
        high: Decimal,
    },
}

impl Range {
    /// Checks the range for the input at `path`.
    pub fn check(&self, path: &str) -> Result<(), RangeError> {
        let (low, high) = (self.low, self.high);
        if low > high {
            return Err(RangeError::Order { low, high });
        }
        if low == high {
            // A point: any value the field itself accepts.
            return Ok(());
        }
        match spread_of(path) {
            Spread::Lognormal if low <= Decimal::ZERO => Err(RangeError::NotPositive { low, high }),
            Spread::LogitNormal if low <= Decimal::ZERO || high >= Decimal::ONE => {
                Err(RangeError::NotARate { low, high })
            }
            _ => Ok(()),
        }
    }

    /// The point estimate (the distribution's median) of the input at `path`, to 6 significant
    /// digits and within the range; exactly `low` when `low = high`.
    pub fn point(&self, path: &str) -> Result<Decimal, RangeError> {
        self.check(path)?;
        if self.low == self.high {
            return Ok(self.low);
        }
        let median = match spread_of(path) {
            Spread::Lognormal => self
                .low
                .checked_mul(self.high)
                .and_then(|p| p.sqrt())
                .unwrap_or_else(|| {
                    // Beyond exact range: the float median, which is as good at that size.
                    let (l, h) = (
                        self.low.to_f64().unwrap_or(0.0),
                        self.high.to_f64().unwrap_or(0.0),
                    );
                    Decimal::from_f64((l * h).sqrt()).unwrap_or(self.low)
                }),
            Spread::LogitNormal => {
                let logit = |p: f64| (p / (1.0 - p)).ln();
                let (l, h) = (
                    self.low.to_f64().unwrap_or(0.5),
                    self.high.to_f64().unwrap_or(0.5),
                );
                let mid = f64::midpoint(logit(l), logit(h));
                Decimal::from_f64(1.0 / (1.0 + (-mid).exp())).unwrap_or(self.low)
            }
        };
        // Six significant digits, kept inside the range: a range narrower than that would
        // otherwise round its median out of itself.
        let median = median
            .round_sf(6)
            .unwrap_or(median)
            .clamp(self.low, self.high)
            .normalize();
        // Requests are whole: the median volume, rounded.
        Ok(if path == "volume.current" {
            median.round()
        } else {
            median
        })
    }
}
