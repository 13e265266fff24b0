//! Help ▸ The metrics (each metric and band in product terms, with its formula and what each
//! band tells the team, as `DOMAIN.md` words it) and Help ▸ About (version, commit, licences).
//! The table's column headers open the matching entry.

use egui::{RichText, Ui};

use crate::econ::Band;
use crate::report::METRIC_LABELS;

/// What each metric tells a product team and how it is computed, in [`METRIC_LABELS`] order
/// (the table's header tooltips, and Help ▸ The metrics).
pub const EXPLAIN: [(&str, &str); 17] = [
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
        "The share of the value spent on inference: below 0.10 is Excellent, above 1 loses money.",
        "cost per inference ÷ value per inference",
    ),
    (
        "How many times over the inference pays for itself: the number the bands read.",
        "value per inference ÷ cost per inference",
    ),
    (
        "The ROI multiple's verdict: Excellent ≥ 10×, Good 3–10×, Marginal 1–3×, Unsustainable < 1×.",
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
        "The smallest monthly volume at which value covers cost. * = falls back below after a step.",
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

/// The Help windows that are open, and the metric to bring into view.
#[derive(Debug, Default)]
pub struct HelpState {
    /// Help ▸ The metrics is open.
    pub metrics: bool,
    /// Help ▸ About is open.
    pub about: bool,
    /// The metric (index into [`METRIC_LABELS`]) to scroll to and mark, once.
    pub focus: Option<usize>,
}

/// A column header's hover text: the metric in product terms and its formula, and where to
/// read more.
pub fn header_tip(metric: usize) -> String {
    let (what, formula) = EXPLAIN[metric];
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
        .show(ctx, about_ui);
    state.about = open;
}

/// Each metric with what it tells the team and its formula; then the bands.
fn metrics_ui(ui: &mut Ui, focus: Option<usize>) {
    ui.label(
        "Per design, at a monthly request volume. Money is exact (decimal), never rounded until \
         shown.",
    );
    ui.add_space(6.0);
    for (k, (label, (what, formula))) in METRIC_LABELS.iter().zip(EXPLAIN).enumerate() {
        let heading = ui.label(RichText::new(*label).strong().size(16.0));
        if focus == Some(k) {
            heading.scroll_to_me(Some(egui::Align::TOP));
            heading.highlight();
        }
        ui.label(what);
        ui.label(RichText::new(format!("= {formula}")).monospace());
        ui.add_space(6.0);
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
            for (band, roi, ratio) in [
                (Band::Excellent, "≥ 10×", "≤ 0.10"),
                (Band::Good, "3× to < 10×", "0.10 – 0.33"),
                (Band::Marginal, "1× to < 3×", "0.33 – 1.0"),
                (Band::Unsustainable, "< 1×", "> 1.0"),
            ] {
                super::table::band_chip(ui, band);
                ui.label(roi);
                ui.label(ratio);
                ui.label(band.advice());
                ui.end_row();
            }
        });
}

/// Version, commit and licences.
fn about_ui(ui: &mut Ui) {
    ui.label(RichText::new("Inference ROI Planner").strong().size(18.0));
    ui.label(format!("Version {}", crate::cli::VERSION));
    ui.label("Is an AI feature's inference cost justified by the value it delivers, and how does that change with scale?");
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
