//! Starting the window: the file named on the command line (a scenario, a portfolio or a folder
//! of scenarios), the renderer chosen for this machine (`renderer.rs`), the app.

use std::path::PathBuf;

use crate::app::document::settings::remember;
use crate::app::planner::{APP_ID, PlannerApp, StartOptions};
use crate::io;

/// Opens the desktop planner on `file`, or on the first bundled scenario.
pub fn run(file: Option<PathBuf>, catalog: Option<PathBuf>) -> Result<(), eframe::Error> {
    let mut start = StartOptions::example(0);
    let data_dir = start.recovery_dir.clone();
    let choice = crate::app::renderer::for_this_run(data_dir.as_deref());
    start.catalog_file = catalog;
    if let Some(path) = file {
        if path.is_dir() || io::portfolio::is_portfolio_file(&path) {
            start.portfolio = Some(path.canonicalize().unwrap_or(path));
        } else {
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
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Inference ROI Planner")
            .with_app_id(APP_ID)
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([960.0, 600.0])
            .with_drag_and_drop(true),
        renderer: choice.renderer,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "Inference ROI Planner",
        options,
        Box::new(move |cc| {
            let mut app = PlannerApp::new(cc, start);
            app.panels.help.renderer = crate::app::renderer::describe(cc, &choice);
            app.panels.help.preference = crate::app::renderer::preference(data_dir.as_deref());
            if let Some(path) = app.doc.path.clone() {
                remember(&mut app.settings.recent, &path);
            }
            Ok(Box::new(app))
        }),
    )
}
