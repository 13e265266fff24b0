//! Applying the commands the panels, menus, shortcuts and dialogs collected during a frame: the
//! one place where the document and the view state change.

use std::path::PathBuf;

use crate::app::PlannerApp;
use crate::app::command::{Command, Side, TableFormat, UnsavedChoice};
use crate::app::document::Document;
use crate::app::files::dialogs::Purpose;
use crate::app::files::{Asked, Pending, file_name_of, suggested_file_name};
use crate::app::planner::Centre;
use crate::app::portfolio::PortfolioCommand;
use crate::app::views::chart::ChartKind;
use crate::econ::validate;
use crate::io;
use crate::model::{Scenario, Severity};

impl PlannerApp {
    /// Applies a command as if it came from the interface (tests and scripting).
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        self.apply_all(ctx, vec![command]);
    }

    /// Applies the frame's commands in order, then brings the derived figures and the selection
    /// up to date.
    pub(crate) fn apply_all(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        if !commands.is_empty() {
            // What a command changes (a dialog to show, new figures) is drawn in the next frame.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply_one(ctx, command);
        }
        self.follow_document();
        let count = self.doc.scenario().designs.len();
        self.view.selected = match self.view.selected {
            _ if count == 0 => None,
            Some(i) => Some(i.min(count - 1)),
            None => Some(0),
        };
    }

    fn apply_one(&mut self, ctx: &egui::Context, command: Command) {
        let Some(command) = self.while_portfolio_shown(ctx, command) else {
            return;
        };
        match command {
            Command::Edit {
                key,
                path,
                scenario,
            } => self.edit(key, path.as_deref(), scenario),
            Command::Restructure { scenario, select } => self.restructure(scenario, select),
            Command::New => self.guard(ctx, Pending::New),
            Command::Open(path) => self.guard(ctx, Pending::Open(path)),
            Command::OpenExample(i) => self.guard(ctx, Pending::OpenExample(i)),
            Command::Quit => self.guard(ctx, Pending::Quit),
            Command::Load(path) => self.open_path(&path),
            Command::Save => match self.doc.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.choose_save(),
            },
            Command::SaveAs(Some(path)) => self.save_to(&path),
            Command::SaveAs(None) => self.choose_save(),
            Command::Unsaved(choice) => self.resolve_unsaved(ctx, choice),
            Command::Undo => self.history(true),
            Command::Redo => self.history(false),
            Command::Select(i) => self.view.selected = Some(i),
            Command::ToggleVisible(name) => {
                if !self.view.hidden.remove(&name) {
                    self.view.hidden.insert(name);
                }
            }
            Command::ShowChart(kind) => {
                self.settings.tab = kind;
                self.view.centre = Centre::Chart;
            }
            Command::ShowWhatIf => self.view.centre = Centre::WhatIf,
            Command::ShowMetric(k) => {
                self.panels.help.metrics = true;
                self.panels.help.focus = Some(k);
            }
            Command::ShowUseCases => self.view.centre = Centre::UseCases,
            Command::ShowFrontier => self.view.centre = Centre::Frontier,
            Command::ShowTimeline(view) => {
                self.view.centre = Centre::OverTime;
                self.settings.timeline_view = view;
            }
            Command::SuggestRouting => {
                let scenario = self.doc.scenario();
                let suggestion = crate::econ::suggest::suggest(scenario, scenario.volume.current)
                    .map_err(|e| format!("No routing to suggest: {e}"));
                self.panels.routing.suggestion = Some((self.doc.generation(), suggestion));
            }
            Command::AddDesign(design) => {
                let mut scenario = self.doc.scenario().clone();
                scenario.designs.push(*design);
                let select = scenario.designs.len() - 1;
                self.restructure(scenario, Some(select));
            }
            Command::ChooseCatalog => self.choose_catalog(),
            Command::UseCatalog(path) => self.use_catalog(path),
            Command::UpdatePriceMap(Some(path)) => self.update_price_map(&path),
            Command::UpdatePriceMap(None) => self.choose_price_map(),
            Command::ResetPriceMap => self.reset_price_map(),
            Command::CopyTable(format) => self.copy_table(ctx, format),
            Command::ExportTable(Some(path)) => self.export_table(&path),
            Command::ExportTable(None) => self.choose_table_export(),
            Command::ExportPack(Some(path)) => self.export_pack(&path),
            Command::ExportPack(None) => self.choose_pack_export(),
            Command::ExportChart(Some(path)) => self.export_chart(&path),
            Command::ExportChart(None) => self.choose_chart_export(),
            Command::TogglePresent => self.toggle_present(ctx),
            Command::ToggleTheme => {
                self.settings.dark = !self.settings.dark;
                self.apply_theme(ctx);
            }
            Command::Restore(restore) => self.answer_recovery(restore),
            Command::TogglePanel(Side::Scenario) => {
                self.settings.scenario_panel = !self.settings.scenario_panel;
            }
            Command::TogglePanel(Side::Design) => {
                self.settings.design_panel = !self.settings.design_panel;
            }
            Command::CompareWith(Some(path)) => self.compare_with(&path),
            Command::CompareWith(None) => self.choose_compare(),
            Command::CompareWithSaved => self.compare_with_saved(),
            Command::ClearComparison => self.clear_comparison(),
            Command::ImportBill(paths) => self.import_bill(ctx, paths),
            Command::BillRequests(path) => self.bill_requests(path),
            Command::Portfolio(command) => self.apply_portfolio(ctx, command),
            Command::SetRenderer(preference) => self.set_renderer(preference),
            Command::ShowChanges => {
                if self.view.comparison.is_some() {
                    self.view.centre = Centre::Changes;
                }
            }
        }
    }

    /// Undoes (`back`) or redoes a change of the document shown: the portfolio's or the
    /// scenario's.
    fn history(&mut self, back: bool) {
        let done = if self.portfolio_shown() {
            self.portfolio_history(back)
        } else {
            let done = if back {
                self.doc.undo()
            } else {
                self.doc.redo()
            };
            if done {
                self.panels.fields.clear();
            }
            done
        };
        if done {
            self.info(if back { "Undone" } else { "Redone" });
        }
    }

    /// Save and Save As act on the portfolio while it is shown, and Open opens a
    /// portfolio file as one. Gives back every other command.
    fn while_portfolio_shown(&mut self, ctx: &egui::Context, command: Command) -> Option<Command> {
        let shown = self.portfolio_shown();
        match command {
            Command::Open(Some(path)) if io::portfolio::is_portfolio_file(&path) => {
                self.guard(ctx, Pending::OpenPortfolio(Some(path)));
            }
            // A scenario's Open asked about the scenario: only the portfolio is left to ask about.
            Command::Load(path) if io::portfolio::is_portfolio_file(&path) => {
                self.guard_from(ctx, Pending::OpenPortfolio(Some(path)), 1);
            }
            Command::Save if shown => self.save_portfolio(),
            Command::SaveAs(None) if shown => self.choose_portfolio_save(),
            other => return Some(other),
        }
        None
    }

    /// The portfolio's commands (see `app::portfolio`).
    fn apply_portfolio(&mut self, ctx: &egui::Context, command: PortfolioCommand) {
        match command {
            PortfolioCommand::Open(path) => self.guard(ctx, Pending::OpenPortfolio(path)),
            PortfolioCommand::OpenFolder(path) => {
                self.guard(ctx, Pending::OpenPortfolioFolder(path));
            }
            PortfolioCommand::Load(path) => self.open_portfolio(Some(path.clone()), path.is_dir()),
            PortfolioCommand::Close => self.guard(ctx, Pending::ClosePortfolio),
            PortfolioCommand::Show => {
                if self.portfolio.is_some() {
                    self.guard(ctx, Pending::BackToPortfolio);
                }
            }
            PortfolioCommand::OpenFeature(index) => self.guard(ctx, Pending::OpenFeature(index)),
            PortfolioCommand::Edit { key, portfolio } => self.edit_portfolio(key, *portfolio),
            PortfolioCommand::AddFeature(path) => self.add_feature(path),
            PortfolioCommand::Tab(tab) => {
                if let Some(session) = &mut self.portfolio {
                    session.tab = tab;
                }
            }
            PortfolioCommand::Reload => {
                if let Some(session) = &mut self.portfolio {
                    session.refresh(true);
                    self.info("Read the portfolio's features again");
                }
            }
            PortfolioCommand::SaveAs(Some(path)) => self.save_portfolio_to(&path),
            PortfolioCommand::SaveAs(None) => self.choose_portfolio_save(),
            PortfolioCommand::Restore(restore) => self.answer_portfolio_recovery(restore),
        }
    }

    /// A change to one field (or a run of them from one widget). A change that the validator
    /// refuses at that field is not applied: the field keeps the typed text and says why, and
    /// the document keeps its last valid value.
    fn edit(&mut self, key: egui::Id, path: Option<&str>, mut scenario: Scenario) {
        crate::model::edit::settle_routes(self.doc.scenario(), &mut scenario);
        crate::econ::simulate::settle_ranges(self.doc.scenario(), &mut scenario);
        if let Some(path) = path {
            let field = egui::Id::unique(path);
            let refusal = validate(&scenario)
                .into_iter()
                .find(|p| p.severity == Severity::Error && p.path == path);
            if let Some(problem) = refusal {
                self.panels.fields.errors.insert(field, problem.message);
                return;
            }
            self.panels.fields.errors.remove(&field);
        }
        let renamed = rename_of(self.doc.scenario(), &scenario);
        self.doc.edit(Some(key), scenario);
        if let Some((old, new)) = renamed
            && self.view.hidden.remove(&old)
        {
            self.view.hidden.insert(new);
        }
    }

    /// A change of structure (add, delete, reorder, …) as one undo step.
    fn restructure(&mut self, mut scenario: Scenario, select: Option<usize>) {
        crate::model::edit::settle_routes(self.doc.scenario(), &mut scenario);
        crate::econ::simulate::settle_ranges(self.doc.scenario(), &mut scenario);
        self.doc.close_edit();
        self.doc.edit(None, scenario);
        self.panels.fields.clear();
        if select.is_some() {
            self.view.selected = select;
        }
    }

    /// The answer to "Unsaved changes": save first, discard, or do nothing.
    fn resolve_unsaved(&mut self, ctx: &egui::Context, choice: UnsavedChoice) {
        let Some((action, at)) = self.pending.take() else {
            return;
        };
        let asked = action.loses()[at];
        match choice {
            UnsavedChoice::Save => {
                match asked {
                    Asked::Scenario => match self.doc.path.clone() {
                        Some(path) => self.save_to(&path),
                        None => self.choose_save(),
                    },
                    Asked::Portfolio => self.save_portfolio(),
                }
                // Saved (not when a typed path is still to come): on to the next question.
                if !self.is_dirty(asked) {
                    self.guard_from(ctx, action, at + 1);
                }
            }
            UnsavedChoice::Discard => self.guard_from(ctx, action, at + 1),
            UnsavedChoice::Cancel => {}
        }
    }

    /// The answer to "Restore unsaved changes?". A restored copy stays on disk until its changes
    /// are saved or discarded.
    fn answer_recovery(&mut self, restore: bool) {
        let Some(recovered) = self.offer_recovery.take() else {
            return;
        };
        if restore {
            self.set_document(Document::new(recovered.scenario, recovered.path, false));
            self.info("Restored the unsaved changes");
        } else if let Some(recovery) = &self.recovery {
            recovery.clear();
        }
    }

    fn copy_table(&mut self, ctx: &egui::Context, format: TableFormat) {
        let report = crate::report::Report {
            scenario: self.doc.scenario(),
            analysis: self.computed.chart.analysis.clone(),
        };
        let (text, name) = match format {
            TableFormat::Markdown => (crate::report::table_markdown(&report), "Markdown"),
            TableFormat::Csv => (crate::report::report_csv(&report), "CSV"),
        };
        ctx.copy_text(text);
        self.info(format!("Copied the table as {name}"));
    }

    /// The name exports are offered under: the scenario's, or the portfolio's while it is shown.
    fn export_name(&self) -> String {
        match self.portfolio.as_ref().filter(|p| p.shown) {
            Some(session) => file_name_of(&session.portfolio().title, "portfolio"),
            None => suggested_file_name(self.doc.scenario()),
        }
    }

    fn choose_table_export(&mut self) {
        let name = self.export_name().replace(".ron", "-table.csv");
        let filters: &[(&str, &[&str])] = &[("CSV", &["csv"]), ("Markdown", &["md"])];
        if let Some(path) = self.choose_export(&name, Purpose::ExportTable, filters) {
            self.export_table(&path);
        }
    }

    fn choose_pack_export(&mut self) {
        let name = self.export_name().replace(".ron", "-review.html");
        let filters: &[(&str, &[&str])] = &[("Web page", &["html"])];
        if let Some(path) = self.choose_export(&name, Purpose::ExportPack, filters) {
            self.export_pack(&path);
        }
    }

    fn choose_chart_export(&mut self) {
        let tab = self.portfolio.as_ref().filter(|p| p.shown).map(|p| p.tab);
        let suffix = match self.settings.tab {
            _ if tab == Some(crate::app::portfolio::PortfolioTab::Budget) => "-budget.png",
            _ if tab.is_some() => "-plane.png",
            _ if self.view.centre == Centre::Frontier => "-frontier.png",
            ChartKind::Roi => "-roi.png",
            ChartKind::CostPerInference => "-cost.png",
            ChartKind::Money => "-money.png",
            ChartKind::EnergyPerInference => "-energy.png",
            ChartKind::CarbonPerInference => "-carbon.png",
        };
        let name = self.export_name().replace(".ron", suffix);
        let filters: &[(&str, &[&str])] = &[("PNG image", &["png"]), ("SVG image", &["svg"])];
        let path: Option<PathBuf> = self.choose_export(&name, Purpose::ExportChart, filters);
        if let Some(path) = path {
            self.export_chart(&path);
        }
    }

    /// Sets egui's theme to the one in the settings.
    pub(crate) fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
    }
}

/// The (old, new) name when an edit renames exactly one design.
fn rename_of(before: &Scenario, after: &Scenario) -> Option<(String, String)> {
    if before.designs.len() != after.designs.len() {
        return None;
    }
    before
        .designs
        .iter()
        .zip(&after.designs)
        .find(|(a, b)| a.name != b.name)
        .map(|(a, b)| (a.name.clone(), b.name.clone()))
}
