//! The menu bar and the status bar.

use egui::{RichText, Ui};

use crate::app::PlannerApp;
use crate::app::command::{self, Command, Named, Side, shortcuts};
use crate::app::document::compute::Computed;
use crate::app::editors::widgets::error_color;
use crate::app::portfolio::PortfolioCommand;
use crate::io::examples::EXAMPLES;

impl PlannerApp {
    /// The menu bar: File, Edit, View, Help.
    pub(crate) fn menu_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| self.file_menu_ui(ui, commands));
            let (can_undo, can_redo) = match self.portfolio.as_ref().filter(|p| p.shown) {
                Some(session) => (session.doc.can_undo(), session.doc.can_redo()),
                None => (self.doc.can_undo(), self.doc.can_redo()),
            };
            ui.menu_button("Edit", |ui| {
                entry(ui, &command::UNDO, can_undo, commands);
                entry(ui, &command::REDO, can_redo, commands);
            });
            ui.menu_button("View", |ui| {
                entry(ui, &command::PRESENT, true, commands);
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
                ui.separator();
                ui.menu_button("Renderer", |ui| {
                    ui.label(RichText::new("From the next start").weak().small());
                    for preference in crate::app::renderer::Preference::ALL {
                        let chosen = self.panels.help.preference == preference;
                        if ui.radio(chosen, preference.label()).clicked() {
                            commands.push(Command::SetRenderer(preference));
                        }
                    }
                });
            });
            ui.menu_button("Help", |ui| {
                if ui
                    .button("The metrics")
                    .on_hover_text("Each metric and band in product terms, with its formula")
                    .clicked()
                {
                    self.panels.help.metrics = true;
                    ui.close();
                }
                if ui.button("About").clicked() {
                    self.panels.help.about = true;
                    ui.close();
                }
                ui.separator();
                ui.label(RichText::new("Keyboard shortcuts").strong());
                shortcuts::help_ui(ui);
                ui.separator();
                ui.label(format!("Bands: {}.", crate::econ::Band::legend()));
                ui.label("Click or drag on the chart to set the current volume.");
            });
            self.portfolio_switch_ui(ui, commands);
        });
    }

    /// While a portfolio is open: the way back to it from a scenario, or which one is shown.
    fn portfolio_switch_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(session) = &self.portfolio else {
            return;
        };
        ui.separator();
        let title = &session.portfolio().title;
        if session.shown {
            ui.label(RichText::new(format!("Portfolio: {title}")).strong());
        } else if ui
            .button(format!("Back to the portfolio: {title}"))
            .on_hover_text("Back to the portfolio (asks first about unsaved changes here)")
            .clicked()
        {
            commands.push(Command::Portfolio(PortfolioCommand::Show));
        }
    }

    fn file_menu_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        entry(ui, &command::NEW, true, commands);
        entry(ui, &command::OPEN, true, commands);
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
        entry(ui, &command::OPEN_PORTFOLIO, true, commands);
        entry(ui, &command::OPEN_PORTFOLIO_FOLDER, true, commands);
        if self.portfolio.is_some() {
            entry(ui, &command::CLOSE_PORTFOLIO, true, commands);
        }
        ui.separator();
        entry(ui, &command::SAVE, true, commands);
        entry(ui, &command::SAVE_AS, true, commands);
        ui.separator();
        entry(ui, &command::COMPARE_WITH, true, commands);
        let saved = self.doc.path.is_some();
        entry(ui, &command::COMPARE_WITH_SAVED, saved, commands)
            .on_disabled_hover_text("This scenario has not been saved yet");
        if self.view.comparison.is_some() {
            entry(ui, &command::CLEAR_COMPARISON, true, commands);
        }
        ui.separator();
        entry(ui, &command::EXPORT_TABLE, true, commands);
        entry(ui, &command::EXPORT_CHART, true, commands);
        entry(ui, &command::EXPORT_PACK, true, commands);
        ui.separator();
        entry(ui, &command::IMPORT_BILL, true, commands);
        ui.menu_button("Price catalogue", |ui| {
            ui.label(
                RichText::new(format!("Models from {}", self.prices.origin.describe()))
                    .weak()
                    .small(),
            );
            entry(ui, &command::CHOOSE_CATALOG, true, commands);
            if self.settings.catalog.is_some() {
                entry(ui, &command::BUNDLED_CATALOG, true, commands);
            }
            ui.separator();
            entry(ui, &command::UPDATE_PRICE_MAP, true, commands);
            if self.prices.updated() {
                entry(ui, &command::RESET_PRICE_MAP, true, commands);
            }
        });
        ui.separator();
        entry(ui, &command::QUIT, true, commands);
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

/// A menu entry: the command's label with its keyboard shortcut beside it and its tooltip;
/// clicking it issues the command.
fn entry(ui: &mut Ui, named: &Named, enabled: bool, commands: &mut Vec<Command>) -> egui::Response {
    let mut button = egui::Button::new(named.label);
    if !named.keys.is_empty() {
        button = button.shortcut_text(shortcuts::label(ui, named));
    }
    let mut response = ui.add_enabled(enabled, button);
    if let Some(tip) = named.tip {
        response = response.on_hover_text(tip);
    }
    if response.clicked() {
        commands.push((named.command)());
    }
    response
}
