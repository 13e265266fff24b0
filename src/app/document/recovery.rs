//! Autosave and recovery: while there are unsaved changes a copy is written to the app's data
//! folder every few seconds; after a crash the planner offers to restore it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::app::PlannerApp;
use crate::io;
use crate::model::Scenario;

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

impl Recovery {
    /// Recovery files in `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Recovery { dir }
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
}
