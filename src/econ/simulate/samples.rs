//! Every sample of a simulation, for anyone who wants to audit it: the inputs each sample drew
//! (as the engine used them, shares rescaled) and each design's ROI at the current volume. The
//! same seed gives the same samples as [`super::simulate`].

use rust_decimal::prelude::ToPrimitive;

use super::draw::{Target, sample_rng, value_at};
use super::{
    MAX_SAMPLES, SimulationError, draw_sample, draws_of, fixed_cost_models, roi_f64, sample_design,
};
use crate::econ::whatif::Input;
use crate::model::Scenario;

/// The drawn inputs and the resulting ROI, one row per sample.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleTable {
    /// The drawn inputs' paths, in column order.
    pub paths: Vec<String>,
    /// The designs' names, in column order.
    pub designs: Vec<String>,
    /// Per sample: the inputs' values, then each design's ROI at the sample's current volume
    /// (`NaN` where it could not be computed, `+∞` at zero cost).
    pub rows: Vec<(Vec<f64>, Vec<f64>)>,
}

/// Draws `samples` samples with `seed`, as [`super::simulate`] does, and keeps each.
pub fn simulate_samples(
    scenario: &Scenario,
    samples: usize,
    seed: u64,
) -> Result<SampleTable, SimulationError> {
    if samples == 0 || samples > MAX_SAMPLES {
        return Err(SimulationError::Samples(samples));
    }
    let named = draws_of(scenario);
    let paths: Vec<String> = named.iter().map(|(p, _)| p.clone()).collect();
    let draws: Vec<_> = named.into_iter().map(|(_, d)| d).collect();
    let fixed = fixed_cost_models(scenario, &draws);
    let shares_ranged = draws
        .iter()
        .any(|d| matches!(d.target, Target::Input(None, Input::Share(_))));
    let mut work = scenario.clone();
    let mut table = Vec::with_capacity(samples);
    for index in 0..samples {
        draw_sample(
            &mut work,
            scenario,
            &draws,
            sample_rng(seed, index),
            shares_ranged,
        );
        let inputs = paths
            .iter()
            .map(|p| {
                value_at(&work, p)
                    .and_then(|v| v.to_f64())
                    .unwrap_or(f64::NAN)
            })
            .collect();
        let volume = work.volume.current.max(1);
        let rois = work
            .designs
            .iter()
            .enumerate()
            .map(|(d, design)| {
                sample_design(fixed[d].as_ref(), &work, design)
                    .map_or(f64::NAN, |(cost, value)| roi_f64(&cost, value, volume))
            })
            .collect();
        table.push((inputs, rois));
    }
    Ok(SampleTable {
        paths,
        designs: scenario.designs.iter().map(|d| d.name.clone()).collect(),
        rows: table,
    })
}
