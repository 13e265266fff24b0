//! Sensitivity (tornado) and goal-seek results as text, CSV and JSON (goal seek: and Markdown).

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::format::csv_field;
use super::{exact, format};
use crate::econ::whatif::{CarbonField, Input, Metric, Roi, Sensitivity, ServingField};
use crate::econ::{EconError, band_of};
use crate::model::Scenario;

mod seek;

use seek::metric_key;
pub use seek::{
    Goal, limit_text, limit_text_for, metric_phrase, seek_json, seek_markdown, seek_question,
    seek_text, step_detail,
};

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
            | ServingField::CachedInputPrice
            | ServingField::LongContextInputPrice
            | ServingField::LongContextOutputPrice
            | ServingField::LongContextCachedInputPrice
            | ServingField::CacheWritePrice
            | ServingField::LongContextCacheWritePrice => {
                format!("{} /1M tok", format::money(value, currency))
            }
            ServingField::PricePerRequest => format!("{} /request", format::money(value, currency)),
            ServingField::PricePerHour | ServingField::ReservedPrice => {
                format!("{} /hour", format::money(value, currency))
            }
            ServingField::InputTokens
            | ServingField::OutputTokens
            | ServingField::TokensPerRequest
            | ServingField::LongContextThreshold => format!("{} tokens", readable(value)),
            ServingField::Throughput => format!("{} /s", readable(value)),
            ServingField::TargetUtilization
            | ServingField::EscalationRate
            | ServingField::CachedInputShare
            | ServingField::CacheWriteShare
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

/// "Success rate" → "success rate"; "Price per 1M …" keeps its capitals after the first.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().collect::<String>() + chars.as_str()
    })
}

/// "incremental ROI over …" → "Incremental ROI over …".
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().collect::<String>() + chars.as_str()
    })
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
        Metric::Roi => "ROI multiple".to_owned(),
        metric => upper_first(&metric_phrase(scenario, metric)),
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
        format!("{} at low", upper_first(s.metric.label())),
        format!("{} at high", upper_first(s.metric.label())),
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
    let mut value = value;
    if let Metric::IncrementalRoi { from } = s.metric {
        value["upgrade_from"] = json!(design_name(scenario, from));
    }
    format!("{value:#}\n")
}
