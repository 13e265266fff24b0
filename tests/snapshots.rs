//! Snapshot images that guard the layout of the main window and the chart. They render with
//! wgpu on the CPU (Mesa llvmpipe); `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` rewrites
//! them after an intended change.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::gui::{App, GuiHarness};
use egui::Theme;

fn harness(example: usize, theme: Theme, size: [f32; 2]) -> App {
    GuiHarness::builder()
        .with_example(example)
        .with_theme(theme)
        .with_size(size)
        .wgpu()
        .build()
}

#[test]
fn main_window() {
    let mut harness = harness(0, Theme::Dark, [1440.0, 900.0]);
    harness.snapshot("main_window");
}

#[test]
fn roi_chart_light_theme() {
    let mut harness = harness(2, Theme::Light, [1440.0, 900.0]);
    harness.snapshot("search_summaries_light");
}

#[test]
fn presentation_mode() {
    let mut harness = harness(2, Theme::Dark, [1280.0, 720.0]);
    harness.key_press(egui::Key::F11);
    harness.run_ok();
    assert!(harness.state().presenting());
    harness.snapshot("presentation");
}

#[test]
fn frontier_tab() {
    use egui_kittest::kittest::Queryable;
    let index = inference_roi::io::examples::EXAMPLES
        .iter()
        .position(|e| e.file_name == "support-routing.ron")
        .unwrap();
    let mut harness = harness(index, Theme::Light, [1440.0, 900.0]);
    harness.get_by_label("Frontier").click();
    harness.run_ok();
    harness.snapshot("frontier");
}
