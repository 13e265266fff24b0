//! The subcommands, one file each: its arguments (a `clap::Args` struct, whose doc comments are
//! its options' `--help`) and its `run`, which returns what to print or a [`Failure`].
//!
//! [`Failure`]: crate::cli::Failure

pub(super) mod bill;
pub(super) mod catalog;
pub(super) mod chart;
pub(super) mod check;
pub(super) mod completions;
pub(super) mod diff;
pub(super) mod goal_seek;
pub(super) mod manpage;
pub(super) mod pack;
pub(super) mod portfolio;
pub(super) mod report;
pub(super) mod route;
pub(super) mod sensitivity;
pub(super) mod simulate;
pub(super) mod sweep;
pub(super) mod timeline;

pub use bill::BillArgs;
pub use catalog::{CatalogAction, CatalogArgs};
pub use chart::ChartArgs;
pub use check::CheckArgs;
pub use completions::CompletionsArgs;
pub use diff::DiffArgs;
pub use goal_seek::GoalSeekArgs;
pub use pack::PackArgs;
pub use portfolio::PortfolioArgs;
pub use report::ReportArgs;
pub use route::RouteArgs;
pub use sensitivity::SensitivityArgs;
pub use simulate::SimulateArgs;
pub use sweep::SweepArgs;
pub use timeline::TimelineArgs;
