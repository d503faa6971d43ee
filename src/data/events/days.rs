//! Days as numbers (days since 1970-01-01), so event days sort, subtract and index arrays.

use crate::data::Day;

/// Days since 1970-01-01 (negative before), proleptic Gregorian calendar.
pub fn day_number(day: Day) -> i32 {
    // Howard Hinnant's days_from_civil.
    let month = i32::from(day.month());
    let year = day.year() - i32::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year =
        (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i32::from(day.day()) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The day with this [`day_number`].
pub fn day_from_number(number: i32) -> Day {
    // Howard Hinnant's civil_from_days.
    let z = number + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = year_of_era + era * 400 + i32::from(month <= 2);
    // Always a real calendar day; a year outside the atlas's range is pulled into it.
    Day::new(year, month, day).unwrap_or_else(|_| Day::month_start(year, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_count_days() {
        let epoch = Day::new(1970, 1, 1).expect("a day");
        assert_eq!(day_number(epoch), 0);
        let leap = Day::new(2024, 2, 29).expect("a day");
        let next = Day::new(2024, 3, 1).expect("a day");
        assert_eq!(day_number(next) - day_number(leap), 1);
        // Days within the years a Day can hold (1900–2100).
        for n in [-25_000, -1, 0, 59, 60, 19_000, 20_000, 47_482] {
            assert_eq!(day_number(day_from_number(n)), n, "{n}");
        }
        assert_eq!(day_from_number(day_number(leap)), leap);
    }
}
