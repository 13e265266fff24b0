//! The comparison table: one row per design at the current volume, every metric of docs/method.md,
//! formatted exactly as `inference-roi report` formats it.

use std::fmt::Write as _;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::command::{Command, TableFormat};
use crate::app::context::ViewContext;
use crate::app::document::compute::Computed;
use crate::app::editors::widgets::error_color;
use crate::app::palette;
use crate::econ::Band;
use crate::model::Scenario;
use crate::report::{ANSWER_FIRST, METRIC_LABELS, format, readable_cells};

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

/// Draws the table: the volume and the best design, the designs' figures (the answer first),
/// then the volumes that matter (step notes and crossovers).
pub(crate) fn table_ui(ui: &mut Ui, view: &ViewContext, commands: &mut Vec<Command>) {
    let (scenario, computed) = (view.scenario, view.computed);
    heading_ui(ui, scenario, computed, commands);
    egui::ScrollArea::horizontal()
        .id_salt("table_scroll")
        .show(ui, |ui| {
            figures_ui(ui, view, commands);
        });
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("volumes_scroll")
        .show(ui, |ui| {
            crate::app::panels::volumes::volumes_ui(ui, scenario, computed, commands);
        });
}

/// "At N requests/month · best (highest monthly net value): ★ design, nets …", and the copy
/// buttons.
fn heading_ui(ui: &mut Ui, scenario: &Scenario, computed: &Computed, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "At {} requests/month",
                format::count(computed.chart.analysis.volume)
            ))
            .strong(),
        );
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
            // The answer takes the room left between the volume and the buttons, cut with "…"
            // where it is narrow (the whole line is its tooltip).
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                best_ui(ui, scenario, computed);
            });
        });
    });
}

/// The energy columns shown after cost and value per inference, when a design has energy data:
/// Wh and gCO₂e per inference and ROI with carbon (indices into [`crate::app::command::help::ENERGY_EXPLAIN`]).
const ENERGY_COLUMNS: [usize; 3] = [0, 1, 5];

/// Where the energy columns go in [`ANSWER_FIRST`]: after cost and value per inference.
const ENERGY_AFTER: usize = 4;

/// "Sources: …" of the energy and carbon figures, for the energy columns' tooltips: the carbon
/// section's, and each design's sources that name power or energy.
fn energy_sources(scenario: &Scenario) -> String {
    let mut names: Vec<String> = scenario
        .carbon
        .iter()
        .flat_map(|c| &c.sources)
        .chain(
            scenario
                .designs
                .iter()
                .flat_map(|d| &d.sources)
                .filter(|s| {
                    let what = s.what.to_lowercase();
                    what.contains("energy") || what.contains("power") || what.contains(" wh")
                }),
        )
        .map(|s| {
            let short: String = s.what.chars().take(80).collect();
            if short.len() < s.what.len() {
                format!("{short}… ({})", s.as_of)
            } else {
                format!("{short} ({})", s.as_of)
            }
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    if names.is_empty() {
        String::new()
    } else {
        format!("\n\nSources:\n• {}", names.join("\n• "))
    }
}

/// A design's energy cells, "—" where unknown.
fn energy_cells(e: Option<&crate::econ::energy::Energy>) -> [String; 3] {
    let dash = || "—".to_owned();
    let Some(e) = e else {
        return [dash(), dash(), dash()];
    };
    [
        format!("{} Wh", format::significant(e.wh_per_inference)),
        e.g_co2e_per_inference
            .map_or_else(dash, |g| format!("{} g", format::significant(g))),
        e.roi_with_carbon.map_or_else(dash, format::multiple),
    ]
}

/// One row per design, the columns in [`ANSWER_FIRST`] order (with the energy columns after
/// cost and value per inference when any design has energy data).
fn figures_ui(ui: &mut Ui, view: &ViewContext, commands: &mut Vec<Command>) {
    let (scenario, computed, before) = (view.scenario, view.computed, view.comparison());
    let best = computed.choice.best.filter(|_| !computed.choice.none_pays);
    let energy_shown = computed.energy.iter().any(Option::is_some);
    let mut table = TableBuilder::new(ui)
        .id_salt("comparison")
        .striped(true)
        .resizable(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::auto().at_least(170.0));
    if before.is_some() {
        table = table.column(Column::auto().at_least(90.0));
    }
    let extra = if energy_shown {
        ENERGY_COLUMNS.len()
    } else {
        0
    };
    for _ in 0..ANSWER_FIRST.len() + extra {
        table = table.column(Column::auto().at_least(80.0));
    }
    // Where the energy figures come from: the carbon section's and the designs' energy sources.
    let sources = energy_sources(scenario);
    table
        .header(22.0, |mut header| {
            header_ui(&mut header, before, (energy_shown, &sources), commands);
        })
        .body(|body| {
            body.rows(24.0, scenario.designs.len(), |mut row| {
                let i = row.index();
                let design = &scenario.designs[i];
                row.col(|ui| name_ui(ui, i, design, best == Some(i)));
                if let Some(before) = before {
                    let (cell, was) = before.change_text(i);
                    row.col(|ui| {
                        ui.label(cell).on_hover_text(was);
                    });
                }
                let excluded = computed.chart.excluded.get(i).and_then(Clone::clone);
                match (excluded, computed.chart.analysis.designs.get(i)) {
                    (None, Some(Ok(figures))) => {
                        let cells = readable_cells(figures, &scenario.currency);
                        let energy = energy_cells(computed.energy.get(i).and_then(Option::as_ref));
                        for (n, k) in ANSWER_FIRST.into_iter().enumerate() {
                            if energy_shown && n == ENERGY_AFTER {
                                for cell in &energy {
                                    row.col(|ui| {
                                        ui.label(cell);
                                    });
                                }
                            }
                            row.col(|ui| cell_ui(ui, k, &cells[k], figures));
                        }
                    }
                    (reason, result) => {
                        let why = reason
                            .or_else(|| {
                                result
                                    .and_then(|r| r.as_ref().err())
                                    .map(ToString::to_string)
                            })
                            .unwrap_or_default();
                        row.col(|ui| {
                            ui.label(
                                RichText::new(format!("⚠ not computed: {why}"))
                                    .color(error_color(ui)),
                            )
                            .on_hover_text(why.clone());
                        });
                        for _ in 1..ANSWER_FIRST.len() + extra {
                            row.col(|_| {});
                        }
                    }
                }
            });
        });
}

/// The table's header row: Design, the change against the version compared with (if any), then
/// the metrics (each opens its help on a click) with the energy columns after cost and value.
fn header_ui(
    header: &mut egui_extras::TableRow<'_, '_>,
    before: Option<&crate::app::views::compare::Comparison>,
    (energy_shown, sources): (bool, &str),
    commands: &mut Vec<Command>,
) {
    header.col(|ui| {
        ui.strong("Design");
    });
    if let Some(before) = before {
        header.col(|ui| {
            ui.strong(format!("ROI vs {}", before.label))
                .on_hover_text(format!(
                    "ROI now minus ROI in {} at this volume, and the band where it changed",
                    before.label
                ));
        });
    }
    for (n, k) in ANSWER_FIRST.into_iter().enumerate() {
        if energy_shown && n == ENERGY_AFTER {
            for j in ENERGY_COLUMNS {
                let k = crate::app::command::help::energy_entry(j);
                header.col(|ui| metric_header(ui, k, sources, commands));
            }
        }
        header.col(|ui| metric_header(ui, k, "", commands));
    }
}

/// A metric's column title: its Help entry's text on hover (with `sources`), the entry on a
/// click.
fn metric_header(ui: &mut Ui, k: usize, sources: &str, commands: &mut Vec<Command>) {
    let title = ui
        .add(
            egui::Label::new(RichText::new(crate::app::command::help::entry_title(k)).strong())
                .sense(egui::Sense::click()),
        )
        .on_hover_text(format!(
            "{}{sources}",
            crate::app::command::help::header_tip(k)
        ));
    if title.clicked() {
        commands.push(Command::ShowMetric(k));
    }
}

/// "· best (highest monthly net value): ★ Routed by use case · highest ROI: GPT-4o mini API
/// (48.6×)", or that none pays with the least loss; the rule in the tooltip.
fn best_ui(ui: &mut Ui, scenario: &Scenario, computed: &Computed) {
    let choice = &computed.choice;
    let name = |i: usize| scenario.designs[i].name.as_str();
    let metrics = |i: usize| {
        computed.chart.analysis.designs[i]
            .as_ref()
            .ok()
            .map(|f| &f.metrics)
    };
    let Some(best) = choice.best else { return };
    let Some(m) = metrics(best) else { return };
    let money = |d| format::money(d, &scenario.currency);
    let text = if choice.none_pays {
        format!(
            "· none pays at this volume; least loss: {} ({}/month)",
            name(best),
            money(m.monthly_net_value)
        )
    } else {
        let mut text = format!(
            "· best ({}): ★ {}",
            crate::report::choice::CRITERION,
            name(best)
        );
        if let Some(h) = choice.highest_roi.filter(|&h| h != best)
            && let Some(hm) = metrics(h)
        {
            let roi = hm
                .roi_multiple
                .map_or_else(|| "∞".to_owned(), format::multiple);
            let _ = write!(text, " · highest ROI: {} ({roi})", name(h));
        }
        text
    };
    // The whole answer, with the net value, in the tooltip: the line may be cut where narrow.
    let tip = format!(
        "{}\n\n{}",
        crate::report::choice::best_words(scenario, &computed.chart.analysis, choice),
        crate::report::choice::RULE
    );
    ui.add(egui::Label::new(text).truncate()).on_hover_text(tip);
}

/// A design's swatch and name, starred when it is the best at this volume.
fn name_ui(ui: &mut Ui, i: usize, design: &crate::model::Design, best: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter()
        .rect_filled(rect, 2.0, palette::design_color(i));
    let name = if best {
        RichText::new(format!("★ {}", design.name)).strong()
    } else {
        RichText::new(&design.name)
    };
    ui.label(name).on_hover_text(if best {
        "The best design at this volume: the highest monthly net value within capacity"
    } else {
        design.serving.kind_label()
    });
}

/// One cell: the band as a chip, an over-capacity instance count in red, else the text.
fn cell_ui(ui: &mut Ui, metric: usize, text: &str, figures: &crate::econ::DesignFigures) {
    if METRIC_LABELS[metric] == "Band" {
        band_chip(ui, figures.metrics.band);
    } else if figures.metrics.over_capacity && METRIC_LABELS[metric] == "Instances" {
        ui.label(RichText::new(text).color(error_color(ui)))
            .on_hover_text(
                "More instances than max_instances allows: this volume cannot be served.",
            );
    } else {
        ui.label(text);
    }
}
