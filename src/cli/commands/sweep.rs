//! `inference-roi sweep`: every design's figures over the scenario's volume range.

use std::path::PathBuf;

use crate::cli::load::load_valid;
use crate::cli::{Failure, SweepFormat};
use crate::econ::sweep;
use crate::report::{self, SweepReport};

/// The arguments of `sweep`.
#[derive(Debug, clap::Args)]
pub struct SweepArgs {
    /// The scenario file (.ron).
    pub file: PathBuf,
    /// Number of log-spaced volumes.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(2..=100_000))]
    pub points: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SweepFormat::Csv)]
    pub format: SweepFormat,
}

/// `sweep`: ROI multiple and cost per inference at each volume, as CSV or JSON.
pub(in crate::cli) fn run(args: &SweepArgs) -> Result<String, Failure> {
    let scenario = load_valid(&args.file)?;
    let report = SweepReport {
        scenario: &scenario,
        sweep: sweep(&scenario, args.points as usize),
    };
    Ok(match args.format {
        SweepFormat::Csv => report::sweep_csv(&report),
        SweepFormat::Json => report::sweep_json(&report),
    })
}
