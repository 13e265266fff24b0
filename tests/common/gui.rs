//! The desktop planner in a headless `egui_kittest` harness, set up in one place: the GUI tests,
//! the model-based screen test, the snapshots and the frame bench all start it with
//! [`GuiHarness::builder`], in the style of `egui_kittest::Harness::builder`.
//!
//! The bench includes this file on its own (`#[path]`), so it uses nothing else from `common`.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use egui_kittest::Harness;
use inference_roi::app::{PlannerApp, Settings, StartOptions};
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::model::Scenario;

/// The planner in its harness.
pub type App = Harness<'static, PlannerApp>;

/// Bundled example `index`, as the planner opens it.
pub fn example(index: usize) -> Scenario {
    io::parse(EXAMPLES[index].text).unwrap()
}

/// Where [`GuiHarness::builder`] lives, like `Harness::builder`.
pub struct GuiHarness;

impl GuiHarness {
    /// A builder with the defaults the tests share: bundled example 0 (the support assistant),
    /// no file, no recovery copy, typed paths instead of native dialogs, autosave at once when a
    /// recovery folder is given, default settings (dark), a 1,440×900 window, no rendering.
    pub fn builder() -> GuiHarnessBuilder {
        GuiHarnessBuilder {
            scenario: example(0),
            path: None,
            recovery_dir: None,
            autosave_every: Duration::ZERO,
            data_dir: None,
            catalog_file: None,
            settings: Settings::default(),
            size: egui::vec2(1440.0, 900.0),
            wgpu: false,
        }
    }
}

/// Builds an [`App`]; see [`GuiHarness::builder`] for the defaults.
#[must_use]
pub struct GuiHarnessBuilder {
    scenario: Scenario,
    path: Option<PathBuf>,
    recovery_dir: Option<PathBuf>,
    autosave_every: Duration,
    data_dir: Option<PathBuf>,
    catalog_file: Option<PathBuf>,
    settings: Settings,
    size: egui::Vec2,
    wgpu: bool,
}

impl GuiHarnessBuilder {
    /// Opens bundled example `index`.
    pub fn with_example(self, index: usize) -> Self {
        self.with_scenario(example(index))
    }

    /// Opens this scenario.
    pub fn with_scenario(mut self, scenario: Scenario) -> Self {
        self.scenario = scenario;
        self
    }

    /// The file the scenario came from (its name is in the title; Save writes there).
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Where the recovery copy lives: a copy waiting there is offered back, unsaved changes are
    /// autosaved there.
    pub fn with_recovery_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.recovery_dir = Some(dir.into());
        self
    }

    /// The data folder an updated price map is kept in (default: none, the bundled snapshot).
    pub fn with_data_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.data_dir = Some(dir.into());
        self
    }

    /// A price map or catalogue for this run, as `--catalog FILE` gives it.
    pub fn with_catalog_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.catalog_file = Some(file.into());
        self
    }

    /// How often unsaved changes are copied to the recovery folder (default: at once).
    pub fn with_autosave_every(mut self, every: Duration) -> Self {
        self.autosave_every = every;
        self
    }

    /// The remembered settings. The harness's theme follows `settings.dark`.
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// Dark or light, in the planner's settings and in the harness alike.
    pub fn with_theme(mut self, theme: egui::Theme) -> Self {
        self.settings.dark = theme == egui::Theme::Dark;
        self
    }

    /// The window's size in points.
    pub fn with_size(mut self, size: impl Into<egui::Vec2>) -> Self {
        self.size = size.into();
        self
    }

    /// Renders with wgpu, for snapshots.
    pub fn wgpu(mut self) -> Self {
        self.wgpu = true;
        self
    }

    /// The planner, after its first frames have run (`run_ok`).
    pub fn build(self) -> App {
        let options = StartOptions {
            scenario: self.scenario,
            path: self.path,
            message: None,
            recovery_dir: self.recovery_dir,
            native_dialogs: false,
            autosave_every: self.autosave_every,
            data_dir: self.data_dir,
            catalog_file: self.catalog_file,
            portfolio: None,
        };
        let theme = if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        };
        let mut builder = Harness::builder().with_size(self.size).with_theme(theme);
        if self.wgpu {
            builder = builder.wgpu();
        }
        let settings = self.settings;
        let mut app =
            builder.build_eframe(|cc| PlannerApp::with_settings(&cc.egui_ctx, options, settings));
        app.run_ok();
        app
    }
}

/// Drops the file at `path` on the window, as a person drags it from a file manager.
pub fn drop_file(app: &mut App, path: &Path) {
    app.input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(path.to_owned())));
    app.run_ok();
}

/// A file dropped on the window.
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}
