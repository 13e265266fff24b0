//! Months over time (`docs/method.md#over-time-growth-payback-budget-and-measured-months`): each
//! month's volume from the growth, every design's figures that month, the cash view (one-time costs
//! paid up front, cumulative net cash, payback), the best design per month, the first month over
//! capacity or over budget, and the measured months set against the plan.

use rust_decimal::{Decimal, RoundingStrategy};

use super::cost::Checked;
use super::{EconError, Metrics, Prepared};
use crate::model::{Design, Growth, Month, Scenario, Timeline};

/// One design in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignMonth {
    /// The point metrics at the month's volume (one-time costs amortised, as every month).
    pub metrics: Metrics,
    /// Monthly cost without the amortised one-time costs (those are paid in month 1).
    pub recurring_cost: Decimal,
    /// Σ over the months so far of (monthly value − recurring cost), minus the one-time amounts.
    pub cumulative_net_cash: Decimal,
    /// Monthly cost above the timeline's budget.
    pub over_budget: bool,
}

/// One month of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthRow {
    /// The calendar month.
    pub month: Month,
    /// Requests that month.
    pub volume: u64,
    /// Per design, in scenario order (or why it could not be computed).
    pub designs: Vec<Result<DesignMonth, EconError>>,
    /// The design with the highest ROI among those within capacity.
    pub best: Option<usize>,
}

/// What the timeline says about one design as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DesignTimeline {
    /// The first month whose cumulative net cash is ≥ 0.
    pub payback: Option<Month>,
    /// The first month the volume is beyond its capacity.
    pub over_capacity_from: Option<Month>,
    /// The first month its monthly cost exceeds the budget.
    pub over_budget_from: Option<Month>,
    /// How many months it is the best design.
    pub months_best: usize,
}

/// One measured month, with the plan where the timeline names the running design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActualRow {
    /// The month.
    pub month: Month,
    /// Requests served.
    pub requests: u64,
    /// Total inference cost.
    pub cost: Decimal,
    /// Value delivered, where measured.
    pub value: Option<Decimal>,
    /// Cost ÷ requests.
    pub cost_per_inference: Decimal,
    /// Value ÷ requests.
    pub value_per_inference: Option<Decimal>,
    /// Value ÷ cost (`None` without a value, or at cost 0).
    pub roi_multiple: Option<Decimal>,
    /// The running design's planned metrics at the measured requests.
    pub planned: Option<Metrics>,
    /// (actual − planned) ÷ planned cost per inference.
    pub cost_per_inference_variance: Option<Decimal>,
    /// (actual − planned) ÷ planned ROI.
    pub roi_variance: Option<Decimal>,
}

/// The whole timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineFigures {
    /// One row per month.
    pub months: Vec<MonthRow>,
    /// Per design: payback, first month over capacity and over budget, months best.
    pub designs: Vec<DesignTimeline>,
    /// The months where the best design changes, with the new best (month 1 included).
    pub best_changes: Vec<(Month, Option<usize>)>,
    /// The measured months, in month order.
    pub actuals: Vec<ActualRow>,
}

/// The volume of every month of a timeline: compound growth rounded half away from zero to a
/// whole request (at least 1), linear growth at least 1, or the volumes as given.
pub fn volumes(current: u64, timeline: &Timeline) -> Result<Vec<u64>, EconError> {
    let months = timeline.months as usize;
    match &timeline.growth {
        Growth::Monthly(volumes) => Ok(volumes.clone()),
        Growth::Linear { requests_per_month } => (0..months)
            .map(|m| {
                let v = Decimal::from(current).add(requests_per_month.mul(Decimal::from(m))?)?;
                Ok(whole(v))
            })
            .collect(),
        Growth::Compound { pct_per_month } => {
            let factor = Decimal::ONE.add(pct_per_month.div(Decimal::ONE_HUNDRED)?)?;
            let mut volume = Decimal::from(current);
            let mut out = Vec::with_capacity(months);
            for _ in 0..months {
                out.push(whole(volume));
                volume = volume.mul(factor)?;
            }
            Ok(out)
        }
    }
}

/// A volume rounded half away from zero to a whole request, at least 1.
fn whole(volume: Decimal) -> u64 {
    use rust_decimal::prelude::ToPrimitive;
    volume
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .to_u64()
        .unwrap_or(0)
        .max(1)
}

/// A design's one-time amounts: the whole amount (paid in month 1) and its amortisation per
/// month. A routed design carries its router's and those of the designs it uses.
pub(crate) fn one_time(
    scenario: &Scenario,
    design: &Design,
    cost: &super::cost::CostModel,
) -> (Decimal, Decimal) {
    let own = |d: &Design| {
        let months = Decimal::from(d.one_time.months.max(1));
        (
            d.one_time.amount,
            d.one_time.amount.checked_div(months).unwrap_or_default(),
        )
    };
    let mut total = own(design);
    for part in cost.parts() {
        let (amount, monthly) = own(&scenario.designs[part.design]);
        total = (total.0 + amount, total.1 + monthly);
    }
    total
}

/// The timeline of a scenario, or `None` when it has none.
pub fn timeline(scenario: &Scenario) -> Option<Result<TimelineFigures, EconError>> {
    let t = scenario.timeline.as_ref()?;
    Some(compute(scenario, t))
}

fn compute(scenario: &Scenario, t: &Timeline) -> Result<TimelineFigures, EconError> {
    let volumes = volumes(scenario.volume.current, t)?;
    let prepared: Vec<Result<Prepared, EconError>> = scenario
        .designs
        .iter()
        .map(|d| Prepared::new(scenario, d))
        .collect();
    let one_times: Vec<(Decimal, Decimal)> = scenario
        .designs
        .iter()
        .zip(&prepared)
        .map(|(d, p)| {
            p.as_ref().map_or((Decimal::ZERO, Decimal::ZERO), |p| {
                one_time(scenario, d, &p.cost)
            })
        })
        .collect();
    let mut cash: Vec<Decimal> = one_times.iter().map(|(amount, _)| -*amount).collect();
    let mut designs = vec![DesignTimeline::default(); scenario.designs.len()];
    let mut months = Vec::with_capacity(volumes.len());
    let mut best_changes = Vec::new();
    for (m, &volume) in volumes.iter().enumerate() {
        let month = t
            .start
            .plus(i32::try_from(m).unwrap_or(i32::MAX))
            .unwrap_or(t.start);
        let mut row_designs = Vec::with_capacity(prepared.len());
        for (d, p) in prepared.iter().enumerate() {
            let figures = p.as_ref().map_err(Clone::clone).and_then(|p| {
                let metrics = p.metrics(volume)?;
                let recurring_cost = metrics.monthly_cost.sub(one_times[d].1)?;
                cash[d] = cash[d].add(metrics.monthly_value.sub(recurring_cost)?)?;
                let over_budget = t
                    .budget_monthly
                    .is_some_and(|budget| metrics.monthly_cost > budget);
                Ok(DesignMonth {
                    metrics,
                    recurring_cost,
                    cumulative_net_cash: cash[d],
                    over_budget,
                })
            });
            if let Ok(f) = &figures {
                let summary = &mut designs[d];
                if summary.payback.is_none() && f.cumulative_net_cash >= Decimal::ZERO {
                    summary.payback = Some(month);
                }
                if summary.over_capacity_from.is_none() && f.metrics.over_capacity {
                    summary.over_capacity_from = Some(month);
                }
                if summary.over_budget_from.is_none() && f.over_budget {
                    summary.over_budget_from = Some(month);
                }
            }
            row_designs.push(figures);
        }
        let best = best_of(&row_designs);
        if let Some(b) = best {
            designs[b].months_best += 1;
        }
        if best_changes.last().is_none_or(|(_, last)| *last != best) {
            best_changes.push((month, best));
        }
        months.push(MonthRow {
            month,
            volume,
            designs: row_designs,
            best,
        });
    }
    let mut actuals: Vec<ActualRow> = scenario
        .actuals
        .iter()
        .map(|a| actual_row(scenario, t, &prepared, a))
        .collect::<Result<_, _>>()?;
    actuals.sort_by_key(|a| a.month);
    Ok(TimelineFigures {
        months,
        designs,
        best_changes,
        actuals,
    })
}

/// The best design that month: the highest monthly net value within capacity
/// ([`super::choice::best_of`]).
fn best_of(designs: &[Result<DesignMonth, EconError>]) -> Option<usize> {
    let metrics: Vec<Option<&Metrics>> = designs
        .iter()
        .map(|d| d.as_ref().ok().map(|d| &d.metrics))
        .collect();
    super::choice::best_of(&metrics)
}

/// A measured month: the source's own definitions, and the running design's plan beside them.
fn actual_row(
    scenario: &Scenario,
    t: &Timeline,
    prepared: &[Result<Prepared, EconError>],
    a: &crate::model::Actual,
) -> Result<ActualRow, EconError> {
    let requests = Decimal::from(a.requests.max(1));
    let cost_per_inference = a.cost.div(requests)?;
    let value_per_inference = a.value.map(|v| v.div(requests)).transpose()?;
    let roi_multiple = match a.value {
        Some(v) if !a.cost.is_zero() => Some(v.div(a.cost)?),
        _ => None,
    };
    let running = t
        .running
        .as_ref()
        .and_then(|name| scenario.designs.iter().position(|d| &d.name == name));
    let planned = running
        .and_then(|d| prepared[d].as_ref().ok())
        .map(|p| p.metrics(a.requests.max(1)))
        .transpose()?;
    let variance = |actual: Decimal, plan: Decimal| -> Result<Option<Decimal>, EconError> {
        if plan.is_zero() {
            Ok(None)
        } else {
            Ok(Some(actual.sub(plan)?.div(plan)?))
        }
    };
    let cost_per_inference_variance = match &planned {
        Some(p) => variance(cost_per_inference, p.cost_per_inference)?,
        None => None,
    };
    let roi_variance = match (&planned, roi_multiple) {
        (Some(p), Some(actual)) => match p.roi_multiple {
            Some(plan) => variance(actual, plan)?,
            None => None,
        },
        _ => None,
    };
    Ok(ActualRow {
        month: a.month,
        requests: a.requests,
        cost: a.cost,
        value: a.value,
        cost_per_inference,
        value_per_inference,
        roi_multiple,
        planned,
        cost_per_inference_variance,
        roi_variance,
    })
}
