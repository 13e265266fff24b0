//! The unit-economics engine: pure functions from a [`Scenario`] to the numbers `docs/method.md` defines.
//!
//! Everything here is exact [`Decimal`] arithmetic with overflow checked (an overflow is an error
//! for that design, never a panic), except [`mod@sweep`], which gives `f64` curves for plotting that
//! agree with the exact figures to 1e-9 relative. No I/O and no GUI: the app, the command line and
//! the tests all call these same functions.

mod check;
pub mod choice;
pub mod cost;
pub mod diff;
pub mod energy;
pub mod precision;
pub mod search;
pub mod simulate;
pub mod suggest;
pub mod sweep;
pub mod timeline;
pub mod use_cases;
pub mod whatif;

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::validate::MAX_VOLUME;
use crate::model::{Design, Scenario};
pub use check::validate;
pub use cost::routed;
use cost::{Checked, CostModel};
pub use search::{LISTED_CROSSOVERS, Threshold};
pub use sweep::{Sweep, sweep};
pub use use_cases::UseCaseFigures;

/// Why a figure could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EconError {
    /// A figure exceeds what an exact decimal holds (about 7.9 × 10^28).
    #[error(
        "the figures overflow the exact decimal range (about 7.9e28): check for absurd prices, volumes or token counts"
    )]
    Overflow,
    /// A self-hosted stage has no capacity (throughput, utilisation or hours of 0).
    #[error(
        "a self-hosted stage has no capacity: throughput, target utilisation, hours per month and tokens per request \
            must be above 0"
    )]
    NoCapacity,
    /// A point metric was asked for at volume 0.
    #[error("volume must be at least 1 request per month, got 0")]
    ZeroVolume,
    /// A volume beyond the engine's range was asked for.
    #[error("volume must be at most 1,000,000,000,000 requests per month, got {0}")]
    VolumeTooLarge(u64),
    /// Instances so small that an exact search would visit too many steps.
    #[error(
        "an instance serves so few requests that the exact search over its steps was stopped; check throughput and \
            utilisation"
    )]
    SearchLimit,
    /// A routed design whose routes cannot be followed.
    #[error("the routes cannot be followed: {0}")]
    Routing(String),
    /// A figure so small that 28 decimal places keep too few of its digits.
    #[error(
        "a figure falls below 1e-16, where the engine's 28 decimal places keep fewer than 11 significant digits: \
            check for tiny prices, token counts, values or rates (write 0 for free)"
    )]
    Precision,
    /// ROI with carbon cannot be computed.
    #[error("no ROI with carbon: {0}")]
    Energy(&'static str),
}

/// How healthy a design's economics are, from its ROI multiple.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Band {
    /// ROI < 1×: costs exceed value; redesign or decommission.
    Unsustainable,
    /// 1× ≤ ROI < 3×: costs approach value; optimise the serving infrastructure.
    Marginal,
    /// 3× ≤ ROI < 10×: healthy economics; keep optimising.
    Good,
    /// ROI ≥ 10× (or cost 0): strong return; invest in scaling.
    Excellent,
}

impl Band {
    /// All bands, worst first.
    pub const ALL: [Band; 4] = [
        Band::Unsustainable,
        Band::Marginal,
        Band::Good,
        Band::Excellent,
    ];

    /// The ROI multiple at which the band starts (`None` for Unsustainable).
    pub fn threshold(self) -> Option<Decimal> {
        match self {
            Band::Unsustainable => None,
            Band::Marginal => Some(Decimal::ONE),
            Band::Good => Some(Decimal::from(3)),
            Band::Excellent => Some(Decimal::TEN),
        }
    }

    /// [`Self::threshold`] as `f64`, for what is drawn (chart lines and shading) and for
    /// simulated figures; the exact engine compares decimals.
    pub fn threshold_f64(self) -> Option<f64> {
        match self {
            Band::Unsustainable => None,
            Band::Marginal => Some(1.0),
            Band::Good => Some(3.0),
            Band::Excellent => Some(10.0),
        }
    }

    /// The band of a simulated (`f64`) ROI multiple, with the same inclusive thresholds as the
    /// exact engine. `+∞` (cost 0) is Excellent; NaN is Unsustainable, so callers skip it.
    pub fn of_f64(roi: f64) -> Band {
        [Band::Excellent, Band::Good, Band::Marginal]
            .into_iter()
            .find(|band| band.threshold_f64().is_some_and(|k| roi >= k))
            .unwrap_or(Band::Unsustainable)
    }

    /// The band's name as shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Band::Unsustainable => "Unsustainable",
            Band::Marginal => "Marginal",
            Band::Good => "Good",
            Band::Excellent => "Excellent",
        }
    }

    /// The band's ROI range, short: `"≥ 10×"`, `"3–10×"`, `"1–3×"`, `"< 1×"`.
    pub fn range(self) -> &'static str {
        match self {
            Band::Unsustainable => "< 1×",
            Band::Marginal => "1–3×",
            Band::Good => "3–10×",
            Band::Excellent => "≥ 10×",
        }
    }

    /// The band's ROI range with its boundaries spelt out: `"3× to < 10×"`.
    pub fn range_spelt_out(self) -> &'static str {
        match self {
            Band::Unsustainable => "< 1×",
            Band::Marginal => "1× to < 3×",
            Band::Good => "3× to < 10×",
            Band::Excellent => "≥ 10×",
        }
    }

    /// The same range read as cost-to-value (cost ÷ value): `"≤ 0.10"` for Excellent.
    pub fn cost_to_value_range(self) -> &'static str {
        match self {
            Band::Unsustainable => "> 1.0",
            Band::Marginal => "0.33 – 1.0",
            Band::Good => "0.10 – 0.33",
            Band::Excellent => "≤ 0.10",
        }
    }

    /// What the band means, in plain words: `"value dwarfs the cost"`.
    pub fn plainly(self) -> &'static str {
        match self {
            Band::Unsustainable => "costs more than it earns",
            Band::Marginal => "pays, barely: small changes erase it",
            Band::Good => "worth it, with margin for error",
            Band::Excellent => "value dwarfs the cost",
        }
    }

    /// The band at its threshold, as a goal or a column names it: `"10× (Excellent)"`,
    /// `"1× (break-even)"` for Marginal; `None` for Unsustainable, which has no threshold.
    pub fn target(self) -> Option<&'static str> {
        match self {
            Band::Unsustainable => None,
            Band::Marginal => Some("1× (break-even)"),
            Band::Good => Some("3× (Good)"),
            Band::Excellent => Some("10× (Excellent)"),
        }
    }

    /// Every band with its range, best first: `"Excellent ≥ 10×, Good 3–10×, Marginal 1–3×,
    /// Unsustainable < 1×"`.
    pub fn legend() -> String {
        Band::ALL
            .iter()
            .rev()
            .map(|band| format!("{} {}", band.label(), band.range()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What the band tells the team.
    pub fn advice(self) -> &'static str {
        match self {
            Band::Unsustainable => "costs exceed value; redesign or decommission",
            Band::Marginal => "costs approach value; optimise the serving infrastructure",
            Band::Good => "healthy economics; keep optimising",
            Band::Excellent => "strong return; invest in scaling",
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Every point metric of one design at one monthly volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metrics {
    /// Requests per month.
    pub volume: u64,
    /// Requests served by AI per month: the volume, or for a routed design the requests of the
    /// use cases it serves (share × volume, exact). The per-inference figures divide by this.
    pub served_requests: Decimal,
    /// Serving cost × (1 + overhead) + fixed monthly + amortised one-time cost.
    pub monthly_cost: Decimal,
    /// Value per inference × volume.
    pub monthly_value: Decimal,
    /// Monthly value − monthly cost.
    pub monthly_net_value: Decimal,
    /// Monthly cost / served requests.
    pub cost_per_inference: Decimal,
    /// Σ share × value per success × success rate.
    pub value_per_inference: Decimal,
    /// Cost per inference / value per inference; `None` when value is 0.
    pub cost_to_value: Option<Decimal>,
    /// Value per inference / cost per inference; `None` when cost is 0.
    pub roi_multiple: Option<Decimal>,
    /// Value per inference − cost per inference.
    pub net_value_per_inference: Decimal,
    /// Requests that succeed per month: the volume × Σ share × success rate, over the use cases
    /// served (a routed design counts only the requests it serves).
    pub successful_requests: Decimal,
    /// Monthly cost / successful requests: what one resolved request costs (`None` when no
    /// request succeeds, or where the quotient would leave the exact range).
    pub cost_per_success: Option<Decimal>,
    /// The band of the ROI multiple.
    pub band: Band,
    /// Volume × tokens per request, where the design states its tokens.
    pub tokens_per_month: Option<Decimal>,
    /// Monthly cost / tokens per month × 1,000,000 (`None` without tokens, or where it would
    /// exceed the exact range).
    pub cost_per_million_tokens: Option<Decimal>,
    /// Instances of the primary stage (`None` when the primary is a hosted API).
    pub instances: Option<u64>,
    /// Instances of every self-hosted stage, primary first.
    pub stage_instances: Vec<u64>,
    /// True when a stage needs more instances than its `max_instances` at this volume.
    pub over_capacity: bool,
}

impl Metrics {
    /// The value per inference at which the design would reach `band` at this volume
    /// (cost per inference × 1, × 3, × 10); `None` for Unsustainable.
    pub fn value_needed_for(&self, band: Band) -> Option<Decimal> {
        band.threshold()
            .and_then(|k| self.cost_per_inference.checked_mul(k))
    }
}

/// Everything the engine says about one design: the metrics at a volume and its thresholds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignFigures {
    /// Point metrics at the requested volume.
    pub metrics: Metrics,
    /// ROI ≥ 1×.
    pub break_even: Threshold,
    /// ROI ≥ 3×.
    pub good_from: Threshold,
    /// ROI ≥ 10×.
    pub excellent_from: Threshold,
    /// The largest volume the design serves within its `max_instances` (`None`: no limit).
    pub capacity_limit: Option<u64>,
}

/// A design's compiled cost model and its value: what every computation needs.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The design's cost as a function of volume.
    pub cost: CostModel,
    /// Value per inference (independent of volume): per served request.
    pub value_per_inference: Decimal,
    /// Monthly value per request of the scenario's volume: the value per inference for every
    /// design but a routed one, whose requests sent to no AI earn nothing. ROI at V is
    /// `value_per_request × V / monthly cost`, so searches compare this against the cost.
    pub value_per_request: Decimal,
    /// The share of the volume served: 1, or for a routed design Σ share of its served use cases.
    pub served_share: Decimal,
    /// Successful requests per request of the volume: Σ share × success rate over the use cases
    /// served (a routed design's use cases at the rate of the design serving each).
    pub success_per_request: Decimal,
}

impl Prepared {
    /// Compiles one design of a scenario.
    pub fn new(scenario: &Scenario, design: &Design) -> Result<Self, EconError> {
        let cost = CostModel::new(scenario, design)?;
        if design.serving.routes().is_some() {
            let served_share = routed::served_share(scenario, design)?;
            if served_share <= Decimal::ZERO {
                return Err(EconError::Routing(
                    "it serves no requests (every served use case has share 0)".to_owned(),
                ));
            }
            let value_per_request = routed::value_per_request(scenario, design)?;
            return Ok(Prepared {
                cost,
                value_per_inference: value_per_request.div(served_share)?,
                value_per_request,
                served_share,
                success_per_request: routed::success_per_request(scenario, design)?,
            });
        }
        let value = value_per_inference(scenario, design)?;
        Ok(Prepared {
            cost,
            value_per_inference: value,
            value_per_request: value,
            served_share: Decimal::ONE,
            success_per_request: success_per_request(scenario, design)?,
        })
    }

    /// The point metrics at `volume`.
    pub fn metrics(&self, volume: u64) -> Result<Metrics, EconError> {
        if volume == 0 {
            return Err(EconError::ZeroVolume);
        }
        if volume > MAX_VOLUME {
            return Err(EconError::VolumeTooLarge(volume));
        }
        let v = Decimal::from(volume);
        let value = self.value_per_inference;
        let served_requests = self.served_share.mul(v)?;
        let successful_requests = self.success_per_request.mul(v)?;
        let monthly_cost = self.cost.monthly_cost(volume)?;
        let monthly_value = self.value_per_request.mul(v)?;
        let cost_per_inference = monthly_cost.div(served_requests)?;
        let band = band_of(monthly_value, monthly_cost)?;
        let tokens_per_month = self.cost.tokens_per_request.map(|t| t.mul(v)).transpose()?;
        // A side figure: where a token count is so small that it leaves the exact range, it is
        // left out ("—") rather than failing every figure of the design.
        let cost_per_million_tokens = tokens_per_month
            .filter(|t| !t.is_zero())
            .and_then(|tokens| monthly_cost.checked_div(tokens))
            .and_then(|per_token| per_token.checked_mul(Decimal::from(1_000_000)));
        let stage_instances = self.cost.stage_instances(volume)?;
        Ok(Metrics {
            volume,
            served_requests,
            monthly_cost,
            monthly_value,
            monthly_net_value: monthly_value.sub(monthly_cost)?,
            cost_per_inference,
            value_per_inference: value,
            cost_to_value: if monthly_value.is_zero() {
                None
            } else {
                Some(monthly_cost.div(monthly_value)?)
            },
            roi_multiple: if monthly_cost.is_zero() {
                None
            } else {
                Some(monthly_value.div(monthly_cost)?)
            },
            net_value_per_inference: value.sub(cost_per_inference)?,
            successful_requests,
            // A side figure, as cost per 1M tokens: left out ("—") where it would leave the
            // exact range (a vanishing success rate), rather than failing every figure.
            cost_per_success: if successful_requests.is_zero() {
                None
            } else {
                monthly_cost.checked_div(successful_requests)
            },
            band,
            tokens_per_month,
            cost_per_million_tokens,
            instances: self
                .cost
                .primary_stage
                .and_then(|i| stage_instances.get(i).copied()),
            stage_instances,
            over_capacity: self.cost.over_capacity(volume),
        })
    }

    /// Where the design stands against the ROI threshold of `band` (volume-independent).
    pub fn threshold(&self, band: Band) -> Result<Threshold, EconError> {
        match band.threshold() {
            Some(k) => search::threshold(&self.cost, self.value_per_request, k),
            None => Ok(Threshold::default()),
        }
    }

    /// The metrics at `volume` and the three thresholds.
    pub fn figures(&self, volume: u64) -> Result<DesignFigures, EconError> {
        Ok(DesignFigures {
            metrics: self.metrics(volume)?,
            break_even: self.threshold(Band::Marginal)?,
            good_from: self.threshold(Band::Good)?,
            excellent_from: self.threshold(Band::Excellent)?,
            capacity_limit: self.cost.capacity_limit,
        })
    }
}

/// The band of a design from its monthly value and cost, compared exactly (no rounded ratio):
/// cost 0 is Excellent.
pub fn band_of(monthly_value: Decimal, monthly_cost: Decimal) -> Result<Band, EconError> {
    if monthly_cost <= Decimal::ZERO {
        return Ok(Band::Excellent);
    }
    for band in [Band::Excellent, Band::Good, Band::Marginal] {
        let k = band.threshold().unwrap_or(Decimal::ONE);
        if monthly_value >= k.mul(monthly_cost)? {
            return Ok(band);
        }
    }
    Ok(Band::Unsustainable)
}

/// Monthly value per request of the volume: [`value_per_inference`], or for a routed design
/// the value of its served use cases only (see [`Prepared::value_per_request`]).
pub fn value_per_request(scenario: &Scenario, design: &Design) -> Result<Decimal, EconError> {
    if design.serving.routes().is_some() {
        routed::value_per_request(scenario, design)
    } else {
        value_per_inference(scenario, design)
    }
}

/// Value per inference: Σ over use cases of share × value per success × success rate (the
/// design's, or its override for that use case).
pub fn value_per_inference(scenario: &Scenario, design: &Design) -> Result<Decimal, EconError> {
    scenario
        .use_cases
        .iter()
        .try_fold(Decimal::ZERO, |sum, case| {
            let rate = design.success_rate_for(&case.name);
            sum.add(
                case.share
                    .mul_held(case.value_per_success)?
                    .mul_held(rate)?,
            )
        })
}

/// Successful requests per request of the volume: Σ over use cases of share × success rate (the
/// design's, or its override for that use case).
pub fn success_per_request(scenario: &Scenario, design: &Design) -> Result<Decimal, EconError> {
    scenario
        .use_cases
        .iter()
        .try_fold(Decimal::ZERO, |sum, case| {
            sum.add(case.share.mul(design.success_rate_for(&case.name))?)
        })
}

/// The volumes at which the ROI order of two designs changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crossover {
    /// Index of the first design.
    pub a: usize,
    /// Index of the second design.
    pub b: usize,
    /// Each volume in the chart's range at which the other design becomes strictly ahead: the
    /// first [`LISTED_CROSSOVERS`] of them.
    pub volumes: Vec<u64>,
    /// Crossovers found beyond those listed in `volumes`.
    pub more: usize,
    /// `Some(v)` when the search stopped at its share of the work limit having searched the
    /// range only up to `v` (so there may be crossovers above `v`); `None` when it is complete.
    pub searched_to: Option<u64>,
}

/// The engine's answer for a whole scenario at one volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// The volume of the point metrics.
    pub volume: u64,
    /// One entry per design, in scenario order: its figures, or why they could not be computed.
    pub designs: Vec<Result<DesignFigures, EconError>>,
    /// Crossovers in the chart's range for every pair of designs that both computed
    /// (pairs whose search failed are left out).
    pub crossovers: Vec<Crossover>,
}

impl Analysis {
    /// Each design's metrics, `None` where they did not compute.
    pub fn metrics(&self) -> Vec<Option<&Metrics>> {
        self.designs
            .iter()
            .map(|d| d.as_ref().ok().map(|f| &f.metrics))
            .collect()
    }

    /// The best design at the volume: the highest monthly net value among the designs within
    /// capacity, ties to the higher ROI ([`choice::best_of`]).
    pub fn best(&self) -> Option<usize> {
        choice::best_of(&self.metrics())
    }

    /// The design with the highest ROI multiple at the volume within capacity (cost 0 counts
    /// as the highest; ties go to the earlier design).
    pub fn highest_roi(&self) -> Option<usize> {
        choice::highest_roi_of(&self.metrics())
    }

    /// Which design to run: the best, the frontier and its upgrades ([`choice::choose`]).
    pub fn choice(&self) -> choice::Choice {
        choice::choose(&self.metrics())
    }
}

/// Compares two designs' ROI at the same volume exactly: `value_a × cost_b` against `value_b × cost_a`.
pub(crate) fn roi_cmp(a: &Metrics, b: &Metrics) -> std::cmp::Ordering {
    let left = a.monthly_value.checked_mul(b.monthly_cost);
    let right = b.monthly_value.checked_mul(a.monthly_cost);
    match (left, right) {
        (Some(l), Some(r)) => l.cmp(&r),
        _ => a.roi_multiple.cmp(&b.roi_multiple),
    }
}

/// Runs the engine over every design of a scenario at `volume` (the metrics, the thresholds and
/// the crossovers within the scenario's chart range). Designs are computed whatever the
/// validation says; callers decide what to show for designs with validation errors.
pub fn analyse(scenario: &Scenario, volume: u64) -> Analysis {
    let prepared: Vec<Result<Prepared, EconError>> = scenario
        .designs
        .iter()
        .map(|d| Prepared::new(scenario, d))
        .collect();
    analyse_prepared(scenario, &prepared, volume)
}

/// [`analyse`] on designs already compiled with [`Prepared::new`].
pub fn analyse_prepared(
    scenario: &Scenario,
    prepared: &[Result<Prepared, EconError>],
    volume: u64,
) -> Analysis {
    let designs: Vec<Result<DesignFigures, EconError>> = prepared
        .iter()
        .map(|p| {
            p.as_ref()
                .map_err(Clone::clone)
                .and_then(|p| p.figures(volume))
        })
        .collect();
    let mut crossovers = Vec::new();
    let pairs = prepared.len() * prepared.len().saturating_sub(1) / 2;
    let budget = search::pair_budget(pairs);
    for a in 0..prepared.len() {
        for b in a + 1..prepared.len() {
            let (Ok(pa), Ok(pb)) = (&prepared[a], &prepared[b]) else {
                continue;
            };
            let side_a = search::Side {
                model: &pa.cost,
                value: pa.value_per_request,
            };
            let side_b = search::Side {
                model: &pb.cost,
                value: pb.value_per_request,
            };
            let range = (
                scenario.volume.min.max(1),
                scenario.volume.max.min(MAX_VOLUME),
            );
            if let Ok(found) = search::crossovers(&side_a, &side_b, range.0, range.1, budget) {
                crossovers.push(Crossover {
                    a,
                    b,
                    more: found.count - found.listed.len(),
                    volumes: found.listed,
                    searched_to: found.searched_to,
                });
            }
        }
    }
    Analysis {
        volume,
        designs,
        crossovers,
    }
}
