//! A portfolio's charts (`report::portfolio::charts`): the cost–value plane of its features and
//! the monthly total against the budget, worked by hand on the fixtures of
//! `tests/fixtures/portfolio/`, exported as SVG and PNG, and harmless whatever the names hold.

// Exact comparisons on purpose: the clamped radii and the month positions are exact.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::float_cmp)]

use std::path::{Path, PathBuf};

use inference_roi::chart::frontier::POINT_RADIUS;
use inference_roi::chart::palette;
use inference_roi::chart::render::{self, Format, Options};
use inference_roi::fuzz::outputs::check_svg;
use inference_roi::report::portfolio::charts::{RADIUS_RANGE, radius_of};
use inference_roi::report::portfolio::{Rollup, budget_scene, open, plane_scene};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/portfolio")
        .join(name)
}

fn rollup(name: &str) -> Rollup {
    open(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn one_point_per_feature_at_its_cost_and_value() {
    // Worst first: beta $200 / $100, alpha $100 / $500, gamma €100 / €2,000 at 1.1 = $110 / $2,200.
    let r = rollup("main.ron");
    let scene = plane_scene(&r);
    let files: Vec<&str> = r.features.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(files, ["beta.ron", "alpha.ron", "gamma.ron"]);
    let expected = [(200.0, 100.0), (100.0, 500.0), (110.0, 2200.0)];
    assert_eq!(scene.points.len(), 3);
    for (i, (point, (cost, value))) in scene.points.iter().zip(expected).enumerate() {
        assert_eq!(point.design, i, "the index into rollup.features");
        assert!(close(point.at[0], f64::log10(cost)), "{point:?}");
        assert!(close(point.at[1], f64::log10(value)), "{point:?}");
        assert!(point.on_frontier && point.dominated_by.is_none());
        assert!(point.hover.contains(&r.features[i].file), "{}", point.hover);
    }
    assert_eq!(scene.points[1].name, "Alpha answers");
    let hover = &scene.points[2].hover;
    for part in [
        "Gamma search",
        "file gamma.ron",
        "team Search",
        "monthly cost $110.00",
        "monthly value $2,200.00",
        "net value $2,090.00 / month",
        "ROI 20.0× (Excellent)",
        "1,000 requests/month",
    ] {
        assert!(hover.contains(part), "{part:?} in {hover}");
    }
    // No frontier and no steps; the bands and the 1×, 3× and 10× lines as on a scenario's plane.
    assert!(scene.frontier.is_empty() && scene.steps.is_empty());
    assert_eq!(scene.guides.len(), 3);
    assert!(!scene.bands.is_empty());
    assert!(scene.left_out.is_empty());
    // Every point inside the box.
    for p in &scene.points {
        assert!(p.at[0] > scene.x_bounds.0 && p.at[0] < scene.x_bounds.1);
        assert!(p.at[1] > scene.y_bounds.0 && p.at[1] < scene.y_bounds.1);
    }
}

#[test]
fn features_take_their_teams_colour() {
    // Teams by name: Search (0, blue), Support (1, orange); alpha and beta are Support's.
    let r = rollup("main.ron");
    let scene = plane_scene(&r);
    let colors: Vec<_> = scene.points.iter().map(|p| p.color).collect();
    let (search, support) = (palette::team_color(0), palette::team_color(1));
    assert_eq!(colors, [support, support, search]);
    assert_ne!(search, support);
    let legend: Vec<(&str, _)> = scene
        .legend
        .iter()
        .map(|e| (e.label.as_str(), e.color))
        .collect();
    assert_eq!(legend, [("Search", search), ("Support", support)]);
    // No team: one neutral grey, which no team takes.
    let scene = plane_scene(&rollup("over-time.ron"));
    assert!(scene.points.iter().all(|p| p.color == palette::NO_TEAM));
    assert_eq!(scene.legend.last().unwrap().label, "no team");
    assert!((0..20).all(|k| palette::team_color(k) != palette::NO_TEAM));
}

#[test]
fn a_points_area_follows_its_requests() {
    // main.ron: alpha and gamma 1,000 requests (the most: 14 points), beta 100:
    // 14 × √(100 / 1,000) = 14 × 0.316228 = 4.4272 points.
    let r = rollup("main.ron");
    let radii: Vec<f32> = plane_scene(&r).points.iter().map(|p| p.radius).collect();
    assert!((radii[0] - 4.427_19).abs() < 1e-4, "{radii:?}");
    assert_eq!(radii[1..], [14.0, 14.0]);
    // Areas: 4.4272² / 14² = 19.6 / 196 = 0.1, the ratio of the requests.
    assert!(((radii[0] / radii[1]).powi(2) - 0.1).abs() < 1e-5);
    // 1 request against 1,000: 14 × √0.001 = 0.44, held at the smallest, 4.
    assert_eq!(radius_of(1, 1000), RADIUS_RANGE.0);
    assert_eq!(radius_of(0, 0), RADIUS_RANGE.0);
    assert_eq!(radius_of(u64::MAX, u64::MAX), RADIUS_RANGE.1);
    // A scenario's plane keeps its designs' one size.
    let scenario = inference_roi::io::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/support-assistant.ron"),
    )
    .unwrap();
    let analysis = inference_roi::econ::analyse(&scenario, scenario.volume.current);
    let scene = inference_roi::chart::frontier::FrontierScene::new(
        &scenario,
        &analysis,
        &std::collections::HashSet::<String>::new(),
    );
    assert!(scene.points.iter().all(|p| p.radius == POINT_RADIUS));
    assert!(scene.legend.is_empty() && !scene.point_labels);
}

#[test]
fn a_feature_with_no_cost_or_no_value_is_left_out_with_the_reason() {
    let mut r = rollup("main.ron");
    r.features[0].figures.monthly_value = rust_decimal::Decimal::ZERO;
    r.features[2].figures.monthly_cost = rust_decimal::Decimal::ZERO;
    let scene = plane_scene(&r);
    let shown: Vec<usize> = scene.points.iter().map(|p| p.design).collect();
    assert_eq!(shown, [1]);
    assert_eq!(
        scene.left_out,
        [
            "Beta reports: is worth nothing a month, which a log scale cannot show",
            "Gamma search: costs nothing a month, which a log scale cannot show",
        ]
    );
}

#[test]
fn the_monthly_total_against_the_budget() {
    // over-time.ron: 2027-01..04 cost 210, 310, 410, 250 and value 1,600, 2,600, 3,600, 2,000;
    // budget $400, first passed in 2027-03 (x = 2, at $410).
    let r = rollup("over-time.ron");
    let scene = budget_scene(&r).expect("four months");
    let names: Vec<&str> = scene.curves.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Total monthly cost", "Total monthly value"]);
    assert_eq!(
        scene.curves[0].runs,
        [vec![[0.0, 210.0], [1.0, 310.0], [2.0, 410.0], [3.0, 250.0]]]
    );
    assert_eq!(
        scene.curves[1].runs,
        [vec![
            [0.0, 1600.0],
            [1.0, 2600.0],
            [2.0, 3600.0],
            [3.0, 2000.0]
        ]]
    );
    assert_eq!(scene.guides, [400.0]);
    assert_eq!(scene.break_evens.len(), 1);
    assert_eq!(scene.break_evens[0].at, [2.0, 410.0]);
    assert_eq!(scene.break_evens[0].label, "over budget from 2027-03");
    assert_eq!(scene.current, (2.0, "over budget from 2027-03".to_owned()));
    let labels: Vec<&str> = scene
        .x_ticks
        .iter()
        .filter_map(|t| t.label.as_deref())
        .collect();
    assert_eq!(labels, ["2027-01", "2027-02", "2027-03", "2027-04"]);
    // Linear money from 0 up past the highest value.
    assert!(scene.y_bounds.0 < 0.0 && scene.y_bounds.1 > 3600.0);
    assert!(scene.y_label.contains("dashed: the budget"));
}

#[test]
fn no_months_no_chart_and_one_month_is_a_point_against_the_budget() {
    assert_eq!(budget_scene(&rollup("main.ron")), None);
    let mut r = rollup("over-time.ron");
    r.months.truncate(1);
    r.over_budget_from = None;
    let scene = budget_scene(&r).expect("one month");
    assert_eq!(scene.curves[0].runs, [vec![[0.0, 210.0]]]);
    assert_eq!(scene.guides, [400.0]);
    assert!(scene.break_evens.is_empty());
    assert!(scene.x_bounds.0 < 0.0 && scene.x_bounds.1 > 0.0);
    // Without a budget: no line.
    r.budget_monthly = None;
    assert!(budget_scene(&r).unwrap().guides.is_empty());
}

#[test]
fn both_charts_export_as_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let options = Options::default();
    let plane = plane_scene(&rollup("main.ron"));
    let path = dir.path().join("plane.svg");
    assert_eq!(
        render::export_frontier(&plane, &options, &path),
        Ok(Format::Svg)
    );
    let svg = std::fs::read_to_string(&path).unwrap();
    check_svg(&svg);
    // The legend names the teams, each point its feature; a 14-point marker is drawn at 14 points.
    assert!(plane.point_labels);
    assert!(svg.contains("\nGamma search\n") && svg.contains("\nBeta reports\n"));
    assert!(
        svg.contains("\nSearch\n") && svg.contains("\nSupport\n"),
        "team legend"
    );
    assert!(svg.contains("r=\"14\""), "the largest marker");
    let path = dir.path().join("plane.png");
    assert_eq!(
        render::export_frontier(&plane, &options, &path),
        Ok(Format::Png)
    );
    assert!(std::fs::read(&path).unwrap().starts_with(b"\x89PNG"));
    let budget = budget_scene(&rollup("over-time.ron")).unwrap();
    let path = dir.path().join("budget.svg");
    assert_eq!(render::export(&budget, &options, &path), Ok(Format::Svg));
    let svg = std::fs::read_to_string(&path).unwrap();
    check_svg(&svg);
    assert!(svg.contains("over budget from 2027-03"));
    let path = dir.path().join("budget.png");
    assert_eq!(render::export(&budget, &options, &path), Ok(Format::Png));
    assert!(std::fs::read(&path).unwrap().starts_with(b"\x89PNG"));
}

/// Every name a file gives, hostile: a formula, HTML, a link and control characters.
const HOSTILE: &str =
    "=HYPERLINK(\"https://x\",\"y\") <img src=x onerror=alert(1)> [a](https://x)\u{1b}[2J\u{7}";

#[test]
fn hostile_names_are_inert_in_the_svg() {
    let mut r = rollup("main.ron");
    HOSTILE.clone_into(&mut r.title);
    for f in &mut r.features {
        f.title = format!("{HOSTILE} feature");
        f.team = Some(format!("{HOSTILE} team"));
        f.design = HOSTILE.to_owned();
    }
    for t in &mut r.teams {
        t.team = format!("{HOSTILE} team");
    }
    let mut timed = rollup("over-time.ron");
    HOSTILE.clone_into(&mut timed.title);
    let options = Options::default();
    let plane = render::frontier_svg(&plane_scene(&r), &options).unwrap();
    let budget = render::svg(&budget_scene(&timed).unwrap(), &options).unwrap();
    for svg in [&plane, &budget] {
        check_svg(svg);
        assert!(!svg.contains("<img"), "raw HTML in the SVG");
        assert!(svg.contains("&lt;img"), "the name is written, escaped");
        assert!(!svg.contains('\u{1b}') && !svg.contains('\u{7}'));
    }
}
