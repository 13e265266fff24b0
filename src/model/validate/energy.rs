//! The checks of energy and carbon data (`docs/method.md#energy-and-carbon-per-inference`).

use super::Checker;
use crate::model::catalog::Preset;
use crate::model::fields::{self, ServingField};
use crate::model::{Power, Scenario, TokenEnergy};

/// The problems of a catalogue preset's energy and carbon figures, by the limits a scenario
/// holds them to (so an applied preset is always valid), each message starting with `path`.
pub(crate) fn preset_problems(path: &str, preset: &Preset) -> Vec<String> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    match preset {
        Preset::Instance { power: Some(p), .. } => c.power(&format!("{path}.power"), p),
        Preset::TokenEnergy(e) => c.token_energy(&format!("{path}.0"), e),
        Preset::Grid { g_per_kwh } => {
            c.limited(&format!("{path}.g_per_kwh"), fields::GRID, *g_per_kwh);
        }
        Preset::Pue { pue } => {
            c.limited(&format!("{path}.pue"), fields::PUE, *pue);
        }
        Preset::CarbonPrice {
            price_per_tonne, ..
        } => c.limited(
            &format!("{path}.price_per_tonne"),
            fields::CARBON_PRICE,
            *price_per_tonne,
        ),
        _ => {}
    }
    c.problems.into_iter().map(|p| p.to_string()).collect()
}

impl Checker {
    /// An instance's power: watts 0 and up, idle at most full load, 1 to 64 devices.
    pub(super) fn power(&mut self, path: &str, p: &Power) {
        for (field, value) in [
            (ServingField::WattsMax, p.watts_max),
            (ServingField::WattsIdle, p.watts_idle),
            (ServingField::HostWatts, p.host_watts),
        ] {
            self.within(path, field, value);
        }
        if p.watts_idle > p.watts_max {
            self.error(
                format!("{path}.watts_idle"),
                format!(
                    "must be at most watts_max ({}), got {}",
                    p.watts_max, p.watts_idle
                ),
            );
        }
        if !(1..=64).contains(&p.devices) {
            self.error(
                format!("{path}.devices"),
                format!("must be 1 to 64, got {}", p.devices),
            );
        }
    }

    /// A hosted model's energy per token and request: 0 and up.
    pub(super) fn token_energy(&mut self, path: &str, e: &TokenEnergy) {
        for (field, value) in [
            (ServingField::WhPer1kInput, e.wh_per_1k_input_tokens),
            (ServingField::WhPer1kOutput, e.wh_per_1k_output_tokens),
            (ServingField::WhPerRequest, e.wh_per_request),
        ] {
            self.within(path, field, value);
        }
    }

    /// The scenario's carbon section and each design's own grid and PUE.
    pub(super) fn carbon(&mut self, s: &Scenario) {
        if let Some(c) = &s.carbon {
            self.limited("carbon.grid_g_per_kwh", fields::GRID, c.grid_g_per_kwh);
            self.limited("carbon.pue", fields::PUE, c.pue);
            self.limited(
                "carbon.price_per_tonne",
                fields::CARBON_PRICE,
                c.price_per_tonne,
            );
        }
        for (i, d) in s.designs.iter().enumerate() {
            if d.serving.routes().is_some() {
                // `docs/method.md#routed-designs`: its energy is its designs', each on its own grid.
                for (field, set) in [("grid_g_per_kwh", d.grid_g_per_kwh), ("pue", d.pue)] {
                    if set.is_some() {
                        self.error(
                            format!("designs[{i}].{field}"),
                            "a routed design has no grid or PUE of its own: each design it routes \
                             to is counted on its own grid and PUE (set them there, or on the \
                             scenario's carbon section); remove this field"
                                .to_owned(),
                        );
                    }
                }
                continue;
            }
            if let Some(grid) = d.grid_g_per_kwh {
                self.limited(&format!("designs[{i}].grid_g_per_kwh"), fields::GRID, grid);
            }
            if let Some(pue) = d.pue {
                self.limited(&format!("designs[{i}].pue"), fields::PUE, pue);
            }
        }
    }
}
