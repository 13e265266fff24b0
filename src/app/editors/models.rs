//! "Choose model…": the searchable list of hosted models a hosted stage takes its prices from —
//! our own checked catalogue first, then the bundled (or updated) `LiteLLM` price map — typed
//! into, walked with the arrows, applied with Enter or a click as one undo step.

use egui::{Key, Modifiers, RichText, Ui};

use crate::app::editors::widgets::Editor;
use crate::io::pricemap::{PriceEntry, PriceMap, checked_entries, search_indices};
use crate::model::catalog::{Catalog, Entry, stale_months};
use crate::model::{Date, Serving};

/// The line under the list: units and keys.
const PICKER_KEYS: &str =
    "Prices in $ per 1M tokens · ↑↓ to move · Enter to apply · Esc to close · ✔ checked by us";

/// The most results listed: a search that finds more says how many and lists the best.
const MAX_SHOWN: usize = 500;

/// Every hosted model the picker offers: our checked entries, then the price map's.
#[derive(Debug, Default)]
pub(crate) struct ModelList {
    /// Checked entries first, in the catalogue's order, then the map's.
    entries: Vec<PriceEntry>,
    /// The catalogue's own hosted presets, one per checked entry and in the same order: a
    /// checked model applies its own name and source.
    checked: Vec<Entry>,
    /// Where the map's entries come from, in words.
    origin: String,
}

impl ModelList {
    /// The hosted models of `catalog` (marked checked) and of `map`.
    pub(crate) fn new(catalog: &[Entry], map: Option<&PriceMap>) -> Self {
        let checked: Vec<Entry> = catalog
            .iter()
            .filter(|e| matches!(e.preset, crate::model::catalog::Preset::HostedModel { .. }))
            .cloned()
            .collect();
        let mut entries = checked_entries(&Catalog {
            format: crate::model::catalog::CATALOG_FORMAT,
            entries: checked.clone(),
        });
        let origin = map.map_or_else(
            || "our checked prices only (the price map could not be read)".to_owned(),
            |map| {
                format!(
                    "our checked prices, then LiteLLM's price map ({} {}, taken {})",
                    map.snapshot.package, map.snapshot.version, map.snapshot.taken
                )
            },
        );
        if let Some(map) = map {
            entries.extend(map.entries.iter().cloned());
        }
        ModelList {
            entries,
            checked,
            origin,
        }
    }

    /// How many models it offers.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The preset that model `i` applies.
    fn preset(&self, i: usize) -> Option<Entry> {
        self.checked
            .get(i)
            .cloned()
            .or_else(|| self.entries.get(i).map(PriceEntry::preset))
    }
}

/// The picker's state between frames: open or not, the words typed, what they found.
#[derive(Debug, Clone, Default)]
struct PickerState {
    open: bool,
    query: String,
    /// The query `found` answers (`None`: not searched yet).
    found_for: Option<String>,
    /// Positions in the model list, best first.
    found: Vec<usize>,
    /// The found models grouped for the list: the groups' headings and the rows.
    groups: std::sync::Arc<(Vec<String>, Vec<Row>)>,
    /// The row the arrows have reached, as a position in `found`.
    highlight: usize,
    /// The list's scroll position last frame.
    scroll: f32,
    /// Scroll the highlighted row into view this frame.
    follow: bool,
}

/// One row of the list: a group's heading or a model.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Row {
    Heading(usize),
    Model(usize),
}

/// The "Choose model…" button of a hosted stage and, while open, its picker; the entry chosen,
/// if any, for the caller to apply.
pub(crate) fn choose_model_ui(
    ui: &mut Ui,
    editor: &Editor,
    path: &str,
    serving: &Serving,
) -> Option<Entry> {
    if !matches!(serving, Serving::HostedApi { .. }) || editor.models.len() == 0 {
        return None;
    }
    let id = egui::Id::unique(("choose_model", path));
    let mut state: PickerState = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    if ui
        .button("Choose model…")
        .on_hover_text(format!(
            "Fill the prices from {} models with their source and date: {}.",
            editor.models.len(),
            editor.models.origin
        ))
        .clicked()
    {
        state = PickerState {
            open: true,
            ..PickerState::default()
        };
    }
    let mut chosen = None;
    if state.open {
        chosen = picker_ui(ui.ctx(), editor, id, &mut state);
        if chosen.is_some() {
            state.open = false;
        }
        // Closed: what it found is not kept (nor copied every frame).
        if !state.open {
            state = PickerState::default();
        }
    }
    ui.data_mut(|d| d.insert_temp(id, state));
    chosen
}

/// The picker window; the entry chosen this frame, if any.
fn picker_ui(
    ctx: &egui::Context,
    editor: &Editor,
    id: egui::Id,
    state: &mut PickerState,
) -> Option<Entry> {
    let models = editor.models;
    let modal = egui::Modal::new(id.with("modal")).show(ctx, |ui| {
        ui.set_width(760.0);
        ui.heading("Choose a hosted model");
        ui.label(RichText::new(format!("{} models: {}.", models.len(), models.origin)).weak());
        if editor.scenario.currency != "USD" {
            ui.label(
                RichText::new(format!(
                    "Prices are in US dollars; this scenario counts in {}: convert them after applying.",
                    shown(&editor.scenario.currency)
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
        let moved = arrow_keys(ui, state);
        let search = ui
            .horizontal(|ui| {
                let label = ui.label("Find a model");
                ui.add(
                    egui::TextEdit::singleline(&mut state.query)
                        .hint_text("Type to search: flash, llama 70b, bedrock sonnet…")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id)
            })
            .inner;
        if !search.has_focus() && state.found_for.is_none() {
            search.request_focus();
        }
        if state.found_for.as_deref() != Some(state.query.as_str()) {
            state.found = search_indices(&models.entries, &state.query);
            state.groups = std::sync::Arc::new(grouped(models, &state.found));
            state.found_for = Some(state.query.clone());
            state.highlight = 0;
            state.scroll = 0.0;
            state.follow = true;
        }
        let enter = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
        let clicked = results_ui(ui, models, editor.today, state, moved);
        ui.label(RichText::new(PICKER_KEYS).weak().small());
        let pick = clicked.or_else(|| enter.then(|| state.found.get(state.highlight).copied()).flatten());
        pick.and_then(|i| models.preset(i))
    });
    if modal.should_close() {
        state.open = false;
    }
    modal.inner
}

/// Arrow keys and Page keys move the highlight (taken before the text field sees them); true
/// when it moved.
fn arrow_keys(ui: &Ui, state: &mut PickerState) -> bool {
    let last = state.found.len().saturating_sub(1);
    let before = state.highlight;
    ui.input_mut(|i| {
        if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
            state.highlight = (state.highlight + 1).min(last);
        }
        if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
            state.highlight = state.highlight.saturating_sub(1);
        }
        if i.consume_key(Modifiers::NONE, Key::PageDown) {
            state.highlight = (state.highlight + 10).min(last);
        }
        if i.consume_key(Modifiers::NONE, Key::PageUp) {
            state.highlight = state.highlight.saturating_sub(10);
        }
    });
    let moved = state.highlight != before;
    state.follow |= moved;
    moved
}

/// The found models grouped: "Checked by us" first, then each provider in the order its best
/// model ranks. Positions in `found`, at most [`MAX_SHOWN`].
fn grouped(models: &ModelList, found: &[usize]) -> (Vec<String>, Vec<Row>) {
    let listed = &found[..found.len().min(MAX_SHOWN)];
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (at, &i) in listed.iter().enumerate() {
        let entry = &models.entries[i];
        let group = if entry.checked {
            "✔ Checked by us".to_owned()
        } else {
            shown(&entry.provider)
        };
        match groups.iter_mut().find(|(name, _)| *name == group) {
            Some((_, members)) => members.push(at),
            None => groups.push((group, vec![at])),
        }
    }
    let mut names = Vec::with_capacity(groups.len());
    let mut rows = Vec::with_capacity(listed.len() + groups.len());
    for (g, (name, members)) in groups.into_iter().enumerate() {
        names.push(format!("{name} ({})", members.len()));
        rows.push(Row::Heading(g));
        rows.extend(members.into_iter().map(Row::Model));
    }
    (names, rows)
}

/// The list of found models; the model clicked, if any.
fn results_ui(
    ui: &mut Ui,
    models: &ModelList,
    today: Date,
    state: &mut PickerState,
    moved: bool,
) -> Option<usize> {
    if state.found.is_empty() {
        ui.label(format!(
            "No model's id or provider holds every word of “{}”.",
            shown(&state.query)
        ));
        return None;
    }
    if state.found.len() > MAX_SHOWN {
        ui.label(
            RichText::new(format!(
                "{} models found; the best {MAX_SHOWN} are listed: type more words to narrow them.",
                state.found.len()
            ))
            .weak(),
        );
    } else {
        ui.label(RichText::new(format!("{} model(s) found", state.found.len())).weak());
    }
    let groups = std::sync::Arc::clone(&state.groups);
    let (names, rows) = &*groups;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    headings_ui(ui, row_height);
    let view_height = 420.0;
    let spacing = ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("models")
        .max_height(view_height)
        .min_scrolled_height(view_height)
        .auto_shrink([false, false]);
    if state.follow || moved {
        // Keep the highlighted model in view (its heading too when it is its group's first).
        if let Some(at) = rows.iter().position(|r| *r == Row::Model(state.highlight)) {
            let step = row_height + spacing;
            let top = at.saturating_sub(usize::from(
                at > 0 && matches!(rows[at - 1], Row::Heading(_)),
            ));
            let y_top = top as f32 * step;
            let y_bottom = (at + 1) as f32 * step;
            if y_top < state.scroll {
                area = area.vertical_scroll_offset(y_top);
            } else if y_bottom > state.scroll + view_height {
                area = area.vertical_scroll_offset(y_bottom - view_height);
            }
        }
        state.follow = false;
    }
    let mut clicked = None;
    let output = area.show_rows(ui, row_height, rows.len(), |ui, range| {
        for row in &rows[range] {
            match *row {
                Row::Heading(g) => {
                    ui.label(RichText::new(&names[g]).strong());
                }
                Row::Model(at) => {
                    let i = state.found[at];
                    let entry = &models.entries[i];
                    let selected = at == state.highlight;
                    let response = model_row(ui, entry, today, selected, row_height)
                        .on_hover_text(model_details(entry));
                    if response.clicked() {
                        clicked = Some(i);
                    }
                    if response.hovered() && !moved {
                        state.highlight = at;
                    }
                }
            }
        }
    });
    state.scroll = output.state.clamped_offset().y;
    clicked
}

/// The columns of a model's row: where each figure's right edge (the id's left edge) sits, from
/// the row's left, and the column's heading.
const COLUMNS: [(f32, &str); 6] = [
    (8.0, "Model"),
    (392.0, "Input"),
    (462.0, "Output"),
    (532.0, "Cached"),
    (612.0, "Tier above"),
    (622.0, "As of"),
];

/// The columns' headings, aligned with the rows.
fn headings_ui(ui: &mut Ui, row_height: f32) {
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), row_height),
        egui::Sense::hover(),
    );
    let color = ui.visuals().weak_text_color();
    let font = egui::TextStyle::Small.resolve(ui.style());
    for (at, (x, heading)) in COLUMNS.iter().enumerate() {
        let right = (1..=4).contains(&at);
        let align = if right {
            egui::Align2::RIGHT_CENTER
        } else {
            egui::Align2::LEFT_CENTER
        };
        ui.painter().text(
            egui::pos2(rect.left() + x, rect.center().y),
            align,
            heading,
            font.clone(),
            color,
        );
    }
}

/// A model's row: id (cut to its column), input, output and cached prices in $ per 1M tokens,
/// the tier's threshold, the as-of date and a stale mark. Clickable.
fn model_row(
    ui: &mut Ui,
    entry: &PriceEntry,
    today: Date,
    selected: bool,
    row_height: f32,
) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), row_height),
        egui::Sense::click(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::ListBoxOption,
            true,
            selected,
            model_label(entry, today),
        )
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    if selected {
        ui.painter()
            .rect_filled(rect, 3.0, visuals.selection.bg_fill);
    } else if response.hovered() {
        ui.painter()
            .rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let color = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.text_color()
    };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let y = rect.center().y;
    let money = |d: Option<rust_decimal::Decimal>| {
        d.map_or_else(|| "—".to_owned(), |d| format!("${}", d.normalize()))
    };
    let id = format!(
        "{}{}",
        if entry.checked { "✔ " } else { "" },
        shown(&entry.id)
    );
    let mut job =
        egui::text::LayoutJob::single_section(id, egui::TextFormat::simple(font.clone(), color));
    job.wrap = egui::text::TextWrapping::truncate_at_width(COLUMNS[1].0 - COLUMNS[0].0 - 70.0);
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    ui.painter().galley(
        egui::pos2(rect.left() + COLUMNS[0].0, y - galley.size().y / 2.0),
        galley,
        color,
    );
    let figures = [
        money(Some(entry.input_price_per_mtok)),
        money(Some(entry.output_price_per_mtok)),
        money(entry.cached_input_price_per_mtok),
        entry.long_context.map_or_else(
            || "—".to_owned(),
            |t| format!("{}k", t.above_input_tokens / 1000),
        ),
    ];
    for (figure, (x, _)) in figures.iter().zip(&COLUMNS[1..5]) {
        ui.painter().text(
            egui::pos2(rect.left() + x, y),
            egui::Align2::RIGHT_CENTER,
            figure,
            font.clone(),
            color,
        );
    }
    let (date, date_color) = match stale_months(entry.as_of, today) {
        Some(months) => (
            format!("{} ⚠ stale, {months} months old", entry.as_of),
            visuals.warn_fg_color,
        ),
        None => (entry.as_of.to_string(), color),
    };
    ui.painter().text(
        egui::pos2(rect.left() + COLUMNS[5].0, y),
        egui::Align2::LEFT_CENTER,
        date,
        font,
        if selected { color } else { date_color },
    );
    response
}

/// A model's row in words, for screen readers and tests: `✔ gpt-4o · $2.5 in · $10 out · as of
/// 2026-04-27 · stale, 14 months old`.
fn model_label(entry: &PriceEntry, today: Date) -> String {
    let stale = stale_months(entry.as_of, today)
        .map_or_else(String::new, |m| format!(" · stale, {m} months old"));
    format!(
        "{}{} · ${} in · ${} out · as of {}{stale}",
        if entry.checked { "✔ " } else { "" },
        shown(&entry.id),
        entry.input_price_per_mtok.normalize(),
        entry.output_price_per_mtok.normalize(),
        entry.as_of
    )
}

/// Everything the entry holds, for its tooltip.
fn model_details(entry: &PriceEntry) -> String {
    let money = |d: Option<rust_decimal::Decimal>| {
        d.map_or_else(|| "—".to_owned(), |d| format!("${}", d.normalize()))
    };
    let mut lines = vec![
        format!("{} ({})", shown(&entry.id), shown(&entry.provider)),
        format!(
            "Per 1M tokens: input ${}, output ${}, cached input {}, cache write {}",
            entry.input_price_per_mtok.normalize(),
            entry.output_price_per_mtok.normalize(),
            money(entry.cached_input_price_per_mtok),
            money(entry.cache_write_price_per_mtok)
        ),
        format!(
            "Batch discount: {}",
            entry
                .batch_discount_pct
                .map_or_else(|| "none".to_owned(), |d| format!("{}%", d.normalize()))
        ),
    ];
    if let Some(tier) = entry.long_context {
        lines.push(format!(
            "Long-context tier above {} input tokens: input ${}, output ${}, cached {}, cache write {} \
             (the whole request)",
            tier.above_input_tokens,
            tier.input_price_per_mtok.normalize(),
            tier.output_price_per_mtok.normalize(),
            money(tier.cached_input_price_per_mtok),
            money(tier.cache_write_price_per_mtok)
        ));
    }
    lines.push(format!("Source: {}", shown(&entry.source)));
    lines.push(if entry.checked {
        "Checked by us against the vendor's own price page.".to_owned()
    } else {
        "From the price map as published; not checked by us.".to_owned()
    });
    lines.join("\n")
}

/// Text from someone else's file (a model id, a provider) as the planner shows it: each control
/// character, line break and bidirectional mark is a `?` (the fonts have no U+FFFD).
pub(crate) fn shown(text: &str) -> String {
    crate::io::pricemap::plain_text(text)
}
