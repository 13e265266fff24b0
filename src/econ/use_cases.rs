//! Per-use-case economics (`docs/method.md#use-cases`): which inference events are worth AI.
//!
//! A design's whole monthly cost falls on its use cases by load share — share × relative size
//! over Σ share × size — while each use case's value is its own value per success times the
//! design's success rate for it. The identities hold by construction: Σ share × cost per
//! inference of a use case = the design's cost per inference, and likewise for value.

use rust_decimal::Decimal;

use super::cost::routed::routes_of;
use super::cost::{Checked, CostModel, total_load};
use super::{Band, EconError, Metrics, band_of};
use crate::model::Route;
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
        let cost = CostModel::new(scenario, design)?;
        return routed_by_use_case(scenario, design, &cost, metrics);
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

/// The served use cases' figures on a routed design whose metrics at their volume are
/// `metrics`. Each design's cost (overheads included) falls on the use cases sent to it by
/// their load; the router's own costs fall on every served use case by load. So Σ over served
/// use cases of share ÷ served share × cost per inference is the routed design's cost per
/// inference, and Σ of the monthly costs is its monthly cost.
fn routed_by_use_case(
    scenario: &Scenario,
    design: &Design,
    model: &CostModel,
    metrics: &Metrics,
) -> Result<Vec<UseCaseFigures>, EconError> {
    let volume = metrics.volume;
    let v = Decimal::from(volume);
    let routes = routes_of(design)?;
    let mut attributed = Decimal::ZERO;
    let mut part_costs = Vec::with_capacity(model.parts.len());
    for part in &model.parts {
        let cost = model.part_cost(part, volume)?;
        if part.load > Decimal::ZERO {
            attributed = attributed.add(cost)?;
        }
        part_costs.push(cost);
    }
    // The router's costs, and any design serving only use cases of share 0.
    let spread = metrics.monthly_cost.sub(attributed)?;
    let served_load = model
        .parts
        .iter()
        .try_fold(Decimal::ZERO, |sum, p| sum.add(p.load))?;
    let mut rows = Vec::new();
    for (u, case) in scenario.use_cases.iter().enumerate() {
        let Some(Route::Design(name)) = routes.get(&case.name) else {
            continue;
        };
        let Some(p) = model
            .parts
            .iter()
            .position(|p| scenario.designs[p.design].name == *name)
        else {
            continue;
        };
        let part = &model.parts[p];
        // Cost per request of unit size, then × this use case's size.
        let mut per_unit = Decimal::ZERO;
        if part.load > Decimal::ZERO {
            per_unit = per_unit.add(part_costs[p].div(part.load)?)?;
        }
        if served_load > Decimal::ZERO {
            per_unit = per_unit.add(spread.div(served_load)?)?;
        }
        let cost_per_inference = per_unit.mul(case.size)?.div(v)?;
        let requests = case.share.mul(v)?;
        let value_per_inference = case
            .value_per_success
            .mul(scenario.designs[part.design].success_rate_for(&case.name))?;
        let monthly_cost = requests.mul(cost_per_inference)?;
        let monthly_value = requests.mul(value_per_inference)?;
        rows.push(UseCaseFigures {
            use_case: u,
            served_by: Some(part.design),
            requests,
            cost_per_inference,
            value_per_inference,
            roi_multiple: if cost_per_inference.is_zero() {
                None
            } else {
                Some(value_per_inference.div(cost_per_inference)?)
            },
            band: band_of(value_per_inference, cost_per_inference)?,
            monthly_cost,
            monthly_value,
            monthly_net_value: monthly_value.sub(monthly_cost)?,
        });
    }
    Ok(rows)
}
