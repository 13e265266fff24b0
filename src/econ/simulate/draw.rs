//! The random side of the simulation: a seeded generator, the distribution each uncertain input
//! is drawn from (its `Range`), and writing a drawn value into a copy of the scenario.

use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

use super::Z95;
use crate::econ::whatif::{self, Input};
use crate::model::Scenario;
use crate::model::uncertain::{Range, Spread, spread_of};

/// `xoshiro256**` seeded through `SplitMix64`: small, fast and the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng([u64; 4]);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng([next(), next(), next(), next()])
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in (0, 1).
    pub fn uniform(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let u = ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
        u
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// Where a ranged input lives, resolved once before sampling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    HoursPerMonth,
    Volume,
    /// The timeline's compound growth per month (it moves only the timeline).
    Growth,
    /// An input of one design (`Some`) or of the use cases, shared by all designs (`None`).
    Input(Option<usize>, Input),
}

/// A ranged input ready to sample: where it goes and its distribution in log or logit space.
#[derive(Debug, Clone)]
pub(super) struct Draw {
    pub(super) target: Target,
    pub(super) spread: Spread,
    pub(super) mu: f64,
    pub(super) sigma: f64,
    /// The least and most the field may hold: a draw from the distribution's tails is kept
    /// within them (validation keeps the range itself inside), so no sample is a scenario the
    /// file would refuse — a PUE below 1, a price above its limit.
    pub(super) bounds: (f64, f64),
}

impl Draw {
    /// Whether this draw is a carbon price (the scenario's or a design's own).
    pub(super) fn moves_carbon_price(&self) -> bool {
        use crate::econ::whatif::CarbonField;
        matches!(
            self.target,
            Target::Input(
                _,
                Input::Carbon(CarbonField::Price) | Input::Site(CarbonField::Price)
            )
        )
    }

    /// Whether this input changes the cost model of design `d` (else only value or volume).
    pub(super) fn moves_cost_of(&self, d: usize) -> bool {
        match &self.target {
            // Hours and the peak size every self-hosted fleet.
            Target::HoursPerMonth | Target::Input(None, Input::PeakToAverage) => true,
            Target::Volume | Target::Growth => false,
            // Energy and carbon figures move ROI with carbon, never the cost model.
            Target::Input(_, Input::Serving(_, field)) if field.is_energy() => false,
            Target::Input(design, input) => {
                *design == Some(d)
                    && matches!(
                        input,
                        Input::Serving(..)
                            | Input::OverheadPct
                            | Input::FixedMonthly
                            | Input::OneTime
                    )
            }
        }
    }

    /// Whether this input is one of design `d`'s own overhead, fixed or one-time costs: its
    /// compiled cost model can take the drawn value without being compiled again.
    pub(super) fn moves_design_costs_of(&self, d: usize) -> bool {
        matches!(
            &self.target,
            Target::Input(Some(design), Input::OverheadPct | Input::FixedMonthly | Input::OneTime)
                if *design == d
        )
    }

    /// Does this draw change how the load splits between use cases (a share or a size)?
    pub(super) fn moves_load(&self) -> bool {
        matches!(
            self.target,
            Target::Input(None, Input::Share(_) | Input::Size(_))
        )
    }

    pub(super) fn sample(&self, rng: &mut Rng) -> f64 {
        let x = self.mu + self.sigma * rng.normal();
        let value = match self.spread {
            Spread::Lognormal => x.exp(),
            Spread::LogitNormal => 1.0 / (1.0 + (-x).exp()),
        };
        value.clamp(self.bounds.0, self.bounds.1)
    }
}

/// The input a ranged path names.
pub(super) fn resolve(scenario: &Scenario, path: &str) -> Option<Target> {
    match path {
        "hours_per_month" => return Some(Target::HoursPerMonth),
        "volume.current" => return Some(Target::Volume),
        "volume.peak_to_average" => return Some(Target::Input(None, Input::PeakToAverage)),
        "carbon.grid_g_per_kwh" | "carbon.pue" | "carbon.price_per_tonne" => {
            scenario.carbon.as_ref()?;
            let field = match path {
                "carbon.grid_g_per_kwh" => whatif::CarbonField::Grid,
                "carbon.pue" => whatif::CarbonField::Pue,
                _ => whatif::CarbonField::Price,
            };
            return Some(Target::Input(None, Input::Carbon(field)));
        }
        "timeline.growth.pct_per_month" => {
            return matches!(
                scenario.timeline.as_ref().map(|t| &t.growth),
                Some(crate::model::Growth::Compound { .. })
            )
            .then_some(Target::Growth);
        }
        _ => {}
    }
    if path.starts_with("use_cases[") {
        let index: usize = path
            .strip_prefix("use_cases[")?
            .split(']')
            .next()?
            .parse()
            .ok()?;
        return match path.rsplit('.').next()? {
            "share" => Some(Target::Input(None, Input::Share(index))),
            "value_per_success" => Some(Target::Input(None, Input::ValuePerSuccess(index))),
            "size" => Some(Target::Input(None, Input::Size(index))),
            _ => None,
        };
    }
    let design: usize = path
        .strip_prefix("designs[")?
        .split(']')
        .next()?
        .parse()
        .ok()?;
    whatif::inputs_for(scenario, design, whatif::Metric::RoiWithCarbon)
        .into_iter()
        .find(|input| input.path(design) == path)
        .map(|input| Target::Input(Some(design), input))
}

/// The value an input path holds now, if the path names one.
pub(super) fn value_at(scenario: &Scenario, path: &str) -> Option<Decimal> {
    match resolve(scenario, path)? {
        Target::HoursPerMonth => Some(scenario.hours_per_month),
        Target::Volume => Some(Decimal::from(scenario.volume.current)),
        Target::Growth => match scenario.timeline.as_ref().map(|t| &t.growth) {
            Some(crate::model::Growth::Compound { pct_per_month }) => Some(*pct_per_month),
            _ => None,
        },
        Target::Input(design, input) => whatif::value_of(scenario, design.unwrap_or(0), &input),
    }
}

/// Writes a sampled value into the working scenario.
pub(super) fn apply(work: &mut Scenario, target: &Target, value: f64) {
    if let Some(decimal) = to_decimal(value) {
        set(work, target, decimal);
    }
}

/// Writes `decimal` where `target` points in `work`.
pub(super) fn set(work: &mut Scenario, target: &Target, decimal: Decimal) {
    match target {
        Target::HoursPerMonth => work.hours_per_month = decimal,
        Target::Volume => {
            work.volume.current = decimal.round().to_u64().unwrap_or(1).max(1);
        }
        Target::Growth => {
            if let Some(t) = work.timeline.as_mut() {
                t.growth = crate::model::Growth::Compound {
                    pct_per_month: decimal,
                };
            }
        }
        Target::Input(design, input) => {
            if let Some(slot) = whatif::slot_mut(work, design.unwrap_or(0), input) {
                *slot = decimal;
            }
        }
    }
}

/// A sampled value as a decimal, to 15 significant digits (quick: an integer scaled, not the
/// exact binary expansion, which would be pointless precision for a random draw; and never
/// fewer digits for a small value, such as a price per token).
pub(super) fn to_decimal(value: f64) -> Option<Decimal> {
    if value == 0.0 {
        return Some(Decimal::ZERO);
    }
    if !value.is_finite() || value.abs() >= 1e15 {
        return Decimal::from_f64(value);
    }
    #[allow(clippy::cast_possible_truncation)]
    let magnitude = value.abs().log10().floor() as i32;
    let scale = (14 - magnitude).clamp(0, 28);
    #[allow(clippy::cast_possible_truncation)]
    let mantissa = (value * 10f64.powi(scale)).round() as i64;
    #[allow(clippy::cast_sign_loss)]
    Some(Decimal::new(mantissa, scale as u32).normalize())
}

/// The random stream of sample `index`: the seed and the index, mixed.
pub(super) fn sample_rng(seed: u64, index: usize) -> Rng {
    Rng::new(
        seed ^ (index as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29),
    )
}

/// The sampling distribution of a range in log (or logit) space.
pub(super) fn draw_for(path: &str, range: Range, target: Target) -> Draw {
    let spread = spread_of(path);
    let (low, high) = (
        range.low.to_f64().unwrap_or(0.0),
        range.high.to_f64().unwrap_or(0.0),
    );
    let transform = |x: f64| match spread {
        Spread::Lognormal => x.ln(),
        Spread::LogitNormal => (x / (1.0 - x)).ln(),
    };
    let (a, b) = (transform(low), transform(high));
    let bounds = match &target {
        Target::Input(_, input) => {
            let (least, most) = input.domain().bounds();
            (
                least.to_f64().unwrap_or(0.0),
                most.and_then(|m| m.to_f64()).unwrap_or(f64::INFINITY),
            )
        }
        _ => (0.0, f64::INFINITY),
    };
    Draw {
        target,
        spread,
        mu: f64::midpoint(a, b),
        sigma: ((b - a) / (2.0 * Z95)).max(0.0),
        bounds,
    }
}

#[cfg(test)]
mod tests {
    use super::{Rng, Target, draw_for};
    use crate::econ::whatif::{CarbonField, Input};
    use crate::model::uncertain::Range;
    use rust_decimal::Decimal;

    /// A PUE written as Range(1.02, 1.6) has a lognormal tail below 1; no draw goes there.
    #[test]
    fn draws_stay_within_what_the_field_may_hold() {
        let range = Range {
            low: Decimal::new(102, 2),
            high: Decimal::new(16, 1),
        };
        let draw = draw_for(
            "carbon.pue",
            range,
            Target::Input(None, Input::Carbon(CarbonField::Pue)),
        );
        let mut rng = Rng::new(1);
        let draws: Vec<f64> = (0..20_000).map(|_| draw.sample(&mut rng)).collect();
        assert!(draws.iter().all(|&x| (1.0..=5.0).contains(&x)));
        // The tail is there (about 3 % of draws would fall below 1), held at 1.
        let held = draws.iter().filter(|&&x| x <= 1.0).count();
        assert!(held > 100, "{held}");
    }
}
