//! The tornado of the What if… tab: one row per input, a bar from the ROI as it stands to the
//! ROI with the input lowered and raised, largest effect on top.

use egui::{Color32, RichText, Stroke, Ui};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::app::palette;
use crate::econ::Band;
use crate::econ::whatif::{self, Sensitivity};
use crate::model::Scenario;
use crate::report::whatif::{input_value, roi_text};

/// One bar of the tornado as drawn.
struct Row {
    label: String,
    low: f64,
    high: f64,
    values: String,
}

fn low_color() -> Color32 {
    Color32::from_rgb(86, 140, 200)
}

fn high_color() -> Color32 {
    Color32::from_rgb(230, 150, 40)
}

/// The tornado: one row per input, a bar from the ROI as it stands to the ROI with the input
/// lowered (blue) and raised (orange), largest effect on top; dashed lines at the band
/// thresholds that fall inside, and a solid line at the ROI as it stands.
pub(super) fn tornado_ui(ui: &mut Ui, scenario: &Scenario, tornado: &Sensitivity) {
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
    let font = egui::TextStyle::Body.resolve(ui.style());
    let width = ui.available_width();
    let height = TOP_H + ROW_H * rows.len() as f32 + 26.0;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    // The label column: 250 points, right-aligned; a longer label ends in "…" there (its whole
    // text is the row's tooltip and accessible name). The column keeps its width, so the
    // panel's layout never changes with the labels.
    let label_w = LABEL_W;
    let at = Geometry {
        rect,
        bars: egui::Rect::from_min_max(
            egui::pos2(rect.left() + label_w + 8.0, rect.top() + TOP_H),
            egui::pos2(rect.right() - 70.0, rect.bottom() - 26.0),
        ),
        label_w,
        x: (lo - pad, hi + pad),
    };
    thresholds_ui(ui, &painter, &at, &font);
    for (i, row) in rows.iter().enumerate() {
        tornado_row_ui(ui, &painter, &at, i, row, &row.label, base);
    }
    axis_ui(ui, &painter, &at, base, &font);
    tornado_legend_ui(ui, scenario, tornado, (lo, hi));
}

/// The height of a tornado row, and of the threshold labels above the rows.
const ROW_H: f32 = 20.0;
const TOP_H: f32 = 22.0;
/// The width of the label column.
const LABEL_W: f32 = 250.0;

/// Where the tornado's parts go, computed once: its whole area, the bars' area, the label
/// column's width and the ROI range across the bars.
struct Geometry {
    rect: egui::Rect,
    bars: egui::Rect,
    label_w: f32,
    x: (f64, f64),
}

impl Geometry {
    /// The x of an ROI multiple.
    #[allow(clippy::cast_possible_truncation)]
    fn px(&self, roi: f64) -> f32 {
        let (x0, x1) = self.x;
        self.bars.left() + ((roi - x0) / (x1 - x0)) as f32 * self.bars.width()
    }
}

/// Dashed lines at the band thresholds inside the range, labelled above the rows.
fn thresholds_ui(ui: &Ui, painter: &egui::Painter, at: &Geometry, font: &egui::FontId) {
    let dark = ui.visuals().dark_mode;
    let (x0, x1) = at.x;
    for band in [Band::Marginal, Band::Good, Band::Excellent] {
        if let Some(k) = band.threshold().and_then(|k| k.to_f64())
            && k > x0
            && k < x1
        {
            let x = at.px(k);
            let color: Color32 = palette::band_label(band, dark).into();
            painter.add(egui::Shape::dashed_line(
                &[
                    egui::pos2(x, at.bars.top()),
                    egui::pos2(x, at.bars.bottom()),
                ],
                Stroke::new(1.5, color),
                5.0,
                4.0,
            ));
            painter.text(
                egui::pos2(x, at.rect.top() + 2.0),
                egui::Align2::CENTER_TOP,
                format!("{k}× {}", band.label()),
                font.clone(),
                color,
            );
        }
    }
}

/// Row `i`: its label (as it fits the column), its two bars from the ROI as it stands, the
/// larger ROI beside them, and a tooltip with the whole label and the values swung.
fn tornado_row_ui(
    ui: &Ui,
    painter: &egui::Painter,
    at: &Geometry,
    i: usize,
    row: &Row,
    label: &str,
    base: f64,
) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let (text, weak) = (ui.visuals().text_color(), ui.visuals().weak_text_color());
    let y = at.bars.top() + ROW_H * i as f32;
    let band_rect = egui::Rect::from_min_max(
        egui::pos2(at.rect.left(), y),
        egui::pos2(at.rect.right(), y + ROW_H),
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
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, summary.clone()));
    if response.hovered() {
        painter.rect_filled(band_rect, 2.0, ui.visuals().faint_bg_color);
    }
    painter.text(
        egui::pos2(at.rect.left() + at.label_w, y + ROW_H / 2.0),
        egui::Align2::RIGHT_CENTER,
        elided(painter, label, &font, at.label_w - 4.0),
        font.clone(),
        text,
    );
    let base_x = at.px(base);
    for (roi, color) in [(row.low, low_color()), (row.high, high_color())] {
        let (a, b) = (base_x.min(at.px(roi)), base_x.max(at.px(roi)));
        painter.rect_filled(
            egui::Rect::from_min_max(
                egui::pos2(a, y + 3.0),
                egui::pos2(b.max(a + 1.0), y + ROW_H - 3.0),
            ),
            1.0,
            color,
        );
    }
    painter.text(
        egui::pos2(at.px(row.low.max(row.high)) + 4.0, y + ROW_H / 2.0),
        egui::Align2::LEFT_CENTER,
        roi_label(row.low.max(row.high)),
        font,
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

/// The line at the ROI as it stands, and the axis under the rows: its ends and that ROI.
fn axis_ui(ui: &Ui, painter: &egui::Painter, at: &Geometry, base: f64, font: &egui::FontId) {
    let (text, weak) = (ui.visuals().text_color(), ui.visuals().weak_text_color());
    let base_x = at.px(base);
    painter.line_segment(
        [
            egui::pos2(base_x, at.bars.top() - 4.0),
            egui::pos2(base_x, at.bars.bottom() + 4.0),
        ],
        Stroke::new(1.5, text),
    );
    let axis_y = at.bars.bottom() + 6.0;
    let (x0, x1) = at.x;
    for (value, align, color) in [
        (x0, egui::Align2::LEFT_TOP, weak),
        (base, egui::Align2::CENTER_TOP, text),
        (x1, egui::Align2::RIGHT_TOP, weak),
    ] {
        painter.text(
            egui::pos2(at.px(value), axis_y),
            align,
            roi_label(value),
            font.clone(),
            color,
        );
    }
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
        // Short enough to fit beside the swatches at 1,440 points; a narrower window ends it
        // in "…" and the tooltip says it whole. (It stays on this row: a second line here
        // made the model-based GUI test lose the File menu, a cause not yet understood.)
        let volume = crate::report::format::count(tornado.volume);
        ui.label(
            RichText::new(format!(
                "ROI at {volume} requests/month; the line is today's ROI{stays}"
            ))
            .weak(),
        )
        .on_hover_text(format!(
            "The ROI multiple at {volume} requests/month, each input swung down and up; the line \
                 is the ROI as it stands{stays}."
        ));
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

/// `text` as painted in `font`, cut to end in "…" where it is wider than `width` points.
fn elided(painter: &egui::Painter, text: &str, font: &egui::FontId, width: f32) -> String {
    let fits = |t: &str| {
        painter
            .layout_no_wrap(t.to_owned(), font.clone(), Color32::WHITE)
            .size()
            .x
            <= width
    };
    if fits(text) {
        return text.to_owned();
    }
    // The longest start of the text that fits with "…" after it: a search over char counts.
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if fits(&candidate) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo].iter().collect::<String>().trim_end().to_owned() + "…"
}

fn roi_label(roi: f64) -> String {
    Decimal::from_f64_retain(roi).map_or_else(|| "∞".to_owned(), |d| roi_text(Some(d)))
}
