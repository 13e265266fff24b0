//! The chart: ROI multiple (or cost per inference, or monthly cost and value) against monthly
//! requests, log–log, with the bands shaded, the current volume, crossovers and break-evens.
//!
//! Plotted in log10 space (`egui_plot` has linear axes); ticks and hover text are formatted back
//! into requests, multiples and money. Clicking or dragging on the chart sets the current volume.

use std::collections::HashSet;

use egui::{Color32, RichText, Stroke, Ui};
use egui_plot::{
    Corner, GridInput, GridMark, HLine, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoint,
    PlotPoints, Points, Polygon, Text, VLine,
};
use rust_decimal::prelude::ToPrimitive;

use super::command::Command;
use super::compute::Computed;
use super::palette;
use super::widgets::error_color;
use crate::econ::Band;
use crate::model::Scenario;
use crate::report::format;

/// What the chart plots against monthly requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ChartKind {
    /// ROI multiple (value ÷ cost).
    #[default]
    Roi,
    /// Cost per inference.
    CostPerInference,
    /// Monthly cost and monthly value.
    Money,
}

impl ChartKind {
    /// The tab label.
    pub fn label(self) -> &'static str {
        match self {
            ChartKind::Roi => "ROI multiple",
            ChartKind::CostPerInference => "Cost per inference",
            ChartKind::Money => "Monthly cost & value",
        }
    }
}

fn log10(x: f64) -> f64 {
    x.log10()
}

fn pow10(x: f64) -> f64 {
    10f64.powf(x)
}

/// Grid marks at 1, 2 and 5 × each power of ten within the bounds (decades weigh most).
#[allow(clippy::needless_pass_by_value)] // egui_plot's grid spacer signature
fn decade_marks(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let mut marks = Vec::new();
    if !(lo.is_finite() && hi.is_finite()) || hi - lo > 40.0 {
        return marks;
    }
    #[allow(clippy::cast_possible_truncation)]
    for decade in (lo.floor() as i32 - 1)..=(hi.ceil() as i32 + 1) {
        for (k, step) in [(1.0, 1.0), (2.0, 0.25), (5.0, 0.25)] {
            let value = f64::from(decade) + log10(k);
            if value >= lo && value <= hi {
                marks.push(GridMark {
                    value,
                    step_size: step,
                });
            }
        }
    }
    marks
}

/// ROI grid marks: 0.1×, 0.3×, 0.5×, 1×, 3×, 10×, 30×, 100×, …
#[allow(clippy::needless_pass_by_value)] // egui_plot's grid spacer signature
fn roi_marks(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let mut marks = Vec::new();
    #[allow(clippy::cast_possible_truncation)]
    for decade in (lo.floor() as i32 - 1)..=(hi.ceil() as i32 + 1) {
        for (k, step) in [(1.0, 1.0), (3.0, 0.5)] {
            let value = f64::from(decade) + log10(k);
            if value >= lo && value <= hi {
                marks.push(GridMark {
                    value,
                    step_size: step,
                });
            }
        }
    }
    let half = log10(0.5);
    if half >= lo && half <= hi {
        marks.push(GridMark {
            value: half,
            step_size: 0.3,
        });
    }
    marks
}

/// A multiple for ticks: 0.5×, 1×, 3×, 30×, 1,000×.
fn multiple_label(x: f64) -> String {
    let v = pow10(x);
    if v >= 1.0 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = v.round() as u64;
        format!("{}×", format::count(whole))
    } else {
        let text = format!("{v:.3}");
        format!("{}×", text.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// Money for ticks, using the report's rounding rules.
fn money_label(x: f64, currency: &str) -> String {
    let v = pow10(x);
    rust_decimal::Decimal::from_f64_retain(v).map_or_else(String::new, |d| {
        let d = if v >= 100.0 {
            d.round()
        } else {
            d.round_sf(2).unwrap_or(d)
        };
        let text = format::money(d, currency);
        text.strip_suffix(".00")
            .map_or_else(|| text.clone(), ToOwned::to_owned)
    })
}

/// The plotted (`log10`) y value of a design at point `i`, or `None` where it is not drawn.
fn y_of(
    kind: ChartKind,
    log_series: &crate::econ::sweep::Series,
    i: usize,
    value_curve: bool,
) -> Option<f64> {
    let y = match kind {
        ChartKind::Roi => log_series.roi[i],
        ChartKind::CostPerInference => log_series.cost_per_inference[i],
        ChartKind::Money if value_curve => log_series.monthly_value[i],
        ChartKind::Money => log_series.monthly_cost[i],
    };
    y.is_finite().then_some(y)
}

/// Splits a curve into its drawable runs (gaps where over capacity or undefined).
fn runs(points: impl Iterator<Item = Option<[f64; 2]>>) -> Vec<Vec<[f64; 2]>> {
    let mut runs = vec![Vec::new()];
    for point in points {
        match point {
            Some(p) => runs.last_mut().map_or((), |r| r.push(p)),
            None if runs.last().is_some_and(|r| !r.is_empty()) => runs.push(Vec::new()),
            None => {}
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// Draws the chart and pushes a volume change when it is clicked or dragged.
#[allow(clippy::too_many_lines)]
pub fn chart_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    computed: &Computed,
    hidden: &HashSet<String, impl std::hash::BuildHasher>,
    kind: ChartKind,
    commands: &mut Vec<Command>,
) {
    let currency = scenario.currency.clone();
    let (vmin, vmax) = (
        scenario.volume.min.max(1) as f64,
        scenario.volume.max.max(2) as f64,
    );
    let (xmin, xmax) = (log10(vmin), log10(vmax.max(vmin * 1.01)));
    // A little room on both sides so the first and last tick labels are not clipped.
    let (xlo, xhi) = (xmin - (xmax - xmin) * 0.01, xmax + (xmax - xmin) * 0.03);
    let visible: Vec<usize> = (0..scenario.designs.len())
        .filter(|&i| {
            !hidden.contains(&scenario.designs[i].name)
                && computed.excluded.get(i).is_some_and(Option::is_none)
        })
        .collect();
    let left_out: Vec<String> = (0..scenario.designs.len())
        .filter_map(|i| {
            computed
                .excluded
                .get(i)
                .and_then(Clone::clone)
                .map(|why| format!("{}: {why}", scenario.designs[i].name))
        })
        .collect();
    for note in &left_out {
        ui.label(
            RichText::new(format!("⚠ Not plotted — {note}"))
                .color(error_color(ui))
                .small(),
        );
    }

    // The y range: the data, and for ROI at least 0.3× to 30× so that every band shows.
    let mut ys: Vec<f64> = Vec::new();
    for &i in &visible {
        if let Some(Some(series)) = computed.log_curves.get(i) {
            for j in 0..computed.log_volumes.len() {
                ys.extend(y_of(kind, series, j, false));
                if kind == ChartKind::Money {
                    ys.extend(y_of(kind, series, j, true));
                }
            }
        }
    }
    let (mut ymin, mut ymax) = ys
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &y| {
            (lo.min(y), hi.max(y))
        });
    if kind == ChartKind::Roi {
        ymin = ymin.min(log10(0.3)).max(-3.0);
        ymax = ymax.max(log10(30.0)).min(5.0);
    }
    if !(ymin.is_finite() && ymax.is_finite()) || ymax - ymin < 0.5 {
        let mid = if ymin.is_finite() {
            f64::midpoint(ymin, ymax)
        } else {
            0.0
        };
        (ymin, ymax) = (mid - 1.0, mid + 1.0);
    }
    let pad = (ymax - ymin) * 0.06;
    let (ymin, ymax) = (ymin - pad, ymax + pad);

    let dark = ui.visuals().dark_mode;
    let text_color = ui.visuals().text_color();
    let y_label = match kind {
        ChartKind::Roi => "ROI multiple (value ÷ cost), log scale".to_owned(),
        ChartKind::CostPerInference => format!("Cost per inference ({currency}), log scale"),
        ChartKind::Money => {
            format!("Per month ({currency}), log scale — solid: cost, dashed: value")
        }
    };
    let currency_for_ticks = currency.clone();
    let prepared = &computed.prepared;
    let names: Vec<String> = scenario.designs.iter().map(|d| d.name.clone()).collect();
    let hover_currency = currency.clone();
    let plot = Plot::new(("chart", kind as u8))
        .legend(
            Legend::default()
                .position(Corner::LeftTop)
                .background_alpha(0.85)
                .follow_insertion_order(true),
        )
        .x_axis_label("Monthly requests (log scale)")
        .y_axis_label(y_label)
        .x_grid_spacer(decade_marks)
        .y_grid_spacer(if kind == ChartKind::Roi {
            roi_marks
        } else {
            decade_marks
        })
        .x_axis_formatter(|mark, _| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let v = pow10(mark.value).round() as u64;
            format::compact(v)
        })
        .y_axis_formatter(move |mark, _| match kind {
            ChartKind::Roi => multiple_label(mark.value),
            _ => money_label(mark.value, &currency_for_ticks),
        })
        .y_axis_min_width(48.0)
        .default_x_bounds(xlo, xhi)
        .default_y_bounds(ymin, ymax)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid(true)
        .label_formatter(move |position| {
            let (name, point) = match position {
                egui_plot::HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } => (Some(*plot_name), *position),
                egui_plot::HoverPosition::Elsewhere { position } => (None, *position),
            };
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let volume = pow10(point.x).round().max(1.0) as u64;
            let mut text = format!("{} requests/month", format::count(volume));
            let design = name.and_then(|n| {
                names
                    .iter()
                    .position(|d| d == n.trim_end_matches(" (value)"))
            });
            if let Some(i) = design
                && let Some(Ok(p)) = prepared.get(i)
                && let Ok(m) = p.metrics(volume)
            {
                let roi = m
                    .roi_multiple
                    .map_or_else(|| "∞".to_owned(), format::multiple);
                text = format!(
                    "{}\n{text}\nROI {roi} ({})\ncost {} / inference\nvalue {} / inference{}",
                    names[i],
                    m.band,
                    format::money(m.cost_per_inference, &hover_currency),
                    format::money(m.value_per_inference, &hover_currency),
                    if m.over_capacity {
                        "\nover capacity"
                    } else {
                        ""
                    }
                );
            }
            Some(text)
        });

    let response = plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds_x(xlo..=xhi);
        plot_ui.set_plot_bounds_y(ymin..=ymax);
        if kind == ChartKind::Roi {
            // Bands, from the bottom of the chart up.
            let edges = [ymin, 0.0, log10(3.0), 1.0, ymax];
            for (k, band) in Band::ALL.iter().enumerate() {
                let (lo, hi) = (edges[k].max(ymin), edges[k + 1].min(ymax));
                if hi <= lo {
                    continue;
                }
                let rect = vec![[xmin, lo], [xmax, lo], [xmax, hi], [xmin, hi]];
                plot_ui.polygon(
                    Polygon::new("", PlotPoints::new(rect))
                        .fill_color(palette::band_fill(*band, dark))
                        .stroke(Stroke::NONE)
                        .allow_hover(false),
                );
                let label_y = f64::midpoint(lo, hi);
                plot_ui.text(
                    Text::new(
                        "",
                        PlotPoint::new(xmax, label_y),
                        RichText::new(band.label())
                            .size(13.0)
                            .color(palette::band_label(*band, dark)),
                    )
                    .anchor(egui::Align2::RIGHT_CENTER)
                    .allow_hover(false),
                );
            }
            for k in [1.0, 3.0, 10.0] {
                plot_ui.hline(
                    HLine::new("", log10(k))
                        .stroke(Stroke::new(1.0, text_color.gamma_multiply(0.45)))
                        .style(LineStyle::dashed_loose())
                        .allow_hover(false),
                );
            }
        }
        // Current volume.
        let now = log10(scenario.volume.current.max(1) as f64);
        plot_ui.vline(
            VLine::new("", now)
                .stroke(Stroke::new(1.5, text_color.gamma_multiply(0.7)))
                .allow_hover(false),
        );
        plot_ui.text(
            Text::new(
                "",
                PlotPoint::new(now, ymax),
                RichText::new(format!(
                    " now: {}/mo",
                    format::compact(scenario.volume.current)
                ))
                .size(12.0),
            )
            .color(text_color)
            .anchor(egui::Align2::LEFT_TOP)
            .allow_hover(false),
        );
        // One line per visible design.
        for &i in &visible {
            let Some(Some(series)) = computed.log_curves.get(i) else {
                continue;
            };
            let color = palette::design_color(i);
            let curves: &[bool] = if kind == ChartKind::Money {
                &[false, true]
            } else {
                &[false]
            };
            for &value_curve in curves {
                let points = computed
                    .log_volumes
                    .iter()
                    .enumerate()
                    .map(|(j, &x)| y_of(kind, series, j, value_curve).map(|y| [x, y]));
                let name = if value_curve {
                    format!("{} (value)", names_of(scenario, i))
                } else {
                    names_of(scenario, i)
                };
                for run in runs(points) {
                    let mut line = Line::new(name.clone(), PlotPoints::new(run))
                        .color(color)
                        .width(2.5);
                    if value_curve {
                        line = line.style(LineStyle::dashed_dense());
                    }
                    plot_ui.line(line);
                }
            }
            // Over capacity: say where the line stops.
            if let Some(Ok(p)) = computed.prepared.get(i)
                && let Some(limit) = p.cost.capacity_limit
                && (limit as f64) < vmax
                && (limit as f64) >= vmin
                && let Ok(m) = p.metrics(limit.max(1))
            {
                let y = match kind {
                    ChartKind::Roi => m.roi_multiple.and_then(|r| r.to_f64()),
                    ChartKind::CostPerInference => m.cost_per_inference.to_f64(),
                    ChartKind::Money => m.monthly_cost.to_f64(),
                };
                if let Some(y) = y.filter(|y| *y > 0.0) {
                    // Beside the end of the line where there is room, else above it.
                    let x = log10(limit as f64);
                    let room_right = (xmax - x) / (xmax - xmin) > 0.25;
                    let (text, anchor) = if room_right {
                        (
                            format!(" ⟂ over capacity above {}", format::compact(limit)),
                            egui::Align2::LEFT_CENTER,
                        )
                    } else {
                        (
                            format!("over capacity above {} ⟂ ", format::compact(limit)),
                            egui::Align2::RIGHT_BOTTOM,
                        )
                    };
                    plot_ui.text(
                        Text::new(
                            "",
                            PlotPoint::new(x, log10(y)),
                            RichText::new(text).size(11.0).color(color),
                        )
                        .anchor(anchor)
                        .allow_hover(false),
                    );
                }
            }
            // Break-even on the ROI chart.
            if kind == ChartKind::Roi
                && let Some(Ok(f)) = computed.analysis.designs.get(i)
                && let Some(v) = f.break_even.first
                && (v as f64) >= vmin
                && (v as f64) <= vmax
            {
                plot_ui.points(
                    Points::new("", vec![[log10(v as f64), 0.0]])
                        .shape(MarkerShape::Circle)
                        .radius(5.0)
                        .filled(true)
                        .color(color)
                        .allow_hover(false),
                );
            }
        }
        // Crossovers between visible designs.
        if kind == ChartKind::Roi {
            let mut markers = Vec::new();
            for c in &computed.analysis.crossovers {
                if !(visible.contains(&c.a) && visible.contains(&c.b)) {
                    continue;
                }
                for &v in &c.volumes {
                    if let Some(Ok(p)) = computed.prepared.get(c.b)
                        && let Ok(m) = p.metrics(v)
                        && let Some(roi) = m.roi_multiple.and_then(|r| r.to_f64())
                        && roi > 0.0
                    {
                        markers.push([log10(v as f64), log10(roi)]);
                    }
                }
            }
            if !markers.is_empty() {
                let edge = if dark { Color32::WHITE } else { Color32::BLACK };
                plot_ui.points(
                    Points::new("Crossover", markers)
                        .shape(MarkerShape::Diamond)
                        .radius(6.0)
                        .filled(true)
                        .color(edge),
                );
            }
        }
        // Click or drag: move the current volume there.
        let response = plot_ui.response().clone();
        if (response.clicked() || response.dragged())
            && let Some(pointer) = plot_ui.pointer_coordinate()
        {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let volume = pow10(pointer.x.clamp(xmin, xmax)).round() as u64;
            let volume = volume.clamp(scenario.volume.min, scenario.volume.max);
            if volume != scenario.volume.current {
                let mut changed = scenario.clone();
                changed.volume.current = volume;
                commands.push(Command::Edit {
                    key: response.id,
                    path: Some("volume.current".to_owned()),
                    scenario: changed,
                });
            }
        }
    });
    response
        .response
        .on_hover_cursor(egui::CursorIcon::Crosshair);
}

fn names_of(scenario: &Scenario, i: usize) -> String {
    scenario
        .designs
        .get(i)
        .map_or_else(String::new, |d| d.name.clone())
}
