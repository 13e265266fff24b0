//! "Choose model…": the searchable list of hosted models (our checked prices and the price map),
//! typed into, walked with the arrows, applied with Enter in one undo step, with stale entries
//! marked.

use super::{catalogue_menu_path, harness};
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
    catalogue_menu_path(&mut harness, "Your own catalogue…", &path, "Use");
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

/// Chooses model `query` (the first found) for design 0 with Enter.
fn choose(harness: &mut super::App, query: &str) {
    harness.get_by_label("Choose model…").click();
    harness.run_ok();
    harness.get_by_label("Find a model").type_text(query);
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
}

#[test]
fn updating_the_price_map_shows_what_changed_and_the_designs_it_touches_and_keeps_it() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let data = tempfile::tempdir().unwrap();
    let mut harness = super::GuiHarness::builder()
        .with_data_dir(data.path())
        .build();
    // A file that is not a price map changes nothing and says why.
    let junk = data.path().join("junk.json");
    std::fs::write(&junk, "[1, 2, 3]").unwrap();
    catalogue_menu_path(
        &mut harness,
        "Update from a price-map file…",
        &junk,
        "Update",
    );
    let (message, error) = harness.state().message().unwrap();
    assert!(
        error && message.contains("not a LiteLLM price map"),
        "{message}"
    );
    assert!(!data.path().join("price-map").exists());
    // The first update: the awkward fixture replaces the bundled snapshot.
    let first = fixtures.join("price-map-awkward.json");
    catalogue_menu_path(
        &mut harness,
        "Update from a price-map file…",
        &first,
        "Update",
    );
    assert!(harness.query_by_label("Price map updated").is_some());
    harness.get_by_label("Close window").click();
    harness.run_ok();
    choose(&mut harness, "tiered");
    let before = harness.state().scenario().clone();
    assert!(
        before.designs[0]
            .sources
            .last()
            .unwrap()
            .what
            .ends_with(", key tiered")
    );
    // The second: one model added, one removed, one price moved; design 0 uses the moved one.
    let second = fixtures.join("price-map-awkward-updated.json");
    catalogue_menu_path(
        &mut harness,
        "Update from a price-map file…",
        &second,
        "Update",
    );
    let (message, _) = harness.state().message().unwrap();
    assert_eq!(
        message,
        "Price map updated: 1 model added, 1 removed, 1 price moved"
    );
    assert!(
        harness
            .query_by_label("1 model added, 1 removed, 1 price moved.")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("• GPT-4o API: tiered")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("1.25 → 1.5 $ per 1M tokens")
            .is_some()
    );
    // The design keeps its prices until the model is chosen again.
    assert_eq!(harness.state().scenario(), &before);
    assert!(harness.query_by_label("brand-new-model").is_none());
    harness.get_by_label("Close window").click();
    harness.run_ok();
    choose(&mut harness, "brand new");
    let (input, output, ..) = prices(&harness);
    assert_eq!((input, output), (d("2"), d("8")));
    // Kept for the next run: a planner started on the same data folder offers the new map.
    let next = super::GuiHarness::builder()
        .with_data_dir(data.path())
        .build();
    drop(next);
    let mut next = super::GuiHarness::builder()
        .with_data_dir(data.path())
        .build();
    choose(&mut next, "brand-new-model");
    assert_eq!(prices(&next).0, d("2"));
    // Back to the bundled map: the copy is removed and gpt-4o-mini is offered again.
    next.get_by_label("File").click();
    next.run_ok();
    next.get_by_label("Price catalogue").click();
    next.run_ok();
    next.get_by_label("Back to the bundled price map").click();
    next.run_ok();
    assert!(
        !data
            .path()
            .join("price-map")
            .join("model_prices_and_context_window.json")
            .exists()
    );
    choose(&mut next, "gpt-4o-mini");
    assert_eq!(prices(&next).0, d("0.15"));
}

#[test]
fn a_price_map_given_for_the_run_is_offered_instead_of_the_bundled_one() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/price-map-awkward.json");
    let mut harness = super::GuiHarness::builder()
        .with_catalog_file(&file)
        .build();
    choose(&mut harness, "sci-lower");
    let (input, output, cached, batch, _) = prices(&harness);
    assert_eq!(
        (input, output, cached, batch),
        (d("1.25"), d("10"), Some(d("0.125")), d("50"))
    );
    // The bundled map's models are not offered (our checked ones are).
    harness.get_by_label("Choose model…").click();
    harness.run_ok();
    harness.get_by_label("Find a model").type_text("flash");
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("No model's id or provider holds every word")
            .is_some()
    );
}

#[test]
fn a_broken_kept_copy_gives_the_bundled_map_and_says_why() {
    let data = tempfile::tempdir().unwrap();
    let kept = data.path().join("price-map");
    std::fs::create_dir_all(&kept).unwrap();
    std::fs::write(
        kept.join("model_prices_and_context_window.json"),
        "{ not json",
    )
    .unwrap();
    let mut harness = super::GuiHarness::builder()
        .with_data_dir(data.path())
        .build();
    let (message, error) = harness.state().message().unwrap();
    assert!(error, "{message}");
    assert!(message.contains("bundled"), "{message}");
    choose(&mut harness, "gpt-4o-mini");
    assert_eq!(prices(&harness).0, d("0.15"));
}
