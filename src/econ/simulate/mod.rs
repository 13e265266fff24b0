//! Monte Carlo over the inputs written as `Range(low, high)`: per design, the P10–P50–P90 band of
//! ROI against volume, and at the current volume the probability of each band and of beating
//! each other design.
//!
//! Each sample draws every ranged input from its distribution (lognormal for positive quantities,
//! logit-normal for rates; see [`crate::model::uncertain`]) and evaluates ROI in floats from
//! each design's cost model, compiled once where the draws allow (see `evaluate`): these are
//! simulated figures, never the exact point estimate the table shows. A seed makes every run
//! reproducible, on any number of cores.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::cost::CostModel;
use super::{EconError, value_per_request};
use crate::model::Scenario;

mod carbon;
mod deciles;
mod draw;
mod evaluate;
mod run;
pub mod samples;
pub mod timeline;

pub use carbon::CarbonOutlook;
use deciles::deciles;
pub use draw::Rng;
use draw::{Draw, apply, draw_for, resolve, value_at};

/// z of the 95th percentile of the standard normal: a 90 % interval is ±1.6449 σ.
const Z95: f64 = 1.644_853_626_951_472_2;

/// Default number of samples.
pub const DEFAULT_SAMPLES: usize = 5_000;
/// The most samples a run may ask for.
pub const MAX_SAMPLES: usize = 1_000_000;
/// The most simulated figures a run may keep at once: samples × points × designs (or months,
/// or columns of the sample table). Memory grows with this product, not with any one factor:
/// 50 million figures are at most 400 MB.
pub const MAX_CELLS: usize = 50_000_000;

/// The most samples that keep `per_sample` figures each (points × designs) within
/// [`MAX_CELLS`] and [`MAX_SAMPLES`]; at least 1.
pub fn max_samples(per_sample: usize) -> usize {
    (MAX_CELLS / per_sample.max(1)).clamp(1, MAX_SAMPLES)
}

/// Refuses a run whose samples × `count` `what` × `designs` exceed [`MAX_CELLS`], before any work.
fn check_size(
    samples: usize,
    (count, what): (usize, &'static str),
    designs: usize,
) -> Result<(), SimulationError> {
    if samples == 0 || samples > MAX_SAMPLES {
        return Err(SimulationError::Samples(samples));
    }
    let per_sample = count.saturating_mul(designs.max(1));
    if samples.saturating_mul(per_sample) > MAX_CELLS {
        return Err(SimulationError::TooLarge {
            samples,
            count,
            what,
            designs,
        });
    }
    Ok(())
}

/// `1,250,000`: the sizes in messages, grouped as the reports print them.
fn grouped(value: usize) -> String {
    crate::format::count(u64::try_from(value).unwrap_or(u64::MAX))
}

/// Ranges whose ends reach outside the values their field may take (a PUE below 1, a share
/// above 1, a price above its limit), as (field path, message): the simulation would draw
/// scenarios the file itself refuses.
pub fn range_problems(scenario: &Scenario) -> Vec<(String, String)> {
    scenario
        .ranges
        .iter()
        .filter_map(|(path, range)| {
            let Some(draw::Target::Input(_, input)) = draw::resolve(scenario, path) else {
                return None;
            };
            let (least, most) = input.domain().bounds();
            let message = if range.low < least {
                format!(
                    "Range({}, {}) reaches below {least}, the least this field may be",
                    range.low, range.high
                )
            } else if let Some(most) = most.filter(|&most| range.high > most) {
                format!(
                    "Range({}, {}) reaches above {most}, the most this field may be",
                    range.low, range.high
                )
            } else if let Some(max) = idle_limit(scenario, path)
                && range.high > max
            {
                format!(
                    "Range({}, {}) reaches above watts_max ({max}): a device never idles above its full load",
                    range.low, range.high
                )
            } else {
                return None;
            };
            Some((path.clone(), message))
        })
        .collect()
}

/// For an idle power's path, the least its stage's full load may be (the low end of a ranged
/// `watts_max`, else its value); `None` for any other path.
fn idle_limit(scenario: &Scenario, path: &str) -> Option<rust_decimal::Decimal> {
    let stage = path.strip_suffix(".watts_idle")?;
    let max = format!("{stage}.watts_max");
    scenario
        .ranges
        .get(&max)
        .map(|r| r.low)
        .or_else(|| draw::value_at(scenario, &max))
}

/// The scenario as reports show it: each uncertain input's median at three significant digits
/// (80.6 %, not 80.5763 %), since the range beside it says how far it may be off. The file and
/// every figure keep the exact median.
pub fn readable_medians(scenario: &Scenario) -> Scenario {
    let mut shown = scenario.clone();
    for path in scenario.ranges.keys() {
        let (Some(target), Some(value)) = (
            draw::resolve(scenario, path),
            draw::value_at(scenario, path),
        ) else {
            continue;
        };
        if matches!(target, draw::Target::Volume) {
            continue;
        }
        if let Some(rounded) = value.round_sf(3) {
            draw::set(&mut shown, &target, rounded.normalize());
        }
    }
    shown
}

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
    /// samples × points × designs over [`MAX_CELLS`].
    #[error(
        "samples × {what} × designs is {} × {} × {} = {} simulated figures; the limit is {}: \
         use at most {} samples with {} {what}",
        grouped(*samples),
        grouped(*count),
        grouped(*designs),
        grouped(samples.saturating_mul(count.saturating_mul(*designs))),
        grouped(MAX_CELLS),
        grouped(max_samples(count.saturating_mul(*designs))),
        grouped(*count)
    )]
    TooLarge {
        /// Samples asked for.
        samples: usize,
        /// Points (volumes), months or columns per design.
        count: usize,
        /// What `count` counts: "points", "months" or "columns".
        what: &'static str,
        /// Designs.
        designs: usize,
    },
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
    /// At the current volume: the probability of each band, in [`crate::econ::Band::ALL`] order.
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
    check_size(samples, (volumes.len(), "points"), scenario.designs.len())?;
    let draws: Vec<Draw> = draws_of(scenario).into_iter().map(|(_, d)| d).collect();
    let designs = run::run(scenario, &draws, volumes, samples, seed)?;
    Ok(Simulation {
        samples,
        seed,
        volumes: volumes.to_vec(),
        volume: scenario.volume.current,
        uncertain: scenario.ranges.keys().cloned().collect(),
        designs,
    })
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
