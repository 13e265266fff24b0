//! The centre's views: the tab row, the chart with its overlays (drawn by one function for the
//! screen, presentation mode and the export), the comparison with an earlier version, the cost–value
//! plane (Frontier), and presentation mode.

pub(crate) mod chart;
pub(crate) mod compare;
pub(crate) mod frontier;
mod presentation;
pub(crate) mod tabs;
