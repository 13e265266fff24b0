//! The price catalogue: the bundled one loads, every entry is sourced and dated, presets apply
//! to the right kind of stage, and stale prices are recognised.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use inference_roi::io::catalog::{BUNDLED_CATALOG, bundled_catalog, load_catalog, parse_catalog};
use inference_roi::model::catalog::{Preset, stale_months};
use inference_roi::model::{Date, Hardware, Serving, Throughput};
use rust_decimal::Decimal;

#[test]
fn the_bundled_catalogue_loads_and_every_entry_has_a_source_and_a_date() {
    let catalog = bundled_catalog().unwrap();
    assert!(catalog.entries.len() >= 12);
    for entry in &catalog.entries {
        assert!(
            !entry.source.what.trim().is_empty(),
            "{} says what the price is",
            entry.name
        );
        assert!(
            entry.source.url.starts_with("https://"),
            "{} has a link",
            entry.name
        );
        // Prices from this or last year; published energy and carbon figures are older.
        let price = matches!(
            entry.preset,
            Preset::HostedModel { .. } | Preset::Instance { .. }
        );
        let since = Date::new(if price { 2025 } else { 2023 }, 1, 1).unwrap();
        assert!(entry.source.as_of >= since, "{} is dated", entry.name);
    }
    let names: Vec<&str> = catalog.entries.iter().map(|e| e.name.as_str()).collect();
    for wanted in ["H100", "A100", "L4", "GPT-4o", "Claude"] {
        assert!(names.iter().any(|n| n.contains(wanted)), "covers {wanted}");
    }
    assert!(catalog.entries.iter().any(|e| matches!(
        e.preset,
        Preset::Instance {
            hardware: Hardware::Cpu,
            ..
        }
    )));
    let hosted = catalog
        .entries
        .iter()
        .filter(|e| matches!(e.preset, Preset::HostedModel { .. }))
        .count();
    assert!(hosted >= 6, "several frontier and small hosted models");
}

#[test]
fn presets_fill_the_matching_stage_only() {
    let catalog = bundled_catalog().unwrap();
    let gpt = catalog
        .entries
        .iter()
        .find(|e| e.name == "OpenAI GPT-4o")
        .unwrap();
    let h100 = catalog
        .entries
        .iter()
        .find(|e| e.name == "Lambda 1× H100 SXM")
        .unwrap();
    let mut hosted = Serving::HostedApi {
        input_price_per_mtok: Decimal::ONE,
        output_price_per_mtok: Decimal::ONE,
        price_per_request: Decimal::ZERO,
        input_tokens: Decimal::from(900),
        output_tokens: Decimal::from(100),
        cached_input_share: Decimal::ZERO,
        cached_input_price_per_mtok: None,
        cache_write_share: Decimal::ZERO,
        cache_write_price_per_mtok: None,
        batch_share: Decimal::ZERO,
        batch_discount_pct: Decimal::ZERO,
        discount_pct: Decimal::ZERO,
        energy: None,
        long_context: None,
    };
    assert!(gpt.apply(&mut hosted));
    let Serving::HostedApi {
        input_price_per_mtok,
        output_price_per_mtok,
        input_tokens,
        ..
    } = &hosted
    else {
        panic!()
    };
    assert_eq!(
        (
            input_price_per_mtok.to_string().as_str(),
            output_price_per_mtok.to_string().as_str()
        ),
        ("2.50", "10.00")
    );
    assert_eq!(*input_tokens, Decimal::from(900), "the tokens stay");
    // The vendor's cached-input price and batch discount come with it (checked against the
    // vendors' public price pages in 2026-11, as the catalogue's sources say); the shares stay 0.
    let Serving::HostedApi {
        cached_input_price_per_mtok,
        batch_discount_pct,
        cached_input_share,
        ..
    } = &hosted
    else {
        panic!()
    };
    assert_eq!(*cached_input_price_per_mtok, Some(Decimal::new(125, 2)));
    assert_eq!(*batch_discount_pct, Decimal::from(50));
    assert!(cached_input_share.is_zero());
    assert!(
        !h100.apply(&mut hosted),
        "an instance does not fit a hosted API"
    );
    let mut gpu = Serving::SelfHosted {
        hardware: Hardware::Gpu,
        instance: String::new(),
        price_per_hour: Decimal::ONE,
        throughput: Throughput::RequestsPerSecond(Decimal::TEN),
        tokens_per_request: Decimal::ZERO,
        target_utilization: Decimal::ONE,
        min_instances: 1,
        max_instances: None,
        reserved: None,
        power: None,
    };
    assert!(h100.apply(&mut gpu));
    let Serving::SelfHosted {
        price_per_hour,
        instance,
        ..
    } = &gpu
    else {
        panic!()
    };
    assert_eq!(price_per_hour.to_string(), "3.78");
    assert!(instance.contains("H100"));
    let source = h100.design_source();
    assert!(source.what.starts_with("Lambda 1× H100 SXM: "));
    assert_eq!(source.as_of, h100.source.as_of);
}

#[test]
fn stale_means_older_than_twelve_months() {
    let d = |s: &str| s.parse::<Date>().unwrap();
    assert_eq!(stale_months(d("2025-11-28"), d("2026-11-28")), None);
    assert_eq!(stale_months(d("2025-10-27"), d("2026-11-28")), Some(13));
}

#[test]
fn bad_catalogues_are_refused_with_the_place() {
    let message =
        parse_catalog(&BUNDLED_CATALOG.replace("price_per_hour: 3.78", "price_per_hour: NaN"))
            .unwrap_err()
            .to_string();
    assert!(
        message.starts_with("line ") && message.contains("finite number"),
        "{message}"
    );
    let message =
        parse_catalog(&BUNDLED_CATALOG.replace("price_per_hour: 3.78", "price_per_hour: -3"))
            .unwrap_err()
            .to_string();
    assert!(
        message.contains("price_per_hour must be in [0, 1,000,000], got -3"),
        "{message}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    std::fs::write(
        &path,
        BUNDLED_CATALOG.replace("as_of: \"2026-05-07\"", "as_of: \"May 2026\""),
    )
    .unwrap();
    assert!(
        load_catalog(&path)
            .unwrap_err()
            .to_string()
            .contains("YYYY-MM-DD")
    );
}

#[test]
fn energy_and_carbon_presets_are_sourced_and_fill_their_fields() {
    use inference_roi::model::catalog::CarbonField;
    let catalog = bundled_catalog().unwrap();
    // Every instance says its power, with where that comes from.
    for entry in &catalog.entries {
        if let Preset::Instance { power, .. } = &entry.preset {
            let p = power.unwrap_or_else(|| panic!("{} has power", entry.name));
            assert!(p.watts_idle < p.watts_max && p.host_watts > Decimal::ZERO);
            let source = entry.energy_source.as_ref().unwrap();
            assert!(source.url.starts_with("https://") && !source.what.is_empty());
        }
    }
    let find = |name: &str| {
        catalog
            .entries
            .iter()
            .find(|e| e.name.contains(name))
            .unwrap()
    };
    // A per-token estimate fills a hosted stage's energy and nothing else; not a GPU's.
    let epoch = find("GPT-4o-class");
    let mut hosted = Serving::HostedApi {
        input_price_per_mtok: Decimal::ONE,
        output_price_per_mtok: Decimal::TWO,
        price_per_request: Decimal::ZERO,
        input_tokens: Decimal::from(1000),
        output_tokens: Decimal::from(500),
        cached_input_share: Decimal::ZERO,
        cached_input_price_per_mtok: None,
        cache_write_share: Decimal::ZERO,
        cache_write_price_per_mtok: None,
        batch_share: Decimal::ZERO,
        batch_discount_pct: Decimal::ZERO,
        discount_pct: Decimal::ZERO,
        energy: None,
        long_context: None,
    };
    let before = hosted.clone();
    assert!(!epoch.fits(&hosted), "not a price preset");
    assert!(epoch.apply_energy(&mut hosted));
    let Serving::HostedApi {
        energy: Some(e), ..
    } = &hosted
    else {
        panic!("energy set")
    };
    // About 0.3 Wh for 500 output tokens, as Epoch AI estimates.
    assert_eq!(
        e.wh_per_1k_output_tokens * Decimal::from(500) / Decimal::from(1000),
        "0.3".parse().unwrap()
    );
    let Serving::HostedApi { energy, .. } = &mut hosted else {
        unreachable!()
    };
    *energy = None;
    assert_eq!(hosted, before, "the prices are untouched");
    // An instance's power fills a self-hosted stage of its hardware, with or without its price.
    let h100 = find("Lambda 1× H100 SXM");
    let mut gpu = Serving::SelfHosted {
        hardware: Hardware::Gpu,
        instance: String::new(),
        price_per_hour: Decimal::ONE,
        throughput: Throughput::RequestsPerSecond(Decimal::ONE),
        tokens_per_request: Decimal::ZERO,
        target_utilization: Decimal::ONE,
        min_instances: 1,
        max_instances: None,
        reserved: None,
        power: None,
    };
    assert!(!h100.fits_energy(&hosted) && h100.fits_energy(&gpu));
    assert!(h100.apply_energy(&mut gpu));
    let Serving::SelfHosted {
        power: Some(p),
        price_per_hour,
        ..
    } = &gpu
    else {
        panic!("power set")
    };
    assert_eq!(
        (p.watts_max, *price_per_hour),
        (Decimal::from(700), Decimal::ONE)
    );
    // Grids, PUEs and carbon prices fill the carbon section.
    assert_eq!(
        find("Grid: World").carbon_figure(),
        Some((CarbonField::Grid, Decimal::from(481)))
    );
    assert!(matches!(
        find("PUE: Google").carbon_figure(),
        Some((CarbonField::Pue, _))
    ));
    assert!(matches!(
        find("EU ETS").carbon_figure(),
        Some((CarbonField::Price, _))
    ));
    for region in ["France", "Poland", "us-east4", "europe-north1"] {
        find(region);
    }
}

#[test]
fn energy_presets_out_of_range_are_named() {
    let text = BUNDLED_CATALOG
        .replacen("watts_idle: 77", "watts_idle: 900", 1)
        .replacen("Pue(pue: 1.09)", "Pue(pue: 0.5)", 1);
    let problems = parse_catalog(&text).unwrap_err().to_string();
    assert!(
        problems.contains("power.watts_idle must be at most watts_max (700), got 900"),
        "{problems}"
    );
    assert!(
        problems.contains("preset.pue must be in [1, 5], got 0.5"),
        "{problems}"
    );
}
