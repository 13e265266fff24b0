//! Pricing that matches real bills (`docs/method.md#pricing-as-bills-charge-it`): prompt
//! caching, batch and negotiated discounts, peak traffic and reserved capacity, by hand; files
//! without them unchanged; refusals; goal seek on a lever the design does not use yet.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{d, design, one_use_case, scenario_with};
use inference_roi::econ::validate;
use inference_roi::econ::whatif::{Seek, find_input, goal_seek, with_value};
use inference_roi::econ::{Prepared, sweep};
use inference_roi::io;
use inference_roi::model::{Scenario, Severity};

/// One hosted design with `extra` serving fields, 100,000 requests, value $0.05 per inference.
fn api(extra: &str) -> Scenario {
    scenario_with(
        "730",
        (100_000, 1_000, 10_000_000),
        &one_use_case("0.05"),
        &design(
            "api",
            &format!(
                "HostedApi(input_price_per_mtok: 2.5, output_price_per_mtok: 10, price_per_request: 0, \
                 input_tokens: 1000, output_tokens: 200{extra})"
            ),
            "success_rate: 1",
        ),
    )
}

fn cost_per_inference(s: &Scenario, volume: u64) -> rust_decimal::Decimal {
    Prepared::new(s, &s.designs[0])
        .unwrap()
        .metrics(volume)
        .unwrap()
        .cost_per_inference
}

#[test]
fn caching_batch_and_negotiated_discounts_by_hand() {
    // No levers: (1,000 × 2.5 + 200 × 10) / 1e6 = 0.0045.
    assert_eq!(cost_per_inference(&api(""), 100_000), d("0.0045"));
    // 60 % of input cached at $1.25: input at 0.4 × 2.5 + 0.6 × 1.25 = 1.75 per 1M;
    // (1,000 × 1.75 + 200 × 10) / 1e6 = 0.00375.
    let cached = api(", cached_input_share: 0.6, cached_input_price_per_mtok: 1.25");
    assert_eq!(cost_per_inference(&cached, 100_000), d("0.00375"));
    // A cache share without its own price costs the input price: no change.
    assert_eq!(
        cost_per_inference(&api(", cached_input_share: 0.6"), 100_000),
        d("0.0045")
    );
    // All three: half the requests batched at 50 % off (× 0.75), a negotiated 10 % (× 0.9), and a
    // $0.001 fee untouched: 0.00375 × 0.75 × 0.9 + 0.001 = 0.00253125 + 0.001 = 0.00353125.
    let all = api(
        ", cached_input_share: 0.6, cached_input_price_per_mtok: 1.25, batch_share: 0.5, \
         batch_discount_pct: 50, discount_pct: 10",
    );
    let mut all = all;
    if let inference_roi::model::Serving::HostedApi {
        price_per_request, ..
    } = &mut all.designs[0].serving
    {
        *price_per_request = d("0.001");
    }
    assert_eq!(cost_per_inference(&all, 100_000), d("0.00353125"));
    // Written back only where set; read back the same.
    let text = io::to_ron(&all).unwrap();
    assert!(text.contains("cached_input_share: 0.6"), "{text}");
    assert_eq!(io::parse(&text).unwrap(), all);
    assert!(!io::to_ron(&api("")).unwrap().contains("cached_input"));
}

/// A GPU of 1 request/s at full utilisation: 3,600 × 730 = 2,628,000 requests per instance-month
/// at $1/h × 730 = $730, at most 3 instances, with `reserved` and the volume's peak.
fn gpu(peak: &str, reserved: &str) -> Scenario {
    let mut s = scenario_with(
        "730",
        (2_000_000, 1_000, 100_000_000),
        &one_use_case("0.05"),
        &design(
            "gpu",
            &format!(
                "SelfHosted(hardware: Gpu, price_per_hour: 1, throughput: RequestsPerSecond(1), \
                 target_utilization: 1, min_instances: 1, max_instances: Some(3){reserved})"
            ),
            "success_rate: 1",
        ),
    );
    s.volume.peak_to_average = d(peak);
    s
}

#[test]
fn the_peak_sizes_the_fleet_and_its_capacity() {
    let metrics =
        |s: &Scenario, v: u64| Prepared::new(s, &s.designs[0]).unwrap().metrics(v).unwrap();
    // 2,000,000 a month fit one instance at the average; at twice the average the busiest hour
    // needs 4,000,000 a month's worth: 2 instances, $1,460.
    assert_eq!(metrics(&gpu("1", ""), 2_000_000).stage_instances, vec![1]);
    let peaky = gpu("2", "");
    assert_eq!(metrics(&peaky, 2_000_000).stage_instances, vec![2]);
    assert_eq!(metrics(&peaky, 2_000_000).monthly_cost, d("1460"));
    // Capacity limit: 3 × 2,628,000 / 2 = 3,942,000 requests a month.
    let figures = Prepared::new(&peaky, &peaky.designs[0])
        .unwrap()
        .figures(2_000_000)
        .unwrap();
    assert_eq!(figures.capacity_limit, Some(3_942_000));
    assert!(metrics(&peaky, 3_942_001).over_capacity);
    // A hosted API is billed per use: the peak changes nothing.
    let mut hosted = api("");
    let before = cost_per_inference(&hosted, 100_000);
    hosted.volume.peak_to_average = d("3");
    assert_eq!(cost_per_inference(&hosted, 100_000), before);
    // The curves follow the exact figures, steps included.
    let sweep = sweep(&peaky, 60);
    for (i, &v) in sweep.volumes.iter().enumerate() {
        let exact: f64 = metrics(&peaky, v).monthly_cost.try_into().unwrap();
        let curve = sweep.series[0].as_ref().unwrap().monthly_cost[i];
        if curve.is_finite() {
            assert!(
                ((curve - exact) / exact).abs() < 1e-9,
                "{v}: {curve} vs {exact}"
            );
        }
    }
}

#[test]
fn a_reserved_fleet_below_at_and_above_its_reservation() {
    // Two instances reserved at $0.60/h ($438 a month each), paid whether used or not; more on
    // demand at $1/h ($730).
    let s = gpu(
        "1",
        ", reserved: Some(Reserved(instances: 2, price_per_hour: 0.6))",
    );
    let cost = |v: u64| {
        Prepared::new(&s, &s.designs[0])
            .unwrap()
            .metrics(v)
            .unwrap()
            .monthly_cost
    };
    assert_eq!(cost(1_000_000), d("876"), "one instance needed, two paid");
    assert_eq!(cost(5_000_000), d("876"), "two needed, two reserved");
    assert_eq!(cost(6_000_000), d("1606"), "three: one more on demand");
    let sweep = sweep(&s, 80);
    for (i, &v) in sweep.volumes.iter().enumerate() {
        let exact: f64 = cost(v).try_into().unwrap();
        let curve = sweep.series[0].as_ref().unwrap().monthly_cost[i];
        if curve.is_finite() {
            assert!(
                ((curve - exact) / exact).abs() < 1e-9,
                "{v}: {curve} vs {exact}"
            );
        }
    }
    // The break-even search agrees with a scan of the volumes around it.
    let p = Prepared::new(&s, &s.designs[0]).unwrap();
    let first = p
        .threshold(inference_roi::econ::Band::Marginal)
        .unwrap()
        .first
        .unwrap();
    let roi = |v: u64| p.metrics(v).unwrap().roi_multiple.unwrap();
    assert!(roi(first) >= d("1") && roi(first - 1) < d("1"));
}

#[test]
fn levers_are_refused_out_of_range_and_seekable_at_zero() {
    let bad = api(", cached_input_share: 1.5, batch_discount_pct: 120, discount_pct: -1");
    let errors: Vec<String> = validate(&bad)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    for expected in [
        "designs[0].serving.cached_input_share must be in [0, 1], got 1.5",
        "designs[0].serving.batch_discount_pct must be in [0, 100], got 120",
        "designs[0].serving.discount_pct must be in [0, 100], got -1",
    ] {
        assert!(
            errors.iter().any(|e| e == expected),
            "{expected} in {errors:?}"
        );
    }
    let mut peaky = gpu(
        "0.5",
        ", reserved: Some(Reserved(instances: 4, price_per_hour: 0.6))",
    );
    let errors: Vec<String> = validate(&peaky).iter().map(ToString::to_string).collect();
    assert!(
        errors
            .iter()
            .any(|e| e == "volume.peak_to_average must be in [1, 100], got 0.5"),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e
            == "designs[0].serving.reserved.instances must be at most max_instances (3), got 4"),
        "{errors:?}"
    );
    peaky.volume.peak_to_average = d("1");

    // What cache hit share (at $0.25 per 1M cached) makes the API Excellent at 100,000? It uses
    // no cache yet; goal seek finds the lever all the same.
    let mut s = api(", cached_input_price_per_mtok: 0.25");
    s.use_cases[0].value_per_success = d("0.035");
    let input = find_input(&s, 0, "serving.cached_input_share").unwrap();
    let Seek::Reached { value, .. } = goal_seek(&s, 0, &input, d("10")).unwrap() else {
        panic!("unreachable")
    };
    let there = with_value(&s, 0, &input, value).unwrap();
    let p = Prepared::new(&there, &there.designs[0]).unwrap();
    assert!(p.metrics(100_000).unwrap().roi_multiple.unwrap() >= d("10"));
    // And the peak is an input of a self-hosted design.
    assert!(find_input(&peaky, 0, "volume.peak_to_average").is_ok());
    assert!(
        find_input(&s, 0, "volume.peak_to_average").is_err(),
        "not of a hosted API"
    );
}

#[test]
fn an_uncertain_peak_spreads_only_the_self_hosted_designs() {
    let text = io::examples::find("search-summaries")
        .unwrap()
        .text
        .replace("peak_to_average: 2.5,", "peak_to_average: Range(1.5, 4),");
    let s = io::parse(&text).unwrap();
    assert!(s.ranges.contains_key("volume.peak_to_average"));
    let sim = inference_roi::econ::simulate::simulate(&s, &[s.volume.current], 400, 3).unwrap();
    let spread = |d: usize| {
        let o = sim.designs[d].as_ref().unwrap();
        o.now[2] - o.now[0]
    };
    assert!(spread(0).abs() < 1e-12, "the API bills per use");
    assert!(
        spread(1) > 0.1,
        "the H100 fleet is sized for the peak: {}",
        spread(1)
    );
}
