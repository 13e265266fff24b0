//! Every sample of a simulation, for anyone who wants to audit it: the inputs each sample drew
//! (as the engine used them, shares rescaled) and each design's ROI at the current volume. The
//! same seed gives the same samples as [`super::simulate`].

use super::draw::sample_rng;
use super::evaluate::{Evaluator, roi};
use super::{SimulationError, check_size, draws_of};
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
    let named = draws_of(scenario);
    // Each row keeps every drawn input and every design's ROI.
    check_size(
        samples,
        (named.len() + 1, "columns"),
        scenario.designs.len(),
    )?;
    let paths: Vec<String> = named.iter().map(|(p, _)| p.clone()).collect();
    let draws: Vec<_> = named.into_iter().map(|(_, d)| d).collect();
    let designs = scenario.designs.len();
    let all: Vec<usize> = (0..designs).collect();
    let mut evaluator = Evaluator::new(scenario, &draws, &vec![false; designs]);
    let mut figures = evaluator.figures();
    let mut table = Vec::with_capacity(samples);
    for index in 0..samples {
        evaluator.sample(sample_rng(seed, index), &all, &mut figures);
        #[allow(clippy::cast_precision_loss)]
        let volume = figures.volume as f64;
        let rois = (0..designs)
            .map(|d| {
                let cost = evaluator.cost(d, &figures, figures.volume);
                roi(figures.value[d], volume, cost)
            })
            .collect();
        table.push((figures.drawn.clone(), rois));
    }
    Ok(SampleTable {
        paths,
        designs: scenario.designs.iter().map(|d| d.name.clone()).collect(),
        rows: table,
    })
}
