//! What-if analysis of one design at the current volume: which inputs move its ROI multiple
//! (sensitivity, drawn as a tornado), and what value of one input reaches a target ROI (goal seek).
//! Either may measure the ROI with carbon instead, or the incremental ROI of the upgrade to the
//! design from another one ([`Metric::IncrementalRoi`]: "what success rate makes the upgrade pay?").
//!
//! Both work on copies of the scenario with one input changed and re-run the exact engine, so
//! every figure here is one the report would print for that changed scenario.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{EconError, Prepared, search};
use crate::model::Scenario;
use crate::model::validate::MAX_VOLUME;

pub use crate::model::edit::Stage;

mod input;
mod inputs;
mod upgrade;

pub(crate) use input::slot_mut;
pub use input::{CarbonField, Domain, Input, ServingField, value_of, with_value};
pub use inputs::{
    find_input, find_input_for, inputs, inputs_for, seekable_inputs, seekable_inputs_for,
};
pub use upgrade::{Step, incremental_roi, step_of};

/// Why a what-if question cannot be asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhatIfError {
    /// No design at that index.
    #[error("the scenario has no design #{0}")]
    NoDesign(usize),
    /// The input does not exist in this design.
    #[error("{0}")]
    NoInput(String),
    /// The engine failed on the base scenario.
    #[error("{0}")]
    Engine(#[from] EconError),
    /// An upgrade asked from a design to itself.
    #[error("the upgrade must be from another design: {0:?} is the design itself")]
    SameDesign(String),
    /// One design of an upgrade could not be computed.
    #[error("{name:?} could not be computed: {error}")]
    Design {
        /// The design's name.
        name: String,
        /// Why.
        error: EconError,
    },
    /// One design of an upgrade needs more instances than its limit at the current volume.
    #[error(
        "{name:?} needs more instances than its limit at {volume} requests/month: it cannot serve them, so \
         there is no incremental ROI with it"
    )]
    OverCapacity {
        /// The design's name.
        name: String,
        /// The current volume.
        volume: u64,
    },
}

/// An ROI multiple, with `None` meaning unbounded (the cost is 0).
pub type Roi = Option<Decimal>;

/// What a what-if question measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Metric {
    /// The ROI multiple: value ÷ cost.
    #[default]
    Roi,
    /// Value ÷ (cost + carbon cost at the scenario's carbon price).
    RoiWithCarbon,
    /// The incremental ROI of the upgrade from design `from` to the design asked about: extra
    /// monthly value ÷ extra monthly cost at the current volume (see [`step_of`] for the cases
    /// where the extra cost is not above 0).
    IncrementalRoi {
        /// Scenario index of the design upgraded from.
        from: usize,
    },
}

impl Metric {
    /// Its name in sentences: "ROI", "ROI with carbon", "incremental ROI" (without the design
    /// upgraded from: [`Metric::name`] has it).
    pub fn label(self) -> &'static str {
        match self {
            Metric::Roi => "ROI",
            Metric::RoiWithCarbon => "ROI with carbon",
            Metric::IncrementalRoi { .. } => "incremental ROI",
        }
    }

    /// Its name in sentences, with the design upgraded from: "incremental ROI over GPT-4o mini
    /// API" (the name as the file writes it: quote or escape it where the output needs to).
    pub fn name(self, scenario: &Scenario) -> String {
        match self {
            Metric::IncrementalRoi { from } => format!(
                "incremental ROI over {}",
                scenario
                    .designs
                    .get(from)
                    .map_or_else(|| format!("design #{from}"), |d| d.name.clone())
            ),
            _ => self.label().to_owned(),
        }
    }
}

/// The ROI multiple of design `design` in `scenario` at its current volume.
pub fn roi_of(scenario: &Scenario, design: usize) -> Result<Roi, WhatIfError> {
    metric_of(scenario, design, Metric::Roi)
}

/// `metric` of design `design` in `scenario` at its current volume. The incremental ROI is
/// refused where [`step_of`] refuses it (the same design, a design over capacity or failing).
pub fn metric_of(scenario: &Scenario, design: usize, metric: Metric) -> Result<Roi, WhatIfError> {
    let d = scenario
        .designs
        .get(design)
        .ok_or(WhatIfError::NoDesign(design))?;
    if let Metric::IncrementalRoi { from } = metric {
        return Ok(step_of(scenario, from, design)?.incremental_roi);
    }
    Ok(design_metric(scenario, d, metric)?)
}

/// `metric` of design `design` in a changed copy of the scenario, at one point of a swing or a
/// search (the base was checked by [`metric_of`]).
fn figure(scenario: &Scenario, design: usize, metric: Metric) -> Result<Roi, EconError> {
    match metric {
        Metric::IncrementalRoi { from } => upgrade::roi_at(scenario, from, design),
        _ => design_metric(scenario, &scenario.designs[design], metric),
    }
}

/// `metric` of design `d` of `scenario` at its current volume: ROI with carbon needs the
/// design's energy data and a grid intensity.
fn design_metric(
    scenario: &Scenario,
    d: &crate::model::Design,
    metric: Metric,
) -> Result<Roi, EconError> {
    let prepared = Prepared::new(scenario, d)?;
    let m = prepared.metrics(scenario.volume.current)?;
    if metric != Metric::RoiWithCarbon {
        return Ok(m.roi_multiple);
    }
    let e = super::energy::energy(scenario, d, &m)?.ok_or(EconError::Energy(
        "the design has no energy data (a stage's Energy group: power per instance, or energy per token)",
    ))?;
    if e.kg_co2e_per_month.is_none() {
        return Err(EconError::Energy(
            "there is no grid intensity (the scenario's carbon section, or the design's own)",
        ));
    }
    // No ROI with carbon with a grid means cost and carbon cost are both 0: unbounded.
    Ok(e.roi_with_carbon)
}

/// `a ≥ b` for ROI multiples where `None` is +∞.
fn at_least(roi: Roi, target: Decimal) -> bool {
    roi.is_none_or(|r| r >= target)
}

/// One bar of the tornado.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Swing {
    /// The input swung.
    pub input: Input,
    /// Its value in the scenario.
    pub base: Decimal,
    /// The low and high values tried (clamped to the input's range).
    pub low: Decimal,
    /// See `low`.
    pub high: Decimal,
    /// ROI at `low` (or why it could not be computed).
    pub roi_low: Result<Roi, EconError>,
    /// ROI at `high`.
    pub roi_high: Result<Roi, EconError>,
    /// The ends are the input's own `Range(low, high)` rather than ± the swing.
    pub from_range: bool,
}

impl Swing {
    /// How far the ROI moves between the two ends (∞ when either end is unbounded; 0 when it
    /// could not be computed).
    pub fn effect(&self) -> Option<Decimal> {
        match (&self.roi_low, &self.roi_high) {
            (Ok(Some(a)), Ok(Some(b))) => Some((*a - *b).abs()),
            (Ok(None), Ok(Some(_))) | (Ok(Some(_)), Ok(None)) => None,
            _ => Some(Decimal::ZERO),
        }
    }
}

/// The tornado: each input swung by ±`swing_pct` % (clamped to the input's range), or across
/// its own `Range(low, high)` where it has one, largest effect on ROI first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sensitivity {
    /// The design's index.
    pub design: usize,
    /// What the swings measure.
    pub metric: Metric,
    /// The volume the ROI is taken at.
    pub volume: u64,
    /// The swing, in %.
    pub swing_pct: Decimal,
    /// The ROI multiple as the scenario stands.
    pub base_roi: Roi,
    /// One bar per input with a non-zero value, largest effect first.
    pub swings: Vec<Swing>,
    /// Inputs left out because they are 0 (a ± % swing of 0 is 0).
    pub zero_inputs: Vec<Input>,
}

/// Sorting key for effects: unbounded first.
fn effect_key(effect: Option<Decimal>) -> (bool, Decimal) {
    effect.map_or((true, Decimal::MAX), |e| (false, e))
}

/// Swings every input of design `design` by ±`swing_pct` % and records the ROI at each end.
pub fn sensitivity(
    scenario: &Scenario,
    design: usize,
    swing_pct: Decimal,
) -> Result<Sensitivity, WhatIfError> {
    sensitivity_for(scenario, design, swing_pct, Metric::Roi)
}

/// [`sensitivity`] of `metric`: with ROI with carbon, the energy and carbon figures are swung
/// too.
pub fn sensitivity_for(
    scenario: &Scenario,
    design: usize,
    swing_pct: Decimal,
    metric: Metric,
) -> Result<Sensitivity, WhatIfError> {
    if design >= scenario.designs.len() {
        return Err(WhatIfError::NoDesign(design));
    }
    let base_roi = metric_of(scenario, design, metric)?;
    let fraction = swing_pct / Decimal::ONE_HUNDRED;
    let mut swings = Vec::new();
    let mut zero_inputs = Vec::new();
    for input in inputs_for(scenario, design, metric) {
        let base = match input {
            Input::Volume => Decimal::from(scenario.volume.current),
            _ => match value_of(scenario, design, &input) {
                Some(v) => v,
                None => continue,
            },
        };
        if base.is_zero() {
            zero_inputs.push(input);
            continue;
        }
        let domain = input.domain();
        // An uncertain input swings across its own 90 % range; the others by ± the swing.
        let range = scenario.ranges.get(&input.path(design)).copied();
        let (mut low, mut high) = match range {
            Some(r) => (domain.clamp(r.low), domain.clamp(r.high)),
            None => (
                domain.clamp(base - base * fraction),
                domain.clamp(base + base * fraction),
            ),
        };
        if domain == Domain::Volume {
            (low, high) = (low.round(), high.round());
        }
        let roi_at = |value: Decimal| -> Result<Roi, EconError> {
            let changed = with_value(scenario, design, &input, value).ok_or(EconError::Overflow)?;
            figure(&changed, design, metric)
        };
        swings.push(Swing {
            from_range: range.is_some(),
            roi_low: roi_at(low),
            roi_high: roi_at(high),
            input,
            base,
            low,
            high,
        });
    }
    swings.sort_by_key(|s| std::cmp::Reverse(effect_key(s.effect())));
    Ok(Sensitivity {
        design,
        metric,
        volume: scenario.volume.current,
        swing_pct,
        base_roi,
        swings,
        zero_inputs,
    })
}

/// The answer of a goal seek.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seek {
    /// The input value that reaches the target, and the ROI there (at or just above the target).
    Reached {
        /// The value to set.
        value: Decimal,
        /// The ROI multiple with that value.
        roi: Roi,
        /// True when larger values keep reaching the target (the answer is the lowest such
        /// value); false when smaller values do (the answer is the highest).
        lowest: bool,
    },
    /// No value in the input's range reaches the target.
    Unreachable(Limit),
}

/// Why a goal seek has no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// The target is not an ROI multiple above 0.
    Target,
    /// Even the input's most favourable value (the end of its range) leaves ROI below target.
    Extreme {
        /// That value.
        value: Decimal,
        /// The ROI there.
        roi: Roi,
    },
    /// No volume reaches the target: up to the design's capacity (`Some`), or ever (`None`).
    Volume(Option<u64>),
    /// The input does not move this design's figure (a price of a token count that is 0,
    /// tokens per request under a requests-per-second throughput).
    NoEffect,
    /// At `value` the exact figures overflow (beyond 28 significant digits): no answer.
    Overflow {
        /// Where they overflow.
        value: Decimal,
    },
}

/// Decimal places an answer is given to: enough to land on the target ROI to the cent.
const ANSWER_PLACES: u32 = 6;

/// Solves for the value of `input` at which design `design` reaches `target` ROI at the current
/// volume: the highest value of an input that lowers ROI as it grows (a price), the lowest of one
/// that raises it (a success rate, a value, the volume). The answer re-evaluates to the target
/// or, where costs step, to the first step above it.
pub fn goal_seek(
    scenario: &Scenario,
    design: usize,
    input: &Input,
    target: Decimal,
) -> Result<Seek, WhatIfError> {
    goal_seek_for(scenario, design, input, target, Metric::Roi)
}

/// [`goal_seek`] of `metric`: the value of `input` at which the design's ROI with carbon (or
/// ROI, or the incremental ROI of the upgrade to it) reaches `target`, within the limits the file
/// holds the input to. With the incremental ROI both designs are recomputed at each value, and
/// the base must compute within capacity ([`step_of`]); the volume is then searched like any
/// input (both designs' costs step with it, so the answer is one volume that reaches the target
/// next to one that does not, not necessarily the lowest).
pub fn goal_seek_for(
    scenario: &Scenario,
    design: usize,
    input: &Input,
    target: Decimal,
    metric: Metric,
) -> Result<Seek, WhatIfError> {
    if design >= scenario.designs.len() {
        return Err(WhatIfError::NoDesign(design));
    }
    if target <= Decimal::ZERO {
        return Ok(Seek::Unreachable(Limit::Target));
    }
    // The base must compute (ROI with carbon needs energy data and a grid).
    metric_of(scenario, design, metric)?;
    if *input == Input::Volume && metric == Metric::Roi {
        return seek_volume(scenario, design, target);
    }
    let base = if *input == Input::Volume {
        Some(Decimal::from(scenario.volume.current))
    } else {
        value_of(scenario, design, input)
    };
    let base = base.ok_or_else(|| {
        WhatIfError::NoInput(format!("{} is not an input of this design", input.key()))
    })?;
    let domain = input.domain();
    // The search stays within the limits the file holds the field to.
    let (lo, hi) = domain.bounds();
    let hi = hi.unwrap_or(Decimal::MAX);
    // A cost beyond the exact range is an ROI of (practically) 0.
    let roi_at = |value: Decimal| -> Result<Roi, EconError> {
        let changed = with_value(scenario, design, input, value).ok_or(EconError::Overflow)?;
        match figure(&changed, design, metric) {
            Err(EconError::Overflow) => Ok(Some(Decimal::ZERO)),
            other => other,
        }
    };
    let (at_lo, at_hi) = (roi_at(lo)?, roi_at(hi)?);
    let reach_lo = at_least(at_lo, target);
    let reach_hi = at_least(at_hi, target);
    match (reach_lo, reach_hi) {
        (false, false) => {
            if at_lo == at_hi && roi_at(base)? == at_lo {
                return Ok(Seek::Unreachable(Limit::NoEffect));
            }
            let (value, roi) = if order(at_lo, at_hi) {
                (hi, at_hi)
            } else {
                (lo, at_lo)
            };
            // Say so when the figures overflow there, rather than an ROI of 0.
            let changed = with_value(scenario, design, input, value).ok_or(EconError::Overflow)?;
            if let Err(EconError::Overflow) = figure(&changed, design, metric) {
                return Ok(Seek::Unreachable(Limit::Overflow { value }));
            }
            Ok(Seek::Unreachable(Limit::Extreme { value, roi }))
        }
        (true, true) => Ok(Seek::Reached {
            value: if order(at_lo, at_hi) { lo } else { hi },
            roi: if order(at_lo, at_hi) { at_lo } else { at_hi },
            lowest: order(at_lo, at_hi),
        }),
        (miss_lo, _) => {
            // ROI rises with the input when the low end misses: find the lowest value that
            // reaches the target; else the highest.
            let lowest = !miss_lo;
            let (mut fail, mut pass) = if lowest { (lo, hi) } else { (hi, lo) };
            // Bisect well below the answer's precision, so that rounding lands on the best
            // value at that precision.
            let precision = Decimal::new(1, ANSWER_PLACES + 3);
            for _ in 0..200 {
                if (pass - fail).abs() <= precision {
                    break;
                }
                let mid = (fail + pass) / Decimal::TWO;
                if at_least(roi_at(mid)?, target) {
                    pass = mid;
                } else {
                    fail = mid;
                }
            }
            // The nearest value at the answer's precision when it reaches the target (an exact
            // answer such as $4.50), else the one rounded toward the side that does.
            let toward = if lowest {
                RoundingStrategy::ToPositiveInfinity
            } else {
                RoundingStrategy::ToNegativeInfinity
            };
            let mut value = pass;
            for strategy in [RoundingStrategy::MidpointNearestEven, toward] {
                let rounded = domain.clamp(pass.round_dp_with_strategy(ANSWER_PLACES, strategy));
                if at_least(roi_at(rounded)?, target) {
                    value = rounded;
                    break;
                }
            }
            Ok(Seek::Reached {
                value: value.normalize(),
                roi: roi_at(value)?,
                lowest,
            })
        }
    }
}

/// True when `a` ≤ `b` as ROI multiples (`None` = +∞).
fn order(a: Roi, b: Roi) -> bool {
    match (a, b) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(a), Some(b)) => a <= b,
    }
}

/// The smallest monthly volume at which the design reaches `target` (exact, through steps).
fn seek_volume(scenario: &Scenario, design: usize, target: Decimal) -> Result<Seek, WhatIfError> {
    let prepared = Prepared::new(scenario, &scenario.designs[design])?;
    let threshold = search::threshold(&prepared.cost, prepared.value_per_request, target)?;
    match threshold.first {
        Some(volume) => Ok(Seek::Reached {
            value: Decimal::from(volume),
            roi: prepared.metrics(volume)?.roi_multiple,
            lowest: true,
        }),
        None => Ok(Seek::Unreachable(Limit::Volume(
            prepared.cost.capacity_limit.filter(|l| *l < MAX_VOLUME),
        ))),
    }
}
