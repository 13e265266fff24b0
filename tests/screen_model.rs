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

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::path::PathBuf;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use inference_roi::app::recovery::Recovery;
use inference_roi::app::{PlannerApp, Settings, StartOptions, empty_scenario};
use inference_roi::chart::{ChartKind, Scene};
use inference_roi::econ::sweep::series_all;
use inference_roi::econ::validate;
use inference_roi::econ::{self, Prepared};
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::model::{Scenario, Severity};
use inference_roi::report::whatif::roi_text;
use inference_roi::report::{ANSWER_FIRST, Dip, METRIC_LABELS, Report, dips, format};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

type App = Harness<'static, PlannerApp>;

/// The scenario files a person might open or drop.
fn scenario_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// The number fields every design has, with values that are always valid.
#[derive(Debug, Clone, Copy)]
enum Field {
    FixedMonthly,
    Overhead,
    SuccessRate,
    CurrentVolume,
    HoursPerMonth,
}

/// A value a field refuses.
#[derive(Debug, Clone, Copy)]
enum Invalid {
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
enum Step {
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
}

/// How a sequence starts: on an example, or on an example with a recovery copy of another
/// (edited) scenario waiting to be restored.
#[derive(Debug, Clone)]
enum Start {
    Example(usize),
    Recovery { shown: usize, recovered: usize },
}

fn step() -> impl Strategy<Value = Step> {
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
    ]
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
struct Model {
    saved: Option<Scenario>,
    name: String,
    what_if: bool,
    _dir: tempfile::TempDir,
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
    let options = StartOptions {
        scenario: scenario.clone(),
        path: None,
        message: None,
        recovery_dir,
        native_dialogs: false,
        // Autosave is not what is tested here; keep the disk out of it.
        autosave_every: std::time::Duration::from_hours(1),
    };
    let mut app = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_eframe(|cc| PlannerApp::with_settings(&cc.egui_ctx, options, Settings::default()));
    app.run_ok();
    let mut model = Model {
        saved: Some(scenario),
        name: example_name(shown),
        what_if: false,
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

/// The text of every label on screen, in the order they are laid out.
fn labels(app: &App) -> Vec<String> {
    app.query_all_by_role(Role::Label)
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.value().or_else(|| node.label())
        })
        .collect()
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

#[allow(clippy::too_many_lines)] // one arm per thing a person does
fn perform(app: &mut App, model: &mut Model, step: &Step) {
    let files = scenario_files();
    match step {
        Step::New => {
            app.key_press_modifiers(Modifiers::COMMAND, Key::N);
            app.run_ok();
            discard_if_asked(app);
            assert_eq!(app.state().scenario(), &empty_scenario(), "New");
            model.saved = Some(empty_scenario());
            "Untitled".clone_into(&mut model.name);
        }
        Step::OpenExample(k) => {
            app.get_by_label("File").click();
            app.run_ok();
            app.get_by_label("Open example").click();
            app.run_ok();
            app.get_by_label(EXAMPLES[*k].file_name).click();
            app.run_ok();
            discard_if_asked(app);
            let expected = io::parse(EXAMPLES[*k].text).unwrap();
            assert_eq!(app.state().scenario(), &expected, "Open example {k}");
            model.saved = Some(expected);
            model.name = example_name(*k);
        }
        Step::OpenFile(k) => {
            app.key_press_modifiers(Modifiers::COMMAND, Key::O);
            app.run_ok();
            discard_if_asked(app);
            app.get_by_label("File path")
                .type_text(files[*k].to_str().unwrap());
            app.run_ok();
            app.get_by_label("Open").click();
            app.run_ok();
            let expected = io::load(&files[*k]).unwrap();
            assert_eq!(
                app.state().scenario(),
                &expected,
                "Open {}",
                files[*k].display()
            );
            model.saved = Some(expected);
            model.name = file_name(&files[*k]);
        }
        Step::DropFile(k) => {
            app.input_mut()
                .dropped_files
                .push(std::sync::Arc::new(Dropped(files[*k].clone())));
            app.run_ok();
            discard_if_asked(app);
            let expected = io::load(&files[*k]).unwrap();
            assert_eq!(
                app.state().scenario(),
                &expected,
                "Drop {}",
                files[*k].display()
            );
            model.saved = Some(expected);
            model.name = file_name(&files[*k]);
        }
        Step::Edit(field, v) => {
            let (label, text) = match field {
                Field::FixedMonthly => (fixed_monthly_label(app), format!("{}", v * 10)),
                Field::Overhead => ("Overhead".to_owned(), format!("{}", v % 50)),
                Field::SuccessRate => ("Success rate".to_owned(), format!("{}", 1 + v % 100)),
                Field::CurrentVolume => {
                    let s = app.state().scenario();
                    let (lo, hi) = (s.volume.min, s.volume.max);
                    let volume = lo + (hi - lo) / 1000 * u64::from(*v);
                    ("Current (exact)".to_owned(), volume.to_string())
                }
                Field::HoursPerMonth => {
                    ("Hours per month".to_owned(), format!("{}", 600 + v % 144))
                }
            };
            retype(app, &label, &text);
        }
        Step::TypeInvalid(invalid) => {
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
        Step::SwitchKind(k) => {
            if app.query_by_label("Serving").is_some() {
                app.get_by_label("Serving").click();
                app.run_ok();
                click_last(app, KINDS[*k]);
                // A combo box already on that kind stays open: close it.
                app.key_press(Key::Escape);
                app.run_ok();
            }
        }
        Step::AddDesign(k) => {
            if app.state().scenario().designs.len() < 6 {
                app.get_by_label("+ Add design").click();
                app.run_ok();
                click_last(app, KINDS[*k]);
            }
        }
        Step::Duplicate => {
            if app.state().scenario().designs.len() < 6 {
                app.get_by_label("Duplicate").click();
                app.run_ok();
            }
        }
        Step::Delete => {
            if app.state().scenario().designs.len() > 1 {
                app.get_by_label("Delete").click();
                app.run_ok();
            }
        }
        Step::MoveUp => {
            app.get_by_label("⏶").click();
            app.run_ok();
        }
        Step::MoveDown => {
            app.get_by_label("⏷").click();
            app.run_ok();
        }
        Step::Select(k) => {
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
        Step::AddUseCase => {
            if app.state().scenario().use_cases.len() < 5 {
                app.get_by_label("+ Add use case").click();
                app.run_ok();
            }
        }
        Step::RemoveUseCase => {
            if app.state().scenario().use_cases.len() > 1 {
                click_last(app, "Remove use case");
            }
        }
        Step::Slider(up) => {
            // One step of the slider, as a keyboard or screen-reader user moves it.
            {
                let slider = app
                    .query_all_by_role(Role::Slider)
                    .find(|n| {
                        n.accesskit_node()
                            .label()
                            .is_some_and(|l| l.contains("Current volume"))
                    })
                    .expect("the volume slider");
                if *up {
                    slider.increment_accesskit();
                } else {
                    slider.decrement_accesskit();
                }
            }
            app.run_ok();
        }
        Step::ChartClick(x, y) => {
            if !model.what_if {
                // Inside the plot: the central panel between the side panels, above the table.
                let point = egui::pos2(700.0 + x * 300.0, 250.0 + y * 250.0);
                app.drag_at(point);
                app.run_ok();
                app.drop_at(point);
                app.run_ok();
            }
        }
        Step::Undo => {
            app.key_press_modifiers(Modifiers::COMMAND, Key::Z);
            app.run_ok();
        }
        Step::Redo => {
            app.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
            app.run_ok();
        }
        Step::ApplyPreset(k) => {
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
        Step::GoalSeekApply => {
            app.get_by_label("What if…").click();
            app.run_ok();
            model.what_if = true;
            let applied = app.query_by_label("Apply to the design").map(|n| n.click());
            if applied.is_some() {
                app.run_ok();
            }
        }
        Step::ShowChart => {
            // The tab comes after the table's column of the same name.
            click_last(app, ChartKind::Roi.label());
            model.what_if = false;
        }
    }
}

fn fixed_monthly_label(app: &App) -> String {
    app.query_by_label_contains("Fixed monthly (")
        .and_then(|n| n.accesskit_node().label())
        .unwrap_or_else(|| "Fixed monthly ($)".to_owned())
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// The start of a refused design's row (the reason after it is not compared).
const NOT_COMPUTED: &str = "⚠ not computed: ";

/// The table's labels as the core says they must read, from "At … requests/month" to the last
/// crossover. Rows of designs the validator refuses read "⚠ not computed: …" (only the prefix
/// is compared).
fn expected_table(scenario: &Scenario) -> Vec<String> {
    let report = Report::new(scenario, scenario.volume.current);
    let analysis = &report.analysis;
    let problems = validate(scenario);
    let refused = |i: usize| {
        problems
            .iter()
            .any(|p| p.severity == Severity::Error && p.design_index().is_none_or(|d| d == i))
    };
    let best = analysis.best();
    let mut out = vec![format!(
        "At {} requests/month",
        format::count(analysis.volume)
    )];
    if let Some(i) = best {
        out.push(format!("· best: ★ {}", scenario.designs[i].name));
    }
    // The energy columns (Wh, gCO₂e per inference, ROI with carbon) follow cost and value per
    // inference when a design has energy data; "—" where one has none.
    let energy: Vec<Option<inference_roi::econ::energy::Energy>> = scenario
        .designs
        .iter()
        .zip(&analysis.designs)
        .map(|(d, f)| {
            let f = f.as_ref().ok()?;
            inference_roi::econ::energy::energy(scenario, d, &f.metrics)
                .ok()
                .flatten()
        })
        .collect();
    let energy_at = energy.iter().any(Option::is_some).then_some(4);
    let with_energy = |cells: Vec<String>, extra: [String; 3]| -> Vec<String> {
        let mut cells = cells;
        if let Some(at) = energy_at {
            cells.splice(at..at, extra);
        }
        cells
    };
    out.push("Design".to_owned());
    out.extend(with_energy(
        ANSWER_FIRST
            .iter()
            .map(|&k| METRIC_LABELS[k].to_owned())
            .collect(),
        [
            "Wh per inference".to_owned(),
            "gCO₂e per inference".to_owned(),
            "ROI with carbon".to_owned(),
        ],
    ));
    for (i, (design, figures)) in scenario.designs.iter().zip(&analysis.designs).enumerate() {
        out.push(if best == Some(i) {
            format!("★ {}", design.name)
        } else {
            design.name.clone()
        });
        match figures {
            Ok(figures) if !refused(i) => {
                let cells = inference_roi::report::readable_cells(figures, &scenario.currency);
                let dash = || "—".to_owned();
                let e = energy[i].as_ref();
                let extra = [
                    e.map_or_else(dash, |e| {
                        format!("{} Wh", format::significant(e.wh_per_inference))
                    }),
                    e.and_then(|e| e.g_co2e_per_inference)
                        .map_or_else(dash, |g| format!("{} g", format::significant(g))),
                    e.and_then(|e| e.roi_with_carbon)
                        .map_or_else(dash, format::multiple),
                ];
                out.extend(with_energy(
                    ANSWER_FIRST.iter().map(|&k| cells[k].clone()).collect(),
                    extra,
                ));
            }
            _ => out.push(NOT_COMPUTED.to_owned()),
        }
    }
    out.extend(expected_volumes(scenario, &report, &refused));
    out
}

/// The "Volumes that matter" section's labels: per computed design its threshold volumes and
/// capacity (links — not labels — where they lie in the chart's range), the dip notes, the
/// crossovers.
fn expected_volumes(
    scenario: &Scenario,
    report: &Report,
    refused: &dyn Fn(usize) -> bool,
) -> Vec<String> {
    let analysis = &report.analysis;
    let mut out = Vec::new();
    out.push("Click a volume to move the current volume there.".to_owned());
    out.extend(
        [
            "Design",
            "Breaks even at",
            "Good (3×) from",
            "Excellent (10×) from",
            "Over capacity above",
        ]
        .map(str::to_owned),
    );
    let in_range = |v: u64| (scenario.volume.min..=scenario.volume.max).contains(&v);
    for (i, (design, figures)) in scenario.designs.iter().zip(&analysis.designs).enumerate() {
        let Ok(f) = figures else { continue };
        if refused(i) {
            continue;
        }
        out.push(design.name.clone());
        for threshold in [&f.break_even, &f.good_from, &f.excellent_from] {
            match threshold.first {
                Some(v) if in_range(v) => {}
                Some(v) => out.push(format::count(v)),
                None => out.push("never".to_owned()),
            }
        }
        match f.capacity_limit {
            Some(v) if in_range(v) => {}
            Some(v) => out.push(format::count(v)),
            None => out.push("—".to_owned()),
        }
    }
    // Each dip: its words, with its volumes as links (labels outside the chart's range).
    for dip in dips(report) {
        out.push(dip.lead.clone());
        if !in_range(dip.first) {
            out.push(format::count(dip.first));
        }
        out.push(dip.middle.clone());
        if let Some(holds) = dip.holds_from {
            if !in_range(holds) {
                out.push(format::count(holds));
            }
            out.push(Dip::TAIL.to_owned());
        }
    }
    let crossovers: Vec<_> = analysis
        .crossovers
        .iter()
        .filter(|c| !c.volumes.is_empty())
        .collect();
    if crossovers.is_empty() {
        out.push(
            "No crossovers in the chart's range: the order of the designs does not change."
                .to_owned(),
        );
    } else {
        out.push(format!(
            "Crossovers (ROI order changes), {}–{} requests/month:",
            format::compact(scenario.volume.min),
            format::compact(scenario.volume.max)
        ));
        for c in crossovers {
            out.push(format!(
                "◆ {} ↔ {}:",
                scenario.designs[c.a].name, scenario.designs[c.b].name
            ));
            out.extend(
                c.volumes
                    .iter()
                    .filter(|v| !in_range(**v))
                    .map(|v| format::count(*v)),
            );
            // A pair with more crossovers than it lists says how many more.
            out.extend(inference_roi::report::crossovers_beyond(c));
        }
    }
    out
}

/// Compares the table on screen with the core's.
fn check_table(shown: &[String], scenario: &Scenario, context: &str) {
    let expected = expected_table(scenario);
    let start = shown
        .iter()
        .position(|l| l.starts_with("At ") && l.ends_with(" requests/month"))
        .unwrap_or_else(|| panic!("{context}: no table heading in {shown:#?}"));
    for (k, want) in expected.iter().enumerate() {
        let got = shown.get(start + k).unwrap_or_else(|| {
            panic!("{context}: the table ends before {want:?}; expected {expected:#?}")
        });
        if want == NOT_COMPUTED {
            assert!(
                got.starts_with(NOT_COMPUTED),
                "{context}: expected a refused row, got {got:?}"
            );
        } else {
            assert_eq!(got, want, "{context}: table label {k} of {expected:#?}");
        }
    }
}

/// The chart drawn for the document: its curves at a handful of volumes equal the sweep's, and
/// the "now" marker is at the document's volume.
fn check_chart(app: &App, context: &str) {
    let scenario = app.state().scenario();
    let computed = &app.state().computed().chart;
    let prepared: Vec<Result<Prepared, econ::EconError>> = scenario
        .designs
        .iter()
        .map(|d| Prepared::new(scenario, d))
        .collect();
    assert_eq!(computed.curves.len(), scenario.designs.len(), "{context}");
    let n = computed.volumes.len();
    assert!(n > 1, "{context}: no curve volumes");
    assert_eq!(computed.volumes[0], scenario.volume.min.max(1), "{context}");
    assert_eq!(
        *computed.volumes.last().unwrap(),
        scenario.volume.max.max(scenario.volume.min.max(1) + 1),
        "{context}"
    );
    let picks: Vec<usize> = (0..5).map(|k| k * (n - 1) / 4).collect();
    let volumes: Vec<u64> = picks.iter().map(|&j| computed.volumes[j]).collect();
    let fresh = series_all(&prepared, &volumes);
    for (d, (shown, fresh)) in computed.curves.iter().zip(&fresh).enumerate() {
        let (Ok(shown), Ok(fresh)) = (shown, fresh) else {
            assert_eq!(shown.is_ok(), fresh.is_ok(), "{context}: design {d}");
            continue;
        };
        for (k, &j) in picks.iter().enumerate() {
            let (a, b) = (shown.roi[j], fresh.roi[k]);
            assert!(
                (a.is_nan() && b.is_nan())
                    || a.total_cmp(&b).is_eq()
                    || (a - b).abs() <= 1e-9 * b.abs(),
                "{context}: design {d} ROI at {} is {a} on the chart, {b} in the sweep",
                volumes[k]
            );
        }
    }
    let scene = Scene::new(
        scenario,
        computed,
        &HashSet::<String>::new(),
        ChartKind::Roi,
    );
    let now = (scenario.volume.current as f64).log10();
    assert!(
        (scene.current.0 - now).abs() < 1e-12,
        "{context}: now at {} for volume {}",
        scene.current.0,
        scenario.volume.current
    );
    assert_eq!(
        scene.current.1,
        format!("now: {}/mo", format::compact(scenario.volume.current)),
        "{context}"
    );
}

/// The tornado rows as the what-if panel must read them for design `index`.
fn expected_tornado(scenario: &Scenario, index: usize) -> Vec<String> {
    let Ok(tornado) = econ::whatif::sensitivity(scenario, index, Decimal::from(20)) else {
        return Vec::new();
    };
    if tornado.base_roi.is_none() {
        return Vec::new();
    }
    let text = |r: &Result<Option<Decimal>, econ::EconError>| {
        let f = r.as_ref().ok().copied().flatten()?.to_f64()?;
        Some(Decimal::from_f64_retain(f).map_or_else(|| "∞".to_owned(), |d| roi_text(Some(d))))
    };
    tornado
        .swings
        .iter()
        .filter_map(|w| {
            let label = if w.from_range {
                format!("{} (its range)", w.input.label(scenario))
            } else {
                w.input.label(scenario)
            };
            Some(format!(
                "{label}: ROI {} lowered, {} raised",
                text(&w.roi_low)?,
                text(&w.roi_high)?
            ))
        })
        .collect()
}

fn check_what_if(shown: &[String], scenario: &Scenario, context: &str) {
    let Some(heading) = shown
        .iter()
        .find(|l| l.starts_with("What moves the ROI of "))
    else {
        return;
    };
    let name = heading
        .trim_start_matches("What moves the ROI of ")
        .trim_end_matches('?');
    let index = scenario
        .designs
        .iter()
        .position(|d| d.name == name)
        .unwrap_or_else(|| panic!("{context}: the what-if panel names {name:?}, not a design"));
    let rows: Vec<&String> = shown
        .iter()
        .filter(|l| l.contains(": ROI ") && l.ends_with(" raised"))
        .collect();
    let expected = expected_tornado(scenario, index);
    assert_eq!(
        rows.len(),
        expected.len(),
        "{context}: tornado of {name}: {rows:#?} vs {expected:#?}"
    );
    for (got, want) in rows.iter().zip(&expected) {
        assert_eq!(*got, want, "{context}: tornado of {name}");
    }
}

fn check_title(app: &App, model: &Model, shown: &[String], context: &str) {
    let state = app.state();
    let scenario = state.scenario();
    let dirty = model.saved.as_ref() != Some(scenario);
    assert_eq!(
        state.document().is_dirty(),
        dirty,
        "{context}: unsaved mark"
    );
    let title = state.window_title();
    let mark = if dirty { "● " } else { "" };
    assert!(
        title.starts_with(&format!("{mark}{}", model.name)),
        "{context}: title {title:?}, expected {mark}{}",
        model.name
    );
    let heading = if scenario.title.is_empty() {
        "Untitled scenario"
    } else {
        &scenario.title
    };
    assert!(
        shown.iter().any(|l| l == heading),
        "{context}: the heading {heading:?} is not on screen"
    );
}

/// Everything on screen belongs to the document shown.
fn check_screen(app: &App, model: &Model, context: &str) {
    let shown = labels(app);
    let scenario = app.state().scenario().clone();
    check_title(app, model, &shown, context);
    check_chart(app, context);
    if model.what_if {
        check_what_if(&shown, &scenario, context);
    } else {
        check_table(&shown, &scenario, context);
    }
}

/// What each kind of step did over a run: how often it ran and how often it changed the
/// document (so a step that silently stopped reaching its widget fails the test).
type Tally = std::collections::BTreeMap<&'static str, (usize, usize)>;

fn kind(step: &Step) -> &'static str {
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
    }
}

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
