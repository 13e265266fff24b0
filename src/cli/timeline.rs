//! `inference-roi timeline`: the months ahead and the measured months.

use std::path::Path;

use super::{Failure, ReportFormat, fail, load_valid};
use crate::report;

/// `timeline`: the months ahead and the measured months, in words, CSV, JSON or Markdown.
pub(super) fn run(file: &Path, format: ReportFormat) -> Result<String, Failure> {
    let scenario = load_valid(file)?;
    let (Some(t), Some(figures)) = (
        &scenario.timeline,
        crate::econ::timeline::timeline(&scenario),
    ) else {
        return Err(fail(
            1,
            format!(
                "{}: the scenario has no timeline: add `timeline: Some(Timeline(start: \"2027-01\", \
                 months: 24, growth: Compound(pct_per_month: 5)))`",
                file.display()
            ),
        ));
    };
    let figures = figures.map_err(|e| fail(1, format!("{}: {e}", file.display())))?;
    Ok(match format {
        ReportFormat::Text => report::timeline::timeline_text(&scenario, t, &figures),
        ReportFormat::Csv => report::timeline::timeline_csv(&scenario, &figures),
        ReportFormat::Json => report::timeline::timeline_json(&scenario, t, &figures),
        ReportFormat::Markdown => report::timeline::timeline_markdown(&scenario, t, &figures),
    })
}
