//! Curves for plotting: ROI multiple, cost per inference, monthly cost and value at log-spaced
//! volumes, in `f64`.
//!
//! The curves come from the same compiled [`CostModel`](super::cost::CostModel) as the exact figures. Instance counts,
//! the only place where rounding could flip a result, are taken from the exact engine whenever
//! the float quotient is near a whole number, so every point agrees with the exact engine to far
//! better than 1e-9 relative.

use rust_decimal::prelude::ToPrimitive;

use super::{EconError, Prepared};
use crate::model::Scenario;

/// The curves of one design; over-capacity points are `NaN` (not plotted).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// ROI multiple (`+∞` where cost is 0).
    pub roi: Vec<f64>,
    /// Cost per inference, in currency.
    pub cost_per_inference: Vec<f64>,
    /// Monthly cost, in currency.
    pub monthly_cost: Vec<f64>,
    /// Monthly value, in currency.
    pub monthly_value: Vec<f64>,
}

/// Log-spaced volumes and one series per design (or why the design could not be computed).
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    /// Whole request volumes, increasing, from the scenario's min to its max.
    pub volumes: Vec<u64>,
    /// One entry per design, in scenario order.
    pub series: Vec<Result<Series, EconError>>,
}

/// `points` log-spaced whole volumes from `min` to `max` inclusive (duplicates after rounding removed).
pub fn log_volumes(min: u64, max: u64, points: usize) -> Vec<u64> {
    let (min, max) = (min.max(1), max.max(min.max(1)));
    if points <= 1 || min == max {
        return vec![min];
    }
    let (lo, hi) = ((min as f64).ln(), (max as f64).ln());
    let mut volumes: Vec<u64> = (0..points)
        .map(|i| {
            let t = i as f64 / (points - 1) as f64;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let v = (lo + (hi - lo) * t).exp().round() as u64;
            v.clamp(min, max)
        })
        .collect();
    volumes.dedup();
    volumes
}

/// The curves of every design over the scenario's volume range.
pub fn sweep(scenario: &Scenario, points: usize) -> Sweep {
    let prepared: Vec<Result<Prepared, EconError>> = scenario
        .designs
        .iter()
        .map(|d| Prepared::new(scenario, d))
        .collect();
    let volumes = log_volumes(scenario.volume.min, scenario.volume.max, points);
    let series = series_all(&prepared, &volumes);
    Sweep { volumes, series }
}

/// The curves of every compiled design at the given volumes (a design that did not compile
/// keeps its error).
pub fn series_all(
    prepared: &[Result<Prepared, EconError>],
    volumes: &[u64],
) -> Vec<Result<Series, EconError>> {
    prepared
        .iter()
        .map(|p| {
            p.as_ref()
                .map_err(Clone::clone)
                .and_then(|p| series(p, volumes))
        })
        .collect()
}

/// The curves of one compiled design at the given volumes.
pub fn series(prepared: &Prepared, volumes: &[u64]) -> Result<Series, EconError> {
    let model = &prepared.cost;
    let value = prepared.value_per_request.to_f64().unwrap_or(f64::NAN);
    // Per inference is per served request (all of them but for a routed design).
    let served = prepared.served_share.to_f64().unwrap_or(f64::NAN);
    let mut out = Series {
        roi: Vec::with_capacity(volumes.len()),
        cost_per_inference: Vec::with_capacity(volumes.len()),
        monthly_cost: Vec::with_capacity(volumes.len()),
        monthly_value: Vec::with_capacity(volumes.len()),
    };
    for &volume in volumes {
        if model.over_capacity(volume) {
            for curve in [
                &mut out.roi,
                &mut out.cost_per_inference,
                &mut out.monthly_cost,
                &mut out.monthly_value,
            ] {
                curve.push(f64::NAN);
            }
            continue;
        }
        let v = volume as f64;
        let monthly_cost = model.monthly_cost_f64(volume)?;
        let monthly_value = value * v;
        out.roi.push(if monthly_cost == 0.0 {
            f64::INFINITY
        } else {
            monthly_value / monthly_cost
        });
        out.cost_per_inference.push(monthly_cost / (v * served));
        out.monthly_cost.push(monthly_cost);
        out.monthly_value.push(monthly_value);
    }
    Ok(out)
}
