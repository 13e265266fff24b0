//! The check of a price catalogue: every entry says what it is and where its figures come
//! from, and holds its prices within the limits a scenario holds them to.

use rust_decimal::Decimal;

use crate::model::catalog::{CATALOG_FORMAT, Catalog, Preset};
use crate::model::fields::ServingField;

/// Problems with a catalogue: entries without a source description or with prices out of range.
pub fn catalog_problems(catalog: &Catalog) -> Vec<String> {
    let mut problems = Vec::new();
    if catalog.format > CATALOG_FORMAT {
        problems.push(format!(
            "format is {}: the catalogue was written by a newer version (this version reads format {CATALOG_FORMAT})",
            catalog.format
        ));
    }
    if catalog.entries.len() > 1000 {
        problems.push(format!(
            "entries has {} entries; the limit is 1,000",
            catalog.entries.len()
        ));
        return problems;
    }
    for (i, entry) in catalog.entries.iter().enumerate() {
        if entry.name.trim().is_empty() {
            problems.push(format!("entries[{i}].name must not be empty"));
        }
        if entry.source.what.trim().is_empty() {
            problems.push(format!(
                "entries[{i}].source.what must say what the price is"
            ));
        }
        // Each figure within the limits a scenario holds its field to, so that an applied preset
        // is always valid.
        let figures: Vec<(ServingField, Decimal)> = match &entry.preset {
            Preset::HostedModel {
                input_price_per_mtok,
                output_price_per_mtok,
                cached_input_price_per_mtok,
                cache_write_price_per_mtok,
                batch_discount_pct,
                long_context,
            } => {
                problems.extend(outside(i, ServingField::BatchDiscount, *batch_discount_pct));
                let mut prices = vec![
                    (ServingField::InputPrice, *input_price_per_mtok),
                    (ServingField::OutputPrice, *output_price_per_mtok),
                ];
                if let Some(cached) = cached_input_price_per_mtok {
                    prices.push((ServingField::CachedInputPrice, *cached));
                }
                if let Some(write) = cache_write_price_per_mtok {
                    prices.push((ServingField::CacheWritePrice, *write));
                }
                if let Some(tier) = long_context {
                    if !tier.above_input_tokens.fract().is_zero() {
                        problems.push(format!(
                            "entries[{i}].preset.long_context.above_input_tokens must be a whole \
                             number of tokens, got {}",
                            tier.above_input_tokens
                        ));
                    }
                    prices.push((ServingField::LongContextThreshold, tier.above_input_tokens));
                    prices.push((
                        ServingField::LongContextInputPrice,
                        tier.input_price_per_mtok,
                    ));
                    prices.push((
                        ServingField::LongContextOutputPrice,
                        tier.output_price_per_mtok,
                    ));
                    if let Some(cached) = tier.cached_input_price_per_mtok {
                        prices.push((ServingField::LongContextCachedInputPrice, cached));
                    }
                    if let Some(write) = tier.cache_write_price_per_mtok {
                        prices.push((ServingField::LongContextCacheWritePrice, write));
                    }
                }
                prices
            }
            Preset::Instance { price_per_hour, .. } => {
                vec![(ServingField::PricePerHour, *price_per_hour)]
            }
            _ => Vec::new(),
        };
        problems.extend(super::energy::preset_problems(
            &format!("entries[{i}].preset"),
            &entry.preset,
        ));
        if let Some(source) = &entry.energy_source
            && source.what.trim().is_empty()
        {
            problems.push(format!(
                "entries[{i}].energy_source.what must say where the power figures come from"
            ));
        }
        for (field, value) in figures {
            problems.extend(outside(i, field, value));
        }
        let long = [&entry.name, &entry.source.what, &entry.source.url]
            .iter()
            .any(|s| s.chars().count() > 10_000);
        if long {
            problems.push(format!("entries[{i}] has a string over 10,000 characters"));
        }
    }
    problems
}

/// The problem of entry `i`'s figure for `field`, when it lies outside the field's limits.
fn outside(i: usize, field: ServingField, value: Decimal) -> Option<String> {
    let field = field.field();
    (!field.limits.contains(value)).then(|| {
        format!(
            "entries[{i}].preset.{} {}",
            field.key,
            field.limits.refusal(value)
        )
    })
}
