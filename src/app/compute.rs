//! Results derived from the document, computed once per change and drawn many times.

use std::collections::HashMap;

use crate::econ::sweep::{Series, log_volumes, series};
use crate::econ::{Analysis, EconError, Prepared, analyse_prepared};
use crate::model::{Problem, Scenario, Severity, validate};
use crate::report::{Report, crossover_lines, dip_notes};

/// Points per curve on the chart (log-spaced, plus every step edge inside the range).
pub const CURVE_POINTS: usize = 600;

/// Everything the panels show that is derived from the scenario.
pub struct Computed {
    /// The document revision these results belong to.
    pub revision: u64,
    /// Validation problems, errors first.
    pub problems: Vec<Problem>,
    /// Per design: the reason it is left out of the chart and table, if it is.
    pub excluded: Vec<Option<String>>,
    /// Compiled designs.
    pub prepared: Vec<Result<Prepared, EconError>>,
    /// Exact figures at the current volume and the crossovers.
    pub analysis: Analysis,
    /// Volumes of the curves.
    pub volumes: Vec<u64>,
    /// Per design: the curves (or why not).
    pub curves: Vec<Result<Series, EconError>>,
    /// Problems by field path, for messages at the field.
    pub by_path: HashMap<String, String>,
    /// Sentences about thresholds that are reached and then lost after a step.
    pub notes: Vec<String>,
    /// "A ↔ B: volumes" per pair whose ROI order changes.
    pub crossover_lines: Vec<String>,
}

impl Computed {
    /// Runs validation and the engine over a scenario.
    pub fn new(scenario: &Scenario, revision: u64) -> Self {
        let mut problems = validate(scenario);
        problems.sort_by_key(|p| std::cmp::Reverse(p.severity));
        let scenario_errors: Vec<&Problem> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error && p.design_index().is_none())
            .collect();
        let excluded: Vec<Option<String>> = (0..scenario.designs.len())
            .map(|i| {
                problems
                    .iter()
                    .find(|p| p.severity == Severity::Error && p.design_index() == Some(i))
                    .or(scenario_errors.first().copied())
                    .map(ToString::to_string)
            })
            .collect();
        let prepared: Vec<Result<Prepared, EconError>> = scenario
            .designs
            .iter()
            .map(|d| Prepared::new(scenario, d))
            .collect();
        let volume = scenario
            .volume
            .current
            .clamp(1, crate::model::validate::MAX_VOLUME);
        let analysis = analyse_prepared(scenario, &prepared, volume);
        let volumes = chart_volumes(scenario, &prepared);
        let curves = prepared
            .iter()
            .map(|p| {
                p.as_ref()
                    .map_err(Clone::clone)
                    .and_then(|p| series(p, &volumes))
            })
            .collect();
        let by_path = problems
            .iter()
            .map(|p| (p.path.clone(), p.message.clone()))
            .collect();
        let report = Report { scenario, analysis };
        let notes = dip_notes(&report);
        let crossover_lines = crossover_lines(&report);
        let analysis = report.analysis;
        Computed {
            revision,
            problems,
            excluded,
            prepared,
            analysis,
            volumes,
            curves,
            by_path,
            notes,
            crossover_lines,
        }
    }

    /// The number of errors (not warnings).
    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
}

/// Log-spaced volumes over the chart range plus, for stepped designs, the volumes on both sides
/// of each step inside the range (capped), so the saw-tooth is drawn where it really is.
fn chart_volumes(scenario: &Scenario, prepared: &[Result<Prepared, EconError>]) -> Vec<u64> {
    const MAX_STEP_POINTS: usize = 4000;
    let (min, max) = (
        scenario.volume.min.max(1),
        scenario.volume.max.max(scenario.volume.min.max(1) + 1),
    );
    let mut volumes = log_volumes(min, max, CURVE_POINTS);
    let mut steps = Vec::new();
    for p in prepared.iter().flatten() {
        for edge in p.cost.step_edges(min, max, MAX_STEP_POINTS / 2) {
            steps.push(edge);
            steps.push(edge + 1);
        }
    }
    if steps.len() <= MAX_STEP_POINTS {
        volumes.extend(steps.into_iter().filter(|v| (min..=max).contains(v)));
        volumes.sort_unstable();
        volumes.dedup();
    }
    volumes
}
