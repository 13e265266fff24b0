//! Which inputs drive a design's ROI: its own, the use cases', a routed design's designs', and
//! (for goal seek) the pricing levers it does not use yet; and finding one by key or label.

use rust_decimal::Decimal;

use super::input::{CarbonField, Input, ServingField};
use super::{Metric, WhatIfError};
use crate::model::edit::Stage;
use crate::model::{Scenario, Serving, Throughput};

/// Every input that drives design `design`'s ROI at the current volume.
pub fn inputs(scenario: &Scenario, design: usize) -> Vec<Input> {
    inputs_with(scenario, design, false)
}

/// [`inputs`] and the pricing levers a design does not use yet (a prompt-cache share, a batch
/// share, a negotiated discount, all at 0): what goal seek can solve for ("what cache hit share
/// makes the API Good?"), though a tornado has nothing to swing at 0.
pub fn seekable_inputs(scenario: &Scenario, design: usize) -> Vec<Input> {
    inputs_with(scenario, design, true)
}

/// The inputs that drive `metric`: for ROI with carbon, [`inputs`] and the energy and carbon
/// figures (each stage's energy per token or power, the grid, PUE and carbon price).
pub fn inputs_for(scenario: &Scenario, design: usize, metric: Metric) -> Vec<Input> {
    let mut out = inputs(scenario, design);
    if metric == Metric::RoiWithCarbon {
        out.extend(carbon_inputs(scenario, design));
    }
    out
}

/// [`seekable_inputs`], and for ROI with carbon the energy and carbon figures.
pub fn seekable_inputs_for(scenario: &Scenario, design: usize, metric: Metric) -> Vec<Input> {
    let mut out = seekable_inputs(scenario, design);
    if metric == Metric::RoiWithCarbon {
        out.extend(carbon_inputs(scenario, design));
    }
    out
}

/// The energy and carbon figures behind a design's ROI with carbon: its stages' energy per
/// token or power (a routed design's: those of the designs it uses), its own grid and PUE or
/// the scenario's, and the carbon price.
fn carbon_inputs(scenario: &Scenario, design: usize) -> Vec<Input> {
    let Some(d) = scenario.designs.get(design) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let site = |d: &crate::model::Design, out: &mut Vec<Input>, wrap: &dyn Fn(Input) -> Input| {
        for (field, own) in [
            (CarbonField::Grid, d.grid_g_per_kwh.is_some()),
            (CarbonField::Pue, d.pue.is_some()),
        ] {
            if own {
                out.push(wrap(Input::Site(field)));
            } else if scenario.carbon.is_some() && !out.contains(&Input::Carbon(field)) {
                out.push(Input::Carbon(field));
            }
        }
    };
    if let Some(routes) = d.serving.routes() {
        let mut used: Vec<usize> = routes
            .values()
            .filter_map(crate::model::Route::design)
            .filter_map(|name| scenario.designs.iter().position(|d| d.name == name))
            .collect();
        used.sort_unstable();
        used.dedup();
        for j in used {
            let mut energy = Vec::new();
            energy_walk(&scenario.designs[j].serving, &mut Vec::new(), &mut energy);
            out.extend(energy.into_iter().map(|i| Input::Of(j, Box::new(i))));
            site(&scenario.designs[j], &mut out, &|i| {
                Input::Of(j, Box::new(i))
            });
        }
    } else {
        energy_walk(&d.serving, &mut Vec::new(), &mut out);
        site(d, &mut out, &|i| i);
    }
    if scenario.carbon.is_some() {
        out.push(Input::Carbon(CarbonField::Price));
    }
    out
}

/// The energy fields of a serving's stages that have energy data, under `stages`.
fn energy_walk(serving: &Serving, stages: &mut Vec<Stage>, out: &mut Vec<Input>) {
    let fields: &[ServingField] = match serving {
        Serving::HostedApi {
            energy: Some(_), ..
        } => &[
            ServingField::WhPer1kInput,
            ServingField::WhPer1kOutput,
            ServingField::WhPerRequest,
        ],
        Serving::SelfHosted { power: Some(_), .. } => &[
            ServingField::WattsMax,
            ServingField::WattsIdle,
            ServingField::HostWatts,
        ],
        Serving::Cascade {
            primary, fallback, ..
        } => {
            stages.push(Stage::Primary);
            energy_walk(primary, stages, out);
            stages.pop();
            stages.push(Stage::Fallback);
            energy_walk(fallback, stages, out);
            stages.pop();
            &[]
        }
        _ => &[],
    };
    for field in fields {
        out.push(Input::Serving(stages.clone(), *field));
    }
}

fn inputs_with(scenario: &Scenario, design: usize, levers: bool) -> Vec<Input> {
    let Some(d) = scenario.designs.get(design) else {
        return Vec::new();
    };
    if let Some(routes) = d.serving.routes() {
        return routed_inputs(scenario, routes, levers);
    }
    let mut out = vec![Input::Volume];
    for (i, case) in scenario.use_cases.iter().enumerate() {
        out.push(Input::ValuePerSuccess(i));
        if scenario.use_cases.len() > 1 && case.share > Decimal::ZERO {
            out.push(Input::Share(i));
        }
    }
    // The overall rate matters only for use cases without their own.
    if scenario
        .use_cases
        .iter()
        .any(|c| !d.success_by_use_case.contains_key(&c.name))
    {
        out.push(Input::SuccessRate);
    }
    for name in d.success_by_use_case.keys() {
        out.push(Input::SuccessFor(name.clone()));
    }
    walk(&d.serving, &mut Vec::new(), &mut out, levers);
    if self_hosted(&d.serving) {
        out.push(Input::PeakToAverage);
    }
    out.extend([Input::OverheadPct, Input::FixedMonthly, Input::OneTime]);
    out
}

/// A routed design's inputs: the volume, its served use cases' values and every share (shares
/// move load between the designs it uses), then each design it uses — the success rates that
/// apply to the use cases sent there, its serving figures and costs — then its own costs.
fn routed_inputs(
    scenario: &Scenario,
    routes: &std::collections::BTreeMap<String, crate::model::Route>,
    levers: bool,
) -> Vec<Input> {
    let target = |case: &str| {
        routes
            .get(case)
            .and_then(|r| r.design())
            .and_then(|name| scenario.designs.iter().position(|d| d.name == name))
    };
    let mut out = vec![Input::Volume];
    for (i, case) in scenario.use_cases.iter().enumerate() {
        if target(&case.name).is_some() {
            out.push(Input::ValuePerSuccess(i));
        }
        if scenario.use_cases.len() > 1 && case.share > Decimal::ZERO {
            out.push(Input::Share(i));
            out.push(Input::Size(i));
        }
    }
    let mut used: Vec<usize> = scenario
        .use_cases
        .iter()
        .filter_map(|c| target(&c.name))
        .collect();
    used.sort_unstable();
    used.dedup();
    for j in used {
        let other = &scenario.designs[j];
        let served: Vec<&str> = scenario
            .use_cases
            .iter()
            .filter(|c| target(&c.name) == Some(j))
            .map(|c| c.name.as_str())
            .collect();
        let of = |input: Input| Input::Of(j, Box::new(input));
        if served
            .iter()
            .any(|c| !other.success_by_use_case.contains_key(*c))
        {
            out.push(of(Input::SuccessRate));
        }
        for name in other.success_by_use_case.keys() {
            if served.contains(&name.as_str()) {
                out.push(of(Input::SuccessFor(name.clone())));
            }
        }
        let mut serving = Vec::new();
        walk(&other.serving, &mut Vec::new(), &mut serving, levers);
        out.extend(serving.into_iter().map(of));
        out.extend([Input::OverheadPct, Input::FixedMonthly, Input::OneTime].map(of));
    }
    out.extend([Input::OverheadPct, Input::FixedMonthly, Input::OneTime]);
    out
}

/// The inputs of a serving stage (and of a cascade's stages), under `stages`.
fn walk(serving: &Serving, stages: &mut Vec<Stage>, out: &mut Vec<Input>, levers: bool) {
    let fields: &[ServingField] = match serving {
        Serving::HostedApi {
            cached_input_share,
            cached_input_price_per_mtok,
            cache_write_share,
            cache_write_price_per_mtok,
            batch_share,
            discount_pct,
            long_context,
            ..
        } => {
            for field in [
                ServingField::InputPrice,
                ServingField::OutputPrice,
                ServingField::PricePerRequest,
                ServingField::InputTokens,
                ServingField::OutputTokens,
            ] {
                out.push(Input::Serving(stages.clone(), field));
            }
            // A long-context tier's threshold and prices, where the stage has one.
            for field in ServingField::LONG_CONTEXT {
                if long_context.is_some() && field.read(serving).is_some() {
                    out.push(Input::Serving(stages.clone(), field));
                }
            }
            // The pricing levers: those in use, or all of them for goal seek.
            let cached = levers || !cached_input_share.is_zero();
            let written = levers || !cache_write_share.is_zero();
            let batched = levers || !batch_share.is_zero();
            for (field, on) in [
                (ServingField::CachedInputShare, cached),
                (
                    ServingField::CachedInputPrice,
                    cached && cached_input_price_per_mtok.is_some(),
                ),
                (ServingField::CacheWriteShare, written),
                (
                    ServingField::CacheWritePrice,
                    written && cache_write_price_per_mtok.is_some(),
                ),
                (ServingField::BatchShare, batched),
                (ServingField::BatchDiscount, batched),
                (ServingField::Discount, levers || !discount_pct.is_zero()),
            ] {
                if on {
                    out.push(Input::Serving(stages.clone(), field));
                }
            }
            &[]
        }
        Serving::SelfHosted {
            throughput,
            tokens_per_request,
            reserved,
            ..
        } => {
            if reserved.is_some() {
                out.push(Input::Serving(stages.clone(), ServingField::ReservedPrice));
            }
            if matches!(throughput, Throughput::TokensPerSecond(_))
                || *tokens_per_request > Decimal::ZERO
            {
                &[
                    ServingField::PricePerHour,
                    ServingField::Throughput,
                    ServingField::TokensPerRequest,
                    ServingField::TargetUtilization,
                ]
            } else {
                &[
                    ServingField::PricePerHour,
                    ServingField::Throughput,
                    ServingField::TargetUtilization,
                ]
            }
        }
        Serving::Cascade {
            primary, fallback, ..
        } => {
            out.push(Input::Serving(stages.clone(), ServingField::EscalationRate));
            stages.push(Stage::Primary);
            walk(primary, stages, out, levers);
            stages.pop();
            stages.push(Stage::Fallback);
            walk(fallback, stages, out, levers);
            stages.pop();
            &[]
        }
        Serving::Routed { .. } => &[],
    };
    for field in fields {
        out.push(Input::Serving(stages.clone(), *field));
    }
}

/// True when a serving has a self-hosted stage (whose fleet is sized for the peak hour).
fn self_hosted(serving: &Serving) -> bool {
    match serving {
        Serving::SelfHosted { .. } => true,
        Serving::Cascade {
            primary, fallback, ..
        } => self_hosted(primary) || self_hosted(fallback),
        Serving::HostedApi { .. } | Serving::Routed { .. } => false,
    }
}

/// Finds an input of a design by its key (`serving.price_per_hour`, `volume`, `success_rate`)
/// or its label, case-insensitively; the error lists the design's inputs.
pub fn find_input(scenario: &Scenario, design: usize, name: &str) -> Result<Input, WhatIfError> {
    find_input_for(scenario, design, name, Metric::Roi)
}

/// [`find_input`] among the inputs of `metric`; an energy or carbon figure asked for with the
/// ROI metric says that it moves ROI with carbon only.
pub fn find_input_for(
    scenario: &Scenario,
    design: usize,
    name: &str,
    metric: Metric,
) -> Result<Input, WhatIfError> {
    let all = seekable_inputs_for(scenario, design, metric);
    if metric != Metric::RoiWithCarbon
        && let Ok(input) = find_input_for(scenario, design, name, Metric::RoiWithCarbon)
        && !all.contains(&input)
    {
        return Err(WhatIfError::NoInput(format!(
            "{} does not move the ROI, only the ROI with carbon: ask with --metric roi-with-carbon",
            input.key()
        )));
    }
    let wanted = name.trim().to_lowercase();
    let wanted = if wanted == "volume.current" {
        "volume"
    } else {
        wanted.as_str()
    };
    all.iter()
        .find(|i| i.key().to_lowercase() == wanted || i.label(scenario).to_lowercase() == wanted)
        .cloned()
        .ok_or_else(|| {
            WhatIfError::NoInput(format!(
                "design {:?} has no input {name:?}; its inputs are: {}",
                scenario.designs.get(design).map_or("", |d| d.name.as_str()),
                all.iter().map(Input::key).collect::<Vec<_>>().join(", ")
            ))
        })
}
