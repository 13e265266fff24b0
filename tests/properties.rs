//! Property tests: invariants of the metrics, and the exact searches checked against brute
//! force over every volume of a small range.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{design, one_use_case, scenario_with};
use inference_roi::econ::{self, Band, Prepared, sweep};
use inference_roi::model::Scenario;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn dec(max_mantissa: i64, max_scale: u32) -> impl Strategy<Value = Decimal> {
    (0..=max_mantissa, 0..=max_scale).prop_map(|(m, s)| Decimal::new(m, s))
}

/// A serving stage, as RON. Self-hosted stages are small (thousands of requests per instance)
/// so that a brute-force pass over every volume crosses many steps.
fn stage() -> impl Strategy<Value = String> {
    let hosted =
        (dec(300, 5), dec(2000, 0), dec(50, 6)).prop_map(|(price, tokens, per_request)| {
            format!(
                "HostedApi(input_price_per_mtok: {price}, output_price_per_mtok: {price}, \
             input_tokens: {tokens}, output_tokens: 10, price_per_request: {per_request})"
            )
        });
    let hosted_tokens = (1u32..200).prop_map(|rps| rps);
    let self_hosted = (
        dec(500, 2),
        1i64..200,
        1i64..=100,
        0u32..3,
        proptest::option::of(0u32..40),
        hosted_tokens,
    )
        .prop_map(|(price, milli_rps, util_pct, min, extra, _)| {
            let max = extra.map_or("None".to_owned(), |e| format!("Some({})", min.max(1) + e));
            format!(
                "SelfHosted(hardware: Gpu, price_per_hour: {price}, \
                 throughput: RequestsPerSecond({}), target_utilization: {}, \
                 min_instances: {min}, max_instances: {max})",
                Decimal::new(milli_rps, 4),
                Decimal::new(util_pct, 2),
            )
        });
    prop_oneof![hosted, self_hosted]
}

fn serving() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => stage(),
        1 => (stage(), stage(), dec(100, 2)).prop_map(|(p, f, e)| {
            format!("Cascade(primary: {p}, fallback: {f}, escalation_rate: {})", e.min(Decimal::ONE))
        }),
    ]
}

fn design_ron(name: &'static str) -> impl Strategy<Value = String> {
    (serving(), dec(300, 0), dec(50, 0), dec(100, 2)).prop_map(
        move |(serving, fixed, overhead, success)| {
            design(
                name,
                &serving,
                &format!(
                    "fixed_monthly: {fixed}, overhead_pct: {overhead}, success_rate: {}",
                    success.min(Decimal::ONE)
                ),
            )
        },
    )
}

const RANGE: u64 = 6_000;

fn pair_scenario() -> impl Strategy<Value = Scenario> {
    (design_ron("a"), design_ron("b"), dec(5_000, 4)).prop_map(|(a, b, value)| {
        scenario_with(
            "730",
            (100, 1, RANGE),
            &one_use_case(&value.to_string()),
            &format!("{a}, {b}"),
        )
    })
}

/// Two self-hosted designs whose cost per request at full load is nearly equal but whose steps
/// fall at different volumes: their ROI curves cross again and again.
fn close_pair() -> impl Strategy<Value = Scenario> {
    (1i64..100, 2i64..12, 2i64..5, -1i64..=1, dec(300, 0), dec(300, 0), 1i64..5000).prop_map(
        |(price_cents, milli_rps, factor, skew, fixed_a, fixed_b, value)| {
            let stepped = |price: i64, rps: i64, fixed: Decimal| {
                format!(
                    "SelfHosted(hardware: Cpu, price_per_hour: {}, throughput: \
                        RequestsPerSecond({}),                      target_utilization: 1, min_instances: 1), \
                        fixed_monthly: {fixed}",
                    Decimal::new(price, 2),
                    Decimal::new(rps, 4)
                )
            };
            let a = stepped(price_cents, milli_rps, fixed_a);
            let b = stepped(
                price_cents * factor,
                (milli_rps * factor + skew).max(1),
                fixed_a + fixed_b / Decimal::from(100),
            );
            let designs = format!("Design(name: \"a\", serving: {a}), Design(name: \"b\", serving: {b})");
            scenario_with("730", (100, 1, RANGE), &one_use_case(&Decimal::new(value, 4).to_string()), &designs)
        },
    )
}

fn brute_crossovers(s: &Scenario) -> Vec<u64> {
    let (pa, pb) = (
        Prepared::new(s, &s.designs[0]).unwrap(),
        Prepared::new(s, &s.designs[1]).unwrap(),
    );
    let mut last = 0i8;
    let mut changes = Vec::new();
    for v in 1..=RANGE {
        if pa.cost.over_capacity(v) || pb.cost.over_capacity(v) {
            break;
        }
        let h = pa.value_per_inference * pb.cost.monthly_cost(v).unwrap()
            - pb.value_per_inference * pa.cost.monthly_cost(v).unwrap();
        let sign = match h.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Greater => 1,
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
        };
        if sign != 0 {
            if last != 0 && sign != last {
                changes.push(v);
            }
            last = sign;
        }
    }
    changes
}

/// A crossover list as the engine gives it: the first ones, and how many more.
fn listed_and_more(c: &econ::Crossover) -> (Vec<u64>, usize) {
    assert_eq!(
        c.searched_to, None,
        "a pair of two designs is searched to the end"
    );
    (c.volumes.clone(), c.more)
}

/// All crossovers split as the engine lists them.
fn split(mut all: Vec<u64>) -> (Vec<u64>, usize) {
    let more = all.len().saturating_sub(econ::LISTED_CROSSOVERS);
    all.truncate(econ::LISTED_CROSSOVERS);
    (all, more)
}

/// `value × V ≥ k × cost`: ROI ≥ k with cost 0 counting as reached.
fn reaches(p: &Prepared, volume: u64, k: Decimal) -> bool {
    let cost = p.cost.monthly_cost(volume).unwrap();
    p.value_per_inference * Decimal::from(volume) >= k * cost
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        // Fixed, so that CI and every developer run the same cases; change it to explore more.
        rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_128),
        ..ProptestConfig::default()
    })]

    #[test]
    fn thresholds_match_brute_force(s in pair_scenario()) {
        for d in &s.designs {
            let p = Prepared::new(&s, d).unwrap();
            for band in [Band::Marginal, Band::Good, Band::Excellent] {
                let k = band.threshold().unwrap();
                let t = p.threshold(band).unwrap();
                let served = |v: u64| !p.cost.over_capacity(v);
                let brute = (1..=RANGE).find(|&v| served(v) && reaches(&p, v, k));
                match t.first {
                    Some(first) if first <= RANGE => prop_assert_eq!(Some(first), brute),
                    _ => prop_assert_eq!(brute, None, "engine says {:?}", t.first),
                }
                if let (Some(first), Some(holds)) = (t.first, t.holds_from) {
                    prop_assert!(holds >= first);
                    if holds <= RANGE {
                        prop_assert!((holds..=RANGE).filter(|&v| served(v)).all(|v| reaches(&p, v, k)));
                        if holds > first {
                            prop_assert!(!reaches(&p, holds - 1, k));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn crossovers_match_brute_force(s in pair_scenario()) {
        let a = econ::analyse(&s, 100);
        prop_assert_eq!(a.crossovers.len(), 1);
        prop_assert_eq!(listed_and_more(&a.crossovers[0]), split(brute_crossovers(&s)));
    }

    #[test]
    fn saw_tooth_crossovers_match_brute_force(s in close_pair()) {
        let a = econ::analyse(&s, 100);
        prop_assert_eq!(a.crossovers.len(), 1);
        prop_assert_eq!(listed_and_more(&a.crossovers[0]), split(brute_crossovers(&s)));
    }

    #[test]
    fn roi_times_cost_to_value_is_one(s in pair_scenario(), v in 1u64..1_000_000_000) {
        for d in &s.designs {
            let m = Prepared::new(&s, d).unwrap().metrics(v).unwrap();
            if let (Some(roi), Some(ctv)) = (m.roi_multiple, m.cost_to_value) {
                let product = roi * ctv;
                // Each quotient is rounded at the 28th decimal place: a tiny cost-to-value keeps
                // fewer significant digits, so allow its last place, scaled by the ROI.
                let tolerance = Decimal::new(1, 20) + roi * Decimal::new(1, 27);
                prop_assert!((product - Decimal::ONE).abs() < tolerance, "{} × {} = {}", roi, ctv, product);
            }
        }
    }

    #[test]
    fn monthly_cost_never_decreases(s in pair_scenario(), v in 1u64..100_000_000, step in 1u64..10_000_000) {
        for d in &s.designs {
            let p = Prepared::new(&s, d).unwrap();
            prop_assert!(p.cost.monthly_cost(v).unwrap() <= p.cost.monthly_cost(v + step).unwrap());
            prop_assert!(p.cost.monthly_cost(v).unwrap() <= p.cost.monthly_cost(v + 1).unwrap());
        }
    }

    #[test]
    fn float_sweep_matches_the_exact_engine(s in pair_scenario(), points in 2usize..400) {
        let swept = sweep(&s, points);
        for (d, series) in s.designs.iter().zip(&swept.series) {
            let p = Prepared::new(&s, d).unwrap();
            let series = series.as_ref().unwrap();
            for (i, &v) in swept.volumes.iter().enumerate() {
                let m = p.metrics(v).unwrap();
                if m.over_capacity {
                    prop_assert!(series.roi[i].is_nan());
                    continue;
                }
                let close = |float: f64, exact: Decimal| {
                    let exact: f64 = exact.try_into().unwrap();
                    (float - exact).abs() <= 1e-9 * exact.abs().max(f64::MIN_POSITIVE)
                };
                prop_assert!(close(series.cost_per_inference[i], m.cost_per_inference), "cost at {}", v);
                prop_assert!(close(series.monthly_cost[i], m.monthly_cost));
                match m.roi_multiple {
                    Some(roi) => prop_assert!(close(series.roi[i], roi), "roi at {}: {} vs {}", v, series.roi[i], roi),
                    None => prop_assert!(series.roi[i].is_infinite()),
                }
            }
        }
    }
}
