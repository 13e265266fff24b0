//! A comparison on the chart: the curves of the version compared with, dashed and faded under the
//! current ones, in the colours of the designs of the same name.

use super::{Curve, Scene};

impl Scene {
    /// Adds `earlier` (the same chart of the version compared with, called `label`) under this
    /// scene's curves.
    pub fn add_before(&mut self, earlier: &Scene, label: &str) {
        let curves = earlier
            .curves
            .iter()
            .map(|curve| {
                let color = self
                    .curves
                    .iter()
                    .find(|now| now.name == curve.name)
                    .map_or(curve.color, |now| now.color);
                Curve {
                    design: curve.design,
                    name: format!("{} ({label})", curve.name),
                    color: color.faded(0.7),
                    dashed: true,
                    runs: curve.runs.clone(),
                }
            })
            .collect();
        self.before = Some((label.to_owned(), curves));
    }
}
