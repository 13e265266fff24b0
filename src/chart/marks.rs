//! The marks of a chart's designs: their curves (and value curves), where they run out of
//! capacity, their break-evens, and the crossovers between them.

use rust_decimal::prelude::ToPrimitive;

use super::data::ChartData;
use super::{ChartKind, Color, Curve, Marker, Note, palette, runs, ys_of};
use crate::format;
use crate::model::Scenario;

/// Per visible design: its curves (and value curve on the money chart), where it runs out of
/// capacity, and its break-even on the ROI chart.
pub(super) fn design_marks(
    scenario: &Scenario,
    data: &ChartData,
    visible: &[usize],
    kind: ChartKind,
    (vmin, vmax): (f64, f64),
    (xmin, xmax): (f64, f64),
) -> (Vec<Curve>, Vec<Note>, Vec<Marker>) {
    let mut curves = Vec::new();
    let mut notes = Vec::new();
    let mut break_evens = Vec::new();
    for &i in visible {
        if ys_of(kind, data, i, false).is_none() {
            continue;
        }
        let design = &scenario.designs[i];
        let color = palette::design_color(i);
        let value_curves: &[bool] = if kind == ChartKind::Money {
            &[false, true]
        } else {
            &[false]
        };
        for &value_curve in value_curves {
            let ys = ys_of(kind, data, i, value_curve).unwrap_or_default();
            let points = data
                .log_volumes
                .iter()
                .zip(ys)
                .map(|(&x, &y)| y.is_finite().then_some([x, y]));
            curves.push(Curve {
                design: i,
                name: if value_curve {
                    format!("{} (value)", design.name)
                } else {
                    design.name.clone()
                },
                color,
                dashed: value_curve,
                runs: runs(points),
            });
        }
        // Over capacity: say where the line stops.
        if let Some(Ok(p)) = data.prepared.get(i)
            && let Some(limit) = p.cost.capacity_limit
            && (limit as f64) < vmax
            && (limit as f64) >= vmin
            && let Ok(m) = p.metrics(limit.max(1))
        {
            let energy = || {
                let model = data.energy.get(i)?.as_ref()?;
                let (kwh, kg) = model.at(limit.max(1)).ok()?;
                let served = m.served_requests.to_f64()?;
                let per = |x: rust_decimal::Decimal| Some(x.to_f64()? * 1000.0 / served);
                match kind {
                    ChartKind::EnergyPerInference => per(kwh),
                    _ => per(kg?),
                }
            };
            let y = match kind {
                ChartKind::Roi => m.roi_multiple.and_then(|r| r.to_f64()),
                ChartKind::CostPerInference => m.cost_per_inference.to_f64(),
                ChartKind::Money => m.monthly_cost.to_f64(),
                ChartKind::EnergyPerInference | ChartKind::CarbonPerInference => energy(),
            };
            if let Some(y) = y.filter(|y| *y > 0.0) {
                // Beside the end of the line where there is room, else above it.
                let x = (limit as f64).log10();
                let rightward = (xmax - x) / (xmax - xmin) > 0.25;
                notes.push(Note {
                    at: [x, y.log10()],
                    text: format!("over capacity above {}", format::compact(limit)),
                    color,
                    rightward,
                });
            }
        }
        if kind == ChartKind::Roi
            && let Some(Ok(f)) = data.analysis.designs.get(i)
            && let Some(v) = f.break_even.first
            && (v as f64) >= vmin
            && (v as f64) <= vmax
        {
            break_evens.push(Marker {
                at: [(v as f64).log10(), 0.0],
                color,
                label: format!(
                    "{} breaks even at {} requests/month",
                    design.name,
                    format::count(v)
                ),
            });
        }
    }
    (curves, notes, break_evens)
}

/// The crossovers between visible designs, as markers on the ROI chart, and whether some pair
/// has more than it lists (the marks then show each pair's first ones only).
pub(super) fn crossover_marks(
    scenario: &Scenario,
    data: &ChartData,
    visible: &[usize],
) -> (Vec<Marker>, bool) {
    let mut crossovers = Vec::new();
    let mut more = false;
    for c in &data.analysis.crossovers {
        if !(visible.contains(&c.a) && visible.contains(&c.b)) {
            continue;
        }
        more |= c.more > 0 || c.searched_to.is_some();
        for &v in &c.volumes {
            if let Some(Ok(p)) = data.prepared.get(c.b)
                && let Ok(m) = p.metrics(v)
                && let Some(roi) = m.roi_multiple.and_then(|r| r.to_f64())
                && roi > 0.0
            {
                crossovers.push(Marker {
                    at: [(v as f64).log10(), roi.log10()],
                    color: Color::BLACK,
                    label: format!(
                        "{} ↔ {} cross at {} requests/month",
                        scenario.designs[c.a].name,
                        scenario.designs[c.b].name,
                        format::count(v)
                    ),
                });
            }
        }
    }
    (crossovers, more)
}
