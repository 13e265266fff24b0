//! "What if…": the tornado (which inputs move the selected design's ROI) and goal seek (what one
//! input would have to be to reach a target ROI), with one click to apply the answer.

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use crate::app::command::Command;
use crate::app::context::ViewContext;
use crate::app::document::Generation;
use crate::app::editors::widgets::error_color;
use crate::econ::Band;
use crate::econ::whatif::{self, Input, Metric, Seek, Sensitivity};
use crate::model::Scenario;
use crate::report::whatif::{input_value, limit_text, lower_first, roi_text};

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
        goal_seek_ui(ui, scenario, generation, index, state, commands);
    }
}

/// Goal seek: pick an input and a target; the answer, and a button that applies it.
// The question (input, target) and its answer with Apply, laid out in reading order.
fn goal_seek_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    generation: Generation,
    index: usize,
    state: &mut WhatIfState,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new("What would it take?").strong())
        .on_hover_text(
            "Solve for the value of one input at which this design reaches a \
             target ROI multiple at the current volume",
        );
    let inputs = whatif::seekable_inputs_for(scenario, index, state.metric);
    let keys: Vec<String> = inputs.iter().map(Input::key).collect();
    if state.seek_input.as_ref().is_none_or(|k| !keys.contains(k)) {
        // A price is the usual question: the first serving input, else the first.
        state.seek_input = inputs
            .iter()
            .find(|i| matches!(i, Input::Serving(..)))
            .or(inputs.first())
            .map(Input::key);
    }
    seek_question_ui(ui, scenario, &inputs, state);
    let Some(input_key) = state.seek_input.clone() else {
        return;
    };
    let key: SeekKey = (
        generation,
        index,
        input_key.clone(),
        state.target_text.clone(),
        state.metric,
    );
    if state.seek.as_ref().is_none_or(|(k, _)| *k != key) {
        let result = solve(
            scenario,
            index,
            &input_key,
            &state.target_text,
            state.metric,
        );
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
            ui.label(
                RichText::new(format!(
                    "Unreachable: {}",
                    limit_text(scenario, input, target, limit)
                ))
                .color(error_color(ui)),
            );
        }
        Ok((input, Seek::Reached { value, roi, lowest })) => {
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
                    state.metric.label(),
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
    }
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
