//! JSON output: exact decimals as strings, volumes as integers, `null` where undefined.

use serde_json::{Value, json};

use super::{Report, SweepReport, exact};
use crate::econ::use_cases::by_use_case;
use crate::econ::{Band, DesignFigures};
use crate::model::{Design, Scenario};

fn dec(value: Option<rust_decimal::Decimal>) -> Value {
    value.map_or(Value::Null, |d| Value::String(exact(d)))
}

/// A design's figures per use case (`docs/method.md#use-cases`), or why they could not be computed.
fn by_use_case_json(scenario: &Scenario, design: &Design, figures: &DesignFigures) -> Value {
    match by_use_case(scenario, design, &figures.metrics) {
        Ok(cases) => Value::Array(
            cases
                .iter()
                .map(|u| {
                    let mut row = json!({
                        "use_case": scenario.use_cases[u.use_case].name,
                        "requests": exact(u.requests),
                        "cost_per_inference": exact(u.cost_per_inference),
                        "value_per_inference": exact(u.value_per_inference),
                        "roi_multiple": dec(u.roi_multiple),
                        "band": u.band.label(),
                        "monthly_cost": exact(u.monthly_cost),
                        "monthly_value": exact(u.monthly_value),
                        "monthly_net_value": exact(u.monthly_net_value),
                    });
                    if let Some(d) = u.served_by {
                        row["served_by"] = json!(scenario.designs[d].name);
                    }
                    row
                })
                .collect(),
        ),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

pub(crate) fn design_json(scenario: &Scenario, index: usize, figures: &DesignFigures) -> Value {
    let m = &figures.metrics;
    let design = &scenario.designs[index];
    let name = &design.name;
    let mut value = json!({
        "name": name,
        "monthly_cost": exact(m.monthly_cost),
        "monthly_value": exact(m.monthly_value),
        "monthly_net_value": exact(m.monthly_net_value),
        "cost_per_inference": exact(m.cost_per_inference),
        "value_per_inference": exact(m.value_per_inference),
        "cost_to_value": dec(m.cost_to_value),
        "roi_multiple": dec(m.roi_multiple),
        "net_value_per_inference": exact(m.net_value_per_inference),
        "successful_requests": exact(m.successful_requests),
        "cost_per_success": dec(m.cost_per_success),
        "band": m.band.label(),
        "tokens_per_month": dec(m.tokens_per_month),
        "cost_per_million_tokens": dec(m.cost_per_million_tokens),
        "instances": m.instances,
        "stage_instances": m.stage_instances,
        "over_capacity": m.over_capacity,
        "capacity_limit_volume": figures.capacity_limit,
        "break_even_volume": figures.break_even.first,
        "good_from_volume": figures.good_from.first,
        "excellent_from_volume": figures.excellent_from.first,
        "break_even_holds_from": figures.break_even.holds_from,
        "good_holds_from": figures.good_from.holds_from,
        "excellent_holds_from": figures.excellent_from.holds_from,
        "value_needed_for_good": dec(m.value_needed_for(Band::Good)),
        "value_needed_for_excellent": dec(m.value_needed_for(Band::Excellent)),
        "by_use_case": by_use_case_json(scenario, design, figures),
    });
    for (key, field) in super::energy::energy_json(scenario, design, m) {
        value[key] = field;
    }
    if let Some(routes) = design.serving.routes() {
        value["served_requests"] = json!(exact(m.served_requests));
        value["routes"] = routes
            .iter()
            .map(|(case, route)| (case.clone(), json!(route.design())))
            .collect::<serde_json::Map<String, Value>>()
            .into();
    }
    value
}

/// The comparison as JSON (pretty-printed).
pub fn report_json(report: &Report) -> String {
    let s = report.scenario;
    let choice = report.analysis.choice();
    let designs: Vec<Value> = report
        .rows()
        .enumerate()
        .map(|(i, (name, figures))| match figures {
            Ok(f) => {
                let mut value = design_json(s, i, f);
                value["dominated_by"] = json!(choice.dominated_by(i).map(|by| report.name(by)));
                value
            }
            Err(e) => json!({ "name": name, "error": e.to_string() }),
        })
        .collect();
    let upgrades: Vec<Value> = choice
        .upgrades
        .iter()
        .map(|u| {
            json!({
                "from": report.name(u.from),
                "to": report.name(u.to),
                "extra_monthly_cost": exact(u.extra_monthly_cost),
                "extra_monthly_value": exact(u.extra_monthly_value),
                "incremental_roi": dec(u.incremental_roi),
                "band": u.band.map(Band::label),
            })
        })
        .collect();
    let crossovers: Vec<Value> = report
        .analysis
        .crossovers
        .iter()
        .map(|c| {
            json!({
                "a": report.name(c.a),
                "b": report.name(c.b),
                "volumes": c.volumes,
                "more": c.more,
                "searched_to": c.searched_to,
            })
        })
        .collect();
    let value = json!({
        "title": s.title,
        "currency": s.currency,
        "hours_per_month": exact(s.hours_per_month),
        "volume": report.analysis.volume,
        "best": choice.best.map(|i| report.name(i)),
        "best_by": "monthly_net_value",
        "highest_roi": choice.highest_roi.map(|i| report.name(i)),
        "none_pays": choice.none_pays,
        "frontier": choice.frontier.iter().map(|&i| report.name(i)).collect::<Vec<_>>(),
        "upgrades": upgrades,
        "designs": designs,
        "crossovers": crossovers,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The sweep as JSON: volumes and, per design, ROI and cost per inference (`null` where over
/// capacity).
pub fn sweep_json(report: &SweepReport) -> String {
    let finite = |xs: &[f64]| -> Vec<Value> {
        xs.iter()
            .map(|x| if x.is_finite() { json!(x) } else { Value::Null })
            .collect()
    };
    let designs: Vec<Value> = report
        .scenario
        .designs
        .iter()
        .zip(&report.sweep.series)
        .map(|(design, series)| match series {
            Ok(s) => json!({
                "name": design.name,
                "roi_multiple": finite(&s.roi),
                "cost_per_inference": finite(&s.cost_per_inference),
                "monthly_cost": finite(&s.monthly_cost),
                "monthly_value": finite(&s.monthly_value),
            }),
            Err(e) => json!({ "name": design.name, "error": e.to_string() }),
        })
        .collect();
    let value = json!({
        "title": report.scenario.title,
        "currency": report.scenario.currency,
        "volumes": report.sweep.volumes,
        "designs": designs,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
