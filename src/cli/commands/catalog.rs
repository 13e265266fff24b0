//! `inference-roi catalog`: what the price catalogue holds (our checked entries and the bundled
//! `LiteLLM` price map), and `catalog search WORDS` to find models in it.

use crate::cli::{CatalogFormat, Failure};
use crate::io::catalog::bundled_catalog;
use crate::io::pricemap::{bundled_price_map, checked_entries, combined, search};
use crate::report::catalog::{entries_json, entries_text, summary_json, summary_text};

/// The arguments of `catalog`.
#[derive(Debug, clap::Args)]
pub struct CatalogArgs {
    /// What to do; without one, a summary of what the catalogue holds.
    #[command(subcommand)]
    pub action: Option<CatalogAction>,
    /// Output format: aligned text, or JSON with exact decimal strings.
    #[arg(long, value_enum, default_value_t = CatalogFormat::Text, global = true)]
    pub format: CatalogFormat,
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
}

/// `catalog`: the summary, or the models a search finds.
pub(in crate::cli) fn run(args: &CatalogArgs) -> Result<String, Failure> {
    let catalog =
        bundled_catalog().map_err(|e| Failure::command(format!("the bundled catalogue: {e}")))?;
    let map =
        bundled_price_map().map_err(|e| Failure::command(format!("the bundled price map: {e}")))?;
    let checked = checked_entries(&catalog);
    match &args.action {
        None => Ok(match args.format {
            CatalogFormat::Text => summary_text(checked.len(), &map),
            CatalogFormat::Json => summary_json(checked.len(), &map),
        }),
        Some(CatalogAction::Search { words }) => {
            let query = words.join(" ");
            let all = combined(checked, &map);
            let found = search(&all, &query);
            Ok(match args.format {
                CatalogFormat::Text => entries_text(&found, &query),
                CatalogFormat::Json => entries_json(&found),
            })
        }
    }
}
