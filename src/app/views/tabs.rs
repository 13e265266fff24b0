//! The centre's tab row: the three charts, Frontier, Energy & carbon (Wh or gCO₂e per inference), Over
//! time, Use cases and What if…, and the uncertainty controls beside the ROI chart.

use egui::Ui;

use crate::app::PlannerApp;
use crate::app::command::Command;
use crate::app::planner::Centre;
use crate::app::views::chart::ChartKind;

impl PlannerApp {
    /// The centre's tabs: the three charts, Over time, Use cases and What if…, and the
    /// uncertainty controls on the ROI chart.
    pub(crate) fn tabs_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let scenario = self.doc.scenario();
        // Wraps on a narrow window rather than clipping its last item; tabs sit a little closer
        // than other rows so that all eight fit in one row at 1,440 px.
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            for (kind, tip) in [
                (
                    ChartKind::Roi,
                    "ROI multiple (value ÷ cost) against monthly requests, the bands shaded",
                ),
                (
                    ChartKind::CostPerInference,
                    "Cost per inference against monthly requests",
                ),
                (
                    ChartKind::Money,
                    "Monthly cost (solid) and monthly value (dashed) against monthly requests",
                ),
            ] {
                let on = self.view.centre == Centre::Chart && self.settings.tab == kind;
                if ui
                    .selectable_label(on, kind.label())
                    .on_hover_text(tip)
                    .clicked()
                {
                    commands.push(Command::ShowChart(kind));
                }
            }
            if ui
                .selectable_label(self.view.centre == Centre::Frontier, "Frontier")
                .on_hover_text(
                    "Monthly value against monthly cost at the current volume: the bands as \
                     diagonal stripes, the designs nothing dominates joined by the frontier, each \
                     step labelled with what its extra spend returns (incremental ROI)",
                )
                .clicked()
            {
                commands.push(Command::ShowFrontier);
            }
            let energy_on = self.view.centre == Centre::Chart && self.settings.tab.is_energy();
            if ui
                .selectable_label(energy_on, "Energy & carbon")
                .on_hover_text(
                    "Wh or gCO₂e per inference against monthly requests, for the designs with \
                     energy data (a stage's Energy group) and a grid intensity (the scenario's \
                     carbon section)",
                )
                .clicked()
                && !energy_on
            {
                commands.push(Command::ShowChart(ChartKind::EnergyPerInference));
            }
            ui.separator();
            if ui
                .selectable_label(self.view.centre == Centre::OverTime, "Over time")
                .on_hover_text(
                    "Months ahead: growth, payback, the month the best design changes, budget and \
                     capacity; and the months that actually happened",
                )
                .clicked()
            {
                commands.push(Command::ShowTimeline(self.settings.timeline_view));
            }
            if ui
                .selectable_label(self.view.centre == Centre::UseCases, "Use cases")
                .on_hover_text(
                    "Which use cases are worth AI, on which design; and a suggested routing of each \
                     use case to the design worth it",
                )
                .clicked()
            {
                commands.push(Command::ShowUseCases);
            }
            if ui
                .selectable_label(self.view.centre == Centre::WhatIf, "What if…")
                .on_hover_text(
                    "Which inputs move the selected design's ROI, and what one input would \
                     have to be to reach a target ROI",
                )
                .clicked()
            {
                commands.push(Command::ShowWhatIf);
            }
            crate::app::views::compare::changes_tab_ui(
                ui,
                self.view.comparison.as_ref(),
                self.view.centre == Centre::Changes,
                commands,
            );
            if self.view.centre == Centre::Chart && self.settings.tab == ChartKind::Roi {
                ui.separator();
                self.view.uncertainty.controls_ui(ui, scenario);
            }
            if energy_on {
                ui.separator();
                energy_tabs_ui(ui, self.settings.tab, commands);
            }
        });
    }
}

/// Wh or gCO₂e per inference, beside the Energy & carbon tab.
fn energy_tabs_ui(ui: &mut Ui, tab: ChartKind, commands: &mut Vec<Command>) {
    for (kind, label, tip) in [
        (
            ChartKind::EnergyPerInference,
            "Wh per inference",
            "Energy per inference: kWh a month × 1000 ÷ requests served, data-centre \
             overhead (PUE) included",
        ),
        (
            ChartKind::CarbonPerInference,
            "gCO₂e per inference",
            "Carbon per inference: Wh per inference × the grid's gCO₂e per kWh ÷ 1000",
        ),
    ] {
        if ui
            .selectable_label(tab == kind, label)
            .on_hover_text(tip)
            .clicked()
        {
            commands.push(Command::ShowChart(kind));
        }
    }
}
