//! `diff`: what changed between two versions of a scenario and what it does to the answer, in
//! words, Markdown (to paste into a review document) or JSON.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{exact, format, threshold_text};
use crate::econ::diff::{Change, CrossoverMove, Diff};
use crate::econ::{DesignFigures, EconError};
use crate::model::Scenario;
use crate::model::exact::parse_decimal_literal;

/// The two scenarios and their comparison.
#[derive(Debug, Clone, Copy)]
pub struct DiffReport<'a> {
    /// What to call the two versions (their file names, or "before" and "now").
    pub labels: (&'a str, &'a str),
    /// The earlier version.
    pub old: &'a Scenario,
    /// The later version.
    pub new: &'a Scenario,
    /// What changed.
    pub diff: &'a Diff,
}

/// The last field name of a path (`price_per_hour` of `designs[1].serving.price_per_hour`).
fn field(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.split('[').next().unwrap_or(last)
}

/// A number as the table shows a field of its kind: rates as percentages, money with the
/// currency, volumes grouped; anything else as written.
fn shown_number(path: &str, value: Decimal, currency: &str) -> String {
    let name = field(path);
    let rate = matches!(
        name,
        "share"
            | "success_rate"
            | "success_by_use_case"
            | "escalation_rate"
            | "target_utilization"
            | "cached_input_share"
            | "cache_write_share"
            | "batch_share"
    );
    let percent = name.ends_with("_pct");
    let money = name.contains("price")
        || matches!(
            name,
            "value_per_success" | "fixed_monthly" | "amount" | "budget_monthly" | "cost" | "value"
        );
    let volume = matches!(name, "current" | "min" | "max" | "requests");
    if rate {
        format!("{} %", (value * Decimal::ONE_HUNDRED).normalize())
    } else if percent {
        format!("{} %", value.normalize())
    } else if money {
        format::money_exact(value, currency)
    } else if volume && value.fract().is_zero() {
        format::whole(value)
    } else {
        value.normalize().to_string()
    }
}

/// A value as written in a file, shown in the table's units (a range as its two ends).
pub fn shown(path: &str, written: Option<&str>, currency: &str) -> String {
    let Some(text) = written else {
        return "(not set)".to_owned();
    };
    if let Some(inner) = text
        .strip_prefix("Range(")
        .and_then(|rest| rest.strip_suffix(')'))
        && let Some((low, high)) = inner.split_once(',')
        && let (Ok(low), Ok(high)) = (
            parse_decimal_literal(low.trim()),
            parse_decimal_literal(high.trim()),
        )
    {
        return format!(
            "{} to {} (90 % range)",
            shown_number(path, low, currency),
            shown_number(path, high, currency)
        );
    }
    if let Ok(value) = parse_decimal_literal(text) {
        return shown_number(path, value, currency);
    }
    let mut short: String = text.chars().take(80).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

impl DiffReport<'_> {
    /// The name of the design a path lies in (the new file's; the old one's if removed).
    fn design_of(&self, change: &Change) -> Option<&str> {
        let index: usize = change
            .path
            .strip_prefix("designs[")?
            .split(']')
            .next()?
            .parse()
            .ok()?;
        let file = if change.new.is_none() {
            self.old
        } else {
            self.new
        };
        file.designs.get(index).map(|d| d.name.as_str())
    }

    fn figures(
        scenario_analysis: &crate::econ::Analysis,
        index: Option<usize>,
    ) -> Option<&Result<DesignFigures, EconError>> {
        index.and_then(|i| scenario_analysis.designs.get(i))
    }

    /// One line per assumption change: kind, path (with the design's name) and old → new.
    fn assumption_lines(&self) -> Vec<(String, String, String)> {
        let currency = &self.new.currency;
        self.diff
            .assumptions
            .iter()
            .map(|c| {
                let mut path = c.path.replace(" (kind)", " kind");
                // Inside a design: its name beside the path (a whole design's is in the values).
                if let Some(name) = self.design_of(c)
                    && c.path.contains('.')
                {
                    path = format!("{path} ({name})");
                }
                let values = format!(
                    "{} → {}",
                    shown(&c.path, c.old.as_deref(), currency),
                    shown(&c.path, c.new.as_deref(), currency)
                );
                (c.kind.key().to_owned(), path, values)
            })
            .collect()
    }

    /// Per design: name, status and the figures' cells (old → new).
    fn design_rows(&self) -> Vec<[String; 8]> {
        let currency = &self.new.currency;
        let money = |d: Decimal| format::money(d, currency);
        self.diff
            .designs
            .iter()
            .map(|pair| {
                let old = Self::figures(&self.diff.old, pair.old);
                let new = Self::figures(&self.diff.new, pair.new);
                let cell = |f: &dyn Fn(&DesignFigures) -> String| -> String {
                    let side = |x: Option<&Result<DesignFigures, EconError>>| match x {
                        None => "—".to_owned(),
                        Some(Err(e)) => format!("({e})"),
                        Some(Ok(figures)) => f(figures),
                    };
                    match (old, new) {
                        (Some(_), Some(_)) => {
                            let (a, b) = (side(old), side(new));
                            if a == b { a } else { format!("{a} → {b}") }
                        }
                        (None, _) => side(new),
                        (_, None) => side(old),
                    }
                };
                let status = match (pair.old, pair.new) {
                    (Some(_), Some(_)) => "",
                    (None, _) => " (added)",
                    (_, None) => " (removed)",
                };
                let roi = |f: &DesignFigures| {
                    f.metrics
                        .roi_multiple
                        .map_or_else(|| "∞".to_owned(), format::multiple)
                };
                let mut roi_cell = cell(&roi);
                if let Some(change) = roi_change(old, new).filter(|c| !c.is_zero()) {
                    let sign = if change >= Decimal::ZERO { "+" } else { "" };
                    let _ = write!(roi_cell, " ({sign}{})", format::multiple(change));
                }
                let mut band = cell(&|f| f.metrics.band.label().to_owned());
                if band_changed(old, new) {
                    band.push_str(" ⚑");
                }
                [
                    format!("{}{status}", pair.name),
                    roi_cell,
                    band,
                    cell(&|f| money(f.metrics.cost_per_inference)),
                    cell(&|f| money(f.metrics.value_per_inference)),
                    cell(&|f| money(f.metrics.monthly_net_value)),
                    cell(&|f| threshold_text(&f.break_even)),
                    cell(&|f| {
                        format!(
                            "{} / {}",
                            threshold_text(&f.good_from),
                            threshold_text(&f.excellent_from)
                        )
                    }),
                ]
            })
            .collect()
    }

    fn best(&self) -> (String, String) {
        let name = |s: &Scenario, a: &crate::econ::Analysis| {
            a.best()
                .map_or_else(|| "none".to_owned(), |i| s.designs[i].name.clone())
        };
        (
            name(self.old, &self.diff.old),
            name(self.new, &self.diff.new),
        )
    }

    fn crossover_lines(&self) -> Vec<String> {
        self.diff
            .crossovers
            .iter()
            .map(|c: &CrossoverMove| {
                let (a, b) = &c.designs;
                match (c.old, c.new) {
                    (None, Some(v)) => {
                        format!("appeared: {a} and {b} cross at {} req/mo", format::count(v))
                    }
                    (Some(v), None) => {
                        format!(
                            "vanished: {a} and {b} no longer cross at {} req/mo",
                            format::count(v)
                        )
                    }
                    (Some(x), Some(y)) => format!(
                        "moved: {a} and {b} cross at {} req/mo (was {})",
                        format::count(y),
                        format::count(x)
                    ),
                    (None, None) => String::new(),
                }
            })
            .collect()
    }

    fn attribution_lines(&self) -> Vec<(String, String, String)> {
        let currency = &self.new.currency;
        self.diff
            .attribution
            .iter()
            .map(|a| {
                let change = a.roi_change.map_or_else(
                    || "unbounded".to_owned(),
                    |d| {
                        let sign = if d >= Decimal::ZERO { "+" } else { "" };
                        format!("{sign}{}", format::multiple(d))
                    },
                );
                let what = self
                    .diff
                    .assumptions
                    .iter()
                    .find(|c| c.path == a.path)
                    .map(|c| {
                        format!(
                            "{} → {}",
                            shown(&c.path, c.old.as_deref(), currency),
                            shown(&c.path, c.new.as_deref(), currency)
                        )
                    })
                    .unwrap_or_default();
                (a.design.clone(), format!("{} {what}", a.path), change)
            })
            .collect()
    }
}

/// New ROI minus old, where both are finite.
fn roi_change(
    old: Option<&Result<DesignFigures, EconError>>,
    new: Option<&Result<DesignFigures, EconError>>,
) -> Option<Decimal> {
    let roi = |x: Option<&Result<DesignFigures, EconError>>| x?.as_ref().ok()?.metrics.roi_multiple;
    roi(new)?.checked_sub(roi(old)?)
}

fn band_changed(
    old: Option<&Result<DesignFigures, EconError>>,
    new: Option<&Result<DesignFigures, EconError>>,
) -> bool {
    let band = |x: Option<&Result<DesignFigures, EconError>>| {
        x.and_then(|r| r.as_ref().ok()).map(|f| f.metrics.band)
    };
    matches!((band(old), band(new)), (Some(a), Some(b)) if a != b)
}

const HEADERS: [&str; 8] = [
    "Design",
    "ROI",
    "Band",
    "Cost / inference",
    "Value / inference",
    "Net / month",
    "Break-even",
    "Good / Excellent from",
];

const WHY: &str = "Each change alone, made to the old scenario; where changes interact, the parts \
                   need not add up to the whole move.";

/// The comparison in words.
pub fn diff_text(report: &DiffReport<'_>) -> String {
    let d = report.diff;
    let mut out = format!(
        "{} → {}, at {} requests/month\n\n",
        report.labels.0,
        report.labels.1,
        format::count(d.volume)
    );
    let lines = report.assumption_lines();
    if lines.is_empty() {
        out.push_str("Assumptions: no change.\n");
    } else {
        let _ = writeln!(out, "Assumptions ({} changes):", lines.len());
        for (kind, path, values) in &lines {
            let _ = writeln!(out, "  {kind:<8} {path}: {values}");
        }
    }
    out.push_str("\nResults:\n");
    let rows = report.design_rows();
    let widths: Vec<usize> = (0..HEADERS.len())
        .map(|k| {
            rows.iter()
                .map(|r| r[k].chars().count())
                .chain([HEADERS[k].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        format!("  {}\n", padded.join("  ").trim_end())
    };
    out.push_str(&line(&HEADERS.map(str::to_owned)));
    for row in &rows {
        out.push_str(&line(row));
    }
    if rows.iter().any(|r| r[2].ends_with('⚑')) {
        out.push_str("  (⚑ the band changed)\n");
    }
    let (old_best, new_best) = report.best();
    if old_best == new_best {
        let _ = writeln!(
            out,
            "\nBest design (highest monthly net value): {new_best} (unchanged)"
        );
    } else {
        let _ = writeln!(
            out,
            "\nBest design (highest monthly net value): {old_best} → {new_best}"
        );
    }
    let crossings = report.crossover_lines();
    if !crossings.is_empty() {
        out.push_str("\nCrossovers:\n");
        for c in crossings {
            let _ = writeln!(out, "  {c}");
        }
    }
    let why = report.attribution_lines();
    if !why.is_empty() {
        let _ = writeln!(out, "\nWhy ROI moved. {WHY}");
        for (design, what, change) in why {
            let _ = writeln!(out, "  {design}: {change} from {what}");
        }
    }
    out
}

/// The comparison in Markdown, to paste into a review document.
pub fn diff_markdown(report: &DiffReport<'_>) -> String {
    let d = report.diff;
    let cell = format::md_text;
    let mut out = format!(
        "## What changed: {} → {}\n\nFigures at {} requests/month.\n\n",
        cell(report.labels.0),
        cell(report.labels.1),
        format::count(d.volume)
    );
    let (old_best, new_best) = report.best();
    if old_best == new_best {
        let _ = write!(
            out,
            "**Best design** (highest monthly net value): {} (unchanged).\n\n",
            cell(&new_best)
        );
    } else {
        let _ = write!(
            out,
            "**Best design** (highest monthly net value): {} → **{}**.\n\n",
            cell(&old_best),
            cell(&new_best)
        );
    }
    out.push_str("### Results\n\n");
    let _ = writeln!(out, "| {} |", HEADERS.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(HEADERS.len()));
    let rows = report.design_rows();
    for row in &rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    if rows.iter().any(|r| r[2].ends_with('⚑')) {
        out.push_str("\n⚑ marks a band that changed.\n");
    }
    out.push_str("\n### Assumptions\n\n");
    let lines = report.assumption_lines();
    if lines.is_empty() {
        out.push_str("No change.\n");
    } else {
        out.push_str("| Change | Field | Old → new |\n|---|---|---|\n");
        for (kind, path, values) in lines {
            let _ = writeln!(
                out,
                "| {kind} | `{}` | {} |",
                format::md_code(&path),
                cell(&values)
            );
        }
    }
    let crossings = report.crossover_lines();
    if !crossings.is_empty() {
        out.push_str("\n### Crossovers\n\n");
        for c in crossings {
            let _ = writeln!(out, "- {}", cell(&c));
        }
    }
    let why = report.attribution_lines();
    if !why.is_empty() {
        let _ = write!(
            out,
            "\n### Why ROI moved\n\n{WHY}\n\n| Design | Change | ROI move |\n|---|---|---|\n"
        );
        for (design, what, change) in why {
            let _ = writeln!(out, "| {} | {} | {change} |", cell(&design), cell(&what));
        }
    }
    out
}

/// The comparison as JSON (exact decimals as strings; `null` where a side is missing).
pub fn diff_json(report: &DiffReport<'_>) -> Value {
    let d = report.diff;
    let side = |s: &Scenario, a: &crate::econ::Analysis, i: Option<usize>| -> Value {
        match i.and_then(|i| a.designs.get(i).map(|f| (i, f))) {
            None => Value::Null,
            Some((_, Err(e))) => json!({ "error": e.to_string() }),
            Some((i, Ok(f))) => super::json::design_json(s, i, f),
        }
    };
    let designs: Vec<Value> = d
        .designs
        .iter()
        .map(|p| {
            let (old, new) = (
                p.old.and_then(|i| d.old.designs.get(i)),
                p.new.and_then(|j| d.new.designs.get(j)),
            );
            json!({
                "name": p.name,
                "status": match (p.old, p.new) {
                    (Some(_), Some(_)) => "both",
                    (None, _) => "added",
                    (_, None) => "removed",
                },
                "old": side(report.old, &d.old, p.old),
                "new": side(report.new, &d.new, p.new),
                "roi_change": roi_change(old, new).map(exact),
                "band_changed": band_changed(old, new),
            })
        })
        .collect();
    let (old_best, new_best) = report.best();
    let moves = |pick: fn(&CrossoverMove) -> bool| -> Vec<Value> {
        d.crossovers
            .iter()
            .filter(|c| pick(c))
            .map(|c| {
                json!({
                    "designs": [c.designs.0, c.designs.1],
                    "old_volume": c.old,
                    "new_volume": c.new,
                })
            })
            .collect()
    };
    json!({
        "volume": d.volume,
        "assumptions": d.assumptions.iter().map(|c| json!({
            "path": c.path,
            "old": c.old,
            "new": c.new,
            "kind": c.kind.key(),
        })).collect::<Vec<_>>(),
        "designs": designs,
        "best": { "old": old_best, "new": new_best },
        "best_by": "monthly_net_value",
        "crossovers": {
            "appeared": moves(|c| c.old.is_none()),
            "vanished": moves(|c| c.new.is_none()),
            "moved": moves(|c| c.old.is_some() && c.new.is_some()),
        },
        "attribution": d.attribution.iter().map(|a| json!({
            "design": a.design,
            "path": a.path,
            "roi_change": a.roi_change.map(exact),
        })).collect::<Vec<_>>(),
    })
}
