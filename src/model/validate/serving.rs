//! The checks of a serving's figures, one function per serving kind. Each figure's limits are its
//! field's own ([`crate::model::fields`]); what is checked here beyond them is how the figures
//! fit together.

use rust_decimal::Decimal;

use super::Checker;
use crate::model::fields::ServingField;
use crate::model::{Reserved, Serving, Throughput};

/// The instance counts the file allows.
const MAX_INSTANCES: u32 = 1_000_000;

impl Checker {
    pub(super) fn serving(&mut self, path: &str, serving: &Serving) {
        match serving {
            Serving::HostedApi {
                energy,
                long_context,
                cached_input_share,
                cache_write_share,
                ..
            } => {
                if let Some(e) = energy {
                    self.token_energy(&format!("{path}.energy"), e);
                }
                self.fields(path, serving, &ServingField::HOSTED);
                // Cached reads and cache writes are parts of the same input tokens (each share
                // alone out of 0–1 is already refused by its limits).
                if *cached_input_share <= Decimal::ONE
                    && *cache_write_share <= Decimal::ONE
                    && *cached_input_share + *cache_write_share > Decimal::ONE
                {
                    self.error(
                        format!("{path}.cache_write_share"),
                        format!(
                            "with cached_input_share ({cached_input_share}) must be at most 1 \
                             (they are shares of the same input tokens), got {cache_write_share}"
                        ),
                    );
                }
                if let Some(tier) = long_context
                    && !tier.above_input_tokens.fract().is_zero()
                {
                    self.error(
                        format!("{path}.long_context.above_input_tokens"),
                        format!(
                            "must be a whole number of tokens, got {}",
                            tier.above_input_tokens
                        ),
                    );
                }
            }
            Serving::SelfHosted { .. } => self.self_hosted(path, serving),
            // Checked against the scenario's designs and use cases in `routes`.
            Serving::Routed { .. } => {}
            Serving::Cascade {
                primary,
                fallback,
                escalation_rate,
            } => {
                for (stage, serving) in [("primary", primary), ("fallback", fallback)] {
                    if matches!(**serving, Serving::Routed { .. }) {
                        self.error(
                            format!("{path}.{stage}"),
                            "is Routed: a cascade's stages must be served, not routed \
                             (make the routed design its own design instead)",
                        );
                    }
                }
                self.serving(&format!("{path}.primary"), primary);
                self.serving(&format!("{path}.fallback"), fallback);
                self.within(path, ServingField::EscalationRate, *escalation_rate);
            }
        }
    }

    /// Each of `fields` that `serving` holds, within its limits.
    fn fields(&mut self, path: &str, serving: &Serving, fields: &[ServingField]) {
        for &field in fields {
            if let Some(value) = field.read(serving) {
                self.limited(
                    &format!("{path}.{}", field.field().key),
                    field.field(),
                    value,
                );
            }
        }
    }

    fn self_hosted(&mut self, path: &str, serving: &Serving) {
        let Serving::SelfHosted {
            throughput,
            tokens_per_request,
            min_instances,
            max_instances,
            reserved,
            power,
            ..
        } = serving
        else {
            return;
        };
        if let Some(p) = power {
            self.power(&format!("{path}.power"), p);
        }
        if let Some(r) = reserved {
            self.reserved(path, r, *max_instances);
        }
        self.fields(path, serving, &[ServingField::PricePerHour]);
        // The throughput's path names its unit: `throughput.TokensPerSecond`.
        let (unit, rate) = match throughput {
            Throughput::RequestsPerSecond(x) => ("RequestsPerSecond", *x),
            Throughput::TokensPerSecond(x) => ("TokensPerSecond", *x),
        };
        let field = ServingField::Throughput.field();
        self.limited(&format!("{path}.throughput.{unit}"), field, rate);
        self.fields(path, serving, &[ServingField::TokensPerRequest]);
        if matches!(throughput, Throughput::TokensPerSecond(_)) && tokens_per_request.is_zero() {
            self.error(
                format!("{path}.tokens_per_request"),
                "must be above 0 when throughput is given in TokensPerSecond, got 0",
            );
        }
        self.fields(path, serving, &[ServingField::TargetUtilization]);
        if *min_instances > MAX_INSTANCES {
            self.error(
                format!("{path}.min_instances"),
                format!("must be at most 1,000,000, got {min_instances}"),
            );
        }
        if let Some(max) = max_instances
            && *max < (*min_instances).max(1)
        {
            self.error(
                format!("{path}.max_instances"),
                format!(
                    "must be at least 1 and at least min_instances ({min_instances}), got {max}"
                ),
            );
        }
    }

    /// Reserved instances: their price within its limits, their count within the fleet's
    /// maximum.
    fn reserved(&mut self, path: &str, r: &Reserved, max_instances: Option<u32>) {
        let field = ServingField::ReservedPrice.field();
        self.limited(&format!("{path}.{}", field.key), field, r.price_per_hour);
        let limit = max_instances.unwrap_or(MAX_INSTANCES);
        if r.instances > limit {
            self.error(
                format!("{path}.reserved.instances"),
                format!(
                    "must be at most max_instances ({limit}), got {}",
                    r.instances
                ),
            );
        }
    }
}
