//! Intents collected from the panels during a frame and applied once after them.

mod apply;
pub(crate) mod help;
mod menus;
pub(crate) mod shortcuts;

use std::path::PathBuf;

use crate::app::views::chart::ChartKind;
use crate::model::Scenario;

/// Something the user asked for. Panels push these; the app applies them after drawing.
#[derive(Debug, Clone)]
pub enum Command {
    /// Replace the scenario. `key` merges a run of changes from one interaction into one undo
    /// step; `path` is the field edited, whose validation errors refuse the change.
    Edit {
        /// The interaction (widget) making the change.
        key: egui::Id,
        /// The field path, e.g. `designs[1].serving.target_utilization`.
        path: Option<String>,
        /// The changed scenario.
        scenario: Scenario,
    },
    /// Replace the scenario as a single undo step (add, delete, reorder, …), then select a design.
    Restructure {
        /// The changed scenario.
        scenario: Scenario,
        /// The design to select afterwards.
        select: Option<usize>,
    },
    /// Start a new scenario (asks first when there are unsaved changes).
    New,
    /// Open a file; `None` shows the file dialog.
    Open(Option<PathBuf>),
    /// Open a bundled example by index.
    OpenExample(usize),
    /// Open a file now, without asking about unsaved changes (that was asked before the path
    /// was chosen).
    Load(PathBuf),
    /// Save to the current path (or ask for one).
    Save,
    /// Save under a new path; `None` shows the file dialog.
    SaveAs(Option<PathBuf>),
    /// Close the app (asks first when there are unsaved changes).
    Quit,
    /// The answer to "Unsaved changes" for the action that asked.
    Unsaved(UnsavedChoice),
    /// Restore the recovery copy (true) or discard it (false).
    Restore(bool),
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Select a design for the editor.
    Select(usize),
    /// Show or hide a design on the chart.
    ToggleVisible(String),
    /// Copy the comparison table to the clipboard.
    CopyTable(TableFormat),
    /// Write the comparison table to a `.csv` or `.md` file; `None` asks where.
    ExportTable(Option<PathBuf>),
    /// Export the chart as shown (PNG at 2× or SVG) to the path, or ask for one.
    ExportChart(Option<PathBuf>),
    /// Choose a price catalogue file for the presets.
    ChooseCatalog,
    /// Use the price catalogue at the path, or the bundled one (`None`).
    UseCatalog(Option<PathBuf>),
    /// Show a chart tab.
    ShowChart(ChartKind),
    /// Show the What if… tab.
    ShowWhatIf,
    /// Open Help ▸ The metrics at one metric (an index into the report's metric labels).
    ShowMetric(usize),
    /// Show the Over time tab, in one of its views.
    ShowTimeline(crate::chart::timeline::TimelineView),
    /// Show the Use cases tab (which use cases are worth AI, on which design).
    ShowUseCases,
    /// Suggest a routing at the current volume (shown in the Use cases tab).
    SuggestRouting,
    /// Add a design (the suggested routed design) as one undo step, and select it.
    AddDesign(Box<crate::model::Design>),
    /// Enter or leave presentation mode (F11; Esc leaves).
    TogglePresent,
    /// Switch between the light and dark theme.
    ToggleTheme,
    /// Show or collapse a side panel.
    TogglePanel(Side),
    /// Compare the document with another version of it: the file at the path, or ask for one.
    CompareWith(Option<PathBuf>),
    /// Compare the document with its file on disk (the unsaved edits against the saved file).
    CompareWithSaved,
    /// Stop comparing.
    ClearComparison,
    /// Write the review pack (one HTML file) to the path, or ask for one.
    ExportPack(Option<PathBuf>),
    /// Show the Changes tab of a comparison.
    ShowChanges,
}

/// Formats the comparison table is copied in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// A Markdown table (metrics down, designs across).
    Markdown,
    /// CSV, one row per design, exact decimals.
    Csv,
}

/// What to do with unsaved changes before an action that would lose them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsavedChoice {
    /// Save them, then go ahead.
    Save,
    /// Lose them and go ahead.
    Discard,
    /// Do nothing.
    Cancel,
}

/// A side panel of the planner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The scenario panel, on the left.
    Scenario,
    /// The design panel, on the right.
    Design,
}
