//! The checks of a scenario's timeline and measured months
//! (`docs/method.md#over-time-growth-payback-budget-and-measured-months`).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{Bound, Checker, MAX_VOLUME, group_thousands};
use crate::model::{Growth, Scenario, Severity, Timeline};

/// The most months a timeline may span.
pub const MAX_MONTHS: u32 = 120;
/// The most measured months a scenario may hold.
pub const MAX_ACTUALS: usize = 1200;

impl Checker {
    pub(super) fn timeline(&mut self, s: &Scenario) {
        let Some(t) = &s.timeline else { return };
        if !(1..=MAX_MONTHS).contains(&t.months) {
            self.error(
                "timeline.months",
                format!("must be in [1, {MAX_MONTHS}], got {}", t.months),
            );
        } else if let Err(past) = t.start.last_of(t.months) {
            // A start edited in the planner; a file is refused on loading (`io::parse`).
            self.error("timeline.start", past.to_string());
        }
        self.growth(s, t);
        if let Some(budget) = t.budget_monthly {
            self.range(
                "timeline.budget_monthly",
                budget,
                Bound::Incl(0),
                Bound::Incl(1_000_000_000_000),
            );
        }
        if let Some(running) = &t.running {
            self.running(s, running);
        }
    }

    /// The timeline's growth: a rate within limits that keeps the last month within the
    /// engine's range, or one volume per month.
    fn growth(&mut self, s: &Scenario, t: &Timeline) {
        match &t.growth {
            Growth::Compound { pct_per_month } => {
                let path = "timeline.growth.pct_per_month";
                self.range(path, *pct_per_month, Bound::Excl(-100), Bound::Incl(1000));
                // The last month's volume, roughly: beyond the engine's range is refused here.
                let factor = 1.0 + pct_per_month.to_f64().unwrap_or(0.0) / 100.0;
                #[allow(clippy::cast_precision_loss)]
                let last = s.volume.current as f64
                    * factor.powi(i32::try_from(t.months.saturating_sub(1)).unwrap_or(0));
                #[allow(clippy::cast_precision_loss)]
                if factor > 0.0 && last > MAX_VOLUME as f64 {
                    self.error(
                        path,
                        format!(
                            "grows the volume beyond {} requests a month within {} months: lower it or shorten the \
                                timeline",
                            group_thousands(MAX_VOLUME),
                            t.months
                        ),
                    );
                }
            }
            Growth::Linear { requests_per_month } => {
                let path = "timeline.growth.requests_per_month";
                if !requests_per_month.fract().is_zero() {
                    self.error(
                        path,
                        format!("must be a whole number of requests, got {requests_per_month}"),
                    );
                }
                let limit = Decimal::from(MAX_VOLUME);
                let last = Decimal::from(s.volume.current)
                    .checked_add(
                        requests_per_month
                            .checked_mul(Decimal::from(t.months.saturating_sub(1)))
                            .unwrap_or(Decimal::MAX),
                    )
                    .unwrap_or(Decimal::MAX);
                if last > limit {
                    self.error(
                        path,
                        format!(
                            "grows the volume beyond {} requests a month within {} months",
                            group_thousands(MAX_VOLUME),
                            t.months
                        ),
                    );
                }
            }
            Growth::Monthly(volumes) => {
                if volumes.len() != t.months as usize {
                    self.error(
                        "timeline.growth",
                        format!(
                            "lists {} monthly volumes for a timeline of {} months: give exactly one per month",
                            volumes.len(),
                            t.months
                        ),
                    );
                }
                if let Some(&first) = volumes.first()
                    && first != s.volume.current
                {
                    // `docs/method.md#over-time-growth-payback-budget-and-measured-months`: month 1
                    // is the list's, and check says so.
                    self.push(
                        Severity::Warning,
                        "timeline.growth[0]",
                        format!(
                            "is {} requests, but volume.current is {}: the months follow the \
                             list, while the table and chart are at volume.current",
                            group_thousands(first),
                            group_thousands(s.volume.current)
                        ),
                    );
                }
                for (i, v) in volumes.iter().enumerate() {
                    if !(1..=MAX_VOLUME).contains(v) {
                        self.error(
                            format!("timeline.growth[{i}]"),
                            format!(
                                "must be 1 to {} requests per month, got {v}",
                                group_thousands(MAX_VOLUME)
                            ),
                        );
                    }
                }
            }
        }
    }

    pub(super) fn actuals(&mut self, s: &Scenario) {
        for (i, actual) in s.actuals.iter().enumerate() {
            let path = format!("actuals[{i}]");
            if let Some(j) = s.actuals[..i].iter().position(|a| a.month == actual.month) {
                self.error(
                    format!("{path}.month"),
                    format!(
                        "repeats {} (also actuals[{j}]): one entry per month",
                        actual.month
                    ),
                );
            }
            if !(1..=MAX_VOLUME).contains(&actual.requests) {
                self.error(
                    format!("{path}.requests"),
                    format!(
                        "must be 1 to {} requests, got {}",
                        group_thousands(MAX_VOLUME),
                        actual.requests
                    ),
                );
            }
            self.range(
                &format!("{path}.cost"),
                actual.cost,
                Bound::Incl(0),
                Bound::Incl(1_000_000_000_000),
            );
            if let Some(value) = actual.value {
                self.range(
                    &format!("{path}.value"),
                    value,
                    Bound::Incl(0),
                    Bound::Incl(1_000_000_000_000),
                );
            }
        }
    }
}
