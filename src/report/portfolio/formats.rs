//! A portfolio in words, JSON, Markdown and CSV (`inference-roi portfolio`). JSON and CSV carry
//! exact decimal strings; text and Markdown round for reading. Every name from a file (a title,
//! a team, a design, a file name, a problem's message) is made harmless for the format.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{FeatureFigures, Figures, Rollup};
use crate::format::{self, csv_field, md_text, terminal_text};
use crate::report::exact;
use crate::report::timeline::aligned;

fn dec(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, |d| Value::String(exact(d)))
}

fn band(f: &Figures) -> &'static str {
    f.band.map_or("", crate::econ::Band::label)
}

/// A ROI as the tables write it: `∞` at no cost, `—` with no feature.
pub(super) fn roi(f: &Figures) -> String {
    match (f.roi_multiple, f.band) {
        (Some(roi), _) => format::multiple(roi),
        (None, Some(_)) => "∞".to_owned(),
        (None, None) => "—".to_owned(),
    }
}

fn kg(value: Option<Decimal>) -> String {
    value.map_or_else(
        || "—".to_owned(),
        |k| format!("{} kg", format::significant(k)),
    )
}

/// The money figures shared by features, teams and the total.
fn figures_json(f: &Figures) -> serde_json::Map<String, Value> {
    let value = json!({
        "monthly_cost": exact(f.monthly_cost),
        "monthly_value": exact(f.monthly_value),
        "monthly_net_value": exact(f.monthly_net_value),
        "roi_multiple": dec(f.roi_multiple),
        "band": f.band.map(crate::econ::Band::label),
    });
    match value {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}

fn feature_json(f: &FeatureFigures) -> Value {
    let mut value = json!({
        "file": f.file,
        "title": f.title,
        "team": f.team,
        "design": f.design,
        "volume": f.volume,
    });
    if let Value::Object(map) = &mut value {
        map.extend(figures_json(&f.figures));
        map.insert("kg_co2e_per_month".into(), dec(f.figures.kg_co2e_per_month));
        map.insert("best_design".into(), json!(f.best_design));
        map.insert(
            "gain_if_switched".into(),
            json!(exact(f.figures.gain_if_switched)),
        );
        map.insert("currency".into(), json!(f.currency));
        map.insert("rate".into(), json!(exact(f.rate)));
    }
    value
}

/// The portfolio as JSON (pretty-printed).
pub fn portfolio_json(r: &Rollup) -> String {
    let teams: Vec<Value> = r
        .teams
        .iter()
        .map(|t| {
            let mut map = serde_json::Map::new();
            map.insert("team".into(), json!(t.team));
            map.extend(figures_json(&t.figures));
            Value::Object(map)
        })
        .collect();
    let mut total = figures_json(&r.total);
    total.insert(
        "gain_if_switched".into(),
        json!(exact(r.total.gain_if_switched)),
    );
    total.insert("kg_co2e_per_month".into(), dec(r.total.kg_co2e_per_month));
    let value = json!({
        "title": r.title,
        "currency": r.currency,
        "budget_monthly": dec(r.budget_monthly),
        "features": r.features.iter().map(feature_json).collect::<Vec<_>>(),
        "teams": teams,
        "total": total,
        "months": r.months.iter().map(|m| json!({
            "month": m.month.to_string(),
            "monthly_cost": exact(m.monthly_cost),
            "monthly_value": exact(m.monthly_value),
        })).collect::<Vec<_>>(),
        "over_budget_from": r.over_budget_from.map(|m| m.to_string()),
        "problems": r.problems.iter().map(|p| json!({"file": p.file, "message": p.message})).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The total in one sentence (text and Markdown spell the names their own way).
pub(super) fn total_line(r: &Rollup) -> String {
    let money = |d| format::money(d, &r.currency);
    let t = &r.total;
    let mut line = format!(
        "{} features cost {} a month, worth {}, net {}: ROI {}{}, total value ÷ total cost",
        r.features.len(),
        money(t.monthly_cost),
        money(t.monthly_value),
        money(t.monthly_net_value),
        roi(t),
        t.band
            .map(|b| format!(" ({})", b.label()))
            .unwrap_or_default()
    );
    if !t.gain_if_switched.is_zero() {
        let _ = write!(
            line,
            "; running each feature's best design would net {} a month more",
            money(t.gain_if_switched)
        );
    }
    if let Some(k) = t.kg_co2e_per_month {
        let _ = write!(line, "; {} kgCO₂e a month", format::significant(k));
    }
    line.push('.');
    line
}

/// One line on the budget: the month the total goes over it, or that it holds.
pub(super) fn budget_line(r: &Rollup) -> Option<String> {
    let budget = format::money(r.budget_monthly?, &r.currency);
    Some(match (r.over_budget_from, r.months.is_empty()) {
        (Some(month), _) => format!("Budget {budget} a month: the total passes it from {month}."),
        (None, true) => {
            format!("Budget {budget} a month: no feature has a timeline to look ahead with.")
        }
        (None, false) => format!("Budget {budget} a month: the total stays within it every month."),
    })
}

/// The feature rows, each cell made safe by `safe`.
pub(super) fn feature_rows(r: &Rollup, safe: &dyn Fn(&str) -> String) -> Vec<Vec<String>> {
    let money = |d| format::money(d, &r.currency);
    let mut rows = vec![
        [
            "Feature",
            "File",
            "Team",
            "Design",
            "Cost/month",
            "Value/month",
            "Net/month",
            "ROI",
            "Band",
            "kgCO₂e/month",
        ]
        .iter()
        .chain(&["Best design", "Gain if switched"])
        .map(|s| (*s).to_owned())
        .collect::<Vec<_>>(),
    ];
    for f in &r.features {
        let g = &f.figures;
        rows.push(vec![
            safe(&f.title),
            safe(&f.file),
            safe(f.team.as_deref().unwrap_or("—")),
            safe(&f.design),
            money(g.monthly_cost),
            money(g.monthly_value),
            money(g.monthly_net_value),
            roi(g),
            band(g).to_owned(),
            kg(g.kg_co2e_per_month),
            safe(f.best_design.as_deref().unwrap_or("—")),
            money(g.gain_if_switched),
        ]);
    }
    rows
}

/// The team rows, each name made safe by `safe`.
pub(super) fn team_rows(r: &Rollup, safe: &dyn Fn(&str) -> String) -> Vec<Vec<String>> {
    let money = |d| format::money(d, &r.currency);
    let mut rows = vec![
        [
            "Team",
            "Cost/month",
            "Value/month",
            "Net/month",
            "ROI",
            "Band",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    for t in &r.teams {
        let g = &t.figures;
        rows.push(vec![
            safe(&t.team),
            money(g.monthly_cost),
            money(g.monthly_value),
            money(g.monthly_net_value),
            roi(g),
            band(g).to_owned(),
        ]);
    }
    rows
}

/// The month rows: month, total cost and total value.
pub(super) fn month_rows(r: &Rollup) -> Vec<Vec<String>> {
    let money = |d| format::money(d, &r.currency);
    let mut rows = vec![["Month", "Cost", "Value"].map(str::to_owned).to_vec()];
    for m in &r.months {
        rows.push(vec![
            m.month.to_string(),
            money(m.monthly_cost),
            money(m.monthly_value),
        ]);
    }
    rows
}

/// The portfolio in words: the total, the features worst first, the teams, the months and the
/// features that could not be counted.
pub fn portfolio_text(r: &Rollup) -> String {
    let safe = |s: &str| terminal_text(s);
    let mut out = format!("Portfolio: {} ({})\n", safe(&r.title), r.currency);
    let _ = writeln!(out, "{}", total_line(r));
    if let Some(line) = budget_line(r) {
        let _ = writeln!(out, "{line}");
    }
    let _ = write!(
        out,
        "\nFeatures, worst first:\n{}",
        aligned(&feature_rows(r, &safe))
    );
    if !r.teams.is_empty() {
        let _ = write!(out, "\nTeams:\n{}", aligned(&team_rows(r, &safe)));
    }
    if !r.months.is_empty() {
        let _ = write!(
            out,
            "\nOver time (each feature's timeline; its current figures outside it):\n{}",
            aligned(&month_rows(r))
        );
    }
    if !r.problems.is_empty() {
        let _ = writeln!(out, "\nNot counted ({} features):", r.problems.len());
        for p in &r.problems {
            let _ = writeln!(out, "  {}: {}", safe(&p.file), safe(&p.message));
        }
    }
    out
}

/// Rows as a Markdown table (the cells already made safe).
pub(super) fn md_table(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let _ = writeln!(out, "| {} |", row.join(" | "));
        if i == 0 {
            let _ = writeln!(out, "|{}", "---|".repeat(row.len()));
        }
    }
    out
}

/// The portfolio as Markdown, to paste into a review document.
pub fn portfolio_markdown(r: &Rollup) -> String {
    let safe = |s: &str| md_text(s);
    let mut out = format!("# Portfolio: {} ({})\n\n", safe(&r.title), r.currency);
    let _ = writeln!(out, "{}\n", md_text(&total_line(r)));
    if let Some(line) = budget_line(r) {
        let _ = writeln!(out, "{}\n", md_text(&line));
    }
    let _ = write!(
        out,
        "## Features, worst first\n\n{}",
        md_table(&feature_rows(r, &safe))
    );
    if !r.teams.is_empty() {
        let _ = write!(out, "\n## Teams\n\n{}", md_table(&team_rows(r, &safe)));
    }
    if !r.months.is_empty() {
        let _ = write!(out, "\n## Over time\n\n{}", md_table(&month_rows(r)));
    }
    if !r.problems.is_empty() {
        let _ = write!(out, "\n## Not counted\n\n");
        for p in &r.problems {
            let _ = writeln!(out, "- {}: {}", md_text(&p.file), md_text(&p.message));
        }
    }
    out
}

/// The CSV columns: one row per feature, team, the total, month and problem (`row` says which).
const CSV_HEADER: [&str; 18] = [
    "row",
    "file",
    "title",
    "team",
    "design",
    "volume",
    "monthly_cost",
    "monthly_value",
    "monthly_net_value",
    "roi_multiple",
    "band",
    "kg_co2e_per_month",
    "best_design",
    "gain_if_switched",
    "currency",
    "rate",
    "month",
    "message",
];

/// The money cells of a row, exact.
fn figure_cells(f: &Figures) -> [String; 5] {
    [
        exact(f.monthly_cost),
        exact(f.monthly_value),
        exact(f.monthly_net_value),
        f.roi_multiple.map(exact).unwrap_or_default(),
        band(f).to_owned(),
    ]
}

/// The portfolio as CSV, exact decimals; every text cell through [`csv_field`].
pub fn portfolio_csv(r: &Rollup) -> String {
    let mut rows: Vec<Vec<String>> = vec![CSV_HEADER.map(str::to_owned).to_vec()];
    let opt = |d: Option<Decimal>| d.map(exact).unwrap_or_default();
    for f in &r.features {
        let g = &f.figures;
        let mut row = vec![
            "feature".to_owned(),
            f.file.clone(),
            f.title.clone(),
            f.team.clone().unwrap_or_default(),
        ];
        row.extend([f.design.clone(), f.volume.to_string()]);
        row.extend(figure_cells(g));
        row.extend([
            opt(g.kg_co2e_per_month),
            f.best_design.clone().unwrap_or_default(),
            exact(g.gain_if_switched),
        ]);
        row.extend([
            f.currency.clone(),
            exact(f.rate),
            String::new(),
            String::new(),
        ]);
        rows.push(row);
    }
    let mut summary = |kind: &str, team: &str, g: &Figures| {
        let mut row = vec![
            kind.to_owned(),
            String::new(),
            String::new(),
            team.to_owned(),
            String::new(),
            String::new(),
        ];
        row.extend(figure_cells(g));
        row.extend([
            opt(g.kg_co2e_per_month),
            String::new(),
            exact(g.gain_if_switched),
        ]);
        row.extend([
            r.currency.clone(),
            String::new(),
            String::new(),
            String::new(),
        ]);
        rows.push(row);
    };
    for t in &r.teams {
        summary("team", &t.team, &t.figures);
    }
    summary("total", "", &r.total);
    for m in &r.months {
        let mut row = vec!["month".to_owned(); 1];
        row.extend(std::iter::repeat_n(String::new(), 5));
        row.extend([exact(m.monthly_cost), exact(m.monthly_value)]);
        row.extend(std::iter::repeat_n(String::new(), 6));
        row.extend([
            r.currency.clone(),
            String::new(),
            m.month.to_string(),
            String::new(),
        ]);
        rows.push(row);
    }
    for p in &r.problems {
        let mut row = vec!["problem".to_owned(), p.file.clone()];
        row.extend(std::iter::repeat_n(String::new(), 15));
        row.push(p.message.clone());
        rows.push(row);
    }
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}
