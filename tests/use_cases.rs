//! Per-use-case economics (`docs/method.md#use-cases`): figures by hand, the identities, the file
//! format (a file without `size` loads, computes and saves unchanged) and the reports.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{d, design, scenario_with};
use inference_roi::econ::use_cases::by_use_case;
use inference_roi::econ::validate;
use inference_roi::econ::{Band, Prepared};
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::model::Severity;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Three use cases on one API design at 100,000 requests/month:
/// - cost: 100,000 × $0.01 = $1,000 a month, $0.01 per inference;
/// - load S = 0.5 × 1 + 0.3 × 2 + 0.2 × 0.5 = 0.5 + 0.6 + 0.1 = 1.2.
fn three() -> inference_roi::model::Scenario {
    scenario_with(
        "730",
        (100_000, 1_000, 10_000_000),
        "UseCase(name: \"how-to\", share: 0.5, value_per_success: 0.04),
         UseCase(name: \"triage\", share: 0.3, value_per_success: 0.10, size: 2),
         UseCase(name: \"status\", share: 0.2, value_per_success: 0.01, size: 0.5)",
        &design(
            "api",
            "HostedApi(input_price_per_mtok: 0, output_price_per_mtok: 0, price_per_request: 0.01, \
             input_tokens: 0, output_tokens: 0)",
            "success_rate: 0.8, success_by_use_case: {\"triage\": 0.9}",
        ),
    )
}

#[test]
fn three_use_cases_by_hand() {
    let s = three();
    let prepared = Prepared::new(&s, &s.designs[0]).unwrap();
    let m = prepared.metrics(100_000).unwrap();
    assert_eq!(m.cost_per_inference, d("0.01"));
    let cases = by_use_case(&s, &s.designs[0], &m).unwrap();
    // how-to: cost 0.01 × 1 / 1.2 = 0.008333…; value 0.04 × 0.8 = 0.032; ROI 3.84 (Good).
    assert_eq!(cases[0].requests, d("50000"));
    assert_eq!(cases[0].cost_per_inference.round_dp(10), d("0.0083333333"));
    assert_eq!(cases[0].value_per_inference, d("0.032"));
    assert_eq!(cases[0].roi_multiple.unwrap().round_dp(10), d("3.84"));
    assert_eq!(cases[0].band, Band::Good);
    // triage: cost 0.01 × 2 / 1.2 = 0.016666…; value 0.10 × 0.9 (its own rate) = 0.09;
    // ROI 0.09 / 0.016666… = 5.4 (Good); monthly cost 1,000 × 0.6 / 1.2 = 500,
    // value 30,000 × 0.09 = 2,700, net 2,200.
    assert_eq!(cases[1].value_per_inference, d("0.09"));
    assert_eq!(cases[1].roi_multiple.unwrap().round_dp(10), d("5.4"));
    assert_eq!(cases[1].monthly_cost, d("500"));
    assert_eq!(cases[1].monthly_value, d("2700"));
    assert_eq!(cases[1].monthly_net_value, d("2200"));
    // status: cost 0.01 × 0.5 / 1.2 = 0.0041666…; value 0.01 × 0.8 = 0.008; ROI 1.92 (Marginal);
    // monthly cost 1,000 × 0.1 / 1.2 = 83.33…, value 20,000 × 0.008 = 160.
    assert_eq!(cases[2].roi_multiple.unwrap().round_dp(10), d("1.92"));
    assert_eq!(cases[2].band, Band::Marginal);
    assert_eq!(cases[2].monthly_value, d("160"));
    assert_eq!(cases[2].monthly_cost.round_dp(2), d("83.33"));
}

#[test]
fn a_file_without_size_loads_computes_and_saves_unchanged() {
    for example in EXAMPLES.iter().filter(|e| !e.text.contains("size:")) {
        let scenario = io::parse(example.text).unwrap();
        assert!(scenario.use_cases.iter().all(|c| c.size == Decimal::ONE));
        assert_eq!(
            io::to_ron(&scenario).unwrap(),
            example.text,
            "{}",
            example.file_name
        );
    }
    // A size other than 1 is written, and read back.
    let s = three();
    let text = io::to_ron(&s).unwrap();
    assert!(text.contains("size: 2"), "{text}");
    assert!(text.contains("size: 0.5"), "{text}");
    assert_eq!(io::parse(&text).unwrap(), s);
}

#[test]
fn a_size_of_zero_is_refused_at_its_field() {
    let mut s = three();
    s.use_cases[1].size = Decimal::ZERO;
    let problem = validate(&s)
        .into_iter()
        .find(|p| p.severity == Severity::Error)
        .unwrap();
    assert_eq!(problem.path, "use_cases[1].size");
    assert!(problem.message.contains("got 0"), "{}", problem.message);
}

#[test]
fn the_json_report_carries_the_figures_by_use_case() {
    let s = three();
    let report = inference_roi::report::Report::new(&s, s.volume.current);
    let json: serde_json::Value =
        serde_json::from_str(&inference_roi::report::report_json(&report)).unwrap();
    let cases = json["designs"][0]["by_use_case"].as_array().unwrap();
    assert_eq!(cases.len(), 3);
    assert_eq!(cases[1]["use_case"], "triage");
    assert_eq!(cases[1]["monthly_net_value"], "2200");
    assert_eq!(cases[1]["band"], "Good");
    let markdown = inference_roi::report::report_markdown(&report, inference_roi::report::today());
    assert!(markdown.contains("## By use case"), "{markdown}");
    assert!(markdown.contains("| triage | 30,000 |"), "{markdown}");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        rng_seed: proptest::test_runner::RngSeed::Fixed(11),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Σ share × cost per inference of each use case = the design's cost per inference, and the
    /// same for value; the use cases' monthly costs and net values add up to the design's. Value
    /// is exact; cost divides by Σ share × size, which a decimal rounds at its 28th digit, so
    /// cost agrees to 1e-18 relative.
    #[test]
    fn the_identities_hold(
        weights in proptest::collection::vec(1u32..100, 1..5),
        sizes in proptest::collection::vec(1u32..400, 5),
        values in proptest::collection::vec(0u32..1000, 5),
        rates in proptest::collection::vec(0u32..=100, 5),
        volume in 1u64..100_000_000,
        price in 1u32..100_000,
    ) {
        let total: u32 = weights.iter().sum();
        // Shares as exact decimals summing to 1: the last takes the remainder.
        let mut shares: Vec<Decimal> = weights
            .iter()
            .map(|w| (Decimal::from(*w) / Decimal::from(total)).round_dp(6))
            .collect();
        let rest: Decimal = shares[..shares.len() - 1].iter().sum();
        *shares.last_mut().unwrap() = Decimal::ONE - rest;
        prop_assume!(shares.iter().all(|s| *s >= Decimal::ZERO));
        let cases: Vec<String> = shares
            .iter()
            .enumerate()
            .map(|(i, share)| {
                format!(
                    "UseCase(name: \"u{i}\", share: {share}, value_per_success: {}, size: {})",
                    Decimal::new(i64::from(values[i]), 3),
                    Decimal::new(i64::from(sizes[i]), 2),
                )
            })
            .collect();
        let overrides: Vec<String> = (0..shares.len())
            .map(|i| format!("\"u{i}\": {}", Decimal::new(i64::from(rates[i]), 2)))
            .collect();
        let s = scenario_with(
            "730",
            (volume, 1, 1_000_000_000),
            &cases.join(", "),
            &design(
                "api",
                &format!(
                    "HostedApi(input_price_per_mtok: 0, output_price_per_mtok: 0, \
                     price_per_request: {}, input_tokens: 0, output_tokens: 0)",
                    Decimal::new(i64::from(price), 6)
                ),
                &format!("success_rate: 0.5, success_by_use_case: {{{}}}", overrides.join(", ")),
            ),
        );
        let m = Prepared::new(&s, &s.designs[0]).unwrap().metrics(volume).unwrap();
        let figures = by_use_case(&s, &s.designs[0], &m).unwrap();
        let sum = |f: &dyn Fn(usize) -> Decimal| (0..figures.len()).map(f).sum::<Decimal>();
        let close = |a: Decimal, b: Decimal| (a - b).abs() <= Decimal::new(1, 18) * b.abs().max(Decimal::ONE);
        let cost = sum(&|i| s.use_cases[i].share * figures[i].cost_per_inference);
        prop_assert!(close(cost, m.cost_per_inference), "cost {} vs {}", cost, m.cost_per_inference);
        let value = sum(&|i| s.use_cases[i].share * figures[i].value_per_inference);
        prop_assert_eq!(value, m.value_per_inference);
        let monthly = sum(&|i| figures[i].monthly_cost);
        prop_assert!(close(monthly, m.monthly_cost), "monthly {} vs {}", monthly, m.monthly_cost);
        let net = sum(&|i| figures[i].monthly_net_value);
        prop_assert!(close(net, m.monthly_net_value), "net {} vs {}", net, m.monthly_net_value);
    }
}
