//! The bundled `LiteLLM` price map, read exactly: prices are the JSON number's decimal text per
//! 1M tokens, entries not usable are counted by reason, our nine checked hosted entries agree
//! with the snapshot (or their disagreements are listed), and `catalog` keeps its JSON contract
//! and prints hostile ids harmlessly.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::str::FromStr;

use assert_cmd::Command;
use inference_roi::io::catalog::bundled_catalog;
use inference_roi::io::pricemap::{
    CHECKED_IDS, MAX_PRICE_MAP_BYTES, PriceEntry, PriceMap, PriceMapError, Reason, Snapshot,
    bundled_price_map, checked_entries, combined, load_price_map, parse_price_map, search,
};
use inference_roi::report::catalog::entries_text;
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn fixture() -> PriceMap {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/price-map-awkward.json");
    load_price_map(&path, Snapshot::bundled()).unwrap()
}

fn get<'a>(map: &'a PriceMap, id: &str) -> &'a PriceEntry {
    map.entries.iter().find(|e| e.id == id).unwrap()
}

#[test]
fn prices_are_the_decimal_text_per_million_tokens_exactly() {
    let map = fixture();
    let e = get(&map, "sci-lower");
    assert_eq!(e.provider, "openai");
    assert_eq!(e.input_price_per_mtok.to_string(), "1.25");
    assert_eq!(e.output_price_per_mtok.to_string(), "10");
    assert_eq!(e.cached_input_price_per_mtok, Some(d("0.125")));
    assert_eq!(e.cache_write_price_per_mtok, None);
    assert_eq!(e.batch_discount_pct, Some(d("50")));
    assert_eq!(e.long_context, None);
    assert_eq!(
        e.source,
        "LiteLLM price map (litellm 1.110.2, taken 2026-12-06), key sci-lower"
    );
    assert_eq!(e.as_of.to_string(), "2026-12-06");
    assert!(!e.checked);
    let e = get(&map, "sci-upper");
    assert_eq!(e.input_price_per_mtok.to_string(), "0.3");
    assert_eq!(e.output_price_per_mtok.to_string(), "2.5");
    assert_eq!(e.cache_write_price_per_mtok, Some(d("3.75")));
    // 50 % off input, 20 % off output: no single discount, so none, and said.
    assert_eq!(e.batch_discount_pct, None);
    assert_eq!(map.batch_unclear, ["sci-upper"]);
    let t = get(&map, "tiered").long_context.unwrap();
    // The lowest threshold with both prices: 128k has input only.
    assert_eq!(t.above_input_tokens, 200_000);
    assert_eq!(t.input_price_per_mtok, d("2.5"));
    assert_eq!(t.output_price_per_mtok, d("15"));
    // The cached price of the same threshold (128k's is not the tier's).
    assert_eq!(t.cached_input_price_per_mtok, Some(d("0.25")));
    assert_eq!(t.cache_write_price_per_mtok, Some(d("3.125")));
    assert_eq!(get(&map, "responses-only").mode, "responses");
    assert_eq!(get(&map, "responses-only").output_price_per_mtok, d("120"));
}

#[test]
fn entries_left_out_are_counted_by_reason_and_refusals_name_the_key() {
    let map = fixture();
    let ids: Vec<&str> = map.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 5, "{ids:?}");
    assert_eq!(map.left_out.get(&Reason::NoPrice), Some(&2));
    assert_eq!(map.left_out.get(&Reason::NoMode), Some(&1));
    assert_eq!(map.left_out.get(&Reason::Invalid), Some(&5));
    assert_eq!(
        map.left_out.get(&Reason::Mode("image_generation".into())),
        Some(&1)
    );
    assert_eq!(
        map.left_out.get(&Reason::Mode("embedding".into())),
        Some(&1)
    );
    assert_eq!(
        map.left_out
            .get(&Reason::Mode("one of: chat, embedding".into())),
        Some(&1)
    );
    assert_eq!(map.left_out_total() + map.entries.len(), 16);
    let refused = map.refused.join("\n");
    for (key, why) in [
        ("negative", "input_cost_per_token is negative"),
        ("a-string", "input_cost_per_token is text"),
        ("absurd", "is absurd"),
        ("bad-cached", "cache_read_input_token_cost is text"),
        ("not-an-object", "is not a JSON object"),
    ] {
        assert!(
            map.refused
                .iter()
                .any(|m| m.starts_with(&format!("\"{key}\"")) && m.contains(why)),
            "{key}: {why} in {refused}"
        );
    }
}

#[test]
fn a_file_that_is_not_a_price_map_gets_one_message_and_size_is_bounded() {
    for text in [
        "",
        "[1, 2]",
        "{\"a\": ",
        "not json",
        "{\"x\": {\"input_cost_per_token\": NaN}}",
    ] {
        let e = parse_price_map(text, Snapshot::bundled()).unwrap_err();
        assert!(matches!(e, PriceMapError::NotPriceMap(_)), "{text}: {e}");
        assert!(e.to_string().starts_with("not a LiteLLM price map"), "{e}");
    }
    let big = " ".repeat(MAX_PRICE_MAP_BYTES + 1);
    let e = parse_price_map(&big, Snapshot::bundled()).unwrap_err();
    assert!(e.to_string().contains("64 MiB"), "{e}");
}

#[test]
fn the_bundled_snapshot_loads_with_its_counts() {
    let map = bundled_price_map().unwrap();
    let chat = map.entries.iter().filter(|e| e.mode == "chat").count();
    println!(
        "bundled: {} used ({chat} chat), {} left out {:?}, {} refused {:?}, {} batch unclear, {} providers",
        map.entries.len(),
        map.left_out_total(),
        map.left_out,
        map.refused.len(),
        map.refused,
        map.batch_unclear.len(),
        map.by_provider().len()
    );
    assert!(chat >= 3_000, "{chat} chat entries");
    assert_eq!(map.entries.len() + map.left_out_total(), 4_878);
    assert!(map.by_provider().len() >= 100);
    assert!(
        map.entries
            .iter()
            .all(|e| e.input_price_per_mtok >= Decimal::ZERO)
    );
}

/// Our nine hand-checked hosted entries against the snapshot, field by field.
#[test]
fn our_checked_entries_agree_with_the_snapshot() {
    let map = bundled_price_map().unwrap();
    let checked = checked_entries(&bundled_catalog().unwrap());
    assert_eq!(checked.len(), CHECKED_IDS.len());
    // Known disagreements, (id, field): none in litellm 1.110.2.
    let known: [(&str, &str); 0] = [];
    let mut found = Vec::new();
    for ours in &checked {
        assert!(ours.checked);
        let theirs = map
            .entries
            .iter()
            .find(|e| e.id == ours.id && e.provider == ours.provider)
            .unwrap_or_else(|| panic!("{} ({}) in the snapshot", ours.id, ours.provider));
        let fields = [
            (
                "input",
                ours.input_price_per_mtok == theirs.input_price_per_mtok,
            ),
            (
                "output",
                ours.output_price_per_mtok == theirs.output_price_per_mtok,
            ),
            (
                "cached",
                ours.cached_input_price_per_mtok == theirs.cached_input_price_per_mtok,
            ),
            (
                "batch",
                ours.batch_discount_pct == theirs.batch_discount_pct,
            ),
            (
                "cache write",
                ours.cache_write_price_per_mtok == theirs.cache_write_price_per_mtok,
            ),
            ("long context", ours.long_context == theirs.long_context),
        ];
        for (field, agree) in fields {
            if !agree {
                println!("{} {field}: ours {ours:?}, the map's {theirs:?}", ours.id);
                found.push((ours.id.clone(), field));
            }
        }
    }
    let known: Vec<(String, &str)> = known.iter().map(|(i, f)| ((*i).to_owned(), *f)).collect();
    assert_eq!(found, known);
}

#[test]
fn search_needs_every_word_and_lists_our_checked_entries_first() {
    let map = bundled_price_map().unwrap();
    let all = combined(checked_entries(&bundled_catalog().unwrap()), &map);
    let found = search(&all, "GPT-4o");
    assert!(
        found[0].checked && found[0].id == "gpt-4o",
        "{:?}",
        found[0].id
    );
    let first_unchecked = found.iter().position(|e| !e.checked).unwrap();
    assert!(found[first_unchecked..].iter().all(|e| !e.checked));
    assert_eq!(found[first_unchecked].id, "gpt-4o");
    for e in search(&all, "bedrock sonnet") {
        let text = format!("{} {}", e.id, e.provider).to_lowercase();
        assert!(
            text.contains("bedrock") && text.contains("sonnet"),
            "{text}"
        );
    }
    assert!(!search(&all, "bedrock sonnet").is_empty());
    assert!(!search(&all, "llama 70b").is_empty());
    assert!(!search(&all, "FLASH").is_empty());
    assert_eq!(search(&all, "sonnet 4.5")[0].id, "claude-sonnet-4-5");
    assert!(search(&all, "no-such-model-anywhere").is_empty());
}

#[test]
fn hostile_ids_come_out_harmless_in_text() {
    let map = fixture();
    let hostile: Vec<&PriceEntry> = search(&map.entries, "hyperlink");
    assert_eq!(hostile.len(), 1);
    let text = entries_text(&hostile, "hyperlink");
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
        "{text:?}"
    );
    // One heading line, one header line and one row after the first line and a blank.
    assert_eq!(text.lines().count(), 5, "{text}");
    assert!(text.contains("=HYPERLINK("));
}

#[test]
fn the_cli_json_contract() {
    let out = Command::cargo_bin("inference-roi")
        .unwrap()
        .args(["catalog", "search", "gpt-5", "mini", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let keys = [
        "as_of",
        "batch_discount_pct",
        "cache_write_price_per_mtok",
        "cached_input_price_per_mtok",
        "checked",
        "id",
        "input_price_per_mtok",
        "long_context",
        "output_price_per_mtok",
        "provider",
        "source",
    ];
    for row in rows {
        let mut have: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        have.sort_unstable();
        assert_eq!(have, keys);
    }
    let ours = &rows[0];
    assert_eq!(ours["checked"], true);
    assert_eq!(ours["id"], "gpt-5-mini");
    assert_eq!(ours["input_price_per_mtok"], "0.25");
    assert_eq!(ours["cached_input_price_per_mtok"], "0.025");
    assert_eq!(ours["batch_discount_pct"], "50");
    assert_eq!(ours["long_context"], serde_json::Value::Null);
    let theirs = rows
        .iter()
        .find(|r| r["checked"] == false && r["id"] == "gpt-5-mini")
        .unwrap();
    assert_eq!(theirs["output_price_per_mtok"], "2");
    assert_eq!(theirs["as_of"], "2026-12-06");
    let tiered = serde_json::from_slice::<serde_json::Value>(
        &Command::cargo_bin("inference-roi")
            .unwrap()
            .args(["catalog", "--format", "json", "search", "gemini-2.5-pro"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let tier = tiered
        .as_array()
        .unwrap()
        .iter()
        .find(|r| !r["long_context"].is_null())
        .map(|r| r["long_context"].clone())
        .unwrap();
    assert_eq!(tier["above_input_tokens"], 200_000);
    assert!(tier["input_price_per_mtok"].is_string());
}

#[test]
fn the_cli_summary_names_the_snapshot_and_the_counts() {
    let out = Command::cargo_bin("inference-roi")
        .unwrap()
        .arg("catalog")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("litellm 1.110.2, taken 2026-12-06"), "{text}");
    assert!(text.contains("left out"), "{text}");
    assert!(
        text.contains("not a text model (mode image_generation)"),
        "{text}"
    );
    assert!(text.contains("Checked by us: 9 hosted models"), "{text}");
}

/// Every model the planner offers, applied to a hosted design, gives a design that validates and
/// computes, with exactly the entry's prices, its tier and a source naming its key.
#[test]
fn every_map_entry_applied_as_a_preset_gives_a_valid_design_with_its_own_prices() {
    use inference_roi::io::examples::EXAMPLES;
    use inference_roi::model::Serving;
    let map = bundled_price_map().unwrap();
    let base = inference_roi::io::parse(EXAMPLES[0].text).unwrap();
    assert!(matches!(base.designs[0].serving, Serving::HostedApi { .. }));
    for entry in &map.entries {
        let preset = entry.preset();
        let mut scenario = base.clone();
        assert!(
            preset.apply(&mut scenario.designs[0].serving),
            "{}",
            entry.id
        );
        inference_roi::model::catalog::record_source(
            &mut scenario.designs[0].sources,
            preset.design_source(),
        );
        let Serving::HostedApi {
            input_price_per_mtok,
            output_price_per_mtok,
            cached_input_price_per_mtok,
            cache_write_price_per_mtok,
            batch_discount_pct,
            long_context,
            ..
        } = &scenario.designs[0].serving
        else {
            unreachable!()
        };
        assert_eq!(
            *input_price_per_mtok, entry.input_price_per_mtok,
            "{}",
            entry.id
        );
        assert_eq!(
            *output_price_per_mtok, entry.output_price_per_mtok,
            "{}",
            entry.id
        );
        assert_eq!(
            *cached_input_price_per_mtok,
            entry.cached_input_price_per_mtok
        );
        assert_eq!(
            *cache_write_price_per_mtok,
            entry.cache_write_price_per_mtok
        );
        assert_eq!(
            *batch_discount_pct,
            entry.batch_discount_pct.unwrap_or_default()
        );
        assert_eq!(
            long_context.map(|t| (
                t.above_input_tokens,
                t.input_price_per_mtok,
                t.output_price_per_mtok
            )),
            entry.long_context.map(|t| (
                Decimal::from(t.above_input_tokens),
                t.input_price_per_mtok,
                t.output_price_per_mtok
            )),
            "{}",
            entry.id
        );
        let source = scenario.designs[0].sources.last().unwrap();
        assert!(
            source.what.ends_with(&format!(", key {}", entry.id)),
            "{}",
            source.what
        );
        assert_eq!(source.as_of, map.snapshot.taken);
        let problems = inference_roi::econ::validate(&scenario);
        assert!(problems.is_empty(), "{}: {problems:?}", entry.id);
        let analysis = inference_roi::econ::analyse(&scenario, scenario.volume.current);
        assert!(analysis.designs[0].is_ok(), "{} computes", entry.id);
    }
}
