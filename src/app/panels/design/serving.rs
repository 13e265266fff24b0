//! The design panel's serving editor: the serving kind, then its fields — a hosted API's prices
//! and tokens, a self-hosted stage's instance, throughput and instances, a cascade's stages, a
//! routed design's routes — and "Choose model…" or "Apply preset ▸".

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use super::percent;
use crate::app::editors::models::choose_model_ui;
use crate::app::editors::widgets::{Editor, error_color};
use crate::model::catalog::{Entry, Preset};
use crate::model::edit::{
    ServingKind, Stage, nearest_stage, nearest_stage_mut, routed_serving, stage_path, switch_kind,
};
use crate::model::fields::ServingField;
use crate::model::{Route, Scenario, Serving};
use crate::report::format;

use super::self_hosted::{SelfHostedFields, self_hosted_ui};

/// The serving at `stages` below design `design`'s serving (the nearest one where the path no
/// longer fits, e.g. in the frame a cascade was switched to another kind).
pub(super) fn serving_mut<'s>(
    scenario: &'s mut Scenario,
    design: usize,
    stages: &[Stage],
) -> &'s mut Serving {
    nearest_stage_mut(&mut scenario.designs[design].serving, stages)
}

/// A routed design's routes: one dropdown per use case, offering every design that is not
/// routed, or no AI. A route naming a design that is gone shows it struck out until replaced.
fn routes_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    routes: &std::collections::BTreeMap<String, Route>,
) {
    let targets: Vec<String> = editor
        .scenario
        .designs
        .iter()
        .filter(|d| d.serving.routes().is_none())
        .map(|d| d.name.clone())
        .collect();
    let cases: Vec<String> = editor
        .scenario
        .use_cases
        .iter()
        .map(|c| c.name.clone())
        .collect();
    ui.label(
        "Where each use case is sent: a design, or no AI (its requests \
         earn nothing and cost nothing here).",
    );
    egui::Grid::new(("routes", index))
        .num_columns(2)
        .show(ui, |ui| {
            for case in cases {
                let path = format!("designs[{index}].serving.routes[{case:?}]");
                let current = routes.get(&case).cloned().unwrap_or(Route::NotServed);
                let shown = match &current {
                    Route::Design(name) if targets.contains(name) => RichText::new(name.as_str()),
                    Route::Design(name) => RichText::new(format!("{name} (missing)"))
                        .strikethrough()
                        .color(error_color(ui)),
                    Route::NotServed => RichText::new("No AI"),
                };
                let label = ui.label(format!("  {case}"));
                let mut chosen = current.clone();
                egui::ComboBox::from_id_salt(("route", index, &case))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for target in &targets {
                            ui.selectable_value(
                                &mut chosen,
                                Route::Design(target.clone()),
                                target.as_str(),
                            );
                        }
                        ui.selectable_value(&mut chosen, Route::NotServed, "No AI");
                    })
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(
                        "The design that serves this use case's requests, or No AI to \
                         leave them to people or to nothing.",
                    );
                if chosen != current {
                    editor.edit(&path, move |s| {
                        if let Serving::Routed { routes } = &mut s.designs[index].serving {
                            routes.insert(case, chosen);
                        }
                    });
                }
                ui.end_row();
                if let Some(message) = editor.fields.errors.get(&egui::Id::unique(&path)).cloned() {
                    ui.label("");
                    ui.colored_label(error_color(ui), message);
                    ui.end_row();
                }
            }
        });
}

// The serving kind's fields in the order they read, one branch per kind; each branch is short.
pub(super) fn serving_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    currency: &str,
) {
    // Read in place: the scenario outlives the editor's borrow of it.
    let scenario = editor.scenario;
    let serving = nearest_stage(&scenario.designs[index].serving, steps);
    serving_kind_ui(ui, editor, index, steps, serving);
    match serving {
        Serving::Routed { routes } => routes_ui(ui, editor, index, routes),
        Serving::HostedApi { .. } => {
            hosted_prices_ui(ui, editor, index, steps, serving, currency);
            crate::app::editors::pricing::hosted_levers_ui(ui, editor, index, steps, serving);
            crate::app::editors::pricing_tier::long_context_ui(ui, editor, index, steps, serving);
            crate::app::editors::energy::stage_energy_ui(ui, editor, index, steps, serving);
        }
        Serving::SelfHosted {
            instance,
            price_per_hour,
            throughput,
            tokens_per_request,
            target_utilization,
            min_instances,
            max_instances,
            reserved,
            ..
        } => {
            self_hosted_ui(
                ui,
                editor,
                index,
                steps,
                currency,
                &SelfHostedFields {
                    instance,
                    price_per_hour: *price_per_hour,
                    throughput: *throughput,
                    tokens_per_request: *tokens_per_request,
                    target_utilization: *target_utilization,
                    min_instances: *min_instances,
                    max_instances: *max_instances,
                },
            );
            crate::app::editors::pricing::reserved_ui(
                ui,
                editor,
                index,
                steps,
                *reserved,
                *price_per_hour,
            );
            crate::app::editors::energy::stage_energy_ui(ui, editor, index, steps, serving);
        }
        Serving::Cascade {
            escalation_rate, ..
        } => {
            cascade_ui(ui, editor, index, steps, *escalation_rate, currency);
        }
    }
}

/// The serving kind's dropdown (switching kind replaces the stage) and "Apply preset ▸".
fn serving_kind_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    serving: &Serving,
) {
    let path = stage_path(index, steps);
    let kind = ServingKind::of(serving);
    ui.horizontal(|ui| {
        let label =
            ui.label(RichText::new(if steps.is_empty() { "Serving" } else { "Kind" }).strong());
        let mut chosen = kind;
        egui::ComboBox::from_id_salt(("serving_kind", &path))
            .selected_text(kind.label())
            .show_ui(ui, |ui| {
                let options: &[ServingKind] = if steps.is_empty() {
                    &ServingKind::DESIGN
                } else {
                    &ServingKind::ALL
                };
                for &option in options {
                    if steps.len() >= 2 && option == ServingKind::Cascade {
                        continue;
                    }
                    ui.selectable_value(&mut chosen, option, option.label());
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(
                "How requests are served: a vendor API paid per token, instances \
                 you rent by the hour, or a cheap model that escalates hard \
                 cases.",
            );
        if chosen != kind {
            let replacement = if chosen == ServingKind::Routed {
                routed_serving(editor.scenario, Some(index))
            } else {
                switch_kind(serving, chosen)
            };
            let routed = chosen == ServingKind::Routed;
            editor.edit(&path, |s| {
                *serving_mut(s, index, steps) = replacement;
                // A routed design uses the grid and PUE of the designs it routes to.
                if routed {
                    s.designs[index].grid_g_per_kwh = None;
                    s.designs[index].pue = None;
                }
            });
        }
        if let Some(entry) = choose_model_ui(ui, editor, &path, serving) {
            apply_preset(editor, index, steps, &entry);
        }
        preset_menu_ui(ui, editor, index, steps, serving);
    });
}

/// A hosted API's prices and tokens per request.
fn hosted_prices_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    serving: &Serving,
    currency: &str,
) {
    if !matches!(serving, Serving::HostedApi { .. }) {
        return;
    }
    let path = stage_path(index, steps);
    egui::Grid::new(("hosted", &path))
        .num_columns(2)
        .show(ui, |ui| {
            for which in [
                ServingField::InputPrice,
                ServingField::OutputPrice,
                ServingField::PricePerRequest,
                ServingField::InputTokens,
                ServingField::OutputTokens,
            ] {
                let Some(value) = which.read(serving) else {
                    continue;
                };
                let field = which.field();
                let field_path = format!("{path}.{}", field.key);
                // A unit starting with `/` is an amount of the scenario's currency.
                let label = if field.unit.starts_with('/') {
                    format!("{} ({currency})", field.label)
                } else {
                    field.label.to_owned()
                };
                if let Some(v) =
                    editor.decimal(ui, &field_path, &label, field.help, value, field.unit)
                {
                    editor.edit(&field_path, |s| {
                        if let Some(slot) = which.slot(serving_mut(s, index, steps)) {
                            *slot = v;
                        }
                    });
                }
            }
        });
}

/// A cascade's escalation rate, then its primary and fallback stages, each opened below.
fn cascade_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    escalation_rate: Decimal,
    currency: &str,
) {
    let path = stage_path(index, steps);
    egui::Grid::new(("cascade", &path))
        .num_columns(2)
        .show(ui, |ui| {
            let field_path = format!("{path}.escalation_rate");
            if let Some(rate) = percent(
                ui,
                editor,
                &field_path,
                ServingField::EscalationRate.field().label,
                ServingField::EscalationRate.field().help,
                escalation_rate,
            ) {
                editor.edit(&field_path, |s| {
                    if let Serving::Cascade {
                        escalation_rate, ..
                    } = serving_mut(s, index, steps)
                    {
                        *escalation_rate = rate;
                    }
                });
            }
        });
    for (step, title) in [
        (Stage::Primary, "Primary: answers every request"),
        (Stage::Fallback, "Fallback: answers escalated requests"),
    ] {
        let mut nested = steps.to_vec();
        nested.push(step);
        egui::CollapsingHeader::new(title)
            .id_salt((&path, title))
            .default_open(true)
            .show(ui, |ui| {
                serving_ui(ui, editor, index, &nested, currency);
            });
    }
}

/// "Apply preset ▸": the catalogue entries that fit this stage; applying one fills its prices and
/// records the entry's source and as-of date in the design, as one undo step.
fn preset_menu_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    serving: &Serving,
) {
    // A hosted model is chosen from the searchable list ("Choose model…") instead.
    let fitting: Vec<&Entry> = editor
        .catalog
        .iter()
        .filter(|e| e.fits(serving) && !matches!(e.preset, Preset::HostedModel { .. }))
        .collect();
    if fitting.is_empty() {
        return;
    }
    let currency = format::currency_prefix(&editor.scenario.currency);
    let mut chosen = None;
    ui.menu_button("Apply preset ▸", |ui| {
        ui.label(
            RichText::new("List prices with their source and date")
                .weak()
                .small(),
        );
        for entry in &fitting {
            let price = entry.summary(&currency);
            let stale = crate::model::catalog::stale_months(entry.source.as_of, editor.today)
                .map_or_else(String::new, |m| format!(" — stale, {m} months old"));
            let label = format!(
                "{} · {price} · as of {}{stale}",
                entry.name, entry.source.as_of
            );
            if ui.button(label).on_hover_text(&entry.source.url).clicked() {
                chosen = Some((*entry).clone());
                ui.close();
            }
        }
    })
    .response
    .on_hover_text(
        "Fill the prices from the catalogue of dated list prices; the \
         source is added to the design.",
    );
    if let Some(entry) = chosen {
        apply_preset(editor, index, steps, &entry);
    }
}

/// Fills the stage's prices from `entry` and records its source (and its power's) in the design,
/// as one undo step.
fn apply_preset(editor: &mut Editor, index: usize, steps: &[Stage], entry: &Entry) {
    editor.edit(&stage_path(index, steps), |s| {
        entry.apply(serving_mut(s, index, steps));
        let sources = &mut s.designs[index].sources;
        crate::model::catalog::record_source(sources, entry.design_source());
        // An instance's power comes with its price, and its source with it.
        if entry.energy_source.is_some() {
            crate::model::catalog::record_source(sources, entry.energy_design_source());
        }
    });
}
