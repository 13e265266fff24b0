//! The menu bar and the status bar.

use egui::{RichText, Ui};

use crate::app::PlannerApp;
use crate::app::command::shortcuts::{self, Action};
use crate::app::command::{Command, Side};
use crate::app::document::compute::Computed;
use crate::app::editors::widgets::error_color;
use crate::io::examples::EXAMPLES;

impl PlannerApp {
    /// The menu bar: File, Edit, View, Help.
    pub(crate) fn menu_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| self.file_menu_ui(ui, commands));
            ui.menu_button("Edit", |ui| {
                entry(ui, "Undo", Action::Undo, self.doc.can_undo(), commands);
                entry(ui, "Redo", Action::Redo, self.doc.can_redo(), commands);
            });
            ui.menu_button("View", |ui| {
                entry(ui, "Present", Action::Present, true, commands);
                let label = if self.settings.dark {
                    "Light theme (for projectors)"
                } else {
                    "Dark theme"
                };
                if ui.button(label).clicked() {
                    commands.push(Command::ToggleTheme);
                }
                ui.separator();
                let mut scenario = self.settings.scenario_panel;
                if ui.checkbox(&mut scenario, "Scenario panel").clicked() {
                    commands.push(Command::TogglePanel(Side::Scenario));
                }
                let mut design = self.settings.design_panel;
                if ui.checkbox(&mut design, "Design panel").clicked() {
                    commands.push(Command::TogglePanel(Side::Design));
                }
            });
            ui.menu_button("Help", |ui| {
                if ui
                    .button("The metrics")
                    .on_hover_text("Each metric and band in product terms, with its formula")
                    .clicked()
                {
                    self.view.help.metrics = true;
                    ui.close();
                }
                if ui.button("About").clicked() {
                    self.view.help.about = true;
                    ui.close();
                }
                ui.separator();
                ui.label(RichText::new("Keyboard shortcuts").strong());
                shortcuts::help_ui(ui);
                ui.separator();
                ui.label(format!("Bands: {}.", crate::econ::Band::legend()));
                ui.label("Click or drag on the chart to set the current volume.");
            });
        });
    }

    fn file_menu_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        entry(ui, "New", Action::New, true, commands);
        entry(ui, "Open…", Action::Open, true, commands);
        ui.menu_button("Open example", |ui| {
            for (i, example) in EXAMPLES.iter().enumerate() {
                if ui.button(example.file_name).clicked() {
                    commands.push(Command::OpenExample(i));
                }
            }
        });
        ui.menu_button("Open recent", |ui| {
            if self.settings.recent.is_empty() {
                ui.label(RichText::new("No recent files").weak());
            }
            for path in &self.settings.recent {
                if ui.button(path.display().to_string()).clicked() {
                    commands.push(Command::Open(Some(path.clone())));
                }
            }
        });
        ui.separator();
        entry(ui, "Save", Action::Save, true, commands);
        entry(ui, "Save As…", Action::SaveAs, true, commands);
        ui.separator();
        if ui
            .button("Compare with…")
            .on_hover_text(
                "Another version of this scenario: its curves dashed under these, what changed \
                 and why each ROI moved",
            )
            .clicked()
        {
            commands.push(Command::CompareWith(None));
        }
        let saved = self.doc.path.is_some();
        if ui
            .add_enabled(saved, egui::Button::new("Compare with saved"))
            .on_hover_text("The unsaved edits against the file on disk")
            .on_disabled_hover_text("This scenario has not been saved yet")
            .clicked()
        {
            commands.push(Command::CompareWithSaved);
        }
        if self.view.comparison.is_some() && ui.button("Clear comparison").clicked() {
            commands.push(Command::ClearComparison);
        }
        ui.separator();
        if ui
            .button("Export table…")
            .on_hover_text("The comparison table as .csv or .md")
            .clicked()
        {
            commands.push(Command::ExportTable(None));
        }
        entry(ui, "Export chart…", Action::ExportChart, true, commands)
            .on_hover_text("The chart as shown: PNG at 2× pixel density, or SVG");
        if ui
            .button("Export review pack…")
            .on_hover_text(
                "One HTML file for a review: the answer, the charts, the table, what moves the best \
                 design's ROI, the assumptions and the method; it opens anywhere and prints to PDF",
            )
            .clicked()
        {
            commands.push(Command::ExportPack(None));
        }
        if ui
            .button("Price catalogue…")
            .on_hover_text("Use your own catalogue of dated prices for Apply preset")
            .clicked()
        {
            commands.push(Command::ChooseCatalog);
        }
        if self.settings.catalog.is_some() && ui.button("Use the bundled price catalogue").clicked()
        {
            commands.push(Command::UseCatalog(None));
        }
        ui.separator();
        entry(ui, "Quit", Action::Quit, true, commands);
    }

    pub(crate) fn status_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let errors = self.computed.chart.error_count();
            let warnings = self.computed.chart.problems.len() - errors;
            if errors > 0 {
                ui.label(RichText::new(format!("⚠ {errors} error(s)")).color(error_color(ui)))
                    .on_hover_text(problem_list(&self.computed));
            }
            if warnings > 0 {
                ui.label(RichText::new(format!("{warnings} warning(s)")).weak())
                    .on_hover_text(problem_list(&self.computed));
            }
            if errors == 0 && warnings == 0 {
                ui.label(RichText::new("✔ valid").weak());
            }
            ui.separator();
            if let Some((text, is_error)) = &self.message {
                let text = RichText::new(text);
                ui.label(if *is_error {
                    text.color(error_color(ui))
                } else {
                    text
                });
            }
        });
    }
}

pub(crate) fn problem_list(computed: &Computed) -> String {
    computed
        .chart
        .problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A menu entry with its keyboard shortcut beside it; clicking it issues the shortcut's command.
fn entry(
    ui: &mut Ui,
    label: &str,
    action: Action,
    enabled: bool,
    commands: &mut Vec<Command>,
) -> egui::Response {
    let button = egui::Button::new(label).shortcut_text(shortcuts::label(ui, action));
    let response = ui.add_enabled(enabled, button);
    if response.clicked() {
        commands.push(action.command());
    }
    response
}
