//! Energy and carbon per inference beside cost (`DOMAIN.md`, "Energy and carbon per inference";
//! Patterson et al., Schwartz et al.): the energy a design draws in a month at a volume, from its
//! instances' power at the utilisation they actually run at (idle instances still draw power) or
//! from a hosted model's published energy per token, and what that emits and costs.
//!
//! A design with a stage lacking energy data has no figures (`None`, shown as "—"), never 0.

use rust_decimal::Decimal;

use super::cost::{Checked, ceil_div};
use super::use_cases::total_load;
use super::{EconError, Metrics};
use crate::model::{Design, Route, Scenario, Serving, Throughput};

const THOUSAND: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);
const SECONDS_PER_HOUR: Decimal = Decimal::from_parts(3600, 0, 0, false, 0);

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

/// kWh a month of a serving stage reached by `volume` requests (fractional for a routed
/// design's share), PUE included; `None` when a stage has no energy data.
fn serving_kwh(
    scenario: &Scenario,
    serving: &Serving,
    volume: Decimal,
    pue: Decimal,
) -> Result<Option<Decimal>, EconError> {
    match serving {
        Serving::HostedApi {
            input_tokens,
            output_tokens,
            energy,
            ..
        } => {
            let Some(e) = energy else { return Ok(None) };
            let token_wh = input_tokens
                .mul(e.wh_per_1k_input_tokens)?
                .add(output_tokens.mul(e.wh_per_1k_output_tokens)?)?
                .div(THOUSAND)?;
            let kwh = volume.mul(token_wh.add(e.wh_per_request)?)?.div(THOUSAND)?;
            Ok(Some(if e.includes_pue { kwh } else { kwh.mul(pue)? }))
        }
        Serving::SelfHosted {
            throughput,
            tokens_per_request,
            target_utilization,
            min_instances,
            power,
            ..
        } => {
            let Some(p) = power else { return Ok(None) };
            let hours = scenario.hours_per_month;
            // The same instance count as the cost engine: sized for the peak hour.
            let (per_second, den) = match throughput {
                Throughput::RequestsPerSecond(rps) => (*rps, Decimal::ONE),
                Throughput::TokensPerSecond(tps) => (*tps, *tokens_per_request),
            };
            let full = per_second.mul(SECONDS_PER_HOUR)?.mul(hours)?;
            let capacity = full.mul(*target_utilization)?;
            if capacity <= Decimal::ZERO || den <= Decimal::ZERO {
                return Err(EconError::NoCapacity);
            }
            let load = volume.mul(den)?.mul(scenario.volume.peak_to_average)?;
            let instances = Decimal::from(ceil_div(load, capacity)?.max(u64::from(*min_instances)));
            if instances.is_zero() {
                return Ok(Some(Decimal::ZERO));
            }
            // The share of full throughput used on average (at most 1).
            let used = volume
                .mul(den)?
                .div(instances.mul(full)?)?
                .min(Decimal::ONE);
            let device = p
                .watts_idle
                .add(p.watts_max.sub(p.watts_idle)?.mul(used)?)?;
            let watts = Decimal::from(p.devices).mul(device)?.add(p.host_watts)?;
            Ok(Some(
                instances.mul(hours)?.mul(watts)?.mul(pue)?.div(THOUSAND)?,
            ))
        }
        Serving::Cascade {
            primary,
            fallback,
            escalation_rate,
        } => {
            let first = serving_kwh(scenario, primary, volume, pue)?;
            let second = serving_kwh(scenario, fallback, volume.mul(*escalation_rate)?, pue)?;
            Ok(match (first, second) {
                (Some(a), Some(b)) => Some(a.add(b)?),
                _ => None,
            })
        }
        Serving::Routed { .. } => Ok(None),
    }
}

/// kWh and `kgCO₂e` a month of a design at `volume` (`kgCO₂e` `None` without a grid intensity);
/// a routed design adds those of the designs it uses, each at its share of the load, on its own
/// site. `None` when any stage lacks energy data.
fn design_energy(
    scenario: &Scenario,
    design: &Design,
    volume: u64,
) -> Result<Option<(Decimal, Option<Decimal>)>, EconError> {
    let v = Decimal::from(volume);
    let Some(routes) = design.serving.routes() else {
        let (pue, grid) = site(scenario, design);
        let Some(kwh) = serving_kwh(scenario, &design.serving, v, pue)? else {
            return Ok(None);
        };
        let kg = grid.map(|g| kwh.mul(g)?.div(THOUSAND)).transpose()?;
        return Ok(Some((kwh, kg)));
    };
    let total = total_load(scenario)?;
    let mut kwh = Decimal::ZERO;
    let mut kg = Some(Decimal::ZERO);
    for (d, other) in scenario.designs.iter().enumerate() {
        let cases: Vec<_> = scenario
            .use_cases
            .iter()
            .filter(|c| {
                routes
                    .get(&c.name)
                    .and_then(Route::design)
                    .is_some_and(|n| n == other.name)
            })
            .collect();
        if cases.is_empty() || total.is_zero() {
            continue;
        }
        let load = cases
            .iter()
            .try_fold(Decimal::ZERO, |sum, c| sum.add(c.share.mul(c.size)?))?;
        let share = v.mul(load)?.div(total)?;
        let (pue, grid) = site(scenario, &scenario.designs[d]);
        let Some(part) = serving_kwh(scenario, &other.serving, share, pue)? else {
            return Ok(None);
        };
        kwh = kwh.add(part)?;
        kg = match (kg, grid) {
            (Some(sum), Some(g)) => Some(sum.add(part.mul(g)?.div(THOUSAND)?)?),
            _ => None,
        };
    }
    Ok(Some((kwh, kg)))
}

/// A design's energy and carbon figures beside its `metrics` at the same volume.
pub fn energy(
    scenario: &Scenario,
    design: &Design,
    metrics: &Metrics,
) -> Result<Option<Energy>, EconError> {
    let Some((kwh, kg)) = design_energy(scenario, design, metrics.volume)? else {
        return Ok(None);
    };
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

/// kWh per month of a design at `volume`, for curves: `None` without energy data. Millions of
/// requests per kWh are common, hence the exact decimals.
pub fn kwh_per_month(
    scenario: &Scenario,
    design: &Design,
    volume: u64,
) -> Result<Option<Decimal>, EconError> {
    Ok(design_energy(scenario, design, volume)?.map(|(kwh, _)| kwh))
}
