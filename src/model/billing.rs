//! Which rows of a cost-and-usage bill (a FOCUS export) are a design's own.
//!
//! Every part is optional and every part given must hold for a row to match: `model` is the
//! model id in the row's `SkuPriceDetails`, `service` its `ServiceName`, `sku_prefix` the start of
//! its `SkuId`, `sub_account` its `SubAccountId`, and each of `tags` a key the row's `Tags` hold
//! with that value. A self-hosted fleet is matched the same way, through its compute rows (by
//! tag or sub-account, say). A design without `billing` claims no row.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::unique_map;

/// The rows of a bill a design claims: all the parts given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Billing {
    /// The model id (`SkuPriceDetails`' `ModelId`), exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The service (`ServiceName`), exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The start of the SKU id (`SkuId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku_prefix: Option<String>,
    /// The sub-account (`SubAccountId`), exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_account: Option<String>,
    /// Tags the row must carry, each with exactly this value.
    #[serde(
        default,
        deserialize_with = "unique_map::deserialize",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub tags: BTreeMap<String, String>,
}

impl Billing {
    /// True when no part is given: such a mapping would claim every row of a bill.
    pub fn is_empty(&self) -> bool {
        self.model.is_none()
            && self.service.is_none()
            && self.sku_prefix.is_none()
            && self.sub_account.is_none()
            && self.tags.is_empty()
    }

    /// The parts given, each with its field name (`model`, …, `tags["key"]`), in file order.
    pub fn parts(&self) -> Vec<(String, &str)> {
        let mut parts = Vec::new();
        let named = [
            ("model", &self.model),
            ("service", &self.service),
            ("sku_prefix", &self.sku_prefix),
            ("sub_account", &self.sub_account),
        ];
        for (name, value) in named {
            if let Some(value) = value {
                parts.push((name.to_owned(), value.as_str()));
            }
        }
        for (key, value) in &self.tags {
            parts.push((format!("tags[{key:?}]"), value.as_str()));
        }
        parts
    }
}
