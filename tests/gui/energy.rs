//! Energy and carbon: entered in the panels, shown in the table and the Energy tab, filled from
//! published figures.

use super::{retype, without_energy};
use crate::common::gui::{App, GuiHarness};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use inference_roi::econ;
use inference_roi::model::Serving;

#[test]
fn energy_is_entered_in_the_panels_and_shown_in_the_table() {
    // search-summaries without its energy data.
    let mut harness = GuiHarness::builder()
        .with_scenario(without_energy(2))
        .build();
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
    let mut harness = GuiHarness::builder().with_example(1).build();
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
    let mut harness = GuiHarness::builder()
        .with_scenario(without_energy(2))
        .build();
    harness.get_by_label("+ Add grid and PUE").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("+ Add grid and PUE").click();
    harness.run_ok();
    // The section starts from the catalogue's world-average grid and industry-average PUE,
    // with their sources.
    let whats = |harness: &App| -> Vec<String> {
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
