//! The editors of a scenario's parts, drawn inside the panels: the field widgets and the
//! [`widgets::Editor`] that turns a change into a command, and one file per part that needs
//! more than a row of fields — pricing, energy, the timeline and the sources.

pub(crate) mod energy;
pub(crate) mod models;
pub(crate) mod pricing;
pub(crate) mod pricing_tier;
pub(crate) mod sources;
pub(crate) mod timeline;
pub(crate) mod widgets;
