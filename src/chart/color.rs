//! The chart's colours: sRGB with straight (unmultiplied) alpha, with no GUI toolkit behind them,
//! so the chart and its export build without egui. The planner converts them to egui's at the
//! edge (`src/app/`).

/// An sRGB colour with straight alpha (0 transparent, 255 opaque).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
    /// Opacity, 0–255.
    pub a: u8,
}

impl Color {
    /// Opaque black.
    pub const BLACK: Color = Color::from_rgb(0, 0, 0);
    /// Opaque white.
    pub const WHITE: Color = Color::from_rgb(255, 255, 255);

    /// An opaque colour.
    pub const fn from_rgb(r: u8, g: u8, b: u8) -> Self {
        Color { r, g, b, a: 255 }
    }

    /// A colour with straight alpha.
    pub const fn from_rgba_unmultiplied(r: u8, g: u8, b: u8, a: u8) -> Self {
        Color { r, g, b, a }
    }

    /// The same colour with its opacity multiplied by `factor` (0–1): a tint of it over what
    /// lies behind.
    #[must_use]
    pub fn faded(self, factor: f32) -> Self {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let a = (f32::from(self.a) * factor.clamp(0.0, 1.0)).round() as u8;
        Color { a, ..self }
    }

    /// The opacity as a fraction, 0–1.
    pub fn opacity(self) -> f64 {
        f64::from(self.a) / 255.0
    }

    /// This colour laid over an opaque `background` (its opacity applied): what is seen.
    #[must_use]
    pub fn over(self, background: Color) -> Color {
        let a = self.opacity();
        let mix = |top: u8, bottom: u8| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let v = (f64::from(top) * a + f64::from(bottom) * (1.0 - a)).round() as u8;
            v
        };
        Color::from_rgb(
            mix(self.r, background.r),
            mix(self.g, background.g),
            mix(self.b, background.b),
        )
    }

    /// WCAG 2 relative luminance, 0 (black) to 1 (white), of the opaque colour.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// WCAG 2 contrast ratio of two opaque colours, 1 to 21 (AA asks 4.5 for body text).
    pub fn contrast(self, other: Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This hue made readable as text on `background` (contrast at least 4.5): darkened on a
    /// light background, lightened on a dark one, as little as needed.
    #[must_use]
    pub fn readable_on(self, background: Color) -> Color {
        let target = if background.luminance() > 0.18 {
            Color::BLACK
        } else {
            Color::WHITE
        };
        let opaque = Color { a: 255, ..self };
        for step in 0..=20 {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let toward = Color {
                a: (f64::from(step) / 20.0 * 255.0).round() as u8,
                ..target
            };
            let candidate = toward.over(opaque);
            if candidate.contrast(background) >= 4.5 {
                return candidate;
            }
        }
        target
    }
}

#[cfg(test)]
mod tests {
    use super::Color;

    #[test]
    fn contrast_follows_wcag() {
        // Black on white is 21:1; a colour against itself 1:1; #767676 on white about 4.54.
        assert!((Color::BLACK.contrast(Color::WHITE) - 21.0).abs() < 1e-9);
        assert!((Color::WHITE.contrast(Color::WHITE) - 1.0).abs() < 1e-9);
        let grey = Color::from_rgb(0x76, 0x76, 0x76).contrast(Color::WHITE);
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
        // Made readable: orange on white darkens until it passes, and only just.
        let orange = Color::from_rgb(230, 159, 0);
        let text = orange.readable_on(Color::WHITE);
        assert!(text.contrast(Color::WHITE) >= 4.5);
        assert!(text.contrast(Color::WHITE) < 6.0, "{text:?}");
        assert_eq!(Color::BLACK.readable_on(Color::WHITE), Color::BLACK);
    }

    #[test]
    fn fading_scales_only_the_opacity() {
        let c = Color::from_rgb(0, 114, 178).faded(0.2);
        // 255 × 0.2 = 51.
        assert_eq!(c, Color::from_rgba_unmultiplied(0, 114, 178, 51));
        assert!((c.opacity() - 0.2).abs() < 1e-12);
    }
}
