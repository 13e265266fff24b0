//! The comparison table: one row per design at the current volume, every metric of DOMAIN.md,
//! formatted exactly as `inference-roi report` formats it.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::{Command, TableFormat};
use super::compute::Computed;
use super::palette;
use super::widgets::error_color;
use crate::econ::Band;
use crate::model::Scenario;
use crate::report::{METRIC_LABELS, format, readable_cells};

/// What each column means, in product terms (header tooltips).
const EXPLAIN: &[&str] = &[
    "Everything this design costs in a month at this volume: serving × (1 + overhead) + fixed + one-time spread.",
    "Value per inference × requests: what the successful answers are worth in a month.",
    "Monthly value − monthly cost.",
    "Monthly cost ÷ requests.",
    "Σ share × value per success × success rate: what one request is worth on average.",
    "Value per inference − cost per inference.",
    "Cost ÷ value: below 0.10 is Excellent, above 1 loses money.",
    "Value ÷ cost: how many times over the inference pays for itself.",
    "Excellent ≥ 10×, Good 3–10×, Marginal 1–3×, Unsustainable < 1×.",
    "Requests × tokens per request (input + output, all stages).",
    "Monthly cost per million tokens processed.",
    "Instances each self-hosted stage runs at this volume (primary first).",
    "The smallest monthly volume at which value covers cost (ROI ≥ 1×). * = falls back below after a step.",
    "The smallest monthly volume with ROI ≥ 3×.",
    "The smallest monthly volume with ROI ≥ 10×.",
    "The value per inference this design would need to reach Good (3 × cost per inference).",
    "The value per inference this design would need to reach Excellent (10 × cost per inference).",
];

/// A band as a coloured chip.
pub fn band_chip(ui: &mut Ui, band: Band) {
    egui::Frame::new()
        .fill(palette::band_color(band).into())
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(
                RichText::new(band.label())
                    .color(palette::band_text(band))
                    .strong(),
            );
        })
        .response
        .on_hover_text(band.advice());
}

/// Draws the table.
pub fn table_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    computed: &Computed,
    commands: &mut Vec<Command>,
) {
    let best = computed.chart.analysis.best();
    let currency = &scenario.currency;
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "At {} requests/month",
                format::count(computed.chart.analysis.volume)
            ))
            .strong(),
        );
        if let Some(i) = best {
            ui.label(format!("· best: ★ {}", scenario.designs[i].name));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Copy as CSV")
                .on_hover_text("One row per design, exact figures")
                .clicked()
            {
                commands.push(Command::CopyTable(TableFormat::Csv));
            }
            if ui
                .small_button("Copy as Markdown")
                .on_hover_text("For a review document or a ticket")
                .clicked()
            {
                commands.push(Command::CopyTable(TableFormat::Markdown));
            }
        });
    });
    egui::ScrollArea::horizontal().id_salt("table_scroll").show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .id_salt("comparison")
            .striped(true)
            .resizable(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::auto().at_least(170.0));
        for _ in METRIC_LABELS {
            table = table.column(Column::auto().at_least(80.0));
        }
        table
            .header(22.0, |mut header| {
                header.col(|ui| {
                    ui.strong("Design");
                });
                for (label, explain) in METRIC_LABELS.iter().zip(EXPLAIN) {
                    header.col(|ui| {
                        ui.strong(*label).on_hover_text(*explain);
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, scenario.designs.len(), |mut row| {
                    let i = row.index();
                    let design = &scenario.designs[i];
                    row.col(|ui| {
                        let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                        ui.painter().rect_filled(rect, 2.0, palette::design_color(i));
                        let mut name = RichText::new(&design.name);
                        if best == Some(i) {
                            name = RichText::new(format!("★ {}", design.name)).strong();
                        }
                        ui.label(name).on_hover_text(if best == Some(i) { "Highest ROI at this volume" } else { design.serving.kind_label() });
                    });
                    let excluded = computed.chart.excluded.get(i).and_then(Clone::clone);
                    match (excluded, computed.chart.analysis.designs.get(i)) {
                        (None, Some(Ok(figures))) => {
                            for (k, cell) in readable_cells(figures, currency).into_iter().enumerate() {
                                row.col(|ui| {
                                    if METRIC_LABELS[k] == "Band" {
                                        band_chip(ui, figures.metrics.band);
                                    } else if figures.metrics.over_capacity && METRIC_LABELS[k] == "Instances" {
                                        ui.label(RichText::new(cell).color(error_color(ui)))
                                            .on_hover_text("More instances than max_instances allows: this volume cannot be served.");
                                    } else {
                                        ui.label(cell);
                                    }
                                });
                            }
                        }
                        (reason, result) => {
                            let why = reason.or_else(|| result.and_then(|r| r.as_ref().err()).map(ToString::to_string)).unwrap_or_default();
                            row.col(|ui| {
                                ui.label(RichText::new(format!("⚠ not computed: {why}")).color(error_color(ui)))
                                    .on_hover_text(why.clone());
                            });
                            for _ in 1..METRIC_LABELS.len() {
                                row.col(|_| {});
                            }
                        }
                    }
                });
            });
    });
    if !computed.notes.is_empty() || !computed.crossover_lines.is_empty() {
        ui.add_space(4.0);
    }
    for note in &computed.notes {
        ui.label(RichText::new(note).small());
    }
    if computed.crossover_lines.is_empty() {
        ui.label(
            RichText::new(
                "No crossovers in the chart's range: the order of the designs does not change.",
            )
            .small()
            .weak(),
        );
    } else {
        ui.label(
            RichText::new(format!(
                "Crossovers (ROI order changes), {}–{} requests/month:",
                format::compact(scenario.volume.min),
                format::compact(scenario.volume.max)
            ))
            .small()
            .strong(),
        );
        for line in &computed.crossover_lines {
            ui.label(RichText::new(format!("  ◆ {line}")).small());
        }
    }
}
