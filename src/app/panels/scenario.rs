//! The left panel: the scenario's title, currency, volumes, use cases and the list of designs.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::app::command::Command;
use crate::app::context::ViewContext;
use crate::app::editors::widgets::{Editor, error_color};
use crate::app::palette;
use crate::model::UseCase;
use crate::model::edit::{new_design, new_servings, rename_use_case, unique_name};
use crate::model::fields;
use crate::model::validate::MAX_VOLUME;
use crate::report::format;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Draws the scenario panel.
pub(crate) fn scenario_panel_ui(ui: &mut Ui, view: &ViewContext, editor: &mut Editor) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Scenario");
            scenario_fields_ui(ui, editor);
            ui.separator();
            volume_ui(ui, editor);
            ui.separator();
            designs_ui(ui, view, editor);
            ui.separator();
            use_cases_ui(ui, editor);
            ui.separator();
            crate::app::editors::energy::carbon_ui(ui, editor);
            ui.separator();
            crate::app::editors::timeline::timeline_ui(ui, editor);
            ui.separator();
            crate::app::editors::timeline::actuals_ui(ui, editor);
        });
}

fn scenario_fields_ui(ui: &mut Ui, editor: &mut Editor) {
    let s = editor.scenario;
    let (title, notes, currency, hours) = (
        s.title.clone(),
        s.notes.clone(),
        s.currency.clone(),
        s.hours_per_month,
    );
    egui::Grid::new("scenario_fields")
        .num_columns(2)
        .striped(false)
        .show(ui, |ui| {
            if let Some(text) = editor.text(
                ui,
                "title",
                "Title",
                "The feature or decision being modelled.",
                &title,
            ) {
                editor.edit("title", |s| s.title = text);
            }
            if let Some(text) = editor.multiline(
                ui,
                "notes",
                "Notes",
                "Context for reviewers: what one request is, where the value \
                 comes from.",
                &notes,
            ) {
                editor.edit("notes", |s| s.notes = text);
            }
            if let Some(text) = editor.text(
                ui,
                "currency",
                "Currency",
                "ISO 4217 code of every amount in the scenario, e.g. USD, EUR, GBP.",
                &currency,
            ) {
                editor.edit("currency", |s| {
                    s.currency = text.trim().to_ascii_uppercase();
                });
            }
            if let Some(value) = editor.decimal(
                ui,
                "hours_per_month",
                fields::HOURS_PER_MONTH.label,
                fields::HOURS_PER_MONTH.help,
                hours,
                fields::HOURS_PER_MONTH.unit,
            ) {
                editor.edit("hours_per_month", |s| s.hours_per_month = value);
            }
        });
}

fn volume_ui(ui: &mut Ui, editor: &mut Editor) {
    ui.label(RichText::new("Monthly requests").strong())
        .on_hover_text(
            "Requests per month: today's volume and the range the chart covers (log scale).",
        );
    let volume = editor.scenario.volume;
    let (min, max) = (volume.min.max(1), volume.max.max(volume.min.max(1) + 1));
    let mut current = volume.current.clamp(min, max);
    let slider_label = ui.label("Current volume");
    let slider = ui
        .add(
            egui::Slider::new(&mut current, min..=max)
                .logarithmic(true)
                .custom_formatter(|v, _| {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let v = v.round() as u64;
                    format::compact(v)
                })
                .text("req/mo"),
        )
        .labelled_by(slider_label.id)
        .on_hover_text(
            "Drag to see the comparison at another volume; the table \
             follows. Type an exact figure below.",
        );
    if slider.changed() {
        let mut scenario = editor.scenario.clone();
        scenario.volume.current = current;
        editor.commands.push(Command::Edit {
            key: slider.id,
            path: Some("volume.current".to_owned()),
            scenario,
        });
    }
    egui::Grid::new("volume_fields")
        .num_columns(2)
        .show(ui, |ui| {
            if let Some(v) = editor.count::<u64>(
                ui,
                "volume.current",
                "Current (exact)",
                "Requests per month today, or at the planning horizon.",
                volume.current,
                "req/mo",
            ) {
                editor.edit("volume.current", |s| s.volume.current = v);
            }
            if let Some(v) = editor.count::<u64>(
                ui,
                "volume.min",
                "Chart from",
                "The lowest monthly volume on the chart (at least 1).",
                volume.min,
                "req/mo",
            ) {
                editor.edit("volume.min", |s| s.volume.min = v);
            }
            if let Some(v) = editor.count::<u64>(
                ui,
                "volume.max",
                "Chart to",
                &format!(
                    "The highest monthly volume on the chart (at most {}).",
                    format::count(MAX_VOLUME)
                ),
                volume.max,
                "req/mo",
            ) {
                editor.edit("volume.max", |s| s.volume.max = v);
            }
            if let Some(v) = editor.decimal(
                ui,
                "volume.peak_to_average",
                fields::PEAK_TO_AVERAGE.label,
                fields::PEAK_TO_AVERAGE.help,
                volume.peak_to_average,
                fields::PEAK_TO_AVERAGE.unit,
            ) {
                editor.edit("volume.peak_to_average", |s| s.volume.peak_to_average = v);
            }
        });
}

fn use_cases_ui(ui: &mut Ui, editor: &mut Editor) {
    ui.label(RichText::new("Use cases").strong()).on_hover_text(
        "What the feature is used for: each use case's share of the \
         requests and what one successful outcome is worth.",
    );
    let currency = format::currency_prefix(&editor.scenario.currency);
    let cases = editor.scenario.use_cases.clone();
    for (i, case) in cases.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            use_case_fields_ui(ui, editor, i, case, &currency);
            if ui
                .small_button("Remove use case")
                .on_hover_text("Remove this use case (undo brings it back).")
                .clicked()
            {
                let mut scenario = editor.scenario.clone();
                let removed = scenario.use_cases.remove(i);
                for design in &mut scenario.designs {
                    design.success_by_use_case.remove(&removed.name);
                }
                editor.commands.push(Command::Restructure {
                    scenario,
                    select: None,
                });
            }
        });
    }
    let total: Decimal = cases.iter().map(|c| c.share).sum();
    let pct = format!("{}", (total * HUNDRED).normalize());
    if total == Decimal::ONE {
        ui.label(RichText::new(format!("✔ Shares add up to {pct} %")).weak());
    } else {
        ui.label(
            RichText::new(format!("⚠ Shares add up to {pct} %, not 100 %")).color(error_color(ui)),
        );
    }
    if ui
        .button("+ Add use case")
        .on_hover_text("Add a use case with a 0 % share.")
        .clicked()
    {
        let mut scenario = editor.scenario.clone();
        let name = unique_name(
            &scenario.use_cases.iter().map(|c| c.name.as_str()),
            "New use case",
        );
        scenario.use_cases.push(UseCase {
            name,
            share: Decimal::ZERO,
            value_per_success: Decimal::ZERO,
            size: Decimal::ONE,
        });
        editor.commands.push(Command::Restructure {
            scenario,
            select: None,
        });
    }
}

/// One use case's name, share, value per success and relative size.
fn use_case_fields_ui(ui: &mut Ui, editor: &mut Editor, i: usize, case: &UseCase, currency: &str) {
    egui::Grid::new(("use_case", i))
        .num_columns(2)
        .show(ui, |ui| {
            let path = format!("use_cases[{i}].name");
            if let Some(text) = editor.text(
                ui,
                &path,
                "Name",
                "A short unique name; per-use-case success rates refer to it.",
                &case.name,
            ) {
                let old = case.name.clone();
                editor.edit(&path, move |s| rename_use_case(s, i, &old, text));
            }
            let path = format!("use_cases[{i}].share");
            if let Some(pct) = editor.decimal(
                ui,
                &path,
                fields::SHARE.label,
                fields::SHARE.help,
                (case.share * HUNDRED).normalize(),
                fields::SHARE.unit,
            ) {
                if pct < Decimal::ZERO || pct > HUNDRED {
                    editor.fields.errors.insert(
                        egui::Id::unique(&path),
                        format!("must be between 0 and 100 %, got {pct}"),
                    );
                } else {
                    editor.edit(&path, |s| s.use_cases[i].share = pct / HUNDRED);
                }
            }
            let path = format!("use_cases[{i}].value_per_success");
            if let Some(value) = editor.decimal(
                ui,
                &path,
                &format!("{} ({})", fields::VALUE_PER_SUCCESS.label, currency.trim()),
                fields::VALUE_PER_SUCCESS.help,
                case.value_per_success,
                "",
            ) {
                editor.edit(&path, |s| s.use_cases[i].value_per_success = value);
            }
            let path = format!("use_cases[{i}].size");
            if let Some(size) = editor.decimal(
                ui,
                &path,
                fields::SIZE.label,
                fields::SIZE.help,
                case.size,
                fields::SIZE.unit,
            ) {
                editor.edit(&path, |s| s.use_cases[i].size = size);
            }
        });
}

// The design list and its buttons (add, duplicate, delete, reorder), laid out in reading order.
fn designs_ui(ui: &mut Ui, view: &ViewContext, editor: &mut Editor) {
    let (computed, selected, hidden) = (view.computed, view.selected(), view.hidden());
    ui.label(RichText::new("Designs").strong())
        .on_hover_text("The serving designs being compared. Select one to edit it on the right.");
    // Read in place: the scenario outlives the editor's borrow of it.
    let designs = &editor.scenario.designs;
    for (i, design) in designs.iter().enumerate() {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, palette::design_color(i));
            let mut visible = !hidden.contains(&design.name);
            let shown = visible;
            let checkbox = ui
                .checkbox(&mut visible, "")
                .on_hover_text("Show this design on the chart");
            // The box has no visible text; screen readers (and tests) get the design's name.
            checkbox.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::CheckBox,
                    true,
                    shown,
                    format!("Show {} on the chart", design.name),
                )
            });
            if checkbox.changed() {
                editor
                    .commands
                    .push(Command::ToggleVisible(design.name.clone()));
            }
            let mut text = RichText::new(&design.name);
            if computed.chart.excluded.get(i).is_some_and(Option::is_some) {
                text = text.color(error_color(ui));
            }
            if ui
                .selectable_label(selected == Some(i), text)
                .on_hover_text(design.serving.kind_label())
                .clicked()
            {
                editor.commands.push(Command::Select(i));
            }
        });
    }
    design_buttons_ui(ui, editor, selected);
}

/// The buttons under the design list: add a design, and duplicate, delete or move the selected
/// one — each one undo step.
fn design_buttons_ui(ui: &mut Ui, editor: &mut Editor, selected: Option<usize>) {
    let designs = &editor.scenario.designs;
    ui.horizontal_wrapped(|ui| {
        ui.menu_button("+ Add design", |ui| {
            for (label, serving) in new_servings() {
                if ui.button(label).clicked() {
                    let mut scenario = editor.scenario.clone();
                    let name =
                        unique_name(&scenario.designs.iter().map(|d| d.name.as_str()), label);
                    scenario.designs.push(new_design(name, serving));
                    let select = scenario.designs.len() - 1;
                    editor.commands.push(Command::Restructure {
                        scenario,
                        select: Some(select),
                    });
                }
            }
        });
        let Some(i) = selected.filter(|&i| i < designs.len()) else {
            return;
        };
        if ui
            .button("Duplicate")
            .on_hover_text("Copy the selected design")
            .clicked()
        {
            let mut scenario = editor.scenario.clone();
            let mut copy = scenario.designs[i].clone();
            copy.name = unique_name(
                &scenario.designs.iter().map(|d| d.name.as_str()),
                &format!("{} copy", copy.name),
            );
            scenario.designs.insert(i + 1, copy);
            editor.commands.push(Command::Restructure {
                scenario,
                select: Some(i + 1),
            });
        }
        if ui
            .button("Delete")
            .on_hover_text("Delete the selected design (undo brings it back)")
            .clicked()
        {
            let mut scenario = editor.scenario.clone();
            scenario.designs.remove(i);
            let select = (!scenario.designs.is_empty()).then(|| i.min(scenario.designs.len() - 1));
            editor
                .commands
                .push(Command::Restructure { scenario, select });
        }
        if ui
            .add_enabled(i > 0, egui::Button::new("⏶"))
            .on_hover_text("Move up")
            .clicked()
        {
            let mut scenario = editor.scenario.clone();
            scenario.designs.swap(i, i - 1);
            editor.commands.push(Command::Restructure {
                scenario,
                select: Some(i - 1),
            });
        }
        if ui
            .add_enabled(i + 1 < designs.len(), egui::Button::new("⏷"))
            .on_hover_text("Move down")
            .clicked()
        {
            let mut scenario = editor.scenario.clone();
            scenario.designs.swap(i, i + 1);
            editor.commands.push(Command::Restructure {
                scenario,
                select: Some(i + 1),
            });
        }
    });
}
