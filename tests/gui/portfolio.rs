//! The Portfolio view: open a portfolio, open one of its features, edit it, come back (the
//! figures follow the saved file), change the design a feature runs and undo it, add and remove
//! features, save the portfolio, and the unsaved-changes questions on the way.

use std::path::Path;

use super::{file_menu_path, retype, type_path};
use crate::common::gui::{App, GuiHarness};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use inference_roi::report::portfolio::Rollup;
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// The portfolio fixture (alpha and beta for Support, gamma in euros for Search) copied into a
/// fresh folder, since the test saves into it.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/portfolio");
    for name in [
        "main.ron",
        "over-time.ron",
        "epsilon.ron",
        "alpha.ron",
        "beta.ron",
        "gamma.ron",
        "delta.ron",
    ] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn rollup(harness: &App) -> Rollup {
    harness
        .state()
        .portfolio_rollup()
        .expect("a portfolio is open")
        .clone()
        .expect("the portfolio has totals")
}

fn open_portfolio(harness: &mut App, path: &Path) {
    file_menu_path(harness, "Open portfolio…", path, "Open");
    assert!(
        harness.state().portfolio_shown(),
        "{:?}",
        harness.state().message()
    );
}

fn click_button(harness: &mut App, label: &str) {
    let button = harness.get_by_role_and_label(Role::Button, label);
    button.scroll_to_me();
    harness.run_ok();
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run_ok();
}

fn open_folder_menu(harness: &mut App) {
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Open folder as portfolio…").click();
    harness.run_ok();
}

fn choose_design(harness: &mut App, file: &str, design: &str) {
    harness
        .get_by_label(&format!("Design run by {file}"))
        .click();
    harness.run_ok();
    harness.get_all_by_label(design).last().unwrap().click();
    harness.run_ok();
}

#[test]
fn open_a_feature_edit_it_come_back_and_undo_a_portfolio_change() {
    let dir = folder();
    let mut harness = GuiHarness::builder().build();
    open_portfolio(&mut harness, &dir.path().join("main.ron"));
    // As tests/portfolio.rs works it: $410 a month for $2,800, 6.83×, Good.
    let r = rollup(&harness);
    assert_eq!(
        (r.total.monthly_cost, r.total.monthly_value),
        (d("410"), d("2800"))
    );
    harness.get_by_label_contains("cost $410.00 a month and return $2,800.00: ROI 6.83× (Good)");
    // Worst first: beta (fixed $200 for $100 of value, 0.5×) leads.
    assert_eq!(r.features[0].file, "beta.ron");
    click_button(&mut harness, "Open beta.ron");
    assert!(
        !harness.state().portfolio_shown(),
        "{:?}",
        harness.state().message()
    );
    let beta = dir.path().join("beta.ron");
    assert_eq!(
        harness.state().document().path.as_deref(),
        Some(beta.as_path())
    );
    // Each report is now worth $3: value 100 × 3 = $300 against the same $200.
    retype(&mut harness, "Value per success ($)", "3");
    assert!(harness.state().document().is_dirty());
    click_button(&mut harness, "Back to the portfolio: AI features");
    // The feature has unsaved changes: asked first; saved, the portfolio reads it again.
    harness.get_by_label_contains("has changes that are not saved");
    click_button(&mut harness, "Save");
    assert!(harness.state().portfolio_shown());
    let r = rollup(&harness);
    // $410 for 2,800 − 100 + 300 = $3,000: 3,000 ÷ 410 = 7.317…×.
    assert_eq!(
        (r.total.monthly_cost, r.total.monthly_value),
        (d("410"), d("3000"))
    );
    harness.get_by_label_contains("ROI 7.32× (Good)");
    // alpha runs Small ($100 for $500); Large costs $300 for $900: the total becomes $610 for
    // $3,400, one undo step that Ctrl+Z takes back.
    choose_design(&mut harness, "alpha.ron", "Large");
    let r = rollup(&harness);
    assert_eq!(
        (r.total.monthly_cost, r.total.monthly_value),
        (d("610"), d("3400"))
    );
    let portfolio = harness.state().portfolio().unwrap().clone();
    assert_eq!(portfolio.features[0].design.as_deref(), Some("Large"));
    assert!(harness.state().portfolio_document().unwrap().is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let r = rollup(&harness);
    assert_eq!(
        (r.total.monthly_cost, r.total.monthly_value),
        (d("410"), d("3000"))
    );
    assert_eq!(
        harness.state().portfolio().unwrap().features[0]
            .design
            .as_deref(),
        Some("Small")
    );
    assert!(!harness.state().portfolio_document().unwrap().is_dirty());
    // The scenario's own undo is untouched by the portfolio's: the feature was saved, and the
    // scenario document still holds it.
    assert_eq!(
        harness.state().document().path.as_deref(),
        Some(beta.as_path())
    );
}

#[test]
fn add_remove_and_save_a_portfolio_then_close_it() {
    let dir = folder();
    let mut harness = GuiHarness::builder().build();
    let main = dir.path().join("main.ron");
    open_portfolio(&mut harness, &main);
    // Remove beta (one step), then add delta by its path (another step).
    click_button(&mut harness, "Remove beta.ron");
    assert_eq!(harness.state().portfolio().unwrap().features.len(), 2);
    click_button(&mut harness, "Add feature…");
    type_path(&mut harness, &dir.path().join("delta.ron"), "Add");
    let files: Vec<String> = harness
        .state()
        .portfolio()
        .unwrap()
        .features
        .iter()
        .map(|f| f.file.clone())
        .collect();
    assert_eq!(
        files,
        ["alpha.ron", "gamma.ron", "delta.ron"],
        "relative to the portfolio"
    );
    // Undo takes the add back, then the removal.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(harness.state().portfolio().unwrap().features.len(), 2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(harness.state().portfolio().unwrap().features.len(), 3);
    harness.key_press_modifiers(SHIFT_COMMAND, Key::Z);
    harness.run_ok();
    // Saved with Ctrl+S over its own file, atomically; it reads back as shown.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    assert!(!harness.state().portfolio_document().unwrap().is_dirty());
    let saved = inference_roi::io::portfolio::load_portfolio(&main).unwrap();
    assert_eq!(&saved, harness.state().portfolio().unwrap());
    assert_eq!(saved.features.len(), 2);
    // Closing shows the scenario again.
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Close portfolio").click();
    harness.run_ok();
    assert!(harness.state().portfolio().is_none());
    harness.get_by_label_contains("Customer-support assistant");
}

const SHIFT_COMMAND: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

#[test]
fn an_unsaved_portfolio_is_asked_about_before_another_replaces_it() {
    let dir = folder();
    let mut harness = GuiHarness::builder().build();
    open_portfolio(&mut harness, &dir.path().join("main.ron"));
    choose_design(&mut harness, "alpha.ron", "Large");
    assert!(harness.state().portfolio_document().unwrap().is_dirty());
    // Opening the folder as a portfolio would lose the change: asked, and Cancel keeps it.
    open_folder_menu(&mut harness);
    harness.get_by_label_contains("has changes that are not saved");
    click_button(&mut harness, "Cancel");
    assert_eq!(
        harness.state().portfolio().unwrap().features[0]
            .design
            .as_deref(),
        Some("Large")
    );
    // Discard: the folder opens, every scenario in it a feature, in the first one's currency.
    open_folder_menu(&mut harness);
    click_button(&mut harness, "Discard");
    harness.get_by_label("Open a folder of scenarios as a portfolio");
    type_path(&mut harness, dir.path(), "Open");
    let portfolio = harness.state().portfolio().unwrap().clone();
    let files: Vec<&str> = portfolio.features.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "alpha.ron",
            "beta.ron",
            "delta.ron",
            "epsilon.ron",
            "gamma.ron"
        ]
    );
    assert_eq!(portfolio.currency, "USD");
    assert!(harness.state().portfolio_document().unwrap().path.is_none());
    // gamma is in euros and a folder has no rates: no totals, and the view says which currency.
    let rollup = harness.state().portfolio_rollup().unwrap().clone();
    assert!(rollup.unwrap_err().contains("EUR"));
    // Add a rate for it (one step): the totals come.
    click_button(&mut harness, "Add a rate for EUR");
    assert!(harness.state().portfolio_rollup().unwrap().is_ok());
}

#[test]
fn the_portfolio_exports_its_table_charts_and_pack() {
    let dir = folder();
    let mut harness = GuiHarness::builder().build();
    open_portfolio(&mut harness, &dir.path().join("main.ron"));
    let out = tempfile::tempdir().unwrap();
    let export = |harness: &mut App, item: &str, name: &str| {
        let path = out.path().join(name);
        harness.get_by_label("File").click();
        harness.run_ok();
        harness.get_by_label_contains(item).click();
        harness.run_ok();
        type_path(harness, &path, "Export");
        std::fs::read(&path).unwrap_or_else(|e| {
            panic!("{name}: {e}; {:?}", harness.state().message());
        })
    };
    let csv = String::from_utf8(export(&mut harness, "Export table…", "p.csv")).unwrap();
    assert!(
        csv.contains("alpha.ron") && csv.contains("gamma.ron"),
        "{csv}"
    );
    let md = String::from_utf8(export(&mut harness, "Export table…", "p.md")).unwrap();
    assert!(md.contains("| Support |") || md.contains("Support"), "{md}");
    // The Features tab exports the plane; the budget tab its own chart.
    let png = export(&mut harness, "Export chart…", "plane.png");
    assert_eq!(&png[1..4], b"PNG");
    // main.ron's features have no timelines: no months to chart, and the export says so.
    click_button(&mut harness, "Monthly total and budget");
    harness.get_by_label_contains("No month to chart");
    // over-time.ron's do: delta adds three months from 2027-01, and the $400 budget breaks.
    open_portfolio(&mut harness, &dir.path().join("over-time.ron"));
    click_button(&mut harness, "Monthly total and budget");
    let svg = String::from_utf8(export(&mut harness, "Export chart…", "budget.svg")).unwrap();
    assert!(
        svg.contains("<svg") && svg.contains("Total monthly cost"),
        "{svg}"
    );
    let html =
        String::from_utf8(export(&mut harness, "Export review pack…", "review.html")).unwrap();
    assert!(
        html.contains("Alpha answers") && html.contains("<svg"),
        "self-contained"
    );
    // Exporting over a feature's file is refused: it would replace the scenario.
    let beta = dir.path().join("beta.ron");
    let before = std::fs::read(&beta).unwrap();
    file_menu_path(
        &mut harness,
        "Export table…",
        &beta.with_extension("ron"),
        "Export",
    );
    assert_eq!(std::fs::read(&beta).unwrap(), before);
    assert!(harness.state().message().unwrap().1, "said why");
}

#[test]
fn an_unsaved_portfolio_is_recovered_after_a_crash() {
    let dir = folder();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = GuiHarness::builder()
        .with_recovery_dir(recovery.path())
        .with_autosave_every(std::time::Duration::ZERO)
        .build();
    open_portfolio(&mut harness, &dir.path().join("main.ron"));
    choose_design(&mut harness, "alpha.ron", "Large");
    harness.run_ok();
    assert!(recovery.path().join("recovery-portfolio.ron").is_file());
    // The planner "crashes": a new one starts on the same recovery folder.
    drop(harness);
    let mut harness = GuiHarness::builder()
        .with_recovery_dir(recovery.path())
        .build();
    click_button(&mut harness, "Restore the portfolio");
    assert!(harness.state().portfolio_shown());
    let document = harness.state().portfolio_document().unwrap();
    assert!(document.is_dirty(), "restored changes are unsaved");
    assert_eq!(
        document.path.as_deref(),
        Some(dir.path().join("main.ron").as_path())
    );
    assert_eq!(
        harness.state().portfolio().unwrap().features[0]
            .design
            .as_deref(),
        Some("Large")
    );
    // Saving clears the recovery copy.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    assert!(!recovery.path().join("recovery-portfolio.ron").exists());
}

#[test]
fn the_portfolio_view_presents_its_answer_and_table() {
    let dir = folder();
    let mut harness = GuiHarness::builder().build();
    open_portfolio(&mut harness, &dir.path().join("main.ron"));
    harness.key_press(Key::F11);
    harness.run_ok();
    assert!(harness.state().presenting());
    harness.get_by_label_contains("ROI 6.83× (Good)");
    harness.get_by_label("Teams and the total");
    // Its plane too, and Esc leaves.
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert!(!harness.state().presenting());
    click_button(&mut harness, "Cost–value plane");
    harness.key_press(Key::F11);
    harness.run_ok();
    harness.get_by_label_contains("size: requests a month");
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert!(harness.state().portfolio_shown());
}
