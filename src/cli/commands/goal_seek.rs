//! `inference-roi goal-seek`: what one input of a design would have to be for the design to reach
//! a target ROI multiple (or ROI with carbon), or for the upgrade to it from another design to
//! reach a target incremental ROI (`--upgrade-from`: "what success rate makes it pay?").

use std::path::PathBuf;

use rust_decimal::Decimal;

use crate::cli::load::load_valid;
use crate::cli::values::{decimal_arg, find_design, find_design_for};
use crate::cli::{Failure, GoalSeekFormat, MetricArg};
use crate::econ::whatif;
use crate::report;

/// The arguments of `goal-seek`.
#[derive(Debug, clap::Args)]
pub struct GoalSeekArgs {
    /// The scenario file (.ron).
    pub file: PathBuf,
    /// The design, by name.
    #[arg(long)]
    pub design: String,
    /// The input to solve for (its path within the design).
    #[arg(
        long,
        help = "The input to solve for, e.g. serving.input_price_per_mtok, serving.price_per_hour, \
                success_rate, use_cases[0].value_per_success, serving.escalation_rate, volume"
    )]
    pub input: String,
    /// The ROI multiple to reach (1, 3, 10 or any other above 0); with --upgrade-from, the
    /// incremental ROI (1 for "pays").
    #[arg(long)]
    pub target: String,
    /// Which multiple to reach: the ROI, or the ROI with carbon (energy and carbon inputs too).
    #[arg(long, value_enum, default_value_t = MetricArg::Roi)]
    pub metric: MetricArg,
    /// Reach the incremental ROI of the upgrade from this design (by name) to --design instead:
    /// extra monthly value ÷ extra monthly cost at the current volume.
    #[arg(long, value_name = "DESIGN", conflicts_with = "metric")]
    pub upgrade_from: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GoalSeekFormat::Text)]
    pub format: GoalSeekFormat,
}

/// `goal-seek`: the value of one input that reaches a target ROI.
pub(in crate::cli) fn run(args: &GoalSeekArgs) -> Result<String, Failure> {
    let scenario = load_valid(&args.file)?;
    let index = find_design(&scenario, &args.design)?;
    let metric = match &args.upgrade_from {
        Some(name) => whatif::Metric::IncrementalRoi {
            from: find_design_for(&scenario, "--upgrade-from", name)?,
        },
        None => whatif::Metric::from(args.metric),
    };
    if metric == (whatif::Metric::IncrementalRoi { from: index }) {
        return Err(Failure::command(format!(
            "--upgrade-from {:?} is --design itself: name the design upgraded from",
            scenario.designs[index].name
        )));
    }
    let input = whatif::find_input_for(&scenario, index, &args.input, metric)
        .map_err(|e| Failure::command(e.to_string()))?;
    let range = "above 0 (an ROI multiple)";
    let target = decimal_arg("--target", &args.target, range)?;
    if target <= Decimal::ZERO {
        return Err(Failure::command(format!(
            "--target must be {range}, got {target}"
        )));
    }
    let seek = whatif::goal_seek_for(&scenario, index, &input, target, metric)
        .map_err(|e| Failure::file(format!("{}: {e}", args.file.display())))?;
    let goal = report::whatif::Goal { target, metric };
    Ok(match args.format {
        GoalSeekFormat::Text => report::whatif::seek_text(&scenario, index, &input, goal, &seek),
        GoalSeekFormat::Markdown => {
            report::whatif::seek_markdown(&scenario, index, &input, goal, &seek)
        }
        GoalSeekFormat::Json => report::whatif::seek_json(&scenario, index, &input, goal, &seek),
    })
}
