//! The right panel: every field of the selected design, with units and product-terms tooltips.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::app::editors::widgets::{Editor, error_color};
use crate::model::fields;
use crate::model::{Design, Source};
use crate::report::format;

mod self_hosted;
mod serving;

use serving::serving_ui;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Draws the editor of design `index`.
pub fn design_panel_ui(ui: &mut Ui, editor: &mut Editor, index: usize) {
    let Some(design) = editor.scenario.designs.get(index).cloned() else {
        ui.heading("Design");
        ui.label("Select a design on the left, or add one.");
        return;
    };
    let currency = format::currency_prefix(&editor.scenario.currency)
        .trim()
        .to_owned();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(format!("Design: {}", design.name));
            let base = format!("designs[{index}]");
            egui::Grid::new("design_fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let path = format!("{base}.name");
                    if let Some(name) = editor.text(
                        ui,
                        &path,
                        "Name",
                        "A short unique name, shown in the legend and the table.",
                        &design.name,
                    ) {
                        editor.edit(&path, |s| s.designs[index].name = name);
                    }
                });
            ui.separator();
            serving_ui(ui, editor, index, &[], &currency);
            ui.separator();
            ui.label(RichText::new("Outcomes").strong());
            if design.serving.routes().is_some() {
                ui.label("Each use case succeeds at the rate of the design it is sent to.");
            } else {
                success_rates_ui(ui, editor, index, &design);
            }
            if design.serving.routes().is_none() {
                crate::app::editors::energy::design_site_ui(ui, editor, index);
            }
            ui.separator();
            ui.label(RichText::new("Other costs").strong());
            other_costs_ui(ui, editor, index, &design, &currency);
            ui.separator();
            egui::Grid::new("design_notes")
                .num_columns(2)
                .show(ui, |ui| {
                    let path = format!("{base}.notes");
                    if let Some(text) = editor.multiline(
                        ui,
                        &path,
                        "Notes",
                        "Assumptions reviewers should know about.",
                        &design.notes,
                    ) {
                        editor.edit(&path, |s| s.designs[index].notes = text);
                    }
                });
            sources_ui(ui, editor, index, &design.sources);
        });
}

/// A design's success rate, and each use case's own rate where it has one.
fn success_rates_ui(ui: &mut Ui, editor: &mut Editor, index: usize, design: &Design) {
    let base = format!("designs[{index}]");
    egui::Grid::new("design_outcomes")
        .num_columns(2)
        .show(ui, |ui| {
            let path = format!("{base}.success_rate");
            if let Some(pct) = percent(
                ui,
                editor,
                &path,
                fields::SUCCESS_RATE.label,
                fields::SUCCESS_RATE.help,
                design.success_rate,
            ) {
                editor.edit(&path, |s| s.designs[index].success_rate = pct);
            }
            let cases = editor.scenario.use_cases.clone();
            for case in &cases {
                let path = format!("{base}.success_by_use_case[{:?}]", case.name);
                let overridden = design.success_by_use_case.get(&case.name).copied();
                let mut on = overridden.is_some();
                let label = ui.label(format!("  {}", case.name));
                ui.horizontal(|ui| {
                    if ui
                        .checkbox(&mut on, "own rate")
                        .labelled_by(label.id)
                        .on_hover_text("Use a different success rate for this use case.")
                        .changed()
                    {
                        let name = case.name.clone();
                        let rate = design.success_rate;
                        editor.edit(&path, move |s| {
                            if on {
                                s.designs[index].success_by_use_case.insert(name, rate);
                            } else {
                                s.designs[index].success_by_use_case.remove(&name);
                            }
                        });
                    }
                });
                ui.end_row();
                if let Some(rate) = overridden
                    && let Some(pct) = percent(
                        ui,
                        editor,
                        &path,
                        &format!("  {} success", case.name),
                        "Success rate for this use case only.",
                        rate,
                    )
                {
                    let name = case.name.clone();
                    editor.edit(&path, move |s| {
                        s.designs[index].success_by_use_case.insert(name, pct);
                    });
                }
            }
        });
}

/// A design's overhead, fixed monthly and one-time costs.
fn other_costs_ui(ui: &mut Ui, editor: &mut Editor, index: usize, design: &Design, currency: &str) {
    let base = format!("designs[{index}]");
    egui::Grid::new("design_costs")
        .num_columns(2)
        .show(ui, |ui| {
            let path = format!("{base}.overhead_pct");
            if let Some(v) = editor.decimal(
                ui,
                &path,
                fields::OVERHEAD_PCT.label,
                fields::OVERHEAD_PCT.help,
                design.overhead_pct,
                fields::OVERHEAD_PCT.unit,
            ) {
                editor.edit(&path, |s| s.designs[index].overhead_pct = v);
            }
            let path = format!("{base}.fixed_monthly");
            if let Some(v) = editor.decimal(
                ui,
                &path,
                &format!("{} ({currency})", fields::FIXED_MONTHLY.label),
                fields::FIXED_MONTHLY.help,
                design.fixed_monthly,
                fields::FIXED_MONTHLY.unit,
            ) {
                editor.edit(&path, |s| s.designs[index].fixed_monthly = v);
            }
            let path = format!("{base}.one_time.amount");
            if let Some(v) = editor.decimal(
                ui,
                &path,
                &format!("{} ({currency})", fields::ONE_TIME_AMOUNT.label),
                fields::ONE_TIME_AMOUNT.help,
                design.one_time.amount,
                "",
            ) {
                editor.edit(&path, |s| s.designs[index].one_time.amount = v);
            }
            let path = format!("{base}.one_time.months");
            if let Some(v) = editor.count::<u32>(
                ui,
                &path,
                "Spread over",
                "Months over which the one-time cost is amortised (1–1,200).",
                design.one_time.months,
                "months",
            ) {
                editor.edit(&path, |s| s.designs[index].one_time.months = v);
            }
        });
}

/// A 0–1 rate edited as a percentage.
pub(super) fn percent(
    ui: &mut Ui,
    editor: &mut Editor,
    path: &str,
    label: &str,
    tooltip: &str,
    rate: Decimal,
) -> Option<Decimal> {
    let pct = editor.decimal(ui, path, label, tooltip, (rate * HUNDRED).normalize(), "%")?;
    if pct < Decimal::ZERO || pct > HUNDRED {
        editor.fields.errors.insert(
            egui::Id::unique(path),
            format!("must be between 0 and 100 %, got {pct}"),
        );
        return None;
    }
    Some(pct / HUNDRED)
}

fn sources_ui(ui: &mut Ui, editor: &mut Editor, index: usize, sources: &[Source]) {
    ui.separator();
    ui.label(RichText::new("Sources").strong())
        .on_hover_text("Where each price or figure comes from, and the date it was read.");
    let routed = editor
        .scenario
        .designs
        .get(index)
        .is_some_and(|d| d.serving.routes().is_some());
    if sources.is_empty() && routed {
        ui.label(
            RichText::new(
                "Its prices are those of the designs it sends use cases to; add \
                 a source for the router's own costs.",
            )
            .weak(),
        );
    } else if sources.is_empty() {
        ui.label(
            RichText::new("⚠ No sources: say where this design's prices come from.")
                .color(error_color(ui)),
        );
    }
    crate::app::editors::sources::sources_ui(
        ui,
        editor,
        crate::app::editors::sources::SourcesOf::Design(index),
        sources,
    );
}
