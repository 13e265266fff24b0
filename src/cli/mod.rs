//! The `inference-roi` command line: report, sweep, chart, what-if analyses and check.
//!
//! [`CliCommand`] lists the subcommands and [`run`] carries one out. Each subcommand is one file
//! under `cli/commands/`: its arguments (such as [`ReportArgs`]) and its `run`. What they share
//! sits beside this file: loading a scenario (`load.rs`), what an option's text means
//! (`values.rs`), where output goes (`output.rs`), the options' choices (`formats.rs`) and how a
//! command fails (`failure.rs`).
//!
//! Errors go to stderr, one message each, with one of two exit codes: 1 when the scenario file
//! is wrong, 2 when the command is wrong or could not be carried out; [`Exit`] says which
//! failure is which.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use crate::VERSION;

mod commands;
mod failure;
mod formats;
mod load;
mod output;
mod values;

pub use commands::{
    BillArgs, CatalogAction, CatalogArgs, ChartArgs, CheckArgs, CompletionsArgs, DiffArgs,
    GoalSeekArgs, PackArgs, PortfolioArgs, ReportArgs, RouteArgs, SensitivityArgs, SimulateArgs,
    SweepArgs, TimelineArgs,
};
pub use failure::{Exit, Failure};
pub use formats::{
    BillFormat, CatalogFormat, DiffFormat, GoalSeekFormat, KindArg, MetricArg, ReportFormat,
    RouteFormat, SeekFormat, SweepFormat, ThemeArg, WhatIfFormat,
};
pub use output::print;
pub use values::parse_volume;

/// Inference ROI Planner: is an AI feature's inference cost justified by the value it delivers?
#[derive(Debug, Parser)]
#[command(name = "inference-roi", version = VERSION, about, long_about = None)]
pub struct Cli {
    /// What to do; without one, the desktop planner opens.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
    /// A scenario file to open in the desktop planner.
    pub file: Option<PathBuf>,
    /// For the desktop planner: a price map (`LiteLLM`'s JSON) to use instead of the one in use,
    /// or a catalogue (RON, `Catalog(…)`) instead of the bundled one, for this run. The planner
    /// reads it with `io::pricemap::read_catalog_file`; subcommands take their own `--catalog`.
    #[arg(long = "catalog", id = "planner_catalog", value_name = "FILE")]
    pub catalog: Option<PathBuf>,
}

/// The subcommands. A variant's doc comment is the subcommand's `--help`; its arguments' are in
/// their struct.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Compare every design at one monthly volume.
    Report(ReportArgs),
    /// ROI multiple and cost per inference of every design over the scenario's volume range.
    Sweep(SweepArgs),
    /// Draw the chart as SVG or PNG, with no display or GPU: for decks and scripts.
    Chart(ChartArgs),
    /// Which inputs move a design's ROI: each swung down and up, largest effect first (a tornado).
    Sensitivity(SensitivityArgs),
    /// What value of one input makes a design reach a target ROI multiple.
    GoalSeek(GoalSeekArgs),
    /// Monte Carlo over the inputs written as Range(low, high): ROI bands and the odds of each band.
    Simulate(SimulateArgs),
    /// Suggest a routing: each use case to the design (or no AI) that makes the most monthly
    /// net value, with the figures against the best single design.
    Route(RouteArgs),
    /// Months over time: each month's volume and every design's figures, payback, the first
    /// month over capacity or budget, the best design per month, and the measured months.
    Timeline(TimelineArgs),
    /// What FOCUS cost-and-usage bills (CSV or .csv.gz) hold for the designs with a `billing`
    /// mapping: per design and month the cost, list cost, tokens, requests and cost per inference.
    Bill(BillArgs),
    /// Compare two versions of a scenario: every changed assumption, each design's figures
    /// before and after, and which changes explain each move in ROI. Exits 0 whether or not
    /// anything differs.
    Diff(DiffArgs),
    /// Write a review pack: one self-contained HTML file with the answer, the charts, the table,
    /// the volumes that matter, what moves the best design's ROI, the uncertainty, the
    /// assumptions and the method; it prints to PDF cleanly. Given a portfolio (a file starting
    /// `Portfolio(`, or a folder), the portfolio's pack for a governance review.
    Pack(PackArgs),
    /// A portfolio of features (scenario files): each feature's running design in the
    /// portfolio's currency, the totals (ROI = total value ÷ total cost) and the teams', what
    /// switching to each best design would gain, and the months ahead against the budget. Exits 1
    /// when a feature cannot be read (the others are still reported).
    Portfolio(PortfolioArgs),
    /// Print shell completions (bash, zsh, fish, elvish or powershell) to source or install.
    Completions(CompletionsArgs),
    /// Print the man page (roff), generated from these definitions (the packages install it).
    #[command(hide = true)]
    Manpage,
    /// What the price catalogue holds (our checked prices and the bundled `LiteLLM` price map);
    /// `catalog search WORDS` finds models in it.
    Catalog(CatalogArgs),
    /// Validate a scenario file: exit 0 when valid, 1 with every problem listed otherwise.
    Check(CheckArgs),
}

/// Runs a subcommand and returns what to print on stdout.
pub fn run(command: &CliCommand) -> Result<String, Failure> {
    match command {
        CliCommand::Report(args) => commands::report::run(args),
        CliCommand::Sweep(args) => commands::sweep::run(args),
        CliCommand::Chart(args) => commands::chart::run(args),
        CliCommand::Sensitivity(args) => commands::sensitivity::run(args),
        CliCommand::GoalSeek(args) => commands::goal_seek::run(args),
        CliCommand::Simulate(args) => commands::simulate::run(args),
        CliCommand::Route(args) => commands::route::run(args),
        CliCommand::Timeline(args) => commands::timeline::run(args),
        CliCommand::Bill(args) => commands::bill::run(args),
        CliCommand::Diff(args) => commands::diff::run(args),
        CliCommand::Pack(args) => commands::pack::run(args),
        CliCommand::Portfolio(args) => commands::portfolio::run(args),
        CliCommand::Completions(args) => commands::completions::run(args),
        CliCommand::Manpage => commands::manpage::run(),
        CliCommand::Catalog(args) => commands::catalog::run(args),
        CliCommand::Check(args) => commands::check::run(args),
    }
}
