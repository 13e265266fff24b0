//! `inference-roi portfolio`: a portfolio of features, rolled up (`docs/method.md#portfolio`).

use std::path::PathBuf;

use crate::cli::{Failure, ReportFormat};
use crate::report::portfolio::{
    PortfolioError, open, portfolio_csv, portfolio_json, portfolio_markdown, portfolio_text,
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
    let rollup = open(file).map_err(|e| match &e {
        PortfolioError::Load(load) => Failure::load(file, load),
        PortfolioError::NoRate { .. } => Failure::command(format!("{}: {e}", file.display())),
        PortfolioError::Overflow => Failure::file(format!("{}: {e}", file.display())),
    })?;
    let text = match args.format {
        ReportFormat::Text => portfolio_text(&rollup),
        ReportFormat::Csv => portfolio_csv(&rollup),
        ReportFormat::Json => portfolio_json(&rollup),
        ReportFormat::Markdown => portfolio_markdown(&rollup),
    };
    if rollup.problems.is_empty() {
        return Ok(text);
    }
    let lines: Vec<String> = rollup
        .problems
        .iter()
        .map(|p| format!("  {}: {}", p.file, p.message))
        .collect();
    Err(Failure::file(format!(
        "{}: {} feature(s) could not be counted:\n{}",
        file.display(),
        rollup.problems.len(),
        lines.join("\n")
    ))
    .with_output(text))
}
