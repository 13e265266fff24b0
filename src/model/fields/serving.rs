//! The numeric fields of a serving stage: their descriptions, and reading or writing one in a
//! [`Serving`] through one match.

use rust_decimal::Decimal;

use super::{Field, Limits, PRICE_LIMIT, TOKEN_LIMIT, field};
use crate::model::{Serving, Throughput};

/// The serving fields' descriptions, in [`ServingField`]'s order.
const SERVING_FIELDS: [Field; 29] = [
    // InputPrice
    field(
        "input_price_per_mtok",
        "Input price",
        "price per 1M input tokens",
        "/1M tok",
        "The vendor's list price per million input (prompt) tokens, including system prompt and \
         retrieved context.",
        Limits::between(0, PRICE_LIMIT),
    ),
    // OutputPrice
    field(
        "output_price_per_mtok",
        "Output price",
        "price per 1M output tokens",
        "/1M tok",
        "The vendor's list price per million output (completion) tokens.",
        Limits::between(0, PRICE_LIMIT),
    ),
    // PricePerRequest
    field(
        "price_per_request",
        "Price per request",
        "price per request",
        "/request",
        "Any per-call fee on top of tokens (0 if none).",
        Limits::between(0, PRICE_LIMIT),
    ),
    // InputTokens
    field(
        "input_tokens",
        "Input tokens",
        "input tokens per request",
        "tokens",
        "Average input tokens per request.",
        Limits::between(0, TOKEN_LIMIT),
    ),
    // OutputTokens
    field(
        "output_tokens",
        "Output tokens",
        "output tokens per request",
        "tokens",
        "Average output tokens per request.",
        Limits::between(0, TOKEN_LIMIT),
    ),
    // PricePerHour
    field(
        "price_per_hour",
        "Price per hour",
        "instance price per hour",
        "/hour",
        "On-demand (or committed) price of one instance per hour.",
        Limits::between(0, PRICE_LIMIT),
    ),
    // Throughput
    field(
        "throughput",
        "Peak throughput",
        "throughput per instance",
        "",
        "What one instance sustains at acceptable latency, from a load test.",
        Limits::above(0, 1_000_000_000),
    ),
    // TokensPerRequest
    field(
        "tokens_per_request",
        "Tokens per request",
        "tokens per request",
        "tokens",
        "Average input + output tokens per request; needed with tokens/s, and for cost per 1M \
         tokens (0 = not stated).",
        Limits::between(0, TOKEN_LIMIT),
    ),
    // TargetUtilization
    field(
        "target_utilization",
        "Target utilisation",
        "target utilisation",
        "%",
        "The share of peak throughput you plan to use, leaving headroom for bursts (e.g. 60 %).",
        Limits::above(0, 1),
    ),
    // EscalationRate
    field(
        "escalation_rate",
        "Escalation rate",
        "escalation rate",
        "%",
        "The share of requests the primary passes on to the fallback (hard or low-confidence cases).",
        Limits::between(0, 1),
    ),
    // CachedInputShare
    field(
        "cached_input_share",
        "Cached input",
        "share of input tokens cached",
        "%",
        "The share of input tokens the vendor serves from its prompt cache (a long system prompt or \
         shared context repeated across requests).",
        Limits::between(0, 1),
    ),
    // CachedInputPrice
    field(
        "cached_input_price_per_mtok",
        "Cached input price",
        "price per 1M cached input tokens",
        "/1M tok",
        "The vendor's price per million cached input tokens (often a tenth to a half of the input \
         price).",
        Limits::between(0, PRICE_LIMIT),
    ),
    // BatchShare
    field(
        "batch_share",
        "Batched",
        "share of requests batched",
        "%",
        "The share of requests that can wait for the vendor's batch API (results within hours).",
        Limits::between(0, 1),
    ),
    // BatchDiscount
    field(
        "batch_discount_pct",
        "Batch discount",
        "batch discount",
        "% off",
        "The batch API's discount on token prices (often 50 %).",
        Limits::between(0, 100),
    ),
    // Discount
    field(
        "discount_pct",
        "Negotiated discount",
        "negotiated discount",
        "% off",
        "A committed-spend or enterprise discount on token prices.",
        Limits::between(0, 100),
    ),
    // ReservedPrice
    field(
        "reserved.price_per_hour",
        "Reserved price",
        "reserved price per hour",
        "/hour",
        "The reserved price of one instance per hour.",
        Limits::between(0, PRICE_LIMIT),
    ),
    // WhPer1kInput
    field(
        "energy.wh_per_1k_input_tokens",
        "Wh per 1k input tokens",
        "Wh per 1k input tokens",
        "Wh",
        "Energy per 1,000 input tokens, from a published per-token figure.",
        Limits::between(0, PRICE_LIMIT),
    ),
    // WhPer1kOutput
    field(
        "energy.wh_per_1k_output_tokens",
        "Wh per 1k output tokens",
        "Wh per 1k output tokens",
        "Wh",
        "Energy per 1,000 output tokens, from a published per-token figure.",
        Limits::between(0, PRICE_LIMIT),
    ),
    // WhPerRequest
    field(
        "energy.wh_per_request",
        "Wh per request",
        "Wh per request",
        "Wh",
        "Energy per request on top of its tokens.",
        Limits::between(0, PRICE_LIMIT),
    ),
    // WattsMax
    field(
        "power.watts_max",
        "Watts at full load",
        "watts at full load",
        "W",
        "One device's power at full load.",
        Limits::between(0, 100_000),
    ),
    // WattsIdle
    field(
        "power.watts_idle",
        "Watts idle",
        "watts idle",
        "W",
        "One device's power when idle.",
        Limits::between(0, 100_000),
    ),
    // HostWatts
    field(
        "power.host_watts",
        "Host watts",
        "host watts",
        "W",
        "The rest of the instance's host (CPU, memory, fans), per instance.",
        Limits::between(0, 100_000),
    ),
    // LongContextThreshold
    field(
        "long_context.above_input_tokens",
        "Tier threshold",
        "long-context threshold",
        "tokens",
        "A request with more input tokens than this is billed whole (all its input and output) at the \
         long-context prices; exactly this many is not. Compared with the design's average input \
         tokens: a use case of long documents is better written as its own design.",
        Limits::between(1, TOKEN_LIMIT),
    ),
    // LongContextInputPrice
    field(
        "long_context.input_price_per_mtok",
        "Tier input price",
        "long-context price per 1M input tokens",
        "/1M tok",
        "The price per million input tokens of a request above the threshold.",
        Limits::between(0, PRICE_LIMIT),
    ),
    // LongContextOutputPrice
    field(
        "long_context.output_price_per_mtok",
        "Tier output price",
        "long-context price per 1M output tokens",
        "/1M tok",
        "The price per million output tokens of a request above the threshold.",
        Limits::between(0, PRICE_LIMIT),
    ),
    // LongContextCachedInputPrice
    field(
        "long_context.cached_input_price_per_mtok",
        "Tier cached price",
        "long-context price per 1M cached input tokens",
        "/1M tok",
        "The price per million cached input tokens of a request above the threshold (absent: the \
         long-context input price scaled as the cached price is to the input price).",
        Limits::between(0, PRICE_LIMIT),
    ),
    // CacheWriteShare
    field(
        "cache_write_share",
        "Cache writes",
        "share of input tokens written to the cache",
        "%",
        "The share of input tokens written to the vendor's prompt cache (billed at the cache-write \
         price, often dearer than input); with the cached share at most 100 %.",
        Limits::between(0, 1),
    ),
    // CacheWritePrice
    field(
        "cache_write_price_per_mtok",
        "Cache write price",
        "price per 1M input tokens written to the cache",
        "/1M tok",
        "The vendor's price per million input tokens written to its prompt cache (absent: the input \
         price).",
        Limits::between(0, PRICE_LIMIT),
    ),
    // LongContextCacheWritePrice
    field(
        "long_context.cache_write_price_per_mtok",
        "Long-context cache write price",
        "long-context price per 1M input tokens written to the cache",
        "/1M tok",
        "The price per million input tokens written to the cache in a request above the threshold \
         (absent: the long-context input price scaled as the cache-write price is to the input price).",
        Limits::between(0, PRICE_LIMIT),
    ),
];

/// A numeric field of a serving stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServingField {
    /// Hosted API: price per 1M input tokens.
    InputPrice,
    /// Hosted API: price per 1M output tokens.
    OutputPrice,
    /// Hosted API: price per request.
    PricePerRequest,
    /// Hosted API: input tokens per request.
    InputTokens,
    /// Hosted API: output tokens per request.
    OutputTokens,
    /// Self-hosted: price per instance-hour.
    PricePerHour,
    /// Self-hosted: peak throughput of one instance.
    Throughput,
    /// Self-hosted: tokens per request (with a tokens-per-second throughput).
    TokensPerRequest,
    /// Self-hosted: target utilisation.
    TargetUtilization,
    /// Cascade: share of requests escalated.
    EscalationRate,
    /// Share of input tokens served from the prompt cache.
    CachedInputShare,
    /// Price per million cached input tokens.
    CachedInputPrice,
    /// Share of requests through the batch API.
    BatchShare,
    /// The batch API's discount, in percent.
    BatchDiscount,
    /// A negotiated discount, in percent.
    Discount,
    /// The reserved instances' price per hour.
    ReservedPrice,
    /// Hosted API: Wh per 1,000 input tokens.
    WhPer1kInput,
    /// Hosted API: Wh per 1,000 output tokens.
    WhPer1kOutput,
    /// Hosted API: Wh per request.
    WhPerRequest,
    /// Self-hosted: one device's watts at full load.
    WattsMax,
    /// Self-hosted: one device's watts idle.
    WattsIdle,
    /// Self-hosted: the host's watts.
    HostWatts,
    /// Hosted API: the input tokens above which a request is billed at the long-context prices.
    LongContextThreshold,
    /// Hosted API: the long-context price per 1M input tokens.
    LongContextInputPrice,
    /// Hosted API: the long-context price per 1M output tokens.
    LongContextOutputPrice,
    /// Hosted API: the long-context price per 1M cached input tokens.
    LongContextCachedInputPrice,
    /// Hosted API: the share of input tokens written to the prompt cache.
    CacheWriteShare,
    /// Hosted API: the price per 1M input tokens written to the cache.
    CacheWritePrice,
    /// Hosted API: the long-context price per 1M input tokens written to the cache.
    LongContextCacheWritePrice,
}

/// The place of `field` in `serving`, shared or mutable (`as_ref` or `as_mut`, and `mut`): one
/// match for reading and writing.
macro_rules! stage_field {
    ($serving:expr, $field:expr, $as:ident $(, $m:tt)?) => {{
        use ServingField as F;
        match $serving {
            Serving::HostedApi {
                input_price_per_mtok,
                output_price_per_mtok,
                price_per_request,
                input_tokens,
                output_tokens,
                cached_input_share,
                cached_input_price_per_mtok,
                cache_write_share,
                cache_write_price_per_mtok,
                batch_share,
                batch_discount_pct,
                discount_pct,
                energy,
                long_context,
            } => match $field {
                F::InputPrice => Some(input_price_per_mtok),
                F::OutputPrice => Some(output_price_per_mtok),
                F::PricePerRequest => Some(price_per_request),
                F::InputTokens => Some(input_tokens),
                F::OutputTokens => Some(output_tokens),
                F::CachedInputShare => Some(cached_input_share),
                F::CachedInputPrice => cached_input_price_per_mtok.$as(),
                F::BatchShare => Some(batch_share),
                F::BatchDiscount => Some(batch_discount_pct),
                F::Discount => Some(discount_pct),
                F::WhPer1kInput => energy.$as().map(|e| &$($m)? e.wh_per_1k_input_tokens),
                F::WhPer1kOutput => energy.$as().map(|e| &$($m)? e.wh_per_1k_output_tokens),
                F::WhPerRequest => energy.$as().map(|e| &$($m)? e.wh_per_request),
                F::LongContextThreshold => long_context.$as().map(|l| &$($m)? l.above_input_tokens),
                F::LongContextInputPrice => long_context.$as().map(|l| &$($m)? l.input_price_per_mtok),
                F::LongContextOutputPrice => {
                    long_context.$as().map(|l| &$($m)? l.output_price_per_mtok)
                }
                F::LongContextCachedInputPrice => long_context
                    .$as()
                    .and_then(|l| l.cached_input_price_per_mtok.$as()),
                F::CacheWriteShare => Some(cache_write_share),
                F::CacheWritePrice => cache_write_price_per_mtok.$as(),
                F::LongContextCacheWritePrice => long_context
                    .$as()
                    .and_then(|l| l.cache_write_price_per_mtok.$as()),
                _ => None,
            },
            Serving::SelfHosted {
                price_per_hour,
                throughput,
                tokens_per_request,
                target_utilization,
                reserved,
                power,
                ..
            } => match $field {
                F::PricePerHour => Some(price_per_hour),
                F::Throughput => match throughput {
                    Throughput::RequestsPerSecond(v) | Throughput::TokensPerSecond(v) => Some(v),
                },
                F::TokensPerRequest => Some(tokens_per_request),
                F::TargetUtilization => Some(target_utilization),
                F::ReservedPrice => reserved.$as().map(|r| &$($m)? r.price_per_hour),
                F::WattsMax => power.$as().map(|p| &$($m)? p.watts_max),
                F::WattsIdle => power.$as().map(|p| &$($m)? p.watts_idle),
                F::HostWatts => power.$as().map(|p| &$($m)? p.host_watts),
                _ => None,
            },
            Serving::Cascade {
                escalation_rate, ..
            } => match $field {
                F::EscalationRate => Some(escalation_rate),
                _ => None,
            },
            Serving::Routed { .. } => None,
        }
    }};
}

impl ServingField {
    /// A hosted API's fields, in the order validation checks them.
    pub const HOSTED: [ServingField; 17] = [
        ServingField::CachedInputShare,
        ServingField::CacheWriteShare,
        ServingField::BatchShare,
        ServingField::BatchDiscount,
        ServingField::Discount,
        ServingField::CachedInputPrice,
        ServingField::CacheWritePrice,
        ServingField::InputPrice,
        ServingField::OutputPrice,
        ServingField::PricePerRequest,
        ServingField::InputTokens,
        ServingField::OutputTokens,
        ServingField::LongContextThreshold,
        ServingField::LongContextInputPrice,
        ServingField::LongContextOutputPrice,
        ServingField::LongContextCachedInputPrice,
        ServingField::LongContextCacheWritePrice,
    ];

    /// A hosted API's long-context tier's fields, in the order the editor shows them.
    pub const LONG_CONTEXT: [ServingField; 5] = [
        ServingField::LongContextThreshold,
        ServingField::LongContextInputPrice,
        ServingField::LongContextOutputPrice,
        ServingField::LongContextCachedInputPrice,
        ServingField::LongContextCacheWritePrice,
    ];

    /// An energy figure (per token or an instance's power): it moves ROI with carbon only.
    pub fn is_energy(self) -> bool {
        matches!(
            self,
            ServingField::WhPer1kInput
                | ServingField::WhPer1kOutput
                | ServingField::WhPerRequest
                | ServingField::WattsMax
                | ServingField::WattsIdle
                | ServingField::HostWatts
        )
    }

    /// The field's description.
    pub fn field(self) -> Field {
        SERVING_FIELDS[self as usize]
    }

    /// The field's value in `serving`, `None` where the serving has no such field (a hosted
    /// API's price per hour, an absent cached price or power).
    pub fn read(self, serving: &Serving) -> Option<Decimal> {
        stage_field!(serving, self, as_ref).copied()
    }

    /// The field's place in `serving`, to change it.
    pub fn slot(self, serving: &mut Serving) -> Option<&mut Decimal> {
        stage_field!(serving, self, as_mut, mut)
    }
}
