//! Calibration from a bill, and `bill --write`: the figures a bill proposes, worked by hand; a
//! round trip in which a consistent bill's calibrated design costs what the bill says; and the
//! copy of the scenario `--write` saves.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use inference_roi::econ::Prepared;
use inference_roi::io::focus::requests::{Count, Requests};
use inference_roi::io::focus::{self, Limits};
use inference_roi::model::edit::{ServingKind, default_serving, new_design, starter_scenario};
use inference_roi::model::fields::ServingField;
use inference_roi::model::{Billing, Month, Scenario, Serving};
use inference_roi::report::bill::calibrate::apply_all;
use inference_roi::report::bill::{BillDesign, bill_months};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/focus")
        .join(name)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn cli() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("inference-roi").unwrap()
}

fn run_json(args: &[&str]) -> serde_json::Value {
    let output = cli()
        .arg("bill")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The calibration of `support-billing.ron` (the support assistant: 1,600 input and 250 output
/// tokens a request at $2.50 / $10 per 1M, 8 % overhead, $800 a month fixed, 300,000 requests)
/// from `own.csv`, with 2,000 requests counted in October and 500 in November.
///
/// The API's rows: October 2M input at list $2.50, 1M output at $10, 1M cache reads at $0.25,
/// 0.2M cache writes at $2.50, and 6 of the 18 hours of a 3M-input row at $2 spanning into
/// November (1M in October, 2M in November); November also 0.5M output at $12.50.
/// - input tokens per request: (4.2M + 2M) / 2,500 = 2,480;
/// - output: (1M + 0.5M) / 2,500 = 600;
/// - cached share: 1M / 6.2M = 0.16129… → 0.1613; cache-write share: 0.2M / 6.2M → 0.0323;
/// - discount: token rows' `EffectiveCost` 4 + 8 + 0.25 + 0.5 + 6 + 5 = 23.75 against `ListCost`
///   5 + 10 + 0.25 + 0.5 + 6 + 6.25 = 28: 1 − 23.75 / 28 = 15.178…% → 15.18;
/// - list prices: input (2M × 2.5 + 3M × 2) / 5M = 2.2; output (1M × 10 + 0.5M × 12.5) / 1.5M =
///   10.8333; cache read 0.25; cache write 2.5, the scenario's default (the input price): not
///   proposed.
///
/// ROI before: value per request 0.6 × 0.06 × 0.8 + 0.3 × 0.04 × 0.8 + 0.1 × 0.10 × 0.9 = 0.0474;
/// cost (1,600 × 2.5 + 250 × 10) / 1M = 0.0065 × 1.08 = 0.00702 + 800 / 300,000 = 0.0096867;
/// 0.0474 / 0.0096867 = 4.893. With a 15.18 % discount alone: 0.0065 × 0.8482 × 1.08 + 0.0026667
/// = 0.0086211; 0.0474 / 0.0086211 = 5.498.
#[test]
fn calibration_proposes_what_the_bill_measures() {
    let dir = tempfile::tempdir().unwrap();
    let requests = write(
        dir.path(),
        "r.csv",
        "month,requests\n2026-10,2000\n2026-11,500\n",
    );
    let scenario = fixture("support-billing.ron");
    let own = fixture("own.csv");
    let json = run_json(&[
        scenario.to_str().unwrap(),
        own.to_str().unwrap(),
        "--requests",
        requests.to_str().unwrap(),
    ]);
    // The plan's serving cost beside the month: 2,000 requests × 0.0065 (1,600 × 2.5 + 250 × 10
    // per 1M tokens), before overhead and fixed costs.
    assert_eq!(
        json["designs"][0]["months"][0]["planned_serving_cost"],
        "13"
    );
    let calibration = json["designs"][0]["calibration"].as_array().unwrap();
    let by_field: BTreeMap<&str, &serde_json::Value> = calibration
        .iter()
        .map(|c| (c["field"].as_str().unwrap(), c))
        .collect();
    let bill = |field: &str| by_field[field]["bill"].as_str().unwrap().to_owned();
    assert_eq!(bill("input_tokens"), "2480");
    assert_eq!(by_field["input_tokens"]["scenario"], "1600");
    assert_eq!(bill("output_tokens"), "600");
    assert_eq!(bill("cached_input_share"), "0.1613");
    assert_eq!(bill("cache_write_share"), "0.0323");
    assert_eq!(bill("discount_pct"), "15.18");
    assert_eq!(bill("input_price_per_mtok"), "2.2");
    assert_eq!(bill("output_price_per_mtok"), "10.8333");
    assert_eq!(bill("cached_input_price_per_mtok"), "0.25");
    assert!(!by_field.contains_key("cache_write_price_per_mtok"));
    assert_eq!(calibration.len(), 8);
    let roi = |field: &str, key: &str| d(by_field[field][key].as_str().unwrap());
    assert!((roi("discount_pct", "roi_before") - d("4.893")).abs() < d("0.001"));
    assert!((roi("discount_pct", "roi_after") - d("5.498")).abs() < d("0.001"));
    assert_eq!(by_field["output_tokens"]["estimated"], false);
    // The self-hosted design is not calibrated.
    assert_eq!(json["designs"][1]["calibration"], serde_json::json!([]));

    // Over October alone: (2M + 1M + 0.2M + 1M) input tokens / 2,000 = 2,100; 1M output / 2,000
    // = 500.
    let october = run_json(&[
        scenario.to_str().unwrap(),
        own.to_str().unwrap(),
        "--requests",
        requests.to_str().unwrap(),
        "--months",
        "2026-10..2026-10",
    ]);
    let calibration = october["designs"][0]["calibration"].as_array().unwrap();
    let get = |f: &str| calibration.iter().find(|c| c["field"] == f).unwrap()["bill"].clone();
    assert_eq!(get("input_tokens"), "2100");
    assert_eq!(get("output_tokens"), "500");
    assert_eq!(
        october["designs"][0]["months"].as_array().unwrap().len(),
        2,
        "both listed"
    );
    let backwards = cli()
        .args(["bill", scenario.to_str().unwrap(), own.to_str().unwrap()])
        .args(["--months", "2026-11..2026-10"])
        .output()
        .unwrap();
    assert_eq!(backwards.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&backwards.stderr).contains("the first month is after the second")
    );

    // Without a count, requests are estimated from the input tokens: input tokens per request
    // would only repeat the scenario's, so it is not proposed, and output is marked estimated:
    // October 4.2M / 1,600 = 2,625, November 2M / 1,600 = 1,250; 1.5M / 3,875 = 387.
    let json = run_json(&[scenario.to_str().unwrap(), own.to_str().unwrap()]);
    let calibration = json["designs"][0]["calibration"].as_array().unwrap();
    assert!(calibration.iter().all(|c| c["field"] != "input_tokens"));
    let output = calibration
        .iter()
        .find(|c| c["field"] == "output_tokens")
        .unwrap();
    assert_eq!(output["bill"], "387");
    assert_eq!(output["estimated"], true);
}

/// `--write` saves the scenario with the measured months and the calibration accepted, and
/// nothing else changed; the input file is untouched.
#[test]
fn write_saves_measured_months_and_accepted_calibration() {
    let dir = tempfile::tempdir().unwrap();
    let requests = write(
        dir.path(),
        "r.csv",
        "month,requests,value\n2026-10,2000,150\n2026-11,500,40\n",
    );
    let source = fixture("support-billing.ron");
    let scenario = dir.path().join("s.ron");
    std::fs::copy(&source, &scenario).unwrap();
    let before = std::fs::read(&scenario).unwrap();
    let out = dir.path().join("out.ron");
    let own = fixture("own.csv");
    let args = [
        "bill",
        scenario.to_str().unwrap(),
        own.to_str().unwrap(),
        "--requests",
        requests.to_str().unwrap(),
        "--write",
        out.to_str().unwrap(),
        "--accept",
        "discount_pct",
        "--accept",
        "output_tokens",
    ];
    let output = cli().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Wrote "), "{text}");
    assert_eq!(
        std::fs::read(&scenario).unwrap(),
        before,
        "the input is untouched"
    );
    let original = inference_roi::io::load(&scenario).unwrap();
    let written = inference_roi::io::load(&out).unwrap();
    // The months: October the API's 13.25; November the API's 9 and the fleet's 2.5.
    assert_eq!(written.actuals.len(), 2);
    assert_eq!(written.actuals[0].cost, d("13.25"));
    assert_eq!(written.actuals[0].requests, 2000);
    assert_eq!(written.actuals[0].value, Some(d("150")));
    assert_eq!(written.actuals[1].cost, d("11.5"));
    let field = |s: &Scenario, f: ServingField| f.read(&s.designs[0].serving).unwrap();
    assert_eq!(field(&written, ServingField::Discount), d("15.18"));
    assert_eq!(field(&written, ServingField::OutputTokens), d("600"));
    // Not accepted: unchanged.
    assert_eq!(
        field(&written, ServingField::InputTokens),
        field(&original, ServingField::InputTokens)
    );
    assert_eq!(
        field(&written, ServingField::InputPrice),
        field(&original, ServingField::InputPrice)
    );
    let mut expected = original.clone();
    expected.actuals = written.actuals.clone();
    expected.designs[0].serving = written.designs[0].serving.clone();
    assert_eq!(written, expected, "nothing else changed");

    // Over an input, refused before any work; the input stays as it was.
    let over = cli()
        .args([
            "bill",
            scenario.to_str().unwrap(),
            own.to_str().unwrap(),
            "--write",
            scenario.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(over.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&over.stderr).contains("would replace it"));
    assert_eq!(std::fs::read(&scenario).unwrap(), before);
    // An unknown field to accept is named.
    let unknown = cli()
        .args([
            "bill",
            scenario.to_str().unwrap(),
            own.to_str().unwrap(),
            "--write",
        ])
        .arg(dir.path().join("x.ron"))
        .args(["--accept", "price_per_hour"])
        .output()
        .unwrap();
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("\"price_per_hour\""));
    assert!(!dir.path().join("x.ron").exists());
}

/// Months with no count are not written as measured: requests estimated from tokens are not a
/// measurement. A month already measured is replaced, and the message says so.
#[test]
fn write_leaves_out_months_without_a_count_and_says_what_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = inference_roi::io::load(&fixture("support-billing.ron")).unwrap();
    s.actuals = vec![inference_roi::model::Actual {
        month: "2026-10".parse().unwrap(),
        requests: 7,
        cost: d("1"),
        value: None,
    }];
    let scenario = dir.path().join("s.ron");
    inference_roi::io::save(&s, &scenario).unwrap();
    let requests = write(
        dir.path(),
        "r.csv",
        "month,requests,design\n2026-10,2000,GPT-4o API\n",
    );
    let out = dir.path().join("out.ron");
    let output = cli()
        .arg("bill")
        .arg(&scenario)
        .arg(fixture("own.csv"))
        .arg("--requests")
        .arg(&requests)
        .arg("--write")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("replacing 2026-10"), "{text}");
    assert!(
        text.contains("2026-11 left out: no request count"),
        "{text}"
    );
    let written = inference_roi::io::load(&out).unwrap();
    assert_eq!(written.actuals.len(), 1);
    assert_eq!(written.actuals[0].requests, 2000);
    assert_eq!(
        written.designs, s.designs,
        "nothing accepted, nothing calibrated"
    );
}

/// Names from other people's files come out of the Markdown as inert text.
#[test]
fn markdown_keeps_hostile_names_inert() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = inference_roi::io::load(&fixture("support-billing.ron")).unwrap();
    s.designs[0].name = "<img src=x onerror=alert(1)> [x](https://e.vil)".to_owned();
    let scenario = dir.path().join("s.ron");
    inference_roi::io::save(&s, &scenario).unwrap();
    let output = cli()
        .arg("bill")
        .arg(&scenario)
        .arg(fixture("own.csv"))
        .args(["--format", "markdown"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("## \\<img src=x onerror=alert(1)\\> \\[x\\](https://e.vil)"),
        "{text}"
    );
    assert_eq!(
        text.matches("<img").count(),
        text.matches("\\<img").count(),
        "every one escaped"
    );
    assert!(
        text.contains("| `discount_pct` | 0 % off | 15.18 % off |"),
        "{text}"
    );
}

/// A hosted design with no overhead or fixed cost, claiming every row of a bill.
fn plain_design_scenario() -> Scenario {
    let mut s = starter_scenario();
    let mut design = new_design("API".to_owned(), default_serving(ServingKind::HostedApi));
    design.billing = Some(Billing::default());
    s.designs = vec![design];
    s
}

fn row(out: &mut String, meter: &str, tokens: Decimal, price: Decimal, discount: Decimal) {
    let list = tokens * price / Decimal::from(1_000_000);
    let effective = list * (Decimal::ONE - discount / Decimal::ONE_HUNDRED);
    let _ = writeln!(
        out,
        "Usage,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,USD,{effective},{list},{price},{tokens},Tokens,\
         1000000 Tokens,{meter}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The round trip: a bill priced consistently (list cost = tokens × list price, effective =
    /// list × (1 − discount)) calibrates a design whose monthly cost at the counted requests is
    /// the bill's token cost: every calibrated figure together reproduces the bill, computed
    /// the planner's way from the file's fields, not the bill's.
    #[test]
    fn calibrated_design_costs_what_the_bill_says(
        requests in 100u64..200_000,
        input_hundreds in 1u64..100,
        output in 1u64..3_000,
        cached_pct in 0u64..60,
        write_pct in 0u64..30,
        prices in proptest::array::uniform4(1i64..4_000),
        discount in 0u64..60,
    ) {
        let [p_in, p_out, p_read, p_write] = prices.map(|p| Decimal::new(p, 2));
        let discount = Decimal::from(discount);
        let input = Decimal::from(input_hundreds * 100);
        let r = Decimal::from(requests);
        let all_input = r * input;
        let read = all_input * Decimal::from(cached_pct) / Decimal::ONE_HUNDRED;
        let written = all_input * Decimal::from(write_pct) / Decimal::ONE_HUNDRED;
        let mut bill = String::from(
            "ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,EffectiveCost,ListCost,\
             ListUnitPrice,ConsumedQuantity,ConsumedUnit,PricingUnit,SkuMeter\n",
        );
        row(&mut bill, "Input Tokens", all_input - read - written, p_in, discount);
        row(&mut bill, "Cache Read Input Tokens", read, p_read, discount);
        row(&mut bill, "Cache Write Input Tokens", written, p_write, discount);
        row(&mut bill, "Output Tokens", r * Decimal::from(output), p_out, discount);
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "bill.csv", &bill);
        let scenario = plain_design_scenario();
        let measured = focus::measure(&scenario, &[path], Limits::default()).unwrap();
        let month: Month = "2026-10".parse().unwrap();
        let counts: Requests = BTreeMap::from([((None, month), Count { requests, value: None })]);
        let designs: Vec<BillDesign> = bill_months(&scenario, &measured, &counts);
        let bill_cost = measured.designs[0].months[&month].cost;
        let calibrated = apply_all(&scenario, 0, &designs[0].calibration);
        let cost = Prepared::new(&calibrated, &calibrated.designs[0])
            .unwrap()
            .metrics(requests)
            .unwrap()
            .monthly_cost;
        prop_assert_eq!(cost.round_dp(8), bill_cost.round_dp(8), "{:?}", designs[0].calibration);
        // And the figures themselves, against the plain ones the bill was made from.
        let Serving::HostedApi { input_tokens, output_tokens, cached_input_share, cache_write_share,
            discount_pct, .. } = &calibrated.designs[0].serving else { unreachable!() };
        prop_assert_eq!(*input_tokens, input);
        prop_assert_eq!(*output_tokens, Decimal::from(output));
        prop_assert_eq!(*cached_input_share, Decimal::from(cached_pct) / Decimal::ONE_HUNDRED);
        prop_assert_eq!(*cache_write_share, Decimal::from(write_pct) / Decimal::ONE_HUNDRED);
        prop_assert_eq!(*discount_pct, discount);
    }
}
