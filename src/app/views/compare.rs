//! Comparing the document with another version of it: File ▸ Compare with… (another file) or
//! Compare with saved (the file on disk, against unsaved edits). The earlier version's curves
//! are drawn dashed under the current ones, the table gains a change column, and the Changes tab
//! lists what changed and which changes moved each design's ROI.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::app::PlannerApp;
use crate::app::command::Command;
use crate::app::document::Generation;
use crate::app::files::dialogs::{PathPrompt, Purpose};
use crate::app::files::native::{self, Picked};
use crate::app::planner::Centre;
use crate::chart::data::ChartData;
use crate::econ::DesignFigures;
use crate::econ::diff::{Diff, diff};
use crate::io;
use crate::model::Scenario;
use crate::report::diff::{DiffReport, shown};
use crate::report::format;

/// The earlier version the document is compared with.
pub struct Comparison {
    /// What it is called on screen: "saved" or its file name.
    pub label: String,
    /// The earlier version.
    pub scenario: Scenario,
    /// The file it was read from (exports must not overwrite it).
    pub path: PathBuf,
    /// Its chart data, computed once.
    pub chart: ChartData,
    /// The comparison with the document, for the document state it was made at.
    diff: Option<(Generation, Diff)>,
}

/// Design `i`'s figures in an analysis, if it computed.
fn figures(a: &crate::econ::Analysis, i: usize) -> Option<&DesignFigures> {
    a.designs.get(i)?.as_ref().ok()
}

impl std::fmt::Debug for Comparison {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Comparison")
            .field("label", &self.label)
            .field("title", &self.scenario.title)
            .finish_non_exhaustive()
    }
}

impl Comparison {
    /// Compares with `scenario`, read from `path` and called `label`.
    pub fn new(label: String, scenario: Scenario, path: PathBuf) -> Self {
        Comparison {
            label,
            path,
            chart: ChartData::new(&scenario),
            scenario,
            diff: None,
        }
    }

    /// Brings the comparison up to date with the document (only when it changed).
    pub fn refresh(&mut self, document: &Scenario, generation: Generation) {
        if self.diff.as_ref().is_none_or(|(g, _)| *g != generation) {
            let compared = diff(&self.scenario, document, document.volume.current.max(1));
            self.diff = Some((generation, compared));
        }
    }

    /// The comparison with the document (after [`Comparison::refresh`]).
    pub fn diff(&self) -> Option<&Diff> {
        self.diff.as_ref().map(|(_, d)| d)
    }

    /// For design `index` of the document, its ROI now against the earlier version's (and the
    /// band change, if any), and what it was: `("+0.47× · Good → Excellent", "was 4.89×, Good")`,
    /// `("new", …)` for a design the earlier version does not have.
    pub fn change_text(&self, index: usize) -> (String, String) {
        let Some(d) = self.diff() else {
            return (String::new(), String::new());
        };
        let Some(pair) = d.designs.iter().find(|p| p.new == Some(index)) else {
            return (String::new(), String::new());
        };
        let Some(old) = pair.old else {
            return ("new".to_owned(), format!("Not in {}", self.label));
        };
        let (Some(before), Some(now)) = (figures(&d.old, old), figures(&d.new, index)) else {
            return (
                "—".to_owned(),
                "Not computed in one of the versions".to_owned(),
            );
        };
        let roi = |f: &DesignFigures| {
            f.metrics
                .roi_multiple
                .map_or_else(|| "∞".to_owned(), format::multiple)
        };
        let mut cell = match (before.metrics.roi_multiple, now.metrics.roi_multiple) {
            (Some(a), Some(b)) if a == b => "no change".to_owned(),
            (Some(a), Some(b)) => {
                let change = b - a;
                let sign = if change > rust_decimal::Decimal::ZERO {
                    "+"
                } else {
                    ""
                };
                format!("{sign}{}", format::multiple(change))
            }
            (None, None) => "no change".to_owned(),
            _ => format!("{} → {}", roi(before), roi(now)),
        };
        let (was, is) = (before.metrics.band, now.metrics.band);
        if was != is {
            cell = format!("{cell} · {} → {}", was.label(), is.label());
        }
        (
            cell,
            format!("Was {}, {} in {}", roi(before), was.label(), self.label),
        )
    }
}

impl PlannerApp {
    /// What the document is compared with ("saved" or a file name), if anything.
    pub fn comparing(&self) -> Option<&str> {
        self.view.comparison.as_ref().map(|c| c.label.as_str())
    }

    /// File ▸ Compare with…: asks for the file (or a typed path where there is no dialog).
    pub(crate) fn choose_compare(&mut self) {
        let picked = if self.native_dialogs {
            native::pick_open(self.start_dir().as_deref())
        } else {
            Picked::Unavailable
        };
        match picked {
            Picked::Path(path) => self.compare_with(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                self.prompt = Some(PathPrompt {
                    purpose: Purpose::Compare,
                    text: String::new(),
                    note: "The earlier version to compare this scenario with.".to_owned(),
                    focused: false,
                    closed: false,
                });
            }
        }
    }

    /// Compares the document with the scenario in `path`.
    pub(crate) fn compare_with(&mut self, path: &Path) {
        match io::load(path) {
            Ok(scenario) => {
                let label = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.start_comparison(Comparison::new(label, scenario, path.to_owned()));
                self.info(format!(
                    "Comparing with {}: its curves are dashed, its changes in the Changes tab.",
                    path.display()
                ));
            }
            Err(e) => self.error(format!(
                "Could not compare with {}: {e}. Nothing changed.",
                path.display()
            )),
        }
    }

    /// Compare with saved: the document's file on disk, against the unsaved edits.
    pub(crate) fn compare_with_saved(&mut self) {
        let Some(path) = self.doc.path.clone() else {
            self.error(
                "This scenario has not been saved yet: there is no saved version to compare with.",
            );
            return;
        };
        match io::load(&path) {
            Ok(scenario) => {
                self.start_comparison(Comparison::new("saved".to_owned(), scenario, path));
                self.info("Comparing with the saved file: its curves are dashed.");
            }
            Err(e) => self.error(format!(
                "Could not read the saved file {}: {e}",
                path.display()
            )),
        }
    }

    fn start_comparison(&mut self, mut comparison: Comparison) {
        comparison.refresh(self.doc.scenario(), self.doc.generation());
        self.view.comparison = Some(comparison);
        self.view.centre = Centre::Changes;
    }

    /// Clear comparison.
    pub(crate) fn clear_comparison(&mut self) {
        if self.view.comparison.take().is_some() {
            if self.view.centre == Centre::Changes {
                self.view.centre = Centre::Chart;
            }
            self.info("Comparison cleared");
        }
    }

    /// The Changes tab: the assumptions that changed and what moved each design's ROI.
    pub(crate) fn changes_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(comparison) = &self.view.comparison else {
            return;
        };
        let Some(d) = comparison.diff() else {
            return;
        };
        let scenario = self.doc.scenario();
        let currency = &scenario.currency;
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!(
                    "Compared with {}, at {} requests/month",
                    comparison.label,
                    format::count(d.volume)
                ))
                .strong(),
            );
            if ui
                .button("Clear comparison")
                .on_hover_text("Stop comparing: the dashed curves and the change column go")
                .clicked()
            {
                commands.push(Command::ClearComparison);
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("changes_scroll")
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.label(RichText::new("What changed").strong());
                if d.assumptions.is_empty() {
                    ui.label("No assumption changed.");
                }
                let report = DiffReport {
                    labels: (&comparison.label, "now"),
                    old: &comparison.scenario,
                    new: scenario,
                    diff: d,
                };
                egui::Grid::new("changes_grid")
                    .striped(true)
                    .num_columns(3)
                    .show(ui, |ui| {
                        for change in &d.assumptions {
                            ui.label(change.kind.key());
                            ui.monospace(change.path.replace(" (kind)", " kind"));
                            ui.label(format!(
                                "{} → {}",
                                shown(&change.path, change.old.as_deref(), currency),
                                shown(&change.path, change.new.as_deref(), currency)
                            ));
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
                ui.label(RichText::new("Why ROI moved").strong());
                ui.label(
                    RichText::new(
                        "Each change alone, made to the earlier version; where changes interact, \
                         the parts need not add up to the whole move.",
                    )
                    .weak(),
                );
                if d.attribution.is_empty() {
                    ui.label("No design's ROI moved with an input.");
                }
                egui::Grid::new("why_grid")
                    .striped(true)
                    .num_columns(3)
                    .show(ui, |ui| {
                        for a in &d.attribution {
                            ui.label(&a.design);
                            ui.monospace(&a.path);
                            ui.label(a.roi_change.map_or_else(
                                || "unbounded".to_owned(),
                                |c| {
                                    let sign = if c >= rust_decimal::Decimal::ZERO {
                                        "+"
                                    } else {
                                        ""
                                    };
                                    format!("{sign}{}", format::multiple(c))
                                },
                            ));
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
                if ui
                    .button("Copy as Markdown")
                    .on_hover_text("The comparison as tables, for a review document")
                    .clicked()
                {
                    ui.ctx()
                        .copy_text(crate::report::diff::diff_markdown(&report));
                }
            });
    }
}

/// The Changes tab's label in the tab row, while comparing (`on`: it is shown).
pub(crate) fn changes_tab_ui(
    ui: &mut Ui,
    comparison: Option<&Comparison>,
    on: bool,
    commands: &mut Vec<Command>,
) {
    if let Some(comparison) = comparison
        && ui
            .selectable_label(on, format!("Changes since {}", comparison.label))
            .on_hover_text(
                "What changed since the version compared with, and which changes moved each \
                 design's ROI",
            )
            .clicked()
    {
        commands.push(Command::ShowChanges);
    }
}
