//! The properties the `writers` fuzz target in `fuzz/` checks, kept here so that `cargo test`
//! runs every seed and every input a fuzzer once broke (`tests/fuzz_regressions.rs`) through
//! exactly the same checks: whatever a scenario holds, what the planner writes from it is
//! harmless where people open it.
//!
//! - CSV: parses back into rows of equal length, and no cell is one a spreadsheet evaluates.
//! - Markdown: no control character but the line feed, no raw HTML (every `<` outside our code
//!   spans is escaped or opens an autolink to one of the sources' own addresses), no link syntax.
//! - HTML (the review pack): every `<` opens a tag, no `<script>`, no `on…=` event attribute,
//!   and the only links are the sources' own addresses.
//! - SVG: parses back as XML, with no script, event attribute or link.
//! - The portfolio's outputs of the scenario (rolled up as a portfolio named from its text): the
//!   same, and its pack holds no link at all.
//!
//! Each function panics when a property fails, which is how a fuzzer sees a failure.

// Panicking on a broken property is the point of these functions.
#![allow(clippy::expect_used, clippy::missing_panics_doc)]

use std::collections::{BTreeSet, HashSet};

use rust_decimal::Decimal;

use crate::chart::render::{self, Options, Theme};
use crate::chart::{ChartKind, Scene};
use crate::io::portfolio::FeatureProblem;
use crate::model::{Date, Feature, Portfolio, Scenario, Severity};
use crate::report::portfolio::pack::{feature_answer, portfolio_pack_html};
use crate::report::portfolio::{
    budget_scene, native, plane_scene, portfolio_csv, portfolio_json, portfolio_markdown,
    portfolio_text, rollup,
};

/// Scenario text: what loads and validates without errors is written in every format, and
/// every output passes the checks above.
pub fn writers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scenario) = crate::io::parse(text) else {
        return;
    };
    let problems = crate::econ::validate(&scenario);
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return;
    }
    check_outputs(&scenario);
}

/// Writes `scenario` in every CSV, Markdown, HTML and SVG output and checks each, and the
/// portfolio's outputs of it.
pub fn check_outputs(scenario: &Scenario) {
    let today = Date::new(2026, 11, 30).expect("a real date");
    let links = source_urls(scenario);
    let report = crate::report::Report::new(scenario, scenario.volume.current);

    check_csv("report", &crate::report::report_csv(&report));
    let sweep = crate::report::SweepReport {
        scenario,
        sweep: crate::econ::sweep::sweep(scenario, 12),
    };
    check_csv("sweep", &crate::report::sweep_csv(&sweep));
    if let Ok(s) = crate::econ::whatif::sensitivity(scenario, 0, rust_decimal::Decimal::TEN) {
        check_csv(
            "what-if",
            &crate::report::whatif::sensitivity_csv(scenario, &s),
        );
    }
    if !scenario.ranges.is_empty()
        && let Ok(table) = crate::econ::simulate::samples::simulate_samples(scenario, 8, 1)
    {
        check_csv("samples", &crate::report::simulate::samples_csv(&table));
    }
    let timeline = scenario
        .timeline
        .as_ref()
        .zip(crate::econ::timeline::timeline(scenario).and_then(Result::ok));
    if let Some((t, figures)) = &timeline {
        check_csv(
            "timeline",
            &crate::report::timeline::timeline_csv(scenario, figures),
        );
        check_markdown(
            "timeline",
            &crate::report::timeline::timeline_markdown(scenario, t, figures),
            &links,
        );
    }

    check_markdown(
        "report",
        &crate::report::report_markdown(&report, today),
        &links,
    );
    check_markdown("table", &crate::report::table_markdown(&report), &links);
    check_text("report text", &crate::report::report_text(&report, today));

    check_comparison(scenario, today, &links);
    check_portfolio_outputs(scenario);

    let data = crate::chart::data::ChartData::new(scenario);
    let hidden = HashSet::<String>::new();
    let small = Options {
        width: 600,
        height: 400,
        scale: 1,
        theme: Theme::Dark,
    };
    for kind in [
        ChartKind::Roi,
        ChartKind::CostPerInference,
        ChartKind::Money,
        ChartKind::EnergyPerInference,
        ChartKind::CarbonPerInference,
    ] {
        let scene = Scene::new(scenario, &data, &hidden, kind);
        if let Ok(svg) = render::svg(&scene, &small) {
            check_svg(&svg);
        }
    }
    if let Some((_, figures)) = &timeline {
        let scene = crate::chart::timeline::timeline_scene(
            scenario,
            figures,
            crate::chart::timeline::TimelineView::Cash,
            &hidden,
            None,
        );
        if let Ok(svg) = render::svg(&scene, &small) {
            check_svg(&svg);
        }
    }
}

/// The portfolio's outputs: `scenario` rolled up as a portfolio of itself whose title, files,
/// teams and design come from its own (arbitrary) names, in three features (with its first design and a team named
/// after a use case; with no design and no team; with a design it does not have, a problem) and
/// checks every portfolio output. The page may hold no link at all.
fn check_portfolio_outputs(scenario: &Scenario) {
    let use_case = |i: usize| scenario.use_cases.get(i).map(|u| u.name.clone());
    let first_design = scenario.designs.first().map(|d| d.name.clone());
    let features = vec![
        Feature {
            file: format!("{}.ron", scenario.title),
            team: use_case(0).or_else(|| Some(scenario.notes.clone())),
            design: first_design.clone(),
        },
        Feature {
            file: use_case(1).unwrap_or_else(|| scenario.currency.clone()),
            team: None,
            design: None,
        },
        Feature {
            file: scenario.notes.clone(),
            team: first_design.clone(),
            design: Some(format!("{} (not one)", first_design.unwrap_or_default())),
        },
    ];
    let portfolio = Portfolio {
        format: crate::model::FORMAT,
        title: scenario.title.clone(),
        currency: scenario.currency.clone(),
        budget_monthly: Some(Decimal::ONE),
        features,
        rates: Vec::new(),
    };
    let natives = portfolio
        .features
        .iter()
        .map(|f| {
            let known = f
                .design
                .as_ref()
                .is_none_or(|name| scenario.designs.iter().any(|d| &d.name == name));
            if !known {
                return Err(FeatureProblem {
                    file: f.file.clone(),
                    message: format!("the portfolio runs the design {:?}", f.design),
                });
            }
            native(f, scenario).map_err(|message| FeatureProblem {
                file: f.file.clone(),
                message,
            })
        })
        .collect();
    let Ok(r) = rollup(&portfolio, natives) else {
        return;
    };
    check_text("portfolio text", &portfolio_text(&r));
    check_csv("portfolio", &portfolio_csv(&r));
    check_markdown("portfolio", &portfolio_markdown(&r), &BTreeSet::new());
    let json: serde_json::Value =
        serde_json::from_str(&portfolio_json(&r)).expect("the portfolio's JSON parses");
    assert_eq!(json["title"].as_str(), Some(r.title.as_str()), "JSON title");
    let answers: Vec<(String, String)> = r
        .features
        .iter()
        .map(|f| (f.file.clone(), feature_answer(scenario)))
        .collect();
    let today = Date::new(2026, 11, 30).expect("a real date");
    check_html(
        &portfolio_pack_html(&r, &answers, Theme::Dark, today),
        &BTreeSet::new(),
    );
    let small = Options {
        width: 600,
        height: 400,
        scale: 1,
        theme: Theme::Light,
    };
    if let Ok(svg) = render::frontier_svg(&plane_scene(&r), &small) {
        check_svg(&svg);
    }
    if let Some(scene) = budget_scene(&r)
        && let Ok(svg) = render::svg(&scene, &small)
    {
        check_svg(&svg);
    }
}

/// The comparison with an earlier version (half the first design's success rate, the designs
/// in reverse order) as the diff report and the review pack write it.
fn check_comparison(scenario: &Scenario, today: Date, links: &BTreeSet<String>) {
    let mut earlier = scenario.clone();
    if let Some(design) = earlier.designs.first_mut() {
        design.success_rate /= rust_decimal::Decimal::TWO;
    }
    earlier.designs.reverse();
    let compared = crate::econ::diff::diff(&earlier, scenario, scenario.volume.current);
    let diff = crate::report::diff::DiffReport {
        labels: ("old <b>|x", "new [y](https://evil.example)"),
        old: &earlier,
        new: scenario,
        diff: &compared,
    };
    check_markdown("diff", &crate::report::diff::diff_markdown(&diff), links);
    let options = crate::report::pack::PackOptions {
        volume: scenario.volume.current,
        theme: Theme::Light,
        today,
    };
    check_html(
        &crate::report::pack::pack_html(
            scenario,
            &options,
            Some(crate::report::pack::Earlier {
                label: "earlier <i>",
                scenario: &earlier,
            }),
        ),
        links,
    );
}

/// The sources' own addresses written as links (the only links an output may hold).
fn source_urls(scenario: &Scenario) -> BTreeSet<String> {
    let carbon = scenario.carbon.iter().flat_map(|c| &c.sources);
    scenario
        .designs
        .iter()
        .flat_map(|d| &d.sources)
        .chain(carbon)
        .map(|s| s.url.clone())
        .filter(|url| crate::report::assumptions::is_link(url))
        .collect()
}

/// Parses CSV (RFC 4180: quoted fields, doubled quotes) into rows of cells.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                c => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            ',' => {
                row.push(std::mem::take(&mut cell));
                at_start = true;
            }
            '\n' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_start = true;
            }
            c => {
                assert!(c != '"', "a quote inside an unquoted CSV field");
                cell.push(c);
                at_start = false;
            }
        }
    }
    assert!(!quoted, "a CSV field's quotes are not closed");
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// A CSV output: rows as long as its header, and no cell a spreadsheet would evaluate.
pub fn check_csv(what: &str, text: &str) {
    let rows = parse_csv(text);
    let Some(header) = rows.first() else {
        panic!("{what} CSV has no header");
    };
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(
            row.len(),
            header.len(),
            "{what} CSV row {i} has {} cells, the header {}",
            row.len(),
            header.len()
        );
        for cell in row {
            // A negative figure (`-2.5`, `-1e-7`) is a number to a spreadsheet, not a formula.
            let negative = cell.strip_prefix('-').is_some_and(|rest| {
                rest.starts_with(|c: char| c.is_ascii_digit() || c == '.')
                    && rest.parse::<f64>().is_ok()
            });
            assert!(
                negative || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what} CSV row {i}: a spreadsheet evaluates {cell:?}"
            );
        }
    }
}

/// Text for a terminal: no control character but the line feed (no escape sequences).
pub fn check_text(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\n') {
        panic!("{what} holds the control character U+{:04X}", u32::from(c));
    }
}

/// A Markdown output: no control character but the line feed; outside our code spans, every
/// `<` escaped or opening an autolink to a source's address, and every `[` escaped.
pub fn check_markdown(what: &str, markdown: &str, links: &BTreeSet<String>) {
    check_text(what, markdown);
    let mut rest = markdown;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '\\' => {
                // An escape: the next character is text.
                rest = after
                    .chars()
                    .next()
                    .map_or(after, |n| &after[n.len_utf8()..]);
            }
            '`' => {
                let end = after
                    .find(['`', '\n'])
                    .unwrap_or_else(|| panic!("{what}: a code span is not closed: {rest:.80}"));
                assert!(
                    after[end..].starts_with('`'),
                    "{what}: a code span runs past its line: {rest:.80}"
                );
                rest = &after[end + 1..];
            }
            '<' => {
                let end = after.find('>').unwrap_or(after.len());
                let url = &after[..end];
                assert!(
                    links.contains(url),
                    "{what}: raw HTML or a link that is not a source's: <{url:.80}"
                );
                rest = &after[end..];
            }
            '[' => panic!("{what}: Markdown link syntax: {rest:.80}"),
            _ => rest = after,
        }
    }
}

/// The attributes of one HTML or SVG tag, by name, lower-cased.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_start_matches(|c: char| !c.is_whitespace());
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(q) = after.chars().next().filter(|q| *q == '"' || *q == '\'') {
                let body = &after[1..];
                let end = body.find(q).expect("an attribute's quotes are closed");
                body[..end].clone_into(&mut value);
                rest = &body[end + 1..];
            } else {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                after[..end].clone_into(&mut value);
                rest = &after[end..];
            }
        }
        out.push((name, value));
    }
}

/// The end of the tag that `text` (after its `<`) opens: the `>` outside quoted values.
fn tag_end(text: &str) -> usize {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i,
            _ => {}
        }
    }
    panic!("a tag is not closed: <{text:.80}");
}

/// The review pack: every `<` opens a tag, comment or doctype; no script, no event attribute;
/// the only links are `<a href>`s to the sources' own addresses.
pub fn check_html(html: &str, links: &BTreeSet<String>) {
    check_text("pack", html);
    let allowed: BTreeSet<String> = links
        .iter()
        .map(|u| crate::report::html::escape(u))
        .collect();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            let end = comment.find("-->").expect("a comment is closed");
            rest = &comment[end + 3..];
            continue;
        }
        let end = tag_end(after);
        let tag = &after[..end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '!' | '-' | ':'))
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(
            name.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '!'),
            "pack: a `<` that opens no tag: <{tag:.80}"
        );
        assert!(
            !matches!(
                name.as_str(),
                "script"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "img"
                    | "foreignobject"
                    | "base"
                    | "form"
            ),
            "pack: a <{name}> element"
        );
        for (attribute, value) in attributes(tag) {
            assert!(
                !attribute.starts_with("on"),
                "pack: an event attribute {attribute}={value:.80} in <{name}>"
            );
            if matches!(attribute.as_str(), "href" | "xlink:href" | "src" | "action") {
                assert!(
                    name == "a" && attribute == "href" && allowed.contains(&value),
                    "pack: a link that is not a source's: <{name} {attribute}={value:.80}>"
                );
            }
        }
        rest = &after[end + 1..];
        if name == "style" && !tag.starts_with('/') {
            let close = rest.find("</style>").expect("the style element is closed");
            rest = &rest[close..];
        }
    }
}

/// A chart: parses back as XML, with no script, event attribute or link.
pub fn check_svg(svg: &str) {
    let document = resvg::usvg::roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("the SVG does not parse back: {e}"));
    for node in document
        .descendants()
        .filter(resvg::usvg::roxmltree::Node::is_element)
    {
        let name = node.tag_name().name().to_ascii_lowercase();
        assert!(
            !matches!(name.as_str(), "script" | "foreignobject" | "a" | "image"),
            "the SVG holds a <{name}> element"
        );
        for attribute in node.attributes() {
            let key = attribute.name().to_ascii_lowercase();
            assert!(
                !key.starts_with("on") && key != "href",
                "the SVG holds an attribute {key} in <{name}>"
            );
        }
    }
}
