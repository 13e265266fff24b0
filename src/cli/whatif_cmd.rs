//! `inference-roi sensitivity` and `goal-seek`: what moves a design's ROI (or ROI with carbon),
//! and what one input would have to be to reach a target.

use std::path::Path;

use clap::ValueEnum;

use super::{Failure, SeekFormat, WhatIfFormat, decimal_arg, find_design, load_valid};
use crate::econ::whatif;
use crate::report;

/// What `sensitivity` and `goal-seek` measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricArg {
    /// Value ÷ cost.
    Roi,
    /// Value ÷ (cost + carbon cost at the scenario's carbon price).
    RoiWithCarbon,
}

impl From<MetricArg> for whatif::Metric {
    fn from(arg: MetricArg) -> Self {
        match arg {
            MetricArg::Roi => whatif::Metric::Roi,
            MetricArg::RoiWithCarbon => whatif::Metric::RoiWithCarbon,
        }
    }
}

/// `sensitivity`: the tornado of one design.
pub(super) fn sensitivity_file(
    file: &Path,
    design: &str,
    (swing, metric): (&str, MetricArg),
    format: WhatIfFormat,
) -> Result<String, Failure> {
    let scenario = load_valid(file)?;
    let index = find_design(&scenario, design)?;
    let range = "above 0 and at most 100 (%)";
    let swing = decimal_arg("--swing", swing, range)?;
    if swing <= rust_decimal::Decimal::ZERO || swing > rust_decimal::Decimal::ONE_HUNDRED {
        return Err(Failure::command(format!(
            "--swing must be {range}, got {swing}"
        )));
    }
    let result = whatif::sensitivity_for(&scenario, index, swing, metric.into())
        .map_err(|e| Failure::file(format!("{}: {e}", file.display())))?;
    Ok(match format {
        WhatIfFormat::Text => report::whatif::sensitivity_text(&scenario, &result),
        WhatIfFormat::Csv => report::whatif::sensitivity_csv(&scenario, &result),
        WhatIfFormat::Json => report::whatif::sensitivity_json(&scenario, &result),
    })
}

/// `goal-seek`: the value of one input that reaches a target ROI.
pub(super) fn goal_seek_file(
    file: &Path,
    design: &str,
    input: &str,
    (target, metric): (&str, MetricArg),
    format: SeekFormat,
) -> Result<String, Failure> {
    let scenario = load_valid(file)?;
    let index = find_design(&scenario, design)?;
    let metric = whatif::Metric::from(metric);
    let input = whatif::find_input_for(&scenario, index, input, metric)
        .map_err(|e| Failure::command(e.to_string()))?;
    let range = "above 0 (an ROI multiple)";
    let target = decimal_arg("--target", target, range)?;
    if target <= rust_decimal::Decimal::ZERO {
        return Err(Failure::command(format!(
            "--target must be {range}, got {target}"
        )));
    }
    let seek = whatif::goal_seek_for(&scenario, index, &input, target, metric)
        .map_err(|e| Failure::file(format!("{}: {e}", file.display())))?;
    let goal = (target, metric);
    Ok(match format {
        SeekFormat::Text => report::whatif::seek_text(&scenario, index, &input, goal, &seek),
        SeekFormat::Json => report::whatif::seek_json(&scenario, index, &input, goal, &seek),
    })
}
