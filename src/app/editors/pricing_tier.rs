//! The design panel's "Long-context tier" group of a hosted API: a checkbox to add or remove the
//! tier (one undo step each), then its threshold and prices, labelled from the field registry
//! (`docs/method.md#pricing-as-bills-charge-it`).

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::app::editors::widgets::Editor;
use crate::model::edit::{Stage, nearest_stage_mut, stage_path};
use crate::model::fields::ServingField;
use crate::model::{LongContext, Serving};

/// The threshold a new tier starts at: the 200,000 input tokens where Anthropic's and Google's
/// long-context prices begin.
const DEFAULT_THRESHOLD: Decimal = Decimal::from_parts(200_000, 0, 0, false, 0);

/// Sets the long-context tier of the hosted API at `steps` of design `index`.
fn set_tier(
    scenario: &mut crate::model::Scenario,
    index: usize,
    steps: &[Stage],
    value: Option<LongContext>,
) {
    if let Serving::HostedApi { long_context, .. } =
        nearest_stage_mut(&mut scenario.designs[index].serving, steps)
    {
        *long_context = value;
    }
}

/// The hosted API's long-context tier: a checkbox, then its fields.
pub fn long_context_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    serving: &Serving,
) {
    let Serving::HostedApi { long_context, .. } = serving else {
        return;
    };
    let path = stage_path(index, steps);
    egui::CollapsingHeader::new("Long-context tier")
        .id_salt(("long_context", &path))
        .default_open(long_context.is_some())
        .show(ui, |ui| {
            tier_grid(ui, editor, index, steps, serving);
        });
}

/// The tier's checkbox and fields.
fn tier_grid(ui: &mut Ui, editor: &mut Editor, index: usize, steps: &[Stage], serving: &Serving) {
    let Serving::HostedApi {
        input_price_per_mtok,
        output_price_per_mtok,
        cache_write_share,
        input_tokens,
        long_context,
        ..
    } = serving
    else {
        return;
    };
    let path = stage_path(index, steps);
    let currency = crate::report::format::currency_prefix(&editor.scenario.currency)
        .trim()
        .to_owned();
    egui::Grid::new(("long_context_grid", &path))
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Long-context prices");
            let mut on = long_context.is_some();
            if ui
                .checkbox(&mut on, "dearer above a length")
                .labelled_by(label.id)
                .on_hover_text(
                    "Some vendors bill a request whose input is longer than a threshold at dearer \
                     prices, the whole request, not only the excess. Compared with this design's \
                     average input tokens.",
                )
                .changed()
            {
                // A new tier starts at twice the input and 1.5 times the output price, as the
                // vendors' tiers mostly are; the file's figures replace these.
                let value = on.then(|| LongContext {
                    above_input_tokens: DEFAULT_THRESHOLD,
                    input_price_per_mtok: input_price_per_mtok * Decimal::TWO,
                    output_price_per_mtok: (output_price_per_mtok * Decimal::new(15, 1))
                        .normalize(),
                    cached_input_price_per_mtok: None,
                    cache_write_price_per_mtok: None,
                });
                editor.edit(&format!("{path}.long_context"), move |s| {
                    set_tier(s, index, steps, value);
                });
            }
            ui.end_row();
            let Some(tier) = long_context else {
                return;
            };
            // The cache-write price shows once the design writes to the cache (or the tier
            // gives that price).
            let writes = !cache_write_share.is_zero() || tier.cache_write_price_per_mtok.is_some();
            for which in ServingField::LONG_CONTEXT {
                if which == ServingField::LongContextCacheWritePrice && !writes {
                    continue;
                }
                let field = which.field();
                let Some(value) = shown(serving, tier, which) else {
                    continue;
                };
                let field_path = format!("{path}.{}", field.key);
                let label = if field.unit.starts_with('/') {
                    format!("  {} ({currency})", field.label)
                } else {
                    format!("  {}", field.label)
                };
                if let Some(v) =
                    editor.decimal(ui, &field_path, &label, field.help, value, field.unit)
                {
                    let changed = with_field(*tier, which, v);
                    editor.edit(&field_path, move |s| {
                        set_tier(s, index, steps, Some(changed));
                    });
                }
            }
        });
    if let Some(tier) = long_context {
        let above = if tier.applies(*input_tokens) {
            "is"
        } else {
            "is not"
        };
        ui.add(
            egui::Label::new(
                RichText::new(format!(
                    "The average request ({} input tokens) {above} above the threshold.",
                    crate::report::format::whole(*input_tokens)
                ))
                .weak(),
            )
            .wrap(),
        );
    }
}

/// The tier's field as the editor shows it: its own value, or for an absent cached or
/// cache-write price the one the tier bills (`None` where it cannot be worked out).
fn shown(serving: &Serving, tier: &LongContext, which: ServingField) -> Option<Decimal> {
    if let Some(v) = which.read(serving) {
        return Some(v);
    }
    let Serving::HostedApi {
        input_price_per_mtok,
        output_price_per_mtok,
        cached_input_price_per_mtok,
        cache_write_price_per_mtok,
        ..
    } = serving
    else {
        return None;
    };
    let base = crate::econ::cost::BasePrices {
        input: *input_price_per_mtok,
        output: *output_price_per_mtok,
        cached_input: *cached_input_price_per_mtok,
        cache_write: *cache_write_price_per_mtok,
    };
    let p =
        crate::econ::cost::billed_prices(base, tier.above_input_tokens + Decimal::ONE, Some(tier))
            .ok()?;
    Some(match which {
        ServingField::LongContextCacheWritePrice => p.cache_write.unwrap_or(p.input),
        _ => p.cached_input.unwrap_or(p.input),
    })
}

/// `tier` with the field `which` set to `v`.
fn with_field(mut tier: LongContext, which: ServingField, v: Decimal) -> LongContext {
    match which {
        ServingField::LongContextThreshold => tier.above_input_tokens = v,
        ServingField::LongContextInputPrice => tier.input_price_per_mtok = v,
        ServingField::LongContextOutputPrice => tier.output_price_per_mtok = v,
        ServingField::LongContextCacheWritePrice => tier.cache_write_price_per_mtok = Some(v),
        _ => tier.cached_input_price_per_mtok = Some(v),
    }
    tier
}
