//! The side panels' collapse buttons, and the thin strip a collapsed panel leaves.

use egui::Ui;

use crate::app::command::{Command, Side};

/// The small button at the top of a side panel that collapses it.
pub(crate) fn collapse_button_ui(ui: &mut Ui, side: Side, commands: &mut Vec<Command>) {
    let (arrow, what) = match side {
        Side::Scenario => ("«", "Collapse the scenario panel"),
        Side::Design => ("»", "Collapse the design panel"),
    };
    let layout = match side {
        Side::Scenario => egui::Layout::right_to_left(egui::Align::Min),
        Side::Design => egui::Layout::left_to_right(egui::Align::Min),
    };
    ui.with_layout(layout, |ui| {
        if arrow_button_ui(ui, arrow, what).clicked() {
            commands.push(Command::TogglePanel(side));
        }
    });
}

/// A small arrow button whose name, for screen readers and tests, says what it does.
fn arrow_button_ui(ui: &mut Ui, arrow: &str, what: &str) -> egui::Response {
    let response = ui
        .small_button(arrow)
        .on_hover_text(format!("{what} (View menu)"));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, what));
    response
}

/// A collapsed side panel: a thin strip with the button that opens it again.
pub(crate) fn collapsed_strip_ui(ui: &mut Ui, side: Side, commands: &mut Vec<Command>) {
    let (panel, arrow, what) = match side {
        Side::Scenario => (
            egui::Panel::left("scenario_strip"),
            "»",
            "Show the scenario panel",
        ),
        Side::Design => (
            egui::Panel::right("design_strip"),
            "«",
            "Show the design panel",
        ),
    };
    panel.resizable(false).exact_size(26.0).show(ui, |ui| {
        if arrow_button_ui(ui, arrow, what).clicked() {
            commands.push(Command::TogglePanel(side));
        }
    });
}
