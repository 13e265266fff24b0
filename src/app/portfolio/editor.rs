//! The Portfolio view's left panel: the portfolio's title, currency and budget, its features
//! (team, the design each runs, remove, add) and its rates. Every change is a command carrying the
//! changed portfolio: typing into one field is one undo step, adding or removing one too. A value
//! the portfolio's rules refuse stays in its field with the rule's message, and the portfolio
//! keeps its last valid value.

use std::str::FromStr;

use egui::{RichText, Ui};
use rust_decimal::Decimal;

use super::PortfolioSession;
use crate::app::command::Command;
use crate::app::editors::widgets::{FieldState, error_color};
use crate::app::portfolio::PortfolioCommand;
use crate::model::validate::portfolio_problems;
use crate::model::{Date, Portfolio, Rate, Severity};

/// What the panel edits with: the session, the typed text, and where commands go.
struct Fields<'a> {
    portfolio: &'a Portfolio,
    state: &'a mut FieldState,
    commands: &'a mut Vec<Command>,
}

impl Fields<'_> {
    /// Proposes `changed` for the field at `path`, typed into widget `id`: refused (with the
    /// rule's message kept at the field) when the portfolio's rules find an error there.
    fn propose(&mut self, id: egui::Id, path: &str, changed: Portfolio) {
        let refusal = portfolio_problems(&changed)
            .into_iter()
            .find(|p| p.severity == Severity::Error && p.path == path);
        if let Some(problem) = refusal {
            self.state.errors.insert(id, problem.message);
            return;
        }
        self.state.errors.remove(&id);
        self.commands
            .push(Command::Portfolio(PortfolioCommand::Edit {
                key: Some(id),
                portfolio: Box::new(changed),
            }));
    }

    /// A one-line text field.
    fn text(
        &mut self,
        ui: &mut Ui,
        (path, width, name): (&str, f32, &str),
        current: &str,
        change: impl FnOnce(&mut Portfolio, String) -> Result<(), String>,
    ) {
        let id = ui.make_persistent_id(path);
        let mut text = self
            .state
            .buffers
            .get(&id)
            .cloned()
            .unwrap_or_else(|| current.to_owned());
        let response = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(width),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
        if response.changed() {
            let mut changed = self.portfolio.clone();
            match change(&mut changed, text.clone()) {
                Ok(()) => self.propose(id, path, changed),
                Err(message) => {
                    self.state.errors.insert(id, format!("{path}: {message}"));
                }
            }
            if self.state.errors.contains_key(&id) {
                self.state.buffers.insert(id, text);
            } else {
                self.state.buffers.remove(&id);
            }
        }
        if response.lost_focus() && !self.state.errors.contains_key(&id) {
            self.state.buffers.remove(&id);
        }
        self.message(ui, id);
    }

    /// A decimal typed as text and read exactly; empty means none where `optional`.
    fn decimal(
        &mut self,
        ui: &mut Ui,
        (path, name): (&str, &str),
        (current, optional): (Option<Decimal>, bool),
        change: impl FnOnce(&mut Portfolio, Option<Decimal>),
    ) {
        let id = ui.make_persistent_id(path);
        let mut text = self
            .state
            .buffers
            .get(&id)
            .cloned()
            .unwrap_or_else(|| current.map_or_else(String::new, |d| d.normalize().to_string()));
        let response = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(110.0),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
        if response.changed() {
            let trimmed = text.trim().replace([',', '_'], "");
            let value = if trimmed.is_empty() && optional {
                Ok(None)
            } else {
                Decimal::from_str(&trimmed).map(Some)
            };
            match value {
                Ok(value) => {
                    let mut changed = self.portfolio.clone();
                    change(&mut changed, value);
                    self.propose(id, path, changed);
                }
                Err(_) => {
                    self.state
                        .errors
                        .insert(id, format!("{path}: type a number, e.g. 1.08"));
                }
            }
            self.state.buffers.insert(id, text);
        }
        if response.lost_focus() && !self.state.errors.contains_key(&id) {
            self.state.buffers.remove(&id);
        }
        self.message(ui, id);
    }

    fn message(&self, ui: &mut Ui, id: egui::Id) {
        if let Some(message) = self.state.errors.get(&id) {
            ui.label(RichText::new(message).color(error_color(ui)).small());
        }
    }

    /// Replaces the portfolio as one undo step (add, remove, choose).
    fn restructure(&mut self, changed: Portfolio) {
        self.commands
            .push(Command::Portfolio(PortfolioCommand::Edit {
                key: None,
                portfolio: Box::new(changed),
            }));
    }
}

/// How the design choice names a feature's own default.
const DEFAULT: &str = "its own choice";

/// The left panel of the Portfolio view.
pub(crate) fn editor_ui(
    ui: &mut Ui,
    session: &PortfolioSession,
    state: &mut FieldState,
    commands: &mut Vec<Command>,
    today: Date,
) {
    let portfolio = session.portfolio();
    let mut fields = Fields {
        portfolio,
        state,
        commands,
    };
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading("Portfolio");
        egui::Grid::new("portfolio_fields")
            .num_columns(2)
            .show(ui, |ui| {
                ui.label("Title");
                ui.vertical(|ui| {
                    fields.text(
                        ui,
                        ("title", 180.0, "Portfolio title"),
                        &portfolio.title,
                        |p, t| {
                            p.title = t;
                            Ok(())
                        },
                    );
                });
                ui.end_row();
                ui.label("Currency").on_hover_text(
                    "ISO 4217 code every total is in; features in another currency need a rate",
                );
                ui.vertical(|ui| {
                    fields.text(
                        ui,
                        ("currency", 60.0, "Portfolio currency"),
                        &portfolio.currency,
                        |p, t| {
                            p.currency = t.trim().to_uppercase();
                            Ok(())
                        },
                    );
                });
                ui.end_row();
                ui.label("Budget / month").on_hover_text(
                    "What the whole portfolio may cost a month: the first month over it is marked. \
                 Empty: no budget",
                );
                ui.vertical(|ui| {
                    fields.decimal(
                        ui,
                        ("budget_monthly", "Budget per month"),
                        (portfolio.budget_monthly, true),
                        |p, v| {
                            p.budget_monthly = v;
                        },
                    );
                });
                ui.end_row();
            });
        ui.separator();
        features_ui(ui, session, &mut fields);
        ui.separator();
        rates_ui(ui, session, &mut fields, today);
    });
}

/// Each feature: its file, team and design, a way in and a way out; then Add feature….
fn features_ui(ui: &mut Ui, session: &PortfolioSession, fields: &mut Fields) {
    let portfolio = fields.portfolio;
    ui.label(RichText::new(format!("Features ({})", portfolio.features.len())).strong());
    for (i, feature) in portfolio.features.iter().enumerate() {
        ui.push_id(("feature", i), |ui| {
            ui.horizontal(|ui| {
                let problem = session
                    .figures
                    .rollup
                    .as_ref()
                    .ok()
                    .and_then(|r| r.problems.iter().find(|p| p.file == feature.file));
                let label = ui.label(RichText::new(&feature.file).monospace());
                if let Some(problem) = problem {
                    ui.label(RichText::new("⚠").color(error_color(ui)))
                        .on_hover_text(&problem.message);
                }
                label.on_hover_text(session.base.join(&feature.file).display().to_string());
                let remove = ui
                    .small_button("Remove")
                    .on_hover_text("Remove this feature from the portfolio (its file stays)");
                let name = format!("Remove {}", feature.file);
                remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                if remove.clicked() {
                    let mut changed = portfolio.clone();
                    changed.features.remove(i);
                    fields.restructure(changed);
                }
            });
            ui.horizontal(|ui| {
                ui.label("Team");
                let path = format!("features[{i}].team");
                let name = format!("Team of {}", feature.file);
                fields.text(
                    ui,
                    (&path, 170.0, &name),
                    feature.team.as_deref().unwrap_or(""),
                    move |p, t| {
                        p.features[i].team = (!t.trim().is_empty()).then_some(t);
                        Ok(())
                    },
                );
            });
            design_choice_ui(ui, session, fields, i);
        });
        ui.add_space(4.0);
    }
    if ui
        .button("Add feature…")
        .on_hover_text("Add a scenario file to the portfolio")
        .clicked()
    {
        fields
            .commands
            .push(Command::Portfolio(PortfolioCommand::AddFeature(None)));
    }
}

/// The design a feature runs: one of its scenario's designs, or its own default (the timeline's
/// running design, else its best).
fn design_choice_ui(ui: &mut Ui, session: &PortfolioSession, fields: &mut Fields, i: usize) {
    let portfolio = fields.portfolio;
    let feature = &portfolio.features[i];
    let designs = session
        .figures
        .designs
        .get(i)
        .map_or(&[][..], Vec::as_slice);
    ui.horizontal(|ui| {
        ui.label("Runs").on_hover_text(
            "The design this feature runs. Its own choice: the timeline's running design, else \
             its best at its current volume",
        );
        let shown = feature.design.as_deref().unwrap_or(DEFAULT);
        let mut chosen: Option<Option<String>> = None;
        let response = egui::ComboBox::from_id_salt(("design", i))
            .selected_text(shown)
            .width(150.0)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(feature.design.is_none(), DEFAULT)
                    .clicked()
                {
                    chosen = Some(None);
                }
                for name in designs {
                    if ui
                        .selectable_label(feature.design.as_deref() == Some(name), name)
                        .clicked()
                    {
                        chosen = Some(Some(name.clone()));
                    }
                }
            })
            .response;
        // Named for screen readers (and tests): "Design run by alpha.ron".
        let name = format!("Design run by {}", feature.file);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name));
        if let Some(design) = chosen
            && design != feature.design
        {
            let mut changed = portfolio.clone();
            changed.features[i].design = design;
            fields.restructure(changed);
        }
    });
}

/// The dated rates, each editable, with Add rate (for the first currency missing one).
fn rates_ui(ui: &mut Ui, session: &PortfolioSession, fields: &mut Fields, today: Date) {
    let portfolio = fields.portfolio;
    ui.label(RichText::new("Rates").strong()).on_hover_text(
        "How many units of the portfolio's currency one unit of another is, with its date and \
         source",
    );
    for (i, rate) in portfolio.rates.iter().enumerate() {
        ui.push_id(("rate", i), |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("1 {} =", rate.currency));
                fields.decimal(
                    ui,
                    (
                        &format!("rates[{i}].to_portfolio"),
                        &format!("Rate of {}", rate.currency),
                    ),
                    (Some(rate.to_portfolio), false),
                    move |p, v| {
                        if let Some(v) = v {
                            p.rates[i].to_portfolio = v;
                        }
                    },
                );
                ui.label(&portfolio.currency);
                if ui
                    .small_button("Remove")
                    .on_hover_text("Remove this rate")
                    .clicked()
                {
                    let mut changed = portfolio.clone();
                    changed.rates.remove(i);
                    fields.restructure(changed);
                }
            });
            ui.horizontal(|ui| {
                ui.label("Currency");
                fields.text(
                    ui,
                    (
                        &format!("rates[{i}].currency"),
                        50.0,
                        &format!("Currency of rate {}", i + 1),
                    ),
                    &rate.currency,
                    move |p, t| {
                        p.rates[i].currency = t.trim().to_uppercase();
                        Ok(())
                    },
                );
                ui.label("as of");
                let path = format!("rates[{i}].as_of");
                let name = format!("Date of the {} rate", rate.currency);
                fields.text(
                    ui,
                    (&path, 90.0, &name),
                    &rate.as_of.to_string(),
                    move |p, t| {
                        p.rates[i].as_of = Date::from_str(t.trim())
                            .map_err(|_| "type the date as YYYY-MM-DD".to_owned())?;
                        Ok(())
                    },
                );
            });
            ui.horizontal(|ui| {
                ui.label("Source");
                fields.text(
                    ui,
                    (
                        &format!("rates[{i}].source"),
                        170.0,
                        &format!("Source of the {} rate", rate.currency),
                    ),
                    &rate.source,
                    move |p, t| {
                        p.rates[i].source = t;
                        Ok(())
                    },
                );
            });
        });
        ui.add_space(4.0);
    }
    let missing = match &session.figures.rollup {
        Err(_) => missing_currencies(session),
        Ok(_) => Vec::new(),
    };
    let label = missing
        .first()
        .map_or_else(|| "Add rate".to_owned(), |c| format!("Add a rate for {c}"));
    if ui.button(label).clicked() {
        let mut changed = portfolio.clone();
        changed.rates.push(Rate {
            currency: missing.first().cloned().unwrap_or_else(|| "EUR".to_owned()),
            to_portfolio: Decimal::ONE,
            as_of: today,
            source: String::new(),
        });
        fields.restructure(changed);
    }
}

/// The features' currencies the portfolio has no rate for, in the order the features list them.
fn missing_currencies(session: &PortfolioSession) -> Vec<String> {
    let portfolio = session.portfolio();
    let mut missing: Vec<String> = Vec::new();
    for currency in session.currencies() {
        if portfolio.rate_of(currency).is_none() && !missing.iter().any(|m| m == currency) {
            missing.push(currency.to_owned());
        }
    }
    missing
}
