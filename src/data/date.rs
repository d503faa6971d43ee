//! Dates as the sources give them: a year, a month, or a day. A date covers a span of days
//! (`2024-02` is 1–29 Feb 2024), so filters compare spans, not points.

use std::fmt;

/// A calendar day, ordered chronologically. Always a real day of a year in [`YEARS`]: the fields
/// are private, [`Day::new`] checks them, and deserialising (decks, saved state) checks them too,
/// so a file with `"month": 13` is refused where it is read instead of crashing where it is shown.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "RawDay")]
pub struct Day {
    year: i32,
    month: u8,
    day: u8,
}

/// A day as a file spells it, before it is checked.
#[derive(serde::Deserialize)]
struct RawDay {
    year: i32,
    month: u8,
    day: u8,
}

impl TryFrom<RawDay> for Day {
    type Error = DayError;

    fn try_from(raw: RawDay) -> Result<Self, DayError> {
        Self::new(raw.year, raw.month, raw.day)
    }
}

/// Why numbers are not a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    /// The year is outside [`YEARS`].
    #[error("year {0} is out of range (1900–2100)")]
    Year(i32),
    /// The month is not 1–12.
    #[error("month {0} is not a month (1–12)")]
    Month(u8),
    /// The month has no such day.
    #[error("{year}-{month:02} has no day {day}")]
    Day {
        /// The year.
        year: i32,
        /// The month.
        month: u8,
        /// The day asked for.
        day: u8,
    },
}

impl Day {
    /// The day `year`-`month`-`day`, if there is one (and the year is in [`YEARS`]).
    pub const fn new(year: i32, month: u8, day: u8) -> Result<Self, DayError> {
        if year < *YEARS.start() || year > *YEARS.end() {
            return Err(DayError::Year(year));
        }
        if month < 1 || month > 12 {
            return Err(DayError::Month(month));
        }
        if day < 1 || day > days_in_month(year, month) {
            return Err(DayError::Day { year, month, day });
        }
        Ok(Self { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The first day of a month (a month outside 1–12 or a year outside [`YEARS`] is pulled to
    /// the nearest one, so any input gives a real day).
    pub fn month_start(year: i32, month: u8) -> Self {
        Self {
            year: year.clamp(*YEARS.start(), *YEARS.end()),
            month: month.clamp(1, 12),
            day: 1,
        }
    }

    /// The last day of a month (clamped as in [`Self::month_start`]).
    pub fn month_end(year: i32, month: u8) -> Self {
        let start = Self::month_start(year, month);
        Self {
            day: days_in_month(start.year, start.month),
            ..start
        }
    }

    /// The last day of this day's month.
    pub fn end_of_month(self) -> Self {
        Self::month_end(self.year, self.month)
    }

    /// Months since year 0, for stepping month by month.
    pub fn month_index(self) -> i32 {
        self.year * 12 + i32::from(self.month) - 1
    }

    /// The first day of the month with this [`Self::month_index`] (pulled into [`YEARS`]).
    pub fn from_month_index(index: i32) -> Self {
        let index = index.clamp(
            Self::month_start(*YEARS.start(), 1).month_index(),
            Self::month_start(*YEARS.end(), 12).month_index(),
        );
        Self::month_start(index.div_euclid(12), (index.rem_euclid(12) + 1) as u8)
    }

    /// "Mar 2022".
    pub fn month_label(self) -> String {
        format!("{} {}", month_name(self.month), self.year)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.day, month_name(self.month), self.year)
    }
}

/// "Jan" for 1; never indexes out of the table, whatever it is given.
fn month_name(month: u8) -> &'static str {
    MONTHS
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days in a month of the Gregorian calendar.
pub const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How precisely a source dates something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// The month is known.
    Month,
    /// The day is known.
    Day,
}

/// A date at the precision its source gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    /// The first day the date covers.
    pub start: Day,
    /// How precise it is.
    pub precision: Precision,
}

/// Years a record may carry; anything else is a typo.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Result<Self, String> {
        // No date is longer, and a value that is never gets quoted as the messages show values.
        if text.len() > 40 || crate::files::shown(text) != text {
            return Err(format!(
                "\"{}\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                crate::files::shown(text)
            ));
        }
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, what: &str| -> Result<i32, String> {
            if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!(
                    "\"{text}\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD): bad {what}"
                ));
            }
            s.parse::<i32>()
                .map_err(|_| format!("\"{text}\" has a bad {what}"))
        };
        let year = number(parts[0], "year")?;
        if !YEARS.contains(&year) {
            return Err(format!(
                "the year of \"{text}\" is out of range ({}–{})",
                YEARS.start(),
                YEARS.end()
            ));
        }
        let month = match parts.get(1) {
            Some(m) => {
                let m = number(m, "month")?;
                if !(1..=12).contains(&m) {
                    return Err(format!("the month of \"{text}\" is out of range (1–12)"));
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(d), Some(m)) => {
                let d = number(d, "day")?;
                if d < 1 || d > i32::from(days_in_month(year, m)) {
                    return Err(format!("\"{text}\" is not a day of that month"));
                }
                Some(d as u8)
            }
            _ => None,
        };
        if parts.len() > 3 {
            return Err(format!(
                "\"{text}\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            ));
        }
        Ok(match (month, day) {
            (Some(month), Some(day)) => Self {
                start: Day::new(year, month, day).map_err(|e| format!("\"{text}\": {e}"))?,
                precision: Precision::Day,
            },
            (Some(month), None) => Self {
                start: Day::month_start(year, month),
                precision: Precision::Month,
            },
            _ => Self {
                start: Day::month_start(year, 1),
                precision: Precision::Year,
            },
        })
    }

    /// The last day the date covers.
    pub fn end(self) -> Day {
        match self.precision {
            Precision::Day => self.start,
            Precision::Month => Day::month_end(self.start.year, self.start.month),
            Precision::Year => Day::month_end(self.start.year, 12),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Day => write!(f, "{}", self.start),
            Precision::Month => write!(f, "{}", self.start.month_label()),
            Precision::Year => write!(f, "{}", self.start.year),
        }
    }
}

/// A span of days, both ends included; `to: None` means still going on (or end unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// When it starts.
    pub from: Date,
    /// When it ends, if it has.
    pub to: Option<Date>,
}

impl Period {
    /// Whether any day of the period falls within `first..=last`.
    pub fn overlaps(&self, first: Day, last: Day) -> bool {
        self.from.start <= last && self.to.is_none_or(|to| to.end() >= first)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            Some(to) if to == self.from => write!(f, "{}", self.from),
            Some(to) => write!(f, "{} – {}", self.from, to),
            None => write!(f, "since {}", self.from),
        }
    }
}

/// The first month the time control offers: the Taliban took Kabul on 15 August 2021.
pub const TIME_START: Day = match Day::new(2021, 8, 1) {
    Ok(day) => day,
    Err(_) => panic!("15 August 2021 is in a month that exists"), // checked at compile time
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_knows_its_span() {
        let month = Date::parse("2024-02").expect("valid");
        assert_eq!(month.precision, Precision::Month);
        assert_eq!(
            month.end(),
            Day {
                year: 2024,
                month: 2,
                day: 29
            }
        );
        assert_eq!(
            Date::parse("2022").expect("valid").end(),
            Day {
                year: 2022,
                month: 12,
                day: 31
            }
        );
        assert_eq!(
            Date::parse("2024-10-20").expect("valid").to_string(),
            "20 Oct 2024"
        );
    }

    #[test]
    fn rejects_impossible_and_out_of_range_dates() {
        for bad in [
            "2023-02-29",
            "2024-13",
            "1850",
            "24-01-01",
            "2024-1-x",
            "",
            "2024-01-01-01",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn periods_overlap_by_day_spans() {
        let period = Period {
            from: Date::parse("2024-02-01").expect("ok"),
            to: Some(Date::parse("2024-05-13").expect("ok")),
        };
        assert!(period.overlaps(Day::month_start(2024, 5), Day::month_end(2024, 12)));
        assert!(!period.overlaps(Day::month_start(2024, 6), Day::month_end(2024, 12)));
        let ongoing = Period {
            from: Date::parse("2022-03-12").expect("ok"),
            to: None,
        };
        assert!(!ongoing.overlaps(
            Day::month_start(2021, 8),
            Day {
                year: 2022,
                month: 1,
                day: 1
            }
        ));
    }

    #[test]
    fn month_index_round_trips() {
        let day = Day::month_start(2021, 8);
        assert_eq!(
            Day::from_month_index(day.month_index() + 5),
            Day::month_start(2022, 1)
        );
    }

    #[test]
    fn a_file_cannot_hold_an_impossible_day() {
        for (json, expected) in [
            (r#"{"year": 2024, "month": 13, "day": 1}"#, "month 13"),
            (r#"{"year": 2024, "month": 0, "day": 1}"#, "month 0"),
            (r#"{"year": 2024, "month": 2, "day": 30}"#, "no day 30"),
            (r#"{"year": 2024, "month": 1, "day": 45}"#, "no day 45"),
            (r#"{"year": -5, "month": 1, "day": 1}"#, "year -5"),
        ] {
            let error = serde_json::from_str::<Day>(json).expect_err(json);
            assert!(error.to_string().contains(expected), "{json}: {error}");
        }
        let day: Day =
            serde_json::from_str(r#"{"year": 2024, "month": 2, "day": 29}"#).expect("a leap day");
        assert_eq!(day.to_string(), "29 Feb 2024");
        assert_eq!(
            serde_json::to_string(&day).expect("json"),
            r#"{"year":2024,"month":2,"day":29}"#,
            "written as before"
        );
    }

    #[test]
    fn clamping_constructors_always_give_a_real_day() {
        assert_eq!(Day::month_start(2024, 13), Day::month_start(2024, 12));
        assert_eq!(Day::month_end(2024, 0).to_string(), "31 Jan 2024");
        assert_eq!(Day::from_month_index(i32::MAX).year(), *YEARS.end());
        assert_eq!(Day::from_month_index(i32::MIN).year(), *YEARS.start());
    }

    proptest::proptest! {
        /// Whatever numbers a file holds, a day that deserialises prints, compares and steps by
        /// month without panicking.
        #[test]
        fn any_day_that_deserialises_prints_and_compares(
            year in proptest::prelude::any::<i32>(),
            month in proptest::prelude::any::<u8>(),
            day in proptest::prelude::any::<u8>(),
            other in (1900..=2100i32, 1..=12u8, 1..=28u8),
        ) {
            let json = format!(r#"{{"year": {year}, "month": {month}, "day": {day}}}"#);
            if let Ok(parsed) = serde_json::from_str::<Day>(&json) {
                let other = Day::new(other.0, other.1, other.2).expect("valid by construction");
                let _ = (parsed.to_string(), parsed.month_label(), parsed.cmp(&other));
                proptest::prop_assert_eq!(Day::from_month_index(parsed.month_index()), Day::month_start(year, month));
                proptest::prop_assert!(parsed.end_of_month() >= parsed);
                let date = Date { start: parsed, precision: Precision::Day };
                proptest::prop_assert_eq!(Date::parse(&format!("{year:04}-{month:02}-{day:02}")), Ok(date));
            } else {
                proptest::prop_assert!(Day::new(year, month, day).is_err());
            }
        }
    }
}
