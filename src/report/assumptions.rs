//! The inputs behind the figures, in words: per design what drives its cost and value, with
//! the sources and their dates, and which prices are stale.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::format::{self, md_code, md_text as escape};
use crate::model::catalog::stale_months;
use crate::model::fields;
use crate::model::{Date, Design, Scenario, Serving, Throughput};

/// "; 60 % of input tokens cached at $1.25 per 1M; 5 % of input tokens written to the cache at
/// $3.75 per 1M; 30 % of requests through the batch API at 50 % off; a negotiated 10 % off" —
/// the levers in use, or nothing. The cache parts are `(share, price)`.
fn pricing_levers(
    input_price: Decimal,
    (cached_share, cached_price): (Decimal, Option<Decimal>),
    (write_share, write_price): (Decimal, Option<Decimal>),
    (batch_share, batch_discount): (Decimal, Decimal),
    discount: Decimal,
    currency: &str,
) -> String {
    let money = |d: Decimal| format::money_exact(d, currency);
    let pct = |d: Decimal| (d * Decimal::ONE_HUNDRED).normalize();
    let mut text = String::new();
    if !cached_share.is_zero() {
        let _ = write!(
            text,
            "; {} % of input tokens cached at {} per 1M",
            pct(cached_share),
            money(cached_price.unwrap_or(input_price))
        );
    }
    if !write_share.is_zero() {
        let _ = write!(
            text,
            "; {} % of input tokens written to the cache at {} per 1M",
            pct(write_share),
            money(write_price.unwrap_or(input_price))
        );
    }
    if !batch_share.is_zero() && !batch_discount.is_zero() {
        let _ = write!(
            text,
            "; {} % of requests through the batch API at {} % off",
            pct(batch_share),
            batch_discount.normalize()
        );
    }
    if !discount.is_zero() {
        let _ = write!(text, "; a negotiated {} % off", discount.normalize());
    }
    text
}

/// "; above 200,000 input tokens a request, the whole request at $5.00 / $22.50 per 1M input /
/// output tokens (the average request, 3,000 input tokens, is not above it)": a hosted API's
/// long-context tier and whether the design's average request is billed at it.
pub fn long_context_text(
    tier: &crate::model::LongContext,
    input_tokens: Decimal,
    currency: &str,
) -> String {
    let money = |d: Decimal| format::money_exact(d, currency);
    let cached = tier
        .cached_input_price_per_mtok
        .map_or_else(String::new, |c| format!(", cached input {}", money(c)));
    let written = tier
        .cache_write_price_per_mtok
        .map_or_else(String::new, |c| format!(", cache writes {}", money(c)));
    format!(
        "; above {} input tokens a request, the whole request at {} / {} per 1M input / output \
         tokens{cached}{written} (the average request, {} input tokens, is {}above it)",
        format::whole(tier.above_input_tokens),
        money(tier.input_price_per_mtok),
        money(tier.output_price_per_mtok),
        format::whole(input_tokens),
        if tier.applies(input_tokens) {
            ""
        } else {
            "not "
        }
    )
}

/// Each hosted stage with a long-context tier in the scenario's designs, one line each:
/// "Long docs: above 200,000 input tokens a request, …" (a cascade's stages named).
pub fn long_context_lines(scenario: &crate::model::Scenario) -> Vec<String> {
    fn walk(serving: &Serving, name: &str, currency: &str, out: &mut Vec<String>) {
        match serving {
            Serving::HostedApi {
                long_context: Some(tier),
                input_tokens,
                ..
            } => {
                let text = long_context_text(tier, *input_tokens, currency);
                out.push(format!("{name}: {}", text.trim_start_matches("; ")));
            }
            Serving::Cascade {
                primary, fallback, ..
            } => {
                walk(primary, &format!("{name} (primary)"), currency, out);
                walk(fallback, &format!("{name} (fallback)"), currency, out);
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for design in &scenario.designs {
        walk(&design.serving, &design.name, &scenario.currency, &mut out);
    }
    out
}

/// ", 2 reserved at $0.60/hour (…), 1 device(s) of 700 W (…)": a self-hosted stage's reserved
/// instances and power, where given.
fn capacity_extras(
    reserved: Option<crate::model::Reserved>,
    power: Option<crate::model::Power>,
    currency: &str,
) -> String {
    let reserved = reserved.map_or_else(String::new, |r| {
        format!(
            ", {} reserved at {}/hour (paid whether used or not)",
            r.instances,
            format::money_exact(r.price_per_hour, currency)
        )
    });
    let power = power.map_or_else(String::new, |p| {
        format!(
            ", {} device(s) of {} W ({} W idle) + {} W host per instance",
            p.devices,
            format::grouped(p.watts_max),
            format::grouped(p.watts_idle),
            format::grouped(p.host_watts)
        )
    });
    reserved + &power
}

/// "; energy 0.1 / 2 Wh per 1k input / output tokens (data centre included)".
fn token_energy_text(e: &crate::model::TokenEnergy) -> String {
    format!(
        "; energy {} / {} Wh per 1k input / output tokens{}{}",
        e.wh_per_1k_input_tokens.normalize(),
        e.wh_per_1k_output_tokens.normalize(),
        if e.wh_per_request.is_zero() {
            String::new()
        } else {
            format!(" + {} Wh per request", e.wh_per_request.normalize())
        },
        if e.includes_pue {
            " (data centre included)"
        } else {
            ""
        }
    )
}

/// The carbon line and its sources, when the scenario has a carbon section.
fn carbon_markdown(scenario: &Scenario, today: Date) -> String {
    let mut out = String::new();
    let Some(c) = &scenario.carbon else {
        return out;
    };
    let _ = writeln!(
        out,
        "\nCarbon: grid {} gCO₂e per kWh, PUE {}, carbon priced at {} a tonne.",
        c.grid_g_per_kwh.normalize(),
        c.pue.normalize(),
        format::money_exact(c.price_per_tonne, &scenario.currency)
    );
    for source in &c.sources {
        out.push_str(&source_line(source, today));
    }
    out
}

/// "- Source: what (as of date) — <url>", flagged when older than 12 months.
fn source_line(source: &crate::model::Source, today: Date) -> String {
    let link = if source.url.is_empty() {
        String::new()
    } else if is_link(&source.url) {
        format!(" — <{}>", source.url)
    } else {
        // Not a web address a reader can follow safely: shown as text, never a link.
        format!(" — {}", escape(&source.url))
    };
    let stale = stale_months(source.as_of, today).map_or_else(String::new, |m| {
        format!(" — **stale source: {m} months old**")
    });
    format!(
        "- Source: {} (as of {}){link}{stale}\n",
        escape(&source.what),
        source.as_of
    )
}

/// Whether a source's address is written as a link (a Markdown autolink, which the review pack
/// turns into the only kind of link it has): an `http(s)` address with nothing that would end
/// the autolink early or break the line.
pub fn is_link(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '\\'))
}

/// "- Runs on its own site: grid 56 gCO₂e per kWh PUE 1.1" for a design with its own grid or PUE.
fn site_line(design: &crate::model::Design) -> String {
    if design.grid_g_per_kwh.is_none() && design.pue.is_none() {
        return String::new();
    }
    format!(
        "- Runs on its own site: {}{}\n",
        design.grid_g_per_kwh.map_or_else(String::new, |g| format!(
            "grid {} gCO₂e per kWh ",
            g.normalize()
        )),
        design
            .pue
            .map_or_else(String::new, |p| format!("PUE {}", p.normalize()))
    )
}

/// A hosted stage's line: prices, tokens, per-request fee, energy, pricing levers and tier.
fn hosted_summary(serving: &Serving, currency: &str) -> String {
    let money = |d: Decimal| format::money_exact(d, currency);
    let Serving::HostedApi {
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
    } = serving
    else {
        return String::new();
    };
    let mut text = format!(
        "hosted API at {} / {} per 1M input / output tokens, {} input + {} output tokens per request",
        money(*input_price_per_mtok),
        money(*output_price_per_mtok),
        format::whole(*input_tokens),
        format::whole(*output_tokens)
    );
    if !price_per_request.is_zero() {
        let _ = write!(text, ", plus {} per request", money(*price_per_request));
    }
    if let Some(e) = energy {
        text.push_str(&token_energy_text(e));
    }
    text.push_str(&pricing_levers(
        *input_price_per_mtok,
        (*cached_input_share, *cached_input_price_per_mtok),
        (*cache_write_share, *cache_write_price_per_mtok),
        (*batch_share, *batch_discount_pct),
        *discount_pct,
        currency,
    ));
    if let Some(tier) = long_context {
        text.push_str(&long_context_text(tier, *input_tokens, currency));
    }
    text
}

/// One line describing a serving stage: "hosted API at $2.50 / $10.00 per 1M input / output tokens …".
pub fn serving_summary(serving: &Serving, currency: &str) -> String {
    let money = |d: Decimal| format::money_exact(d, currency);
    match serving {
        Serving::HostedApi { .. } => hosted_summary(serving, currency),
        Serving::SelfHosted {
            hardware,
            instance,
            price_per_hour,
            throughput,
            tokens_per_request,
            target_utilization,
            min_instances,
            max_instances,
            reserved,
            power,
        } => {
            let rate = match throughput {
                Throughput::RequestsPerSecond(x) => format!("{} requests/s", format::grouped(*x)),
                Throughput::TokensPerSecond(x) => {
                    format!(
                        "{} tokens/s at {} tokens per request",
                        format::grouped(*x),
                        format::whole(*tokens_per_request)
                    )
                }
            };
            let kind = match hardware {
                crate::model::Hardware::Gpu => "GPU",
                crate::model::Hardware::Cpu => "CPU",
            };
            let name = if instance.is_empty() {
                String::new()
            } else {
                format!(" {instance}")
            };
            let max =
                max_instances.map_or_else(|| "no maximum".to_owned(), |m| format!("at most {m}"));
            let extras = capacity_extras(*reserved, *power, currency);
            format!(
                "self-hosted {kind}{name} at {}/hour, {rate} per instance at {} % utilisation, at \
                    least {min_instances} instance(s), {max}{extras}",
                money(*price_per_hour),
                (*target_utilization * Decimal::ONE_HUNDRED).normalize()
            )
        }
        Serving::Routed { routes } => {
            let routes: Vec<String> = routes
                .iter()
                .map(|(case, route)| match route.design() {
                    Some(design) => format!("{case} → {design}"),
                    None => format!("{case} → no AI"),
                })
                .collect();
            format!("routed: {}", routes.join("; "))
        }
        Serving::Cascade {
            primary,
            fallback,
            escalation_rate,
        } => format!(
            "cascade: every request to the primary ({}); {} % escalated to the fallback ({})",
            serving_summary(primary, currency),
            (*escalation_rate * Decimal::ONE_HUNDRED).normalize(),
            serving_summary(fallback, currency)
        ),
    }
}

/// "80 % (Complaint triage 90 %)".
fn success_text(design: &Design) -> String {
    let pct = |d: Decimal| format!("{} %", (d * Decimal::ONE_HUNDRED).normalize());
    let overrides: Vec<String> = design
        .success_by_use_case
        .iter()
        .map(|(name, rate)| format!("{name} {}", pct(*rate)))
        .collect();
    if overrides.is_empty() {
        pct(design.success_rate)
    } else {
        format!("{} ({})", pct(design.success_rate), overrides.join(", "))
    }
}

/// Every source older than 12 months, the designs' then the carbon section's: "design: what (as
/// of date, N months old)".
pub fn stale_sources(scenario: &Scenario, today: Date) -> Vec<String> {
    let carbon = scenario.carbon.iter().flat_map(|c| &c.sources);
    scenario
        .designs
        .iter()
        .flat_map(|d| d.sources.iter().map(move |s| (d.name.as_str(), s)))
        .chain(carbon.map(|s| ("Energy and carbon", s)))
        .filter_map(|(whose, source)| {
            let months = stale_months(source.as_of, today)?;
            Some(format!(
                "{whose}: {} (as of {}, {months} months old)",
                source.what, source.as_of
            ))
        })
        .collect()
}

/// The Markdown "Assumptions" section: use cases, then each design's inputs and sources.
pub fn assumptions_markdown(scenario: &Scenario, today: Date) -> String {
    // Uncertain inputs show their medians as people read them, their ranges beside.
    let shown = crate::econ::simulate::readable_medians(scenario);
    let scenario = &shown;
    let currency = &scenario.currency;
    let mut out = String::from("## Assumptions\n\n");
    let _ = writeln!(
        out,
        "All amounts in {currency}; {} hours per month{}. Use cases (share of requests, value of one successful \
            outcome):\n",
        super::exact(scenario.hours_per_month),
        if scenario.volume.peak_to_average == Decimal::ONE {
            String::new()
        } else {
            format!(
                "; the busiest hour carries {}× the average hour's traffic (self-hosted fleets are sized for it)",
                scenario.volume.peak_to_average.normalize()
            )
        }
    );
    for case in &scenario.use_cases {
        let size = if case.size == Decimal::ONE {
            String::new()
        } else {
            format!(", requests {} × the average size", case.size.normalize())
        };
        let _ = writeln!(
            out,
            "- {}: {} % of requests, {} per success{size}",
            escape(&case.name),
            (case.share * Decimal::ONE_HUNDRED).normalize(),
            format::money_exact(case.value_per_success, currency)
        );
    }
    // Ranges of the scenario as a whole and of the use cases.
    let shared: Vec<String> = scenario
        .ranges
        .iter()
        .filter(|(path, _)| !path.starts_with("designs["))
        .map(|(path, r)| format!("`{}` Range({}, {})", md_code(path), r.low, r.high))
        .collect();
    if !shared.is_empty() {
        let _ = writeln!(
            out,
            "\nUncertain (90 % intervals; the figures use their medians, shown above to 3 digits): {}",
            shared.join(", ")
        );
    }
    out.push_str(&carbon_markdown(scenario, today));
    for (index, design) in scenario.designs.iter().enumerate() {
        let _ = writeln!(out, "\n### {}\n", escape(&design.name));
        out.push_str(&site_line(design));
        let _ = writeln!(
            out,
            "- Serving: {}",
            escape(&serving_summary(&design.serving, currency))
        );
        let _ = writeln!(
            out,
            "- {}: {}",
            fields::SUCCESS_RATE.label,
            escape(&success_text(design))
        );
        let _ = writeln!(
            out,
            "- Other costs: {} {} % of serving, {} fixed per month, {} one-time over {} month(s)",
            fields::OVERHEAD_PCT.phrase,
            design.overhead_pct.normalize(),
            format::money_exact(design.fixed_monthly, currency),
            format::money_exact(design.one_time.amount, currency),
            design.one_time.months
        );
        let prefix = format!("designs[{index}].");
        let uncertain: Vec<String> = scenario
            .ranges
            .iter()
            .filter_map(|(path, r)| {
                path.strip_prefix(&prefix)
                    .map(|field| format!("`{}` Range({}, {})", md_code(field), r.low, r.high))
            })
            .collect();
        if !uncertain.is_empty() {
            let _ = writeln!(
                out,
                "- Uncertain (90 % intervals; the figures use their medians, shown above to 3 digits): {}",
                uncertain.join(", ")
            );
        }
        if !design.notes.trim().is_empty() {
            let _ = writeln!(out, "- Notes: {}", escape(design.notes.trim()));
        }
        if design.sources.is_empty() {
            out.push_str("- Sources: **none given**\n");
        }
        for source in &design.sources {
            out.push_str(&source_line(source, today));
        }
    }
    out
}
