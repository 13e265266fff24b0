//! What persists between runs: the theme, recent files, the chart tab and one's own price
//! catalogue — never the scenario itself (scenarios live in their files).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::app::views::chart::ChartKind;

/// How many recent files are remembered.
pub const RECENT_LIMIT: usize = 8;

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
    /// The scenario panel (left) is shown; collapsed, it leaves the chart more room.
    pub scenario_panel: bool,
    /// The design panel (right) is shown.
    pub design_panel: bool,
    /// What the Over time tab shows: monthly ROI, cumulative net cash or monthly cost.
    pub timeline_view: crate::chart::timeline::TimelineView,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dark: true,
            recent: Vec::new(),
            tab: ChartKind::Roi,
            catalog: None,
            scenario_panel: true,
            design_panel: true,
            timeline_view: crate::chart::timeline::TimelineView::Roi,
        }
    }
}

/// Puts `path` first in the recent list (without duplicates, at most [`RECENT_LIMIT`]).
pub fn remember(recent: &mut Vec<PathBuf>, path: &Path) {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    recent.retain(|p| p != &path);
    recent.insert(0, path);
    recent.truncate(RECENT_LIMIT);
}
