//! Runs whose size is the product of several arguments are refused at once, with the product and
//! the limit named, rather than taking minutes and gigabytes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use inference_roi::econ::simulate::{self, MAX_CELLS, SimulationError};
use inference_roi::io;
use predicates::prelude::*;

fn cli() -> Command {
    Command::cargo_bin("inference-roi").unwrap()
}

#[test]
fn simulate_bounds_samples_times_points_times_designs() {
    // 1,000,000 × 1,000 × 3 designs = 3e9 figures: about 15 GB before this limit.
    cli()
        .args(["simulate", "scenarios/support-assistant-uncertain.ron"])
        .args(["--samples", "1000000", "--points", "1000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--samples 1000000 --points 1000: samples × points × designs is 1,000,000 × 1,000 × 3 \
             = 3,000,000,000 simulated figures; the limit is 50,000,000: use at most 16,666 \
             samples with 1,000 points",
        ));
    // The largest run the message offers is accepted.
    let scenario = io::parse(
        io::examples::find("support-assistant-uncertain")
            .unwrap()
            .text,
    )
    .unwrap();
    let volumes = vec![scenario.volume.current; 1000];
    let largest = simulate::max_samples(1000 * 3);
    assert_eq!(largest, 16_666);
    assert!(largest * 1000 * 3 <= MAX_CELLS && (largest + 1) * 1000 * 3 > MAX_CELLS);
    match simulate::simulate(&scenario, &volumes, 16_667, 1) {
        Err(SimulationError::TooLarge {
            samples: 16_667,
            count: 1000,
            designs: 3,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    // The same bound for the chart's bands (100 points).
    let dir = tempfile::tempdir().unwrap();
    cli()
        .args([
            "chart",
            "scenarios/support-assistant-uncertain.ron",
            "--out",
        ])
        .arg(dir.path().join("bands.svg"))
        .args(["--bands", "1000000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--bands 1000000: samples × points × designs is 1,000,000 × 100 × 3",
        ))
        .stderr(predicate::str::contains("use at most 166,666 samples"));
    assert!(!dir.path().join("bands.svg").exists());
}

#[test]
fn the_timeline_simulation_bounds_samples_times_months_times_designs() {
    let mut scenario = io::parse(io::examples::find("support-over-time").unwrap().text).unwrap();
    let months = scenario.timeline.as_ref().unwrap().months as usize;
    let designs = scenario.designs.len();
    scenario.ranges.clear();
    let too_many = MAX_CELLS / (months * designs) + 1;
    match simulate::timeline::simulate_timeline(&scenario, too_many, 1) {
        Err(error @ SimulationError::TooLarge { .. }) => {
            assert!(
                error.to_string().starts_with(&format!(
                    "samples × months × designs is {} × {months} × {designs}",
                    inference_roi::report::format::count(too_many as u64)
                )),
                "{error}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn chart_bounds_width_times_height_times_scale_squared() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("huge.png");
    // 8000 × 8000 × 4² = 1,024,000,000 pixels: about 7.8 GB before this limit.
    cli()
        .args(["chart", "scenarios/support-assistant.ron", "--out"])
        .arg(&png)
        .args(["--width", "8000", "--height", "8000", "--scale", "4"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a PNG of 8000×8000 at 4× is 1,024,000,000 pixels (width × height × scale²); the \
             limit is 40,000,000 pixels: use a smaller size or scale, or write an .svg",
        ));
    assert!(!png.exists());
    // Each side at its own limit is fine while the product is within bounds.
    cli()
        .args(["chart", "scenarios/support-assistant.ron", "--out"])
        .arg(&png)
        .args(["--width", "8000", "--height", "1000", "--scale", "2"])
        .assert()
        .success();
    assert!(png.exists());
}
