//! What bills hold for a scenario (`inference-roi bill`): per design and month, the cost, list
//! cost, tokens, requests and cost per inference, as text or JSON (money and ratios exact decimal
//! strings, counts integers).
//!
//! Requests come from the team's own count (a design's own, else the count for every design);
//! without one they are estimated as the month's input tokens ÷ the design's input tokens per
//! request (a hosted API's), and marked `requests_estimated`.

use std::fmt::Write as _;

use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Value, json};

use super::exact;
use crate::format::{count, terminal_text};
use crate::io::focus::requests::Requests;
use crate::io::focus::{Measured, MonthFigures};
use crate::model::{Month, Scenario, Serving};

/// One design's month, with its requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillMonth {
    /// The month.
    pub month: Month,
    /// The bill's figures.
    pub figures: MonthFigures,
    /// Requests: counted, or estimated from tokens; `None` when neither can be had.
    pub requests: Option<u64>,
    /// True when `requests` is estimated from tokens.
    pub requests_estimated: bool,
}

impl BillMonth {
    /// Cost ÷ requests, when there are requests.
    pub fn cost_per_inference(&self) -> Option<Decimal> {
        self.requests
            .filter(|r| *r > 0)
            .and_then(|r| self.figures.cost.checked_div(Decimal::from(r)))
    }
}

/// A whole number of tokens (a row split between months gives a month a fraction).
fn whole(value: Decimal) -> u64 {
    u64::try_from(
        value
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            .mantissa(),
    )
    .unwrap_or(0)
}

/// Each design's months with requests.
pub fn bill_months(
    scenario: &Scenario,
    measured: &Measured,
    requests: &Requests,
) -> Vec<(String, Vec<BillMonth>)> {
    measured
        .designs
        .iter()
        .map(|d| {
            let per_request = match &scenario.designs[d.index].serving {
                Serving::HostedApi { input_tokens, .. } if !input_tokens.is_zero() => {
                    Some(*input_tokens)
                }
                _ => None,
            };
            let months = d
                .months
                .iter()
                .map(|(month, figures)| {
                    let counted = requests
                        .get(&(Some(d.name.clone()), *month))
                        .or_else(|| requests.get(&(None, *month)));
                    let (requests, requests_estimated) = match (counted, per_request) {
                        (Some(c), _) => (Some(c.requests), false),
                        (None, Some(tokens)) => {
                            (figures.input_tokens.checked_div(tokens).map(whole), true)
                        }
                        (None, None) => (None, false),
                    };
                    BillMonth {
                        month: *month,
                        figures: *figures,
                        requests,
                        requests_estimated,
                    }
                })
                .collect();
            (d.name.clone(), months)
        })
        .collect()
}

/// The JSON form.
pub fn bill_json(measured: &Measured, designs: &[(String, Vec<BillMonth>)]) -> String {
    let designs: Vec<Value> = designs
        .iter()
        .map(|(name, months)| {
            let months: Vec<Value> = months
                .iter()
                .map(|m| {
                    let f = &m.figures;
                    json!({
                        "month": m.month.to_string(),
                        "cost": exact(f.cost),
                        "list_cost": exact(f.list_cost),
                        "input_tokens": whole(f.input_tokens),
                        "cached_read_tokens": whole(f.cache_read_tokens),
                        "cache_write_tokens": whole(f.cache_write_tokens),
                        "output_tokens": whole(f.output_tokens),
                        "requests": m.requests,
                        "requests_estimated": m.requests_estimated,
                        "cost_per_inference": m.cost_per_inference().map(exact),
                    })
                })
                .collect();
            json!({ "name": name, "months": months, "calibration": [] })
        })
        .collect();
    let models: Vec<Value> = measured
        .models_found
        .iter()
        .map(|f| json!({ "model": f.model, "service": f.service, "cost": exact(f.cost) }))
        .collect();
    let value = json!({
        "currency": measured.currency,
        "rows": {
            "read": measured.rows.read,
            "matched": measured.rows.matched,
            "unmatched": measured.rows.unmatched,
            "left_out": { "purchase": measured.rows.left_out.purchase, "tax": measured.rows.left_out.tax },
        },
        "unmatched_cost": exact(measured.unmatched_cost),
        "models_found": models,
        "designs": designs,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The text form.
pub fn bill_text(measured: &Measured, designs: &[(String, Vec<BillMonth>)]) -> String {
    let c = &terminal_text(&measured.currency);
    let r = &measured.rows;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Rows: {} read, {} matched, {} unmatched ({} {c}), left out {} purchase and {} tax",
        r.read,
        r.matched,
        r.unmatched,
        exact(measured.unmatched_cost),
        r.left_out.purchase,
        r.left_out.tax
    );
    for (name, months) in designs {
        let _ = writeln!(out, "\n{name}");
        if months.is_empty() {
            let _ = writeln!(out, "  no rows of the bill match its billing");
        }
        for m in months {
            let f = &m.figures;
            let requests = match m.requests {
                Some(n) if m.requests_estimated => format!("~{} (estimated)", count(n)),
                Some(n) => count(n),
                None => "unknown".to_owned(),
            };
            let per = m
                .cost_per_inference()
                .map_or("-".to_owned(), |d| format!("{} {c}", exact(d.round_dp(6))));
            let _ = writeln!(
                out,
                "  {}  cost {} {c} (list {})  tokens in {} (cache read {}, write {}) out {}  requests {requests}  \
                 cost/inference {per}",
                m.month,
                exact(f.cost),
                exact(f.list_cost),
                count(whole(f.input_tokens)),
                count(whole(f.cache_read_tokens)),
                count(whole(f.cache_write_tokens)),
                count(whole(f.output_tokens)),
            );
        }
    }
    if !measured.models_found.is_empty() {
        let _ = writeln!(out, "\nModels found (for billing mappings):");
        for f in &measured.models_found {
            // Ids and services come from the bill: harmless for a terminal.
            let model = f
                .model
                .as_deref()
                .map_or_else(|| "(no model id)".to_owned(), terminal_text);
            let _ = writeln!(
                out,
                "  {model}  {}  {} {c}",
                terminal_text(&f.service),
                exact(f.cost)
            );
        }
    }
    out
}
