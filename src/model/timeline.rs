//! The months ahead and the months that happened: a scenario's timeline (its start, length,
//! growth, budget and the design running today) and its measured months.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Month, exact};

/// The months ahead, from `start`: month 1's volume is the scenario's current volume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    /// The first month.
    pub start: Month,
    /// How many months (1–120).
    #[serde(deserialize_with = "exact::count::deserialize")]
    pub months: u32,
    /// How the volume grows from month to month.
    pub growth: Growth,
    /// A monthly cost the team must stay under; the first month a design exceeds it is shown.
    #[serde(default, with = "exact::option")]
    pub budget_monthly: Option<Decimal>,
    /// The design running today, whose plan the actual months are compared with.
    #[serde(default)]
    pub running: Option<String>,
}

impl Timeline {
    /// "24 months from 2027-01, compound growth of 8 % a month, budget $20,000 a month".
    pub fn describe(&self, currency: &str) -> String {
        let growth = match &self.growth {
            Growth::Compound { pct_per_month } => {
                format!("compound growth of {} % a month", pct_per_month.normalize())
            }
            Growth::Linear { requests_per_month } => format!(
                "{} requests a month more each month",
                crate::format::whole(*requests_per_month)
            ),
            Growth::Monthly(_) => "the monthly volumes as planned".to_owned(),
        };
        let mut text = format!("{} months from {}, {growth}", self.months, self.start);
        if let Some(budget) = self.budget_monthly {
            let money = crate::format::money(budget, currency);
            let _ = write!(text, ", budget {money} a month");
        }
        if let Some(running) = &self.running {
            let _ = write!(text, ", running today: {running}");
        }
        text
    }
}

/// How the monthly volume grows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Growth {
    /// By a percentage each month (may be negative, above −100): V × (1 + g/100)^(m−1), rounded.
    Compound {
        /// Percentage growth per month, e.g. `8` for 8 %.
        #[serde(with = "exact")]
        pct_per_month: Decimal,
    },
    /// By a number of requests each month (may be negative; the volume stays at least 1).
    Linear {
        /// Requests added per month.
        #[serde(with = "exact")]
        requests_per_month: Decimal,
    },
    /// The volume of every month, as planned (exactly `months` of them).
    Monthly(#[serde(deserialize_with = "exact::count::deserialize_vec")] Vec<u64>),
}

/// One measured month: what was spent and served, and what it earned if known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actual {
    /// The month.
    pub month: Month,
    /// Requests served that month.
    #[serde(deserialize_with = "exact::count::deserialize")]
    pub requests: u64,
    /// Total inference infrastructure cost that month, in currency.
    #[serde(with = "exact")]
    pub cost: Decimal,
    /// Value delivered that month, in currency, where it was measured.
    #[serde(default, with = "exact::option")]
    pub value: Option<Decimal>,
}
