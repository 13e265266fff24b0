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
        Ok(whole) => out.push_str(&crate::model::validate::group_thousands(whole)),
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

/// A CSV field: quoted (with inner quotes doubled) when it holds a comma, a quote or a line break.
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
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
}
