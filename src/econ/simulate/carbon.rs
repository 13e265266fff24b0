//! The simulation's carbon side: per sample, a design's ROI with carbon and gCO₂e per
//! inference at the current volume, from its energy model and the sample's drawn figures.

use rust_decimal::prelude::ToPrimitive;

use crate::econ::cost::CostModel;
use crate::model::Scenario;

/// A design's simulated carbon figures at the current volume.
#[derive(Debug, Clone, PartialEq)]
pub struct CarbonOutlook {
    /// P10, P50 and P90 of ROI with carbon.
    pub roi_with_carbon: [f64; 3],
    /// P10, P50 and P90 of `gCO₂e` per inference.
    pub g_co2e_per_inference: [f64; 3],
}

/// A design's energy model and served share, compiled once when no draw can change them.
pub(super) type FixedEnergy = (crate::econ::energy::EnergyModel, f64);

/// Per design with carbon figures: its [`FixedEnergy`] when no draw can change a fleet's size or
/// draw, a request's tokens, or a grid or PUE — prices, discounts, values and success rates
/// leave energy as it is — and, for a routed design, no use-case share is drawn; else `None`,
/// and each sample compiles them.
pub(super) fn fixed_energy(
    scenario: &Scenario,
    draws: &[super::draw::Draw],
    carbon: &[bool],
) -> Vec<Option<FixedEnergy>> {
    use super::draw::Target;
    use crate::econ::whatif::{CarbonField, Input, ServingField};
    fn moves(input: &Input) -> bool {
        match input {
            Input::Of(_, inner) => moves(inner),
            Input::PeakToAverage | Input::Size(_) => true,
            Input::Serving(_, field) => !matches!(
                field,
                ServingField::InputPrice
                    | ServingField::OutputPrice
                    | ServingField::PricePerRequest
                    | ServingField::PricePerHour
                    | ServingField::CachedInputShare
                    | ServingField::CachedInputPrice
                    | ServingField::BatchShare
                    | ServingField::BatchDiscount
                    | ServingField::Discount
                    | ServingField::ReservedPrice
                    | ServingField::LongContextThreshold
                    | ServingField::LongContextInputPrice
                    | ServingField::LongContextOutputPrice
                    | ServingField::LongContextCachedInputPrice
                    | ServingField::CacheWriteShare
                    | ServingField::CacheWritePrice
                    | ServingField::LongContextCacheWritePrice
            ),
            Input::Carbon(f) | Input::Site(f) => *f != CarbonField::Price,
            _ => false,
        }
    }
    let energy_drawn = draws.iter().any(|d| match &d.target {
        Target::HoursPerMonth => true,
        Target::Input(_, input) => moves(input),
        Target::Volume | Target::Growth => false,
    });
    let shares_drawn = draws
        .iter()
        .any(|d| matches!(d.target, Target::Input(_, Input::Share(_))));
    scenario
        .designs
        .iter()
        .enumerate()
        .map(|(d, design)| {
            let routed = design.serving.routes().is_some();
            if !carbon[d] || energy_drawn || (routed && shares_drawn) {
                return None;
            }
            let model = crate::econ::energy::EnergyModel::new(scenario, design).ok()??;
            let served = if routed {
                crate::econ::routed::served_share(scenario, design)
                    .ok()?
                    .to_f64()?
            } else {
                1.0
            };
            Some((model, served))
        })
        .collect()
}

/// One sample's ROI with carbon and `gCO₂e` per inference from figures already at hand: value
/// per request, the monthly cost at `volume` (`NaN` over capacity), the energy model and served
/// share compiled once, and the carbon price.
pub(super) fn carbon_fixed(
    (model, served): &FixedEnergy,
    (value, cost): (f64, f64),
    volume: u64,
    price: f64,
) -> [f64; 2] {
    if cost.is_nan() || value.is_nan() {
        return [f64::NAN; 2];
    }
    let (_, kg) = model.at_f64(volume);
    #[allow(clippy::cast_precision_loss)]
    let v = volume as f64;
    [
        value * v / (cost + kg * price / 1000.0),
        kg * 1000.0 / (v * served),
    ]
}

/// The carbon price a sample uses, per tonne (`0` without a carbon section).
pub(super) fn price_f64(scenario: &Scenario) -> f64 {
    scenario
        .carbon
        .as_ref()
        .map_or(0.0, |c| c.price_per_tonne.to_f64().unwrap_or(f64::NAN))
}

/// One sample's ROI with carbon and `gCO₂e` per inference of a design at `volume` (`NaN` where
/// they do not compute: no grid, over capacity).
pub(super) fn carbon_f64(
    work: &Scenario,
    design: &crate::model::Design,
    (cost, value): (&CostModel, f64),
    volume: u64,
) -> [f64; 2] {
    let nan = [f64::NAN; 2];
    if cost.over_capacity(volume) {
        return nan;
    }
    let (Ok(Some(model)), Ok(monthly)) = (
        crate::econ::energy::EnergyModel::new(work, design),
        cost.monthly_cost_f64(volume),
    ) else {
        return nan;
    };
    let served = if design.serving.routes().is_some() {
        crate::econ::routed::served_share(work, design)
            .map_or(f64::NAN, |s| s.to_f64().unwrap_or(f64::NAN))
    } else {
        1.0
    };
    let (_, kg) = model.at_f64(volume);
    let price = price_f64(work);
    #[allow(clippy::cast_precision_loss)]
    let v = volume as f64;
    let with_carbon = value * v / (monthly + kg * price / 1000.0);
    [with_carbon, kg * 1000.0 / (v * served)]
}
