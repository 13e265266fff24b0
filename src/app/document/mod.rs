//! The document being edited: the scenario, where it lives, and its undo history.
//!
//! Undo keeps whole snapshots of the scenario: scenarios are small (kilobytes), snapshots make
//! every change undoable with no per-command inverse to get wrong, and the history is capped.
//! A run of changes from one interaction (a slider drag, typing into one field) shares a key
//! and becomes one undo step.

pub mod compute;
pub mod recovery;
pub(crate) mod settings;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::Scenario;

/// How many undo steps are kept.
const HISTORY_LIMIT: usize = 200;

/// The source of [`Generation`]s: one counter for the whole run, so no two states of any two
/// documents ever share one.
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

/// Names one state of one document within a run. A new document and every change to a
/// document (edit, undo, redo) take a fresh one from a counter shared by all documents, so a
/// cache keyed by it can never mistake a new document, or another state, for the one it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Generation(u64);

impl Generation {
    /// A generation no state has had before.
    pub fn next() -> Self {
        Generation(NEXT_GENERATION.fetch_add(1, Ordering::Relaxed))
    }
}

/// An open file with its path, saved state and undo/redo stacks: a scenario (the default), or
/// a portfolio ([`crate::model::Portfolio`]), which has the same undo, unsaved mark and recovery.
#[derive(Debug, Clone)]
pub struct Document<T = Scenario> {
    scenario: T,
    /// Where the document was loaded from or last saved to; `None` for a new or example one.
    pub path: Option<PathBuf>,
    /// The bundled example this document was opened from (until it is saved to a file).
    example: Option<String>,
    /// What the file on disk holds (for the unsaved-changes mark).
    saved: Option<T>,
    undo: Vec<T>,
    redo: Vec<T>,
    /// The interaction whose changes are being merged into one undo step.
    open_edit: Option<egui::Id>,
    /// Which document this is: the generation it started with (kept through its changes).
    id: Generation,
    /// This state of the document: fresh on every change; caches compare it to know when to
    /// recompute.
    generation: Generation,
}

impl Document<Scenario> {
    /// The scenario as it stands.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
}

impl<T: Clone + PartialEq> Document<T> {
    /// A document for a scenario or portfolio; `saved` says whether it has nothing to lose as it
    /// is (just loaded, or a fresh example); false for a recovered copy of unsaved changes.
    pub fn new(scenario: T, path: Option<PathBuf>, saved: bool) -> Self {
        let id = Generation::next();
        Document {
            saved: saved.then(|| scenario.clone()),
            scenario,
            path,
            example: None,
            undo: Vec::new(),
            redo: Vec::new(),
            open_edit: None,
            id,
            generation: id,
        }
    }

    /// What the document holds as it stands.
    pub fn content(&self) -> &T {
        &self.scenario
    }

    /// This state of this document: differs from every other state of every document in the
    /// run. Caches of anything derived from the scenario are keyed by it.
    pub fn generation(&self) -> Generation {
        self.generation
    }

    /// Which document this is: the same through all its edits, different for every document
    /// opened, created or restored. View state that belongs to one document (selection, typed
    /// text) is reset when it changes.
    pub fn id(&self) -> Generation {
        self.id
    }

    /// True when the scenario has changes that would be lost (it differs from what was loaded or
    /// last saved).
    pub fn is_dirty(&self) -> bool {
        self.saved.as_ref() != Some(&self.scenario)
    }

    /// Replaces the content as one undo step. Changes with the same `key` while that
    /// interaction is still open merge into the step already taken.
    pub fn edit(&mut self, key: Option<egui::Id>, scenario: T) {
        if scenario == self.scenario {
            return;
        }
        let merging = key.is_some() && key == self.open_edit;
        if !merging {
            self.undo.push(self.scenario.clone());
            if self.undo.len() > HISTORY_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.open_edit = key;
        self.scenario = scenario;
        self.generation = Generation::next();
    }

    /// The key of the interaction being merged, if any.
    pub fn open_edit(&self) -> Option<egui::Id> {
        self.open_edit
    }

    /// Ends the current interaction: the next change is a new undo step.
    pub fn close_edit(&mut self) {
        self.open_edit = None;
    }

    /// Steps back; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        self.open_edit = None;
        let Some(previous) = self.undo.pop() else {
            return false;
        };
        self.redo
            .push(std::mem::replace(&mut self.scenario, previous));
        self.generation = Generation::next();
        true
    }

    /// Steps forward again; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        self.open_edit = None;
        let Some(next) = self.redo.pop() else {
            return false;
        };
        self.undo.push(std::mem::replace(&mut self.scenario, next));
        self.generation = Generation::next();
        true
    }

    /// True when [`Self::undo`] would do something.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when [`Self::redo`] would do something.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Records that the content is now what `path` holds.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.saved = Some(self.scenario.clone());
        self.path = Some(path);
        self.example = None;
        self.open_edit = None;
    }

    /// This document as the bundled example `name` (`document-classification`): titled so, and
    /// saved to a path the user chooses.
    #[must_use]
    pub fn from_example(mut self, name: &str) -> Self {
        self.example = Some(name.to_owned());
        self
    }

    /// The bundled example this document came from, until it is saved.
    pub fn example(&self) -> Option<&str> {
        self.example.as_deref()
    }

    /// The name for titles: the path's file name, "NAME — example" for a bundled example, or
    /// "Untitled".
    pub fn display_name(&self) -> String {
        if let Some(name) = self.path.as_ref().and_then(|p| p.file_name()) {
            return name.to_string_lossy().into_owned();
        }
        self.example
            .as_ref()
            .map_or_else(|| "Untitled".to_owned(), |e| format!("{e} — example"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::examples::EXAMPLES;

    fn scenario() -> Scenario {
        crate::io::parse(EXAMPLES[0].text).unwrap()
    }

    #[test]
    fn no_two_states_of_any_two_documents_share_a_generation() {
        let mut seen = std::collections::HashSet::new();
        let mut a = Document::new(scenario(), None, true);
        let b = Document::new(scenario(), None, true);
        assert_ne!(
            a.id(),
            b.id(),
            "two documents of one scenario are two documents"
        );
        for generation in [a.generation(), b.generation()] {
            assert!(seen.insert(generation));
        }
        let id = a.id();
        let mut s = a.scenario().clone();
        s.title = "changed".to_owned();
        a.edit(None, s);
        assert!(seen.insert(a.generation()), "an edit is a new state");
        assert!(a.undo());
        assert!(seen.insert(a.generation()), "undo is a new state");
        assert!(a.redo());
        assert!(seen.insert(a.generation()), "redo is a new state");
        assert_eq!(a.id(), id, "the document stays itself through its changes");
        let unchanged = a.generation();
        a.edit(None, a.scenario().clone());
        assert_eq!(a.generation(), unchanged, "no change, no new state");
    }

    #[test]
    fn edits_with_one_key_are_one_undo_step() {
        let mut doc = Document::new(scenario(), None, true);
        let key = egui::Id::unique("slider");
        for title in ["a", "ab", "abc"] {
            let mut s = doc.scenario().clone();
            s.title = title.to_owned();
            doc.edit(Some(key), s);
        }
        assert!(doc.is_dirty());
        doc.close_edit();
        let mut s = doc.scenario().clone();
        s.notes = "n".to_owned();
        doc.edit(Some(key), s);
        assert!(doc.undo());
        assert_eq!(doc.scenario().title, "abc");
        assert!(doc.undo());
        assert_eq!(doc.scenario().title, "Customer-support assistant");
        assert!(!doc.is_dirty());
        assert!(!doc.undo());
        assert!(doc.redo());
        assert_eq!(doc.scenario().title, "abc");
    }
}
