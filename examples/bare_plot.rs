//! The floor for the planner's cost per frame: a bare eframe window with one `egui_plot` of three
//! 1,000-point lines and nothing else. `benches/window_cpu.sh` runs it beside the planner, with
//! the same renderer (`INFERENCE_ROI_RENDERER=glow|wgpu`), and reports both.
//!
//! `cargo run --release --example bare_plot`

use egui_plot::{Line, Plot, PlotPoints};

struct Bare {
    lines: Vec<Vec<[f64; 2]>>,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            Plot::new("bare").show(ui, |plot| {
                for (i, points) in self.lines.iter().enumerate() {
                    plot.line(Line::new(
                        format!("line {i}"),
                        PlotPoints::from(points.clone()),
                    ));
                }
            });
        });
    }
}

fn main() -> eframe::Result {
    let lines = (0..3u32)
        .map(|k| {
            (0..1_000u32)
                .map(|i| {
                    let x = f64::from(i) / 10.0;
                    [x, (x / (3.0 + f64::from(k))).sin() * f64::from(k + 1)]
                })
                .collect()
        })
        .collect();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare plot")
            .with_inner_size([1440.0, 900.0]),
        renderer: inference_roi::app::renderer::for_this_run(None).renderer,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "bare plot",
        options,
        Box::new(|_| Ok(Box::new(Bare { lines }))),
    )
}
