//! Finding models by words (`flash`, `llama 70b`, `bedrock sonnet`), and our own checked
//! catalogue's hosted models listed beside the map's.

use super::PriceEntry;
use crate::model::catalog::{Catalog, Preset};

/// The model id and provider of each hosted entry of `assets/catalog.ron`, by its name: the
/// catalogue names models for people (`"OpenAI GPT-4o"`), the map by the vendor's API id.
pub const CHECKED_IDS: [(&str, &str, &str); 9] = [
    ("OpenAI GPT-4o", "openai", "gpt-4o"),
    ("OpenAI GPT-4o mini", "openai", "gpt-4o-mini"),
    ("OpenAI GPT-4.1", "openai", "gpt-4.1"),
    ("OpenAI GPT-4.1 mini", "openai", "gpt-4.1-mini"),
    ("OpenAI GPT-4.1 nano", "openai", "gpt-4.1-nano"),
    ("OpenAI GPT-5", "openai", "gpt-5"),
    ("OpenAI GPT-5 mini", "openai", "gpt-5-mini"),
    (
        "Anthropic Claude Sonnet 4.5",
        "anthropic",
        "claude-sonnet-4-5",
    ),
    (
        "Anthropic Claude Haiku 4.5",
        "anthropic",
        "claude-haiku-4-5",
    ),
];

/// The id and provider as search reads them: lower case, with `.`, `_` and spaces read as `-`
/// (so `sonnet 4.5` finds `claude-sonnet-4-5`), the two apart so no word spans both.
pub fn search_key(id: &str, provider: &str) -> String {
    let mut key = normalise(id);
    key.push('\n');
    key.push_str(&normalise(provider));
    key
}

fn normalise(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if matches!(c, '.' | '_' | ' ') { '-' } else { c })
        .collect()
}

/// The entries whose id or provider holds every word of `text` (case-insensitive), best first:
/// our checked entries, then an id that is the words themselves, then ids without a provider
/// prefix (`gpt-4o` before `azure/gpt-4o`), then shorter ids, then by id. No words: every entry,
/// in that order.
pub fn search<'a>(entries: &'a [PriceEntry], text: &str) -> Vec<&'a PriceEntry> {
    search_indices(entries, text)
        .into_iter()
        .map(|i| &entries[i])
        .collect()
}

/// [`search`], as positions in `entries`.
pub fn search_indices(entries: &[PriceEntry], text: &str) -> Vec<usize> {
    let words: Vec<String> = text.split_whitespace().map(normalise).collect();
    let whole = words.join("-");
    let mut found: Vec<(bool, bool, usize, usize, usize)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| words.iter().all(|w| e.key.contains(w.as_str())))
        .map(|(i, e)| {
            let id = e.key.split('\n').next().unwrap_or_default();
            let slashes = id.bytes().filter(|&b| b == b'/').count();
            (!e.checked, id != whole, slashes, e.id.len(), i)
        })
        .collect();
    found.sort_by(|a, b| {
        (a.0, a.1, a.2, a.3, &entries[a.4].id).cmp(&(b.0, b.1, b.2, b.3, &entries[b.4].id))
    });
    found.into_iter().map(|f| f.4).collect()
}

/// The hosted models of our own catalogue as entries marked checked, in its order: id and
/// provider from [`CHECKED_IDS`] (a model not listed there keeps its name as id, its first word
/// in lower case as provider), the source's description and page, and its as-of date.
pub fn checked_entries(catalog: &Catalog) -> Vec<PriceEntry> {
    catalog
        .entries
        .iter()
        .filter_map(|entry| {
            let Preset::HostedModel {
                input_price_per_mtok,
                output_price_per_mtok,
                cached_input_price_per_mtok,
                cache_write_price_per_mtok,
                batch_discount_pct,
                long_context,
            } = &entry.preset
            else {
                return None;
            };
            let (provider, id) = CHECKED_IDS
                .iter()
                .find(|(name, _, _)| *name == entry.name)
                .map_or_else(
                    || {
                        let vendor = entry.name.split_whitespace().next().unwrap_or_default();
                        (vendor.to_lowercase(), entry.name.clone())
                    },
                    |(_, provider, id)| ((*provider).to_owned(), (*id).to_owned()),
                );
            Some(PriceEntry {
                key: search_key(&id, &provider),
                id,
                provider,
                mode: String::new(),
                input_price_per_mtok: input_price_per_mtok.normalize(),
                output_price_per_mtok: output_price_per_mtok.normalize(),
                cached_input_price_per_mtok: cached_input_price_per_mtok.map(|d| d.normalize()),
                cache_write_price_per_mtok: cache_write_price_per_mtok.map(|d| d.normalize()),
                batch_discount_pct: (!batch_discount_pct.is_zero())
                    .then(|| batch_discount_pct.normalize()),
                // A threshold validation would refuse (not a whole number of tokens) is left out.
                long_context: long_context.as_ref().and_then(|t| {
                    Some(super::Tier {
                        above_input_tokens: rust_decimal::prelude::ToPrimitive::to_u64(
                            &t.above_input_tokens,
                        )
                        .filter(|n| rust_decimal::Decimal::from(*n) == t.above_input_tokens)?,
                        input_price_per_mtok: t.input_price_per_mtok.normalize(),
                        output_price_per_mtok: t.output_price_per_mtok.normalize(),
                        cached_input_price_per_mtok: t
                            .cached_input_price_per_mtok
                            .map(|d| d.normalize()),
                        cache_write_price_per_mtok: t
                            .cache_write_price_per_mtok
                            .map(|d| d.normalize()),
                    })
                }),
                as_of: entry.source.as_of,
                source: format!("{} ({})", entry.source.what, entry.source.url),
                checked: true,
            })
        })
        .collect()
}

/// Our checked entries first, then the map's: the list `catalog search` searches.
pub fn combined(checked: Vec<PriceEntry>, map: &super::PriceMap) -> Vec<PriceEntry> {
    let mut all = checked;
    all.extend(map.entries.iter().cloned());
    all
}
