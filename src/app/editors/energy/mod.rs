//! Energy and carbon inputs in the panels: a hosted stage's published energy per token and a
//! self-hosted stage's power per instance here; the scenario's grid, PUE and carbon price, and a
//! design's own region, in [`carbon`].

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::app::editors::widgets::Editor;
use crate::model::catalog::{Entry, record_source};
use crate::model::edit::{Stage, nearest_stage_mut, stage_path};
use crate::model::{Power, Scenario, Serving, TokenEnergy};

mod carbon;

pub(crate) use carbon::{carbon_ui, design_site_ui};

/// A "▸" menu of catalogue entries, each with its figures and date; the chosen one.
pub(super) fn preset_menu(
    ui: &mut Ui,
    title: &str,
    hint: &str,
    entries: &[&Entry],
    currency: &str,
    today: crate::model::Date,
) -> Option<Entry> {
    if entries.is_empty() {
        return None;
    }
    let mut chosen = None;
    ui.menu_button(title, |ui| {
        ui.label(RichText::new("Published figures with their source and date").weak());
        for entry in entries {
            let stale = crate::model::catalog::stale_months(entry.source.as_of, today)
                .map_or_else(String::new, |m| format!(" — stale, {m} months old"));
            let label = format!(
                "{} · {} · as of {}{stale}",
                entry.name,
                entry.summary(currency),
                entry.source.as_of
            );
            let tip = format!("{}\n{}", entry.source.what, entry.source.url);
            if ui.button(label).on_hover_text(tip).clicked() {
                chosen = Some((*entry).clone());
                ui.close();
            }
        }
    })
    .response
    .on_hover_text(hint);
    chosen
}

/// The source recorded with figures switched on without a published one: it says they are
/// placeholders, so a reader of the file or the report knows.
pub(super) fn placeholder_source(what: &str, today: crate::model::Date) -> crate::model::Source {
    crate::model::Source {
        what: format!(
            "Placeholder {what} figures typed in the planner, from no source: replace them with \
             a published or measured figure (a preset ▸ beside the fields records its source)"
        ),
        url: String::new(),
        as_of: today,
    }
}

/// A serving stage's energy: a hosted model's Wh per token and request, or a self-hosted
/// instance's power; collapsed until opened.
pub fn stage_energy_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    serving: &Serving,
) {
    let path = stage_path(index, steps);
    let (known, what) = match serving {
        Serving::HostedApi { energy, .. } => (energy.is_some(), "energy"),
        Serving::SelfHosted { power, .. } => (power.is_some(), "power"),
        _ => return,
    };
    let set = move |s: &mut Scenario, change: &dyn Fn(&mut Serving)| {
        change(nearest_stage_mut(&mut s.designs[index].serving, steps));
    };
    // Switched on, a stage renting a catalogue instance starts from that instance's power.
    let catalogue_entry = match serving {
        Serving::SelfHosted { instance, .. } => editor
            .catalog
            .iter()
            .find(|e| {
                matches!(&e.preset, crate::model::catalog::Preset::Instance {
                    instance: name,
                    power: Some(_),
                    ..
                } if name == instance)
            })
            .cloned(),
        _ => None,
    };
    let catalogue_power = catalogue_entry.as_ref().and_then(|e| match &e.preset {
        crate::model::catalog::Preset::Instance { power, .. } => *power,
        _ => None,
    });
    egui::CollapsingHeader::new("Energy")
        .id_salt(("energy", &path))
        .default_open(known)
        .show(ui, |ui| {
            estimate_menu_ui(ui, editor, index, steps, serving);
            let label = ui.label("Known");
            let mut on = known;
            if ui
                .checkbox(&mut on, "from a source")
                .labelled_by(label.id)
                .on_hover_text(
                    "Without it the design shows \u{2014} for energy and carbon, never 0.",
                )
                .changed()
            {
                // Figures that come from nowhere say so in the design's sources.
                let source = match &catalogue_entry {
                    Some(entry) if on => Some(entry.energy_design_source()),
                    None if on => Some(placeholder_source(what, editor.today)),
                    _ => None,
                };
                editor.edit(&format!("{path}.{what}"), move |s| {
                    if let Some(source) = source {
                        record_source(&mut s.designs[index].sources, source);
                    }
                    set(s, &|sv| match sv {
                        Serving::HostedApi { energy, .. } => {
                            *energy = on.then_some(TokenEnergy {
                                wh_per_1k_input_tokens: Decimal::new(1, 2),
                                wh_per_1k_output_tokens: Decimal::new(1, 0),
                                wh_per_request: Decimal::ZERO,
                                includes_pue: true,
                            });
                        }
                        Serving::SelfHosted { power, .. } => {
                            *power = on.then_some(catalogue_power.unwrap_or(Power {
                                devices: 1,
                                watts_max: Decimal::from(700),
                                watts_idle: Decimal::from(77),
                                host_watts: Decimal::from(150),
                            }));
                        }
                        _ => {}
                    });
                });
            }
            egui::Grid::new(("energy_grid", &path))
                .num_columns(2)
                .show(ui, |ui| match serving {
                    Serving::HostedApi {
                        energy: Some(e), ..
                    } => hosted_fields(ui, editor, &path, *e, set),
                    Serving::SelfHosted { power: Some(p), .. } => {
                        power_fields(ui, editor, &path, *p, set);
                    }
                    _ => {}
                });
        });
}

/// "Published figures ▸": per-token estimates for a hosted stage, instances' power for a
/// self-hosted one; the chosen figures and their source go into the design as one undo step.
fn estimate_menu_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    serving: &Serving,
) {
    let fitting: Vec<&Entry> = editor
        .catalog
        .iter()
        .filter(|e| e.fits_energy(serving))
        .collect();
    let currency = crate::report::format::currency_prefix(&editor.scenario.currency);
    let hint = "Fill the energy from a published estimate (sources disagree \
        several-fold: a Range is honest); the source is added to the \
        design.";
    let Some(entry) = preset_menu(
        ui,
        "Published figures ▸",
        hint,
        &fitting,
        &currency,
        editor.today,
    ) else {
        return;
    };
    let what = if matches!(serving, Serving::HostedApi { .. }) {
        "energy"
    } else {
        "power"
    };
    editor.edit(&format!("{}.{what}", stage_path(index, steps)), |s| {
        entry.apply_energy(nearest_stage_mut(&mut s.designs[index].serving, steps));
        record_source(&mut s.designs[index].sources, entry.energy_design_source());
    });
}

fn hosted_fields(
    ui: &mut Ui,
    editor: &mut Editor,
    path: &str,
    e: TokenEnergy,
    set: impl Fn(&mut Scenario, &dyn Fn(&mut Serving)) + Copy,
) {
    let fields: [(&str, &str, &str, Decimal); 3] = [
        (
            "wh_per_1k_input_tokens",
            "Wh per 1k input",
            "Energy per 1,000 input tokens (published estimates differ \
             several-fold: a Range is honest).",
            e.wh_per_1k_input_tokens,
        ),
        (
            "wh_per_1k_output_tokens",
            "Wh per 1k output",
            "Energy per 1,000 output tokens.",
            e.wh_per_1k_output_tokens,
        ),
        (
            "wh_per_request",
            "Wh per request",
            "Energy per request on top of tokens.",
            e.wh_per_request,
        ),
    ];
    for (field, label, tip, value) in fields {
        let p = format!("{path}.energy.{field}");
        if let Some(v) = editor.decimal(ui, &p, label, tip, value, "Wh") {
            editor.edit(&p, move |s| {
                set(s, &|sv| {
                    if let Serving::HostedApi {
                        energy: Some(e), ..
                    } = sv
                    {
                        *match field {
                            "wh_per_1k_input_tokens" => &mut e.wh_per_1k_input_tokens,
                            "wh_per_1k_output_tokens" => &mut e.wh_per_1k_output_tokens,
                            _ => &mut e.wh_per_request,
                        } = v;
                    }
                });
            });
        }
    }
    let label = ui.label("Data centre");
    let mut includes = e.includes_pue;
    if ui
        .checkbox(&mut includes, "in the figures")
        .labelled_by(label.id)
        .on_hover_text(
            "Most published per-query figures include the data centre's \
             overhead; if not, the PUE is applied.",
        )
        .changed()
    {
        editor.edit(&format!("{path}.energy.includes_pue"), move |s| {
            set(s, &|sv| {
                if let Serving::HostedApi {
                    energy: Some(e), ..
                } = sv
                {
                    e.includes_pue = includes;
                }
            });
        });
    }
    ui.end_row();
}

fn power_fields(
    ui: &mut Ui,
    editor: &mut Editor,
    path: &str,
    p: Power,
    set: impl Fn(&mut Scenario, &dyn Fn(&mut Serving)) + Copy,
) {
    let f = format!("{path}.power.devices");
    if let Some(n) = editor.count::<u32>(
        ui,
        &f,
        "Devices",
        "Accelerators (or CPU sockets) per instance.",
        p.devices,
        "per instance",
    ) {
        editor.edit(&f, move |s| {
            set(s, &|sv| {
                if let Serving::SelfHosted { power: Some(p), .. } = sv {
                    p.devices = n;
                }
            });
        });
    }
    let fields: [(&str, &str, &str, Decimal); 3] = [
        (
            "watts_max",
            "Full load",
            "Board power of one device at full load (e.g. 700 W for an H100 SXM, 72 W for an L4).",
            p.watts_max,
        ),
        (
            "watts_idle",
            "Idle",
            "Power of one device idle (about 11 % of full load if unpublished).",
            p.watts_idle,
        ),
        (
            "host_watts",
            "Host",
            "The rest of the instance (CPU, memory, network), whatever the load.",
            p.host_watts,
        ),
    ];
    for (field, label, tip, value) in fields {
        let f = format!("{path}.power.{field}");
        if let Some(v) = editor.decimal(ui, &f, label, tip, value, "W") {
            editor.edit(&f, move |s| {
                set(s, &|sv| {
                    if let Serving::SelfHosted { power: Some(p), .. } = sv {
                        *match field {
                            "watts_max" => &mut p.watts_max,
                            "watts_idle" => &mut p.watts_idle,
                            _ => &mut p.host_watts,
                        } = v;
                    }
                });
            });
        }
    }
}
