//! The desktop planner: an eframe app over the same core as the command line.
//!
//! The app keeps a [`document::Document`] (the scenario, its path and undo history) and view
//! state (selection, hidden designs, chart tab, typed text). Each frame the panels draw
//! themselves from one `ViewContext` (the document, the figures computed from it, the settings,
//! what is selected and shown) and push [`command::Command`]s; the commands are applied once
//! after the panels (`command/apply.rs`), and the derived figures (`document/compute.rs`) are
//! recomputed only when the document changes.
//!
//! Its rooms:
//! - `planner.rs`: the planner's state and the layout of one frame; `context.rs`: the context
//!   the panels draw from, and the state they keep between frames;
//! - [`document`]: the document and its undo history, the figures computed from it, autosave
//!   and recovery, the settings;
//! - [`command`]: what the user can ask for — the commands with their labels, keys and help
//!   text, applying them, the menu and status bars, the keyboard shortcuts, the Help windows;
//! - `panels`: the scenario, design, table, Over time, Use cases and What if… panels, the
//!   uncertainty controls and the volumes;
//! - `editors`: the field widgets and the editors of pricing, energy and carbon, the timeline
//!   and sources;
//! - `bill`: File ▸ Import bill… — bills read on a worker thread, assigned to designs, their
//!   months added as measured and their calibration applied;
//! - `files`: opening and saving, the unsaved-changes guard, the dialogs, the system's file
//!   dialogs and the exports;
//! - `portfolio`: a portfolio open beside the scenario — its view, its editor, opening a
//!   feature and coming back, its own undo, saving and recovery;
//! - `views`: the centre's tab row, the chart with its overlays, the comparison and
//!   presentation mode;
//! - `theme.rs` and `colors.rs`: the look; `renderer.rs`: which renderer draws the window;
//!   `run.rs`: starting the window.

pub(crate) mod bill;
mod colors;
pub mod command;
pub(crate) mod context;
pub mod document;
pub(crate) mod editors;
pub(crate) mod files;
pub(crate) mod panels;
mod planner;
pub mod portfolio;
pub mod renderer;
mod run;
mod theme;
pub(crate) mod views;

pub use crate::chart::palette;
pub use document::settings::Settings;
pub use document::{compute, recovery};
pub use planner::{APP_ID, PlannerApp, StartOptions, empty_scenario};
pub use run::run;
