//! The desktop planner: an eframe app over the same core as the command line.
//!
//! The app keeps a [`Document`] (the scenario, its path and undo history) and view state
//! (selection, hidden designs, chart tab, typed text). Panels read them and push [`Command`]s;
//! the commands are applied once after the panels, and the derived figures ([`Computed`]) are
//! recomputed only when the document changes.

// Each UI function lays out one panel or dialog; splitting them further would scatter the layout.
#![allow(clippy::too_many_lines)]

pub mod chart;
pub mod colors;
pub mod command;
pub mod compute;
pub mod design_panel;
pub mod document;
pub mod files;
pub mod scenario_panel;
pub mod table;
pub mod uncertainty;
pub mod whatif_panel;
pub mod widgets;

pub use crate::chart::palette;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};
use serde::{Deserialize, Serialize};

use crate::chart::render;
use crate::io::{self, examples::EXAMPLES};
use crate::model::{Scenario, Severity, validate};
use chart::{ChartKind, chart_ui};
use command::Command;
use compute::Computed;
use document::{Document, Generation};
use files::{Picked, Recovery};
use widgets::{Editor, FieldState, error_color};

/// How often unsaved changes are copied to the recovery file.
const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(5);

/// Keyboard shortcuts (Ctrl on Linux and Windows, ⌘ on macOS).
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+N", "New scenario"),
    ("Ctrl+O", "Open…"),
    ("Ctrl+S", "Save"),
    ("Ctrl+Shift+S", "Save As…"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z or Ctrl+Y", "Redo"),
    ("Ctrl+Q", "Quit"),
    ("Ctrl+E", "Export the chart (PNG or SVG)"),
    ("F11", "Present the chart (Esc leaves)"),
];

const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
const PRESENT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F11);
const EXPORT_CHART: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);

/// How much larger everything is drawn in presentation mode.
const PRESENT_ZOOM: f32 = 1.35;

/// What persists between runs (never the scenario itself: scenarios live in their files).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Dark theme (light suits projectors).
    pub dark: bool,
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// The chart tab.
    pub tab: ChartKind,
    /// A price catalogue of one's own, used instead of the bundled one.
    pub catalog: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dark: true,
            recent: Vec::new(),
            tab: ChartKind::Roi,
            catalog: None,
        }
    }
}

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
        }
    }
}

/// The app id (window class, storage folder).
pub const APP_ID: &str = "inference-roi";

/// An action that would discard unsaved changes, held while the user decides.
#[derive(Debug, Clone)]
enum Pending {
    New,
    Open(Option<PathBuf>),
    OpenExample(usize),
    Quit,
}

/// The typed-path dialog, used where no native file dialog is available.
#[derive(Debug, Clone)]
struct PathPrompt {
    purpose: Purpose,
    text: String,
    note: String,
    focused: bool,
}

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Open,
    Save,
    Catalog,
    ExportTable,
    ExportChart,
}

/// View state: what is selected and shown, never part of the document.
#[derive(Debug, Default)]
struct ViewState {
    /// The document this view state belongs to; the parts that only make sense for one
    /// document (selection, hidden designs, typed text) are reset when another is shown.
    document: Option<Generation>,
    /// Presentation mode: the theme to restore on leaving it (`Some(dark)`), `None` when not presenting.
    presenting: Option<bool>,
    /// The chart's size on screen in points, for exporting it as shown.
    chart_size: egui::Vec2,
    /// The centre shows the what-if panel of the selected design instead of the chart.
    what_if: bool,
    whatif: whatif_panel::WhatIfState,
    /// Simulated uncertainty bands.
    uncertainty: uncertainty::Uncertainty,
    selected: Option<usize>,
    hidden: HashSet<String>,
    fields: FieldState,
}

/// The Inference ROI Planner window.
pub struct PlannerApp {
    doc: Document,
    computed: Computed,
    /// The document state `computed` was derived from.
    computed_for: Generation,
    view: ViewState,
    settings: Settings,
    recovery: Option<Recovery>,
    offer_recovery: Option<files::Recovered>,
    native_dialogs: bool,
    autosave_every: Duration,
    pending: Option<Pending>,
    prompt: Option<PathPrompt>,
    message: Option<(String, bool)>,
    last_autosave: Instant,
    /// The document state last copied to the recovery file.
    autosaved: Option<Generation>,
    allowed_to_close: bool,
    title: String,
    catalog: Vec<crate::model::catalog::Entry>,
    today: crate::model::Date,
}

/// A scenario with nothing in it yet but one use case and one design to start from.
pub fn empty_scenario() -> Scenario {
    use crate::model::{Design, OneTime, UseCase, Volume};
    use rust_decimal::Decimal;
    Scenario {
        format: crate::model::FORMAT,
        title: "New scenario".to_owned(),
        notes: String::new(),
        currency: "USD".to_owned(),
        hours_per_month: crate::model::DEFAULT_HOURS_PER_MONTH,
        volume: Volume {
            current: 100_000,
            min: 1_000,
            max: 100_000_000,
        },
        use_cases: vec![UseCase {
            name: "Main use".to_owned(),
            share: Decimal::ONE,
            value_per_success: Decimal::new(5, 2),
        }],
        designs: vec![Design {
            name: "Hosted API".to_owned(),
            serving: scenario_panel::default_serving(scenario_panel::ServingKind::HostedApi),
            success_rate: Decimal::new(8, 1),
            success_by_use_case: std::collections::BTreeMap::new(),
            overhead_pct: Decimal::ZERO,
            fixed_monthly: Decimal::ZERO,
            one_time: OneTime::default(),
            notes: String::new(),
            sources: Vec::new(),
        }],
        ranges: std::collections::BTreeMap::new(),
    }
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
        install_fonts(ctx);
        ctx.set_theme(if settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        // A scenario just opened (a file, an example or a new one) has no changes to lose yet.
        let doc = Document::new(start.scenario, start.path, true);
        let computed = Computed::new(doc.scenario());
        let computed_for = doc.generation();
        let recovery = start.recovery_dir.map(Recovery::new);
        let offer_recovery = recovery.as_ref().and_then(Recovery::read);
        let mut message = start.message.map(|m| (m, true));
        let catalog = match settings.catalog.as_deref().map(io::catalog::load_catalog) {
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
        PlannerApp {
            view: ViewState {
                document: Some(doc.id()),
                selected: (!doc.scenario().designs.is_empty()).then_some(0),
                ..ViewState::default()
            },
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
            catalog,
            today: crate::model::Date::today(),
        }
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

    /// Applies a command as if it came from the interface (tests and scripting).
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        self.apply_all(ctx, vec![command]);
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), false));
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), true));
    }

    /// Shows another document (new, opened, an example): what the last one had unsaved is
    /// given up, so its recovery copy goes too.
    fn replace_document(&mut self, doc: Document) {
        self.set_document(doc);
        if let Some(recovery) = &self.recovery {
            recovery.clear();
        }
    }

    /// Shows another document. Everything derived from the last one follows at once (see
    /// [`Self::follow_document`]), so no figure of it can be shown under the new one's names.
    fn set_document(&mut self, doc: Document) {
        self.doc = doc;
        self.autosaved = None;
        self.follow_document();
    }

    /// Brings what is derived from the document up to date with it: the figures when its
    /// generation changed, and the per-document view state when it is another document.
    /// Cheap when nothing changed (two comparisons), so it runs before and after every frame's
    /// panels.
    fn follow_document(&mut self) {
        if self.view.document != Some(self.doc.id()) {
            let scenario = self.doc.scenario();
            self.view.document = Some(self.doc.id());
            self.view.fields.clear();
            self.view.hidden.clear();
            self.view.selected = (!scenario.designs.is_empty()).then_some(0);
        }
        if self.computed_for != self.doc.generation() {
            self.computed.refresh(self.doc.scenario());
            self.computed_for = self.doc.generation();
        }
    }

    fn open_path(&mut self, path: &Path) {
        match io::load(path) {
            Ok(scenario) => {
                let warnings = validate(&scenario)
                    .iter()
                    .filter(|p| p.severity == Severity::Error)
                    .count();
                files::remember(&mut self.settings.recent, path);
                self.replace_document(Document::new(scenario, Some(path.to_owned()), true));
                if warnings > 0 {
                    self.error(format!(
                        "Opened {} — it has {warnings} problem(s); they are marked at the fields.",
                        path.display()
                    ));
                } else {
                    self.info(format!("Opened {}", path.display()));
                }
            }
            Err(e) => self.error(format!(
                "Could not open {}: {e}. The current scenario is unchanged.",
                path.display()
            )),
        }
    }

    fn save_to(&mut self, path: &Path) {
        match io::save(self.doc.scenario(), path) {
            Ok(()) => {
                files::remember(&mut self.settings.recent, path);
                self.doc.mark_saved(path.to_owned());
                if let Some(recovery) = &self.recovery {
                    recovery.clear();
                }
                self.info(format!("Saved {}", path.display()));
            }
            Err(e) => self.error(format!("{e}. Nothing was overwritten.")),
        }
    }

    /// Presentation mode: the chart filling the window under the title and a subtitle.
    fn present_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let scenario = self.doc.scenario();
        let subtitle = crate::chart::subtitle(scenario);
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                let title = if scenario.title.is_empty() {
                    "Untitled scenario"
                } else {
                    &scenario.title
                };
                ui.label(RichText::new(title).size(30.0).strong());
                ui.label(RichText::new(subtitle).size(16.0).weak());
            });
            ui.add_space(6.0);
            self.view.chart_size = chart_ui(
                ui,
                scenario,
                &self.computed,
                &self.view.hidden,
                self.settings.tab,
                self.view.uncertainty.shown(),
                commands,
            );
        });
    }

    /// Writes the comparison table to `path`: CSV for `.csv`, Markdown for `.md`.
    fn export_table(&mut self, path: &Path) {
        let report = crate::report::Report {
            scenario: self.doc.scenario(),
            analysis: self.computed.chart.analysis.clone(),
        };
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let text = match extension.as_deref() {
            Some("csv") => crate::report::report_csv(&report),
            Some("md" | "markdown") => {
                let s = report.scenario;
                format!(
                    "# {}\n\nAt {} requests/month · {} · {} hours/month\n\n{}",
                    s.title,
                    crate::report::format::count(report.analysis.volume),
                    s.currency,
                    crate::report::exact(s.hours_per_month),
                    crate::report::table_markdown(&report)
                )
            }
            _ => {
                self.error(format!(
                    "Export the table to a .csv or .md file, not {}",
                    path.display()
                ));
                return;
            }
        };
        match io::write_atomically(path, text.as_bytes()) {
            Ok(()) => self.info(format!("Exported the table to {}", path.display())),
            Err(e) => self.error(format!("{e}")),
        }
    }

    /// Writes the chart as it is shown — kind, hidden designs, theme and on-screen size — to
    /// `path`: a PNG at 2× pixel density or an SVG.
    fn export_chart(&mut self, path: &Path) {
        let mut scene = crate::chart::Scene::new(
            self.doc.scenario(),
            &self.computed.chart,
            &self.view.hidden,
            self.settings.tab,
        );
        if let Some(simulation) = self.view.uncertainty.shown() {
            scene.add_simulation(simulation);
        }
        let (lo, hi) = render::SIZE_LIMITS;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let side = |points: f32, default: u32| {
            if points >= 1.0 {
                (points.round() as u32).clamp(lo, hi)
            } else {
                default
            }
        };
        let options = render::Options {
            width: side(self.view.chart_size.x, 1200),
            height: side(self.view.chart_size.y, 700),
            scale: 2,
            theme: if self.settings.dark {
                render::Theme::Dark
            } else {
                render::Theme::Light
            },
        };
        let options = match render::Format::of_path(path) {
            Some(render::Format::Svg) => render::Options {
                scale: 1,
                ..options
            },
            _ => options,
        };
        match render::export(&scene, &options, path) {
            Ok(format) => {
                let (w, h) = (
                    options.width * options.scale,
                    options.height * options.scale,
                );
                let what = match format {
                    render::Format::Png => format!("PNG, {w}×{h} pixels"),
                    render::Format::Svg => format!("SVG, {w}×{h}"),
                };
                self.info(format!("Exported the chart to {} ({what})", path.display()));
            }
            Err(e) => self.error(e),
        }
    }

    /// Switches the presets to the catalogue at `path`, or back to the bundled one.
    fn use_catalog(&mut self, path: Option<PathBuf>) {
        match path {
            None => {
                self.catalog = bundled_presets();
                self.settings.catalog = None;
                self.info("Using the bundled price catalogue");
            }
            Some(path) => match io::catalog::load_catalog(&path) {
                Ok(catalog) => {
                    self.info(format!(
                        "Using the price catalogue {} ({} presets)",
                        path.display(),
                        catalog.entries.len()
                    ));
                    self.catalog = catalog.entries;
                    self.settings.catalog = Some(path);
                }
                Err(e) => self.error(format!(
                    "Could not use {} as a price catalogue: {e}",
                    path.display()
                )),
            },
        }
    }

    fn start_dir(&self) -> Option<PathBuf> {
        self.doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(PathBuf::from)
    }

    /// Asks where to export: the system's save dialog, or (where there is none) the typed-path
    /// prompt, whose answer arrives later as a command. Returns a path picked in the dialog.
    fn choose_export(
        &mut self,
        name: &str,
        purpose: Purpose,
        filters: &[(&str, &[&str])],
    ) -> Option<PathBuf> {
        let title = match purpose {
            Purpose::ExportChart => "Export the chart",
            _ => "Export the table",
        };
        let picked = if self.native_dialogs {
            files::pick_export(self.start_dir().as_deref(), name, title, filters)
        } else {
            Picked::Unavailable
        };
        match picked {
            Picked::Path(path) => Some(path),
            Picked::Cancelled => None,
            Picked::Unavailable => {
                self.prompt = Some(PathPrompt {
                    purpose,
                    text: self.suggested_path(name),
                    note: String::new(),
                    focused: false,
                });
                None
            }
        }
    }

    /// A file name beside the scenario (or in the working directory), as typed-path text.
    fn suggested_path(&self, name: &str) -> String {
        let dir = self
            .start_dir()
            .filter(|d| !d.as_os_str().is_empty())
            .or_else(|| std::env::current_dir().ok());
        dir.map_or_else(
            || name.to_owned(),
            |d| d.join(name).to_string_lossy().into_owned(),
        )
    }

    fn choose_open(&mut self) {
        if !self.native_dialogs {
            self.prompt = Some(PathPrompt {
                purpose: Purpose::Open,
                text: String::new(),
                note: String::new(),
                focused: false,
            });
            return;
        }
        match files::pick_open(self.start_dir().as_deref()) {
            Picked::Path(path) => self.open_path(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                self.prompt = Some(PathPrompt {
                    purpose: Purpose::Open,
                    text: String::new(),
                    note: "No file dialog is available on this desktop (no portal). Type the path instead.".to_owned(),
                    focused: false,
                });
            }
        }
    }

    fn choose_save(&mut self) {
        let suggested = self.doc.path.as_ref().map_or_else(
            || suggested_file_name(self.doc.scenario()),
            |p| p.display().to_string(),
        );
        if !self.native_dialogs {
            self.prompt = Some(PathPrompt {
                purpose: Purpose::Save,
                text: suggested,
                note: String::new(),
                focused: false,
            });
            return;
        }
        let name = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || suggested_file_name(self.doc.scenario()),
                |n| n.to_string_lossy().into_owned(),
            );
        match files::pick_save(self.start_dir().as_deref(), &name) {
            Picked::Path(path) => self.save_to(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                self.prompt = Some(PathPrompt {
                    purpose: Purpose::Save,
                    text: suggested,
                    note: "No file dialog is available on this desktop (no portal). Type the path instead.".to_owned(),
                    focused: false,
                });
            }
        }
    }

    fn perform(&mut self, ctx: &egui::Context, action: Pending) {
        match action {
            Pending::New => {
                self.replace_document(Document::new(empty_scenario(), None, true));
                self.info("New scenario");
            }
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::Open(None) => self.choose_open(),
            Pending::OpenExample(i) => {
                if let Some(example) = EXAMPLES.get(i) {
                    match io::parse(example.text) {
                        Ok(scenario) => {
                            self.replace_document(Document::new(scenario, None, true));
                            self.info(format!(
                                "Opened the example {} (Save As to keep your changes)",
                                example.file_name
                            ));
                        }
                        Err(e) => self.error(format!(
                            "The example {} does not load: {e}",
                            example.file_name
                        )),
                    }
                }
            }
            Pending::Quit => {
                if let Some(recovery) = &self.recovery {
                    recovery.clear();
                }
                self.allowed_to_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Runs `action` now, or asks first when it would discard unsaved changes.
    fn guard(&mut self, ctx: &egui::Context, action: Pending) {
        if self.doc.is_dirty() {
            self.pending = Some(action);
        } else {
            self.perform(ctx, action);
        }
    }

    fn apply_all(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        if !commands.is_empty() {
            // What a command changes (a dialog to show, new figures) is drawn in the next frame.
            ctx.request_repaint();
        }
        for command in commands {
            match command {
                Command::Edit {
                    key,
                    path,
                    mut scenario,
                } => {
                    crate::econ::simulate::settle_ranges(self.doc.scenario(), &mut scenario);
                    if let Some(path) = &path
                        && let Some(problem) = validate(&scenario)
                            .into_iter()
                            .find(|p| p.severity == Severity::Error && &p.path == path)
                    {
                        // Refused: the field keeps the typed text and says why; the document
                        // keeps its previous valid value.
                        self.view
                            .fields
                            .errors
                            .insert(egui::Id::unique(path), problem.message);
                        continue;
                    }
                    if let Some(path) = &path {
                        self.view.fields.errors.remove(&egui::Id::unique(path));
                    }
                    let renamed = rename_of(self.doc.scenario(), &scenario);
                    self.doc.edit(Some(key), scenario);
                    if let Some((old, new)) = renamed
                        && self.view.hidden.remove(&old)
                    {
                        self.view.hidden.insert(new);
                    }
                }
                Command::Restructure {
                    mut scenario,
                    select,
                } => {
                    crate::econ::simulate::settle_ranges(self.doc.scenario(), &mut scenario);
                    self.doc.close_edit();
                    self.doc.edit(None, scenario);
                    self.view.fields.clear();
                    if select.is_some() {
                        self.view.selected = select;
                    }
                }
                Command::New => self.guard(ctx, Pending::New),
                Command::Open(path) => self.guard(ctx, Pending::Open(path)),
                Command::OpenExample(i) => self.guard(ctx, Pending::OpenExample(i)),
                Command::Quit => self.guard(ctx, Pending::Quit),
                Command::Save => match self.doc.path.clone() {
                    Some(path) => self.save_to(&path),
                    None => self.choose_save(),
                },
                Command::SaveAs(Some(path)) => self.save_to(&path),
                Command::SaveAs(None) => self.choose_save(),
                Command::Undo => {
                    if self.doc.undo() {
                        self.view.fields.clear();
                        self.info("Undone");
                    }
                }
                Command::Redo => {
                    if self.doc.redo() {
                        self.view.fields.clear();
                        self.info("Redone");
                    }
                }
                Command::Select(i) => self.view.selected = Some(i),
                Command::ToggleVisible(name) => {
                    if !self.view.hidden.remove(&name) {
                        self.view.hidden.insert(name);
                    }
                }
                Command::ChooseCatalog => {
                    let start = self
                        .settings
                        .catalog
                        .clone()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    let picked = if self.native_dialogs {
                        files::pick_open(None)
                    } else {
                        Picked::Unavailable
                    };
                    match picked {
                        Picked::Path(path) => self.use_catalog(Some(path)),
                        Picked::Cancelled => {}
                        Picked::Unavailable => {
                            self.prompt = Some(PathPrompt {
                                purpose: Purpose::Catalog,
                                text: start,
                                note: String::new(),
                                focused: false,
                            });
                        }
                    }
                }
                Command::BundledCatalog => self.use_catalog(None),
                Command::CopyTable(format) => {
                    let report = crate::report::Report {
                        scenario: self.doc.scenario(),
                        analysis: self.computed.chart.analysis.clone(),
                    };
                    let (text, name) = match format {
                        command::TableFormat::Markdown => {
                            (crate::report::table_markdown(&report), "Markdown")
                        }
                        command::TableFormat::Csv => (crate::report::report_csv(&report), "CSV"),
                    };
                    ctx.copy_text(text);
                    self.info(format!("Copied the table as {name}"));
                }
                Command::ExportTable(Some(path)) => self.export_table(&path),
                Command::ExportTable(None) => {
                    let name =
                        suggested_file_name(self.doc.scenario()).replace(".ron", "-table.csv");
                    let filters: &[(&str, &[&str])] = &[("CSV", &["csv"]), ("Markdown", &["md"])];
                    if let Some(path) = self.choose_export(&name, Purpose::ExportTable, filters) {
                        self.export_table(&path);
                    }
                }
                Command::ExportChart(Some(path)) => self.export_chart(&path),
                Command::ExportChart(None) => {
                    let suffix = match self.settings.tab {
                        ChartKind::Roi => "-roi.png",
                        ChartKind::CostPerInference => "-cost.png",
                        ChartKind::Money => "-money.png",
                    };
                    let name = suggested_file_name(self.doc.scenario()).replace(".ron", suffix);
                    let filters: &[(&str, &[&str])] =
                        &[("PNG image", &["png"]), ("SVG image", &["svg"])];
                    if let Some(path) = self.choose_export(&name, Purpose::ExportChart, filters) {
                        self.export_chart(&path);
                    }
                }
                Command::TogglePresent => {
                    if let Some(dark) = self.view.presenting.take() {
                        self.settings.dark = dark;
                        ctx.set_zoom_factor(1.0);
                        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                    } else {
                        // Light suits projectors; the theme chosen before comes back on leaving.
                        self.view.presenting = Some(self.settings.dark);
                        self.settings.dark = false;
                        ctx.set_zoom_factor(PRESENT_ZOOM);
                        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
                    }
                    ctx.set_theme(if self.settings.dark {
                        egui::Theme::Dark
                    } else {
                        egui::Theme::Light
                    });
                }
                Command::ToggleTheme => {
                    self.settings.dark = !self.settings.dark;
                    ctx.set_theme(if self.settings.dark {
                        egui::Theme::Dark
                    } else {
                        egui::Theme::Light
                    });
                }
            }
        }
        self.follow_document();
        let count = self.doc.scenario().designs.len();
        self.view.selected = match self.view.selected {
            _ if count == 0 => None,
            Some(i) => Some(i.min(count - 1)),
            None => Some(0),
        };
    }

    fn shortcuts(ctx: &egui::Context, commands: &mut Vec<Command>) {
        ctx.input_mut(|i| {
            // Longer shortcuts first: Ctrl+Shift+S must not also count as Ctrl+S.
            if i.consume_shortcut(&SAVE_AS) {
                commands.push(Command::SaveAs(None));
            }
            if i.consume_shortcut(&SAVE) {
                commands.push(Command::Save);
            }
            if i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y) {
                commands.push(Command::Redo);
            }
            if i.consume_shortcut(&UNDO) {
                commands.push(Command::Undo);
            }
            if i.consume_shortcut(&NEW) {
                commands.push(Command::New);
            }
            if i.consume_shortcut(&OPEN) {
                commands.push(Command::Open(None));
            }
            if i.consume_shortcut(&QUIT) {
                commands.push(Command::Quit);
            }
            if i.consume_shortcut(&PRESENT) {
                commands.push(Command::TogglePresent);
            }
            if i.consume_shortcut(&EXPORT_CHART) {
                commands.push(Command::ExportChart(None));
            }
        });
    }

    fn menu_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let shortcut = |s: &KeyboardShortcut| ui.ctx().format_shortcut(s);
        let (new, open, save, save_as, undo, redo, quit) = (
            shortcut(&NEW),
            shortcut(&OPEN),
            shortcut(&SAVE),
            shortcut(&SAVE_AS),
            shortcut(&UNDO),
            shortcut(&REDO),
            shortcut(&QUIT),
        );
        let export_chart = shortcut(&EXPORT_CHART);
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("New").shortcut_text(new))
                    .clicked()
                {
                    commands.push(Command::New);
                }
                if ui
                    .add(egui::Button::new("Open…").shortcut_text(open))
                    .clicked()
                {
                    commands.push(Command::Open(None));
                }
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
                if ui
                    .add(egui::Button::new("Save").shortcut_text(save))
                    .clicked()
                {
                    commands.push(Command::Save);
                }
                if ui
                    .add(egui::Button::new("Save As…").shortcut_text(save_as))
                    .clicked()
                {
                    commands.push(Command::SaveAs(None));
                }
                ui.separator();
                if ui
                    .button("Export table…")
                    .on_hover_text("The comparison table as .csv or .md")
                    .clicked()
                {
                    commands.push(Command::ExportTable(None));
                }
                if ui
                    .add(egui::Button::new("Export chart…").shortcut_text(export_chart))
                    .on_hover_text("The chart as shown: PNG at 2× pixel density, or SVG")
                    .clicked()
                {
                    commands.push(Command::ExportChart(None));
                }
                if ui
                    .button("Price catalogue…")
                    .on_hover_text("Use your own catalogue of dated prices for Apply preset")
                    .clicked()
                {
                    commands.push(Command::ChooseCatalog);
                }
                if self.settings.catalog.is_some()
                    && ui.button("Use the bundled price catalogue").clicked()
                {
                    commands.push(Command::BundledCatalog);
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Quit").shortcut_text(quit))
                    .clicked()
                {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                if ui
                    .add_enabled(
                        self.doc.can_undo(),
                        egui::Button::new("Undo").shortcut_text(undo),
                    )
                    .clicked()
                {
                    commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        self.doc.can_redo(),
                        egui::Button::new("Redo").shortcut_text(redo),
                    )
                    .clicked()
                {
                    commands.push(Command::Redo);
                }
            });
            ui.menu_button("View", |ui| {
                let present = ui.ctx().format_shortcut(&PRESENT);
                if ui
                    .add(egui::Button::new("Present").shortcut_text(present))
                    .clicked()
                {
                    commands.push(Command::TogglePresent);
                }
                let label = if self.settings.dark {
                    "Light theme (for projectors)"
                } else {
                    "Dark theme"
                };
                if ui.button(label).clicked() {
                    commands.push(Command::ToggleTheme);
                }
            });
            ui.menu_button("Help", |ui| {
                ui.label(RichText::new("Keyboard shortcuts").strong());
                egui::Grid::new("shortcuts").show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.label(*keys);
                        ui.label(*what);
                        ui.end_row();
                    }
                });
                ui.separator();
                ui.label("Bands: Excellent ≥ 10×, Good 3–10×, Marginal 1–3×, Unsustainable < 1×.");
                ui.label("Click or drag on the chart to set the current volume.");
            });
        });
    }

    fn status_ui(&self, ui: &mut Ui) {
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

    fn dialogs_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some(action) = self.pending.clone() {
            let what = match &action {
                Pending::New => "starting a new scenario",
                Pending::Open(_) | Pending::OpenExample(_) => "opening another scenario",
                Pending::Quit => "quitting",
            };
            let mut choice = None;
            egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
                ui.heading("Unsaved changes");
                ui.label(format!(
                    "{} has changes that are not saved. Save them before {what}?",
                    self.doc.display_name()
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        choice = Some(0);
                    }
                    if ui.button("Discard").clicked() {
                        choice = Some(1);
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                        choice = Some(2);
                    }
                });
            });
            match choice {
                Some(0) => {
                    self.pending = None;
                    match self.doc.path.clone() {
                        Some(path) => self.save_to(&path),
                        None => self.choose_save(),
                    }
                    if !self.doc.is_dirty() {
                        self.perform(ctx, action);
                    }
                }
                Some(1) => {
                    self.pending = None;
                    self.perform(ctx, action);
                }
                Some(_) => self.pending = None,
                None => {}
            }
        }
        if let Some(mut prompt) = self.prompt.take() {
            let mut done = None;
            egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui| {
                ui.heading(match prompt.purpose {
                    Purpose::Open => "Open scenario",
                    Purpose::Save => "Save scenario as",
                    Purpose::Catalog => "Use a price catalogue",
                    Purpose::ExportTable => "Export the table (.csv or .md)",
                    Purpose::ExportChart => "Export the chart (.png or .svg)",
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
                            Purpose::Open => "Open",
                            Purpose::Save => "Save",
                            Purpose::Catalog => "Use",
                            Purpose::ExportTable | Purpose::ExportChart => "Export",
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
                Some(true) if !prompt.text.trim().is_empty() => {
                    let path = PathBuf::from(prompt.text.trim());
                    match prompt.purpose {
                        Purpose::Save => commands.push(Command::SaveAs(Some(path))),
                        Purpose::Open => self.open_path(&path),
                        Purpose::Catalog => self.use_catalog(Some(path)),
                        Purpose::ExportTable => commands.push(Command::ExportTable(Some(path))),
                        Purpose::ExportChart => commands.push(Command::ExportChart(Some(path))),
                    }
                }
                Some(_) => {}
                None => self.prompt = Some(prompt),
            }
        }
        if let Some(recovered) = self.offer_recovery.take() {
            let mut done = None;
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
                        done = Some(true);
                    }
                    if ui.button("Discard them").clicked() {
                        done = Some(false);
                    }
                });
            });
            match done {
                Some(true) => {
                    // The recovery copy stays until the restored changes are saved or discarded.
                    self.set_document(Document::new(recovered.scenario, recovered.path, false));
                    self.info("Restored the unsaved changes");
                }
                Some(false) => {
                    if let Some(recovery) = &self.recovery {
                        recovery.clear();
                    }
                }
                None => self.offer_recovery = Some(recovered),
            }
        }
    }

    fn dropped_files(ctx: &egui::Context, commands: &mut Vec<Command>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        {
            commands.push(Command::Open(Some(path)));
        }
    }

    fn autosave(&mut self) {
        let Some(recovery) = &self.recovery else {
            return;
        };
        if !self.doc.is_dirty() {
            // Undone back to the saved state: an older recovery copy would only mislead.
            if self.autosaved.take().is_some() {
                recovery.clear();
            }
            return;
        }
        if self.autosaved == Some(self.doc.generation())
            || self.last_autosave.elapsed() < self.autosave_every
        {
            return;
        }
        self.last_autosave = Instant::now();
        match recovery.write(self.doc.scenario(), self.doc.path.as_deref()) {
            Ok(()) => self.autosaved = Some(self.doc.generation()),
            Err(e) => self.message = Some((format!("Autosave failed: {e}"), true)),
        }
    }
}

/// The presets of the bundled catalogue (a broken bundle would fail the tests, not the app).
fn bundled_presets() -> Vec<crate::model::catalog::Entry> {
    io::catalog::bundled_catalog()
        .map(|c| c.entries)
        .unwrap_or_default()
}

/// The bundled fonts, with the monospace font as a fallback for the proportional one so that
/// the symbols the planner uses (◆ ● ↔ ⟂) render everywhere, with or without system fonts.
fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if fonts.font_data.contains_key("Hack")
        && let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional)
    {
        family.insert(1.min(family.len()), "Hack".to_owned());
    }
    ctx.set_fonts(fonts);
}

fn problem_list(computed: &Computed) -> String {
    computed
        .chart
        .problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A file name from the title: "Search result summaries" → "search-result-summaries.ron".
fn suggested_file_name(scenario: &Scenario) -> String {
    let slug: String = scenario
        .title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("{}.ron", if slug.is_empty() { "scenario" } else { &slug })
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

impl eframe::App for PlannerApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();

        if ctx.input(|i| i.viewport().close_requested())
            && !self.allowed_to_close
            && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
        }
        // The document may have been changed from outside a frame (`apply`).
        self.follow_document();
        Self::dropped_files(&ctx, &mut commands);
        self.view.uncertainty.poll(&ctx, &self.doc);
        if self.pending.is_none() && self.prompt.is_none() && self.offer_recovery.is_none() {
            Self::shortcuts(&ctx, &mut commands);
        }

        if self.view.presenting.is_some() {
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
                commands.push(Command::TogglePresent);
            }
            self.present_ui(ui, &mut commands);
            self.apply_all(&ctx, commands);
            return;
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui, &mut commands));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        let scenario = self.doc.scenario();
        egui::Panel::left("scenario_panel")
            .resizable(true)
            .default_size(320.0)
            .min_size(260.0)
            .show(ui, |ui| {
                let mut editor = Editor {
                    scenario,
                    fields: &mut self.view.fields,
                    problems: &self.computed.by_path,
                    commands: &mut commands,
                    catalog: &self.catalog,
                    today: self.today,
                    pending_range: None,
                };
                scenario_panel::scenario_panel_ui(
                    ui,
                    &mut editor,
                    &self.computed,
                    self.view.selected,
                    &self.view.hidden,
                );
            });
        egui::Panel::right("design_panel")
            .resizable(true)
            .default_size(360.0)
            .min_size(300.0)
            .show(ui, |ui| {
                let mut editor = Editor {
                    scenario,
                    fields: &mut self.view.fields,
                    problems: &self.computed.by_path,
                    commands: &mut commands,
                    catalog: &self.catalog,
                    today: self.today,
                    pending_range: None,
                };
                if let Some(i) = self.view.selected {
                    design_panel::design_panel_ui(ui, &mut editor, i);
                } else {
                    ui.heading("Design");
                    ui.label("Add a design on the left to start.");
                }
            });
        egui::Panel::bottom("table_panel")
            .resizable(true)
            .default_size(250.0)
            .min_size(120.0)
            .show(ui, |ui| {
                table::table_ui(ui, scenario, &self.computed, &mut commands);
            });
        egui::CentralPanel::default().show(ui, |ui| {
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
            ui.horizontal(|ui| {
                for kind in [
                    ChartKind::Roi,
                    ChartKind::CostPerInference,
                    ChartKind::Money,
                ] {
                    let on = !self.view.what_if && self.settings.tab == kind;
                    if ui.selectable_label(on, kind.label()).clicked() {
                        self.settings.tab = kind;
                        self.view.what_if = false;
                    }
                }
                ui.separator();
                if ui
                    .selectable_label(self.view.what_if, "What if…")
                    .on_hover_text(
                        "Which inputs move the selected design's ROI, and what one input would \
                         have to be to reach a target ROI",
                    )
                    .clicked()
                {
                    self.view.what_if = true;
                }
                if !self.view.what_if && self.settings.tab == ChartKind::Roi {
                    ui.separator();
                    self.view.uncertainty.controls_ui(ui, scenario);
                }
            });
            if self.view.what_if {
                whatif_panel::whatif_ui(
                    ui,
                    scenario,
                    self.doc.generation(),
                    self.view.selected.unwrap_or(0),
                    &mut self.view.whatif,
                    &mut commands,
                );
            } else {
                self.view.uncertainty.odds_ui(ui, scenario);
                self.view.chart_size = chart_ui(
                    ui,
                    scenario,
                    &self.computed,
                    &self.view.hidden,
                    self.settings.tab,
                    self.view.uncertainty.shown(),
                    &mut commands,
                );
            }
        });

        self.dialogs_ui(&ctx, &mut commands);
        self.apply_all(&ctx, commands);

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
        if self.doc.is_dirty() && self.recovery.is_some() {
            ctx.request_repaint_after(self.autosave_every);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

/// Opens the desktop planner on `file`, or on the first bundled scenario.
pub fn run(file: Option<PathBuf>) -> Result<(), eframe::Error> {
    let mut start = StartOptions::example(0);
    if let Some(path) = file {
        match io::load(&path) {
            Ok(scenario) => {
                start.scenario = scenario;
                start.path = Some(path.canonicalize().unwrap_or(path));
            }
            Err(e) => {
                start.message = Some(format!(
                    "Could not open {}: {e}. Showing a bundled example instead.",
                    path.display()
                ));
            }
        }
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Inference ROI Planner")
            .with_app_id(APP_ID)
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([960.0, 600.0])
            .with_drag_and_drop(true),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "Inference ROI Planner",
        options,
        Box::new(move |cc| {
            let mut app = PlannerApp::new(cc, start);
            if let Some(path) = app.doc.path.clone() {
                files::remember(&mut app.settings.recent, &path);
            }
            Ok(Box::new(app))
        }),
    )
}
