//! `inference-roi report`: every design compared at one monthly volume.

use std::path::PathBuf;

use crate::cli::load::load_valid;
use crate::cli::values::{check_volume, parse_volume};
use crate::cli::{Failure, ReportFormat};
use crate::report::{self, Report};

/// The arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The scenario file (.ron).
    pub file: PathBuf,
    /// Requests per month (default: the scenario's current volume); `1e9` and `1_000_000` as in
    /// files.
    #[arg(long, value_parser = parse_volume)]
    pub volume: Option<u64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// `report`: the table of every design at the volume, in words, CSV, Markdown or JSON.
pub(in crate::cli) fn run(args: &ReportArgs) -> Result<String, Failure> {
    let scenario = load_valid(&args.file)?;
    let volume = args.volume.unwrap_or(scenario.volume.current);
    let report = Report::new(&scenario, check_volume(volume)?);
    Ok(match args.format {
        ReportFormat::Text => report::report_text(&report, report::today()),
        ReportFormat::Csv => report::report_csv(&report),
        ReportFormat::Markdown => report::report_markdown(&report, report::today()),
        ReportFormat::Json => report::report_json(&report),
    })
}
