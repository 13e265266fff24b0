//! A portfolio: the scenario files (features) an organisation runs, each with the design it runs
//! and its team, and the dated rates that bring other currencies into the portfolio's
//! (`docs/method.md#portfolio`, `docs/file-format.md#portfolio-files`).
//!
//! These types are the `Portfolio(…)` file format (format 1), written by hand as scenarios are;
//! decimals are read exactly from their text as in a scenario ([`super::exact`]).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Date, exact};

/// A list of features (scenario files) with the portfolio's currency, budget and rates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portfolio {
    /// File format version; this build reads format 1.
    #[serde(default = "format_default")]
    pub format: u32,
    /// What the portfolio is ("AI features, 2027").
    #[serde(default)]
    pub title: String,
    /// ISO 4217 code of every total, e.g. `"USD"`.
    #[serde(default = "currency_default")]
    pub currency: String,
    /// A monthly cost the whole portfolio must stay under: the first month over it is shown.
    #[serde(
        default,
        with = "exact::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub budget_monthly: Option<Decimal>,
    /// The features, each a scenario file.
    #[serde(default)]
    pub features: Vec<Feature>,
    /// One dated rate per other currency a feature is written in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rates: Vec<Rate>,
}

fn format_default() -> u32 {
    super::FORMAT
}

fn currency_default() -> String {
    "USD".to_owned()
}

/// One feature: a scenario file, the team that owns it and the design it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    /// The scenario file, relative to the portfolio file's folder (or absolute).
    pub file: String,
    /// The team that owns the feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The design it runs; absent: its timeline's `running`, else its best design.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub design: Option<String>,
}

/// How many units of the portfolio's currency one unit of `currency` is, on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    /// ISO 4217 code of the features' currency, e.g. `"EUR"`.
    pub currency: String,
    /// Portfolio-currency units per unit of `currency` (> 0, at most 10⁹).
    #[serde(with = "exact")]
    pub to_portfolio: Decimal,
    /// When the rate was taken.
    pub as_of: Date,
    /// Where it comes from.
    #[serde(default)]
    pub source: String,
}

impl Portfolio {
    /// The rate of `currency` into the portfolio's currency: 1 for the portfolio's own.
    pub fn rate_of(&self, currency: &str) -> Option<Decimal> {
        if currency == self.currency {
            return Some(Decimal::ONE);
        }
        self.rates
            .iter()
            .find(|r| r.currency == currency)
            .map(|r| r.to_portfolio)
    }
}
