//! The scenario edits the editor makes, called without a GUI: a new scenario, new designs of each
//! kind, switching kinds, unique names, renaming a use case, and the path to a cascade stage.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use inference_roi::econ::validate;
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::model::edit::{
    ServingKind, Stage, default_serving, new_servings, rename_use_case, stage, stage_mut,
    stage_path, starter_scenario, switch_kind, unique_name,
};
use inference_roi::model::{Serving, Severity};
use rust_decimal::Decimal;

#[test]
fn a_new_scenario_and_every_new_design_are_valid() {
    let mut scenario = starter_scenario();
    for (label, serving) in new_servings() {
        let mut design = scenario.designs[0].clone();
        design.name = unique_name(&scenario.designs.iter().map(|d| d.name.as_str()), label);
        design.serving = serving;
        scenario.designs.push(design);
    }
    let errors: Vec<_> = validate(&scenario)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<&str> = scenario.designs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Hosted API",
            "Hosted API 2",
            "Self-hosted GPU",
            "Self-hosted CPU",
            "Cascade"
        ]
    );
}

#[test]
fn switching_kinds_keeps_what_carries_over() {
    let api = default_serving(ServingKind::HostedApi);
    let cascade = switch_kind(&api, ServingKind::Cascade);
    let Serving::Cascade { fallback, .. } = &cascade else {
        panic!("{cascade:?}")
    };
    assert_eq!(**fallback, api, "the API becomes the fallback");
    assert_eq!(
        switch_kind(&cascade, ServingKind::HostedApi),
        api,
        "and back"
    );
    let gpu = default_serving(ServingKind::Gpu);
    let cpu = switch_kind(&gpu, ServingKind::Cpu);
    assert_eq!(ServingKind::of(&cpu), ServingKind::Cpu);
    assert_eq!(
        switch_kind(&cpu, ServingKind::Gpu),
        gpu,
        "GPU ↔ CPU keeps the figures"
    );
}

#[test]
fn renaming_a_use_case_renames_the_overrides_that_name_it() {
    let mut scenario = io::parse(EXAMPLES[0].text).unwrap();
    let old = scenario.use_cases[2].name.clone();
    assert!(scenario.designs[0].success_by_use_case.contains_key(&old));
    rename_use_case(&mut scenario, 2, &old, "Complaints".to_owned());
    assert_eq!(scenario.use_cases[2].name, "Complaints");
    assert!(!scenario.designs[0].success_by_use_case.contains_key(&old));
    assert!(
        scenario.designs[0]
            .success_by_use_case
            .contains_key("Complaints")
    );
}

#[test]
fn the_path_to_a_cascade_stage() {
    let mut cascade = default_serving(ServingKind::Cascade);
    assert!(matches!(
        stage(&cascade, &[Stage::Fallback]),
        Some(Serving::HostedApi { .. })
    ));
    assert!(stage(&cascade, &[Stage::Fallback, Stage::Primary]).is_none());
    if let Some(Serving::Cascade {
        escalation_rate, ..
    }) = stage_mut(&mut cascade, &[])
    {
        *escalation_rate = Decimal::new(25, 2);
    }
    let Serving::Cascade {
        escalation_rate, ..
    } = &cascade
    else {
        panic!()
    };
    assert_eq!(*escalation_rate, Decimal::new(25, 2));
    assert_eq!(
        stage_path(2, &[Stage::Primary, Stage::Fallback]),
        "designs[2].serving.primary.fallback"
    );
}
