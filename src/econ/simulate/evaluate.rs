//! One sample's figures in floats. Each design's cost model is compiled once; a sample's drawn
//! inputs (as `f64`) change only what they touch:
//!
//! - value per request is a sum of share × value per success × success rate over the use
//!   cases, evaluated from the drawn floats directly;
//! - a design none of whose cost inputs is drawn keeps its cost at every plotted volume,
//!   computed once;
//! - a design whose only drawn cost inputs are its overhead, fixed and one-time costs keeps its
//!   serving cost at every plotted volume, and each sample only scales and shifts it;
//! - a design with a drawn serving input (a price, a throughput, hours per month, a routed
//!   design's load split) is compiled again by the exact engine from the sample's inputs.
//!
//! Instance counts keep their exact ceilings throughout ([`CostModel::monthly_cost_f64`]).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::draw::{Draw, Target, apply, to_decimal};
use crate::econ::cost::CostModel;
use crate::econ::whatif::Input;
use crate::model::{Route, Scenario};

/// How a design's cost is found in a sample.
#[derive(Debug, Clone)]
pub(super) enum CostPath {
    /// No drawn input moves its cost: the model, compiled once.
    Fixed(CostModel),
    /// Only its own overhead, fixed or one-time costs are drawn: the model compiled once, and
    /// those costs in floats (overhead %, fixed monthly, one-time amount, months).
    Patched(CostModel, [f64; 4]),
    /// A drawn input moves its serving: compiled from each sample's inputs.
    Compiled,
    /// It does not compile as written (no sample can compute it).
    Broken,
}

/// Where a drawn value goes in the float inputs.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Share(usize),
    ValuePerSuccess(usize),
    /// A design's success rate: in every use case it has no override for (`None`), or in one.
    Rate(usize, Option<usize>),
    /// Overhead %, fixed monthly or one-time amount of a patched design (index into its costs).
    Cost(usize, usize),
    Volume,
    /// Moves only what the exact engine computes from the working scenario.
    Elsewhere,
}

/// The float inputs of value per request, reset to the written values before each sample.
#[derive(Debug, Clone)]
struct ValueInputs {
    share: Vec<f64>,
    value_per_success: Vec<f64>,
    /// `rates[d * cases + i]`: design `d`'s success rate in use case `i`.
    rates: Vec<f64>,
}

/// One sample's figures per design: value per request, and the overhead factor and fixed costs
/// of a patched design (1 and 0 otherwise); a compiled design's model in `compiled`.
#[derive(Debug, Clone)]
pub(super) struct SampleFigures {
    /// The drawn inputs as used (shares rescaled), in draw order.
    pub drawn: Vec<f64>,
    /// The current volume.
    pub volume: u64,
    /// Per design: value per request (`NaN` when it cannot compute).
    pub value: Vec<f64>,
    /// Per design: the factor and the addend of its serving cost (1 and 0 where the cost path
    /// is fixed).
    pub scale: Vec<(f64, f64)>,
    /// Per design on the compiled path: this sample's model (`None` when it does not compile).
    pub compiled: Vec<Option<CostModel>>,
}

/// Evaluates samples of one scenario.
#[derive(Debug, Clone)]
pub(super) struct Evaluator<'a> {
    pub(super) scenario: &'a Scenario,
    draws: &'a [Draw],
    slots: Vec<Slot>,
    /// Per design, its cost path.
    pub paths: Vec<CostPath>,
    /// Per design, its value terms: (use case, design whose success rate counts); `None` when
    /// its value does not compute (a route to a design the scenario does not have).
    terms: Vec<Option<Vec<(usize, usize)>>>,
    base: ValueInputs,
    inputs: ValueInputs,
    /// Per design: overhead %, fixed monthly, one-time amount and months, as written.
    base_costs: Vec<[f64; 4]>,
    /// The same with this sample's draws in.
    costs: Vec<[f64; 4]>,
    shares_ranged: bool,
    /// The working scenario, written only when some design needs the exact engine per sample.
    work: Option<Scenario>,
}

impl<'a> Evaluator<'a> {
    /// Prepares `scenario` for sampling `draws`; `exact_per_sample` lists the designs whose
    /// figures also need the sample's inputs in the working scenario (carbon figures).
    pub fn new(scenario: &'a Scenario, draws: &'a [Draw], exact_per_sample: &[bool]) -> Self {
        let fixed = super::fixed_cost_models(scenario, draws);
        let patchable = super::patchable_cost_models(scenario, draws);
        let paths: Vec<CostPath> = scenario
            .designs
            .iter()
            .zip(fixed.into_iter().zip(patchable))
            .map(|(design, (fixed, patchable))| match (fixed, patchable) {
                (Some(model), _) => CostPath::Fixed(model),
                (None, Some(model)) => CostPath::Patched(
                    model,
                    [
                        float(design.overhead_pct),
                        float(design.fixed_monthly),
                        float(design.one_time.amount),
                        f64::from(design.one_time.months.max(1)),
                    ],
                ),
                (None, None) if CostModel::new(scenario, design).is_ok() => CostPath::Compiled,
                (None, None) => CostPath::Broken,
            })
            .collect();
        let cases = scenario.use_cases.len();
        let base = ValueInputs {
            share: scenario.use_cases.iter().map(|c| float(c.share)).collect(),
            value_per_success: scenario
                .use_cases
                .iter()
                .map(|c| float(c.value_per_success))
                .collect(),
            rates: scenario
                .designs
                .iter()
                .flat_map(|d| {
                    scenario
                        .use_cases
                        .iter()
                        .map(|c| float(d.success_rate_for(&c.name)))
                })
                .collect(),
        };
        let slots = draws.iter().map(|w| slot_of(scenario, w)).collect();
        let terms = scenario
            .designs
            .iter()
            .enumerate()
            .map(|(d, design)| match design.serving.routes() {
                None => Some((0..cases).map(|i| (i, d)).collect()),
                Some(routes) => scenario
                    .use_cases
                    .iter()
                    .enumerate()
                    .filter_map(|(i, case)| match routes.get(&case.name) {
                        Some(Route::Design(name)) => Some(
                            scenario
                                .designs
                                .iter()
                                .position(|t| &t.name == name)
                                .map(|t| (i, t)),
                        ),
                        _ => None,
                    })
                    .collect(),
            })
            .collect();
        let base_costs: Vec<[f64; 4]> = paths
            .iter()
            .map(|p| match p {
                CostPath::Patched(_, c) => *c,
                _ => [0.0, 0.0, 0.0, 1.0],
            })
            .collect();
        let needs_work = paths.iter().any(|p| matches!(p, CostPath::Compiled))
            || exact_per_sample.iter().any(|&e| e);
        Evaluator {
            scenario,
            draws,
            slots,
            paths,
            terms,
            inputs: base.clone(),
            base,
            costs: base_costs.clone(),
            base_costs,
            shares_ranged: draws
                .iter()
                .any(|w| matches!(w.target, Target::Input(None, Input::Share(_)))),
            work: needs_work.then(|| scenario.clone()),
        }
    }

    /// The working scenario with the last sample's inputs written in (`None` when no design
    /// needs it).
    pub fn work(&self) -> Option<&Scenario> {
        self.work.as_ref()
    }

    /// An empty [`SampleFigures`] to fill with [`Evaluator::sample`], reused across samples.
    pub fn figures(&self) -> SampleFigures {
        let designs = self.scenario.designs.len();
        SampleFigures {
            drawn: vec![0.0; self.draws.len()],
            volume: self.scenario.volume.current.max(1),
            value: vec![0.0; designs],
            scale: vec![(1.0, 0.0); designs],
            compiled: vec![None; designs],
        }
    }

    /// Draws one sample from `rng` into `out`, evaluating the designs `mine` (all others are
    /// left as they were).
    pub fn sample(&mut self, mut rng: super::Rng, mine: &[usize], out: &mut SampleFigures) {
        let inputs = &mut self.inputs;
        inputs.share.copy_from_slice(&self.base.share);
        inputs
            .value_per_success
            .copy_from_slice(&self.base.value_per_success);
        inputs.rates.copy_from_slice(&self.base.rates);
        let costs = &mut self.costs;
        costs.copy_from_slice(&self.base_costs);
        out.volume = self.scenario.volume.current.max(1);
        for (k, (draw, slot)) in self.draws.iter().zip(&self.slots).enumerate() {
            let x = draw.sample(&mut rng);
            out.drawn[k] = x;
            let cases = self.base.share.len();
            match *slot {
                Slot::Share(i) => inputs.share[i] = x,
                Slot::ValuePerSuccess(i) => inputs.value_per_success[i] = x,
                Slot::Rate(d, Some(i)) => inputs.rates[d * cases + i] = x,
                Slot::Rate(d, None) => {
                    let design = &self.scenario.designs[d];
                    for (i, case) in self.scenario.use_cases.iter().enumerate() {
                        if !design.success_by_use_case.contains_key(&case.name) {
                            inputs.rates[d * cases + i] = x;
                        }
                    }
                }
                Slot::Cost(d, field) => costs[d][field] = x,
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    clippy::cast_precision_loss
                )]
                Slot::Volume if x.is_finite() => {
                    out.volume = (x.round() as u64).max(1);
                    out.drawn[k] = out.volume as f64;
                }
                Slot::Volume | Slot::Elsewhere => {}
            }
        }
        if self.shares_ranged {
            let total: f64 = inputs.share.iter().sum();
            if total > 0.0 {
                for (k, slot) in self.slots.iter().enumerate() {
                    if matches!(slot, Slot::Share(_)) {
                        out.drawn[k] /= total;
                    }
                }
                inputs.share.iter_mut().for_each(|s| *s /= total);
            }
        }
        if let Some(work) = self.work.as_mut() {
            for (draw, &x) in self.draws.iter().zip(&out.drawn) {
                apply(work, &draw.target, x);
            }
            if self.shares_ranged {
                for (case, &share) in work.use_cases.iter_mut().zip(&inputs.share) {
                    case.share = to_decimal(share).unwrap_or(case.share);
                }
            }
        }
        let cases = self.base.share.len();
        for &d in mine {
            out.value[d] = self.terms[d].as_ref().map_or(f64::NAN, |terms| {
                terms
                    .iter()
                    .map(|&(i, t)| {
                        inputs.share[i] * inputs.value_per_success[i] * inputs.rates[t * cases + i]
                    })
                    .sum()
            });
            match &self.paths[d] {
                CostPath::Fixed(_) => out.scale[d] = (1.0, 0.0),
                CostPath::Patched(..) => {
                    let [pct, fixed, one_time, months] = self.costs[d];
                    out.scale[d] = (1.0 + pct / 100.0, fixed + one_time / months);
                }
                CostPath::Compiled => {
                    let work = self.work.as_ref().unwrap_or(self.scenario);
                    out.compiled[d] = CostModel::new(work, &work.designs[d]).ok();
                }
                CostPath::Broken => out.value[d] = f64::NAN,
            }
        }
    }

    /// Design `d`'s monthly cost at `volume` in this sample (`NaN` over capacity or when it
    /// does not compute).
    pub fn cost(&self, d: usize, figures: &SampleFigures, volume: u64) -> f64 {
        let (model, serving_only) = match &self.paths[d] {
            CostPath::Fixed(model) => (model, false),
            CostPath::Patched(model, _) => (model, true),
            CostPath::Compiled => match &figures.compiled[d] {
                Some(model) => (model, false),
                None => return f64::NAN,
            },
            CostPath::Broken => return f64::NAN,
        };
        if model.over_capacity(volume) {
            return f64::NAN;
        }
        if serving_only {
            let (factor, fixed) = figures.scale[d];
            model
                .serving_cost_f64(volume)
                .map_or(f64::NAN, |s| s * factor + fixed)
        } else {
            model.monthly_cost_f64(volume).unwrap_or(f64::NAN)
        }
    }

    /// The evaluator with a working copy of the scenario, which every sample's draws are
    /// written into, when `needed` (and it has none yet).
    pub fn with_work(mut self, needed: bool) -> Self {
        if needed && self.work.is_none() {
            self.work = Some(self.scenario.clone());
        }
        self
    }

    /// Design `d`'s cost model in this sample, its drawn overhead and fixed costs patched in
    /// (for the carbon figures; `None` when it does not compute).
    pub fn model(&self, d: usize, figures: &SampleFigures) -> Option<CostModel> {
        match &self.paths[d] {
            CostPath::Fixed(model) => Some(model.clone()),
            CostPath::Patched(model, _) => {
                let mut model = model.clone();
                model.set_design_costs(&self.work()?.designs[d]).ok()?;
                Some(model)
            }
            CostPath::Compiled => figures.compiled[d].clone(),
            CostPath::Broken => None,
        }
    }
}

/// ROI from value per request, volume and monthly cost: `NaN` stays `NaN`, zero cost is `+∞`.
#[inline]
pub(super) fn roi(value: f64, volume: f64, cost: f64) -> f64 {
    // Computed either way and then chosen, so a loop of these vectorises.
    let roi = value * volume / cost;
    if cost <= 0.0 { f64::INFINITY } else { roi }
}

fn slot_of(scenario: &Scenario, draw: &Draw) -> Slot {
    match &draw.target {
        Target::Volume => Slot::Volume,
        Target::Input(None, Input::Share(i)) => Slot::Share(*i),
        Target::Input(None, Input::ValuePerSuccess(i)) => Slot::ValuePerSuccess(*i),
        Target::Input(Some(d), Input::SuccessRate) => Slot::Rate(*d, None),
        Target::Input(Some(d), Input::SuccessFor(name)) => scenario
            .use_cases
            .iter()
            .position(|c| &c.name == name)
            .map_or(Slot::Elsewhere, |i| Slot::Rate(*d, Some(i))),
        Target::Input(
            Some(d),
            input @ (Input::OverheadPct | Input::FixedMonthly | Input::OneTime),
        ) if draw.moves_design_costs_of(*d) => {
            let field = match input {
                Input::OverheadPct => 0,
                Input::FixedMonthly => 1,
                _ => 2,
            };
            Slot::Cost(*d, field)
        }
        _ => Slot::Elsewhere,
    }
}

fn float(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::econ::simulate::draw::sample_rng;
    use crate::econ::simulate::draws_of;
    use crate::econ::whatif::{Domain, Metric, inputs_for};
    use crate::model::uncertain::Range;

    /// Every input of every design, uncertain by about ±10 %, or (`own_costs_only`) only the
    /// use cases' values, the success rates and the designs' overhead, fixed and one-time
    /// costs (the paths that never compile a design per sample).
    fn with_ranges(scenario: &Scenario, own_costs_only: bool) -> Scenario {
        let mut ranged = scenario.clone();
        for d in 0..scenario.designs.len() {
            for input in inputs_for(scenario, d, Metric::Roi) {
                let moves_serving = matches!(
                    input,
                    Input::Serving(..) | Input::Of(..) | Input::Size(_) | Input::PeakToAverage
                );
                if own_costs_only && moves_serving {
                    continue;
                }
                let path = input.path(d);
                let Some(v) = super::super::value_at(scenario, &path) else {
                    continue;
                };
                let tenth = Decimal::new(1, 1);
                let range = match input.domain() {
                    Domain::Rate | Domain::PositiveRate
                        if v > Decimal::ZERO && v < Decimal::ONE =>
                    {
                        Range {
                            low: v * (Decimal::ONE - tenth),
                            high: (v * (Decimal::ONE + tenth))
                                .min((v + Decimal::ONE) / Decimal::TWO),
                        }
                    }
                    Domain::Rate | Domain::PositiveRate => continue,
                    _ if v > Decimal::ZERO => Range {
                        low: v * (Decimal::ONE - tenth),
                        high: v * (Decimal::ONE + tenth),
                    },
                    _ => continue,
                };
                ranged.ranges.insert(path, range);
            }
        }
        ranged
    }

    /// The float path at each sample's inputs against the exact engine at the same inputs
    /// (the sample written into a scenario), at 40 volumes and the sample's own.
    fn check(scenario: &Scenario, name: &str) -> usize {
        let draws: Vec<Draw> = draws_of(scenario).into_iter().map(|(_, d)| d).collect();
        assert!(!draws.is_empty(), "{name}: nothing uncertain");
        let designs = scenario.designs.len();
        let all: Vec<usize> = (0..designs).collect();
        let mut evaluator = Evaluator::new(scenario, &draws, &vec![true; designs]);
        let mut figures = evaluator.figures();
        let mut volumes =
            crate::econ::sweep::log_volumes(scenario.volume.min, scenario.volume.max, 40);
        let mut compared = 0;
        for index in 0..60 {
            evaluator.sample(sample_rng(5, index), &all, &mut figures);
            let work = evaluator.work().expect("kept for the comparison").clone();
            volumes.push(figures.volume);
            for (d, design) in work.designs.iter().enumerate() {
                let prepared = crate::econ::Prepared::new(&work, design);
                for &volume in &volumes {
                    #[allow(clippy::cast_precision_loss)]
                    let float = roi(
                        figures.value[d],
                        volume as f64,
                        evaluator.cost(d, &figures, volume),
                    );
                    let exact = prepared
                        .as_ref()
                        .ok()
                        .and_then(|p| p.metrics(volume).ok())
                        .filter(|m| !m.over_capacity)
                        .map(|m| {
                            m.roi_multiple
                                .map_or(f64::INFINITY, |r| r.to_f64().unwrap())
                        });
                    match exact {
                        None => assert!(
                            float.is_nan(),
                            "{name} sample {index} design {d} at {volume}: {float}, exact none"
                        ),
                        Some(exact) if exact.is_infinite() => assert!(float.is_infinite()),
                        Some(exact) => assert!(
                            (float - exact).abs() <= 1e-9 * exact.abs(),
                            "{name} sample {index} design {d} at {volume}: {float} vs {exact}"
                        ),
                    }
                    compared += 1;
                }
            }
            volumes.pop();
        }
        compared
    }

    #[test]
    fn the_float_path_is_the_exact_engine_at_each_samples_inputs() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let mut files: Vec<_> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .filter(|p| !crate::io::portfolio::is_portfolio_file(p))
            .collect();
        files.sort();
        assert!(files.len() >= 6);
        let mut compared = 0;
        for file in &files {
            let scenario = crate::io::load(file).unwrap();
            let name = file.display().to_string();
            for own_costs_only in [false, true] {
                compared += check(&with_ranges(&scenario, own_costs_only), &name);
            }
            // The file's own ranges, if it has any.
            if !scenario.ranges.is_empty() {
                compared += check(&scenario, &name);
            }
        }
        // support-assistant.ron's cascade is stepped: a self-hosted 8B escalating to an API.
        assert!(compared > 100_000, "{compared} comparisons");
    }
}
