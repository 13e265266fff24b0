//! `inference-roi diff OLD NEW`: what changed between two versions of a scenario and what it does
//! to the answer.

use std::path::{Path, PathBuf};

use crate::cli::load::load_valid;
use crate::cli::values::{check_volume, parse_volume};
use crate::cli::{DiffFormat, Failure};
use crate::econ::diff::diff;
use crate::report::diff::{DiffReport, diff_json, diff_markdown, diff_text};

/// The arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier version (.ron).
    pub old: PathBuf,
    /// The later version (.ron).
    pub new: PathBuf,
    /// Requests per month of the figures (default: the new file's current volume); `1e9` and
    /// `1_000_000` as in files.
    #[arg(long, value_parser = parse_volume)]
    pub volume: Option<u64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

/// A file's name for the report's headings, or its whole path where it has none.
fn label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// `diff`: compares the old version with the new at `--volume` (default: the new file's current
/// volume).
pub(in crate::cli) fn run(args: &DiffArgs) -> Result<String, Failure> {
    let before = load_valid(&args.old)?;
    let after = load_valid(&args.new)?;
    let volume = check_volume(args.volume.unwrap_or(after.volume.current))?;
    let compared = diff(&before, &after, volume);
    let labels = [label(&args.old), label(&args.new)];
    let report = DiffReport {
        labels: (&labels[0], &labels[1]),
        old: &before,
        new: &after,
        diff: &compared,
    };
    Ok(match args.format {
        DiffFormat::Text => diff_text(&report),
        DiffFormat::Markdown => diff_markdown(&report),
        DiffFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&diff_json(&report)).unwrap_or_default()
        ),
    })
}
