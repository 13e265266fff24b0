//! "Choose model…": the searchable list of hosted models (our checked prices and the price map),
//! typed into, walked with the arrows, applied with Enter in one undo step, with stale entries
//! marked.

use super::{file_menu_path, harness};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use inference_roi::io::pricemap::{bundled_price_map, search};
use inference_roi::io::{self, examples::EXAMPLES};
use inference_roi::model::Serving;
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// The hosted prices of design 0, as (input, output, cached, batch discount, tier threshold).
fn prices(harness: &super::App) -> (Decimal, Decimal, Option<Decimal>, Decimal, Option<Decimal>) {
    let Serving::HostedApi {
        input_price_per_mtok,
        output_price_per_mtok,
        cached_input_price_per_mtok,
        batch_discount_pct,
        long_context,
        ..
    } = &harness.state().scenario().designs[0].serving
    else {
        panic!("design 0 is a hosted API")
    };
    (
        *input_price_per_mtok,
        *output_price_per_mtok,
        *cached_input_price_per_mtok,
        *batch_discount_pct,
        long_context.map(|t| t.above_input_tokens),
    )
}

#[test]
fn typing_narrows_the_list_and_enter_applies_the_highlighted_model_in_one_undo_step() {
    let mut harness = harness();
    harness.get_by_label("Choose model…").click();
    harness.run_ok();
    // The search field has the focus: typing goes straight into it.
    harness
        .get_by_label("Find a model")
        .type_text("gemini 2.5 pro");
    harness.run_ok();
    // The list is what the command line's search finds, in the same order.
    let map = bundled_price_map().unwrap();
    let expected = search(&map.entries, "gemini 2.5 pro");
    assert!(expected.len() > 3, "{}", expected.len());
    let first = expected[0];
    assert_eq!(first.id, "gemini-2.5-pro");
    let count = format!("{} model(s) found", expected.len());
    assert!(harness.query_by_label(&count).is_some(), "{count}");
    // Down, Down, Up: the second model is highlighted; Enter applies it.
    for key in [Key::ArrowDown, Key::ArrowDown, Key::ArrowUp] {
        harness.key_press(key);
        harness.run_ok();
    }
    let second = expected[1];
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert!(
        harness.query_by_label("Choose a hosted model").is_none(),
        "Enter closes the list"
    );
    let (input, output, cached, _, tier) = prices(&harness);
    assert_eq!(input, second.input_price_per_mtok);
    assert_eq!(output, second.output_price_per_mtok);
    assert_eq!(cached, second.cached_input_price_per_mtok);
    assert_eq!(
        tier,
        second
            .long_context
            .map(|t| Decimal::from(t.above_input_tokens))
    );
    let source = harness.state().scenario().designs[0]
        .sources
        .last()
        .unwrap()
        .clone();
    assert!(
        source.what.ends_with(&format!(", key {}", second.id)),
        "{}",
        source.what
    );
    assert_eq!(source.as_of, map.snapshot.taken);
    // One undo step takes back the prices and the source together.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness.state().scenario(),
        &io::parse(EXAMPLES[0].text).unwrap()
    );
}

#[test]
fn a_model_with_a_long_context_tier_brings_it_and_one_without_takes_it_away() {
    let mut harness = harness();
    harness.get_by_label("Choose model…").click();
    harness.run_ok();
    harness
        .get_by_label("Find a model")
        .type_text("gemini-2.5-pro");
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    // gemini-2.5-pro in the map: $1.25 / $10 per 1M, $2.50 / $15 above 200k input tokens.
    let (input, output, _, _, tier) = prices(&harness);
    assert_eq!(
        (input, output, tier),
        (d("1.25"), d("10"), Some(d("200000")))
    );
    harness.get_by_label("Choose model…").click();
    harness.run_ok();
    harness
        .get_by_label("Find a model")
        .type_text("gpt-4o-mini");
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    let (input, output, _, _, tier) = prices(&harness);
    assert_eq!((input, output, tier), (d("0.15"), d("0.6"), None));
}

#[test]
fn escape_closes_the_list_without_a_change_and_a_search_that_finds_nothing_says_so() {
    let mut harness = harness();
    harness.get_by_label("Choose model…").click();
    harness.run_ok();
    harness
        .get_by_label("Find a model")
        .type_text("no such model anywhere");
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("No model's id or provider holds every word")
            .is_some()
    );
    harness.key_press(Key::Enter);
    harness.run_ok();
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert!(harness.query_by_label("Choose a hosted model").is_none());
    assert_eq!(
        harness.state().scenario(),
        &io::parse(EXAMPLES[0].text).unwrap()
    );
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn an_old_price_is_marked_stale_in_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ron");
    std::fs::write(
        &path,
        "Catalog(entries: [Entry(name: \"Old GPT-4o\", \
         preset: HostedModel(input_price_per_mtok: 5.00, output_price_per_mtok: 15.00), \
         source: Source(what: \"List price in 2024\", as_of: \"2024-05-13\"))])",
    )
    .unwrap();
    let mut harness = harness();
    file_menu_path(&mut harness, "Price catalogue…", &path, "Use");
    harness.get_by_label("Choose model…").click();
    harness.run_ok();
    harness.get_by_label("Find a model").type_text("old");
    harness.run_ok();
    let today = inference_roi::model::Date::today();
    let months = inference_roi::model::Date {
        year: 2024,
        month: 5,
        day: 13,
    }
    .months_until(today);
    assert!(
        harness
            .query_by_label_contains(&format!(
                "✔ Old GPT-4o · $5 in · $15 out · as of 2024-05-13 · stale, {months} months old"
            ))
            .is_some(),
        "the old entry is marked stale"
    );
    // The map's own entries are as of the snapshot: stale only once it is over 12 months old.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Find a model")
        .type_text("gpt-4o-mini");
    harness.run_ok();
    let taken = bundled_price_map().unwrap().snapshot.taken;
    let stale = inference_roi::model::catalog::stale_months(taken, today)
        .map_or_else(String::new, |m| format!(" · stale, {m} months old"));
    let label = format!("gpt-4o-mini · $0.15 in · $0.6 out · as of {taken}{stale}");
    assert!(harness.query_by_label(&label).is_some(), "{label}");
}
