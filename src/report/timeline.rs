//! The timeline in words, CSV, JSON and Markdown (`inference-roi timeline`, and the Markdown
//! report's "Over time" section).

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::format::csv_field;
use super::{exact, format};
use crate::econ::simulate::timeline::TimelineSimulation;
use crate::econ::timeline::{ActualRow, TimelineFigures};
use crate::model::{Month, Scenario, Timeline};

fn month_or_dash(month: Option<Month>) -> String {
    month.map_or_else(|| "—".to_owned(), |m| m.to_string())
}

/// Rows of cells as a left-aligned table, two spaces between columns.
pub(crate) fn aligned(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (cell, w) in row.iter().zip(&widths) {
            let pad = w.saturating_sub(cell.chars().count());
            let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Per design: payback month, first month over capacity and over budget, months best.
fn summary_rows(scenario: &Scenario, f: &TimelineFigures) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "Design".to_owned(),
        "Payback".to_owned(),
        "Over capacity from".to_owned(),
        "Over budget from".to_owned(),
        "Months best".to_owned(),
    ]];
    for (design, d) in scenario.designs.iter().zip(&f.designs) {
        rows.push(vec![
            design.name.clone(),
            d.payback.map_or_else(
                || format!("not within {} months", f.months.len()),
                |m| m.to_string(),
            ),
            month_or_dash(d.over_capacity_from),
            month_or_dash(d.over_budget_from),
            d.months_best.to_string(),
        ]);
    }
    rows
}

/// "GPT-4o API from 2027-01; Fine-tuned 8B from 2027-09".
fn best_line(scenario: &Scenario, f: &TimelineFigures) -> String {
    f.best_changes
        .iter()
        .map(|(month, best)| match best {
            Some(d) => format!("{} from {month}", scenario.designs[*d].name),
            None => format!("none within capacity from {month}"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn roi_text(roi: Option<Decimal>) -> String {
    roi.map_or_else(|| "∞".to_owned(), format::multiple)
}

fn percent(value: Option<Decimal>) -> String {
    value.map_or_else(
        || "—".to_owned(),
        |v| {
            let pct = (v * Decimal::ONE_HUNDRED).round_dp(1).normalize();
            if pct > Decimal::ZERO {
                format!("+{pct} %")
            } else {
                format!("{pct} %")
            }
        },
    )
}

fn actual_rows(scenario: &Scenario, actuals: &[ActualRow]) -> Vec<Vec<String>> {
    let money = |d: Decimal| format::money(d, &scenario.currency);
    let mut rows = vec![
        [
            "Month",
            "Requests",
            "Cost",
            "Value",
            "Cost per inference",
            "ROI",
            "Planned cost per inference",
            "Variance",
            "Planned ROI",
            "Variance",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    for a in actuals {
        rows.push(vec![
            a.month.to_string(),
            format::count(a.requests),
            money(a.cost),
            a.value.map_or_else(|| "—".to_owned(), money),
            money(a.cost_per_inference),
            a.roi_multiple
                .map_or_else(|| "—".to_owned(), format::multiple),
            a.planned
                .as_ref()
                .map_or_else(|| "—".to_owned(), |p| money(p.cost_per_inference)),
            percent(a.cost_per_inference_variance),
            a.planned
                .as_ref()
                .map_or_else(|| "—".to_owned(), |p| roi_text(p.roi_multiple)),
            percent(a.roi_variance),
        ]);
    }
    rows
}

/// Per month: the requests, each design's ROI and cumulative net cash, and the best design.
fn month_rows(scenario: &Scenario, f: &TimelineFigures, cash: bool) -> Vec<Vec<String>> {
    let mut header = vec!["Month".to_owned(), "Requests".to_owned()];
    header.extend(scenario.designs.iter().map(|d| d.name.clone()));
    if !cash {
        header.push("Best".to_owned());
    }
    let mut rows = vec![header];
    for row in &f.months {
        let mut cells = vec![row.month.to_string(), format::count(row.volume)];
        for d in &row.designs {
            cells.push(match d {
                Err(_) => "—".to_owned(),
                Ok(d) if cash => format::money(d.cumulative_net_cash, &scenario.currency),
                Ok(d) => {
                    let mut text = roi_text(d.metrics.roi_multiple);
                    if d.metrics.over_capacity {
                        text.push_str(" (over capacity)");
                    } else if d.over_budget {
                        text.push_str(" (over budget)");
                    }
                    text
                }
            });
        }
        if !cash {
            cells.push(
                row.best
                    .map_or_else(|| "—".to_owned(), |b| scenario.designs[b].name.clone()),
            );
        }
        rows.push(cells);
    }
    rows
}

/// The simulated cash: per design, P10 / P50 / P90 of cumulative net cash and the odds of
/// payback at a few months (6, 12, 24, … and the last).
fn simulated_text(scenario: &Scenario, sim: &TimelineSimulation) -> String {
    let last = sim.months.len().saturating_sub(1);
    let mut at: Vec<usize> = [5, 11, 23, 35, 59, 119]
        .into_iter()
        .filter(|m| *m < last)
        .collect();
    at.push(last);
    let mut rows = vec![{
        let mut h = vec![
            "Design".to_owned(),
            "Paid back: 50 % likely by".to_owned(),
            "90 % likely by".to_owned(),
        ];
        for &m in &at {
            h.push(format!(
                "after {} (P10 / P50 / P90, paid back)",
                sim.months[m]
            ));
        }
        h
    }];
    let money = |x: f64| {
        Decimal::from_f64_retain(x).map_or_else(
            || "—".to_owned(),
            |d| {
                let text = format::money(d.round(), &scenario.currency);
                text.strip_suffix(".00")
                    .map_or(text.clone(), ToOwned::to_owned)
            },
        )
    };
    let likely_by = |odds: &[f64], p: f64| {
        odds.iter()
            .position(|o| *o >= p)
            .and_then(|m| sim.months.get(m))
            .map_or_else(|| "not within the timeline".to_owned(), ToString::to_string)
    };
    for (design, outlook) in scenario.designs.iter().zip(&sim.designs) {
        let mut row = vec![design.name.clone()];
        match outlook {
            Ok(o) => row.extend([likely_by(&o.payback_by, 0.5), likely_by(&o.payback_by, 0.9)]),
            Err(_) => row.extend(["—".to_owned(), "—".to_owned()]),
        }
        for &m in &at {
            row.push(match outlook {
                Ok(o) => format!(
                    "{} / {} / {}, {}",
                    money(o.p10[m]),
                    money(o.p50[m]),
                    money(o.p90[m]),
                    format::percent_f64(o.payback_by[m])
                ),
                Err(_) => "—".to_owned(),
            });
        }
        rows.push(row);
    }
    format!(
        "\nSimulated with {} samples (seed {}) over {}: cumulative net cash and the chance of having paid back\n{}",
        format::count(sim.samples as u64),
        sim.seed,
        sim.uncertain.join(", "),
        aligned(&rows)
    )
}

/// The timeline as aligned text: the summary per design, the best design's changes, ROI and
/// cumulative net cash per month, the measured months, and the simulated cash if there is one.
pub fn timeline_text(
    scenario: &Scenario,
    t: &Timeline,
    f: &TimelineFigures,
    sim: Option<&TimelineSimulation>,
) -> String {
    let mut out = format!(
        "{} — over time\n{}\n\n",
        scenario.title,
        t.describe(&scenario.currency)
    );
    out.push_str(&aligned(&summary_rows(scenario, f)));
    let _ = writeln!(
        out,
        "\nBest design (highest monthly net value): {}\n",
        best_line(scenario, f)
    );
    out.push_str("ROI multiple by month:\n");
    out.push_str(&aligned(&month_rows(scenario, f, false)));
    out.push_str("\nCumulative net cash (one-time costs paid in month 1):\n");
    out.push_str(&aligned(&month_rows(scenario, f, true)));
    if !f.actuals.is_empty() {
        out.push_str(
            "\nMeasured months (cost per inference = cost ÷ requests; ROI = value ÷ cost):\n",
        );
        out.push_str(&aligned(&actual_rows(scenario, &f.actuals)));
    }
    if let Some(sim) = sim {
        out.push_str(&simulated_text(scenario, sim));
    }
    out
}

/// One row per month and design, exact decimals.
pub fn timeline_csv(scenario: &Scenario, f: &TimelineFigures) -> String {
    let mut out = String::from(
        "month,volume,design,monthly_cost,monthly_value,monthly_net_value,roi_multiple,band,instances,\
         recurring_cost,cumulative_net_cash,over_capacity,over_budget,best,error\n",
    );
    for row in &f.months {
        for (d, figures) in row.designs.iter().enumerate() {
            let name = &scenario.designs[d].name;
            let cells: Vec<String> = match figures {
                Ok(m) => vec![
                    row.month.to_string(),
                    row.volume.to_string(),
                    name.clone(),
                    exact(m.metrics.monthly_cost),
                    exact(m.metrics.monthly_value),
                    exact(m.metrics.monthly_net_value),
                    m.metrics.roi_multiple.map(exact).unwrap_or_default(),
                    m.metrics.band.label().to_owned(),
                    m.metrics
                        .instances
                        .map(|i| i.to_string())
                        .unwrap_or_default(),
                    exact(m.recurring_cost),
                    exact(m.cumulative_net_cash),
                    m.metrics.over_capacity.to_string(),
                    m.over_budget.to_string(),
                    (row.best == Some(d)).to_string(),
                    String::new(),
                ],
                Err(e) => {
                    let mut cells =
                        vec![row.month.to_string(), row.volume.to_string(), name.clone()];
                    cells.extend(std::iter::repeat_n(String::new(), 11));
                    cells.push(e.to_string());
                    cells
                }
            };
            let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
            out.push_str(&line.join(","));
            out.push('\n');
        }
    }
    out
}

/// The timeline as JSON (the shape `inference-roi timeline --format json` documents), with
/// `"simulated"` when a simulation ran.
pub fn timeline_json(
    scenario: &Scenario,
    t: &Timeline,
    f: &TimelineFigures,
    sim: Option<&TimelineSimulation>,
) -> String {
    let dec = |d: Option<Decimal>| d.map(exact);
    let months: Vec<Value> = f
        .months
        .iter()
        .map(|row| {
            let designs: Vec<Value> = row
                .designs
                .iter()
                .enumerate()
                .map(|(d, figures)| match figures {
                    Ok(m) => json!({
                        "name": scenario.designs[d].name,
                        "monthly_cost": exact(m.metrics.monthly_cost),
                        "monthly_value": exact(m.metrics.monthly_value),
                        "monthly_net_value": exact(m.metrics.monthly_net_value),
                        "roi_multiple": dec(m.metrics.roi_multiple),
                        "band": m.metrics.band.label(),
                        "instances": m.metrics.instances,
                        "cumulative_net_cash": exact(m.cumulative_net_cash),
                        "over_capacity": m.metrics.over_capacity,
                        "over_budget": m.over_budget,
                    }),
                    Err(e) => json!({ "name": scenario.designs[d].name, "error": e.to_string() }),
                })
                .collect();
            json!({
                "month": row.month.to_string(),
                "volume": row.volume,
                "best": row.best.map(|b| scenario.designs[b].name.clone()),
                "designs": designs,
            })
        })
        .collect();
    let designs: Vec<Value> = scenario
        .designs
        .iter()
        .zip(&f.designs)
        .map(|(design, d)| {
            json!({
                "name": design.name,
                "payback_month": d.payback.map(|m| m.to_string()),
                "over_capacity_from": d.over_capacity_from.map(|m| m.to_string()),
                "over_budget_from": d.over_budget_from.map(|m| m.to_string()),
                "months_best": d.months_best,
            })
        })
        .collect();
    let actuals: Vec<Value> = f
        .actuals
        .iter()
        .map(|a| {
            json!({
                "month": a.month.to_string(),
                "requests": a.requests,
                "cost": exact(a.cost),
                "value": dec(a.value),
                "cost_per_inference": exact(a.cost_per_inference),
                "value_per_inference": dec(a.value_per_inference),
                "roi_multiple": dec(a.roi_multiple),
                "planned_cost_per_inference": dec(a.planned.as_ref().map(|p| p.cost_per_inference)),
                "cost_per_inference_variance": dec(a.cost_per_inference_variance),
                "planned_roi_multiple": dec(a.planned.as_ref().and_then(|p| p.roi_multiple)),
                "roi_variance": dec(a.roi_variance),
            })
        })
        .collect();
    let simulated = sim.map(|sim| simulated_json(scenario, sim));
    let value = json!({
        "start": t.start.to_string(),
        "budget_monthly": dec(t.budget_monthly),
        "running": t.running,
        "best_by": "monthly_net_value",
        "months": months,
        "designs": designs,
        "actuals": actuals,
        "simulated": simulated,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The simulated cumulative net cash per design (P10, P50, P90 and payback odds) as JSON.
fn simulated_json(scenario: &Scenario, sim: &TimelineSimulation) -> Value {
    let finite = |v: &[f64]| -> Vec<Value> {
        v.iter()
            .map(|x| if x.is_finite() { json!(x) } else { Value::Null })
            .collect()
    };
    json!({
        "samples": sim.samples,
        "seed": sim.seed,
        "uncertain": sim.uncertain,
        "designs": scenario.designs.iter().zip(&sim.designs).map(|(d, o)| match o {
            Ok(o) => json!({
                "name": d.name,
                "cumulative_net_cash_p10": finite(&o.p10),
                "cumulative_net_cash_p50": finite(&o.p50),
                "cumulative_net_cash_p90": finite(&o.p90),
                "payback_by": finite(&o.payback_by),
            }),
            Err(e) => json!({ "name": d.name, "error": e.to_string() }),
        }).collect::<Vec<_>>(),
    })
}

fn md_table(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|c| format::md_text(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        if i == 0 {
            let _ = writeln!(out, "|{}", "---|".repeat(row.len()));
        }
    }
    out
}

/// The "Over time" section of the Markdown report: the summary per design, when the best design
/// changes, the monthly ROI, and the measured months.
pub fn timeline_markdown(scenario: &Scenario, t: &Timeline, f: &TimelineFigures) -> String {
    let mut out = format!(
        "## Over time\n\n{}.\n\n",
        format::md_text(&t.describe(&scenario.currency))
    );
    out.push_str(&md_table(&summary_rows(scenario, f)));
    let _ = writeln!(
        out,
        "\nBest design (highest monthly net value): {}.\n",
        format::md_text(&best_line(scenario, f))
    );
    out.push_str(&md_table(&month_rows(scenario, f, false)));
    if !f.actuals.is_empty() {
        out.push_str(
            "\nMeasured months (cost per inference = cost ÷ requests; ROI = value ÷ cost):\n\n",
        );
        out.push_str(&md_table(&actual_rows(scenario, &f.actuals)));
    }
    out.push('\n');
    out
}
