//! In the Import bill window, each mapped design's measured months beside its plan, the
//! calibration to apply (each figure alone or all together), and adding the months as the
//! scenario's measured months, asking before replacing months already measured.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use super::BillImport;
use super::window::{billing_text, push_if_valid};
use crate::app::command::Command;
use crate::app::editors::widgets::error_color;
use crate::chart::timeline::TimelineView;
use crate::format::{count, money, multiple};
use crate::io::pricemap::plain_text;
use crate::model::Scenario;
use crate::report::bill::actuals::{bill_actuals, merge_actuals};
use crate::report::bill::calibrate::{apply_all, set};
use crate::report::bill::{BillDesign, BillMonth, whole};

/// One mapped design: its months beside the plan, and its calibration.
pub(super) fn design_ui(
    ui: &mut Ui,
    bill: &mut BillImport,
    scenario: &Scenario,
    d: &BillDesign,
    currency: &str,
    commands: &mut Vec<Command>,
) {
    let Some(design) = scenario.designs.get(d.index) else {
        return;
    };
    let mapping = design
        .billing
        .as_ref()
        .map(billing_text)
        .unwrap_or_default();
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(RichText::new(&d.name).heading());
        ui.label(RichText::new(format!("billing: {mapping}")).weak());
        if ui
            .small_button("Clear billing")
            .on_hover_text("Remove this design's billing mapping (one undo step)")
            .clicked()
        {
            let mut changed = scenario.clone();
            changed.designs[d.index].billing = None;
            commands.push(Command::Restructure {
                scenario: changed,
                select: None,
            });
        }
    });
    if d.months.is_empty() {
        ui.label(RichText::new("No row of the bill matches this billing.").weak());
        return;
    }
    egui::Grid::new(("bill_months", d.index))
        .striped(true)
        .show(ui, |ui| {
            for head in [
                "Month (calibrate over)",
                "Cost",
                "Planned serving",
                "Requests",
                "Cost per inference",
                "Input tokens (cache read, write)",
                "Output tokens",
            ] {
                ui.label(RichText::new(head).strong());
            }
            ui.end_row();
            for m in &d.months {
                month_row_ui(ui, bill, d.index, m, currency);
            }
        });
    calibration_ui(ui, bill, scenario, d, currency, commands);
}

fn month_row_ui(ui: &mut Ui, bill: &mut BillImport, index: usize, m: &BillMonth, currency: &str) {
    let f = &m.figures;
    let mut used = bill.calibrates_over(index, m.month);
    let check = ui
        .checkbox(&mut used, m.month.to_string())
        .on_hover_text("Calibrate over this month (untick a month that was not typical)");
    if check.changed() {
        bill.calibrate_over(index, m.month, used);
    }
    ui.label(money(f.cost, currency));
    let plan = m.planned_serving_cost.map(|c| money(c, currency));
    ui.label(plan.unwrap_or_else(|| "–".to_owned()))
        .on_hover_text(
            "What the scenario says this design's serving costs at the month's requests: the \
             tokens or instance-hours a bill charges, before overhead and fixed costs",
        );
    match m.requests {
        Some(n) if m.requests_estimated => {
            ui.label(format!("~{}", count(n))).on_hover_text(
                "Estimated: the month's input tokens ÷ the design's input tokens per request",
            );
        }
        Some(n) => {
            ui.label(count(n));
        }
        None => {
            ui.label("unknown");
        }
    }
    ui.label(
        m.cost_per_inference()
            .map_or("–".to_owned(), |v| money(v, currency)),
    );
    if f.input_tokens.is_zero() && f.output_tokens.is_zero() {
        // A fleet's rows are instance-hours: no tokens to show.
        ui.label("–");
        ui.label("–");
    } else {
        ui.label(format!(
            "{} ({}, {})",
            count(whole(f.input_tokens)),
            count(whole(f.cache_read_tokens)),
            count(whole(f.cache_write_tokens))
        ));
        ui.label(count(whole(f.output_tokens)));
    }
    ui.end_row();
}

/// "Calibrate": each figure the bill disagrees with, applied on its own or all together.
fn calibration_ui(
    ui: &mut Ui,
    bill: &mut BillImport,
    scenario: &Scenario,
    d: &BillDesign,
    currency: &str,
    commands: &mut Vec<Command>,
) {
    if d.calibration.is_empty() {
        return;
    }
    let mut apply = None;
    ui.label(RichText::new("Calibrate: where the bill measures differently").strong())
        .on_hover_text(
            "Over the months shown. ROI is the design's at the current volume, as the scenario \
             stands and with that one change alone",
        );
    let roi = |r: Option<Decimal>| r.map_or("–".to_owned(), multiple);
    egui::Grid::new(("bill_calibration", d.index))
        .striped(true)
        .show(ui, |ui| {
            for head in ["Figure", "Scenario", "Bill", "ROI now", "ROI with it", ""] {
                ui.label(RichText::new(head).strong());
            }
            ui.end_row();
            for c in &d.calibration {
                ui.label(c.field.field().label)
                    .on_hover_text(c.field.field().help);
                ui.label(c.value_text(c.scenario, currency));
                let bill = c.value_text(c.bill, currency);
                if c.estimated {
                    ui.label(format!("~{bill}"))
                        .on_hover_text("From requests estimated from tokens: give request counts");
                } else {
                    ui.label(bill);
                }
                ui.label(roi(c.roi_before));
                ui.label(roi(c.roi_after));
                let button = ui.button("Apply").on_hover_text(format!(
                    "Set {} to the bill's figure (one undo step)",
                    c.field.field().phrase
                ));
                if button.clicked() {
                    let mut changed = scenario.clone();
                    set(&mut changed.designs[d.index].serving, c.field, c.bill);
                    apply = Some(changed);
                }
                ui.end_row();
            }
        });
    if ui
        .button(format!(
            "Apply all ({} → {})",
            roi(d.calibration[0].roi_before),
            roi(d.roi_calibrated)
        ))
        .on_hover_text("Every figure above at once (one undo step)")
        .clicked()
    {
        apply = Some(apply_all(scenario, d.index, &d.calibration));
    }
    if let Some(changed) = apply {
        push_if_valid(scenario, changed, bill, commands, "calibration");
    }
}

/// "Add as measured months", asking first when months already measured would be replaced.
pub(super) fn add_months_ui(
    ui: &mut Ui,
    bill: &mut BillImport,
    scenario: &Scenario,
    designs: &[BillDesign],
    commands: &mut Vec<Command>,
) {
    let measured = bill_actuals(designs, bill.requests());
    let (merged, replaced) = merge_actuals(&scenario.actuals, &measured.actuals);
    for (month, reason) in &measured.left_out {
        ui.label(RichText::new(format!("{month} is not added: {}", plain_text(reason))).weak());
    }
    if let Some(months) = bill.confirm.clone() {
        ui.horizontal_wrapped(|ui| {
            let list: Vec<String> = months.iter().map(ToString::to_string).collect();
            ui.label(
                RichText::new(format!(
                    "{} already measured ({}) will be replaced by the bill's figures.",
                    if months.len() == 1 {
                        "A month"
                    } else {
                        "Months"
                    },
                    list.join(", ")
                ))
                .color(error_color(ui)),
            );
            if ui.button("Replace").clicked() {
                bill.confirm = None;
                add(
                    bill,
                    scenario,
                    merged.clone(),
                    measured.actuals.len(),
                    commands,
                );
            }
            if ui.button("Cancel").clicked() {
                bill.confirm = None;
            }
        });
        return;
    }
    ui.horizontal(|ui| {
        let label = format!("Add {} measured months", measured.actuals.len());
        let button = ui
            .add_enabled(!measured.actuals.is_empty(), egui::Button::new(label))
            .on_hover_text(
                "Each month's cost (every mapped design's) and requests go into the scenario's \
                 measured months, shown in Over time (one undo step)",
            )
            .on_disabled_hover_text("No month has counted requests: add request counts");
        if button.clicked() {
            if replaced.is_empty() {
                add(
                    bill,
                    scenario,
                    merged.clone(),
                    measured.actuals.len(),
                    commands,
                );
            } else {
                bill.confirm = Some(replaced.clone());
            }
        }
        if ui.button("Show Over time").clicked() {
            commands.push(Command::ShowTimeline(TimelineView::Cost));
        }
    });
}

fn add(
    bill: &mut BillImport,
    scenario: &Scenario,
    actuals: Vec<crate::model::Actual>,
    added: usize,
    commands: &mut Vec<Command>,
) {
    let mut changed = scenario.clone();
    changed.actuals = actuals;
    push_if_valid(
        scenario,
        changed,
        bill,
        commands,
        "addition of measured months",
    );
    if bill.note.is_none() {
        bill.note = Some((format!("Added {added} measured months."), false));
    }
}
