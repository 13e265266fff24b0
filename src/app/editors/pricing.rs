//! The design panel's "Discounts and traffic" groups: a hosted API's prompt caching, batch and
//! negotiated discounts (with the effective input price after caching), and a self-hosted
//! stage's reserved instances.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::app::editors::widgets::Editor;
use crate::model::edit::{Stage, nearest_stage_mut, stage_path};
use crate::model::fields::ServingField;
use crate::model::{Reserved, Serving};
use crate::report::format;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Changes the hosted API at `steps` of design `index` in a scenario copy.
fn with_hosted(
    scenario: &mut crate::model::Scenario,
    index: usize,
    steps: &[Stage],
    change: impl FnOnce(&mut Serving),
) {
    let serving = nearest_stage_mut(&mut scenario.designs[index].serving, steps);
    if matches!(serving, Serving::HostedApi { .. }) {
        change(serving);
    }
}

/// One of a hosted API's percentage levers: the field (its label, help, unit and place come
/// from its description) and whether it is stored as a share (0–1) but typed as a percentage.
struct Lever {
    field: ServingField,
    share: bool,
}

const CACHED_INPUT: Lever = Lever {
    field: ServingField::CachedInputShare,
    share: true,
};
const CACHE_WRITES: Lever = Lever {
    field: ServingField::CacheWriteShare,
    share: true,
};
const BATCHED: Lever = Lever {
    field: ServingField::BatchShare,
    share: true,
};
const BATCH_DISCOUNT: Lever = Lever {
    field: ServingField::BatchDiscount,
    share: false,
};
const NEGOTIATED: Lever = Lever {
    field: ServingField::Discount,
    share: false,
};

/// One lever's row: typed as a percentage, stored by the lever.
fn lever_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    path: &str,
    lever: &Lever,
    stored: Decimal,
) {
    let field = lever.field.field();
    let p = format!("{path}.{}", field.key);
    let shown = if lever.share {
        (stored * HUNDRED).normalize()
    } else {
        stored
    };
    if let Some(v) = editor.decimal(ui, &p, field.label, field.help, shown, field.unit) {
        let v = if lever.share { v / HUNDRED } else { v };
        let which = lever.field;
        editor.edit(&p, move |s| {
            with_hosted(s, index, steps, |sv| {
                if let Some(slot) = which.slot(sv) {
                    *slot = v;
                }
            });
        });
    }
}

/// A hosted API's optional price per 1M tokens (cached input or cache writes), shown at the
/// price it bills (the input price where none is given); typing one sets it.
fn optional_price_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    path: &str,
    which: ServingField,
    shown: Decimal,
) {
    let field = which.field();
    let currency = editor.scenario.currency.clone();
    let p = format!("{path}.{}", field.key);
    let label = format!(
        "{} ({})",
        field.label,
        format::currency_prefix(&currency).trim()
    );
    if let Some(v) = editor.decimal(ui, &p, &label, field.help, shown, field.unit) {
        editor.edit(&p, move |s| {
            with_hosted(s, index, steps, |sv| {
                if let Serving::HostedApi {
                    cached_input_price_per_mtok,
                    cache_write_price_per_mtok,
                    ..
                } = sv
                {
                    match which {
                        ServingField::CacheWritePrice => *cache_write_price_per_mtok = Some(v),
                        _ => *cached_input_price_per_mtok = Some(v),
                    }
                }
            });
        });
    }
}

/// The hosted API's pricing levers, collapsed until opened. The cache-write price shows once
/// some input is written to the cache (or the design gives that price).
pub fn hosted_levers_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    serving: &Serving,
) {
    let Serving::HostedApi {
        input_price_per_mtok,
        cached_input_share,
        cached_input_price_per_mtok,
        cache_write_share,
        cache_write_price_per_mtok,
        batch_share,
        batch_discount_pct,
        discount_pct,
        ..
    } = serving
    else {
        return;
    };
    let path = stage_path(index, steps);
    let currency = editor.scenario.currency.clone();
    let effective = crate::econ::cost::effective_input_price_per_mtok(
        *input_price_per_mtok,
        (*cached_input_share, *cached_input_price_per_mtok),
        (*cache_write_share, *cache_write_price_per_mtok),
    );
    let in_use = [
        cached_input_share,
        cache_write_share,
        batch_share,
        discount_pct,
    ];
    egui::CollapsingHeader::new("Discounts and traffic")
        .id_salt(("levers", &path))
        .default_open(in_use.iter().any(|d| !d.is_zero()))
        .show(ui, |ui| {
            egui::Grid::new(("levers_grid", &path))
                .num_columns(2)
                .show(ui, |ui| {
                    let lever =
                        |ui: &mut Ui, editor: &mut Editor, lever: &Lever, stored: Decimal| {
                            lever_ui(ui, editor, index, steps, &path, lever, stored);
                        };
                    let price =
                        |ui: &mut Ui, editor: &mut Editor, which, stored: Option<Decimal>| {
                            let shown = stored.unwrap_or(*input_price_per_mtok);
                            optional_price_ui(ui, editor, index, steps, &path, which, shown);
                        };
                    lever(ui, editor, &CACHED_INPUT, *cached_input_share);
                    price(
                        ui,
                        editor,
                        ServingField::CachedInputPrice,
                        *cached_input_price_per_mtok,
                    );
                    lever(ui, editor, &CACHE_WRITES, *cache_write_share);
                    if !cache_write_share.is_zero() || cache_write_price_per_mtok.is_some() {
                        price(
                            ui,
                            editor,
                            ServingField::CacheWritePrice,
                            *cache_write_price_per_mtok,
                        );
                    }
                    lever(ui, editor, &BATCHED, *batch_share);
                    lever(ui, editor, &BATCH_DISCOUNT, *batch_discount_pct);
                    lever(ui, editor, &NEGOTIATED, *discount_pct);
                });
            if let Ok(effective) = effective {
                ui.label(
                    RichText::new(format!(
                        "Effective input price after caching: {} per 1M tokens",
                        format::money(effective, &currency)
                    ))
                    .weak(),
                );
            }
        });
}

/// A self-hosted stage's reserved instances: a checkbox, then how many and their price.
pub fn reserved_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    reserved: Option<Reserved>,
    on_demand_price: Decimal,
) {
    let path = stage_path(index, steps);
    let set = move |s: &mut crate::model::Scenario, value: Option<Reserved>| {
        if let Serving::SelfHosted { reserved, .. } =
            nearest_stage_mut(&mut s.designs[index].serving, steps)
        {
            *reserved = value;
        }
    };
    egui::Grid::new(("reserved", &path))
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Reserved");
            let mut on = reserved.is_some();
            if ui
                .checkbox(&mut on, "committed instances")
                .labelled_by(label.id)
                .on_hover_text(
                    "Instances reserved for a year or more at a lower hourly price, \
                     paid whether used or not; more run on demand.",
                )
                .changed()
            {
                let value = on.then_some(Reserved {
                    instances: 1,
                    price_per_hour: (on_demand_price * Decimal::new(6, 1)).round_dp(4),
                });
                editor.edit(&format!("{path}.reserved"), move |s| set(s, value));
            }
            ui.end_row();
            if let Some(r) = reserved {
                let p = format!("{path}.reserved.instances");
                if let Some(k) = editor.count::<u32>(
                    ui,
                    &p,
                    "  instances",
                    "How many instances are reserved (at most the maximum).",
                    r.instances,
                    "instances",
                ) {
                    editor.edit(&p, move |s| set(s, Some(Reserved { instances: k, ..r })));
                }
                let p = format!("{path}.reserved.price_per_hour");
                if let Some(v) = editor.decimal(
                    ui,
                    &p,
                    "  price",
                    "The reserved price of one instance per hour.",
                    r.price_per_hour,
                    "/hour",
                ) {
                    editor.edit(&p, move |s| {
                        set(
                            s,
                            Some(Reserved {
                                price_per_hour: v,
                                ..r
                            }),
                        );
                    });
                }
            }
        });
}
