//! A cost model in binary floats: for plotting and for pruning searches, never for a result.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::CostModel;

/// A [`CostModel`] in `f64`: fast, accurate to about 1e-15 relative, used only where an exact
/// check follows or for pixels.
#[derive(Debug, Clone, Default)]
pub(crate) struct FloatModel {
    pub linear_per_request: f64,
    pub overhead_factor: f64,
    pub fixed_per_month: f64,
    /// Per stage: its load, capacity and costs.
    pub stages: Vec<FloatStage>,
}

/// A [`Stage`] in `f64`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FloatStage {
    /// Load per request, in capacity units.
    pub load: f64,
    /// Capacity numerator of one instance.
    pub capacity: f64,
    /// Instances that always run.
    pub min: f64,
    /// Cost of one on-demand instance-month.
    pub cost: f64,
    /// Reserved instances and the cost of one reserved instance-month (0, 0 without).
    pub reserved: (f64, f64),
}

impl FloatStage {
    /// The monthly cost of `instances` (fractional for the smooth bounds).
    pub fn cost_of(&self, instances: f64) -> f64 {
        let (k, reserved) = self.reserved;
        k * reserved + (instances - k).max(0.0) * self.cost
    }
}

impl FloatModel {
    pub(super) fn new(model: &CostModel) -> Self {
        let f = |d: Decimal| d.to_f64().unwrap_or(f64::NAN);
        FloatModel {
            linear_per_request: f(model.linear_per_request),
            overhead_factor: f(model.overhead_factor),
            fixed_per_month: f(model.fixed_per_month),
            stages: model
                .stages
                .iter()
                .map(|s| FloatStage {
                    load: f(s.load_per_request),
                    capacity: f(s.capacity_num),
                    min: s.min_instances as f64,
                    cost: f(s.cost_per_instance_month),
                    reserved: s.reserved.map_or((0.0, 0.0), |(k, c)| (k as f64, f(c))),
                })
                .collect(),
        }
    }

    /// The smooth cost bounds of [`CostModel::cost_bounds`], in floats.
    pub fn cost_bounds(&self, volume: f64) -> (f64, f64) {
        let mut low = self.linear_per_request * volume;
        let mut one_more = 0.0;
        for stage in &self.stages {
            low += stage.cost_of((stage.load * volume / stage.capacity).max(stage.min));
            one_more += stage.cost;
        }
        let low = low * self.overhead_factor + self.fixed_per_month;
        (low, low + one_more * self.overhead_factor)
    }
}
