//! A design's energy compiled once: per request of the design's volume, the hosted stages' Wh
//! (linear in the volume) and each self-hosted fleet's sizing and power. Evaluated exactly at
//! one volume (the table and the reports) and in `f64` at many (the chart's curves), from the
//! same compiled figures, with instance counts exact in both.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::site;
use crate::econ::EconError;
use crate::econ::cost::total_load;
use crate::econ::cost::{Checked, ceil_div};
use crate::model::{Design, Route, Scenario, Serving, Throughput};

const THOUSAND: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);
const SECONDS_PER_HOUR: Decimal = Decimal::from_parts(3600, 0, 0, false, 0);

/// Where a stage runs: its PUE and grid intensity.
#[derive(Debug, Clone, Copy)]
struct Site {
    pue: Decimal,
    grid: Option<Decimal>,
}

/// Hosted stages: Wh per request of the design's volume, PUE included, and their grid.
#[derive(Debug, Clone)]
struct Linear {
    wh_per_request: Decimal,
    grid: Option<Decimal>,
    wh_f64: f64,
    grid_f64: Option<f64>,
}

/// One self-hosted fleet with its power. At design volume V it runs
/// `max(min_instances, ceil(V × load / capacity))` instances (the cost engine's count) at
/// utilisation `min(1, V × used / (instances × full))`.
#[derive(Debug, Clone)]
struct Fleet {
    /// Capacity units per design request, peak hour included.
    load: Decimal,
    /// Capacity units one instance plans for in a month (target utilisation applied).
    capacity: Decimal,
    min_instances: u64,
    /// Capacity units per design request on average (no peak).
    used: Decimal,
    /// Capacity units one instance serves in a month at full throughput.
    full: Decimal,
    devices: Decimal,
    watts_idle: Decimal,
    watts_max: Decimal,
    host_watts: Decimal,
    /// Hours per month × PUE ÷ 1000: kWh per watt drawn all month.
    kwh_per_watt: Decimal,
    grid: Option<Decimal>,
    f: FleetF64,
}

/// The same fleet in `f64`, for curves.
#[derive(Debug, Clone, Copy)]
struct FleetF64 {
    load_over_capacity: f64,
    used_over_full: f64,
    devices: f64,
    watts_idle: f64,
    watts_span: f64,
    host_watts: f64,
    kwh_per_watt: f64,
    grid: Option<f64>,
}

/// A design's energy as a function of its volume; `None` from [`EnergyModel::new`] when a
/// stage has no energy data.
#[derive(Debug, Clone)]
pub struct EnergyModel {
    linear: Vec<Linear>,
    fleets: Vec<Fleet>,
}

fn f(x: Decimal) -> f64 {
    x.to_f64().unwrap_or(f64::NAN)
}

impl EnergyModel {
    /// Compiles a design's energy; `Ok(None)` when a stage lacks energy data.
    pub fn new(scenario: &Scenario, design: &Design) -> Result<Option<Self>, EconError> {
        let mut model = EnergyModel {
            linear: Vec::new(),
            fleets: Vec::new(),
        };
        let Some(routes) = design.serving.routes() else {
            let site = site_of(scenario, design);
            let added = model.add(
                scenario,
                &design.serving,
                (Decimal::ONE, Decimal::ONE),
                site,
            )?;
            return Ok(added.then_some(model));
        };
        // A routed design: each design it uses serves its use cases' share of the load, on
        // its own site (`docs/method.md#routed-designs`: its designs' energies add). The share is kept
        // as a fraction (load ÷ total) so instance counts stay exact.
        let total = total_load(scenario)?;
        for other in &scenario.designs {
            let load = scenario
                .use_cases
                .iter()
                .filter(|c| {
                    routes
                        .get(&c.name)
                        .and_then(Route::design)
                        .is_some_and(|n| n == other.name)
                })
                .try_fold(None, |sum: Option<Decimal>, c| {
                    Ok::<_, EconError>(Some(sum.unwrap_or_default().add(c.share.mul(c.size)?)?))
                })?;
            let Some(load) = load else { continue };
            if total.is_zero() {
                continue;
            }
            let site = site_of(scenario, other);
            if !model.add(scenario, &other.serving, (load, total), site)? {
                return Ok(None);
            }
        }
        Ok(Some(model))
    }

    /// Adds a serving stage reached by `rate.0 ÷ rate.1` of the design's requests; false when
    /// it (or one of its stages) has no energy data.
    fn add(
        &mut self,
        scenario: &Scenario,
        serving: &Serving,
        rate: (Decimal, Decimal),
        site: Site,
    ) -> Result<bool, EconError> {
        match serving {
            Serving::HostedApi {
                input_tokens,
                output_tokens,
                energy,
                ..
            } => {
                let Some(e) = energy else { return Ok(false) };
                let token_wh = input_tokens
                    .mul(e.wh_per_1k_input_tokens)?
                    .add(output_tokens.mul(e.wh_per_1k_output_tokens)?)?
                    .div(THOUSAND)?
                    .add(e.wh_per_request)?;
                let wh = if e.includes_pue {
                    token_wh
                } else {
                    token_wh.mul(site.pue)?
                };
                let wh_per_request = rate.0.mul(wh)?.div(rate.1)?;
                self.linear.push(Linear {
                    wh_per_request,
                    grid: site.grid,
                    wh_f64: f(wh_per_request),
                    grid_f64: site.grid.map(f),
                });
                Ok(true)
            }
            Serving::SelfHosted {
                throughput,
                tokens_per_request,
                target_utilization,
                min_instances,
                power,
                ..
            } => {
                let Some(p) = power else { return Ok(false) };
                // The same instance count as the cost engine: sized for the peak hour.
                let (per_second, den) = match throughput {
                    Throughput::RequestsPerSecond(rps) => (*rps, Decimal::ONE),
                    Throughput::TokensPerSecond(tps) => (*tps, *tokens_per_request),
                };
                let hours = scenario.hours_per_month;
                let full = per_second.mul(SECONDS_PER_HOUR)?.mul(hours)?.mul(rate.1)?;
                let capacity = full.mul(*target_utilization)?;
                if capacity <= Decimal::ZERO || den <= Decimal::ZERO {
                    return Err(EconError::NoCapacity);
                }
                let used = rate.0.mul(den)?;
                let load = used.mul(scenario.volume.peak_to_average)?;
                let devices = Decimal::from(p.devices);
                // Validation holds idle at or below full load; a simulated draw of either may
                // cross them, and a device never idles above its full draw.
                let idle = p.watts_idle.min(p.watts_max);
                let kwh_per_watt = hours.mul(site.pue)?.div(THOUSAND)?;
                self.fleets.push(Fleet {
                    load,
                    capacity,
                    min_instances: u64::from(*min_instances),
                    used,
                    full,
                    devices,
                    watts_idle: idle,
                    watts_max: p.watts_max,
                    host_watts: p.host_watts,
                    kwh_per_watt,
                    grid: site.grid,
                    f: FleetF64 {
                        load_over_capacity: f(load) / f(capacity),
                        used_over_full: f(used) / f(full),
                        devices: f(devices),
                        watts_idle: f(idle),
                        watts_span: f(p.watts_max) - f(idle),
                        host_watts: f(p.host_watts),
                        kwh_per_watt: f(kwh_per_watt),
                        grid: site.grid.map(f),
                    },
                });
                Ok(true)
            }
            Serving::Cascade {
                primary,
                fallback,
                escalation_rate,
            } => {
                let escalated = (rate.0.mul(*escalation_rate)?, rate.1);
                Ok(self.add(scenario, primary, rate, site)?
                    && self.add(scenario, fallback, escalated, site)?)
            }
            Serving::Routed { .. } => Ok(false),
        }
    }

    /// Exact kWh and `kgCO₂e` (`None` when a stage's site has no grid intensity) a month at
    /// `volume` design requests.
    pub fn at(&self, volume: u64) -> Result<(Decimal, Option<Decimal>), EconError> {
        let v = Decimal::from(volume);
        let mut kwh = Decimal::ZERO;
        let mut kg = Some(Decimal::ZERO);
        let mut add = |part: Decimal, grid: Option<Decimal>| -> Result<(), EconError> {
            kwh = kwh.add(part)?;
            kg = match (kg, grid) {
                (Some(sum), Some(g)) => Some(sum.add(part.mul(g)?.div(THOUSAND)?)?),
                _ => None,
            };
            Ok(())
        };
        for l in &self.linear {
            add(v.mul(l.wh_per_request)?.div(THOUSAND)?, l.grid)?;
        }
        for fleet in &self.fleets {
            let instances = fleet.instances(volume)?;
            let part = if instances == 0 {
                Decimal::ZERO
            } else {
                let n = Decimal::from(instances);
                // The share of full throughput used on average (at most 1).
                let used = v
                    .mul(fleet.used)?
                    .div(n.mul(fleet.full)?)?
                    .min(Decimal::ONE);
                let device = fleet
                    .watts_idle
                    .add(fleet.watts_max.sub(fleet.watts_idle)?.mul(used)?)?;
                let watts = fleet.devices.mul(device)?.add(fleet.host_watts)?;
                n.mul(watts)?.mul(fleet.kwh_per_watt)?
            };
            add(part, fleet.grid)?;
        }
        Ok((kwh, kg))
    }

    /// kWh and `kgCO₂e` (`NaN` without a grid intensity) a month at `volume`, in `f64`, with
    /// the exact instance counts.
    pub fn at_f64(&self, volume: u64) -> (f64, f64) {
        #[allow(clippy::cast_precision_loss)]
        let v = volume as f64;
        let (mut kwh, mut kg) = (0.0, 0.0);
        for l in &self.linear {
            let part = v * l.wh_f64 / 1000.0;
            kwh += part;
            kg += l.grid_f64.map_or(f64::NAN, |g| part * g / 1000.0);
        }
        for fleet in &self.fleets {
            let Ok(instances) = fleet.instances_fast(volume) else {
                return (f64::NAN, f64::NAN);
            };
            let part = if instances == 0 {
                0.0
            } else {
                #[allow(clippy::cast_precision_loss)]
                let n = instances as f64;
                let x = &fleet.f;
                let used = (v * x.used_over_full / n).min(1.0);
                let watts = x.devices * (x.watts_idle + x.watts_span * used) + x.host_watts;
                n * watts * x.kwh_per_watt
            };
            kwh += part;
            kg += fleet.f.grid.map_or(f64::NAN, |g| part * g / 1000.0);
        }
        (kwh, kg)
    }
}

impl Fleet {
    /// Instances at design volume `volume`, exactly.
    fn instances(&self, volume: u64) -> Result<u64, EconError> {
        let load = Decimal::from(volume).mul(self.load)?;
        Ok(ceil_div(load, self.capacity)?.max(self.min_instances))
    }

    /// The same count, from the float quotient where it is clearly between two whole numbers
    /// and from the exact one near a step.
    fn instances_fast(&self, volume: u64) -> Result<u64, EconError> {
        #[allow(clippy::cast_precision_loss)]
        let q = volume as f64 * self.f.load_over_capacity;
        let near = (q - q.round()).abs() <= 1e-6 * q.max(1.0);
        if near || !q.is_finite() || q > 1e15 {
            return self.instances(volume);
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let count = q.ceil() as u64;
        Ok(count.max(self.min_instances))
    }
}

/// The site a design runs on (see [`site`]).
fn site_of(scenario: &Scenario, design: &Design) -> Site {
    let (pue, grid) = site(scenario, design);
    Site { pue, grid }
}
