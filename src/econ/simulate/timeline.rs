//! The timeline under uncertainty
//! (`docs/method.md#over-time-growth-payback-budget-and-measured-months`): with inputs written as
//! ranges — the growth rate above all — the P10–P50–P90 of each design's cumulative net cash per
//! month and the probability it has paid back by each month. Each sample draws every ranged input,
//! grows the volume month by month as the exact timeline does (compound growth rounded half away
//! from zero) and evaluates the designs with the one float cost formula.

use rust_decimal::prelude::ToPrimitive;

use super::draw::{Draw, resolve, sample_rng};
use super::{
    SimulationError, check_size, deciles, draw_for, draw_sample, fixed_cost_models, join_all,
    sample_design,
};
use crate::econ::{EconError, Prepared};
use crate::model::{Growth, Month, Scenario};

/// One design's simulated cash.
#[derive(Debug, Clone, PartialEq)]
pub struct CashOutlook {
    /// P10 of cumulative net cash after each month.
    pub p10: Vec<f64>,
    /// P50.
    pub p50: Vec<f64>,
    /// P90.
    pub p90: Vec<f64>,
    /// The probability of having paid back by each month.
    pub payback_by: Vec<f64>,
    /// Samples in which the design could not be computed.
    pub failed: usize,
}

/// The simulated timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineSimulation {
    /// Samples drawn.
    pub samples: usize,
    /// The seed.
    pub seed: u64,
    /// The months.
    pub months: Vec<Month>,
    /// The ranged inputs, by path.
    pub uncertain: Vec<String>,
    /// One per design (`Err` for a design that does not compile as written).
    pub designs: Vec<Result<CashOutlook, EconError>>,
}

/// The months' volumes for a sample's growth, in floats, rounded as the exact timeline rounds.
fn volumes(current: u64, growth: &Growth, months: usize) -> Vec<u64> {
    #[allow(clippy::cast_precision_loss)]
    let v1 = current as f64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = |v: f64| (v.round().max(1.0)) as u64;
    match growth {
        Growth::Monthly(volumes) => volumes.clone(),
        Growth::Linear { requests_per_month } => {
            let r = requests_per_month.to_f64().unwrap_or(0.0);
            #[allow(clippy::cast_precision_loss)]
            (0..months).map(|m| whole(v1 + r * m as f64)).collect()
        }
        Growth::Compound { pct_per_month } => {
            let factor = 1.0 + pct_per_month.to_f64().unwrap_or(0.0) / 100.0;
            let mut v = v1;
            (0..months)
                .map(|_| {
                    let out = whole(v);
                    v *= factor;
                    out
                })
                .collect()
        }
    }
}

/// One thread's samples: per design, per month, the cumulative cash of each sample, and the
/// month each sample paid back.
struct Chunk {
    cash: Vec<Vec<Vec<f64>>>,
    payback: Vec<Vec<Option<usize>>>,
    failed: Vec<usize>,
}

fn run_chunk(
    scenario: &Scenario,
    draws: &[Draw],
    seed: u64,
    range: std::ops::Range<usize>,
) -> Chunk {
    let designs = scenario.designs.len();
    let months = scenario.timeline.as_ref().map_or(0, |t| t.months as usize);
    let mut chunk = Chunk {
        cash: vec![vec![Vec::with_capacity(range.len()); months]; designs],
        payback: vec![Vec::with_capacity(range.len()); designs],
        failed: vec![0; designs],
    };
    let mut work = scenario.clone();
    let fixed_costs = fixed_cost_models(scenario, draws);
    let shares_ranged = draws.iter().any(super::draw::Draw::moves_load);
    for index in range {
        draw_sample(
            &mut work,
            scenario,
            draws,
            sample_rng(seed, index),
            shares_ranged,
        );
        let Some(t) = &work.timeline else { continue };
        let volumes = volumes(work.volume.current, &t.growth, months);
        for (d, design) in work.designs.iter().enumerate() {
            let Some((cost, value)) = sample_design(fixed_costs[d].as_ref(), &work, design) else {
                chunk.failed[d] += 1;
                for column in &mut chunk.cash[d] {
                    column.push(f64::NAN);
                }
                chunk.payback[d].push(None);
                continue;
            };
            let (amount, amortised) = crate::econ::timeline::one_time(&work, design, &cost);
            let amortised = amortised.to_f64().unwrap_or(0.0);
            let mut cash = -amount.to_f64().unwrap_or(0.0);
            let mut paid_back = None;
            for (m, &volume) in volumes.iter().enumerate() {
                let monthly = cost.monthly_cost_f64(volume).unwrap_or(f64::NAN);
                #[allow(clippy::cast_precision_loss)]
                let earned = value * volume as f64;
                cash += earned - (monthly - amortised);
                if paid_back.is_none() && cash >= 0.0 {
                    paid_back = Some(m);
                }
                chunk.cash[d][m].push(cash);
            }
            chunk.payback[d].push(paid_back);
        }
    }
    chunk
}

/// Simulates the timeline of `scenario` over its ranged inputs; `None` without a timeline.
pub fn simulate_timeline(
    scenario: &Scenario,
    samples: usize,
    seed: u64,
) -> Result<Option<TimelineSimulation>, SimulationError> {
    let Some(t) = &scenario.timeline else {
        return Ok(None);
    };
    check_size(
        samples,
        (t.months as usize, "months"),
        scenario.designs.len(),
    )?;
    let draws: Vec<Draw> = scenario
        .ranges
        .iter()
        .filter(|(_, range)| range.low != range.high)
        .filter_map(|(path, range)| {
            resolve(scenario, path).map(|target| draw_for(path, *range, target))
        })
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(samples.div_ceil(250))
        .max(1);
    let per_thread = samples.div_ceil(threads);
    let chunks: Vec<Chunk> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|k| {
                let from = (k * per_thread).min(samples);
                let to = ((k + 1) * per_thread).min(samples);
                let draws = &draws;
                scope.spawn(move || run_chunk(scenario, draws, seed, from..to))
            })
            .collect();
        join_all(handles)
    })?;
    let months = t.months as usize;
    #[allow(clippy::cast_precision_loss)]
    let share = |count: usize| count as f64 / samples as f64;
    let designs = (0..scenario.designs.len())
        .map(|d| {
            // A design that does not compile as written has no outlook.
            Prepared::new(scenario, &scenario.designs[d])?;
            let mut p10 = Vec::with_capacity(months);
            let mut p50 = Vec::with_capacity(months);
            let mut p90 = Vec::with_capacity(months);
            for m in 0..months {
                let mut column: Vec<f64> = chunks
                    .iter()
                    .flat_map(|c| c.cash[d][m].iter().copied())
                    .collect();
                let [a, b, c] = deciles(&mut column);
                p10.push(a);
                p50.push(b);
                p90.push(c);
            }
            let paybacks: Vec<Option<usize>> = chunks
                .iter()
                .flat_map(|c| c.payback[d].iter().copied())
                .collect();
            let payback_by = (0..months)
                .map(|m| {
                    share(
                        paybacks
                            .iter()
                            .filter(|p| p.is_some_and(|p| p <= m))
                            .count(),
                    )
                })
                .collect();
            Ok(CashOutlook {
                p10,
                p50,
                p90,
                payback_by,
                failed: chunks.iter().map(|c| c.failed[d]).sum(),
            })
        })
        .collect();
    Ok(Some(TimelineSimulation {
        samples,
        seed,
        months: (0..months)
            .filter_map(|m| t.start.plus(i32::try_from(m).ok()?))
            .collect(),
        uncertain: scenario.ranges.keys().cloned().collect(),
        designs,
    }))
}
