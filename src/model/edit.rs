//! Edits of a scenario in domain terms — a new scenario, a new design of a kind, switching a
//! design's serving kind, unique names, renaming a use case and what refers to it — as plain
//! functions the editor, the command line and tests call without a GUI.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{
    DEFAULT_HOURS_PER_MONTH, Design, FORMAT, Hardware, Route, Scenario, Serving, Throughput,
    UseCase, Volume,
};

/// A scenario with nothing in it yet but one use case and one design to start from.
pub fn starter_scenario() -> Scenario {
    Scenario {
        format: FORMAT,
        title: "New scenario".to_owned(),
        notes: String::new(),
        currency: "USD".to_owned(),
        hours_per_month: DEFAULT_HOURS_PER_MONTH,
        volume: Volume {
            current: 100_000,
            min: 1_000,
            max: 100_000_000,
            peak_to_average: Decimal::ONE,
        },
        use_cases: vec![UseCase {
            name: "Main use".to_owned(),
            share: Decimal::ONE,
            value_per_success: Decimal::new(5, 2),
            size: Decimal::ONE,
        }],
        designs: vec![new_design(
            "Hosted API".to_owned(),
            default_serving(ServingKind::HostedApi),
        )],
        timeline: None,
        actuals: Vec::new(),
        carbon: None,
        ranges: BTreeMap::new(),
    }
}

/// A new design: `serving` under `name`, succeeding 80 % of the time, with no other costs,
/// notes or sources yet.
pub fn new_design(name: String, serving: Serving) -> Design {
    Design::new(name, serving, Decimal::new(8, 1))
}

/// Renames a use case and the per-design overrides and routes that refer to it.
pub fn rename_use_case(scenario: &mut Scenario, index: usize, old: &str, new: String) {
    for design in &mut scenario.designs {
        if let Some(rate) = design.success_by_use_case.remove(old) {
            design.success_by_use_case.insert(new.clone(), rate);
        }
        if let Serving::Routed { routes } = &mut design.serving
            && let Some(route) = routes.remove(old)
        {
            routes.insert(new.clone(), route);
        }
    }
    scenario.use_cases[index].name = new;
}

/// A routed serving for a scenario: every use case sent to the first design that is neither
/// routed nor design `own` (the one being made routed), or to no AI when there is none.
pub fn routed_serving(scenario: &Scenario, own: Option<usize>) -> Serving {
    let target = scenario
        .designs
        .iter()
        .enumerate()
        .find(|(i, d)| Some(*i) != own && d.serving.routes().is_none())
        .map_or(Route::NotServed, |(_, d)| Route::Design(d.name.clone()));
    Serving::Routed {
        routes: scenario
            .use_cases
            .iter()
            .map(|c| (c.name.clone(), target.clone()))
            .collect(),
    }
}

/// Keeps the routes of `changed`'s routed designs (and its timeline's running design) true after
/// an edit of `before`, as part of the same edit (so one undo step):
/// - a design renamed in place (same number of designs) is renamed in every route naming it;
/// - a use case renamed in place keeps its route; a deleted use case loses it; a new one is
///   routed to no AI, visibly, rather than left unrouted;
/// - a route naming a design that was deleted is left naming it, so validation flags it where
///   it is and the person chooses what serves that use case now.
pub fn settle_routes(before: &Scenario, changed: &mut Scenario) {
    let names_a_design = changed
        .timeline
        .as_ref()
        .is_some_and(|t| t.running.is_some());
    if !names_a_design && !changed.designs.iter().any(|d| d.serving.routes().is_some()) {
        return;
    }
    let design_renames: BTreeMap<String, String> = if before.designs.len() == changed.designs.len()
    {
        before
            .designs
            .iter()
            .zip(&changed.designs)
            .filter(|(b, c)| b.name != c.name)
            .filter(|(b, _)| !changed.designs.iter().any(|c| c.name == b.name))
            .map(|(b, c)| (b.name.clone(), c.name.clone()))
            .collect()
    } else {
        BTreeMap::new()
    };
    // The timeline's running design follows a rename the same way.
    if let Some(running) = changed.timeline.as_mut().and_then(|t| t.running.as_mut())
        && let Some(new) = design_renames.get(running.as_str())
    {
        running.clone_from(new);
    }
    let case_renames: BTreeMap<&str, &str> = if before.use_cases.len() == changed.use_cases.len() {
        before
            .use_cases
            .iter()
            .zip(&changed.use_cases)
            .filter(|(b, c)| b.name != c.name)
            .map(|(b, c)| (b.name.as_str(), c.name.as_str()))
            .collect()
    } else {
        BTreeMap::new()
    };
    let cases_now: Vec<String> = changed.use_cases.iter().map(|c| c.name.clone()).collect();
    let case_renames: BTreeMap<String, String> = case_renames
        .into_iter()
        .map(|(b, c)| (b.to_owned(), c.to_owned()))
        .collect();
    for design in &mut changed.designs {
        let Serving::Routed { routes } = &mut design.serving else {
            continue;
        };
        let mut settled = BTreeMap::new();
        for (case, mut route) in std::mem::take(routes) {
            if let Route::Design(name) = &route
                && let Some(new) = design_renames.get(name)
            {
                route = Route::Design(new.clone());
            }
            let case = case_renames.get(&case).cloned().unwrap_or(case);
            settled.insert(case, route);
        }
        // Routes of use cases that are gone go; new use cases start unserved.
        // (A route naming a use case that never existed stays, for validation to flag.)
        let was_known = |case: &str| before.use_cases.iter().any(|c| c.name == case);
        settled.retain(|case, _| cases_now.contains(case) || !was_known(case));
        for case in &cases_now {
            settled.entry(case.clone()).or_insert(Route::NotServed);
        }
        *routes = settled;
    }
}

/// `base`, or `base 2`, `base 3`, … whichever is not taken.
pub fn unique_name<'a>(taken: &(impl Iterator<Item = &'a str> + Clone), base: &str) -> String {
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            base.to_owned()
        } else {
            format!("{base} {n}")
        };
        if !taken.clone().any(|t| t == candidate) {
            return candidate;
        }
        n += 1;
    }
}

/// Starting points for a new design of each kind; every figure is meant to be replaced.
pub fn new_servings() -> Vec<(&'static str, Serving)> {
    vec![
        ("Hosted API", default_serving(ServingKind::HostedApi)),
        ("Self-hosted GPU", default_serving(ServingKind::Gpu)),
        ("Self-hosted CPU", default_serving(ServingKind::Cpu)),
        ("Cascade", default_serving(ServingKind::Cascade)),
    ]
}

/// The serving kinds offered in the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServingKind {
    /// A model behind a vendor API.
    HostedApi,
    /// Self-hosted on GPU instances.
    Gpu,
    /// Self-hosted on CPU instances.
    Cpu,
    /// A primary with a fallback.
    Cascade,
    /// Each use case to another design, or to no AI (a design's top level only).
    Routed,
}

impl ServingKind {
    /// Every kind a cascade stage may be, in menu order.
    pub const ALL: [ServingKind; 4] = [
        ServingKind::HostedApi,
        ServingKind::Gpu,
        ServingKind::Cpu,
        ServingKind::Cascade,
    ];

    /// Every kind a design may be, in menu order.
    pub const DESIGN: [ServingKind; 5] = [
        ServingKind::HostedApi,
        ServingKind::Gpu,
        ServingKind::Cpu,
        ServingKind::Cascade,
        ServingKind::Routed,
    ];

    /// The kind of a serving.
    pub fn of(serving: &Serving) -> Self {
        match serving {
            Serving::HostedApi { .. } => ServingKind::HostedApi,
            Serving::SelfHosted {
                hardware: Hardware::Gpu,
                ..
            } => ServingKind::Gpu,
            Serving::SelfHosted {
                hardware: Hardware::Cpu,
                ..
            } => ServingKind::Cpu,
            Serving::Cascade { .. } => ServingKind::Cascade,
            Serving::Routed { .. } => ServingKind::Routed,
        }
    }

    /// The name shown in the kind selector.
    pub fn label(self) -> &'static str {
        match self {
            ServingKind::HostedApi => "Hosted API",
            ServingKind::Gpu => "Self-hosted GPU",
            ServingKind::Cpu => "Self-hosted CPU",
            ServingKind::Cascade => "Cascade",
            ServingKind::Routed => "Routed",
        }
    }
}

/// A typical starting point for a serving kind (a mid-size API model, one rented GPU or CPU
/// instance, or a cascade of the two). The editor switches kinds with these.
pub fn default_serving(kind: ServingKind) -> Serving {
    let d = |m: i64, s: u32| Decimal::new(m, s);
    match kind {
        ServingKind::HostedApi => Serving::HostedApi {
            input_price_per_mtok: d(250, 2),
            output_price_per_mtok: d(1000, 2),
            price_per_request: Decimal::ZERO,
            input_tokens: d(1000, 0),
            output_tokens: d(250, 0),
            cached_input_share: Decimal::ZERO,
            cached_input_price_per_mtok: None,
            cache_write_share: Decimal::ZERO,
            cache_write_price_per_mtok: None,
            batch_share: Decimal::ZERO,
            batch_discount_pct: Decimal::ZERO,
            discount_pct: Decimal::ZERO,
            energy: None,
            long_context: None,
        },
        ServingKind::Gpu | ServingKind::Cpu => Serving::SelfHosted {
            hardware: if kind == ServingKind::Gpu {
                Hardware::Gpu
            } else {
                Hardware::Cpu
            },
            instance: String::new(),
            price_per_hour: if kind == ServingKind::Gpu {
                d(100, 2)
            } else {
                d(10, 2)
            },
            throughput: Throughput::RequestsPerSecond(if kind == ServingKind::Gpu {
                d(5, 0)
            } else {
                d(20, 0)
            }),
            tokens_per_request: Decimal::ZERO,
            target_utilization: d(6, 1),
            min_instances: 1,
            max_instances: None,
            reserved: None,
            power: None,
        },
        ServingKind::Cascade => Serving::Cascade {
            primary: Box::new(default_serving(ServingKind::Gpu)),
            fallback: Box::new(default_serving(ServingKind::HostedApi)),
            escalation_rate: d(1, 1),
        },
        // Routes name the scenario's designs and use cases: see [`routed_serving`].
        ServingKind::Routed => Serving::Routed {
            routes: BTreeMap::new(),
        },
    }
}

/// The serving after switching it to another kind in the editor, keeping what carries over: a
/// self-hosted stage keeps its figures between GPU and CPU; an API or a self-hosted design becomes
/// the fallback or the primary of a new cascade; a cascade gives back the stage of that kind.
pub fn switch_kind(current: &Serving, kind: ServingKind) -> Serving {
    match (current, kind) {
        (Serving::SelfHosted { .. }, ServingKind::Gpu | ServingKind::Cpu) => {
            let mut next = current.clone();
            if let Serving::SelfHosted { hardware, .. } = &mut next {
                *hardware = if kind == ServingKind::Gpu {
                    Hardware::Gpu
                } else {
                    Hardware::Cpu
                };
            }
            next
        }
        (Serving::HostedApi { .. }, ServingKind::Cascade) => Serving::Cascade {
            primary: Box::new(default_serving(ServingKind::Gpu)),
            fallback: Box::new(current.clone()),
            escalation_rate: Decimal::new(1, 1),
        },
        (Serving::SelfHosted { .. }, ServingKind::Cascade) => Serving::Cascade {
            primary: Box::new(current.clone()),
            fallback: Box::new(default_serving(ServingKind::HostedApi)),
            escalation_rate: Decimal::new(1, 1),
        },
        (Serving::Cascade { fallback, .. }, ServingKind::HostedApi)
            if matches!(**fallback, Serving::HostedApi { .. }) =>
        {
            (**fallback).clone()
        }
        (Serving::Cascade { primary, .. }, ServingKind::Gpu | ServingKind::Cpu)
            if matches!(**primary, Serving::SelfHosted { .. }) =>
        {
            switch_kind(primary, kind)
        }
        _ => default_serving(kind),
    }
}

/// A stage of a cascade, on the way to a serving field (cascades may nest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// The cascade's primary.
    Primary,
    /// The cascade's fallback.
    Fallback,
}

impl Stage {
    /// The stage's step in a field path: `.primary` or `.fallback`.
    pub fn key(self) -> &'static str {
        match self {
            Stage::Primary => ".primary",
            Stage::Fallback => ".fallback",
        }
    }

    /// The stage's prefix in a label for people: "Primary: " or "Fallback: ".
    pub fn label(self) -> &'static str {
        match self {
            Stage::Primary => "Primary: ",
            Stage::Fallback => "Fallback: ",
        }
    }
}

/// The serving reached from `serving` through `stages`, or `None` where a step asks for a
/// stage of something that is not a cascade.
pub fn stage<'a>(mut serving: &'a Serving, stages: &[Stage]) -> Option<&'a Serving> {
    for stage in stages {
        let Serving::Cascade {
            primary, fallback, ..
        } = serving
        else {
            return None;
        };
        serving = match stage {
            Stage::Primary => primary,
            Stage::Fallback => fallback,
        };
    }
    Some(serving)
}

/// The serving reached from `serving` through `stages`, stopping early at a stage that is not a
/// cascade. The one mutable way to a cascade stage: the editor and the what-if engine go
/// through it (and [`stage_mut`]).
pub fn nearest_stage_mut<'a>(mut serving: &'a mut Serving, stages: &[Stage]) -> &'a mut Serving {
    for stage in stages {
        match serving {
            Serving::Cascade {
                primary, fallback, ..
            } => {
                serving = match stage {
                    Stage::Primary => primary.as_mut(),
                    Stage::Fallback => fallback.as_mut(),
                };
            }
            other => return other,
        }
    }
    serving
}

/// The serving at `stages` below `serving`, or the nearest one where the path no longer fits
/// (as [`nearest_stage_mut`] finds it): what an editor of that stage shows, read in place.
pub fn nearest_stage<'a>(mut serving: &'a Serving, stages: &[Stage]) -> &'a Serving {
    for stage in stages {
        match serving {
            Serving::Cascade {
                primary, fallback, ..
            } => {
                serving = match stage {
                    Stage::Primary => primary.as_ref(),
                    Stage::Fallback => fallback.as_ref(),
                };
            }
            other => return other,
        }
    }
    serving
}

/// The serving reached from `serving` through `stages`, or `None` where the path does not fit.
pub fn stage_mut<'a>(serving: &'a mut Serving, stages: &[Stage]) -> Option<&'a mut Serving> {
    if stage(serving, stages).is_some() {
        Some(nearest_stage_mut(serving, stages))
    } else {
        None
    }
}

/// The field path of design `design`'s serving at `stages`: `designs[1].serving.primary`.
pub fn stage_path(design: usize, stages: &[Stage]) -> String {
    let mut path = format!("designs[{design}].serving");
    for stage in stages {
        path.push_str(stage.key());
    }
    path
}
