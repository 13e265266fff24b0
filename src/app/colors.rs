//! The chart's colours (`chart::Color`, toolkit-free) as egui's, converted here at the edge.

use egui::Color32;

use crate::chart::Color;

impl From<Color> for Color32 {
    fn from(c: Color) -> Self {
        Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
    }
}
