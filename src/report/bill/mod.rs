//! What bills hold for a scenario (`inference-roi bill`): per design and month, the cost, list
//! cost, tokens, requests and cost per inference, and the figures the bill would calibrate; as
//! text, JSON (money and ratios exact decimal strings, counts integers) or Markdown.
//!
//! Requests come from the team's own count (a design's own, else the count for every design);
//! without one they are estimated as the month's input tokens ÷ the design's input tokens per
//! request (a hosted API's), and marked `requests_estimated`.

pub mod actuals;
pub mod calibrate;
mod output;

use rust_decimal::{Decimal, RoundingStrategy};

pub use calibrate::{Calibration, calibrate};
pub use output::{bill_json, bill_markdown, bill_text};

use crate::econ::Prepared;
use crate::io::focus::requests::Requests;
use crate::io::focus::{Measured, MonthFigures};
use crate::model::{Month, Scenario, Serving};

/// One design's month, with its requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillMonth {
    /// The month.
    pub month: Month,
    /// The bill's figures.
    pub figures: MonthFigures,
    /// Requests: counted, or estimated from tokens; `None` when neither can be had.
    pub requests: Option<u64>,
    /// True when `requests` is estimated from tokens.
    pub requests_estimated: bool,
    /// What the scenario says the design's serving costs a month at these requests (the tokens
    /// or instances a bill charges for; before overhead, fixed and one-time costs), when there
    /// are requests and the design computes.
    pub planned_serving_cost: Option<Decimal>,
}

impl BillMonth {
    /// Cost ÷ requests, when there are requests.
    pub fn cost_per_inference(&self) -> Option<Decimal> {
        self.requests
            .filter(|r| *r > 0)
            .and_then(|r| self.figures.cost.checked_div(Decimal::from(r)))
    }
}

/// One design's measured months and what they would calibrate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillDesign {
    /// The design's index in the scenario.
    pub index: usize,
    /// Its name.
    pub name: String,
    /// Its months, oldest first.
    pub months: Vec<BillMonth>,
    /// The figures its months measure differently from the scenario (over the months chosen).
    pub calibration: Vec<Calibration>,
    /// The design's ROI at the current volume with every calibration applied.
    pub roi_calibrated: Option<Decimal>,
}

/// A whole number of tokens (a row split between months gives a month a fraction).
pub fn whole(value: Decimal) -> u64 {
    u64::try_from(
        value
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            .mantissa(),
    )
    .unwrap_or(0)
}

/// Each design's months with requests, and its calibration over all of them.
pub fn bill_months(
    scenario: &Scenario,
    measured: &Measured,
    requests: &Requests,
) -> Vec<BillDesign> {
    bill_months_over(scenario, measured, requests, &|_, _| true)
}

/// Each design's months with requests, and its calibration over the months `over(design index,
/// month)` chooses (every month is still listed).
pub fn bill_months_over(
    scenario: &Scenario,
    measured: &Measured,
    requests: &Requests,
    over: &dyn Fn(usize, Month) -> bool,
) -> Vec<BillDesign> {
    measured
        .designs
        .iter()
        .map(|d| {
            let prepared = Prepared::new(scenario, &scenario.designs[d.index]).ok();
            let per_request = match &scenario.designs[d.index].serving {
                Serving::HostedApi { input_tokens, .. } if !input_tokens.is_zero() => {
                    Some(*input_tokens)
                }
                _ => None,
            };
            let months: Vec<BillMonth> = d
                .months
                .iter()
                .map(|(month, figures)| {
                    let counted = requests
                        .get(&(Some(d.name.clone()), *month))
                        .or_else(|| requests.get(&(None, *month)));
                    let (requests, requests_estimated) = match (counted, per_request) {
                        (Some(c), _) => (Some(c.requests), false),
                        // No input tokens, no estimate: a month of zero requests would be wrong.
                        (None, Some(tokens)) => match figures
                            .input_tokens
                            .checked_div(tokens)
                            .map(whole)
                            .filter(|n| *n > 0)
                        {
                            Some(n) => (Some(n), true),
                            None => (None, false),
                        },
                        (None, None) => (None, false),
                    };
                    let planned_serving_cost = requests
                        .filter(|n| *n > 0)
                        .zip(prepared.as_ref())
                        .and_then(|(n, p)| p.cost.serving_cost(n).ok());
                    BillMonth {
                        planned_serving_cost,
                        month: *month,
                        figures: *figures,
                        requests,
                        requests_estimated,
                    }
                })
                .collect();
            let chosen: Vec<BillMonth> = months
                .iter()
                .filter(|m| over(d.index, m.month))
                .cloned()
                .collect();
            let calibration = calibrate(scenario, d.index, &chosen);
            let all = calibrate::apply_all(scenario, d.index, &calibration);
            BillDesign {
                index: d.index,
                name: d.name.clone(),
                roi_calibrated: calibrate::roi_at_current(&all, d.index),
                calibration,
                months,
            }
        })
        .collect()
}
