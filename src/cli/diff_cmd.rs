//! `inference-roi diff OLD NEW`: what changed between two versions of a scenario and what it does
//! to the answer.

use std::path::Path;

use super::{DiffFormat, Failure, check_volume, load_valid};
use crate::econ::diff::diff;
use crate::report::diff::{DiffReport, diff_json, diff_markdown, diff_text};

/// Compares `old` with `new` at `volume` (default: the new file's current volume).
pub(super) fn run(
    old: &Path,
    new: &Path,
    volume: Option<u64>,
    format: DiffFormat,
) -> Result<String, Failure> {
    let (before, after) = (load_valid(old)?, load_valid(new)?);
    let volume = check_volume(volume.unwrap_or(after.volume.current))?;
    let compared = diff(&before, &after, volume);
    let labels = [old, new].map(|p| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    let report = DiffReport {
        labels: (&labels[0], &labels[1]),
        old: &before,
        new: &after,
        diff: &compared,
    };
    Ok(match format {
        DiffFormat::Text => diff_text(&report),
        DiffFormat::Markdown => diff_markdown(&report),
        DiffFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&diff_json(&report)).unwrap_or_default()
        ),
    })
}
