//! `catalog update`'s output: which price map is now in use, and what changed from the one
//! before (models added and removed, prices old → new, and the designs that use a changed
//! model), as text or JSON with exact decimal strings.
//!
//! Ids come from someone else's file: in text they go through the same
//! [`terminal_text`](crate::format::terminal_text) and cut as `catalog search`'s.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::catalog::{active_json, entry_json, shown};
use crate::format::{exact, group_thousands};
use crate::io::pricemap::{ActiveMap, Affected, MapOrigin, PriceChanges};

/// `catalog update --format json`: `{"active", "previous", "added", "removed", "moved",
/// "designs_affected"}`; `moved` lists `{"id", "field", "old", "new"}` with prices as exact
/// decimal strings (`null` where a map has no figure); `designs_affected` is `null` without a
/// scenario.
pub fn update_json(
    previous: &ActiveMap,
    active: &ActiveMap,
    changes: &PriceChanges,
    affected: Option<&[Affected]>,
) -> String {
    let money = |d: Option<Decimal>| d.map_or(Value::Null, |d| Value::String(exact(d)));
    let value = json!({
        "active": active_json(active),
        "previous": active_json(previous),
        "added": changes.added.iter().map(entry_json).collect::<Vec<_>>(),
        "removed": changes.removed.iter().map(entry_json).collect::<Vec<_>>(),
        "moved": changes.moved.iter().map(|m| json!({
            "id": m.id,
            "field": m.field.name(),
            "old": money(m.old),
            "new": money(m.new),
        })).collect::<Vec<_>>(),
        "designs_affected": affected.map(|list| list.iter().map(|a| json!({
            "design": a.design,
            "models": a.models,
            "removed": a.removed,
        })).collect::<Vec<_>>()),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// One line on a map: where it comes from and how many models it gives.
fn map_line(active: &ActiveMap) -> String {
    let s = &active.map.snapshot;
    let snapshot = match active.origin {
        MapOrigin::Bundled => format!(" ({} {}, taken {})", s.package, s.version, s.taken),
        _ => String::new(),
    };
    format!(
        "{}{snapshot}: {} models",
        active.origin.describe(),
        group_thousands(active.map.entries.len() as u64)
    )
}

/// `catalog update`'s text: the map now in use and the one before, the models added and
/// removed, every price moved old → new, and with a scenario the designs affected.
pub fn update_text(
    previous: &ActiveMap,
    active: &ActiveMap,
    changes: &PriceChanges,
    affected: Option<&[Affected]>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Price map updated");
    let _ = writeln!(out, "  Now:    {}", map_line(active));
    let _ = writeln!(out, "  Before: {}", map_line(previous));
    if let MapOrigin::Stored { path, .. } = &active.origin {
        let shown_path = crate::format::terminal_text(&path.display().to_string());
        let _ = writeln!(out, "  Kept in {shown_path}");
    }
    if changes.is_empty() {
        let _ = writeln!(out, "No model added or removed, no price moved.");
    }
    let money = |d: Option<Decimal>| d.map_or_else(|| "–".to_owned(), exact);
    if !changes.added.is_empty() {
        let _ = writeln!(out, "\nAdded ({}):", changes.added.len());
        for e in &changes.added {
            let _ = writeln!(
                out,
                "  {}  ({}; input {}, output {} per 1M tokens)",
                shown(&e.id),
                shown(&e.provider),
                exact(e.input_price_per_mtok),
                exact(e.output_price_per_mtok)
            );
        }
    }
    if !changes.removed.is_empty() {
        let _ = writeln!(out, "\nRemoved ({}):", changes.removed.len());
        for e in &changes.removed {
            let _ = writeln!(out, "  {}  ({})", shown(&e.id), shown(&e.provider));
        }
    }
    if !changes.moved.is_empty() {
        let _ = writeln!(
            out,
            "\nPrices moved ({} change(s) in {} model(s); $ per 1M tokens, % for batch):",
            changes.moved.len(),
            changes.moved_ids().len()
        );
        for m in &changes.moved {
            let _ = writeln!(
                out,
                "  {}  {}: {} → {}",
                shown(&m.id),
                m.field,
                money(m.old),
                money(m.new)
            );
        }
    }
    if let Some(list) = affected {
        let _ = writeln!(
            out,
            "\nDesigns affected ({}){}",
            list.len(),
            if list.is_empty() { ": none" } else { ":" }
        );
        for a in list {
            let models: Vec<String> = a.models.iter().map(|m| shown(m)).collect();
            let _ = writeln!(
                out,
                "  {}: {}{}",
                crate::format::terminal_text(&a.design),
                models.join(", "),
                if a.removed {
                    " (a model it uses is no longer in the map)"
                } else {
                    ""
                }
            );
        }
    }
    out
}
