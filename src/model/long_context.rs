//! A hosted API's long-context tier: dearer prices for the whole of a long request.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::exact;

/// A hosted API's long-context tier: a request with more than `above_input_tokens` input tokens
/// is billed, all its input and output tokens, at these prices instead of the base ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LongContext {
    /// The threshold: a request with more input tokens than this (not equal) is in the tier.
    #[serde(with = "exact")]
    pub above_input_tokens: Decimal,
    /// Price per million input tokens in the tier.
    #[serde(with = "exact")]
    pub input_price_per_mtok: Decimal,
    /// Price per million output tokens in the tier.
    #[serde(with = "exact")]
    pub output_price_per_mtok: Decimal,
    /// Price per million cached input tokens in the tier; absent (`None`): the tier's input price
    /// times the design's own cached-to-input price ratio.
    #[serde(
        default,
        with = "exact::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub cached_input_price_per_mtok: Option<Decimal>,
    /// Price per million input tokens written to the cache in the tier; absent (`None`): the
    /// tier's input price times the design's own cache-write-to-input price ratio.
    #[serde(
        default,
        with = "exact::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub cache_write_price_per_mtok: Option<Decimal>,
}

impl LongContext {
    /// Whether a request of `input_tokens` input tokens is billed at the tier's prices: strictly
    /// above the threshold.
    pub fn applies(&self, input_tokens: Decimal) -> bool {
        input_tokens > self.above_input_tokens
    }
}
