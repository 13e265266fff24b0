//! A self-hosted stage's fields: its instance and hourly price, its throughput, and how many
//! instances run (at least, and at most).

use egui::Ui;
use rust_decimal::Decimal;

use super::percent;
use super::serving::serving_mut;
use crate::app::editors::widgets::Editor;
use crate::model::edit::{Stage, stage_path};
use crate::model::fields::ServingField;
use crate::model::{Scenario, Serving, Throughput};

/// A self-hosted stage's fields as the editor shows them.
pub(super) struct SelfHostedFields<'a> {
    pub(super) instance: &'a str,
    pub(super) price_per_hour: Decimal,
    pub(super) throughput: Throughput,
    pub(super) tokens_per_request: Decimal,
    pub(super) target_utilization: Decimal,
    pub(super) min_instances: u32,
    pub(super) max_instances: Option<u32>,
}

/// Applies `change` to the self-hosted serving at `steps`.
fn with_self_hosted(
    s: &mut Scenario,
    index: usize,
    steps: &[Stage],
    change: impl FnOnce(&mut Serving),
) {
    let serving = serving_mut(s, index, steps);
    if matches!(serving, Serving::SelfHosted { .. }) {
        change(serving);
    }
}

pub(super) fn self_hosted_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    currency: &str,
    f: &SelfHostedFields,
) {
    let path = stage_path(index, steps);
    egui::Grid::new(("self_hosted", &path))
        .num_columns(2)
        .show(ui, |ui| {
            let p = format!("{path}.instance");
            if let Some(text) = editor.text(
                ui,
                &p,
                "Instance type",
                "The instance you rent, e.g. \"g5.xlarge (1× A10G)\".",
                f.instance,
            ) {
                editor.edit(&p, |s| {
                    with_self_hosted(s, index, steps, |sv| {
                        if let Serving::SelfHosted { instance, .. } = sv {
                            *instance = text;
                        }
                    });
                });
            }
            let p = format!("{path}.price_per_hour");
            if let Some(v) = editor.decimal(
                ui,
                &p,
                &format!("{} ({currency})", ServingField::PricePerHour.field().label),
                ServingField::PricePerHour.field().help,
                f.price_per_hour,
                ServingField::PricePerHour.field().unit,
            ) {
                editor.edit(&p, |s| {
                    with_self_hosted(s, index, steps, |sv| {
                        if let Serving::SelfHosted { price_per_hour, .. } = sv {
                            *price_per_hour = v;
                        }
                    });
                });
            }
            throughput_rows_ui(ui, editor, index, steps, f.throughput);
            let p = format!("{path}.tokens_per_request");
            if let Some(v) = editor.decimal(
                ui,
                &p,
                ServingField::TokensPerRequest.field().label,
                ServingField::TokensPerRequest.field().help,
                f.tokens_per_request,
                ServingField::TokensPerRequest.field().unit,
            ) {
                editor.edit(&p, |s| {
                    with_self_hosted(s, index, steps, |sv| {
                        if let Serving::SelfHosted {
                            tokens_per_request, ..
                        } = sv
                        {
                            *tokens_per_request = v;
                        }
                    });
                });
            }
            let p = format!("{path}.target_utilization");
            if let Some(v) = percent(
                ui,
                editor,
                &p,
                ServingField::TargetUtilization.field().label,
                ServingField::TargetUtilization.field().help,
                f.target_utilization,
            ) {
                editor.edit(&p, |s| {
                    with_self_hosted(s, index, steps, |sv| {
                        if let Serving::SelfHosted {
                            target_utilization, ..
                        } = sv
                        {
                            *target_utilization = v;
                        }
                    });
                });
            }
            instances_rows_ui(ui, editor, index, steps, f);
        });
}

/// A self-hosted stage's throughput: its unit (requests/s or tokens/s) and its peak, as grid rows.
fn throughput_rows_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    throughput: Throughput,
) {
    let path = stage_path(index, steps);
    let (is_tokens, rate) = match throughput {
        Throughput::RequestsPerSecond(x) => (false, x),
        Throughput::TokensPerSecond(x) => (true, x),
    };
    let label = ui.label("Throughput unit");
    let mut tokens = is_tokens;
    ui.horizontal(|ui| {
        ui.radio_value(&mut tokens, false, "requests/s")
            .labelled_by(label.id);
        ui.radio_value(&mut tokens, true, "tokens/s")
            .labelled_by(label.id);
    });
    ui.end_row();
    if tokens != is_tokens {
        let p = format!("{path}.throughput");
        editor.edit(&p, |s| {
            with_self_hosted(s, index, steps, |sv| {
                if let Serving::SelfHosted { throughput, .. } = sv {
                    *throughput = if tokens {
                        Throughput::TokensPerSecond(rate)
                    } else {
                        Throughput::RequestsPerSecond(rate)
                    };
                }
            });
        });
    }
    let variant = if is_tokens {
        "TokensPerSecond"
    } else {
        "RequestsPerSecond"
    };
    let p = format!("{path}.throughput.{variant}");
    if let Some(v) = editor.decimal(
        ui,
        &p,
        ServingField::Throughput.field().label,
        ServingField::Throughput.field().help,
        rate,
        if is_tokens { "tokens/s" } else { "requests/s" },
    ) {
        editor.edit(&p, |s| {
            with_self_hosted(s, index, steps, |sv| {
                if let Serving::SelfHosted { throughput, .. } = sv {
                    *throughput = if is_tokens {
                        Throughput::TokensPerSecond(v)
                    } else {
                        Throughput::RequestsPerSecond(v)
                    };
                }
            });
        });
    }
}

/// A self-hosted stage's minimum and maximum instances, as grid rows.
fn instances_rows_ui(
    ui: &mut Ui,
    editor: &mut Editor,
    index: usize,
    steps: &[Stage],
    f: &SelfHostedFields,
) {
    let path = stage_path(index, steps);
    let p = format!("{path}.min_instances");
    if let Some(v) = editor.count::<u32>(
        ui,
        &p,
        "Minimum instances",
        "Instances that always run, even with no traffic (redundancy, \
         warm capacity).",
        f.min_instances,
        "instances",
    ) {
        editor.edit(&p, |s| {
            with_self_hosted(s, index, steps, |sv| {
                if let Serving::SelfHosted { min_instances, .. } = sv {
                    *min_instances = v;
                }
            });
        });
    }
    let label = ui.label("Maximum instances");
    let mut limited = f.max_instances.is_some();
    if ui
        .checkbox(&mut limited, "limited (quota or budget)")
        .labelled_by(label.id)
        .on_hover_text(
            "Above the maximum the design is over capacity: the chart leaves \
             it out there.",
        )
        .changed()
    {
        let p = format!("{path}.max_instances");
        let max = limited.then(|| f.min_instances.max(1) * 4);
        editor.edit(&p, |s| {
            with_self_hosted(s, index, steps, |sv| {
                if let Serving::SelfHosted { max_instances, .. } = sv {
                    *max_instances = max;
                }
            });
        });
    }
    ui.end_row();
    if let Some(max) = f.max_instances {
        let p = format!("{path}.max_instances");
        if let Some(v) = editor.count::<u32>(
            ui,
            &p,
            "  at most",
            "The most instances available.",
            max,
            "instances",
        ) {
            editor.edit(&p, |s| {
                with_self_hosted(s, index, steps, |sv| {
                    if let Serving::SelfHosted { max_instances, .. } = sv {
                        *max_instances = Some(v);
                    }
                });
            });
        }
    }
}
