//! Portfolio files (`docs/file-format.md#portfolio-files`): reading one (or making one from a
//! folder of scenarios) and loading its features.
//!
//! Each feature is read on its own, in parallel over the cores: a file that cannot be read (it is
//! missing, not a valid scenario, names a design it does not have, is a portfolio itself, or is
//! the portfolio) becomes a [`FeatureProblem`] naming it, and the others are still read. Only
//! regular files are opened, so a pipe or a device among the features cannot hold the others up.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;

use super::{LoadError, MAX_FILE_BYTES, parse, read_text, same_file, syntax_error};
use crate::model::validate::{name_key, portfolio_problems};
use crate::model::{FORMAT, Feature, Portfolio, Scenario, Severity};

/// A feature that could not be read or computed: the file as the portfolio names it, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureProblem {
    /// The feature's `file`, as written in the portfolio.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

/// Only the `format` field, read leniently first so that a newer file is named as such.
#[derive(Deserialize)]
#[serde(rename = "Portfolio")]
struct FormatProbe {
    #[serde(default)]
    format: u64,
}

/// The name of the struct a RON text starts with (`Scenario`, `Portfolio`), after white space
/// and comments; `None` when it starts otherwise (an unnamed `(`, or not RON at all).
pub fn struct_name(text: &str) -> Option<&str> {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Parses a portfolio's text (RON, format 1), refusing a scenario (with a message saying so),
/// syntax errors with their line and column, a newer format and every broken rule.
pub fn parse_portfolio(text: &str) -> Result<Portfolio, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if struct_name(text) == Some("Scenario") {
        return Err(LoadError::Kind(
            "this is a scenario, not a portfolio: a portfolio file starts with Portfolio( and \
             lists scenario files as its features (see docs/file-format.md, Portfolio files)"
                .to_owned(),
        ));
    }
    if let Ok(FormatProbe { format: found }) = ron::from_str::<FormatProbe>(text)
        && found > u64::from(FORMAT)
    {
        return Err(LoadError::NewerFormat(found));
    }
    let portfolio: Portfolio = ron::from_str(text).map_err(|e| syntax_error(&e))?;
    let problems = portfolio_problems(&portfolio);
    if problems.is_empty() {
        Ok(portfolio)
    } else {
        Err(LoadError::Limits(problems))
    }
}

/// Reads a portfolio file (at most 8 MiB, as a scenario).
pub fn load_portfolio(path: &Path) -> Result<Portfolio, LoadError> {
    parse_portfolio(&read_text(path)?)
}

/// The portfolio as RON text, written as scenario files are (struct names, four-space indent).
pub fn portfolio_to_ron(portfolio: &Portfolio) -> Result<String, super::SaveError> {
    let mut text = ron::ser::to_string_pretty(portfolio, super::pretty())
        .map_err(|e| super::SaveError::Encode(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Writes a portfolio file atomically (see [`super::write_atomically`]).
pub fn save_portfolio(portfolio: &Portfolio, path: &Path) -> Result<(), super::SaveError> {
    super::write_atomically(path, portfolio_to_ron(portfolio)?.as_bytes())
}

/// Whether `path` is a regular file whose text starts `Portfolio(` (after white space and
/// comments); false for anything that cannot be read. Only its first 64 KiB are read.
pub fn is_portfolio_file(path: &Path) -> bool {
    path.is_file() && head(path).is_some_and(|text| struct_name(&text) == Some("Portfolio"))
}

/// The first bytes of a file, enough to see what it starts with.
fn head(path: &Path) -> Option<String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(64 * 1024)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// A portfolio of every scenario in a folder: each `*.ron` file that is not itself a portfolio,
/// in name order, with no teams and no rates; its title is the folder's name. The currency is
/// left empty: the caller takes that of the first scenario (in name order) that reads, and a
/// scenario in another currency is then refused for want of a rate.
pub fn portfolio_from_folder(dir: &Path) -> Result<Portfolio, LoadError> {
    let read_error = |source| LoadError::Read {
        path: dir.to_owned(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_error)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron") && p.is_file())
        .filter(|p| head(p).is_none_or(|text| struct_name(&text) != Some("Portfolio")))
        .collect();
    files.sort();
    let limit = crate::model::validate::MAX_FEATURES;
    if files.len() > limit {
        return Err(LoadError::Kind(format!(
            "the folder holds {} scenario files; a portfolio lists at most {limit}",
            files.len()
        )));
    }
    let title = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    Ok(Portfolio {
        format: FORMAT,
        title: title
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect(),
        currency: String::new(),
        budget_monthly: None,
        features: files
            .iter()
            .filter_map(|p| p.file_name())
            .map(|name| Feature {
                file: name.to_string_lossy().into_owned(),
                team: None,
                design: None,
            })
            .collect(),
        rates: Vec::new(),
    })
}

/// One feature's scenario, read and checked: valid, and holding the design the portfolio names.
fn read_feature(base: &Path, itself: Option<&Path>, feature: &Feature) -> Result<Scenario, String> {
    let path = base.join(&feature.file);
    if itself.is_some_and(|me| same_file(&path, me)) {
        return Err(
            "is the portfolio itself: a portfolio lists scenario files, not itself".to_owned(),
        );
    }
    let metadata =
        std::fs::metadata(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !metadata.is_file() {
        return Err(format!("{} is not a regular file", path.display()));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(metadata.len()).to_string());
    }
    let text = read_text(&path).map_err(|e| e.to_string())?;
    if struct_name(&text) == Some("Portfolio") {
        return Err("is a portfolio, not a scenario: portfolios do not nest; list its scenario files instead"
            .to_owned());
    }
    let scenario = parse(&text).map_err(|e| e.to_string())?;
    let errors: Vec<String> = crate::econ::validate(&scenario)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    if !errors.is_empty() {
        return Err(format!("the scenario is not valid: {}", errors.join("; ")));
    }
    if let Some(design) = &feature.design
        && !scenario
            .designs
            .iter()
            .any(|d| name_key(&d.name) == name_key(design))
    {
        let names: Vec<String> = scenario
            .designs
            .iter()
            .map(|d| format!("{:?}", d.name))
            .collect();
        return Err(format!(
            "the portfolio runs the design {design:?}, which the scenario does not have (it has {})",
            names.join(", ")
        ));
    }
    Ok(scenario)
}

/// Reads every feature of `portfolio` (paths relative to `base`, the portfolio file's folder)
/// and computes each with `compute`, in parallel over at most as many threads as cores: each
/// feature's result in the portfolio's order, or the problem that stopped it. `itself` is the
/// portfolio file, which a feature may not be. A panic while reading or computing one feature
/// becomes its problem.
pub fn load_features<T: Send>(
    portfolio: &Portfolio,
    base: &Path,
    itself: Option<&Path>,
    compute: impl Fn(&Feature, Scenario) -> Result<T, String> + Sync,
) -> Vec<Result<T, FeatureProblem>> {
    let features = &portfolio.features;
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(features.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let one = |feature: &Feature| -> Result<T, String> {
        let scenario = read_feature(base, itself, feature)?;
        compute(feature, scenario)
    };
    let mut slots: Vec<Option<Result<T, String>>> = std::iter::repeat_with(|| None)
        .take(features.len())
        .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(feature) = features.get(i) else {
                            break;
                        };
                        let result =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| one(feature)))
                                .unwrap_or_else(|_| {
                                    Err(
                                "could not be computed: an internal error (please report it)"
                                    .to_owned(),
                            )
                                });
                        done.push((i, result));
                    }
                    done
                })
            })
            .collect();
        for handle in handles {
            for (i, result) in handle.join().unwrap_or_default() {
                slots[i] = Some(result);
            }
        }
    });
    slots
        .into_iter()
        .zip(features)
        .map(|(slot, feature)| {
            slot.unwrap_or_else(|| {
                Err("could not be read: an internal error (please report it)".to_owned())
            })
            .map_err(|message| FeatureProblem {
                file: feature.file.clone(),
                message,
            })
        })
        .collect()
}
