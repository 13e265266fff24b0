//! The desktop planner driven headlessly by label (`egui_kittest`): the real app, real clicks and
//! typing, with assertions on the resulting document and table.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::png_size;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use inference_roi::app::{PlannerApp, Settings, StartOptions};
use inference_roi::econ;
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::model::Serving;
use inference_roi::report::{format, readable_cells};

fn start(index: usize, path: Option<std::path::PathBuf>) -> StartOptions {
    StartOptions {
        scenario: io::parse(EXAMPLES[index].text).unwrap(),
        path,
        message: None,
        recovery_dir: None,
        native_dialogs: false,
        autosave_every: std::time::Duration::ZERO,
    }
}

/// Example `index` with its energy and carbon figures taken out, as a scenario written before
/// them.
fn start_without_energy(index: usize) -> StartOptions {
    let mut options = start(index, None);
    options.scenario.carbon = None;
    for design in &mut options.scenario.designs {
        design.serving.clear_energy();
        design.grid_g_per_kwh = None;
        design.pue = None;
        design
            .sources
            .retain(|s| !s.what.contains(" power:") && !s.what.starts_with("Energy:"));
    }
    options
}

fn harness_with(options: StartOptions) -> Harness<'static, PlannerApp> {
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_eframe(|cc| PlannerApp::with_settings(&cc.egui_ctx, options, Settings::default()));
    harness.run_ok();
    harness
}

fn harness() -> Harness<'static, PlannerApp> {
    harness_with(start(0, None))
}

/// Replaces the text of the field labelled `label`, as a person would (select all, type).
fn retype(harness: &mut Harness<'static, PlannerApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run_ok();
    harness.key_press(Key::Tab);
    harness.run_ok();
}

/// File ▸ `item`, then the typed-path dialog (no native dialog in tests): `path`, then `button`.
fn file_menu_path(
    harness: &mut Harness<'static, PlannerApp>,
    item: &str,
    path: &std::path::Path,
    button: &str,
) {
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label(item).click();
    harness.run_ok();
    type_path(harness, path, button);
}

/// The typed-path dialog that stands in for a native one: `path`, then `button`.
fn type_path(harness: &mut Harness<'static, PlannerApp>, path: &std::path::Path, button: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("File path")
        .type_text(path.to_str().unwrap());
    harness.run_ok();
    harness.get_by_role_and_label(Role::Button, button).click();
    harness.run_ok();
}

#[test]
fn opens_a_bundled_scenario_and_the_table_matches_the_cli() {
    let harness = harness();
    let scenario = io::parse(EXAMPLES[0].text).unwrap();
    let analysis = econ::analyse(&scenario, scenario.volume.current);
    for (design, figures) in scenario.designs.iter().zip(&analysis.designs) {
        assert!(
            harness
                .query_all_by_label_contains(&design.name)
                .next()
                .is_some(),
            "{} is shown",
            design.name
        );
        let cells = readable_cells(figures.as_ref().unwrap(), &scenario.currency);
        // Monthly cost, cost per inference and ROI, exactly as `inference-roi report` prints them.
        for cell in [&cells[0], &cells[3], &cells[7]] {
            assert!(
                harness.query_all_by_label(cell).next().is_some(),
                "table shows {cell}"
            );
        }
    }
    assert!(harness.query_by_label("$2,906.00").is_some());
    assert!(harness.query_by_label("4.89×").is_some());
}

#[test]
fn adding_duplicating_and_deleting_designs() {
    let mut harness = harness();
    harness.get_by_label("+ Add design").click();
    harness.run_ok();
    harness.get_by_label("Self-hosted CPU").click();
    harness.run_ok();
    let designs = &harness.state().scenario().designs;
    assert_eq!(designs.len(), 4);
    assert_eq!(designs[3].name, "Self-hosted CPU");
    assert!(matches!(designs[3].serving, Serving::SelfHosted { .. }));
    harness.get_by_label("Duplicate").click();
    harness.run_ok();
    let designs = &harness.state().scenario().designs;
    assert_eq!(designs.len(), 5);
    assert_eq!(designs[4].name, "Self-hosted CPU copy");
    harness.get_by_label("Delete").click();
    harness.run_ok();
    harness.get_by_label("Delete").click();
    harness.run_ok();
    assert_eq!(harness.state().scenario().designs.len(), 3);
    assert_eq!(
        harness.state().scenario(),
        &io::parse(EXAMPLES[0].text).unwrap()
    );
}

#[test]
fn typing_a_new_price_changes_the_table() {
    let mut harness = harness();
    assert!(harness.query_by_label("$2,906.00").is_some());
    retype(&mut harness, "Input price ($)", "5");
    let Serving::HostedApi {
        input_price_per_mtok,
        ..
    } = &harness.state().scenario().designs[0].serving
    else {
        panic!()
    };
    assert_eq!(input_price_per_mtok.to_string(), "5");
    // 300,000 × (1600 × 5 + 250 × 10) / 1e6 × 1.08 + 800 = 3,402 + 800 = 4,202.
    assert!(harness.query_by_label("$4,202.00").is_some());
    assert!(harness.query_by_label("$2,906.00").is_none());
}

#[test]
fn switching_a_design_serving_kind() {
    let mut harness = harness();
    harness.get_by_label("Serving").click();
    harness.run_ok();
    harness.get_by_label("Cascade").click();
    harness.run_ok();
    let serving = &harness.state().scenario().designs[0].serving;
    let Serving::Cascade { fallback, .. } = serving else {
        panic!("expected a cascade, got {serving:?}")
    };
    assert!(
        matches!(**fallback, Serving::HostedApi { .. }),
        "the API becomes the fallback"
    );
    assert!(harness.query_by_label("Escalation rate").is_some());
}

#[test]
fn an_invalid_value_shows_its_message_and_keeps_the_document() {
    let mut harness = harness();
    let before = harness.state().scenario().clone();
    retype(&mut harness, "Hours per month", "800");
    assert_eq!(harness.state().scenario(), &before);
    assert!(
        harness
            .query_by_label_contains("must be in (0, 744], got 800")
            .is_some()
    );
    retype(&mut harness, "Hours per month", "lots");
    assert!(
        harness
            .query_by_label_contains("expected a number, got lots")
            .is_some()
    );
    assert_eq!(harness.state().scenario(), &before);
    retype(&mut harness, "Hours per month", "720");
    assert_eq!(
        harness.state().scenario().hours_per_month.to_string(),
        "720"
    );
    assert!(
        harness
            .query_by_label_contains("must be in (0, 744]")
            .is_none()
    );
}

#[test]
fn undo_and_redo() {
    let mut harness = harness();
    retype(&mut harness, "Fixed monthly ($)", "1000");
    assert_eq!(
        harness.state().scenario().designs[0]
            .fixed_monthly
            .to_string(),
        "1000"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness.state().scenario().designs[0]
            .fixed_monthly
            .to_string(),
        "800"
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness.state().scenario().designs[0]
            .fixed_monthly
            .to_string(),
        "1000"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_ok();
    assert_eq!(
        harness.state().scenario().designs[0]
            .fixed_monthly
            .to_string(),
        "1000"
    );
}

#[test]
fn typing_a_number_is_one_undo_step() {
    let mut harness = harness();
    harness.get_by_label("Fixed monthly ($)").focus();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    for digit in ["1", "2", "3", "4"] {
        harness.get_by_label("Fixed monthly ($)").type_text(digit);
        harness.run_ok();
    }
    harness.key_press(Key::Tab);
    harness.run_ok();
    assert_eq!(
        harness.state().scenario().designs[0]
            .fixed_monthly
            .to_string(),
        "1234"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness.state().scenario().designs[0]
            .fixed_monthly
            .to_string(),
        "800"
    );
}

#[test]
fn unsaved_mark_and_asking_before_new() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("support.ron");
    std::fs::write(&path, EXAMPLES[0].text).unwrap();
    let mut harness = harness_with(start(0, Some(path.clone())));
    assert!(!harness.state().document().is_dirty());
    assert!(harness.state().window_title().starts_with("support.ron"));
    retype(&mut harness, "Title", "Support bot v2");
    assert!(harness.state().document().is_dirty());
    assert!(harness.state().window_title().starts_with("● support.ron"));
    // New asks first; Cancel keeps everything.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_ok();
    assert!(harness.query_by_label("Unsaved changes").is_some());
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert_eq!(harness.state().scenario().title, "Support bot v2");
    // Save writes the file and clears the mark.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    assert!(!harness.state().document().is_dirty());
    assert_eq!(io::load(&path).unwrap().title, "Support bot v2");
    // Discard goes ahead.
    retype(&mut harness, "Title", "Changed again");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_ok();
    harness.get_by_label("Discard").click();
    harness.run_ok();
    assert_eq!(harness.state().scenario().title, "New scenario");
    assert_eq!(
        io::load(&path).unwrap().title,
        "Support bot v2",
        "discarding does not touch the file"
    );
}

#[test]
fn opening_a_malformed_file_reports_the_error_and_keeps_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, EXAMPLES[1].text.replace("share: 0.5,", "share: NaN,")).unwrap();
    let mut harness = harness();
    let before = harness.state().scenario().clone();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run_ok();
    assert!(
        harness.query_by_label("Open scenario").is_some(),
        "the typed-path dialog opens"
    );
    harness
        .get_by_label("File path")
        .type_text(bad.to_str().unwrap());
    harness.run_ok();
    harness.get_by_label("Open").click();
    harness.run_ok();
    assert_eq!(harness.state().scenario(), &before);
    let (message, is_error) = harness.state().message().unwrap();
    assert!(is_error);
    assert!(
        message.contains("broken.ron") && message.contains("finite number, got NaN"),
        "{message}"
    );
    assert!(message.contains("line "), "{message}");
}

#[test]
fn clicking_the_chart_sets_the_current_volume() {
    let mut harness = harness();
    assert_eq!(harness.state().scenario().volume.current, 300_000);
    let point = egui::pos2(900.0, 400.0);
    harness.drag_at(point);
    harness.run_ok();
    harness.drop_at(point);
    harness.run_ok();
    let volume = harness.state().scenario().volume.current;
    assert!(
        volume > 300_000 && volume <= 100_000_000,
        "clicked right of today's volume: {volume}"
    );
    // The table follows: it shows the figures at the new volume.
    assert!(
        harness
            .query_by_label_contains(&format!(
                "At {} requests/month",
                inference_roi::report::format::count(volume)
            ))
            .is_some()
    );
    // One click is one undo step.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(harness.state().scenario().volume.current, 300_000);
}

#[test]
fn unsaved_changes_are_offered_back_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("support.ron");
    std::fs::write(&file, EXAMPLES[0].text).unwrap();
    let recovery = inference_roi::app::recovery::Recovery::new(dir.path().join("recovery"));
    let mut changed = io::parse(EXAMPLES[0].text).unwrap();
    changed.title = "Edited before the crash".to_owned();
    recovery.write(&changed, Some(&file)).unwrap();

    let mut options = start(1, None);
    options.recovery_dir = Some(dir.path().join("recovery"));
    let mut harness = harness_with(options);
    assert!(harness.query_by_label("Restore unsaved changes?").is_some());
    harness.get_by_label("Restore").click();
    harness.run_ok();
    assert_eq!(harness.state().scenario().title, "Edited before the crash");
    assert!(
        harness.state().document().is_dirty(),
        "restored changes are still unsaved"
    );
    assert_eq!(
        harness.state().document().path.as_deref(),
        Some(file.as_path())
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    assert_eq!(io::load(&file).unwrap().title, "Edited before the crash");
    assert!(recovery.read().is_none(), "saving clears the recovery copy");
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_ron_file_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("classification.ron");
    std::fs::write(&file, EXAMPLES[1].text).unwrap();
    let mut harness = harness();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(file.clone())));
    harness.run_ok();
    assert_eq!(
        harness.state().scenario().title,
        "Inbound document classification"
    );
    assert_eq!(
        harness.state().document().path.as_deref(),
        Some(file.as_path())
    );
}

#[test]
fn unsaved_changes_are_autosaved_and_cleared_when_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut options = start(0, None);
    options.recovery_dir = Some(dir.path().to_owned());
    let mut harness = harness_with(options);
    let recovery = inference_roi::app::recovery::Recovery::new(dir.path().to_owned());
    assert!(recovery.read().is_none());
    retype(&mut harness, "Title", "Autosaved title");
    harness.run_ok();
    assert_eq!(recovery.read().unwrap().scenario.title, "Autosaved title");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert!(!harness.state().document().is_dirty());
    assert!(
        recovery.read().is_none(),
        "back at the saved state, the recovery copy is gone"
    );
}

#[test]
fn applying_a_preset_fills_the_prices_and_records_the_source() {
    let mut harness = harness();
    let sources_before = harness.state().scenario().designs[0].sources.len();
    harness.get_by_label("Apply preset ▸").click();
    harness.run_ok();
    harness.get_by_label_contains("OpenAI GPT-4.1 ·").click();
    harness.run_ok();
    let design = &harness.state().scenario().designs[0];
    let Serving::HostedApi {
        input_price_per_mtok,
        output_price_per_mtok,
        ..
    } = &design.serving
    else {
        panic!()
    };
    assert_eq!(
        (
            input_price_per_mtok.to_string().as_str(),
            output_price_per_mtok.to_string().as_str()
        ),
        ("2.00", "8.00")
    );
    assert_eq!(design.sources.len(), sources_before + 1);
    let added = design.sources.last().unwrap();
    assert!(added.what.starts_with("OpenAI GPT-4.1: "), "{}", added.what);
    assert_eq!(added.as_of.to_string(), "2026-04-01");
    // One undo step takes back both the prices and the source.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness.state().scenario(),
        &io::parse(EXAMPLES[0].text).unwrap()
    );
    // An instance brings its power with its price, and both sources.
    harness
        .get_by_role_and_label(Role::Button, "Fine-tuned 8B on A10G")
        .click();
    harness.run_ok();
    harness.get_by_label("Apply preset ▸").click();
    harness.run_ok();
    harness.get_by_label_contains("Lambda 1× A10 ·").click();
    harness.run_ok();
    let design = &harness.state().scenario().designs[1];
    let Serving::SelfHosted { power: Some(p), .. } = &design.serving else {
        panic!("the instance's power applied")
    };
    assert_eq!(p.watts_max, rust_decimal::Decimal::from(150));
    for start in ["Lambda 1× A10: ", "Lambda 1× A10 power: "] {
        assert!(
            design.sources.iter().any(|s| s.what.starts_with(start)),
            "{start}"
        );
    }
}

#[test]
fn a_catalogue_of_ones_own_replaces_the_presets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("negotiated.ron");
    std::fs::write(
        &path,
        "Catalog(entries: [Entry(name: \"Negotiated GPT-4o\", \
         preset: HostedModel(input_price_per_mtok: 2.00, output_price_per_mtok: 8.00), \
         source: Source(what: \"Enterprise agreement, schedule B\", as_of: \"2026-09-01\"))])",
    )
    .unwrap();
    let mut harness = harness();
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Price catalogue…").click();
    harness.run_ok();
    harness
        .get_by_label("File path")
        .type_text(path.to_str().unwrap());
    harness.run_ok();
    harness.get_by_label("Use").click();
    harness.run_ok();
    assert!(
        harness.state().message().unwrap().0.contains("1 presets"),
        "{:?}",
        harness.state().message()
    );
    harness.get_by_label("Apply preset ▸").click();
    harness.run_ok();
    assert!(
        harness.query_by_label_contains("OpenAI GPT-4o ·").is_none(),
        "the bundled presets are replaced"
    );
    harness.get_by_label_contains("Negotiated GPT-4o ·").click();
    harness.run_ok();
    let design = &harness.state().scenario().designs[0];
    assert!(
        design
            .sources
            .iter()
            .any(|s| s.what == "Negotiated GPT-4o: Enterprise agreement, schedule B")
    );
}

#[test]
fn the_table_is_copied_and_exported() {
    let mut harness = harness();
    harness.get_by_label("Copy as CSV").click();
    harness.step();
    let copied: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    let scenario = io::parse(EXAMPLES[0].text).unwrap();
    let report = inference_roi::report::Report::new(&scenario, scenario.volume.current);
    assert_eq!(copied, vec![inference_roi::report::report_csv(&report)]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("table.md");
    file_menu_path(&mut harness, "Export table…", &path, "Export");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# Customer-support assistant"), "{text}");
    assert!(
        text.contains("| Metric | GPT-4o API | Fine-tuned 8B on A10G | Cascade: 8B → GPT-4o |")
    );
    assert!(
        text.contains("| Monthly cost | $2,906.00 | $3,043.13 | $3,875.01 |"),
        "{text}"
    );
}

#[test]
fn an_export_to_the_open_scenario_file_is_refused_and_the_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::write(&path, EXAMPLES[0].text).unwrap();
    let mut harness = harness_with(start(0, Some(path.clone())));
    // The same file by another spelling of its path.
    let spelled = dir.path().join(".").join("plan.ron");
    file_menu_path(&mut harness, "Export table…", &spelled, "Export");
    assert!(
        harness
            .query_by_label_contains("is the scenario file you are editing")
            .is_some()
    );
    export_chart(&mut harness, &path, true);
    // The review pack takes any name: without the check it would replace the scenario.
    file_menu_path(&mut harness, "Export review pack…", &path, "Export");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), EXAMPLES[0].text);
}

#[test]
fn presentation_mode_shows_the_chart_alone_and_esc_leaves() {
    let mut harness = harness();
    assert!(harness.query_by_label("Scenario").is_some());
    harness.key_press(Key::F11);
    harness.run_ok();
    assert!(harness.state().presenting());
    assert!(
        harness.query_by_label("Scenario").is_none(),
        "the editors are hidden"
    );
    assert!(
        harness
            .query_by_label("Customer-support assistant")
            .is_some()
    );
    // The carbon section's sources count: the EPA's carbon price is the oldest.
    assert!(
        harness
            .query_by_label_contains("oldest source as of 2023-12-01")
            .is_some()
    );
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert!(!harness.state().presenting());
    assert!(harness.query_by_label("Scenario").is_some());
}

/// File ▸ Export chart… (or Ctrl+E), then the typed path.
fn export_chart(harness: &mut Harness<'static, PlannerApp>, path: &std::path::Path, menu: bool) {
    if menu {
        harness.get_by_label("File").click();
        harness.run_ok();
        harness.get_by_label_contains("Export chart…").click();
    } else {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    }
    harness.run_ok();
    type_path(harness, path, "Export");
}

#[test]
fn the_chart_is_exported_as_shown() {
    let mut harness = harness();
    let scenario = io::parse(EXAMPLES[0].text).unwrap();
    let dir = tempfile::tempdir().unwrap();

    // PNG at twice the on-screen size.
    let png = dir.path().join("chart.png");
    export_chart(&mut harness, &png, true);
    let (width, height) = png_size(&std::fs::read(&png).unwrap());
    assert!(width % 2 == 0 && height % 2 == 0, "{width}×{height}");
    assert!(
        width >= 1200 && height >= 800,
        "2× of a chart that fills most of the window"
    );
    assert!(
        harness
            .query_by_label_contains(&format!("(PNG, {width}×{height} pixels)"))
            .is_some(),
        "the status line says what was written"
    );

    // Hide the first design: the SVG leaves it out, as the screen does.
    let hidden = &scenario.designs[0].name;
    harness
        .get_by_label(&format!("Show {hidden} on the chart"))
        .click();
    harness.run_ok();
    let svg = dir.path().join("chart.svg");
    export_chart(&mut harness, &svg, false);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"));
    assert!(
        !text.contains(hidden.as_str()),
        "hidden designs are not exported"
    );
    for design in &scenario.designs[1..] {
        assert!(
            text.contains(&design.name.replace('&', "&amp;")),
            "{}",
            design.name
        );
    }
    assert!(text.contains(&scenario.title));

    // A name the exporter cannot write says so and writes nothing.
    let bad = dir.path().join("chart.gif");
    export_chart(&mut harness, &bad, true);
    assert!(!bad.exists());
    assert!(harness.query_by_label_contains(".svg or .png").is_some());
}

#[test]
fn what_if_shows_the_tornado_of_the_selected_design() {
    let mut harness = harness();
    harness.get_by_label("What if…").click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label("What moves the ROI of GPT-4o API?")
            .is_some()
    );
    // The engine's tornado, row by row, largest effect first.
    let scenario = io::parse(EXAMPLES[0].text).unwrap();
    let tornado =
        inference_roi::econ::whatif::sensitivity(&scenario, 0, rust_decimal::Decimal::from(20))
            .unwrap();
    let first = &tornado.swings[0];
    let roi = |r: &Result<Option<rust_decimal::Decimal>, _>| {
        inference_roi::report::whatif::roi_text(*r.as_ref().unwrap())
    };
    let row = format!(
        "{}: ROI {} lowered, {} raised",
        first.input.label(&scenario),
        roi(&first.roi_low),
        roi(&first.roi_high)
    );
    assert!(harness.query_by_label(&row).is_some(), "no row {row:?}");
    // Another design: its own tornado.
    // The design list's entry (the table names it too).
    harness
        .get_all_by_label("Fine-tuned 8B on A10G")
        .next()
        .unwrap()
        .click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label("What moves the ROI of Fine-tuned 8B on A10G?")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("Instance price per hour: ROI")
            .is_some()
    );
}

#[test]
fn goal_seek_answers_and_applies_as_one_undo_step() {
    let mut harness = harness();
    harness.get_by_label("What if…").click();
    harness.run_ok();
    // The default question: the highest input price that still reaches 3×.
    assert!(
        harness
            .query_by_label_contains("Highest price per 1M input tokens")
            .is_some()
    );
    // 10× cannot be reached by the price alone.
    harness.get_by_label("10× (Excellent)").click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("Unreachable: even at $0.00 /1M tok")
            .is_some()
    );
    // Back to 3×, and apply the answer.
    harness.get_by_label("3× (Good)").click();
    harness.run_ok();
    harness.get_by_label("Apply to the design").click();
    harness.run_ok();
    let scenario = harness.state().scenario().clone();
    let Serving::HostedApi {
        input_price_per_mtok,
        ..
    } = scenario.designs[0].serving
    else {
        panic!("hosted")
    };
    let roi = inference_roi::econ::whatif::roi_of(&scenario, 0)
        .unwrap()
        .unwrap();
    assert!(
        roi >= rust_decimal::Decimal::from(3) && roi < "3.0001".parse().unwrap(),
        "{roi}"
    );
    assert!(
        input_price_per_mtok > "6".parse().unwrap(),
        "{input_price_per_mtok}"
    );
    // One undo step brings the list price back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness.state().scenario(),
        &io::parse(EXAMPLES[0].text).unwrap()
    );
}

#[test]
fn uncertainty_bands_are_simulated_off_the_ui_thread() {
    let index = EXAMPLES
        .iter()
        .position(|e| e.file_name == "support-assistant-uncertain.ron")
        .unwrap();
    let mut harness = harness_with(start(index, None));
    // Ranged fields say so beside the value.
    // Ranged fields show their median as people read it and the range beside: the success
    // rate of Range(0.72, 0.87) is 80.5763… % in the file, 80.6 on screen, "(72–87)" beside.
    assert!(harness.query_by_label("(72–87)").is_some());
    assert!(harness.query_all_by_value("80.6").next().is_some());
    assert_eq!(
        harness.state().scenario().designs[0].success_rate,
        "0.805763".parse::<rust_decimal::Decimal>().unwrap()
    );
    harness.get_by_label("Uncertainty bands").click();
    // The simulation runs on a worker thread; frames go on meanwhile.
    let mut shown = false;
    for _ in 0..400 {
        harness.step();
        if harness
            .query_by_label_contains("Simulated at 300,000 requests/month from 5,000 samples")
            .is_some()
        {
            shown = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(shown, "the full simulation arrived");
    harness.run_ok();
    // The odds table: per design P10 – P50 – P90 and a bar of the band odds, the figures of the
    // same simulation (seed 1, 5,000 samples) as the engine gives them.
    let scenario = io::parse(EXAMPLES[index].text).unwrap();
    let sim = econ::simulate::simulate(&scenario, &[scenario.volume.current], 5_000, 1).unwrap();
    for outlook in &sim.designs {
        let o = outlook.as_ref().unwrap();
        let multiple = inference_roi::report::format::multiple_f64;
        let deciles = format!(
            "{} – {} – {}",
            multiple(o.now[0]),
            multiple(o.now[1]),
            multiple(o.now[2])
        );
        assert!(harness.query_by_label(&deciles).is_some(), "{deciles}");
        let odds: Vec<String> = econ::Band::ALL
            .iter()
            .zip(o.band_odds)
            .map(|(b, p)| format!("{} {}", b.label(), format::percent_f64(p)))
            .collect();
        let bar = odds.join(", ");
        assert!(harness.query_by_label(&bar).is_some(), "{bar}");
    }
    assert!(
        harness
            .query_by_label("simulated median (band: P10–P90)")
            .is_some()
    );
    // The table still shows the exact point estimate.
    let report = inference_roi::report::Report::new(&scenario, scenario.volume.current);
    let cells = readable_cells(
        report.analysis.designs[0].as_ref().unwrap(),
        &scenario.currency,
    );
    assert!(harness.query_by_label(&cells[0]).is_some(), "{}", cells[0]);
}

#[test]
fn without_ranges_the_uncertainty_toggle_explains_itself() {
    let harness = harness();
    let toggle = harness.get_by_label("Uncertainty bands");
    assert!(toggle.accesskit_node().is_disabled());
}

#[test]
fn a_range_typed_into_a_field_makes_the_input_uncertain() {
    let mut harness = harness();
    retype(&mut harness, "Success rate", "70..90");
    let scenario = harness.state().scenario().clone();
    let range = scenario.ranges["designs[0].success_rate"];
    assert_eq!(
        (range.low, range.high),
        ("0.7".parse().unwrap(), "0.9".parse().unwrap())
    );
    // The field holds the range's median (logit-normal: 0.81…), which the figures use.
    assert_eq!(
        scenario.designs[0].success_rate,
        range.point("designs[0].success_rate").unwrap()
    );
    assert!(harness.query_by_label("(70–90)").is_some());
    assert!(
        !harness
            .get_by_label("Uncertainty bands")
            .accesskit_node()
            .is_disabled()
    );
    // Saved as the range.
    let text = io::to_ron(&scenario).unwrap();
    assert!(text.contains("success_rate: Range(0.7, 0.9)"), "{text}");
    // A plain value replaces it.
    retype(&mut harness, "Success rate", "85");
    let scenario = harness.state().scenario().clone();
    assert!(scenario.ranges.is_empty());
    assert_eq!(scenario.designs[0].success_rate, "0.85".parse().unwrap());
    // A range the wrong way round is refused at the field.
    retype(&mut harness, "Success rate", "90..70");
    assert!(
        harness
            .query_by_label_contains("needs low ≤ high")
            .is_some()
    );
    assert!(harness.state().scenario().ranges.is_empty());
}

#[test]
fn another_documents_simulation_is_never_shown() {
    let index = EXAMPLES
        .iter()
        .position(|e| e.file_name == "support-assistant-uncertain.ron")
        .unwrap();
    let mut harness = harness_with(start(index, None));
    harness.get_by_label("Uncertainty bands").click();
    let mut shown = false;
    for _ in 0..400 {
        harness.step();
        if harness.query_by_label_contains("Simulated at").is_some() {
            shown = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(shown, "the simulation arrived");
    // Another scenario (with no uncertain inputs): the odds of the last one go with it.
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Open example").click();
    harness.run_ok();
    harness.get_by_label(EXAMPLES[1].file_name).click();
    harness.run_ok();
    assert_eq!(
        harness.state().scenario(),
        &io::parse(EXAMPLES[1].text).unwrap()
    );
    assert!(harness.query_by_label_contains("Simulated at").is_none());
    assert!(
        harness
            .query_by_label_contains("GPT-4o API: ROI P10–P90")
            .is_none()
    );
}

#[test]
fn on_a_laptop_screen_the_band_and_roi_of_every_design_are_in_view() {
    let mut harness = Harness::builder()
        .with_size([1280.0, 720.0])
        .build_eframe(|cc| {
            PlannerApp::with_settings(&cc.egui_ctx, start(0, None), Settings::default())
        });
    harness.run_ok();
    let scenario = io::parse(EXAMPLES[0].text).unwrap();
    let report = inference_roi::report::Report::new(&scenario, scenario.volume.current);
    // The table's visible part ends where the design panel begins.
    let right = harness.get_by_label("Design: GPT-4o API").rect().left();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 720.0));
    let in_view = |rect: egui::Rect| window.contains_rect(rect) && rect.right() <= right;
    for (design, figures) in scenario.designs.iter().zip(&report.analysis.designs) {
        let cells = readable_cells(figures.as_ref().unwrap(), &scenario.currency);
        let (roi, band) = (&cells[7], &cells[8]);
        // The ROI column comes first (ROI with carbon, further right, may read the same).
        let roi_rect = harness
            .get_all_by_label(roi)
            .map(|n| n.rect())
            .min_by(|a, b| a.left().total_cmp(&b.left()))
            .unwrap();
        assert!(
            in_view(roi_rect),
            "{}: ROI {roi} at {roi_rect:?}",
            design.name
        );
        // The band chips of all three designs read "Good": each must be in view.
        assert!(
            harness
                .query_all_by_label(band)
                .filter(|n| in_view(n.rect()))
                .count()
                >= scenario.designs.len(),
            "{}: band {band} in view",
            design.name
        );
    }
    // The chart keeps at least half the window's width.
    let plot = harness.get_by_label("Customer-support assistant").rect();
    assert!(
        right - plot.left() >= 600.0,
        "chart from {} to {right}",
        plot.left()
    );
}

#[test]
fn side_panels_collapse_and_come_back() {
    let mut harness = harness();
    assert!(harness.query_by_label("Hours per month").is_some());
    harness.get_by_label("Collapse the scenario panel").click();
    harness.run_ok();
    assert!(harness.query_by_label("Hours per month").is_none());
    harness.get_by_label("Show the scenario panel").click();
    harness.run_ok();
    assert!(harness.query_by_label("Hours per month").is_some());
}

#[test]
fn the_use_cases_tab_suggests_a_routing_and_adds_it_as_one_undo_step() {
    let routing = EXAMPLES
        .iter()
        .position(|e| e.file_name == "support-routing.ron")
        .unwrap();
    let mut harness = harness_with(start(routing, None));
    // The tab (the scenario panel's section has the same title).
    harness
        .get_all_by_label("Use cases")
        .last()
        .unwrap()
        .click();
    harness.run_ok();
    assert!(harness.query_by_label("Worth AI?").is_some());
    // Each cell is the engine's figure: complaint triage on GPT-4o, the best in its row.
    let scenario = io::parse(EXAMPLES[routing].text).unwrap();
    let analysis = econ::analyse(&scenario, scenario.volume.current);
    let metrics = &analysis.designs[0].as_ref().unwrap().metrics;
    let cases = econ::use_cases::by_use_case(&scenario, &scenario.designs[0], metrics).unwrap();
    let triage = inference_roi::report::format::multiple(cases[2].roi_multiple.unwrap());
    assert!(
        harness.query_by_label(&format!("★ {triage}")).is_some(),
        "no cell ★ {triage}"
    );

    // Suggest: the engine's suggestion, shown before it is added.
    harness.get_by_label("Suggest routing").click();
    harness.run_ok();
    let suggestion = econ::suggest::suggest(&scenario, scenario.volume.current).unwrap();
    let net = inference_roi::report::format::money(suggestion.metrics.monthly_net_value, "USD");
    assert!(
        harness
            .query_by_label_contains(&format!("monthly net value {net}"))
            .is_some(),
        "no {net}"
    );
    assert_eq!(harness.state().scenario().designs.len(), 4);
    harness.get_by_label("Add as design").click();
    harness.run_ok();
    let designs = &harness.state().scenario().designs;
    assert_eq!(designs.len(), 5);
    assert_eq!(designs[4], suggestion.design);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(harness.state().scenario(), &scenario, "one undo step");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_ok();
    assert_eq!(harness.state().scenario().designs.len(), 5);

    // Renaming a design: every route naming it follows, and one undo puts both back.
    harness
        .get_all_by_label("GPT-4o API")
        .next()
        .unwrap()
        .click();
    harness.run_ok();
    let field = harness.get_all_by_label("Name").last().unwrap();
    field.focus();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_all_by_label("Name")
        .last()
        .unwrap()
        .type_text("Large model");
    harness.run_ok();
    harness.key_press(Key::Tab);
    harness.run_ok();
    let renamed = harness.state().scenario().clone();
    assert_eq!(renamed.designs[0].name, "Large model");
    for d in [3, 4] {
        let routes = renamed.designs[d].serving.routes().unwrap();
        assert_eq!(
            routes["Complaint triage"],
            inference_roi::model::Route::Design("Large model".to_owned()),
            "design {d}"
        );
    }
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let back = harness.state().scenario();
    assert_eq!(back.designs[0].name, "GPT-4o API");
    assert_eq!(
        back.designs[3].serving.routes().unwrap()["Complaint triage"],
        inference_roi::model::Route::Design("GPT-4o API".to_owned())
    );
}

#[test]
fn a_routes_dropdown_edits_the_route() {
    let routing = EXAMPLES
        .iter()
        .position(|e| e.file_name == "support-routing.ron")
        .unwrap();
    let mut harness = harness_with(start(routing, None));
    // The design panel edits a route with a dropdown: order status from no AI to GPT-4o mini.
    harness
        .get_all_by_label("Routed by use case")
        .next()
        .unwrap()
        .click();
    harness.run_ok();
    // The dropdown's button (the one named by the use case's label), then its new option.
    let before: Vec<_> = harness
        .get_all_by_label("GPT-4o mini API")
        .map(|n| n.accesskit_node().id())
        .collect();
    harness
        .get_all_by_label("  Order status")
        .last()
        .unwrap()
        .click();
    harness.run_ok();
    harness
        .get_all_by_label("GPT-4o mini API")
        .find(|n| !before.contains(&n.accesskit_node().id()))
        .expect("the dropdown offers the design")
        .click();
    harness.run_ok();
    assert_eq!(
        harness.state().scenario().designs[3]
            .serving
            .routes()
            .unwrap()["Order status"],
        inference_roi::model::Route::Design("GPT-4o mini API".to_owned())
    );
}

fn example(file_name: &str) -> usize {
    EXAMPLES
        .iter()
        .position(|e| e.file_name == file_name)
        .unwrap()
}

#[test]
fn the_over_time_tab_tells_the_timeline_and_exports_it() {
    let index = example("support-over-time.ron");
    let mut harness = harness_with(start(index, None));
    // The tab (the scenario panel's section has the same title).
    harness
        .get_all_by_label("Over time")
        .last()
        .unwrap()
        .click();
    harness.run_ok();
    // The key months are the engine's.
    let scenario = io::parse(EXAMPLES[index].text).unwrap();
    let figures = econ::timeline::timeline(&scenario).unwrap().unwrap();
    let payback = figures.designs[1].payback.unwrap();
    assert!(
        harness
            .query_by_label_contains(&format!("Fine-tuned 8B on A10G pays back in {payback}"))
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("GPT-4o API over budget from 2028-09")
            .is_some()
    );
    // The months table: the first month's cumulative cash of the fine-tune.
    let cash = figures.months[0].designs[1]
        .as_ref()
        .unwrap()
        .cumulative_net_cash;
    assert!(
        harness
            .query_by_label_contains(&inference_roi::report::format::money(cash, "USD"))
            .is_some()
    );
    // The cash view, exported as shown.
    harness.get_by_label("Cumulative net cash").click();
    harness.run_ok();
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("over-time.svg");
    export_chart(&mut harness, &svg, false);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("over time"), "the Over time chart");
    assert!(text.contains("Cumulative net cash"));
    assert!(text.contains("payback month"));
}

#[test]
fn a_timeline_is_added_edited_and_undone() {
    let mut harness = harness();
    // The tab (the scenario panel's section has the same title).
    harness
        .get_all_by_label("Over time")
        .last()
        .unwrap()
        .click();
    harness.run_ok();
    harness.get_by_label("Add a timeline").click();
    harness.run_ok();
    let t = harness.state().scenario().timeline.clone().unwrap();
    assert_eq!(t.months, 24);
    assert_eq!(t.running.as_deref(), Some("GPT-4o API"));
    retype(&mut harness, "Months", "12");
    assert_eq!(
        harness.state().scenario().timeline.as_ref().unwrap().months,
        12
    );
    retype(&mut harness, "  per month", "7.5");
    assert_eq!(
        harness.state().scenario().timeline.as_ref().unwrap().growth,
        inference_roi::model::Growth::Compound {
            pct_per_month: rust_decimal::Decimal::new(75, 1)
        }
    );
    // A measured month added, then its cost typed: two undo steps.
    // Below the fold of the scenario panel: scrolled to first, as a person would.
    harness.get_by_label("+ Add month").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("+ Add month").click();
    harness.run_ok();
    let actuals = &harness.state().scenario().actuals;
    assert_eq!(actuals.len(), 1);
    assert_eq!(
        Some(actuals[0].month),
        t.start.plus(-1),
        "the month before the plan"
    );
    harness.get_by_label("Cost ($)").scroll_to_me();
    harness.run_ok();
    retype(&mut harness, "Cost ($)", "2500.5");
    assert_eq!(
        harness.state().scenario().actuals[0].cost,
        rust_decimal::Decimal::new(25005, 1)
    );
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run_ok();
    }
    assert!(harness.state().scenario().actuals.is_empty());
    // Back to no timeline: three more undos (growth, months, the timeline itself).
    for _ in 0..3 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run_ok();
    }
    assert_eq!(
        harness.state().scenario(),
        &io::parse(EXAMPLES[0].text).unwrap()
    );
}

#[test]
fn discounts_and_traffic_are_edited_in_their_group() {
    let mut harness = harness();
    harness.get_by_label("Discounts and traffic").click();
    harness.run_ok();
    retype(&mut harness, "Cached input", "60");
    retype(&mut harness, "Cached input price ($)", "1.25");
    let serving = harness.state().scenario().designs[0].serving.clone();
    let Serving::HostedApi {
        cached_input_share,
        cached_input_price_per_mtok,
        ..
    } = serving
    else {
        panic!()
    };
    assert_eq!(cached_input_share, rust_decimal::Decimal::new(6, 1));
    assert_eq!(
        cached_input_price_per_mtok,
        Some(rust_decimal::Decimal::new(125, 2))
    );
    // 1,600 input tokens at 0.4 × 2.50 + 0.6 × 1.25 = $1.75 per 1M: the editor says so.
    assert!(
        harness
            .query_by_label_contains("Effective input price after caching: $1.75 per 1M")
            .is_some()
    );
    // The table follows the engine.
    let scenario = harness.state().scenario().clone();
    let analysis = econ::analyse(&scenario, scenario.volume.current);
    let cells = readable_cells(analysis.designs[0].as_ref().unwrap(), "USD");
    assert!(harness.query_by_label(&cells[0]).is_some(), "{}", cells[0]);
    // The peak sizes the self-hosted fleets, not the API.
    retype(&mut harness, "Peak to average", "3");
    assert_eq!(
        harness.state().scenario().volume.peak_to_average,
        rust_decimal::Decimal::from(3)
    );
}

#[test]
fn energy_is_entered_in_the_panels_and_shown_in_the_table() {
    // search-summaries without its energy data.
    let mut harness = harness_with(start_without_energy(2));
    assert!(harness.state().scenario().carbon.is_none());
    harness.get_by_label("+ Add grid and PUE").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("+ Add grid and PUE").click();
    harness.run_ok();
    assert!(harness.state().scenario().carbon.is_some());
    // The API's energy: published per-token figures, starting from editable defaults.
    harness.get_all_by_label("Energy").last().unwrap().click();
    harness.run_ok();
    harness.get_by_label("Known").click();
    harness.run_ok();
    let Serving::HostedApi { energy, .. } = &harness.state().scenario().designs[0].serving else {
        panic!()
    };
    assert!(energy.is_some());
    retype(&mut harness, "Wh per 1k output", "2");
    // The table gains the energy columns, with the engine's figures; the others show "—".
    let scenario = harness.state().scenario().clone();
    let analysis = econ::analyse(&scenario, scenario.volume.current);
    let e = econ::energy::energy(
        &scenario,
        &scenario.designs[0],
        &analysis.designs[0].as_ref().unwrap().metrics,
    )
    .unwrap()
    .unwrap();
    assert!(harness.query_by_label("Wh per inference").is_some());
    let wh = format!("{} Wh", e.wh_per_inference.round_sf(3).unwrap().normalize());
    assert!(harness.query_by_label(&wh).is_some(), "no {wh}");
    assert!(
        harness.get_all_by_label("—").count() >= 2,
        "designs without energy data"
    );
}

#[test]
fn the_energy_tab_plots_wh_or_gco2e_and_says_which_designs_lack_data() {
    // document-classification: the GPT-4o mini API and the CPU classifier have energy data,
    // the Claude Haiku API does not.
    let mut harness = harness_with(start(1, None));
    harness.get_by_label("Energy & carbon").click();
    harness.run_ok();
    let missing = "⚠ Not plotted — Claude Haiku 4.5 API: no energy data";
    assert!(harness.query_by_label_contains(missing).is_some());
    assert!(
        harness
            .query_by_label_contains("Not plotted — GPT-4o mini API")
            .is_none()
    );
    // The toggle: gCO₂e per inference, then back.
    // The tab row's toggle (a button; the table has a column of the same name).
    harness
        .get_by_role_and_label(Role::Button, "gCO₂e per inference")
        .click();
    harness.run_ok();
    assert!(harness.query_by_label_contains(missing).is_some());
    // Without a grid intensity the carbon chart says so; the energy chart still plots.
    harness.get_by_label("Remove grid and PUE").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("Remove grid and PUE").click();
    harness.run_ok();
    assert!(harness.state().scenario().carbon.is_none());
    assert!(
        harness
            .query_by_label_contains("GPT-4o mini API: no grid intensity")
            .is_some()
    );
    harness
        .get_by_role_and_label(Role::Button, "Wh per inference")
        .click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("GPT-4o mini API: no grid intensity")
            .is_none()
    );
}

#[test]
fn published_energy_figures_and_grids_apply_with_their_source() {
    // search-summaries without its energy data; design 1 is a Llama 8B on a RunPod H100.
    let mut harness = harness_with(start_without_energy(2));
    harness.get_by_label("+ Add grid and PUE").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("+ Add grid and PUE").click();
    harness.run_ok();
    // The section starts from the catalogue's world-average grid and industry-average PUE,
    // with their sources.
    let whats = |harness: &Harness<'static, PlannerApp>| -> Vec<String> {
        let carbon = harness.state().scenario().carbon.clone().unwrap();
        carbon.sources.iter().map(|s| s.what.clone()).collect()
    };
    let carbon = harness.state().scenario().carbon.clone().unwrap();
    assert_eq!(carbon.grid_g_per_kwh, rust_decimal::Decimal::from(481));
    assert_eq!(carbon.pue, rust_decimal::Decimal::new(156, 2));
    assert!(whats(&harness)[0].starts_with("Grid: World average"));
    assert!(whats(&harness)[1].starts_with("PUE: industry average"));
    // A country's grid from the catalogue replaces it, source and all.
    harness.get_by_label("Grid ▸").click();
    harness.run_ok();
    harness.get_by_label_contains("Grid: France").click();
    harness.run_ok();
    let carbon = harness.state().scenario().carbon.clone().unwrap();
    assert_eq!(carbon.grid_g_per_kwh, rust_decimal::Decimal::from(56));
    let grids: Vec<String> = whats(&harness)
        .into_iter()
        .filter(|w| w.starts_with("Grid: "))
        .collect();
    assert_eq!(grids.len(), 1, "{grids:?}");
    assert!(grids[0].starts_with("Grid: France"));
    // The section lists its sources (none stale).
    assert!(harness.query_by_label_contains("Sources (2)").is_some());
    // The H100's power from the catalogue, as one undo step with its source.
    // In the designs list (a button; the table and the legend name it too).
    harness
        .get_by_role_and_label(Role::Button, "Llama 8B on H100")
        .click();
    harness.run_ok();
    harness.get_all_by_label("Energy").last().unwrap().click();
    harness.run_ok();
    harness.get_by_label("Published figures ▸").click();
    harness.run_ok();
    harness.get_by_label_contains("RunPod 1× H100 SXM").click();
    harness.run_ok();
    let design = &harness.state().scenario().designs[1];
    let Serving::SelfHosted { power: Some(p), .. } = &design.serving else {
        panic!("power applied")
    };
    assert_eq!(p.watts_max, rust_decimal::Decimal::from(700));
    assert!(
        design
            .sources
            .iter()
            .any(|s| s.what.starts_with("RunPod 1× H100 SXM power:"))
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let design = &harness.state().scenario().designs[1];
    assert!(matches!(
        design.serving,
        Serving::SelfHosted { power: None, .. }
    ));
    assert!(!design.sources.iter().any(|s| s.what.contains("power:")));
}

#[test]
fn what_if_measures_roi_with_carbon_on_request() {
    let mut harness = harness();
    harness.get_by_label("What if…").click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("Carbon price per tonne")
            .is_none()
    );
    harness
        .get_by_role_and_label(Role::Button, "ROI with carbon")
        .click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("What moves the ROI with carbon of GPT-4o API?")
            .is_some()
    );
    // The carbon figures join the tornado and the goal seek's inputs.
    assert!(
        harness
            .query_by_label_contains("Carbon price per tonne")
            .is_some()
    );
}

#[test]
fn a_volume_that_matters_moves_the_current_volume_there() {
    let mut harness = harness();
    let scenario = harness.state().scenario().clone();
    let analysis = econ::analyse(&scenario, scenario.volume.current);
    let break_even = analysis.designs[1]
        .as_ref()
        .unwrap()
        .break_even
        .first
        .unwrap();
    let text = inference_roi::report::format::count(break_even);
    harness
        .get_by_role_and_label(Role::Link, &text)
        .scroll_to_me();
    harness.run_ok();
    harness.get_by_role_and_label(Role::Link, &text).click();
    harness.run_ok();
    assert_eq!(harness.state().scenario().volume.current, break_even);
    // The table follows: the design breaks even there (ROI 1.00× or just above).
    assert!(
        harness
            .query_by_label(&format!("At {text} requests/month"))
            .is_some()
    );
    // One undo step brings the volume back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness.state().scenario().volume.current,
        scenario.volume.current
    );
}

#[test]
fn an_example_is_titled_by_its_name_and_saving_asks_for_a_path() {
    let mut harness = harness_with(start(1, None));
    assert!(
        harness
            .state()
            .window_title()
            .starts_with("document-classification — example — "),
        "{}",
        harness.state().window_title()
    );
    // Opening another example retitles the window.
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Open example").click();
    harness.run_ok();
    harness.get_by_label("search-summaries.ron").click();
    harness.run_ok();
    assert!(
        harness
            .state()
            .window_title()
            .starts_with("search-summaries — example")
    );
    // Save asks where: the example is never written over.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    // Offered under the example's own name; replaced with ours.
    assert!(
        harness
            .query_all_by_value("search-summaries.ron")
            .next()
            .is_some()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("File path")
        .type_text(path.to_str().unwrap());
    harness.run_ok();
    harness.get_by_label("Save").click();
    harness.run_ok();
    assert!(path.exists(), "{:?}", harness.state().message());
    assert!(harness.state().window_title().starts_with("mine.ron"));
}

#[test]
fn help_explains_the_metrics_and_says_what_this_build_is() {
    let mut harness = harness();
    // A column header opens the matching entry of Help ▸ The metrics.
    let formula = "= Σ over use cases: share × value per success × success rate";
    assert!(harness.query_by_label(formula).is_none());
    harness.get_by_label("Value per inference").click();
    harness.run_ok();
    assert!(harness.query_by_label(formula).is_some());
    // Every metric with its formula, and each band with what it tells the team, as DOMAIN.md
    // words it.
    assert!(
        harness
            .query_by_label("= value per inference ÷ cost per inference")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("costs exceed value; redesign or decommission")
            .is_some()
    );
    // About: the version and the commit of this build, and the licences.
    harness.get_by_label("Help").click();
    harness.run_ok();
    harness.get_by_label("About").click();
    harness.run_ok();
    let version = format!("Version {}", inference_roi::VERSION);
    assert!(harness.query_by_label(&version).is_some(), "{version}");
    assert!(
        harness
            .query_by_label_contains("Fonts: DejaVu Sans")
            .is_some()
    );
}

#[test]
fn field_labels_and_energy_columns_open_their_entry_in_help() {
    // The success rate feeds the value per inference: its label opens Help at that entry.
    let mut harness = harness();
    let value = "= Σ over use cases: share × value per success × success rate";
    assert!(harness.query_by_label(value).is_none());
    harness
        .get_by_role_and_label(Role::Label, "Success rate")
        .click();
    harness.run_ok();
    assert!(harness.query_by_label(value).is_some());
    // The energy columns' headers open the energy entries, which Help now lists too.
    let mut harness = harness_with(start(0, None));
    let carbon = "= Wh per inference × grid gCO₂e per kWh ÷ 1000";
    assert!(harness.query_by_label(carbon).is_none());
    harness
        .get_by_role_and_label(Role::Label, "gCO₂e per inference")
        .click();
    harness.run_ok();
    assert!(harness.query_by_label(carbon).is_some());
    assert!(
        harness
            .query_by_label("= monthly value ÷ (monthly cost + carbon cost per month)")
            .is_some()
    );
}

/// The name of the focused widget (its label, else its value), if any.
fn focused(harness: &Harness<'static, PlannerApp>) -> Option<String> {
    harness
        .queryable_node()
        .children_recursive()
        .find(|n| n.accesskit_node().is_focused())
        .map(|n| {
            let node = n.accesskit_node();
            node.label().or_else(|| node.value()).unwrap_or_default()
        })
}

#[test]
fn the_keyboard_walks_the_fields_in_reading_order_and_reaches_the_charts_controls() {
    let mut harness = harness();
    let mut walk: Vec<String> = Vec::new();
    for _ in 0..400 {
        harness.key_press(Key::Tab);
        harness.run_ok();
        if let Some(name) = focused(&harness)
            && walk.last() != Some(&name)
        {
            walk.push(name);
        }
    }
    let at = |name: &str| {
        walk.iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("Tab never reaches {name:?}: {walk:#?}"))
    };
    // The scenario panel top to bottom, then the design panel, in reading order.
    assert!(at("Title") < at("Notes") && at("Notes") < at("Currency"));
    assert!(at("Currency") < at("Hours per month") && at("Hours per month") < at("Chart from"));
    assert!(at("Chart from") < at("Chart to"));
    assert!(at("Input price ($)") < at("Output price ($)"));
    // The chart's design toggles and tabs are reachable.
    at("Show GPT-4o API on the chart");
    at("Show Cascade: 8B → GPT-4o on the chart");
    at("Energy & carbon");
    // A tab is chosen from the keyboard: focus it (the tab, not the table's column header of
    // the same name), press Enter.
    let tab_focused = |harness: &Harness<'static, PlannerApp>| {
        harness
            .get_by_role_and_label(Role::Button, "Cost per inference")
            .accesskit_node()
            .is_focused()
    };
    for _ in 0..400 {
        if tab_focused(&harness) {
            break;
        }
        harness.key_press(Key::Tab);
        harness.run_ok();
    }
    assert!(tab_focused(&harness));
    // On the ROI tab the uncertainty toggle sits beside the tabs; Enter on the focused
    // "Cost per inference" tab leaves it.
    assert!(harness.query_by_label("Uncertainty bands").is_some());
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert!(harness.query_by_label("Uncertainty bands").is_none());
    // Presentation mode from the keyboard.
    harness.key_press(Key::F11);
    harness.run_ok();
    assert!(harness.state().presenting());
}

/// File ▸ Compare with…: the earlier version's curves go dashed under the current ones (and into
/// the exported chart, with a legend), the table gains the change in ROI, the Changes tab lists
/// what changed; Compare with saved compares unsaved edits with the file; Clear ends it.
#[test]
fn comparing_with_another_version_and_with_the_saved_file() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.ron");
    let now = dir.path().join("now.ron");
    // The earlier version paid $5.00 per 1M input tokens for GPT-4o, not $2.50.
    std::fs::write(
        &old,
        EXAMPLES[0].text.replacen(
            "input_price_per_mtok: 2.50",
            "input_price_per_mtok: 5.00",
            1,
        ),
    )
    .unwrap();
    std::fs::write(&now, EXAMPLES[0].text).unwrap();
    let mut harness = harness_with(start(0, Some(now.clone())));
    file_menu_path(&mut harness, "Compare with…", &old, "Compare");
    assert_eq!(harness.state().comparing(), Some("old.ron"));
    // The Changes tab: the price, old → new, and the move it explains.
    assert!(harness.query_by_label("Changes since old.ron").is_some());
    assert!(harness.query_by_label("$5.00 → $2.50").is_some());
    let scenario = harness.state().scenario().clone();
    let earlier = io::load(&old).unwrap();
    let compared = econ::diff::diff(&earlier, &scenario, scenario.volume.current);
    assert_eq!(compared.attribution.len(), 1);
    let moved = compared.attribution[0].roi_change.unwrap();
    let shown = format!("+{}", inference_roi::report::format::multiple(moved));
    assert!(
        harness.query_all_by_label(&shown).count() >= 2,
        "{shown} in the Why list and the table"
    );
    assert!(harness.query_by_label("ROI vs old.ron").is_some());
    // The exported chart carries the comparison and says which curves are which.
    harness
        .get_by_role_and_label(Role::Button, "ROI multiple")
        .click();
    harness.run_ok();
    let svg = dir.path().join("chart.svg");
    export_chart(&mut harness, &svg, true);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("dashed, faded: old.ron"), "legend missing");
    // Clear comparison: the column and the tab go.
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Clear comparison").click();
    harness.run_ok();
    assert_eq!(harness.state().comparing(), None);
    assert!(harness.query_by_label("ROI vs old.ron").is_none());
    // Compare with saved: an unsaved edit against the file on disk.
    retype(&mut harness, "Fixed monthly ($)", "1800");
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Compare with saved").click();
    harness.run_ok();
    assert_eq!(harness.state().comparing(), Some("saved"));
    assert!(harness.query_by_label("$800 → $1,800").is_some());
    assert!(harness.query_by_label("ROI vs saved").is_some());
}

/// File ▸ Export review pack…: one HTML file of the document as shown, at its current volume.
#[test]
fn the_review_pack_is_exported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.html");
    let mut harness = harness();
    file_menu_path(&mut harness, "Export review pack…", &path, "Export");
    let html = std::fs::read_to_string(&path).unwrap();
    let scenario = harness.state().scenario().clone();
    assert!(html.contains(&format!("<h1>{}</h1>", scenario.title)));
    assert!(html.contains("Is the inference worth its cost?"));
    assert!(html.contains("<svg"));
    let (message, is_error) = harness.state().message().unwrap();
    assert!(!is_error && message.contains("review.html"), "{message}");
}
