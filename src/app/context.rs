//! The one value the panels and views draw themselves from, the way rerun's viewer hands each
//! view a `ViewerContext`: the scenario and its state, the figures computed from it, the
//! settings, what is selected, hidden and compared, the price catalogue and today's date.
//!
//! Panels read it and push [`Command`]s; what a panel keeps between frames (typed text, a
//! goal seek's answer, a suggested routing) is its own, in [`PanelStates`].

use std::collections::HashSet;

use crate::app::command::Command;
use crate::app::document::compute::Computed;
use crate::app::document::settings::Settings;
use crate::app::document::{Document, Generation};
use crate::app::editors::models::ModelList;
use crate::app::editors::widgets::{Editor, FieldState};
use crate::app::panels::{use_cases::RoutingState, whatif::WhatIfState};
use crate::app::planner::{Centre, ViewState};
use crate::app::views::compare::Comparison;
use crate::econ::simulate::Simulation;
use crate::model::catalog::Entry;
use crate::model::{Date, Scenario};

/// What every panel and view may read this frame.
#[derive(Clone, Copy)]
pub(crate) struct ViewContext<'a> {
    /// The scenario being edited.
    pub(crate) scenario: &'a Scenario,
    /// Its state: results a panel caches stay good until it changes.
    pub(crate) generation: Generation,
    /// The figures derived from it.
    pub(crate) computed: &'a Computed,
    /// The chart tab, the timeline view, the theme.
    pub(crate) settings: &'a Settings,
    /// What is selected, hidden and compared.
    view: &'a ViewState,
    /// The price catalogue the presets come from.
    pub(crate) catalog: &'a [Entry],
    /// The hosted models "Choose model…" offers.
    pub(crate) models: &'a ModelList,
    /// Today, for the age of sources and a new timeline's first month.
    pub(crate) today: Date,
}

impl<'a> ViewContext<'a> {
    /// The context of the document, its figures and the view this frame.
    pub(crate) fn new(
        doc: &'a Document,
        computed: &'a Computed,
        settings: &'a Settings,
        view: &'a ViewState,
        catalog: &'a [Entry],
        models: &'a ModelList,
        today: Date,
    ) -> Self {
        ViewContext {
            scenario: doc.scenario(),
            generation: doc.generation(),
            computed,
            settings,
            view,
            catalog,
            models,
            today,
        }
    }

    /// The design selected for the editor.
    pub(crate) fn selected(&self) -> Option<usize> {
        self.view.selected
    }

    /// The designs hidden from the chart, by name.
    pub(crate) fn hidden(&self) -> &'a HashSet<String> {
        &self.view.hidden
    }

    /// What the centre shows.
    pub(crate) fn centre(&self) -> Centre {
        self.view.centre
    }

    /// The simulated uncertainty bands, when shown.
    pub(crate) fn simulation(&self) -> Option<&'a Simulation> {
        self.view.uncertainty.shown()
    }

    /// The earlier version the document is compared with, if any.
    pub(crate) fn comparison(&self) -> Option<&'a Comparison> {
        self.view.comparison.as_ref()
    }

    /// An editor of the scenario for one panel this frame: its typed text in `fields`, its
    /// changes pushed to `commands`.
    pub(crate) fn editor<'e>(
        &self,
        fields: &'e mut FieldState,
        commands: &'e mut Vec<Command>,
    ) -> Editor<'e>
    where
        'a: 'e,
    {
        Editor::new(
            self.scenario,
            fields,
            &self.computed.by_path,
            commands,
            self.catalog,
            self.models,
            self.today,
        )
    }
}

/// What the panels keep between frames: each panel's own state.
#[derive(Debug, Default)]
pub(crate) struct PanelStates {
    /// Text typed into the editors' fields, and their errors.
    pub(crate) fields: FieldState,
    /// The suggested routing of the Use cases tab.
    pub(crate) routing: RoutingState,
    /// The What if… tab's choices and cached answers.
    pub(crate) whatif: WhatIfState,
    /// The open Help windows.
    pub(crate) help: crate::app::command::help::HelpState,
    /// Text typed into the portfolio editor's fields, and their errors.
    pub(crate) portfolio_fields: FieldState,
}
