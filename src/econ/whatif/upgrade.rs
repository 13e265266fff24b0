//! The incremental ROI of an upgrade as a what-if figure: how much more value a month each extra
//! unit of monthly cost buys when the scenario runs design `to` instead of design `from`, both at
//! the scenario's current volume and both recomputed from the (changed) scenario, so a routed
//! `from` that sends use cases to `to` moves with it.
//!
//! With extra cost Δc = cost(to) − cost(from) and extra value Δv = value(to) − value(from):
//! - Δc > 0: Δv ÷ Δc, as [`crate::econ::choice::Upgrade`] has it (below 0 when `to` is worth
//!   less: a dearer design worth less never pays);
//! - Δc ≤ 0 and Δv ≥ 0: unbounded (`None`), as ROI is where cost is 0: `to` costs no more and is
//!   worth no less, so it dominates `from` (or equals it) and pays at any target;
//! - Δc ≤ 0 and Δv < 0: 0. `to` is cheaper and worth less (or costs the same and is worth less):
//!   a step down, not an upgrade, and it pays at no target above 0. (Δv ÷ Δc would be positive
//!   there and grow as `to` loses more value, which would turn every search upside down.)
//!
//! So for any target above 0 "the incremental ROI reaches the target" rises with `to`'s value and
//! falls with its cost, as ROI does, and goal seek's searches hold.

use rust_decimal::Decimal;

use super::{Roi, WhatIfError};
use crate::econ::{EconError, Prepared};
use crate::model::Scenario;

/// One design against another at the scenario's current volume, both within capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Scenario index of the design upgraded from.
    pub from: usize,
    /// Scenario index of the design upgraded to.
    pub to: usize,
    /// Monthly cost of `to` − monthly cost of `from` (may be below 0).
    pub extra_monthly_cost: Decimal,
    /// Monthly value of `to` − monthly value of `from` (may be below 0).
    pub extra_monthly_value: Decimal,
    /// The incremental ROI by the rules of this module: `None` when unbounded.
    pub incremental_roi: Roi,
}

/// Monthly cost and value of design `index` at the current volume, and whether it is over
/// capacity there.
fn monthly(scenario: &Scenario, index: usize) -> Result<(Decimal, Decimal, bool), EconError> {
    let design = &scenario.designs[index];
    let m = Prepared::new(scenario, design)?.metrics(scenario.volume.current)?;
    Ok((m.monthly_cost, m.monthly_value, m.over_capacity))
}

/// The incremental ROI from the extra cost and the extra value, by the rules of this module.
pub fn incremental_roi(extra_cost: Decimal, extra_value: Decimal) -> Result<Roi, EconError> {
    if extra_cost > Decimal::ZERO {
        return extra_value
            .checked_div(extra_cost)
            .map(Some)
            .ok_or(EconError::Overflow);
    }
    Ok(if extra_value >= Decimal::ZERO {
        None
    } else {
        Some(Decimal::ZERO)
    })
}

/// The step's figures with no check of capacity (what a search or a swing reads at each point).
fn figures(scenario: &Scenario, from: usize, to: usize) -> Result<(Step, [bool; 2]), WhatIfError> {
    let name = |i: usize| scenario.designs[i].name.clone();
    let named = |i: usize| {
        move |error| WhatIfError::Design {
            name: name(i),
            error,
        }
    };
    let (cost_a, value_a, over_a) = monthly(scenario, from).map_err(named(from))?;
    let (cost_b, value_b, over_b) = monthly(scenario, to).map_err(named(to))?;
    let overflow = WhatIfError::Engine(EconError::Overflow);
    let extra_monthly_cost = cost_b.checked_sub(cost_a).ok_or_else(|| overflow.clone())?;
    let extra_monthly_value = value_b.checked_sub(value_a).ok_or(overflow)?;
    let step = Step {
        from,
        to,
        extra_monthly_cost,
        extra_monthly_value,
        incremental_roi: incremental_roi(extra_monthly_cost, extra_monthly_value)?,
    };
    Ok((step, [over_a, over_b]))
}

/// Refuses a step that is not one: a design missing, or a design against itself.
pub(super) fn check(scenario: &Scenario, from: usize, to: usize) -> Result<(), WhatIfError> {
    for i in [to, from] {
        if i >= scenario.designs.len() {
            return Err(WhatIfError::NoDesign(i));
        }
    }
    if from == to {
        return Err(WhatIfError::SameDesign(scenario.designs[to].name.clone()));
    }
    Ok(())
}

/// The step from design `from` to design `to` at the scenario's current volume. Refused when
/// either is missing, they are the same design, either cannot be computed or either needs more
/// instances than its limit there (the error names it).
pub fn step_of(scenario: &Scenario, from: usize, to: usize) -> Result<Step, WhatIfError> {
    check(scenario, from, to)?;
    let (step, over) = figures(scenario, from, to)?;
    for (i, over) in [from, to].into_iter().zip(over) {
        if over {
            return Err(WhatIfError::OverCapacity {
                name: scenario.designs[i].name.clone(),
                volume: scenario.volume.current,
            });
        }
    }
    Ok(step)
}

/// The incremental ROI from `from` to `to` at one point of a search or a swing: capacity is not
/// checked (the base was), and an engine failure is the failing design's.
pub(super) fn roi_at(scenario: &Scenario, from: usize, to: usize) -> Result<Roi, EconError> {
    match figures(scenario, from, to) {
        Ok((step, _)) => Ok(step.incremental_roi),
        Err(WhatIfError::Design { error, .. } | WhatIfError::Engine(error)) => Err(error),
        // `check` ran on the base, and a changed copy has the same designs.
        Err(_) => Err(EconError::Overflow),
    }
}
