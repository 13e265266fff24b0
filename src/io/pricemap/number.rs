//! A JSON number's text as an exact price per 1M tokens, never through a binary float:
//! `1.25e-06` (dollars per token) is 1.25 per 1M tokens exactly, `3E-7` is 0.3.

use rust_decimal::Decimal;

/// The largest price per 1M tokens taken as real: above it the figure is refused as absurd.
pub const MAX_PRICE_PER_MTOK: u32 = 1_000_000;

/// Decimal places a price per 1M tokens may have (`rust_decimal` keeps 28).
const MAX_SCALE: i64 = 28;

/// The price per 1M tokens that `raw`, a JSON value's text giving dollars per token, means.
///
/// Refused, with what is wrong: a value that is not a number (a string, `true`, an object), a
/// negative number, one with more digits than can be kept exactly, and one above
/// [`MAX_PRICE_PER_MTOK`].
pub fn per_mtok(raw: &str) -> Result<Decimal, String> {
    let text = raw.trim();
    if text.starts_with('"') {
        return Err(format!("is text ({}), not a number", shorten(text)));
    }
    let unsigned = match text.strip_prefix('-') {
        Some(rest) if is_zero(rest) => rest,
        Some(_) => return Err(format!("is negative ({})", shorten(text))),
        None => text,
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !(frac.is_empty() || digits(frac)) || mantissa.ends_with('.') {
        return Err(format!("is not a number ({})", shorten(text)));
    }
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let body = e.strip_prefix(['+', '-']).unwrap_or(e);
            if !digits(body) || body.len() > 4 {
                return Err(format!("is not a usable number ({})", shorten(text)));
            }
            e.strip_prefix('+')
                .unwrap_or(e)
                .parse()
                .map_err(|_| format!("is not a usable number ({})", shorten(text)))?
        }
    };
    // Dollars per token × 10^6: the decimal point moves six places right.
    let mut scale = i64::try_from(frac.len()).unwrap_or(i64::MAX) - exponent - 6;
    let mut all: String = format!("{int}{frac}").trim_start_matches('0').to_owned();
    while scale > 0 && all.ends_with('0') {
        all.pop();
        scale -= 1;
    }
    if all.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let too_big = || {
        format!(
            "is absurd: above ${MAX_PRICE_PER_MTOK} per 1M tokens ({})",
            shorten(text)
        )
    };
    if scale < 0 {
        // Whole digits beyond 1M per 1M tokens are refused below anyway.
        if i64::try_from(all.len()).unwrap_or(i64::MAX) - scale > 7 {
            return Err(too_big());
        }
        all.push_str(&"0".repeat(usize::try_from(-scale).unwrap_or(0)));
        scale = 0;
    }
    if scale > MAX_SCALE || all.len() > 28 {
        return Err(format!(
            "has more digits than an exact price keeps (28) ({})",
            shorten(text)
        ));
    }
    let mantissa: i128 = all
        .parse()
        .map_err(|_| format!("is not a number ({})", shorten(text)))?;
    let scale = u32::try_from(scale).unwrap_or(0);
    let value = Decimal::try_from_i128_with_scale(mantissa, scale)
        .map_err(|_| format!("is not a usable number ({})", shorten(text)))?;
    if value > Decimal::from(MAX_PRICE_PER_MTOK) {
        return Err(too_big());
    }
    Ok(value.normalize())
}

/// Whether a number's text (without its sign) is zero: `-0`, `-0.0` and `-0e5` are not negative.
fn is_zero(text: &str) -> bool {
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    !mantissa.is_empty() && mantissa.bytes().all(|b| b == b'0' || b == b'.')
}

/// At most 40 characters of a value, for a message.
fn shorten(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
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
    fn the_number_text_becomes_the_exact_price_per_million() {
        assert_eq!(per_mtok("1.25e-06"), Ok(d("1.25")));
        assert_eq!(per_mtok("3E-7"), Ok(d("0.3")));
        assert_eq!(per_mtok("3e-7"), Ok(d("0.3")));
        assert_eq!(per_mtok("0.0000025"), Ok(d("2.5")));
        assert_eq!(per_mtok("1e-05"), Ok(d("10")));
        assert_eq!(per_mtok("1.875e-06"), Ok(d("1.875")));
        assert_eq!(per_mtok("0"), Ok(Decimal::ZERO));
        assert_eq!(per_mtok("0.0"), Ok(Decimal::ZERO));
        assert_eq!(per_mtok("-0"), Ok(Decimal::ZERO));
        assert_eq!(per_mtok("0.5"), Ok(d("500000")));
        assert_eq!(per_mtok("1E+0"), Ok(d("1000000")));
        assert_eq!(per_mtok("1.23456789e-10"), Ok(d("0.000123456789")));
        assert_eq!(per_mtok(" 6.25e-08 "), Ok(d("0.0625")));
    }

    #[test]
    fn what_is_not_a_price_is_refused_with_why() {
        assert!(per_mtok("-1e-06").unwrap_err().contains("negative"));
        assert!(per_mtok("\"0.000001\"").unwrap_err().contains("text"));
        assert!(per_mtok("true").unwrap_err().contains("not a number"));
        assert!(per_mtok("{}").unwrap_err().contains("not a number"));
        assert!(per_mtok("1.5").unwrap_err().contains("absurd"));
        assert!(per_mtok("1e300").unwrap_err().contains("absurd"));
        assert!(per_mtok("1e-300").unwrap_err().contains("digits"));
        assert!(per_mtok("1e99999").is_err());
        assert!(per_mtok("1.").is_err());
        assert!(per_mtok(".5").is_err());
        assert!(per_mtok("").is_err());
    }
}
