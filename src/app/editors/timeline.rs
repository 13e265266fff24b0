//! The scenario panel's timeline and measured months: start, length, growth, budget and the
//! design running today; and the actual months (add, edit, remove, paste rows from a
//! spreadsheet as `month, requests, cost, value`).

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::app::command::Command;
use crate::app::editors::widgets::{Editor, error_color};
use crate::app::panels::over_time::starter_timeline;
use crate::model::exact::{count, parse_decimal_text};
use crate::model::{Actual, Growth, Month, Scenario, Timeline};
use crate::report::format;

/// The growth kinds offered, by label.
const GROWTH_KINDS: [&str; 3] = ["Compound %", "Linear", "Month by month"];

fn kind_of(growth: &Growth) -> usize {
    match growth {
        Growth::Compound { .. } => 0,
        Growth::Linear { .. } => 1,
        Growth::Monthly(_) => 2,
    }
}

/// The timeline's growth switched to another kind, keeping what it means where it can: the
/// month-by-month volumes are today's plan written out.
fn switch_growth(scenario: &Scenario, t: &Timeline, kind: usize) -> Growth {
    match kind {
        0 => Growth::Compound {
            pct_per_month: Decimal::from(5),
        },
        1 => Growth::Linear {
            requests_per_month: Decimal::from(scenario.volume.current / 20),
        },
        _ => Growth::Monthly(
            crate::econ::timeline::volumes(scenario.volume.current, t)
                .unwrap_or_else(|_| vec![scenario.volume.current; t.months as usize]),
        ),
    }
}

/// The timeline editor (or the button that adds one).
pub fn timeline_ui(ui: &mut Ui, editor: &mut Editor) {
    ui.label(RichText::new("Over time").strong()).on_hover_text(
        "Months ahead: how traffic grows, the budget, and the design \
         running today (its plan is compared with the measured months).",
    );
    let Some(t) = editor.scenario.timeline.clone() else {
        if ui
            .button("+ Add a timeline")
            .on_hover_text("Two years from next month at 5 % growth a month.")
            .clicked()
        {
            let mut scenario = editor.scenario.clone();
            scenario.timeline = Some(starter_timeline(&scenario, editor.today));
            editor.commands.push(Command::Restructure {
                scenario,
                select: None,
            });
        }
        return;
    };
    let currency = format::currency_prefix(&editor.scenario.currency)
        .trim()
        .to_owned();
    egui::Grid::new("timeline").num_columns(2).show(ui, |ui| {
        let path = "timeline.start";
        if let Some(start) = editor.number(
            ui,
            path,
            "Starts",
            "The plan's first month (YYYY-MM); month 1's volume is the current volume.",
            &t.start.to_string(),
            "",
            |text| text.trim().parse::<Month>().map_err(|e| e.to_string()),
        ) {
            editor.edit(path, |s| set(s, |t| t.start = start));
        }
        let path = "timeline.months";
        if let Some(months) = editor.count::<u32>(
            ui,
            path,
            "Months",
            "How many months to plan (1–120).",
            t.months,
            "months",
        ) {
            editor.edit(path, |s| set(s, |t| t.months = months));
        }
        growth_ui(ui, editor, &t);
        budget_and_running_ui(ui, editor, &t, &currency);
    });
    if ui
        .small_button("Remove timeline")
        .on_hover_text("Remove the timeline (undo brings it back); measured months stay.")
        .clicked()
    {
        let mut scenario = editor.scenario.clone();
        scenario.timeline = None;
        editor.commands.push(Command::Restructure {
            scenario,
            select: None,
        });
    }
}

/// The growth kind and its figure (rows of the timeline grid).
fn growth_ui(ui: &mut Ui, editor: &mut Editor, t: &Timeline) {
    let label = ui.label("Growth");
    let mut kind = kind_of(&t.growth);
    let before = kind;
    egui::ComboBox::from_id_salt("growth_kind")
        .selected_text(GROWTH_KINDS[kind])
        .show_ui(ui, |ui| {
            for (i, name) in GROWTH_KINDS.iter().enumerate() {
                ui.selectable_value(&mut kind, i, *name);
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(
            "Compound: by a percentage each month; Linear: by a number of \
             requests each month; Month by month: every month's volume as \
             planned.",
        );
    ui.end_row();
    if kind != before {
        let growth = switch_growth(editor.scenario, t, kind);
        editor.edit("timeline.growth", |s| set(s, |t| t.growth = growth));
    }
    match &t.growth {
        Growth::Compound { pct_per_month } => {
            let path = "timeline.growth.pct_per_month";
            if let Some(g) = editor.decimal(
                ui,
                path,
                "  per month",
                "Growth per month in percent (negative for decline).",
                *pct_per_month,
                "% a month",
            ) {
                editor.edit(path, |s| {
                    set(s, |t| t.growth = Growth::Compound { pct_per_month: g });
                });
            }
        }
        Growth::Linear { requests_per_month } => {
            let path = "timeline.growth.requests_per_month";
            if let Some(r) = editor.decimal(
                ui,
                path,
                "  per month",
                "Requests added each month (negative for decline).",
                *requests_per_month,
                "req/mo",
            ) {
                editor.edit(path, |s| {
                    set(s, |t| {
                        t.growth = Growth::Linear {
                            requests_per_month: r,
                        };
                    });
                });
            }
        }
        Growth::Monthly(volumes) => {
            let path = "timeline.growth";
            let shown = volumes
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            if let Some(list) = editor.number(
                ui,
                path,
                "  volumes",
                "Every month's requests, separated by commas.",
                &shown,
                "",
                |text| {
                    text.split([',', ';', '\n', '\t'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .enumerate()
                        .map(|(i, s)| {
                            count::parse::<u64>(s).map_err(|e| format!("month {}: {e}", i + 1))
                        })
                        .collect::<Result<Vec<u64>, String>>()
                },
            ) {
                editor.edit(path, |s| set(s, |t| t.growth = Growth::Monthly(list)));
            }
        }
    }
}

/// The budget and the running design (rows of the timeline grid).
fn budget_and_running_ui(ui: &mut Ui, editor: &mut Editor, t: &Timeline, currency: &str) {
    let label = ui.label("Budget");
    let mut on = t.budget_monthly.is_some();
    if ui
        .checkbox(&mut on, "monthly limit")
        .labelled_by(label.id)
        .on_hover_text(
            "A monthly cost to stay under: the first month each design exceeds it is shown.",
        )
        .changed()
    {
        let budget = on.then(|| Decimal::from(10_000));
        editor.edit("timeline.budget_monthly", |s| {
            set(s, |t| t.budget_monthly = budget);
        });
    }
    ui.end_row();
    if let Some(budget) = t.budget_monthly {
        let path = "timeline.budget_monthly";
        if let Some(b) = editor.decimal(
            ui,
            path,
            &format!("  per month ({currency})"),
            "The monthly budget for this feature's inference.",
            budget,
            "/month",
        ) {
            editor.edit(path, |s| set(s, |t| t.budget_monthly = Some(b)));
        }
    }
    let label = ui.label("Running today");
    let names: Vec<String> = editor
        .scenario
        .designs
        .iter()
        .map(|d| d.name.clone())
        .collect();
    let mut running = t.running.clone();
    egui::ComboBox::from_id_salt("timeline_running")
        .selected_text(running.clone().unwrap_or_else(|| "none".to_owned()))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut running, None, "none");
            for name in &names {
                ui.selectable_value(&mut running, Some(name.clone()), name);
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(
            "The design serving today: each measured month is compared with \
             its plan at the measured requests.",
        );
    ui.end_row();
    if running != t.running {
        editor.edit("timeline.running", |s| set(s, |t| t.running = running));
    }
}

/// Changes the timeline of a scenario copy (there is one: the editor only shows it then).
fn set(scenario: &mut Scenario, change: impl FnOnce(&mut Timeline)) {
    if let Some(t) = scenario.timeline.as_mut() {
        change(t);
    }
}

/// One pasted row: `month, requests, cost[, value]`, separated by commas, semicolons or tabs.
fn parse_row(line: &str) -> Result<Actual, String> {
    let cells: Vec<&str> = line.split([',', ';', '\t']).map(str::trim).collect();
    if !(3..=4).contains(&cells.len()) {
        return Err(format!(
            "{line:?}: expected month, requests, cost and optionally value"
        ));
    }
    let month = cells[0].parse::<Month>().map_err(|e| e.to_string())?;
    let requests = count::parse::<u64>(cells[1]).map_err(|e| format!("requests: {e}"))?;
    let money = |text: &str| parse_decimal_text(&text.replace(['$', '€', '£'], ""));
    let cost = money(cells[2]).map_err(|e| format!("cost: {e}"))?;
    let value = match cells.get(3) {
        Some(text) if !text.is_empty() => Some(money(text).map_err(|e| format!("value: {e}"))?),
        _ => None,
    };
    Ok(Actual {
        month,
        requests,
        cost,
        value,
    })
}

/// Pasted text as rows; a header line (no month first) is skipped.
pub fn parse_rows(text: &str) -> Result<Vec<Actual>, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
        // A header row: a first line whose first cell has no digit ("month").
        .filter(|(i, l)| {
            !(*i == 0
                && l.split([',', ';', '\t'])
                    .next()
                    .is_some_and(|c| !c.chars().any(|ch| ch.is_ascii_digit())))
        })
        .map(|(i, l)| parse_row(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// The measured months: one row each, with add, remove and paste.
pub fn actuals_ui(ui: &mut Ui, editor: &mut Editor) {
    ui.label(RichText::new("Measured months").strong())
        .on_hover_text(
            "What actually happened: requests, total inference cost and (if \
             measured) value per month. Cost per inference = cost ÷ \
             requests; ROI = value ÷ cost.",
        );
    let actuals = editor.scenario.actuals.clone();
    let currency = format::currency_prefix(&editor.scenario.currency)
        .trim()
        .to_owned();
    actual_rows_ui(ui, editor, &actuals, &currency);
    ui.horizontal(|ui| {
        if ui
            .button("+ Add month")
            .on_hover_text("A measured month after the last one (or before the plan starts).")
            .clicked()
        {
            let mut scenario = editor.scenario.clone();
            let month = scenario
                .actuals
                .iter()
                .map(|a| a.month)
                .max()
                .and_then(|m| m.plus(1))
                .or_else(|| scenario.timeline.as_ref().and_then(|t| t.start.plus(-1)))
                .or_else(|| Month::new(editor.today.year, editor.today.month))
                .unwrap_or(Month {
                    year: 2027,
                    month: 1,
                });
            scenario.actuals.push(Actual {
                month,
                requests: scenario.volume.current.max(1),
                cost: Decimal::ZERO,
                value: None,
            });
            editor.commands.push(Command::Restructure {
                scenario,
                select: None,
            });
        }
    });
    paste_ui(ui, editor);
}

/// One row of fields per measured month, each with its Remove button.
fn actual_rows_ui(ui: &mut Ui, editor: &mut Editor, actuals: &[Actual], currency: &str) {
    if !actuals.is_empty() {
        egui::Grid::new("actuals")
            .num_columns(5)
            .striped(true)
            .show(ui, |ui| {
                for (i, a) in actuals.iter().enumerate() {
                    let base = format!("actuals[{i}]");
                    ui.vertical(|ui| {
                        let path = format!("{base}.month");
                        if let Some(month) = editor.number(
                            ui,
                            &path,
                            "Month",
                            "YYYY-MM",
                            &a.month.to_string(),
                            "",
                            |t| t.trim().parse::<Month>().map_err(|e| e.to_string()),
                        ) {
                            editor.edit(&path, |s| s.actuals[i].month = month);
                        }
                        let path = format!("{base}.requests");
                        if let Some(r) = editor.count::<u64>(
                            ui,
                            &path,
                            "Requests",
                            "Requests served that month.",
                            a.requests,
                            "",
                        ) {
                            editor.edit(&path, |s| s.actuals[i].requests = r);
                        }
                        let path = format!("{base}.cost");
                        if let Some(c) = editor.decimal(
                            ui,
                            &path,
                            &format!("Cost ({currency})"),
                            "Total inference infrastructure cost that month.",
                            a.cost,
                            "",
                        ) {
                            editor.edit(&path, |s| s.actuals[i].cost = c);
                        }
                        let path = format!("{base}.value");
                        let shown = a.value.map_or_else(String::new, |v| v.to_string());
                        if let Some(v) = editor.number(
                            ui,
                            &path,
                            &format!("Value ({currency})"),
                            "Value delivered that month, if measured (empty: not measured).",
                            &shown,
                            "",
                            |t| {
                                let t = t.trim();
                                if t.is_empty() {
                                    Ok(None)
                                } else {
                                    parse_decimal_text(t).map(Some)
                                }
                            },
                        ) {
                            editor.edit(&path, |s| s.actuals[i].value = v);
                        }
                    });
                    if ui
                        .small_button("Remove")
                        .on_hover_text("Remove this month (undo brings it back).")
                        .clicked()
                    {
                        let mut scenario = editor.scenario.clone();
                        scenario.actuals.remove(i);
                        editor.commands.push(Command::Restructure {
                            scenario,
                            select: None,
                        });
                    }
                    ui.end_row();
                }
            });
    }
}

/// Rows pasted from a spreadsheet, added (a month already there is replaced) as one undo step.
fn paste_ui(ui: &mut Ui, editor: &mut Editor) {
    let id = egui::Id::unique("paste_actuals");
    let error_id = egui::Id::unique("paste_actuals_error");
    let mut text: String = ui.data_mut(|d| d.get_temp::<String>(id).unwrap_or_default());
    let mut error: Option<String> = ui.data_mut(|d| d.get_temp(error_id));
    let label = ui.label("Paste rows");
    ui.add(
        egui::TextEdit::multiline(&mut text)
            .id(egui::Id::unique("paste_actuals_text"))
            .desired_rows(2)
            .hint_text("month, requests, cost, value"),
    )
    .labelled_by(label.id)
    .on_hover_text(
        "Rows copied from a spreadsheet: 2026-10, 231000, 2310.40, 10650 \
         (tabs, commas or semicolons; a header row is skipped).",
    );
    if !text.trim().is_empty() && ui.button("Add pasted rows").clicked() {
        match parse_rows(&text) {
            Ok(rows) => {
                let mut scenario = editor.scenario.clone();
                for row in rows {
                    // A pasted month replaces the same month.
                    scenario.actuals.retain(|a| a.month != row.month);
                    scenario.actuals.push(row);
                }
                scenario.actuals.sort_by_key(|a| a.month);
                editor.commands.push(Command::Restructure {
                    scenario,
                    select: None,
                });
                text.clear();
                error = None;
            }
            Err(e) => error = Some(e),
        }
    }
    if let Some(e) = &error {
        ui.label(RichText::new(e).color(error_color(ui)));
    }
    ui.data_mut(|d| {
        d.insert_temp(id, text);
        match error {
            Some(e) => {
                d.insert_temp(error_id, e);
            }
            None => d.remove::<String>(error_id),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_rows_from_a_spreadsheet() {
        let rows = parse_rows(
            "month\trequests\tcost\tvalue\n2026-11\t250000\t$2,500.50\t11000\n2026-12; \
             270000; 2700;\n",
        );
        // "$2,500.50": the thousands comma splits the cell, so that row is refused, by line.
        let error = rows.unwrap_err();
        assert!(error.starts_with("line 2:"), "{error}");
        let rows = parse_rows("2026-11\t250000\t$2500.50\t11000\n2026-12; 270000; 2700;").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cost, Decimal::new(250_050, 2));
        assert_eq!(rows[0].value, Some(Decimal::from(11_000)));
        assert_eq!(rows[1].value, None);
        assert_eq!(rows[1].month.to_string(), "2026-12");
        assert!(parse_rows("2026-13, 1, 1").unwrap_err().contains("YYYY-MM"));
        assert!(
            parse_rows("2026-10, 1")
                .unwrap_err()
                .contains("expected month, requests, cost")
        );
    }
}
