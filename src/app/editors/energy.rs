//! Energy and carbon inputs in the panels: the scenario's grid, PUE and carbon price; a
//! hosted stage's published energy per token; a self-hosted stage's power per instance.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::app::command::Command;
use crate::app::editors::widgets::Editor;
use crate::model::catalog::{CarbonField, Entry, record_source};
use crate::model::edit::{Stage, nearest_stage_mut, stage_path};
use crate::model::{Carbon, Power, Scenario, Serving, TokenEnergy};

/// A "▸" menu of catalogue entries, each with its figures and date; the chosen one.
fn preset_menu(
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

/// The carbon section's preset menus: grids, PUEs and carbon prices; the chosen figure and
/// its source go into the section as one undo step.
fn carbon_presets_ui(ui: &mut Ui, editor: &mut Editor) {
    let currency = crate::report::format::currency_prefix(&editor.scenario.currency);
    let of = |field: CarbonField| -> Vec<&Entry> {
        editor
            .catalog
            .iter()
            .filter(|e| e.carbon_figure().is_some_and(|(f, _)| f == field))
            .collect()
    };
    let menus = [
        (
            CarbonField::Grid,
            "Grid ▸",
            "A country's or cloud region's grid carbon intensity",
        ),
        (
            CarbonField::Pue,
            "PUE ▸",
            "A cloud provider's or the industry's data-centre PUE",
        ),
        (
            CarbonField::Price,
            "Carbon price ▸",
            "A market or social price of carbon, in its own currency",
        ),
    ];
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        for (field, title, hint) in menus {
            if let Some(entry) = preset_menu(ui, title, hint, &of(field), &currency, editor.today) {
                chosen = Some(entry);
            }
        }
    });
    let Some(entry) = chosen else { return };
    let Some((field, value)) = entry.carbon_figure() else {
        return;
    };
    let path = match field {
        CarbonField::Grid => "carbon.grid_g_per_kwh",
        CarbonField::Pue => "carbon.pue",
        CarbonField::Price => "carbon.price_per_tonne",
    };
    editor.edit(path, |s| {
        if let Some(c) = s.carbon.as_mut() {
            *match field {
                CarbonField::Grid => &mut c.grid_g_per_kwh,
                CarbonField::Pue => &mut c.pue,
                CarbonField::Price => &mut c.price_per_tonne,
            } = value;
            record_source(&mut c.sources, entry.energy_design_source());
        }
    });
}

/// The source recorded with figures switched on without a published one: it says they are
/// placeholders, so a reader of the file or the report knows.
fn placeholder_source(what: &str, today: crate::model::Date) -> crate::model::Source {
    crate::model::Source {
        what: format!(
            "Placeholder {what} figures typed in the planner, from no source: replace them with \
             a published or measured figure (a preset ▸ beside the fields records its source)"
        ),
        url: String::new(),
        as_of: today,
    }
}

/// A new carbon section: the world-average grid and the industry-average PUE from the
/// catalogue, with their sources (481 gCO₂e/kWh and 1.56 with a placeholder source when the
/// catalogue in use has neither), and no carbon price.
fn starting_carbon(catalog: &[Entry], today: crate::model::Date) -> Carbon {
    let mut carbon = Carbon {
        grid_g_per_kwh: Decimal::from(481),
        pue: Decimal::new(156, 2),
        price_per_tonne: Decimal::ZERO,
        sources: Vec::new(),
    };
    for (name, field) in [
        ("Grid: World average", CarbonField::Grid),
        (
            "PUE: industry average (Uptime Institute 2024)",
            CarbonField::Pue,
        ),
    ] {
        match catalog.iter().find(|e| e.name == name) {
            Some(entry) => {
                if let Some((f, value)) = entry.carbon_figure()
                    && f == field
                {
                    *match field {
                        CarbonField::Grid => &mut carbon.grid_g_per_kwh,
                        _ => &mut carbon.pue,
                    } = value;
                    record_source(&mut carbon.sources, entry.energy_design_source());
                }
            }
            None => record_source(
                &mut carbon.sources,
                placeholder_source(
                    if field == CarbonField::Grid {
                        "grid"
                    } else {
                        "PUE"
                    },
                    today,
                ),
            ),
        }
    }
    carbon
}

/// The scenario panel's carbon section (or the button that adds one).
pub fn carbon_ui(ui: &mut Ui, editor: &mut Editor) {
    ui.label(RichText::new("Energy and carbon").strong())
        .on_hover_text(
            "The grid the designs draw from and the data centre's overhead: \
             with each design's power or energy per token, they give Wh and \
             gCO₂e per inference and ROI with carbon.",
        );
    let Some(c) = editor.scenario.carbon.clone() else {
        if ui
            .button("+ Add grid and PUE")
            .on_hover_text(
                "Start from the world-average grid (481 gCO₂e per kWh, Ember \
                 2024) and the industry-average PUE (1.56, Uptime Institute \
                 2024), with their sources; then set your region's.",
            )
            .clicked()
        {
            let mut scenario = editor.scenario.clone();
            scenario.carbon = Some(starting_carbon(editor.catalog, editor.today));
            editor.commands.push(Command::Restructure {
                scenario,
                select: None,
            });
        }
        return;
    };
    carbon_fields_ui(ui, editor, &c);
    carbon_presets_ui(ui, editor);
    carbon_sources_ui(ui, editor, &c);
    if ui.small_button("Remove grid and PUE").clicked() {
        let mut scenario = editor.scenario.clone();
        scenario.carbon = None;
        editor.commands.push(Command::Restructure {
            scenario,
            select: None,
        });
    }
}

/// The carbon section's figures: grid intensity, PUE and carbon price.
fn carbon_fields_ui(ui: &mut Ui, editor: &mut Editor, c: &Carbon) {
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
        if let Some(v) = editor.decimal(
            ui,
            p,
            "Grid intensity",
            "Grams of CO₂e per kWh of the grid where the designs run (a \
             design can set its own region's).",
            c.grid_g_per_kwh,
            "gCO₂e/kWh",
        ) {
            editor.edit(p, |s| set(s, &|c| c.grid_g_per_kwh = v));
        }
        let p = "carbon.pue";
        if let Some(v) = editor.decimal(
            ui,
            p,
            "PUE",
            "Power usage effectiveness: the data centre's total energy over \
             its IT energy (1.1 for hyperscalers, about 1.5 on average).",
            c.pue,
            "",
        ) {
            editor.edit(p, |s| set(s, &|c| c.pue = v));
        }
        let p = "carbon.price_per_tonne";
        if let Some(v) = editor.decimal(
            ui,
            p,
            &format!("Carbon price ({currency})"),
            "An internal or market price per tonne of CO₂e (0 for none): it \
             gives ROI with carbon.",
            c.price_per_tonne,
            "/tonne",
        ) {
            editor.edit(p, |s| set(s, &|c| c.price_per_tonne = v));
        }
    });
}

/// The carbon section's sources (stale ones counted in the heading), and a warning when the
/// carbon price is a preset in another currency.
fn carbon_sources_ui(ui: &mut Ui, editor: &mut Editor, c: &Carbon) {
    let stale = c
        .sources
        .iter()
        .filter(|s| crate::model::catalog::stale_months(s.as_of, editor.today).is_some())
        .count();
    let heading = match (c.sources.len(), stale) {
        (0, _) => "Sources (none)".to_owned(),
        (n, 0) => format!("Sources ({n})"),
        (n, k) => format!("Sources ({n}, ⚠ {k} stale)"),
    };
    egui::CollapsingHeader::new(heading)
        .id_salt("carbon_sources")
        .show(ui, |ui| {
            crate::app::editors::sources::sources_ui(
                ui,
                editor,
                crate::app::editors::sources::SourcesOf::Carbon,
                &c.sources,
            );
        })
        .header_response
        .on_hover_text(
            "Where the grid intensity, PUE and carbon price come from, and \
             when they were read; the presets add theirs.",
        );
    if let Some(crate::model::catalog::Preset::CarbonPrice { currency, .. }) = editor
        .catalog
        .iter()
        .find(|e| {
            e.carbon_figure().is_some_and(|(f, v)| {
                f == CarbonField::Price && v == c.price_per_tonne && !c.price_per_tonne.is_zero()
            })
        })
        .map(|e| &e.preset)
        && *currency != editor.scenario.currency
    {
        ui.label(
            RichText::new(format!(
                "⚠ This carbon price is in {currency}; the scenario is in {}: convert it.",
                editor.scenario.currency
            ))
            .color(ui.visuals().warn_fg_color),
        );
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

/// A design running somewhere else than the scenario's site: its own grid intensity and PUE,
/// with the same presets.
pub fn design_site_ui(ui: &mut Ui, editor: &mut Editor, index: usize) {
    let design = &editor.scenario.designs[index];
    let (grid, pue) = (design.grid_g_per_kwh, design.pue);
    let own = grid.is_some() || pue.is_some();
    egui::CollapsingHeader::new("Region (grid and PUE)")
        .id_salt(("design_site", index))
        .default_open(own)
        .show(ui, |ui| {
            let base = format!("designs[{index}]");
            let carbon = editor.scenario.carbon.clone();
            let label = ui.label("Own region");
            let mut on = own;
            if ui
                .checkbox(&mut on, "runs elsewhere")
                .labelled_by(label.id)
                .on_hover_text(
                    "This design's data centre is on another grid or has another PUE \
                     than the scenario's (a hosted API's region, say).",
                )
                .changed()
            {
                editor.edit(&format!("{base}.grid_g_per_kwh"), move |s| {
                    let d = &mut s.designs[index];
                    d.grid_g_per_kwh = on.then(|| {
                        carbon
                            .as_ref()
                            .map_or(Decimal::from(481), |c| c.grid_g_per_kwh)
                    });
                    d.pue = on.then(|| carbon.as_ref().map_or(Decimal::new(12, 1), |c| c.pue));
                });
            }
            if !own {
                return;
            }
            egui::Grid::new(("design_site_grid", index))
                .num_columns(2)
                .show(ui, |ui| {
                    let p = format!("{base}.grid_g_per_kwh");
                    if let Some(g) = grid
                        && let Some(v) = editor.decimal(
                            ui,
                            &p,
                            "Grid intensity",
                            "Grams of CO₂e per kWh of this design's region.",
                            g,
                            "gCO₂e/kWh",
                        )
                    {
                        editor.edit(&p, |s| s.designs[index].grid_g_per_kwh = Some(v));
                    }
                    let p = format!("{base}.pue");
                    if let Some(x) = pue
                        && let Some(v) = editor.decimal(
                            ui,
                            &p,
                            "PUE",
                            "This design's data centre: total energy over IT energy.",
                            x,
                            "",
                        )
                    {
                        editor.edit(&p, |s| s.designs[index].pue = Some(v));
                    }
                });
            site_presets_ui(ui, editor, index);
        });
}

/// The Grid ▸ and PUE ▸ presets of a design's own region; a choice records its source.
fn site_presets_ui(ui: &mut Ui, editor: &mut Editor, index: usize) {
    let base = format!("designs[{index}]");
    let currency = crate::report::format::currency_prefix(&editor.scenario.currency);
    let of = |field: CarbonField| -> Vec<&Entry> {
        editor
            .catalog
            .iter()
            .filter(|e| e.carbon_figure().is_some_and(|(f, _)| f == field))
            .collect()
    };
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        for (field, title) in [(CarbonField::Grid, "Grid ▸"), (CarbonField::Pue, "PUE ▸")] {
            if let Some(e) = preset_menu(
                ui,
                title,
                "Published figures with their source",
                &of(field),
                &currency,
                editor.today,
            ) {
                chosen = Some(e);
            }
        }
    });
    if let Some(entry) = chosen
        && let Some((field, value)) = entry.carbon_figure()
    {
        let path = format!(
            "{base}.{}",
            if field == CarbonField::Grid {
                "grid_g_per_kwh"
            } else {
                "pue"
            }
        );
        editor.edit(&path, |s| {
            let d = &mut s.designs[index];
            if field == CarbonField::Grid {
                d.grid_g_per_kwh = Some(value);
            } else {
                d.pue = Some(value);
            }
            record_source(&mut d.sources, entry.energy_design_source());
        });
    }
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
