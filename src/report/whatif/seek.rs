//! Goal-seek answers as text, Markdown and JSON: the question in words, the answer, or why there
//! is none. Names come from the file: text quotes them, Markdown escapes every line.

use rust_decimal::Decimal;
use serde_json::json;

use super::{band_text, design_name, input_value, lower_first, roi_json, roi_text};
use crate::econ::whatif::{self, Input, Limit, Metric, Roi, Seek};
use crate::model::Scenario;
use crate::report::{exact, format};

/// What goal seek was asked to reach: a multiple of the ROI, of the ROI with carbon, or of the
/// incremental ROI of an upgrade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Goal {
    /// The multiple to reach.
    pub target: Decimal,
    /// Which multiple.
    pub metric: Metric,
}

/// The metric as `--metric` and JSON spell it.
pub(super) fn metric_key(metric: Metric) -> &'static str {
    match metric {
        Metric::Roi => "roi",
        Metric::RoiWithCarbon => "roi_with_carbon",
        Metric::IncrementalRoi { .. } => "incremental_roi",
    }
}

/// A design's name as text quotes it: `"GPT-4o API"`.
fn quoted(scenario: &Scenario, design: usize) -> String {
    format!("{:?}", design_name(scenario, design))
}

/// The metric in a sentence, the design upgraded from quoted: `incremental ROI over "A"`.
pub fn metric_phrase(scenario: &Scenario, metric: Metric) -> String {
    match metric {
        Metric::IncrementalRoi { from } => {
            format!("incremental ROI over {}", quoted(scenario, from))
        }
        _ => metric.label().to_owned(),
    }
}

/// What the upgrade must do: "pay (incremental ROI ≥ 1×)", "reach an incremental ROI of 3×".
fn upgrade_goal(target: Decimal) -> String {
    if target == Decimal::ONE {
        "pay (incremental ROI ≥ 1×)".to_owned()
    } else {
        format!("reach an incremental ROI of {}×", exact(target))
    }
}

/// The design whose field the input is (`None`: the scenario's, such as the volume).
fn owner(design: usize, input: &Input) -> Option<usize> {
    match input {
        Input::Of(other, _) => Some(*other),
        Input::Volume
        | Input::Share(_)
        | Input::ValuePerSuccess(_)
        | Input::Size(_)
        | Input::PeakToAverage
        | Input::Carbon(_) => None,
        _ => Some(design),
    }
}

/// The input in a sentence: `success rate of "GPT-4o API"`, `monthly volume`.
fn input_phrase(scenario: &Scenario, design: usize, input: &Input) -> String {
    let label = match input {
        Input::Of(_, inner) => inner.label(scenario),
        Input::Volume => "monthly volume".to_owned(),
        _ => input.label(scenario),
    };
    match owner(design, input) {
        Some(i) => format!("{} of {}", lower_first(&label), quoted(scenario, i)),
        None => lower_first(&label),
    }
}

/// ` to "B"` where the input's phrase does not already name the design upgraded to.
fn upgrade_to(scenario: &Scenario, design: usize, input: &Input) -> String {
    if owner(design, input) == Some(design) {
        String::new()
    } else {
        format!(" to {}", quoted(scenario, design))
    }
}

/// The question as one sentence: `What success rate of "GPT-4o API" makes the upgrade from
/// "Routed by use case" pay (incremental ROI ≥ 1×)?`, `What price per 1M input tokens makes
/// "API" reach 5×?`.
pub fn seek_question(scenario: &Scenario, design: usize, input: &Input, goal: Goal) -> String {
    match goal.metric {
        Metric::IncrementalRoi { from } => format!(
            "What {} makes the upgrade from {}{} {}?",
            input_phrase(scenario, design, input),
            quoted(scenario, from),
            upgrade_to(scenario, design, input),
            upgrade_goal(goal.target)
        ),
        metric => format!(
            "What {} makes {} reach {}×{}?",
            lower_first(&input.label(scenario)),
            quoted(scenario, design),
            exact(goal.target),
            if metric == Metric::Roi {
                String::new()
            } else {
                format!(" {}", metric.label())
            }
        ),
    }
}

/// The extra value and cost of the upgrade once `input` is `value`: `$439.50 more value for
/// $1,107.13 more cost a month` (`None` where the step cannot be computed).
pub fn step_detail(
    scenario: &Scenario,
    design: usize,
    from: usize,
    input: &Input,
    value: Decimal,
) -> Option<String> {
    let changed = whatif::with_value(scenario, design, input, value)?;
    let step = whatif::step_of(&changed, from, design).ok()?;
    let currency = &scenario.currency;
    let side = |amount: Decimal, what: &str| {
        let (amount, word) = if amount < Decimal::ZERO {
            (-amount, "less")
        } else {
            (amount, "more")
        };
        format!("{} {word}{what}", format::money(amount, currency))
    };
    Some(format!(
        "{} for {} a month",
        side(step.extra_monthly_value, " value"),
        side(step.extra_monthly_cost, " cost")
    ))
}

/// Why a goal seek of the ROI has no answer, as a sentence.
pub fn limit_text(scenario: &Scenario, input: &Input, target: Decimal, limit: &Limit) -> String {
    let goal = Goal {
        target,
        metric: Metric::Roi,
    };
    limit_text_for(scenario, 0, input, goal, limit)
}

/// Why a goal seek of design `design` has no answer, as a sentence that names the metric (and
/// for an upgrade, what it adds and costs at the input's limit).
pub fn limit_text_for(
    scenario: &Scenario,
    design: usize,
    input: &Input,
    goal: Goal,
    limit: &Limit,
) -> String {
    let target_value = goal.target;
    let target = exact(goal.target);
    let metric = metric_phrase(scenario, goal.metric);
    match limit {
        Limit::Target => format!("the target must be an ROI multiple above 0×, got {target}×"),
        Limit::Extreme { value, roi } => {
            let (lo, _) = input.domain().bounds();
            let end = if *value == lo { "least" } else { "most" };
            let detail = match goal.metric {
                Metric::IncrementalRoi { from } => {
                    step_detail(scenario, design, from, input, *value)
                        .map_or_else(String::new, |d| format!(" ({d})"))
                }
                _ => String::new(),
            };
            format!(
                "even at {}, the {end} the file allows for its {}, the {metric} is {}{detail}, below {target}× \
                    (out of reach within that limit)",
                input_value(scenario, input, *value),
                lower_first(&input.label(scenario)),
                roi_below(*roi, target_value)
            )
        }
        Limit::NoEffect => format!(
            "its {} has no effect on this design (the {metric} stays the same whatever its value)",
            lower_first(&input.label(scenario))
        ),
        Limit::Overflow { value } => format!(
            "at {} the figures overflow the exact range (28 significant digits): no answer",
            input_value(scenario, input, *value)
        ),
        Limit::Volume(Some(capacity)) => format!(
            "the {metric} stays below {target}× at every volume up to its capacity of {} requests/month",
            format::count(*capacity)
        ),
        Limit::Volume(None) => format!(
            "the {metric} stays below {target}× at every volume up to 10^12 requests/month (value per inference \
                stays below {target}× the cost)"
        ),
    }
}

/// An ROI multiple that misses `target`, with enough digits that it reads below it
/// (`4.9999993×`, never `5.00×` below 5×).
fn roi_below(roi: Roi, target: Decimal) -> String {
    let Some(roi) = roi else {
        return "∞".to_owned();
    };
    let shown = format::multiple(roi);
    let plain: Option<Decimal> = shown.trim_end_matches('×').replace(',', "").parse().ok();
    if plain.is_some_and(|p| p < target) {
        return shown;
    }
    (3..=20)
        .map(|dp| roi.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::ToZero))
        .find(|r| *r < target)
        .map_or_else(
            || format!("{}×", exact(roi)),
            |r| format!("{}×", r.normalize()),
        )
}

/// The answer's value with its unit, and the exact figure where the unit rounds it.
fn shown_value(scenario: &Scenario, input: &Input, value: Decimal) -> String {
    let shown = input_value(scenario, input, value);
    let precise = exact(value);
    if shown.replace(',', "").contains(&precise) {
        shown
    } else {
        format!("{shown} (exactly {precise} in the file)")
    }
}

/// A goal-seek answer as a sentence or two.
pub fn seek_text(
    scenario: &Scenario,
    design: usize,
    input: &Input,
    goal: Goal,
    seek: &Seek,
) -> String {
    if let Metric::IncrementalRoi { from } = goal.metric {
        return upgrade_text(scenario, (from, design), input, goal.target, seek);
    }
    let Goal { target, metric } = goal;
    let of = match metric {
        Metric::Roi => String::new(),
        _ => format!(" {}", metric.label()),
    };
    let name = design_name(scenario, design);
    let label = input.label(scenario);
    match seek {
        Seek::Reached { value, roi, lowest } => {
            let at = if matches!(input, Input::Volume) {
                String::new()
            } else {
                format!(
                    " at {} requests/month",
                    format::count(scenario.volume.current)
                )
            };
            let what = match (input, lowest) {
                (Input::Volume, _) => "The lowest monthly volume".to_owned(),
                (_, true) => format!("The lowest {}", lower_first(&label)),
                (_, false) => format!("The highest {}", lower_first(&label)),
            };
            format!(
                "{what} at which {name:?} reaches {}×{of}{at}: {}\n{} there: {} ({})\n",
                exact(target),
                shown_value(scenario, input, *value),
                metric.label(),
                roi_text(*roi),
                band_text(*roi)
            )
        }
        Seek::Unreachable(limit) => format!(
            "{name:?} cannot reach {}×{of} by changing its {}: {}\n",
            exact(target),
            lower_first(&label),
            limit_text_for(scenario, design, input, goal, limit)
        ),
    }
}

/// The answer to "what would make the upgrade from `from` to `design` pay?" in words.
fn upgrade_text(
    scenario: &Scenario,
    (from, design): (usize, usize),
    input: &Input,
    target: Decimal,
    seek: &Seek,
) -> String {
    let goal = Goal {
        target,
        metric: Metric::IncrementalRoi { from },
    };
    let phrase = input_phrase(scenario, design, input);
    let upgrade = format!(
        "the upgrade from {}{}",
        quoted(scenario, from),
        upgrade_to(scenario, design, input)
    );
    match seek {
        Seek::Reached { value, roi, lowest } => {
            let (which, at) = match (input, lowest) {
                (Input::Volume, _) => ("A", String::new()),
                (_, true) => ("The lowest", at_volume(scenario)),
                (_, false) => ("The highest", at_volume(scenario)),
            };
            let detail = step_detail(scenario, design, from, input, *value)
                .map_or_else(String::new, |d| format!(" ({d})"));
            format!(
                "{which} {phrase} for {upgrade} to {}{at}: {}\nIncremental ROI over {} there: {}{detail}\n",
                upgrade_goal(target),
                shown_value(scenario, input, *value),
                quoted(scenario, from),
                roi_text(*roi),
            )
        }
        Seek::Unreachable(limit) => {
            let upgrade = format!(
                "the upgrade from {} to {}",
                quoted(scenario, from),
                quoted(scenario, design)
            );
            format!(
                "{} cannot {} by changing the {phrase}: {}\n",
                super::upper_first(&upgrade),
                upgrade_goal(target),
                limit_text_for(scenario, design, input, goal, limit)
            )
        }
    }
}

/// ` at 400,000 requests/month`.
fn at_volume(scenario: &Scenario) -> String {
    format!(
        " at {} requests/month",
        format::count(scenario.volume.current)
    )
}

/// A goal-seek answer as Markdown: the question in bold, then the answer; every line is the
/// text's, escaped, so a name from the file stays text.
pub fn seek_markdown(
    scenario: &Scenario,
    design: usize,
    input: &Input,
    goal: Goal,
    seek: &Seek,
) -> String {
    let question = format::md_text(&seek_question(scenario, design, input, goal));
    let mut out = format!("**{question}**\n");
    for line in seek_text(scenario, design, input, goal, seek).lines() {
        out.push('\n');
        out.push_str(&format::md_text(line));
        out.push('\n');
    }
    out
}

/// A goal-seek answer as JSON.
pub fn seek_json(
    scenario: &Scenario,
    design: usize,
    input: &Input,
    goal: Goal,
    seek: &Seek,
) -> String {
    let Goal { target, metric } = goal;
    let mut value = json!({
        "design": design_name(scenario, design),
        "metric": metric_key(metric),
        "question": seek_question(scenario, design, input, goal),
        "input": input.label(scenario),
        "path": input.path(design),
        "target": exact(target),
    });
    if let Metric::IncrementalRoi { from } = metric {
        value["upgrade_from"] = json!(design_name(scenario, from));
    }
    match seek {
        Seek::Reached {
            value: answer,
            roi,
            lowest,
        } => {
            value["reachable"] = json!(true);
            value["value"] = json!(exact(*answer));
            value["roi"] = roi_json(&Ok(*roi));
            value["bound"] = json!(if *lowest { "lowest" } else { "highest" });
            if let Metric::IncrementalRoi { from } = metric
                && let Some(changed) = whatif::with_value(scenario, design, input, *answer)
                && let Ok(step) = whatif::step_of(&changed, from, design)
            {
                value["extra_monthly_cost"] = json!(exact(step.extra_monthly_cost));
                value["extra_monthly_value"] = json!(exact(step.extra_monthly_value));
            }
        }
        Seek::Unreachable(limit) => {
            value["reachable"] = json!(false);
            value["reason"] = json!(limit_text_for(scenario, design, input, goal, limit));
        }
    }
    format!("{value:#}\n")
}
