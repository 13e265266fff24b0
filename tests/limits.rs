//! Runs whose size is the product of several arguments are refused at once, with the product and
//! the limit named, rather than taking minutes and gigabytes; searches whose work grows with the
//! product of the sizes finish in bounded time and say what they left out.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fmt::Write as _;

use assert_cmd::Command;
use common::scenario_with;
use inference_roi::econ::simulate::{self, MAX_CELLS, SimulationError};
use inference_roi::econ::{self, LISTED_CROSSOVERS, Prepared, suggest};
use inference_roi::io;
use predicates::prelude::*;
use rust_decimal::Decimal;

fn cli() -> Command {
    Command::cargo_bin("inference-roi").unwrap()
}

#[test]
fn simulate_bounds_samples_times_points_times_designs() {
    // 1,000,000 × 1,000 × 3 designs = 3e9 figures: about 15 GB before this limit.
    cli()
        .args(["simulate", "scenarios/support-assistant-uncertain.ron"])
        .args(["--samples", "1000000", "--points", "1000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--samples 1000000 --points 1000: samples × points × designs is 1,000,000 × 1,000 × 3 \
             = 3,000,000,000 simulated figures; the limit is 50,000,000: use at most 16,666 \
             samples with 1,000 points",
        ));
    // The largest run the message offers is accepted.
    let scenario = io::parse(
        io::examples::find("support-assistant-uncertain")
            .unwrap()
            .text,
    )
    .unwrap();
    let volumes = vec![scenario.volume.current; 1000];
    let largest = simulate::max_samples(1000 * 3);
    assert_eq!(largest, 16_666);
    assert!(largest * 1000 * 3 <= MAX_CELLS && (largest + 1) * 1000 * 3 > MAX_CELLS);
    match simulate::simulate(&scenario, &volumes, 16_667, 1) {
        Err(SimulationError::TooLarge {
            samples: 16_667,
            count: 1000,
            designs: 3,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    // The same bound for the chart's bands (100 points).
    let dir = tempfile::tempdir().unwrap();
    cli()
        .args([
            "chart",
            "scenarios/support-assistant-uncertain.ron",
            "--out",
        ])
        .arg(dir.path().join("bands.svg"))
        .args(["--bands", "1000000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--bands 1000000: samples × points × designs is 1,000,000 × 100 × 3",
        ))
        .stderr(predicate::str::contains("use at most 166,666 samples"));
    assert!(!dir.path().join("bands.svg").exists());
}

#[test]
fn the_timeline_simulation_bounds_samples_times_months_times_designs() {
    let mut scenario = io::parse(io::examples::find("support-over-time").unwrap().text).unwrap();
    let months = scenario.timeline.as_ref().unwrap().months as usize;
    let designs = scenario.designs.len();
    scenario.ranges.clear();
    let too_many = MAX_CELLS / (months * designs) + 1;
    match simulate::timeline::simulate_timeline(&scenario, too_many, 1) {
        Err(error @ SimulationError::TooLarge { .. }) => {
            assert!(
                error.to_string().starts_with(&format!(
                    "samples × months × designs is {} × {months} × {designs}",
                    inference_roi::report::format::count(too_many as u64)
                )),
                "{error}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn chart_bounds_width_times_height_times_scale_squared() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("huge.png");
    // 8000 × 8000 × 4² = 1,024,000,000 pixels: about 7.8 GB before this limit.
    cli()
        .args(["chart", "scenarios/support-assistant.ron", "--out"])
        .arg(&png)
        .args(["--width", "8000", "--height", "8000", "--scale", "4"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a PNG of 8000×8000 at 4× is 1,024,000,000 pixels (width × height × scale²); the \
             limit is 40,000,000 pixels: use a smaller size or scale, or write an .svg",
        ));
    assert!(!png.exists());
    // Each side at its own limit is fine while the product is within bounds.
    cli()
        .args(["chart", "scenarios/support-assistant.ron", "--out"])
        .arg(&png)
        .args(["--width", "8000", "--height", "1000", "--scale", "2"])
        .assert()
        .success();
    assert!(png.exists());
}

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
