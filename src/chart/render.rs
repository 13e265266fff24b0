//! SVG and PNG of a [`Scene`]: the chart for decks and scripts, with no display or GPU.
//!
//! The SVG is drawn with plotters, its text measured with the `DejaVu Sans` fonts embedded from
//! `assets/fonts` (so the layout never depends on the fonts a machine has). The PNG is that SVG
//! rasterised by resvg with the same embedded fonts, so both files show the same chart.

use std::sync::{Arc, OnceLock};

use super::color::Color;
use plotters::coord::Shift;
use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle, Text};
use plotters::prelude::{DrawingArea, IntoDrawingArea, SVGBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, IntoFont, RGBAColor, ShapeStyle, TextStyle};

use super::{Scene, palette};

/// The font family written into the SVG: the embedded `DejaVu Sans`, then common fallbacks for
/// viewers that lack it.
pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The smallest and largest chart side, in pixels before scaling.
pub const SIZE_LIMITS: (u32, u32) = (400, 8000);
/// The largest pixel density.
pub const MAX_SCALE: u32 = 4;

/// Light (white background, for decks and print) or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on near-black.
    Dark,
}

/// The size and look of an exported chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Width in points; the file is `width × scale` pixels wide.
    pub width: u32,
    /// Height in points.
    pub height: u32,
    /// Pixel density: 2 draws every line and letter at twice the resolution.
    pub scale: u32,
    /// Colours.
    pub theme: Theme,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 1200,
            height: 700,
            scale: 1,
            theme: Theme::Light,
        }
    }
}

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RenderError {
    /// The requested size is outside the limits.
    #[error(
        "chart size {width}×{height} at {scale}× is not allowed: width and height must be {}–{} and the scale 1–{MAX_SCALE}",
        SIZE_LIMITS.0,
        SIZE_LIMITS.1
    )]
    Size {
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
        /// Requested scale.
        scale: u32,
    },
    /// Drawing failed.
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    /// Rasterising or encoding the PNG failed.
    #[error("making the PNG failed: {0}")]
    Png(String),
}

/// Registers the embedded fonts with plotters (for measuring text), once.
fn register_fonts() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        // The fonts are compiled in and known to parse; a failure would only mean text is
        // measured by plotters' fallback.
        let _ = plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, REGULAR);
        let _ = plotters::style::register_font(FONT_FAMILY, FontStyle::Bold, BOLD);
    });
}

/// The font database resvg draws text with: the embedded fonts only.
fn font_db() -> Arc<resvg::usvg::fontdb::Database> {
    static DB: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

fn check(options: &Options) -> Result<(), RenderError> {
    let (lo, hi) = SIZE_LIMITS;
    let ok = (lo..=hi).contains(&options.width)
        && (lo..=hi).contains(&options.height)
        && (1..=MAX_SCALE).contains(&options.scale);
    if ok {
        Ok(())
    } else {
        Err(RenderError::Size {
            width: options.width,
            height: options.height,
            scale: options.scale,
        })
    }
}

/// The chart as an SVG document of `width × scale` by `height × scale` pixels.
pub fn svg(scene: &Scene, options: &Options) -> Result<String, RenderError> {
    check(options)?;
    register_fonts();
    let mut out = String::new();
    {
        let size = (
            options.width * options.scale,
            options.height * options.scale,
        );
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        let mut painter = Painter {
            root: &root,
            scale: f64::from(options.scale),
            text_scale: (f64::from(options.width.min(options.height * 2)) / 1000.0).clamp(0.7, 1.0),
            colors: Colors::of(options.theme),
            dark: options.theme == Theme::Dark,
        };
        painter
            .draw(scene, f64::from(options.width), f64::from(options.height))
            .map_err(RenderError::Draw)?;
        root.present()
            .map_err(|e| RenderError::Draw(e.to_string()))?;
    }
    // Round joins: a saw-tooth drawn with the default mitred joins grows spikes at each step.
    Ok(out.replace(
        "<polyline ",
        "<polyline stroke-linejoin=\"round\" stroke-linecap=\"round\" ",
    ))
}

/// The chart as a PNG of `width × scale` by `height × scale` pixels.
pub fn png(scene: &Scene, options: &Options) -> Result<Vec<u8>, RenderError> {
    let svg = svg(scene, options)?;
    let opt = resvg::usvg::Options {
        fontdb: font_db(),
        font_family: "DejaVu Sans".to_owned(),
        ..resvg::usvg::Options::default()
    };
    let tree =
        resvg::usvg::Tree::from_str(&svg, &opt).map_err(|e| RenderError::Png(e.to_string()))?;
    let (width, height) = (
        options.width * options.scale,
        options.height * options.scale,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| RenderError::Png(format!("cannot allocate {width}×{height} pixels")))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}

/// The colours of a theme.
struct Colors {
    background: Color,
    text: Color,
    muted: Color,
    grid: Color,
    grid_major: Color,
    frame: Color,
    marker: Color,
    warning: Color,
}

impl Colors {
    fn of(theme: Theme) -> Colors {
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

fn rgba(color: Color) -> RGBAColor {
    RGBAColor(color.r, color.g, color.b, color.opacity())
}

/// Text sizes, in plotters' units (the SVG's font size is these ÷ 1.24).
const TITLE: f64 = 28.0;
const SUBTITLE: f64 = 16.0;
const LEGEND: f64 = 16.0;
const TICK: f64 = 15.0;
const AXIS: f64 = 16.0;
const BAND: f64 = 17.0;
const NOTE: f64 = 14.0;
const PAD: f64 = 18.0;

/// What a legend entry shows beside its text.
enum Swatch {
    Line(Color, bool),
    Diamond,
    Dot,
    Rule,
}

/// Draws a scene onto a drawing area, in points scaled to pixels.
struct Painter<'a, 'b> {
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    scale: f64,
    /// Text is set smaller on charts narrower than 1,000 points, down to 70 %.
    text_scale: f64,
    colors: Colors,
    dark: bool,
}

/// The plot rectangle in pixels and the mapping from `log10` coordinates into it.
#[derive(Clone, Copy)]
struct Frame {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
    x: (f64, f64),
    y: (f64, f64),
}

impl Frame {
    fn px(&self, p: [f64; 2]) -> (f64, f64) {
        let fx = (p[0] - self.x.0) / (self.x.1 - self.x.0);
        let fy = (p[1] - self.y.0) / (self.y.1 - self.y.0);
        (
            self.left + fx * (self.right - self.left),
            self.bottom - fy * (self.bottom - self.top),
        )
    }

    /// Clips the segment `a`–`b` to the frame (Liang–Barsky); `None` when it lies outside.
    fn clip(&self, a: (f64, f64), b: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
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
    fn clip_polyline(&self, points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
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

    fn contains(&self, p: (f64, f64)) -> bool {
        (self.left - 0.5..=self.right + 0.5).contains(&p.0)
            && (self.top - 0.5..=self.bottom + 0.5).contains(&p.1)
    }
}

#[allow(clippy::cast_possible_truncation)]
fn pt(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

impl Painter<'_, '_> {
    fn s(&self, points: f64) -> f64 {
        points * self.scale
    }

    /// A text size (or a spacing that follows it) in pixels: smaller on small charts.
    fn t(&self, size: f64) -> f64 {
        size * self.scale * self.text_scale
    }

    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    fn width(&self, points: f64) -> u32 {
        self.s(points).round().max(1.0) as u32
    }

    fn style(&self, size: f64, bold: bool, color: Color, h: HPos, v: VPos) -> TextStyle<'static> {
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

    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let style = self.style(size, bold, Color::BLACK, HPos::Left, VPos::Top);
        self.root.estimate_text_size(text, &style).map_or(
            text.chars().count() as f64 * self.t(size) * 0.6,
            |(w, _)| f64::from(w),
        )
    }

    /// `text`, shortened with "…" to fit `max` pixels.
    fn fit(&self, text: &str, size: f64, bold: bool, max: f64) -> String {
        if self.text_width(text, size, bold) <= max {
            return text.to_owned();
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let candidate: String = chars.iter().collect::<String>() + "…";
            if self.text_width(&candidate, size, bold) <= max {
                return candidate;
            }
        }
        String::new()
    }

    #[allow(clippy::too_many_arguments)]
    fn text(
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
        self.root
            .draw(&Text::new(text.to_owned(), pt(at), style))
            .map_err(|e| e.to_string())
    }

    fn line(&self, points: &[(f64, f64)], color: Color, width: f64) -> Result<(), String> {
        let style = ShapeStyle::from(rgba(color)).stroke_width(self.width(width));
        self.root
            .draw(&PathElement::new(
                points.iter().copied().map(pt).collect::<Vec<_>>(),
                style,
            ))
            .map_err(|e| e.to_string())
    }

    fn dashed(
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

    fn rect(&self, a: (f64, f64), b: (f64, f64), color: Color, filled: bool) -> Result<(), String> {
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

    fn dot(&self, at: (f64, f64), radius: f64, fill: Color, edge: Color) -> Result<(), String> {
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

    fn diamond(&self, at: (f64, f64), radius: f64, fill: Color, edge: Color) -> Result<(), String> {
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

    /// Draws the whole chart into a `width × height` point canvas, top to bottom: heading,
    /// legend, the plot (bands, grid, current volume, simulated bands, curves, markers) and the
    /// x axis's title.
    fn draw(&mut self, scene: &Scene, width: f64, height: f64) -> Result<(), String> {
        self.root
            .fill(&rgba(self.colors.background))
            .map_err(|e| e.to_string())?;
        let (w, h) = (self.s(width), self.s(height));
        let pad = self.s(PAD);
        let y = self.heading(scene, w, pad)?;
        let y = self.legend(scene, w, pad, y)?;
        let y = self.y_title(scene, w, pad, y)?;
        let frame = self.frame(scene, (width, height), (w, h), y)?;
        self.bands_and_grid(scene, &frame)?;
        self.current_volume(scene, &frame)?;
        self.spreads(scene, &frame)?;
        self.curves_and_markers(scene, &frame)?;
        self.x_title_and_left_out(scene, &frame, w, pad)
    }

    /// Title and subtitle; returns where the next part starts.
    fn heading(&self, scene: &Scene, w: f64, pad: f64) -> Result<f64, String> {
        let (text, muted) = (self.colors.text, self.colors.muted);
        let mut y = pad;
        let title = self.fit(&scene.title, TITLE, true, w - 2.0 * pad);
        self.text(&title, (pad, y), TITLE, true, text, HPos::Left, VPos::Top)?;
        y += self.t(TITLE * 1.35);
        let subtitle = self.fit(&scene.subtitle, SUBTITLE, false, w - 2.0 * pad);
        self.text(
            &subtitle,
            (pad, y),
            SUBTITLE,
            false,
            muted,
            HPos::Left,
            VPos::Top,
        )?;
        y += self.t(SUBTITLE * 1.9);

        Ok(y)
    }

    /// The legend, wrapped into rows, from `y`; returns where the next part starts.
    fn legend(&self, scene: &Scene, w: f64, pad: f64, mut y: f64) -> Result<f64, String> {
        let (text, muted, background) =
            (self.colors.text, self.colors.muted, self.colors.background);
        let mut entries: Vec<(Swatch, String)> = scene
            .curves
            .iter()
            .filter(|curve| !curve.dashed)
            .map(|curve| (Swatch::Line(curve.color, false), curve.name.clone()))
            .collect();
        if scene.curves.iter().any(|curve| curve.dashed) {
            entries.push((Swatch::Line(muted, true), "monthly value".to_owned()));
        }
        if !scene.spreads.is_empty() {
            entries.push((
                Swatch::Line(muted, true),
                "simulated median (band: P10–P90)".to_owned(),
            ));
        }
        if !scene.crossovers.is_empty() {
            entries.push((Swatch::Diamond, "crossover".to_owned()));
        }
        if !scene.break_evens.is_empty() {
            entries.push((Swatch::Dot, "break-even".to_owned()));
        }
        entries.push((Swatch::Rule, "current volume".to_owned()));
        let swatch_w = self.s(26.0);
        let gap = self.s(8.0);
        let row_h = self.t(LEGEND * 1.6);
        let mut x = pad;
        for (swatch, label) in &entries {
            let label = self.fit(label, LEGEND, false, w - 2.0 * pad - swatch_w - gap);
            let entry_w = swatch_w + gap + self.text_width(&label, LEGEND, false);
            if x > pad && x + entry_w > w - pad {
                x = pad;
                y += row_h;
            }
            let mid = y + row_h / 2.0;
            let sw = (x + swatch_w / 2.0, mid);
            match swatch {
                Swatch::Line(color, false) => {
                    self.line(&[(x, mid), (x + swatch_w, mid)], *color, 3.0)?;
                }
                Swatch::Line(color, true) => {
                    self.dashed(&[(x, mid), (x + swatch_w, mid)], *color, 2.5, 5.0)?;
                }
                Swatch::Diamond => self.diamond(sw, 6.0, self.colors.marker, background)?,
                Swatch::Dot => self.dot(sw, 5.0, muted, background)?,
                Swatch::Rule => {
                    self.line(
                        &[(sw.0, mid - row_h * 0.4), (sw.0, mid + row_h * 0.4)],
                        muted,
                        1.5,
                    )?;
                }
            }
            self.text(
                &label,
                (x + swatch_w + gap, mid),
                LEGEND,
                false,
                text,
                HPos::Left,
                VPos::Center,
            )?;
            x += entry_w + self.s(22.0);
        }
        y += row_h + self.s(10.0);

        Ok(y)
    }

    /// The y axis's title above the plot; returns where the plot starts.
    fn y_title(&self, scene: &Scene, w: f64, pad: f64, mut y: f64) -> Result<f64, String> {
        let muted = self.colors.muted;
        let y_label = self.fit(&scene.y_label, AXIS, false, w - 2.0 * pad);
        self.text(
            &y_label,
            (pad, y),
            AXIS,
            false,
            muted,
            HPos::Left,
            VPos::Top,
        )?;
        y += self.t(AXIS * 1.8);

        Ok(y)
    }

    /// The plot's frame below `top`: room for the y tick labels on the left, and for the x
    /// ticks, the x title and the notes about designs left out below.
    fn frame(
        &self,
        scene: &Scene,
        (width, height): (f64, f64),
        (w, h): (f64, f64),
        y: f64,
    ) -> Result<Frame, String> {
        let pad = self.s(PAD);
        let tick_w = scene
            .y_ticks
            .iter()
            .filter_map(|t| t.label.as_ref())
            .map(|l| self.text_width(l, TICK, false))
            .fold(0.0, f64::max);
        let left_out_h = scene.left_out.len() as f64 * self.t(NOTE * 1.6);
        let frame = Frame {
            left: pad + tick_w + self.s(8.0),
            top: y,
            right: w - pad,
            bottom: h - pad - left_out_h - self.t(AXIS * 1.6) - self.t(TICK * 1.8),
            x: scene.x_bounds,
            y: scene.y_bounds,
        };
        if frame.right - frame.left < self.s(80.0) || frame.bottom - frame.top < self.s(60.0) {
            return Err(format!(
                "{width}×{height} leaves no room for the plot under the title and legend; make the chart larger"
            ));
        }

        Ok(frame)
    }

    /// The bands' shading, the grid and ticks, the threshold guides and the band labels.
    fn bands_and_grid(&self, scene: &Scene, frame: &Frame) -> Result<(), String> {
        let (text, muted) = (self.colors.text, self.colors.muted);
        // Across the whole plot, margins included, so no strip is left unshaded.
        let (x0, x1) = (frame.left, frame.right);
        for area in &scene.bands {
            let (top, bottom) = (frame.px([0.0, area.hi]).1, frame.px([0.0, area.lo]).1);
            self.rect(
                (x0, top),
                (x1, bottom),
                palette::band_fill(area.band, self.dark),
                true,
            )?;
        }

        // Grid and ticks.
        for tick in &scene.x_ticks {
            let (px, _) = frame.px([tick.value, 0.0]);
            if px < frame.left - 0.5 || px > frame.right + 0.5 {
                continue;
            }
            let color = if tick.major {
                self.colors.grid_major
            } else {
                self.colors.grid
            };
            self.line(&[(px, frame.top), (px, frame.bottom)], color, 1.0)?;
            if let Some(label) = &tick.label {
                self.text(
                    label,
                    (px, frame.bottom + self.s(6.0)),
                    TICK,
                    false,
                    muted,
                    HPos::Center,
                    VPos::Top,
                )?;
            }
        }
        for tick in &scene.y_ticks {
            let (_, py) = frame.px([0.0, tick.value]);
            if py < frame.top - 0.5 || py > frame.bottom + 0.5 {
                continue;
            }
            let color = if tick.major {
                self.colors.grid_major
            } else {
                self.colors.grid
            };
            self.line(&[(frame.left, py), (frame.right, py)], color, 1.0)?;
            if let Some(label) = &tick.label {
                self.text(
                    label,
                    (frame.left - self.s(6.0), py),
                    TICK,
                    false,
                    muted,
                    HPos::Right,
                    VPos::Center,
                )?;
            }
        }
        for &guide in &scene.guides {
            let (_, py) = frame.px([0.0, guide]);
            self.dashed(&[(x0, py), (x1, py)], text.faded(0.45), 1.0, 6.0)?;
        }
        // Band labels at the right edge of each band tall enough to hold one.
        for area in &scene.bands {
            let (top, bottom) = (frame.px([0.0, area.hi]).1, frame.px([0.0, area.lo]).1);
            if bottom - top >= self.t(BAND * 1.2) {
                self.text(
                    area.band.label(),
                    (x1 - self.s(8.0), f64::midpoint(top, bottom)),
                    BAND,
                    true,
                    palette::band_label(area.band, self.dark),
                    HPos::Right,
                    VPos::Center,
                )?;
            }
        }

        Ok(())
    }

    /// The current volume: a vertical line and its label.
    fn current_volume(&self, scene: &Scene, frame: &Frame) -> Result<(), String> {
        let (text, muted) = (self.colors.text, self.colors.muted);
        let (now_x, _) = frame.px([scene.current.0, 0.0]);
        if (frame.left..=frame.right).contains(&now_x) {
            self.line(&[(now_x, frame.top), (now_x, frame.bottom)], muted, 1.5)?;
            let room_right = frame.right - now_x > self.s(120.0);
            let (anchor, dx) = if room_right {
                (HPos::Left, self.s(5.0))
            } else {
                (HPos::Right, -self.s(5.0))
            };
            self.text(
                &scene.current.1,
                (now_x + dx, frame.top + self.s(4.0)),
                TICK,
                false,
                text,
                anchor,
                VPos::Top,
            )?;
        }

        Ok(())
    }

    /// Simulated P10–P90 bands and P50 lines, under the exact curves.
    fn spreads(&self, scene: &Scene, frame: &Frame) -> Result<(), String> {
        for spread in &scene.spreads {
            let upper = spread.points.iter().map(|p| frame.px([p[0], p[3]]));
            let lower = spread.points.iter().rev().map(|p| frame.px([p[0], p[1]]));
            let outline: Vec<(i32, i32)> = upper.chain(lower).map(pt).collect();
            if outline.len() >= 3 {
                let fill = spread.color.faded(0.2);
                self.root
                    .draw(&Polygon::new(
                        outline,
                        ShapeStyle::from(rgba(fill)).filled(),
                    ))
                    .map_err(|e| e.to_string())?;
            }
            let median: Vec<(f64, f64)> = spread
                .points
                .iter()
                .map(|p| frame.px([p[0], p[2]]))
                .collect();
            for piece in frame.clip_polyline(&median) {
                self.dashed(&piece, spread.color, 1.5, 5.0)?;
            }
        }

        Ok(())
    }

    /// The curves, the over-capacity notes, break-evens, crossovers and the frame.
    fn curves_and_markers(&self, scene: &Scene, frame: &Frame) -> Result<(), String> {
        let background = self.colors.background;
        for curve in &scene.curves {
            for run in &curve.runs {
                let points: Vec<(f64, f64)> = run.iter().map(|&p| frame.px(p)).collect();
                for piece in frame.clip_polyline(&points) {
                    if curve.dashed {
                        self.dashed(&piece, curve.color, 2.5, 7.0)?;
                    } else {
                        self.line(&piece, curve.color, 2.5)?;
                    }
                }
                if points.len() == 1 && frame.contains(points[0]) {
                    self.dot(points[0], 2.0, curve.color, curve.color)?;
                }
            }
        }
        for note in &scene.notes {
            let at = frame.px(note.at);
            if !frame.contains(at) {
                continue;
            }
            // A bar across the end of the line, and the note beside it (or above, ending
            // left of it, where the chart has no room on the right).
            let bar = self.s(6.0);
            self.line(&[(at.0, at.1 - bar), (at.0, at.1 + bar)], note.color, 2.0)?;
            let (text_at, h_pos, v_pos) = if note.rightward {
                ((at.0 + self.s(6.0), at.1), HPos::Left, VPos::Center)
            } else {
                (
                    (at.0 - self.s(6.0), at.1 - self.s(3.0)),
                    HPos::Right,
                    VPos::Bottom,
                )
            };
            self.text(&note.text, text_at, NOTE, false, note.color, h_pos, v_pos)?;
        }
        for marker in &scene.break_evens {
            let at = frame.px(marker.at);
            if frame.contains(at) {
                self.dot(at, 5.0, marker.color, background)?;
            }
        }
        for marker in &scene.crossovers {
            let at = frame.px(marker.at);
            if frame.contains(at) {
                self.diamond(at, 6.0, self.colors.marker, background)?;
            }
        }
        self.rect(
            (frame.left, frame.top),
            (frame.right, frame.bottom),
            self.colors.frame,
            false,
        )?;

        Ok(())
    }

    /// Under the plot: the x axis's title and the designs left out.
    fn x_title_and_left_out(
        &self,
        scene: &Scene,
        frame: &Frame,
        w: f64,
        pad: f64,
    ) -> Result<(), String> {
        let muted = self.colors.muted;
        let mut y = frame.bottom + self.t(TICK * 1.8);
        self.text(
            &scene.x_label,
            (f64::midpoint(frame.left, frame.right), y),
            AXIS,
            false,
            muted,
            HPos::Center,
            VPos::Top,
        )?;
        y += self.t(AXIS * 1.6);
        for note in &scene.left_out {
            let line = self.fit(
                &format!("⚠ Not plotted — {note}"),
                NOTE,
                false,
                w - 2.0 * pad,
            );
            self.text(
                &line,
                (pad, y),
                NOTE,
                false,
                self.colors.warning,
                HPos::Left,
                VPos::Top,
            )?;
            y += self.t(NOTE * 1.6);
        }
        Ok(())
    }
}

/// The file formats a chart is exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Scalable vector graphics.
    Svg,
    /// A PNG image.
    Png,
}

impl Format {
    /// The format a file name asks for, by its extension (`.svg` or `.png`, any case).
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        let extension = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match extension.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }
}

/// Renders the chart in the format `path` names and writes it atomically (a failed export
/// never leaves a half-written file).
pub fn export(scene: &Scene, options: &Options, path: &std::path::Path) -> Result<Format, String> {
    let format = Format::of_path(path).ok_or_else(|| {
        format!(
            "{}: export the chart to a .svg or .png file",
            path.display()
        )
    })?;
    let bytes = match format {
        Format::Svg => svg(scene, options).map(String::into_bytes),
        Format::Png => png(scene, options),
    }
    .map_err(|e| format!("{}: {e}", path.display()))?;
    crate::io::write_atomically(path, &bytes).map_err(|e| e.to_string())?;
    Ok(format)
}
