//! Uncertain inputs: `Range(low, high)` in files, their point estimates, saving them back, and
//! the seeded Monte Carlo.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use common::{d, design, one_use_case, scenario_with};
use inference_roi::econ::simulate::simulate;
use inference_roi::econ::{self, Band};
use inference_roi::io::{self, LoadError, examples::EXAMPLES};
use inference_roi::model::uncertain::Range;
use inference_roi::report::{Report, report_json};
use predicates::prelude::*;

fn support() -> &'static str {
    io::examples::find("support-assistant").unwrap().text
}

#[test]
fn files_without_ranges_load_unchanged() {
    for example in EXAMPLES.iter().filter(|e| !e.text.contains("Range(")) {
        let (text, ranges) = io::ranges::extract(example.text).unwrap();
        assert_eq!(text, example.text);
        assert!(ranges.is_empty());
        let scenario = io::parse(example.text).unwrap();
        assert!(scenario.ranges.is_empty());
        // Saving writes no range either.
        assert!(!io::to_ron(&scenario).unwrap().contains("Range("));
    }
    // The word in a note is not a range.
    let text = support().replacen(
        "title: \"Customer-support assistant\"",
        "title: \"Range(1, 2) of prices\"",
        1,
    );
    let scenario = io::parse(&text).unwrap();
    assert_eq!(scenario.title, "Range(1, 2) of prices");
    assert!(scenario.ranges.is_empty());
}

#[test]
fn a_range_at_a_point_reproduces_the_exact_figures() {
    let written = io::parse(support()).unwrap();
    let text = support()
        .replacen(
            "input_price_per_mtok: 2.50",
            "input_price_per_mtok: Range(2.50, 2.50)",
            1,
        )
        .replacen("success_rate: 0.80", "success_rate: Range(0.80, 0.80)", 1)
        .replacen(
            "value_per_success: 0.06",
            "value_per_success: Range(0.06, 0.06)",
            1,
        );
    let ranged = io::parse(&text).unwrap();
    assert_eq!(ranged.ranges.len(), 3);
    let volume = written.volume.current;
    assert_eq!(
        report_json(&Report::new(&ranged, volume)),
        report_json(&Report::new(&written, volume))
    );
    // The simulation of points is the exact ROI, in every sample.
    let sim = simulate(&ranged, &[volume], 200, 3).unwrap();
    let exact = econ::analyse(&written, volume);
    for (outlook, figures) in sim.designs.iter().zip(&exact.designs) {
        let outlook = outlook.as_ref().unwrap();
        let roi: f64 = figures
            .as_ref()
            .unwrap()
            .metrics
            .roi_multiple
            .unwrap()
            .to_string()
            .parse()
            .unwrap();
        for p in [outlook.p10[0], outlook.p50[0], outlook.p90[0]] {
            assert!((p - roi).abs() < 1e-9 * roi, "{p} vs {roi}");
        }
    }
}

#[test]
fn ranges_load_as_their_medians_and_save_back_in_place() {
    let text = support()
        .replacen(
            "value_per_success: 0.06",
            "value_per_success: Range(0.04, 0.09)",
            1,
        )
        .replacen("success_rate: 0.80", "success_rate: Range(0.7, 0.9)", 1);
    let scenario = io::parse(&text).unwrap();
    // Lognormal median: √(0.04 × 0.09) = 0.06.
    assert_eq!(scenario.use_cases[0].value_per_success, d("0.06"));
    assert_eq!(
        scenario.ranges["use_cases[0].value_per_success"],
        Range {
            low: d("0.04"),
            high: d("0.09")
        }
    );
    // Logit-normal median of 0.7 and 0.9: logit⁻¹((ln(7/3) + ln 9) / 2) = 0.820…
    let rate = scenario.designs[0].success_rate;
    assert!(rate > d("0.82") && rate < d("0.83"), "{rate}");

    let saved = io::to_ron(&scenario).unwrap();
    assert!(
        saved.contains("value_per_success: Range(0.04, 0.09)"),
        "{saved}"
    );
    assert!(saved.contains("success_rate: Range(0.7, 0.9)"), "{saved}");
    assert_eq!(io::parse(&saved).unwrap(), scenario);

    // A value changed since (typed in the planner) is saved as the point it now is.
    let mut edited = scenario.clone();
    edited.designs[0].success_rate = d("0.85");
    let saved = io::to_ron(&edited).unwrap();
    assert!(saved.contains("success_rate: 0.85"), "{saved}");
    assert!(saved.contains("value_per_success: Range(0.04, 0.09)"));
}

#[test]
fn bad_ranges_name_the_field_and_the_line() {
    let cases = [
        (
            "success_rate: 0.80",
            "success_rate: Range(0.9, 0.7)",
            "needs low ≤ high",
        ),
        (
            "success_rate: 0.80",
            "success_rate: Range(0.5, 1.2)",
            "strictly between 0 and 1",
        ),
        (
            "input_price_per_mtok: 2.50",
            "input_price_per_mtok: Range(0, 5)",
            "must start above 0",
        ),
        (
            "input_price_per_mtok: 2.50",
            "input_price_per_mtok: Range(2, lots)",
            "high end: expected a number",
        ),
        ("max: 100000000", "max: Range(1000, 2000)", "whole number"),
    ];
    for (from, to, message) in cases {
        let text = support().replacen(from, to, 1);
        let error = io::parse(&text).unwrap_err();
        let LoadError::Range { line, path, .. } = &error else {
            panic!("{to}: {error}")
        };
        let shown = error.to_string();
        assert!(shown.contains(message), "{to}: {shown}");
        let expected_line = text.lines().position(|l| l.contains(to)).unwrap() + 1;
        assert_eq!(*line, expected_line, "{to}");
        assert!(!path.is_empty());
    }
}

/// A linear design: value per success uncertain (lognormal), everything else fixed and no fixed
/// costs, so ROI is proportional to the value and its median is the ROI at the median value.
fn linear() -> inference_roi::model::Scenario {
    let serving = "HostedApi(input_price_per_mtok: 1, output_price_per_mtok: 0, input_tokens: 1000, output_tokens: 0)";
    let mut s = scenario_with(
        "730",
        (100_000, 1_000, 10_000_000),
        &one_use_case("0.02"),
        &design("api", serving, "success_rate: 0.5"),
    );
    s.ranges.insert(
        "use_cases[0].value_per_success".to_owned(),
        Range {
            low: d("0.01"),
            high: d("0.04"),
        },
    );
    s
}

#[test]
fn simulated_median_of_a_linear_design_matches_the_analytical_median() {
    let s = linear();
    let samples = 5_000;
    let sim = simulate(&s, &[1_000, 100_000, 10_000_000], samples, 42).unwrap();
    // Median value √(0.01 × 0.04) = 0.02 → value 0.01 per inference, cost 0.001: 10×.
    let analytical = 10.0_f64;
    // In log space ROI is normal with σ = ln(4) / (2 × 1.645); the sample median's standard
    // error is about 1.2533 σ / √n. Allow four of them.
    let sigma = 4f64.ln() / (2.0 * 1.644_853_6);
    let tolerance = 4.0 * 1.2533 * sigma / (samples as f64).sqrt();
    let outlook = sim.designs[0].as_ref().unwrap();
    for p50 in &outlook.p50 {
        assert!(
            (p50.ln() - analytical.ln()).abs() < tolerance,
            "P50 {p50} vs {analytical} (tolerance {tolerance} in log)"
        );
    }
    // P10 and P90 of a lognormal: exp(μ ∓ 1.2816 σ).
    let p90 = (analytical.ln() + 1.2816 * sigma).exp();
    assert!(
        (outlook.p90[1] / p90 - 1.0).abs() < 0.05,
        "{}",
        outlook.p90[1]
    );
    assert!(outlook.p10[1] < outlook.p50[1] && outlook.p50[1] < outlook.p90[1]);
    // The odds of each band add up to 1 (nothing over capacity here).
    let total: f64 = outlook.band_odds.iter().sum();
    assert!((total - 1.0).abs() < 1e-12);
    // ROI ≥ 10× half the time, give or take sampling error.
    let excellent = outlook.band_odds[Band::ALL
        .iter()
        .position(|b| *b == Band::Excellent)
        .unwrap()];
    assert!((excellent - 0.5).abs() < 0.03, "{excellent}");
}

#[test]
fn the_same_seed_gives_the_same_result() {
    let s = linear();
    let volumes = [1_000, 100_000];
    // (Compared as text: a design's odds of beating itself are NaN, which equals nothing.)
    let run = |seed| format!("{:?}", simulate(&s, &volumes, 1_000, seed).unwrap());
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}

#[test]
fn odds_of_beating_each_other_design() {
    let text = support()
        .replacen(
            "price_per_hour: 1.006",
            "price_per_hour: Range(0.5, 2.0)",
            1,
        )
        .replacen("success_rate: 0.74", "success_rate: Range(0.6, 0.85)", 1);
    let scenario = io::parse(&text).unwrap();
    let sim = simulate(&scenario, &[scenario.volume.current], 2_000, 1).unwrap();
    let n = scenario.designs.len();
    for i in 0..n {
        let o = sim.designs[i].as_ref().unwrap();
        assert!(o.beats[i].is_nan());
        for j in 0..n {
            if i != j {
                let other = sim.designs[j].as_ref().unwrap();
                // Ties aside, one of the two has the higher ROI in every sample.
                assert!(o.beats[j] + other.beats[i] <= 1.0 + 1e-12);
                assert!(o.beats[j] + other.beats[i] > 0.99);
            }
        }
    }
    // The self-hosted design's price is uncertain now: it is neither always ahead nor behind.
    let api_beats_gpu = sim.designs[0].as_ref().unwrap().beats[1];
    assert!(
        api_beats_gpu > 0.05 && api_beats_gpu < 0.95,
        "{api_beats_gpu}"
    );
}

#[test]
fn cli_simulate() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ranged.ron");
    std::fs::write(
        &file,
        support().replacen(
            "value_per_success: 0.06",
            "value_per_success: Range(0.04, 0.09)",
            1,
        ),
    )
    .unwrap();
    let run = |seed: &str| {
        Command::cargo_bin("inference-roi")
            .unwrap()
            .arg("simulate")
            .arg(&file)
            .args(["--samples", "500", "--seed", seed, "--format", "json"])
            .output()
            .unwrap()
    };
    let first = run("5");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(first.stdout, run("5").stdout, "reproducible with a seed");
    let json: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(json["samples"], 500);
    assert_eq!(json["uncertain"][0], "use_cases[0].value_per_success");
    assert_eq!(json["designs"].as_array().unwrap().len(), 3);
    Command::cargo_bin("inference-roi")
        .unwrap()
        .arg("simulate")
        .arg(&file)
        .args(["--samples", "300"])
        .assert()
        .success()
        .stdout(predicate::str::contains("simulated with 300 samples"))
        .stdout(predicate::str::contains("Chance of the higher ROI"));
    Command::cargo_bin("inference-roi")
        .unwrap()
        .args([
            "simulate",
            "scenarios/support-assistant.ron",
            "--samples",
            "0",
        ])
        .assert()
        .code(2);
}

fn uncertain() -> inference_roi::model::Scenario {
    io::parse(
        io::examples::find("support-assistant-uncertain")
            .unwrap()
            .text,
    )
    .unwrap()
}

#[test]
fn the_tornado_swings_an_uncertain_input_across_its_range() {
    let s = uncertain();
    let t = inference_roi::econ::whatif::sensitivity(&s, 1, d("20")).unwrap();
    let throughput = t
        .swings
        .iter()
        .find(|w| w.input.path(1) == "designs[1].serving.throughput")
        .unwrap();
    assert!(throughput.from_range);
    assert_eq!((throughput.low, throughput.high), (d("3"), d("5")));
    // A certain input still swings by ±20 %.
    let price = t
        .swings
        .iter()
        .find(|w| w.input.path(1) == "designs[1].serving.price_per_hour")
        .unwrap();
    assert!(!price.from_range);
    assert_eq!((price.low, price.high), (d("0.8048"), d("1.2072")));
}

#[test]
fn ranges_follow_their_design_and_give_way_to_typed_values() {
    use inference_roi::econ::simulate::settle_ranges;
    let before = uncertain();
    let count = before.ranges.len();
    // Delete the first design: the others' ranges move up with them, its own go.
    let mut deleted = before.clone();
    deleted.designs.remove(0);
    settle_ranges(&before, &mut deleted);
    assert!(deleted.ranges.contains_key("designs[0].serving.throughput"));
    assert!(
        deleted
            .ranges
            .contains_key("designs[1].serving.escalation_rate")
    );
    assert!(!deleted.ranges.contains_key("designs[2].success_rate"));
    // The first design had two: its success rate and its energy per output token.
    assert_eq!(deleted.ranges.len(), count - 2);
    // Reorder: the ranges swap places with their designs.
    let mut swapped = before.clone();
    swapped.designs.swap(1, 2);
    settle_ranges(&before, &mut swapped);
    assert!(swapped.ranges.contains_key("designs[2].serving.throughput"));
    assert!(
        swapped
            .ranges
            .contains_key("designs[1].serving.escalation_rate")
    );
    assert_eq!(swapped.ranges.len(), count);
    // A value typed over a range replaces it; the others stay.
    let mut typed = before.clone();
    typed.designs[0].success_rate = d("0.9");
    settle_ranges(&before, &mut typed);
    assert!(!typed.ranges.contains_key("designs[0].success_rate"));
    assert_eq!(typed.ranges.len(), count - 1);
    // An unrelated edit keeps them all.
    let mut renamed = before.clone();
    renamed.title = "Renamed".to_owned();
    settle_ranges(&before, &mut renamed);
    assert_eq!(renamed.ranges, before.ranges);
}

#[test]
fn the_markdown_report_states_the_ranges() {
    let scenario = uncertain();
    let report = Report::new(&scenario, scenario.volume.current);
    let markdown = inference_roi::report::report_markdown(&report, inference_roi::report::today());
    assert!(markdown.contains(
        "Uncertain (90 % intervals; the figures use their medians, shown above to 3 digits): \
            `use_cases[0].value_per_success` Range(0.04, 0.09)"
    ));
    assert!(
        markdown.contains("`serving.throughput` Range(3, 5), `success_rate` Range(0.62, 0.83)")
    );
    // The medians as people read them (the file keeps 0.738384 and 3.87298).
    assert!(markdown.contains("- Success rate: 73.8 %\n"), "{markdown}");
    assert!(
        markdown.contains("3.87 requests/s per instance"),
        "{markdown}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 300,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_128),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Any text — cut short, garbled, with stray ranges — gives a scenario or a message, never
    /// a panic, and the walk never changes a file it cannot follow.
    #[test]
    fn range_walk_never_panics(
        cut in 0usize..6000,
        insert in proptest::prelude::any::<String>(),
        at in 0usize..6000,
        range in "Range\\([-0-9a-z\".,_ ()]{0,12}\\)",
    ) {
        let base = io::examples::find("support-assistant-uncertain").unwrap().text;
        let mut text: String = base.chars().take(cut).collect();
        let at = text.char_indices().map(|(i, _)| i).nth(at).unwrap_or(text.len());
        text.insert_str(at, &insert);
        text.insert_str(at, &range);
        let _ = io::parse(&text);
        if let Ok((out, ranges)) = io::ranges::extract(&text) && ranges.is_empty() {
            proptest::prop_assert_eq!(out, text);
        }
    }
}

/// `simulate --samples-out`: every sample's drawn inputs and ROI; their percentiles are the
/// simulation's own, sample for sample (same seed), and each input stays inside what its
/// distribution allows.
#[test]
fn the_samples_file_is_the_simulation_sample_for_sample() {
    use inference_roi::econ::simulate::{samples::simulate_samples, simulate};
    let s = uncertain();
    let table = simulate_samples(&s, 2_000, 3).unwrap();
    let sim = simulate(&s, &[s.volume.current], 2_000, 3).unwrap();
    assert_eq!(table.rows.len(), 2_000);
    assert_eq!(table.paths.len(), s.ranges.len());
    for (d, outlook) in sim.designs.iter().enumerate() {
        let mut rois: Vec<f64> = table.rows.iter().map(|(_, r)| r[d]).collect();
        rois.sort_by(f64::total_cmp);
        // The simulation's rank: round(q × (n − 1)); n = 2,000 gives 200, 1,000 and 1,799.
        let rank = |k: usize| rois[k];
        let (p10, p50, p90) = (rank(200), rank(1_000), rank(1_799));
        let o = outlook.as_ref().unwrap();
        for (got, want) in [p10, p50, p90].iter().zip(o.now) {
            assert!((got - want).abs() <= 1e-12 * want.abs(), "{got} vs {want}");
        }
    }
    // A success rate drawn from its logit-normal stays a rate.
    let rate = table
        .paths
        .iter()
        .position(|p| p == "designs[0].success_rate")
        .unwrap();
    assert!(
        table
            .rows
            .iter()
            .all(|(i, _)| i[rate] > 0.0 && i[rate] < 1.0)
    );
    // The CLI writes the same table.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("samples.csv");
    assert_cmd::Command::cargo_bin("inference-roi")
        .unwrap()
        .args(["simulate", "scenarios/support-assistant-uncertain.ron"])
        .args(["--samples", "2000", "--seed", "3", "--samples-out"])
        .arg(&out)
        .assert()
        .success();
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv, inference_roi::report::simulate::samples_csv(&table));
}

/// A design whose only uncertain cost inputs are its own fixed, overhead and one-time costs
/// keeps its compiled model and takes each sample's values in place: the figures equal those of
/// compiling the model for every sample (what `--samples-out` does), sample for sample.
#[test]
fn patched_fixed_costs_give_the_figures_of_a_full_compile() {
    use inference_roi::econ::simulate::{samples::simulate_samples, simulate};
    use inference_roi::model::uncertain::Range;
    let mut s = uncertain();
    s.ranges.insert(
        "designs[0].fixed_monthly".to_owned(),
        Range {
            low: "500".parse().unwrap(),
            high: "1200".parse().unwrap(),
        },
    );
    s.designs[0].fixed_monthly = s.ranges["designs[0].fixed_monthly"]
        .point("designs[0].fixed_monthly")
        .unwrap();
    s.ranges.insert(
        "designs[1].overhead_pct".to_owned(),
        Range {
            low: "4".parse().unwrap(),
            high: "15".parse().unwrap(),
        },
    );
    s.designs[1].overhead_pct = s.ranges["designs[1].overhead_pct"]
        .point("designs[1].overhead_pct")
        .unwrap();
    let table = simulate_samples(&s, 2_000, 5).unwrap();
    let sim = simulate(&s, &[s.volume.current], 2_000, 5).unwrap();
    for (d, outlook) in sim.designs.iter().enumerate() {
        let mut rois: Vec<f64> = table.rows.iter().map(|(_, r)| r[d]).collect();
        rois.sort_by(f64::total_cmp);
        let o = outlook.as_ref().unwrap();
        for (got, want) in [rois[200], rois[1_000], rois[1_799]].iter().zip(o.now) {
            assert!(
                (got - want).abs() <= 1e-12 * want.abs(),
                "design {d}: {got} vs {want}"
            );
        }
    }
}

/// The same seed gives the same simulation on one core and on all of them: designs are split
/// across threads, and every sample's random stream comes from the seed and its index.
#[test]
fn the_same_seed_gives_the_same_result_on_one_core_and_on_all() {
    let run = |one_core: bool| {
        let bin = assert_cmd::cargo::cargo_bin("inference-roi");
        let mut command = if one_core {
            let mut c = std::process::Command::new("taskset");
            c.args(["-c", "0"]).arg(&bin);
            c
        } else {
            std::process::Command::new(&bin)
        };
        command
            .args(["simulate", "scenarios/support-assistant-uncertain.ron"])
            .args(["--samples", "3000", "--seed", "11", "--format", "json"])
            .output()
    };
    let Ok(one) = run(true) else {
        eprintln!("skipped: taskset is not available");
        return;
    };
    let all = run(false).unwrap();
    assert!(one.status.success() && all.status.success());
    assert_eq!(one.stdout, all.stdout);
}
