//! Energy and carbon inputs in the panels: the scenario's grid, PUE and carbon price; a
//! hosted stage's published energy per token; a self-hosted stage's power per instance.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use super::command::Command;
use super::widgets::Editor;
use crate::model::edit::{Stage, nearest_stage_mut, stage_path};
use crate::model::{Carbon, Power, Scenario, Serving, TokenEnergy};

/// The scenario panel's carbon section (or the button that adds one).
pub fn carbon_ui(ui: &mut Ui, editor: &mut Editor) {
    ui.label(RichText::new("Energy and carbon").strong()).on_hover_text(
        "The grid the designs draw from and the data centre's overhead: with each design's power or energy per token, they give Wh and gCO₂e per inference and ROI with carbon.",
    );
    let Some(c) = editor.scenario.carbon.clone() else {
        if ui
            .button("+ Add grid and PUE")
            .on_hover_text("Start from the world average grid (about 480 gCO₂e per kWh) and a PUE of 1.2; set your region's.")
            .clicked()
        {
            let mut scenario = editor.scenario.clone();
            scenario.carbon = Some(Carbon {
                grid_g_per_kwh: Decimal::from(480),
                pue: Decimal::new(12, 1),
                price_per_tonne: Decimal::ZERO,
                sources: Vec::new(),
            });
            editor.commands.push(Command::Restructure { scenario, select: None });
        }
        return;
    };
    let currency = crate::report::format::currency_prefix(&editor.scenario.currency)
        .trim()
        .to_owned();
    egui::Grid::new("carbon").num_columns(2).show(ui, |ui| {
        let set = |s: &mut Scenario, change: &dyn Fn(&mut Carbon)| {
            if let Some(c) = s.carbon.as_mut() {
                change(c);
            }
        };
        let p = "carbon.grid_g_per_kwh";
        if let Some(v) = editor.decimal(ui, p, "Grid intensity", "Grams of CO₂e per kWh of the grid where the designs run (a design can set its own region's).", c.grid_g_per_kwh, "gCO₂e/kWh") {
            editor.edit(p, |s| set(s, &|c| c.grid_g_per_kwh = v));
        }
        let p = "carbon.pue";
        if let Some(v) = editor.decimal(ui, p, "PUE", "Power usage effectiveness: the data centre's total energy over its IT energy (1.1 for hyperscalers, about 1.5 on average).", c.pue, "") {
            editor.edit(p, |s| set(s, &|c| c.pue = v));
        }
        let p = "carbon.price_per_tonne";
        if let Some(v) = editor.decimal(ui, p, &format!("Carbon price ({currency})"), "An internal or market price per tonne of CO₂e (0 for none): it gives ROI with carbon.", c.price_per_tonne, "/tonne") {
            editor.edit(p, |s| set(s, &|c| c.price_per_tonne = v));
        }
    });
    if ui.small_button("Remove grid and PUE").clicked() {
        let mut scenario = editor.scenario.clone();
        scenario.carbon = None;
        editor.commands.push(Command::Restructure {
            scenario,
            select: None,
        });
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
    egui::CollapsingHeader::new("Energy")
        .id_salt(("energy", &path))
        .default_open(known)
        .show(ui, |ui| {
            let label = ui.label("Known");
            let mut on = known;
            if ui
                .checkbox(&mut on, "published or measured")
                .labelled_by(label.id)
                .on_hover_text(
                    "Without it the design shows \u{2014} for energy and carbon, never 0.",
                )
                .changed()
            {
                editor.edit(&format!("{path}.{what}"), move |s| {
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
                            *power = on.then_some(Power {
                                devices: 1,
                                watts_max: Decimal::from(700),
                                watts_idle: Decimal::from(77),
                                host_watts: Decimal::from(150),
                            });
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
            "Energy per 1,000 input tokens (published estimates differ several-fold: a Range is honest).",
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
    let label = ui.label("Includes the data centre");
    let mut includes = e.includes_pue;
    if ui.checkbox(&mut includes, "PUE included").labelled_by(label.id).on_hover_text("Most published per-query figures include the data centre's overhead; if not, the PUE is applied.").changed() {
        editor.edit(&format!("{path}.energy.includes_pue"), move |s| {
            set(s, &|sv| {
                if let Serving::HostedApi { energy: Some(e), .. } = sv {
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
