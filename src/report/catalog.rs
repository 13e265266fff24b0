//! `catalog`'s output: what the price catalogue holds, and the models a search finds, as
//! aligned text (grouped by provider) or JSON with exact decimal strings.
//!
//! Ids and providers come from a downloaded file: in text they are made harmless for a terminal
//! ([`format::terminal_text`]: no control character, no bidirectional override) and cut to
//! [`MAX_ID_CHARS`].

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::format::{self, exact, group_thousands};
use crate::io::pricemap::{ActiveMap, MapOrigin, PriceEntry, PriceMap, Reason};

/// The widest id the text shows; a longer one ends in `…`.
pub const MAX_ID_CHARS: usize = 64;

/// The JSON of a list of entries: `[{"id", "provider", "input_price_per_mtok", …, "checked"}]`.
pub fn entries_json(entries: &[&PriceEntry]) -> String {
    let rows: Vec<Value> = entries.iter().map(|e| entry_json(e)).collect();
    let mut text = serde_json::to_string_pretty(&rows).unwrap_or_default();
    text.push('\n');
    text
}

/// One entry's JSON object, as in [`entries_json`].
pub(crate) fn entry_json(e: &PriceEntry) -> Value {
    let money = |d: Option<Decimal>| d.map_or(Value::Null, |d| Value::String(exact(d)));
    json!({
        "id": e.id,
        "provider": e.provider,
        "input_price_per_mtok": exact(e.input_price_per_mtok),
        "output_price_per_mtok": exact(e.output_price_per_mtok),
        "cached_input_price_per_mtok": money(e.cached_input_price_per_mtok),
        "cache_write_price_per_mtok": money(e.cache_write_price_per_mtok),
        "batch_discount_pct": money(e.batch_discount_pct),
        "long_context": e.long_context.map_or(Value::Null, |t| json!({
            "above_input_tokens": t.above_input_tokens,
            "input_price_per_mtok": exact(t.input_price_per_mtok),
            "output_price_per_mtok": exact(t.output_price_per_mtok),
            "cached_input_price_per_mtok": money(t.cached_input_price_per_mtok),
            "cache_write_price_per_mtok": money(t.cache_write_price_per_mtok),
        })),
        "as_of": e.as_of.to_string(),
        "source": e.source,
        "checked": e.checked,
    })
}

/// An id or provider for a terminal: harmless, at most [`MAX_ID_CHARS`] characters.
pub(crate) fn shown(text: &str) -> String {
    cut(text, MAX_ID_CHARS)
}

/// Harmless text of at most `max` characters.
fn cut(text: &str, max: usize) -> String {
    let safe = format::terminal_text(text);
    if safe.chars().count() > max {
        let mut cut: String = safe.chars().take(max - 1).collect();
        cut.push('…');
        cut
    } else {
        safe
    }
}

/// The entries as aligned text, $ per 1M tokens: our checked entries first under their own
/// heading, then each provider's under its name, providers in the order of their best match.
pub fn entries_text(entries: &[&PriceEntry], query: &str) -> String {
    let mut out = String::new();
    if entries.is_empty() {
        let _ = writeln!(
            out,
            "No model matches \"{}\".",
            format::terminal_text(query)
        );
        return out;
    }
    let mut groups: Vec<(String, Vec<&PriceEntry>)> = Vec::new();
    for entry in entries {
        let heading = if entry.checked {
            "Checked by us (assets/catalog.ron)".to_owned()
        } else {
            shown(&entry.provider)
        };
        match groups.iter_mut().find(|(h, _)| *h == heading) {
            Some((_, list)) => list.push(entry),
            None => groups.push((heading, vec![entry])),
        }
    }
    let rows: Vec<[String; 8]> = entries.iter().map(|e| row(e)).collect();
    let header = [
        "model",
        "input",
        "output",
        "cached",
        "cache write",
        "batch",
        "long context",
        "as of",
    ]
    .map(str::to_owned);
    let mut widths = header.clone().map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let _ = writeln!(
        out,
        "{} model(s) for \"{}\"; prices in $ per 1M tokens",
        group_thousands(entries.len() as u64),
        format::terminal_text(query)
    );
    for (heading, list) in &groups {
        let _ = writeln!(out, "\n{heading} ({})", list.len());
        line(&mut out, &header, &widths);
        for entry in list {
            line(&mut out, &row(entry), &widths);
        }
    }
    out
}

fn row(e: &PriceEntry) -> [String; 8] {
    let opt = |d: Option<Decimal>| d.map_or_else(|| "–".to_owned(), exact);
    [
        shown(&e.id),
        exact(e.input_price_per_mtok),
        exact(e.output_price_per_mtok),
        opt(e.cached_input_price_per_mtok),
        opt(e.cache_write_price_per_mtok),
        e.batch_discount_pct
            .map_or_else(|| "–".to_owned(), |d| format!("{} %", exact(d))),
        e.long_context.map_or_else(
            || "–".to_owned(),
            |t| {
                format!(
                    ">{}k: {} / {}",
                    t.above_input_tokens / 1000,
                    exact(t.input_price_per_mtok),
                    exact(t.output_price_per_mtok)
                )
            },
        ),
        e.as_of.to_string(),
    ]
}

/// One line: the id left-aligned, the figures right-aligned.
fn line(out: &mut String, cells: &[String; 8], widths: &[usize; 8]) {
    out.push_str("  ");
    for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
        let pad = width.saturating_sub(cell.chars().count());
        if i == 0 {
            out.push_str(cell);
            out.push_str(&" ".repeat(pad));
        } else {
            out.push_str("  ");
            out.push_str(&" ".repeat(pad));
            out.push_str(cell);
        }
    }
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    out.push('\n');
}

/// What the catalogue holds, in words: our checked entries, the price map in use (the bundled
/// snapshot, the updated copy or a `--catalog` file: package, version, date), the models used by
/// mode and by provider, and the entries left out by reason.
pub fn summary_text(checked: usize, active: &ActiveMap) -> String {
    let mut out = String::new();
    let map = &active.map;
    let s = &map.snapshot;
    let _ = writeln!(out, "Price catalogue");
    let _ = writeln!(
        out,
        "  Checked by us: {checked} hosted models (assets/catalog.ron), listed first"
    );
    let _ = writeln!(
        out,
        "  LiteLLM price map: {} {}, taken {}{}",
        format::terminal_text(&s.package),
        format::terminal_text(&s.version),
        s.taken,
        if matches!(active.origin, MapOrigin::Bundled) {
            " (MIT licence; assets/price-map/)"
        } else {
            ""
        }
    );
    let _ = writeln!(out, "    In use: {}", active.origin.describe());
    if matches!(active.origin, MapOrigin::Stored { .. }) {
        let _ = writeln!(
            out,
            "    (inference-roi catalog reset goes back to the bundled snapshot)"
        );
    }
    let providers = map.by_provider();
    let _ = writeln!(
        out,
        "    {} models priced by the token ({}), from {} providers",
        group_thousands(map.entries.len() as u64),
        by_mode(map)
            .iter()
            .map(|(m, n)| format!(
                "{} {}",
                format::terminal_text(m),
                group_thousands(*n as u64)
            ))
            .collect::<Vec<_>>()
            .join(", "),
        providers.len()
    );
    let _ = writeln!(
        out,
        "    {} left out:",
        group_thousands(map.left_out_total() as u64)
    );
    let reasons: Vec<(String, usize)> = map
        .left_out
        .iter()
        .map(|(r, n)| (reason_text(r), *n))
        .collect();
    aligned(&mut out, "      ", &reasons);
    if !map.batch_unclear.is_empty() {
        let _ = writeln!(
            out,
            "    {} models have batch prices that give no single discount: their batch discount is left out",
            map.batch_unclear.len()
        );
    }
    let _ = writeln!(out, "  Models by provider:");
    let counts: Vec<(String, usize)> = providers.iter().map(|(p, n)| (shown(p), *n)).collect();
    aligned(&mut out, "    ", &counts);
    let _ = writeln!(out, "Find a model: inference-roi catalog search WORDS");
    out
}

fn reason_text(reason: &Reason) -> String {
    match reason {
        Reason::Mode(mode) => format!("not a text model (mode {})", cut(mode, 24)),
        other => other.to_string(),
    }
}

fn by_mode(map: &PriceMap) -> Vec<(&str, usize)> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for e in &map.entries {
        match counts.iter_mut().find(|(m, _)| *m == e.mode) {
            Some((_, n)) => *n += 1,
            None => counts.push((&e.mode, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
}

fn aligned(out: &mut String, indent: &str, rows: &[(String, usize)]) {
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, n) in rows {
        let pad = width - label.chars().count();
        let n = group_thousands(*n as u64);
        let _ = writeln!(out, "{indent}{label}{}  {n:>6}", " ".repeat(pad));
    }
}

/// What the catalogue holds, as JSON: the snapshot, the counts by mode, provider and reason.
/// `"in_use"` is [`active_json`]: where the map comes from.
pub fn summary_json(checked: usize, active: &ActiveMap) -> String {
    let map = &active.map;
    let s = &map.snapshot;
    let left_out: serde_json::Map<String, Value> = map
        .left_out
        .iter()
        .map(|(r, n)| {
            let key = match r {
                Reason::Mode(mode) => format!("mode:{mode}"),
                Reason::NoMode => "no_mode".to_owned(),
                Reason::NoPrice => "no_price".to_owned(),
                Reason::Invalid => "invalid".to_owned(),
            };
            (key, json!(n))
        })
        .collect();
    let value = json!({
        "checked": checked,
        "in_use": active_json(active),
        "snapshot": {
            "package": s.package,
            "version": s.version,
            "taken": s.taken.to_string(),
        },
        "models": map.entries.len(),
        "by_mode": by_mode(map).into_iter().map(|(m, n)| (m.to_owned(), json!(n)))
            .collect::<serde_json::Map<_, _>>(),
        "by_provider": map.by_provider().into_iter().map(|(p, n)| (p.to_owned(), json!(n)))
            .collect::<serde_json::Map<_, _>>(),
        "left_out": left_out,
        "refused": map.refused,
        "batch_unclear": map.batch_unclear,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON of the map in use: where it comes from, its snapshot and its counts.
pub fn active_json(active: &ActiveMap) -> Value {
    let s = &active.map.snapshot;
    let (origin, path, provenance) = match &active.origin {
        MapOrigin::Bundled => ("bundled", Value::Null, Value::Null),
        MapOrigin::Stored { path, provenance } => (
            "stored",
            json!(path.display().to_string()),
            serde_json::to_value(provenance).unwrap_or(Value::Null),
        ),
        MapOrigin::File(path) => ("file", json!(path.display().to_string()), Value::Null),
    };
    json!({
        "origin": origin,
        "path": path,
        "provenance": provenance,
        "snapshot": {
            "package": s.package,
            "version": s.version,
            "taken": s.taken.to_string(),
        },
        "models": active.map.entries.len(),
        "left_out": active.map.left_out_total(),
        "refused": active.map.refused.len(),
    })
}
