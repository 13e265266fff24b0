//! What if…: the tornado, goal seek, uncertainty bands simulated off the UI thread, ROI with carbon.

use super::{harness, retype};
use crate::common::gui::GuiHarness;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable};
use inference_roi::econ;
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::model::Serving;
use inference_roi::report::{format, readable_cells};

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
    let mut harness = GuiHarness::builder().with_example(index).build();
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
    let mut harness = GuiHarness::builder().with_example(index).build();
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

/// "What success rate of GPT-4o API makes the upgrade from Routed by use case pay?" on
/// support-routing.ron: the upgrade's measure, picked from the frontier, target 1×; applying the
/// answer raises the success rate until the step's incremental ROI is at least 1×.
#[test]
fn goal_seek_answers_what_makes_the_upgrade_pay() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/support-routing.ron");
    let original = io::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    let before = original.designs[0].success_rate;
    let mut harness = GuiHarness::builder()
        .with_scenario(original.clone())
        .build();
    harness.get_by_label("What if…").click();
    harness.run_ok();
    // Goal seek is below the tornado: scrolled into view first, as a person would.
    harness.get_by_label("incremental ROI").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("incremental ROI").click();
    harness.run_ok();
    // The design below GPT-4o API on the frontier is the default (the question names it).
    harness.get_by_label("Solve for").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("Solve for").click();
    harness.run_ok();
    // The list is long: scrolled down over it, as a person would, to its Success rate.
    let below = harness.get_by_label("Solve for").rect().center() + egui::vec2(0.0, 80.0);
    // Until the entry is in view well inside the list (not cut at its edge).
    let top = below.y + 40.0;
    for _ in 0..20 {
        if harness
            .query_all_by_label("Success rate")
            .any(|n| n.accesskit_node().role() == Role::Button && n.rect().center().y < top)
        {
            break;
        }
        harness.event(egui::Event::PointerMoved(below));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -60.0),
            modifiers: Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.run_ok();
    }
    // The list's entry, not the tornado's row or the editor's label of the same name.
    harness
        .get_all_by_label("Success rate")
        .find(|n| n.accesskit_node().role() == Role::Button)
        .unwrap()
        .click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains(
                "What success rate of \"GPT-4o API\" makes the upgrade from \"Routed by use case\" pay"
            )
            .is_some()
    );
    harness.get_by_label("Apply to the design").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("Apply to the design").click();
    harness.run_ok();
    let scenario = harness.state().scenario().clone();
    let after = scenario.designs[0].success_rate;
    assert!(after > before, "{before} → {after}");
    let upgrade = econ::whatif::Metric::IncrementalRoi { from: 3 };
    let roi = econ::whatif::metric_of(&scenario, 0, upgrade)
        .unwrap()
        .unwrap();
    assert!(roi >= rust_decimal::Decimal::ONE, "{roi}");
    // By hand: a success rate of 1 is worth $4,470 a month here ($439.50 more than Routed at 85 %,
    // $1,110 at 100 %); $1,107.134975… needs 0.85 + 667.634975 / 4,470 = 0.9993590…, up to 0.99936.
    assert_eq!(after, "0.99936".parse().unwrap());
    // One undo step brings the rate back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(harness.state().scenario(), &original);
}
