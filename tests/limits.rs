//! Work limits bound by the product of the sizes: inputs a hostile or careless file can make
//! large finish in bounded time and say what they left out.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fmt::Write as _;

use common::scenario_with;
use inference_roi::econ::{self, LISTED_CROSSOVERS, Prepared, suggest};
use rust_decimal::Decimal;

/// 64 self-hosted designs a hair apart in price and throughput: every pair changes order at
/// almost every step, millions of crossovers between 1 and 10^12 requests a month.
fn near_identical_fleets() -> inference_roi::model::Scenario {
    let mut designs = String::new();
    for j in 0..64 {
        let hair = Decimal::new(1, 4) * Decimal::from(j);
        let _ = write!(
            designs,
            "Design(name: \"d{j}\", serving: SelfHosted(hardware: Gpu, price_per_hour: {}, \
             throughput: RequestsPerSecond({}), target_utilization: 1, min_instances: 1), \
             fixed_monthly: {j}),",
            Decimal::ONE + hair,
            Decimal::ONE + hair
        );
    }
    scenario_with(
        "730",
        (1_000_000, 1, 1_000_000_000_000),
        &common::one_use_case("0.01"),
        &designs,
    )
}

#[test]
fn thousands_of_crossovers_are_listed_first_ones_and_counted() {
    let s = near_identical_fleets();
    let analysis = econ::analyse(&s, s.volume.current);
    assert_eq!(analysis.crossovers.len(), 64 * 63 / 2);
    let prepared: Vec<Prepared> = s
        .designs
        .iter()
        .map(|d| Prepared::new(&s, d).unwrap())
        .collect();
    let order = |a: &Prepared, b: &Prepared, v: u64| {
        (a.value_per_request * b.cost.monthly_cost(v).unwrap())
            .cmp(&(b.value_per_request * a.cost.monthly_cost(v).unwrap()))
    };
    let mut stopped = 0;
    for c in &analysis.crossovers {
        assert!(c.volumes.len() <= LISTED_CROSSOVERS);
        if c.searched_to.is_some() {
            stopped += 1;
        }
        // More than are listed, and each listed one is a real change of order.
        assert!(c.more > 0, "{} ↔ {}", c.a, c.b);
        let (a, b) = (&prepared[c.a], &prepared[c.b]);
        for &v in &c.volumes {
            assert_ne!(order(a, b, v), std::cmp::Ordering::Equal);
            assert_ne!(order(a, b, v), order(a, b, v - 1), "no change at {v}");
        }
    }
    // Searching every pair to 10^12 would take minutes: the searches stopped and say where.
    assert!(stopped > 0);
    let lines = inference_roi::report::crossover_lines(&inference_roi::report::Report::new(
        &s,
        s.volume.current,
    ));
    assert!(
        lines[0].contains("more up to") && lines[0].contains("not searched beyond"),
        "{}",
        lines[0]
    );
}

#[test]
fn routing_63_use_cases_over_63_designs_stops_at_its_work_limit() {
    let mut use_cases = String::new();
    for i in 0..63 {
        let share = if i == 62 {
            Decimal::ONE - Decimal::new(15_873, 6) * Decimal::from(62)
        } else {
            Decimal::new(15_873, 6)
        };
        let _ = write!(
            use_cases,
            "UseCase(name: \"u{i}\", share: {share}, value_per_success: {}),",
            Decimal::new(i % 7 + 1, 3)
        );
    }
    let mut designs = String::new();
    for j in 0..63 {
        let serving = if j % 2 == 0 {
            format!(
                "SelfHosted(hardware: Gpu, price_per_hour: {}, throughput: RequestsPerSecond({}), \
                 target_utilization: 0.6, min_instances: 1)",
                Decimal::ONE + Decimal::new(j, 2),
                5 + j
            )
        } else {
            format!(
                "HostedApi(input_price_per_mtok: {}, output_price_per_mtok: 0.4, input_tokens: 500, \
                 output_tokens: 100)",
                Decimal::new(10 + j, 2)
            )
        };
        let _ = write!(
            designs,
            "Design(name: \"d{j}\", serving: {serving}, success_rate: 0.{}),",
            50 + j % 40
        );
    }
    let s = scenario_with(
        "730",
        (1_000_000, 1, 1_000_000_000_000),
        &use_cases,
        &designs,
    );
    let found = suggest::suggest(&s, 1_000_000_000_000).unwrap();
    assert!(!found.exhaustive);
    assert!(found.stopped_early);
    assert!(
        found.design.notes.contains("work limit"),
        "{}",
        found.design.notes
    );
    // Whatever it stopped at is still at least as good as the best single design.
    let (_, single) = found.best_single.unwrap();
    assert!(found.metrics.monthly_net_value >= single.monthly_net_value);
}
