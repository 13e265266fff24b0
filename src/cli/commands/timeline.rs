//! `inference-roi timeline`: the months ahead and the measured months; and the Over time chart
//! that `chart --kind timeline…` draws.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::chart::Scene;
use crate::chart::timeline::{TimelineView, timeline_scene};
use crate::cli::load::load_valid;
use crate::cli::{Failure, ReportFormat};
use crate::econ::simulate::timeline::{TimelineSimulation, simulate_timeline};
use crate::econ::timeline::TimelineFigures;
use crate::model::Scenario;
use crate::report;

/// The arguments of `timeline`.
#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    /// The scenario file (.ron), with a `timeline`.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Also simulate the inputs written as Range(low, high) (the growth rate above all) with
    /// this many samples (seed 1): P10–P90 of cumulative net cash and the odds of payback.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub samples: Option<u32>,
}

/// The message for a scenario without a timeline.
fn no_timeline(file: &Path) -> Failure {
    Failure::file(format!(
        "{}: the scenario has no timeline: add `timeline: Some(Timeline(start: \"2027-01\", \
             months: 24, growth: Compound(pct_per_month: 5)))`",
        file.display()
    ))
}

/// The figures of every month; a scenario without a timeline, or whose months the engine cannot
/// compute, is the file's failure.
fn figures(file: &Path, scenario: &Scenario) -> Result<TimelineFigures, Failure> {
    crate::econ::timeline::timeline(scenario)
        .ok_or_else(|| no_timeline(file))?
        .map_err(|e| Failure::file(format!("{}: {e}", file.display())))
}

/// The months simulated from `samples` samples (seed 1), when the command asked for them with
/// `option` (`--samples`, `--bands`).
fn simulation(
    file: &Path,
    scenario: &Scenario,
    option: &str,
    samples: Option<u32>,
) -> Result<Option<TimelineSimulation>, Failure> {
    let Some(n) = samples else {
        return Ok(None);
    };
    if scenario.ranges.is_empty() {
        return Err(Failure::nothing_to_simulate(option, file));
    }
    simulate_timeline(scenario, n as usize, 1)
        .map_err(|e| Failure::simulation(file, &format!("{option} {n}"), &e))
}

/// The Over time chart of a scenario (`chart --kind timeline…`), with the simulated P10–P90 of
/// cumulative net cash from `bands` samples on the cash view.
pub(super) fn scene(
    file: &Path,
    scenario: &Scenario,
    view: TimelineView,
    bands: Option<u32>,
) -> Result<Scene, Failure> {
    let figures = figures(file, scenario)?;
    let simulation = simulation(file, scenario, "--bands", bands)?;
    Ok(timeline_scene(
        scenario,
        &figures,
        view,
        &HashSet::<String>::new(),
        simulation.as_ref(),
    ))
}

/// `timeline`: the months ahead and the measured months, in words, CSV, JSON or Markdown.
pub(in crate::cli) fn run(args: &TimelineArgs) -> Result<String, Failure> {
    let file = &args.file;
    let scenario = load_valid(file)?;
    let Some(t) = &scenario.timeline else {
        return Err(no_timeline(file));
    };
    let figures = figures(file, &scenario)?;
    let simulation = simulation(file, &scenario, "--samples", args.samples)?;
    let sim = simulation.as_ref();
    Ok(match args.format {
        ReportFormat::Text => report::timeline::timeline_text(&scenario, t, &figures, sim),
        ReportFormat::Csv => report::timeline::timeline_csv(&scenario, &figures),
        ReportFormat::Json => report::timeline::timeline_json(&scenario, t, &figures, sim),
        ReportFormat::Markdown => report::timeline::timeline_markdown(&scenario, t, &figures),
    })
}
