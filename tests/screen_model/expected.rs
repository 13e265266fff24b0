//! What the screen must show, computed afresh from the document by the core: the table, the
//! chart, the What-if tornado and the title.

use std::collections::HashSet;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable};
use inference_roi::chart::{ChartKind, Scene};
use inference_roi::econ::sweep::series_all;
use inference_roi::econ::validate;
use inference_roi::econ::{self, Prepared};
use inference_roi::model::{Scenario, Severity};
use inference_roi::report::whatif::roi_text;
use inference_roi::report::{ANSWER_FIRST, Dip, METRIC_LABELS, Report, dips, format};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::Model;
use crate::common::gui::App;

/// The text of every label on screen, in the order they are laid out.
fn labels(app: &App) -> Vec<String> {
    app.query_all_by_role(Role::Label)
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.value().or_else(|| node.label())
        })
        .collect()
}

/// The start of a refused design's row (the reason after it is not compared).
const NOT_COMPUTED: &str = "⚠ not computed: ";

/// The table's labels as the core says they must read, from "At … requests/month" to the last
/// crossover. Rows of designs the validator refuses read "⚠ not computed: …" (only the prefix
/// is compared).
/// The best design by a walk of its own — among the designs validation lets through, the
/// highest monthly net value within capacity, ties
/// to the higher ROI (value × the other's cost), then the earlier — and the line above the
/// table; no ★ when none nets more than 0.
fn best_line(
    scenario: &Scenario,
    analysis: &inference_roi::econ::Analysis,
    refused: &dyn Fn(usize) -> bool,
) -> (Option<usize>, Option<String>) {
    let within: Vec<(usize, &inference_roi::econ::Metrics)> = analysis
        .designs
        .iter()
        .enumerate()
        .filter(|(i, _)| !refused(*i))
        .filter_map(|(i, f)| f.as_ref().ok().map(|f| (i, &f.metrics)))
        .filter(|(_, m)| !m.over_capacity)
        .collect();
    let mut best: Option<(usize, &inference_roi::econ::Metrics)> = None;
    for &(i, m) in &within {
        let better = best.is_none_or(|(_, b)| {
            m.monthly_net_value > b.monthly_net_value
                || m.monthly_net_value == b.monthly_net_value
                    && m.monthly_value * b.monthly_cost > b.monthly_value * m.monthly_cost
        });
        if better {
            best = Some((i, m));
        }
    }
    let Some((b, m)) = best else {
        return (None, None);
    };
    let money = |d| format::money(d, &scenario.currency);
    let name = |i: usize| scenario.designs[i].name.clone();
    if m.monthly_net_value <= rust_decimal::Decimal::ZERO {
        return (
            None,
            Some(format!(
                "· none pays at this volume; least loss: {} ({}/month)",
                name(b),
                money(m.monthly_net_value)
            )),
        );
    }
    let mut line = format!("· best (highest monthly net value): ★ {}", name(b));
    let mut top: Option<(usize, &inference_roi::econ::Metrics)> = None;
    for &(i, m) in &within {
        if top.is_none_or(|(_, t)| {
            m.monthly_value * t.monthly_cost > t.monthly_value * m.monthly_cost
        }) {
            top = Some((i, m));
        }
    }
    if let Some((t, tm)) = top.filter(|(t, _)| *t != b) {
        let roi = tm
            .roi_multiple
            .map_or_else(|| "∞".to_owned(), format::multiple);
        line = format!("{line} · highest ROI: {} ({roi})", name(t));
    }
    (Some(b), Some(line))
}

fn expected_table(scenario: &Scenario) -> Vec<String> {
    let report = Report::new(scenario, scenario.volume.current);
    let analysis = &report.analysis;
    let problems = validate(scenario);
    let refused = |i: usize| {
        problems
            .iter()
            .any(|p| p.severity == Severity::Error && p.design_index().is_none_or(|d| d == i))
    };
    let mut out = vec![format!(
        "At {} requests/month",
        format::count(analysis.volume)
    )];
    let (best, line) = best_line(scenario, analysis, &refused);
    out.extend(line);
    // The energy columns (Wh, gCO₂e per inference, ROI with carbon) follow cost and value per
    // inference when a design has energy data; "—" where one has none.
    let energy: Vec<Option<inference_roi::econ::energy::Energy>> = scenario
        .designs
        .iter()
        .zip(&analysis.designs)
        .map(|(d, f)| {
            let f = f.as_ref().ok()?;
            inference_roi::econ::energy::energy(scenario, d, &f.metrics)
                .ok()
                .flatten()
        })
        .collect();
    let energy_at = energy.iter().any(Option::is_some).then_some(4);
    let with_energy = |cells: Vec<String>, extra: [String; 3]| -> Vec<String> {
        let mut cells = cells;
        if let Some(at) = energy_at {
            cells.splice(at..at, extra);
        }
        cells
    };
    out.push("Design".to_owned());
    out.extend(with_energy(
        ANSWER_FIRST
            .iter()
            .map(|&k| METRIC_LABELS[k].to_owned())
            .collect(),
        [
            "Wh per inference".to_owned(),
            "gCO₂e per inference".to_owned(),
            "ROI with carbon".to_owned(),
        ],
    ));
    for (i, (design, figures)) in scenario.designs.iter().zip(&analysis.designs).enumerate() {
        out.push(if best == Some(i) {
            format!("★ {}", design.name)
        } else {
            design.name.clone()
        });
        match figures {
            Ok(figures) if !refused(i) => {
                let cells = inference_roi::report::readable_cells(figures, &scenario.currency);
                let dash = || "—".to_owned();
                let e = energy[i].as_ref();
                let extra = [
                    e.map_or_else(dash, |e| {
                        format!("{} Wh", format::significant(e.wh_per_inference))
                    }),
                    e.and_then(|e| e.g_co2e_per_inference)
                        .map_or_else(dash, |g| format!("{} g", format::significant(g))),
                    e.and_then(|e| e.roi_with_carbon)
                        .map_or_else(dash, format::multiple),
                ];
                out.extend(with_energy(
                    ANSWER_FIRST.iter().map(|&k| cells[k].clone()).collect(),
                    extra,
                ));
            }
            _ => out.push(NOT_COMPUTED.to_owned()),
        }
    }
    out.extend(expected_volumes(scenario, &report, &refused));
    out
}

/// The "Volumes that matter" section's labels: per computed design its threshold volumes and
/// capacity (links — not labels — where they lie in the chart's range), the dip notes, the
/// crossovers.
fn expected_volumes(
    scenario: &Scenario,
    report: &Report,
    refused: &dyn Fn(usize) -> bool,
) -> Vec<String> {
    let analysis = &report.analysis;
    let mut out = Vec::new();
    out.push("Click a volume to move the current volume there.".to_owned());
    out.extend(
        [
            "Design",
            "Breaks even at",
            "Good (3×) from",
            "Excellent (10×) from",
            "Over capacity above",
        ]
        .map(str::to_owned),
    );
    let in_range = |v: u64| (scenario.volume.min..=scenario.volume.max).contains(&v);
    for (i, (design, figures)) in scenario.designs.iter().zip(&analysis.designs).enumerate() {
        let Ok(f) = figures else { continue };
        if refused(i) {
            continue;
        }
        out.push(design.name.clone());
        for threshold in [&f.break_even, &f.good_from, &f.excellent_from] {
            match threshold.first {
                Some(v) if in_range(v) => {}
                Some(v) => out.push(format::count(v)),
                None => out.push("never".to_owned()),
            }
        }
        match f.capacity_limit {
            Some(v) if in_range(v) => {}
            Some(v) => out.push(format::count(v)),
            None => out.push("—".to_owned()),
        }
    }
    // Each dip: its words, with its volumes as links (labels outside the chart's range).
    for dip in dips(report) {
        out.push(dip.lead.clone());
        if !in_range(dip.first) {
            out.push(format::count(dip.first));
        }
        out.push(dip.middle.clone());
        if let Some(holds) = dip.holds_from {
            if !in_range(holds) {
                out.push(format::count(holds));
            }
            out.push(Dip::TAIL.to_owned());
        }
    }
    let crossovers: Vec<_> = analysis
        .crossovers
        .iter()
        .filter(|c| !c.volumes.is_empty())
        .collect();
    if crossovers.is_empty() {
        out.push(
            "No crossovers in the chart's range: the order of the designs does not change."
                .to_owned(),
        );
    } else {
        out.push(format!(
            "Crossovers (ROI order changes), {}–{} requests/month:",
            format::compact(scenario.volume.min),
            format::compact(scenario.volume.max)
        ));
        for c in crossovers {
            out.push(format!(
                "◆ {} ↔ {}:",
                scenario.designs[c.a].name, scenario.designs[c.b].name
            ));
            out.extend(
                c.volumes
                    .iter()
                    .filter(|v| !in_range(**v))
                    .map(|v| format::count(*v)),
            );
            // A pair with more crossovers than it lists says how many more.
            out.extend(inference_roi::report::crossovers_beyond(c));
        }
    }
    out
}

/// Compares the table on screen with the core's.
fn check_table(shown: &[String], scenario: &Scenario, context: &str) {
    let expected = expected_table(scenario);
    let start = shown
        .iter()
        .position(|l| l.starts_with("At ") && l.ends_with(" requests/month"))
        .unwrap_or_else(|| panic!("{context}: no table heading in {shown:#?}"));
    for (k, want) in expected.iter().enumerate() {
        let got = shown.get(start + k).unwrap_or_else(|| {
            panic!("{context}: the table ends before {want:?}; expected {expected:#?}")
        });
        if want == NOT_COMPUTED {
            assert!(
                got.starts_with(NOT_COMPUTED),
                "{context}: expected a refused row, got {got:?}"
            );
        } else {
            assert_eq!(got, want, "{context}: table label {k} of {expected:#?}");
        }
    }
}

/// The chart drawn for the document: its curves at a handful of volumes equal the sweep's, and
/// the "now" marker is at the document's volume.
fn check_chart(app: &App, context: &str) {
    let scenario = app.state().scenario();
    let computed = &app.state().computed().chart;
    let prepared: Vec<Result<Prepared, econ::EconError>> = scenario
        .designs
        .iter()
        .map(|d| Prepared::new(scenario, d))
        .collect();
    assert_eq!(computed.curves.len(), scenario.designs.len(), "{context}");
    let n = computed.volumes.len();
    assert!(n > 1, "{context}: no curve volumes");
    assert_eq!(computed.volumes[0], scenario.volume.min.max(1), "{context}");
    assert_eq!(
        *computed.volumes.last().unwrap(),
        scenario.volume.max.max(scenario.volume.min.max(1) + 1),
        "{context}"
    );
    let picks: Vec<usize> = (0..5).map(|k| k * (n - 1) / 4).collect();
    let volumes: Vec<u64> = picks.iter().map(|&j| computed.volumes[j]).collect();
    let fresh = series_all(&prepared, &volumes);
    for (d, (shown, fresh)) in computed.curves.iter().zip(&fresh).enumerate() {
        let (Ok(shown), Ok(fresh)) = (shown, fresh) else {
            assert_eq!(shown.is_ok(), fresh.is_ok(), "{context}: design {d}");
            continue;
        };
        for (k, &j) in picks.iter().enumerate() {
            let (a, b) = (shown.roi[j], fresh.roi[k]);
            assert!(
                (a.is_nan() && b.is_nan())
                    || a.total_cmp(&b).is_eq()
                    || (a - b).abs() <= 1e-9 * b.abs(),
                "{context}: design {d} ROI at {} is {a} on the chart, {b} in the sweep",
                volumes[k]
            );
        }
    }
    let scene = Scene::new(
        scenario,
        computed,
        &HashSet::<String>::new(),
        ChartKind::Roi,
    );
    let now = (scenario.volume.current as f64).log10();
    assert!(
        (scene.current.0 - now).abs() < 1e-12,
        "{context}: now at {} for volume {}",
        scene.current.0,
        scenario.volume.current
    );
    assert_eq!(
        scene.current.1,
        format!("now: {}/mo", format::compact(scenario.volume.current)),
        "{context}"
    );
}

/// The tornado rows as the what-if panel must read them for design `index`.
fn expected_tornado(scenario: &Scenario, index: usize) -> Vec<String> {
    let Ok(tornado) = econ::whatif::sensitivity(scenario, index, Decimal::from(20)) else {
        return Vec::new();
    };
    if tornado.base_roi.is_none() {
        return Vec::new();
    }
    let text = |r: &Result<Option<Decimal>, econ::EconError>| {
        let f = r.as_ref().ok().copied().flatten()?.to_f64()?;
        Some(Decimal::from_f64_retain(f).map_or_else(|| "∞".to_owned(), |d| roi_text(Some(d))))
    };
    tornado
        .swings
        .iter()
        .filter_map(|w| {
            let label = if w.from_range {
                format!("{} (its range)", w.input.label(scenario))
            } else {
                w.input.label(scenario)
            };
            Some(format!(
                "{label}: ROI {} lowered, {} raised",
                text(&w.roi_low)?,
                text(&w.roi_high)?
            ))
        })
        .collect()
}

fn check_what_if(shown: &[String], scenario: &Scenario, context: &str) {
    let Some(heading) = shown
        .iter()
        .find(|l| l.starts_with("What moves the ROI of "))
    else {
        return;
    };
    let name = heading
        .trim_start_matches("What moves the ROI of ")
        .trim_end_matches('?');
    let index = scenario
        .designs
        .iter()
        .position(|d| d.name == name)
        .unwrap_or_else(|| panic!("{context}: the what-if panel names {name:?}, not a design"));
    let rows: Vec<&String> = shown
        .iter()
        .filter(|l| l.contains(": ROI ") && l.ends_with(" raised"))
        .collect();
    let expected = expected_tornado(scenario, index);
    assert_eq!(
        rows.len(),
        expected.len(),
        "{context}: tornado of {name}: {rows:#?} vs {expected:#?}"
    );
    for (got, want) in rows.iter().zip(&expected) {
        assert_eq!(*got, want, "{context}: tornado of {name}");
    }
}

fn check_title(app: &App, model: &Model, shown: &[String], context: &str) {
    let state = app.state();
    let scenario = state.scenario();
    let dirty = model.saved.as_ref() != Some(scenario);
    assert_eq!(
        state.document().is_dirty(),
        dirty,
        "{context}: unsaved mark"
    );
    let title = state.window_title();
    let mark = if dirty { "● " } else { "" };
    assert!(
        title.starts_with(&format!("{mark}{}", model.name)),
        "{context}: title {title:?}, expected {mark}{}",
        model.name
    );
    let heading = if scenario.title.is_empty() {
        "Untitled scenario"
    } else {
        &scenario.title
    };
    assert!(
        shown.iter().any(|l| l == heading),
        "{context}: the heading {heading:?} is not on screen"
    );
}

/// The Portfolio view shows the portfolio's files as they are on disk: the roll-up equals one
/// computed afresh from the files, each feature's title and monthly cost are on screen, and the
/// window is titled after the portfolio.
fn check_portfolio(app: &App, model: &Model, context: &str) {
    let fresh = inference_roi::report::portfolio::open(&model.portfolio).map_err(|e| e.to_string());
    let state = app.state();
    let shown_rollup = state.portfolio_rollup().expect("a portfolio is open");
    assert_eq!(shown_rollup, &fresh, "{context}: the portfolio's figures");
    let shown = labels(app);
    if let Ok(rollup) = &fresh {
        for f in &rollup.features {
            let cost = inference_roi::report::format::money(
                f.figures.monthly_cost.round_dp(2),
                &rollup.currency,
            );
            assert!(
                shown.iter().any(|l| l == &f.title),
                "{context}: feature {:?} not on screen",
                f.title
            );
            assert!(
                shown.iter().any(|l| l == &cost),
                "{context}: {}'s cost {cost} not on screen",
                f.file
            );
        }
    }
    let title = state.window_title();
    assert!(
        title.starts_with("portfolio.ron ("),
        "{context}: title {title:?}"
    );
}

/// Everything on screen belongs to the document shown.
pub fn check_screen(app: &App, model: &Model, context: &str) {
    assert_eq!(
        app.state().portfolio_shown(),
        model.portfolio_shown,
        "{context}: the Portfolio view shown"
    );
    if model.portfolio_shown {
        check_portfolio(app, model, context);
        return;
    }
    let shown = labels(app);
    let scenario = app.state().scenario().clone();
    check_title(app, model, &shown, context);
    check_chart(app, context);
    if model.what_if {
        check_what_if(&shown, &scenario, context);
    } else {
        check_table(&shown, &scenario, context);
    }
    if model.frontier {
        check_frontier(app, &shown, &scenario, context);
    }
}

/// The Frontier tab's sentences, from a walk of their own over a fresh analysis: the designs
/// shown (not refused, computed, within capacity) that no other shown design dominates (costs
/// no more and is worth no less, one strictly), cheapest first, ties in file order; and each
/// dominated one drawn (cost and value above 0) with the frontier design dominating it that
/// nets the most (ties: the higher ROI, then the earlier).
fn check_frontier(app: &App, shown: &[String], scenario: &Scenario, context: &str) {
    let analysis = econ::analyse(scenario, scenario.volume.current);
    let excluded = &app.state().computed().chart.excluded;
    let candidates: Vec<(usize, &econ::Metrics)> = analysis
        .designs
        .iter()
        .enumerate()
        .filter(|(i, _)| excluded.get(*i).is_none_or(Option::is_none))
        .filter_map(|(i, f)| f.as_ref().ok().map(|f| (i, &f.metrics)))
        .filter(|(_, m)| !m.over_capacity)
        .collect();
    let dominates = |b: &econ::Metrics, a: &econ::Metrics| {
        b.monthly_cost <= a.monthly_cost
            && b.monthly_value >= a.monthly_value
            && (b.monthly_cost < a.monthly_cost || b.monthly_value > a.monthly_value)
    };
    let mut frontier: Vec<(usize, &econ::Metrics)> = candidates
        .iter()
        .filter(|(_, a)| !candidates.iter().any(|(_, b)| dominates(b, a)))
        .copied()
        .collect();
    frontier.sort_by(|(i, a), (j, b)| a.monthly_cost.cmp(&b.monthly_cost).then(i.cmp(j)));
    let name = |i: usize| scenario.designs[i].name.clone();
    if !frontier.is_empty() {
        let names: Vec<String> = frontier.iter().map(|(i, _)| name(*i)).collect();
        let line = format!("Frontier, cheapest first: {}", names.join(" → "));
        assert!(
            shown.contains(&line),
            "{context}: no line {line:?} in {shown:?}"
        );
    }
    let mut beaten = Vec::new();
    for &(i, m) in &candidates {
        if frontier.iter().any(|(f, _)| *f == i)
            || m.monthly_cost.is_zero()
            || m.monthly_value.is_zero()
        {
            continue;
        }
        let by = frontier
            .iter()
            .filter(|(_, f)| dominates(f, m))
            .max_by(|(j, a), (k, b)| {
                a.monthly_net_value
                    .cmp(&b.monthly_net_value)
                    .then(
                        (a.monthly_value * b.monthly_cost).cmp(&(b.monthly_value * a.monthly_cost)),
                    )
                    .then(k.cmp(j))
            })
            .map(|(j, _)| *j)
            .unwrap();
        beaten.push(format!("{} (by {})", name(i), name(by)));
    }
    if !beaten.is_empty() {
        let line = format!("Dominated: {}", beaten.join(", "));
        assert!(
            shown.contains(&line),
            "{context}: no line {line:?} in {shown:?}"
        );
    }
}
