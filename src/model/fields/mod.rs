//! One description of each numeric field of a scenario: its key in the file, its label and unit
//! as the editors show them, the phrase sentences use, its help text, and the limits the file
//! holds it to. Validation, the what-if inputs (goal seek's limits), the catalogue check and the
//! editors all read these, so that a field's facts are written once.
//!
//! [`ServingField`] names the numeric fields of a serving stage and reads or writes one in a
//! [`Serving`](crate::model::Serving); the design, use-case and scenario fields are constants below.

use rust_decimal::Decimal;

use crate::format::group_thousands;

mod serving;

pub use serving::ServingField;

/// One end of the values a field may hold, for limits written like `(0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The value itself is allowed.
    Incl(i64),
    /// Only values beyond it are allowed.
    Excl(i64),
}

/// The values a field may hold: between `low` and `high`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The lowest value.
    pub low: Bound,
    /// The highest value.
    pub high: Bound,
}

impl Limits {
    /// From `low` to `high`, both allowed: `[low, high]`.
    pub const fn between(low: i64, high: i64) -> Limits {
        Limits {
            low: Bound::Incl(low),
            high: Bound::Incl(high),
        }
    }

    /// Above `low`, up to `high`: `(low, high]`.
    pub const fn above(low: i64, high: i64) -> Limits {
        Limits {
            low: Bound::Excl(low),
            high: Bound::Incl(high),
        }
    }

    /// Whether `value` lies within the limits.
    pub fn contains(self, value: Decimal) -> bool {
        let above = match self.low {
            Bound::Incl(l) => value >= Decimal::from(l),
            Bound::Excl(l) => value > Decimal::from(l),
        };
        let below = match self.high {
            Bound::Incl(h) => value <= Decimal::from(h),
            Bound::Excl(h) => value < Decimal::from(h),
        };
        above && below
    }

    /// The limits as messages write them: `[0, 1,000,000]`, `(0, 1]`.
    pub fn text(self) -> String {
        let grouped = |n: i64| {
            let sign = if n < 0 { "-" } else { "" };
            format!("{sign}{}", group_thousands(n.unsigned_abs()))
        };
        let (open, low) = match self.low {
            Bound::Incl(l) => ('[', l),
            Bound::Excl(l) => ('(', l),
        };
        let (close, high) = match self.high {
            Bound::Incl(h) => (']', h),
            Bound::Excl(h) => (')', h),
        };
        format!("{open}{}, {}{close}", grouped(low), grouped(high))
    }

    /// The message for a value outside the limits: `must be in [0, 1], got 1.5`.
    pub fn refusal(self, value: Decimal) -> String {
        format!("must be in {}, got {value}", self.text())
    }
}

/// A numeric field of a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The field's key within its parent in the file: `input_price_per_mtok`.
    pub key: &'static str,
    /// What the editor calls it: `Input price`.
    pub label: &'static str,
    /// What a sentence calls it, in lower case: `price per 1M input tokens`.
    pub phrase: &'static str,
    /// The unit the editor shows after the value (`/1M tok`, `tokens`, `%`); a unit starting
    /// with `/` is an amount of the scenario's currency.
    pub unit: &'static str,
    /// The editor's tooltip.
    pub help: &'static str,
    /// The values the file allows.
    pub limits: Limits,
}

/// The highest price a file may hold (per 1M tokens, per request, per hour, per 1k tokens' Wh).
const PRICE_LIMIT: i64 = 1_000_000;
/// The most tokens per request a file may hold.
const TOKEN_LIMIT: i64 = 100_000_000;

const fn field(
    key: &'static str,
    label: &'static str,
    phrase: &'static str,
    unit: &'static str,
    help: &'static str,
    limits: Limits,
) -> Field {
    Field {
        key,
        label,
        phrase,
        unit,
        help,
        limits,
    }
}

/// A use case's share of the requests, 0 to 1.
pub const SHARE: Field = field(
    "share",
    "Share of requests",
    "share of requests",
    "%",
    "The percentage of all requests that are this use case. Shares add up to 100 %.",
    Limits::between(0, 1),
);
/// The value of one successful outcome of a use case.
pub const VALUE_PER_SUCCESS: Field = field(
    "value_per_success",
    "Value per success",
    "value per success",
    "",
    "What one successful outcome is worth: time saved, revenue, a ticket deflected.",
    Limits::between(0, 1_000_000_000),
);
/// A use case's relative request size.
pub const SIZE: Field = field(
    "size",
    "Relative size",
    "relative size",
    "× average",
    "How large this use case's requests are compared with the others (1 = average; a triage twice as long as a how-to \
        question is 2). It decides how the design's cost is split between use cases; the design's totals do not \
        change.",
    Limits::above(0, 1_000_000),
);
/// A design's success rate (or its rate in one use case).
pub const SUCCESS_RATE: Field = field(
    "success_rate",
    "Success rate",
    "success rate",
    "%",
    "The share of requests whose answer is good enough to deliver the use case's value (measured in evaluation or A/B \
        tests).",
    Limits::between(0, 1),
);
/// Overhead in percent of serving cost.
pub const OVERHEAD_PCT: Field = field(
    "overhead_pct",
    "Overhead",
    "overhead",
    "% of serving",
    "Extra cost as a percentage of serving cost: retries, moderation calls, monitoring, egress.",
    Limits::between(0, 10_000),
);
/// A fixed monthly cost.
pub const FIXED_MONTHLY: Field = field(
    "fixed_monthly",
    "Fixed monthly",
    "fixed monthly cost",
    "/month",
    "Cost per month whatever the volume: on-call, evaluation runs, licences, a share of a platform team.",
    Limits::between(0, 1_000_000_000_000),
);
/// A one-time cost, spread over its months.
pub const ONE_TIME_AMOUNT: Field = field(
    "amount",
    "One-time",
    "one-time cost",
    "",
    "A one-off cost such as fine-tuning, distillation or integration work, spread evenly over the months below.",
    Limits::between(0, 10_000_000_000_000),
);
/// Hours in a month.
pub const HOURS_PER_MONTH: Field = field(
    "hours_per_month",
    "Hours per month",
    "hours per month",
    "h",
    "Hours used to turn hourly instance prices into a monthly cost. 730 = 365 × 24 / 12; some sources use 720 or \
        729.6.",
    Limits::above(0, 744),
);
/// The busiest hour's traffic over the average hour's.
pub const PEAK_TO_AVERAGE: Field = field(
    "peak_to_average",
    "Peak to average",
    "peak-to-average traffic",
    "× average hour",
    "How much busier the busiest hour is than the average hour (1–100). Self-hosted fleets are sized for the peak and \
        paid all month; hosted APIs bill per use and are unaffected.",
    Limits::between(1, 100),
);
/// A grid's carbon intensity.
pub const GRID: Field = field(
    "grid_g_per_kwh",
    "Grid intensity",
    "grid intensity",
    "gCO₂e/kWh",
    "Grams of CO₂e per kWh of the grid where the designs run (a design can set its own region's).",
    Limits::between(0, 5000),
);
/// A data centre's power usage effectiveness.
pub const PUE: Field = field(
    "pue",
    "PUE",
    "PUE",
    "",
    "Power usage effectiveness: the data centre's total energy over its IT energy (1.1 for hyperscalers, about 1.5 on \
        average).",
    Limits::between(1, 5),
);
/// A price per tonne of carbon dioxide equivalent.
pub const CARBON_PRICE: Field = field(
    "price_per_tonne",
    "Carbon price",
    "carbon price per tonne",
    "/tonne",
    "An internal or market price per tonne of CO₂e (0 for none): it gives ROI with carbon.",
    Limits::between(0, 100_000),
);
