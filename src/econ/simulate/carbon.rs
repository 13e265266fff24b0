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
    let price = work
        .carbon
        .as_ref()
        .map_or(0.0, |c| c.price_per_tonne.to_f64().unwrap_or(f64::NAN));
    #[allow(clippy::cast_precision_loss)]
    let v = volume as f64;
    let with_carbon = value * v / (monthly + kg * price / 1000.0);
    [with_carbon, kg * 1000.0 / (v * served)]
}
