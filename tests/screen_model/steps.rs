//! What a person does: the steps a sequence is made of, and how each is done through the widgets.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable};
use inference_roi::app::empty_scenario;
use inference_roi::chart::ChartKind;
use inference_roi::io::{self, examples::EXAMPLES};
use proptest::prelude::*;

use super::{Model, example_name};
use crate::common::gui::{App, drop_file};

/// The number fields every design has, with values that are always valid.
#[derive(Debug, Clone, Copy)]
pub enum Field {
    FixedMonthly,
    Overhead,
    SuccessRate,
    CurrentVolume,
    HoursPerMonth,
}

/// A value a field refuses.
#[derive(Debug, Clone, Copy)]
pub enum Invalid {
    HoursTooMany,
    NotANumber,
    SuccessOver100,
}

const KINDS: [&str; 4] = [
    "Hosted API",
    "Self-hosted GPU",
    "Self-hosted CPU",
    "Cascade",
];

/// One thing a person does.
#[derive(Debug, Clone)]
pub enum Step {
    New,
    OpenExample(usize),
    OpenFile(usize),
    DropFile(usize),
    Edit(Field, u32),
    TypeInvalid(Invalid),
    SwitchKind(usize),
    AddDesign(usize),
    Duplicate,
    Delete,
    MoveUp,
    MoveDown,
    Select(usize),
    AddUseCase,
    RemoveUseCase,
    Slider(bool),
    ChartClick(f32, f32),
    Undo,
    Redo,
    ApplyPreset(usize),
    GoalSeekApply,
    ShowChart,
    ShowFrontier,
    /// File ▸ Open portfolio… on the test's portfolio of the bundled scenarios.
    OpenPortfolio,
    /// In the Portfolio view: Open on feature `k` (modulo the features).
    OpenFeature(usize),
    /// "Back to the portfolio" from a scenario.
    BackToPortfolio,
}

pub fn step() -> impl Strategy<Value = Step> {
    let n = EXAMPLES.len();
    let files = scenario_files().len();
    let field = prop_oneof![
        Just(Field::FixedMonthly),
        Just(Field::Overhead),
        Just(Field::SuccessRate),
        Just(Field::CurrentVolume),
        Just(Field::HoursPerMonth),
    ];
    let invalid = prop_oneof![
        Just(Invalid::HoursTooMany),
        Just(Invalid::NotANumber),
        Just(Invalid::SuccessOver100),
    ];
    prop_oneof![
        2 => Just(Step::New),
        3 => (0..n).prop_map(Step::OpenExample),
        2 => (0..files).prop_map(Step::OpenFile),
        2 => (0..files).prop_map(Step::DropFile),
        6 => (field, 1u32..1000).prop_map(|(f, v)| Step::Edit(f, v)),
        2 => invalid.prop_map(Step::TypeInvalid),
        2 => (0..KINDS.len()).prop_map(Step::SwitchKind),
        2 => (0..KINDS.len()).prop_map(Step::AddDesign),
        1 => Just(Step::Duplicate),
        2 => Just(Step::Delete),
        1 => Just(Step::MoveUp),
        1 => Just(Step::MoveDown),
        2 => (0..4usize).prop_map(Step::Select),
        1 => Just(Step::AddUseCase),
        1 => Just(Step::RemoveUseCase),
        2 => any::<bool>().prop_map(Step::Slider),
        3 => (0.0f32..1.0, 0.0f32..1.0).prop_map(|(x, y)| Step::ChartClick(x, y)),
        4 => Just(Step::Undo),
        2 => Just(Step::Redo),
        1 => (0..3usize).prop_map(Step::ApplyPreset),
        2 => Just(Step::GoalSeekApply),
        1 => Just(Step::ShowChart),
        1 => Just(Step::ShowFrontier),
        2 => Just(Step::OpenPortfolio),
        3 => (0..8usize).prop_map(Step::OpenFeature),
        2 => Just(Step::BackToPortfolio),
    ]
}

/// The scenario files a person might open or drop.
fn scenario_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter(|p| !io::portfolio::is_portfolio_file(p))
        .collect();
    files.sort();
    files
}

/// The steps a person can take while the Portfolio view is shown: the ones that open or make
/// another document, undo and redo (the portfolio's own), and the portfolio's.
fn possible_on_portfolio(step: &Step) -> bool {
    matches!(
        step,
        Step::New
            | Step::OpenExample(_)
            | Step::OpenFile(_)
            | Step::DropFile(_)
            | Step::Undo
            | Step::Redo
            | Step::OpenPortfolio
            | Step::OpenFeature(_)
            | Step::BackToPortfolio
    )
}

/// File ▸ Open portfolio…, its path typed; unsaved changes to the scenario are discarded.
fn open_portfolio(app: &mut App, model: &mut Model) {
    click(app, "File");
    click(app, "Open portfolio…");
    discard_if_asked(app);
    // The path field starts with the folder of the document shown: replaced, as a person does.
    press(app, Modifiers::COMMAND, Key::A);
    app.get_by_label("File path")
        .type_text(model.portfolio.to_str().unwrap());
    app.run_ok();
    click(app, "Open");
    assert!(
        app.state().portfolio_shown(),
        "Open portfolio: {:?}",
        app.state().message()
    );
    model.portfolio_open = true;
    model.portfolio_shown = true;
}

/// Open on the `k`-th feature (in the portfolio's order): its file is the document shown.
fn open_feature(app: &mut App, model: &mut Model, k: usize) {
    let portfolio = app.state().portfolio().unwrap().clone();
    let Some(feature) = portfolio.features.get(k % portfolio.features.len().max(1)) else {
        return;
    };
    let label = format!("Open {}", feature.file);
    let Some(button) = app.query_by_label(&label) else {
        // A feature that could not be computed has no row.
        return;
    };
    button.scroll_to_me();
    app.run_ok();
    click(app, &label);
    discard_if_asked(app);
    let path = model.portfolio.parent().unwrap().join(&feature.file);
    opened(app, model, &path, "Open feature");
    model.portfolio_shown = false;
}

/// "Back to the portfolio", discarding unsaved changes to the scenario when asked.
fn back_to_portfolio(app: &mut App, model: &mut Model) {
    let title = app.state().portfolio().unwrap().title.clone();
    click(app, &format!("Back to the portfolio: {title}"));
    discard_if_asked(app);
    assert!(app.state().portfolio_shown(), "Back to the portfolio");
    model.portfolio_shown = true;
}

/// Does `step` through the app's widgets, as a person would, and updates what the test knows.
/// Steps that cannot be done on this screen (no such field, too many designs…) do nothing.
pub fn perform(app: &mut App, model: &mut Model, step: &Step) {
    let files = scenario_files();
    if model.portfolio_shown && !possible_on_portfolio(step) {
        return;
    }
    if !matches!(
        step,
        Step::OpenPortfolio
            | Step::OpenFeature(_)
            | Step::BackToPortfolio
            | Step::Undo
            | Step::Redo
    ) {
        // Every other step that does something shows a scenario.
        model.portfolio_shown = false;
    }
    match *step {
        Step::OpenPortfolio => open_portfolio(app, model),
        Step::OpenFeature(k) if model.portfolio_shown => open_feature(app, model, k),
        Step::BackToPortfolio if model.portfolio_open && !model.portfolio_shown => {
            back_to_portfolio(app, model);
        }
        Step::New => new(app, model),
        Step::OpenExample(k) => open_example(app, model, k),
        Step::OpenFile(k) => open_file(app, model, &files[k]),
        Step::DropFile(k) => {
            drop_file(app, &files[k]);
            discard_if_asked(app);
            opened(app, model, &files[k], "Drop");
        }
        Step::Edit(field, v) => {
            let (label, text) = field.entry(app, v);
            retype(app, &label, &text);
        }
        Step::TypeInvalid(invalid) => type_invalid(app, invalid),
        Step::SwitchKind(k) => switch_kind(app, k),
        Step::AddDesign(k) if designs(app) < 6 => {
            click(app, "+ Add design");
            click_last(app, KINDS[k]);
        }
        Step::Duplicate if designs(app) < 6 => click(app, "Duplicate"),
        Step::Delete if designs(app) > 1 => click(app, "Delete"),
        Step::MoveUp => click(app, "⏶"),
        Step::MoveDown => click(app, "⏷"),
        Step::Select(k) => select(app, k),
        Step::AddUseCase if use_cases(app) < 5 => click(app, "+ Add use case"),
        Step::RemoveUseCase if use_cases(app) > 1 => {
            click_last(app, "Remove use case");
        }
        Step::Slider(up) => slide(app, up),
        Step::ChartClick(x, y) if !model.what_if => {
            // Inside the plot: the central panel between the side panels, above the table.
            let point = egui::pos2(700.0 + x * 300.0, 250.0 + y * 250.0);
            app.drag_at(point);
            app.run_ok();
            app.drop_at(point);
            app.run_ok();
        }
        Step::Undo => press(app, Modifiers::COMMAND, Key::Z),
        Step::Redo => press(app, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
        Step::ApplyPreset(k) => apply_preset(app, k),
        Step::GoalSeekApply => {
            click(app, "What if…");
            model.what_if = true;
            model.frontier = false;
            // As a person does: scroll the button into view, then click it.
            if let Some(button) = app.query_by_label("Apply to the design") {
                button.scroll_to_me();
                app.run_ok();
            }
            let applied = app.query_by_label("Apply to the design").map(|n| n.click());
            if applied.is_some() {
                app.run_ok();
            }
        }
        Step::ShowChart => {
            // The tab comes after the table's column of the same name.
            click_last(app, ChartKind::Roi.label());
            model.what_if = false;
            model.frontier = false;
        }
        Step::ShowFrontier => {
            // The tab comes first; the plot's legend has an entry of the same name.
            app.get_all_by_label("Frontier").next().unwrap().click();
            app.run_ok();
            model.what_if = false;
            model.frontier = true;
        }
        // Too many or too few designs or use cases, a click on the chart while What if… shows, no
        // portfolio to go back to or no Portfolio view to open a feature from.
        Step::OpenFeature(_)
        | Step::BackToPortfolio
        | Step::AddDesign(_)
        | Step::Duplicate
        | Step::Delete
        | Step::AddUseCase
        | Step::RemoveUseCase
        | Step::ChartClick(..) => {}
    }
}

/// How many designs the document has.
fn designs(app: &App) -> usize {
    app.state().scenario().designs.len()
}

/// How many use cases the document has.
fn use_cases(app: &App) -> usize {
    app.state().scenario().use_cases.len()
}

/// Clicks the control labelled `label`.
fn click(app: &mut App, label: &str) {
    app.get_by_label(label).click();
    app.run_ok();
}

/// Presses a shortcut.
fn press(app: &mut App, modifiers: Modifiers, key: Key) {
    app.key_press_modifiers(modifiers, key);
    app.run_ok();
}

/// Ctrl+N: the new scenario.
fn new(app: &mut App, model: &mut Model) {
    press(app, Modifiers::COMMAND, Key::N);
    discard_if_asked(app);
    assert_eq!(app.state().scenario(), &empty_scenario(), "New");
    model.saved = Some(empty_scenario());
    "Untitled".clone_into(&mut model.name);
}

/// File ▸ Open example ▸ example `k`.
fn open_example(app: &mut App, model: &mut Model, k: usize) {
    click(app, "File");
    click(app, "Open example");
    // The menu's button (the Portfolio view's editor may show the same file name as a label).
    app.get_by_role_and_label(Role::Button, EXAMPLES[k].file_name)
        .click();
    app.run_ok();
    discard_if_asked(app);
    let expected = io::parse(EXAMPLES[k].text).unwrap();
    assert_eq!(app.state().scenario(), &expected, "Open example {k}");
    model.saved = Some(expected);
    model.name = example_name(k);
}

/// Ctrl+O, then the file's path typed.
fn open_file(app: &mut App, model: &mut Model, path: &Path) {
    press(app, Modifiers::COMMAND, Key::O);
    discard_if_asked(app);
    app.get_by_label("File path")
        .type_text(path.to_str().unwrap());
    app.run_ok();
    click(app, "Open");
    opened(app, model, path, "Open");
}

/// The file at `path` is the document shown, as it is on disk.
fn opened(app: &App, model: &mut Model, path: &Path, how: &str) {
    let expected = io::load(path).unwrap();
    assert_eq!(
        app.state().scenario(),
        &expected,
        "{how} {}",
        path.display()
    );
    model.saved = Some(expected);
    model.name = file_name(path);
}

impl Field {
    /// The field's label and a valid value for it, from `v`.
    fn entry(self, app: &App, v: u32) -> (String, String) {
        match self {
            Field::FixedMonthly => (fixed_monthly_label(app), format!("{}", v * 10)),
            Field::Overhead => ("Overhead".to_owned(), format!("{}", v % 50)),
            Field::SuccessRate => ("Success rate".to_owned(), format!("{}", 1 + v % 100)),
            Field::CurrentVolume => {
                let s = app.state().scenario();
                let (lo, hi) = (s.volume.min, s.volume.max);
                let volume = lo + (hi - lo) / 1000 * u64::from(v);
                ("Current (exact)".to_owned(), volume.to_string())
            }
            Field::HoursPerMonth => ("Hours per month".to_owned(), format!("{}", 600 + v % 144)),
        }
    }
}

/// Types a value the field refuses: the document must not change.
fn type_invalid(app: &mut App, invalid: Invalid) {
    let before = app.state().scenario().clone();
    let (label, text) = match invalid {
        Invalid::HoursTooMany => ("Hours per month", "800"),
        Invalid::NotANumber => ("Overhead", "lots"),
        Invalid::SuccessOver100 => ("Success rate", "150"),
    };
    retype(app, label, text);
    assert_eq!(
        app.state().scenario(),
        &before,
        "{label} = {text} is refused"
    );
}

/// The selected design's Serving combo box: kind `k`.
fn switch_kind(app: &mut App, k: usize) {
    if app.query_by_label("Serving").is_some() {
        click(app, "Serving");
        click_last(app, KINDS[k]);
        // A combo box already on that kind stays open: close it.
        app.key_press(Key::Escape);
        app.run_ok();
    }
}

/// Selects design `k` (modulo their number) in the design list.
fn select(app: &mut App, k: usize) {
    let names: Vec<String> = app
        .state()
        .scenario()
        .designs
        .iter()
        .map(|d| d.name.clone())
        .collect();
    if let Some(name) = names.get(k % names.len().max(1)) {
        // The design list's entry comes first (the table names it too).
        let clicked = app.query_all_by_label(name).next().map(|n| n.click());
        if clicked.is_some() {
            app.run_ok();
        }
    }
}

/// One step of the volume slider, as a keyboard or screen-reader user moves it.
fn slide(app: &mut App, up: bool) {
    {
        let slider = app
            .query_all_by_role(Role::Slider)
            .find(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.contains("Current volume"))
            })
            .expect("the volume slider");
        if up {
            slider.increment_accesskit();
        } else {
            slider.decrement_accesskit();
        }
    }
    app.run_ok();
}

/// A hosted stage: Choose model…, a search, `k` times ↓ and Enter; a self-hosted one: Apply preset
/// ▸ preset `k` (modulo their number). Nothing when the design has neither.
fn apply_preset(app: &mut App, k: usize) {
    if app
        .query_all_by_label("Choose model…")
        .next()
        .map(|n| n.click())
        .is_some()
    {
        app.run_ok();
        let query = ["gpt-4o", "flash", "bedrock sonnet"][k % 3];
        if let Some(field) = app.query_by_label("Find a model") {
            field.type_text(query);
        }
        app.run_ok();
        for _ in 0..k {
            app.key_press(Key::ArrowDown);
            app.run_ok();
        }
        app.key_press(Key::Enter);
        app.run_ok();
        return;
    }
    let opened = app
        .query_all_by_label("Apply preset ▸")
        .next()
        .map(|n| n.click());
    if opened.is_some() {
        app.run_ok();
        {
            let presets: Vec<_> = app.query_all_by_label_contains(" · as of ").collect();
            if !presets.is_empty() {
                presets[k % presets.len()].click();
            }
        }
        app.run_ok();
        app.key_press(Key::Escape);
        app.run_ok();
    }
}

/// Replaces the text of the field labelled `label`, as a person would (select all, type, Tab).
fn retype(app: &mut App, label: &str, text: &str) {
    if app.query_by_label(label).map(|n| n.focus()).is_none() {
        return;
    }
    app.run_ok();
    app.key_press_modifiers(Modifiers::COMMAND, Key::A);
    app.get_by_label(label).type_text(text);
    app.run_ok();
    app.key_press(Key::Tab);
    app.run_ok();
}

/// Answers "Unsaved changes" with Discard when it is asked.
fn discard_if_asked(app: &mut App) {
    if app.query_by_label("Unsaved changes").is_some() {
        app.get_by_label("Discard").click();
        app.run_ok();
    }
}

/// Clicks the last control with this exact label (menus and pop-ups are laid out last).
fn click_last(app: &mut App, label: &str) -> bool {
    let clicked = app.query_all_by_label(label).last().map(|n| n.click());
    if clicked.is_some() {
        app.run_ok();
    }
    clicked.is_some()
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

fn fixed_monthly_label(app: &App) -> String {
    app.query_by_label_contains("Fixed monthly (")
        .and_then(|n| n.accesskit_node().label())
        .unwrap_or_else(|| "Fixed monthly ($)".to_owned())
}

pub fn kind(step: &Step) -> &'static str {
    match step {
        Step::New => "New",
        Step::OpenExample(_) => "OpenExample",
        Step::OpenFile(_) => "OpenFile",
        Step::DropFile(_) => "DropFile",
        Step::Edit(..) => "Edit",
        Step::TypeInvalid(_) => "TypeInvalid",
        Step::SwitchKind(_) => "SwitchKind",
        Step::AddDesign(_) => "AddDesign",
        Step::Duplicate => "Duplicate",
        Step::Delete => "Delete",
        Step::MoveUp => "MoveUp",
        Step::MoveDown => "MoveDown",
        Step::Select(_) => "Select",
        Step::AddUseCase => "AddUseCase",
        Step::RemoveUseCase => "RemoveUseCase",
        Step::Slider(_) => "Slider",
        Step::ChartClick(..) => "ChartClick",
        Step::Undo => "Undo",
        Step::Redo => "Redo",
        Step::ApplyPreset(_) => "ApplyPreset",
        Step::GoalSeekApply => "GoalSeekApply",
        Step::ShowChart => "ShowChart",
        Step::ShowFrontier => "ShowFrontier",
        Step::OpenPortfolio => "OpenPortfolio",
        Step::OpenFeature(_) => "OpenFeature",
        Step::BackToPortfolio => "BackToPortfolio",
    }
}
