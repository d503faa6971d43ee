//! The two periods a comparison sets side by side ([`super::compare`]), as the command line
//! types them (`2024-01..2024-12`), the app's pickers offer them and slides save them.

use serde::{Deserialize, Serialize};

use super::{Filters, TimeFilter};
use crate::data::{
    Date, Day,
    events::{day_from_number, day_number},
};

/// One period of a comparison: whole days, first to last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First day.
    pub from: Day,
    /// Last day.
    pub to: Day,
}

impl Span {
    /// Parses `FROM..TO` (each `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the range covers both ends
    /// whole, so `2024-01..2024-12` is 1 Jan – 31 Dec 2024), or a single date for its own span
    /// (`2024` is the whole year).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (from, to) = match text.split_once("..") {
            Some((from, to)) => (from.trim(), to.trim()),
            None => (text, text),
        };
        if from.is_empty() || to.is_empty() {
            return Err(format!(
                "\"{text}\" is not a period: write FROM..TO, e.g. 2024-01..2024-12"
            ));
        }
        let from = Date::parse(from)?.start;
        let to = Date::parse(to)?.end();
        if to < from {
            return Err(format!("\"{text}\" ends ({to}) before it starts ({from})"));
        }
        Ok(Self { from, to })
    }

    /// The `months` whole months ending with the month of `last`.
    pub fn months_ending(last: Day, months: u32) -> Self {
        let months = i32::try_from(months.max(1)).unwrap_or(12);
        Self {
            from: Day::from_month_index(last.month_index() - months + 1),
            to: last.end_of_month(),
        }
    }

    /// The dates filter for this span.
    pub fn time(self) -> TimeFilter {
        TimeFilter {
            all_time: false,
            from: self.from,
            to: self.to,
        }
    }

    /// "Jan 2024 – Dec 2024" for whole months, else the days.
    pub fn label(self) -> String {
        if self.from.day() == 1 && self.to == self.to.end_of_month() {
            if self.from.month_index() == self.to.month_index() {
                self.from.month_label()
            } else {
                format!("{} – {}", self.from.month_label(), self.to.month_label())
            }
        } else {
            format!("{} – {}", self.from, self.to)
        }
    }

    /// `2024-01..2024-12` (months) or `2024-01-05..2024-02-10`, as typed and as the command
    /// line takes it.
    pub fn typed(self) -> String {
        let day = |d: Day| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
        let month = |d: Day| format!("{:04}-{:02}", d.year(), d.month());
        if self.from.day() == 1 && self.to == self.to.end_of_month() {
            format!("{}..{}", month(self.from), month(self.to))
        } else {
            format!("{}..{}", day(self.from), day(self.to))
        }
    }
}

impl Span {
    /// The dates a slide (or any map) shows, as a span: its after period when it is itself a
    /// comparison, its range otherwise; `None` for all time.
    pub fn shown_by(filters: &Filters) -> Option<Self> {
        if let Some(periods) = filters.compare {
            return Some(periods.after);
        }
        filters.time.range().map(|(from, to)| Self { from, to })
    }
}

/// The day (UTC) of a moment, e.g. a file's modification time; `None` before 1970.
pub fn day_of(time: std::time::SystemTime) -> Option<Day> {
    let secs = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    let days = i32::try_from(secs / 86_400).ok()?;
    Some(day_from_number(days))
}

/// The two periods compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Periods {
    /// The earlier period.
    pub before: Span,
    /// The later period.
    pub after: Span,
}

impl Periods {
    /// "The previous 12 months vs the last 12 months": the 12 months ending with the month of
    /// `latest` (the newest record), and the 12 before them.
    pub fn last_two_years(latest: Day) -> Self {
        let after = Span::months_ending(latest, 12);
        let before = Span::months_ending(Day::from_month_index(after.from.month_index() - 1), 12);
        Self { before, after }
    }

    /// "Since a slide's dates": the slide's period (`span`) before, and after it the days from
    /// the next one to `latest` (the data's end). A slide whose dates reach `latest` leaves
    /// nothing after: said, not guessed.
    pub fn since_span(span: Span, latest: Day) -> Result<Self, String> {
        let next = day_from_number(day_number(span.to) + 1);
        if next > latest {
            return Err(format!(
                "nothing after {}: the data ends {latest}",
                span.label()
            ));
        }
        Ok(Self {
            before: span,
            after: Span {
                from: next,
                to: latest,
            },
        })
    }

    /// "Since the deck was saved": the 12 months up to the day before `saved` (what a map of
    /// the last 12 months showed then) before, and from `saved` to `latest` (the data's end)
    /// after. A deck saved after the newest record leaves nothing after: said, not guessed.
    pub fn since_day(saved: Day, latest: Day) -> Result<Self, String> {
        if saved > latest {
            return Err(format!(
                "nothing since {saved}: the newest record is of {latest}"
            ));
        }
        // The same day a year earlier (1 March for 29 February).
        let year_earlier = Day::new(saved.year() - 1, saved.month(), saved.day())
            .unwrap_or_else(|_| Day::month_start(saved.year() - 1, saved.month() + 1));
        Ok(Self {
            before: Span {
                from: year_earlier,
                to: day_from_number(day_number(saved) - 1),
            },
            after: Span {
                from: saved,
                to: latest,
            },
        })
    }

    /// "Jan 2024 – Dec 2024 → Jan 2025 – Dec 2025", for titles.
    pub fn label(self) -> String {
        format!("{} → {}", self.before.label(), self.after.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_whole_months_and_name_their_mistakes() {
        let span = Span::parse("2024-01..2024-12").expect("valid");
        assert_eq!(span.from, Day::month_start(2024, 1));
        assert_eq!(span.to, Day::month_end(2024, 12));
        assert_eq!(span.label(), "Jan 2024 – Dec 2024");
        assert_eq!(span.typed(), "2024-01..2024-12");
        assert_eq!(Span::parse("2024").expect("a year"), span);
        assert_eq!(Span::parse(&span.typed()).expect("round trip"), span);
        assert!(
            Span::parse("2025..2024")
                .expect_err("reversed")
                .contains("before")
        );
        assert!(
            Span::parse("2024-13..2025")
                .expect_err("bad month")
                .contains("month")
        );
        assert!(
            Span::parse("..2025")
                .expect_err("half")
                .contains("FROM..TO")
        );
        let two = Periods::last_two_years(Day::new(2025, 9, 14).expect("a day"));
        assert_eq!(two.after.label(), "Oct 2024 – Sep 2025");
        assert_eq!(two.before.label(), "Oct 2023 – Sep 2024");
    }

    #[test]
    fn since_a_slide_its_dates_come_before_and_the_rest_after() {
        let latest = Day::new(2025, 9, 14).expect("a day");
        let slide = Span::parse("2024-01..2024-06").expect("valid");
        let periods = Periods::since_span(slide, latest).expect("room after");
        assert_eq!(periods.before, slide);
        assert_eq!(periods.after.from, Day::new(2024, 7, 1).expect("a day"));
        assert_eq!(periods.after.to, latest);
        let to_the_end = Span {
            from: Day::month_start(2025, 1),
            to: latest,
        };
        assert!(
            Periods::since_span(to_the_end, latest)
                .expect_err("nothing after")
                .contains("nothing after")
        );
        let filters = Filters {
            time: to_the_end.time(),
            ..Filters::default()
        };
        assert_eq!(Span::shown_by(&filters), Some(to_the_end));
        assert_eq!(Span::shown_by(&Filters::default()), None, "all time");
    }

    #[test]
    fn since_the_deck_was_saved_splits_at_its_day() {
        let latest = Day::new(2025, 9, 14).expect("a day");
        let saved = Day::new(2025, 3, 1).expect("a day");
        let periods = Periods::since_day(saved, latest).expect("room after");
        assert_eq!(periods.after.from, saved);
        assert_eq!(periods.after.to, latest);
        assert_eq!(periods.before.to, Day::new(2025, 2, 28).expect("a day"));
        assert_eq!(periods.before.from, Day::new(2024, 3, 1).expect("a day"));
        assert_eq!(periods.before.label(), "Mar 2024 – Feb 2025");
        assert!(Periods::since_day(Day::new(2025, 10, 1).expect("a day"), latest).is_err());
        // 2025-03-01T12:00Z.
        let noon = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_740_830_400);
        assert_eq!(day_of(noon), Some(saved));
    }
}
