//! What-if analysis of one design at the current volume: which inputs move its ROI multiple
//! (sensitivity, drawn as a tornado), and what value of one input reaches a target ROI (goal seek).
//!
//! Both work on copies of the scenario with one input changed and re-run the exact engine, so
//! every figure here is one the report would print for that changed scenario.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{EconError, Prepared, search};
use crate::model::validate::MAX_VOLUME;
use crate::model::{Scenario, Serving, Throughput};

pub use crate::model::edit::Stage;
use crate::model::edit::stage_mut;

/// A numeric field of a serving stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServingField {
    /// Hosted API: price per 1M input tokens.
    InputPrice,
    /// Hosted API: price per 1M output tokens.
    OutputPrice,
    /// Hosted API: price per request.
    PricePerRequest,
    /// Hosted API: input tokens per request.
    InputTokens,
    /// Hosted API: output tokens per request.
    OutputTokens,
    /// Self-hosted: price per instance-hour.
    PricePerHour,
    /// Self-hosted: peak throughput of one instance.
    Throughput,
    /// Self-hosted: tokens per request (with a tokens-per-second throughput).
    TokensPerRequest,
    /// Self-hosted: target utilisation.
    TargetUtilization,
    /// Cascade: share of requests escalated.
    EscalationRate,
}

impl ServingField {
    fn key(self) -> &'static str {
        match self {
            ServingField::InputPrice => "input_price_per_mtok",
            ServingField::OutputPrice => "output_price_per_mtok",
            ServingField::PricePerRequest => "price_per_request",
            ServingField::InputTokens => "input_tokens",
            ServingField::OutputTokens => "output_tokens",
            ServingField::PricePerHour => "price_per_hour",
            ServingField::Throughput => "throughput",
            ServingField::TokensPerRequest => "tokens_per_request",
            ServingField::TargetUtilization => "target_utilization",
            ServingField::EscalationRate => "escalation_rate",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ServingField::InputPrice => "price per 1M input tokens",
            ServingField::OutputPrice => "price per 1M output tokens",
            ServingField::PricePerRequest => "price per request",
            ServingField::InputTokens => "input tokens per request",
            ServingField::OutputTokens => "output tokens per request",
            ServingField::PricePerHour => "instance price per hour",
            ServingField::Throughput => "throughput per instance",
            ServingField::TokensPerRequest => "tokens per request",
            ServingField::TargetUtilization => "target utilisation",
            ServingField::EscalationRate => "escalation rate",
        }
    }
}

/// One input of a design that drives its ROI.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    /// The current monthly volume.
    Volume,
    /// The share of a use case (the other shares are scaled so that they still sum to 1).
    Share(usize),
    /// The value of one success in a use case.
    ValuePerSuccess(usize),
    /// The design's success rate.
    SuccessRate,
    /// The design's own success rate in a use case.
    SuccessFor(String),
    /// Overhead in % of serving cost.
    OverheadPct,
    /// Fixed monthly cost.
    FixedMonthly,
    /// One-time cost (spread over its months).
    OneTime,
    /// A field of the serving, through cascade stages.
    Serving(Vec<Stage>, ServingField),
}

/// What values an input may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// 0 and up.
    NonNegative,
    /// Above 0.
    Positive,
    /// 0 to 1.
    Rate,
    /// Above 0, up to 1.
    PositiveRate,
    /// Whole requests per month, 1 to 10^12.
    Volume,
}

impl Domain {
    /// The lowest and highest value allowed (`None`: no upper limit).
    fn bounds(self) -> (Decimal, Option<Decimal>) {
        match self {
            Domain::NonNegative => (Decimal::ZERO, None),
            Domain::Positive => (Decimal::new(1, 9), None),
            Domain::Rate => (Decimal::ZERO, Some(Decimal::ONE)),
            Domain::PositiveRate => (Decimal::new(1, 6), Some(Decimal::ONE)),
            Domain::Volume => (Decimal::ONE, Some(Decimal::from(MAX_VOLUME))),
        }
    }

    fn clamp(self, value: Decimal) -> Decimal {
        let (lo, hi) = self.bounds();
        let value = value.max(lo);
        hi.map_or(value, |hi| value.min(hi))
    }
}

impl Input {
    /// The input's path in the scenario file, as validation messages spell it
    /// (`designs[1].serving.primary.price_per_hour`, `use_cases[0].share`, `volume.current`).
    pub fn path(&self, design: usize) -> String {
        match self {
            Input::Volume => "volume.current".to_owned(),
            Input::Share(i) => format!("use_cases[{i}].share"),
            Input::ValuePerSuccess(i) => format!("use_cases[{i}].value_per_success"),
            _ => format!("designs[{design}].{}", self.key()),
        }
    }

    /// The short name `--input` takes: the path within the design (`serving.price_per_hour`,
    /// `success_rate`), or the scenario-level path for volume and use cases.
    pub fn key(&self) -> String {
        match self {
            Input::Volume => "volume".to_owned(),
            Input::Share(i) => format!("use_cases[{i}].share"),
            Input::ValuePerSuccess(i) => format!("use_cases[{i}].value_per_success"),
            Input::SuccessRate => "success_rate".to_owned(),
            Input::SuccessFor(name) => format!("success_by_use_case[{name:?}]"),
            Input::OverheadPct => "overhead_pct".to_owned(),
            Input::FixedMonthly => "fixed_monthly".to_owned(),
            Input::OneTime => "one_time.amount".to_owned(),
            Input::Serving(stages, field) => {
                let mut key = "serving".to_owned();
                for stage in stages {
                    key.push_str(stage.key());
                }
                key.push('.');
                key.push_str(field.key());
                key
            }
        }
    }

    /// A name for people: "Primary: instance price per hour", "Value per success (Triage)".
    pub fn label(&self, scenario: &Scenario) -> String {
        let case = |i: &usize| {
            scenario
                .use_cases
                .get(*i)
                .map_or_else(|| format!("#{i}"), |c| c.name.clone())
        };
        match self {
            Input::Volume => "Monthly requests".to_owned(),
            Input::Share(i) => format!("Share of requests ({})", case(i)),
            Input::ValuePerSuccess(i) => format!("Value per success ({})", case(i)),
            Input::SuccessRate => "Success rate".to_owned(),
            Input::SuccessFor(name) => format!("Success rate ({name})"),
            Input::OverheadPct => "Overhead %".to_owned(),
            Input::FixedMonthly => "Fixed monthly cost".to_owned(),
            Input::OneTime => "One-time cost".to_owned(),
            Input::Serving(stages, field) => {
                let mut label = String::new();
                for stage in stages {
                    label.push_str(stage.label());
                }
                let text = field.label();
                if label.is_empty() {
                    let mut chars = text.chars();
                    chars.next().map_or_else(String::new, |first| {
                        first.to_uppercase().collect::<String>() + chars.as_str()
                    })
                } else {
                    label + text
                }
            }
        }
    }

    /// What values the input may take.
    pub fn domain(&self) -> Domain {
        match self {
            Input::Volume => Domain::Volume,
            Input::Share(_)
            | Input::SuccessRate
            | Input::SuccessFor(_)
            | Input::Serving(_, ServingField::EscalationRate) => Domain::Rate,
            Input::Serving(_, ServingField::TargetUtilization) => Domain::PositiveRate,
            Input::Serving(_, ServingField::Throughput | ServingField::TokensPerRequest) => {
                Domain::Positive
            }
            _ => Domain::NonNegative,
        }
    }
}

fn serving_field(serving: &mut Serving, field: ServingField) -> Option<&mut Decimal> {
    match (serving, field) {
        (
            Serving::HostedApi {
                input_price_per_mtok,
                ..
            },
            ServingField::InputPrice,
        ) => Some(input_price_per_mtok),
        (
            Serving::HostedApi {
                output_price_per_mtok,
                ..
            },
            ServingField::OutputPrice,
        ) => Some(output_price_per_mtok),
        (
            Serving::HostedApi {
                price_per_request, ..
            },
            ServingField::PricePerRequest,
        ) => Some(price_per_request),
        (Serving::HostedApi { input_tokens, .. }, ServingField::InputTokens) => Some(input_tokens),
        (Serving::HostedApi { output_tokens, .. }, ServingField::OutputTokens) => {
            Some(output_tokens)
        }
        (Serving::SelfHosted { price_per_hour, .. }, ServingField::PricePerHour) => {
            Some(price_per_hour)
        }
        (Serving::SelfHosted { throughput, .. }, ServingField::Throughput) => match throughput {
            Throughput::RequestsPerSecond(v) | Throughput::TokensPerSecond(v) => Some(v),
        },
        (
            Serving::SelfHosted {
                tokens_per_request, ..
            },
            ServingField::TokensPerRequest,
        ) => Some(tokens_per_request),
        (
            Serving::SelfHosted {
                target_utilization, ..
            },
            ServingField::TargetUtilization,
        ) => Some(target_utilization),
        (
            Serving::Cascade {
                escalation_rate, ..
            },
            ServingField::EscalationRate,
        ) => Some(escalation_rate),
        _ => None,
    }
}

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
}

/// The input's value in `scenario` for design `design`.
pub fn value_of(scenario: &Scenario, design: usize, input: &Input) -> Option<Decimal> {
    let mut copy = scenario.clone();
    slot(&mut copy, design, input).map(|v| *v)
}

/// The field an input names, to write a value into (a share is written as is: the caller keeps
/// the shares summing to 1).
pub(crate) fn slot_mut<'a>(
    scenario: &'a mut Scenario,
    design: usize,
    input: &Input,
) -> Option<&'a mut Decimal> {
    slot(scenario, design, input)
}

fn slot<'a>(scenario: &'a mut Scenario, design: usize, input: &Input) -> Option<&'a mut Decimal> {
    match input {
        Input::Volume => None,
        Input::Share(i) => scenario.use_cases.get_mut(*i).map(|c| &mut c.share),
        Input::ValuePerSuccess(i) => scenario
            .use_cases
            .get_mut(*i)
            .map(|c| &mut c.value_per_success),
        _ => {
            let d = scenario.designs.get_mut(design)?;
            match input {
                Input::SuccessRate => Some(&mut d.success_rate),
                Input::SuccessFor(name) => d.success_by_use_case.get_mut(name),
                Input::OverheadPct => Some(&mut d.overhead_pct),
                Input::FixedMonthly => Some(&mut d.fixed_monthly),
                Input::OneTime => Some(&mut d.one_time.amount),
                Input::Serving(stages, field) => {
                    serving_field(stage_mut(&mut d.serving, stages)?, *field)
                }
                _ => None,
            }
        }
    }
}

/// A copy of `scenario` with `input` of design `design` set to `value` (clamped to its domain;
/// a share's siblings scaled so the shares still sum to what they did).
pub fn with_value(
    scenario: &Scenario,
    design: usize,
    input: &Input,
    value: Decimal,
) -> Option<Scenario> {
    let value = input.domain().clamp(value);
    let mut copy = scenario.clone();
    match input {
        Input::Volume => {
            use rust_decimal::prelude::ToPrimitive;
            copy.volume.current = value.round().to_u64()?;
        }
        Input::Share(i) => {
            let total: Decimal = copy.use_cases.iter().map(|c| c.share).sum();
            let old = copy.use_cases.get(*i)?.share;
            let others = total - old;
            let rest = (total - value).max(Decimal::ZERO);
            for (j, case) in copy.use_cases.iter_mut().enumerate() {
                if j == *i {
                    case.share = value.min(total);
                } else if others > Decimal::ZERO {
                    case.share = case.share.checked_mul(rest)?.checked_div(others)?;
                }
            }
        }
        _ => *slot(&mut copy, design, input)? = value,
    }
    Some(copy)
}

/// Every input that drives design `design`'s ROI at the current volume.
pub fn inputs(scenario: &Scenario, design: usize) -> Vec<Input> {
    let Some(d) = scenario.designs.get(design) else {
        return Vec::new();
    };
    let mut out = vec![Input::Volume];
    for (i, case) in scenario.use_cases.iter().enumerate() {
        out.push(Input::ValuePerSuccess(i));
        if scenario.use_cases.len() > 1 && case.share > Decimal::ZERO {
            out.push(Input::Share(i));
        }
    }
    // The overall rate matters only for use cases without their own.
    if scenario
        .use_cases
        .iter()
        .any(|c| !d.success_by_use_case.contains_key(&c.name))
    {
        out.push(Input::SuccessRate);
    }
    for name in d.success_by_use_case.keys() {
        out.push(Input::SuccessFor(name.clone()));
    }
    walk(&d.serving, &mut Vec::new(), &mut out);
    out.extend([Input::OverheadPct, Input::FixedMonthly, Input::OneTime]);
    out
}

/// The inputs of a serving stage (and of a cascade's stages), under `stages`.
fn walk(serving: &Serving, stages: &mut Vec<Stage>, out: &mut Vec<Input>) {
    let fields: &[ServingField] = match serving {
        Serving::HostedApi { .. } => &[
            ServingField::InputPrice,
            ServingField::OutputPrice,
            ServingField::PricePerRequest,
            ServingField::InputTokens,
            ServingField::OutputTokens,
        ],
        Serving::SelfHosted {
            throughput,
            tokens_per_request,
            ..
        } => {
            if matches!(throughput, Throughput::TokensPerSecond(_))
                || *tokens_per_request > Decimal::ZERO
            {
                &[
                    ServingField::PricePerHour,
                    ServingField::Throughput,
                    ServingField::TokensPerRequest,
                    ServingField::TargetUtilization,
                ]
            } else {
                &[
                    ServingField::PricePerHour,
                    ServingField::Throughput,
                    ServingField::TargetUtilization,
                ]
            }
        }
        Serving::Cascade {
            primary, fallback, ..
        } => {
            out.push(Input::Serving(stages.clone(), ServingField::EscalationRate));
            stages.push(Stage::Primary);
            walk(primary, stages, out);
            stages.pop();
            stages.push(Stage::Fallback);
            walk(fallback, stages, out);
            stages.pop();
            &[]
        }
    };
    for field in fields {
        out.push(Input::Serving(stages.clone(), *field));
    }
}

/// Finds an input of a design by its key (`serving.price_per_hour`, `volume`, `success_rate`)
/// or its label, case-insensitively; the error lists the design's inputs.
pub fn find_input(scenario: &Scenario, design: usize, name: &str) -> Result<Input, WhatIfError> {
    let all = inputs(scenario, design);
    let wanted = name.trim().to_lowercase();
    let wanted = wanted
        .strip_prefix("volume.")
        .map_or(wanted.as_str(), |_| "volume");
    all.iter()
        .find(|i| i.key().to_lowercase() == wanted || i.label(scenario).to_lowercase() == wanted)
        .cloned()
        .ok_or_else(|| {
            WhatIfError::NoInput(format!(
                "design {:?} has no input {name:?}; its inputs are: {}",
                scenario.designs.get(design).map_or("", |d| d.name.as_str()),
                all.iter().map(Input::key).collect::<Vec<_>>().join(", ")
            ))
        })
}

/// An ROI multiple, with `None` meaning unbounded (the cost is 0).
pub type Roi = Option<Decimal>;

/// The ROI multiple of design `design` in `scenario` at its current volume.
pub fn roi_of(scenario: &Scenario, design: usize) -> Result<Roi, WhatIfError> {
    let d = scenario
        .designs
        .get(design)
        .ok_or(WhatIfError::NoDesign(design))?;
    Ok(design_roi(scenario, d)?)
}

/// The ROI multiple of design `d` of `scenario` at its current volume.
fn design_roi(scenario: &Scenario, d: &crate::model::Design) -> Result<Roi, EconError> {
    let prepared = Prepared::new(scenario, d)?;
    Ok(prepared.metrics(scenario.volume.current)?.roi_multiple)
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
    if design >= scenario.designs.len() {
        return Err(WhatIfError::NoDesign(design));
    }
    let base_roi = roi_of(scenario, design)?;
    let fraction = swing_pct / Decimal::ONE_HUNDRED;
    let mut swings = Vec::new();
    let mut zero_inputs = Vec::new();
    for input in inputs(scenario, design) {
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
            design_roi(&changed, &changed.designs[design])
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
    if design >= scenario.designs.len() {
        return Err(WhatIfError::NoDesign(design));
    }
    if target <= Decimal::ZERO {
        return Ok(Seek::Unreachable(Limit::Target));
    }
    if *input == Input::Volume {
        return seek_volume(scenario, design, target);
    }
    let base = value_of(scenario, design, input).ok_or_else(|| {
        WhatIfError::NoInput(format!("{} is not an input of this design", input.key()))
    })?;
    let domain = input.domain();
    let (lo, hi) = domain.bounds();
    // Unbounded inputs are searched up to a million times their value (or 10^9 from 0).
    let hi = hi.unwrap_or_else(|| {
        base.checked_mul(Decimal::from(1_000_000))
            .unwrap_or(Decimal::MAX)
            .max(Decimal::from(1_000_000_000))
    });
    // A cost beyond the exact range is an ROI of (practically) 0.
    let roi_at = |value: Decimal| -> Result<Roi, EconError> {
        let changed = with_value(scenario, design, input, value).ok_or(EconError::Overflow)?;
        match design_roi(&changed, &changed.designs[design]) {
            Err(EconError::Overflow) => Ok(Some(Decimal::ZERO)),
            other => other,
        }
    };
    let (at_lo, at_hi) = (roi_at(lo)?, roi_at(hi)?);
    let reach_lo = at_least(at_lo, target);
    let reach_hi = at_least(at_hi, target);
    match (reach_lo, reach_hi) {
        (false, false) => {
            let (value, roi) = if order(at_lo, at_hi) {
                (hi, at_hi)
            } else {
                (lo, at_lo)
            };
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
    let threshold = search::threshold(&prepared.cost, prepared.value_per_inference, target)?;
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
