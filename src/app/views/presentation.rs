//! Presentation mode: the chart alone, full screen, light and larger, under the scenario's title.

use egui::{RichText, Ui};

use crate::app::PlannerApp;
use crate::app::command::Command;
use crate::app::panels::over_time;
use crate::app::views::chart::{CentreChart, chart_ui};
use crate::app::views::frontier::frontier_ui;

/// How much larger everything is drawn in presentation mode.
pub(crate) const PRESENT_ZOOM: f32 = 1.35;

impl PlannerApp {
    /// Presentation mode: the chart filling the window under the title and a subtitle.
    pub(crate) fn present_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if let Some(session) = self.portfolio.as_ref().filter(|p| p.shown) {
            let size = egui::CentralPanel::default()
                .show(ui, |ui| {
                    crate::app::portfolio::view::present_ui(ui, session, commands)
                })
                .inner;
            if let Some(size) = size {
                self.view.chart_size = size;
            }
            return;
        }
        let view = self.view_context();
        let scenario = view.scenario;
        // The Over time tab presents its own chart, under the timeline's description.
        let chart = view.centre_chart();
        let subtitle = match &chart {
            CentreChart::OverTime(scene) => scene.subtitle.clone(),
            CentreChart::Frontier(scene) => scene.subtitle.clone(),
            CentreChart::Volume(_) => crate::chart::subtitle(scenario),
        };
        let size = egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                let title = if scenario.title.is_empty() {
                    "Untitled scenario"
                } else {
                    &scenario.title
                };
                ui.label(RichText::new(title).size(30.0).strong());
                ui.label(RichText::new(subtitle).size(16.0).weak());
                // The answer, with its criterion: what the audience asks first.
                let answer = crate::report::choice::best_words(
                    scenario,
                    &view.computed.chart.analysis,
                    &view.computed.choice,
                );
                ui.label(RichText::new(answer).size(16.0));
            });
            ui.add_space(6.0);
            match &chart {
                CentreChart::OverTime(scene) => {
                    over_time::scene_plot_ui(ui, scene, "present_over_time")
                }
                CentreChart::Volume(scene) => chart_ui(ui, &view, scene, commands),
                CentreChart::Frontier(scene) => frontier_ui(ui, &scenario.currency, scene),
            }
        });
        self.view.chart_size = size.inner;
    }
}

impl PlannerApp {
    /// Enters or leaves presentation mode: full screen, zoomed, in the light theme (projectors);
    /// the theme chosen before comes back on leaving.
    pub(crate) fn toggle_present(&mut self, ctx: &egui::Context) {
        if let Some(dark) = self.view.presenting.take() {
            self.settings.dark = dark;
            ctx.set_zoom_factor(1.0);
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        } else {
            self.view.presenting = Some(self.settings.dark);
            self.settings.dark = false;
            ctx.set_zoom_factor(PRESENT_ZOOM);
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
        self.apply_theme(ctx);
    }
}
