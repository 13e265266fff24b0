//! `inference-roi portfolio`: a portfolio of features, rolled up (`docs/method.md#portfolio`).

use std::path::{Path, PathBuf};

use crate::cli::{Failure, ReportFormat};
use crate::report::portfolio::{
    PortfolioError, Rollup, open, portfolio_csv, portfolio_json, portfolio_markdown, portfolio_text,
};

/// The arguments of `portfolio`.
#[derive(Debug, clap::Args)]
pub struct PortfolioArgs {
    /// The portfolio file (.ron, `Portfolio(…)`), or a folder: every scenario in it, no teams.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// `portfolio`: the rollup in words, CSV, JSON or Markdown. A feature that cannot be read is
/// reported beside the others and the command exits 1; a currency without a rate refuses the
/// whole portfolio (2), naming it.
pub(in crate::cli) fn run(args: &PortfolioArgs) -> Result<String, Failure> {
    let file = &args.file;
    let rollup = open(file).map_err(|e| open_failure(file, &e))?;
    let text = match args.format {
        ReportFormat::Text => portfolio_text(&rollup),
        ReportFormat::Csv => portfolio_csv(&rollup),
        ReportFormat::Json => portfolio_json(&rollup),
        ReportFormat::Markdown => portfolio_markdown(&rollup),
    };
    match problems(file, &rollup) {
        None => Ok(text),
        Some(failure) => Err(failure.with_output(text)),
    }
}

/// Why a portfolio could not be opened, with its exit code: a file that cannot be read (2), a
/// currency without a rate (2), totals out of range (1).
pub(in crate::cli) fn open_failure(file: &Path, e: &PortfolioError) -> Failure {
    match e {
        PortfolioError::Load(load) => Failure::load(file, load),
        PortfolioError::NoRate { .. } => Failure::command(format!("{}: {e}", file.display())),
        PortfolioError::Overflow => Failure::file(format!("{}: {e}", file.display())),
    }
}

/// The features that could not be counted, as a failure (exit 1) naming each; `None` when
/// every feature counted.
pub(in crate::cli) fn problems(file: &Path, rollup: &Rollup) -> Option<Failure> {
    if rollup.problems.is_empty() {
        return None;
    }
    let lines: Vec<String> = rollup
        .problems
        .iter()
        .map(|p| format!("  {}: {}", p.file, p.message))
        .collect();
    Some(Failure::file(format!(
        "{}: {} feature(s) could not be counted:\n{}",
        file.display(),
        rollup.problems.len(),
        lines.join("\n")
    )))
}
