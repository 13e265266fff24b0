//! What the portfolio's commands do to the planner: open a portfolio (a file or a folder), open
//! one of its features and come back, edit it as one undo step each, save it, close it, and
//! restore it after a crash. Anything that would lose unsaved changes was asked about before
//! (see [`crate::app::files::Pending::loses`]).

use std::path::{Path, PathBuf};

use super::{PortfolioSession, PortfolioTab, open_file, open_folder};
use crate::app::PlannerApp;
use crate::app::document::Document;
use crate::app::document::settings::remember;
use crate::app::files::dialogs::Purpose;
use crate::app::files::native;
use crate::app::planner::empty_scenario;
use crate::io;
use crate::model::Portfolio;
use crate::model::validate::portfolio_problems;

impl PlannerApp {
    /// The open portfolio, if any.
    pub fn portfolio(&self) -> Option<&Portfolio> {
        self.portfolio.as_ref().map(PortfolioSession::portfolio)
    }

    /// True while the Portfolio view is shown (not one of its features).
    pub fn portfolio_shown(&self) -> bool {
        self.portfolio.as_ref().is_some_and(|p| p.shown)
    }

    /// The roll-up the Portfolio view shows, or why there is none.
    pub fn portfolio_rollup(&self) -> Option<&Result<crate::report::portfolio::Rollup, String>> {
        self.portfolio.as_ref().map(|p| &p.figures.rollup)
    }

    /// The portfolio's document (path, unsaved state, undo history).
    pub fn portfolio_document(&self) -> Option<&Document<Portfolio>> {
        self.portfolio.as_ref().map(|p| &p.doc)
    }

    fn start_dir_for_portfolio(&self) -> Option<PathBuf> {
        self.portfolio
            .as_ref()
            .map(|p| p.base.clone())
            .or_else(|| self.start_dir())
    }

    /// Opens a portfolio file, or a folder of scenarios as one; `None` asks for it.
    pub(crate) fn open_portfolio(&mut self, path: Option<PathBuf>, folder: bool) {
        let start = self.start_dir_for_portfolio();
        let purpose = if folder {
            Purpose::PortfolioFolder
        } else {
            Purpose::Portfolio
        };
        let Some(path) = path.or_else(|| {
            self.ask_path((purpose, ""), || {
                if folder {
                    native::pick_folder(start.as_deref())
                } else {
                    native::pick_portfolio(start.as_deref())
                }
            })
        }) else {
            return;
        };
        let opened = if path.is_dir() {
            open_folder(&path)
        } else {
            open_file(&path)
        };
        match opened {
            Ok(session) => {
                self.revert_scenario();
                if !path.is_dir() {
                    remember(&mut self.settings.recent, &path);
                }
                let problems = match &session.figures.rollup {
                    Ok(r) => r.problems.len(),
                    Err(_) => 0,
                };
                self.portfolio = Some(session);
                self.portfolio_autosaved = None;
                if let Some(recovery) = &self.recovery {
                    recovery.clear_portfolio();
                }
                self.panels.portfolio_fields.clear();
                if problems > 0 {
                    self.error(format!(
                        "Opened the portfolio {} — {problems} feature(s) could not be read; \
                         they are listed with why.",
                        path.display()
                    ));
                } else {
                    self.info(format!("Opened the portfolio {}", path.display()));
                }
            }
            Err(e) => self.error(format!(
                "Could not open {} as a portfolio: {e}. Nothing was changed.",
                path.display()
            )),
        }
    }

    /// Closes the portfolio: the scenario last shown comes back.
    pub(crate) fn close_portfolio(&mut self) {
        if self.portfolio.take().is_some() {
            if let Some(recovery) = &self.recovery {
                recovery.clear_portfolio();
            }
            self.portfolio_autosaved = None;
            self.info("Closed the portfolio");
        }
    }

    /// Opens the feature at `index` in the planner, with a way back to the portfolio.
    pub(crate) fn open_feature(&mut self, index: usize) {
        let Some(path) = self.portfolio.as_ref().and_then(|p| p.feature_path(index)) else {
            return;
        };
        match io::load(&path) {
            Ok(scenario) => {
                self.replace_document(Document::new(scenario, Some(path.clone()), true));
                if let Some(session) = &mut self.portfolio {
                    session.shown = false;
                    session.feature = Some(index);
                }
                self.info(format!(
                    "Opened {} from the portfolio (\"Back to the portfolio\" at the top goes back)",
                    path.display()
                ));
            }
            Err(e) => self.error(format!(
                "Could not open the feature {}: {e}. The portfolio is unchanged.",
                path.display()
            )),
        }
    }

    /// Shows the portfolio again, reading its features afresh (one may have just been saved).
    pub(crate) fn back_to_portfolio(&mut self) {
        self.revert_scenario();
        if let Some(session) = &mut self.portfolio {
            session.shown = true;
            session.feature = None;
            session.refresh(true);
            self.info("Back to the portfolio");
        }
    }

    /// Unsaved scenario changes that were discarded: the scenario as its file holds it (or a new
    /// one), so nothing hidden is left to ask about.
    fn revert_scenario(&mut self) {
        if !self.doc.is_dirty() {
            return;
        }
        let saved = self
            .doc
            .path
            .clone()
            .and_then(|p| Some((io::load(&p).ok()?, p)));
        let doc = match saved {
            Some((scenario, path)) => Document::new(scenario, Some(path), true),
            None => Document::new(empty_scenario(), None, true),
        };
        self.replace_document(doc);
    }

    /// A change to the portfolio: one undo step, or merged into the step of the widget `key`
    /// while that interaction lasts. A change the portfolio's rules refuse is not applied.
    pub(crate) fn edit_portfolio(&mut self, key: Option<egui::Id>, portfolio: Portfolio) {
        let Some(session) = &mut self.portfolio else {
            return;
        };
        if let Some(problem) = portfolio_problems(&portfolio)
            .into_iter()
            .find(|p| p.severity == crate::model::Severity::Error)
        {
            self.message = Some((format!("Not changed: {problem}"), true));
            return;
        }
        if key.is_none() {
            session.doc.close_edit();
        }
        session.doc.edit(key, portfolio);
        session.refresh(false);
    }

    /// Undoes (`back`) or redoes a portfolio change; false when there was none.
    pub(crate) fn portfolio_history(&mut self, back: bool) -> bool {
        let Some(session) = &mut self.portfolio else {
            return false;
        };
        let done = if back {
            session.doc.undo()
        } else {
            session.doc.redo()
        };
        if done {
            session.refresh(false);
            self.panels.portfolio_fields.clear();
        }
        done
    }

    /// Adds a scenario file as a feature (its path relative to the portfolio's folder where it
    /// lies inside it); `None` asks for the file.
    pub(crate) fn add_feature(&mut self, path: Option<PathBuf>) {
        let Some(base) = self.portfolio.as_ref().map(|p| p.base.clone()) else {
            return;
        };
        let Some(path) = path.or_else(|| {
            self.ask_path((Purpose::AddFeature, ""), || {
                native::pick_feature(Some(&base))
            })
        }) else {
            return;
        };
        let file = relative_to(&path, &base);
        let Some(session) = &self.portfolio else {
            return;
        };
        if session.portfolio().features.iter().any(|f| f.file == file) {
            self.error(format!("{file} is already in the portfolio"));
            return;
        }
        let mut changed = session.portfolio().clone();
        changed.features.push(crate::model::Feature {
            file: file.clone(),
            team: None,
            design: None,
        });
        self.edit_portfolio(None, changed);
        self.info(format!("Added {file} to the portfolio"));
    }

    /// Saves the portfolio to its file, or asks where when it has none (made from a folder).
    pub(crate) fn save_portfolio(&mut self) {
        match self.portfolio.as_ref().and_then(|p| p.doc.path.clone()) {
            Some(path) => self.save_portfolio_to(&path),
            None => self.choose_portfolio_save(),
        }
    }

    /// Asks where to save the portfolio (its folder, under its file name or `portfolio.ron`).
    pub(crate) fn choose_portfolio_save(&mut self) {
        let Some(session) = &self.portfolio else {
            return;
        };
        let name = session
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || "portfolio.ron".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
        let start = session.base.clone();
        let typed = start.join(&name).display().to_string();
        let picked = self.ask_path((Purpose::SavePortfolio, &typed), || {
            native::pick_save_portfolio(Some(&start), &name)
        });
        if let Some(path) = picked {
            self.save_portfolio_to(&path);
        }
    }

    /// Writes the portfolio to `path` atomically. Saved elsewhere than its folder, its features'
    /// relative paths would point elsewhere: that is refused with the reason.
    pub(crate) fn save_portfolio_to(&mut self, path: &Path) {
        let Some(session) = &mut self.portfolio else {
            return;
        };
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        let moved = folder.is_some_and(|f| !io::same_file(f, &session.base));
        let relative = session
            .portfolio()
            .features
            .iter()
            .any(|f| Path::new(&f.file).is_relative());
        if moved && relative {
            let message = format!(
                "Save the portfolio in {}: its features' paths are relative to that folder",
                session.base.display()
            );
            self.error(message);
            return;
        }
        match io::portfolio::save_portfolio(session.portfolio(), path) {
            Ok(()) => {
                session.doc.mark_saved(path.to_owned());
                remember(&mut self.settings.recent, path);
                if let Some(recovery) = &self.recovery {
                    recovery.clear_portfolio();
                }
                self.portfolio_autosaved = None;
                self.info(format!("Saved the portfolio {}", path.display()));
            }
            Err(e) => self.error(format!("{e}. Nothing was overwritten.")),
        }
    }

    /// The answer to "Restore the unsaved portfolio?".
    pub(crate) fn answer_portfolio_recovery(&mut self, restore: bool) {
        let Some(recovered) = self.offer_portfolio.take() else {
            return;
        };
        if restore {
            let mut session =
                PortfolioSession::new(recovered.portfolio, recovered.path, recovered.base, false);
            session.tab = PortfolioTab::Features;
            self.portfolio = Some(session);
            self.info("Restored the unsaved portfolio");
        } else if let Some(recovery) = &self.recovery {
            recovery.clear_portfolio();
        }
    }
}

/// `path` as the portfolio writes it: relative to `base` where it lies inside it, else whole.
fn relative_to(path: &Path, base: &Path) -> String {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_owned());
    let (path, base) = (canonical(path), canonical(base));
    path.strip_prefix(&base)
        .map_or_else(|_| path.to_string_lossy(), |p| p.to_string_lossy())
        .into_owned()
}
