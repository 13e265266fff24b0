//! Snapshot images that guard the layout of the main window and the chart. They render with
//! wgpu on the CPU (Mesa llvmpipe); `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` rewrites
//! them after an intended change.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use inference_roi::app::{PlannerApp, Settings, StartOptions};
use inference_roi::io::{self, examples::EXAMPLES};

fn harness(example: usize, dark: bool, size: [f32; 2]) -> Harness<'static, PlannerApp> {
    let options = StartOptions {
        scenario: io::parse(EXAMPLES[example].text).unwrap(),
        path: None,
        message: None,
        recovery_dir: None,
        native_dialogs: false,
        autosave_every: std::time::Duration::ZERO,
    };
    let settings = Settings {
        dark,
        ..Settings::default()
    };
    let mut harness = Harness::builder()
        .with_size(size)
        .with_theme(if dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        })
        .wgpu()
        .build_eframe(|cc| PlannerApp::with_settings(&cc.egui_ctx, options, settings));
    harness.run_ok();
    harness
}

#[test]
fn main_window() {
    let mut harness = harness(0, true, [1440.0, 900.0]);
    harness.snapshot("main_window");
}

#[test]
fn roi_chart_light_theme() {
    let mut harness = harness(2, false, [1440.0, 900.0]);
    harness.snapshot("search_summaries_light");
}

#[test]
fn presentation_mode() {
    let mut harness = harness(2, true, [1280.0, 720.0]);
    harness.key_press(egui::Key::F11);
    harness.run_ok();
    assert!(harness.state().presenting());
    harness.snapshot("presentation");
}
