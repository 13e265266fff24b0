//! Engine benchmarks: the exact report, the float sweep and the crossovers for a 10-design
//! scenario (the goal: a full recompute well under 1 ms), and the chart export.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use inference_roi::econ::{self, Prepared};
use inference_roi::model::Scenario;

/// Ten designs: the bundled scenarios' designs side by side (hosted, self-hosted, cascades),
/// renamed to stay unique, over the search-summaries volumes.
fn ten_designs() -> Scenario {
    let mut scenario = inference_roi::io::parse(
        inference_roi::io::examples::find("search-summaries")
            .unwrap()
            .text,
    )
    .unwrap();
    let mut designs = Vec::new();
    // The three scenarios of plain designs (the others repeat them with ranges, routes or a
    // timeline).
    for name in [
        "support-assistant",
        "document-classification",
        "search-summaries",
    ] {
        let other = inference_roi::io::parse(inference_roi::io::examples::find(name).unwrap().text)
            .unwrap();
        designs.extend(other.designs);
    }
    let extra = designs[1].clone();
    designs.push(extra);
    for (i, design) in designs.iter_mut().enumerate() {
        design.name = format!("{} #{i}", design.name);
        design.success_by_use_case.clear();
    }
    scenario.designs = designs;
    assert_eq!(scenario.designs.len(), 10);
    scenario
}

fn engine(c: &mut Criterion) {
    let scenario = ten_designs();
    let volume = scenario.volume.current;
    c.bench_function(
        "full recompute, 10 designs (prepare + report + crossovers + 1,000-point sweep)",
        |b| {
            b.iter(|| {
                let analysis = econ::analyse(black_box(&scenario), volume);
                let sweep = econ::sweep(black_box(&scenario), 1000);
                (analysis, sweep)
            });
        },
    );
    c.bench_function("exact report (metrics + thresholds), 10 designs", |b| {
        b.iter(|| {
            scenario
                .designs
                .iter()
                .map(|d| Prepared::new(&scenario, d).and_then(|p| p.figures(volume)))
                .collect::<Vec<_>>()
        });
    });
    let prepared: Vec<_> = scenario
        .designs
        .iter()
        .map(|d| Prepared::new(&scenario, d))
        .collect();
    c.bench_function("f64 sweep, 10 designs × 1,000 points", |b| {
        let volumes = econ::sweep::log_volumes(scenario.volume.min, scenario.volume.max, 1000);
        b.iter(|| {
            prepared
                .iter()
                .map(|p| econ::sweep::series(p.as_ref().unwrap(), black_box(&volumes)))
                .collect::<Vec<_>>()
        });
    });
    c.bench_function("crossovers, 10 designs (45 pairs) incl. report", |b| {
        b.iter(|| econ::analyse_prepared(black_box(&scenario), &prepared, volume));
    });
    // The same with every self-hosted stage holding two reserved instances at 60 % of the
    // on-demand price: the bounds then come in pieces, and the searches test them piece by piece.
    let mut reserved = scenario.clone();
    for design in &mut reserved.designs {
        reserve(&mut design.serving);
    }
    c.bench_function(
        "full recompute, 10 designs with reserved instances (no sweep)",
        |b| b.iter(|| econ::analyse(black_box(&reserved), volume)),
    );
}

/// Two reserved instances at 60 % of the on-demand price on every self-hosted stage.
fn reserve(serving: &mut inference_roi::model::Serving) {
    use inference_roi::model::{Reserved, Serving};
    match serving {
        Serving::SelfHosted {
            price_per_hour,
            reserved,
            ..
        } => {
            *reserved = Some(Reserved {
                instances: 2,
                price_per_hour: *price_per_hour * rust_decimal::Decimal::new(6, 1),
            });
        }
        Serving::Cascade {
            primary, fallback, ..
        } => {
            reserve(primary);
            reserve(fallback);
        }
        Serving::HostedApi { .. } | Serving::Routed { .. } => {}
    }
}

/// Chart export: building the scene and drawing it as SVG and as PNG (what `inference-roi chart`
/// and File ▸ Export chart… do after loading).
fn export(c: &mut Criterion) {
    use inference_roi::chart::{ChartKind, Scene, data::ChartData, render};
    let scenario = ten_designs();
    let data = ChartData::new(&scenario);
    let hidden = std::collections::HashSet::<String>::new();
    let scene = Scene::new(&scenario, &data, &hidden, ChartKind::Roi);
    let options = render::Options::default();
    // What the planner recomputes on every edit: validation, exact figures, crossovers and the
    // curves, energy curves included (for the designs that carry energy data); and the same
    // without energy data, so the difference is the energy curves' cost.
    let with_energy = ChartData::new(&scenario)
        .energy
        .iter()
        .filter(|curve| curve.is_some())
        .count();
    c.bench_function(
        &format!("chart data per edit, 10 designs ({with_energy} with energy curves)"),
        |b| {
            b.iter(|| ChartData::new(black_box(&scenario)));
        },
    );
    let mut no_energy = scenario.clone();
    for design in &mut no_energy.designs {
        design.serving.clear_energy();
    }
    c.bench_function("chart data per edit, 10 designs (no energy data)", |b| {
        b.iter(|| ChartData::new(black_box(&no_energy)));
    });
    c.bench_function("chart scene, 10 designs", |b| {
        b.iter(|| Scene::new(black_box(&scenario), &data, &hidden, ChartKind::Roi));
    });
    c.bench_function("chart SVG 1200×700, 10 designs", |b| {
        b.iter(|| render::svg(black_box(&scene), &options).unwrap());
    });
    let double = render::Options {
        scale: 2,
        ..options
    };
    c.bench_function("chart PNG 2400×1400 (1200×700 at 2×), 10 designs", |b| {
        b.iter(|| render::png(black_box(&scene), &double).unwrap());
    });
}

/// Monte Carlo: 10 designs with uncertain prices, values and success rates, 100 volumes.
fn monte_carlo(c: &mut Criterion) {
    use inference_roi::econ::simulate::simulate;
    use inference_roi::model::uncertain::Range;
    use rust_decimal::Decimal;
    let mut scenario = ten_designs();
    let spread = |x: Decimal| Range {
        low: x * Decimal::new(7, 1),
        high: x * Decimal::new(13, 1),
    };
    for (i, case) in scenario.use_cases.iter().enumerate() {
        scenario.ranges.insert(
            format!("use_cases[{i}].value_per_success"),
            spread(case.value_per_success),
        );
    }
    for (i, design) in scenario.designs.iter().enumerate() {
        let rate = design.success_rate;
        scenario.ranges.insert(
            format!("designs[{i}].success_rate"),
            Range {
                low: rate * Decimal::new(9, 1),
                high: (rate * Decimal::new(11, 1)).min(Decimal::new(999, 3)),
            },
        );
        scenario.ranges.insert(
            format!("designs[{i}].fixed_monthly"),
            spread(design.fixed_monthly.max(Decimal::ONE)),
        );
    }
    let volumes = econ::sweep::log_volumes(scenario.volume.min, scenario.volume.max, 100);
    let mut group = c.benchmark_group("monte carlo");
    group.sample_size(10);
    // Throughput in sample × volume points (per design).
    group.throughput(criterion::Throughput::Elements(10 * 5_000 * 100));
    group.bench_function("10 designs × 5,000 samples × 100 volumes", |b| {
        b.iter(|| simulate(black_box(&scenario), &volumes, 5_000, 7).unwrap());
    });
    group.throughput(criterion::Throughput::Elements(10 * 500 * 100));
    group.bench_function("10 designs × 500 samples × 100 volumes", |b| {
        b.iter(|| simulate(black_box(&scenario), &volumes, 500, 7).unwrap());
    });
    // The common case: what a success is worth and how often designs succeed are uncertain,
    // the prices are not, so no design's cost model needs compiling per sample.
    let mut value_only = scenario.clone();
    value_only
        .ranges
        .retain(|path, _| !path.ends_with("fixed_monthly"));
    group.throughput(criterion::Throughput::Elements(10 * 5_000 * 100));
    group.bench_function(
        "10 designs × 5,000 samples × 100 volumes, value and success uncertain",
        |b| {
            b.iter(|| simulate(black_box(&value_only), &volumes, 5_000, 7).unwrap());
        },
    );
    // The slow path: a serving input (an API's token price, a GPU's hourly price) drawn, so
    // those designs are compiled by the exact engine for every sample.
    let mut serving = scenario.clone();
    for (i, design) in scenario.designs.iter().enumerate() {
        use inference_roi::model::Serving;
        let (field, price) = match &design.serving {
            Serving::HostedApi {
                input_price_per_mtok,
                ..
            } => ("input_price_per_mtok", *input_price_per_mtok),
            Serving::SelfHosted { price_per_hour, .. } => ("price_per_hour", *price_per_hour),
            _ => continue,
        };
        if price > Decimal::ZERO {
            serving
                .ranges
                .insert(format!("designs[{i}].serving.{field}"), spread(price));
        }
    }
    group.throughput(criterion::Throughput::Elements(10 * 5_000 * 100));
    group.bench_function(
        "10 designs × 5,000 samples × 100 volumes, prices uncertain (compiled per sample)",
        |b| {
            b.iter(|| simulate(black_box(&serving), &volumes, 5_000, 7).unwrap());
        },
    );
    group.finish();
}

/// `cases` use cases of different worth and size over the first six of the ten designs.
fn routing_scenario(cases: usize) -> Scenario {
    use rust_decimal::Decimal;
    let mut scenario = ten_designs();
    scenario.designs.truncate(6);
    let template = scenario.use_cases[0].clone();
    scenario.use_cases = (0..i64::try_from(cases).unwrap())
        .map(|i| {
            let mut case = template.clone();
            case.name = format!("use case {i}");
            case.share = Decimal::ONE / Decimal::from(cases);
            case.value_per_success = Decimal::new(5 + 7 * i, 3);
            case.size = Decimal::new(5 + (i % 4) * 5, 1);
            case
        })
        .collect();
    let total: Decimal = scenario.use_cases.iter().map(|c| c.share).sum();
    scenario.use_cases[0].share += Decimal::ONE - total;
    scenario
}

/// Suggested routing: 5 use cases × 6 designs (7^5 = 16,807 routings, exhaustive) and
/// 8 × 6 (7^8 ≈ 5.8 M, the heuristic); each should take well under 50 ms.
fn routing(c: &mut Criterion) {
    use inference_roi::econ::suggest::suggest;
    for (cases, label) in [
        (
            5,
            "suggested routing, 5 use cases × 6 designs (exhaustive, 16,807)",
        ),
        (8, "suggested routing, 8 use cases × 6 designs (heuristic)"),
    ] {
        let scenario = routing_scenario(cases);
        let volume = scenario.volume.current;
        assert_eq!(suggest(&scenario, volume).unwrap().exhaustive, cases == 5);
        c.bench_function(label, |b| {
            b.iter(|| suggest(black_box(&scenario), volume).unwrap());
        });
    }
}

/// The timeline: 10 designs × 120 months, exact (goal: under 5 ms).
fn over_time(c: &mut Criterion) {
    use inference_roi::model::{Growth, Month, Timeline};
    let mut scenario = ten_designs();
    scenario.timeline = Some(Timeline {
        start: Month::new(2027, 1).unwrap(),
        months: 120,
        growth: Growth::Compound {
            pct_per_month: rust_decimal::Decimal::new(4, 0),
        },
        budget_monthly: Some(rust_decimal::Decimal::new(200_000, 0)),
        running: Some(scenario.designs[0].name.clone()),
    });
    c.bench_function("timeline, 10 designs × 120 months (exact)", |b| {
        b.iter(|| {
            econ::timeline::timeline(black_box(&scenario))
                .unwrap()
                .unwrap()
        });
    });
    // The same with the growth rate uncertain (goal: 5,000 samples under 100 ms).
    scenario.ranges.insert(
        "timeline.growth.pct_per_month".to_owned(),
        inference_roi::model::uncertain::Range {
            low: rust_decimal::Decimal::new(2, 0),
            high: rust_decimal::Decimal::new(6, 0),
        },
    );
    let mut group = c.benchmark_group("timeline simulated");
    group.sample_size(10);
    group.bench_function(
        "10 designs × 120 months × 5,000 samples (growth uncertain)",
        |b| {
            b.iter(|| {
                econ::simulate::timeline::simulate_timeline(black_box(&scenario), 5_000, 1)
                    .unwrap()
                    .unwrap()
            });
        },
    );
    group.finish();
}

/// Which design to run: the choice (best, dominance, frontier, steps) of 10 and of 64 designs
/// (the most a file may hold), the Frontier tab's scene, and the walk for the pack's "the
/// answer changes at".
fn choice(c: &mut Criterion) {
    use inference_roi::chart::frontier::FrontierScene;
    let scenario = ten_designs();
    let analysis = econ::analyse(&scenario, scenario.volume.current);
    c.bench_function("choice (best, frontier, steps), 10 designs", |b| {
        b.iter(|| black_box(&analysis).choice());
    });
    let mut many = scenario.clone();
    let base = many.designs.clone();
    many.designs = (0..64)
        .map(|i| {
            let mut d = base[i % base.len()].clone();
            d.name = format!("{} / {i}", d.name);
            d.success_rate = rust_decimal::Decimal::new(50 + i64::try_from(i).unwrap() % 50, 2);
            d
        })
        .collect();
    let many_analysis = econ::analyse(&many, many.volume.current);
    c.bench_function("choice (best, frontier, steps), 64 designs", |b| {
        b.iter(|| black_box(&many_analysis).choice());
    });
    let hidden = std::collections::HashSet::<String>::new();
    c.bench_function("frontier scene, 10 designs", |b| {
        b.iter(|| FrontierScene::new(black_box(&scenario), &analysis, &hidden));
    });
    let prepared: Vec<_> = scenario
        .designs
        .iter()
        .map(|d| Prepared::new(&scenario, d))
        .collect();
    c.bench_function("where the best changes next (pack), 10 designs", |b| {
        b.iter(|| {
            econ::choice::next_change(
                black_box(&prepared),
                scenario.volume.current,
                scenario.volume.max,
            )
        });
    });
}

criterion_group!(
    benches,
    engine,
    export,
    monte_carlo,
    routing,
    over_time,
    choice
);
criterion_main!(benches);
