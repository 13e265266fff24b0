//! Help ▸ The metrics (each metric and band in product terms, with its formula and what each
//! band tells the team, as `docs/method.md` words it) and Help ▸ About (version, commit, licences).
//! The table's column headers and the editor's number fields open the matching entry.

use std::borrow::Cow;

use egui::{RichText, Ui};

use crate::econ::Band;
use crate::report::METRIC_LABELS;
use crate::report::energy::ENERGY_LABELS;

/// What each metric tells a product team and how it is computed, in [`METRIC_LABELS`] order
/// (the table's header tooltips, and Help ▸ The metrics).
pub const EXPLAIN: [(&str, &str); 18] = [
    (
        "Everything this design costs in a month at this volume.",
        "serving cost × (1 + overhead %) + fixed monthly + one-time ÷ its months",
    ),
    (
        "What the successful answers are worth in a month.",
        "value per inference × requests",
    ),
    (
        "What the feature earns after its inference costs.",
        "monthly value − monthly cost",
    ),
    (
        "What one request costs on average.",
        "monthly cost ÷ requests",
    ),
    (
        "What one request is worth on average.",
        "Σ over use cases: share × value per success × success rate",
    ),
    (
        "What one request earns after its cost.",
        "value per inference − cost per inference",
    ),
    (
        "What one resolved request costs: the failures' cost is carried by the successes (a routed \
         design counts only the requests it serves).",
        "monthly cost ÷ (Σ over use cases: requests × success rate)",
    ),
    (
        "The share of the value spent on inference: below 0.10 is Excellent, above 1 loses money.",
        "cost per inference ÷ value per inference",
    ),
    (
        "How many times over the inference pays for itself: the number the bands read.",
        "value per inference ÷ cost per inference",
    ),
    (
        // Followed by every band with its range, as `Band::legend` words them (see `entry`).
        "The ROI multiple's verdict",
        "from the ROI multiple (boundaries inclusive)",
    ),
    (
        "The tokens processed in a month, input and output, all stages.",
        "requests × tokens per request",
    ),
    (
        "What a million tokens cost, all costs included: comparable with list prices.",
        "monthly cost ÷ tokens per month × 1,000,000",
    ),
    (
        "How many instances each self-hosted stage runs at this volume, primary first.",
        "max(minimum, ⌈requests × peak-to-average ÷ capacity per instance⌉)",
    ),
    (
        "The smallest monthly volume at which value covers cost. * = \
         falls back below after a step.",
        "the first volume with ROI ≥ 1×",
    ),
    (
        "The smallest monthly volume with a Good ROI.",
        "the first volume with ROI ≥ 3×",
    ),
    (
        "The smallest monthly volume with an Excellent ROI.",
        "the first volume with ROI ≥ 10×",
    ),
    (
        "What one request would have to be worth for this design to be Good.",
        "3 × cost per inference",
    ),
    (
        "What one request would have to be worth for this design to be Excellent.",
        "10 × cost per inference",
    ),
];

/// What each energy and carbon figure tells the team and how it is computed (`docs/method.md`,
/// "Energy and carbon per inference"), in [`ENERGY_LABELS`] order after "Design".
pub const ENERGY_EXPLAIN: [(&str, &str); 7] = [
    (
        "The energy one request takes, the data centre's overhead (PUE) included. \
         \"—\" where a stage has no published energy or power figure.",
        "self-hosted: instances × hours × (devices × (idle + (max − idle) × utilisation) + host \
         watts) × PUE ÷ requests; hosted: published Wh per token and per request (× PUE when the \
         figure leaves it out); cascades and routed designs add their stages",
    ),
    (
        "The emissions of one request, on the grid where it runs (the design's region, else the \
         scenario's).",
        "Wh per inference × grid gCO₂e per kWh ÷ 1000",
    ),
    (
        "The energy of a month at this volume; idle instances still draw their idle power.",
        "Wh per inference × requests ÷ 1000",
    ),
    (
        "The emissions of a month at this volume.",
        "kWh per month × grid gCO₂e per kWh ÷ 1000",
    ),
    (
        "What a month's emissions cost at the scenario's carbon price.",
        "kgCO₂e per month ÷ 1000 × carbon price per tonne",
    ),
    (
        "The ROI multiple with the emissions priced in as a cost: the bands read it as they read \
         the ROI multiple.",
        "monthly value ÷ (monthly cost + carbon cost per month)",
    ),
    (
        "What the feature earns for each kWh it draws: Green AI's efficiency view, for comparing \
         designs on energy rather than money.",
        "monthly value ÷ kWh per month",
    ),
];

/// The Help entry of energy figure `j` (an index into [`ENERGY_EXPLAIN`]); the entries of
/// [`METRIC_LABELS`] come first.
pub const fn energy_entry(j: usize) -> usize {
    METRIC_LABELS.len() + j
}

/// The entry of the band, whose meaning lists the bands as [`Band::legend`] words them.
const BAND_ENTRY: usize = 9;

/// Help entry `k`: its title, what it tells the team, and its formula.
fn entry(k: usize) -> Option<(&'static str, Cow<'static, str>, &'static str)> {
    if let (Some(label), Some((what, formula))) = (METRIC_LABELS.get(k), EXPLAIN.get(k)) {
        let what = if k == BAND_ENTRY {
            Cow::Owned(format!("{what}: {}.", Band::legend()))
        } else {
            Cow::Borrowed(*what)
        };
        return Some((label, what, formula));
    }
    let j = k.checked_sub(METRIC_LABELS.len())?;
    let (what, formula) = ENERGY_EXPLAIN.get(j)?;
    Some((ENERGY_LABELS[j + 1], Cow::Borrowed(*what), formula))
}

/// The Help entry an editor field feeds, by its field path: inputs of the value, of the cost
/// per inference, of the monthly costs, and of the energy and carbon figures. `None` for fields
/// no single metric reads (names, the chart's range, the timeline, measured months).
pub fn field_entry(path: &str) -> Option<usize> {
    const MONTHLY_COST: usize = 0;
    const COST_PER_INFERENCE: usize = 3;
    const VALUE_PER_INFERENCE: usize = 4;
    if [
        "actuals",
        "timeline",
        "volume.min",
        "volume.max",
        "volume.current",
    ]
    .iter()
    .any(|p| path.starts_with(p))
    {
        return None;
    }
    if path.contains(".success_by_use_case[") {
        // Before splitting at dots: a use case's name may hold one.
        return Some(VALUE_PER_INFERENCE);
    }
    if path.contains(".energy.") || path.contains(".power.") {
        return Some(energy_entry(0));
    }
    let last = path.rsplit('.').next()?.split('[').next()?;
    match last {
        "grid_g_per_kwh" => Some(energy_entry(1)),
        "pue" => Some(energy_entry(0)),
        "price_per_tonne" => Some(energy_entry(5)),
        "value_per_success" | "share" | "success_rate" => Some(VALUE_PER_INFERENCE),
        "overhead_pct" | "fixed_monthly" | "hours_per_month" => Some(MONTHLY_COST),
        _ if path.contains(".one_time.") => Some(MONTHLY_COST),
        _ if path.starts_with("designs[")
            || path.starts_with("use_cases[")
            || path == "volume.peak_to_average" =>
        {
            Some(COST_PER_INFERENCE)
        }
        _ => None,
    }
}

/// The title of Help entry `k` ("" if there is none).
pub fn entry_title(k: usize) -> &'static str {
    entry(k).map_or("", |(title, _, _)| title)
}

/// The Help windows that are open, and the metric to bring into view.
#[derive(Debug, Default)]
pub struct HelpState {
    /// Help ▸ The metrics is open.
    pub metrics: bool,
    /// Help ▸ About is open.
    pub about: bool,
    /// The metric (index into [`METRIC_LABELS`]) to scroll to and mark, once.
    pub focus: Option<usize>,
    /// Which renderer and adapter draw the window, and why (empty in tests: no window).
    pub renderer: String,
    /// View ▸ Renderer as kept for the next start.
    pub preference: crate::app::renderer::Preference,
}

/// A column header's hover text: the metric in product terms and its formula, and where to
/// read more.
pub fn header_tip(metric: usize) -> String {
    let (_, what, formula) = entry(metric).unwrap_or_default();
    format!("{what}\n= {formula}\n\nClick for Help ▸ The metrics.")
}

/// The open Help windows.
pub fn help_windows(ctx: &egui::Context, state: &mut HelpState) {
    let mut open = state.metrics;
    egui::Window::new("The metrics")
        .open(&mut open)
        .default_size([620.0, 560.0])
        .vscroll(true)
        .show(ctx, |ui| metrics_ui(ui, state.focus.take()));
    state.metrics = open;
    let mut open = state.about;
    egui::Window::new("About Inference ROI Planner")
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| about_ui(ui, &state.renderer));
    state.about = open;
}

/// Each metric with what it tells the team and its formula; then the bands.
fn metrics_ui(ui: &mut Ui, focus: Option<usize>) {
    ui.label(
        "Per design, at a monthly request volume. Money is exact (decimal), never rounded until \
         shown.",
    );
    ui.add_space(6.0);
    for k in 0..METRIC_LABELS.len() {
        entry_ui(ui, k, focus);
    }
    ui.separator();
    ui.label(RichText::new("Energy and carbon").strong().size(16.0));
    ui.label(
        "Shown once a design has energy data: the carbon section's grid intensity, PUE and \
         carbon price, each self-hosted stage's power, each hosted stage's published energy.",
    );
    ui.add_space(6.0);
    for j in 0..ENERGY_EXPLAIN.len() {
        entry_ui(ui, energy_entry(j), focus);
    }
    ui.separator();
    ui.label(RichText::new("The bands").strong().size(16.0));
    egui::Grid::new("help_bands")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for title in [
                "Band",
                "ROI multiple",
                "Cost-to-value",
                "What it tells the team",
            ] {
                ui.label(RichText::new(title).strong());
            }
            ui.end_row();
            for band in Band::ALL.into_iter().rev() {
                crate::app::panels::table::band_chip(ui, band);
                ui.label(band.range_spelt_out());
                ui.label(band.cost_to_value_range());
                ui.label(band.advice());
                ui.end_row();
            }
        });
    ui.separator();
    ui.label(RichText::new("Which design to run").strong().size(16.0));
    ui.label(crate::report::choice::RULE);
    ui.add_space(6.0);
    for (title, text) in crate::report::choice::UPGRADE_HELP {
        ui.label(RichText::new(title).strong());
        ui.label(text);
        ui.add_space(6.0);
    }
}

/// One entry: its title (brought into view and marked when it is the one asked for), what it
/// tells the team, and its formula.
fn entry_ui(ui: &mut Ui, k: usize, focus: Option<usize>) {
    let Some((label, what, formula)) = entry(k) else {
        return;
    };
    let heading = ui.label(RichText::new(label).strong().size(16.0));
    if focus == Some(k) {
        heading.scroll_to_me(Some(egui::Align::TOP));
        heading.highlight();
    }
    ui.label(what);
    ui.label(RichText::new(format!("= {formula}")).monospace());
    ui.add_space(6.0);
}

/// Version, commit, the renderer and licences.
fn about_ui(ui: &mut Ui, renderer: &str) {
    ui.label(RichText::new("Inference ROI Planner").strong().size(18.0));
    ui.label(format!("Version {}", crate::VERSION));
    if !renderer.is_empty() {
        ui.label(renderer).on_hover_text(
            "View ▸ Renderer or INFERENCE_ROI_RENDERER=glow|wgpu choose another at the next start",
        );
    }
    ui.label(
        "Is an AI feature's inference cost justified by the value it \
         delivers, and how does that change with scale?",
    );
    ui.add_space(6.0);
    ui.label(RichText::new("Licences").strong());
    ui.label("Inference ROI Planner: MIT OR Apache-2.0.");
    ui.label(
        "Fonts: DejaVu Sans (Bitstream Vera licence and public domain; \
         assets/fonts/LICENSE-DejaVu.txt) in charts and exports; on screen egui's Ubuntu-Light \
         (Ubuntu Font Licence 1.0), Hack (MIT, with Bitstream Vera's), Noto Emoji (SIL OFL 1.1) \
         and its icon fonts (MIT).",
    );
    ui.label(
        "Built with egui, eframe, egui_plot, serde, ron, clap and resvg (MIT OR Apache-2.0), \
         rust_decimal, plotters and rfd (MIT).",
    );
}

#[cfg(test)]
mod tests {
    use super::{ENERGY_EXPLAIN, entry, entry_title, field_entry};
    use crate::report::METRIC_LABELS;

    #[test]
    fn the_band_entry_is_the_band_metric() {
        assert_eq!(METRIC_LABELS[super::BAND_ENTRY], "Band");
    }

    #[test]
    fn the_band_entry_lists_the_bands_as_before() {
        assert_eq!(
            entry(super::BAND_ENTRY).unwrap().1,
            "The ROI multiple's verdict: Excellent ≥ 10×, Good 3–10×, \
             Marginal 1–3×, Unsustainable < 1×."
        );
    }

    #[test]
    fn every_entry_has_a_title_a_meaning_and_a_formula() {
        let all = METRIC_LABELS.len() + ENERGY_EXPLAIN.len();
        for k in 0..all {
            let (title, what, formula) = entry(k).unwrap();
            assert!(
                !title.is_empty() && !what.is_empty() && !formula.is_empty(),
                "{k}"
            );
        }
        assert!(entry(all).is_none());
        assert_eq!(entry_title(METRIC_LABELS.len()), "Wh per inference");
        assert_eq!(entry_title(all - 1), "Value per kWh");
    }

    #[test]
    fn a_field_opens_the_entry_of_the_metric_it_feeds() {
        for (path, title) in [
            ("designs[0].success_rate", "Value per inference"),
            (
                r#"designs[1].success_by_use_case["Q&A v2.0"]"#,
                "Value per inference",
            ),
            ("use_cases[0].value_per_success", "Value per inference"),
            ("use_cases[2].share", "Value per inference"),
            (
                "designs[0].serving.input_price_per_mtok",
                "Cost per inference",
            ),
            (
                "designs[2].serving.primary.throughput.RequestsPerSecond",
                "Cost per inference",
            ),
            (
                "designs[1].serving.reserved.price_per_hour",
                "Cost per inference",
            ),
            ("volume.peak_to_average", "Cost per inference"),
            ("designs[0].fixed_monthly", "Monthly cost"),
            ("designs[0].one_time.months", "Monthly cost"),
            ("designs[0].serving.power.watts_max", "Wh per inference"),
            (
                "designs[2].serving.fallback.energy.wh_per_request",
                "Wh per inference",
            ),
            ("carbon.pue", "Wh per inference"),
            ("carbon.grid_g_per_kwh", "gCO₂e per inference"),
            ("designs[3].grid_g_per_kwh", "gCO₂e per inference"),
            ("carbon.price_per_tonne", "ROI with carbon"),
        ] {
            assert_eq!(field_entry(path).map(entry_title), Some(title), "{path}");
        }
        for path in [
            "timeline.months",
            "timeline.growth.pct_per_month",
            "volume.current",
            "volume.min",
            "actuals[0].cost",
        ] {
            assert_eq!(field_entry(path), None, "{path}");
        }
    }
}
