//! The rules of a portfolio file (`docs/file-format.md#portfolio-files`): its size, one-line
//! names, a three-letter currency, a budget ≥ 0, and one rate per other currency within its
//! limits. Every refusal names its field path (`features[2].file`, `rates[0].to_portfolio`).

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::{Checker, Problem};
use crate::model::{FORMAT, Portfolio};

/// The most features a portfolio may list.
pub const MAX_FEATURES: usize = 1000;
/// The most rates a portfolio may list.
pub const MAX_RATES: usize = 100;
/// The highest rate into the portfolio's currency.
pub const MAX_RATE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// Every problem of a portfolio file, in file order (all of them errors).
pub fn portfolio_problems(p: &Portfolio) -> Vec<Problem> {
    let mut check = Checker::default();
    check.count("features", p.features.len(), MAX_FEATURES);
    check.count("rates", p.rates.len(), MAX_RATES);
    if !check.problems.is_empty() {
        return check.problems;
    }
    if p.format > FORMAT {
        check.error(
            "format",
            format!(
                "is {}: the file was written by a newer version of Inference ROI Planner (this \
                 version reads format {FORMAT})",
                p.format
            ),
        );
    } else if p.format != FORMAT {
        check.error("format", format!("must be {FORMAT}, got {}", p.format));
    }
    check.line("title", &p.title);
    check.currency("currency", &p.currency);
    if let Some(budget) = p.budget_monthly
        && budget < Decimal::ZERO
    {
        check.error(
            "budget_monthly",
            format!("must be at least 0, got {budget}"),
        );
    }
    for (i, f) in p.features.iter().enumerate() {
        let path = format!("features[{i}]");
        if f.file.trim().is_empty() {
            check.error(format!("{path}.file"), "must name a scenario file");
        }
        check.line(&format!("{path}.file"), &f.file);
        if let Some(team) = &f.team {
            check.line(&format!("{path}.team"), team);
        }
        if let Some(design) = &f.design {
            check.line(&format!("{path}.design"), design);
        }
    }
    let mut seen = HashSet::new();
    for (i, r) in p.rates.iter().enumerate() {
        let path = format!("rates[{i}]");
        check.currency(&format!("{path}.currency"), &r.currency);
        if r.currency == p.currency {
            check.error(
                format!("{path}.currency"),
                format!(
                    "is the portfolio's own currency ({}): its rate is 1; list only other currencies",
                    p.currency
                ),
            );
        } else if !seen.insert(r.currency.as_str()) {
            check.error(
                format!("{path}.currency"),
                format!(
                    "{:?} has a rate already: give each currency one rate",
                    r.currency
                ),
            );
        }
        if r.to_portfolio <= Decimal::ZERO || r.to_portfolio > MAX_RATE {
            check.error(
                format!("{path}.to_portfolio"),
                format!(
                    "must be above 0 and at most 1,000,000,000, got {}",
                    r.to_portfolio
                ),
            );
        }
        check.line(&format!("{path}.source"), &r.source);
    }
    check.problems
}

impl Checker {
    /// A one-line name of at most the names' length.
    fn line(&mut self, path: &str, value: &str) {
        self.name_length(path, value);
        self.one_line(path, value);
    }

    /// A three-letter ISO 4217 code in capitals.
    fn currency(&mut self, path: &str, value: &str) {
        if !(value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase())) {
            let shown: String = value.chars().take(20).collect();
            self.error(
                path,
                format!("must be a three-letter ISO 4217 code such as \"USD\", got {shown:?}"),
            );
        }
    }
}
