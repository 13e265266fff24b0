//! A catalogue of dated list prices: hosted models (per 1M tokens) and rented instances (per
//! hour), each with its source, that the design editor applies as presets.
//!
//! The app bundles `assets/catalog.ron`; people can point it at their own file in the same
//! format (for negotiated prices, other regions or newer lists).

use serde::{Deserialize, Serialize};

use super::{Date, Hardware, Power, Serving, Source, TokenEnergy};
use rust_decimal::Decimal;

/// The catalogue format version this build reads.
pub const CATALOG_FORMAT: u32 = 1;

/// Months after which a price counts as stale.
pub const STALE_AFTER_MONTHS: i32 = 12;

/// A list of presets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Format version (1).
    #[serde(default = "catalog_format")]
    pub format: u32,
    /// The presets.
    pub entries: Vec<Entry>,
}

fn catalog_format() -> u32 {
    CATALOG_FORMAT
}

/// One preset with where its price comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// What is priced, e.g. a hosted model or a rented GPU instance.
    pub name: String,
    /// The prices.
    pub preset: Preset,
    /// Where the price (or the energy or carbon figure) comes from and when it was read.
    pub source: Source,
    /// Where an instance's power comes from, when the entry has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_source: Option<Source>,
}

/// The prices a preset fills in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Preset {
    /// A model behind a vendor API.
    HostedModel {
        /// Price per million input tokens.
        #[serde(with = "super::exact")]
        input_price_per_mtok: Decimal,
        /// Price per million output tokens.
        #[serde(with = "super::exact")]
        output_price_per_mtok: Decimal,
        /// Price per million cached input tokens, where the vendor publishes one.
        #[serde(
            default,
            with = "super::exact::present",
            skip_serializing_if = "Option::is_none"
        )]
        cached_input_price_per_mtok: Option<Decimal>,
        /// Price per million input tokens written to the prompt cache, where the vendor
        /// publishes one.
        #[serde(
            default,
            with = "super::exact::present",
            skip_serializing_if = "Option::is_none"
        )]
        cache_write_price_per_mtok: Option<Decimal>,
        /// The batch API's discount in percent, where the vendor has one (0: none).
        #[serde(
            default,
            with = "super::exact",
            skip_serializing_if = "Decimal::is_zero"
        )]
        batch_discount_pct: Decimal,
        /// The vendor's long-context tier, where it has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        long_context: Option<super::LongContext>,
    },
    /// An instance rented by the hour.
    Instance {
        /// GPU or CPU.
        hardware: Hardware,
        /// The instance type.
        instance: String,
        /// Price per hour.
        #[serde(with = "super::exact")]
        price_per_hour: Decimal,
        /// The instance's power, where its hardware's is published (source: `energy_source`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        power: Option<Power>,
    },
    /// A published estimate of a hosted model's energy per token and request; fits any hosted
    /// stage (its energy, not its prices).
    TokenEnergy(TokenEnergy),
    /// A grid's carbon intensity: the scenario's carbon section or a design's own region.
    Grid {
        /// Grams of `CO₂e` per kWh.
        #[serde(with = "super::exact")]
        g_per_kwh: Decimal,
    },
    /// A data centre's power usage effectiveness.
    Pue {
        /// Total energy over IT energy (at least 1).
        #[serde(with = "super::exact")]
        pue: Decimal,
    },
    /// A carbon price per tonne of `CO₂e`, in `currency`.
    CarbonPrice {
        /// The price per tonne.
        #[serde(with = "super::exact")]
        price_per_tonne: Decimal,
        /// Its currency (the scenario's may differ: the planner says so).
        currency: String,
    },
}

/// Which of a scenario's carbon figures a preset fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CarbonField {
    /// `grid_g_per_kwh`.
    Grid,
    /// `pue`.
    Pue,
    /// `price_per_tonne`.
    Price,
}

impl Entry {
    /// True when the preset fits this serving stage (a hosted model for a hosted API, an
    /// instance of the same hardware for a self-hosted stage).
    pub fn fits(&self, serving: &Serving) -> bool {
        match (&self.preset, serving) {
            (Preset::HostedModel { .. }, Serving::HostedApi { .. }) => true,
            (Preset::Instance { hardware, .. }, Serving::SelfHosted { hardware: h, .. }) => {
                hardware == h
            }
            _ => false,
        }
    }

    /// True when the preset fills this stage's energy: a per-token estimate for a hosted stage,
    /// an instance with published power for a self-hosted stage of the same hardware.
    pub fn fits_energy(&self, serving: &Serving) -> bool {
        match (&self.preset, serving) {
            (Preset::TokenEnergy(_), Serving::HostedApi { .. }) => true,
            (
                Preset::Instance {
                    hardware,
                    power: Some(_),
                    ..
                },
                Serving::SelfHosted { hardware: h, .. },
            ) => hardware == h,
            _ => false,
        }
    }

    /// Fills the serving stage's energy from the preset; false when it does not fit.
    pub fn apply_energy(&self, serving: &mut Serving) -> bool {
        if !self.fits_energy(serving) {
            return false;
        }
        match (&self.preset, serving) {
            (Preset::TokenEnergy(e), Serving::HostedApi { energy, .. }) => *energy = Some(*e),
            (Preset::Instance { power: p, .. }, Serving::SelfHosted { power, .. }) => *power = *p,
            _ => return false,
        }
        true
    }

    /// The carbon figure the preset gives, and which one.
    pub fn carbon_figure(&self) -> Option<(CarbonField, Decimal)> {
        match &self.preset {
            Preset::Grid { g_per_kwh } => Some((CarbonField::Grid, *g_per_kwh)),
            Preset::Pue { pue } => Some((CarbonField::Pue, *pue)),
            Preset::CarbonPrice {
                price_per_tonne, ..
            } => Some((CarbonField::Price, *price_per_tonne)),
            _ => None,
        }
    }

    /// The source to record when the preset's energy or carbon figure is applied.
    pub fn energy_design_source(&self) -> Source {
        match (&self.preset, &self.energy_source) {
            (Preset::Instance { .. }, Some(source)) => Source {
                what: format!("{} power: {}", self.name, source.what),
                url: source.url.clone(),
                as_of: source.as_of,
            },
            _ => self.design_source(),
        }
    }

    /// Fills the serving stage's prices from the preset; false when it does not fit.
    pub fn apply(&self, serving: &mut Serving) -> bool {
        match (&self.preset, serving) {
            (
                Preset::HostedModel {
                    input_price_per_mtok: input,
                    output_price_per_mtok: output,
                    cached_input_price_per_mtok: cached,
                    cache_write_price_per_mtok: write,
                    batch_discount_pct: batch,
                    long_context: tier,
                },
                Serving::HostedApi {
                    input_price_per_mtok,
                    output_price_per_mtok,
                    cached_input_price_per_mtok,
                    cache_write_price_per_mtok,
                    batch_discount_pct,
                    long_context,
                    ..
                },
            ) => {
                // The vendor's prices; how much of the traffic is cached, written to the cache
                // or batched stays the design's own assumption.
                *input_price_per_mtok = *input;
                *output_price_per_mtok = *output;
                *cached_input_price_per_mtok = *cached;
                *cache_write_price_per_mtok = *write;
                *batch_discount_pct = *batch;
                // The vendor's tier, or none: a tier of another model's never stays.
                *long_context = *tier;
                true
            }
            (
                Preset::Instance {
                    hardware,
                    instance: name,
                    price_per_hour: price,
                    power: p,
                },
                Serving::SelfHosted {
                    hardware: h,
                    instance,
                    price_per_hour,
                    power,
                    ..
                },
            ) if hardware == h => {
                instance.clone_from(name);
                *price_per_hour = *price;
                // Another instance draws another power: its own where published; a stage
                // with power of its own keeps it when the preset has none.
                if p.is_some() {
                    *power = *p;
                }
                true
            }
            _ => false,
        }
    }

    /// The preset's figures in a line, for menus: prices in `currency`, power, energy or
    /// carbon figures in their units.
    pub fn summary(&self, currency: &str) -> String {
        match &self.preset {
            Preset::HostedModel {
                input_price_per_mtok,
                output_price_per_mtok,
                cached_input_price_per_mtok,
                ..
            } => {
                let cached = cached_input_price_per_mtok
                    .map_or_else(String::new, |c| format!(" ({currency}{c} cached)"));
                format!(
                    "{currency}{input_price_per_mtok}{cached} / {currency}{output_price_per_mtok} per 1M tokens"
                )
            }
            Preset::Instance {
                price_per_hour,
                power,
                ..
            } => {
                let power = power.map_or_else(String::new, |p| {
                    format!(
                        " · {}× {} W ({} W idle) + {} W host",
                        p.devices,
                        p.watts_max.normalize(),
                        p.watts_idle.normalize(),
                        p.host_watts.normalize()
                    )
                });
                format!("{currency}{price_per_hour}/hour{power}")
            }
            Preset::TokenEnergy(e) => format!(
                "{} Wh per 1k input, {} Wh per 1k output, {} Wh per request{}",
                e.wh_per_1k_input_tokens.normalize(),
                e.wh_per_1k_output_tokens.normalize(),
                e.wh_per_request.normalize(),
                if e.includes_pue { ", PUE included" } else { "" }
            ),
            Preset::Grid { g_per_kwh } => format!("{} gCO₂e/kWh", g_per_kwh.normalize()),
            Preset::Pue { pue } => format!("PUE {}", pue.normalize()),
            Preset::CarbonPrice {
                price_per_tonne,
                currency,
            } => format!("{} {currency} per tonne", price_per_tonne.normalize()),
        }
    }

    /// The source to record in a design when the preset is applied.
    pub fn design_source(&self) -> Source {
        let what = if self.source.what.is_empty() {
            format!("{} (catalogue)", self.name)
        } else {
            format!("{}: {}", self.name, self.source.what)
        };
        Source {
            what,
            url: self.source.url.clone(),
            as_of: self.source.as_of,
        }
    }
}

/// Adds `source` to a list of sources, unless it is there already. The carbon section and a
/// design's region hold one grid, one PUE and one carbon price: a preset for one of them
/// replaces the source of the figure it overwrites, so the list never names two grids.
pub fn record_source(sources: &mut Vec<Source>, source: Source) {
    const ONE_EACH: [&str; 3] = ["Grid: ", "PUE: ", "Carbon price: "];
    if let Some(kind) = ONE_EACH.iter().find(|k| source.what.starts_with(*k)) {
        sources.retain(|s| !s.what.starts_with(kind));
    }
    if !sources.contains(&source) {
        sources.push(source);
    }
}

/// Whole months since `as_of` when that is more than [`STALE_AFTER_MONTHS`], else `None`.
pub fn stale_months(as_of: Date, today: Date) -> Option<i32> {
    let months = as_of.months_until(today);
    (months > STALE_AFTER_MONTHS).then_some(months)
}
