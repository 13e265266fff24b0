//! File ▸ Import bill…: reading a FOCUS bill on a worker thread, assigning its model to a design,
//! adding the measured months, and applying one calibration and undoing it — each one undo step.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{file_menu_path, type_path};
use crate::common::gui::{App, GuiHarness, drop_file};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use inference_roi::model::fields::ServingField;
use inference_roi::model::{Billing, Scenario};
use rust_decimal::Decimal;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/focus")
        .join(name)
}

/// The support assistant mapped for `own.csv`, with its API design's mapping taken out for the
/// test to assign.
fn scenario() -> Scenario {
    let mut s = inference_roi::io::load(&fixture("support-billing.ron")).unwrap();
    s.designs[0].billing = None;
    s
}

/// Runs frames until `label` is on screen (the worker thread reads the bill meanwhile).
fn wait_for(harness: &mut App, label: &str) {
    let start = Instant::now();
    while harness.query_all_by_label_contains(label).next().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{label:?} never appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.run_ok();
    }
}

/// Clicks the button labelled `label` (the `nth` of them), scrolled into view first: the window
/// scrolls.
fn click(harness: &mut App, label: &str, nth: usize) {
    harness
        .get_all_by_role_and_label(Role::Button, label)
        .nth(nth)
        .unwrap()
        .scroll_to_me();
    harness.run_ok();
    harness
        .get_all_by_role_and_label(Role::Button, label)
        .nth(nth)
        .unwrap()
        .click();
    harness.run_ok();
}

fn field(harness: &App, f: ServingField) -> Decimal {
    f.read(&harness.state().scenario().designs[0].serving)
        .unwrap()
}

#[test]
fn import_assign_add_months_calibrate_and_undo() {
    let mut harness = GuiHarness::builder().with_scenario(scenario()).build();
    file_menu_path(&mut harness, "Import bill…", &fixture("own.csv"), "Import");
    wait_for(&mut harness, "What the bill holds");
    harness
        .get_by_label("Assign acme-chat-1 to a design")
        .click();
    harness.run_ok();
    harness
        .get_all_by_label("GPT-4o API")
        .last()
        .unwrap()
        .click();
    harness.run_ok();
    let billing = harness.state().scenario().designs[0].billing.clone();
    assert_eq!(
        billing,
        Some(Billing {
            model: Some("acme-chat-1".to_owned()),
            service: Some("Acme AI".to_owned()),
            ..Billing::default()
        })
    );
    // The mapping changed: the bill is read again with it, and the design's months show.
    wait_for(&mut harness, "Planned serving");

    // The team's counts, then the months: October is acme-chat-1's every row (support 13.25
    // and search 7.00 = 20.25); November its 9 and the GPU fleet's 2.5.
    let dir = tempfile::tempdir().unwrap();
    let requests = dir.path().join("requests.csv");
    std::fs::write(&requests, "month,requests\n2026-10,2000\n2026-11,500\n").unwrap();
    harness.get_by_label("Request counts…").click();
    harness.run_ok();
    type_path(&mut harness, &requests, "Read");
    harness.run_ok();
    click(&mut harness, "Add 2 measured months", 0);
    let actuals = harness.state().scenario().actuals.clone();
    assert_eq!(actuals.len(), 2);
    assert_eq!(actuals[0].cost, Decimal::new(2025, 2));
    assert_eq!(actuals[0].requests, 2000);
    assert_eq!(actuals[1].cost, Decimal::new(115, 1));

    // One calibration, applied and undone. Over both months, output tokens per request are
    // (1M + 0.5M) / 2,500 = 600; with November left out of the calibration, October's
    // 1,000,000 / 2,000 = 500.
    let before = field(&harness, ServingField::OutputTokens);
    assert_eq!(before, Decimal::from(250));
    // The API design's box (it is listed before the fleet).
    for step in 0..2 {
        let november = harness
            .get_all_by_role_and_label(Role::CheckBox, "2026-11")
            .next()
            .unwrap();
        if step == 0 {
            november.scroll_to_me();
        } else {
            november.click();
        }
        harness.run_ok();
    }
    let apply = harness
        .get_all_by_role_and_label(Role::Button, "Apply")
        .count();
    assert!(apply >= 2, "calibrations listed: {apply}");
    // The list runs input tokens, output tokens, …: the second is output tokens.
    click(&mut harness, "Apply", 1);
    assert_eq!(
        field(&harness, ServingField::OutputTokens),
        Decimal::from(500)
    );
    assert_eq!(
        harness.state().scenario().actuals.len(),
        2,
        "the months stay"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(field(&harness, ServingField::OutputTokens), before);
    assert_eq!(harness.state().scenario().actuals.len(), 2);
    // Undo again: the months go; again: the mapping goes.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert!(harness.state().scenario().actuals.is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(harness.state().scenario().designs[0].billing, None);
}

/// A bill dropped on the window is imported; a bill in another currency is refused with the
/// currency named, and the document is as it was.
#[test]
fn dropped_bill_and_a_refusal_that_changes_nothing() {
    let mut harness = GuiHarness::builder().with_scenario(scenario()).build();
    drop_file(&mut harness, &fixture("own.csv"));
    wait_for(&mut harness, "What the bill holds");
    harness.get_by_label("Close window").click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("What the bill holds")
            .is_none()
    );

    let dir = tempfile::tempdir().unwrap();
    let euros = dir.path().join("euros.csv");
    let text = std::fs::read_to_string(fixture("own.csv")).unwrap();
    std::fs::write(&euros, text.replace(",USD,", ",EUR,")).unwrap();
    let before = harness.state().scenario().clone();
    drop_file(&mut harness, &euros);
    wait_for(&mut harness, "the bill is in EUR and the scenario in USD");
    assert!(
        harness
            .query_by_label_contains("Nothing from this read")
            .is_some()
    );
    assert_eq!(*harness.state().scenario(), before);
    assert!(!harness.state().document().is_dirty());
}
