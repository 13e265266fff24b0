//! The field descriptions (`model::fields`) against what the file writes and what validation
//! refuses, computed independently: a field's key must be the name the file writes its value
//! under, its slot must be that value, and validation must refuse a value just outside its
//! limits at exactly that path while accepting the limits themselves.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;

use inference_roi::econ::validate;
use inference_roi::io;
use inference_roi::model::fields::{Bound, ServingField};
use inference_roi::model::{Scenario, Serving, Severity};
use rust_decimal::Decimal;

const ALL: [ServingField; 22] = [
    ServingField::InputPrice,
    ServingField::OutputPrice,
    ServingField::PricePerRequest,
    ServingField::InputTokens,
    ServingField::OutputTokens,
    ServingField::PricePerHour,
    ServingField::Throughput,
    ServingField::TokensPerRequest,
    ServingField::TargetUtilization,
    ServingField::EscalationRate,
    ServingField::CachedInputShare,
    ServingField::CachedInputPrice,
    ServingField::BatchShare,
    ServingField::BatchDiscount,
    ServingField::Discount,
    ServingField::ReservedPrice,
    ServingField::WhPer1kInput,
    ServingField::WhPer1kOutput,
    ServingField::WhPerRequest,
    ServingField::WattsMax,
    ServingField::WattsIdle,
    ServingField::HostWatts,
];

fn bundled() -> Vec<(String, Scenario)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron")
            && !inference_roi::io::portfolio::is_portfolio_file(&path)
        {
            found.push((path.display().to_string(), io::load(&path).unwrap()));
        }
    }
    found
}

/// The stages of a serving, with their paths: a cascade's own and each of its stages'.
fn stages<'a>(serving: &'a Serving, path: &str, out: &mut Vec<(String, &'a Serving)>) {
    out.push((path.to_owned(), serving));
    if let Serving::Cascade {
        primary, fallback, ..
    } = serving
    {
        stages(primary, &format!("{path}.primary"), out);
        stages(fallback, &format!("{path}.fallback"), out);
    }
}

fn stage_mut<'a>(serving: &'a mut Serving, path: &str) -> &'a mut Serving {
    let mut serving = serving;
    for step in path.split('.').skip(1) {
        let Serving::Cascade {
            primary, fallback, ..
        } = serving
        else {
            unreachable!("a stage path runs through cascades")
        };
        serving = if step == "primary" { primary } else { fallback };
    }
    serving
}

#[test]
fn every_field_key_and_slot_is_what_the_file_writes() {
    let marker = Decimal::from_str("424242.4242").unwrap();
    let mut checked = 0;
    for (file, scenario) in bundled() {
        for (d, design) in scenario.designs.iter().enumerate() {
            let mut found = Vec::new();
            stages(&design.serving, "serving", &mut found);
            for (stage_path, serving) in found {
                for field in ALL {
                    let Some(value) = field.read(serving) else {
                        continue;
                    };
                    let mut changed = scenario.clone();
                    let target = stage_mut(&mut changed.designs[d].serving, &stage_path);
                    assert_eq!(
                        field.slot(target).map(|v| *v),
                        Some(value),
                        "{file}: {field:?}"
                    );
                    *field.slot(target).unwrap() = marker;
                    let text = io::to_ron(&changed).unwrap();
                    let name = field.field().key.rsplit('.').next().unwrap();
                    // The throughput is written inside its unit: `RequestsPerSecond(424242.4242)`.
                    let written = if field == ServingField::Throughput {
                        text.contains("PerSecond(424242.4242)")
                    } else {
                        text.contains(&format!("{name}: 424242.4242"))
                    };
                    assert!(
                        written,
                        "{file}: designs[{d}].{stage_path} {field:?} is not written as {name}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 40, "only {checked} fields checked");
}

/// A value just outside `bound`, on the side `below` says.
fn outside(bound: Bound, below: bool) -> Decimal {
    let step = Decimal::new(1, 3);
    match (bound, below) {
        (Bound::Incl(v), true) => Decimal::from(v) - step,
        (Bound::Incl(v), false) => Decimal::from(v) + step,
        (Bound::Excl(v), _) => Decimal::from(v),
    }
}

#[test]
fn validation_refuses_just_outside_a_field_s_limits_and_accepts_them() {
    let mut checked = 0;
    for (file, scenario) in bundled() {
        for (d, design) in scenario.designs.iter().enumerate() {
            let mut found = Vec::new();
            stages(&design.serving, "serving", &mut found);
            for (stage_path, serving) in found {
                for field in ALL {
                    if field.read(serving).is_none() {
                        continue;
                    }
                    let limits = field.field().limits;
                    let path = match field {
                        ServingField::Throughput => {
                            let unit = if let Serving::SelfHosted { throughput, .. } = serving {
                                format!("{throughput:?}")
                                    .split('(')
                                    .next()
                                    .unwrap()
                                    .to_owned()
                            } else {
                                unreachable!()
                            };
                            format!("designs[{d}].{stage_path}.throughput.{unit}")
                        }
                        _ => format!("designs[{d}].{stage_path}.{}", field.field().key),
                    };
                    for (value, refused) in [
                        (outside(limits.low, true), true),
                        (outside(limits.high, false), true),
                    ] {
                        let mut changed = scenario.clone();
                        let target = stage_mut(&mut changed.designs[d].serving, &stage_path);
                        *field.slot(target).unwrap() = value;
                        let problems = validate(&changed);
                        let at_path = problems.iter().any(|p| {
                            p.severity == Severity::Error
                                && p.path == path
                                && p.message.starts_with("must be in")
                        });
                        assert_eq!(at_path, refused, "{file}: {path} = {value}: {problems:#?}");
                        checked += 1;
                    }
                    let Bound::Incl(high) = limits.high else {
                        continue;
                    };
                    let mut changed = scenario.clone();
                    let target = stage_mut(&mut changed.designs[d].serving, &stage_path);
                    *field.slot(target).unwrap() = Decimal::from(high);
                    let problems = validate(&changed);
                    assert!(
                        !problems
                            .iter()
                            .any(|p| p.path == path && p.message.starts_with("must be in")),
                        "{file}: {path} = {high} is refused: {problems:#?}"
                    );
                }
            }
        }
    }
    assert!(checked > 80, "only {checked} values checked");
}
