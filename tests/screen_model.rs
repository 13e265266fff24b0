//! The numbers on screen are always the document's: a model-based test of the desktop planner.
//!
//! Random sequences of what a person does — new, open an example, open or drop a file, edit,
//! type an invalid value, switch a serving kind, add/duplicate/delete/reorder designs and use
//! cases, move the volume by slider, by typed value and by a click on the chart, undo, redo,
//! apply a preset or a goal-seek answer, restore a recovery copy — drive the real app through
//! its widgets (`egui_kittest`). After **every** step the screen is checked against the core,
//! computed afresh from the document shown:
//! - the comparison table, cell by cell, with the best-design mark, the band chips, the step
//!   notes and the crossover list, equal what `report --format json` computes for the scenario
//!   at its volume (the same `Report` and the same formatting function);
//! - the chart's curves at a handful of volumes equal the sweep's, and its "now" marker is at
//!   the document's volume;
//! - the window title, the unsaved mark and the What-if tornado belong to that document.
//!
//! The sequences come from proptest with a fixed seed, so CI runs the same ones every time;
//! `SCREEN_MODEL_CASES` sets how many (default 300 of 25 steps each).
//!
//! The steps and how each is done are in `screen_model/steps.rs`, what the screen must show in
//! `screen_model/expected.rs`; the planner's harness is `common::gui`'s.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "screen_model/expected.rs"]
mod expected;
#[path = "screen_model/steps.rs"]
mod steps;

use common::gui::{App, GuiHarness};
use egui_kittest::kittest::Queryable;
use expected::check_screen;
use inference_roi::app::recovery::Recovery;
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::model::Scenario;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use steps::{Step, kind, perform, step};

/// How a sequence starts: on an example, or on an example with a recovery copy of another
/// (edited) scenario waiting to be restored.
#[derive(Debug, Clone)]
enum Start {
    Example(usize),
    Recovery { shown: usize, recovered: usize },
}

fn start() -> impl Strategy<Value = Start> {
    let n = EXAMPLES.len();
    prop_oneof![
        4 => (0..n).prop_map(Start::Example),
        1 => (0..n, 0..n).prop_map(|(shown, recovered)| Start::Recovery { shown, recovered }),
    ]
}

/// What the test knows independently of the app: what is on disk (or freshly opened) for the
/// document shown, and its file name.
#[allow(clippy::struct_excessive_bools)] // what the test knows of the screen, flag by flag
struct Model {
    saved: Option<Scenario>,
    name: String,
    what_if: bool,
    frontier: bool,
    /// The test's portfolio: every bundled scenario copied into the test's folder.
    portfolio: std::path::PathBuf,
    /// Opened at least once in this sequence (so "Back to the portfolio" is on screen).
    portfolio_open: bool,
    /// The Portfolio view is shown rather than a scenario.
    portfolio_shown: bool,
    _dir: tempfile::TempDir,
}

/// A portfolio of copies of every bundled scenario (portfolios left out) in `dir`, the features
/// in two teams, with a rate for every currency they are written in.
fn portfolio_of_the_bundled_scenarios(dir: &std::path::Path) -> std::path::PathBuf {
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let folder = dir.join("portfolio");
    std::fs::create_dir_all(&folder).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&bundled)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter(|p| !io::portfolio::is_portfolio_file(p))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut currencies = std::collections::BTreeSet::new();
    let mut features = Vec::new();
    for (i, name) in names.iter().enumerate() {
        std::fs::copy(bundled.join(name), folder.join(name)).unwrap();
        currencies.insert(io::load(&folder.join(name)).unwrap().currency);
        features.push(inference_roi::model::Feature {
            file: name.clone(),
            team: Some(if i % 2 == 0 { "Support" } else { "Search" }.to_owned()),
            design: None,
        });
    }
    let portfolio = inference_roi::model::Portfolio {
        format: 1,
        title: "Bundled".to_owned(),
        currency: "USD".to_owned(),
        budget_monthly: Some(rust_decimal::Decimal::from(50_000)),
        features,
        rates: currencies
            .into_iter()
            .filter(|c| c != "USD")
            .map(|currency| inference_roi::model::Rate {
                currency,
                to_portfolio: rust_decimal::Decimal::new(11, 1),
                as_of: "2026-11-30".parse().unwrap(),
                source: "test".to_owned(),
            })
            .collect(),
    };
    let path = folder.join("portfolio.ron");
    io::portfolio::save_portfolio(&portfolio, &path).unwrap();
    path
}

fn harness(start: &Start) -> (App, Model) {
    let dir = tempfile::tempdir().unwrap();
    let (shown, recovery_dir) = match *start {
        Start::Example(k) => (k, None),
        Start::Recovery { shown, recovered } => {
            let mut edited = io::parse(EXAMPLES[recovered].text).unwrap();
            edited.title = format!("{} (recovered)", edited.title);
            edited.volume.current = edited.volume.current * 2 + 17;
            let recovery_dir = dir.path().join("recovery");
            Recovery::new(recovery_dir.clone())
                .write(&edited, None)
                .unwrap();
            (shown, Some(recovery_dir))
        }
    };
    let scenario = io::parse(EXAMPLES[shown].text).unwrap();
    let mut builder = GuiHarness::builder()
        .with_scenario(scenario.clone())
        // Autosave is not what is tested here; keep the disk out of it.
        .with_autosave_every(std::time::Duration::from_hours(1));
    if let Some(recovery_dir) = recovery_dir {
        builder = builder.with_recovery_dir(recovery_dir);
    }
    let mut app = builder.build();
    let portfolio = portfolio_of_the_bundled_scenarios(dir.path());
    let mut model = Model {
        saved: Some(scenario),
        name: example_name(shown),
        what_if: false,
        frontier: false,
        portfolio,
        portfolio_open: false,
        portfolio_shown: false,
        _dir: dir,
    };
    if let Start::Recovery { recovered, .. } = *start {
        app.get_by_label("Restore").click();
        app.run_ok();
        let title = app.state().scenario().title.clone();
        assert_eq!(
            title,
            format!(
                "{} (recovered)",
                io::parse(EXAMPLES[recovered].text).unwrap().title
            )
        );
        model.saved = None;
        // A recovered copy is a document of its own, not the example.
        "Untitled".clone_into(&mut model.name);
    }
    (app, model)
}

/// How the window names an opened example: "document-classification — example".
fn example_name(k: usize) -> String {
    format!(
        "{} — example",
        EXAMPLES[k].file_name.trim_end_matches(".ron")
    )
}

/// What each kind of step did over a run: how often it ran and how often it changed the
/// document (so a step that silently stopped reaching its widget fails the test).
type Tally = std::collections::BTreeMap<&'static str, (usize, usize)>;

fn run_sequence(start: &Start, steps: &[Step], tally: &std::sync::Mutex<Tally>) {
    let (mut app, mut model) = harness(start);
    check_screen(&app, &model, &format!("{start:?}"));
    for (k, step) in steps.iter().enumerate() {
        let before = app.state().document().generation();
        perform(&mut app, &mut model, step);
        let changed = app.state().document().generation() != before;
        let mut tally = tally.lock().unwrap();
        let entry = tally.entry(kind(step)).or_default();
        *entry = (entry.0 + 1, entry.1 + usize::from(changed));
        drop(tally);
        check_screen(&app, &model, &format!("{start:?}, step {k}: {step:?}"));
    }
}

/// Runs `cases` random sequences of 25 steps from a fixed seed and checks every kind of step
/// that changes the document did so at least once.
fn run_cases(seed: u64, cases: u32) {
    let config = Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        // A failing sequence is shrunk a little; each step drives the whole app.
        max_shrink_iters: std::env::var("SCREEN_MODEL_SHRINK")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(200),
        ..Config::default()
    };
    let tally = std::sync::Mutex::new(Tally::new());
    let mut runner = TestRunner::new(config);
    let strategy = (start(), proptest::collection::vec(step(), 25));
    let result = runner.run(&strategy, |(start, steps)| {
        run_sequence(&start, &steps, &tally);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let tally = tally.into_inner().unwrap();
    eprintln!(
        "seed {seed}: {cases} sequences; per step kind (ran, changed the document): {tally:?}"
    );
    if cases >= 50 {
        for step in [
            "New",
            "OpenExample",
            "OpenFile",
            "DropFile",
            "Edit",
            "SwitchKind",
            "AddDesign",
            "Duplicate",
            "Delete",
            "MoveUp",
            "MoveDown",
            "AddUseCase",
            "RemoveUseCase",
            "Slider",
            "ChartClick",
            "Undo",
            "Redo",
            "ApplyPreset",
            "GoalSeekApply",
            "OpenFeature",
        ] {
            let (ran, changed) = tally.get(step).copied().unwrap_or_default();
            assert!(
                changed > 0,
                "{step} ran {ran} times and never changed the document"
            );
        }
        let (_, refused) = tally.get("TypeInvalid").copied().unwrap_or_default();
        assert_eq!(refused, 0, "an invalid value changed the document");
    }
}

/// The number of sequences in each half (`SCREEN_MODEL_CASES` sets the total; default 300).
fn half() -> u32 {
    std::env::var("SCREEN_MODEL_CASES")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(300)
        .div_ceil(2)
}

// Two halves with their own seeds, so that the test harness runs them on both cores.
#[test]
fn the_screen_always_shows_the_document_first_half() {
    run_cases(18, half());
}

#[test]
fn the_screen_always_shows_the_document_second_half() {
    run_cases(1800, half());
}

/// The case from the issue: the planner opens the support assistant; Ctrl+N must show the new
/// scenario's figures, not the support assistant's under the new names.
#[test]
fn new_shows_the_new_scenarios_figures() {
    let (mut app, mut model) = harness(&Start::Example(0));
    assert!(app.query_by_label("$2,906.00").is_some());
    perform(&mut app, &mut model, &Step::New);
    check_screen(&app, &model, "Ctrl+N");
    assert!(app.query_by_label("$2,906.00").is_none());
    assert!(app.query_by_label("At 100,000 requests/month").is_some());
}

/// Opening an example from the menu after the support assistant shows the example's figures.
#[test]
fn opening_an_example_shows_its_figures() {
    let (mut app, mut model) = harness(&Start::Example(0));
    perform(&mut app, &mut model, &Step::OpenExample(1));
    check_screen(&app, &model, "Open example");
}
