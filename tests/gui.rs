//! The desktop planner driven headlessly by label (`egui_kittest`): the real app, real clicks and
//! typing, with assertions on the resulting document and table.
//!
//! The tests live in `tests/gui/` by topic; the steps they share are here, and the planner's
//! harness is `common::gui`'s.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

#[path = "gui/bill.rs"]
mod bill;
#[path = "gui/cache_writes.rs"]
mod cache_writes;
#[path = "gui/editing.rs"]
mod editing;
#[path = "gui/energy.rs"]
mod energy;
#[path = "gui/files.rs"]
mod files;
#[path = "gui/frontier.rs"]
mod frontier;
#[path = "gui/models.rs"]
mod models;
#[path = "gui/portfolio.rs"]
mod portfolio;
#[path = "gui/views.rs"]
mod views;
#[path = "gui/whatif.rs"]
mod whatif;

use common::gui::{App, GuiHarness, example};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use inference_roi::model::Scenario;

/// Example `index` with its energy and carbon figures taken out, as a scenario written before
/// them.
fn without_energy(index: usize) -> Scenario {
    let mut scenario = example(index);
    scenario.carbon = None;
    for design in &mut scenario.designs {
        design.serving.clear_energy();
        design.grid_g_per_kwh = None;
        design.pue = None;
        design
            .sources
            .retain(|s| !s.what.contains(" power:") && !s.what.starts_with("Energy:"));
    }
    scenario
}

/// The planner on bundled example 0 (the support assistant), 1,440×900.
fn harness() -> App {
    GuiHarness::builder().build()
}

/// Replaces the text of the field labelled `label`, as a person would (select all, type).
fn retype(harness: &mut App, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run_ok();
    harness.key_press(Key::Tab);
    harness.run_ok();
}

/// File ▸ Price catalogue ▸ `item`, then the typed-path dialog: `path`, then `button`.
fn catalogue_menu_path(harness: &mut App, item: &str, path: &std::path::Path, button: &str) {
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Price catalogue").click();
    harness.run_ok();
    harness.get_by_label(item).click();
    harness.run_ok();
    type_path(harness, path, button);
}

/// File ▸ `item`, then the typed-path dialog (no native dialog in tests): `path`, then `button`.
fn file_menu_path(harness: &mut App, item: &str, path: &std::path::Path, button: &str) {
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label(item).click();
    harness.run_ok();
    type_path(harness, path, button);
}

/// The typed-path dialog that stands in for a native one: `path`, then `button`.
fn type_path(harness: &mut App, path: &std::path::Path, button: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("File path")
        .type_text(path.to_str().unwrap());
    harness.run_ok();
    harness.get_by_role_and_label(Role::Button, button).click();
    harness.run_ok();
}

/// File ▸ Export chart… (or Ctrl+E), then the typed path.
fn export_chart(harness: &mut App, path: &std::path::Path, menu: bool) {
    if menu {
        harness.get_by_label("File").click();
        harness.run_ok();
        harness.get_by_label_contains("Export chart…").click();
    } else {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    }
    harness.run_ok();
    type_path(harness, path, "Export");
}
