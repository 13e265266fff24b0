//! The Over time chart as a [`Scene`]: months along x (month 1 of the plan at 0, measured months
//! before it at negative positions), and one of three views up the y axis — monthly ROI (log,
//! bands shaded as on the main chart), cumulative net cash (linear, zero line, payback months
//! marked) or monthly cost (linear, the budget as a line, measured costs as points).

use std::collections::HashSet;
use std::hash::BuildHasher;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::axis::{Tick, labelled, multiple_label, roi_ticks};
use super::{
    ChartKind, Color, Curve, Marker, Note, Scene, SimulatedBand, bands_and_guides, palette, runs,
};
use crate::econ::simulate::timeline::TimelineSimulation;
use crate::econ::timeline::{DesignMonth, TimelineFigures};
use crate::format;
use crate::model::{Month, Scenario};

/// What the Over time chart shows up its y axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum TimelineView {
    /// ROI multiple each month, log scale, bands shaded.
    #[default]
    Roi,
    /// Cumulative net cash, one-time costs paid in month 1.
    Cash,
    /// Monthly cost, with the budget.
    Cost,
}

impl TimelineView {
    /// Every view, in toggle order.
    pub const ALL: [TimelineView; 3] = [TimelineView::Roi, TimelineView::Cash, TimelineView::Cost];

    /// The toggle's label.
    pub fn label(self) -> &'static str {
        match self {
            TimelineView::Roi => "Monthly ROI",
            TimelineView::Cash => "Cumulative net cash",
            TimelineView::Cost => "Monthly cost and budget",
        }
    }
}

/// Ticks every 1, 2, 3, 6 or 12 months (at most about a dozen labels), labelled `YYYY-MM`.
pub(crate) fn month_ticks(start: Month, lo: i32, hi: i32) -> Vec<Tick> {
    let span = hi - lo;
    let step = [1, 2, 3, 6, 12, 24]
        .into_iter()
        .find(|s| span / s <= 12)
        .unwrap_or(24);
    (lo..=hi)
        .filter(|m| m.rem_euclid(step) == 0)
        .map(|m| Tick {
            value: f64::from(m),
            label: start.plus(m).map(|month| month.to_string()),
            major: m.rem_euclid(12) == 0,
        })
        .collect()
}

/// A "nice" step (1, 2 or 5 × a power of ten) giving about six ticks over `span`.
fn nice_step(span: f64) -> f64 {
    let raw = (span / 6.0).max(f64::MIN_POSITIVE);
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|k| k * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power)
}

/// Linear money ticks over `lo..=hi`.
pub(crate) fn money_ticks(lo: f64, hi: f64, currency: &str) -> Vec<Tick> {
    let step = nice_step(hi - lo);
    let first = (lo / step).ceil();
    let last = (hi / step).floor();
    if !(first.is_finite() && last.is_finite()) || last - first > 40.0 {
        return Vec::new();
    }
    #[allow(clippy::cast_possible_truncation)]
    (first as i64..=last as i64)
        .map(|k| {
            #[allow(clippy::cast_precision_loss)]
            let value = k as f64 * step;
            let label = Decimal::from_f64_retain(value).map_or_else(String::new, |d| {
                let text = format::money(d.round(), currency);
                text.strip_suffix(".00")
                    .map_or(text.clone(), ToOwned::to_owned)
            });
            Tick {
                value,
                label: Some(label),
                major: k == 0,
            }
        })
        .collect()
}

/// The plotted value of a design in a month, where it is drawn.
fn y_of(view: TimelineView, d: &DesignMonth) -> Option<f64> {
    // Over capacity the design does not serve the month: no ROI or cost is drawn there.
    let y = match view {
        TimelineView::Roi | TimelineView::Cost if d.metrics.over_capacity => return None,
        TimelineView::Roi => d.metrics.roi_multiple?.to_f64()?.log10(),
        TimelineView::Cash => d.cumulative_net_cash.to_f64()?,
        TimelineView::Cost => d.metrics.monthly_cost.to_f64()?,
    };
    y.is_finite().then_some(y)
}

/// The y range of the values, padded; for ROI at least 0.3× to 30× so every band shows, and
/// for money always including 0.
pub(crate) fn y_range(view: TimelineView, values: &[f64]) -> (f64, f64) {
    let (mut lo, mut hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &y| {
            (lo.min(y), hi.max(y))
        });
    match view {
        TimelineView::Roi => {
            lo = lo.min(0.3f64.log10()).max(-3.0);
            hi = hi.max(30f64.log10()).min(5.0);
        }
        TimelineView::Cash | TimelineView::Cost => {
            lo = lo.min(0.0);
            hi = hi.max(0.0);
        }
    }
    if !(lo.is_finite() && hi.is_finite()) || hi - lo <= 0.0 {
        (lo, hi) = (-1.0, 1.0);
    }
    let pad = (hi - lo) * 0.06;
    (lo - pad, hi + pad)
}

/// The first and last month shown, relative to the plan's start: the plan's months and any
/// measured month before or after them.
fn month_extent(figures: &TimelineFigures, start: Month) -> (i32, i32) {
    let last = i32::try_from(figures.months.len()).unwrap_or(i32::MAX) - 1;
    let offsets = || figures.actuals.iter().map(|a| start.months_until(a.month));
    (
        offsets().min().unwrap_or(0).min(0),
        offsets().max().unwrap_or(0).max(last),
    )
}

/// The Over time chart of a scenario's timeline, leaving out the designs named in `hidden`.
pub fn timeline_scene(
    scenario: &Scenario,
    figures: &TimelineFigures,
    view: TimelineView,
    hidden: &HashSet<String, impl BuildHasher>,
    simulation: Option<&TimelineSimulation>,
) -> Scene {
    let currency = &scenario.currency;
    let Some(first) = figures.months.first() else {
        return empty(scenario, view);
    };
    let start = first.month;
    let (earliest, latest) = month_extent(figures, start);
    let x_extent = (f64::from(earliest), f64::from(latest));
    let x_bounds = (x_extent.0 - 0.6, x_extent.1 + 0.6);
    let visible: Vec<usize> = (0..scenario.designs.len())
        .filter(|&i| !hidden.contains(&scenario.designs[i].name))
        .collect();

    let (curves, mut marks, notes, mut values) = design_curves(scenario, figures, view, &visible);
    measured_marks(scenario, figures, view, &mut marks, &mut values);
    let simulated_bands = match (view, simulation) {
        (TimelineView::Cash, Some(sim)) => cash_bands(scenario, sim, &visible, &mut values),
        _ => Vec::new(),
    };
    let budget = scenario
        .timeline
        .as_ref()
        .and_then(|t| t.budget_monthly)
        .and_then(|b| b.to_f64());
    if view == TimelineView::Cost
        && let Some(b) = budget
    {
        values.push(b);
    }
    let (ymin, ymax) = y_range(view, &values);
    let (bands, guides, y_ticks, y_label) = match view {
        TimelineView::Roi => {
            let (bands, guides) = bands_and_guides(ChartKind::Roi, ymin, ymax);
            let ticks = labelled(roi_ticks(ymin, ymax), ymax - ymin, true, multiple_label);
            (
                bands,
                guides,
                ticks,
                "ROI multiple (value ÷ cost), log scale".to_owned(),
            )
        }
        TimelineView::Cash => (
            Vec::new(),
            vec![0.0],
            money_ticks(ymin, ymax, currency),
            format!("Cumulative net cash ({currency}), one-time costs in month 1"),
        ),
        TimelineView::Cost => (
            Vec::new(),
            budget.into_iter().collect(),
            money_ticks(ymin, ymax, currency),
            format!("Monthly cost ({currency}); dashed: the budget"),
        ),
    };
    Scene {
        kind: if view == TimelineView::Roi {
            ChartKind::Roi
        } else {
            ChartKind::Money
        },
        title: title(scenario),
        subtitle: scenario.timeline.as_ref().map_or_else(String::new, |t| {
            format!("{} · {}", currency, t.describe(&scenario.currency))
        }),
        x_label: "Month".to_owned(),
        y_label,
        x_extent,
        x_bounds,
        y_bounds: (ymin, ymax),
        x_ticks: month_ticks(start, earliest, latest),
        y_ticks,
        bands,
        guides,
        current: (0.0, format!("plan from {start}")),
        curves,
        break_evens: marks,
        crossovers: Vec::new(),
        crossover_note: String::new(),
        notes,
        left_out: Vec::new(),
        simulated_bands,
        legend_words: (
            match view {
                TimelineView::Roi | TimelineView::Cost => "measured month".to_owned(),
                TimelineView::Cash => "payback month".to_owned(),
            },
            "plan starts".to_owned(),
        ),
        before: None,
    }
}

/// Each visible design's curve, its payback (cash view), over-capacity and over-budget notes,
/// and the plotted values (for the y range).
fn design_curves(
    scenario: &Scenario,
    figures: &TimelineFigures,
    view: TimelineView,
    visible: &[usize],
) -> (Vec<Curve>, Vec<Marker>, Vec<Note>, Vec<f64>) {
    let start = figures.months.first().map_or(
        Month {
            year: 2027,
            month: 1,
        },
        |m| m.month,
    );
    let offset = |m: Month| f64::from(start.months_until(m));
    let mut curves = Vec::new();
    let mut marks = Vec::new();
    let mut notes = Vec::new();
    let mut values = Vec::new();
    for &i in visible {
        let points: Vec<Option<[f64; 2]>> = figures
            .months
            .iter()
            .enumerate()
            .map(|(m, row)| {
                let y = row
                    .designs
                    .get(i)?
                    .as_ref()
                    .ok()
                    .and_then(|d| y_of(view, d))?;
                #[allow(clippy::cast_precision_loss)]
                Some([m as f64, y])
            })
            .collect();
        if points.iter().all(Option::is_none) {
            continue;
        }
        values.extend(points.iter().flatten().map(|p| p[1]));
        let color = palette::design_color(i);
        let name = scenario.designs[i].name.clone();
        curves.push(Curve {
            design: i,
            name: name.clone(),
            color,
            dashed: false,
            runs: runs(points.iter().copied()),
        });
        let summary = &figures.designs[i];
        let at = |month: Month| -> Option<[f64; 2]> {
            let m = usize::try_from(start.months_until(month)).ok()?;
            let y = figures.months.get(m)?.designs.get(i)?.as_ref().ok()?;
            Some([
                offset(month),
                y_of(view, y).or_else(|| y.cumulative_net_cash.to_f64())?,
            ])
        };
        if view == TimelineView::Cash
            && let Some(month) = summary.payback
            && let Some(point) = at(month)
        {
            marks.push(Marker {
                at: point,
                color,
                label: format!("{name}: pays back in {month}"),
            });
        }
        if let Some(month) = summary.over_capacity_from
            && month != start
            && let Some(before) = month.plus(-1).and_then(at)
        {
            notes.push(Note {
                at: before,
                text: format!("over capacity from {month}"),
                color,
                rightward: false,
            });
        }
        if view == TimelineView::Cost
            && let Some(month) = summary.over_budget_from
            && let Some(point) = at(month)
        {
            notes.push(Note {
                at: point,
                text: format!("over budget from {month}"),
                color,
                rightward: false,
            });
        }
    }
    (curves, marks, notes, values)
}

/// The measured months as points (their own ROI, or cost), with their figures as labels.
fn measured_marks(
    scenario: &Scenario,
    figures: &TimelineFigures,
    view: TimelineView,
    marks: &mut Vec<Marker>,
    values: &mut Vec<f64>,
) {
    let currency = &scenario.currency;
    let start = figures.months.first().map_or(
        Month {
            year: 2027,
            month: 1,
        },
        |m| m.month,
    );
    let offset = |m: Month| f64::from(start.months_until(m));
    // Measured months: their own ROI or cost, as points on the same axes.
    let measured = Color::from_rgb(0x88, 0x88, 0x88);
    for a in &figures.actuals {
        let y = match view {
            TimelineView::Roi => a.roi_multiple.and_then(|r| r.to_f64()).map(f64::log10),
            TimelineView::Cost => a.cost.to_f64(),
            TimelineView::Cash => None,
        };
        if let Some(y) = y.filter(|y| y.is_finite()) {
            values.push(y);
            let what = match view {
                TimelineView::Roi => format!(
                    "ROI {}",
                    a.roi_multiple
                        .map_or_else(|| "—".to_owned(), format::multiple)
                ),
                _ => format!("cost {}", format::money(a.cost, currency)),
            };
            marks.push(Marker {
                at: [offset(a.month), y],
                color: measured,
                label: format!(
                    "{} measured: {what}, {} requests",
                    a.month,
                    format::count(a.requests)
                ),
            });
        }
    }
}

/// The simulated P10–P90 of cumulative net cash of each visible design (the cash view), its
/// values added to `values` for the y range.
fn cash_bands(
    scenario: &Scenario,
    sim: &TimelineSimulation,
    visible: &[usize],
    values: &mut Vec<f64>,
) -> Vec<SimulatedBand> {
    visible
        .iter()
        .filter_map(|&i| {
            let o = sim.designs.get(i)?.as_ref().ok()?;
            #[allow(clippy::cast_precision_loss)]
            let points: Vec<[f64; 4]> = (0..o.p50.len())
                .filter(|&m| o.p10[m].is_finite() && o.p90[m].is_finite())
                .map(|m| [m as f64, o.p10[m], o.p50[m], o.p90[m]])
                .collect();
            values.extend(points.iter().flat_map(|p| [p[1], p[3]]));
            Some(SimulatedBand {
                design: i,
                name: scenario.designs[i].name.clone(),
                color: palette::design_color(i),
                points,
            })
        })
        .collect()
}

fn title(scenario: &Scenario) -> String {
    if scenario.title.trim().is_empty() {
        "Untitled scenario".to_owned()
    } else {
        format!("{} — over time", scenario.title)
    }
}

/// A chart with nothing to show (a timeline of no months).
fn empty(scenario: &Scenario, view: TimelineView) -> Scene {
    Scene {
        kind: ChartKind::Roi,
        title: title(scenario),
        subtitle: String::new(),
        x_label: "Month".to_owned(),
        y_label: view.label().to_owned(),
        x_extent: (0.0, 1.0),
        x_bounds: (-0.5, 1.5),
        y_bounds: (-1.0, 1.0),
        x_ticks: Vec::new(),
        y_ticks: Vec::new(),
        bands: Vec::new(),
        guides: Vec::new(),
        current: (0.0, String::new()),
        curves: Vec::new(),
        break_evens: Vec::new(),
        crossovers: Vec::new(),
        crossover_note: String::new(),
        notes: Vec::new(),
        left_out: Vec::new(),
        simulated_bands: Vec::new(),
        legend_words: (String::new(), String::new()),
        before: None,
    }
}
