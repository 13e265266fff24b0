//! The chart: ROI multiple (or cost per inference, or monthly cost and value) against monthly
//! requests, log–log, with the bands shaded, the current volume, crossovers and break-evens.
//!
//! Plotted in log10 space (`egui_plot` has linear axes); ticks and hover text are formatted back
//! into requests, multiples and money. Clicking or dragging on the chart sets the current volume.

use std::fmt::Write as _;

use crate::app::command::Command;
use crate::app::context::ViewContext;
use crate::app::editors::widgets::error_color;
use crate::app::palette;
use crate::app::panels::over_time;
use crate::app::planner::Centre;
pub use crate::chart::ChartKind;
use crate::chart::frontier::FrontierScene;
use crate::chart::{
    Scene, decade_ticks, money_label, multiple_label, pow10, quantity_label, roi_ticks,
    volume_label,
};
use crate::report::format;
use egui::{Color32, RichText, Stroke, Ui};
use egui_plot::{
    Corner, GridInput, GridMark, HLine, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoint,
    PlotPoints, Points, Polygon, Text, VLine,
};

/// `egui_plot` grid marks from the chart's tick positions.
fn marks(ticks: Vec<(f64, f64)>) -> Vec<GridMark> {
    ticks
        .into_iter()
        .map(|(value, step_size)| GridMark { value, step_size })
        .collect()
}

#[allow(clippy::needless_pass_by_value)] // egui_plot's grid spacer signature
fn decade_marks(input: GridInput) -> Vec<GridMark> {
    marks(decade_ticks(input.bounds.0, input.bounds.1))
}

#[allow(clippy::needless_pass_by_value)] // egui_plot's grid spacer signature
fn roi_marks(input: GridInput) -> Vec<GridMark> {
    marks(roi_ticks(input.bounds.0, input.bounds.1))
}

/// The chart the centre shows: the document's chart against monthly requests, or the Over time
/// tab's own chart.
#[derive(Debug)]
pub(crate) enum CentreChart {
    /// The chart of the tab in the settings, with its overlays.
    Volume(Scene),
    /// The Over time tab's chart of the months ahead.
    OverTime(Scene),
    /// The Frontier tab's cost–value plane at the current volume.
    Frontier(FrontierScene),
}

impl ViewContext<'_> {
    /// The chart of the tab in the settings as shown: the document's curves with what is drawn
    /// over them — the simulated bands when shown, and the version compared with, dashed.
    pub(crate) fn chart_scene(&self) -> Scene {
        let (hidden, kind) = (self.hidden(), self.settings.tab);
        let mut scene = Scene::new(self.scenario, &self.computed.chart, hidden, kind);
        if let Some(simulation) = self.simulation() {
            scene.add_simulation(simulation);
        }
        if let Some(before) = self.comparison() {
            let earlier = Scene::new(&before.scenario, &before.chart, hidden, kind);
            scene.add_before(&earlier, &before.label);
        }
        scene
    }

    /// The chart the centre shows, as presented and exported: the Over time tab's own chart on
    /// that tab (when there is one), the plane on the Frontier tab, else [`Self::chart_scene`].
    pub(crate) fn centre_chart(&self) -> CentreChart {
        if self.centre() == Centre::Frontier {
            return CentreChart::Frontier(self.frontier_scene());
        }
        let over_time = (self.centre() == Centre::OverTime)
            .then(|| {
                over_time::scene(
                    self.scenario,
                    self.computed,
                    self.settings.timeline_view,
                    self.hidden(),
                )
            })
            .flatten();
        over_time.map_or_else(
            || CentreChart::Volume(self.chart_scene()),
            CentreChart::OverTime,
        )
    }
}

/// Draws the chart of a scene and pushes a volume change when it is clicked or dragged. Returns
/// the chart's size on screen, in points.
pub(crate) fn chart_ui(
    ui: &mut Ui,
    view: &ViewContext,
    scene: &Scene,
    commands: &mut Vec<Command>,
) -> egui::Vec2 {
    let (scenario, computed) = (view.scenario, view.computed);
    let kind = scene.kind;
    for note in &scene.left_out {
        ui.label(RichText::new(format!("⚠ Not plotted — {note}")).color(error_color(ui)));
    }
    let (xmin, xmax) = scene.x_extent;
    let (xlo, xhi) = scene.x_bounds;
    let (ymin, ymax) = scene.y_bounds;
    let dark = ui.visuals().dark_mode;
    let text_color = ui.visuals().text_color();
    let currency_for_ticks = scenario.currency.clone();
    let prepared = &computed.chart.prepared;
    let energy = &computed.chart.energy;
    let names: Vec<String> = scenario.designs.iter().map(|d| d.name.clone()).collect();
    let hover_currency = scenario.currency.clone();
    let plot = Plot::new(("chart", kind as u8))
        .legend(
            Legend::default()
                .position(Corner::LeftTop)
                .background_alpha(0.85)
                .follow_insertion_order(true),
        )
        .x_axis_label(scene.x_label.clone())
        .y_axis_label(scene.y_label.clone())
        .x_grid_spacer(decade_marks)
        .y_grid_spacer(if kind == ChartKind::Roi {
            roi_marks
        } else {
            decade_marks
        })
        .x_axis_formatter(|mark, _| volume_label(mark.value))
        .y_axis_formatter(move |mark, _| match (kind, kind.unit()) {
            (ChartKind::Roi, _) => multiple_label(mark.value),
            (_, Some(unit)) => quantity_label(mark.value, unit),
            (_, None) => money_label(mark.value, &currency_for_ticks),
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
            let mut text = hover_text(&names, prepared, &hover_currency, position);
            if kind.is_energy() {
                text.push_str(&energy_hover(&names, prepared, energy, position));
            }
            Some(text)
        });

    let response = plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds_x(xlo..=xhi);
        plot_ui.set_plot_bounds_y(ymin..=ymax);
        backdrop(plot_ui, scene, dark, text_color);
        simulated_bands(plot_ui, scene);
        curves_and_marks(plot_ui, scene, dark);
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
    let size = response.response.rect.size();
    response
        .response
        .on_hover_cursor(egui::CursorIcon::Crosshair);
    size
}

/// The hover text at a point: the volume there and, near a design's curve, its ROI, band, cost
/// and value per inference at that volume (exact, from the engine).
fn hover_text(
    names: &[String],
    prepared: &[Result<crate::econ::Prepared, crate::econ::EconError>],
    currency: &str,
    position: &egui_plot::HoverPosition,
) -> String {
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
            format::money(m.cost_per_inference, currency),
            format::money(m.value_per_inference, currency),
            if m.over_capacity {
                "\nover capacity"
            } else {
                ""
            }
        );
    }
    text
}

/// On the energy charts: the design's Wh and gCO₂e per inference at the hovered volume (exact).
fn energy_hover(
    names: &[String],
    prepared: &[Result<crate::econ::Prepared, crate::econ::EconError>],
    energy: &[Option<crate::econ::energy::EnergyModel>],
    position: &egui_plot::HoverPosition,
) -> String {
    let egui_plot::HoverPosition::NearDataPoint {
        plot_name,
        position,
        ..
    } = position
    else {
        return String::new();
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let volume = pow10(position.x).round().max(1.0) as u64;
    let Some(i) = names.iter().position(|d| d == plot_name) else {
        return String::new();
    };
    let (Some(Ok(p)), Some(Some(model))) = (prepared.get(i), energy.get(i)) else {
        return String::new();
    };
    let (Ok(m), Ok((kwh, kg))) = (p.metrics(volume), model.at(volume)) else {
        return String::new();
    };
    let per = |x: rust_decimal::Decimal| {
        x.checked_mul(rust_decimal::Decimal::ONE_THOUSAND)
            .and_then(|x| x.checked_div(m.served_requests))
    };
    let mut text = String::new();
    if let Some(wh) = per(kwh) {
        let _ = write!(text, "\n{} Wh / inference", format::significant(wh));
    }
    if let Some(g) = kg.and_then(per) {
        let _ = write!(text, "\n{} gCO₂e / inference", format::significant(g));
    }
    text
}

/// Behind the curves: the bands' shading and labels, the threshold guides, the current volume.
pub(crate) fn backdrop(
    plot_ui: &mut egui_plot::PlotUi,
    scene: &Scene,
    dark: bool,
    text_color: Color32,
) {
    let (xlo, xhi) = scene.x_bounds;
    let xmax = scene.x_extent.1;
    let ymax = scene.y_bounds.1;
    for area in &scene.bands {
        // Across the whole plot, margins included, so no strip is left unshaded.
        let rect = vec![
            [xlo, area.lo],
            [xhi, area.lo],
            [xhi, area.hi],
            [xlo, area.hi],
        ];
        plot_ui.polygon(
            Polygon::new("", PlotPoints::new(rect))
                .fill_color(palette::band_fill(area.band, dark))
                .stroke(Stroke::NONE)
                .allow_hover(false),
        );
        plot_ui.text(
            Text::new(
                "",
                PlotPoint::new(xmax, f64::midpoint(area.lo, area.hi)),
                RichText::new(area.band.label())
                    .size(13.0)
                    .color(palette::band_label(area.band, dark)),
            )
            .anchor(egui::Align2::RIGHT_CENTER)
            .allow_hover(false),
        );
    }
    for &guide in &scene.guides {
        plot_ui.hline(
            HLine::new("", guide)
                .stroke(Stroke::new(1.0, text_color.gamma_multiply(0.45)))
                .style(LineStyle::dashed_loose())
                .allow_hover(false),
        );
    }
    // Current volume.
    let (now, now_label) = &scene.current;
    plot_ui.vline(
        VLine::new("", *now)
            .stroke(Stroke::new(1.5, text_color.gamma_multiply(0.7)))
            .allow_hover(false),
    );
    plot_ui.text(
        Text::new(
            "",
            PlotPoint::new(*now, ymax),
            RichText::new(format!(" {now_label}")).size(13.0),
        )
        .color(text_color)
        .anchor(egui::Align2::LEFT_TOP)
        .allow_hover(false),
    );
}

/// Simulated bands under the exact curves: one quad per step (egui fills convex shapes).
pub(crate) fn simulated_bands(plot_ui: &mut egui_plot::PlotUi, scene: &Scene) {
    for band in &scene.simulated_bands {
        let fill = egui::Color32::from(band.color).gamma_multiply(0.22);
        for pair in band.points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            plot_ui.polygon(
                Polygon::new(
                    "",
                    PlotPoints::new(vec![[a[0], a[1]], [b[0], b[1]], [b[0], b[3]], [a[0], a[3]]]),
                )
                .fill_color(fill)
                .stroke(Stroke::NONE)
                .allow_hover(false),
            );
        }
        plot_ui.line(
            Line::new(
                band.name.clone(),
                PlotPoints::new(band.points.iter().map(|p| [p[0], p[2]]).collect()),
            )
            .color(band.color)
            .width(1.5)
            .style(LineStyle::dashed_loose()),
        );
    }
}

/// The curves, the over-capacity notes, the break-evens and the crossovers.
pub(crate) fn curves_and_marks(plot_ui: &mut egui_plot::PlotUi, scene: &Scene, dark: bool) {
    // The version compared with, under the current curves: one legend entry for all of them.
    if let Some((label, curves)) = &scene.before {
        for curve in curves {
            for run in &curve.runs {
                plot_ui.line(
                    Line::new(format!("dashed: {label}"), PlotPoints::new(run.clone()))
                        .color(curve.color)
                        .width(2.0)
                        .style(LineStyle::dashed_loose()),
                );
            }
        }
    }
    for curve in &scene.curves {
        for run in &curve.runs {
            let mut line = Line::new(curve.name.clone(), PlotPoints::new(run.clone()))
                .color(curve.color)
                .width(2.5);
            if curve.dashed {
                line = line.style(LineStyle::dashed_dense());
            }
            plot_ui.line(line);
        }
    }
    for note in &scene.notes {
        let (anchor, text) = if note.rightward {
            (egui::Align2::LEFT_CENTER, format!(" ⟂ {}", note.text))
        } else {
            (egui::Align2::RIGHT_BOTTOM, format!("{} ⟂ ", note.text))
        };
        plot_ui.text(
            Text::new(
                "",
                PlotPoint::new(note.at[0], note.at[1]),
                RichText::new(text)
                    .size(13.0)
                    .color(note.color.readable_on(palette::plot_background(dark))),
            )
            .anchor(anchor)
            .allow_hover(false),
        );
    }
    for marker in &scene.break_evens {
        plot_ui.points(
            Points::new("", vec![marker.at])
                .shape(MarkerShape::Circle)
                .radius(5.0)
                .filled(true)
                .color(marker.color)
                .allow_hover(false),
        );
    }
    if !scene.crossovers.is_empty() {
        let edge = if dark { Color32::WHITE } else { Color32::BLACK };
        plot_ui.points(
            Points::new(
                format!("Crossover{}", scene.crossover_note),
                scene.crossovers.iter().map(|m| m.at).collect::<Vec<_>>(),
            )
            .shape(MarkerShape::Diamond)
            .radius(6.0)
            .filled(true)
            .color(edge),
        );
    }
}
