//! What-if analyses: the tornado and goal seek, on cases worked by hand, and their CLI.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use common::{d, design, gpu, one_use_case, scenario_with};
use inference_roi::econ::whatif::{
    self, Input, Limit, Seek, ServingField, Stage, goal_seek, roi_of, sensitivity, with_value,
};
use inference_roi::model::Scenario;
use predicates::prelude::*;
use rust_decimal::Decimal;

/// One use case worth $0.10 per success; a hosted API at $1 per 1M input tokens, 1,000 input
/// tokens, success 50 %, $50 fixed a month; 100,000 requests a month.
///
/// Value per inference 0.10 × 0.5 = $0.05 → $5,000 a month. Cost: 100,000 × 1,000 × $1/1M =
/// $100 + $50 fixed = $150. ROI = 5000 / 150 = 33.33×.
fn hosted() -> Scenario {
    let serving = "HostedApi(input_price_per_mtok: 1, output_price_per_mtok: 0, input_tokens: 1000, output_tokens: 0)";
    scenario_with(
        "730",
        (100_000, 1_000, 100_000_000),
        &one_use_case("0.10"),
        &design("api", serving, "success_rate: 0.5, fixed_monthly: 50"),
    )
}

fn roi(scenario: &Scenario) -> Decimal {
    roi_of(scenario, 0).unwrap().unwrap()
}

fn six(value: Decimal) -> Decimal {
    value.round_dp(6)
}

#[test]
fn tornado_by_hand() {
    let s = hosted();
    let t = sensitivity(&s, 0, d("20")).unwrap();
    assert_eq!(six(t.base_roi.unwrap()), d("33.333333"));
    let order: Vec<Input> = t.swings.iter().map(|w| w.input.clone()).collect();
    let price = Input::Serving(vec![], ServingField::InputPrice);
    let tokens = Input::Serving(vec![], ServingField::InputTokens);
    assert_eq!(
        order,
        vec![
            // Value 4,000 / 150 = 26.67× to 6,000 / 150 = 40×: 13.33×.
            Input::ValuePerSuccess(0),
            Input::SuccessRate,
            // 5,000 / (80 + 50) = 38.46× to 5,000 / (120 + 50) = 29.41×: 9.05×.
            price.clone(),
            tokens,
            // 4,000 / (80 + 50) = 30.77× to 6,000 / (120 + 50) = 35.29×: 4.52×.
            Input::Volume,
            // 5,000 / 140 = 35.71× to 5,000 / 160 = 31.25×: 4.46×.
            Input::FixedMonthly,
        ]
    );
    let first = &t.swings[0];
    assert_eq!((first.low, first.high), (d("0.08"), d("0.12")));
    assert_eq!(six(first.roi_low.clone().unwrap().unwrap()), d("26.666667"));
    assert_eq!(six(first.roi_high.clone().unwrap().unwrap()), d("40"));
    assert_eq!(six(first.effect().unwrap()), d("13.333333"));
    let by_price = &t.swings[2];
    assert_eq!(
        six(by_price.roi_low.clone().unwrap().unwrap()),
        d("38.461538")
    );
    assert_eq!(
        six(by_price.roi_high.clone().unwrap().unwrap()),
        d("29.411765")
    );
    let by_volume = &t.swings[4];
    assert_eq!((by_volume.low, by_volume.high), (d("80000"), d("120000")));
    assert_eq!(six(by_volume.effect().unwrap()), d("4.524887"));
    let by_fixed = &t.swings[5];
    assert_eq!(six(by_fixed.effect().unwrap()), d("4.464286"));
    // Zero inputs are listed, not swung.
    assert!(
        t.zero_inputs
            .contains(&Input::Serving(vec![], ServingField::OutputPrice))
    );
    assert!(t.zero_inputs.contains(&Input::OneTime));
    assert!(t.zero_inputs.contains(&Input::OverheadPct));
}

#[test]
fn rates_are_swung_within_their_range() {
    let mut s = hosted();
    s.designs[0].success_rate = d("0.9");
    let t = sensitivity(&s, 0, d("50")).unwrap();
    let rate = t
        .swings
        .iter()
        .find(|w| w.input == Input::SuccessRate)
        .unwrap();
    assert_eq!((rate.low, rate.high), (d("0.45"), d("1")));
}

#[test]
fn goal_seek_by_hand() {
    let s = hosted();
    // 10×: cost must be 500, serving 450 = 100 × price → $4.50 per 1M tokens.
    let price = Input::Serving(vec![], ServingField::InputPrice);
    let Seek::Reached { value, roi, lowest } = goal_seek(&s, 0, &price, d("10")).unwrap() else {
        panic!("reachable")
    };
    assert_eq!(value, d("4.5"));
    assert_eq!(roi, Some(d("10")));
    assert!(!lowest, "the highest price that still reaches the target");

    // 50×: value must be 7,500 = 0.10 × rate × 100,000 → 75 %.
    let Seek::Reached { value, .. } = goal_seek(&s, 0, &Input::SuccessRate, d("50")).unwrap()
    else {
        panic!("reachable")
    };
    assert_eq!(value, d("0.75"));

    // 100× needs a rate of 150 %: unreachable, and the best the rate can do is said.
    let Seek::Unreachable(Limit::Extreme { value, roi }) =
        goal_seek(&s, 0, &Input::SuccessRate, d("100")).unwrap()
    else {
        panic!("unreachable")
    };
    assert_eq!(value, d("1"));
    assert_eq!(six(roi.unwrap()), d("66.666667"));

    // Volume for 40×: 0.05 V ≥ 40 (0.001 V + 50) → V ≥ 200,000.
    let Seek::Reached { value, .. } = goal_seek(&s, 0, &Input::Volume, d("40")).unwrap() else {
        panic!("reachable")
    };
    assert_eq!(value, d("200000"));
    // 60× would need 0.05 V ≥ 0.06 V + 3,000: never.
    assert_eq!(
        goal_seek(&s, 0, &Input::Volume, d("60")).unwrap(),
        Seek::Unreachable(Limit::Volume(None))
    );
    assert_eq!(
        goal_seek(&s, 0, &Input::Volume, d("0")).unwrap(),
        Seek::Unreachable(Limit::Target)
    );
}

#[test]
fn goal_seek_lands_on_the_target_or_the_step_above() {
    let s = gpu();
    // ROI now: 20,000 / 2,920 = 6.85×.
    let cases = [
        (Input::Serving(vec![], ServingField::PricePerHour), d("10")),
        (Input::Serving(vec![], ServingField::Throughput), d("10")),
        (
            Input::Serving(vec![], ServingField::TargetUtilization),
            d("8"),
        ),
        (Input::ValuePerSuccess(0), d("3")),
    ];
    for (input, target) in cases {
        let seek = goal_seek(&s, 0, &input, target).unwrap();
        let Seek::Reached { value, roi, lowest } = seek else {
            panic!("{input:?} reaches {target}: {seek:?}")
        };
        let at = with_value(&s, 0, &input, value).unwrap();
        assert_eq!(roi_of(&at, 0).unwrap(), roi);
        let reached = roi.unwrap();
        assert!(reached >= target, "{input:?}: {reached} < {target}");
        // One step of the answer's precision further misses the target.
        let step = d("0.000001");
        let beyond = if lowest { value - step } else { value + step };
        let missed = roi_of(&with_value(&s, 0, &input, beyond).unwrap(), 0)
            .unwrap()
            .unwrap();
        assert!(
            missed < target,
            "{input:?}: {beyond} still reaches {missed}"
        );
        // Where the cost is smooth in the input, the answer is the target to the cent.
        if matches!(
            input,
            Input::Serving(_, ServingField::PricePerHour) | Input::ValuePerSuccess(_)
        ) {
            assert!((reached - target).abs() < d("0.01"), "{input:?}: {reached}");
        }
    }
    // The price that reaches 10× exactly, to the answer's six decimal places:
    let price = Input::Serving(vec![], ServingField::PricePerHour);
    let Seek::Reached { value, .. } = goal_seek(&s, 0, &price, d("10")).unwrap() else {
        panic!()
    };
    // 20,000 / 10 = 2,000 = 2 × 730 × price → $1.369863… an hour, rounded down.
    assert_eq!(value, d("1.369863"));
}

#[test]
fn cascade_escalation_goal_seek() {
    // Primary GPU as above (1 instance, $1,460 at 1M), fallback $0.0105 per request; value $0.01.
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
    // ROI now: 10,000 / 2,510 = 3.98×. For 3×: cost 3,333.33 = 1,460 + 1M × 0.0105 × e
    // → e = 1,873.33 / 10,500 = 0.178412…, rounded down to 0.178412.
    let escalation = Input::Serving(vec![], ServingField::EscalationRate);
    let Seek::Reached { value, lowest, .. } = goal_seek(&s, 0, &escalation, d("3")).unwrap() else {
        panic!()
    };
    assert!(!lowest);
    assert_eq!(value, d("0.178412"));
    assert!(roi(&with_value(&s, 0, &escalation, value).unwrap()) >= d("3"));
    // The fallback's price is an input too, under its stage.
    let inputs = whatif::inputs(&s, 0);
    assert!(inputs.contains(&Input::Serving(
        vec![Stage::Fallback],
        ServingField::OutputPrice
    )));
    assert!(inputs.contains(&Input::Serving(
        vec![Stage::Primary],
        ServingField::PricePerHour
    )));
    let found = whatif::find_input(&s, 0, "serving.fallback.output_price_per_mtok").unwrap();
    assert_eq!(
        found,
        Input::Serving(vec![Stage::Fallback], ServingField::OutputPrice)
    );
    let error = whatif::find_input(&s, 0, "serving.nope")
        .unwrap_err()
        .to_string();
    assert!(error.contains("serving.escalation_rate"), "{error}");
}

#[test]
fn changing_a_share_keeps_the_shares_summing_to_one() {
    let mut s = hosted();
    s.use_cases = inference_roi::io::parse(
        inference_roi::io::examples::find("support-assistant")
            .unwrap()
            .text,
    )
    .unwrap()
    .use_cases;
    let changed = with_value(&s, 0, &Input::Share(0), d("0.3")).unwrap();
    let total: Decimal = changed.use_cases.iter().map(|c| c.share).sum();
    assert_eq!(total.round_dp(20), Decimal::ONE);
    assert_eq!(changed.use_cases[0].share, d("0.3"));
    // The others keep their proportions (30 : 10 of the remaining 70 %).
    assert_eq!(changed.use_cases[1].share.round_dp(10), d("0.525"));
    assert_eq!(changed.use_cases[2].share.round_dp(10), d("0.175"));
}

fn cli() -> Command {
    Command::cargo_bin("inference-roi").unwrap()
}

#[test]
fn cli_sensitivity_and_goal_seek() {
    let file = "scenarios/support-assistant.ron";
    cli()
        .args(["sensitivity", file, "--design", "GPT-4o API"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "each input swung ±20 % (or across its own range)",
        ))
        .stdout(predicate::str::contains(
            "ROI multiple as it stands: 4.89× (Good)",
        ))
        .stdout(predicate::str::contains("Success rate"));
    let json = cli()
        .args([
            "sensitivity",
            file,
            "--design",
            "gpt-4o api",
            "--swing",
            "10",
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["swing_pct"], "10");
    assert!(value["swings"].as_array().unwrap().len() > 5);
    cli()
        .args([
            "sensitivity",
            file,
            "--design",
            "GPT-4o API",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "input,path,base,low,high,roi_low,roi_high,swing\n",
        ));
    cli()
        .args(["goal-seek", file, "--design", "GPT-4o API"])
        .args(["--input", "serving.input_price_per_mtok", "--target", "5"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "The highest price per 1M input tokens at which \"GPT-4o API\" reaches 5×",
        ))
        .stdout(predicate::str::contains("ROI there: 5.00× (Good)"));
    cli()
        .args(["goal-seek", file, "--design", "GPT-4o API"])
        .args(["--input", "serving.input_price_per_mtok", "--target", "10"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cannot reach 10×"))
        .stdout(predicate::str::contains("$0.00 /1M tok"));
    // Errors name the problem.
    cli()
        .args(["goal-seek", file, "--design", "Nope", "--input", "volume"])
        .args(["--target", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the designs are \"GPT-4o API\""));
    cli()
        .args([
            "goal-seek",
            file,
            "--design",
            "GPT-4o API",
            "--input",
            "volume",
        ])
        .args(["--target", "three"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--target must be a number"));
    cli()
        .args([
            "sensitivity",
            file,
            "--design",
            "GPT-4o API",
            "--swing",
            "0",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--swing must be above 0"));
}

/// Goal seek answers only what a file can hold: within each field's own limits, "no effect"
/// for an input that does not move the ROI, and a reason that never reads as a contradiction.
#[test]
fn goal_seek_stays_within_what_a_file_can_hold() {
    let s = hosted();
    let render = |input: &Input, target: &str, seek: &Seek| {
        let Seek::Unreachable(limit) = seek else {
            panic!("unreachable expected, got {seek:?}")
        };
        inference_roi::report::whatif::limit_text(&s, input, d(target), limit)
    };
    // Overhead: ROI 33.3× now. Reaching 1× needs $5,000 of cost: serving $100 × (1 + o) + $50
    // = 5,000 → o = 4,850 %, inside the file's limit of 10,000 %.
    let Seek::Reached { value, .. } = goal_seek(&s, 0, &Input::OverheadPct, d("1")).unwrap() else {
        panic!()
    };
    assert_eq!(value, d("4850"));
    // The value of a success rises to the file's limit of $1,000,000,000 and no further: there
    // the ROI is 1e9 × 0.5 × 100,000 / $150 = 3.33e11×, short of 1e12×.
    let value_of = Input::ValuePerSuccess(0);
    let seek = goal_seek(&s, 0, &value_of, d("1000000000000")).unwrap();
    let Seek::Unreachable(Limit::Extreme { value, .. }) = seek else {
        panic!("{seek:?}")
    };
    assert_eq!(value, d("1000000000"));
    let text = render(&value_of, "1000000000000", &seek);
    assert!(text.contains("the most the file allows"), "{text}");
    // Overhead cannot go below 0: 40× is out of reach even there (33.33×).
    let seek = goal_seek(&s, 0, &Input::OverheadPct, d("40")).unwrap();
    let text = render(&Input::OverheadPct, "40", &seek);
    assert!(
        text.contains("even at 0 %, the least the file allows"),
        "{text}"
    );
    // Input tokens never go above the file's 100,000,000.
    let tokens = Input::Serving(Vec::new(), ServingField::InputTokens);
    if let Seek::Reached { value, .. } = goal_seek(&s, 0, &tokens, d("0.0001")).unwrap() {
        assert!(value <= d("100000000"), "{value}");
    }
    // The output price with 0 output tokens moves nothing: said so, not searched.
    let output = Input::Serving(Vec::new(), ServingField::OutputPrice);
    let seek = goal_seek(&s, 0, &output, d("50")).unwrap();
    assert_eq!(seek, Seek::Unreachable(Limit::NoEffect));
    assert!(render(&output, "50", &seek).contains("has no effect on this design"));
    // A reason never contradicts itself through rounding: an ROI just under 5× shows the
    // digits that make it so.
    let limit = Limit::Extreme {
        value: d("0"),
        roi: Some(d("4.9999993")),
    };
    let text = render(&Input::SuccessRate, "5", &Seek::Unreachable(limit));
    assert!(
        text.contains("the ROI is 4.999×") && !text.contains("5.00×"),
        "{text}"
    );
}

#[test]
fn volumes_on_the_command_line_are_written_as_in_files() {
    use inference_roi::cli::parse_volume;
    assert_eq!(parse_volume("1e9"), Ok(1_000_000_000));
    assert_eq!(parse_volume("1_000_000"), Ok(1_000_000));
    assert_eq!(parse_volume("2.5e6"), Ok(2_500_000));
    assert!(parse_volume("1.5").is_err());
    assert!(parse_volume("-3").is_err());
    assert!(parse_volume("lots").unwrap_err().contains("1e9"));
    Command::cargo_bin("inference-roi")
        .unwrap()
        .args([
            "report",
            "scenarios/support-assistant.ron",
            "--volume",
            "1e6",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("1,000,000 requests/month"));
}

/// Every input of every design of every bundled scenario, sought at 1×, 3× and 10×: each value
/// offered lies within its field's limits, and written back into the file the scenario saves,
/// loads and validates without an error (what `check` accepts).
#[test]
fn every_goal_seek_answer_is_a_file_check_accepts() {
    use inference_roi::econ::validate;
    use inference_roi::econ::whatif::{Metric, inputs_for};
    use inference_roi::model::Severity;
    let mut answered = 0;
    for example in inference_roi::io::examples::EXAMPLES {
        let s = inference_roi::io::parse(example.text).unwrap();
        for design in 0..s.designs.len() {
            for input in inputs_for(&s, design, Metric::Roi) {
                for target in ["1", "3", "10"] {
                    let Ok(Seek::Reached { value, .. }) = goal_seek(&s, design, &input, d(target))
                    else {
                        continue;
                    };
                    let path = input.path(design);
                    assert_eq!(
                        input.domain().clamp(value),
                        value,
                        "{}: {path} = {value} is outside its limits",
                        example.file_name
                    );
                    let changed = with_value(&s, design, &input, value).unwrap();
                    let text = inference_roi::io::to_ron(&changed).unwrap();
                    let again = inference_roi::io::parse(&text).unwrap_or_else(|e| {
                        panic!("{}: {path} = {value} does not load: {e}", example.file_name)
                    });
                    let errors: Vec<_> = validate(&again)
                        .into_iter()
                        .filter(|p| p.severity == Severity::Error)
                        .collect();
                    assert!(
                        errors.is_empty(),
                        "{}: {path} = {value} at {target}×: {errors:?}",
                        example.file_name
                    );
                    answered += 1;
                }
            }
        }
    }
    assert!(answered > 50, "only {answered} answers checked");
}
