//! The Use cases tab: which inference events are worth AI. A matrix of use cases (down) by
//! designs (across), each cell the use case's ROI and band on that design at the current volume,
//! the best cell per row marked, a "worth AI?" column, each use case's share of monthly cost and
//! value as bars, and the suggested routing with "Add as design".

use egui::{RichText, Ui};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::app::command::Command;
use crate::app::context::ViewContext;
use crate::app::document::Generation;
use crate::app::document::compute::Computed;
use crate::app::panels::table::band_chip;
use crate::chart::palette;
use crate::econ::UseCaseFigures;
use crate::econ::suggest::Suggestion;
use crate::model::{Route, Scenario};
use crate::report::format;
use crate::report::route::how_found;

/// The suggested routing shown in the tab, for the document state it was made for.
#[derive(Debug, Default)]
pub struct RoutingState {
    /// The suggestion (or why there is none) and the document state it belongs to.
    pub suggestion: Option<(Generation, Result<Suggestion, String>)>,
}

impl RoutingState {
    /// The suggestion for this document state, if one was made for it.
    fn current(&self, generation: Generation) -> Option<&Result<Suggestion, String>> {
        self.suggestion
            .as_ref()
            .filter(|(g, _)| *g == generation)
            .map(|(_, s)| s)
    }
}

/// The best cell of a row: the design with the highest monthly net value for this use case
/// (the routing criterion), ties to the earlier design.
fn best_of(cells: &[Option<&UseCaseFigures>]) -> Option<usize> {
    let mut best: Option<(usize, Decimal)> = None;
    for (i, cell) in cells.iter().enumerate() {
        if let Some(c) = cell
            && best.is_none_or(|(_, net)| c.monthly_net_value > net)
        {
            best = Some((i, c.monthly_net_value));
        }
    }
    best.map(|(i, _)| i)
}

/// A bar of `fraction` (0–1) with its percentage.
fn share_bar(ui: &mut Ui, fraction: f64, color: egui::Color32, tooltip: String) {
    let fraction = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (rect, response) = ui.allocate_exact_size(egui::vec2(60.0, 14.0), egui::Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
    #[allow(clippy::cast_possible_truncation)]
    let width = rect.width() * fraction as f32;
    painter.rect_filled(
        egui::Rect::from_min_size(rect.min, egui::vec2(width, rect.height())),
        2.0,
        color,
    );
    response.on_hover_text(tooltip);
    ui.label(crate::report::format::percent_f64(fraction));
}

impl RoutingState {
    /// The Use cases tab: the use cases by design matrix, then the suggested routing.
    pub(crate) fn use_cases_ui(
        &self,
        ui: &mut Ui,
        view: &ViewContext,
        commands: &mut Vec<Command>,
    ) {
        let (scenario, computed) = (view.scenario, view.computed);
        let selected = view.selected().unwrap_or(0);
        let currency = &scenario.currency;
        let volume = scenario.volume.current;
        ui.label(
            RichText::new(format!(
                "Each use case on each design at {} requests/month: its ROI and band, with its own value \
                 and its part of the design's cost (by load: share × size). The best cell per row \
                 (highest monthly net value) is marked ★.",
                format::whole(Decimal::from(volume))
            ))
            .weak(),
        );
        let designs: Vec<usize> = (0..scenario.designs.len()).collect();
        let share_design = selected.min(scenario.designs.len().saturating_sub(1));
        egui::ScrollArea::both()
            .id_salt("use_cases_matrix")
            .max_height(ui.available_height() * 0.6)
            .show(ui, |ui| {
                egui::Grid::new("use_case_matrix")
                    .striped(true)
                    .spacing([14.0, 6.0])
                    .show(ui, |ui| {
                        ui.label(RichText::new("Use case").strong());
                        for &d in &designs {
                            ui.label(RichText::new(&scenario.designs[d].name).strong());
                        }
                        ui.label(RichText::new("Worth AI?").strong()).on_hover_text(
                            "The band of the row's best cell: Unsustainable means no design earns \
                             back its cost on this use case at this volume.",
                        );
                        let on = scenario
                            .designs
                            .get(share_design)
                            .map_or(String::new(), |d| format!(" ({})", d.name));
                        ui.label(RichText::new(format!("Share of cost{on}")).strong())
                            .on_hover_text(
                                "This use case's part of the selected design's monthly cost. \
                                 Select another design on the left to compare.",
                            );
                        ui.label(RichText::new(format!("Share of value{on}")).strong())
                            .on_hover_text(
                                "This use case's part of the selected design's monthly value.",
                            );
                        ui.end_row();
                        for (u, case) in scenario.use_cases.iter().enumerate() {
                            ui.label(&case.name).on_hover_text(format!(
                                "{} % of requests, {} per success, size {}",
                                (case.share * Decimal::ONE_HUNDRED).normalize(),
                                format::money(case.value_per_success, currency),
                                case.size.normalize()
                            ));
                            let cells: Vec<Option<&UseCaseFigures>> = designs
                                .iter()
                                .map(|&d| {
                                    computed
                                        .use_cases
                                        .get(d)
                                        .and_then(|rows| rows.as_ref())
                                        .and_then(|rows| rows.iter().find(|r| r.use_case == u))
                                })
                                .collect();
                            let best = best_of(&cells);
                            for (i, cell) in cells.iter().enumerate() {
                                cell_ui(ui, scenario, designs[i], u, *cell, best == Some(i));
                            }
                            match best.and_then(|i| cells[i]) {
                                Some(c) => band_chip(ui, c.band),
                                None => {
                                    ui.label("—");
                                }
                            }
                            shares_ui(ui, computed, share_design, u, currency);
                            ui.end_row();
                        }
                    });
            });
        ui.separator();
        routing_ui(ui, scenario, view.generation, self, commands);
    }
}

/// Use case `u`'s share of design `design`'s monthly cost and monthly value, as two bars.
fn shares_ui(ui: &mut Ui, computed: &Computed, share_design: usize, u: usize, currency: &str) {
    let row = computed
        .use_cases
        .get(share_design)
        .and_then(|rows| rows.as_ref());
    let totals = row.map(|rows| {
        rows.iter()
            .fold((Decimal::ZERO, Decimal::ZERO), |(c, v), r| {
                (c + r.monthly_cost, v + r.monthly_value)
            })
    });
    let mine = row.and_then(|rows| rows.iter().find(|r| r.use_case == u));
    let fraction = |part: Decimal, whole: Decimal| {
        if whole.is_zero() {
            0.0
        } else {
            (part / whole).to_f64().unwrap_or(0.0)
        }
    };
    let (cost_share, value_share) = match (mine, totals) {
        (Some(m), Some((c, v))) => (fraction(m.monthly_cost, c), fraction(m.monthly_value, v)),
        _ => (0.0, 0.0),
    };
    ui.horizontal(|ui| {
        share_bar(
            ui,
            cost_share,
            egui::Color32::from_rgb(0xd9, 0x5f, 0x4a),
            format!(
                "{} of monthly cost",
                mine.map_or("—".to_owned(), |m| format::money(
                    m.monthly_cost,
                    currency
                ))
            ),
        );
    });
    ui.horizontal(|ui| {
        share_bar(
            ui,
            value_share,
            egui::Color32::from_rgb(0x3b, 0x8e, 0x5a),
            format!(
                "{} of monthly value",
                mine.map_or("—".to_owned(), |m| format::money(
                    m.monthly_value,
                    currency
                ))
            ),
        );
    });
}

/// One cell: ROI and band chip, ★ when best; hover for the figures behind it.
fn cell_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    design: usize,
    use_case: usize,
    cell: Option<&UseCaseFigures>,
    best: bool,
) {
    let currency = &scenario.currency;
    let Some(c) = cell else {
        let routed_away = scenario.designs[design]
            .serving
            .routes()
            .and_then(|r| r.get(&scenario.use_cases[use_case].name))
            .is_some_and(|r| *r == Route::NotServed);
        ui.label(RichText::new(if routed_away { "No AI" } else { "—" }).weak())
            .on_hover_text(if routed_away {
                "This routed design sends the use case to no AI."
            } else {
                "Not computed: see the design's problems in the table."
            });
        return;
    };
    let roi = c
        .roi_multiple
        .map_or_else(|| "∞".to_owned(), format::multiple);
    // One chip per cell, in the band's colour: the multiple reads first, the band by colour.
    let text = if best { format!("★ {roi}") } else { roi };
    let response = egui::Frame::new()
        .fill(palette::band_color(c.band).into())
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            let text = RichText::new(text).color(palette::band_text(c.band));
            ui.label(if best { text.strong() } else { text });
        })
        .response;
    let via = c
        .served_by
        .map(|d| format!("served by {}\n", scenario.designs[d].name))
        .unwrap_or_default();
    response.on_hover_text(format!(
        "{} ({})\n{via}{} requests/month\ncost per inference {}\nvalue \
         per inference {}\nmonthly net value {}{}",
        c.band.label(),
        c.band.advice(),
        format::whole(c.requests.round()),
        format::money(c.cost_per_inference, currency),
        format::money(c.value_per_inference, currency),
        format::money(c.monthly_net_value, currency),
        if best {
            "\n★ the best design for this use case"
        } else {
            ""
        }
    ));
}

/// The suggested routing: the button, then the proposal against the best single design.
fn routing_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    generation: Generation,
    routing: &RoutingState,
    commands: &mut Vec<Command>,
) {
    let currency = &scenario.currency;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Routing").strong());
        if ui
            .button("Suggest routing")
            .on_hover_text(
                "Send each use case to the design (or to no AI) that makes the most monthly net \
                 value at the current volume, counting shared fleets and every design's fixed costs once.",
            )
            .clicked()
        {
            commands.push(Command::SuggestRouting);
        }
    });
    match routing.current(generation) {
        None => {
            ui.label(
                RichText::new(
                    "Suggest a routing to see which use cases each design should \
                     serve, and which are not worth AI.",
                )
                .weak(),
            );
        }
        Some(Err(message)) => {
            ui.colored_label(ui.visuals().warn_fg_color, message);
        }
        Some(Ok(s)) => {
            ui.label(
                RichText::new(format!(
                    "At {} requests/month ({}):",
                    format::whole(Decimal::from(s.volume)),
                    how_found(s)
                ))
                .weak(),
            );
            egui::Grid::new("suggested_routes")
                .num_columns(2)
                .show(ui, |ui| {
                    for case in &scenario.use_cases {
                        ui.label(format!("  {}", case.name));
                        let target = s
                            .design
                            .serving
                            .routes()
                            .and_then(|r| r.get(&case.name))
                            .and_then(Route::design)
                            .unwrap_or("No AI");
                        ui.label(format!("→ {target}"));
                        ui.end_row();
                    }
                });
            let m = &s.metrics;
            let roi = |r: Option<Decimal>| r.map_or_else(|| "∞".to_owned(), format::multiple);
            ui.horizontal(|ui| {
                ui.label(format!(
                    "Routed: ROI {} · monthly net value {}",
                    roi(m.roi_multiple),
                    format::money(m.monthly_net_value, currency)
                ));
                band_chip(ui, m.band);
            });
            if let Some((d, b)) = &s.best_single {
                ui.horizontal(|ui| {
                    ui.label(format!(
                        "Best single design, {}: ROI {} · monthly net value {}",
                        scenario.designs[*d].name,
                        roi(b.roi_multiple),
                        format::money(b.monthly_net_value, currency)
                    ));
                    band_chip(ui, b.band);
                });
            }
            if ui
                .button("Add as design")
                .on_hover_text(
                    "Adds the routed design to the scenario (one undo step). Add the \
                     router's own costs to it afterwards.",
                )
                .clicked()
            {
                commands.push(Command::AddDesign(Box::new(s.design.clone())));
            }
        }
    }
}
