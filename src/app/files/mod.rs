//! File actions and the unsaved-changes guard: new, open (a file, an example, a dropped file; a
//! dropped bill is imported), save and save as, the price catalogue; anything that would discard
//! unsaved changes asks first.

pub(crate) mod dialogs;
mod export;
pub(crate) mod native;
pub(crate) mod price_map;

use std::path::{Path, PathBuf};

use crate::app::PlannerApp;
use crate::app::command::Command;
use crate::app::document::Document;
use crate::app::document::settings::remember;
use crate::app::files::dialogs::{PathPrompt, Purpose};
use crate::app::planner::{bundled_presets, empty_scenario};
use crate::econ::validate;
use crate::io::{self, examples::EXAMPLES};
use crate::model::{Scenario, Severity};
use native::Picked;

/// An action that would discard unsaved changes, held while the user decides.
#[derive(Debug, Clone)]
pub(crate) enum Pending {
    New,
    Open(Option<PathBuf>),
    OpenExample(usize),
    Quit,
    /// Open a portfolio file (`None`: ask for one).
    OpenPortfolio(Option<PathBuf>),
    /// Open a folder of scenarios as a portfolio (`None`: ask for one).
    OpenPortfolioFolder(Option<PathBuf>),
    ClosePortfolio,
    /// Open the feature at this place in the portfolio.
    OpenFeature(usize),
    BackToPortfolio,
}

/// Which open document an unsaved-changes question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Asked {
    /// The scenario in the planner.
    Scenario,
    /// The open portfolio.
    Portfolio,
}

impl Pending {
    /// The documents whose unsaved changes the action would lose, in the order they are asked
    /// about. Opening a portfolio keeps the scenario in memory, but nothing shows it until the
    /// portfolio is closed, so its changes are asked about first.
    pub(crate) fn loses(&self) -> &'static [Asked] {
        match self {
            Pending::New
            | Pending::Open(_)
            | Pending::OpenExample(_)
            | Pending::OpenFeature(_)
            | Pending::BackToPortfolio => &[Asked::Scenario],
            Pending::OpenPortfolio(_) | Pending::OpenPortfolioFolder(_) => {
                &[Asked::Scenario, Asked::Portfolio]
            }
            Pending::ClosePortfolio => &[Asked::Portfolio],
            Pending::Quit => &[Asked::Portfolio, Asked::Scenario],
        }
    }
}

impl PlannerApp {
    /// Shows another document (new, opened, an example): what the last one had unsaved is
    /// given up, so its recovery copy goes too.
    pub(super) fn replace_document(&mut self, doc: Document) {
        self.set_document(doc);
        if let Some(recovery) = &self.recovery {
            recovery.clear();
        }
    }

    /// Shows another document. Everything derived from the last one follows at once (see
    /// [`Self::follow_document`]), so no figure of it can be shown under the new one's names.
    pub(super) fn set_document(&mut self, doc: Document) {
        self.doc = doc;
        // A scenario opened, made or restored is shown, over the portfolio if one is open.
        if let Some(session) = &mut self.portfolio {
            session.shown = false;
            session.feature = None;
        }
        self.autosaved = None;
        self.follow_document();
    }

    pub(super) fn open_path(&mut self, path: &Path) {
        match io::load(path) {
            Ok(scenario) => {
                let warnings = validate(&scenario)
                    .iter()
                    .filter(|p| p.severity == Severity::Error)
                    .count();
                remember(&mut self.settings.recent, path);
                self.replace_document(Document::new(scenario, Some(path.to_owned()), true));
                if warnings > 0 {
                    self.error(format!(
                        "Opened {} — it has {warnings} problem(s); they are marked at the fields.",
                        path.display()
                    ));
                } else {
                    self.info(format!("Opened {}", path.display()));
                }
            }
            Err(e) => self.error(format!(
                "Could not open {}: {e}. The current scenario is unchanged.",
                path.display()
            )),
        }
    }

    pub(super) fn save_to(&mut self, path: &Path) {
        match io::save(self.doc.scenario(), path) {
            Ok(()) => {
                remember(&mut self.settings.recent, path);
                self.doc.mark_saved(path.to_owned());
                if let Some(recovery) = &self.recovery {
                    recovery.clear();
                }
                self.info(format!("Saved {}", path.display()));
            }
            Err(e) => self.error(format!("{e}. Nothing was overwritten.")),
        }
    }

    /// Switches the presets to the catalogue at `path`, or back to the bundled one.
    pub(super) fn use_catalog(&mut self, path: Option<PathBuf>) {
        match path {
            None => {
                self.catalog = bundled_presets();
                self.models = self.prices.models(&self.catalog);
                self.settings.catalog = None;
                self.info("Using the bundled price catalogue");
            }
            Some(path) => match io::catalog::load_catalog(&path) {
                Ok(catalog) => {
                    self.info(format!(
                        "Using the price catalogue {} ({} presets)",
                        path.display(),
                        catalog.entries.len()
                    ));
                    self.catalog = catalog.entries;
                    self.models = self.prices.models(&self.catalog);
                    self.settings.catalog = Some(path);
                }
                Err(e) => self.error(format!(
                    "Could not use {} as a price catalogue: {e}",
                    path.display()
                )),
            },
        }
    }

    pub(super) fn start_dir(&self) -> Option<PathBuf> {
        if let Some(session) = self.portfolio.as_ref().filter(|p| p.shown) {
            return Some(session.base.clone());
        }
        self.doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(PathBuf::from)
    }

    /// A file name beside the scenario (or in the working directory), as typed-path text.
    pub(super) fn suggested_path(&self, name: &str) -> String {
        let dir = self
            .start_dir()
            .filter(|d| !d.as_os_str().is_empty())
            .or_else(|| std::env::current_dir().ok());
        dir.map_or_else(
            || name.to_owned(),
            |d| d.join(name).to_string_lossy().into_owned(),
        )
    }

    /// The system's dialog's answer, or `None` with a typed-path prompt where there is no dialog,
    /// holding `suggested` (a file name beside the document, or a whole path).
    pub(crate) fn ask_path(
        &mut self,
        (purpose, suggested): (Purpose, &str),
        pick: impl FnOnce() -> Picked,
    ) -> Option<PathBuf> {
        let picked = if self.native_dialogs {
            pick()
        } else {
            Picked::Unavailable
        };
        match picked {
            Picked::Path(path) => Some(path),
            Picked::Cancelled => None,
            Picked::Unavailable => {
                self.prompt = Some(PathPrompt {
                    purpose,
                    text: self.suggested_path(suggested),
                    note: String::new(),
                    focused: false,
                    closed: false,
                });
                None
            }
        }
    }

    pub(super) fn choose_open(&mut self) {
        if !self.native_dialogs {
            self.prompt = Some(PathPrompt {
                purpose: Purpose::Open,
                text: String::new(),
                note: String::new(),
                focused: false,
                closed: false,
            });
            return;
        }
        match native::pick_open(self.start_dir().as_deref()) {
            Picked::Path(path) => self.open_path(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                self.prompt = Some(PathPrompt {
                    purpose: Purpose::Open,
                    text: String::new(),
                    note: "No file dialog is available on this desktop (no portal). Type \
                        the path instead."
                        .to_owned(),
                    focused: false,
                    closed: false,
                });
            }
        }
    }

    pub(super) fn choose_save(&mut self) {
        // A bundled example is offered under its own file name.
        let fresh = || {
            self.doc.example().map_or_else(
                || suggested_file_name(self.doc.scenario()),
                |e| format!("{e}.ron"),
            )
        };
        let suggested = self
            .doc
            .path
            .as_ref()
            .map_or_else(fresh, |p| p.display().to_string());
        if !self.native_dialogs {
            self.prompt = Some(PathPrompt {
                purpose: Purpose::Save,
                text: suggested,
                note: String::new(),
                focused: false,
                closed: false,
            });
            return;
        }
        let name = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(fresh, |n| n.to_string_lossy().into_owned());
        match native::pick_save(self.start_dir().as_deref(), &name) {
            Picked::Path(path) => self.save_to(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                self.prompt = Some(PathPrompt {
                    purpose: Purpose::Save,
                    text: suggested,
                    note: "No file dialog is available on this desktop (no portal). Type \
                        the path instead."
                        .to_owned(),
                    focused: false,
                    closed: false,
                });
            }
        }
    }

    pub(super) fn perform(&mut self, ctx: &egui::Context, action: Pending) {
        match action {
            Pending::New => {
                self.replace_document(Document::new(empty_scenario(), None, true));
                self.info("New scenario");
            }
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::Open(None) => self.choose_open(),
            Pending::OpenExample(i) => {
                if let Some(example) = EXAMPLES.get(i) {
                    match io::parse(example.text) {
                        Ok(scenario) => {
                            let name = example.file_name.trim_end_matches(".ron");
                            self.replace_document(
                                Document::new(scenario, None, true).from_example(name),
                            );
                            self.info(format!(
                                "Opened the example {} (Save As to keep your changes)",
                                example.file_name
                            ));
                        }
                        Err(e) => self.error(format!(
                            "The example {} does not load: {e}",
                            example.file_name
                        )),
                    }
                }
            }
            Pending::Quit => {
                if let Some(recovery) = &self.recovery {
                    recovery.clear();
                    recovery.clear_portfolio();
                }
                self.allowed_to_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Pending::OpenPortfolio(path) => self.open_portfolio(path, false),
            Pending::OpenPortfolioFolder(path) => self.open_portfolio(path, true),
            Pending::ClosePortfolio => self.close_portfolio(),
            Pending::OpenFeature(index) => self.open_feature(index),
            Pending::BackToPortfolio => self.back_to_portfolio(),
        }
    }

    /// True when `asked` has changes that would be lost.
    pub(crate) fn is_dirty(&self, asked: Asked) -> bool {
        match asked {
            Asked::Scenario => self.doc.is_dirty(),
            Asked::Portfolio => self.portfolio.as_ref().is_some_and(|p| p.doc.is_dirty()),
        }
    }

    /// Runs `action` now, or asks first when it would discard unsaved changes.
    pub(super) fn guard(&mut self, ctx: &egui::Context, action: Pending) {
        self.guard_from(ctx, action, 0);
    }

    /// Asks about the first document from `loses()[from..]` with unsaved changes, or runs the
    /// action when none has any.
    pub(crate) fn guard_from(&mut self, ctx: &egui::Context, action: Pending, from: usize) {
        let asked = action
            .loses()
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, a)| self.is_dirty(**a));
        match asked {
            Some((at, _)) => self.pending = Some((action, at)),
            None => self.perform(ctx, action),
        }
    }

    pub(super) fn dropped_files(ctx: &egui::Context, commands: &mut Vec<Command>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        let has = |p: &Path, ext: &str| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext));
        let bills: Vec<PathBuf> = dropped
            .iter()
            .filter(|p| has(p, "csv") || has(p, "gz"))
            .cloned()
            .collect();
        if let Some(path) = dropped.into_iter().find(|p| has(p, "ron")) {
            commands.push(Command::Open(Some(path)));
        } else if !bills.is_empty() {
            commands.push(Command::ImportBill(Some(bills)));
        }
    }
}

/// A file name from the title: "Search result summaries" → "search-result-summaries.ron".
pub(super) fn suggested_file_name(scenario: &Scenario) -> String {
    file_name_of(&scenario.title, "scenario")
}

/// `TITLE.ron` as a file name (lower case, dashes), or `FALLBACK.ron` for an empty title.
pub(super) fn file_name_of(title: &str, fallback: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("{}.ron", if slug.is_empty() { fallback } else { &slug })
}

impl PlannerApp {
    /// Asks for a price catalogue file: the system's dialog, or a typed path where there is none.
    pub(super) fn choose_catalog(&mut self) {
        let start = self
            .settings
            .catalog
            .clone()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let picked = if self.native_dialogs {
            native::pick_open(None)
        } else {
            Picked::Unavailable
        };
        match picked {
            Picked::Path(path) => self.use_catalog(Some(path)),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                self.prompt = Some(PathPrompt {
                    purpose: Purpose::Catalog,
                    text: start,
                    note: String::new(),
                    focused: false,
                    closed: false,
                });
            }
        }
    }
}
