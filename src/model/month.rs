//! Calendar months (`YYYY-MM`): the months of a timeline and of measured actuals.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month, written `YYYY-MM` in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// Year, 1900–9999.
    pub year: u16,
    /// Month of the year, 1–12.
    pub month: u8,
}

impl Month {
    /// The last month the planner counts: 9999-12 (dates are written with four-digit years).
    pub const LAST: Month = Month {
        year: 9999,
        month: 12,
    };

    /// A checked month: `None` outside years 1900–9999 or months 1–12.
    pub fn new(year: u16, month: u8) -> Option<Self> {
        ((1900..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    /// Months since January 1900 (a month's position on a line of months).
    pub fn index(self) -> i32 {
        (i32::from(self.year) - 1900) * 12 + i32::from(self.month) - 1
    }

    /// The month `offset` months later (earlier when negative); `None` outside 1900–9999.
    pub fn plus(self, offset: i32) -> Option<Month> {
        let index = self.index().checked_add(offset)?;
        let year = u16::try_from(index.div_euclid(12) + 1900).ok()?;
        let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
        Month::new(year, month)
    }

    /// The last of `months` months starting with `self` (itself for one month); refused when it
    /// would fall past [`Month::LAST`], rather than repeating the last month counted.
    pub fn last_of(self, months: u32) -> Result<Month, PastLastMonth> {
        let past = || PastLastMonth {
            start: self,
            months,
            latest_start: i32::try_from(months)
                .ok()
                .and_then(|m| Month::LAST.plus(1 - m)),
        };
        let offset = i32::try_from(months.saturating_sub(1)).map_err(|_| past())?;
        self.plus(offset).ok_or_else(past)
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: Month) -> i32 {
        later.index() - self.index()
    }
}

/// Months that would run past 9999-12, the last month counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "is {start} and the timeline counts {months} months, which would run past 9999-12 (the last \
     month the planner counts): start by {} at the latest, or count fewer months",
    latest_start.map_or_else(|| "1900-01".to_owned(), |m| m.to_string())
)]
pub struct PastLastMonth {
    /// The first month.
    pub start: Month,
    /// How many months.
    pub months: u32,
    /// The latest first month that keeps every month within 9999-12, if any does.
    pub latest_start: Option<Month>,
}

/// Why a month string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a month written YYYY-MM (e.g. 2027-01), got {0:?}")]
pub struct MonthError(pub String);

impl FromStr for Month {
    type Err = MonthError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || MonthError(text.chars().take(40).collect());
        let bytes = text.as_bytes();
        if bytes.len() != 7
            || bytes[4] != b'-'
            || !text[..4].bytes().all(|b| b.is_ascii_digit())
            || !text[5..].bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let year: u16 = text[..4].parse().map_err(|_| bad())?;
        let month: u8 = text[5..].parse().map_err(|_| bad())?;
        Month::new(year, month).ok_or_else(bad)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_print_and_count() {
        let m: Month = "2027-01".parse().unwrap();
        assert_eq!(m.to_string(), "2027-01");
        assert_eq!(m.plus(11).unwrap().to_string(), "2027-12");
        assert_eq!(m.plus(12).unwrap().to_string(), "2028-01");
        assert_eq!(m.plus(-1).unwrap().to_string(), "2026-12");
        assert_eq!(m.months_until("2026-10".parse().unwrap()), -3);
        assert_eq!(m.last_of(1).unwrap(), m);
        assert_eq!(m.last_of(24).unwrap().to_string(), "2028-12");
        for bad in [
            "2027-13",
            "2027-00",
            "27-01",
            "2027-1",
            "2027/01",
            "20a7-01",
            "2027-01-01",
        ] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
    }

    #[test]
    fn months_past_9999_12_are_refused_not_repeated() {
        let last: Month = "9999-12".parse().unwrap();
        assert_eq!(last, Month::LAST);
        assert_eq!(last.last_of(1).unwrap(), last);
        let error = last.last_of(2).unwrap_err();
        assert_eq!(error.latest_start.unwrap().to_string(), "9999-11");
        assert_eq!(
            error.to_string(),
            "is 9999-12 and the timeline counts 2 months, which would run past 9999-12 (the last \
             month the planner counts): start by 9999-11 at the latest, or count fewer months"
        );
        let start: Month = "9999-01".parse().unwrap();
        assert_eq!(start.last_of(12).unwrap(), last);
        assert!(start.last_of(13).is_err());
        assert!(start.last_of(u32::MAX).is_err());
    }
}
