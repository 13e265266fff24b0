//! Refreshing the price map offline: `catalog update FILE` stores a newer map in the data folder
//! (`INFERENCE_ROI_DATA_DIR` here, a temporary folder) and says what changed; the stored copy
//! is then the map in use; `catalog reset` goes back to the bundled snapshot; a broken copy is
//! passed over with a warning; a file that is not a price map is refused and changes nothing;
//! ids from the file come out harmless; and the designs made from a changed model are found.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use inference_roi::io::pricemap::{
    Field, MapOrigin, Snapshot, active_price_map_in, affected_designs, compare, load_price_map,
    read_catalog_file, reset_price_map_in, stored_map_in, update_price_map_in,
};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The command with its data folder set to `data`.
fn cli(data: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("inference-roi")
        .unwrap()
        .env("INFERENCE_ROI_DATA_DIR", data)
        .args(args)
        .output()
        .unwrap()
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn an_update_lists_what_changed_and_becomes_the_map_in_use_until_reset() {
    let data = tempfile::tempdir().unwrap();
    let awkward = fixture("price-map-awkward.json");
    let updated = fixture("price-map-awkward-updated.json");
    // First from the bundled snapshot: thousands of models go.
    let first = ok(&cli(
        data.path(),
        &["catalog", "update", path(&awkward), "--format", "json"],
    ));
    let first: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(first["previous"]["origin"], "bundled");
    assert_eq!(first["active"]["origin"], "stored");
    assert!(first["removed"].as_array().unwrap().len() > 1_000);
    assert!(stored_map_in(data.path()).is_file());
    // Then from the awkward map to its update: exactly one added, one removed, one moved.
    let out = ok(&cli(
        data.path(),
        &["catalog", "update", path(&updated), "--format", "json"],
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    let ids = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("added"), ["brand-new-model"]);
    assert_eq!(ids("removed"), ["responses-only"]);
    assert_eq!(
        v["moved"],
        serde_json::json!([{"id": "tiered", "field": "input_price_per_mtok",
                            "old": "1.25", "new": "1.5"}])
    );
    assert_eq!(v["added"][0]["input_price_per_mtok"], "2");
    assert_eq!(v["designs_affected"], Value::Null);
    assert_eq!(
        v["active"]["snapshot"]["version"],
        "price-map-awkward-updated.json"
    );
    assert_eq!(
        v["active"]["provenance"]["original_name"],
        "price-map-awkward-updated.json"
    );
    assert_eq!(
        v["previous"]["snapshot"]["version"],
        "price-map-awkward.json"
    );
    // The stored copy is the map in use: search finds the added model, not the removed one.
    let found = ok(&cli(data.path(), &["catalog", "search", "brand-new"]));
    assert!(found.contains("brand-new-model"), "{found}");
    let summary = ok(&cli(data.path(), &["catalog"]));
    assert!(
        summary.contains("In use: the updated copy of price-map-awkward-updated.json"),
        "{summary}"
    );
    assert!(
        ok(&cli(data.path(), &["catalog", "search", "responses-only"])).starts_with("No model")
    );
    // Reset: the bundled snapshot again, and the copy is gone.
    let reset = ok(&cli(data.path(), &["catalog", "reset"]));
    assert!(
        reset.starts_with("Removed the updated price map"),
        "{reset}"
    );
    assert!(!stored_map_in(data.path()).exists());
    let summary = ok(&cli(data.path(), &["catalog"]));
    assert!(
        summary.contains("litellm 1.110.2, taken 2026-12-06"),
        "{summary}"
    );
    assert!(
        summary.contains("In use: the bundled snapshot"),
        "{summary}"
    );
    assert!(ok(&cli(data.path(), &["catalog", "search", "brand-new"])).starts_with("No model"));
    let again = ok(&cli(data.path(), &["catalog", "reset"]));
    assert!(
        again.starts_with("There was no updated price map"),
        "{again}"
    );
}

#[test]
fn the_library_compares_stores_and_resets_in_a_given_folder() {
    let data = tempfile::tempdir().unwrap();
    let before = load_price_map(&fixture("price-map-awkward.json"), Snapshot::bundled()).unwrap();
    let after = load_price_map(
        &fixture("price-map-awkward-updated.json"),
        Snapshot::bundled(),
    )
    .unwrap();
    let changes = compare(&before, &after);
    assert_eq!(
        changes.added.iter().map(|e| &e.id).collect::<Vec<_>>(),
        ["brand-new-model"]
    );
    assert_eq!(
        changes.removed.iter().map(|e| &e.id).collect::<Vec<_>>(),
        ["responses-only"]
    );
    assert_eq!(changes.moved.len(), 1);
    assert_eq!(changes.moved[0].field, Field::Input);
    assert!(compare(&after, &after).is_empty());

    assert_eq!(
        active_price_map_in(data.path()).unwrap().origin,
        MapOrigin::Bundled
    );
    let stored =
        update_price_map_in(data.path(), &fixture("price-map-awkward-updated.json")).unwrap();
    let active = active_price_map_in(data.path()).unwrap();
    assert!(active.warning.is_none());
    assert_eq!(active.origin, stored.origin);
    assert_eq!(active.map.snapshot.package, "user copy");
    assert!(active.map.entries.iter().any(|e| e.id == "brand-new-model"));
    let e = active
        .map
        .entries
        .iter()
        .find(|e| e.id == "tiered")
        .unwrap();
    assert!(e.source.ends_with(", key tiered"), "{}", e.source);
    // The provenance is readable JSON beside the copy.
    let provenance =
        std::fs::read_to_string(stored_map_in(data.path()).with_file_name("provenance.json"))
            .unwrap();
    let provenance: Value = serde_json::from_str(&provenance).unwrap();
    assert_eq!(provenance["models"], 5);
    assert!(reset_price_map_in(data.path()).unwrap());
    assert_eq!(
        active_price_map_in(data.path()).unwrap().origin,
        MapOrigin::Bundled
    );
}

#[test]
fn a_broken_stored_copy_falls_back_to_the_bundled_snapshot_with_a_warning() {
    let data = tempfile::tempdir().unwrap();
    update_price_map_in(data.path(), &fixture("price-map-awkward.json")).unwrap();
    let stored = stored_map_in(data.path());
    std::fs::write(&stored, "{\"half\": ").unwrap();
    let active = active_price_map_in(data.path()).unwrap();
    assert_eq!(active.origin, MapOrigin::Bundled);
    let warning = active.warning.unwrap();
    assert!(warning.contains("cannot be used"), "{warning}");
    // The command line says so on stderr and carries on with the bundled snapshot.
    let out = cli(data.path(), &["catalog"]);
    let text = ok(&out);
    assert!(text.contains("In use: the bundled snapshot"), "{text}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: the updated price map"),
        "{stderr}"
    );
    // A copy without its provenance is broken too.
    std::fs::copy(fixture("price-map-awkward.json"), &stored).unwrap();
    std::fs::remove_file(stored.with_file_name("provenance.json")).unwrap();
    let active = active_price_map_in(data.path()).unwrap();
    assert_eq!(active.origin, MapOrigin::Bundled);
    assert!(active.warning.is_some());
}

#[test]
fn a_file_that_is_not_a_price_map_is_refused_and_the_stored_copy_is_untouched() {
    let data = tempfile::tempdir().unwrap();
    ok(&cli(
        data.path(),
        &[
            "catalog",
            "update",
            path(&fixture("price-map-awkward.json")),
        ],
    ));
    let stored = stored_map_in(data.path());
    let before = std::fs::read(&stored).unwrap();
    let provenance = std::fs::read(stored.with_file_name("provenance.json")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("bad.json", "{\"a\": "),
        ("list.json", "[1, 2, 3]"),
        ("empty.json", "{}"),
        ("scenario.ron", "Scenario(format: 1)"),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let out = cli(data.path(), &["catalog", "update", path(&file)]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("the price map in use is unchanged"),
            "{name}: {stderr}"
        );
        assert_eq!(std::fs::read(&stored).unwrap(), before, "{name}");
        assert_eq!(
            std::fs::read(stored.with_file_name("provenance.json")).unwrap(),
            provenance
        );
    }
    // No temporary file left beside the copy.
    let files = std::fs::read_dir(stored.parent().unwrap()).unwrap().count();
    assert_eq!(files, 2);
}

#[test]
fn hostile_ids_come_out_of_the_update_text_escaped() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.json");
    let id = "\u{1b}[31mred\nline =HYPERLINK(\"http://x.example\")\u{202e}";
    let map = serde_json::json!({
        id: {"litellm_provider": "evil\u{7}", "mode": "chat",
             "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}
    });
    std::fs::write(&file, map.to_string()).unwrap();
    let text = ok(&cli(data.path(), &["catalog", "update", path(&file)]));
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
        "{text:?}"
    );
    let line = text.lines().find(|l| l.contains("=HYPERLINK(")).unwrap();
    assert!(line.contains("\u{fffd}[31mred\u{fffd}line"), "{line:?}");
    // JSON keeps the id exactly, escaped by JSON itself.
    let fresh = tempfile::tempdir().unwrap();
    let json = ok(&cli(
        fresh.path(),
        &["catalog", "update", path(&file), "--format", "json"],
    ));
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["active"]["models"], 1);
    assert!(json.contains("\\u001b[31mred\\nline"), "{json}");
}

/// A scenario of four designs whose sources name map keys that are suffixes of one another.
fn scenario_with_sources() -> String {
    let design = |name: &str, what: &str| {
        format!(
            "Design(name: \"{name}\", serving: HostedApi(input_price_per_mtok: 1, \
             output_price_per_mtok: 2, price_per_request: 0, input_tokens: 100, output_tokens: 10), \
             sources: [Source(what: \"{what}\", url: \"\", as_of: \"2026-12-06\")])"
        )
    };
    let taken = "LiteLLM price map (litellm 1.110.2, taken 2026-12-06)";
    let designs = [
        design("plain", &format!("{taken}, key gpt-4o")),
        design(
            "azure",
            &format!("OpenAI on Azure: {taken}, key azure/gpt-4o"),
        ),
        design("mini", &format!("{taken}, key gpt-4o-mini")),
        design("hand", "List price, key gpt-4o checked by hand"),
    ];
    format!(
        "Scenario(format: 1, title: \"t\", currency: \"USD\", hours_per_month: 730, \
         volume: Volume(current: 1000, min: 100, max: 10000), \
         use_cases: [UseCase(name: \"all\", share: 1, value_per_success: 1)], designs: [{}])",
        designs.join(", ")
    )
}

fn one_model(id: &str, input: &str) -> String {
    format!(
        "\"{id}\": {{\"litellm_provider\": \"openai\", \"mode\": \"chat\", \
         \"input_cost_per_token\": {input}, \"output_cost_per_token\": 2e-06}}"
    )
}

#[test]
fn affected_designs_match_the_whole_key_not_a_suffix() {
    let scenario = inference_roi::io::parse(&scenario_with_sources()).unwrap();
    let map = |entries: &[String]| {
        inference_roi::io::pricemap::parse_price_map(
            &format!("{{{}}}", entries.join(",")),
            Snapshot::bundled(),
        )
        .unwrap()
    };
    let old = map(&[
        one_model("gpt-4o", "1e-06"),
        one_model("azure/gpt-4o", "1e-06"),
        one_model("gpt-4o-mini", "1e-06"),
    ]);
    // Only azure/gpt-4o moves: `plain` (key gpt-4o) and `hand` must not be listed.
    let new = map(&[
        one_model("gpt-4o", "1e-06"),
        one_model("azure/gpt-4o", "3e-06"),
        one_model("gpt-4o-mini", "1e-06"),
    ]);
    let affected = affected_designs(&scenario, &compare(&old, &new));
    let names: Vec<&str> = affected.iter().map(|a| a.design.as_str()).collect();
    assert_eq!(names, ["azure"]);
    assert_eq!(affected[0].models, ["azure/gpt-4o"]);
    assert!(!affected[0].removed);
    // gpt-4o moves and gpt-4o-mini goes: plain and mini, not azure.
    let new = map(&[
        one_model("gpt-4o", "2e-06"),
        one_model("azure/gpt-4o", "1e-06"),
    ]);
    let affected = affected_designs(&scenario, &compare(&old, &new));
    let names: Vec<(&str, bool)> = affected
        .iter()
        .map(|a| (a.design.as_str(), a.removed))
        .collect();
    assert_eq!(names, [("plain", false), ("mini", true)]);

    // Through the command line, with --scenario.
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        file
    };
    let s = write("s.ron", &scenario_with_sources());
    let first = write(
        "old.json",
        &format!("{{{}}}", one_model("azure/gpt-4o", "1e-06")),
    );
    ok(&cli(data.path(), &["catalog", "update", path(&first)]));
    let second = write(
        "new.json",
        &format!("{{{}}}", one_model("azure/gpt-4o", "4e-06")),
    );
    let out = ok(&cli(
        data.path(),
        &[
            "catalog",
            "update",
            path(&second),
            "--scenario",
            path(&s),
            "--format",
            "json",
        ],
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["designs_affected"],
        serde_json::json!([{"design": "azure", "models": ["azure/gpt-4o"], "removed": false}])
    );
    let text = ok(&cli(
        data.path(),
        &["catalog", "update", path(&first), "--scenario", path(&s)],
    ));
    assert!(
        text.contains("Designs affected (1):\n  azure: azure/gpt-4o"),
        "{text}"
    );
}

#[test]
fn a_catalog_file_replaces_the_map_or_the_catalogue_for_one_run() {
    let data = tempfile::tempdir().unwrap();
    let map = fixture("price-map-awkward-updated.json");
    let found = ok(&cli(
        data.path(),
        &["catalog", "--catalog", path(&map), "search", "brand-new"],
    ));
    assert!(found.contains("brand-new-model"), "{found}");
    let summary = ok(&cli(data.path(), &["catalog", "--catalog", path(&map)]));
    assert!(summary.contains("In use: the file "), "{summary}");
    // Nothing stored.
    assert!(!stored_map_in(data.path()).exists());
    // Our own RON catalogue is told apart by content.
    let ron = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog.ron");
    assert!(matches!(
        read_catalog_file(&ron).unwrap(),
        inference_roi::io::pricemap::CatalogFile::Catalog(_)
    ));
    let summary = ok(&cli(data.path(), &["catalog", "--catalog", path(&ron)]));
    assert!(
        summary.contains("Checked by us: 9 hosted models"),
        "{summary}"
    );
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.txt");
    std::fs::write(&junk, "hello").unwrap();
    let out = cli(data.path(), &["catalog", "--catalog", path(&junk)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("neither a LiteLLM price map"));
}
