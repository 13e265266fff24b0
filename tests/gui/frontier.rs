//! The Frontier tab: the cost–value plane of the document shown, across Open example, New, edits
//! and undo, and exported as shown.

use std::collections::HashSet;

use super::{export_chart, retype};
use crate::common::gui::{App, GuiHarness};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use inference_roi::chart::frontier::FrontierScene;
use inference_roi::io::examples::EXAMPLES;

/// The sentences the tab should show for the app's document, from its computed figures.
fn expected(harness: &App) -> Vec<String> {
    let (scenario, computed) = (harness.state().scenario(), harness.state().computed());
    let chart = &computed.chart;
    let scene = FrontierScene::with_excluded(
        scenario,
        &chart.analysis,
        &HashSet::<String>::new(),
        &chart.excluded,
    );
    assert_eq!(scene.volume, scenario.volume.current);
    scene.summary
}

/// The tab shows the plane of the document the app holds now.
fn shows_the_document(harness: &App) {
    let summary = expected(harness);
    assert!(!summary.is_empty());
    for line in &summary {
        assert!(harness.query_by_label(line).is_some(), "{line}");
    }
}

fn open_example(harness: &mut App, file_name: &str) {
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Open example").click();
    harness.run_ok();
    harness.get_by_label(file_name).click();
    harness.run_ok();
    // The edited document asks first.
    if harness.query_by_label("Discard").is_some() {
        harness.get_by_label("Discard").click();
        harness.run_ok();
    }
}

#[test]
fn the_frontier_tab_shows_the_document_shown() {
    let index = EXAMPLES
        .iter()
        .position(|e| e.file_name == "support-routing.ron")
        .unwrap();
    let mut harness = GuiHarness::builder().with_example(index).build();
    harness.get_by_label("Frontier").click();
    harness.run_ok();
    let frontier = "Frontier, cheapest first: GPT-4o mini API → Routed by use case → GPT-4o API";
    assert!(harness.query_by_label(frontier).is_some());
    assert!(
        harness
            .query_by_label("Dominated: Fine-tuned 8B on A10G (by Routed by use case)")
            .is_some()
    );
    shows_the_document(&harness);
    // The points follow the volume: at 20,000 requests a month the figures are the engine's.
    retype(&mut harness, "Current (exact)", "20000");
    assert_eq!(harness.state().scenario().volume.current, 20_000);
    shows_the_document(&harness);
    // Another example, then New: the tab stays, showing each document in turn.
    open_example(&mut harness, "search-summaries.ron");
    assert!(
        harness
            .state()
            .window_title()
            .starts_with("search-summaries")
    );
    assert!(harness.query_by_label(frontier).is_none());
    shows_the_document(&harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_ok();
    assert_eq!(harness.state().scenario().title, "New scenario");
    shows_the_document(&harness);
    // An edit and its undo.
    retype(&mut harness, "Current (exact)", "5000");
    shows_the_document(&harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_ne!(harness.state().scenario().volume.current, 5000);
    shows_the_document(&harness);
    // Exported as shown: the plane, not the ROI chart.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("frontier.svg");
    export_chart(&mut harness, &svg, false);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Monthly cost (USD), log scale"), "the plane");
    assert!(!text.contains("Monthly requests"));
}

#[test]
fn presentation_mode_presents_the_plane() {
    let mut harness = GuiHarness::builder().build();
    harness.get_by_label("Frontier").click();
    harness.run_ok();
    harness.key_press(Key::F11);
    harness.run_ok();
    assert!(harness.state().presenting());
    shows_the_document(&harness);
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert!(!harness.state().presenting());
}
