//! The portfolio in the planner: a portfolio file (or a folder of scenarios) open beside the
//! scenario documents, its features rolled up into one view (`report::portfolio`), each feature
//! opened in the planner and back, and its own undo, unsaved mark, autosave and recovery.
//!
//! The session keeps what it read: each feature's figures in its own currency and the designs its
//! scenario has. An edit that changes only teams, rates, the title or the budget rolls up again
//! from those (microseconds); one that changes which files or designs are read reads them again,
//! in parallel ([`crate::io::portfolio::load_features`]), and so does coming back from a feature,
//! whose file may have been saved meanwhile.

mod actions;
pub(crate) mod editor;
pub(crate) mod view;

use std::path::{Path, PathBuf};

use crate::app::document::{Document, Generation};
use crate::chart::Scene;
use crate::chart::frontier::FrontierScene;
use crate::io::portfolio::{FeatureProblem, load_features};
use crate::model::Portfolio;
use crate::report::portfolio::{Native, Rollup, native, rollup};

/// What the Portfolio view's centre shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PortfolioTab {
    /// The features, worst first, and the team totals.
    #[default]
    Features,
    /// The cost–value plane, one point per feature.
    Plane,
    /// The monthly total against the budget.
    Budget,
}

impl PortfolioTab {
    /// Every tab, in order.
    pub const ALL: [PortfolioTab; 3] = [
        PortfolioTab::Features,
        PortfolioTab::Plane,
        PortfolioTab::Budget,
    ];

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            PortfolioTab::Features => "Features",
            PortfolioTab::Plane => "Cost–value plane",
            PortfolioTab::Budget => "Monthly total and budget",
        }
    }
}

/// What can be done to a portfolio: the [`Command::Portfolio`](crate::app::command::Command)
/// commands, applied in `command/apply.rs`.
#[derive(Debug, Clone)]
pub enum PortfolioCommand {
    /// Open a portfolio file; `None` asks for one (asks first about unsaved changes).
    Open(Option<PathBuf>),
    /// Open every scenario in a folder as a portfolio; `None` asks for the folder.
    OpenFolder(Option<PathBuf>),
    /// Open the portfolio file or folder now, without asking about unsaved changes (that was
    /// asked before the path was chosen).
    Load(PathBuf),
    /// Close the portfolio (asks first when it has unsaved changes).
    Close,
    /// Show the portfolio again (asks first about the scenario's unsaved changes).
    Show,
    /// Open the feature at this place in the portfolio's list.
    OpenFeature(usize),
    /// Replace the portfolio: one undo step, or merged into the step of the widget `key`
    /// while that interaction lasts.
    Edit {
        /// The interaction (widget) making the change; `None` for a step of its own.
        key: Option<egui::Id>,
        /// The changed portfolio.
        portfolio: Box<crate::model::Portfolio>,
    },
    /// Add a scenario file to the portfolio; `None` asks for one.
    AddFeature(Option<PathBuf>),
    /// Show a tab of the Portfolio view.
    Tab(PortfolioTab),
    /// Read every feature of the portfolio again.
    Reload,
    /// Save the portfolio to the path, or ask where.
    SaveAs(Option<PathBuf>),
    /// Restore the portfolio's recovery copy (true) or discard it (false).
    Restore(bool),
}

/// A feature as it was read: its figures in its own currency and the names of its designs.
#[derive(Debug, Clone)]
struct Read {
    native: Native,
    designs: Vec<String>,
}

/// What was read for each feature, and for which `(file, design)` it was read.
#[derive(Debug, Default)]
struct Loaded {
    keys: Vec<(String, Option<String>)>,
    reads: Vec<Result<Read, FeatureProblem>>,
}

/// The rolled-up figures of one state of the portfolio, and the charts drawn from them.
#[derive(Debug)]
pub(crate) struct PortfolioFigures {
    /// The roll-up, or why there is none (a currency without a rate, an overflow).
    pub(crate) rollup: Result<Rollup, String>,
    /// Per feature (in the portfolio's order), the designs its scenario has; empty when it could
    /// not be read.
    pub(crate) designs: Vec<Vec<String>>,
    /// The cost–value plane of the features.
    pub(crate) plane: Option<FrontierScene>,
    /// The monthly total against the budget.
    pub(crate) budget: Option<Scene>,
}

/// An open portfolio: its document, where its features live, and what was read of them.
#[derive(Debug)]
pub(crate) struct PortfolioSession {
    pub(crate) doc: Document<Portfolio>,
    /// The folder the features' paths are relative to (the file's folder, or the folder opened).
    pub(crate) base: PathBuf,
    /// True while the Portfolio view is shown; false while a feature (or another scenario) is.
    pub(crate) shown: bool,
    /// The feature whose scenario is open in the planner, if one is.
    pub(crate) feature: Option<usize>,
    pub(crate) tab: PortfolioTab,
    loaded: Loaded,
    pub(crate) figures: PortfolioFigures,
    /// The state of the document (and the reading) `figures` belong to.
    figures_for: Option<Generation>,
}

impl PortfolioSession {
    /// A session for a portfolio read from `path` (None: made from the folder `base`), shown.
    pub(crate) fn new(
        portfolio: Portfolio,
        path: Option<PathBuf>,
        base: PathBuf,
        saved: bool,
    ) -> Self {
        let mut session = PortfolioSession {
            doc: Document::new(portfolio, path, saved),
            base,
            shown: true,
            feature: None,
            tab: PortfolioTab::default(),
            loaded: Loaded::default(),
            figures: PortfolioFigures {
                rollup: Err(String::new()),
                designs: Vec::new(),
                plane: None,
                budget: None,
            },
            figures_for: None,
        };
        session.refresh(true);
        session
    }

    /// The portfolio as it stands.
    pub(crate) fn portfolio(&self) -> &Portfolio {
        self.doc.content()
    }

    /// The path of feature `index`'s scenario file.
    pub(crate) fn feature_path(&self, index: usize) -> Option<PathBuf> {
        let file = &self.portfolio().features.get(index)?.file;
        Some(self.base.join(file))
    }

    /// The name for titles and the unsaved-changes question.
    pub(crate) fn display_name(&self) -> String {
        self.doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || {
                    format!(
                        "{} (folder)",
                        self.base.file_name().unwrap_or_default().to_string_lossy()
                    )
                },
                |n| n.to_string_lossy().into_owned(),
            )
    }

    /// Brings the figures up to date with the document; `reread` reads every feature again
    /// (coming back from one, or asked for). Cheap when nothing changed.
    pub(crate) fn refresh(&mut self, reread: bool) {
        let portfolio = self.doc.content();
        let keys: Vec<(String, Option<String>)> = portfolio
            .features
            .iter()
            .map(|f| (f.file.clone(), f.design.clone()))
            .collect();
        let stale = reread || keys != self.loaded.keys;
        if !stale && self.figures_for == Some(self.doc.generation()) {
            return;
        }
        if stale {
            let itself = self.doc.path.as_deref();
            self.loaded = Loaded {
                reads: load_features(portfolio, &self.base, itself, |feature, scenario| {
                    Ok(Read {
                        native: native(feature, &scenario)?,
                        designs: scenario.designs.iter().map(|d| d.name.clone()).collect(),
                    })
                }),
                keys,
            };
        }
        let natives = self
            .loaded
            .reads
            .iter()
            .map(|r| r.as_ref().map(|r| r.native.clone()).map_err(Clone::clone))
            .collect();
        let rollup = rollup(portfolio, natives).map_err(|e| e.to_string());
        let (plane, budget) = match &rollup {
            Ok(r) => (
                Some(crate::report::portfolio::plane_scene(r)),
                crate::report::portfolio::budget_scene(r),
            ),
            Err(_) => (None, None),
        };
        self.figures = PortfolioFigures {
            rollup,
            designs: self
                .loaded
                .reads
                .iter()
                .map(|r| r.as_ref().map(|r| r.designs.clone()).unwrap_or_default())
                .collect(),
            plane,
            budget,
        };
        self.figures_for = Some(self.doc.generation());
    }

    /// The currencies of the features that were read, in the portfolio's order (repeats kept).
    pub(crate) fn currencies(&self) -> impl Iterator<Item = &str> {
        self.loaded
            .reads
            .iter()
            .filter_map(|r| r.as_ref().ok().map(|r| r.native.currency()))
    }

    /// The currency of the first feature that reads (a folder's portfolio takes it).
    fn first_currency(&self) -> Option<String> {
        self.loaded
            .reads
            .iter()
            .find_map(|r| r.as_ref().ok().map(|r| r.native.currency().to_owned()))
    }
}

/// A session for the portfolio file at `path`.
pub(crate) fn open_file(path: &Path) -> Result<PortfolioSession, String> {
    let portfolio = crate::io::portfolio::load_portfolio(path).map_err(|e| e.to_string())?;
    let base = path.parent().map(Path::to_owned).unwrap_or_default();
    Ok(PortfolioSession::new(
        portfolio,
        Some(path.to_owned()),
        base,
        true,
    ))
}

/// A session for every scenario in the folder `dir`, in the currency of the first that reads.
/// It has no file until saved.
pub(crate) fn open_folder(dir: &Path) -> Result<PortfolioSession, String> {
    let mut portfolio =
        crate::io::portfolio::portfolio_from_folder(dir).map_err(|e| e.to_string())?;
    "USD".clone_into(&mut portfolio.currency);
    let mut session = PortfolioSession::new(portfolio.clone(), None, dir.to_owned(), true);
    if let Some(currency) = session.first_currency()
        && currency != portfolio.currency
    {
        // The same files: only the roll-up runs again.
        portfolio.currency = currency;
        session.doc = Document::new(portfolio, None, true);
        session.refresh(false);
    }
    Ok(session)
}
