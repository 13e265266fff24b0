//! A hosted API's long-context tier: the whole request at the tier's prices when its input tokens
//! exceed the threshold (`docs/method.md#pricing-as-bills-charge-it`), worked by hand; its
//! validation, files, presets and what-if inputs.
//!
//! Costs are read at 1,000,000 requests a month, where a month's serving cost in dollars is the
//! per-request cost in dollars per million requests: tokens × price per 1M tokens, summed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{d, design, one_use_case, scenario_with};
use inference_roi::econ::cost::CostModel;
use inference_roi::econ::simulate::simulate;
use inference_roi::econ::validate;
use inference_roi::econ::whatif::{self, Input, Seek, ServingField, goal_seek};
use inference_roi::io;
use inference_roi::model::catalog::{Entry, Preset};
use inference_roi::model::{LongContext, Scenario, Serving, Severity};
use proptest::prelude::*;
use rust_decimal::Decimal;

const MILLION: u64 = 1_000_000;

/// GPT-style base prices $3 / $15 per 1M input / output tokens; above 200,000 input tokens the
/// whole request at $6 / $22.50. `extra` adds fields to the `HostedApi`, `tier` to the tier.
fn hosted(input_tokens: &str, extra: &str, tier: &str) -> String {
    format!(
        "HostedApi(input_price_per_mtok: 3, output_price_per_mtok: 15, input_tokens: {input_tokens}, \
         output_tokens: 1000, {extra} long_context: Some(LongContext(above_input_tokens: 200000, \
         input_price_per_mtok: 6, output_price_per_mtok: 22.50{tier})))"
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
fn below_at_and_above_the_threshold() {
    // Below: 100,000 × $3 + 1,000 × $15 = $300,000 + $15,000 = $315,000.
    assert_eq!(cost(&scenario(&hosted("100000", "", ""))), d("315000"));
    // Exactly at 200,000 is not above it: 200,000 × $3 + $15,000 = $615,000.
    assert_eq!(cost(&scenario(&hosted("200000", "", ""))), d("615000"));
    // Above: the whole request at the tier, 200,001 × $6 + 1,000 × $22.50 = $1,200,006 + $22,500.
    assert_eq!(cost(&scenario(&hosted("200001", "", ""))), d("1222506"));
}

#[test]
fn caching_and_batch_apply_to_the_tiers_prices() {
    // 300,000 input tokens, half cached; half the requests batched at 50 % off: × 0.75.
    let levers = "cached_input_share: 0.5, batch_share: 0.5, batch_discount_pct: 50,";
    // The base cached price $0.30 is a tenth of the input price: in the tier a tenth of $6,
    // $0.60. Input: 0.5 × $6 + 0.5 × $0.60 = $3.30 → 300,000 × $3.30 = $990,000; output
    // 1,000 × $22.50 = $22,500; (990,000 + 22,500) × 0.75 = $759,375.
    let with_cached = format!("cached_input_price_per_mtok: 0.30, {levers}");
    assert_eq!(
        cost(&scenario(&hosted("300000", &with_cached, ""))),
        d("759375")
    );
    // The tier's own cached price $1.20: 0.5 × 6 + 0.5 × 1.2 = 3.6 → (1,080,000 + 22,500) × 0.75.
    let own = ", cached_input_price_per_mtok: 1.20";
    assert_eq!(
        cost(&scenario(&hosted("300000", &with_cached, own))),
        d("826875")
    );
    // No cached price anywhere: cached input at the tier's input price, $6:
    // (1,800,000 + 22,500) × 0.75 = $1,366,875.
    assert_eq!(cost(&scenario(&hosted("300000", levers, ""))), d("1366875"));
    // And a negotiated 10 % off on top: × 0.9.
    let discounted = format!("{levers} discount_pct: 10,");
    assert_eq!(
        cost(&scenario(&hosted("300000", &discounted, ""))),
        d("1230187.5")
    );
}

#[test]
fn a_cascade_whose_fallback_has_a_tier() {
    // Primary: 300,000 × $1 = $300,000 per 1M requests. Fallback, 10 % of requests, above the
    // tier: 300,000 × $6 + 1,000 × $22.50 = $1,822,500 → $182,250. Total $482,250.
    let primary = "HostedApi(input_price_per_mtok: 1, output_price_per_mtok: 0, input_tokens: 300000, \
                   output_tokens: 0)";
    let serving = format!(
        "Cascade(primary: {primary}, fallback: {}, escalation_rate: 0.1)",
        hosted("300000", "", "")
    );
    let s = scenario(&serving);
    assert_eq!(cost(&s), d("482250"));
    // The tier's price is an input of the fallback stage.
    let key = "serving.fallback.long_context.input_price_per_mtok";
    assert!(whatif::inputs(&s, 0).iter().any(|i| i.key() == key));
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
fn validation_names_the_tiers_fields() {
    let zero = file(
        &hosted("1000", "", "").replace("above_input_tokens: 200000", "above_input_tokens: 0"),
    );
    let path = "designs[0].serving.long_context.above_input_tokens";
    assert_eq!(
        errors(&zero),
        vec![format!("{path} must be in [1, 100,000,000], got 0")]
    );
    assert_eq!(io::ranges::line_of(&zero, path), Some(5));
    let half =
        hosted("1000", "", "").replace("above_input_tokens: 200000", "above_input_tokens: 1000.5");
    assert_eq!(
        errors(&file(&half)),
        vec![format!(
            "{path} must be a whole number of tokens, got 1000.5"
        )]
    );
    let negative =
        hosted("1000", "", "").replace("input_price_per_mtok: 6", "input_price_per_mtok: -6");
    assert_eq!(
        errors(&file(&negative)),
        vec![
            "designs[0].serving.long_context.input_price_per_mtok must be in [0, 1,000,000], got -6"
        ]
    );
    let dear = hosted("1000", "", ", cached_input_price_per_mtok: 2000000");
    assert_eq!(
        errors(&file(&dear)),
        vec![
            "designs[0].serving.long_context.cached_input_price_per_mtok must be in [0, 1,000,000], \
             got 2000000"
        ]
    );
    assert!(errors(&file(&hosted("1000", "", ""))).is_empty());
}

#[test]
fn files_without_a_tier_save_byte_identically_and_one_with_a_tier_round_trips() {
    let mut paths = Vec::new();
    for dir in ["scenarios", "tests/fixtures"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ron")
                && !inference_roi::io::portfolio::is_portfolio_file(&path)
            {
                paths.push(path);
            }
        }
    }
    assert!(paths.len() >= 6);
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let saved = io::to_ron(&io::parse(&text).unwrap()).unwrap();
        assert_eq!(
            saved,
            text,
            "{} does not save byte-identically",
            path.display()
        );
        assert!(!saved.contains("long_context"));
    }
    let s = scenario(&hosted("300000", "", ", cached_input_price_per_mtok: 1.20"));
    let saved = io::to_ron(&s).unwrap();
    assert!(saved.contains("long_context: Some(LongContext("), "{saved}");
    assert_eq!(io::parse(&saved).unwrap(), s);
    assert_eq!(io::to_ron(&io::parse(&saved).unwrap()).unwrap(), saved);
}

#[test]
fn goal_seek_sensitivity_and_ranges_on_the_tiers_price() {
    // Value 1,000,000 × $3 = $3,000,000 a month; cost 300,000 tokens × p per 1M requests (no
    // output). ROI 2 needs a cost of $1,500,000: p = $5.
    let serving = "HostedApi(input_price_per_mtok: 1, output_price_per_mtok: 0, input_tokens: 300000, \
                   output_tokens: 0, long_context: Some(LongContext(above_input_tokens: 200000, \
                   input_price_per_mtok: 6, output_price_per_mtok: 0)))";
    let s = scenario(serving);
    let price = whatif::find_input(&s, 0, "serving.long_context.input_price_per_mtok").unwrap();
    assert_eq!(
        price,
        Input::Serving(vec![], ServingField::LongContextInputPrice)
    );
    let Seek::Reached { value, lowest, .. } = goal_seek(&s, 0, &price, d("2")).unwrap() else {
        panic!("reachable")
    };
    assert_eq!(value, d("5"));
    assert!(!lowest);
    let tornado = whatif::sensitivity(&s, 0, d("20")).unwrap();
    assert!(tornado.swings.iter().any(|w| w.input == price));
    // A range on the tier's price loads and is drawn: ROI 3,000,000 / (300,000 × p), p in 4–8.
    let ranged = io::parse(&file(&serving.replace(
        "input_price_per_mtok: 6",
        "input_price_per_mtok: Range(4, 8)",
    )))
    .unwrap();
    assert!(
        ranged
            .ranges
            .contains_key("designs[0].serving.long_context.input_price_per_mtok")
    );
    let sim = simulate(&ranged, &[MILLION], 400, 7).unwrap();
    let outlook = sim.designs[0].as_ref().unwrap();
    let [p10, _, p90] = outlook.now;
    // ROI 10 / p: within 10 / 8.5 and 10 / 3.5.
    assert!(p10 < p90 && p10 > 10.0 / 8.5 && p90 < 10.0 / 3.5);
}

#[test]
fn a_preset_fills_or_clears_the_tier() {
    let tier = LongContext {
        above_input_tokens: d("200000"),
        input_price_per_mtok: d("6"),
        output_price_per_mtok: d("22.5"),
        cached_input_price_per_mtok: None,
        cache_write_price_per_mtok: None,
    };
    let entry = |long_context| Entry {
        name: "m".to_owned(),
        preset: Preset::HostedModel {
            input_price_per_mtok: d("3"),
            output_price_per_mtok: d("15"),
            cached_input_price_per_mtok: None,
            cache_write_price_per_mtok: None,
            batch_discount_pct: Decimal::ZERO,
            long_context,
        },
        source: inference_roi::model::Source {
            what: "w".to_owned(),
            url: String::new(),
            as_of: "2026-01-01".parse().unwrap(),
        },
        energy_source: None,
    };
    let mut serving = scenario(&hosted("1000", "", "")).designs[0].serving.clone();
    assert!(entry(None).apply(&mut serving));
    assert!(matches!(
        serving,
        Serving::HostedApi {
            long_context: None,
            ..
        }
    ));
    assert!(entry(Some(tier)).apply(&mut serving));
    assert!(matches!(serving, Serving::HostedApi { long_context: Some(t), .. } if t == tier));
}

/// The plain formula of `docs/method.md`, with the prices a request of `input` tokens is billed at.
#[allow(clippy::too_many_arguments)]
fn by_formula(
    input: u32,
    output: u32,
    base: (u32, u32),
    tier: (u32, u32, u32, u32),
    cached_share_pct: u32,
    batch: (u32, u32),
) -> Decimal {
    let cents = |c: u32| Decimal::new(i64::from(c), 2);
    let (threshold, t_in, t_out, t_cached) = tier;
    let (p_in, p_out, p_cached) = if input > threshold {
        (cents(t_in), cents(t_out), cents(t_cached))
    } else {
        (cents(base.0), cents(base.1), cents(base.0))
    };
    let c = Decimal::new(i64::from(cached_share_pct), 2);
    let effective = (Decimal::ONE - c) * p_in + c * p_cached;
    let tokens = Decimal::from(input) * effective + Decimal::from(output) * p_out;
    let factor = Decimal::ONE
        - Decimal::new(i64::from(batch.0), 2) * Decimal::from(batch.1) / Decimal::ONE_HUNDRED;
    tokens / Decimal::from(MILLION) * factor * Decimal::from(MILLION)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The cost with a tier is the plain formula with the tier's prices above its threshold and
    /// the base prices at or below it.
    #[test]
    fn the_tier_is_the_plain_formula_with_its_prices(
        input in 0u32..400_000,
        output in 0u32..5_000,
        base in (0u32..2_000, 0u32..5_000),
        tier in (1u32..400_000, 0u32..4_000, 0u32..8_000, 0u32..4_000),
        cached_share_pct in 0u32..=100,
        batch in (0u32..=100, 0u32..=100),
    ) {
        let serving = format!(
            "HostedApi(input_price_per_mtok: {}, output_price_per_mtok: {}, input_tokens: {input}, \
             output_tokens: {output}, cached_input_share: {}, batch_share: {}, batch_discount_pct: {}, \
             long_context: Some(LongContext(above_input_tokens: {}, input_price_per_mtok: {}, \
             output_price_per_mtok: {}, cached_input_price_per_mtok: {})))",
            Decimal::new(i64::from(base.0), 2),
            Decimal::new(i64::from(base.1), 2),
            Decimal::new(i64::from(cached_share_pct), 2),
            Decimal::new(i64::from(batch.0), 2),
            batch.1,
            tier.0,
            Decimal::new(i64::from(tier.1), 2),
            Decimal::new(i64::from(tier.2), 2),
            Decimal::new(i64::from(tier.3), 2),
        );
        let s = scenario(&serving);
        let expected = by_formula(input, output, base, tier, cached_share_pct, batch);
        prop_assert_eq!(cost(&s).round_dp(12), expected.round_dp(12));
    }
}

#[test]
fn the_reports_say_the_tier_and_where_the_average_request_is() {
    use inference_roi::report::{self, Report, assumptions::assumptions_markdown};
    let today = "2026-06-01".parse().unwrap();
    let above = scenario(&hosted("300000", "", ""));
    let sentence = "above 200,000 input tokens a request, the whole request at $6 / $22.50 per 1M input / \
                    output tokens (the average request, 300,000 input tokens, is above it)";
    let markdown = assumptions_markdown(&above, today);
    assert!(markdown.contains(sentence), "{markdown}");
    let text = report::report_text(&Report::new(&above, MILLION), today);
    assert!(text.contains(&format!("api: {sentence}")), "{text}");
    let below = scenario(&hosted("1000", "", ""));
    let markdown = report::report_markdown(&Report::new(&below, MILLION), today);
    assert!(markdown.contains("(the average request, 1,000 input tokens, is not above it)"));
    // Without a tier, no word of one.
    let plain = scenario(
        "HostedApi(input_price_per_mtok: 3, output_price_per_mtok: 15, input_tokens: 1000)",
    );
    let text = report::report_text(&Report::new(&plain, MILLION), today);
    assert!(!text.contains("Long-context"));
}

#[test]
fn goal_seek_on_the_tiers_threshold_finds_where_the_request_leaves_the_tier() {
    // 300,000 input tokens a request: in the tier (price 6) while the threshold is below 300,000,
    // ROI 3,000,000 / 1,800,000 = 1.67×; at a threshold of 300,000 or more the request is billed at
    // the base price 1, ROI 3,000,000 / 300,000 = 10×. Any target between the two is met from
    // exactly 300,000 (the request must exceed the threshold to be in the tier).
    let serving = "HostedApi(input_price_per_mtok: 1, output_price_per_mtok: 0, input_tokens: 300000, \
                   output_tokens: 0, long_context: Some(LongContext(above_input_tokens: 200000, \
                   input_price_per_mtok: 6, output_price_per_mtok: 0)))";
    let s = scenario(serving);
    let threshold = whatif::find_input(&s, 0, "serving.long_context.above_input_tokens").unwrap();
    assert_eq!(
        threshold,
        Input::Serving(vec![], ServingField::LongContextThreshold)
    );
    let roi_at = |t: u64| {
        let mut s = s.clone();
        let Serving::HostedApi {
            long_context: Some(tier),
            ..
        } = &mut s.designs[0].serving
        else {
            unreachable!()
        };
        tier.above_input_tokens = Decimal::from(t);
        inference_roi::econ::analyse(&s, MILLION).designs[0]
            .as_ref()
            .unwrap()
            .metrics
            .roi_multiple
            .unwrap()
    };
    for target in ["2", "5", "9.99", "10"] {
        let Seek::Reached { value, roi, lowest } = goal_seek(&s, 0, &threshold, d(target)).unwrap()
        else {
            panic!("{target} is reachable")
        };
        assert_eq!(
            (value, roi, lowest),
            (d("300000"), Some(d("10")), true),
            "{target}"
        );
        // A walk of its own: the step is between 299,999 and 300,000, and nowhere else.
        assert!(roi_at(299_999) < d(target) && roi_at(300_000) >= d(target));
        for t in (0..=600_000).step_by(25_000) {
            assert_eq!(roi_at(t) >= d(target), t >= 300_000, "{t}");
        }
    }
    // Below the tier's ROI every threshold reaches it; above the base price's none does.
    assert!(matches!(
        goal_seek(&s, 0, &threshold, d("20")).unwrap(),
        Seek::Unreachable(_)
    ));
}
