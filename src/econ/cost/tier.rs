//! A hosted API's prices for a request of a given length: the base prices, or the long-context
//! tier's for the whole request when its input tokens exceed the tier's threshold
//! (`docs/method.md#pricing-as-bills-charge-it`).

use rust_decimal::Decimal;

use super::Checked;
use crate::econ::EconError;
use crate::model::{LongContext, Serving};

/// The prices per 1M tokens a hosted API bills a request at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BilledPrices {
    /// Price per 1M input tokens.
    pub input: Decimal,
    /// Price per 1M cached input tokens; `None`: the input price.
    pub cached_input: Option<Decimal>,
    /// Price per 1M output tokens.
    pub output: Decimal,
    /// Whether these are the long-context tier's prices.
    pub long_context: bool,
}

impl BilledPrices {
    /// The prices a hosted API bills its average request at (`None` for any other serving).
    pub fn of(serving: &Serving) -> Result<Option<BilledPrices>, EconError> {
        let Serving::HostedApi {
            input_price_per_mtok,
            output_price_per_mtok,
            input_tokens,
            cached_input_price_per_mtok,
            long_context,
            ..
        } = serving
        else {
            return Ok(None);
        };
        billed_prices(
            *input_price_per_mtok,
            *output_price_per_mtok,
            *cached_input_price_per_mtok,
            *input_tokens,
            long_context.as_ref(),
        )
        .map(Some)
    }
}

/// The prices a request of `input_tokens` input tokens is billed at: the tier's when it has more
/// input tokens than the tier's threshold (exactly at it is not above it), else the base prices.
/// In the tier, a cached input price not given is the tier's input price × the base cached
/// price ÷ the base input price (the vendor's cache discount kept), or the tier's input price
/// where the base gives none (or the base input price is 0).
pub fn billed_prices(
    input_price: Decimal,
    output_price: Decimal,
    cached_price: Option<Decimal>,
    input_tokens: Decimal,
    long_context: Option<&LongContext>,
) -> Result<BilledPrices, EconError> {
    let Some(tier) = long_context.filter(|t| t.applies(input_tokens)) else {
        return Ok(BilledPrices {
            input: input_price,
            cached_input: cached_price,
            output: output_price,
            long_context: false,
        });
    };
    let cached_input = match (tier.cached_input_price_per_mtok, cached_price) {
        (Some(own), _) => Some(own),
        (None, Some(base_cached)) if !input_price.is_zero() => Some(
            tier.input_price_per_mtok
                .mul(base_cached)?
                .div(input_price)?,
        ),
        (None, _) => None,
    };
    Ok(BilledPrices {
        input: tier.input_price_per_mtok,
        cached_input,
        output: tier.output_price_per_mtok,
        long_context: true,
    })
}
