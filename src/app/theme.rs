//! The planner's two themes: egui's dark and light, with the text colours that carry figures or
//! messages (weak text, links, warnings, errors) made to meet WCAG AA (4.5:1) on every
//! background they are drawn on — checked by the tests below from the colours themselves.

use egui::{Color32, Visuals};

/// egui's visuals for the dark or light theme, with readable secondary colours.
pub fn visuals(dark: bool) -> Visuals {
    let mut v = if dark {
        Visuals::dark()
    } else {
        Visuals::light()
    };
    if dark {
        v.weak_text_color = Some(Color32::from_gray(150));
        v.hyperlink_color = Color32::from_rgb(110, 180, 255);
        v.warn_fg_color = Color32::from_rgb(255, 160, 40);
        v.error_fg_color = Color32::from_rgb(255, 125, 115);
    } else {
        v.weak_text_color = Some(Color32::from_gray(92));
        v.hyperlink_color = Color32::from_rgb(0, 90, 180);
        v.warn_fg_color = Color32::from_rgb(160, 75, 0);
        v.error_fg_color = Color32::from_rgb(185, 25, 25);
    }
    v
}

/// Installs both themes' visuals; the theme itself follows the settings.
pub fn install(ctx: &egui::Context) {
    ctx.set_visuals_of(egui::Theme::Dark, visuals(true));
    ctx.set_visuals_of(egui::Theme::Light, visuals(false));
}

/// The bundled fonts, with the monospace font as a fallback for the proportional one so that
/// the symbols the planner uses (◆ ● ↔ ⟂) render everywhere, with or without system fonts.
pub(super) fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if fonts.font_data.contains_key("Hack")
        && let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional)
    {
        family.insert(1.min(family.len()), "Hack".to_owned());
    }
    ctx.set_fonts(fonts);
}

#[cfg(test)]
mod tests {
    use super::visuals;
    use crate::chart::Color;
    use crate::chart::palette::{
        band_color, band_fill, band_label, band_text, design_color, plot_background,
    };
    use crate::econ::Band;

    fn color(c: egui::Color32) -> Color {
        let [red, green, blue, alpha] = c.to_srgba_unmultiplied();
        Color::from_rgba_unmultiplied(red, green, blue, alpha)
    }

    /// Every text colour against every background it is drawn on, in both themes: at least
    /// 4.5:1 (WCAG AA for body text).
    #[test]
    fn every_text_colour_meets_wcag_aa_in_both_themes() {
        let mut failures = Vec::new();
        for dark in [true, false] {
            let v = visuals(dark);
            let theme = if dark { "dark" } else { "light" };
            let panel = color(v.panel_fill);
            let backgrounds = [
                ("panel", panel),
                ("window", color(v.window_fill)),
                ("text field", color(v.text_edit_bg_color())),
                ("striped row", color(v.faint_bg_color).over(panel)),
            ];
            let texts = [
                ("text", color(v.text_color())),
                ("weak text", color(v.weak_text_color())),
                ("strong text", color(v.strong_text_color())),
                ("link", color(v.hyperlink_color)),
                ("warning", color(v.warn_fg_color)),
                ("error", color(v.error_fg_color)),
            ];
            let mut check = |what: String, ratio: f64| {
                if ratio < 4.5 {
                    failures.push(format!("{theme}: {what} {ratio:.2}:1"));
                }
            };
            for (text, fg) in texts {
                for (place, bg) in backgrounds {
                    check(format!("{text} on {place}"), fg.contrast(bg));
                }
            }
            // A selected tab or design: its text on the selection colour.
            let selected = color(v.selection.bg_fill);
            check(
                "selected text".to_owned(),
                color(v.selection.stroke.color).contrast(selected),
            );
            // Buttons: their text on their fill.
            for (state, w) in [
                ("inactive", &v.widgets.inactive),
                ("hovered", &v.widgets.hovered),
                ("active", &v.widgets.active),
            ] {
                check(
                    format!("{state} button text"),
                    color(w.text_color()).contrast(color(w.weak_bg_fill).over(panel)),
                );
            }
            for band in Band::ALL {
                // The band labels on the chart, on their shading.
                let behind = band_fill(band, dark).over(plot_background(dark));
                check(
                    format!("{band} label on the chart"),
                    band_label(band, dark).contrast(behind),
                );
                // The tornado's thresholds (1×, 3×, 10×), labelled in the band's colour on
                // the panel.
                if band.threshold().is_some() {
                    check(
                        format!("{band} threshold on the tornado"),
                        band_label(band, dark).contrast(panel),
                    );
                }
                // The current volume's label, in the text colour, over any band's shading.
                check(
                    format!("current-volume label on {band} shading"),
                    color(v.text_color()).contrast(behind),
                );
                // Chips and the odds bar: the band's text on its colour.
                check(
                    format!("{band} chip"),
                    band_text(band).contrast(band_color(band)),
                );
            }
            // Over-capacity notes in each design's hue.
            for i in 0..8 {
                let bg = plot_background(dark);
                check(
                    format!("design {i} note"),
                    design_color(i).readable_on(bg).contrast(bg),
                );
            }
        }
        assert!(failures.is_empty(), "below 4.5:1: {failures:#?}");
    }
}
