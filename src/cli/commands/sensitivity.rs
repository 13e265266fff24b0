//! `inference-roi sensitivity`: what moves a design's ROI (or ROI with carbon), each input swung
//! down and up, largest effect first.

use std::path::PathBuf;

use rust_decimal::Decimal;

use crate::cli::load::load_valid;
use crate::cli::values::{decimal_arg, find_design, find_design_for};
use crate::cli::{Failure, MetricArg, WhatIfFormat};
use crate::econ::whatif;
use crate::report;

/// The arguments of `sensitivity`.
#[derive(Debug, clap::Args)]
pub struct SensitivityArgs {
    /// The scenario file (.ron).
    pub file: PathBuf,
    /// The design, by name.
    #[arg(long)]
    pub design: String,
    /// How far each input is swung down and up, in %.
    #[arg(long, default_value = "20")]
    pub swing: String,
    /// What the swings move: the ROI, or the ROI with carbon (energy and carbon inputs too).
    #[arg(long, value_enum, default_value_t = MetricArg::Roi)]
    pub metric: MetricArg,
    /// Swing the incremental ROI of the upgrade from this design (by name) to --design instead.
    #[arg(long, value_name = "DESIGN", conflicts_with = "metric")]
    pub upgrade_from: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = WhatIfFormat::Text)]
    pub format: WhatIfFormat,
}

/// `sensitivity`: the tornado of one design.
pub(in crate::cli) fn run(args: &SensitivityArgs) -> Result<String, Failure> {
    let scenario = load_valid(&args.file)?;
    let index = find_design(&scenario, &args.design)?;
    let range = "above 0 and at most 100 (%)";
    let swing = decimal_arg("--swing", &args.swing, range)?;
    if swing <= Decimal::ZERO || swing > Decimal::ONE_HUNDRED {
        return Err(Failure::command(format!(
            "--swing must be {range}, got {swing}"
        )));
    }
    let metric = match &args.upgrade_from {
        Some(name) => whatif::Metric::IncrementalRoi {
            from: find_design_for(&scenario, "--upgrade-from", name)?,
        },
        None => args.metric.into(),
    };
    let result = whatif::sensitivity_for(&scenario, index, swing, metric)
        .map_err(|e| Failure::file(format!("{}: {e}", args.file.display())))?;
    Ok(match args.format {
        WhatIfFormat::Text => report::whatif::sensitivity_text(&scenario, &result),
        WhatIfFormat::Csv => report::whatif::sensitivity_csv(&scenario, &result),
        WhatIfFormat::Json => report::whatif::sensitivity_json(&scenario, &result),
    })
}
