//! The review pack (`pack`): one self-contained HTML file whose figures are the JSON report's.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use inference_roi::chart::render::Theme;
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::model::Date;
use inference_roi::report::pack::{PackOptions, pack_html};
use inference_roi::report::{Report, format, report_json};
use rust_decimal::Decimal;

fn today() -> Date {
    "2026-11-30".parse().unwrap()
}

fn money(json: &serde_json::Value, currency: &str) -> String {
    format::money(json.as_str().unwrap().parse::<Decimal>().unwrap(), currency)
}

/// The text of a node, its entities decoded the way the pack writes them.
fn text_of(node: &tl::Node<'_>, parser: &tl::Parser<'_>) -> String {
    node.inner_text(parser)
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

#[test]
fn every_bundled_scenario_packs_with_the_json_reports_figures() {
    for example in EXAMPLES {
        let scenario = io::parse(example.text).unwrap();
        let volume = scenario.volume.current;
        let html = pack_html(
            &scenario,
            &PackOptions {
                volume,
                theme: Theme::Light,
                today: today(),
            },
            None,
        );
        let dom = tl::parse(&html, tl::ParserOptions::default()).unwrap();
        self_contained(&dom, &scenario, example.file_name);
        well_formed_charts(&html, example.file_name);
        let report = Report::new(&scenario, volume);
        let json: serde_json::Value = serde_json::from_str(&report_json(&report)).unwrap();
        let rows = first_table(&dom);
        let row = |label: &str| {
            rows.iter()
                .find(|r| r.first().map(String::as_str) == Some(label))
                .unwrap_or_else(|| panic!("{}: no row {label}", example.file_name))
        };
        let currency = &scenario.currency;
        for (k, design) in json["designs"].as_array().unwrap().iter().enumerate() {
            if design.get("error").is_some() {
                continue;
            }
            let name = design["name"].as_str().unwrap();
            let header = &rows[0][k + 1];
            assert!(
                header == name || header == &format!("★ {name}"),
                "{}: column {k} is {header}, not {name}",
                example.file_name
            );
            for (label, key) in [
                ("Monthly cost", "monthly_cost"),
                ("Monthly value", "monthly_value"),
                ("Monthly net value", "monthly_net_value"),
                ("Cost per inference", "cost_per_inference"),
                ("Value per inference", "value_per_inference"),
            ] {
                assert_eq!(
                    row(label)[k + 1],
                    money(&design[key], currency),
                    "{}: {name} {label}",
                    example.file_name
                );
            }
            let roi = design["roi_multiple"].as_str().map_or_else(
                || "∞ (no cost)".to_owned(),
                |r| format::multiple(r.parse().unwrap()),
            );
            assert_eq!(
                row("ROI multiple")[k + 1],
                roi,
                "{}: {name}",
                example.file_name
            );
            assert_eq!(row("Band")[k + 1], design["band"].as_str().unwrap());
        }
        // The answer names the best design.
        if let Some(best) = report.analysis.best() {
            let name = &scenario.designs[best].name;
            assert!(
                html.contains(&format!(
                    "{}</strong> At ",
                    "Is the inference worth its cost?"
                )) && html.contains(&format!(
                    "{} is the best design",
                    inference_roi::report::html::escape(name)
                )),
                "{}: the answer",
                example.file_name
            );
        }
    }
}

#[test]
fn the_command_writes_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review.html");
    Command::cargo_bin("inference-roi")
        .unwrap()
        .args(["pack", "scenarios/support-assistant-uncertain.ron", "--out"])
        .arg(&out)
        .args(["--volume", "1e6", "--theme", "dark"])
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<body class=\"dark\">"));
    assert!(html.contains("At 1,000,000 requests/month"));
    // Ranges give the uncertainty section; print rules keep charts and rows whole.
    assert!(html.contains("<h2>Uncertainty</h2>"));
    assert!(html.contains("@media print"));
    // With an earlier version: what changed since.
    Command::cargo_bin("inference-roi")
        .unwrap()
        .args(["pack", "scenarios/support-assistant-uncertain.ron", "--out"])
        .arg(&out)
        .args(["--compare", "scenarios/support-assistant.ron"])
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.contains("What changed: support-assistant.ron → this version"),
        "changes section"
    );
    assert!(
        html.contains("dashed, faded: support-assistant.ron"),
        "the chart's legend"
    );
}

/// No external request: no src at all (charts are inline SVG), no script, and the only links are
/// the scenario's own sources.
fn self_contained(dom: &tl::VDom<'_>, scenario: &inference_roi::model::Scenario, name: &str) {
    // No external request: no src at all (charts are inline SVG), and the only links are the
    // scenario's own sources.
    let sources: Vec<String> = scenario
        .designs
        .iter()
        .flat_map(|d| &d.sources)
        .chain(scenario.carbon.iter().flat_map(|c| &c.sources))
        .map(|s| s.url.clone())
        .collect();
    for node in dom.nodes() {
        let Some(tag) = node.as_tag() else { continue };
        assert!(
            tag.attributes().get("src").is_none(),
            "{name}: a src attribute"
        );
        if let Some(Some(href)) = tag.attributes().get("href") {
            let href = href.as_utf8_str().replace("&amp;", "&");
            assert!(
                sources.contains(&href),
                "{name}: a link that is not a source: {href}"
            );
        }
        assert!(
            !matches!(
                tag.name().as_utf8_str().as_ref(),
                "script" | "link" | "iframe" | "img"
            ),
            "{name}: external or active content"
        );
    }
}

/// Every chart is well-formed SVG, and there is one at least.
fn well_formed_charts(html: &str, name: &str) {
    let mut charts = 0;
    for piece in html.split("<svg").skip(1) {
        let end = piece.find("</svg>").expect("closed svg");
        let svg = format!("<svg{}</svg>", &piece[..end]);
        resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
            .unwrap_or_else(|e| panic!("{name}: bad SVG: {e}"));
        charts += 1;
    }
    assert!(charts >= 1, "{name}: no chart");
}

/// The cells of the pack's first table (the comparison table), row by row.
fn first_table(dom: &tl::VDom<'_>) -> Vec<Vec<String>> {
    let parser = dom.parser();
    let table = dom
        .query_selector("table")
        .unwrap()
        .next()
        .unwrap()
        .get(parser)
        .unwrap();
    let table_html = table.outer_html(parser);
    let table_dom = tl::parse(&table_html, tl::ParserOptions::default()).unwrap();
    let tp = table_dom.parser();
    table_dom
        .query_selector("tr")
        .unwrap()
        .map(|tr| {
            let tr = tr.get(tp).unwrap();
            tr.children()
                .unwrap()
                .top()
                .iter()
                .filter_map(|c| c.get(tp))
                .filter(|c| c.as_tag().is_some())
                .map(|c| text_of(c, tp).trim().to_owned())
                .collect()
        })
        .collect()
}
