//! The properties the fuzz targets in `fuzz/` check, kept here so that `cargo test` runs every
//! input a fuzzer once broke (`tests/fuzz_regressions.rs`) through exactly the same checks.
//! Each function panics when a property fails, which is how a fuzzer sees a failure.

// Panicking on a broken property is the point of these functions.
#![allow(clippy::expect_used)]

use crate::model::Severity;
use crate::model::uncertain::parse_typed;

/// Scenario text: loads or gives a message; what loads and validates without errors computes
/// at its volume, saves, and loads back to an equal scenario that saves to the same text.
pub fn scenario(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scenario) = crate::io::parse(text) else {
        return;
    };
    let problems = crate::econ::validate(&scenario);
    // Messages are for people: never empty.
    assert!(problems.iter().all(|p| !p.message.is_empty()));
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return;
    }
    let analysis = crate::econ::analyse(&scenario, scenario.volume.current);
    assert_eq!(analysis.designs.len(), scenario.designs.len());
    let saved = crate::io::to_ron(&scenario).expect("a valid scenario saves");
    let again = crate::io::parse(&saved).expect("what was saved loads");
    assert_eq!(
        again, scenario,
        "a scenario changed on its way through a file"
    );
    let twice = crate::io::to_ron(&again).expect("a valid scenario saves");
    assert_eq!(twice, saved, "saving is not stable");
}

/// Catalogue text: loads or gives a message, never a panic.
pub fn catalog(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::io::catalog::parse_catalog(text);
    }
}

/// A price map (`LiteLLM`'s JSON): read or refused with a message, never a panic. Every entry
/// read has prices within the limits, and applied as a preset to a hosted design it gives a
/// design that validates and computes: the planner offers nothing it would refuse. Searching the
/// entries by a word of their own ids finds each of them.
pub fn price_map(data: &[u8]) {
    use crate::io::pricemap::{MAX_PRICE_PER_MTOK, Snapshot, parse_price_map, search};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(map) = parse_price_map(text, Snapshot::bundled()) else {
        return;
    };
    let base = crate::io::examples::EXAMPLES
        .first()
        .and_then(|e| crate::io::parse(e.text).ok())
        .expect("the first bundled example loads");
    // At most a few entries each run: the property is per entry.
    for entry in map.entries.iter().take(8) {
        for price in [entry.input_price_per_mtok, entry.output_price_per_mtok] {
            assert!(price >= rust_decimal::Decimal::ZERO && price <= MAX_PRICE_PER_MTOK.into());
        }
        let preset = entry.preset();
        let mut scenario = base.clone();
        assert!(
            preset.apply(&mut scenario.designs[0].serving),
            "a model fits a hosted design"
        );
        crate::model::catalog::record_source(
            &mut scenario.designs[0].sources,
            preset.design_source(),
        );
        let problems = crate::econ::validate(&scenario);
        assert!(
            problems.iter().all(|p| p.severity != Severity::Error),
            "{:?}: {problems:?}",
            entry.id
        );
        let analysis = crate::econ::analyse(&scenario, scenario.volume.current);
        assert!(analysis.designs[0].is_ok(), "{:?} computes", entry.id);
        if let Some(word) = entry.id.split_whitespace().next() {
            assert!(search(&map.entries, word).iter().any(|e| e.id == entry.id));
        }
    }
}

/// What people type into a number field (a number, `low..high`, `Range(low, high)`) and into
/// `--volume`: a value or a message, and a range's median lies within it.
pub fn fields(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = crate::model::exact::parse_decimal_literal(text);
    let _ = crate::model::exact::parse_decimal_text(text);
    let _ = crate::cli::parse_volume(text);
    for (field, scale) in [
        ("use_cases[0].share", rust_decimal::Decimal::ONE_HUNDRED),
        (
            "designs[0].serving.price_per_hour",
            rust_decimal::Decimal::ONE,
        ),
        (
            "designs[0].serving.input_tokens",
            rust_decimal::Decimal::new(1, 3),
        ),
    ] {
        if let Ok((_, Some(range))) = parse_typed(text, field, scale)
            && let Ok(point) = range.point(field)
        {
            let (low, high) = (range.low.min(range.high), range.low.max(range.high));
            assert!(
                low <= point && point <= high,
                "{text:?}: median {point} outside {low}..{high}"
            );
        }
    }
}

/// The walk that lifts `Range(low, high)` out of scenario text: a result or a message, and
/// text without ranges comes back unchanged; ranges put back are found again.
pub fn ranges(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok((plain, found)) = crate::io::ranges::extract(text) else {
        return;
    };
    if found.is_empty() {
        assert_eq!(plain, text, "text without ranges changed");
        return;
    }
    // Put back into the text they came from, the ranges are read again as they were, as long
    // as that text is a scenario (the walk follows a scenario's structure).
    if crate::io::parse(&plain).is_ok() {
        let back = crate::io::ranges::reinsert(&plain, &found);
        let (_, again) = crate::io::ranges::extract(&back).expect("reinserted ranges read again");
        assert_eq!(
            again, found,
            "ranges changed on their way back into the text"
        );
    }
}
