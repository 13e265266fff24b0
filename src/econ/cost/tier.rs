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
    /// Price per 1M input tokens written to the cache; `None`: the input price.
    pub cache_write: Option<Decimal>,
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
            cache_write_price_per_mtok,
            long_context,
            ..
        } = serving
        else {
            return Ok(None);
        };
        billed_prices(
            BasePrices {
                input: *input_price_per_mtok,
                output: *output_price_per_mtok,
                cached_input: *cached_input_price_per_mtok,
                cache_write: *cache_write_price_per_mtok,
            },
            *input_tokens,
            long_context.as_ref(),
        )
        .map(Some)
    }
}

/// A hosted API's base prices per 1M tokens, as the design gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BasePrices {
    /// Price per 1M input tokens.
    pub input: Decimal,
    /// Price per 1M output tokens.
    pub output: Decimal,
    /// Price per 1M cached input tokens; `None`: the input price.
    pub cached_input: Option<Decimal>,
    /// Price per 1M input tokens written to the cache; `None`: the input price.
    pub cache_write: Option<Decimal>,
}

/// The prices a request of `input_tokens` input tokens is billed at: the tier's when it has more
/// input tokens than the tier's threshold (exactly at it is not above it), else the base prices.
/// In the tier, a cached input (or cache-write) price not given is the tier's input price × the
/// base cached (or cache-write) price ÷ the base input price (the vendor's ratio kept), or the
/// tier's input price where the base gives none (or the base input price is 0).
pub fn billed_prices(
    base: BasePrices,
    input_tokens: Decimal,
    long_context: Option<&LongContext>,
) -> Result<BilledPrices, EconError> {
    let Some(tier) = long_context.filter(|t| t.applies(input_tokens)) else {
        return Ok(BilledPrices {
            input: base.input,
            cached_input: base.cached_input,
            cache_write: base.cache_write,
            output: base.output,
            long_context: false,
        });
    };
    // The tier's own price, else the base price scaled as the tier's input is to the base's.
    let in_tier = |own: Option<Decimal>, base_price: Option<Decimal>| match (own, base_price) {
        (Some(own), _) => Ok(Some(own)),
        (None, Some(base_price)) if !base.input.is_zero() => tier
            .input_price_per_mtok
            .mul(base_price)?
            .div(base.input)
            .map(Some),
        (None, _) => Ok(None),
    };
    Ok(BilledPrices {
        input: tier.input_price_per_mtok,
        cached_input: in_tier(tier.cached_input_price_per_mtok, base.cached_input)?,
        cache_write: in_tier(tier.cache_write_price_per_mtok, base.cache_write)?,
        output: tier.output_price_per_mtok,
        long_context: true,
    })
}
