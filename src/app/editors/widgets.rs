//! Input widgets that edit the scenario through commands, with units in the labels, tooltips,
//! and the validator's message at the field.
//!
//! Numbers are typed as text and parsed exactly (no float in between). Text that does not parse,
//! or a value the validator refuses for this field, stays in the field with its message and the
//! document keeps its previous valid value.

use std::collections::HashMap;

use egui::{Color32, RichText, Ui};
use rust_decimal::Decimal;

use crate::app::command::Command;
use crate::model::Scenario;
use crate::model::exact::count;

/// Width of number fields: room for 14 digits, with the unit beside it.
const NUMBER_WIDTH: f32 = 120.0;

/// Per-field text being typed and per-field messages: view state, not document.
#[derive(Debug, Default)]
pub struct FieldState {
    /// Text typed into a field that differs from the document (in progress or invalid).
    pub buffers: HashMap<egui::Id, String>,
    /// Why the text in a field was not applied.
    pub errors: HashMap<egui::Id, String>,
}

impl FieldState {
    /// Forgets typed text and messages (after undo, redo or opening a file).
    pub fn clear(&mut self) {
        self.buffers.clear();
        self.errors.clear();
    }
}

/// The red of error messages, readable on both themes (see `theme.rs`).
pub fn error_color(ui: &Ui) -> Color32 {
    ui.visuals().error_fg_color
}

/// What a panel needs to edit the scenario: the scenario, field state, the current problems by
/// path, and where to put commands.
pub struct Editor<'a> {
    /// The scenario as it stands.
    pub scenario: &'a Scenario,
    /// Typed text and messages.
    pub fields: &'a mut FieldState,
    /// Validation messages of the document by field path.
    pub problems: &'a HashMap<String, String>,
    /// Commands collected this frame.
    pub commands: &'a mut Vec<Command>,
    /// Price presets for "Apply preset".
    pub catalog: &'a [crate::model::catalog::Entry],
    /// The hosted models "Choose model…" offers.
    pub models: &'a crate::app::editors::models::ModelList,
    /// Today, for "stale source" hints.
    pub today: crate::model::Date,
    /// A range typed into a number field this frame (`a..b` or `Range(a, b)`), by field path,
    /// for the edit of that field to record beside its median.
    pub pending_range: Option<(String, crate::model::uncertain::Range)>,
}

impl<'a> Editor<'a> {
    /// An editor over `scenario` for one panel this frame.
    pub fn new(
        scenario: &'a Scenario,
        fields: &'a mut FieldState,
        problems: &'a HashMap<String, String>,
        commands: &'a mut Vec<Command>,
        catalog: &'a [crate::model::catalog::Entry],
        models: &'a crate::app::editors::models::ModelList,
        today: crate::model::Date,
    ) -> Self {
        Editor {
            scenario,
            fields,
            problems,
            commands,
            catalog,
            models,
            today,
            pending_range: None,
        }
    }

    /// Emits an edit of one field: a changed copy of the scenario, validated against `path`.
    pub fn edit(&mut self, path: &str, change: impl FnOnce(&mut Scenario)) {
        let mut scenario = self.scenario.clone();
        change(&mut scenario);
        if let Some((field, range)) = self.pending_range.take()
            && path.starts_with(&field)
        {
            scenario.ranges.insert(field, range);
        }
        self.commands.push(Command::Edit {
            key: egui::Id::unique(path),
            path: Some(path.to_owned()),
            scenario,
        });
    }

    /// What a field shows: the text being typed into it, or the document's value.
    fn shown(&self, id: egui::Id, value: &str) -> String {
        self.fields
            .buffers
            .get(&id)
            .cloned()
            .unwrap_or_else(|| value.to_owned())
    }

    /// A labelled single-line text field; returns the new text when it changes.
    pub fn text(
        &mut self,
        ui: &mut Ui,
        path: &str,
        label: &str,
        tooltip: &str,
        value: &str,
    ) -> Option<String> {
        self.text_impl(ui, path, label, tooltip, value, false)
    }

    /// A labelled multi-line text field.
    pub fn multiline(
        &mut self,
        ui: &mut Ui,
        path: &str,
        label: &str,
        tooltip: &str,
        value: &str,
    ) -> Option<String> {
        self.text_impl(ui, path, label, tooltip, value, true)
    }

    fn text_impl(
        &mut self,
        ui: &mut Ui,
        path: &str,
        label: &str,
        tooltip: &str,
        value: &str,
        multiline: bool,
    ) -> Option<String> {
        let id = egui::Id::unique(path);
        let label_response = ui.label(label).on_hover_text(tooltip);
        let mut text = self.shown(id, value);
        let response = if multiline {
            // Long notes take one line until the field is focused, so they never crowd the
            // figures off a laptop screen; the rest scrolls inside the field.
            let focused = ui.memory(|m| m.has_focus(id));
            let one_line = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
            egui::ScrollArea::vertical()
                .id_salt(id.with("scroll"))
                .max_height(if focused { 240.0 } else { one_line })
                .min_scrolled_height(one_line)
                .show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut text)
                            .desired_rows(1)
                            .id(id)
                            .desired_width(f32::INFINITY),
                    )
                })
                .inner
        } else {
            ui.add(
                egui::TextEdit::singleline(&mut text)
                    .id(id)
                    .desired_width(f32::INFINITY),
            )
        };
        let response = response
            .labelled_by(label_response.id)
            .on_hover_text(tooltip);
        let changed = response.changed();
        if changed {
            self.fields.buffers.insert(id, text.clone());
        }
        if response.lost_focus() && !self.fields.errors.contains_key(&id) {
            self.fields.buffers.remove(&id);
        }
        ui.end_row();
        self.message_row(ui, id, path);
        changed.then_some(text)
    }

    /// A labelled exact decimal field. `unit` is shown after the field.
    pub fn decimal(
        &mut self,
        ui: &mut Ui,
        path: &str,
        label: &str,
        tooltip: &str,
        value: Decimal,
        unit: &str,
    ) -> Option<Decimal> {
        // A percentage field shows a 0–1 rate × 100.
        let scale = if unit == "%" {
            Decimal::ONE_HUNDRED
        } else {
            Decimal::ONE
        };
        let field = range_field(path).to_owned();
        let (shown, range) =
            self.number(ui, path, label, tooltip, &value.to_string(), unit, |text| {
                crate::model::uncertain::parse_typed(text, &field, scale)
            })?;
        self.pending_range = range.map(|r| (field, r));
        Some(shown)
    }

    /// A labelled whole-number field (instances, months, volumes).
    pub fn count<T: TryFrom<u64> + ToString + Copy>(
        &mut self,
        ui: &mut Ui,
        path: &str,
        label: &str,
        tooltip: &str,
        value: T,
        unit: &str,
    ) -> Option<T> {
        self.number(ui, path, label, tooltip, &value.to_string(), unit, |text| {
            count::parse::<T>(text)
        })
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn number<T>(
        &mut self,
        ui: &mut Ui,
        path: &str,
        label: &str,
        tooltip: &str,
        shown: &str,
        unit: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let id = egui::Id::unique(path);
        let entry = crate::app::command::help::field_entry(path);
        let linked = entry.map(|k| {
            format!(
                "{tooltip}\n\nFeeds {}: click the label for its entry in Help ▸ The metrics.",
                crate::app::command::help::entry_title(k)
            )
        });
        let tooltip = linked.as_deref().unwrap_or(tooltip);
        let label_response = self.field_label(ui, label, tooltip, entry);
        let range = self.scenario.ranges.get(range_field(path)).copied();
        // A ranged field shows its median as people read it (80.6, not 80.5763); the file keeps
        // the exact figure, and the field only writes when something is typed.
        let rounded = range.and_then(|_| readable(shown));
        let mut text = self.shown(id, rounded.as_deref().unwrap_or(shown));
        let mut result = None;
        ui.horizontal(|ui| {
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .id(id)
                        .desired_width(NUMBER_WIDTH),
                )
                .labelled_by(label_response.id)
                .on_hover_text(tooltip);
            if !unit.is_empty() {
                ui.label(RichText::new(unit).weak());
            }
            if let Some(range) = range {
                let scale = if unit == "%" {
                    Decimal::ONE_HUNDRED
                } else {
                    Decimal::ONE
                };
                let end = |v: Decimal| {
                    crate::report::format::significant((v * scale).round_sf(3).unwrap_or(v))
                };
                // Compact, so that ranged fields do not widen the panels: "(72–87)".
                let beside = format!("({}–{})", end(range.low), end(range.high));
                ui.label(RichText::new(beside).weak()).on_hover_text(format!(
                    "Uncertain: Range({}, {}), a 90 % interval; the field holds its median, which \
                     every exact figure uses. The simulation (Uncertainty bands) draws from the \
                     range. Typing a value replaces the range; typing low..high sets a new one.",
                    range.low, range.high
                ));
            }
            if response.changed() {
                self.fields.buffers.insert(id, text.clone());
                match parse(text.trim()) {
                    Ok(value) => {
                        self.fields.errors.remove(&id);
                        result = Some(value);
                    }
                    Err(message) => {
                        self.fields.errors.insert(id, message);
                    }
                }
            }
            if response.lost_focus() && !self.fields.errors.contains_key(&id) {
                self.fields.buffers.remove(&id);
            }
        });
        ui.end_row();
        self.message_row(ui, id, path);
        result
    }

    /// A number field's label. Where the field feeds a metric (`entry`), a click opens that
    /// metric's entry in Help ▸ The metrics (the label takes clicks but not keyboard focus, so
    /// Tab still goes from field to field).
    fn field_label(
        &mut self,
        ui: &mut Ui,
        label: &str,
        tooltip: &str,
        entry: Option<usize>,
    ) -> egui::Response {
        match entry {
            Some(k) => {
                let response = ui
                    .add(egui::Label::new(label).sense(egui::Sense::CLICK))
                    .on_hover_text(tooltip);
                if response.clicked() {
                    self.commands.push(Command::ShowMetric(k));
                }
                response
            }
            None => ui.label(label).on_hover_text(tooltip),
        }
    }

    /// The message under a field: why typed text was not applied, or the document's problem.
    pub fn message_row(&mut self, ui: &mut Ui, id: egui::Id, path: &str) {
        let message = self
            .fields
            .errors
            .get(&id)
            .or_else(|| self.problems.get(path));
        if let Some(message) = message {
            ui.label("");
            ui.label(RichText::new(format!("⚠ {message}")).color(error_color(ui)));
            ui.end_row();
        }
    }
}

/// A number as people read it: three significant figures (`80.6`, `0.0473`, `1,520` stays
/// `1520` for editing); `None` when the text is not a number.
fn readable(text: &str) -> Option<String> {
    let value: Decimal = text.trim().parse().ok()?;
    let rounded = if value.abs() >= Decimal::ONE_THOUSAND {
        value.round()
    } else {
        value.round_sf(3)?
    };
    Some(rounded.normalize().to_string())
}

/// The field a range belongs to: a throughput's editor path names its unit, the range the field.
fn range_field(path: &str) -> &str {
    path.strip_suffix(".RequestsPerSecond")
        .or_else(|| path.strip_suffix(".TokensPerSecond"))
        .unwrap_or(path)
}
