//! The planner's cache of what it shows: the chart's data plus what the panels derive from the
//! same scenario (messages at the fields, step notes, crossover lines). The app keeps one per
//! document state (see `follow_document`), so frames only draw.

use std::collections::HashMap;

use crate::chart::data::{ChartData, check};
use crate::econ::simulate::timeline::TimelineSimulation;
use crate::econ::timeline::TimelineFigures;
use crate::econ::use_cases::by_use_case;
use crate::econ::{EconError, UseCaseFigures};
use crate::model::Scenario;
use crate::report::{Report, dips};

/// Everything the panels show that is derived from the scenario.
pub struct Computed {
    /// The chart's data: figures, curves, problems and the designs left out.
    pub chart: ChartData,
    /// Problems by field path, for messages at the field.
    pub by_path: HashMap<String, String>,
    /// Which design to run at the current volume: the best by monthly net value, the
    /// frontier and its steps, among the designs validation lets through (a refused design's
    /// row reads "not computed", so it is never named best).
    pub choice: crate::econ::choice::Choice,
    /// Thresholds that are reached and then lost after a step.
    pub dips: Vec<crate::report::Dip>,
    /// Per design, its use cases' figures at the current volume (`None` where the design's
    /// figures could not be computed): the Use cases tab.
    pub use_cases: Vec<Option<Vec<UseCaseFigures>>>,
    /// Per design, its energy and carbon figures at the current volume (`None` without energy
    /// data): the table's energy columns.
    pub energy: Vec<Option<crate::econ::energy::Energy>>,
    /// The timeline's months and measured months (`None` without a timeline): the Over time tab.
    pub timeline: Option<Result<TimelineFigures, EconError>>,
    /// With inputs written as ranges, the timeline simulated ([`TIMELINE_SAMPLES`] samples,
    /// seed 1): the cash view's P10–P90 bands.
    pub timeline_simulation: Option<TimelineSimulation>,
    /// The scenario with its current volume left out: what the curves, thresholds and
    /// crossovers depend on. When only the current volume changes (a slider drag), they are
    /// kept and only the point metrics are recomputed.
    shape: Scenario,
}

/// Every design's energy figures at the chart's current volume.
fn energy(scenario: &Scenario, chart: &ChartData) -> Vec<Option<crate::econ::energy::Energy>> {
    scenario
        .designs
        .iter()
        .zip(&chart.analysis.designs)
        .map(|(design, figures)| {
            let figures = figures.as_ref().ok()?;
            crate::report::energy::figures(scenario, design, &figures.metrics)
        })
        .collect()
}

/// Which design to run, leaving out the designs validation refuses.
fn choice(chart: &ChartData) -> crate::econ::choice::Choice {
    let mut metrics = chart.analysis.metrics();
    for (m, excluded) in metrics.iter_mut().zip(&chart.excluded) {
        if excluded.is_some() {
            *m = None;
        }
    }
    crate::econ::choice::choose(&metrics)
}

/// Every design's use-case figures at the chart's current volume.
fn use_cases(scenario: &Scenario, chart: &ChartData) -> Vec<Option<Vec<UseCaseFigures>>> {
    scenario
        .designs
        .iter()
        .zip(&chart.analysis.designs)
        .map(|(design, figures)| {
            let figures = figures.as_ref().ok()?;
            by_use_case(scenario, design, &figures.metrics).ok()
        })
        .collect()
}

/// Samples of the timeline's simulation in the planner: enough for steady P10–P90 bands, few
/// enough to stay within a frame for a two-year timeline of a few designs.
pub const TIMELINE_SAMPLES: usize = 1_000;

/// The simulated timeline, when the scenario has one and inputs written as ranges.
fn timeline_simulation(scenario: &Scenario) -> Option<TimelineSimulation> {
    if scenario.ranges.is_empty() {
        return None;
    }
    crate::econ::simulate::timeline::simulate_timeline(scenario, TIMELINE_SAMPLES, 1)
        .ok()
        .flatten()
}

/// The scenario without its current volume.
fn shape_of(scenario: &Scenario) -> Scenario {
    let mut shape = scenario.clone();
    shape.volume.current = 0;
    shape
}

fn by_path(chart: &ChartData) -> HashMap<String, String> {
    chart
        .problems
        .iter()
        .map(|p| (p.path.clone(), p.message.clone()))
        .collect()
}

impl Computed {
    /// Runs validation and the engine over a scenario.
    pub fn new(scenario: &Scenario) -> Self {
        let chart = ChartData::new(scenario);
        let report = Report {
            scenario,
            analysis: chart.analysis.clone(),
        };
        Computed {
            by_path: by_path(&chart),
            choice: choice(&chart),
            dips: dips(&report),
            use_cases: use_cases(scenario, &chart),
            energy: energy(scenario, &chart),
            timeline: crate::econ::timeline::timeline(scenario),
            timeline_simulation: timeline_simulation(scenario),
            chart,
            shape: shape_of(scenario),
        }
    }

    /// Brings the results up to date with `scenario`. When only the current volume changed
    /// (a slider drag) the curves, thresholds and crossovers are kept and only the point
    /// metrics and the validation are redone.
    pub fn refresh(&mut self, scenario: &Scenario) {
        if self.shape != shape_of(scenario) || !self.chart.move_to(scenario.volume.current) {
            *self = Self::new(scenario);
            return;
        }
        (self.chart.problems, self.chart.excluded) = check(scenario);
        self.by_path = by_path(&self.chart);
        self.choice = choice(&self.chart);
        self.use_cases = use_cases(scenario, &self.chart);
        self.energy = energy(scenario, &self.chart);
        // Month 1 is the current volume: the timeline moves with it.
        self.timeline = crate::econ::timeline::timeline(scenario);
        self.timeline_simulation = timeline_simulation(scenario);
    }
}
