//! Monte Carlo over the inputs written as `Range(low, high)`: per design, the P10–P50–P90 band of
//! ROI against volume, and at the current volume the probability of each band and of beating
//! each other design.
//!
//! Each sample draws every ranged input from its distribution (lognormal for positive quantities,
//! logit-normal for rates; see [`crate::model::uncertain`]), compiles the designs with the exact
//! engine, and evaluates ROI with its float model (these are simulated figures, never the exact
//! point estimate the table shows). A seed makes every run reproducible.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::cost::CostModel;
use super::whatif::Input;
use super::{Band, EconError, Prepared, value_per_request};
use crate::model::Scenario;

mod carbon;
mod draw;
pub mod samples;
pub mod timeline;

pub use carbon::CarbonOutlook;
use carbon::carbon_f64;
pub use draw::Rng;
use draw::{Draw, Target, apply, draw_for, resolve, sample_rng, value_at};

/// z of the 95th percentile of the standard normal: a 90 % interval is ±1.6449 σ.
const Z95: f64 = 1.644_853_626_951_472_2;

/// Default number of samples.
pub const DEFAULT_SAMPLES: usize = 5_000;
/// The most samples a run may ask for.
pub const MAX_SAMPLES: usize = 1_000_000;

/// Keeps `changed`'s ranges true after an edit of `before`: a range follows its design or use
/// case (by name) when they are reordered, deleted or renamed in place, and a range whose field no
/// longer holds the range's point estimate (a value typed over it) is dropped.
pub fn settle_ranges(before: &Scenario, changed: &mut Scenario) {
    if changed.ranges.is_empty() {
        return;
    }
    let moved = |path: &str| -> Option<String> {
        for (prefix, old_names, new_names) in [
            (
                "designs[",
                before
                    .designs
                    .iter()
                    .map(|d| d.name.as_str())
                    .collect::<Vec<_>>(),
                changed
                    .designs
                    .iter()
                    .map(|d| d.name.as_str())
                    .collect::<Vec<_>>(),
            ),
            (
                "use_cases[",
                before.use_cases.iter().map(|c| c.name.as_str()).collect(),
                changed.use_cases.iter().map(|c| c.name.as_str()).collect(),
            ),
        ] {
            if let Some(rest) = path.strip_prefix(prefix) {
                let (index, tail) = rest.split_once(']')?;
                let old: usize = index.parse().ok()?;
                let name = old_names.get(old)?;
                // Same name elsewhere, or the same place (a rename).
                let new = new_names
                    .iter()
                    .position(|n| n == name)
                    .or_else(|| (old_names.len() == new_names.len()).then_some(old))?;
                return Some(format!("{prefix}{new}]{tail}"));
            }
        }
        Some(path.to_owned())
    };
    let ranges = std::mem::take(&mut changed.ranges);
    for (path, range) in ranges {
        let Some(path) = moved(&path) else { continue };
        let Ok(point) = range.point(&path) else {
            continue;
        };
        // A field that does not drive ROI (not an input here) keeps its range as written.
        if value_at(changed, &path).unwrap_or(point) == point {
            changed.ranges.insert(path, range);
        }
    }
}

/// Why a simulation cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SimulationError {
    /// Too many or too few samples.
    #[error("samples must be 1 to {MAX_SAMPLES}, got {0}")]
    Samples(usize),
    /// A worker thread panicked (a bug, not bad input): no result rather than a wrong one.
    #[error("the simulation stopped: a worker failed ({0}); please report this with the scenario")]
    WorkerPanicked(String),
}

/// The results of scoped worker threads, in order; a worker that panicked is reported as such.
fn join_all<T>(
    handles: Vec<std::thread::ScopedJoinHandle<'_, T>>,
) -> Result<Vec<T>, SimulationError> {
    handles
        .into_iter()
        .map(|h| {
            h.join()
                .map_err(|p| SimulationError::WorkerPanicked(panic_message(p.as_ref())))
        })
        .collect()
}

/// The message of a panic caught from a worker thread.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_owned())
}

/// Per design: the simulated band of ROI against volume, and the odds at the current volume.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignOutlook {
    /// P10 of ROI at each volume (`NaN` where over capacity in more than half the samples).
    pub p10: Vec<f64>,
    /// P50 of ROI at each volume.
    pub p50: Vec<f64>,
    /// P90 of ROI at each volume.
    pub p90: Vec<f64>,
    /// At the current volume: P10, P50 and P90 of ROI.
    pub now: [f64; 3],
    /// At the current volume: the probability of each band, in [`Band::ALL`] order.
    pub band_odds: [f64; 4],
    /// At the current volume: per other design, the probability that this one has the strictly
    /// higher ROI (`NaN` for itself).
    pub beats: Vec<f64>,
    /// Samples in which the design could not be computed (a sampled input out of its range).
    pub failed: usize,
    /// At the current volume, for a design with energy data and a grid intensity: P10, P50 and
    /// P90 of ROI with carbon and of `gCO₂e` per inference (energy and carbon ranges drawn too).
    pub carbon: Option<CarbonOutlook>,
}

/// The result of a simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    /// Samples drawn.
    pub samples: usize,
    /// The seed.
    pub seed: u64,
    /// The volumes of the bands.
    pub volumes: Vec<u64>,
    /// The current volume the odds are taken at (the point estimate's).
    pub volume: u64,
    /// The ranged inputs, by path.
    pub uncertain: Vec<String>,
    /// One per design (`Err` for a design that does not compile as written).
    pub designs: Vec<Result<DesignOutlook, EconError>>,
}

/// ROI of a compiled design at `volume` in floats; `NaN` over capacity, `+∞` at zero cost.
fn roi_f64(model: &CostModel, value_per_inference: f64, volume: u64) -> f64 {
    if model.over_capacity(volume) {
        return f64::NAN;
    }
    let Ok(cost) = model.monthly_cost_f64(volume) else {
        return f64::NAN;
    };
    #[allow(clippy::cast_precision_loss)]
    let v = volume as f64;
    if cost <= 0.0 {
        f64::INFINITY
    } else {
        value_per_inference * v / cost
    }
}

/// P10, P50 and P90 of `values`, ignoring `NaN`; all `NaN` when half or more are `NaN` (over
/// capacity in most samples). Reorders `values`.
fn deciles(values: &mut [f64]) -> [f64; 3] {
    let total = values.len();
    let mut n = 0;
    for i in 0..total {
        if !values[i].is_nan() {
            values.swap(n, i);
            n += 1;
        }
    }
    if n == 0 || n * 2 < total {
        return [f64::NAN; 3];
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = |q: f64| ((q * (n - 1) as f64).round() as usize).min(n - 1);
    let (k10, k50, k90) = (rank(0.1), rank(0.5), rank(0.9));
    // The median splits the values; P10 lies below it and P90 above, so each later selection
    // works on a part only.
    let (below, median, above) = values[..n].select_nth_unstable_by(k50, f64::total_cmp);
    let median = *median;
    let p10 = if k10 < k50 {
        *below.select_nth_unstable_by(k10, f64::total_cmp).1
    } else {
        median
    };
    let p90 = if k90 > k50 {
        *above
            .select_nth_unstable_by(k90 - k50 - 1, f64::total_cmp)
            .1
    } else {
        median
    };
    [p10, median, p90]
}

/// The ranged inputs that are drawn, by path, in the order samples draw them.
fn draws_of(scenario: &Scenario) -> Vec<(String, Draw)> {
    let mut draws = Vec::new();
    for (path, range) in &scenario.ranges {
        // A range on a field that does not drive ROI (a success rate every use case overrides,
        // tokens per request beside a requests-per-second throughput) changes nothing.
        let Some(target) = resolve(scenario, path) else {
            continue;
        };
        // A range at a point is the point the scenario already holds, exactly.
        if range.low != range.high {
            draws.push((path.clone(), draw_for(path, *range, target)));
        }
    }
    draws
}

/// Runs `samples` draws of every ranged input of `scenario` with `seed`, giving ROI bands at
/// `volumes` and the odds at the current volume.
pub fn simulate(
    scenario: &Scenario,
    volumes: &[u64],
    samples: usize,
    seed: u64,
) -> Result<Simulation, SimulationError> {
    if samples == 0 || samples > MAX_SAMPLES {
        return Err(SimulationError::Samples(samples));
    }
    let draws: Vec<Draw> = draws_of(scenario).into_iter().map(|(_, d)| d).collect();
    let designs = scenario.designs.len();
    // The designs are split across the machine's cores, each thread drawing every sample (each
    // sample has its own random stream, from the seed and its index), so the result does not
    // depend on the split, and each design's columns are filled where they are kept: no copy.
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(designs)
        .max(1);
    let chunks: Vec<Chunk> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let mine: Vec<usize> = (t..designs).step_by(threads).collect();
                let draws = &draws;
                scope.spawn(move || run_chunk(scenario, draws, volumes, seed, (samples, &mine)))
            })
            .collect();
        join_all(handles)
    })?;
    // Each design's samples come from one chunk: moved, not copied.
    let mut curves = vec![Vec::new(); designs];
    let mut now = vec![Vec::new(); designs];
    let mut failed = vec![0usize; designs];
    let mut carbon = vec![[Vec::new(), Vec::new()]; designs];
    for mut chunk in chunks {
        for &d in &chunk.designs {
            curves[d] = std::mem::take(&mut chunk.curves[d]);
            now[d] = std::mem::take(&mut chunk.now[d]);
            failed[d] = chunk.failed[d];
            carbon[d] = std::mem::take(&mut chunk.carbon[d]);
        }
    }
    // The designs' percentiles are independent: one thread per design, a core each.
    let outlooks = std::thread::scope(|scope| {
        let now = &now;
        let failed = &failed;
        let handles: Vec<_> = curves
            .iter_mut()
            .zip(carbon.iter_mut())
            .enumerate()
            .map(|(d, (columns, carbon))| {
                scope
                    .spawn(move || outlook(scenario, d, columns, now, (failed[d], carbon), samples))
            })
            .collect();
        join_all(handles)
    })?;
    Ok(Simulation {
        samples,
        seed,
        volumes: volumes.to_vec(),
        volume: scenario.volume.current,
        uncertain: scenario.ranges.keys().cloned().collect(),
        designs: outlooks,
    })
}

/// The outlook of design `d` from its samples.
fn outlook(
    scenario: &Scenario,
    d: usize,
    curves: &mut [Vec<f64>],
    now: &[Vec<f64>],
    (failed, carbon): (usize, &mut [Vec<f64>; 2]),
    samples: usize,
) -> Result<DesignOutlook, EconError> {
    let designs = scenario.designs.len();
    // A design that does not compile as written has no outlook.
    Prepared::new(scenario, &scenario.designs[d])?;
    let points = curves.len();
    let mut p10 = Vec::with_capacity(points);
    let mut p50 = Vec::with_capacity(points);
    let mut p90 = Vec::with_capacity(points);
    for column in curves.iter_mut() {
        let [a, b, c] = deciles(column);
        p10.push(a);
        p50.push(b);
        p90.push(c);
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
    let beats = (0..designs)
        .map(|other| {
            if other == d {
                return f64::NAN;
            }
            let wins = (0..samples)
                .filter(|&s| {
                    let (a, b) = (now[d][s], now[other][s]);
                    !a.is_nan() && (b.is_nan() || a > b)
                })
                .count();
            share(wins)
        })
        .collect();
    let at_now = deciles(&mut now[d].clone());
    let [roi_with_carbon, grams] = carbon;
    let carbon = (!roi_with_carbon.is_empty())
        .then(|| CarbonOutlook {
            roi_with_carbon: deciles(roi_with_carbon),
            g_co2e_per_inference: deciles(grams),
        })
        .filter(|c| !c.g_co2e_per_inference[1].is_nan());
    Ok(DesignOutlook {
        p10,
        p50,
        p90,
        now: at_now,
        band_odds: band_counts.map(share),
        beats,
        failed,
        carbon,
    })
}

/// One thread's designs, every sample: ROI per design, per volume, per sample; for designs
/// with energy data, ROI with carbon and `gCO₂e` per inference at the current volume. Indexed by
/// the scenario's design index; the designs of other threads stay empty.
struct Chunk {
    designs: Vec<usize>,
    curves: Vec<Vec<Vec<f64>>>,
    now: Vec<Vec<f64>>,
    failed: Vec<usize>,
    carbon: Vec<[Vec<f64>; 2]>,
}

impl Chunk {
    fn with_capacity(designs: usize, mine: &[usize], points: usize, samples: usize) -> Chunk {
        let mut chunk = Chunk {
            designs: mine.to_vec(),
            curves: vec![Vec::new(); designs],
            now: vec![Vec::new(); designs],
            failed: vec![0; designs],
            carbon: vec![[Vec::new(), Vec::new()]; designs],
        };
        for &d in mine {
            chunk.curves[d] = (0..points).map(|_| Vec::with_capacity(samples)).collect();
            chunk.now[d] = Vec::with_capacity(samples);
        }
        chunk
    }
}

/// Per design, its cost model compiled once when none of its cost inputs is uncertain (else
/// `None`: compiled again for each sample).
fn fixed_cost_models(scenario: &Scenario, draws: &[Draw]) -> Vec<Option<CostModel>> {
    // Designs none of whose cost inputs is uncertain keep the cost model compiled once.
    scenario
        .designs
        .iter()
        .enumerate()
        .map(|(d, design)| {
            // A routed design's cost moves with the designs it uses and with any use case's
            // share or size (they move load between those designs).
            let varies = match CostModel::new(scenario, design) {
                Ok(model) if !model.parts().is_empty() => draws.iter().any(|draw| {
                    draw.moves_cost_of(d)
                        || draw.moves_load()
                        || model.parts().iter().any(|p| draw.moves_cost_of(p.design))
                }),
                _ => draws.iter().any(|draw| draw.moves_cost_of(d)),
            };
            if varies {
                None
            } else {
                CostModel::new(scenario, design).ok()
            }
        })
        .collect()
}

/// Per design, its cost model compiled once when the only uncertain inputs of its cost are its
/// own overhead, fixed and one-time costs (not a routed design): each sample patches those into
/// it instead of compiling it again. `None` where [`fixed_cost_models`] applies.
fn patchable_cost_models(scenario: &Scenario, draws: &[Draw]) -> Vec<Option<CostModel>> {
    scenario
        .designs
        .iter()
        .enumerate()
        .map(|(d, design)| {
            let moving: Vec<&Draw> = draws.iter().filter(|w| w.moves_cost_of(d)).collect();
            let patchable = !moving.is_empty()
                && design.serving.routes().is_none()
                && moving.iter().all(|w| w.moves_design_costs_of(d));
            patchable
                .then(|| CostModel::new(scenario, design).ok())
                .flatten()
        })
        .collect()
}

/// A design's cost model and value per request (in floats) for one sample: the model compiled
/// once when none of its cost inputs is uncertain (`fixed`), else compiled for this sample's
/// inputs; `None` when the sample's inputs do not compute (a drawn value out of its range).
fn sample_design<'a>(
    fixed: Option<&'a CostModel>,
    work: &Scenario,
    design: &crate::model::Design,
) -> Option<(std::borrow::Cow<'a, CostModel>, f64)> {
    let cost = match fixed {
        Some(model) => std::borrow::Cow::Borrowed(model),
        None => std::borrow::Cow::Owned(CostModel::new(work, design).ok()?),
    };
    let value = value_per_request(work, design).ok()?;
    Some((cost, value.to_f64().unwrap_or(f64::NAN)))
}

/// Writes one sample's drawn inputs into `work` (a copy of `scenario`); drawn shares are
/// rescaled to sum to what they did.
fn draw_sample(
    work: &mut Scenario,
    scenario: &Scenario,
    draws: &[Draw],
    mut rng: Rng,
    shares_ranged: bool,
) {
    if shares_ranged {
        // Start from the written shares: the last sample's were rescaled.
        for (case, original) in work.use_cases.iter_mut().zip(&scenario.use_cases) {
            case.share = original.share;
        }
    }
    for draw in draws {
        let value = draw.sample(&mut rng);
        apply(work, &draw.target, value);
    }
    if shares_ranged {
        let total: Decimal = work.use_cases.iter().map(|c| c.share).sum();
        if total > Decimal::ZERO {
            for case in &mut work.use_cases {
                case.share = case.share.checked_div(total).unwrap_or(case.share);
            }
        }
    }
}

/// Draws every one of `samples` samples and evaluates the designs `mine` in each.
fn run_chunk(
    scenario: &Scenario,
    draws: &[Draw],
    volumes: &[u64],
    seed: u64,
    (samples, mine): (usize, &[usize]),
) -> Chunk {
    let designs = scenario.designs.len();
    let mut chunk = Chunk::with_capacity(designs, mine, volumes.len(), samples);
    let mut work = scenario.clone();
    let fixed_costs = fixed_cost_models(scenario, draws);
    // Models whose only uncertain cost inputs are their own fixed costs take each sample's
    // values in place (no compile, no allocation per sample).
    let mut patched = patchable_cost_models(scenario, draws);
    let shares_ranged = draws
        .iter()
        .any(|d| matches!(d.target, Target::Input(None, Input::Share(_))));
    // ROI with carbon for the designs with energy data and a grid (others skip the work).
    let with_carbon: Vec<bool> = scenario
        .designs
        .iter()
        .map(|d| {
            let m = super::energy::EnergyModel::new(scenario, d).ok().flatten();
            m.is_some_and(|m| !m.at_f64(1).1.is_nan())
        })
        .collect();
    for index in 0..samples {
        draw_sample(
            &mut work,
            scenario,
            draws,
            sample_rng(seed, index),
            shares_ranged,
        );
        for &d in mine {
            let design = &work.designs[d];
            let evaluated = match patched[d].as_mut() {
                Some(model) => match model.set_design_costs(design) {
                    Ok(()) => sample_design(Some(&*model), &work, design),
                    Err(_) => None,
                },
                None => sample_design(fixed_costs[d].as_ref(), &work, design),
            };
            let Some((cost, value)) = evaluated else {
                chunk.failed[d] += 1;
                for column in &mut chunk.curves[d] {
                    column.push(f64::NAN);
                }
                chunk.now[d].push(f64::NAN);
                if with_carbon[d] {
                    chunk.carbon[d].iter_mut().for_each(|c| c.push(f64::NAN));
                }
                continue;
            };
            for (j, &volume) in volumes.iter().enumerate() {
                chunk.curves[d][j].push(roi_f64(&cost, value, volume));
            }
            let now = work.volume.current.max(1);
            chunk.now[d].push(roi_f64(&cost, value, now));
            if with_carbon[d] {
                let [roi, grams] = carbon_f64(&work, design, (&cost, value), now);
                chunk.carbon[d][0].push(roi);
                chunk.carbon[d][1].push(grams);
            }
        }
    }
    chunk
}
