//! "What if…": the tornado (which inputs move the selected design's ROI) and goal seek (what one
//! input would have to be to reach a target ROI, or for the upgrade to the design from another
//! to pay: a target incremental ROI), with one click to apply the answer.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::app::command::Command;
use crate::app::context::ViewContext;
use crate::app::document::Generation;
use crate::app::editors::widgets::error_color;
use crate::econ::Band;
use crate::econ::whatif::{self, Input, Metric, Seek, Sensitivity};
use crate::model::Scenario;
use crate::report::whatif::{
    Goal, input_value, limit_text_for, lower_first, roi_text, seek_question, step_detail,
};

mod tornado;

use tornado::tornado_ui;

/// Targets offered as buttons; any other can be typed.
const TARGETS: [Band; 3] = [Band::Marginal, Band::Good, Band::Excellent];

/// The panel's state: its choices, and results cached until the document or a choice changes.
#[derive(Debug)]
pub struct WhatIfState {
    /// Swing of each input, in %.
    pub swing_pct: f64,
    /// The input goal seek solves for (its key), per design kind it may not exist.
    pub seek_input: Option<String>,
    /// The target ROI, as typed.
    pub target_text: String,
    /// What the tornado and goal seek measure: the ROI, or the ROI with carbon.
    pub metric: Metric,
    /// Goal seek asks for the incremental ROI of the upgrade to the design from another one
    /// instead of for `metric`.
    pub seek_upgrade: bool,
    /// The design upgraded from, chosen for a design: (design, from). Where none was chosen for
    /// the selected design, the one below it on the frontier, else the best design.
    pub upgrade_from: Option<(usize, usize)>,
    tornado: Option<(TornadoKey, Result<Sensitivity, String>)>,
    seek: Option<(SeekKey, SeekResult)>,
}

/// What a tornado was computed for: document state, design, swing in tenths of a %, metric.
type TornadoKey = (Generation, usize, u64, Metric);
/// What a goal seek was computed for: document state, design, input key, target text, metric.
type SeekKey = (Generation, usize, String, String, Metric);
type SeekResult = Result<(Input, Seek), String>;

impl Default for WhatIfState {
    fn default() -> Self {
        WhatIfState {
            swing_pct: 20.0,
            seek_input: None,
            target_text: "3".to_owned(),
            metric: Metric::Roi,
            seek_upgrade: false,
            upgrade_from: None,
            tornado: None,
            seek: None,
        }
    }
}

impl WhatIfState {
    /// The What if… tab for the selected design (the first when none is).
    pub(crate) fn ui(&mut self, ui: &mut Ui, view: &ViewContext, commands: &mut Vec<Command>) {
        let scenario = view.scenario;
        let state = self;
        if scenario.designs.get(view.selected().unwrap_or(0)).is_none() {
            ui.label("Select a design on the left to see what moves its ROI.");
            return;
        }
        // With a grid intensity, the question can be asked of the ROI with carbon.
        if scenario.carbon.is_none() {
            state.metric = Metric::Roi;
        }
        // The tab scrolls where the window is too short for the tornado and goal seek.
        egui::ScrollArea::vertical()
            .id_salt("what_if")
            .auto_shrink([false, false])
            .show(ui, |ui| state.body(ui, view, commands));
    }

    /// The tab's contents: the question, the tornado, and goal seek.
    fn body(&mut self, ui: &mut Ui, view: &ViewContext, commands: &mut Vec<Command>) {
        let (scenario, generation) = (view.scenario, view.generation);
        let index = view.selected().unwrap_or(0);
        let state = self;
        let Some(design) = scenario.designs.get(index) else {
            return;
        };
        // The question's row wraps where the centre is narrow (1,280×720).
        ui.horizontal_wrapped(|ui| {
            if scenario.carbon.is_some() {
                ui.label("Measure");
                for (metric, tip) in [
                    (Metric::Roi, "Value ÷ cost"),
                    (
                        Metric::RoiWithCarbon,
                        "Value ÷ (cost + carbon cost at the scenario's carbon price): \
                         the energy and carbon figures become inputs too",
                    ),
                ] {
                    if ui
                        .selectable_label(state.metric == metric, metric.label())
                        .on_hover_text(tip)
                        .clicked()
                    {
                        state.metric = metric;
                    }
                }
                ui.separator();
            }
            ui.label(
                RichText::new(format!(
                    "What moves the {} of {}?",
                    state.metric.label(),
                    design.name
                ))
                .strong(),
            );
            ui.label("Swing each input by ±");
            ui.add(
                egui::DragValue::new(&mut state.swing_pct)
                    .range(1.0..=90.0)
                    .speed(0.5)
                    .suffix(" %"),
            )
            .on_hover_text(
                "How far each input is moved down and up from its value in the scenario",
            );
        });
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let swing_tenths = (state.swing_pct * 10.0).round() as u64;
        let key = (generation, index, swing_tenths, state.metric);
        if state.tornado.as_ref().is_none_or(|(k, _)| *k != key) {
            let swing = Decimal::new(i64::try_from(swing_tenths).unwrap_or(200), 1);
            let result = whatif::sensitivity_for(scenario, index, swing, state.metric)
                .map_err(|e| e.to_string());
            state.tornado = Some((key, result));
        }
        match state.tornado.as_ref().map(|(_, r)| r) {
            Some(Ok(tornado)) => tornado_ui(ui, scenario, tornado),
            Some(Err(e)) => {
                ui.label(RichText::new(format!("⚠ {e}")).color(error_color(ui)));
            }
            None => {}
        }
        ui.separator();
        goal_seek_ui(ui, view, index, state, commands);
    }
}

/// Goal seek: pick an input and a target; the answer, and a button that applies it.
// The question (input, target) and its answer with Apply, laid out in reading order.
fn goal_seek_ui(
    ui: &mut Ui,
    view: &ViewContext,
    index: usize,
    state: &mut WhatIfState,
    commands: &mut Vec<Command>,
) {
    let (scenario, generation) = (view.scenario, view.generation);
    ui.label(RichText::new("What would it take?").strong())
        .on_hover_text(
            "Solve for the value of one input at which this design reaches a \
             target ROI multiple at the current volume, or at which the upgrade to it \
             from another design reaches a target incremental ROI",
        );
    let from = upgrade_from(view, index, state);
    let metric = match from {
        Some(from) if state.seek_upgrade => Metric::IncrementalRoi { from },
        _ => state.metric,
    };
    let inputs = whatif::seekable_inputs_for(scenario, index, metric);
    let keys: Vec<String> = inputs.iter().map(Input::key).collect();
    if state.seek_input.as_ref().is_none_or(|k| !keys.contains(k)) {
        // A price is the usual question: the first serving input, else the first.
        state.seek_input = inputs
            .iter()
            .find(|i| matches!(i, Input::Serving(..)))
            .or(inputs.first())
            .map(Input::key);
    }
    seek_measure_ui(ui, scenario, index, from, state);
    seek_question_ui(ui, scenario, &inputs, state);
    let Some(input_key) = state.seek_input.clone() else {
        return;
    };
    let key: SeekKey = (
        generation,
        index,
        input_key.clone(),
        state.target_text.clone(),
        metric,
    );
    if state.seek.as_ref().is_none_or(|(k, _)| *k != key) {
        let result = solve(scenario, index, &input_key, &state.target_text, metric);
        state.seek = Some((key, result));
    }
    let Some((_, result)) = &state.seek else {
        return;
    };
    match result {
        Err(message) => {
            ui.label(RichText::new(format!("⚠ {message}")).color(error_color(ui)));
        }
        Ok((input, Seek::Unreachable(limit))) => {
            let target = parse_target(&state.target_text).unwrap_or(Decimal::ONE);
            let goal = Goal { target, metric };
            if matches!(metric, Metric::IncrementalRoi { .. }) {
                ui.label(seek_question(scenario, index, input, goal));
            }
            ui.label(
                RichText::new(format!(
                    "Unreachable: {}",
                    limit_text_for(scenario, index, input, goal, limit)
                ))
                .color(error_color(ui)),
            );
        }
        Ok((input, seek)) => {
            let target = parse_target(&state.target_text).unwrap_or(Decimal::ONE);
            let goal = Goal { target, metric };
            reached_ui(ui, scenario, index, goal, input, seek, commands);
        }
    }
}

/// A goal seek's answer: the question in words for an upgrade, the value, and Apply.
fn reached_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    index: usize,
    goal: Goal,
    input: &Input,
    seek: &Seek,
    commands: &mut Vec<Command>,
) {
    let Seek::Reached { value, roi, lowest } = seek else {
        return;
    };
    let metric = goal.metric;
    if let Metric::IncrementalRoi { from } = metric {
        ui.label(seek_question(scenario, index, input, goal))
            .on_hover_text(step_detail(scenario, index, from, input, *value).unwrap_or_default());
    }
    let what = if *input == Input::Volume {
        "Lowest monthly volume".to_owned()
    } else if *lowest {
        format!("Lowest {}", lower_first(&input.label(scenario)))
    } else {
        format!("Highest {}", lower_first(&input.label(scenario)))
    };
    let now = if *input == Input::Volume {
        Some(Decimal::from(scenario.volume.current))
    } else {
        whatif::value_of(scenario, index, input)
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{what}: "));
        ui.label(RichText::new(input_value(scenario, input, *value)).strong());
        ui.label(format!(
            "(now {}) → {} {}",
            now.map_or_else(String::new, |n| input_value(scenario, input, n)),
            metric.name(scenario),
            roi_text(*roi)
        ));
        let unchanged = now == Some(*value);
        let apply = ui
            .add_enabled(!unchanged, egui::Button::new("Apply to the design"))
            .on_hover_text("Set the input to this value (one undo step)");
        if apply.clicked()
            && let Some(changed) = whatif::with_value(scenario, index, input, *value)
        {
            commands.push(Command::Edit {
                key: apply.id,
                path: Some(input.path(index)),
                scenario: changed,
            });
        }
    });
}

/// The design the upgrade is from, for design `index`: the one chosen for it, else the one just
/// below it on the frontier, else the best design, else the first other one (`None`: the
/// scenario has no other design).
fn upgrade_from(view: &ViewContext, index: usize, state: &WhatIfState) -> Option<usize> {
    let count = view.scenario.designs.len();
    if let Some((design, from)) = state.upgrade_from
        && design == index
        && from != index
        && from < count
    {
        return Some(from);
    }
    let choice = &view.computed.choice;
    choice
        .upgrade_to(index)
        .map(|u| u.from)
        .or(choice.best)
        .filter(|b| *b != index && *b < count)
        .or_else(|| (0..count).find(|i| *i != index))
}

/// What goal seek measures: the design's own ROI (or ROI with carbon), or the incremental ROI
/// of the upgrade to it from another design, picked from a list.
fn seek_measure_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    index: usize,
    from: Option<usize>,
    state: &mut WhatIfState,
) {
    let Some(from) = from else {
        state.seek_upgrade = false;
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("Measure");
        if ui
            .selectable_label(!state.seek_upgrade, format!("its {}", state.metric.label()))
            .on_hover_text("This design's own ROI multiple")
            .clicked()
        {
            state.seek_upgrade = false;
        }
        let upgrade = ui
            .selectable_label(state.seek_upgrade, "incremental ROI")
            .on_hover_text(
                "Extra monthly value ÷ extra monthly cost of running this design instead of the \
                 one picked: 1× or more and the upgrade pays",
            );
        if upgrade.clicked() && !state.seek_upgrade {
            state.seek_upgrade = true;
            "1".clone_into(&mut state.target_text);
        }
        let over = ui.label("over");
        let mut picked = from;
        egui::ComboBox::from_id_salt("upgrade_from")
            .selected_text(scenario.designs[from].name.as_str())
            .width(200.0)
            .show_ui(ui, |ui| {
                for (i, d) in scenario.designs.iter().enumerate() {
                    if i != index {
                        ui.selectable_value(&mut picked, i, d.name.as_str());
                    }
                }
            })
            .response
            .labelled_by(over.id)
            .on_hover_text("The design the upgrade is from");
        if picked != from {
            state.upgrade_from = Some((index, picked));
            state.seek_upgrade = true;
        }
    });
}

/// The question: the input to solve for, and the target ROI (a band's threshold, or typed).
fn seek_question_ui(ui: &mut Ui, scenario: &Scenario, inputs: &[Input], state: &mut WhatIfState) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Solve for");
        let current = state.seek_input.clone().unwrap_or_default();
        let shown = inputs
            .iter()
            .find(|i| i.key() == current)
            .map_or_else(String::new, |i| i.label(scenario));
        egui::ComboBox::from_id_salt("seek_input")
            .selected_text(shown)
            .width(260.0)
            .show_ui(ui, |ui| {
                for input in inputs {
                    ui.selectable_value(
                        &mut state.seek_input,
                        Some(input.key()),
                        input.label(scenario),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        ui.label("to reach");
        for band in TARGETS {
            let (Some(label), Some(k)) = (band.target(), band.threshold()) else {
                continue;
            };
            if ui
                .selectable_label(state.target_text == k.to_string(), label)
                .clicked()
            {
                state.target_text = k.to_string();
            }
        }
        let or = ui.label("or");
        ui.add(
            egui::TextEdit::singleline(&mut state.target_text)
                .desired_width(48.0)
                .hint_text("ROI"),
        )
        .labelled_by(or.id)
        .on_hover_text("Any ROI multiple above 0, e.g. 5 for 5×");
        ui.label("×");
    });
}

fn parse_target(text: &str) -> Option<Decimal> {
    use std::str::FromStr as _;
    Decimal::from_str(text.trim().trim_end_matches('×').trim())
        .ok()
        .filter(|t| *t > Decimal::ZERO)
}

fn solve(
    scenario: &Scenario,
    index: usize,
    input_key: &str,
    target_text: &str,
    metric: Metric,
) -> Result<(Input, Seek), String> {
    let target = parse_target(target_text).ok_or_else(|| {
        format!("The target must be an ROI multiple above 0, e.g. 3; got {target_text:?}")
    })?;
    let input =
        whatif::find_input_for(scenario, index, input_key, metric).map_err(|e| e.to_string())?;
    let seek = whatif::goal_seek_for(scenario, index, &input, target, metric)
        .map_err(|e| e.to_string())?;
    Ok((input, seek))
}
