//! The system's file dialogs (rfd), and telling a dialog that never appeared (no desktop portal)
//! from one the person cancelled, so the planner can ask for a typed path instead.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A dialog that returns faster than this never appeared (no desktop portal): a person cannot
/// cancel a real dialog that quickly.
const DIALOG_MIN_DURATION: Duration = Duration::from_millis(250);

/// The outcome of asking for a path.
pub enum Picked {
    /// The user chose this path.
    Path(PathBuf),
    /// The user cancelled.
    Cancelled,
    /// No native dialog is available; ask for a typed path instead.
    Unavailable,
}

/// Asks for a scenario file to open.
pub fn pick_open(start_dir: Option<&Path>) -> Picked {
    let mut dialog = rfd::FileDialog::new()
        .add_filter("Scenario (.ron)", &["ron"])
        .set_title("Open scenario");
    if let Some(dir) = start_dir {
        dialog = dialog.set_directory(dir);
    }
    timed(|| dialog.pick_file())
}

/// Asks for a portfolio file to open.
pub fn pick_portfolio(start_dir: Option<&Path>) -> Picked {
    let mut dialog = rfd::FileDialog::new()
        .add_filter("Portfolio (.ron)", &["ron"])
        .set_title("Open portfolio");
    if let Some(dir) = start_dir {
        dialog = dialog.set_directory(dir);
    }
    timed(|| dialog.pick_file())
}

/// Asks for a folder of scenarios to open as a portfolio.
pub fn pick_folder(start_dir: Option<&Path>) -> Picked {
    let mut dialog = rfd::FileDialog::new().set_title("Open a folder of scenarios as a portfolio");
    if let Some(dir) = start_dir {
        dialog = dialog.set_directory(dir);
    }
    timed(|| dialog.pick_folder())
}

/// Asks for a scenario file to add to the portfolio.
pub fn pick_feature(start_dir: Option<&Path>) -> Picked {
    let mut dialog = rfd::FileDialog::new()
        .add_filter("Scenario (.ron)", &["ron"])
        .set_title("Add a feature to the portfolio");
    if let Some(dir) = start_dir {
        dialog = dialog.set_directory(dir);
    }
    timed(|| dialog.pick_file())
}

/// Asks for a price map (`LiteLLM`'s JSON) to update from.
pub fn pick_price_map() -> Picked {
    let dialog = rfd::FileDialog::new()
        .add_filter("Price map (.json)", &["json"])
        .set_title("Update the price map");
    timed(|| dialog.pick_file())
}

/// Asks for a FOCUS bill to import.
pub fn pick_bill() -> Picked {
    let dialog = rfd::FileDialog::new()
        .add_filter("FOCUS bill (.csv, .csv.gz)", &["csv", "gz"])
        .set_title("Import a bill");
    timed(|| dialog.pick_file())
}

/// Asks for the team's request counts (CSV).
pub fn pick_requests() -> Picked {
    let dialog = rfd::FileDialog::new()
        .add_filter("Request counts (.csv)", &["csv"])
        .set_title("Request counts for the bill");
    timed(|| dialog.pick_file())
}

/// Asks for a path to save a scenario to.
pub fn pick_save(start_dir: Option<&Path>, file_name: &str) -> Picked {
    pick_save_as(
        start_dir,
        file_name,
        ("Scenario (.ron)", "Save scenario as"),
    )
}

/// Asks for a path to save a portfolio to.
pub fn pick_save_portfolio(start_dir: Option<&Path>, file_name: &str) -> Picked {
    pick_save_as(
        start_dir,
        file_name,
        ("Portfolio (.ron)", "Save portfolio as"),
    )
}

fn pick_save_as(
    start_dir: Option<&Path>,
    file_name: &str,
    (filter, title): (&str, &str),
) -> Picked {
    let mut dialog = rfd::FileDialog::new()
        .add_filter(filter, &["ron"])
        .set_title(title)
        .set_file_name(file_name);
    if let Some(dir) = start_dir {
        dialog = dialog.set_directory(dir);
    }
    match timed(|| dialog.save_file()) {
        Picked::Path(path) if path.extension().is_none() => {
            Picked::Path(path.with_extension("ron"))
        }
        other => other,
    }
}

/// Asks for a file to export to, offering `filters` (name, extensions); the first filter's
/// first extension is added when the name has none.
pub fn pick_export(
    start_dir: Option<&Path>,
    file_name: &str,
    title: &str,
    filters: &[(&str, &[&str])],
) -> Picked {
    let mut dialog = rfd::FileDialog::new()
        .set_title(title)
        .set_file_name(file_name);
    for (name, extensions) in filters {
        dialog = dialog.add_filter(*name, extensions);
    }
    if let Some(dir) = start_dir {
        dialog = dialog.set_directory(dir);
    }
    let default = filters.first().and_then(|(_, e)| e.first()).copied();
    match timed(|| dialog.save_file()) {
        Picked::Path(path) if path.extension().is_none() && default.is_some() => {
            Picked::Path(path.with_extension(default.unwrap_or_default()))
        }
        other => other,
    }
}

/// Whether a session bus, through which the desktop portal answers, can be reached at all.
/// Without one there is no file dialog on Linux, and asking for one only waits for a timeout.
fn session_bus_available() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let address = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty());
    let socket =
        std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| Path::new(&dir).join("bus").exists());
    address || socket
}

fn timed(show: impl FnOnce() -> Option<PathBuf>) -> Picked {
    if !session_bus_available() {
        return Picked::Unavailable;
    }
    let started = Instant::now();
    match show() {
        Some(path) => Picked::Path(path),
        None if started.elapsed() < DIALOG_MIN_DURATION => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}
