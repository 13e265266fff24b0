//! The threshold and crossover searches against a brute-force walk of every instance-count
//! boundary, over the whole searched range (up to 10^12 requests a month or the capacity limit),
//! for fleets with and without reserved instances.
//!
//! The walk shares nothing with the searches' bounds: it finds each run of volumes with the
//! same instance counts from [`CostModel::stage_instances`] alone, and within a run (where the
//! cost is one straight line) settles the threshold or the order of two designs by bisection on
//! the exact monthly cost. A threshold is right when ROI at V is ≥ k and at V − 1 is < k; a
//! crossover is right when the order differs between V − 1 and V.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{design, one_use_case, scenario_with};
use inference_roi::econ::{self, Band, Prepared};
use inference_roi::model::Scenario;
use inference_roi::model::validate::MAX_VOLUME;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::cmp::Ordering;

fn dec(max_mantissa: i64, max_scale: u32) -> impl Strategy<Value = Decimal> {
    (0..=max_mantissa, 0..=max_scale).prop_map(|(m, s)| Decimal::new(m, s))
}

/// A self-hosted stage with at most 40 instances (so the walk stays short), sometimes with
/// reserved instances priced below, at or above the on-demand price.
fn self_hosted() -> impl Strategy<Value = String> {
    (
        1i64..=900,
        1i64..2_000,
        1i64..=100,
        0u32..4,
        1u32..40,
        proptest::option::of((1u32..12, 0i64..=1_200)),
    )
        .prop_map(|(cents, milli_rps, util_pct, min, extra, reserved)| {
            let price = Decimal::new(cents, 2);
            let reserved = reserved.map_or(String::new(), |(count, pct)| {
                format!(
                    ", reserved: Some(Reserved(instances: {count}, price_per_hour: {}))",
                    (price * Decimal::new(pct, 3)).round_dp(4)
                )
            });
            format!(
                "SelfHosted(hardware: Gpu, price_per_hour: {price}, \
                 throughput: RequestsPerSecond({}), target_utilization: {}, \
                 min_instances: {min}, max_instances: Some({}){reserved})",
                Decimal::new(milli_rps, 3),
                Decimal::new(util_pct, 2),
                min.max(1) + extra,
            )
        })
}

fn hosted() -> impl Strategy<Value = String> {
    (dec(300, 5), 1u32..2_000).prop_map(|(price, tokens)| {
        format!(
            "HostedApi(input_price_per_mtok: {price}, output_price_per_mtok: {price}, \
             input_tokens: {tokens}, output_tokens: 10)"
        )
    })
}

fn serving() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => self_hosted(),
        1 => hosted(),
        2 => (self_hosted(), prop_oneof![self_hosted(), hosted()], dec(100, 2)).prop_map(|(p, f, e)| {
            format!("Cascade(primary: {p}, fallback: {f}, escalation_rate: {})", e.min(Decimal::ONE))
        }),
    ]
}

fn design_ron(name: &'static str) -> impl Strategy<Value = String> {
    (serving(), dec(3_000, 0), dec(50, 0), 1i64..=100).prop_map(
        move |(serving, fixed, overhead, success)| {
            design(
                name,
                &serving,
                &format!(
                    "fixed_monthly: {fixed}, overhead_pct: {overhead}, success_rate: {}",
                    Decimal::new(success, 2)
                ),
            )
        },
    )
}

fn pair() -> impl Strategy<Value = Scenario> {
    (design_ron("a"), design_ron("b"), 1i64..=50_000, 1i64..=3).prop_map(|(a, b, value, peak)| {
        let mut s = scenario_with(
            "730",
            (1_000_000, 1, MAX_VOLUME),
            &one_use_case(&Decimal::new(value, 5).to_string()),
            &format!("{a}, {b}"),
        );
        s.volume.peak_to_average = Decimal::from(peak);
        s
    })
}

/// The largest volume a design is searched at: its capacity, at most 10^12.
fn limit(p: &Prepared) -> u64 {
    p.figures(1)
        .unwrap()
        .capacity_limit
        .map_or(MAX_VOLUME, |l| l.min(MAX_VOLUME))
}

/// The smallest V in `[lo, hi]` where `test` holds, given that it fails at `lo`, holds at `hi`
/// and turns only once in between.
fn bisect(mut lo: u64, mut hi: u64, test: impl Fn(u64) -> bool) -> u64 {
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if test(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// The runs `[lo, hi]` of `[1, limit]` on which every stage of every design keeps its instance
/// count, found from the instance counts alone (each count only grows with volume).
fn runs(designs: &[&Prepared], limit: u64) -> Vec<(u64, u64)> {
    let counts = |v: u64| -> Vec<Vec<u64>> {
        designs
            .iter()
            .map(|p| p.cost.stage_instances(v).unwrap())
            .collect()
    };
    let mut runs = Vec::new();
    let mut lo = 1;
    while lo <= limit {
        let here = counts(lo);
        let hi = if counts(limit) == here {
            limit
        } else {
            bisect(lo, limit, |v| counts(v) != here) - 1
        };
        runs.push((lo, hi));
        lo = hi + 1;
    }
    runs
}

/// `value × V ≥ k × cost`: ROI ≥ k, cost 0 counting as reached.
fn reaches(p: &Prepared, v: u64, k: Decimal) -> bool {
    p.value_per_request * Decimal::from(v) >= k * p.cost.monthly_cost(v).unwrap()
}

/// The first volume reaching k and the volume from which it holds to the limit, walked.
fn brute_threshold(p: &Prepared, k: Decimal) -> (Option<u64>, Option<u64>) {
    let limit = limit(p);
    let runs = runs(&[p], limit);
    let test = |v| reaches(p, v, k);
    let first = runs.iter().find_map(|&(lo, hi)| {
        if test(lo) {
            Some(lo)
        } else if test(hi) {
            Some(bisect(lo, hi, test))
        } else {
            None
        }
    });
    let last_miss = runs.iter().rev().find_map(|&(lo, hi)| {
        if !test(hi) {
            Some(hi)
        } else if !test(lo) {
            Some(bisect(lo, hi, test) - 1)
        } else {
            None
        }
    });
    let holds_from = match (first, last_miss) {
        (None, _) => None,
        (Some(first), None) => Some(first),
        (Some(_), Some(miss)) => (miss < limit).then_some(miss + 1),
    };
    (first, holds_from)
}

fn sign(x: Decimal) -> i8 {
    match x.cmp(&Decimal::ZERO) {
        Ordering::Greater => 1,
        Ordering::Less => -1,
        Ordering::Equal => 0,
    }
}

/// Every volume in the chart's range at which the other design becomes strictly ahead, walked.
fn brute_crossovers(s: &Scenario, a: &Prepared, b: &Prepared) -> Vec<u64> {
    let to = s.volume.max.min(limit(a)).min(limit(b));
    let gap = |v: u64| {
        sign(
            a.value_per_request * b.cost.monthly_cost(v).unwrap()
                - b.value_per_request * a.cost.monthly_cost(v).unwrap(),
        )
    };
    let (mut last, mut changes) = (0i8, Vec::new());
    let mut see = |v: u64, sign: i8| {
        if sign != 0 {
            if last != 0 && sign != last {
                changes.push(v);
            }
            last = sign;
        }
    };
    for (lo, hi) in runs(&[a, b], to) {
        // The chart's range starts at its minimum: a run is walked from there.
        let lo = lo.max(s.volume.min.max(1));
        if lo > hi {
            continue;
        }
        // The gap is one straight line on a run: its sign changes at most once.
        let (at_lo, at_hi) = (gap(lo), gap(hi));
        see(lo, at_lo);
        if at_hi != at_lo && at_hi != 0 && lo < hi {
            see(bisect(lo, hi, |v| gap(v) == at_hi), at_hi);
        }
    }
    changes
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        // Fixed, so that CI and every developer run the same cases; change it to explore more.
        rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_206),
        ..ProptestConfig::default()
    })]

    #[test]
    fn thresholds_match_a_walk_of_every_instance_boundary(s in pair()) {
        for d in &s.designs {
            let p = Prepared::new(&s, d).unwrap();
            for band in [Band::Marginal, Band::Good, Band::Excellent] {
                let k = band.threshold().unwrap();
                let t = p.threshold(band).unwrap();
                prop_assert_eq!((t.first, t.holds_from), brute_threshold(&p, k), "{:?} of {}", band, d.name);
                if let Some(first) = t.first {
                    prop_assert!(reaches(&p, first, k));
                    prop_assert!(first == 1 || !reaches(&p, first - 1, k));
                }
                if let (Some(first), Some(holds)) = (t.first, t.holds_from) && holds > first {
                    prop_assert!(reaches(&p, holds, k) && !reaches(&p, holds - 1, k));
                }
            }
        }
    }

    #[test]
    fn crossovers_match_a_walk_of_every_instance_boundary(s in pair()) {
        let a = Prepared::new(&s, &s.designs[0]).unwrap();
        let b = Prepared::new(&s, &s.designs[1]).unwrap();
        let analysis = econ::analyse(&s, s.volume.current);
        prop_assert_eq!(analysis.crossovers.len(), 1);
        let c = &analysis.crossovers[0];
        prop_assert_eq!(c.searched_to, None);
        let mut brute = brute_crossovers(&s, &a, &b);
        prop_assert_eq!(c.more, brute.len().saturating_sub(econ::LISTED_CROSSOVERS));
        brute.truncate(econ::LISTED_CROSSOVERS);
        let found = &c.volumes;
        prop_assert_eq!(found, &brute);
        let ahead = |v: u64| sign(a.value_per_request * b.cost.monthly_cost(v).unwrap()
            - b.value_per_request * a.cost.monthly_cost(v).unwrap());
        for &v in found {
            prop_assert!(ahead(v) != 0 && ahead(v) != ahead(v - 1), "no change of order at {}", v);
        }
    }
}

/// The case: one reserved instance at $1/h (730 a month) and on-demand ones at $4/h,
/// each serving 1 request/s × 3,600 × 730 h = 2,628,000 requests a month, value $0.01 a
/// request. ROI = 0.01 × V / 730 reaches 10× at V = 730,000; above 2,628,000 a second,
/// on-demand instance makes it 26,280.01 / 3,650 = 7.2× and it never comes back (at ten
/// instances, 262,800 / 27,010 = 9.73×).
#[test]
fn a_reserved_instance_reaches_excellent_before_the_first_on_demand_one() {
    let serving = "SelfHosted(hardware: Gpu, price_per_hour: 4, throughput: RequestsPerSecond(1), \
                   target_utilization: 1, min_instances: 1, max_instances: Some(10), \
                   reserved: Some(Reserved(instances: 1, price_per_hour: 1)))";
    let s = scenario_with(
        "730",
        (1_000_000, 1, 100_000_000),
        &one_use_case("0.01"),
        &design("reserved", serving, ""),
    );
    let p = Prepared::new(&s, &s.designs[0]).unwrap();
    let excellent = p.threshold(Band::Excellent).unwrap();
    assert_eq!(excellent.first, Some(730_000));
    assert_eq!(excellent.holds_from, None);
    assert!(excellent.dips());
    // Break-even and Good hold for good: 1× at 73,000; 3× at 219,000, and 7.2× and up above.
    let even = p.threshold(Band::Marginal).unwrap();
    assert_eq!((even.first, even.holds_from), (Some(73_000), Some(73_000)));
    let good = p.threshold(Band::Good).unwrap();
    assert_eq!(
        (good.first, good.holds_from),
        (Some(219_000), Some(219_000))
    );
}

/// Every pair of every bundled scenario (routed designs included), against the same walk.
#[test]
fn the_bundled_scenarios_crossovers_match_the_walk() {
    for example in inference_roi::io::examples::EXAMPLES {
        let s = inference_roi::io::parse(example.text).unwrap();
        let analysis = econ::analyse(&s, s.volume.current);
        for c in &analysis.crossovers {
            let a = Prepared::new(&s, &s.designs[c.a]).unwrap();
            let b = Prepared::new(&s, &s.designs[c.b]).unwrap();
            let mut brute = brute_crossovers(&s, &a, &b);
            let context = format!("{}: {} ↔ {}", example.file_name, c.a, c.b);
            assert_eq!(c.searched_to, None, "{context}");
            assert_eq!(
                c.more,
                brute.len().saturating_sub(econ::LISTED_CROSSOVERS),
                "{context}"
            );
            brute.truncate(econ::LISTED_CROSSOVERS);
            assert_eq!(c.volumes, brute, "{context}");
        }
    }
}
