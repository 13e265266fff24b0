//! Reading and rolling up a portfolio of 200 features: the goal is under 300 ms on the
//! 2-core machine. The features are the bundled scenarios, each saved under its own title and
//! volume (and so its own figures) in a temporary folder, in eight teams, with a budget; the
//! timelines among them give the months.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use inference_roi::io::{self, examples::EXAMPLES};

const FEATURES: usize = 200;

/// The portfolio file, written once per run with its 200 feature files beside it.
fn portfolio() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "inference-roi-bench-portfolio-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = String::from(
        "Portfolio(\n    format: 1,\n    title: \"Bench\",\n    currency: \"USD\",\n    \
         budget_monthly: Some(2000000),\n    features: [\n",
    );
    for i in 0..FEATURES {
        let example = &EXAMPLES[i % EXAMPLES.len()];
        let mut scenario = io::parse(example.text).unwrap();
        scenario.title = format!("Feature {i}");
        let scale = 1 + u64::try_from(i % 7).unwrap();
        scenario.volume.current = (scenario.volume.current * scale).min(scenario.volume.max);
        let file = format!("feature-{i:03}.ron");
        io::save(&scenario, &dir.join(&file)).unwrap();
        let _ = writeln!(
            text,
            "        Feature(file: \"{file}\", team: Some(\"Team {}\")),",
            i % 8
        );
    }
    text.push_str("    ],\n)\n");
    let path = dir.join("portfolio.ron");
    std::fs::write(&path, text).unwrap();
    path
}

fn bench(c: &mut Criterion) {
    let path = portfolio();
    let rollup = inference_roi::report::portfolio::open(&path).unwrap();
    assert_eq!(rollup.features.len(), FEATURES, "{:?}", rollup.problems);
    let mut group = c.benchmark_group("portfolio");
    group.sample_size(20);
    group.bench_function("read 200 features and roll them up", |b| {
        b.iter(|| inference_roi::report::portfolio::open(&path).unwrap());
    });
    group.finish();
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

criterion_group!(benches, bench);
criterion_main!(benches);
