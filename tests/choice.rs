//! Which design to run (`docs/method.md#which-design-is-best`): the best by monthly net value,
//! none paying, dominated designs, the frontier and its incremental ROI, cost per success —
//! worked by hand on small scenarios, and held to a brute-force walk over random designs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{d, design, scenario_with};
use inference_roi::econ::choice::{Standing, choose, dominates};
use inference_roi::econ::{Band, Metrics, analyse};
use inference_roi::model::Scenario;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A hosted API charging `per_request` a request, with `fixed` a month.
fn api(name: &str, per_request: &str, rate: &str, fixed: &str) -> String {
    design(
        name,
        &format!(
            "HostedApi(input_price_per_mtok: 0, output_price_per_mtok: 0, price_per_request: {per_request}, \
             input_tokens: 0, output_tokens: 0)"
        ),
        &format!("success_rate: {rate}, fixed_monthly: {fixed}"),
    )
}

/// One use case worth $0.10 a success, at 10,000 requests a month.
fn scenario(designs: &[String]) -> Scenario {
    scenario_with(
        "730",
        (10_000, 1_000, 1_000_000),
        "UseCase(name: \"all\", share: 1, value_per_success: 0.10)",
        &designs.join(", "),
    )
}

/// At 10,000 requests and $0.10 a success:
/// - "big":   cost 10,000 × 0.005 = $50,   value 10,000 × 0.10 × 0.9 = $900, net $850, ROI 18×;
/// - "small": cost 10,000 × 0.001 = $10,   value 10,000 × 0.10 × 0.6 = $600, net $590, ROI 60×;
/// - "waste": cost 10,000 × 0.004 = $40,   value 10,000 × 0.10 × 0.5 = $500, net $460, ROI 12.5×.
///
/// Best by net value is "big" ($850), though "small" has the higher ROI (60×). "waste" costs
/// more than "small" and is worth less: dominated by it. Frontier: small ($10) → big ($50);
/// the step costs $40 more for $300 more value: 7.5× (Good).
#[test]
fn best_by_net_value_a_dominated_design_and_the_step() {
    let s = scenario(&[
        api("big", "0.005", "0.9", "0"),
        api("small", "0.001", "0.6", "0"),
        api("waste", "0.004", "0.5", "0"),
    ]);
    let a = analyse(&s, 10_000);
    let c = a.choice();
    assert_eq!(c.best, Some(0));
    assert_eq!(a.best(), Some(0));
    assert_eq!(c.highest_roi, Some(1));
    assert!(!c.none_pays);
    assert_eq!(c.frontier, vec![1, 0]);
    assert_eq!(
        c.standing,
        vec![
            Standing::Frontier,
            Standing::Frontier,
            Standing::Dominated { by: 1 }
        ]
    );
    assert_eq!(c.dominated_by(2), Some(1));
    assert_eq!(c.upgrades.len(), 1);
    let step = &c.upgrades[0];
    assert_eq!((step.from, step.to), (1, 0));
    assert_eq!(step.extra_monthly_cost, d("40"));
    assert_eq!(step.extra_monthly_value, d("300"));
    assert_eq!(step.incremental_roi, Some(d("7.5")));
    assert_eq!(step.band, Some(Band::Good));
    assert!(step.pays());
}

/// Two designs with the same net value: "a" costs $10 and is worth $60 (net $50, 6×), "b" costs
/// $50 and is worth $100 (net $50, 2×). The tie goes to the higher ROI: "a", though it comes
/// second. Neither dominates (b costs more but is worth more): both on the frontier, and the
/// step a → b costs $40 more for $40 more value: 1× (Marginal), which pays just.
#[test]
fn a_tie_on_net_value_goes_to_the_higher_roi() {
    // 10,000 × 0.005 = $50 and 10,000 × 0.10 × 0.1 = $100; 10,000 × 0.001 = $10 and
    // 10,000 × 0.10 × 0.06 = $60.
    let s = scenario(&[
        api("b", "0.005", "0.1", "0"),
        api("a", "0.001", "0.06", "0"),
    ]);
    let c = analyse(&s, 10_000).choice();
    assert_eq!(c.best, Some(1));
    assert_eq!(c.frontier, vec![1, 0]);
    assert_eq!(c.upgrades[0].incremental_roi, Some(Decimal::ONE));
    assert_eq!(c.upgrades[0].band, Some(Band::Marginal));
    assert!(c.upgrades[0].pays());
}

/// Two designs that cost and are worth exactly the same: neither dominates the other, both are
/// on the frontier, and the step between them costs nothing more: its incremental ROI is
/// undefined (None), never a division by zero. The tie on net value and ROI goes to the first.
#[test]
fn a_step_with_no_extra_cost_has_no_incremental_roi() {
    let s = scenario(&[
        api("one", "0.002", "0.5", "0"),
        api("two", "0.001", "0.5", "10"),
    ]);
    // one: 10,000 × 0.002 = $20; two: 10,000 × 0.001 + $10 = $20. Both worth $500.
    let c = analyse(&s, 10_000).choice();
    assert_eq!(c.best, Some(0));
    assert_eq!(c.frontier, vec![0, 1]);
    let step = &c.upgrades[0];
    assert_eq!(step.extra_monthly_cost, Decimal::ZERO);
    assert_eq!(step.extra_monthly_value, Decimal::ZERO);
    assert_eq!(step.incremental_roi, None);
    assert_eq!(step.band, None);
    assert!(!step.pays());
}

/// None pays: "x" costs 10,000 × 0.02 = $200 for $100 of value (net −$100), "y" costs
/// 10,000 × 0.05 = $500 for 10,000 × 0.10 × 0.2 = $200 (net −$300). The best is the least loss,
/// "x", and the choice says none pays. "y" costs more and is worth more: both on the frontier.
#[test]
fn none_pays_names_the_least_loss() {
    let s = scenario(&[api("y", "0.05", "0.2", "0"), api("x", "0.02", "0.1", "0")]);
    let c = analyse(&s, 10_000).choice();
    assert!(c.none_pays);
    assert_eq!(c.best, Some(1));
    assert_eq!(c.frontier, vec![1, 0]);
    // $300 more cost for $100 more value: 1/3 (Unsustainable).
    assert_eq!(c.upgrades[0].band, Some(Band::Unsustainable));
    assert!(!c.upgrades[0].pays());
}

/// A design over capacity is never best and never on the frontier, however much it nets. The
/// GPU serves 1 request/s × 3,600 × 730 = 2,628,000 requests an instance-month for $730, with
/// at most 1 instance; at 10,000,000 requests it is over capacity.
#[test]
fn over_capacity_is_never_best_nor_on_the_frontier() {
    let gpu = design(
        "gpu",
        "SelfHosted(hardware: Gpu, price_per_hour: 1, throughput: RequestsPerSecond(1), target_utilization: 1, \
         min_instances: 1, max_instances: Some(1))",
        "success_rate: 0.9",
    );
    let s = scenario_with(
        "730",
        (10_000_000, 1_000, 100_000_000),
        "UseCase(name: \"all\", share: 1, value_per_success: 0.10)",
        &[gpu, api("api", "0.05", "0.5", "0")].join(", "),
    );
    let a = analyse(&s, 10_000_000);
    let gpu = a.designs[0].as_ref().unwrap();
    assert!(gpu.metrics.over_capacity);
    let c = a.choice();
    assert_eq!(c.best, Some(1));
    assert_eq!(c.highest_roi, Some(1));
    assert_eq!(c.frontier, vec![1]);
    assert_eq!(c.standing[0], Standing::OverCapacity);
    assert!(c.upgrades.is_empty());
    // api: 10,000,000 × 0.05 = $500,000 for 10,000,000 × 0.10 × 0.5 = $500,000: net 0, none pays.
    assert!(c.none_pays);
}

/// Cost per success of a plain design: $50 / (10,000 × 0.9) = $0.00555…; of a routed design,
/// only the requests it serves count. Here "routed" sends "hard" (share 0.25) to "big"
/// (success 0.9 there) and "easy" (share 0.75) to no AI: successful requests are
/// 10,000 × 0.25 × 0.9 = 2,250, and its cost is big's on 2,500 requests, 2,500 × 0.005 = $12.50,
/// so $12.50 / 2,250 = $0.00555….
#[test]
fn cost_per_success_counts_served_requests_only() {
    let routed = design(
        "routed",
        "Routed(routes: {\"hard\": Design(\"big\"), \"easy\": NotServed})",
        "",
    );
    let s = scenario_with(
        "730",
        (10_000, 1_000, 1_000_000),
        "UseCase(name: \"hard\", share: 0.25, value_per_success: 0.4),
         UseCase(name: \"easy\", share: 0.75, value_per_success: 0)",
        &[api("big", "0.005", "0.9", "0"), routed].join(", "),
    );
    let a = analyse(&s, 10_000);
    let big = &a.designs[0].as_ref().unwrap().metrics;
    assert_eq!(big.successful_requests, d("9000"));
    assert_eq!(big.cost_per_success, Some(d("50") / d("9000")));
    let routed = &a.designs[1].as_ref().unwrap().metrics;
    assert_eq!(routed.monthly_cost, d("12.5"));
    assert_eq!(routed.successful_requests, d("2250"));
    assert_eq!(routed.cost_per_success, Some(d("12.5") / d("2250")));
}

/// A design with no success has no cost per success (not a division by zero).
#[test]
fn no_success_no_cost_per_success() {
    let s = scenario(&[api("never", "0.001", "0", "0")]);
    let a = analyse(&s, 10_000);
    let m = &a.designs[0].as_ref().unwrap().metrics;
    assert_eq!(m.successful_requests, Decimal::ZERO);
    assert_eq!(m.cost_per_success, None);
}

/// A metrics record with only what the choice reads.
fn metrics(cost: u32, value: u32, over_capacity: bool) -> Metrics {
    let (c, v) = (Decimal::from(cost), Decimal::from(value));
    Metrics {
        volume: 1,
        served_requests: Decimal::ONE,
        monthly_cost: c,
        monthly_value: v,
        monthly_net_value: v - c,
        cost_per_inference: c,
        value_per_inference: v,
        cost_to_value: (!v.is_zero()).then(|| c / v),
        roi_multiple: (!c.is_zero()).then(|| v / c),
        net_value_per_inference: v - c,
        successful_requests: Decimal::ONE,
        cost_per_success: Some(c),
        band: Band::Good,
        tokens_per_month: None,
        cost_per_million_tokens: None,
        instances: None,
        stage_instances: Vec::new(),
        over_capacity,
    }
}

proptest! {
    /// Against a brute-force walk: the best has the highest net value of all designs within
    /// capacity (and the highest ROI among those that tie); every design within capacity is
    /// either on the frontier, which nothing dominates, or dominated by a design that is on
    /// it; the frontier ascends in cost and in value; each step's figures are the differences.
    #[test]
    fn every_design_is_on_the_frontier_or_dominated_by_one_that_is(
        designs in prop::collection::vec(
            prop::option::weighted(0.9, (0u32..50, 0u32..50, prop::bool::weighted(0.15))),
            0..9,
        )
    ) {
        let owned: Vec<Option<Metrics>> = designs
            .iter()
            .map(|d| d.map(|(c, v, over)| metrics(c, v, over)))
            .collect();
        let refs: Vec<Option<&Metrics>> = owned.iter().map(Option::as_ref).collect();
        let c = choose(&refs);
        let within: Vec<usize> = (0..refs.len())
            .filter(|&i| refs[i].is_some_and(|m| !m.over_capacity))
            .collect();
        let m = |i: usize| refs[i].unwrap();

        // The best, by brute force.
        let top = within.iter().map(|&i| m(i).monthly_net_value).max();
        prop_assert_eq!(c.best.map(|b| m(b).monthly_net_value), top);
        if let Some(b) = c.best {
            for &i in &within {
                if m(i).monthly_net_value == m(b).monthly_net_value {
                    // Equal ROI by cross-multiplication: value_i × cost_b ≤ value_b × cost_i.
                    prop_assert!(
                        m(i).monthly_value * m(b).monthly_cost <= m(b).monthly_value * m(i).monthly_cost
                    );
                }
            }
        }
        prop_assert_eq!(c.none_pays, top.is_none_or(|t| t <= Decimal::ZERO));

        // Frontier or dominated by one on it.
        for (i, standing) in c.standing.iter().enumerate() {
            match *standing {
                Standing::Failed => prop_assert!(refs[i].is_none()),
                Standing::OverCapacity => prop_assert!(m(i).over_capacity),
                Standing::Frontier => {
                    prop_assert!(c.frontier.contains(&i));
                    prop_assert!(!within.iter().any(|&j| dominates(m(j), m(i))));
                }
                Standing::Dominated { by } => {
                    prop_assert!(c.frontier.contains(&by));
                    prop_assert!(dominates(m(by), m(i)));
                }
            }
        }
        prop_assert_eq!(c.frontier.len(), c.standing.iter().filter(|s| **s == Standing::Frontier).count());

        // Steps: consecutive, ascending, with their differences.
        prop_assert_eq!(c.upgrades.len(), c.frontier.len().saturating_sub(1));
        for (k, step) in c.upgrades.iter().enumerate() {
            prop_assert_eq!((step.from, step.to), (c.frontier[k], c.frontier[k + 1]));
            let (a, b) = (m(step.from), m(step.to));
            prop_assert_eq!(step.extra_monthly_cost, b.monthly_cost - a.monthly_cost);
            prop_assert_eq!(step.extra_monthly_value, b.monthly_value - a.monthly_value);
            prop_assert!(step.extra_monthly_cost >= Decimal::ZERO);
            prop_assert!(step.extra_monthly_value >= Decimal::ZERO);
            if step.extra_monthly_cost.is_zero() {
                prop_assert_eq!(step.incremental_roi, None);
            } else {
                prop_assert!(step.extra_monthly_value > Decimal::ZERO);
                let roi = step.incremental_roi.unwrap();
                prop_assert_eq!(roi, step.extra_monthly_value / step.extra_monthly_cost);
                prop_assert_eq!(step.pays(), roi >= Decimal::ONE);
            }
        }
    }
}

/// Where the pack says "the answer changes at V": on every bundled scenario, the best at V − 1
/// is the best at the current volume and the best at V is another; and a walk of 3,000
/// log-spaced volumes between them (a second, finer walk than the engine's) finds no volume
/// where the best is another.
#[test]
fn the_next_change_of_best_is_where_the_best_changes() {
    use inference_roi::econ::Prepared;
    use inference_roi::econ::choice::{best_at, next_change};
    use inference_roi::econ::sweep::log_volumes;
    for entry in std::fs::read_dir("scenarios").unwrap() {
        let path = entry.unwrap().path();
        // The folder also holds the example bill, its request counts and the portfolio.
        if path.extension().is_none_or(|e| e != "ron")
            || inference_roi::io::portfolio::is_portfolio_file(&path)
        {
            continue;
        }
        let s = inference_roi::io::load(&path).unwrap();
        let prepared: Vec<_> = s.designs.iter().map(|d| Prepared::new(&s, d)).collect();
        let here = best_at(&prepared, s.volume.current);
        let change = next_change(&prepared, s.volume.current, s.volume.max);
        let end = change.map_or(s.volume.max, |(v, _)| v - 1);
        for v in log_volumes(s.volume.current, end, 3_000) {
            assert_eq!(best_at(&prepared, v), here, "{}: at {v}", path.display());
        }
        assert_eq!(best_at(&prepared, end), here, "{}", path.display());
        if let Some((v, there)) = change {
            assert_ne!(there, here, "{}", path.display());
            assert_eq!(best_at(&prepared, v), there, "{}", path.display());
        }
    }
}

/// The case, through every format: on support-routing at 400,000 requests/month the
/// best is Routed by use case (nets $32,659.13) while GPT-4o mini API has the highest ROI
/// (48.6×); the frontier is mini ($468.48) → routed ($2,500.87) → GPT-4o API ($3,608.00), and
/// the last step costs $1,107.13 more for $439.50 more value: 0.397× (Unsustainable). The
/// fine-tuned 8B ($3,043.13 for $20,976.00) is dominated.
#[test]
fn support_routing_names_the_best_by_net_value_in_every_format() {
    use inference_roi::report::{Report, report_json, report_markdown, report_text};
    let s = inference_roi::io::load(std::path::Path::new("scenarios/support-routing.ron")).unwrap();
    let report = Report::new(&s, 400_000);
    let today = inference_roi::model::Date::of_unix_seconds(1_780_000_000);
    let text = report_text(&report, today);
    assert!(
        text.contains(
            "Best at this volume (highest monthly net value): Routed by use case, nets $32,659.13/month \
             (ROI 14.1×); highest ROI: GPT-4o mini API (48.6×)"
        ),
        "{text}"
    );
    assert!(text.contains(
        "Going from Routed by use case to GPT-4o API costs $1,107.13 more a month for $439.50 more value: \
         0.397× on the extra spend (Unsustainable)."
    ));
    assert!(text.contains("Fine-tuned 8B on A10G is dominated by Routed by use case"));
    let markdown = report_markdown(&report, today);
    assert!(markdown.contains("## Is the upgrade worth it?"));
    assert!(markdown.contains(
        "| Routed by use case | GPT-4o API | $1,107.13 | $439.50 | 0.397× | Unsustainable |"
    ));
    let json: serde_json::Value = serde_json::from_str(&report_json(&report)).unwrap();
    assert_eq!(json["best"], "Routed by use case");
    assert_eq!(json["best_by"], "monthly_net_value");
    assert_eq!(json["highest_roi"], "GPT-4o mini API");
    assert_eq!(json["none_pays"], false);
    assert_eq!(
        json["frontier"],
        serde_json::json!(["GPT-4o mini API", "Routed by use case", "GPT-4o API"])
    );
    let last = &json["upgrades"][1];
    assert_eq!(last["from"], "Routed by use case");
    assert_eq!(last["to"], "GPT-4o API");
    assert_eq!(last["extra_monthly_value"], "439.5");
    assert_eq!(last["band"], "Unsustainable");
    // Δcost = 3,608 − 2,500.87… exactly, as the two exact monthly costs differ.
    let cost = |i: usize| {
        report.analysis.designs[i]
            .as_ref()
            .unwrap()
            .metrics
            .monthly_cost
    };
    assert_eq!(
        last["extra_monthly_cost"],
        inference_roi::report::exact(cost(0) - cost(3))
    );
    assert_eq!(json["designs"][1]["dominated_by"], "Routed by use case");
    assert_eq!(json["designs"][0]["dominated_by"], serde_json::Value::Null);
}

/// None pays, in words: never "X is the best design" alone; the least loss is named.
#[test]
fn none_pays_is_said_in_words() {
    use inference_roi::report::{Report, report_json, report_text};
    let s = scenario(&[api("y", "0.05", "0.2", "0"), api("x", "0.02", "0.1", "0")]);
    let report = Report::new(&s, 10_000);
    let text = report_text(
        &report,
        inference_roi::model::Date::of_unix_seconds(1_780_000_000),
    );
    assert!(
        text.contains(
            "No design pays at this volume: each loses money or breaks even. The least loss is x \
             (net -$100.00/month"
        ),
        "{text}"
    );
    assert!(!text.contains("Best at this volume"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&report_json(&report)).unwrap();
    assert_eq!(json["none_pays"], true);
    assert_eq!(json["best"], "x");
    let html = inference_roi::report::pack::answer(&report);
    assert!(
        html.contains("no design pays: the least loss is x"),
        "{html}"
    );
}
