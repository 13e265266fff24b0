//! `inference-roi timeline`: the months ahead and the measured months.

use std::path::Path;

use super::{Failure, ReportFormat, load_valid};
use crate::chart::Scene;
use crate::chart::timeline::{TimelineView, timeline_scene};
use crate::model::Scenario;
use crate::report;

/// The message for a scenario without a timeline.
fn no_timeline(file: &Path) -> Failure {
    Failure::file(format!(
        "{}: the scenario has no timeline: add `timeline: Some(Timeline(start: \"2027-01\", \
             months: 24, growth: Compound(pct_per_month: 5)))`",
        file.display()
    ))
}

/// The Over time chart of a scenario (`chart --kind timeline…`), with the simulated P10–P90 of
/// cumulative net cash from `bands` samples on the cash view.
pub(super) fn scene(
    file: &Path,
    scenario: &Scenario,
    view: TimelineView,
    bands: Option<u32>,
) -> Result<Scene, Failure> {
    let figures = crate::econ::timeline::timeline(scenario)
        .ok_or_else(|| no_timeline(file))?
        .map_err(|e| Failure::file(format!("{}: {e}", file.display())))?;
    let simulation = match bands {
        Some(_) if scenario.ranges.is_empty() => {
            return Err(Failure::command(format!(
                "--bands: {} has no input written as Range(low, high) to simulate",
                file.display()
            )));
        }
        Some(n) => crate::econ::simulate::timeline::simulate_timeline(scenario, n as usize, 1)
            .map_err(|e| Failure::simulation(file, &format!("--bands {n}"), &e))?,
        None => None,
    };
    Ok(timeline_scene(
        scenario,
        &figures,
        view,
        &std::collections::HashSet::<String>::new(),
        simulation.as_ref(),
    ))
}

/// `timeline`: the months ahead and the measured months, in words, CSV, JSON or Markdown.
pub(super) fn run(
    file: &Path,
    format: ReportFormat,
    samples: Option<u32>,
) -> Result<String, Failure> {
    let scenario = load_valid(file)?;
    let (Some(t), Some(figures)) = (
        &scenario.timeline,
        crate::econ::timeline::timeline(&scenario),
    ) else {
        return Err(Failure::file(format!(
            "{}: the scenario has no timeline: add `timeline: Some(Timeline(start: \"2027-01\", \
                 months: 24, growth: Compound(pct_per_month: 5)))`",
            file.display()
        )));
    };
    let figures = figures.map_err(|e| Failure::file(format!("{}: {e}", file.display())))?;
    let simulation = match samples {
        Some(n) => {
            if scenario.ranges.is_empty() {
                return Err(Failure::command(format!(
                    "--samples: {} has no input written as Range(low, high) to simulate",
                    file.display()
                )));
            }
            crate::econ::simulate::timeline::simulate_timeline(&scenario, n as usize, 1)
                .map_err(|e| Failure::simulation(file, &format!("--samples {n}"), &e))?
        }
        None => None,
    };
    let sim = simulation.as_ref();
    Ok(match format {
        ReportFormat::Text => report::timeline::timeline_text(&scenario, t, &figures, sim),
        ReportFormat::Csv => report::timeline::timeline_csv(&scenario, &figures),
        ReportFormat::Json => report::timeline::timeline_json(&scenario, t, &figures, sim),
        ReportFormat::Markdown => report::timeline::timeline_markdown(&scenario, t, &figures),
    })
}
