//! The cost–value plane as data: monthly cost along x and monthly value up y, both on log
//! scales, at one volume. Value = k × cost is the line y = x + log10 k there, so the bands are
//! diagonal stripes between the 1×, 3× and 10× lines; a design's point sits in its band. The
//! efficient frontier (`econ::choice`) is a line through the designs nothing dominates, each
//! step labelled with its incremental ROI; dominated designs are drawn hollow.
//!
//! Every shape is computed here, clipped to the visible box, in `log10` coordinates, so the
//! planner (`egui_plot`) and the export (`render`) only fill polygons and draw lines.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::hash::BuildHasher;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::axis::{Tick, decade_ticks, labelled, money_label};
use super::{Color, palette, subtitle};
use crate::econ::choice::{Choice, Standing, choose};
use crate::econ::{Analysis, Band, Metrics};
use crate::format;
use crate::model::Scenario;

/// One band's stripe, clipped to the visible box.
#[derive(Debug, Clone, PartialEq)]
pub struct BandStripe {
    /// Which band.
    pub band: Band,
    /// The clipped stripe, a convex polygon in `log10` coordinates (at least three corners).
    pub polygon: Vec<[f64; 2]>,
    /// Where its label goes, when the stripe is wide enough there to hold one: the middle of
    /// where the stripe meets the right edge (as on the ROI chart), else the top edge.
    pub label_at: Option<([f64; 2], LabelEdge)>,
}

/// The edge of the box a band's label sits against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelEdge {
    /// Against the right edge, vertically centred on the stripe: ends at the point.
    Right,
    /// Under the top edge, horizontally centred on the stripe: hangs below the point.
    Top,
}

/// Where a stripe's label goes: the middle of the stripe's stretch of the right edge when it
/// is at least a tenth of the height, else of the top edge when it is a tenth of the width.
fn label_place(
    polygon: &[[f64; 2]],
    x: (f64, f64),
    y: (f64, f64),
) -> Option<([f64; 2], LabelEdge)> {
    let stretch = |axis: usize, at: f64| {
        polygon
            .iter()
            .filter(|p| (p[1 - axis] - at).abs() < 1e-9)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p[axis]), hi.max(p[axis]))
            })
    };
    let (lo, hi) = stretch(1, x.1);
    if hi - lo >= (y.1 - y.0) * 0.1 {
        return Some(([x.1, f64::midpoint(lo, hi)], LabelEdge::Right));
    }
    let (lo, hi) = stretch(0, y.1);
    (hi - lo >= (x.1 - x.0) * 0.1).then(|| ([f64::midpoint(lo, hi), y.1], LabelEdge::Top))
}

/// A threshold line value = k × cost (k = 1, 3, 10), clipped to the visible box.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    /// The multiple k.
    pub multiple: f64,
    /// Its two ends in `log10` coordinates.
    pub ends: [[f64; 2]; 2],
}

/// The radius of a design's point on the plane, in points.
pub const POINT_RADIUS: f32 = 7.0;

/// One design on the plane (or, on a portfolio's plane, one feature).
#[derive(Debug, Clone, PartialEq)]
pub struct PlanePoint {
    /// Index of the design in the scenario.
    pub design: usize,
    /// The design's name (untrusted text: escape it where it is written).
    pub name: String,
    /// The design's colour.
    pub color: Color,
    /// `[log10 monthly cost, log10 monthly value]`.
    pub at: [f64; 2],
    /// On the frontier (filled); dominated designs are drawn hollow.
    pub on_frontier: bool,
    /// The design that dominates it, by name.
    pub dominated_by: Option<String>,
    /// Its band at this volume.
    pub band: Band,
    /// The figures, one per line: cost, value, net value, ROI and band, cost per success, and
    /// its standing.
    pub hover: String,
    /// The marker's radius in points: [`POINT_RADIUS`] for a design; a portfolio's features
    /// are sized by their requests.
    pub radius: f32,
}

/// A legend entry of its own: a filled dot of `color` and its label (a portfolio's teams).
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// The dot's colour.
    pub color: Color,
    /// What it stands for (untrusted text: escape it where it is written).
    pub label: String,
}

/// A step along the frontier: its label at the middle of the segment.
#[derive(Debug, Clone, PartialEq)]
pub struct StepLabel {
    /// Scenario index of the cheaper design.
    pub from: usize,
    /// Scenario index of the dearer design.
    pub to: usize,
    /// The middle of the segment, in `log10` coordinates.
    pub at: [f64; 2],
    /// The incremental ROI: `0.40×`, or `—` for a step that costs nothing more.
    pub text: String,
    /// The band of the incremental ROI, when it has one.
    pub band: Option<Band>,
    /// The step in words: extra cost, extra value and their ratio.
    pub hover: String,
}

/// Everything the cost–value plane shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontierScene {
    /// The scenario's title.
    pub title: String,
    /// Currency, hours per month, the volume and the oldest source's date.
    pub subtitle: String,
    /// The x axis's title.
    pub x_label: String,
    /// The y axis's title.
    pub y_label: String,
    /// The volume of the figures.
    pub volume: u64,
    /// The visible x range (`log10` monthly cost).
    pub x_bounds: (f64, f64),
    /// The visible y range (`log10` monthly value).
    pub y_bounds: (f64, f64),
    /// X ticks (money).
    pub x_ticks: Vec<Tick>,
    /// Y ticks (money).
    pub y_ticks: Vec<Tick>,
    /// The bands' stripes that show, from Unsustainable (bottom right) to Excellent (top left).
    pub bands: Vec<BandStripe>,
    /// The 1×, 3× and 10× lines that cross the box.
    pub guides: Vec<Guide>,
    /// One point per shown design, in design order.
    pub points: Vec<PlanePoint>,
    /// The frontier's line through its designs, cheapest first.
    pub frontier: Vec<[f64; 2]>,
    /// One label per step of the frontier.
    pub steps: Vec<StepLabel>,
    /// Short sentences for readers: the frontier in order, and who dominates whom.
    pub summary: Vec<String>,
    /// Designs that are not plotted, with the reason.
    pub left_out: Vec<String>,
    /// When not empty, the legend's entries instead of one per point: a portfolio's plane
    /// colours its features by team.
    pub legend: Vec<LegendEntry>,
    /// Each point's name is written beside it: a portfolio's features, whose legend names the
    /// teams rather than the points.
    pub point_labels: bool,
}

/// An incremental ROI as a segment's label: two decimals below 10× (`0.40×`, `6.11×`), the
/// report's precision otherwise; `—` for a step that costs nothing more.
pub fn step_label(incremental_roi: Option<Decimal>) -> String {
    match incremental_roi {
        None => "—".to_owned(),
        Some(r) if r >= Decimal::new(1, 1) && r < Decimal::TEN => format!("{:.2}×", r.round_dp(2)),
        Some(r) => format::multiple(r),
    }
}

/// `log10` of a positive figure; `None` for zero, negative or unrepresentable ones.
fn log10_of(value: Decimal) -> Option<f64> {
    let v = value.to_f64()?;
    (v > 0.0 && v.is_finite()).then(|| v.log10())
}

/// Where a monthly cost and value sit on the plane (`log10` of each), or why a log scale cannot
/// show them ("costs nothing a month, which a log scale cannot show").
pub(crate) fn plane_at(cost: Decimal, value: Decimal) -> Result<[f64; 2], &'static str> {
    match (log10_of(cost), log10_of(value)) {
        (Some(x), Some(y)) => Ok([x, y]),
        _ if cost.is_zero() => Err("costs nothing a month, which a log scale cannot show"),
        _ => Err("is worth nothing a month, which a log scale cannot show"),
    }
}

/// The polygon clipped to the half-plane `sign × (y − x − c) ≥ 0` (Sutherland–Hodgman).
fn clip_half_plane(polygon: &[[f64; 2]], c: f64, sign: f64) -> Vec<[f64; 2]> {
    let inside = |p: [f64; 2]| sign * (p[1] - p[0] - c) >= 0.0;
    let cross = |a: [f64; 2], b: [f64; 2]| {
        let (fa, fb) = (a[1] - a[0] - c, b[1] - b[0] - c);
        let t = fa / (fa - fb);
        [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
    };
    let mut out = Vec::new();
    for (k, &b) in polygon.iter().enumerate() {
        let a = polygon[(k + polygon.len() - 1) % polygon.len()];
        match (inside(a), inside(b)) {
            (true, true) => out.push(b),
            (true, false) => out.push(cross(a, b)),
            (false, true) => {
                out.push(cross(a, b));
                out.push(b);
            }
            (false, false) => {}
        }
    }
    out
}

/// The area of a polygon (shoelace).
fn area(polygon: &[[f64; 2]]) -> f64 {
    let n = polygon.len();
    (0..n)
        .map(|k| {
            let (a, b) = (polygon[k], polygon[(k + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum::<f64>()
        .abs()
        / 2.0
}

/// The bands' stripes and the threshold lines within the box `x × y`.
pub(crate) fn stripes(x: (f64, f64), y: (f64, f64)) -> (Vec<BandStripe>, Vec<Guide>) {
    let rect = [[x.0, y.0], [x.1, y.0], [x.1, y.1], [x.0, y.1]];
    let box_area = area(&rect);
    let edge = |band: Band| band.threshold_f64().map(f64::log10);
    let mut bands = Vec::new();
    for (k, band) in Band::ALL.iter().enumerate() {
        let mut polygon = rect.to_vec();
        if let Some(lo) = edge(*band) {
            polygon = clip_half_plane(&polygon, lo, 1.0);
        }
        if let Some(hi) = Band::ALL.get(k + 1).and_then(|b| edge(*b)) {
            polygon = clip_half_plane(&polygon, hi, -1.0);
        }
        if polygon.len() < 3 || area(&polygon) <= box_area * 1e-6 {
            continue;
        }
        let label_at = label_place(&polygon, x, y);
        bands.push(BandStripe {
            band: *band,
            polygon,
            label_at,
        });
    }
    let guides = Band::ALL
        .into_iter()
        .filter_map(Band::threshold_f64)
        .filter_map(|multiple| {
            let c = multiple.log10();
            // The line y = x + c enters and leaves the box where x and y are both inside it.
            let from = x.0.max(y.0 - c);
            let to = x.1.min(y.1 - c);
            (to > from).then_some(Guide {
                multiple,
                ends: [[from, from + c], [to, to + c]],
            })
        })
        .collect();
    (bands, guides)
}

/// The visible box: every point with a margin, both axes spanning the same number of decades
/// (at least one), so that the threshold lines run at the same slope on every scenario.
pub(crate) fn bounds(points: &[[f64; 2]]) -> ((f64, f64), (f64, f64)) {
    let fold = |axis: usize| {
        points
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p[axis]), hi.max(p[axis]))
            })
    };
    let (x, y) = (fold(0), fold(1));
    let (x, y) = if x.0.is_finite() && y.0.is_finite() {
        (x, y)
    } else {
        ((2.0, 4.0), (2.0, 4.0))
    };
    let span = (x.1 - x.0).max(y.1 - y.0).max(1.0) * 1.25;
    let around = |(lo, hi): (f64, f64)| {
        let mid = f64::midpoint(lo, hi);
        (mid - span / 2.0, mid + span / 2.0)
    };
    (around(x), around(y))
}

/// The hover text of a design's point.
fn point_hover(name: &str, m: &Metrics, currency: &str, standing: &str) -> String {
    let money = |d: Decimal| format::money(d, currency);
    let roi = m
        .roi_multiple
        .map_or_else(|| "∞".to_owned(), format::multiple);
    let per_success = m.cost_per_success.map_or_else(|| "—".to_owned(), money);
    format!(
        "{name}\nmonthly cost {}\nmonthly value {}\nnet value {} / month\nROI {roi} ({})\n\
         cost per success {per_success}\n{standing}",
        money(m.monthly_cost),
        money(m.monthly_value),
        money(m.monthly_net_value),
        m.band,
    )
}

impl FrontierScene {
    /// The plane at the analysis's volume, leaving out the designs named in `hidden`. The
    /// frontier and dominance are those among the shown designs.
    pub fn new(
        scenario: &Scenario,
        analysis: &Analysis,
        hidden: &HashSet<String, impl BuildHasher>,
    ) -> FrontierScene {
        Self::build(scenario, analysis, hidden, &[])
    }

    /// The plane of the planner's computed figures: as [`FrontierScene::new`], leaving out the
    /// designs the table leaves out (`excluded`, each with its reason).
    pub fn with_excluded(
        scenario: &Scenario,
        analysis: &Analysis,
        hidden: &HashSet<String, impl BuildHasher>,
        excluded: &[Option<String>],
    ) -> FrontierScene {
        Self::build(scenario, analysis, hidden, excluded)
    }

    fn build(
        scenario: &Scenario,
        analysis: &Analysis,
        hidden: &HashSet<String, impl BuildHasher>,
        excluded: &[Option<String>],
    ) -> FrontierScene {
        let currency = scenario.currency.as_str();
        let name = |i: usize| scenario.designs.get(i).map_or("", |d| d.name.as_str());
        let (shown, mut left_out) = shown(scenario, analysis, hidden, excluded);
        let choice = choose(&shown);
        let mut points = Vec::new();
        for (i, m) in shown.iter().enumerate() {
            let Some(m) = m else { continue };
            let at = match plane_at(m.monthly_cost, m.monthly_value) {
                Ok(at) => at,
                Err(why) => {
                    left_out.push(format!("{}: {why}", name(i)));
                    continue;
                }
            };
            let dominated_by = choice.dominated_by(i).map(|by| name(by).to_owned());
            let standing = match (&dominated_by, choice.best == Some(i)) {
                (Some(by), _) => format!("dominated by {by}"),
                (None, true) => "on the frontier; the best: the highest net value".to_owned(),
                (None, false) => "on the frontier".to_owned(),
            };
            points.push(PlanePoint {
                design: i,
                name: name(i).to_owned(),
                color: palette::design_color(i),
                at,
                on_frontier: choice.standing.get(i) == Some(&Standing::Frontier),
                dominated_by,
                band: m.band,
                hover: point_hover(name(i), m, currency, &standing),
                radius: POINT_RADIUS,
            });
        }
        let at = |i: usize| points.iter().find(|p| p.design == i).map(|p| p.at);
        let frontier: Vec<[f64; 2]> = choice.frontier.iter().filter_map(|&i| at(i)).collect();
        let steps = steps(&choice, &at, &name, currency);
        let all: Vec<[f64; 2]> = points.iter().map(|p| p.at).collect();
        let (x_bounds, y_bounds) = bounds(&all);
        let (bands, guides) = stripes(x_bounds, y_bounds);
        let ticks = |range| money_ticks(range, currency);
        let title = if scenario.title.trim().is_empty() {
            "Untitled scenario".to_owned()
        } else {
            scenario.title.clone()
        };
        let mut subtitle = subtitle(scenario);
        if analysis.volume != scenario.volume.current {
            let _ = write!(
                subtitle,
                " · figures at {} requests/month",
                format::count(analysis.volume)
            );
        }
        FrontierScene {
            title,
            subtitle,
            x_label: format!("Monthly cost ({currency}), log scale"),
            y_label: format!("Monthly value ({currency}), log scale"),
            volume: analysis.volume,
            x_ticks: ticks(x_bounds),
            y_ticks: ticks(y_bounds),
            x_bounds,
            y_bounds,
            bands,
            guides,
            summary: summary(&choice, &points, &name),
            points,
            frontier,
            steps,
            left_out,
            legend: Vec::new(),
            point_labels: false,
        }
    }
}

/// Money ticks along a `log10` range of the plane: decades labelled, 2 and 5 too when short.
pub(crate) fn money_ticks((lo, hi): (f64, f64), currency: &str) -> Vec<Tick> {
    labelled(decade_ticks(lo, hi), hi - lo, false, |v| {
        money_label(v, currency)
    })
}

/// Each design's metrics where it is drawn (`None`: hidden, left out by the table, not
/// computed or over capacity), and why each design not drawn is left out.
fn shown<'a>(
    scenario: &Scenario,
    analysis: &'a Analysis,
    hidden: &HashSet<String, impl BuildHasher>,
    excluded: &[Option<String>],
) -> (Vec<Option<&'a Metrics>>, Vec<String>) {
    let name = |i: usize| scenario.designs.get(i).map_or("", |d| d.name.as_str());
    let mut left_out = Vec::new();
    let shown: Vec<Option<&Metrics>> = analysis
        .designs
        .iter()
        .enumerate()
        .map(|(i, figures)| {
            if hidden.contains(name(i)) {
                return None;
            }
            if let Some(Some(why)) = excluded.get(i) {
                left_out.push(format!("{}: {why}", name(i)));
                return None;
            }
            match figures {
                Err(e) => {
                    left_out.push(format!("{}: not computed ({e})", name(i)));
                    None
                }
                Ok(f) if f.metrics.over_capacity => {
                    left_out.push(format!("{}: over capacity at this volume", name(i)));
                    None
                }
                Ok(f) => Some(&f.metrics),
            }
        })
        .collect();
    (shown, left_out)
}

/// The label of every frontier step whose two ends are drawn.
fn steps<'a>(
    choice: &Choice,
    at: &impl Fn(usize) -> Option<[f64; 2]>,
    name: &impl Fn(usize) -> &'a str,
    currency: &str,
) -> Vec<StepLabel> {
    choice
        .upgrades
        .iter()
        .filter_map(|u| {
            let (a, b) = (at(u.from)?, at(u.to)?);
            let text = step_label(u.incremental_roi);
            let hover = format!(
                "{} → {}\n+{} a month buys +{} a month of value\nincremental ROI {text}{}",
                name(u.from),
                name(u.to),
                format::money(u.extra_monthly_cost, currency),
                format::money(u.extra_monthly_value, currency),
                u.band.map_or_else(String::new, |b| format!(" ({b})")),
            );
            Some(StepLabel {
                from: u.from,
                to: u.to,
                at: [f64::midpoint(a[0], b[0]), f64::midpoint(a[1], b[1])],
                text,
                band: u.band,
                hover,
            })
        })
        .collect()
}

/// "Frontier, cheapest first: A → B → C" and "Dominated: X (by A)".
fn summary<'a>(
    choice: &Choice,
    points: &[PlanePoint],
    name: &impl Fn(usize) -> &'a str,
) -> Vec<String> {
    let mut lines = Vec::new();
    if !choice.frontier.is_empty() {
        let names: Vec<&str> = choice.frontier.iter().map(|&i| name(i)).collect();
        lines.push(format!("Frontier, cheapest first: {}", names.join(" → ")));
    }
    let dominated: Vec<String> = points
        .iter()
        .filter_map(|p| Some(format!("{} (by {})", p.name, p.dominated_by.as_ref()?)))
        .collect();
    if !dominated.is_empty() {
        lines.push(format!("Dominated: {}", dominated.join(", ")));
    }
    lines
}
