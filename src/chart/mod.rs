//! The chart as data, and its export.
//!
//! A [`Scene`] is everything the chart shows — axes and ticks, shaded bands, one curve per
//! design, the current volume, break-evens, crossovers and over-capacity notes — in `log10`
//! coordinates, built from the computed results. The desktop planner draws it with `egui_plot`;
//! [`render`] draws the same scene as SVG (plotters) and PNG (the SVG rasterised by resvg with
//! the embedded fonts), so an exported chart shows what the screen shows, with no display, GPU or
//! system font involved.

pub mod axis;
pub mod color;
pub mod data;
pub mod frontier;
pub mod palette;
pub mod render;
pub mod timeline;

mod compare;
mod marks;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::hash::BuildHasher;

use crate::econ::Band;
use crate::format;
use crate::model::Scenario;
use axis::labelled;
pub use axis::{
    Tick, decade_ticks, money_label, multiple_label, pow10, quantity_label, roi_ticks, volume_label,
};
pub use color::Color;
use data::ChartData;
use marks::{crossover_marks, design_marks};

/// What the chart plots against monthly requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ChartKind {
    /// ROI multiple (value ÷ cost).
    #[default]
    Roi,
    /// Cost per inference.
    CostPerInference,
    /// Monthly cost and monthly value.
    Money,
    /// Wh per inference (the Energy & carbon tab).
    EnergyPerInference,
    /// gCO₂e per inference (the Energy & carbon tab).
    CarbonPerInference,
}

impl ChartKind {
    /// The tab label.
    pub fn label(self) -> &'static str {
        match self {
            ChartKind::Roi => "ROI multiple",
            ChartKind::CostPerInference => "Cost per inference",
            ChartKind::Money => "Cost & value",
            ChartKind::EnergyPerInference => "Energy per inference",
            ChartKind::CarbonPerInference => "Carbon per inference",
        }
    }

    /// The unit of the y axis when it is not money or a multiple.
    pub fn unit(self) -> Option<&'static str> {
        match self {
            ChartKind::EnergyPerInference => Some("Wh"),
            ChartKind::CarbonPerInference => Some("g"),
            _ => None,
        }
    }

    /// True for the Energy & carbon tab's two charts.
    pub fn is_energy(self) -> bool {
        matches!(
            self,
            ChartKind::EnergyPerInference | ChartKind::CarbonPerInference
        )
    }
}

/// A shaded band of the ROI chart, from `lo` to `hi` (`log10` of the multiple).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandArea {
    /// Which band.
    pub band: Band,
    /// Lower edge.
    pub lo: f64,
    /// Upper edge.
    pub hi: f64,
}

/// One drawn curve of a design.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// Index of the design in the scenario.
    pub design: usize,
    /// The legend text.
    pub name: String,
    /// Line colour.
    pub color: Color,
    /// Dashed (the monthly value curve of the money chart).
    pub dashed: bool,
    /// The drawable stretches: gaps where the design is over capacity or the value is not
    /// positive.
    pub runs: Vec<Vec<[f64; 2]>>,
}

/// A marked point: a break-even or a crossover.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Where, in `log10` coordinates.
    pub at: [f64; 2],
    /// Its colour (the design's, for a break-even).
    pub color: Color,
    /// What it marks, for hover text and the SVG's readers.
    pub label: String,
}

/// "Over capacity above …" where a design's curve stops.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Where the curve stops, in `log10` coordinates.
    pub at: [f64; 2],
    /// The text.
    pub text: String,
    /// The design's colour.
    pub color: Color,
    /// The text runs to the right of the point (else it ends left of it, above).
    pub rightward: bool,
}

/// A design's simulated P10–P90 band and P50 line (ROI chart only), in `log10` coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulatedBand {
    /// Index of the design.
    pub design: usize,
    /// The legend text.
    pub name: String,
    /// The design's colour.
    pub color: Color,
    /// Per volume `[x, log10 P10, log10 P50, log10 P90]`, where all three are defined.
    pub points: Vec<[f64; 4]>,
}

/// Everything one chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// What is plotted.
    pub kind: ChartKind,
    /// The scenario's title.
    pub title: String,
    /// Currency, hours per month, current volume and the oldest source's date.
    pub subtitle: String,
    /// The x axis's title.
    pub x_label: String,
    /// The y axis's title.
    pub y_label: String,
    /// The volume range in `log10`: where curves and bands start and end.
    pub x_extent: (f64, f64),
    /// The visible x range (the extent with a little room for tick labels).
    pub x_bounds: (f64, f64),
    /// The visible y range.
    pub y_bounds: (f64, f64),
    /// X ticks.
    pub x_ticks: Vec<Tick>,
    /// Y ticks.
    pub y_ticks: Vec<Tick>,
    /// Shaded bands (ROI chart only), bottom up.
    pub bands: Vec<BandArea>,
    /// Dashed guides at 1×, 3× and 10× (ROI chart only).
    pub guides: Vec<f64>,
    /// The current volume (`log10`) and its label.
    pub current: (f64, String),
    /// Curves, in design order.
    pub curves: Vec<Curve>,
    /// Break-evens (ROI chart only).
    pub break_evens: Vec<Marker>,
    /// Crossovers between shown designs (ROI chart only).
    pub crossovers: Vec<Marker>,
    /// Said after "crossover" in the legend when some pair has more crossovers than it lists:
    /// " (each pair's first 20)"; empty otherwise.
    pub crossover_note: String,
    /// Where curves stop because a design is over capacity.
    pub notes: Vec<Note>,
    /// Designs that are not plotted, with the reason.
    pub left_out: Vec<String>,
    /// Simulated bands, when a simulation is shown.
    pub simulated_bands: Vec<SimulatedBand>,
    /// The legend's words for the dot marks ("break-even") and the vertical rule ("current
    /// volume"): the Over time chart marks other things.
    pub legend_words: (String, String),
    /// The version compared with: its name and its curves, drawn dashed under these.
    pub before: Option<(String, Vec<Curve>)>,
}

/// The plotted (`log10`) y values of design `design`, `NaN` where not drawn; `None` when the
/// design has no such curve (no energy data on the energy charts).
fn ys_of(kind: ChartKind, data: &ChartData, design: usize, value_curve: bool) -> Option<&[f64]> {
    let series = || data.log_curves.get(design)?.as_ref();
    let energy = || data.log_energy.get(design)?.as_ref();
    Some(match kind {
        ChartKind::Roi => &series()?.roi,
        ChartKind::CostPerInference => &series()?.cost_per_inference,
        ChartKind::Money if value_curve => &series()?.monthly_value,
        ChartKind::Money => &series()?.monthly_cost,
        ChartKind::EnergyPerInference => &energy()?.wh,
        ChartKind::CarbonPerInference => &energy()?.g_co2e,
    })
}

/// Splits a curve into its drawable runs (gaps where over capacity or undefined).
pub(crate) fn runs(points: impl Iterator<Item = Option<[f64; 2]>>) -> Vec<Vec<[f64; 2]>> {
    let mut runs = vec![Vec::new()];
    for point in points {
        match point {
            Some(p) => runs.last_mut().map_or((), |r| r.push(p)),
            None if runs.last().is_some_and(|r| !r.is_empty()) => runs.push(Vec::new()),
            None => {}
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// The subtitle: currency, hours per month, current volume and the oldest source's as-of date.
pub fn subtitle(scenario: &Scenario) -> String {
    let oldest = scenario.oldest_source();
    let mut subtitle = format!(
        "{} · {} hours per month · at {} requests/month",
        scenario.currency,
        crate::format::exact(scenario.hours_per_month),
        format::count(scenario.volume.current)
    );
    if scenario.volume.peak_to_average != rust_decimal::Decimal::ONE {
        let _ = write!(
            subtitle,
            " · peak hour {}× the average",
            scenario.volume.peak_to_average.normalize()
        );
    }
    if let Some(date) = oldest {
        let _ = write!(subtitle, " · oldest source as of {date}");
    }
    subtitle
}

impl Scene {
    /// The chart of `kind` for a scenario and its computed results, leaving out the designs
    /// named in `hidden`.
    pub fn new(
        scenario: &Scenario,
        data: &ChartData,
        hidden: &HashSet<String, impl BuildHasher>,
        kind: ChartKind,
    ) -> Scene {
        let currency = scenario.currency.clone();
        let (vmin, vmax) = (
            scenario.volume.min.max(1) as f64,
            scenario.volume.max.max(2) as f64,
        );
        let (xmin, xmax) = (vmin.log10(), vmax.max(vmin * 1.01).log10());
        // A little room on both sides so the first and last tick labels are not clipped.
        let x_bounds = (xmin - (xmax - xmin) * 0.01, xmax + (xmax - xmin) * 0.03);
        let visible: Vec<usize> = (0..scenario.designs.len())
            .filter(|&i| {
                !hidden.contains(&scenario.designs[i].name)
                    && data.excluded.get(i).is_some_and(Option::is_none)
            })
            .collect();
        let left_out = left_out(scenario, data, &visible, kind);

        let (ymin, ymax) = y_range(kind, data, &visible);

        let y_label = match kind {
            ChartKind::Roi => "ROI multiple (value ÷ cost), log scale".to_owned(),
            ChartKind::CostPerInference => format!("Cost per inference ({currency}), log scale"),
            ChartKind::Money => {
                format!("Per month ({currency}), log scale — solid: cost, dashed: value")
            }
            ChartKind::EnergyPerInference => {
                "Wh per inference (data-centre overhead included), log scale".to_owned()
            }
            ChartKind::CarbonPerInference => "gCO₂e per inference, log scale".to_owned(),
        };
        let x_ticks = labelled(
            decade_ticks(x_bounds.0, x_bounds.1),
            xmax - xmin,
            false,
            volume_label,
        );
        let y_ticks = if kind == ChartKind::Roi {
            labelled(roi_ticks(ymin, ymax), ymax - ymin, true, multiple_label)
        } else if let Some(unit) = kind.unit() {
            labelled(decade_ticks(ymin, ymax), ymax - ymin, false, |y| {
                quantity_label(y, unit)
            })
        } else {
            labelled(decade_ticks(ymin, ymax), ymax - ymin, false, |y| {
                money_label(y, &currency)
            })
        };

        let (bands, guides) = bands_and_guides(kind, ymin, ymax);

        let (curves, notes, break_evens) =
            design_marks(scenario, data, &visible, kind, (vmin, vmax), (xmin, xmax));
        let (crossovers, more_crossovers) = if kind == ChartKind::Roi {
            crossover_marks(scenario, data, &visible)
        } else {
            (Vec::new(), false)
        };
        let crossover_note = if more_crossovers {
            format!(" (each pair's first {})", crate::econ::LISTED_CROSSOVERS)
        } else {
            String::new()
        };
        let title = if scenario.title.trim().is_empty() {
            "Untitled scenario".to_owned()
        } else {
            scenario.title.clone()
        };
        Scene {
            kind,
            title,
            subtitle: subtitle(scenario),
            x_label: "Monthly requests (log scale)".to_owned(),
            y_label,
            x_extent: (xmin, xmax),
            x_bounds,
            y_bounds: (ymin, ymax),
            x_ticks,
            y_ticks,
            bands,
            guides,
            current: (
                (scenario.volume.current.max(1) as f64).log10(),
                format!("now: {}/mo", format::compact(scenario.volume.current)),
            ),
            curves,
            break_evens,
            crossovers,
            crossover_note,
            notes,
            left_out,
            simulated_bands: Vec::new(),
            legend_words: ("break-even".to_owned(), "current volume".to_owned()),
            before: None,
        }
    }

    /// Adds the simulated P10–P90 band and P50 line of every plotted design (ROI chart only).
    pub fn add_simulation(&mut self, simulation: &crate::econ::simulate::Simulation) {
        if self.kind != ChartKind::Roi {
            return;
        }
        let (y0, y1) = self.y_bounds;
        for curve in &self.curves {
            let Some(Ok(outlook)) = simulation.designs.get(curve.design) else {
                continue;
            };
            let points = simulation
                .volumes
                .iter()
                .enumerate()
                .filter_map(|(j, &v)| {
                    let (lo, mid, hi) = (outlook.p10[j], outlook.p50[j], outlook.p90[j]);
                    let ok = |x: f64| x.is_finite() && x > 0.0;
                    (ok(lo) && ok(mid) && ok(hi)).then(|| {
                        [
                            (v as f64).log10(),
                            lo.log10().clamp(y0, y1),
                            mid.log10(),
                            hi.log10().clamp(y0, y1),
                        ]
                    })
                })
                .collect();
            self.simulated_bands.push(SimulatedBand {
                design: curve.design,
                // One legend entry for every design's band, as in exported charts: the band
                // takes its design's colour, and per-design entries would crowd the plot.
                name: "simulated median (band: P10–P90)".to_owned(),
                color: curve.color,
                points,
            });
        }
        let _ = write!(
            self.subtitle,
            " · bands: P10–P90 of {} simulated samples",
            format::count(simulation.samples as u64)
        );
    }
}

/// The designs not plotted, each with why: left out of the chart and table, or on the energy
/// charts without energy data or a grid intensity.
fn left_out(
    scenario: &Scenario,
    data: &ChartData,
    visible: &[usize],
    kind: ChartKind,
) -> Vec<String> {
    let mut left_out: Vec<String> = (0..scenario.designs.len())
        .filter_map(|i| {
            data.excluded
                .get(i)
                .and_then(Clone::clone)
                .map(|why| format!("{}: {why}", scenario.designs[i].name))
        })
        .collect();
    if kind.is_energy() {
        left_out.extend(visible.iter().filter_map(|&i| {
            let why = match ys_of(kind, data, i, false) {
                None => {
                    "no energy data (a stage's Energy group: power per instance, or energy \
                         per token)"
                }
                Some(ys) if !ys.iter().any(|y| y.is_finite()) => {
                    "no grid intensity (the scenario's carbon section, or the design's own)"
                }
                Some(_) => return None,
            };
            Some(format!("{}: {why}", scenario.designs[i].name))
        }));
    }
    left_out
}

/// The y range in `log10`: the visible curves, and for ROI at least 0.3× to 30× so that every
/// band shows; padded by 6 %.
fn y_range(kind: ChartKind, data: &ChartData, visible: &[usize]) -> (f64, f64) {
    // The y range: the data, and for ROI at least 0.3× to 30× so that every band shows.
    let mut ys: Vec<f64> = Vec::new();
    for &i in visible {
        for value_curve in [false, kind == ChartKind::Money] {
            if let Some(curve) = ys_of(kind, data, i, value_curve) {
                ys.extend(curve.iter().copied().filter(|y| y.is_finite()));
            }
        }
    }
    let (mut ymin, mut ymax) = ys
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &y| {
            (lo.min(y), hi.max(y))
        });
    if kind == ChartKind::Roi {
        ymin = ymin.min(0.3f64.log10()).max(-3.0);
        ymax = ymax.max(30f64.log10()).min(5.0);
    }
    if !(ymin.is_finite() && ymax.is_finite()) || ymax - ymin < 0.5 {
        let mid = if ymin.is_finite() {
            f64::midpoint(ymin, ymax)
        } else {
            0.0
        };
        (ymin, ymax) = (mid - 1.0, mid + 1.0);
    }
    let pad = (ymax - ymin) * 0.06;
    (ymin - pad, ymax + pad)
}

/// On the ROI chart: the bands' areas between their thresholds, and the threshold guides.
pub(crate) fn bands_and_guides(kind: ChartKind, ymin: f64, ymax: f64) -> (Vec<BandArea>, Vec<f64>) {
    let mut bands = Vec::new();
    let mut guides = Vec::new();
    if kind == ChartKind::Roi {
        // Each band from its threshold (log10) to the next one's; the outer ones to the edges.
        let edge = |band: Band| band.threshold_f64().map_or(ymin, f64::log10);
        let edges = [
            ymin,
            edge(Band::Marginal),
            edge(Band::Good),
            edge(Band::Excellent),
            ymax,
        ];
        for (k, band) in Band::ALL.iter().enumerate() {
            let (lo, hi) = (edges[k].max(ymin), edges[k + 1].min(ymax));
            if hi > lo {
                bands.push(BandArea {
                    band: *band,
                    lo,
                    hi,
                });
            }
        }
        guides = Band::ALL
            .into_iter()
            .filter_map(Band::threshold_f64)
            .map(f64::log10)
            .filter(|y| *y > ymin && *y < ymax)
            .collect();
    }
    (bands, guides)
}
