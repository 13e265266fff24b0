//! The Portfolio view's centre: the title and the answer in two sentences, then the features
//! (worst first, band chips, the design each runs and the best if another, what switching would
//! gain) with the team totals; the cost–value plane of the features; the monthly total against
//! the budget. Everything drawn comes from the session's figures, computed when the portfolio or
//! what was read changes, never per frame.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use rust_decimal::Decimal;

use super::{PortfolioSession, PortfolioTab};
use crate::app::command::Command;
use crate::app::editors::widgets::error_color;
use crate::app::panels::over_time::scene_plot_ui;
use crate::app::panels::table::band_chip;
use crate::app::portfolio::PortfolioCommand;
use crate::app::views::chart::CentreChart;
use crate::report::format;
use crate::report::portfolio::{Figures, Rollup};

/// The headline above the tabs: the portfolio's title, what it holds, and its answer.
pub(crate) fn heading_ui(ui: &mut Ui, session: &PortfolioSession, size: f32) {
    let portfolio = session.portfolio();
    let title = if portfolio.title.is_empty() {
        "Untitled portfolio"
    } else {
        &portfolio.title
    };
    ui.label(RichText::new(title).size(size).strong());
    let budget = portfolio.budget_monthly.map_or_else(
        || "no budget".to_owned(),
        |b| format!("budget {} / month", format::money(b, &portfolio.currency)),
    );
    ui.label(
        RichText::new(format!(
            "{} features · {} · {budget}",
            portfolio.features.len(),
            portfolio.currency
        ))
        .weak(),
    );
    match &session.figures.rollup {
        Ok(rollup) => {
            ui.label(crate::report::portfolio::pack::portfolio_answer(rollup));
        }
        Err(e) => {
            ui.label(RichText::new(format!("⚠ No totals: {e}")).color(error_color(ui)));
        }
    }
}

/// The centre of the Portfolio view. Returns the chart's size on screen, when a chart is shown.
pub(crate) fn centre_ui(
    ui: &mut Ui,
    session: &PortfolioSession,
    commands: &mut Vec<Command>,
) -> Option<egui::Vec2> {
    heading_ui(ui, session, 20.0);
    ui.horizontal(|ui| {
        for tab in PortfolioTab::ALL {
            if ui
                .selectable_label(session.tab == tab, tab.label())
                .clicked()
            {
                commands.push(Command::Portfolio(PortfolioCommand::Tab(tab)));
            }
        }
        ui.separator();
        if ui
            .button("Read the features again")
            .on_hover_text(
                "Read every feature's file again (after editing one outside the planner)",
            )
            .clicked()
        {
            commands.push(Command::Portfolio(PortfolioCommand::Reload));
        }
    });
    ui.separator();
    let Ok(rollup) = &session.figures.rollup else {
        problems_ui(ui, session, commands);
        return None;
    };
    match session.tab {
        PortfolioTab::Features => {
            egui::ScrollArea::vertical().show(ui, |ui| {
                features_ui(ui, rollup, commands);
                ui.add_space(12.0);
                teams_ui(ui, rollup);
                problems_ui(ui, session, commands);
            });
            None
        }
        PortfolioTab::Plane | PortfolioTab::Budget => chart_ui(ui, session),
    }
}

/// Presentation mode of the Portfolio view: the title and the answer, larger, over the tab's
/// chart, or over the features and the team totals.
pub(crate) fn present_ui(
    ui: &mut Ui,
    session: &PortfolioSession,
    commands: &mut Vec<Command>,
) -> Option<egui::Vec2> {
    ui.vertical_centered(|ui| heading_ui(ui, session, 30.0));
    ui.add_space(6.0);
    match (&session.figures.rollup, session.tab) {
        (Ok(rollup), PortfolioTab::Features) => {
            egui::ScrollArea::vertical().show(ui, |ui| {
                features_ui(ui, rollup, commands);
                ui.add_space(12.0);
                teams_ui(ui, rollup);
            });
            None
        }
        (Ok(_), _) => chart_ui(ui, session),
        (Err(_), _) => None,
    }
}

/// The chart of the tab shown (the plane from the Features tab), as the export writes it.
pub(crate) fn centre_chart(session: &PortfolioSession) -> Option<CentreChart> {
    match session.tab {
        PortfolioTab::Budget => session.figures.budget.clone().map(CentreChart::OverTime),
        PortfolioTab::Features | PortfolioTab::Plane => {
            session.figures.plane.clone().map(CentreChart::Frontier)
        }
    }
}

/// The plane or the budget chart, or why there is none.
pub(crate) fn chart_ui(ui: &mut Ui, session: &PortfolioSession) -> Option<egui::Vec2> {
    let currency = &session.portfolio().currency;
    match (session.tab, &session.figures.plane, &session.figures.budget) {
        (PortfolioTab::Budget, _, Some(scene)) => {
            Some(scene_plot_ui(ui, scene, "portfolio_budget"))
        }
        (PortfolioTab::Budget, _, None) => {
            ui.label(
                "No month to chart: no feature has a timeline, so each holds its current \
                 figures and the total is the one in the Features tab.",
            );
            None
        }
        (_, Some(scene), _) => Some(crate::app::views::frontier::frontier_ui(
            ui, currency, scene,
        )),
        (_, None, _) => {
            ui.label("No plane to show: no feature could be computed.");
            None
        }
    }
}

fn money(value: Decimal, currency: &str) -> String {
    format::money(value.round_dp(2), currency)
}

fn roi_text(f: &Figures) -> String {
    match (f.roi_multiple, f.band) {
        (Some(roi), _) => format::multiple(roi),
        (None, Some(_)) => "∞".to_owned(),
        (None, None) => "—".to_owned(),
    }
}

const FEATURE_COLUMNS: [&str; 8] = [
    "Feature (team · design it runs)",
    "Requests / month",
    "Cost / month",
    "Value / month",
    "Net value / month",
    "ROI and band",
    "Best design (gain / month)",
    "kgCO₂e / month",
];

/// One row per feature, worst first (by band, then net value), each with a way into it.
fn features_ui(ui: &mut Ui, r: &Rollup, commands: &mut Vec<Command>) {
    ui.label(RichText::new("Features, worst first").strong());
    if r.features.is_empty() {
        ui.label(RichText::new("No feature could be computed.").weak());
        return;
    }
    egui::ScrollArea::horizontal()
        .id_salt("portfolio_features_scroll")
        .show(ui, |ui| {
            // One line per cell (the feature's two): the columns take their text's width.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            let mut table = TableBuilder::new(ui)
                .id_salt("portfolio_features")
                .striped(true)
                .resizable(true)
                .vscroll(false)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::auto().at_least(220.0));
            for _ in 1..FEATURE_COLUMNS.len() {
                table = table.column(Column::auto().at_least(70.0));
            }
            table
                .header(22.0, |mut header| {
                    for name in FEATURE_COLUMNS {
                        header.col(|ui| {
                            ui.label(RichText::new(name).strong());
                        });
                    }
                })
                .body(|body| {
                    body.rows(42.0, r.features.len(), |mut row| {
                        let f = &r.features[row.index()];
                        let c = &r.currency;
                        row.col(|ui| {
                            let open = ui
                                .button("Open")
                                .on_hover_text(format!("Open {} in the planner", f.file));
                            let name = format!("Open {}", f.file);
                            open.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, &name)
                            });
                            if open.clicked() {
                                commands.push(Command::Portfolio(PortfolioCommand::OpenFeature(
                                    f.index,
                                )));
                            }
                            ui.vertical(|ui| {
                                ui.label(RichText::new(&f.title).strong())
                                    .on_hover_text(format!(
                                        "{}\nin {} (1 {} = {} {})",
                                        f.file, f.currency, f.currency, f.rate, c
                                    ));
                                let team = f.team.as_deref().unwrap_or("no team");
                                ui.label(RichText::new(format!("{team} · {}", f.design)).weak());
                            });
                        });
                        let m = &f.figures;
                        for text in [
                            format::count(f.volume),
                            money(m.monthly_cost, c),
                            money(m.monthly_value, c),
                            money(m.monthly_net_value, c),
                        ] {
                            row.col(|ui| {
                                ui.label(text);
                            });
                        }
                        row.col(|ui| {
                            // The chip at its own height, centred in the two-line row.
                            ui.allocate_ui(egui::vec2(ui.available_width(), 22.0), |ui| {
                                ui.horizontal(|ui| {
                                    ui.label(roi_text(m));
                                    if let Some(band) = m.band {
                                        band_chip(ui, band);
                                    }
                                });
                            });
                        });
                        row.col(|ui| match &f.best_design {
                            Some(best) if *best != f.design => {
                                ui.label(format!("{best} (+{})", money(m.gain_if_switched, c)))
                                    .on_hover_text(
                                        "Switching to the best design at this volume would add \
                                         this net value a month",
                                    );
                            }
                            _ => {
                                ui.label(RichText::new("runs its best").weak());
                            }
                        });
                        row.col(|ui| {
                            ui.label(
                                m.kg_co2e_per_month
                                    .map_or_else(|| "—".to_owned(), format::significant),
                            );
                        });
                    });
                });
        });
}

/// The teams' totals and the portfolio's, with what switching every feature would gain.
fn teams_ui(ui: &mut Ui, r: &Rollup) {
    ui.label(RichText::new("Teams and the total").strong());
    let c = &r.currency;
    egui::Grid::new("portfolio_teams")
        .striped(true)
        .num_columns(6)
        .min_col_width(80.0)
        .show(ui, |ui| {
            for name in [
                "Team",
                "Cost / month",
                "Value / month",
                "Net value / month",
                "ROI",
                "Band",
            ] {
                ui.label(RichText::new(name).strong());
            }
            ui.end_row();
            let row = |ui: &mut Ui, name: &str, f: &Figures, strong: bool| {
                let text = |t: String| {
                    if strong {
                        RichText::new(t).strong()
                    } else {
                        RichText::new(t)
                    }
                };
                ui.label(text(name.to_owned()));
                ui.label(text(money(f.monthly_cost, c)));
                ui.label(text(money(f.monthly_value, c)));
                ui.label(text(money(f.monthly_net_value, c)));
                ui.label(text(roi_text(f)));
                if let Some(band) = f.band {
                    band_chip(ui, band);
                } else {
                    ui.label("");
                }
                ui.end_row();
            };
            for team in &r.teams {
                row(ui, &team.team, &team.figures, false);
            }
            row(ui, "Total", &r.total, true);
        });
    let total = &r.total;
    let mut notes = Vec::new();
    if total.gain_if_switched > Decimal::ZERO {
        notes.push(format!(
            "Switching every feature to its best design would add {} a month.",
            money(total.gain_if_switched, c)
        ));
    }
    if let Some(kg) = total.kg_co2e_per_month {
        notes.push(format!(
            "{} kgCO₂e a month in all.",
            format::significant(kg)
        ));
    }
    for note in notes {
        ui.label(note);
    }
}

/// The features that could not be read or computed, each with why.
fn problems_ui(ui: &mut Ui, session: &PortfolioSession, commands: &mut Vec<Command>) {
    let Ok(rollup) = &session.figures.rollup else {
        ui.label(
            RichText::new(
                "Add the missing rates in the panel on the left, or remove the features.",
            )
            .weak(),
        );
        return;
    };
    if rollup.problems.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.label(
        RichText::new(format!("{} feature(s) not counted", rollup.problems.len()))
            .strong()
            .color(error_color(ui)),
    );
    for problem in &rollup.problems {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("⚠ {}: {}", problem.file, problem.message))
                    .color(error_color(ui)),
            );
            let index = session
                .portfolio()
                .features
                .iter()
                .position(|f| f.file == problem.file);
            if let Some(index) = index
                && session.feature_path(index).is_some_and(|p| p.is_file())
                && ui.button("Open").clicked()
            {
                commands.push(Command::Portfolio(PortfolioCommand::OpenFeature(index)));
            }
        });
    }
}

impl crate::app::PlannerApp {
    /// The layout while the portfolio is shown: the menu and status bars, the portfolio's editor
    /// on the left, and its features, plane or budget in the centre.
    pub(crate) fn portfolio_panels_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui, commands));
        crate::app::command::help::help_windows(ui.ctx(), &mut self.panels.help);
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        let Some(session) = &self.portfolio else {
            return;
        };
        let width = ui.ctx().content_rect().width();
        egui::Panel::left("portfolio_panel")
            .resizable(true)
            .default_size((width * 0.22).clamp(270.0, 330.0))
            .min_size(240.0)
            .show(ui, |ui| {
                super::editor::editor_ui(
                    ui,
                    session,
                    &mut self.panels.portfolio_fields,
                    commands,
                    self.today,
                );
            });
        let size = egui::CentralPanel::default()
            .show(ui, |ui| centre_ui(ui, session, commands))
            .inner;
        if let Some(size) = size {
            self.view.chart_size = size;
        }
    }
}
