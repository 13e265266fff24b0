//! The Import bill window: the files and the read's progress, the rows read, and what the
//! bills hold (models and tags with their cost by month), each to assign to a design; the mapped
//! designs' months and calibration follow (`months.rs`).

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use super::BillImport;
use crate::app::PlannerApp;
use crate::app::command::Command;
use crate::app::document::Document;
use crate::app::editors::widgets::error_color;
use crate::format::{count, money};
use crate::io::focus::Measured;
use crate::io::pricemap::plain_text;
use crate::model::validate::Severity;
use crate::model::{Billing, Month, Scenario};

/// The most models, and the most tags, the window lists (the rest are counted).
const MAX_LISTED: usize = 200;
/// The most month columns in "What the bill holds" (the latest; the total covers all).
const MAX_MONTH_COLUMNS: usize = 6;

impl PlannerApp {
    /// The Import bill window, while an import is open; its changes to the document are
    /// commands, each one undo step.
    pub(crate) fn bill_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        self.bill.poll(ctx, &self.doc);
        if !self.bill.open {
            return;
        }
        let mut open = true;
        let doc = &self.doc;
        let bill = &mut self.bill;
        egui::Window::new("Import bill")
            .open(&mut open)
            .default_width(860.0)
            .default_height((ctx.content_rect().height() * 0.82).max(420.0))
            .vscroll(true)
            .show(ctx, |ui| window_ui(ui, bill, doc, commands));
        if !open {
            self.bill = BillImport::default();
        }
    }
}

fn window_ui(ui: &mut Ui, bill: &mut BillImport, doc: &Document, commands: &mut Vec<Command>) {
    files_ui(ui, bill, commands);
    if let Some((note, is_error)) = &bill.note {
        let text = RichText::new(note);
        ui.label(if *is_error {
            text.color(error_color(ui))
        } else {
            text
        });
    }
    if let Some((i, path, line)) = bill.progress() {
        let mut stop = false;
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!(
                "Reading {} (file {} of {}): {} rows",
                file_name(path),
                i + 1,
                bill.files.len(),
                count(line)
            ));
            stop = ui.button("Stop").clicked();
        });
        if stop {
            bill.cancel();
        }
        return;
    }
    let measured = match bill.result() {
        None => return,
        Some(Err(e)) => {
            ui.label(RichText::new(plain_text(e)).color(error_color(ui)));
            ui.label("Nothing from this read is shown or imported; the scenario is unchanged.");
            return;
        }
        Some(Ok(measured)) => std::sync::Arc::clone(measured),
    };
    rows_ui(ui, &measured);
    let scenario = doc.scenario();
    egui::CollapsingHeader::new("What the bill holds")
        .default_open(true)
        .show(ui, |ui| holds_ui(ui, &measured, scenario, bill, commands));
    let designs = bill.designs(doc);
    if designs.is_empty() {
        ui.label(
            RichText::new(
                "No design has a billing mapping yet: assign a model or a tag above to see its months.",
            )
            .weak(),
        );
        return;
    }
    for d in designs.iter() {
        super::months::design_ui(ui, bill, scenario, d, &measured.currency, commands);
    }
    ui.separator();
    super::months::add_months_ui(ui, bill, scenario, &designs, commands);
}

/// The files, and the buttons to add a bill and the request counts.
fn files_ui(ui: &mut Ui, bill: &BillImport, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let names: Vec<String> = bill.files.iter().map(|p| file_name(p)).collect();
        ui.label(RichText::new("Bills:").strong());
        ui.label(if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        });
        if ui
            .add_enabled(!bill.reading(), egui::Button::new("Add bill…"))
            .on_hover_text("Another FOCUS export (CSV or .csv.gz): its rows add to these")
            .clicked()
        {
            commands.push(Command::ImportBill(None));
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Requests:").strong());
        match bill.requests_file() {
            Some(path) => ui.label(format!(
                "{} ({} counts)",
                file_name(path),
                bill.requests().len()
            )),
            None => {
                ui.label(RichText::new("no count: requests are estimated from input tokens").weak())
            }
        };
        if ui
            .button("Request counts…")
            .on_hover_text(
                "A CSV of month,requests[,value][,design]: a bill has no requests. Without it, \
                 requests are estimated from tokens, and estimated months are not added as \
                 measured",
            )
            .clicked()
        {
            commands.push(Command::BillRequests(None));
        }
    });
}

/// The row counts of the read.
fn rows_ui(ui: &mut Ui, measured: &Measured) {
    let r = &measured.rows;
    ui.label(format!(
        "{} rows: {} matched a design, {} did not ({}); {} purchase and {} tax rows left out \
         (purchases are amortised into usage rows' EffectiveCost; tax is not inference cost).",
        count(r.read),
        count(r.matched),
        count(r.unmatched),
        money(measured.unmatched_cost, &measured.currency),
        count(r.left_out.purchase),
        count(r.left_out.tax),
    ));
}

/// The latest months of the models and tags found.
fn month_columns(measured: &Measured) -> Vec<Month> {
    let months: BTreeSet<Month> = measured
        .models_found
        .iter()
        .flat_map(|m| m.months.keys().copied())
        .collect();
    let skip = months.len().saturating_sub(MAX_MONTH_COLUMNS);
    months.into_iter().skip(skip).collect()
}

/// The models and tags the bill holds, with their cost by month, each to assign to a design.
fn holds_ui(
    ui: &mut Ui,
    measured: &Measured,
    scenario: &Scenario,
    bill: &mut BillImport,
    commands: &mut Vec<Command>,
) {
    ui.label(
        RichText::new(
            "Assigning adds the model or tag to the design's billing; every part of a billing must \
             hold for a row to be the design's.",
        )
        .weak(),
    );
    let months = month_columns(measured);
    let c = &measured.currency;
    let mut assign: Option<(usize, Part)> = None;
    egui::Grid::new("bill_models").striped(true).show(ui, |ui| {
        ui.label(RichText::new("Model").strong());
        ui.label(RichText::new("Service").strong());
        for m in &months {
            ui.label(RichText::new(m.to_string()).strong());
        }
        ui.label(RichText::new("Total").strong());
        ui.label("");
        ui.end_row();
        for (i, f) in measured.models_found.iter().take(MAX_LISTED).enumerate() {
            let model = f
                .model
                .as_deref()
                .map_or("(no model id)".to_owned(), plain_text);
            ui.label(&model);
            ui.label(plain_text(&f.service));
            for m in &months {
                ui.label(f.months.get(m).map_or("–".to_owned(), |v| money(*v, c)));
            }
            ui.label(money(f.cost, c));
            let part = Part::Model(f.model.clone(), f.service.clone());
            if let Some(design) = assign_ui(ui, ("model", i), &model, scenario) {
                assign = Some((design, part));
            }
            ui.end_row();
        }
        for (i, t) in measured.tags_found.iter().take(MAX_LISTED).enumerate() {
            let tag = format!("tag {} = {}", plain_text(&t.key), plain_text(&t.value));
            ui.label(&tag);
            ui.label("");
            for m in &months {
                ui.label(t.months.get(m).map_or("–".to_owned(), |v| money(*v, c)));
            }
            ui.label(money(t.cost, c));
            let part = Part::Tag(t.key.clone(), t.value.clone());
            if let Some(design) = assign_ui(ui, ("tag", i), &tag, scenario) {
                assign = Some((design, part));
            }
            ui.end_row();
        }
    });
    let hidden = measured.models_found.len().saturating_sub(MAX_LISTED)
        + measured.tags_found.len().saturating_sub(MAX_LISTED);
    if hidden > 0 || measured.found_not_listed > 0 {
        ui.label(
            RichText::new(format!(
                "{} more models and tags not listed (their cost is in every figure).",
                count(hidden as u64 + measured.found_not_listed)
            ))
            .weak(),
        );
    }
    if let Some((design, part)) = assign {
        let mut changed = scenario.clone();
        let billing = changed.designs[design]
            .billing
            .get_or_insert_with(Billing::default);
        part.add_to(billing);
        push_if_valid(scenario, changed, bill, commands, "assignment");
    }
}

/// A part of a bill a design can be assigned.
enum Part {
    /// A model id (or none) of a service.
    Model(Option<String>, String),
    /// A tag and its value.
    Tag(String, String),
}

impl Part {
    fn add_to(self, billing: &mut Billing) {
        match self {
            Part::Model(model, service) => {
                billing.model = model;
                billing.service = Some(service);
            }
            Part::Tag(key, value) => {
                billing.tags.insert(key, value);
            }
        }
    }
}

/// "Assign to…": the design chosen, if one was. `what` names the model or tag for screen
/// readers ("Assign acme-chat-1 to a design").
fn assign_ui(ui: &mut Ui, id: (&str, usize), what: &str, scenario: &Scenario) -> Option<usize> {
    let mut chosen = None;
    let response = egui::ComboBox::from_id_salt(("bill_assign", id.0, id.1))
        .selected_text("Assign to…")
        .width(150.0)
        .show_ui(ui, |ui| {
            for (i, d) in scenario.designs.iter().enumerate() {
                if ui.selectable_label(false, &d.name).clicked() {
                    chosen = Some(i);
                }
            }
        })
        .response;
    let name = format!("Assign {what} to a design");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name));
    chosen
}

/// Pushes a change as one undo step, unless it would make the scenario invalid (a model id with
/// control characters, say): then the window says why and nothing changes.
pub(super) fn push_if_valid(
    before: &Scenario,
    changed: Scenario,
    bill: &mut BillImport,
    commands: &mut Vec<Command>,
    what: &str,
) {
    let errors = |s: &Scenario| {
        crate::econ::validate(s)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect::<Vec<_>>()
    };
    let new: Vec<_> = errors(&changed)
        .into_iter()
        .filter(|p| !errors(before).contains(p))
        .collect();
    if let Some(problem) = new.first() {
        bill.note = Some((
            format!(
                "The {what} was not made: {}",
                plain_text(&problem.to_string())
            ),
            true,
        ));
    } else {
        bill.note = None;
        commands.push(Command::Restructure {
            scenario: changed,
            select: None,
        });
    }
}

/// A mapping in words: `model acme-chat-1 · tag feature = support`.
pub(super) fn billing_text(billing: &Billing) -> String {
    let named = [
        ("model", &billing.model),
        ("service", &billing.service),
        ("SKU starting", &billing.sku_prefix),
        ("sub-account", &billing.sub_account),
    ];
    let mut parts: Vec<String> = named
        .iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name} {}", plain_text(v))))
        .collect();
    parts.extend(
        (billing.tags.iter()).map(|(k, v)| format!("tag {} = {}", plain_text(k), plain_text(v))),
    );
    parts.join(" · ")
}

pub(super) fn file_name(path: &std::path::Path) -> String {
    plain_text(&path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    ))
}
