//! Sensitivity (tornado) and goal-seek results as text, CSV and JSON.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::format::csv_field;
use super::{exact, format};
use crate::econ::whatif::{
    CarbonField, Input, Limit, Metric, Roi, Seek, Sensitivity, ServingField,
};
use crate::econ::{EconError, band_of};
use crate::model::Scenario;

/// An input's value with its unit: `$2.50 /1M tok`, `80 %`, `1,600 tokens`, `300,000 req/mo`.
pub fn input_value(scenario: &Scenario, input: &Input, value: Decimal) -> String {
    let currency = &scenario.currency;
    let percent = |v: Decimal| format!("{} %", exact((v * Decimal::ONE_HUNDRED).round_dp(4)));
    match input {
        Input::Of(_, inner) => input_value(scenario, inner, value),
        Input::Volume => format!("{} req/mo", format::whole(value)),
        Input::Share(_) | Input::SuccessRate | Input::SuccessFor(_) => percent(value),
        Input::OverheadPct => format!("{} %", exact(value.round_dp(4))),
        Input::Size(_) => format!("{} × average", exact(value.round_dp(4))),
        Input::PeakToAverage => format!("{}× the average hour", exact(value.round_dp(4))),
        Input::ValuePerSuccess(_) | Input::FixedMonthly | Input::OneTime => {
            format::money(value, currency)
        }
        Input::Serving(_, field) => match field {
            ServingField::InputPrice
            | ServingField::OutputPrice
            | ServingField::CachedInputPrice => {
                format!("{} /1M tok", format::money(value, currency))
            }
            ServingField::PricePerRequest => format!("{} /request", format::money(value, currency)),
            ServingField::PricePerHour | ServingField::ReservedPrice => {
                format!("{} /hour", format::money(value, currency))
            }
            ServingField::InputTokens
            | ServingField::OutputTokens
            | ServingField::TokensPerRequest => format!("{} tokens", readable(value)),
            ServingField::Throughput => format!("{} /s", readable(value)),
            ServingField::TargetUtilization
            | ServingField::EscalationRate
            | ServingField::CachedInputShare
            | ServingField::BatchShare => percent(value),
            ServingField::BatchDiscount | ServingField::Discount => {
                format!("{} %", exact(value.round_dp(4)))
            }
            ServingField::WhPer1kInput
            | ServingField::WhPer1kOutput
            | ServingField::WhPerRequest => format!("{} Wh", format::significant(value)),
            ServingField::WattsMax | ServingField::WattsIdle | ServingField::HostWatts => {
                format!("{} W", readable(value))
            }
        },
        Input::Carbon(field) | Input::Site(field) => match field {
            CarbonField::Grid => format!("{} gCO₂e/kWh", readable(value)),
            CarbonField::Pue => format!("PUE {}", readable(value)),
            CarbonField::Price => format!("{} /tonne", format::money(value, currency)),
        },
    }
}

/// A plain number: whole numbers grouped (`1,520`), others to 4 decimal places.
fn readable(value: Decimal) -> String {
    if value.fract().is_zero() {
        format::whole(value)
    } else {
        exact(value.round_dp(4))
    }
}

/// Why a goal seek has no answer, as a sentence.
pub fn limit_text(scenario: &Scenario, input: &Input, target: Decimal, limit: &Limit) -> String {
    let target_value = target;
    let target = exact(target);
    match limit {
        Limit::Target => format!("the target must be an ROI multiple above 0×, got {target}×"),
        Limit::Extreme { value, roi } => {
            let (lo, _) = input.domain().bounds();
            let end = if *value == lo { "least" } else { "most" };
            format!(
                "even at {}, the {end} the file allows for its {}, the ROI is {}, below {target}× (out of reach \
                    within that limit)",
                input_value(scenario, input, *value),
                lower_first(&input.label(scenario)),
                roi_below(*roi, target_value)
            )
        }
        Limit::NoEffect => format!(
            "its {} has no effect on this design (the ROI stays the same whatever its value)",
            lower_first(&input.label(scenario))
        ),
        Limit::Overflow { value } => format!(
            "at {} the figures overflow the exact range (28 significant digits): no answer",
            input_value(scenario, input, *value)
        ),
        Limit::Volume(Some(capacity)) => format!(
            "the ROI stays below {target}× at every volume up to its capacity of {} requests/month",
            format::count(*capacity)
        ),
        Limit::Volume(None) => format!(
            "the ROI stays below {target}× at every volume up to 10^12 requests/month (value per inference stays \
                below {target}× the cost)"
        ),
    }
}

/// "Success rate" → "success rate"; "Price per 1M …" keeps its capitals after the first.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().collect::<String>() + chars.as_str()
    })
}

/// An ROI multiple that misses `target`, with enough digits that it reads below it
/// (`4.9999993×`, never `5.00×` below 5×).
fn roi_below(roi: Roi, target: Decimal) -> String {
    let Some(roi) = roi else {
        return "∞".to_owned();
    };
    let shown = format::multiple(roi);
    let plain: Option<Decimal> = shown.trim_end_matches('×').replace(',', "").parse().ok();
    if plain.is_some_and(|p| p < target) {
        return shown;
    }
    (3..=20)
        .map(|dp| roi.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::ToZero))
        .find(|r| *r < target)
        .map_or_else(
            || format!("{}×", exact(roi)),
            |r| format!("{}×", r.normalize()),
        )
}

/// An ROI multiple as people read it: `4.89×`, `∞` where cost is 0.
pub fn roi_text(roi: Roi) -> String {
    roi.map_or_else(|| "∞".to_owned(), format::multiple)
}

pub(crate) fn roi_result_text(roi: &Result<Roi, EconError>) -> String {
    match roi {
        Ok(roi) => roi_text(*roi),
        Err(e) => format!("error: {e}"),
    }
}

fn band_text(roi: Roi) -> &'static str {
    match roi {
        None => "Excellent",
        Some(r) => band_of(r, Decimal::ONE).map_or("?", |b| b.label()),
    }
}

fn design_name(scenario: &Scenario, design: usize) -> &str {
    scenario
        .designs
        .get(design)
        .map_or("?", |d| d.name.as_str())
}

/// The tornado as an aligned table, largest effect first.
pub fn sensitivity_text(scenario: &Scenario, s: &Sensitivity) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sensitivity of {:?} at {} requests/month, each input swung ±{} % (or across its own range)",
        design_name(scenario, s.design),
        format::count(s.volume),
        exact(s.swing_pct)
    );
    let metric = match s.metric {
        Metric::Roi => "ROI multiple",
        Metric::RoiWithCarbon => "ROI with carbon",
    };
    let _ = writeln!(
        out,
        "{metric} as it stands: {} ({})\n",
        roi_text(s.base_roi),
        band_text(s.base_roi)
    );
    let rows: Vec<[String; 5]> = s
        .swings
        .iter()
        .map(|w| {
            [
                if w.from_range {
                    format!("{} (its range)", w.input.label(scenario))
                } else {
                    w.input.label(scenario)
                },
                format!(
                    "{} → {}",
                    input_value(scenario, &w.input, w.low),
                    input_value(scenario, &w.input, w.high)
                ),
                roi_result_text(&w.roi_low),
                roi_result_text(&w.roi_high),
                w.effect().map_or_else(|| "∞".to_owned(), format::multiple),
            ]
        })
        .collect();
    let header = [
        "Input".to_owned(),
        "Low → high".to_owned(),
        format!("{} at low", s.metric.label()),
        format!("{} at high", s.metric.label()),
        "Swing".to_owned(),
    ];
    let mut widths = [0usize; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, (w, cell)) in widths.iter().zip(row).enumerate() {
            let pad = w - cell.chars().count();
            if i >= 2 {
                let _ = write!(line, "{}{cell}  ", " ".repeat(pad));
            } else {
                let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if !s.zero_inputs.is_empty() {
        let names: Vec<String> = s.zero_inputs.iter().map(|i| i.label(scenario)).collect();
        let _ = writeln!(out, "\nAt 0, so not swung: {}", names.join(", "));
    }
    out
}

/// An ROI in JSON as `report` writes it: an exact decimal string, `null` where unbounded (cost
/// 0), an object with the error where it could not be computed.
fn roi_json(roi: &Result<Roi, EconError>) -> Value {
    match roi {
        Ok(Some(r)) => json!(exact(*r)),
        Ok(None) => Value::Null,
        Err(e) => json!({ "error": e.to_string() }),
    }
}

/// The tornado as CSV: one row per input, exact decimals.
pub fn sensitivity_csv(scenario: &Scenario, s: &Sensitivity) -> String {
    let mut out = String::from("input,path,base,low,high,roi_low,roi_high,swing\n");
    let cell = |r: &Result<Roi, EconError>| match r {
        Ok(Some(r)) => exact(*r),
        Ok(None) => "unbounded".to_owned(),
        Err(_) => String::new(),
    };
    for w in &s.swings {
        let cells = [
            w.input.label(scenario),
            w.input.path(s.design),
            exact(w.base),
            exact(w.low),
            exact(w.high),
            cell(&w.roi_low),
            cell(&w.roi_high),
            w.effect().map_or_else(|| "unbounded".to_owned(), exact),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        let _ = writeln!(out, "{}", line.join(","));
    }
    out
}

/// The tornado as JSON, exact decimals as strings.
pub fn sensitivity_json(scenario: &Scenario, s: &Sensitivity) -> String {
    let value = json!({
        "design": design_name(scenario, s.design),
        "metric": metric_key(s.metric),
        "volume": s.volume,
        "swing_pct": exact(s.swing_pct),
        "base_roi": roi_json(&Ok(s.base_roi)),
        "swings": s.swings.iter().map(|w| json!({
            "input": w.input.label(scenario),
            "path": w.input.path(s.design),
            "base": exact(w.base),
            "low": exact(w.low),
            "high": exact(w.high),
            "roi_low": roi_json(&w.roi_low),
            "roi_high": roi_json(&w.roi_high),
            "swing": w.effect().map_or(Value::Null, |e| json!(exact(e))),
            "from_range": w.from_range,
        })).collect::<Vec<_>>(),
        "zero_inputs": s.zero_inputs.iter().map(|i| i.path(s.design)).collect::<Vec<_>>(),
    });
    format!("{value:#}\n")
}

/// The metric as `--metric` and JSON spell it.
fn metric_key(metric: Metric) -> &'static str {
    match metric {
        Metric::Roi => "roi",
        Metric::RoiWithCarbon => "roi_with_carbon",
    }
}

/// What goal seek was asked to reach: a multiple of the ROI or of the ROI with carbon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Goal {
    /// The multiple to reach.
    pub target: Decimal,
    /// Which multiple.
    pub metric: Metric,
}

/// A goal-seek answer as a sentence or two.
pub fn seek_text(
    scenario: &Scenario,
    design: usize,
    input: &Input,
    goal: Goal,
    seek: &Seek,
) -> String {
    let Goal { target, metric } = goal;
    let of = match metric {
        Metric::Roi => String::new(),
        Metric::RoiWithCarbon => " ROI with carbon".to_owned(),
    };
    let name = design_name(scenario, design);
    let label = input.label(scenario);
    match seek {
        Seek::Reached { value, roi, lowest } => {
            let at = if matches!(input, Input::Volume) {
                String::new()
            } else {
                format!(
                    " at {} requests/month",
                    format::count(scenario.volume.current)
                )
            };
            let what = match (input, lowest) {
                (Input::Volume, _) => "The lowest monthly volume".to_owned(),
                (_, true) => format!("The lowest {}", lower_first(&label)),
                (_, false) => format!("The highest {}", lower_first(&label)),
            };
            let shown = input_value(scenario, input, *value);
            let precise = exact(*value);
            let shown = if shown.replace(',', "").contains(&precise) {
                shown
            } else {
                format!("{shown} (exactly {precise} in the file)")
            };
            format!(
                "{what} at which {name:?} reaches {}×{of}{at}: {shown}\n{} there: {} ({})\n",
                exact(target),
                metric.label(),
                roi_text(*roi),
                band_text(*roi)
            )
        }
        Seek::Unreachable(limit) => format!(
            "{name:?} cannot reach {}×{of} by changing its {}: {}\n",
            exact(target),
            lower_first(&label),
            limit_text(scenario, input, target, limit)
        ),
    }
}

/// A goal-seek answer as JSON.
pub fn seek_json(
    scenario: &Scenario,
    design: usize,
    input: &Input,
    goal: Goal,
    seek: &Seek,
) -> String {
    let Goal { target, metric } = goal;
    let mut value = json!({
        "design": design_name(scenario, design),
        "metric": metric_key(metric),
        "input": input.label(scenario),
        "path": input.path(design),
        "target": exact(target),
    });
    match seek {
        Seek::Reached {
            value: answer,
            roi,
            lowest,
        } => {
            value["reachable"] = json!(true);
            value["value"] = json!(exact(*answer));
            value["roi"] = roi_json(&Ok(*roi));
            value["bound"] = json!(if *lowest { "lowest" } else { "highest" });
        }
        Seek::Unreachable(limit) => {
            value["reachable"] = json!(false);
            value["reason"] = json!(limit_text(scenario, input, target, limit));
        }
    }
    format!("{value:#}\n")
}
