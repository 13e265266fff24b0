//! The suggested routing in words and as JSON (`inference-roi route`).

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{exact, format};
use crate::econ::suggest::Suggestion;
use crate::model::{Route, Scenario};

/// "every one of the 256 routings was tried" or "a heuristic (…)".
pub fn how_found(suggestion: &Suggestion) -> String {
    if suggestion.exhaustive {
        format!(
            "exhaustive: all {} routings tried",
            format::whole(Decimal::from(suggestion.assignments))
        )
    } else if suggestion.stopped_early {
        "heuristic: best design per use case, then single moves while one improves; \
         stopped at its work limit, so a better routing may exist"
            .to_owned()
    } else {
        "heuristic: best design per use case, then single moves while one improves \
         (too many routings to try them all)"
            .to_owned()
    }
}

/// The routes, the figures and the best single design, aligned for a terminal.
pub fn route_text(scenario: &Scenario, suggestion: &Suggestion) -> String {
    let currency = &scenario.currency;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Suggested routing at {} requests/month ({})",
        format::whole(Decimal::from(suggestion.volume)),
        how_found(suggestion)
    );
    let routes = suggestion.design.serving.routes();
    let width = scenario
        .use_cases
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(0);
    for case in &scenario.use_cases {
        let target = routes
            .and_then(|r| r.get(&case.name))
            .and_then(Route::design)
            .unwrap_or("no AI");
        let _ = writeln!(out, "  {:<width$}  → {target}", case.name);
    }
    let m = &suggestion.metrics;
    let _ = writeln!(
        out,
        "Monthly net value {} · ROI {} · {} · serves {} of {} requests",
        format::money(m.monthly_net_value, currency),
        m.roi_multiple
            .map_or_else(|| "∞ (no cost)".to_owned(), format::multiple),
        m.band,
        format::whole(m.served_requests.round()),
        format::whole(Decimal::from(m.volume)),
    );
    match &suggestion.best_single {
        Some((d, b)) => {
            let _ = writeln!(
                out,
                "Best single design: {}, monthly net value {} · ROI {} · {}",
                scenario.designs[*d].name,
                format::money(b.monthly_net_value, currency),
                b.roi_multiple
                    .map_or_else(|| "∞ (no cost)".to_owned(), format::multiple),
                b.band
            );
        }
        None => {
            let _ = writeln!(
                out,
                "No single design serves this volume within its capacity."
            );
        }
    }
    out
}

/// `{"volume", "routes": {"use case": "design" | null}, "monthly_net_value", "roi_multiple",
/// "band", "exhaustive"}`, with the best single design beside it.
pub fn route_json(scenario: &Scenario, suggestion: &Suggestion) -> String {
    let routes: serde_json::Map<String, Value> = scenario
        .use_cases
        .iter()
        .map(|case| {
            let target = suggestion
                .design
                .serving
                .routes()
                .and_then(|r| r.get(&case.name))
                .and_then(Route::design);
            (case.name.clone(), json!(target))
        })
        .collect();
    let m = &suggestion.metrics;
    let value = json!({
        "volume": suggestion.volume,
        "routes": routes,
        "monthly_net_value": exact(m.monthly_net_value),
        "roi_multiple": m.roi_multiple.map(exact),
        "band": m.band.label(),
        "served_requests": exact(m.served_requests),
        "exhaustive": suggestion.exhaustive,
        "stopped_early": suggestion.stopped_early,
        "best_single_design": suggestion.best_single.as_ref().map(|(d, b)| json!({
            "name": scenario.designs[*d].name,
            "monthly_net_value": exact(b.monthly_net_value),
            "roi_multiple": b.roi_multiple.map(exact),
            "band": b.band.label(),
        })),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
