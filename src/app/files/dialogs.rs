//! The modal dialogs: unsaved changes (Save / Discard / Cancel), the typed path where there is
//! no file dialog, and the offer to restore a recovery copy. Their answers are commands.

use std::path::PathBuf;

use egui::Key;

use crate::app::PlannerApp;
use crate::app::command::{Command, UnsavedChoice};
use crate::app::document::recovery::Recovered;
use crate::app::files::{Asked, Pending};
use crate::app::portfolio::PortfolioCommand;

/// The typed-path dialog, used where no native file dialog is available.
#[derive(Debug, Clone)]
pub(crate) struct PathPrompt {
    pub(crate) purpose: Purpose,
    pub(crate) text: String,
    pub(crate) note: String,
    pub(crate) focused: bool,
    /// Cancelled: the dialog goes away.
    pub(crate) closed: bool,
}

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    Open,
    Save,
    Catalog,
    PriceMap,
    ExportTable,
    ExportChart,
    ExportPack,
    Compare,
    Bill,
    BillRequests,
    Portfolio,
    PortfolioFolder,
    AddFeature,
    SavePortfolio,
}

impl PlannerApp {
    /// Draws whichever dialog is open; the answers are pushed as commands.
    pub(crate) fn dialogs_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some((action, at)) = &self.pending {
            let name = match action.loses()[*at] {
                Asked::Scenario => self.doc.display_name(),
                Asked::Portfolio => self
                    .portfolio
                    .as_ref()
                    .map(crate::app::portfolio::PortfolioSession::display_name)
                    .unwrap_or_default(),
            };
            unsaved_ui(ctx, action, &name, commands);
        }
        if let Some(mut prompt) = self.prompt.take() {
            match prompt_ui(ctx, &mut prompt) {
                Some(path) => commands.push(match prompt.purpose {
                    Purpose::Save => Command::SaveAs(Some(path)),
                    Purpose::Open => Command::Load(path),
                    Purpose::Catalog => Command::UseCatalog(Some(path)),
                    Purpose::PriceMap => Command::UpdatePriceMap(Some(path)),
                    Purpose::ExportTable => Command::ExportTable(Some(path)),
                    Purpose::ExportChart => Command::ExportChart(Some(path)),
                    Purpose::Compare => Command::CompareWith(Some(path)),
                    Purpose::ExportPack => Command::ExportPack(Some(path)),
                    Purpose::Bill => Command::ImportBill(Some(vec![path])),
                    Purpose::BillRequests => Command::BillRequests(Some(path)),
                    Purpose::Portfolio | Purpose::PortfolioFolder => {
                        Command::Portfolio(PortfolioCommand::Load(path))
                    }
                    Purpose::AddFeature => {
                        Command::Portfolio(PortfolioCommand::AddFeature(Some(path)))
                    }
                    Purpose::SavePortfolio => {
                        Command::Portfolio(PortfolioCommand::SaveAs(Some(path)))
                    }
                }),
                None if prompt.closed => {}
                None => self.prompt = Some(prompt),
            }
        }
        if let Some(recovered) = &self.offer_recovery {
            recovery_ui(ctx, recovered, commands);
        } else if let Some(recovered) = &self.offer_portfolio {
            portfolio_recovery_ui(ctx, recovered, commands);
        }
    }
}

/// "Unsaved changes": Save / Discard / Cancel (Esc).
fn unsaved_ui(ctx: &egui::Context, action: &Pending, name: &str, commands: &mut Vec<Command>) {
    let what = match action {
        Pending::New => "starting a new scenario",
        Pending::Open(_) | Pending::OpenExample(_) | Pending::OpenFeature(_) => {
            "opening another scenario"
        }
        Pending::Quit => "quitting",
        Pending::OpenPortfolio(_) | Pending::OpenPortfolioFolder(_) => "opening a portfolio",
        Pending::ClosePortfolio => "closing the portfolio",
        Pending::BackToPortfolio => "going back to the portfolio",
    };
    egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
        ui.heading("Unsaved changes");
        ui.label(format!(
            "{name} has changes that are not saved. Save them before {what}?"
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                commands.push(Command::Unsaved(UnsavedChoice::Save));
            }
            if ui.button("Discard").clicked() {
                commands.push(Command::Unsaved(UnsavedChoice::Discard));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                commands.push(Command::Unsaved(UnsavedChoice::Cancel));
            }
        });
    });
}

/// The typed-path dialog. Returns the path when the person confirms it; sets `closed` when they
/// cancel (or confirm an empty path).
fn prompt_ui(ctx: &egui::Context, prompt: &mut PathPrompt) -> Option<PathBuf> {
    let mut done = None;
    egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui| {
        ui.heading(match prompt.purpose {
            Purpose::Open => "Open scenario",
            Purpose::Save => "Save scenario as",
            Purpose::Catalog => "Use a price catalogue",
            Purpose::PriceMap => "Update the price map",
            Purpose::ExportTable => "Export the table (.csv or .md)",
            Purpose::ExportChart => "Export the chart (.png or .svg)",
            Purpose::Compare => "Compare with another version",
            Purpose::ExportPack => "Export the review pack (.html)",
            Purpose::Bill => "Import a FOCUS bill (.csv or .csv.gz)",
            Purpose::BillRequests => "Request counts for the bill (.csv)",
            Purpose::Portfolio => "Open portfolio",
            Purpose::PortfolioFolder => "Open a folder of scenarios as a portfolio",
            Purpose::AddFeature => "Add a feature (a scenario file)",
            Purpose::SavePortfolio => "Save portfolio as",
        });
        if !prompt.note.is_empty() {
            ui.label(&prompt.note);
        }
        let label = ui.label("File path");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut prompt.text)
                    .desired_width(420.0)
                    .hint_text("/path/to/scenario.ron"),
            )
            .labelled_by(label.id);
        if !prompt.focused {
            response.request_focus();
            prompt.focused = true;
        }
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        ui.horizontal(|ui| {
            if ui
                .button(match prompt.purpose {
                    Purpose::Open | Purpose::Portfolio | Purpose::PortfolioFolder => "Open",
                    Purpose::Save | Purpose::SavePortfolio => "Save",
                    Purpose::Catalog => "Use",
                    Purpose::PriceMap => "Update",
                    Purpose::ExportTable | Purpose::ExportChart | Purpose::ExportPack => "Export",
                    Purpose::Compare => "Compare",
                    Purpose::Bill => "Import",
                    Purpose::BillRequests => "Read",
                    Purpose::AddFeature => "Add",
                })
                .clicked()
                || enter
            {
                done = Some(true);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                done = Some(false);
            }
        });
    });
    match done {
        Some(true) if !prompt.text.trim().is_empty() => Some(PathBuf::from(prompt.text.trim())),
        Some(_) => {
            prompt.closed = true;
            None
        }
        None => None,
    }
}

/// "Restore unsaved changes?" after a crash.
fn recovery_ui(ctx: &egui::Context, recovered: &Recovered, commands: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.heading("Restore unsaved changes?");
        let from = recovered.path.as_ref().map_or_else(
            || "an unsaved scenario".to_owned(),
            |p| p.display().to_string(),
        );
        ui.label(format!(
            "The planner closed with unsaved changes to {from} (\"{}\"). Restore them?",
            recovered.scenario.title
        ));
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                commands.push(Command::Restore(true));
            }
            if ui.button("Discard them").clicked() {
                commands.push(Command::Restore(false));
            }
        });
    });
}

/// "Restore the unsaved portfolio?" after a crash (asked after the scenario's copy, if any).
fn portfolio_recovery_ui(
    ctx: &egui::Context,
    recovered: &crate::app::document::recovery::RecoveredPortfolio,
    commands: &mut Vec<Command>,
) {
    egui::Modal::new(egui::Id::unique("portfolio_recovery")).show(ctx, |ui| {
        ui.heading("Restore the unsaved portfolio?");
        let from = recovered.path.as_ref().map_or_else(
            || format!("a portfolio of the folder {}", recovered.base.display()),
            |p| p.display().to_string(),
        );
        ui.label(format!(
            "The planner closed with unsaved changes to {from} (\"{}\"). Restore them?",
            recovered.portfolio.title
        ));
        ui.horizontal(|ui| {
            if ui.button("Restore the portfolio").clicked() {
                commands.push(Command::Portfolio(PortfolioCommand::Restore(true)));
            }
            if ui.button("Discard it").clicked() {
                commands.push(Command::Portfolio(PortfolioCommand::Restore(false)));
            }
        });
    });
}
