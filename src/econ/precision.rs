//! What the engine holds exactly, said and enforced.
//!
//! Money and rates are [`Decimal`]s: 96-bit integers with up to 28 digits after the point, not 28
//! significant digits. Every exact figure is therefore within about 1e-27 (absolute) of the true
//! one. A figure of 1e-16 or more keeps at least 11 significant digits; a smaller one would keep
//! fewer, so the figures that divide down to per-inference amounts must be 0 or at least these:
//!
//! - a design's serving cost per request (every hosted-API stage with its token prices,
//!   discounts and escalation rates): 1e-16;
//! - its value per inference: 1e-16;
//! - a self-hosted instance's cost per month, and the design's fixed plus amortised one-time
//!   cost per month: 1e-4, so that divided by the largest volume a file may hold (1e12
//!   requests) they stay at 1e-16 or more.
//!
//! Validation refuses a scenario whose inputs make one of these smaller (and not zero), naming
//! the design and the figure. Inputs that are individually valid can still multiply down that
//! far (a tiny price, a deep discount and a rare escalation), which is why the check is on the
//! figures and not on each input.

use rust_decimal::Decimal;

use super::EconError;
use super::cost::CostModel;
use crate::model::Scenario;

pub use super::cost::{PER_MONTH, PER_REQUEST};

/// Per design whose figures fall below what the engine holds exactly: the field path and why.
pub fn problems(scenario: &Scenario) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let small = |x: Decimal, least: Decimal| x > Decimal::ZERO && x < least;
    let advice = "the engine keeps 28 decimal places, so a smaller figure would lose significant \
                  digits; write 0 if it is free, or check the units (token prices are per 1M \
                  tokens, instance prices per hour)";
    for (i, design) in scenario.designs.iter().enumerate() {
        // A routed design's figures are its parts', checked with those designs.
        if design.serving.routes().is_some() {
            continue;
        }
        let model = CostModel::new(scenario, design);
        if let Err(EconError::Precision) = model {
            found.push((
                format!("designs[{i}].serving"),
                format!(
                    "multiplies down to a cost below 1e-16 (a tiny price, token count, discount \
                     or escalation rate): {advice}"
                ),
            ));
        }
        if let Ok(model) = model {
            if small(model.linear_per_request, PER_REQUEST) {
                found.push((
                    format!("designs[{i}].serving"),
                    format!(
                        "costs {} per request through its hosted APIs: below 1e-16, where {advice}",
                        model.linear_per_request
                    ),
                ));
            }
            for stage in &model.stages {
                let reserved = stage.reserved.map(|(_, c)| c);
                for cost in std::iter::once(stage.cost_per_instance_month).chain(reserved) {
                    if small(cost, PER_MONTH) {
                        found.push((
                            format!("designs[{i}].serving"),
                            format!(
                                "has an instance costing {cost} a month: below 0.0001, where \
                                 {advice}"
                            ),
                        ));
                    }
                }
            }
            if small(model.fixed_per_month, PER_MONTH) {
                found.push((
                    format!("designs[{i}].fixed_monthly"),
                    format!(
                        "with the amortised one-time cost comes to {} a month: below 0.0001, \
                         where {advice}",
                        model.fixed_per_month
                    ),
                ));
            }
        }
        let value = super::value_per_inference(scenario, design);
        if let Err(EconError::Precision) = value {
            found.push((
                format!("designs[{i}].success_rate"),
                format!(
                    "with the use cases' shares and values multiplies down to a value below \
                     1e-16: {advice}"
                ),
            ));
        }
        if let Ok(value) = value
            && small(value, PER_REQUEST)
        {
            found.push((
                format!("designs[{i}].success_rate"),
                format!(
                    "gives a value per inference of {value} with the use cases' values: below \
                     1e-16, where {advice}"
                ),
            ));
        }
    }
    found
}
