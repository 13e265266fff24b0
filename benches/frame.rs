//! CPU time per frame of the headless planner (`egui_kittest`, no rendering) on the largest
//! bundled scenario: idle, and while the current volume changes every frame (a slider drag); with
//! the Import bill window open; and the Portfolio view of the bundled portfolio on each tab.
//! The goal: under 4 ms per frame on the 2-core CI machine.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use inference_roi::app::command::Command;
use inference_roi::app::portfolio::{PortfolioCommand, PortfolioTab};
use inference_roi::io::examples::EXAMPLES;

#[path = "../tests/common/gui.rs"]
mod gui;

use gui::{App, GuiHarness};

fn largest_example() -> usize {
    (0..EXAMPLES.len())
        .max_by_key(|&i| EXAMPLES[i].text.len())
        .unwrap()
}

fn harness() -> App {
    GuiHarness::builder()
        .with_example(largest_example())
        .build()
}

fn frames(c: &mut Criterion) {
    let mut idle = harness();
    c.bench_function("frame, idle (largest bundled scenario)", |b| {
        b.iter(|| idle.step());
    });

    let mut dragging = harness();
    let key = egui::Id::unique("bench_slider");
    let (min, max) = {
        let v = dragging.state().scenario().volume;
        (v.min, v.max)
    };
    let mut volume = min;
    c.bench_function("frame, current volume changing every frame", |b| {
        b.iter(|| {
            volume = if volume >= max / 2 {
                min
            } else {
                volume * 11 / 10 + 1
            };
            let mut scenario = dragging.state().scenario().clone();
            scenario.volume.current = volume;
            let ctx = dragging.ctx.clone();
            dragging.state_mut().apply(
                &ctx,
                Command::Edit {
                    key,
                    path: Some("volume.current".to_owned()),
                    scenario,
                },
            );
            dragging.step();
        });
    });

    // The Import bill window open on the support assistant's example bill, with its counts: the
    // read done, every figure derived once; what a frame costs while it is shown.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let support = inference_roi::io::load(&root.join("support-assistant.ron")).unwrap();
    let mut importing = GuiHarness::builder().with_scenario(support).build();
    let ctx = importing.ctx.clone();
    let bill = root.join("support-assistant-bill.csv");
    let counts = root.join("support-assistant-requests.csv");
    importing
        .state_mut()
        .apply(&ctx, Command::ImportBill(Some(vec![bill])));
    importing
        .state_mut()
        .apply(&ctx, Command::BillRequests(Some(counts)));
    let start = std::time::Instant::now();
    while importing.state().bill_reading() && start.elapsed().as_secs() < 20 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        importing.step();
    }
    importing.step();
    c.bench_function("frame, Import bill window open (example bill)", |b| {
        b.iter(|| importing.step());
    });

    // The Portfolio view of the bundled portfolio, on each tab, with the pointer moving across
    // the window each frame (hover on the table or the chart): what a frame costs while it shows.
    let mut portfolio = harness();
    let ctx = portfolio.ctx.clone();
    portfolio.state_mut().apply(
        &ctx,
        Command::Portfolio(PortfolioCommand::Load(root.join("portfolio.ron"))),
    );
    assert!(portfolio.state().portfolio_shown());
    for tab in PortfolioTab::ALL {
        portfolio
            .state_mut()
            .apply(&ctx, Command::Portfolio(PortfolioCommand::Tab(tab)));
        let mut x = 0.0f32;
        c.bench_function(
            &format!("frame, Portfolio view, {} (pointer moving)", tab.label()),
            |b| {
                b.iter(|| {
                    x = if x > 1300.0 { 340.0 } else { x + 17.0 };
                    portfolio.hover_at(egui::pos2(x, 420.0));
                    portfolio.step();
                });
            },
        );
    }
}

criterion_group!(benches, frames);
criterion_main!(benches);
