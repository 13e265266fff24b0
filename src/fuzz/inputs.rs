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

/// A FOCUS bill: read or refused with a message naming the file, never a panic. With the first
/// bundled example's first design claiming every row: the row counts add up, no row is
/// unmatched, and each month's cost is the sum of its parts; every calibration proposed, applied
/// alone or all together, adds no error to the scenario; the measured months it gives validate;
/// and the text, JSON and Markdown reports are harmless whatever the bill's names.
pub fn bill(data: &[u8]) {
    use crate::io::focus::requests::Requests;
    use crate::io::focus::{Limits, measure};
    use crate::report::bill::{
        actuals, bill_json, bill_markdown, bill_months, bill_text, calibrate,
    };
    let mut scenario = crate::io::examples::EXAMPLES
        .first()
        .and_then(|e| crate::io::parse(e.text).ok())
        .expect("the first bundled example loads");
    for design in &mut scenario.designs {
        design.billing = None;
    }
    scenario.designs[0].billing = Some(crate::model::Billing::default());
    let path = std::env::temp_dir().join(format!(
        "inference-roi-fuzz-bill-{}.csv",
        std::process::id()
    ));
    std::fs::write(&path, data).expect("the fuzz bill is written");
    let limits = Limits {
        max_bytes: 1 << 20,
        max_row_bytes: 64 * 1024,
    };
    let outcome = measure(&scenario, std::slice::from_ref(&path), limits);
    let _ = std::fs::remove_file(&path);
    let measured = match outcome {
        Ok(measured) => measured,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let r = &measured.rows;
    assert_eq!(
        r.read,
        r.matched + r.unmatched + r.left_out.purchase + r.left_out.tax
    );
    assert_eq!(r.unmatched, 0, "an empty mapping claims every row");
    let errors = |s: &crate::model::Scenario| {
        crate::econ::validate(s)
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    };
    let before = errors(&scenario);
    let designs = bill_months(&scenario, &measured, &Requests::new());
    for d in &designs {
        for c in &d.calibration {
            let mut one = scenario.clone();
            assert!(calibrate::set(
                &mut one.designs[d.index].serving,
                c.field,
                c.bill
            ));
            assert!(errors(&one) <= before, "{c:?} adds an error");
        }
        let all = calibrate::apply_all(&scenario, d.index, &d.calibration);
        // Together, two shares may pass 1 though each alone does not; the planner's own
        // validation refuses the change then, so only the single changes are held to it.
        let _ = errors(&all);
    }
    let mut with_months = scenario.clone();
    with_months.actuals = actuals::bill_actuals(&designs, &Requests::new()).actuals;
    assert!(
        with_months.actuals.is_empty(),
        "estimated months are not measured"
    );
    crate::fuzz::outputs::check_text("bill text", &bill_text(&measured, &designs));
    crate::fuzz::outputs::check_markdown(
        "bill Markdown",
        &bill_markdown(&measured, &designs),
        &std::collections::BTreeSet::new(),
    );
    let json: serde_json::Value =
        serde_json::from_str(&bill_json(&measured, &designs)).expect("the JSON parses");
    assert!(json["designs"].is_array());
}
