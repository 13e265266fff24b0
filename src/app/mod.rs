//! The desktop planner: an eframe app over the same core as the command line.
//!
//! The app keeps a [`document::Document`] (the scenario, its path and undo history) and view
//! state (selection, hidden designs, chart tab, typed text). Panels read them and push
//! [`command::Command`]s; the commands are applied once after the panels (`apply.rs`), and the
//! derived figures (`compute.rs`) are recomputed only when the document changes.
//!
//! Where things are: the planner's state and the layout of a frame (`planner.rs`); settings
//! (`settings.rs`); keyboard shortcuts (`shortcuts.rs`); the menu and status bars (`menus.rs`);
//! applying commands (`apply.rs`); file actions and the unsaved-changes guard
//! (`file_actions.rs`); exports (`export.rs`); dialogs (`dialogs.rs`); presentation mode
//! (`presentation.rs`); autosave and recovery (`recovery.rs`); the system's file dialogs
//! (`file_dialogs.rs`); one file per panel (`chart.rs`, `table.rs`, `scenario_panel.rs`,
//! `design_panel.rs`, `whatif_panel.rs`, `uncertainty.rs`) and the field widgets
//! (`widgets.rs`).

mod apply;
pub(crate) mod chart;
mod colors;
pub mod command;
mod compare;
pub mod compute;
pub(crate) mod design_panel;
mod dialogs;
pub mod document;
mod energy_editor;
mod export;
mod file_actions;
pub(crate) mod file_dialogs;
mod help;
mod menus;
mod over_time_panel;
mod planner;
mod presentation;
mod pricing_editor;
pub mod recovery;
pub(crate) mod scenario_panel;
mod settings;
mod shortcuts;
mod sources_editor;
pub(crate) mod table;
mod tabs;
mod theme;
mod timeline_editor;
pub(crate) mod uncertainty;
mod use_cases_panel;
mod volumes;
pub(crate) mod whatif_panel;
pub(crate) mod widgets;

pub use crate::chart::palette;
pub use planner::{APP_ID, PlannerApp, StartOptions, empty_scenario, run};
pub use settings::Settings;
