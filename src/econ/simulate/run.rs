//! The simulation in two passes, each on every core.
//!
//! 1. **Samples**, split across the cores by sample: each sample draws its inputs from its own
//!    random stream (the seed and its index), so the result does not depend on the split; per
//!    design it keeps value per request, the factor and addend of its serving cost, and ROI at
//!    the sample's current volume. A design compiled per sample keeps its cost at each volume.
//! 2. **Percentiles**, split across the cores by design: per volume, one column of ROI is
//!    computed from those figures into a buffer that is reused, and its P10–P50–P90 taken by a
//!    [`Tracker`] (neighbouring volumes order the samples almost alike).
//!
//! Nothing is allocated per sample or per column.

use std::ops::Range;

use super::carbon::{FixedEnergy, carbon_f64, carbon_fixed, fixed_energy, price_f64};
use super::deciles::{Tracker, deciles};
use super::draw::{Draw, sample_rng};
use super::evaluate::{CostPath, Evaluator, roi};
use super::{DesignOutlook, SimulationError, join_all};
use crate::econ::{Band, EconError, Prepared};
use crate::model::Scenario;

/// One core's samples: per design, the figures each sample needs for any volume.
struct Block {
    range: Range<usize>,
    /// Per design, per sample: value per request.
    value: Vec<Vec<f64>>,
    /// Per design, per sample: the factor and addend of its serving cost.
    scale: Vec<Vec<(f64, f64)>>,
    /// Per design compiled per sample: its cost at each volume, volume-major
    /// (`costs[d][j * samples + s]`); empty for the other designs.
    costs: Vec<Vec<f64>>,
    /// Per design, per sample: ROI at the sample's current volume.
    now: Vec<Vec<f64>>,
    /// Per design with carbon figures, per sample: ROI with carbon and `gCO₂e` per inference.
    carbon: Vec<[Vec<f64>; 2]>,
    /// Per design: samples in which it did not compute.
    failed: Vec<usize>,
}

/// Whether each design has energy data and a grid intensity (ROI with carbon computes).
pub(super) fn with_carbon(scenario: &Scenario) -> Vec<bool> {
    scenario
        .designs
        .iter()
        .map(|d| {
            let m = crate::econ::energy::EnergyModel::new(scenario, d)
                .ok()
                .flatten();
            m.is_some_and(|m| !m.at_f64(1).1.is_nan())
        })
        .collect()
}

/// Draws the samples of `range` and keeps each design's figures.
fn sample_block(
    evaluator: &mut Evaluator<'_>,
    volumes: &[u64],
    seed: u64,
    range: Range<usize>,
    (carbon, fixed, price): (&[bool], &[Option<FixedEnergy>], Option<f64>),
) -> Block {
    let designs = carbon.len();
    let all: Vec<usize> = (0..designs).collect();
    let len = range.len();
    let mut block = Block {
        range: range.clone(),
        value: vec![Vec::with_capacity(len); designs],
        scale: vec![Vec::with_capacity(len); designs],
        costs: evaluator
            .paths
            .iter()
            .map(|p| match p {
                CostPath::Compiled => vec![f64::NAN; len * volumes.len()],
                _ => Vec::new(),
            })
            .collect(),
        now: vec![Vec::with_capacity(len); designs],
        carbon: carbon
            .iter()
            .map(|&c| {
                if c {
                    [Vec::with_capacity(len), Vec::with_capacity(len)]
                } else {
                    [Vec::new(), Vec::new()]
                }
            })
            .collect(),
        failed: vec![0; designs],
    };
    let mut figures = evaluator.figures();
    for (local, index) in range.enumerate() {
        evaluator.sample(sample_rng(seed, index), &all, &mut figures);
        #[allow(clippy::cast_precision_loss)]
        let now = figures.volume as f64;
        for (d, &with_carbon) in carbon.iter().enumerate() {
            let value = figures.value[d];
            let compiled = matches!(evaluator.paths[d], CostPath::Compiled);
            if value.is_nan() || (compiled && figures.compiled[d].is_none()) {
                block.failed[d] += 1;
            }
            block.value[d].push(value);
            block.scale[d].push(figures.scale[d]);
            if compiled {
                for (j, &volume) in volumes.iter().enumerate() {
                    block.costs[d][j * len + local] = evaluator.cost(d, &figures, volume);
                }
            }
            let cost = evaluator.cost(d, &figures, figures.volume);
            block.now[d].push(roi(value, now, cost));
            if with_carbon {
                let pair = if let Some(energy) = &fixed[d] {
                    let price = price.unwrap_or_else(|| {
                        price_f64(evaluator.work().unwrap_or(evaluator.scenario))
                    });
                    carbon_fixed(energy, (value, cost), figures.volume, price)
                } else {
                    match (evaluator.work(), evaluator.model(d, &figures)) {
                        (Some(work), Some(model)) if !value.is_nan() => {
                            carbon_f64(work, &work.designs[d], (&model, value), figures.volume)
                        }
                        _ => [f64::NAN; 2],
                    }
                };
                block.carbon[d][0].push(pair[0]);
                block.carbon[d][1].push(pair[1]);
            }
        }
    }
    block
}

/// Runs `samples` samples of `draws` over `scenario` and gives each design's outlook.
pub(super) fn run(
    scenario: &Scenario,
    draws: &[Draw],
    volumes: &[u64],
    samples: usize,
    seed: u64,
) -> Result<Vec<Result<DesignOutlook, EconError>>, SimulationError> {
    let designs = scenario.designs.len();
    let carbon = with_carbon(scenario);
    let evaluator = Evaluator::new(scenario, draws, &vec![false; designs]);
    // Carbon figures from an energy model compiled once where no draw changes it; the others
    // (and a drawn carbon price) need each sample's inputs written into a working copy.
    let fixed = fixed_energy(scenario, draws, &carbon);
    let per_sample = carbon.iter().zip(&fixed).any(|(&c, f)| c && f.is_none());
    let price_drawn = carbon.iter().any(|&c| c) && draws.iter().any(Draw::moves_carbon_price);
    let evaluator = evaluator.with_work(per_sample || price_drawn);
    // The carbon price, unless each sample draws its own.
    let price = (!price_drawn).then(|| price_f64(scenario));
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = cores.min(samples).max(1);
    let blocks: Vec<Block> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = samples * t / threads..samples * (t + 1) / threads;
                let mut evaluator = evaluator.clone();
                let plan = (carbon.as_slice(), fixed.as_slice(), price);
                scope.spawn(move || sample_block(&mut evaluator, volumes, seed, range, plan))
            })
            .collect();
        join_all(handles)
    })?;
    // Every design's ROI at the current volume, sample by sample, for the odds of beating it.
    let now: Vec<Vec<f64>> = (0..designs)
        .map(|d| {
            blocks
                .iter()
                .flat_map(|b| b.now[d].iter().copied())
                .collect()
        })
        .collect();
    let threads = cores.min(designs).max(1);
    let mut outlooks: Vec<Option<Result<DesignOutlook, EconError>>> = vec![None; designs];
    let parts = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (blocks, now, evaluator) = (&blocks, &now, &evaluator);
                scope.spawn(move || {
                    let mut tracker = Tracker::default();
                    let mut column = vec![0.0; samples];
                    (t..designs)
                        .step_by(threads)
                        .map(|d| {
                            let outlook = outlook(
                                scenario,
                                evaluator,
                                (blocks, now),
                                (volumes, samples),
                                (d, &mut tracker, &mut column),
                            );
                            (d, outlook)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        join_all(handles)
    })?;
    for (d, outlook) in parts.into_iter().flatten() {
        outlooks[d] = Some(outlook);
    }
    Ok(outlooks
        .into_iter()
        .map(|o| o.unwrap_or(Err(EconError::NoCapacity)))
        .collect())
}

/// Design `d`'s outlook from every block's figures.
fn outlook(
    scenario: &Scenario,
    evaluator: &Evaluator<'_>,
    (blocks, now): (&[Block], &[Vec<f64>]),
    (volumes, samples): (&[u64], usize),
    (d, tracker, column): (usize, &mut Tracker, &mut [f64]),
) -> Result<DesignOutlook, EconError> {
    // A design that does not compile as written has no outlook.
    Prepared::new(scenario, &scenario.designs[d])?;
    let (mut p10, mut p50, mut p90) = (
        Vec::with_capacity(volumes.len()),
        Vec::with_capacity(volumes.len()),
        Vec::with_capacity(volumes.len()),
    );
    for (j, &volume) in volumes.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let v = volume as f64;
        // The serving cost at this volume, the same in every sample unless compiled per sample.
        let serving = match &evaluator.paths[d] {
            CostPath::Fixed(model) if !model.over_capacity(volume) => {
                model.monthly_cost_f64(volume).unwrap_or(f64::NAN)
            }
            CostPath::Patched(model, _) if !model.over_capacity(volume) => {
                model.serving_cost_f64(volume).unwrap_or(f64::NAN)
            }
            _ => f64::NAN,
        };
        for block in blocks {
            let out = &mut column[block.range.clone()];
            if block.costs[d].is_empty() {
                for ((x, &value), &(factor, fixed)) in
                    out.iter_mut().zip(&block.value[d]).zip(&block.scale[d])
                {
                    *x = roi(value, v, serving * factor + fixed);
                }
            } else {
                let len = block.range.len();
                let costs = &block.costs[d][j * len..(j + 1) * len];
                for ((x, &value), &cost) in out.iter_mut().zip(&block.value[d]).zip(costs) {
                    *x = roi(value, v, cost);
                }
            }
        }
        let [low, median, high] = tracker.next(column);
        p10.push(low);
        p50.push(median);
        p90.push(high);
    }
    #[allow(clippy::cast_precision_loss)]
    let share = |count: usize| count as f64 / samples as f64;
    let mut band_counts = [0usize; 4];
    for &roi in &now[d] {
        if roi.is_nan() {
            continue;
        }
        let band = Band::of_f64(roi);
        if let Some(k) = Band::ALL.iter().position(|b| *b == band) {
            band_counts[k] += 1;
        }
    }
    let beats = (0..now.len())
        .map(|other| {
            if other == d {
                return f64::NAN;
            }
            let wins = now[d]
                .iter()
                .zip(&now[other])
                .filter(|&(&a, &b)| !a.is_nan() && (b.is_nan() || a > b))
                .count();
            share(wins)
        })
        .collect();
    let at_now = deciles(&mut now[d].clone());
    let carbon = blocks
        .iter()
        .all(|b| !b.carbon[d][0].is_empty())
        .then(|| {
            let gather = |k: usize| -> Vec<f64> {
                blocks
                    .iter()
                    .flat_map(|b| b.carbon[d][k].iter().copied())
                    .collect()
            };
            super::CarbonOutlook {
                roi_with_carbon: deciles(&mut gather(0)),
                g_co2e_per_inference: deciles(&mut gather(1)),
            }
        })
        .filter(|c| !c.g_co2e_per_inference[1].is_nan());
    Ok(DesignOutlook {
        p10,
        p50,
        p90,
        now: at_now,
        band_odds: band_counts.map(share),
        beats,
        failed: blocks.iter().map(|b| b.failed[d]).sum(),
        carbon,
    })
}
