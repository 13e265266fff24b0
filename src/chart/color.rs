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
}

#[cfg(test)]
mod tests {
    use super::Color;

    #[test]
    fn fading_scales_only_the_opacity() {
        let c = Color::from_rgb(0, 114, 178).faded(0.2);
        // 255 × 0.2 = 51.
        assert_eq!(c, Color::from_rgba_unmultiplied(0, 114, 178, 51));
        assert!((c.opacity() - 0.2).abs() < 1e-12);
    }
}
