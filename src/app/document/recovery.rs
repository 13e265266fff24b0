//! Autosave and recovery: while there are unsaved changes a copy is written to the app's data
//! folder every few seconds; after a crash the planner offers to restore it. The open scenario
//! and the open portfolio each have their own copy.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::app::PlannerApp;
use crate::io;
use crate::model::{Portfolio, Scenario};

/// How often unsaved changes are copied to the recovery file.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(5);

/// The recovery copy of an unsaved document, kept in the app's data folder.
#[derive(Debug, Clone)]
pub struct Recovery {
    dir: PathBuf,
}

/// A recovered document: the scenario and the file it belonged to.
pub struct Recovered {
    /// The unsaved scenario.
    pub scenario: Scenario,
    /// The file it was opened from, if any.
    pub path: Option<PathBuf>,
}

/// A recovered portfolio: its unsaved content, its file (none when made from a folder) and the
/// folder its features' paths are relative to.
pub struct RecoveredPortfolio {
    /// The unsaved portfolio.
    pub portfolio: Portfolio,
    /// The file it was opened from, if any.
    pub path: Option<PathBuf>,
    /// The folder its features live in.
    pub base: PathBuf,
}

impl Recovery {
    /// Recovery files in `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Recovery { dir }
    }

    /// The app's data folder the copies are kept in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn scenario_file(&self) -> PathBuf {
        self.dir.join("recovery.ron")
    }

    pub(crate) fn origin_file(&self) -> PathBuf {
        self.dir.join("recovery-origin.txt")
    }

    /// Writes the recovery copy (atomically).
    pub fn write(&self, scenario: &Scenario, origin: Option<&Path>) -> Result<(), io::SaveError> {
        std::fs::create_dir_all(&self.dir).map_err(|source| io::SaveError::Write {
            path: self.dir.clone(),
            source,
        })?;
        let origin = origin
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        io::write_atomically(&self.origin_file(), origin.as_bytes())?;
        io::save(scenario, &self.scenario_file())
    }

    /// The recovery copy left by a previous run, if there is a readable one.
    pub fn read(&self) -> Option<Recovered> {
        let scenario = io::load(&self.scenario_file()).ok()?;
        let origin = std::fs::read_to_string(self.origin_file()).unwrap_or_default();
        let path = (!origin.trim().is_empty()).then(|| PathBuf::from(origin.trim()));
        Some(Recovered { scenario, path })
    }

    /// Removes the recovery copy (after a save, a discard, or a clean exit).
    pub fn clear(&self) {
        let _ = std::fs::remove_file(self.scenario_file());
        let _ = std::fs::remove_file(self.origin_file());
    }

    pub(crate) fn portfolio_file(&self) -> PathBuf {
        self.dir.join("recovery-portfolio.ron")
    }

    fn portfolio_origin_file(&self) -> PathBuf {
        self.dir.join("recovery-portfolio-origin.txt")
    }

    /// Writes the recovery copy of a portfolio (atomically): the portfolio, and its file and
    /// folder one per line.
    pub fn write_portfolio(
        &self,
        portfolio: &Portfolio,
        origin: Option<&Path>,
        base: &Path,
    ) -> Result<(), io::SaveError> {
        std::fs::create_dir_all(&self.dir).map_err(|source| io::SaveError::Write {
            path: self.dir.clone(),
            source,
        })?;
        let origin = format!(
            "{}\n{}\n",
            origin.map(|p| p.to_string_lossy()).unwrap_or_default(),
            base.to_string_lossy()
        );
        io::write_atomically(&self.portfolio_origin_file(), origin.as_bytes())?;
        io::portfolio::save_portfolio(portfolio, &self.portfolio_file())
    }

    /// The portfolio's recovery copy left by a previous run, if there is a readable one.
    pub fn read_portfolio(&self) -> Option<RecoveredPortfolio> {
        let portfolio = io::portfolio::load_portfolio(&self.portfolio_file()).ok()?;
        let origin = std::fs::read_to_string(self.portfolio_origin_file()).unwrap_or_default();
        let mut lines = origin.lines().map(str::trim);
        let path = lines.next().filter(|l| !l.is_empty()).map(PathBuf::from);
        let base = lines
            .next()
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .or_else(|| path.as_ref()?.parent().map(Path::to_owned))?;
        Some(RecoveredPortfolio {
            portfolio,
            path,
            base,
        })
    }

    /// Removes the portfolio's recovery copy.
    pub fn clear_portfolio(&self) {
        let _ = std::fs::remove_file(self.portfolio_file());
        let _ = std::fs::remove_file(self.portfolio_origin_file());
    }
}

impl PlannerApp {
    pub(crate) fn autosave(&mut self) {
        let Some(recovery) = &self.recovery else {
            return;
        };
        if !self.doc.is_dirty() {
            // Undone back to the saved state: an older recovery copy would only mislead.
            if self.autosaved.take().is_some() {
                recovery.clear();
            }
            return;
        }
        if self.autosaved == Some(self.doc.generation())
            || self.last_autosave.elapsed() < self.autosave_every
        {
            return;
        }
        self.last_autosave = Instant::now();
        match recovery.write(self.doc.scenario(), self.doc.path.as_deref()) {
            Ok(()) => self.autosaved = Some(self.doc.generation()),
            Err(e) => self.message = Some((format!("Autosave failed: {e}"), true)),
        }
    }

    /// Autosave of the open portfolio, as [`Self::autosave`] does for the scenario.
    pub(crate) fn autosave_portfolio(&mut self) {
        let (Some(recovery), Some(session)) = (&self.recovery, &self.portfolio) else {
            return;
        };
        if !session.doc.is_dirty() {
            if self.portfolio_autosaved.take().is_some() {
                recovery.clear_portfolio();
            }
            return;
        }
        if self.portfolio_autosaved == Some(session.doc.generation())
            || self.last_portfolio_autosave.elapsed() < self.autosave_every
        {
            return;
        }
        self.last_portfolio_autosave = Instant::now();
        let written = recovery.write_portfolio(
            session.portfolio(),
            session.doc.path.as_deref(),
            &session.base,
        );
        match written {
            Ok(()) => self.portfolio_autosaved = Some(session.doc.generation()),
            Err(e) => self.message = Some((format!("Autosave failed: {e}"), true)),
        }
    }
}
