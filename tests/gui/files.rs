//! Files: the unsaved mark, opening, dropping, recovery and autosave, saving an example, exports
//! (table, chart, review pack) and comparing with another version.

use super::{export_chart, file_menu_path, harness, retype};
use crate::common::gui::{GuiHarness, drop_file};
use crate::common::png_size;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use inference_roi::econ;
use inference_roi::io::{self, examples::EXAMPLES};

#[test]
fn unsaved_mark_and_asking_before_new() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("support.ron");
    std::fs::write(&path, EXAMPLES[0].text).unwrap();
    let mut harness = GuiHarness::builder().with_path(path.clone()).build();
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
fn unsaved_changes_are_offered_back_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("support.ron");
    std::fs::write(&file, EXAMPLES[0].text).unwrap();
    let recovery = inference_roi::app::recovery::Recovery::new(dir.path().join("recovery"));
    let mut changed = io::parse(EXAMPLES[0].text).unwrap();
    changed.title = "Edited before the crash".to_owned();
    recovery.write(&changed, Some(&file)).unwrap();

    let mut harness = GuiHarness::builder()
        .with_example(1)
        .with_recovery_dir(dir.path().join("recovery"))
        .build();
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

#[test]
fn dropping_a_ron_file_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("classification.ron");
    std::fs::write(&file, EXAMPLES[1].text).unwrap();
    let mut harness = harness();
    drop_file(&mut harness, &file);
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
    let mut harness = GuiHarness::builder().with_recovery_dir(dir.path()).build();
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
    let mut harness = GuiHarness::builder().with_path(path.clone()).build();
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
fn an_example_is_titled_by_its_name_and_saving_asks_for_a_path() {
    let mut harness = GuiHarness::builder().with_example(1).build();
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
    let mut harness = GuiHarness::builder().with_path(now.clone()).build();
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
