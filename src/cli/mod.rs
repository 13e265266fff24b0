//! The `inference-roi` command line: report, sweep, chart, what-if analyses and check.
//!
//! Errors go to stderr, one message each, with one of two exit codes: 1 when the scenario file
//! is wrong, 2 when the command is wrong or could not be carried out; [`Exit`] says which
//! failure is which.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::chart;
use crate::econ::sweep;
use crate::io;
use crate::model::{Scenario, Severity, validate};
use crate::report::{self, Report, SweepReport};

pub use crate::VERSION;

/// Inference ROI Planner: is an AI feature's inference cost justified by the value it delivers?
#[derive(Debug, Parser)]
#[command(name = "inference-roi", version = VERSION, about, long_about = None)]
pub struct Cli {
    /// What to do; without one, the desktop planner opens.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
    /// A scenario file to open in the desktop planner.
    pub file: Option<PathBuf>,
}

mod chart_cmd;
mod check;
mod diff_cmd;
mod failure;
mod formats;
mod generate;
mod output;
mod pack_cmd;
mod simulate_cmd;
mod whatif_cmd;

pub use failure::{Exit, Failure};
pub use formats::{
    DiffFormat, KindArg, ReportFormat, RouteFormat, SeekFormat, SweepFormat, ThemeArg, WhatIfFormat,
};
pub use output::print;
use output::refuse_input_as_output;
pub use whatif_cmd::MetricArg;
mod route;
mod timeline;

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Compare every design at one monthly volume.
    Report {
        /// The scenario file (.ron).
        file: PathBuf,
        /// Requests per month (default: the scenario's current volume); `1e9` and `1_000_000` as in
        /// files.
        #[arg(long, value_parser = parse_volume)]
        volume: Option<u64>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// ROI multiple and cost per inference of every design over the scenario's volume range.
    Sweep {
        /// The scenario file (.ron).
        file: PathBuf,
        /// Number of log-spaced volumes.
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(2..=100_000))]
        points: u32,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SweepFormat::Csv)]
        format: SweepFormat,
    },
    /// Draw the chart as SVG or PNG, with no display or GPU: for decks and scripts.
    Chart {
        /// The scenario file (.ron).
        file: PathBuf,
        /// The image to write: .svg or .png.
        #[arg(long)]
        out: PathBuf,
        /// Width in points (pixels at --scale 1).
        #[arg(long, default_value_t = 1200)]
        width: u32,
        /// Height in points.
        #[arg(long, default_value_t = 700)]
        height: u32,
        /// Pixel density of a PNG: 2 gives a 2400×1400 image of a 1200×700 chart.
        #[arg(long, default_value_t = 1)]
        scale: u32,
        /// Colours.
        #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
        theme: ThemeArg,
        /// What to plot against monthly requests.
        #[arg(long, value_enum, default_value_t = KindArg::Roi)]
        kind: KindArg,
        /// The current volume to mark (default: the scenario's); `1e9` and `1_000_000` as in files.
        #[arg(long, value_parser = parse_volume)]
        volume: Option<u64>,
        /// Draw the simulated P10–P90 bands of the inputs written as Range(low, high) (ROI chart),
        /// from this many samples (seed 1).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        bands: Option<u32>,
    },
    /// Which inputs move a design's ROI: each swung down and up, largest effect first (a tornado).
    Sensitivity {
        /// The scenario file (.ron).
        file: PathBuf,
        /// The design, by name.
        #[arg(long)]
        design: String,
        /// How far each input is swung down and up, in %.
        #[arg(long, default_value = "20")]
        swing: String,
        /// What the swings move: the ROI, or the ROI with carbon (energy and carbon inputs too).
        #[arg(long, value_enum, default_value_t = MetricArg::Roi)]
        metric: MetricArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = WhatIfFormat::Text)]
        format: WhatIfFormat,
    },
    /// What value of one input makes a design reach a target ROI multiple.
    GoalSeek {
        /// The scenario file (.ron).
        file: PathBuf,
        /// The design, by name.
        #[arg(long)]
        design: String,
        /// The input to solve for (its path within the design).
        #[arg(
            long,
            help = "The input to solve for, e.g. serving.input_price_per_mtok, serving.price_per_hour, \
                    success_rate, use_cases[0].value_per_success, serving.escalation_rate, volume"
        )]
        input: String,
        /// The ROI multiple to reach (1, 3, 10 or any other above 0).
        #[arg(long)]
        target: String,
        /// Which multiple to reach: the ROI, or the ROI with carbon (energy and carbon inputs too).
        #[arg(long, value_enum, default_value_t = MetricArg::Roi)]
        metric: MetricArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SeekFormat::Text)]
        format: SeekFormat,
    },
    /// Monte Carlo over the inputs written as Range(low, high): ROI bands and the odds of each band.
    Simulate {
        /// The scenario file (.ron).
        file: PathBuf,
        /// Number of samples.
        #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        samples: u32,
        /// Seed of the random numbers: the same seed gives the same result.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Log-spaced volumes of the bands.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(2..=10_000))]
        points: u32,
        /// Also write every sample (its drawn inputs and each design's ROI at the current
        /// volume) to this CSV file, to audit the simulation.
        #[arg(long)]
        samples_out: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SeekFormat::Text)]
        format: SeekFormat,
    },
    /// Suggest a routing: each use case to the design (or no AI) that makes the most monthly
    /// net value, with the figures against the best single design.
    Route {
        /// The scenario file (.ron).
        file: PathBuf,
        /// Requests per month (default: the scenario's current volume); `1e9` and `1_000_000` as in
        /// files.
        #[arg(long, value_parser = parse_volume)]
        volume: Option<u64>,
        /// Output format: words, JSON, or the routed design as RON to paste into the file.
        #[arg(long, value_enum, default_value_t = RouteFormat::Text)]
        format: RouteFormat,
    },
    /// Months over time: each month's volume and every design's figures, payback, the first
    /// month over capacity or budget, the best design per month, and the measured months.
    Timeline {
        /// The scenario file (.ron), with a `timeline`.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Also simulate the inputs written as Range(low, high) (the growth rate above all) with
        /// this many samples (seed 1): P10–P90 of cumulative net cash and the odds of payback.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        samples: Option<u32>,
    },
    /// Compare two versions of a scenario: every changed assumption, each design's figures
    /// before and after, and which changes explain each move in ROI. Exits 0 whether or not
    /// anything differs.
    Diff {
        /// The earlier version (.ron).
        old: PathBuf,
        /// The later version (.ron).
        new: PathBuf,
        /// Requests per month of the figures (default: the new file's current volume); `1e9` and
        /// `1_000_000` as in files.
        #[arg(long, value_parser = parse_volume)]
        volume: Option<u64>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Write a review pack: one self-contained HTML file with the answer, the charts, the table,
    /// the volumes that matter, what moves the best design's ROI, the uncertainty, the
    /// assumptions and the method; it prints to PDF cleanly.
    Pack {
        /// The scenario file (.ron).
        file: PathBuf,
        /// Where to write the HTML.
        #[arg(long)]
        out: PathBuf,
        /// Requests per month of the figures (default: the scenario's current volume); `1e9` and
        /// `1_000_000` as in files.
        #[arg(long, value_parser = parse_volume)]
        volume: Option<u64>,
        /// The page's and charts' colours.
        #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
        theme: ThemeArg,
        /// An earlier version of the scenario: the pack adds what changed since (as `diff`).
        #[arg(long)]
        compare: Option<PathBuf>,
    },
    /// Print shell completions (bash, zsh, fish, elvish or powershell) to source or install.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from these definitions (the packages install it).
    #[command(hide = true)]
    Manpage,
    /// Validate a scenario file: exit 0 when valid, 1 with every problem listed otherwise.
    Check {
        /// The scenario file (.ron).
        file: PathBuf,
    },
}

/// Loads a scenario, or fails with the file name and the reason.
fn load(path: &Path) -> Result<Scenario, Failure> {
    io::load(path).map_err(|e| Failure::load(path, &e))
}

/// `file:line` of a problem's field in the file, or `file` where it is not written there.
fn located(file: &Path, text: Option<&str>, problem: &crate::model::Problem) -> String {
    match text.and_then(|t| io::ranges::line_of(t, &problem.path)) {
        Some(line) => format!("{}:{line}", file.display()),
        None => file.display().to_string(),
    }
}

/// Loads and validates a scenario: errors stop here, warnings go to stderr.
fn load_valid(path: &Path) -> Result<Scenario, Failure> {
    let scenario = load(path)?;
    let problems = validate(&scenario);
    let text = io::read_text(path).ok();
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| {
            match text
                .as_deref()
                .and_then(|t| io::ranges::line_of(t, &p.path))
            {
                Some(line) => format!("  line {line}: {p}"),
                None => format!("  {p}"),
            }
        })
        .collect();
    if !errors.is_empty() {
        return Err(Failure::file(format!(
            "{}: the scenario is not valid:\n{}",
            path.display(),
            errors.join("\n")
        )));
    }
    // The figures are computed all the same; the warnings are for the person, not the output.
    for warning in problems.iter().filter(|p| p.severity == Severity::Warning) {
        eprintln!(
            "{}: warning: {warning}",
            located(path, text.as_deref(), warning)
        );
    }
    Ok(scenario)
}

/// An exact decimal given on the command line (`3`, `2.5`, `20`, `1e2`), which must be `range`
/// (said in the message when the text is not a number or too large for one).
fn decimal_arg(name: &str, text: &str, range: &str) -> Result<rust_decimal::Decimal, Failure> {
    use std::str::FromStr as _;
    let plain = text.trim();
    rust_decimal::Decimal::from_str(plain)
        .or_else(|_| rust_decimal::Decimal::from_scientific(plain))
        .map_err(|_| Failure::command(format!("{name} must be a number {range}, got {text:?}")))
}

/// A design by name (exactly, or ignoring case); the error lists the designs.
fn find_design(scenario: &Scenario, name: &str) -> Result<usize, Failure> {
    let names = || {
        scenario
            .designs
            .iter()
            .map(|d| format!("{:?}", d.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    scenario
        .designs
        .iter()
        .position(|d| d.name == name)
        .or_else(|| {
            scenario
                .designs
                .iter()
                .position(|d| d.name.to_lowercase() == name.trim().to_lowercase())
        })
        .ok_or_else(|| {
            Failure::command(format!(
                "--design {name:?}: no such design; the designs are {}",
                names()
            ))
        })
}

/// A volume as files write it: `300000`, `1_000_000` or `1e9` (a whole number of requests).
pub fn parse_volume(text: &str) -> Result<u64, String> {
    use rust_decimal::prelude::ToPrimitive;
    let plain = text.trim().replace('_', "");
    let value = if plain.contains(['e', 'E']) {
        rust_decimal::Decimal::from_scientific(&plain).map_err(|_| {
            format!(
                "expected a whole number of requests such as 300000, 1_000_000 or 1e9, got {text:?}"
            )
        })?
    } else {
        plain.parse::<rust_decimal::Decimal>().map_err(|_| {
            format!(
                "expected a whole number of requests such as 300000, 1_000_000 or 1e9, got {text:?}"
            )
        })?
    };
    if !value.fract().is_zero() || value.is_sign_negative() {
        return Err(format!("expected a whole number of requests, got {text:?}"));
    }
    value
        .to_u64()
        .ok_or_else(|| format!("{text:?} is too large for a monthly volume"))
}

/// A volume given on the command line, checked against the engine's range.
fn check_volume(volume: u64) -> Result<u64, Failure> {
    if volume == 0 {
        return Err(Failure::command(
            "--volume must be at least 1 request per month, got 0",
        ));
    }
    if volume > crate::model::validate::MAX_VOLUME {
        return Err(Failure::command(format!(
            "--volume must be at most 1,000,000,000,000 requests per month, got {volume}"
        )));
    }
    Ok(volume)
}

/// Runs a subcommand and returns what to print on stdout.
pub fn run(command: &CliCommand) -> Result<String, Failure> {
    match command {
        CliCommand::Route {
            file,
            volume,
            format,
        } => route::route(file, *volume, *format),
        CliCommand::Timeline {
            file,
            format,
            samples,
        } => timeline::run(file, *format, *samples),
        CliCommand::Report {
            file,
            volume,
            format,
        } => {
            let scenario = load_valid(file)?;
            let volume = volume.unwrap_or(scenario.volume.current);
            let report = Report::new(&scenario, check_volume(volume)?);
            Ok(match format {
                ReportFormat::Text => report::report_text(&report, report::today()),
                ReportFormat::Csv => report::report_csv(&report),
                ReportFormat::Markdown => report::report_markdown(&report, report::today()),
                ReportFormat::Json => report::report_json(&report),
            })
        }
        CliCommand::Sweep {
            file,
            points,
            format,
        } => {
            let scenario = load_valid(file)?;
            let report = SweepReport {
                scenario: &scenario,
                sweep: sweep(&scenario, *points as usize),
            };
            Ok(match format {
                SweepFormat::Csv => report::sweep_csv(&report),
                SweepFormat::Json => report::sweep_json(&report),
            })
        }
        CliCommand::Chart {
            file,
            out,
            width,
            height,
            scale,
            theme,
            kind,
            volume,
            bands,
        } => {
            let options = chart::render::Options {
                width: *width,
                height: *height,
                scale: *scale,
                theme: match theme {
                    ThemeArg::Light => chart::render::Theme::Light,
                    ThemeArg::Dark => chart::render::Theme::Dark,
                },
            };
            chart_cmd::chart_file(file, out, &options, *kind, *volume, *bands)
        }
        CliCommand::Sensitivity {
            file,
            design,
            swing,
            metric,
            format,
        } => whatif_cmd::sensitivity_file(file, design, (swing, *metric), *format),
        CliCommand::GoalSeek {
            file,
            design,
            input,
            target,
            metric,
            format,
        } => whatif_cmd::goal_seek_file(file, design, input, (target, *metric), *format),
        CliCommand::Simulate {
            file,
            samples,
            seed,
            points,
            samples_out,
            format,
        } => simulate_cmd::run(
            file,
            (*samples as usize, *seed, *points as usize),
            samples_out.as_deref(),
            *format,
        ),
        CliCommand::Diff { .. }
        | CliCommand::Pack { .. }
        | CliCommand::Completions { .. }
        | CliCommand::Manpage => more(command),
        CliCommand::Check { file } => check::run(file),
    }
}

/// The commands for a review (`diff`, `pack`) and for packages (`completions`, `manpage`).
fn more(command: &CliCommand) -> Result<String, Failure> {
    match command {
        CliCommand::Diff {
            old,
            new,
            volume,
            format,
        } => diff_cmd::run(old, new, *volume, *format),
        CliCommand::Pack {
            file,
            out,
            volume,
            theme,
            compare,
        } => pack_cmd::run((file, out), *volume, *theme, compare.as_deref()),
        CliCommand::Completions { shell } => generate::completions(*shell),
        CliCommand::Manpage => generate::manpage(),
        _ => Err(Failure::command("not one of these commands")),
    }
}
