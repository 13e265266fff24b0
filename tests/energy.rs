//! Energy and carbon per inference (`docs/method.md#energy-and-carbon-per-inference`), by hand:
//! a self-hosted GPU at the utilisation it runs at and with idle instances, a hosted model with
//! and without PUE in its figures, a cascade and a routed design adding their stages, "—" when
//! data is missing, refusals, and the file unchanged without energy data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{d, design, one_use_case, scenario_with};
use inference_roi::econ::Prepared;
use inference_roi::econ::energy::{Energy, energy};
use inference_roi::econ::validate;
use inference_roi::io;
use inference_roi::model::{Scenario, Severity};

/// An H100-like instance: 10 requests/s at full load (26,280,000 a month over 730 hours),
/// planned at 50 % (13,140,000 a month per instance), one device of 700 W (77 W idle) and a
/// 150 W host; hosted: 1,000 input and 200 output tokens at 0.1 and 2 Wh per 1k, 0.05 Wh a
/// request. Grid 400 g/kWh, PUE 1.2, carbon at $100 a tonne.
const GPU: &str = "SelfHosted(hardware: Gpu, price_per_hour: 2, throughput: RequestsPerSecond(10), \
                   target_utilization: 0.5, min_instances: MIN, \
                   power: Some(Power(devices: 1, watts_max: 700, watts_idle: 77, host_watts: 150)))";
const API: &str = "HostedApi(input_price_per_mtok: 1, output_price_per_mtok: 2, price_per_request: 0, \
                   input_tokens: 1000, output_tokens: 200, \
                   energy: Some(TokenEnergy(wh_per_1k_input_tokens: 0.1, wh_per_1k_output_tokens: 2, \
                   wh_per_request: 0.05, includes_pue: PUE)))";

fn scenario(designs: &str, volume: u64) -> Scenario {
    let mut s = scenario_with(
        "730",
        (volume, 1_000, 100_000_000),
        &one_use_case("0.05"),
        designs,
    );
    let text = io::to_ron(&s).unwrap().replacen(
        "\n)\n",
        "\n    carbon: Some(Carbon(grid_g_per_kwh: 400, pue: 1.2, price_per_tonne: 100)),\n)\n",
        1,
    );
    s = io::parse(&text).unwrap();
    s
}

fn figures(s: &Scenario, i: usize, volume: u64) -> Option<Energy> {
    let m = Prepared::new(s, &s.designs[i])
        .unwrap()
        .metrics(volume)
        .unwrap();
    energy(s, &s.designs[i], &m).unwrap()
}

#[test]
fn a_gpu_at_the_load_it_runs_at() {
    let s = scenario(&design("gpu", &GPU.replace("MIN", "1"), ""), 5_000_000);
    let e = figures(&s, 0, 5_000_000).unwrap();
    // One instance serves 5,000,000 of its 26,280,000 full-load requests: utilisation
    // 0.190258…; power 77 + (700 − 77) × 0.190258… + 150 = 345.531… W; × 730 h × PUE 1.2 / 1000
    // = 302.685333… kWh a month.
    assert_eq!(e.kwh_per_month.round_dp(6), d("302.685333"));
    // Per inference: 302.685333 kWh × 1000 / 5,000,000 = 0.0605371 Wh; × 400 g/kWh / 1000 =
    // 0.0242148 g. A month: 302.685333 × 0.4 = 121.074133 kg, × $100 / 1000 = $12.11.
    assert_eq!(e.wh_per_inference.round_dp(7), d("0.0605371"));
    assert_eq!(e.g_co2e_per_inference.unwrap().round_dp(7), d("0.0242148"));
    assert_eq!(e.kg_co2e_per_month.unwrap().round_dp(6), d("121.074133"));
    assert_eq!(e.carbon_cost_per_month.unwrap().round_dp(2), d("12.11"));
    // ROI with carbon: value 5,000,000 × $0.05 = $250,000 over cost $1,460 + $12.107…
    let roi = e.roi_with_carbon.unwrap();
    assert_eq!(
        roi,
        d("250000") / (d("1460") + e.carbon_cost_per_month.unwrap())
    );
    assert_eq!(e.value_per_kwh.unwrap(), d("250000") / e.kwh_per_month);

    // Three instances always on: each runs at a third of that load and still draws its idle
    // power: 3 × 730 × (227 + 623 × 0.063419…) × 1.2 / 1000 = 700.389333… kWh.
    let idle = scenario(&design("gpu", &GPU.replace("MIN", "3"), ""), 5_000_000);
    assert_eq!(
        figures(&idle, 0, 5_000_000)
            .unwrap()
            .kwh_per_month
            .round_dp(6),
        d("700.389333")
    );
}

#[test]
fn a_hosted_model_with_and_without_pue_in_its_figures() {
    // Per request: 1,000 × 0.1 / 1000 + 200 × 2 / 1000 + 0.05 = 0.1 + 0.4 + 0.05 = 0.55 Wh;
    // 1,000,000 requests: 550 kWh (the published figure includes the data centre) …
    let s = scenario(&design("api", &API.replace("PUE", "true"), ""), 1_000_000);
    assert_eq!(figures(&s, 0, 1_000_000).unwrap().kwh_per_month, d("550"));
    // … or 550 × 1.2 = 660 kWh when it is IT energy only.
    let s = scenario(&design("api", &API.replace("PUE", "false"), ""), 1_000_000);
    let e = figures(&s, 0, 1_000_000).unwrap();
    assert_eq!(e.kwh_per_month, d("660"));
    assert_eq!(e.wh_per_inference, d("0.66"));
}

#[test]
fn a_cascade_and_a_routed_design_add_their_stages() {
    // Cascade: the GPU serves all 5,000,000 (302.685333 kWh), the API the 10 % escalated:
    // 500,000 × 0.55 Wh = 275 kWh.
    let cascade = format!(
        "Cascade(primary: {}, fallback: {}, escalation_rate: 0.1)",
        GPU.replace("MIN", "1"),
        API.replace("PUE", "true")
    );
    let s = scenario(&design("cascade", &cascade, ""), 5_000_000);
    assert_eq!(
        figures(&s, 0, 5_000_000).unwrap().kwh_per_month.round_dp(6),
        d("577.685333")
    );
    // Routed: half the load to each (two use cases of equal share and size): the API serves
    // 2,500,000 × 0.55 Wh = 1,375 kWh, the GPU 2,500,000 on one instance:
    // 730 × (227 + 623 × 2.5/26.28) × 1.2 / 1000 = 250.768667 kWh.
    let designs = [
        design("gpu", &GPU.replace("MIN", "1"), ""),
        design("api", &API.replace("PUE", "true"), ""),
        design(
            "routed",
            "Routed(routes: {\"a\": Design(\"gpu\"), \"b\": Design(\"api\")})",
            "",
        ),
    ]
    .join(", ");
    let mut s = scenario_with(
        "730",
        (5_000_000, 1_000, 100_000_000),
        "UseCase(name: \"a\", share: 0.5, value_per_success: 0.05), \
         UseCase(name: \"b\", share: 0.5, value_per_success: 0.05)",
        &designs,
    );
    s.carbon = scenario("", 1).carbon;
    let e = figures(&s, 2, 5_000_000).unwrap();
    assert_eq!(e.kwh_per_month.round_dp(6), d("1625.768667"));
}

#[test]
fn missing_data_is_a_dash_not_zero() {
    let no_energy = "HostedApi(input_price_per_mtok: 1, output_price_per_mtok: 2, input_tokens: 1000, output_tokens: \
        200)";
    let s = scenario(&design("api", no_energy, ""), 1_000_000);
    assert!(figures(&s, 0, 1_000_000).is_none());
    // In a cascade, one stage without data leaves the whole design without figures.
    let cascade = format!(
        "Cascade(primary: {}, fallback: {no_energy}, escalation_rate: 0.1)",
        GPU.replace("MIN", "1")
    );
    let s = scenario(&design("cascade", &cascade, ""), 5_000_000);
    assert!(figures(&s, 0, 5_000_000).is_none());
    // JSON says null.
    let report = inference_roi::report::Report::new(&s, 5_000_000);
    let json: serde_json::Value =
        serde_json::from_str(&inference_roi::report::report_json(&report)).unwrap();
    assert!(json["designs"][0]["wh_per_inference"].is_null());
    // Without a grid intensity, energy but no carbon.
    let mut no_grid = scenario(&design("api", &API.replace("PUE", "true"), ""), 1_000_000);
    no_grid.carbon = None;
    let e = figures(&no_grid, 0, 1_000_000).unwrap();
    assert_eq!(e.kwh_per_month, d("550"));
    assert!(e.g_co2e_per_inference.is_none() && e.roi_with_carbon.is_none());
}

#[test]
fn refusals_and_unchanged_files() {
    let bad = GPU
        .replace("MIN", "1")
        .replace(
            "watts_max: 700, watts_idle: 77",
            "watts_max: 70, watts_idle: 77",
        )
        .replace("host_watts: 150", "host_watts: -5");
    let mut s = scenario(&design("gpu", &bad, ""), 5_000_000);
    if let Some(c) = s.carbon.as_mut() {
        c.pue = d("0.9");
    }
    let errors: Vec<String> = validate(&s)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    for expected in [
        "designs[0].serving.power.watts_idle must be at most watts_max (70), got 77",
        "designs[0].serving.power.host_watts must be in [0, 100,000], got -5",
        "carbon.pue must be in [1, 5], got 0.9",
    ] {
        assert!(
            errors.iter().any(|e| e == expected),
            "{expected} in {errors:?}"
        );
    }
    // With energy data, the file reads back the same; without, nothing is written.
    let s = scenario(&design("gpu", &GPU.replace("MIN", "1"), ""), 5_000_000);
    let text = io::to_ron(&s).unwrap();
    assert!(text.contains("watts_idle: 77"), "{text}");
    assert_eq!(io::parse(&text).unwrap(), s);
    // A file written before energy data (support-assistant.ron as it was): it loads, saves byte
    // for byte, and computes the same cost, value and ROI as today's file with energy data.
    let plain = include_str!("fixtures/support-assistant-before-energy.ron");
    let before = io::parse(plain).unwrap();
    assert!(before.carbon.is_none());
    assert_eq!(io::to_ron(&before).unwrap(), plain);
    let now = io::parse(io::examples::find("support-assistant").unwrap().text).unwrap();
    assert!(now.carbon.is_some());
    let volume = before.volume.current;
    let (then_figures, now_figures) = (
        inference_roi::econ::analyse(&before, volume),
        inference_roi::econ::analyse(&now, volume),
    );
    for (i, (then, today)) in then_figures
        .designs
        .iter()
        .zip(&now_figures.designs)
        .enumerate()
    {
        let then = &then.as_ref().unwrap().metrics;
        let today = &today.as_ref().unwrap().metrics;
        assert_eq!(then.monthly_cost, today.monthly_cost, "design {i}");
        assert_eq!(then.monthly_value, today.monthly_value, "design {i}");
        assert_eq!(then.roi_multiple, today.roi_multiple, "design {i}");
        assert!(
            figures(&before, i, volume).is_none(),
            "design {i}: no energy, no figures"
        );
    }
}

/// The Energy & carbon chart's curves (`f64`, exact instance counts) against the exact figures
/// at every plotted volume, step edges included, for a stepped GPU fleet, a cascade and a
/// routed design: to 1e-9 relative.
#[test]
fn the_energy_chart_follows_the_exact_figures() {
    use inference_roi::chart::data::ChartData;
    let cascade = format!(
        "Cascade(primary: {}, fallback: {}, escalation_rate: 0.1)",
        GPU.replace("MIN", "1"),
        API.replace("PUE", "false")
    );
    let designs = [
        design("gpu", &GPU.replace("MIN", "2"), ""),
        design("api", &API.replace("PUE", "true"), ""),
        design("cascade", &cascade, ""),
        design(
            "routed",
            "Routed(routes: {\"a\": Design(\"gpu\"), \"b\": Design(\"api\")})",
            "",
        ),
    ]
    .join(", ");
    let mut s = scenario_with(
        "730",
        (5_000_000, 1_000, 1_000_000_000),
        "UseCase(name: \"a\", share: 0.3, value_per_success: 0.05), \
         UseCase(name: \"b\", share: 0.7, value_per_success: 0.05)",
        &designs,
    );
    s.carbon = scenario("", 1).carbon;
    let data = ChartData::new(&s);
    let mut checked = 0;
    for (i, curves) in data.log_energy.iter().enumerate() {
        let curves = curves.as_ref().expect("every design has energy data");
        for (j, &volume) in data.volumes.iter().enumerate() {
            let m = Prepared::new(&s, &s.designs[i])
                .unwrap()
                .metrics(volume)
                .unwrap();
            if m.over_capacity {
                continue;
            }
            let e = energy(&s, &s.designs[i], &m).unwrap().unwrap();
            for (log, exact) in [
                (curves.wh[j], e.wh_per_inference),
                (curves.g_co2e[j], e.g_co2e_per_inference.unwrap()),
            ] {
                let exact: f64 = exact.try_into().unwrap();
                let drawn = 10f64.powf(log);
                assert!(
                    ((drawn - exact) / exact).abs() < 1e-9,
                    "{} at {volume}: {drawn} vs {exact}",
                    s.designs[i].name
                );
                checked += 1;
            }
        }
    }
    // 600 log-spaced points and the GPU's step edges, for four designs, twice.
    assert!(checked > 4 * 600 * 2, "{checked}");
    // The saw-tooth: Wh per inference rises right after a step (a new idle instance).
    let wh = &data.log_energy[0].as_ref().unwrap().wh;
    assert!(wh.windows(2).any(|w| w[1] > w[0]), "no step up in {wh:?}");
}

/// Sensitivity and goal seek of ROI with carbon: the energy and carbon figures become inputs;
/// asked of the plain ROI, they are refused with a pointer to the metric.
#[test]
fn what_if_covers_the_energy_and_carbon_inputs() {
    use inference_roi::econ::whatif::{
        CarbonField, Input, Metric, Seek, ServingField, find_input_for, goal_seek_for, metric_of,
        sensitivity, sensitivity_for,
    };
    // success_rate 0.8: value 1,000,000 × $0.05 × 0.8 = $40,000; cost 1,000,000 × (1,000 × $1 +
    // 200 × $2) / 1e6 = $1,400; 550 kWh × 400 g = 220 kg, × $100 / 1000 = $22 of carbon.
    let api = design("api", &API.replace("PUE", "true"), "success_rate: 0.8");
    let s = scenario(&api, 1_000_000);
    assert_eq!(
        metric_of(&s, 0, Metric::RoiWithCarbon).unwrap(),
        Some(d("40000") / d("1422"))
    );
    let plain = sensitivity(&s, 0, d("20")).unwrap();
    let carbon = sensitivity_for(&s, 0, d("20"), Metric::RoiWithCarbon).unwrap();
    let has = |t: &inference_roi::econ::whatif::Sensitivity, input: &Input| {
        t.swings.iter().any(|w| &w.input == input)
    };
    let price = Input::Carbon(CarbonField::Price);
    let wh_out = Input::Serving(Vec::new(), ServingField::WhPer1kOutput);
    assert!(!has(&plain, &price) && !has(&plain, &wh_out));
    assert!(has(&carbon, &price) && has(&carbon, &wh_out));
    // Carbon price +20 %: $120 a tonne, carbon $26.40: ROI with carbon 40,000 / 1,426.40.
    let swing = carbon.swings.iter().find(|w| w.input == price).unwrap();
    assert_eq!(
        swing.roi_high.clone().unwrap(),
        Some(d("40000") / d("1426.4"))
    );

    // Goal seek: the carbon price at which ROI with carbon is 25×: 40,000 / 25 = $1,600 of
    // cost, so $200 of carbon on 220 kg: $909.090909… a tonne (the highest such price).
    let input = find_input_for(&s, 0, "carbon.price_per_tonne", Metric::RoiWithCarbon).unwrap();
    let Seek::Reached { value, lowest, .. } =
        goal_seek_for(&s, 0, &input, d("25"), Metric::RoiWithCarbon).unwrap()
    else {
        panic!("reachable")
    };
    assert!(!lowest);
    assert_eq!(value, d("909.090909"));
    // Asked of the plain ROI, an energy input is refused with the way to ask.
    let refused = find_input_for(&s, 0, "carbon.price_per_tonne", Metric::Roi).unwrap_err();
    assert!(
        refused.to_string().contains("--metric roi-with-carbon"),
        "{refused}"
    );
    // Without energy data, ROI with carbon cannot be asked about.
    let no_energy = "HostedApi(input_price_per_mtok: 1, output_price_per_mtok: 2, input_tokens: 1000, output_tokens: \
        200)";
    let s = scenario(&design("api", no_energy, ""), 1_000_000);
    let error = sensitivity_for(&s, 0, d("20"), Metric::RoiWithCarbon).unwrap_err();
    assert!(error.to_string().contains("no energy data"), "{error}");
}

/// The Monte Carlo draws energy ranges: ROI with carbon and gCO₂e per inference get their
/// P10–P90 at the current volume; the plain ROI does not move.
#[test]
fn the_simulation_draws_energy_ranges() {
    use inference_roi::econ::simulate::simulate;
    let api = API.replace("PUE", "true").replace(
        "wh_per_1k_output_tokens: 2",
        "wh_per_1k_output_tokens: Range(1, 4)",
    );
    let s = scenario(&design("api", &api, "success_rate: 0.8"), 1_000_000);
    assert_eq!(s.ranges.len(), 1, "{:?}", s.ranges);
    let sim = simulate(&s, &[1_000_000], 5_000, 7).unwrap();
    let o = sim.designs[0].as_ref().unwrap();
    // The plain ROI is certain: $40,000 / $1,400.
    assert!((o.now[0] - 40_000.0 / 1_400.0).abs() < 1e-9 && (o.now[0] - o.now[2]).abs() < 1e-12);
    let c = o.carbon.as_ref().expect("energy data and a grid");
    // Wh per 1k output tokens is lognormal with 90 % in [1, 4]: median 2, P10 2·e^(−1.2816σ)
    // and P90 2·e^(1.2816σ) with σ = ln 2 / 1.6449. gCO₂e per inference = (0.1 + 0.2·w + 0.05)
    // Wh × 400 g/kWh / 1000.
    let sigma = 2f64.ln() / 1.644_853_6;
    let grams = |w: f64| (0.15 + 0.2 * w) * 0.4;
    let expected = [
        grams(2.0 * (-1.281_551_6 * sigma).exp()),
        grams(2.0),
        grams(2.0 * (1.281_551_6 * sigma).exp()),
    ];
    for (got, want) in c.g_co2e_per_inference.iter().zip(expected) {
        assert!((got / want - 1.0).abs() < 0.03, "{got} vs {want}");
    }
    // ROI with carbon falls as the energy rises: its P90 is at the low-energy end. At the
    // median: carbon 1,000,000 × 0.22 g = 220 kg, $22: 40,000 / 1,422.
    assert!((c.roi_with_carbon[1] / (40_000.0 / 1_422.0) - 1.0).abs() < 1e-3);
    assert!(
        c.roi_with_carbon[0] < c.roi_with_carbon[1] && c.roi_with_carbon[1] < c.roi_with_carbon[2]
    );
}

/// A range on an energy or carbon figure is refused where it reaches outside what the field
/// may hold, and a count of devices cannot be a range.
#[test]
fn ranges_on_energy_figures_stay_within_their_limits() {
    let text = io::examples::find("support-assistant").unwrap().text;
    let pue = text.replacen("        pue: 1.15,", "        pue: Range(0.8, 1.6),", 1);
    let s = io::parse(&pue).unwrap();
    let errors: Vec<String> = validate(&s).iter().map(ToString::to_string).collect();
    assert!(
        errors.iter().any(|e| e
            == "carbon.pue Range(0.8, 1.6) reaches below 1, the least this field may be"),
        "{errors:?}"
    );
    let fine = text.replacen("        pue: 1.15,", "        pue: Range(1.1, 1.6),", 1);
    assert!(validate(&io::parse(&fine).unwrap()).is_empty());
    // Idle power above the full load, which a device never draws.
    let idle = text.replacen("watts_idle: 18,", "watts_idle: Range(10, 200),", 1);
    let errors: Vec<String> = validate(&io::parse(&idle).unwrap())
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        errors.iter().any(|e| e
            == "designs[1].serving.power.watts_idle Range(10, 200) reaches above watts_max (153): \
                a device never idles above its full load"),
        "{errors:?}"
    );
    let idle = text.replacen("watts_idle: 18,", "watts_idle: Range(10, 30),", 1);
    assert!(validate(&io::parse(&idle).unwrap()).is_empty());
    let devices = text.replacen("devices: 1,", "devices: Range(1, 2),", 1);
    let error = io::parse(&devices).unwrap_err().to_string();
    assert!(
        error.contains("power.devices") && error.contains("whole number"),
        "{error}"
    );
}

/// The simulation's carbon figures come from an energy model compiled once when no draw can
/// change it, else from one compiled per sample: both ways give the same figures. Here the
/// same samples are drawn both ways — the extra energy range that forces the per-sample path
/// is drawn last, and so narrow that it moves nothing beyond 1e-9.
#[test]
fn carbon_figures_are_the_same_compiled_once_or_per_sample() {
    use inference_roi::econ::simulate::simulate;
    let text = io::examples::find("support-assistant").unwrap().text;
    // A drawn success rate and a drawn token price: neither changes the energy.
    let once = text
        .replacen("success_rate: 0.80,", "success_rate: Range(0.72, 0.87),", 1)
        .replacen(
            "input_price_per_mtok: 2.50,",
            "input_price_per_mtok: Range(2, 3),",
            1,
        );
    let per_sample = once.replacen(
        "                        wh_per_1k_output_tokens: 0.6,",
        "                        wh_per_1k_output_tokens: Range(0.6, 0.6000000001),",
        1,
    );
    let (once, per_sample) = (io::parse(&once).unwrap(), io::parse(&per_sample).unwrap());
    assert_eq!((once.ranges.len(), per_sample.ranges.len()), (2, 3));
    let volumes = [10_000, 300_000, 20_000_000];
    for volume in volumes {
        let mut a = once.clone();
        let mut b = per_sample.clone();
        a.volume.current = volume;
        b.volume.current = volume;
        let (a, b) = (
            simulate(&a, &volumes, 2_000, 3).unwrap(),
            simulate(&b, &volumes, 2_000, 3).unwrap(),
        );
        for (d, (x, y)) in a.designs.iter().zip(&b.designs).enumerate() {
            let (x, y) = (x.as_ref().unwrap(), y.as_ref().unwrap());
            let (x, y) = (x.carbon.as_ref().unwrap(), y.carbon.as_ref().unwrap());
            for (p, q) in x
                .roi_with_carbon
                .iter()
                .chain(&x.g_co2e_per_inference)
                .zip(y.roi_with_carbon.iter().chain(&y.g_co2e_per_inference))
            {
                assert!(
                    (p - q).abs() <= 1e-9 * p.abs().max(q.abs()),
                    "design {d} at {volume}: {p} vs {q}"
                );
            }
        }
    }
}
