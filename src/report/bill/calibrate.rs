//! Calibration: the figures of a hosted design that its bill measures, each proposed against the
//! scenario's own with the effect it alone would have on the design's ROI at the current volume.
//!
//! Over the months chosen (those with requests, for the per-request figures):
//! - input tokens per request = input tokens (cache reads and writes included) ÷ requests, and
//!   output likewise, to whole tokens;
//! - cached share = cache-read tokens ÷ input tokens, cache-write share = cache-write tokens ÷
//!   input tokens, to 4 places;
//! - discount = 1 − Σ `EffectiveCost` ÷ Σ `ListCost` of the token rows, in percent to 2 places;
//! - the list price per 1M tokens of each direction (input, output, cache read, cache write):
//!   `ListUnitPrice` ÷ the tokens in the `PricingUnit`, averaged over the tokens, to 4 places.
//!
//! A figure is proposed only where it differs from the scenario's, lies within the field's
//! limits, and leaves the design computable. Input tokens per request are not proposed from
//! estimated requests: those were estimated from the same tokens, so the figure would only
//! repeat the scenario's. Other per-request figures from estimated requests are marked so.

use rust_decimal::Decimal;

use super::BillMonth;
use crate::econ::Prepared;
use crate::io::focus::{MonthFigures, TokenKind};
use crate::model::fields::ServingField;
use crate::model::validate::Severity;
use crate::model::{Scenario, Serving};

/// One figure the bill disagrees with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calibration {
    /// The design's field.
    pub field: ServingField,
    /// The scenario's value (for a price left to its default, the default it takes).
    pub scenario: Decimal,
    /// The bill's value.
    pub bill: Decimal,
    /// The design's ROI multiple at the current volume as the scenario stands (`None`: not
    /// computable, or infinite).
    pub roi_before: Option<Decimal>,
    /// The same with this one change.
    pub roi_after: Option<Decimal>,
    /// True when the figure rests on requests estimated from tokens.
    pub estimated: bool,
}

impl Calibration {
    /// The field's key in the file: `input_tokens`, `discount_pct`, …
    pub fn key(&self) -> &'static str {
        self.field.field().key
    }

    /// A value of this figure as its field reads in the editor: a share as a percent (`16.13%`),
    /// a discount with `% off`, tokens grouped, a price in currency per 1M tokens.
    pub fn value_text(&self, value: Decimal, currency: &str) -> String {
        use crate::format::{exact, grouped, money_exact};
        match self.field.field().unit {
            "%" => format!("{}%", exact((value * Decimal::ONE_HUNDRED).normalize())),
            "tokens" => format!("{} tokens", grouped(value)),
            unit if unit.starts_with('/') => format!("{}{unit}", money_exact(value, currency)),
            unit => format!("{} {unit}", exact(value)),
        }
    }
}

/// The fields calibration may propose, in the order they are listed.
pub const CALIBRATED: [ServingField; 9] = [
    ServingField::InputTokens,
    ServingField::OutputTokens,
    ServingField::CachedInputShare,
    ServingField::CacheWriteShare,
    ServingField::Discount,
    ServingField::InputPrice,
    ServingField::OutputPrice,
    ServingField::CachedInputPrice,
    ServingField::CacheWritePrice,
];

/// What the months chosen measure, summed.
struct Measured {
    /// Every month's figures.
    all: MonthFigures,
    /// The figures of the months with requests.
    counted: MonthFigures,
    /// Their requests.
    requests: u64,
    /// True when some of those requests are estimated.
    estimated: bool,
}

fn sum(months: &[BillMonth]) -> Measured {
    let mut m = Measured {
        all: MonthFigures::default(),
        counted: MonthFigures::default(),
        requests: 0,
        estimated: false,
    };
    for month in months {
        m.all = m.all.plus(&month.figures);
        if let Some(requests) = month.requests {
            m.counted = m.counted.plus(&month.figures);
            m.requests = m.requests.saturating_add(requests);
            m.estimated |= month.requests_estimated;
        }
    }
    m
}

/// `a ÷ b` to `places`, when `b` is positive.
fn ratio(a: Decimal, b: Decimal, places: u32) -> Option<Decimal> {
    (b > Decimal::ZERO)
        .then(|| a.checked_div(b))
        .flatten()
        .map(|r| r.round_dp(places).normalize())
}

/// The bill's value of `field`, and whether it rests on estimated requests.
fn bill_value(field: ServingField, m: &Measured) -> Option<(Decimal, bool)> {
    let requests = Decimal::from(m.requests);
    let all = &m.all;
    let price = |kind| {
        all.list_price(kind)
            .per_mtok()
            .map(|p| p.round_dp(4).normalize())
    };
    match field {
        ServingField::InputTokens if !m.estimated => {
            ratio(m.counted.input_tokens, requests, 0).map(|v| (v, false))
        }
        ServingField::OutputTokens => {
            ratio(m.counted.output_tokens, requests, 0).map(|v| (v, m.estimated))
        }
        ServingField::CachedInputShare => {
            ratio(all.cache_read_tokens, all.input_tokens, 4).map(|v| (v, false))
        }
        ServingField::CacheWriteShare => {
            ratio(all.cache_write_tokens, all.input_tokens, 4).map(|v| (v, false))
        }
        ServingField::Discount => {
            let paid = ratio(all.token_cost, all.token_list_cost, 6)?;
            let pct = (Decimal::ONE - paid) * Decimal::ONE_HUNDRED;
            Some((pct.round_dp(2).normalize(), false))
        }
        ServingField::InputPrice => price(TokenKind::Input).map(|v| (v, false)),
        ServingField::OutputPrice => price(TokenKind::Output).map(|v| (v, false)),
        ServingField::CachedInputPrice => price(TokenKind::CacheRead).map(|v| (v, false)),
        ServingField::CacheWritePrice => price(TokenKind::CacheWrite).map(|v| (v, false)),
        _ => None,
    }
}

/// The value a field has in the design's serving: a cached or cache-write price left out takes
/// the input price.
fn scenario_value(field: ServingField, serving: &Serving) -> Option<Decimal> {
    field.read(serving).or_else(|| match field {
        ServingField::CachedInputPrice | ServingField::CacheWritePrice => {
            ServingField::InputPrice.read(serving)
        }
        _ => None,
    })
}

/// Sets a calibrated field of a hosted design, giving a price left to its default its own value.
/// False when the design is not a hosted API.
pub fn set(serving: &mut Serving, field: ServingField, value: Decimal) -> bool {
    if let Some(slot) = field.slot(serving) {
        *slot = value;
        return true;
    }
    match (field, serving) {
        (
            ServingField::CachedInputPrice,
            Serving::HostedApi {
                cached_input_price_per_mtok,
                ..
            },
        ) => {
            *cached_input_price_per_mtok = Some(value);
            true
        }
        (
            ServingField::CacheWritePrice,
            Serving::HostedApi {
                cache_write_price_per_mtok,
                ..
            },
        ) => {
            *cache_write_price_per_mtok = Some(value);
            true
        }
        _ => false,
    }
}

/// The design's ROI multiple at the scenario's current volume.
pub fn roi_at_current(scenario: &Scenario, index: usize) -> Option<Decimal> {
    let design = scenario.designs.get(index)?;
    Prepared::new(scenario, design)
        .and_then(|p| p.metrics(scenario.volume.current))
        .ok()?
        .roi_multiple
}

/// The figures of design `index` its months measure differently from the scenario, each with
/// its ROI effect alone. Only a hosted API is calibrated: a fleet's bill is its instance-hours,
/// which the planner sizes from throughput rather than reads.
pub fn calibrate(scenario: &Scenario, index: usize, months: &[BillMonth]) -> Vec<Calibration> {
    let Some(design) = scenario.designs.get(index) else {
        return Vec::new();
    };
    if !matches!(design.serving, Serving::HostedApi { .. }) || months.is_empty() {
        return Vec::new();
    }
    let measured = sum(months);
    let roi_before = roi_at_current(scenario, index);
    let errors_before = errors(scenario);
    CALIBRATED
        .iter()
        .filter_map(|&field| {
            let (bill, estimated) = bill_value(field, &measured)?;
            let current = scenario_value(field, &design.serving)?;
            if bill == current || !field.field().limits.contains(bill) {
                return None;
            }
            let mut changed = scenario.clone();
            set(&mut changed.designs[index].serving, field, bill);
            if errors(&changed) > errors_before {
                return None;
            }
            Some(Calibration {
                field,
                scenario: current,
                bill,
                roi_before,
                roi_after: roi_at_current(&changed, index),
                estimated,
            })
        })
        .collect()
}

/// The errors validation finds in a scenario.
fn errors(scenario: &Scenario) -> usize {
    crate::econ::validate(scenario)
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count()
}

/// The scenario with every calibration of design `index` applied.
pub fn apply_all(scenario: &Scenario, index: usize, calibrations: &[Calibration]) -> Scenario {
    let mut changed = scenario.clone();
    if let Some(design) = changed.designs.get_mut(index) {
        for c in calibrations {
            set(&mut design.serving, c.field, c.bill);
        }
    }
    changed
}
