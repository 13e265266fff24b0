//! A map entry as a preset: what the design editor applies when a model is chosen from the map.

use rust_decimal::Decimal;

use super::PriceEntry;
use crate::model::catalog::{Entry, Preset};
use crate::model::{LongContext, Source};

/// Where people can read the price map the snapshot comes from.
pub const PRICE_MAP_URL: &str =
    "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json";

impl PriceEntry {
    /// The entry as a hosted-model preset: named by its id, its source the map's (ending in
    /// `, key ID`, which is how a design's sources tell which model it uses), its as-of date the
    /// snapshot's. A map without a batch price gives no discount (0).
    pub fn preset(&self) -> Entry {
        Entry {
            name: super::plain_text(&self.id),
            preset: Preset::HostedModel {
                input_price_per_mtok: self.input_price_per_mtok,
                output_price_per_mtok: self.output_price_per_mtok,
                cached_input_price_per_mtok: self.cached_input_price_per_mtok,
                cache_write_price_per_mtok: self.cache_write_price_per_mtok,
                batch_discount_pct: self.batch_discount_pct.unwrap_or(Decimal::ZERO),
                long_context: self.long_context.map(|tier| LongContext {
                    above_input_tokens: Decimal::from(tier.above_input_tokens),
                    input_price_per_mtok: tier.input_price_per_mtok,
                    output_price_per_mtok: tier.output_price_per_mtok,
                    cached_input_price_per_mtok: tier.cached_input_price_per_mtok,
                    cache_write_price_per_mtok: tier.cache_write_price_per_mtok,
                }),
            },
            source: Source {
                what: self.source.clone(),
                url: if self.checked {
                    String::new()
                } else {
                    PRICE_MAP_URL.to_owned()
                },
                as_of: self.as_of,
            },
            energy_source: None,
        }
    }
}
