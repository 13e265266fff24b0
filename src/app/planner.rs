//! The planner: its state (the document, the cache derived from it, the view state, settings) and
//! the layout of one frame — menu, status bar, the side panels, the table and the centre.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers, RichText, Ui};

use crate::app::command::shortcuts;
use crate::app::command::{Command, Side};
use crate::app::context::{PanelStates, ViewContext};
use crate::app::document::compute::Computed;
use crate::app::document::recovery::{self, AUTOSAVE_INTERVAL, Recovery};
use crate::app::document::settings::Settings;
use crate::app::document::{Document, Generation};
use crate::app::files::dialogs::PathPrompt;
use crate::app::files::{Asked, Pending};
use crate::app::panels::strips::{collapse_button_ui, collapsed_strip_ui};
use crate::app::panels::{design, over_time, scenario as scenario_panel, table, uncertainty};
use crate::app::views::chart::chart_ui;
use crate::io::{self, examples::EXAMPLES};
use crate::model::Scenario;

/// How the app starts.
pub struct StartOptions {
    /// The scenario to open.
    pub scenario: Scenario,
    /// Its file, if it came from one.
    pub path: Option<PathBuf>,
    /// A message to show at once (e.g. why the requested file could not be opened).
    pub message: Option<String>,
    /// Where the recovery copy lives; `None` turns autosave off (tests).
    pub recovery_dir: Option<PathBuf>,
    /// Use the system's file dialogs; when false, paths are always typed (tests, no portal).
    pub native_dialogs: bool,
    /// How often unsaved changes are copied to the recovery file.
    pub autosave_every: Duration,
    /// The data folder an updated price map is kept in; `None`: the bundled snapshot only, and
    /// an update is refused (tests).
    pub data_dir: Option<PathBuf>,
    /// A price map (JSON) or a catalogue of checked prices (RON) to use for this run
    /// (`--catalog FILE`).
    pub catalog_file: Option<PathBuf>,
    /// A portfolio file (or a folder of scenarios) to open and show over the scenario.
    pub portfolio: Option<PathBuf>,
}

impl StartOptions {
    /// Starts on the first bundled example, with autosave and native dialogs.
    pub fn example(index: usize) -> Self {
        let example = &EXAMPLES[index.min(EXAMPLES.len() - 1)];
        StartOptions {
            scenario: io::parse(example.text).unwrap_or_else(|_| empty_scenario()),
            path: None,
            message: None,
            recovery_dir: eframe::storage_dir(APP_ID),
            native_dialogs: true,
            autosave_every: AUTOSAVE_INTERVAL,
            data_dir: crate::io::pricemap::data_dir(),
            catalog_file: None,
            portfolio: None,
        }
    }
}

/// The app id (window class, storage folder).
pub const APP_ID: &str = "inference-roi";

/// View state: what is selected and shown, never part of the document.
#[derive(Debug, Default)]
pub(crate) struct ViewState {
    /// The document this view state belongs to; the parts that only make sense for one
    /// document (selection, hidden designs, typed text) are reset when another is shown.
    pub(super) document: Option<Generation>,
    /// Presentation mode: the theme to restore on leaving it (`Some(dark)`), `None` when not presenting.
    pub(super) presenting: Option<bool>,
    /// The chart's size on screen in points, for exporting it as shown.
    pub(super) chart_size: egui::Vec2,
    /// What the centre shows: the chart, the what-if panel or the use cases.
    pub(super) centre: Centre,
    /// Simulated uncertainty bands.
    pub(super) uncertainty: uncertainty::Uncertainty,
    pub(super) selected: Option<usize>,
    pub(super) hidden: HashSet<String>,
    /// The earlier version the document is compared with, if any.
    pub(super) comparison: Option<crate::app::views::compare::Comparison>,
}

/// What the centre of the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Centre {
    /// The chart of the tab in the settings.
    #[default]
    Chart,
    /// Sensitivity and goal seek of the selected design.
    WhatIf,
    /// The use cases by design matrix and the suggested routing.
    UseCases,
    /// Months ahead and measured months.
    OverTime,
    /// The cost–value plane at the current volume, with the efficient frontier.
    Frontier,
    /// What changed since the version compared with.
    Changes,
}

/// The Inference ROI Planner window.
pub struct PlannerApp {
    pub(super) doc: Document,
    pub(super) computed: Computed,
    /// The document state `computed` was derived from.
    pub(super) computed_for: Generation,
    pub(super) view: ViewState,
    /// What the panels keep between frames.
    pub(super) panels: PanelStates,
    pub(super) settings: Settings,
    pub(super) recovery: Option<Recovery>,
    pub(super) offer_recovery: Option<recovery::Recovered>,
    pub(super) native_dialogs: bool,
    pub(super) autosave_every: Duration,
    /// An action waiting on an unsaved-changes answer, and which of the documents it loses
    /// is being asked about (an index into [`Pending::loses`]).
    pub(super) pending: Option<(Pending, usize)>,
    pub(super) prompt: Option<PathPrompt>,
    pub(super) message: Option<(String, bool)>,
    pub(super) last_autosave: Instant,
    /// The document state last copied to the recovery file.
    pub(super) autosaved: Option<Generation>,
    pub(super) allowed_to_close: bool,
    pub(super) title: String,
    pub(super) catalog: Vec<crate::model::catalog::Entry>,
    /// The price map in use and where it comes from.
    pub(super) prices: crate::app::files::price_map::Prices,
    /// What the last price-map update changed, shown until closed.
    pub(super) price_update: Option<crate::app::files::price_map::PriceUpdate>,
    /// The hosted models "Choose model…" offers: the catalogue's and the price map's.
    pub(super) models: crate::app::editors::models::ModelList,
    pub(super) today: crate::model::Date,
    /// File ▸ Import bill…: the bills read, what they measure, the window.
    pub(super) bill: crate::app::bill::BillImport,
    /// The open portfolio, shown or behind one of its features.
    pub(crate) portfolio: Option<crate::app::portfolio::PortfolioSession>,
    /// The portfolio state last copied to its recovery file.
    pub(crate) portfolio_autosaved: Option<Generation>,
    pub(crate) last_portfolio_autosave: Instant,
    /// A portfolio's recovery copy to offer once the scenario's has been answered.
    pub(crate) offer_portfolio: Option<recovery::RecoveredPortfolio>,
}

/// A scenario with nothing in it yet but one use case and one design to start from (see
/// [`crate::model::edit::starter_scenario`]).
pub fn empty_scenario() -> Scenario {
    crate::model::edit::starter_scenario()
}

impl PlannerApp {
    /// Creates the app; restores settings from eframe storage when there is one.
    pub fn new(cc: &eframe::CreationContext<'_>, start: StartOptions) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        Self::with_settings(&cc.egui_ctx, start, settings)
    }

    /// Creates the app with the given settings (tests use this).
    pub fn with_settings(ctx: &egui::Context, start: StartOptions, settings: Settings) -> Self {
        crate::app::theme::install_fonts(ctx);
        crate::app::theme::install(ctx);
        ctx.set_theme(if settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        // A scenario just opened (a file, an example or a new one) has no changes to lose yet.
        // Started on a bundled example (no file): titled as that example.
        let example = start
            .path
            .is_none()
            .then(|| {
                EXAMPLES
                    .iter()
                    .find(|e| io::parse(e.text).is_ok_and(|s| s == start.scenario))
            })
            .flatten()
            .map(|e| e.file_name.trim_end_matches(".ron"));
        let mut doc = Document::new(start.scenario, start.path, true);
        if let Some(name) = example {
            doc = doc.from_example(name);
        }
        let computed = Computed::new(doc.scenario());
        let computed_for = doc.generation();
        let recovery = start.recovery_dir.map(Recovery::new);
        let offer_recovery = recovery.as_ref().and_then(Recovery::read);
        let offer_portfolio = recovery.as_ref().and_then(Recovery::read_portfolio);
        let mut message = start.message.map(|m| (m, true));
        let mut catalog = match settings.catalog.as_deref().map(io::catalog::load_catalog) {
            Some(Ok(catalog)) => catalog.entries,
            Some(Err(e)) => {
                message = Some((
                    format!("Could not read your price catalogue ({e}); using the bundled one."),
                    true,
                ));
                bundled_presets()
            }
            None => bundled_presets(),
        };
        let (prices, problem) = crate::app::files::price_map::Prices::start(
            start.data_dir,
            start.catalog_file.as_deref(),
            &mut catalog,
        );
        if let Some(problem) = problem {
            message = Some((problem, true));
        }
        let mut app = PlannerApp {
            view: ViewState {
                document: Some(doc.id()),
                selected: (!doc.scenario().designs.is_empty()).then_some(0),
                ..ViewState::default()
            },
            panels: PanelStates::default(),
            doc,
            computed,
            computed_for,
            settings,
            recovery,
            offer_recovery,
            native_dialogs: start.native_dialogs,
            autosave_every: start.autosave_every,
            pending: None,
            prompt: None,
            message,
            last_autosave: Instant::now(),
            autosaved: None,
            allowed_to_close: false,
            title: String::new(),
            models: prices.models(&catalog),
            prices,
            price_update: None,
            catalog,
            today: crate::model::Date::today(),
            bill: crate::app::bill::BillImport::default(),
            portfolio: None,
            portfolio_autosaved: None,
            last_portfolio_autosave: Instant::now(),
            offer_portfolio,
        };
        if let Some(path) = start.portfolio {
            app.open_portfolio(Some(path.clone()), path.is_dir());
        }
        app
    }

    /// The scenario being edited.
    pub fn scenario(&self) -> &Scenario {
        self.doc.scenario()
    }

    /// The document (path, unsaved state, undo history).
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The derived figures currently shown.
    pub fn computed(&self) -> &Computed {
        &self.computed
    }

    /// True in presentation mode.
    pub fn presenting(&self) -> bool {
        self.view.presenting.is_some()
    }

    /// The message in the status bar and whether it is an error.
    pub fn message(&self) -> Option<(&str, bool)> {
        self.message.as_ref().map(|(m, e)| (m.as_str(), *e))
    }

    /// The window title: file name, unsaved mark, app name.
    pub fn window_title(&self) -> String {
        if let Some(session) = self.portfolio.as_ref().filter(|p| p.shown) {
            let dirty = if session.doc.is_dirty() { "● " } else { "" };
            return format!(
                "{dirty}{} ({}) — portfolio — Inference ROI Planner",
                session.display_name(),
                session.base.display()
            );
        }
        let dirty = if self.doc.is_dirty() { "● " } else { "" };
        let place = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(|p| format!(" ({})", p.display()))
            .unwrap_or_default();
        format!(
            "{dirty}{}{place} — Inference ROI Planner",
            self.doc.display_name()
        )
    }

    /// What the panels and views read this frame (where no panel's own state is borrowed).
    pub(super) fn view_context(&self) -> ViewContext<'_> {
        ViewContext::new(
            &self.doc,
            &self.computed,
            &self.settings,
            &self.view,
            &self.catalog,
            &self.models,
            self.today,
        )
    }

    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), false));
    }

    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), true));
    }

    /// Brings what is derived from the document up to date with it: the figures when its
    /// generation changed, and the per-document view state when it is another document.
    /// Cheap when nothing changed (two comparisons), so it runs before and after every frame's
    /// panels.
    pub(super) fn follow_document(&mut self) {
        if self.view.document != Some(self.doc.id()) {
            let scenario = self.doc.scenario();
            self.view.document = Some(self.doc.id());
            self.panels.fields.clear();
            self.view.hidden.clear();
            self.view.selected = (!scenario.designs.is_empty()).then_some(0);
            // A comparison belongs to the document it was made for.
            self.view.comparison = None;
            if self.view.centre == Centre::Changes {
                self.view.centre = Centre::Chart;
            }
        }
        if self.computed_for != self.doc.generation() {
            self.computed.refresh(self.doc.scenario());
            self.computed_for = self.doc.generation();
        }
        if let Some(comparison) = &mut self.view.comparison {
            comparison.refresh(self.doc.scenario(), self.doc.generation());
        }
    }
}

/// The presets of the bundled catalogue (a broken bundle would fail the tests, not the app).
pub(super) fn bundled_presets() -> Vec<crate::model::catalog::Entry> {
    io::catalog::bundled_catalog()
        .map(|c| c.entries)
        .unwrap_or_default()
}

impl eframe::App for PlannerApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        self.frame_start(&ctx, &mut commands);
        if self.view.presenting.is_some() {
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
                commands.push(Command::TogglePresent);
            }
            self.present_ui(ui, &mut commands);
        } else if self.portfolio_shown() {
            self.portfolio_panels_ui(ui, &mut commands);
            self.dialogs_ui(&ctx, &mut commands);
            self.price_update_ui(&ctx);
        } else {
            self.panels_ui(ui, &mut commands);
            self.dialogs_ui(&ctx, &mut commands);
            self.price_update_ui(&ctx);
            self.bill_ui(&ctx, &mut commands);
        }
        self.apply_all(&ctx, commands);
        self.frame_end(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

impl PlannerApp {
    /// Before the panels: a close request with unsaved changes asks first; dropped files, the
    /// simulation's progress and the keyboard shortcuts become commands.
    fn frame_start(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allowed_to_close
            && (self.is_dirty(Asked::Scenario) || self.is_dirty(Asked::Portfolio))
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.guard_from(ctx, Pending::Quit, 0);
        }
        // The document may have been changed from outside a frame (`apply`).
        self.follow_document();
        Self::dropped_files(ctx, commands);
        self.view.uncertainty.poll(ctx, &self.doc);
        if self.pending.is_none()
            && self.prompt.is_none()
            && self.offer_recovery.is_none()
            && self.offer_portfolio.is_none()
        {
            shortcuts::read(ctx, commands);
        }
    }

    /// The planner's layout: menu and status bars, the scenario on the left, the selected
    /// design on the right, the table below, and the chart or What if… in the centre.
    fn panels_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui, commands));
        crate::app::command::help::help_windows(ui.ctx(), &mut self.panels.help);
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        // On a laptop or a projector (1,280 wide) the side panels start narrower, so the chart
        // keeps at least half the window; either can be collapsed to a strip.
        let width = ui.ctx().content_rect().width();
        let view = ViewContext::new(
            &self.doc,
            &self.computed,
            &self.settings,
            &self.view,
            &self.catalog,
            &self.models,
            self.today,
        );
        let fields = &mut self.panels.fields;
        if self.settings.scenario_panel {
            egui::Panel::left("scenario_panel")
                .resizable(true)
                .default_size((width * 0.22).clamp(260.0, 320.0))
                .min_size(240.0)
                .show(ui, |ui| {
                    collapse_button_ui(ui, Side::Scenario, commands);
                    let mut editor = view.editor(fields, commands);
                    scenario_panel::scenario_panel_ui(ui, &view, &mut editor);
                });
        } else {
            collapsed_strip_ui(ui, Side::Scenario, commands);
        }
        if self.settings.design_panel {
            egui::Panel::right("design_panel")
                .resizable(true)
                .default_size((width * 0.24).clamp(280.0, 360.0))
                .min_size(260.0)
                .show(ui, |ui| {
                    collapse_button_ui(ui, Side::Design, commands);
                    let mut editor = view.editor(fields, commands);
                    if let Some(i) = view.selected() {
                        design::design_panel_ui(ui, &mut editor, i);
                    } else {
                        ui.heading("Design");
                        ui.label("Add a design on the left to start.");
                    }
                });
        } else {
            collapsed_strip_ui(ui, Side::Design, commands);
        }
        // The table's first height leaves a laptop's chart room: 250 points, less below 830.
        let table_height = (ui.available_height() * 0.3).clamp(160.0, 250.0);
        egui::Panel::bottom("table_panel")
            .resizable(true)
            .default_size(table_height)
            .min_size(120.0)
            .show(ui, |ui| table::table_ui(ui, &view, commands));
        egui::CentralPanel::default().show(ui, |ui| self.centre_ui(ui, commands));
    }

    /// The centre: the scenario's title, the tabs, and the chart or the tab's panel.
    fn centre_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let scenario = self.doc.scenario();
        ui.horizontal(|ui| {
            ui.heading(if scenario.title.is_empty() {
                "Untitled scenario"
            } else {
                &scenario.title
            });
            ui.label(
                RichText::new(format!(
                    "{} · {} h/month",
                    scenario.currency, scenario.hours_per_month
                ))
                .weak(),
            );
        });
        self.tabs_ui(ui, commands);
        if self.view.centre == Centre::Changes {
            self.changes_ui(ui, commands);
            return;
        }
        let view = ViewContext::new(
            &self.doc,
            &self.computed,
            &self.settings,
            &self.view,
            &self.catalog,
            &self.models,
            self.today,
        );
        let chart_size = match self.view.centre {
            Centre::OverTime => over_time::over_time_ui(ui, &view, commands),
            Centre::Frontier => Some(crate::app::views::frontier::frontier_ui(
                ui,
                &view.scenario.currency,
                &view.frontier_scene(),
            )),
            Centre::UseCases => {
                self.panels.routing.use_cases_ui(ui, &view, commands);
                None
            }
            Centre::WhatIf => {
                self.panels.whatif.ui(ui, &view, commands);
                None
            }
            Centre::Chart | Centre::Changes => {
                self.view.uncertainty.odds_ui(ui, view.scenario);
                Some(chart_ui(ui, &view, &view.chart_scene(), commands))
            }
        };
        if let Some(size) = chart_size {
            self.view.chart_size = size;
        }
    }

    /// After the commands: close the undo step of a widget that let go, bring the figures up to
    /// date, retitle the window, autosave.
    fn frame_end(&mut self, ctx: &egui::Context) {
        // A drag or a typed number is one undo step: the step closes when its widget lets go.
        if let Some(key) = self.doc.open_edit() {
            let active = ctx.memory(|m| m.has_focus(key))
                || ctx.is_being_dragged(key)
                || ctx.input(|i| i.pointer.any_down());
            if !active {
                self.doc.close_edit();
            }
        }
        self.follow_document();
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.autosave();
        self.autosave_portfolio();
        let dirty = self.is_dirty(Asked::Scenario) || self.is_dirty(Asked::Portfolio);
        if dirty && self.recovery.is_some() {
            ctx.request_repaint_after(self.autosave_every);
        }
    }
}
