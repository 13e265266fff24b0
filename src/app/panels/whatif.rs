//! "What if…": the tornado (which inputs move the selected design's ROI) and goal seek (what one
//! input would have to be to reach a target ROI), with one click to apply the answer.

use egui::{Color32, RichText, Stroke, Ui};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::app::command::Command;
use crate::app::document::Generation;
use crate::app::editors::widgets::error_color;
use crate::app::palette;
use crate::econ::Band;
use crate::econ::whatif::{self, Input, Metric, Seek, Sensitivity};
use crate::model::Scenario;
use crate::report::whatif::{input_value, limit_text, lower_first, roi_text};

/// Targets offered as buttons; any other can be typed.
const TARGETS: [Band; 3] = [Band::Marginal, Band::Good, Band::Excellent];

/// The panel's state: its choices, and results cached until the document or a choice changes.
#[derive(Debug)]
pub struct WhatIfState {
    /// Swing of each input, in %.
    pub swing_pct: f64,
    /// The input goal seek solves for (its key), per design kind it may not exist.
    pub seek_input: Option<String>,
    /// The target ROI, as typed.
    pub target_text: String,
    /// What the tornado and goal seek measure: the ROI, or the ROI with carbon.
    pub metric: Metric,
    tornado: Option<(TornadoKey, Result<Sensitivity, String>)>,
    seek: Option<(SeekKey, SeekResult)>,
}

/// What a tornado was computed for: document state, design, swing in tenths of a %, metric.
type TornadoKey = (Generation, usize, u64, Metric);
/// What a goal seek was computed for: document state, design, input key, target text, metric.
type SeekKey = (Generation, usize, String, String, Metric);
type SeekResult = Result<(Input, Seek), String>;

/// One bar of the tornado as drawn.
struct Row {
    label: String,
    low: f64,
    high: f64,
    values: String,
}

impl Default for WhatIfState {
    fn default() -> Self {
        WhatIfState {
            swing_pct: 20.0,
            seek_input: None,
            target_text: "3".to_owned(),
            metric: Metric::Roi,
            tornado: None,
            seek: None,
        }
    }
}

fn low_color() -> Color32 {
    Color32::from_rgb(86, 140, 200)
}

fn high_color() -> Color32 {
    Color32::from_rgb(230, 150, 40)
}

/// Draws the what-if panel for design `index` of `scenario` (at document state `generation`).
pub fn whatif_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    generation: Generation,
    index: usize,
    state: &mut WhatIfState,
    commands: &mut Vec<Command>,
) {
    let Some(design) = scenario.designs.get(index) else {
        ui.label("Select a design on the left to see what moves its ROI.");
        return;
    };
    // With a grid intensity, the question can be asked of the ROI with carbon.
    if scenario.carbon.is_none() {
        state.metric = Metric::Roi;
    }
    ui.horizontal(|ui| {
        if scenario.carbon.is_some() {
            ui.label("Measure");
            for (metric, tip) in [
                (Metric::Roi, "Value ÷ cost"),
                (
                    Metric::RoiWithCarbon,
                    "Value ÷ (cost + carbon cost at the scenario's carbon price): \
                     the energy and carbon figures become inputs too",
                ),
            ] {
                if ui
                    .selectable_label(state.metric == metric, metric.label())
                    .on_hover_text(tip)
                    .clicked()
                {
                    state.metric = metric;
                }
            }
            ui.separator();
        }
        ui.label(
            RichText::new(format!(
                "What moves the {} of {}?",
                state.metric.label(),
                design.name
            ))
            .strong(),
        );
        ui.label("Swing each input by ±");
        ui.add(
            egui::DragValue::new(&mut state.swing_pct)
                .range(1.0..=90.0)
                .speed(0.5)
                .suffix(" %"),
        )
        .on_hover_text("How far each input is moved down and up from its value in the scenario");
    });
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let swing_tenths = (state.swing_pct * 10.0).round() as u64;
    let key = (generation, index, swing_tenths, state.metric);
    if state.tornado.as_ref().is_none_or(|(k, _)| *k != key) {
        let swing = Decimal::new(i64::try_from(swing_tenths).unwrap_or(200), 1);
        let result = whatif::sensitivity_for(scenario, index, swing, state.metric)
            .map_err(|e| e.to_string());
        state.tornado = Some((key, result));
    }
    match state.tornado.as_ref().map(|(_, r)| r) {
        Some(Ok(tornado)) => tornado_ui(ui, scenario, tornado),
        Some(Err(e)) => {
            ui.label(RichText::new(format!("⚠ {e}")).color(error_color(ui)));
        }
        None => {}
    }
    ui.separator();
    goal_seek_ui(ui, scenario, generation, index, state, commands);
}

/// The tornado: one row per input, a bar from the ROI as it stands to the ROI with the input
/// lowered (blue) and raised (orange), largest effect on top; dashed lines at the band
/// thresholds that fall inside, and a solid line at the ROI as it stands.
// One painter pass: the thresholds, bars, labels and axis share the geometry computed first.
#[allow(clippy::too_many_lines)]
fn tornado_ui(ui: &mut Ui, scenario: &Scenario, tornado: &Sensitivity) {
    let Some(base) = tornado.base_roi.and_then(|r| r.to_f64()) else {
        ui.label(
            "The design costs nothing at this volume: its ROI is unbounded, so no input moves it.",
        );
        return;
    };
    let rows = tornado_rows(scenario, tornado);
    let (lo, hi) = rows.iter().fold((base, base), |(lo, hi), r| {
        (lo.min(r.low).min(r.high), hi.max(r.low).max(r.high))
    });
    let pad = ((hi - lo) * 0.08).max(base * 0.02).max(1e-9);
    let (x0, x1) = (lo - pad, hi + pad);
    let dark = ui.visuals().dark_mode;
    let text = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let row_h = 20.0;
    let label_w = 250.0;
    let top_h = 22.0;
    let width = ui.available_width();
    let height = top_h + row_h * rows.len() as f32 + 26.0;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let bars = egui::Rect::from_min_max(
        egui::pos2(rect.left() + label_w + 8.0, rect.top() + top_h),
        egui::pos2(rect.right() - 70.0, rect.bottom() - 26.0),
    );
    #[allow(clippy::cast_possible_truncation)]
    let px = |roi: f64| bars.left() + ((roi - x0) / (x1 - x0)) as f32 * bars.width();
    let font = egui::TextStyle::Body.resolve(ui.style());
    // Thresholds and the ROI as it stands.
    for band in [Band::Marginal, Band::Good, Band::Excellent] {
        if let Some(k) = band.threshold().and_then(|k| k.to_f64())
            && k > x0
            && k < x1
        {
            let x = px(k);
            let color: Color32 = palette::band_label(band, dark).into();
            painter.add(egui::Shape::dashed_line(
                &[egui::pos2(x, bars.top()), egui::pos2(x, bars.bottom())],
                Stroke::new(1.5, color),
                5.0,
                4.0,
            ));
            painter.text(
                egui::pos2(x, rect.top() + 2.0),
                egui::Align2::CENTER_TOP,
                format!("{k}× {}", band.label()),
                font.clone(),
                color,
            );
        }
    }
    let base_x = px(base);
    for (i, row) in rows.iter().enumerate() {
        let y = bars.top() + row_h * i as f32;
        let band_rect = egui::Rect::from_min_max(
            egui::pos2(rect.left(), y),
            egui::pos2(rect.right(), y + row_h),
        );
        // Each row is a widget of its own, so that screen readers (and tests) can read it.
        let summary = format!(
            "{}: ROI {} lowered, {} raised",
            row.label,
            roi_label(row.low),
            roi_label(row.high)
        );
        let response = ui.interact(
            band_rect,
            ui.scope_id().with(("tornado_row", i)),
            egui::Sense::hover(),
        );
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, summary.clone()));
        let hovered = response.hovered();
        if hovered {
            painter.rect_filled(band_rect, 2.0, ui.visuals().faint_bg_color);
        }
        painter.text(
            egui::pos2(rect.left() + label_w, y + row_h / 2.0),
            egui::Align2::RIGHT_CENTER,
            &row.label,
            font.clone(),
            text,
        );
        for (roi, color) in [(row.low, low_color()), (row.high, high_color())] {
            let (a, b) = (base_x.min(px(roi)), base_x.max(px(roi)));
            painter.rect_filled(
                egui::Rect::from_min_max(
                    egui::pos2(a, y + 3.0),
                    egui::pos2(b.max(a + 1.0), y + row_h - 3.0),
                ),
                1.0,
                color,
            );
        }
        painter.text(
            egui::pos2(px(row.low.max(row.high)) + 4.0, y + row_h / 2.0),
            egui::Align2::LEFT_CENTER,
            roi_label(row.low.max(row.high)),
            font.clone(),
            weak,
        );
        response.on_hover_ui(|ui| {
            ui.label(RichText::new(&row.label).strong());
            ui.label(&row.values);
            ui.label(format!(
                "ROI {} when lowered, {} when raised (now {})",
                roi_label(row.low),
                roi_label(row.high),
                roi_label(base)
            ));
        });
    }
    painter.line_segment(
        [
            egui::pos2(base_x, bars.top() - 4.0),
            egui::pos2(base_x, bars.bottom() + 4.0),
        ],
        Stroke::new(1.5, text),
    );
    // Axis: the ends and the ROI as it stands.
    let axis_y = bars.bottom() + 6.0;
    for (value, align, color) in [
        (x0, egui::Align2::LEFT_TOP, weak),
        (base, egui::Align2::CENTER_TOP, text),
        (x1, egui::Align2::RIGHT_TOP, weak),
    ] {
        painter.text(
            egui::pos2(px(value), axis_y),
            align,
            roi_label(value),
            font.clone(),
            color,
        );
    }
    tornado_legend_ui(ui, scenario, tornado, (lo, hi));
}

/// The rows to draw, largest effect first (inputs whose swings have no finite ROI are left out).
fn tornado_rows(scenario: &Scenario, tornado: &Sensitivity) -> Vec<Row> {
    tornado
        .swings
        .iter()
        .filter_map(|w| {
            let value = |r: &Result<whatif::Roi, crate::econ::EconError>| match r {
                Ok(Some(r)) => r.to_f64(),
                _ => None,
            };
            Some(Row {
                label: if w.from_range {
                    format!("{} (its range)", w.input.label(scenario))
                } else {
                    w.input.label(scenario)
                },
                low: value(&w.roi_low)?,
                high: value(&w.roi_high)?,
                values: format!(
                    "{} → {}",
                    input_value(scenario, &w.input, w.low),
                    input_value(scenario, &w.input, w.high)
                ),
            })
        })
        .collect()
}

/// Under the tornado: the colours, the volume, the band every swing stays in (where one does),
/// and the inputs at 0 that were not swung.
fn tornado_legend_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    tornado: &Sensitivity,
    (lo, hi): (f64, f64),
) {
    ui.horizontal(|ui| {
        for (color, what) in [
            (low_color(), "input lowered"),
            (high_color(), "input raised"),
        ] {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(swatch, 2.0, color);
            ui.label(what);
        }
        // Where no threshold falls inside the swings, say which band they all stay in.
        let band = |roi: f64| {
            Decimal::from_f64_retain(roi).and_then(|r| crate::econ::band_of(r, Decimal::ONE).ok())
        };
        let stays = match (band(lo), band(hi)) {
            (Some(a), Some(b)) if a == b => format!("; every swing stays {}", a.label()),
            _ => String::new(),
        };
        ui.label(
            RichText::new(format!(
                "ROI multiple at {} requests/month; the line is the ROI as it stands{stays}",
                crate::report::format::count(tornado.volume)
            ))
            .weak(),
        );
    });
    if !tornado.zero_inputs.is_empty() {
        let names: Vec<String> = tornado
            .zero_inputs
            .iter()
            .map(|i| i.label(scenario))
            .collect();
        ui.label(RichText::new(format!("At 0, so not swung: {}", names.join(", "))).weak());
    }
}

fn roi_label(roi: f64) -> String {
    Decimal::from_f64_retain(roi).map_or_else(|| "∞".to_owned(), |d| roi_text(Some(d)))
}

/// Goal seek: pick an input and a target; the answer, and a button that applies it.
// The question (input, target) and its answer with Apply, laid out in reading order.
#[allow(clippy::too_many_lines)]
fn goal_seek_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    generation: Generation,
    index: usize,
    state: &mut WhatIfState,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new("What would it take?").strong())
        .on_hover_text(
            "Solve for the value of one input at which this design reaches a \
             target ROI multiple at the current volume",
        );
    let inputs = whatif::seekable_inputs_for(scenario, index, state.metric);
    let keys: Vec<String> = inputs.iter().map(Input::key).collect();
    if state.seek_input.as_ref().is_none_or(|k| !keys.contains(k)) {
        // A price is the usual question: the first serving input, else the first.
        state.seek_input = inputs
            .iter()
            .find(|i| matches!(i, Input::Serving(..)))
            .or(inputs.first())
            .map(Input::key);
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Solve for");
        let current = state.seek_input.clone().unwrap_or_default();
        let shown = inputs
            .iter()
            .find(|i| i.key() == current)
            .map_or_else(String::new, |i| i.label(scenario));
        egui::ComboBox::from_id_salt("seek_input")
            .selected_text(shown)
            .width(260.0)
            .show_ui(ui, |ui| {
                for input in &inputs {
                    ui.selectable_value(
                        &mut state.seek_input,
                        Some(input.key()),
                        input.label(scenario),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        ui.label("to reach");
        for band in TARGETS {
            let (Some(label), Some(k)) = (band.target(), band.threshold()) else {
                continue;
            };
            if ui
                .selectable_label(state.target_text == k.to_string(), label)
                .clicked()
            {
                state.target_text = k.to_string();
            }
        }
        let or = ui.label("or");
        ui.add(
            egui::TextEdit::singleline(&mut state.target_text)
                .desired_width(48.0)
                .hint_text("ROI"),
        )
        .labelled_by(or.id)
        .on_hover_text("Any ROI multiple above 0, e.g. 5 for 5×");
        ui.label("×");
    });
    let Some(input_key) = state.seek_input.clone() else {
        return;
    };
    let key: SeekKey = (
        generation,
        index,
        input_key.clone(),
        state.target_text.clone(),
        state.metric,
    );
    if state.seek.as_ref().is_none_or(|(k, _)| *k != key) {
        let result = solve(
            scenario,
            index,
            &input_key,
            &state.target_text,
            state.metric,
        );
        state.seek = Some((key, result));
    }
    let Some((_, result)) = &state.seek else {
        return;
    };
    match result {
        Err(message) => {
            ui.label(RichText::new(format!("⚠ {message}")).color(error_color(ui)));
        }
        Ok((input, Seek::Unreachable(limit))) => {
            let target = parse_target(&state.target_text).unwrap_or(Decimal::ONE);
            ui.label(
                RichText::new(format!(
                    "Unreachable: {}",
                    limit_text(scenario, input, target, limit)
                ))
                .color(error_color(ui)),
            );
        }
        Ok((input, Seek::Reached { value, roi, lowest })) => {
            let what = if *input == Input::Volume {
                "Lowest monthly volume".to_owned()
            } else if *lowest {
                format!("Lowest {}", lower_first(&input.label(scenario)))
            } else {
                format!("Highest {}", lower_first(&input.label(scenario)))
            };
            let now = if *input == Input::Volume {
                Some(Decimal::from(scenario.volume.current))
            } else {
                whatif::value_of(scenario, index, input)
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{what}: "));
                ui.label(RichText::new(input_value(scenario, input, *value)).strong());
                ui.label(format!(
                    "(now {}) → {} {}",
                    now.map_or_else(String::new, |n| input_value(scenario, input, n)),
                    state.metric.label(),
                    roi_text(*roi)
                ));
                let unchanged = now == Some(*value);
                let apply = ui
                    .add_enabled(!unchanged, egui::Button::new("Apply to the design"))
                    .on_hover_text("Set the input to this value (one undo step)");
                if apply.clicked()
                    && let Some(changed) = whatif::with_value(scenario, index, input, *value)
                {
                    commands.push(Command::Edit {
                        key: apply.id,
                        path: Some(input.path(index)),
                        scenario: changed,
                    });
                }
            });
        }
    }
}

fn parse_target(text: &str) -> Option<Decimal> {
    use std::str::FromStr as _;
    Decimal::from_str(text.trim().trim_end_matches('×').trim())
        .ok()
        .filter(|t| *t > Decimal::ZERO)
}

fn solve(
    scenario: &Scenario,
    index: usize,
    input_key: &str,
    target_text: &str,
    metric: Metric,
) -> Result<(Input, Seek), String> {
    let target = parse_target(target_text).ok_or_else(|| {
        format!("The target must be an ROI multiple above 0, e.g. 3; got {target_text:?}")
    })?;
    let input =
        whatif::find_input_for(scenario, index, input_key, metric).map_err(|e| e.to_string())?;
    let seek = whatif::goal_seek_for(scenario, index, &input, target, metric)
        .map_err(|e| e.to_string())?;
    Ok((input, seek))
}
