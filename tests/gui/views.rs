//! The window and its views: the chart, presentation mode, the layout on a laptop screen, side
//! panels, the Over time tab, Help and the keyboard.

use super::{export_chart, harness, retype};
use crate::common::gui::{App, GuiHarness};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable};
use inference_roi::econ;
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::report::readable_cells;

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

#[test]
fn on_a_laptop_screen_the_band_and_roi_of_every_design_are_in_view() {
    let harness = GuiHarness::builder().with_size([1280.0, 720.0]).build();
    let scenario = io::parse(EXAMPLES[0].text).unwrap();
    let report = inference_roi::report::Report::new(&scenario, scenario.volume.current);
    // The table's visible part ends where the design panel begins.
    let right = harness.get_by_label("Design: GPT-4o API").rect().left();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 720.0));
    let in_view = |rect: egui::Rect| window.contains_rect(rect) && rect.right() <= right;
    for (design, figures) in scenario.designs.iter().zip(&report.analysis.designs) {
        let cells = readable_cells(figures.as_ref().unwrap(), &scenario.currency);
        let (roi, band) = (&cells[8], &cells[9]);
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

fn example_index(file_name: &str) -> usize {
    EXAMPLES
        .iter()
        .position(|e| e.file_name == file_name)
        .unwrap()
}

#[test]
fn the_over_time_tab_tells_the_timeline_and_exports_it() {
    let index = example_index("support-over-time.ron");
    let mut harness = GuiHarness::builder().with_example(index).build();
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
fn help_explains_the_metrics_and_says_what_this_build_is() {
    let mut harness = harness();
    // A column header opens the matching entry of Help ▸ The metrics.
    let formula = "= Σ over use cases: share × value per success × success rate";
    assert!(harness.query_by_label(formula).is_none());
    harness.get_by_label("Value per inference").click();
    harness.run_ok();
    assert!(harness.query_by_label(formula).is_some());
    // Every metric with its formula, and each band with what it tells the team, as
    // docs/method.md words it.
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
    let mut harness = GuiHarness::builder().with_example(0).build();
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
fn focused(harness: &App) -> Option<String> {
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
    let tab_focused = |harness: &App| {
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
