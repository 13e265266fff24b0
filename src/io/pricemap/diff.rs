//! What changed between two price maps: the models added, the models removed and the prices
//! that moved, each by id; and which designs of a scenario use a model that changed.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::{PriceEntry, PriceMap};
use crate::model::Scenario;

/// A price of an entry that can move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// Price per 1M input tokens.
    Input,
    /// Price per 1M output tokens.
    Output,
    /// Price per 1M cached input tokens read.
    CachedInput,
    /// Price per 1M input tokens written to the cache.
    CacheWrite,
    /// The batch API's discount in percent.
    BatchDiscount,
    /// The long-context tier's threshold, in input tokens.
    LongContextAbove,
    /// The long-context tier's price per 1M input tokens.
    LongContextInput,
    /// The long-context tier's price per 1M output tokens.
    LongContextOutput,
}

impl Field {
    /// Every field, in the order they are compared and listed.
    pub const ALL: [Field; 8] = [
        Field::Input,
        Field::Output,
        Field::CachedInput,
        Field::CacheWrite,
        Field::BatchDiscount,
        Field::LongContextAbove,
        Field::LongContextInput,
        Field::LongContextOutput,
    ];

    /// The field's name, as `catalog --format json` writes it (the names of `catalog search`'s
    /// JSON, the tier's with a `long_context.` prefix).
    pub fn name(self) -> &'static str {
        match self {
            Field::Input => "input_price_per_mtok",
            Field::Output => "output_price_per_mtok",
            Field::CachedInput => "cached_input_price_per_mtok",
            Field::CacheWrite => "cache_write_price_per_mtok",
            Field::BatchDiscount => "batch_discount_pct",
            Field::LongContextAbove => "long_context.above_input_tokens",
            Field::LongContextInput => "long_context.input_price_per_mtok",
            Field::LongContextOutput => "long_context.output_price_per_mtok",
        }
    }

    /// The field's value in an entry; `None` where the entry has none.
    pub fn of(self, e: &PriceEntry) -> Option<Decimal> {
        match self {
            Field::Input => Some(e.input_price_per_mtok),
            Field::Output => Some(e.output_price_per_mtok),
            Field::CachedInput => e.cached_input_price_per_mtok,
            Field::CacheWrite => e.cache_write_price_per_mtok,
            Field::BatchDiscount => e.batch_discount_pct,
            Field::LongContextAbove => e.long_context.map(|t| Decimal::from(t.above_input_tokens)),
            Field::LongContextInput => e.long_context.map(|t| t.input_price_per_mtok),
            Field::LongContextOutput => e.long_context.map(|t| t.output_price_per_mtok),
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One price that moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The model's id.
    pub id: String,
    /// Which price.
    pub field: Field,
    /// Before; `None` where the old map had no figure.
    pub old: Option<Decimal>,
    /// After; `None` where the new map has no figure.
    pub new: Option<Decimal>,
}

/// What changed from one price map to another; every list sorted by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriceChanges {
    /// Models in the new map only.
    pub added: Vec<PriceEntry>,
    /// Models in the old map only.
    pub removed: Vec<PriceEntry>,
    /// Prices that differ, by id then in [`Field::ALL`]'s order. Equal numbers written
    /// differently (`2.50` and `2.5`) have not moved.
    pub moved: Vec<Move>,
}

impl PriceChanges {
    /// True when nothing was added, removed or moved.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.moved.is_empty()
    }

    /// The ids of the models whose prices moved, each once, sorted.
    pub fn moved_ids(&self) -> BTreeSet<&str> {
        self.moved.iter().map(|m| m.id.as_str()).collect()
    }
}

/// The models added, removed and the prices moved from `old` to `new`, by id.
pub fn compare(old: &PriceMap, new: &PriceMap) -> PriceChanges {
    let by_id = |map: &PriceMap| -> BTreeMap<String, PriceEntry> {
        map.entries
            .iter()
            .map(|e| (e.id.clone(), e.clone()))
            .collect()
    };
    let (before, after) = (by_id(old), by_id(new));
    let mut changes = PriceChanges::default();
    for (id, was) in &before {
        match after.get(id) {
            None => changes.removed.push(was.clone()),
            Some(is) => {
                for field in Field::ALL {
                    let (a, b) = (field.of(was), field.of(is));
                    if a != b {
                        changes.moved.push(Move {
                            id: id.clone(),
                            field,
                            old: a.map(|d| d.normalize()),
                            new: b.map(|d| d.normalize()),
                        });
                    }
                }
            }
        }
    }
    changes.added = after
        .into_iter()
        .filter(|(id, _)| !before.contains_key(id))
        .map(|(_, e)| e)
        .collect();
    changes
}

/// A design that uses a model that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affected {
    /// The design's name.
    pub design: String,
    /// The ids of the changed or removed models its sources name, sorted.
    pub models: Vec<String>,
    /// True when one of them is no longer in the map.
    pub removed: bool,
}

/// The designs of `scenario` that use a model whose prices moved or that was removed, in the
/// scenario's order.
///
/// A design made from a map entry names it in a source whose `what` ends with `", key ID"`
/// ([`PriceEntry::source`], perhaps after `"NAME: "`). The id is the whole text after such a
/// `", key "`, so `key gpt-4o` never matches `azure/gpt-4o`.
pub fn affected_designs(scenario: &Scenario, changes: &PriceChanges) -> Vec<Affected> {
    // Sources name a model by its id as plain text (`plain_text`): compare in that form.
    let moved: BTreeSet<String> = changes
        .moved_ids()
        .into_iter()
        .map(super::plain_text)
        .collect();
    let removed: BTreeSet<String> = changes
        .removed
        .iter()
        .map(|e| super::plain_text(&e.id))
        .collect();
    scenario
        .designs
        .iter()
        .filter_map(|design| {
            let mut models = BTreeSet::new();
            let mut gone = false;
            for source in &design.sources {
                for id in keys_named(&source.what) {
                    if removed.contains(id) {
                        gone = true;
                        models.insert(id.to_owned());
                    } else if moved.contains(id) {
                        models.insert(id.to_owned());
                    }
                }
            }
            (!models.is_empty()).then(|| Affected {
                design: design.name.clone(),
                models: models.into_iter().collect(),
                removed: gone,
            })
        })
        .collect()
}

/// Every id a source's text may end with: the text after each `", key "` in it.
fn keys_named(what: &str) -> impl Iterator<Item = &str> {
    const MARK: &str = ", key ";
    what.match_indices(MARK)
        .map(move |(at, _)| &what[at + MARK.len()..])
        .filter(|id| !id.is_empty())
}
