//! Energy and carbon beside cost in the reports: a table per design (Wh and `gCO₂e` per
//! inference, kWh and `kgCO₂e` per month, carbon cost, ROI with carbon, value per kWh), "—" where a
//! design's stages lack energy data or the scenario has no grid intensity.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{Report, exact, format};
use crate::econ::Metrics;
use crate::econ::energy::{Energy, energy};
use crate::model::{Design, Scenario};

/// The energy table's column titles.
pub const ENERGY_LABELS: [&str; 8] = [
    "Design",
    "Wh per inference",
    "gCO₂e per inference",
    "kWh per month",
    "kgCO₂e per month",
    "Carbon cost per month",
    "ROI with carbon",
    "Value per kWh",
];

/// The CSV columns of the energy figures, appended to each design's row.
pub const ENERGY_CSV_COLUMNS: [&str; 7] = [
    "wh_per_inference",
    "g_co2e_per_inference",
    "kwh_per_month",
    "kg_co2e_per_month",
    "carbon_cost_per_month",
    "roi_with_carbon",
    "value_per_kwh",
];

/// A design's energy figures at its metrics' volume (`None` without energy data or on error).
pub fn figures(scenario: &Scenario, design: &Design, metrics: &Metrics) -> Option<Energy> {
    energy(scenario, design, metrics).ok().flatten()
}

/// One row per design, or `None` when no design has energy data (the section is left out).
pub fn rows(report: &Report) -> Option<Vec<Vec<String>>> {
    let s = report.scenario;
    let currency = &s.currency;
    let dash = || "—".to_owned();
    let mut any = false;
    let rows: Vec<Vec<String>> = s
        .designs
        .iter()
        .zip(&report.analysis.designs)
        .map(|(design, f)| {
            let e = f.as_ref().ok().and_then(|f| figures(s, design, &f.metrics));
            any |= e.is_some();
            // Beyond its capacity a fleet's figures are those of more instances than it may
            // run, as its cost is: said, as the main table says it.
            let over = f.as_ref().is_ok_and(|f| f.metrics.over_capacity);
            let Some(e) = e else {
                let mut row = vec![design.name.clone()];
                row.extend(std::iter::repeat_n(dash(), 7));
                return row;
            };
            vec![
                design.name.clone(),
                format!("{} Wh", format::significant(e.wh_per_inference)),
                e.g_co2e_per_inference
                    .map_or_else(dash, |g| format!("{} g", format::significant(g))),
                format!(
                    "{} kWh{}",
                    format::significant(e.kwh_per_month),
                    if over { " (over capacity)" } else { "" }
                ),
                e.kg_co2e_per_month
                    .map_or_else(dash, |kg| format!("{} kg", format::significant(kg))),
                e.carbon_cost_per_month
                    .map_or_else(dash, |c| format::money(c, currency)),
                e.roi_with_carbon.map_or_else(dash, format::multiple),
                e.value_per_kwh
                    .map_or_else(dash, |v| format!("{}/kWh", format::money(v, currency))),
            ]
        })
        .collect();
    any.then_some(rows)
}

/// How the figures are computed, in one sentence for the reports.
fn method(scenario: &Scenario) -> String {
    let mut text = String::from(
        "Self-hosted: instances × hours × (devices × (idle + (max − idle) × utilisation) + host watts) × PUE; \
         hosted: published Wh per token and request. \"—\" where a stage has no energy data",
    );
    // An uncertain grid or PUE shows its median as people read it, as the assumptions do.
    let shown = crate::econ::simulate::readable_medians(scenario);
    match &shown.carbon {
        Some(c) => {
            let _ = write!(
                text,
                "; grid {} gCO₂e/kWh, PUE {}, carbon priced at {} a tonne (a design may set its own grid and PUE).",
                c.grid_g_per_kwh.normalize(),
                c.pue.normalize(),
                format::money_exact(c.price_per_tonne, &scenario.currency)
            );
        }
        None => text.push_str("; no grid intensity given, so no carbon figures."),
    }
    text
}

/// The energy section as aligned text, or nothing.
pub fn energy_text(report: &Report) -> String {
    let Some(rows) = rows(report) else {
        return String::new();
    };
    let mut all = vec![ENERGY_LABELS.map(str::to_owned).to_vec()];
    all.extend(rows);
    let widths: Vec<usize> = (0..ENERGY_LABELS.len())
        .map(|c| all.iter().map(|r| r[c].chars().count()).max().unwrap_or(0) + 2)
        .collect();
    let mut out = String::from("\nEnergy and carbon:\n");
    for row in &all {
        let mut line = String::from("  ");
        for (cell, w) in row.iter().zip(&widths) {
            let _ = write!(
                line,
                "{cell}{}",
                " ".repeat(w.saturating_sub(cell.chars().count()))
            );
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let _ = writeln!(out, "  {}", method(report.scenario));
    out
}

/// The energy section as a Markdown table, or nothing.
pub fn energy_markdown(report: &Report) -> String {
    let Some(rows) = rows(report) else {
        return String::new();
    };
    let mut out = String::from("## Energy and carbon\n\n");
    let _ = writeln!(out, "| {} |", ENERGY_LABELS.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(ENERGY_LABELS.len()));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| super::format::md_text(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let _ = writeln!(
        out,
        "\n{}\n",
        super::format::md_text(&method(report.scenario))
    );
    out
}

/// The energy figures of a design as JSON fields (`null` where unknown).
pub fn energy_json(
    scenario: &Scenario,
    design: &Design,
    metrics: &Metrics,
) -> Vec<(&'static str, Value)> {
    let e = figures(scenario, design, metrics);
    let dec = |d: Option<Decimal>| d.map_or(Value::Null, |d| json!(exact(d)));
    vec![
        (
            "wh_per_inference",
            dec(e.as_ref().map(|e| e.wh_per_inference)),
        ),
        (
            "g_co2e_per_inference",
            dec(e.as_ref().and_then(|e| e.g_co2e_per_inference)),
        ),
        ("kwh_per_month", dec(e.as_ref().map(|e| e.kwh_per_month))),
        (
            "kg_co2e_per_month",
            dec(e.as_ref().and_then(|e| e.kg_co2e_per_month)),
        ),
        (
            "carbon_cost_per_month",
            dec(e.as_ref().and_then(|e| e.carbon_cost_per_month)),
        ),
        (
            "roi_with_carbon",
            dec(e.as_ref().and_then(|e| e.roi_with_carbon)),
        ),
        (
            "value_per_kwh",
            dec(e.as_ref().and_then(|e| e.value_per_kwh)),
        ),
    ]
}

/// The energy figures of a design as CSV cells (empty where unknown).
pub fn energy_csv(scenario: &Scenario, design: &Design, metrics: &Metrics) -> Vec<String> {
    energy_json(scenario, design, metrics)
        .into_iter()
        .map(|(_, v)| v.as_str().map_or_else(String::new, ToOwned::to_owned))
        .collect()
}
