//! The cost–value plane (`chart::frontier`): one point per design at the volume, hollow where
//! dominated, the frontier's steps labelled with their incremental ROI, the bands as diagonal
//! stripes; its SVG and PNG from `inference-roi chart --kind frontier`, names escaped.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;

use assert_cmd::Command;
use inference_roi::chart::frontier::{FrontierScene, step_label};
use inference_roi::chart::palette;
use inference_roi::chart::render::{self, Options, Theme};
use inference_roi::econ::choice::dominates;
use inference_roi::econ::{Band, analyse};
use inference_roi::io;
use inference_roi::model::Scenario;

fn routing() -> Scenario {
    io::load(std::path::Path::new("scenarios/support-routing.ron")).unwrap()
}

fn plane(scenario: &Scenario) -> FrontierScene {
    let analysis = analyse(scenario, scenario.volume.current);
    FrontierScene::new(scenario, &analysis, &HashSet::<String>::new())
}

/// The `<circle …>` elements of an SVG of radius `r` whose fill (or, hollow, stroke) is `hex`.
fn circles(svg: &str, r: u32, hex: &str, hollow: bool) -> usize {
    svg.split("<circle")
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap()])
        .filter(|c| c.contains(&format!(" r=\"{r}\"")))
        .filter(|c| {
            if hollow {
                c.contains("fill=\"none\"") && c.contains(&format!("stroke=\"{hex}\""))
            } else {
                c.contains(&format!("fill=\"{hex}\""))
            }
        })
        .count()
}

fn hex(i: usize) -> String {
    let c = palette::design_color(i);
    format!("#{:02X}{:02X}{:02X}", c.r, c.g, c.b)
}

#[test]
fn the_plane_of_support_routing_at_400k() {
    let scenario = routing();
    assert_eq!(scenario.volume.current, 400_000);
    let scene = plane(&scenario);
    let names: Vec<&str> = scene.points.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "GPT-4o API",
            "Fine-tuned 8B on A10G",
            "GPT-4o mini API",
            "Routed by use case"
        ]
    );
    let fine_tuned = &scene.points[1];
    assert!(!fine_tuned.on_frontier);
    // GPT-4o mini API and Routed by use case both cost less and are worth more; the engine
    // names the dominating design that nets the most.
    let analysis = analyse(&scenario, 400_000);
    let metrics = analysis.metrics();
    assert!(dominates(metrics[2].unwrap(), metrics[1].unwrap()));
    assert!(dominates(metrics[3].unwrap(), metrics[1].unwrap()));
    assert_eq!(analysis.choice().dominated_by(1), Some(3));
    assert_eq!(
        fine_tuned.dominated_by.as_deref(),
        Some("Routed by use case")
    );
    assert!(fine_tuned.hover.contains("dominated by Routed by use case"));
    assert!(fine_tuned.hover.contains("monthly cost $3,043.13"));
    assert!(
        scene
            .points
            .iter()
            .filter(|p| p.design != 1)
            .all(|p| p.on_frontier)
    );
    // Mini → Routed → GPT-4o, each step labelled with its incremental ROI.
    assert_eq!(scene.frontier.len(), 3);
    let steps: Vec<(usize, usize, &str)> = scene
        .steps
        .iter()
        .map(|s| (s.from, s.to, s.text.as_str()))
        .collect();
    // Δvalue 439.50 / Δcost 1,107.13 = 0.397.
    assert_eq!(steps, [(2, 3, "6.10×"), (3, 0, "0.40×")]);
    assert_eq!(scene.steps[1].band, Some(Band::Unsustainable));
    // Each point's band is the stripe it sits in: value = k × cost is y = x + log10 k.
    for point in &scene.points {
        let roi = point.at[1] - point.at[0];
        let lo = point
            .band
            .threshold_f64()
            .map_or(f64::NEG_INFINITY, f64::log10);
        assert!(roi >= lo - 1e-9, "{}", point.name);
        let (x, y) = (scene.x_bounds, scene.y_bounds);
        assert!(x.0 < point.at[0] && point.at[0] < x.1 && y.0 < point.at[1] && point.at[1] < y.1);
    }
    assert!(scene.left_out.is_empty());
}

#[test]
fn the_stripes_tile_the_box_and_stay_inside_it() {
    let scene = plane(&routing());
    let (x, y) = (scene.x_bounds, scene.y_bounds);
    let area = |p: &[[f64; 2]]| {
        (0..p.len())
            .map(|k| {
                let (a, b) = (p[k], p[(k + 1) % p.len()]);
                a[0] * b[1] - b[0] * a[1]
            })
            .sum::<f64>()
            .abs()
            / 2.0
    };
    let total: f64 = scene.bands.iter().map(|b| area(&b.polygon)).sum();
    let whole = (x.1 - x.0) * (y.1 - y.0);
    assert!((total - whole).abs() < whole * 1e-9, "{total} vs {whole}");
    for stripe in &scene.bands {
        for p in &stripe.polygon {
            assert!(p[0] >= x.0 - 1e-9 && p[0] <= x.1 + 1e-9);
            assert!(p[1] >= y.0 - 1e-9 && p[1] <= y.1 + 1e-9);
        }
    }
    // The 10× and 3× lines cross this box; each ends on its edges.
    assert!(
        scene
            .guides
            .iter()
            .any(|g| (g.multiple - 10.0).abs() < 1e-9)
    );
    assert!(scene.guides.iter().any(|g| (g.multiple - 3.0).abs() < 1e-9));
}

#[test]
fn step_labels_read_as_multiples() {
    use rust_decimal::Decimal;
    assert_eq!(step_label(None), "—");
    assert_eq!(step_label(Some(Decimal::new(397, 3))), "0.40×");
    assert_eq!(step_label(Some(Decimal::new(61_038, 4))), "6.10×");
    assert_eq!(step_label(Some(Decimal::new(12_345, 3))), "12.3×");
}

#[test]
fn cli_draws_the_plane_one_point_per_design_hollow_where_dominated() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("frontier.svg");
    let png = dir.path().join("frontier.png");
    for out in [&svg, &png] {
        Command::cargo_bin("inference-roi")
            .unwrap()
            .args([
                "chart",
                "scenarios/support-routing.ron",
                "--kind",
                "frontier",
            ])
            .arg("--out")
            .arg(out)
            .assert()
            .success();
    }
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let text = std::fs::read_to_string(&svg).unwrap();
    // The points are drawn at radius 7; the legend's swatches are smaller.
    for design in [0, 2, 3] {
        assert_eq!(circles(&text, 7, &hex(design), false), 1, "design {design}");
        assert_eq!(circles(&text, 7, &hex(design), true), 0, "design {design}");
    }
    assert_eq!(
        circles(&text, 7, &hex(1), true),
        1,
        "the fine-tune is hollow"
    );
    assert_eq!(circles(&text, 7, &hex(1), false), 0);
    assert!(text.contains(">0.40×<") || text.contains("0.40×\n"));
    assert!(text.contains("6.10×"));
    for band in ["Excellent", "Good", "Marginal"] {
        assert!(text.contains(band), "{band}");
    }
    // At another volume the figures move: 40k requests a month.
    Command::cargo_bin("inference-roi")
        .unwrap()
        .args([
            "chart",
            "scenarios/support-routing.ron",
            "--kind",
            "frontier",
        ])
        .args(["--volume", "40000", "--out"])
        .arg(&svg)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .contains("at 40,000 requests/month")
    );
}

#[test]
fn hostile_names_are_escaped_in_the_svg() {
    let mut scenario = io::load(std::path::Path::new("scenarios/support-assistant.ron")).unwrap();
    let hostile = [
        "<img onerror=x>",
        "=HYPERLINK(\"https://evil.example\",\"x\")",
    ];
    for (design, name) in scenario.designs.iter_mut().zip(hostile) {
        name.clone_into(&mut design.name);
    }
    let scene = plane(&scenario);
    assert_eq!(scene.points[0].name, hostile[0]);
    for theme in [Theme::Light, Theme::Dark] {
        let options = Options {
            theme,
            ..Options::default()
        };
        let svg = render::frontier_svg(&scene, &options).unwrap();
        assert!(!svg.contains("<img"), "unescaped markup");
        assert!(svg.contains("&lt;img onerror=x&gt;"));
        assert!(svg.contains("=HYPERLINK(&quot;https://evil.example&quot;"));
        let png = render::frontier_png(&scene, &options).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
    }
}
