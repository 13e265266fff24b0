//! Every input a fuzz target once failed on (kept under `tests/fuzz/<target>/`), and the seed
//! corpus the fuzzers start from, run through the same checks as the targets in `fuzz/`
//! (`inference_roi::fuzz`: `inputs` for what is read, `outputs` for the writers), so CI covers
//! them without nightly.

#![allow(clippy::unwrap_used)]

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(target);
    let mut found: Vec<_> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep"))
                .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn run(target: &str, check: fn(&[u8])) {
    let inputs = inputs(target);
    // A folder that lost its files would pass by checking nothing.
    assert!(
        !inputs.is_empty(),
        "tests/fuzz/{target}/ holds no input: keep at least its seeds there"
    );
    for (name, data) in inputs {
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{name} fails the {target} checks again");
    }
}

#[test]
fn scenarios_that_once_broke_the_loader() {
    run("scenario", inference_roi::fuzz::scenario);
}

#[test]
fn catalogues_that_once_broke_the_loader() {
    run("catalog", inference_roi::fuzz::catalog);
}

#[test]
fn bills_that_once_broke_the_reader() {
    run("bill", inference_roi::fuzz::bill);
}

#[test]
fn price_maps_that_once_broke_the_reader() {
    run("price_map", inference_roi::fuzz::price_map);
}

#[test]
fn typed_fields_that_once_broke_a_parser() {
    run("fields", inference_roi::fuzz::fields);
}

#[test]
fn texts_that_once_broke_the_range_walk() {
    run("ranges", inference_roi::fuzz::ranges);
}

/// The seeds pass the same checks: the bundled scenarios and catalogue round-trip.
#[test]
fn the_seed_corpus_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut scenarios = 0;
    for entry in std::fs::read_dir(root.join("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron")
            || inference_roi::io::portfolio::is_portfolio_file(&path)
        {
            continue;
        }
        let data = std::fs::read(path).unwrap();
        inference_roi::fuzz::scenario(&data);
        inference_roi::fuzz::ranges(&data);
        scenarios += 1;
    }
    assert!(scenarios >= 6);
    inference_roi::fuzz::catalog(inference_roi::io::catalog::BUNDLED_CATALOG.as_bytes());
    inference_roi::fuzz::price_map(inference_roi::io::pricemap::BUNDLED_PRICE_MAP.as_bytes());
    for typed in [
        "0.5",
        "70..90",
        "Range(0.2, 0.4)",
        "1e9",
        "1_000_000",
        "1e28..1e-28",
    ] {
        inference_roi::fuzz::fields(typed.as_bytes());
    }
}

/// Every export of the hostile seeds (formulas, HTML, Markdown structure and links in names,
/// notes and sources), and of the bundled scenarios, passes the writers checks.
#[test]
fn scenarios_whose_exports_once_broke_a_writers_check() {
    let seeds = inputs("writers");
    assert!(seeds.len() >= 6, "the hostile seeds are missing");
    for (name, data) in &seeds {
        // A seed that stopped loading or validating would check nothing.
        let scenario = inference_roi::io::parse(std::str::from_utf8(data).unwrap())
            .unwrap_or_else(|e| panic!("{name} no longer loads: {e}"));
        let problems = inference_roi::econ::validate(&scenario);
        assert!(
            problems
                .iter()
                .all(|p| p.severity != inference_roi::model::Severity::Error),
            "{name} no longer validates: {problems:?}"
        );
    }
    run("writers", inference_roi::fuzz::outputs::writers);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(root.join("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            inference_roi::fuzz::outputs::writers(&std::fs::read(path).unwrap());
        }
    }
}
