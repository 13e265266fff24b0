//! The table formats: aligned text, CSV and Markdown.

use std::fmt::Write as _;

use super::format::{csv_field, md_text};
use super::{METRIC_LABELS, Report, SweepReport, exact, format, readable_cells};
use super::{USE_CASE_LABELS, use_case_tables};
use crate::econ::DesignFigures;
use crate::econ::use_cases::by_use_case;
use crate::model::Date;

/// The CSV report's last columns, after the energy ones (added later, so that every earlier
/// column keeps its position): successful requests a month, cost per success, and the design
/// that dominates this one (`docs/method.md#which-design-is-best`).
const CHOICE_CSV_COLUMNS: [&str; 3] = ["successful_requests", "cost_per_success", "dominated_by"];

/// Columns of the CSV report, one row per design (exact decimals, empty where undefined).
const CSV_COLUMNS: &[&str] = &[
    "design",
    "serving",
    "volume",
    "monthly_cost",
    "monthly_value",
    "monthly_net_value",
    "cost_per_inference",
    "value_per_inference",
    "cost_to_value",
    "roi_multiple",
    "net_value_per_inference",
    "band",
    "tokens_per_month",
    "cost_per_million_tokens",
    "instances",
    "over_capacity",
    "break_even_volume",
    "good_from_volume",
    "excellent_from_volume",
    "value_needed_for_good",
    "value_needed_for_excellent",
    "error",
    "use_case",
    "requests",
    "served_by",
];

fn heading(report: &Report) -> (String, String) {
    let s = report.scenario;
    let title = if s.title.trim().is_empty() {
        "Untitled scenario".to_owned()
    } else {
        s.title.clone()
    };
    let subtitle = format!(
        "{} requests/month · {} · {} hours/month",
        format::count(report.analysis.volume),
        s.currency,
        super::exact(s.hours_per_month)
    );
    (title, subtitle)
}

/// Column cells per design: the serving kind, then the metric cells (or the error).
fn columns(report: &Report) -> Vec<Vec<String>> {
    let currency = &report.scenario.currency;
    report
        .rows()
        .enumerate()
        .map(|(i, (_, figures))| {
            let mut cells = vec![report.scenario.designs[i].serving.kind_label().to_owned()];
            match figures {
                Ok(f) => cells.extend(readable_cells(f, currency)),
                Err(e) => {
                    cells.push(format!("not computed: {e}"));
                    cells.extend(std::iter::repeat_n(String::new(), METRIC_LABELS.len() - 1));
                }
            }
            cells
        })
        .collect()
}

/// One line per pair of designs whose ROI order changes: "A ↔ B: 1,234, 5,678".
pub fn crossover_lines(report: &Report) -> Vec<String> {
    report
        .analysis
        .crossovers
        .iter()
        .filter(|c| !c.volumes.is_empty())
        .map(|c| {
            let volumes: Vec<String> = c.volumes.iter().map(|v| format::count(*v)).collect();
            format!(
                "{} ↔ {}: {}{}",
                report.name(c.a),
                report.name(c.b),
                volumes.join(", "),
                crossovers_beyond(c).map_or_else(String::new, |more| format!(", {more}"))
            )
        })
        .collect()
}

/// What a crossover list leaves out, when it does: "and 1,234 more", and where a search that
/// stopped at its work limit stopped ("and 1,234 more up to 5,000,000 requests/month; not
/// searched beyond").
pub fn crossovers_beyond(c: &crate::econ::Crossover) -> Option<String> {
    match (c.more, c.searched_to) {
        (0, None) => None,
        (more, None) => Some(format!("and {} more", format::count(more as u64))),
        (more, Some(to)) => Some(format!(
            "and {} more up to {} requests/month; not searched beyond (the crossover search's work limit)",
            format::count(more as u64),
            format::count(to)
        )),
    }
}

fn width(text: &str) -> usize {
    text.chars().count()
}

fn pad(text: &str, to: usize) -> String {
    format!("{text}{}", " ".repeat(to.saturating_sub(width(text))))
}

/// The comparison as an aligned text table: metrics down, designs across; prices read more than
/// 12 months before `today` are listed as stale.
pub fn report_text(report: &Report, today: Date) -> String {
    let (title, subtitle) = heading(report);
    let columns = columns(report);
    let mut labels = vec!["Serving"];
    labels.extend_from_slice(METRIC_LABELS);
    let label_width = labels.iter().map(|l| width(l)).max().unwrap_or(0) + 2;
    let widths: Vec<usize> = report
        .rows()
        .zip(&columns)
        .map(|((name, _), cells)| {
            cells
                .iter()
                .map(|c| width(c))
                .chain([width(name)])
                .max()
                .unwrap_or(0)
                + 2
        })
        .collect();
    let mut out = format!("{title}\n{subtitle}\n\n");
    let mut line = pad("", label_width);
    for ((name, _), w) in report.rows().zip(&widths) {
        line.push_str(&pad(name, *w));
    }
    out.push_str(line.trim_end());
    out.push('\n');
    for (row, label) in labels.iter().enumerate() {
        let mut line = pad(label, label_width);
        for (cells, w) in columns.iter().zip(&widths) {
            line.push_str(&pad(&cells[row], *w));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    for note in super::dip_notes(report) {
        let _ = writeln!(out, "{note}");
    }
    let _ = write!(out, "\n{}", super::choice::choice_text(report));
    out.push_str(&use_cases_text(report));
    out.push_str(&super::energy::energy_text(report));
    let tiers = super::assumptions::long_context_lines(report.scenario);
    if !tiers.is_empty() {
        out.push_str(
            "\nLong-context tiers (billed on the design's average input tokens per request):\n",
        );
        for line in tiers {
            let _ = writeln!(out, "  {line}");
        }
    }
    let stale = super::assumptions::stale_sources(report.scenario, today);
    if !stale.is_empty() {
        out.push_str("\nStale sources (dated more than 12 months ago; check them):\n");
        for line in stale {
            let _ = writeln!(out, "  {line}");
        }
    }
    let s = report.scenario;
    let crossings = crossover_lines(report);
    let _ = writeln!(
        out,
        "\nCrossovers (where the ROI order of two designs changes) between {} and {} requests/month:",
        format::count(s.volume.min),
        format::count(s.volume.max)
    );
    if crossings.is_empty() {
        out.push_str("  none: the order of the designs is the same across the range\n");
    }
    for line in crossings {
        let _ = writeln!(out, "  {line}");
    }
    out
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn csv_cells(figures: &DesignFigures) -> Vec<String> {
    let m = &figures.metrics;
    let d = |v: Option<rust_decimal::Decimal>| opt(v.map(exact));
    vec![
        m.volume.to_string(),
        exact(m.monthly_cost),
        exact(m.monthly_value),
        exact(m.monthly_net_value),
        exact(m.cost_per_inference),
        exact(m.value_per_inference),
        d(m.cost_to_value),
        d(m.roi_multiple),
        exact(m.net_value_per_inference),
        m.band.label().to_owned(),
        d(m.tokens_per_month),
        d(m.cost_per_million_tokens),
        opt(m.instances),
        m.over_capacity.to_string(),
        opt(figures.break_even.first),
        opt(figures.good_from.first),
        opt(figures.excellent_from.first),
        d(m.value_needed_for(crate::econ::Band::Good)),
        d(m.value_needed_for(crate::econ::Band::Excellent)),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

/// One use case's row on a design: the per-use-case figures in the design row's columns, the
/// columns that only make sense for a whole design left empty.
fn use_case_cells(report: &Report, u: &crate::econ::UseCaseFigures) -> Vec<String> {
    let s = report.scenario;
    let d = |v: Option<rust_decimal::Decimal>| opt(v.map(exact));
    let cost_to_value = if u.value_per_inference.is_zero() {
        None
    } else {
        u.cost_per_inference.checked_div(u.value_per_inference)
    };
    let mut cells = vec![
        report.analysis.volume.to_string(),
        exact(u.monthly_cost),
        exact(u.monthly_value),
        exact(u.monthly_net_value),
        exact(u.cost_per_inference),
        exact(u.value_per_inference),
        d(cost_to_value),
        d(u.roi_multiple),
        opt(u
            .value_per_inference
            .checked_sub(u.cost_per_inference)
            .map(exact)),
        u.band.label().to_owned(),
    ];
    // tokens … value needed for Excellent, and error: not per use case.
    cells.extend(std::iter::repeat_n(String::new(), 10));
    cells.push(s.use_cases[u.use_case].name.clone());
    cells.push(exact(u.requests));
    cells.push(
        u.served_by
            .map_or(String::new(), |d| s.designs[d].name.clone()),
    );
    cells
}

/// The comparison as CSV, exact decimals, empty cells where undefined: one row per design (its
/// `use_case` empty), each followed by a row per use case (`docs/method.md#use-cases`) with its
/// requests, and for a routed design the design serving it.
pub fn report_csv(report: &Report) -> String {
    let choice = report.analysis.choice();
    let mut out = CSV_COLUMNS
        .iter()
        .chain(super::energy::ENERGY_CSV_COLUMNS.iter())
        .chain(CHOICE_CSV_COLUMNS.iter())
        .copied()
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    let mut push = |mut cells: Vec<String>| {
        cells.resize(
            CSV_COLUMNS.len() + super::energy::ENERGY_CSV_COLUMNS.len() + CHOICE_CSV_COLUMNS.len(),
            String::new(),
        );
        let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    };
    for (i, (name, figures)) in report.rows().enumerate() {
        let design = &report.scenario.designs[i];
        let start = vec![name.to_owned(), design.serving.kind_label().to_owned()];
        match figures {
            Ok(f) => {
                let energy = super::energy::energy_csv(report.scenario, design, &f.metrics);
                let m = &f.metrics;
                let chosen = vec![
                    exact(m.successful_requests),
                    opt(m.cost_per_success.map(exact)),
                    opt(choice.dominated_by(i).map(|by| report.name(by))),
                ];
                push([start.clone(), csv_cells(f), energy, chosen].concat());
                if let Ok(cases) = by_use_case(report.scenario, design, &f.metrics) {
                    for u in &cases {
                        let none = vec![String::new(); super::energy::ENERGY_CSV_COLUMNS.len()];
                        push([start.clone(), use_case_cells(report, u), none].concat());
                    }
                }
            }
            Err(e) => {
                let mut cells = start;
                cells.push(report.analysis.volume.to_string());
                cells.extend(std::iter::repeat_n(String::new(), CSV_COLUMNS.len() - 7));
                cells.push(e.to_string());
                cells.extend(std::iter::repeat_n(
                    String::new(),
                    3 + super::energy::ENERGY_CSV_COLUMNS.len(),
                ));
                push(cells);
            }
        }
    }
    out
}

/// The comparison table alone in Markdown: metrics down, designs across (for pasting).
pub fn table_markdown(report: &Report) -> String {
    let columns = columns(report);
    let names: Vec<String> = report.rows().map(|(n, _)| md_text(n)).collect();
    let mut out = String::new();
    let _ = writeln!(out, "| Metric | {} |", names.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(names.len()));
    let mut labels = vec!["Serving"];
    labels.extend_from_slice(METRIC_LABELS);
    for (row, label) in labels.iter().enumerate() {
        let cells: Vec<String> = columns.iter().map(|c| md_text(&c[row])).collect();
        let _ = writeln!(out, "| {label} | {} |", cells.join(" | "));
    }
    out
}

/// The comparison as a Markdown summary: heading, metrics table, best design, crossovers, and the
/// assumptions (prices read more than 12 months before `today` marked stale).
pub fn report_markdown(report: &Report, today: Date) -> String {
    let (title, subtitle) = heading(report);
    let mut out = format!("# {}\n\n{subtitle}\n\n", md_text(&title));
    out.push_str(&table_markdown(report));
    let notes = super::dip_notes(report);
    if !notes.is_empty() {
        out.push('\n');
    }
    for note in notes {
        // The note's leading `*` (the table's footnote mark) comes out escaped.
        let _ = writeln!(out, "{}", md_text(&note));
    }
    out.push('\n');
    out.push_str(&super::choice::choice_markdown(report));
    out.push_str(&use_cases_markdown(report));
    out.push_str(&super::energy::energy_markdown(report));
    let crossings = crossover_lines(report);
    let s = report.scenario;
    let _ = writeln!(
        out,
        "## Crossovers ({} to {} requests/month)\n",
        format::count(s.volume.min),
        format::count(s.volume.max)
    );
    if crossings.is_empty() {
        out.push_str("None: the order of the designs is the same across the range.\n");
    }
    for line in crossings {
        let _ = writeln!(out, "- {}", md_text(&line));
    }
    out.push('\n');
    if let (Some(t), Some(Ok(f))) = (&s.timeline, crate::econ::timeline::timeline(s)) {
        out.push_str(&super::timeline::timeline_markdown(s, t, &f));
    }
    out.push_str(&super::assumptions::assumptions_markdown(
        report.scenario,
        today,
    ));
    out
}

/// The sweep as CSV in long form: one row per design and volume (empty where over capacity).
pub fn sweep_csv(report: &SweepReport) -> String {
    let mut out =
        String::from("design,volume,roi_multiple,cost_per_inference,monthly_cost,monthly_value\n");
    for (design, series) in report.scenario.designs.iter().zip(&report.sweep.series) {
        let Ok(series) = series else { continue };
        for (i, volume) in report.sweep.volumes.iter().enumerate() {
            let f = |x: f64| {
                if x.is_finite() {
                    format!("{x}")
                } else {
                    String::new()
                }
            };
            let cells = [
                design.name.clone(),
                volume.to_string(),
                f(series.roi[i]),
                f(series.cost_per_inference[i]),
                f(series.monthly_cost[i]),
                f(series.monthly_value[i]),
            ];
            let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
            let _ = writeln!(out, "{}", line.join(","));
        }
    }
    out
}

/// Per design, its use cases' figures as aligned text (which inference events are worth AI).
fn use_cases_text(report: &Report) -> String {
    let mut out = String::from("\nBy use case (the design's cost split by load share):\n");
    for (design, rows) in use_case_tables(report) {
        let _ = writeln!(out, "\n  {design}");
        match rows {
            Ok(rows) => {
                let mut all = vec![USE_CASE_LABELS.iter().map(|l| (*l).to_owned()).collect()];
                all.extend(rows);
                let widths: Vec<usize> = (0..USE_CASE_LABELS.len())
                    .map(|c| {
                        all.iter()
                            .map(|r: &Vec<String>| width(&r[c]))
                            .max()
                            .unwrap_or(0)
                            + 2
                    })
                    .collect();
                for row in &all {
                    let mut line = String::from("    ");
                    for (cell, w) in row.iter().zip(&widths) {
                        line.push_str(&pad(cell, *w));
                    }
                    out.push_str(line.trim_end());
                    out.push('\n');
                }
            }
            Err(e) => {
                let _ = writeln!(out, "    not computed: {e}");
            }
        }
    }
    out
}

/// Per design, its use cases' figures as Markdown tables.
fn use_cases_markdown(report: &Report) -> String {
    let mut out = String::from(
        "## By use case\n\nEach design's monthly cost split by load share (share × relative size).\n",
    );
    for (design, rows) in use_case_tables(report) {
        let _ = writeln!(out, "\n### {}\n", md_text(&design));
        match rows {
            Ok(rows) => {
                let _ = writeln!(out, "| {} |", USE_CASE_LABELS.join(" | "));
                let _ = writeln!(out, "|{}", "---|".repeat(USE_CASE_LABELS.len()));
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| md_text(c)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
            }
            Err(e) => {
                let _ = writeln!(out, "Not computed: {}", md_text(&e));
            }
        }
    }
    out.push('\n');
    out
}
