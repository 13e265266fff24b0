//! The right panel: every field of the selected design, with units and product-terms tooltips.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::app::editors::widgets::{Editor, error_color};
use crate::model::edit::{
    ServingKind, Stage, nearest_stage_mut, routed_serving, stage_path, switch_kind,
};
use crate::model::{Design, Route, Scenario, Serving, Source, Throughput};
use crate::report::format;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// The serving at `stages` below design `design`'s serving (the nearest one where the path no
/// longer fits, e.g. in the frame a cascade was switched to another kind).
fn serving_mut<'s>(scenario: &'s mut Scenario, design: usize, stages: &[Stage]) -> &'s mut Serving {
    nearest_stage_mut(&mut scenario.designs[design].serving, stages)
}

/// Draws the editor of design `index`.
pub fn design_panel_ui(ui: &mut Ui, editor: &mut Editor, index: usize) {
    let Some(design) = editor.scenario.designs.get(index).cloned() else {
        ui.heading("Design");
        ui.label("Select a design on the left, or add one.");
        return;
    };
    let currency = format::currency_prefix(&editor.scenario.currency)
        .trim()
        .to_owned();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(format!("Design: {}", design.name));
            let base = format!("designs[{index}]");
            egui::Grid::new("design_fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let path = format!("{base}.name");
                    if let Some(name) = editor.text(
                        ui,
                        &path,
                        "Name",
                        "A short unique name, shown in the legend and the table.",
                        &design.name,
                    ) {
                        editor.edit(&path, |s| s.designs[index].name = name);
                    }
                });
            ui.separator();
            serving_ui(ui, editor, index, &[], &currency);
            ui.separator();
            ui.label(RichText::new("Outcomes").strong());
            if design.serving.routes().is_some() {
                ui.label("Each use case succeeds at the rate of the design it is sent to.");
            } else {
                success_rates_ui(ui, editor, index, &design);
            }
            if design.serving.routes().is_none() {
                crate::app::editors::energy::design_site_ui(ui, editor, index);
            }
            ui.separator();
            ui.label(RichText::new("Other costs").strong());
            other_costs_ui(ui, editor, index, &design, &currency);
            ui.separator();
            egui::Grid::new("design_notes")
                .num_columns(2)
                .show(ui, |ui| {
                    let path = format!("{base}.notes");
                    if let Some(text) = editor.multiline(
                        ui,
                        &path,
                        "Notes",
                        "Assumptions reviewers should know about.",
                        &design.notes,
                    ) {
                        editor.edit(&path, |s| s.designs[index].notes = text);
                    }
                });
            sources_ui(ui, editor, index, &design.sources);
        });
}

/// A design's success rate, and each use case's own rate where it has one.
fn success_rates_ui(ui: &mut Ui, editor: &mut Editor, index: usize, design: &Design) {
    let base = format!("designs[{index}]");
    egui::Grid::new("design_outcomes")
        .num_columns(2)
        .show(ui, |ui| {
            let path = format!("{base}.success_rate");
            if let Some(pct) = percent(
                ui,
                editor,
                &path,
                "Success rate",
                "The share of requests whose answer is good enough to deliver \
                 the use case's value (measured in evaluation or A/B tests).",
                design.success_rate,
            ) {
                editor.edit(&path, |s| s.designs[index].success_rate = pct);
            }
            let cases = editor.scenario.use_cases.clone();
            for case in &cases {
                let path = format!("{base}.success_by_use_case[{:?}]", case.name);
                let overridden = design.success_by_use_case.get(&case.name).copied();
                let mut on = overridden.is_some();
                let label = ui.label(format!("  {}", case.name));
                ui.horizontal(|ui| {
                    if ui
                        .checkbox(&mut on, "own rate")
                        .labelled_by(label.id)
                        .on_hover_text("Use a different success rate for this use case.")
                        .changed()
                    {
                        let name = case.name.clone();
                        let rate = design.success_rate;
                        editor.edit(&path, move |s| {
                            if on {
                                s.designs[index].success_by_use_case.insert(name, rate);
                            } else {
                                s.designs[index].success_by_use_case.remove(&name);
                            }
                        });
                    }
                });
                ui.end_row();
                if let Some(rate) = overridden
                    && let Some(pct) = percent(
                        ui,
                        editor,
                        &path,
                        &format!("  {} success", case.name),
                        "Success rate for this use case only.",
                        rate,
                    )
                {
                    let name = case.name.clone();
                    editor.edit(&path, move |s| {
                        s.designs[index].success_by_use_case.insert(name, pct);
                    });
                }
            }
        });
}

/// A design's overhead, fixed monthly and one-time costs.
fn other_costs_ui(ui: &mut Ui, editor: &mut Editor, index: usize, design: &Design, currency: &str) {
    let base = format!("designs[{index}]");
    egui::Grid::new("design_costs")
        .num_columns(2)
        .show(ui, |ui| {
            let path = format!("{base}.overhead_pct");
            if let Some(v) = editor.decimal(
                ui,
                &path,
                "Overhead",
                "Extra cost as a percentage of serving cost: retries, moderation \
                 calls, monitoring, egress.",
                design.overhead_pct,
                "% of serving",
            ) {
                editor.edit(&path, |s| s.designs[index].overhead_pct = v);
            }
            let path = format!("{base}.fixed_monthly");
            if let Some(v) = editor.decimal(
                ui,
                &path,
                &format!("Fixed monthly ({currency})"),
                "Cost per month whatever the volume: on-call, evaluation runs, \
                 licences, a share of a platform team.",
                design.fixed_monthly,
                "/month",
            ) {
                editor.edit(&path, |s| s.designs[index].fixed_monthly = v);
            }
            let path = format!("{base}.one_time.amount");
            if let Some(v) = editor.decimal(
                ui,
                &path,
                &format!("One-time ({currency})"),
                "A one-off cost such as fine-tuning, distillation or integration \
                 work, spread evenly over the months below.",
                design.one_time.amount,
                "",
            ) {
                editor.edit(&path, |s| s.designs[index].one_time.amount = v);
            }
            let path = format!("{base}.one_time.months");
            if let Some(v) = editor.count::<u32>(
                ui,
                &path,
                "Spread over",
                "Months over which the one-time cost is amortised (1–1,200).",
                design.one_time.months,
                "months",
            ) {
                editor.edit(&path, |s| s.designs[index].one_time.months = v);
            }
        });
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

/// A 0–1 rate edited as a percentage.
fn percent(
    ui: &mut Ui,
    editor: &mut Editor,
    path: &str,
    label: &str,
    tooltip: &str,
    rate: Decimal,
) -> Option<Decimal> {
    let pct = editor.decimal(ui, path, label, tooltip, (rate * HUNDRED).normalize(), "%")?;
    if pct < Decimal::ZERO || pct > HUNDRED {
        editor.fields.errors.insert(
            egui::Id::unique(path),
            format!("must be between 0 and 100 %, got {pct}"),
        );
        return None;
    }
    Some(pct / HUNDRED)
}

// The serving kind's fields in the order they read, one branch per kind; each branch is short.
#[allow(clippy::too_many_lines)]
fn serving_ui(ui: &mut Ui, editor: &mut Editor, index: usize, steps: &[Stage], currency: &str) {
    let path = stage_path(index, steps);
    let mut scenario = editor.scenario.clone();
    let serving = serving_mut(&mut scenario, index, steps).clone();
    let kind = ServingKind::of(&serving);
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
                switch_kind(&serving, chosen)
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
        preset_menu_ui(ui, editor, index, steps, &serving);
    });
    match &serving {
        Serving::Routed { routes } => routes_ui(ui, editor, index, routes),
        Serving::HostedApi {
            input_price_per_mtok,
            output_price_per_mtok,
            price_per_request,
            input_tokens,
            output_tokens,
            ..
        } => {
            egui::Grid::new(("hosted", &path))
                .num_columns(2)
                .show(ui, |ui| {
                    let fields: [(&str, &str, &str, Decimal, &str); 5] = [
                        (
                            "input_price_per_mtok",
                            "Input price",
                            "The vendor's list price per million input (prompt) tokens, \
                             including system prompt and retrieved context.",
                            *input_price_per_mtok,
                            "/1M tok",
                        ),
                        (
                            "output_price_per_mtok",
                            "Output price",
                            "The vendor's list price per million output (completion) tokens.",
                            *output_price_per_mtok,
                            "/1M tok",
                        ),
                        (
                            "price_per_request",
                            "Price per request",
                            "Any per-call fee on top of tokens (0 if none).",
                            *price_per_request,
                            "/request",
                        ),
                        (
                            "input_tokens",
                            "Input tokens",
                            "Average input tokens per request.",
                            *input_tokens,
                            "tokens",
                        ),
                        (
                            "output_tokens",
                            "Output tokens",
                            "Average output tokens per request.",
                            *output_tokens,
                            "tokens",
                        ),
                    ];
                    for (field, label, tooltip, value, unit) in fields {
                        let field_path = format!("{path}.{field}");
                        let label = if unit.starts_with('/') {
                            format!("{label} ({currency})")
                        } else {
                            label.to_owned()
                        };
                        if let Some(v) =
                            editor.decimal(ui, &field_path, &label, tooltip, value, unit)
                        {
                            editor.edit(&field_path, |s| {
                                if let Serving::HostedApi {
                                    input_price_per_mtok,
                                    output_price_per_mtok,
                                    price_per_request,
                                    input_tokens,
                                    output_tokens,
                                    ..
                                } = serving_mut(s, index, steps)
                                {
                                    *match field {
                                        "input_price_per_mtok" => input_price_per_mtok,
                                        "output_price_per_mtok" => output_price_per_mtok,
                                        "price_per_request" => price_per_request,
                                        "input_tokens" => input_tokens,
                                        _ => output_tokens,
                                    } = v;
                                }
                            });
                        }
                    }
                });
            crate::app::editors::pricing::hosted_levers_ui(ui, editor, index, steps, &serving);
            crate::app::editors::energy::stage_energy_ui(ui, editor, index, steps, &serving);
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
            crate::app::editors::energy::stage_energy_ui(ui, editor, index, steps, &serving);
        }
        Serving::Cascade {
            escalation_rate, ..
        } => {
            egui::Grid::new(("cascade", &path))
                .num_columns(2)
                .show(ui, |ui| {
                    let field_path = format!("{path}.escalation_rate");
                    if let Some(rate) = percent(
                        ui,
                        editor,
                        &field_path,
                        "Escalation rate",
                        "The share of requests the primary passes on to the fallback \
                         (hard or low-confidence cases).",
                        *escalation_rate,
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
    let fitting: Vec<&crate::model::catalog::Entry> =
        editor.catalog.iter().filter(|e| e.fits(serving)).collect();
    if fitting.is_empty() {
        return;
    }
    let currency = format::currency_prefix(&editor.scenario.currency);
    let path = stage_path(index, steps);
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
        editor.edit(&path, |s| {
            entry.apply(serving_mut(s, index, steps));
            let sources = &mut s.designs[index].sources;
            crate::model::catalog::record_source(sources, entry.design_source());
            // An instance's power comes with its price, and its source with it.
            if entry.energy_source.is_some() {
                crate::model::catalog::record_source(sources, entry.energy_design_source());
            }
        });
    }
}

struct SelfHostedFields<'a> {
    instance: &'a str,
    price_per_hour: Decimal,
    throughput: Throughput,
    tokens_per_request: Decimal,
    target_utilization: Decimal,
    min_instances: u32,
    max_instances: Option<u32>,
}

/// Applies `change` to the self-hosted serving at `steps`.
fn with_self_hosted(
    s: &mut Scenario,
    index: usize,
    steps: &[Stage],
    change: impl FnOnce(&mut Serving),
) {
    let serving = serving_mut(s, index, steps);
    if matches!(serving, Serving::SelfHosted { .. }) {
        change(serving);
    }
}

#[allow(clippy::too_many_lines)]
fn self_hosted_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    currency: &str,
    f: &SelfHostedFields,
) {
    let path = stage_path(index, steps);
    egui::Grid::new(("self_hosted", &path))
        .num_columns(2)
        .show(ui, |ui| {
            let p = format!("{path}.instance");
            if let Some(text) = editor.text(
                ui,
                &p,
                "Instance type",
                "The instance you rent, e.g. \"g5.xlarge (1× A10G)\".",
                f.instance,
            ) {
                editor.edit(&p, |s| {
                    with_self_hosted(s, index, steps, |sv| {
                        if let Serving::SelfHosted { instance, .. } = sv {
                            *instance = text;
                        }
                    });
                });
            }
            let p = format!("{path}.price_per_hour");
            if let Some(v) = editor.decimal(
                ui,
                &p,
                &format!("Price per hour ({currency})"),
                "On-demand (or committed) price of one instance per hour.",
                f.price_per_hour,
                "/hour",
            ) {
                editor.edit(&p, |s| {
                    with_self_hosted(s, index, steps, |sv| {
                        if let Serving::SelfHosted { price_per_hour, .. } = sv {
                            *price_per_hour = v;
                        }
                    });
                });
            }
            let (is_tokens, rate) = match f.throughput {
                Throughput::RequestsPerSecond(x) => (false, x),
                Throughput::TokensPerSecond(x) => (true, x),
            };
            let label = ui.label("Throughput unit");
            let mut tokens = is_tokens;
            ui.horizontal(|ui| {
                ui.radio_value(&mut tokens, false, "requests/s")
                    .labelled_by(label.id);
                ui.radio_value(&mut tokens, true, "tokens/s")
                    .labelled_by(label.id);
            });
            ui.end_row();
            if tokens != is_tokens {
                let p = format!("{path}.throughput");
                editor.edit(&p, |s| {
                    with_self_hosted(s, index, steps, |sv| {
                        if let Serving::SelfHosted { throughput, .. } = sv {
                            *throughput = if tokens {
                                Throughput::TokensPerSecond(rate)
                            } else {
                                Throughput::RequestsPerSecond(rate)
                            };
                        }
                    });
                });
            }
            let variant = if is_tokens {
                "TokensPerSecond"
            } else {
                "RequestsPerSecond"
            };
            let p = format!("{path}.throughput.{variant}");
            if let Some(v) = editor.decimal(
                ui,
                &p,
                "Peak throughput",
                "What one instance sustains at acceptable latency, from a load \
                 test.",
                rate,
                if is_tokens { "tokens/s" } else { "requests/s" },
            ) {
                editor.edit(&p, |s| {
                    with_self_hosted(s, index, steps, |sv| {
                        if let Serving::SelfHosted { throughput, .. } = sv {
                            *throughput = if is_tokens {
                                Throughput::TokensPerSecond(v)
                            } else {
                                Throughput::RequestsPerSecond(v)
                            };
                        }
                    });
                });
            }
            let p = format!("{path}.tokens_per_request");
            if let Some(v) = editor.decimal(
                ui,
                &p,
                "Tokens per request",
                "Average input + output tokens per request; needed with \
                 tokens/s, and for cost per 1M tokens (0 = not stated).",
                f.tokens_per_request,
                "tokens",
            ) {
                editor.edit(&p, |s| {
                    with_self_hosted(s, index, steps, |sv| {
                        if let Serving::SelfHosted {
                            tokens_per_request, ..
                        } = sv
                        {
                            *tokens_per_request = v;
                        }
                    });
                });
            }
            let p = format!("{path}.target_utilization");
            if let Some(v) = percent(
                ui,
                editor,
                &p,
                "Target utilisation",
                "The share of peak throughput you plan to use, leaving headroom \
                 for bursts (e.g. 60 %).",
                f.target_utilization,
            ) {
                editor.edit(&p, |s| {
                    with_self_hosted(s, index, steps, |sv| {
                        if let Serving::SelfHosted {
                            target_utilization, ..
                        } = sv
                        {
                            *target_utilization = v;
                        }
                    });
                });
            }
            let p = format!("{path}.min_instances");
            if let Some(v) = editor.count::<u32>(
                ui,
                &p,
                "Minimum instances",
                "Instances that always run, even with no traffic (redundancy, \
                 warm capacity).",
                f.min_instances,
                "instances",
            ) {
                editor.edit(&p, |s| {
                    with_self_hosted(s, index, steps, |sv| {
                        if let Serving::SelfHosted { min_instances, .. } = sv {
                            *min_instances = v;
                        }
                    });
                });
            }
            let label = ui.label("Maximum instances");
            let mut limited = f.max_instances.is_some();
            if ui
                .checkbox(&mut limited, "limited (quota or budget)")
                .labelled_by(label.id)
                .on_hover_text(
                    "Above the maximum the design is over capacity: the chart leaves \
                     it out there.",
                )
                .changed()
            {
                let p = format!("{path}.max_instances");
                let max = limited.then(|| f.min_instances.max(1) * 4);
                editor.edit(&p, |s| {
                    with_self_hosted(s, index, steps, |sv| {
                        if let Serving::SelfHosted { max_instances, .. } = sv {
                            *max_instances = max;
                        }
                    });
                });
            }
            ui.end_row();
            if let Some(max) = f.max_instances {
                let p = format!("{path}.max_instances");
                if let Some(v) = editor.count::<u32>(
                    ui,
                    &p,
                    "  at most",
                    "The most instances available.",
                    max,
                    "instances",
                ) {
                    editor.edit(&p, |s| {
                        with_self_hosted(s, index, steps, |sv| {
                            if let Serving::SelfHosted { max_instances, .. } = sv {
                                *max_instances = Some(v);
                            }
                        });
                    });
                }
            }
        });
}

fn sources_ui(ui: &mut Ui, editor: &mut Editor, index: usize, sources: &[Source]) {
    ui.separator();
    ui.label(RichText::new("Sources").strong())
        .on_hover_text("Where each price or figure comes from, and the date it was read.");
    let routed = editor
        .scenario
        .designs
        .get(index)
        .is_some_and(|d| d.serving.routes().is_some());
    if sources.is_empty() && routed {
        ui.label(
            RichText::new(
                "Its prices are those of the designs it sends use cases to; add \
                 a source for the router's own costs.",
            )
            .weak(),
        );
    } else if sources.is_empty() {
        ui.label(
            RichText::new("⚠ No sources: say where this design's prices come from.")
                .color(error_color(ui)),
        );
    }
    crate::app::editors::sources::sources_ui(
        ui,
        editor,
        crate::app::editors::sources::SourcesOf::Design(index),
        sources,
    );
}
