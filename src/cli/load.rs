//! Reading a command's scenario file: loaded (or failed with the file's name and the reason),
//! validated, its problems placed at their line.

use std::path::Path;

use super::Failure;
use crate::econ::validate;
use crate::io;
use crate::model::{Problem, Scenario, Severity};

/// Loads a scenario, or fails with the file name and the reason.
pub(super) fn load(path: &Path) -> Result<Scenario, Failure> {
    io::load(path).map_err(|e| Failure::load(path, &e))
}

/// The line of a problem's field in the file's text, where it is written there.
fn line_of(text: Option<&str>, problem: &Problem) -> Option<usize> {
    text.and_then(|t| io::ranges::line_of(t, &problem.path))
}

/// `file:line` of a problem's field in the file, or `file` where it is not written there.
pub(super) fn located(file: &Path, text: Option<&str>, problem: &Problem) -> String {
    match line_of(text, problem) {
        Some(line) => format!("{}:{line}", file.display()),
        None => file.display().to_string(),
    }
}

/// Loads and validates a scenario: errors stop here, warnings go to stderr.
pub(super) fn load_valid(path: &Path) -> Result<Scenario, Failure> {
    let scenario = load(path)?;
    let problems = validate(&scenario);
    let text = io::read_text(path).ok();
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| match line_of(text.as_deref(), p) {
            Some(line) => format!("  line {line}: {p}"),
            None => format!("  {p}"),
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
