//! Goal seek and sensitivity of the incremental ROI of an upgrade ("what success rate would make
//! the upgrade to B pay?"), worked by hand on hosted designs priced per request, its edge cases,
//! a property held to the plain formula Δvalue ÷ Δcost, and the command line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use common::{d, design, one_use_case, scenario_with};
use inference_roi::econ::whatif::{
    Input, Limit, Metric, Seek, ServingField, Stage, WhatIfError, goal_seek_for, metric_of,
    sensitivity_for, step_of, with_value,
};
use inference_roi::model::Scenario;
use predicates::prelude::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A hosted API charging `per_request` a request, succeeding at `rate`.
fn api(name: &str, per_request: &str, rate: &str) -> String {
    design(
        name,
        &format!(
            "HostedApi(input_price_per_mtok: 0, output_price_per_mtok: 0, price_per_request: {per_request}, \
             input_tokens: 0, output_tokens: 0)"
        ),
        &format!("success_rate: {rate}"),
    )
}

/// One use case worth $0.10 a success, at 10,000 requests a month: a design succeeding at r is
/// worth 10,000 × 0.10 × r = $1,000 × r a month.
fn scenario(designs: &[String]) -> Scenario {
    scenario_with(
        "730",
        (10_000, 1_000, 1_000_000),
        &one_use_case("0.10"),
        &designs.join(", "),
    )
}

/// "small": $0.001 a request, 60 % → cost $10, value $600.
/// "big":   $0.005 a request, 62 % → cost $50, value $620.
/// The step small → big: $40 more for $20 more value, 20 / 40 = 0.5×.
fn small_big() -> Scenario {
    scenario(&[api("small", "0.001", "0.6"), api("big", "0.005", "0.62")])
}

const UPGRADE: Metric = Metric::IncrementalRoi { from: 0 };

#[test]
fn the_step_by_hand() {
    let s = small_big();
    let step = step_of(&s, 0, 1).unwrap();
    assert_eq!(step.extra_monthly_cost, d("40"));
    assert_eq!(step.extra_monthly_value, d("20"));
    assert_eq!(metric_of(&s, 1, UPGRADE).unwrap(), Some(d("0.5")));
    assert_eq!(UPGRADE.name(&s), "incremental ROI over small");
    assert_eq!(UPGRADE.label(), "incremental ROI");
}

/// To pay (1×) the step needs $40 more value: big worth $640 = $1,000 × r → r = 0.64.
/// To reach 3× it needs $120 more: $720 → r = 0.72.
#[test]
fn the_success_rate_that_makes_the_upgrade_pay() {
    let s = small_big();
    for (target, rate) in [("1", "0.64"), ("3", "0.72")] {
        let seek = goal_seek_for(&s, 1, &Input::SuccessRate, d(target), UPGRADE).unwrap();
        assert_eq!(
            seek,
            Seek::Reached {
                value: d(rate),
                roi: Some(d(target)),
                lowest: true
            },
            "target {target}×"
        );
    }
}

/// The price of big that makes the step pay at 62 %: $20 more value buys at most $20 more cost,
/// so big may cost $30 a month: 10,000 × p = 30 → p = $0.003 (the highest such price).
#[test]
fn the_price_that_makes_the_upgrade_pay() {
    let s = small_big();
    let price = Input::Serving(Vec::<Stage>::new(), ServingField::PricePerRequest);
    let seek = goal_seek_for(&s, 1, &price, d("1"), UPGRADE).unwrap();
    assert_eq!(
        seek,
        Seek::Reached {
            value: d("0.003"),
            roi: Some(d("1")),
            lowest: false
        }
    );
}

/// 11× would need $440 more value, big worth $1,040: more than a 100 % success rate gives. At
/// 100 % big is worth $1,000, $400 more for $40 more: 10×, below 11× — at the rate's limit 1.
#[test]
fn beyond_the_limit_is_unreachable() {
    let s = small_big();
    let seek = goal_seek_for(&s, 1, &Input::SuccessRate, d("11"), UPGRADE).unwrap();
    assert_eq!(
        seek,
        Seek::Unreachable(Limit::Extreme {
            value: d("1"),
            roi: Some(d("10"))
        })
    );
    let text = inference_roi::report::whatif::seek_text(
        &s,
        1,
        &Input::SuccessRate,
        inference_roi::report::whatif::Goal {
            target: d("11"),
            metric: UPGRADE,
        },
        &seek,
    );
    assert!(
        text.contains("the incremental ROI over \"small\" is 10.0×")
            && text.contains("$400.00 more value for $40.00 more cost a month"),
        "{text}"
    );
}

/// "cheap": $0.0005 a request → $5 a month, $5 less than small. At 70 % it is worth $700, $100
/// more: it costs less and is worth more, so it dominates small — unbounded (`None`). At 50 % it
/// is worth $500, $100 less: a step down, 0. Its success rate that makes the move pay is the one
/// at which it is worth as much as small: $600 = $1,000 × r → r = 0.6, unbounded there.
#[test]
fn a_dominating_design_is_unbounded_and_a_step_down_is_zero() {
    let s = scenario(&[api("small", "0.001", "0.6"), api("cheap", "0.0005", "0.7")]);
    assert_eq!(metric_of(&s, 1, UPGRADE).unwrap(), None);
    let down = with_value(&s, 1, &Input::SuccessRate, d("0.5")).unwrap();
    assert_eq!(metric_of(&down, 1, UPGRADE).unwrap(), Some(Decimal::ZERO));
    let seek = goal_seek_for(&down, 1, &Input::SuccessRate, d("1"), UPGRADE).unwrap();
    assert_eq!(
        seek,
        Seek::Reached {
            value: d("0.6"),
            roi: None,
            lowest: true
        }
    );
    // The same cost and less value: a step down too; dearer and worth less: below 0.
    let same = scenario(&[api("a", "0.001", "0.6"), api("b", "0.001", "0.5")]);
    assert_eq!(metric_of(&same, 1, UPGRADE).unwrap(), Some(Decimal::ZERO));
    let worse = scenario(&[api("a", "0.001", "0.6"), api("b", "0.002", "0.5")]);
    // $10 more for $100 less: −10×.
    assert_eq!(metric_of(&worse, 1, UPGRADE).unwrap(), Some(d("-10")));
}

#[test]
fn a_design_over_itself_or_missing_is_refused() {
    let s = small_big();
    let same = Metric::IncrementalRoi { from: 1 };
    let err = goal_seek_for(&s, 1, &Input::SuccessRate, d("1"), same).unwrap_err();
    assert_eq!(err, WhatIfError::SameDesign("big".to_owned()));
    assert!(err.to_string().contains("another design"), "{err}");
    let missing = Metric::IncrementalRoi { from: 7 };
    assert_eq!(
        metric_of(&s, 1, missing).unwrap_err(),
        WhatIfError::NoDesign(7)
    );
}

/// A GPU fleet of at most 3 instances of 13,140,000 requests serves 39,420,000 a month: at
/// 50,000,000 it is over capacity, and an upgrade to or from it is refused, naming it.
#[test]
fn a_design_over_capacity_is_named() {
    let gpu = "SelfHosted(hardware: Gpu, instance: \"g\", price_per_hour: 2, throughput: RequestsPerSecond(10), \
               tokens_per_request: 800, target_utilization: 0.5, min_instances: 1, max_instances: Some(3))";
    let s = scenario_with(
        "730",
        (50_000_000, 100_000, 100_000_000),
        &one_use_case("0.001"),
        &[design("fleet", gpu, ""), api("api", "0.0001", "0.5")].join(", "),
    );
    for (design, from) in [(1, 0), (0, 1)] {
        let metric = Metric::IncrementalRoi { from };
        let err = goal_seek_for(&s, design, &Input::SuccessRate, d("1"), metric).unwrap_err();
        assert!(
            matches!(&err, WhatIfError::OverCapacity { name, .. } if name == "fleet"),
            "{err:?}"
        );
        assert!(
            err.to_string().contains("\"fleet\" needs more instances"),
            "{err}"
        );
    }
}

/// The tornado of the incremental ROI: big's success rate swung ±20 % (49.6 % → 74.4 %) moves
/// big's value to $496 and $744: (496 − 600) / 40 = −2.6× and (744 − 600) / 40 = 3.6×.
#[test]
fn the_tornado_of_the_upgrade() {
    let s = small_big();
    let t = sensitivity_for(&s, 1, d("20"), UPGRADE).unwrap();
    assert_eq!(t.base_roi, Some(d("0.5")));
    let rate = t
        .swings
        .iter()
        .find(|w| w.input == Input::SuccessRate)
        .unwrap();
    assert_eq!(rate.roi_low, Ok(Some(d("-2.6"))));
    assert_eq!(rate.roi_high, Ok(Some(d("3.6"))));
}

/// Δvalue ÷ Δcost by the plain formula, with the rules for Δcost ≤ 0: does it reach `target`?
fn pays_by_hand(scenario: &Scenario, rate: Decimal, target: Decimal) -> bool {
    let v = Decimal::from(scenario.volume.current);
    let per_success = scenario.use_cases[0].value_per_success;
    let figures = |i: usize, r: Decimal| {
        let price = match &scenario.designs[i].serving {
            inference_roi::model::Serving::HostedApi {
                price_per_request, ..
            } => *price_per_request,
            _ => unreachable!(),
        };
        (v * price, v * per_success * r)
    };
    let (cost_a, value_a) = figures(0, scenario.designs[0].success_rate);
    let (cost_b, value_b) = figures(1, rate);
    let (dc, dv) = (cost_b - cost_a, value_b - value_a);
    if dc > Decimal::ZERO {
        dv / dc >= target
    } else {
        dv >= Decimal::ZERO
    }
}

fn price() -> impl Strategy<Value = Decimal> {
    (1u32..=20_000).prop_map(|n| Decimal::new(i64::from(n), 6))
}

fn rate() -> impl Strategy<Value = Decimal> {
    (0u32..=1_000).prop_map(|n| Decimal::new(i64::from(n), 3))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// For random designs the success rate goal seek gives makes the step reach the target by
    /// the plain formula, and one step lower at the answer's precision (10⁻⁶) does not, unless
    /// the answer is the rate's lowest limit, 0; an unreachable target is missed even at 100 %.
    #[test]
    fn the_answer_is_the_lowest_rate_that_pays(
        price_a in price(), price_b in price(), rate_a in rate(), rate_b in rate(),
        value in (1u32..=500).prop_map(|n| Decimal::new(i64::from(n), 2)),
        target in prop_oneof![Just(Decimal::ONE), Just(Decimal::from(3)),
                              (1u32..=500).prop_map(|n| Decimal::new(i64::from(n), 2))],
    ) {
        let s = scenario_with(
            "730",
            (10_000, 1_000, 1_000_000),
            &one_use_case(&value.to_string()),
            &[api("a", &price_a.to_string(), &rate_a.to_string()),
              api("b", &price_b.to_string(), &rate_b.to_string())].join(", "),
        );
        let seek = goal_seek_for(&s, 1, &Input::SuccessRate, target, UPGRADE).unwrap();
        match seek {
            Seek::Reached { value: r, lowest, .. } => {
                prop_assert!(lowest);
                prop_assert!(pays_by_hand(&s, r, target), "{r} should pay");
                let below = r - Decimal::new(1, 6);
                prop_assert!(r.is_zero() || !pays_by_hand(&s, below, target), "{below} pays too");
            }
            Seek::Unreachable(Limit::Extreme { value: r, .. }) => {
                prop_assert_eq!(r, Decimal::ONE);
                prop_assert!(!pays_by_hand(&s, Decimal::ONE, target));
            }
            other @ Seek::Unreachable(_) => prop_assert!(false, "unexpected {other:?}"),
        }
    }
}

fn file(scenario: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(scenario)
}

/// On support-routing.ron at 400,000 requests a month, the step Routed by use case → GPT-4o
/// API costs $1,107.13 more for $439.50 more value (0.397×).
#[test]
fn cli_asks_what_makes_the_upgrade_pay() {
    let out = Command::cargo_bin("inference-roi")
        .unwrap()
        .args(["goal-seek"])
        .arg(file("support-routing.ron"))
        .args([
            "--design",
            "GPT-4o API",
            "--input",
            "success_rate",
            "--target",
            "1",
        ])
        .args(["--upgrade-from", "Routed by use case"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.starts_with(
            "The lowest success rate of \"GPT-4o API\" for the upgrade from \"Routed by use case\" to pay \
             (incremental ROI ≥ 1×) at 400,000 requests/month: "
        ),
        "{text}"
    );
    let json = Command::cargo_bin("inference-roi")
        .unwrap()
        .arg("goal-seek")
        .arg(file("support-routing.ron"))
        .args([
            "--design",
            "GPT-4o API",
            "--input",
            "success_rate",
            "--target",
            "1",
        ])
        .args(["--upgrade-from", "Routed by use case", "--format", "json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert_eq!(json["metric"], "incremental_roi");
    assert_eq!(json["upgrade_from"], "Routed by use case");
    assert_eq!(json["reachable"], true);
    let md = Command::cargo_bin("inference-roi")
        .unwrap()
        .arg("goal-seek")
        .arg(file("support-routing.ron"))
        .args([
            "--design",
            "GPT-4o API",
            "--input",
            "success_rate",
            "--target",
            "1",
        ])
        .args([
            "--upgrade-from",
            "Routed by use case",
            "--format",
            "markdown",
        ])
        .assert()
        .success();
    let md = String::from_utf8(md.get_output().stdout.clone()).unwrap();
    assert!(
        md.starts_with(
            "**What success rate of \"GPT-4o API\" makes the upgrade from \"Routed by use case\" pay"
        ),
        "{md}"
    );
}

#[test]
fn cli_refuses_an_unknown_design_with_the_names() {
    Command::cargo_bin("inference-roi")
        .unwrap()
        .arg("goal-seek")
        .arg(file("support-routing.ron"))
        .args([
            "--design",
            "GPT-4o API",
            "--input",
            "success_rate",
            "--target",
            "1",
        ])
        .args(["--upgrade-from", "Nope"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("--upgrade-from \"Nope\": no such design")
                .and(predicate::str::contains("\"GPT-4o mini API\"")),
        );
    Command::cargo_bin("inference-roi")
        .unwrap()
        .arg("goal-seek")
        .arg(file("support-routing.ron"))
        .args([
            "--design",
            "GPT-4o API",
            "--input",
            "success_rate",
            "--target",
            "1",
        ])
        .args(["--upgrade-from", "GPT-4o API"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is --design itself"));
}

/// A name with Markdown in it stays text in the Markdown answer.
#[test]
fn markdown_escapes_names() {
    let s = scenario(&[
        api("*bold* [x](y)", "0.001", "0.6"),
        api("big", "0.005", "0.62"),
    ]);
    let goal = inference_roi::report::whatif::Goal {
        target: d("1"),
        metric: UPGRADE,
    };
    let seek = goal_seek_for(&s, 1, &Input::SuccessRate, d("1"), UPGRADE).unwrap();
    let md = inference_roi::report::whatif::seek_markdown(&s, 1, &Input::SuccessRate, goal, &seek);
    assert!(md.contains("\\*bold\\* \\[x\\](y)"), "{md}");
    assert!(!md.contains("*bold*"), "{md}");
}
