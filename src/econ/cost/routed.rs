//! The cost of a routed design (`docs/method.md#routed-designs`): each use case sent to one of
//! the scenario's other designs, or to no AI. Its use-case figures are in `econ::use_cases`.
//!
//! A routed design compiles into one ordinary [`CostModel`] over the scenario's whole volume V:
//! each design d it uses serves the equivalent volume `V_d` = V × `L_d` / S (`L_d` = Σ share × size of
//! the use cases sent to d, S = the same over all use cases), so d's hosted-API cost is a linear
//! term in V and each of d's self-hosted stages is a stage whose load per request is scaled by
//! `L_d` / S. That scaling is kept exact: the stage's load is multiplied by `L_d` and its capacity by
//! S, so instance counts are never off by a rounded quotient. Two use cases sent to one
//! self-hosted design share its instances, because they are one stage with their combined load.
//! The overheads (d's own plus the routed design's) are folded into each part's costs, d's fixed
//! and one-time costs count once, and the routed design's own fixed and one-time costs are the
//! router's. Searches, sweeps, sensitivity and the simulation then need nothing special: the
//! value side is the value per request of V, and only the per-inference figures divide by the
//! served requests.

use std::ops::Range;

use rust_decimal::Decimal;

use super::{Checked, CostModel, FloatModel, HUNDRED, Stage, total_load};
use crate::econ::EconError;
use crate::model::{Design, Route, Scenario};

/// One design used by a routed design, as compiled into the routed cost model.
#[derive(Debug, Clone)]
pub struct Part {
    /// Index of the design in the scenario.
    pub design: usize,
    /// Σ share × size of the use cases sent to it (`L_d`).
    pub load: Decimal,
    /// Its stages in the routed model's `stages`.
    pub(crate) stages: Range<usize>,
    /// Its hosted-API cost per request of V, overheads included.
    pub(crate) linear_per_request: Decimal,
    /// Its fixed monthly and amortised one-time costs.
    pub(crate) fixed_per_month: Decimal,
}

/// The routes of a routed design.
pub(crate) fn routes_of(
    design: &Design,
) -> Result<&std::collections::BTreeMap<String, Route>, EconError> {
    design
        .serving
        .routes()
        .ok_or_else(|| EconError::Routing(format!("{:?} is not a routed design", design.name)))
}

/// The designs a routed design's routes name, by scenario index, with the use cases sent to
/// each (scenario indices); an unknown or routed target is an error.
fn targets(scenario: &Scenario, design: &Design) -> Result<Vec<(usize, Vec<usize>)>, EconError> {
    let routes = routes_of(design)?;
    let mut targets: Vec<(usize, Vec<usize>)> = Vec::new();
    for (u, case) in scenario.use_cases.iter().enumerate() {
        let Some(route) = routes.get(&case.name) else {
            return Err(EconError::Routing(format!(
                "use case {:?} has no route",
                case.name
            )));
        };
        let Route::Design(name) = route else { continue };
        let Some(d) = scenario.designs.iter().position(|d| &d.name == name) else {
            return Err(EconError::Routing(format!(
                "use case {:?} is sent to {name:?}, which the scenario does not have",
                case.name
            )));
        };
        if scenario.designs[d].serving.routes().is_some() {
            return Err(EconError::Routing(format!(
                "use case {:?} is sent to {name:?}, which is itself routed",
                case.name
            )));
        }
        match targets.iter_mut().find(|(t, _)| *t == d) {
            Some((_, cases)) => cases.push(u),
            None => targets.push((d, vec![u])),
        }
    }
    if targets.is_empty() {
        return Err(EconError::Routing(
            "every use case is sent to no AI".to_owned(),
        ));
    }
    targets.sort_by_key(|(d, _)| *d);
    Ok(targets)
}

/// Compiles a routed design's cost over the scenario's volume.
pub(crate) fn compile(scenario: &Scenario, design: &Design) -> Result<CostModel, EconError> {
    let total = total_load(scenario)?;
    if total <= Decimal::ZERO {
        return Err(EconError::Routing(
            "no use case carries any load (every share is 0)".to_owned(),
        ));
    }
    let router_overhead = design.overhead_pct.div(HUNDRED)?;
    let months = Decimal::from(design.one_time.months.max(1));
    let mut model = CostModel::router(
        design
            .fixed_monthly
            .add(design.one_time.amount.div(months)?)?,
    );
    for (d, cases) in targets(scenario, design)? {
        let inner = CostModel::new(scenario, &scenario.designs[d])?;
        let load = cases.iter().try_fold(Decimal::ZERO, |sum, &u| {
            let case = &scenario.use_cases[u];
            sum.add(case.share.mul(case.size)?)
        })?;
        model.add_part(d, &inner, load, total, router_overhead)?;
    }
    model.finish()?;
    Ok(model)
}

impl CostModel {
    /// An empty routed cost model carrying only the router's own fixed costs per month.
    pub(crate) fn router(fixed_per_month: Decimal) -> CostModel {
        CostModel {
            linear_per_request: Decimal::ZERO,
            stages: Vec::new(),
            overhead_factor: Decimal::ONE,
            fixed_per_month,
            tokens_per_request: Some(Decimal::ZERO),
            primary_stage: None,
            capacity_limit: None,
            float: FloatModel::default(),
            bound_breaks: Vec::new(),
            parts: Vec::new(),
        }
    }

    /// Adds design `design` (compiled as `inner`) serving `load / total` of the volume, with
    /// the router's overhead (a fraction) on its serving cost. Call [`CostModel::finish`] after
    /// the last part.
    pub(crate) fn add_part(
        &mut self,
        design: usize,
        inner: &CostModel,
        load: Decimal,
        total: Decimal,
        router_overhead: Decimal,
    ) -> Result<(), EconError> {
        // The design's own overhead and the routed design's, on this design's serving cost.
        let factor = inner.overhead_factor.add(router_overhead)?;
        let linear = inner
            .linear_per_request
            .mul(factor)?
            .mul(load)?
            .div(total)?;
        let first = self.stages.len();
        for stage in &inner.stages {
            self.stages.push(Stage::scaled(stage, load, total, factor)?);
        }
        self.tokens_per_request = match (self.tokens_per_request, inner.tokens_per_request) {
            (Some(sum), Some(tokens)) => Some(sum.add(tokens.mul(load)?.div(total)?)?),
            _ => None,
        };
        self.linear_per_request = self.linear_per_request.add(linear)?;
        self.fixed_per_month = self.fixed_per_month.add(inner.fixed_per_month)?;
        self.parts.push(Part {
            design,
            load,
            stages: first..self.stages.len(),
            linear_per_request: linear,
            fixed_per_month: inner.fixed_per_month,
        });
        Ok(())
    }
}

/// Σ share over the use cases a routed design serves: its served requests are this × V.
pub fn served_share(scenario: &Scenario, design: &Design) -> Result<Decimal, EconError> {
    let routes = routes_of(design)?;
    scenario
        .use_cases
        .iter()
        .filter(|c| routes.get(&c.name).is_some_and(|r| r.design().is_some()))
        .try_fold(Decimal::ZERO, |sum, c| sum.add(c.share))
}

/// Successful requests of a routed design per request of V: Σ over served use cases of share ×
/// the success rate of the design serving it (requests sent to no AI succeed at nothing).
pub fn success_per_request(scenario: &Scenario, design: &Design) -> Result<Decimal, EconError> {
    let routes = routes_of(design)?;
    scenario
        .use_cases
        .iter()
        .try_fold(Decimal::ZERO, |sum, case| {
            let Some(Route::Design(name)) = routes.get(&case.name) else {
                return Ok(sum);
            };
            let Some(target) = scenario.designs.iter().find(|d| &d.name == name) else {
                return Err(EconError::Routing(format!(
                    "use case {:?} is sent to {name:?}, which the scenario does not have",
                    case.name
                )));
            };
            sum.add(case.share.mul(target.success_rate_for(&case.name))?)
        })
}

/// Monthly value of a routed design per request of V: Σ over served use cases of share × value
/// per success × the success rate of the design serving it.
pub fn value_per_request(scenario: &Scenario, design: &Design) -> Result<Decimal, EconError> {
    let routes = routes_of(design)?;
    scenario
        .use_cases
        .iter()
        .try_fold(Decimal::ZERO, |sum, case| {
            let Some(Route::Design(name)) = routes.get(&case.name) else {
                return Ok(sum);
            };
            let Some(target) = scenario.designs.iter().find(|d| &d.name == name) else {
                return Err(EconError::Routing(format!(
                    "use case {:?} is sent to {name:?}, which the scenario does not have",
                    case.name
                )));
            };
            let rate = target.success_rate_for(&case.name);
            sum.add(
                case.share
                    .mul_held(case.value_per_success)?
                    .mul_held(rate)?,
            )
        })
}
