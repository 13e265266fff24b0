//! `diff`: two versions of a scenario, worked by hand.

#![allow(clippy::unwrap_used)]

mod common;

use assert_cmd::Command;
use common::{d, design, scenario_with};
use inference_roi::econ::diff::{ChangeKind, diff};
use inference_roi::model::Scenario;
use inference_roi::report::diff::{DiffReport, diff_json, diff_markdown, diff_text};
use rust_decimal::Decimal;

/// One use case worth $0.10 per success; design A: a hosted API at `price` per 1M input tokens,
/// 1,000 input tokens, success 50 %, `fixed` a month; 100,000 requests a month.
///
/// Value per inference $0.05 → $5,000 a month. At $1 and $50: cost $100 + $50 = $150, ROI
/// 33.33×.
fn hosted(price: &str, fixed: &str, extra_designs: &str) -> Scenario {
    let api = format!(
        "HostedApi(input_price_per_mtok: {price}, output_price_per_mtok: 0, price_per_request: 0, \
         input_tokens: 1000, output_tokens: 0)"
    );
    scenario_with(
        "730",
        (100_000, 1_000, 10_000_000),
        "UseCase(name: \"all\", share: 1, value_per_success: 0.10)",
        &format!(
            "{}{extra_designs}",
            design(
                "A",
                &api,
                &format!("success_rate: 0.5, fixed_monthly: {fixed}")
            )
        ),
    )
}

fn roi_change(old: &Scenario, new: &Scenario) -> Option<Decimal> {
    let compared = diff(old, new, 100_000);
    let report = DiffReport {
        labels: ("old", "new"),
        old,
        new,
        diff: &compared,
    };
    let json = diff_json(&report);
    json["designs"][0]["roi_change"]
        .as_str()
        .map(|s| s.parse().unwrap())
}

#[test]
fn a_price_cut() {
    let (old, new) = (hosted("1", "50", ""), hosted("0.5", "50", ""));
    let compared = diff(&old, &new, 100_000);
    assert_eq!(compared.assumptions.len(), 1);
    let change = &compared.assumptions[0];
    assert_eq!(change.path, "designs[0].serving.input_price_per_mtok");
    assert_eq!(
        (change.old.as_deref(), change.new.as_deref()),
        (Some("1"), Some("0.5"))
    );
    assert_eq!(change.kind, ChangeKind::Changed);
    // $50 + $50 = $100 → 50×, from 33.33×: +16.67×.
    let moved = roi_change(&old, &new).unwrap();
    assert_eq!(moved.round_dp(6), d("16.666667"));
    let report = DiffReport {
        labels: ("old.ron", "new.ron"),
        old: &old,
        new: &new,
        diff: &compared,
    };
    let text = diff_text(&report);
    assert!(text.contains("$1 → $0.5"), "{text}");
    assert!(text.contains("33.3× → 50.0× (+16.7×)"), "{text}");
}

/// Two changes at once: the price halves (alone: $100 → 50×, +16.67×) and the fixed cost
/// triples (alone: $100 + $150 = $250 → 20×, −13.33×). Together: $50 + $150 = $200 → 25×, a
/// move of −8.33×, which is not the sum of the parts (+3.33×): the report says they interact.
#[test]
fn attribution_by_hand() {
    let (old, new) = (hosted("1", "50", ""), hosted("0.5", "150", ""));
    let compared = diff(&old, &new, 100_000);
    let parts: Vec<(String, Decimal)> = compared
        .attribution
        .iter()
        .map(|a| (a.path.clone(), a.roi_change.unwrap().round_dp(6)))
        .collect();
    assert_eq!(
        parts,
        vec![
            (
                "designs[0].serving.input_price_per_mtok".to_owned(),
                d("16.666667")
            ),
            ("designs[0].fixed_monthly".to_owned(), d("-13.333333")),
        ]
    );
    assert_eq!(roi_change(&old, &new).unwrap().round_dp(6), d("-8.333333"));
    let report = DiffReport {
        labels: ("old.ron", "new.ron"),
        old: &old,
        new: &new,
        diff: &compared,
    };
    assert!(diff_text(&report).contains("need not add up"));
}

#[test]
fn an_added_and_a_renamed_design() {
    let b = design(
        "B",
        "HostedApi(input_price_per_mtok: 3, output_price_per_mtok: 0, price_per_request: 0, \
         input_tokens: 1000, output_tokens: 0)",
        "success_rate: 0.9",
    );
    let old = hosted("1", "50", "");
    let new = hosted("1", "50", &format!(", {b}"));
    let compared = diff(&old, &new, 100_000);
    assert_eq!(compared.assumptions.len(), 1, "{:?}", compared.assumptions);
    assert_eq!(compared.assumptions[0].kind, ChangeKind::Added);
    assert_eq!(compared.assumptions[0].path, "designs[1]");
    assert_eq!(compared.designs[1].old, None);
    // B: value 0.10 × 0.9 = $0.09, cost 100,000 × $0.003 = $300 → 30×.
    let report = DiffReport {
        labels: ("old.ron", "new.ron"),
        old: &old,
        new: &new,
        diff: &compared,
    };
    let json = diff_json(&report);
    assert_eq!(json["designs"][1]["status"], "added");
    assert_eq!(json["designs"][1]["old"], serde_json::Value::Null);
    assert_eq!(json["designs"][1]["new"]["roi_multiple"], "30");
    // Best by monthly net value: A alone before (value 100,000 × 0.10 × 0.5 = $5,000, cost
    // 100,000 × 1,000 tokens × $1/M + $50 = $150, net $4,850, 33.3×); after, B nets
    // $9,000 − $300 = $8,700, more than A, though A's ROI is the higher.
    assert_eq!(json["best"]["old"], "A");
    assert_eq!(json["best"]["new"], "B");
    assert_eq!(json["best_by"], "monthly_net_value");

    // Renaming B in place: one change, said as a rename; its figures carry on.
    let mut renamed = new.clone();
    renamed.designs[1].name = "B (load-tested)".to_owned();
    let compared = diff(&new, &renamed, 100_000);
    assert_eq!(compared.assumptions.len(), 1, "{:?}", compared.assumptions);
    assert_eq!(compared.assumptions[0].kind, ChangeKind::Renamed);
    assert_eq!(compared.designs[1].old, Some(1));
    assert!(compared.crossovers.is_empty());
    assert!(compared.attribution.is_empty());
}

#[test]
fn a_changed_use_case_share_and_a_range_added() {
    let cases = |first: &str, second: &str, value: &str| {
        format!(
            "UseCase(name: \"simple\", share: {first}, value_per_success: {value}), \
             UseCase(name: \"hard\", share: {second}, value_per_success: 0.40)"
        )
    };
    let api = "HostedApi(input_price_per_mtok: 1, output_price_per_mtok: 0, \
               price_per_request: 0, input_tokens: 1000, output_tokens: 0)";
    let one = design("A", api, "success_rate: 0.5");
    let old = scenario_with(
        "730",
        (100_000, 1_000, 10_000_000),
        &cases("0.6", "0.4", "0.10"),
        &one,
    );
    let new = scenario_with(
        "730",
        (100_000, 1_000, 10_000_000),
        &cases("0.5", "0.5", "Range(0.08, 0.12)"),
        &one,
    );
    let compared = diff(&old, &new, 100_000);
    let paths: Vec<&str> = compared
        .assumptions
        .iter()
        .map(|c| c.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "use_cases[0].share",
            "use_cases[0].value_per_success",
            "use_cases[1].share"
        ]
    );
    let report = DiffReport {
        labels: ("old.ron", "new.ron"),
        old: &old,
        new: &new,
        diff: &compared,
    };
    let text = diff_text(&report);
    assert!(text.contains("use_cases[0].share: 60 % → 50 %"), "{text}");
    assert!(
        text.contains("use_cases[0].value_per_success: $0.10 → $0.08 to $0.12 (90 % range)"),
        "{text}"
    );
    // Value per inference: 0.6 × 0.10 × 0.5 + 0.4 × 0.40 × 0.5 = $0.11; after,
    // 0.5 × 0.0979796 × 0.5 + 0.5 × 0.40 × 0.5 = $0.1244949.
    let markdown = diff_markdown(&report);
    assert!(markdown.contains("| Design | ROI | Band |"), "{markdown}");
    assert!(markdown.contains("$0.11 → $0.124"), "{markdown}");
}

#[test]
fn the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.ron"), dir.path().join("new.ron"));
    std::fs::write(
        &old,
        inference_roi::io::to_ron(&hosted("1", "50", "")).unwrap(),
    )
    .unwrap();
    std::fs::write(
        &new,
        inference_roi::io::to_ron(&hosted("0.5", "50", "")).unwrap(),
    )
    .unwrap();
    let (old_path, new_path) = (old.to_str().unwrap(), new.to_str().unwrap());
    let out = run_diff(&[old_path, new_path, "--format", "json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "volume",
        "assumptions",
        "designs",
        "best",
        "crossovers",
        "attribution",
    ] {
        assert!(json.get(key).is_some(), "{key} missing");
    }
    assert_eq!(json["volume"], 100_000);
    assert_eq!(json["assumptions"][0]["kind"], "changed");
    // The same file twice: nothing changed, still exit 0.
    let out = run_diff(&[old_path, old_path, "--volume", "1e6"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Assumptions: no change."), "{text}");
    assert!(text.contains("at 1,000,000 requests/month"), "{text}");
    // An unreadable file gets the loader's message (exit 1: the file is wrong).
    std::fs::write(&new, "Scenario(format: 1, title: ").unwrap();
    let out = run_diff(&[old_path, new_path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("new.ron"));
}

/// `inference-roi diff ARGS…`, run to the end.
fn run_diff(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("inference-roi")
        .unwrap()
        .arg("diff")
        .args(args)
        .output()
        .unwrap()
}

/// A name spelt in another Unicode normalisation (a decomposed é) is the same design, as
/// validation counts it: not one removed and one added, not a rename.
#[test]
fn a_name_in_another_normalisation_is_the_same_design() {
    let cafe = |name: &str| {
        design(
            name,
            "HostedApi(input_price_per_mtok: 3, output_price_per_mtok: 0, price_per_request: 0, \
             input_tokens: 1000, output_tokens: 0)",
            "success_rate: 0.9",
        )
    };
    let old = hosted("1", "50", &format!(", {}", cafe("Caf\u{e9}")));
    let mut new = hosted("1", "50", &format!(", {}", cafe("Cafe\u{301}")));
    new.designs.swap(0, 1);
    let compared = diff(&old, &new, 100_000);
    assert!(
        compared.assumptions.iter().all(|c| !matches!(
            c.kind,
            ChangeKind::Added | ChangeKind::Removed | ChangeKind::Renamed
        )),
        "{:?}",
        compared.assumptions
    );
    assert!(compared.designs.iter().all(|d| d.old.is_some()));
}
