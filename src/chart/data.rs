//! What a chart is drawn from: a scenario's figures at its current volume, its curves over the
//! volume range, and the designs that are left out (with why). Pure data, computed in one go; the
//! CLI's `chart` draws it once, and the planner keeps one per document state (see `src/app/`).

use rust_decimal::prelude::ToPrimitive;

use crate::econ::energy::EnergyModel;
use crate::econ::sweep::{Series, log_volumes, series_all};
use crate::econ::validate;
use crate::econ::{Analysis, EconError, Prepared, analyse_prepared};
use crate::model::validate::MAX_VOLUME;
use crate::model::{Problem, Scenario, Severity};

/// Points per curve on the chart (log-spaced, plus every step edge inside the range).
pub const CURVE_POINTS: usize = 600;

/// A scenario's figures and curves, as the chart needs them.
pub struct ChartData {
    /// Validation problems, errors first.
    pub problems: Vec<Problem>,
    /// Per design: the reason it is left out of the chart and table, if it is.
    pub excluded: Vec<Option<String>>,
    /// Compiled designs.
    pub prepared: Vec<Result<Prepared, EconError>>,
    /// Exact figures at the current volume and the crossovers.
    pub analysis: Analysis,
    /// Volumes of the curves.
    pub volumes: Vec<u64>,
    /// Per design: the curves (or why not).
    pub curves: Vec<Result<Series, EconError>>,
    /// `log10` of `volumes`: the chart's x values.
    pub log_volumes: Vec<f64>,
    /// `log10` of every curve, `NaN` where a point is not drawn: the chart's y values, so
    /// frames do no logarithms.
    pub log_curves: Vec<Option<Series>>,
    /// Per design with energy data: its compiled energy (for exact figures on hover).
    pub energy: Vec<Option<EnergyModel>>,
    /// Per design with energy data: `log10` of Wh and of gCO₂e per inference at `volumes`
    /// (`NaN` where not drawn: over capacity, or no grid intensity for the carbon curve).
    pub log_energy: Vec<Option<EnergyCurves>>,
}

/// `log10` of a design's energy and carbon per inference at the chart's volumes.
#[derive(Debug, Clone, PartialEq)]
pub struct EnergyCurves {
    /// `log10` Wh per inference.
    pub wh: Vec<f64>,
    /// `log10` gCO₂e per inference.
    pub g_co2e: Vec<f64>,
}

/// Validation problems, errors first, and per design the first error that leaves it out (its
/// own, else the first error of the scenario as a whole).
pub fn check(scenario: &Scenario) -> (Vec<Problem>, Vec<Option<String>>) {
    let mut problems = validate(scenario);
    problems.sort_by_key(|p| std::cmp::Reverse(p.severity));
    let first_scenario_error = problems
        .iter()
        .find(|p| p.severity == Severity::Error && p.design_index().is_none());
    let excluded = (0..scenario.designs.len())
        .map(|i| {
            problems
                .iter()
                .find(|p| p.severity == Severity::Error && p.design_index() == Some(i))
                .or(first_scenario_error)
                .map(ToString::to_string)
        })
        .collect();
    (problems, excluded)
}

impl ChartData {
    /// Runs validation and the engine over a scenario.
    pub fn new(scenario: &Scenario) -> Self {
        let volume = scenario.volume.current.clamp(1, MAX_VOLUME);
        let (problems, excluded) = check(scenario);
        let prepared: Vec<Result<Prepared, EconError>> = scenario
            .designs
            .iter()
            .map(|d| Prepared::new(scenario, d))
            .collect();
        let analysis = analyse_prepared(scenario, &prepared, volume);
        let volumes = chart_volumes(scenario, &prepared);
        let curves = series_all(&prepared, &volumes);
        #[allow(clippy::cast_precision_loss)]
        let log_volumes = volumes.iter().map(|&v| (v as f64).log10()).collect();
        let log_curves = curves
            .iter()
            .map(|c| c.as_ref().ok().map(log_series))
            .collect();
        let energy: Vec<Option<EnergyModel>> = scenario
            .designs
            .iter()
            .zip(&prepared)
            .map(|(d, p)| {
                p.as_ref().ok()?;
                EnergyModel::new(scenario, d).ok().flatten()
            })
            .collect();
        let log_energy = energy
            .iter()
            .zip(&prepared)
            .map(|(model, p)| Some(energy_curves(model.as_ref()?, p.as_ref().ok()?, &volumes)))
            .collect();
        ChartData {
            problems,
            excluded,
            prepared,
            analysis,
            volumes,
            curves,
            log_volumes,
            log_curves,
            energy,
            log_energy,
        }
    }

    /// Moves the point figures to another current volume of the same scenario, keeping the
    /// curves, thresholds and crossovers (which do not depend on it). False when that cannot be
    /// done in place (a design's figures fail at one of the two volumes): then build anew.
    pub fn move_to(&mut self, volume: u64) -> bool {
        // A design whose figures failed at the old volume may compute at the new one.
        let failed_before = self
            .analysis
            .designs
            .iter()
            .zip(&self.prepared)
            .any(|(f, p)| f.is_err() && p.is_ok());
        if failed_before {
            return false;
        }
        let volume = volume.clamp(1, MAX_VOLUME);
        for (figures, prepared) in self.analysis.designs.iter_mut().zip(&self.prepared) {
            if let (Ok(figures), Ok(prepared)) = (figures.as_mut(), prepared) {
                match prepared.metrics(volume) {
                    Ok(metrics) => figures.metrics = metrics,
                    Err(_) => return false,
                }
            }
        }
        self.analysis.volume = volume;
        true
    }

    /// The number of errors (not warnings).
    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
}

/// A design's energy and carbon per inference at `volumes`, in `log10` (`NaN` over capacity,
/// where there is nothing to divide by, and for carbon without a grid intensity).
fn energy_curves(model: &EnergyModel, prepared: &Prepared, volumes: &[u64]) -> EnergyCurves {
    let served = prepared.served_share.to_f64().unwrap_or(f64::NAN);
    let log = |y: f64| {
        if y.is_finite() && y > 0.0 {
            y.log10()
        } else {
            f64::NAN
        }
    };
    let (mut wh, mut g_co2e) = (
        Vec::with_capacity(volumes.len()),
        Vec::with_capacity(volumes.len()),
    );
    for &volume in volumes {
        if prepared.cost.over_capacity(volume) {
            wh.push(f64::NAN);
            g_co2e.push(f64::NAN);
            continue;
        }
        let (kwh, kg) = model.at_f64(volume);
        #[allow(clippy::cast_precision_loss)]
        let requests = volume as f64 * served;
        // kWh × 1000 ÷ requests = Wh; kg × 1000 ÷ requests = g.
        wh.push(log(kwh * 1000.0 / requests));
        g_co2e.push(log(kg * 1000.0 / requests));
    }
    EnergyCurves { wh, g_co2e }
}

/// A curve in `log10`, with `NaN` where it cannot be drawn on a log axis.
fn log_series(series: &Series) -> Series {
    let log = |ys: &[f64]| -> Vec<f64> {
        ys.iter()
            .map(|&y| {
                if y.is_finite() && y > 0.0 {
                    y.log10()
                } else {
                    f64::NAN
                }
            })
            .collect()
    };
    Series {
        roi: log(&series.roi),
        cost_per_inference: log(&series.cost_per_inference),
        monthly_cost: log(&series.monthly_cost),
        monthly_value: log(&series.monthly_value),
    }
}

/// Log-spaced volumes over the chart range plus, for stepped designs, the volumes on both sides
/// of each step inside the range (capped), so the saw-tooth is drawn where it really is.
fn chart_volumes(scenario: &Scenario, prepared: &[Result<Prepared, EconError>]) -> Vec<u64> {
    const MAX_STEP_POINTS: usize = 4000;
    let min = scenario.volume.min.max(1);
    let max = scenario.volume.max.max(min + 1);
    let mut volumes = log_volumes(min, max, CURVE_POINTS);
    let mut steps = Vec::new();
    for p in prepared.iter().flatten() {
        for edge in p.cost.step_edges(min, max, MAX_STEP_POINTS / 2) {
            steps.push(edge);
            steps.push(edge + 1);
        }
    }
    if steps.len() <= MAX_STEP_POINTS {
        volumes.extend(steps.into_iter().filter(|v| (min..=max).contains(v)));
        volumes.sort_unstable();
        volumes.dedup();
    }
    volumes
}
