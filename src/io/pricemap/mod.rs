//! `LiteLLM`'s price map (`model_prices_and_context_window.json`, MIT): the bundled snapshot in
//! `assets/price-map/`, read exactly, and searched by words.
//!
//! Every price is converted from the JSON number's own text (dollars per token) to an exact
//! decimal per 1M tokens (`number.rs`), never through a binary float. An entry is used when it
//! prices text by the token: mode `chat`, `responses` (models served only through `OpenAI`'s
//! Responses API, such as the `-pro` models) or `completion` (legacy text completion), with
//! both an input and an output price. Every other entry is left out and counted by its
//! [`Reason`]; an entry with a price that is not a price (a string, a negative or absurd
//! figure) or that is not a JSON object is refused whole, with a message naming its key.

pub mod diff;
mod number;
mod preset;
mod search;
pub mod store;

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;
use serde_json::value::RawValue;

pub use diff::{Affected, Field, Move, PriceChanges, affected_designs, compare};
pub use number::{MAX_PRICE_PER_MTOK, per_mtok};
pub use preset::PRICE_MAP_URL;
pub use search::{CHECKED_IDS, checked_entries, combined, search, search_indices, search_key};
pub use store::{
    ActiveMap, CatalogFile, DATA_DIR_ENV, MapOrigin, Provenance, StoreError, active_price_map,
    active_price_map_in, data_dir, read_catalog_file, reset_price_map, reset_price_map_in,
    stored_map_in, stored_map_path, update_price_map, update_price_map_in,
};

use crate::model::Date;

/// The bundled snapshot's text (`assets/price-map/README.md` says where it comes from).
pub const BUNDLED_PRICE_MAP: &str =
    include_str!("../../../assets/price-map/model_prices_and_context_window.json");

/// The package the bundled snapshot was taken from.
pub const SNAPSHOT_PACKAGE: &str = "litellm";
/// That package's version.
pub const SNAPSHOT_VERSION: &str = "1.110.2";
/// The file's path inside the package's wheel.
pub const SNAPSHOT_PATH: &str = "litellm/model_prices_and_context_window_backup.json";
/// The day the snapshot was taken (`YYYY-MM-DD`): every entry's as-of date.
pub const SNAPSHOT_TAKEN: &str = "2026-12-06";

/// The largest price map read: 64 MiB (`LiteLLM`'s is about 3.5 MB).
pub const MAX_PRICE_MAP_BYTES: usize = 64 * 1024 * 1024;

/// The modes whose entries are used: text priced by the token.
pub const TEXT_MODES: [&str; 3] = ["chat", "responses", "completion"];

/// Where a price map comes from, for every entry's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The package (`litellm`).
    pub package: String,
    /// Its version.
    pub version: String,
    /// The day the file was taken.
    pub taken: Date,
}

impl Snapshot {
    /// The bundled snapshot's.
    pub fn bundled() -> Self {
        Self {
            package: SNAPSHOT_PACKAGE.to_owned(),
            version: SNAPSHOT_VERSION.to_owned(),
            taken: SNAPSHOT_TAKEN.parse().unwrap_or(Date {
                year: 2026,
                month: 12,
                day: 6,
            }),
        }
    }
}

/// A long-context tier: dearer prices once a request's input passes a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tier {
    /// The tier applies above this many input tokens (the map's `_above_Nk_tokens`: N × 1000).
    pub above_input_tokens: u64,
    /// Price per 1M input tokens above the threshold.
    pub input_price_per_mtok: Decimal,
    /// Price per 1M output tokens above the threshold.
    pub output_price_per_mtok: Decimal,
    /// Price per 1M cached input tokens above the threshold, where the map gives one for the same
    /// threshold (`cache_read_input_token_cost_above_Nk_tokens`).
    pub cached_input_price_per_mtok: Option<Decimal>,
    /// Price per 1M input tokens written to the cache above the threshold, where the map gives one
    /// for the same threshold (`cache_creation_input_token_cost_above_Nk_tokens`).
    pub cache_write_price_per_mtok: Option<Decimal>,
}

/// One hosted model's prices, from the map or from our own checked catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceEntry {
    /// The model's id: the map's key (`gpt-4o`, `bedrock/…`), or the id our checked entry names.
    pub id: String,
    /// Who serves it: the map's `litellm_provider` (`openai`, `bedrock`, …).
    pub provider: String,
    /// The map's mode (`chat`, `responses`, `completion`); empty for our checked entries.
    pub mode: String,
    /// Price per 1M input tokens.
    pub input_price_per_mtok: Decimal,
    /// Price per 1M output tokens.
    pub output_price_per_mtok: Decimal,
    /// Price per 1M cached input tokens read (`cache_read_input_token_cost`).
    pub cached_input_price_per_mtok: Option<Decimal>,
    /// Price per 1M input tokens written to the cache (`cache_creation_input_token_cost`).
    pub cache_write_price_per_mtok: Option<Decimal>,
    /// The batch API's discount in percent, when its input and output prices give the same one.
    pub batch_discount_pct: Option<Decimal>,
    /// The lowest long-context tier, where the map has an `_above_Nk_tokens` input and output pair.
    pub long_context: Option<Tier>,
    /// When the prices were read.
    pub as_of: Date,
    /// Where they come from.
    pub source: String,
    /// True for our own hand-checked entries (`assets/catalog.ron`), false for the map's.
    pub checked: bool,
    /// The id and provider as search reads them ([`search_key`]).
    pub(crate) key: String,
}

/// Why an entry of the map is left out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Its mode prices something other than text by the token (images, audio, embeddings…).
    Mode(String),
    /// It gives no mode.
    NoMode,
    /// It lacks an input or an output price per token.
    NoPrice,
    /// A price is not a price (text, negative, absurd), or the entry is not an object.
    Invalid,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Mode(mode) => write!(f, "not a text model (mode {mode})"),
            Reason::NoMode => f.write_str("no mode"),
            Reason::NoPrice => f.write_str("no input or output price per token"),
            Reason::Invalid => f.write_str("invalid price or entry"),
        }
    }
}

/// A price map read: the entries used, the rest counted by reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceMap {
    /// Where it comes from.
    pub snapshot: Snapshot,
    /// The entries used, in the map's key order.
    pub entries: Vec<PriceEntry>,
    /// How many entries were left out, by reason.
    pub left_out: BTreeMap<Reason, usize>,
    /// Every refused entry's message, naming its key.
    pub refused: Vec<String>,
    /// Entries with batch prices that give no single discount (input and output disagree, or
    /// only one is given): their discount is left out.
    pub batch_unclear: Vec<String>,
}

/// Why a price map could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum PriceMapError {
    /// The file could not be read.
    #[error("cannot read the price map {path}: {source}")]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_PRICE_MAP_BYTES`].
    #[error("the price map is {0} bytes; price maps are limited to 64 MiB")]
    TooLarge(usize),
    /// Not `LiteLLM`'s JSON: one object of entries keyed by model id.
    #[error(
        "not a LiteLLM price map (one JSON object of entries keyed by model id, as in \
         model_prices_and_context_window.json): {0}"
    )]
    NotPriceMap(String),
}

/// Reads a price map file: at most [`MAX_PRICE_MAP_BYTES`], then [`parse_price_map`].
pub fn load_price_map(path: &Path, snapshot: Snapshot) -> Result<PriceMap, PriceMapError> {
    parse_price_map(&read_price_map_text(path)?, snapshot)
}

/// A price map file's text: at most [`MAX_PRICE_MAP_BYTES`] (a larger file is refused before it
/// is read), UTF-8.
pub fn read_price_map_text(path: &Path) -> Result<String, PriceMapError> {
    let read = |source| PriceMapError::Read {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read)?.len();
    if size > MAX_PRICE_MAP_BYTES as u64 {
        return Err(PriceMapError::TooLarge(
            usize::try_from(size).unwrap_or(usize::MAX),
        ));
    }
    let bytes = std::fs::read(path).map_err(read)?;
    if bytes.len() > MAX_PRICE_MAP_BYTES {
        return Err(PriceMapError::TooLarge(bytes.len()));
    }
    String::from_utf8(bytes).map_err(|e| {
        PriceMapError::NotPriceMap(format!(
            "not UTF-8 text (byte {} is not valid)",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The bundled snapshot, read.
pub fn bundled_price_map() -> Result<PriceMap, PriceMapError> {
    parse_price_map(BUNDLED_PRICE_MAP, Snapshot::bundled())
}

/// Reads a price map's text: `LiteLLM`'s JSON, one object of entries keyed by model id. The file
/// is read whole or refused whole; each entry is used whole or left out whole.
pub fn parse_price_map(text: &str, snapshot: Snapshot) -> Result<PriceMap, PriceMapError> {
    if text.len() > MAX_PRICE_MAP_BYTES {
        return Err(PriceMapError::TooLarge(text.len()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: BTreeMap<String, &RawValue> =
        serde_json::from_str(text).map_err(|e| PriceMapError::NotPriceMap(e.to_string()))?;
    let mut map = PriceMap {
        snapshot,
        entries: Vec::with_capacity(raw.len()),
        left_out: BTreeMap::new(),
        refused: Vec::new(),
        batch_unclear: Vec::new(),
    };
    for (id, value) in &raw {
        match convert(id, value, &map.snapshot) {
            Ok((entry, batch_unclear)) => {
                if batch_unclear {
                    map.batch_unclear.push(id.clone());
                }
                map.entries.push(entry);
            }
            Err(Skip::Reason(reason)) => *map.left_out.entry(reason).or_default() += 1,
            Err(Skip::Refused(message)) => {
                *map.left_out.entry(Reason::Invalid).or_default() += 1;
                map.refused.push(message);
            }
        }
    }
    Ok(map)
}

impl PriceMap {
    /// How many entries were left out, all reasons together.
    pub fn left_out_total(&self) -> usize {
        self.left_out.values().sum()
    }

    /// The entries used, counted by provider.
    pub fn by_provider(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for entry in &self.entries {
            *counts.entry(entry.provider.as_str()).or_default() += 1;
        }
        counts
    }
}

/// Why an entry is not used.
enum Skip {
    Reason(Reason),
    Refused(String),
}

/// One entry's fields, each value's JSON text as written.
type Fields<'a> = BTreeMap<String, &'a RawValue>;

/// One entry converted, or why not; true beside it when its batch prices give no discount.
fn convert(id: &str, value: &RawValue, snapshot: &Snapshot) -> Result<(PriceEntry, bool), Skip> {
    let refused = |why: String| Skip::Refused(format!("{}: {why}", quoted(id)));
    if !value.get().trim_start().starts_with('{') {
        return Err(refused("is not a JSON object".to_owned()));
    }
    let fields: Fields =
        serde_json::from_str(value.get()).map_err(|e| refused(format!("cannot be read: {e}")))?;
    let text = |name: &str| -> Result<Option<String>, Skip> {
        match fields.get(name) {
            None => Ok(None),
            Some(raw) if raw.get() == "null" => Ok(None),
            Some(raw) => serde_json::from_str::<String>(raw.get())
                .map(Some)
                .map_err(|_| refused(format!("{name} is not text"))),
        }
    };
    let mode = match text("mode")? {
        None => return Err(Skip::Reason(Reason::NoMode)),
        Some(mode) if !TEXT_MODES.contains(&mode.as_str()) => {
            return Err(Skip::Reason(Reason::Mode(mode)));
        }
        Some(mode) => mode,
    };
    let price = |name: &str| -> Result<Option<Decimal>, Skip> {
        match fields.get(name) {
            None => Ok(None),
            Some(raw) if raw.get() == "null" => Ok(None),
            Some(raw) => per_mtok(raw.get())
                .map(Some)
                .map_err(|why| refused(format!("{name} {why}"))),
        }
    };
    let (Some(input), Some(output)) = (
        price("input_cost_per_token")?,
        price("output_cost_per_token")?,
    ) else {
        return Err(Skip::Reason(Reason::NoPrice));
    };
    let cached = price("cache_read_input_token_cost")?;
    let cache_write = price("cache_creation_input_token_cost")?;
    let batch = (
        price("input_cost_per_token_batches")?,
        price("output_cost_per_token_batches")?,
    );
    let (batch_discount_pct, batch_unclear) = match batch {
        (None, None) => (None, false),
        (Some(bi), Some(bo)) => match (discount(input, bi), discount(output, bo)) {
            (Some(a), Some(b)) if a == b => (Some(a), false),
            _ => (None, true),
        },
        _ => (None, true),
    };
    let long_context = tier(&fields, &price)?;
    let provider = text("litellm_provider")?.unwrap_or_else(|| "unknown".to_owned());
    let entry = PriceEntry {
        key: search_key(id, &provider),
        id: id.to_owned(),
        provider,
        mode,
        input_price_per_mtok: input,
        output_price_per_mtok: output,
        cached_input_price_per_mtok: cached,
        cache_write_price_per_mtok: cache_write,
        batch_discount_pct,
        long_context,
        as_of: snapshot.taken,
        source: format!(
            "LiteLLM price map ({} {}, taken {}), key {}",
            plain_text(&snapshot.package),
            plain_text(&snapshot.version),
            snapshot.taken,
            plain_text(id)
        ),
        checked: false,
    };
    Ok((entry, batch_unclear))
}

/// The discount in percent that `batch` is off `base`, 100 × (1 − batch / base), when it is
/// exact (no rounding) and between 0 and 100; `None` otherwise.
fn discount(base: Decimal, batch: Decimal) -> Option<Decimal> {
    if base <= Decimal::ZERO || batch > base {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let pct = hundred.checked_sub(hundred.checked_mul(batch)?.checked_div(base)?)?;
    // Exact: the percentage times the base gives back the price difference to the last digit.
    let back = pct.checked_mul(base)?;
    (back == hundred.checked_mul(base - batch)?).then(|| pct.normalize())
}

/// The lowest `_above_Nk_tokens` threshold with both an input and an output price.
fn tier(
    fields: &Fields,
    price: &dyn Fn(&str) -> Result<Option<Decimal>, Skip>,
) -> Result<Option<Tier>, Skip> {
    let mut thresholds: Vec<u64> = fields
        .keys()
        .filter_map(|k| {
            let n = k
                .strip_prefix("input_cost_per_token_above_")?
                .strip_suffix("k_tokens")?;
            (!n.is_empty() && n.len() <= 6 && n.bytes().all(|b| b.is_ascii_digit()))
                .then(|| n.parse().ok())?
        })
        .collect();
    thresholds.sort_unstable();
    for n in thresholds {
        let input = price(&format!("input_cost_per_token_above_{n}k_tokens"))?;
        let output = price(&format!("output_cost_per_token_above_{n}k_tokens"))?;
        if let (Some(input), Some(output)) = (input, output) {
            return Ok(Some(Tier {
                above_input_tokens: n * 1000,
                input_price_per_mtok: input,
                output_price_per_mtok: output,
                cached_input_price_per_mtok: price(&format!(
                    "cache_read_input_token_cost_above_{n}k_tokens"
                ))?,
                cache_write_price_per_mtok: price(&format!(
                    "cache_creation_input_token_cost_above_{n}k_tokens"
                ))?,
            }));
        }
    }
    Ok(None)
}

/// The most characters of an id (or a file name) a source or a screen shows.
pub const MAX_SHOWN_CHARS: usize = 200;

/// Text from someone else's price map (a model id, a provider, a file name) as a source, a
/// preset's name and the planner show it: each control character, line or paragraph separator
/// and bidirectional mark becomes `?`, and text past [`MAX_SHOWN_CHARS`] characters is cut
/// with `…`. A design's source then loads and validates, and prints harmlessly anywhere.
pub fn plain_text(text: &str) -> String {
    let safe = crate::format::terminal_text(text).replace('\u{fffd}', "?");
    if safe.chars().count() > MAX_SHOWN_CHARS {
        let mut cut: String = safe.chars().take(MAX_SHOWN_CHARS - 1).collect();
        cut.push('…');
        cut
    } else {
        safe
    }
}

/// A key for a message: quoted, control characters escaped, at most 80 characters.
fn quoted(id: &str) -> String {
    let short: String = id.chars().take(80).collect();
    format!("{short:?}")
}
