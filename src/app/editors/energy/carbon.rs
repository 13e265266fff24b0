//! The scenario's carbon section (grid intensity, PUE, carbon price, their presets and sources)
//! and a design's own region (its grid and PUE where it runs elsewhere).

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use super::{placeholder_source, preset_menu};
use crate::app::command::Command;
use crate::app::editors::widgets::Editor;
use crate::model::catalog::{CarbonField, Entry, record_source};
use crate::model::fields;
use crate::model::{Carbon, Scenario};

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
            fields::GRID.label,
            fields::GRID.help,
            c.grid_g_per_kwh,
            fields::GRID.unit,
        ) {
            editor.edit(p, |s| set(s, &|c| c.grid_g_per_kwh = v));
        }
        let p = "carbon.pue";
        if let Some(v) = editor.decimal(ui, p, fields::PUE.label, fields::PUE.help, c.pue, "") {
            editor.edit(p, |s| set(s, &|c| c.pue = v));
        }
        let p = "carbon.price_per_tonne";
        if let Some(v) = editor.decimal(
            ui,
            p,
            &format!("{} ({currency})", fields::CARBON_PRICE.label),
            fields::CARBON_PRICE.help,
            c.price_per_tonne,
            fields::CARBON_PRICE.unit,
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
