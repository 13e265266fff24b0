//! A list of sources in the panels — a design's, or the carbon section's: each source's what,
//! URL and date (flagged when stale), Remove, and "+ Add source".

use egui::{RichText, Ui};

use crate::app::command::Command;
use crate::app::editors::widgets::{Editor, error_color};
use crate::model::{Date, Scenario, Source};

/// Whose sources a list edits.
#[derive(Debug, Clone, Copy)]
pub enum SourcesOf {
    /// Design `i`'s.
    Design(usize),
    /// The carbon section's (grid, PUE, carbon price).
    Carbon,
}

impl SourcesOf {
    /// The list's field path.
    fn path(self) -> String {
        match self {
            SourcesOf::Design(i) => format!("designs[{i}].sources"),
            SourcesOf::Carbon => "carbon.sources".to_owned(),
        }
    }

    /// The list in `scenario`, if it is there.
    fn list(self, scenario: &mut Scenario) -> Option<&mut Vec<Source>> {
        match self {
            SourcesOf::Design(i) => scenario.designs.get_mut(i).map(|d| &mut d.sources),
            SourcesOf::Carbon => scenario.carbon.as_mut().map(|c| &mut c.sources),
        }
    }

    /// Changes source `j` of the list.
    fn set(self, scenario: &mut Scenario, j: usize, change: impl FnOnce(&mut Source)) {
        if let Some(source) = self.list(scenario).and_then(|l| l.get_mut(j)) {
            change(source);
        }
    }

    /// The design to keep selected after a restructure.
    fn select(self) -> Option<usize> {
        match self {
            SourcesOf::Design(i) => Some(i),
            SourcesOf::Carbon => None,
        }
    }
}

/// Each source in a group (what, URL, as of, a stale flag, Remove), then "+ Add source".
pub fn sources_ui(ui: &mut Ui, editor: &mut Editor, of: SourcesOf, sources: &[Source]) {
    for (j, source) in sources.iter().enumerate() {
        let base = format!("{}[{j}]", of.path());
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::Grid::new(("source", of.path(), j))
                .num_columns(2)
                .show(ui, |ui| {
                    let p = format!("{base}.what");
                    if let Some(text) = editor.text(
                        ui,
                        &p,
                        "What",
                        "What the source supports, e.g. \"GPT-4o list price\".",
                        &source.what,
                    ) {
                        editor.edit(&p, |s| of.set(s, j, |source| source.what = text));
                    }
                    let p = format!("{base}.url");
                    if let Some(text) = editor.text(
                        ui,
                        &p,
                        "URL",
                        "Where to check it (empty for an internal measurement).",
                        &source.url,
                    ) {
                        editor.edit(&p, |s| of.set(s, j, |source| source.url = text));
                    }
                    if let Some(months) =
                        crate::model::catalog::stale_months(source.as_of, editor.today)
                    {
                        ui.label("");
                        ui.label(
                            RichText::new(format!("⚠ stale: {months} months old"))
                                .color(error_color(ui)),
                        )
                        .on_hover_text(
                            "Sources dated more than 12 months ago are flagged: list prices \
                             and published estimates change often; check it.",
                        );
                        ui.end_row();
                    }
                    let p = format!("{base}.as_of");
                    let id = egui::Id::unique(&p);
                    if let Some(text) = editor.text(
                        ui,
                        &p,
                        "As of",
                        "The date the figure was read, YYYY-MM-DD.",
                        &source.as_of.to_string(),
                    ) {
                        match text.trim().parse::<Date>() {
                            Ok(date) => {
                                editor.fields.errors.remove(&id);
                                editor.edit(&p, |s| of.set(s, j, |source| source.as_of = date));
                            }
                            Err(e) => {
                                editor.fields.errors.insert(id, e.to_string());
                            }
                        }
                    }
                });
            if ui.small_button("Remove source").clicked() {
                let mut scenario = editor.scenario.clone();
                if let Some(list) = of.list(&mut scenario) {
                    list.remove(j);
                }
                editor.commands.push(Command::Restructure {
                    scenario,
                    select: of.select(),
                });
            }
        });
    }
    if ui.button("+ Add source").clicked() {
        let mut scenario = editor.scenario.clone();
        if let Some(list) = of.list(&mut scenario) {
            list.push(Source {
                what: String::new(),
                url: String::new(),
                as_of: Date::today(),
            });
        }
        editor.commands.push(Command::Restructure {
            scenario,
            select: of.select(),
        });
    }
}
