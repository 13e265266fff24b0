//! Priced cache writes on a hosted API: the share of input tokens written to the vendor's prompt
//! cache at its cache-write price (`docs/method.md#pricing-as-bills-charge-it`), worked by hand
//! with and without the long-context tier; a plain formula against the engine; validation; files
//! without the fields unchanged; presets and what-if inputs.
//!
//! Costs are read at 1,000,000 requests a month, where a month's serving cost in dollars is the
//! per-request cost in dollars per million requests: tokens × price per 1M tokens, summed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{d, design, one_use_case, scenario_with};
use inference_roi::econ::cost::CostModel;
use inference_roi::econ::validate;
use inference_roi::econ::whatif::{self, Input, Seek, ServingField, goal_seek};
use inference_roi::io;
use inference_roi::io::catalog::bundled_catalog;
use inference_roi::model::catalog::Preset;
use inference_roi::model::{Scenario, Serving, Severity};
use proptest::prelude::*;
use rust_decimal::Decimal;

const MILLION: u64 = 1_000_000;

/// Base prices $3 / $15 per 1M input / output tokens, cached reads $0.30; `extra` adds fields.
fn hosted(input_tokens: &str, extra: &str) -> String {
    format!(
        "HostedApi(input_price_per_mtok: 3, output_price_per_mtok: 15, input_tokens: {input_tokens}, \
         output_tokens: 1000, cached_input_price_per_mtok: 0.30, {extra})"
    )
}

/// The same with a long-context tier above 200,000 input tokens at $6 / $22.50; `tier` adds
/// fields to the tier.
fn tiered(input_tokens: &str, extra: &str, tier: &str) -> String {
    hosted(
        input_tokens,
        &format!(
            "{extra} long_context: Some(LongContext(above_input_tokens: 200000, \
             input_price_per_mtok: 6, output_price_per_mtok: 22.50{tier})),"
        ),
    )
}

fn scenario(serving: &str) -> Scenario {
    scenario_with(
        "730",
        (MILLION, 1_000, 100_000_000),
        &one_use_case("3"),
        &design("api", serving, "success_rate: 1"),
    )
}

/// The serving cost of the scenario's first design at 1,000,000 requests a month.
fn cost(s: &Scenario) -> Decimal {
    CostModel::new(s, &s.designs[0])
        .unwrap()
        .serving_cost(MILLION)
        .unwrap()
}

#[test]
fn cache_writes_by_hand_without_the_tier() {
    // No writes, half cached: 0.5 × $3 + 0.5 × $0.30 = $1.65 → 10,000 × 1.65 = $16,500; output
    // 1,000 × $15 = $15,000; $31,500.
    let none = hosted("10000", "cached_input_share: 0.5,");
    assert_eq!(cost(&scenario(&none)), d("31500"));
    // 10 % written at $3.75: 0.4 × 3 + 0.5 × 0.30 + 0.1 × 3.75 = 1.20 + 0.15 + 0.375 = $1.725
    // → $17,250 + $15,000 = $32,250.
    let writes =
        "cached_input_share: 0.5, cache_write_share: 0.1, cache_write_price_per_mtok: 3.75,";
    assert_eq!(cost(&scenario(&hosted("10000", writes))), d("32250"));
    // No cache-write price: writes at the input price, $3, the same as no writes: $31,500.
    let unpriced = "cached_input_share: 0.5, cache_write_share: 0.1,";
    assert_eq!(cost(&scenario(&hosted("10000", unpriced))), d("31500"));
    // Writes only, no reads: 0.8 × 3 + 0.2 × 3.75 = 2.40 + 0.75 = $3.15 → $31,500 + $15,000.
    let only = "cache_write_share: 0.2, cache_write_price_per_mtok: 3.75,";
    assert_eq!(cost(&scenario(&hosted("10000", only))), d("46500"));
    // All of the input read or written (c + w = 1): 0.5 × 0.30 + 0.5 × 3.75 = $2.025 → $20,250
    // + $15,000.
    let all = "cached_input_share: 0.5, cache_write_share: 0.5, cache_write_price_per_mtok: 3.75,";
    assert_eq!(cost(&scenario(&hosted("10000", all))), d("35250"));
    // The rest of the formula is unchanged: half the requests batched at 50 % off (× 0.75), a
    // negotiated 10 % off (× 0.9), $0.001 a request: $32,250 × 0.675 = $21,768.75 + $1,000.
    let levers = format!(
        "{writes} batch_share: 0.5, batch_discount_pct: 50, discount_pct: 10, \
         price_per_request: 0.001,"
    );
    assert_eq!(cost(&scenario(&hosted("10000", &levers))), d("22768.75"));
}

#[test]
fn cache_writes_by_hand_with_the_tier() {
    let writes =
        "cached_input_share: 0.5, cache_write_share: 0.1, cache_write_price_per_mtok: 3.75,";
    // Below the threshold (100,000 input tokens) the base prices: $1.725 → $172,500 + $15,000.
    assert_eq!(cost(&scenario(&tiered("100000", writes, ""))), d("187500"));
    // Above it (300,000), no writes: cached at $6 × 0.30 ÷ 3 = $0.60; 0.5 × 6 + 0.5 × 0.60 =
    // $3.30 → $990,000; output 1,000 × $22.50 = $22,500; $1,012,500.
    let reads = "cached_input_share: 0.5,";
    assert_eq!(cost(&scenario(&tiered("300000", reads, ""))), d("1012500"));
    // Above it with writes and no tier cache-write price: $6 × 3.75 ÷ 3 = $7.50 (the design's
    // ratio kept); 0.4 × 6 + 0.5 × 0.60 + 0.1 × 7.50 = 2.40 + 0.30 + 0.75 = $3.45 → $1,035,000
    // + $22,500.
    assert_eq!(cost(&scenario(&tiered("300000", writes, ""))), d("1057500"));
    // The tier's own cache-write price, $9: 2.40 + 0.30 + 0.90 = $3.60 → $1,080,000 + $22,500.
    let own = ", cache_write_price_per_mtok: 9";
    assert_eq!(
        cost(&scenario(&tiered("300000", writes, own))),
        d("1102500")
    );
    // No cache-write price anywhere: writes at the tier's input price, $6: 2.40 + 0.30 + 0.60 =
    // $3.30, as without writes.
    let unpriced = "cached_input_share: 0.5, cache_write_share: 0.1,";
    assert_eq!(
        cost(&scenario(&tiered("300000", unpriced, ""))),
        d("1012500")
    );
}

/// The cost per request in dollars by the formula of `docs/method.md`, written out here.
struct Plain {
    input: Decimal,
    output: Decimal,
    /// Base input, output, cached and (optional) cache-write prices.
    base: (Decimal, Decimal, Decimal, Option<Decimal>),
    /// The threshold, the tier's input and output prices, its optional cache-write price.
    tier: (Decimal, Decimal, Decimal, Option<Decimal>),
    cached: Decimal,
    written: Decimal,
    batch: Decimal,
}

impl Plain {
    fn per_request(&self) -> Decimal {
        let (b_in, b_out, b_cached, b_write) = self.base;
        let (threshold, t_in, t_out, t_write) = self.tier;
        let (p_in, p_out, p_cached, p_write) = if self.input > threshold {
            // The tier keeps the design's ratios to its input price where it gives none.
            let ratio = |base: Option<Decimal>| match base {
                Some(b) if b_in > Decimal::ZERO => t_in * b / b_in,
                _ => t_in,
            };
            let cached = ratio(Some(b_cached));
            (
                t_in,
                t_out,
                cached,
                t_write.unwrap_or_else(|| ratio(b_write)),
            )
        } else {
            (b_in, b_out, b_cached, b_write.unwrap_or(b_in))
        };
        let plain = Decimal::ONE - self.cached - self.written;
        let input = self.input * (plain * p_in + self.cached * p_cached + self.written * p_write);
        (input + self.output * p_out) / Decimal::from(MILLION)
            * (Decimal::ONE - self.batch / d("2"))
    }
}

fn cents(c: u32) -> Decimal {
    Decimal::new(i64::from(c), 2)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// The engine's cost per request is the plain formula, with and without the tier, at any
    /// cached and written shares that sum to at most 1.
    #[test]
    fn the_engine_is_the_plain_formula(
        input in 0u32..400_000,
        output in 0u32..5_000,
        base in (0u32..2_000, 0u32..5_000, 0u32..2_000, proptest::option::of(0u32..4_000)),
        tier in (1u32..400_000, 0u32..4_000, 0u32..8_000, proptest::option::of(0u32..8_000)),
        shares in (0u32..=100, 0u32..=100),
        batch_pct in 0u32..=100,
        with_tier in any::<bool>(),
    ) {
        let cached_pct = shares.0;
        let written_pct = shares.1.min(100 - cached_pct);
        let opt = |name: &str, p: Option<u32>| {
            p.map_or_else(String::new, |p| format!(", {name}: {}", cents(p)))
        };
        let tier_text = if with_tier {
            format!(
                "long_context: Some(LongContext(above_input_tokens: {}, input_price_per_mtok: {}, \
                 output_price_per_mtok: {}{})),",
                tier.0,
                cents(tier.1),
                cents(tier.2),
                opt("cache_write_price_per_mtok", tier.3)
            )
        } else {
            String::new()
        };
        let serving = format!(
            "HostedApi(input_price_per_mtok: {}, output_price_per_mtok: {}, input_tokens: {input}, \
             output_tokens: {output}, cached_input_share: {}, cached_input_price_per_mtok: {}, \
             cache_write_share: {}{}, batch_share: {}, batch_discount_pct: 50, {tier_text})",
            cents(base.0),
            cents(base.1),
            cents(cached_pct),
            cents(base.2),
            cents(written_pct),
            opt("cache_write_price_per_mtok", base.3),
            cents(batch_pct),
        );
        let s = scenario(&serving);
        prop_assert!(validate(&s).iter().all(|p| p.severity != Severity::Error), "{serving}");
        let plain = Plain {
            input: Decimal::from(input),
            output: Decimal::from(output),
            base: (cents(base.0), cents(base.1), cents(base.2), base.3.map(cents)),
            tier: if with_tier {
                (Decimal::from(tier.0), cents(tier.1), cents(tier.2), tier.3.map(cents))
            } else {
                (Decimal::MAX, Decimal::ZERO, Decimal::ZERO, None)
            },
            cached: cents(cached_pct),
            written: cents(written_pct),
            batch: cents(batch_pct),
        };
        let expected = plain.per_request() * Decimal::from(MILLION);
        prop_assert_eq!(cost(&s).round_dp(9), expected.round_dp(9), "{}", serving);
    }
}

fn errors(text: &str) -> Vec<String> {
    let s = io::parse(text).unwrap();
    validate(&s)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect()
}

fn file(serving: &str) -> String {
    format!(
        "Scenario(format: 1, title: \"t\", currency: \"USD\", hours_per_month: 730,\n\
         volume: Volume(current: 1000000, min: 1000, max: 100000000),\n\
         use_cases: [{}],\n\
         designs: [Design(name: \"api\", success_rate: 1,\n serving: {serving})])",
        one_use_case("3")
    )
}

#[test]
fn validation_refuses_shares_over_one_and_absurd_prices() {
    let path = "designs[0].serving.cache_write_share";
    // c + w = 0.7 + 0.4 > 1, each within 0–1: refused, naming the write share and its line.
    let over = file(&hosted(
        "1000",
        "cached_input_share: 0.7,\n cache_write_share: 0.4,",
    ));
    assert_eq!(
        errors(&over),
        vec![format!(
            "{path} with cached_input_share (0.7) must be at most 1 (they are shares of the same \
             input tokens), got 0.4"
        )]
    );
    assert_eq!(io::ranges::line_of(&over, path), Some(6));
    // Exactly 1 is allowed.
    let full = hosted("1000", "cached_input_share: 0.6, cache_write_share: 0.4,");
    assert!(errors(&file(&full)).is_empty());
    // A share out of 0–1 is refused by its limits (and only once).
    for (share, shown) in [("-0.1", "-0.1"), ("1.5", "1.5")] {
        let bad = hosted("1000", &format!("cache_write_share: {share},"));
        assert_eq!(
            errors(&file(&bad)),
            vec![format!("{path} must be in [0, 1], got {shown}")]
        );
    }
    // Prices out of their limits, as the other prices are.
    let dear = hosted("1000", "cache_write_price_per_mtok: 2000000,");
    assert_eq!(
        errors(&file(&dear)),
        vec![
            "designs[0].serving.cache_write_price_per_mtok must be in [0, 1,000,000], got 2000000"
        ]
    );
    let negative = hosted("1000", "cache_write_price_per_mtok: -1,");
    assert_eq!(
        errors(&file(&negative)),
        vec!["designs[0].serving.cache_write_price_per_mtok must be in [0, 1,000,000], got -1"]
    );
    let tier = tiered("1000", "", ", cache_write_price_per_mtok: 2000000");
    assert_eq!(
        errors(&file(&tier)),
        vec![
            "designs[0].serving.long_context.cache_write_price_per_mtok must be in \
             [0, 1,000,000], got 2000000"
        ]
    );
    // Not a number at all, or beyond what an exact decimal holds: the file does not load.
    for absurd in ["NaN", "inf", "1e40"] {
        let text = file(&hosted(
            "1000",
            &format!("cache_write_price_per_mtok: {absurd},"),
        ));
        assert!(io::parse(&text).is_err(), "{absurd} loaded");
    }
}

/// Every `.ron` scenario file under `dir` (not the portfolios beside them).
fn ron_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter(|p| !inference_roi::io::portfolio::is_portfolio_file(p))
        .collect();
    paths.sort();
    paths
}

/// Each hosted stage of `serving` given an explicit zero cache-write share.
fn with_zero_writes(serving: &mut Serving) {
    match serving {
        Serving::HostedApi {
            cache_write_share, ..
        } => *cache_write_share = Decimal::ZERO,
        Serving::Cascade {
            primary, fallback, ..
        } => {
            with_zero_writes(primary);
            with_zero_writes(fallback);
        }
        _ => {}
    }
}

#[test]
fn files_without_cache_writes_load_compute_and_save_unchanged() {
    let paths = ron_files("scenarios");
    assert!(paths.len() >= 6);
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let s = io::parse(&text).unwrap();
        let saved = io::to_ron(&s).unwrap();
        assert_eq!(
            saved,
            text,
            "{} does not save byte-identically",
            path.display()
        );
        assert!(!saved.contains("cache_write"), "{}", path.display());
        // The figures: the same with the write share written as an explicit 0 — digit for
        // digit, the term at zero adds nothing, not even a decimal place.
        let mut zero = s.clone();
        for design in &mut zero.designs {
            with_zero_writes(&mut design.serving);
        }
        assert_eq!(io::to_ron(&zero).unwrap(), text);
        for (a, b) in s.designs.iter().zip(&zero.designs) {
            let (Ok(ma), Ok(mb)) = (CostModel::new(&s, a), CostModel::new(&zero, b)) else {
                continue;
            };
            for volume in [1_000, s.volume.current, 10_000_000] {
                let (ca, cb) = (ma.serving_cost(volume), mb.serving_cost(volume));
                assert_eq!(
                    format!("{ca:?}"),
                    format!("{cb:?}"),
                    "{} {} at {volume}",
                    path.display(),
                    a.name
                );
            }
        }
    }
    // A file with them round-trips, each written where given.
    let s = scenario(&tiered(
        "300000",
        "cached_input_share: 0.5, cache_write_share: 0.1, cache_write_price_per_mtok: 3.75,",
        ", cache_write_price_per_mtok: 7.50",
    ));
    let saved = io::to_ron(&s).unwrap();
    assert!(saved.contains("cache_write_share: 0.1,"), "{saved}");
    assert!(
        saved.contains("cache_write_price_per_mtok: 3.75,"),
        "{saved}"
    );
    assert!(
        saved.contains("cache_write_price_per_mtok: 7.50"),
        "{saved}"
    );
    assert_eq!(io::parse(&saved).unwrap(), s);
    assert_eq!(io::to_ron(&io::parse(&saved).unwrap()).unwrap(), saved);
}

#[test]
fn anthropic_presets_fill_the_cache_write_price_and_others_clear_it() {
    let catalog = bundled_catalog().unwrap();
    let entry = |name: &str| catalog.entries.iter().find(|e| e.name == name).unwrap();
    // Anthropic's 5-minute cache writes, as the bundled LiteLLM map's
    // `cache_creation_input_token_cost` gives them.
    for (name, price) in [
        ("Anthropic Claude Sonnet 4.5", "3.75"),
        ("Anthropic Claude Haiku 4.5", "1.25"),
    ] {
        let e = entry(name);
        let Preset::HostedModel {
            cache_write_price_per_mtok,
            ..
        } = &e.preset
        else {
            panic!("{name}")
        };
        assert_eq!(*cache_write_price_per_mtok, Some(d(price)), "{name}");
        assert_eq!(e.source.url, "https://www.anthropic.com/pricing#api");
    }
    let mut serving = scenario(&hosted("1000", "cache_write_share: 0.1,")).designs[0]
        .serving
        .clone();
    assert!(entry("Anthropic Claude Haiku 4.5").apply(&mut serving));
    let Serving::HostedApi {
        cache_write_share,
        cache_write_price_per_mtok,
        ..
    } = &serving
    else {
        panic!()
    };
    assert_eq!(*cache_write_price_per_mtok, Some(d("1.25")));
    assert_eq!(*cache_write_share, d("0.1"), "the share stays the design's");
    // A preset without a cache-write price clears it.
    let other = catalog
        .entries
        .iter()
        .find(|e| {
            matches!(
                e.preset,
                Preset::HostedModel {
                    cache_write_price_per_mtok: None,
                    ..
                }
            )
        })
        .unwrap();
    assert!(other.apply(&mut serving));
    assert!(matches!(
        serving,
        Serving::HostedApi {
            cache_write_price_per_mtok: None,
            ..
        }
    ));
    // The price-map search's checked entries carry it.
    let checked = io::pricemap::checked_entries(&catalog);
    let sonnet = checked
        .iter()
        .find(|e| e.source.contains("$3.75"))
        .expect("Sonnet's checked entry");
    assert_eq!(sonnet.cache_write_price_per_mtok, Some(d("3.75")));
}

#[test]
fn goal_seek_sensitivity_ranges_and_reports_see_the_cache_writes() {
    // Value $3,000,000 a month; cost 1,000,000 × 100,000 tokens × (0.9 × $3 + 0.1 × p) ÷ 1M,
    // no output, i.e. $270,000 + $10,000 × p. ROI 2 needs $1,500,000: p = 1,230,000 ÷ 10,000 = $123.
    let serving = "HostedApi(input_price_per_mtok: 3, output_price_per_mtok: 0, input_tokens: 100000, \
                   output_tokens: 0, cache_write_share: 0.1, cache_write_price_per_mtok: 3.75)";
    let s = scenario(serving);
    let price = whatif::find_input(&s, 0, "serving.cache_write_price_per_mtok").unwrap();
    assert_eq!(price, Input::Serving(vec![], ServingField::CacheWritePrice));
    let Seek::Reached { value, .. } = goal_seek(&s, 0, &price, d("2")).unwrap() else {
        panic!("reachable")
    };
    assert_eq!(value, d("123"));
    let tornado = whatif::sensitivity(&s, 0, d("20")).unwrap();
    assert!(tornado.swings.iter().any(|w| w.input == price));
    // The share is a lever goal seek can solve for even at 0.
    let none = scenario(&serving.replace("cache_write_share: 0.1", "cache_write_share: 0"));
    assert!(whatif::find_input(&none, 0, "serving.cache_write_share").is_ok());
    // A range on the share loads.
    let ranged = io::parse(&file(&serving.replace(
        "cache_write_share: 0.1",
        "cache_write_share: Range(0.05, 0.2)",
    )))
    .unwrap();
    assert!(
        ranged
            .ranges
            .contains_key("designs[0].serving.cache_write_share")
    );
    // The Markdown assumptions say the share and its price.
    let md = inference_roi::report::assumptions::serving_summary(&s.designs[0].serving, "USD");
    assert!(
        md.contains("10 % of input tokens written to the cache at $3.75 per 1M"),
        "{md}"
    );
}
