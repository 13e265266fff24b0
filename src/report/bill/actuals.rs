//! The bill's months as a scenario's measured months (`actuals`): the total inference cost and
//! requests of each month.
//!
//! A month's cost is the sum over every design the bill measured that month (the designs of one
//! scenario serve the same feature; whichever ran, its cost is the feature's). Its requests are
//! the team's count for every design when there is one, else the sum of each measured design's
//! own count. A month is left out, with the reason, when a design measured in it has no count
//! (requests estimated from tokens are not measurements), or when credits leave its cost below
//! zero.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::BillDesign;
use crate::io::focus::requests::Requests;
use crate::model::{Actual, Month};

/// The decimal places a measured month's cost is written with.
pub const COST_PLACES: u32 = 4;

/// The measured months a bill gives, and those it cannot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BillActuals {
    /// The months, oldest first.
    pub actuals: Vec<Actual>,
    /// The months left out, each with the reason.
    pub left_out: Vec<(Month, String)>,
}

/// The measured months of the designs' bills, with the team's counts.
pub fn bill_actuals(designs: &[BillDesign], requests: &Requests) -> BillActuals {
    let mut months: BTreeMap<Month, Vec<(&str, Decimal)>> = BTreeMap::new();
    for d in designs {
        for m in &d.months {
            months
                .entry(m.month)
                .or_default()
                .push((&d.name, m.figures.cost));
        }
    }
    let mut out = BillActuals::default();
    for (month, parts) in months {
        let cost: Decimal = parts.iter().map(|(_, c)| *c).sum();
        let counted = match requests.get(&(None, month)) {
            Some(count) => Ok((count.requests, count.value)),
            None => sum_counts(&parts, month, requests),
        };
        let (n, value) = match counted {
            Ok(counted) => counted,
            Err(reason) => {
                out.left_out.push((month, reason));
                continue;
            }
        };
        if cost < Decimal::ZERO {
            out.left_out.push((
                month,
                format!("its credits exceed its charges (cost {cost}); a measured month's cost is 0 or more"),
            ));
            continue;
        }
        if n == 0 {
            out.left_out
                .push((month, "its count is 0 requests".to_owned()));
            continue;
        }
        out.actuals.push(Actual {
            month,
            requests: n,
            cost: cost.round_dp(COST_PLACES).normalize(),
            value,
        });
    }
    out
}

/// The sum of each design's own count for the month, with their values where every one has
/// one.
fn sum_counts(
    parts: &[(&str, Decimal)],
    month: Month,
    requests: &Requests,
) -> Result<(u64, Option<Decimal>), String> {
    let mut total = 0u64;
    let mut value = Some(Decimal::ZERO);
    for (name, _) in parts {
        let Some(count) = requests.get(&(Some((*name).to_owned()), month)) else {
            return Err(format!(
                "no request count for {name:?} (requests estimated from tokens are not written as measured)"
            ));
        };
        total = total.saturating_add(count.requests);
        value = value.zip(count.value).and_then(|(a, b)| a.checked_add(b));
    }
    Ok((total, value))
}

/// `existing` with `measured` added: a month in both takes the measured figures. The months
/// replaced are returned beside, oldest first.
pub fn merge_actuals(existing: &[Actual], measured: &[Actual]) -> (Vec<Actual>, Vec<Month>) {
    let mut by_month: BTreeMap<Month, Actual> =
        existing.iter().map(|a| (a.month, a.clone())).collect();
    let mut replaced = Vec::new();
    for a in measured {
        if by_month
            .insert(a.month, a.clone())
            .is_some_and(|old| old != *a)
        {
            replaced.push(a.month);
        }
    }
    (by_month.into_values().collect(), replaced)
}
