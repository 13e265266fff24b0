//! Exact decimals in scenario files.
//!
//! RON parses a bare number such as `0.0000012` into a binary float, which would lose the exact
//! value a person typed. Instead every decimal field reads the literal's raw text
//! ([`ron::value::RawValue`]) and parses that text as a decimal, so `0.0000012` and `2.50` load
//! exactly (and `2.50` keeps its two places). A quoted string (`"2.50"`) is accepted too.
//! Saving writes the decimal's own digits back as a bare number, so save → load → save is
//! byte-identical.

use std::collections::BTreeMap;

use ron::value::RawValue;
use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Parses the text of a decimal literal: digits with an optional sign, point, `_` separators
/// and exponent (`1.2e-6`), or a quoted string holding such a number.
pub fn parse_decimal_literal(raw: &str) -> Result<Decimal, String> {
    let raw = raw.trim();
    if raw.starts_with('"') {
        let inner: String =
            ron::from_str(raw).map_err(|e| format!("expected a number in quotes, {}", e.code))?;
        let shown: String = inner.chars().take(40).collect();
        return parse_decimal_text(inner.trim()).map_err(|e| {
            if e.starts_with("expected a number") {
                format!("expected a number, got the text {shown:?}")
            } else {
                e
            }
        });
    }
    parse_decimal_text(raw)
}

/// Parses plain decimal text (no quotes): `2.50`, `-3`, `1_000_000`, `1.2e-6`.
pub fn parse_decimal_text(text: &str) -> Result<Decimal, String> {
    let shown: String = text.chars().take(40).collect();
    let lower = text.to_ascii_lowercase();
    if ["nan", "inf", "+inf", "-inf", "infinity", "-infinity"].contains(&lower.as_str()) {
        return Err(format!("expected a finite number, got {shown}"));
    }
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    let well_formed = !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && digits.chars().any(|c| c.is_ascii_digit());
    if !well_formed {
        return Err(format!("expected a number, got {shown}"));
    }
    let parsed = if digits.contains(['e', 'E']) {
        Decimal::from_scientific(&digits)
    } else {
        Decimal::from_str_exact(&digits)
    };
    parsed.map_err(|e| {
        let reason = e.to_string();
        if reason.contains("precision") || reason.contains("overflow") || reason.contains("large") {
            format!(
                "{shown} cannot be held exactly: numbers are limited to 28 significant digits \
                 and a magnitude below 7.9e28"
            )
        } else {
            format!("expected a number, got {shown}")
        }
    })
}

fn to_raw<S: Serializer>(value: &Decimal) -> Result<Box<RawValue>, S::Error> {
    RawValue::from_boxed_ron(value.to_string().into_boxed_str()).map_err(S::Error::custom)
}

/// Serializes a decimal as a bare RON number with exactly its own digits.
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    to_raw::<S>(value)?.serialize(serializer)
}

/// Deserializes a decimal from a bare number or a quoted string, exactly.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    parse_decimal_literal(raw.get_ron()).map_err(D::Error::custom)
}

/// The same for maps from names to decimals (per-use-case success-rate overrides).
pub mod map {
    use super::{BTreeMap, Decimal, Deserialize, Deserializer, RawValue, Serialize, Serializer};
    use serde::de::Error as _;

    /// Serializes each value as a bare number with exactly its own digits.
    pub fn serialize<S: Serializer>(
        values: &BTreeMap<String, Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let raw: BTreeMap<&str, Box<RawValue>> = values
            .iter()
            .map(|(key, value)| Ok((key.as_str(), super::to_raw::<S>(value)?)))
            .collect::<Result<_, S::Error>>()?;
        raw.serialize(serializer)
    }

    /// Deserializes each value exactly from a bare number or a quoted string.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<String, Decimal>, D::Error> {
        let raw = BTreeMap::<String, Box<RawValue>>::deserialize(deserializer)?;
        raw.into_iter()
            .map(|(key, value)| {
                let parsed = super::parse_decimal_literal(value.get_ron())
                    .map_err(|e| D::Error::custom(format!("{key:?}: {e}")))?;
                Ok((key, parsed))
            })
            .collect()
    }
}

/// The same for an optional decimal (`Some(20000)` or `None`).
pub mod option {
    use super::{Decimal, Deserialize, Deserializer, RawValue, Serialize, Serializer};
    use serde::de::Error as _;

    /// Serializes `Some(x)` with exactly x's digits, or `None`.
    #[allow(clippy::ref_option)] // serde's serialize_with signature
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value
            .as_ref()
            .map(super::to_raw::<S>)
            .transpose()?
            .serialize(serializer)
    }

    /// Deserializes `Some(x)` exactly, or `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        Option::<Box<RawValue>>::deserialize(deserializer)?
            .map(|raw| super::parse_decimal_literal(raw.get_ron()).map_err(D::Error::custom))
            .transpose()
    }
}

/// An optional decimal written as a bare number when present and left out when absent (with
/// `default` and `skip_serializing_if = "Option::is_none"`): a field whose absence means "the
/// same as another field".
pub mod present {
    use super::{Decimal, Deserialize, Deserializer, RawValue, Serializer};
    use serde::de::Error as _;

    /// Serializes `Some(x)` as x's own digits (`None` is skipped by the field's attribute).
    #[allow(clippy::ref_option)] // serde's serialize_with signature
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => super::serialize(d, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Deserializes a bare number (or quoted string) exactly, as `Some`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        super::parse_decimal_literal(raw.get_ron())
            .map(Some)
            .map_err(D::Error::custom)
    }
}

/// Whole counts (requests per month, instances, months) that also accept `1e9` or `1_000_000`,
/// as long as the value is a whole number in range.
pub mod count {
    use super::{Decimal, Deserialize, Deserializer, RawValue};
    use rust_decimal::prelude::ToPrimitive;
    use serde::de::Error as _;

    /// Parses a raw literal as a whole count.
    pub fn parse<T: TryFrom<u64>>(raw: &str) -> Result<T, String> {
        let value: Decimal = super::parse_decimal_literal(raw)?;
        let shown = value.to_string();
        if value.is_sign_negative() && !value.is_zero() {
            return Err(format!("expected a whole number ≥ 0, got {shown}"));
        }
        if !value.fract().is_zero() {
            return Err(format!("expected a whole number, got {shown}"));
        }
        value
            .to_u64()
            .and_then(|v| T::try_from(v).ok())
            .ok_or_else(|| format!("{shown} is too large"))
    }

    /// Deserializes a whole count.
    pub fn deserialize<'de, D: Deserializer<'de>, T: TryFrom<u64>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        parse(raw.get_ron()).map_err(D::Error::custom)
    }

    /// Deserializes a list of whole counts, naming the position of a bad one.
    pub fn deserialize_vec<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u64>, D::Error> {
        Vec::<Box<RawValue>>::deserialize(deserializer)?
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                parse(raw.get_ron()).map_err(|e| D::Error::custom(format!("[{i}]: {e}")))
            })
            .collect()
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
    fn literals_load_exactly_with_their_scale() {
        assert_eq!(parse_decimal_literal("0.0000012").unwrap(), d("0.0000012"));
        assert_eq!(parse_decimal_literal("2.50").unwrap().to_string(), "2.50");
        assert_eq!(
            parse_decimal_literal("\"2.50\"").unwrap().to_string(),
            "2.50"
        );
        assert_eq!(parse_decimal_literal("1_000_000").unwrap(), d("1000000"));
        assert_eq!(parse_decimal_literal("1.2e-6").unwrap(), d("0.0000012"));
        assert_eq!(parse_decimal_literal("-3").unwrap(), d("-3"));
        assert_eq!(
            parse_decimal_literal("0.1234567890123456789012345").unwrap(),
            d("0.1234567890123456789012345")
        );
    }

    #[test]
    fn non_numbers_are_refused_with_the_text() {
        assert_eq!(
            parse_decimal_literal("NaN").unwrap_err(),
            "expected a finite number, got NaN"
        );
        assert!(parse_decimal_literal("inf").unwrap_err().contains("finite"));
        assert_eq!(
            parse_decimal_literal("true").unwrap_err(),
            "expected a number, got true"
        );
        assert!(
            parse_decimal_literal("1e300")
                .unwrap_err()
                .contains("28 significant digits")
        );
        assert!(parse_decimal_literal("\"abc\"").is_err());
    }

    #[test]
    fn counts_accept_whole_numbers_only() {
        assert_eq!(count::parse::<u64>("1e9"), Ok(1_000_000_000));
        assert_eq!(count::parse::<u64>("1_000"), Ok(1000));
        assert!(
            count::parse::<u64>("2.5")
                .unwrap_err()
                .contains("whole number")
        );
        assert!(count::parse::<u64>("-1").unwrap_err().contains("≥ 0"));
        assert!(
            count::parse::<u32>("5e9")
                .unwrap_err()
                .contains("too large")
        );
    }
}
