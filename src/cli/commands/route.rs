//! `inference-roi route`: the suggested routing.

use std::path::PathBuf;

use crate::cli::load::load_valid;
use crate::cli::values::{check_volume, parse_volume};
use crate::cli::{Failure, RouteFormat};
use crate::{io, report};

/// The arguments of `route`.
#[derive(Debug, clap::Args)]
pub struct RouteArgs {
    /// The scenario file (.ron).
    pub file: PathBuf,
    /// Requests per month (default: the scenario's current volume); `1e9` and `1_000_000` as in
    /// files.
    #[arg(long, value_parser = parse_volume)]
    pub volume: Option<u64>,
    /// Output format: words, JSON, or the routed design as RON to paste into the file.
    #[arg(long, value_enum, default_value_t = RouteFormat::Text)]
    pub format: RouteFormat,
}

/// `route`: the suggested routing in words, JSON or RON.
pub(in crate::cli) fn run(args: &RouteArgs) -> Result<String, Failure> {
    let file = &args.file;
    let scenario = load_valid(file)?;
    let volume = check_volume(args.volume.unwrap_or(scenario.volume.current))?;
    let suggestion = crate::econ::suggest::suggest(&scenario, volume)
        .map_err(|e| Failure::file(format!("{}: {e}", file.display())))?;
    match args.format {
        RouteFormat::Text => Ok(report::route::route_text(&scenario, &suggestion)),
        RouteFormat::Json => Ok(report::route::route_json(&scenario, &suggestion)),
        RouteFormat::Ron => {
            io::design_to_ron(&suggestion.design).map_err(|e| Failure::file(e.to_string()))
        }
    }
}
