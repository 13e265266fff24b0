//! Chart export: the scene the GUI and the exporter share, and `inference-roi chart` writing SVG
//! and PNG with no display.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;
use std::path::Path;

use assert_cmd::Command;
use common::png_size;
use inference_roi::chart::data::ChartData;
use inference_roi::chart::render::{self, Options, Theme};
use inference_roi::chart::{ChartKind, Scene, palette};
use inference_roi::econ::Band;
use inference_roi::io::{self, examples::EXAMPLES};
use predicates::prelude::*;

/// The CLI with no display of any kind, as on a build server.
fn headless_cli() -> Command {
    let mut command = Command::cargo_bin("inference-roi").unwrap();
    command
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("XDG_RUNTIME_DIR");
    command
}

/// The decoded RGBA pixels of a PNG.
fn png_pixels(bytes: &[u8]) -> Vec<[u8; 4]> {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgba);
    buffer[..info.buffer_size()]
        .chunks_exact(4)
        .map(|p| [p[0], p[1], p[2], p[3]])
        .collect()
}

/// The content of every `<text>` element of an SVG.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|rest| {
            let body = &rest[rest.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim().to_owned())
        })
        .collect()
}

/// Text as the SVG writes it.
fn xml_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn scene_of(file_text: &str, kind: ChartKind, hidden: &[&str]) -> (Scene, usize) {
    let scenario = io::parse(file_text).unwrap();
    let data = ChartData::new(&scenario);
    let hidden: HashSet<String> = hidden.iter().map(|s| (*s).to_owned()).collect();
    (
        Scene::new(&scenario, &data, &hidden, kind),
        scenario.designs.len(),
    )
}

#[test]
fn cli_renders_svg_and_png_of_every_bundled_scenario_without_a_display() {
    let dir = tempfile::tempdir().unwrap();
    for example in EXAMPLES {
        let scenario = io::parse(example.text).unwrap();
        let file = format!("scenarios/{}", example.file_name);
        let svg_path = dir.path().join("chart.svg");
        let png_path = dir.path().join("chart.png");
        for out in [&svg_path, &png_path] {
            headless_cli()
                .args(["chart", &file, "--out"])
                .arg(out)
                .args(["--width", "900", "--height", "560"])
                .assert()
                .success()
                .stdout("");
        }

        let svg = std::fs::read_to_string(&svg_path).unwrap();
        assert!(svg.starts_with("<svg"), "{}", example.file_name);
        assert!(svg.contains(r#"width="900""#) && svg.contains(r#"height="560""#));
        assert!(svg.trim_end().ends_with("</svg>"));
        for design in &scenario.designs {
            assert!(
                svg.contains(&xml_escaped(&design.name)),
                "{}: the SVG lacks the design {:?}",
                example.file_name,
                design.name
            );
        }
        let texts = svg_texts(&svg);
        for band in Band::ALL {
            assert!(
                texts.iter().any(|t| t == band.label()),
                "{}: the SVG lacks the band label {band}",
                example.file_name
            );
        }
        assert!(svg.contains(&xml_escaped(&scenario.title)));
        assert!(svg.contains("Monthly requests (log scale)"));

        let png = std::fs::read(&png_path).unwrap();
        assert_eq!(png_size(&png), (900, 560), "{}", example.file_name);
        // Every design's line is drawn in its colour.
        let pixels = png_pixels(&png);
        for i in 0..scenario.designs.len() {
            let inference_roi::chart::Color { r, g, b, .. } = palette::design_color(i);
            assert!(
                pixels.iter().any(|p| p[..3] == [r, g, b]),
                "{}: no pixel of design {i}'s colour",
                example.file_name
            );
        }
    }
}

#[test]
fn cli_chart_sizes_kinds_and_themes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.png");
    headless_cli()
        .args(["chart", "scenarios/support-assistant.ron", "--out"])
        .arg(&out)
        .args(["--width", "640", "--height", "400", "--scale", "2"])
        .args(["--theme", "dark", "--kind", "money"])
        .assert()
        .success();
    let png = std::fs::read(&out).unwrap();
    assert_eq!(png_size(&png), (1280, 800));
    // Dark theme: the corner is the dark background.
    assert_eq!(png_pixels(&png)[0], [27, 27, 27, 255]);

    let svg_out = dir.path().join("Cost.SVG");
    headless_cli()
        .args(["chart", "scenarios/document-classification.ron", "--out"])
        .arg(&svg_out)
        .args(["--kind", "cost", "--volume", "2000000"])
        .assert()
        .success();
    let svg = std::fs::read_to_string(&svg_out).unwrap();
    assert!(svg.contains("Cost per inference (USD), log scale"));
    assert!(svg.contains("now: 2M/mo"));
    assert!(svg.contains(r#"width="1200""#));
}

#[test]
fn cli_chart_errors_name_the_problem_and_leave_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.svg");
    std::fs::write(&out, "keep me").unwrap();

    headless_cli()
        .args(["chart", "scenarios/support-assistant.ron", "--out"])
        .arg(dir.path().join("chart.jpg"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must end in .svg or .png"));
    headless_cli()
        .args(["chart", "scenarios/support-assistant.ron", "--out"])
        .arg(&out)
        .args(["--width", "10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("chart size 10×700"));
    headless_cli()
        .args(["chart", "scenarios/support-assistant.ron", "--out"])
        .arg(&out)
        .args(["--scale", "9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("scale 1–4"));
    headless_cli()
        .args(["chart", "scenarios/support-assistant.ron", "--out"])
        .arg(&out)
        .args(["--volume", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--volume must be at least 1"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");

    let invalid = dir.path().join("invalid.ron");
    std::fs::write(
        &invalid,
        io::examples::EXAMPLES[0]
            .text
            .replacen("hours_per_month: 730", "hours_per_month: -1", 1),
    )
    .unwrap();
    let png = dir.path().join("never.png");
    headless_cli()
        .args(["chart"])
        .arg(&invalid)
        .arg("--out")
        .arg(&png)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("hours_per_month"));
    assert!(!png.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary files are left behind"
    );
}

#[test]
fn scene_holds_what_the_chart_shows() {
    let example = io::examples::find("support-assistant").unwrap();
    let scenario = io::parse(example.text).unwrap();
    let analysis = inference_roi::econ::analyse(&scenario, scenario.volume.current);
    let (scene, designs) = scene_of(example.text, ChartKind::Roi, &[]);
    assert_eq!(scene.curves.len(), designs);
    assert_eq!(scene.bands.len(), 4);
    assert_eq!(scene.guides.len(), 3);
    let crossings: usize = analysis.crossovers.iter().map(|c| c.volumes.len()).sum();
    assert_eq!(scene.crossovers.len(), crossings);
    assert!(!scene.break_evens.is_empty());
    // Every ROI tick in range is labelled as a multiple.
    assert!(
        scene
            .y_ticks
            .iter()
            .any(|t| t.label.as_deref() == Some("10×"))
    );
    assert!(
        scene
            .x_ticks
            .iter()
            .any(|t| t.label.as_deref() == Some("1M"))
    );

    // A hidden design leaves the chart, with its crossovers; the others stay.
    let hidden = &scenario.designs[0].name;
    let (without, _) = scene_of(example.text, ChartKind::Roi, &[hidden]);
    assert_eq!(without.curves.len(), designs - 1);
    assert!(without.curves.iter().all(|c| &c.name != hidden));
    assert!(without.crossovers.len() < scene.crossovers.len());
    let svg = render::svg(&without, &Options::default()).unwrap();
    assert!(!svg.contains(&xml_escaped(hidden)));

    // The money chart has a value curve beside each cost curve, and no bands.
    let (money, _) = scene_of(example.text, ChartKind::Money, &[]);
    assert_eq!(money.curves.len(), 2 * designs);
    assert!(money.bands.is_empty() && money.crossovers.is_empty());
}

#[test]
fn invalid_designs_are_listed_not_drawn() {
    let example = io::examples::find("document-classification").unwrap();
    let mut scenario = io::parse(example.text).unwrap();
    let broken = scenario.designs[1].name.clone();
    scenario.designs[1].success_rate = rust_decimal::Decimal::TWO;
    let data = ChartData::new(&scenario);
    let scene = Scene::new(&scenario, &data, &HashSet::<String>::new(), ChartKind::Roi);
    assert!(scene.curves.iter().all(|c| c.name != broken));
    assert_eq!(scene.left_out.len(), 1);
    assert!(scene.left_out[0].starts_with(&broken));
    let svg = render::svg(&scene, &Options::default()).unwrap();
    assert!(svg.contains("Not plotted"));
    assert!(svg.contains("success_rate"));
}

#[test]
fn render_refuses_sizes_outside_the_limits() {
    let example = io::examples::find("search-summaries").unwrap();
    let (scene, _) = scene_of(example.text, ChartKind::Roi, &[]);
    for (width, height, scale) in [(0, 700, 1), (1200, 9000, 1), (1200, 700, 0), (1200, 700, 5)] {
        let options = Options {
            width,
            height,
            scale,
            theme: Theme::Light,
        };
        assert!(matches!(
            render::png(&scene, &options),
            Err(render::RenderError::Size { .. })
        ));
    }
    let png = render::png(
        &scene,
        &Options {
            width: 400,
            height: 400,
            scale: 1,
            theme: Theme::Dark,
        },
    )
    .unwrap();
    assert_eq!(png_size(&png), (400, 400));
}

#[test]
fn export_picks_the_format_from_the_extension() {
    let example = io::examples::find("search-summaries").unwrap();
    let (scene, _) = scene_of(example.text, ChartKind::Roi, &[]);
    let dir = tempfile::tempdir().unwrap();
    let options = Options::default();
    let png = dir.path().join("a.PNG");
    assert_eq!(
        render::export(&scene, &options, &png),
        Ok(render::Format::Png)
    );
    assert_eq!(png_size(&std::fs::read(&png).unwrap()), (1200, 700));
    let error = render::export(&scene, &options, Path::new("chart.txt")).unwrap_err();
    assert!(error.contains(".svg or .png"), "{error}");
}

#[test]
fn cli_chart_draws_simulated_bands_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bands.svg");
    headless_cli()
        .args([
            "chart",
            "scenarios/support-assistant-uncertain.ron",
            "--out",
        ])
        .arg(&out)
        .args(["--bands", "300"])
        .assert()
        .success();
    let svg = std::fs::read_to_string(&out).unwrap();
    let texts = svg_texts(&svg);
    assert!(
        texts
            .iter()
            .any(|t| t == "simulated median (band: P10–P90)")
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("bands: P10–P90 of 300 simulated samples"))
    );
    // A translucent band per design (the markers are opaque polygons).
    assert_eq!(svg.matches(r#"<polygon opacity="0.2""#).count(), 3);
    headless_cli()
        .args(["chart", "scenarios/support-assistant.ron", "--out"])
        .arg(&out)
        .args(["--bands", "300"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no input written as Range(low, high)",
        ));
}

#[test]
fn the_energy_charts_plot_the_designs_with_data_and_name_the_others() {
    // document-classification: Claude Haiku has no energy data.
    let example = io::examples::find("document-classification").unwrap();
    let (energy, designs) = scene_of(example.text, ChartKind::EnergyPerInference, &[]);
    assert_eq!(energy.curves.len(), designs - 1);
    assert!(energy.bands.is_empty() && energy.crossovers.is_empty());
    assert_eq!(energy.left_out.len(), 1);
    assert!(energy.left_out[0].starts_with("Claude Haiku 4.5 API: no energy data"));
    assert!(
        energy
            .y_ticks
            .iter()
            .filter_map(|t| t.label.as_deref())
            .all(|l| l.ends_with(" Wh")),
        "{:?}",
        energy.y_ticks
    );
    let (carbon, _) = scene_of(example.text, ChartKind::CarbonPerInference, &[]);
    assert_eq!(carbon.curves.len(), designs - 1);
    assert!(carbon.y_label.starts_with("gCO₂e per inference"));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("energy.svg");
    headless_cli()
        .args(["chart", "scenarios/support-assistant.ron", "--out"])
        .arg(&out)
        .args(["--kind", "carbon"])
        .assert()
        .success();
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("gCO₂e per inference, log scale"));
    assert!(!svg.contains("Not plotted"), "every design has energy data");
}

/// 64 designs with names at the 200-character limit: the legend narrows its entries (names end
/// in "…"), sums up what does not fit in a third of the height, and leaves the plot its room.
#[test]
fn a_legend_of_many_long_names_leaves_room_for_the_plot() {
    use std::fmt::Write as _;
    let mut designs = String::new();
    for j in 0..64 {
        let name: String = format!("d{j}-{}", "x".repeat(200))
            .chars()
            .take(200)
            .collect();
        let _ = write!(
            designs,
            "Design(name: \"{name}\", serving: HostedApi(input_price_per_mtok: {j}.5, \
             output_price_per_mtok: 2, input_tokens: 500, output_tokens: 100)),"
        );
    }
    let text = format!(
        "Scenario(format: 1, title: \"names\", currency: \"USD\", hours_per_month: 730, \
         volume: Volume(current: 1000000, min: 1000, max: 100000000), \
         use_cases: [UseCase(name: \"all\", share: 1, value_per_success: 0.01)], designs: [{designs}])"
    );
    let (scene, _) = scene_of(&text, ChartKind::Roi, &[]);
    let svg = render::svg(&scene, &Options::default()).unwrap();
    assert!(svg.contains("d0-xxx"), "the first names are shown");
    assert!(svg.contains("…"), "long names are shortened");
    assert!(svg.contains("more designs"), "what does not fit is counted");
    assert!(
        !svg.contains(&"x".repeat(150)),
        "no name runs across the chart"
    );
    // The plot is drawn: its band labels are there.
    assert!(svg.contains("Unsustainable") && svg.contains("Excellent"));
}

/// Two fleets a hair apart swap places at every step: the chart marks each pair's first
/// crossovers and its legend says so; a chart whose pairs list all of theirs says nothing more.
#[test]
fn a_chart_of_more_crossovers_than_it_marks_says_so() {
    let fleet = |j: u32| {
        format!(
            "Design(name: \"fleet {j}\", serving: SelfHosted(hardware: Gpu, price_per_hour: 1.000{j}, \
             throughput: RequestsPerSecond(1.000{j}), target_utilization: 1, min_instances: 1), \
             fixed_monthly: {j})"
        )
    };
    let text = format!(
        "Scenario(format: 1, title: \"fleets\", currency: \"USD\", hours_per_month: 730, \
         volume: Volume(current: 1000000, min: 100000, max: 1000000000), \
         use_cases: [UseCase(name: \"all\", share: 1, value_per_success: 0.01)], designs: [{}, {}])",
        fleet(0),
        fleet(1)
    );
    let (scene, _) = scene_of(&text, ChartKind::Roi, &[]);
    assert_eq!(
        scene.crossovers.len(),
        inference_roi::econ::LISTED_CROSSOVERS
    );
    assert_eq!(scene.crossover_note, " (each pair's first 20)");
    let svg = render::svg(&scene, &Options::default()).unwrap();
    // plotters escapes the apostrophe.
    assert!(
        svg.contains("crossover (each pair&apos;s first 20)"),
        "{svg}"
    );
    let example = io::examples::find("support-assistant").unwrap();
    let (scene, _) = scene_of(example.text, ChartKind::Roi, &[]);
    assert!(!scene.crossovers.is_empty());
    assert_eq!(scene.crossover_note, "");
}
