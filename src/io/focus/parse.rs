//! The cells of a FOCUS row read exactly: amounts and quantities from their decimal text
//! (scientific notation too) into [`Decimal`], timestamps (ISO 8601, UTC or with an offset) into
//! nanoseconds since 1970, and the JSON columns (`SkuPriceDetails`, `Tags`).

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::model::Month;

/// Nanoseconds in a second.
const NANOS: i128 = 1_000_000_000;
/// Seconds in a day.
const DAY: i128 = 86_400;

/// A decimal written as text: `12`, `-0.5`, `1.5E+3`, `2e-7`. Refused: anything else (no
/// thousands separators, no `NaN`), and a value beyond what an exact decimal holds.
pub fn decimal(text: &str) -> Result<Decimal, String> {
    let t = text.trim();
    let shown = || t.chars().take(40).collect::<String>();
    let bad = || format!("{:?} is not a number", shown());
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(at) => (&t[..at], Some(&t[at + 1..])),
        None => (t, None),
    };
    let digits = mantissa.strip_prefix(['+', '-']).unwrap_or(mantissa);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
        return Err(bad());
    }
    let value = Decimal::from_str_exact(mantissa.strip_prefix('+').unwrap_or(mantissa))
        .map_err(|_| format!("{:?} has more digits than an exact decimal holds", shown()))?;
    let Some(exponent) = exponent else {
        return Ok(value);
    };
    let e_digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    if e_digits.is_empty() || e_digits.len() > 3 || !all_digits(e_digits) {
        return Err(bad());
    }
    let e: i32 = exponent
        .strip_prefix('+')
        .unwrap_or(exponent)
        .parse()
        .map_err(|_| bad())?;
    scale(value, e).ok_or_else(|| format!("{:?} is out of range", shown()))
}

/// `value × 10^e`, exactly, or `None` when it does not fit.
fn scale(value: Decimal, e: i32) -> Option<Decimal> {
    let ten = Decimal::TEN;
    let mut out = value;
    if e >= 0 {
        for _ in 0..e {
            out = out.checked_mul(ten)?;
        }
    } else {
        let places = u32::try_from(-e).ok()?;
        if out.is_zero() {
            return Some(Decimal::ZERO);
        }
        let new_scale = out.scale().checked_add(places)?;
        if new_scale > 28 {
            return None;
        }
        out.set_scale(new_scale).ok()?;
    }
    Some(out)
}

/// An instant, as nanoseconds since 1970-01-01T00:00:00Z.
pub type Instant = i128;

/// An ISO 8601 timestamp: `2026-11-01T00:00:00Z`, with fractions of a second
/// (`…00:00.250Z`), an offset (`+02:00`, `-0530`) or none (read as UTC), a space for the `T`, or a
/// date alone (its midnight, UTC).
pub fn timestamp(text: &str) -> Result<Instant, String> {
    let t = text.trim();
    let bad = || {
        format!(
            "{:?} is not an ISO 8601 timestamp such as 2026-11-01T00:00:00Z",
            t.chars().take(40).collect::<String>()
        )
    };
    let b = t.as_bytes();
    let num = |from: usize, len: usize| -> Option<i128> {
        let s = t.get(from..from + len)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (year, month, day) = (num(0, 4), num(5, 2), num(8, 2));
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(bad());
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !valid_date(year, month, day) {
        return Err(bad());
    }
    let days = days_from_civil(year, month, day);
    if b.len() == 10 {
        return Ok(days * DAY * NANOS);
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || b.get(13) != Some(&b':') {
        return Err(bad());
    }
    let (Some(hour), Some(minute)) = (num(11, 2), num(14, 2)) else {
        return Err(bad());
    };
    let mut at = 16;
    let mut second = 0;
    if b.get(16) == Some(&b':') {
        second = num(17, 2).ok_or_else(bad)?;
        at = 19;
    }
    let mut nanos = 0;
    if b.get(at) == Some(&b'.') {
        let start = at + 1;
        let mut end = start;
        while b.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        let fraction = &t[start..end];
        if fraction.is_empty() {
            return Err(bad());
        }
        for (i, digit) in fraction.bytes().take(9).enumerate() {
            nanos += i128::from(digit - b'0') * 10_i128.pow(8 - u32::try_from(i).unwrap_or(8));
        }
        at = end;
    }
    if hour > 24
        || minute > 59
        || second > 60
        || (hour == 24 && (minute, second, nanos) != (0, 0, 0))
    {
        return Err(bad());
    }
    let offset = offset_seconds(&t[at..]).ok_or_else(bad)?;
    let seconds = days * DAY + hour * 3600 + minute * 60 + second - offset;
    Ok(seconds * NANOS + nanos)
}

/// A UTC offset (`Z`, `+02:00`, `-0530`, `+02`, or nothing: UTC), in seconds east of UTC.
fn offset_seconds(text: &str) -> Option<i128> {
    if text.is_empty() || text.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = text[1..].chars().filter(|c| *c != ':').collect();
    if !(digits.len() == 2 || digits.len() == 4) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i128 = digits[..2].parse().ok()?;
    let minutes: i128 = if digits.len() == 4 {
        digits[2..].parse().ok()?
    } else {
        0
    };
    (hours <= 23 && minutes <= 59).then_some(sign * (hours * 3600 + minutes * 60))
}

fn valid_date(year: i128, month: i128, day: i128) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
/// days-from-civil algorithm).
fn days_from_civil(year: i128, month: i128, day: i128) -> i128 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar month (UTC) an instant falls in, or `None` outside the months the planner counts.
pub fn month_of(instant: Instant) -> Option<Month> {
    let days = instant.div_euclid(DAY * NANOS);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i128::from(month <= 2);
    Month::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?)
}

/// The instant a month starts (its first day's midnight, UTC).
pub fn month_start(month: Month) -> Instant {
    days_from_civil(i128::from(month.year), i128::from(month.month), 1) * DAY * NANOS
}

/// The tokens in a `PricingUnit`: `Tokens` is one, `1000000 Tokens`, `1M Tokens`, `1K Tokens`,
/// `1,000 Tokens`, `Million Tokens` or `1 Million Tokens` as written; `None` for a unit that is
/// not tokens or a count that is not positive.
pub fn tokens_per_unit(text: &str) -> Option<Decimal> {
    let text = text.trim().to_ascii_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    let (last, count) = words.split_last()?;
    if *last != "tokens" && *last != "token" {
        return None;
    }
    let mut tokens = Decimal::ONE;
    for word in count {
        let (number, scale) = match *word {
            "thousand" => ("1", 1_000),
            "million" => ("1", 1_000_000),
            "billion" => ("1", 1_000_000_000),
            w => match w.strip_suffix(['k', 'm', 'b']) {
                Some(n) if w.ends_with('k') => (n, 1_000),
                Some(n) if w.ends_with('m') => (n, 1_000_000),
                Some(n) => (n, 1_000_000_000),
                None => (w, 1),
            },
        };
        let number: Decimal = number.replace([',', '_'], "").parse().ok()?;
        tokens = tokens
            .checked_mul(number)?
            .checked_mul(Decimal::from(scale))?;
    }
    (tokens > Decimal::ZERO).then_some(tokens)
}

/// What `SkuPriceDetails` says of an AI model's tokens (the keys this reads; others ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriceDetails {
    /// `ModelId`.
    pub model_id: Option<String>,
    /// `ModelFamily`.
    pub model_family: Option<String>,
    /// `TokenDirection`: `Input` or `Output`.
    pub token_direction: Option<String>,
    /// `TokenCacheAction`: `Read`, `Write` or `Uncached`.
    pub token_cache_action: Option<String>,
}

/// The `SkuPriceDetails` JSON object (empty cell: no details).
pub fn price_details(text: &str) -> Result<PriceDetails, String> {
    let object = json_object(text)?;
    let get = |key: &str| object.get(key).and_then(json_text);
    Ok(PriceDetails {
        model_id: get("ModelId"),
        model_family: get("ModelFamily"),
        token_direction: get("TokenDirection"),
        token_cache_action: get("TokenCacheAction"),
    })
}

/// The `Tags` JSON object, each value as text (a string as written, a number or `true` as its
/// JSON text; `null` is no tag).
pub fn tags(text: &str) -> Result<BTreeMap<String, String>, String> {
    let object = json_object(text)?;
    Ok(object
        .iter()
        .filter_map(|(key, value)| json_text(value).map(|v| (key.clone(), v)))
        .collect())
}

fn json_object(text: &str) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    if text.trim().is_empty() {
        return Ok(serde_json::Map::new());
    }
    match serde_json::Value::from_str(text) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(serde_json::Value::Null) => Ok(serde_json::Map::new()),
        Ok(_) => Err("is not a JSON object".to_owned()),
        Err(e) => Err(format!("is not valid JSON ({e})")),
    }
}

fn json_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn focus_decimals_are_read_exactly() {
        assert_eq!(decimal("42.00").unwrap(), d("42.00"));
        assert_eq!(decimal("-0.5").unwrap(), d("-0.5"));
        assert_eq!(decimal("+3").unwrap(), d("3"));
        assert_eq!(decimal("1.5E+3").unwrap(), d("1500"));
        assert_eq!(decimal("2e-7").unwrap(), d("0.0000002"));
        assert_eq!(decimal("0.1").unwrap() + decimal("0.2").unwrap(), d("0.3"));
        for bad in [
            "", "1,5", "NaN", "1e", "e5", "1.2.3", "--1", "1e99999", "1e-40", "0x10",
        ] {
            assert!(decimal(bad).is_err(), "{bad:?} was read");
        }
    }

    #[test]
    fn focus_pricing_units_give_their_tokens() {
        for (unit, tokens) in [
            ("Tokens", "1"),
            ("1000000 Tokens", "1000000"),
            ("1M Tokens", "1000000"),
            ("1k tokens", "1000"),
            ("1,000 Tokens", "1000"),
            ("Million Tokens", "1000000"),
            ("1 Million Tokens", "1000000"),
            ("  1000   TOKENS ", "1000"),
            ("1.5K Tokens", "1500"),
        ] {
            assert_eq!(tokens_per_unit(unit), Some(d(tokens)), "{unit:?}");
        }
        for bad in [
            "",
            "Hours",
            "1M",
            "0 Tokens",
            "-1 Tokens",
            "M Tokens",
            "x Tokens",
            "1e99 M Tokens",
        ] {
            assert_eq!(tokens_per_unit(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn focus_timestamps_are_read_with_offsets_and_fractions() {
        let utc = timestamp("2026-11-01T00:00:00Z").unwrap();
        assert_eq!(utc, 1_793_491_200 * NANOS);
        assert_eq!(timestamp("2026-11-01").unwrap(), utc);
        assert_eq!(timestamp("2026-11-01 00:00:00").unwrap(), utc);
        assert_eq!(timestamp("2026-11-01T02:00:00+02:00").unwrap(), utc);
        assert_eq!(timestamp("2026-10-31T19:30:00-0430").unwrap(), utc);
        assert_eq!(
            timestamp("2026-11-01T00:00:00.25Z").unwrap(),
            utc + NANOS / 4
        );
        assert_eq!(timestamp("2026-11-01T00:00Z").unwrap(), utc);
        assert_eq!(month_of(utc), Month::new(2026, 11));
        assert_eq!(month_of(utc - 1), Month::new(2026, 10));
        assert_eq!(month_start(Month::new(2026, 11).unwrap()), utc);
        for bad in [
            "2026-13-01T00:00:00Z",
            "2026-02-29",
            "2026-11-01T25:00:00Z",
            "yesterday",
            "2026-11-01T00:00:00+5",
        ] {
            assert!(timestamp(bad).is_err(), "{bad:?} was read");
        }
        assert!(timestamp("2024-02-29T00:00:00Z").is_ok());
    }

    #[test]
    fn focus_price_details_with_and_without_direction_keys() {
        let full = price_details(
            r#"{"ModelId": "m-1", "ModelFamily": "M", "TokenDirection": "Input", "TokenCacheAction": "Read"}"#,
        )
        .unwrap();
        assert_eq!(full.model_id.as_deref(), Some("m-1"));
        assert_eq!(full.token_direction.as_deref(), Some("Input"));
        assert_eq!(full.token_cache_action.as_deref(), Some("Read"));
        let bare = price_details(r#"{"ModelId": "m-1", "Other": [1, 2]}"#).unwrap();
        assert_eq!(bare.token_direction, None);
        assert_eq!(price_details("").unwrap(), PriceDetails::default());
        assert!(price_details("[1]").is_err());
        assert!(price_details("{\"ModelId\": ").is_err());
        let t = tags(r#"{"feature": "support", "n": 3, "gone": null}"#).unwrap();
        assert_eq!(t.get("feature").map(String::as_str), Some("support"));
        assert_eq!(t.get("n").map(String::as_str), Some("3"));
        assert!(!t.contains_key("gone"));
    }
}
