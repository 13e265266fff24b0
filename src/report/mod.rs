//! Output of the engine's results: an aligned text table, CSV, Markdown and JSON.
//!
//! Every format is built from one [`Report`], so the figures agree across formats and with the
//! app. JSON and CSV carry exact decimal strings; text and Markdown round for reading.

pub mod assumptions;
pub mod bill;
pub mod catalog;
pub mod choice;
pub mod diff;
pub mod energy;
/// Human-readable numbers; a leaf that the charts use too.
pub use crate::format;
pub mod html;
mod json;
pub mod pack;
pub mod portfolio;
pub mod refresh;
pub mod route;
pub mod simulate;
mod table;
pub mod timeline;
pub mod whatif;

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::econ::{self, Analysis, Band, DesignFigures, EconError, Sweep};
use crate::model::Scenario;

pub use json::{report_json, sweep_json};
pub use table::{
    crossover_lines, crossovers_beyond, report_csv, report_markdown, report_text, sweep_csv,
    table_markdown,
};

/// A scenario's comparison at one volume: the analysis plus what is needed to print it.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// The scenario reported on.
    pub scenario: &'a Scenario,
    /// The engine's figures.
    pub analysis: Analysis,
}

/// Today's date from the wall clock, for the stale-price checks and the pack's "prepared" date:
/// read at the edges (the command line, the app) and passed to the reports, which never read
/// the clock themselves.
///
/// `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) stands in for the
/// clock when set, so a report or pack made again from the same file is the same, byte for byte.
pub fn today() -> crate::model::Date {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or_else(
            crate::model::Date::today,
            crate::model::Date::of_unix_seconds,
        )
}

impl<'a> Report<'a> {
    /// Runs the engine on `scenario` at `volume`.
    pub fn new(scenario: &'a Scenario, volume: u64) -> Self {
        Report {
            scenario,
            analysis: econ::analyse(scenario, volume),
        }
    }

    /// Design names with their figures (or why they could not be computed).
    pub fn rows(&self) -> impl Iterator<Item = (&str, &Result<DesignFigures, EconError>)> {
        self.scenario
            .designs
            .iter()
            .map(|d| d.name.as_str())
            .zip(&self.analysis.designs)
    }

    /// The name of design `index`.
    pub fn name(&self, index: usize) -> &str {
        self.scenario
            .designs
            .get(index)
            .map_or("?", |d| d.name.as_str())
    }
}

pub use crate::format::exact;

/// Labels of the metric rows, in the order every table format prints them.
pub const METRIC_LABELS: &[&str] = &[
    "Monthly cost",
    "Monthly value",
    "Monthly net value",
    "Cost per inference",
    "Value per inference",
    "Net value per inference",
    "Cost per success",
    "Cost-to-value",
    "ROI multiple",
    "Band",
    "Tokens per month",
    "Cost per 1M tokens",
    "Instances",
    "Break-even from",
    "Good from",
    "Excellent from",
    "Value needed for Good",
    "Value needed for Excellent",
];

/// The planner's comparison table leads with the answer: indices into [`METRIC_LABELS`] in the
/// order its columns show them — band and ROI multiple, cost and value per inference, then the
/// monthly figures and the rest.
pub const ANSWER_FIRST: [usize; 18] =
    [9, 8, 3, 4, 0, 1, 2, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17];

/// The rounded, human-readable cells of one design, in [`METRIC_LABELS`] order.
pub fn readable_cells(figures: &DesignFigures, currency: &str) -> Vec<String> {
    let m = &figures.metrics;
    let money = |d: Decimal| format::money(d, currency);
    let dash = || "—".to_owned();
    let instances = if m.stage_instances.is_empty() {
        "— (API)".to_owned()
    } else {
        let counts: Vec<String> = m
            .stage_instances
            .iter()
            .map(|n| format::count(*n))
            .collect();
        let mut text = counts.join(" + ");
        if m.over_capacity {
            text.push_str(" (over capacity)");
        }
        text
    };
    vec![
        money(m.monthly_cost),
        money(m.monthly_value),
        money(m.monthly_net_value),
        money(m.cost_per_inference),
        money(m.value_per_inference),
        money(m.net_value_per_inference),
        m.cost_per_success.map_or_else(dash, money),
        m.cost_to_value.map_or_else(dash, format::ratio),
        m.roi_multiple
            .map_or_else(|| "∞ (no cost)".to_owned(), format::multiple),
        m.band.label().to_owned(),
        m.tokens_per_month.map_or_else(dash, format::whole),
        m.cost_per_million_tokens.map_or_else(dash, money),
        instances,
        threshold_text(&figures.break_even),
        threshold_text(&figures.good_from),
        threshold_text(&figures.excellent_from),
        m.value_needed_for(Band::Good).map_or_else(dash, money),
        m.value_needed_for(Band::Excellent).map_or_else(dash, money),
    ]
}

/// "120,000 req/mo", "never", or, where ROI dips back below the threshold after an instance
/// is added, the first volume marked with `*` (see [`dip_notes`]).
pub fn threshold_text(threshold: &econ::Threshold) -> String {
    match threshold.first {
        None => "never".to_owned(),
        Some(first) if threshold.dips() => format!("{} req/mo *", format::count(first)),
        Some(first) => format!("{} req/mo", format::count(first)),
    }
}

/// A threshold a design reaches and then falls back below when an instance is added (step
/// costs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dip {
    /// The words before the first volume: "* Design first reaches Good (3×) at".
    pub lead: String,
    /// The first volume at which the design reaches the threshold.
    pub first: u64,
    /// The words after it, up to the volume from which it holds (or to the end).
    pub middle: String,
    /// The volume from which it holds for good, if it does within its capacity.
    pub holds_from: Option<u64>,
}

impl Dip {
    /// The words after the volume it holds from ("on."), when there is one.
    pub const TAIL: &'static str = "on.";

    /// The note as one sentence.
    pub fn sentence(&self) -> String {
        let mut text = format!(
            "{} {} {}",
            self.lead,
            format::count(self.first),
            self.middle
        );
        if let Some(holds) = self.holds_from {
            let _ = write!(text, " {} {}", format::count(holds), Self::TAIL);
        }
        text
    }
}

/// Every threshold that a design reaches and then falls back below (step costs).
pub fn dips(report: &Report) -> Vec<Dip> {
    let mut dips = Vec::new();
    for (name, figures) in report.rows() {
        let Ok(f) = figures else { continue };
        for (band, threshold) in [
            (Band::Marginal, &f.break_even),
            (Band::Good, &f.good_from),
            (Band::Excellent, &f.excellent_from),
        ] {
            let (Some(first), true) = (threshold.first, threshold.dips()) else {
                continue;
            };
            let multiple = format!(
                "{} ({}×)",
                band.label(),
                band.threshold()
                    .map_or_else(String::new, |k| k.normalize().to_string())
            );
            let after = if threshold.holds_from.is_some() {
                "and holds from"
            } else {
                "and never holds for good within its capacity."
            };
            dips.push(Dip {
                lead: format!("* {name} first reaches {multiple} at"),
                first,
                middle: format!(
                    "requests/month, falls back below it when an instance is added, {after}"
                ),
                holds_from: threshold.holds_from,
            });
        }
    }
    dips
}

/// One sentence per threshold that a design reaches and then falls back below (step costs).
pub fn dip_notes(report: &Report) -> Vec<String> {
    dips(report).iter().map(Dip::sentence).collect()
}

/// The sweep of a scenario with its design names.
pub struct SweepReport<'a> {
    /// The scenario swept.
    pub scenario: &'a Scenario,
    /// The curves.
    pub sweep: Sweep,
}

/// Column headings of the per-use-case tables.
pub const USE_CASE_LABELS: [&str; 7] = [
    "Use case",
    "Requests",
    "Cost per inference",
    "Value per inference",
    "ROI multiple",
    "Band",
    "Monthly net value",
];

/// One design's per-use-case table: its name and, per use case, the readable cells in
/// [`USE_CASE_LABELS`] order (or why they could not be computed).
pub type UseCaseTable = (String, Result<Vec<Vec<String>>, String>);

/// The per-use-case table of every design that computed.
pub fn use_case_tables(report: &Report) -> Vec<UseCaseTable> {
    let s = report.scenario;
    s.designs
        .iter()
        .zip(&report.analysis.designs)
        .filter_map(|(design, figures)| {
            let figures = figures.as_ref().ok()?;
            let rows = econ::use_cases::by_use_case(s, design, &figures.metrics)
                .map(|cases| {
                    cases
                        .iter()
                        .map(|u| {
                            let case = &s.use_cases[u.use_case].name;
                            vec![
                                u.served_by.map_or_else(
                                    || case.clone(),
                                    |d| format!("{case} → {}", s.designs[d].name),
                                ),
                                format::whole(u.requests.round()),
                                format::money(u.cost_per_inference, &s.currency),
                                format::money(u.value_per_inference, &s.currency),
                                u.roi_multiple
                                    .map_or_else(|| "∞ (no cost)".to_owned(), format::multiple),
                                u.band.label().to_owned(),
                                format::money(u.monthly_net_value, &s.currency),
                            ]
                        })
                        .collect()
                })
                .map_err(|e| e.to_string());
            Some((design.name.clone(), rows))
        })
        .collect()
}
