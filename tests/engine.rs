//! The engine against hand-computed figures (arithmetic in the comments), edge cases, and
//! exact searches for thresholds and crossovers, including saw-toothed step costs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{d, design, gpu, one_use_case, scenario_with};
use inference_roi::econ::{self, Band, EconError, Prepared, Threshold};

/// Hosted API: 1,000 input tokens at $3/M, 500 output at $15/M, $0.001 per call, 10 % overhead,
/// $100 fixed a month, $1,200 one-time over 12 months; value $0.50 × 80 % success.
fn hosted() -> inference_roi::model::Scenario {
    let serving = "HostedApi(input_price_per_mtok: 3, output_price_per_mtok: 15, price_per_request: 0.001, \
                   input_tokens: 1000, output_tokens: 500)";
    scenario_with(
        "730",
        (10_000, 100, 1_000_000),
        &one_use_case("0.50"),
        &design(
            "api",
            serving,
            "success_rate: 0.8, overhead_pct: 10, fixed_monthly: 100, one_time: OneTime(amount: 1200, months: 12)",
        ),
    )
}

#[test]
fn hosted_api_by_hand() {
    let s = hosted();
    let p = Prepared::new(&s, &s.designs[0]).unwrap();
    let m = p.metrics(10_000).unwrap();
    // Per request: 1000 × 3/1e6 + 500 × 15/1e6 + 0.001 = 0.003 + 0.0075 + 0.001 = 0.0115.
    // Monthly: 10,000 × 0.0115 × 1.10 + 100 + 1200/12 = 126.5 + 200 = 326.5.
    assert_eq!(m.monthly_cost, d("326.5"));
    assert_eq!(m.cost_per_inference, d("0.03265"));
    // Value: 0.50 × 0.8 = 0.40 per inference, 4,000 a month.
    assert_eq!(m.value_per_inference, d("0.4"));
    assert_eq!(m.monthly_value, d("4000"));
    assert_eq!(m.monthly_net_value, d("3673.5"));
    assert_eq!(m.net_value_per_inference, d("0.36735"));
    // 326.5 / 4000 = 0.081625; 4000 / 326.5 = 12.2511485451761…
    assert_eq!(m.cost_to_value, Some(d("0.081625")));
    assert_eq!(m.roi_multiple.unwrap().round_dp(10), d("12.2511485452"));
    assert_eq!(m.band, Band::Excellent);
    // 1,500 tokens × 10,000 = 15M tokens; 326.5 / 15 = 21.7666… per 1M tokens.
    assert_eq!(m.tokens_per_month, Some(d("15000000")));
    assert_eq!(
        m.cost_per_million_tokens.unwrap().round_dp(6),
        d("21.766667")
    );
    assert_eq!(m.instances, None);
    assert!(!m.over_capacity);
    assert_eq!(m.value_needed_for(Band::Good), Some(d("0.09795")));
    assert_eq!(m.value_needed_for(Band::Excellent), Some(d("0.3265")));
}

#[test]
fn hosted_api_thresholds_to_the_request() {
    let s = hosted();
    let p = Prepared::new(&s, &s.designs[0]).unwrap();
    // ROI ≥ k ⇔ 0.4 V ≥ k (0.01265 V + 200).
    // k = 1: V ≥ 200 / 0.38735 = 516.33 → 517.
    assert_eq!(
        p.threshold(Band::Marginal).unwrap(),
        Threshold {
            first: Some(517),
            holds_from: Some(517)
        }
    );
    // k = 3: V ≥ 600 / 0.36205 = 1657.2 → 1658.
    assert_eq!(p.threshold(Band::Good).unwrap().first, Some(1658));
    // k = 10: V ≥ 2000 / 0.2735 = 7312.6 → 7313.
    assert_eq!(p.threshold(Band::Excellent).unwrap().first, Some(7313));
    let below = p.metrics(516).unwrap();
    assert_eq!(below.band, Band::Unsustainable);
    assert_eq!(p.metrics(517).unwrap().band, Band::Marginal);
}

#[test]
fn self_hosted_gpu_by_hand() {
    let s = gpu();
    let p = Prepared::new(&s, &s.designs[0]).unwrap();
    // 20M / 13.14M = 1.52 → 2 instances × 1460 = 2920.
    let m = p.metrics(20_000_000).unwrap();
    assert_eq!(m.instances, Some(2));
    assert_eq!(m.monthly_cost, d("2920"));
    assert_eq!(m.cost_per_inference, d("0.000146"));
    // 20,000 / 2,920 = 6.849315…
    assert_eq!(m.roi_multiple.unwrap().round_dp(9), d("6.849315068"));
    assert_eq!(m.band, Band::Good);
    // 800 tokens × 20M = 16e9 tokens; 2920 / 16,000 = 0.1825 per 1M tokens.
    assert_eq!(m.cost_per_million_tokens, Some(d("0.1825")));
    // Exactly full: 13,140,000 needs 1 instance; one more request needs 2.
    assert_eq!(p.metrics(13_140_000).unwrap().instances, Some(1));
    assert_eq!(p.metrics(13_140_001).unwrap().instances, Some(2));
    // 3 × 13,140,000 = 39,420,000 is the most it serves.
    assert!(!p.metrics(39_420_000).unwrap().over_capacity);
    let over = p.metrics(39_420_001).unwrap();
    assert!(over.over_capacity);
    assert_eq!(over.instances, Some(4));
    // Break-even: 0.001 V ≥ 1460 → 1,460,000 exactly (inclusive). Good: ≥ 4,380,000.
    assert_eq!(p.threshold(Band::Marginal).unwrap().first, Some(1_460_000));
    assert_eq!(p.metrics(1_460_000).unwrap().band, Band::Marginal);
    assert_eq!(p.metrics(1_459_999).unwrap().band, Band::Unsustainable);
    assert_eq!(p.threshold(Band::Good).unwrap().first, Some(4_380_000));
    // Excellent needs 0.001 V ≥ 14,600 n on a segment that ends at 13,140,000 n: never.
    assert_eq!(p.threshold(Band::Excellent).unwrap().first, None);
}

#[test]
fn tokens_per_second_throughput() {
    // 2,400 tokens/s ÷ 800 tokens = 3 requests/s; × 3600 × 0.75 × 730 = 5,913,000 per instance.
    let serving = "SelfHosted(hardware: Gpu, price_per_hour: 1, throughput: TokensPerSecond(2400), \
                   tokens_per_request: 800, target_utilization: 0.75, min_instances: 0)";
    let s = scenario_with(
        "730",
        (1000, 1, 100_000_000),
        &one_use_case("1"),
        &design("t", serving, ""),
    );
    let p = Prepared::new(&s, &s.designs[0]).unwrap();
    assert_eq!(p.metrics(5_913_000).unwrap().instances, Some(1));
    assert_eq!(p.metrics(5_913_001).unwrap().instances, Some(2));
    // min_instances 0 still needs an instance for the first request.
    assert_eq!(p.metrics(1).unwrap().instances, Some(1));
}

#[test]
fn cascade_by_hand() {
    // Primary: the GPU above (13,140,000 per instance, $1,460); fallback: 1000 in × $3/M +
    // 500 out × $15/M = $0.0105 per request, for 10 % of requests.
    let primary = "SelfHosted(hardware: Gpu, price_per_hour: 2, throughput: RequestsPerSecond(10), \
                   tokens_per_request: 800, target_utilization: 0.5)";
    let fallback = "HostedApi(input_price_per_mtok: 3, output_price_per_mtok: 15, input_tokens: 1000, output_tokens: \
        500)";
    let serving =
        format!("Cascade(primary: {primary}, fallback: {fallback}, escalation_rate: 0.1)");
    let s = scenario_with(
        "730",
        (1_000_000, 1000, 100_000_000),
        &one_use_case("0.01"),
        &design("c", &serving, ""),
    );
    let p = Prepared::new(&s, &s.designs[0]).unwrap();
    let m = p.metrics(1_000_000).unwrap();
    // 1 instance × 1460 + 100,000 × 0.0105 = 1460 + 1050 = 2510.
    assert_eq!(m.monthly_cost, d("2510"));
    assert_eq!(m.cost_per_inference, d("0.00251"));
    assert_eq!(m.instances, Some(1));
    // Tokens: 800 + 0.1 × 1500 = 950 per request → 950M; 2510 / 950 = 2.6421052… per 1M.
    assert_eq!(m.tokens_per_month, Some(d("950000000")));
    assert_eq!(
        m.cost_per_million_tokens.unwrap().round_dp(7),
        d("2.6421053")
    );
}

#[test]
fn cascade_with_self_hosted_fallback_scales_on_the_escalated_share() {
    // Fallback capacity 1 request/s × 3600 × 1 × 730 = 2,628,000 per instance; 20 % escalated.
    let primary = "HostedApi(price_per_request: 0.0001)";
    let fallback = "SelfHosted(hardware: Gpu, price_per_hour: 10, throughput: RequestsPerSecond(1), min_instances: 1)";
    let serving =
        format!("Cascade(primary: {primary}, fallback: {fallback}, escalation_rate: 0.2)");
    let s = scenario_with(
        "730",
        (1_000_000, 1000, 100_000_000),
        &one_use_case("1"),
        &design("c", &serving, ""),
    );
    let p = Prepared::new(&s, &s.designs[0]).unwrap();
    // 13,140,000 × 0.2 = 2,628,000 escalated: exactly one instance; one more request needs two.
    let m = p.metrics(13_140_000).unwrap();
    assert_eq!(m.stage_instances, vec![1]);
    assert_eq!(m.instances, None, "the primary is an API");
    assert_eq!(m.monthly_cost, d("1314") + d("7300"));
    assert_eq!(p.metrics(13_140_005).unwrap().stage_instances, vec![2]);
}

/// Saw-tooth: 1 request/s × 3600 × 1 × 720 h = 2,592,000 per instance at $720 a month, $1,000
/// fixed, value $0.001. ROI at the end of segment n is 2592 n / (720 n + 1000).
fn sawtooth() -> inference_roi::model::Scenario {
    let stepped = "SelfHosted(hardware: Gpu, price_per_hour: 1, throughput: RequestsPerSecond(1), min_instances: 1)";
    let flat = "HostedApi(price_per_request: 0.0004)";
    scenario_with(
        "720",
        (5_000_000, 1_000_000, 100_000_000),
        &one_use_case("0.001"),
        &format!(
            "{}, {}",
            design("stepped", stepped, "fixed_monthly: 1000"),
            design("flat", flat, "")
        ),
    )
}

#[test]
fn saw_tooth_threshold_reports_the_dip() {
    let s = sawtooth();
    let p = Prepared::new(&s, &s.designs[0]).unwrap();
    // Good (3×) on segment n needs V ≥ 3 × (720 n + 1000) × 1000 = 2,160,000 n + 3,000,000.
    // n = 7 covers (15,552,000, 18,144,000]: first at 18,120,000. Segments 8–12 start below
    // their need (they dip); n = 12 needs 28,920,000, n = 13 starts at 31,104,001 above 31,080,000.
    let good = p.threshold(Band::Good).unwrap();
    assert_eq!(
        good,
        Threshold {
            first: Some(18_120_000),
            holds_from: Some(28_920_000)
        }
    );
    assert!(good.dips());
    assert_eq!(p.metrics(18_120_000).unwrap().band, Band::Good);
    assert_eq!(p.metrics(18_144_001).unwrap().band, Band::Marginal);
    assert_eq!(p.metrics(28_919_999).unwrap().band, Band::Marginal);
    // Break-even: 0.001 V ≥ 1720 on the first segment → 1,720,000; no dip after it.
    assert_eq!(
        p.threshold(Band::Marginal).unwrap(),
        Threshold {
            first: Some(1_720_000),
            holds_from: Some(1_720_000)
        }
    );
}

#[test]
fn saw_tooth_crossovers_are_all_found() {
    let s = sawtooth();
    let a = econ::analyse(&s, 5_000_000);
    // The flat design's ROI is exactly 0.001 / 0.0004 = 2.5. The stepped design ties it at
    // V = 1,800,000 n + 2,500,000 on segment n and leads just after; the flat one leads again at
    // each step while segments still start below the tie (n ≤ 6).
    assert_eq!(a.crossovers.len(), 1);
    assert_eq!(
        a.crossovers[0].volumes,
        vec![9_700_001, 10_368_001, 11_500_001, 12_960_001, 13_300_001]
    );
}

#[test]
fn value_zero_and_cost_zero_are_answers() {
    let free = "HostedApi(price_per_request: 0)";
    let paid = "HostedApi(price_per_request: 0.01)";
    let s = scenario_with(
        "730",
        (1000, 1, 10_000),
        &one_use_case("0"),
        &format!("{}, {}", design("free", free, ""), design("paid", paid, "")),
    );
    let a = econ::analyse(&s, 1000);
    let free = &a.designs[0].as_ref().unwrap().metrics;
    // Cost 0: ROI undefined, band Excellent; value 0: cost-to-value undefined.
    assert_eq!(free.roi_multiple, None);
    assert_eq!(free.band, Band::Excellent);
    assert_eq!(free.cost_to_value, None);
    let paid = &a.designs[1].as_ref().unwrap().metrics;
    assert_eq!(paid.roi_multiple, Some(d("0")));
    assert_eq!(paid.band, Band::Unsustainable);
    assert_eq!(paid.cost_to_value, None);
    assert_eq!(a.designs[1].as_ref().unwrap().break_even.first, None);
    assert_eq!(a.designs[0].as_ref().unwrap().excellent_from.first, Some(1));
}

#[test]
fn volume_zero_is_refused_and_overflow_is_an_error_not_a_panic() {
    let s = hosted();
    let p = Prepared::new(&s, &s.designs[0]).unwrap();
    assert_eq!(p.metrics(0), Err(EconError::ZeroVolume));
    // 1e22 tokens × $1e6 per 1M tokens overflows the decimal range.
    let huge = "HostedApi(input_price_per_mtok: 1000000, input_tokens: 10000000000000000000000)";
    let ok = "HostedApi(price_per_request: 0.01)";
    let s = scenario_with(
        "730",
        (1000, 1, 10_000),
        &one_use_case("1"),
        &format!("{}, {}", design("huge", huge, ""), design("ok", ok, "")),
    );
    let a = econ::analyse(&s, 1000);
    assert_eq!(a.designs[0], Err(EconError::Overflow));
    assert!(
        a.designs[1].is_ok(),
        "one design's overflow leaves the others computed"
    );
}

#[test]
fn best_design_skips_over_capacity() {
    let s = gpu();
    let a = econ::analyse(&s, 50_000_000);
    assert!(a.designs[0].as_ref().unwrap().metrics.over_capacity);
    assert_eq!(a.best(), None);
}

#[test]
fn simulated_rois_are_banded_with_the_exact_thresholds() {
    use inference_roi::econ::{Band, band_of};
    use rust_decimal::Decimal;
    for (roi, text) in [
        (0.5, "0.5"),
        (1.0, "1"),
        (2.999, "2.999"),
        (3.0, "3"),
        (9.99, "9.99"),
        (10.0, "10"),
        (250.0, "250"),
    ] {
        let exact = band_of(text.parse::<Decimal>().unwrap(), Decimal::ONE).unwrap();
        assert_eq!(Band::of_f64(roi), exact, "ROI {roi}");
    }
    assert_eq!(Band::of_f64(f64::INFINITY), Band::Excellent, "cost 0");
    for band in Band::ALL {
        assert_eq!(
            band.threshold_f64(),
            band.threshold()
                .map(|k| k.to_string().parse::<f64>().unwrap())
        );
    }
}
