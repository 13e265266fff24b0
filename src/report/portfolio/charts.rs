//! A portfolio's two charts, as the scenario charts' own scenes so that the planner, the
//! export (`chart::render`) and the pack draw them alike:
//!
//! - [`plane_scene`]: the cost–value plane of the features at their current volumes, one point per
//!   feature coloured by team and sized by requests, in the bands' diagonal stripes;
//! - [`budget_scene`]: the monthly total cost and value over the months the features' timelines
//!   span, against the budget, the first month over it marked.
//!
//! Money is exact in the rollup; only the coordinates here are floats.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{FeatureFigures, Rollup};
use crate::chart::frontier::{
    FrontierScene, LegendEntry, PlanePoint, bounds, money_ticks, plane_at, stripes,
};
use crate::chart::timeline::{TimelineView, money_ticks as linear_ticks, month_ticks, y_range};
use crate::chart::{ChartKind, Color, Curve, Marker, Scene, palette};
use crate::format;
use crate::model::validate::name_key;

/// The smallest and largest marker radius of a feature, in points.
pub const RADIUS_RANGE: (f32, f32) = (4.0, 14.0);

/// The title of a portfolio's charts.
fn title(rollup: &Rollup) -> String {
    if rollup.title.trim().is_empty() {
        "Untitled portfolio".to_owned()
    } else {
        rollup.title.clone()
    }
}

/// A feature's name on the charts and in the pack: its scenario's title, else its file.
pub(super) fn feature_name(f: &FeatureFigures) -> &str {
    if f.title.trim().is_empty() {
        &f.file
    } else {
        &f.title
    }
}

/// The colour of a feature: its team's (the teams in the rollup's name order), grey without one.
fn team_color(rollup: &Rollup, team: Option<&str>) -> Color {
    let Some(team) = team else {
        return palette::NO_TEAM;
    };
    let key = name_key(team);
    rollup
        .teams
        .iter()
        .position(|t| name_key(&t.team) == key)
        .map_or(palette::NO_TEAM, palette::team_color)
}

/// A feature's marker radius: its area proportional to its requests, the portfolio's busiest
/// feature at 14 points, none under 4 (`14 × √(volume ÷ max volume)`, at least 4).
pub fn radius_of(volume: u64, max_volume: u64) -> f32 {
    let (lo, hi) = RADIUS_RANGE;
    if max_volume == 0 {
        return lo;
    }
    #[allow(clippy::cast_precision_loss)]
    let share = volume as f64 / max_volume as f64;
    #[allow(clippy::cast_possible_truncation)]
    let r = (f64::from(hi) * share.sqrt()) as f32;
    r.clamp(lo, hi)
}

/// The hover text of a feature's point.
fn hover(f: &FeatureFigures, currency: &str) -> String {
    let money = |d: Decimal| format::money(d, currency);
    let m = &f.figures;
    let roi = m
        .roi_multiple
        .map_or_else(|| "∞".to_owned(), format::multiple);
    let band = m.band.map_or("—", crate::econ::Band::label);
    format!(
        "{}\nfile {}\nteam {}\nruns {}\nmonthly cost {}\nmonthly value {}\nnet value {} / month\n\
         ROI {roi} ({band})\n{} requests/month",
        feature_name(f),
        f.file,
        f.team.as_deref().unwrap_or("—"),
        f.design,
        money(m.monthly_cost),
        money(m.monthly_value),
        money(m.monthly_net_value),
        format::count(f.volume),
    )
}

/// The cost–value plane of the features at their current volumes, in the portfolio's currency:
/// one filled point per feature (in `rollup.features` order; [`PlanePoint::design`] is the
/// feature's index there) at `[log10 monthly cost, log10 monthly value]`, coloured by team
/// ([`palette::team_color`] by the teams' name order; grey, [`palette::NO_TEAM`], without a team)
/// and sized by requests ([`radius_of`]); the band stripes and the 1×, 3× and 10× lines as on a
/// scenario's plane, with no frontier and no steps. A feature with no cost or no value cannot sit on
/// a log scale: it is left out, with the reason.
pub fn plane_scene(rollup: &Rollup) -> FrontierScene {
    let currency = rollup.currency.as_str();
    let max_volume = rollup.features.iter().map(|f| f.volume).max().unwrap_or(0);
    let mut points = Vec::new();
    let mut left_out = Vec::new();
    for (i, f) in rollup.features.iter().enumerate() {
        let m = &f.figures;
        let at = match plane_at(m.monthly_cost, m.monthly_value) {
            Ok(at) => at,
            Err(why) => {
                left_out.push(format!("{}: {why}", feature_name(f)));
                continue;
            }
        };
        points.push(PlanePoint {
            design: i,
            name: feature_name(f).to_owned(),
            color: team_color(rollup, f.team.as_deref()),
            at,
            on_frontier: true,
            dominated_by: None,
            band: m.band.unwrap_or(crate::econ::Band::Excellent),
            hover: hover(f, currency),
            radius: radius_of(f.volume, max_volume),
        });
    }
    let all: Vec<[f64; 2]> = points.iter().map(|p| p.at).collect();
    let (x_bounds, y_bounds) = bounds(&all);
    let (bands, guides) = stripes(x_bounds, y_bounds);
    let mut legend: Vec<LegendEntry> = rollup
        .teams
        .iter()
        .enumerate()
        .map(|(k, t)| LegendEntry {
            color: palette::team_color(k),
            label: t.team.clone(),
        })
        .collect();
    if rollup.features.iter().any(|f| f.team.is_none()) {
        legend.push(LegendEntry {
            color: palette::NO_TEAM,
            label: "no team".to_owned(),
        });
    }
    let volume = rollup
        .features
        .iter()
        .fold(0_u64, |sum, f| sum.saturating_add(f.volume));
    let summary = vec![format!(
        "{} features; size: requests a month (the busiest, {}, is the largest)",
        rollup.features.len(),
        format::count(max_volume)
    )];
    FrontierScene {
        title: title(rollup),
        subtitle: format!(
            "{currency} · {} features at their current volumes · {} requests/month in all · \
             size: requests/month",
            rollup.features.len(),
            format::count(volume)
        ),
        x_label: format!("Monthly cost ({currency}), log scale"),
        y_label: format!("Monthly value ({currency}), log scale"),
        volume,
        x_ticks: money_ticks(x_bounds, currency),
        y_ticks: money_ticks(y_bounds, currency),
        x_bounds,
        y_bounds,
        bands,
        guides,
        points,
        frontier: Vec::new(),
        steps: Vec::new(),
        summary,
        left_out,
        legend,
        point_labels: true,
    }
}

/// The monthly total cost and value of the portfolio over the months its features' timelines
/// span, against the budget, as the Over time "Monthly cost and budget" view draws a scenario's:
/// months along x (the first at 0), linear money up y, the curves "Total monthly cost" and "Total
/// monthly value", the budget as a dashed line (the scene's guide) when the portfolio has one, and
/// at the first month over it a marker and a rule labelled "over budget from 2027-03".
///
/// `None` when no feature has a timeline (`rollup.months` is empty): each feature then holds its
/// current figures, the total is one figure the table gives, and a chart of no months would show
/// nothing. A single month is still a chart: its two totals are points against the budget line,
/// which tells at a glance how far under or over it the month is.
pub fn budget_scene(rollup: &Rollup) -> Option<Scene> {
    let first = rollup.months.first()?.month;
    let currency = rollup.currency.as_str();
    let last = i32::try_from(rollup.months.len()).unwrap_or(i32::MAX) - 1;
    let x_extent = (0.0, f64::from(last));
    let money = |d: Decimal| d.to_f64().filter(|v| v.is_finite());
    let series = |pick: fn(&super::PortfolioMonth) -> Decimal| -> Vec<Option<[f64; 2]>> {
        (0_i32..)
            .zip(&rollup.months)
            .map(|(x, m)| money(pick(m)).map(|y| [f64::from(x), y]))
            .collect()
    };
    let cost = series(|m| m.monthly_cost);
    let value = series(|m| m.monthly_value);
    let budget = rollup.budget_monthly.and_then(money);
    let mut values: Vec<f64> = cost.iter().chain(&value).flatten().map(|p| p[1]).collect();
    values.extend(budget);
    let (ymin, ymax) = y_range(TimelineView::Cost, &values);
    let curve = |design: usize, name: &str, points: &[Option<[f64; 2]>]| Curve {
        design,
        name: name.to_owned(),
        color: palette::design_color(design),
        dashed: false,
        runs: crate::chart::runs(points.iter().copied()),
    };
    let curves = vec![
        curve(0, "Total monthly cost", &cost),
        curve(2, "Total monthly value", &value),
    ];
    let over = rollup.over_budget_from.and_then(|month| {
        let x = first.months_until(month);
        let at = cost.get(usize::try_from(x).ok()?).copied().flatten()?;
        Some((month, at))
    });
    let mut marks = Vec::new();
    let current = match over {
        Some((month, at)) => {
            let text = format!("over budget from {month}");
            marks.push(Marker {
                at,
                color: palette::band_color(crate::econ::Band::Unsustainable),
                label: text.clone(),
            });
            (at[0], text)
        }
        None => (0.0, format!("from {first}")),
    };
    let subtitle = match rollup.budget_monthly {
        Some(b) => format!(
            "{currency} · budget {} a month · {} months from {first}",
            format::money(b, currency),
            rollup.months.len()
        ),
        None => format!(
            "{currency} · no budget set · {} months from {first}",
            rollup.months.len()
        ),
    };
    Some(Scene {
        kind: ChartKind::Money,
        title: format!("{} — monthly total", title(rollup)),
        subtitle,
        x_label: "Month".to_owned(),
        y_label: if budget.is_some() {
            format!("Per month ({currency}); dashed: the budget")
        } else {
            format!("Per month ({currency})")
        },
        x_extent,
        x_bounds: (x_extent.0 - 0.6, x_extent.1 + 0.6),
        y_bounds: (ymin, ymax),
        x_ticks: month_ticks(first, 0, last),
        y_ticks: linear_ticks(ymin, ymax, currency),
        bands: Vec::new(),
        guides: budget.into_iter().collect(),
        current,
        curves,
        break_evens: marks,
        crossovers: Vec::new(),
        crossover_note: String::new(),
        notes: Vec::new(),
        left_out: Vec::new(),
        simulated_bands: Vec::new(),
        legend_words: (
            "first month over budget".to_owned(),
            if over.is_some() {
                "over budget from here".to_owned()
            } else {
                "first month".to_owned()
            },
        ),
        before: None,
    })
}
