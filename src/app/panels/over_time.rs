//! The Over time tab: months along x, monthly ROI, cumulative net cash or monthly cost against
//! the budget up y, the measured months as points, the key months in words and every month in a
//! compact table. Drawn from the same [`Scene`] the export and `chart --kind timeline` use.

use std::collections::HashSet;

use egui::{RichText, Ui};
use egui_plot::{Corner, GridInput, GridMark, Legend, Plot};

use crate::app::command::Command;
use crate::app::context::ViewContext;
use crate::app::document::compute::Computed;
use crate::app::views::chart::{backdrop, curves_and_marks, simulated_bands};
use crate::chart::Scene;
use crate::chart::timeline::{TimelineView, timeline_scene};
use crate::econ::timeline::TimelineFigures;
use crate::model::{Growth, Month, Scenario, Timeline};
use crate::report::format;

/// The Over time chart of the scenario as shown (for the tab, presentation and export).
pub fn scene(
    scenario: &Scenario,
    computed: &Computed,
    view: TimelineView,
    hidden: &HashSet<String, impl std::hash::BuildHasher>,
) -> Option<Scene> {
    let figures = computed.timeline.as_ref()?.as_ref().ok()?;
    Some(timeline_scene(
        scenario,
        figures,
        view,
        hidden,
        computed.timeline_simulation.as_ref(),
    ))
}

/// A new timeline: from next month, two years, 5 % growth a month, the first design running.
pub fn starter_timeline(scenario: &Scenario, today: crate::model::Date) -> Timeline {
    let start = Month::new(today.year, today.month)
        .and_then(|m| m.plus(1))
        .unwrap_or(Month {
            year: 2027,
            month: 1,
        });
    Timeline {
        start,
        months: 24,
        growth: Growth::Compound {
            pct_per_month: rust_decimal::Decimal::from(5),
        },
        budget_monthly: None,
        running: scenario.designs.first().map(|d| d.name.clone()),
    }
}

/// Grid marks at a scene's tick positions. `egui_plot` labels a mark when its step size spans
/// enough pixels, so on a linear axis each mark's step is the distance between ticks (every
/// tick labelled); on the log ROI axis, decades weigh 1 and the 3× marks 0.5, as on the main
/// chart.
fn marks_of(ticks: &[crate::chart::Tick], input: &GridInput, log: bool) -> Vec<GridMark> {
    let step = ticks
        .windows(2)
        .map(|w| (w[1].value - w[0].value).abs())
        .filter(|d| *d > 0.0)
        .fold(f64::INFINITY, f64::min);
    let step = if step.is_finite() { step } else { 1.0 };
    ticks
        .iter()
        .filter(|t| t.value >= input.bounds.0 && t.value <= input.bounds.1)
        .map(|t| GridMark {
            value: t.value,
            step_size: match (log, t.major) {
                (true, true) => 1.0,
                (true, false) => 0.5,
                (false, _) => step,
            },
        })
        .collect()
}

/// The label of the tick at `value`, if a labelled one is there.
fn tick_label(ticks: &[crate::chart::Tick], value: f64) -> String {
    ticks
        .iter()
        .find(|t| (t.value - value).abs() < 1e-9)
        .and_then(|t| t.label.clone())
        .unwrap_or_default()
}

/// Draws a scene on an `egui_plot` with the scene's own ticks; hover names the nearest mark.
pub fn scene_plot_ui(ui: &mut Ui, scene: &Scene, id: &str) -> egui::Vec2 {
    let dark = ui.visuals().dark_mode;
    let text_color = ui.visuals().text_color();
    let (x_ticks, y_ticks) = (scene.x_ticks.clone(), scene.y_ticks.clone());
    let (x_labels, y_labels) = (scene.x_ticks.clone(), scene.y_ticks.clone());
    let marks: Vec<([f64; 2], String)> = scene
        .break_evens
        .iter()
        .map(|m| (m.at, m.label.clone()))
        .collect();
    let (xlo, xhi) = scene.x_bounds;
    let (ylo, yhi) = scene.y_bounds;
    let x_span = (xhi - xlo).max(1e-9);
    let y_span = (yhi - ylo).max(1e-9);
    // The ROI view's y axis is log10 multiples; the money views are linear.
    let log_y = scene.kind == crate::chart::ChartKind::Roi;
    // Where the curves are not: bottom left under rising ROI, top left above rising money.
    let corner = if log_y {
        Corner::LeftBottom
    } else {
        Corner::LeftTop
    };
    let plot = Plot::new(("scene", id))
        .legend(
            Legend::default()
                .position(corner)
                .background_alpha(0.85)
                .follow_insertion_order(true),
        )
        .x_axis_label(scene.x_label.clone())
        .y_axis_label(scene.y_label.clone())
        .x_grid_spacer(move |input| marks_of(&x_ticks, &input, false))
        .y_grid_spacer(move |input| marks_of(&y_ticks, &input, log_y))
        .x_axis_formatter(move |mark, _| tick_label(&x_labels, mark.value))
        .y_axis_formatter(move |mark, _| tick_label(&y_labels, mark.value))
        .y_axis_min_width(56.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid(true)
        .label_formatter(move |position| {
            let point = match position {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => *position,
            };
            // The nearest marked point (a measured month, a payback), if the pointer is on it.
            let near = marks
                .iter()
                .map(|(at, label)| {
                    let dx = (at[0] - point.x) / x_span;
                    let dy = (at[1] - point.y) / y_span;
                    (dx * dx + dy * dy, label)
                })
                .filter(|(d, _)| *d < 0.0004)
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, label)| label.clone());
            Some(near.unwrap_or_default())
        });
    let response = plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds_x(xlo..=xhi);
        plot_ui.set_plot_bounds_y(ylo..=yhi);
        backdrop(plot_ui, scene, dark, text_color);
        simulated_bands(plot_ui, scene);
        curves_and_marks(plot_ui, scene, dark);
    });
    response.response.rect.size()
}

/// The tab: no timeline yet (and how to add one), the chart, the key months and the months.
pub(crate) fn over_time_ui(
    ui: &mut Ui,
    context: &ViewContext,
    commands: &mut Vec<Command>,
) -> Option<egui::Vec2> {
    let (scenario, computed) = (context.scenario, context.computed);
    let view = context.settings.timeline_view;
    let Some(figures) = computed.timeline.as_ref() else {
        ui.add_space(12.0);
        ui.label(
            "This scenario has no timeline: months ahead with growth, a \
             budget and the design running today.",
        );
        if ui
            .button("Add a timeline")
            .on_hover_text(
                "Two years from next month at 5 % growth a month; edit it in the scenario panel.",
            )
            .clicked()
        {
            let mut changed = scenario.clone();
            changed.timeline = Some(starter_timeline(scenario, context.today));
            commands.push(Command::Restructure {
                scenario: changed,
                select: None,
            });
        }
        return None;
    };
    let figures = match figures {
        Ok(f) => f,
        Err(e) => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("The timeline cannot be computed: {e}"),
            );
            return None;
        }
    };
    ui.horizontal_wrapped(|ui| {
        for option in TimelineView::ALL {
            if ui
                .selectable_label(view == option, option.label())
                .clicked()
            {
                commands.push(Command::ShowTimeline(option));
            }
        }
    });
    ui.label(RichText::new(key_months(scenario, figures).join(" · ")).strong());
    let scene = timeline_scene(
        scenario,
        figures,
        view,
        context.hidden(),
        computed.timeline_simulation.as_ref(),
    );
    let height = (ui.available_height() * 0.62).max(160.0);
    let size = ui
        .allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
            scene_plot_ui(ui, &scene, "over_time")
        })
        .inner;
    months_table(ui, scenario, figures);
    Some(size)
}

/// The months a reviewer looks for, in words: payback, the switch of best design, the first
/// month over budget or over capacity.
pub fn key_months(scenario: &Scenario, f: &TimelineFigures) -> Vec<String> {
    let name = |d: usize| scenario.designs[d].name.as_str();
    let mut out = Vec::new();
    for (d, s) in f.designs.iter().enumerate() {
        if let Some(m) = s.payback {
            out.push(format!("{} pays back in {m}", name(d)));
        }
    }
    for (month, best) in f.best_changes.iter().skip(1) {
        match best {
            Some(d) => out.push(format!(
                "{} best from {month} (highest monthly net value)",
                name(*d)
            )),
            None => out.push(format!("no design within capacity from {month}")),
        }
    }
    for (d, s) in f.designs.iter().enumerate() {
        if let Some(m) = s.over_budget_from {
            out.push(format!("{} over budget from {m}", name(d)));
        }
        if let Some(m) = s.over_capacity_from {
            out.push(format!("{} over capacity from {m}", name(d)));
        }
    }
    out
}

/// Every month: requests, each design's ROI and cumulative net cash, the best design.
fn months_table(ui: &mut Ui, scenario: &Scenario, f: &TimelineFigures) {
    let currency = &scenario.currency;
    egui::ScrollArea::both()
        .id_salt("months_table")
        .show(ui, |ui| {
            egui::Grid::new("months")
                .striped(true)
                .spacing([14.0, 2.0])
                .show(ui, |ui| {
                    ui.label(RichText::new("Month").strong());
                    ui.label(RichText::new("Requests").strong());
                    for d in &scenario.designs {
                        ui.label(RichText::new(format!("{} ROI · cash", d.name)).strong());
                    }
                    ui.label(RichText::new("Best").strong())
                        .on_hover_text(crate::report::choice::RULE);
                    ui.end_row();
                    for row in &f.months {
                        ui.label(row.month.to_string());
                        ui.label(format::count(row.volume));
                        for d in &row.designs {
                            let text = match d {
                                Ok(d) => {
                                    let roi = d
                                        .metrics
                                        .roi_multiple
                                        .map_or_else(|| "∞".to_owned(), format::multiple);
                                    let flag = if d.metrics.over_capacity {
                                        " (over capacity)"
                                    } else if d.over_budget {
                                        " (over budget)"
                                    } else {
                                        ""
                                    };
                                    format!(
                                        "{roi} · {}{flag}",
                                        format::money(d.cumulative_net_cash, currency)
                                    )
                                }
                                Err(_) => "—".to_owned(),
                            };
                            ui.label(text);
                        }
                        ui.label(row.best.map_or("—", |b| scenario.designs[b].name.as_str()));
                        ui.end_row();
                    }
                });
        });
}
