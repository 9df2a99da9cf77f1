//! Calendar dates known to the day, the month or the year (DESIGN §3).
//!
//! Plain data: no I/O, no parsing of queries. A `Date` keeps the precision it was written with,
//! prints in that precision (`2021`, `2021-04`, `2021-04-16`) and orders by its first day.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Precision {
    /// Only the year is known (`2021`).
    Year,
    /// Year and month are known (`2021-04`).
    Month,
    /// The full calendar day is known (`2021-04-16`).
    Day,
}

/// A date with day, month or year precision.
///
/// Two dates are equal only when they have the same precision and fields; `2021-04` and
/// `2021-04-01` are different values that sort next to each other (the coarser one first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
    precision: Precision,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a date: {reason} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct DateError {
    /// The text that was rejected.
    pub text: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl Date {
    /// A date known to the year.
    pub fn year(year: i32) -> Date {
        Date { year, month: 1, day: 1, precision: Precision::Year }
    }

    /// A date known to the month; `None` when the month is out of range.
    pub fn month(year: i32, month: u8) -> Option<Date> {
        (1..=12).contains(&month).then_some(Date { year, month, day: 1, precision: Precision::Month })
    }

    /// A date known to the day; `None` when the day does not exist in that month.
    pub fn day(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day, precision: Precision::Day })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    ///
    /// ```
    /// use demarche::Date;
    /// let d = Date::parse("2021-04").unwrap();
    /// assert_eq!(d.to_string(), "2021-04");
    /// assert!(Date::parse("2021-02-30").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let err = |reason| DateError { text: text.to_owned(), reason };
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, len: usize| -> Result<u32, DateError> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err("each part must be digits of the right length"));
            }
            s.parse().map_err(|_| err("number out of range"))
        };
        match parts.as_slice() {
            [y] => Ok(Date::year(number(y, 4)? as i32)),
            [y, m] => Date::month(number(y, 4)? as i32, number(m, 2)? as u8)
                .ok_or_else(|| err("month must be 01 to 12")),
            [y, m, d] => Date::day(number(y, 4)? as i32, number(m, 2)? as u8, number(d, 2)? as u8)
                .ok_or_else(|| err("no such day in that month")),
            _ => Err(err("too many parts")),
        }
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The year.
    pub fn year_part(&self) -> i32 {
        self.year
    }

    /// The month, when known.
    pub fn month_part(&self) -> Option<u8> {
        (self.precision >= Precision::Month).then_some(self.month)
    }

    /// The day of the month, when known.
    pub fn day_part(&self) -> Option<u8> {
        (self.precision == Precision::Day).then_some(self.day)
    }

    /// The first and last calendar day this date covers, as `(year, month, day)` triples.
    pub fn span(&self) -> ((i32, u8, u8), (i32, u8, u8)) {
        let first = (self.year, self.month, self.day);
        let last = match self.precision {
            Precision::Year => (self.year, 12, 31),
            Precision::Month => (self.year, self.month, days_in_month(self.year, self.month)),
            Precision::Day => first,
        };
        (first, last)
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.year, self.month, self.day, self.precision).cmp(&(
            other.year,
            other.month,
            other.day,
            other.precision,
        ))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Year => write!(f, "{:04}", self.year),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for text in ["2021", "2021-04", "2022-01-30", "2024-02-29"] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for text in ["2021-13", "2021-02-29", "21-04", "2021-4", "2021-04-01-02", "", "abcd"] {
            assert!(Date::parse(text).is_err(), "{text} should be rejected");
        }
    }

    #[test]
    fn orders_by_first_day_then_precision() {
        let month = Date::parse("2021-04").unwrap();
        let first = Date::parse("2021-04-01").unwrap();
        let later = Date::parse("2021-04-16").unwrap();
        let year = Date::parse("2021").unwrap();
        assert!(year < month && month < first && first < later);
        assert_ne!(month, first);
    }
}
