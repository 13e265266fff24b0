//! Over time (`docs/method.md#over-time-growth-payback-budget-and-measured-months`): volumes by
//! hand for compound, linear and monthly growth (with the rounding), payback with a one-time cost,
//! budget and capacity months, actuals and their variance against the running design, refusals that
//! name field and line, and files without a timeline saving unchanged.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{d, design, one_use_case, scenario_with};
use inference_roi::econ::timeline::{timeline, volumes};
use inference_roi::econ::validate;
use inference_roi::io;
use inference_roi::model::{Month, Scenario, Severity};

const API: &str = "HostedApi(input_price_per_mtok: 0, output_price_per_mtok: 0, price_per_request: 0.01, \
                   input_tokens: 0, output_tokens: 0)";

/// One API design at $0.01 a request, a one-time $1,000 over 10 months, value $0.05 per
/// inference (one use case, success 1), 10,000 requests in month 1, with `timeline`.
fn api(timeline: &str, extra: &str) -> Scenario {
    let text = io::to_ron(&scenario_with(
        "730",
        (10_000, 1_000, 10_000_000),
        &one_use_case("0.05"),
        &design(
            "api",
            API,
            "success_rate: 1, one_time: OneTime(amount: 1000, months: 10)",
        ),
    ))
    .unwrap();
    let text = text.replacen(
        "\n)\n",
        &format!("\n    timeline: Some(Timeline({timeline})),\n{extra})\n"),
        1,
    );
    io::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

#[test]
fn volumes_by_hand() {
    // Compound 50 % from 1 request: 1, 1.5 → 2 (half away from zero), 2.25 → 2, 3.375 → 3,
    // 5.0625 → 5.
    let mut s = api(
        "start: \"2027-01\", months: 5, growth: Compound(pct_per_month: 50)",
        "",
    );
    s.volume.current = 1;
    assert_eq!(
        volumes(1, s.timeline.as_ref().unwrap()).unwrap(),
        vec![1, 2, 2, 3, 5]
    );
    // Compound 10 % from 1,000: 1,000, 1,100, 1,210, 1,331, 1,464.1 → 1,464, 1,610.51 → 1,611.
    let s = api(
        "start: \"2027-01\", months: 6, growth: Compound(pct_per_month: 10)",
        "",
    );
    assert_eq!(
        volumes(1_000, s.timeline.as_ref().unwrap()).unwrap(),
        vec![1_000, 1_100, 1_210, 1_331, 1_464, 1_611]
    );
    // Linear −30 a month from 100: 100, 70, 40, 10, then max(1, −20) = 1.
    let s = api(
        "start: \"2027-01\", months: 5, growth: Linear(requests_per_month: -30)",
        "",
    );
    assert_eq!(
        volumes(100, s.timeline.as_ref().unwrap()).unwrap(),
        vec![100, 70, 40, 10, 1]
    );
    // Monthly: as given.
    let s = api(
        "start: \"2027-01\", months: 3, growth: Monthly([10000, 12000, 9000])",
        "",
    );
    let t = timeline(&s).unwrap().unwrap();
    assert_eq!(
        t.months.iter().map(|m| m.volume).collect::<Vec<_>>(),
        vec![10_000, 12_000, 9_000]
    );
    assert_eq!(t.months[2].month, month("2027-03"));
}

#[test]
fn payback_with_a_one_time_cost() {
    // Flat 10,000 requests: value 10,000 × 0.05 = $500; monthly cost $100 + $1,000 / 10 = $200,
    // of which $100 recurring. Cash: −1,000 + 400 per month → −600, −200, +200: payback in month 3.
    let s = api(
        "start: \"2027-01\", months: 6, growth: Compound(pct_per_month: 0)",
        "",
    );
    let t = timeline(&s).unwrap().unwrap();
    let first = t.months[0].designs[0].as_ref().unwrap();
    assert_eq!(first.metrics.monthly_cost, d("200"));
    assert_eq!(first.recurring_cost, d("100"));
    let cash: Vec<_> = t
        .months
        .iter()
        .map(|m| m.designs[0].as_ref().unwrap().cumulative_net_cash)
        .collect();
    assert_eq!(cash[..3], [d("-600"), d("-200"), d("200")]);
    assert_eq!(t.designs[0].payback, Some(month("2027-03")));
    assert_eq!(t.designs[0].months_best, 6);
}

#[test]
fn budget_and_capacity_months() {
    // Linear +1,000 a month: cost 0.01 × V + 100 = 200, 210, 220, …: over a $215 budget from
    // month 3.
    let s = api(
        "start: \"2027-01\", months: 4, growth: Linear(requests_per_month: 1000), budget_monthly: Some(215)",
        "",
    );
    let t = timeline(&s).unwrap().unwrap();
    assert_eq!(t.designs[0].over_budget_from, Some(month("2027-03")));
    assert!(!t.months[1].designs[0].as_ref().unwrap().over_budget);
    assert!(t.months[2].designs[0].as_ref().unwrap().over_budget);

    // A GPU design serving 13,140,000 a month per instance, at most 3 (39,420,000): growing
    // from 20,000,000 by 40 % a month, month 3 (39,200,000) fits and month 4 (54,880,000) does not.
    let mut gpu = common::gpu();
    gpu.timeline = s.timeline.clone();
    let t_ = gpu.timeline.as_mut().unwrap();
    t_.growth = inference_roi::model::Growth::Compound {
        pct_per_month: d("40"),
    };
    t_.budget_monthly = None;
    t_.months = 5;
    let t = timeline(&gpu).unwrap().unwrap();
    assert_eq!(t.months[2].volume, 39_200_000);
    assert_eq!(t.designs[0].over_capacity_from, Some(month("2027-04")));
    assert_eq!(t.months[3].best, None, "no design within capacity");
    assert_eq!(
        t.best_changes,
        vec![(month("2027-01"), Some(0)), (month("2027-04"), None)]
    );
}

#[test]
fn actuals_against_the_plan() {
    // October: 10,000 requests cost $250 and earned $600: $0.025 per inference, ROI 2.4. The
    // plan (api) at 10,000: $200, so $0.02 per inference (variance +25 %) and ROI 500 / 200 =
    // 2.5 (variance (2.4 − 2.5) / 2.5 = −4 %). November has no value measured.
    let s = api(
        "start: \"2027-01\", months: 2, growth: Compound(pct_per_month: 0), running: Some(\"api\")",
        "    actuals: [Actual(month: \"2026-11\", requests: 20000, cost: 300), \
                       Actual(month: \"2026-10\", requests: 10000, cost: 250, value: Some(600))],\n",
    );
    let t = timeline(&s).unwrap().unwrap();
    let oct = &t.actuals[0];
    assert_eq!(oct.month, month("2026-10"), "in month order");
    assert_eq!(oct.cost_per_inference, d("0.025"));
    assert_eq!(oct.value_per_inference, Some(d("0.06")));
    assert_eq!(oct.roi_multiple, Some(d("2.4")));
    assert_eq!(oct.planned.as_ref().unwrap().cost_per_inference, d("0.02"));
    assert_eq!(oct.cost_per_inference_variance, Some(d("0.25")));
    assert_eq!(oct.roi_variance, Some(d("-0.04")));
    let nov = &t.actuals[1];
    assert_eq!(nov.roi_multiple, None);
    assert_eq!(nov.roi_variance, None);
    // Plan at 20,000: 200 + 100 = $300, $0.015 per inference; actual $0.015: variance 0.
    assert_eq!(nov.cost_per_inference_variance, Some(d("0")));
}

/// "path message" of each error, with the line the path is written on.
fn errors_with_lines(s: &Scenario) -> Vec<(String, Option<usize>)> {
    let text = io::to_ron(s).unwrap();
    validate(s)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| (p.to_string(), io::ranges::line_of(&text, &p.path)))
        .collect()
}

#[test]
fn refusals_name_the_field_and_line() {
    let s = api(
        "start: \"2027-01\", months: 3, growth: Monthly([1000, 0]), running: Some(\"gone\")",
        "    actuals: [Actual(month: \"2026-10\", requests: 0, cost: -1), \
                       Actual(month: \"2026-10\", requests: 5, cost: 1)],\n",
    );
    let errors = errors_with_lines(&s);
    let text = io::to_ron(&s).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let expect = [
        (
            "timeline.growth lists 2 monthly volumes for a timeline of 3 months",
            None,
        ),
        (
            "timeline.growth[1] must be 1 to 1,000,000,000,000 requests per month, got 0",
            None,
        ),
        (
            "timeline.running names design \"gone\", which the scenario does not have",
            Some(line_of("running:")),
        ),
        (
            "actuals[0].requests must be 1 to 1,000,000,000,000 requests, got 0",
            None,
        ),
        (
            "actuals[0].cost must be in [0, 1,000,000,000,000], got -1",
            None,
        ),
        ("actuals[1].month repeats 2026-10 (also actuals[0])", None),
    ];
    for (message, line) in expect {
        let found = errors
            .iter()
            .find(|(m, _)| m.starts_with(message))
            .unwrap_or_else(|| panic!("no {message:?} in {errors:?}"));
        assert!(found.1.is_some(), "{message}: no line");
        if let Some(line) = line {
            assert_eq!(found.1, Some(line), "{message}");
        }
    }
    let s = api(
        "start: \"2027-01\", months: 121, growth: Compound(pct_per_month: -100)",
        "",
    );
    let errors = errors_with_lines(&s);
    assert!(
        errors
            .iter()
            .any(|(m, _)| m == "timeline.months must be in [1, 120], got 121"),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|(m, _)| m
            .starts_with("timeline.growth.pct_per_month must be in (-100, 1,000], got -100")),
        "{errors:?}"
    );
    let s = api(
        "start: \"2027-01\", months: 120, growth: Compound(pct_per_month: 50)",
        "",
    );
    assert!(
        errors_with_lines(&s)
            .iter()
            .any(|(m, _)| m.contains("grows the volume beyond 1,000,000,000,000"))
    );
    // A month that is not one is refused when the file is read, with its line.
    let text = io::to_ron(&api(
        "start: \"2027-01\", months: 2, growth: Compound(pct_per_month: 1)",
        "",
    ))
    .unwrap()
    .replace("\"2027-01\"", "\"2027-13\"");
    let error = io::parse(&text).unwrap_err().to_string();
    assert!(
        error.contains("expected a month written YYYY-MM"),
        "{error}"
    );
    assert!(error.starts_with("line "), "{error}");
}

#[test]
fn files_with_and_without_a_timeline_save_unchanged() {
    let s = api(
        "start: \"2027-01\", months: 3, growth: Compound(pct_per_month: 2.5), budget_monthly: Some(1500.50), running: \
            Some(\"api\")",
        "    actuals: [Actual(month: \"2026-10\", requests: 1e4, cost: 250.10, value: Some(600))],\n",
    );
    let text = io::to_ron(&s).unwrap();
    assert!(text.contains("budget_monthly: Some(1500.50)"), "{text}");
    assert!(text.contains("requests: 10000"), "{text}");
    let again = io::parse(&text).unwrap();
    assert_eq!(again, s);
    assert_eq!(io::to_ron(&again).unwrap(), text);
    let plain = io::examples::find("support-assistant").unwrap().text;
    let scenario = io::parse(plain).unwrap();
    assert!(scenario.timeline.is_none() && scenario.actuals.is_empty());
    assert_eq!(io::to_ron(&scenario).unwrap(), plain);
}

#[test]
fn the_simulated_timeline_agrees_with_the_exact_one_and_spreads_with_growth() {
    use inference_roi::econ::simulate::timeline::simulate_timeline;
    let text = io::examples::find("support-over-time").unwrap().text;
    let s = io::parse(text).unwrap();
    let exact = timeline(&s).unwrap().unwrap();
    // No ranges: every sample is the point estimate, so each percentile is the exact cash.
    let sim = simulate_timeline(&s, 50, 1).unwrap().unwrap();
    for (d, outlook) in sim.designs.iter().enumerate() {
        let o = outlook.as_ref().unwrap();
        for (m, row) in exact.months.iter().enumerate() {
            let cash: f64 = row.designs[d]
                .as_ref()
                .unwrap()
                .cumulative_net_cash
                .try_into()
                .unwrap();
            assert!(
                ((o.p50[m] - cash) / cash.abs().max(1.0)).abs() < 1e-9,
                "design {d} month {m}: {} vs {cash}",
                o.p50[m]
            );
            assert!((o.p10[m] - o.p90[m]).abs() < 1e-6);
        }
        let payback = exact.designs[d].payback.unwrap();
        let m = usize::try_from(exact.months[0].month.months_until(payback)).unwrap();
        assert!((o.payback_by[m] - 1.0).abs() < 1e-12);
        if m > 0 {
            assert!(o.payback_by[m - 1].abs() < 1e-12);
        }
    }
    // Growth between 4 % and 20 % a month: the cash spreads, more with time; the odds of
    // payback never fall from one month to the next.
    let ranged =
        io::parse(&text.replace("pct_per_month: 12,", "pct_per_month: Range(4, 20),")).unwrap();
    let sim = simulate_timeline(&ranged, 2_000, 7).unwrap().unwrap();
    assert_eq!(
        sim.uncertain,
        vec!["timeline.growth.pct_per_month".to_owned()]
    );
    let o = sim.designs[1].as_ref().unwrap();
    for m in 0..o.p50.len() {
        assert!(o.p10[m] <= o.p50[m] && o.p50[m] <= o.p90[m]);
        if m > 0 {
            assert!(o.payback_by[m] >= o.payback_by[m - 1]);
        }
    }
    let last = o.p50.len() - 1;
    assert!(o.p90[last] - o.p10[last] > o.p90[6] - o.p10[6]);
    // Month 1's volume is the current volume whatever the growth: no spread there.
    assert!((o.p90[0] - o.p10[0]).abs() < 1e-6);
}

/// `docs/method.md#over-time-growth-payback-budget-and-measured-months`: a `Monthly` list whose
/// first month is not the current volume is
/// a warning (the months follow the list); a start moved so late that the months would run
/// past 9999-12 (as in the planner, after the file was read) is an error on timeline.start.
#[test]
fn a_monthly_list_off_the_current_volume_warns_and_a_late_start_is_refused() {
    let problems = |s: &Scenario, severity: Severity| -> Vec<String> {
        validate(s)
            .into_iter()
            .filter(|p| p.severity == severity && p.path.starts_with("timeline"))
            .map(|p| p.to_string())
            .collect()
    };
    let s = api(
        "start: \"2027-01\", months: 3, growth: Monthly([10000, 12000, 9000])",
        "",
    );
    assert!(problems(&s, Severity::Warning).is_empty());
    let s = api(
        "start: \"2027-01\", months: 3, growth: Monthly([5000, 12000, 9000])",
        "",
    );
    assert_eq!(
        problems(&s, Severity::Warning),
        vec![
            "timeline.growth[0] is 5,000 requests, but volume.current is 10,000: the months \
             follow the list, while the table and chart are at volume.current"
                .to_owned()
        ]
    );
    let mut s = api(
        "start: \"2027-01\", months: 12, growth: Compound(pct_per_month: 1)",
        "",
    );
    assert!(problems(&s, Severity::Error).is_empty());
    s.timeline.as_mut().unwrap().start = month("9999-06");
    let errors = problems(&s, Severity::Error);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("timeline.start is 9999-06 and the timeline counts 12 months"),
        "{errors:?}"
    );
}
