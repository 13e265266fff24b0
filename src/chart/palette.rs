//! Colours: one per design (Okabe–Ito, distinguishable with colour-blindness) and one per band.

use super::color::Color;

use crate::econ::Band;

const DESIGN_COLORS: [Color; 8] = [
    Color::from_rgb(0, 114, 178),   // blue
    Color::from_rgb(230, 159, 0),   // orange
    Color::from_rgb(0, 158, 115),   // bluish green
    Color::from_rgb(204, 121, 167), // reddish purple
    Color::from_rgb(213, 94, 0),    // vermillion
    Color::from_rgb(86, 180, 233),  // sky blue
    Color::from_rgb(160, 140, 20),  // olive
    Color::from_rgb(110, 110, 110), // grey
];

/// The colour of design `index` (swatch, line, markers).
pub fn design_color(index: usize) -> Color {
    DESIGN_COLORS[index % DESIGN_COLORS.len()]
}

/// The solid colour of a band (chips, labels).
pub fn band_color(band: Band) -> Color {
    match band {
        Band::Excellent => Color::from_rgb(26, 152, 80),
        Band::Good => Color::from_rgb(160, 190, 40),
        Band::Marginal => Color::from_rgb(230, 150, 20),
        Band::Unsustainable => Color::from_rgb(215, 48, 39),
    }
}

/// The colour of a band's label on the chart: the band colour, darkened on a light background so
/// that it stays readable on a projector.
pub fn band_label(band: Band, dark_mode: bool) -> Color {
    let c = band_color(band);
    if dark_mode {
        c
    } else {
        let darken = |v: u8| u8::try_from(u16::from(v) * 7 / 10).unwrap_or(v);
        Color::from_rgb(darken(c.r), darken(c.g), darken(c.b))
    }
}

/// The light tint of a band, for shading the chart behind the lines.
pub fn band_fill(band: Band, dark_mode: bool) -> Color {
    let c = band_color(band);
    let alpha = if dark_mode { 34 } else { 30 };
    Color::from_rgba_unmultiplied(c.r, c.g, c.b, alpha)
}

/// Text colour that reads on a band chip.
pub fn band_text(band: Band) -> Color {
    match band {
        Band::Marginal => Color::BLACK,
        _ => Color::WHITE,
    }
}
