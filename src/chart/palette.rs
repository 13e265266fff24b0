//! Colours: one per design (Okabe–Ito, distinguishable with colour-blindness), one per team of a
//! portfolio and one per band.

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

/// The colour of team `index` (a portfolio's teams in name order): the design colours without
/// their grey, which marks the features with no team ([`NO_TEAM`]).
pub fn team_color(index: usize) -> Color {
    let hues = &DESIGN_COLORS[..DESIGN_COLORS.len() - 1];
    hues[index % hues.len()]
}

/// The colour of a portfolio's features that no team owns: a neutral grey.
pub const NO_TEAM: Color = Color::from_rgb(150, 150, 150);

/// The solid colour of a band (chips, labels).
pub fn band_color(band: Band) -> Color {
    match band {
        Band::Excellent => Color::from_rgb(26, 152, 80),
        Band::Good => Color::from_rgb(160, 190, 40),
        Band::Marginal => Color::from_rgb(230, 150, 20),
        Band::Unsustainable => Color::from_rgb(215, 48, 39),
    }
}

/// The plot area's background: egui's text-field background in the planner, and the exports'.
pub fn plot_background(dark_mode: bool) -> Color {
    if dark_mode {
        Color::from_rgb(10, 10, 10)
    } else {
        Color::WHITE
    }
}

/// The colour of a band's label on the chart: the band's hue, made readable (WCAG AA) on its
/// own shading over the plot's background, so that it stays readable on a projector.
pub fn band_label(band: Band, dark_mode: bool) -> Color {
    let behind = band_fill(band, dark_mode).over(plot_background(dark_mode));
    band_color(band).readable_on(behind)
}

/// Text in a design's colour (the over-capacity notes): its hue, made readable on the plot.
pub fn design_text(index: usize, dark_mode: bool) -> Color {
    design_color(index).readable_on(plot_background(dark_mode))
}

/// The light tint of a band, for shading the chart behind the lines.
pub fn band_fill(band: Band, dark_mode: bool) -> Color {
    let c = band_color(band);
    let alpha = if dark_mode { 34 } else { 30 };
    Color::from_rgba_unmultiplied(c.r, c.g, c.b, alpha)
}

/// Text colour that reads on a band chip (WCAG AA: black on the lighter three, white on red).
pub fn band_text(band: Band) -> Color {
    match band {
        Band::Unsustainable => Color::WHITE,
        _ => Color::BLACK,
    }
}
