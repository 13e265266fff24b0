//! Which design to run, in words: the best by monthly net value with the criterion named, the
//! highest-ROI design beside it where it is another, none paying, dominated designs and each
//! step along the frontier ("Is the upgrade worth it?"). Every format and the planner say these
//! same sentences; they are plain text, for the caller to escape.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::Report;
use crate::econ::choice::{Choice, Upgrade};
use crate::econ::{Analysis, Band, Metrics};
use crate::format;
use crate::format::md_text;
use crate::model::Scenario;

/// The criterion, as every place that names a best says it.
pub const CRITERION: &str = "highest monthly net value";

/// Help's words on the upgrade question and the frontier.
pub const UPGRADE_HELP: [(&str, &str); 3] = [
    (
        "Incremental ROI",
        "Is the upgrade worth it? Going from a cheaper design A to a dearer design B buys (value_B − value_A) \
         for (cost_B − cost_A) more a month. Below 1× the extra spend buys less value than it costs, however \
         good B's own ROI; it is banded like any ROI.",
    ),
    (
        "Dominated",
        "A design is dominated when another costs no more and is worth no less, one of them strictly: whatever \
         the team values, it should not run it.",
    ),
    (
        "The cost–value frontier",
        "The designs nothing dominates, from cheapest to dearest: the only sensible choices. On the Frontier \
         chart (monthly cost across, monthly value up, both log scales) each band is a diagonal stripe between \
         value = 1×, 3× and 10× cost, dominated designs are hollow, and each step of the frontier line is \
         labelled with its incremental ROI.",
    ),
];

/// What the one rule means, for help text and tooltips.
pub const RULE: &str = "The designs are alternatives for the same requests, so the best is the one that nets the \
    most a month (monthly value − monthly cost) among those within capacity; ties go to the higher ROI. The ROI \
    multiple and its band say whether a design is healthy, not which one to run.";

impl Report<'_> {
    /// The metrics of design `i`, when they computed.
    pub fn metrics(&self, i: usize) -> Option<&Metrics> {
        self.analysis
            .designs
            .get(i)
            .and_then(|d| d.as_ref().ok())
            .map(|f| &f.metrics)
    }

    fn money(&self, value: Decimal) -> String {
        format::money(value, &self.scenario.currency)
    }
}

/// An ROI multiple, `∞` at zero cost.
fn roi_text(roi: Option<Decimal>) -> String {
    roi.map_or_else(|| "∞".to_owned(), format::multiple)
}

/// "Best at this volume (highest monthly net value): Routed by use case, nets $32,659.13/month
/// (ROI 14.1×); highest ROI: GPT-4o mini API (48.6×)"; or that none pays, with the least loss.
pub fn best_sentence(report: &Report, choice: &Choice) -> String {
    best_words(report.scenario, &report.analysis, choice)
}

/// [`best_sentence`] from the parts the planner keeps (no report to build each frame).
pub fn best_words(scenario: &Scenario, analysis: &Analysis, choice: &Choice) -> String {
    let metrics = |i: usize| {
        analysis
            .designs
            .get(i)
            .and_then(|d| d.as_ref().ok())
            .map(|f| &f.metrics)
    };
    let name = |i: usize| scenario.designs.get(i).map_or("?", |d| d.name.as_str());
    let money = |d: Decimal| format::money(d, &scenario.currency);
    let Some((best, m)) = choice.best.and_then(|b| Some((b, metrics(b)?))) else {
        return "Best at this volume: none (no design could be computed within capacity)"
            .to_owned();
    };
    if choice.none_pays {
        return format!(
            "No design pays at this volume: each loses money or breaks even. The least loss is {} (net {}/month, \
             ROI {}): redesign or decommission",
            name(best),
            money(m.monthly_net_value),
            roi_text(m.roi_multiple)
        );
    }
    let mut text = format!(
        "Best at this volume ({CRITERION}): {}, nets {}/month (ROI {})",
        name(best),
        money(m.monthly_net_value),
        roi_text(m.roi_multiple)
    );
    if let Some((h, hm)) = choice
        .highest_roi
        .filter(|&h| h != best)
        .and_then(|h| Some((h, metrics(h)?)))
    {
        let _ = write!(
            text,
            "; highest ROI: {} ({})",
            name(h),
            roi_text(hm.roi_multiple)
        );
    }
    text
}

/// "Going from Routed by use case to GPT-4o API costs $1,107.13 more a month for $439.50 more
/// value: 0.397× on the extra spend (Unsustainable)."
pub fn upgrade_sentence(report: &Report, step: &Upgrade) -> String {
    let (from, to) = (report.name(step.from), report.name(step.to));
    match (step.incremental_roi, step.band) {
        (Some(roi), Some(band)) => format!(
            "Going from {from} to {to} costs {} more a month for {} more value: {} on the extra spend ({}).",
            report.money(step.extra_monthly_cost),
            report.money(step.extra_monthly_value),
            format::multiple(roi),
            band.label()
        ),
        _ => format!(
            "{from} and {to} cost the same and are worth the same at this volume: choosing between them changes \
             nothing."
        ),
    }
}

/// "Fine-tuned 8B on A10G is dominated by GPT-4o mini API: that costs $2,574.65 less a month and
/// is worth $1,778.40 more."
pub fn dominated_sentence(report: &Report, design: usize, by: usize) -> String {
    let (Some(a), Some(b)) = (report.metrics(design), report.metrics(by)) else {
        return format!(
            "{} is dominated by {}.",
            report.name(design),
            report.name(by)
        );
    };
    let cost = a.monthly_cost.saturating_sub(b.monthly_cost);
    let value = b.monthly_value.saturating_sub(a.monthly_value);
    let cost_text = if cost.is_zero() {
        "costs the same".to_owned()
    } else {
        format!("costs {} less a month", report.money(cost))
    };
    let value_text = if value.is_zero() {
        "is worth the same".to_owned()
    } else {
        format!("is worth {} more", report.money(value))
    };
    format!(
        "{} is dominated by {}: that {cost_text} and {value_text}.",
        report.name(design),
        report.name(by)
    )
}

/// Every sentence of the answer after the best one: each frontier step, then each dominated
/// design.
pub fn choice_lines(report: &Report, choice: &Choice) -> Vec<String> {
    let mut lines: Vec<String> = choice
        .upgrades
        .iter()
        .map(|u| upgrade_sentence(report, u))
        .collect();
    for i in 0..report.scenario.designs.len() {
        if let Some(by) = choice.dominated_by(i) {
            lines.push(dominated_sentence(report, i, by));
        }
    }
    lines
}

/// The columns of the "Is the upgrade worth it?" table.
pub const UPGRADE_COLUMNS: [&str; 6] = [
    "From",
    "To",
    "Extra cost / month",
    "Extra value / month",
    "Incremental ROI",
    "Band",
];

/// The rows of the "Is the upgrade worth it?" table, readable (rounded) cells.
pub fn upgrade_rows(report: &Report, choice: &Choice) -> Vec<[String; 6]> {
    choice
        .upgrades
        .iter()
        .map(|u| {
            [
                report.name(u.from).to_owned(),
                report.name(u.to).to_owned(),
                report.money(u.extra_monthly_cost),
                report.money(u.extra_monthly_value),
                u.incremental_roi
                    .map_or_else(|| "— (no extra cost)".to_owned(), format::multiple),
                u.band.map_or("—", Band::label).to_owned(),
            ]
        })
        .collect()
}

/// The answer in the text report: the best with its criterion, then "Is the upgrade worth it?"
/// — each frontier step and each dominated design — when there is more than one design.
pub fn choice_text(report: &Report) -> String {
    let choice = report.analysis.choice();
    let mut out = format!("{}\n", best_sentence(report, &choice));
    let lines = choice_lines(report, &choice);
    if !lines.is_empty() {
        out.push_str("\nIs the upgrade worth it? (each step along the cost–value frontier)\n");
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// The answer in the Markdown report: the best in bold with its criterion, then the section
/// "Is the upgrade worth it?" with the frontier's steps as a table and the dominated designs.
pub fn choice_markdown(report: &Report) -> String {
    let choice = report.analysis.choice();
    let mut out = format!("**{}**\n\n", md_text(&best_sentence(report, &choice)));
    let rows = upgrade_rows(report, &choice);
    let dominated: Vec<String> = (0..report.scenario.designs.len())
        .filter_map(|i| {
            choice
                .dominated_by(i)
                .map(|by| dominated_sentence(report, i, by))
        })
        .collect();
    if rows.is_empty() && dominated.is_empty() {
        return out;
    }
    out.push_str("## Is the upgrade worth it?\n\n");
    out.push_str(
        "Each step along the cost–value frontier, cheapest first: what the dearer design adds a month, and the \
         incremental ROI (extra value ÷ extra cost). Below 1× the extra spend buys less than it costs.\n\n",
    );
    if !rows.is_empty() {
        let _ = writeln!(out, "| {} |", UPGRADE_COLUMNS.join(" | "));
        out.push_str("|---|---|---:|---:|---:|---|\n");
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| md_text(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
        for step in &choice.upgrades {
            let _ = writeln!(out, "- {}", md_text(&upgrade_sentence(report, step)));
        }
    }
    for line in dominated {
        let _ = writeln!(out, "- {}", md_text(&line));
    }
    out.push('\n');
    out
}
