//! The Monte Carlo behind the chart's uncertainty bands, run off the UI thread: a quick pass of
//! 500 samples first, then the full count, so the bands appear at once and then settle. Frames
//! never wait for it; a change to the scenario starts a new run once the current one is done.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use egui::{RichText, Ui};

use crate::app::document::{Document, Generation};
use crate::econ::Band;
use crate::econ::simulate::{DEFAULT_SAMPLES, Simulation, simulate};
use crate::econ::sweep::log_volumes;
use crate::model::Scenario;
use crate::report::format;

/// Volumes of the simulated bands.
const BAND_POINTS: usize = 100;
/// Samples of the quick first pass.
const FIRST_PASS: usize = 500;

/// What a finished (or refining) run is for.
#[derive(Debug, Clone, PartialEq)]
struct RunKey {
    /// The document and its state the run simulates.
    document: Generation,
    generation: Generation,
    /// The designs' names, in order: a result is only drawn over the designs it was run for.
    designs: Vec<String>,
    samples: usize,
    seed: u64,
}

/// Uncertainty bands: whether they are shown, the run's settings and its latest result.
#[derive(Debug)]
pub struct Uncertainty {
    /// Show the simulated bands and odds.
    pub on: bool,
    /// Samples of a full run.
    pub samples: usize,
    /// Seed of the random numbers.
    pub seed: u64,
    result: Option<(RunKey, Arc<Simulation>)>,
    job: Option<(RunKey, Receiver<Result<Simulation, String>>)>,
    error: Option<String>,
    /// The latest result was run for the document shown, over the designs shown (it may be
    /// for an earlier state of it while a new run is under way).
    fits: bool,
}

impl Default for Uncertainty {
    fn default() -> Self {
        Uncertainty {
            on: false,
            samples: DEFAULT_SAMPLES,
            seed: 1,
            result: None,
            job: None,
            error: None,
            fits: false,
        }
    }
}

impl Uncertainty {
    /// The latest simulation, when the bands are on and it belongs to the document shown (it
    /// may be for a slightly older state of it, with the same designs, while a new run is under
    /// way).
    pub fn shown(&self) -> Option<&Simulation> {
        if self.on && self.fits {
            self.result.as_ref().map(|(_, sim)| sim.as_ref())
        } else {
            None
        }
    }

    /// True while a run is under way.
    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// Collects finished passes and starts a run when the document (or a setting) changed.
    pub fn poll(&mut self, ctx: &egui::Context, doc: &Document) {
        let scenario = doc.scenario();
        let designs: Vec<String> = scenario.designs.iter().map(|d| d.name.clone()).collect();
        let fits = |key: &RunKey| key.document == doc.id() && key.designs == designs;
        // Another document's result or message is never shown, even for a frame.
        self.fits = self.result.as_ref().is_some_and(|(key, _)| fits(key));
        if self.error.is_some() && self.job.as_ref().is_none_or(|(key, _)| !fits(key)) {
            self.error = None;
        }
        if !self.on || scenario.ranges.is_empty() {
            return;
        }
        if let Some((key, receiver)) = &self.job {
            loop {
                match receiver.try_recv() {
                    Ok(Ok(simulation)) => {
                        self.result = Some((key.clone(), Arc::new(simulation)));
                        self.error = None;
                    }
                    Ok(Err(message)) => self.error = Some(message),
                    Err(TryRecvError::Empty) => {
                        ctx.request_repaint_after(std::time::Duration::from_millis(30));
                        break;
                    }
                    Err(TryRecvError::Disconnected) => {
                        self.job = None;
                        break;
                    }
                }
            }
        }
        self.fits = self.result.as_ref().is_some_and(|(key, _)| fits(key));
        let wanted = RunKey {
            document: doc.id(),
            generation: doc.generation(),
            designs,
            samples: self.samples,
            seed: self.seed,
        };
        let current = self
            .result
            .as_ref()
            .is_some_and(|(key, sim)| *key == wanted && sim.samples == wanted.samples);
        if self.job.is_none() && !current {
            self.start(ctx, wanted, scenario.clone());
        }
    }

    fn start(&mut self, ctx: &egui::Context, key: RunKey, scenario: Scenario) {
        let (sender, receiver) = mpsc::channel();
        let (samples, seed) = (key.samples, key.seed);
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let volumes = log_volumes(scenario.volume.min, scenario.volume.max, BAND_POINTS);
            let passes = if samples > FIRST_PASS * 2 {
                vec![FIRST_PASS, samples]
            } else {
                vec![samples]
            };
            for n in passes {
                let result = simulate(&scenario, &volumes, n, seed).map_err(|e| e.to_string());
                let failed = result.is_err();
                if sender.send(result).is_err() || failed {
                    break;
                }
                ctx.request_repaint();
            }
        });
        self.job = Some((key, receiver));
    }

    /// The settings beside the chart tabs.
    pub fn controls_ui(&mut self, ui: &mut Ui, scenario: &Scenario) {
        let ranged = scenario.ranges.len();
        let toggle = ui
            .add_enabled(
                ranged > 0,
                egui::Checkbox::new(&mut self.on, "Uncertainty bands"),
            )
            .on_hover_text(
                "Simulated P10–P90 bands and P50 lines of ROI, from the inputs written as \
                 Range(low, high) in the file (90 % intervals)",
            )
            .on_disabled_hover_text(
                "No input is uncertain yet: type low..high into a number field (e.g. 70..90 for \
                 a success rate in %), or write Range(low, high) in the scenario file",
            );
        let _ = toggle;
        if self.on && ranged > 0 {
            let label = ui.label("samples");
            ui.add(
                egui::DragValue::new(&mut self.samples)
                    // The simulation's own limit on samples × points × designs, as the CLI's.
                    .range(
                        100..=crate::econ::simulate::max_samples(
                            BAND_POINTS * scenario.designs.len(),
                        )
                        .clamp(100, 200_000),
                    )
                    .speed(100.0),
            )
            .labelled_by(label.id)
            .on_hover_text("Samples of the Monte Carlo (a quick pass of 500 shows first)");
            if self.running() {
                ui.spinner();
            }
        }
    }

    /// The simulated odds at the current volume, above the chart: per design its P10–P50–P90
    /// ROI, the chance of each band as a stacked bar (and of a higher ROI than each other design on
    /// hover), and with energy data its ROI with carbon and gCO₂e per inference.
    pub fn odds_ui(&self, ui: &mut Ui, scenario: &Scenario) {
        if let Some(error) = &self.error {
            ui.label(
                RichText::new(format!("⚠ Simulation: {error}")).color(ui.visuals().warn_fg_color),
            );
        }
        let Some(sim) = self.shown() else {
            return;
        };
        ui.label(
            RichText::new(format!(
                "Simulated at {} requests/month from {} samples over {} \
                 uncertain input(s); the table below stays the exact point \
                 estimate.",
                format::count(sim.volume),
                format::count(sim.samples as u64),
                sim.uncertain.len()
            ))
            .weak(),
        );
        let carbon = sim
            .designs
            .iter()
            .any(|o| o.as_ref().is_ok_and(|o| o.carbon.is_some()));
        // On a small window the table scrolls rather than squeeze the chart below: sideways
        // before it widens the centre (the bars narrow first), and down (past the first three
        // designs) before it leaves the chart less than about 260 points of height.
        let bar_width = (ui.available_width() * 0.3).clamp(120.0, 200.0);
        let row = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        let max_height = (ui.available_height() - 260.0).max(4.0 * row);
        egui::ScrollArea::both()
            .id_salt("simulated_odds_scroll")
            .max_height(max_height)
            .show(ui, |ui| odds_grid(ui, scenario, sim, carbon, bar_width));
    }
}

/// The odds table's rows: design, deciles, band bar and (with energy data) carbon figures.
fn odds_grid(ui: &mut Ui, scenario: &Scenario, sim: &Simulation, carbon: bool, bar_width: f32) {
    egui::Grid::new("simulated_odds")
        .num_columns(if carbon { 4 } else { 3 })
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Design").strong());
            ui.label(RichText::new("ROI P10 – P50 – P90").strong())
                .on_hover_text(
                    "80 % of the simulated outcomes lie between P10 and P90; P50 is the median",
                );
            ui.label(RichText::new("Chance of each band").strong())
                .on_hover_text(
                    "Unsustainable, Marginal, Good, Excellent: the share of samples \
                     in each; hover a bar for the odds of a higher ROI than each other \
                     design (the ROI, not the net value that picks the best)",
                );
            if carbon {
                ui.label(RichText::new("With carbon (P10 – P90)").strong())
                    .on_hover_text("ROI with carbon, and gCO₂e per inference, P10 to P90");
            }
            ui.end_row();
            for (i, (design, outlook)) in scenario.designs.iter().zip(&sim.designs).enumerate() {
                let Ok(outlook) = outlook else { continue };
                ui.label(&design.name);
                ui.label(format!(
                    "{} – {} – {}",
                    format::multiple_f64(outlook.now[0]),
                    format::multiple_f64(outlook.now[1]),
                    format::multiple_f64(outlook.now[2])
                ));
                let ahead: Vec<String> = scenario
                    .designs
                    .iter()
                    .zip(&outlook.beats)
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, (other, p))| {
                        format!(
                            "higher ROI than {}: {}",
                            other.name,
                            format::percent_f64(*p)
                        )
                    })
                    .collect();
                band_bar(ui, outlook.band_odds, &ahead.join("\n"), bar_width);
                if carbon {
                    ui.label(outlook.carbon.as_ref().map_or_else(
                        || "—".to_owned(),
                        |c| {
                            format!(
                                "{} – {} · {} – {} g",
                                format::multiple_f64(c.roi_with_carbon[0]),
                                format::multiple_f64(c.roi_with_carbon[2]),
                                format::significant_f64(c.g_co2e_per_inference[0]),
                                format::significant_f64(c.g_co2e_per_inference[2])
                            )
                        },
                    ));
                }
                ui.end_row();
            }
        });
}

/// The chance of each band as one bar of four segments in the bands' colours, each wide enough
/// labelled with its percentage; the figures (and `ahead`) on hover and for screen readers.
fn band_bar(ui: &mut Ui, odds: [f64; 4], ahead: &str, width: f32) {
    let size = egui::vec2(width, ui.text_style_height(&egui::TextStyle::Body) + 4.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let words: Vec<String> = Band::ALL
        .iter()
        .zip(odds)
        .map(|(band, p)| format!("{} {}", band.label(), format::percent_f64(p)))
        .collect();
    let text = words.join(", ");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    if ahead.is_empty() {
        response.on_hover_text(&text);
    } else {
        response.on_hover_text(format!("{text}\n{ahead}"));
    }
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 3.0, ui.visuals().extreme_bg_color);
    let mut x = rect.left();
    let font = egui::TextStyle::Body.resolve(ui.style());
    for (band, p) in Band::ALL.iter().zip(odds) {
        #[allow(clippy::cast_possible_truncation)]
        let width = rect.width() * p.clamp(0.0, 1.0) as f32;
        if width <= 0.0 {
            continue;
        }
        let segment =
            egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(width, rect.height()));
        painter.rect_filled(
            segment,
            0.0,
            egui::Color32::from(crate::chart::palette::band_color(*band)),
        );
        let label = format::percent_f64(p);
        let galley = painter.layout_no_wrap(
            label,
            font.clone(),
            egui::Color32::from(crate::chart::palette::band_text(*band)),
        );
        if galley.size().x + 6.0 <= width {
            painter.galley(
                segment.center() - galley.size() / 2.0,
                galley,
                egui::Color32::PLACEHOLDER,
            );
        }
        x += width;
    }
}
