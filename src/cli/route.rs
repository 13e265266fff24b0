//! `inference-roi route`: the suggested routing.

use std::path::Path;

use super::{Failure, RouteFormat, check_volume, load_valid};
use crate::{io, report};

/// `route`: the suggested routing in words, JSON or RON.
pub(super) fn route(
    file: &Path,
    volume: Option<u64>,
    format: RouteFormat,
) -> Result<String, Failure> {
    let scenario = load_valid(file)?;
    let volume = check_volume(volume.unwrap_or(scenario.volume.current))?;
    let suggestion = crate::econ::suggest::suggest(&scenario, volume)
        .map_err(|e| Failure::file(format!("{}: {e}", file.display())))?;
    match format {
        RouteFormat::Text => Ok(report::route::route_text(&scenario, &suggestion)),
        RouteFormat::Json => Ok(report::route::route_json(&scenario, &suggestion)),
        RouteFormat::Ron => {
            io::design_to_ron(&suggestion.design).map_err(|e| Failure::file(e.to_string()))
        }
    }
}
