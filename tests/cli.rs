//! The real `inference-roi` binary on the bundled scenarios: every format, and its errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use inference_roi::econ;
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::report::exact;
use predicates::prelude::*;
use serde_json::Value;

fn cli() -> Command {
    Command::cargo_bin("inference-roi").unwrap()
}

fn path(file_name: &str) -> String {
    format!("scenarios/{file_name}")
}

fn run_json(args: &[&str]) -> Value {
    let output = cli().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn json_report_carries_the_engine_figures_exactly() {
    for example in EXAMPLES {
        let json = run_json(&["report", &path(example.file_name), "--format", "json"]);
        let scenario = io::parse(example.text).unwrap();
        let analysis = econ::analyse(&scenario, scenario.volume.current);
        assert_eq!(json["title"], scenario.title);
        assert_eq!(json["currency"], scenario.currency);
        assert_eq!(json["volume"], scenario.volume.current);
        let designs = json["designs"].as_array().unwrap();
        assert_eq!(designs.len(), scenario.designs.len());
        for ((row, design), figures) in designs.iter().zip(&scenario.designs).zip(&analysis.designs)
        {
            let f = figures.as_ref().unwrap();
            let m = &f.metrics;
            assert_eq!(row["name"], design.name);
            assert_eq!(row["monthly_cost"], exact(m.monthly_cost));
            assert_eq!(row["cost_per_inference"], exact(m.cost_per_inference));
            assert_eq!(row["value_per_inference"], exact(m.value_per_inference));
            assert_eq!(row["roi_multiple"], exact(m.roi_multiple.unwrap()));
            assert_eq!(row["band"], m.band.label());
            assert_eq!(
                row["break_even_volume"],
                serde_json::json!(f.break_even.first)
            );
            for key in [
                "monthly_value",
                "monthly_net_value",
                "cost_to_value",
                "net_value_per_inference",
                "tokens_per_month",
                "cost_per_million_tokens",
                "instances",
                "over_capacity",
                "good_from_volume",
                "excellent_from_volume",
                "value_needed_for_good",
                "value_needed_for_excellent",
            ] {
                assert!(row.get(key).is_some(), "{key} missing");
            }
            // Money is an exact decimal string, never a float.
            assert!(row["monthly_cost"].is_string());
        }
        assert!(json["crossovers"].is_array());
    }
}

#[test]
fn json_report_specific_figures() {
    // Support assistant, GPT-4o API at 300,000: 300,000 × 0.0065 × 1.08 + 800 = 2,906.
    let json = run_json(&["report", &path("support-assistant.ron"), "--format", "json"]);
    let api = &json["designs"][0];
    assert_eq!(api["monthly_cost"], "2906");
    assert_eq!(api["value_per_inference"], "0.0474");
    assert_eq!(api["instances"], Value::Null);
    assert_eq!(api["excellent_from_volume"], Value::Null);
    assert_eq!(json["designs"][1]["instances"], 1);
    // The fine-tuned model and the cascade run at most 4 instances: over capacity at 50M.
    let over = run_json(&[
        "report",
        &path("support-assistant.ron"),
        "--volume",
        "50000000",
        "--format",
        "json",
    ]);
    assert_eq!(over["designs"][1]["over_capacity"], true);
    assert_eq!(over["designs"][0]["over_capacity"], false);
    assert_eq!(over["best"], "GPT-4o API");
}

#[test]
fn text_report_is_an_aligned_table_with_currency() {
    cli()
        .args(["report", &path("support-assistant.ron")])
        .assert()
        .success()
        .stdout(predicate::str::contains("Customer-support assistant"))
        .stdout(predicate::str::contains(
            "300,000 requests/month · USD · 730 hours/month",
        ))
        .stdout(predicate::str::contains(
            "Monthly cost                $2,906.00",
        ))
        .stdout(predicate::str::contains(
            "ROI multiple                4.89×",
        ))
        .stdout(predicate::str::contains(
            "Best at this volume (highest monthly net value): GPT-4o API, nets $11,314.00/month (ROI 4.89×)",
        ))
        .stdout(predicate::str::contains(
            "GPT-4o API ↔ Fine-tuned 8B on A10G: 364,783",
        ));
}

#[test]
fn csv_and_markdown_reports() {
    let output = cli()
        .args([
            "report",
            &path("document-classification.ron"),
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // A row per design, each followed by a row per use case (two here).
    assert_eq!(lines.len(), 1 + 3 * 3);
    assert!(lines[0].starts_with("design,serving,volume,monthly_cost,"));
    assert!(lines[0].contains(",error,use_case,requests,served_by,"));
    assert!(lines[0].ends_with(
        ",roi_with_carbon,value_per_kwh,successful_requests,cost_per_success,dominated_by"
    ));
    let classifier = lines[7];
    assert!(classifier.starts_with("Distilled classifier on CPU,Self-hosted CPU,1500000,"));
    assert!(classifier.contains(",Unsustainable,"), "{classifier}");
    // The design's own row: no error and no use case; its energy figures follow.
    let fields: Vec<&str> = classifier.split(',').collect();
    assert_eq!(fields[21..25], ["", "", "", ""], "{classifier}");
    assert!(
        fields[25].starts_with("0.00455"),
        "Wh per inference: {classifier}"
    );
    let scenario = io::parse(io::examples::find("document-classification").unwrap().text).unwrap();
    let first_case = &scenario.use_cases[0].name;
    assert!(
        lines[8].starts_with("Distilled classifier on CPU,Self-hosted CPU,1500000,")
            && lines[8].contains(&format!(",{first_case},")),
        "{}",
        lines[8]
    );
    cli()
        .args([
            "report",
            &path("search-summaries.ron"),
            "--format",
            "markdown",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Search result summaries"))
        .stdout(predicate::str::contains(
            "| Metric | GPT-4o mini API | Llama 8B on H100 |",
        ))
        .stdout(predicate::str::contains("## Crossovers"));
}

#[test]
fn sweep_csv_and_json() {
    let json = run_json(&[
        "sweep",
        &path("search-summaries.ron"),
        "--points",
        "40",
        "--format",
        "json",
    ]);
    let volumes = json["volumes"].as_array().unwrap();
    assert_eq!(volumes.len(), 40);
    assert_eq!(volumes[0], 1_000_000);
    assert_eq!(volumes[39], 5_000_000_000u64);
    let h100 = &json["designs"][1]["roi_multiple"].as_array().unwrap();
    // 16 H100s serve about 321.5M requests a month; beyond that the design is over capacity.
    assert!(h100[0].is_number());
    assert!(h100[39].is_null());
    let output = cli()
        .args(["sweep", &path("support-assistant.ron"), "--points", "10"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), 1 + 3 * 10);
    assert!(text.starts_with("design,volume,roi_multiple,cost_per_inference"));
}

#[test]
fn check_reports_every_problem_and_exits_1() {
    cli()
        .args(["check", &path("support-assistant.ron")])
        .assert()
        .success()
        .stdout(predicate::str::contains("valid (3 designs, 3 use cases)"));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    let text = EXAMPLES[0]
        .text
        .replacen("target_utilization: 0.6,", "target_utilization: 1.5,", 1)
        .replace("success_rate: 0.74", "success_rate: 1.74")
        .replace("current: 300000", "current: 5");
    std::fs::write(&bad, text).unwrap();
    cli()
        .args(["check", bad.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "designs[1].serving.target_utilization must be in (0, 1], got 1.5",
        ))
        .stderr(predicate::str::contains(
            "designs[1].success_rate must be in [0, 1], got 1.74",
        ))
        .stderr(predicate::str::contains("volume.current must be between"))
        .stderr(predicate::str::contains("3 error(s)"));
    // report refuses it too, with the same messages.
    cli()
        .args(["report", bad.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("got 1.5"));
}

#[test]
fn errors_are_messages_not_panics() {
    cli()
        .args(["report", "does-not-exist.ron"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read does-not-exist.ron"))
        .stderr(predicate::str::contains("panicked").not());
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Scenario(format: 1, title: \"x\",").unwrap();
    cli()
        .args(["check", broken.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "line 1, column 31: the file ends too early",
        ));
    // A file that does not parse is wrong in the file: 1, as an invalid one.
    cli()
        .args(["report", broken.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 1, column 31"));
    cli()
        .args(["report", &path("support-assistant.ron"), "--volume", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least 1 request per month"));
    cli()
        .args(["report", &path("support-assistant.ron"), "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn help_lists_the_subcommands() {
    cli()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("report"))
        .stdout(predicate::str::contains("sweep"))
        .stdout(predicate::str::contains("check"));
}

#[test]
fn markdown_report_states_the_assumptions_with_sources_and_stale_prices() {
    let output = cli()
        .args([
            "report",
            &path("support-assistant.ron"),
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("## Assumptions"));
    assert!(text.contains("- How-to question: 60 % of requests, $0.06 per success"));
    assert!(text.contains("### Fine-tuned 8B on A10G"));
    assert!(
        text.contains("at $1.006/hour, 4 requests/s per instance at 60 % utilisation"),
        "{text}"
    );
    assert!(text.contains("(as of 2026-06-17) — <https://aws.amazon.com/ec2/pricing/on-demand/>"));
    // A price read long ago is called stale in the Markdown and the text report.
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.ron");
    std::fs::write(
        &old,
        EXAMPLES[0]
            .text
            .replace("as_of: \"2026-05-01\"", "as_of: \"2020-01-15\""),
    )
    .unwrap();
    let md = cli()
        .args(["report", old.to_str().unwrap(), "--format", "markdown"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(md.stdout)
            .unwrap()
            .contains("**stale source:")
    );
    cli()
        .args(["report", old.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Stale sources (dated more than 12 months ago; check them):",
        ))
        .stdout(predicate::str::contains("GPT-4o API: GPT-4o list price"));
}

#[test]
fn markdown_report_figures_equal_the_json_report() {
    use inference_roi::report::format;
    use rust_decimal::Decimal;
    use std::str::FromStr;
    for example in EXAMPLES {
        let json = run_json(&["report", &path(example.file_name), "--format", "json"]);
        let output = cli()
            .args(["report", &path(example.file_name), "--format", "markdown"])
            .output()
            .unwrap();
        let markdown = String::from_utf8(output.stdout).unwrap();
        let currency = json["currency"].as_str().unwrap();
        for design in json["designs"].as_array().unwrap() {
            let row = |label: &str| -> String {
                markdown
                    .lines()
                    .find(|l| l.starts_with(&format!("| {label} |")))
                    .unwrap_or_else(|| panic!("no {label} row"))
                    .to_owned()
            };
            let money = |key: &str| {
                format::money(
                    Decimal::from_str(design[key].as_str().unwrap()).unwrap(),
                    currency,
                )
            };
            for (label, key) in [
                ("Monthly cost", "monthly_cost"),
                ("Monthly value", "monthly_value"),
                ("Cost per inference", "cost_per_inference"),
                ("Value per inference", "value_per_inference"),
            ] {
                assert!(
                    row(label).contains(&format!("| {} |", money(key))),
                    "{}: {label} {}",
                    example.file_name,
                    money(key)
                );
            }
            let roi = format::multiple(
                Decimal::from_str(design["roi_multiple"].as_str().unwrap()).unwrap(),
            );
            assert!(row("ROI multiple").contains(&roi));
            assert!(row("Band").contains(design["band"].as_str().unwrap()));
            if let Some(v) = design["break_even_volume"].as_u64() {
                assert!(row("Break-even from").contains(&format::count(v)));
            }
        }
    }
}

#[test]
fn warnings_go_to_stderr_and_the_figures_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("no-sources.ron");
    let mut scenario = io::parse(EXAMPLES[0].text).unwrap();
    scenario.designs[0].sources.clear();
    io::save(&scenario, &file).unwrap();
    let file = file.to_str().unwrap();
    for args in [
        vec!["report", file, "--format", "json"],
        vec!["sweep", file, "--format", "csv"],
    ] {
        let output = cli().args(&args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("warning: designs[0].sources"),
            "{args:?}: {stderr}"
        );
        assert!(
            !String::from_utf8_lossy(&output.stdout).contains("warning"),
            "{args:?}: stdout stays the figures"
        );
    }
}

#[test]
fn route_suggests_in_words_json_and_ron() {
    let file = path("support-routing.ron");
    let scenario = io::parse(io::examples::find("support-routing").unwrap().text).unwrap();
    let suggestion =
        inference_roi::econ::suggest::suggest(&scenario, scenario.volume.current).unwrap();
    let json = run_json(&["route", &file, "--format", "json"]);
    assert_eq!(json["exhaustive"], true);
    assert_eq!(json["volume"], scenario.volume.current);
    assert_eq!(
        json["monthly_net_value"],
        inference_roi::report::exact(suggestion.metrics.monthly_net_value)
    );
    for case in &scenario.use_cases {
        let route = suggestion.design.serving.routes().unwrap()[&case.name].design();
        assert_eq!(
            json["routes"][&case.name],
            serde_json::json!(route),
            "{}",
            case.name
        );
    }
    // The RON is a design ready to paste: the scenario with it added is valid.
    let out = cli()
        .args(["route", &file, "--format", "ron"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let ron = String::from_utf8(out.stdout).unwrap();
    let text = io::to_ron(&scenario).unwrap();
    // Pasted at the end of the designs list.
    let designs = text.find("\n    designs: [").unwrap();
    let end = designs + text[designs..].find("\n    ],\n").unwrap() + 1;
    let pasted = format!("{}{}{}", &text[..end], indent(&ron), &text[end..]);
    let with = io::parse(&pasted).unwrap();
    assert_eq!(with.designs.last().unwrap(), &suggestion.design);
    assert!(
        inference_roi::econ::validate(&with)
            .iter()
            .all(|p| p.severity != inference_roi::model::Severity::Error)
    );
    let out = cli().args(["route", &file]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("exhaustive: all 256 routings tried"),
        "{text}"
    );
    assert!(text.contains("Best single design: GPT-4o API"), "{text}");
}

/// Eight spaces before every line: a design inside `designs: [ … ]`.
fn indent(text: &str) -> String {
    text.lines().flat_map(|l| ["        ", l, "\n"]).collect()
}

#[test]
fn check_names_the_line_of_a_bad_route() {
    let text = io::examples::find("support-routing")
        .unwrap()
        .text
        .replace("Design(\"GPT-4o mini API\")", "Design(\"GPT-4o nano API\")");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.ron");
    std::fs::write(&file, &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("GPT-4o nano API"))
        .unwrap()
        + 1;
    let out = cli()
        .args(["check", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "bad.ron:{line}: error: designs[3].serving.routes[\"How-to question\"] sends it to design \"GPT-4o nano \
                API\""
        )),
        "{stderr}"
    );
}

#[test]
fn timeline_in_every_format() {
    let file = path("support-over-time.ron");
    let json = run_json(&["timeline", &file, "--format", "json"]);
    let scenario = io::parse(io::examples::find("support-over-time").unwrap().text).unwrap();
    let figures = inference_roi::econ::timeline::timeline(&scenario)
        .unwrap()
        .unwrap();
    assert_eq!(json["start"], "2027-01");
    assert_eq!(json["months"].as_array().unwrap().len(), 24);
    assert_eq!(json["months"][0]["volume"], scenario.volume.current);
    assert_eq!(json["months"][0]["best"], "GPT-4o API");
    let design = &json["months"][3]["designs"][1];
    for key in [
        "name",
        "monthly_cost",
        "monthly_value",
        "monthly_net_value",
        "roi_multiple",
        "band",
        "instances",
        "cumulative_net_cash",
        "over_capacity",
        "over_budget",
    ] {
        assert!(design.get(key).is_some(), "no {key} in {design}");
    }
    assert_eq!(
        design["cumulative_net_cash"],
        inference_roi::report::exact(
            figures.months[3].designs[1]
                .as_ref()
                .unwrap()
                .cumulative_net_cash
        )
    );
    for (i, d) in figures.designs.iter().enumerate() {
        assert_eq!(
            json["designs"][i]["payback_month"],
            serde_json::json!(d.payback.map(|m| m.to_string()))
        );
        assert_eq!(
            json["designs"][i]["over_budget_from"],
            serde_json::json!(d.over_budget_from.map(|m| m.to_string()))
        );
    }
    assert_eq!(json["actuals"].as_array().unwrap().len(), 3);
    assert!(json["actuals"][0]["roi_variance"].is_string());
    let text = cli().args(["timeline", &file]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Fine-tuned 8B on A10G  2027-04"), "{text}");
    assert!(
        // By monthly net value the API stays best until the cascade nets more; the fine-tune has
        // the highest ROI from 2027-11 but nets less than both.
        text.contains(
            "Best design (highest monthly net value): GPT-4o API from 2027-01; Cascade: 8B → GPT-4o from 2028-03"
        ),
        "{text}"
    );
    let csv = cli()
        .args(["timeline", &file, "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(csv.stdout).unwrap().lines().count(),
        1 + 24 * 3
    );
    cli()
        .args(["report", &file, "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## Over time"));
    // A scenario without a timeline says how to add one.
    cli()
        .args(["timeline", &path("support-assistant.ron")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("has no timeline"));
}

#[test]
fn what_if_of_roi_with_carbon() {
    let json = run_json(&[
        "sensitivity",
        &path("support-assistant.ron"),
        "--design",
        "Fine-tuned 8B on A10G",
        "--metric",
        "roi-with-carbon",
        "--format",
        "json",
    ]);
    assert_eq!(json["metric"], "roi_with_carbon");
    let paths: Vec<&str> = json["swings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["path"].as_str().unwrap())
        .collect();
    for wanted in [
        "designs[1].serving.power.watts_max",
        "carbon.grid_g_per_kwh",
        "carbon.price_per_tonne",
    ] {
        assert!(paths.contains(&wanted), "{wanted} in {paths:?}");
    }
    let json = run_json(&[
        "goal-seek",
        &path("support-assistant.ron"),
        "--design",
        "GPT-4o API",
        "--input",
        "carbon.price_per_tonne",
        "--target",
        "4.8",
        "--metric",
        "roi-with-carbon",
        "--format",
        "json",
    ]);
    assert_eq!(json["metric"], "roi_with_carbon");
    assert_eq!(json["bound"], "highest");
    cli()
        .args(["goal-seek", &path("support-assistant.ron")])
        .args([
            "--design",
            "GPT-4o API",
            "--input",
            "carbon.price_per_tonne",
        ])
        .args(["--target", "4.8"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--metric roi-with-carbon"));
}

/// `completions` and the man page come from the command line's own definitions.
#[test]
fn completions_and_the_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Command::cargo_bin("inference-roi")
            .unwrap()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("inference-roi") && text.contains("goal-seek"),
            "{shell}"
        );
    }
    let out = Command::cargo_bin("inference-roi")
        .unwrap()
        .arg("manpage")
        .output()
        .unwrap();
    let man = String::from_utf8(out.stdout).unwrap();
    assert!(
        man.starts_with(".ie") && man.contains(".TH inference-roi 1"),
        "{man}"
    );
}

#[test]
fn an_output_that_is_one_of_the_inputs_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("x.ron");
    let old = dir.path().join("old.ron");
    let text = std::fs::read_to_string(path("support-assistant.ron")).unwrap();
    std::fs::write(&scenario, &text).unwrap();
    std::fs::write(&old, &text).unwrap();
    // The same file under another spelling and through a link is still the same file.
    let respelled = dir.path().join(".").join("x.ron");
    #[cfg(unix)]
    let linked = {
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&scenario, &link).unwrap();
        link
    };
    #[cfg(not(unix))]
    let linked = scenario.clone();
    for out in [&scenario, &respelled, &linked] {
        cli()
            .arg("pack")
            .arg(&scenario)
            .arg("--out")
            .arg(out)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "--out {}: that is the scenario file ({}); writing there would replace it",
                out.display(),
                scenario.display()
            )));
    }
    cli()
        .arg("pack")
        .arg(&scenario)
        .arg("--compare")
        .arg(&old)
        .arg("--out")
        .arg(&old)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("that is the --compare file"));
    cli()
        .arg("simulate")
        .arg(&scenario)
        .arg("--samples-out")
        .arg(&scenario)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--samples-out ".to_owned() + &scenario.display().to_string(),
        ))
        .stderr(predicate::str::contains("that is the scenario file"));
    let svg_named = dir.path().join("x.svg");
    std::fs::write(&svg_named, &text).unwrap();
    cli()
        .arg("chart")
        .arg(&svg_named)
        .arg("--out")
        .arg(&svg_named)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("that is the scenario file"));
    for file in [&scenario, &old, &svg_named] {
        assert_eq!(std::fs::read_to_string(file).unwrap(), text);
    }
    // Another file beside it is written as usual.
    cli()
        .arg("pack")
        .arg(&scenario)
        .arg("--compare")
        .arg(&old)
        .arg("--out")
        .arg(dir.path().join("review.html"))
        .assert()
        .success();
}

/// Runs the binary with stdout on `/dev/full`, where every write fails with "no space left".
#[cfg(target_os = "linux")]
fn to_full_device(args: &[&str]) -> std::process::Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    std::process::Command::new(assert_cmd::cargo::cargo_bin!("inference-roi"))
        .args(args)
        .stdout(full)
        .output()
        .unwrap()
}

#[test]
#[cfg(target_os = "linux")]
fn a_failed_write_to_stdout_exits_2_with_a_message() {
    let support = path("support-assistant.ron");
    let over_time = path("support-over-time.ron");
    let uncertain = path("support-assistant-uncertain.ron");
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("review.html");
    let pack = pack.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["report", &support],
        vec!["report", &support, "--format", "csv"],
        vec!["report", &support, "--format", "json"],
        vec!["report", &support, "--format", "markdown"],
        vec!["sweep", &support],
        vec!["sweep", &support, "--format", "json"],
        vec!["timeline", &over_time],
        vec!["timeline", &over_time, "--format", "csv"],
        vec!["route", &support],
        vec!["route", &support, "--format", "ron"],
        vec!["sensitivity", &support, "--design", "GPT-4o API"],
        vec!["goal-seek", &support, "--design", "GPT-4o API"],
        vec!["simulate", &uncertain, "--samples", "50", "--points", "5"],
        vec!["diff", &support, &uncertain],
        vec!["check", &support],
        vec!["pack", &support, "--out", pack],
        vec!["completions", "bash"],
        vec!["manpage"],
    ];
    for mut args in commands {
        if args[0] == "goal-seek" {
            args.extend(["--input", "volume", "--target", "3"]);
        }
        let out = to_full_device(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write the output to standard output: No space left on device"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_closed_pipe_is_still_success() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("inference-roi"))
        .args([
            "sweep",
            &path("support-assistant.ron"),
            "--points",
            "100000",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read nothing and close the pipe, as `| head -0` does.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn one_exit_code_for_a_wrong_file_whether_it_does_not_parse_or_is_not_valid() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Scenario(format: 1, title: \"x\",").unwrap();
    let invalid = dir.path().join("invalid.ron");
    std::fs::write(
        &invalid,
        EXAMPLES[0]
            .text
            .replace("success_rate: 0.74", "success_rate: 1.74"),
    )
    .unwrap();
    let unknown = dir.path().join("unknown.ron");
    std::fs::write(&unknown, EXAMPLES[0].text.replacen("title:", "titel:", 1)).unwrap();
    let out = dir.path().join("out.svg");
    for file in [&broken, &invalid, &unknown] {
        let file = file.to_str().unwrap();
        for args in [
            vec!["report", file],
            vec!["sweep", file],
            vec!["check", file],
            vec!["route", file],
            vec!["diff", file, file],
            vec!["chart", file, "--out", out.to_str().unwrap()],
        ] {
            let output = cli().args(&args).output().unwrap();
            assert_eq!(
                output.status.code(),
                Some(1),
                "{args:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    // A file that is not there is a command that cannot be carried out: 2 (1 for `check`).
    cli().args(["report", "no-such.ron"]).assert().code(2);
    cli().args(["check", "no-such.ron"]).assert().code(1);
}

#[test]
fn a_swing_out_of_any_number_range_says_the_range() {
    let file = path("support-assistant.ron");
    for (swing, message) in [
        (
            "1e30",
            "--swing must be a number above 0 and at most 100 (%), got \"1e30\"",
        ),
        (
            "abc",
            "--swing must be a number above 0 and at most 100 (%), got \"abc\"",
        ),
        (
            "1e3",
            "--swing must be above 0 and at most 100 (%), got 1000",
        ),
    ] {
        cli()
            .args([
                "sensitivity",
                &file,
                "--design",
                "GPT-4o API",
                "--swing",
                swing,
            ])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    // Scientific notation within the range is a number like any other.
    cli()
        .args([
            "sensitivity",
            &file,
            "--design",
            "GPT-4o API",
            "--swing",
            "2e1",
        ])
        .assert()
        .success();
}

#[test]
fn a_timeline_past_9999_12_is_refused_as_a_wrong_file() {
    let dir = tempfile::tempdir().unwrap();
    let late = dir.path().join("late.ron");
    let text = std::fs::read_to_string(path("support-over-time.ron")).unwrap();
    std::fs::write(
        &late,
        text.replacen("start: \"2027-01\"", "start: \"9999-12\"", 1),
    )
    .unwrap();
    cli()
        .arg("timeline")
        .arg(&late)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "timeline.start is 9999-12 and the timeline counts 24 months, which would run past \
             9999-12",
        ));
}
