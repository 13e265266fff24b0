//! The drawing primitives of an exported chart: the theme's colours, text sizes, the plot frame
//! and its clipping, and the painter's lines, dashes, dots, diamonds and text.

use plotters::coord::Shift;
use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle, Text};
use plotters::prelude::{DrawingArea, SVGBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, IntoFont, RGBAColor, ShapeStyle, TextStyle};

use super::{FONT_FAMILY, Theme};
use crate::chart::color::Color;

/// The colours of a theme.
pub(super) struct Colors {
    pub(super) background: Color,
    pub(super) text: Color,
    pub(super) muted: Color,
    pub(super) grid: Color,
    pub(super) grid_major: Color,
    pub(super) frame: Color,
    pub(super) marker: Color,
    pub(super) warning: Color,
}

impl Colors {
    pub(super) fn of(theme: Theme) -> Colors {
        match theme {
            Theme::Light => Colors {
                background: Color::WHITE,
                text: Color::from_rgb(25, 25, 25),
                muted: Color::from_rgb(90, 90, 90),
                grid: Color::from_rgb(236, 236, 236),
                grid_major: Color::from_rgb(210, 210, 210),
                frame: Color::from_rgb(160, 160, 160),
                marker: Color::BLACK,
                warning: Color::from_rgb(180, 30, 30),
            },
            Theme::Dark => Colors {
                background: Color::from_rgb(27, 27, 27),
                text: Color::from_rgb(230, 230, 230),
                muted: Color::from_rgb(170, 170, 170),
                grid: Color::from_rgb(45, 45, 45),
                grid_major: Color::from_rgb(70, 70, 70),
                frame: Color::from_rgb(110, 110, 110),
                marker: Color::WHITE,
                warning: Color::from_rgb(255, 110, 100),
            },
        }
    }
}

pub(super) fn rgba(color: Color) -> RGBAColor {
    RGBAColor(color.r, color.g, color.b, color.opacity())
}

/// Text sizes, in plotters' units (the SVG's font size is these ÷ 1.24).
pub(super) const TITLE: f64 = 28.0;
pub(super) const SUBTITLE: f64 = 16.0;
pub(super) const LEGEND: f64 = 16.0;
pub(super) const TICK: f64 = 15.0;
pub(super) const AXIS: f64 = 16.0;
pub(super) const BAND: f64 = 17.0;
pub(super) const NOTE: f64 = 14.0;
pub(super) const PAD: f64 = 18.0;

/// What a legend entry shows beside its text.
#[derive(Clone, Copy)]
pub(super) enum Swatch {
    Line(Color, bool),
    Diamond,
    Dot,
    Rule,
}

/// Draws a scene onto a drawing area, in points scaled to pixels.
pub(super) struct Painter<'a, 'b> {
    pub(super) root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    pub(super) scale: f64,
    /// Text is set smaller on charts narrower than 1,000 points, down to 70 %.
    pub(super) text_scale: f64,
    pub(super) colors: Colors,
    pub(super) dark: bool,
}

/// The plot rectangle in pixels and the mapping from `log10` coordinates into it.
#[derive(Clone, Copy)]
pub(super) struct Frame {
    pub(super) left: f64,
    pub(super) top: f64,
    pub(super) right: f64,
    pub(super) bottom: f64,
    pub(super) x: (f64, f64),
    pub(super) y: (f64, f64),
}

impl Frame {
    pub(super) fn px(&self, p: [f64; 2]) -> (f64, f64) {
        let fx = (p[0] - self.x.0) / (self.x.1 - self.x.0);
        let fy = (p[1] - self.y.0) / (self.y.1 - self.y.0);
        (
            self.left + fx * (self.right - self.left),
            self.bottom - fy * (self.bottom - self.top),
        )
    }

    /// Clips the segment `a`–`b` to the frame (Liang–Barsky); `None` when it lies outside.
    pub(super) fn clip(&self, a: (f64, f64), b: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, a.0 - self.left),
            (dx, self.right - a.0),
            (-dy, a.1 - self.top),
            (dy, self.bottom - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        (t0 <= t1).then_some((
            (a.0 + t0 * dx, a.1 + t0 * dy),
            (a.0 + t1 * dx, a.1 + t1 * dy),
        ))
    }

    /// A polyline clipped to the frame, as the pieces that lie inside it.
    pub(super) fn clip_polyline(&self, points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
        let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut current: Vec<(f64, f64)> = Vec::new();
        for pair in points.windows(2) {
            let clipped = self.clip(pair[0], pair[1]);
            // A piece ends where the line leaves the frame (or is cut by it).
            let continues = clipped.is_some_and(|(a, _)| current.last() == Some(&a));
            if !continues {
                if current.len() > 1 {
                    pieces.push(std::mem::take(&mut current));
                }
                current.clear();
            }
            if let Some((a, b)) = clipped {
                if current.is_empty() {
                    current.push(a);
                }
                current.push(b);
            }
        }
        if current.len() > 1 {
            pieces.push(current);
        }
        pieces
    }

    pub(super) fn contains(&self, p: (f64, f64)) -> bool {
        (self.left - 0.5..=self.right + 0.5).contains(&p.0)
            && (self.top - 0.5..=self.bottom + 0.5).contains(&p.1)
    }
}

#[allow(clippy::cast_possible_truncation)]
pub(super) fn pt(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

impl Painter<'_, '_> {
    pub(super) fn s(&self, points: f64) -> f64 {
        points * self.scale
    }

    /// A text size (or a spacing that follows it) in pixels: smaller on small charts.
    pub(super) fn t(&self, size: f64) -> f64 {
        size * self.scale * self.text_scale
    }

    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    pub(super) fn width(&self, points: f64) -> u32 {
        self.s(points).round().max(1.0) as u32
    }

    pub(super) fn style(
        &self,
        size: f64,
        bold: bool,
        color: Color,
        h: HPos,
        v: VPos,
    ) -> TextStyle<'static> {
        let font = (FONT_FAMILY, self.t(size)).into_font();
        let font = if bold {
            font.style(FontStyle::Bold)
        } else {
            font
        };
        TextStyle {
            font,
            color: plotters::style::Color::to_backend_color(&rgba(color)),
            pos: Pos::new(h, v),
        }
    }

    pub(super) fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let style = self.style(size, bold, Color::BLACK, HPos::Left, VPos::Top);
        self.root.estimate_text_size(text, &style).map_or(
            text.chars().count() as f64 * self.t(size) * 0.6,
            |(w, _)| f64::from(w),
        )
    }

    /// `text`, shortened with "…" to fit `max` pixels.
    pub(super) fn fit(&self, text: &str, size: f64, bold: bool, max: f64) -> String {
        if self.text_width(text, size, bold) <= max {
            return text.to_owned();
        }
        // The longest prefix that fits with "…", by bisection on its length (a prefix's width
        // grows with it): a few measurements, not one per character of a long name.
        let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let candidate =
            |n: usize| format!("{}…", &text[..ends.get(n).copied().unwrap_or(text.len())]);
        let (mut fits, mut too_long) = (0, ends.len());
        if self.text_width(&candidate(0), size, bold) > max {
            return String::new();
        }
        while too_long - fits > 1 {
            let mid = fits + (too_long - fits) / 2;
            if self.text_width(&candidate(mid), size, bold) <= max {
                fits = mid;
            } else {
                too_long = mid;
            }
        }
        candidate(fits)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn text(
        &self,
        text: &str,
        at: (f64, f64),
        size: f64,
        bold: bool,
        color: Color,
        h: HPos,
        v: VPos,
    ) -> Result<(), String> {
        if text.is_empty() {
            return Ok(());
        }
        let style = self.style(size, bold, color, h, v);
        // plotters escapes `<`, `&` and quotes; a control character (which no name holds, but a
        // label from a file name might) or U+FFFE/U+FFFF is not allowed in XML at all.
        let text: String = text
            .chars()
            .map(|c| {
                if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        self.root
            .draw(&Text::new(text, pt(at), style))
            .map_err(|e| e.to_string())
    }

    pub(super) fn line(
        &self,
        points: &[(f64, f64)],
        color: Color,
        width: f64,
    ) -> Result<(), String> {
        let style = ShapeStyle::from(rgba(color)).stroke_width(self.width(width));
        self.root
            .draw(&PathElement::new(
                points.iter().copied().map(pt).collect::<Vec<_>>(),
                style,
            ))
            .map_err(|e| e.to_string())
    }

    pub(super) fn dashed(
        &self,
        points: &[(f64, f64)],
        color: Color,
        width: f64,
        dash: f64,
    ) -> Result<(), String> {
        let style = ShapeStyle::from(rgba(color)).stroke_width(self.width(width));
        #[allow(clippy::cast_possible_truncation)]
        let (dash, gap) = (
            self.s(dash).round() as i32,
            self.s(dash * 0.7).round() as i32,
        );
        self.root
            .draw(&DashedPathElement::new(
                points.iter().copied().map(pt).collect::<Vec<_>>(),
                dash,
                gap,
                style,
            ))
            .map_err(|e| e.to_string())
    }

    pub(super) fn rect(
        &self,
        a: (f64, f64),
        b: (f64, f64),
        color: Color,
        filled: bool,
    ) -> Result<(), String> {
        let mut style = ShapeStyle::from(rgba(color));
        style = if filled {
            style.filled()
        } else {
            style.stroke_width(self.width(1.0))
        };
        self.root
            .draw(&Rectangle::new([pt(a), pt(b)], style))
            .map_err(|e| e.to_string())
    }

    pub(super) fn dot(
        &self,
        at: (f64, f64),
        radius: f64,
        fill: Color,
        edge: Color,
    ) -> Result<(), String> {
        #[allow(clippy::cast_possible_truncation)]
        let r = self.s(radius).round() as i32;
        self.root
            .draw(&Circle::new(
                pt(at),
                r + self.width(1.5).cast_signed(),
                ShapeStyle::from(rgba(edge)).filled(),
            ))
            .map_err(|e| e.to_string())?;
        self.root
            .draw(&Circle::new(
                pt(at),
                r,
                ShapeStyle::from(rgba(fill)).filled(),
            ))
            .map_err(|e| e.to_string())
    }

    pub(super) fn diamond(
        &self,
        at: (f64, f64),
        radius: f64,
        fill: Color,
        edge: Color,
    ) -> Result<(), String> {
        let shape = |r: f64| {
            vec![
                pt((at.0, at.1 - r)),
                pt((at.0 + r, at.1)),
                pt((at.0, at.1 + r)),
                pt((at.0 - r, at.1)),
            ]
        };
        let r = self.s(radius);
        self.root
            .draw(&Polygon::new(
                shape(r + self.s(1.5)),
                ShapeStyle::from(rgba(edge)).filled(),
            ))
            .map_err(|e| e.to_string())?;
        self.root
            .draw(&Polygon::new(
                shape(r),
                ShapeStyle::from(rgba(fill)).filled(),
            ))
            .map_err(|e| e.to_string())
    }
}
