//! `inference-roi check`: every problem of a file, each with its field path and line.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::cli::Failure;
use crate::cli::load::{load, located};
use crate::econ::validate;
use crate::io;
use crate::model::Severity;

/// The arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The scenario file (.ron).
    pub file: PathBuf,
}

/// `check`: every problem of a file, exit 1 when it is not a valid scenario.
pub(in crate::cli) fn run(args: &CheckArgs) -> Result<String, Failure> {
    let file = args.file.as_path();
    // For `check`, a file that cannot be read or parsed is simply not valid: exit 1.
    let scenario = load(file).map_err(|f| Failure::file(f.message))?;
    let problems = validate(&scenario);
    let text = io::read_text(file).ok();
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let mut out = String::new();
    for problem in &problems {
        let kind = if problem.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        let at = located(file, text.as_deref(), problem);
        let _ = writeln!(out, "{at}: {kind}: {problem}");
    }
    if errors > 0 {
        return Err(Failure::file(format!(
            "{out}{}: {errors} error(s)",
            file.display()
        )));
    }
    let _ = writeln!(
        out,
        "{}: valid ({} designs, {} use cases{})",
        file.display(),
        scenario.designs.len(),
        scenario.use_cases.len(),
        if problems.is_empty() {
            String::new()
        } else {
            format!(", {} warning(s)", problems.len())
        }
    );
    Ok(out)
}
