//! What the bills hold, matched or not: the models (or services) and the tags, each with its
//! cost by month, so a user can write the `billing` mappings. Bounded: past [`MAX_FOUND`]
//! distinct models or tags, further ones are counted but not listed, so a hostile bill with a
//! new id on every row costs no more memory than a few hundred entries.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::Row;
use crate::model::Month;

/// The most distinct models, and the most distinct tags, listed.
pub const MAX_FOUND: usize = 500;

/// A model (or, without a `ModelId`, a service alone) found in the bills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFound {
    /// `SkuPriceDetails`' `ModelId`, if the rows give one.
    pub model: Option<String>,
    /// `ServiceName`.
    pub service: String,
    /// Σ `EffectiveCost` of its rows counted.
    pub cost: Decimal,
    /// The same by month (a row in the month its charge period starts).
    pub months: BTreeMap<Month, Decimal>,
}

/// A tag (`key: value`) found in the bills' `Tags`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagFound {
    /// The tag's key.
    pub key: String,
    /// Its value.
    pub value: String,
    /// Σ `EffectiveCost` of the rows counted that carry it.
    pub cost: Decimal,
    /// The same by month.
    pub months: BTreeMap<Month, Decimal>,
}

/// A cost, in all and by month.
#[derive(Debug, Clone, Default)]
struct Costs {
    cost: Decimal,
    months: BTreeMap<Month, Decimal>,
}

impl Costs {
    fn add(&mut self, month: Option<Month>, cost: Decimal) {
        self.cost += cost;
        if let Some(month) = month {
            *self.months.entry(month).or_default() += cost;
        }
    }
}

/// The models and tags found so far.
#[derive(Debug, Clone, Default)]
pub(super) struct Found {
    models: BTreeMap<Option<String>, BTreeMap<String, Costs>>,
    model_count: usize,
    tags: BTreeMap<String, BTreeMap<String, Costs>>,
    tag_count: usize,
    /// Rows (for models) and tags not listed, past the bound.
    pub(super) not_listed: u64,
}

impl Found {
    /// Adds a counted row, in the month its charge period starts.
    pub(super) fn add(&mut self, row: &Row<'_>, month: Option<Month>) {
        let cost = row.effective_cost;
        let model = &row.details.model_id;
        match self
            .models
            .get_mut(model)
            .and_then(|s| s.get_mut(row.service))
        {
            Some(costs) => costs.add(month, cost),
            None if self.model_count < MAX_FOUND => {
                self.model_count += 1;
                let services = self.models.entry(model.clone()).or_default();
                services
                    .entry(row.service.to_owned())
                    .or_default()
                    .add(month, cost);
            }
            None => self.not_listed += 1,
        }
        for (key, value) in &row.tags {
            match self.tags.get_mut(key).and_then(|v| v.get_mut(value)) {
                Some(costs) => costs.add(month, cost),
                None if self.tag_count < MAX_FOUND => {
                    self.tag_count += 1;
                    let values = self.tags.entry(key.clone()).or_default();
                    values.entry(value.clone()).or_default().add(month, cost);
                }
                None => self.not_listed += 1,
            }
        }
    }

    /// The models, in order of model then service, and the tags, in order of key then value.
    pub(super) fn finish(self) -> (Vec<ModelFound>, Vec<TagFound>) {
        let models = self
            .models
            .into_iter()
            .flat_map(|(model, services)| {
                services.into_iter().map(move |(service, c)| ModelFound {
                    model: model.clone(),
                    service,
                    cost: c.cost,
                    months: c.months,
                })
            })
            .collect();
        let tags = self
            .tags
            .into_iter()
            .flat_map(|(key, values)| {
                values.into_iter().map(move |(value, c)| TagFound {
                    key: key.clone(),
                    value,
                    cost: c.cost,
                    months: c.months,
                })
            })
            .collect();
        (models, tags)
    }
}
