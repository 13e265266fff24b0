//! Energy and carbon per inference beside cost (`docs/method.md#energy-and-carbon-per-inference`;
//! Patterson et al., Schwartz et al.): the energy a design draws in a month at a volume, from its
//! instances' power at the utilisation they actually run at (idle instances still draw power) or
//! from a hosted model's published energy per token, and what that emits and costs.
//!
//! A design with a stage lacking energy data has no figures (`None`, shown as "—"), never 0.

use rust_decimal::Decimal;

mod model;

pub use model::EnergyModel;

use super::cost::Checked;
use super::{EconError, Metrics};
use crate::model::{Design, Scenario};

const THOUSAND: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// A design's energy and carbon at one volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Energy {
    /// Energy drawn in the month, data centre overhead (PUE) included.
    pub kwh_per_month: Decimal,
    /// kWh × 1000 ÷ the requests served.
    pub wh_per_inference: Decimal,
    /// Wh per inference × grid intensity ÷ 1000 (`None` without a grid intensity).
    pub g_co2e_per_inference: Option<Decimal>,
    /// kWh × grid intensity ÷ 1000.
    pub kg_co2e_per_month: Option<Decimal>,
    /// `kgCO₂e` ÷ 1000 × the carbon price per tonne.
    pub carbon_cost_per_month: Option<Decimal>,
    /// Monthly value ÷ (monthly cost + carbon cost); `None` when that sum is 0 or unknown.
    pub roi_with_carbon: Option<Decimal>,
    /// Monthly value ÷ kWh (Green AI's efficiency view); `None` at 0 kWh.
    pub value_per_kwh: Option<Decimal>,
}

/// The PUE and grid intensity that apply to a design: its own, else the scenario's (PUE 1 and
/// no grid when the scenario has no carbon section).
fn site(scenario: &Scenario, design: &Design) -> (Decimal, Option<Decimal>) {
    let carbon = scenario.carbon.as_ref();
    (
        design.pue.or(carbon.map(|c| c.pue)).unwrap_or(Decimal::ONE),
        design.grid_g_per_kwh.or(carbon.map(|c| c.grid_g_per_kwh)),
    )
}

/// A design's energy and carbon figures beside its `metrics` at the same volume.
pub fn energy(
    scenario: &Scenario,
    design: &Design,
    metrics: &Metrics,
) -> Result<Option<Energy>, EconError> {
    let Some(model) = EnergyModel::new(scenario, design)? else {
        return Ok(None);
    };
    let (kwh, kg) = model.at(metrics.volume)?;
    let served = metrics.served_requests;
    let wh_per_inference = if served.is_zero() {
        Decimal::ZERO
    } else {
        kwh.mul(THOUSAND)?.div(served)?
    };
    let g_co2e_per_inference = match kg {
        Some(kg) if !served.is_zero() => Some(kg.mul(THOUSAND)?.div(served)?),
        _ => None,
    };
    let price = scenario
        .carbon
        .as_ref()
        .map_or(Decimal::ZERO, |c| c.price_per_tonne);
    let carbon_cost_per_month = kg.map(|kg| kg.mul(price)?.div(THOUSAND)).transpose()?;
    let roi_with_carbon = match carbon_cost_per_month {
        Some(c) => {
            let cost = metrics.monthly_cost.add(c)?;
            if cost.is_zero() {
                None
            } else {
                Some(metrics.monthly_value.div(cost)?)
            }
        }
        None => None,
    };
    Ok(Some(Energy {
        kwh_per_month: kwh,
        wh_per_inference,
        g_co2e_per_inference,
        kg_co2e_per_month: kg,
        carbon_cost_per_month,
        roi_with_carbon,
        value_per_kwh: if kwh.is_zero() {
            None
        } else {
            Some(metrics.monthly_value.div(kwh)?)
        },
    }))
}
