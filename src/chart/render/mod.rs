//! SVG and PNG of a [`Scene`] and of the cost–value plane ([`FrontierScene`]): the chart for
//! decks and scripts, with no display or GPU.
//!
//! The SVG is drawn with plotters, its text measured with the `DejaVu Sans` fonts embedded from
//! `assets/fonts` (so the layout never depends on the fonts a machine has). The PNG is that SVG
//! rasterised by resvg with the same embedded fonts, so both files show the same chart.

use std::sync::{Arc, OnceLock};

use plotters::prelude::{IntoDrawingArea, SVGBackend};
use plotters::style::FontStyle;

use super::Scene;
use super::frontier::FrontierScene;
use crate::format::count;

mod draw;
mod frontier;
mod painter;

use painter::{Colors, Painter};

/// The font family written into the SVG: the embedded `DejaVu Sans`, then common fallbacks for
/// viewers that lack it.
pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The smallest and largest chart side, in pixels before scaling.
pub const SIZE_LIMITS: (u32, u32) = (400, 8000);
/// The largest pixel density.
pub const MAX_SCALE: u32 = 4;
/// The most pixels a PNG may have (width × height × scale²): 40 million, about 160 MB of
/// pixels while drawing (each side alone may reach its limit, not all of them at once).
pub const MAX_PIXELS: u64 = 40_000_000;

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
        "chart size {width}×{height} at {scale}× is not allowed: width and height must be {}–{} and the scale \
            1–{MAX_SCALE}",
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
    /// The PNG would have more than [`MAX_PIXELS`] pixels.
    #[error(
        "a PNG of {width}×{height} at {scale}× is {} pixels (width × height × scale²); the \
         limit is {} pixels: use a smaller size or scale, or write an .svg",
        count(*pixels),
        count(MAX_PIXELS)
    )]
    Pixels {
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
        /// Requested scale.
        scale: u32,
        /// width × height × scale².
        pixels: u64,
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
    svg_with(options, |painter, width, height| {
        painter.draw(scene, width, height)
    })
}

/// The cost–value plane as an SVG document of `width × scale` by `height × scale` pixels.
pub fn frontier_svg(scene: &FrontierScene, options: &Options) -> Result<String, RenderError> {
    svg_with(options, |painter, width, height| {
        painter.draw_frontier(scene, width, height)
    })
}

/// An SVG drawn by `draw` onto a painter of the options' size and theme.
fn svg_with(
    options: &Options,
    draw: impl FnOnce(&mut Painter, f64, f64) -> Result<(), String>,
) -> Result<String, RenderError> {
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
        draw(
            &mut painter,
            f64::from(options.width),
            f64::from(options.height),
        )
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
    png_with(options, || svg(scene, options))
}

/// The cost–value plane as a PNG of `width × scale` by `height × scale` pixels.
pub fn frontier_png(scene: &FrontierScene, options: &Options) -> Result<Vec<u8>, RenderError> {
    png_with(options, || frontier_svg(scene, options))
}

/// The SVG that `svg` draws, rasterised.
fn png_with(
    options: &Options,
    svg: impl FnOnce() -> Result<String, RenderError>,
) -> Result<Vec<u8>, RenderError> {
    check(options)?;
    // Refused before drawing: the pixmap alone is 4 bytes a pixel, and encoding copies it.
    let scale = u64::from(options.scale);
    let pixels = u64::from(options.width) * u64::from(options.height) * scale * scale;
    if pixels > MAX_PIXELS {
        return Err(RenderError::Pixels {
            width: options.width,
            height: options.height,
            scale: options.scale,
            pixels,
        });
    }
    let svg = svg()?;
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
    export_with(path, |format| match format {
        Format::Svg => svg(scene, options).map(String::into_bytes),
        Format::Png => png(scene, options),
    })
}

/// Renders the cost–value plane in the format `path` names and writes it atomically.
pub fn export_frontier(
    scene: &FrontierScene,
    options: &Options,
    path: &std::path::Path,
) -> Result<Format, String> {
    export_with(path, |format| match format {
        Format::Svg => frontier_svg(scene, options).map(String::into_bytes),
        Format::Png => frontier_png(scene, options),
    })
}

/// Writes what `render` makes in the format `path` names, atomically.
fn export_with(
    path: &std::path::Path,
    render: impl FnOnce(Format) -> Result<Vec<u8>, RenderError>,
) -> Result<Format, String> {
    let format = Format::of_path(path).ok_or_else(|| {
        format!(
            "{}: export the chart to a .svg or .png file",
            path.display()
        )
    })?;
    let bytes = render(format).map_err(|e| format!("{}: {e}", path.display()))?;
    crate::io::write_atomically(path, &bytes).map_err(|e| e.to_string())?;
    Ok(format)
}
