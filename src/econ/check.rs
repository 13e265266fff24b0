//! The whole check of a scenario: the file's own rules ([`crate::model::validate::rules`]) and
//! then what only the engine can tell, so that the model never needs the engine.

use crate::model::Scenario;
use crate::model::validate::{Problem, Severity, rules};

/// Checks a scenario and returns every problem found (errors and warnings), in file order:
/// the file's rules first, then the engine's own.
///
/// - Ranges reaching outside what their field may hold: a draw there would be a scenario the
///   file itself refuses (a PUE below 1, a price above its limit).
/// - Figures the engine would hold with too few significant digits (see [`super::precision`]):
///   only once every field is valid, since they are computed from the fields.
pub fn validate(scenario: &Scenario) -> Vec<Problem> {
    let mut problems = rules(scenario);
    let error = |(path, message): (String, String)| Problem {
        severity: Severity::Error,
        path,
        message,
    };
    problems.extend(
        super::simulate::range_problems(scenario)
            .into_iter()
            .map(error),
    );
    if !problems.iter().any(|p| p.severity == Severity::Error) {
        problems.extend(super::precision::problems(scenario).into_iter().map(error));
    }
    problems
}
