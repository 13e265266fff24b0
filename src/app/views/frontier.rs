//! The Frontier tab: the cost–value plane at the current volume (`chart::frontier`), monthly
//! cost along x and monthly value up y on log scales, the bands as diagonal stripes, one point
//! per design (hollow where dominated), the efficient frontier with each step's incremental ROI.
//!
//! The scene is built each frame from the computed analysis the table shows (recomputed only
//! when the document or the volume changes), so the points follow the volume slider.

use egui::{Color32, RichText, Stroke, Ui};
use egui_plot::{
    Corner, GridInput, GridMark, HoverPosition, Legend, Line, LineStyle, MarkerShape, Plot,
    PlotPoint, PlotPoints, Points, Polygon, Text,
};

use crate::app::context::ViewContext;
use crate::app::editors::widgets::error_color;
use crate::app::palette;
use crate::chart::frontier::{FrontierScene, LabelEdge, PlanePoint};
use crate::chart::{decade_ticks, money_label, pow10};
use crate::report::format;

#[allow(clippy::needless_pass_by_value)] // egui_plot's grid spacer signature
fn decade_marks(input: GridInput) -> Vec<GridMark> {
    decade_ticks(input.bounds.0, input.bounds.1)
        .into_iter()
        .map(|(value, step_size)| GridMark { value, step_size })
        .collect()
}

impl ViewContext<'_> {
    /// The plane of the computed figures at the current volume, the hidden designs and those
    /// the table leaves out left out.
    pub(crate) fn frontier_scene(&self) -> FrontierScene {
        let chart = &self.computed.chart;
        FrontierScene::with_excluded(
            self.scenario,
            &chart.analysis,
            self.hidden(),
            &chart.excluded,
        )
    }
}

/// The legend entry a point is drawn under: its own name, or (a portfolio's plane, whose legend
/// names teams) the entry of its colour; `egui_plot` shows one entry per name.
fn legend_name(scene: &FrontierScene, point: &PlanePoint) -> String {
    if scene.legend.is_empty() {
        return point.name.clone();
    }
    scene
        .legend
        .iter()
        .find(|e| e.color == point.color)
        .map_or_else(|| point.name.clone(), |e| e.label.clone())
}

/// The hover text at a point of the plane: a design's or a step's figures near them, else the
/// cost, value and ROI where the pointer is.
fn hover_text(scene: &FrontierScene, currency: &str, position: &HoverPosition) -> String {
    let (name, at) = match position {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => (Some(*plot_name), *position),
        HoverPosition::Elsewhere { position } => (None, *position),
    };
    // Several points may share a legend entry (a team): the nearest of them.
    let near = name.and_then(|n| {
        scene
            .points
            .iter()
            .filter(|p| legend_name(scene, p) == n)
            .min_by(|a, b| {
                let d = |p: &PlanePoint| (p.at[0] - at.x).powi(2) + (p.at[1] - at.y).powi(2);
                d(a).total_cmp(&d(b))
            })
    });
    if let Some(point) = near {
        return point.hover.clone();
    }
    let near_step = scene
        .steps
        .iter()
        .find(|s| (s.at[0] - at.x).abs() < 0.02 && (s.at[1] - at.y).abs() < 0.02);
    if let Some(step) = near_step {
        return step.hover.clone();
    }
    let money = |v: f64| {
        rust_decimal::Decimal::from_f64_retain(pow10(v))
            .map_or_else(String::new, |d| format::money(d.round_dp(2), currency))
    };
    format!(
        "cost {} / month\nvalue {} / month\nROI there {}",
        money(at.x),
        money(at.y),
        format::multiple_f64(pow10(at.y - at.x)),
    )
}

/// Draws the plane with the sentences above it that say the frontier in words. Returns the
/// chart's size on screen, in points.
pub(crate) fn frontier_ui(ui: &mut Ui, currency: &str, scene: &FrontierScene) -> egui::Vec2 {
    for line in &scene.summary {
        ui.label(line);
    }
    for note in &scene.left_out {
        ui.label(RichText::new(format!("⚠ Not plotted — {note}")).color(error_color(ui)));
    }
    let dark = ui.visuals().dark_mode;
    let text_color = ui.visuals().text_color();
    let (currency_x, currency_y, currency_hover) = (
        currency.to_owned(),
        currency.to_owned(),
        currency.to_owned(),
    );
    let ((xlo, xhi), (ylo, yhi)) = (scene.x_bounds, scene.y_bounds);
    let hover_scene = scene.clone();
    let plot = Plot::new("frontier")
        .legend(
            Legend::default()
                .position(Corner::LeftTop)
                .background_alpha(0.85)
                .follow_insertion_order(true),
        )
        .x_axis_label(scene.x_label.clone())
        .y_axis_label(scene.y_label.clone())
        .x_grid_spacer(decade_marks)
        .y_grid_spacer(decade_marks)
        .x_axis_formatter(move |mark, _| money_label(mark.value, &currency_x))
        .y_axis_formatter(move |mark, _| money_label(mark.value, &currency_y))
        .y_axis_min_width(56.0)
        .default_x_bounds(xlo, xhi)
        .default_y_bounds(ylo, yhi)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid(true)
        .label_formatter(move |position| Some(hover_text(&hover_scene, &currency_hover, position)));
    let response = plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds_x(xlo..=xhi);
        plot_ui.set_plot_bounds_y(ylo..=yhi);
        stripes(plot_ui, scene, dark, text_color);
        frontier_and_points(plot_ui, scene, dark, text_color);
    });
    response.response.rect.size()
}

/// The bands' stripes and labels and the 1×, 3× and 10× lines.
fn stripes(plot_ui: &mut egui_plot::PlotUi, scene: &FrontierScene, dark: bool, text: Color32) {
    for stripe in &scene.bands {
        plot_ui.polygon(
            Polygon::new("", PlotPoints::new(stripe.polygon.clone()))
                .fill_color(palette::band_fill(stripe.band, dark))
                .stroke(Stroke::NONE)
                .allow_hover(false),
        );
    }
    for guide in &scene.guides {
        plot_ui.line(
            Line::new("", PlotPoints::new(guide.ends.to_vec()))
                .color(text.gamma_multiply(0.45))
                .width(1.0)
                .style(LineStyle::dashed_loose())
                .allow_hover(false),
        );
        let end = guide.ends[1];
        plot_ui.text(
            Text::new(
                "",
                PlotPoint::new(end[0], end[1]),
                RichText::new(format!("value = {}× cost ", guide.multiple)).size(11.0),
            )
            .color(text.gamma_multiply(0.7))
            .anchor(egui::Align2::RIGHT_TOP)
            .allow_hover(false),
        );
    }
    for stripe in &scene.bands {
        let Some((at, edge)) = stripe.label_at else {
            continue;
        };
        let anchor = match edge {
            LabelEdge::Right => egui::Align2::RIGHT_CENTER,
            LabelEdge::Top => egui::Align2::CENTER_TOP,
        };
        plot_ui.text(
            Text::new(
                "",
                PlotPoint::new(at[0], at[1]),
                RichText::new(format!("{} ", stripe.band.label()))
                    .size(13.0)
                    .strong()
                    .color(palette::band_label(stripe.band, dark)),
            )
            .anchor(anchor)
            .allow_hover(false),
        );
    }
}

/// The frontier's line and step labels, then one point per design (hollow where dominated).
fn frontier_and_points(
    plot_ui: &mut egui_plot::PlotUi,
    scene: &FrontierScene,
    dark: bool,
    text: Color32,
) {
    if scene.frontier.len() > 1 {
        plot_ui.line(
            Line::new("Frontier", PlotPoints::new(scene.frontier.clone()))
                .color(text)
                .width(2.0)
                .allow_hover(false),
        );
    }
    let patch = palette::plot_background(dark).faded(0.85);
    for step in &scene.steps {
        plot_ui.text(
            Text::new(
                "",
                PlotPoint::new(step.at[0], step.at[1]),
                RichText::new(format!(" {} ", step.text))
                    .size(12.0)
                    .strong()
                    .background_color(patch),
            )
            .color(text)
            .allow_hover(false),
        );
    }
    let background = Color32::from(palette::plot_background(dark));
    for point in scene.points.iter().filter(|p| !p.on_frontier) {
        // A thick ring: the colour, and the plot's background inside it.
        for (radius, color) in [(7.0, Color32::from(point.color)), (4.5, background)] {
            plot_ui.points(
                Points::new("", vec![point.at])
                    .shape(MarkerShape::Circle)
                    .radius(radius)
                    .filled(true)
                    .color(color)
                    .allow_hover(false),
            );
        }
    }
    // A portfolio's legend names teams: each point says which feature it is beside it.
    if scene.point_labels {
        for point in &scene.points {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let gap = " ".repeat((point.radius / 3.0).ceil() as usize + 1);
            // Right of the point, or left of it in the right third of the plot (room to read).
            let (lo, hi) = scene.x_bounds;
            let (label, anchor) = if point.at[0] > lo + (hi - lo) * 2.0 / 3.0 {
                (format!("{}{gap}", point.name), egui::Align2::RIGHT_CENTER)
            } else {
                (format!("{gap}{}", point.name), egui::Align2::LEFT_CENTER)
            };
            plot_ui.text(
                Text::new(
                    "",
                    PlotPoint::new(point.at[0], point.at[1]),
                    RichText::new(label).size(12.0),
                )
                .color(text)
                .anchor(anchor)
                .allow_hover(false),
            );
        }
    }
    for point in &scene.points {
        plot_ui.points(
            Points::new(legend_name(scene, point), vec![point.at])
                .shape(MarkerShape::Circle)
                .radius(point.radius)
                .filled(point.on_frontier)
                .color(point.color),
        );
    }
}
