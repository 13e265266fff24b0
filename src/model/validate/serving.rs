//! The checks of a serving's figures, one arm per serving kind.

use super::{Bound, Checker};
use crate::model::{Serving, Throughput};

impl Checker {
    // One arm per serving kind: the checks read best side by side.
    #[allow(clippy::too_many_lines)]
    pub(super) fn serving(&mut self, path: &str, serving: &Serving) {
        const PRICE_LIMIT: i64 = 1_000_000;
        const TOKEN_LIMIT: i64 = 100_000_000;
        match serving {
            Serving::HostedApi {
                input_price_per_mtok,
                output_price_per_mtok,
                price_per_request,
                input_tokens,
                output_tokens,
                cached_input_share,
                cached_input_price_per_mtok,
                batch_share,
                batch_discount_pct,
                discount_pct,
                energy,
            } => {
                if let Some(e) = energy {
                    self.token_energy(&format!("{path}.energy"), e);
                }
                for (field, value) in [
                    ("cached_input_share", cached_input_share),
                    ("batch_share", batch_share),
                ] {
                    self.range(
                        &format!("{path}.{field}"),
                        *value,
                        Bound::Incl(0),
                        Bound::Incl(1),
                    );
                }
                for (field, value) in [
                    ("batch_discount_pct", batch_discount_pct),
                    ("discount_pct", discount_pct),
                ] {
                    self.range(
                        &format!("{path}.{field}"),
                        *value,
                        Bound::Incl(0),
                        Bound::Incl(100),
                    );
                }
                if let Some(price) = cached_input_price_per_mtok {
                    self.range(
                        &format!("{path}.cached_input_price_per_mtok"),
                        *price,
                        Bound::Incl(0),
                        Bound::Incl(PRICE_LIMIT),
                    );
                }
                for (field, value, limit) in [
                    ("input_price_per_mtok", input_price_per_mtok, PRICE_LIMIT),
                    ("output_price_per_mtok", output_price_per_mtok, PRICE_LIMIT),
                    ("price_per_request", price_per_request, PRICE_LIMIT),
                    ("input_tokens", input_tokens, TOKEN_LIMIT),
                    ("output_tokens", output_tokens, TOKEN_LIMIT),
                ] {
                    self.range(
                        &format!("{path}.{field}"),
                        *value,
                        Bound::Incl(0),
                        Bound::Incl(limit),
                    );
                }
            }
            Serving::SelfHosted {
                price_per_hour,
                throughput,
                tokens_per_request,
                target_utilization,
                min_instances,
                max_instances,
                reserved,
                power,
                ..
            } => {
                if let Some(p) = power {
                    self.power(&format!("{path}.power"), p);
                }
                if let Some(r) = reserved {
                    self.range(
                        &format!("{path}.reserved.price_per_hour"),
                        r.price_per_hour,
                        Bound::Incl(0),
                        Bound::Incl(PRICE_LIMIT),
                    );
                    let limit = max_instances.unwrap_or(1_000_000);
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
                self.range(
                    &format!("{path}.price_per_hour"),
                    *price_per_hour,
                    Bound::Incl(0),
                    Bound::Incl(PRICE_LIMIT),
                );
                let (variant, rate) = match throughput {
                    Throughput::RequestsPerSecond(x) => ("RequestsPerSecond", *x),
                    Throughput::TokensPerSecond(x) => ("TokensPerSecond", *x),
                };
                self.range(
                    &format!("{path}.throughput.{variant}"),
                    rate,
                    Bound::Excl(0),
                    Bound::Incl(1_000_000_000),
                );
                self.range(
                    &format!("{path}.tokens_per_request"),
                    *tokens_per_request,
                    Bound::Incl(0),
                    Bound::Incl(TOKEN_LIMIT),
                );
                if matches!(throughput, Throughput::TokensPerSecond(_))
                    && tokens_per_request.is_zero()
                {
                    self.error(
                        format!("{path}.tokens_per_request"),
                        "must be above 0 when throughput is given in TokensPerSecond, got 0",
                    );
                }
                self.range(
                    &format!("{path}.target_utilization"),
                    *target_utilization,
                    Bound::Excl(0),
                    Bound::Incl(1),
                );
                if *min_instances > 1_000_000 {
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
                self.range(
                    &format!("{path}.escalation_rate"),
                    *escalation_rate,
                    Bound::Incl(0),
                    Bound::Incl(1),
                );
            }
        }
    }
}
