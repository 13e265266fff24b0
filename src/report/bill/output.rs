//! The bill's report as JSON, text and Markdown.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{BillDesign, BillMonth, whole};
use crate::format::{count, md_code, md_text, multiple, terminal_text};
use crate::io::focus::Measured;
use crate::report::exact;

/// A calibration's figures as JSON.
fn calibration_json(d: &BillDesign) -> Vec<Value> {
    d.calibration
        .iter()
        .map(|c| {
            json!({
                "field": c.key(),
                "scenario": exact(c.scenario),
                "bill": exact(c.bill),
                "roi_before": c.roi_before.map(exact),
                "roi_after": c.roi_after.map(exact),
                "estimated": c.estimated,
            })
        })
        .collect()
}

/// The JSON form.
pub fn bill_json(measured: &Measured, designs: &[BillDesign]) -> String {
    let designs: Vec<Value> = designs
        .iter()
        .map(|d| {
            let months: Vec<Value> = d
                .months
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
                        "planned_serving_cost": m.planned_serving_cost.map(|c| exact(c.round_dp(6))),
                    })
                })
                .collect();
            json!({ "name": d.name, "months": months, "calibration": calibration_json(d) })
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

/// The requests of a month as read: `4,200,000`, `~4,200,000 (estimated)` or `unknown`.
fn requests_text(m: &BillMonth) -> String {
    match m.requests {
        Some(n) if m.requests_estimated => format!("~{} (estimated)", count(n)),
        Some(n) => count(n),
        None => "unknown".to_owned(),
    }
}

/// An ROI multiple, or `-` where there is none.
fn roi_text(roi: Option<Decimal>) -> String {
    roi.map_or_else(|| "-".to_owned(), multiple)
}

/// The text form.
pub fn bill_text(measured: &Measured, designs: &[BillDesign]) -> String {
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
    for d in designs {
        let _ = writeln!(out, "\n{}", terminal_text(&d.name));
        if d.months.is_empty() {
            let _ = writeln!(out, "  no rows of the bill match its billing");
        }
        for m in &d.months {
            let f = &m.figures;
            let per = m
                .cost_per_inference()
                .map_or("-".to_owned(), |d| format!("{} {c}", exact(d.round_dp(6))));
            let _ = writeln!(
                out,
                "  {}  cost {} {c} (list {}, plan {})  tokens in {} (cache read {}, write {}) out {}  \
                 requests {}  cost/inference {per}",
                m.month,
                exact(f.cost),
                exact(f.list_cost),
                m.planned_serving_cost
                    .map_or("-".to_owned(), |p| exact(p.round_dp(2))),
                count(whole(f.input_tokens)),
                count(whole(f.cache_read_tokens)),
                count(whole(f.cache_write_tokens)),
                count(whole(f.output_tokens)),
                requests_text(m),
            );
        }
        if !d.calibration.is_empty() {
            let _ = writeln!(
                out,
                "  The bill measures differently (ROI at the current volume, this change alone):"
            );
        }
        for cal in &d.calibration {
            let _ = writeln!(
                out,
                "    {}: scenario {}, bill {}{}  ROI {} -> {}",
                cal.key(),
                cal.value_text(cal.scenario, &measured.currency),
                cal.value_text(cal.bill, &measured.currency),
                if cal.estimated {
                    " (from estimated requests)"
                } else {
                    ""
                },
                roi_text(cal.roi_before),
                roi_text(cal.roi_after),
            );
        }
        if let Some(first) = d.calibration.first() {
            let _ = writeln!(
                out,
                "    all together: ROI {} -> {}",
                roi_text(first.roi_before),
                roi_text(d.roi_calibrated)
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

/// The Markdown form: a table of months per design, its calibration, and the models found.
/// Every text from the scenario or the bill is inert Markdown.
pub fn bill_markdown(measured: &Measured, designs: &[BillDesign]) -> String {
    let c = &md_text(&measured.currency);
    let r = &measured.rows;
    let mut out = String::from("# From the bill\n\n");
    let _ = writeln!(
        out,
        "{} rows read: {} matched a design, {} did not ({} {c}); left out: {} purchase and {} tax rows.",
        count(r.read),
        count(r.matched),
        count(r.unmatched),
        exact(measured.unmatched_cost),
        count(r.left_out.purchase),
        count(r.left_out.tax)
    );
    for d in designs {
        let _ = writeln!(out, "\n## {}\n", md_text(&d.name));
        if d.months.is_empty() {
            let _ = writeln!(out, "No rows of the bill match its billing.");
            continue;
        }
        let _ = writeln!(
            out,
            "| Month | Cost ({c}) | List cost ({c}) | Planned serving ({c}) | Input tokens | Cache read \
             | Cache write | Output tokens | Requests | Cost per inference ({c}) |\n\
             |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
        );
        for m in &d.months {
            let f = &m.figures;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                m.month,
                exact(f.cost),
                exact(f.list_cost),
                m.planned_serving_cost
                    .map_or("-".to_owned(), |p| exact(p.round_dp(2))),
                count(whole(f.input_tokens)),
                count(whole(f.cache_read_tokens)),
                count(whole(f.cache_write_tokens)),
                count(whole(f.output_tokens)),
                requests_text(m),
                m.cost_per_inference()
                    .map_or("-".to_owned(), |v| exact(v.round_dp(6))),
            );
        }
        if d.calibration.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\nWhat the bill measures differently (ROI at the current volume, with that change alone):\n\n\
             | Field | Scenario | Bill | ROI before | ROI after |\n|---|--:|--:|--:|--:|"
        );
        for cal in &d.calibration {
            let _ = writeln!(
                out,
                "| `{}` | {} | {}{} | {} | {} |",
                md_code(cal.key()),
                cal.value_text(cal.scenario, &measured.currency),
                cal.value_text(cal.bill, &measured.currency),
                if cal.estimated { " (estimated)" } else { "" },
                roi_text(cal.roi_before),
                roi_text(cal.roi_after),
            );
        }
        let _ = writeln!(
            out,
            "| all together | | | {} | {} |",
            roi_text(d.calibration[0].roi_before),
            roi_text(d.roi_calibrated)
        );
    }
    if !measured.models_found.is_empty() {
        let _ = writeln!(
            out,
            "\n## Models found\n\n| Model | Service | Cost ({c}) |\n|---|---|--:|"
        );
        for f in &measured.models_found {
            let model = f
                .model
                .as_deref()
                .map_or_else(|| "(no model id)".to_owned(), md_text);
            let _ = writeln!(
                out,
                "| {model} | {} | {} |",
                md_text(&f.service),
                exact(f.cost)
            );
        }
    }
    out
}
