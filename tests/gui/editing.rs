//! Editing the document through its panels: the table against the command line, designs added and
//! removed, typed values (valid or refused), undo, presets and catalogues, discounts, use cases and
//! routes, the volumes that matter.

use super::{harness, retype};
use crate::common::gui::GuiHarness;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable};
use inference_roi::econ;
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::model::Serving;
use inference_roi::report::readable_cells;

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
        for cell in [&cells[0], &cells[3], &cells[8]] {
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
fn applying_a_preset_fills_the_prices_and_records_the_source() {
    let mut harness = harness();
    let sources_before = harness.state().scenario().designs[0].sources.len();
    harness.get_by_label("Choose model…").click();
    harness.run_ok();
    harness.get_by_label_contains("✔ gpt-4.1 ·").click();
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
    harness.get_by_label("Price catalogue").click();
    harness.run_ok();
    harness.get_by_label("Your own catalogue…").click();
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
    harness.get_by_label("Choose model…").click();
    harness.run_ok();
    assert!(
        harness.query_by_label_contains("✔ gpt-4o ·").is_none(),
        "the bundled checked presets are replaced"
    );
    harness
        .get_by_label_contains("✔ Negotiated GPT-4o ·")
        .click();
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
fn the_use_cases_tab_suggests_a_routing_and_adds_it_as_one_undo_step() {
    let routing = EXAMPLES
        .iter()
        .position(|e| e.file_name == "support-routing.ron")
        .unwrap();
    let mut harness = GuiHarness::builder().with_example(routing).build();
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
    let mut harness = GuiHarness::builder().with_example(routing).build();
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
fn a_long_context_tier_is_added_edited_and_removed_one_undo_step_each() {
    let tier = |s: &inference_roi::model::Scenario| match &s.designs[0].serving {
        Serving::HostedApi { long_context, .. } => *long_context,
        _ => panic!("the first design is a hosted API"),
    };
    let mut harness = harness();
    harness.get_by_label("Long-context tier").click();
    harness.run_ok();
    harness.get_by_label("Long-context prices").click();
    harness.run_ok();
    // A new tier: above 200,000 input tokens at twice the input price ($2.50) and 1.5 times the
    // output price ($10); the average request (1,600 input tokens) is not above it.
    let added = tier(harness.state().scenario()).expect("a tier");
    assert_eq!(added.above_input_tokens.to_string(), "200000");
    assert_eq!(added.input_price_per_mtok.to_string(), "5.00");
    assert_eq!(added.output_price_per_mtok.to_string(), "15");
    assert!(
        harness
            .query_by_label_contains("(1,600 input tokens) is not above the threshold")
            .is_some()
    );
    retype(&mut harness, "  Tier input price ($)", "6");
    assert_eq!(
        tier(harness.state().scenario())
            .unwrap()
            .input_price_per_mtok
            .to_string(),
        "6"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        tier(harness.state().scenario()),
        Some(added),
        "one undo step takes back the price"
    );
    harness.get_by_label("Long-context prices").click();
    harness.run_ok();
    assert_eq!(tier(harness.state().scenario()), None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        tier(harness.state().scenario()),
        Some(added),
        "one undo step brings the tier back"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        tier(harness.state().scenario()),
        None,
        "and one more takes it away"
    );
}
