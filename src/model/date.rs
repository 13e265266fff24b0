//! Calendar dates (`YYYY-MM-DD`) for the as-of dates of prices.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, written `YYYY-MM-DD` in files: when a price was last checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1900–9999.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31 as the month allows.
    pub day: u8,
}

impl Date {
    /// A checked date: `None` unless it exists in the calendar (years 1900–9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (1..=days)
            .contains(&day)
            .then_some(Self { year, month, day })
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier), counting a month
    /// only once its day is reached: 2025-01-31 to 2025-02-28 is 0 months.
    pub fn months_until(self, later: Date) -> i32 {
        let months = (i32::from(later.year) - i32::from(self.year)) * 12 + i32::from(later.month)
            - i32::from(self.month);
        if months > 0 && later.day < self.day {
            months - 1
        } else if months < 0 && later.day > self.day {
            months + 1
        } else {
            months
        }
    }
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a date written YYYY-MM-DD (e.g. 2025-06-30), got {0:?}")]
pub struct DateError(pub String);

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || DateError(text.chars().take(40).collect());
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(bad());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u16, DateError> {
            let part = &text[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).map_err(|_| bad())?;
        let day = u8::try_from(number(8..10)?).map_err(|_| bad())?;
        Date::new(year, month, day).ok_or_else(bad)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Date {
    /// Today's date (UTC) from the system clock.
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::of_unix_seconds(seconds)
    }

    /// The date (UTC) `seconds` after 1970-01-01 00:00.
    pub fn of_unix_seconds(seconds: u64) -> Date {
        civil_from_days(seconds / 86_400)
    }
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's days-to-civil algorithm).
fn civil_from_days(days: u64) -> Date {
    #[allow(clippy::cast_possible_wrap)]
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    u16::try_from(year)
        .ok()
        .zip(u8::try_from(month).ok())
        .zip(u8::try_from(day).ok())
        .and_then(|((y, m), d)| Date::new(y, m, d))
        .unwrap_or(Date {
            year: 9999,
            month: 12,
            day: 31,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_to_dates() {
        assert_eq!(civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(civil_from_days(20_420).to_string(), "2025-11-28");
        assert_eq!(civil_from_days(11_016).to_string(), "2000-02-29");
    }

    #[test]
    fn parses_and_prints_iso_dates() {
        let date: Date = "2024-02-29".parse().unwrap();
        assert_eq!(date, Date::new(2024, 2, 29).unwrap());
        assert_eq!(date.to_string(), "2024-02-29");
    }

    #[test]
    fn refuses_impossible_dates() {
        for text in [
            "2023-02-29",
            "2025-13-01",
            "2025-04-31",
            "25-01-01",
            "2025/01/01",
            "2025-1-011",
            "",
        ] {
            assert!(text.parse::<Date>().is_err(), "{text} should be refused");
        }
    }

    #[test]
    fn counts_whole_months() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(d("2025-01-31").months_until(d("2025-02-28")), 0);
        assert_eq!(d("2025-01-15").months_until(d("2026-01-15")), 12);
        assert_eq!(d("2025-01-15").months_until(d("2026-01-14")), 11);
        assert_eq!(d("2026-01-15").months_until(d("2025-01-15")), -12);
    }
}
