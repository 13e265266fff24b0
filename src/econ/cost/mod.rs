//! The cost side of a design, compiled for repeated evaluation.
//!
//! A design's monthly cost is piecewise linear in the monthly volume V: hosted-API stages are
//! linear, and each self-hosted stage adds a step every time another instance is needed. A
//! [`CostModel`] flattens the (possibly nested) serving tree into one linear term plus a list of
//! stepped stages, and answers three questions exactly: the cost at V, the *segment* of volumes
//! around V on which the cost is one straight line, and two smooth bounds (no rounding up of
//! instances, and one extra instance per stage) that are monotone in ROI and let searches skip
//! whole ranges of volumes.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

mod arith;
mod float;
pub mod routed;
mod tier;

pub(crate) use arith::{Checked, ceil_div, floor_div};
pub use arith::{PER_MONTH, PER_REQUEST};
pub(crate) use float::FloatModel;
pub use tier::{BasePrices, BilledPrices, billed_prices};

use super::EconError;
use crate::model::{Design, Scenario, Serving, Throughput};

const SECONDS_PER_HOUR: Decimal = Decimal::from_parts(3600, 0, 0, false, 0);
const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
pub(crate) const HUNDRED: Decimal = Decimal::from_parts(100, 0, 0, false, 0);

/// One self-hosted stage: instances are added in steps as its share of the volume grows.
#[derive(Debug, Clone)]
pub struct Stage {
    /// Share of the design's requests that reach this stage (product of escalation rates).
    pub rate: Decimal,
    /// One instance serves `capacity_num / capacity_den` requests per month.
    pub capacity_num: Decimal,
    /// See `capacity_num` (the tokens per request, or 1).
    pub capacity_den: Decimal,
    /// Instances that always run.
    pub min_instances: u64,
    /// The most instances available.
    pub max_instances: Option<u64>,
    /// Cost of one on-demand instance for a month (price per hour × hours per month).
    pub cost_per_instance_month: Decimal,
    /// Reserved instances and the cost of one for a month, paid whether used or not.
    pub reserved: Option<(u64, Decimal)>,
    /// `rate × capacity_den`: request units per design request, in capacity units.
    load_per_request: Decimal,
}

impl Stage {
    /// Monthly cost of `instances` instances: the reserved ones at their price whether used or
    /// not, the rest on demand.
    pub fn cost_of(&self, instances: Decimal) -> Result<Decimal, EconError> {
        match self.reserved {
            None => instances.mul(self.cost_per_instance_month),
            Some((k, reserved)) => {
                let k = Decimal::from(k);
                let beyond = instances.sub(k)?.max(Decimal::ZERO);
                k.mul(reserved)?
                    .add(beyond.mul(self.cost_per_instance_month)?)
            }
        }
    }

    /// This stage inside a routed design: it serves `load / total` of the routed design's
    /// volume (kept exact by scaling the load by `load` and the capacity by `total`), and each
    /// instance costs `factor` times as much (the overheads).
    pub(crate) fn scaled(
        stage: &Stage,
        load: Decimal,
        total: Decimal,
        factor: Decimal,
    ) -> Result<Stage, EconError> {
        Ok(Stage {
            rate: stage.rate.mul(load)?.div(total)?,
            capacity_num: stage.capacity_num.mul(total)?,
            capacity_den: stage.capacity_den.mul(total)?,
            min_instances: stage.min_instances,
            max_instances: stage.max_instances,
            cost_per_instance_month: stage.cost_per_instance_month.mul(factor)?,
            reserved: stage
                .reserved
                .map(|(k, cost)| cost.mul(factor).map(|c| (k, c)))
                .transpose()?,
            load_per_request: stage.load_per_request.mul(load)?,
        })
    }

    /// Instances this stage runs at design volume `volume`.
    pub fn instances(&self, volume: u64) -> Result<u64, EconError> {
        if self.load_per_request.is_zero() || volume == 0 {
            return Ok(self.min_instances);
        }
        let load = self.load_per_request.mul(Decimal::from(volume))?;
        Ok(ceil_div(load, self.capacity_num)?.max(self.min_instances))
    }

    /// The largest design volume at which this stage needs at most `count` instances.
    fn last_volume_with(&self, count: u64) -> Result<u64, EconError> {
        if self.load_per_request.is_zero() {
            return Ok(u64::MAX);
        }
        let Some(served) = Decimal::from(count).checked_mul(self.capacity_num) else {
            return Ok(u64::MAX);
        };
        floor_div(served, self.load_per_request)
    }

    /// The volumes `[lo, hi]` around `volume` with the same instance count.
    fn segment(&self, volume: u64) -> Result<(u64, u64, u64), EconError> {
        let count = self.instances(volume)?;
        if count == self.min_instances {
            return Ok((1, self.last_volume_with(count)?, count));
        }
        let lo = self.last_volume_with(count - 1)?.saturating_add(1);
        Ok((lo, self.last_volume_with(count)?, count))
    }

    /// The volumes after which this stage's part of the smooth bounds changes formula: below
    /// its minimum instances the part is constant, and with reserved instances it is constant
    /// again up to the reserved count, then rises with every on-demand instance. Between two
    /// consecutive breaks (of all stages) each bound is one straight line in V.
    fn bound_breaks(&self) -> Result<Vec<u64>, EconError> {
        let mut counts = vec![self.min_instances];
        if let Some((reserved, _)) = self.reserved {
            counts.push(reserved);
        }
        let mut breaks = Vec::new();
        for count in counts {
            let last = self.last_volume_with(count)?;
            if count > 0 && last < u64::MAX {
                breaks.push(last);
            }
        }
        Ok(breaks)
    }

    /// The largest design volume this stage can serve without exceeding `max_instances`.
    fn capacity_limit(&self) -> Result<Option<u64>, EconError> {
        match self.max_instances {
            Some(max) if max < self.min_instances => Ok(Some(0)),
            Some(max) => Ok(Some(self.last_volume_with(max)?)),
            None => Ok(None),
        }
    }
}

/// A design's cost, flattened for fast exact evaluation.
#[derive(Debug, Clone)]
pub struct CostModel {
    /// Serving cost per request of the hosted-API stages (before overhead).
    pub(crate) linear_per_request: Decimal,
    /// The self-hosted stages, primary first.
    pub(crate) stages: Vec<Stage>,
    /// `1 + overhead_pct / 100`.
    pub(crate) overhead_factor: Decimal,
    /// Fixed monthly cost plus the amortised one-time cost.
    pub(crate) fixed_per_month: Decimal,
    /// Tokens per request across all stages, when every stage states its tokens.
    pub(crate) tokens_per_request: Option<Decimal>,
    /// Index into `stages` of the primary stage, when the primary (after following cascades'
    /// primaries) is self-hosted.
    pub(crate) primary_stage: Option<usize>,
    /// The largest volume served without exceeding any stage's `max_instances`.
    pub(crate) capacity_limit: Option<u64>,
    /// The same model in binary floats, for plotting and for pruning searches (never for a result).
    pub(crate) float: FloatModel,
    /// The volumes that cut the range into pieces on each of which the ROI the smooth bounds
    /// of [`CostModel::cost_bounds`] imply moves one way only, ascending. Empty when it moves one
    /// way over the whole range: each stage's bound is a line through the origin or above it,
    /// so bound ÷ V only falls. Only reserved instances cheaper than on-demand ones bend it back
    /// (their bound's line crosses below the origin); then every change of formula of every
    /// stage is a break, and between two breaks both bounds are straight lines
    /// (see [`Stage::bound_breaks`]).
    pub(crate) bound_breaks: Vec<u64>,
    /// For a routed design, the designs it uses (empty otherwise).
    pub(crate) parts: Vec<routed::Part>,
}

/// A range of volumes on which monthly cost is the straight line `alpha × V + beta`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segment {
    pub lo: u64,
    pub hi: u64,
    pub alpha: Decimal,
    pub beta: Decimal,
}

impl CostModel {
    /// Compiles a design of a scenario.
    pub fn new(scenario: &Scenario, design: &Design) -> Result<Self, EconError> {
        if design.serving.routes().is_some() {
            return routed::compile(scenario, design);
        }
        let mut model = CostModel {
            linear_per_request: Decimal::ZERO,
            stages: Vec::new(),
            overhead_factor: Decimal::ONE.add(design.overhead_pct.div(HUNDRED)?)?,
            fixed_per_month: Decimal::ZERO,
            tokens_per_request: None,
            primary_stage: None,
            capacity_limit: None,
            float: FloatModel::default(),
            bound_breaks: Vec::new(),
            parts: Vec::new(),
        };
        let months = Decimal::from(design.one_time.months.max(1));
        model.fixed_per_month = design
            .fixed_monthly
            .add(design.one_time.amount.div(months)?)?;
        let mut primary_walk = Some(&design.serving);
        while let Some(serving) = primary_walk {
            primary_walk = match serving {
                Serving::Cascade { primary, .. } => Some(primary),
                Serving::SelfHosted { .. } => {
                    model.primary_stage = Some(0);
                    None
                }
                Serving::HostedApi { .. } | Serving::Routed { .. } => None,
            };
        }
        model.tokens_per_request = model.add_serving(
            &design.serving,
            Decimal::ONE,
            scenario.hours_per_month,
            scenario.volume.peak_to_average,
        )?;
        model.finish()?;
        Ok(model)
    }

    /// Takes a design's overhead, fixed monthly and one-time costs afresh (the serving is
    /// unchanged): what a sample that draws only those needs, without compiling the model again.
    /// Not for a routed design, whose parts carry its costs.
    pub(crate) fn set_design_costs(&mut self, design: &Design) -> Result<(), EconError> {
        let months = Decimal::from(design.one_time.months.max(1));
        self.overhead_factor = Decimal::ONE.add(design.overhead_pct.div(HUNDRED)?)?;
        self.fixed_per_month = design
            .fixed_monthly
            .add(design.one_time.amount.div(months)?)?;
        let f = |d: Decimal| d.to_f64().unwrap_or(f64::NAN);
        self.float.overhead_factor = f(self.overhead_factor);
        self.float.fixed_per_month = f(self.fixed_per_month);
        Ok(())
    }

    /// Derives the capacity limit and the float model once the stages are in.
    pub(crate) fn finish(&mut self) -> Result<(), EconError> {
        self.capacity_limit = None;
        self.bound_breaks.clear();
        for stage in &self.stages {
            if let Some(limit) = stage.capacity_limit()? {
                self.capacity_limit = Some(self.capacity_limit.map_or(limit, |l| l.min(limit)));
            }
        }
        let bends = |s: &Stage| {
            s.reserved
                .is_some_and(|(count, cost)| count > 0 && cost < s.cost_per_instance_month)
        };
        if self.stages.iter().any(bends) {
            for stage in &self.stages {
                self.bound_breaks.extend(stage.bound_breaks()?);
            }
        }
        self.bound_breaks.sort_unstable();
        self.bound_breaks.dedup();
        self.float = FloatModel::new(self);
        Ok(())
    }

    /// The designs a routed design uses (empty for every other design).
    pub fn parts(&self) -> &[routed::Part] {
        &self.parts
    }

    /// One part of a routed design: its monthly cost at the routed design's `volume`, its
    /// overheads, fixed and one-time costs included.
    pub(crate) fn part_cost(&self, part: &routed::Part, volume: u64) -> Result<Decimal, EconError> {
        let mut cost = part
            .linear_per_request
            .mul(Decimal::from(volume))?
            .add(part.fixed_per_month)?;
        for stage in &self.stages[part.stages.clone()] {
            let instances = Decimal::from(stage.instances(volume)?);
            cost = cost.add(stage.cost_of(instances)?)?;
        }
        Ok(cost)
    }

    /// Adds a serving stage reached by `rate` of the requests; returns its tokens per request.
    fn add_serving(
        &mut self,
        serving: &Serving,
        rate: Decimal,
        hours_per_month: Decimal,
        peak: Decimal,
    ) -> Result<Option<Decimal>, EconError> {
        match serving {
            Serving::HostedApi {
                input_tokens,
                output_tokens,
                ..
            } => {
                let per_request = hosted_per_request(serving)?;
                self.linear_per_request =
                    self.linear_per_request.add(rate.mul_held(per_request)?)?;
                let tokens = input_tokens.add(*output_tokens)?;
                Ok((!tokens.is_zero()).then_some(rate.mul(tokens)?))
            }
            Serving::SelfHosted {
                price_per_hour,
                throughput,
                tokens_per_request,
                target_utilization,
                min_instances,
                max_instances,
                reserved,
                ..
            } => {
                let (per_second, capacity_den) = match throughput {
                    Throughput::RequestsPerSecond(rps) => (*rps, Decimal::ONE),
                    Throughput::TokensPerSecond(tps) => (*tps, *tokens_per_request),
                };
                let capacity_num = per_second
                    .mul(SECONDS_PER_HOUR)?
                    .mul(*target_utilization)?
                    .mul(hours_per_month)?;
                if capacity_num <= Decimal::ZERO || capacity_den <= Decimal::ZERO {
                    return Err(EconError::NoCapacity);
                }
                self.stages.push(Stage {
                    rate,
                    capacity_num,
                    capacity_den,
                    min_instances: u64::from(*min_instances),
                    max_instances: max_instances.map(u64::from),
                    cost_per_instance_month: price_per_hour.mul(hours_per_month)?,
                    reserved: reserved
                        .map(|r| {
                            r.price_per_hour
                                .mul(hours_per_month)
                                .map(|c| (u64::from(r.instances), c))
                        })
                        .transpose()?,
                    // Sized for the peak hour: V × peak-to-average.
                    load_per_request: rate.mul(capacity_den)?.mul(peak)?,
                });
                Ok((!tokens_per_request.is_zero()).then_some(rate.mul(*tokens_per_request)?))
            }
            Serving::Cascade {
                primary,
                fallback,
                escalation_rate,
            } => {
                let primary_tokens = self.add_serving(primary, rate, hours_per_month, peak)?;
                let fallback_tokens =
                    self.add_serving(fallback, rate.mul(*escalation_rate)?, hours_per_month, peak)?;
                Ok(match (primary_tokens, fallback_tokens) {
                    (Some(p), Some(f)) => Some(p.add(f)?),
                    // An escalation rate of 0 sends no tokens to the fallback.
                    (Some(p), None) if escalation_rate.is_zero() => Some(p),
                    _ => None,
                })
            }
            Serving::Routed { .. } => Err(EconError::Routing(
                "a cascade stage is routed; only a design's top level may be".to_owned(),
            )),
        }
    }

    /// Instances of every self-hosted stage at `volume`, primary first.
    pub fn stage_instances(&self, volume: u64) -> Result<Vec<u64>, EconError> {
        self.stages.iter().map(|s| s.instances(volume)).collect()
    }

    /// The last volume before each step (another instance) in `[min, max]`, for drawing the
    /// saw-tooth where it is; empty when there are more than `limit` steps (the log-spaced
    /// points then show the trend).
    pub fn step_edges(&self, min: u64, max: u64, limit: usize) -> Vec<u64> {
        let mut edges = Vec::new();
        for stage in &self.stages {
            let (Ok(first), Ok(last)) = (stage.instances(min), stage.instances(max)) else {
                continue;
            };
            if last.saturating_sub(first) > limit as u64 {
                return Vec::new();
            }
            for count in first.max(stage.min_instances)..last {
                if let Ok(edge) = stage.last_volume_with(count)
                    && (min..max).contains(&edge)
                {
                    edges.push(edge);
                }
            }
            if edges.len() > limit {
                return Vec::new();
            }
        }
        edges
    }

    /// Monthly cost at `volume` in `f64`: the one float cost formula, used by the curves and
    /// the simulation. Each stage's instances are the float ceiling, except where the quotient
    /// lies within rounding distance of a whole number: there the exact engine decides, so an
    /// instance count never comes out one off and every figure agrees with the exact engine to
    /// far better than 1e-9 relative.
    pub(crate) fn monthly_cost_f64(&self, volume: u64) -> Result<f64, EconError> {
        let float = &self.float;
        Ok(self.serving_cost_f64(volume)? * float.overhead_factor + float.fixed_per_month)
    }

    /// Monthly serving cost (before overhead) at `volume` in `f64`, as
    /// [`CostModel::monthly_cost_f64`] counts instances.
    pub(crate) fn serving_cost_f64(&self, volume: u64) -> Result<f64, EconError> {
        let float = &self.float;
        #[allow(clippy::cast_precision_loss)]
        let v = volume as f64;
        let mut serving = float.linear_per_request * v;
        for (stage, fs) in self.stages.iter().zip(&float.stages) {
            let quotient = fs.load * v / fs.capacity;
            let nearest = quotient.round();
            #[allow(clippy::cast_precision_loss)]
            let instances = if (quotient - nearest).abs() <= 1e-7 * nearest.max(1.0) {
                stage.instances(volume)? as f64
            } else {
                quotient.ceil().max(fs.min)
            };
            serving += fs.cost_of(instances);
        }
        Ok(serving)
    }

    /// True when some stage needs more than its `max_instances` at `volume`.
    pub fn over_capacity(&self, volume: u64) -> bool {
        self.capacity_limit.is_some_and(|limit| volume > limit)
    }

    /// Monthly serving cost (before overhead) at `volume`.
    pub fn serving_cost(&self, volume: u64) -> Result<Decimal, EconError> {
        let mut cost = self.linear_per_request.mul(Decimal::from(volume))?;
        for stage in &self.stages {
            let instances = Decimal::from(stage.instances(volume)?);
            cost = cost.add(stage.cost_of(instances)?)?;
        }
        Ok(cost)
    }

    /// Monthly cost at `volume`: serving × (1 + overhead) + fixed + amortised one-time.
    pub fn monthly_cost(&self, volume: u64) -> Result<Decimal, EconError> {
        self.serving_cost(volume)?
            .mul(self.overhead_factor)?
            .add(self.fixed_per_month)
    }

    /// The segment of volumes around `volume` on which the cost is one straight line.
    pub(crate) fn segment(&self, volume: u64) -> Result<Segment, EconError> {
        let (mut lo, mut hi) = (1, u64::MAX);
        let mut stepped = Decimal::ZERO;
        for stage in &self.stages {
            let (s_lo, s_hi, count) = stage.segment(volume)?;
            lo = lo.max(s_lo);
            hi = hi.min(s_hi);
            stepped = stepped.add(stage.cost_of(Decimal::from(count))?)?;
        }
        Ok(Segment {
            lo,
            hi,
            alpha: self.linear_per_request.mul(self.overhead_factor)?,
            beta: stepped
                .mul(self.overhead_factor)?
                .add(self.fixed_per_month)?,
        })
    }

    /// A lower bound of the monthly cost at `volume` that never rounds instances up, and an
    /// upper bound with one more instance per stage. Between two of [`CostModel::bound_breaks`]
    /// the ROI each implies moves one way only (up, or down where reserved instances cost less
    /// than on-demand ones): searches use them to skip ranges piece by piece.
    pub(crate) fn cost_bounds(&self, volume: u64) -> Result<(Decimal, Decimal), EconError> {
        let v = Decimal::from(volume);
        let mut low = self.linear_per_request.mul(v)?;
        let mut one_more = Decimal::ZERO;
        for stage in &self.stages {
            let fractional = stage.load_per_request.mul(v)?.div(stage.capacity_num)?;
            let instances = fractional.max(Decimal::from(stage.min_instances));
            low = low.add(stage.cost_of(instances)?)?;
            one_more = one_more.add(stage.cost_per_instance_month)?;
        }
        let low = low.mul(self.overhead_factor)?.add(self.fixed_per_month)?;
        let high = low.add(one_more.mul(self.overhead_factor)?)?;
        // The smooth bound is rounded in its last digit: widen it by a hair to stay a bound.
        let hair = low.abs().mul(Decimal::new(1, 20))?;
        Ok((low.sub(hair)?.max(Decimal::ZERO), high.add(hair)?))
    }
}

/// The load-weighted size Σ share × size of the scenario's use cases.
pub fn total_load(scenario: &Scenario) -> Result<Decimal, EconError> {
    scenario
        .use_cases
        .iter()
        .try_fold(Decimal::ZERO, |sum, case| {
            sum.add(case.share.mul(case.size)?)
        })
}

/// A hosted API's input price per 1M tokens with its cached share charged at the cached price
/// and its cache-write share at the cache-write price (`docs/method.md#pricing-as-bills-charge-it`):
/// (1 − cached share − write share) × input price + cached share × cached price + write share ×
/// cache-write price, a price not given being the input price. Each part is `(share, price)`.
/// Without cache writes (share 0) the sum is exactly the one without the term. The engine's
/// cost and the editor's "effective input price" both come from here.
pub fn effective_input_price_per_mtok(
    input_price: Decimal,
    (cached_share, cached_price): (Decimal, Option<Decimal>),
    (write_share, write_price): (Decimal, Option<Decimal>),
) -> Result<Decimal, EconError> {
    let cached_price = cached_price.unwrap_or(input_price);
    let read = Decimal::ONE.sub(cached_share)?;
    if write_share.is_zero() {
        return read
            .mul_held(input_price)?
            .add(cached_share.mul_held(cached_price)?);
    }
    let write_price = write_price.unwrap_or(input_price);
    read.sub(write_share)?
        .mul_held(input_price)?
        .add(cached_share.mul_held(cached_price)?)?
        .add(write_share.mul_held(write_price)?)
}

/// A hosted API's cost of one request (`docs/method.md#pricing-as-bills-charge-it`): the whole
/// request at the long-context tier's prices when its input tokens exceed the threshold, cached
/// input and cache writes at their prices, the batch share at the batch discount, a negotiated
/// discount on all tokens, plus the per-request fee. With the defaults (no tier, no cache, no
/// batch, no discount) every factor is exactly 1 and every term 0. 0 for any other serving.
fn hosted_per_request(serving: &Serving) -> Result<Decimal, EconError> {
    let Serving::HostedApi {
        input_price_per_mtok,
        output_price_per_mtok,
        price_per_request,
        input_tokens,
        output_tokens,
        cached_input_share,
        cached_input_price_per_mtok,
        cache_write_share,
        cache_write_price_per_mtok,
        batch_share,
        batch_discount_pct,
        discount_pct,
        long_context,
        ..
    } = serving
    else {
        return Ok(Decimal::ZERO);
    };
    let base = BasePrices {
        input: *input_price_per_mtok,
        output: *output_price_per_mtok,
        cached_input: *cached_input_price_per_mtok,
        cache_write: *cache_write_price_per_mtok,
    };
    let prices = billed_prices(base, *input_tokens, long_context.as_ref())?;
    let input_price = effective_input_price_per_mtok(
        prices.input,
        (*cached_input_share, prices.cached_input),
        (*cache_write_share, prices.cache_write),
    )?;
    let batch = Decimal::ONE.sub(batch_share.mul(*batch_discount_pct)?.div(HUNDRED)?)?;
    let negotiated = Decimal::ONE.sub(discount_pct.div(HUNDRED)?)?;
    input_tokens
        .mul_held(input_price)?
        .add(output_tokens.mul_held(prices.output)?)?
        .div_held(MILLION)?
        .mul_held(batch)?
        .mul_held(negotiated)?
        .add(*price_per_request)
}
