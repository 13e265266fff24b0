//! Portfolios (`docs/method.md#portfolio`): the fixtures in `tests/fixtures/portfolio/` worked
//! by hand, the problems each unreadable feature becomes, names made harmless in every format,
//! and the totals against each feature computed on its own through the engine.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use assert_cmd::Command;
use inference_roi::econ::{Band, Prepared};
use inference_roi::fuzz::outputs::{check_csv, check_markdown, check_text};
use inference_roi::io;
use inference_roi::model::{Month, validate::name_key};
use inference_roi::report::portfolio::{
    PortfolioError, Rollup, open, portfolio_csv, portfolio_json, portfolio_markdown, portfolio_text,
};
use rust_decimal::Decimal;
use serde_json::Value;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/portfolio")
        .join(name)
}

fn rollup(name: &str) -> Rollup {
    open(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn cli() -> Command {
    Command::cargo_bin("inference-roi").unwrap()
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

#[test]
fn the_totals_and_the_portfolio_roi_by_hand() {
    // alpha runs Small: 1,000 requests × $0.10 = $100; value 1,000 × 0.5 × $1 = $500 (5×, Good).
    // beta runs its only design: $200 fixed; value 100 × $1 = $100 (0.5×, Unsustainable).
    // gamma, in euros: €100 and €2,000 at 1.1 → $110 and $2,200 (20×, Excellent).
    // Σ cost = 100 + 200 + 110 = 410; Σ value = 500 + 100 + 2,200 = 2,800; net = 2,390.
    // ROI = 2,800 / 410 = 6.8292…× (Good), where the mean of the ROIs would be
    // (5 + 0.5 + 20) / 3 = 8.5×.
    let r = rollup("main.ron");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.total.monthly_cost, d("410"));
    assert_eq!(r.total.monthly_value, d("2800"));
    assert_eq!(r.total.monthly_net_value, d("2390"));
    let roi = r.total.roi_multiple.unwrap();
    assert_eq!(roi, d("2800") / d("410"));
    assert!(roi > d("6.829") && roi < d("6.83"));
    let mean: Decimal = r
        .features
        .iter()
        .map(|f| f.figures.roi_multiple.unwrap())
        .sum::<Decimal>()
        / Decimal::from(3);
    assert_eq!(mean, d("8.5"));
    assert_ne!(roi, mean);
    assert_eq!(r.total.band, Some(Band::Good));
    // Carbon: alpha's Small draws 10 Wh a request → 10 kWh at 400 g/kWh = 4 kg; the others
    // have no energy figures, so the total is alpha's alone.
    assert_eq!(r.total.kg_co2e_per_month, Some(d("4")));
    let json: Value = serde_json::from_str(&portfolio_json(&r)).unwrap();
    assert_eq!(json["total"]["monthly_cost"], "410");
    assert_eq!(
        json["total"]["roi_multiple"],
        Value::String(inference_roi::report::exact(roi))
    );
    assert_eq!(json["total"]["band"], "Good");
    assert_eq!(json["over_budget_from"], Value::Null);
}

#[test]
fn a_feature_in_another_currency_is_converted_at_its_rate() {
    // gamma: €100 cost and €2,000 value × 1.1 = $110 and $2,200, net $2,090; ROI unchanged, 20×.
    let r = rollup("main.ron");
    let gamma = r.features.iter().find(|f| f.file == "gamma.ron").unwrap();
    assert_eq!(gamma.currency, "EUR");
    assert_eq!(gamma.rate, d("1.1"));
    assert_eq!(gamma.figures.monthly_cost, d("110"));
    assert_eq!(gamma.figures.monthly_value, d("2200"));
    assert_eq!(gamma.figures.monthly_net_value, d("2090"));
    assert_eq!(gamma.figures.roi_multiple, Some(d("20")));
    assert_eq!(gamma.figures.band, Some(Band::Excellent));
}

#[test]
fn a_feature_not_running_its_best_design_says_what_switching_would_gain() {
    // alpha runs Small (net 500 − 100 = $400); Large nets 900 − 300 = $600, the best by net
    // value though its ROI (3×) is below Small's (5×). Gain: 600 − 400 = $200; the others run
    // their best (their only design): 0. Total gain $200.
    let r = rollup("main.ron");
    let alpha = r.features.iter().find(|f| f.file == "alpha.ron").unwrap();
    assert_eq!(alpha.design, "Small");
    assert_eq!(alpha.best_design.as_deref(), Some("Large"));
    assert_eq!(alpha.figures.gain_if_switched, d("200"));
    for f in r.features.iter().filter(|f| f.file != "alpha.ron") {
        assert_eq!(f.figures.gain_if_switched, Decimal::ZERO, "{}", f.file);
    }
    assert_eq!(r.total.gain_if_switched, d("200"));
}

#[test]
fn team_totals_are_ratios_of_their_sums() {
    // Support = alpha + beta: cost 100 + 200 = 300, value 500 + 100 = 600, ROI 2× (Marginal).
    // Search = gamma: $110, $2,200, 20× (Excellent). Teams are listed by name.
    let r = rollup("main.ron");
    let teams: Vec<&str> = r.teams.iter().map(|t| t.team.as_str()).collect();
    assert_eq!(teams, ["Search", "Support"]);
    let support = &r.teams[1].figures;
    assert_eq!(support.monthly_cost, d("300"));
    assert_eq!(support.monthly_value, d("600"));
    assert_eq!(support.monthly_net_value, d("300"));
    assert_eq!(support.roi_multiple, Some(d("2")));
    assert_eq!(support.band, Some(Band::Marginal));
    let search = &r.teams[0].figures;
    assert_eq!(
        (search.monthly_cost, search.monthly_value),
        (d("110"), d("2200"))
    );
    assert_eq!(search.band, Some(Band::Excellent));
}

#[test]
fn features_are_listed_worst_first() {
    // By band, Unsustainable first (beta), then Good (alpha), then Excellent (gamma). In
    // over-time.ron two features share Excellent: epsilon (net $90) comes before delta ($900).
    let r = rollup("main.ron");
    let order: Vec<&str> = r.features.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(order, ["beta.ron", "alpha.ron", "gamma.ron"]);
    let r = rollup("over-time.ron");
    let order: Vec<&str> = r.features.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(order, ["alpha.ron", "epsilon.ron", "delta.ron"]);
}

#[test]
fn a_timeline_adds_its_months_while_the_others_hold_theirs() {
    // Today: alpha (Small) $100 / $500, delta $100 / $1,000, epsilon 100 × $0.10 = $10 / $100.
    // delta's timeline: 1,000, 2,000, 3,000 requests in 2027-01..03 → $100, $200, $300.
    // epsilon's: 500 requests in 2027-04 → $50 / $500. The span is 2027-01..2027-04:
    //   2027-01: 100 + 100 + 10 = 210 (value 500 + 1,000 + 100 = 1,600)
    //   2027-02: 100 + 200 + 10 = 310 (2,600)
    //   2027-03: 100 + 300 + 10 = 410 (3,600)
    //   2027-04: 100 + 100 (delta's current) + 50 = 250 (500 + 1,000 + 500 = 2,000)
    let r = rollup("over-time.ron");
    let months: Vec<(String, Decimal, Decimal)> = r
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.monthly_cost, m.monthly_value))
        .collect();
    assert_eq!(
        months,
        [
            ("2027-01".to_owned(), d("210"), d("1600")),
            ("2027-02".to_owned(), d("310"), d("2600")),
            ("2027-03".to_owned(), d("410"), d("3600")),
            ("2027-04".to_owned(), d("250"), d("2000")),
        ]
    );
}

#[test]
fn the_first_month_over_the_budget() {
    // Budget $400: 210, 310 stay within it; 410 in 2027-03 passes it (250 after it does not
    // matter: the first month is the overrun seen ahead).
    let r = rollup("over-time.ron");
    assert_eq!(r.over_budget_from, Some(month("2027-03")));
    let json: Value = serde_json::from_str(&portfolio_json(&r)).unwrap();
    assert_eq!(json["over_budget_from"], "2027-03");
    assert_eq!(json["months"][2]["monthly_cost"], "410");
    // Without a timeline there are no months, so no month over the budget.
    assert_eq!(rollup("main.ron").months, []);
}

#[test]
fn each_unreadable_feature_is_a_problem_and_the_others_are_still_reported() {
    let r = rollup("problems.ron");
    assert_eq!(r.features.len(), 1);
    assert_eq!(r.features[0].file, "alpha.ron");
    assert_eq!(r.total.monthly_cost, d("100"));
    let problems: Vec<(&str, &str)> = r
        .problems
        .iter()
        .map(|p| (p.file.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(problems.len(), 5, "{problems:?}");
    let expect = [
        ("missing.ron", "cannot read"),
        (
            "broken.ron",
            "the scenario is not valid: use_cases[0].share",
        ),
        (
            "alpha.ron",
            "the design \"Nope\", which the scenario does not have",
        ),
        ("main.ron", "is a portfolio, not a scenario"),
        ("problems.ron", "is the portfolio itself"),
    ];
    for ((file, message), (want_file, want)) in problems.iter().zip(expect) {
        assert_eq!(*file, want_file);
        assert!(message.contains(want), "{file}: {message}");
    }
    // The command prints the others and exits 1, naming every problem on stderr.
    let out = cli()
        .args([
            "portfolio",
            fixture("problems.ron").to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["features"][0]["file"], "alpha.ron");
    assert_eq!(json["problems"].as_array().unwrap().len(), 5);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("5 feature(s) could not be counted"),
        "{stderr}"
    );
}

#[test]
fn a_currency_without_a_rate_is_refused_naming_it() {
    match open(&fixture("no-rate.ron")) {
        Err(PortfolioError::NoRate { currencies, files }) => {
            assert_eq!(currencies, ["EUR"]);
            assert_eq!(files, ["gamma.ron"]);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let out = cli()
        .args(["portfolio", fixture("no-rate.ron").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no rate for EUR"));
}

#[test]
fn a_scenario_given_as_the_portfolio_says_so() {
    let out = cli()
        .args(["portfolio", fixture("alpha.ron").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("this is a scenario, not a portfolio"));
}

#[test]
fn the_portfolio_file_refuses_with_field_paths() {
    let text = r#"Portfolio(format: 1, title: "x", currency: "USD", budget_monthly: Some(-1),
        features: [Feature(file: "")],
        rates: [
            Rate(currency: "EUR", to_portfolio: 0, as_of: "2026-01-01", source: "a"),
            Rate(currency: "EUR", to_portfolio: 1.1, as_of: "2026-01-01", source: "b"),
            Rate(currency: "USD", to_portfolio: 1, as_of: "2026-01-01", source: "c"),
            Rate(currency: "GBP", to_portfolio: 2000000000, as_of: "2026-01-01", source: "d"),
        ])"#;
    let message = io::portfolio::parse_portfolio(text)
        .unwrap_err()
        .to_string();
    for path in [
        "budget_monthly must be at least 0",
        "features[0].file must name a scenario file",
        "rates[0].to_portfolio must be above 0",
        "rates[1].currency \"EUR\" has a rate already",
        "rates[2].currency is the portfolio's own currency",
        "rates[3].to_portfolio must be above 0 and at most 1,000,000,000",
    ] {
        assert!(message.contains(path), "{path} not in {message}");
    }
    // An unknown field is refused with its line and column.
    let unknown = io::portfolio::parse_portfolio("Portfolio(colour: 1)").unwrap_err();
    assert!(unknown.to_string().contains("line 1"), "{unknown}");
}

#[test]
fn a_folder_is_a_portfolio_of_its_scenarios() {
    // Every scenario of a folder, in name order, in the currency of the first (USD); the
    // portfolio files in it are not features.
    let dir = tempfile::tempdir().unwrap();
    for name in ["alpha.ron", "beta.ron", "main.ron"] {
        std::fs::copy(fixture(name), dir.path().join(name)).unwrap();
    }
    let r = open(dir.path()).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.currency, "USD");
    // alpha runs its best (Large, $300 / $900) with no design named; beta $200 / $100.
    assert_eq!(r.total.monthly_cost, d("500"));
    assert_eq!(r.total.monthly_value, d("1000"));
    assert_eq!(r.total.gain_if_switched, Decimal::ZERO);
    assert!(r.teams.is_empty());
    // An empty folder: nothing counted, so no ROI and no band (not cost 0 read as Excellent).
    let empty = tempfile::tempdir().unwrap();
    let r = open(empty.path()).unwrap();
    assert_eq!((r.total.roi_multiple, r.total.band), (None, None));
    let json: Value = serde_json::from_str(&portfolio_json(&r)).unwrap();
    assert_eq!(json["total"]["band"], Value::Null);
    assert!(portfolio_text(&r).contains("ROI —, total value"));
}

/// A rollup whose every name is hostile: a formula, HTML, a link and control characters.
fn hostile() -> Rollup {
    let mut r = rollup("main.ron");
    "=HYPERLINK(\"https://evil.example\",\"x\")\u{1b}[2J".clone_into(&mut r.title);
    let names = [
        "=HYPERLINK(\"https://evil.example\")",
        "<img src=x onerror=alert(1)>",
        "[x](https://evil.example)\r\n# heading",
    ];
    for (f, name) in r.features.iter_mut().zip(names) {
        name.clone_into(&mut f.title);
        f.team = Some(format!("{name}\u{7}\t"));
        f.design = format!("-{name}");
        f.file = format!("@{name}");
    }
    for t in &mut r.teams {
        "+team\u{1b}]0;title\u{7}".clone_into(&mut t.team);
    }
    r.problems
        .push(inference_roi::io::portfolio::FeatureProblem {
            file: "=cmd|' /C calc'!A0".to_owned(),
            message: "<script>alert(1)</script>\n- [x](https://evil.example)".to_owned(),
        });
    r
}

#[test]
fn names_from_files_come_out_harmless_in_every_format() {
    let r = hostile();
    check_csv("portfolio", &portfolio_csv(&r));
    check_markdown("portfolio", &portfolio_markdown(&r), &BTreeSet::new());
    check_text("portfolio", &portfolio_text(&r));
    let markdown = portfolio_markdown(&r);
    assert!(markdown.contains("\\<img"), "{markdown}");
    assert!(markdown.contains("\\[x\\](https://"), "{markdown}");
    // JSON escapes what it holds: it parses back to the same names.
    let json: Value = serde_json::from_str(&portfolio_json(&r)).unwrap();
    assert_eq!(json["title"], r.title.as_str());
}

#[test]
fn the_total_cost_is_the_sum_of_each_feature_computed_on_its_own() {
    // Each feature again through the engine alone: its design's metrics at its current volume,
    // times its rate, summed; and the best design by a brute-force walk of net values.
    for name in ["main.ron", "over-time.ron"] {
        let r = rollup(name);
        let portfolio = io::portfolio::load_portfolio(&fixture(name)).unwrap();
        let mut cost = Decimal::ZERO;
        let mut value = Decimal::ZERO;
        for feature in &portfolio.features {
            let scenario = io::load(&fixture(&feature.file)).unwrap();
            let rate = portfolio.rate_of(&scenario.currency).unwrap();
            let volume = scenario.volume.current;
            let all: Vec<_> = scenario
                .designs
                .iter()
                .map(|d| {
                    Prepared::new(&scenario, d)
                        .unwrap()
                        .metrics(volume)
                        .unwrap()
                })
                .collect();
            let best = (0..all.len())
                .filter(|&i| !all[i].over_capacity)
                .max_by(|&a, &b| {
                    all[a]
                        .monthly_net_value
                        .cmp(&all[b].monthly_net_value)
                        .then(b.cmp(&a))
                })
                .unwrap();
            let named = feature
                .design
                .clone()
                .or_else(|| scenario.timeline.as_ref().and_then(|t| t.running.clone()));
            let run = named.map_or(best, |n| {
                scenario
                    .designs
                    .iter()
                    .position(|d| name_key(&d.name) == name_key(&n))
                    .unwrap()
            });
            cost += all[run].monthly_cost * rate;
            value += all[run].monthly_value * rate;
            let listed = r.features.iter().find(|f| f.file == feature.file).unwrap();
            assert_eq!(
                listed.figures.monthly_cost,
                all[run].monthly_cost * rate,
                "{name}"
            );
            assert_eq!(
                listed.best_design.as_deref(),
                Some(scenario.designs[best].name.as_str())
            );
        }
        assert_eq!(r.total.monthly_cost, cost, "{name}");
        assert_eq!(r.total.monthly_value, value, "{name}");
        let per_feature: Decimal = r.features.iter().map(|f| f.figures.monthly_cost).sum();
        assert_eq!(r.total.monthly_cost, per_feature);
    }
}

/// A pipe among the features is never opened (it would wait for a writer forever): it is a
/// problem and the others are reported.
#[cfg(unix)]
#[test]
fn a_pipe_among_the_features_does_not_hold_the_others_up() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("beta.ron"), dir.path().join("beta.ron")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("slow.ron"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here: nothing to check
    }
    let list = "Portfolio(features: [Feature(file: \"slow.ron\"), Feature(file: \"beta.ron\")])";
    std::fs::write(dir.path().join("p.ron"), list).unwrap();
    let r = open(&dir.path().join("p.ron")).unwrap();
    assert_eq!(r.features.len(), 1);
    assert_eq!(r.problems.len(), 1);
    assert!(
        r.problems[0].message.contains("not a regular file"),
        "{:?}",
        r.problems
    );
}

/// A scenario of `designs` hosted designs (price per request, fixed cost, success rate each).
fn generated(currency: &str, volume: u64, designs: &[(u64, u64, u64)]) -> String {
    let designs: Vec<String> = designs
        .iter()
        .enumerate()
        .map(|(i, (cents, fixed, success))| {
            format!(
                "Design(name: \"D{i}\", serving: HostedApi(input_price_per_mtok: 0, \
                 output_price_per_mtok: 0, price_per_request: {}, input_tokens: 10, \
                 output_tokens: 1), success_rate: 0.{success:02}, fixed_monthly: {fixed})",
                Decimal::new(i64::try_from(*cents).unwrap(), 2)
            )
        })
        .collect();
    format!(
        "Scenario(format: 1, title: \"generated\", currency: \"{currency}\", \
         volume: Volume(current: {volume}, min: 1, max: 1000000000), \
         use_cases: [UseCase(name: \"u\", share: 1, value_per_success: 0.37)], designs: [{}])",
        designs.join(", ")
    )
}

#[test]
fn generated_portfolios_sum_their_features_exactly() {
    // 30 portfolios of up to 12 generated features in USD or EUR (rate 0.93): the total cost and
    // value are the sums of each feature's best design through the engine, times its rate; the
    // ROI is their quotient; the gain is 0 (each runs its best, none being named).
    let mut seed: u64 = 0x5eed;
    let mut next = |below: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % below
    };
    for round in 0..30 {
        let dir = tempfile::tempdir().unwrap();
        let count = 1 + next(12);
        let mut features = Vec::new();
        let (mut cost, mut value) = (Decimal::ZERO, Decimal::ZERO);
        for i in 0..count {
            let currency = if next(3) == 0 { "EUR" } else { "USD" };
            let volume = 1 + next(1_000_000);
            let designs: Vec<(u64, u64, u64)> = (0..=next(3))
                .map(|_| (next(50), next(5_000), 1 + next(99)))
                .collect();
            let text = generated(currency, volume, &designs);
            let file = format!("f{i}.ron");
            std::fs::write(dir.path().join(&file), &text).unwrap();
            features.push(format!("Feature(file: \"{file}\")"));
            let scenario = io::parse(&text).unwrap();
            let metrics: Vec<_> = scenario
                .designs
                .iter()
                .map(|d| {
                    Prepared::new(&scenario, d)
                        .unwrap()
                        .metrics(volume)
                        .unwrap()
                })
                .collect();
            let refs: Vec<_> = metrics.iter().map(Some).collect();
            let best = inference_roi::econ::choice::best_of(&refs).unwrap();
            let rate = if currency == "EUR" {
                d("0.93")
            } else {
                Decimal::ONE
            };
            cost += metrics[best].monthly_cost * rate;
            value += metrics[best].monthly_value * rate;
        }
        let list = format!(
            "Portfolio(currency: \"USD\", features: [{}], rates: [Rate(currency: \"EUR\", \
             to_portfolio: 0.93, as_of: \"2026-12-01\", source: \"test\")])",
            features.join(", ")
        );
        std::fs::write(dir.path().join("p.ron"), list).unwrap();
        let r = open(&dir.path().join("p.ron")).unwrap();
        assert!(r.problems.is_empty(), "round {round}: {:?}", r.problems);
        assert_eq!(r.total.monthly_cost, cost, "round {round}");
        assert_eq!(r.total.monthly_value, value, "round {round}");
        assert_eq!(r.total.gain_if_switched, Decimal::ZERO, "round {round}");
        if !cost.is_zero() {
            assert_eq!(r.total.roi_multiple, Some(value / cost), "round {round}");
        }
        let worst_first = r.features.windows(2).all(|w| {
            (w[0].figures.band, w[0].figures.monthly_net_value)
                <= (w[1].figures.band, w[1].figures.monthly_net_value)
        });
        assert!(worst_first, "round {round}");
    }
}

/// A portfolio opened where a scenario is expected (the planner's Open, `report`) says what it is
/// and what reads it, rather than a syntax error at its first field.
#[test]
fn a_portfolio_opened_as_a_scenario_says_what_it_is() {
    let error = io::load(&fixture("main.ron")).unwrap_err();
    assert!(matches!(error, io::LoadError::IsPortfolio), "{error}");
    assert!(
        error.to_string().contains("inference-roi portfolio FILE"),
        "{error}"
    );
    let out = cli()
        .arg("report")
        .arg(fixture("main.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("this is a portfolio file"));
}

/// A portfolio written by the planner reads back as the same portfolio, and its text reads as a
/// person would write it (one feature per line is not promised, but struct names and fields are).
#[test]
fn a_saved_portfolio_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = io::portfolio::load_portfolio(&fixture("main.ron")).unwrap();
    let path = dir.path().join("saved.ron");
    io::portfolio::save_portfolio(&portfolio, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("Portfolio("), "{text}");
    assert!(text.contains("Feature("), "{text}");
    assert!(
        text.contains("to_portfolio: 1.1,"),
        "exact decimals: {text}"
    );
    assert!(text.contains("as_of: \"2026-11-30\""), "{text}");
    assert_eq!(io::portfolio::load_portfolio(&path).unwrap(), portfolio);
    // Saving what was read gives the same text again.
    let again = dir.path().join("again.ron");
    io::portfolio::save_portfolio(&io::portfolio::load_portfolio(&path).unwrap(), &again).unwrap();
    assert_eq!(std::fs::read_to_string(&again).unwrap(), text);
}
