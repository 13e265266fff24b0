//! The inputs of a design that drive its ROI — the volume, each use case's share and value, the
//! success rates, every serving figure down to a cascade's stages, overhead, fixed and one-time
//! costs — with their domains, and reading or changing one in a copy of the scenario.

use rust_decimal::Decimal;

use crate::model::Scenario;
use crate::model::edit::{Stage, stage_mut};
use crate::model::fields::{self, Bound, Limits};
use crate::model::validate::MAX_VOLUME;

pub use crate::model::fields::ServingField;

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
    /// A use case's relative size: it moves load, and so cost, between a routed design's designs.
    Size(usize),
    /// The busiest hour's traffic over the average hour's: self-hosted fleets are sized for it.
    PeakToAverage,
    /// An input of another design that a routed design sends use cases to (by scenario index).
    Of(usize, Box<Input>),
    /// A figure of the scenario's carbon section (ROI with carbon only).
    Carbon(CarbonField),
    /// The design's own grid intensity or PUE (ROI with carbon only).
    Site(CarbonField),
}

pub use crate::model::catalog::CarbonField;

/// What values an input may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// 0 to 1.
    Rate,
    /// Above 0, up to 1.
    PositiveRate,
    /// Whole requests per month, 1 to 10^12.
    Volume,
    /// A percentage, 0 to 100.
    Percent,
    /// A multiple of at least 1, at most 100 (peak to average).
    Peak,
    /// A field's own limits, as validation holds it to them ([`crate::model::fields`]); an
    /// excluded low end is approached to within 10^-9.
    Field(Limits),
    /// A field's limits, but above 0 even where the file allows 0 (the tokens per request that a
    /// tokens-per-second throughput divides by).
    Positive(Limits),
}

/// The high end of `limits` (an excluded one is never one a field uses).
fn upper(limits: Limits) -> Decimal {
    match limits.high {
        Bound::Incl(h) | Bound::Excl(h) => Decimal::from(h),
    }
}

impl Domain {
    /// The lowest and highest value allowed (`None`: no upper limit).
    pub(crate) fn bounds(self) -> (Decimal, Option<Decimal>) {
        match self {
            Domain::Rate => (Decimal::ZERO, Some(Decimal::ONE)),
            Domain::PositiveRate => (Decimal::new(1, 6), Some(Decimal::ONE)),
            Domain::Volume => (Decimal::ONE, Some(Decimal::from(MAX_VOLUME))),
            Domain::Percent => (Decimal::ZERO, Some(Decimal::ONE_HUNDRED)),
            Domain::Peak => (Decimal::ONE, Some(Decimal::ONE_HUNDRED)),
            Domain::Field(limits) => {
                let low = match limits.low {
                    Bound::Incl(l) => Decimal::from(l),
                    Bound::Excl(l) => Decimal::from(l) + Decimal::new(1, 9),
                };
                (low, Some(upper(limits)))
            }
            Domain::Positive(limits) => (Decimal::new(1, 9), Some(upper(limits))),
        }
    }

    /// `value` brought within the values this input may take.
    pub fn clamp(self, value: Decimal) -> Decimal {
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
            Input::Size(i) => format!("use_cases[{i}].size"),
            Input::PeakToAverage => "volume.peak_to_average".to_owned(),
            Input::Of(other, inner) => inner.path(*other),
            Input::Carbon(_) => self.key(),
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
            Input::Size(i) => format!("use_cases[{i}].size"),
            Input::PeakToAverage => "volume.peak_to_average".to_owned(),
            Input::SuccessRate => "success_rate".to_owned(),
            Input::SuccessFor(name) => format!("success_by_use_case[{name:?}]"),
            Input::OverheadPct => "overhead_pct".to_owned(),
            Input::FixedMonthly => "fixed_monthly".to_owned(),
            Input::OneTime => "one_time.amount".to_owned(),
            Input::Of(other, inner) => format!("designs[{other}].{}", inner.key()),
            Input::Carbon(field) => format!("carbon.{}", carbon_key(*field)),
            Input::Site(field) => carbon_key(*field).to_owned(),
            Input::Serving(stages, field) => {
                let mut key = "serving".to_owned();
                for stage in stages {
                    key.push_str(stage.key());
                }
                key.push('.');
                key.push_str(field.field().key);
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
            Input::Size(i) => format!("Relative size ({})", case(i)),
            Input::PeakToAverage => "Peak-to-average traffic".to_owned(),
            Input::SuccessRate => "Success rate".to_owned(),
            Input::SuccessFor(name) => format!("Success rate ({name})"),
            Input::OverheadPct => "Overhead %".to_owned(),
            Input::FixedMonthly => "Fixed monthly cost".to_owned(),
            Input::OneTime => "One-time cost".to_owned(),
            Input::Carbon(CarbonField::Grid) => "Grid intensity".to_owned(),
            Input::Carbon(CarbonField::Pue) => "PUE".to_owned(),
            Input::Carbon(CarbonField::Price) | Input::Site(CarbonField::Price) => {
                "Carbon price per tonne".to_owned()
            }
            Input::Site(CarbonField::Grid) => "Grid intensity (this design's region)".to_owned(),
            Input::Site(CarbonField::Pue) => "PUE (this design's data centre)".to_owned(),
            Input::Of(other, inner) => format!(
                "{}: {}",
                scenario
                    .designs
                    .get(*other)
                    .map_or_else(|| format!("design #{other}"), |d| d.name.clone()),
                inner.label(scenario)
            ),
            Input::Serving(stages, field) => {
                let mut label = String::new();
                for stage in stages {
                    label.push_str(stage.label());
                }
                let text = field.field().phrase;
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
            Input::Of(_, inner) => inner.domain(),
            Input::Volume => Domain::Volume,
            Input::PeakToAverage => Domain::Peak,
            Input::Serving(_, ServingField::BatchDiscount | ServingField::Discount) => {
                Domain::Percent
            }
            Input::Share(_)
            | Input::SuccessRate
            | Input::SuccessFor(_)
            | Input::Serving(
                _,
                ServingField::EscalationRate
                | ServingField::CachedInputShare
                | ServingField::CacheWriteShare
                | ServingField::BatchShare,
            ) => Domain::Rate,
            Input::Serving(_, ServingField::TargetUtilization) => Domain::PositiveRate,
            // The limits validation holds each field to, so that goal seek never answers with
            // a value the file refuses.
            Input::ValuePerSuccess(_) => Domain::Field(fields::VALUE_PER_SUCCESS.limits),
            Input::OverheadPct => Domain::Field(fields::OVERHEAD_PCT.limits),
            Input::FixedMonthly => Domain::Field(fields::FIXED_MONTHLY.limits),
            Input::OneTime => Domain::Field(fields::ONE_TIME_AMOUNT.limits),
            Input::Size(_) => Domain::Field(fields::SIZE.limits),
            Input::Serving(_, ServingField::TokensPerRequest) => {
                Domain::Positive(ServingField::TokensPerRequest.field().limits)
            }
            Input::Serving(_, field) => Domain::Field(field.field().limits),
            Input::Carbon(CarbonField::Grid) | Input::Site(CarbonField::Grid) => {
                Domain::Field(fields::GRID.limits)
            }
            Input::Carbon(CarbonField::Pue) | Input::Site(CarbonField::Pue) => {
                Domain::Field(fields::PUE.limits)
            }
            Input::Carbon(CarbonField::Price) | Input::Site(CarbonField::Price) => {
                Domain::Field(fields::CARBON_PRICE.limits)
            }
        }
    }
}

/// The field name of a carbon figure in the carbon section or a design.
fn carbon_key(field: CarbonField) -> &'static str {
    match field {
        CarbonField::Grid => "grid_g_per_kwh",
        CarbonField::Pue => "pue",
        CarbonField::Price => "price_per_tonne",
    }
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
        Input::Size(i) => scenario.use_cases.get_mut(*i).map(|c| &mut c.size),
        Input::PeakToAverage => Some(&mut scenario.volume.peak_to_average),
        Input::Of(other, inner) => slot(scenario, *other, inner),
        Input::Carbon(field) => {
            let c = scenario.carbon.as_mut()?;
            Some(match field {
                CarbonField::Grid => &mut c.grid_g_per_kwh,
                CarbonField::Pue => &mut c.pue,
                CarbonField::Price => &mut c.price_per_tonne,
            })
        }
        _ => {
            let d = scenario.designs.get_mut(design)?;
            match input {
                Input::SuccessRate => Some(&mut d.success_rate),
                Input::SuccessFor(name) => d.success_by_use_case.get_mut(name),
                Input::OverheadPct => Some(&mut d.overhead_pct),
                Input::FixedMonthly => Some(&mut d.fixed_monthly),
                Input::OneTime => Some(&mut d.one_time.amount),
                Input::Serving(stages, field) => field.slot(stage_mut(&mut d.serving, stages)?),
                Input::Site(CarbonField::Grid) => d.grid_g_per_kwh.as_mut(),
                Input::Site(CarbonField::Pue) => d.pue.as_mut(),
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
            let volume = value.round().to_u64()?;
            copy.volume.current = volume;
            // The chart's range widens to hold it: a file's current volume lies within it.
            copy.volume.min = copy.volume.min.min(volume);
            copy.volume.max = copy.volume.max.max(volume);
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
                    // To 12 places, so the file stays readable.
                    case.share = case
                        .share
                        .checked_mul(rest)?
                        .checked_div(others)?
                        .round_dp(12)
                        .normalize();
                }
            }
            // What rounding left over goes to the largest other share, so the shares sum to
            // exactly what they did (a file's shares sum to exactly 1).
            let sum: Decimal = copy.use_cases.iter().map(|c| c.share).sum();
            let largest = (0..copy.use_cases.len())
                .filter(|&j| j != *i)
                .max_by_key(|&j| copy.use_cases[j].share);
            if let Some(j) = largest
                && sum != total
                && others > Decimal::ZERO
            {
                let case = &mut copy.use_cases[j];
                case.share = (case.share + total - sum).max(Decimal::ZERO).normalize();
            }
        }
        _ => *slot(&mut copy, design, input)? = value,
    }
    Some(copy)
}
