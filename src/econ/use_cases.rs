//! Per-use-case economics (`DOMAIN.md`, "Use cases"): which inference events are worth AI.
//!
//! A design's whole monthly cost falls on its use cases by load share — share × relative size
//! over Σ share × size — while each use case's value is its own value per success times the
//! design's success rate for it. The identities hold by construction: Σ share × cost per
//! inference of a use case = the design's cost per inference, and likewise for value.

use rust_decimal::Decimal;

use super::cost::Checked;
use super::{Band, EconError, Metrics, band_of};
use crate::model::{Design, Scenario};

/// One use case's figures on one design at one volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UseCaseFigures {
    /// Index of the use case in the scenario.
    pub use_case: usize,
    /// For a routed design, the design that serves it (`None` on every other design).
    pub served_by: Option<usize>,
    /// Its requests per month: share × volume (exact; may be fractional).
    pub requests: Decimal,
    /// The design's cost per inference × size / Σ share × size.
    pub cost_per_inference: Decimal,
    /// Value per success × the design's success rate for this use case.
    pub value_per_inference: Decimal,
    /// Value per inference ÷ cost per inference; `None` when the cost is 0.
    pub roi_multiple: Option<Decimal>,
    /// The band of that multiple (cost 0 is Excellent).
    pub band: Band,
    /// Its part of the design's monthly cost: load share × monthly cost.
    pub monthly_cost: Decimal,
    /// Requests × value per inference.
    pub monthly_value: Decimal,
    /// Monthly value − monthly cost.
    pub monthly_net_value: Decimal,
}

/// The load-weighted size Σ share × size of the scenario's use cases.
pub fn total_load(scenario: &Scenario) -> Result<Decimal, EconError> {
    scenario
        .use_cases
        .iter()
        .try_fold(Decimal::ZERO, |sum, case| {
            sum.add(case.share.mul(case.size)?)
        })
}

/// Every use case's figures on `design`, whose point metrics at their volume are `metrics`.
/// A scenario whose shares are all 0 carries no load: its use cases are given no cost. A routed
/// design lists the use cases it serves, each costed on the design serving it (see
/// [`super::routed`]).
pub fn by_use_case(
    scenario: &Scenario,
    design: &Design,
    metrics: &Metrics,
) -> Result<Vec<UseCaseFigures>, EconError> {
    if design.serving.routes().is_some() {
        let cost = super::cost::CostModel::new(scenario, design)?;
        return super::routed::by_use_case(scenario, design, &cost, metrics);
    }
    let load = total_load(scenario)?;
    let volume = Decimal::from(metrics.volume);
    scenario
        .use_cases
        .iter()
        .enumerate()
        .map(|(index, case)| {
            let (cost_per_inference, monthly_cost) = if load > Decimal::ZERO {
                (
                    metrics.cost_per_inference.mul(case.size)?.div(load)?,
                    metrics
                        .monthly_cost
                        .mul(case.share.mul(case.size)?)?
                        .div(load)?,
                )
            } else {
                (Decimal::ZERO, Decimal::ZERO)
            };
            let value_per_inference = case
                .value_per_success
                .mul(design.success_rate_for(&case.name))?;
            let requests = case.share.mul(volume)?;
            let monthly_value = requests.mul(value_per_inference)?;
            let roi_multiple = if cost_per_inference.is_zero() {
                None
            } else {
                Some(value_per_inference.div(cost_per_inference)?)
            };
            Ok(UseCaseFigures {
                use_case: index,
                served_by: None,
                requests,
                cost_per_inference,
                value_per_inference,
                roi_multiple,
                band: band_of(value_per_inference, cost_per_inference)?,
                monthly_cost,
                monthly_value,
                monthly_net_value: monthly_value.sub(monthly_cost)?,
            })
        })
        .collect()
}
