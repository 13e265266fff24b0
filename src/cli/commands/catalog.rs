//! `inference-roi catalog`: what the price catalogue holds (our checked entries and the price
//! map in use), `catalog search WORDS` to find models in it, `catalog update FILE` to refresh
//! the price map from a newer `LiteLLM` file and `catalog reset` to go back to the bundled one.

use std::path::{Path, PathBuf};

use crate::cli::load::load_valid;
use crate::cli::{CatalogFormat, Failure};
use crate::io::catalog::bundled_catalog;
use crate::io::pricemap::{
    ActiveMap, CatalogFile, StoreError, active_price_map, affected_designs, checked_entries,
    combined, compare, read_catalog_file, reset_price_map, search, stored_map_path,
    update_price_map,
};
use crate::model::catalog::Catalog;
use crate::report::catalog::{entries_json, entries_text, summary_json, summary_text};
use crate::report::refresh::{update_json, update_text};

/// The arguments of `catalog`.
#[derive(Debug, clap::Args)]
pub struct CatalogArgs {
    /// What to do; without one, a summary of what the catalogue holds.
    #[command(subcommand)]
    pub action: Option<CatalogAction>,
    /// Output format: aligned text, or JSON with exact decimal strings.
    #[arg(long, value_enum, default_value_t = CatalogFormat::Text, global = true)]
    pub format: CatalogFormat,
    /// For this run, a price map (`LiteLLM`'s JSON) to use instead of the one in use, or a
    /// catalogue (RON, `Catalog(…)`) to use instead of the bundled `assets/catalog.ron`; told
    /// apart by content.
    #[arg(long, value_name = "FILE", global = true)]
    pub catalog: Option<PathBuf>,
}

/// What `catalog` does.
#[derive(Debug, clap::Subcommand)]
pub enum CatalogAction {
    /// Find models whose id or provider holds every word (case-insensitive; `.`, `_` and `-`
    /// read alike): `catalog search bedrock sonnet`. Our checked entries come first.
    Search {
        /// The words.
        #[arg(required = true, num_args = 1..)]
        words: Vec<String>,
    },
    /// Refresh the price map offline: read a newer `model_prices_and_context_window.json`,
    /// keep it in the data folder as the map in use, and print what changed (models added and
    /// removed, prices old → new). A file that is not a price map is refused whole.
    Update {
        /// The new price map (`LiteLLM`'s JSON).
        file: PathBuf,
        /// A scenario whose designs made from a changed or removed model are listed.
        #[arg(long, value_name = "S.ron")]
        scenario: Option<PathBuf>,
    },
    /// Go back to the bundled price map: remove the updated copy from the data folder.
    Reset,
}

/// `catalog`: the summary, the models a search finds, an update or a reset.
pub(in crate::cli) fn run(args: &CatalogArgs) -> Result<String, Failure> {
    match &args.action {
        Some(CatalogAction::Update { file, scenario }) => update(args, file, scenario.as_deref()),
        Some(CatalogAction::Reset) => reset(),
        None => {
            let (catalog, active) = sources(args.catalog.as_deref())?;
            let checked = checked_entries(&catalog);
            Ok(match args.format {
                CatalogFormat::Text => summary_text(checked.len(), &active),
                CatalogFormat::Json => summary_json(checked.len(), &active),
            })
        }
        Some(CatalogAction::Search { words }) => {
            let (catalog, active) = sources(args.catalog.as_deref())?;
            let query = words.join(" ");
            let all = combined(checked_entries(&catalog), &active.map);
            let found = search(&all, &query);
            Ok(match args.format {
                CatalogFormat::Text => entries_text(&found, &query),
                CatalogFormat::Json => entries_json(&found),
            })
        }
    }
}

/// The catalogue and the price map for this run: the bundled catalogue and the map in use,
/// either replaced by a `--catalog` file. A stored copy passed over is said on stderr.
fn sources(file: Option<&Path>) -> Result<(Catalog, ActiveMap), Failure> {
    let override_file = file
        .map(|path| read_catalog_file(path).map_err(|e| Failure::command(format!("--catalog {e}"))))
        .transpose()?;
    let catalog = match &override_file {
        Some(CatalogFile::Catalog(catalog)) => catalog.clone(),
        _ => bundled_catalog()
            .map_err(|e| Failure::command(format!("the bundled catalogue: {e}")))?,
    };
    let active = match override_file {
        Some(CatalogFile::PriceMap(map)) => *map,
        _ => active_map()?,
    };
    Ok((catalog, active))
}

/// The price map in use, warning on stderr when a broken stored copy is passed over.
fn active_map() -> Result<ActiveMap, Failure> {
    let active =
        active_price_map().map_err(|e| Failure::command(format!("the bundled price map: {e}")))?;
    if let Some(warning) = &active.warning {
        eprintln!("inference-roi: warning: {warning}");
    }
    Ok(active)
}

/// `catalog update FILE`: compare with the map in use (or `--catalog`'s), store, say what changed.
fn update(args: &CatalogArgs, file: &Path, scenario: Option<&Path>) -> Result<String, Failure> {
    // The scenario first: a wrong one stops the update before anything is stored.
    let scenario = scenario.map(load_valid).transpose()?;
    let previous = sources(args.catalog.as_deref())?.1;
    let active = update_price_map(file).map_err(|e| match e {
        StoreError::Map(_) | StoreError::Empty(_) => {
            Failure::command(format!("{}: {e}", file.display()))
        }
        other => Failure::command(other.to_string()),
    })?;
    let changes = compare(&previous.map, &active.map);
    let affected = scenario.map(|s| affected_designs(&s, &changes));
    Ok(match args.format {
        CatalogFormat::Text => update_text(&previous, &active, &changes, affected.as_deref()),
        CatalogFormat::Json => update_json(&previous, &active, &changes, affected.as_deref()),
    })
}

/// `catalog reset`: remove the stored copy.
fn reset() -> Result<String, Failure> {
    let removed = reset_price_map().map_err(|e| Failure::command(e.to_string()))?;
    let place = stored_map_path().map_or_else(String::new, |p| format!(" ({})", p.display()));
    Ok(if removed {
        format!("Removed the updated price map{place}; the bundled snapshot is in use.\n")
    } else {
        format!("There was no updated price map{place}; the bundled snapshot is in use.\n")
    })
}
