//! The choices of the command line's options: output formats, chart themes and kinds, and what
//! the what-if analyses measure.

use clap::ValueEnum;

use crate::chart::render::Theme;
use crate::econ::whatif::Metric;

/// Formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// An aligned table with currency and units.
    Text,
    /// One row per design, exact decimals.
    Csv,
    /// A Markdown summary.
    Markdown,
    /// Exact figures as JSON.
    Json,
}

/// Formats of `bill`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BillFormat {
    /// Aligned text, design by design and month by month.
    Text,
    /// Exact figures as JSON.
    Json,
    /// Markdown tables, for a review document.
    Markdown,
}

/// Formats of `catalog`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CatalogFormat {
    /// Aligned text, grouped by provider.
    Text,
    /// Exact figures as JSON.
    Json,
}

/// Formats of `route`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RouteFormat {
    /// The routes and figures in words.
    Text,
    /// Exact figures as JSON.
    Json,
    /// The routed design as RON, ready to paste into the scenario's designs.
    Ron,
}

/// Formats of `sweep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SweepFormat {
    /// One row per design and volume.
    Csv,
    /// Arrays per design.
    Json,
}

/// Formats of `sensitivity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WhatIfFormat {
    /// An aligned table, largest effect first.
    Text,
    /// One row per input, exact decimals.
    Csv,
    /// Exact figures as JSON.
    Json,
}

/// Formats of `goal-seek`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeekFormat {
    /// A sentence.
    Text,
    /// Exact figures as JSON.
    Json,
}

/// Formats of `goal-seek`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GoalSeekFormat {
    /// A sentence.
    Text,
    /// The question and the answer, to paste into a review document.
    Markdown,
    /// Exact figures as JSON.
    Json,
}

/// Themes of `chart`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Dark text on white, for decks and print.
    Light,
    /// Light text on near-black.
    Dark,
}

impl From<ThemeArg> for Theme {
    fn from(arg: ThemeArg) -> Self {
        match arg {
            ThemeArg::Light => Theme::Light,
            ThemeArg::Dark => Theme::Dark,
        }
    }
}

/// What `chart` plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// ROI multiple, with the bands, break-evens and crossovers.
    Roi,
    /// Cost per inference.
    Cost,
    /// Monthly cost (solid) and monthly value (dashed).
    Money,
    /// Wh per inference, for designs with energy data.
    Energy,
    /// gCO₂e per inference, for designs with energy data and a grid intensity.
    Carbon,
    /// The Over time chart: monthly ROI, with the measured months (needs a timeline).
    Timeline,
    /// The Over time chart: cumulative net cash, payback months marked.
    TimelineCash,
    /// The Over time chart: monthly cost against the budget.
    TimelineCost,
    /// The cost–value plane at the volume: monthly value against monthly cost, the bands as
    /// diagonal stripes, the efficient frontier with each step's incremental ROI.
    Frontier,
}

/// Formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// The changes and figures in words.
    Text,
    /// Tables to paste into a review document.
    Markdown,
    /// Exact figures as JSON.
    Json,
}

/// What `sensitivity` and `goal-seek` measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricArg {
    /// Value ÷ cost.
    Roi,
    /// Value ÷ (cost + carbon cost at the scenario's carbon price).
    RoiWithCarbon,
}

impl From<MetricArg> for Metric {
    fn from(arg: MetricArg) -> Self {
        match arg {
            MetricArg::Roi => Metric::Roi,
            MetricArg::RoiWithCarbon => Metric::RoiWithCarbon,
        }
    }
}
