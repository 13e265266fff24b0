//! Intents collected from the panels during a frame and applied once after them, and the
//! commands the menus name: each `Named` command carries its label, its keys and its help
//! text in one place, which the menus, the shortcut handling and Help's shortcut table read.

mod apply;
pub(crate) mod help;
mod menus;
pub(crate) mod shortcuts;

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::app::portfolio::PortfolioCommand;
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
    /// Update the price map from the file at the path (kept in the data folder), or ask for one.
    UpdatePriceMap(Option<PathBuf>),
    /// Go back to the bundled price map.
    ResetPriceMap,
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
    /// Show the Frontier tab (the cost–value plane at the current volume).
    ShowFrontier,
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
    /// Import FOCUS bills (added to the import shown); `None` asks for a file.
    ImportBill(Option<Vec<PathBuf>>),
    /// Read the team's request counts for the import; `None` asks for a file.
    BillRequests(Option<PathBuf>),
    /// Keep View ▸ Renderer for the next start.
    SetRenderer(crate::app::renderer::Preference),
    /// Something done to the open portfolio (or to open one).
    Portfolio(crate::app::portfolio::PortfolioCommand),
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

/// A command as the menus, the keyboard and Help's shortcut table know it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Named {
    /// The command it issues.
    pub(crate) command: fn() -> Command,
    /// Its menu entry.
    pub(crate) label: &'static str,
    /// Its keys (several where more than one combination does it; the first is shown in menus).
    pub(crate) keys: &'static [KeyboardShortcut],
    /// What it does, in Help's shortcut table.
    pub(crate) help: &'static str,
    /// The menu entry's tooltip.
    pub(crate) tip: Option<&'static str>,
}

impl Named {
    /// A command with a label only.
    const fn new(command: fn() -> Command, label: &'static str) -> Self {
        Named {
            command,
            label,
            keys: &[],
            help: label,
            tip: None,
        }
    }

    /// With keys and what they do in Help's shortcut table.
    const fn keys(self, keys: &'static [KeyboardShortcut], help: &'static str) -> Self {
        Named { keys, help, ..self }
    }

    /// With a tooltip on its menu entry.
    const fn tip(self, tip: &'static str) -> Self {
        Named {
            tip: Some(tip),
            ..self
        }
    }
}

const fn keys(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const SHIFT_COMMAND: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

/// File ▸ New.
pub(crate) const NEW: Named =
    Named::new(|| Command::New, "New").keys(&[keys(Modifiers::COMMAND, Key::N)], "New scenario");
/// File ▸ Open….
pub(crate) const OPEN: Named =
    Named::new(|| Command::Open(None), "Open…").keys(&[keys(Modifiers::COMMAND, Key::O)], "Open…");
/// File ▸ Save.
pub(crate) const SAVE: Named =
    Named::new(|| Command::Save, "Save").keys(&[keys(Modifiers::COMMAND, Key::S)], "Save");
/// File ▸ Save As….
pub(crate) const SAVE_AS: Named = Named::new(|| Command::SaveAs(None), "Save As…")
    .keys(&[keys(SHIFT_COMMAND, Key::S)], "Save As…");
/// File ▸ Compare with….
pub(crate) const COMPARE_WITH: Named = Named::new(|| Command::CompareWith(None), "Compare with…")
    .tip(
        "Another version of this scenario: its curves dashed under \
         these, what changed and why each ROI moved",
    );
/// File ▸ Compare with saved.
pub(crate) const COMPARE_WITH_SAVED: Named =
    Named::new(|| Command::CompareWithSaved, "Compare with saved")
        .tip("The unsaved edits against the file on disk");
/// File ▸ Clear comparison.
pub(crate) const CLEAR_COMPARISON: Named =
    Named::new(|| Command::ClearComparison, "Clear comparison");
/// File ▸ Export table….
pub(crate) const EXPORT_TABLE: Named = Named::new(|| Command::ExportTable(None), "Export table…")
    .tip("The comparison table as .csv or .md");
/// File ▸ Export chart….
pub(crate) const EXPORT_CHART: Named = Named::new(|| Command::ExportChart(None), "Export chart…")
    .keys(
        &[keys(Modifiers::COMMAND, Key::E)],
        "Export the chart (PNG or SVG)",
    )
    .tip("The chart as shown: PNG at 2× pixel density, or SVG");
/// File ▸ Export review pack….
pub(crate) const EXPORT_PACK: Named = Named::new(|| Command::ExportPack(None), "Export review pack…").tip(
    "One HTML file for a review: the answer, the charts, the table, what moves the best design's ROI, the \
     assumptions and the method; it opens anywhere and prints to PDF",
);
/// File ▸ Import bill….
pub(crate) const IMPORT_BILL: Named = Named::new(|| Command::ImportBill(None), "Import bill…").tip(
    "Read FOCUS cost-and-usage exports (CSV or .csv.gz): what each design's rows cost month by month, \
     the measured months to add, and the figures the bill would calibrate",
);
/// File ▸ Price catalogue ▸ Your own catalogue….
pub(crate) const CHOOSE_CATALOG: Named = Named::new(|| Command::ChooseCatalog, "Your own catalogue…")
    .tip("Use your own catalogue of dated prices (negotiated prices, other regions) in place of our checked one");
/// File ▸ Price catalogue ▸ Update from a price-map file….
pub(crate) const UPDATE_PRICE_MAP: Named = Named::new(
    || Command::UpdatePriceMap(None),
    "Update from a price-map file…",
)
.tip(
    "Read a newer model_prices_and_context_window.json (LiteLLM's price map) you downloaded: see what \
     changed and the designs it touches, and keep it for the next runs",
);
/// File ▸ Price catalogue ▸ Back to the bundled price map.
pub(crate) const RESET_PRICE_MAP: Named =
    Named::new(|| Command::ResetPriceMap, "Back to the bundled price map");
/// File ▸ Use the bundled price catalogue.
pub(crate) const BUNDLED_CATALOG: Named = Named::new(
    || Command::UseCatalog(None),
    "Use the bundled price catalogue",
);
/// File ▸ Open portfolio….
pub(crate) const OPEN_PORTFOLIO: Named = Named::new(
    || Command::Portfolio(PortfolioCommand::Open(None)),
    "Open portfolio…",
)
.tip(
    "A portfolio file: every AI feature of the organisation on one page, with teams, currencies and \
     the budget month",
);
/// File ▸ Open folder as portfolio….
pub(crate) const OPEN_PORTFOLIO_FOLDER: Named = Named::new(
    || Command::Portfolio(PortfolioCommand::OpenFolder(None)),
    "Open folder as portfolio…",
)
.tip("Every scenario in a folder as one portfolio, with no teams (Save writes it as a portfolio file)");
/// File ▸ Close portfolio.
pub(crate) const CLOSE_PORTFOLIO: Named = Named::new(
    || Command::Portfolio(PortfolioCommand::Close),
    "Close portfolio",
);
/// File ▸ Quit.
pub(crate) const QUIT: Named =
    Named::new(|| Command::Quit, "Quit").keys(&[keys(Modifiers::COMMAND, Key::Q)], "Quit");
/// Edit ▸ Undo.
pub(crate) const UNDO: Named =
    Named::new(|| Command::Undo, "Undo").keys(&[keys(Modifiers::COMMAND, Key::Z)], "Undo");
/// Edit ▸ Redo.
pub(crate) const REDO: Named = Named::new(|| Command::Redo, "Redo").keys(
    &[
        keys(SHIFT_COMMAND, Key::Z),
        keys(Modifiers::COMMAND, Key::Y),
    ],
    "Redo",
);
/// View ▸ Present.
pub(crate) const PRESENT: Named = Named::new(|| Command::TogglePresent, "Present").keys(
    &[keys(Modifiers::NONE, Key::F11)],
    "Present the chart (Esc leaves)",
);

/// Every command with keys, in the order they are matched and listed in Help. Longer
/// combinations come first, so that Ctrl+Shift+S is not also taken as Ctrl+S.
pub(crate) const SHORTCUTS: [Named; 9] = [
    SAVE_AS,
    REDO,
    NEW,
    OPEN,
    SAVE,
    UNDO,
    QUIT,
    EXPORT_CHART,
    PRESENT,
];
