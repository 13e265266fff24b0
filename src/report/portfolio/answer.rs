//! The portfolio's answer in two sentences, for the planner's Portfolio view and the review pack:
//! what the whole returns (its ROI, never a mean of the features' ROIs) and its band; then the
//! features that do not pay and the month the total first passes the budget.
//!
//! Names come from files other people wrote: the sentences are plain text, and each writer makes
//! them harmless for its format.

use super::Rollup;
use crate::econ::Band;
use crate::format;

/// The two sentences. Names are written as they are (untrusted: escape them where written).
pub fn answer(r: &Rollup) -> [String; 2] {
    let total = &r.total;
    let count = r.features.len();
    let features = if count == 1 { "feature" } else { "features" };
    let first = match (total.roi_multiple, total.band) {
        (Some(roi), Some(band)) => format!(
            "The {count} {features} cost {} a month and return {}: {} overall, {}.",
            format::money(total.monthly_cost.round_dp(2), &r.currency),
            format::money(total.monthly_value.round_dp(2), &r.currency),
            format::multiple(roi),
            band.label()
        ),
        (None, Some(band)) => format!(
            "The {count} {features} return {} a month at no cost: {}.",
            format::money(total.monthly_value.round_dp(2), &r.currency),
            band.label()
        ),
        _ if count == 0 => "No feature could be computed.".to_owned(),
        _ => format!(
            "The {count} {features} cost nothing and return nothing a month: there is no ROI to \
             give."
        ),
    };
    let losing: Vec<&str> = r
        .features
        .iter()
        .filter(|f| f.figures.band == Some(Band::Unsustainable))
        .map(|f| f.title.as_str())
        .collect();
    let pays = match losing.as_slice() {
        [] if count > 0 => "Every feature pays for itself".to_owned(),
        [] => String::new(),
        [one] => format!("One feature does not pay for itself ({one})"),
        many => format!(
            "{} features do not pay for themselves ({})",
            many.len(),
            many.join(", ")
        ),
    };
    let budget = match (r.budget_monthly, r.over_budget_from) {
        (Some(budget), Some(month)) => format!(
            "the monthly total passes the budget of {} in {month}",
            format::money(budget.round_dp(2), &r.currency)
        ),
        (Some(budget), None) => format!(
            "the monthly total stays within the budget of {}",
            format::money(budget.round_dp(2), &r.currency)
        ),
        (None, _) => "no budget is set".to_owned(),
    };
    let second = if pays.is_empty() {
        format!("{}.", capitalised(&budget))
    } else {
        format!("{pays}, and {budget}.")
    };
    [first, second]
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
