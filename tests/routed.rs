//! Routed designs (`docs/method.md#routed-designs`): figures by hand with a shared self-hosted fleet,
//! `NotServed`, the identities, validation that names the route, routes that follow edits, and the
//! suggested routing against brute force.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation
)]

mod common;

use std::collections::BTreeMap;

use common::{d, design, scenario_with};
use inference_roi::econ::suggest::{EXHAUSTIVE_LIMIT, suggest};
use inference_roi::econ::use_cases::by_use_case;
use inference_roi::econ::validate;
use inference_roi::econ::{Band, Prepared, analyse};
use inference_roi::io;
use inference_roi::model::edit::{rename_use_case, settle_routes};
use inference_roi::model::{Route, Scenario, Serving, Severity};
use proptest::prelude::*;
use rust_decimal::Decimal;

const API: &str = "HostedApi(input_price_per_mtok: 0, output_price_per_mtok: 0, price_per_request: 0.01, \
                   input_tokens: 0, output_tokens: 0)";
/// 1 request/s at full utilisation: 3,600 × 730 = 2,628,000 requests per instance-month at
/// $1 × 730 = $730.
const GPU: &str = "SelfHosted(hardware: Gpu, price_per_hour: 1, throughput: RequestsPerSecond(1), \
                   target_utilization: 1, min_instances: 1)";

/// Three use cases (S = 0.5 × 1 + 0.3 × 2 + 0.2 × 0.5 = 1.2), an API design, a GPU design and
/// a routed design sending how-to and status to the GPU and triage to the API.
fn routed(status: &str) -> Scenario {
    let designs = [
        design(
            "api",
            API,
            "success_rate: 0.8, success_by_use_case: {\"triage\": 0.9}, overhead_pct: 10, fixed_monthly: 100",
        ),
        design("gpu", GPU, "success_rate: 0.7"),
        design(
            "routed",
            &format!(
                "Routed(routes: {{\"how-to\": Design(\"gpu\"), \"triage\": Design(\"api\"), \"status\": {status}}})"
            ),
            "overhead_pct: 20, fixed_monthly: 50",
        ),
    ]
    .join(", ");
    scenario_with(
        "730",
        (4_000_000, 1_000, 100_000_000),
        "UseCase(name: \"how-to\", share: 0.5, value_per_success: 0.04),
         UseCase(name: \"triage\", share: 0.3, value_per_success: 0.10, size: 2),
         UseCase(name: \"status\", share: 0.2, value_per_success: 0.01, size: 0.5)",
        &designs,
    )
}

#[test]
fn a_shared_fleet_by_hand() {
    let s = routed("Design(\"gpu\")");
    assert!(
        validate(&s).iter().all(|p| p.severity != Severity::Error),
        "{:?}",
        validate(&s)
    );
    let m = Prepared::new(&s, &s.designs[2])
        .unwrap()
        .metrics(4_000_000)
        .unwrap();
    // GPU: how-to and status share it, load 0.5 × 1 + 0.2 × 0.5 = 0.6 of 1.2, so it serves
    // 4,000,000 × 0.6 / 1.2 = 2,000,000 average requests: ONE instance (2,628,000 each) —
    // alone, how-to (1,666,667) and status (333,333) would each have needed their own.
    // $730 × (1 + 0 % own + 20 % router overhead) = $876.
    // API: triage, load 0.6, 2,000,000 requests × $0.01 = $20,000 × (1 + 10 % + 20 %) = $26,000,
    // plus its fixed $100 = $26,100. Router: $50. Monthly cost 876 + 26,100 + 50 = $27,026.
    assert_eq!(m.stage_instances, vec![1]);
    assert_eq!(m.monthly_cost, d("27026"));
    // Value: 0.5 × 0.04 × 0.7 + 0.3 × 0.10 × 0.9 + 0.2 × 0.01 × 0.7 = 0.014 + 0.027 + 0.0014
    // = 0.0424 per request; × 4,000,000 = $169,600. Every request served.
    assert_eq!(m.monthly_value, d("169600"));
    assert_eq!(m.served_requests, d("4000000"));
    assert_eq!(m.value_per_inference, d("0.0424"));
    assert_eq!(m.roi_multiple.unwrap(), d("169600") / d("27026"));
    assert_eq!(m.band, Band::Good);

    // Per use case: the GPU's $876 over its load 0.6 is $1,460 per unit of load, the API's
    // $26,100 is $43,500, and the router's $50 over the whole served load 1.2 is $41.666….
    let cases = by_use_case(&s, &s.designs[2], &m).unwrap();
    assert_eq!(cases.len(), 3);
    // how-to (size 1): (1,460 + 41.666…) / 4,000,000 = $0.000375416…; × 2,000,000 = $750.83.
    assert_eq!(cases[0].served_by, Some(1));
    assert_eq!(cases[0].monthly_cost.round_dp(2), d("750.83"));
    // triage (size 2): (43,500 + 41.666…) × 2 / 4,000,000; × 1,200,000 requests = $26,125.
    assert_eq!(cases[1].served_by, Some(0));
    assert_eq!(cases[1].monthly_cost.round_dp(8), d("26125"));
    assert_eq!(cases[1].value_per_inference, d("0.09"));
    // status (size 0.5): (1,460 + 41.666…) × 0.5 / 4,000,000; × 800,000 = $150.17.
    assert_eq!(cases[2].monthly_cost.round_dp(2), d("150.17"));
    let total: Decimal = cases.iter().map(|c| c.monthly_cost).sum();
    assert_eq!(total.round_dp(20), d("27026"));
}

#[test]
fn not_served_requests_are_not_inferences() {
    let s = routed("NotServed");
    let m = Prepared::new(&s, &s.designs[2])
        .unwrap()
        .metrics(4_000_000)
        .unwrap();
    // Status goes to no AI: served share 0.8, 3,200,000 inferences. The GPU serves how-to's
    // load 0.5 of 1.2: 1,666,666.67 requests, one instance, $876; API $26,100; router $50.
    assert_eq!(m.served_requests, d("3200000"));
    assert_eq!(m.monthly_cost, d("27026"));
    // Value (0.014 + 0.027) × 4,000,000 = $164,000; per inference ÷ 3,200,000 = $0.05125.
    assert_eq!(m.monthly_value, d("164000"));
    assert_eq!(m.value_per_inference, d("0.05125"));
    assert_eq!(m.cost_per_inference, d("27026") / d("3200000"));
    assert_eq!(m.roi_multiple.unwrap(), d("164000") / d("27026"));
    let cases = by_use_case(&s, &s.designs[2], &m).unwrap();
    assert_eq!(
        cases.iter().map(|c| c.use_case).collect::<Vec<_>>(),
        vec![0, 1],
        "the status use case is not listed"
    );
}

#[test]
fn a_routed_design_goes_everywhere_a_design_goes() {
    let s = routed("Design(\"gpu\")");
    let analysis = analyse(&s, 4_000_000);
    let figures = analysis.designs[2].as_ref().unwrap();
    // The thresholds come from the same exact search as any design's.
    assert!(figures.break_even.first.is_some());
    // The chart's curve agrees with the exact figures.
    let sweep = inference_roi::econ::sweep(&s, 40);
    for (i, &volume) in sweep.volumes.iter().enumerate() {
        let exact = Prepared::new(&s, &s.designs[2])
            .unwrap()
            .metrics(volume)
            .unwrap();
        let curve = sweep.series[2].as_ref().unwrap().roi[i];
        let expected: f64 = exact.roi_multiple.unwrap().try_into().unwrap();
        assert!(
            ((curve - expected) / expected).abs() < 1e-9,
            "{volume}: {curve} vs {expected}"
        );
    }
    // Sensitivity reaches into the designs it uses.
    let inputs = inference_roi::econ::whatif::inputs(&s, 2);
    let keys: Vec<String> = inputs
        .iter()
        .map(inference_roi::econ::whatif::Input::key)
        .collect();
    assert!(
        keys.contains(&"designs[1].serving.price_per_hour".to_owned()),
        "{keys:?}"
    );
    assert!(
        keys.contains(&"designs[0].success_by_use_case[\"triage\"]".to_owned()),
        "{keys:?}"
    );
    assert!(keys.contains(&"overhead_pct".to_owned()), "{keys:?}");
}

#[test]
fn a_routed_file_saves_unchanged() {
    let s = routed("NotServed");
    let text = io::to_ron(&s).unwrap();
    assert!(text.contains("\"status\": NotServed"), "{text}");
    let again = io::parse(&text).unwrap();
    assert_eq!(again, s);
    assert_eq!(io::to_ron(&again).unwrap(), text);
}

/// The error problems of a scenario, as "path message".
fn errors(s: &Scenario) -> Vec<String> {
    validate(s)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect()
}

fn set_routes(s: &mut Scenario, routes: &[(&str, Route)]) {
    let Serving::Routed { routes: r } = &mut s.designs[2].serving else {
        unreachable!()
    };
    *r = routes
        .iter()
        .map(|(c, route)| ((*c).to_owned(), route.clone()))
        .collect::<BTreeMap<_, _>>();
}

/// `docs/method.md#routed-designs`: a routed design has no grid or PUE of its own (its designs' count); writing one
/// is refused with the reason, not silently ignored.
#[test]
fn a_routed_design_with_its_own_grid_or_pue_is_refused() {
    let mut s = routed("NotServed");
    assert!(errors(&s).is_empty(), "{:?}", errors(&s));
    s.designs[2].grid_g_per_kwh = Some(d("400"));
    s.designs[2].pue = Some(d("1.2"));
    let e = errors(&s);
    for field in ["grid_g_per_kwh", "pue"] {
        assert!(
            e.iter().any(|m| m.starts_with(&format!(
                "designs[2].{field} a routed design has no grid or PUE of its own"
            ))),
            "{e:?}"
        );
    }
    // The designs it routes to keep theirs.
    s.designs[2].grid_g_per_kwh = None;
    s.designs[2].pue = None;
    s.designs[1].grid_g_per_kwh = Some(d("400"));
    assert!(errors(&s).is_empty(), "{:?}", errors(&s));
}

#[test]
fn invalid_routes_are_refused_where_they_are() {
    let design = |name: &str| Route::Design(name.to_owned());
    let mut s = routed("NotServed");
    set_routes(
        &mut s,
        &[("how-to", design("gone")), ("triage", design("api"))],
    );
    let e = errors(&s);
    assert!(
        e.iter().any(|m| m.starts_with(
            "designs[2].serving.routes[\"how-to\"] sends it to design \"gone\", which the \
            scenario does not have"
        )),
        "{e:?}"
    );
    assert!(
        e.iter().any(|m| m == "designs[2].serving.routes does not route \"status\": give each use case a design or \
            NotServed"),
        "{e:?}"
    );

    set_routes(
        &mut s,
        &[
            ("how-to", design("routed")),
            ("triage", Route::NotServed),
            ("status", Route::NotServed),
            ("typo", design("api")),
        ],
    );
    let e = errors(&s);
    assert!(
        e.iter()
            .any(|m| m
                .contains("routes[\"how-to\"] sends it to \"routed\", the routed design itself")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|m| m
            == "designs[2].serving.routes[\"typo\"] names a use case that the scenario does not \
        have"),
        "{e:?}"
    );

    set_routes(
        &mut s,
        &[
            ("how-to", Route::NotServed),
            ("triage", Route::NotServed),
            ("status", Route::NotServed),
        ],
    );
    let e = errors(&s);
    assert!(
        e.iter().any(|m| m
            == "designs[2].serving.routes sends every use case to NotServed: route at least one to \
        a design"),
        "{e:?}"
    );
    assert!(Prepared::new(&s, &s.designs[2]).is_err());

    // A routed design may not be routed to, nor sit inside a cascade.
    let mut nested = routed("NotServed");
    let mut second = nested.designs[2].clone();
    second.name = "second".to_owned();
    let Serving::Routed { routes } = &mut second.serving else {
        unreachable!()
    };
    routes.insert("how-to".to_owned(), design("routed"));
    nested.designs.push(second);
    let e = errors(&nested);
    assert!(
        e.iter().any(|m| m.contains(
            "designs[3].serving.routes[\"how-to\"] sends it to \"routed\", which is itself routed"
        )),
        "{e:?}"
    );
    let mut cascade = routed("NotServed");
    let api = cascade.designs[0].serving.clone();
    cascade.designs[0].serving = Serving::Cascade {
        primary: Box::new(Serving::Routed {
            routes: BTreeMap::new(),
        }),
        fallback: Box::new(api),
        escalation_rate: d("0.1"),
    };
    let e = errors(&cascade);
    assert!(
        e.iter()
            .any(|m| m.starts_with("designs[0].serving.primary is Routed")),
        "{e:?}"
    );
    assert!(Prepared::new(&cascade, &cascade.designs[0]).is_err());
}

#[test]
fn routes_follow_renames_and_flag_deletions() {
    let before = routed("Design(\"gpu\")");
    let route_of = |s: &Scenario, case: &str| s.designs[2].serving.routes().unwrap()[case].clone();

    // A design renamed in place: every route naming it follows.
    let mut renamed = before.clone();
    renamed.designs[1].name = "gpu fleet".to_owned();
    settle_routes(&before, &mut renamed);
    assert_eq!(
        route_of(&renamed, "how-to"),
        Route::Design("gpu fleet".to_owned())
    );
    assert_eq!(
        route_of(&renamed, "status"),
        Route::Design("gpu fleet".to_owned())
    );
    assert!(errors(&renamed).is_empty(), "{:?}", errors(&renamed));

    // Reordered: names still match, nothing changes.
    let mut reordered = before.clone();
    reordered.designs.swap(0, 1);
    settle_routes(&before, &mut reordered);
    assert_eq!(
        route_of(&reordered, "triage"),
        Route::Design("api".to_owned())
    );

    // Deleted: the route keeps the name, and validation flags it there.
    let mut deleted = before.clone();
    deleted.designs.remove(0);
    settle_routes(&before, &mut deleted);
    let Serving::Routed { routes } = &deleted.designs[1].serving else {
        unreachable!()
    };
    assert_eq!(routes["triage"], Route::Design("api".to_owned()));
    assert!(errors(&deleted).iter().any(|m| {
        m.starts_with("designs[1].serving.routes[\"triage\"] sends it to design \"api\"")
    }));

    // A use case renamed (the editor's way, and in place), added and deleted.
    let mut case_renamed = before.clone();
    rename_use_case(&mut case_renamed, 0, "how-to", "how to".to_owned());
    settle_routes(&before, &mut case_renamed);
    assert_eq!(
        route_of(&case_renamed, "how to"),
        Route::Design("gpu".to_owned())
    );
    let mut in_place = before.clone();
    in_place.use_cases[0].name = "how to".to_owned();
    settle_routes(&before, &mut in_place);
    assert_eq!(
        route_of(&in_place, "how to"),
        Route::Design("gpu".to_owned())
    );
    let mut added = before.clone();
    let mut extra = added.use_cases[2].clone();
    extra.name = "new".to_owned();
    added.use_cases.push(extra);
    settle_routes(&before, &mut added);
    assert_eq!(route_of(&added, "new"), Route::NotServed);
    let mut removed = before.clone();
    removed.use_cases.remove(2);
    settle_routes(&before, &mut removed);
    assert!(
        !removed.designs[2]
            .serving
            .routes()
            .unwrap()
            .contains_key("status")
    );
}

/// Every routing of `s` at `volume` built as a design and computed by the engine: the highest
/// monthly net value (ties to the higher ROI).
fn brute_force(s: &Scenario, volume: u64) -> Decimal {
    let targets: Vec<Route> = s
        .designs
        .iter()
        .filter(|d| d.serving.routes().is_none())
        .map(|d| Route::Design(d.name.clone()))
        .chain([Route::NotServed])
        .collect();
    let n = s.use_cases.len() as u32;
    let mut best: Option<Decimal> = None;
    for code in 0..(targets.len() as u64).pow(n) {
        let mut rest = code;
        let routes: BTreeMap<String, Route> = s
            .use_cases
            .iter()
            .map(|c| {
                let route = targets[(rest % targets.len() as u64) as usize].clone();
                rest /= targets.len() as u64;
                (c.name.clone(), route)
            })
            .collect();
        let mut design = s.designs[2].clone();
        design.serving = Serving::Routed { routes };
        design.overhead_pct = Decimal::ZERO;
        design.fixed_monthly = Decimal::ZERO;
        let Ok(prepared) = Prepared::new(s, &design) else {
            continue;
        };
        let Ok(m) = prepared.metrics(volume) else {
            continue;
        };
        if m.over_capacity {
            continue;
        }
        if best.is_none_or(|b| m.monthly_net_value > b) {
            best = Some(m.monthly_net_value);
        }
    }
    best.unwrap()
}

#[test]
fn the_suggestion_matches_brute_force() {
    for status in ["NotServed", "Design(\"gpu\")"] {
        let mut s = routed(status);
        // Make one use case worth less than it costs on the API, so no AI can win it.
        s.use_cases[2].value_per_success = d("0.001");
        for volume in [1_000, 50_000, 2_000_000, 4_000_000, 9_000_000, 60_000_000] {
            let suggestion = suggest(&s, volume).unwrap();
            assert!(suggestion.exhaustive);
            assert_eq!(suggestion.assignments, 27);
            assert_eq!(
                suggestion.metrics.monthly_net_value,
                brute_force(&s, volume),
                "at {volume}"
            );
        }
    }
}

#[test]
fn many_use_cases_use_the_heuristic_and_say_so() {
    let mut s = routed("NotServed");
    s.designs.truncate(2);
    let cases: Vec<String> = (0..8)
        .map(|i| {
            format!(
                "UseCase(name: \"u{i}\", share: 0.125, value_per_success: 0.0{}, size: {})",
                i + 1,
                1 + i % 3
            )
        })
        .collect();
    let text = io::to_ron(&s)
        .unwrap()
        .replace("use_cases: [", &format!("use_cases: [{},", cases.join(",")));
    let mut s = io::parse(&text).unwrap();
    s.use_cases.drain(8..);
    for i in 0..4 {
        let mut extra = s.designs[1].clone();
        extra.name = format!("gpu {i}");
        extra.success_rate = d("0.6") + Decimal::new(i, 1) / d("4");
        s.designs.push(extra);
    }
    assert_eq!(s.designs.len(), 6);
    let suggestion = suggest(&s, 4_000_000).unwrap();
    assert!(!suggestion.exhaustive, "7^8 > {EXHAUSTIVE_LIMIT}");
    // The heuristic never does worse than the best single design.
    let (_, single) = suggestion.best_single.clone().unwrap();
    assert!(suggestion.metrics.monthly_net_value >= single.monthly_net_value);
    assert!(suggestion.design.notes.contains("heuristic"));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        rng_seed: proptest::test_runner::RngSeed::Fixed(11),
        ..ProptestConfig::default()
    })]

    /// Σ over served use cases of monthly cost is the routed design's monthly cost, and Σ of
    /// share ÷ served share × value per inference its value per inference.
    #[test]
    fn routed_identities(routes in proptest::collection::vec(0..3_usize, 3), volume in 1_000_u64..100_000_000) {
        let mut s = routed("NotServed");
        let names = ["how-to", "triage", "status"];
        let options = [Route::Design("api".to_owned()), Route::Design("gpu".to_owned()), Route::NotServed];
        let chosen: Vec<(&str, Route)> = names.iter().zip(&routes).map(|(n, r)| (*n, options[*r].clone())).collect();
        set_routes(&mut s, &chosen);
        prop_assume!(routes.iter().any(|r| *r < 2));
        let m = Prepared::new(&s, &s.designs[2]).unwrap().metrics(volume).unwrap();
        let cases = by_use_case(&s, &s.designs[2], &m).unwrap();
        let cost: Decimal = cases.iter().map(|c| c.monthly_cost).sum();
        let value: Decimal = cases.iter().map(|c| c.monthly_value).sum();
        let tolerance = m.monthly_cost * Decimal::new(1, 18);
        prop_assert!((cost - m.monthly_cost).abs() <= tolerance, "{cost} vs {}", m.monthly_cost);
        prop_assert_eq!(value, m.monthly_value);
    }
}

#[test]
fn size_is_an_input_of_routed_designs_and_may_be_a_range() {
    use inference_roi::econ::whatif::{Input, Seek, goal_seek, inputs, with_value};
    let s = routed("Design(\"gpu\")");
    // Size moves a routed design's cost (load between its designs), not a single design's.
    assert!(inputs(&s, 2).contains(&Input::Size(1)));
    assert!(!inputs(&s, 0).contains(&Input::Size(1)));
    let bigger = with_value(&s, 2, &Input::Size(1), d("4")).unwrap();
    let roi = |s: &Scenario, d: usize| {
        Prepared::new(s, &s.designs[d])
            .unwrap()
            .metrics(4_000_000)
            .unwrap()
            .roi_multiple
            .unwrap()
    };
    assert!(
        roi(&bigger, 2) < roi(&s, 2),
        "triage on the API grows heavier"
    );
    assert_eq!(roi(&bigger, 0), roi(&s, 0));
    // Goal seek reaches into a design the routed one uses: the API's price per request that
    // makes the routed design Excellent.
    let input = Input::Of(
        0,
        Box::new(Input::Serving(
            Vec::new(),
            inference_roi::econ::whatif::ServingField::PricePerRequest,
        )),
    );
    let seek = goal_seek(&s, 2, &input, d("10")).unwrap();
    let Seek::Reached { value, .. } = seek else {
        panic!("{seek:?}")
    };
    let there = with_value(&s, 2, &input, value).unwrap();
    assert!(roi(&there, 2) >= d("10"));
    // A size written as a range is simulated; only the routed design's ROI spreads.
    let text = io::to_ron(&s)
        .unwrap()
        .replace("size: 2,", "size: Range(1, 4),");
    let ranged = io::parse(&text).unwrap();
    assert!(ranged.ranges.contains_key("use_cases[1].size"), "{text}");
    let volumes = [4_000_000];
    let sim = inference_roi::econ::simulate::simulate(&ranged, &volumes, 400, 3).unwrap();
    let spread = |d: usize| {
        let o = sim.designs[d].as_ref().unwrap();
        o.now[2] - o.now[0]
    };
    assert!(spread(0).abs() < 1e-12, "the API alone does not move");
    assert!(spread(2) > 0.01, "the routed design does: {}", spread(2));
}
